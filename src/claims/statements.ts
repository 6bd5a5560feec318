/**
 * One verdict per report line. A line of a report often asserts several
 * things at once ("`sync.py`: 663 lines, 25 methods, 5 classes"); its parts
 * are separate claims, and the line as a whole is only as good as its worst
 * part: contradicted if any claim on it is, verified only if every claim on
 * it is, otherwise unverifiable. A file that exists never carries a line
 * whose count is wrong.
 */
import type { CheckedClaim, ClaimDocument, Statement, Verdict } from './types.js';
import { repairMojibake } from './mojibake.js';

/** A report line that makes claims, with the verdict combined from them. */
export interface StatementVerdict {
  /** The claims document, as the claims' `source.path`. */
  path: string;
  /** The line the statement starts on (1-based). */
  line: number;
  /** The plain text of the statements that start on the line, from the parsed document. */
  text: string;
  verdict: Verdict;
  /** Ids of the claims made on the line, in the report's claim order. */
  claims: string[];
}

/** A line the extraction read and passed over, with why it makes no claim. */
export interface PassedOverLine {
  line: number;
  reason: string;
}

/** A claims document as the line-by-line view needs it: its text and the lines that make no claim. */
export interface ReportDocument {
  path: string;
  /** The document as the parser read it (no byte-order mark, mis-decoded emoji repaired); split on `\n` or `\r\n`, its lines are the parser's. */
  text: string;
  /** Lines with statements that make no claim, each once, with the reasons joined. */
  passedOver: PassedOverLine[];
}

/** Contradicted if any verdict is, verified only if all are (and there is one), otherwise unverifiable. */
export function combineVerdicts(verdicts: readonly Verdict[]): Verdict {
  if (verdicts.includes('contradicted')) return 'contradicted';
  if (verdicts.length > 0 && verdicts.every((v) => v === 'verified')) return 'verified';
  return 'unverifiable';
}

/** How many of the items have each verdict. */
export function verdictCounts(items: readonly { verdict: Verdict }[]): Record<Verdict, number> {
  const n: Record<Verdict, number> = { verified: 0, contradicted: 0, unverifiable: 0 };
  for (const i of items) n[i.verdict]++;
  return n;
}

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * The statements of an audit: one per (document, line) on which some claim
 * is made, counting every `sources` entry of a claim (a claim repeated on two
 * lines counts on both). Sorted by path, then line.
 */
export function statementVerdicts(claims: readonly CheckedClaim[], documents: readonly ClaimDocument[]): StatementVerdict[] {
  const byLine = new Map<string, { path: string; line: number; claims: CheckedClaim[] }>();
  for (const c of claims) {
    for (const s of c.sources) {
      const key = `${s.path}\0${s.line}`;
      let entry = byLine.get(key);
      if (!entry) byLine.set(key, (entry = { path: s.path, line: s.line, claims: [] }));
      if (!entry.claims.includes(c)) entry.claims.push(c);
    }
  }
  const docs = new Map(documents.map((d) => [d.path, d]));
  const startsAt = new Map<ClaimDocument, Map<number, Statement[]>>();
  const statementsOf = (doc: ClaimDocument) => {
    let m = startsAt.get(doc);
    if (!m) {
      m = new Map();
      for (const st of doc.statements) {
        const list = m.get(st.line);
        if (list) list.push(st);
        else m.set(st.line, [st]);
      }
      startsAt.set(doc, m);
    }
    return m;
  };
  const out: StatementVerdict[] = [];
  for (const e of byLine.values()) {
    const doc = docs.get(e.path);
    out.push({
      path: e.path,
      line: e.line,
      text: doc ? lineText(doc, statementsOf(doc), e.line, e.claims) : claimTexts(e.claims),
      verdict: combineVerdicts(e.claims.map((c) => c.verdict)),
      claims: e.claims.map((c) => c.id),
    });
  }
  return out.sort((a, b) => cmp(a.path, b.path) || a.line - b.line);
}

/**
 * The statements starting on the line (a paragraph line can hold several
 * sentences); else the multi-line statement the line lies in; else the raw
 * line. A claim's source is the first line of its statement, so the later
 * cases only meet claims a kind placed elsewhere.
 */
function lineText(doc: ClaimDocument, starts: Map<number, Statement[]>, line: number, claims: readonly CheckedClaim[]): string {
  const here = starts.get(line);
  if (here?.length) return uniq(here.map((s) => s.text.trim())).join(' ');
  const around = doc.statements.find((s) => s.line <= line && line <= s.endLine);
  if (around) return around.text.trim();
  const raw = doc.text.split(/\r?\n/)[line - 1];
  return raw !== undefined && raw.trim() ? raw.trim() : claimTexts(claims);
}

function claimTexts(claims: readonly CheckedClaim[]): string {
  return uniq(claims.map((c) => c.text.trim())).join(' ');
}

function uniq(xs: string[]): string[] {
  return [...new Set(xs)].filter(Boolean);
}

/**
 * The documents for the line view, sorted by path: their text and, for each
 * line passed over by the extraction and carrying no claim, the reasons
 * (several statements on one line may each have been passed over).
 */
export function reportDocuments(
  documents: readonly ClaimDocument[],
  passedOver: readonly { path: string; line: number; reason: string }[],
  statements: readonly StatementVerdict[],
): ReportDocument[] {
  const claimed = new Set(statements.map((s) => `${s.path}\0${s.line}`));
  const reasons = new Map<string, Map<number, string[]>>();
  for (const p of passedOver) {
    if (claimed.has(`${p.path}\0${p.line}`)) continue;
    let lines = reasons.get(p.path);
    if (!lines) reasons.set(p.path, (lines = new Map()));
    const list = lines.get(p.line) ?? [];
    if (!list.includes(p.reason)) list.push(p.reason);
    lines.set(p.line, list);
  }
  const seen = new Set<string>();
  const out: ReportDocument[] = [];
  for (const d of documents) {
    if (seen.has(d.path)) continue;
    seen.add(d.path);
    const lines = reasons.get(d.path) ?? new Map<number, string[]>();
    out.push({
      path: d.path,
      // As the parser read it: a byte-order mark is not part of the first line, and emoji that
      // a tool mis-decoded are shown repaired (the repair keeps every line where it was).
      text: repairMojibake(d.text.charCodeAt(0) === 0xfeff ? d.text.slice(1) : d.text),
      passedOver: [...lines.entries()].sort((a, b) => a[0] - b[0]).map(([line, rs]) => ({ line, reason: rs.join('; ') })),
    });
  }
  return out.sort((a, b) => cmp(a.path, b.path));
}
