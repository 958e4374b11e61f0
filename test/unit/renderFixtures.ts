/** Notes, hostile values and an HTML reader shared by the renderer's unit tests and its browser tests. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseFragment, type DefaultTreeAdapterMap } from 'parse5';
import { stringify } from 'yaml';
import { lintText, postMetaInput, renderPostMeta, resolveConfig, type LintResult, type PostMetaInput } from '../../src/core';

export const REPO = path.resolve(__dirname, '../..');
export const POSTS = path.join(REPO, 'test/fixtures/examples/posts');
export const EXAMPLE_POSTS = ['documenting-production-defaults.md', 'staging-close-to-production.md'];
export const POST_META_CSS = readFileSync(path.join(REPO, 'media/postMeta.css'), 'utf8');
/** A fixed "today" so that review ages are stable. */
export const NOW = new Date('2026-09-01T12:00:00Z');

export function readPost(name: string): string {
  return readFileSync(path.join(POSTS, name), 'utf8');
}

export interface RenderedNote {
  result: LintResult;
  input: PostMetaInput;
  html: string;
}

/** Lints a note as a post (posts/…) and renders its box, as the CLI and the editor do. */
export function renderNote(text: string, options: { remoteImages?: boolean; file?: string } = {}): RenderedNote {
  const config = resolveConfig([], '/repo');
  const result = lintText(text, { path: `/repo/posts/${options.file ?? 'note.md'}`, config, now: NOW });
  const input = postMetaInput(text, result);
  return { result, input, html: renderPostMeta(input, { now: NOW, remoteImages: options.remoteImages }) };
}

export function noteWithFrontMatter(data: unknown, body = '# A post\n\nSome text.\n'): string {
  return `---\n${stringify(data, { lineWidth: 0 })}---\n\n${body}`;
}

/** Each value tries to run script (setting `window.__pwned`), add an attribute, or end its element. */
export const HOSTILE_DATA = {
  kind: 'post',
  title: '<script>window.__pwned = "title"</script>',
  topic: '<img src=x onerror="window.__pwned = \'topic\'">',
  summary: '</style><script>window.__pwned = "summary"</script><style>',
  ai_brief: '--><script>window.__pwned = "brief"</script><!--',
  stack: ['<svg onload="window.__pwned = \'stack\'"></svg>', 'a & b', '"><script>window.__pwned = "stack2"</script>'],
  tools: ["' onmouseover='window.__pwned = 1"],
  checklist: ['<iframe src="javascript:window.__pwned = \'checklist\'"></iframe>'],
  entities: [{ name: '<script>window.__pwned = "entity"</script>', type: '"><script>window.__pwned = "type"</script>' }],
  image_sources: [
    { source: 'x', url: 'javascript:window.__pwned = "js-url"', caption: '" onerror="window.__pwned = \'caption\'' },
    { source: 'y', url: 'data:text/html,<script>window.__pwned = "data-url"</script>', caption: 'data' },
    { source: 'z', url: 'https://example.invalid/a"onerror="window.__pwned=1.png', caption: '<img src=x onerror=window.__pwned="img">' },
    { source: 'w', url: 'JaVaScRiPt:window.__pwned = "mixed-case"', caption: 'mixed case' },
    { source: 'v', url: ' javascript:window.__pwned = "leading-space"', caption: 'leading space' },
    { source: 'u', url: 'data:image/svg+xml,<svg onload="window.__pwned=1"/>', caption: 'svg' },
  ],
  flags: { '<b onmouseover="window.__pwned = \'flag\'">': 1, has_images: '<script>window.__pwned = "flagvalue"</script>' },
  revision: { status: '<script>window.__pwned = "status"</script>', version: '1.0.0"><script>window.__pwned = "v"</script>', last_reviewed: '2020-01-01' },
  notes: ['</textarea><script>window.__pwned = "notes"</script>', '<!-- comment --><script>window.__pwned = "comment"</script>'],
  'quo"te\'key<b>&': 'a value with " and \' and <i>',
  '"><script>window.__pwned = "key"</script>': 'x',
  custom_link: 'javascript:window.__pwned = "custom"',
  custom_safe_link: 'https://example.invalid/?q=<script>&x="y"',
  custom_map: { '</style>': { '-->': '<style>body{display:none}</style>' } },
};

/** The strings of HOSTILE_DATA that must reach the reader as text, unchanged. */
export const HOSTILE_TEXTS = [
  HOSTILE_DATA.title,
  HOSTILE_DATA.topic,
  HOSTILE_DATA.summary,
  HOSTILE_DATA.ai_brief,
  ...HOSTILE_DATA.stack,
  HOSTILE_DATA.checklist[0] as string,
  HOSTILE_DATA.notes[0] as string,
];

/** A list of `count` items and a map nested `depth` levels deep, built without recursion. */
export function bigData(count: number, depth: number): Record<string, unknown> {
  const root: Record<string, unknown> = {};
  let node = root;
  for (let level = 0; level < depth; level++) {
    const child: Record<string, unknown> = {};
    node[`level${level}`] = child;
    node = child;
  }
  node.bottom = '<script>window.__pwned = "deep"</script>';
  return {
    kind: 'post',
    title: 'Big and deep',
    stack: Array.from({ length: count }, (_, index) => `item ${index} <script>window.__pwned = ${index}</script>`),
    checklist: Array.from({ length: count }, (_, index) => `step ${index}`),
    deep: root,
  };
}

// --- reading the HTML -------------------------------------------------------------------------

export type Element = DefaultTreeAdapterMap['element'];
type Node = DefaultTreeAdapterMap['node'];

export function parseHtml(html: string): DefaultTreeAdapterMap['documentFragment'] {
  return parseFragment(html);
}

export function attr(element: Element, name: string): string | undefined {
  return element.attrs.find((attribute) => attribute.name === name)?.value;
}

export function hasClass(element: Element, name: string): boolean {
  return (attr(element, 'class') ?? '').split(/\s+/).includes(name);
}

/** Every element under `root`, in document order, without recursion. */
export function elements(root: Node): Element[] {
  const found: Element[] = [];
  const stack: Node[] = [root];
  while (stack.length > 0) {
    const node = stack.pop() as Node;
    if ('tagName' in node) found.push(node);
    const children = 'childNodes' in node ? node.childNodes : [];
    const content = 'content' in node ? [(node as { content: Node }).content] : [];
    for (let index = children.length - 1; index >= 0; index--) stack.push(children[index] as Node);
    stack.push(...content);
  }
  return found;
}

/** The text under `root`; with `valueOnly`, as a sighted reader sees the value: without labels (`<dt>`), findings, screen-reader-only words and decorations. */
export function textOf(root: Node, valueOnly = false): string {
  let text = '';
  const stack: Node[] = [root];
  while (stack.length > 0) {
    const node = stack.pop() as Node;
    if (node.nodeName === '#text') text += (node as DefaultTreeAdapterMap['textNode']).value;
    if (valueOnly && node !== root && 'tagName' in node && (node.tagName === 'dt' || hasClass(node, 'finding') || hasClass(node, 'pm-contradiction') || hasClass(node, 'pm-sr') || attr(node, 'aria-hidden') === 'true')) continue;
    const children = 'childNodes' in node ? node.childNodes : [];
    for (let index = children.length - 1; index >= 0; index--) stack.push(children[index] as Node);
  }
  return text;
}

export function byKey(root: Node, key: string): Element {
  const found = elements(root).filter((element) => attr(element, 'data-key') === key);
  if (found.length !== 1) throw new Error(`expected one element with data-key="${key}", found ${found.length}`);
  return found[0] as Element;
}
