/**
 * Runs every Go rule over Go's standard library (BENCH=1; needs GOROOT).
 * Writes the findings and timings to $BENCH_OUT (default
 * /tmp/claimcheck-go-stdlib.json) for bench/compare-go.mjs and review.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, realpathSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { RepoSnapshot } from '../../../src/repo/snapshot.js';
import { analyze } from '../../../src/rules/engine.js';
import { goRules } from '../../../src/rules/builtin/go/index.js';

function goroot(): string | null {
  try {
    const r = execFileSync('go', ['env', 'GOROOT'], { encoding: 'utf8' }).trim();
    return r && existsSync(`${r}/src`) ? realpathSync(`${r}/src`) : null;
  } catch {
    return null;
  }
}

const root = process.env.BENCH === '1' ? goroot() : null;

describe.skipIf(!root)('Go standard library scan', () => {
  it('runs the Go rules over GOROOT/src', async () => {
    const snapshot = await RepoSnapshot.open(root!, { noGit: true });
    const cpu0 = process.cpuUsage();
    const t0 = performance.now();
    // BENCH_PARSE_ONLY=1 measures the baseline (parse and model only) the rules' cost is read against.
    const parseOnly = process.env.BENCH_PARSE_ONLY === '1';
    const a = await analyze(snapshot, { jobs: 1, rules: goRules, parseOnly });
    const ms = performance.now() - t0;
    const cpu = process.cpuUsage(cpu0);
    let lines = 0;
    for (const m of a.models.values()) if (m.language === 'go') lines += m.lineCount;
    const out = {
      root,
      files: [...a.models.values()].filter((m) => m.language === 'go').length,
      lines,
      wallMs: Math.round(ms),
      cpuMs: Math.round((cpu.user + cpu.system) / 1000),
      timings: a.timings,
      findings: a.findings.map((f) => ({ ruleId: f.ruleId, path: f.path, line: f.line, message: f.message })),
      skipped: a.skipped.filter((s) => s.path.endsWith('.go')),
    };
    writeFileSync(process.env.BENCH_OUT ?? (parseOnly ? '/tmp/claimcheck-go-stdlib-parse.json' : '/tmp/claimcheck-go-stdlib.json'), JSON.stringify(out, null, 1));
    expect(out.files).toBeGreaterThan(1000);
    // The standard library builds: every build error outside testdata/ would be a false alarm.
    expect(out.findings.filter((f) => f.ruleId.startsWith('build-error/') && !/(^|\/)testdata\//.test(f.path))).toEqual([]);
  }, 1_800_000);
});
