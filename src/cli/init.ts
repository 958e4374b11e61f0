/**
 * `runbook-notes init`: a commented starting `.runbook-notes.json` from what the repository
 * holds. The folders teams keep notes in (`runbooks/`, `playbooks/`, `changes/`,
 * `change-notes/`, `alerts/`, `posts/`, Jekyll's `_posts/`) are found among the Markdown files
 * the linter would walk (Git's ignore files applied), ownership files (CODEOWNERS in the places
 * GitHub and GitLab read it, OWNERS) by name. The file is JSON with comments, which the
 * configuration loader reads (jsonc-parser); it is written only where none exists.
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { BUILTIN_KINDS } from '../core/kinds';
import { CONFIG_FILE_NAME, selectMarkdownFiles } from '../core';
import type { ParsedArgs } from './args';
import { UsageError } from './args';
import { nodeFileTreeHost, toPosix } from './files';
import { nodeOwnershipHost } from './nodeHost';
import type { Io } from './io';

/** Where GitHub and GitLab read a CODEOWNERS file. */
const CODEOWNERS_FILES = ['CODEOWNERS', '.github/CODEOWNERS', 'docs/CODEOWNERS', '.gitlab/CODEOWNERS'];

/** OWNERS files named in what init prints and writes; the rest are counted. */
const OWNERS_FILES_SHOWN = 3;

/** A folder name that says what its notes are, and the kind it maps to. */
const NOTE_FOLDERS: readonly { name: string; kind: string; builtinGlob: boolean }[] = [
  { name: 'runbooks', kind: 'runbook', builtinGlob: true },
  { name: 'playbooks', kind: 'runbook', builtinGlob: false },
  { name: 'changes', kind: 'change-note', builtinGlob: true },
  { name: 'change-notes', kind: 'change-note', builtinGlob: true },
  { name: 'alerts', kind: 'alert-runbook', builtinGlob: false },
  { name: 'posts', kind: 'post', builtinGlob: true },
  { name: '_posts', kind: 'post', builtinGlob: false },
];

export interface Detection {
  /** Folders (relative, posix) by the kind their notes get, with their Markdown file counts. */
  folders: { folder: string; kind: string; files: number; builtinGlob: boolean }[];
  ownershipFiles: string[];
}

/** What `init` finds in a repository folder. */
export async function detectRepository(root: string): Promise<Detection> {
  const files = await selectMarkdownFiles(toPosix(root), nodeFileTreeHost);
  const counts = new Map<string, { folder: string; kind: string; files: number; builtinGlob: boolean }>();
  for (const file of files) {
    const segments = toPosix(path.relative(root, file)).split('/').slice(0, -1);
    // The outermost folder that names a kind: `ops/runbooks/db/x.md` is under `ops/runbooks`.
    const at = segments.findIndex((segment) => NOTE_FOLDERS.some((folder) => folder.name === segment));
    if (at < 0) continue;
    const known = NOTE_FOLDERS.find((folder) => folder.name === segments[at]) as (typeof NOTE_FOLDERS)[number];
    const folder = segments.slice(0, at + 1).join('/');
    const entry = counts.get(folder) ?? { folder, kind: known.kind, files: 0, builtinGlob: known.builtinGlob };
    entry.files++;
    counts.set(folder, entry);
  }
  const ownershipFiles: string[] = [];
  for (const candidate of CODEOWNERS_FILES) {
    if (await fs.stat(path.join(root, candidate)).then((stat) => stat.isFile(), () => false)) ownershipFiles.push(candidate);
  }
  // Prow-style OWNERS files sit in any folder (each owns the folder it is in), as the linter reads them.
  const owners = ((await nodeOwnershipHost.findFiles?.(toPosix(root), 'OWNERS')) ?? []).map((file) => toPosix(path.relative(root, file))).sort((a, b) => a.split('/').length - b.split('/').length || (a < b ? -1 : a > b ? 1 : 0));
  ownershipFiles.push(...owners.slice(0, OWNERS_FILES_SHOWN));
  const more = owners.length - OWNERS_FILES_SHOWN;
  if (more > 0) ownershipFiles.push(`${more} more OWNERS ${more === 1 ? 'file' : 'files'}`);
  return { folders: [...counts.values()].sort((a, b) => (a.folder < b.folder ? -1 : a.folder > b.folder ? 1 : 0)), ownershipFiles };
}

function quoted(values: readonly string[]): string {
  return values.map((value) => JSON.stringify(value)).join(', ');
}

