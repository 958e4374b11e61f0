/** `runbook-notes`: the same engine as the editor, for CI. Exit codes: 0 clean, 1 problems, 2 usage/config/read errors. */
import type * as Crypto from 'node:crypto';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  catalogue,
  catalogueMarkdown,
  CONFIG_FILE_NAME,
  ConfigError,
  ConfigResolver,
  lintText,
  MARKDOWN_EXTENSIONS,
  noteTemplate,
  OwnershipResolver,
  postMetaInput,
  renderPostMeta,
  renderPostMetaPage,
} from '../core';
import postMetaCss from '../../media/postMeta.css';
import { commandHelp, nearestOption, parseCommandArgs, UsageError, type CommandSpec, type ParsedArgs } from './args';
import { collectFiles, noteFromBytes, readNote, repositoryRoot, toPosix, writeFileAtomic } from './files';
import { FileLinter, lintFiles, type FileOutcome } from './lintFiles';
import { COLORS, FORMAT_NAMES, FORMATS, NO_COLORS, summarize, summaryLines, type FileReport, type FormatName, type NotChecked, type RunReport } from './format';
import { initCommand } from './init';
import { nodeConfigHost, nodeOwnershipHost } from './nodeHost';

declare const RUNBOOK_NOTES_VERSION: string;
const VERSION = typeof RUNBOOK_NOTES_VERSION === 'string' ? RUNBOOK_NOTES_VERSION : '0.0.0-dev';

import type { Io } from './io';
import type * as LanguageServer from '../lsp/main';

export type { Io };

/** A subcommand: its options (for parsing and `--help`) and what it does. */
interface Command {
  spec: CommandSpec;
  run(args: ParsedArgs, io: Io): Promise<number> | number;
}

const EXIT_CODES = `Exit codes: 0 no errors (and warnings within --max-warnings), 1 otherwise,
            2 usage error, invalid configuration, a file that cannot be read or was
              skipped, a rule that failed (internal error), or fixes not written.`;

const LINT: CommandSpec = {
  name: 'lint',
  synopsis: '[paths or globs...]',
  title: 'lint notes (default: the current directory)',
  summary: `Lint notes: the Markdown files (${MARKDOWN_EXTENSIONS.join(', ')}) in the folders given
(default: the current one), skipping node_modules, .git and what Git ignores; files and globs
as given. A path that exists is taken as it is; in a glob, write \\[ and \\] for brackets.`,
  options: {
    format: { type: 'string', value: 'NAME', multiple: true, description: `report format: ${FORMAT_NAMES.join(', ')} (default: stylish); repeat for several reports` },
    'output-file': { type: 'string', short: 'o', value: 'FILE', multiple: true, description: 'write the report of the --format before it to FILE (atomically)' },
    fix: { type: 'boolean', description: 'apply the safe fixes, then report what is left' },
    config: { type: 'string', value: 'FILE', description: 'use this configuration file instead of discovery' },
    'max-warnings': { type: 'string', value: 'N', description: 'exit 1 when there are more than N warnings' },
    quiet: { type: 'boolean', description: 'report errors only' },
    stdin: { type: 'boolean', description: 'lint the text on standard input (with --fix: print the fixed text)' },
    'stdin-filename': { type: 'string', value: 'PATH', description: 'with --stdin: lint the text as if it were PATH (its kind and configuration)' },
  },
  notes: `Several reports in one run: each --output-file takes the report of the --format before it;
at most one report goes to standard output, and a run whose reports all went to files still
prints its summary.

Examples:
  runbook-notes lint
  runbook-notes lint 'runbooks/**/*.md' changes/2026-11-12-query-index.md
  runbook-notes lint --format sarif --output-file notes.sarif --format github
  cat note.md | runbook-notes lint --stdin --stdin-filename runbooks/restart.md

${EXIT_CODES}`,
};

const INIT: CommandSpec = {
  name: 'init',
  synopsis: '[FOLDER]',
  title: `write a commented starting ${CONFIG_FILE_NAME}`,
  summary: `Write a commented starting ${CONFIG_FILE_NAME} for the repository in FOLDER (default: the
current one), from the folders and ownership files found there; prints what it detected.
Never overwrites an existing file.`,
  options: {
    print: { type: 'boolean', description: 'print the configuration instead of writing it' },
  },
};

