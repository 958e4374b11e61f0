/**
 * One notion of a web address: the front matter schema (RN011 on `image_sources[].url`) accepts exactly the
 * URLs the renderer links (src/core/url.ts). A scheme without `//host` is not a web address for either.
 */
import { strict as assert } from 'node:assert';
import { renderPostMeta } from '../../src/core';
import { frontMatterSchema } from '../../src/core/metaSchema';
import { httpUrl } from '../../src/core/url';

const NOW = new Date('2026-11-21T00:00:00Z');

const WEB = ['https://images.example.com/a.png', 'http://example.com/a.png', 'HTTPS://Example.com/A.png', 'http://localhost:8080/a.png?size=large#top', 'https://[::1]/a.png', 'http://user@example.com/a.png'];
const NOT_WEB = [
  'http:example.com/a.png',
  'https:/example.com/a.png',
  'http:\\\\example.com\\a.png',
  'https://',
  'http:///a.png',
  'images/a.png',
  '//example.com/a.png',
  'ftp://files.example.com/a.png',
  'javascript:alert(1)',
  'data:image/png;base64,AAAA',
  'https://exa mple.com/a.png',
  '',
];

function schemaAccepts(url: string): boolean {
  return frontMatterSchema().safeParse({ image_sources: [{ source: 's', url, caption: 'c' }] }).success;
}

function rendererLinks(url: string): boolean {
  return renderPostMeta({ data: { image_sources: [{ source: 's', url, caption: 'c' }] } }, { now: NOW }).includes('<a ');
}

describe('web addresses (src/core/url.ts)', () => {
  for (const url of WEB) {
    it(`${JSON.stringify(url)} is a web address for the schema and the renderer`, () => {
      assert.ok(httpUrl(url));
      assert.equal(schemaAccepts(url), true, 'schema');
      assert.equal(rendererLinks(url), true, 'renderer');
    });
  }
  for (const url of NOT_WEB) {
    it(`${JSON.stringify(url)} is not, for either`, () => {
      assert.equal(httpUrl(url), undefined);
      assert.equal(schemaAccepts(url), false, 'schema');
      assert.equal(rendererLinks(url), false, 'renderer');
    });
  }
});
