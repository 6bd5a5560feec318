/**
 * file-count: "13 metrics files", "37 performance-related files", "**Monitor
 * Files**: 24 monitoring components" — a number of files named for a word.
 *
 * A report that counts files this way counts them by name, and reports count
 * loosely, so the claim is checked against each convention a reader might
 * mean, on the repository's file list: files whose name holds the word (as
 * written, and its stem), among the files of the project's main language or
 * of any type, files whose whole path holds it, and files of the main
 * language whose text holds it ("performance-related"). Verified when one
 * convention gives the number; the evidence names it and the other counts.
 * When none does, the claim is contradicted only where the word is the
 * line's topic (its label names it too: "**Metrics**: 13 metrics files");
 * otherwise the word may only describe the files (a listing of the report's
 * own), and the claim is unverifiable with the counts. A lower bound ("20+
 * evidence files") is easily met somewhere in a repository, so it verifies
 * only on a line whose topic the word is.
 *
 * Counts of changed files are git-diffstat's, of test files the test kinds',
 * and of files of a language or format ("12 Python files") count by type,
 * not by name: they are left to those kinds.
 */
import type { ClaimKindModule, Evidence, Statement, VerifyContext } from '../types.js';
import { glossaryPlace } from '../glossary.js';
import { KEEP_FILE } from '../filetree.js';
import { componentScope } from './code-scope.js';
import { parseQuantity, satisfies, type Quantity } from '../mentions.js';
import { identifierWords, stem, stemsMatch } from '../terms.js';

const QTY = String.raw`((?:~|≈|about\s+|approx\.?\s+|approximately\s+|around\s+|over\s+|more than\s+|at least\s+|nearly\s+|almost\s+)?(?:\d{1,3}(?:,\d{3})+|\d+)\+?)`;
/** `<number> <word>[-related] files|modules|scripts|components`. */
const FILE_COUNT = new RegExp(`(?<![\\w.,/:-])${QTY}\\s+([A-Za-z][A-Za-z0-9_]*)(?:-(?:related|based|specific|focused|oriented))?\\s+(files|modules|scripts|components)\\b`, 'gi');

/** Files counted by what changed: the work range's diffstat (git-diffstat), not the repository's names. */
const CHANGE_WORDS = /\b(?:changed|modified|added|new|created|deleted|removed|renamed|moved|touched|updated|edited|affected|staged|committed)\b/i;

/**
 * Words that sort files by type or select some of them, not by name: languages
 * and formats ("Python files", "YAML files"), roles ("implementation files",
 * "test files": the test kinds'), and the adjectives of a selection ("key
 * files", "remaining files").
 */
const NOT_A_NAME = new Set(
  `python go golang typescript javascript js ts py java rust ruby php shell bash yaml yml json toml ini xml csv html css scss sql markdown md text txt
  log logs docker dockerfile source sources src code config configuration doc docs documentation readme example examples sample samples template templates
  static binary generated temp temporary backup data test tests spec specs unit e2e fixture fixtures implementation production
  key core main important critical relevant remaining total other additional separate individual existing old different more same unique duplicate
  duplicated large small big empty unused dead orphan orphaned untracked tracked open related several many multiple various all these those such`.split(/\s+/),
);

interface FileCountData extends Record<string, unknown> {
  quantity: Quantity;
  /** The word the files are named for, lower case. */
  word: string;
  /** The line's label names the word too: it is the line's topic. */
  topic: boolean;
}

/**
 * A folder's tally: "spec/  # Specification parser (6 files, 972 lines)" in a drawn tree, or "**Files**: 6
 * implementation files (972 lines), 6 test files (1,943 lines)" under a component's heading. The files are the
 * folder's source files of its language (tests apart: a component's tests are the test files in it and those
 * elsewhere named for it), the lines counted as `wc -l` does.
 */
interface Tally {
  files: number;
  lines: number | null;
  role: 'source' | 'test';
  raw: string;
}

interface TallyData extends Record<string, unknown> {
  shape: 'tally';
  tallies: Tally[];
  /** A drawn tree's folder, as resolved by the tree's reader. */
  folder: string | null;
  /** Else the phrases (label, headings) that may name the component. */
  phrases: string[];
}

