/**
 * micromark's events to facts (blocks, paragraphs, task items, images, comments), in one pass and
 * without a syntax tree, which costs a third less than remark's tree and is all the rules need.
 * The scanner reports structure only: what a label or a placeholder is, is decided next to the
 * fields (`src/core/fields/`).
 */
import { HTML_ELEMENTS } from './htmlElements';
import { decodeString } from 'micromark-util-decode-string';
import { normalizeIdentifier } from 'micromark-util-normalize-identifier';
import type { Event, Token } from 'micromark-util-types';
import type { Span } from '../frontMatter';
import type { Block, BlockType, ChunkFacts, ImageRef, Paragraph } from './facts';
import { htmlEndMarker, lineEndAt } from './syntax';

const CONTENT_TYPES = new Set<BlockType>(['paragraph', 'list', 'code', 'blockquote']);
const COMMENT_ONLY = /^\s*<!--[\s\S]*-->\s*$/;
/** Elements that show something without text of their own. */
const EMBEDDED_MEDIA = /<(?:img|video|audio|iframe|picture|svg|object|embed|canvas|math|input|meter|progress)\b/i;

/**
 * What a reader sees of an HTML block: its text without comments, tags, and a `<summary>`'s
 * caption (a disclosure's title, not its body). Wrappers (`<details>`, `<div>`), `<br>` and empty
 * elements leave nothing; a section holding only them is empty.
 */
function visibleHtmlText(html: string): string {
  return decodeString(
    html
      .replace(/<!--[\s\S]*?(?:-->|$)/g, ' ')
      .replace(/<summary\b[^>]*>[\s\S]*?(?:<\/summary\s*>|$)/gi, ' ')
      // Tags of HTML elements are markup; `<owner>`, `<your team>` are a template's text, kept for the placeholder rules.
      .replace(/<\/?([A-Za-z][\w-]*)[^>]*>?/g, (tag, name: string) => (HTML_ELEMENTS.has(name.toLowerCase()) ? ' ' : tag))
      .replace(/<![^>]*>|<\?[\s\S]*?(?:\?>|$)/g, ' '),
  ).trim();
}

const BLOCK_TYPES: Record<string, BlockType> = {
  atxHeading: 'heading',
  setextHeading: 'heading',
  paragraph: 'paragraph',
  listOrdered: 'list',
  listUnordered: 'list',
  codeFenced: 'code',
  codeIndented: 'code',
  blockQuote: 'blockquote',
  htmlFlow: 'html',
  thematicBreak: 'thematicBreak',
  definition: 'definition',
};

/** Tokens whose text is not part of what a reader sees: link destinations and titles, reference labels, definitions, a fence's info string. */
const HIDDEN_TEXT = new Set(['resource', 'reference', 'definition', 'codeFencedFence']);

/** Collects the visible text inside a node, as mdast's `toString` would. */
class TextSink {
  text = '';
}

interface Frame {
  kind: 'root' | 'quote' | 'list' | 'item';
  /** The last block of this container was a paragraph: the next block, when content, is what follows it. */
  lastParagraph?: Paragraph;
  // Items:
  start?: number;
  firstChild?: number;
  lastChild?: number;
  checked?: boolean;
  // Lists:
  items?: Span[];
  taskList?: boolean;
  // Top-level quotes:
  sink?: TextSink;
}

interface OpenBlock {
  type: BlockType;
  token: Token;
  frame: Frame;
  depth?: number;
  title?: TextSink;
  code?: { text: string; pendingNewlines: number; seen: boolean; fences: number };
}

export class ChunkScanner {
  private readonly facts: ChunkFacts = { blocks: [], paragraphs: [], taskItems: [], images: [], comments: [], definitions: [], openTail: false };
  private readonly root: Frame = { kind: 'root' };
  private readonly frames: Frame[] = [this.root];
  private readonly open: OpenBlock[] = [];
  private readonly sinks: TextSink[] = [];
  private readonly openImages: { image: ImageRef; sink: TextSink }[] = [];
  /** Start offsets of fenced code blocks that have a closing fence. */
  private readonly closedFences = new Set<number>();
  private hidden = 0;

  constructor(private readonly source: string) {}

  run(events: Event[]): ChunkFacts {
    for (const [kind, token] of events) {
      if (kind === 'enter') this.enter(token);
      else this.exit(token);
    }
    this.facts.openTail = this.hasOpenTail();
    return this.facts;
  }

  private get frame(): Frame {
    return this.frames[this.frames.length - 1] as Frame;
  }

  private slice(token: Token): string {
    return this.source.slice(token.start.offset, token.end.offset);
  }

