/**
 * The numbers a report states, read from one statement: percentages with the
 * precision they were written with, fractions, test counts (passed, failed,
 * total, pass rate), coverage figures, diff metrics, Target | Actual rows.
 * Shared by the kinds that check them against evidence (test-result,
 * git-diffstat) and the kinds that check them against each other
 * (arithmetic, consistency).
 */
import type { Statement } from './types.js';
import { parseQuantity, type Quantity } from './mentions.js';

const NUM = String.raw`\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?`;
const num = (s: string) => Number(s.replace(/,/g, ''));

/** A percentage as written: its value and the number of decimals the report used. */
export interface Percent {
  value: number;
  decimals: number;
  bound: Quantity['bound'];
  raw: string;
  index: number;
  end: number;
}

export function percentsIn(text: string): Percent[] {
  const out: Percent[] = [];
  const re = new RegExp(String.raw`(?<![\w.,])(~|≈|>=?|<=?|≥|≤|about\s+|approx\.?\s+|over\s+|under\s+)?\s*(${NUM})\s*%(\+)?`, 'gi');
  for (const m of text.matchAll(re)) {
    const digits = m[2]!;
    const q = parseQuantity(`${m[1] ?? ''}${digits.replace(/,/g, '')}${m[3] ?? ''}`);
    out.push({ value: num(digits), decimals: (digits.split('.')[1] ?? '').length, bound: q?.bound ?? 'exact', raw: m[0].trim(), index: m.index!, end: m.index! + m[0].length });
  }
  return out;
}

/** `a/b`, `a of b`, `a out of b` (not dates, versions, ranges or paths). */
export interface Fraction {
  a: number;
  b: number;
  raw: string;
  index: number;
  end: number;
}

export function fractionsIn(text: string): Fraction[] {
  const out: Fraction[] = [];
  const re = /(?<![\w.,/:-])(\d{1,3}(?:,\d{3})+|\d+)\s*(\/|\bout of\b|\bof\b)\s*(\d{1,3}(?:,\d{3})+|\d+)(?![\w/.:-]|,\d)/gi;
  for (const m of text.matchAll(re)) {
    const a = num(m[1]!);
    const b = num(m[3]!);
    if (b === 0) continue;
    out.push({ a, b, raw: m[0], index: m.index!, end: m.index! + m[0].length });
  }
  return out;
}

/** x rounded half up to `d` decimals. */
export function roundTo(x: number, d: number): number {
  const f = 10 ** d;
  return Math.round(x * f + 1e-9) / f;
}

/**
 * Whether a stated percentage matches a computed one at the precision the
 * report wrote it with: rounded or cut off. 100% and 0% must be exact: a
 * report that writes 100% for 99.6% says nothing failed.
 */
export function percentMatches(p: Percent, actual: number): { ok: boolean; how: string } {
  const shown = `${roundTo(actual, Math.max(p.decimals, 1) + 1)}%`;
  if (p.bound !== 'exact') {
    const ok =
      p.bound === 'approx'
        ? Math.abs(actual - p.value) <= Math.max(1, p.value * 0.05)
        : p.bound === 'at-least'
          ? actual >= p.value
          : p.bound === 'more-than'
            ? actual > p.value
            : p.bound === 'at-most'
              ? actual <= p.value
              : actual < p.value;
    return { ok, how: `${shown} against ${p.raw}` };
  }
  if (p.value === 100 || p.value === 0) return { ok: Math.abs(actual - p.value) < 1e-9, how: `${shown}; ${p.value}% must be exact` };
  if (roundTo(actual, p.decimals) === p.value) return { ok: true, how: `${shown}, ${p.value}% rounded to ${p.decimals} decimal${p.decimals === 1 ? '' : 's'}` };
  const f = 10 ** p.decimals;
  if (Math.floor(actual * f + 1e-9) / f === p.value) return { ok: true, how: `${shown}, ${p.value}% cut off at ${p.decimals} decimal${p.decimals === 1 ? '' : 's'}` };
  return { ok: false, how: shown };
}

// ---------------------------------------------------------------------------
// Tests

const TEST_WORD = /\b(tests?|specs?|test ?cases?|test ?suites?|suites?|unit tests?|testing|pytest|jest|vitest|go test)\b/i;
const FIX_WORDS = /\b(fix(?:ed|es)?|resolv\w*|repair\w*|address\w*|will|should|would|could|expected to|planned|need(?:s|ed)? to)\b/i;

