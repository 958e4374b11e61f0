/**
 * Templates, snippets and quick-fix skeletons (issue 15): one source read as plain text and as a
 * snippet; nothing in them that Markdown reads as HTML; "Add all missing" in one edit; front matter
 * that does not start on the first line, reported once and fixed.
 */
import { strict as assert } from 'node:assert';
import remarkFrontmatter from 'remark-frontmatter';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { addMissingFields, applyEdits, fixAll, lintText, noteTemplate, resolveConfig, SNIPPETS, type Diagnostic } from '../../src/core';
import { parseConfigText } from '../../src/core/config/resolve';
import { choice, placeholder, skeletonSnippet, skeletonText } from '../../src/core/skeleton';
import { noteSkeleton } from '../../src/core/templates';

const NOW = new Date('2026-11-21T12:00:00Z');
const config = resolveConfig([], '/repo');
/** A team's configuration: a kind with a configured field and a built-in one, and an alias heading. */
const teamConfig = resolveConfig(
  [
    {
      base: '/repo',
      file: '/repo/.runbook-notes.json',
      config: parseConfigText('{ "kinds": { "alert-runbook": { "include": ["alerts/**/*.md"], "require": ["owner", "mitigation", "rollback", "checklist"] } }, "fields": { "mitigation": { "headings": ["mitigation", "stop the bleeding"] } } }', '/repo/.runbook-notes.json'),
    },
  ],
  '/repo',
);
const PATHS: Record<string, string> = { runbook: '/repo/runbooks/x.md', 'change-note': '/repo/changes/x.md', post: '/repo/posts/x.md', 'alert-runbook': '/repo/alerts/x.md' };

interface MdNode {
  type: string;
  value?: string;
  children?: MdNode[];
}

/** Every `html` node of the Markdown tree (front matter read as YAML, as VS Code's preview and GitHub do). */
function htmlNodes(markdown: string): string[] {
  const tree = unified().use(remarkParse).use(remarkFrontmatter, ['yaml']).parse(markdown) as MdNode;
  const found: string[] = [];
  const visit = (node: MdNode) => {
    if (node.type === 'html') found.push(node.value ?? '');
    node.children?.forEach(visit);
  };
  visit(tree);
  return found;
}

describe('skeletons', () => {
  it('read as plain text: defaults, first choices, mirrors', () => {
    const skeleton = ['# ', placeholder('Title', 'title'), '\n', choice(['draft', 'published']), ' ', placeholder('Title', 'title'), ' $5 {x}'];
    assert.equal(skeletonText(skeleton), '# Title\ndraft Title $5 {x}');
  });
  it('read as a snippet: tab stops in order, mirrors by name, $ and \\ escaped, } escaped inside placeholders, $0 last', () => {
    const skeleton = ['# ', placeholder('Title', 'title'), '\n', choice(['a,b', 'c|d']), ' ', placeholder('Title', 'title'), ' $5 {x} \\', placeholder('a}b$')];
    assert.equal(skeletonSnippet(skeleton), '# ${1:Title}\n${2|a\\,b,c\\|d|} ${1} \\$5 {x} \\\\${3:a\\}b\\$}$0');
    assert.equal(skeletonSnippet(['x'], { final: false }), 'x');
  });
  it('a variable needs its value in plain text, and stays a variable in the snippet', () => {
    const skeleton = ['on ', placeholder([{ variable: 'CURRENT_YEAR' }, '-01'])];
    assert.throws(() => skeletonText(skeleton), /CURRENT_YEAR/);
    assert.equal(skeletonText(skeleton, { CURRENT_YEAR: '2026' }), 'on 2026-01');
    assert.equal(skeletonSnippet(skeleton), 'on ${1:${CURRENT_YEAR}-01}$0');
  });
});

describe('nothing Markdown reads as HTML', () => {
  for (const [name, configuration] of [
    ['built-in kinds', config],
    ['a kind from the configuration', teamConfig],
  ] as const) {
    for (const kind of configuration.kinds.map((definition) => definition.name)) {
      it(`the ${kind} template (${name}), as text and as inserted from its snippet`, () => {
        const skeleton = noteSkeleton(kind, configuration);
        assert.ok(skeleton);
        assert.deepEqual(htmlNodes(skeletonText(skeleton)), []);
        assert.equal(noteTemplate(kind, configuration), skeletonText(skeleton));
      });
    }
  }
  for (const snippet of SNIPPETS) {
    it(`the ${snippet.prefix} snippet`, () => {
      assert.deepEqual(htmlNodes(skeletonText(snippet.skeleton, { CURRENT_YEAR: '2026', CURRENT_MONTH: '11', CURRENT_DATE: '21' })), []);
    });
  }
  const bare: [string, string, typeof config][] = [
    ['runbook', '---\nkind: runbook\n---\n\n# Restart the API workers\n', config],
    ['change-note', '# Add an index\n\nSome text.', config],
    ['alert-runbook', '---\nkind: alert-runbook\ntitle: Disk full\n---\n', teamConfig],
  ];
  for (const [kind, text, configuration] of bare) {
    it(`every suggestion of the missing-field rules in a bare ${kind}, and all of them added at once`, () => {
      const diagnostics = lintText(text, { path: PATHS[kind] as string, config: configuration, now: NOW }).diagnostics;
      const suggestions = diagnostics.flatMap((diagnostic) => (diagnostic.missingField ? diagnostic.suggestions : []));
      assert.ok(suggestions.length >= 3, `suggestions in the bare ${kind}`);
      for (const suggestion of suggestions) assert.deepEqual(htmlNodes(applyEdits(text, suggestion.edits)), [], suggestion.title);
      const all = addMissingFields(text, (current) => lintText(current, { path: PATHS[kind] as string, config: configuration, now: NOW }).diagnostics);
      assert.deepEqual(htmlNodes(all.text), []);
    });
  }
});

