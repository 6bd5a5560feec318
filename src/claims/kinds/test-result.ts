/**
 * test-result: "57/57 passing", "Tests Failed: 0", "Pass Rate: 93.8%",
 * "`TestStatus/no_peers` failing", "93.3% of statements", "`coverage.out`
 * written for 3 packages" — judged against the test output and coverage
 * profiles committed in the repository, counted one result at a time (a log's
 * summary line is compared with its own lines, never trusted alone). Without
 * committed output a number of tests is checked against the tests the code
 * defines; a pass/fail outcome is then unverifiable, unless the count is more
 * than the code of its folder can produce.
 *
 * The evidence is the narrowest the report points at: a log the statement
 * names, else the logs its section names, else every log of the report's own
 * run (runartifacts.ts: another run's output never decides) and the tallies
 * of its JSON result files; test files or packages it names, or the folder a
 * component name in its section or table row resolves to, narrow the tests
 * and the coverage counted.
 */
import { resolveMention } from '../../repo/paths.js';
import type { Claim, ClaimDocument, ClaimKindModule, Evidence, Outcome, Statement, VerifyContext } from '../types.js';
import { pathMentions, satisfies, type Quantity } from '../mentions.js';
import { documentOf, ownSection, pathsAround, refOf, statementAt, type StatementRef } from '../sections.js';
import { derivedRate } from './arithmetic.js';
import { percentMatches, readCoverageNumbers, readTestNumbers, roundTo, targetColumns, type CoverageNumbers, type TestNumbers } from '../reportnumbers.js';
import {
  coverageOf,
  evidenceIndex,
  findTest,
  goPackageDir,
  selectCoverage,
  selectTests,
  suiteCountings,
  testInventory,
  type Counting,
  type TestScope,
  type TestSelection,
} from '../testevidence.js';
import type { TestCase } from '../testlogs.js';
import { artifactTallies, foreignNote, keyWords, reportOwnership, type ArtifactTally } from '../runartifacts.js';
import { componentScope } from './code-scope.js';
import { stem } from '../terms.js';
import { isArchivedCopy } from '../../repo/paths.js';

const FAILING_LABEL = /^(?:still\s+)?(failing|failed|failures?|failing tests?|broken|passing|passed)$/i;

interface Named {
  name: string;
  outcome: 'fail' | 'pass';
}

type Form = { form: 'counts'; numbers: TestNumbers } | { form: 'coverage'; coverage: CoverageNumbers } | { form: 'named'; named: Named };

