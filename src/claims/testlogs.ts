/**
 * Test output and coverage data committed in a repository, read into one
 * model whatever the tool: `go test` (text and `-json`), pytest, unittest,
 * jest, vitest, JUnit XML; coverage profiles of Go (`coverage.out`), LCOV and
 * Cobertura. Individual results are counted line by line; a tool's own summary
 * line is kept beside the count, never instead of it, so a log whose summary
 * disagrees with its own lines can be reported as such.
 *
 * Pure functions of a file's text: no reads, no git.
 */
import { lineOfOffset, lineStarts } from '../repo/text.js';

export type TestOutcome = 'pass' | 'fail' | 'skip' | 'error';

export type TestFormat = 'go-test' | 'go-test-json' | 'pytest' | 'unittest' | 'jest' | 'vitest' | 'junit-xml';

/** One test result as the log reports it. */
export interface TestCase {
  /** The name as the tool prints it: `TestStatus/no_peers`, `test_x`, `Suite › name`. */
  name: string;
  /** Canonical id used to merge the same test across logs (`pkg.TestX/sub`, `tests.test_mod.Class.test_x`). */
  id: string;
  /** Id of the enclosing test (Go subtests), else null. */
  parent: string | null;
  /** Package (Go), file (pytest, jest, vitest) or class (JUnit, unittest) the test belongs to. */
  suite: string | null;
  /** The test's source file when the log names it. */
  file: string | null;
  outcome: TestOutcome;
  /** 1-based line of the result in the log. */
  line: number;
  /** First line of the failure message, for failed tests. */
  message?: string;
}

/** A suite-level result: a Go package, a jest/vitest test file, a JUnit testsuite. */
export interface SuiteResult {
  name: string;
  outcome: 'pass' | 'fail' | 'build-failed' | 'skip';
  line: number;
}

/** Numbers of a tool's own summary line. */
export interface TestSummary {
  passed?: number;
  failed?: number;
  skipped?: number;
  errors?: number;
  total?: number;
  line: number;
  text: string;
}

export interface TestRun {
  path: string;
  format: TestFormat;
  cases: TestCase[];
  /**
   * False when the log lists only some results one by one (jest and vitest
   * without a verbose reporter print failures only): passes then come from
   * the summary line alone.
   */
  listsPasses: boolean;
  suites: SuiteResult[];
  summary: TestSummary | null;
  /** Suite counts of the summary (`Test Suites: 3 failed, 1 passed, 4 total`). */
  suiteSummary: TestSummary | null;
  /** Packages or files whose tests never ran: build or setup failures, "Test suite failed to run". */
  buildFailures: { suite: string; line: number; text: string }[];
}


function lines(text: string): string[] {
  return text.replace(/\r\n?/g, '\n').split('\n');
}

/** `3 failed, 12 passed, 15 total` / `2 failed, 12 passed in 0.96s` / `1 failed | 11 passed (12)`. */
function summaryCounts(s: string): Omit<TestSummary, 'line' | 'text'> {
  const out: Omit<TestSummary, 'line' | 'text'> = {};
  for (const m of s.matchAll(/(\d+)\s+(passed|passing|failed|failing|failures?|skipped|pending|todo|errors?|xfailed|xpassed|total|deselected)\b/gi)) {
    const n = Number(m[1]);
    const w = m[2]!.toLowerCase();
    if (w.startsWith('pass') || w === 'xpassed') out.passed = (out.passed ?? 0) + n;
    else if (w.startsWith('fail')) out.failed = (out.failed ?? 0) + n;
    else if (w === 'skipped' || w === 'pending' || w === 'todo' || w === 'xfailed') out.skipped = (out.skipped ?? 0) + n;
    else if (w.startsWith('error')) out.errors = (out.errors ?? 0) + n;
    else if (w === 'total') out.total = n;
  }
  return out;
}

// ---------------------------------------------------------------------------
// go test

