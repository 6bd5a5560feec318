/**
 * line-count: "663 lines" about a named file. Counted as an editor shows
 * lines (see repo/text.ts); an off-by-one explained by a trailing newline is
 * not a contradiction, and the evidence says so.
 *
 * A line that names no file but carries a component label ("**Saga
 * Pattern**: 1,068 lines") is about the one source file the label names
 * (code-scope.ts, `labelledFile`). When the label is the file's own name the
 * count is judged as for a named file; when only the label's words lie on the
 * file's path, a matching count confirms it, and a different count leaves the
 * claim unverifiable (the report may mean another file, or several).
 */
import type { ClaimKindModule, Outcome, VerifyContext } from '../types.js';
import { countsOf, satisfies, type Quantity } from '../mentions.js';
import { subjectFile, subjectPathOf, resolutionEvidence } from '../subject.js';
import { componentLabel, labelledFile, type ComponentLabel } from './code-scope.js';

/** "Lines Changed: 15", "12 lines of new code", "3 lines removed" are diffstat claims, not file sizes. */
const DIFF_WORDS = /\b(changed|modified|added|removed|deleted|new code|inserted|insertions?|deletions?|diff|touched)\b/i;

export const lineCount: ClaimKindModule = {
  kind: 'line-count',
  description: 'A named file, or the one file a component label names, has the stated number of lines.',
  recognize(st) {
    if (st.construct === 'code-block' || st.construct === 'heading') return [];
    if (DIFF_WORDS.test(st.label ?? '') || DIFF_WORDS.test(st.text)) return [];
    const subject = subjectPathOf(st);
    const component = subject ? null : componentLabel(st);
    return countsOf(st.text, 'lines?|LOC|loc').map((c) => ({
      kind: 'line-count' as const,
      // The component is part of what is claimed: the same count under two labels is two claims.
      text: component ? `${component.phrase}: ${c.match}` : c.match,
      source: { path: st.docPath, line: st.line },
      subject: { path: subject, symbol: null },
      data: { quantity: c.quantity, ...(component ? { component } : {}) },
    }));
  },
  verify(claim, ctx) {
    const q = claim.data.quantity as Quantity;
    const component = claim.data.component as ComponentLabel | undefined;
    if (!claim.subject.path && component) {
      const lf = labelledFile(ctx, component.phrase);
      if (lf.path === null) {
        return { verdict: 'unverifiable', reason: `the report names no file for its line count, and ${lf.reason}`, evidence: lf.candidates.map((p) => ({ path: p, note: 'candidate' })) };
      }
      const o = countLines(ctx, lf.path, q, [{ path: lf.path, note: lf.note }]);
      if (o.verdict === 'contradicted' && (lf.rule === 'words' || component.from === 'heading')) {
        return { verdict: 'unverifiable', reason: `${o.reason} in ${lf.path}, the file its ${component.from} most likely names; the report names no file, so another file (or several) may be meant`, evidence: o.evidence };
      }
      return { ...o, reason: `${o.reason} in ${lf.path}` };
    }
    const sub = subjectFile(claim, ctx, 'its line count');
    if (!sub.ok) return sub.outcome;
    return countLines(ctx, sub.path, q, resolutionEvidence(sub.path, sub.note));
  },
};

function countLines(ctx: VerifyContext, path: string, q: Quantity, base: Outcome['evidence']): Outcome {
  const read = ctx.snapshot.read(path);
  if (!read.ok) return { verdict: 'unverifiable', reason: `${path} could not be read (${read.reason})`, evidence: base };
  const n = read.lineCount;
  const newlines = (read.text.match(/\n/g) ?? []).length;
  const ev = [...base, { path, line: 1, endLine: n, note: `${n} lines (a last line without newline counts; ${newlines} newline characters)` }];
  if (satisfies(q, n)) return { verdict: 'verified', reason: `claimed ${q.raw} lines, found ${n}`, evidence: ev };
  // wc -l misses a last line without newline; some editors show an empty line after a final newline.
  const otherConvention = read.text.endsWith('\n') ? n + 1 : newlines;
  if (q.bound === 'exact' && q.value === otherConvention) {
    return { verdict: 'verified', reason: `claimed ${q.raw} lines, found ${n}; the one-line difference is the final-newline convention (${newlines} newline characters)`, evidence: ev };
  }
  return { verdict: 'contradicted', reason: `claimed ${q.raw} lines, found ${n}`, evidence: ev };
}
