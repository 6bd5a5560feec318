/**
 * status: a declaration of success, readiness or completion — "PRODUCTION
 * READY", "ALL TESTS PASSED", "ALL FOUR CRITICAL BUGS FIXED", "IMPLEMENTATION
 * COMPLETE", a section heading "Kubernetes client - VERIFIED", "zero mock
 * implementations". Never verified on its words alone: contradicted by
 * findings in the code it covers (the files its section names, else the whole
 * repository), by committed test output (for "all tests passed"), or by the
 * report's own admissions (❌, "blocked", "not ready", failing counts);
 * otherwise unverifiable.
 *
 * How status differs from consistency: status judges a declaration against
 * the code and the evidence in the repository; consistency judges the report
 * against itself only (a number stated twice with two values, a Target |
 * Actual | Status row whose status disagrees with its own numbers, a bottom
 * line beside the report's own blockers). A bottom-line "PRODUCTION READY" in
 * a report that lists blockers is both: a status claim (checked against the
 * code) and a consistency claim (checked against the report).
 *
 * The completion of an activity ("MISSION COMPLETE", "Status: COMPLETED" under
 * a mission summary) is not a claim about the code: unverifiable.
 */
import { isArchivedCopy, resolveMention } from '../../repo/paths.js';
import type { Category, Finding } from '../../rules/types.js';
import type { ClaimDocument, ClaimKindModule, Evidence, Outcome, Statement, VerifyContext } from '../types.js';
import { admissionEvidence, admissionsAgainst, STATUS_LABEL, admitsAll, documentOf, pathsAround, plainAdmissions, refOf, statementAt, type StatementRef } from '../sections.js';
import { evidenceIndex, goPackageDir, selectTests } from '../testevidence.js';
import { componentFolderOf } from './test-result.js';

export type DeclarationClass = 'readiness' | 'success' | 'all-tests' | 'all-fixed' | 'completion' | 'section-verdict' | 'no-defects';

export interface Declaration {
  cls: DeclarationClass;
  /** The words that make the declaration. */
  words: string;
  /** The categories of finding that can contradict it; null for all. */
  categories: Category[] | null;
  /** The completion of an activity (a mission, a run), not of work on the code. */
  activity: boolean;
}

const READINESS = /\b(production[- ]ready|ready for (?:(?:an?|the|initial|first|public|general|beta|full|v?\d[\w.]*)\s+){0,2}(?:production|deployment|release|staging|merge|launch|use|go[- ]live|rollout)(?: use)?|(?:deployment|release|launch|merge|ship)[- ]ready|ready to (?:deploy|ship|merge|release|launch))\b/i;
const ALL_TESTS = /\b(?:all|100%\s+of(?:\s+the)?)\s+(?:[\w-]+\s+){0,2}?(?:tests?|specs?|checks|test suites?)\s+(?:are\s+|have\s+|were\s+)?(?:pass(?:ed|ing|es)?|green|succeed(?:ed|ing)?|successful)\b/i;
const ALL_FIXED =
  /\b(?:all|every)\s+(?:[\w-]+\s+){0,4}?(?:bugs?|issues?|blockers?|errors?|defects?|problems?|fixes|failures?|vulnerabilities|claims|findings|todos?|placeholders?|mocks?)\b[^.;]{0,60}?\b(?:fixed|resolved|addressed|applied|eliminated|confirmed|verified|validated|implemented|removed|closed|corrected|repaired)\b/i;
