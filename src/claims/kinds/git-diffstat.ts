/**
 * git-diffstat: "Files Modified: 3", "Lines Changed: 15", "Insertions | 9",
 * "Net Addition: +9 lines", "3 files changed, 9 insertions(+)" — against the
 * work range of the report (workrange.ts: the `--since` range, else the
 * commits of the work the report describes), as gathered in facts.ts.
 *
 * Conventions, each named in the evidence: the report itself is left out of
 * the counts first (it describes the change, it is not part of it) and
 * counted second, as `git show --stat` would; "modified" files are files the
 * commit changed that existed before it, "changed" files are all of them.
 * No git, a shallow clone or missing objects make the claim unverifiable with
 * the reason.
 */
import type { ClaimKindModule, Evidence } from '../types.js';
import { satisfies } from '../mentions.js';
import { readDiffNumbers, type DiffMetric, type DiffNumber } from '../reportnumbers.js';
import { docHistoryKey, type DiffFile, type DocHistory } from '../facts.js';

const WHAT: Record<DiffMetric, string> = {
  'files-modified': 'files modified',
  'files-changed': 'files changed',
  'files-added': 'files added',
  'files-deleted': 'files deleted',
  insertions: 'inserted lines',
  deletions: 'deleted lines',
  'lines-changed': 'changed lines (insertions + deletions)',
  net: 'net lines (insertions - deletions)',
};

function measure(metric: DiffMetric, files: DiffFile[]): { value: number; unknown: boolean } {
  const unknown = files.some((f) => f.status === null);
  switch (metric) {
    case 'files-modified':
      return { value: files.filter((f) => f.status === 'modified').length, unknown };
    case 'files-changed':
      return { value: files.length, unknown: false };
    case 'files-added':
      return { value: files.filter((f) => f.status === 'added').length, unknown };
    case 'files-deleted':
      return { value: files.filter((f) => f.status === 'deleted').length, unknown };
    case 'insertions':
      return { value: files.reduce((s, f) => s + f.added, 0), unknown: false };
    case 'deletions':
      return { value: files.reduce((s, f) => s + f.removed, 0), unknown: false };
    case 'lines-changed':
      return { value: files.reduce((s, f) => s + f.added + f.removed, 0), unknown: false };
    case 'net':
      return { value: files.reduce((s, f) => s + f.added - f.removed, 0), unknown: false };
  }
}

/** The range a change was measured on, with the rule that chose it, for reasons. */
export function workWhere(h: DocHistory): string {
  if (h.work) {
    const c = h.work.commits;
    const what = c.length === 1 ? `commit ${h.work.label} ("${c[0]!.subject}")` : c.length ? `the ${c.length} commits ${h.work.label}` : `the range ${h.work.label}`;
    return `${what}, the work range of the report (${h.work.rule})`;
  }
  return h.commit ? `commit ${h.commit.sha.slice(0, 12)} ("${h.commit.subject}")` : `the range ${h.range}`;
}

export const gitDiffstat: ClaimKindModule = {
  kind: 'git-diffstat',
  description: 'Files and lines changed, against the work range of the report (the --since range, else the commits of the work found from history).',
  recognize(st) {
    return readDiffNumbers(st).map((d) => ({
      kind: 'git-diffstat' as const,
      text: readDiffNumbers(st).length > 1 ? `${d.text} (${WHAT[d.metric]})` : d.text,
      source: { path: st.docPath, line: st.line },
      subject: { path: null, symbol: null },
      data: { diff: d },
    }));
  },
  verify(claim, ctx) {
    const d = claim.data.diff as DiffNumber;
    const h = ctx.facts.get(docHistoryKey(claim.source.path)) as DocHistory | undefined;
    if (!h) return { verdict: 'unverifiable', reason: 'no git history was gathered for this report', evidence: [] };
    if (!h.diffstat || !h.files) return { verdict: 'unverifiable', reason: `the change cannot be measured: ${h.why ?? 'git gave no diffstat'}`, evidence: [] };
    const where = workWhere(h);
    const report = claim.source.path;
    const reportEntry = h.files.find((f) => f.path === report);
    const withoutReport = h.files.filter((f) => f.path !== report);
    const conventions: [string, DiffFile[]][] = [['the report itself not counted', withoutReport]];
    if (reportEntry) conventions.push([`the report itself counted (${reportEntry.status ?? 'changed'} in that change, +${reportEntry.added} -${reportEntry.removed})`, h.files]);
    // "Files Modified" is often said of every file a change touches.
    const metrics: DiffMetric[] = d.metric === 'files-modified' ? ['files-modified', 'files-changed'] : [d.metric];
    const results: { name: string; value: number; unknown: boolean }[] = [];
    for (const m of metrics) for (const [name, files] of conventions) results.push({ name: `${WHAT[m]}, ${name}`, ...measure(m, files) });
    const want = d.negative ? { ...d.quantity, value: -d.quantity.value } : d.quantity;
    const ev: Evidence[] = h.files.slice(0, 12).map((f) => ({ path: f.path, note: `${f.status ?? 'changed'}: +${f.added} -${f.removed}${f.binary ? ' (binary)' : ''}${f.path === report ? ' (the report itself)' : ''}` }));
    const listed = results.map((r) => `${r.value} ${r.name}`).join('; ');
    const hit = results.find((r) => !r.unknown && satisfies(want, r.value));
    if (hit) return { verdict: 'verified', reason: `claimed ${d.quantity.raw}; ${where} has ${hit.value} ${hit.name}`, evidence: ev };
    if (results.some((r) => r.unknown)) return { verdict: 'unverifiable', reason: `the change touches too many files to tell added from modified ones; ${listed}`, evidence: ev };
    const binary = h.files.some((f) => f.binary) && /lines|insertions|deletions|net/.test(WHAT[d.metric]) ? '; binary files count no lines' : '';
    return { verdict: 'contradicted', reason: `claimed ${d.quantity.raw} ${WHAT[d.metric]}; ${where} has ${listed}${binary}`, evidence: ev };
  },
};
