/**
 * The claim kinds about evidence (issue 7): test-result, artifact-exists,
 * artifact-size, git-diffstat, arithmetic, consistency, status. Each has
 * real positives and look-alikes that must not be claimed or must not be
 * verified; git failures (no git, shallow clone, deleted objects) must give
 * reasons, never crashes; the labelled samples give the per-kind figures; the
 * seed reports run against an empty folder verify nothing about code.
 */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runAudit } from '../../src/audit/pipeline.js';
import type { CheckedClaim } from '../../src/claims/types.js';
import { parseClaimDocument } from '../../src/claims/document.js';
import { extractClaims } from '../../src/claims/extract.js';
import { CLAIM_KINDS, FALLBACK_KIND } from '../../src/claims/kinds/index.js';
import { decimalUnits, lsH, sizeMatches, type Size } from '../../src/claims/kinds/artifact.js';
import { figures, labelledSamples, loadLabels, matchLabels, type LabelResult } from '../helpers/labels.js';
import { cleanup, git, makeGitRepo, makeTree } from '../helpers/tmp.js';

const MINE = ['test-result', 'artifact-exists', 'artifact-size', 'git-diffstat', 'arithmetic', 'consistency', 'status'];

const dirs: string[] = [];
afterAll(() => dirs.forEach(cleanup));

/** Audits `files` (a report at REPORT.md among them) and returns its claims. */
async function audit(files: Record<string, string>, opts: { git?: boolean; since?: string; setup?: (dir: string) => void } = {}): Promise<CheckedClaim[]> {
  const dir = opts.git ? makeGitRepo(files) : makeTree(files);
  dirs.push(dir);
  opts.setup?.(dir);
  const { report } = await runAudit({ repo: dir, claims: ['REPORT.md'], jobs: 1, ...(opts.since ? { since: opts.since } : {}) });
  return report.claims;
}

/** Claims of a report without verification: what the recognizers extract. */
function extract(md: string) {
  return extractClaims([parseClaimDocument('REPORT.md', md)], CLAIM_KINDS, FALLBACK_KIND).claims;
}

const at = (claims: CheckedClaim[], kind: string, text: string) => {
  const c = claims.find((x) => x.kind === kind && x.text.includes(text));
  if (!c) throw new Error(`no ${kind} claim with "${text}"; have: ${claims.map((x) => `${x.kind}:${x.text}`).join(' | ')}`);
  return c;
};

// ---------------------------------------------------------------------------

const GO_LOG = [
  '=== RUN   TestA',
  '--- PASS: TestA (0.00s)',
  '=== RUN   TestB',
  '=== RUN   TestB/x',
  '    b_test.go:9: got 1',
  '=== RUN   TestB/y',
  '--- FAIL: TestB (0.00s)',
  '    --- FAIL: TestB/x (0.00s)',
  '    --- PASS: TestB/y (0.00s)',
  'FAIL',
  'FAIL\texample.com/m/pkg\t0.01s',
].join('\n');

const GO_REPO = {
  'go.mod': 'module example.com/m\n\ngo 1.21\n',
  'pkg/a.go': 'package pkg\n\nfunc A() int { return 1 }\n',
  'pkg/a_test.go': 'package pkg\n\nimport "testing"\n\nfunc TestA(t *testing.T) {}\n\nfunc TestB(t *testing.T) {\n\tt.Run("x", func(t *testing.T) {})\n\tt.Run("y", func(t *testing.T) {})\n}\n',
  'logs/pkg-test.txt': GO_LOG + '\n',
  'coverage.out': 'mode: set\nexample.com/m/pkg/a.go:3.1,3.20 1 1\nexample.com/m/pkg/a.go:4.1,4.20 3 0\n',
};

