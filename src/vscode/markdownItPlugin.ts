/**
 * The post-meta box at the top of VS Code's own Markdown preview (`markdown.markdownItPlugins`):
 * the same renderer and styles as the panel, compact (a summary line in a `<details>`). The built-in preview's policy already forbids
 * scripts; the box holds none, and every value in it is escaped by the renderer.
 */
import type * as vscode from 'vscode';
import { lintText, postMetaInput, renderPostMeta, type NoteOwnership, type ResolvedConfig } from '../core';

interface MarkdownItToken {
  content: string;
  block: boolean;
}

interface MarkdownItState {
  src: string;
  env?: { currentDocument?: vscode.Uri };
  tokens: MarkdownItToken[];
  Token: new (type: string, tag: string, nesting: number) => MarkdownItToken;
}

interface MarkdownIt {
  core: { ruler: { push(name: string, rule: (state: MarkdownItState) => void): void } };
}

export interface MarkdownPreviewHost {
  enabled(uri: vscode.Uri | undefined): boolean;
  /** Show the whole box, not only its summary line, when the preview opens (`runbookNotes.preview.markdownPreviewOpen`). */
  open(uri: vscode.Uri | undefined): boolean;
  remoteImages(uri: vscode.Uri | undefined): boolean;
  /** The configuration last resolved for the document (the preview renders synchronously). */
  config(uri: vscode.Uri | undefined): ResolvedConfig;
  /** What the ownership files said at the document's last lint, so the box names the same owner as the editor. */
  ownership?(uri: vscode.Uri | undefined): NoteOwnership | undefined;
  log(message: string, error: unknown): void;
}

export function extendMarkdownIt<T>(md: T, host: MarkdownPreviewHost): T {
  (md as unknown as MarkdownIt).core.ruler.push('runbook_notes_post_meta', (state) => {
    const uri = state.env?.currentDocument;
    if (!host.enabled(uri) || !/^(?:\uFEFF)?---[ \t]*\r?\n/.test(state.src)) return;
    try {
      const result = lintText(state.src, { path: uri?.path ?? '/untitled.md', config: host.config(uri), ownership: host.ownership?.(uri) });
      // Only notes get the box: a blog's or a static site's front matter is left as the preview shows it.
      if (!result.isNote) return;
      // Above the article the box is one summary line that opens to the whole box: the panel shows it whole.
      const html = renderPostMeta(postMetaInput(state.src, result), { now: new Date(), remoteImages: host.remoteImages(uri), compact: { open: host.open(uri) } });
      const token = new state.Token('html_block', '', 0);
      token.content = `<div class="runbook-notes-post-meta">${html}</div>\n`;
      token.block = true;
      state.tokens.unshift(token);
    } catch (error) {
      host.log('Rendering the post-meta box in the Markdown preview failed', error);
    }
  });
  return md;
}