const NUM = String.raw`(\d{1,3}(?:,\d{3})+|\d+)`;
/** "6 files, 972 lines", "6 implementation files (972 lines)", "37 test files, 12,811 lines", "4 files". */
const TALLY = new RegExp(`${NUM}\\s+(?:([A-Za-z-]+)\\s+)?(?:([A-Za-z-]+)\\s+)?files?\\b(?:\\s*(?:\\(|,)\\s*${NUM}\\s+(?:total\\s+)?lines?\\)?)?`, 'gi');
const TEST_WORD = /^(?:test|tests|unit|spec)$/i;

export function talliesOf(text: string): Tally[] {
  const out: Tally[] = [];
  for (const m of text.matchAll(TALLY)) {
    const words = [m[2], m[3]].filter((w): w is string => !!w).map((w) => w.toLowerCase());
    // "6 implementation files", "8 domain model files", "37 test files": words that describe, not name, the files.
    if (words.some((w) => CHANGE_WORDS.test(w))) return [];
    out.push({ files: Number(m[1]!.replace(/,/g, '')), lines: m[4] ? Number(m[4].replace(/,/g, '')) : null, role: words.some((w) => TEST_WORD.test(w)) ? 'test' : 'source', raw: m[0] });
  }
  return out;
}

function lineCounts(text: string): number[] {
  const nl = (text.match(/\n/g) ?? []).length;
  // `wc -l` counts newlines; an editor numbers one line more (a last line without a newline, or the empty line after it).
  return text.length ? [nl, nl + 1] : [0];
}

function verifyTally(d: TallyData, claim: { source: { path: string } }, ctx: VerifyContext) {
  const doc = ctx.documents.find((x) => x.path === claim.source.path);
  const place =
    d.folder !== null
      ? { path: d.folder.replace(/\/$/, ''), isDir: true }
      : d.phrases.map((p) => componentScope(ctx, p)).find((x) => x !== null) ?? (doc ? d.phrases.map((p) => glossaryPlace(ctx, doc, p)).find((x) => x !== null) ?? null : null);
  if (!place || !place.isDir || !ctx.snapshot.hasDir(place.path)) {
    return { verdict: 'unverifiable' as const, reason: 'the report names no folder of the repository for these files', evidence: [] };
  }
  const inside = ctx.snapshot.files.filter((f) => f.path.startsWith(place.path + '/'));
  const byLanguage = new Map<string, number>();
  for (const f of inside) if (f.language) byLanguage.set(f.language, (byLanguage.get(f.language) ?? 0) + 1);
  const lang = [...byLanguage].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0]?.[0] ?? null;
  const name = place.path.slice(place.path.lastIndexOf('/') + 1).toLowerCase();
  const sets = (t: Tally): { how: string; paths: string[] }[] => {
    if (t.role === 'test') {
      const own = inside.filter((f) => f.isTest && f.language === lang).map((f) => f.path);
      const named = ctx.snapshot.files.filter((f) => f.isTest && f.language === lang && !f.path.startsWith(place.path + '/') && f.path.slice(f.path.lastIndexOf('/') + 1).toLowerCase().includes(name)).map((f) => f.path);
      return [
        { how: `${lang} test files in ${place.path}/`, paths: own },
        { how: `${lang} test files in ${place.path}/ and those elsewhere named for "${name}"`, paths: [...own, ...named] },
      ];
    }
    return [
      { how: `${lang} source files in ${place.path}/, tests apart`, paths: inside.filter((f) => f.language === lang && !f.isTest).map((f) => f.path) },
      { how: `${lang} files in ${place.path}/`, paths: inside.filter((f) => f.language === lang).map((f) => f.path) },
      // A keep-file holds an empty folder in git; nobody counts it as one of the folder's files.
      { how: `files in ${place.path}/`, paths: inside.filter((f) => !KEEP_FILE.test(f.path)).map((f) => f.path) },
    ];
  };
  const results: { tally: Tally; ok: boolean; text: string; paths: string[] }[] = [];
  for (const t of d.tallies) {
    const tried = sets(t).map((c) => {
      const counts = c.paths.map((p) => {
        const r = ctx.snapshot.read(p);
        return r.ok ? lineCounts(r.text) : [0];
      });
      const low = counts.reduce((a, x) => a + x[0]!, 0);
      const high = counts.reduce((a, x) => a + x[x.length - 1]!, 0);
      const ok = c.paths.length === t.files && (t.lines === null || (t.lines >= low && t.lines <= high));
      return { ...c, ok, text: `${c.paths.length} ${c.how}${t.lines !== null ? `, ${low === high ? low : `${low}-${high}`} lines` : ''}` };
    });
    const hit = tried.find((x) => x.ok);
    results.push({ tally: t, ok: !!hit, text: hit ? hit.text : tried.map((x) => x.text).join('; '), paths: (hit ?? tried[0]!).paths });
  }
  const bad = results.filter((r) => !r.ok);
  const evidence: Evidence[] = results.flatMap((r) => r.paths.slice(0, 3).map((p) => ({ path: p, note: r.tally.raw })));
  if (!bad.length) return { verdict: 'verified' as const, reason: results.map((r) => `"${r.tally.raw}": ${r.text}`).join('; '), evidence };
  return { verdict: 'contradicted' as const, reason: bad.map((r) => `claimed "${r.tally.raw}"; counted: ${r.text}`).join('; '), evidence };
}

