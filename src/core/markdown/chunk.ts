/**
 * One chunk's facts: micromark (or, for plain sections, the plain-section reader) turns the text
 * into events, and the scanner turns the events into facts.
 */
import { parse, preprocess } from 'micromark';
import { gfmTaskListItem } from 'micromark-extension-gfm-task-list-item';
import { subtokenize } from 'micromark-util-subtokenize';
import type { Event, Extension, ParseContext, Token } from 'micromark-util-types';
import type { ChunkFacts } from './facts';
import { plainSectionEvents } from './plainSection';
import { defuseUnclosedComments, flattenDeepNesting } from './rewrites';
import { overInlineBudget } from './inlineBudget';
import { ChunkScanner } from './scanner';

const EXTENSIONS: Extension[] = [gfmTaskListItem()];

/**
 * One parser for every chunk: creating one merges micromark's construct tables, which cost about
 * a tenth of the time of a note's ten chunks. Its only per-document state is the labels defined
 * and which lines are lazy, both reset here (see micromark's `parse`).
 */
let sharedParser: ParseContext | undefined;

/**
 * How a chunk is parsed. `fast`: plain sections (see plainSectionEvents) without micromark, and
 * paragraph text parsed inline only where a rule reads it. `reference`: micromark on everything,
 * every paragraph parsed inline; what the tests hold the fast way to.
 */
export type ScanMode = 'fast' | 'reference';

export function scanChunk(source: string, definitions: readonly string[], mode: ScanMode = 'fast'): ChunkFacts {
  const plain = mode === 'fast' ? plainSectionEvents(source) : undefined;
  if (plain) return new ChunkScanner(source).run(plain);
  const parser = (sharedParser ??= parse({ extensions: EXTENSIONS }));
  parser.defined = [...definitions];
  parser.lazy = {};
  const events: Event[] = parser.document().write(preprocess()(defuseUnclosedComments(flattenDeepNesting(source)), undefined, true));
  // micromark's `postprocess`, which tokenizes nested content until none is left; here the text
  // of paragraphs no rule reads inline is left as it is, and the last round, which would only
  // find that nothing is left, is not run.
  while (!subtokenize(events) && leftToTokenize(events, source, mode)) {
    // Each round tokenizes the content the round before uncovered.
  }
  return new ChunkScanner(source).run(events);
}

/**
 * Whether the events still hold content to tokenize. Inline parsing (emphasis, code spans,
 * links, entities…) costs about a third of micromark's time on typical notes, and the rules read
 * only a few things from it: heading titles, the text of quotes, images, inline comments and task
 * list checks. In the fast mode, a paragraph's text chunks are left unparsed when none of those can
 * be in them: outside headings and quotes, with no `![`, no `<!--`, and not starting with `[`.
 * Each test is a necessary condition, so the facts are the same as with every chunk parsed (a
 * test compares them on random notes).
 */
function leftToTokenize(events: Event[], source: string, mode: ScanMode): boolean {
  let left = false;
  let readInline = 0;
  for (const [kind, token] of events) {
    const type = token.type;
    if (type === 'atxHeading' || type === 'setextHeading' || type === 'blockQuote') {
      readInline += kind === 'enter' ? 1 : -1;
      continue;
    }
    if (kind !== 'enter' || !token.contentType) continue;
    // A paragraph or heading too full of delimiters and brackets to parse inline in bounded time is read as written.
    if (token.contentType === 'text' && !token.previous && overInlineBudget(source, token)) {
      for (let chunk: Token | undefined = token; chunk; chunk = chunk.next) chunk.contentType = undefined;
      continue;
    }
    // The first chunk of a chain of text chunks (one per line of a paragraph) speaks for the chain.
    if (mode === 'reference' || token.contentType !== 'text' || token.previous || readInline > 0 || source.charCodeAt(token.start.offset) === 91 /* [ */ || chainMayHoldReadInline(source, token)) {
      left = true;
      continue;
    }
    for (let chunk: Token | undefined = token; chunk; chunk = chunk.next) chunk.contentType = undefined;
  }
  return left;
}

function chainMayHoldReadInline(source: string, first: Token): boolean {
  for (let chunk: Token | undefined = first; chunk; chunk = chunk.next) if (mayHoldReadInline(source, chunk.start.offset, chunk.end.offset)) return true;
  return false;
}

function mayHoldReadInline(source: string, start: number, end: number): boolean {
  for (let at = start; at < end; at++) {
    const code = source.charCodeAt(at);
    if (code === 33 /* ! */ ? source.charCodeAt(at + 1) === 91 /* [ */ : code === 60 /* < */ && source.startsWith('!--', at + 1)) return true;
  }
  return false;
}