const RENDER: CommandSpec = {
  name: 'render',
  synopsis: 'NOTE.md [-o OUT.html]',
  title: "the note's post-meta box as a standalone HTML page",
  summary: "The note's post-meta box as a standalone HTML page (stdout, or the file given).",
  options: {
    output: { type: 'string', short: 'o', value: 'OUT.html', description: 'write the page to this file (atomic)' },
    theme: { type: 'string', value: 'light|dark', description: 'colours of the page (default: light)' },
    'remote-images': { type: 'boolean', description: 'show https images of image_sources (default: links only)' },
  },
};

const NEW: CommandSpec = {
  name: 'new',
  synopsis: 'runbook|change-note|post|<kind> [-o FILE]',
  title: 'print a new note from the template, or write it to FILE',
  summary: 'Print a new note from the template of a kind, or write it to FILE (never over an existing file).',
  options: { output: { type: 'string', short: 'o', value: 'FILE', description: 'write the note to FILE' } },
};

const RULES_SPEC: CommandSpec = {
  name: 'rules',
  synopsis: '[--format markdown|json]',
  title: 'print the rule catalogue',
  summary: 'Print the rule catalogue, from the code.',
  options: { format: { type: 'string', value: 'markdown|json', description: 'catalogue format (default: markdown)' } },
};

/**
 * The language server's own bundle (dist/lsp.js), loaded for `lsp` only: linting does not pay for the LSP
 * libraries. require(), not import(): on Node 20 the launcher runs this bundle from a vm.Script with a code
 * cache, where a dynamic import() has no loader and throws ERR_VM_DYNAMIC_IMPORT_CALLBACK_MISSING.
 */
function loadLanguageServer(): typeof LanguageServer {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require('../lsp/main') as typeof LanguageServer;
}

const LSP_SPEC: CommandSpec = {
  name: 'lsp',
  synopsis: '[--stdio]',
  title: 'run the language server on standard input and output',
  summary: 'Run the Language Server Protocol server (diagnostics, code actions, completion, hover) over standard input and output, for editors other than VS Code.',
  options: {
    stdio: { type: 'boolean', description: 'talk LSP over standard input and output (the default, and the only transport)' },
    clientProcessId: { type: 'string', value: 'PID', description: "what vscode-languageclient passes; the server watches the process named in 'initialize' instead" },
  },
};

/** The subcommands, in the order of the usage; a new one is one entry here. */
const COMMANDS: Record<string, Command> = {
  lint: { spec: LINT, run: lintCommand },
  init: { spec: INIT, run: initCommand },
  render: { spec: RENDER, run: renderCommand },
  new: { spec: NEW, run: newCommand },
  rules: { spec: RULES_SPEC, run: rulesCommand },
  lsp: { spec: LSP_SPEC, run: (args, io) => loadLanguageServer().runLanguageServer(args.values.stdio ? ['--stdio'] : [], io) },
};

export const USAGE = `Usage: runbook-notes <command> [options]

Commands:
${Object.values(COMMANDS)
  .map(({ spec }) => `  ${spec.name} ${spec.synopsis}\n      ${spec.title}`)
  .join('\n')}

Run 'runbook-notes <command> --help' for a command's options.
Options: --help, --version
${EXIT_CODES}`;

