/**
 * quantity: a limit, target or load the report says the code works with —
 * "CPU < 80%, Memory < 85%", "Concurrent users: 50+ simultaneous operations",
 * "retries up to 5 times". Such a figure is a setting of the code: a threshold
 * constant, a config value, the size of a test's load. It is looked up as a
 * numeric literal in the code (never a comment) of the scope the report gives
 * the line, on a line that also spells one of the words the figure is about.
 *
 * - verified: every figure is such a literal beside one of its words;
 * - unverifiable otherwise: the same limit can be written in other units or
 *   computed, so a figure not found is not shown absent.
 *
 * A figure only a run could produce (a latency achieved, "600,000 goroutines
 * managed") reads the same; it is found only when the code holds it as a
 * setting, and then the line's claim that it is the code's figure holds.
 */
import type { ClaimKindModule, Evidence, Statement, VerifyContext } from '../types.js';
import { stem, stemsMatch, statementTerms } from '../terms.js';
import { fileWords, isIndexable, isProse, termLines, type FileWords } from '../codeindex.js';
import { excerptAt, reportFiles, resolveScope, scopeOf } from './code-scope.js';

interface Figure {
  /** As written ("< 80%", "50+"). */
  written: string;
  /** The number, as the code would write it. */
  value: number;
  percent: boolean;
  /** The words the figure is about: the word before a comparison ("CPU < 80%"), else the line's label or its words. */
  about: string[];
}

interface QuantityData extends Record<string, unknown> {
  figures: Figure[];
  scopeFrom: 'statement' | 'section' | 'report';
  scopePaths: string[];
}

/** A figure that states a bound or a load: a comparison before it, or a plus after it. */
const FIGURE = /(?:(?!(?:up|at|max|maximum|min|minimum)\b)([A-Za-z][\w-]*)\s*)?([<>≤≥]=?|\bup to\b|\bat most\b|\bat least\b|\bmax(?:imum)?\b|\bmin(?:imum)?\b)?\s*(\d[\d,]*(?:\.\d+)?)\s*(%|\+)?/g;

/** Words that say a figure is a bound, not what it bounds. */
const BOUND_WORDS = /^(?:thresholds?|targets?|limits?|acceptable|max(?:imum)?|min(?:imum)?|goals?|budgets?|ceilings?|floors?|under|normal|load)$/i;

const CONSTRUCTS = new Set<Statement['construct']>(['list-item', 'field', 'paragraph']);

