/**
 * The readers of committed test output and coverage profiles: each format
 * counted result by result, its summary line kept apart, and files that only
 * look like test output (a build log, a report, a package.json) refused.
 */
import { describe, it, expect } from 'vitest';
import {
  parseCobertura,
  parseCoverage,
  parseGoCover,
  parseGoTest,
  parseGoTestJson,
  parseJest,
  parseJunitXml,
  parseLcov,
  parsePytest,
  parseTestOutput,
  parseUnittest,
  parseVitest,
  pythonTestId,
  type TestRun,
} from '../../src/claims/testlogs.js';
import { summaryDisagreement } from '../../src/claims/testevidence.js';

const outcomes = (r: TestRun | null) => r!.cases.map((c) => `${c.name}:${c.outcome}`);

describe('go test', () => {
  const text = [
    '=== RUN   TestA',
    '--- PASS: TestA (0.00s)',
    '=== RUN   TestTable',
    '=== RUN   TestTable/empty',
    '    table_test.go:12: got 1, want 0',
    '=== RUN   TestTable/full',
    '--- FAIL: TestTable (0.00s)',
    '    --- FAIL: TestTable/empty (0.00s)',
    '    --- PASS: TestTable/full (0.00s)',
    'FAIL',
    'FAIL\texample.com/m/pkg/a\t0.012s',
    '=== RUN   TestB',
    '--- SKIP: TestB (0.00s)',
    'ok  \texample.com/m/pkg/b\t0.003s',
    '# example.com/m/pkg/c [example.com/m/pkg/c.test]',
    'pkg/c/c_test.go:9:2: declared and not used: x',
    'FAIL\texample.com/m/pkg/c [build failed]',
    '?   \texample.com/m/cmd\t[no test files]',
  ].join('\n');

  it('counts every result line, with its package and its parent test', () => {
    const r = parseGoTest('go.txt', text)!;
    expect(outcomes(r)).toEqual(['TestA:pass', 'TestTable:fail', 'TestTable/empty:fail', 'TestTable/full:pass', 'TestB:skip']);
    expect(r.cases.find((c) => c.name === 'TestTable/empty')!.parent).toBe('example.com/m/pkg/a.TestTable');
    expect(r.cases.find((c) => c.name === 'TestTable/empty')!.message).toBe('table_test.go:12: got 1, want 0');
    expect(r.cases.find((c) => c.name === 'TestB')!.suite).toBe('example.com/m/pkg/b');
    expect(r.suites.map((s) => `${s.name}:${s.outcome}`)).toEqual(['example.com/m/pkg/a:fail', 'example.com/m/pkg/b:pass', 'example.com/m/pkg/c:build-failed', 'example.com/m/cmd:skip']);
    expect(r.buildFailures).toHaveLength(1);
  });

  it('reads a log that is only a build failure', () => {
    const r = parseGoTest('m.txt', '$ go test ./x\nx/a_test.go:3:2: declared and not used: y\nFAIL\texample.com/m/x [build failed]\nFAIL\n')!;
    expect(r.cases).toEqual([]);
    expect(r.buildFailures.map((b) => b.suite)).toEqual(['example.com/m/x']);
  });

  it('reads -json event streams, build failures included', () => {
    const ev = (o: object) => JSON.stringify({ Time: '2025-01-01T00:00:00Z', ...o });
    const json = [
      ev({ Action: 'run', Package: 'p', Test: 'TestX' }),
      ev({ Action: 'run', Package: 'p', Test: 'TestX/a' }),
      ev({ Action: 'output', Package: 'p', Test: 'TestX/a', Output: '    x_test.go:5: boom\n' }),
      ev({ Action: 'fail', Package: 'p', Test: 'TestX/a', Elapsed: 0 }),
      ev({ Action: 'fail', Package: 'p', Test: 'TestX', Elapsed: 0 }),
      ev({ Action: 'pass', Package: 'p', Test: 'TestY', Elapsed: 0 }),
      ev({ Action: 'fail', Package: 'p', Elapsed: 0.1 }),
      ev({ Action: 'output', Package: 'q', Output: 'FAIL\tq [build failed]\n' }),
    ].join('\n');
    const r = parseGoTestJson('x.json', json)!;
    expect(outcomes(r)).toEqual(['TestX/a:fail', 'TestX:fail', 'TestY:pass']);
    expect(r.cases[0]!.message).toBe('x_test.go:5: boom');
    expect(r.cases[0]!.parent).toBe('p.TestX');
    expect(r.buildFailures.map((b) => b.suite)).toEqual(['q']);
  });

  it('is not fooled by a build log or a report that mentions PASS', () => {
    expect(parseTestOutput('build.txt', '$ go build ./...\n# m/x\nx/a.go:7:1: syntax error: imports must appear before other declarations\n')).toBeNull();
    expect(parseTestOutput('notes.txt', 'The PASS rate went up. Everything is ok now.\n')).toBeNull();
    expect(parseTestOutput('package.json', '{ "name": "x", "scripts": { "test": "jest" } }')).toBeNull();
  });
});