export async function run(argv: readonly string[], io: Io): Promise<number> {
  try {
    const [name, ...rest] = argv;
    const command = name === undefined ? undefined : Object.hasOwn(COMMANDS, name) ? COMMANDS[name] : undefined;
    if (command) {
      const args = parseCommandArgs(command.spec, rest);
      if (args.help) {
        io.stdout(commandHelp(command.spec));
        return 0;
      }
      return await command.run(args, io);
    }
    switch (name) {
      case '--version':
      case '-v':
        io.stdout(`${VERSION}\n`);
        return 0;
      case undefined:
      case '--help':
      case '-h':
      case 'help':
        if (name === 'help' && rest[0] && Object.hasOwn(COMMANDS, rest[0])) {
          io.stdout(commandHelp((COMMANDS[rest[0]] as Command).spec));
          return 0;
        }
        io.stdout(`${USAGE}\n`);
        return name === undefined ? 2 : 0;
      default: {
        const near = name.startsWith('-') ? nearestOption(name.replace(/^-+/, ''), ['help', 'version']) : nearestOption(name, Object.keys(COMMANDS));
        throw new UsageError(`unknown ${name.startsWith('-') ? 'option' : 'command'} '${name}'${near ? `; did you mean ${name.startsWith('-') ? '--' : ''}${near}?` : ''}`);
      }
    }
  } catch (error) {
    if (error instanceof UsageError) {
      const help = error.command ? `Usage: runbook-notes ${error.command.name} ${error.command.synopsis}\nRun 'runbook-notes ${error.command.name} --help' for its options.` : USAGE;
      io.stderr(`runbook-notes: ${error.message}\n\n${help}\n`);
      return 2;
    }
    if (error instanceof ConfigError) {
      io.stderr(`runbook-notes: invalid configuration\n${error.message}\n`);
      return 2;
    }
    io.stderr(`runbook-notes: internal error, please report it:\n${(error as Error).stack ?? String(error)}\n`);
    return 2;
  }
}

function choice<T extends string>(value: unknown, choices: readonly T[], fallback: T, option: string, command?: CommandSpec): T {
  if (value === undefined) return fallback;
  if ((choices as readonly string[]).includes(value as string)) return value as T;
  const near = nearestOption(String(value), choices);
  throw new UsageError(`${option}: expected one of ${choices.join(', ')}; got '${String(value)}'${near ? ` (did you mean ${near}?)` : ''}`, command);
}

/** Where a report goes: a file, or standard output (or standard error when stdout carries the fixed text of `--stdin --fix`). */
interface ReportTarget {
  format: FormatName;
  file?: string;
}

/**
 * Pairs `--format` and `--output-file` in the order given: an output file belongs to the format
 * before it that has none yet (or, given first, to the format after it, or to stylish when no
 * format is given). At most one report goes to standard output.
 */
function reportTargets(args: ParsedArgs): ReportTarget[] {
  const targets: ReportTarget[] = [];
  const pending: string[] = [];
  for (const { name, value } of args.ordered) {
    if (name === 'format') {
      targets.push({ format: choice(value, FORMAT_NAMES, 'stylish', '--format', LINT), file: pending.shift() });
    } else if (name === 'output-file') {
      const open = [...targets].reverse().find((target) => target.file === undefined);
      if (open && targets.indexOf(open) === targets.length - 1) open.file = value;
      else pending.push(value as string);
    }
  }
  if (targets.length === 0) targets.push({ format: 'stylish', file: pending.shift() });
  if (pending.length > 0) throw new UsageError(`--output-file ${pending[0]}: no --format before it to write there; write --format NAME --output-file FILE`, LINT);
  const toStdout = targets.filter((target) => target.file === undefined);
  if (toStdout.length > 1) throw new UsageError(`--format ${toStdout.map((target) => target.format).join(' and ')}: only one report can go to standard output; give the others an --output-file`, LINT);
  const files = targets.flatMap((target) => (target.file === undefined ? [] : [target.file]));
  const twice = files.find((file, index) => files.indexOf(file) !== index);
  if (twice !== undefined) throw new UsageError(`--output-file ${twice}: given for two reports; expected one file per report`, LINT);
  return targets;
}

async function readStdin(io: Io): Promise<Buffer> {
  if (!io.stdin) throw new UsageError('--stdin: standard input cannot be read here', LINT);
  return io.stdin();
}

