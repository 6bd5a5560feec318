/**
 * RepoSnapshot: the audited tree as claimcheck sees it. File list (git-aware),
 * language by extension, lazy capped reads, and the one place that decides
 * whether a path may be read at all: nothing outside the root ever is.
 */
import { lstatSync, readdirSync, readFileSync, realpathSync, statSync, existsSync } from 'node:fs';
import { join, resolve, sep } from 'node:path';
import ignore, { type Ignore } from 'ignore';
import picomatch from 'picomatch';
import { languageOf, type Language } from './languages.js';
import { decodeText, looksBinary, countLines } from './text.js';
import { testMatcher } from './testpaths.js';
import { classifyNonProduction, type NonProductionFolder } from './production.js';
import { openGit, type GitRepo } from './git.js';
import { ignoredPathGlobs, type ClaimcheckConfig } from './config.js';

/** Why a file was not analysed; lands in the report's `skipped` list. */
export type SkipReason =
  | 'binary'
  | 'too-large'
  | 'outside-root'
  | 'unreadable'
  | 'parse-budget'
  | 'symlink-loop'
  | 'symlink-directory'
  | 'not-found'
  /** Parsed and linted, but a repository-wide analysis (type checking) did not cover it. */
  | 'partially-analysed';

export interface Skipped {
  path: string;
  reason: SkipReason;
  detail?: string;
}

export interface FileEntry {
  /** Repo-relative, `/`-separated. */
  path: string;
  size: number;
  language: Language | null;
  isTest: boolean;
  /** Set when the file lies in a folder of non-production code (production.ts): the folder and why. */
  nonProduction?: NonProductionFolder;
}

export type ReadResult =
  | { ok: true; text: string; invalidUtf8: boolean; lineCount: number; size: number }
  | { ok: false; reason: SkipReason; detail?: string };

export const DEFAULT_MAX_FILE_BYTES = 2 * 1024 * 1024;

/** Directories never walked outside git (inside git they are normally ignored anyway). */
const ALWAYS_IGNORED = ['.git/', 'node_modules/', '.hg/', '.svn/', '__pycache__/', '.venv/', '.tox/'];

export interface SnapshotOptions {
  config?: ClaimcheckConfig;
  /** Disable git even where `.git` exists (tests of the non-git path). */
  noGit?: boolean;
}

/** The audited tree: files, reads, git facts. */
export class RepoSnapshot {
  readonly files: FileEntry[];
  readonly skipped: Skipped[];
  /** Each `ignore` glob of the config with the number of files it kept out of the snapshot (0: it matches nothing). */
  readonly configIgnored: { glob: string; files: number }[] = [];
  private readonly byPath: Map<string, FileEntry>;
  private readonly dirs: Set<string>;
  private readonly cache = new Map<string, ReadResult>();
  private readonly gitignore: Ignore;

  private constructor(
    /** Absolute, real path of the root. */
    readonly root: string,
    /** The root as the user gave it (for the report's `target.root`). */
    readonly rootAsGiven: string,
    files: FileEntry[],
    skipped: Skipped[],
    readonly git: GitRepo | null,
    gitignore: Ignore,
    readonly maxFileBytes: number,
  ) {
    this.files = files.sort((a, b) => cmp(a.path, b.path));
    this.skipped = skipped.sort((a, b) => cmp(a.path, b.path) || cmp(a.reason, b.reason));
    this.byPath = new Map(this.files.map((f) => [f.path, f]));
    this.dirs = new Set();
    for (const f of this.files) {
      let i = f.path.lastIndexOf('/');
      while (i > 0) {
        const d = f.path.slice(0, i);
        if (this.dirs.has(d)) break;
        this.dirs.add(d);
        i = d.lastIndexOf('/');
      }
    }
    this.gitignore = gitignore;
  }

  /** Builds the snapshot of `rootArg`. Throws an Error with a one-line message when the root is unusable. */
  static async open(rootArg: string, opts: SnapshotOptions = {}): Promise<RepoSnapshot> {
    const abs = resolve(rootArg);
    if (!existsSync(abs)) throw new Error(`${rootArg}: no such directory; give the path of the repository to audit`);
    if (!statSync(abs).isDirectory()) throw new Error(`${rootArg}: not a directory; give the path of the repository to audit`);
    const root = realpathSync(abs);
    const config = opts.config ?? {};
    const isTest = testMatcher(config.tests ?? []);
    // One matcher per glob, so the report can say how many files each kept out (and which match none).
    const userGlobs = ignoredPathGlobs(config).map((glob) => ({ glob, match: picomatch(glob, { dot: true }), files: 0 }));
    const userIgnored = (p: string) => {
      let hit = false;
      for (const g of userGlobs) if (g.match(p)) (g.files++, (hit = true));
      return hit;
    };
    const maxFileBytes = config.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES;
    const git = opts.noGit ? null : await openGit(root);
    const gi = loadGitignores(root);
    gi.add(ALWAYS_IGNORED);

    const skipped: Skipped[] = [];
    let paths: string[];
    if (git) {
      paths = await git.listFiles();
    } else {
      paths = walk(root, gi, skipped);
    }
    const files: FileEntry[] = [];
    for (const p of paths) {
      if (userIgnored(p) || ALWAYS_IGNORED.some((d) => p.startsWith(d) || p.includes(`/${d}`))) continue;
      const abs = join(root, p);
      let st;
      try {
        st = lstatSync(abs);
      } catch {
        // Listed by git's index but deleted from the working tree.
        continue;
      }
      if (st.isSymbolicLink()) {
        const target = safeRealpath(abs);
        if (target === 'loop') {
          skipped.push({ path: p, reason: 'symlink-loop' });
          continue;
        }
        if (target === null) continue; // dangling link: nothing to read
        if (!isInside(root, target)) {
          skipped.push({ path: p, reason: 'outside-root', detail: 'symbolic link that leaves the repository' });
          continue;
        }
        try {
          st = statSync(abs);
        } catch {
          continue;
        }
        if (st.isDirectory()) {
          skipped.push({ path: p, reason: 'symlink-directory', detail: 'links are not followed into directories' });
          continue;
        }
      }
      if (!st.isFile()) continue;
      files.push({ path: p, size: st.size, language: languageOf(p), isTest: isTest(p) });
    }
    const nonProduction = classifyNonProduction(
      files.map((f) => f.path),
      { nonProduction: config.nonProduction, production: config.production },
    );
    for (const f of files) {
      const folder = nonProduction.get(f.path);
      if (folder) f.nonProduction = folder;
    }
    const snapshot = new RepoSnapshot(root, rootArg, files, skipped, git, gi, maxFileBytes);
    snapshot.configIgnored.push(...userGlobs.map((g) => ({ glob: g.glob, files: g.files })));
    return snapshot;
  }