function namedTest(st: Statement): Named | null {
  const label = (st.label ?? '').trim();
  const lead = [...(st.parents ?? [])].reverse().find((p) => /^(?:failing|failed|failures?|failing tests?|passing|passed)\s*:?$/i.test(p.replace(/[*_`]/g, '').trim()));
  const m = FAILING_LABEL.exec(label) ?? (lead ? /^(\w+)/.exec(lead) : null);
  if (!m) return null;
  const first = st.code[0];
  const name = first && !pathMentions({ ...st, code: [first], text: `\`${first}\`` }).length ? first : null;
  if (!name || name.length < 3) return null;
  return { name, outcome: /pass/i.test(m[1]!) ? 'pass' : 'fail' };
}

export const testResult: ClaimKindModule = {
  kind: 'test-result',
  description: 'Test counts, pass rates, named test outcomes and coverage figures, against the test output and coverage profiles committed in the repository.',
  recognize(st) {
    if (st.construct === 'code-block' || st.planning) return [];
    const own = pathMentions(st).map((m) => m.path);
    const forms: { text: string; form: Form }[] = [];
    const named = namedTest(st);
    if (named) forms.push({ text: st.text, form: { form: 'named', named } });
    else {
      for (const numbers of readTestNumbers(st)) forms.push({ text: numbers.text, form: { form: 'counts', numbers } });
      for (const coverage of readCoverageNumbers(st, own)) forms.push({ text: coverage.text, form: { form: 'coverage', coverage } });
    }
    const texts = new Set<string>();
    return forms
      .filter((f) => (texts.has(f.text) ? false : (texts.add(f.text), true)))
      .map((f) => ({
        kind: 'test-result' as const,
        // A table row is one claim per row: its text identifies it.
        text: st.construct === 'table-row' || forms.length === 1 ? st.text : f.text,
        source: { path: st.docPath, line: st.line },
        subject: { path: null, symbol: f.form.form === 'named' ? f.form.named.name : null },
        data: { ...f.form, ref: refOf(st), own },
      }));
  },
  verify(claim, ctx) {
    const doc = documentOf(ctx, claim.source.path);
    const st = doc ? statementAt(doc, claim.data.ref as StatementRef) : undefined;
    const scope = testScope(ctx, doc, st, claim.data.own as string[]);
    switch (claim.data.form as Form['form']) {
      case 'counts':
        return verifyCounts(claim, ctx, scope);
      case 'coverage':
        return verifyCoverage(claim, ctx, scope);
      case 'named':
        return verifyNamed(claim, ctx, scope);
    }
  },
};

// ---------------------------------------------------------------------------
// Scope

interface ResolvedScope extends TestScope {
  /** Go package directories of the logs in scope, for coverage claims made beside a log. */
  packageDirs: string[];
  /** Named logs or profiles that are not in the repository. */
  missing: string[];
  /** Set when the scope is a folder the section or table row names as a component ("Load Balancing" → `loadbalancing/`). */
  component: { phrase: string; folder: string } | null;
  /** Committed logs and profiles set aside because they are not this report's run, with why. */
  foreign: { paths: string[]; note: string };
}

/**
 * Sorts the paths a statement (else its section) names into test logs,
 * coverage profiles and test code; the statement's own mentions win over the
 * section's.
 */
export function testScope(ctx: VerifyContext, doc: ClaimDocument | undefined, st: Statement | undefined, own: string[]): ResolvedScope {
  const index = evidenceIndex(ctx.snapshot);
  const classify = (mentions: string[]) => {
    const s = { logs: [] as string[], coverageFiles: [] as string[], paths: [] as string[], missing: [] as string[] };
    for (const m of mentions) {
      const r = resolveMention(ctx.snapshot, m);
      if (r.status !== 'found') {
        if (/\.(txt|log|out|json|jsonl|xml|info|lcov)$/i.test(m)) s.missing.push(m);
        continue;
      }
      if (index.runs.some((x) => x.path === r.path)) s.logs.push(r.path);
      else if (index.coverage.some((x) => x.path === r.path)) s.coverageFiles.push(r.path);
      else if (r.isDir) s.paths.push(r.path);
      else if (ctx.snapshot.file(r.path)?.isTest) s.paths.push(r.path);
      else if (ctx.snapshot.file(r.path)?.language) s.paths.push(r.path.endsWith('.go') ? r.path.slice(0, Math.max(0, r.path.lastIndexOf('/'))) : r.path);
    }
    return s;
  };
  const mine = classify(own);
  const section = doc && st ? classify(pathsAround(doc, st).filter((p) => !own.includes(p))) : { logs: [], coverageFiles: [], paths: [], missing: [] };
  const logs = mine.logs.length ? mine.logs : mine.paths.length ? [] : section.logs;
  const coverageFiles = mine.coverageFiles.length ? mine.coverageFiles : section.coverageFiles;
  // With nothing named, a component the section or table row names: its folder.
  const component = !mine.paths.length && !logs.length && !coverageFiles.length && !section.paths.length && st ? componentOf(ctx, st, doc ? siblingParents(ctx, doc) : new Set()) : null;
  const paths = mine.paths.length ? mine.paths : component ? [component.folder] : [];
  const owner = doc ? reportOwnership(ctx, doc.path) : null;
  const foreignPaths = owner ? [...index.runs.map((r) => r.path), ...index.coverage.map((r) => r.path), ...index.emptyCoverage].filter((p) => owner.of(p) === 'foreign') : [];
  const packageDirs = logs
    .flatMap((l) => index.runs.find((r) => r.path === l)?.suites.map((s) => goPackageDir(index, s.name)) ?? [])
    .filter((d): d is string => d !== null);
  const how = [
    mine.logs.length ? `the log the report names (${mine.logs.join(', ')})` : logs.length ? `the log its section names (${logs.join(', ')})` : '',
    paths.length ? `tests of ${paths.join(', ')}${component ? ` (the folder of "${component.phrase}")` : ''}` : '',
  ].filter(Boolean).join(', ') || "the repository's tests";
  return {
    logs,
    coverageFiles,
    paths,
    how,
    packageDirs: [...new Set(packageDirs)],
    missing: [...mine.missing, ...(mine.logs.length ? [] : section.missing)],
    component,
    exclude: foreignPaths,
    foreign: { paths: foreignPaths, note: owner ? foreignNote(foreignPaths, owner) : '' },
  };
}

/**
 * The folder a component phrase names, for a statement with no path: the first cell of its table row, else
 * the list item it sits under, else its section's heading. A phrase names a folder when its words joined are
 * the folder's name (componentScope: "Load Balancing" → `loadbalancing/`), or when its first word alone (or its
 * only word, five letters or more) is the name of exactly one folder that holds tests or a coverage profile: English puts the topic first and the
 * activity last ("Health Monitoring" → `health/`, "Conflict Resolution" → `conflict/`), while a last word
 * alone names a larger whole the phrase is a part of ("Dictionary Compression" is not all of `compression/`).
 * A table cell that qualifies the component in parentheses ("Compression (non-dict)") names a part of a
 * folder, not a folder.
 */
function componentOf(ctx: VerifyContext, st: Statement, siblings: ReadonlySet<string>): { phrase: string; folder: string } | null {
  for (const phrase of componentPhrases(st)) {
    const joined = componentScope(ctx, phrase);
    if (joined?.isDir) return { phrase, folder: joined.path };
    const words = phrase.toLowerCase().split(/[\s_-]+/).filter(Boolean);
    // One word alone must be a long one ("Compression"), not a short tag ("API", "UI").
    if (words.length > 4 || words[0]!.length < (words.length === 1 ? 5 : 4) || !/^[a-z]+$/.test(words[0]!)) continue;
    if (TEST_FOLDER_NAME.test(words[0]!)) continue;
    const folders = [...testFolders(ctx)].filter((d) => d.slice(d.lastIndexOf('/') + 1).toLowerCase() === words[0]);
    const live = folders.filter((d) => !isArchivedCopy(d));
    let pick = live.length ? live : folders;
    // Several folders of that name: the one beside the components the report's other sections name.
    if (pick.length > 1) pick = pick.filter((d) => siblings.has(dirOf(d)));
    if (pick.length === 1) return { phrase, folder: pick[0]! };
  }
  return null;
}

/** The phrases that may name a statement's component: its table row's first cell, else the item it sits under, then its heading. */
function componentPhrases(st: Statement): string[] {
  const raw: string[] = [];
  if (st.table && !st.table.header) {
    const first = st.table.cells[0] ?? '';
    if (/\([^)]*[a-z][^)]*\)/i.test(first)) return [];
    raw.push(first);
  } else {
    const parent = st.parents?.[st.parents.length - 1];
    if (parent) raw.push(parent.replace(/:.*$/, ''));
    const heading = ownSection(st)[ownSection(st).length - 1];
    if (heading) raw.push(heading);
  }
  return raw.map((r) => r.replace(/\([^)]*\)/g, ' ').replace(/[^\p{L}\p{N}\s_-]/gu, ' ').replace(/\s+/g, ' ').trim()).filter(Boolean);
}

