/** The post-meta box renderer: layout of the example posts, escaping of hostile values, findings, empty states and caps. */
import { strict as assert } from 'node:assert';
import { parse as parseDocument } from 'parse5';
import { parse } from 'yaml';
import { KNOWN_KEYS } from '../../src/core/metaSchema';
import { POST_META_LIMITS, postMetaCsp, renderPostMeta, renderPostMetaPage } from '../../src/core';
import { pathAtSpan } from '../../src/core/render/postMetaInput';
import { parseNote } from '../../src/core/parse';
import {
  attr,
  bigData,
  byKey,
  elements,
  EXAMPLE_POSTS,
  hasClass,
  HOSTILE_DATA,
  HOSTILE_TEXTS,
  noteWithFrontMatter,
  NOW,
  parseHtml,
  readPost,
  renderNote,
  textOf,
  type Element,
} from './renderFixtures';

/** The `<li>` items of the list at `key`: those whose data-key is `key.N`. */
function itemsOf(root: Element, key: string): Element[] {
  const item = new RegExp(`^${key.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\.\\d+$`);
  return elements(root).filter((element) => element.tagName === 'li' && item.test(attr(element, 'data-key') ?? ''));
}

function frontMatterOf(text: string): Record<string, unknown> {
  const match = /^---\n([\s\S]*?)\n---/.exec(text);
  assert.ok(match);
  return parse(match[1] as string) as Record<string, unknown>;
}

