/**
 * Claims decided by a run's committed output: which output is the report's
 * own (named by it, produced in its work, or nothing to tell by), the figures
 * its JSON result files record (artifact-value and the tallies test-result
 * reads), coverage per component folder, and test counts a folder's code
 * cannot reach. Every example is written for this file.
 */
import { describe, it, expect, afterAll } from 'vitest';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { runAudit } from '../../src/audit/pipeline.js';
import type { CheckedClaim } from '../../src/claims/types.js';
import { parseClaimDocument } from '../../src/claims/document.js';
import { extractClaims } from '../../src/claims/extract.js';
import { CLAIM_KINDS, FALLBACK_KIND } from '../../src/claims/kinds/index.js';
import { literalElements } from '../../src/claims/testevidence.js';
import { flatten } from '../../src/claims/runartifacts.js';
import { cleanup, git, makeGitRepo, makeTree } from '../helpers/tmp.js';

const dirs: string[] = [];
afterAll(() => dirs.forEach(cleanup));

async function auditDir(dir: string): Promise<CheckedClaim[]> {
  const { report } = await runAudit({ repo: dir, claims: ['REPORT.md'], jobs: 1 });
  return report.claims;
}

/** The claim of a kind on the report line holding `text`. */
function on(claims: CheckedClaim[], md: string, text: string, kind: string): CheckedClaim {
  const line = md.split('\n').findIndex((l) => l.includes(text)) + 1;
  if (!line) throw new Error(`no line with ${text}`);
  const here = claims.filter((c) => c.sources.some((s) => s.line === line));
  const c = here.find((x) => x.kind === kind);
  if (!c) throw new Error(`no ${kind} claim on the line with "${text}"; have ${here.map((x) => `${x.kind}:${x.verdict}`).join(', ') || 'none'}`);
  return c;
}

const kindsOf = (md: string) => extractClaims([parseClaimDocument('REPORT.md', md)], CLAIM_KINDS, FALLBACK_KIND).claims.map((c) => c.kind);

function write(dir: string, files: Record<string, string>): void {
  for (const [p, content] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, p)), { recursive: true });
    writeFileSync(join(dir, p), content);
  }
}

const OLD_JUNIT = [
  '<?xml version="1.0"?>',
  '<testsuite name="ui" tests="7" failures="0" errors="0" skipped="0">',
  ...[1, 2, 3, 4, 5, 6, 7].map((i) => `  <testcase classname="ui.Pages" name="test_page_${i}"/>`),
  '</testsuite>',
].join('\n');

const RUN_JSON = JSON.stringify(
  {
    summary: { started: '2025-03-01T10:00:00Z', duration_seconds: 42.37, total_tests: 20, passed_tests: 18, failed_tests: 2, critical_failures: 2, overall_score: 90.0 },
    categories: { 'Input Parsing': { passed: 4, total: 5 }, Storage: { passed: 14, total: 15 } },
    checks: [{ name: 'auth', security_score: '5/5', checks_implemented: 5, passed: true }],
  },
  null,
  2,
);

const CODE = {
  'src/app.py': 'def handler(event):\n    return {"ok": True}\n',
  'tests/test_app.py': 'from src.app import handler\n\ndef test_ok():\n    assert handler({})["ok"]\n\ndef test_empty():\n    assert handler(None)\n',
};

/** A repository whose history holds an older run (a JUnit file), then the work the report describes with its result file. */
function twoRuns(report: string, resultPath: string): string {
  const dir = makeGitRepo({ ...CODE, 'results/ui-run.xml': OLD_JUNIT + '\n' });
  dirs.push(dir);
  write(dir, { 'REPORT.md': report, [resultPath]: RUN_JSON + '\n', 'src/app.py': CODE['src/app.py'] + '\n\ndef version():\n    return 2\n' });
  git(dir, 'add', '-A');
  git(dir, 'commit', '-qm', 'smoke run and report');
  return dir;
}