describe('test-result', () => {
  it('counts results one by one under every counting convention, and says which one matched', async () => {
    const claims = await audit({
      ...GO_REPO,
      'REPORT.md': [
        '# Run',
        '- **Tests:** 1/2 passing',
        '- **Tests:** 2/3 passing',
        '- **Tests:** 2/4 passing',
        '- **Tests:** 4/4 passing',
        '- **Tests Failed:** 0',
        '- **Coverage:** 25.0% of statements',
        '- **Coverage:** 80% of statements',
        '- **Failing:** `TestB/x`',
        '- **Failing:** `TestA`',
      ].join('\n'),
    });
    const leaves = at(claims, 'test-result', '2/3');
    expect(leaves.verdict).toBe('verified');
    expect(leaves.reason).toMatch(/leaf tests/);
    expect(at(claims, 'test-result', '1/2').reason).toMatch(/top-level tests/);
    expect(at(claims, 'test-result', '2/4').reason).toMatch(/every test result, parents and subtests/);
    expect(at(claims, 'test-result', '4/4').verdict).toBe('contradicted');
    expect(at(claims, 'test-result', 'Tests Failed').verdict).toBe('contradicted');
    expect(at(claims, 'test-result', '25.0%').verdict).toBe('verified');
    expect(at(claims, 'test-result', '80%').verdict).toBe('contradicted');
    expect(at(claims, 'test-result', 'TestB/x').verdict).toBe('verified');
    const passed = at(claims, 'test-result', '`TestA`');
    expect(passed.verdict).toBe('contradicted');
    expect(passed.evidence[0]!.path).toBe('logs/pkg-test.txt');
  });

  it('without committed output: a count of tests against the code, a pass/fail outcome unverifiable', async () => {
    const { 'logs/pkg-test.txt': _log, 'coverage.out': _cov, ...code } = GO_REPO;
    const claims = await audit({ ...code, 'REPORT.md': '# Run\n- **Tests:** 2\n- **Unit tests:** 2/2 passing\n- **Test cases:** 9\n- **Coverage:** 90% of statements\n' });
    const count = at(claims, 'test-result', 'Tests: 2');
    expect(count.verdict).toBe('verified');
    expect(count.reason).toMatch(/counted in the code/);
    expect(at(claims, 'test-result', '2/2').verdict).toBe('unverifiable');
    expect(at(claims, 'test-result', 'Test cases: 9').verdict).toBe('contradicted');
    expect(at(claims, 'test-result', '90%').reason).toMatch(/no coverage data/);
  });

  it('a table-driven or parametrised test makes a larger count unverifiable, not contradicted', async () => {
    const claims = await audit({
      'tests/test_a.py': 'import pytest\n\n@pytest.mark.parametrize("x", [1, 2, 3])\ndef test_a(x):\n    assert x\n',
      'REPORT.md': '# Run\n- **Tests:** 3\n',
    });
    expect(at(claims, 'test-result', 'Tests: 3').verdict).toBe('unverifiable');
  });

  it('a log whose summary disagrees with its own lines verifies nothing that only the summary says', async () => {
    const log = ['============ test session starts ============', 'tests/test_a.py::test_one PASSED', 'tests/test_a.py::test_two FAILED', '======== 2 passed in 0.1s ========'].join('\n');
    const claims = await audit({ 'out/pytest.txt': log + '\n', 'REPORT.md': '# Run\n- **Tests:** 2/2 passing\n- **Tests:** 1/2 passing\n' });
    const summaryOnly = at(claims, 'test-result', '2/2');
    expect(summaryOnly.verdict).toBe('contradicted');
    expect(summaryOnly.reason).toMatch(/summary line .* says 2 passed \(counted 1\)/);
    expect(at(claims, 'test-result', '1/2').verdict).toBe('verified');
  });

  it('look-alikes are not test results', () => {
    const kinds = extract('# Notes\n- Fixed 2 failing tests in the parser\n- **Error Handling:** 12 error injection test cases\n- 24/7 support for 5/5 regions\n').map((c) => c.kind);
    expect(kinds).not.toContain('test-result');
  });
});

// ---------------------------------------------------------------------------

