/**
 * What the code-claim kinds (method-call, timeout, build-error, placeholder)
 * share: where a claim applies (the files or directories the statement names,
 * else its section's file, else the whole repository), which functions it
 * narrows to, the module or folder a label names ("**Event Service**: …"),
 * the findings inside that scope, the status words that say
 * whether a report calls something fixed or still open, and excerpts for
 * evidence. Verifiers judge only inside the scope a claim names; a match
 * elsewhere is at most a note.
 */
import { isArchivedCopy, resolveMention } from '../../repo/paths.js';
import { excerpt as textExcerpt } from '../../repo/text.js';
import type { SymbolInfo } from '../../lang/model.js';
import type { Category, Finding } from '../../rules/types.js';
import type { ClaimDocument, Evidence, Outcome, Statement, VerifyContext } from '../types.js';
import { pathMentions, symbolMention } from '../mentions.js';
import { identifierWords, statementTerms, stem } from '../terms.js';

/** Where a statement says its claim applies, as written. */
export interface ScopeSpec {
  /** Paths (files or directories) as the report writes them. */
  paths: string[];
  /** `statement`: named in the claim itself; `section`: the section's file; `none`: nothing named. */
  from: 'statement' | 'section' | 'none';
}

/** The statement's own paths, else its section's files. */
export function scopeOf(st: Statement): ScopeSpec {
  const own = [...new Set(pathMentions(st).map((m) => m.path))];
  if (own.length) return { paths: own, from: 'statement' };
  const section = st.subjectPaths.length ? st.subjectPaths : st.subjectPath ? [st.subjectPath] : [];
  if (section.length) return { paths: [...new Set(section)], from: 'section' };
  return { paths: [], from: 'none' };
}

/** A scope resolved against the snapshot. */
export interface ResolvedScope {
  /** Repo-relative files, sorted. */
  files: string[];
  /** `named`: the report named these places; `repository`: it named none, so the whole repository's production code. */
  breadth: 'named' | 'repository';
  /** One phrase for reasons: `internal/peer/`, `src/a.ts`, `the repository's production code (12 files)`. */
  described: string;
  /** Mentions that did not resolve, with why (absent, ambiguous, outside the root). */
  problems: Evidence[];
  /** Set when nothing named resolved: the claim cannot be judged. */
  unresolved: boolean;
  /** Every named place is absent and not matched by .gitignore. */
  absent: boolean;
}

/**
 * Resolves a scope. With nothing named, the repository's production code
 * (test code may mock and stub freely) of the given languages, or all of it.
 */
export function resolveScope(spec: ScopeSpec, ctx: VerifyContext, opts: { languages?: readonly string[]; includeTests?: boolean } = {}): ResolvedScope {
  const wanted = (f: { language: string | null; isTest: boolean }) =>
    !!f.language && (!opts.languages || opts.languages.includes(f.language)) && (opts.includeTests || !f.isTest);
  if (spec.paths.length === 0) {
    const files = ctx.snapshot.files.filter(wanted).map((f) => f.path);
    return { files, breadth: 'repository', described: `the repository's ${opts.includeTests ? '' : 'production '}code (${files.length} files)`, problems: [], unresolved: false, absent: false };
  }
  const files = new Set<string>();
  const names: string[] = [];
  const problems: Evidence[] = [];
  let absent = 0;
  for (const mention of spec.paths) {
    const r = resolveMention(ctx.snapshot, mention);
    if (r.status === 'found') {
      if (r.isDir) {
        const prefix = r.path === '' ? '' : r.path + '/';
        for (const f of ctx.snapshot.files) if (f.path.startsWith(prefix) && wanted(f)) files.add(f.path);
        names.push(prefix || './');
      } else {
        files.add(r.path);
        names.push(r.path);
      }
      if (r.note) problems.push({ path: r.path, note: r.note });
    } else {
      if (r.status === 'absent' && !r.ignored) absent++;
      problems.push({ path: mention, note: r.note });
    }
  }
  const list = [...files].sort();
  return { files: list, breadth: 'named', described: names.join(', ') || spec.paths.join(', '), problems, unresolved: names.length === 0, absent: absent === spec.paths.length };
}

