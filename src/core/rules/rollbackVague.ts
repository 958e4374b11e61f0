import type { Finding } from '../types';
import { lazy, zod } from '../zod';
import { rollbackState } from './rollbackContent';
import { defineRule } from './rule';

/** The default of `maxWords`. */
export const ROLLBACK_MAX_WORDS = 12;

export const rollbackVague = defineRule<{ maxWords: number }>({
  id: 'RN026',
  name: 'rollback-vague',
  defaultSeverity: 'warning',
  description:
    'A rollback that says nothing: one short sentence (default at most 12 words) with no command (inline code or a code block), no list of steps and no link, such as "Revert if needed."',
  appliesTo: 'notes with a rollback',
  location: "the rollback's text",
  remedy: 'none',
  remedyText: 'none',
  defaultOptions: { maxWords: ROLLBACK_MAX_WORDS },
  options: lazy(() => {
    const z = zod();
    return z.strictObject({
      maxWords: z.number().int().min(1).max(100).default(ROLLBACK_MAX_WORDS).meta({ description: 'A one-sentence rollback of at most this many words, with no command, steps or link, says nothing.', expected: 'a whole number from 1 to 100' }),
    });
  }),
  check(context): Finding[] {
    const rollback = rollbackState(context, context.options.maxWords);
    if (rollback.state !== 'vague') return [];
    return rollback.forms.map((form) => ({
      ...form.span,
      message: `The rollback only says '${form.text.length > 60 ? `${form.text.slice(0, 57)}...` : form.text}': name the command, the steps or a linked note that undo the change, and how to tell it worked`,
    }));
  },
});
