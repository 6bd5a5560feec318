/**
 * change: what the work did, judged on the diff of the work the report
 * describes (workrange.ts: the `--since` range, else the report's commit and
 * the commits of the same work before it), counted with the language parsers
 * on both sides of the diff, never with text search:
 * - "Removed the unused `foo` helper", "added `bar`": definitions, imports,
 *   calls and decorators of that name before and after;
 * - "renamed `fetchData` to `loadData`", "replaced `requests.get` with
 *   `httpx.get` in `api/client.py`", "moved `X` to `pkg/y.py`";
 * - "Deleted 12 unused imports", "removed 3 functions", "added type hints to
 *   14 functions across 5 files": the units counted on both sides;
 * - "timeout raised from 10 to 30", "`retries: 3 → 5`": the value of an
 *   assignment, keyword argument or config key before and after;
 * - "3 fixes in `pkg/a.go`": the file must be part of the change;
 * - "only `a.py` changed": no other code or config file changed;
 * - a field `**Changed**: \`lib/api.ts\` …`: that file is part of the change.
 * "Files modified: N" and line counts are git-diffstat's.
 *
 * Recognition reads structure, not phrases: a verb of change (the change
 * vocabulary below, a domain list of code-editing verbs), then code spans,
 * paths, numbers, `from A to B`, `A → B`. A verb used as an adjective ("a
 * renamed copy", "the deleted rows") or in a plan ("should remove") claims
 * nothing.
 *
 * Without a work range (no git, shallow clone, report not committed) a claim
 * is judged on the audited state where it has a consequence there (a removed
 * name must be gone, a renamed one present under its new name only, a value
 * must now be B): a failed consequence is contradicted, a held one is
 * unverifiable with the reason, since the state alone does not show a change.
 */
import { languageOf } from '../../repo/languages.js';
import { resolveMention } from '../../repo/paths.js';
import type { ChangedFile } from '../../repo/git.js';
import type { SourceModel } from '../../lang/model.js';
import { parseSource } from '../../lang/parse.js';
import type { ClaimKindModule, Evidence, Outcome, Statement, VerifyContext, Claim } from '../types.js';
import { looksLikePath, parseQuantity, satisfies, symbolMention, type Quantity } from '../mentions.js';
import { BLOBS_KEY, docHistoryKey, type DocHistory } from '../facts.js';
import { isConfigFile, isDocumentation, namesPath } from '../workrange.js';
import { workWhere } from './git-diffstat.js';
import { methodCall } from './method-call.js';

// ---------------------------------------------------------------------------
// The vocabulary of code changes (a domain list: verbs of editing code, and
// the code constructs a change is counted in).

const REMOVE = /^(?:removed|deleted|dropped|eliminated|stripped|purged|deprecated and removed)$/i;
const ADD = /^(?:added|introduced|inserted)$/i;
const RENAME = /^renamed$/i;
const REPLACE = /^(?:replaced|swapped|switched|substituted|migrated)$/i;
const MOVE = /^(?:moved|relocated|extracted)$/i;
const VALUE = /^(?:raised|increased|lowered|decreased|reduced|bumped|changed|set|updated|adjusted|tuned|moved)$/i;
/** Words that make a verb an adjective or a plan, not a report of a change. */
const NOT_DONE = /^(?:a|an|the|this|that|these|those|any|no|should|will|would|could|must|might|may|to|can|cannot|need|needs|be|being)$/i;

/** Code constructs a change is counted in. */
type Unit = 'imports' | 'functions' | 'methods' | 'classes' | 'decorators' | 'calls' | 'parameters';
const UNIT_WORDS: [RegExp, Unit][] = [
  [/^imports?$/i, 'imports'],
  [/^(?:functions?|funcs?|helpers?)$/i, 'functions'],
  [/^methods?$/i, 'methods'],
  [/^(?:classes|class)$/i, 'classes'],
  [/^decorators?$/i, 'decorators'],
  [/^(?:calls?|invocations?)$/i, 'calls'],
  [/^(?:parameters?|params?|arguments?|args?)$/i, 'parameters'],
];
const ANNOTATION = /\b(?:type hints?|type annotations?|annotations?|typings?|types)\b/i;

type Target = { code: string; kind: 'symbol' | 'path' | 'decorator' };

export type ChangeOp =
  | { op: 'removed'; targets: Target[] }
  | { op: 'added'; targets: Target[] }
  | { op: 'renamed'; from: Target; to: Target }
  | { op: 'replaced'; from: Target; to: Target }
  | { op: 'moved'; what: Target; to: string; from: string | null }
  | { op: 'count'; verb: 'removed' | 'added' | 'annotated'; unit: Unit; quantity: Quantity; files: Quantity | null }
  | { op: 'value'; key: string; from: string; to: string; exact?: boolean }
  | { op: 'fixes'; quantity: Quantity; path: string }
  | { op: 'only'; paths: string[] }
  | { op: 'touched'; path: string };

// ---------------------------------------------------------------------------
// Recognition.

type Token = { t: 'code'; v: string } | { t: 'arrow' } | { t: 'word'; v: string } | { t: 'num'; v: string };