async function lintCommand(args: ParsedArgs, io: Io): Promise<number> {
  const { values, positionals } = args;
  const targets = reportTargets(args);
  let maxWarnings = Infinity;
  const maxWarningsValue = values['max-warnings'] as string | undefined;
  if (maxWarningsValue !== undefined) {
    if (!/^\d+$/.test(maxWarningsValue)) throw new UsageError(`--max-warnings: expected a whole number, 0 or more; got '${maxWarningsValue}'`, LINT);
    maxWarnings = Number(maxWarningsValue);
  }
  const stdin = values.stdin === true;
  const stdinFilename = values['stdin-filename'] as string | undefined;
  if (stdinFilename !== undefined && !stdin) throw new UsageError('--stdin-filename: only with --stdin (lint standard input as if it were this file)', LINT);
  if (stdin && positionals.length > 0) throw new UsageError(`--stdin: lints standard input only; got the path '${positionals[0]}' too`, LINT);
  if (stdinFilename === '') throw new UsageError('--stdin-filename: expected a path; got an empty one', LINT);
  const fix = values.fix === true;
  const cwd = io.cwd;
  const configValue = values.config as string | undefined;
  const explicitFile = configValue ? path.resolve(cwd, configValue) : undefined;
  const notChecked: NotChecked[] = [];
  if (explicitFile) {
    const exists = await nodeConfigHost.readFile(explicitFile).then(
      (text) => text !== undefined,
      () => true, // it exists but cannot be read: loading it says why
    );
    if (!exists) throw new UsageError(`--config: cannot read '${configValue}': no such file`, LINT);
    const resolver = new ConfigResolver(nodeConfigHost, { defaultRoot: toPosix(cwd), explicitFile: toPosix(explicitFile), rootFor: repositoryRoot });
    await resolver.forNote(toPosix(path.join(cwd, 'note.md')));
  }

  const job = { cwd, explicitFile, fix, fixToOutput: stdin, fingerprints: targets.some((target) => FINGERPRINTED.has(target.format)), now: io.now };
  let files: string[];
  let outcomes: FileOutcome[];
  if (stdin) {
    // Standard input linted as the file it stands for: its kind, configuration and ownership come from that path.
    files = [path.resolve(cwd, stdinFilename ?? STDIN_NAME)];
    outcomes = [await new FileLinter(job).lint(files[0] as string, noteFromBytes(await readStdin(io)))];
  } else {
    const collected = await collectFiles(positionals.length > 0 ? positionals : ['.'], cwd);
    for (const problem of collected.problems) {
      io.stderr(`runbook-notes: ${problem.path}: ${problem.message}\n`);
      notChecked.push({ path: problem.path, reason: problem.message, fails: true });
    }
    files = collected.files;
    outcomes = await lintFiles(files, job);
  }

  const reportedConfigErrors = new Set<string>();
  const reportedOwnershipFiles = new Set<string>();
  const reports: FileReport[] = [];
  let markdownFiles = 0;
  let fixedText: string | undefined;
  for (const [index, outcome] of outcomes.entries()) {
    const file = files[index] as string;
    const relative = stdin && stdinFilename === undefined ? STDIN_NAME : toPosix(path.relative(cwd, file)) || path.basename(file);
    if (outcome.kind === 'unread' || outcome.kind === 'skipped') {
      // Not linted means not checked: the run must not pass as if it had been (a binary file that is no note aside).
      const reason = outcome.kind === 'unread' ? outcome.message : outcome.reason;
      io.stderr(outcome.kind === 'unread' ? `runbook-notes: ${relative}: ${reason}\n` : `runbook-notes: skipped ${relative}: ${reason}\n`);
      notChecked.push({ path: relative, reason: outcome.kind === 'unread' ? reason : `skipped: ${reason}`, fails: outcome.kind === 'unread' || outcome.fails });
      continue;
    }
    markdownFiles++;
    if (outcome.kind === 'config-error') {
      if (!reportedConfigErrors.has(outcome.file)) {
        reportedConfigErrors.add(outcome.file);
        // Each line starts `FILE:line:col:`, with FILE absolute: shown relative to the current folder, as the notes are.
        const shown = toPosix(path.relative(cwd, outcome.file)) || outcome.file;
        const message = outcome.message
          .split('\n')
          .map((line) => (line.startsWith(`${outcome.file}:`) ? shown + line.slice(outcome.file.length) : line))
          .join('\n');
        io.stderr(`runbook-notes: invalid configuration\n${message}\n`);
        notChecked.push({ path: shown, reason: `invalid configuration: ${message}`, fails: true });
      }
      continue;
    }
    for (const report of outcome.ownershipFiles) {
      // Workers each read the files: each is reported once. An invalid line was skipped, the rest applies: no failure.
      if (reportedOwnershipFiles.has(report.path)) continue;
      reportedOwnershipFiles.add(report.path);
      const shown = toPosix(path.relative(cwd, report.path)) || report.path;
      for (const problem of report.problems) io.stderr(`${shown}:${problem.line}:${problem.column}: ${problem.message}\n`);
    }
    if (outcome.writeError) {
      io.stderr(`runbook-notes: ${relative}: cannot write the fixes: ${outcome.writeError}\n`);
      notChecked.push({ path: relative, reason: `fixes not written: ${outcome.writeError}`, fails: true });
    }
    for (const internal of outcome.internalErrors) {
      // The rule's finding is in the report; its stack is for the bug report. A rule that did not run left the note not fully checked.
      io.stderr(`runbook-notes: ${relative}: internal error in rule ${internal.ruleId} ${internal.rule}, please report it (the note was not fully checked):\n${internal.stack}\n`);
      notChecked.push({ path: relative, reason: `internal error in rule ${internal.ruleId} ${internal.rule} (the note was not fully checked)`, fails: true });
    }
    fixedText = outcome.fixedText;
    if (!outcome.isNote) continue;
    const diagnostics = outcome.diagnostics.map((diagnostic, at) => ({ ...diagnostic, fingerprint: outcome.fingerprints[at] }));
    reports.push({ path: relative, kind: outcome.noteKind, diagnostics: values.quiet ? diagnostics.filter((diagnostic) => diagnostic.severity === 'error') : diagnostics, owners: outcome.owners });
  }

  const runReport: RunReport = { files: reports, notChecked, summary: summarize(reports, markdownFiles) };
  const failed = notChecked.some((entry) => entry.fails);
  const printFixed = stdin && fix;
  if (printFixed) io.stdout(fixedText ?? '');
  const context = { cwdUri: pathToFileURL(cwd).href, version: VERSION, colors: io.colors ? COLORS : NO_COLORS };
  let written = false;
  for (const target of targets) {
    const text = FORMATS[target.format](runReport, target.file === undefined ? context : { ...context, colors: NO_COLORS });
    if (target.file === undefined) {
      // With --stdin --fix standard output carries the fixed text: the report goes beside it, to stderr.
      (printFixed ? io.stderr : io.stdout)(text);
      continue;
    }
    try {
      // Like ESLint's --output-file: the report's folder is made when missing (reports/ in a fresh CI checkout).
      await fs.mkdir(path.dirname(path.resolve(cwd, target.file)), { recursive: true });
      await writeFileAtomic(path.resolve(cwd, target.file), text);
      written = true;
    } catch (error) {
      io.stderr(`runbook-notes: cannot write the ${target.format} report to ${target.file}: ${(error as Error).message}\n`);
      return 2;
    }
  }
  if (written) {
    // The reports went to files: the terminal still says how the run went, and where they are.
    const wrote = targets.flatMap((target) => (target.file === undefined ? [] : [`${target.file} (${target.format})`]));
    const toStdout = targets.some((target) => target.file === undefined) || printFixed;
    (toStdout ? io.stderr : io.stdout)(`${summaryLines(runReport, io.colors ? COLORS : NO_COLORS)}Wrote ${wrote.join(', ')}\n`);
  }

  if (failed) return 2;
  // With --quiet only errors are reported, and so only errors count (as in ESLint): --max-warnings sees none.
  return runReport.summary.errors > 0 || runReport.summary.warnings > maxWarnings ? 1 : 0;
}

