/**
 * method-mismatch/go-missing-method: `x.M()` where x's type, as its
 * declaration shows (`x := &T{}`, `var x T`, `x, err := NewT()`, a parameter
 * or receiver `x *T`), is a struct or interface of the repository with no
 * field or method M, directly or promoted through embedded types of the
 * repository. Anything the repository cannot settle (an embedded type from
 * another module, a generic type, a type parameter, a local type of the same
 * name, a package with generated code) is left alone.
 */
import { parseTree } from '../../../lang/treesitter.js';
import type { RawFinding, RepoRule } from '../../types.js';
import { fieldChild, goMirror, namedChildren, textOf, type GNode, type GoMirror } from './mirror.js';
import { GoPackages, typeRefOf, type GoPackageInfo, type GoTypeInfo } from './package-index.js';
import { goFileFacts, guessPackageNames, type GoFileFacts, type LocalVar } from './scope.js';
import { closest, inIgnoredGoDir } from './tree.js';

function dirOf(path: string): string {
  const i = path.lastIndexOf('/');
  return i < 0 ? '' : path.slice(0, i);
}

/** A type of the repository: the package directory and the type's name. */
interface RepoType {
  dir: string;
  name: string;
}

type Has = 'yes' | 'no' | 'unknown';

class Resolver {
  private readonly testCaller: boolean;
  private readonly quals: Map<string, string>;

  constructor(
    private readonly pk: GoPackages,
    private readonly path: string,
    private readonly m: GoMirror,
    private readonly facts: GoFileFacts,
  ) {
    this.testCaller = path.endsWith('_test.go');
    this.quals = new Map();
    for (const imp of facts.imports) {
      if (imp.name !== null) this.quals.set(imp.name, imp.path);
      else for (const g of imp.guesses) if (!this.quals.has(g)) this.quals.set(g, imp.path);
    }
  }

  pkgAt(dir: string): GoPackageInfo | null {
    const p = this.pk.packageAt(dir, this.testCaller && dir === dirOf(this.path));
    return p && p.complete ? p : null;
  }

  /** The repository type a type expression names, as seen from this file. */
  private fromTypeExpr(t: GNode | null, decl: LocalVar): RepoType | null {
    const ref = typeRefOf(this.m, t, this.quals);
    if (!ref) return null;
    if (ref.importPath === null) {
      if (decl.typeParams.includes(ref.name) || this.facts.localTypes.has(ref.name)) return null;
      return { dir: dirOf(this.path), name: ref.name };
    }
    const dir = this.pk.dirOfImport(ref.importPath, this.path);
    return dir === null ? null : { dir, name: ref.name };
  }

  /** The static type of a local variable or parameter, when its declaration shows it. */
  typeOf(decl: LocalVar): RepoType | null {
    if (decl.type) return decl.type.type === 'pointer_type' || decl.type.type === 'type_identifier' || decl.type.type === 'qualified_type' ? this.fromTypeExpr(decl.type, decl) : null;
    let e = decl.init;
    if (!e) return null;
    if (e.type === 'unary_expression' && textOf(this.m, e).trimStart().startsWith('&')) e = fieldChild(e, 'operand');
    if (!e) return null;
    if (e.type === 'composite_literal') return this.fromTypeExpr(fieldChild(e, 'type'), decl);
    if (e.type !== 'call_expression') return null;
    const fn = fieldChild(e, 'function');
    if (!fn) return null;
    if (fn.type === 'identifier' && textOf(this.m, fn) === 'new') {
      const argList = fieldChild(e, 'arguments');
      const a = argList ? namedChildren(argList) : [];
      return a.length === 1 ? this.fromTypeExpr(a[0]!, decl) : null;
    }
    // A constructor of the repository: its first declared result.
    let dir: string | null = null;
    let name = '';
    if (fn.type === 'identifier') {
      dir = dirOf(this.path);
      name = textOf(this.m, fn);
    } else if (fn.type === 'selector_expression') {
      const op = fieldChild(fn, 'operand');
      const field = fieldChild(fn, 'field');
      const ref = this.facts.refs.find((r) => r.node === fn);
      if (!op || !field || !ref) return null;
      dir = this.pk.dirOfImport(ref.imp.path, this.path);
      name = textOf(this.m, field);
    }
    if (dir === null) return null;
    const pkg = this.pkgAt(dir);
    const res = pkg?.results.get(name);
    if (!pkg || !res) return null;
    if (res.importPath === null) return { dir, name: res.name };
    const file = pkg.types.size > 0 ? pkg.files[0]! : this.path;
    const d2 = this.pk.dirOfImport(res.importPath, file);
    return d2 === null ? null : { dir: d2, name: res.name };
  }