describe('pytest and unittest', () => {
  const verbose = [
    '============================= test session starts ==============================',
    'collecting ... collected 4 items',
    '',
    'tests/test_a.py::ATests::test_one PASSED [ 25%]',
    'tests/test_a.py::ATests::test_two FAILED [ 50%]',
    'tests/test_b.py::test_param[1-2] PASSED [ 75%]',
    'tests/test_b.py::test_skip SKIPPED (no db) [100%]',
    '',
    '=================================== FAILURES ===================================',
    '_______________________________ ATests.test_two ________________________________',
    'E       AssertionError: 1 != 2',
    '=========================== short test summary info ============================',
    'FAILED tests/test_a.py::ATests::test_two',
    '=================== 1 failed, 2 passed, 1 skipped in 0.10s ====================',
  ].join('\n');

  it('counts pytest -v result lines, not the short summary, and keeps the summary apart', () => {
    const r = parsePytest('out.txt', verbose)!;
    expect(outcomes(r)).toEqual(['ATests::test_one:pass', 'ATests::test_two:fail', 'test_param[1-2]:pass', 'test_skip:skip']);
    expect(r.cases[1]!.message).toBe('AssertionError: 1 != 2');
    expect(r.cases[0]!.id).toBe('tests.test_a.ATests.test_one');
    expect(r.summary).toMatchObject({ passed: 2, failed: 1, skipped: 1 });
    expect(summaryDisagreement(r)).toBeNull();
  });

  it('reports a log whose summary line disagrees with its own result lines', () => {
    const doctored = verbose.replace('1 failed, 2 passed', '0 failed, 3 passed');
    expect(summaryDisagreement(parsePytest('out.txt', doctored)!)).toMatch(/says 3 passed \(counted 2\), 0 failed \(counted 1\)/);
  });

  it('counts the progress characters of non-verbose pytest one by one', () => {
    const r = parsePytest('p.txt', '============ test session starts ============\ntests/test_a.py ..F.  [ 80%]\ntests/test_b.py s  [100%]\n====== 1 failed, 3 passed, 1 skipped in 0.2s ======\n')!;
    expect(r.cases.map((c) => c.outcome)).toEqual(['pass', 'pass', 'fail', 'pass', 'skip']);
  });

  it('maps node ids and JUnit class names to the same test id', () => {
    expect(pythonTestId('tests/test_gitops.py::GitOpsSourceTests::test_x')).toBe('tests.test_gitops.GitOpsSourceTests.test_x');
  });

  it('reads unittest verbose output in the old and the 3.11 formats', () => {
    const r = parseUnittest('u.txt', ['test_a (pkg.tests.T) ... ok', 'test_b (pkg.tests.T.test_b) ... FAIL', "test_c (pkg.tests.T) ... skipped 'slow'", '', '----', 'Ran 3 tests in 0.003s', '', 'FAILED (failures=1, skipped=1)'].join('\n'))!;
    expect(r.cases.map((c) => `${c.id}:${c.outcome}`)).toEqual(['pkg.tests.T.test_a:pass', 'pkg.tests.T.test_b:fail', 'pkg.tests.T.test_c:skip']);
    expect(r.summary).toMatchObject({ total: 3, failed: 1, skipped: 1, passed: 1 });
    expect(summaryDisagreement(r)).toBeNull();
  });
});

describe('jest and vitest', () => {
  const quiet = [
    'PASS __tests__/a.test.ts',
    'FAIL __tests__/b.test.ts',
    '  ● B › does the thing',
    '',
    '    expect(received).toBe(expected)',
    '',
    '      at Object.<anonymous> (__tests__/b.test.ts:3:5)',
    '',
    'Test Suites: 1 failed, 1 passed, 2 total',
    'Tests:       1 failed, 5 passed, 6 total',
  ].join('\n');

  it('without --verbose: failures listed one by one, passes from the summary only', () => {
    const r = parseJest('j.txt', quiet)!;
    expect(r.listsPasses).toBe(false);
    expect(outcomes(r)).toEqual(['B › does the thing:fail']);
    expect(r.cases[0]!.message).toBe('expect(received).toBe(expected)');
    expect(r.summary).toMatchObject({ failed: 1, passed: 5, total: 6 });
    expect(r.suiteSummary).toMatchObject({ failed: 1, passed: 1, total: 2 });
    expect(summaryDisagreement(r)).toBeNull();
    expect(summaryDisagreement(parseJest('j.txt', quiet.replace('Tests:       1 failed', 'Tests:       2 failed'))!)).toMatch(/says 2 failed, but it lists 1/);
  });

  it('with --verbose: every test, with its describe path', () => {
    const r = parseJest('v.txt', ['PASS src/x.test.ts', '  Outer', '    Inner', '      ✓ works (3 ms)', '      ✕ breaks (1 ms)', '    ○ skipped later', 'Tests:       1 failed, 1 skipped, 1 passed, 3 total'].join('\n'))!;
    expect(r.listsPasses).toBe(true);
    expect(outcomes(r)).toEqual(['Outer › Inner › works:pass', 'Outer › Inner › breaks:fail', 'Outer › later:skip']);
  });

  it('reads vitest summaries and verbose lines', () => {
    const r = parseVitest('vt.txt', [' ✓ src/a.test.ts > A > one 2ms', ' × src/a.test.ts > A > two 3ms', ' ✓ src/a.test.ts (2 tests | 1 failed) 5ms', '', ' Test Files  1 failed (1)', '      Tests  1 failed | 1 passed (2)'].join('\n'))!;
    expect(outcomes(r)).toEqual(['A › one:pass', 'A › two:fail']);
    expect(r.summary).toMatchObject({ failed: 1, passed: 1, total: 2 });
  });
});