describe("a run's result file the report names", () => {
  const md = [
    '# Smoke run',
    '',
    '- **Run ID**: smoke_1712345678',
    '- **Duration**: 42.4 seconds',
    '- **Total duration**: 50 seconds',
    '- Result: 18/20 tests passed',
    '- Result again: 19/20 tests passed',
    '- Status: ❌ 2 critical failures remain open',
    '- Headline: 90% overall score',
    '- **Security Score**: 5/5 checks implemented',
    '- **Response Time**: 120 s → 6 s',
    '- Earlier we fixed 3 critical failures in the parser',
    '- UI: 7/7 tests passing',
    '',
  ].join('\n');

  it('verifies the figures it records, contradicts the ones it does not, and reads no figure about the code from it', async () => {
    const claims = await auditDir(twoRuns(md, 'runs/smoke_1712345678.json'));
    const id = on(claims, md, 'Run ID', 'artifact-value');
    expect(id.verdict).toBe('verified');
    expect(id.reason).toContain('runs/smoke_1712345678.json');
    expect(on(claims, md, '42.4 seconds', 'artifact-value').verdict).toBe('verified');
    const wrong = on(claims, md, '50 seconds', 'artifact-value');
    expect(wrong.verdict).toBe('contradicted');
    expect(wrong.reason).toContain('duration_seconds = 42.37');
    const tally = on(claims, md, '18/20', 'test-result');
    expect(tally.verdict).toBe('verified');
    expect(tally.reason).toMatch(/result files/);
    expect(on(claims, md, '19/20', 'test-result').verdict).toBe('contradicted');
    expect(on(claims, md, 'critical failures remain', 'artifact-value').verdict).toBe('verified');
    expect(on(claims, md, 'overall score', 'artifact-value').verdict).toBe('verified');
  });

  it('leaves the older run alone: a log from before the work neither verifies nor contradicts', async () => {
    const claims = await auditDir(twoRuns(md, 'runs/smoke_1712345678.json'));
    const ui = on(claims, md, '7/7', 'test-result');
    expect(ui.verdict, ui.reason).toBe('unverifiable');
    expect(ui.reason).toContain('results/ui-run.xml is not this report');
  });

  it('claims no run figure for code measurements, changes or fixes', () => {
    expect(kindsOf('- **Security Score**: 5/5 checks implemented\n')).not.toContain('artifact-value');
    expect(kindsOf('- **Response Time**: 120 s → 6 s\n')).not.toContain('artifact-value');
    expect(kindsOf('- Earlier we fixed 3 critical failures in the parser\n')).not.toContain('artifact-value');
    expect(kindsOf('- **Metrics files**: 13\n')).not.toContain('artifact-value');
    expect(kindsOf('- 4 agents ran for 2 hours\n')).not.toContain('artifact-value');
    // A bare count of errors is as often a build's as a run's.
    expect(kindsOf('## Build\n- **Errors**: 0\n- **Total errors**: 0\n')).not.toContain('artifact-value');
    expect(kindsOf('- **Response time**: 120 ms\n')).not.toContain('artifact-value');
  });

  it('a result file of the work that the report does not name verifies but never contradicts', async () => {
    const plain = md.replace('- **Run ID**: smoke_1712345678\n', '');
    const claims = await auditDir(twoRuns(plain, 'out/last-run.json'));
    expect(on(claims, plain, '42.4 seconds', 'artifact-value').verdict).toBe('verified');
    expect(on(claims, plain, '50 seconds', 'artifact-value').verdict).toBe('unverifiable');
    expect(on(claims, plain, '18/20', 'test-result').verdict).toBe('verified');
    expect(on(claims, plain, '19/20', 'test-result').verdict).toBe('unverifiable');
  });

  it('an id that names no file is unverifiable, never contradicted', async () => {
    const other = '# Run\n- **Run ID**: nightly_20250301\n';
    const dir = makeTree({ ...CODE, 'REPORT.md': other });
    dirs.push(dir);
    expect(on(await auditDir(dir), other, 'Run ID', 'artifact-value').verdict).toBe('unverifiable');
  });
});

