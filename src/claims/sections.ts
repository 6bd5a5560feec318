/**
 * A report read against itself: the section a statement belongs to, what that
 * section names, and the report's own admissions of failure (a ❌ mark, a
 * "blocked" or "not ready", a failing count, a list of open issues). Claims
 * about evidence (test-result, status, consistency, arithmetic) use these to
 * find their scope and the report's own lines.
 */
import type { ClaimDocument, Evidence, Statement, VerifyContext } from './types.js';
import { pathMentions } from './mentions.js';

/** Where a claim was made, enough to find its statement again at verification. */
export interface StatementRef {
  line: number;
  text: string;
}

export const refOf = (st: Statement): StatementRef => ({ line: st.line, text: st.text });

export function documentOf(ctx: VerifyContext, path: string): ClaimDocument | undefined {
  return ctx.documents.find((d) => d.path === path);
}

export function statementAt(doc: ClaimDocument, ref: StatementRef): Statement | undefined {
  const same = doc.statements.filter((s) => s.line === ref.line);
  return same.find((s) => s.text === ref.text) ?? same[0];
}


/** A heading that is itself a field (`### Tests Passed: 15`) states a value in its parent section; it does not introduce one. */
export function isFieldHeading(st: Statement): boolean {
  return st.construct === 'heading' && !!st.label && !!(st.value ?? '').trim();
}

/**
 * The statements a claim's context covers, planning left out: for a heading,
 * everything under it (subsections included); for a field heading and any
 * other statement, the statements of its own section (subsections excluded).
 */
export function sectionOf(doc: ClaimDocument, st: Statement): Statement[] {
  const index = docIndex(doc);
  if (st.construct === 'heading' && !isFieldHeading(st)) {
    return st.headings.length ? (index.under.get(pathKey(st.headings)) ?? []).filter((s) => s !== st) : [];
  }
  return (index.section.get(pathKey(ownSection(st))) ?? []).filter((s) => s !== st);
}

const pathKey = (h: readonly string[]) => h.join('\u0000');

/** Statements of a document grouped by section, computed once: reports can hold thousands of statements. */
interface DocIndex {
  /** Non-planning statements by their own section. */
  section: Map<string, Statement[]>;
  /** Non-planning statements under each heading path (subsections included). */
  under: Map<string, Statement[]>;
  /** Sections that hold planning statements. */
  planning: Set<string>;
  /** The admissions of the whole document, once asked for. */
  admissions?: Admission[];
}

const docIndexes = new WeakMap<ClaimDocument, DocIndex>();

function docIndex(doc: ClaimDocument): DocIndex {
  const hit = docIndexes.get(doc);
  if (hit) return hit;
  const index: DocIndex = { section: new Map(), under: new Map(), planning: new Set() };
  const push = (m: Map<string, Statement[]>, k: string, s: Statement) => (m.get(k) ?? m.set(k, []).get(k)!).push(s);
  for (const s of doc.statements) {
    const own = ownSection(s);
    if (s.planning) {
      index.planning.add(pathKey(own));
      continue;
    }
    push(index.section, pathKey(own), s);
    for (let d = 1; d <= own.length; d++) push(index.under, pathKey(own.slice(0, d)), s);
  }
  docIndexes.set(doc, index);
  return index;
}

/** The heading path a statement belongs to; a field heading belongs to its parent's section, beside its sibling fields. */
export function ownSection(st: Statement): string[] {
  return isFieldHeading(st) ? st.headings.slice(0, -1) : st.headings;
}

/** Every path the statements name: their own mentions and their subject files, as written. */
export function namedPaths(sts: readonly Statement[]): string[] {
  const out = new Set<string>();
  for (const s of sts) {
    if (s.construct === 'code-block') continue;
    for (const m of pathMentions(s)) out.add(m.path);
    if (s.subjectPath) out.add(s.subjectPath);
    for (const p of s.subjectPaths) out.add(p);
  }
  return [...out];
}

const sectionPathCache = new WeakMap<Statement[], string[]>();

/**
 * `namedPaths([st, ...sectionOf(doc, st)])`, with the section's part computed
 * once per section: every claim of a long report asks for it.
 */
