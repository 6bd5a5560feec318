/**
 * artifact-value: a figure of the report's own run that its result files
 * record — "**Duration**: 3.5 seconds", "**Run ID**: smoke_1712345678",
 * "2 critical failures remain", "88.5% overall validation score" — read
 * against the JSON artifacts the report names or its work produced
 * (runartifacts.ts).
 *
 * Only figures *of the run* are claimed: its duration and time, its id, its
 * counts of failures and errors, its overall score or rate — the fields
 * test-run and validation-run formats write (JUnit's `time`, `timestamp`,
 * `failures`, `errors`; pytest-json-report's `duration`, `summary`; a
 * validator's `overall_score`, `critical_failures`). A run's file is
 * authoritative about the run, not about the code it measured: "5/5 security
 * mechanisms implemented" copied from a validator's `security_score` is a
 * claim about the code, left to the kinds that read the code.
 *
 * Verified when a leaf whose key says the same thing (every word of the
 * label in its key path, every word of its key in the label or a unit) holds
 * the value at the precision the report wrote; contradicted only when such
 * leaves exist in a file the report names and none holds it; otherwise
 * unverifiable. An id is verified when a file of that name (with any
 * extension) is in the repository, and never contradicted: ids need not
 * name files.
 */
import type { ClaimKindModule, Evidence, Outcome, Statement, VerifyContext } from '../types.js';
import { readTestNumbers, roundTo } from '../reportnumbers.js';
import { keyWords, reportArtifacts, type ArtifactLeaf } from '../runartifacts.js';
import { stem } from '../terms.js';

/** Nouns of a run's own figures. */
const HEAD = ['duration', 'time', 'elapsed', 'runtime', 'timestamp', 'id', 'identifier', 'failure', 'error', 'score', 'rate'];
/** Words that qualify them without leaving the run: severities, scope, the run itself. */
const QUALIFIER = ['total', 'overall', 'final', 'critical', 'high', 'medium', 'low', 'major', 'minor', 'blocking', 'validation', 'run', 'execution', 'test', 'pass', 'success', 'report', 'wall', 'clock', 'average', 'mean', 'suite'];
const HEADS = new Set(HEAD.map(stem));
const RUN_WORDS = new Set([...HEAD, ...QUALIFIER].map(stem));
/** Qualifiers that make an inline figure ("2 critical failures") a figure of the run rather than a passing count. */
const INLINE_QUALIFIERS = new Set(['total', 'overall', 'final', 'critical', 'blocking', 'validation', 'run', 'execution'].map(stem));

/** Units a key or a value may carry, to seconds (times) or to themselves. */
const TIME_UNITS: Record<string, number> = { ms: 0.001, millisecond: 0.001, milliseconds: 0.001, s: 1, sec: 1, secs: 1, second: 1, seconds: 1, min: 60, mins: 60, minute: 60, minutes: 60, h: 3600, hr: 3600, hrs: 3600, hour: 3600, hours: 3600 };
const UNIT_WORDS = new Set([...Object.keys(TIME_UNITS), 'percent', 'percentage', 'pct', 'count', 'num', 'number', 'value', 'total'].map(stem));
const FIX_BEFORE = /\b(?:fix(?:ed|es)?|resolv(?:ed|es)?|address(?:ed|es)?|eliminat(?:ed|es)|remov(?:ed|es)|clos(?:ed|es))\s+(?:\w+\s+){0,2}$/i;

interface Figure {
  /** Stemmed words of what the figure is. */
  words: string[];
  value: number;
  decimals: number;
  approx: boolean;
  percent: boolean;
  /** Seconds per unit of the value, when it carries a time unit. */
  seconds: number | null;
  raw: string;
}

type Data = { form: 'id'; id: string } | { form: 'figure'; figure: Figure };

/** Failures and errors of a run only when qualified ("critical failures"): a bare "Errors: 0" is as often a build's. */
const COUNTED = new Set(['failure', 'error'].map(stem));
const SEVERE = new Set(['critical', 'blocking', 'high', 'major', 'validation', 'run', 'execution'].map(stem));
const runWords = (label: string) => keyWords(label);
const isRunPhrase = (words: string[]) =>
  words.length > 0 && words.every((w) => RUN_WORDS.has(w)) && words.some((w) => HEADS.has(w) && (!COUNTED.has(w) || words.some((q) => SEVERE.has(q))));

