/**
 * The injection grammar (syntaxes/runbook-notes.injection.tmLanguage.json), run the way VS Code runs it: vscode-textmate
 * with Oniguruma, on top of VS Code's own Markdown grammar (vendored in test/fixtures/grammars, see NOTICE.md there).
 * What it highlights must be what the core recognises: the same label aliases, the same placeholders, the same
 * disable comments and rule ids.
 */
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import * as oniguruma from 'vscode-oniguruma';
import { INITIAL, parseRawGrammar, Registry, type IGrammar, type StateStack } from 'vscode-textmate';
import { BUILTIN_FIELDS } from '../../src/core/fields';
import { parseNote } from '../../src/core/parse';
import { isPlaceholder } from '../../src/core/fields/placeholders';
import { RULES } from '../../src/core/rules';
import { grammarText } from '../../scripts/grammarPlaceholders';

const root = path.resolve(__dirname, '../..');
const manifest = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));
const MARKDOWN = 'text.html.markdown';

interface GrammarContribution {
  scopeName: string;
  path: string;
  injectTo?: string[];
  language?: string;
}

const contribution = (manifest.contributes?.grammars ?? []).find((grammar: GrammarContribution) => grammar.injectTo?.includes(MARKDOWN)) as GrammarContribution | undefined;
const grammarPath = path.join(root, contribution?.path ?? 'syntaxes/runbook-notes.injection.tmLanguage.json');
const rawGrammar = JSON.parse(readFileSync(grammarPath, 'utf8'));

const LABEL = 'entity.name.tag.field-label.runbook-notes';
const PLACEHOLDER = 'invalid.deprecated.placeholder.runbook-notes';
const DIRECTIVE = 'keyword.control.directive.runbook-notes';
const RULE_REF = 'constant.language.rule.runbook-notes';

interface Token {
  text: string;
  scopes: string[];
}

let markdown: IGrammar;

before(async () => {
  const wasm = readFileSync(require.resolve('vscode-oniguruma/release/onig.wasm'));
  await oniguruma.loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength));
  const files: Record<string, string> = {
    [MARKDOWN]: path.join(root, 'test/fixtures/grammars/markdown.tmLanguage.json'),
    [rawGrammar.scopeName]: grammarPath,
  };
  const registry = new Registry({
    onigLib: Promise.resolve({
      createOnigScanner: (patterns: string[]) => new oniguruma.OnigScanner(patterns),
      createOnigString: (text: string) => new oniguruma.OnigString(text),
    }),
    loadGrammar: async (scopeName: string) => {
      // The Markdown grammar enters front matter only when it can include a YAML grammar: this stands in for VS Code's.
      if (scopeName === 'source.yaml') return parseRawGrammar(JSON.stringify({ scopeName, patterns: [{ match: '^[\\w-]+(?=:)', name: 'entity.name.tag.yaml' }] }), 'yaml.json');
      const file = files[scopeName];
      return file ? parseRawGrammar(readFileSync(file, 'utf8'), file) : null;
    },
    // What `injectTo` in the manifest makes VS Code do.
    getInjections: (scopeName: string) => (contribution?.injectTo?.includes(scopeName) ? [contribution.scopeName] : undefined),
  });
  const loaded = await registry.loadGrammar(MARKDOWN);
  assert.ok(loaded, 'the Markdown grammar loads');
  markdown = loaded;
});

function tokenize(text: string): Token[][] {
  let state: StateStack = INITIAL;
  return text.split('\n').map((line) => {
    const result = markdown.tokenizeLine(line, state);
    state = result.ruleStack;
    return result.tokens.map((token) => ({ text: line.slice(token.startIndex, token.endIndex), scopes: token.scopes }));
  });
}

/** The texts of the tokens of a line that carry `scope` (or a scope below it, such as `scope.markdown`). */
function scoped(line: Token[], scope: string): string[] {
  return line.filter((token) => token.scopes.some((name) => name === scope || name.startsWith(`${scope}.`))).map((token) => token.text);
}

function ours(line: Token[]): Token[] {
  return line.filter((token) => token.scopes.some((name) => name.endsWith('.runbook-notes')));
}

/** The `(?i:(a|b +c|…))` alternation of a pattern, as plain strings. */
function alternation(source: string, marker: string): string[] {
  const start = source.indexOf(marker);
  assert.ok(start >= 0, `pattern has ${marker}`);
  let depth = 0;
  let end = start + marker.length;
  for (; end < source.length; end++) {
    if (source[end] === '(') depth++;
    if (source[end] === ')') {
      if (depth === 0) break;
      depth--;
    }
  }
  return source.slice(start + marker.length, end).split('|').map((alias) => alias.replace(/ \+/g, ' ').replace(/\\(.)/g, '$1'));
}

