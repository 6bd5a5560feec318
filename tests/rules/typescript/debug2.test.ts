import { test } from 'vitest';
import { RepoSnapshot } from '../../../src/repo/snapshot.js';
import { typeCheck } from '../../../src/rules/builtin/typescript/program.js';
test('time', async () => {
  for (const d of ['samples/ts-orders', 'samples/ts-orders']) {
    const snapshot = await RepoSnapshot.open(d, { noGit: true });
    const t0 = performance.now();
    const r = await typeCheck({ snapshot, models: new Map(), shared: new Map() });
    console.log('T', Math.round(performance.now() - t0), r.stats);
  }
}, 1200000);
