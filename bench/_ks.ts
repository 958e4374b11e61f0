import path from 'node:path';
import os from 'node:os';
import { mkdtempSync } from 'node:fs';
import { resolveConfig } from '../src/core';
import { writeCorpus } from './corpus';
import { measureKeystrokes } from './inProcess';
const root = mkdtempSync(path.join(os.tmpdir(), 'ks-'));
const corpus = writeCorpus(path.join(root, 'c'), { seed: 20261121, notes: 1, largeNoteBytes: [1024 * 1024], tableRows: 10 });
const config = resolveConfig([], corpus.root);
for (let i = 0; i < 3; i++) {
  const k = measureKeystrokes('1 MiB', corpus.largeNotes[0]!, config, 50, 20261121) as unknown as { medianMs: number; p95Ms: number };
  console.log(JSON.stringify(k).slice(0, 300));
}