  private append(text: string): void {
    if (this.hidden > 0) return;
    for (const sink of this.sinks) sink.text += text;
  }

  private enter(token: Token): void {
    const type = token.type;
    if (HIDDEN_TEXT.has(type)) this.hidden++;
    const blockType = BLOCK_TYPES[type];
    if (blockType) {
      this.enterBlock(blockType, token);
      return;
    }
    switch (type) {
      case 'listItemPrefix': {
        if (this.frame.kind === 'item') this.closeItem();
        this.frames.push({ kind: 'item', start: token.start.offset });
        break;
      }
      case 'atxHeadingText':
      case 'setextHeadingText': {
        const heading = this.open[this.open.length - 1];
        if (heading?.title) this.sinks.push(heading.title);
        break;
      }
      case 'atxHeadingSequence': {
        const heading = this.open[this.open.length - 1];
        if (heading && heading.depth === undefined) heading.depth = token.end.offset - token.start.offset;
        break;
      }
      case 'setextHeadingLineSequence': {
        const heading = this.open[this.open.length - 1];
        if (heading) heading.depth = this.source.charCodeAt(token.start.offset) === 61 /* = */ ? 1 : 2;
        break;
      }
      case 'codeFencedFence': {
        const code = this.open[this.open.length - 1]?.code;
        if (code) code.fences++;
        break;
      }
      case 'codeFlowValue': {
        const code = this.open[this.open.length - 1]?.code;
        if (code) {
          code.text += (code.seen ? '\n'.repeat(code.pendingNewlines) : '') + this.slice(token);
          code.seen = true;
          code.pendingNewlines = 0;
        }
        this.append(this.slice(token));
        break;
      }
      case 'lineEnding': {
        const code = this.open[this.open.length - 1]?.code;
        if (code) code.pendingNewlines++;
        else this.append('\n');
        break;
      }
      case 'data':
      case 'chunkText': // the text of a paragraph or heading left unparsed (see inlineBudget.ts)
      case 'codeTextData':
      case 'autolinkProtocol':
      case 'autolinkEmail':
      case 'htmlFlowData':
        this.append(this.slice(token));
        break;
      case 'characterEscapeValue':
        this.append(this.slice(token));
        break;
      case 'characterReference':
        this.append(decodeString(this.slice(token)));
        this.hidden++;
        break;
      case 'htmlText':
        this.append(this.slice(token));
        this.hidden++;
        this.comments(token);
        break;
      case 'taskListCheck': {
        const item = this.innermostItem();
        if (item && item.checked === undefined) {
          item.checked = this.source.slice(token.start.offset, token.end.offset).toLowerCase().includes('x');
          const start = item.start as number;
          this.facts.taskItems.push({ checked: item.checked, span: { start, end: Math.max(lineEndAt(this.source, start), start + 1) } });
        }
        break;
      }
      case 'image': {
        const image: ImageRef = { alt: '', span: { start: token.start.offset, end: token.end.offset } };
        this.facts.images.push(image);
        const sink = new TextSink();
        this.openImages.push({ image, sink });
        this.sinks.push(sink);
        break;
      }
      case 'definitionLabelString':
        this.facts.definitions.push(normalizeIdentifier(this.slice(token)));
        break;
      default:
        break;
    }
  }

  private exit(token: Token): void {
    const type = token.type;
    if (HIDDEN_TEXT.has(type) || type === 'characterReference' || type === 'htmlText') this.hidden--;
    if (BLOCK_TYPES[type]) {
      this.exitBlock(token);
      return;
    }
    switch (type) {
      case 'atxHeadingText':
      case 'setextHeadingText': {
        const heading = this.open[this.open.length - 1];
        if (heading?.title && this.sinks[this.sinks.length - 1] === heading.title) this.sinks.pop();
        break;
      }
      case 'image': {
        const open = this.openImages.pop();
        if (open) {
          open.image.alt = open.sink.text;
          this.sinks.splice(this.sinks.lastIndexOf(open.sink), 1);
        }
        break;
      }
      default:
        break;
    }
  }

  private innermostItem(): Frame | undefined {
    for (let index = this.frames.length - 1; index >= 0; index--) {
      const frame = this.frames[index] as Frame;
      if (frame.kind === 'item') return frame;
      if (frame.kind !== 'list') return undefined;
    }
    return undefined;
  }

