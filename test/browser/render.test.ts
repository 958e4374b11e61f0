/**
 * The post-meta page in a real browser (Debian Chromium, driven by playwright-core): pages written by the built CLI
 * and by the renderer are opened from file:// URLs, so their Content Security Policy <meta> applies as it would in
 * a webview. Hostile values must not run script (`window.__pwned` stays unset) nor trip the policy; the example
 * posts must show their lists and bars; screenshots of the example go to out/screenshots/.
 *
 * Run with `npm run test:browser` (it builds first: the CLI pages come from dist/cli.js).
 */
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { CHROMIUM_ARGS, CHROMIUM_EXECUTABLE } from '../chromium';
import { parse } from 'yaml';
import { renderPostMeta, renderPostMetaPage } from '../../src/core';
import { bigData, HOSTILE_DATA, HOSTILE_TEXTS, noteWithFrontMatter, NOW, POST_META_CSS, POSTS, REPO } from '../unit/renderFixtures';

const SCREENSHOTS = path.join(REPO, 'out/screenshots');
const CLI = path.join(REPO, 'dist/cli.js');
const EXAMPLE = 'staging-close-to-production.md';
// A 1×1 PNG, served in place of remote images: the tests never reach the network.
const PIXEL = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkaPhfDwAE/gH+qj5RxQAAAABJRU5ErkJggg==', 'base64');

interface OpenPage {
  page: Page;
  /** `securitypolicyviolation` events: directive and blocked URI. */
  violations(): Promise<string[]>;
  /** Console messages and page errors. */
  messages: string[];
  /** Requests for anything but the page itself. */
  requests: string[];
  pwned(): Promise<unknown>;
}