export function pathsAround(doc: ClaimDocument, st: Statement): string[] {
  const index = docIndex(doc);
  const section =
    st.construct === 'heading' && !isFieldHeading(st)
      ? st.headings.length
        ? (index.under.get(pathKey(st.headings)) ?? [])
        : []
      : (index.section.get(pathKey(ownSection(st))) ?? []);
  let all = sectionPathCache.get(section);
  if (!all) {
    all = namedPaths(section);
    sectionPathCache.set(section, all);
  }
  // The statement's own paths first, then the section's in document order, as namedPaths would give them.
  const out = new Set(namedPaths([st]));
  for (const p of all) out.add(p);
  return [...out];
}

/** Marks that mean failure or a blocker in agent reports (after mojibake repair). */
const FAIL_MARK = /[❌✗✖⛔🚫🔴]/u;
/** Words that admit a present problem; a past tense ("was blocked") is history, not a blocker. */
const BLOCKER_WORDS = /(?<!\b(?:was|were|had been|previously|no longer)\s*)\b(blocked|blocking|blockers?|not ready|not production[- ]ready|broken|critical (?:failures?|issues?|bugs?|defects?))\b/i;
/** "blockers resolved", "unblocks": a problem reported gone is not an admission. */
const GONE = /\b(resolved|fixed|removed|cleared|eliminated|none|no longer)\b/i;
const FIX_HEADING = /\b(fixed|fixes|fix details|resolved|addressed|changes made|changes applied|what changed)\b/i;
const BEFORE_LABEL = /^(issue|error|errors|problem|root cause|cause|symptom|before|bug|defect)$/i;
const PAST = /\b(was|were|had been|previously|before the fix)\b/i;
const FAILING_COUNT = /(?<![\d.,/])([1-9]\d*)\s+(?:[\w-]+\s+)?(failed|failing|failures?|errors?)\b(?=\s*(?:$|[,;.:)(|/—–-]|and\b|in\b|remain|found|detected|left|open))/i;
// Not `Error:`: in a fix report that field describes the defect before the fix.
const FAILING_FIELD = /^(?:tests?\s+)?(failed|failing|failures?)$/i;
const OPEN_ISSUES_HEADING = /\b(known issues|open (?:build )?(?:issues|errors|bugs|blockers|defects|problems)|blockers|outstanding (?:issues|errors|bugs)|failing tests|failures)\b/i;
const PASS_FRACTION = /(?<![\d.,/])(\d+)\s*(?:\/|of|out of)\s*(\d+)\s+(?:[\w-]+\s+){0,2}(?:passing|passed|pass|succeeded|green)\b/i;

/** A line of the report that admits a problem, with why it counts as one. */
export interface Admission {
  statement: Statement;
  why: string;
}

/**
 * The report's own admissions of failure among `sts`: a failure mark, words
 * such as "blocked" or "not ready", a non-zero failing count, fewer passing
 * than run, or an item listed under a known-issues heading.
 */
export function admissions(sts: readonly Statement[]): Admission[] {
  const out: Admission[] = [];
  for (const s of sts) {
    if (!admissionCache.has(s)) admissionCache.set(s, admissionOf(s));
    const a = admissionCache.get(s);
    if (a) out.push(a);
  }
  return out;
}

const admissionCache = new WeakMap<Statement, Admission | null>();

