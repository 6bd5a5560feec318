/**
 * Which committed run output is a report's own, and the values its JSON
 * artifacts record.
 *
 * A repository full of agent reports is full of their logs, result files and
 * coverage profiles; a report's numbers are judged against the output of its
 * own run, never against another run that happens to be committed. The rule
 * (also in the README), for one file and one report:
 * - `named`: the report writes the file's path or name, or its name without
 *   the extension when that name is distinctive (a run of four or more digits,
 *   as a timestamp or run number gives it, or 20 characters or more):
 *   "Report ID: suite_run_1712345678" names `suite_run_1712345678.json`;
 * - `work`: git shows the file added or changed by the work the report
 *   describes (its work range, workrange.ts);
 * - `foreign`: git shows the report's work, and the file is not part of it:
 *   output of some other run, which neither verifies nor contradicts;
 * - `unknown`: nothing to tell by (no git, the report not committed, or a work
 *   range that starts at the root commit and so adds every file at once).
 * Output that is named, of the work, or unknown may decide a test or coverage
 * claim; JSON artifacts are read only when named, or of the work and named
 * like run output (results, report, run, summary, evidence, metrics…), and
 * only a named one may contradict.
 */
import { lineOfOffset, lineStarts } from '../repo/text.js';
import type { ClaimDocument, VerifyContext } from './types.js';
import { docHistoryKey, type DocHistory } from './facts.js';
import { identifierWords, stem } from './terms.js';

export type Ownership = 'named' | 'work' | 'foreign' | 'unknown';

/** How a report relates to the files of the repository. */
export interface ReportOwnership {
  of(path: string): Ownership;
  /** The work range the decision used, as git writes it, or null without history. */
  range: string | null;
}

const ownershipCache = new WeakMap<object, Map<string, ReportOwnership>>();

/** A name without extension distinctive enough to be a file's id: a run of 4+ digits, or 20+ characters. */
const DISTINCTIVE_STEM = /\d{4,}|^.{20,}$/;

/** The tokens of a document that may name a file: path-shaped words, by their last segment. */
function tokensByName(doc: ClaimDocument): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const m of doc.text.matchAll(/[A-Za-z0-9_~][\w.~/-]*[A-Za-z0-9_]/g)) {
    const t = m[0].replace(/^(?:\.\/|\/)+/, '');
    const name = t.slice(t.lastIndexOf('/') + 1);
    const list = out.get(name) ?? [];
    if (!list.includes(t)) list.push(t);
    out.set(name, list);
  }
  return out;
}

/** The ownership of files for a report (a claims document of this audit). */
export function reportOwnership(ctx: VerifyContext, docPath: string): ReportOwnership {
  let perSnapshot = ownershipCache.get(ctx.snapshot);
  if (!perSnapshot) ownershipCache.set(ctx.snapshot, (perSnapshot = new Map()));
  const hit = perSnapshot.get(docPath);
  if (hit) return hit;
  const doc = ctx.documents.find((d) => d.path === docPath);
  const tokens = doc ? tokensByName(doc) : new Map<string, string[]>();
  const history = ctx.facts.get(docHistoryKey(docPath)) as DocHistory | undefined;
  const work = history?.work;
  // A range from the root commit adds everything at once: it tells nothing about which run a file came from.
  const known = !!work && (work.base !== null || work.commits.length === 0);
  const changed = new Set((known ? work!.files : []).filter((f) => f.after !== null).map((f) => f.path));
  const named = (path: string): boolean => {
    const name = path.slice(path.lastIndexOf('/') + 1);
    for (const t of tokens.get(name) ?? []) if (t === name || t === path || path.endsWith('/' + t) || t.endsWith('/' + path)) return true;
    const dot = name.lastIndexOf('.');
    const bare = dot > 0 ? name.slice(0, dot) : null;
    return !!bare && DISTINCTIVE_STEM.test(bare) && (tokens.get(bare) ?? []).includes(bare);
  };
  const out: ReportOwnership = {
    of(path) {
      if (named(path)) return 'named';
      if (!known) return 'unknown';
      return changed.has(path) ? 'work' : 'foreign';
    },
    range: known ? work!.label : null,
  };
  perSnapshot.set(docPath, out);
  return out;
}

