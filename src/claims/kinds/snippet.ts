/**
 * snippet-present / snippet-absent: an AFTER block says "this code is in the
 * file now", a BEFORE block says "this code is gone". Both are judged in the
 * file the section names, and only there (a match in another file is a note).
 *
 * Matching: lines are compared after normalising whitespace and indentation
 * (runs of blanks collapse, blanks next to punctuation go, a trailing `,` or
 * `;` goes, quote style is ignored outside Go); a trailing comment may differ,
 * and comment lines of the block may be missing from the file, but every code
 * line must be there, contiguously and in order (blank and comment lines of
 * the file in between are skipped). The first and last line of a block may be
 * the end and start of a longer line (reports cut lines), at token boundaries.
 * A line that is only `...` splits the block into parts matched in order.
 * When nothing matches exactly, the closest range and its similarity are
 * reported; similarity never verifies anything.
 *
 * A BEFORE/AFTER pair: lines the AFTER block keeps from the BEFORE block are
 * context. Besides the block's own claim (on its fence line), each line the
 * pair changes is a claim on its own report line (lineClaims), and a BEFORE
 * block the AFTER keeps whole claims, on its first line, that this context
 * is still there. A BEFORE block whose every line the AFTER keeps claims nothing; an
 * AFTER block whose context changed since is still verified when the lines it
 * adds are all there, close together. A ```diff block is both: `+` and
 * context lines must be present, `-` lines gone.
 */
import { splitLines } from '../../repo/text.js';
import { resolveMention } from '../../repo/paths.js';
import type { SourceModel } from '../../lang/model.js';
import type { Claim, ClaimKindModule, Evidence, Outcome, Statement, VerifyContext } from '../types.js';
import { subjectFile, resolutionEvidence } from '../subject.js';

type Family = 'hash' | 'slash';
type Role = 'before' | 'after';