const GO_RESULT = /^(\s*)--- (PASS|FAIL|SKIP): (\S+) \(/;
const GO_PKG_OK = /^ok\s+(\S+)(?:\s|$)/;
const GO_PKG_FAIL = /^FAIL\s+(\S+)\s+(?:\[(build|setup) failed\]|[\d.]+s)/;
const GO_NO_TESTS = /^\?\s+(\S+)\s+\[no test files\]/;

function goParent(pkg: string | null, name: string): string | null {
  const i = name.lastIndexOf('/');
  return i > 0 ? goId(pkg, name.slice(0, i)) : null;
}
const goId = (pkg: string | null, name: string) => (pkg ? `${pkg}.${name}` : name);

export function parseGoTest(path: string, text: string): TestRun | null {
  const ls = lines(text);
  if (!ls.some((l) => GO_RESULT.test(l) || /^=== RUN\s/.test(l) || GO_PKG_OK.test(l) || GO_PKG_FAIL.test(l))) return null;
  const cases: TestCase[] = [];
  const suites: SuiteResult[] = [];
  const buildFailures: TestRun['buildFailures'] = [];
  let pending: TestCase[] = [];
  // Output lines since each test's `=== RUN`, for the failure message.
  const output = new Map<string, string[]>();
  let current: string | null = null;
  ls.forEach((l, i) => {
    const run = /^=== (?:RUN|CONT)\s+(\S+)/.exec(l);
    if (run) {
      current = run[1]!;
      if (!output.has(current)) output.set(current, []);
      return;
    }
    const r = GO_RESULT.exec(l);
    if (r) {
      const name = r[3]!;
      const outcome: TestOutcome = r[2] === 'PASS' ? 'pass' : r[2] === 'FAIL' ? 'fail' : 'skip';
      const msg = outcome === 'fail' ? (output.get(name) ?? []).find((x) => x.trim()) : undefined;
      pending.push({ name, id: name, parent: null, suite: null, file: null, outcome, line: i + 1, ...(msg ? { message: msg.trim() } : {}) });
      return;
    }
    const ok = GO_PKG_OK.exec(l);
    const fail = GO_PKG_FAIL.exec(l);
    const pkg = ok?.[1] ?? fail?.[1] ?? null;
    if (pkg) {
      for (const c of pending) {
        c.suite = pkg;
        c.id = goId(pkg, c.name);
        c.parent = goParent(pkg, c.name);
      }
      cases.push(...pending);
      pending = [];
      if (fail?.[2]) {
        suites.push({ name: pkg, outcome: 'build-failed', line: i + 1 });
        buildFailures.push({ suite: pkg, line: i + 1, text: l.trim() });
      } else suites.push({ name: pkg, outcome: ok ? 'pass' : 'fail', line: i + 1 });
      current = null;
      return;
    }
    const none = GO_NO_TESTS.exec(l);
    if (none) {
      suites.push({ name: none[1]!, outcome: 'skip', line: i + 1 });
      return;
    }
    if (current && /^\s+\S/.test(l) && !/^\s*--- /.test(l)) output.get(current)!.push(l);
  });
  // A log cut before its package line: the tests still count, without a package.
  for (const c of pending) c.parent = goParent(null, c.name);
  cases.push(...pending);
  return { path, format: 'go-test', cases, listsPasses: true, suites, summary: null, suiteSummary: null, buildFailures };
}

interface GoEvent {
  Action?: string;
  Package?: string;
  Test?: string;
  Output?: string;
}

export function parseGoTestJson(path: string, text: string): TestRun | null {
  const ls = lines(text);
  const events: { e: GoEvent; line: number }[] = [];
  ls.forEach((l, i) => {
    const t = l.trim();
    if (!t.startsWith('{')) return;
    try {
      const e = JSON.parse(t) as GoEvent;
      if (e && typeof e === 'object' && typeof e.Action === 'string') events.push({ e, line: i + 1 });
    } catch {
      /* a non-JSON line inside the stream (build output) is skipped */
    }
  });
  if (events.length === 0) return null;
  const cases: TestCase[] = [];
  const suites: SuiteResult[] = [];
  const buildFailures: TestRun['buildFailures'] = [];
  const output = new Map<string, string[]>();
  for (const { e, line } of events) {
    const pkg = e.Package ?? null;
    if (e.Action === 'output' && e.Test) {
      const key = goId(pkg, e.Test);
      const o = (e.Output ?? '').replace(/\n$/, '');
      if (!/^\s*(=== |--- )/.test(o)) (output.get(key) ?? output.set(key, []).get(key)!).push(o);
      continue;
    }
    if (e.Action === 'output' && !e.Test && /\[(build|setup) failed\]/.test(e.Output ?? '')) {
      buildFailures.push({ suite: pkg ?? '', line, text: (e.Output ?? '').trim() });
      suites.push({ name: pkg ?? '', outcome: 'build-failed', line });
      continue;
    }
    if (e.Action === 'build-fail') {
      buildFailures.push({ suite: pkg ?? '', line, text: 'build failed' });
      continue;
    }
    if (e.Action !== 'pass' && e.Action !== 'fail' && e.Action !== 'skip') continue;
    const outcome: TestOutcome = e.Action === 'pass' ? 'pass' : e.Action === 'fail' ? 'fail' : 'skip';
    if (e.Test) {
      const id = goId(pkg, e.Test);
      const msg = outcome === 'fail' ? (output.get(id) ?? []).find((x) => x.trim()) : undefined;
      cases.push({ name: e.Test, id, parent: goParent(pkg, e.Test), suite: pkg, file: null, outcome, line, ...(msg ? { message: msg.trim() } : {}) });
    } else if (pkg && !suites.some((s) => s.name === pkg && s.outcome === 'build-failed')) {
      suites.push({ name: pkg, outcome, line });
    }
  }
  return { path, format: 'go-test-json', cases, listsPasses: true, suites, summary: null, suiteSummary: null, buildFailures };
}

// ---------------------------------------------------------------------------
// pytest

const PYTEST_VERBOSE = /^(\S[^\s:]*::.+?)\s+(PASSED|FAILED|ERROR|SKIPPED|XFAIL|XPASS)(?:\s+\([^)]*\))?(?:\s+\[\s*\d+%\])?\s*$/;
const PYTEST_PROGRESS = /^(\S+\.py)\s+([.FEsxX]+)(?:\s+\[\s*\d+%\])?\s*$/;
const PYTEST_FINAL = /^=+ (.*\b(?:passed|failed|error|errors|skipped|xfailed|xpassed|no tests ran)\b.*?) in [\d.]+s(?: \([^)]*\))? =+$/;