const RESOLVES = /\b(?:resolves|fixes|eliminates)\s+(?:all\s+|the\s+|every\s+)?(?:[\w-]+\s+){0,3}?(?:failures?|bugs?|issues?|blockers?|errors?|defects?|problems?)\b/i;
/** Upper case only: "COMPLETE SUCCESS", "100% MISSION SUCCESS"; "successfully" in prose is not a declaration. */
const SUCCESS = /\b(?:COMPLETE\s+SUCCESS|(?:100%\s+)?(?:[A-Z]+\s+)?SUCCESS(?:FUL)?)\b/;
const COMPLETION = /\b(COMPLETE|COMPLETED|DONE|FINISHED)\b/;
const SECTION_VERDICT = /(?:[-–—:]|[✅✓✔])\s*(?:MOSTLY\s+|FULLY\s+|ALL\s+)?(VERIFIED|VALIDATED|CONFIRMED|PASSED|PASSING|FIXED|RESOLVED|WORKING|OPERATIONAL|READY)\s*\)?\s*$/;
const NO_DEFECTS = /\b(?:zero|no)\s+(mock(?:s| implementations?| code)?|placeholders?(?: code)?|stubs?)\b/i;
const NEGATED = /\b(not|n't|never|no longer|nearly|almost|partially)\s+(?:yet\s+|fully\s+|quite\s+)?$/i;
const ACTIVITY = /\b(mission|testing|test run|test execution|validation|verification|analysis|assessment|review|audit|investigation|reporting|report|documentation|coordination|tasks?|run|execution|evaluation|benchmarks?|benchmarking)\b/i;

function topicCategories(text: string): Category[] | null {
  if (/\b(builds?|compil\w*|imports?|syntax|type[- ]?check\w*|tsc|go vet|vet)\b/i.test(text)) return ['build-error', 'method-mismatch'];
  if (/\btimeouts?\b/i.test(text)) return ['missing-timeout'];
  if (/\bmocks?\b/i.test(text)) return ['mock-in-production'];
  if (/\b(placeholders?|stubs?|todos?)\b/i.test(text)) return ['placeholder'];
  return null;
}

function notNegated(text: string, index: number): boolean {
  return !NEGATED.test(text.slice(Math.max(0, index - 30), index));
}

/** The declaration a statement makes, or null. */
export function declarationOf(st: Statement): Declaration | null {
  if (st.planning || st.construct === 'code-block' || st.construct === 'table-row') return null;
  const statusField = !!st.label && STATUS_LABEL.test(st.label.replace(/[^\p{L} ]/gu, '').trim());
  // In `Estimated time to production ready: 2 days` the label names the topic; only the value declares.
  const text = (st.label && !statusField && st.construct !== 'heading' ? (st.value ?? '') : st.text).replace(/`[^`]*`/g, ' ');
  const prominent = st.construct === 'heading' || statusField || /^\s*[✅✓✔]/u.test(st.text) || st.construct === 'field';
  const at = (re: RegExp) => {
    const m = re.exec(text);
    return m && notNegated(text, m.index) ? m : null;
  };
  let m: RegExpExecArray | null;
  if ((m = at(ALL_TESTS))) return { cls: 'all-tests', words: m[0], categories: null, activity: false };
  if ((m = at(ALL_FIXED))) return { cls: 'all-fixed', words: m[0], categories: topicCategories(m[0]), activity: false };
  if ((m = at(READINESS))) return { cls: 'readiness', words: m[0], categories: null, activity: false };
  if ((m = at(RESOLVES)) && /^(this|these|the)\b/i.test(text.trim())) return { cls: 'all-fixed', words: m[0], categories: topicCategories(m[0]), activity: false };
  if (prominent && (m = at(SUCCESS))) return { cls: 'success', words: m[0], categories: null, activity: false };
  if (prominent && (m = at(NO_DEFECTS)) && (st.construct === 'heading' || statusField)) return { cls: 'no-defects', words: m[0], categories: topicCategories(m[0]), activity: false };
  if (st.construct === 'heading' && (m = SECTION_VERDICT.exec(st.text))) return { cls: 'section-verdict', words: m[1]!, categories: null, activity: false };
  if ((st.construct === 'heading' || statusField) && (m = at(COMPLETION))) {
    // What is complete: the words before COMPLETE in the value or heading, else the section it reports on.
    const before = (st.label && statusField ? st.value ?? '' : st.text)
      .slice(0, Math.max(0, st.label && statusField ? (st.value ?? '').indexOf(m[0]) : m.index))
      .replace(/[^\p{L}\p{N} ]/gu, ' ')
      .replace(/\b(successfully|fully|now|all|finally|100)\b/gi, ' ')
      .trim();
    const subject = before || (statusField ? `${st.label} ${st.headings[st.headings.length - 1] ?? ''}` : '');
    return { cls: 'completion', words: m[0], categories: null, activity: ACTIVITY.test(subject) && !/\b(implementation|fix|fixes|hardening|refactor\w*|migration|feature|service|integration|code|build)\b/i.test(before) };
  }
  return null;
}

/** A status cell: a mark and the word after it ("✅ Ready", "❌ Blocked", "⚠️ Issues"). */
const STATUS_CELL = /^[\s*]*([✅✓✔]|❌|✗|⚠\uFE0F?)\s*\**\s*([A-Za-z][\w -]{0,30})?/u;
const READY_WORD = /^(?:ready|complete[d]?|done|working|operational|pass(?:ing|ed)?|production|stable|implemented)\b/i;
const PROBLEM_WORD = /^(?:blocked|issues?|fail(?:ing|ed|s)?|broken|partial|degraded|errors?|not ready|incomplete)\b/i;

export interface ComponentStatus {
  /** The component as the row's first cell writes it. */
  component: string;
  /** Ready ("✅ Ready") or a problem admitted ("❌ Blocked", "⚠️ Issues"). */
  polarity: 'ready' | 'problem';
  words: string;
}

/** A row of a table of components and their status: "| Load Balancing | ✅ Ready | LOW |". */
export function componentStatusOf(st: Statement): ComponentStatus | null {
  if (st.construct !== 'table-row' || !st.table || st.table.header || st.planning) return null;
  const cells = st.table.cells;
  const statusAt = st.table.headers.findIndex((h, i) => i > 0 && /\b(?:status|state|readiness|ready)\b/i.test(h));
  if (statusAt < 1) return null;
  const m = STATUS_CELL.exec(cells[statusAt] ?? '');
  const component = (cells[0] ?? '').replace(/[*_`]/g, '').trim();
  if (!m || !m[2] || !component || /^[\W\d]*$/.test(component)) return null;
  const word = m[2].trim();
  const good = /[✅✓✔]/u.test(m[1]!);
  if (good && READY_WORD.test(word)) return { component, polarity: 'ready', words: `${m[1]} ${word}` };
  if (!good && PROBLEM_WORD.test(word)) return { component, polarity: 'problem', words: `${m[1]} ${word}` };
  return null;
}