/** Code blocks that show output, not code: no claim that a file holds them. */
const OUTPUT_LANGS = /^(?:console|output|log|logs|terminal|shell-session|sh-session|stdout|stderr)$/i;
const HASH_LANGS = /^(?:py|python3?|sh|bash|zsh|shell|ya?ml|toml|rb|ruby|r|perl|pl|dockerfile|make|makefile|cfg|ini|conf)$/i;
const DIFF_LANGS = /^(?:diff|patch|udiff)$/i;
/** `...`, `…`, `// ... existing code ...`, `# rest unchanged`: the block leaves lines out here. */
const GAP_LINE = /^(?:(?:#|\/\/|\/\*|--)\s*)?(?:\.{3}|…)(?:.*)?$|^(?:#|\/\/)\s*(?:\.{3}|…)?\s*(?:existing code|rest of|unchanged|omitted|snip)\b.*$/i;

function familyOf(lang: string | null | undefined, path?: string): Family {
  if (path) {
    if (/\.(?:py|pyi|sh|bash|ya?ml|toml|rb|r|pl|cfg|ini|conf)$/i.test(path) || /(?:^|\/)(?:Dockerfile|Makefile)$/.test(path)) return 'hash';
    if (/\.\w+$/.test(path)) return 'slash';
  }
  return lang && HASH_LANGS.test(lang) ? 'hash' : 'slash';
}

/** A line with its normal forms. */
interface Line {
  /** 1-based line number in the file (block lines: index in the block, 1-based). */
  n: number;
  raw: string;
  /** Whitespace-normalised text. */
  norm: string;
  /** The same without a trailing comment; empty for a comment-only line. */
  code: string;
  comment: boolean;
}

/** Splits off a trailing comment, outside string literals. */
function codePart(line: string, family: Family): string {
  let quote: string | null = null;
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!;
    if (quote) {
      if (c === '\\') i++;
      else if (c === quote) quote = null;
      continue;
    }
    if (c === '"' || c === "'" || c === '`') quote = c;
    else if (family === 'hash' && c === '#') return line.slice(0, i);
    else if (family === 'slash' && c === '/' && (line[i + 1] === '/' || line[i + 1] === '*')) return line.slice(0, i);
  }
  return line;
}

function normalize(s: string): string {
  let t = s.replace(/\s+/g, ' ').trim();
  t = t.replace(/\s*([^\w\s])\s*/g, '$1');
  t = t.replace(/[,;]+$/, '');
  // Quote style is a formatter's choice in Python and JS; in Go a rune literal differs, but reports rarely hinge on it.
  return t.replace(/'/g, '"');
}

function toLine(raw: string, n: number, family: Family): Line {
  const norm = normalize(raw);
  const code = normalize(codePart(raw, family));
  const comment = code === '' || /^\*/.test(raw.trim()) || /^\/\*/.test(raw.trim());
  return { n, raw, norm, code: comment ? '' : code, comment };
}

/** Non-blank lines of a text. */
function linesOf(text: string, family: Family): Line[] {
  return splitLines(text)
    .map((raw, i) => toLine(raw, i + 1, family))
    .filter((l) => l.norm !== '');
}

/** A block as parts separated by gap lines. */
function segmentsOf(lines: readonly Line[]): Line[][] {
  const segs: Line[][] = [[]];
  for (const l of lines) {
    if (GAP_LINE.test(l.raw.trim())) {
      if (segs[segs.length - 1]!.length) segs.push([]);
    } else segs[segs.length - 1]!.push(l);
  }
  return segs.filter((s) => s.length > 0);
}

const WORD = /[\w$]/;

function containsAt(hay: string, needle: string, mode: 'any' | 'prefix' | 'suffix'): boolean {
  if (!needle) return false;
  let from = 0;
  for (;;) {
    const i = hay.indexOf(needle, from);
    if (i < 0) return false;
    const end = i + needle.length;
    const okStart = i === 0 || !(WORD.test(hay[i - 1]!) && WORD.test(needle[0]!));
    const okEnd = end === hay.length || !(WORD.test(hay[end]!) && WORD.test(needle[needle.length - 1]!));
    const placed = mode === 'any' || (mode === 'prefix' ? i === 0 : end === hay.length);
    if (okStart && okEnd && placed) return true;
    from = i + 1;
  }
}

type Mode = 'exact' | 'any' | 'prefix' | 'suffix';

/** An elision inside a line (`import { a, ... } from 'x'`, `if (ok) { ... }`): the parts around it, in order. */
const ELISION = /\.{3}|…/;

/** The parts of an elided line that carry code (a lone bracket left by the elision is dropped). */
function elidedParts(norm: string): string[] | null {
  if (!ELISION.test(norm)) return null;
  const parts = norm.split(ELISION).filter((p) => /[\w$]/.test(p));
  return parts.length ? parts : null;
}

function lineMatches(b: Line, f: Line, mode: Mode): boolean {
  if (b.norm === f.norm || (b.code !== '' && b.code === f.code)) return true;
  const parts = b.comment ? null : elidedParts(b.code || b.norm);
  if (parts && !f.comment) {
    let at = 0;
    const hay = f.code || f.norm;
    for (const part of parts) {
      const i = hay.indexOf(part, at);
      if (i < 0) return false;
      at = i + part.length;
    }
    return true;
  }
  if (mode === 'exact' || b.comment || f.comment) return false;
  return containsAt(f.norm, b.norm, mode) || (f.code !== '' && containsAt(f.code, b.code, mode));
}

/** Indices into `file` that the segment matches starting exactly at `i`, or null. */
function matchAt(seg: readonly Line[], file: readonly Line[], i: number): number[] | null {
  const out: number[] = [];
  let j = 0;
  let k = i;
  const code = seg.filter((l) => !l.comment).length;
  while (j < seg.length) {
    const b = seg[j]!;
    const mode: Mode = seg.length === 1 ? 'any' : j === 0 ? 'suffix' : j === seg.length - 1 ? 'prefix' : 'exact';
    const f = file[k];
    if (f && lineMatches(b, f, mode)) {
      out.push(k);
      j++;
      k++;
      continue;
    }
    // The report's own comment lines need not be in the file (when the block has code).
    if (b.comment && code > 0) {
      j++;
      continue;
    }
    // Comment lines of the file that the block leaves out, once the block has started.
    if (f && f.comment && out.length > 0) {
      k++;
      continue;
    }
    return null;
  }
  return out.length ? out : null;
}

interface Found {
  /** Matched file lines, in order. */
  lines: Line[];
}

/** The segments matched in order, earliest placement first; null when one of them is missing. */
function findBlock(segs: readonly Line[][], file: readonly Line[], from = 0): Found | null {
  const lines: Line[] = [];
  let start = from;
  for (const seg of segs) {
    let hit: number[] | null = null;
    for (let i = start; i < file.length && !hit; i++) hit = matchAt(seg, file, i);
    if (!hit) return null;
    lines.push(...hit.map((k) => file[k]!));
    start = hit[hit.length - 1]! + 1;
  }
  return { lines };
}

// ---------------------------------------------------------------------------
// Similarity, for the report only.

function levenshteinRatio(a: string, b: string): number {
  const x = a.slice(0, 300);
  const y = b.slice(0, 300);
  if (!x.length && !y.length) return 1;
  let prev = Array.from({ length: y.length + 1 }, (_, i) => i);
  for (let i = 1; i <= x.length; i++) {
    const cur = [i];
    for (let j = 1; j <= y.length; j++) cur[j] = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (x[i - 1] === y[j - 1] ? 0 : 1));
    prev = cur;
  }
  return 1 - prev[y.length]! / Math.max(x.length, y.length);
}

function tokens(s: string): string[] {
  return s.match(/[\w$]+|[^\w\s]/g) ?? [];
}

function dice(a: string[], b: string[]): number {
  if (!a.length && !b.length) return 1;
  const m = new Map<string, number>();
  for (const t of a) m.set(t, (m.get(t) ?? 0) + 1);
  let common = 0;
  for (const t of b) {
    const c = m.get(t) ?? 0;
    if (c > 0) {
      common++;
      m.set(t, c - 1);
    }
  }
  return (2 * common) / (a.length + b.length);
}

interface Closest {
  from: number;
  to: number;
  similarity: number;
}

/** The window of the file most like the block's code lines (token overlap to pick it, edit distance to score it). */
function closest(block: readonly Line[], file: readonly Line[]): Closest | null {
  const want = block.filter((l) => !l.comment);
  const lines = want.length ? want : block;
  const fileCode = file.filter((l) => !l.comment);
  if (!lines.length || !fileCode.length) return null;
  const bt = lines.map((l) => tokens(l.code || l.norm));
  const ft = fileCode.map((l) => tokens(l.code || l.norm));
  let best = -1;
  let at = 0;
  const n = Math.min(lines.length, fileCode.length);
  for (let i = 0; i + n <= fileCode.length; i++) {
    let s = 0;
    for (let j = 0; j < n; j++) s += dice(bt[j]!, ft[i + j]!);
    if (s > best) {
      best = s;
      at = i;
    }
  }
  let sim = 0;
  for (let j = 0; j < n; j++) sim += levenshteinRatio(lines[j]!.code || lines[j]!.norm, fileCode[at + j]!.code || fileCode[at + j]!.norm);
  sim /= lines.length;
  return { from: fileCode[at]!.n, to: fileCode[at + n - 1]!.n, similarity: sim };
}

// ---------------------------------------------------------------------------
// Recognition.

interface SnippetData {
  lines: string[];
  /** Lines of the other block of a BEFORE/AFTER pair (or the other side of a diff). */
  pair: string[] | null;
  lang: string | null;
  /**
   * A claim about one line of a BEFORE/AFTER pair (with the comment's code
   * under it for a comment line): `run` is the contiguous run of changed lines
   * it belongs to, which decides whether a found line is the change or other code.
   */
  perLine?: { run: string[] };
  [key: string]: unknown;
}

/** BEFORE and AFTER sides of a ```diff block; the `+++ b/path` header names the file. */
function diffSides(code: string): { before: string[]; after: string[]; path: string | null } {
  const before: string[] = [];
  const after: string[] = [];
  let path: string | null = null;
  for (const l of code.split('\n')) {
    if (/^\+\+\+ /.test(l)) {
      const p = l.slice(4).trim().replace(/^b\//, '');
      if (p && p !== '/dev/null') path = p;
    } else if (/^--- /.test(l) || /^(?:diff |index )/.test(l)) continue;
    else if (/^@@/.test(l)) {
      before.push('...');
      after.push('...');
    } else if (l.startsWith('+')) after.push(l.slice(1));
    else if (l.startsWith('-')) before.push(l.slice(1));
    else {
      const t = l.startsWith(' ') ? l.slice(1) : l;
      before.push(t);
      after.push(t);
    }
  }
  return { before, after, path };
}

/** The lines of `lines` that `other` does not have (after normalising), as non-blank lines. */
function notKept(lines: readonly string[], other: readonly string[] | null, family: Family): Line[] {
  const mine = lines.map((r, i) => toLine(r, i + 1, family)).filter((l) => l.norm !== '' && !GAP_LINE.test(l.raw.trim()));
  if (!other) return mine;
  const theirs = new Set(other.map((r) => normalize(r)).filter(Boolean));
  return mine.filter((l) => !theirs.has(l.norm));
}

function recognizeBlocks(st: Statement, want: Role): ReturnType<ClaimKindModule['recognize']> {
  const cb = st.codeBlock;
  if (st.construct !== 'code-block' || !cb) return [];
  if (cb.lang && OUTPUT_LANGS.test(cb.lang)) return [];
  const code = cb.value.replace(/\s+$/, '');
  let lines: string[];
  let pair: string[] | null;
  let subject = st.subjectPath;
  if (cb.lang && DIFF_LANGS.test(cb.lang)) {
    const sides = diffSides(code);
    lines = want === 'after' ? sides.after : sides.before;
    pair = want === 'after' ? sides.before : sides.after;
    if (sides.path) subject = sides.path;
  } else {
    if (cb.role !== want) return [];
    lines = code.split('\n');
    pair = cb.pair !== undefined ? cb.pair.split('\n') : null;
  }
  const family = familyOf(cb.lang, subject ?? undefined);
  const significant = notKept(lines, null, family);
  if (significant.length === 0) return [];
  // A BEFORE side whose every line the AFTER side keeps says nothing is gone.
  if (want === 'before' && notKept(lines, pair, family).length === 0) return lineClaims(st, want, lines, pair, subject, family);
  if (want === 'after' && pair && notKept(lines, pair, family).length === 0 && !(cb.lang && DIFF_LANGS.test(cb.lang))) return [];
  const data: SnippetData = { lines, pair, lang: cb.lang };
  return [
    {
      kind: want === 'after' ? ('snippet-present' as const) : ('snippet-absent' as const),
      text: code,
      source: { path: st.docPath, line: st.line },
      subject: { path: subject, symbol: null },
      data,
    },
    ...lineClaims(st, want, lines, pair, subject, family),
  ];
}

/** A fenced block's code starts one line below its fence; an indented block's on its first line. */
function contentStart(st: Statement): number {
  const n = st.codeBlock!.value.split('\n').length;
  return st.endLine - st.line + 1 > n ? st.line + 1 : st.line;
}

/** More per-line claims than this from one block would drown the report in claims about one change. */
const MAX_LINE_CLAIMS = 40;

/**
 * Each changed line of a BEFORE/AFTER pair is a claim on its own report line:
 * a line the AFTER block adds must be in the file, a line the BEFORE block
 * drops must be gone; lines both blocks have are context and claim nothing.
 * A comment line carries the code lines right under it (reports reword
 * comments; the code decides). Lines too generic to locate (`}`, `return {`)
 * claim nothing on their own.
 */
function lineClaims(st: Statement, want: Role, lines: string[], pair: string[] | null, subject: string | null, family: Family): ReturnType<ClaimKindModule['recognize']> {
  if (!pair || (st.codeBlock!.lang && DIFF_LANGS.test(st.codeBlock!.lang))) return [];
  const start = contentStart(st);
  const theirs = new Set(pair.map((r) => normalize(r)).filter(Boolean));
  const entries = lines.map((raw, i) => ({ raw, at: start + i, l: toLine(raw, i + 1, family) }));
  const changed = (e: (typeof entries)[number]) => e.l.norm !== '' && !GAP_LINE.test(e.raw.trim()) && !theirs.has(e.l.norm);
  const out: ReturnType<ClaimKindModule['recognize']> = [];
  const kind = want === 'after' ? ('snippet-present' as const) : ('snippet-absent' as const);
  // A BEFORE block the AFTER block keeps whole is the context of the change: it must still be there.
  if (want === 'before' && !entries.some(changed)) {
    const first = entries.find((e) => e.l.norm !== '');
    if (first && distinctive(entries.map((e) => e.l).filter((l) => l.norm !== ''))) {
      out.push({ kind: 'snippet-present', text: lines.join('\n'), source: { path: st.docPath, line: first.at }, subject: { path: subject, symbol: null }, data: { lines, pair: null, lang: st.codeBlock!.lang } satisfies SnippetData });
    }
    return out;
  }
  for (let i = 0; i < entries.length && out.length < MAX_LINE_CLAIMS; i++) {
    const e = entries[i]!;
    if (!changed(e)) continue;
    let j = i;
    while (j > 0 && (changed(entries[j - 1]!) || entries[j - 1]!.l.norm === '')) j--;
    let k = i;
    while (k + 1 < entries.length && (changed(entries[k + 1]!) || (entries[k + 1]!.l.norm === '' && entries.slice(k + 2).some(changed)))) k++;
    const run = entries.slice(j, k + 1).filter((x) => changed(x)).map((x) => x.raw);
    const group = [e.raw];
    if (e.l.comment) {
      for (let m = i + 1; m < entries.length && changed(entries[m]!) && !entries[m]!.l.comment; m++) group.push(entries[m]!.raw);
    }
    const groupLines = group.map((r, n) => toLine(r, n + 1, family));
    const judged = groupLines.some((l) => !l.comment) ? groupLines.filter((l) => !l.comment) : groupLines;
    if (!distinctive(judged.map((l) => ({ ...l, comment: false, code: l.code || l.norm })))) continue;
    out.push({ kind, text: e.raw.trim(), source: { path: st.docPath, line: e.at }, subject: { path: subject, symbol: null }, data: { lines: group, pair: null, lang: st.codeBlock!.lang, perLine: { run } } satisfies SnippetData });
  }
  return out;
}

// ---------------------------------------------------------------------------
// Verification.

function range(found: Found): { line: number; endLine: number } {
  return { line: found.lines[0]!.n, endLine: found.lines[found.lines.length - 1]!.n };
}

/** `line 18` or `lines 26-28`. */
function span(a: number, b: number): string {
  return a === b ? `line ${a}` : `lines ${a}-${b}`;
}

function pct(x: number): string {
  return `${Math.round(x * 100)}%`;
}

/** Runs of consecutive lines that are in `subset`, as segments. */
function runsOf(block: readonly Line[], subset: ReadonlySet<Line>): Line[][] {
  const runs: Line[][] = [];
  let cur: Line[] = [];
  for (const l of block) {
    if (subset.has(l)) cur.push(l);
    else if (cur.length) {
      runs.push(cur);
      cur = [];
    }
  }
  if (cur.length) runs.push(cur);
  return runs;
}

/** Enough code that finding it means something: not a lone `}` or `return nil`. */
function distinctive(run: readonly Line[]): boolean {
  const code = run.filter((l) => !l.comment).map((l) => l.code).join('');
  return code.replace(/[^\w]/g, '').length >= 12 && /[A-Za-z_]\w{2,}/.test(code);
}

/** Where else in the repository the whole block sits (a hint, never a verdict). */
function elsewhere(ctx: VerifyContext, segs: readonly Line[][], except: string, family: Family): Evidence[] {
  const probe = segs.flat().filter((l) => !l.comment).map((l) => l.raw.trim()).sort((a, b) => b.length - a.length)[0];
  if (!probe) return [];
  const key = probe.match(/[\w$]{4,}/g)?.sort((a, b) => b.length - a.length)[0];
  if (!key) return [];
  const lang = ctx.snapshot.file(except)?.language ?? null;
  // Every code line of the block must match a line of the file, so a file lacking one of their
  // words cannot hold the block: skipping it saves splitting and normalising the whole file.
  const words = [...new Set(segs.flat().flatMap((l) => (l.comment ? [] : (l.code.match(/[\w$]+/g) ?? []))))];
  const out: Evidence[] = [];
  let looked = 0;
  for (const f of ctx.snapshot.files) {
    if (out.length >= 3 || looked >= 3000) break;
    if (f.path === except || !f.language || (lang && f.language !== lang) || f.size > 512 * 1024) continue;
    looked++;
    const r = ctx.snapshot.read(f.path);
    if (!r.ok || !r.text.includes(key) || !words.every((w) => r.text.includes(w))) continue;
    const hit = findBlock(segs, linesOf(r.text, family));
    if (hit) {
      const rg = range(hit);
      out.push({ path: f.path, ...rg, excerpt: hit.lines.map((l) => l.raw).join('\n'), note: `the same lines are in ${f.path}, a different file from the one the report names (a hint only)` });
    }
  }
  return out;
}

function readFile(claim: Claim, ctx: VerifyContext, what: string):
  | { ok: true; path: string; lines: Line[]; family: Family; base: Evidence[] }
  | { ok: false; outcome: Outcome } {
  const sub = subjectFile(claim, ctx, what);
  if (!sub.ok) return sub;
  const read = ctx.snapshot.read(sub.path);
  if (!read.ok) return { ok: false, outcome: { verdict: 'unverifiable', reason: `${sub.path} could not be read (${read.reason})`, evidence: [] } };
  const family = familyOf((claim.data as SnippetData).lang, sub.path);
  return { ok: true, path: sub.path, lines: linesOf(read.text, family), family, base: resolutionEvidence(sub.path, sub.note) };
}

/** Candidates for a block whose section names no single file. */
function noSubject(ctx: VerifyContext, data: SnippetData, what: string): Outcome {
  const family = familyOf(data.lang);
  const segs = segmentsOf(data.lines.map((r, i) => toLine(r, i + 1, family)).filter((l) => l.norm !== ''));
  const hits = elsewhere(ctx, segs, '', family);
  return {
    verdict: 'unverifiable',
    reason: `the report names no single file for this ${what}${hits.length ? '; the lines were found elsewhere (a hint only)' : ''}`,
    evidence: hits,
  };
}

/** Where a line (or a comment with its code) sits in the file, and whether the rest of its run is there with it. */
function locateLine(data: SnippetData, lines: readonly Line[], family: Family): { hit: Found | null; run: Found | null } {
  const group = segmentsOf(data.lines.map((r, i) => toLine(r, i + 1, family)).filter((l) => l.norm !== ''));
  const hit = findBlock(group, lines);
  if (!hit) return { hit: null, run: null };
  // Import lines are judged on the parsed imports; their layout in the file says nothing.
  const run = segmentsOf(data.perLine!.run.filter((r) => !importOf(r)).map((r, i) => toLine(r, i + 1, family)).filter((l) => l.norm !== ''));
  if (!run.length) return { hit, run: hit };
  return { hit, run: findBlock(run, lines) };
}

/** An import as a report writes it on one line: the module and the names it brings in (`...` left out). */
export function importOf(line: string): { module: string; names: string[] } | null {
  const t = line.trim().replace(/;$/, '');
  const ts = /^import\s+(?:type\s+)?(?:([\w$]+)\s*,?\s*)?(?:\{([^}]*)\})?\s*(?:\*\s+as\s+([\w$]+))?\s*from\s+['"]([^'"]+)['"]$/.exec(t);
  const py = /^from\s+([\w.]+)\s+import\s+\(?([^)]*)\)?$/.exec(t);
  const pyPlain = /^import\s+([\w.]+)(?:\s+as\s+\w+)?$/.exec(t);
  const go = /^import\s+(?:[\w.]+\s+)?"([^"]+)"$/.exec(t);
  const names = (list: string | undefined) =>
    (list ?? '')
      .split(',')
      .map((n) => n.trim().replace(/^type\s+/, '').split(/\s+as\s+/)[0]!.trim())
      .filter((n) => n && !ELISION.test(n));
  if (ts) return { module: ts[4]!, names: [...(ts[1] ? [ts[1]] : []), ...names(ts[2]), ...(ts[3] ? [ts[3]] : [])] };
  if (py) return { module: py[1]!, names: names(py[2]) };
  if (pyPlain) return { module: pyPlain[1]!, names: [] };
  if (go) return { module: go[1]!, names: [] };
  return null;
}