/** The outcome of a claim whose named places are not in the repository (or cannot be read). */
export function unresolvedOutcome(scope: ResolvedScope): Outcome {
  return {
    verdict: scope.absent ? 'contradicted' : 'unverifiable',
    reason: scope.absent ? `${scope.described} is not in the repository` : `the place the claim names cannot be judged: ${scope.problems.map((p) => p.note).join('; ')}`,
    evidence: scope.problems,
  };
}

// ---------------------------------------------------------------------------
// Components: a phrase that names a module or folder.

const componentIndex = new WeakMap<object, Map<string, { path: string; isDir: boolean }[]>>();

/** Files and folders by their name's words joined (`event_service.py`, `EventService.ts`, `loadbalancing/` → "eventservice", "loadbalancing"). */
function componentsOf(ctx: VerifyContext): Map<string, { path: string; isDir: boolean }[]> {
  let index = componentIndex.get(ctx.snapshot);
  if (index) return index;
  index = new Map();
  const add = (key: string, path: string, isDir: boolean) => {
    const list = index!.get(key) ?? [];
    if (!list.some((x) => x.path === path)) list.push({ path, isDir });
    index!.set(key, list);
  };
  const dirs = new Set<string>();
  for (const f of ctx.snapshot.files) {
    const parts = f.path.split('/');
    for (let i = 1; i < parts.length; i++) dirs.add(parts.slice(0, i).join('/'));
    if (f.language) add(identifierWords(parts[parts.length - 1]!.replace(/\.[^.]+$/, '')).join(''), f.path, false);
  }
  for (const d of dirs) add(identifierWords(d.split('/').pop()!).join(''), d, true);
  componentIndex.set(ctx.snapshot, index);
  return index;
}

/**
 * The module or folder a component phrase names: "**Event Service**: …" with `event_service.py`, a section
 * "Load Balancing" with a `loadbalancing/` package. Only a unique match counts (archived copies set aside).
 */
export function componentScope(ctx: VerifyContext, phrase: string): { path: string; isDir: boolean } | null {
  const words = phrase.replace(/\([^)]*\)/g, ' ').toLowerCase().match(/[a-z0-9]+/g) ?? [];
  if (words.length < 2 || words.length > 4) return null;
  const hits = componentsOf(ctx).get(words.join('')) ?? [];
  const live = hits.filter((h) => !isArchivedCopy(h.path));
  const pick = live.length ? live : hits;
  return pick.length === 1 ? pick[0]! : null;
}

/** The phrase that may name the component a count is about, and where the report puts it. */
export interface ComponentLabel {
  phrase: string;
  /** A field's label names the line's subject; a heading is a title, weaker (its count is never contradicted by it). */
  from: 'label' | 'heading';
}