describe('post-meta page in Chromium', function () {
  let browser: Browser;
  let folder: string;

  before(async function () {
    folder = mkdtempSync(path.join(os.tmpdir(), 'runbook-notes-browser-'));
    mkdirSync(SCREENSHOTS, { recursive: true });
    browser = await chromium.launch({ executablePath: CHROMIUM_EXECUTABLE, args: CHROMIUM_ARGS });
  });

  after(async () => {
    await browser?.close();
    rmSync(folder, { recursive: true, force: true });
  });

  /** Renders a note with the built CLI into the temporary folder; returns the page's path. */
  function renderWithCli(noteText: string, name: string, args: string[] = []): string {
    const note = path.join(folder, 'posts', `${name}.md`);
    mkdirSync(path.dirname(note), { recursive: true });
    writeFileSync(note, noteText);
    const out = path.join(folder, `${name}${args.join('')}.html`);
    const result = spawnSync(process.execPath, [CLI, 'render', note, '-o', out, ...args], { encoding: 'utf8' });
    assert.equal(result.status, 0, result.stderr);
    return out;
  }

  function writePage(html: string, name: string): string {
    const file = path.join(folder, `${name}.html`);
    writeFileSync(file, html);
    return file;
  }

  async function open(file: string, options: { width?: number; images?: boolean } = {}): Promise<OpenPage> {
    const page = await browser.newPage({ viewport: { width: options.width ?? 900, height: 700 } });
    const messages: string[] = [];
    const requests: string[] = [];
    page.on('console', (message) => messages.push(`${message.type()}: ${message.text()}`));
    page.on('pageerror', (error) => messages.push(`pageerror: ${error.message}`));
    await page.addInitScript(
      // Runs before the page's own content, outside its policy: it only listens.
      'window.__violations = []; addEventListener("securitypolicyviolation", (event) => window.__violations.push(event.violatedDirective + " " + event.blockedURI), true);',
    );
    const own = pathToFileURL(file).href;
    await page.route('**/*', async (route) => {
      const url = route.request().url();
      if (url === own) return route.continue();
      requests.push(url);
      if (options.images && url.startsWith('https://')) return route.fulfill({ status: 200, contentType: 'image/png', body: PIXEL });
      return route.abort();
    });
    await page.goto(own, { waitUntil: 'load' });
    // Give event handlers (onerror, onload) a moment: they would fire after load.
    await page.waitForTimeout(150);
    return {
      page,
      messages,
      requests,
      violations: () => page.evaluate('window.__violations') as Promise<string[]>,
      pwned: () => page.evaluate('window.__pwned'),
    };
  }

  const count = (page: Page, selector: string) => page.evaluate(`document.querySelectorAll(${JSON.stringify(selector)}).length`) as Promise<number>;

  it('applies the policy to a file:// page (control: an inline script and a style attribute are refused)', async () => {
    const page = renderPostMetaPage('<p style="color:red">x</p><script>window.__pwned = "control"</script>', {
      nonce: 'ControlNonce0123456789==',
      styles: { css: POST_META_CSS },
      theme: 'light',
      title: 'control',
    });
    const opened = await open(writePage(page, 'control'));
    try {
      assert.equal(await opened.pwned(), undefined);
      const violations = await opened.violations();
      assert.ok(violations.some((violation) => violation.startsWith('script-src')), violations.join('\n'));
      assert.ok(violations.some((violation) => violation.startsWith('style-src')), violations.join('\n'));
    } finally {
      await opened.page.close();
    }
  });

  for (const name of ['documenting-production-defaults.md', EXAMPLE]) {
    it(`shows ${name} with its lists and bars, nothing blocked and nothing requested`, async () => {
      const text = readFileSync(path.join(POSTS, name), 'utf8');
      const data = parse(/^---\n([\s\S]*?)\n---/.exec(text)?.[1] ?? '') as Record<string, unknown>;
      const opened = await open(renderWithCli(text, path.basename(name, '.md')));
      try {
        assert.deepEqual(await opened.violations(), []);
        assert.deepEqual(opened.messages, []);
        assert.deepEqual(opened.requests, []);
        assert.equal(await count(opened.page, '[data-key="score"] meter'), 4);
        for (const [key, value] of Object.entries(data)) {
          if (!Array.isArray(value)) continue;
          const items = await opened.page.evaluate(
            `[...document.querySelectorAll('[data-key="${key}"] li')].filter((li) => /^${key}\\.\\d+$/.test(li.dataset.key)).length`,
          );
          assert.equal(items, value.length, key);
        }
        // The meters are drawn: the bar's width follows the value.
        const widths = (await opened.page.evaluate(
          '[...document.querySelectorAll("meter")].map((meter) => meter.getBoundingClientRect().width)',
        )) as number[];
        assert.ok(widths.every((width) => width > 30), widths.join());
      } finally {
        await opened.page.close();
      }
    });
  }

  for (const theme of ['light', 'dark'] as const) {
    it(`takes a ${theme} screenshot of ${EXAMPLE}`, async () => {
      const opened = await open(renderWithCli(readFileSync(path.join(POSTS, EXAMPLE), 'utf8'), `screenshot-${theme}`, ['--theme', theme]), { width: 880 });
      try {
        const background = await opened.page.evaluate('getComputedStyle(document.body).backgroundColor');
        assert.equal(background, theme === 'dark' ? 'rgb(31, 31, 31)' : 'rgb(243, 243, 243)');
        await opened.page.screenshot({ path: path.join(SCREENSHOTS, `post-meta-${theme}.png`), fullPage: true });
        assert.deepEqual(await opened.violations(), []);
      } finally {
        await opened.page.close();
      }
    });
  }

  it('fits a narrow panel without horizontal scrolling', async () => {
    const opened = await open(renderWithCli(readFileSync(path.join(POSTS, EXAMPLE), 'utf8'), 'narrow'), { width: 320 });
    try {
      const overflow = await opened.page.evaluate('document.documentElement.scrollWidth - document.documentElement.clientWidth');
      assert.equal(overflow, 0);
      await opened.page.screenshot({ path: path.join(SCREENSHOTS, 'post-meta-narrow.png'), fullPage: true });
    } finally {
      await opened.page.close();
    }
  });

  it('loads https images only with --remote-images, under the policy', async () => {
    const text = readFileSync(path.join(POSTS, EXAMPLE), 'utf8');
    const opened = await open(renderWithCli(text, 'images', ['--remote-images']), { images: true });
    try {
      assert.equal(opened.requests.length, 3, opened.requests.join('\n'));
      assert.ok(opened.requests.every((url) => url.startsWith('https://images.unsplash.com/')));
      assert.equal(await opened.page.evaluate('[...document.images].filter((image) => image.complete && image.naturalWidth === 1).length'), 3);
      assert.deepEqual(await opened.violations(), []);
    } finally {
      await opened.page.close();
    }
  });

  it('runs no script from hostile values and shows them as text (page from the CLI)', async () => {
    const opened = await open(renderWithCli(noteWithFrontMatter(HOSTILE_DATA), 'hostile'));
    try {
      assert.equal(await opened.pwned(), undefined);
      assert.deepEqual(await opened.violations(), [], 'nothing even tried to run or load');
      assert.deepEqual(opened.requests, []);
      assert.deepEqual(opened.messages, []);
      assert.equal(await count(opened.page, 'script, iframe, img, svg, style:not(head > style), textarea'), 0);
      const hrefs = (await opened.page.evaluate('[...document.querySelectorAll("[href]")].map((element) => element.getAttribute("href"))')) as string[];
      assert.ok(hrefs.length > 0 && hrefs.every((href) => /^https?:\/\//.test(href)), hrefs.join('\n'));
      const handlers = await opened.page.evaluate('[...document.querySelectorAll("*")].flatMap((element) => [...element.attributes].filter((a) => /^on/i.test(a.name)).map((a) => a.name))');
      assert.deepEqual(handlers, []);
      const text = (await opened.page.evaluate('document.body.textContent')) as string;
      for (const value of HOSTILE_TEXTS) assert.ok(text.includes(value), value);
      const keys = (await opened.page.evaluate('[...document.querySelectorAll(".pm-row")].map((row) => row.dataset.key)')) as string[];
      for (const key of Object.keys(HOSTILE_DATA)) assert.ok(keys.includes(key), key);
    } finally {
      await opened.page.close();
    }
  });

  it('runs no script from hostile values even without the policy: the escaping holds on its own', async () => {
    const fragment = renderPostMeta({ data: HOSTILE_DATA }, { now: NOW });
    const opened = await open(writePage(`<!DOCTYPE html><html><head><meta charset="utf-8"></head><body>${fragment}</body></html>`, 'hostile-no-policy'));
    try {
      assert.equal(await opened.pwned(), undefined);
      assert.deepEqual(opened.requests, []);
      assert.equal(await count(opened.page, 'script, iframe, img, svg, style, textarea'), 0);
      // Hovering and clicking every element fires nothing either.
      await opened.page.evaluate('for (const element of document.querySelectorAll("body *")) { element.dispatchEvent(new MouseEvent("mouseover", { bubbles: true })); }');
      assert.equal(await opened.pwned(), undefined);
    } finally {
      await opened.page.close();
    }
  });

  it('handles a 10,000-item list and a deeply nested map from a note (page from the CLI)', async () => {
    const started = Date.now();
    const data = bigData(10_000, 60);
    const opened = await open(renderWithCli(noteWithFrontMatter(data), 'big'));
    try {
      assert.equal(await opened.pwned(), undefined);
      assert.deepEqual(await opened.violations(), []);
      assert.equal(await count(opened.page, '[data-key="stack"] > dd > ul > li'), 1000);
      assert.equal(await count(opened.page, '[data-key="checklist"] li'), 1000);
      const text = (await opened.page.evaluate('document.body.textContent')) as string;
      assert.match(text, /… and 9,000 more/);
      assert.match(text, /… nested deeper than 12 levels/);
      assert.ok(Date.now() - started < 20_000, `${Date.now() - started} ms`);
    } finally {
      await opened.page.close();
    }
  });

  it('handles a map nested 100,000 levels deep (page from the renderer)', async () => {
    const fragment = renderPostMeta({ data: bigData(10_000, 100_000) }, { now: NOW });
    const page = renderPostMetaPage(fragment, { nonce: 'DeepNonce0123456789abc==', styles: { css: POST_META_CSS }, theme: 'dark', title: 'deep' });
    const opened = await open(writePage(page, 'deep'));
    try {
      assert.equal(await opened.pwned(), undefined);
      assert.deepEqual(await opened.violations(), []);
      assert.equal(await count(opened.page, '.pm-truncated'), 1);
      assert.equal(await count(opened.page, '[data-key="stack"] li'), 1000);
    } finally {
      await opened.page.close();
    }
  });
});
