/**
 * Command lines read with Node's `util.parseArgs`, and every way they can be wrong said in our
 * words: an unknown option names the nearest valid one, a missing value names the option, and
 * `--help` is an option of every command. parseArgs runs in its lenient mode with tokens, so
 * that its own errors (ERR_PARSE_ARGS_*) never reach the user and the order of repeated options
 * (`--format sarif --output-file a.sarif --format github`) is kept.
 */
import { parseArgs } from 'node:util';
import { editDistance } from '../core/editDistance';

export interface OptionSpec {
  type: 'string' | 'boolean';
  short?: string;
  /** For a string option: the value's name in the usage (`FILE`). */
  value?: string;
  description: string;
  /** A string option that may be given more than once (all values kept, in order). */
  multiple?: boolean;
}

export interface CommandSpec {
  name: string;
  /** What follows the command name in the usage line: `[paths or globs...]`. */
  synopsis: string;
  /** One line for the list of commands. */
  title: string;
  summary: string;
  options: Record<string, OptionSpec>;
  /** Lines after the options in `--help`: examples, exit codes. */
  notes?: string;
}

/** A command line that cannot be run: exit 2, the message and the command's usage on stderr. */
export class UsageError extends Error {
  constructor(
    message: string,
    readonly command?: CommandSpec,
  ) {
    super(message);
    this.name = 'UsageError';
  }
}

export interface ParsedArgs {
  values: Record<string, string | boolean | string[] | undefined>;
  positionals: string[];
  /** The options in the order given (name and value): for options whose meaning depends on order. */
  ordered: { name: string; value: string | undefined }[];
  help: boolean;
}

const HELP: OptionSpec = { type: 'boolean', short: 'h', description: 'show this help' };

/** The option closest to a mistyped one, if any is close (one or two edits, or a prefix of it). */
export function nearestOption(name: string, options: readonly string[]): string | undefined {
  const prefixed = options.filter((option) => option.startsWith(name));
  if (name.length >= 2 && prefixed.length === 1) return prefixed[0];
  let best: { option: string; distance: number } | undefined;
  for (const option of options) {
    const distance = editDistance(name.toLowerCase(), option, 2);
    if (distance <= Math.min(2, Math.max(1, Math.floor(option.length / 3))) && (!best || distance < best.distance)) best = { option, distance };
  }
  return best?.option;
}

/** Reads `args` for `command`; throws UsageError for anything it does not define. */
export function parseCommandArgs(command: CommandSpec, args: readonly string[]): ParsedArgs {
  const specs: Record<string, OptionSpec> = { ...command.options, help: HELP };
  const { tokens } = parseArgs({
    args: [...args],
    options: Object.fromEntries(Object.entries(specs).map(([name, spec]) => [name, spec.short ? { type: spec.type, short: spec.short, multiple: true } : { type: spec.type, multiple: true }])),
    allowPositionals: true,
    strict: false,
    tokens: true,
  });
  const values: ParsedArgs['values'] = {};
  const positionals: string[] = [];
  const ordered: ParsedArgs['ordered'] = [];
  let help = false;
  const where = `${command.name}: `;
  for (const token of tokens) {
    if (token.kind === 'positional') {
      positionals.push(token.value);
      continue;
    }
    if (token.kind !== 'option') continue;
    const spec = specs[token.name];
    const written = token.rawName;
    if (!spec) {
      const near = nearestOption(token.name, Object.keys(specs));
      throw new UsageError(`${where}unknown option '${written}'${near ? `; did you mean --${near}?` : ''}`, command);
    }
    if (spec.type === 'boolean') {
      if (token.value !== undefined) throw new UsageError(`${where}${written} takes no value; got '${written}=${token.value}'`, command);
      if (token.name === 'help') help = true;
      else values[token.name] = true;
      ordered.push({ name: token.name, value: undefined });
      continue;
    }
    if (token.value === undefined) throw new UsageError(`${where}${written} expects a value (${spec.value ?? 'VALUE'})`, command);
    ordered.push({ name: token.name, value: token.value });
    if (spec.multiple) values[token.name] = [...((values[token.name] as string[] | undefined) ?? []), token.value];
    else if (values[token.name] !== undefined && values[token.name] !== token.value) throw new UsageError(`${where}${written} given twice ('${String(values[token.name])}' and '${token.value}'); expected once`, command);
    else values[token.name] = token.value;
  }
  return { values, positionals, ordered, help };
}

/** `--help` of a command: its usage line, what it does, and its options. */
export function commandHelp(command: CommandSpec): string {
  const specs: Record<string, OptionSpec> = { ...command.options, help: HELP };
  const rows = Object.entries(specs).map(([name, spec]) => [`${spec.short ? `-${spec.short}, ` : '    '}--${name}${spec.type === 'string' ? ` ${spec.value ?? 'VALUE'}` : ''}`, spec.description]);
  const width = Math.max(...rows.map(([left]) => (left as string).length));
  const lines = [`Usage: runbook-notes ${command.name}${command.synopsis ? ` ${command.synopsis}` : ''}`, '', command.summary, '', 'Options:', ...rows.map(([left, right]) => `  ${(left as string).padEnd(width)}  ${right}`)];
  if (command.notes) lines.push('', command.notes);
  return `${lines.join('\n')}\n`;
}
