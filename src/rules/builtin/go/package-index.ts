/**
 * Declarations of the repository's own Go packages, for the method-mismatch
 * rules: per directory, every top-level name, each type's fields, embedded
 * types and methods, and each function's first result type. Packages are read
 * on demand (only those a suspicious call points at) straight from their
 * syntax trees, and cached in the repository context for both rules.
 */
import type { RepoSnapshot } from '../../../repo/snapshot.js';
import { parseTree } from '../../../lang/treesitter.js';
import { fieldChild, fieldChildren, goMirror, namedChildren, stringValue, textOf, type GNode, type GoMirror } from './mirror.js';
import { goModuleIndex, underPath, type GoModuleIndex } from './gomod.js';
import { guessPackageNames } from './scope.js';
import { isIgnoredBuild } from './tree.js';

/** A type named by package (import path, or null for the same package) and name. */
export interface TypeRef {
  importPath: string | null;
  name: string;
}

export interface GoTypeInfo {
  name: string;
  kind: 'struct' | 'interface' | 'other';
  generic: boolean;
  fields: Set<string>;
  /** Embedded fields (structs) and embedded interfaces; null entries are embeddings we cannot name (`pkg.T[int]`, unions). */
  embedded: (TypeRef | null)[];
  /** Methods declared on T or *T, and method elements of an interface. */
  methods: Set<string>;
  path: string;
  line: number;
}

export interface GoPackageInfo {
  dir: string;
  name: string;
  /** Every top-level name: funcs, types, vars, consts. */
  names: Set<string>;
  types: Map<string, GoTypeInfo>;
  /** First result type of each function that has a named one. */
  results: Map<string, TypeRef | null>;
  /** False when a file could not be read or parsed cleanly, or code is generated at build time (`//go:generate`): its names are then not all known. */
  complete: boolean;
  files: string[];
}

function dirOf(path: string): string {
  const i = path.lastIndexOf('/');
  return i < 0 ? '' : path.slice(0, i);
}

export class GoPackages {
  private readonly cache = new Map<string, GoPackageInfo | null>();
  private readonly goFilesByDir = new Map<string, string[]>();
  readonly modules: GoModuleIndex;

  constructor(
    private readonly snapshot: RepoSnapshot,
    shared: Map<string, unknown>,
  ) {
    this.modules = goModuleIndex(snapshot, shared);
    for (const f of snapshot.files) {
      if (f.language !== 'go') continue;
      const d = dirOf(f.path);
      const list = this.goFilesByDir.get(d) ?? [];
      list.push(f.path);
      this.goFilesByDir.set(d, list);
    }
  }

  static of(snapshot: RepoSnapshot, shared: Map<string, unknown>): GoPackages {
    const key = 'go:packages';
    let p = shared.get(key) as GoPackages | undefined;
    if (!p) {
      p = new GoPackages(snapshot, shared);
      shared.set(key, p);
    }
    return p;
  }

  /** The repository directory that holds the package `importPath` as seen from `fromFile`, or null. */
  dirOfImport(importPath: string, fromFile: string): string | null {
    const mod = this.modules.moduleOf(fromFile);
    if (!mod || !underPath(importPath, mod.path)) return null;
    const rel = importPath === mod.path ? '' : importPath.slice(mod.path.length + 1);
    const dir = [mod.dir, rel].filter(Boolean).join('/');
    // A directory inside a nested module is not this module's package.
    for (let d = dir; d.length > mod.dir.length; d = dirOf(d)) if (this.modules.moduleAt(d)) return null;
    return this.goFilesByDir.has(dir) ? dir : null;
  }

  /** Go files directly in `dir`. */
  filesIn(dir: string): string[] {
    return this.goFilesByDir.get(dir) ?? [];
  }

  /**
   * The package in `dir`. With `withTests`, the package's own _test.go files
   * (same package clause) count too, as they do for the package's tests.
   */
  packageAt(dir: string, withTests: boolean): GoPackageInfo | null {
    const key = `${dir}\0${withTests}`;
    if (this.cache.has(key)) return this.cache.get(key)!;
    const info = this.read(dir, withTests);
    this.cache.set(key, info);
    return info;
  }

