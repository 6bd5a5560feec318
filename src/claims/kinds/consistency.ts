/**
 * consistency: the report against itself, never against the code.
 *
 * - A Target | Actual | Status row: the status cell against the row's own
 *   numbers ("✅ Exceeded" where the actual equals the target, "✅ Met" at
 *   85.7% of a 100% target, "❌" while the actual meets the target).
 * - The same number stated twice with two values: test counts and pass rates
 *   that cover the same tests ("Tests Passed: 15" beside "14/17 tests
 *   passing"), or a labelled figure repeated outside parallel sections.
 * - A bottom line that declares success or readiness ("PRODUCTION READY",
 *   "ALL TESTS PASSED") in a report that lists its own blockers (❌, "blocked",
 *   "NOT READY", failing tests, open issues) the declaration does not admit.
 *
 * Rows are claims of their own statement; restatements and bottom lines need
 * the whole report, so they come from recognizeDocument and only where the
 * report does disagree with itself. The status kind checks the same bottom
 * lines against the code (see status.ts for the difference).
 */
import type { Claim, ClaimDocument, ClaimKindModule, Outcome, Statement } from '../types.js';
import { fractionsIn, parseMeasure, percentMatches, percentsIn, readTestNumbers, roundTo, targetColumns, type Measure, type Percent, type TestNumbers } from '../reportnumbers.js';
import { admissionEvidence, admissionsAgainst, admitsAll, chapterDepth, isFieldHeading, ownSection, namedPaths, sectionOf } from '../sections.js';
import { isCoverageFileName } from '../reportnumbers.js';
import { declarationOf } from './status.js';
import { other } from './other.js';

type StatusWord = 'exceeded' | 'met' | 'missed' | 'partial';

type Check =
  | { form: 'row'; criterion: string; target: Measure; actual: Measure; status: StatusWord; statusText: string }
  | { form: 'restated'; conflicts: { line: number; text: string; why: string }[] }
  | { form: 'bottom-line'; words: string; total: number; admissions: { line: number; text: string; why: string }[] }
  | { form: 'share'; percent: Percent; passed: number; items: { line: number; text: string; done: boolean }[] }
  | { form: 'listed'; stated: number; noun: string; items: { line: number; text: string; names: number }[] };

const EXCEEDED = /\b(exceed(?:ed|s|ing)?|above target|beat|better|surpass\w*|outperform\w*|faster|ahead)\b/i;
const MISSED = /\b(below target|below|not met|missed|fail(?:ed|ing)?|blocked|open|under target|short|behind|not achieved|no)\b/i;
const PARTIAL = /\b(mostly|partial(?:ly)?|nearly|almost|close|pending)\b/i;
const MET = /\b(met|meets|achieved|pass(?:ed|es)?|ok|done|on target|within target|yes|complete)\b/i;

export function statusWord(cell: string): StatusWord | null {
  if (EXCEEDED.test(cell)) return 'exceeded';
  if (MISSED.test(cell)) return 'missed';
  if (PARTIAL.test(cell)) return 'partial';
  if (MET.test(cell)) return 'met';
  if (/[❌✗✖]/u.test(cell)) return 'missed';
  if (/⚠/u.test(cell)) return 'partial';
  if (/[✅✓✔]/u.test(cell)) return 'met';
  return null;
}

function row(st: Statement): Omit<Claim, 'id' | 'sources'>[] {
  const cols = targetColumns(st);
  if (!cols || cols.status < 0) return [];
  const cells = st.table!.cells;
  const target = parseMeasure(cells[cols.target] ?? '');
  const actual = parseMeasure(cells[cols.actual] ?? '');
  const status = statusWord(cells[cols.status] ?? '');
  if (!target || !actual || !status) return [];
  return [
    {
      kind: 'consistency',
      text: st.text,
      source: { path: st.docPath, line: st.line },
      subject: { path: null, symbol: null },
      data: { check: { form: 'row', criterion: cells[cols.criterion] ?? '', target, actual, status, statusText: cells[cols.status]! } satisfies Check },
    },
  ];
}

