/** Turns a note's text into the model every rule reads: front matter, sections, labelled lines, task items, images, comments. */
import type { Code, Heading as MdHeading, List, ListItem, Nodes, Paragraph, Root, RootContent } from 'mdast';
import { gfmTaskListItemFromMarkdown } from 'mdast-util-gfm-task-list-item';
import { toString } from 'mdast-util-to-string';
import { gfmTaskListItem } from 'micromark-extension-gfm-task-list-item';
import remarkFrontmatter from 'remark-frontmatter';
import remarkParse from 'remark-parse';
import { unified, type Processor } from 'unified';
import { locateFrontMatter, parseFrontMatter, type FrontMatter, type FrontMatterError, type Span } from './frontMatter';
import { isPlaceholder } from './placeholder';
import { detectEol, LineIndex, stripBom } from './text';

export interface Section {
  depth: number;
  /** The heading's text as written, without the `#` marks. */
  title: string;
  /** Lower-cased, spaces collapsed, trailing punctuation removed: what aliases are compared with. */
  normalized: string;
  span: Span;
  /** Whether a paragraph, list, code block, table or quote follows before the next heading of the same or a higher level. */
  hasContent: boolean;
  /** The section's text when it is nothing but a placeholder ("TODO: how to undo"). */
  placeholder?: Span;
  /** Whether the section holds a task list (`- [ ] item`). */
  hasTaskList: boolean;
}

export interface LabelledLine {
  normalized: string;
  labelSpan: Span;
  /** The value's text; empty when the label has nothing after it. */
  value: string;
  valueSpan?: Span;
}

export interface TaskItem {
  checked: boolean;
  /** The item's first line. */
  span: Span;
}

export interface ImageRef {
  alt: string;
  span: Span;
}

export interface Comment {
  /** The text between `<!--` and `-->`, trimmed. */
  body: string;
  span: Span;
}

export interface ParsedNote {
  /** The text the note was parsed from, without a byte order mark: every offset refers to it. */
  text: string;
  lines: LineIndex;
  eol: '\n' | '\r\n' | '\r';
  frontMatter?: FrontMatter;
  /** Set when an opening `---` is never closed. */
  unterminatedFrontMatter?: FrontMatterError;
  tree: Root;
  /** Every heading at the top level of the document, level 1 included, in order. */
  sections: Section[];
  labels: LabelledLine[];
  taskItems: TaskItem[];
  images: ImageRef[];
  comments: Comment[];
}

let processor: Processor<Root> | undefined;

function markdownParser(): Processor<Root> {
  processor ??= unified()
    .use(remarkParse)
    .use(remarkFrontmatter, ['yaml'])
    .use(function taskListItems(this: Processor) {
      // Only task list items of GFM: tables, autolinks and footnotes are syntax no rule needs, and cost parse time.
      const data = this.data() as { micromarkExtensions?: unknown[]; fromMarkdownExtensions?: unknown[] };
      (data.micromarkExtensions ??= []).push(gfmTaskListItem());
      (data.fromMarkdownExtensions ??= []).push(gfmTaskListItemFromMarkdown());
    })
    .freeze() as unknown as Processor<Root>;
  return processor;
}

/** The first step of linting: enough to tell whether a file is a note, without parsing its body. */
export interface FrontMatterStep {
  /** The text without a byte order mark. */
  text: string;
  frontMatter?: FrontMatter;
  unterminated: boolean;
}

export function parseFrontMatterOnly(input: string): FrontMatterStep {
  const { text } = stripBom(input);
  const located = locateFrontMatter(text);
  if (located === 'unterminated') return { text, unterminated: true };
  return { text, frontMatter: located ? parseFrontMatter(text, located) : undefined, unterminated: false };
}

/** Parses a whole note; pass the front matter step when it was already taken, so nothing is parsed twice. */
export function parseNote(input: string, step: FrontMatterStep = parseFrontMatterOnly(input)): ParsedNote {
  const { text } = step;
  const note: ParsedNote = {
    text,
    lines: new LineIndex(text),
    eol: detectEol(text),
    frontMatter: step.frontMatter,
    tree: markdownParser().parse(text),
    sections: [],
    labels: [],
    taskItems: [],
    images: [],
    comments: [],
  };
  if (step.unterminated) {
    note.unterminatedFrontMatter = {
      start: 0,
      end: 3,
      message: "Front matter opened with '---' on line 1 is never closed: add a '---' line after the last key",
    };
  }
  collectSections(note);
  collectInlineFacts(note);
  return note;
}