function admissionOf(s: Statement): Admission | null {
  if (s.planning || s.construct === 'code-block' || (s.table?.header ?? false)) return null;
  // A fix report describes each defect before saying it is fixed: that is history, not an admission.
  if (s.headings.some((h) => FIX_HEADING.test(h)) || (s.label && BEFORE_LABEL.test(s.label.trim()))) return null;
  const text = s.text;
  const admit = (why: string): Admission => ({ statement: s, why });
  if (FAIL_MARK.test(text)) return admit('marked as failed or blocked');
  const w = BLOCKER_WORDS.exec(text);
  if (w && !GONE.test(text)) return admit(`says "${w[0]}"`);
  const n = FAILING_COUNT.exec(text);
  if (n && !PAST.test(text.slice(0, n.index)) && !GONE.test(text)) return admit(`reports ${n[1]} ${n[2]}`);
  if (s.label && FAILING_FIELD.test(s.label.trim()) && /^(?:[1-9]|`)/.test((s.value ?? '').trim())) return admit(`lists ${s.label.toLowerCase()}: ${s.value}`);
  const f = PASS_FRACTION.exec(text);
  if (f && Number(f[1]) < Number(f[2])) return admit(`${f[1]} of ${f[2]} passing: ${Number(f[2]) - Number(f[1])} did not pass`);
  const heading = s.headings[s.headings.length - 1] ?? '';
  if (s.construct !== 'heading' && OPEN_ISSUES_HEADING.test(heading) && !/\b(none|resolved|fixed|closed)\b/i.test(text)) return admit(`listed under "${heading}"`);
  return null;
}

/** Report lines as evidence: `path` is the report's own path. */
export function admissionEvidence(path: string, list: readonly { line: number; text: string; why: string }[], max = 6): Evidence[] {
  return list.slice(0, max).map((a) => ({ path, line: a.line, excerpt: a.text.slice(0, 200), note: `the report itself ${a.why}` }));
}

export const plainAdmissions = (list: readonly Admission[]) => list.map((a) => ({ line: a.statement.line, text: a.statement.text, why: a.why }));

/** Significant words of a qualifier such as "(pending merge test fix)": what the claim itself admits. */
export function qualifierWords(text: string): string[] {
  const q = /\(([^)]*)\)/.exec(text)?.[1] ?? '';
  return q
    .toLowerCase()
    .split(/[^a-z0-9_-]+/)
    .filter((w) => w.length > 3 && !GENERIC.has(w));
}

const GENERIC = new Set(['pending', 'with', 'after', 'minor', 'once', 'until', 'fix', 'fixes', 'issue', 'issues', 'test', 'tests', 'some', 'that', 'this', 'from', 'known', 'identified', 'remaining', 'small', 'except', 'excluding']);

/** A qualifier that admits every problem at once ("with identified blockers", "with known issues"). */
export function admitsAll(text: string): boolean {
  return /\((?:[^)]*\b(?:with|has|despite)\b[^)]*\b(?:blockers?|issues?|failures?|errors?|problems?|caveats?|exceptions?)\b[^)]*)\)/i.test(text) || /\bexcept\b|\bpartial(?:ly)?\b|\bmostly\b/i.test(text);
}

/** Labels that introduce a bottom line (`**Overall Status**:`, `Release readiness:`), not a named part. */
export const STATUS_LABEL = /^(?:overall |final |mission |production |release |deployment |project |system |build )?(status|result|verdict|outcome|readiness|conclusion|state|deployment|validation)$/i;

/**
 * The report's admissions of failure that can speak against a declaration,
 * minus what its own qualifier admits ("pending merge test fix"): what a
 * heading heads; for a field naming a part (`Load balancing: ready`),
 * nothing; for a bullet, what is nested under it; inside a subsection or a
 * section about named files, that section; a bottom line at the top of the
 * report or in its sign-off, the whole report.
 */
export function admissionsAgainst(doc: ClaimDocument, st: Statement): Admission[] {
  const words = qualifierWords(st.text);
  const keep = (list: Admission[]) => list.filter((a) => a.statement.line !== st.line && (!words.length || !words.some((w) => a.statement.text.toLowerCase().includes(w))));
  const index = docIndex(doc);
  index.admissions ??= admissions(doc.statements);
  const whole = () => keep(index.admissions!);
  if (st.construct === 'heading' && !isFieldHeading(st)) return st.headings.length > 1 ? keep(admissions(sectionOf(doc, st))) : whole();
  const statusLabel = !!st.label && STATUS_LABEL.test(st.label.replace(/[^\p{L} ]/gu, '').trim());
  if (st.label && !statusLabel) return [];
  if (st.construct === 'list-item' && !statusLabel) return keep(admissions(doc.statements.filter((s) => (s.parents ?? []).includes(st.text))));
  const own = ownSection(st);
  if (index.planning.has(pathKey(own))) return whole();
  if (own.length > chapterDepth(doc) || (own.length > 1 && pathsAround(doc, st).length > 0)) return keep(admissions(index.under.get(pathKey(own)) ?? []));
  return whole();
}

/** How deep chapters sit: under a single `#` title, `##` headings are chapters; otherwise the top headings are. */
export function chapterDepth(doc: ClaimDocument): number {
  return new Set(doc.statements.filter((s) => s.headings.length > 0).map((s) => s.headings[0])).size === 1 ? 2 : 1;
}