/** Which of an import line's names the file's parsed imports still bring in from that module. */
function importedNames(model: SourceModel, imp: { module: string; names: string[] }): { any: boolean; names: string[]; line: number | null } {
  const from = model.imports.filter((i) => i.module === imp.module);
  const have = imp.names.filter((n) => from.some((i) => i.alias === n || i.names.some((x) => x.name === n || x.alias === n)));
  return { any: from.length > 0, names: have, line: from[0]?.range.line ?? null };
}

function verifyLinePresent(claim: Claim, ctx: VerifyContext, data: SnippetData): Outcome {
  const file = readFile(claim, ctx, 'this line of the AFTER block');
  if (!file.ok) return file.outcome;
  const { path, lines, family, base } = file;
  // An import is judged on the parsed imports: formatters split and reorder import lines.
  const imp = data.lines.length === 1 ? importOf(data.lines[0]!) : null;
  const model = imp ? ctx.model(path) : null;
  if (imp && model) {
    const got = importedNames(model, imp);
    const missing = imp.names.filter((n) => !got.names.includes(n));
    if (got.any && missing.length === 0) return { verdict: 'verified', reason: `${path} imports ${imp.names.length ? imp.names.join(', ') + ' from ' : ''}${imp.module} (line ${got.line}), as the AFTER block's line says`, evidence: [...base, { path, line: got.line!, note: 'parsed import' }] };
    return { verdict: 'contradicted', reason: got.any ? `${path} imports from ${imp.module} but not ${missing.join(', ')}` : `${path} has no import of ${imp.module}`, evidence: got.line ? [...base, { path, line: got.line, note: 'parsed import' }] : base };
  }
  const { hit, run } = locateLine(data, lines, family);
  const what = data.lines.length > 1 ? 'the comment and the code under it' : 'the line';
  if (!hit) {
    const near = closest(data.lines.map((r, i) => toLine(r, i + 1, family)).filter((l) => l.norm !== ''), lines);
    const ev = [...base];
    if (near) ev.push({ path, line: near.from, endLine: near.to, excerpt: lines.filter((l) => l.n >= near.from && l.n <= near.to).map((l) => l.raw).join('\n'), note: `closest lines in ${path}: ${pct(near.similarity)} similar` });
    return { verdict: 'contradicted', reason: `${what} the AFTER block adds is not in ${path}${near ? `; the closest is ${span(near.from, near.to)} (${pct(near.similarity)} similar)` : ''}`, evidence: ev };
  }
  const rg = range(hit);
  const ev: Evidence[] = [...base, { path, ...rg, excerpt: hit.lines.map((l) => l.raw).join('\n'), note: 'identical after normalising whitespace and indentation' }];
  if (!run) return { verdict: 'unverifiable', reason: `${what} is in ${path} at ${span(rg.line, rg.endLine)}, but not together with the rest of the lines the AFTER block adds there: it may be other code`, evidence: ev };
  const rr = range(run);
  return { verdict: 'verified', reason: `${what} the AFTER block adds is in ${path} at ${span(rg.line, rg.endLine)}, with the rest of the change (${span(rr.line, rr.endLine)})`, evidence: ev };
}

