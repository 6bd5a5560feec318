/**
 * Git facts through simple-git. Every call tolerates a broken repository
 * (missing objects, shallow clone, no commits): it answers null or [] and the
 * caller says "unverifiable", never crashes.
 */
import { spawn } from 'node:child_process';
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

/** One file a commit (or a range) changed, with the blobs on both sides (null where the file did not exist). */
export interface ChangedFile extends DiffStatEntry {
  /** git's status letter: A, M, D, T (type change). */
  status: string;
  before: string | null;
  after: string | null;
}

/** A commit of a first-parent log, with what it changed against its first parent. */
export interface LogCommit extends CommitInfo {
  parents: string[];
  authorEmail: string;
  files: ChangedFile[];
}

/** git's id of "no blob" in raw diff output. */
const NULL_BLOB = /^0+$/;

/**
 * Parses `git log --format=%x1e%H%x1f%P%x1f%ae%x1f%cI%x1f%s --raw --numstat`
 * (or `git diff --raw --numstat`, one record without a header) into commits.
 */
export function parseRawLog(out: string, toRoot: (p: string) => string = (p) => p): LogCommit[] {
  const commits: LogCommit[] = [];
  for (const rec of out.split('\x1e')) {
    if (!rec.trim()) continue;
    const nl = rec.indexOf('\n');
    const head = nl < 0 ? rec : rec.slice(0, nl);
    const [sha, parents, email, date, ...subject] = head.split('\x1f');
    commits.push({ sha: sha!, date: date ?? '', subject: subject.join('\x1f'), parents: (parents ?? '').split(' ').filter(Boolean), authorEmail: email ?? '', files: parseRawDiff(nl < 0 ? '' : rec.slice(nl + 1), toRoot) });
  }
  return commits;
}

/** The `--raw --numstat` lines of one diff, joined by path. */
export function parseRawDiff(text: string, toRoot: (p: string) => string = (p) => p): ChangedFile[] {
  const byPath = new Map<string, ChangedFile>();
  const stats = new Map<string, { added: number; removed: number; binary: boolean }>();
  for (const line of text.split('\n')) {
    const raw = /^:\d+ \d+ ([0-9a-f]+) ([0-9a-f]+) ([A-Z])\d*\t(.*)$/.exec(line);
    if (raw) {
      const path = toRoot(unquote(raw[4]!));
      byPath.set(path, { path, status: raw[3]!, before: NULL_BLOB.test(raw[1]!) ? null : raw[1]!, after: NULL_BLOB.test(raw[2]!) ? null : raw[2]!, added: 0, removed: 0, binary: false });
      continue;
    }
    const num = /^(-|\d+)\t(-|\d+)\t(.*)$/.exec(line);
    if (num) stats.set(toRoot(unquote(num[3]!)), { added: num[1] === '-' ? 0 : Number(num[1]), removed: num[2] === '-' ? 0 : Number(num[2]), binary: num[1] === '-' });
  }
  for (const [path, f] of byPath) Object.assign(f, stats.get(path) ?? {});
  return [...byPath.values()];
}

/** git's C-style quoting of unusual paths (`"a\\tb"`), undone. */
function unquote(p: string): string {
  if (!(p.startsWith('"') && p.endsWith('"'))) return p;
  const bytes: number[] = [];
  const body = p.slice(1, -1);
  const esc: Record<string, number> = { n: 10, t: 9, r: 13, '"': 34, '\\': 92, a: 7, b: 8, f: 12, v: 11 };
  for (let i = 0; i < body.length; i++) {
    const c = body[i]!;
    if (c !== '\\') {
      bytes.push(...Buffer.from(c, 'utf8'));
      continue;
    }
    const oct = /^[0-7]{3}/.exec(body.slice(i + 1));
    if (oct) {
      bytes.push(parseInt(oct[0], 8));
      i += 3;
    } else {
      bytes.push(esc[body[i + 1]!] ?? body.charCodeAt(i + 1));
      i += 1;
    }
  }
  return Buffer.from(bytes).toString('utf8');
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
  /**
   * The first-parent history from `rev`, newest first, at most `max` commits,
   * each with the files it changed under the root (one `git log` call).
   */
  log(rev: string, max: number): Promise<LogCommit[] | null>;
  /** Files changed between two revisions, with blobs and line counts (one `git diff` call). */
  changedFiles(base: string, tip: string): Promise<ChangedFile[] | null>;
  /** The texts of blobs by id (one `git cat-file --batch` call); missing blobs are left out. */
  blobs(ids: readonly string[]): Promise<Map<string, string> | null>;
  /** Commits that touched a root-relative path, newest first. */
  commitsTouching(path: string, max?: number): Promise<CommitInfo[] | null>;
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

/** `%H%x09%cI%x09%s`, one commit per line. */
function parseCommitLine(l: string): CommitInfo {
  const [sha, date, ...rest] = l.split('\t');
  return { sha: sha!, date: date!, subject: rest.join('\t') };
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
    log: (rev, max) =>
      safe(async () => {
        const out = await git.raw(['-c', 'core.quotepath=false', 'log', '--first-parent', `-n${max}`, '--format=%x1e%H%x1f%P%x1f%ae%x1f%cI%x1f%s', '--raw', '--numstat', '--no-renames', '--no-abbrev', rev, '--', '.']);
        return parseRawLog(out, toRoot);
      }),
    changedFiles: (base, tip) =>
      safe(async () => parseRawDiff(await git.raw(['-c', 'core.quotepath=false', 'diff', '--raw', '--numstat', '--no-renames', '--no-abbrev', base, tip, '--', '.']), toRoot)),
    blobs: (ids) => safe(() => catFileBatch(root, ids)),
    commitsTouching: (path, max = 50) =>
      safe(async () => {
        const out = await git.raw(['log', `-n${max}`, '--format=%H%x09%cI%x09%s', '--', path]);
        return out.split('\n').filter(Boolean).map(parseCommitLine);
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

/** Reads many blobs through one `git cat-file --batch` process. */
function catFileBatch(cwd: string, ids: readonly string[]): Promise<Map<string, string>> {
  return new Promise((resolve, reject) => {
    const child = spawn('git', ['cat-file', '--batch'], { cwd, stdio: ['pipe', 'pipe', 'ignore'] });
    const chunks: Buffer[] = [];
    child.stdout.on('data', (c: Buffer) => chunks.push(c));
    child.on('error', reject);
    child.on('close', () => {
      const buf = Buffer.concat(chunks);
      const out = new Map<string, string>();
      let at = 0;
      while (at < buf.length) {
        const nl = buf.indexOf(10, at);
        if (nl < 0) break;
        const header = buf.subarray(at, nl).toString('utf8').split(' ');
        at = nl + 1;
        if (header[1] === 'missing' || header.length < 3) continue;
        const size = Number(header[2]);
        if (header[1] === 'blob') out.set(header[0]!, buf.subarray(at, at + size).toString('utf8'));
        at += size + 1;
      }
      resolve(out);
    });
    child.stdin.end([...new Set(ids)].join('\n') + '\n');
  });
}
