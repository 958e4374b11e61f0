import { bodyContent, bodyNotWritten } from '../bodyContent';
import type { Finding } from '../types';
import { lazy, zod } from '../zod';
import { counted, declaredAt, onDeclared } from './declared';
import { defineRule } from './rule';

export type ReadingTimeOptions = {
  wordsPerMinute: number;
  tolerance: number;
};

/**
 * The minutes the body's prose takes at `wordsPerMinute`, at least 1, and the whole minutes a
 * declared value may say within `tolerance` (a fraction) either way: declared values are whole
 * minutes, so the bounds are rounded to whole minutes.
 */
export function readingTimeRange(words: number, options: ReadingTimeOptions): { minutes: number; low: number; high: number } {
  const minutes = Math.max(1, words / options.wordsPerMinute);
  return { minutes, low: Math.max(1, Math.round(minutes * (1 - options.tolerance))), high: Math.max(1, Math.round(minutes * (1 + options.tolerance))) };
}

export const readingTimeMismatch = defineRule<ReadingTimeOptions>({
  id: 'RN022',
  name: 'reading-time-mismatch',
  defaultSeverity: 'warning',
  description:
    "`reading_time` is further than the tolerance (default 50%) from the body's prose words ÷ words a minute (default 200), at least 1 minute; code, front matter and comments are not prose.",
  appliesTo: 'notes with reading_time',
  location: 'the declared value',
  remedy: 'none',
  remedyText: 'none; the message gives the word count and the reading time it makes',
  defaultOptions: { wordsPerMinute: 200, tolerance: 0.5 },
  options: lazy(() => {
    const z = zod();
    return z.strictObject({
      wordsPerMinute: z.number().int().min(50).max(1000).default(200).meta({ description: 'Reading speed, in words a minute.', expected: 'a whole number from 50 to 1000' }),
      tolerance: z.number().min(0).max(10).default(0.5).meta({ description: 'How far the declared time may be from the estimate, as a fraction of it (0.5 = 50%).', expected: 'a number from 0 to 10' }),
    });
  }),
  check({ note, meta, options }): Finding[] {
    const declared = declaredAt(meta, ['reading_time']);
    // A value that is no time at all (0, negative) is RN011's to report: comparing it with the body says nothing more.
    if (typeof declared !== 'number' || !Number.isFinite(declared) || declared <= 0) return [];
    const body = bodyContent(note);
    if (bodyNotWritten(body)) return [];
    const words = body.proseWords;
    const { minutes, low, high } = readingTimeRange(words, options);
    if (declared >= low && declared <= high) return [];
    const about = Math.max(1, Math.round(minutes));
    return onDeclared(
      note,
      ['reading_time'],
      `reading_time is ${counted(declared, 'minute')}, but the body's ${counted(words, 'word')} of prose read in about ${counted(about, 'minute')} at ${options.wordsPerMinute} words a minute: expected ${low === high ? low : `${low} to ${high}`}`,
      `the body reads in about ${about} min`,
    );
  },
});