/** The formats that print fingerprints: only their runs compute them. */
const FINGERPRINTED: ReadonlySet<FormatName> = new Set(['sarif', 'codequality']);

/** How standard input is named in reports when --stdin-filename is not given. */
const STDIN_NAME = '<stdin>';

function rulesCommand(args: ParsedArgs, io: Io): number {
  const { values, positionals } = args;
  if (positionals.length > 0) throw new UsageError(`rules: unexpected argument '${positionals[0]}'`, RULES_SPEC);
  const format = choice(values.format, ['markdown', 'json'] as const, 'markdown', '--format', RULES_SPEC);
  io.stdout(format === 'json' ? `${JSON.stringify(catalogue(), null, 2)}\n` : catalogueMarkdown());
  return 0;
}

async function newCommand(args: ParsedArgs, io: Io): Promise<number> {
  const values = args.values as { output?: string };
  const [kind, extra] = args.positionals;
  if (!kind) throw new UsageError('new: which kind? e.g. runbook-notes new runbook', NEW);
  if (extra) throw new UsageError(`new: unexpected argument '${extra}'`, NEW);
  const target = values.output ? path.resolve(io.cwd, values.output) : path.join(io.cwd, 'new-note.md');
  const resolver = new ConfigResolver(nodeConfigHost, { defaultRoot: toPosix(io.cwd) });
  const config = await resolver.forNote(toPosix(target));
  const text = noteTemplate(kind, config);
  if (text === undefined) {
    const near = nearestOption(kind, config.kinds.map((k) => k.name));
    throw new UsageError(`new: unknown kind '${kind}'; expected one of ${config.kinds.map((k) => k.name).join(', ')}${near ? ` (did you mean ${near}?)` : ''}`, NEW);
  }
  if (!values.output) {
    io.stdout(text);
    return 0;
  }
  try {
    await fs.writeFile(target, text, { flag: 'wx' });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    io.stderr(`runbook-notes: cannot write ${values.output}: ${code === 'EEXIST' ? 'the file already exists (nothing was changed)' : (error as Error).message}\n`);
    return 2;
  }
  io.stderr(`Created ${values.output}\n`);
  return 0;
}

