/**
 * Facts gathered from git before verification, so verifiers stay pure and
 * synchronous: for each claims document inside the repository, the commit
 * that last changed it and that commit's diffstat (or the `--since` range's).
 * Any git failure (no repository, shallow clone, missing objects) leaves the
 * fact out with the reason, and the claims that need it are unverifiable.
 */
import type { RepoSnapshot } from '../repo/snapshot.js';
import type { CommitInfo, DiffStatEntry } from '../repo/git.js';
import type { ClaimDocument } from './types.js';

/** What git says about one claims document. */
export interface DocHistory {
  /** The commit whose changes the report describes, or null with `why`. */
  commit: CommitInfo | null;
  /** The range diffed: `<sha>` (that commit against its parent) or `<since>..HEAD`. */
  range: string | null;
  diffstat: DiffStatEntry[] | null;
  why?: string;
}

export const docHistoryKey = (docPath: string) => `git:doc:${docPath}`;

export async function gatherFacts(snapshot: RepoSnapshot, documents: readonly ClaimDocument[], since?: string): Promise<Map<string, unknown>> {
  const facts = new Map<string, unknown>();
  const git = snapshot.git;
  const shallow = git ? await git.isShallow() : false;
  for (const doc of documents) {
    if (!snapshot.hasFile(doc.path)) {
      facts.set(docHistoryKey(doc.path), { commit: null, range: null, diffstat: null, why: 'the report is not a file of the repository' } satisfies DocHistory);
      continue;
    }
    if (!git) {
      facts.set(docHistoryKey(doc.path), { commit: null, range: null, diffstat: null, why: 'the repository is not a git repository' } satisfies DocHistory);
      continue;
    }
    if (since) {
      const range = `${since}..HEAD`;
      const diffstat = await git.diffStat(range);
      facts.set(docHistoryKey(doc.path), {
        commit: null,
        range,
        diffstat,
        ...(diffstat ? {} : { why: `git could not diff ${range} (unknown revision or missing objects)` }),
      } satisfies DocHistory);
      continue;
    }
    const commits = await git.commitsTouching(doc.path, 1);
    const commit = commits?.[0] ?? null;
    if (!commit) {
      facts.set(docHistoryKey(doc.path), { commit: null, range: null, diffstat: null, why: 'the report is not committed yet (no commit touches it)' } satisfies DocHistory);
      continue;
    }
    const diffstat = await git.diffStat(commit.sha);
    facts.set(docHistoryKey(doc.path), {
      commit,
      range: commit.sha,
      diffstat,
      ...(diffstat ? {} : { why: shallow ? 'shallow clone: the parent commit is missing' : 'git objects of that commit are missing' }),
    } satisfies DocHistory);
  }
  return facts;
}
