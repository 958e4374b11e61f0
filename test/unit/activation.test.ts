/**
 * What loading the extension costs: zod's module code is about 20 ms, so the bundle loads it on
 * the first validation, not at activation (src/core/zod.ts). These tests keep it that way.
 */
import { strict as assert } from 'node:assert';
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { frontMatterShape, KNOWN_KEYS, LIST_KEYS } from '../../src/core/metaSchema';
import { REPO } from './cliHelpers';

describe('activation cost', () => {
  it('loading the extension bundle leaves zod unloaded', function () {
    this.timeout(30_000);
    const bundle = path.join(REPO, 'dist/extension.js');
    assert.ok(existsSync(bundle), 'dist/extension.js is missing: run npm run build first');
    const output = execFileSync(process.execPath, [path.join(REPO, 'bench/loadExtension.mjs'), bundle], { encoding: 'utf8' });
    const loaded = JSON.parse(output) as { exports: string[]; zodLoaded: boolean };
    assert.deepEqual(loaded.exports.sort(), ['activate', 'deactivate']);
    assert.equal(loaded.zodLoaded, false);
  });

  it('KNOWN_KEYS, known before zod loads, are the front matter schema keys in order', () => {
    assert.deepEqual(Object.keys(frontMatterShape()), KNOWN_KEYS);
  });

  it('LIST_KEYS are the keys whose schema is a list of strings', () => {
    assert.deepEqual([...LIST_KEYS], ['stack', 'tools', 'checklist', 'notes', 'files_touched']);
  });
});