/** Where the actual stands against the target: better, exactly at it, or short of it; null when the row cannot tell. */
function standing(target: Measure, actual: Measure): 'better' | 'equal' | 'short' | null {
  if (target.unit !== actual.unit || (target.of !== undefined) !== (actual.of !== undefined)) return null;
  const t = target.of ? target.value / target.of : target.value;
  const a = actual.of ? actual.value / actual.of : actual.value;
  let cmp = target.comparator;
  // A bare percentage or fraction is a floor; a bare zero is a ceiling; any other bare number only says "equal".
  if (!cmp) cmp = target.unit === '%' || target.of ? '>=' : t === 0 ? '<=' : null;
  const higher = cmp === '>=' || cmp === '>';
  // An actual written as a bound (`<1ms`, `100+`) is known on one side only.
  if (actual.comparator) {
    const upper = actual.comparator === '<' || actual.comparator === '<=';
    if (!cmp) return null;
    if (higher && !upper && a >= t) return a > t || actual.comparator === '>' ? 'better' : 'equal';
    if (!higher && upper && a <= t) return a < t || actual.comparator === '<' ? 'better' : 'equal';
    return null;
  }
  if (Math.abs(a - t) < 1e-9) return cmp === '>' || cmp === '<' ? 'short' : 'equal';
  if (!cmp) return null;
  return (higher ? a > t : a < t) ? 'better' : 'short';
}

function verifyRow(c: Extract<Check, { form: 'row' }>, line: number, path: string): Outcome {
  const s = standing(c.target, c.actual);
  const ev = [{ path, line, note: 'the row is judged on its own cells only' }];
  const said = `the report's row says "${c.statusText}" with actual ${c.actual.raw} against target ${c.target.raw}`;
  if (!s) return { verdict: 'unverifiable', reason: `${said}: the row does not say which direction is better, or its units differ`, evidence: ev };
  const where = s === 'better' ? 'beats the target' : s === 'equal' ? 'equals the target' : 'falls short of the target';
  const ok = c.status === 'exceeded' ? s === 'better' : c.status === 'met' ? s !== 'short' : s === 'short';
  return { verdict: ok ? 'verified' : 'contradicted', reason: `${said}: the actual ${where}, so "${c.status}" ${ok ? 'fits' : 'does not fit'}`, evidence: ev };
}

// ---------------------------------------------------------------------------
// Restatements

interface Stated {
  st: Statement;
  n: TestNumbers;
  scope: string;
}

/** The tests a statement's numbers cover: the paths it (else its section) names; '' for the whole run. */
function scopeKey(doc: ClaimDocument, st: Statement): string {
  const own = namedPaths([st]).filter((p) => !isCoverageFileName(p));
  if (own.length) return own.sort().join(' ');
  return namedPaths(sectionOf(doc, st))
    .filter((p) => !isCoverageFileName(p))
    .sort()
    .join(' ');
}

/** Two pass rates agree when the one written with fewer decimals is the other one rounded (or cut off). */
function sameRate(a: { value: number; decimals: number; exact: boolean }, b: { value: number; decimals: number; exact: boolean }): boolean {
  if (a.exact && b.exact) return Math.abs(a.value - b.value) < 1e-9;
  const [stated, other] = a.exact ? [b, a] : b.exact ? [a, b] : a.decimals <= b.decimals ? [a, b] : [b, a];
  const p = { value: stated.value, decimals: stated.decimals, bound: 'exact' as const, raw: `${stated.value}%`, index: 0, end: 0 };
  return percentMatches(p, other.value).ok;
}

function rateOf(n: TestNumbers): { value: number; decimals: number; exact: boolean } | null {
  if (n.rate && n.rate.of === 'pass' && n.rate.bound === 'exact') return { value: n.rate.value, decimals: n.rate.decimals, exact: false };
  if (n.passed && n.total && n.total.value > 0 && n.passed.bound === 'exact' && n.total.bound === 'exact') return { value: (n.passed.value / n.total.value) * 100, decimals: 6, exact: true };
  return null;
}

function notAllPassed(n: TestNumbers): string | null {
  if (n.passed && n.total && n.passed.bound === 'exact' && n.total.bound === 'exact' && n.passed.value < n.total.value) return `${n.total.value - n.passed.value} of ${n.total.value} did not pass`;
  if (n.rate && n.rate.of === 'pass' && n.rate.bound === 'exact' && n.rate.value < 100) return `a pass rate of ${n.rate.raw}`;
  if (n.failed && n.failed.bound === 'exact' && n.failed.value > 0) return `${n.failed.value} failed`;
  return null;
}

