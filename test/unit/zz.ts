import { readFileSync } from 'node:fs';
import { lintText, resolveConfig } from '../../src/core';
const config = resolveConfig([], '/repo');
for (const f of process.argv.slice(2)) {
  const t = readFileSync(f, 'utf8');
  console.log('== ' + f);
  for (const d of lintText(t, { path: '/repo/posts/x.md', config, now: new Date('2026-11-21T12:00:00Z') }).diagnostics) console.log(`<!-- expect ${d.ruleId} ${d.range.start.line+1}:${d.range.start.column+1}-${d.range.end.line+1}:${d.range.end.column+1} "${d.message.replace(/"/g,'')}" -->`);
}
