/**
 * What a repository holds about its tests: the test output and coverage
 * profiles committed in it (read once per snapshot), the tests its code
 * defines (the inventory, for counts when no output is committed), and the
 * ways of counting them. Claims about tests are judged here against the
 * narrowest evidence the report points at: a log it names, the logs its
 * section names, the test files or packages it names, else everything.
 */
import type { RepoSnapshot } from '../repo/snapshot.js';
import { resolveMention } from '../repo/paths.js';
import type { VerifyContext } from './types.js';
import { parseCoverage, parseTestOutput, primaryMetric, type CoverageFile, type CoverageReport, type Ratio, type TestCase, type TestRun } from './testlogs.js';

/** Extensions of files that may hold test output or coverage; source files never do. */
const OUTPUT_FILE = /\.(txt|log|out|json|jsonl|ndjson|xml|info|lcov|coverprofile|cov|tap)$/i;
const OUTPUT_MARKERS =
  /"Action"\s*:|^=== RUN|^--- (PASS|FAIL)|^(ok|FAIL)\s+\S+|test session starts|^Ran \d+ tests? in|^Tests:\s|^\s*Test Files\s|<testsuites?\b|<testcase\b|^mode: (set|count|atomic)|^SF:|<coverage\b|\bPASSED\b|\bFAILED\b/m;

export interface EvidenceIndex {
  runs: TestRun[];
  coverage: CoverageReport[];
  /** Coverage profiles with a header and no entries (`mode: atomic` alone): a run that covered nothing, or did not build. */
  emptyCoverage: string[];
  /** Go modules of the repository: the directory of each go.mod and its module path. */
  goModules: { dir: string; module: string }[];
}

const indexCache = new WeakMap<RepoSnapshot, EvidenceIndex>();

/** Every test log and coverage profile in the snapshot, parsed once. */
export function evidenceIndex(snapshot: RepoSnapshot): EvidenceIndex {
  const hit = indexCache.get(snapshot);
  if (hit) return hit;
  const runs: TestRun[] = [];
  const coverage: CoverageReport[] = [];
  const emptyCoverage: string[] = [];
  const goModules: EvidenceIndex['goModules'] = [];
  for (const f of snapshot.files) {
    if (f.path === 'go.mod' || f.path.endsWith('/go.mod')) {
      const r = snapshot.read(f.path);
      const m = r.ok ? /^\s*module\s+(\S+)/m.exec(r.text) : null;
      if (m) goModules.push({ dir: f.path === 'go.mod' ? '' : f.path.slice(0, -'/go.mod'.length), module: m[1]!.replace(/^"|"$/g, '') });
      continue;
    }
    if (f.language || !OUTPUT_FILE.test(f.path) || f.size === 0 || f.size > snapshot.maxFileBytes) continue;
    const r = snapshot.read(f.path);
    if (!r.ok || !OUTPUT_MARKERS.test(r.text.slice(0, 65536))) {
      snapshot.forget(f.path);
      continue;
    }
    const cov = parseCoverage(f.path, r.text);
    if (cov && cov.files.length) {
      coverage.push(cov);
      continue;
    }
    if (cov) {
      emptyCoverage.push(f.path);
      snapshot.forget(f.path);
      continue;
    }
    const run = parseTestOutput(f.path, r.text);
    if (run) runs.push(run);
    else snapshot.forget(f.path);
  }
  // Longest module path first, so a nested module wins over its parent.
  goModules.sort((a, b) => b.module.length - a.module.length);
  const index = { runs, coverage, emptyCoverage, goModules };
  indexCache.set(snapshot, index);
  return index;
}

/** The repository directory of a Go import path, when one of the repository's modules holds it. */
export function goPackageDir(index: EvidenceIndex, importPath: string): string | null {
  for (const m of index.goModules) {
    if (importPath === m.module) return m.dir;
    if (importPath.startsWith(m.module + '/')) return [m.dir, importPath.slice(m.module.length + 1)].filter(Boolean).join('/');
  }
  return null;
}

