import { test } from 'vitest';
import { analyze } from '../../../src/rules/engine.js';
import { RepoSnapshot } from '../../../src/repo/snapshot.js';
import { typescriptRules } from '../../../src/rules/builtin/typescript/index.js';
test('print', async () => {
  const dir = process.env.DIR!;
  const t0 = performance.now();
  const a = await analyze(await RepoSnapshot.open(dir, { noGit: true }), { jobs: 1, rules: typescriptRules });
  console.log('ms', Math.round(performance.now() - t0), a.timings);
  for (const f of a.findings) console.log(`  ${f.ruleId} ${f.path}:${f.line} ${f.message.slice(0, 250)}`);
}, 600000);
