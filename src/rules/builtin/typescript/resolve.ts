/**
 * Resolving a relative module specifier (`./util`, `../lib/x.js`) to files of
 * the snapshot the way TypeScript, Node and the common bundlers do, without a
 * type checker: exact file, TypeScript's `.js` → `.ts` mapping, implied
 * extensions, React Native platform variants, `index.*` and a directory's
 * package.json `main`. Only the snapshot's file list is consulted; a path
 * that leaves the root, is ignored by .gitignore or exists on disk without
 * being listed is "unknown", never "missing".
 */
import { readdirSync, realpathSync } from 'node:fs';
import { join } from 'node:path';
import { isInside, type RepoSnapshot } from '../../../repo/snapshot.js';
import { collapse } from '../../../repo/paths.js';

/** Extensions a specifier without one may mean, in TypeScript's then Node's order. */
const IMPLIED = ['.ts', '.tsx', '.d.ts', '.mts', '.cts', '.d.mts', '.d.cts', '.js', '.jsx', '.mjs', '.cjs', '.json'];
/** React Native (and react-native-web) pick `x.ios.js` for `./x`. */
const PLATFORMS = ['ios', 'android', 'native', 'web', 'windows', 'macos'];
/** TypeScript resolves `./x.js` to `./x.ts` (and so on) since NodeNext made `.js` specifiers the norm. */
const TS_SOURCE_OF: Record<string, string[]> = {
  '.js': ['.ts', '.tsx', '.d.ts'],
  '.jsx': ['.tsx'],
  '.mjs': ['.mts', '.d.mts'],
  '.cjs': ['.cts', '.d.cts'],
};

export type ModuleResolution =
  /** Existing files the specifier may load, best first (platform variants and `.d.ts`/`.js` pairs all listed). */
  | { kind: 'found'; paths: string[] }
  /** A file matches only when letter case is ignored: works on macOS and Windows, fails on Linux. */
  | { kind: 'case-mismatch'; actual: string }
  /** No file of the repository can satisfy the specifier. */
  | { kind: 'missing'; base: string }
  /** Cannot tell: leaves the root, ignored by .gitignore (a build output), or on disk but not listed. */
  | { kind: 'unknown'; why: string };

export function isRelativeSpecifier(spec: string): boolean {
  return spec === '.' || spec === '..' || spec.startsWith('./') || spec.startsWith('../');
}

function dirOf(path: string): string {
  const i = path.lastIndexOf('/');
  return i < 0 ? '' : path.slice(0, i);
}

function extOf(path: string): string {
  const slash = path.lastIndexOf('/');
  const dot = path.lastIndexOf('.');
  return dot > slash + 1 ? path.slice(dot).toLowerCase() : '';
}

/** Per-snapshot index of lower-cased paths, for case-mismatch detection. */
const lowerIndexes = new WeakMap<RepoSnapshot, Map<string, string>>();

function lowerIndex(snapshot: RepoSnapshot): Map<string, string> {
  let idx = lowerIndexes.get(snapshot);
  if (!idx) {
    idx = new Map();
    for (const f of snapshot.files) {
      const k = f.path.toLowerCase();
      if (!idx.has(k)) idx.set(k, f.path);
    }
    lowerIndexes.set(snapshot, idx);
  }
  return idx;
}

/** Candidate paths, grouped by resolution step: the first group with an existing file wins. */
function candidateGroups(base: string, dirOnly: boolean): string[][] {
  const groups: string[][] = [];
  if (!dirOnly) {
    const ext = extOf(base);
    groups.push([base]);
    const mapped = TS_SOURCE_OF[ext];
    if (mapped) groups.push(mapped.map((e) => base.slice(0, -ext.length) + e));
    groups.push([...IMPLIED.map((e) => base + e), ...PLATFORMS.flatMap((p) => IMPLIED.map((e) => `${base}.${p}${e}`))]);
  }
  groups.push(IMPLIED.map((e) => `${base ? base + '/' : ''}index${e}`));
  return groups;
}

/** `main`/`module`/`types` of `dir/package.json`, when the snapshot has one. */
function packageEntries(snapshot: RepoSnapshot, dir: string): string[] {
  const pj = dir ? `${dir}/package.json` : 'package.json';
  const r = snapshot.read(pj);
  if (!r.ok) return [];
  let data: unknown;
  try {
    data = JSON.parse(r.text);
  } catch {
    return [];
  }
  const out: string[] = [];
  for (const key of ['types', 'typings', 'module', 'main', 'browser']) {
    const v = (data as Record<string, unknown>)[key];
    if (typeof v === 'string' && v) {
      const p = collapse(`${dir}/${v}`);
      if (p !== null) out.push(p);
    }
  }
  return out;
}

/** True when `name` is in `dir` on disk with exactly this spelling (stat alone would ignore case on macOS). */
function onDiskExactly(root: string, rel: string): boolean {
  const dir = dirOf(rel);
  const name = rel.slice(dir.length ? dir.length + 1 : 0);
  try {
    const abs = realpathSync(dir ? join(root, dir) : root);
    // A directory symlink that leaves the root is not looked into.
    return isInside(root, abs) && readdirSync(abs).includes(name);
  } catch {
    return false;
  }
}

/** Resolves `spec` (relative) imported from the repo-relative file `from`. */
export function resolveRelative(snapshot: RepoSnapshot, from: string, spec: string): ModuleResolution {
  if (spec.includes('\\')) return { kind: 'unknown', why: 'backslash in specifier' };
  // Bundler queries and fragments (`./worker.js?worker`, `./icon.svg#id`) are not part of the file name.
  const clean = spec.replace(/[?#].*$/, '');
  const dirOnly = clean === '.' || clean === '..' || clean.endsWith('/');
  const base = collapse(`${dirOf(from)}/${clean}`);
  if (base === null) return { kind: 'unknown', why: 'climbs above the repository root' };
  return resolveBase(snapshot, base, dirOnly);
}

/** Resolves a repo-relative module path without extension (`src/util`), as a relative import or a tsconfig `paths` entry names it. */
export function resolveBase(snapshot: RepoSnapshot, base: string, dirOnly = false): ModuleResolution {
  const groups = candidateGroups(base, dirOnly);
  for (const group of groups) {
    const found = group.filter((p) => snapshot.hasFile(p));
    if (found.length > 0) return { kind: 'found', paths: found };
  }
  if (base === '' || snapshot.hasDir(base)) {
    const entries = packageEntries(snapshot, base).flatMap((p) => candidateGroups(p, false).flat());
    const found = entries.filter((p) => snapshot.hasFile(p));
    if (found.length > 0) return { kind: 'found', paths: [found[0]!] };
  }

  const all = groups.flat();
  const lower = lowerIndex(snapshot);
  for (const p of all) {
    const actual = lower.get(p.toLowerCase());
    if (actual !== undefined) return { kind: 'case-mismatch', actual };
  }
  for (const p of [base, ...all]) {
    if (snapshot.isIgnored(p)) return { kind: 'unknown', why: `${p} is ignored by .gitignore (a build output?)` };
  }
  for (const p of all) {
    if (onDiskExactly(snapshot.root, p)) return { kind: 'unknown', why: `${p} exists but is not part of the audited files` };
  }
  if (base === '' || snapshot.hasDir(base)) return { kind: 'unknown', why: `${base || 'the root'} is a directory without an index file` };
  return { kind: 'missing', base };
}
