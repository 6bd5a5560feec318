/**
 * Git facts through simple-git. Every call tolerates a broken repository
 * (missing objects, shallow clone, no commits): it answers null or [] and the
 * caller says "unverifiable", never crashes.
 */
import { simpleGit, type SimpleGit } from 'simple-git';

export interface DiffStatEntry {
  path: string;
  added: number;
  removed: number;
  binary: boolean;
}

export interface CommitInfo {
  sha: string;
  date: string;
  subject: string;
}

/** A git work tree that contains the audited root. */
export interface GitRepo {
  /** The audited root's path inside the work tree (`''` at top level, else `sub/dir/`). */
  prefix: string;
  /** Tracked plus untracked-not-ignored files, relative to the audited root. */
  listFiles(): Promise<string[]>;
  head(): Promise<string | null>;
  branch(): Promise<string | null>;
  remoteUrl(): Promise<string | null>;
  isShallow(): Promise<boolean>;
  /** Commits that touched a root-relative path, newest first. */
  commitsTouching(path: string, max?: number): Promise<CommitInfo[] | null>;
  /**
   * The last commit that touched each root-relative path (as `commitsTouching(path, 1)` answers);
   * a path no commit touches is left out. Null when git cannot read the history.
   */
  lastCommits(paths: readonly string[]): Promise<Map<string, CommitInfo> | null>;
  /** Every path at a revision (files, symbolic links and directories), root-relative; null when git cannot list it. */
  pathsAt(rev: string): Promise<Set<string> | null>;
  /** numstat of `rev^..rev` (or the root commit) or of a range `a..b`, root-relative paths. */
  diffStat(revOrRange: string): Promise<DiffStatEntry[] | null>;
  /** Unified diff of a commit or range, limited to root. */
  diff(revOrRange: string): Promise<string | null>;
  /** A file's text at a revision (root-relative path), or null. */
  show(rev: string, path: string): Promise<string | null>;
  /**
   * Lines added or changed since `rev` (against the working tree), by
   * root-relative path, new-side line numbers. Null when git cannot diff.
   */
  changedLines(rev: string): Promise<Map<string, Set<number>> | null>;
}