function figureAt(text: string, words: string[]): Figure | null {
  const m = /^\s*(~|≈|about\s+|approx\.?\s+)?(\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)\s*(%|[a-z]+\b)?/i.exec(text);
  if (!m) return null;
  const digits = m[2]!.replace(/,/g, '');
  const unit = (m[3] ?? '').toLowerCase();
  const seconds = TIME_UNITS[unit] ?? null;
  // A number followed by another noun ("3 agents") counts something else than the label says.
  if (unit && unit !== '%' && seconds === null) return null;
  return { words, value: Number(digits), decimals: (digits.split('.')[1] ?? '').length, approx: !!m[1], percent: unit === '%', seconds, raw: m[0].trim() };
}

function recognizeFigures(st: Statement): Data[] {
  if (st.construct === 'code-block' || st.planning || st.table) return [];
  if (readTestNumbers(st).length) return [];
  const out: Data[] = [];
  const label = (st.label ?? '').replace(/[^\p{L}\p{N} _-]/gu, ' ').trim();
  if (label) {
    const words = runWords(label);
    if (isRunPhrase(words)) {
      // Emphasis marks go; underscores inside a name are part of it.
      const value = (st.value ?? '').replace(/[`*]/g, '').replace(/(^|\s)_+|_+(\s|$)/g, '$1$2').trim();
      if (words[words.length - 1] === stem('id') || words[words.length - 1] === stem('identifier')) {
        const id = /^([\w.-]{6,})(?:\s|$)/.exec(value);
        if (id && /\d/.test(id[1]!)) out.push({ form: 'id', id: id[1]! });
        return out;
      }
      const f = figureAt(value, words);
      // "0% → 100%", "120 s to 6 s": a change, not the run's figure.
      if (f && !/^\s*(?:→|->|=>|⇒|to\b)/i.test(value.slice(value.indexOf(f.raw) + f.raw.length))) out.push({ form: 'figure', figure: f });
      return out;
    }
  }
  // Inline: "1 critical failure", "91.7% overall validation score".
  const text = st.label ? (st.value ?? '') : st.text;
  for (const m of text.matchAll(/(?<![\w.,/])(~|≈|about\s+)?(\d+(?:\.\d+)?)\s*(%)?\s+([A-Za-z]+(?:\s+[A-Za-z]+){0,2})/g)) {
    if (FIX_BEFORE.test(text.slice(0, m.index))) continue;
    const all = m[4]!.split(/\s+/);
    // The phrase is the longest run of words that are all of the run's vocabulary.
    let n = 0;
    while (n < all.length && RUN_WORDS.has(stem(all[n]!.toLowerCase()))) n++;
    const words = all.slice(0, n).map((w) => stem(w.toLowerCase()));
    if (!isRunPhrase(words) || !words.some((w) => INLINE_QUALIFIERS.has(w)) || !HEADS.has(words[words.length - 1]!)) continue;
    const digits = m[2]!;
    const raw = `${m[1] ?? ''}${digits}${m[3] ?? ''} ${all.slice(0, n).join(' ')}`;
    out.push({ form: 'figure', figure: { words, value: Number(digits), decimals: (digits.split('.')[1] ?? '').length, approx: !!m[1], percent: !!m[3], seconds: null, raw } });
  }
  return out;
}

export const artifactValue: ClaimKindModule = {
  kind: 'artifact-value',
  description: "A figure of the report's own run (duration, id, failures, overall score) against the JSON result files the report names or its work produced.",
  recognize(st) {
    return recognizeFigures(st).map((d) => ({
      kind: 'artifact-value' as const,
      text: d.form === 'id' ? `${st.label}: ${d.id}` : st.label ? `${st.label}: ${d.figure.raw}` : d.figure.raw,
      source: { path: st.docPath, line: st.line },
      subject: { path: null, symbol: null },
      data: d,
    }));
  },
  verify(claim, ctx) {
    const d = claim.data as Data;
    return d.form === 'id' ? verifyId(d.id, ctx) : verifyFigure(d.figure, claim.source.path, ctx);
  },
};

function verifyId(id: string, ctx: VerifyContext): Outcome {
  const files = ctx.snapshot.files.filter((f) => {
    const name = f.path.slice(f.path.lastIndexOf('/') + 1);
    return name === id || name.replace(/\.[^.]+$/, '') === id;
  });
  if (!files.length) return { verdict: 'unverifiable', reason: `no file of the repository is named ${id}; an id need not name a file`, evidence: [] };
  return { verdict: 'verified', reason: `the run's file ${files.map((f) => f.path).join(', ')} is in the repository`, evidence: files.slice(0, 3).map((f) => ({ path: f.path, line: 1, note: `${f.size.toLocaleString('en-US')} bytes` })) };
}

/** The leaf's number in the figure's unit, or null when the units cannot be reconciled. */
function inFigureUnit(f: Figure, leaf: ArtifactLeaf, leafWords: string[]): number | null {
  const v = typeof leaf.value === 'number' ? leaf.value : typeof leaf.value === 'string' && /^-?\d+(?:\.\d+)?$/.test(leaf.value.trim()) ? Number(leaf.value) : null;
  if (v === null) return null;
  const leafUnit = leafWords.map((w) => TIME_UNITS[w]).find((x) => x !== undefined) ?? null;
  if (f.seconds !== null && leafUnit !== null) return (v * leafUnit) / f.seconds;
  if (f.seconds !== null || leafUnit !== null) return v;
  if (f.percent && v <= 1 && f.value > 1) return v * 100;
  return v;
}

function holds(f: Figure, actual: number): boolean {
  if (f.approx) return Math.abs(actual - f.value) <= Math.max(f.value * 0.05, 10 ** -f.decimals);
  if (roundTo(actual, f.decimals) === f.value) return true;
  const k = 10 ** f.decimals;
  return Math.floor(actual * k + 1e-9) / k === f.value;
}

function verifyFigure(f: Figure, docPath: string, ctx: VerifyContext): Outcome {
  const artifacts = reportArtifacts(ctx, docPath);
  if (!artifacts.length) return { verdict: 'unverifiable', reason: 'the report names no result file of its run, and its work committed none', evidence: [] };
  const candidates: { path: string; named: boolean; leaf: ArtifactLeaf; actual: number }[] = [];
  for (const a of artifacts) {
    for (const leaf of a.leaves) {
      if (!leaf.keys.length) continue;
      const own = keyWords(leaf.keys[leaf.keys.length - 1]!);
      const path = new Set(leaf.keys.flatMap(keyWords));
      if (!f.words.every((w) => path.has(w) || UNIT_WORDS.has(w))) continue;
      if (!own.every((w) => f.words.includes(w) || UNIT_WORDS.has(w))) continue;
      if (!own.some((w) => f.words.includes(w))) continue;
      const actual = inFigureUnit(f, leaf, identifierWordsOf(leaf));
      if (actual === null) continue;
      candidates.push({ path: a.path, named: a.ownership === 'named', leaf, actual });
    }
  }
  const ev = (c: (typeof candidates)[number]): Evidence => ({ path: c.path, line: c.leaf.line, note: `${c.leaf.keys.join('.')} = ${String(c.leaf.value)}` });
  const hit = candidates.find((c) => holds(f, c.actual));
  if (hit) return { verdict: 'verified', reason: `${hit.path} records ${hit.leaf.keys.join('.')} = ${String(hit.leaf.value)}, which is ${f.raw} as the report writes it`, evidence: [ev(hit)] };
  const named = candidates.filter((c) => c.named);
  if (named.length) {
    return { verdict: 'contradicted', reason: `${f.raw} stated; the result file the report names records ${named.slice(0, 3).map((c) => `${c.leaf.keys.join('.')} = ${String(c.leaf.value)}`).join(', ')}`, evidence: named.slice(0, 4).map(ev) };
  }
  if (candidates.length) return { verdict: 'unverifiable', reason: `${f.raw} stated; a result file of the report's work records ${candidates.slice(0, 3).map((c) => `${c.leaf.keys.join('.')} = ${String(c.leaf.value)}`).join(', ')}, and the report does not name it as its run's`, evidence: candidates.slice(0, 4).map(ev) };
  return { verdict: 'unverifiable', reason: `no result file of the report's run (${artifacts.slice(0, 3).map((a) => a.path).join(', ')}${artifacts.length > 3 ? ', …' : ''}) records this figure`, evidence: [] };
}

/** The lower-case words of a leaf's own key, unstemmed, for units (`duration_ms`). */
function identifierWordsOf(leaf: ArtifactLeaf): string[] {
  return (leaf.keys[leaf.keys.length - 1] ?? '').replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase().split(/[^a-z0-9]+/).filter(Boolean);
}
