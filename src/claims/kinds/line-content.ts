/**
 * line-content: `Line 137: "..."` under a file — the named line of the
 * subject file holds that text (whitespace-normalised). When the text sits on
 * another line, the evidence says where.
 *
 * Also the locator a fix section gives its file, `**Lines**: 41-86
 * (_get_api_client method)`, `**Line**: 123`, `151-158 (now 148-165)`: the
 * file must exist and reach those lines, and a function or class named beside
 * the range must span them.
 */
import { splitLines } from '../../repo/text.js';
import type { SymbolInfo } from '../../lang/model.js';
import type { ClaimKindModule, Outcome, VerifyContext } from '../types.js';
import { subjectFile, subjectPathOf, resolutionEvidence } from '../subject.js';

const norm = (s: string) => s.replace(/\s+/g, ' ').trim();

/** `Line 137: "text"`, `Line 41: `text``, `L12: text`. */
const LINE_RE = /^\s*(?:line|l)\s*(\d+)\s*[:\-–—]\s*(.+)$/i;

/** `41-86`, `123`, `151-158 (now 148-165)`, `41-86 (_get_api_client method)`: a range and what it says is there. */
const LOCATOR_RE = /^\s*(\d+)(?:\s*[-–—]\s*(\d+))?\s*(?:\((.*)\))?\s*$/;
const NOW_RE = /\b(?:now|currently|after)\s*:?\s*(?:lines?\s*)?(\d+)(?:\s*[-–—]\s*(\d+))?/i;
const NAMED_RE = /^`?([A-Za-z_][\w.]*)`?(?:\(\))?\s*(?:method|function|func|class|struct|def|handler)?$/i;

interface Locator {
  from: number;
  to: number;
  /** The function or class the report says the range is. */
  symbol: string | null;
}

