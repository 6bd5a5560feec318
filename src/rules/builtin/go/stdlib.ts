/**
 * The bundled index of Go's standard library (data/go-stdlib.json, made by
 * bench/gen-go-stdlib.go from a Go toolchain's sources): which import paths
 * are standard, each package's name and its exported identifiers. Loaded once
 * per thread; no toolchain is needed at audit time.
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

interface StdPackageJson {
  name: string;
  funcs: string[];
  types: string[];
  vars: string[];
  consts: string[];
  methods: Record<string, string[]>;
  testNames?: string[];
}

interface StdIndexJson {
  go: string;
  packages: Record<string, StdPackageJson>;
  newerPackages: Record<string, { since: string; name: string; names?: string[] }>;
  newerNames: Record<string, string[]>;
}

export interface StdPackage {
  path: string;
  name: string;
  /**
   * Every exported package-level name known for the package, or null when
   * the package is newer than the index and its names are not listed.
   */
  names: Set<string> | null;
  /** Exported methods per exported type (informative; promoted methods are not included). */
  methods: Record<string, string[]>;
  /** Names the package's own test files export to its external tests (export_test.go). */
  testNames: Set<string>;
}

export interface StdIndex {
  /** Go version of the toolchain that produced the index. */
  go: string;
  packages: Map<string, StdPackage>;
}

// src/rules/builtin/go and dist/rules/builtin/go are both four levels below the package root.
const DATA = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', '..', 'data', 'go-stdlib.json');

let cached: StdIndex | null = null;

export function stdIndex(): StdIndex {
  if (cached) return cached;
  const raw = JSON.parse(readFileSync(DATA, 'utf8')) as StdIndexJson;
  const packages = new Map<string, StdPackage>();
  for (const [path, p] of Object.entries(raw.packages)) {
    const names = new Set([...p.funcs, ...p.types, ...p.vars, ...p.consts, ...(raw.newerNames[path] ?? [])]);
    packages.set(path, { path, name: p.name, names, methods: p.methods, testNames: new Set(p.testNames ?? []) });
  }
  for (const [path, p] of Object.entries(raw.newerPackages)) {
    if (packages.has(path)) continue;
    packages.set(path, { path, name: p.name, names: p.names ? new Set(p.names) : null, methods: {}, testNames: new Set() });
  }
  cached = { go: raw.go, packages };
  return cached;
}

/**
 * True when Go would look for `path` in the standard library: its first
 * element has no dot (`novacron/backend/x`, `fmt`), as cmd/go decides.
 */
export function looksStd(path: string): boolean {
  const first = path.split('/')[0]!;
  return !first.includes('.');
}
