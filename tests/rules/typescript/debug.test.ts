import { test } from 'vitest';
import { analyze } from '../../../src/rules/engine.js';
import { RepoSnapshot } from '../../../src/repo/snapshot.js';
import { typescriptRules } from '../../../src/rules/builtin/typescript/index.js';
test('print', async () => {
  const rules = typescriptRules.filter((r) => !['build-error/ts-diagnostic', 'method-mismatch/ts-missing-property'].includes(r.id));
  for (const pkg of process.env.PKGS!.split(',')) {
    const dir = 'node_modules/' + pkg;
    const t0 = performance.now();
    const a = await analyze(await RepoSnapshot.open(dir, { noGit: true }), { jobs: 1, rules });
    let lines = 0; for (const m of a.models.values()) lines += m.lineCount;
    console.log(`## ${pkg} lines=${lines} files=${a.models.size} ms=${Math.round(performance.now() - t0)} findings=${a.findings.length}`);
    for (const f of a.findings) console.log(`  ${f.ruleId} ${pkg}/${f.path}:${f.line} ${f.message.slice(0, 200)}`);
    for (const s of a.skipped) if (s.reason !== 'binary') console.log('  skipped', JSON.stringify(s));
  }
}, 1200000);