/** `tests/test_x.py::Class::test_y[param]` → `tests.test_x.Class.test_y[param]`. */
export function pythonTestId(nodeId: string): string {
  const [file, ...rest] = nodeId.split('::');
  const mod = file!.replace(/\.py$/, '').replace(/[\\/]/g, '.');
  return [mod, ...rest].join('.');
}

function pytestOutcome(w: string): TestOutcome {
  if (w === 'PASSED' || w === 'XPASS' || w === '.' || w === 'X') return 'pass';
  if (w === 'FAILED' || w === 'F') return 'fail';
  if (w === 'ERROR' || w === 'E') return 'error';
  return 'skip';
}

export function parsePytest(path: string, text: string): TestRun | null {
  const ls = lines(text);
  const looks = ls.some((l) => /^=+ test session starts =+$/.test(l) || PYTEST_FINAL.test(l) || PYTEST_VERBOSE.test(l));
  if (!looks) return null;
  const cases: TestCase[] = [];
  let summary: TestSummary | null = null;
  let inShortSummary = false;
  const messages = new Map<string, string>();
  let failureHeader: string | null = null;
  ls.forEach((l, i) => {
    if (/^=+ short test summary info =+$/.test(l)) inShortSummary = true;
    const fin = PYTEST_FINAL.exec(l);
    if (fin) {
      summary = { ...summaryCounts(fin[1]!), line: i + 1, text: l.replace(/^=+\s*|\s*=+$/g, '') };
      inShortSummary = false;
      return;
    }
    const head = /^_{3,} (.+?) _{3,}$/.exec(l);
    if (head) {
      failureHeader = head[1]!;
      return;
    }
    if (failureHeader && /^E\s+\S/.test(l) && !messages.has(failureHeader)) messages.set(failureHeader, l.replace(/^E\s+/, '').trim());
    if (inShortSummary) return;
    const v = PYTEST_VERBOSE.exec(l);
    if (v) {
      const nodeId = v[1]!;
      const file = nodeId.split('::')[0]!;
      cases.push({ name: nodeId.split('::').slice(1).join('::'), id: pythonTestId(nodeId), parent: null, suite: file, file, outcome: pytestOutcome(v[2]!), line: i + 1 });
      return;
    }
    const p = PYTEST_PROGRESS.exec(l);
    if (p) {
      [...p[2]!].forEach((ch, k) => {
        cases.push({ name: `${p[1]} #${k + 1}`, id: `${p[1]}#${k + 1}`, parent: null, suite: p[1]!, file: p[1]!, outcome: pytestOutcome(ch), line: i + 1 });
      });
    }
  });
  // The FAILURES section names a test `Class.test_x` (or `test_x`): attach its first `E` line.
  for (const c of cases) {
    if (c.outcome !== 'fail' && c.outcome !== 'error') continue;
    const key = c.name.replace(/::/g, '.');
    const msg = messages.get(key) ?? messages.get(key.split('.').pop()!);
    if (msg) c.message = msg;
  }
  return { path, format: 'pytest', cases, listsPasses: true, suites: [], summary, suiteSummary: null, buildFailures: [] };
}

// ---------------------------------------------------------------------------
// unittest

const UNITTEST_LINE = /^(\w+) \(([\w.]+)\)(?:\s+\S.*?)?\s+\.\.\.\s+(ok|FAIL|ERROR|skipped\b.*|expected failure|unexpected success)\s*$/;