/** Why two statements of the same tests disagree, or null. */
function disagreement(a: TestNumbers, b: TestNumbers, skipsMentioned: boolean): string | null {
  const exact = (x: TestNumbers[keyof Pick<TestNumbers, 'passed'>]) => x && x.bound === 'exact';
  for (const k of ['passed', 'failed', 'total', 'skipped'] as const) {
    if (exact(a[k]) && exact(b[k]) && a[k]!.value !== b[k]!.value) return `${b[k]!.value} ${k === 'total' ? 'tests in total' : k}`;
  }
  const ra = rateOf(a);
  const rb = rateOf(b);
  if (ra && rb && !sameRate(ra, rb)) return `a pass rate of ${roundTo(rb.value, 1)}%`;
  if (!skipsMentioned && exact(a.failed) && a.failed!.value === 0) {
    const why = notAllPassed(b);
    if (why) return why;
  }
  return null;
}

/**
 * Below the chapters, sibling sections that each state test numbers (one per
 * subsystem, per package) count different tests: a statement inside one is
 * scoped to it.
 */
function componentKeys(doc: ClaimDocument, sts: Statement[]): Map<Statement, string> {
  const fieldHeadings = new Set(doc.statements.filter(isFieldHeading).map((s) => s.text));
  const paths = sts.map((st) => ownSection(st).filter((h) => !fieldHeadings.has(h)));
  // For each heading path, the distinct child headings under which test numbers are stated.
  const children = new Map<string, Set<string>>();
  for (const p of paths) for (let d = 0; d < p.length; d++) {
    const k = p.slice(0, d).join('\u0000');
    (children.get(k) ?? children.set(k, new Set()).get(k)!).add(p[d]!);
  }
  const cut = chapterDepth(doc);
  const out = new Map<Statement, string>();
  sts.forEach((st, i) => {
    const p = paths[i]!;
    let key = '';
    for (let d = p.length - 1; d >= cut; d--) {
      if ((children.get(p.slice(0, d).join('\u0000'))?.size ?? 0) > 1) {
        key = `section:${p.slice(0, d + 1).join('\u0000')}`;
        break;
      }
    }
    out.set(st, key);
  });
  return out;
}

function restatements(doc: ClaimDocument): Omit<Claim, 'id' | 'sources'>[] {
  const stated: Stated[] = [];
  const sts = doc.statements.filter((st) => !st.planning && st.construct !== 'code-block' && readTestNumbers(st).some((n) => n.unit === 'tests'));
  const components = componentKeys(doc, sts);
  for (const st of sts) {
    for (const n of readTestNumbers(st)) if (n.unit === 'tests') stated.push({ st, n, scope: scopeKey(doc, st) || components.get(st)! });
  }
  const skipsMentioned = /\bskipp(?:ed|ing)\b/i.test(doc.statements.map((s) => s.text).join('\n'));
  const out: Omit<Claim, 'id' | 'sources'>[] = [];
  const byScope = new Map<string, Stated[]>();
  for (const x of stated) (byScope.get(x.scope) ?? byScope.set(x.scope, []).get(x.scope)!).push(x);
  for (const a of stated) {
    // The first few disagreements make the point; a huge report must not cost a pass over every pair.
    const conflicts: { b: Stated; why: string }[] = [];
    for (const b of byScope.get(a.scope)!) {
      if (conflicts.length >= 6) break;
      const why = b.st !== a.st ? disagreement(a.n, b.n, skipsMentioned) : null;
      if (why) conflicts.push({ b, why });
    }
    if (!conflicts.length) continue;
    const text = a.st.table ? `${a.st.table.cells[0] ?? ''}: ${a.n.text}` : a.st.text;
    out.push({
      kind: 'consistency',
      text,
      source: { path: a.st.docPath, line: a.st.line },
      subject: { path: null, symbol: null },
      data: { check: { form: 'restated', conflicts: conflicts.slice(0, 6).map(({ b, why }) => ({ line: b.st.line, text: b.st.text, why })) } satisfies Check },
    });
  }
  return out.concat(labelledRestatements(doc));
}