export const status: ClaimKindModule = {
  kind: 'status',
  description: 'A success, readiness or completion declaration; contradicted by findings in the code it covers, committed test output or the report itself, never verified on words alone.',
  recognize(st) {
    const row = componentStatusOf(st);
    if (row) return [{ kind: 'status' as const, text: st.text, source: { path: st.docPath, line: st.line }, subject: { path: null, symbol: null }, data: { row, ref: refOf(st) } }];
    const d = declarationOf(st);
    if (!d) return [];
    return [{ kind: 'status' as const, text: st.text, source: { path: st.docPath, line: st.line }, subject: { path: null, symbol: null }, data: { declaration: d, ref: refOf(st) } }];
  },
  verify(claim, ctx) {
    if (claim.data.row) return verifyComponentRow(claim.data.row as ComponentStatus, claim, ctx);
    const d = claim.data.declaration as Declaration;
    const doc = documentOf(ctx, claim.source.path);
    const st = doc ? statementAt(doc, claim.data.ref as StatementRef) : undefined;
    const never = 'a declaration is never verified on its words alone';
    if (d.activity) return { verdict: 'unverifiable', reason: `"${d.words}" declares the completion of an activity (${activityOf(st)}), not a state of the code: ${never}`, evidence: [] };
    if (st && admitsAll(st.text)) return { verdict: 'unverifiable', reason: `the declaration itself admits open problems; ${never}`, evidence: [] };
    const scope = doc && st ? codeScope(ctx, doc, st) : { paths: [], how: 'the repository' };
    if (d.cls === 'all-tests') {
      const t = testsContradict(ctx);
      if (t) return t;
    }
    // A placeholder does not fail a test; what stops tests from passing is code that does not build.
    const categories: Category[] | null = d.cls === 'all-tests' ? ['build-error'] : d.categories;
    // Across the whole repository, only production code speaks against a declaration: not test helpers, not archived copies.
    const production = (path: string) => scope.paths.length > 0 || (!ctx.snapshot.file(path)?.isTest && !isArchivedCopy(path));
    const found = relevantFindings(ctx.findings, scope.paths, categories).filter((f) => (d.cls === 'all-tests' ? ctx.snapshot.file(f.path)?.isTest : production(f.path)));
    if (found.length) {
      return {
        verdict: 'contradicted',
        reason: `${found.length} finding${found.length === 1 ? '' : 's'} in ${d.cls === 'all-tests' ? 'the test code of ' : ''}${scope.how}${categories ? ` (${categories.join(', ')})` : ''} contradict "${d.words}": ${summarize(found)}`,
        evidence: found.slice(0, 8).map((f) => ({ path: f.path, line: f.line, endLine: f.endLine, excerpt: f.excerpt, note: `${f.ruleId}: ${f.message}` })),
      };
    }
    if (doc && st) {
      const list = admissionsAgainst(doc, st);
      if (list.length) return { verdict: 'contradicted', reason: `the report itself contradicts "${d.words}": ${list.slice(0, 3).map((a) => `line ${a.statement.line} ${a.why}`).join('; ')}`, evidence: admissionEvidence(doc.path, plainAdmissions(list)) };
    }
    return { verdict: 'unverifiable', reason: `no finding in ${scope.how}${d.categories ? ` (${d.categories.join(', ')})` : ''} and nothing in the report contradicts it; ${never}`, evidence: [] };
  },
};