/** The folder a statement's component phrase (its table row's first cell, else its parent item or heading) names, or null. */
export function componentFolderOf(ctx: VerifyContext, doc: ClaimDocument, st: Statement): { phrase: string; folder: string } | null {
  return componentOf(ctx, st, siblingParents(ctx, doc));
}

const siblingCache = new WeakMap<ClaimDocument, Set<string>>();

/** Parent folders of the components a report's statements name unambiguously (by their joined words). */
function siblingParents(ctx: VerifyContext, doc: ClaimDocument): Set<string> {
  const hit = siblingCache.get(doc);
  if (hit) return hit;
  const out = new Set<string>();
  const seen = new Set<string>();
  for (const st of doc.statements) {
    for (const phrase of componentPhrases(st)) {
      if (seen.has(phrase)) continue;
      seen.add(phrase);
      const joined = componentScope(ctx, phrase);
      if (joined?.isDir) out.add(dirOf(joined.path));
    }
  }
  siblingCache.set(doc, out);
  return out;
}

/** Names test tooling gives folders of tests and their output: such a folder is where tests live, not a component. */
const TEST_FOLDER_NAME = /^(?:tests?|specs?|__tests__|e2e|integration|unit|testing|testdata|fixtures|coverage|results?|reports?|benchmarks?)$/;

const testFolderCache = new WeakMap<object, Set<string>>();

/** Folders that hold test files or a coverage profile. */
function testFolders(ctx: VerifyContext): Set<string> {
  const hit = testFolderCache.get(ctx.snapshot);
  if (hit) return hit;
  const index = evidenceIndex(ctx.snapshot);
  const out = new Set<string>();
  const dir = (p: string) => (p.includes('/') ? p.slice(0, p.lastIndexOf('/')) : '');
  for (const f of ctx.snapshot.files) if (f.isTest && f.language) out.add(dir(f.path));
  for (const c of index.coverage) out.add(dir(c.path));
  for (const p of index.emptyCoverage) out.add(dir(p));
  out.delete('');
  testFolderCache.set(ctx.snapshot, out);
  return out;
}

// ---------------------------------------------------------------------------
// Counts

function describeCounting(c: Counting): string {
  return `${c.passed} passed, ${c.failed} failed${c.errors ? `, ${c.errors} errors` : ''}${c.skipped ? `, ${c.skipped} skipped` : ''} of ${c.total} (${c.name})`;
}

function claimed(n: TestNumbers): string {
  const parts: string[] = [];
  if (n.passed) parts.push(`${n.passed.raw} passed`);
  if (n.failed) parts.push(`${n.failed.raw} failed`);
  if (n.errors) parts.push(`${n.errors.raw} errors`);
  if (n.skipped) parts.push(`${n.skipped.raw} skipped`);
  if (n.total) parts.push(`${n.total.raw} ${n.passed || n.failed ? 'in total' : n.unit === 'suites' ? 'suites' : 'tests'}`);
  if (n.rate) parts.push(`${n.rate.raw} ${n.rate.of === 'pass' ? 'pass rate' : 'failure rate'}`);
  return parts.join(', ');
}

/** Whether a counting gives the claimed numbers; failures may include errors when the tool counts them apart. */
function matches(n: TestNumbers, c: Counting): boolean {
  const eq = (q: Quantity | undefined, v: number) => !q || satisfies(q, v);
  const failedOk = !n.failed || satisfies(n.failed, c.failed) || (c.errors > 0 && !n.errors && satisfies(n.failed, c.failed + c.errors));
  if (!eq(n.passed, c.passed) || !failedOk || !eq(n.total, c.total) || !eq(n.skipped, c.skipped) || !eq(n.errors, c.errors)) return false;
  if (n.rate) {
    if (c.total === 0) return false;
    const v = n.rate.of === 'pass' ? c.passed : c.failed + c.errors;
    return percentMatches(n.rate, (v / c.total) * 100).ok;
  }
  return true;
}

function logEvidence(sel: TestSelection, max = 8): Evidence[] {
  const ev: Evidence[] = [];
  for (const r of sel.runs.slice(0, 6)) {
    const s = r.summary;
    ev.push({ path: r.path, line: s?.line ?? r.cases[0]?.line ?? 1, ...(s ? { excerpt: s.text } : {}), note: `${r.format} output: ${r.cases.length} result${r.cases.length === 1 ? '' : 's'} listed${r.listsPasses ? '' : ' (failures only)'}` });
  }
  const failed = sel.cases.filter((c) => c.outcome === 'fail' || c.outcome === 'error');
  const partialFailures = sel.runs.filter((r) => !r.listsPasses).flatMap((r) => r.cases.map((c) => ({ c, path: r.path })));
  const withPath = [...failed.map((c) => ({ c, path: sel.runs.find((r) => r.cases.includes(c))?.path ?? '' })), ...partialFailures];
  for (const { c, path } of withPath.slice(0, max)) ev.push({ path, line: c.line, note: `${c.outcome === 'error' ? 'error' : 'failed'}: ${c.name}${c.message ? ` (${c.message.slice(0, 120)})` : ''}` });
  for (const b of sel.buildFailures.slice(0, 4)) ev.push({ path: b.path, line: b.line, excerpt: b.text, note: 'this package did not build: its tests did not run' });
  return ev;
}