export function parseUnittest(path: string, text: string): TestRun | null {
  const ls = lines(text);
  const ranIdx = ls.findIndex((l) => /^Ran \d+ tests? in [\d.]+s$/.test(l.trim()));
  const verbose = ls.some((l) => UNITTEST_LINE.test(l));
  if (ranIdx < 0 && !verbose) return null;
  const cases: TestCase[] = [];
  ls.forEach((l, i) => {
    const m = UNITTEST_LINE.exec(l);
    if (!m) return;
    const name = m[1]!;
    // Python 3.11+ prints `(module.Class.test_x)`, older versions `(module.Class)`.
    const cls = m[2]!.endsWith('.' + name) ? m[2]!.slice(0, -name.length - 1) : m[2]!;
    const w = m[3]!;
    const outcome: TestOutcome = w === 'ok' || w === 'unexpected success' ? 'pass' : w === 'FAIL' ? 'fail' : w === 'ERROR' ? 'error' : 'skip';
    cases.push({ name, id: `${cls}.${name}`, parent: null, suite: cls, file: null, outcome, line: i + 1 });
  });
  let summary: TestSummary | null = null;
  if (ranIdx >= 0) {
    const total = Number(/^Ran (\d+)/.exec(ls[ranIdx]!.trim())![1]);
    const verdictIdx = ls.findIndex((l, i) => i > ranIdx && /^(OK|FAILED)\b/.test(l.trim()));
    const verdict = verdictIdx >= 0 ? ls[verdictIdx]!.trim() : '';
    const num = (k: string) => Number(new RegExp(`${k}=(\\d+)`).exec(verdict)?.[1] ?? 0);
    const failed = num('failures');
    const errors = num('errors');
    const skipped = num('skipped') + num('expected failures');
    summary = { total, failed, errors, skipped, passed: total - failed - errors - skipped, line: ranIdx + 1, text: `${ls[ranIdx]!.trim()} ${verdict}`.trim() };
  }
  return { path, format: 'unittest', cases, listsPasses: verbose, suites: [], summary, suiteSummary: null, buildFailures: [] };
}

// ---------------------------------------------------------------------------
// jest

const JEST_SUITE = /^\s*(PASS|FAIL)\s+(\S+\.(?:[cm]?[jt]sx?))(?:\s|$)/;
const JEST_CASE = /^(\s+)(✓|√|✕|×|○|✎)\s+(?:(?:skipped|todo)\s+)?(.+?)(?:\s+\(\d+(?:\.\d+)?\s*m?s\))?\s*$/;
const JEST_FAILURE = /^\s*●\s+(.+?)\s*$/;