describe('post-meta box renderer', () => {
  for (const name of EXAMPLE_POSTS) {
    describe(`example post ${name}`, () => {
      const text = readPost(name);
      const data = frontMatterOf(text);
      const { html } = renderNote(text, { file: name });
      const tree = parseHtml(html);
      const box = elements(tree).find((element) => hasClass(element, 'post-meta')) as Element;

      it('shows the known keys in the schema order, each row with its data-key', () => {
        const rows = elements(box).filter((element) => hasClass(element, 'pm-row'));
        assert.deepEqual(
          rows.map((row) => attr(row, 'data-key')),
          KNOWN_KEYS.filter((key) => key in data),
        );
      });

      it('shows every array as a list with one <li> per element, never a joined string', () => {
        const arrays = Object.entries(data).filter(([, value]) => Array.isArray(value)) as [string, unknown[]][];
        assert.ok(arrays.length >= 6, 'the example has stack, tools, checklist, entities, image_sources and notes');
        for (const [key, value] of arrays) {
          const row = byKey(box, key);
          const items = itemsOf(row, key);
          assert.equal(items.length, value.length, `${key}: one <li> per element`);
          for (const [index, item] of items.entries()) assert.equal(attr(item, 'data-key'), `${key}.${index}`);
          if (value.every((element) => typeof element === 'string')) {
            assert.deepEqual(items.map((item) => textOf(item, true).trim()), value, key);
            assert.ok(!textOf(row).includes((value as string[]).join(', ')), `${key} is not comma-joined`);
          }
        }
      });

      it('shows the score as four labelled meters with their numbers', () => {
        const score = data.score as Record<string, number>;
        const meters = elements(byKey(box, 'score')).filter((element) => element.tagName === 'meter');
        assert.equal(meters.length, 4);
        for (const name of ['quality', 'freshness', 'depth', 'clarity']) {
          const item = byKey(box, `score.${name}`);
          const meter = elements(item).find((element) => element.tagName === 'meter') as Element;
          assert.equal(attr(meter, 'value'), String(score[name]));
          assert.equal(attr(meter, 'min'), '0');
          assert.equal(attr(meter, 'max'), '100');
          assert.match(textOf(item), new RegExp(`^${name}.*${score[name]}`, 'i'));
        }
      });

      it('shows flags as on/off badges', () => {
        const flags = data.flags as Record<string, number>;
        for (const [flag, value] of Object.entries(flags)) {
          const badge = byKey(box, `flags.${flag}`);
          assert.ok(hasClass(badge, value ? 'pm-flag-on' : 'pm-flag-off'), `${flag}=${value}`);
        }
      });

      it('ticks the checklist items the body ticks', () => {
        const ticked = [...text.matchAll(/^- \[x\] (.+)$/gm)].map((match) => match[1]);
        for (const [index, item] of (data.checklist as string[]).entries()) {
          const done = elements(byKey(box, `checklist.${index}`)).some((element) => hasClass(element, 'pm-check-done'));
          assert.equal(done, ticked.includes(item), item);
        }
      });

      it('groups entities by type and shows image sources as caption, source and link', () => {
        const types = [...new Set((data.entities as { type: string }[]).map((entity) => entity.type))];
        assert.deepEqual(
          elements(byKey(box, 'entities'))
            .filter((element) => hasClass(element, 'pm-entity-type'))
            .map((element) => textOf(element)),
          types,
        );
        for (const [index, source] of (data.image_sources as { url: string; caption: string; source: string }[]).entries()) {
          const item = byKey(box, `image_sources.${index}`);
          assert.equal(textOf(byKey(item, `image_sources.${index}.caption`)), source.caption);
          assert.equal(textOf(byKey(item, `image_sources.${index}.source`)), source.source);
          const link = elements(item).find((element) => element.tagName === 'a') as Element;
          assert.equal(attr(link, 'href'), new URL(source.url).href);
          assert.equal(attr(link, 'rel'), 'noopener noreferrer');
        }
        assert.equal(elements(box).filter((element) => element.tagName === 'img').length, 0, 'no remote image by default');
      });

      it('shows the revision as a status badge, the version and the review age', () => {
        const revision = data.revision as { status: string; version: string; last_reviewed: string };
        assert.ok(hasClass(byKey(box, 'revision.status').childNodes[0] as Element, `pm-status-${revision.status}`));
        assert.equal(textOf(byKey(box, 'revision.version')), `v${revision.version}`);
        const days = Math.floor((Date.UTC(2026, 8, 1) - Date.parse(`${revision.last_reviewed}T00:00:00Z`)) / 86_400_000);
        assert.equal(textOf(byKey(box, 'revision.last_reviewed'), true), `last reviewed ${days.toLocaleString('en-US')} days ago`);
      });
    });
  }

  it('loads https images only when remote images are allowed', () => {
    const text = readPost('staging-close-to-production.md');
    const tree = parseHtml(renderNote(text, { remoteImages: true }).html);
    const images = elements(tree).filter((element) => element.tagName === 'img');
    assert.equal(images.length, 3);
    for (const image of images) {
      assert.match(attr(image, 'src') ?? '', /^https:\/\/images\.unsplash\.com\//);
      assert.equal(attr(image, 'referrerpolicy'), 'no-referrer');
    }
    const http = renderPostMeta({ data: { image_sources: [{ source: 's', url: 'http://example.invalid/a.png', caption: 'c' }] } }, { now: NOW, remoteImages: true });
    assert.ok(!http.includes('<img'), 'an http: image is never loaded');
    assert.ok(http.includes('href="http://example.invalid/a.png"'), 'but it is linked');
  });

  describe('hostile values', () => {
    const { html, result } = renderNote(noteWithFrontMatter(HOSTILE_DATA));
    const tree = parseHtml(html);
    const all = elements(tree);

    it('parses (the note reached the renderer)', () => {
      assert.ok(result.note?.frontMatter?.data, 'front matter parsed');
      assert.ok(all.some((element) => hasClass(element, 'post-meta')));
    });

    it('creates no script, style, iframe, svg or img element and no event-handler attribute', () => {
      const tags = new Set(all.map((element) => element.tagName));
      for (const tag of ['script', 'style', 'iframe', 'svg', 'img', 'textarea', 'b', 'i']) assert.ok(!tags.has(tag), `<${tag}> created`);
      const handlers = all.flatMap((element) => element.attrs.filter((attribute) => /^on/i.test(attribute.name)).map((attribute) => `${element.tagName}[${attribute.name}]`));
      assert.deepEqual(handlers, []);
      assert.ok(!/<script/i.test(html) && !/<\/style/i.test(html) && !html.includes('-->'));
    });

    it('links only http and https URLs; javascript: and data: URLs are shown as text', () => {
      const hrefs = all.map((element) => attr(element, 'href')).filter((href): href is string => href !== undefined);
      assert.ok(hrefs.length > 0);
      for (const href of hrefs) assert.match(href, /^https?:\/\//);
      for (const [index, source] of HOSTILE_DATA.image_sources.entries()) {
        if (/^https?:/.test(source.url)) continue;
        const url = byKey(tree, `image_sources.${index}.url`);
        assert.equal(textOf(url, true), source.url, 'shown as text');
        assert.ok(!elements(url).some((element) => element.tagName === 'a'));
      }
      assert.equal(textOf(byKey(tree, 'custom_link'), true), HOSTILE_DATA.custom_link);
    });

    it('shows every hostile string as the same text, and keys with quotes as their data-key', () => {
      const text = textOf(tree);
      for (const value of HOSTILE_TEXTS) assert.ok(text.includes(value), value);
      for (const key of Object.keys(HOSTILE_DATA)) assert.equal(attr(byKey(tree, key), 'data-key'), key);
      // Unknown keys show a readable label (capitalised, _ as spaces), the key as written in its title.
      assert.equal(textOf(byKey(tree, 'quo"te\'key<b>&')).startsWith('Quo"te\'key<b>&'), true);
      assert.ok(elements(byKey(tree, 'quo"te\'key<b>&')).some((element) => element.tagName === 'dt' && attr(element, 'title') === 'quo"te\'key<b>&'));
      assert.ok(byKey(tree, 'custom_map.</style>.-->'));
    });

    it('escapes & < > " and \' in text and attributes alike', () => {
      const html = renderPostMeta({ data: { "k&<>\"'": "v&<>\"'" } }, { now: NOW });
      assert.ok(html.includes('data-key="k&amp;&lt;&gt;&quot;&#39;"'));
      assert.ok(html.includes('v&amp;&lt;&gt;&quot;&#39;'));
    });
  });

  describe('findings', () => {
    const note = noteWithFrontMatter({
      kind: 'post',
      title: 'Findings',
      difficulty: 'expert',
      stack: 'python',
      score: { quality: 120, freshness: 'fresh', depth: 50, clarity: 50 },
      revision: { status: 'done', version: '1.0', last_reviewed: '2026-02-30' },
      flags: { has_images: 'yes' },
      image_sources: [{ source: 's', url: 'ftp://example.invalid/a.png' }],
      onwer: '@alice',
    });
    const { html, result } = renderNote(note);
    const tree = parseHtml(html);

    const expected: [string, string][] = [
      ['difficulty', 'RN011'],
      ['stack', 'RN011'],
      ['score.quality', 'RN011'],
      ['score.freshness', 'RN011'],
      ['revision.status', 'RN011'],
      ['revision.version', 'RN011'],
      ['revision.last_reviewed', 'RN011'],
      ['flags.has_images', 'RN011'],
      ['image_sources.0.url', 'RN011'],
      ['image_sources.0', 'RN015'],
      ['onwer', 'RN012'],
    ];

    for (const [key, ruleId] of expected) {
      it(`shows the value at ${key}, marked with its ${ruleId} message`, () => {
        const diagnostic = result.diagnostics.find((candidate) => candidate.ruleId === ruleId && (candidate.message.includes(key.split('.').pop() as string) || ruleId !== 'RN011'));
        assert.ok(diagnostic, `${ruleId} for ${key}: ${result.diagnostics.map((d) => `${d.ruleId} ${d.message}`).join('; ')}`);
        const element = byKey(tree, key);
        assert.ok(hasClass(element, 'has-finding'), `${key} is marked`);
        if (diagnostic.severity === 'error') assert.ok(hasClass(element, 'invalid'));
        const messages = elements(element).filter((child) => hasClass(child, 'finding'));
        assert.ok(
          messages.some((message) => result.diagnostics.some((d) => d.ruleId === ruleId && textOf(message).startsWith(d.message))),
          `${key}: ${messages.map((element) => textOf(element)).join(' | ')}`,
        );
      });
    }

    it('still shows the invalid values themselves', () => {
      assert.equal(attr(elements(byKey(tree, 'score.quality')).find((element) => element.tagName === 'meter') as Element, 'value'), '100');
      assert.match(textOf(byKey(tree, 'score.quality')), /120/);
      assert.match(textOf(byKey(tree, 'score.freshness')), /fresh/);
      assert.equal(textOf(byKey(tree, 'difficulty'), true), 'expert');
      assert.match(textOf(byKey(tree, 'revision.last_reviewed')), /2026-02-30/);
      assert.equal(textOf(byKey(tree, 'stack'), true), 'python');
    });

    it('places every front matter finding on an element (none left over)', () => {
      assert.ok(!html.includes('pm-leftover'), html);
    });

    it('maps offsets to key paths through nested maps and lists', () => {
      const text = readPost('staging-close-to-production.md');
      const parsed = parseNote(text);
      const root = parsed.frontMatter?.document.contents;
      const at = (needle: string) => pathAtSpan(root, text.indexOf(needle));
      assert.deepEqual(at('quality: 79'), ['score', 'quality']);
      assert.deepEqual(at('79,'), ['score', 'quality']);
      assert.deepEqual(at('https://images.unsplash.com/photo-1555066931'), ['image_sources', 1, 'url']);
      assert.deepEqual(at('{ name: backend'), ['entities', 1]);
      assert.deepEqual(at('fastapi'), ['tools', 0]);
      assert.deepEqual(at('title:'), ['title']);
    });
  });

  describe('empty and unreadable front matter', () => {
    for (const [name, text] of [
      ['no front matter', '# Just a post\n\nText.\n'],
      ['an empty block', '---\n---\n\n# Post\n'],
    ] as const) {
      it(`says how to add front matter for ${name}`, () => {
        const tree = parseHtml(renderNote(text).html);
        const state = elements(tree).find((element) => hasClass(element, 'pm-empty-state')) as Element;
        assert.ok(state);
        const kbd = elements(state)
          .filter((element) => element.tagName === 'kbd')
          .map((element) => textOf(element));
        assert.deepEqual(kbd, ['rn-post-meta', 'Ctrl+Space']);
        assert.match(textOf(state), /No front matter yet/);
      });
    }

    it('explains front matter that does not parse, with the syntax error', () => {
      const { html, result } = renderNote('---\ntitle: [unclosed\n---\n\n# Post\n');
      const syntax = result.diagnostics.find((diagnostic) => diagnostic.ruleId === 'RN014');
      assert.ok(syntax);
      const tree = parseHtml(html);
      assert.ok(elements(tree).some((element) => hasClass(element, 'pm-unreadable')));
      assert.ok(textOf(tree).includes(syntax.message));
    });

    it('renders without data or options beyond now', () => {
      assert.match(renderPostMeta({ data: undefined }, { now: NOW }), /pm-empty-state/);
      assert.match(renderPostMeta({ data: ['a', 'list'] }, { now: NOW }), /pm-empty-state/);
    });
  });

  describe('compact, above an article', () => {
    const text = readPost(EXAMPLE_POSTS[0] as string);
    const { result } = renderNote(text);
    const data = frontMatterOf(text);
    const findings = [{ path: ['difficulty'], message: 'a warning', severity: 'warning' as const }, { path: [], message: 'an error', severity: 'error' as const }];

    it('is a <details> closed by default, whose summary line gives kind, status, difficulty, reading time and findings', () => {
      const tree = parseHtml(renderPostMeta({ data, findings }, { now: NOW, compact: { open: false } }));
      const details = elements(tree).find((element) => element.tagName === 'details') as Element;
      assert.ok(details, 'a details element');
      assert.equal(attr(details, 'open'), undefined, 'closed');
      const summary = elements(details).find((element) => element.tagName === 'summary') as Element;
      const line = textOf(summary);
      for (const part of [String(data.kind), String((data.revision as Record<string, unknown>).status), String(data.difficulty), `${String(data.reading_time)} min read`, '2 findings']) assert.ok(line.includes(part), `'${part}' in '${line}'`);
      assert.ok(elements(summary).some((element) => hasClass(element, 'pm-summary-findings') && hasClass(element, 'sev-error')), 'the worst severity colours the count');
      assert.ok(elements(details).some((element) => hasClass(element, 'post-meta')), 'the whole box opens below the line');
      assert.ok(result.isNote);
    });
    it('is open when asked, and the box without compact is the panel’s whole box', () => {
      assert.ok(attr(elements(parseHtml(renderPostMeta({ data }, { now: NOW, compact: { open: true } }))).find((element) => element.tagName === 'details') as Element, 'open') !== undefined);
      assert.ok(!renderPostMeta({ data }, { now: NOW }).includes('<details'));
    });
    it('escapes the summary’s values and leaves out what the note lacks', () => {
      const html = renderPostMeta({ data: { kind: '<img src=x onerror=alert(1)>', revision: { status: '"><script>' }, reading_time: 'long' } }, { now: NOW, compact: { open: false } });
      const summary = elements(parseHtml(html)).find((element) => element.tagName === 'summary') as Element;
      assert.ok(!elements(summary).some((element) => element.tagName === 'img' || element.tagName === 'script'));
      assert.ok(textOf(summary).includes('<img src=x onerror=alert(1)>'));
      assert.ok(!textOf(summary).includes('min read'), 'no reading time that is not a number');
    });
  });

  describe('labels', () => {
    it('nested maps and unknown keys get readable labels, the written key in the title', () => {
      const html = renderPostMeta({ data: { ai_outline: { recommended_action: 'measure first' }, payload: { source_id: 'x-1' }, team_channel: '#ops' } }, { now: NOW });
      const tree = parseHtml(html);
      const keys = elements(tree).filter((element) => element.tagName === 'dt');
      const label = (key: string) => keys.find((element) => attr(element, 'title') === key);
      assert.equal(textOf(label('recommended_action') as Element), 'Recommended action');
      assert.equal(textOf(label('source_id') as Element), 'Source ID');
      assert.equal(textOf(label('team_channel') as Element), 'Team channel');
      assert.ok(keys.every((element) => hasClass(element, 'pm-key')), 'every key has the same styling');
    });
  });

  describe('caps', () => {
    it('shows the first items of a 10,000-item list and says how many more, in linear time', () => {
      const started = performance.now();
      const html = renderPostMeta({ data: bigData(10_000, 3) }, { now: NOW });
      const elapsed = performance.now() - started;
      const tree = parseHtml(html);
      assert.equal(itemsOf(byKey(tree, 'stack'), 'stack').length, POST_META_LIMITS.maxItems);
      assert.match(textOf(byKey(tree, 'stack')), /… and 9,000 more$/);
      assert.ok(elapsed < 2000, `${elapsed} ms`);
    });

    it('stops at the depth limit of a 100,000-level map without exhausting the stack', () => {
      const html = renderPostMeta({ data: bigData(1, 100_000) }, { now: NOW });
      assert.match(html, new RegExp(`… nested deeper than ${POST_META_LIMITS.maxDepth} levels`));
      assert.ok(html.length < 20_000);
    });

    it('bounds the whole box when many lists are shown', () => {
      const list = Array.from({ length: 5000 }, (_, index) => index);
      const data: Record<string, unknown> = {};
      for (let index = 0; index < 100; index++) data[`list${index}`] = list; // as YAML aliases would share one list
      const html = renderPostMeta({ data }, { now: NOW });
      assert.match(html, /more values than can be shown/);
      assert.ok(html.length < 5_000_000, `${html.length} characters`);
    });

    it('cuts very long strings', () => {
      const html = renderPostMeta({ data: { title: 'x'.repeat(50_000) } }, { now: NOW });
      assert.match(html, /… 40,000 more characters/);
    });
  });

  describe('page', () => {
    const nonce = 'AbCdEfGhIjKlMnOpQrStUv==';

    it('locks the page down with a Content Security Policy', () => {
      const page = renderPostMetaPage('<p>x</p>', { nonce, styles: { css: 'body{}' }, title: 'T', theme: 'dark' });
      const meta = elements(parseDocument(page)).find((element) => attr(element, 'http-equiv') === 'Content-Security-Policy');
      const policy = meta && attr(meta, 'content');
      assert.equal(policy, `default-src 'none'; style-src 'nonce-${nonce}'; script-src 'nonce-${nonce}'; base-uri 'none'; form-action 'none'`);
      assert.match(page, new RegExp(`<style nonce="${nonce}">body\\{\\}</style>`));
      assert.match(page, /<html lang="en" class="rn-standalone rn-theme-dark">/);
      assert.match(page, /<body class="vscode-dark">/);
    });

    it('lets the webview load its stylesheet and, when allowed, https images', () => {
      const csp = postMetaCsp({ nonce, cspSource: 'https://file+.vscode-resource.vscode-cdn.net', remoteImages: true });
      assert.equal(
        csp,
        `default-src 'none'; style-src https://file+.vscode-resource.vscode-cdn.net 'nonce-${nonce}'; img-src https://file+.vscode-resource.vscode-cdn.net https:; script-src 'nonce-${nonce}'; base-uri 'none'; form-action 'none'`,
      );
      const page = renderPostMetaPage('', { nonce, cspSource: 'https://x.example', styles: { href: 'https://x.example/media/postMeta.css?a="b"' }, title: '<T>' });
      assert.match(page, /<link rel="stylesheet" nonce="[^"]+" href="https:\/\/x\.example\/media\/postMeta\.css\?a=&quot;b&quot;">/);
      assert.match(page, /<title>&lt;T&gt;<\/title>/);
      assert.match(page, /<html lang="en">/);
    });

    it('refuses a weak nonce or a cspSource that would break the policy', () => {
      assert.throws(() => renderPostMetaPage('', { nonce: 'abc', styles: { css: '' }, title: '' }), /nonce/);
      assert.throws(() => renderPostMetaPage('', { nonce: `${nonce}"`, styles: { css: '' }, title: '' }), /nonce/);
      assert.throws(() => renderPostMetaPage('', { nonce, cspSource: "x; script-src 'unsafe-inline'", styles: { css: '' }, title: '' }), /cspSource/);
    });

    it('never lets the inline CSS end its element', () => {
      const page = renderPostMetaPage('', { nonce, styles: { css: 'a{}</style><script>x()</script>' }, title: '' });
      assert.ok(!page.includes('</style><script>'));
    });
  });
});

describe('post-meta box: declared values the body contradicts', () => {
  it('marks the value and says what the body shows, right after it, escaped', () => {
    const note = '---\nkind: post\ntitle: A\nreading_time: 19\nflags: { has_images: 1 }\n---\n\n# A\n\nA short body of a few words.\n';
    const root = parseHtml(renderNote(note).html);
    const reading = byKey(root, 'reading_time');
    assert.ok(hasClass(reading, 'contradicted'));
    assert.match(textOf(reading), /^Reading time19 min — the body reads in about 1 min/);
    const flag = byKey(root, 'flags.has_images');
    assert.ok(hasClass(flag, 'contradicted'));
    assert.match(textOf(flag), /— the body has no image/);
  });

  it('escapes what the body shows like every other value', () => {
    const html = renderPostMeta({ data: { reading_time: 3 }, findings: [{ path: ['reading_time'], message: 'm', found: '<img src=x onerror=alert(1)>' }] }, { now: NOW });
    assert.ok(!html.includes('<img'), html);
    assert.ok(html.includes('&lt;img src=x onerror=alert(1)&gt;'), html);
  });
});
