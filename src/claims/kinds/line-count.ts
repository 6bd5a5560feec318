/**
 * line-count: "663 lines" about a named file. Counted as an editor shows
 * lines (see repo/text.ts); an off-by-one explained by a trailing newline is
 * not a contradiction, and the evidence says so.
 */
import type { ClaimKindModule } from '../types.js';
import { countsOf, satisfies, type Quantity } from '../mentions.js';
import { subjectFile, subjectPathOf, resolutionEvidence } from '../subject.js';

/** "Lines Changed: 15", "12 lines of new code", "3 lines removed" are diffstat claims, not file sizes. */
const DIFF_WORDS = /\b(changed|modified|added|removed|deleted|new code|inserted|insertions?|deletions?|diff|touched)\b/i;

export const lineCount: ClaimKindModule = {
  kind: 'line-count',
  description: 'A named file has the stated number of lines.',
  recognize(st) {
    if (st.construct === 'code-block' || st.construct === 'heading') return [];
    if (DIFF_WORDS.test(st.label ?? '') || DIFF_WORDS.test(st.text)) return [];
    const subject = subjectPathOf(st);
    return countsOf(st.text, 'lines?|LOC|loc').map((c) => ({
      kind: 'line-count' as const,
      text: c.match,
      source: { path: st.docPath, line: st.line },
      subject: { path: subject, symbol: null },
      data: { quantity: c.quantity },
    }));
  },
  verify(claim, ctx) {
    const sub = subjectFile(claim, ctx, 'its line count');
    if (!sub.ok) return sub.outcome;
    const q = claim.data.quantity as Quantity;
    const read = ctx.snapshot.read(sub.path);
    if (!read.ok) return { verdict: 'unverifiable', reason: `${sub.path} could not be read (${read.reason})`, evidence: [] };
    const n = read.lineCount;
    const newlines = (read.text.match(/\n/g) ?? []).length;
    const ev = [...resolutionEvidence(sub.path, sub.note), { path: sub.path, line: 1, endLine: n, note: `${n} lines (a last line without newline counts; ${newlines} newline characters)` }];
    if (satisfies(q, n)) return { verdict: 'verified', reason: `claimed ${q.raw} lines, found ${n}`, evidence: ev };
    // wc -l misses a last line without newline; some editors show an empty line after a final newline.
    const otherConvention = read.text.endsWith('\n') ? n + 1 : newlines;
    if (q.bound === 'exact' && q.value === otherConvention) {
      return { verdict: 'verified', reason: `claimed ${q.raw} lines, found ${n}; the one-line difference is the final-newline convention (${newlines} newline characters)`, evidence: ev };
    }
    return { verdict: 'contradicted', reason: `claimed ${q.raw} lines, found ${n}`, evidence: ev };
  },
};
