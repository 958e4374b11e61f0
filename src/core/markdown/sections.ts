/**
 * The section cut and its cache. A note is scanned one top-level section at a time: parse time of
 * one Markdown document grows faster than its length, and an edit should re-parse only the
 * section it touched. Cutting the body before each `#` heading line is exact, because an ATX
 * heading ends every open block but two: a fenced code block or an HTML block at the top level. A
 * chunk whose last block is one of those, still open, is joined with the next (see `openTail`).
 * Link and image references are the one thing that crosses sections: every chunk is parsed knowing
 * the labels the whole note defines.
 */
import type { Span } from '../frontMatter';
import { scanChunk } from './chunk';
import type { Block, BodyFacts, ChunkFacts } from './facts';
import { atxMarks, htmlEndMarker } from './syntax';

/** Offsets at which a line starting with an ATX heading mark begins (`# `, `## `, … `###### `, or a bare `#`). */
function headingLineStarts(text: string, from: number): number[] {
  const starts: number[] = [];
  // `#` is rare outside headings: jumping from one to the next is much faster than reading every character.
  for (let index = text.indexOf('#', from + 1); index !== -1; index = text.indexOf('#', index + 1)) {
    const before = text.charCodeAt(index - 1);
    if (before !== 10 /* \n */ && before !== 13 /* \r */) continue;
    const marks = atxMarks(text, index);
    if (marks > 0) {
      starts.push(index);
      index += marks - 1;
    }
  }
  return starts;
}

/**
 * Remembers chunk facts by their text (and the definitions they were parsed with), for one
 * document being edited: a keystroke then re-parses one section. Entries not used by the last
 * two lints are dropped, so the cache holds about two versions of the note at most.
 */
export class SectionCache {
  private current = new Map<string, ChunkFacts>();
  private previous = new Map<string, ChunkFacts>();
  /** The definitions of the last lint: the best guess for the next one. */
  definitions: readonly string[] = [];
  /** The last front matter step, reused while the front matter's text is unchanged. */
  frontMatter?: { source: string; value: unknown };
  /** How many chunks the last lint parsed, and how many it found here. */
  readonly stats = { parsed: 0, reused: 0 };

  get(key: string): ChunkFacts | undefined {
    const hit = this.current.get(key) ?? this.previous.get(key);
    if (hit) {
      this.current.set(key, hit);
      this.stats.reused++;
    }
    return hit;
  }

  set(key: string, facts: ChunkFacts): void {
    this.current.set(key, facts);
    this.stats.parsed++;
  }

  /** Called before each lint: what the last lint did not use ages out. */
  startGeneration(): void {
    this.previous = this.current;
    this.current = new Map();
    this.stats.parsed = 0;
    this.stats.reused = 0;
  }
}

function cacheKey(text: string, definitions: readonly string[]): string {
  return definitions.length === 0 ? text : `${definitions.join('\u0000')}\u0001${text}`;
}

/** Whether a chunk parsed knowing `parsedWith` could read differently knowing `definitions` instead. */
function mayDependOn(chunk: string, facts: ChunkFacts, parsedWith: readonly string[], definitions: readonly string[]): boolean {
  const before = new Set(parsedWith);
  const after = new Set(definitions);
  const changed = [...parsedWith.filter((label) => !after.has(label)), ...definitions.filter((label) => !before.has(label))].filter((label) => !facts.definitions.includes(label));
  if (changed.length === 0 || !chunk.includes('[')) return false;
  // Labels compare after case folding, the way micromark normalizes them.
  const folded = chunk.toLowerCase().toUpperCase();
  return changed.some((label) => label.includes(' ') || folded.includes(label));
}

/**
 * Scans the body of a note, `text` from `bodyStart` on, section by section. With a cache, sections
 * whose text is unchanged are not parsed again; the result is the same with or without one.
 */