/** The field's label ("**Event Bus**: 120 lines"), else the nearest heading with its status suffix ("Event Bus - ✅ DONE") cut off. */
export function componentLabel(st: Statement): ComponentLabel | null {
  if (st.label?.trim()) return { phrase: st.label.trim(), from: 'label' };
  const h = st.headings[st.headings.length - 1];
  if (!h) return null;
  const head = h.split(/\s[-–—:|]\s|\(/)[0]!.replace(/[^\p{L}\p{N}_ ]/gu, ' ').replace(/\s+/g, ' ').trim();
  return head ? { phrase: head, from: 'heading' } : null;
}

/**
 * The source file a component label names, and by which rule:
 * - `name`: the label's words joined are the file's name ("Integration Coordinator" → `integration_coordinator.py`),
 *   as `componentScope` finds it;
 * - `words`: the label's concrete words (framing such as "pattern", "service" set aside by `statementTerms`) all lie on
 *   the file's path, one of them in its name ("Saga Pattern" → `domain/sync_saga.py`, "Validation Services" →
 *   `services/validation.py`). Weaker: a verifier may confirm a count with it, never contradict one.
 * Only a single match counts: live copies before archived ones, production code before tests.
 */
export type LabelledFile = { path: string; rule: 'name' | 'words'; note: string } | { path: null; reason: string; candidates: string[] };

/** A phrase of more concrete words than this is a description, not a component's name. */
const MAX_LABEL_WORDS = 4;

export function labelledFile(ctx: VerifyContext, phrase: string): LabelledFile {
  const label = phrase.replace(/\s+/g, ' ').trim();
  const named = componentScope(ctx, label);
  if (named && !named.isDir) return { path: named.path, rule: 'name', note: `the report names no file; its label "${label}" is the name of ${named.path}, the only source file so named` };
  if (named) return { path: null, reason: `its label "${label}" names the folder ${named.path}/, not one file`, candidates: [] };
  const { terms, outcome } = statementTerms(label);
  const words = terms.filter((t) => !t.code && /^[a-z]+$/.test(t.word)).map((t) => stem(t.word));
  if (outcome || !words.length || words.length > MAX_LABEL_WORDS || words.length !== terms.length) {
    return { path: null, reason: `its label "${label}" names no module`, candidates: [] };
  }
  const hits = pathWordsOf(ctx).filter((f) => words.every((w) => f.pathStems.has(w)) && words.some((w) => f.nameStems.has(w))).map((f) => f.file);
  const live = hits.filter((f) => !isArchivedCopy(f.path));
  const pool = live.length ? live : hits;
  const production = pool.filter((f) => !f.isTest);
  const pick = production.length ? production : pool;
  if (pick.length === 1) {
    return { path: pick[0]!.path, rule: 'words', note: `the report names no file; ${pick[0]!.path} is the only ${live.length ? 'live ' : ''}${production.length ? 'production ' : ''}source file whose path holds the words of its label "${label}" (${terms.map((t) => t.word).join(', ')})` };
  }
  return {
    path: null,
    reason: pick.length ? `its label "${label}" fits ${pick.length} source files` : `no source file's path holds the words of its label "${label}"`,
    candidates: pick.slice(0, 5).map((f) => f.path),
  };
}

interface PathWords {
  file: { path: string; isTest: boolean };
  /** Stems of every folder's and the file name's words. */
  pathStems: Set<string>;
  /** Stems of the file name's words (extension dropped). */
  nameStems: Set<string>;
}

const pathWordsIndex = new WeakMap<object, PathWords[]>();

/** Source files with the stemmed words of their paths, built once per snapshot. */
function pathWordsOf(ctx: VerifyContext): PathWords[] {
  let index = pathWordsIndex.get(ctx.snapshot);
  if (index) return index;
  index = ctx.snapshot.files
    .filter((f) => f.language)
    .map((f) => {
      const parts = f.path.split('/');
      const name = identifierWords(parts.pop()!.replace(/\.[^.]+$/, '')).map(stem);
      return { file: f, nameStems: new Set(name), pathStems: new Set([...name, ...parts.flatMap((p) => identifierWords(p).map(stem))]) };
    });
  pathWordsIndex.set(ctx.snapshot, index);
  return index;
}

/** A function or method the statement names (`fetch_manifest()`, `Checker.Run`). */
export interface NamedSymbol {
  name: string;
  qualifier: string | null;
  code: string;
}

/** Call-shaped code spans of a statement (`x()`, `a.b(c)`), in order. */
export function callSpans(st: Statement): NamedSymbol[] {
  const out: NamedSymbol[] = [];
  for (const code of st.code) {
    const m = symbolMention(code);
    if (m && m.isCall) out.push({ name: m.name, qualifier: m.qualifier, code });
  }
  return out;
}

/** Symbols of `path` that a named symbol refers to (functions, methods, classes, variables). */
export function symbolsNamed(ctx: VerifyContext, path: string, s: NamedSymbol): SymbolInfo[] {
  const model = ctx.model(path);
  if (!model) return [];
  const q = s.qualifier?.split('.').pop() ?? null;
  return model.symbols.filter((x) => x.name === s.name && (!q || !/^[A-Z]/.test(q) || x.container?.split('.').pop() === q || x.receiver === q));
}

/** A line range in a file. */
export interface Place {
  path: string;
  line: number;
  endLine: number;
}

/** The ranges of the named functions in the scope files; empty when none of them is defined there. */
export function functionRanges(ctx: VerifyContext, files: readonly string[], named: readonly NamedSymbol[]): Place[] {
  const out: Place[] = [];
  for (const path of files) {
    for (const s of named) {
      for (const sym of symbolsNamed(ctx, path, s)) {
        if (sym.kind === 'function' || sym.kind === 'method') out.push({ path, line: sym.range.line, endLine: sym.range.endLine });
      }
    }
  }
  return out;
}

export function inPlaces(path: string, line: number, places: readonly Place[]): boolean {
  return places.some((p) => p.path === path && line >= p.line && line <= p.endLine);
}

/** Findings of the categories inside the files (and, when given, inside the places). */
export function findingsIn(ctx: VerifyContext, files: readonly string[], categories: readonly Category[], places?: readonly Place[]): Finding[] {
  const set = new Set(files);
  return ctx.findings
    .filter((f) => categories.includes(f.category) && set.has(f.path) && (!places || places.length === 0 || inPlaces(f.path, f.line, places)))
    .slice()
    .sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : a.line - b.line));
}