function tokenize(text: string): Token[] {
  const out: Token[] = [];
  for (const m of text.matchAll(/`([^`]+)`|(→|->|=>)|((?:~|≈)?\d+(?:[.,]\d+)*(?:\.\d+)?[a-z%]*\+?)|([\p{L}_][\p{L}\p{N}_'’.-]*)/gu)) {
    if (m[1] !== undefined) out.push({ t: 'code', v: m[1].trim() });
    else if (m[2] !== undefined) out.push({ t: 'arrow' });
    else if (m[3] !== undefined) out.push({ t: 'num', v: m[3] });
    else out.push({ t: 'word', v: m[4]!.replace(/[.'’-]+$/, '') });
  }
  return out;
}

function targetOf(code: string): Target | null {
  const c = code.trim();
  if (/^@[A-Za-z_][\w.]*$/.test(c)) return { code: c, kind: 'decorator' };
  if (looksLikePath(c)) return { code: c, kind: 'path' };
  if (symbolMention(c)) return { code: c, kind: 'symbol' };
  return null;
}

/** Index of the first verb matching `re` that is used as a finished change (not an adjective, not a plan). */
function verbAt(toks: readonly Token[], re: RegExp, from = 0): number {
  for (let i = from; i < toks.length; i++) {
    const t = toks[i]!;
    if (t.t !== 'word' || !re.test(t.v)) continue;
    const prev = toks[i - 1];
    if (prev && prev.t === 'word' && NOT_DONE.test(prev.v)) continue;
    return i;
  }
  return -1;
}

const isWord = (t: Token | undefined, re: RegExp) => !!t && t.t === 'word' && re.test(t.v);

/** The next code span after `i` within `reach` tokens, skipping words (determiners, adjectives, nouns like "helper"). */
function nextCode(toks: readonly Token[], i: number, reach = 5): number {
  for (let j = i + 1; j < toks.length && j <= i + reach; j++) {
    const t = toks[j]!;
    if (t.t === 'code') return j;
    if (t.t === 'arrow' || t.t === 'num') return -1;
  }
  return -1;
}

function readTwo(toks: readonly Token[], verb: number, links: RegExp): { from: Target; to: Target } | null {
  // "renamed `a` to `b`" / "`a` renamed to `b`" / "renamed `a` → `b`"
  // The verb followed at once by its link ("`a` was renamed to `b`") has its first name before it.
  const linkFirst = toks[verb + 1]?.t === 'arrow' || isWord(toks[verb + 1], links);
  let a = linkFirst ? -1 : nextCode(toks, verb, 4);
  if (a < 0 && toks[verb - 1]?.t === 'code') a = verb - 1;
  if (a < 0 && toks[verb - 2]?.t === 'code' && isWord(toks[verb - 1], /^(?:was|were|is|are|been|got)$/i)) a = verb - 2;
  if (a < 0) return null;
  const start = a > verb ? a : verb;
  for (let j = start + 1; j < toks.length && j <= start + 3; j++) {
    const t = toks[j]!;
    if (t.t === 'arrow' || (t.t === 'word' && links.test(t.v))) {
      const b = toks[j + 1];
      if (b?.t !== 'code') return null;
      const from = targetOf((toks[a] as { v: string }).v);
      const to = targetOf(b.v);
      return from && to ? { from, to } : null;
    }
    if (t.t === 'code') return null;
  }
  return null;
}

/** A literal as reports write values: a number (optionally with a time or size unit), a quoted string, true/false/null, an identifier. */
const VALUE_LITERAL = /^(?:-?\d+(?:\.\d+)?(?:ms|s|m|h|kb|mb|gb)?|"[^"]*"|'[^']*'|true|false|none|null|nil|[A-Za-z_][\w.-]*)$/i;

function readValue(st: Statement, toks: readonly Token[]): ChangeOp | null {
  // `key: A → B` / `key = A -> B` inside one code span.
  for (const c of st.code) {
    const m = /^([A-Za-z_][\w.-]*)\s*[:=]\s*(\S+)\s*(?:→|->|=>)\s*(\S+)$/.exec(c.trim());
    if (m && VALUE_LITERAL.test(m[2]!) && VALUE_LITERAL.test(m[3]!)) return { op: 'value', key: m[1]!, from: m[2]!, to: m[3]!, exact: true };
  }
  // key (verb) from A to B / key: A → B, where key is a code span or the word before the verb.
  for (let i = 0; i < toks.length; i++) {
    const t = toks[i]!;
    let a: Token | undefined;
    let b: Token | undefined;
    if (isWord(t, /^from$/i) && isWord(toks[i + 2], /^to$/i)) {
      a = toks[i + 1];
      b = toks[i + 3];
    } else if (t.t === 'arrow') {
      a = toks[i - 1];
      b = toks[i + 1];
    } else continue;
    if (!a || !b || a.t === 'word' || b.t === 'word' || a.t === 'arrow' || b.t === 'arrow') continue;
    const from = a.v.replace(/\+$/, '');
    const to = b.v.replace(/\+$/, '');
    if (!VALUE_LITERAL.test(from) || !VALUE_LITERAL.test(to) || from === to) continue;
    const before = toks.slice(0, t.t === 'arrow' ? i - 1 : i);
    // The key: the last code span before, else the word before a change verb ("timeout raised from").
    const codeKey = [...before].reverse().find((x) => x.t === 'code') as { v: string } | undefined;
    const verb = before.findIndex((x) => isWord(x, VALUE));
    if (codeKey && symbolMention(codeKey.v)) return { op: 'value', key: codeKey.v, from, to, exact: true };
    if (verb > 0 && isWord(before[verb - 1], /^[A-Za-z_][\w]*$/)) {
      const key = (before[verb - 1] as { v: string }).v;
      if (!/^(?:was|were|is|are|been|has|have|it|they|we|i)$/i.test(key)) return { op: 'value', key, from, to };
    }
    // "Changed the default port from 8080 to 9090": the noun right before `from`, after a verb of change.
    if (verb >= 0 && t.t === 'word' && verb < i - 1 && isWord(toks[i - 1], /^[A-Za-z_][\w]*$/)) return { op: 'value', key: (toks[i - 1] as { v: string }).v, from, to };
  }
  return null;
}

function unitOf(word: string): Unit | null {
  for (const [re, u] of UNIT_WORDS) if (re.test(word)) return u;
  return null;
}

function readCount(st: Statement, toks: readonly Token[]): ChangeOp | null {
  const verbR = verbAt(toks, REMOVE);
  const verbA = verbAt(toks, ADD);
  const verb = verbR >= 0 ? verbR : verbA;
  if (verb < 0) return null;
  const plain = st.text.replace(/`[^`]*`/g, ' ');
  // "added type hints to 14 functions across 5 files"
  if (verbA >= 0 && ANNOTATION.test(plain)) {
    const m = /\bto\s+((?:~|about\s+|over\s+)?\d[\d,]*\+?)\s+(functions?|methods?)\b(?:.*?\b(?:across|in)\s+(\d[\d,]*)\s+files?\b)?/i.exec(plain);
    const q = m ? parseQuantity(m[1]!) : null;
    if (m && q) return { op: 'count', verb: 'annotated', unit: /^method/i.test(m[2]!) ? 'methods' : 'functions', quantity: q, files: m[3] ? parseQuantity(m[3]) : null };
  }
  // verb, then a number, then up to two adjectives, then a unit: "Deleted 12 unused imports".
  for (let j = verb + 1; j < toks.length && j <= verb + 3; j++) {
    const n = toks[j]!;
    if (n.t !== 'num') continue;
    const q = parseQuantity(n.v);
    if (!q) return null;
    for (let k = j + 1; k <= j + 3 && k < toks.length; k++) {
      const w = toks[k]!;
      if (w.t !== 'word') break;
      const unit = unitOf(w.v);
      if (unit) {
        const files = /\b(?:across|in)\s+(\d[\d,]*)\s+files?\b/i.exec(plain);
        return { op: 'count', verb: verb === verbR ? 'removed' : 'added', unit, quantity: q, files: files ? parseQuantity(files[1]!) : null };
      }
    }
    return null;
  }
  return null;
}