/** Figures of a statement that read as bounds or loads; none for counts, results and dates. */
export function figuresOf(st: Statement): Figure[] {
  if (!CONSTRUCTS.has(st.construct) || st.planning || st.table) return [];
  const text = (st.value ?? st.text).replace(/`[^`]*`/g, ' ');
  // Results of a run, counts of tests and changes, and versions belong to their kinds.
  if (/\b(?:pass(?:ed|ing)?|fail(?:ed|ing|ures?)?|tests?|errors? found|lines?|files?|commits?|version|v\d)\b/i.test(text) || /\d+\s*\/\s*\d+/.test(text)) return [];
  // A problem's symptoms ("Missing timeouts: causing 2+ minute hangs") are what a run showed, not a setting.
  if (/\b(?:missing|caus(?:es|ed|ing)|hang(?:s|ing)?|crash(?:es|ed|ing)?|broken|bugs?|issues?|problems?|leaks?|slow(?:er|down)?)\b/i.test(`${st.label ?? ''} ${text}`)) return [];
  const labelWords = statementTerms(st.label ?? '').terms.map((t) => t.word);
  const out: Figure[] = [];
  for (const m of text.matchAll(FIGURE)) {
    const [, before, op, num, suffix] = m;
    if (!op && suffix !== '+') continue;
    const value = Number(num!.replace(/,/g, ''));
    if (!Number.isFinite(value) || value === 0) continue;
    const own = before && /^[A-Za-z]{2,}$/.test(before) && !/^(?:up|at|than|to|of|is|are|and|or|with)$/i.test(before) ? [before.toLowerCase()] : [];
    const after = statementTerms(text.slice((m.index ?? 0) + m[0].length).split(/[,;(]/)[0] ?? '').terms.map((t) => t.word);
    // What the figure is about, most specific first: the word before its comparison, else the line's label (its
    // subject: "Error Rate: < 1% acceptable threshold"), else the words after it. Words of bounds are not subjects.
    const about = (own.length ? own : labelWords.length ? labelWords : after).filter((w) => w.length >= 3 && !BOUND_WORDS.test(w));
    if (!about.length) continue;
    out.push({ written: m[0].trim(), value, percent: suffix === '%', about });
  }
  return out;
}

export const quantity: ClaimKindModule = {
  kind: 'quantity',
  description: 'A limit, target or load the code is said to work with, found as a literal beside its words in the code of the scope.',
  recognize(st) {
    const figures = figuresOf(st);
    if (!figures.length) return [];
    const spec = scopeOf(st);
    const data: QuantityData = { figures, scopeFrom: spec.from === 'none' ? 'report' : spec.from, scopePaths: spec.paths };
    return [{ kind: 'quantity' as const, text: st.text, source: { path: st.docPath, line: st.line }, subject: { path: spec.paths.length === 1 ? spec.paths[0]! : null, symbol: null }, data }];
  },
  verify(claim, ctx) {
    const data = claim.data as QuantityData;
    let files: string[];
    let described: string;
    if (data.scopeFrom !== 'report') {
      const scope = resolveScope({ paths: data.scopePaths, from: data.scopeFrom }, ctx, { includeTests: true });
      if (scope.unresolved) return { verdict: 'unverifiable', reason: `the place the line names cannot be read: ${scope.problems.map((p) => p.note).join('; ')}`, evidence: scope.problems };
      files = scope.files;
      described = scope.described;
    } else {
      files = reportFiles(ctx, claim.source.path).filter((p) => ctx.snapshot.file(p)?.language);
      described = 'the files the report names';
    }
    const indexed = files
      .filter((p) => {
        const f = ctx.snapshot.file(p);
        return f && isIndexable(p, f.language) && !isProse(p);
      })
      .map((p) => fileWords(ctx.snapshot, p, (q) => ctx.model(q)))
      .filter((x): x is FileWords => x !== null);
    if (!indexed.length) return { verdict: 'unverifiable', reason: `no code to look in (${described})`, evidence: [] };
    const evidence: Evidence[] = [];
    const missing: string[] = [];
    for (const fig of data.figures) {
      const hit = findFigure(ctx, indexed, fig);
      if (hit) evidence.push(hit);
      else missing.push(fig.written);
    }
    if (missing.length) {
      return {
        verdict: 'unverifiable',
        reason: `${missing.join(', ')} ${missing.length > 1 ? 'are' : 'is'} not a literal beside ${missing.length > 1 ? 'their' : 'its'} words in the code of ${described}; the figure may be written otherwise or only a run shows it`,
        evidence,
      };
    }
    return { verdict: 'verified', reason: `${data.figures.map((f) => f.written).join(', ')} ${data.figures.length > 1 ? 'are' : 'is'} set in the code of ${described}`, evidence };
  },
};

/** The spellings of a figure in code: the number, and for a percentage also its fraction (80% → 0.8). */
function spellings(fig: Figure): string[] {
  const out = [String(fig.value)];
  if (fig.percent) out.push(String(Number((fig.value / 100).toFixed(6))));
  return out;
}

function findFigure(ctx: VerifyContext, files: readonly FileWords[], fig: Figure): Evidence | null {
  const want = spellings(fig);
  for (const fw of files) {
    const numberLines = new Set(want.flatMap((n) => fw.numbers.get(n) ?? []));
    if (!numberLines.size) continue;
    for (const word of fig.about) {
      const lines = termLines(fw, [stem(word), word], stemsMatch).filter((l) => numberLines.has(l));
      if (lines.length) {
        const line = lines[0]!;
        return { path: fw.path, line, excerpt: excerptAt(ctx, fw.path, line), note: `${fig.written}: ${want.join(' or ')} beside '${word}'` };
      }
    }
  }
  return null;
}