/** The repository path of a file named in a coverage profile or a test log, or null. */
export function repoPathOf(snapshot: RepoSnapshot, index: EvidenceIndex, written: string): string | null {
  if (written.endsWith('.go') && !written.startsWith('/') && written.includes('/')) {
    const dir = goPackageDir(index, written.slice(0, written.lastIndexOf('/')));
    if (dir !== null) {
      const p = [dir, written.slice(written.lastIndexOf('/') + 1)].filter(Boolean).join('/');
      if (snapshot.hasFile(p)) return p;
    }
  }
  const r = resolveMention(snapshot, written);
  return r.status === 'found' ? r.path : null;
}

/** Where a test lives in the repository: its file when the log names one, else its Go package directory, else the module a dotted class name points at. */
function caseLocation(snapshot: RepoSnapshot, index: EvidenceIndex, c: TestCase): string | null {
  if (c.file) return repoPathOf(snapshot, index, c.file);
  if (c.suite && /[./]/.test(c.suite)) {
    const dir = goPackageDir(index, c.suite);
    if (dir !== null) return dir;
    // `tests.test_gitops.GitOpsSourceTests` → tests/test_gitops.py (the longest dotted prefix that is a file).
    const parts = c.suite.split('.');
    for (let n = parts.length; n > 0; n--) {
      const p = parts.slice(0, n).join('/') + '.py';
      if (snapshot.hasFile(p)) return p;
    }
  }
  return null;
}

const within = (path: string, scope: string) => scope === '' || path === scope || path.startsWith(scope.replace(/\/$/, '') + '/');

// ---------------------------------------------------------------------------
// Scope and countings

/** The evidence a test claim is judged against. */
export interface TestScope {
  /** Test logs the report points at (repo paths). Empty: every log of the repository. */
  logs: string[];
  /** Coverage profiles the report points at. Empty: every profile. */
  coverageFiles: string[];
  /** Test files, test directories or packages the claim is about. Empty: all tests. */
  paths: string[];
  /** How the scope was found, for the evidence. */
  how: string;
  /** Logs and profiles that are not the report's own (runartifacts.ts): never evidence, whatever else the scope says. */
  exclude?: string[];
}

/** One way of counting test results, with its numbers. */
export interface Counting {
  name: string;
  total: number;
  passed: number;
  failed: number;
  skipped: number;
  errors: number;
  /** False when the numbers come from a summary line because the log lists results only partly. */
  individually: boolean;
}

export interface TestSelection {
  runs: TestRun[];
  /** Cases after merging logs of the same tests and applying the scope. */
  cases: TestCase[];
  countings: Counting[];
  /** Log summaries that disagree with the log's own counted lines. */
  inconsistencies: string[];
  /** The same test with two outcomes in two logs. */
  conflicts: string[];
  /** Packages or files whose tests never ran. */
  buildFailures: { path: string; line: number; text: string }[];
  /** Why totals for a sub-scope could not be counted (a log that lists failures only). */
  partial: string[];
}

function tally(name: string, cases: TestCase[], individually = true): Counting {
  const c: Counting = { name, total: cases.length, passed: 0, failed: 0, skipped: 0, errors: 0, individually };
  for (const x of cases) {
    if (x.outcome === 'pass') c.passed++;
    else if (x.outcome === 'fail') c.failed++;
    else if (x.outcome === 'skip') c.skipped++;
    else c.errors++;
  }
  return c;
}

/** Where a log's summary line and its own result lines disagree. */
export function summaryDisagreement(run: TestRun): string | null {
  const s = run.summary;
  if (!s) return null;
  if (!run.listsPasses) {
    const failed = run.cases.filter((c) => c.outcome === 'fail').length;
    if (s.failed !== undefined && s.failed !== failed) return `${run.path}: its summary line (line ${s.line}) says ${s.failed} failed, but it lists ${failed} failed tests`;
    return null;
  }
  if (run.cases.length === 0) return null;
  const t = tally('', run.cases);
  const diffs: string[] = [];
  const check = (what: string, said: number | undefined, counted: number) => {
    if (said !== undefined && said !== counted) diffs.push(`${said} ${what} (counted ${counted})`);
  };
  check('passed', s.passed, t.passed);
  check('failed', s.failed, t.failed);
  check('errors', s.errors, t.errors);
  check('skipped', s.skipped, t.skipped);
  check('total', s.total, t.total);
  return diffs.length ? `${run.path}: its summary line (line ${s.line}) says ${diffs.join(', ')} from its own result lines` : null;
}

