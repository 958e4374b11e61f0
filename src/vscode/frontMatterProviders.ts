/** Completion and hovers in a note's front matter, from the schema the linter validates with. */
import * as vscode from 'vscode';
import { frontMatterPositionAt, keyCompletions, keyHelpMarkdown, keyHoverAt, keyInsertion, valueCompletions, type KeyHelp } from '../core';
import type { NoteLinter } from './noteLinter';

function documentation(help: KeyHelp): vscode.MarkdownString {
  return new vscode.MarkdownString(keyHelpMarkdown(help));
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
    const range = new vscode.Range(document.positionAt(where.start), document.positionAt(where.end));
    if (where.at === 'value') {
      if (!isNote && where.path.join('.') !== 'kind') return [];
      // Right after a typed `:` the value still needs its space.
      const space = document.getText().charAt(where.start - 1) === ':' ? ' ' : '';
      return valueCompletions(where.path, state?.config).map((value, index) => {
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
    return keyCompletions(where.path)
      .filter((help) => !present.has(help.key) && (isNote || (where.path.length === 0 && help.key === 'kind')))
      .map((help) => {
        const item = new vscode.CompletionItem(help.key, vscode.CompletionItemKind.Property);
        item.detail = help.expected;
        item.documentation = documentation(help);
        item.insertText = new vscode.SnippetString(keyInsertion(help, valueCompletions([...where.path, help.key], state?.config), indent, true));
        item.range = range;
        return item;
      });
  }
}

export class FrontMatterHovers implements vscode.HoverProvider {
  constructor(private readonly linter: NoteLinter) {}

  async provideHover(document: vscode.TextDocument, position: vscode.Position): Promise<vscode.Hover | undefined> {
    const found = keyHoverAt(document.getText(), document.offsetAt(position));
    if (!found) return undefined;
    const state = await this.linter.resultFor(document);
    if (!state?.result.isNote) return undefined;
    return new vscode.Hover(documentation(found.help), new vscode.Range(document.positionAt(found.start), document.positionAt(found.end)));
  }
}