/**
 * A component's row: its folder (the row's first cell naming it, as test-result resolves components) and the
 * findings there. "✅ Ready" is contradicted by error or warning findings in its production code; "❌ Blocked" or
 * "⚠️ Issues" is confirmed by error findings anywhere in it (a test that does not build blocks the package too).
 * Otherwise unverifiable: readiness is never verified on words, and a problem may show only at run time.
 */
function verifyComponentRow(row: ComponentStatus, claim: { source: { path: string }; data: Record<string, unknown> }, ctx: VerifyContext): Outcome {
  const doc = documentOf(ctx, claim.source.path);
  const st = doc ? statementAt(doc, claim.data.ref as StatementRef) : undefined;
  const place = doc && st ? componentFolderOf(ctx, doc, st) : null;
  if (!place) return { verdict: 'unverifiable', reason: `"${row.component}" names no single folder of the repository, so its status "${row.words}" cannot be checked against code`, evidence: [] };
  const inFolder = ctx.findings.filter((f) => f.path.startsWith(place.folder + '/') && (f.severity === 'error' || f.severity === 'warning'));
  const ev = (fs: readonly Finding[]) => fs.slice(0, 6).map((f) => ({ path: f.path, line: f.line, endLine: f.endLine, excerpt: f.excerpt, note: `${f.ruleId}: ${f.message}` }));
  if (row.polarity === 'ready') {
    const found = inFolder.filter((f) => !ctx.snapshot.file(f.path)?.isTest);
    if (found.length) return { verdict: 'contradicted', reason: `"${row.component}" is said to be ${row.words}, but its code (${place.folder}/) has ${found.length} finding${found.length === 1 ? '' : 's'}: ${summarize(found)}`, evidence: ev(found) };
    return { verdict: 'unverifiable', reason: `no finding in ${place.folder}/ contradicts "${row.words}"; a declaration is never verified on its words alone`, evidence: [] };
  }
  const errors = inFolder.filter((f) => f.severity === 'error');
  if (errors.length) return { verdict: 'verified', reason: `"${row.component}" is said to be ${row.words}, and its folder ${place.folder}/ has ${errors.length} error finding${errors.length === 1 ? '' : 's'}: ${summarize(errors)}`, evidence: ev(errors) };
  return { verdict: 'unverifiable', reason: `no error finding in ${place.folder}/; the problem "${row.words}" may show only when the code runs`, evidence: [] };
}