describe('flattening a result file', () => {
  it('keeps each leaf with its keys, its place and its line', () => {
    const text = '{\n  "a": {\n    "b": 1\n  },\n  "list": [\n    {"c": 2},\n    {"c": 3}\n  ]\n}\n';
    const leaves = flatten(JSON.parse(text), text);
    expect(leaves.map((l) => [l.keys.join('.'), l.where, l.value, l.line])).toEqual([
      ['a.b', '/a/b', 1, 3],
      ['list.c', '/list[0]/c', 2, 6],
      ['list.c', '/list[1]/c', 3, 7],
    ]);
  });
});

// ---------------------------------------------------------------------------

const GO_MOD = 'module example.com/svc\n\ngo 1.22\n';
const goFile = (pkg: string) => `package ${pkg}\n\nfunc Run() int { return 1 }\n`;
/** A Go coverage profile for `files` of a package: [file, statements, covered]. */
const profile = (pkg: string, files: [string, number, number][]) =>
  ['mode: atomic', ...files.flatMap(([f, n, hit]) => [`example.com/svc/internal/${pkg}/${f}:3.1,3.20 ${hit} 1`, ...(n > hit ? [`example.com/svc/internal/${pkg}/${f}:4.1,4.20 ${n - hit} 0`] : [])])].join('\n') + '\n';

describe('coverage per component', () => {
  const md = [
    '# Coverage',
    '',
    '**Overall coverage**: ~65%',
    '',
    '| Area | Coverage |',
    '|------|----------|',
    '| Rate Limiting | 80% |',
    '| Rate Limiting (burst path) | 80% |',
    '| Audit Logging | 0% (blocked) |',
    '| Cache Invalidation | 70% |',
    '| Response Cache | 50% |',
    '',
  ].join('\n');

  it('resolves a row to its folder, reads that folder\'s profile, and takes a header-only profile as nothing covered', async () => {
    const dir = makeTree({
      'go.mod': GO_MOD,
      'internal/ratelimiting/limiter.go': goFile('ratelimiting'),
      'internal/ratelimiting/coverage.out': profile('ratelimiting', [['limiter.go', 10, 8]]),
      'internal/audit/log.go': goFile('audit'),
      'internal/audit/coverage.out': 'mode: atomic\n',
      'internal/cache/store.go': goFile('cache'),
      'internal/cache/coverage.out': profile('cache', [['store.go', 10, 5]]),
      'REPORT.md': md,
    });
    dirs.push(dir);
    const claims = await auditDir(dir);
    const rate = on(claims, md, '| Rate Limiting | 80%', 'test-result');
    expect(rate.verdict).toBe('verified');
    expect(rate.reason).toContain('internal/ratelimiting');
    expect(on(claims, md, 'burst path', 'test-result').verdict).toBe('unverifiable');
    expect(on(claims, md, 'Audit Logging', 'test-result').verdict).toBe('verified');
    const cache = on(claims, md, 'Cache Invalidation', 'test-result');
    expect(cache.verdict).toBe('contradicted');
    expect(cache.reason).toContain('50%');
    // The last word names a whole the phrase is a part of: no folder.
    expect(on(claims, md, 'Response Cache', 'test-result').verdict).toBe('unverifiable');
    // Two separate profiles with entries: neither is the whole code.
    const overall = on(claims, md, 'Overall coverage', 'test-result');
    expect(overall.verdict).toBe('unverifiable');
    expect(overall.reason).toMatch(/2 profiles/);
  });
});