/** The configuration text for what was detected: valid JSON with comments, clean of configuration errors. */
export function starterConfig(detection: Detection): string {
  const byKind = (kind: string) => detection.folders.filter((folder) => folder.kind === kind);
  const builtin = (name: string) => BUILTIN_KINDS.find((kind) => kind.name === name) as (typeof BUILTIN_KINDS)[number];
  const kindEntries: string[] = [];
  for (const name of ['runbook', 'change-note', 'post']) {
    const found = byKind(name);
    const extra = found.filter((folder) => !folder.builtinGlob).map((folder) => `${folder.folder}/**/*.md`);
    const where = found.length > 0 ? `found: ${found.map((folder) => `${folder.folder}/ (${folder.files})`).join(', ')}` : 'none found yet';
    const lines = [`    // ${builtin(name).include.join(', ')} by default; ${where}.`];
    if (extra.length > 0) lines.push(`    "${name}": {`, `      "include": [${quoted([...builtin(name).include, ...extra])}],`, `      "require": [${quoted(builtin(name).require)}]`, '    }');
    else lines.push(`    "${name}": { "require": [${quoted(builtin(name).require)}] }`);
    kindEntries.push(lines.join('\n'));
  }
  const alerts = byKind('alert-runbook');
  if (alerts.length > 0) {
    kindEntries.push(
      [
        `    // A kind of its own for alert runbooks (found: ${alerts.map((folder) => `${folder.folder}/ (${folder.files})`).join(', ')}):`,
        '    // what to check and what to do when the alert fires; "mitigation" is defined under "fields".',
        '    "alert-runbook": {',
        `      "include": [${quoted(alerts.map((folder) => `${folder.folder}/**/*.md`))}],`,
        '      "require": ["owner", "metric", "mitigation"]',
        '    }',
      ].join('\n'),
    );
  }
  const ownership =
    detection.ownershipFiles.length > 0
      ? `// Ownership files found: ${detection.ownershipFiles.join(', ')}. A note is owned when it names an owner\n// (an "owner:" front matter key, an "Owner:" line or an "## Owner" section) or when one of these assigns it one;\n// "owners": { "sources": ["note"] } requires every note to name its owner itself.`
      : '// No ownership file (CODEOWNERS, OWNERS) found: each note names its owner itself.';
  const fields =
    alerts.length > 0
      ? ['  "fields": {', '    // Headings and labels that hold a field, besides its name; front matter keys too.', '    "mitigation": { "headings": ["mitigation", "remediation", "what to do"], "keys": ["mitigation"] }', '  }']
      : ['  "fields": {', '    // Add headings for a built-in field, e.g. "rollback": { "headings": ["undo steps"] }', '  }'];
  return `${[
    '// Runbook Notes configuration, written by `runbook-notes init`. JSON with comments.',
    '// Every key is optional; the README\'s "Configuration" section lists them all.',
    ownership,
    '{',
    '  // Which files are notes of which kind (globs relative to this file), and the fields each kind requires.',
    '  "kinds": {',
    kindEntries.join(',\n'),
    '  },',
    ...fields.map((line, index) => (index === fields.length - 1 ? `${line},` : line)),
    '  // Severity ("off", "info", "warning", "error") or options per rule, by id or name, e.g.',
    '  // "RN003": "warning", "review-stale": { "maxAgeDays": 180 }. `runbook-notes rules` lists them.',
    '  "rules": {}',
    '}',
  ].join('\n')}\n`;
}

function describe(detection: Detection): string {
  const lines = detection.folders.map((folder) => `  ${folder.folder}/: ${folder.files} Markdown file${folder.files === 1 ? '' : 's'} → kind ${folder.kind}`);
  if (lines.length === 0) lines.push('  no runbooks/, playbooks/, changes/, change-notes/, alerts/, posts/ or _posts/ folder with Markdown files');
  lines.push(detection.ownershipFiles.length > 0 ? `  ownership: ${detection.ownershipFiles.join(', ')}` : '  no ownership file (CODEOWNERS, OWNERS)');
  return `Detected:\n${lines.join('\n')}\n`;
}

export async function initCommand(args: ParsedArgs, io: Io): Promise<number> {
  const [folder = '.', extra] = args.positionals;
  if (extra !== undefined) throw new UsageError(`init: unexpected argument '${extra}'`);
  const root = path.resolve(io.cwd, folder);
  const stat = await fs.stat(root).catch(() => undefined);
  if (!stat?.isDirectory()) throw new UsageError(`init: '${folder}' is not a folder`);
  const target = path.join(root, CONFIG_FILE_NAME);
  const shown = toPosix(path.relative(io.cwd, target)) || CONFIG_FILE_NAME;
  if (!args.values.print && (await fs.lstat(target).then(() => true, () => false))) {
    io.stderr(`runbook-notes: ${shown} already exists; nothing was written (edit it, or remove it to start again)\n`);
    return 2;
  }
  const detection = await detectRepository(root);
  const text = starterConfig(detection);
  if (args.values.print) {
    io.stderr(describe(detection));
    io.stdout(text);
    return 0;
  }
  io.stdout(describe(detection));
  try {
    // `wx`: a file created meanwhile (another run) is not overwritten either.
    await fs.writeFile(target, text, { flag: 'wx' });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    io.stderr(`runbook-notes: cannot write ${shown}: ${code === 'EEXIST' ? 'it already exists (nothing was changed)' : (error as Error).message}\n`);
    return 2;
  }
  io.stdout(`Wrote ${shown}. Run 'runbook-notes lint' to check the notes.\n`);
  return 0;
}