function verifyCounts(claim: Claim, ctx: VerifyContext, scope: ResolvedScope): Outcome {
  const n = claim.data.numbers as TestNumbers;
  const outcome = verifyCountsInLogs(claim, ctx, scope);
  // A bare rate that no committed output decides, but that the report computes from counts it states
  // beside it, is a claim about the report's own numbers: those counts carry the claim about the tests.
  if (outcome.verdict === 'unverifiable' && n.rate && !n.passed && !n.failed && !n.total && !n.errors && !n.skipped) {
    const doc = documentOf(ctx, claim.source.path);
    const derived = doc ? derivedRate(doc, claim.source.line) : null;
    if (derived) return { ...derived, reason: `${outcome.reason}; the rate is the report's own arithmetic: ${derived.reason} (the counts are judged where the report states them)` };
  }
  return outcome;
}

function verifyCountsInLogs(claim: Claim, ctx: VerifyContext, scope: ResolvedScope): Outcome {
  const n = claim.data.numbers as TestNumbers;
  if (scope.missing.length && !scope.logs.length) {
    return { verdict: 'unverifiable', reason: `the test output the report names (${scope.missing.join(', ')}) is not in the repository`, evidence: [] };
  }
  const sel = selectTests(ctx, scope);
  const outcomeClaimed = !!(n.passed || n.failed || n.errors || n.skipped || n.rate);
  const logCountings = n.unit === 'suites' ? suiteCountings(sel) : sel.countings;
  // The report's own result files (JSON) record the run's tally; they count for the whole run only.
  // Logs, when there are any, count one by one; a result file's summary beside them would only blur a disagreement.
  const tallies = n.unit === 'tests' && !scope.paths.length && !scope.logs.length && !logCountings.length ? relevantTallies(ctx, claim) : [];
  const countings = [...logCountings, ...tallies.map(tallyCounting)];
  const foreign = scope.foreign.note ? `; ${scope.foreign.note}` : '';
  if (!countings.length) {
    if (sel.partial.length) return { verdict: 'unverifiable', reason: sel.partial.join('; ') + foreign, evidence: logEvidence(sel) };
    const fromParts = n.unit === 'tests' && !scope.paths.length && !scope.logs.length ? sumOfImpossiblePart(ctx, claim, n) : null;
    if (fromParts) return withNote(fromParts, foreign);
    if (!outcomeClaimed && n.unit === 'tests' && n.total) return withNote(verifyInventory(n.total, ctx, scope), foreign);
    if (n.unit === 'tests' && scope.paths.length) {
      const beyond = beyondInventory(n, ctx, scope);
      if (beyond) return withNote(beyond, foreign);
    }
    return {
      verdict: 'unverifiable',
      reason: `no test output for ${scope.how} is committed: ${outcomeClaimed ? 'passes and failures cannot be checked statically' : 'the count cannot be checked'}${inventoryNote(ctx, scope)}${foreign}`,
      evidence: [],
    };
  }
  const notes = [...sel.inconsistencies, ...sel.conflicts.map((c) => `the same test has two outcomes: ${c}`)];
  const ev = [...logEvidence(sel), ...tallies.map(tallyEvidence)];
  const summary = countings.map(describeCounting).join('; ');
  const hit = countings.find((c) => matches(n, c));
  const tail = `${notes.length ? `; ${notes.join('; ')}` : ''}${sel.buildFailures.length ? `; ${sel.buildFailures.length} package(s) did not build, their tests never ran` : ''}${foreign}`;
  const how = logCountings.length ? scope.how : `the report's result files (${[...new Set(tallies.map((t) => t.path))].join(', ')})`;
  if (hit) {
    if (!hit.individually && sel.inconsistencies.length) {
      return { verdict: 'unverifiable', reason: `claimed ${claimed(n)}; only the summary line gives that, and the log disagrees with itself${tail}`, evidence: ev };
    }
    return { verdict: 'verified', reason: `claimed ${claimed(n)}; counted in ${how}: ${describeCounting(hit)}${tail}`, evidence: ev };
  }
  const rates = n.rate ? `; pass rates: ${countings.filter((c) => c.total).map((c) => `${roundTo(((n.rate!.of === 'pass' ? c.passed : c.failed + c.errors) / c.total) * 100, 1)}%`).join(', ')}` : '';
  // A result file only the work produced, never named, may be another step's: it verifies, it does not contradict.
  if (!logCountings.length && !tallies.some((t) => t.ownership === 'named')) {
    return { verdict: 'unverifiable', reason: `claimed ${claimed(n)}; the result files of the report's work do not give that (${summary}), and the report does not name them as its run's${tail}`, evidence: ev };
  }
  // A named file's tally is the whole run: it contradicts a count of the whole run, or one of the same total.
  if (!logCountings.length && !(n.total && countings.some((c) => c.total === n.total!.value)) && !readsAsWholeRun(ctx, claim)) {
    return { verdict: 'unverifiable', reason: `claimed ${claimed(n)} for a part of the run; the report's result files count the whole run (${summary})${tail}`, evidence: ev };
  }
  return { verdict: 'contradicted', reason: `claimed ${claimed(n)}; no counting of ${how} gives that: ${summary}${rates}${tail}`, evidence: ev };
}

