/**
 * The snippets (snippets/runbook-notes.code-snippets): expanded the way VS Code expands them, they must say what the
 * core's templates and skeletons say, leave only placeholders that RN009 flags, and lint clean once those are filled.
 */
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse as parseJsonc, type ParseError } from 'jsonc-parser';
import { parse as parseYaml } from 'yaml';
import { lintText, noteTemplate, resolveConfig } from '../../src/core';
import { noteSnippet, snippetsFileText } from '../../src/core/templates';
import { DIFFICULTIES, KNOWN_KEYS, REVISION_STATUSES } from '../../src/core/metaSchema';
import { isPlaceholder } from '../../src/core/fields/placeholders';
import { CHECKLIST_SKELETON } from '../../src/core/rules/checklistMissing';
import { COMMAND_SKELETON } from '../../src/core/rules/commandMissing';
import { EXPECTED_RESULT_SKELETON } from '../../src/core/rules/expectedResultMissing';
import { FILES_TOUCHED_SKELETON } from '../../src/core/rules/filesTouchedMissing';
import { METRICS_SKELETON } from '../../src/core/rules/metricMissing';
import { REASON_SKELETON } from '../../src/core/rules/reasonMissing';
import { ROLLBACK_SKELETON } from '../../src/core/rules/rollbackMissing';

// ---------------------------------------------------------------------------------------------
// A small expander for VS Code's snippet syntax: tab stops ($1, ${1}), placeholders (${1:default},
// nested), choices (${1|a,b|}: the first is inserted), $0, variables ($NAME, ${NAME}, ${NAME:default})
// and the escapes \$, \}, \\ (and \, \| inside choices). Transforms are not supported: it throws.
// ---------------------------------------------------------------------------------------------

type SnippetNode =
  | { kind: 'text'; text: string }
  | { kind: 'tabstop'; index: number }
  | { kind: 'placeholder'; index: number; children: SnippetNode[] }
  | { kind: 'choice'; index: number; options: string[] }
  | { kind: 'variable'; name: string; children?: SnippetNode[] };

function parseSnippet(source: string): SnippetNode[] {
  let pos = 0;
  const fail = (message: string): never => {
    throw new Error(`${message} at offset ${pos} of ${JSON.stringify(source)}`);
  };
  const readInt = (): number | undefined => {
    const match = /^\d+/.exec(source.slice(pos));
    if (!match) return undefined;
    pos += match[0].length;
    return Number(match[0]);
  };
  const readName = (): string | undefined => {
    const match = /^[_a-zA-Z][_a-zA-Z0-9]*/.exec(source.slice(pos));
    if (!match) return undefined;
    pos += match[0].length;
    return match[0];
  };
  const readChoice = (): string[] => {
    const options: string[] = [];
    let current = '';
    for (;;) {
      const char = source[pos];
      if (char === undefined) fail('unterminated choice');
      if (char === '\\' && source[pos + 1] !== undefined && ',|\\'.includes(source[pos + 1] as string)) {
        current += source[pos + 1];
        pos += 2;
      } else if (char === ',') {
        options.push(current);
        current = '';
        pos++;
      } else if (char === '|' && source[pos + 1] === '}') {
        options.push(current);
        pos += 2;
        return options;
      } else {
        current += char;
        pos++;
      }
    }
  };
  /** Nodes up to the end, or up to the `}` that closes a placeholder when `nested`. */
  const readNodes = (nested: boolean): SnippetNode[] => {
    const nodes: SnippetNode[] = [];
    let text = '';
    const flush = () => {
      if (text) nodes.push({ kind: 'text', text });
      text = '';
    };
    while (pos < source.length) {
      const char = source[pos] as string;
      if (char === '\\' && source[pos + 1] !== undefined && '$}\\'.includes(source[pos + 1] as string)) {
        text += source[pos + 1];
        pos += 2;
        continue;
      }
      if (char === '}' && nested) {
        flush();
        pos++;
        return nodes;
      }
      if (char !== '$') {
        text += char;
        pos++;
        continue;
      }
      const start = pos;
      pos++;
      const index = readInt();
      if (index !== undefined) {
        flush();
        nodes.push({ kind: 'tabstop', index });
        continue;
      }
      const bareName = readName();
      if (bareName !== undefined) {
        flush();
        nodes.push({ kind: 'variable', name: bareName });
        continue;
      }
      if (source[pos] !== '{') {
        text += '$';
        continue;
      }
      pos++;
      const braced = readInt();
      const name = braced === undefined ? readName() : undefined;
      if (braced === undefined && name === undefined) {
        // Not a snippet construct: VS Code inserts it as written.
        pos = start + 1;
        text += '$';
        continue;
      }
      flush();
      const next = source[pos];
      pos++;
      if (next === '}') nodes.push(braced !== undefined ? { kind: 'tabstop', index: braced } : { kind: 'variable', name: name as string });
      else if (next === ':') {
        const children = readNodes(true);
        nodes.push(braced !== undefined ? { kind: 'placeholder', index: braced, children } : { kind: 'variable', name: name as string, children });
      } else if (next === '|' && braced !== undefined) nodes.push({ kind: 'choice', index: braced, options: readChoice() });
      else if (next === '/') fail('transforms are not supported');
      else fail(`unexpected ${JSON.stringify(next)}`);
    }
    if (nested) fail('unterminated placeholder');
    flush();
    return nodes;
  };
  return readNodes(false);
}

