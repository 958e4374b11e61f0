/** "Disable for this line / this file" edits and the minimal edit behind "fix all": applied to every finding of the fixtures. */
import { strict as assert } from 'node:assert';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { applyEdits, lintText, resolveConfig, type Diagnostic } from '../../src/core';
import { disableFileEdit, disableLineEdit } from '../../src/core/suppress';
import { minimalEdit } from '../../src/core/text';

const ROOT = path.resolve(__dirname, '../fixtures');
const NOW = new Date('2026-11-21T12:00:00Z');
const config = resolveConfig([], ROOT);

function notesUnder(folder: string): string[] {
  return readdirSync(folder, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith('.md'))
    .map((entry) => path.join(entry.parentPath, entry.name));
}

const NOTES = [...notesUnder(path.join(ROOT, 'examples')), ...notesUnder(path.join(ROOT, 'rules')).filter((file) => !file.includes('RN017'))];
const lint = (text: string, file: string) => lintText(text, { path: file, config, now: NOW }).diagnostics;
// Messages may name a line ("the first is on line 7"), which an inserted comment moves.
const key = (diagnostic: Diagnostic) => `${diagnostic.ruleId} ${diagnostic.message.replace(/line \d+/g, "line N")}`;

/** What is left after suppressing `target`'s rule on its line: the other findings, by rule and message. */
function others(all: readonly Diagnostic[], target: Diagnostic): string[] {
  return all
    .filter((other) => other.ruleId !== target.ruleId || other.range.start.line !== target.range.start.line)
    .map(key)
    .sort();
}

describe('disable comments inserted by the editor', () => {
  let line = 0;
  let file = 0;
  after(() => {
    // Every finding had a file-level fix; most had a line-level one.
    assert.ok(file > 100 && line > 50, `${file} file edits, ${line} line edits`);
  });
  for (const note of NOTES) {
    it(`silence exactly their finding in ${path.relative(ROOT, note)}`, () => {
      const text = readFileSync(note, 'utf8');
      const before = lint(text, note);
      for (const diagnostic of before) {
        const lineEdit = disableLineEdit(text, diagnostic);
        if (lineEdit) {
          line++;
          const after = lint(applyEdits(text, [lineEdit]), note);
          assert.deepEqual(after.map(key).sort(), others(before, diagnostic), `line comment for ${key(diagnostic)} at ${diagnostic.range.start.line + 1}`);
        }
        const fileEdit = disableFileEdit(text, diagnostic.ruleId);
        // Front matter that never closes has no body to hold the comment.
        if (!fileEdit && text.startsWith('---') && diagnostic.ruleId === 'RN014') continue;
        if (!fileEdit && /fires-unterminated/.test(note)) continue;
        assert.ok(fileEdit, `a file comment for ${key(diagnostic)}`);
        // An explicit enable comment further down wins over the file-wide disable, as the author asked.
        if (text.includes(`runbook-notes-enable ${diagnostic.ruleId}`)) continue;
        file++;
        const after = lint(applyEdits(text, [fileEdit]), note);
        assert.deepEqual(
          after.map(key).sort(),
          before.filter((other) => other.ruleId !== diagnostic.ruleId).map(key).sort(),
          `file comment for ${key(diagnostic)}`,
        );
      }
    });
  }
});

describe('minimalEdit', () => {
  it('replaces only the part that differs, never splitting CRLF or a surrogate pair', () => {
    assert.deepEqual(minimalEdit('abcXdef', 'abcYYdef'), { start: 3, end: 4, text: 'YY' });
    assert.equal(minimalEdit('same', 'same'), undefined);
    for (const [before, after] of [
      ['a\r\nb', 'a\nb'],
      ['x\uD83D\uDE00y', 'x\uD83D\uDE01y'],
      ['', 'new'],
      ['old', ''],
      ['aaa', 'aaaa'],
    ] as const) {
      const edit = minimalEdit(before, after);
      assert.ok(edit);
      assert.equal(applyEdits(before, [edit]), after);
      assert.ok(!/^[\uDC00-\uDFFF\n]/.test(edit.text) || edit.start === 0 || before[edit.start - 1] !== '\r', JSON.stringify(edit));
    }
  });
});