/** Evidence for a finding, with the code at its place. */
export function findingEvidence(ctx: VerifyContext, f: Finding, note?: string): Evidence {
  return { path: f.path, line: f.line, endLine: f.endLine, excerpt: excerptAt(ctx, f.path, f.line, Math.min(f.endLine, f.line + 4)) ?? f.excerpt, note: note ?? `${f.ruleId}: ${f.message}` };
}

/** Lines `line`..`endLine` of a file, or undefined when it cannot be read. */
export function excerptAt(ctx: VerifyContext, path: string, line: number, endLine = line): string | undefined {
  const r = ctx.snapshot.read(path);
  if (!r.ok) return undefined;
  return textExcerpt(r.text, line, endLine);
}

/** At most `n` findings as evidence, the rest counted in the last note. */
export function someFindings(ctx: VerifyContext, fs: readonly Finding[], n = 5): Evidence[] {
  const ev = fs.slice(0, n).map((f) => findingEvidence(ctx, f));
  if (fs.length > n) ev.push({ path: fs[n]!.path, line: fs[n]!.line, note: `and ${fs.length - n} more findings` });
  return ev;
}

/** `path:line` list for reasons. */
export function placesText(fs: readonly { path: string; line: number }[], n = 4): string {
  const shown = fs.slice(0, n).map((f) => `${f.path}:${f.line}`);
  return fs.length > n ? `${shown.join(', ')} and ${fs.length - n} more` : shown.join(', ');
}

// ---------------------------------------------------------------------------
// What the report says about the state of a thing.

/**
 * Field labels that describe a defect as it was before the fix (`**Issue**:`,
 * `**Root cause**:`): in a fix section they are not claims about the code now.
 */
const PRIOR_STATE_LABEL = /^(?:issues?|problems?|bugs?|errors?|root ?causes?|causes?|symptoms?|defects?|before|original (?:issue|error|problem)|what was wrong)$/i;
const FIX_HEADING = /\bfix(?:es|ed|ing)?\b|\bbugs?\b|\brepair(?:s|ed)?\b|\bresolved\b|\bpatch(?:es|ed)?\b|\bchanges\b/i;
/** "Must Fix Before Production": work still to do, not a report of fixes. */
const TO_FIX = /\b(?:must|to|should|needs? to|required to)\s+fix\b|\bfix(?:es)? required\b/i;

/** True for a heading that reports fixes made ("Fixes Applied", "CRITICAL BUG #1"). */
export function isFixHeading(h: string): boolean {
  return FIX_HEADING.test(h) && !TO_FIX.test(h);
}

