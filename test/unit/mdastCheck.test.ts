/**
 * An independent check of the scanner (src/core/markdown/): the headings, sections, task items and images the
 * core reports through its public parse API (parseNote) are compared with an mdast reading of the same text
 * (remark-parse, remark-frontmatter, micromark's GFM task list extension), on every fixture note and on
 * generated notes (the example notes under random mutations, test/unit/noteGenerators.ts).
 *
 * Where the core reads differently on purpose, the note is left out and the reason written here:
 * - text inside an HTML comment that is never closed: the core ends such a comment at the end of its line
 *   (defuseUnclosedComments), so a forgotten `-->` does not hide the rest of the note;
 * - container prefixes nested past MAX_CONTAINER_PREFIX, and paragraphs over INLINE_BUDGET delimiters, which
 *   the core reads as text to stay linear (inlineBudget.ts); generated notes are kept short enough.
 * And one part of a note is compared blanked out: front matter below blank lines or headings, which the core
 * reads as the note's (misplaced) front matter, reported by RN014, with what stands above it, where CommonMark
 * reads a setext heading; the rest of such a note is compared as usual.
 */
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import type { Heading, ListItem, Nodes, Root } from 'mdast';
import { toString } from 'mdast-util-to-string';
import { gfmTaskListItem } from 'micromark-extension-gfm-task-list-item';
import remarkFrontmatter from 'remark-frontmatter';
import remarkParse from 'remark-parse';
import { unified, type Processor } from 'unified';
import { parseFrontMatterOnly, parseNote } from '../../src/core/parse';
import { LineIndex } from '../../src/core/text';
import { markdownFiles } from './cliHelpers';
import { applyMutations, EXAMPLES, mutatedExample } from './noteGenerators';

const FIXTURES = path.resolve(__dirname, '../fixtures');

/**
 * remark with the task list checks: micromark's extension tokenizes `[ ]`/`[x]`, and these handlers put the
 * check on the list item, as mdast-util-gfm-task-list-item does (not a dependency here).
 */
function taskListItems(this: Processor) {
  const data = this.data() as { micromarkExtensions?: unknown[]; fromMarkdownExtensions?: unknown[] };
  (data.micromarkExtensions ??= []).push(gfmTaskListItem());
  const check = (checked: boolean) =>
    function (this: { stack: Nodes[] }) {
      const item = this.stack[this.stack.length - 2] as ListItem;
      if (item?.type === 'listItem') item.checked = checked;
    };
  (data.fromMarkdownExtensions ??= []).push({ exit: { taskListCheckValueChecked: check(true), taskListCheckValueUnchecked: check(false) } });
}

const remark = unified().use(remarkParse).use(remarkFrontmatter, ['yaml']).use(taskListItems);
/**
 * For a note whose opening `---` is never closed: CommonMark reads it as a thematic break, and so does the
 * core, but remark-frontmatter 5 then reads every list of the note as a paragraph.
 */
const remarkWithoutFrontMatter = unified().use(remarkParse).use(taskListItems);

interface Reading {
  sections: string[];
  taskItems: string[];
  images: string[];
}

/** A heading's text the way the core keeps a title: visible text, whitespace collapsed, trimmed. */
const clean = (text: string) => text.replace(/\s+/g, ' ').trim();

function mdastReading(text: string, unterminatedFrontMatter: boolean): Reading {
  const tree = (unterminatedFrontMatter ? remarkWithoutFrontMatter : remark).parse(text) as Root;
  const line = (node: Nodes) => node.position?.start.line ?? 0;
  const sections = tree.children.filter((node): node is Heading => node.type === 'heading').map((node) => `${line(node)} h${node.depth} ${clean(toString(node))}`);
  const taskItems: string[] = [];
  const images: string[] = [];
  const visit = (node: Nodes) => {
    if (node.type === 'listItem' && typeof node.checked === 'boolean') taskItems.push(`${line(node)} ${node.checked ? 'x' : ' '}`);
    if (node.type === 'image' || node.type === 'imageReference') images.push(`${line(node)} ${clean(node.alt ?? '')}`);
    if ('children' in node) for (const child of node.children) visit(child as Nodes);
  };
  visit(tree);
  return { sections, taskItems, images: images.sort() };
}

function coreReading(text: string): Reading {
  const note = parseNote(text);
  const lines = new LineIndex(note.text);
  const line = (offset: number) => lines.positionAt(offset).line + 1;
  return {
    sections: note.sections.map((section) => `${line(section.span.start)} h${section.depth} ${clean(section.title)}`),
    taskItems: note.taskItems.map((item) => `${line(item.span.start)} ${item.checked ? 'x' : ' '}`),
    images: note.images.map((image) => `${line(image.span.start)} ${clean(image.alt)}`).sort(),
  };
}

/** Notes the core reads differently on purpose (see the header). */
function deliberatelyDifferent(text: string): boolean {
  const opened = text.split('<!--').length - 1;
  const closed = text.split('-->').length - 1;
  return opened > closed || /^(?:[ \t]*(?:>|[-*+]|\d{1,9}[.)])[ \t]*){16}/m.test(text);
}

function compare(text: string, where: string): void {
  const bom = text.startsWith('\uFEFF') ? text.slice(1) : text;
  const step = parseFrontMatterOnly(bom);
  const misplaced = step.frontMatter?.misplaced ? step.frontMatter.block.end : 0;
  // Blanked, not cut: every line keeps its number.
  const forMdast = misplaced > 0 ? bom.slice(0, misplaced).replace(/[^\r\n]/g, '') + bom.slice(misplaced) : bom;
  assert.deepEqual(coreReading(bom), mdastReading(forMdast, step.unterminated), `the core and mdast read ${where} differently`);
}

describe('scanner against mdast (remark-parse)', () => {
  const files = markdownFiles(FIXTURES);

  it('has fixtures to compare', () => assert.ok(files.length > 50, `${files.length} fixture notes`));

  for (const file of files) {
    const text = readFileSync(file, 'utf8');
    if (deliberatelyDifferent(text)) continue;
    it(path.relative(FIXTURES, file), () => compare(text, file));
  }

  it('reads generated notes (the examples under random mutations) the same way', function () {
    this.timeout(120_000);
    fc.assert(
      fc.property(mutatedExample, ({ example, mutations }) => {
        const text = applyMutations((EXAMPLES[example] as { text: string }).text, mutations);
        fc.pre(!deliberatelyDifferent(text) && !text.includes('\0'));
        compare(text, 'a generated note');
      }),
      { numRuns: Number(process.env.FUZZ_RUNS ?? 150), seed: 20261130 },
    );
  });
});