/**
 * A count of the whole run that the report adds up from its own per-component counts ("81 tests" over
 * sections of 57, 8 and 16), one of which is beyond what its folder's code can produce: the total carries
 * that impossible part. Only the total and the passes add up that way; a failure count the impossible part
 * adds nothing to is left alone.
 */
function sumOfImpossiblePart(ctx: VerifyContext, claim: Claim, n: TestNumbers): Outcome | null {
  const doc = documentOf(ctx, claim.source.path);
  if (!doc || (!n.total && !n.passed)) return null;
  const parts: { st: Statement; numbers: TestNumbers; folder: string; beyond: Outcome | null }[] = [];
  for (const st of doc.statements) {
    if (st.line === claim.source.line || st.planning) continue;
    const numbers = readTestNumbers(st).find((x) => x.unit === 'tests' && x.total && x.passed);
    if (!numbers) continue;
    const scope = testScope(ctx, doc, st, pathMentions(st).map((m) => m.path));
    if (!scope.component || parts.some((p) => p.folder === scope.component!.folder)) continue;
    parts.push({ st, numbers, folder: scope.component.folder, beyond: beyondInventory(numbers, ctx, scope) });
  }
  if (parts.length < 2) return null;
  const sum = (pick: (x: TestNumbers) => Quantity | undefined) => parts.reduce((t, p) => t + (pick(p.numbers)?.value ?? 0), 0);
  const adds = (n.total ? n.total.value === sum((x) => x.total) : true) && (n.passed ? n.passed.value === sum((x) => x.passed) : true);
  const bad = parts.find((p) => p.beyond?.verdict === 'contradicted');
  if (!adds || !bad) return null;
  const list = parts.map((p) => `${p.numbers.passed!.raw}/${p.numbers.total!.raw} at line ${p.st.line}`).join(' + ');
  return {
    verdict: 'contradicted',
    reason: `claimed ${claimed(n)}: the report's own parts add up to it (${list}), and the part at line ${bad.st.line} cannot be: ${bad.beyond!.reason}`,
    evidence: [{ path: claim.source.path, line: bad.st.line, note: `the part: ${bad.st.text.slice(0, 120)}` }, ...bad.beyond!.evidence.slice(0, 4)],
  };
}

function withNote(o: Outcome, note: string): Outcome {
  return note ? { ...o, reason: o.reason + note } : o;
}

/** Words that say an object of a result file is the run's own tally, not one category of it. */
const RUN_OBJECT = new Set(['summary', 'result', 'total', 'stat', 'statistic', 'test', 'run', 'report', 'validation', 'overall', 'execution', 'count', 'metric', 'outcome'].map(stem));

/**
 * The tallies of the report's result files a claim can be read against: an object named like a run summary
 * (`summary`, `results`, `validation_summary`), or one whose every word the claim's statement writes
 * ("Unit tests: 40/42" and `{"unit_tests": {…}}`).
 */
function relevantTallies(ctx: VerifyContext, claim: Claim): ArtifactTally[] {
  const said = new Set(keyWords(claim.text));
  const doc = documentOf(ctx, claim.source.path);
  const st = doc ? statementAt(doc, claim.data.ref as StatementRef) : undefined;
  if (st) for (const w of keyWords([st.text, st.label ?? '', ...(st.parents ?? []), ...st.headings.slice(-1)].join(' '))) said.add(w);
  return artifactTallies(ctx, claim.source.path).filter((t) => {
    const words = t.keys.flatMap(keyWords);
    return words.every((w) => RUN_OBJECT.has(w)) || words.every((w) => said.has(w));
  });
}

/** Whether a count is of the whole run: its label, or the words before its numbers, are only words of a run's tally ("Overall", "Result", "Tests"). */
function readsAsWholeRun(ctx: VerifyContext, claim: Claim): boolean {
  const doc = documentOf(ctx, claim.source.path);
  const st = doc ? statementAt(doc, claim.data.ref as StatementRef) : undefined;
  if (!st) return false;
  const lead = st.label ?? st.text.slice(0, Math.max(0, st.text.search(/\d/)));
  return keyWords(lead).every((w) => RUN_OBJECT.has(w) || w === stem('all'));
}

function tallyCounting(t: ArtifactTally): Counting {
  const failed = t.failed ?? 0;
  const skipped = t.skipped ?? 0;
  const errors = t.errors ?? 0;
  const total = t.total ?? (t.passed ?? 0) + failed + skipped + errors;
  return { name: `${t.path}${t.keys.length ? ` ${t.keys.join('.')}` : ''}`, total, passed: t.passed ?? total - failed - skipped - errors, failed, skipped, errors, individually: true };
}

function tallyEvidence(t: ArtifactTally): Evidence {
  const parts = (['total', 'passed', 'failed', 'skipped', 'errors'] as const).filter((k) => t[k] !== undefined).map((k) => `${k} ${t[k]}`);
  return { path: t.path, line: t.line, note: `${t.ownership === 'named' ? 'result file the report names' : "result file of the report's work"}: ${t.keys.join('.') || 'top level'} records ${parts.join(', ')}` };
}

/**
 * A pass/fail count for one folder with no output committed: a run decides it, unless the count exceeds every
 * test the folder's code can produce (top-level tests, named subtests and the rows of literal tables), with
 * nothing in scope that only a run can count. For a folder found from a component name this holds for Go
 * only, where a package's tests live in its own folder; elsewhere tests may live apart from the code.
 */