  typeInfo(t: RepoType): GoTypeInfo | null {
    const info = this.pkgAt(t.dir)?.types.get(t.name);
    return info && !info.generic && info.kind !== 'other' ? info : null;
  }

  has(t: GoTypeInfo, dir: string, member: string, depth = 0): Has {
    if (t.methods.has(member) || t.fields.has(member)) return 'yes';
    if (depth > 8) return 'unknown';
    let unknown = false;
    for (const e of t.embedded) {
      if (!e) {
        unknown = true;
        continue;
      }
      const d = e.importPath === null ? dir : this.pk.dirOfImport(e.importPath, t.path);
      const inner = d === null ? null : this.typeInfo({ dir: d, name: e.name });
      if (!inner) {
        unknown = true;
        continue;
      }
      const r = this.has(inner, d!, member, depth + 1);
      if (r === 'yes') return 'yes';
      if (r === 'unknown') unknown = true;
    }
    return unknown ? 'unknown' : 'no';
  }

  /** Every field and method name reachable from t (for suggestions). */
  members(t: GoTypeInfo, dir: string, out = new Set<string>(), depth = 0): Set<string> {
    for (const x of t.methods) out.add(x);
    for (const x of t.fields) out.add(x);
    if (depth > 8) return out;
    for (const e of t.embedded) {
      if (!e) continue;
      const d = e.importPath === null ? dir : this.pk.dirOfImport(e.importPath, t.path);
      const inner = d === null ? null : this.typeInfo({ dir: d, name: e.name });
      if (inner) this.members(inner, d!, out, depth + 1);
    }
    return out;
  }
}