function locatorOf(label: string | undefined, value: string | undefined): Locator | null {
  if (!label || !value || !/^(?:lines?|line range|location)$/i.test(label.replace(/[*_`]/g, '').trim())) return null;
  const m = LOCATOR_RE.exec(value.replace(/\*/g, ''));
  if (!m) return null;
  const note = (m[3] ?? '').trim();
  const now = NOW_RE.exec(note);
  const named = NAMED_RE.exec(note);
  const [a, b] = now ? [Number(now[1]), Number(now[2] ?? now[1])] : [Number(m[1]), Number(m[2] ?? m[1])];
  if (!(a >= 1 && b >= a)) return null;
  return { from: a, to: b, symbol: named && /[_A-Z]|\(\)/.test(note) ? named[1]! : null };
}

function unquote(s: string): string {
  let t = s.trim();
  const m = /^`+([\s\S]*?)`+$/.exec(t);
  if (m) t = m[1]!;
  return t.replace(/^["“'](.*)["”']$/s, '$1').trim();
}

export const lineContent: ClaimKindModule = {
  kind: 'line-content',
  description: 'A numbered line of the subject file holds the quoted text.',
  recognize(st) {
    if (st.construct === 'code-block' || st.construct === 'heading') return [];
    const loc = locatorOf(st.label, st.value);
    if (loc) {
      return [
        {
          kind: 'line-content' as const,
          text: `${st.label}: ${st.value}`,
          source: { path: st.docPath, line: st.line },
          subject: { path: subjectPathOf(st), symbol: loc.symbol },
          data: { locator: loc },
        },
      ];
    }
    const raw = st.label && /^(line|l)\s*\d+$/i.test(st.label.trim()) ? `${st.label}: ${st.value ?? ''}` : st.text;
    const m = LINE_RE.exec(raw);
    if (!m) return [];
    const quoted = unquote(m[2]!);
    if (quoted.length < 3) return [];
    return [
      {
        kind: 'line-content' as const,
        text: `Line ${m[1]}: ${quoted}`,
        source: { path: st.docPath, line: st.line },
        subject: { path: subjectPathOf(st), symbol: null },
        data: { line: Number(m[1]), content: quoted },
      },
    ];
  },
  verify(claim, ctx) {
    const sub = subjectFile(claim, ctx, claim.data.locator ? 'the lines it points at' : 'the quoted line');
    if (!sub.ok) return sub.outcome;
    if (claim.data.locator) return verifyLocator(claim.data.locator as Locator, sub.path, sub.note, ctx);
    const read = ctx.snapshot.read(sub.path);
    if (!read.ok) return { verdict: 'unverifiable', reason: `${sub.path} could not be read (${read.reason})`, evidence: [] };
    const lines = splitLines(read.text);
    const want = norm(String(claim.data.content));
    const n = Number(claim.data.line);
    const base = resolutionEvidence(sub.path, sub.note);
    const at = lines[n - 1];
    if (at !== undefined && norm(at).includes(want)) {
      return { verdict: 'verified', reason: `line ${n} of ${sub.path} holds the quoted text`, evidence: [...base, { path: sub.path, line: n, excerpt: at, note: 'matches' }] };
    }
    const where = lines.map((l, i) => (norm(l).includes(want) ? i + 1 : 0)).filter(Boolean);
    if (where.length) {
      const w = where.reduce((a, b) => (Math.abs(b - n) < Math.abs(a - n) ? b : a));
      return {
        verdict: 'contradicted',
        reason: `line ${n} of ${sub.path} does not hold the quoted text; it is at line ${w}`,
        evidence: [...base, { path: sub.path, line: w, excerpt: lines[w - 1], note: `quoted text found at line ${w}` }, ...(at !== undefined ? [{ path: sub.path, line: n, excerpt: at, note: `line ${n}` }] : [])],
      };
    }
    return {
      verdict: 'contradicted',
      reason: at === undefined ? `${sub.path} has only ${lines.length} lines` : `${sub.path} does not contain the quoted text`,
      evidence: [...base, ...(at !== undefined ? [{ path: sub.path, line: n, excerpt: at, note: `line ${n}` }] : [])],
    };
  },
};

function verifyLocator(loc: Locator, path: string, note: string | undefined, ctx: VerifyContext): Outcome {
  const read = ctx.snapshot.read(path);
  if (!read.ok) return { verdict: 'unverifiable', reason: `${path} could not be read (${read.reason})`, evidence: [] };
  const base = resolutionEvidence(path, note);
  const range = loc.from === loc.to ? `line ${loc.from}` : `lines ${loc.from}-${loc.to}`;
  if (loc.to > read.lineCount) {
    return { verdict: 'contradicted', reason: `${path} has ${read.lineCount} lines: there is no ${range}`, evidence: base };
  }
  if (!loc.symbol) {
    return { verdict: 'unverifiable', reason: `${path} reaches ${range}; the report does not say what is there, so nothing more can be checked`, evidence: [...base, { path, line: loc.from, endLine: loc.to, note: range }] };
  }
  const name = loc.symbol.slice(loc.symbol.lastIndexOf('.') + 1);
  const defs = (ctx.model(path)?.symbols ?? []).filter((d) => d.name === name);
  if (!defs.length) {
    return { verdict: 'contradicted', reason: `${path} defines no ${loc.symbol}, which the report places at ${range}`, evidence: base };
  }
  // A report counts from the signature or from the first line of the body, and may leave the closing line out.
  const SLACK = 3;
  const holds = defs.find((d) => loc.from >= d.range.line - SLACK && loc.to <= d.range.endLine + SLACK);
  const span = (d: SymbolInfo) => `${d.range.line}-${d.range.endLine}`;
  if (holds) {
    return { verdict: 'verified', reason: `${loc.symbol} spans lines ${span(holds)} of ${path}, which hold ${range}`, evidence: [...base, { path, line: holds.range.line, endLine: holds.range.endLine, note: `${holds.kind} ${holds.name}` }] };
  }
  const apart = defs.every((d) => loc.to < d.range.line || loc.from > d.range.endLine);
  const d0 = defs[0]!;
  return {
    verdict: apart ? 'contradicted' : 'unverifiable',
    reason: apart ? `${loc.symbol} is at lines ${defs.map(span).join(', ')} of ${path}, not at ${range}` : `${loc.symbol} spans lines ${span(d0)} of ${path}, which only partly overlap ${range}`,
    evidence: [...base, { path, line: d0.range.line, endLine: d0.range.endLine, note: `${d0.kind} ${d0.name}` }],
  };
}