export function parseJest(path: string, text: string): TestRun | null {
  const ls = lines(text);
  const sumIdx = ls.findIndex((l) => /^Tests:\s+.*\btotal\b/.test(l.trim()));
  const suiteIdx = ls.findIndex((l) => /^Test Suites:\s+.*\btotal\b/.test(l.trim()));
  if (sumIdx < 0 && suiteIdx < 0 && !ls.some((l) => JEST_SUITE.test(l))) return null;
  if (sumIdx < 0 && suiteIdx < 0 && !ls.some((l) => JEST_CASE.test(l) || JEST_FAILURE.test(l))) return null;
  const cases: TestCase[] = [];
  const suites: SuiteResult[] = [];
  const buildFailures: TestRun['buildFailures'] = [];
  const failures: { name: string; line: number; message?: string; suite: string | null }[] = [];
  let suite: string | null = null;
  // Describe titles by indentation, for the full `A › B › test` name of verbose lines.
  let stack: { indent: number; title: string }[] = [];
  let lastFailure: (typeof failures)[number] | null = null;
  ls.forEach((l, i) => {
    const s = JEST_SUITE.exec(l);
    if (s) {
      suite = s[2]!;
      suites.push({ name: suite, outcome: s[1] === 'PASS' ? 'pass' : 'fail', line: i + 1 });
      stack = [];
      lastFailure = null;
      return;
    }
    const f = JEST_FAILURE.exec(l);
    if (f) {
      const name = f[1]!;
      if (/^Console\b/.test(name)) return;
      if (/^Test suite failed to run\b/.test(name)) {
        buildFailures.push({ suite: suite ?? '', line: i + 1, text: name });
        return;
      }
      lastFailure = { name, line: i + 1, suite };
      failures.push(lastFailure);
      return;
    }
    if (lastFailure && !lastFailure.message && l.trim() && !/^\s*at\s/.test(l)) {
      lastFailure.message = l.trim();
      return;
    }
    if (lastFailure) return;
    const c = JEST_CASE.exec(l);
    if (c && suite) {
      const indent = c[1]!.length;
      stack = stack.filter((x) => x.indent < indent);
      const full = [...stack.map((x) => x.title), c[3]!].join(' › ');
      const mark = c[2]!;
      const outcome: TestOutcome = mark === '✓' || mark === '√' ? 'pass' : mark === '✕' || mark === '×' ? 'fail' : 'skip';
      cases.push({ name: full, id: `${suite}::${full}`, parent: null, suite, file: suite, outcome, line: i + 1 });
      return;
    }
    const title = /^(\s+)(\S.*?)\s*$/.exec(l);
    if (title && suite && !/^\s*(Tests|Test Suites|Snapshots|Time|Ran all)\b/.test(l) && !/[|]/.test(l)) {
      const indent = title[1]!.length;
      stack = stack.filter((x) => x.indent < indent);
      stack.push({ indent, title: title[2]! });
    }
  });
  const verbose = cases.length > 0;
  if (!verbose) {
    const seen = new Set<string>();
    for (const f of failures) {
      const key = `${f.suite ?? ''}::${f.name}`;
      if (seen.has(key)) continue;
      seen.add(key);
      cases.push({ name: f.name, id: key, parent: null, suite: f.suite, file: f.suite, outcome: 'fail', line: f.line, ...(f.message ? { message: f.message } : {}) });
    }
  } else {
    for (const c of cases) {
      const f = failures.find((x) => x.name === c.name && x.suite === c.suite);
      if (c.outcome === 'fail' && f?.message) c.message = f.message;
    }
  }
  const summary = sumIdx >= 0 ? { ...summaryCounts(ls[sumIdx]!), line: sumIdx + 1, text: ls[sumIdx]!.trim() } : null;
  const suiteSummary = suiteIdx >= 0 ? { ...summaryCounts(ls[suiteIdx]!), line: suiteIdx + 1, text: ls[suiteIdx]!.trim() } : null;
  return { path, format: 'jest', cases, listsPasses: verbose, suites, summary, suiteSummary, buildFailures };
}

// ---------------------------------------------------------------------------
// vitest

const VITEST_FILE = /^\s*(✓|❯|×|↓)\s+(\S+\.(?:[cm]?[jt]sx?))\s+\((\d+) tests?(?:\s*\|\s*(\d+) failed)?[^)]*\)/;
const VITEST_CASE = /^\s*(✓|×|✗|↓)\s+(\S+\.(?:[cm]?[jt]sx?))\s+>\s+(.+?)(?:\s+\d+(?:\.\d+)?m?s)?\s*$/;
const VITEST_FAIL = /^\s*FAIL\s+(\S+\.(?:[cm]?[jt]sx?))\s+>\s+(.+?)\s*$/;

export function parseVitest(path: string, text: string): TestRun | null {
  const ls = lines(text);
  const sumIdx = ls.findIndex((l) => /^\s*Tests\s+.*\(\d+\)\s*$/.test(l) && /\b(passed|failed)\b/.test(l));
  const filesIdx = ls.findIndex((l) => /^\s*Test Files\s+.*\(\d+\)\s*$/.test(l));
  if (sumIdx < 0 && filesIdx < 0) return null;
  const cases: TestCase[] = [];
  const suites: SuiteResult[] = [];
  const seen = new Set<string>();
  ls.forEach((l, i) => {
    const f = VITEST_FILE.exec(l);
    if (f) {
      suites.push({ name: f[2]!, outcome: f[1] === '✓' ? 'pass' : f[1] === '↓' ? 'skip' : 'fail', line: i + 1 });
      return;
    }
    const c = VITEST_CASE.exec(l) ?? null;
    const fl = c ? null : VITEST_FAIL.exec(l);
    if (!c && !fl) return;
    const file = (c ? c[2] : fl![1])!;
    const name = (c ? c[3] : fl![2])!.replace(/\s+>\s+/g, ' › ');
    const id = `${file}::${name}`;
    if (seen.has(id)) return;
    seen.add(id);
    const outcome: TestOutcome = c ? (c[1] === '✓' ? 'pass' : c[1] === '↓' ? 'skip' : 'fail') : 'fail';
    cases.push({ name, id, parent: null, suite: file, file, outcome, line: i + 1 });
  });
  const parse = (idx: number): TestSummary | null => {
    if (idx < 0) return null;
    const l = ls[idx]!;
    return { ...summaryCounts(l), total: Number(/\((\d+)\)\s*$/.exec(l)![1]), line: idx + 1, text: l.trim() };
  };
  return { path, format: 'vitest', cases, listsPasses: cases.some((c) => c.outcome === 'pass'), suites, summary: parse(sumIdx), suiteSummary: parse(filesIdx), buildFailures: [] };
}

