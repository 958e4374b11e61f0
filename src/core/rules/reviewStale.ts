import { spanAt } from '../frontMatter';
import { isRealDate } from '../metaSchema';
import { addDays, calendarDate, daysBetween } from '../today';
import type { Finding } from '../types';
import { declaredAt } from './declared';
import { defineRule } from './rule';
import { lazy, zod } from '../zod';

const DEFAULT_OPTIONS = { maxAgeDays: 365, dueSoonDays: 14 };

export const reviewStale = defineRule<{ maxAgeDays: number; dueSoonDays: number }>({
  id: 'RN013',
  name: 'review-stale',
  defaultSeverity: 'warning',
  description:
    "The last review (`revision.last_reviewed`) is older than the note's `revision.review_every_days`, else the configured age (default 365 days); an info finding when the next review falls due within `dueSoonDays` (default 14). Days are counted from today's date where the lint runs (or in the configured `timeZone`).",
  appliesTo: 'notes with revision.last_reviewed',
  location: 'the date',
  remedy: 'none',
  remedyText: 'none',
  defaultOptions: DEFAULT_OPTIONS,
  options: lazy(() => {
    const z = zod();
    return z.strictObject({
      maxAgeDays: z.number().int().min(1).default(DEFAULT_OPTIONS.maxAgeDays).meta({ description: 'How many days a review stays fresh, for notes without revision.review_every_days.', expected: 'a whole number of days, 1 or more' }),
      dueSoonDays: z.number().int().min(0).default(DEFAULT_OPTIONS.dueSoonDays).meta({ description: 'An info finding when the next review falls due within this many days (0: only on the day it is due).', expected: 'a whole number of days, 0 or more' }),
    });
  }),
  check({ note, meta, options, now, config }): Finding[] {
    const date = declaredAt(meta, ['revision', 'last_reviewed']);
    if (typeof date !== 'string' || !isRealDate(date) || !note.frontMatter) return [];
    const own = declaredAt(meta, ['revision', 'review_every_days']);
    const perNote = typeof own === 'number' && Number.isInteger(own) && own >= 1;
    const period = perNote ? own : options.maxAgeDays;
    const source = perNote ? 'revision.review_every_days' : 'review-stale maxAgeDays';
    const today = calendarDate(now, config.timeZone);
    const age = daysBetween(date, today);
    const span = spanAt(note.frontMatter, ['revision', 'last_reviewed']);
    if (age > period) {
      return [
        {
          ...span,
          message: `Last reviewed ${age} days ago (${date}); reviews are due every ${period} days (${source}): review the note and update revision.last_reviewed`,
        },
      ];
    }
    const left = period - age;
    if (age < 0 || left > options.dueSoonDays) return [];
    const due = addDays(date, period);
    return [
      {
        ...span,
        severity: 'info',
        message: `The next review is due ${left === 0 ? 'today' : left === 1 ? 'tomorrow' : `in ${left} days`} (${due}; every ${period} days, ${source}): plan it, then update revision.last_reviewed`,
      },
    ];
  },
});
