/** `runbook-notes`: the same engine as the editor, for CI. Exit codes: 0 clean, 1 problems, 2 usage/config/read errors. */
import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import {
  catalogue,
  catalogueMarkdown,
  ConfigError,
  ConfigResolver,
  lintText,
  noteTemplate,
  postMetaInput,
  renderPostMeta,
  renderPostMetaPage,
} from '../core';
import postMetaCss from '../../media/postMeta.css';
import { collectFiles, readNote, repositoryRoot, toPosix, writeFileAtomic } from './files';
import { lintFiles } from './lintFiles';
import { COLORS, formatJson, formatSarif, formatStylish, NO_COLORS, summarize, type FileReport } from './format';
import { nodeConfigHost } from './nodeHost';

declare const RUNBOOK_NOTES_VERSION: string;
const VERSION = typeof RUNBOOK_NOTES_VERSION === 'string' ? RUNBOOK_NOTES_VERSION : '0.0.0-dev';

export const USAGE = `Usage: runbook-notes <command> [options]

Commands:
  lint [paths or globs...]       lint notes (default: the current directory)
      --format stylish|json|sarif  report format (default: stylish)
      --fix                        apply the safe fixes, then report what is left
      --config FILE                use this configuration file instead of discovery
      --max-warnings N             exit 1 when there are more than N warnings
      --quiet                      report errors only
  render NOTE.md [-o OUT.html]   the note's post-meta box as a standalone HTML page
      --theme light|dark           colours of the page (default: light)
      --remote-images              show https images of image_sources (default: links only)
  new runbook|change-note|post|<kind> [-o FILE]
                                 print a new note from the template, or write it to FILE
  rules [--format markdown|json] print the rule catalogue
  lsp [--stdio]                  run the language server on standard input and output

Options: --help, --version
Exit codes: 0 no errors (and warnings within --max-warnings), 1 otherwise,
            2 usage error, invalid configuration, a file that cannot be read or was
              skipped, a rule that failed (internal error), or fixes not written.`;

export interface Io {
  cwd: string;
  stdout(text: string): void;
  stderr(text: string): void;
  colors: boolean;
  now?: Date;
}

class UsageError extends Error {}