  private read(dir: string, withTests: boolean): GoPackageInfo | null {
    const parsed: { path: string; m: GoMirror; pkg: string; test: boolean }[] = [];
    let complete = true;
    const counts = new Map<string, number>();
    for (const path of this.filesIn(dir)) {
      const test = path.endsWith('_test.go');
      if (test && !withTests) continue;
      const r = this.snapshot.read(path);
      if (!r.ok) {
        complete = false;
        continue;
      }
      if (/^\/\/go:generate /m.test(r.text)) complete = false;
      if (isIgnoredBuild(r.text)) continue;
      const tree = parseTree('go', r.text);
      if (tree.rootNode.hasError) complete = false;
      const m = goMirror(tree, r.text);
      const clause = namedChildren(m.root).find((c) => c.type === 'package_clause');
      const id = clause ? namedChildren(clause)[0] : undefined;
      const pkg = id ? textOf(m, id) : '';
      parsed.push({ path, m, pkg, test });
      if (!test) counts.set(pkg, (counts.get(pkg) ?? 0) + 1);
    }
    // Go files that .gitignore keeps out (generated code built before compiling) would add names we cannot see.
    const prefix = dir ? dir + '/' : '';
    if (GENERATED_PROBES.some((f) => this.snapshot.isIgnored(prefix + f))) complete = false;
    let name = '';
    let best = 0;
    for (const [n, c] of [...counts].sort()) if (c > best) [name, best] = [n, c];
    if (!name) return null;
    const info: GoPackageInfo = { dir, name, names: new Set(), types: new Map(), results: new Map(), complete, files: [] };
    const methods: { type: string; name: string }[] = [];
    const aliases = new Map<string, string>();
    for (const f of parsed) {
      if (f.pkg !== name) continue;
      info.files.push(f.path);
      readDecls(f.m, f.path, info, methods, aliases);
    }
    // A method declared on an alias (`type A = B`) belongs to B.
    for (const { type, name: mn } of methods) info.types.get(aliases.get(type) ?? type)?.methods.add(mn);
    return info;
  }
}

/** Maps each import of a file to its qualifier: alias, or guessed package names. */
function importQualifiers(m: GoMirror): Map<string, string> {
  const out = new Map<string, string>();
  for (const decl of namedChildren(m.root)) {
    if (decl.type !== 'import_declaration') continue;
    for (const spec of namedChildren(decl).flatMap((c) => (c.type === 'import_spec_list' ? namedChildren(c) : [c]))) {
      const pathNode = fieldChild(spec, 'path');
      const p = pathNode ? stringValue(m, pathNode) : null;
      if (!p) continue;
      const alias = fieldChild(spec, 'name');
      if (alias) out.set(textOf(m, alias), p);
      else for (const g of guessPackageNames(p)) if (!out.has(g)) out.set(g, p);
    }
  }
  return out;
}

/** `T`, `*T`, `pkg.T`, `*pkg.T` → a TypeRef; anything else → null. */
export function typeRefOf(m: GoMirror, t: GNode | null, qualifiers: Map<string, string>): TypeRef | null {
  if (!t) return null;
  if (t.type === 'pointer_type' || t.type === 'parenthesized_type') t = namedChildren(t)[0] ?? null;
  if (!t) return null;
  if (t.type === 'type_identifier') return { importPath: null, name: textOf(m, t) };
  if (t.type === 'qualified_type') {
    const pkg = fieldChild(t, 'package');
    const name = fieldChild(t, 'name');
    const path = pkg ? qualifiers.get(textOf(m, pkg)) : undefined;
    return path && name ? { importPath: path, name: textOf(m, name) } : null;
  }
  return null;
}

/** File names whose being ignored by .gitignore means the directory's Go code is partly generated. */
const GENERATED_PROBES = ['generated.go', 'zz_generated.go', 'zz_generated.deepcopy.go', 'x.pb.go', 'x_gen.go', 'x_generated.go', 'x.go'];

