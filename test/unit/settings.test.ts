/** The `runbookNotes.*` settings reader shared by the extension and the language server. */
import { strict as assert } from 'node:assert';
import { lintText, resolveConfig, type ConfigLayer } from '../../src/core';
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
  it('reads the time zone for review dates, as the configuration file does: the date of today changes with it', () => {
    assert.equal(from({ timeZone: '' }).layer, undefined, "'' (the default) sets nothing");
    const settings = from({ timeZone: 'Pacific/Kiritimati' });
    assert.deepEqual(settings.layer, { config: { timeZone: 'Pacific/Kiritimati' }, base: '/work' });
    const config = resolveConfig([settings.layer as ConfigLayer], '/work');
    assert.equal(config.timeZone, 'Pacific/Kiritimati');
    // 2026-11-30 at 20:00 UTC is already 2026-12-01 at UTC+14: a review dated that day is not in the future there.
    const note = '---\nkind: post\nrevision: { last_reviewed: 2026-12-01 }\n---\n# A\n';
    const now = new Date('2026-11-30T20:00:00Z');
    const future = (layer: ConfigLayer) =>
      lintText(note, { path: '/work/posts/a.md', config: resolveConfig([layer], '/work'), now }).diagnostics.filter((diagnostic) => /in the future/.test(diagnostic.message)).length;
    assert.equal(future(settings.layer as ConfigLayer), 0);
    assert.equal(future(from({ timeZone: 'UTC' }).layer as ConfigLayer), 1, 'in UTC it is still 2026-11-30');
    const invalid = from({ timeZone: 'Mars/Olympus' });
    assert.equal(invalid.layer, undefined);
    assert.match(invalid.problems[0] as string, /^setting runbookNotes\.timeZone: expected an IANA time zone such as Europe\/Berlin or UTC; got 'Mars\/Olympus'/);
  });
  it('says why invalid rules, kinds or fields cannot be used, naming the setting', () => {
    const settings = from({ rules: { RN003: 'loud' } });
    assert.equal(settings.layer, undefined);
    assert.equal(settings.problems.length, 1);
    assert.match(settings.problems[0] as string, /^setting runbookNotes\.rules\.RN003: expected one of off, info, warning, error; got 'loud'/);
  });
});