  private enterBlock(type: BlockType, token: Token): void {
    const frame = this.frame;
    if (frame.kind === 'item') frame.firstChild ??= token.start.offset;
    const open: OpenBlock = { type, token, frame };
    if (type === 'heading' && frame === this.root) open.title = new TextSink();
    if (type === 'code') open.code = { text: '', pendingNewlines: 0, seen: false, fences: 0 };
    this.open.push(open);
    if (type === 'list') this.frames.push({ kind: 'list', items: [], taskList: false });
    else if (type === 'blockquote') {
      const quote: Frame = { kind: 'quote' };
      if (frame === this.root) {
        quote.sink = new TextSink();
        this.sinks.push(quote.sink);
      }
      this.frames.push(quote);
    } else if (type === 'html') this.comments(token);
  }

  private exitBlock(token: Token): void {
    const open = this.open.pop();
    if (!open) return;
    const span: Span = { start: token.start.offset, end: token.end.offset };
    const { type, frame } = open;
    let text: string | undefined;
    let items: Span[] | undefined;
    let taskList = false;
    let comment = false;
    let htmlContent = false;
    switch (type) {
      case 'list': {
        if (this.frame.kind === 'item') this.closeItem();
        const list = this.frames.pop() as Frame;
        taskList = list.taskList === true;
        items = list.items;
        break;
      }
      case 'blockquote': {
        const quote = this.frames.pop() as Frame;
        if (quote.sink) {
          this.sinks.splice(this.sinks.lastIndexOf(quote.sink), 1);
          text = quote.sink.text;
        }
        break;
      }
      case 'code':
        text = open.code?.text ?? '';
        if ((open.code?.fences ?? 0) >= 2) this.closedFences.add(span.start);
        break;
      case 'html': {
        const raw = this.source.slice(span.start, span.end);
        comment = COMMENT_ONLY.test(raw);
        text = comment ? '' : visibleHtmlText(raw);
        htmlContent = text !== '' || EMBEDDED_MEDIA.test(raw);
        break;
      }
      default:
        break;
    }
    const content = CONTENT_TYPES.has(type) || htmlContent;

    if (frame.lastParagraph) {
      if (content) frame.lastParagraph.following = span;
      frame.lastParagraph = undefined;
    }
    if (type === 'paragraph') {
      const paragraph: Paragraph = { span };
      this.facts.paragraphs.push(paragraph);
      frame.lastParagraph = paragraph;
    }
    if (frame.kind === 'item') frame.lastChild = span.end;

    if (frame === this.root) {
      const block: Block = { type, span, content, comment, taskList };
      if (text !== undefined) block.text = text;
      if (items) block.items = items;
      if (type === 'heading') {
        block.depth = open.depth ?? 1;
        block.title = (open.title?.text ?? '').trim();
      }
      this.facts.blocks.push(block);
    }
  }

  /** Ends the current list item: what its list learns from it. */
  private closeItem(): void {
    const item = this.frames.pop() as Frame;
    const list = this.frame;
    if (item.checked !== undefined) list.taskList = true;
    const content: Span =
      item.firstChild !== undefined && item.lastChild !== undefined ? { start: item.firstChild, end: item.lastChild } : { start: item.start as number, end: item.start as number };
    list.items?.push(content);
  }

  private comments(token: Token): void {
    const start = token.start.offset;
    const value = this.source.slice(start, token.end.offset);
    // indexOf rather than a lazy regular expression: with many `<!--` and no `-->`, the expression
    // searched to the end from each one (80,000 took 10 s); here the first unclosed one ends the search.
    for (let open = value.indexOf('<!--'); open !== -1; ) {
      const close = value.indexOf('-->', open + 4);
      if (close === -1) break;
      this.facts.comments.push({ body: value.slice(open + 4, close).trim(), span: { start: start + open, end: start + close + 3 } });
      open = value.indexOf('<!--', close + 3);
    }
  }

  /** Whether the last top-level block is a fenced code or HTML block that a following heading line would continue. */
  private hasOpenTail(): boolean {
    const last = this.facts.blocks[this.facts.blocks.length - 1];
    if (!last || (last.type !== 'code' && last.type !== 'html')) return false;
    const block = this.source.slice(last.span.start, last.span.end);
    const firstLine = block.split(/\r\n|\r|\n/, 1)[0] ?? '';
    if (last.type === 'code') {
      const fenced = /^ {0,3}(?:`{3,}|~{3,})/.test(firstLine);
      return fenced && !this.closedFences.has(last.span.start);
    }
    const marker = htmlEndMarker(firstLine);
    if (marker) {
      // Kinds 1 to 5 end on the line holding their end marker, else run to the end of the text.
      const lastLine = block.slice(Math.max(block.lastIndexOf('\n'), block.lastIndexOf('\r')) + 1);
      return !marker.test(lastLine);
    }
    // Kinds 6 and 7 end at a blank line: open when nothing but a line ending follows the block.
    return this.source.slice(last.span.end).replace(/^(?:\r\n|\r|\n)/, '') === '';
  }
}
