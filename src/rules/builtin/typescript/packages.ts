/**
 * What a non-relative module specifier names, judged from the repository's
 * package.json files alone: a Node built-in, a URL (Deno, CDN imports), a
 * package some package.json declares or a workspace package of the
 * repository (both resolve after `npm install`, so a failure to find them is
 * a missing install, not a defect), or a package nobody declares.
 */
import { builtinModules } from 'node:module';
import type { RepoSnapshot } from '../../../repo/snapshot.js';

/** `unmanaged`: no package.json above the importing file, so there is nothing to hold the import against. */
export type BareKind = 'builtin' | 'url' | 'declared' | 'workspace' | 'undeclared' | 'unmanaged';

const BUILTINS = new Set(builtinModules);
const DEP_KEYS = ['dependencies', 'devDependencies', 'peerDependencies', 'optionalDependencies'];

/** `@scope/name/sub` → `@scope/name`; `name/sub` → `name`. */
export function packageName(spec: string): string {
  const parts = spec.split('/');
  return spec.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0]!;
}

interface PackageFacts {
  /** package.json directories → names declared there. */
  declared: Map<string, Set<string>>;
  /** `name` of every package.json in the repository. */
  workspace: Set<string>;
}

const cache = new WeakMap<RepoSnapshot, PackageFacts>();

function facts(snapshot: RepoSnapshot): PackageFacts {
  let f = cache.get(snapshot);
  if (f) return f;
  f = { declared: new Map(), workspace: new Set() };
  for (const file of snapshot.files) {
    if (file.path !== 'package.json' && !file.path.endsWith('/package.json')) continue;
    const r = snapshot.read(file.path);
    if (!r.ok) continue;
    let data: Record<string, unknown>;
    try {
      data = JSON.parse(r.text) as Record<string, unknown>;
    } catch {
      continue;
    }
    if (typeof data !== 'object' || data === null) continue;
    const names = new Set<string>();
    for (const key of DEP_KEYS) {
      const deps = data[key];
      if (deps && typeof deps === 'object') for (const n of Object.keys(deps)) names.add(n);
    }
    if (typeof data.name === 'string') f.workspace.add(data.name);
    const dir = file.path === 'package.json' ? '' : file.path.slice(0, -'/package.json'.length);
    f.declared.set(dir, names);
  }
  cache.set(snapshot, f);
  return f;
}

/** The package.json (repo-relative) nearest above `from` that declares the package `spec` names, or its @types; null when none does. */
export function declaringManifest(snapshot: RepoSnapshot, from: string, spec: string): string | null {
  if (classifyBare(snapshot, from, spec) !== 'declared') return null;
  const f = facts(snapshot);
  const name = packageName(spec);
  const typesName = typesPackage(name);
  let d = from.includes('/') ? from.slice(0, from.lastIndexOf('/')) : '';
  for (;;) {
    const names = f.declared.get(d);
    if (names && (names.has(name) || names.has(typesName))) return d ? `${d}/package.json` : 'package.json';
    if (!d) return null;
    d = d.includes('/') ? d.slice(0, d.lastIndexOf('/')) : '';
  }
}

/** `@scope/name` → `@types/scope__name`; `name` → `@types/name`. */
function typesPackage(name: string): string {
  return name.startsWith('@') ? `@types/${name.slice(1).replace('/', '__')}` : `@types/${name}`;
}

/** Classifies a non-relative specifier imported from the repo-relative file `from`. */
export function classifyBare(snapshot: RepoSnapshot, from: string, spec: string): BareKind {
  if (spec.startsWith('node:') || spec.startsWith('bun:') || BUILTINS.has(spec) || BUILTINS.has(packageName(spec))) return 'builtin';
  if (/^[a-z][a-z0-9+.-]*:/i.test(spec)) return 'url';
  const f = facts(snapshot);
  const name = packageName(spec);
  if (f.workspace.has(name)) return 'workspace';
  const typesName = typesPackage(name);
  // Declared by the nearest package.json or any above it (hoisted monorepo installs).
  let d = from.includes('/') ? from.slice(0, from.lastIndexOf('/')) : '';
  let managed = false;
  for (;;) {
    const names = f.declared.get(d);
    if (names) managed = true;
    if (names && (names.has(name) || names.has(typesName))) return 'declared';
    if (!d) break;
    d = d.includes('/') ? d.slice(0, d.lastIndexOf('/')) : '';
  }
  return managed ? 'undeclared' : 'unmanaged';
}
