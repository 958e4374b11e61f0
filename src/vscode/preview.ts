/**
 * The post-meta box beside the editor: one webview panel that follows the active note or stays
 * locked to one, updates after each lint, survives a window reload, and reveals a clicked key.
 */
import * as vscode from 'vscode';
import { locate, parseFrontMatterOnly, postMetaInput, renderPostMeta, renderPostMetaPage } from '../core';
import type { Log } from './log';
import { NoteLinter } from './noteLinter';
import { SECTION } from './settings';

export const PREVIEW_VIEW_TYPE = 'runbookNotes.postMetaPreview';
/** A `when` context: true while the preview panel exists (for the lock command). */
export const PREVIEW_OPEN_CONTEXT = 'runbookNotes.previewOpen';

interface PanelState {
  uri?: string;
  locked?: boolean;
}

/** A message from the webview, after checking its shape: anything else is ignored and logged. */
type WebviewMessage = { type: 'ready' } | { type: 'reveal'; key: string };

function parseMessage(message: unknown): WebviewMessage | undefined {
  if (!message || typeof message !== 'object') return undefined;
  const { type, key } = message as { type?: unknown; key?: unknown };
  if (type === 'ready') return { type };
  if (type === 'reveal' && typeof key === 'string' && key.length > 0 && key.length <= 2000) return { type, key };
  return undefined;
}

/** `image_sources.1.url` → `['image_sources', 1, 'url']`. */
export function keyPath(key: string): (string | number)[] {
  return key.split('.').map((segment) => (/^\d+$/.test(segment) ? Number(segment) : segment));
}

/**
 * A fresh nonce for the page's policy: 18 random bytes from the Web Crypto API, in base64 (24
 * characters). Web Crypto is the one source both extension hosts have: Node's (desktop) and the
 * browser worker's (VS Code for the Web), where `node:crypto` does not exist.
 */
export function newNonce(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(18));
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary);
}

export function remoteImagesAllowed(uri: vscode.Uri): boolean {
  return vscode.workspace.getConfiguration(SECTION, uri).get<boolean>('preview.remoteImages', false);
}

export class PostMetaPreview implements vscode.Disposable {
  private panel: vscode.WebviewPanel | undefined;
  private document: vscode.TextDocument | undefined;
  private locked = false;
  private lastRendered: { uri: string; version: number; html: string } | undefined;
  private readonly subscriptions: vscode.Disposable[] = [];
  private readonly panelSubscriptions: vscode.Disposable[] = [];

  constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly linter: NoteLinter,
    private readonly log: Log,
  ) {
    this.subscriptions.push(
      vscode.window.registerWebviewPanelSerializer(PREVIEW_VIEW_TYPE, {
        deserializeWebviewPanel: async (panel, state: unknown) => {
          const saved = (state && typeof state === 'object' ? state : {}) as PanelState;
          const uri = typeof saved.uri === 'string' ? vscode.Uri.parse(saved.uri) : vscode.window.activeTextEditor?.document.uri;
          const document = uri ? await vscode.workspace.openTextDocument(uri).then(undefined, () => undefined) : undefined;
          this.adopt(panel, document, saved.locked === true);
        },
      }),
      vscode.window.onDidChangeActiveTextEditor((editor) => {
        if (this.panel && !this.locked && editor && NoteLinter.isCandidate(editor.document)) void this.show(editor.document);
      }),
      linter.onDidLint((uri) => {
        if (this.panel && this.document?.uri.toString() === uri.toString()) void this.update();
      }),
      vscode.workspace.onDidCloseTextDocument((document) => {
        // A locked note stays shown from its last rendering; an unlocked panel moves on with the editor.
        if (document === this.document && !this.locked) this.document = undefined;
      }),
      vscode.workspace.onDidChangeConfiguration((event) => {
        if (event.affectsConfiguration(`${SECTION}.preview`) && this.panel && this.document) this.reload();
      }),
    );
  }

  get isOpen(): boolean {
    return this.panel !== undefined;
  }

  /** Opens the preview beside the editor for `document` (the active note when none is given). */
  async open(document = vscode.window.activeTextEditor?.document, locked = false): Promise<void> {
    if (!document) {
      void vscode.window.showInformationMessage('Runbook Notes: open a note to preview its post-meta box.');
      return;
    }
    if (!this.panel) {
      const column = vscode.window.activeTextEditor ? vscode.ViewColumn.Beside : vscode.ViewColumn.Active;
      const panel = vscode.window.createWebviewPanel(PREVIEW_VIEW_TYPE, 'Post-meta preview', { viewColumn: column, preserveFocus: true }, this.webviewOptions());
      this.adopt(panel, document, locked);
    } else {
      this.locked = locked || this.locked;
      this.panel.reveal(undefined, true);
      await this.show(document);
    }
  }

  toggleLock(): void {
    if (!this.panel) return;
    this.locked = !this.locked;
    this.setTitle();
    void this.update(true);
    if (!this.locked) {
      const active = vscode.window.activeTextEditor?.document;
      if (active && NoteLinter.isCandidate(active)) void this.show(active);
    }
  }

  private webviewOptions(): vscode.WebviewPanelOptions & vscode.WebviewOptions {
    return {
      enableScripts: true,
      enableFindWidget: true,
      localResourceRoots: [vscode.Uri.joinPath(this.extensionUri, 'media')],
    };
  }

  private adopt(panel: vscode.WebviewPanel, document: vscode.TextDocument | undefined, locked: boolean): void {
    this.panel = panel;
    this.document = document;
    this.locked = locked;
    panel.webview.options = this.webviewOptions();
    panel.iconPath = vscode.Uri.joinPath(this.extensionUri, 'images', 'icon.png');
    this.panelSubscriptions.push(
      panel.onDidDispose(() => {
        this.panel = undefined;
        this.lastRendered = undefined;
        this.panelSubscriptions.splice(0).forEach((subscription) => subscription.dispose());
        void vscode.commands.executeCommand('setContext', PREVIEW_OPEN_CONTEXT, false);
      }),
      panel.webview.onDidReceiveMessage((message: unknown) => this.receive(message)),
    );
    void vscode.commands.executeCommand('setContext', PREVIEW_OPEN_CONTEXT, true);
    this.reload();
  }

  private async show(document: vscode.TextDocument): Promise<void> {
    if (this.document === document) return;
    this.document = document;
    await this.update();
  }

  /** Writes the whole page again (a new nonce); later renders only swap the box's HTML, keeping the scroll position. */
  private reload(): void {
    const panel = this.panel;
    if (!panel) return;
    const webview = panel.webview;
    const nonce = newNonce();
    const script = webview.asWebviewUri(vscode.Uri.joinPath(this.extensionUri, 'media', 'preview.js'));
    const remoteImages = this.document ? remoteImagesAllowed(this.document.uri) : false;
    this.lastRendered = undefined;
    webview.html = renderPostMetaPage(`<main id="pm-root" class="pm-root"></main>\n<script nonce="${nonce}" src="${script.toString()}"></script>`, {
      nonce,
      cspSource: webview.cspSource,
      styles: { href: webview.asWebviewUri(vscode.Uri.joinPath(this.extensionUri, 'media', 'postMeta.css')).toString() },
      title: 'Post-meta preview',
      remoteImages,
    });
    this.setTitle();
  }

  private setTitle(): void {
    if (!this.panel) return;
    const name = this.document ? this.document.uri.path.split('/').pop() : undefined;
    this.panel.title = `${this.locked ? '[Locked] ' : ''}Post-meta${name ? `: ${name}` : ''}`;
  }

  /** Renders the current note's box for its latest lint and sends it; an older version than the one shown is dropped. */
  private async update(force = false): Promise<void> {
    const panel = this.panel;
    const document = this.document;
    if (!panel || !document) return;
    this.setTitle();
    const state = await this.linter.resultFor(document);
    // The panel may have closed, or moved to another note, while the lint ran.
    if (this.panel !== panel || this.document !== document || !state || state.version !== document.version) return;
    const uri = document.uri.toString();
    if (!force && this.lastRendered?.uri === uri && this.lastRendered.version === state.version) return;
    let html: string;
    try {
      html = renderPostMeta(postMetaInput(document.getText(), state.result), { now: new Date(), remoteImages: remoteImagesAllowed(document.uri) });
    } catch (error) {
      this.log.error(`Rendering the post-meta box of ${document.uri.toString(true)} failed`, error);
      return;
    }
    this.lastRendered = { uri, version: state.version, html };
    void panel.webview.postMessage({ type: 'update', html, uri, locked: this.locked, title: panel.title });
  }

  private receive(raw: unknown): void {
    const message = parseMessage(raw);
    if (!message) {
      this.log.info(`Ignored an unexpected message from the post-meta preview: ${JSON.stringify(raw)?.slice(0, 200)}`);
      return;
    }
    if (message.type === 'ready') void this.update(true);
    else void this.reveal(message.key);
  }

  /** Shows the clicked key in the editor, selecting it. */
  private async reveal(key: string): Promise<void> {
    const document = this.document;
    if (!document) return;
    // Only the front matter is needed: the body is not parsed again for a click.
    const frontMatter = parseFrontMatterOnly(document.getText()).frontMatter;
    if (!frontMatter) return;
    const found = locate(frontMatter, keyPath(key));
    const span = found.key ?? found.value;
    if (!span) return;
    const shown = vscode.window.visibleTextEditors.find((candidate) => candidate.document === document);
    const editor = await vscode.window.showTextDocument(document, { viewColumn: shown?.viewColumn ?? vscode.ViewColumn.One, preserveFocus: false });
    const range = new vscode.Range(document.positionAt(span.start), document.positionAt(span.end));
    editor.selection = new vscode.Selection(range.start, range.end);
    editor.revealRange(range, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
  }

  dispose(): void {
    this.panel?.dispose();
    this.subscriptions.forEach((subscription) => subscription.dispose());
  }
}
