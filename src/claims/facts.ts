/**
 * Facts gathered from git before verification, so verifiers stay pure and
 * synchronous: for each claims document inside the repository, the work range
 * it describes (workrange.ts: the `--since` range, else the report's commit
 * and the commits of the same work before it) with that range's diffstat,
 * each file's status (added, modified, deleted) and its blobs on both sides;
 * and the texts of those blobs for code files, so change claims can parse
 * both sides of the diff. Git is asked a fixed number of times per audit (one
 * first-parent log, one blob read, one diff per multi-commit range), never
 * once per file. Any git failure (no repository, shallow clone, missing
 * objects) leaves the fact out with the reason, and the claims that need it
 * are unverifiable.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { RepoSnapshot } from '../repo/snapshot.js';
import type { ChangedFile, CommitInfo, DiffStatEntry, GitRepo, LogCommit } from '../repo/git.js';
import { languageOf } from '../repo/languages.js';
import type { ClaimDocument } from './types.js';
import { combineFiles, findWork, isConfigFile, rangeLabel, type WorkRange } from './workrange.js';

export type FileStatus = 'added' | 'modified' | 'deleted';

/** One file of the diff, with whether the commit (or range) created, changed or removed it. */
export interface DiffFile extends DiffStatEntry {
  status: FileStatus | null;
}

/** What git says about one claims document. */
export interface DocHistory {
  /** The newest commit of the work the report describes, or null (a `--since` range, or no history) with `why`. */
  commit: CommitInfo | null;
  /** The range diffed, as git writes it (`<sha>`, `<a>..<b>` or `<since>..HEAD`). */
  range: string | null;
  diffstat: DiffStatEntry[] | null;
  /** The diffstat with file statuses. */
  files?: DiffFile[];
  /** The work range, its commits and the rule that chose them. */
  work?: WorkRange;
  why?: string;
}

export const docHistoryKey = (docPath: string) => `git:doc:${docPath}`;
/** Blob texts of the code and config files the work ranges change, by blob id: `Map<string, string>`. */
export const BLOBS_KEY = 'git:blobs';

/** How far back the one first-parent log reads; a report older than this is looked up on its own. */
const LOG_DEPTH = 500;
/** Reports older than the shared log each cost two git calls; at most this many are looked up. */
const MAX_OWN_LOGS = 50;
/** Blob texts read for change claims: at most this many files, this many bytes in all. */
const MAX_BLOB_FILES = 400;
const MAX_BLOB_BYTES = 16 * 1024 * 1024;

const STATUS: Record<string, FileStatus> = { A: 'added', D: 'deleted', M: 'modified', T: 'modified' };

export async function gatherFacts(snapshot: RepoSnapshot, documents: readonly ClaimDocument[], since?: string): Promise<Map<string, unknown>> {
  const facts = new Map<string, unknown>();
  const git = snapshot.git;
  const shallow = git ? await git.isShallow() : false;
  const inRepo = documents.some((d) => snapshot.hasFile(d.path));
  const log = git && inRepo && !since ? await git.log('HEAD', LOG_DEPTH) : null;
  const sinceFiles = git && inRepo && since ? await git.changedFiles(since, 'HEAD') : null;
  const wanted = new Map<string, ChangedFile>();
  // Reports committed together share their range: diff it once.
  const ranges = new Map<string, Promise<ChangedFile[] | null>>();
  const fallbacks = { count: 0 };
  for (const doc of documents) {
    const h = await docHistory(snapshot, git, shallow, log, sinceFiles, doc, ranges, fallbacks, since);
    facts.set(docHistoryKey(doc.path), h);
    for (const f of h.work?.files ?? []) if ((languageOf(f.path) || isConfigFile(f.path)) && !f.binary) wanted.set(`${f.before}\0${f.after}`, f);
  }
  if (git && wanted.size) {
    const ids: string[] = [];
    let bytes = 0;
    for (const f of [...wanted.values()].slice(0, MAX_BLOB_FILES)) {
      // The diff's line counts bound the size well enough to stop before reading a huge generated file.
      bytes += (f.added + f.removed) * 80;
      if (bytes > MAX_BLOB_BYTES) break;
      if (f.before) ids.push(f.before);
      if (f.after) ids.push(f.after);
    }
    facts.set(BLOBS_KEY, (await git.blobs(ids)) ?? new Map<string, string>());
  }
  return facts;
}

