/**
 * The Markdown facts the rules read: top-level blocks, paragraphs at any depth, task items,
 * images and comments. They say what the text is made of (structure), never what it means: which
 * line is a field's label and which value is a placeholder is decided next to the fields
 * (`src/core/fields/`). Offsets are UTF-16 code units.
 */
import type { Span } from '../frontMatter';

export type BlockType = 'heading' | 'paragraph' | 'list' | 'code' | 'blockquote' | 'html' | 'thematicBreak' | 'definition';

/** A block at the top level of the body. */
export interface Block {
  type: BlockType;
  span: Span;
  /** A heading's level. */
  depth?: number;
  /** A heading's text as written, without the `#` marks. */
  title?: string;
  /** A paragraph, list, code block, quote, or HTML with text or media (not only comments, wrapper tags, `<br>`). */
  content: boolean;
  /** HTML that is nothing but a comment. */
  comment: boolean;
  /** A list with at least one task item (`- [ ] item`). */
  taskList: boolean;
  /** What a reader sees of a quote (its text without markers), a code block (its lines without the fences) or an HTML block (its text without tags and comments). */
  text?: string;
  /** A list's items: the span from each item's first block to its last (empty at the item's marker when the item is). */
  items?: Span[];
}

/** A paragraph anywhere (top level, quote, list item), with what follows it. */
export interface Paragraph {
  span: Span;
  /** The next block in the same container, when it is content (a label alone on the paragraph's last line takes it as its value). */
  following?: Span;
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

/** What a stretch of Markdown holds: a chunk of the body, or the whole body. */
interface MarkdownFacts {
  blocks: Block[];
  paragraphs: Paragraph[];
  taskItems: TaskItem[];
  images: ImageRef[];
  comments: Comment[];
  /** The normalized labels of the link reference definitions in the stretch. */
  definitions: string[];
}

/** What one chunk of the body holds, with offsets relative to the chunk's start. */
export interface ChunkFacts extends MarkdownFacts {
  /** The chunk's last top-level block is a fenced code or HTML block still open at its end: it would swallow the next chunk's heading. */
  openTail: boolean;
}

/** One chunk of the body as scanned: where it starts in the note's text, and its facts (offsets relative to that start). */
export interface BodyChunk {
  start: number;
  end: number;
  /** The same object for the same chunk text while a SectionCache keeps it: what is derived from it can be kept too. */
  facts: ChunkFacts;
}

/** The body's facts, offsets relative to the note's text; its `definitions` sorted, each once. */
export interface BodyFacts extends MarkdownFacts {
  /** The chunks the body was scanned in, in order, covering it. */
  chunks: BodyChunk[];
}