/**
 * Sections side by side under one parent (one per module, per package)
 * repeat labels about different things, and so do sections at different
 * depths: only the same section, or sections under different parents at the
 * same depth (a summary and a conclusion), state the same thing twice.
 */
function parallel(a: { sec: string; parent: string; depth: number }, b: { sec: string; parent: string; depth: number }): boolean {
  if (a.sec === b.sec) return false;
  return a.depth !== b.depth || a.depth === 0 || a.parent === b.parent;
}

const SKIP_LABEL = /^(date|time|line|lines?|version|id|report id|agent|engineer|run|duration|scope|mission|file|files|path)$/i;

/** A labelled figure stated twice with two values (`**Files Modified**: 3` … `Files Modified: 4`). */
function labelledRestatements(doc: ClaimDocument): Omit<Claim, 'id' | 'sources'>[] {
  const fields = doc.statements
    .filter((s) => !s.planning && s.label && !SKIP_LABEL.test(s.label.trim()) && !readTestNumbers(s).length)
    .map((s) => {
      const own = ownSection(s);
      return {
        s,
        key: `${s.label!.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim()}\0${s.subjectPath ?? ''}`,
        m: parseMeasure((s.value ?? '').split(/\s[-–—(]/)[0] ?? ''),
        sec: own.join('\u0000'),
        parent: own.slice(0, -1).join('\u0000'),
        depth: own.length,
      };
    })
    .filter((x) => x.m && x.key.length > 3);
  const out: Omit<Claim, 'id' | 'sources'>[] = [];
  const byKey = new Map<string, typeof fields>();
  for (const x of fields) (byKey.get(x.key) ?? byKey.set(x.key, []).get(x.key)!).push(x);
  for (const a of fields) {
    const conflicts: typeof fields = [];
    for (const b of byKey.get(a.key)!) {
      if (conflicts.length >= 6) break;
      if (b.s !== a.s && b.m!.unit === a.m!.unit && b.m!.value !== a.m!.value && !parallel(a, b)) conflicts.push(b);
    }
    if (!conflicts.length) continue;
    out.push({
      kind: 'consistency',
      text: a.s.text,
      source: { path: a.s.docPath, line: a.s.line },
      subject: { path: null, symbol: null },
      data: { check: { form: 'restated', conflicts: conflicts.map((b) => ({ line: b.s.line, text: b.s.text, why: `${b.s.label}: ${b.m!.raw}` })) } satisfies Check },
    });
  }
  return out;
}

// ---------------------------------------------------------------------------
// Bottom lines beside the report's own blockers

function bottomLines(doc: ClaimDocument): Omit<Claim, 'id' | 'sources'>[] {
  const out: Omit<Claim, 'id' | 'sources'>[] = [];
  for (const st of doc.statements) {
    const d = declarationOf(st);
    if (!d || !['readiness', 'success', 'all-tests', 'all-fixed'].includes(d.cls) || admitsAll(st.text)) continue;
    // "All claims were confirmed" is about the checking done, not a state the report's blockers can deny.
    if (d.cls === 'all-fixed' && /\b(claims|findings)\b/i.test(d.words)) continue;
    // A declaration about one part (its section names files or logs) answers for that part only.
    const list = admissionsAgainst(doc, st);
    if (!list.length) continue;
    out.push({
      kind: 'consistency',
      text: st.text,
      source: { path: st.docPath, line: st.line },
      subject: { path: null, symbol: null },
      data: { check: { form: 'bottom-line', words: d.words, total: list.length, admissions: list.slice(0, 6).map((a) => ({ line: a.statement.line, text: a.statement.text, why: a.why })) } satisfies Check },
    });
  }
  return out;
}

// ---------------------------------------------------------------------------
// A heading's percentage against the marks of the items it heads

const DONE_MARK = /[✅✓✔]/u;
const NOT_DONE_MARK = /[❌✗✖]/u;

/**
 * "Checks (80% - MOSTLY DONE)" over sub-sections or list items each marked
 * ✅ or ❌: the share of ✅ items is the percentage the heading states.
 * Only when every item carries exactly one of the two marks (a ⚠ item has no
 * agreed weight) and the section states no fraction of its own (a "12/16
 * passing" line says what the percentage counts, which arithmetic checks).
 */
function markedShares(doc: ClaimDocument): Omit<Claim, 'id' | 'sources'>[] {
  const out: Omit<Claim, 'id' | 'sources'>[] = [];
  const key = (h: readonly string[]) => h.join('\u0000');
  for (const st of doc.statements) {
    if (st.construct !== 'heading' || st.planning || isFieldHeading(st)) continue;
    const ps = percentsIn(st.text).filter((p) => p.bound === 'exact');
    if (ps.length !== 1 || fractionsIn(st.text).length) continue;
    const mine = key(st.headings);
    const depth = st.headings.length;
    const inside = doc.statements.filter((s) => s !== st && s.headings.length >= depth && key(s.headings.slice(0, depth)) === mine);
    // Only the heading's own section: a sub-section's "Score: 5/5" counts something else.
    if (inside.some((s) => key(s.headings) === mine && fractionsIn(s.text).length && s.construct !== 'heading')) continue;
    const subHeadings = inside.filter((s) => s.construct === 'heading' && s.headings.length === depth + 1 && !isFieldHeading(s));
    const items = subHeadings.length ? subHeadings : inside.filter((s) => s.construct === 'list-item' && !s.parents?.length && key(s.headings) === mine);
    if (items.length < 2) continue;
    const marks = items.map((s) => ({ done: DONE_MARK.test(s.text), not: NOT_DONE_MARK.test(s.text) }));
    if (marks.some((m) => m.done === m.not) || items.some((s) => /⚠/u.test(s.text))) continue;
    out.push({
      kind: 'consistency',
      text: st.text,
      source: { path: st.docPath, line: st.line },
      subject: { path: null, symbol: null },
      data: { check: { form: 'share', percent: ps[0]!, passed: marks.filter((m) => m.done).length, items: items.map((s, i) => ({ line: s.line, text: s.text.slice(0, 120), done: marks[i]!.done })) } satisfies Check },
    });
  }
  return out;
}

// ---------------------------------------------------------------------------
// A count in a lead-in against the items listed under it

/** Units of measure: "(120 lines)", "(3 hours)" measure something, they do not count the items below. */
const MEASURE_NOUN = /^(?:lines?|loc|bytes?|kb|mb|gb|chars?|characters?|words?|tokens?|ms|secs?|seconds?|mins?|minutes?|hours?|hrs?|days?|weeks?|months?|years?|points?|percent|times|x|pages?)$/i;
const LISTED_COUNT = /\((\d+)\s+([a-z][\w-]*s)\)\s*:?\s*$/i;

/** The direct items of the list that starts right under `st` (a blank line allowed), in order; [] when there is none. */
function listUnder(doc: ClaimDocument, st: Statement): Statement[] {
  const i = doc.statements.indexOf(st);
  const depth = st.construct === 'heading' ? -1 : (st.parents?.length ?? 0);
  const out: Statement[] = [];
  let prevEnd = st.endLine;
  for (let j = i + 1; j < doc.statements.length; j++) {
    const s = doc.statements[j]!;
    // A gap of more than one blank line, or anything that is not an item of this list, ends it.
    if (s.line > prevEnd + 2 || (out.length && s.line > prevEnd + 1)) break;
    if (s.construct !== 'list-item') break;
    const parents = s.parents ?? [];
    if (st.construct === 'heading') {
      if (parents.length) {
        prevEnd = s.endLine;
        continue;
      }
    } else if (parents[depth] !== st.text) break;
    else if (parents.length > depth + 1) {
      prevEnd = s.endLine;
      continue;
    }
    out.push(s);
    prevEnd = s.endLine;
  }
  // A heading's list must be all its section holds: a second list or paragraph may hold more of the items.
  if (st.construct === 'heading') {
    const next = doc.statements.find((s, k) => k > i && s.line > prevEnd);
    if (next && next.construct !== 'heading') return [];
  }
  return out;
}

/** "API handlers (4 files):" over its list: the count against the items. */
function listedCounts(doc: ClaimDocument): Omit<Claim, 'id' | 'sources'>[] {
  const out: Omit<Claim, 'id' | 'sources'>[] = [];
  for (const st of doc.statements) {
    if (st.planning || st.construct === 'code-block' || st.construct === 'table-row') continue;
    const m = LISTED_COUNT.exec(st.text);
    if (!m || MEASURE_NOUN.test(m[2]!)) continue;
    const items = listUnder(doc, st);
    if (!items.length) continue;
    // Without its count the lead-in is a title ("API handlers:"): then the count is all it claims.
    const rest = st.text.slice(0, m.index).trim();
    const whole = other.recognize({ ...st, text: rest, value: '', code: [] }).length === 0;
    out.push({
      kind: 'consistency',
      text: st.text,
      source: { path: st.docPath, line: st.line },
      subject: { path: null, symbol: null },
      data: {
        check: {
          form: 'listed',
          stated: Number(m[1]),
          noun: m[2]!.toLowerCase(),
          items: items.map((s) => ({ line: s.line, text: s.text.slice(0, 120), names: Math.max(s.code.length, namedPaths([s]).length) })),
        } satisfies Check,
        ...(whole ? { whole: true } : {}),
      },
    });
  }
  return out;
}

export const consistency: ClaimKindModule = {
  kind: 'consistency',
  description: 'The report against itself: Target | Actual | Status rows, numbers stated twice, a bottom line beside its own blockers.',
  aboutReport: true,
  recognize(st) {
    if (st.planning || st.construct !== 'table-row') return [];
    return row(st);
  },
  recognizeDocument(doc) {
    return [...restatements(doc), ...bottomLines(doc), ...markedShares(doc), ...listedCounts(doc)];
  },
  verify(claim) {
    const check = claim.data.check as Check;
    const path = claim.source.path;
    switch (check.form) {
      case 'row':
        return verifyRow(check, claim.source.line, path);
      case 'restated':
        return {
          verdict: 'contradicted',
          reason: `the report states another value for the same thing: ${check.conflicts.slice(0, 3).map((c) => `line ${c.line} says ${c.why}`).join('; ')}`,
          evidence: check.conflicts.slice(0, 6).map((c) => ({ path, line: c.line, excerpt: c.text.slice(0, 200), note: `states ${c.why}` })),
        };
      case 'share': {
        const m = percentMatches(check.percent, (check.passed / check.items.length) * 100);
        return {
          verdict: m.ok ? 'verified' : 'contradicted',
          reason: `the report's own items in this section: ${check.passed} of ${check.items.length} marked ✅ = ${m.how}${m.ok ? '' : `, not ${check.percent.raw}`}`,
          evidence: check.items.slice(0, 8).map((i) => ({ path, line: i.line, excerpt: i.text, note: i.done ? 'marked done' : 'marked not done' })),
        };
      }
      case 'listed': {
        const n = check.items.length;
        const named = check.items.reduce((a, i) => a + i.names, 0);
        const ev = check.items.slice(0, 8).map((i) => ({ path, line: i.line, excerpt: i.text, note: 'an item of the list' }));
        if (n === check.stated) return { verdict: 'verified', reason: `the report lists ${n} item${n === 1 ? '' : 's'} under it, the ${check.stated} ${check.noun} it states`, evidence: ev };
        if (named === check.stated && check.items.every((i) => i.names >= 1)) return { verdict: 'verified', reason: `the ${n} items under it name ${named} ${check.noun} between them, the number it states`, evidence: ev };
        // An item that names several things (or none) may count as several: only one-name items decide.
        if (check.items.every((i) => i.names <= 1)) return { verdict: 'contradicted', reason: `the report states ${check.stated} ${check.noun} but lists ${n} item${n === 1 ? '' : 's'} under it`, evidence: ev };
        return { verdict: 'unverifiable', reason: `the report states ${check.stated} ${check.noun} over ${n} items that name ${named} things between them: how they count is not clear`, evidence: ev };
      }
      case 'bottom-line':
        return {
          verdict: 'contradicted',
          reason: `"${check.words}" beside the report's own ${check.total} admission${check.total === 1 ? '' : 's'} of problems: ${check.admissions.slice(0, 3).map((a) => `line ${a.line} ${a.why}`).join('; ')}`,
          evidence: admissionEvidence(path, check.admissions),
        };
    }
  },
};