export const goMissingMethodRule: RepoRule = {
  id: 'method-mismatch/go-missing-method',
  category: 'method-mismatch',
  severity: 'error',
  languages: ['go'],
  scope: 'repo',
  docs: {
    summary: 'A method called on a value whose type, a struct or interface of the repository, has no such field or method.',
    why: 'The build fails with "x.M undefined (type *T has no field or method M)": a method renamed or never written while a caller still uses the old name (the seeds\' `sync_fabric()` on a type that only has `sync_all_crds()`). Value and pointer receivers both count, and so do members promoted from embedded types; when an embedded type comes from outside the repository, the type is generic, or its package has generated code (`//go:generate`, generated files that .gitignore keeps out), nothing is said. Only methods that no type of the repository declares are looked into, which keeps the rule cheap: a call to a name some other type has is not checked.',
    fix: 'Call the method the type declares (the message names the closest), or add the method.',
    bad: [
      {
        files: {
          'go.mod': 'module example.com/fabric\n\ngo 1.21\n',
          'k8s/sync.go': 'package k8s\n\ntype KubernetesSync struct{ fabric string }\n\nfunc NewKubernetesSync(f string) *KubernetesSync { return &KubernetesSync{fabric: f} }\n\nfunc (k *KubernetesSync) SyncAllCRDs() error { return nil }\n',
          'jobs/periodic.go': 'package jobs\n\nimport "example.com/fabric/k8s"\n\nfunc Run() error {\n\tx := k8s.NewKubernetesSync("f")\n\treturn x.SyncFabric()\n}\n',
        },
      },
      {
        files: {
          'go.mod': 'module example.com/store\n\ngo 1.21\n',
          'store.go': 'package store\n\ntype base struct{}\n\nfunc (base) Close() error { return nil }\n\ntype Store struct {\n\tbase\n\tname string\n}\n\nfunc (s *Store) Flush() error { return s.Sync() }\n',
        },
        note: 'a method receiver; the embedded type does not have it either',
      },
      {
        files: {
          'go.mod': 'module example.com/store\n\ngo 1.21\n',
          'store.go': 'package store\n\ntype Saver interface{ Save() error }\n\nfunc Run(s Saver) error { return s.Store() }\n',
        },
        note: 'an interface of the repository',
      },
    ],
    good: [
      {
        files: {
          'go.mod': 'module example.com/store\n\ngo 1.21\n',
          'store.go': 'package store\n\ntype base struct{ OnClose func() }\n\nfunc (*base) Reset() {}\n\ntype Store struct {\n\t*base\n}\n\nfunc Use() {\n\tvar s Store\n\ts.Reset()\n\ts.OnClose()\n\tp := &Store{}\n\tp.Reset()\n}\n',
        },
        note: 'promoted method and a func-typed field through an embedded pointer',
      },
      {
        files: {
          'go.mod': 'module example.com/store\n\ngo 1.21\n',
          'store.go': 'package store\n\nimport "sync"\n\ntype Store struct {\n\tsync.Mutex\n}\n\nfunc Use() {\n\ts := &Store{}\n\ts.Lock()\n\tdefer s.Unlock()\n}\n',
        },
        note: 'methods promoted from a standard-library type',
      },
      {
        files: {
          'go.mod': 'module example.com/store\n\ngo 1.21\n',
          'store.go': 'package store\n\ntype Set[T comparable] struct{ m map[T]bool }\n\nfunc (s *Set[T]) Add(v T) { s.m[v] = true }\n\nfunc Use() {\n\ts := &Set[int]{}\n\ts.Add(1)\n}\n\nfunc Generic[T interface{ Run() }](v T) { v.Run() }\n',
        },
        note: 'generic types and type parameters',
      },
      {
        files: {
          'go.mod': 'module example.com/store\n\ngo 1.21\n',
          'store.go': 'package store\n\ntype Store struct{}\n\nfunc (Store) Save() {}\n',
          'store_extra.go': '//go:build extra\n\npackage store\n\nfunc (Store) Extra() {}\n',
          'use.go': 'package store\n\nfunc Use() {\n\tvar s Store\n\ts.Save()\n\ts.Extra()\n}\n',
        },
        note: 'a method declared in a build-tagged file',
      },
      {
        files: {
          'go.mod': 'module example.com/store\n\ngo 1.21\n',
          'store.go': 'package store\n\ntype Store struct{}\n\ntype Alias = Store\n\nfunc (Alias) Save() {}\n\nfunc Use() {\n\ts := &Store{}\n\ts.Save()\n}\n',
        },
        note: 'a method declared on an alias of the type',
      },
      {
        files: {
          'go.mod': 'module example.com/store\n\ngo 1.21\n',
          '.gitignore': 'zz_generated*.go\n',
          'api/types.go': 'package api\n\ntype Spec struct{ N int }\n',
          'use.go': 'package store\n\nimport "example.com/store/api"\n\nfunc Copy(s *api.Spec) *api.Spec { return s.DeepCopy() }\n',
        },
        note: 'methods generated into files that .gitignore keeps out of the tree',
      },
    ],
  },
  check(ctx) {
    const pk = GoPackages.of(ctx.snapshot, ctx.shared);
    if (pk.modules.modules.length === 0) return [];
    // Names some type of the repository declares: a call to one of them is not a suspect (see the docs' limits).
    const known = new Set<string>();
    for (const model of ctx.models.values()) {
      if (model.language !== 'go') continue;
      for (const s of model.symbols) if (s.kind === 'method' || s.kind === 'field') known.add(s.name);
    }
    const out: RawFinding[] = [];
    for (const [path, model] of ctx.models) {
      if (model.language !== 'go' || inIgnoredGoDir(path)) continue;
      const qualifiers = new Set(model.imports.flatMap((i) => (i.alias ? [i.alias] : guessPackageNames(i.module))));
      const suspects = new Set<string>();
      for (const c of model.calls) {
        if (c.receiver && /^[\p{L}_][\p{L}\p{N}_]*$/u.test(c.receiver) && !qualifiers.has(c.receiver) && !known.has(c.name)) suspects.add(c.name);
      }
      if (suspects.size === 0) continue;
      const r = ctx.snapshot.read(path);
      if (!r.ok) continue;
      const tree = parseTree('go', r.text);
      if (tree.rootNode.hasError) continue;
      const facts = goFileFacts(tree, r.text);
      if (!facts.complete) continue;
      const m = goMirror(tree, r.text);
      const res = new Resolver(pk, path, m, facts);
      for (const mr of facts.memberRefs) {
        if (!suspects.has(mr.member)) continue;
        const parent = mr.node.parent;
        if (parent?.type !== 'call_expression' || !parent.children.some((c) => c === mr.node && c.field === 'function')) continue;
        const t = res.typeOf(mr.decl);
        const info = t ? res.typeInfo(t) : null;
        if (!t || !info || res.has(info, t.dir, mr.member) !== 'no') continue;
        const near = closest(mr.member, res.members(info, t.dir));
        const pkgName = t.dir === dirOf(path) ? null : res.pkgAt(t.dir)?.name;
        const typeName = pkgName ? `${pkgName}.${info.name}` : info.name;
        out.push({
          path,
          line: mr.line,
          message: `${mr.decl.name}.${mr.member} undefined (type ${typeName} has no field or method ${mr.member}${near ? `; did you mean ${near}?` : ''})`,
          related: [{ path: info.path, line: info.line, note: `type ${info.name} declared here` }],
        });
      }
    }
    return out;
  },
};