function activityOf(st: Statement | undefined): string {
  if (!st) return 'an activity';
  const m = ACTIVITY.exec(`${st.value ?? st.text} ${st.label ?? ''} ${st.headings[st.headings.length - 1] ?? ''}`);
  return m ? `the ${m[1]!.toLowerCase()}` : 'an activity';
}

/**
 * The code a declaration covers: the files and directories its section names
 * (a test log stands for its Go packages), else the whole repository.
 */
export function codeScope(ctx: VerifyContext, doc: ClaimDocument, st: Statement): { paths: string[]; how: string } {
  const index = evidenceIndex(ctx.snapshot);
  const paths = new Set<string>();
  let named = 0;
  for (const m of pathsAround(doc, st)) {
    named++;
    const r = resolveMention(ctx.snapshot, m);
    if (r.status !== 'found') continue;
    if (r.isDir) paths.add(r.path);
    else if (ctx.snapshot.file(r.path)?.language) paths.add(r.path);
    else {
      const run = index.runs.find((x) => x.path === r.path);
      for (const s of run?.suites ?? []) {
        const dir = goPackageDir(index, s.name);
        if (dir !== null) paths.add(dir);
      }
    }
  }
  if (!paths.size) return { paths: [], how: named ? 'the repository (the files its section names are not code of this repository)' : 'the repository' };
  const list = [...paths].sort();
  return { paths: list, how: `the code its section names (${list.slice(0, 6).join(', ')}${list.length > 6 ? ', …' : ''})` };
}

function relevantFindings(findings: readonly Finding[], scope: string[], categories: Category[] | null): Finding[] {
  return findings
    .filter((f) => f.severity === 'error' || f.severity === 'warning')
    .filter((f) => !categories || categories.includes(f.category))
    .filter((f) => !scope.length || scope.some((p) => f.path === p || f.path.startsWith(p.replace(/\/$/, '') + '/')))
    .sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : a.line - b.line));
}

function summarize(found: Finding[]): string {
  return found
    .slice(0, 5)
    .map((f) => `${f.path}:${f.line} ${f.category}`)
    .join(', ') + (found.length > 5 ? `, and ${found.length - 5} more` : '');
}

/** "All tests passed" against the committed test output: any failure, or a package that did not build. */
function testsContradict(ctx: VerifyContext): Outcome | null {
  const sel = selectTests(ctx, { logs: [], coverageFiles: [], paths: [], how: '' });
  // Logs of the same run (pytest text and its JUnit XML) are merged by test, so a failure counts once.
  const listed = [...sel.cases, ...sel.runs.filter((r) => !r.listsPasses).flatMap((r) => r.cases)];
  const failed = listed.filter((c) => c.outcome === 'fail' || c.outcome === 'error').map((c) => ({ c, path: sel.runs.find((r) => r.cases.includes(c))?.path ?? '' }));
  const summaries = sel.runs.filter((r) => !r.listsPasses && (r.summary?.failed ?? 0) > 0);
  if (!failed.length && !sel.buildFailures.length && !summaries.length) return null;
  const ev: Evidence[] = [
    ...failed.slice(0, 6).map(({ c, path }) => ({ path, line: c.line, note: `failed: ${c.name}${c.message ? ` (${c.message.slice(0, 120)})` : ''}` })),
    ...sel.buildFailures.slice(0, 3).map((b) => ({ path: b.path, line: b.line, excerpt: b.text, note: 'did not build: its tests never ran' })),
  ];
  const logs = [...new Set([...failed.map((f) => f.path), ...sel.buildFailures.map((b) => b.path)])];
  return { verdict: 'contradicted', reason: `the committed test output records ${failed.length} failed test result${failed.length === 1 ? '' : 's'}${sel.buildFailures.length ? ` and ${sel.buildFailures.length} package(s) that did not build` : ''} (${logs.join(', ')})`, evidence: ev };
}