/** True for a field that describes the defect a fix section fixes. */
export function describesPriorState(st: Statement): boolean {
  if (!st.label || !PRIOR_STATE_LABEL.test(st.label.trim())) return false;
  return st.headings.some(isFixHeading);
}

const DONE = /[✅✓✔]|\b(?:fixed|resolved|removed|eliminated|done|verified|complete[d]?|met|passed|passing|addressed|implemented|replaced|corrected|gone)\b/i;
const OPEN = /[❌✗✖⛔🚫🔴]|\b(?:open|still|remains?|remaining|unresolved|not fixed|blocked|failing|failed|broken|todo)\b/i;

/** `Line 29: "…"`: a quote of one line (line-content's claim); words inside the quote are code, not claims. */
export function quotesALine(st: Statement): boolean {
  return /^\s*(?:line|l)\s*\d+\s*[:\-–—]/i.test(st.label && /^(?:line|l)\s*\d+$/i.test(st.label.trim()) ? `${st.label}: ` : st.text);
}

/** A statement's status: `done` (fixed, ✅), `open` (still, ❌), or null. Words inside code spans do not count. */
export function statusOf(st: Statement): 'done' | 'open' | null {
  const text = withoutCode(st.text);
  const done = DONE.test(text);
  const open = OPEN.test(text);
  if (done && !open) return 'done';
  if (open && !done) return 'open';
  if (st.table) {
    const last = st.table.cells[st.table.cells.length - 1] ?? '';
    if (DONE.test(last) && !OPEN.test(last)) return 'done';
    if (OPEN.test(last) && !DONE.test(last)) return 'open';
  }
  return null;
}

export function withoutCode(text: string): string {
  return text.replace(/`[^`]*`/g, ' ');
}

/** The `Actual` cell of a Target | Actual table row, or null. */
export function actualCell(st: Statement): string | null {
  if (!st.table || st.table.header) return null;
  const i = st.table.headers.findIndex((h) => /^\W*(?:actual|result|measured|current|value|count|found)\W*$/i.test(h));
  return i >= 0 ? (st.table.cells[i] ?? '').trim() : null;
}

/** A table cell by header (`Line`, `Error`), or null. */
export function cellByHeader(st: Statement, header: RegExp): string | null {
  if (!st.table || st.table.header) return null;
  const i = st.table.headers.findIndex((h) => header.test(h.replace(/[^\p{L}\p{N} ]/gu, '').trim()));
  return i >= 0 ? (st.table.cells[i] ?? '').trim() : null;
}

/** Per audit (its list of documents): each report's files, found once and shared by its claims. */
const reportFilesCache = new WeakMap<readonly ClaimDocument[], Map<string, string[]>>();

/** Files the whole report names (resolved, existing), for statements whose section names none. */
export function reportFiles(ctx: VerifyContext, docPath: string): string[] {
  let cache = reportFilesCache.get(ctx.documents);
  if (!cache) reportFilesCache.set(ctx.documents, (cache = new Map()));
  let hit = cache.get(docPath);
  if (!hit) cache.set(docPath, (hit = reportFilesUncached(ctx, docPath)));
  return hit;
}

function reportFilesUncached(ctx: VerifyContext, docPath: string): string[] {
  const doc: ClaimDocument | undefined = ctx.documents.find((d) => d.path === docPath);
  if (!doc) return [];
  const out = new Set<string>();
  for (const st of doc.statements) {
    for (const m of pathMentions(st)) {
      const r = resolveMention(ctx.snapshot, m.path);
      if (r.status === 'found' && !r.isDir) out.add(r.path);
    }
    for (const p of [st.subjectPath, ...st.subjectPaths]) {
      if (!p) continue;
      const r = resolveMention(ctx.snapshot, p);
      if (r.status === 'found' && !r.isDir) out.add(r.path);
    }
  }
  return [...out].filter((p) => p !== docPath).sort();
}