describe('JUnit XML', () => {
  it('counts testcase elements and compares with the declared totals', () => {
    const xml = `<?xml version="1.0"?><testsuites><testsuite name="s" tests="4" failures="1" errors="1" skipped="1">
<testcase classname="m.T" name="a"/>
<testcase classname="m.T" name="b"><failure message="boom&amp;bust">trace</failure></testcase>
<testcase classname="m.T" name="c"><error message="E"/></testcase>
<testcase classname="m.T" name="d"><skipped/></testcase>
</testsuite></testsuites>`;
    const r = parseJunitXml('j.xml', xml)!;
    expect(r.cases.map((c) => `${c.id}:${c.outcome}`)).toEqual(['m.T.a:pass', 'm.T.b:fail', 'm.T.c:error', 'm.T.d:skip']);
    expect(r.cases[1]!.message).toBe('boom&bust');
    expect(summaryDisagreement(r)).toBeNull();
    expect(summaryDisagreement(parseJunitXml('j.xml', xml.replace('failures="1"', 'failures="0"'))!)).toMatch(/1 passed \(counted 1\)|failed \(counted 1\)/);
  });

  it('ignores testcases inside comments', () => {
    const r = parseJunitXml('j.xml', '<testsuite tests="1"><!-- <testcase name="old"/> --><testcase name="new"/></testsuite>')!;
    expect(r.cases.map((c) => c.name)).toEqual(['new']);
  });
});

describe('coverage profiles', () => {
  it('Go: statements covered, a block repeated by merged profiles counted once', () => {
    const r = parseGoCover('c.out', 'mode: set\nm/a/x.go:1.1,2.2 3 1\nm/a/x.go:3.1,4.2 2 0\nm/a/x.go:3.1,4.2 2 1\nm/b/y.go:1.1,2.2 5 0\n')!;
    expect(r.files.map((f) => `${f.path}:${f.statements!.hit}/${f.statements!.found}`)).toEqual(['m/a/x.go:5/5', 'm/b/y.go:0/5']);
  });

  it('LCOV: lines counted from DA records; functions from FN records, same-named ones apart, orphan FNDA ignored', () => {
    const lcov = ['SF:src/a.ts', 'FN:1,constructor', 'FN:9,constructor', 'FN:12,run', 'FNDA:1,constructor', 'FNDA:0,constructor', 'FNDA:2,run', 'FNDA:5,ghost', 'FNF:3', 'FNH:2', 'DA:1,1', 'DA:2,0', 'DA:3,4', 'LF:3', 'LH:2', 'end_of_record'].join('\n');
    const r = parseLcov('lcov.info', lcov)!;
    expect(r.files[0]).toMatchObject({ lines: { hit: 2, found: 3 }, functions: { hit: 2, found: 3 } });
    expect(r.notes).toEqual([]);
    const lying = parseLcov('lcov.info', lcov.replace('LH:2', 'LH:3'))!;
    expect(lying.notes[0]).toMatch(/LF\/LH say 3\/3, its DA lines count 2\/3/);
  });

  it('Cobertura: lines per file, methods repeating class lines counted once', () => {
    const xml = '<coverage line-rate="0.5" lines-covered="1" lines-valid="2"><packages><package><classes><class filename="p/a.py"><methods><method><lines><line number="1" hits="1"/></lines></method></methods><lines><line number="1" hits="1"/><line number="2" hits="0"/></lines></class></classes></package></packages></coverage>';
    const r = parseCobertura('coverage.xml', xml)!;
    expect(r.files).toMatchObject([{ path: 'p/a.py', lines: { hit: 1, found: 2 } }]);
    expect(r.notes).toEqual([]);
  });

  it('a file that is not a profile is not one', () => {
    expect(parseCoverage('x.out', 'mode: fast\nnothing')).toBeNull();
    expect(parseCoverage('notes.txt', 'SF: see the docs')).toBeNull();
  });
});