describe('injection grammar', () => {
  it('is contributed as an injection into Markdown, with the scope name the file declares', () => {
    assert.ok(contribution, 'contributes.grammars has an entry with injectTo text.html.markdown');
    assert.equal(contribution.scopeName, rawGrammar.scopeName);
    assert.equal(contribution.language, undefined, 'an injection grammar belongs to no language');
    assert.match(rawGrammar.injectionSelector, /^L:text\.html\.markdown /);
    for (const excluded of ['-comment', '-markup.fenced_code', '-markup.inline.raw', '-markup.raw', '-meta.embedded.block.frontmatter']) {
      assert.ok(rawGrammar.injectionSelector.split(' ').includes(excluded), `selector excludes ${excluded}`);
    }
  });

  describe('field labels', () => {
    const labelPatterns = rawGrammar.repository['field-label'].patterns as { begin: string }[];

    it('know exactly the built-in heading aliases of the fields that labels can fill (not the checklist)', () => {
      const expected = BUILTIN_FIELDS.filter((field) => !field.taskList).flatMap((field) => field.headings).sort();
      for (const pattern of labelPatterns) assert.deepEqual(alternation(pattern.begin, '(?i:(').sort(), expected);
    });

    it('highlight each alias in the forms the core reads as a labelled line', () => {
      for (const alias of BUILTIN_FIELDS.filter((field) => !field.taskList).flatMap((field) => field.headings)) {
        const title = alias.charAt(0).toUpperCase() + alias.slice(1);
        for (const line of [`${title}: value`, `**${title}:** value`, `**${title}**: value`, `__${alias}:__ value`, `- ${alias}: value`, `> ${title}: value`, `1. ${title}: value`]) {
          assert.deepEqual(scoped(tokenize(line)[0] ?? [], LABEL), [line.includes(title) ? title : alias], line);
          const note = parseNote(`${line}\n`);
          assert.ok(note.labels.some((label) => label.normalized === alias), `the core reads a label in ${line}`);
        }
      }
    });

    it('scope the colon and the bold markers, and keep the value Markdown', () => {
      const [plain = [], bold = [], boldColonOutside = []] = tokenize('Owner: [@alice](https://example.com/alice)\n**Rollback:** run `deploy.sh --previous`\n**Expected result**: all green');
      assert.deepEqual(scoped(plain, 'punctuation.separator.key-value.runbook-notes'), [':']);
      assert.ok(scoped(plain, 'markup.underline.link.markdown').includes('https://example.com/alice'), 'the link in the value is still a link');
      assert.deepEqual(scoped(bold, 'punctuation.definition.bold.markdown'), ['**', '**']);
      assert.deepEqual(scoped(bold, 'markup.bold.markdown'), ['**', 'Rollback', ':', '**']);
      assert.ok(scoped(bold, 'markup.inline.raw.string.markdown').includes('deploy.sh --previous'));
      assert.deepEqual(scoped(boldColonOutside, LABEL), ['Expected result']);
      assert.deepEqual(scoped(boldColonOutside, 'markup.bold.markdown'), ['**', 'Expected result', '**']);
    });

    it('leave other labels, labels in the middle of a line and look-alikes alone', () => {
      for (const line of ['Note: check the dashboards', 'Ownership: the platform team', 'Owner:@alice', 'The owner: alice', 'Checklist: see below', '## Owner: alice', '    Owner: alice', '| Owner: | @alice |']) {
        assert.deepEqual(scoped(tokenize(line)[0] ?? [], LABEL), [], line);
      }
      const [row = []] = tokenize('| Owner: x | TODO |');
      assert.deepEqual(scoped(row, 'punctuation.definition.table.markdown'), ['|', '|', '|'], 'a label-like first cell does not swallow the row');
      assert.deepEqual(scoped(row, PLACEHOLDER), ['TODO']);
    });
  });

  describe('placeholders', () => {
    it('are written from the core\'s own patterns (npm run build writes them; see scripts/grammarPlaceholders.ts)', () => {
      assert.equal(readFileSync(grammarPath, 'utf8'), grammarText(rawGrammar), 'the committed grammar is out of date: run npm run build');
    });

    // The core's own examples (test/unit/core.test.ts) and the edges of each pattern in src/core/fields/placeholders.ts.
    const values = [
      'TODO', 'todo', 'TBD', 'tbd.', 'FIXME', 'FIXME!', '???', '?????', 'N/A', 'n/a', '...', '....', '…', '<owner>', '<what changed>', "<team's name>",
      'TODO: who owns this', 'TODO(alice) later', 'TBD — next sprint', 'FIXME, then', 'TODO.', '**TBD**', '_N/A_', '*...*', '__TODO: later__', '** TODO **',
      'Todo app migration', 'todos are tracked in JIRA', 'todo: lower case takes no hint', '<https://example.com>', '<ops@example.com>', '<1st>', '@alice',
      'N/A-rated', 'see TODO.md', 'TODOs', 'TODO**', '**TODO**: later', 'TBD soon?', '?? maybe', '. . .', 'the owner is TODO', '**TODO: x** y', 'a | TODO',
      // Template engines' and hand-written templates' markers, and what is near them but is not one.
      '${OWNER}', '${ team name }', '${}', '$ {OWNER}', '$OWNER', '$O', '$owner', '{{ owner }}', '{{owner}}', '{{}}', '{owner}', '{ owner }', '{1x}', '{owner', 'a {owner}',
      'YYYY-MM-DD', 'yyyy-mm-dd', 'DD/MM/YYYY', 'HH:MM', 'YYYY-MM-DDTHH:mm:ss', 'YYYY', 'YYYY-MM-DD 12', 'xxx', 'XXXX', 'xx', 'XXX-XXXX', 'XX.XX.XX', 'X-X', 'XXX-',
      'CHANGEME', 'CHANGE_ME', 'change me', 'REPLACE_ME', 'FILL_ME_IN', 'fill me in', 'edit-me!', 'changed me', 'update', 'Lorem ipsum dolor sit amet', 'lorem ipsum', 'lorem ipsumx', 'loremipsum',
      '@your-team', '@your_org', '@username', '@user', '@handle', '@github-handle', '@org/team-name', '@organisation/team', '@someone', '@team-name', '@yourself2', '@users', '@alice-team',
      'oncall@example.com', 'mailto:sre@example.org', 'a.b@mail.example.net', 'sre@example.community', 'sre@notexample.com', 'two words@example.com',
      '[Describe the rollback]', '[owner]', '[ who owns this ]', '[x]', '[ ]', '[^1]', '[1]', '[12]', '[a]', '[ab]', '[a b]', '[[owner]]', '[owner](https://x)', '[owner] and more',
      '<br>', '<details>', '<summary>', '<BR>', '<br >', '<summary of it>', '<title>',
    ];
    const contexts: [string, (value: string) => string][] = [
      ['a label value', (value) => `Owner: ${value}`],
      ['a bold label value', (value) => `**Rollback:** ${value}`],
      ['a paragraph', (value) => value],
      ['a list item', (value) => `- ${value}`],
      ['a numbered list item', (value) => `2. ${value}`],
      ['a quote', (value) => `> ${value}`],
      ['a table cell', (value) => `| metric | ${value} |`],
    ];

    it('are exactly the values isPlaceholder accepts, wherever a value starts', () => {
      for (const value of values) {
        for (const [where, write] of contexts) {
          if (where === 'a table cell' && value.includes('|')) continue;
          const line = write(value);
          const found = scoped(tokenize(line)[0] ?? [], PLACEHOLDER);
          assert.equal(found.length > 0, isPlaceholder(value), `${JSON.stringify(value)} in ${where} (${JSON.stringify(line)}): isPlaceholder says ${isPlaceholder(value)}, the grammar found ${JSON.stringify(found)}`);
        }
      }
    });

    it('mark the marker of a hinted placeholder and keep the hint Markdown', () => {
      const [line = []] = tokenize('TODO: say when to run `restart.sh`.');
      assert.deepEqual(scoped(line, PLACEHOLDER), ['TODO']);
      assert.deepEqual(scoped(line, 'markup.inline.raw.string.markdown'), ['`', 'restart.sh', '`']);
    });

    it('are found in every cell of a metrics table', () => {
      const lines = tokenize('| metric | before | after |\n| --- | --- | --- |\n| TODO | <value> | 12 ms |');
      assert.deepEqual(scoped(lines[0] ?? [], PLACEHOLDER), []);
      assert.deepEqual(scoped(lines[2] ?? [], PLACEHOLDER), ['TODO', '<value>']);
      assert.ok((lines[2] ?? []).every((token) => token.scopes.includes('markup.table.markdown')), 'the row is still a table row');
    });
  });

  describe('disable comments', () => {
    it('know exactly the rule ids and names of the rule list', () => {
      const { match } = rawGrammar.repository['disable-comment'].patterns[0] as { match: string };
      assert.deepEqual(alternation(match, '(?i:'), RULES.map((rule) => rule.id));
      const names = match.slice(match.indexOf(')|') + 2, match.lastIndexOf(')(?='));
      assert.deepEqual(names.split('|'), RULES.map((rule) => rule.name));
    });

    it('highlight the directive and the rules it names, in the three forms', () => {
      const lines = tokenize([
        '<!-- runbook-notes-disable RN003 rn009, metric-missing not-a-rule RN099 -->',
        '<!-- runbook-notes-enable RN003 -->',
        '<!-- runbook-notes-disable-next-line placeholder-value -->',
        '<!--runbook-notes-disable-->',
        'Deploy first. <!-- runbook-notes-disable-next-line RN009 --> Then wait.',
      ].join('\n'));
      const [disable = [], enable = [], nextLine = [], bare = [], inline = []] = lines;
      assert.deepEqual(scoped(disable, DIRECTIVE), ['runbook-notes-disable']);
      assert.deepEqual(scoped(disable, RULE_REF), ['RN003', 'rn009', 'metric-missing']);
      assert.deepEqual(scoped(disable, 'punctuation.definition.comment.html'), ['<!--', '-->']);
      assert.ok(disable.every((token) => token.scopes.includes('comment.block.html')), 'the whole directive is still a comment');
      assert.deepEqual(scoped(enable, DIRECTIVE), ['runbook-notes-enable']);
      assert.deepEqual(scoped(enable, RULE_REF), ['RN003']);
      assert.deepEqual(scoped(nextLine, DIRECTIVE), ['runbook-notes-disable-next-line']);
      assert.deepEqual(scoped(nextLine, RULE_REF), ['placeholder-value']);
      assert.deepEqual(scoped(bare, DIRECTIVE), ['runbook-notes-disable']);
      assert.deepEqual(scoped(inline, DIRECTIVE), ['runbook-notes-disable-next-line']);
      assert.deepEqual(scoped(inline, RULE_REF), ['RN009']);
    });

    it('leave comments alone that the core does not read as directives', () => {
      for (const line of ['<!-- runbook-notes-disableRN001 -->', '<!-- runbook-notes-disable,RN001 -->', '<!-- please runbook-notes-disable RN001 -->', '<!-- markdownlint-disable MD001 -->', '<!-- Owner: TODO -->']) {
        assert.deepEqual(ours(tokenize(line)[0] ?? []), [], line);
      }
    });
  });

  describe('where nothing is injected', () => {
    it('fenced code, inline code, indented code, HTML comments, front matter and headings', () => {
      const text = [
        '---',
        'owner: <owner>',
        'rollback: TODO',
        '---',
        '',
        '# <title>',
        '',
        '```sh',
        'Owner: TODO',
        '<!-- runbook-notes-disable RN001 -->',
        'TODO',
        '```',
        '',
        '~~~',
        '**Rollback:** <owner>',
        '~~~',
        '',
        'Run `Owner: TODO` and `<!-- runbook-notes-disable RN001 -->` as shown.',
        '',
        '    Owner: TODO',
        '    TODO',
        '',
        '<!--',
        'Owner: TODO',
        '-->',
        '<!-- TODO: Owner: <owner> -->',
        '',
        '## Owner: TODO',
      ].join('\n');
      tokenize(text).forEach((line, index) => assert.deepEqual(ours(line), [], `line ${index + 1}: ${text.split('\n')[index]}`));
    });

    it('the Markdown around a note keeps its own scopes', () => {
      const lines = tokenize('- Owner: @alice\n- [ ] TODO\n\n> **Reason:** TBD\n\n1. TODO');
      assert.deepEqual(scoped(lines[0] ?? [], 'punctuation.definition.list.begin.markdown'), ['-']);
      assert.ok((lines[0] ?? []).every((token) => token.scopes.includes('markup.list.unnumbered.markdown')));
      assert.deepEqual(scoped(lines[3] ?? [], 'punctuation.definition.quote.begin.markdown'), ['>']);
      assert.deepEqual(scoped(lines[3] ?? [], PLACEHOLDER), ['TBD']);
      assert.deepEqual(scoped(lines[5] ?? [], 'punctuation.definition.list.begin.markdown'), ['1.']);
    });

    it('tokenizes long lines quickly (VS Code tokenizes lines up to 20,000 characters)', () => {
      // Each of these once took seconds: a placeholder nested in itself per word, a look-behind over the whole line at
      // every position. Tens of milliseconds each now; the bound only catches such a regression on a slow machine.
      const lines = ['TODO '.repeat(4000), `- ${'TODO: '.repeat(3000)}`, `Owner: ${'a | TODO '.repeat(2000)}`, `${'| TODO '.repeat(200)}|`, `<!-- runbook-notes-disable ${'RN001 '.repeat(3000)}-->`, '**'.repeat(5000)];
      for (const line of lines) {
        const started = performance.now();
        tokenize(line);
        const took = performance.now() - started;
        assert.ok(took < 2000, `${JSON.stringify(line.slice(0, 20))}… (${line.length} characters) took ${took.toFixed(0)} ms`);
      }
    });
  });
});