// ---------------------------------------------------------------------------
// JUnit XML

function xmlAttrs(s: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const m of s.matchAll(/([\w:.-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g)) out[m[1]!] = decodeXml(m[2] ?? m[3] ?? '');
  return out;
}

function decodeXml(s: string): string {
  return s.replace(/&(lt|gt|amp|quot|apos|#\d+|#x[0-9a-f]+);/gi, (all, e: string) => {
    const k = e.toLowerCase();
    if (k === 'lt') return '<';
    if (k === 'gt') return '>';
    if (k === 'amp') return '&';
    if (k === 'quot') return '"';
    if (k === 'apos') return "'";
    const code = k.startsWith('#x') ? parseInt(k.slice(2), 16) : parseInt(k.slice(1), 10);
    return Number.isFinite(code) ? String.fromCodePoint(code) : all;
  });
}

export function parseJunitXml(path: string, text: string): TestRun | null {
  if (!/<testsuites?\b/.test(text) || !/<testcase\b/.test(text)) return null;
  const starts = lineStarts(text);
  const cases: TestCase[] = [];
  const suites: SuiteResult[] = [];
  let current: TestCase | null = null;
  const suiteStack: { name: string; attrs: Record<string, string>; line: number; failed: boolean }[] = [];
  let top: Record<string, string> | null = null;
  const declared = { tests: 0, failures: 0, errors: 0, skipped: 0, any: false };
  const text2 = text.replace(/<!--[\s\S]*?-->/g, (m) => m.replace(/[^\n]/g, ' ')).replace(/<!\[CDATA\[[\s\S]*?\]\]>/g, (m) => m.replace(/[^\n]/g, ' '));
  for (const m of text2.matchAll(/<(\/?)(testsuites|testsuite|testcase|failure|error|skipped)\b([^>]*?)(\/?)>/g)) {
    const closing = m[1] === '/';
    const tag = m[2]!;
    const attrs = closing ? {} : xmlAttrs(m[3]!);
    const selfClosing = m[4] === '/';
    const line = lineOfOffset(starts, m.index!);
    if (tag === 'testsuites') {
      if (!closing) top = attrs;
      continue;
    }
    if (tag === 'testsuite') {
      if (!closing) {
        // Only outermost suites carry the totals; nested ones repeat part of them.
        if (suiteStack.length === 0 && attrs.tests !== undefined) {
          declared.any = true;
          declared.tests += Number(attrs.tests) || 0;
          declared.failures += Number(attrs.failures) || 0;
          declared.errors += Number(attrs.errors) || 0;
          declared.skipped += Number(attrs.skipped ?? attrs.skips) || 0;
        }
        const s = { name: attrs.name ?? '', attrs, line, failed: false };
        if (selfClosing) suites.push({ name: s.name, outcome: 'pass', line });
        else suiteStack.push(s);
      } else {
        const s = suiteStack.pop();
        if (s) suites.push({ name: s.name, outcome: s.failed ? 'fail' : 'pass', line: s.line });
      }
      continue;
    }
    if (tag === 'testcase') {
      if (closing) {
        current = null;
        continue;
      }
      const cls = attrs.classname ?? attrs.class ?? suiteStack[suiteStack.length - 1]?.name ?? '';
      const name = attrs.name ?? '';
      const c: TestCase = { name, id: cls ? `${cls}.${name}` : name, parent: null, suite: cls || null, file: attrs.file ?? null, outcome: 'pass', line };
      cases.push(c);
      current = selfClosing ? null : c;
      continue;
    }
    if (!current || closing) continue;
    if (tag === 'failure' || tag === 'error') {
      current.outcome = tag === 'failure' ? 'fail' : 'error';
      const msg = attrs.message ?? attrs.type;
      if (msg) current.message = msg.split('\n')[0]!.trim();
      for (const s of suiteStack) s.failed = true;
    } else if (tag === 'skipped' && current.outcome === 'pass') current.outcome = 'skip';
  }
  const sum = top && top.tests !== undefined ? { tests: Number(top.tests) || 0, failures: Number(top.failures) || 0, errors: Number(top.errors) || 0, skipped: Number(top.skipped ?? top.disabled) || 0 } : declared.any ? declared : null;
  const summary: TestSummary | null = sum
    ? {
        total: sum.tests,
        failed: sum.failures,
        errors: sum.errors,
        skipped: sum.skipped,
        passed: sum.tests - sum.failures - sum.errors - sum.skipped,
        line: 1,
        text: `tests="${sum.tests}" failures="${sum.failures}" errors="${sum.errors}" skipped="${sum.skipped}"`,
      }
    : null;
  return { path, format: 'junit-xml', cases, listsPasses: true, suites, summary, suiteSummary: null, buildFailures: [] };
}

/** Reads a file as test output of any supported tool, or null when it is not one. */
export function parseTestOutput(path: string, text: string): TestRun | null {
  const head = text.slice(0, 4096);
  if (/^\s*\{.*"Action"\s*:/m.test(head)) {
    const r = parseGoTestJson(path, text);
    if (r && (r.cases.length || r.suites.length)) return r;
  }
  if (/<testsuites?\b/.test(head) || /<testcase\b/.test(text.slice(0, 65536))) {
    const r = parseJunitXml(path, text);
    if (r) return r;
  }
  for (const parse of [parsePytest, parseJest, parseVitest, parseUnittest, parseGoTest]) {
    const r = parse(path, text);
    if (r && (r.cases.length || r.suites.length || r.summary || r.buildFailures.length)) return r;
  }
  return null;
}

// ---------------------------------------------------------------------------
// Coverage

/** Covered / total units of one metric. */
export interface Ratio {
  hit: number;
  found: number;
}

export interface CoverageFile {
  /** The path as the profile writes it (import path for Go, SF for LCOV, filename for Cobertura). */
  path: string;
  statements?: Ratio;
  lines?: Ratio;
  functions?: Ratio;
  branches?: Ratio;
  line: number;
}

export type CoverageFormat = 'go-cover' | 'lcov' | 'cobertura';

export interface CoverageReport {
  path: string;
  format: CoverageFormat;
  files: CoverageFile[];
  /** Where the file's own totals (LF/LH, line-rate) disagree with its counted entries. */
  notes: string[];
}

/** The metric a profile counts when a claim names none. */
export function primaryMetric(format: CoverageFormat): 'statements' | 'lines' {
  return format === 'go-cover' ? 'statements' : 'lines';
}

export function parseGoCover(path: string, text: string): CoverageReport | null {
  const ls = lines(text);
  if (!/^mode: (set|count|atomic)\s*$/.test(ls[0] ?? '')) return null;
  // Profiles merged from several runs repeat blocks: a block counts once, covered if any run covered it.
  const blocks = new Map<string, { file: string; n: number; covered: boolean; line: number }>();
  ls.forEach((l, i) => {
    const m = /^(.+\.go):(\d+\.\d+,\d+\.\d+) (\d+) (\d+)$/.exec(l.trim());
    if (!m) return;
    const key = `${m[1]}:${m[2]}`;
    const b = blocks.get(key);
    if (b) b.covered ||= Number(m[4]) > 0;
    else blocks.set(key, { file: m[1]!, n: Number(m[3]), covered: Number(m[4]) > 0, line: i + 1 });
  });
  const files = new Map<string, CoverageFile>();
  for (const b of blocks.values()) {
    const f = files.get(b.file) ?? files.set(b.file, { path: b.file, statements: { hit: 0, found: 0 }, line: b.line }).get(b.file)!;
    f.statements!.found += b.n;
    if (b.covered) f.statements!.hit += b.n;
  }
  return { path, format: 'go-cover', files: [...files.values()], notes: [] };
}

export function parseLcov(path: string, text: string): CoverageReport | null {
  if (!/^SF:/m.test(text) || !/^end_of_record\s*$/m.test(text)) return null;
  const files: CoverageFile[] = [];
  const notes: string[] = [];
  let cur: { path: string; line: number; da: Map<number, number>; fn: string[]; fnda: { name: string; count: number }[]; brda: { hit: number; found: number }; lf?: number; lh?: number; fnf?: number; fnh?: number } | null = null;
  lines(text).forEach((l, i) => {
    const t = l.trim();
    if (t.startsWith('SF:')) {
      cur = { path: t.slice(3), line: i + 1, da: new Map(), fn: [], fnda: [], brda: { hit: 0, found: 0 } };
      return;
    }
    if (!cur) return;
    const c = cur as NonNullable<typeof cur>;
    let m: RegExpExecArray | null;
    if ((m = /^DA:(\d+),(-?\d+)/.exec(t))) c.da.set(Number(m[1]), Math.max(c.da.get(Number(m[1])) ?? 0, Number(m[2])));
    else if ((m = /^FN:\d+(?:,\d+)?,(.+)$/.exec(t))) c.fn.push(m[1]!);
    else if ((m = /^FNDA:(\d+),(.+)$/.exec(t))) c.fnda.push({ name: m[2]!, count: Number(m[1]) });
    else if ((m = /^BRDA:\d+,\d+,\d+,(-|\d+)$/.exec(t))) {
      c.brda.found++;
      if (m[1] !== '-' && Number(m[1]) > 0) c.brda.hit++;
    } else if ((m = /^(LF|LH|FNF|FNH):(\d+)$/.exec(t))) c[m[1]!.toLowerCase() as 'lf' | 'lh' | 'fnf' | 'fnh'] = Number(m[2]);
    else if (t === 'end_of_record') {
      const hitLines = [...c.da.values()].filter((v) => v > 0).length;
      // FN records define the functions (two classes may each have a `constructor`); the k-th FNDA
      // of a name gives the count of the k-th FN of that name. An FNDA naming no FN record is an orphan.
      const fns = c.fn.length ? c.fn : [...new Set(c.fnda.map((x) => x.name))];
      const seen = new Map<string, number>();
      let fnHit = 0;
      for (const name of fns) {
        const k = seen.get(name) ?? 0;
        seen.set(name, k + 1);
        const counts = c.fnda.filter((x) => x.name === name);
        const count = counts[k]?.count ?? (counts.length === 1 ? counts[0]!.count : 0);
        if (count > 0) fnHit++;
      }
      const fnNames = { size: fns.length };
      const f: CoverageFile = { path: c.path, line: c.line, lines: { hit: hitLines, found: c.da.size } };
      if (fnNames.size || c.fnf !== undefined) f.functions = { hit: fnHit, found: fnNames.size };
      if (c.brda.found) f.branches = { ...c.brda };
      if ((c.lf !== undefined && c.lf !== c.da.size) || (c.lh !== undefined && c.lh !== hitLines)) {
        notes.push(`${c.path}: LF/LH say ${c.lh}/${c.lf}, its DA lines count ${hitLines}/${c.da.size}`);
      }
      if ((c.fnf !== undefined && c.fnf !== fnNames.size) || (c.fnh !== undefined && c.fnh !== fnHit)) {
        notes.push(`${c.path}: FNF/FNH say ${c.fnh}/${c.fnf}, its FN/FNDA lines count ${fnHit}/${fnNames.size}`);
      }
      files.push(f);
      cur = null;
    }
  });
  return { path, format: 'lcov', files, notes };
}

export function parseCobertura(path: string, text: string): CoverageReport | null {
  if (!/<coverage\b/.test(text) || !/<class\b/.test(text)) return null;
  const starts = lineStarts(text);
  const byFile = new Map<string, { lines: Map<number, number>; line: number }>();
  let file: string | null = null;
  for (const m of text.matchAll(/<(\/?)(class|line)\b([^>]*?)\/?>/g)) {
    if (m[2] === 'class') {
      if (m[1] === '/') {
        file = null;
        continue;
      }
      const a = xmlAttrs(m[3]!);
      file = a.filename ?? null;
      if (file && !byFile.has(file)) byFile.set(file, { lines: new Map(), line: lineOfOffset(starts, m.index!) });
      continue;
    }
    if (!file || m[1] === '/') continue;
    const a = xmlAttrs(m[3]!);
    const n = Number(a.number);
    if (!Number.isFinite(n)) continue;
    // Methods repeat their lines inside <methods>; a line counts once per file.
    const e = byFile.get(file)!;
    e.lines.set(n, Math.max(e.lines.get(n) ?? 0, Number(a.hits) || 0));
  }
  const files: CoverageFile[] = [...byFile.entries()].map(([p, e]) => ({ path: p, line: e.line, lines: { hit: [...e.lines.values()].filter((v) => v > 0).length, found: e.lines.size } }));
  const notes: string[] = [];
  const root = /<coverage\b([^>]*)>/.exec(text);
  if (root) {
    const a = xmlAttrs(root[1]!);
    const found = files.reduce((s, f) => s + f.lines!.found, 0);
    const hit = files.reduce((s, f) => s + f.lines!.hit, 0);
    if (a['lines-valid'] !== undefined && (Number(a['lines-valid']) !== found || Number(a['lines-covered']) !== hit)) {
      notes.push(`the <coverage> element says ${a['lines-covered']}/${a['lines-valid']} lines, its <line> elements count ${hit}/${found}`);
    }
  }
  return { path, format: 'cobertura', files, notes };
}

/** Reads a file as a coverage profile of any supported format, or null. */
export function parseCoverage(path: string, text: string): CoverageReport | null {
  return parseGoCover(path, text) ?? parseLcov(path, text) ?? parseCobertura(path, text);
}