/** Test counts a statement states; any field may be absent. */
export interface TestNumbers {
  unit: 'tests' | 'suites';
  passed?: Quantity;
  failed?: Quantity;
  total?: Quantity;
  skipped?: Quantity;
  errors?: Quantity;
  /** Pass rate (or failure rate) as a percentage. */
  rate?: Percent & { of: 'pass' | 'fail' };
  /** The words of the statement that state them. */
  text: string;
}

/** Whether the statement's context is about tests: its own words, label, parents, heading or table header. */
export function testContext(st: Statement): boolean {
  const around = [st.text, st.label ?? '', ...(st.parents ?? []), st.headings[st.headings.length - 1] ?? '', ...(st.table?.headers ?? [])].join(' \n ');
  return TEST_WORD.test(around);
}

const q = (n: number): Quantity => ({ value: n, bound: 'exact', raw: String(n) });

function quantityWord(w: string): keyof Pick<TestNumbers, 'passed' | 'failed' | 'total' | 'skipped' | 'errors'> | null {
  const x = w.toLowerCase();
  if (/^(pass|passed|passing|succeeded|successful)$/.test(x)) return 'passed';
  if (/^(fail|failed|failing|failures?)$/.test(x)) return 'failed';
  if (/^(skipped|pending|ignored)$/.test(x)) return 'skipped';
  if (/^errors?$/.test(x)) return 'errors';
  if (/^(total|executed|run|ran|count|tests?|specs?|test ?cases?|cases|suites?|test ?suites?|collected)$/.test(x)) return 'total';
  return null;
}

const PASS_RATIO = new RegExp(
  String.raw`(?<![\w.,/:-])(\d{1,3}(?:,\d{3})+|\d+)\s*(?:/|\bout of\b|\bof\b)\s*(\d{1,3}(?:,\d{3})+|\d+)(?![\w/.:-])\s+((?:[\w-]+\s+){0,3}?)(?:(?:are|were|have|has)\s+)?(passing|passed|pass|succeeded|successful|green|executed successfully)\b`,
  'i',
);
// The word must end the item (`14 tests, 2 failures`), so "12 error injection test cases" is not 12 errors.
const COUNT_ITEM = /(?<![\w.,/:-])(\d{1,3}(?:,\d{3})+|\d+)\s+(total|passing|passed|failing|failed|failures?|errors?|skipped|pending|tests?|specs?|test cases?|suites?|test suites?)\b(?=\s*(?:$|[,;.:)(|/—–-]|and\b|of\b|in\b|across\b|out\b))/gi;
const RATE_TEXT = /(?<![\w.,])(\d+(?:\.\d+)?)\s*%\s+(?:of\s+)?(?:(?:the\s+)?(?:unit\s+|integration\s+)?tests?\s+)?(pass(?:ing|ed|es)?|fail(?:ing|ed|s)?)\b(?!-)/i;
const TEST_LABEL = /^(?:total\s+)?(?:(?:unit|integration|e2e|api|end-to-end|regression)\s+)?(tests?|specs?|test ?cases?|cases|test ?suites?|suites?)(?:\s+(executed|run|ran|passed|passing|failed|failing|skipped|total|count|collected))?$/i;
const OUTCOME_LABEL = /^(passed|passing|failed|failing|failures|skipped|executed|errors)$/i;
const RATE_LABEL = /^(?:(?:test|unit test)s?\s+)?(pass(?:ing)?|success|failure|fail)\s+rate$/i;

export const TARGET_HEADER = /^(targets?|goals?|expected|thresholds?|required|requirements?|criteria target)$/i;
export const ACTUAL_HEADER = /^(actual|actuals|results?|measured|achieved|current|observed|value|values|outcome)$/i;
export const STATUS_HEADER = /^(status|result|verdict|assessment|state|met\??|pass\/fail)$/i;

/** For a Target | Actual | Status table row: the column indexes, or null when the table is not one. */
export function targetColumns(st: Statement): { criterion: number; target: number; actual: number; status: number } | null {
  const t = st.table;
  if (!t || t.header) return null;
  const clean = (h: string) => h.replace(/[^\p{L}\p{N}/? ]/gu, '').trim();
  const target = t.headers.findIndex((h) => TARGET_HEADER.test(clean(h)));
  const actual = t.headers.findIndex((h, i) => i !== target && ACTUAL_HEADER.test(clean(h)));
  if (target < 0 || actual < 0) return null;
  const status = t.headers.findIndex((h, i) => i !== target && i !== actual && STATUS_HEADER.test(clean(h)));
  const criterion = t.headers.findIndex((_, i) => i !== target && i !== actual && i !== status);
  return { criterion: criterion < 0 ? 0 : criterion, target, actual, status };
}

