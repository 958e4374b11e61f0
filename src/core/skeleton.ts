/**
 * Skeletons: text a template or a quick fix inserts, written once and read two ways. As plain text
 * (`runbook-notes new`, the CLI, fix all) every placeholder is its default; as a VS Code snippet
 * (the editor's New Note commands, suggestion quick fixes, the snippets file) the placeholders are
 * tab stops, numbered in order of appearance, so the cursor lands on the first and Tab moves on.
 *
 * Snippet syntax: https://code.visualstudio.com/docs/editor/userdefinedsnippets#_snippet-syntax
 */

/** A snippet variable (`CURRENT_YEAR`); plain text needs its value given. */
export interface SkeletonVariable {
  variable: string;
}

/** A tab stop with a default; parts with the same `name` share one tab stop (the later ones mirror the first). */
export interface SkeletonPlaceholder {
  placeholder: string | readonly (string | SkeletonVariable)[];
  name?: string;
}

/** A tab stop that offers a choice; plain text takes the first. */
export interface SkeletonChoice {
  choice: readonly [string, ...string[]];
  name?: string;
}

export type SkeletonPart = string | SkeletonPlaceholder | SkeletonChoice;
export type Skeleton = readonly SkeletonPart[];

export const placeholder = (text: SkeletonPlaceholder['placeholder'], name?: string): SkeletonPlaceholder => ({ placeholder: text, name });
export const choice = (options: readonly [string, ...string[]], name?: string): SkeletonChoice => ({ choice: options, name });

function defaultOf(part: SkeletonPlaceholder, variables: Readonly<Record<string, string>>): string {
  if (typeof part.placeholder === 'string') return part.placeholder;
  return part.placeholder
    .map((piece) => {
      if (typeof piece === 'string') return piece;
      const value = variables[piece.variable];
      if (value === undefined) throw new Error(`skeleton: no value for the variable ${piece.variable}`);
      return value;
    })
    .join('');
}

/** The skeleton as plain text: each placeholder's default, each choice's first option. */
export function skeletonText(skeleton: Skeleton, variables: Readonly<Record<string, string>> = {}): string {
  return skeleton.map((part) => (typeof part === 'string' ? part : 'choice' in part ? part.choice[0] : defaultOf(part, variables))).join('');
}

/** `$` and `\` are snippet syntax, and `}` inside a placeholder: written as text they are escaped. */
export function escapeSnippetText(text: string, inPlaceholder = false): string {
  return text.replace(inPlaceholder ? /[\\$}]/g : /[\\$]/g, '\\$&');
}

function escapeChoice(option: string): string {
  return option.replace(/[\\,|$}]/g, '\\$&');
}

export interface SnippetOptions {
  /** End with `$0`, where the cursor goes after the last tab stop (default true). */
  final?: boolean;
  /** The first tab stop's number (default 1): a skeleton appended after others continues their numbering. */
  firstTabStop?: number;
}

/** The skeleton in VS Code snippet syntax. */
export function skeletonSnippet(skeleton: Skeleton, options: SnippetOptions = {}): string {
  const numbers = new Map<string, number>();
  let next = options.firstTabStop ?? 1;
  let out = '';
  for (const part of skeleton) {
    if (typeof part === 'string') {
      out += escapeSnippetText(part);
      continue;
    }
    const known = part.name === undefined ? undefined : numbers.get(part.name);
    if (known !== undefined) {
      out += `\${${known}}`;
      continue;
    }
    const index = next++;
    if (part.name !== undefined) numbers.set(part.name, index);
    if ('choice' in part) {
      out += `\${${index}|${part.choice.map(escapeChoice).join(',')}|}`;
    } else {
      const body = typeof part.placeholder === 'string' ? escapeSnippetText(part.placeholder, true) : part.placeholder.map((piece) => (typeof piece === 'string' ? escapeSnippetText(piece, true) : `\${${piece.variable}}`)).join('');
      out += `\${${index}:${body}}`;
    }
  }
  return options.final === false ? out : `${out}$0`;
}

/** Line ends written `\n` in the skeleton's text parts, as `eol`. */
export function skeletonWithEol(skeleton: Skeleton, eol: string): Skeleton {
  if (eol === '\n') return skeleton;
  return skeleton.map((part) => (typeof part === 'string' ? part.replace(/\r?\n/g, eol) : part));
}