describe('artifact-exists / artifact-size', () => {
  const size = (value: number, decimals: number, power: number, binaryOnly = false): Size => ({ value, decimals, power, binaryOnly, approx: false, raw: '' });

  it('prints sizes as ls -h and decimal units do', () => {
    expect([lsH(388), lsH(1653), lsH(3835), lsH(10_239), lsH(17_408), lsH(1_500_000)]).toEqual(['388', '1.7K', '3.8K', '10K', '17K', '1.5M']);
    expect([decimalUnits(388), decimalUnits(1653), decimalUnits(17_408)]).toEqual(['388 B', '1.7 kB', '17 kB']);
  });

  it('matches a size at the precision it was written with, under a named convention', () => {
    expect(sizeMatches(size(1.7, 1, 1), 1653)).toMatch(/ls -h/);
    expect(sizeMatches(size(2, 0, 1), 1653)).not.toBeNull();
    expect(sizeMatches(size(18, 0, 1), 1653)).toBeNull();
    expect(sizeMatches(size(388, 0, 0), 388)).toMatch(/exact/);
    expect(sizeMatches(size(388, 0, 0), 389)).toBeNull();
    // 102,400 bytes: 102 kB decimal, exactly 100 KiB; KiB-style units accept only 1024.
    expect(sizeMatches(size(102, 0, 1), 102_400)).toMatch(/decimal/);
    expect(sizeMatches(size(102, 0, 1, true), 102_400)).toBeNull();
    expect(sizeMatches(size(100, 0, 1, true), 102_400)).toMatch(/1024/);
  });

  it('judges produced files; absent and ignored is unverifiable; file-exists steps aside', async () => {
    const claims = await audit({
      '.gitignore': '*.log\n',
      'reports/evidence.json': 'x'.repeat(1653),
      'src/app.py': 'print(1)\n',
      'REPORT.md': [
        '# Run',
        '## Evidence Files Generated',
        '- `reports/evidence.json` (1.7KB) - validation data',
        '- `reports/evidence.json` (18KB) - same file, other size',
        '- `reports/run.log` (212KB) - worker log',
        '- `scripts/validate.py` - validation script',
        '## Files',
        '- `src/app.py` - the application',
      ].join('\n'),
    });
    expect(at(claims, 'artifact-size', '(1.7KB)').verdict).toBe('verified');
    expect(at(claims, 'artifact-size', '(18KB)').verdict).toBe('contradicted');
    expect(at(claims, 'artifact-size', '(212KB)').verdict).toBe('unverifiable');
    expect(at(claims, 'artifact-exists', 'reports/run.log').verdict).toBe('unverifiable');
    expect(at(claims, 'artifact-exists', 'scripts/validate.py').verdict).toBe('contradicted');
    expect(claims.filter((c) => c.kind === 'file-exists').map((c) => c.text)).toEqual(['src/app.py']);
    expect(claims.some((c) => c.kind.startsWith('artifact') && c.text.includes('src/app.py'))).toBe(false);
  });

  it('checks a directory total and its file count', async () => {
    const claims = await audit({ 'out/a.txt': 'a'.repeat(1000), 'out/b.txt': 'b'.repeat(1000), 'REPORT.md': '# Run\n- Results written to `out/` (2 files, 2.0 kB total)\n- Results written to `out/` (3 files, 2.0 kB total)\n' });
    const sized = claims.filter((c) => c.kind === 'artifact-size');
    expect(sized.map((c) => c.verdict).sort()).toEqual(['contradicted', 'verified']);
  });
});

// ---------------------------------------------------------------------------