function readDecls(m: GoMirror, path: string, info: GoPackageInfo, methods: { type: string; name: string }[], aliases: Map<string, string>): void {
  const quals = importQualifiers(m);
  for (const d of namedChildren(m.root)) {
    switch (d.type) {
      case 'function_declaration': {
        const name = fieldChild(d, 'name');
        if (!name) break;
        const n = textOf(m, name);
        info.names.add(n);
        info.results.set(n, firstResult(m, d, quals));
        break;
      }
      case 'method_declaration': {
        const name = fieldChild(d, 'name');
        const recv = fieldChild(d, 'receiver');
        const p = recv ? namedChildren(recv)[0] : undefined;
        let t = p ? fieldChild(p, 'type') : null;
        if (t?.type === 'pointer_type') t = namedChildren(t)[0] ?? null;
        if (t?.type === 'generic_type') t = fieldChild(t, 'type');
        if (name && t?.type === 'type_identifier') methods.push({ type: textOf(m, t), name: textOf(m, name) });
        break;
      }
      case 'var_declaration':
      case 'const_declaration':
        for (const spec of namedChildren(d).flatMap((c) => (c.type.endsWith('_spec_list') ? namedChildren(c) : [c]))) {
          for (const id of fieldChildren(spec, 'name')) info.names.add(textOf(m, id));
        }
        break;
      case 'type_declaration':
        for (const spec of namedChildren(d)) {
          if (spec.type !== 'type_spec' && spec.type !== 'type_alias') continue;
          const name = fieldChild(spec, 'name');
          if (!name) continue;
          const n = textOf(m, name);
          info.names.add(n);
          if (spec.type === 'type_alias') {
            const target = fieldChild(spec, 'type');
            if (target?.type === 'type_identifier') aliases.set(n, textOf(m, target));
          }
          if (!info.types.has(n)) info.types.set(n, typeInfo(m, spec, n, path, quals));
        }
        break;
    }
  }
}

function firstResult(m: GoMirror, fn: GNode, quals: Map<string, string>): TypeRef | null {
  const r = fieldChild(fn, 'result');
  if (!r) return null;
  if (r.type !== 'parameter_list') return typeRefOf(m, r, quals);
  const first = namedChildren(r)[0];
  return first && first.type === 'parameter_declaration' ? typeRefOf(m, fieldChild(first, 'type'), quals) : null;
}

function typeInfo(m: GoMirror, spec: GNode, name: string, path: string, quals: Map<string, string>): GoTypeInfo {
  const t = spec.type === 'type_spec' ? fieldChild(spec, 'type') : null;
  const info: GoTypeInfo = {
    name,
    kind: t?.type === 'struct_type' ? 'struct' : t?.type === 'interface_type' ? 'interface' : 'other',
    generic: !!fieldChild(spec, 'type_parameters'),
    fields: new Set(),
    embedded: [],
    methods: new Set(),
    path,
    line: m.lineAt(spec.start),
  };
  if (!t) return info;
  if (t.type === 'struct_type') {
    const list = namedChildren(t).find((c) => c.type === 'field_declaration_list');
    for (const f of list ? namedChildren(list) : []) {
      if (f.type !== 'field_declaration') continue;
      const names = fieldChildren(f, 'name');
      if (names.length > 0) for (const n of names) info.fields.add(textOf(m, n));
      else {
        // Embedded field: its type name is also a field name, and it promotes members.
        const et = fieldChild(f, 'type');
        const ref = typeRefOf(m, et, quals);
        info.embedded.push(ref);
        if (ref) info.fields.add(ref.name);
      }
    }
  } else if (t.type === 'interface_type') {
    for (const el of namedChildren(t)) {
      if (el.type === 'method_elem') {
        const n = fieldChild(el, 'name');
        if (n) info.methods.add(textOf(m, n));
      } else if (el.type === 'type_elem') {
        const inner = namedChildren(el);
        info.embedded.push(inner.length === 1 ? typeRefOf(m, inner[0]!, quals) : null);
      }
    }
  }
  return info;
}
