/** Completion and hovers in a note's front matter, from the schema the linter validates with. */
import * as vscode from 'vscode';
import { frontMatterPositionAt, keyCompletions, keyHoverAt, valueCompletions, type KeyHelp, type ResolvedConfig } from '../core';
import type { NoteLinter } from './noteLinter';

/** Text shown as Markdown, as written: `appendText` would also turn its spaces into non-breaking ones, which stops hovers wrapping. */
function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_{}[\]()#+\-.!|<>~]/g, '\\$&');
}

function documentation(help: KeyHelp): vscode.MarkdownString {
  const text = new vscode.MarkdownString(`**${escapeMarkdown(help.key)}**: ${escapeMarkdown(help.description)}`);
  if (help.expected) text.appendMarkdown(`\n\nExpected: ${escapeMarkdown(help.expected)}`);
  return text;
}

/** What follows the key: a choice of its values, an indented list, a nested map, or a plain value. */
function insertion(help: KeyHelp, values: readonly string[], indent: string): vscode.SnippetString {
  const snippet = new vscode.SnippetString(`${help.key}:`);
  if (values.length > 0) return snippet.appendText(' ').appendChoice([...values]);
  if (help.shape === 'list') return snippet.appendText(`\n${indent}  - `).appendTabstop(0);
  if (help.shape === 'map') return snippet.appendText(`\n${indent}  `).appendTabstop(0);
  return snippet.appendText(' ').appendTabstop(0);
}

/** The team's JSON Schema for the note's kind (`"schema"` in the configuration), if it has one. */
function teamSchemaOf(state: { result: { kind?: string }; config: ResolvedConfig } | undefined): unknown {
  const kind = state?.result.kind;
  return kind ? state.config.kinds.find((candidate) => candidate.name === kind)?.schema?.schema : undefined;
}

export class FrontMatterCompletions implements vscode.CompletionItemProvider {
  constructor(private readonly linter: NoteLinter) {}

  async provideCompletionItems(document: vscode.TextDocument, position: vscode.Position): Promise<vscode.CompletionItem[]> {
    const offset = document.offsetAt(position);
    const where = frontMatterPositionAt(document.getText(), offset);
    if (!where) return [];
    const state = await this.linter.resultFor(document);
    // Other Markdown front matter (a blog's, a static site's) gets no keys of ours, except `kind`, which makes a note.
    const isNote = state?.result.isNote ?? false;
    const teamSchema = teamSchemaOf(state);
    const range = new vscode.Range(document.positionAt(where.start), document.positionAt(where.end));
    if (where.at === 'value') {
      if (!isNote && where.path.join('.') !== 'kind') return [];
      // Right after a typed `:` the value still needs its space.
      const space = document.getText().charAt(where.start - 1) === ':' ? ' ' : '';
      return valueCompletions(where.path, state?.config, teamSchema).map((value, index) => {
        const item = new vscode.CompletionItem(value, vscode.CompletionItemKind.EnumMember);
        item.insertText = space + value;
        item.filterText = space + value;
        item.range = range;
        item.sortText = String(index).padStart(3, '0');
        return item;
      });
    }
    const indent = document.lineAt(position.line).text.slice(0, document.positionAt(where.start).character).replace(/-/g, ' ');
    const present = new Set(where.siblings);
    return keyCompletions(where.path, teamSchema)
      .filter((help) => !present.has(help.key) && (isNote || (where.path.length === 0 && help.key === 'kind')))
      .map((help) => {
        const item = new vscode.CompletionItem(help.key, vscode.CompletionItemKind.Property);
        item.detail = help.expected;
        item.documentation = documentation(help);
        item.insertText = insertion(help, valueCompletions([...where.path, help.key], state?.config, teamSchema), indent);
        item.range = range;
        return item;
      });
  }
}

export class FrontMatterHovers implements vscode.HoverProvider {
  constructor(private readonly linter: NoteLinter) {}

  async provideHover(document: vscode.TextDocument, position: vscode.Position): Promise<vscode.Hover | undefined> {
    // Outside the front matter there is nothing to say: answer before waiting for the lint.
    if (!frontMatterPositionAt(document.getText(), document.offsetAt(position))) return undefined;
    const state = await this.linter.resultFor(document);
    if (!state?.result.isNote) return undefined;
    const found = keyHoverAt(document.getText(), document.offsetAt(position), teamSchemaOf(state));
    if (!found) return undefined;
    return new vscode.Hover(documentation(found.help), new vscode.Range(document.positionAt(found.start), document.positionAt(found.end)));
  }
}
