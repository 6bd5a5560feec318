/**
 * arithmetic: the report's own numbers, judged on their arithmetic alone —
 * whether the underlying numbers are true is another claim's business.
 *
 * In one statement: a percentage beside its fraction ("85.7% (12/14 tests
 * passed)", "25% (3 of 15)"), a sum or difference written out ("57+7+12 =
 * 76", "+12 −3 = +9"), a ratio or reduction between two quantities
 * ("1,048,576 bytes → 144 bytes = 7,281.78x", "120 s → 6 s (80%
 * reduction)"), parts against a total ("15 total, 12 passing, 3 failing").
 *
 * Across the fields of one section (recognizeDocument): a pass rate against
 * the counts stated beside it ("Tests Executed: 14 / Tests Passed: 14 / Pass
 * Rate: 100%", a heading "(87.5% Pass)" over "Tests: 7/8 passing"), parts
 * against a total ("Executed 81 / Passed 76 / Failed 5"), diff totals
 * ("Lines Changed: 15" beside "New Code: 12" and "Removed Code: 3"), a gap
 * to a target ("8.3 percentage points below the 85% target" against that
 * target's row), a score against its itemised list ("5/5 mechanisms" over
 * five ✅ items).
 *
 * Percentages are compared at the precision the report wrote them with
 * (rounded or cut off); a 100% or 0% of counted things must be exact.
 */
import type { Claim, ClaimDocument, ClaimKindModule, Outcome, Statement } from '../types.js';
import {
  fractionsIn,
  parseMeasure,
  percentMatches,
  percentsIn,
  readDiffNumbers,
  readTestNumbers,
  roundTo,
  targetColumns,
  type Percent,
} from '../reportnumbers.js';
import { isFieldHeading, ownSection, sectionOf } from '../sections.js';

type Check =
  | { form: 'fraction'; percent: Percent; a: number; b: number }
  | { form: 'sum'; terms: number[]; result: number; decimals: number }
  | { form: 'ratio'; from: number; to: number; stated: { value: number; decimals: number; kind: 'times' | 'percent'; percent?: Percent }; unit: string }
  | { form: 'parts'; parts: { name: string; value: number; line: number }[]; total: number; totalLine: number }
  | { form: 'rate'; percent: Percent; of: 'pass' | 'fail'; num: number; den: number; how: string; lines: number[] }
  | { form: 'diff'; what: 'lines-changed' | 'net'; insertions: number; deletions: number; stated: number; lines: number[] }
  | { form: 'gap'; stated: { value: number; decimals: number }; direction: 'below' | 'above'; target: number; actual: number; rowLine: number }
  | { form: 'score'; a: number; b: number; items: number; marked: number; lines: number[] }
  | { form: 'duration'; stated: Duration; parts: { seconds: number; line: number }[] }
  | { form: 'points'; stated: { value: number; decimals: number }; target: { value: number; line: number }; actual: { value: number; line: number } };

/** A length of time as written: its value in seconds, and how finely it was written (the step of its last digit). */
interface Duration {
  seconds: number;
  /** Half the step of the written precision, in seconds: `~4 hours` is 4 h ± 30 min, `~30 min` is ± 5 min. */
  tolerance: number;
  approx: boolean;
  raw: string;
}

const NUM = String.raw`\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?`;
const n = (s: string) => Number(s.replace(/[,\s]/g, ''));
const decimalsOf = (s: string) => (s.replace(/,/g, '').split('.')[1] ?? '').length;

function claim(st: Statement, text: string, check: Check): Omit<Claim, 'id' | 'sources'> {
  return { kind: 'arithmetic', text, source: { path: st.docPath, line: st.line }, subject: { path: null, symbol: null }, data: { check, ...(wholeFigure(st) ? { whole: true } : {}) } };
}

/**
 * A field whose value is nothing but the figures the check reads ("Best
 * ratio: 7.5x (300 B → 40 B)", "Gap: 12 percentage points"): the arithmetic
 * is all the statement says, so nothing is left for the fallback to list.
 */
/**
 * Words that name a measurement and nothing else. A label with any other word
 * ("BSD ratio", "Redis hit rate") attributes the figure to something, and
 * that attribution is a claim of its own.
 */
