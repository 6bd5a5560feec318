/**
 * go.mod and go.work files of the audited tree: module paths, requirements,
 * replacements and workspace members, and which module a Go file belongs to
 * (the nearest go.mod above it, as the go command decides).
 */
import type { RepoSnapshot } from '../../../repo/snapshot.js';

export interface GoModule {
  /** Directory of the go.mod, repo-relative ('' for the root). */
  dir: string;
  path: string;
  /** The `go` directive, or null. */
  goVersion: string | null;
  requires: string[];
  /** Left-hand module paths of `replace` directives. */
  replaces: string[];
  /** Package paths listed in vendor/modules.txt, when the module vendors. */
  vendored: Set<string> | null;
}

export interface GoModuleIndex {
  modules: GoModule[];
  /** Module paths that a go.work beside or above a module puts in the workspace. */
  workspacePaths: Set<string>;
  /** The module a repo-relative file belongs to, or null outside any module. */
  moduleOf(file: string): GoModule | null;
  /** The module whose directory is exactly `dir`, if any. */
  moduleAt(dir: string): GoModule | null;
}

function dirOf(path: string): string {
  const i = path.lastIndexOf('/');
  return i < 0 ? '' : path.slice(0, i);
}

function unquote(s: string): string {
  const t = s.trim();
  if ((t.startsWith('"') && t.endsWith('"')) || (t.startsWith('`') && t.endsWith('`'))) return t.slice(1, -1);
  return t;
}

/** Splits a go.mod/go.work into directives: [verb, args] pairs, blocks flattened. */
export function directives(text: string): [string, string][] {
  const out: [string, string][] = [];
  let block: string | null = null;
  for (const raw of text.split('\n')) {
    const line = raw.replace(/\/\/.*$/, '').trim();
    if (!line) continue;
    if (block) {
      if (line === ')') block = null;
      else out.push([block, line]);
      continue;
    }
    const m = /^(\w+)\s*(.*)$/.exec(line);
    if (!m) continue;
    if (m[2] === '(') block = m[1]!;
    else out.push([m[1]!, m[2]!]);
  }
  return out;
}

export function parseGoMod(text: string, dir: string): GoModule | null {
  let path: string | null = null;
  let goVersion: string | null = null;
  const requires: string[] = [];
  const replaces: string[] = [];
  for (const [verb, args] of directives(text)) {
    const first = unquote(args.split(/\s+/)[0] ?? '');
    if (verb === 'module') path = first;
    else if (verb === 'go') goVersion = first;
    else if (verb === 'require') requires.push(first);
    else if (verb === 'replace') replaces.push(unquote(args.split('=>')[0]!.trim().split(/\s+/)[0] ?? ''));
  }
  return path ? { dir, path, goVersion, requires, replaces, vendored: null } : null;
}

function readText(snapshot: RepoSnapshot, path: string): string | null {
  const r = snapshot.read(path);
  return r.ok ? r.text : null;
}

export function goModuleIndex(snapshot: RepoSnapshot, shared: Map<string, unknown>): GoModuleIndex {
  const key = 'go:module-index';
  const hit = shared.get(key) as GoModuleIndex | undefined;
  if (hit) return hit;
  const modules: GoModule[] = [];
  const byDir = new Map<string, GoModule>();
  const workDirs: string[] = [];
  for (const f of snapshot.files) {
    const base = f.path.slice(f.path.lastIndexOf('/') + 1);
    if (base === 'go.work') workDirs.push(f.path);
    if (base !== 'go.mod') continue;
    const text = readText(snapshot, f.path);
    const mod = text === null ? null : parseGoMod(text, dirOf(f.path));
    if (!mod) continue;
    const modulesTxt = readText(snapshot, (mod.dir ? mod.dir + '/' : '') + 'vendor/modules.txt');
    if (modulesTxt !== null) {
      mod.vendored = new Set(
        modulesTxt
          .split('\n')
          .map((l) => l.trim())
          .filter((l) => l && !l.startsWith('#')),
      );
    }
    modules.push(mod);
    byDir.set(mod.dir, mod);
  }
  const workspacePaths = new Set<string>();
  for (const w of workDirs) {
    const text = readText(snapshot, w);
    if (text === null) continue;
    const wdir = dirOf(w);
    for (const [verb, args] of directives(text)) {
      if (verb !== 'use') continue;
      const rel = unquote(args).replace(/^\.\/?/, '').replace(/\/$/, '');
      const dir = [wdir, rel].filter(Boolean).join('/');
      const mod = byDir.get(dir);
      if (mod) workspacePaths.add(mod.path);
    }
  }
  const index: GoModuleIndex = {
    modules,
    workspacePaths,
    moduleOf(file) {
      let d = dirOf(file);
      for (;;) {
        const m = byDir.get(d);
        if (m) return m;
        if (d === '') return null;
        d = dirOf(d);
      }
    },
    moduleAt(dir) {
      return byDir.get(dir) ?? null;
    },
  };
  shared.set(key, index);
  return index;
}

/** True when `path` is `prefix` or below it. */
export function underPath(path: string, prefix: string): boolean {
  return path === prefix || path.startsWith(prefix + '/');
}