  /** The entry of a repo-relative path, if the snapshot lists it. */
  file(path: string): FileEntry | undefined {
    return this.byPath.get(path);
  }

  hasFile(path: string): boolean {
    return this.byPath.has(path);
  }

  /** True for a directory that contains at least one listed file. */
  hasDir(path: string): boolean {
    return this.dirs.has(path.replace(/\/+$/, ''));
  }

  /** Whether .gitignore (or the always-ignored set) matches a repo-relative path. */
  isIgnored(path: string): boolean {
    try {
      return this.gitignore.ignores(path);
    } catch {
      return false;
    }
  }

  /**
   * Reads a listed file: cached, capped, binary-checked, UTF-8 tolerant.
   * Refuses anything the snapshot does not list, so no path from a report can
   * make claimcheck read outside the root.
   */
  read(path: string): ReadResult {
    const hit = this.cache.get(path);
    if (hit) return hit;
    const entry = this.byPath.get(path);
    let result: ReadResult;
    if (!entry) result = { ok: false, reason: 'not-found' };
    else if (entry.size > this.maxFileBytes) result = { ok: false, reason: 'too-large', detail: `${entry.size} bytes > ${this.maxFileBytes}` };
    else {
      try {
        const bytes = readFileSync(join(this.root, path));
        if (looksBinary(bytes)) result = { ok: false, reason: 'binary' };
        else {
          const { text, invalidUtf8 } = decodeText(bytes);
          result = { ok: true, text, invalidUtf8, lineCount: countLines(text), size: bytes.length };
        }
      } catch (err) {
        result = { ok: false, reason: 'unreadable', detail: (err as NodeJS.ErrnoException).code ?? String(err) };
      }
    }
    this.cache.set(path, result);
    return result;
  }

  /** Drops cached texts (large scans read each file once). */
  forget(path: string): void {
    this.cache.delete(path);
  }
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function isInside(root: string, abs: string): boolean {
  return abs === root || abs.startsWith(root.endsWith(sep) ? root : root + sep);
}

function safeRealpath(abs: string): string | null | 'loop' {
  try {
    return realpathSync(abs);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    return code === 'ELOOP' ? 'loop' : null;
  }
}

/** Reads every .gitignore below the root into one matcher with paths re-based to the root. */
function loadGitignores(root: string): Ignore {
  const ig = ignore();
  const visit = (dir: string, rel: string, depth: number) => {
    if (depth > 40) return;
    const gi = join(dir, '.gitignore');
    if (existsSync(gi)) {
      try {
        for (const raw of readFileSync(gi, 'utf8').split(/\r?\n/)) {
          const line = raw.trim();
          if (!line || line.startsWith('#')) continue;
          ig.add(rebase(line, rel));
        }
      } catch {
        /* an unreadable .gitignore ignores nothing */
      }
    }
    let entries;
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of entries) {
      if (!e.isDirectory() || e.isSymbolicLink()) continue;
      if (e.name === '.git' || e.name === 'node_modules') continue;
      const childRel = rel ? `${rel}/${e.name}` : e.name;
      if (rel && ig.ignores(childRel + '/')) continue;
      visit(join(dir, e.name), childRel, depth + 1);
    }
  };
  visit(root, '', 0);
  return ig;
}

/** A pattern from `dir/.gitignore` expressed relative to the root. */
function rebase(pattern: string, rel: string): string {
  if (!rel) return pattern;
  const neg = pattern.startsWith('!');
  let p = neg ? pattern.slice(1) : pattern;
  const anchored = p.startsWith('/') || p.replace(/\/$/, '').includes('/');
  p = p.replace(/^\//, '');
  const out = anchored ? `${rel}/${p}` : `${rel}/**/${p}`;
  return neg ? `!${out}` : out;
}

/** Outside git: every file below the root that .gitignore does not match. Directory symlinks are not followed. */
function walk(root: string, ig: Ignore, skipped: Skipped[]): string[] {
  const out: string[] = [];
  const stack: string[] = [''];
  while (stack.length) {
    const rel = stack.pop()!;
    let entries;
    try {
      entries = readdirSync(rel ? join(root, rel) : root, { withFileTypes: true });
    } catch (err) {
      skipped.push({ path: rel || '.', reason: 'unreadable', detail: (err as NodeJS.ErrnoException).code });
      continue;
    }
    for (const e of entries) {
      const p = rel ? `${rel}/${e.name}` : e.name;
      if (e.isDirectory()) {
        if (!ig.ignores(p + '/')) stack.push(p);
      } else if (!ig.ignores(p)) {
        out.push(p);
      }
    }
  }
  return out;
}
