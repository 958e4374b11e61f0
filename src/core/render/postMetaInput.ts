/** From a linted note to what the post-meta box needs: the data, the findings placed at key paths, the body's task items. */
import { isMap, isPair, isSeq, type Pair } from 'yaml';
import { keyName } from '../frontMatter';
import type { LintResult } from '../lint';
import { parseNote, type ParsedNote } from '../parse';
import { taskItemText } from '../taskText';
export { taskItemText } from '../taskText';
import { describeOwner } from '../owners/noteOwners';
import type { Diagnostic } from '../types';
import type { PostMetaFinding, PostMetaInput, PostMetaTask } from './postMeta';


/**
 * The box's input for a note. Diagnostics that start inside the front matter block are placed at the
 * deepest key or list item whose source range holds their start (RN011 on `score.quality`'s value,
 * RN012 on the key `onwer`); those on the opening fence (RN001, RN014) concern the block as a whole (`[]`).
 * `text` is parsed here only when lint kept no parse (a Markdown file that is no note).
 */
export function postMetaInput(text: string, result: LintResult): PostMetaInput {
  const note = result.note ?? parseNote(text);
  return {
    data: note.frontMatter?.data,
    findings: frontMatterFindings(note, result.diagnostics),
    taskItems: taskItems(note),
    owners: result.owners.map(describeOwner),
  };
}

export function frontMatterFindings(note: ParsedNote, diagnostics: readonly Diagnostic[]): PostMetaFinding[] {
  const blockEnd = note.frontMatter ? note.frontMatter.block.end : note.unterminatedFrontMatter ? note.unterminatedFrontMatter.end : -1;
  const root = note.frontMatter?.document.contents;
  const findings: PostMetaFinding[] = [];
  for (const diagnostic of diagnostics) {
    if (diagnostic.start > blockEnd) continue;
    findings.push({
      path: root ? pathAtSpan(root, diagnostic.start, diagnostic.end) : [],
      message: diagnostic.message,
      ruleId: diagnostic.ruleId,
      severity: diagnostic.severity,
      ...(diagnostic.contradiction ? { found: diagnostic.contradiction.found } : {}),
    });
  }
  return findings;
}

export function taskItems(note: ParsedNote): PostMetaTask[] {
  return note.taskItems.map((item) => ({ checked: item.checked, text: taskItemText(note, item) }));
}


type Ranged = { range?: [number, number, number] } | null | undefined;

function startOf(item: unknown): number {
  const node = isPair(item) ? (item.key as Ranged) : (item as Ranged);
  return node?.range?.[0] ?? -1;
}

function endOf(item: unknown): number {
  if (isPair(item)) return (item.value as Ranged)?.range?.[2] ?? (item.key as Ranged)?.range?.[2] ?? -1;
  return (item as Ranged)?.range?.[2] ?? -1;
}

/** The last item starting at or before `offset` that also holds `end`: items are in source order, so a binary search. */
function itemAt(items: readonly unknown[], offset: number, end: number): number {
  let low = 0;
  let high = items.length - 1;
  let found = -1;
  while (low <= high) {
    const middle = (low + high) >> 1;
    if (startOf(items[middle]) <= offset) {
      found = middle;
      low = middle + 1;
    } else {
      high = middle - 1;
    }
  }
  if (found < 0) return -1;
  const itemEnd = Math.max(endOf(items[found]), startOf(items[found]) + 1);
  return offset < itemEnd && end <= itemEnd ? found : -1;
}

/**
 * The path of the deepest map entry or list item whose range holds the span [offset, end): a finding on a
 * whole list item (RN015) stays on the item although it starts where the item's first key does.
 * Without recursion, at a cost of log(width) per level.
 */
export function pathAtSpan(root: unknown, offset: number, end = offset): (string | number)[] {
  const path: (string | number)[] = [];
  let node = root;
  for (;;) {
    if (isMap(node)) {
      const items = node.items as Pair[];
      const index = itemAt(items, offset, end);
      const pair = items[index];
      const key = pair ? keyName(pair.key) : undefined;
      if (!pair || key === undefined) return path;
      path.push(key);
      const keyRange = (pair.key as Ranged)?.range;
      if (keyRange && offset < keyRange[1] && end <= keyRange[1]) return path;
      node = pair.value;
    } else if (isSeq(node)) {
      const index = itemAt(node.items, offset, end);
      if (index < 0) return path;
      path.push(index);
      node = node.items[index];
    } else {
      return path;
    }
  }
}