const METRIC_WORDS = new Set([
  'best', 'worst', 'average', 'avg', 'mean', 'median', 'overall', 'total', 'net', 'max', 'maximum', 'min', 'minimum', 'peak', 'final',
  'ratio', 'rate', 'score', 'gap', 'difference', 'shortfall', 'savings', 'saving', 'reduction', 'increase', 'decrease', 'growth',
  'speedup', 'speed', 'up', 'improvement', 'change', 'effort', 'time', 'duration', 'estimate', 'estimated', 'size', 'compression', 'pass', 'success', 'failure',
]);

function wholeFigure(st: Statement): boolean {
  if (!st.label || st.construct === 'table-row') return false;
  const words = st.label.toLowerCase().split(/[^a-z]+/).filter(Boolean);
  if (!words.length || !words.every((w) => METRIC_WORDS.has(w))) return false;
  const rest = (st.value ?? '')
    .replace(/(\d)\s*[x×](?![\w])/g, '$1')
    .replace(/\b(?:bytes?|[kmg]i?b|ms|s|secs?|seconds?|mins?|minutes?|h|hrs?|hours?|percentage points?|pp|points?)\b/gi, ' ')
    .replace(/[\d.,%~≈→=<>()\s:+−–-]/g, '');
  return rest === '';
}

/** Extends a span to the closing parenthesis of a group it opened, so the claim text reads whole. */
function spanText(text: string, start: number, end: number): string {
  let e = end;
  const open = (text.slice(start, e).match(/\(/g) ?? []).length - (text.slice(start, e).match(/\)/g) ?? []).length;
  if (open > 0) {
    const close = text.indexOf(')', e);
    if (close >= 0 && close - e < 60) e = close + 1;
  }
  return text.slice(start, e).trim();
}

