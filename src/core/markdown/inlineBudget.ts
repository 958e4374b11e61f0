/**
 * A bound on the inline parsing of one paragraph or heading. micromark resolves emphasis and link labels in
 * time that grows with the square of their count in one paragraph (each `*`/`_` closer looks back over every
 * opener, each match splices the event list, each `]` looks back over the open labels): 12,000 `*` around a
 * word, or 36,000 `[a]`, take 10 s or more. No note of ours needs that many in one paragraph, so a paragraph or
 * heading holding more than INLINE_BUDGET of these characters is not parsed inline: its text is read as
 * written (a heading's title keeps its `*`), and images, inline comments and task checks in it are not seen.
 * src/core/markdown.ts applies it where it decides which chunks to parse inline.
 */
import type { Token } from 'micromark-util-types';

/**
 * How many emphasis delimiters and brackets (`*`, `_`, `[`, `]`) one paragraph or heading may hold and still be
 * parsed inline. At this count the quadratic work stays under a millisecond or so per paragraph, so that a note
 * of 1 MiB made of such paragraphs lints in well under a second.
 */
export const INLINE_BUDGET = 400;

/** Whether the chain of text chunks starting at `first` (one per line of a paragraph) holds more than INLINE_BUDGET delimiters and brackets. */
export function overInlineBudget(source: string, first: Token): boolean {
  let count = 0;
  for (let chunk: Token | undefined = first; chunk; chunk = chunk.next) {
    for (let at = chunk.start.offset, end = chunk.end.offset; at < end; at++) {
      const code = source.charCodeAt(at);
      if ((code === 42 /* * */ || code === 95 /* _ */ || code === 91 /* [ */ || code === 93) /* ] */ && ++count > INLINE_BUDGET) return true;
    }
  }
  return false;
}
