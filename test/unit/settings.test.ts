/** The `runbookNotes.*` settings reader shared by the extension and the language server. */
import { strict as assert } from 'node:assert';
import { settingsFrom } from '../../src/core/settings';

const from = (values: Record<string, unknown>) => settingsFrom((key) => values[key], '/work');

describe('settings', () => {
  it('gives the manifest defaults when nothing is set', () => {
    assert.deepEqual(from({}), { enable: true, run: 'onType', delayMs: 250, maxSizeBytes: 5 * 1024 * 1024, layer: undefined, problems: [] });
  });
  it('reads every key, clamping the delay to 0–10,000 ms', () => {
    const settings = from({ enable: false, 'lint.run': 'onSave', 'lint.delayMs': 20_000, 'lint.maxSizeMB': 0.5, rules: { RN003: 'error' } });
    assert.equal(settings.enable, false);
    assert.equal(settings.run, 'onSave');
    assert.equal(settings.delayMs, 10_000);
    assert.equal(settings.maxSizeBytes, 0.5 * 1024 * 1024);
    assert.deepEqual(settings.layer, { config: { rules: { RN003: 'error' } }, base: '/work' });
    assert.equal(from({ 'lint.delayMs': -5 }).delayMs, 0);
  });
  it('falls back to the default for values of the wrong type, as a client may send', () => {
    const settings = from({ enable: 'no', 'lint.run': 42, 'lint.delayMs': '100', 'lint.maxSizeMB': -1, rules: null, kinds: {} });
    assert.deepEqual(settings, { enable: true, run: 'onType', delayMs: 250, maxSizeBytes: 5 * 1024 * 1024, layer: undefined, problems: [] });
  });
  it('says why invalid rules, kinds or fields cannot be used, naming the setting', () => {
    const settings = from({ rules: { RN003: 'loud' } });
    assert.equal(settings.layer, undefined);
    assert.equal(settings.problems.length, 1);
    assert.match(settings.problems[0] as string, /^setting runbookNotes\.rules\.RN003: expected one of off, info, warning, error; got 'loud'/);
  });
});