interface ExpandOptions {
  variables: Readonly<Record<string, string>>;
  /** The text a person types over a placeholder; by default they keep its default. */
  fill?: (index: number, defaultText: string) => string;
}

interface PlaceholderSpan {
  index: number;
  defaultText: string;
  start: number;
  end: number;
}

interface Expansion {
  text: string;
  /** Where each placeholder and choice landed in the text (not its mirrors). */
  placeholders: PlaceholderSpan[];
}

function expandSnippet(body: string | string[], options: ExpandOptions): Expansion {
  const nodes = parseSnippet(Array.isArray(body) ? body.join('\n') : body);
  const firstDefinition = new Map<number, SnippetNode>();
  const visit = (list: SnippetNode[]) => {
    for (const node of list) {
      if ((node.kind === 'placeholder' || node.kind === 'choice') && !firstDefinition.has(node.index)) firstDefinition.set(node.index, node);
      if (node.kind === 'placeholder' || (node.kind === 'variable' && node.children)) visit(node.children ?? []);
    }
  };
  visit(nodes);

  const values = new Map<number, string>();
  const placeholders: PlaceholderSpan[] = [];
  // A tab stop mirrors its placeholder, wherever either stands.
  const valueOf = (index: number): string => {
    const known = values.get(index);
    if (known !== undefined) return known;
    const definition = firstDefinition.get(index);
    let value = '';
    if (definition?.kind === 'choice') value = definition.options[0] ?? '';
    if (definition?.kind === 'placeholder') {
      const defaultText = render(definition.children, undefined);
      value = index === 0 || !options.fill ? defaultText : options.fill(index, defaultText);
    }
    values.set(index, value);
    return value;
  };
  function render(list: SnippetNode[], offset: number | undefined): string {
    let out = '';
    for (const node of list) {
      const at = offset === undefined ? undefined : offset + out.length;
      switch (node.kind) {
        case 'text':
          out += node.text;
          break;
        case 'tabstop':
          out += node.index === 0 ? '' : valueOf(node.index);
          break;
        case 'placeholder':
        case 'choice': {
          const value = valueOf(node.index);
          if (at !== undefined && firstDefinition.get(node.index) === node) {
            const defaultText = node.kind === 'choice' ? (node.options[0] ?? '') : render(node.children, undefined);
            placeholders.push({ index: node.index, defaultText, start: at, end: at + value.length });
          }
          out += value;
          break;
        }
        case 'variable': {
          const value = options.variables[node.name];
          if (value !== undefined && value !== '') out += value;
          else if (node.children) out += render(node.children, at);
          else throw new Error(`unknown snippet variable $${node.name}`);
          break;
        }
      }
    }
    return out;
  }
  return { text: render(nodes, 0), placeholders };
}

// ---------------------------------------------------------------------------------------------

const root = path.resolve(__dirname, '../..');
const manifest = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));
const contribution = (manifest.contributes?.snippets ?? []).find((entry: { language?: string }) => entry.language === 'markdown') as { language: string; path: string } | undefined;
const snippetsPath = path.join(root, contribution?.path ?? 'snippets/runbook-notes.code-snippets');