/** Paths a report names: its sections' files and the code spans shaped like paths. */
export function namedPaths(doc: ClaimDocument): string[] {
  const out = new Set<string>();
  for (const st of doc.statements) {
    if (st.subjectPath) out.add(st.subjectPath);
    for (const p of st.subjectPaths) out.add(p);
    for (const c of st.code) if (/^[\w./@-]+\.[A-Za-z]\w{0,5}$/.test(c) && (c.includes('/') || /\.(?:py|go|ts|tsx|js|jsx|mjs|cjs|java|rb|rs|c|h|cpp|cs|php|swift|kt|ya?ml|json|toml|sh|sql)$/i.test(c))) out.add(c);
  }
  return [...out].sort();
}

function toDiffFiles(files: readonly ChangedFile[]): DiffFile[] {
  return files.map((f) => ({ path: f.path, added: f.added, removed: f.removed, binary: f.binary, status: STATUS[f.status] ?? null }));
}

function withWork(commit: CommitInfo | null, work: WorkRange): DocHistory {
  return { commit, range: work.label, diffstat: work.files.map((f) => ({ path: f.path, added: f.added, removed: f.removed, binary: f.binary })), files: toDiffFiles(work.files), work };
}

async function docHistory(
  snapshot: RepoSnapshot,
  git: GitRepo | null,
  shallow: boolean,
  fullLog: LogCommit[] | null,
  sinceFiles: ChangedFile[] | null,
  doc: ClaimDocument,
  ranges: Map<string, Promise<ChangedFile[] | null>>,
  fallbacks: { count: number },
  since?: string,
): Promise<DocHistory> {
  const path = doc.path;
  const none = (why: string): DocHistory => ({ commit: null, range: null, diffstat: null, why });
  if (!snapshot.hasFile(path)) return none('the report is not a file of the repository');
  if (!git) {
    // A `.git` that git refuses to open is a damaged repository (deleted objects, a broken HEAD), not a plain folder.
    return none(existsSync(join(snapshot.root, '.git')) ? 'git cannot open the repository (.git is present but damaged: missing objects or a broken HEAD)' : 'the repository is not a git repository');
  }
  if (since) {
    const range = `${since}..HEAD`;
    if (!sinceFiles) return { commit: null, range, diffstat: null, why: `git could not diff ${range} (unknown revision${shallow ? ', or the shallow clone lacks it' : ''}, or missing objects)` };
    return withWork(null, { base: since, tip: 'HEAD', commits: [], label: range, rule: 'the --since range given on the command line', files: sinceFiles });
  }
  if (fullLog === null) return none('git could not read the history (missing objects or a damaged repository)');
  let log = fullLog;
  let found = findWork(log, path, namedPaths(doc));
  if (!found && log.length >= LOG_DEPTH) {
    // A report older than the shared log: read the history from its own last commit, for a bounded number of reports.
    if ((fallbacks.count += 1) > MAX_OWN_LOGS) return none(`the report was last changed more than ${LOG_DEPTH} commits ago and ${MAX_OWN_LOGS} older reports were already looked up`);
    const last = (await git.commitsTouching(path, 1))?.[0];
    const own = last ? await git.log(last.sha, LOG_DEPTH) : null;
    if (own) {
      log = own;
      found = findWork(own, path, namedPaths(doc));
    }
  }
  if (!found) return none('the report is not committed yet (no commit touches it)');
  const { commits, rule } = found;
  const tip = commits[0]!;
  const oldest = commits[commits.length - 1]!;
  // In a shallow clone a commit at the boundary looks like a root commit: diffing it against the
  // empty tree would count every file as added, so its parent must be known.
  if (!oldest.parents.length && shallow) return { commit: tip, range: tip.sha, diffstat: null, why: `shallow clone: the parent of ${oldest.sha.slice(0, 12)} is not in the clone` };
  const base = oldest.parents[0] ?? null;
  // Several commits: one diff of the whole range gives exact line counts (a line added then removed is no change).
  let files = combineFiles(commits);
  if (commits.length > 1 && base) {
    const key = `${base}..${tip.sha}`;
    if (!ranges.has(key)) ranges.set(key, git.changedFiles(base, tip.sha));
    files = (await ranges.get(key)!) ?? files;
  }
  return withWork(tip, { base, tip: tip.sha, commits, label: rangeLabel(commits), rule, files });
}
