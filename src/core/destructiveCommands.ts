/**
 * Commands that drop or delete for good, as RN027 (destructive-without-rollback) finds them in a
 * note's code. Each entry says why it is dangerous; the message quotes that reason. Teams add
 * their own in the rule's `patterns` option.
 *
 * A pattern is matched case-insensitively against code whose comments (`# …`, `-- …`, `/* … *\/`,
 * `// …` lines) and `echo`/`printf` strings are blanked out, and then judged on its command: the
 * text from the match to the end of the shell command (`;`, `&&`, `||`, `|` or a line end not
 * continued with `\`) or, for SQL (`statement: true`), to the next `;` or the end of the code. A
 * command matching `unless` (`--dry-run`, a `WHERE` clause, a scratch folder) is not dangerous.
 */

export interface DestructivePattern {
  /** A short name for messages and documentation. */
  name: string;
  pattern: RegExp;
  /** Why it loses data, as it reads after the command: "removes files and folders for good". */
  reason: string;
  /** A command that matches this is not dangerous after all. */
  unless?: RegExp;
  /** SQL: the command runs to the next `;`, across lines. */
  statement?: boolean;
}

/** Folders that a build or a package manager makes again: removing them loses nothing. */
const SCRATCH = String.raw`(?:["']?(?:\.\/)?(?:node_modules|dist|build|out|target|coverage|\.cache|__pycache__|\.pytest_cache|\.mypy_cache|\.venv|venv|\.next|\.nuxt|\.turbo|\.parcel-cache|\.gradle)\/?["']?|["']?(?:\/tmp|\$\{?TMPDIR\}?|\$\{?tmp(?:dir)?\}?)\/[^\s;&|]*["']?)`;
const DRY_RUN = /(?:^|\s)--dry-?run(?!=none)\b/i;