export function selectTests(ctx: VerifyContext, scope: TestScope): TestSelection {
  const index = evidenceIndex(ctx.snapshot);
  const runs = scope.logs.length ? index.runs.filter((r) => scope.logs.includes(r.path)) : index.runs.filter((r) => !scope.exclude?.includes(r.path));
  const inScope = (c: TestCase) => {
    if (!scope.paths.length) return true;
    const loc = caseLocation(ctx.snapshot, index, c);
    return loc !== null && scope.paths.some((p) => within(loc, p) || within(p, loc));
  };
  const merged = new Map<string, TestCase>();
  const conflicts: string[] = [];
  const partialRuns: TestRun[] = [];
  for (const r of runs) {
    if (!r.listsPasses) {
      partialRuns.push(r);
      continue;
    }
    for (const c of r.cases) {
      if (!inScope(c)) continue;
      const prev = merged.get(c.id);
      if (!prev) merged.set(c.id, c);
      else if (prev.outcome !== c.outcome) conflicts.push(`${c.name}: ${prev.outcome} in ${runs.find((x) => x.cases.includes(prev))?.path}, ${c.outcome} in ${r.path}`);
    }
  }
  const cases = [...merged.values()];
  const inconsistencies = runs.map(summaryDisagreement).filter((x): x is string => !!x);
  const buildFailures = runs.flatMap((r) => r.buildFailures.filter((b) => !scope.paths.length || scope.paths.some((p) => { const d = goPackageDir(index, b.suite); return d !== null && (within(d, p) || within(p, d)); }) || scope.paths.some((p) => b.suite === p)).map((b) => ({ path: r.path, line: b.line, text: b.text })));

  const countings: Counting[] = [];
  const partial: string[] = [];
  const ids = new Set(cases.map((c) => c.id));
  const hasChildren = new Set(cases.map((c) => c.parent).filter((p): p is string => !!p && ids.has(p)));
  if (cases.length) {
    if (hasChildren.size) {
      countings.push(tally('top-level tests (subtests not counted)', cases.filter((c) => !c.parent || !ids.has(c.parent))));
      countings.push(tally('leaf tests (subtests counted, the tests that group them not)', cases.filter((c) => !hasChildren.has(c.id))));
      countings.push(tally('every test result, parents and subtests', cases));
    } else countings.push(tally('test results', cases));
  }
  for (const r of partialRuns) {
    const failures = r.cases.filter(inScope);
    if (scope.paths.length && r.summary) {
      partial.push(`${r.path} lists failed tests only (${failures.length} in scope); its totals are for the whole run, not for ${scope.paths.join(', ')}`);
      continue;
    }
    if (!r.summary) continue;
    const s = r.summary;
    const failed = failures.filter((c) => c.outcome === 'fail').length;
    const base: Counting = {
      name: `summary line of ${r.path} (line ${s.line}); its ${failed} failed test${failed === 1 ? '' : 's'} counted one by one`,
      total: s.total ?? (s.passed ?? 0) + (s.failed ?? 0) + (s.skipped ?? 0),
      passed: s.passed ?? 0,
      failed: s.failed ?? failed,
      skipped: s.skipped ?? 0,
      errors: s.errors ?? 0,
      individually: false,
    };
    if (countings.length) for (const c of countings) Object.assign(c, { total: c.total + base.total, passed: c.passed + base.passed, failed: c.failed + base.failed, skipped: c.skipped + base.skipped, errors: c.errors + base.errors, individually: false, name: `${c.name} plus ${base.name}` });
    else countings.push(base);
  }
  return { runs, cases, countings, inconsistencies, conflicts, buildFailures, partial };
}

