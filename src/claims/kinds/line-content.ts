/**
 * line-content: `Line 137: "..."` under a file — the named line of the
 * subject file holds that text (whitespace-normalised). When the text sits on
 * another line, the evidence says where.
 */
import { splitLines } from '../../repo/text.js';
import type { ClaimKindModule } from '../types.js';
import { subjectFile, subjectPathOf, resolutionEvidence } from '../subject.js';

const norm = (s: string) => s.replace(/\s+/g, ' ').trim();

/** `Line 137: "text"`, `Line 41: `text``, `L12: text`. */
const LINE_RE = /^\s*(?:line|l)\s*(\d+)\s*[:\-–—]\s*(.+)$/i;

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
    const sub = subjectFile(claim, ctx, 'the quoted line');
    if (!sub.ok) return sub.outcome;
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
