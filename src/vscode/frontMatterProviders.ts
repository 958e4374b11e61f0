/**
 * Completion and hovers in a note's front matter, from the schema the linter validates with and the
 * fields of the configuration. Top-level keys are kind-aware: the required fields the note lacks
 * first, then the kind's keys; post-meta keys only in posts.
 */
import * as vscode from 'vscode';
import { describeOwner, frontMatterPositionAt, keyCompletions, keyHelpMarkdown, keyHoverAt, keyInsertion, topLevelKeyCompletions, valueCompletions, type KeyCompletion, type KeyHelp, type ResolvedConfig } from '../core';
import type { NoteLinter } from './noteLinter';

/** Text shown as Markdown, as written: `appendText` would also turn its spaces into non-breaking ones, which stops hovers wrapping. */
export function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_{}[\]()#+\-.!|<>~]/g, '\\$&');
}

function documentation(help: KeyHelp): vscode.MarkdownString {
  return new vscode.MarkdownString(keyHelpMarkdown(help));
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
    const result = state?.result;
    const keys: KeyCompletion[] =
      where.path.length === 0
        ? topLevelKeyCompletions(state?.config, result?.kind, result?.required.filter((field) => !field.filled).map((field) => field.name) ?? [], isNote)
        : isNote
          ? keyCompletions(where.path).map((help) => ({ ...help, missing: false }))
          : [];
    return keys
      .filter((help) => !present.has(help.key))
      .map((help, index) => {
        const item = new vscode.CompletionItem(help.missing ? { label: help.key, description: 'missing' } : help.key, vscode.CompletionItemKind.Property);
        item.detail = help.missing ? `Required in this ${result?.kind ?? 'note'}, missing` : help.expected;
        item.documentation = documentation(help);
        item.insertText = new vscode.SnippetString(keyInsertion(help, valueCompletions([...where.path, help.key], state?.config, teamSchema), indent, true));
        item.range = range;
        item.filterText = help.key;
        // Missing required fields first, then the rest in the schema's order.
        item.sortText = `${help.missing ? 0 : 1}${String(index).padStart(3, '0')}`;
        item.preselect = help.missing && index === 0;
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
    const found = keyHoverAt(document.getText(), document.offsetAt(position), state.config, teamSchemaOf(state));
    if (!found) return undefined;
    const text = documentation(found.help);
    // On the owner key: who owns the note by the configured sources, and where that is written.
    if (found.help.key === 'owner' || found.help.key === 'owners') {
      const owners = state.result.owners;
      text.appendMarkdown(`\n\n${owners.length === 0 ? 'Owner: none found' : owners.map((owner) => `Owner: ${escapeMarkdown(describeOwner(owner))}`).join('  \n')}`);
    }
    return new vscode.Hover(text, new vscode.Range(document.positionAt(found.start), document.positionAt(found.end)));
  }
}