/** Suite-level counts: Go packages, jest/vitest test files, JUnit testsuites, pytest files. */
export function suiteCountings(sel: TestSelection): Counting[] {
  const out: Counting[] = [];
  const listed = sel.runs.flatMap((r) => r.suites.filter((s) => s.outcome !== 'skip'));
  if (listed.length) {
    const c: Counting = { name: 'suites listed one by one (packages, test files or testsuites)', total: listed.length, passed: 0, failed: 0, skipped: 0, errors: 0, individually: true };
    for (const s of listed) {
      if (s.outcome === 'pass') c.passed++;
      else c.failed++;
    }
    out.push(c);
  }
  for (const r of sel.runs) {
    const s = r.suiteSummary;
    if (s) out.push({ name: `suite summary of ${r.path} (line ${s.line})`, total: s.total ?? 0, passed: s.passed ?? 0, failed: s.failed ?? 0, skipped: s.skipped ?? 0, errors: 0, individually: false });
  }
  if (!listed.length && sel.cases.length) {
    const files = new Map<string, boolean>();
    for (const c of sel.cases) if (c.file) files.set(c.file, (files.get(c.file) ?? true) && c.outcome !== 'fail' && c.outcome !== 'error');
    if (files.size) out.push({ name: 'test files with results', total: files.size, passed: [...files.values()].filter(Boolean).length, failed: [...files.values()].filter((v) => !v).length, skipped: 0, errors: 0, individually: true });
  }
  return out;
}

/** Finds a test by the name a report gives it: full name, or the tail after `/`, `.`, `::` or ` › `. */
export function findTest(cases: readonly TestCase[], name: string): TestCase[] {
  const want = name.trim().replace(/\s*(›|>)\s*/g, ' › ');
  const exact = cases.filter((c) => c.name === want || c.id === want);
  if (exact.length) return exact;
  return cases.filter((c) => c.name.endsWith('/' + want) || c.name.endsWith('.' + want) || c.name.endsWith(' › ' + want) || c.id.endsWith('.' + want) || c.id.endsWith('::' + want));
}

// ---------------------------------------------------------------------------
// Coverage

export type CoverageMetric = 'statements' | 'lines' | 'functions' | 'branches';

export interface CoverageSelection {
  reports: CoverageReport[];
  files: { report: CoverageReport; file: CoverageFile; repoPath: string | null }[];
}

export function selectCoverage(ctx: VerifyContext, scope: TestScope, packageDirs: string[]): CoverageSelection {
  const index = evidenceIndex(ctx.snapshot);
  const reports = scope.coverageFiles.length ? index.coverage.filter((r) => scope.coverageFiles.includes(r.path)) : index.coverage.filter((r) => !scope.exclude?.includes(r.path));
  const filters = scope.paths.length ? scope.paths : packageDirs;
  const files: CoverageSelection['files'] = [];
  for (const report of reports) {
    for (const file of report.files) {
      const repoPath = repoPathOf(ctx.snapshot, index, file.path);
      if (filters.length && !(repoPath && filters.some((p) => within(repoPath, p)))) continue;
      files.push({ report, file, repoPath });
    }
  }
  return { reports, files };
}

/** Summed coverage of a metric over the selected files; the metric a profile lacks is null. */
export function coverageOf(sel: CoverageSelection, metric: CoverageMetric | null): { ratio: Ratio; metric: CoverageMetric } | null {
  if (!sel.files.length) return null;
  const m: CoverageMetric = metric ?? primaryMetric(sel.files[0]!.report.format);
  const pick = (f: CoverageFile): Ratio | undefined =>
    m === 'statements' ? (f.statements ?? f.lines) : m === 'lines' ? (f.lines ?? f.statements) : m === 'functions' ? f.functions : f.branches;
  const ratio = { hit: 0, found: 0 };
  for (const { file } of sel.files) {
    const r = pick(file);
    if (!r) return null;
    ratio.hit += r.hit;
    ratio.found += r.found;
  }
  return { ratio, metric: m };
}

// ---------------------------------------------------------------------------
// The tests the code defines

export interface InventoryTest {
  path: string;
  line: number;
  /** `TestX`, `Class.test_x`, `Describe › it title`. */
  name: string;
}

export interface TestInventory {
  tests: InventoryTest[];
  /** Subtests with a literal name (`t.Run("x", …)`), countable statically. */
  namedSubtests: InventoryTest[];
  /**
   * Places whose number of cases the names alone do not tell: table-driven `t.Run`, `@pytest.mark.parametrize`,
   * `it.each`. `cases` is set when the table is a literal in the same test function, its rows counted.
   */
  dynamic: { path: string; line: number; what: string; cases?: number }[];
  files: number;
}

