/**
 * Facts gathered from git before verification, so verifiers stay pure and
 * synchronous: for each claims document inside the repository, the commit
 * that last changed it and that commit's diffstat (or the `--since` range's),
 * with each file's status (added, modified, deleted). Any git failure (no
 * repository, shallow clone, missing objects) leaves the fact out with the
 * reason, and the claims that need it are unverifiable.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { RepoSnapshot } from '../repo/snapshot.js';
import type { CommitInfo, DiffStatEntry, GitRepo } from '../repo/git.js';
import type { ClaimDocument } from './types.js';

export type FileStatus = 'added' | 'modified' | 'deleted';

/** One file of the diff, with whether the commit (or range) created, changed or removed it. */
export interface DiffFile extends DiffStatEntry {
  status: FileStatus | null;
}

/** What git says about one claims document. */
export interface DocHistory {
  /** The commit whose changes the report describes, or null with `why`. */
  commit: CommitInfo | null;
  /** The range diffed: `<sha>` (that commit against its parent) or `<since>..HEAD`. */
  range: string | null;
  diffstat: DiffStatEntry[] | null;
  /** The diffstat with file statuses; a status is null when git could not tell (more files than are looked up). */
  files?: DiffFile[];
  why?: string;
}

export const docHistoryKey = (docPath: string) => `git:doc:${docPath}`;

/** Beyond this many files in a change, statuses are left unknown. */
const MAX_STATUS_LOOKUPS = 300;

export async function gatherFacts(snapshot: RepoSnapshot, documents: readonly ClaimDocument[], since?: string): Promise<Map<string, unknown>> {
  const facts = new Map<string, unknown>();
  const git = snapshot.git;
  const shallow = git ? await git.isShallow() : false;
  // Git work is shared: one history pass finds every report's last commit, and reports
  // written in the same commit (or judged on the same --since range) share its diff.
  const inRepo = [...new Set(documents.map((d) => d.path).filter((p) => snapshot.hasFile(p)))];
  const last = git && !since && inRepo.length ? await git.lastCommits(inRepo) : null;
  const shared = new Map<string, Promise<DocHistory>>();
  const trees = new Map<string, Promise<Set<string> | null>>();
  const pathsAt = (rev: string) => {
    let hit = trees.get(rev);
    if (!hit) trees.set(rev, (hit = git!.pathsAt(rev)));
    return hit;
  };
  const once = (key: string, make: () => Promise<DocHistory>) => {
    let hit = shared.get(key);
    if (!hit) shared.set(key, (hit = make()));
    return hit;
  };
  for (const doc of documents) {
    facts.set(docHistoryKey(doc.path), await docHistory(snapshot, git, shallow, doc.path, last, since, once, pathsAt));
  }
  return facts;
}

type Once = (key: string, make: () => Promise<DocHistory>) => Promise<DocHistory>;
type PathsAt = (rev: string) => Promise<Set<string> | null>;

async function docHistory(
  snapshot: RepoSnapshot,
  git: GitRepo | null,
  shallow: boolean,
  path: string,
  last: Map<string, CommitInfo> | null,
  since: string | undefined,
  once: Once,
  pathsAt: PathsAt,
): Promise<DocHistory> {
  const none = (why: string): DocHistory => ({ commit: null, range: null, diffstat: null, why });
  if (!snapshot.hasFile(path)) return none('the report is not a file of the repository');
  if (!git) {
    // A `.git` that git refuses to open is a damaged repository (deleted objects, a broken HEAD), not a plain folder.
    return none(existsSync(join(snapshot.root, '.git')) ? 'git cannot open the repository (.git is present but damaged: missing objects or a broken HEAD)' : 'the repository is not a git repository');
  }
  if (since) {
    const range = `${since}..HEAD`;
    return once(`range:${range}`, async () => {
      const diffstat = await git.diffStat(range);
      if (!diffstat) return { commit: null, range, diffstat: null, why: `git could not diff ${range} (unknown revision${shallow ? ', or the shallow clone lacks it' : ''}, or missing objects)` };
      return { commit: null, range, diffstat, files: await withStatus(pathsAt, diffstat, since, 'HEAD') };
    });
  }
  if (last === null) return none('git could not read the history (missing objects or a damaged repository)');
  const commit = last.get(path) ?? null;
  if (!commit) return none('the report is not committed yet (no commit touches it)');
  return once(`commit:${commit.sha}`, async () => {
    // In a shallow clone a commit at the boundary looks like a root commit: diffing it against the
    // empty tree would count every file as added, so its parent must resolve.
    const parentRange = `${commit.sha}^..${commit.sha}`;
    const parentDiff = await git.diffStat(parentRange);
    if (!parentDiff && shallow) return { commit, range: commit.sha, diffstat: null, why: `shallow clone: the parent of ${commit.sha.slice(0, 12)} is not in the clone` };
    const diffstat = parentDiff ?? (await git.diffStat(commit.sha));
    if (!diffstat) return { commit, range: commit.sha, diffstat: null, why: 'git objects of that commit are missing' };
    return { commit, range: commit.sha, diffstat, files: await withStatus(pathsAt, diffstat, parentDiff ? `${commit.sha}^` : null, commit.sha) };
  });
}

/** A file is added when the base lacks it, deleted when the tip lacks it, else modified. */
async function withStatus(pathsAt: PathsAt, diffstat: DiffStatEntry[], base: string | null, tip: string): Promise<DiffFile[]> {
  if (diffstat.length > MAX_STATUS_LOOKUPS) return diffstat.map((d) => ({ ...d, status: null }));
  // A tree that git cannot list has no paths: every status is then unknown.
  const before = base ? ((await pathsAt(base)) ?? new Set<string>()) : new Set<string>();
  const after = (await pathsAt(tip)) ?? new Set<string>();
  return diffstat.map((d) => {
    const b = before.has(d.path);
    const a = after.has(d.path);
    return { ...d, status: b && a ? 'modified' : a ? 'added' : b ? 'deleted' : null };
  });
}