describe('test counts a folder cannot reach', () => {
  const queueTests = [
    'package jobqueue',
    '',
    'import "testing"',
    '',
    'func TestPush(t *testing.T) {}',
    '',
    'func TestPop(t *testing.T) {}',
    '',
    'func TestOrder(t *testing.T) {',
    '\ttests := []struct {',
    '\t\tname string',
    '\t\tin   []int',
    '\t}{',
    '\t\t{name: "empty, {none}", in: nil},',
    '\t\t{name: "one", in: []int{1}},',
    '\t\t// {name: "skipped", in: nil},',
    '\t\t{name: "two", in: []int{2, 1}},',
    '\t}',
    '\tfor _, tt := range tests {',
    '\t\tt.Run(tt.name, func(t *testing.T) {})',
    '\t}',
    '}',
    '',
  ].join('\n');
  const md = [
    '# Results',
    '',
    '## Job Queue',
    '- **Tests:** 9/9 passing',
    '- **Tests (again):** 6/6 passing',
    '',
    '## Report Builder',
    '- **Tests:** 10/10 passing',
    '',
    '## Feed Loader',
    '- **Tests:** 12/12 passing',
    '',
  ].join('\n');

  it('contradicts a count above every test and table row of the package, and leaves counts within it to a run', async () => {
    const dir = makeTree({
      'go.mod': GO_MOD,
      'internal/jobqueue/queue.go': goFile('jobqueue'),
      'internal/jobqueue/queue_test.go': queueTests,
      // Python keeps tests apart from the code: a folder's count says nothing.
      'reportbuilder/build.py': 'def build():\n    return 1\n',
      'reportbuilder/test_build.py': 'def test_build():\n    assert True\n',
      // A table from a function: only a run can count it.
      'internal/feedloader/loader.go': goFile('feedloader'),
      'internal/feedloader/loader_test.go': 'package feedloader\n\nimport "testing"\n\nfunc TestLoad(t *testing.T) {\n\tcases := loadCases()\n\tfor _, c := range cases {\n\t\tt.Run(c.name, func(t *testing.T) {})\n\t}\n}\n',
      'REPORT.md': md,
    });
    dirs.push(dir);
    const claims = await auditDir(dir);
    const over = on(claims, md, '9/9', 'test-result');
    expect(over.verdict).toBe('contradicted');
    expect(over.reason).toMatch(/3 tests, 3 table rows .*at most 6/);
    expect(on(claims, md, '6/6', 'test-result').verdict).toBe('unverifiable');
    expect(on(claims, md, '10/10', 'test-result').verdict).toBe('unverifiable');
    expect(on(claims, md, '12/12', 'test-result').verdict).toBe('unverifiable');
  });

  it('a whole-run count made of the report\'s own parts carries an impossible part; a count that does not add up, or of failures only, does not', async () => {
    const summary = [
      '# Results',
      '',
      '## Summary',
      '- **Tests:** 15/16 passing',
      '- **Tests failed:** 1',
      '- **Other run:** 20/21 tests passing',
      '',
      '## Job Queue',
      '- **Tests:** 9/9 passing',
      '',
      '## Mailer',
      '- **Tests:** 6/7 passing',
      '',
    ].join('\n');
    const mailerTests = 'package mailer\n\nimport "testing"\n\n' + [1, 2, 3, 4, 5, 6, 7].map((i) => `func TestSend${i}(t *testing.T) {}\n`).join('\n');
    const dir = makeTree({
      'go.mod': GO_MOD,
      'internal/jobqueue/queue.go': goFile('jobqueue'),
      'internal/jobqueue/queue_test.go': queueTests,
      // Two folders named mailer: the one beside the report's other component is meant.
      'internal/mailer/send.go': goFile('mailer'),
      'internal/mailer/send_test.go': mailerTests,
      'tools/mailer/main.go': goFile('main'),
      'tools/mailer/main_test.go': 'package main\n\nimport "testing"\n\nfunc TestMain2(t *testing.T) {}\n',
      'REPORT.md': summary,
    });
    dirs.push(dir);
    const claims = await auditDir(dir);
    const whole = on(claims, summary, '15/16', 'test-result');
    expect(whole.verdict).toBe('contradicted');
    expect(whole.reason).toMatch(/parts add up to it .*part at line 9 cannot be/);
    expect(on(claims, summary, '6/7', 'test-result').reason).toContain('internal/mailer');
    expect(on(claims, summary, 'Tests failed', 'test-result').verdict).toBe('unverifiable');
    expect(on(claims, summary, '20/21', 'test-result').verdict).toBe('unverifiable');
  });

  it('counts the elements of a composite literal, with strings, comments and nesting skipped', () => {
    expect(literalElements('x := []T{\n {a: "}", b: []int{1, 2}},\n // {c},\n {a: "x,y"},\n}')).toBe(2);
    expect(literalElements('m := map[string]int{"a": 1, "b": 2}')).toBe(2);
    expect(literalElements('e := []struct{ n int }{}')).toBe(0);
    expect(literalElements('bad := []T{ {a: 1}')).toBeNull();
  });
});
