/**
 * Resolving a path as a report writes it to a file of the snapshot. Reports
 * use repo-relative paths with a leading slash, other machines' absolute
 * paths, and bare names several files share; none of them may make
 * claimcheck read outside the root.
 */
import type { RepoSnapshot } from './snapshot.js';

export type PathResolution =
  | {
      status: 'found';
      path: string;
      isDir: boolean;
      how: 'exact' | 'leading-slash' | 'absolute-under-root' | 'beside-report' | 'suffix';
      note?: string;
      /** Archived copies the written path also matches, passed over for the live file: where a claim about the live one fails, the copy may be what the report meant. */
      archived?: string[];
    }
  | { status: 'ambiguous'; candidates: string[]; note: string }
  | { status: 'absent'; ignored: boolean; normalized: string; note: string }
  | { status: 'outside-root'; note: string };

/** Cleans a mention: backslashes, `./`, quotes, trailing `:line` are the caller's job. */
export function normalizeMention(raw: string): string {
  return raw.trim().replace(/^[`'"]+|[`'"]+$/g, '').replace(/\\/g, '/').replace(/\/{2,}/g, '/');
}

/** Collapses `.` and `..`; returns null when `..` climbs above the start. */
export function collapse(path: string): string | null {
  const out: string[] = [];
  for (const part of path.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') {
      if (!out.length) return null;
      out.pop();
    } else out.push(part);
  }
  return out.join('/');
}

const MAX_CANDIDATES = 8;

/**
 * Exact path, then without the leading slash, then (for absolute paths) under
 * the root, then the longest path suffix that matches listed files or
 * directories. Several equally long matches are ambiguous.
 */
export function resolveMention(snapshot: RepoSnapshot, raw: string, reportDir?: string): PathResolution {
  // Reports repeat their paths, and an audit of many reports repeats them thousands of times:
  // a resolution depends only on the snapshot, the words and the report's folder, so it is made once.
  const memo = indexOf(snapshot).resolved;
  const key = reportDir ? `${reportDir}\0${raw}` : raw;
  let hit = memo.get(key);
  if (!hit) memo.set(key, (hit = resolveUncached(snapshot, raw, reportDir)));
  return hit;
}

function resolveUncached(snapshot: RepoSnapshot, raw: string, reportDir?: string): PathResolution {
  const mention = normalizeMention(raw);
  if (!mention) return { status: 'absent', ignored: false, normalized: '', note: 'empty path' };
  const wantsDir = mention.endsWith('/');
  const isAbsolute = mention.startsWith('/') || /^[A-Za-z]:\//.test(mention);

  if (!isAbsolute) {
    const rel = collapse(mention);
    if (rel === null) return { status: 'outside-root', note: `${mention} climbs above the repository root; it was not read` };
    const hit = lookup(snapshot, rel, wantsDir);
    if (hit) return { status: 'found', path: rel, isDir: hit === 'dir', how: 'exact' };
    // A relative path not at the root is read as a link in the report would be: from the report's folder.
    const beside = reportDir ? collapse(`${reportDir}/${rel}`) : null;
    const near = beside ? lookup(snapshot, beside, wantsDir) : null;
    if (beside && near) return { status: 'found', path: beside, isDir: near === 'dir', how: 'beside-report', note: `report names ${mention}; found beside the report as ${beside}` };
    return suffixOrAbsent(snapshot, rel, wantsDir, mention, false);
  }

  // An absolute path of this machine inside the root: strip the root.
  const rootSlash = snapshot.root.replace(/\\/g, '/');
  if (mention.startsWith(rootSlash + '/') || mention === rootSlash) {
    const rel = collapse(mention.slice(rootSlash.length)) ?? '';
    const hit = lookup(snapshot, rel, wantsDir);
    if (hit) return { status: 'found', path: rel, isDir: hit === 'dir', how: 'absolute-under-root' };
  }
  const stripped = collapse(mention.replace(/^[A-Za-z]:/, ''));
  if (stripped === null) return { status: 'outside-root', note: `${mention} climbs above /; it was not read` };
  // Leading slash, repo-relative (`/netbox_hedgehog/jobs/x.py`).
  const hit = lookup(snapshot, stripped, wantsDir);
  if (hit) return { status: 'found', path: stripped, isDir: hit === 'dir', how: 'leading-slash' };
  return suffixOrAbsent(snapshot, stripped, wantsDir, mention, true);
}

function lookup(snapshot: RepoSnapshot, rel: string, wantsDir: boolean): 'file' | 'dir' | null {
  if (rel === '') return 'dir';
  if (!wantsDir && snapshot.hasFile(rel)) return 'file';
  if (snapshot.hasDir(rel)) return 'dir';
  return null;
}

/**
 * The written components must all be a suffix of the real path: `src/a.ts`
 * matches `pkg/src/a.ts`, never `src/core/a.ts` or `lib/a.ts`. Only an
 * absolute path may lose leading components, and only when they are another
 * machine's prefix (`/home/kp/repos/app/tests/x.py`): a leading-slash path
 * whose first folder is at this repository's root (`/app/jobs/x.py`) is
 * repo-relative, and stands or falls as written.
 */
function suffixOrAbsent(snapshot: RepoSnapshot, rel: string, wantsDir: boolean, mention: string, absolute: boolean): PathResolution {
  const parts = rel.split('/').filter(Boolean);
  const repoRelative = !absolute || (parts.length > 1 && snapshot.hasDir(parts[0]!));
  const lastStart = repoRelative ? 0 : parts.length - 1;
  // Longest suffix first; a suffix must keep at least the last component.
  for (let start = 0; start <= lastStart; start++) {
    const suffix = parts.slice(start).join('/');
    const all = candidatesEndingWith(snapshot, suffix, wantsDir);
    const matches = preferLive(all, suffix, absolute);
    if (matches.length === 1) {
      const m = matches[0]!;
      const dropped = parts.slice(0, start).join('/');
      const archived = all.filter((c) => c.path !== m.path && isArchivedCopy(c.path)).map((c) => c.path);
      return {
        status: 'found',
        path: m.path,
        isDir: m.isDir,
        how: 'suffix',
        ...(archived.length ? { archived } : {}),
        note:
          m.path === rel
            ? undefined
            : `report names ${mention}; resolved by path suffix '${suffix}' to ${m.path}${dropped ? ` (leading '${dropped}' not in the repository)` : ''}`,
      };
    }
    if (matches.length > 1) {
      const list = matches.slice(0, MAX_CANDIDATES).map((m) => m.path);
      return {
        status: 'ambiguous',
        candidates: list,
        note: `${mention} matches ${matches.length} paths by suffix '${suffix}': ${list.join(', ')}${matches.length > MAX_CANDIDATES ? ', …' : ''}`,
      };
    }
  }
  const ignored = snapshot.isIgnored(rel) || snapshot.isIgnored(parts[parts.length - 1] ?? rel);
  const near = ignored || parts.length < 2 ? [] : candidatesEndingWith(snapshot, parts[parts.length - 1]!, wantsDir).map((m) => m.path);
  const didYouMean = near.length ? `; did you mean ${near.slice(0, 3).join(', ')}${near.length > 3 ? `, … (${near.length} files of that name)` : ''}?` : '';
  return {
    status: 'absent',
    ignored,
    normalized: rel,
    note: ignored ? `${mention} is not in the repository but .gitignore matches it: it may exist on the author's machine` : `${mention} is not in the repository${didYouMean}`,
  };
}

/** Folders of copies kept aside: `dwcp.v1.backup/`, `archive/`, `old/`. */
const ARCHIVED = /(?:^|\/)(?:[^/]*backup[^/]*|archives?|archived[^/]*|old|deprecated|\.bak[^/]*)(?:\/|$)/i;

/** Whether a path lies in (or is) a folder of copies kept aside: not the live code a report is about. */
export function isArchivedCopy(path: string): boolean {
  return ARCHIVED.test(path);
}

/**
 * Among several files a written path could be, the one a report means: for
 * another machine's absolute path, the one at this repository's root
 * (`/home/u/app/tests/chaos` → `tests/chaos`, not `backend/tests/chaos`);
 * otherwise the only one outside an archived copy (`dwcp/x.go`, not
 * `dwcp.v1.backup/x.go`). Anything else stays ambiguous.
 */
function preferLive<T extends { path: string }>(matches: T[], suffix: string, absolute: boolean): T[] {
  if (matches.length < 2) return matches;
  if (absolute) {
    const atRoot = matches.filter((m) => m.path === suffix);
    if (atRoot.length === 1) return atRoot;
  }
  const live = matches.filter((m) => !isArchivedCopy(m.path));
  return live.length === 1 ? live : matches;
}

/** What suffix lookups need, built once per snapshot: files and directories by their last component. */
interface PathIndex {
  filesByName: Map<string, string[]>;
  dirsByName: Map<string, string[]>;
  resolved: Map<string, PathResolution>;
}

const indexes = new WeakMap<RepoSnapshot, PathIndex>();

function lastPart(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

function indexOf(snapshot: RepoSnapshot): PathIndex {
  let index = indexes.get(snapshot);
  if (index) return index;
  const filesByName = new Map<string, string[]>();
  const dirsByName = new Map<string, string[]>();
  const dirs = new Set<string>();
  const add = (map: Map<string, string[]>, path: string) => {
    const name = lastPart(path);
    const list = map.get(name);
    if (list) list.push(path);
    else map.set(name, [path]);
  };
  for (const f of snapshot.files) {
    add(filesByName, f.path);
    for (let i = f.path.lastIndexOf('/'); i > 0; i = f.path.lastIndexOf('/', i - 1)) {
      const d = f.path.slice(0, i);
      if (dirs.has(d)) break;
      dirs.add(d);
      add(dirsByName, d);
    }
  }
  index = { filesByName, dirsByName, resolved: new Map() };
  indexes.set(snapshot, index);
  return index;
}

/** Files whose path starts with `prefix`: a contiguous run of the sorted file list. */
function filesUnder(snapshot: RepoSnapshot, prefix: string): string[] {
  const files = snapshot.files;
  let lo = 0;
  let hi = files.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (files[mid]!.path < prefix) lo = mid + 1;
    else hi = mid;
  }
  const out: string[] = [];
  for (let i = lo; i < files.length && files[i]!.path.startsWith(prefix); i++) out.push(files[i]!.path);
  return out;
}

function candidatesEndingWith(snapshot: RepoSnapshot, suffix: string, wantsDir: boolean): { path: string; isDir: boolean }[] {
  const out: { path: string; isDir: boolean }[] = [];
  const tail = '/' + suffix;
  const index = indexOf(snapshot);
  const name = lastPart(suffix);
  const ends = (p: string) => p === suffix || p.endsWith(tail);
  if (!wantsDir) {
    for (const p of index.filesByName.get(name) ?? []) if (ends(p)) out.push({ path: p, isDir: false });
  }
  if (out.length === 0) {
    // Each file names the deepest of its directories that ends with the suffix; every such
    // directory is one of the candidates, so only the files below them need looking at.
    const seen = new Set<string>();
    const files = new Set<string>();
    for (const d of index.dirsByName.get(name) ?? []) if (ends(d)) for (const p of filesUnder(snapshot, d + '/')) files.add(p);
    for (const p of files) {
      const idx = ('/' + p).lastIndexOf(tail + '/');
      if (idx < 0) continue;
      const dir = ('/' + p).slice(1, idx + tail.length);
      if (!seen.has(dir)) {
        seen.add(dir);
        out.push({ path: dir, isDir: true });
      }
    }
  }
  return out.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}