export function scanBody(text: string, bodyStart: number, cache?: SectionCache): BodyFacts {
  const cuts = headingLineStarts(text, bodyStart);
  cache?.startGeneration();
  const definitions = cache?.definitions ?? [];
  const chunks: { start: number; end: number; facts: ChunkFacts; parsedWith: readonly string[] }[] = [];
  const factsFor = (source: string, known: readonly string[]): ChunkFacts => {
    const key = cacheKey(source, known);
    let facts = cache?.get(key);
    if (!facts) {
      facts = scanChunk(source, known);
      cache?.set(key, facts);
    }
    return facts;
  };

  let start = bodyStart;
  let next = 0;
  while (start < text.length || chunks.length === 0) {
    let end = next < cuts.length ? (cuts[next++] as number) : text.length;
    let facts = factsFor(text.slice(start, end), definitions);
    while (facts.openTail && end < text.length) {
      // A code fence or HTML block runs past the heading: join the chunk with what follows up to
      // the first heading after where the block can close.
      const close = closingOffset(text, start, facts, end);
      while (next < cuts.length && (cuts[next] as number) <= close) next++;
      end = next < cuts.length ? (cuts[next++] as number) : text.length;
      facts = factsFor(text.slice(start, end), definitions);
    }
    chunks.push({ start, end, facts, parsedWith: definitions });
    start = end;
    if (start >= text.length) break;
  }

  // References resolve against every definition of the note: parse again the chunks that may read otherwise.
  const defined = [...new Set(chunks.flatMap((chunk) => chunk.facts.definitions))].sort();
  for (const chunk of chunks) {
    if (sameList(chunk.parsedWith, defined)) continue;
    const source = text.slice(chunk.start, chunk.end);
    if (mayDependOn(source, chunk.facts, chunk.parsedWith, defined)) chunk.facts = factsFor(source, defined);
  }
  if (cache) cache.definitions = defined;

  const body: BodyFacts = { chunks: chunks.map(({ start, end, facts }) => ({ start, end, facts })), blocks: [], paragraphs: [], taskItems: [], images: [], comments: [], definitions: defined };
  for (const { start: shift, facts } of chunks) {
    for (const block of facts.blocks) {
      const copy: Block = { ...block, span: moved(block.span, shift) };
      if (block.items) copy.items = block.items.map((item) => moved(item, shift));
      body.blocks.push(copy);
    }
    for (const paragraph of facts.paragraphs) {
      body.paragraphs.push(paragraph.following ? { span: moved(paragraph.span, shift), following: moved(paragraph.following, shift) } : { span: moved(paragraph.span, shift) });
    }
    for (const item of facts.taskItems) body.taskItems.push({ checked: item.checked, span: moved(item.span, shift) });
    for (const image of facts.images) body.images.push({ alt: image.alt, span: moved(image.span, shift) });
    for (const comment of facts.comments) body.comments.push({ body: comment.body, span: moved(comment.span, shift) });
  }
  return body;
}

function moved(span: Span, shift: number): Span {
  return { start: span.start + shift, end: span.end + shift };
}

function sameList(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((item, index) => item === b[index]);
}

/**
 * Where the open block at the end of a chunk can close at the earliest: the next closing fence, the
 * next line holding the HTML block's end marker, or the next blank line. A guess is enough (the
 * joined chunk is checked again); it keeps an unclosed fence from costing one parse per section.
 */
function closingOffset(text: string, chunkStart: number, facts: ChunkFacts, chunkEnd: number): number {
  const last = facts.blocks[facts.blocks.length - 1];
  if (!last) return chunkEnd;
  const opening = text.slice(chunkStart + last.span.start, chunkStart + last.span.end).split(/\r\n|\r|\n/, 1)[0] ?? '';
  let pattern: RegExp;
  if (last.type === 'code') {
    const fence = /^ {0,3}(`{3,}|~{3,})/.exec(opening)?.[1] ?? '```';
    pattern = new RegExp(`^ {0,3}${fence[0] === '`' ? '`' : '~'}{${fence.length},}[ \\t]*$`, 'm');
  } else {
    const marker = htmlEndMarker(opening);
    pattern = marker ?? /^[ \t]*$/m;
  }
  pattern = new RegExp(pattern.source, pattern.flags.includes('g') ? pattern.flags : `${pattern.flags}g`);
  pattern.lastIndex = chunkEnd;
  const found = pattern.exec(text);
  return found ? found.index : text.length;
}