const inventoryCache = new WeakMap<RepoSnapshot, TestInventory>();

/**
 * The rows of the table a Go test ranges over: the only slice or map literal assigned in the test
 * function (`tests := []struct{…}{ {…}, {…} }`), its top-level elements counted with strings, runes and
 * comments skipped. Null when the function assigns no such literal or several (which one the loop
 * ranges over is then unknown), or when the table comes from elsewhere.
 */
function tableRows(ctx: VerifyContext, path: string, m: NonNullable<ReturnType<VerifyContext['model']>>, test: string): { count: number; line: number } | null {
  const tables = m.assignments.filter((a) => (a.enclosing === test || a.enclosing?.startsWith(test + '.')) && /^&?(?:\[[\w.]*\]|map\[)/.test(a.value.trim()));
  if (tables.length !== 1) return null;
  const r = ctx.snapshot.read(path);
  if (!r.ok) return null;
  const a = tables[0]!;
  const text = r.text.split(/\r?\n/).slice(a.range.line - 1, a.range.endLine).join('\n');
  const count = literalElements(text);
  return count === null ? null : { count, line: a.range.line };
}

/** Top-level elements of the last brace group of a composite literal's text; null when the braces do not balance. */
export function literalElements(text: string): number | null {
  const groups: { start: number; end: number }[] = [];
  let depth = 0;
  let start = -1;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (ch === '"' || ch === "'" || ch === '`') {
      const close = ch === '`' ? text.indexOf('`', i + 1) : skipQuoted(text, i);
      if (close < 0) return null;
      i = close;
      continue;
    }
    if (ch === '/' && text[i + 1] === '/') {
      const nl = text.indexOf('\n', i);
      i = nl < 0 ? text.length : nl;
      continue;
    }
    if (ch === '/' && text[i + 1] === '*') {
      const end = text.indexOf('*/', i + 2);
      if (end < 0) return null;
      i = end + 1;
      continue;
    }
    if (ch === '{') {
      if (depth === 0) start = i;
      depth++;
    } else if (ch === '}') {
      depth--;
      if (depth < 0) return null;
      if (depth === 0) groups.push({ start, end: i });
    }
  }
  if (depth !== 0 || !groups.length) return null;
  const g = groups[groups.length - 1]!;
  // Count elements at depth 1 of the group: a comma at that depth ends one; a trailing comma ends none.
  let n = 0;
  let content = false;
  depth = 0;
  for (let i = g.start + 1; i < g.end; i++) {
    const ch = text[i]!;
    if (ch === '"' || ch === "'" || ch === '`') {
      i = ch === '`' ? text.indexOf('`', i + 1) : skipQuoted(text, i);
      content = true;
      continue;
    }
    if (ch === '/' && text[i + 1] === '/') {
      const nl = text.indexOf('\n', i);
      i = nl < 0 ? g.end : nl;
      continue;
    }
    if (ch === '/' && text[i + 1] === '*') {
      i = text.indexOf('*/', i + 2) + 1;
      continue;
    }
    if (ch === '{' || ch === '(' || ch === '[') depth++;
    else if (ch === '}' || ch === ')' || ch === ']') depth--;
    if (depth === 0 && ch === ',') {
      if (content) n++;
      content = false;
    } else if (!/\s/.test(ch)) content = true;
  }
  return content ? n + 1 : n;
}

/** The index of the quote closing the string or rune that opens at `i`, or -1. */
function skipQuoted(text: string, i: number): number {
  const q = text[i]!;
  for (let j = i + 1; j < text.length; j++) {
    if (text[j] === '\\') j++;
    else if (text[j] === q) return j;
    else if (text[j] === '\n') return -1;
  }
  return -1;
}