describe('git-diffstat', () => {
  const base = { 'a.py': 'one\ntwo\nthree\n', 'b.py': 'b\n' };
  const report = ['# Fix', '- **Files Modified**: 1', '- **Files Changed**: 2', '- **Insertions**: 2', '- **Deletions**: 2', '- **Net change**: +1'].join('\n');
  const fix = (dir: string) => {
    execFileSync('bash', ['-c', "printf 'one\\nTWO\\nthree\\nfour\\n' > a.py"], { cwd: dir });
    execFileSync('bash', ['-c', `cat > REPORT.md <<'EOF'\n${report}\nEOF`], { cwd: dir });
    git(dir, 'add', '-A');
    git(dir, 'commit', '-qm', 'fix');
  };

  it('measures the commit that last changed the report, and says whether the report was counted', async () => {
    const claims = await audit(base, { git: true, setup: fix });
    expect(at(claims, 'git-diffstat', 'Files Modified').verdict).toBe('verified');
    const changed = at(claims, 'git-diffstat', 'Files Changed');
    expect(changed.verdict).toBe('verified');
    expect(changed.reason).toMatch(/the report itself counted/);
    expect(at(claims, 'git-diffstat', 'Insertions').verdict).toBe('verified');
    expect(at(claims, 'git-diffstat', 'Deletions').verdict).toBe('contradicted');
    expect(at(claims, 'git-diffstat', 'Net change').verdict).toBe('verified');
  });

  it('measures a --since range instead', async () => {
    const claims = await audit(base, {
      git: true,
      setup: (dir) => {
        git(dir, 'tag', 'base');
        fix(dir);
      },
      since: 'base',
    });
    expect(at(claims, 'git-diffstat', 'Files Modified').reason).toMatch(/the range base\.\.HEAD/);
  });

  it('no git, a shallow clone or a deleted objects directory: unverifiable with the reason, never a crash', async () => {
    const noGit = await audit({ ...base, 'REPORT.md': report });
    expect(at(noGit, 'git-diffstat', 'Insertions').reason).toMatch(/not a git repository/);

    const broken = await audit(base, { git: true, setup: (dir) => (fix(dir), rmSync(join(dir, '.git', 'objects'), { recursive: true, force: true })) });
    const b = at(broken, 'git-diffstat', 'Insertions');
    expect(b.verdict).toBe('unverifiable');
    expect(b.reason).toMatch(/damaged|missing objects/);

    const origin = makeGitRepo(base);
    dirs.push(origin);
    fix(origin);
    const clone = mkdtempSync(join(tmpdir(), 'cc-shallow-'));
    dirs.push(clone);
    execFileSync('git', ['clone', '-q', '--depth', '1', `file://${origin}`, join(clone, 'r')]);
    const { report: r } = await runAudit({ repo: join(clone, 'r'), claims: ['REPORT.md'], jobs: 1 });
    const s = r.claims.find((c) => c.kind === 'git-diffstat' && c.text.includes('Insertions'))!;
    expect(s.verdict).toBe('unverifiable');
    expect(s.reason).toMatch(/shallow clone/);
  });
});

// ---------------------------------------------------------------------------

describe('arithmetic', () => {
  const md = [
    '# Results',
    '- **Overall**: 85.7% (12/14 tests passed)',
    '- **Failure rate**: 25% (3 of 15)',
    '- **Score**: 100% (249/250)',
    '- Sum: 57 + 7 + 12 = 76',
    '- Delta: +12 −3 = +10',
    '- **Best ratio**: 7,281.78x (1,048,576 bytes → 144 bytes)',
    '- **Response Time**: 120 s → 6 s (80% reduction)',
    '',
    '## Run',
    '### Tests Executed: 81',
    '### Tests Passed: 76',
    '### Tests Failed: 5',
    '### Pass Rate: 93.8%',
    '',
    '## Diff',
    '- **New Code**: 12 lines',
    '- **Removed Code**: 3 lines',
    '- **Lines Changed**: 15',
    '- **Net Addition**: +8',
    '',
    '## Targets',
    '| Criteria | Target | Actual | Status |',
    '|---|---|---|---|',
    '| Coverage | ≥85% | 79.2% | ❌ |',
    '',
    '**Coverage gap:** 8.3 percentage points below the 85% target',
  ].join('\n');

  it('judges the report’s own numbers: fractions, sums, ratios, rates, parts, diff totals, gaps', async () => {
    const claims = await audit({ 'REPORT.md': md });
    const a = (t: string) => at(claims, 'arithmetic', t).verdict;
    expect(a('85.7% (12/14')).toBe('verified');
    expect(a('25% (3 of 15)')).toBe('contradicted');
    expect(a('100% (249/250)')).toBe('contradicted');
    expect(a('57 + 7 + 12 = 76')).toBe('verified');
    expect(a('+12 −3 = +10')).toBe('contradicted');
    expect(a('7,281.78x')).toBe('verified');
    expect(a('80% reduction')).toBe('contradicted');
    expect(a('Tests Executed: 81')).toBe('verified');
    expect(a('Pass Rate: 93.8%')).toBe('verified');
    expect(a('Lines Changed: 15')).toBe('verified');
    expect(a('Net Addition: +8')).toBe('contradicted');
    expect(a('8.3 percentage points')).toBe('contradicted');
    // The statement's factual content is still listed, as `other`.
    expect(claims.some((c) => c.kind === 'other' && c.text.includes('120 s → 6 s'))).toBe(true);
  });

  it('dates, ranges, versions and round-the-clock are not arithmetic', () => {
    const kinds = extract('# Notes\n- Released 2025-10-03 (v1.2/3)\n- Lines 151-158 changed\n- 24/7 support\n- Score: 4/7 mechanisms\n').map((c) => c.kind);
    expect(kinds).not.toContain('arithmetic');
  });
});