function readFixes(st: Statement, toks: readonly Token[]): ChangeOp | null {
  // "3 fixes in `pkg/a.go`", "fixed 3 bugs in `pkg/a.go`"
  for (let i = 0; i < toks.length; i++) {
    const n = toks[i]!;
    if (n.t !== 'num') continue;
    const fixesNoun = isWord(toks[i + 1], /^fix(?:es)?$/i);
    const fixedVerb = isWord(toks[i - 1], /^fixed$/i) && isWord(toks[i + 1], /^(?:bugs?|issues?|errors?|problems?|defects?)$/i);
    if (!fixesNoun && !fixedVerb) continue;
    if (!isWord(toks[i + 2], /^(?:in|to|across)$/i)) continue;
    const p = toks[i + 3];
    const q = parseQuantity(n.v);
    if (p?.t === 'code' && looksLikePath(p.v) && q) return { op: 'fixes', quantity: q, path: p.v };
  }
  return null;
}

function readOnly(st: Statement, toks: readonly Token[]): ChangeOp | null {
  // "only `a.py` changed", "changed only `a.py` and `b.py`", "Only modified `a.py`"
  const only = toks.findIndex((t) => isWord(t, /^only$/i));
  if (only < 0) return null;
  const changed = /^(?:changed|modified|touched|edited|updated)$/i;
  if (!toks.some((t) => isWord(t, changed))) return null;
  const paths: string[] = [];
  for (let j = only + 1; j < toks.length; j++) {
    const t = toks[j]!;
    if (t.t === 'code' && looksLikePath(t.v)) paths.push(t.v);
    else if (t.t === 'word' && !changed.test(t.v) && !/^(?:and|or|was|were|is|are|been|has|have|the|file|files|in)$/i.test(t.v)) break;
    else if (t.t !== 'word' && t.t !== 'code') break;
  }
  return paths.length ? { op: 'only', paths } : null;
}

/** A field labelled with a verb of change (`**Changed**: \`lib/api.ts\` headers type`). */
const CHANGE_LABEL = /^(?:changed|modified|updated|edited|fixed|touched|refactored|rewritten|patched)$/i;

/** Reads one change from a statement, or null. */
export function readChange(st: Statement): ChangeOp | null {
  const toks = tokenize(st.text);
  if (!toks.length) return null;
  if (st.label && CHANGE_LABEL.test(st.label.trim())) {
    const lead = /^`([^`]+)`/.exec(st.value ?? '');
    if (lead && looksLikePath(lead[1]!)) return { op: 'touched', path: lead[1]! };
  }
  const rename = verbAt(toks, RENAME);
  if (rename >= 0) {
    const two = readTwo(toks, rename, /^(?:to|into|as)$/i);
    if (two) return { op: 'renamed', ...two };
  }
  const replace = verbAt(toks, REPLACE);
  if (replace >= 0) {
    const word = (toks[replace] as { v: string }).v.toLowerCase();
    const two = word === 'switched' || word === 'migrated' ? readSwitch(toks, replace) : readTwo(toks, replace, word === 'swapped' ? /^(?:for|with)$/i : /^(?:with|by)$/i);
    if (two) return { op: 'replaced', ...two };
  }
  const move = verbAt(toks, MOVE);
  if (move >= 0) {
    const w = nextCode(toks, move, 4);
    const what = w >= 0 ? targetOf((toks[w] as { v: string }).v) : null;
    if (what && what.kind !== 'path') {
      let to: string | null = null;
      let from: string | null = null;
      for (let j = w + 1; j < toks.length - 1; j++) {
        const t = toks[j]!;
        const next = toks[j + 1]!;
        if (next.t === 'code' && looksLikePath(next.v)) {
          if (isWord(t, /^(?:to|into)$/i) || t.t === 'arrow') to = next.v;
          else if (isWord(t, /^from$/i)) from = next.v;
        }
      }
      if (to) return { op: 'moved', what, to, from };
    }
  }
  const value = readValue(st, toks);
  if (value) return value;
  const count = readCount(st, toks);
  if (count) return count;
  const fixes = readFixes(st, toks);
  if (fixes) return fixes;
  const only = readOnly(st, toks);
  if (only) return only;
  // "Removed the unused `foo` helper", "`foo` was removed", "added `bar` and `baz`"
  for (const [re, op] of [
    [REMOVE, 'removed'],
    [ADD, 'added'],
  ] as const) {
    const v = verbAt(toks, re);
    if (v < 0) continue;
    const targets: Target[] = [];
    const first = nextCode(toks, v, 4);
    if (first >= 0) {
      for (let j = first; j < toks.length; j++) {
        const t = toks[j]!;
        if (t.t === 'code') {
          const tg = targetOf(t.v);
          if (tg && tg.kind !== 'path') targets.push(tg);
          else break;
        } else if (t.t !== 'word' || !/^(?:and|or|helper|helpers|function|functions|method|methods|class|import|imports|decorator|call|calls|constant|variable|the|unused|dead|old|redundant|duplicate|legacy|obsolete|stale)$/i.test(t.v)) break;
      }
    } else if (toks[v - 1]?.t === 'code' || (toks[v - 2]?.t === 'code' && isWord(toks[v - 1], /^(?:was|were|is|are|been|got)$/i))) {
      const t = toks[v - 1]!.t === 'code' ? toks[v - 1]! : toks[v - 2]!;
      const tg = targetOf((t as { v: string }).v);
      if (tg && tg.kind !== 'path') targets.push(tg);
    }
    if (targets.length) return { op, targets };
  }
  return null;
}

function readSwitch(toks: readonly Token[], verb: number): { from: Target; to: Target } | null {
  // "switched from `a` to `b`"
  for (let j = verb + 1; j < toks.length - 3 && j <= verb + 3; j++) {
    if (isWord(toks[j], /^from$/i) && toks[j + 1]?.t === 'code' && (isWord(toks[j + 2], /^to$/i) || toks[j + 2]?.t === 'arrow') && toks[j + 3]?.t === 'code') {
      const from = targetOf((toks[j + 1] as { v: string }).v);
      const to = targetOf((toks[j + 3] as { v: string }).v);
      return from && to ? { from, to } : null;
    }
  }
  return null;
}

// ---------------------------------------------------------------------------
// Both sides of the diff.

/** One file on both sides of the work range. */
interface Sides {
  path: string;
  before: SourceModel | null;
  after: SourceModel | null;
  beforeText: string | null;
  afterText: string | null;
}

const modelCache = new WeakMap<object, Map<string, SourceModel | null>>();

function parseBlob(blobs: Map<string, string>, id: string | null, path: string): { model: SourceModel | null; text: string | null } {
  if (!id) return { model: null, text: null };
  const text = blobs.get(id) ?? null;
  if (text === null) return { model: null, text: null };
  const lang = languageOf(path);
  if (!lang) return { model: null, text };
  let cache = modelCache.get(blobs);
  if (!cache) modelCache.set(blobs, (cache = new Map()));
  const key = `${id}\0${path}`;
  if (!cache.has(key)) {
    try {
      cache.set(key, parseSource(path, text, lang).model);
    } catch {
      cache.set(key, null);
    }
  }
  return { model: cache.get(key)!, text };
}

interface Work {
  history: DocHistory;
  files: ChangedFile[];
  blobs: Map<string, string>;
  where: string;
}

function workOf(claim: Claim, ctx: VerifyContext): { work: Work | null; why: string } {
  const h = ctx.facts.get(docHistoryKey(claim.source.path)) as DocHistory | undefined;
  if (!h) return { work: null, why: 'no git history was gathered for this report' };
  if (!h.work) return { work: null, why: h.why ?? 'no work range was found' };
  // The repository's first commit adds every file: nothing in it shows what the work changed.
  const oldest = h.work.commits[h.work.commits.length - 1];
  if (oldest && !oldest.parents.length) return { work: null, why: `the work range starts at the repository's first commit (${oldest.sha.slice(0, 12)}), which adds every file and shows no change` };
  const blobs = (ctx.facts.get(BLOBS_KEY) as Map<string, string> | undefined) ?? new Map<string, string>();
  return { work: { history: h, files: h.work.files, blobs, where: workWhere(h) }, why: '' };
}

