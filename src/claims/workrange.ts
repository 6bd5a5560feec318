/**
 * The work range of a report: the commits of the work the report describes,
 * so that change claims ("renamed `a` to `b`", "Files modified: 3") are judged
 * on that work's diff, not on whatever the last commit happened to touch.
 *
 * The rule (also in the README), applied to one first-parent `git log` read
 * once per audit:
 * 1. `--since <rev>` given: the range is `<rev>..HEAD`, nothing else.
 * 2. Otherwise the report's commit R: the commit that added the report at its
 *    path, or a later one that rewrote it (added at least half as many lines
 *    as the adding commit did, or the report was added nearly empty).
 * 3. R belongs to the work when it changes anything besides documentation;
 *    a commit that only adds or moves documents (a docs reorganisation, the
 *    report committed after the code) is left out.
 * 4. Earlier commits, walking back from R in first-parent order, join the
 *    work while each is by R's author, at most WINDOW_HOURS older than the
 *    commit after it, and changes a file the report names. The first commit
 *    that fails stops the walk (at most MAX_WORK_COMMITS commits).
 * 5. When R is documentation only and no earlier commit joins, the range is
 *    R itself: the report describes documentation work, or nothing git can show.
 * The evidence of every claim judged on the range names it and this rule.
 */
import type { ChangedFile, LogCommit } from '../repo/git.js';
import { normalizeMention } from '../repo/paths.js';

/** Commits further apart than this are separate pieces of work. */
export const WINDOW_HOURS = 12;
/** A work range never spans more commits than this. */
export const MAX_WORK_COMMITS = 20;

/** The commits of the work a report describes, found from history. */
export interface WorkRange {
  /** The revision before the work (a sha or the `--since` revision); null when the work starts at the root commit. */
  base: string | null;
  /** The last commit of the work. */
  tip: string;
  /** The work's commits, newest first (empty for a `--since` range, which is not walked). */
  commits: LogCommit[];
  /** The range as git writes it (`a1b2c3d..e4f5a6b`, `<since>..HEAD`, or one sha). */
  label: string;
  /** Why these commits: the rule as it applied to this report. */
  rule: string;
  /** Files the range changed, with their blobs on both sides. */
  files: ChangedFile[];
}

/** Documentation: report-like text files, and anything under a docs folder. */
export function isDocumentation(path: string): boolean {
  return /\.(?:md|mdx|markdown|rst|txt|adoc|asciidoc)$/i.test(path) || /(?:^|\/)docs?\//i.test(path);
}

/** Config files whose `key: value` / `key = value` lines change claims read as values. */
export function isConfigFile(path: string): boolean {
  return /\.(?:ya?ml|json|toml|ini|cfg|conf|env|properties)$|(?:^|\/)\.env[\w.-]*$/i.test(path);
}

/** True when the written path names `real`: its components are a suffix of the real path's (a bare name matches any folder). */
export function namesPath(written: string, real: string): boolean {
  const w = normalizeMention(written).replace(/^(?:[A-Za-z]:)?\/+/, '').replace(/^\.\//, '');
  if (!w) return false;
  return real === w || real.endsWith('/' + w);
}

const short = (sha: string) => sha.slice(0, 12);

function hoursBetween(newer: string, older: string): number {
  return (Date.parse(newer) - Date.parse(older)) / 3_600_000;
}

/** The commit whose text of the report the work range starts from, from a first-parent log (newest first). */
export function reportCommit(log: readonly LogCommit[], docPath: string): { commit: LogCommit; how: string } | null {
  const touching = log.filter((c) => c.files.some((f) => f.path === docPath));
  if (!touching.length) return null;
  const addedAt = touching.findIndex((c) => c.files.some((f) => f.path === docPath && f.status === 'A'));
  const adding = addedAt >= 0 ? touching[addedAt]! : touching[touching.length - 1]!;
  const addedLines = adding.files.find((f) => f.path === docPath)!.added;
  // Newer commits that rewrote the report describe newer work.
  const newer = addedAt >= 0 ? touching.slice(0, addedAt) : [];
  const rewrite = newer.find((c) => {
    const f = c.files.find((x) => x.path === docPath)!;
    return addedLines <= 3 ? f.added > 3 : f.added * 2 >= addedLines;
  });
  if (rewrite) return { commit: rewrite, how: `${short(rewrite.sha)} rewrote the report (${rewrite.files.find((f) => f.path === docPath)!.added} lines added)` };
  return { commit: adding, how: addedAt >= 0 ? `${short(adding.sha)} added the report` : `${short(adding.sha)} is the oldest commit read that changes the report` };
}

/**
 * Applies the rule to a first-parent log (newest first). `named` are the
 * paths the report names, as written. Returns the commits of the work, newest
 * first, and the rule as it applied; null when no commit in the log touches the report.
 */
export function findWork(log: readonly LogCommit[], docPath: string, named: readonly string[]): { commits: LogCommit[]; rule: string } | null {
  const found = reportCommit(log, docPath);
  if (!found) return null;
  const r = found.commit;
  const at = log.indexOf(r);
  const docsOnly = r.files.every((f) => isDocumentation(f.path));
  const work: LogCommit[] = docsOnly ? [] : [r];
  const namesAny = (c: LogCommit) => c.files.some((f) => named.some((n) => namesPath(n, f.path)));
  let next = r;
  for (let i = at + 1; i < log.length && work.length < MAX_WORK_COMMITS; i++) {
    const c = log[i]!;
    if (c.authorEmail !== r.authorEmail || hoursBetween(next.date, c.date) > WINDOW_HOURS || !namesAny(c)) break;
    work.push(c);
    next = c;
  }
  const joined = work.filter((c) => c !== r);
  const parts = [found.how];
  parts.push(docsOnly ? `it changes documentation only, so it is not part of the work` : `it changes code or config, so it starts the work`);
  if (joined.length) parts.push(`${joined.length} earlier commit(s) by the same author, each within ${WINDOW_HOURS} h of the next and changing a file the report names, belong to it`);
  else parts.push(named.length ? `the commit before it is not by the same author within ${WINDOW_HOURS} h changing a file the report names` : 'the report names no files, so no earlier commit is joined');
  if (!work.length) {
    parts.push('so the range is the report commit itself');
    return { commits: [r], rule: parts.join('; ') };
  }
  return { commits: work, rule: parts.join('; ') };
}

/** The range's label as git writes it. */
export function rangeLabel(commits: readonly LogCommit[]): string {
  const tip = commits[0]!;
  const oldest = commits[commits.length - 1]!;
  return commits.length === 1 ? short(tip.sha) : `${short(oldest.parents[0] ?? oldest.sha)}..${short(tip.sha)}`;
}

/**
 * Files changed by a run of consecutive commits (newest first), from their
 * per-commit changes: the blob before the oldest change and after the newest.
 * Line counts are summed per commit (a line added then removed counts twice);
 * callers that need the exact numbers diff the range instead.
 */
export function combineFiles(commits: readonly LogCommit[]): ChangedFile[] {
  const byPath = new Map<string, ChangedFile>();
  for (const c of [...commits].reverse()) {
    for (const f of c.files) {
      const prev = byPath.get(f.path);
      if (!prev) {
        byPath.set(f.path, { ...f });
        continue;
      }
      prev.after = f.after;
      prev.added += f.added;
      prev.removed += f.removed;
      prev.binary ||= f.binary;
    }
  }
  const out: ChangedFile[] = [];
  for (const f of byPath.values()) {
    if (f.before === null && f.after === null) continue;
    out.push({ ...f, status: f.before === null ? 'A' : f.after === null ? 'D' : 'M' });
  }
  return out.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}