/** Parses `git diff -U0` output into new-side changed lines per path. */
export function parseChangedLines(diff: string, toRoot: (p: string) => string = (p) => p): Map<string, Set<number>> {
  const out = new Map<string, Set<number>>();
  let current: Set<number> | null = null;
  for (const line of diff.split('\n')) {
    if (line.startsWith('+++ ')) {
      const p = line.slice(4).trim();
      if (p === '/dev/null') {
        current = null;
        continue;
      }
      const path = toRoot(p.replace(/^b\//, ''));
      current = out.get(path) ?? new Set<number>();
      out.set(path, current);
      continue;
    }
    const m = /^@@ -\d+(?:,\d+)? \+(\d+)(?:,(\d+))? @@/.exec(line);
    if (m && current) {
      const start = Number(m[1]);
      const count = m[2] === undefined ? 1 : Number(m[2]);
      for (let i = 0; i < count; i++) current.add(start + i);
    }
  }
  return out;
}

/** Paths per `git log` call: keeps the command line short on every platform. */
const LOG_PATHS_PER_CALL = 100;

/** `%H%x09%cI%x09%s`, one commit per line. */
function parseCommitLine(l: string): CommitInfo {
  const [sha, date, ...rest] = l.split('\t');
  return { sha: sha!, date: date!, subject: rest.join('\t') };
}

/**
 * Parses `git log --name-only -z --format=%x01%H%x09%cI%x09%s` (newest first) into the first commit
 * that names each wanted path, or a file below it (a pathspec also matches a directory's files).
 */
export function parseLastCommits(log: string, wanted: ReadonlySet<string>, toRoot: (p: string) => string = (p) => p): Map<string, CommitInfo> {
  const out = new Map<string, CommitInfo>();
  for (const chunk of log.split('\x01')) {
    if (!chunk) continue;
    const end = chunk.indexOf('\0');
    const commit = parseCommitLine(end < 0 ? chunk.replace(/\n+$/, '') : chunk.slice(0, end));
    if (end < 0) continue;
    for (const raw of chunk.slice(end + 1).split('\0')) {
      const name = toRoot(raw.replace(/^\n+/, ''));
      if (!name) continue;
      for (let p = name; p; p = p.slice(0, Math.max(0, p.lastIndexOf('/')))) {
        if (wanted.has(p) && !out.has(p)) out.set(p, commit);
      }
    }
  }
  return out;
}

export async function openGit(root: string): Promise<GitRepo | null> {
  const git: SimpleGit = simpleGit({ baseDir: root, binary: 'git', maxConcurrentProcesses: 4, timeout: { block: 60_000 } });
  let prefix: string;
  try {
    const inside = (await git.raw(['rev-parse', '--is-inside-work-tree'])).trim();
    if (inside !== 'true') return null;
    prefix = (await git.raw(['rev-parse', '--show-prefix'])).trim();
  } catch {
    return null;
  }
  // A root that an enclosing repository ignores (a scratch checkout, a build
  // folder) is not that repository's content: treat it as outside git.
  if (prefix) {
    try {
      const top = (await git.raw(['rev-parse', '--show-toplevel'])).trim();
      // check-ignore prints the path when ignored and nothing otherwise.
      const out = await simpleGit({ baseDir: top }).raw(['check-ignore', '--no-index', prefix.replace(/\/$/, '')]);
      if (out.trim()) return null;
    } catch {
      /* cannot tell: keep git */
    }
  }
  const safe = async <T>(f: () => Promise<T>): Promise<T | null> => {
    try {
      return await f();
    } catch {
      return null;
    }
  };
  const toRoot = (p: string) => (prefix && p.startsWith(prefix) ? p.slice(prefix.length) : p);
  const rangeOf = async (revOrRange: string): Promise<string[] | null> => {
    if (revOrRange.includes('..')) return [revOrRange];
    const parent = await safe(() => git.raw(['rev-parse', '--verify', '--quiet', `${revOrRange}^`]));
    if (parent && parent.trim()) return [`${revOrRange}^`, revOrRange];
    // Root commit: diff against the empty tree.
    return ['4b825dc642cb6eb9a060e54bf8d69288fbee4904', revOrRange];
  };
  return {
    prefix,
    async listFiles() {
      const out = await git.raw(['ls-files', '-z', '--cached', '--others', '--exclude-standard']);
      return [...new Set(out.split('\0').filter(Boolean))];
    },
    head: () => safe(async () => (await git.raw(['rev-parse', '--verify', 'HEAD'])).trim() || null),
    branch: () =>
      safe(async () => {
        const b = (await git.raw(['symbolic-ref', '--short', '-q', 'HEAD'])).trim();
        return b || null;
      }),
    remoteUrl: () =>
      safe(async () => {
        const remotes = await git.getRemotes(true);
        const r = remotes.find((x) => x.name === 'origin') ?? remotes[0];
        return r?.refs.fetch || null;
      }),
    isShallow: async () => (await safe(async () => (await git.raw(['rev-parse', '--is-shallow-repository'])).trim() === 'true')) ?? false,
    commitsTouching: (path, max = 50) =>
      safe(async () => {
        const out = await git.raw(['log', `-n${max}`, '--format=%H%x09%cI%x09%s', '--', path]);
        return out.split('\n').filter(Boolean).map(parseCommitLine);
      }),
    lastCommits: (paths) =>
      safe(async () => {
        const out = new Map<string, CommitInfo>();
        if (!paths.length) return out;
        // Without merges, `git log -- p` lists exactly the commits whose diff names p, so one pass
        // answers for every path. With merges, git simplifies history per pathspec (a merge that
        // keeps p from one parent hides the other side), so each path is asked on its own.
        const merges = (await git.raw(['rev-list', '--merges', '--max-count=1', 'HEAD'])).trim();
        if (merges) {
          for (const p of paths) {
            const line = (await git.raw(['log', '-n1', '--format=%H%x09%cI%x09%s', '--', p])).split('\n')[0];
            if (line) out.set(p, parseCommitLine(line));
          }
          return out;
        }
        for (let i = 0; i < paths.length; i += LOG_PATHS_PER_CALL) {
          const chunk = paths.slice(i, i + LOG_PATHS_PER_CALL);
          const log = await git.raw(['log', '--no-renames', '--name-only', '-z', '--format=%x01%H%x09%cI%x09%s', '--', ...chunk]);
          for (const [p, c] of parseLastCommits(log, new Set(chunk), toRoot)) out.set(p, c);
        }
        return out;
      }),
    pathsAt: (rev) =>
      safe(async () => {
        // Run in the root, ls-tree lists the root's entries relative to it, as `show rev:./path` reads them.
        const out = await git.raw(['ls-tree', '-r', '-t', '-z', rev]);
        const paths = new Set<string>();
        for (const rec of out.split('\0')) {
          const tab = rec.indexOf('\t');
          // A submodule (gitlink) names a commit of another repository: `show` cannot read it.
          if (tab < 0 || / commit /.test(rec.slice(0, tab))) continue;
          const path = rec.slice(tab + 1);
          // In a subdirectory, the listing starts with the root itself as `./`.
          if (path !== './') paths.add(path);
        }
        return paths;
      }),
    diffStat: (revOrRange) =>
      safe(async () => {
        const range = await rangeOf(revOrRange);
        if (!range) return null;
        const out = await git.raw(['diff', '--numstat', '-z', '--no-renames', ...range, '--', '.']);
        const entries: DiffStatEntry[] = [];
        for (const rec of out.split('\0').filter(Boolean)) {
          const m = /^(-|\d+)\t(-|\d+)\t(.*)$/s.exec(rec.replace(/^\n/, ''));
          if (!m) continue;
          entries.push({
            path: toRoot(m[3]!),
            added: m[1] === '-' ? 0 : Number(m[1]),
            removed: m[2] === '-' ? 0 : Number(m[2]),
            binary: m[1] === '-',
          });
        }
        return entries;
      }),
    diff: (revOrRange) =>
      safe(async () => {
        const range = await rangeOf(revOrRange);
        if (!range) return null;
        return git.raw(['diff', '--no-color', '--no-renames', '-U0', ...range, '--', '.']);
      }),
    show: (rev, path) => safe(() => git.raw(['show', `${rev}:./${path}`])),
    changedLines: (rev) =>
      safe(async () => {
        await git.raw(['rev-parse', '--verify', `${rev}^{commit}`]);
        const diff = await git.raw(['diff', '--no-color', '--no-renames', '--no-ext-diff', '-U0', rev, '--', '.']);
        const changed = parseChangedLines(diff, toRoot);
        // Untracked files are wholly new.
        const untracked = (await git.raw(['ls-files', '-z', '--others', '--exclude-standard'])).split('\0').filter(Boolean);
        for (const p of untracked) changed.set(p, new Set([Number.POSITIVE_INFINITY]));
        return changed;
      }),
  };
}