function sidesOf(work: Work, f: ChangedFile): Sides {
  const b = parseBlob(work.blobs, f.before, f.path);
  const a = parseBlob(work.blobs, f.after, f.path);
  return { path: f.path, before: b.model, after: a.model, beforeText: b.text, afterText: a.text };
}

/** The statement's own paths, else its section's files (as written). */
function scopePaths(claim: Claim): string[] {
  return (claim.data.scope as string[] | undefined) ?? [];
}

function inScope(path: string, scope: readonly string[]): boolean {
  return scope.length === 0 || scope.some((s) => namesPath(s, path) || path.startsWith(s.replace(/^\/+/, '').replace(/\/?$/, '/')));
}

/** Code files of the range inside the scope. */
function rangeFiles(work: Work, scope: readonly string[]): ChangedFile[] {
  return work.files.filter((f) => languageOf(f.path) && inScope(f.path, scope));
}

// ---------------------------------------------------------------------------
// Counting names and units in a model.

function nameParts(code: string): { name: string; qualified: string | null; decorator: boolean } {
  const decorator = code.startsWith('@');
  const m = symbolMention(code.replace(/^@/, ''));
  const name = m ? m.name : code;
  return { name, qualified: m?.qualifier ? `${m.qualifier}.${m.name}` : null, decorator };
}