function verifyLineAbsent(claim: Claim, ctx: VerifyContext, data: SnippetData): Outcome {
  const r = resolveMention(ctx.snapshot, claim.subject.path!);
  if (r.status === 'absent' && !r.ignored) {
    return { verdict: 'verified', reason: `${claim.subject.path} is not in the repository, so neither is this line of the BEFORE block (the file the report says it fixed is gone too)`, evidence: [] };
  }
  const file = readFile(claim, ctx, 'this line of the BEFORE block');
  if (!file.ok) return file.outcome;
  const { path, lines, family, base } = file;
  const imp = data.lines.length === 1 ? importOf(data.lines[0]!) : null;
  const model = imp ? ctx.model(path) : null;
  if (imp && model) {
    const got = importedNames(model, imp);
    const gone = imp.names.length ? got.names.length < imp.names.length : !got.any;
    if (gone) return { verdict: 'verified', reason: `${path} no longer imports ${imp.names.length ? imp.names.filter((n) => !got.names.includes(n)).join(', ') + ' from ' : ''}${imp.module}, as the BEFORE block's line says`, evidence: base };
    return { verdict: 'contradicted', reason: `${path} still imports ${imp.names.length ? imp.names.join(', ') + ' from ' : ''}${imp.module} (line ${got.line})`, evidence: [...base, { path, line: got.line!, note: 'parsed import' }] };
  }
  const { hit, run } = locateLine(data, lines, family);
  if (!hit) return { verdict: 'verified', reason: `the line the BEFORE block drops is no longer in ${path}`, evidence: base };
  const rg = range(hit);
  const ev: Evidence[] = [...base, { path, ...rg, excerpt: hit.lines.map((l) => l.raw).join('\n'), note: 'still present' }];
  if (!run) return { verdict: 'unverifiable', reason: `the line is still in ${path} at ${span(rg.line, rg.endLine)}, but not with the other lines the fix says it removed: it may be other code`, evidence: ev };
  return { verdict: 'contradicted', reason: `the line the BEFORE block drops is still in ${path} at ${span(rg.line, rg.endLine)}`, evidence: ev };
}