function beyondInventory(n: TestNumbers, ctx: VerifyContext, scope: ResolvedScope): Outcome | null {
  const total = n.total?.value ?? (n.passed?.value ?? 0) + (n.failed?.value ?? 0) + (n.skipped?.value ?? 0) + (n.errors?.value ?? 0);
  if (!total || (n.total && (n.total.bound === 'less-than' || n.total.bound === 'at-most' || n.total.bound === 'approx'))) return null;
  const inv = inventoryIn(ctx, scope);
  if (!inv.tests.length) return null;
  if (scope.component && !inv.tests.every((t) => t.path.endsWith('_test.go'))) return null;
  const unbounded = inv.dynamic.filter((d) => d.cases === undefined);
  if (unbounded.length) return null;
  const cases = inv.dynamic.reduce((sum, d) => sum + (d.cases ?? 0), 0);
  const max = inv.tests.length + inv.named.length + cases;
  if (total <= max) return null;
  const ev = inventoryEvidence(inv);
  return {
    verdict: 'contradicted',
    reason: `claimed ${claimed(n)} for ${scope.how}; the code there defines ${inv.tests.length} test${inv.tests.length === 1 ? '' : 's'}${inv.named.length ? `, ${inv.named.length} named subtests` : ''}${cases ? `, ${cases} table rows run as subtests` : ''}: at most ${max} results, counting every parent and subtest`,
    evidence: ev,
  };
}

function inventoryIn(ctx: VerifyContext, scope: TestScope) {
  const inv = testInventory(ctx);
  const inScope = (p: string) => !scope.paths.length || scope.paths.some((s) => p === s || p.startsWith(s + '/'));
  return {
    tests: inv.tests.filter((t) => inScope(t.path)),
    named: inv.namedSubtests.filter((t) => inScope(t.path)),
    dynamic: inv.dynamic.filter((t) => inScope(t.path)),
  };
}

function inventoryNote(ctx: VerifyContext, scope: TestScope): string {
  const inv = inventoryIn(ctx, scope);
  if (!inv.tests.length) return '';
  return ` (the code defines ${inv.tests.length} test${inv.tests.length === 1 ? '' : 's'}${inv.dynamic.length ? `, plus cases only a run can count at ${inv.dynamic.length} place${inv.dynamic.length === 1 ? '' : 's'}` : ''})`;
}

function inventoryEvidence(inv: ReturnType<typeof inventoryIn>): Evidence[] {
  const files = [...new Set(inv.tests.map((t) => t.path))];
  const ev: Evidence[] = files.slice(0, 8).map((p) => {
    const ts = inv.tests.filter((t) => t.path === p);
    return { path: p, line: ts[0]!.line, note: `${ts.length} test${ts.length === 1 ? '' : 's'}: ${ts.slice(0, 6).map((t) => t.name).join(', ')}${ts.length > 6 ? ', …' : ''}` };
  });
  for (const d of inv.dynamic.slice(0, 4)) ev.push({ path: d.path, line: d.line, note: d.what });
  return ev;
}

/** A number of tests with no output committed: the tests the code defines, counted with the parser. */
function verifyInventory(total: Quantity, ctx: VerifyContext, scope: TestScope): Outcome {
  const inv = inventoryIn(ctx, scope);
  if (!inv.tests.length) {
    return { verdict: 'unverifiable', reason: `no test output is committed and the repository defines no tests${scope.paths.length ? ` in ${scope.paths.join(', ')}` : ''}: the tests the report counts are not here`, evidence: [] };
  }
  const counts: [string, number][] = [[`test functions and test cases defined in the code (top level)`, inv.tests.length]];
  if (inv.named.length) counts.push([`the same plus ${inv.named.length} named subtests`, inv.tests.length + inv.named.length]);
  const rows = inv.dynamic.reduce((sum, d) => sum + (d.cases ?? 0), 0);
  const withRows = rows ? counts.push([`the same plus ${rows} rows of literal test tables`, counts[counts.length - 1]![1] + rows]) - 1 : -1;
  const ev = inventoryEvidence(inv);
  const said = counts.map(([d, v]) => `${v} ${d}`).join('; ');
  const base = `no test output is committed, so the tests were counted in the code: ${said}`;
  const unbounded = inv.dynamic.filter((d) => d.cases === undefined);
  // Counting table rows gives the number of results only when every table in scope was counted.
  const hit = counts.find(([, v], i) => satisfies(total, v) && (i !== withRows || !unbounded.length));
  if (hit) return { verdict: 'verified', reason: `claimed ${total.raw} tests; ${base}`, evidence: ev };
  const max = counts[counts.length - 1]![1];
  if (unbounded.length) {
    return { verdict: 'unverifiable', reason: `claimed ${total.raw} tests; ${base}; table-driven or parametrised tests at ${unbounded.length} place(s) add cases only a run can count`, evidence: ev };
  }
  if (total.value > max && total.bound !== 'less-than' && total.bound !== 'at-most') {
    return { verdict: 'contradicted', reason: `claimed ${total.raw} tests; ${base}, and every table-driven or parametrised test in scope was counted`, evidence: ev };
  }
  return { verdict: 'unverifiable', reason: `claimed ${total.raw} tests; ${base}: a run of a subset would give fewer`, evidence: ev };
}

// ---------------------------------------------------------------------------
// Coverage

