/**
 * other: a statement that reads as a factual claim but that no kind can check
 * statically (agents deployed, latency achieved, a cluster reachable). It is
 * listed so the reviewer sees the whole report accounted for.
 */
import type { ClaimKindModule, Statement } from '../types.js';

/** Markers of an assertion (the `u` flag: without it 🚫 in the class matches any emoji sharing its surrogate, 📁 too): a number, a status mark or word, a verb of completion, change or state, "now" (a claim about the current state), a count in words ("four defects"). */
const FACTUAL = /\d|[✅✓✔❌✗⚠🚫]|\b(verified|validated|complete[d]?|passed|passing|failed|failing|fixed|resolved|ready|success(ful|fully)?|working|done|implemented|deployed|achieved|confirmed|operational|running|exists?|created|added|removed|generated|executed|identified|established|delivered|tested|blocked|broken|eliminated|reduced|improved|prevented|enabled|restored|executes|performs?|performed|now|found|traced|detected|discovered|built|designed|developed|wrote|written|made|configured|integrated|provided|updated|modified|enhanced|optimi[sz]ed|refactored|migrated|converted|applied|installed|introduced|replaced|renamed|moved|wired)\b|\b(?:two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|dozens?|hundreds?)\s+[a-z]/iu;

/** Why a statement is not a claim at all, or null when it reads as one. */
export function notAClaimReason(st: Statement): string | null {
  if (st.planning) return 'recommendation, plan or future work';
  if (st.construct === 'code-block') return 'code block with no claim attached';
  const words = st.text.replace(/[`*_#>|]/g, ' ').trim().split(/\s+/).filter(Boolean);
  if (words.length === 0) return 'empty';
  if (st.construct === 'heading' && !FACTUAL.test(st.text)) return 'section title';
  if (st.label && !(st.value ?? '').trim()) return 'label introducing the lines below';
  // A line of a text card or a box of a drawing in a fenced block: the block's author listed it as a fact.
  if (st.blockLine) return null;
  // "Impact: all sync blocked", "Expected: unhealthy": a field asserts its value for its label, whatever the words.
  if (st.label) return null;
  // An item under a lead-in ("Benchmark Results:", "Features Found:") completes the lead-in's sentence: it asserts.
  if (st.construct === 'list-item' && st.parents?.length) return null;
  // "No files written outside the sandbox": a statement of absence asserts as much as one of presence.
  if (/^\W*(?:no|none of|zero)\s+\p{L}/iu.test(st.text)) return null;
  // A list item describing what a named file provides is a feature claim about that file, even without a number.
  const describesFile = st.construct === 'list-item' && (st.subjectPath !== null || st.subjectPaths.length > 0) && words.length >= 3;
  if (!FACTUAL.test(st.text) && !describesFile) return 'no assertion (no number, status or completion word)';
  return null;
}

export const other: ClaimKindModule = {
  kind: 'other',
  description: 'Any other factual statement: listed, with the reason it cannot be checked statically.',
  recognize(st) {
    if (notAClaimReason(st)) return [];
    return [{ kind: 'other' as const, text: st.text, source: { path: st.docPath, line: st.line }, subject: { path: st.subjectPath, symbol: null }, data: {} }];
  },
  verify() {
    return {
      verdict: 'unverifiable',
      reason: 'a statement about runtime behaviour, environment or process that the repository cannot show statically',
      evidence: [],
    };
  },
};
