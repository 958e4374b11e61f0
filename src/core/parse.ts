/** Turns a note's text into the model every rule reads: front matter, sections, labelled lines, task items, images, comments. */
import { locateFrontMatter, parseFrontMatter, type FrontMatter, type FrontMatterError, type Span } from './frontMatter';
import { findLabelledLines, type LabelledLine } from './fields/labels';
import { normalizeTitle } from './fields/normalize';
import { blockPlaceholder, BUILTIN_PLACEHOLDERS, type PlaceholderMatcher } from './fields/placeholders';
import { scanBody, type Block, type BodyChunk, type Comment, type ImageRef, type Paragraph, type SectionCache, type TaskItem } from './markdown';
import { detectEol, LineIndex, stripBom } from './text';

export { normalizeTitle } from './fields/normalize';
export type { LabelledLine } from './fields/labels';
export type { Block, Comment, ImageRef, Paragraph, TaskItem } from './markdown';

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
  /** Whether the section holds a list, task items or not. */
  hasList: boolean;
}

export interface ParsedNote {
  /** The text the note was parsed from, without a byte order mark: every offset refers to it. */
  text: string;
  lines: LineIndex;
  eol: '\n' | '\r\n' | '\r';
  frontMatter?: FrontMatter;
  /** Set when an opening `---` is never closed. */
  unterminatedFrontMatter?: FrontMatterError;
  /** The body's blocks at the top level, in order (front matter not included). */
  blocks: Block[];
  /** Every heading at the top level of the document, level 1 included, in order. */
  sections: Section[];
  /** Every paragraph, at any depth. */
  paragraphs: Paragraph[];
  labels: LabelledLine[];
  /** The normalized labels of the note's link reference definitions (what `[label]` can link to). */
  definitions: ReadonlySet<string>;
  taskItems: TaskItem[];
  images: ImageRef[];
  comments: Comment[];
  /** The chunks the body was scanned in (see markdown/sections.ts): what is derived per chunk can be kept while a chunk is unchanged. */
  chunks?: readonly BodyChunk[];
}

/** The first step of linting: enough to tell whether a file is a note, without parsing its body. */
export interface FrontMatterStep {
  /** The text without a byte order mark. */
  text: string;
  frontMatter?: FrontMatter;
  unterminated: boolean;
}

/** Reads the front matter; with a cache, YAML unchanged since the last call is not parsed again. */
export function parseFrontMatterOnly(input: string, cache?: SectionCache): FrontMatterStep {
  const { text } = stripBom(input);
  const located = locateFrontMatter(text);
  if (located === 'unterminated') return { text, unterminated: true };
  if (!located) return { text, unterminated: false };
  const source = text.slice(0, located.block.end);
  const cached = cache?.frontMatter;
  // The parsed front matter only refers to offsets inside its block, so a copy pointing at the new text is the same value.
  if (cached && cached.source === source) return { text, frontMatter: { ...(cached.value as FrontMatter), text }, unterminated: false };
  const frontMatter = parseFrontMatter(text, located);
  if (cache) cache.frontMatter = { source, value: frontMatter };
  return { text, frontMatter, unterminated: false };
}

/**
 * Parses a whole note; pass the front matter step when it was already taken, so nothing is parsed
 * twice. `placeholders` decides which section bodies are only a placeholder (the configuration's).
 */
export function parseNote(input: string, step: FrontMatterStep = parseFrontMatterOnly(input), cache?: SectionCache, placeholders: PlaceholderMatcher = BUILTIN_PLACEHOLDERS): ParsedNote {
  const { text } = step;
  const body = scanBody(text, step.frontMatter?.block.end ?? 0, cache);
  const definitions = new Set(body.definitions);
  const note: ParsedNote = {
    text,
    lines: new LineIndex(text),
    eol: detectEol(text),
    frontMatter: step.frontMatter,
    ...body,
    definitions,
    sections: collectSections(text, body.blocks, (block) => blockPlaceholder(block, text, placeholders, definitions)),
    labels: findLabelledLines(text, body.paragraphs, body.comments),
  };
  if (step.unterminated) {
    note.unterminatedFrontMatter = {
      start: 0,
      end: 3,
      message: "Front matter opened with '---' on line 1 is never closed: add a '---' line after the last key",
    };
  }
  return note;
}

function collectSections(text: string, blocks: readonly Block[], placeholderOf: (block: Block) => Span | undefined): Section[] {
  const sections: Section[] = [];
  for (let index = 0; index < blocks.length; index++) {
    const heading = blocks[index] as Block;
    if (heading.type !== 'heading') continue;
    const depth = heading.depth ?? 1;
    let hasContent = false;
    let hasTaskList = false;
    let hasList = false;
    // The section's own blocks, before any sub-heading: what decides whether its body is only a placeholder.
    const ownBlocks: Block[] = [];
    let inOwnBody = true;
    for (let next = index + 1; next < blocks.length; next++) {
      const block = blocks[next] as Block;
      if (block.type === 'heading' && (block.depth ?? 1) <= depth) break;
      if (block.type === 'heading') inOwnBody = false;
      if (block.type === 'heading' || !block.content) continue;
      hasContent = true;
      if (inOwnBody) ownBlocks.push(block);
      if (block.taskList) hasTaskList = true;
      if (block.type === 'list') hasList = true;
    }
    const title = heading.title ?? '';
    sections.push({
      depth,
      title,
      normalized: normalizeTitle(title),
      span: heading.span,
      hasContent,
      hasTaskList,
      hasList,
      placeholder: ownPlaceholder(ownBlocks, placeholderOf),
    });
  }
  return sections;
}

/** The span to report when every block of a section's own body is only a placeholder. */
function ownPlaceholder(ownBlocks: readonly Block[], placeholderOf: (block: Block) => Span | undefined): Span | undefined {
  let first: Span | undefined;
  for (const block of ownBlocks) {
    const span = placeholderOf(block);
    if (!span) return undefined;
    first ??= span;
  }
  return first;
}