function verifyCoverage(claim: Claim, ctx: VerifyContext, scope: ResolvedScope): Outcome {
  const c = claim.data.coverage as CoverageNumbers;
  const index = evidenceIndex(ctx.snapshot);
  if (!index.coverage.length && !index.emptyCoverage.length) {
    const named = scope.missing.length ? ` (${scope.missing.join(', ')} is not in the repository)` : '';
    return { verdict: 'unverifiable', reason: `no coverage data is committed${named}: coverage cannot be checked statically`, evidence: [] };
  }
  if (scope.missing.length && !scope.coverageFiles.length) {
    return { verdict: 'unverifiable', reason: `the coverage file the report names (${scope.missing.join(', ')}) is not in the repository`, evidence: [] };
  }
  const filters = scope.paths.length ? scope.paths : scope.packageDirs;
  const row = tableComponent(ctx, claim);
  if (row && !scope.component && !filters.length && !scope.coverageFiles.length) {
    return { verdict: 'unverifiable', reason: `the row is about "${row}", which names no single folder with tests or a coverage profile: no profile measures it alone`, evidence: [] };
  }
  const folderProfiles = scope.component ? profilesIn(ctx, scope, scope.component.folder) : null;
  if (folderProfiles?.empty && !folderProfiles.reports.length) return emptyProfile(c, folderProfiles.empty, scope);
  const sel = selectCoverage(ctx, folderProfiles?.reports.length ? { ...scope, coverageFiles: folderProfiles.reports } : scope, scope.packageDirs);
  const where = filters.length ? filters.join(', ') : 'the whole profile';
  const notes = sel.reports.flatMap((r) => r.notes);
  const ev: Evidence[] = sel.reports.map((r) => ({ path: r.path, line: 1, note: `${r.format} profile, ${r.files.length} files` }));
  if (!sel.reports.length) {
    return { verdict: 'unverifiable', reason: `no coverage profile of this report's run is committed${scope.foreign.note ? `: ${scope.foreign.note}` : ''}`, evidence: [] };
  }
  if (!sel.files.length) {
    return { verdict: 'unverifiable', reason: `the coverage data (${sel.reports.map((r) => r.path).join(', ')}) has no entries for ${where}`, evidence: ev };
  }
  // A figure for the whole code needs one profile of the whole: separate profiles of separate runs add up to nothing the report measured.
  const profiles = [...new Set(sel.files.map((f) => f.report))];
  if (!filters.length && !scope.coverageFiles.length && profiles.length > 1 && !c.units) {
    const each = profiles.slice(0, 6).map((r) => {
      const one = coverageOf({ reports: [r], files: sel.files.filter((f) => f.report === r) }, c.metric);
      return one && one.ratio.found ? `${r.path} ${roundTo((one.ratio.hit / one.ratio.found) * 100, 1)}%` : r.path;
    });
    return { verdict: 'unverifiable', reason: `the report names no profile and ${profiles.length} profiles are committed, none of them of the whole code: ${each.join(', ')}${profiles.length > 6 ? ', …' : ''}`, evidence: ev };
  }
  if (c.units) {
    const units = new Set(sel.files.map((f) => (c.units!.unit === 'files' ? (f.repoPath ?? f.file.path) : dirOf(f.repoPath ?? f.file.path))));
    const list = [...units].sort();
    const ok = satisfies(c.units.count, units.size);
    return {
      verdict: ok ? 'verified' : 'contradicted',
      reason: `claimed coverage for ${c.units.count.raw} ${c.units.unit}; ${sel.reports.map((r) => r.path).join(', ')} covers ${units.size}: ${list.join(', ')}`,
      evidence: ev,
    };
  }
  const cov = coverageOf(sel, c.metric);
  if (!cov) return { verdict: 'unverifiable', reason: `the coverage data does not count ${c.metric ?? 'that metric'}`, evidence: ev };
  const { ratio, metric } = cov;
  const pct = ratio.found ? (ratio.hit / ratio.found) * 100 : 0;
  for (const f of sel.files.slice(0, 6)) {
    const r = metric === 'statements' ? (f.file.statements ?? f.file.lines) : metric === 'lines' ? (f.file.lines ?? f.file.statements) : metric === 'functions' ? f.file.functions : f.file.branches;
    if (r) ev.push({ path: f.report.path, line: f.file.line, note: `${f.repoPath ?? f.file.path}: ${r.hit}/${r.found} ${metric}` });
  }
  const metricNote = c.metric && c.metric !== metric ? ` (the profile counts ${metric}, the report says ${c.metric})` : '';
  const measured = `${ratio.hit} of ${ratio.found} ${metric} covered in ${where} = ${roundTo(pct, 2)}%${metricNote}`;
  const tail = notes.length ? `; ${notes.join('; ')}` : '';
  const problems: string[] = [];
  let how = '';
  if (c.percent) {
    const m = percentMatches(c.percent, pct);
    if (!m.ok) problems.push(`${c.percent.raw} stated`);
    how = m.how;
  }
  if (c.found !== undefined && (c.found !== ratio.found || c.hit !== ratio.hit)) problems.push(`${c.hit}/${c.found} stated`);
  if (problems.length) return { verdict: 'contradicted', reason: `${problems.join(' and ')}; ${measured}${tail}`, evidence: ev };
  return { verdict: 'verified', reason: `${measured}${how ? ` (${how})` : ''}${tail}`, evidence: ev };
}

