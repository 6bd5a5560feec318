/**
 * Which files are not production code: copies kept aside, archives,
 * examples, demos, proofs of concept, research prototypes, documentation
 * snippets, agents' scratch workspaces. A canned answer or a request
 * without a timeout there is not what ships; a build error there still is
 * one when the build reaches the folder (rules/types.ts says which finding
 * categories apply where).
 *
 * Folder names decide, and only names that mean "not the product" in any
 * repository: `examples/` or `dwcp.v1.backup/` anywhere; names that a real
 * feature could carry (`archive`, `backup`, `templates`, `research`, `docs`)
 * only at the top of the repository, where they name a kind of content
 * rather than a module. Signals come from the repository itself: a folder
 * whose name is a sibling's name plus a date or a word for an earlier state
 * (`store-2024-01-05`, `api_prev`) and that holds the sibling's files is a
 * copy of it; and a top-level folder that is mostly prose (notes, plans,
 * reports) and no package is documentation, its code files scripts kept
 * with the notes. `.claimcheck.yml` adds folders (`nonProduction:`) and keeps
 * others (`production:`).
 */
import picomatch from 'picomatch';

/** Why a path is not production code. */
export type NonProductionReason = 'backup' | 'archive' | 'copy' | 'example' | 'demo' | 'template' | 'docs' | 'research' | 'proof-of-concept' | 'agent-workspace' | 'scratch' | 'configured';

/** A folder of non-production code and why. */
export interface NonProductionFolder {
  path: string;
  reason: NonProductionReason;
}

interface NameRule {
  reason: NonProductionReason;
  /** Matches one folder name. */
  name: RegExp;
  /** Only as the first folder of a path: the name is also an ordinary module name deeper down. */
  topOnly?: boolean;
}

/** A separator between words of a folder name. */
const S = '[._ -]';
/** A date or timestamp suffix, as backup scripts write them (`20250811_100741`, `2024-01-05`). */
const DATE = '\\d{4}-?\\d{2}-?\\d{2}(?:[T_-]?\\d{4,6})?';

/**
 * Folder names, by reason. The list is about kinds of content, not any one
 * repository; a name a feature module could carry (`backup` for a backup
 * service, `archive` for an archiving feature, `sample` for sampling,
 * `workspaces` for a product's workspaces) is either top-only or left out.
 */
const NAME_RULES: NameRule[] = [
  { reason: 'backup', name: /^(?:backups?|bak)$/i, topOnly: true },
  // Written by editors and backup scripts: `dwcp.v1.backup`, `api.bak`, `x.orig`, `backup_20250811_100741`, `x_bak`.
  { reason: 'backup', name: new RegExp(`^(?:.+\\.(?:backup|bak|orig)|.+[_-]bak|(?:.+${S})?backups?${S}${DATE}.*)$`, 'i') },
  { reason: 'archive', name: /^(?:archives?|archived|attic|obsolete)$/i, topOnly: true },
  { reason: 'archive', name: new RegExp(`^(?:.+${S}(?:archived|old|deprecated|obsolete)|(?:archived|old|deprecated|obsolete)${S}.+|old|deprecated)$`, 'i') },
  { reason: 'copy', name: new RegExp(`^(?:.+(?:${S}| )copy(?:${S}?\\d+)?|copy${S}of${S}.+)$`, 'i') },
  { reason: 'example', name: new RegExp(`^(?:examples?|samples|.+${S}(?:examples?|samples))$`, 'i') },
  { reason: 'demo', name: new RegExp(`^(?:demos?|.+${S}demos?|demos?${S}.+)$`, 'i') },
  { reason: 'template', name: /^(?:templates?|boilerplates?|scaffolds?)$/i, topOnly: true },
  { reason: 'docs', name: /^(?:docs?|documentation)$/i, topOnly: true },
  { reason: 'research', name: /^(?:research|experiments?)$/i, topOnly: true },
  { reason: 'research', name: new RegExp(`^(?:.+${S}(?:research|prototypes?)|(?:research|prototypes?)${S}.+|prototypes?)$`, 'i') },
  { reason: 'proof-of-concept', name: new RegExp(`^(?:pocs?|proof${S}of${S}concepts?|spikes?|.+${S}poc|poc${S}.+)$`, 'i') },
  // Coding agents' own folders: settings, memory, generated helper scripts.
  { reason: 'agent-workspace', name: new RegExp(`^(?:\\.claude|\\.claude-flow|\\.roo|\\.swarm|\\.hive-mind|\\.cursor|\\.aider[^/]*|claude${S}memory|agent${S}workspaces?)$`, 'i') },
  { reason: 'scratch', name: new RegExp(`^(?:scratch(?:pad)?|tmp|temp|(?:tmp|temp)${S}.+|.+${S}(?:tmp|temp))$`, 'i') },
];

/** The reason a folder name alone gives, or null. `depth` is 0 for a folder at the root. */
export function reasonOfName(name: string, depth: number): NonProductionReason | null {
  for (const r of NAME_RULES) if ((!r.topOnly || depth === 0) && r.name.test(name)) return r.reason;
  return null;
}

/** Fraction of a copy's files that must also be in the folder it copies. */
const COPY_SHARE = 0.5;
/**
 * A copy's suffix after the sibling's name: a date, or a word that says the
 * folder is the earlier state (`-2024-01-05`, `_prev`, `.orig`). A version
 * (`api_v2` beside `api`) is not one: the newer version is usually the live code.
 */
