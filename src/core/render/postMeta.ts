/**
 * The post-meta box: a note's front matter as an HTML fragment (docs/note-format.md, section 4).
 *
 * Pure: plain data in, a string out; no DOM, no editor, no file system, so the CLI, the editor's
 * webview and the tests share it. Every string from the note is escaped (text and attributes
 * alike); only `http:`/`https:` URLs become links, and a remote image is shown only when the
 * caller allows it, and then only over `https:`. A value that breaks the schema is still shown,
 * marked with its finding. Output is bounded (see POST_META_LIMITS), so a hostile note costs
 * linear time and a fixed stack depth.
 */
import { DIFFICULTIES, isRealDate, KNOWN_KEYS, LIST_KEYS, REVISION_STATUSES } from '../metaSchema';
import type { Severity } from '../types';
import { formatNumber } from '../numberFormat';
import { escapeHtml } from './html';
import { httpUrl } from '../url';

/** A path into the front matter: `['revision', 'status']`, `['image_sources', 1, 'url']`. */
export type MetaPath = readonly (string | number)[];

/** A lint finding about the front matter, placed at the key path it concerns (`[]`: the block as a whole). */
export interface PostMetaFinding {
  path: MetaPath;
  message: string;
  ruleId?: string;
  severity?: Severity;
  /** What the body shows instead of the declared value ("the body reads in about 2 min"): the value is marked as contradicted. */
  found?: string;
}

/** A task list item of the note's body (`- [x] create a safe backup`), its text without the marker. */
export interface PostMetaTask {
  text: string;
  checked: boolean;
}

export interface PostMetaInput {
  /** The parsed front matter; undefined when the note has none or it does not parse. May break the schema. */
  data: unknown;
  findings?: readonly PostMetaFinding[];
  /** The body's task items: a checklist entry is ticked when a checked task item has the same text. */
  taskItems?: readonly PostMetaTask[];
  /** Who owns the note and where from, one line per source (`@acme/dba — .github/CODEOWNERS:3`); see describeOwner. */
  owners?: readonly string[];
}

export interface PostMetaOptions {
  /** Today, for "last reviewed N days ago" (UTC days, as RN013 counts them). */
  now: Date;
  /** Load `https:` images of `image_sources` as `<img>`. Off by default: the note's author then cannot make the reader's machine call out. */
  remoteImages?: boolean;
  /**
   * Above an article (VS Code's Markdown preview): the box behind a one-line summary (kind, status,
   * difficulty, reading time, findings), in a `<details>` element, closed unless `open`.
   */
  compact?: { open: boolean };
}

/**
 * Caps that keep the output and the time linear in what is shown. Past a cap the box says what it left out:
 * "… nested deeper than 12 levels", "… and 9,000 more", "… 5,000 more characters", "… more values than can be shown".
 */
export const POST_META_LIMITS = {
  /** Nesting levels below a top-level key that are rendered. */
  maxDepth: 12,
  /** Items of one list (or entries of one map) that are rendered. */
  maxItems: 1000,
  /** Values rendered in the whole box (an alias-heavy note can reference one big list many times). */
  maxValues: 20_000,
  /** Characters of one string that are rendered. */
  maxTextLength: 10_000,
} as const;

/** The `data-key` of a path: its segments joined with dots (`image_sources.1.url`). */
export function metaPathKey(path: MetaPath): string {
  return path.join('.');
}