/** The first cell of a coverage table row, when it names a part of the code rather than the whole. */
function tableComponent(ctx: VerifyContext, claim: Claim): string | null {
  const doc = documentOf(ctx, claim.source.path);
  const st = doc ? statementAt(doc, claim.data.ref as StatementRef) : undefined;
  // A Target | Actual row names a criterion in its first cell, not a part of the code.
  const first = st?.table && !st.table.header && !targetColumns(st) ? (st.table.cells[0] ?? '').replace(/[*_`]/g, '').trim() : '';
  return first && !/^(?:total|overall|all|whole|combined|average|project|repository|codebase)\b/i.test(first) ? first : null;
}

const dirOf = (p: string) => (p.includes('/') ? p.slice(0, p.lastIndexOf('/')) : '.');

/**
 * The profiles for a component's folder: those kept in the folder itself (a package's own `coverage.out`)
 * when there are any, else every profile of the report's run with entries there; `empty` is a profile in
 * the folder that has a header and no entries.
 */
function profilesIn(ctx: VerifyContext, scope: ResolvedScope, folder: string): { reports: string[]; empty: string | null } {
  const index = evidenceIndex(ctx.snapshot);
  const inFolder = (p: string) => dirOf(p) === folder;
  const mine = (p: string) => !scope.exclude?.includes(p);
  const own = index.coverage.filter((r) => inFolder(r.path) && mine(r.path)).map((r) => r.path);
  const empty = index.emptyCoverage.find((p) => inFolder(p) && mine(p)) ?? null;
  return { reports: own, empty };
}

/** A component whose only profile has no entries: its run covered no statement (its tests did not build or run). */
function emptyProfile(c: CoverageNumbers, path: string, scope: ResolvedScope): Outcome {
  const ev: Evidence[] = [{ path, line: 1, note: 'a coverage profile with its header and no entries' }];
  const what = `${path} has a header and no entries: the run covered no statement of ${scope.component?.folder ?? 'the folder'}`;
  if (!c.percent || c.units) return { verdict: 'unverifiable', reason: what, evidence: ev };
  if (c.percent.value === 0 && (c.percent.bound === 'exact' || c.percent.bound === 'approx' || c.percent.bound === 'at-most')) return { verdict: 'verified', reason: `${what}, which is the 0% stated`, evidence: ev };
  if (c.percent.bound === 'at-most' || c.percent.bound === 'less-than') return { verdict: 'verified', reason: `${what}: 0%, within ${c.percent.raw}`, evidence: ev };
  return { verdict: 'contradicted', reason: `${what}, not ${c.percent.raw}`, evidence: ev };
}

// ---------------------------------------------------------------------------
// A named test's outcome

function verifyNamed(claim: Claim, ctx: VerifyContext, scope: ResolvedScope): Outcome {
  const named = claim.data.named as Named;
  const sel = selectTests(ctx, { ...scope, paths: [] });
  const partial = sel.runs.filter((r) => !r.listsPasses);
  const all: { c: TestCase; path: string }[] = [
    ...sel.cases.map((c) => ({ c, path: sel.runs.find((r) => r.cases.includes(c))?.path ?? '' })),
    ...partial.flatMap((r) => r.cases.map((c) => ({ c, path: r.path }))),
  ];
  if (!sel.runs.length) return { verdict: 'unverifiable', reason: `no test output for ${scope.how} is committed: whether ${named.name} ${named.outcome === 'fail' ? 'fails' : 'passes'} cannot be checked statically`, evidence: [] };
  const found = findTest(all.map((x) => x.c), named.name);
  const want = named.outcome === 'fail' ? 'failed' : 'passed';
  if (found.length) {
    const outcomes = new Set(found.map((c) => (c.outcome === 'error' ? 'fail' : c.outcome)));
    const ev: Evidence[] = found.slice(0, 4).map((c) => ({ path: all.find((x) => x.c === c)!.path, line: c.line, note: `${c.name}: ${c.outcome}${c.message ? ` (${c.message.slice(0, 160)})` : ''}` }));
    if (outcomes.size === 1 && outcomes.has(named.outcome)) return { verdict: 'verified', reason: `${named.name} ${want} in the committed output`, evidence: ev };
    if (!outcomes.has(named.outcome)) return { verdict: 'contradicted', reason: `${named.name} did not ${named.outcome === 'fail' ? 'fail' : 'pass'}: the committed output records ${[...outcomes].join(', ')}`, evidence: ev };
    return { verdict: 'unverifiable', reason: `${named.name} has different outcomes in different logs`, evidence: ev };
  }
  // A log that lists its failures only, and lists all of them, shows that a test it does not list passed.
  const inv = testInventory(ctx).tests.filter((t) => t.name === named.name.replace(/\s*(›|>)\s*/g, ' › ') || t.name.endsWith(' › ' + named.name));
  const complete = partial.filter((r) => r.summary && r.summary.failed === r.cases.filter((c) => c.outcome === 'fail').length);
  const covering = complete.filter((r) => inv.some((t) => r.suites.some((s) => t.path.endsWith(s.name.replace(/^\.\//, '')) || s.name.endsWith(t.path))));
  if (named.outcome === 'fail' && inv.length && covering.length) {
    const r = covering[0]!;
    return {
      verdict: 'contradicted',
      reason: `${named.name} is defined (${inv[0]!.path}:${inv[0]!.line}) and ran in ${r.path}, whose ${r.summary!.failed} failures are all listed without it: it passed`,
      evidence: [
        { path: inv[0]!.path, line: inv[0]!.line, note: 'the test' },
        { path: r.path, line: r.summary!.line, excerpt: r.summary!.text, note: `failures listed: ${r.cases.map((c) => c.name).join('; ')}` },
      ],
    };
  }
  return { verdict: 'unverifiable', reason: `no committed test output mentions ${named.name}`, evidence: logEvidence(sel, 0) };
}
