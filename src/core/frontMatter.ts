/** Front matter: the YAML block between `---` lines at the top of a note, kept with source positions. */
import { isAlias, isMap, isScalar, isSeq, LineCounter, parseDocument, visit, type Document, type Node as YamlNode, type Pair, type YAMLMap } from 'yaml';

export interface Span {
  start: number;
  end: number;
}

export interface FrontMatterError extends Span {
  message: string;
}

export interface FrontMatter {
  /** The note's text the offsets refer to. */
  text: string;
  /** The whole block, fences included. */
  block: Span;
  /** The opening `---` line. */
  openingFence: Span;
  /** The YAML between the fences. */
  content: Span;
  /** Offset at which the closing fence line starts: where new keys are inserted. */
  closingFenceStart: number;
  /** Set when the block does not start on the first line: the blank lines or headings above it. */
  misplaced?: Span;
  document: Document.Parsed;
  /** The parsed value, or undefined when the YAML has errors. */
  data: unknown;
  errors: FrontMatterError[];
}

export type FrontMatterPath = readonly (string | number)[];

const OPENING_FENCE = /^---[ \t]*(?:\r?\n|\r)/;

export interface LocatedFrontMatter {
  block: Span;
  content: Span;
  openingFence: Span;
  closingFenceStart: number;
  /** The blank lines or headings above a block that does not start on the first line. */
  misplaced?: Span;
}

/**
 * Finds the front matter block by the same rule remark-frontmatter applies (`---` on the first
 * line, closed by `---` on a line of its own), so the Markdown tree and this agree on where it ends.
 * Returns `unterminated` when an opening fence is never closed.
 *
 * One exception, so that a slip does not turn into "every field is missing": a closed block of
 * `key: value` lines with only blank lines above it, or only headings and blank lines above it and a
 * `kind:` key in it, is read as the note's front matter with `misplaced` set (RN014 reports it). A
 * Markdown reader sees a thematic break and a setext heading there.
 */
export function locateFrontMatter(text: string): LocatedFrontMatter | 'unterminated' | undefined {
  const opening = OPENING_FENCE.exec(text);
  if (!opening) return locateMisplaced(text);
  const closing = closingFence(text, opening[0].length);
  if (closing === undefined) return 'unterminated';
  return { block: { start: 0, end: closing.lineEnd }, content: { start: opening[0].length, end: closing.lineStart }, openingFence: { start: 0, end: 3 }, closingFenceStart: closing.lineStart };
}

/** The first `---` line at or after `from` (a line start): where it starts and ends. */
function closingFence(text: string, from: number): { lineStart: number; lineEnd: number } | undefined {
  const lineBreak = /\r\n|\r|\n/g;
  let lineStart = from;
  while (lineStart < text.length) {
    lineBreak.lastIndex = lineStart;
    const found = lineBreak.exec(text);
    const lineEnd = found ? found.index : text.length;
    if (/^---[ \t]*$/.test(text.slice(lineStart, lineEnd))) return { lineStart, lineEnd };
    if (!found) break;
    lineStart = found.index + found[0].length;
  }
  return undefined;
}