/** How checklist and task texts are compared: case, spacing, Markdown emphasis and a final full stop do not count. */
export function normalizeTaskText(text: string): string {
  return text
    .normalize('NFKC')
    .replace(/[`*_~]/g, '')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/[.;:!]+$/, '')
    .toLowerCase();
}

export function renderPostMeta(input: PostMetaInput, options: PostMetaOptions): string {
  const box = new BoxRenderer(input, options).render();
  return options.compact ? `<details class="pm-compact"${options.compact.open ? ' open' : ''}>${summaryLine(input)}${box}</details>` : box;
}

/** The compact box's one line: kind, revision status, difficulty, reading time and the findings, as far as the note has them. */
function summaryLine(input: PostMetaInput): string {
  const data = isMap(input.data) ? input.data : {};
  const parts: string[] = [];
  if (typeof data.kind === 'string' && data.kind.trim()) parts.push(`<span class="pm-badge pm-kind">${escapeHtml(cut(data.kind))}</span>`);
  const status = isMap(data.revision) ? data.revision.status : undefined;
  if (typeof status === 'string' && status.trim()) {
    const known = (REVISION_STATUSES as readonly string[]).includes(status) ? ` pm-status-${status}` : '';
    parts.push(`<span class="pm-badge pm-status${known}">${escapeHtml(cut(status))}</span>`);
  }
  if (typeof data.difficulty === 'string' && data.difficulty.trim()) {
    const level = (DIFFICULTIES as readonly string[]).includes(data.difficulty) ? ` pm-level-${data.difficulty}` : '';
    parts.push(`<span class="pm-badge pm-difficulty${level}">${escapeHtml(cut(data.difficulty))}</span>`);
  }
  if (typeof data.reading_time === 'number' && Number.isFinite(data.reading_time)) parts.push(`<span class="pm-summary-text">${escapeHtml(count(data.reading_time))} min read</span>`);
  const findings = input.findings ?? [];
  if (findings.length > 0) {
    const worst = SEVERITIES.find((severity) => findings.some((finding) => (finding.severity ?? 'error') === severity)) ?? 'error';
    parts.push(`<span class="pm-summary-findings sev-${worst}">${count(findings.length)} ${findings.length === 1 ? 'finding' : 'findings'}</span>`);
  }
  const label = '<span class="pm-summary-label">Post meta</span>';
  return `<summary class="pm-summary">${label}${parts.join('')}</summary>`;
}

/** A value shown in the one-line summary: at most 40 characters. */
function cut(value: string): string {
  return value.length > 40 ? `${value.slice(0, 39)}…` : value;
}

const KNOWN = new Set(KNOWN_KEYS);
const SCORE_NAMES = ['quality', 'freshness', 'depth', 'clarity'] as const;
const REVISION_PARTS = ['status', 'version', 'last_reviewed'] as const;
const SEVERITIES: readonly string[] = ['error', 'warning', 'info'];
const DAY_MS = 86_400_000;

const LABELS: Record<string, string> = {
  ai_brief: 'AI brief',
  ai_outline: 'AI outline',
  code_language: 'Language',
  reading_time: 'Reading time',
  view_count: 'Views',
  image_sources: 'Image sources',
  files_touched: 'Files touched',
  source_id: 'Source ID',
  url: 'URL',
};

function labelOf(key: string): string {
  const label = LABELS[key] ?? key.replace(/_/g, ' ');
  return label.charAt(0).toUpperCase() + label.slice(1);
}

function isMap(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Date);
}

const has = (map: Record<string, unknown>, key: string) => Object.prototype.hasOwnProperty.call(map, key);

function count(n: number): string {
  return formatNumber(n);
}

class BoxRenderer {
  private values = 0;
  private exhausted = false;
  private readonly findings = new Map<string, PostMetaFinding[]>();
  private readonly shown = new Set<string>();
  private readonly ticked = new Set<string>();
  private readonly listed = new Set<string>();

  constructor(
    private readonly input: PostMetaInput,
    private readonly options: PostMetaOptions,
  ) {
    for (const finding of input.findings ?? []) {
      const key = metaPathKey(finding.path);
      const list = this.findings.get(key);
      if (list) list.push(finding);
      else this.findings.set(key, [finding]);
    }
    for (const task of input.taskItems ?? []) {
      const text = normalizeTaskText(task.text);
      this.listed.add(text);
      if (task.checked) this.ticked.add(text);
    }
  }

  render(): string {
    const data = this.input.data;
    if (!isMap(data) || Object.keys(data).length === 0) return this.emptyState();
    const keys = Object.keys(data);
    const known = KNOWN_KEYS.filter((key) => has(data, key));
    const unknown = keys.filter((key) => !KNOWN.has(key));
    const parts: string[] = ['<section class="post-meta" aria-label="Post meta">'];
    parts.push(this.problems([[]], 'pm-problems'));
    parts.push('<dl class="pm-fields">');
    for (const key of known) parts.push(this.row(key, data[key], true));
    parts.push(this.ownedBy());
    const shownUnknown = Math.min(unknown.length, POST_META_LIMITS.maxItems);
    for (let index = 0; index < shownUnknown; index++) {
      const key = unknown[index] as string;
      parts.push(this.row(key, data[key], false));
    }
    parts.push('</dl>');
    if (unknown.length > shownUnknown) parts.push(`<p class="pm-more">… and ${count(unknown.length - shownUnknown)} more keys</p>`);
    parts.push(this.leftoverFindings());
    parts.push('</section>');
    return parts.join('');
  }

  /** Who owns the note by the configured sources (the note's own key, or an ownership file) and where that is written. */
  private ownedBy(): string {
    const owners = this.input.owners ?? [];
    if (owners.length === 0) return '';
    const items = owners.map((line) => `<li class="pm-item">${escapeHtml(line)}</li>`).join('');
    return `<div class="pm-row pm-owned-by"><dt class="pm-key">Owned by</dt><dd class="pm-value"><ul class="pm-list">${items}</ul></dd></div>`;
  }

  private emptyState(): string {
    const all = [...this.findings.values()].flat();
    if (all.length > 0) {
      // Front matter that does not parse, or is not a map: say why instead of pretending there is none.
      return [
        '<section class="post-meta pm-state pm-unreadable" aria-label="Post meta">',
        '<p class="pm-state-title">The front matter cannot be shown</p>',
        this.findingList(all, true),
        '</section>',
      ].join('');
    }
    return [
      '<section class="post-meta pm-state pm-empty-state" aria-label="Post meta">',
      '<p class="pm-state-title">No front matter yet</p>',
      '<p>Front matter is the block of <code>key: value</code> lines between two <code>---</code> lines at the very top of the note. ',
      'To add one with every key of the post-meta box, type <kbd>rn-post-meta</kbd> on the first line and accept the suggestion (<kbd>Ctrl+Space</kbd> lists every snippet), then delete the keys you do not need.</p>',
      '</section>',
    ].join('');
  }

  // --- findings -------------------------------------------------------------------------------

  private marks(path: MetaPath): string {
    const list = this.findings.get(metaPathKey(path));
    if (!list) return '';
    const invalid = list.some((finding) => finding.severity === 'error' || finding.ruleId === 'RN011');
    const contradicted = list.some((finding) => finding.found !== undefined) ? ' contradicted' : '';
    return (invalid ? ' has-finding invalid' : ' has-finding') + contradicted;
  }

  /** The findings at these paths, as inline notes; each is shown once. */
  private problems(paths: MetaPath[], className = 'pm-findings'): string {
    const found: PostMetaFinding[] = [];
    for (const path of paths) {
      const key = metaPathKey(path);
      const list = this.findings.get(key);
      if (!list || this.shown.has(key)) continue;
      this.shown.add(key);
      found.push(...list);
    }
    if (found.length === 0) return '';
    // What the body shows instead stands right after the value: "19 min — the body reads in about 2 min".
    const contradictions = [...new Set(found.flatMap((finding) => (typeof finding.found === 'string' ? [finding.found] : [])))];
    const beside = contradictions.map((text) => `<span class="pm-contradiction" role="note"> — ${escapeHtml(text)}</span>`).join('');
    return `${beside}<span class="${className}">${found.map((finding) => this.finding(finding, false)).join('')}</span>`;
  }

  private finding(finding: PostMetaFinding, withPath: boolean): string {
    const severity = finding.severity && SEVERITIES.includes(finding.severity) ? finding.severity : 'error';
    const where = withPath && finding.path.length > 0 ? `<code class="pm-finding-path">${escapeHtml(metaPathKey(finding.path))}</code> ` : '';
    const rule = finding.ruleId ? ` <span class="pm-rule">${escapeHtml(finding.ruleId)}</span>` : '';
    return `<span class="finding sev-${severity}" role="note">${where}${escapeHtml(finding.message)}${rule}</span>`;
  }

  private findingList(findings: readonly PostMetaFinding[], withPath: boolean): string {
    return `<span class="pm-problems">${findings.map((finding) => this.finding(finding, withPath)).join('')}</span>`;
  }

  /** Findings whose value was not rendered (past a cap, or at a path the data lacks): never dropped silently. */
  private leftoverFindings(): string {
    const rest: PostMetaFinding[] = [];
    for (const [key, list] of this.findings) if (!this.shown.has(key)) rest.push(...list);
    if (rest.length === 0) return '';
    return `<div class="pm-leftover"><p class="pm-state-title">Other findings</p>${this.findingList(rest, true)}</div>`;
  }

  // --- rows -----------------------------------------------------------------------------------

  private row(key: string, value: unknown, known: boolean): string {
    const path = [key];
    const className = known ? `pm-row pm-k-${key}` : 'pm-row pm-custom';
    const label = labelOf(key);
    const body = known ? this.knownValue(key, value) : this.value(value, path, 1);
    return `<div class="${className}${this.marks(path)}" data-key="${escapeHtml(key)}"><dt class="pm-key" title="${escapeHtml(key)}">${escapeHtml(label)}</dt><dd class="pm-value">${body}${this.problems([path])}</dd></div>`;
  }

  private knownValue(key: string, value: unknown): string {
    const path = [key];
    switch (key) {
      case 'kind':
        if (typeof value === 'string') return `<span class="pm-badge pm-kind">${this.text(value)}</span>`;
        break;
      case 'title':
        if (typeof value === 'string') return `<span class="pm-title">${this.text(value)}</span>`;
        break;
      case 'difficulty':
        if (typeof value === 'string') {
          const level = (DIFFICULTIES as readonly string[]).includes(value) ? ` pm-level-${value}` : '';
          return `<span class="pm-badge pm-difficulty${level}">${this.text(value)}</span>`;
        }
        break;
      case 'reading_time':
        if (typeof value === 'number' && Number.isFinite(value)) return `<span class="pm-scalar">${escapeHtml(count(value))} min</span>`;
        break;
      case 'view_count':
        if (typeof value === 'number' && Number.isFinite(value)) return `<span class="pm-scalar">${escapeHtml(count(value))}</span>`;
        break;
      case 'code_language':
      case 'reference':
      case 'hash':
        if (typeof value === 'string') return `<code class="pm-code">${this.text(value)}</code>`;
        break;
      case 'score':
        if (isMap(value)) return this.scores(value, path);
        break;
      case 'revision':
        if (isMap(value)) return this.revision(value, path);
        break;
      case 'flags':
        if (isMap(value)) return this.flags(value, path);
        break;
      case 'checklist':
        if (Array.isArray(value)) return this.list(value, path, 'pm-checklist', (item, itemPath) => this.checklistItem(item, itemPath));
        break;
      case 'entities':
        if (Array.isArray(value)) return this.entities(value, path);
        break;
      case 'image_sources':
        if (Array.isArray(value)) return this.images(value, path);
        break;
      case 'owner':
      case 'stack':
      case 'tools':
        if (Array.isArray(value)) return this.list(value, path, 'pm-chips', (item, itemPath) => this.value(item, itemPath, 2));
        break;
      case 'files_touched':
        if (Array.isArray(value)) return this.list(value, path, 'pm-list pm-files', (item, itemPath) => (typeof item === 'string' ? `<code class="pm-code">${this.text(item)}</code>` : this.value(item, itemPath, 2)));
        break;
    }
    // A single string where a list is expected is shown as the one-item list it stands for.
    if (LIST_KEYS.has(key) && typeof value === 'string') {
      const className = key === 'checklist' ? 'pm-checklist' : key === 'stack' || key === 'tools' ? 'pm-chips' : 'pm-list';
      const item = key === 'checklist' ? this.checklistItem(value, path) : this.text(value);
      // The row carries the data-key: the YAML has no list item to reveal.
      return `<ul class="${className}"><li class="pm-item">${item}</li></ul>`;
    }
    return this.value(value, path, 1);
  }

  // --- generic values -------------------------------------------------------------------------

  private value(value: unknown, path: MetaPath, depth: number): string {
    if (this.values >= POST_META_LIMITS.maxValues) {
      if (this.exhausted) return '';
      this.exhausted = true;
      return '<span class="pm-truncated">… more values than can be shown</span>';
    }
    this.values++;
    if (value === null || value === undefined) return '<span class="pm-empty">empty</span>';
    if (typeof value === 'string') return this.text(value);
    if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return `<span class="pm-scalar">${escapeHtml(String(value))}</span>`;
    if (value instanceof Date) return `<span class="pm-scalar">${escapeHtml(Number.isNaN(value.getTime()) ? 'an invalid date' : value.toISOString())}</span>`;
    if (depth > POST_META_LIMITS.maxDepth) return `<span class="pm-truncated">… nested deeper than ${POST_META_LIMITS.maxDepth} levels</span>`;
    if (Array.isArray(value)) return this.list(value, path, 'pm-list', (item, itemPath) => this.value(item, itemPath, depth + 1));
    if (isMap(value)) return this.map(value, Object.keys(value), path, depth);
    return `<span class="pm-scalar">${escapeHtml(String(value))}</span>`;
  }

  /** A string: a link when it is an http(s) URL, else text; long strings are cut. */
  private text(value: string): string {
    const url = httpUrl(value);
    if (url && value.length <= POST_META_LIMITS.maxTextLength) return this.link(url, value.trim());
    if (value.length <= POST_META_LIMITS.maxTextLength) return `<span class="pm-text">${escapeHtml(value)}</span>`;
    const rest = value.length - POST_META_LIMITS.maxTextLength;
    return `<span class="pm-text">${escapeHtml(value.slice(0, POST_META_LIMITS.maxTextLength))}</span><span class="pm-truncated">… ${count(rest)} more characters</span>`;
  }

  private link(url: URL, label: string, className = 'pm-link'): string {
    return `<a class="${className}" href="${escapeHtml(url.href)}" rel="noopener noreferrer" title="${escapeHtml(url.href)}">${escapeHtml(label)}</a>`;
  }

  /** A list: always `<ul>`/`<ol>` with one `<li data-key>` per element, up to the cap, then "… and N more". */
  private list(items: readonly unknown[], path: MetaPath, className: string, renderItem: (item: unknown, itemPath: MetaPath) => string, tag = 'ul'): string {
    if (items.length === 0) return '<span class="pm-empty">empty list</span>';
    const shown = Math.min(items.length, POST_META_LIMITS.maxItems);
    const parts = [`<${tag} class="${className}">`];
    for (let index = 0; index < shown; index++) {
      const itemPath = [...path, index];
      parts.push(`<li class="pm-item${this.marks(itemPath)}" data-key="${escapeHtml(metaPathKey(itemPath))}">${renderItem(items[index], itemPath)}${this.problems([itemPath])}</li>`);
    }
    parts.push(`</${tag}>`);
    if (items.length > shown) parts.push(`<p class="pm-more">… and ${count(items.length - shown)} more</p>`);
    return parts.join('');
  }

  /** A map as a nested key/value list. */
  private map(map: Record<string, unknown>, keys: readonly string[], path: MetaPath, depth: number): string {
    if (keys.length === 0) return '<span class="pm-empty">empty map</span>';
    const shown = Math.min(keys.length, POST_META_LIMITS.maxItems);
    const parts = ['<dl class="pm-map">'];
    for (let index = 0; index < shown; index++) {
      const key = keys[index] as string;
      const entryPath = [...path, key];
      parts.push(
        `<div class="pm-entry${this.marks(entryPath)}" data-key="${escapeHtml(metaPathKey(entryPath))}"><dt class="pm-key" title="${escapeHtml(key)}">${escapeHtml(labelOf(key))}</dt><dd class="pm-value">${this.value(map[key], entryPath, depth + 1)}${this.problems([entryPath])}</dd></div>`,
      );
    }
    parts.push('</dl>');
    if (keys.length > shown) parts.push(`<p class="pm-more">… and ${count(keys.length - shown)} more keys</p>`);
    return parts.join('');
  }

  private rest(map: Record<string, unknown>, known: readonly string[], path: MetaPath): string {
    const others = Object.keys(map).filter((key) => !known.includes(key));
    return others.length > 0 ? this.map(map, others, path, 1) : '';
  }

  // --- special keys ---------------------------------------------------------------------------

  private scores(score: Record<string, unknown>, path: MetaPath): string {
    const parts = ['<ul class="pm-scores">'];
    for (const name of SCORE_NAMES) {
      if (!has(score, name)) continue;
      const value = score[name];
      const itemPath = [...path, name];
      const label = labelOf(name);
      let shown: string;
      if (typeof value === 'number' && Number.isFinite(value)) {
        const clamped = Math.min(100, Math.max(0, value));
        shown = `<meter class="pm-meter" min="0" max="100" value="${clamped}" aria-label="${label}: ${escapeHtml(String(value))} of 100">${escapeHtml(String(value))}</meter><span class="pm-score-value">${escapeHtml(String(value))}</span>`;
      } else {
        shown = `<span class="pm-score-other">${this.value(value, itemPath, 2)}</span>`;
      }
      parts.push(`<li class="pm-score${this.marks(itemPath)}" data-key="${escapeHtml(metaPathKey(itemPath))}"><span class="pm-score-label">${label}</span>${shown}${this.problems([itemPath])}</li>`);
    }
    parts.push('</ul>');
    return parts.join('') + this.rest(score, SCORE_NAMES, path);
  }

  private revision(revision: Record<string, unknown>, path: MetaPath): string {
    const parts = ['<div class="pm-revision">'];
    for (const name of REVISION_PARTS) {
      if (!has(revision, name)) continue;
      const value = revision[name];
      const partPath = [...path, name];
      let shown: string;
      if (name === 'status' && typeof value === 'string') {
        const known = (REVISION_STATUSES as readonly string[]).includes(value) ? ` pm-status-${value}` : '';
        shown = `<span class="pm-badge pm-status${known}">${this.text(value)}</span>`;
      } else if (name === 'version' && typeof value === 'string') {
        shown = `<span class="pm-version">${/^\d/.test(value) ? 'v' : ''}${this.text(value)}</span>`;
      } else if (name === 'last_reviewed' && typeof value === 'string' && isRealDate(value)) {
        shown = `<span class="pm-reviewed">last reviewed <time datetime="${escapeHtml(value)}" title="${escapeHtml(value)}">${escapeHtml(this.age(value))}</time></span>`;
      } else {
        shown = `<span class="pm-rev-label">${labelOf(name)}:</span> ${this.value(value, partPath, 2)}`;
      }
      parts.push(`<span class="pm-rev-part${this.marks(partPath)}" data-key="${escapeHtml(metaPathKey(partPath))}">${shown}${this.problems([partPath])}</span>`);
    }
    parts.push('</div>');
    return parts.join('') + this.rest(revision, REVISION_PARTS, path);
  }

  /** "12 days ago", counted in UTC days from `now`. */
  private age(date: string): string {
    const now = this.options.now;
    const today = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
    const days = Math.floor((today - Date.parse(`${date}T00:00:00Z`)) / DAY_MS);
    if (Number.isNaN(days)) return date;
    if (days < 0) return `on ${date}, a date in the future`;
    if (days === 0) return 'today';
    if (days === 1) return 'yesterday';
    return `${count(days)} days ago`;
  }

  private flags(flags: Record<string, unknown>, path: MetaPath): string {
    const keys = Object.keys(flags);
    if (keys.length === 0) return '<span class="pm-empty">no flags</span>';
    const shown = Math.min(keys.length, POST_META_LIMITS.maxItems);
    const parts = ['<ul class="pm-flags">'];
    for (let index = 0; index < shown; index++) {
      const name = keys[index] as string;
      const value = flags[name];
      const flagPath = [...path, name];
      const state = value === 1 || value === true ? 'on' : value === 0 || value === false ? 'off' : 'unknown';
      const label = escapeHtml(name.replace(/_/g, ' '));
      const body =
        state === 'unknown'
          ? `<span class="pm-flag-name">${label}: ${this.value(value, flagPath, 2)}</span>`
          : `<span class="pm-flag-mark" aria-hidden="true">${state === 'on' ? '✓' : '–'}</span><span class="pm-flag-name">${label}</span><span class="pm-sr"> (${state})</span>`;
      parts.push(`<li class="pm-flag pm-flag-${state}${this.marks(flagPath)}" data-key="${escapeHtml(metaPathKey(flagPath))}" title="${escapeHtml(`${name}: ${String(value)}`)}">${body}${this.problems([flagPath])}</li>`);
    }
    parts.push('</ul>');
    if (keys.length > shown) parts.push(`<p class="pm-more">… and ${count(keys.length - shown)} more flags</p>`);
    return parts.join('');
  }

  private checklistItem(item: unknown, path: MetaPath): string {
    if (typeof item !== 'string') return this.value(item, path, 2);
    const text = normalizeTaskText(item);
    const done = this.ticked.has(text);
    const where = done ? 'done in the note’s task list' : this.listed.has(text) ? 'open in the note’s task list' : 'not in the note’s task list';
    return `<span class="pm-check pm-check-${done ? 'done' : 'open'}${this.listed.has(text) ? '' : ' pm-check-unlisted'}" title="${where}"><span class="pm-box" aria-hidden="true">${done ? '✓' : ''}</span><span class="pm-sr">${done ? 'done: ' : 'to do: '}</span>${this.text(item)}</span>`;
  }

  private entities(entities: readonly unknown[], path: MetaPath): string {
    if (entities.length === 0) return '<span class="pm-empty">empty list</span>';
    const shown = Math.min(entities.length, POST_META_LIMITS.maxItems);
    const groups = new Map<string, string[]>();
    const other: string[] = [];
    for (let index = 0; index < shown; index++) {
      const entity = entities[index];
      const itemPath = [...path, index];
      const dataKey = escapeHtml(metaPathKey(itemPath));
      if (isMap(entity) && typeof entity.name === 'string' && typeof entity.type === 'string' && Object.keys(entity).length === 2) {
        const item = `<li class="pm-item${this.marks(itemPath)}" data-key="${dataKey}">${this.text(entity.name)}${this.problems([itemPath, [...itemPath, 'name'], [...itemPath, 'type']])}</li>`;
        const type = entity.type.trim() || '(no type)';
        const group = groups.get(type);
        if (group) group.push(item);
        else groups.set(type, [item]);
      } else {
        other.push(`<li class="pm-item${this.marks(itemPath)}" data-key="${dataKey}">${this.value(entity, itemPath, 2)}${this.problems([itemPath])}</li>`);
      }
    }
    const parts = ['<div class="pm-entities">'];
    for (const [type, items] of groups) {
      parts.push(`<div class="pm-entity-group"><span class="pm-entity-type">${escapeHtml(type)}</span><ul class="pm-chips">${items.join('')}</ul></div>`);
    }
    if (other.length > 0) parts.push(`<div class="pm-entity-group"><span class="pm-entity-type pm-entity-other">other</span><ul class="pm-list">${other.join('')}</ul></div>`);
    parts.push('</div>');
    if (entities.length > shown) parts.push(`<p class="pm-more">… and ${count(entities.length - shown)} more</p>`);
    return parts.join('');
  }

  private images(sources: readonly unknown[], path: MetaPath): string {
    return this.list(sources, path, 'pm-images', (item, itemPath) => (isMap(item) ? this.imageSource(item, itemPath) : this.value(item, itemPath, 2)), 'ol');
  }

  private imageSource(source: Record<string, unknown>, path: MetaPath): string {
    const part = (name: string, html: string) => {
      const partPath = [...path, name];
      return `<span class="pm-image-${name}${this.marks(partPath)}" data-key="${escapeHtml(metaPathKey(partPath))}">${html}${this.problems([partPath])}</span>`;
    };
    const parts: string[] = [];
    const url = typeof source.url === 'string' ? httpUrl(source.url) : undefined;
    const caption = typeof source.caption === 'string' ? source.caption : '';
    if (url && url.protocol === 'https:' && this.options.remoteImages) {
      parts.push(`<img class="pm-image" src="${escapeHtml(url.href)}" alt="${escapeHtml(caption)}" loading="lazy" decoding="async" referrerpolicy="no-referrer">`);
    }
    parts.push('<span class="pm-image-text">');
    if (has(source, 'caption')) parts.push(part('caption', typeof source.caption === 'string' && source.caption.trim() !== '' ? this.text(source.caption) : this.value(source.caption, [...path, 'caption'], 3)));
    else parts.push('<span class="pm-image-caption pm-empty">no caption</span>');
    const meta: string[] = [];
    if (has(source, 'source')) meta.push(part('source', this.value(source.source, [...path, 'source'], 3)));
    if (has(source, 'url')) {
      let shown: string;
      if (url) shown = this.link(url, shortUrl(url), 'pm-link pm-url');
      else if (typeof source.url === 'string') shown = `<span class="pm-url pm-unsafe-url" title="not an http or https URL: shown as text">${this.plainText(source.url)}</span>`;
      else shown = this.value(source.url, [...path, 'url'], 3);
      meta.push(part('url', shown));
    }
    if (meta.length > 0) parts.push(`<span class="pm-image-meta">${meta.join('<span class="pm-sep" aria-hidden="true"> · </span>')}</span>`);
    parts.push('</span>');
    parts.push(this.rest(source, ['caption', 'source', 'url'], path));
    return parts.join('');
  }

  /** A string as text only, never a link, cut at the cap. */
  private plainText(value: string): string {
    const cut = value.length > POST_META_LIMITS.maxTextLength;
    return `${escapeHtml(cut ? value.slice(0, POST_META_LIMITS.maxTextLength) : value)}${cut ? '<span class="pm-truncated">…</span>' : ''}`;
  }
}

/** `images.unsplash.com/photo-15…`: the host and the start of the path, for a link's text (its title holds the whole URL). */
function shortUrl(url: URL): string {
  const text = `${url.host}${url.pathname === '/' ? '' : url.pathname}`;
  return text.length > 56 ? `${text.slice(0, 55)}…` : text;
}
