import { spanAt } from '../frontMatter';
import { isRealDate } from '../metaSchema';
import type { Finding } from '../types';
import { defineRule } from './rule';
import { lazy, zod } from '../zod';

const DAY_MS = 24 * 60 * 60 * 1000;

const DEFAULT_OPTIONS = { maxAgeDays: 365 };

export const reviewStale = defineRule<{ maxAgeDays: number }>({
  id: 'RN013',
  name: 'review-stale',
  defaultSeverity: 'warning',
  description: 'The last review (`revision.last_reviewed`) is older than the configured age (default 365 days).',
  appliesTo: 'notes with revision.last_reviewed',
  location: 'the date',
  remedy: 'none',
  remedyText: 'none',
  defaultOptions: DEFAULT_OPTIONS,
  options: lazy(() => {
    const z = zod();
    return z.strictObject({
      maxAgeDays: z.number().int().min(1).default(DEFAULT_OPTIONS.maxAgeDays).meta({ description: 'How many days a review stays fresh.', expected: 'a whole number of days, 1 or more' }),
    });
  }),
  check({ note, meta, options, now }): Finding[] {
    const revision = meta?.revision;
    const date = revision && typeof revision === 'object' ? (revision as { last_reviewed?: unknown }).last_reviewed : undefined;
    if (typeof date !== 'string' || !isRealDate(date) || !note.frontMatter) return [];
    const today = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
    const age = Math.floor((today - Date.parse(`${date}T00:00:00Z`)) / DAY_MS);
    if (age <= options.maxAgeDays) return [];
    return [
      {
        ...spanAt(note.frontMatter, ['revision', 'last_reviewed']),
        message: `Last reviewed ${age} days ago (${date}); reviews are due every ${options.maxAgeDays} days: review the note and update revision.last_reviewed`,
      },
    ];
  },
});