/** Definitions, imports, calls and decorators of a name, with their lines. */
function occurrences(model: SourceModel | null, code: string): { defs: number[]; refs: number[] } {
  if (!model) return { defs: [], refs: [] };
  const { name, qualified, decorator } = nameParts(code);
  const defs: number[] = [];
  const refs: number[] = [];
  for (const s of model.symbols) {
    if (!decorator && s.name === name && (!qualified || `${s.container ?? ''}.${s.name}`.endsWith(qualified))) defs.push(s.nameRange.line);
    for (const d of s.decorators ?? []) if (d.replace(/\(.*$/s, '') === (qualified ?? name) || d.replace(/\(.*$/s, '').endsWith('.' + name)) refs.push(s.range.line);
  }
  if (decorator) return { defs, refs };
  for (const imp of model.imports) {
    if (imp.names.some((n) => n.name === name || n.alias === name) || imp.alias === name || imp.module === (qualified ?? name) || imp.module.endsWith('.' + name) || imp.module.endsWith('/' + name)) refs.push(imp.range.line);
  }
  for (const c of model.calls) if ((qualified ? c.callee === qualified || c.callee.endsWith('.' + qualified) : c.name === name)) refs.push(c.range.line);
  return { defs, refs };
}

const total = (o: { defs: number[]; refs: number[] }) => o.defs.length + o.refs.length;

/** The units of a model, as keys (a multiset as a list), for counting what a change added or removed. */
function unitKeys(model: SourceModel | null, unit: Unit): string[] {
  if (!model) return [];
  switch (unit) {
    case 'imports':
      return model.imports.flatMap((i) => (i.names.length ? i.names.map((n) => `${i.module}:${n.name}`) : [`${i.module}${i.alias ? ' as ' + i.alias : ''}`]));
    case 'functions':
      return model.symbols.filter((s) => s.kind === 'function').map((s) => `${s.container ?? ''}.${s.name}`);
    case 'methods':
      return model.symbols.filter((s) => s.kind === 'method').map((s) => `${s.container ?? ''}.${s.name}`);
    case 'classes':
      return model.symbols.filter((s) => s.kind === 'class' || s.kind === 'struct').map((s) => `${s.container ?? ''}.${s.name}`);
    case 'decorators':
      return model.symbols.flatMap((s) => (s.decorators ?? []).map((d) => `${s.container ?? ''}.${s.name}@${d}`));
    case 'calls':
      return model.calls.map((c) => `${c.enclosing ?? ''}:${c.callee}`);
    case 'parameters':
      return model.symbols.flatMap((s) => (s.params ?? []).map((p) => `${s.container ?? ''}.${s.name}(${p})`));
  }
}

function minus(a: readonly string[], b: readonly string[]): number {
  const m = new Map<string, number>();
  for (const k of b) m.set(k, (m.get(k) ?? 0) + 1);
  let n = 0;
  for (const k of a) {
    const c = m.get(k) ?? 0;
    if (c > 0) m.set(k, c - 1);
    else n++;
  }
  return n;
}

// ---------------------------------------------------------------------------
// Values: assignments, keyword arguments, config keys.

function keyMatches(key: string, target: string): boolean {
  const parts = (s: string) =>
    s
      .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
      .toLowerCase()
      .split(/[^a-z0-9]+/)
      .filter(Boolean);
  const k = parts(key);
  const t = parts(target);
  if (!k.length) return false;
  if (key.includes('.') || key.includes('_')) return target === key || target.endsWith('.' + key) || t.join(' ').endsWith(k.join(' '));
  return k.every((w) => t.includes(w));
}

/** Values a key takes in one file: assignments and keyword arguments from the parser; `key: value` lines for config files. */
function valuesOf(model: SourceModel | null, text: string | null, path: string, key: string): { line: number; value: string }[] {
  const out: { line: number; value: string }[] = [];
  if (model) {
    for (const a of model.assignments) if (keyMatches(key, a.target)) out.push({ line: a.range.line, value: a.value });
    for (const c of model.calls) for (const arg of c.args) if (arg.keyword && keyMatches(key, arg.keyword)) out.push({ line: c.range.line, value: arg.text.replace(/^[^:=]*[:=]\s*/, '') });
    return out;
  }
  if (text && isConfigFile(path)) {
    text.split('\n').forEach((l, i) => {
      const m = /^\s*["']?([\w.-]+)["']?\s*[:=]\s*(.+?)\s*,?\s*$/.exec(l);
      if (m && keyMatches(key, m[1]!)) out.push({ line: i + 1, value: m[2]! });
    });
  }
  return out;
}

function sameValue(code: string, written: string): boolean {
  const c = code.trim().replace(/^["'`]|["'`]$/g, '').toLowerCase();
  const w = written.trim().replace(/^["'`]|["'`]$/g, '').toLowerCase();
  if (c === w) return true;
  const num = (s: string) => (/^-?\d+(?:\.\d+)?(?:ms|s|m|h|kb|mb|gb)?$/.test(s) ? Number(s.replace(/[a-z]+$/, '')) : NaN);
  const a = num(c);
  const b = num(w);
  return !Number.isNaN(a) && a === b;
}

// ---------------------------------------------------------------------------
// Verification.

function rangeNote(claim: Claim, work: Work): Evidence {
  return { path: claim.source.path, note: `judged on ${work.where}` };
}

function unverifiable(reason: string, evidence: Evidence[] = []): Outcome {
  return { verdict: 'unverifiable', reason, evidence };
}

/** Files of the audited state in scope (the named files, else every parsed code file). */
function currentFiles(ctx: VerifyContext, scope: readonly string[]): { files: string[]; absent: string[] } {
  if (!scope.length) return { files: ctx.snapshot.files.filter((f) => f.language && !f.isTest).map((f) => f.path), absent: [] };
  const files: string[] = [];
  const absent: string[] = [];
  for (const s of scope) {
    const r = resolveMention(ctx.snapshot, s);
    if (r.status === 'found') {
      if (r.isDir) files.push(...ctx.snapshot.files.filter((f) => f.path.startsWith(r.path + '/') && f.language).map((f) => f.path));
      else files.push(r.path);
    } else if (r.status === 'absent' && !r.ignored) absent.push(s);
  }
  return { files, absent };
}

function nowCount(ctx: VerifyContext, files: readonly string[], code: string, defsOnly = false): { total: number; places: Evidence[] } {
  let n = 0;
  const places: Evidence[] = [];
  for (const p of files) {
    const o = occurrences(ctx.model(p), code);
    const lines = (defsOnly ? o.defs : [...o.defs, ...o.refs]).sort((a, b) => a - b);
    n += lines.length;
    if (lines.length && places.length < 4) places.push({ path: p, line: lines[0]!, note: `${code} at ${lines.slice(0, 6).join(', ')} in the audited state` });
  }
  return { total: n, places };
}

/** Files read when looking for a bare name in text: enough for a real repository, bounded for a huge one. */
const MAX_TEXT_FILES = 5000;

/** The first place a name appears as a whole word in the text of the given files (null: code and config files of the repository). */
function textMention(ctx: VerifyContext, files: readonly string[] | null, code: string): Evidence | null {
  const name = nameParts(code).name;
  if (!/^[A-Za-z_$][\w$]*$/.test(name)) return null;
  const re = new RegExp(`(?<![\\w$])${name.replace(/\$/g, '\\$')}(?![\\w$])`);
  const list = files ?? ctx.snapshot.files.filter((f) => f.language || isConfigFile(f.path)).map((f) => f.path);
  for (const p of list.slice(0, MAX_TEXT_FILES)) {
    const r = ctx.snapshot.read(p);
    if (!r.ok) continue;
    const m = re.exec(r.text);
    if (m) return { path: p, line: r.text.slice(0, m.index).split('\n').length, note: `${name} appears here as text` };
  }
  return null;
}

function countInRange(work: Work, scope: readonly string[], code: string) {
  let before = 0;
  let after = 0;
  let beforeDefs = 0;
  let afterDefs = 0;
  const ev: Evidence[] = [];
  for (const f of rangeFiles(work, scope)) {
    const s = sidesOf(work, f);
    const b = occurrences(s.before, code);
    const a = occurrences(s.after, code);
    before += total(b);
    after += total(a);
    beforeDefs += b.defs.length;
    afterDefs += a.defs.length;
    if (total(b) || total(a)) ev.push({ path: f.path, ...(a.defs[0] ?? a.refs[0] ? { line: a.defs[0] ?? a.refs[0] } : {}), note: `${code}: ${total(b)} before the work, ${total(a)} after (definitions ${b.defs.length} → ${a.defs.length})` });
  }
  return { before, after, beforeDefs, afterDefs, ev };
}

/** A file renamed or replaced: the old path gone, the new one there, and the work deleting one and adding the other. */
function verifyPaths(claim: Claim, ctx: VerifyContext, from: string, to: string): Outcome {
  const old = resolveMention(ctx.snapshot, from);
  const neu = resolveMention(ctx.snapshot, to);
  if (old.status === 'found') return { verdict: 'contradicted', reason: `${from} is still in the repository (${old.path})`, evidence: [{ path: old.path, note: 'still present' }] };
  if (neu.status === 'absent' && !neu.ignored) return { verdict: 'contradicted', reason: `${to} does not exist in the repository`, evidence: [] };
  if (neu.status !== 'found') return unverifiable(`${to}: ${neu.note}`);
  const ev: Evidence[] = [{ path: neu.path, note: 'present' }];
  const { work, why } = workOf(claim, ctx);
  if (!work) return unverifiable(`${from} is gone and ${neu.path} is there, but the change itself cannot be seen: ${why}`, ev);
  const deleted = work.files.some((f) => f.after === null && namesPath(from, f.path));
  const added = work.files.some((f) => f.before === null && f.path === neu.path);
  ev.unshift(rangeNote(claim, work));
  if (deleted && added) return { verdict: 'verified', reason: `the work deletes ${from} and adds ${neu.path} (${work.where})`, evidence: ev };
  return unverifiable(`${from} is gone and ${neu.path} is there, but the work range does not ${deleted ? 'add' : 'delete'} it (${work.where})`, ev);
}

function verifyNames(claim: Claim, ctx: VerifyContext, op: Extract<ChangeOp, { op: 'removed' | 'added' | 'renamed' | 'replaced' }>): Outcome {
  if ((op.op === 'renamed' || op.op === 'replaced') && (op.from.kind === 'path' || op.to.kind === 'path')) {
    if (op.from.kind === 'path' && op.to.kind === 'path') return verifyPaths(claim, ctx, op.from.code, op.to.code);
    return unverifiable(`${op.from.code} and ${op.to.code} are not both files or both code names`);
  }
  const scope = scopePaths(claim);
  const { work, why } = workOf(claim, ctx);
  const now = currentFiles(ctx, scope);
  if (scope.length && now.absent.length === scope.length) return { verdict: 'contradicted', reason: `${now.absent.join(', ')} does not exist in the repository`, evidence: [] };
  let pairs: { gone: string[]; present: string[] };
  if (op.op === 'removed') pairs = { gone: op.targets.map((t) => t.code), present: [] };
  else if (op.op === 'added') pairs = { gone: [], present: op.targets.map((t) => t.code) };
  else pairs = { gone: [op.from.code], present: [op.to.code] };
  const ev: Evidence[] = [];
  // Where a name must be gone: the named files; else the files the work changed, as they are now;
  // else definitions anywhere (a use of another `foo` elsewhere is not this one).
  let goneFiles = now.files;
  let goneWhere = scope.join(', ');
  let defsOnly = false;
  if (!scope.length && work) {
    goneFiles = rangeFiles(work, []).map((f) => f.path).filter((p) => ctx.snapshot.hasFile(p));
    goneWhere = 'the files the work changed';
  } else if (!scope.length) {
    defsOnly = true;
    goneWhere = 'the code';
  }
  // The audited state first: a consequence that fails there contradicts the claim whatever the history.
  for (const g of pairs.gone) {
    const c = nowCount(ctx, goneFiles, g, defsOnly);
    if (c.total > 0) return { verdict: 'contradicted', reason: `${g} is still in ${goneWhere} (${c.total} ${defsOnly ? 'definition(s)' : 'definition(s) or use(s)'} in the audited state)`, evidence: c.places };
  }
  for (const p of pairs.present) {
    const c = nowCount(ctx, now.files, p);
    if (c.total === 0) {
      // A name the parsers do not model (an object key, a JSX attribute, an environment variable)
      // may still be there: absence is only claimed when the name is nowhere in the text either.
      const mention = textMention(ctx, scope.length ? now.files : null, p);
      if (mention) return unverifiable(`${p} is not a definition, import or call in ${scope.length ? scope.join(', ') : 'the code'}, but the name appears in ${mention.path}:${mention.line} (as something the parsers do not model)`, [mention]);
      return { verdict: 'contradicted', reason: `${p} is not in ${scope.length ? scope.join(', ') : 'the code'} in the audited state (no definition, import or call, and the name appears nowhere in the text of the ${scope.length ? 'named files' : 'code and config files'})`, evidence: [] };
    }
    ev.push(...c.places);
  }
  if (!work) return unverifiable(`the audited state agrees (${[...pairs.gone.map((g) => `${g} absent`), ...pairs.present.map((p) => `${p} present`)].join(', ')}), but the change itself cannot be seen: ${why}`, ev);
  // The range: the change must be in it.
  const lines: string[] = [];
  let shown = true;
  for (const g of pairs.gone) {
    const r = countInRange(work, scope, g);
    ev.push(...r.ev);
    lines.push(`${g}: ${r.before} → ${r.after}`);
    if (!(r.before > 0 && r.after === 0)) shown = false;
  }
  for (const p of pairs.present) {
    const r = countInRange(work, scope, p);
    ev.push(...r.ev);
    lines.push(`${p}: ${r.before} → ${r.after}`);
    // An addition shows as a name that was not there; a rename's new name may already be called elsewhere.
    if (!(r.after > r.before && (op.op !== 'added' || r.before === 0 || r.afterDefs > r.beforeDefs))) shown = false;
  }
  ev.unshift(rangeNote(claim, work));
  if (shown) return { verdict: 'verified', reason: `the work changes it as claimed (definitions and uses, parsed before and after: ${lines.join('; ')}) in ${work.where}`, evidence: ev };
  return unverifiable(`the audited state agrees, but the work range does not show this change (${lines.join('; ') || 'no parsed code file in scope changed'}) in ${work.where}`, ev);
}

function verifyMoved(claim: Claim, ctx: VerifyContext, op: Extract<ChangeOp, { op: 'moved' }>): Outcome {
  const to = resolveMention(ctx.snapshot, op.to);
  if (to.status !== 'found' || to.isDir) {
    if (to.status === 'absent' && !to.ignored) return { verdict: 'contradicted', reason: `${op.to} does not exist in the repository`, evidence: [] };
    return unverifiable(`${op.to} cannot be read as one file (${to.status})`);
  }
  const there = occurrences(ctx.model(to.path), op.what.code).defs;
  if (!there.length) return { verdict: 'contradicted', reason: `${op.what.code} is not defined in ${to.path}`, evidence: [{ path: to.path, note: `no definition of ${op.what.code}` }] };
  if (op.from) {
    const from = resolveMention(ctx.snapshot, op.from);
    if (from.status === 'found' && !from.isDir) {
      const left = occurrences(ctx.model(from.path), op.what.code).defs;
      if (left.length) return { verdict: 'contradicted', reason: `${op.what.code} is still defined in ${from.path} at line ${left[0]}`, evidence: [{ path: from.path, line: left[0]!, note: 'still defined here' }] };
    }
  }
  const ev: Evidence[] = [{ path: to.path, line: there[0]!, note: `${op.what.code} is defined here` }];
  const { work, why } = workOf(claim, ctx);
  if (!work) return unverifiable(`${op.what.code} is defined in ${to.path} now; whether it moved there cannot be seen: ${why}`, ev);
  let addedHere = false;
  let removedElsewhere = false;
  for (const f of rangeFiles(work, [])) {
    const s = sidesOf(work, f);
    const b = occurrences(s.before, op.what.code).defs.length;
    const a = occurrences(s.after, op.what.code).defs.length;
    if (f.path === to.path && a > b) addedHere = true;
    if (f.path !== to.path && b > a) removedElsewhere = true;
  }
  ev.unshift(rangeNote(claim, work));
  if (addedHere && removedElsewhere) return { verdict: 'verified', reason: `the work defines ${op.what.code} in ${to.path} and removes its definition elsewhere (${work.where})`, evidence: ev };
  return unverifiable(`${op.what.code} is defined in ${to.path}, but the work range does not show the move (${work.where})`, ev);
}

function verifyCount(claim: Claim, ctx: VerifyContext, op: Extract<ChangeOp, { op: 'count' }>): Outcome {
  const { work, why } = workOf(claim, ctx);
  if (!work) return unverifiable(`a count of what the work changed needs its diff: ${why}`);
  const scope = scopePaths(claim);
  const files = rangeFiles(work, scope);
  const ev: Evidence[] = [rangeNote(claim, work)];
  let n = 0;
  const touched = new Set<string>();
  for (const f of files) {
    const s = sidesOf(work, f);
    let here = 0;
    if (op.verb === 'annotated') {
      // A function counts when it existed before and has more annotations after.
      const before = new Map((s.before?.symbols ?? []).filter((x) => x.annotations).map((x) => [`${x.container ?? ''}.${x.name}`, x.annotations!]));
      for (const x of s.after?.symbols ?? []) {
        if (!x.annotations || (op.unit === 'methods' ? x.kind !== 'method' : x.kind !== 'function' && x.kind !== 'method')) continue;
        const b = before.get(`${x.container ?? ''}.${x.name}`);
        if (b && x.annotations.params + Number(x.annotations.returns) > b.params + Number(b.returns)) here++;
      }
    } else {
      const b = unitKeys(s.before, op.unit);
      const a = unitKeys(s.after, op.unit);
      here = op.verb === 'removed' ? minus(b, a) : minus(a, b);
    }
    if (here) {
      touched.add(f.path);
      ev.push({ path: f.path, note: `${here} ${op.unit} ${op.verb} in this file` });
    }
    n += here;
  }
  const what = `${op.unit} ${op.verb}`;
  const fileNote = op.files ? `; ${touched.size} file(s) with such a change (claimed ${op.files.raw})` : '';
  if (files.length === 0) return unverifiable(`the work range changes no parsed code file${scope.length ? ` in ${scope.join(', ')}` : ''} (${work.where})`, ev);
  if (n === 0) return unverifiable(`the work range shows no ${what} in ${files.length} parsed file(s) (${work.where}); the work may lie outside the range`, ev);
  const ok = satisfies(op.quantity, n) && (!op.files || satisfies(op.files, touched.size));
  return {
    verdict: ok ? 'verified' : 'contradicted',
    reason: `claimed ${op.quantity.raw} ${what}; the parsers count ${n} on both sides of ${work.where}${fileNote}`,
    evidence: ev,
  };
}

function verifyValue(claim: Claim, ctx: VerifyContext, op: Extract<ChangeOp, { op: 'value' }>): Outcome {
  const scope = scopePaths(claim);
  const { work, why } = workOf(claim, ctx);
  const ev: Evidence[] = [];
  if (work) {
    let beforeA = false;
    let afterB = false;
    let afterA: { path: string; line: number } | null = null;
    for (const f of work.files.filter((x) => inScope(x.path, scope))) {
      const s = sidesOf(work, f);
      const b = valuesOf(s.before, s.beforeText, f.path, op.key);
      const a = valuesOf(s.after, s.afterText, f.path, op.key);
      if (b.some((v) => sameValue(v.value, op.from))) beforeA = true;
      const hitB = a.find((v) => sameValue(v.value, op.to));
      if (hitB) {
        afterB = true;
        ev.push({ path: f.path, line: hitB.line, note: `${op.key} = ${hitB.value} after the work${b.length ? ` (before: ${b.map((v) => v.value).join(', ')})` : ''}` });
      }
      const stillA = a.find((v) => sameValue(v.value, op.from));
      if (stillA && !afterA) afterA = { path: f.path, line: stillA.line };
    }
    ev.unshift(rangeNote(claim, work));
    if (beforeA && afterB) return { verdict: 'verified', reason: `${op.key} goes from ${op.from} to ${op.to} in ${work.where}`, evidence: ev };
    if (afterA && !afterB) return { verdict: 'contradicted', reason: `${op.key} is still ${op.from} after the work (${afterA.path}:${afterA.line}, ${work.where})`, evidence: [...ev, { path: afterA.path, line: afterA.line, note: `still ${op.from}` }] };
  }
  // The audited state: the key must now have the new value. Config files count too when no file is named.
  const now = currentFiles(ctx, scope);
  if (!scope.length) now.files.push(...ctx.snapshot.files.filter((f) => !f.language && isConfigFile(f.path)).map((f) => f.path));
  const found: { path: string; line: number; value: string }[] = [];
  for (const p of now.files) {
    const r = ctx.snapshot.read(p);
    for (const v of valuesOf(ctx.model(p), r.ok ? r.text : null, p, op.key)) found.push({ path: p, ...v });
  }
  const atB = found.find((v) => sameValue(v.value, op.to));
  const atA = found.find((v) => sameValue(v.value, op.from));
  // Without a named file only an exact key (a code span) found nowhere with the new value contradicts.
  const exactKey = op.exact === true;
  if (!atB && atA && (scope.length || (exactKey && found.every((v) => sameValue(v.value, op.from))))) return { verdict: 'contradicted', reason: `${op.key} is ${atA.value} in ${atA.path}:${atA.line}, not ${op.to}`, evidence: [...ev, { path: atA.path, line: atA.line, note: `still ${op.from}` }] };
  if (atB) ev.push({ path: atB.path, line: atB.line, note: `${op.key} = ${atB.value} now` });
  const state = atB ? `${op.key} is ${op.to} now` : found.length ? `${op.key} has other values (${found.slice(0, 3).map((v) => `${v.path}:${v.line} ${v.value}`).join(', ')})` : `no assignment or argument named like ${op.key} was found${scope.length ? ` in ${scope.join(', ')}` : ''}`;
  return unverifiable(`${state}; ${work ? `the work range does not show ${op.from} → ${op.to} (${work.where})` : `the change cannot be seen: ${why}`}`, ev);
}

function verifyFixes(claim: Claim, ctx: VerifyContext, op: Extract<ChangeOp, { op: 'fixes' }>): Outcome {
  const r = resolveMention(ctx.snapshot, op.path);
  if (r.status === 'absent' && !r.ignored) return { verdict: 'contradicted', reason: `${op.path} does not exist in the repository`, evidence: [] };
  const { work, why } = workOf(claim, ctx);
  if (!work) return unverifiable(`the number of fixes in ${op.path} needs the work's diff: ${why}`);
  const f = work.files.find((x) => namesPath(op.path, x.path));
  if (!f) return { verdict: 'contradicted', reason: `${op.path} is not changed by the work (${work.where})`, evidence: [rangeNote(claim, work)] };
  return unverifiable(`${f.path} is changed by the work (+${f.added} -${f.removed}); how many of the changes are fixes is a judgement`, [rangeNote(claim, work), { path: f.path, note: `+${f.added} -${f.removed}` }]);
}

function verifyTouched(claim: Claim, ctx: VerifyContext, op: Extract<ChangeOp, { op: 'touched' }>): Outcome {
  const { work, why } = workOf(claim, ctx);
  if (!work) return unverifiable(`whether the work changed ${op.path} needs its diff: ${why}`);
  const f = work.files.find((x) => namesPath(op.path, x.path));
  if (!f) return { verdict: 'contradicted', reason: `${op.path} is not changed by the work (${work.where})`, evidence: [rangeNote(claim, work)] };
  return { verdict: 'verified', reason: `the work changes ${f.path} (+${f.added} -${f.removed}; ${work.where})`, evidence: [rangeNote(claim, work), { path: f.path, note: `+${f.added} -${f.removed}` }] };
}

function verifyOnly(claim: Claim, ctx: VerifyContext, op: Extract<ChangeOp, { op: 'only' }>): Outcome {
  const { work, why } = workOf(claim, ctx);
  if (!work) return unverifiable(`which files the work changed needs its diff: ${why}`);
  const changed = work.files.filter((f) => !isDocumentation(f.path) && f.path !== claim.source.path);
  const others = changed.filter((f) => !op.paths.some((p) => namesPath(p, f.path)));
  const ev = [rangeNote(claim, work), ...changed.slice(0, 8).map((f) => ({ path: f.path, note: `changed: +${f.added} -${f.removed}` }))];
  if (others.length) return { verdict: 'contradicted', reason: `the work also changes ${others.length} other file(s): ${others.slice(0, 5).map((f) => f.path).join(', ')} (${work.where})`, evidence: ev };
  if (!changed.length) return unverifiable(`the work range changes no code or config file (${work.where})`, ev);
  return { verdict: 'verified', reason: `the work changes only ${changed.map((f) => f.path).join(', ')} besides documentation (${work.where})`, evidence: ev };
}

export const change: ClaimKindModule = {
  kind: 'change',
  description: 'What the work did (removed, added, renamed, replaced, moved, counts, values A → B, only X changed), on the diff of the work range parsed on both sides.',
  recognize(st) {
    if (st.construct === 'code-block' || st.construct === 'heading' || st.planning) return [];
    // A replaced call (`a()` → `b()`) is method-call's.
    if (methodCall.recognize(st).length) return [];
    const op = readChange(st);
    if (!op) return [];
    const named = op.op === 'moved' ? [op.to, op.from] : op.op === 'renamed' || op.op === 'replaced' ? [op.from.code, op.to.code] : [];
    const own = st.code.filter((c) => looksLikePath(c) && !named.includes(c));
    const scope = op.op === 'fixes' || op.op === 'only' || op.op === 'touched' ? [] : own.length ? own : st.subjectPaths.length ? st.subjectPaths : st.subjectPath ? [st.subjectPath] : [];
    const consumes = st.code.filter((c) => !looksLikePath(c));
    return [
      {
        kind: 'change' as const,
        text: st.text,
        source: { path: st.docPath, line: st.line },
        subject: { path: scope.length === 1 ? scope[0]! : null, symbol: null },
        data: { change: op, scope, consumes },
      },
    ];
  },
  verify(claim, ctx) {
    const op = claim.data.change as ChangeOp;
    switch (op.op) {
      case 'removed':
      case 'added':
      case 'renamed':
      case 'replaced':
        return verifyNames(claim, ctx, op);
      case 'moved':
        return verifyMoved(claim, ctx, op);
      case 'count':
        return verifyCount(claim, ctx, op);
      case 'value':
        return verifyValue(claim, ctx, op);
      case 'fixes':
        return verifyFixes(claim, ctx, op);
      case 'only':
        return verifyOnly(claim, ctx, op);
      case 'touched':
        return verifyTouched(claim, ctx, op);
    }
  },
};