export async function run(argv: readonly string[], io: Io): Promise<number> {
  try {
    const [command, ...rest] = argv;
    switch (command) {
      case 'lint':
        return await lintCommand(rest, io);
      case 'rules':
        return rulesCommand(rest, io);
      case 'new':
        return await newCommand(rest, io);
      case 'render':
        return await renderCommand(rest, io);
      case 'lsp':
        // Its own bundle (dist/lsp.js), loaded for this command only: linting does not pay for the LSP libraries.
        return await (await import('../lsp/main')).runLanguageServer(rest, io);
      case '--version':
      case '-v':
        io.stdout(`${VERSION}\n`);
        return 0;
      case undefined:
      case '--help':
      case '-h':
      case 'help':
        io.stdout(`${USAGE}\n`);
        return command === undefined ? 2 : 0;
      default:
        throw new UsageError(`unknown command '${command}'`);
    }
  } catch (error) {
    if (error instanceof UsageError || (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      io.stderr(`runbook-notes: ${(error as Error).message}\n\n${USAGE}\n`);
      return 2;
    }
    if (error instanceof ConfigError) {
      io.stderr(`runbook-notes: invalid configuration\n${error.message}\n`);
      return 2;
    }
    io.stderr(`runbook-notes: ${(error as Error).stack ?? String(error)}\n`);
    return 2;
  }
}

function choice<T extends string>(value: string | undefined, choices: readonly T[], fallback: T, option: string): T {
  if (value === undefined) return fallback;
  if ((choices as readonly string[]).includes(value)) return value as T;
  throw new UsageError(`${option}: expected one of ${choices.join(', ')}; got '${value}'`);
}

async function lintCommand(args: readonly string[], io: Io): Promise<number> {
  const { values, positionals } = parseArgs({
    args: [...args],
    allowPositionals: true,
    options: {
      format: { type: 'string' },
      fix: { type: 'boolean' },
      config: { type: 'string' },
      'max-warnings': { type: 'string' },
      quiet: { type: 'boolean' },
    },
  });
  const format = choice(values.format, ['stylish', 'json', 'sarif'] as const, 'stylish', '--format');
  let maxWarnings = Infinity;
  if (values['max-warnings'] !== undefined) {
    if (!/^\d+$/.test(values['max-warnings'])) throw new UsageError(`--max-warnings: expected a whole number, 0 or more; got '${values['max-warnings']}'`);
    maxWarnings = Number(values['max-warnings']);
  }
  const cwd = io.cwd;
  const explicitFile = values.config ? path.resolve(cwd, values.config) : undefined;
  let failed = false;
  if (explicitFile) {
    const exists = await nodeConfigHost.readFile(explicitFile).then(
      (text) => text !== undefined,
      () => true, // it exists but cannot be read: loading it says why
    );
    if (!exists) throw new UsageError(`--config: cannot read '${values.config}': no such file`);
    const resolver = new ConfigResolver(nodeConfigHost, { defaultRoot: toPosix(cwd), explicitFile: toPosix(explicitFile), rootFor: repositoryRoot });
    await resolver.forNote(toPosix(path.join(cwd, 'note.md')));
  }

  const { files, problems } = await collectFiles(positionals.length > 0 ? positionals : ['.'], cwd);
  for (const problem of problems) {
    io.stderr(`runbook-notes: ${problem.path}: ${problem.message}\n`);
    failed = true;
  }

  const outcomes = await lintFiles(files, { cwd, explicitFile, fix: values.fix === true, now: io.now });
  const reportedConfigErrors = new Set<string>();
  const reports: FileReport[] = [];
  let markdownFiles = 0;
  for (const [index, outcome] of outcomes.entries()) {
    const file = files[index] as string;
    const relative = toPosix(path.relative(cwd, file)) || path.basename(file);
    if (outcome.kind === 'unread' || outcome.kind === 'skipped') {
      // Not linted means not checked: the run must not pass as if it had been.
      io.stderr(outcome.kind === 'unread' ? `runbook-notes: ${relative}: ${outcome.message}\n` : `runbook-notes: skipped ${relative}: ${outcome.reason}\n`);
      failed = true;
      continue;
    }
    markdownFiles++;
    if (outcome.kind === 'config-error') {
      if (!reportedConfigErrors.has(outcome.file)) {
        reportedConfigErrors.add(outcome.file);
        io.stderr(`runbook-notes: invalid configuration\n${outcome.message}\n`);
      }
      failed = true;
      continue;
    }
    if (outcome.writeError) {
      io.stderr(`runbook-notes: ${relative}: cannot write the fixes: ${outcome.writeError}\n`);
      failed = true;
    }
    for (const internal of outcome.internalErrors) {
      // The rule's finding is in the report; its stack is for the bug report. A rule that did not run left the note not fully checked.
      io.stderr(`runbook-notes: ${relative}: internal error in rule ${internal.ruleId} ${internal.rule}, please report it (the note was not fully checked):\n${internal.stack}\n`);
      failed = true;
    }
    if (!outcome.isNote) continue;
    const diagnostics = values.quiet ? outcome.diagnostics.filter((diagnostic) => diagnostic.severity === 'error') : outcome.diagnostics;
    reports.push({ path: relative, kind: outcome.noteKind, diagnostics });
  }

  const summary = summarize(reports, markdownFiles);
  if (format === 'json') io.stdout(formatJson(reports, summary));
  else if (format === 'sarif') io.stdout(formatSarif(reports, pathToFileURL(cwd).href, VERSION));
  else io.stdout(formatStylish(reports, summary, io.colors ? COLORS : NO_COLORS));

  if (failed) return 2;
  // With --quiet only errors are reported, and so only errors count (as in ESLint): --max-warnings sees none.
  return summary.errors > 0 || summary.warnings > maxWarnings ? 1 : 0;
}

function rulesCommand(args: readonly string[], io: Io): number {
  const { values, positionals } = parseArgs({ args: [...args], allowPositionals: true, options: { format: { type: 'string' } } });
  if (positionals.length > 0) throw new UsageError(`rules: unexpected argument '${positionals[0]}'`);
  const format = choice(values.format, ['markdown', 'json'] as const, 'markdown', '--format');
  io.stdout(format === 'json' ? `${JSON.stringify(catalogue(), null, 2)}\n` : catalogueMarkdown());
  return 0;
}

async function newCommand(args: readonly string[], io: Io): Promise<number> {
  const { values, positionals } = parseArgs({ args: [...args], allowPositionals: true, options: { output: { type: 'string', short: 'o' } } });
  const [kind, extra] = positionals;
  if (!kind) throw new UsageError('new: which kind? e.g. runbook-notes new runbook');
  if (extra) throw new UsageError(`new: unexpected argument '${extra}'`);
  const target = values.output ? path.resolve(io.cwd, values.output) : path.join(io.cwd, 'new-note.md');
  const resolver = new ConfigResolver(nodeConfigHost, { defaultRoot: toPosix(io.cwd) });
  const config = await resolver.forNote(toPosix(target));
  const text = noteTemplate(kind, config);
  if (text === undefined) throw new UsageError(`new: unknown kind '${kind}'; expected one of ${config.kinds.map((k) => k.name).join(', ')}`);
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

async function renderCommand(args: readonly string[], io: Io): Promise<number> {
  const { values, positionals } = parseArgs({
    args: [...args],
    allowPositionals: true,
    options: { output: { type: 'string', short: 'o' }, theme: { type: 'string' }, 'remote-images': { type: 'boolean' } },
  });
  const [file, extra] = positionals;
  if (!file) throw new UsageError('render: which note? e.g. runbook-notes render posts/my-post.md -o post-meta.html');
  if (extra) throw new UsageError(`render: unexpected argument '${extra}'`);
  const theme = choice(values.theme, ['light', 'dark'] as const, 'light', '--theme');
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
  const input = postMetaInput(read.text, lintText(read.text, { path: toPosix(full), config, now }));
  const data = input.data as { title?: unknown } | undefined;
  const title = typeof data?.title === 'string' && data.title.trim() !== '' ? data.title.trim() : path.basename(file);
  const page = renderPostMetaPage(renderPostMeta(input, { now, remoteImages }), {
    nonce: randomBytes(18).toString('base64'),
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
    await writeFileAtomic(path.resolve(io.cwd, values.output), page);
  } catch (error) {
    io.stderr(`runbook-notes: cannot write ${values.output}: ${(error as Error).message}\n`);
    return 2;
  }
  io.stderr(`Wrote ${values.output}\n`);
  return 0;
}