describe('Add all missing fields', () => {
  const lint = (text: string, path: string, configuration = config): Diagnostic[] => lintText(text, { path, config: configuration, now: NOW }).diagnostics;
  const cases: [string, string, string, typeof config, number][] = [
    ['a change note with front matter and nothing else', '---\nkind: change-note\ntitle: Add an index\n---\n\n# Add an index\n', PATHS['change-note'] as string, config, 6],
    ['a runbook found by its path, without front matter, ending without a line break', '# Restart the API workers\n\nUse this when the workers leak memory.', PATHS.runbook as string, config, 5],
    ['a runbook with CRLF line ends and a byte order mark', '\uFEFF---\r\nkind: runbook\r\nowner: "@ops"\r\n---\r\n\r\n# Restart\r\n\r\n## Rollback\r\n\r\nStart the old release: `./deploy.sh --previous`.\r\n', PATHS.runbook as string, config, 3],
    ['a kind from the configuration', '---\nkind: alert-runbook\ntitle: Disk full\n---\n\n# Disk full\n\n', PATHS['alert-runbook'] as string, teamConfig, 4],
  ];
  for (const [name, text, path, configuration, count] of cases) {
    it(`adds every missing field of ${name}, each once, in order, and leaves only placeholders`, () => {
      const before = lint(text, path, configuration).filter((diagnostic) => diagnostic.missingField);
      assert.equal(before.length, count, before.map((diagnostic) => diagnostic.message).join('\n'));
      const result = addMissingFields(text, (current) => lint(current, path, configuration));
      assert.equal(result.applied, count);
      const after = lint(result.text, path, configuration);
      assert.deepEqual(after.filter((diagnostic) => diagnostic.missingField), [], 'no field is missing any more');
      assert.deepEqual([...new Set(after.map((diagnostic) => diagnostic.ruleId))].filter((id) => id !== 'RN009'), [], `only placeholders are left:\n${result.text}`);
      if (text.startsWith('\uFEFF')) assert.ok(result.text.startsWith('\uFEFF') && !result.text.startsWith('\uFEFF\uFEFF'), 'the byte order mark is kept');
      if (text.includes('\r\n')) assert.ok(!/[^\r]\n/.test(result.text), 'CRLF line ends stay CRLF');
      const titles = [...result.text.matchAll(/^## (.+?)\r?$/gm)].map((match) => match[1]);
      assert.equal(new Set(titles).size, titles.length, 'each section once');
      assert.ok(!/\n\n\n/.test(result.text.replace(/\r/g, '')), 'one blank line between sections');
    });
  }
  it('does nothing on a complete note', () => {
    const text = noteTemplate('runbook', config) as string;
    assert.deepEqual(addMissingFields(text, (current) => lint(current, PATHS.runbook as string)), { text, applied: 0 });
  });
});

describe('front matter that does not start on the first line', () => {
  const lint = (text: string, path = PATHS.runbook as string) => lintText(text, { path, config, now: NOW });
  const complete = (noteTemplate('runbook', config) as string).replace('title: Title', 'title: Restart').replace('"<owner>"', '"@ops"');
  const variants: [string, string][] = [
    ['a blank line', `\n${complete}`],
    ['blank lines with spaces', ` \n\t\n${complete}`],
    ['a title heading', `# Restart the API workers\n\n${complete}`],
    ['a heading and CRLF line ends', `# Restart\r\n\r\n${complete.replace(/\n/g, '\r\n')}`],
  ];
  for (const [what, text] of variants) {
    it(`below ${what}: one RN014 on its fence, its fields still read, and the fix puts it on line 1`, () => {
      const result = lint(text);
      assert.equal(result.kind, 'runbook');
      const rn014 = result.diagnostics.filter((diagnostic) => diagnostic.ruleId === 'RN014');
      assert.equal(rn014.length, 1);
      assert.match(rn014[0]?.message ?? '', /must start on the first line/);
      assert.deepEqual(result.diagnostics.filter((diagnostic) => diagnostic.missingField), [], 'no field is reported missing');
      const fixed = fixAll(text, (current) => lint(current).diagnostics).text;
      assert.ok(fixed.startsWith('---'), fixed);
      assert.deepEqual(lint(fixed).diagnostics.filter((diagnostic) => diagnostic.ruleId === 'RN014'), []);
      const heading = /^#[^\r\n]*/.exec(text)?.[0];
      if (heading) assert.ok(fixed.includes(heading), 'the heading is kept');
    });
  }
  it('is not taken from a thematic break and a setext heading below a title without kind:', () => {
    const text = '# Release notes\n\n---\nstatus: shipped\n---\n\nBody.\n';
    assert.equal(lint(text, '/repo/posts/release.md').note?.frontMatter, undefined);
  });
  it('is not taken from a thematic break below a paragraph', () => {
    assert.equal(lint('Some text.\n\n---\nkind: runbook\n---\n', '/repo/notes/x.md').isNote, false);
  });
});
