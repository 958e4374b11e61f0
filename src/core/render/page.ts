/** A whole HTML document around a post-meta fragment, locked down by a Content Security Policy. */
import { escapeHtml } from './html';

export interface PostMetaPageOptions {
  /** A fresh random value per page, made by the caller with `crypto` (the core has no randomness of its own). */
  nonce: string;
  /** The webview's `cspSource` (styles and images served from the extension); omit for a standalone page. */
  cspSource?: string;
  /** The stylesheet: its text, inlined under the nonce (standalone page), or a URL under `cspSource` (webview). */
  styles: { css: string } | { href: string };
  /** Set for a standalone page: it defines the `--vscode-*` colours VS Code would otherwise provide. */
  theme?: 'light' | 'dark';
  title: string;
  /** Allow `https:` images; must match the `remoteImages` given to `renderPostMeta`. */
  remoteImages?: boolean;
}

const NONCE = /^[A-Za-z0-9+/_-]{16,}={0,2}$/;
/** One or more CSP sources separated by spaces: VS Code's webview `cspSource` is `'self' https://*.vscode-cdn.net`. */
const CSP_SOURCE = /^[^\s;,"<>]+(?: [^\s;,"<>]+)*$/;

/** The Content Security Policy of the page: nothing runs or loads but the nonce's styles and scripts, and images only where allowed. */
export function postMetaCsp(options: Pick<PostMetaPageOptions, 'nonce' | 'cspSource' | 'remoteImages'>): string {
  const source = options.cspSource ? `${options.cspSource} ` : '';
  const images = [options.cspSource, options.remoteImages ? 'https:' : undefined].filter(Boolean).join(' ');
  return [
    "default-src 'none'",
    `style-src ${source}'nonce-${options.nonce}'`,
    images ? `img-src ${images}` : undefined,
    `script-src 'nonce-${options.nonce}'`,
    "base-uri 'none'",
    "form-action 'none'",
  ]
    .filter(Boolean)
    .join('; ');
}

export function renderPostMetaPage(fragment: string, options: PostMetaPageOptions): string {
  // Both land in the policy: a value that could end a directive or an attribute is a caller's bug, refused loudly.
  if (!NONCE.test(options.nonce)) throw new Error('renderPostMetaPage: the nonce must be at least 16 base64 characters, made with crypto');
  if (options.cspSource !== undefined && !CSP_SOURCE.test(options.cspSource)) throw new Error(`renderPostMetaPage: invalid cspSource '${options.cspSource}'`);
  const nonce = escapeHtml(options.nonce);
  const styles =
    'css' in options.styles
      ? // `</style` inside the CSS would end the element early; CSS never needs it, so it is broken up.
        `<style nonce="${nonce}">${options.styles.css.replace(/<\/(style)/gi, '<\\/$1')}</style>`
      : `<link rel="stylesheet" nonce="${nonce}" href="${escapeHtml(options.styles.href)}">`;
  const rootClass = options.theme ? ` class="rn-standalone rn-theme-${options.theme}"` : '';
  const bodyClass = options.theme ? ` class="vscode-${options.theme}"` : '';
  return [
    '<!DOCTYPE html>',
    `<html lang="en"${rootClass}>`,
    '<head>',
    '<meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="${escapeHtml(postMetaCsp(options))}">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    '<meta name="referrer" content="no-referrer">',
    `<title>${escapeHtml(options.title)}</title>`,
    styles,
    '</head>',
    `<body${bodyClass}>`,
    fragment,
    '</body>',
    '</html>',
    '',
  ].join('\n');
}
