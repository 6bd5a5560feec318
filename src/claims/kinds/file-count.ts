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
import type { ClaimKindModule, Evidence, Statement } from '../types.js';
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

export const fileCount: ClaimKindModule = {
  kind: 'file-count',
  description: 'A number of files named for a word ("13 metrics files"), counted by name on the file list under each usual convention.',
  recognize(st: Statement) {
    if (st.construct === 'code-block' || st.construct === 'heading') return [];
    if (CHANGE_WORDS.test(st.label ?? '') || CHANGE_WORDS.test(st.text)) return [];
    const out = [];
    // A bare "**Files**:" label, or files counted with their lines ("8 command files (1,366 lines)"), lists the files
    // of a component or a change: git-diffstat counts those.
    if (/^\W*files?\W*$/i.test(st.label ?? '')) return [];
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