/** Blank lines and ATX headings (at most 20 lines), then an opening fence. */
const ABOVE_THEN_FENCE = /^(?:[ \t]*(?:\r\n|\r|\n)|#{1,6}(?:[ \t][^\r\n]*)?(?:\r\n|\r|\n)){1,20}(---[ \t]*(?:\r\n|\r|\n))/;
const KEY_LINE = /^[A-Za-z_][\w-]*[ \t]*:(?:[ \t]|$)/;

function locateMisplaced(text: string): LocatedFrontMatter | undefined {
  const above = ABOVE_THEN_FENCE.exec(text.slice(0, 4096));
  if (!above) return undefined;
  const fenceStart = above[0].length - (above[1] as string).length;
  const contentStart = above[0].length;
  const closing = closingFence(text, contentStart);
  if (!closing) return undefined;
  const content = text.slice(contentStart, closing.lineStart);
  const firstLine = content.split(/\r\n|\r|\n/).find((line) => line.trim() !== '') ?? '';
  if (!KEY_LINE.test(firstLine)) return undefined;
  const headingAbove = /(?:^|\n|\r)#/.test(text.slice(0, fenceStart));
  if (headingAbove && !/^kind[ \t]*:/m.test(content)) return undefined;
  return {
    block: { start: fenceStart, end: closing.lineEnd },
    content: { start: contentStart, end: closing.lineStart },
    openingFence: { start: fenceStart, end: fenceStart + 3 },
    closingFenceStart: closing.lineStart,
    misplaced: { start: 0, end: fenceStart },
  };
}

export function parseFrontMatter(text: string, located: LocatedFrontMatter): FrontMatter {
  // The YAML library breaks lines at LF only; a lone CR (old Mac line ends) becomes LF, same length, same offsets.
  const source = text.slice(located.content.start, located.content.end).replace(/\r(?!\n)/g, '\n');
  const lineCounter = new LineCounter();
  // The YAML library checks each key against every earlier key of its map: 10,000 keys took
  // seconds, 100,000 minutes. Duplicates are found here instead, with one set per map.
  const shift = located.content.start;
  const deep = tooDeep(source);
  if (deep) {
    // The YAML library recurses once per level: a few thousand levels overflow the stack, 1,600 took 5 s.
    return { ...located, text, document: parseDocument(''), data: undefined, errors: [{ message: `nested more than ${MAX_YAML_NESTING} levels deep on one line: expected ordinary front matter keys and values`, start: shift + deep.start, end: shift + deep.end }] };
  }
  // logLevel 'error': the library's warnings go to the console, which is the CLI's stderr. `merge`:
  // `<<: *defaults` merges the anchored map, as the front matter readers of Jekyll, Hugo and
  // gray-matter (js-yaml) do, though YAML 1.2 dropped merge keys.
  const document = parseDocument(source, { lineCounter, prettyErrors: false, uniqueKeys: false, strict: true, logLevel: 'error', merge: true });
  const errors: FrontMatterError[] = [
    ...document.errors.map((error) => ({ message: firstLine(error.message), start: error.pos[0], end: Math.max(error.pos[1], error.pos[0] + 1) })),
    ...duplicateKeys(document.contents),
    ...collectionKeys(document),
  ]
    .sort((a, b) => a.start - b.start)
    .map((error) => ({ ...error, start: shift + error.start, end: shift + error.end }));
  shiftRanges(document.contents, shift);
  let data: unknown;
  if (errors.length === 0) {
    try {
      data = document.toJS({ maxAliasCount: 100 });
    } catch (error) {
      // An alias bomb ("billion laughs") is refused by the YAML library: report it, never expand it.
      const message = error instanceof Error ? error.message : String(error);
      const alias = firstAlias(document);
      errors.push(
        /Excessive alias count/.test(message) && alias
          ? { message: `its aliases (*name) expand into too many values and were not expanded (a YAML alias bomb?): expected each anchor to be reused a few times at most`, ...alias }
          : { message, start: located.content.start, end: located.content.start + 1 },
      );
      data = undefined;
    }
    if (errors.length === 0 && data !== null && data !== undefined && (typeof data !== 'object' || Array.isArray(data))) {
      errors.push({
        message: `Front matter must be a map of keys to values; found ${Array.isArray(data) ? 'a list' : `the ${typeof data} ${JSON.stringify(data)}`}`,
        start: located.content.start,
        end: Math.max(located.content.start + 1, located.content.end - 1),
      });
      data = undefined;
    }
  }
  return { ...located, text, document, data: errors.length === 0 ? (data ?? {}) : undefined, errors };
}

/** More YAML nesting indicators than this on one line are refused before parsing. */
const MAX_YAML_NESTING = 100;
const NESTING_INDICATOR = /(?:^|[ \t])[-?](?=[ \t]|$)|:(?=[ \t]|$)|[[{]/g;

/** The first line that opens more than MAX_YAML_NESTING levels (`: : : …`, `? ? …`, `[[[…`). */
function tooDeep(source: string): Span | undefined {
  let lineStart = 0;
  for (const line of source.split('\n')) {
    if (line.length > MAX_YAML_NESTING && (line.match(NESTING_INDICATOR)?.length ?? 0) > MAX_YAML_NESTING) return { start: lineStart, end: lineStart + Math.max(1, line.length) };
    lineStart += line.length + 1;
  }
  return undefined;
}

/**
 * Keys that are maps or lists (`? [a, b]: 1`, `[x]: 1`): front matter keys are names. Refused
 * before the data is built, where the YAML library would turn each into a string (and 400 nested
 * ones took 13 s).
 */
function collectionKeys(document: Document.Parsed): FrontMatterError[] {
  const found: FrontMatterError[] = [];
  visit(document, {
    Pair(_key, pair) {
      const key = pair.key as { range?: [number, number, number] } | null;
      if ((isMap(key) || isSeq(key)) && key.range) {
        found.push({ message: 'a key must be a plain name, not a list or a map', start: key.range[0], end: Math.max(key.range[1], key.range[0] + 1) });
        return visit.SKIP;
      }
      return undefined;
    },
  });
  return found;
}

/**
 * Keys that repeat an earlier key of the same map, at any depth, as the YAML library reports them
 * with `uniqueKeys` (same message, same position), in time linear in the number of keys. Scalar
 * keys are equal when their values are; other keys (maps, aliases) are never equal to another.
 */
function duplicateKeys(root: unknown): FrontMatterError[] {
  const found: FrontMatterError[] = [];
  // An explicit stack, not recursion: nesting as deep as the YAML library accepts is no risk here.
  const pending: unknown[] = [root];
  while (pending.length > 0) {
    const node = pending.pop();
    if (isMap(node)) {
      const seen = new Set<unknown>();
      for (const pair of node.items as Pair[]) {
        if (isScalar(pair.key)) {
          if (seen.has(pair.key.value) && pair.key.range) found.push({ message: 'Map keys must be unique', start: pair.key.range[0], end: pair.key.range[0] + 1 });
          seen.add(pair.key.value);
        }
        pending.push(pair.key, pair.value);
      }
    } else if (isSeq(node)) {
      for (const item of node.items as unknown[]) pending.push(item);
    }
  }
  return found;
}

/** Where the first alias stands (offsets already in the note's text). */
function firstAlias(document: Document.Parsed): Span | undefined {
  let found: Span | undefined;
  visit(document, {
    Alias(_key, node) {
      if (node.range) found = { start: node.range[0], end: node.range[1] };
      return visit.BREAK;
    },
  });
  return found;
}

function firstLine(message: string): string {
  const line = message.split('\n')[0] ?? message;
  return line.replace(/ at line \d+, column \d+:?$/, '');
}

/** Moves every node's range from YAML-source offsets to note offsets, once, so that lookups need no arithmetic. */
function shiftRanges(node: unknown, shift: number): void {
  if (!node || typeof node !== 'object') return;
  const withRange = node as { range?: [number, number, number] };
  if (withRange.range) withRange.range = [withRange.range[0] + shift, withRange.range[1] + shift, withRange.range[2] + shift];
  if (isMap(node) || isSeq(node)) {
    for (const item of node.items as unknown[]) {
      if (isPairLike(item)) {
        shiftRanges(item.key, shift);
        shiftRanges(item.value, shift);
      } else {
        shiftRanges(item, shift);
      }
    }
  }
}

function isPairLike(item: unknown): item is Pair {
  return !!item && typeof item === 'object' && 'key' in item && 'value' in item;
}

export interface LocatedNode {
  /** The value node, when the key has a value written out. */
  value?: Span;
  /** The key of the pair that holds the value, for map entries. */
  key?: Span;
}

/** The key and value ranges of the node at a path, e.g. `['revision', 'status']` or `['image_sources', 1]`. */
export function locate(frontMatter: FrontMatter, path: FrontMatterPath): LocatedNode {
  let node: unknown = frontMatter.document.contents;
  let found: LocatedNode = {};
  for (const segment of path) {
    if (isMap(node)) {
      const pair = effectivePairs(node, frontMatter.document).find((item) => keyName(item.key) === String(segment));
      if (!pair) return found;
      found = { key: rangeOf(pair.key), value: valueSpanOf(pair.value) };
      node = pair.value;
    } else if (isSeq(node) && typeof segment === 'number') {
      const item = node.items[segment] as YamlNode | undefined;
      const range = rangeOf(item);
      found = range ? { value: range } : found;
      node = item;
    } else {
      return found;
    }
  }
  return found;
}

/** The range a diagnostic about the node at `path` should cover: its value, else its key. */
export function spanAt(frontMatter: FrontMatter, path: FrontMatterPath): Span {
  const located = locate(frontMatter, path);
  const span = located.value ?? located.key ?? frontMatter.openingFence;
  // A block map or list ends after its last line break; a diagnostic should end with its text.
  let end = span.end;
  while (end > span.start && /\s/.test(frontMatter.text.charAt(end - 1))) end--;
  return { start: span.start, end };
}

export function keyName(key: unknown): string | undefined {
  if (isScalar(key)) return key.value === null || key.value === undefined || typeof key.value === 'symbol' ? undefined : String(key.value);
  return undefined;
}

/** A YAML 1.1 merge key (`<<`), which the YAML library reads as a symbol when merging is on. */
function isMergeKey(key: unknown): boolean {
  return isScalar(key) && (typeof key.value === 'symbol' || (key.value === '<<' && !key.type?.startsWith('QUOTE')));
}

/**
 * The pairs a map holds once its merge keys (`<<: *defaults`, `<<: [*a, *b]`) are applied, in
 * source order, each merged pair where the merge key stands: the pair as written in the anchored
 * map, so that positions point at the merged value's source. Keys written in the map win over
 * merged ones, and an earlier source over a later one (YAML 1.1 merge key type).
 */
export function effectivePairs(map: YAMLMap, document: Document, visiting: ReadonlySet<YAMLMap> = new Set()): Pair[] {
  const items = map.items as Pair[];
  if (!items.some((pair) => isMergeKey(pair.key))) return items;
  const own = new Set(items.filter((pair) => !isMergeKey(pair.key)).map((pair) => keyName(pair.key)));
  const merged = new Set<string | undefined>();
  const pairs: Pair[] = [];
  for (const pair of items) {
    if (!isMergeKey(pair.key)) {
      pairs.push(pair);
      continue;
    }
    const sources = isSeq(pair.value) ? pair.value.items : [pair.value];
    for (const source of sources) {
      const target = isAlias(source) ? source.resolve(document) : source;
      // A source map may merge others in turn; a circle of merges (possible through nested anchors) is cut.
      if (!isMap(target) || target === map || visiting.has(target)) continue;
      for (const inner of effectivePairs(target, document, new Set([...visiting, map]))) {
        const name = keyName(inner.key);
        if (own.has(name) || merged.has(name)) continue;
        merged.add(name);
        pairs.push(inner);
      }
    }
  }
  return pairs;
}

/** A value's range; none for a key written without a value (`owner:`). */
function valueSpanOf(value: unknown): Span | undefined {
  const range = rangeOf(value);
  if (!range || (isScalar(value) && value.value === null && range.start === range.end)) return undefined;
  return range;
}

function rangeOf(node: unknown): Span | undefined {
  const range = (node as { range?: [number, number, number] } | null | undefined)?.range;
  return range ? { start: range[0], end: range[1] } : undefined;
}

export interface TopLevelEntry {
  key: string;
  keySpan: Span;
  valueSpan?: Span;
  value: unknown;
}

const entriesCache = new WeakMap<FrontMatter, TopLevelEntry[]>();

/** The top-level keys of the front matter in source order, with their positions. Computed once per front matter. */
export function topLevelEntries(frontMatter: FrontMatter): TopLevelEntry[] {
  const cached = entriesCache.get(frontMatter);
  if (cached) return cached;
  const entries: TopLevelEntry[] = [];
  const contents = frontMatter.document.contents;
  if (isMap(contents)) {
    const data = (frontMatter.data ?? {}) as Record<string, unknown>;
    for (const pair of effectivePairs(contents, frontMatter.document)) {
      const key = keyName(pair.key);
      const keySpan = rangeOf(pair.key);
      if (key === undefined || !keySpan) continue;
      entries.push({ key, keySpan, valueSpan: valueSpanOf(pair.value), value: data[key] });
    }
  }
  entriesCache.set(frontMatter, entries);
  return entries;
}