interface Snippet {
  prefix: string | string[];
  body: string | string[];
  description: string;
  scope?: string;
}

function loadSnippets(): Record<string, Snippet> {
  const errors: ParseError[] = [];
  const parsed = parseJsonc(readFileSync(snippetsPath, 'utf8'), errors, { allowTrailingComma: true });
  assert.deepEqual(errors, [], 'the snippets file parses');
  return parsed as Record<string, Snippet>;
}

const snippets = loadSnippets();
const NOW = new Date('2026-11-21T12:00:00Z');
const VARIABLES = { CURRENT_YEAR: '2026', CURRENT_MONTH: '11', CURRENT_DATE: '21', TM_FILENAME_BASE: 'restart-api-workers' };
const config = resolveConfig([], '/repo');

/** The snippet typed as `rn-<name>`. */
function snippet(name: string): Snippet {
  const found = Object.values(snippets).find((candidate) => [candidate.prefix].flat().includes(`rn-${name}`));
  assert.ok(found, `a snippet with prefix 'rn-${name}'`);
  return found;
}

/** What a person types over each placeholder, per snippet prefix and tab stop: realistic values. */
const REAL_VALUES: Record<string, Record<number, string>> = {
  runbook: {
    1: 'Restart the API workers without dropping requests',
    2: '@platform-oncall',
    5: 'Use this when the API workers leak memory and the p95 latency alert fires.',
    6: 'All workers restarted one by one; `/health` answers `{"ok": true}` throughout.',
    7: 'Drain one worker: `sudo systemctl reload api-worker@1`.',
    8: 'Start the previous release with `sudo systemctl start api-worker-previous@1`; it takes a minute.',
    9: 'p95 latency',
    10: '840 ms',
    11: '210 ms',
  },
  'change-note': {
    1: 'Document the cache bypass rules',
    2: '@web-team',
    3: 'Pages with a session cookie were cached for everyone.',
    4: 'deploy/cache/rules.yaml',
    5: './deploy.sh cache --env production',
    6: 'cache hit ratio',
    7: '0.61',
    8: '0.83',
    9: '`git revert` the change and run `./deploy.sh cache --env production`; live within a minute.',
  },
  'post-meta': {
    2: 'Keeping staging close to production',
    3: 'keeping staging close to production / python services',
    4: 'measure first, change carefully, document the result',
    5: 'a careful engineering draft about staging parity',
    6: 'for developer documentation',
    7: 'keeping staging close to production',
    8: 'python services',
    9: 'measure first, change carefully, document the result',
    10: '@docs-team',
    11: 'python services',
    12: 'fastapi',
    13: 'python',
    15: '14',
    17: '79',
    18: '71',
    19: '84',
    20: '82',
    24: 'anp-ref-009095-4950',
    25: '83f0e31a5fad1e5ad90e1284',
    30: 'capture the current behavior',
    31: 'python services',
    32: 'stack',
    33: 'unsplash',
    34: 'https://images.unsplash.com/photo-1555949963-aa79dcee981c?w=1200',
    35: 'a staging dashboard next to the production one',
    36: 'alphanode-009095',
    37: 'anp content synthesizer',
    38: '8',
    39: 'for developer documentation',
    40: '9095',
    41: 'view count is synthetic',
    42: 'deploy time',
    43: '14',
    44: '9',
    45: 'minutes',
    46: 'deploy/staging.yaml',
  },
  post: {
    1: 'Keeping staging close to production',
    2: 'keeping staging close to production / python services',
    3: 'measure first, change carefully, document the result',
    4: 'python services',
    5: 'fastapi',
    6: 'python',
    8: '1',
    11: 'capture the current behavior',
    12: 'Staging drifts from production one small change at a time; this post shows how to keep them close.',
  },
  rollback: { 1: 'Run `./deploy.sh --previous`; the old release is live within two minutes.' },
  metrics: { 1: 'p95 latency', 2: '840 ms', 3: '210 ms' },
  'expected-result': { 1: 'All workers answer `/health` and no 5xx responses are logged.' },
  reason: { 1: 'The listing query did a sequential scan over 4 million rows.' },
  'files-touched': { 1: 'db/migrations/0042_article_listing_index.sql' },
  'command-used': { 1: './manage.py migrate articles 0042' },
  checklist: {},
};