/** Test numbers of a statement that reads as a test result; empty when it does not. */
export function readTestNumbers(st: Statement): TestNumbers[] {
  if (st.construct === 'code-block' || st.planning || st.table?.header) return [];
  const out: TestNumbers[] = [];
  const cols = targetColumns(st);
  if (cols) {
    const criterion = st.table!.cells[cols.criterion] ?? '';
    const actual = st.table!.cells[cols.actual] ?? '';
    const fail = /\bfail/i.test(criterion);
    if (TEST_WORD.test(criterion) && /\bpass|\bfail|\bsuccess|\bgreen/i.test(criterion)) {
      const p = percentsIn(actual)[0];
      const f = fractionsIn(actual)[0];
      if (p) out.push({ unit: 'tests', rate: { ...p, of: fail ? 'fail' : 'pass' }, text: actual });
      else if (f) out.push({ unit: 'tests', [fail ? 'failed' : 'passed']: q(f.a), total: q(f.b), text: actual });
    }
    return out;
  }
  if (st.table) {
    // A counts table: `Test module | Tests | Passed | Failed`.
    const byHeader: Partial<Record<'passed' | 'failed' | 'total' | 'skipped' | 'errors', Quantity>> = {};
    let unit: TestNumbers['unit'] = 'tests';
    st.table.headers.forEach((h, i) => {
      const word = h.replace(/[^\p{L} ]/gu, '').trim();
      const key = quantityWord(word) ?? (TEST_LABEL.test(word) ? 'total' : null);
      const value = parseQuantity(st.table!.cells[i] ?? '');
      if (!key || !value) return;
      if (/suite/i.test(word)) unit = 'suites';
      byHeader[key] = value;
    });
    if (Object.keys(byHeader).length >= 2 || (Object.keys(byHeader).length === 1 && testContext(st))) out.push({ unit, ...byHeader, text: st.text });
    return out;
  }
  if (FIX_WORDS.test(st.text.replace(/`[^`]*`/g, ' '))) return [];
  const label = (st.label ?? '').replace(/[^\p{L}\p{N} ]/gu, ' ').replace(/\s+/g, ' ').trim();
  const value = st.label ? (st.value ?? '') : st.text;
  const ctx = testContext(st);

  const rl = RATE_LABEL.exec(label);
  if (rl && (/pass|fail/i.test(rl[1]!) || ctx)) {
    const p = percentsIn(value)[0];
    if (p) return [{ unit: 'tests', rate: { ...p, of: /fail/i.test(rl[1]!) ? 'fail' : 'pass' }, text: `${st.label}: ${p.raw}` }];
  }

  const ratio = PASS_RATIO.exec(st.text);
  if (ratio && (TEST_WORD.test(ratio[3] ?? '') || ctx)) {
    const between = ratio[3] ?? '';
    const n: TestNumbers = { unit: /suite/i.test(between) || /suite/i.test(label) ? 'suites' : 'tests', passed: q(num(ratio[1]!)), total: q(num(ratio[2]!)), text: ratio[0] };
    return [n];
  }

  const tl = TEST_LABEL.exec(label);
  const ol = !tl && ctx ? OUTCOME_LABEL.exec(label) : null;
  if (tl || ol) {
    const unit: TestNumbers['unit'] = /suite/i.test(label) ? 'suites' : 'tests';
    const items = [...value.matchAll(COUNT_ITEM)];
    if (items.length) {
      const n: TestNumbers = { unit, text: `${st.label}: ${value}` };
      for (const m of items) {
        const key = quantityWord(m[2]!);
        if (!key) continue;
        const isSuiteWord = /suite/i.test(m[2]!);
        if (isSuiteWord && unit === 'tests') {
          out.push({ unit: 'suites', total: q(num(m[1]!)), text: m[0] });
          continue;
        }
        if (!n[key]) n[key] = q(num(m[1]!));
      }
      // `Tests Passed: 15 across 3 packages`: the label says what the leading number counts.
      const lead = /^\s*((?:~|about\s+|over\s+|at least\s+)?(?:\d{1,3}(?:,\d{3})+|\d+)\+?)(?!\s*(?:%|\/|\.\d))/.exec(value);
      const labelKey = quantityWord(tl?.[2] ?? ol?.[1] ?? 'total');
      if (lead && labelKey && !items.some((m) => m.index === lead.index && quantityWord(m[2]!) !== 'total')) n[labelKey] = parseQuantity(lead[1]!) ?? undefined;
      if (n.passed || n.failed || n.total || n.skipped || n.errors) out.unshift(n);
      return out;
    }
    const lead = /^\s*((?:~|about\s+|over\s+|at least\s+)?(?:\d{1,3}(?:,\d{3})+|\d+)\+?)(?!\s*(?:%|\/|\.\d))/.exec(value);
    const key = quantityWord(tl?.[2] ?? ol?.[1] ?? 'total');
    if (lead && key) {
      const n: TestNumbers = { unit, text: st.label ? `${st.label}: ${lead[1]}` : lead[1]! };
      n[key] = parseQuantity(lead[1]!) ?? undefined;
      return [n];
    }
  }

  if (ctx && (st.label || st.construct === 'list-item' || st.construct === 'heading')) {
    const items = [...value.matchAll(COUNT_ITEM)];
    // A list of counts ("15 total, 12 passing, 3 failing") needs at least one outcome word to be a test result.
    if (items.some((m) => /pass|fail|error|skip/i.test(m[2]!))) {
      const n: TestNumbers = { unit: /suite/i.test(label) ? 'suites' : 'tests', text: value };
      for (const m of items) {
        const key = quantityWord(m[2]!);
        if (key && !n[key]) n[key] = q(num(m[1]!));
      }
      out.push(n);
      return out;
    }
  }

  const rt = RATE_TEXT.exec(st.text);
  if (rt) {
    const p = percentsIn(st.text).find((x) => x.index <= rt.index! + 1 && x.end >= rt.index! + rt[1]!.length);
    if (p) out.push({ unit: 'tests', rate: { ...p, of: /^fail/i.test(rt[2]!) ? 'fail' : 'pass' }, text: rt[0] });
  }
  return out;
}

// ---------------------------------------------------------------------------
// Coverage

export type CoverageMetricWord = 'statements' | 'lines' | 'functions' | 'branches';

export interface CoverageNumbers {
  percent?: Percent;
  hit?: number;
  found?: number;
  metric: CoverageMetricWord | null;
  /** `coverage.out written for 3 packages`: how many packages or files the profile covers. */
  units?: { count: Quantity; unit: 'packages' | 'files' };
  text: string;
}

function metricOf(word: string | undefined): CoverageMetricWord | null {
  const w = (word ?? '').toLowerCase();
  if (/^(statements?|stmts?)$/.test(w)) return 'statements';
  if (/^lines?$/.test(w)) return 'lines';
  if (/^(functions?|funcs?|methods?)$/.test(w)) return 'functions';
  if (/^branch(es)?$/.test(w)) return 'branches';
  return null;
}

const COVERAGE_FILE = /(^|\/)(coverage\.(out|xml|json|txt)|lcov\.info|[\w.-]+\.(lcov|coverprofile)|cover\.out|cobertura[\w.-]*\.xml)$/i;

export function readCoverageNumbers(st: Statement, codePaths: string[]): CoverageNumbers[] {
  if (st.construct === 'code-block' || st.planning || st.table?.header) return [];
  const withFraction = (p: Percent, text: string): Pick<CoverageNumbers, 'hit' | 'found'> => {
    const f = fractionsIn(text).find((x) => Math.abs(x.index - p.end) <= 4 || Math.abs(p.index - x.end) <= 4);
    return f ? { hit: f.a, found: f.b } : {};
  };
  const cols = targetColumns(st);
  if (cols) {
    const criterion = st.table!.cells[cols.criterion] ?? '';
    if (!/coverage/i.test(criterion)) return [];
    const actual = st.table!.cells[cols.actual] ?? '';
    const p = percentsIn(actual)[0];
    const m = /\b(line|statement|branch|function)s?\b/i.exec(criterion);
    return p ? [{ percent: p, metric: metricOf(m?.[1]), ...withFraction(p, actual), text: actual }] : [];
  }
  if (st.table) {
    // `Component | Coverage` rows: the figure under a coverage column, for what the first cell names.
    const col = st.table.headers.findIndex((h, i) => i > 0 && /coverage/i.test(h) && !/\b(target|goal|gap|delta|required|projected|expected)\b/i.test(h));
    if (col < 0 || !(st.table.cells[0] ?? '').trim()) return [];
    const cell = st.table.cells[col] ?? '';
    const p = percentsIn(cell)[0];
    const m = /\b(line|statement|branch|function)s?\b/i.exec(st.table.headers[col]!);
    return p ? [{ percent: p, metric: metricOf(m?.[1]), ...withFraction(p, cell), text: st.text }] : [];
  }
  const text = st.text;
  const out: CoverageNumbers[] = [];
  const context = /coverage/i.test([st.label ?? '', ...(st.parents ?? []), st.headings[st.headings.length - 1] ?? ''].join(' ')) || /coverage/i.test(text);
  const m1 = /(?<![\w.,])(~|≈|about\s+)?(\d+(?:\.\d+)?)\s*%\s+(?:of\s+)?(statements|lines|branches|functions)\b/i.exec(text);
  const m2 = /(?<![\w.,])(~|≈|about\s+)?(\d+(?:\.\d+)?)\s*%\s+(?:(line|statement|branch|function)\s+)?(?:test\s+|code\s+)?coverage\b/i.exec(text);
  const labelMetric = /^(lines?|statements?|stmts|functions?|funcs|branch(?:es)?)$/i.exec((st.label ?? '').trim());
  // "Coverage gap", "Coverage target", "Projected coverage" state a difference or a goal, not the measured figure.
  const notMeasured = /\b(gap|target|goal|threshold|delta|increase|decrease|improvement|projected|expected|required|minimum|min|max)\b/i;
  if (notMeasured.test(st.label ?? '')) return [];
  const labelCoverage = /coverage/i.test(st.label ?? '');
  const hit = m1 ?? m2;
  if (hit && (m1 || context)) {
    const p = percentsIn(text).find((x) => x.index <= hit.index! + (hit[1]?.length ?? 0) + 1 && x.end >= hit.index! + hit[0].indexOf('%'));
    if (p) out.push({ percent: p, metric: metricOf(m1 ? m1[3] : m2![3]), ...withFraction(p, text), text: hit[0] });
  } else if ((labelMetric && context) || labelCoverage) {
    const p = percentsIn(st.value ?? '')[0];
    if (p) out.push({ percent: p, metric: metricOf(labelMetric?.[1] ?? /\b(line|statement|branch|function)s?\b/i.exec(st.label ?? '')?.[1]), ...withFraction(p, st.value ?? ''), text: `${st.label}: ${p.raw}${withFraction(p, st.value ?? '').found !== undefined ? ' …' : ''}` });
  }
  const units = /(?<![\w.,])(\d+)\s+(packages|files|modules)\b/i.exec(text);
  if (units && (/coverage/i.test(text) || codePaths.some((p) => COVERAGE_FILE.test(p)))) {
    out.push({ metric: null, units: { count: q(Number(units[1])), unit: /files/i.test(units[2]!) ? 'files' : 'packages' }, text: units[0] });
  }
  return out;
}

export function isCoverageFileName(path: string): boolean {
  return COVERAGE_FILE.test(path);
}

// ---------------------------------------------------------------------------
// Diff metrics

export type DiffMetric = 'files-modified' | 'files-changed' | 'files-added' | 'files-deleted' | 'insertions' | 'deletions' | 'lines-changed' | 'net';

/** A diffstat figure the report states, with its sign when written (`+9`). */
export interface DiffNumber {
  metric: DiffMetric;
  quantity: Quantity;
  signed: boolean;
  negative: boolean;
  text: string;
}

function diffMetricOf(label: string): DiffMetric | null {
  const l = label.toLowerCase().replace(/[^a-z ]/g, ' ').replace(/\s+/g, ' ').trim();
  if (/^(?:number of )?files? (?:modified|edited|updated)$|^modified files?$/.test(l)) return 'files-modified';
  if (/^(?:number of )?files? (?:changed|touched|affected)$|^changed files?$|^files$/.test(l)) return 'files-changed';
  if (/^(?:number of )?(?:files? (?:created|added|new)|new files?|created files?|added files?)$/.test(l)) return 'files-added';
  if (/^(?:number of )?(?:files? (?:deleted|removed)|deleted files?|removed files?)$/.test(l)) return 'files-deleted';
  if (/^(?:insertions?|additions?|lines? (?:added|inserted)|added lines?|new (?:code|lines?)|code added|added code|lines? of new code)$/.test(l)) return 'insertions';
  if (/^(?:deletions?|removals?|lines? (?:removed|deleted)|removed lines?|deleted lines?|removed code|deleted code|code removed)$/.test(l)) return 'deletions';
  if (/^(?:lines? (?:changed|modified|touched)|changed lines?|total lines? changed|total changes|churn)$/.test(l)) return 'lines-changed';
  if (/^(?:net(?: (?:addition|additions|change|changes|lines?|diff|delta|growth|reduction))?|net lines? (?:added|changed))$/.test(l)) return 'net';
  return null;
}

/** Diff figures of a statement: a `Label: value` field, a `Metric | Value` table row, or git's `3 files changed, 9 insertions(+)`. */
export function readDiffNumbers(st: Statement): DiffNumber[] {
  if (st.construct === 'code-block' || st.planning || st.table?.header) return [];
  let label: string | null = null;
  let value = '';
  if (st.table && st.table.cells.length >= 2) {
    label = st.table.cells[0]!;
    value = st.table.cells.slice(1).find((c) => /\d/.test(c)) ?? '';
  } else if (st.label) {
    label = st.label;
    value = st.value ?? '';
  }
  const out: DiffNumber[] = [];
  let metric = label ? diffMetricOf(label) : null;
  // "Files: 4 implementation files (1,041 lines)": a bare Files label over a kind of file counts a component's
  // files, not the files a change touched.
  if (metric === 'files-changed' && /^\W*files\W*$/i.test(label ?? '') && /^\s*(?:~|about\s+)?[\d,]+\+?\s+(?!files?\b|changed\b|modified\b|touched\b)[a-z][\w-]*/i.test(value)) metric = null;
  if (metric) {
    const m = /^\s*([+−–-])?\s*((?:~|about\s+)?(?:\d{1,3}(?:,\d{3})+|\d+))(\+)?(?!\s*(?:%|\/|\.\d|[kmg]?b\b))/i.exec(value);
    if (m) {
      const quantity = parseQuantity(m[2]! + (m[3] ?? ''));
      if (quantity) out.push({ metric, quantity, signed: !!m[1], negative: !!m[1] && m[1] !== '+', text: st.table ? st.text : `${label}: ${value}` });
    }
    return out;
  }
  const g = /(\d+) files? changed(?:, (\d+) insertions?\(\+\))?(?:, (\d+) deletions?\(-\))?/.exec(st.text);
  if (g) {
    out.push({ metric: 'files-changed', quantity: q(Number(g[1])), signed: false, negative: false, text: g[0] });
    if (g[2]) out.push({ metric: 'insertions', quantity: q(Number(g[2])), signed: false, negative: false, text: g[0] });
    if (g[3]) out.push({ metric: 'deletions', quantity: q(Number(g[3])), signed: false, negative: false, text: g[0] });
  }
  return out;
}

// ---------------------------------------------------------------------------
// Target | Actual rows

/** A value with an optional comparator and unit, as a target or actual cell writes it. */
export interface Measure {
  value: number;
  /** For fractions (`4/6`), the denominator; the value is then the numerator. */
  of?: number;
  unit: string;
  comparator: '>=' | '>' | '<=' | '<' | null;
  raw: string;
}

const TIME_UNITS: Record<string, number> = { ms: 0.001, s: 1, sec: 1, secs: 1, second: 1, seconds: 1, m: 60, min: 60, mins: 60, minute: 60, minutes: 60, h: 3600, hr: 3600, hrs: 3600, hour: 3600, hours: 3600 };

/** Reads `≥85%`, `<30s`, `4/6`, `0`, `670ms`; null for words (`N/A`, `Ready`). */
export function parseMeasure(cell: string): Measure | null {
  const t = cell.replace(/[✅❌⚠️✓✗]/gu, '').trim();
  const m = /^(≥|>=|>|≤|<=|<|at least|min(?:imum)?|max(?:imum)?|under|below|above|over)?\s*~?\s*(\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)\s*(?:\/\s*(\d+))?\s*(%|[a-zA-Z]+)?\s*(\+)?$/i.exec(t);
  if (!m) return null;
  const c = (m[1] ?? '').toLowerCase();
  let comparator: Measure['comparator'] = null;
  if (c === '≥' || c === '>=' || c.startsWith('at least') || c.startsWith('min') || m[5]) comparator = '>=';
  else if (c === '>' || c === 'above' || c === 'over') comparator = '>';
  else if (c === '≤' || c === '<=' || c.startsWith('max')) comparator = '<=';
  else if (c === '<' || c === 'under' || c === 'below') comparator = '<';
  let unit = (m[4] ?? '').toLowerCase();
  let value = num(m[2]!);
  if (unit in TIME_UNITS) {
    value *= TIME_UNITS[unit]!;
    unit = 's';
  }
  return { value, ...(m[3] ? { of: Number(m[3]) } : {}), unit, comparator, raw: t };
}