// ---------------------------------------------------------------------------

describe('consistency', () => {
  it('Target | Actual | Status rows against their own numbers', async () => {
    const claims = await audit({
      'REPORT.md': [
        '# Gates',
        '| Gate | Target | Actual | Status |',
        '|---|---|---|---|',
        '| Timeout | 30s | 30s | ✅ Exceeded |',
        '| Duration | <30s | 6s | ✅ Exceeded |',
        '| Tests passing | 100% | 85.7% | ✅ Met |',
        '| Errors | 0 | 0 | ✅ Met |',
        '| Coverage | ≥80% | 91% | ❌ Below target |',
        '| Build | 6/6 | 4/6 | ❌ Blocked |',
        '| Uptime | 99.9% | N/A | ❌ |',
      ].join('\n'),
    });
    const v = (t: string) => at(claims, 'consistency', t).verdict;
    expect(v('Timeout | 30s')).toBe('contradicted');
    expect(v('Duration')).toBe('verified');
    expect(v('Tests passing')).toBe('contradicted');
    expect(v('Errors')).toBe('verified');
    expect(v('Coverage')).toBe('contradicted');
    expect(v('Build')).toBe('verified');
    expect(claims.some((c) => c.kind === 'consistency' && c.text.includes('Uptime'))).toBe(false);
  });

  it('a number stated twice with two values; parallel sections about different parts are not', async () => {
    const claims = await audit({
      'REPORT.md': [
        '# Report',
        '## Summary',
        '- 14/17 tests passing',
        '## Results',
        '### Tests Passed: 15',
        '### Parts',
        '#### Ring',
        '- **Tests:** 5/5 passing',
        '#### Peers',
        '- **Tests:** 3/3 passing',
      ].join('\n'),
    });
    const conflict = at(claims, 'consistency', 'Tests Passed: 15');
    expect(conflict.verdict).toBe('contradicted');
    expect(conflict.evidence.map((e) => e.line)).toContain(3);
    expect(claims.some((c) => c.kind === 'consistency' && /5\/5|3\/3/.test(c.text))).toBe(false);
  });

  it('a bottom line beside the report’s own blockers; history in a fix report is no blocker', async () => {
    const blocked = await audit({ 'REPORT.md': '# R\n## Status\n- ❌ Optimize: build blocked\n- 12/15 tests passing\n## Verdict\n**Overall Status**: ✅ PRODUCTION READY\n' });
    expect(at(blocked, 'consistency', 'PRODUCTION READY').verdict).toBe('contradicted');
    const fixed = await audit({ 'REPORT.md': '# R\n## Bugs Fixed\n### CRITICAL BUG #1: import blocked startup\n**Issue**: 2 failing tests\n## Verdict\n**Overall Status**: ✅ PRODUCTION READY\n' });
    expect(fixed.some((c) => c.kind === 'consistency')).toBe(false);
    const admitted = await audit({ 'REPORT.md': '# R\n- ❌ merge build blocked\n\n**Status**: ✅ READY FOR PRODUCTION (with known issues)\n' });
    expect(admitted.some((c) => c.kind === 'consistency')).toBe(false);
  });
});

// ---------------------------------------------------------------------------