/** Fills every placeholder the way a person would: placeholders get real values, real defaults are kept. */
function filled(prefix: string): (index: number, defaultText: string) => string {
  return (index, defaultText) => {
    const value = REAL_VALUES[prefix]?.[index];
    if (value !== undefined) return value;
    assert.ok(!isPlaceholder(defaultText), `${prefix}: tab stop ${index} defaults to the placeholder '${defaultText}': give it a real value in REAL_VALUES`);
    return defaultText;
  };
}

const expand = (prefix: string, fill?: (index: number, defaultText: string) => string) => expandSnippet(snippet(prefix).body, { variables: VARIABLES, fill });

function lint(text: string, notePath: string) {
  const result = lintText(text, { path: notePath, config, now: NOW });
  assert.ok(result.isNote, `${notePath} is a note`);
  return result.diagnostics;
}

const describeFindings = (diagnostics: ReturnType<typeof lint>) => diagnostics.map((d) => `${d.range.start.line + 1}:${d.range.start.column + 1} ${d.ruleId} ${d.message}`).join('\n');

/** Only placeholder findings, at least one, and one on every placeholder default the snippet leaves. */
function assertOnlyPlaceholders(text: string, notePath: string, expansion: Expansion, offset = 0): void {
  const diagnostics = lint(text, notePath);
  assert.deepEqual(diagnostics.filter((d) => d.ruleId !== 'RN009').map((d) => `${d.ruleId} ${d.message}`), [], `only RN009 in:\n${text}\n${describeFindings(diagnostics)}`);
  assert.ok(diagnostics.length > 0, `at least one placeholder finding in:\n${text}`);
  for (const placeholder of expansion.placeholders.filter((p) => isPlaceholder(p.defaultText))) {
    const start = placeholder.start + offset;
    const end = placeholder.end + offset;
    assert.ok(diagnostics.some((d) => d.start < end && start < d.end), `RN009 flags tab stop ${placeholder.index} ('${placeholder.defaultText}') in:\n${text}\n${describeFindings(diagnostics)}`);
  }
}

function assertClean(text: string, notePath: string): void {
  const diagnostics = lint(text, notePath);
  assert.deepEqual(diagnostics.map((d) => `${d.range.start.line + 1}: ${d.ruleId} ${d.message}`), [], `no findings in:\n${text}`);
}

/** The text without the section under `## title` (up to the next level-2 heading). */
function withoutSection(text: string, title: string): string {
  const start = text.indexOf(`\n## ${title}\n`);
  assert.ok(start >= 0, `the note has a '## ${title}' section`);
  const next = text.indexOf('\n## ', start + 1);
  return next === -1 ? text.slice(0, start + 1) : text.slice(0, start + 1) + text.slice(next + 1);
}

// ---------------------------------------------------------------------------------------------

describe('snippet expander', () => {
  const run = (body: string) => expandSnippet(body, { variables: VARIABLES }).text;
  it('inserts defaults, mirrors tab stops, and the first choice', () => {
    assert.equal(run('a $1 b ${1:x} c ${2} d $0'), 'a x b x c  d ');
    assert.equal(run('${1:outer ${2:inner}} $2'), 'outer inner inner');
    assert.equal(run('${1|one,two|} and $1'), 'one and one');
    assert.equal(run('${1|a\\,b,c|} ${2|x\\|y,z|}'), 'a,b x|y');
  });
  it('resolves variables, with a default where one is unknown, and refuses an unknown one without', () => {
    assert.equal(run('${CURRENT_YEAR}-$CURRENT_MONTH-${CURRENT_DATE} ${TM_FILENAME_BASE}'), '2026-11-21 restart-api-workers');
    assert.equal(run('${1:${CURRENT_YEAR}-${CURRENT_MONTH}} ${NOT_SET:fallback}'), '2026-11 fallback');
    assert.throws(() => run('$NOT_SET'), /unknown snippet variable/);
  });
  it('unescapes \\$, \\} and \\\\, and leaves braces and lone dollars outside placeholders as written', () => {
    assert.equal(run('\\$1 \\} \\\\ ${1:a\\}b} { status: x } $ ${ 5'), '$1 } \\ a}b { status: x } $ ${ 5');
  });
  it('replaces a placeholder, nested ones included, with what is typed, and refuses transforms', () => {
    assert.equal(expandSnippet('${1:a ${2:b}} $2', { variables: {}, fill: (index) => `<${index}>` }).text, '<1> <2>');
    assert.throws(() => run('${1/(.*)/$1/}'), /transforms/);
  });
  it('reports where each placeholder landed', () => {
    assert.deepEqual(expandSnippet('ab ${1:cd} $1 ${2|x,y|}', { variables: {} }).placeholders, [
      { index: 1, defaultText: 'cd', start: 3, end: 5 },
      { index: 2, defaultText: 'x', start: 9, end: 10 },
    ]);
  });
});