/** The tally claims of a statement: a drawn tree's annotated folders, or a "Files:" field under a component's heading. */
export function tallyClaims(st: Statement, folder: string | null, text: string, line: number) {
  const tallies = talliesOf(text);
  if (!tallies.length) return [];
  // "Phase 5: Clarification Engine (US1) ✅" names "Clarification Engine": a step number, an id and marks are not its name.
  const clean = (h: string) => h.replace(/^\W*(?:phase|step|part|stage|section|milestone)\s*\d+[a-z]?\s*[:.)–—-]\s*/i, '').replace(/\([^)]*\)/g, ' ').replace(/[^\w\s/-]/g, ' ').replace(/\s+/g, ' ').trim();
  const phrases = [st.label, ...[...st.headings].reverse().slice(0, 2)].filter((x): x is string => !!x && !/^\W*files?\W*$/i.test(x)).map(clean).filter(Boolean);
  // The tally reads the whole count; the line-count kind's reading of its "(N lines)" alone would only repeat it.
  const data: TallyData = { shape: 'tally', tallies, folder, phrases, supersedes: ['line-count'] };
  return [{ kind: 'file-count' as const, text: text.trim(), source: { path: st.docPath, line }, subject: { path: folder, symbol: null }, data }];
}

export const fileCount: ClaimKindModule = {
  kind: 'file-count',
  description: 'A number of files named for a word ("13 metrics files"), counted by name on the file list under each usual convention.',
  recognize(st: Statement) {
    if (st.construct === 'code-block' || st.construct === 'heading') return [];
    if (CHANGE_WORDS.test(st.label ?? '') || CHANGE_WORDS.test(st.text)) return [];
    const out = [];
    // A bare "**Files**:" label, or files counted with their lines ("8 command files (1,366 lines)"), lists the files
    // of a component or a change: git-diffstat counts those.
    if (/^\W*files?\W*$/i.test(st.label ?? '')) return st.value ? tallyClaims(st, null, st.value, st.line) : [];
    for (const m of st.text.matchAll(FILE_COUNT)) {
      if (/^\s*\(\s*[~≈]?[\d,]+\+?\s*(?:lines?|LOC|loc)\b/.test(st.text.slice(m.index! + m[0].length))) continue;
      const word = m[2]!.toLowerCase();
      // "24 monitoring components", "10 independent modules" count files only where the label says so ("**Monitor Files**").
      if (/^(?:components|modules)$/i.test(m[3]!) && !/\bfiles?\b/i.test(st.label ?? '')) continue;
      if (NOT_A_NAME.has(word) || word.length < 3) continue;
      const quantity = parseQuantity(m[1]!);
      if (!quantity) continue;
      // The label names the line's subject; a label that is the count itself ("**10 Cache Files**") names nothing more.
      const topicWords = identifierWords((st.label ?? '').replace(m[0].trim(), ' ')).map(stem);
      out.push({
        kind: 'file-count' as const,
        // The label decides the topic: the same count under two labels is two claims.
        text: st.label ? `${st.label.trim()}: ${m[0].trim()}` : m[0].trim(),
        source: { path: st.docPath, line: st.line },
        subject: { path: null, symbol: null },
        data: { quantity, word, topic: topicWords.some((t) => stemsMatch(stem(word), t)) } as FileCountData,
      });
    }
    return out;
  },
  verify(claim, ctx) {
    if (claim.data.shape === 'tally') return verifyTally(claim.data as TallyData, claim, ctx);
    const d = claim.data as FileCountData;
    const spellings = [...new Set([d.word, stem(d.word)])].filter((w) => w.length >= 3);
    const files = ctx.snapshot.files;
    // The project's main language: the one most of its parsed files are written in.
    const byLanguage = new Map<string, number>();
    for (const f of files) if (f.language) byLanguage.set(f.language, (byLanguage.get(f.language) ?? 0) + 1);
    const main = [...byLanguage].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0]?.[0] ?? null;
    const base = (p: string) => p.slice(p.lastIndexOf('/') + 1).toLowerCase();
    const counts: { how: string; paths: string[] }[] = [];
    for (const w of spellings) {
      const named = files.filter((f) => base(f.path).includes(w));
      if (main) counts.push({ how: `${main} files whose name holds "${w}"`, paths: named.filter((f) => f.language === main).map((f) => f.path) });
      counts.push({ how: `files of any type whose name holds "${w}"`, paths: named.map((f) => f.path) });
      counts.push({ how: `files whose path holds "${w}"`, paths: files.filter((f) => f.path.toLowerCase().includes(w)).map((f) => f.path) });
    }
    // "performance-related" may mean files that deal with it: the main language's files whose text holds the word.
    if (main) {
      const w = spellings[spellings.length - 1]!;
      counts.push({
        how: `${main} files whose text holds "${w}"`,
        paths: files.filter((f) => f.language === main).filter((f) => {
          const r = ctx.snapshot.read(f.path);
          return r.ok && r.text.toLowerCase().includes(w);
        }).map((f) => f.path),
      });
    }
    const seen = new Set<string>();
    const distinct = counts.filter((c) => {
      const key = c.paths.join('\0');
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    });
    const summary = distinct.map((c) => `${c.paths.length} ${c.how}`).join('; ') + (distinct.length < counts.length ? ' (the other conventions give the same files)' : '');
    const match = distinct.find((c) => satisfies(d.quantity, c.paths.length));
    const shown = match ?? distinct.find((c) => c.paths.length > 0) ?? distinct[0]!;
    const evidence: Evidence[] = shown.paths.slice(0, 5).map((p) => ({ path: p, note: shown.how }));
    // A lower bound is easily met somewhere in a whole repository: it verifies only a count the line is about.
    const open = d.quantity.bound !== 'exact' && d.quantity.bound !== 'approx';
    if (match && open && !d.topic) {
      return { verdict: 'unverifiable', reason: `claimed ${d.quantity.raw} ${d.word} files; ${match.paths.length} ${match.how} meet the bound, but the line does not make "${d.word}" its topic, so the files it means may be others (counts: ${summary})`, evidence };
    }
    if (match) return { verdict: 'verified', reason: `claimed ${d.quantity.raw} files named for "${d.word}"; found ${match.paths.length} ${match.how} (counts: ${summary})`, evidence };
    if (d.topic) return { verdict: 'contradicted', reason: `claimed ${d.quantity.raw} files named for "${d.word}"; no counting convention gives that: ${summary}`, evidence };
    return { verdict: 'unverifiable', reason: `claimed ${d.quantity.raw} ${d.word} files; counted by name: ${summary} — the line does not make "${d.word}" its topic, so the report may count by another rule`, evidence };
  },
};