function fractionPairs(st: Statement): Omit<Claim, 'id' | 'sources'>[] {
  const text = st.text;
  const ps = percentsIn(text).filter((p) => p.bound === 'exact');
  const fs = fractionsIn(text);
  const out: Omit<Claim, 'id' | 'sources'>[] = [];
  const used = new Set<number>();
  for (const p of ps) {
    for (const f of fs) {
      if (used.has(f.index)) continue;
      const after = p.end <= f.index ? text.slice(p.end, f.index) : null;
      const before = f.end <= p.index ? text.slice(f.end, p.index) : null;
      const pThenF = after !== null && /^\s*(?:\(\s*|=\s*|:\s*)$/.test(after);
      const fThenP = before !== null && (/^(?:\s+[\w-]+){0,5}\s*\(\s*$/.test(before) && /^\s*\)/.test(text.slice(p.end)) || /^\s*(?:=|→|->|is|equals)\s*$/.test(before));
      if (!pThenF && !fThenP) continue;
      used.add(f.index);
      const start = Math.min(p.index, f.index);
      const end = Math.max(p.end, f.end);
      out.push(claim(st, spanText(text, start, end), { form: 'fraction', percent: p, a: f.a, b: f.b }));
      break;
    }
  }
  return out;
}

const SUM = new RegExp(String.raw`(?<![\w.,/:-])([+−–-]?\s*(?:${NUM}))((?:\s*[+−–-]\s*(?:${NUM}))+)\s*=\s*([+−–-]?\s*(?:${NUM}))(?![\w.])`, 'g');

function sums(st: Statement): Omit<Claim, 'id' | 'sources'>[] {
  const out: Omit<Claim, 'id' | 'sources'>[] = [];
  for (const m of st.text.matchAll(SUM)) {
    const signed = (s: string) => {
      const t = s.replace(/\s+/g, '');
      return /^[−–-]/.test(t) ? -n(t.slice(1)) : n(t.replace(/^\+/, ''));
    };
    const terms = [signed(m[1]!), ...[...m[2]!.matchAll(new RegExp(String.raw`([+−–-])\s*(${NUM})`, 'g'))].map((x) => (x[1] === '+' ? 1 : -1) * n(x[2]!))];
    // A date or a range (2025-10-03, 151-158) has no spaces and no leading sign; it is not a sum.
    if (!/\s[+−–-]\s|\+/.test(m[0].split('=')[0]!) && !/^[+−–]/.test(m[1]!.trim())) continue;
    out.push(claim(st, m[0].trim(), { form: 'sum', terms, result: signed(m[3]!), decimals: Math.max(...[m[1]!, m[3]!].map(decimalsOf)) }));
  }
  return out;
}

const UNIT: Record<string, [string, number]> = {
  ms: ['s', 0.001], s: ['s', 1], sec: ['s', 1], secs: ['s', 1], second: ['s', 1], seconds: ['s', 1], min: ['s', 60], mins: ['s', 60], minute: ['s', 60], minutes: ['s', 60], h: ['s', 3600], hr: ['s', 3600], hrs: ['s', 3600], hour: ['s', 3600], hours: ['s', 3600],
  b: ['B', 1], byte: ['B', 1], bytes: ['B', 1], kb: ['B', 1000], kib: ['B', 1024], mb: ['B', 1e6], mib: ['B', 1048576], gb: ['B', 1e9], gib: ['B', 1073741824],
};
const QTY = String.raw`(${NUM})\s*([a-zA-Z]+)?`;
const ARROW = new RegExp(String.raw`(?<![\w.,<>~+≤≥])${QTY}\s*(?:→|->|=>|\bto\b)\s*(?<![<>~])${QTY}(?![\w+])`);

function toBase(value: string, unit: string | undefined): { v: number; dim: string } | null {
  if (!unit) return { v: n(value), dim: '' };
  const u = UNIT[unit.toLowerCase()];
  return u ? { v: n(value) * u[1], dim: u[0] } : null;
}

function ratios(st: Statement): Omit<Claim, 'id' | 'sources'>[] {
  const text = st.text;
  const a = ARROW.exec(text);
  if (!a) return [];
  const from = toBase(a[1]!, a[2]);
  const to = toBase(a[3]!, a[4]);
  if (!from || !to || from.dim !== to.dim || from.v === 0 || to.v === 0) return [];
  const rest = text.slice(0, a.index) + ' ' + text.slice(a.index + a[0].length);
  const times = new RegExp(String.raw`(?<![\w.,])(${NUM})\s*[x×](?![\w])`).exec(rest);
  const pct = percentsIn(rest).find((p) => p.bound === 'exact');
  const pctWord = /\b(reduction|reduced|decrease|smaller|less|savings?|saved|faster|speed-?up|improvement|improved|increase|growth|more|larger)\b/i.test(text);
  const unit = from.dim;
  if (times) return [claim(st, text, { form: 'ratio', from: from.v, to: to.v, stated: { value: n(times[1]!), decimals: decimalsOf(times[1]!), kind: 'times' }, unit })];
  if (pct && pctWord) return [claim(st, text, { form: 'ratio', from: from.v, to: to.v, stated: { value: pct.value, decimals: pct.decimals, kind: 'percent', percent: pct }, unit })];
  return [];
}

function partsInStatement(st: Statement): Omit<Claim, 'id' | 'sources'>[] {
  const out: Omit<Claim, 'id' | 'sources'>[] = [];
  for (const t of readTestNumbers(st)) {
    if (!t.total || t.total.bound !== 'exact' || !t.passed) continue;
    const parts = (['passed', 'failed', 'skipped', 'errors'] as const).filter((k) => t[k] && t[k]!.bound === 'exact').map((k) => ({ name: k, value: t[k]!.value, line: st.line }));
    if (parts.length < 2) continue;
    out.push(claim(st, t.text, { form: 'parts', parts, total: t.total.value, totalLine: st.line }));
  }
  return out;
}


// ---------------------------------------------------------------------------
// Durations: an estimate over the itemised estimates below it

const DURATION_UNIT: Record<string, number> = { s: 1, sec: 1, secs: 1, second: 1, seconds: 1, m: 60, min: 60, mins: 60, minute: 60, minutes: 60, h: 3600, hr: 3600, hrs: 3600, hour: 3600, hours: 3600 };
const DURATION = /(?<![\w.,])(~|≈|about\s+|approx\.?\s+|approximately\s+|around\s+)?(\d+(?:\.\d+)?)\s*(seconds?|secs?|s|minutes?|mins?|m|hours?|hrs?|hr|h)\b/i;

/** The step of a written number's last significant digit: 4 → 1, 30 → 10, 45 → 5, 1.5 → 0.5, 120 → 10. */
function writtenStep(digits: string): number {
  const [whole, frac = ''] = digits.split('.');
  if (frac) {
    const step = 10 ** -frac.length;
    return frac.endsWith('5') ? 5 * step : step;
  }
  const w = whole!;
  const trailing = w.length - w.replace(/0+$/, '').length;
  const last = w.replace(/0+$/, '').slice(-1);
  const step = w === '0' ? 1 : 10 ** trailing;
  return last === '5' && w.length > 1 ? 5 * step : step;
}

/** A duration that is the whole of a text (a field value, a parenthesis). */
export function parseDuration(text: string): Duration | null {
  const m = DURATION.exec(text);
  if (!m) return null;
  const unit = DURATION_UNIT[m[3]!.toLowerCase()];
  if (!unit) return null;
  const approx = !!m[1];
  const seconds = Number(m[2]) * unit;
  // An approximate figure holds within half its written step, and never tighter than 10%.
  const half = (writtenStep(m[2]!) * unit) / 2;
  return { seconds, tolerance: approx ? Math.max(half, seconds * 0.1) : half, approx, raw: m[0].trim() };
}

/** Labels of a total estimate: Effort, Time, Duration, Estimate, ETA (a domain of planning documents). */
const DURATION_LABEL = /^(?:total\s+)?(?:estimated\s+)?(?:effort|time|duration|estimate|estimated time|time estimate|eta|time required|total)$/i;
/** An item's own estimate: the parenthesis or dash-separated tail that ends it ("Fix the build (20 min)", "Deploy — 2 hours"). */
const ITEM_DURATION_PAREN = /\(\s*([^()]{1,30})\s*\)\s*[.;]?\s*$/;
const ITEM_DURATION_DASH = /\s[-–—:]\s*([^-–—:]{1,30})\s*[.;]?\s*$/;

function durationTotals(doc: ClaimDocument): Omit<Claim, 'id' | 'sources'>[] {
  const out: Omit<Claim, 'id' | 'sources'>[] = [];
  for (const st of doc.statements) {
    if (!st.label || !DURATION_LABEL.test(st.label.replace(/[^\p{L} ]/gu, '').trim())) continue;
    const value = (st.value ?? '').trim();
    const stated = parseDuration(value);
    // The value must be the duration alone: "Time: 2 hours per day" is a rate, not a total.
    if (!stated || value.replace(/[*_`]/g, '').trim() !== stated.raw) continue;
    // The parts: the list items of the same section, each ending in its own estimate, and every one of them with one.
    // Plans are planning sections, which sectionOf leaves out: the section is read here, planning or not.
    const key = ownSection(st).join('\n');
    const items = doc.statements.filter((s) => s.construct === 'list-item' && !s.parents?.length && s.line > st.line && ownSection(s).join('\n') === key);
    if (items.length < 2) continue;
    const parts: { seconds: number; line: number }[] = [];
    for (const it of items) {
      const tail = (ITEM_DURATION_PAREN.exec(it.text) ?? ITEM_DURATION_DASH.exec(it.text))?.[1]?.trim() ?? '';
      const d = tail ? parseDuration(tail) : null;
      // The tail must be the estimate alone: "(see the 2 h runbook)" is not one.
      if (!d || d.raw.length < tail.length - 2) break;
      parts.push({ seconds: d.seconds, line: it.line });
    }
    if (parts.length !== items.length) continue;
    out.push(claim(st, st.text, { form: 'duration', stated, parts }));
  }
  return out;
}

/** "Gap: 26 percentage points" beside "Target: 96%" and the measured figure in the same section (or the heading over it). */
function pointGaps(doc: ClaimDocument, sts: Statement[]): Omit<Claim, 'id' | 'sources'>[] {
  const out: Omit<Claim, 'id' | 'sources'>[] = [];
  for (const st of sts) {
    if (!st.label || !/^(?:gap|difference|shortfall|delta|distance to target|remaining)$/i.test(st.label.replace(/[^\p{L} ]/gu, '').trim())) continue;
    const g = /^\s*[+−–-]?\s*(\d+(?:\.\d+)?)\s*(?:percentage\s+points?|pp|points?)\b/i.exec(st.value ?? '');
    if (!g) continue;
    const around = sectionOf(doc, st);
    const heading = doc.statements.find((s) => isFieldHeading(s) && s.line < st.line && s.headings.join('\n') === st.headings.join('\n'));
    const pool = heading ? [heading, ...around] : around;
    const targets = pool.filter((s) => s.label && /^(?:target|goal|threshold|required|requirement)$/i.test(s.label.replace(/[^\p{L} ]/gu, '').trim()));
    const actuals = pool.filter((s) => s !== st && s.label && !targets.includes(s) && percentsIn(s.value ?? '').length === 1 && /^(?:[\p{L} ]*(?:coverage|actual|current|measured|achieved|overall|rate|score)[\p{L} ]*)$/iu.test(s.label.replace(/[^\p{L} ]/gu, '').trim()));
    if (targets.length !== 1 || actuals.length !== 1) continue;
    const t = percentsIn(targets[0]!.value ?? '');
    const a = percentsIn(actuals[0]!.value ?? '');
    if (t.length !== 1 || a.length !== 1) continue;
    out.push(claim(st, st.text, { form: 'points', stated: { value: Number(g[1]), decimals: decimalsOf(g[1]!) }, target: { value: t[0]!.value, line: targets[0]!.line }, actual: { value: a[0]!.value, line: actuals[0]!.line } }));
  }
  return out;
}

// ---------------------------------------------------------------------------
// Across a section

/** Statements stated side by side with `st`: the other fields of its section and list, or what a heading heads. */
function siblings(doc: ClaimDocument, st: Statement): Statement[] {
  if (st.construct === 'heading' && !isFieldHeading(st)) return sectionOf(doc, st);
  const group = sectionOf(doc, st);
  if (st.construct === 'heading') return group.filter((s) => isFieldHeading(s) || s.construct === 'field');
  const parents = JSON.stringify(st.parents ?? []);
  return group.filter((s) => s.construct !== 'heading' && JSON.stringify(s.parents ?? []) === parents && (!st.table || s.table?.headers.join('|') === st.table.headers.join('|')));
}

interface Counts {
  passed?: { v: number; line: number };
  failed?: { v: number; line: number };
  total?: { v: number; line: number };
  skipped?: { v: number; line: number };
  errors?: { v: number; line: number };
}

/** Single test counts stated by separate statements (`Tests Passed: 15`, `Tests: 7/8 passing`). */
function countsOf(sts: Statement[]): Counts {
  const c: Counts = {};
  for (const s of sts) {
    for (const t of readTestNumbers(s)) {
      if (t.unit !== 'tests') continue;
      for (const k of ['passed', 'failed', 'total', 'skipped', 'errors'] as const) {
        const q = t[k];
        if (q && q.bound === 'exact' && !c[k]) c[k] = { v: q.value, line: s.line };
      }
    }
  }
  return c;
}

function documentChecks(doc: ClaimDocument): Omit<Claim, 'id' | 'sources'>[] {
  const out: Omit<Claim, 'id' | 'sources'>[] = [];
  const sts = doc.statements.filter((s) => !s.planning && s.construct !== 'code-block');
  const targets = sts.filter((s) => targetColumns(s));
  for (const st of sts) {
    // A pass rate without its own fraction, against the counts stated beside it.
    for (const t of readTestNumbers(st)) {
      if (!t.rate || t.rate.bound !== 'exact' || fractionsIn(st.text).length) continue;
      const sib = siblings(doc, st);
      const c = countsOf(sib.filter((s) => !readTestNumbers(s).some((x) => x.rate)));
      const passedOrFailed = t.rate.of === 'pass' ? c.passed : c.failed;
      let den: { v: number; how: string; lines: number[] } | null = null;
      if (c.total) den = { v: c.total.v, how: 'the stated total', lines: [c.total.line] };
      else if (c.passed && c.failed) den = { v: c.passed.v + c.failed.v + (c.skipped?.v ?? 0) + (c.errors?.v ?? 0), how: 'passed plus failed', lines: [c.passed.line, c.failed.line] };
      if (!passedOrFailed || !den || den.v === 0) continue;
      out.push(claim(st, st.text, { form: 'rate', percent: t.rate, of: t.rate.of, num: passedOrFailed.v, den: den.v, how: den.how, lines: [passedOrFailed.line, ...den.lines] }));
    }
    // Parts against a total stated in separate fields.
    const mine = readTestNumbers(st);
    const own = mine.length === 1 && mine[0]!.total && !mine[0]!.passed && !mine[0]!.failed && mine[0]!.unit === 'tests' ? mine[0]!.total : null;
    if (own && own.bound === 'exact') {
      const c = countsOf(siblings(doc, st));
      const parts = (['passed', 'failed', 'skipped', 'errors'] as const).filter((k) => c[k]).map((k) => ({ name: k, value: c[k]!.v, line: c[k]!.line }));
      if (c.passed && parts.length >= 2) out.push(claim(st, st.text, { form: 'parts', parts, total: own.value, totalLine: st.line }));
    }
    // Diff totals: changed = insertions + deletions, net = insertions - deletions.
    for (const d of readDiffNumbers(st)) {
      if ((d.metric !== 'lines-changed' && d.metric !== 'net') || d.quantity.bound !== 'exact') continue;
      const sib = [st, ...siblings(doc, st)].flatMap((s) => readDiffNumbers(s).map((x) => ({ x, line: s.line })));
      const ins = sib.find((y) => y.x.metric === 'insertions' && y.x.quantity.bound === 'exact');
      const del = sib.find((y) => y.x.metric === 'deletions' && y.x.quantity.bound === 'exact');
      if (!ins || !del) continue;
      const stated = d.negative ? -d.quantity.value : d.quantity.value;
      out.push(claim(st, st.text, { form: 'diff', what: d.metric, insertions: ins.x.quantity.value, deletions: del.x.quantity.value, stated, lines: [ins.line, del.line] }));
    }
    // A gap to a target, against that target's own row.
    const g = /(?<![\w.,])(\d+(?:\.\d+)?)\s*(?:percentage\s+points?|pp|points?)\s+(below|under|short of|above|over|beyond|ahead of)\s+(?:the\s+)?(?:[\w-]+\s+){0,2}?(\d+(?:\.\d+)?)\s*%\s*(?:[\w-]+\s+){0,2}?(target|goal|threshold)/i.exec(st.text);
    if (g) {
      const want = Number(g[3]);
      const row = targets.find((r) => {
        const cols = targetColumns(r)!;
        const t = parseMeasure(r.table!.cells[cols.target] ?? '');
        return t && t.unit === '%' && t.value === want && parseMeasure(r.table!.cells[cols.actual] ?? '')?.unit === '%';
      });
      if (row) {
        const cols = targetColumns(row)!;
        const actual = parseMeasure(row.table!.cells[cols.actual]!)!.value;
        out.push(claim(st, st.text, { form: 'gap', stated: { value: Number(g[1]), decimals: decimalsOf(g[1]!) }, direction: /below|under|short/i.test(g[2]!) ? 'below' : 'above', target: want, actual, rowLine: row.line }));
      }
    }
    // A score against the marked items of its section.
    if (st.label && /\bscore\b/i.test(st.label)) {
      const f = fractionsIn(st.value ?? '')[0];
      if (f) {
        const items = sectionOf(doc, st).filter((s) => s.construct === 'list-item' && s.parents?.length);
        const marked = items.filter((s) => /[✅✓✔]/u.test(s.text));
        const failedMarks = items.filter((s) => /[❌✗✖]/u.test(s.text));
        if (f.a > f.b || (marked.length + failedMarks.length === items.length && items.length > 0)) {
          out.push(claim(st, st.text, { form: 'score', a: f.a, b: f.b, items: items.length, marked: marked.length, lines: items.map((s) => s.line) }));
        }
      }
    }
  }
  return out;
}

function showDuration(seconds: number): string {
  if (seconds >= 3600) {
    const h = Math.floor(seconds / 3600);
    const m = Math.round((seconds - h * 3600) / 60);
    return m ? `${h} h ${m} min` : `${h} h`;
  }
  if (seconds >= 60) return `${roundTo(seconds / 60, 1)} min`;
  return `${roundTo(seconds, 1)} s`;
}

const derivations = new WeakMap<ClaimDocument, Map<number, Check>>();

/**
 * How the report computes the rate it states on `line` from counts it states
 * itself (a pass rate beside "Tests Passed: 15", a heading's "(87.5% Pass)"
 * over "Tests: 7/8 passing"), checked; null when it states no such counts.
 * Such a rate is a claim about the report's own numbers: the counts it comes
 * from are the claims about the tests.
 */
export function derivedRate(doc: ClaimDocument, line: number): Outcome | null {
  let byLine = derivations.get(doc);
  if (!byLine) {
    byLine = new Map();
    for (const c of documentChecks(doc)) {
      const check = c.data.check as Check;
      if (check.form === 'rate' && !byLine.has(c.source.line)) byLine.set(c.source.line, check);
    }
    derivations.set(doc, byLine);
  }
  const check = byLine.get(line);
  if (!check) return null;
  return arithmetic.verify({ id: '', kind: 'arithmetic', text: '', source: { path: doc.path, line }, sources: [], subject: { path: null, symbol: null }, data: { check } }, undefined as never) as Outcome;
}

export const arithmetic: ClaimKindModule = {
  kind: 'arithmetic',
  description: "The report's own numbers add up: percentages against their fractions, parts against totals, sums, ratios, scores.",
  aboutReport: true,
  recognize(st) {
    if (st.construct === 'code-block' || st.planning || st.table?.header) return [];
    return [...fractionPairs(st), ...sums(st), ...ratios(st), ...partsInStatement(st)];
  },
  recognizeDocument(doc) {
    // An estimate's parts add up or not whether or not the estimate is a plan: durations read planning sections too.
    return [...documentChecks(doc), ...durationTotals(doc), ...pointGaps(doc, doc.statements.filter((s) => !s.planning && s.construct !== 'code-block'))];
  },
  verify(c): Outcome {
    const check = c.data.check as Check;
    const ev = (lines: number[], note: string) => [...new Set(lines)].map((line) => ({ path: c.source.path, line, note }));
    switch (check.form) {
      case 'fraction': {
        const actual = (check.a / check.b) * 100;
        const m = percentMatches(check.percent, actual);
        return {
          verdict: m.ok ? 'verified' : 'contradicted',
          reason: `on the report's own numbers, ${check.a}/${check.b} = ${m.how}${m.ok ? '' : `, not ${check.percent.raw}`}`,
          evidence: ev([c.source.line], 'judged on the report\'s own numbers only'),
        };
      }
      case 'sum': {
        const total = check.terms.reduce((s, x) => s + x, 0);
        const ok = roundTo(total, check.decimals) === roundTo(check.result, check.decimals);
        return { verdict: ok ? 'verified' : 'contradicted', reason: `on the report's own numbers, ${check.terms.join(' + ').replace(/\+ -/g, '- ')} = ${roundTo(total, check.decimals)}${ok ? '' : `, not ${check.result}`}`, evidence: ev([c.source.line], "judged on the report's own numbers only") };
      }
      case 'ratio': {
        const { from, to, stated } = check;
        if (stated.kind === 'times') {
          const r = Math.max(from, to) / Math.min(from, to);
          const shown = roundTo(r, stated.decimals);
          const cut = Math.floor(r * 10 ** stated.decimals) / 10 ** stated.decimals;
          const ok = shown === stated.value || cut === stated.value;
          return { verdict: ok ? 'verified' : 'contradicted', reason: `on the report's own numbers, ${from} / ${to} = ${roundTo(r, stated.decimals + 2)}x${ok ? `, ${stated.value}x at the precision written` : `, not ${stated.value}x`}`, evidence: ev([c.source.line], "judged on the report's own numbers only") };
        }
        const change = from > to ? ((from - to) / from) * 100 : ((to - from) / from) * 100;
        const what = from > to ? 'reduction' : 'increase';
        // A measured reduction is continuous: ordinary rounding applies, 100% included.
        const p = { ...stated.percent!, value: stated.value };
        const m = p.value === 100 || p.value === 0 ? { ok: roundTo(change, p.decimals) === p.value, how: `${roundTo(change, p.decimals + 2)}%` } : percentMatches(p, change);
        return { verdict: m.ok ? 'verified' : 'contradicted', reason: `on the report's own numbers, ${from}${check.unit} → ${to}${check.unit} is a ${roundTo(change, 2)}% ${what}${m.ok ? '' : `, not ${stated.value}%`}`, evidence: ev([c.source.line], "judged on the report's own numbers only") };
      }
      case 'parts': {
        const sum = check.parts.reduce((s, p) => s + p.value, 0);
        const ok = sum === check.total;
        const expr = check.parts.map((p) => `${p.value} ${p.name}`).join(' + ');
        return { verdict: ok ? 'verified' : 'contradicted', reason: `on the report's own numbers, ${expr} = ${sum}${ok ? ', the stated total' : `, but the report states a total of ${check.total}`}`, evidence: ev([check.totalLine, ...check.parts.map((p) => p.line)], 'a number of the report') };
      }
      case 'rate': {
        const m = percentMatches(check.percent, (check.num / check.den) * 100);
        return { verdict: m.ok ? 'verified' : 'contradicted', reason: `the report's own counts: ${check.num} ${check.of === 'pass' ? 'passed' : 'failed'} of ${check.den} (${check.how}) = ${m.how}${m.ok ? '' : `, not ${check.percent.raw}`}`, evidence: ev(check.lines, 'a count the rate is computed from') };
      }
      case 'diff': {
        const v = check.what === 'net' ? check.insertions - check.deletions : check.insertions + check.deletions;
        const ok = v === check.stated;
        const expr = check.what === 'net' ? `${check.insertions} - ${check.deletions}` : `${check.insertions} + ${check.deletions}`;
        return { verdict: ok ? 'verified' : 'contradicted', reason: `the report's own numbers: ${expr} = ${v}${ok ? '' : `, not ${check.stated}`}`, evidence: ev(check.lines, 'a number of the report') };
      }
      case 'gap': {
        const gap = check.direction === 'below' ? check.target - check.actual : check.actual - check.target;
        const ok = roundTo(gap, check.stated.decimals) === check.stated.value;
        return { verdict: ok ? 'verified' : 'contradicted', reason: `the report's own row: ${check.direction === 'below' ? `${check.target}% - ${check.actual}%` : `${check.actual}% - ${check.target}%`} = ${roundTo(gap, Math.max(1, check.stated.decimals))} points${ok ? '' : `, not ${check.stated.value}`}`, evidence: ev([check.rowLine], 'the target row') };
      }
      case 'duration': {
        const sum = check.parts.reduce((s, p) => s + p.seconds, 0);
        const off = Math.abs(sum - check.stated.seconds);
        const ok = off <= check.stated.tolerance + 1e-9;
        const how = check.stated.approx ? `within ±${showDuration(check.stated.tolerance)} (half the step it is written in, at least 10%)` : `at the precision written (±${showDuration(check.stated.tolerance)})`;
        return {
          verdict: ok ? 'verified' : 'contradicted',
          reason: `on the report's own numbers, the ${check.parts.length} items add up to ${showDuration(sum)}${ok ? `, which is ${check.stated.raw} ${how}` : `, not ${check.stated.raw} ${how}`}`,
          evidence: ev([c.source.line, ...check.parts.map((p) => p.line)], 'an itemised estimate'),
        };
      }
      case 'points': {
        const gap = Math.abs(check.target.value - check.actual.value);
        const ok = roundTo(gap, check.stated.decimals) === check.stated.value;
        return {
          verdict: ok ? 'verified' : 'contradicted',
          reason: `the report's own figures: ${check.target.value}% - ${check.actual.value}% = ${roundTo(gap, Math.max(1, check.stated.decimals))} percentage points${ok ? '' : `, not ${check.stated.value}`}`,
          evidence: ev([check.target.line, check.actual.line], 'a figure the gap is computed from'),
        };
      }
      case 'score': {
        if (check.a > check.b) return { verdict: 'contradicted', reason: `the report states a score of ${check.a}/${check.b} is more than the maximum`, evidence: [] };
        const ok = check.a === check.marked && check.b === check.items;
        return { verdict: ok ? 'verified' : 'contradicted', reason: `the report's section lists ${check.items} item${check.items === 1 ? '' : 's'}, ${check.marked} marked as done${ok ? '' : `: not ${check.a}/${check.b}`}`, evidence: ev(check.lines, 'an item of the score') };
      }
    }
  },
};