describe('snippets', () => {
  it('are contributed for Markdown', () => {
    assert.deepEqual(manifest.contributes.snippets, [{ language: 'markdown', path: './snippets/runbook-notes.code-snippets' }]);
  });

  it('each have one prefix (one entry in the suggestion list), a body and a description; prefixes are unique; bodies expand', () => {
    const seen = new Set<string>();
    for (const [name, entry] of Object.entries(snippets)) {
      // VS Code lists a snippet once per prefix: an array of two made every snippet appear twice.
      assert.equal(typeof entry.prefix, 'string', `${name}: one prefix`);
      const prefixes = [entry.prefix].flat();
      assert.ok(prefixes.every((prefix) => typeof prefix === 'string' && /^rn-[a-z][a-z-]*$/.test(prefix)), `${name}: prefix rn-…`);
      for (const prefix of prefixes) {
        assert.ok(!seen.has(prefix), `prefix '${prefix}' is used once`);
        seen.add(prefix);
      }
      assert.ok(typeof entry.description === 'string' && entry.description.length > 20, `${name}: description`);
      assert.ok([entry.body].flat().join('').trim().length > 0, `${name}: body`);
      assert.ok(entry.scope === undefined || entry.scope === 'markdown', `${name}: scope`);
      assert.doesNotThrow(() => expandSnippet(entry.body, { variables: VARIABLES }), `${name} expands`);
    }
  });

  describe('say what the core says', () => {
    it('runbook, change-note and post expand to the templates of `runbook-notes new`', () => {
      assert.equal(expand('runbook').text, noteTemplate('runbook', config));
      assert.equal(expand('change-note').text, noteTemplate('change-note', config));
      assert.equal(expand('post').text, noteTemplate('post', config));
    });

    it('and to the snippets the New Note commands insert', () => {
      for (const kind of ['runbook', 'change-note', 'post']) assert.equal([snippet(kind).body].flat().join('\n'), noteSnippet(kind, config), kind);
    });

    it('the snippets file is the one the build writes from the templates (run npm run build)', () => {
      assert.equal(readFileSync(snippetsPath, 'utf8'), snippetsFileText());
    });

    it('section snippets expand to the skeletons the quick fixes insert', () => {
      const skeletons: Record<string, string> = {
        checklist: CHECKLIST_SKELETON,
        rollback: ROLLBACK_SKELETON,
        metrics: METRICS_SKELETON,
        'expected-result': EXPECTED_RESULT_SKELETON,
        reason: REASON_SKELETON,
        'files-touched': FILES_TOUCHED_SKELETON,
        'command-used': COMMAND_SKELETON,
      };
      for (const [prefix, skeleton] of Object.entries(skeletons)) assert.equal(expand(prefix).text, skeleton, prefix);
    });

    it('post-meta has every key of the post-meta schema, in the order of the box, and the enums as choices', () => {
      const text = expand('post-meta').text;
      const yaml = /^---\n([\s\S]*?)\n---\n/.exec(text)?.[1];
      assert.ok(yaml, 'post-meta is front matter');
      const meta = parseYaml(yaml) as Record<string, Record<string, unknown>>;
      assert.deepEqual(Object.keys(meta), KNOWN_KEYS);
      assert.deepEqual(Object.keys(meta.ai_outline ?? {}), ['context', 'problem', 'stack', 'recommended_action']);
      assert.deepEqual(Object.keys(meta.score ?? {}), ['quality', 'freshness', 'depth', 'clarity']);
      assert.deepEqual(Object.keys(meta.revision ?? {}), ['status', 'version', 'last_reviewed']);
      assert.deepEqual(Object.keys(meta.flags ?? {}), ['ai_generated_style', 'has_images', 'image_heavy', 'needs_human_review']);
      assert.deepEqual(Object.keys(meta.payload ?? {}), ['source_id', 'generator', 'paragraphs', 'scenario', 'seed']);
      assert.deepEqual(Object.keys(meta.metric ?? {}), ['name', 'before', 'after', 'unit']);
      assert.equal(meta.revision?.last_reviewed, '2026-11-21', 'last_reviewed defaults to today');

      const choices = new Map<string, string[]>();
      for (const line of [snippet('post-meta').body].flat()) {
        const match = /^\s*(\w+): \$\{\d+\|(.*)\|\}$/.exec(line);
        if (match) choices.set(match[1] as string, (match[2] as string).split(','));
      }
      const builtinKinds = config.kinds.filter((kind) => kind.builtin).map((kind) => kind.name);
      assert.equal(choices.get('kind')?.[0], 'post', 'a post-meta box is a post first');
      assert.deepEqual([...(choices.get('kind') ?? [])].sort(), [...builtinKinds].sort());
      assert.deepEqual(choices.get('difficulty'), [...DIFFICULTIES]);
      assert.deepEqual(choices.get('status'), [...REVISION_STATUSES]);
      for (const flag of ['ai_generated_style', 'has_images', 'image_heavy', 'needs_human_review']) assert.deepEqual(choices.get(flag), ['0', '1'], flag);
      assert.ok(/^---\n/.test(noteTemplate('post', config) ?? ''), 'the post template has front matter too');
      for (const key of Object.keys(parseYaml(/^---\n([\s\S]*?)\n---\n/.exec(noteTemplate('post', config) ?? '')?.[1] ?? '') as object)) {
        assert.ok(key in meta, `post-meta has the post template's key ${key}`);
      }
    });
  });

  describe('leave placeholders only', () => {
    const wholeNotes: [string, string][] = [
      ['runbook', '/repo/runbooks/x.md'],
      ['change-note', '/repo/changes/x.md'],
      ['post', '/repo/posts/x.md'],
      ['post-meta', '/repo/posts/x.md'],
    ];
    for (const [prefix, notePath] of wholeNotes) {
      it(`${prefix}: as inserted, only placeholder findings (RN009), one on each placeholder`, () => {
        const expansion = expand(prefix);
        assertOnlyPlaceholders(expansion.text, notePath, expansion);
      });
      it(`${prefix}: with the placeholders filled in, no findings`, () => {
        assertClean(expand(prefix, filled(prefix)).text, notePath);
      });
    }

    // Each section snippet goes into a complete, clean note of a kind that requires the section, in place of its own.
    const sections: [prefix: string, title: string, missingRule: string, kinds: string[]][] = [
      ['rollback', 'Rollback', 'RN002', ['runbook', 'change-note']],
      ['metrics', 'Metrics', 'RN003', ['runbook', 'change-note']],
      ['expected-result', 'Expected result', 'RN004', ['runbook']],
      ['checklist', 'Checklist', 'RN018', ['runbook']],
      ['reason', 'Reason', 'RN005', ['change-note']],
      ['files-touched', 'Files touched', 'RN006', ['change-note']],
      ['command-used', 'Command used', 'RN007', ['change-note']],
    ];
    const notePaths: Record<string, string> = { runbook: '/repo/runbooks/x.md', 'change-note': '/repo/changes/x.md' };
    for (const [prefix, title, missingRule, kinds] of sections) {
      for (const kind of kinds) {
        it(`${prefix}: in a complete ${kind}, only its placeholders are flagged; filled in, none`, () => {
          const note = `${withoutSection(expand(kind, filled(kind)).text, title).trimEnd()}\n\n`;
          assert.deepEqual(lint(note, notePaths[kind] as string).map((d) => d.ruleId), [missingRule], `without '## ${title}' the ${kind} misses only that`);
          const expansion = expand(prefix);
          if (prefix === 'checklist') {
            // The checklist's steps are the core's real default steps, not placeholders: nothing to flag.
            assertClean(note + expansion.text, notePaths[kind] as string);
          } else {
            assertOnlyPlaceholders(note + expansion.text, notePaths[kind] as string, expansion, note.length);
          }
          assertClean(note + expand(prefix, filled(prefix)).text, notePaths[kind] as string);
        });
      }
    }
  });
});