/** A block of import lines only (a one-line import fix): judged line by line on the parsed imports. */
function importBlock(data: SnippetData): SnippetData | null {
  const code = data.lines.filter((l) => l.trim() && !/^\s*(?:#|\/\/)/.test(l));
  return code.length === 1 && importOf(code[0]!) ? { ...data, lines: code, perLine: { run: code } } : null;
}

function verifyPresent(claim: Claim, ctx: VerifyContext): Outcome {
  const data = claim.data as SnippetData;
  if (data.perLine && claim.subject.path) return verifyLinePresent(claim, ctx, data);
  const imports = claim.subject.path ? importBlock(data) : null;
  if (imports) return verifyLinePresent(claim, ctx, imports);
  if (!claim.subject.path) return noSubject(ctx, data, 'AFTER block');
  const file = readFile(claim, ctx, 'the AFTER block');
  if (!file.ok) return file.outcome;
  const { path, lines, family, base } = file;
  const blockLines = data.lines.map((r, i) => toLine(r, i + 1, family)).filter((l) => l.norm !== '');
  const segs = segmentsOf(blockLines);
  const codeLines = segs.flat();
  const found = findBlock(segs, lines);
  // `return nil` or `}` is in most files: finding it shows nothing.
  if (!distinctive(codeLines)) {
    return { verdict: 'unverifiable', reason: `the AFTER block is too generic to locate (${codeLines.map((l) => l.raw.trim()).join(' ')})`, evidence: base };
  }
  if (found) {
    const rg = range(found);
    const missingComments = codeLines.filter((l) => l.comment && !found.lines.some((f) => f.norm === l.norm));
    const note = `the block's ${codeLines.length} lines, identical after normalising whitespace and indentation${missingComments.length ? `; ${missingComments.length} comment line(s) of the report are not in the file` : ''}`;
    return {
      verdict: 'verified',
      reason: `the AFTER block is in ${path} at ${span(rg.line, rg.endLine)} (similarity 100%)`,
      evidence: [...base, { path, ...rg, excerpt: found.lines.map((l) => l.raw).join('\n'), note }],
    };
  }
  // A pair: the lines the fix adds decide, when the kept context changed since.
  const added = new Set(notKept(data.lines, data.pair, family).map((l) => l.norm));
  const addedLines = new Set(codeLines.filter((l) => added.has(l.norm)));
  const keptLines = codeLines.filter((l) => !addedLines.has(l));
  const ev: Evidence[] = [...base];
  if (data.pair && keptLines.length && addedLines.size) {
    const runs = runsOf(codeLines, addedLines);
    const hit = runs.every(distinctive) ? findBlock(runs, lines) : null;
    if (hit) {
      const rg = range(hit);
      if (rg.endLine - rg.line <= 3 * codeLines.length + 3) {
        return {
          verdict: 'verified',
          reason: `the lines the AFTER block adds are in ${path} at ${span(rg.line, rg.endLine)}; the unchanged context around them differs from the report`,
          evidence: [...base, { path, ...rg, excerpt: hit.lines.map((l) => l.raw).join('\n'), note: `${addedLines.size} added line(s) found; ${keptLines.length} context line(s) kept from the BEFORE block differ` }],
        };
      }
    }
    const keptHit = findBlock([keptLines.filter((l) => !l.comment)].filter((s) => s.length), lines);
    if (keptHit) {
      const rg = range(keptHit);
      ev.push({ path, ...rg, excerpt: keptHit.lines.map((l) => l.raw).join('\n'), note: `the ${keptLines.length} line(s) the AFTER block keeps from the BEFORE block are here; they show nothing about the fix` });
    }
  }
  const absentLines = codeLines.filter((b) => !b.comment && !lines.some((f) => lineMatches(b, f, 'any')));
  const judged = data.pair && addedLines.size ? codeLines.filter((l) => addedLines.has(l) && !l.comment) : codeLines.filter((l) => !l.comment);
  const missingJudged = judged.filter((l) => absentLines.includes(l));
  const near = closest(codeLines, lines);
  if (near) {
    ev.push({ path, line: near.from, endLine: near.to, excerpt: lines.filter((l) => l.n >= near.from && l.n <= near.to).map((l) => l.raw).join('\n'), note: `closest lines in ${path}: ${pct(near.similarity)} similar` });
  }
  if (missingJudged.length) ev.push({ path, note: `lines of the block that are nowhere in ${path}: ${missingJudged.map((l) => l.raw.trim()).slice(0, 6).join(' | ')}` });
  ev.push(...elsewhere(ctx, segs, path, family));
  const what = data.pair && addedLines.size ? `${missingJudged.length} of the ${judged.length} line(s) the fix adds` : `${missingJudged.length} of its ${judged.length} code line(s)`;
  const order = missingJudged.length === 0 ? 'every line is in the file, but not together in this order' : `${what} are nowhere in the file`;
  return {
    verdict: 'contradicted',
    reason: `the AFTER block is not in ${path}: ${order}${near ? `; the closest is ${span(near.from, near.to)} (${pct(near.similarity)} similar)` : ''}`,
    evidence: ev,
  };
}

function verifyAbsent(claim: Claim, ctx: VerifyContext): Outcome {
  const data = claim.data as SnippetData;
  if (!claim.subject.path) return noSubject(ctx, data, 'BEFORE block');
  if (data.perLine) return verifyLineAbsent(claim, ctx, data);
  const imports = importBlock(data);
  if (imports) return verifyLineAbsent(claim, ctx, imports);
  // A BEFORE block about a file that is gone: the code is gone with it (what the block claims);
  // the AFTER side of the same fix is contradicted by the same absence.
  const r = resolveMention(ctx.snapshot, claim.subject.path);
  if (r.status === 'absent' && !r.ignored) {
    return { verdict: 'verified', reason: `${claim.subject.path} is not in the repository, so the BEFORE code is not there either (nor is the file the report says it fixed)`, evidence: [] };
  }
  const file = readFile(claim, ctx, 'the BEFORE block');
  if (!file.ok) return file.outcome;
  const { path, lines, family, base } = file;
  const blockLines = data.lines.map((r2, i) => toLine(r2, i + 1, family)).filter((l) => l.norm !== '');
  const segs = segmentsOf(blockLines);
  if (!distinctive(segs.flat())) {
    return { verdict: 'unverifiable', reason: `the BEFORE block is too generic to tell whether it is gone (${segs.flat().map((l) => l.raw.trim()).join(' ')})`, evidence: base };
  }
  const whole = findBlock(segs, lines);
  const removed = new Set(notKept(data.lines, data.pair, family).map((l) => l.norm));
  const removedLines = new Set(segs.flat().filter((l) => removed.has(l.norm)));
  if (whole) {
    const rg = range(whole);
    const kept = segs.flat().length - removedLines.size;
    return {
      verdict: 'contradicted',
      reason: `the BEFORE block is still in ${path} at ${span(rg.line, rg.endLine)}${kept ? ` (including the ${removedLines.size} line(s) the AFTER block drops)` : ''}`,
      evidence: [...base, { path, ...rg, excerpt: whole.lines.map((l) => l.raw).join('\n'), note: 'still present, identical after normalising whitespace and indentation' }],
    };
  }
  const runs = runsOf(segs.flat(), removedLines).filter(distinctive);
  for (const run of runs) {
    const hit = findBlock([run], lines);
    if (hit) {
      const rg = range(hit);
      return {
        verdict: 'contradicted',
        reason: `the lines the fix says it removed are still in ${path} at ${span(rg.line, rg.endLine)}`,
        evidence: [...base, { path, ...rg, excerpt: hit.lines.map((l) => l.raw).join('\n'), note: 'removed lines still present' }],
      };
    }
  }
  const near = closest(segs.flat(), lines);
  const ev: Evidence[] = [...base];
  if (near) {
    ev.push({ path, line: near.from, endLine: near.to, excerpt: lines.filter((l) => l.n >= near.from && l.n <= near.to).map((l) => l.raw).join('\n'), note: `closest lines, ${pct(near.similarity)} similar: not the same code` });
  }
  ev.push(...elsewhere(ctx, segs, path, family));
  return {
    verdict: 'verified',
    reason: `the BEFORE block is no longer in ${path}${near ? ` (closest: ${span(near.from, near.to)}, ${pct(near.similarity)} similar)` : ''}`,
    evidence: ev,
  };
}

export const snippetPresent: ClaimKindModule = {
  kind: 'snippet-present',
  description: 'An AFTER code block (or the + side of a diff) is in the file its section names.',
  recognize: (st) => recognizeBlocks(st, 'after'),
  verify: verifyPresent,
};

export const snippetAbsent: ClaimKindModule = {
  kind: 'snippet-absent',
  description: 'A BEFORE code block (or the - side of a diff) is no longer in the file its section names.',
  recognize: (st) => recognizeBlocks(st, 'before'),
  verify: verifyAbsent,
};
