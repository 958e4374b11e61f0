import type { FrontMatter } from '../frontMatter';
import type { ParsedNote } from '../parse';
import type { Finding, Remedy } from '../types';
import { defineRule } from './rule';

export const frontMatterSyntax = defineRule({
  id: 'RN014',
  name: 'front-matter-syntax',
  defaultSeverity: 'error',
  description: 'Front matter that is not valid YAML, not a map, never closed, or not on the first line.',
  appliesTo: 'all notes',
  location: "the YAML error's own position; the opening `---` of front matter that is not on the first line",
  remedy: 'fix',
  remedyText: 'front matter not on the first line: the blank lines above it are removed, a heading above it moves below it',
  check({ note }): Finding[] {
    if (note.unterminatedFrontMatter) return [{ ...note.unterminatedFrontMatter }];
    const findings: Finding[] = (note.frontMatter?.errors ?? []).map((error) => ({
      start: error.start,
      end: error.end,
      message: `Front matter is not valid YAML: ${error.message}`,
    }));
    if (note.frontMatter?.misplaced) findings.unshift(misplacedFinding(note, note.frontMatter));
    return findings;
  },
});

/**
 * Front matter below blank lines or a heading: Markdown readers (VS Code's preview, GitHub, static
 * site generators) take it for body text. The fix removes the blank lines, and moves headings
 * below the block, keeping them.
 */
function misplacedFinding(note: ParsedNote, frontMatter: FrontMatter): Finding {
  const above = note.text.slice(0, frontMatter.block.start);
  const headings = above
    .split(/\r\n|\r|\n/)
    .filter((line) => line.trim() !== '');
  const lines = note.lines.positionAt(frontMatter.block.start).line;
  const what = headings.length === 0 ? `${lines === 1 ? 'a blank line stands' : `${lines} blank lines stand`} above it` : `${headings.length === 1 ? 'a heading stands' : `${headings.length} headings stand`} above it`;
  const fix: Remedy =
    headings.length === 0
      ? { title: 'Remove the blank lines above the front matter', edits: [{ start: 0, end: frontMatter.block.start, text: '' }] }
      : {
          title: `Move the ${headings.length === 1 ? 'heading' : 'headings'} below the front matter`,
          edits: [
            { start: 0, end: frontMatter.block.start, text: '' },
            { start: frontMatter.block.end, end: frontMatter.block.end, text: `${note.eol}${note.eol}${headings.join(note.eol)}` },
          ],
        };
  return {
    ...frontMatter.openingFence,
    message: `Front matter must start on the first line: ${what}, so Markdown reads it as body text. Its keys are still checked`,
    fix,
  };
}