async function renderCommand(args: ParsedArgs, io: Io): Promise<number> {
  const values = args.values as { output?: string; theme?: string; 'remote-images'?: boolean };
  const [file, extra] = args.positionals;
  if (!file) throw new UsageError('render: which note? e.g. runbook-notes render posts/my-post.md -o post-meta.html', RENDER);
  if (extra) throw new UsageError(`render: unexpected argument '${extra}'`, RENDER);
  const theme = choice(values.theme, ['light', 'dark'] as const, 'light', '--theme', RENDER);
  const remoteImages = values['remote-images'] === true;
  const full = path.resolve(io.cwd, file);
  const read = await readNote(full);
  if (read.kind === 'error') {
    io.stderr(`runbook-notes: ${file}: ${read.message}\n`);
    return 2;
  }
  if (read.kind === 'skipped') {
    io.stderr(`runbook-notes: cannot render ${file}: ${read.reason}\n`);
    return 2;
  }
  const resolver = new ConfigResolver(nodeConfigHost, { defaultRoot: toPosix(io.cwd), rootFor: repositoryRoot });
  const config = await resolver.forNote(toPosix(full));
  const now = io.now ?? new Date();
  // The box names the owner as `lint` finds it; the ownership files' own problems are `lint`'s to report.
  const root = (await repositoryRoot(path.dirname(full))) ?? io.cwd;
  const ownership = await new OwnershipResolver(nodeOwnershipHost).forNote(toPosix(full), toPosix(root), config);
  const input = postMetaInput(read.text, lintText(read.text, { path: toPosix(full), config, now, ownership }));
  const data = input.data as { title?: unknown } | undefined;
  const title = typeof data?.title === 'string' && data.title.trim() !== '' ? data.title.trim() : path.basename(file);
  const page = renderPostMetaPage(renderPostMeta(input, { now, remoteImages }), {
    // node:crypto is loaded here, not with the bundle: a lint run does not need it.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    nonce: (require('node:crypto') as typeof Crypto).randomBytes(18).toString('base64'),
    styles: { css: postMetaCss },
    theme,
    title: `Post meta: ${title}`,
    remoteImages,
  });
  if (!values.output) {
    io.stdout(page);
    return 0;
  }
  try {
    // As lint's --output-file: the page's folder is made when missing.
    await fs.mkdir(path.dirname(path.resolve(io.cwd, values.output)), { recursive: true });
    await writeFileAtomic(path.resolve(io.cwd, values.output), page);
  } catch (error) {
    io.stderr(`runbook-notes: cannot write ${values.output}: ${(error as Error).message}\n`);
    return 2;
  }
  io.stderr(`Wrote ${values.output}\n`);
  return 0;
}
