/**
 * The hover on a note's first line when several required fields are missing: one short list of them
 * and the quick fix that adds them all, above the findings' own messages.
 */
import * as vscode from 'vscode';
import { kindLabel, missingFieldFindings } from '../core';
import { toRange } from './convert';
import { escapeMarkdown } from './frontMatterProviders';
import type { NoteLinter } from './noteLinter';

export class MissingFieldsHover implements vscode.HoverProvider {
  constructor(private readonly linter: NoteLinter) {}

  async provideHover(document: vscode.TextDocument, position: vscode.Position): Promise<vscode.Hover | undefined> {
    const state = await this.linter.resultFor(document);
    if (!state?.result.isNote || state.version !== document.version) return undefined;
    const missing = missingFieldFindings(state.result.diagnostics).filter((diagnostic) => toRange(diagnostic.range).contains(position));
    if (missing.length < 2) return undefined;
    const titles = missing.map((diagnostic) => state.result.required.find((field) => field.name === diagnostic.missingField)?.title ?? (diagnostic.missingField as string));
    const kind = state.result.kind ? kindLabel(state.result.kind).toLowerCase() : 'note';
    const text = new vscode.MarkdownString();
    text.appendMarkdown(`**Missing in this ${escapeMarkdown(kind)}** (${missing.length}): ${escapeMarkdown(titles.join(', '))}`);
    text.appendMarkdown(`\n\nQuick Fix: *Add all ${missing.length} missing ${missing.some((diagnostic) => diagnostic.missingField === 'owner') ? 'fields' : 'sections'}*`);
    return new vscode.Hover(text, toRange((missing[0] as (typeof missing)[number]).range));
  }
}
