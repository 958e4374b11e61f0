/**
 * How much a note's rollback says, for the rules that weigh it (RN026, RN027): missing, empty, a
 * placeholder, a sentence that names nothing to do ("Revert if needed."), or enough.
 */
import { bodyContent } from '../bodyContent';
import { spanAt, type Span } from '../frontMatter';
import type { ParsedNote, Section } from '../parse';
import type { RuleContext } from './rule';
import { UnicodePattern } from '../unicodePattern';

export type RollbackState =
  | { state: 'missing' }
  | { state: 'empty' | 'placeholder'; span: Span }
  /** Every form of the rollback says nothing; `forms` lists them, the first written first. */
  | { state: 'vague'; span: Span; text: string; forms: { span: Span; text: string }[] }
  | { state: 'enough' };

/** A Markdown link, a reference link, a wiki link, an autolink or a bare URL. */
const LINK = /\[[^\]\r\n]*\]\([^)\s]+[^)]*\)|\[[^\]\r\n]+\]\[[^\]\r\n]*\]|\[\[[^\]\r\n]+\]\]|<(?:https?|mailto):[^>\s]+>|\bhttps?:\/\/\S+/i;
const LETTER_OR_DIGIT = new UnicodePattern(String.raw`[\p{L}\p{N}]`, 'u');
const WORD = new UnicodePattern(String.raw`[\p{L}\p{N}]+(?:['’.-][\p{L}\p{N}]+)*`, 'gu');

/**
 * Whether a rollback text names nothing to do: one sentence of at most `maxWords` words, with no
 * inline code, no link and no list. Anything more (a second sentence, a command, a step list, a
 * link to another note) is taken as saying something.
 */
export function saysNothing(text: string, maxWords: number): boolean {
  const trimmed = text.replace(/<!--[\s\S]*?-->/g, ' ').trim();
  if (trimmed === '' || trimmed.includes('`') || LINK.test(trimmed)) return false;
  if (/^[ \t]*(?:[-*+]|\d{1,9}[.)])[ \t]+\S/m.test(trimmed)) return false;
  const words = trimmed.match(WORD.for(trimmed))?.length ?? 0;
  if (words === 0 || words > maxWords) return false;
  const sentences = trimmed.split(/(?<=[.!?])\s+(?=\S)/).filter((part) => LETTER_OR_DIGIT.for(part).test(part));
  return sentences.length <= 1;
}

/** The blocks a section holds, its sub-sections included. */
function sectionContent(note: ParsedNote, section: Section): { span: Span; structured: boolean } | undefined {
  const first = note.blocks.findIndex((block) => block.type === 'heading' && block.span.start === section.span.start);
  if (first === -1) return undefined;
  let start = -1;
  let end = -1;
  let structured = false;
  for (let index = first + 1; index < note.blocks.length; index++) {
    const block = note.blocks[index];
    if (!block) break;
    if (block.type === 'heading' && (block.depth ?? 1) <= section.depth) break;
    if (!block.content && block.type !== 'heading') continue;
    // A sub-heading, a list or a code block is more than a sentence: steps, or a command.
    if (block.type === 'heading' || block.type === 'list' || block.type === 'code') structured = true;
    if (start === -1) start = block.span.start;
    end = block.span.end;
  }
  return start === -1 ? undefined : { span: { start, end }, structured };
}

/** Whether a span of the body holds code (a nested fence or an inline span). */
function holdsCode(note: ParsedNote, span: Span): boolean {
  return bodyContent(note).code.some((code) => code.span.start >= span.start && code.span.end <= span.end);
}

const remembered = new WeakMap<RuleContext<unknown>['fields'], { maxWords: number; state: RollbackState }>();

/** The note's rollback, judged once per lint (RN026 and RN027 both ask). */
export function rollbackState(context: RuleContext<unknown>, maxWords: number): RollbackState {
  const known = remembered.get(context.fields);
  if (known && known.maxWords === maxWords) return known.state;
  const state = judgeRollback(context, maxWords);
  remembered.set(context.fields, { maxWords, state });
  return state;
}

function judgeRollback(context: RuleContext<unknown>, maxWords: number): RollbackState {
  const state = context.fields.get('rollback');
  if (!state) return { state: 'missing' };
  const { note } = context;
  const vague: { span: Span; text: string }[] = [];
  for (const form of state.filled) {
    let span: Span | undefined;
    let text: string | undefined;
    if (form.kind === 'key') {
      const key = note.text.slice(form.span.start, form.span.end);
      const value = context.meta?.[key];
      // A list or a map of steps says more than a sentence.
      if (typeof value !== 'string') return { state: 'enough' };
      text = value;
      span = note.frontMatter ? spanAt(note.frontMatter, [key]) : form.span;
    } else if (form.kind === 'label') {
      const label = note.labels.find((candidate) => candidate.labelSpan.start === form.span.start);
      text = label?.value;
      span = label?.valueSpan ?? form.span;
    } else {
      const section = state.sections.find((candidate) => candidate.span.start === form.span.start);
      const content = section && sectionContent(note, section);
      if (!content || content.structured || holdsCode(note, content.span)) return { state: 'enough' };
      span = content.span;
      text = note.text.slice(content.span.start, content.span.end);
    }
    if (text === undefined || span === undefined || !saysNothing(text, maxWords)) return { state: 'enough' };
    vague.push({ span, text: text.trim() });
  }
  vague.sort((a, b) => a.span.start - b.span.start);
  const first = vague[0];
  if (first) return { state: 'vague', ...first, forms: vague };
  const placeholder = state.placeholder[0];
  if (placeholder) return { state: 'placeholder', span: placeholder.span };
  const empty = state.empty[0];
  if (empty) return { state: 'empty', span: empty.span };
  return { state: 'missing' };
}
