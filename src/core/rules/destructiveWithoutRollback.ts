import { bodyContent } from '../bodyContent';
import { DESTRUCTIVE_COMMANDS, findDestructiveCommands, type DestructivePattern } from '../destructiveCommands';
import type { Finding } from '../types';
import { lazy, zod } from '../zod';
import { rollbackState, type RollbackState } from './rollbackContent';
import { defineRule } from './rule';
import { ROLLBACK_MAX_WORDS, rollbackVague } from './rollbackVague';

/** Code blocks that show text rather than commands to run: their content is not checked. */
const NOT_RUN = new Set(['text', 'txt', 'plaintext', 'output', 'log', 'logs', 'diff', 'patch', 'markdown', 'md']);

export interface TeamPattern {
  name: string;
  pattern: string;
  reason: string;
  unless?: string;
  statement: boolean;
}

type Options = {
  patterns: TeamPattern[];
};

function regexProblem(source: string): string | undefined {
  try {
    new RegExp(source, 'giu');
    return undefined;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}

const compiledOptions = new WeakMap<object, readonly DestructivePattern[]>();

/** The built-in patterns and the team's, compiled once per options object. */
function patternsFor(options: Options): readonly DestructivePattern[] {
  // Without patterns of the team's the list is the built-in one itself, which findDestructiveCommands pre-filters.
  if (options.patterns.length === 0) return DESTRUCTIVE_COMMANDS;
  let patterns = compiledOptions.get(options.patterns);
  if (!patterns) {
    patterns = [
      ...DESTRUCTIVE_COMMANDS,
      ...options.patterns.map((team) => ({
        name: team.name,
        pattern: new RegExp(team.pattern, 'u'),
        reason: team.reason,
        unless: team.unless ? new RegExp(team.unless, 'u') : undefined,
        statement: team.statement,
      })),
    ];
    compiledOptions.set(options.patterns, patterns);
  }
  return patterns;
}

function rollbackSays(rollback: Exclude<RollbackState, { state: 'enough' }>): string {
  switch (rollback.state) {
    case 'missing':
      return 'the note has no rollback';
    case 'empty':
      return "the note's rollback is empty";
    case 'placeholder':
      return "the note's rollback is only a placeholder";
    case 'vague':
      return `the note's rollback only says '${rollback.text.length > 40 ? `${rollback.text.slice(0, 37)}...` : rollback.text}'`;
  }
}

export const destructiveWithoutRollback = defineRule<Options>({
  id: 'RN027',
  name: 'destructive-without-rollback',
  defaultSeverity: 'error',
  description:
    'A command that drops or deletes for good (`DROP TABLE`, `TRUNCATE`, `DELETE FROM` without `WHERE`, `rm -rf`, `kubectl delete`, `terraform destroy`, `git push --force`, …) in a code block or inline code of a note whose rollback is missing, empty, a placeholder or says nothing (RN026). Comments, `echo` strings, `--dry-run` and scratch folders do not count; teams add patterns in the `patterns` option.',
  appliesTo: 'all notes',
  location: 'the command',
  remedy: 'none',
  remedyText: 'none; the message says what the command loses',
  defaultOptions: { patterns: [] },
  options: lazy(() => {
    const z = zod();
    const regex = (description: string) =>
      z
        .string()
        .min(1)
        .superRefine((source, ctx) => {
          const problem = regexProblem(source);
          if (problem) ctx.addIssue({ code: 'custom', message: `expected a regular expression: ${problem}`, params: { expected: 'a regular expression (JavaScript syntax)', found: problem } });
        })
        .meta({ description, expected: 'a regular expression (JavaScript syntax)' });
    const teamPattern = z
      .strictObject({
        name: z.string().trim().min(1).meta({ description: 'A short name for the command.', expected: 'a non-empty string' }),
        pattern: regex('What the command looks like, matched case-insensitively in code with comments and echo strings blanked out.'),
        reason: z.string().trim().min(1).meta({ description: 'Why it loses data, as it reads after the command ("deletes the queue and its messages").', expected: 'a non-empty string' }),
        unless: regex('A command that also matches this is not dangerous (e.g. "--dry-run").').optional(),
        statement: z.boolean().default(false).meta({ description: 'SQL: the command runs to the next `;`, across lines (default: to the end of the shell command).', expected: 'true or false' }),
      })
      .meta({ description: 'A destructive command of your own.', expected: 'a map with name, pattern, reason, and optionally unless and statement' });
    return z.strictObject({
      patterns: z.array(teamPattern).default([]).meta({ description: 'Destructive commands to find besides the built-in ones.', expected: 'a list of maps with name, pattern and reason' }),
    });
  }),
  check(context): Finding[] {
    // A rollback that says nothing is judged as RN026 judges it, with RN026's word count.
    const maxWords = context.config.rules.get(rollbackVague.id)?.options.maxWords;
    const rollback = rollbackState(context, typeof maxWords === 'number' ? maxWords : ROLLBACK_MAX_WORDS);
    if (rollback.state === 'enough') return [];
    const { note } = context;
    const patterns = patternsFor(context.options);
    const findings: Finding[] = [];
    for (const code of bodyContent(note).code) {
      if (NOT_RUN.has(code.info)) continue;
      const source = note.text.slice(code.span.start, code.span.end);
      for (const match of findDestructiveCommands(source, patterns)) {
        const command = source.slice(match.start, match.end).replace(/\s+/g, ' ');
        const shown = command.length > 50 ? `${command.slice(0, 47)}...` : command;
        findings.push({
          start: code.span.start + match.start,
          end: code.span.start + match.end,
          message: `'${shown}' ${match.pattern.reason}, and ${rollbackSays(rollback)}: write a rollback that says how to restore what it removes (a backup to restore, a command, steps)`,
        });
      }
    }
    return findings;
  },
});