const CONTENT_TYPES = new Set(['paragraph', 'list', 'code', 'blockquote', 'table', 'math', 'html']);

function spanOf(node: { position?: { start: { offset?: number }; end: { offset?: number } } }): Span {
  return { start: node.position?.start.offset ?? 0, end: node.position?.end.offset ?? 0 };
}

function isComment(node: RootContent): boolean {
  return node.type === 'html' && /^\s*<!--[\s\S]*-->\s*$/.test(node.value);
}

function isContent(node: RootContent): boolean {
  return CONTENT_TYPES.has(node.type) && !isComment(node);
}

/** `## 3. Rollback:` and `## 🔙 Rollback` both read as "rollback": leading numbering and symbols, trailing punctuation, case and spacing do not count. */
export function normalizeTitle(title: string): string {
  return title
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/^[^\p{L}\p{N}]+/u, '')
    .replace(/^(?:\d+[.)]|step \d+[:.)]?)\s+/, '')
    .replace(/[\s:.!?;,…-]+$/, '');
}

function collectSections(note: ParsedNote): void {
  const children = note.tree.children;
  for (let index = 0; index < children.length; index++) {
    const node = children[index] as RootContent;
    if (node.type !== 'heading') continue;
    const heading = node as MdHeading;
    const title = toString(heading).trim();
    let hasContent = false;
    let hasTaskList = false;
    // The section's own blocks, before any sub-heading: what decides whether its body is only a placeholder.
    const ownBlocks: RootContent[] = [];
    let inOwnBody = true;
    for (let next = index + 1; next < children.length; next++) {
      const block = children[next] as RootContent;
      if (block.type === 'heading' && block.depth <= heading.depth) break;
      if (block.type === 'heading') inOwnBody = false;
      if (block.type === 'heading' || !isContent(block)) continue;
      hasContent = true;
      if (inOwnBody) ownBlocks.push(block);
      if (block.type === 'list' && block.children.some((item) => typeof item.checked === 'boolean')) hasTaskList = true;
    }
    note.sections.push({
      depth: heading.depth,
      title,
      normalized: normalizeTitle(title),
      span: spanOf(heading),
      hasContent,
      hasTaskList,
      placeholder: placeholderBody(note.text, ownBlocks),
    });
  }
}

/** The span of a section's body when every block in it is only a placeholder. */
function placeholderBody(text: string, blocks: RootContent[]): Span | undefined {
  if (blocks.length === 0) return undefined;
  for (const block of blocks) {
    if (!isPlaceholderBlock(text, block)) return undefined;
  }
  const first = blocks[0] as RootContent;
  return first.type === 'list' ? listItemContentSpan(first.children[0] as ListItem) : spanOf(first);
}

function isPlaceholderBlock(text: string, block: RootContent): boolean {
  switch (block.type) {
    case 'paragraph': {
      const source = text.slice(spanOf(block).start, spanOf(block).end);
      return looksLikeTable(source) ? isPlaceholderTable(source) : isPlaceholder(source);
    }
    case 'list':
      return (block as List).children.every((item) => {
        const span = listItemContentSpan(item);
        return span.end > span.start && isPlaceholder(text.slice(span.start, span.end));
      });
    case 'code':
      return isPlaceholder((block as Code).value);
    case 'blockquote':
      return isPlaceholder(toString(block));
    default:
      return false;
  }
}

function listItemContentSpan(item: ListItem): Span {
  const first = item.children[0];
  const last = item.children[item.children.length - 1];
  if (!first || !last) return spanOf(item);
  return { start: spanOf(first).start, end: spanOf(last).end };
}

/** No table syntax is parsed (no rule needs it), so a table arrives as a paragraph of `|` rows. */
function looksLikeTable(source: string): boolean {
  const rows = source.split(/\r?\n/);
  return rows.length >= 2 && rows.every((row) => row.trimStart().startsWith('|'));
}

/** A table whose body cells are all empty or placeholders (its header row is a template's labels, not content). */
function isPlaceholderTable(source: string): boolean {
  const rows = source.split(/\r?\n/).slice(2);
  if (rows.length === 0) return true;
  return rows.every((row) =>
    row
      .trim()
      .replace(/^\||\|$/g, '')
      .split('|')
      .every((cell) => cell.trim() === '' || isPlaceholder(cell)),
  );
}