describe('status', () => {
  const code = {
    'app/client.py': 'import requests\n\n\ndef fetch(url):\n    return requests.get(url)\n',
    'app/clean.py': 'def add(a, b):\n    return a + b\n',
  };

  it('is contradicted by findings in the code its section names, never verified', async () => {
    const claims = await audit({
      ...code,
      'REPORT.md': [
        '# Report',
        '### Client - VERIFIED',
        '- **File**: `app/client.py`',
        '### Math - VERIFIED',
        '- **File**: `app/clean.py`',
        '## Conclusion',
        '**Overall Status**: ✅ PRODUCTION READY',
        '**Status**: ✅ MISSION COMPLETE',
        '**Production Status**: ❌ NOT READY',
      ].join('\n'),
    });
    expect(at(claims, 'status', 'Client - VERIFIED').verdict).toBe('contradicted');
    expect(at(claims, 'status', 'Client - VERIFIED').evidence[0]!.path).toBe('app/client.py');
    expect(at(claims, 'status', 'Math - VERIFIED').verdict).toBe('unverifiable');
    expect(at(claims, 'status', 'PRODUCTION READY').verdict).toBe('contradicted');
    expect(at(claims, 'status', 'MISSION COMPLETE').reason).toMatch(/completion of an activity/);
    expect(claims.some((c) => c.kind === 'status' && c.text.includes('NOT READY'))).toBe(false);
    expect(claims.filter((c) => c.kind === 'status').every((c) => c.verdict !== 'verified')).toBe(true);
  });

  it('"all tests passed" against committed test output; the report itself when the code says nothing', async () => {
    const log = '============ test session starts ============\ntests/test_a.py::test_one PASSED\ntests/test_a.py::test_two FAILED\n======== 1 failed, 1 passed in 0.1s ========\n';
    const claims = await audit({ ...code, 'reports/pytest.txt': log, 'REPORT.md': '# R\n## Summary\n- ❌ Sync: blocked on credentials\n\n**VALIDATION**: ALL TESTS PASSED\n\n**Result**: COMPLETE SUCCESS\n' });
    const tests = at(claims, 'status', 'ALL TESTS PASSED');
    expect(tests.verdict).toBe('contradicted');
    expect(tests.evidence[0]!.path).toBe('reports/pytest.txt');
    const success = at(claims, 'status', 'COMPLETE SUCCESS');
    expect(success.verdict).toBe('contradicted');
    expect(success.reason).toMatch(/missing-timeout|report itself/);
  });

  it('words that only mention readiness are not declarations', () => {
    const kinds = extract('# R\n- **Estimated time to production ready**: 2 days\n- **Validation Type**: production readiness assessment\n- not yet production-ready\n').map((c) => c.kind);
    expect(kinds).not.toContain('status');
  });
});

// ---------------------------------------------------------------------------

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

describe('labelled samples: the issue-7 kinds', () => {
  const results: LabelResult[] = [];
  let tmp = '';
  beforeAll(async () => {
    tmp = mkdtempSync(join(tmpdir(), 'cc-evidence-'));
    for (const sample of labelledSamples()) {
      const dest = join(tmp, sample);
      execFileSync('bash', [join(ROOT, 'samples', 'make-history.sh'), sample, dest], { stdio: 'pipe' });
      const { report } = await runAudit({ repo: dest, jobs: 1 });
      const labels = loadLabels(sample).filter((l) => MINE.includes(l.kind));
      results.push(...matchLabels(labels, report.claims).map((r) => ({ ...r, label: { ...r.label, doc: `${sample}/${r.label.doc}` } })));
    }
  }, 300_000);
  afterAll(() => tmp && rmSync(tmp, { recursive: true, force: true }));

  it.each(MINE)('%s: at least 95%% right, no contradicted claim verified, under 5%% not extracted', (kind) => {
    const rs = results.filter((r) => r.label.kind === kind);
    const f = figures(rs);
    console.log(`${kind}: ${f.labels} labels, ${f.correct} correct, ${f.notExtracted} not extracted, ${f.wrongVerified} wrong verified`);
    const misses = rs.filter((r) => !r.correct).map((r) => `${r.label.doc}:${r.label.line} want ${r.label.verdict}, got ${r.claim?.verdict ?? 'no claim'} (${r.claim?.reason ?? ''})`);
    expect(f.labels).toBeGreaterThanOrEqual(6);
    expect(f.correct / f.labels, misses.join('\n')).toBeGreaterThanOrEqual(0.95);
    expect(f.contradictedVerified).toBe(0);
    expect(f.notExtracted / f.labels).toBeLessThan(0.05);
  });
});

const SEEDS = fileURLToPath(new URL('../../../shared/seeds', import.meta.url));
const seeds = existsSync(SEEDS) ? readdirSync(SEEDS).filter((f) => /\.(txt|md)$/.test(f)).sort() : [];

describe.skipIf(seeds.length === 0)('seed reports against an empty folder', () => {
  it.each(seeds)('%s: no crash, nothing about code verified', async (name) => {
    const dir = mkdtempSync(join(tmpdir(), 'cc-empty-'));
    dirs.push(dir);
    const { report } = await runAudit({ repo: dir, claims: [join(SEEDS, name)], jobs: 1 });
    expect(report.claims.length).toBeGreaterThan(0);
    const aboutCode = report.claims.filter((c) => ['status', 'test-result', 'artifact-exists', 'artifact-size', 'git-diffstat'].includes(c.kind));
    // A rate judged on the counts the report states beside it cites only the report: that is not about code.
    const onReport = (c: (typeof aboutCode)[number]) => c.evidence.length > 0 && c.evidence.every((e) => e.path === c.source.path);
    expect(aboutCode.filter((c) => c.verdict === 'verified' && !onReport(c)).map((c) => c.text)).toEqual([]);
  });
});