export const DESTRUCTIVE_COMMANDS: readonly DestructivePattern[] = [
  { name: 'DROP TABLE / DATABASE / SCHEMA', pattern: /\bdrop\s+(?:table|database|schema)\b/, reason: 'drops the data with it', statement: true },
  { name: 'TRUNCATE', pattern: /\btruncate\s+(?:table\s+)?(?:only\s+)?["`[]?[a-z_][\w.$"`\]]*/, reason: 'deletes every row of the table', statement: true },
  { name: 'DELETE FROM without WHERE', pattern: /\bdelete\s+from\s+["`[]?[a-z_][\w.$"`\]]*/, reason: 'deletes every row of the table (there is no WHERE clause)', statement: true, unless: /\bwhere\b/ },
  { name: 'UPDATE without WHERE', pattern: /\bupdate\s+["`[]?[a-z_][\w.$"`\]]*\s+set\b/, reason: 'overwrites the column in every row (there is no WHERE clause)', statement: true, unless: /\bwhere\b/ },
  { name: 'ALTER TABLE … DROP COLUMN', pattern: /\balter\s+table\s+\S+\s+drop\s+(?:column\s+)?(?!constraint\b|index\b|default\b|not\b)/, reason: 'drops the column and its data', statement: true },
  { name: 'dropdb', pattern: /\bdropdb\s/, reason: 'drops the database and its data' },
  { name: 'rm -rf', pattern: /\brm\s+(?:-[a-z]*(?:r[a-z]*f|f[a-z]*r)[a-z]*|-r\s+-f|-f\s+-r|--recursive\s+--force|--force\s+--recursive)(?=\s)/, reason: 'removes files and folders for good', unless: new RegExp(String.raw`^rm\s+(?:-\S+\s+)*${SCRATCH}(?:\s+${SCRATCH})*\s*$`, 'i') },
  { name: 'find -delete', pattern: /\bfind\s[^\n;&|]*\s-delete\b/, reason: 'removes every file it finds for good' },
  { name: 'shred', pattern: /\bshred\s/, reason: 'overwrites the file so that it cannot be recovered' },
  { name: 'mkfs', pattern: /\bmkfs(?:\.\w+)?\s/, reason: 'formats the device, erasing what was on it' },
  { name: 'wipefs', pattern: /\bwipefs\s/, reason: 'erases the file system signatures of the device' },
  { name: 'dd to a device', pattern: /\bdd\s[^\n;&|]*\bof=\/dev\/(?!null\b|zero\b|stdout\b|stderr\b)/, reason: 'overwrites the device it writes to' },
  { name: 'kubectl delete', pattern: /\bkubectl\s(?:[^\n;&|]*?\s)?delete\s/, reason: 'deletes the Kubernetes resources (a deleted namespace takes everything in it)', unless: DRY_RUN },
  { name: 'helm uninstall', pattern: /\bhelm\s(?:[^\n;&|]*?\s)?(?:uninstall|delete|del)\s/, reason: 'removes the release and its resources', unless: DRY_RUN },
  { name: 'terraform destroy', pattern: /\b(?:terraform|tofu|terragrunt)\s+(?:-chdir=\S+\s+)?(?:destroy\b|apply\s[^\n;&|]*-destroy\b)/, reason: 'destroys the infrastructure it manages' },
  { name: 'git push --force', pattern: /\bgit\s+push\s(?:[^\n;&|]*\s)?(?:--force\b(?!-)|-f\b|\+[\w./-]+)/, reason: 'replaces the remote history: commits only the remote had are lost' },
  { name: 'aws s3 rm --recursive', pattern: /\baws\s+s3\s+rm\s[^\n;&|]*--recursive\b/, reason: 'deletes every object under the prefix', unless: /--dryrun\b/ },
  { name: 'aws s3 rb --force', pattern: /\baws\s+s3\s+rb\s[^\n;&|]*--force\b/, reason: 'deletes the bucket and every object in it', unless: /--dryrun\b/ },
  { name: 'aws s3 sync --delete', pattern: /\baws\s+s3\s+sync\s[^\n;&|]*--delete\b/, reason: 'deletes what the destination has and the source does not', unless: /--dryrun\b/ },
  {
    name: 'aws delete-db / terminate-instances / delete-table',
    pattern: /\baws\s+(?:rds\s+delete-db-(?:instance|cluster)|ec2\s+terminate-instances|dynamodb\s+delete-table|s3api\s+delete-bucket)\b/,
    reason: 'deletes the database, instance, table or bucket',
    unless: DRY_RUN,
  },
  { name: 'gsutil rm -r', pattern: /\bgsutil\s+(?:-m\s+)?rm\s+(?:-\S+\s+)*-[a-z]*r/, reason: 'deletes every object under the path' },
  { name: 'gcloud … delete', pattern: /\bgcloud\s[^\n;&|]*\sdelete\s/, reason: 'deletes the cloud resource' },
  { name: 'az group delete', pattern: /\baz\s+group\s+delete\b/, reason: 'deletes the resource group and everything in it' },
  { name: 'docker volume rm / prune', pattern: /\bdocker\s+(?:volume\s+(?:rm|prune)\b|system\s+prune\s[^\n;&|]*--volumes\b)/, reason: 'deletes the volumes and the data in them' },
  { name: 'Redis FLUSHALL / FLUSHDB', pattern: /\bflush(?:all|db)\b/, reason: 'deletes every key' },
  { name: 'MongoDB drop / deleteMany({})', pattern: /\.(?:dropDatabase|drop)\(\s*\)|\.(?:deleteMany|remove)\(\s*\{\s*\}\s*\)/, reason: 'deletes the database, the collection or every document in it' },
  { name: 'etcdctl del', pattern: /\betcdctl\s+del\b/, reason: 'deletes the keys from etcd' },
  { name: 'kafka-topics --delete', pattern: /\bkafka-topics(?:\.sh)?\s[^\n;&|]*--delete\b/, reason: 'deletes the topic and its messages' },
  { name: 'curl -X DELETE', pattern: /\bcurl\s[^\n;&|]*(?:-X\s*|--request\s+)DELETE\b/, reason: 'deletes the resource at the URL (an Elasticsearch index, for one)' },
  { name: 'zfs destroy / lvremove', pattern: /\b(?:zfs\s+destroy|lvremove)\s/, reason: 'destroys the dataset or volume and its data' },
];

/** Blanks out what is not run: comment lines and trailing comments, and the strings `echo` and `printf` print. Offsets stay the same. */
export function runnableCode(code: string): string {
  const blank = (text: string) => text.replace(/[^\r\n]/g, ' ');
  return code
    .replace(/\/\*[\s\S]*?\*\//g, blank)
    .replace(/^([ \t]*(?:[$>][ \t]+)?)(?:#|--[ \t]|\/\/)[^\r\n]*/gm, (match, prefix: string) => prefix + blank(match.slice(prefix.length)))
    // A trailing shell comment: ` # …` with no quote after it (a `#` inside a string stays).
    .replace(/([ \t])#[^\r\n'"]*$/gm, (match, space: string) => space + blank(match.slice(1)))
    .replace(/\b(echo|printf)((?:[ \t]+-[a-z]+)*[ \t]+)("(?:[^"\\\r\n]|\\.)*"|'[^'\r\n]*')/gi, (_match, verb: string, gap: string, quoted: string) => verb + gap + blank(quoted));
}

/** Where the command that starts at `from` ends: at a shell operator or an unescaped line end; a SQL statement at `;`. */
export function commandEnd(code: string, from: number, statement: boolean): number {
  if (statement) {
    const end = code.indexOf(';', from);
    return end === -1 ? code.length : end;
  }
  for (let index = from; index < code.length; index++) {
    const char = code[index];
    if (char === ';' || char === '|' || (char === '&' && code[index + 1] === '&')) return index;
    if (char === '\n' || char === '\r') {
      if (code[index - 1] === '\\' || (char === '\n' && code[index - 1] === '\r' && code[index - 2] === '\\')) continue;
      return index;
    }
  }
  return code.length;
}

export interface DestructiveMatch {
  pattern: DestructivePattern;
  /** Offsets in the code. */
  start: number;
  end: number;
}

/**
 * A word every built-in pattern holds: code with none of them holds no built-in destructive
 * command, and is not blanked and searched pattern by pattern.
 */
const ANY_BUILTIN = /drop|truncate|delete|update|alter|\brm\b|find|shred|mkfs|wipefs|\bdd\b|kubectl|helm|terraform|tofu|terragrunt|\bgit\b|aws|gsutil|gcloud|\baz\b|docker|flush|\.remove\(|etcdctl|kafka|curl|zfs|lvremove/i;

/** The destructive commands in a piece of code, in order; one per command. */
export function findDestructiveCommands(code: string, patterns: readonly DestructivePattern[]): DestructiveMatch[] {
  if (patterns === DESTRUCTIVE_COMMANDS && !ANY_BUILTIN.test(code)) return [];
  const runnable = runnableCode(code);
  const found: DestructiveMatch[] = [];
  for (const pattern of patterns) {
    const { global, unless } = compiled(pattern);
    global.lastIndex = 0;
    for (let match = global.exec(runnable); match; match = global.exec(runnable)) {
      if (match[0].length === 0) global.lastIndex++;
      const start = match.index;
      const end = Math.max(commandEnd(runnable, start, pattern.statement === true), start + match[0].length);
      if (unless?.test(runnable.slice(start, end).replace(/\\\r?\n/g, ' '))) continue;
      if (found.some((other) => start < other.end && other.start < end)) continue;
      found.push({ pattern, start, end: trimEnd(code, start, end) });
    }
  }
  return found.sort((a, b) => a.start - b.start);
}

const compiledPatterns = new WeakMap<DestructivePattern, { global: RegExp; unless?: RegExp }>();

/** The pattern as matched: global and case-insensitive (`DROP TABLE` and `drop table` alike). */
function compiled(pattern: DestructivePattern): { global: RegExp; unless?: RegExp } {
  let entry = compiledPatterns.get(pattern);
  if (!entry) {
    const flags = (regex: RegExp, extra: string) => [...new Set((regex.flags + extra).replace('y', ''))].join('');
    entry = {
      global: new RegExp(pattern.pattern.source, flags(pattern.pattern, 'gi')),
      unless: pattern.unless && new RegExp(pattern.unless.source, flags(pattern.unless, 'i').replace('g', '')),
    };
    compiledPatterns.set(pattern, entry);
  }
  return entry;
}

function trimEnd(code: string, start: number, end: number): number {
  let last = end;
  while (last > start && /\s/.test(code.charAt(last - 1))) last--;
  return last;
}