/** A phrase for reasons: why a piece of evidence was set aside. */
export function foreignNote(paths: readonly string[], own: ReportOwnership): string {
  if (!paths.length) return '';
  const shown = paths.slice(0, 3).join(', ') + (paths.length > 3 ? ` and ${paths.length - 3} more` : '');
  return `${shown} ${paths.length === 1 ? 'is' : 'are'} not this report's run (the report does not name ${paths.length === 1 ? 'it' : 'them'} and ${paths.length === 1 ? 'it was' : 'they were'} not produced in its work${own.range ? `, ${own.range}` : ''})`;
}

// ---------------------------------------------------------------------------
// JSON artifacts

/** Manifests and tool configuration are JSON too, but no run produced them. */
const NOT_AN_ARTIFACT = /(?:^|\/)(?:package(?:-lock)?\.json|composer\.(?:json|lock)|[jt]sconfig[\w.-]*\.json|\.?eslintrc[\w.]*|\.prettierrc[\w.]*|\.babelrc|renovate\.json|tslint\.json|lerna\.json|nx\.json|angular\.json|vercel\.json|app\.json|manifest\.json|[\w.-]*\.schema\.json|\.vscode\/[^/]+|\.devcontainer\/[^/]+)$/i;
/** Words run output is named with; a JSON file of the work without one (a fixture, a config) is not read unless named. */
const OUTPUT_NAME = /(?:result|report|run|output|summary|evidence|validation|metric|benchmark|test|coverage|log)/i;
const MAX_ARTIFACT_BYTES = 1024 * 1024;
const MAX_LEAVES = 5000;

/** One value an artifact records, with the keys leading to it (array positions left out). */
export interface ArtifactLeaf {
  keys: string[];
  /** The leaf's place with array positions (`results[2].passed`): leaves of one object share it up to the last key. */
  where: string;
  value: number | string | boolean;
  line: number;
}

export interface RunArtifact {
  path: string;
  ownership: 'named' | 'work';
  leaves: ArtifactLeaf[];
}

const artifactCache = new WeakMap<object, Map<string, RunArtifact[]>>();

/** The JSON files a report names or its work produced, flattened to their leaves. */
export function reportArtifacts(ctx: VerifyContext, docPath: string): RunArtifact[] {
  let perSnapshot = artifactCache.get(ctx.snapshot);
  if (!perSnapshot) artifactCache.set(ctx.snapshot, (perSnapshot = new Map()));
  const hit = perSnapshot.get(docPath);
  if (hit) return hit;
  const own = reportOwnership(ctx, docPath);
  const out: RunArtifact[] = [];
  for (const f of ctx.snapshot.files) {
    if (!/\.json$/i.test(f.path) || NOT_AN_ARTIFACT.test(f.path) || f.size === 0 || f.size > MAX_ARTIFACT_BYTES) continue;
    const o = own.of(f.path);
    if (o !== 'named' && (o !== 'work' || !OUTPUT_NAME.test(f.path))) continue;
    const r = ctx.snapshot.read(f.path);
    if (!r.ok) continue;
    let data: unknown;
    try {
      data = JSON.parse(r.text);
    } catch {
      continue;
    }
    out.push({ path: f.path, ownership: o, leaves: flatten(data, r.text) });
  }
  perSnapshot.set(docPath, out);
  return out;
}