/**
 * A labelled line: `Owner: @alice`, `**Owner:** @alice`, `**Owner**: @alice`, `- owner: alice`.
 * The label is short (at most 41 characters), which keeps the match linear on very long lines.
 */
const LABELLED_LINE = /^[ \t]*(?:[-*+][ \t]+)?(\*\*|__)?([A-Za-z][\w '/-]{0,40}?)[ \t]*(?:\1[ \t]*:|:[ \t]*\1)(?=[ \t]|$)/;

function collectLabels(note: ParsedNote, paragraph: Paragraph, nextBlock: Nodes | undefined): void {
  const { start, end } = spanOf(paragraph);
  const source = note.text.slice(start, end);
  let lineStart = 0;
  let pending: LabelledLine | undefined;
  while (lineStart <= source.length) {
    const lineFeed = source.indexOf('\n', lineStart);
    const lineEnd = lineFeed === -1 ? source.length : lineFeed;
    const line = source.slice(lineStart, lineEnd).replace(/\r$/, '');
    const match = LABELLED_LINE.exec(line);
    if (match) {
      const label = match[2] as string;
      const labelOffset = start + lineStart + line.indexOf(label, match[1] ? match[1].length : 0);
      const rest = line.slice(match[0].length);
      const value = rest.replace(/^\s+/, '').replace(/\s+$/, '');
      const valueStart = start + lineStart + match[0].length + (rest.length - rest.trimStart().length);
      const labelled: LabelledLine = {
        normalized: normalizeTitle(label),
        labelSpan: { start: labelOffset, end: labelOffset + label.length },
        value,
        valueSpan: value ? { start: valueStart, end: valueStart + value.length } : undefined,
      };
      note.labels.push(labelled);
      pending = value ? undefined : labelled;
    } else if (pending && line.trim()) {
      // "Rollback:" alone on a line, the value on the lines below it.
      const valueStart = pending.valueSpan?.start ?? start + lineStart;
      pending.valueSpan = { start: valueStart, end: start + lineEnd };
      pending.value = note.text.slice(valueStart, start + lineEnd).trim();
    }
    if (lineFeed === -1) break;
    lineStart = lineFeed + 1;
  }
  if (pending && !pending.value && nextBlock && isContent(nextBlock as RootContent)) {
    // "**Rollback:**" as a paragraph of its own, followed by a list or a code block.
    const span = spanOf(nextBlock as RootContent);
    pending.valueSpan = span;
    pending.value = note.text.slice(span.start, span.end).trim();
  }
}

const DIRECTIVE_COMMENT = /<!--([\s\S]*?)-->/g;

/** One walk over the tree, without recursion: a note of 5,000 nested quotes must not exhaust the stack. */
function collectInlineFacts(note: ParsedNote): void {
  const pending: { node: Nodes; next: Nodes | undefined; parentType: string }[] = [{ node: note.tree, next: undefined, parentType: '' }];
  while (pending.length > 0) {
    const { node, next, parentType } = pending.pop() as (typeof pending)[number];
    switch (node.type) {
      case 'paragraph':
        if (parentType === 'root' || parentType === 'listItem' || parentType === 'blockquote') collectLabels(note, node, next);
        break;
      case 'listItem':
        if (typeof node.checked === 'boolean') {
          const start = spanOf(node).start;
          const lineEnd = note.lines.lineEnd(note.lines.positionAt(start).line);
          note.taskItems.push({ checked: node.checked, span: { start, end: Math.max(lineEnd, start + 1) } });
        }
        break;
      case 'image':
      case 'imageReference':
        note.images.push({ alt: node.alt ?? '', span: spanOf(node) });
        break;
      case 'html': {
        const offset = spanOf(node).start;
        for (const match of node.value.matchAll(DIRECTIVE_COMMENT)) {
          const begin = offset + (match.index ?? 0);
          note.comments.push({ body: (match[1] ?? '').trim(), span: { start: begin, end: begin + match[0].length } });
        }
        break;
      }
      default:
        break;
    }
    if ('children' in node) {
      const children = node.children as Nodes[];
      // Pushed in reverse, so that nodes are visited in document order.
      for (let i = children.length - 1; i >= 0; i--) pending.push({ node: children[i] as Nodes, next: children[i + 1], parentType: node.type });
    }
  }
}
