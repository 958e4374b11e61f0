/**
 * The skeletons (whole notes and sections) as completion items when a line starts with `rn-`.
 * Markdown has quick suggestions off by default, so the snippets file's entries show only on
 * Ctrl+Space; these come up as `rn-` is typed, with no setting to change. The trigger is the `-`:
 * VS Code ignores a trigger character typed at the end of a word (`n` of `rn`), leaving that to
 * quick suggestions. They answer only that trigger: on Ctrl+Space the snippets file answers, and
 * each skeleton stays one entry in the list.
 */
import * as vscode from 'vscode';
import { skeletonSnippet, SNIPPETS } from '../core';

export const SKELETON_TRIGGER_CHARACTERS = ['-'];

/** `rn-`, `rn-roll` alone on the line so far (indentation allowed). */
const TYPED = /^([ \t]*)(rn(?:-[\w-]*)?)$/i;

export class SkeletonCompletions implements vscode.CompletionItemProvider {
  provideCompletionItems(document: vscode.TextDocument, position: vscode.Position, _token: vscode.CancellationToken, context: vscode.CompletionContext): vscode.CompletionItem[] | undefined {
    if (context.triggerKind !== vscode.CompletionTriggerKind.TriggerCharacter) return undefined;
    const match = TYPED.exec(document.lineAt(position.line).text.slice(0, position.character));
    if (!match) return undefined;
    const range = new vscode.Range(position.line, (match[1] as string).length, position.line, position.character);
    return SNIPPETS.map((snippet, index) => {
      const item = new vscode.CompletionItem({ label: snippet.prefix, description: snippet.name }, vscode.CompletionItemKind.Snippet);
      item.insertText = new vscode.SnippetString(skeletonSnippet(snippet.skeleton));
      item.documentation = new vscode.MarkdownString().appendText(snippet.description);
      item.range = range;
      item.sortText = String(index).padStart(3, '0');
      return item;
    });
  }
}