/** Leaves of a JSON value with their key paths; the line is where the leaf's key first appears after its parent's. */
export function flatten(data: unknown, text: string): ArtifactLeaf[] {
  const out: ArtifactLeaf[] = [];
  const starts = lineStarts(text);
  const lineOf = (index: number) => lineOfOffset(starts, index);
  // Returns where in the text the value's last leaf was found, so the next array item is looked for after it.
  const walk = (v: unknown, keys: string[], where: string, from: number): number => {
    if (out.length >= MAX_LEAVES || v === null || v === undefined) return from;
    if (typeof v === 'number' || typeof v === 'string' || typeof v === 'boolean') {
      out.push({ keys, where, value: v, line: lineOf(from) });
      return from;
    }
    let at = from;
    if (Array.isArray(v)) {
      v.forEach((x, i) => {
        at = walk(x, keys, `${where}[${i}]`, at) + 1;
      });
      return at;
    }
    if (typeof v === 'object') {
      for (const [k, x] of Object.entries(v as Record<string, unknown>)) {
        const found = text.indexOf(JSON.stringify(k), at);
        at = walk(x, [...keys, k], `${where}/${k}`, found >= 0 ? found : at);
      }
    }
    return at;
  };
  walk(data, [], '', 0);
  return out;
}

/** The stemmed words of a key (`passed_tests`, `durationSeconds`, `Implementation Claims`). */
export function keyWords(key: string): string[] {
  return identifierWords(key).map(stem);
}

// ---------------------------------------------------------------------------
// Test tallies an artifact records

/** Counts of one test run an artifact records in one object (`{"total_tests": 12, "passed_tests": 11, …}`). */
export interface ArtifactTally {
  path: string;
  ownership: 'named' | 'work';
  /** Keys of the object holding the counts. */
  keys: string[];
  line: number;
  total?: number;
  passed?: number;
  failed?: number;
  skipped?: number;
  errors?: number;
}

type Role = 'total' | 'passed' | 'failed' | 'skipped' | 'errors';

/** The words of test-result formats for each count (JUnit attributes, pytest and jest JSON summaries). */
const ROLE_WORDS: Record<string, Role> = {
  pass: 'passed', passed: 'passed', passe: 'passed', passing: 'passed', success: 'passed', successful: 'passed', succeeded: 'passed',
  fail: 'failed', failed: 'failed', failure: 'failed', failing: 'failed',
  skip: 'skipped', skipped: 'skipped', pending: 'skipped',
  error: 'errors', errored: 'errors',
};
/** Words that only say what is counted. */
const COUNT_WORDS = new Set(['test', 'tests', 'case', 'cases', 'count', 'num', 'number', 'of', 'total', 'n']);

function roleOf(key: string): Role | null {
  const words = identifierWords(key);
  const roles = words.map((w) => ROLE_WORDS[w] ?? ROLE_WORDS[stem(w)]).filter((r): r is Role => !!r);
  const rest = words.filter((w) => !ROLE_WORDS[w] && !ROLE_WORDS[stem(w)]);
  if (!rest.every((w) => COUNT_WORDS.has(w))) return null;
  if (roles.length === 1) return roles[0]!;
  if (roles.length === 0 && rest.some((w) => w === 'total' || w === 'tests' || w === 'cases')) return 'total';
  return null;
}

/** Objects of the report's artifacts that hold a test tally: a total with passes or failures, or passes and failures. */
export function artifactTallies(ctx: VerifyContext, docPath: string): ArtifactTally[] {
  const out: ArtifactTally[] = [];
  for (const a of reportArtifacts(ctx, docPath)) {
    const objects = new Map<string, ArtifactTally>();
    for (const leaf of a.leaves) {
      if (typeof leaf.value !== 'number' || !Number.isInteger(leaf.value) || leaf.value < 0 || !leaf.keys.length) continue;
      const role = roleOf(leaf.keys[leaf.keys.length - 1]!);
      if (!role) continue;
      const id = leaf.where.slice(0, leaf.where.lastIndexOf('/'));
      const t = objects.get(id) ?? { path: a.path, ownership: a.ownership, keys: leaf.keys.slice(0, -1), line: leaf.line };
      if (t[role] === undefined) t[role] = leaf.value;
      objects.set(id, t);
    }
    for (const [id, t] of objects) {
      // An item of a list (one suite, one category row) is a part of the run, never its tally.
      if (id.includes('[')) continue;
      const has = (r: Role) => t[r] !== undefined;
      if ((has('total') && (has('passed') || has('failed'))) || (has('passed') && has('failed'))) out.push(t);
    }
  }
  return out;
}