const COPY_SUFFIX = new RegExp(`^${S}(?:${DATE}.*|prev(?:ious)?|before${S}.+|orig(?:inal)?|saved?)$`, 'i');

/**
 * Classifies every file path: a map from path to the outermost non-production
 * folder that contains it, for the files that have one.
 */
export function classifyNonProduction(
  paths: readonly string[],
  opts: { nonProduction?: string[]; production?: string[] } = {},
): Map<string, NonProductionFolder> {
  const keep = opts.production?.length ? matcher(opts.production) : null;
  const extra = opts.nonProduction?.length ? matcher(opts.nonProduction) : null;
  const copies = copiedFolders(paths);
  const prose = proseFolders(paths);
  const out = new Map<string, NonProductionFolder>();
  for (const path of paths) {
    if (keep?.(path)) continue;
    const folder =
      folderOf(path, copies, prose) ?? (extra?.(path) ? { path: configuredFolder(path, opts.nonProduction!), reason: 'configured' as const } : null);
    if (folder) out.set(path, folder);
  }
  return out;
}

function matcher(globs: string[]): (path: string) => boolean {
  const m = picomatch(globs, { dot: true });
  // A folder glob (`sandbox/`, `sandbox`) covers what is inside it.
  const inside = picomatch(globs.map((g) => `${g.replace(/\/+$/, '')}/**`), { dot: true });
  return (path) => m(path) || inside(path);
}

/** The folder a configured glob names, for the report: the path's prefix up to the first folder that matches. */
function configuredFolder(path: string, globs: string[]): string {
  const parts = path.split('/');
  const m = picomatch(globs.map((g) => g.replace(/\/+$/, '')), { dot: true });
  for (let i = 1; i < parts.length; i++) {
    const dir = parts.slice(0, i).join('/');
    if (m(dir)) return dir;
  }
  return path;
}

/** The outermost non-production folder of a path. */
function folderOf(path: string, copies: Set<string>, prose: Set<string>): NonProductionFolder | null {
  const parts = path.split('/');
  for (let i = 0; i < parts.length - 1; i++) {
    const dir = parts.slice(0, i + 1).join('/');
    const reason = reasonOfName(parts[i]!, i) ?? (copies.has(dir) ? 'copy' : i === 0 && prose.has(dir) ? 'docs' : null);
    if (reason) return { path: dir, reason };
  }
  return null;
}

/** Share of prose files from which a top-level folder is documentation, and the fewest files that can show it. */
const PROSE_SHARE = 0.75;
const PROSE_MIN_FILES = 10;
const PROSE = /\.(?:md|markdown|rst|txt|adoc|org)$/i;
/** Files that make a folder a package (Node, Python, Go, Rust, Java): its code is built from there, whatever else it holds. */
const PACKAGE_FILE = /^(?:package\.json|pyproject\.toml|setup\.py|setup\.cfg|__init__\.py|go\.mod|Cargo\.toml|pom\.xml|build\.gradle(?:\.kts)?)$/;

/** Top-level folders that are mostly prose and not a package. */
function proseFolders(paths: readonly string[]): Set<string> {
  const counts = new Map<string, { all: number; prose: number; pkg: boolean }>();
  for (const p of paths) {
    const i = p.indexOf('/');
    if (i < 0) continue;
    const top = p.slice(0, i);
    let c = counts.get(top);
    if (!c) counts.set(top, (c = { all: 0, prose: 0, pkg: false }));
    c.all++;
    if (PROSE.test(p)) c.prose++;
    if (p.indexOf('/', i + 1) < 0 && PACKAGE_FILE.test(p.slice(i + 1))) c.pkg = true;
  }
  const out = new Set<string>();
  for (const [top, c] of counts) if (!c.pkg && c.all >= PROSE_MIN_FILES && c.prose >= c.all * PROSE_SHARE) out.add(top);
  return out;
}

/**
 * Folders that copy a sibling: `<name><suffix>` beside `<name>`, with at
 * least half of its files also present, at the same relative path, in
 * `<name>`. Which of the two is the copy is what the name says: the one with
 * the suffix.
 */
function copiedFolders(paths: readonly string[]): Set<string> {
  const filesUnder = new Map<string, Set<string>>();
  for (const p of paths) {
    const parts = p.split('/');
    for (let i = 1; i < parts.length; i++) {
      const dir = parts.slice(0, i).join('/');
      let s = filesUnder.get(dir);
      if (!s) filesUnder.set(dir, (s = new Set()));
      s.add(parts.slice(i).join('/'));
    }
  }
  const byParent = new Map<string, string[]>();
  for (const dir of filesUnder.keys()) {
    const i = dir.lastIndexOf('/');
    const parent = i < 0 ? '' : dir.slice(0, i);
    let s = byParent.get(parent);
    if (!s) byParent.set(parent, (s = []));
    s.push(i < 0 ? dir : dir.slice(i + 1));
  }
  const out = new Set<string>();
  for (const [parent, names] of byParent) {
    const set = new Set(names);
    for (const name of names) {
      for (const base of names) {
        if (base === name || !name.startsWith(base) || !COPY_SUFFIX.test(name.slice(base.length)) || !set.has(base)) continue;
        const prefix = parent ? `${parent}/` : '';
        const mine = filesUnder.get(prefix + name)!;
        const theirs = filesUnder.get(prefix + base)!;
        let shared = 0;
        for (const f of mine) if (theirs.has(f)) shared++;
        if (shared >= 2 && shared >= mine.size * COPY_SHARE) out.add(prefix + name);
      }
    }
  }
  return out;
}