const literal = (s: string | undefined): string | null => {
  const m = /^\s*(["'`])([\s\S]*)\1\s*$/.exec(s ?? '');
  return m && !/\$\{/.test(m[2]!) ? m[2]! : null;
};

/** The tests the repository's code defines, counted with the parser. */
export function testInventory(ctx: VerifyContext): TestInventory {
  const hit = inventoryCache.get(ctx.snapshot);
  if (hit) return hit;
  const inv: TestInventory = { tests: [], namedSubtests: [], dynamic: [], files: 0 };
  for (const f of ctx.snapshot.files) {
    if (!f.isTest || !f.language) continue;
    const isGoTest = f.language === 'go' && f.path.endsWith('_test.go');
    const isPyTest = f.language === 'python' && /(^|\/)(test_[^/]*|[^/]*_test)\.py$/.test(f.path);
    const isJsTest = (f.language === 'typescript' || f.language === 'javascript') && (/\.(test|spec)\.[cm]?[jt]sx?$/.test(f.path) || f.path.includes('__tests__/'));
    if (!isGoTest && !isPyTest && !isJsTest) continue;
    const m = ctx.model(f.path);
    if (!m) continue;
    const before = inv.tests.length;
    if (isGoTest) {
      const tests = m.symbols.filter((s) => s.kind === 'function' && !s.container && /^Test(?:$|[^a-z])/.test(s.name) && s.name !== 'TestMain');
      for (const s of tests) inv.tests.push({ path: f.path, line: s.range.line, name: s.name });
      const names = new Map(tests.map((s) => [s.name, s.params?.[0] ?? 't']));
      for (const c of m.calls) {
        if (c.name !== 'Run' || !c.enclosing) continue;
        const top = c.enclosing.split('.')[0]!;
        if (!names.has(top) || c.receiver !== names.get(top)) continue;
        const sub = literal(c.args[0]?.text);
        if (sub !== null) inv.namedSubtests.push({ path: f.path, line: c.range.line, name: `${top}/${sub.replace(/\s/g, '_')}` });
        else {
          const rows = tableRows(ctx, f.path, m, top);
          inv.dynamic.push({
            path: f.path,
            line: c.range.line,
            what: `t.Run(${c.args[0]?.text ?? ''}, …) in ${top}: table-driven subtests${rows ? `, ${rows.count} rows in the table at line ${rows.line}` : ''}`,
            ...(rows ? { cases: rows.count } : {}),
          });
        }
      }
    } else if (isPyTest) {
      const testClasses = new Set(m.symbols.filter((s) => s.kind === 'class' && (/^Test/.test(s.name) || (s.bases ?? []).some((b) => /TestCase$/.test(b)))).map((s) => (s.container ? `${s.container}.${s.name}` : s.name)));
      for (const s of m.symbols) {
        if (!/^test/.test(s.name)) continue;
        const isTop = s.kind === 'function' && !s.container;
        const isMethod = s.kind === 'method' && s.container !== null && testClasses.has(s.container);
        if (!isTop && !isMethod) continue;
        inv.tests.push({ path: f.path, line: s.range.line, name: s.container ? `${s.container}.${s.name}` : s.name });
        if ((s.decorators ?? []).some((d) => /(^|\.)parametrize\b/.test(d))) inv.dynamic.push({ path: f.path, line: s.range.line, what: `${s.name} is parametrised` });
      }
    } else {
      const describes = m.calls.filter((c) => /^(describe|suite|context)(\.(only|skip))?$/.test(c.callee));
      for (const c of m.calls) {
        if (/^(it|test|specify)\.each$|^(it|test)\.(only|skip|concurrent)\.each$/.test(c.callee)) {
          inv.dynamic.push({ path: f.path, line: c.range.line, what: `${c.callee}: one test per table row` });
          continue;
        }
        if (!/^(it|test|specify)(\.(only|skip|concurrent|todo|failing))?$/.test(c.callee)) continue;
        const title = literal(c.args[0]?.text);
        if (title === null) {
          inv.dynamic.push({ path: f.path, line: c.range.line, what: `${c.callee} with a computed title` });
          continue;
        }
        const outer = describes
          .filter((d) => d.range.line <= c.range.line && d.range.endLine >= c.range.endLine && d !== c)
          .sort((a, b) => a.range.line - b.range.line)
          .map((d) => literal(d.args[0]?.text) ?? '?');
        inv.tests.push({ path: f.path, line: c.range.line, name: [...outer, title].join(' › ') });
      }
    }
    if (inv.tests.length > before) inv.files++;
  }
  inventoryCache.set(ctx.snapshot, inv);
  return inv;
}