describe('paths: a host or a module path is not a file', () => {
  it('reads `github.com/x/y` and `k8s.io/api` as hosts, and keeps files whose extension is also a country code', async () => {
    const { looksLikePath } = await import('../../src/claims/mentions.js');
    for (const host of ['github.com/spf13/cobra', 'golang.org/x/sync/errgroup', 'k8s.io/client-go', 'docs.example.com/guide', 'example.com']) expect(looksLikePath(host), host).toBe(false);
    for (const file of ['main.cc', 'src/app.py', 'deploy.sh', 'api.v1/handler.go', 'cmd/run.pl']) expect(looksLikePath(file), file).toBe(true);
  });
});

describe('status: readiness with a qualifier', () => {
  it('reads "ready for initial release" and "ready for a beta launch" as readiness, and "ready for review" not', async () => {
    const { declarationOf } = await import('../../src/claims/kinds/status.js');
    const { parseClaimDocument } = await import('../../src/claims/document.js');
    const cls = (md: string) => parseClaimDocument('R.md', md).statements.map((st) => declarationOf(st)?.cls ?? null).filter(Boolean);
    expect(cls('**Status**: READY FOR INITIAL RELEASE\n')).toEqual(['readiness']);
    expect(cls('- The service is ready for a beta launch\n')).toEqual(['readiness']);
    expect(cls('- The branch is ready for review\n')).toEqual([]);
  });
});

describe('status: a table of components and their status', () => {
  const files = {
    'go.mod': 'module example.invalid/svc\n\ngo 1.22\n',
    'internal/routing/router.go': 'package routing\n\n// Route picks a backend.\nfunc Route(key string) string {\n\t// TODO: implement consistent hashing\n\treturn "backend-0"\n}\n',
    'internal/routing/router_test.go': 'package routing\n\nimport "testing"\n\nfunc TestRoute(t *testing.T) {\n\tif Route("a") == "" {\n\t\tt.Fatal("empty")\n\t}\n}\n',
    'internal/billing/invoice.go': 'package billing\n\n// Total sums the lines.\nfunc Total(xs []int) int {\n\tsum := 0\n\tfor _, x := range xs {\n\t\tsum += x\n\t}\n\treturn sum\n}\n',
    'internal/billing/invoice_test.go': 'package billing\n\nimport "testing"\n\nfunc TestTotal(t *testing.T) {\n\tunused := 1\n\tif Total([]int{1, 2}) != 3 {\n\t\tt.Fatal("sum")\n\t}\n}\n',
    'internal/audit/log.go': 'package audit\n\n// Write records an event.\nfunc Write(event string) string {\n\treturn event\n}\n',
    'internal/audit/log_test.go': 'package audit\n\nimport "testing"\n\nfunc TestWrite(t *testing.T) {\n\tif Write("x") != "x" {\n\t\tt.Fatal("x")\n\t}\n}\n',
  };
  const md = [
    '# Readiness',
    '',
    '| Subsystem | Status | Risk |',
    '|---|---|---|',
    '| Routing | ✅ Ready | LOW |',
    '| Billing | ❌ Blocked | HIGH |',
    '| Audit | ✅ Ready | LOW |',
    '| Audit | ⚠️ Issues | LOW |',
  ].join('\n');
  it("contradicts a ready component whose code has findings, confirms a blocked one whose tests do not build, and leaves the rest open", async () => {
    const claims = await audit({ ...files, 'REPORT.md': md });
    const on = (line: number) => claims.filter((c) => c.kind === 'status' && c.sources.some((s) => s.line === line)).map((c) => c.verdict);
    expect(on(5)).toEqual(['contradicted']);
    expect(on(6)).toEqual(['verified']);
    // Look-alikes: clean code is not shown ready by its words, and a problem no finding shows stays open.
    expect(on(7)).toEqual(['unverifiable']);
    expect(on(8)).toEqual(['unverifiable']);
  });
});
