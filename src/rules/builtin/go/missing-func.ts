/**
 * method-mismatch/go-missing-func: `pkg.Func(...)` where `pkg` is a package
 * of the repository's own module and no file of it declares `Func`.
 * Suspects come from the parsed models; each is confirmed on the file's
 * syntax tree, where shadowing and aliases are resolved.
 */
import { parseTree } from '../../../lang/treesitter.js';
import type { RawFinding, RepoRule } from '../../types.js';
import { goMirror } from './mirror.js';
import { GoPackages } from './package-index.js';
import { goFileFacts } from './scope.js';
import { closest, inIgnoredGoDir } from './tree.js';

function dirOf(path: string): string {
  const i = path.lastIndexOf('/');
  return i < 0 ? '' : path.slice(0, i);
}

export const goMissingFuncRule: RepoRule = {
  id: 'method-mismatch/go-missing-func',
  category: 'method-mismatch',
  severity: 'error',
  languages: ['go'],
  scope: 'repo',
  docs: {
    summary: 'A package-qualified call to a function that the repository\'s own package does not declare.',
    why: 'The build fails with "undefined: pkg.Func": typically a function renamed or never written while its callers were. Every file of the package counts, whatever its build tags; the package\'s _test.go files count only for its own tests. A package with `//go:generate` directives, files that could not be read, or generated files that .gitignore keeps out of the tree is not judged: some of its names may not exist yet.',
    fix: 'Call the function the package declares (the message names the closest), or add it.',
    bad: [
      {
        files: {
          'go.mod': 'module example.com/fabric\n\ngo 1.21\n',
          'k8s/sync.go': 'package k8s\n\nfunc SyncAllCRDs() error { return nil }\n',
          'jobs/periodic.go': 'package jobs\n\nimport "example.com/fabric/k8s"\n\nfunc Run() error { return k8s.SyncFabric() }\n',
        },
      },
      {
        files: {
          'go.mod': 'module example.com/fabric\n\ngo 1.21\n',
          'k8s/sync.go': 'package k8s\n\nfunc SyncAllCRDs() error { return nil }\n',
          'jobs/periodic.go': 'package jobs\n\nimport kube "example.com/fabric/k8s"\n\nfunc Run() error { return kube.SyncAllCrds() }\n',
        },
        note: 'aliased import and a case slip',
      },
    ],
    good: [
      {
        files: {
          'go.mod': 'module example.com/fabric\n\ngo 1.21\n',
          'k8s/sync_linux.go': '//go:build linux\n\npackage k8s\n\nfunc Sync() error { return nil }\n',
          'k8s/types.go': 'package k8s\n\ntype Client struct{}\n\nvar Default = Client{}\n\nconst Version = "1"\n',
          'jobs/periodic.go': 'package jobs\n\nimport "example.com/fabric/k8s"\n\nfunc Run() (k8s.Client, string, error) { return k8s.Client(k8s.Default), k8s.Version, k8s.Sync() }\n',
        },
        note: 'a function in a build-tagged file, a conversion to a type',
      },
      {
        files: {
          'go.mod': 'module example.com/fabric\n\ngo 1.21\n',
          'k8s/sync.go': 'package k8s\n\nfunc Sync() error { return nil }\n',
          'k8s/export_test.go': 'package k8s\n\nfunc ResetForTest() {}\n',
          'k8s/sync_test.go': 'package k8s_test\n\nimport (\n\t"testing"\n\n\t"example.com/fabric/k8s"\n)\n\nfunc TestSync(t *testing.T) {\n\tk8s.ResetForTest()\n\t_ = k8s.Sync()\n}\n',
        },
        note: 'a name the package exports to its own tests',
      },
      {
        files: {
          'go.mod': 'module example.com/fabric\n\ngo 1.21\n',
          'k8s/sync.go': 'package k8s\n\n//go:generate stringer -type=Phase\n\ntype Phase int\n',
          'jobs/periodic.go': 'package jobs\n\nimport "example.com/fabric/k8s"\n\nfunc Name(p k8s.Phase) string { return k8s.PhaseNames()[p] }\n',
        },
        note: 'a package with go:generate: generated names are not known',
      },
      {
        files: {
          'go.mod': 'module example.com/fabric\n\ngo 1.21\n',
          'k8s/sync.go': 'package k8s\n\nfunc Sync() error { return nil }\n',
          'jobs/periodic.go': 'package jobs\n\nimport "example.com/fabric/k8s"\n\ntype local struct{}\n\nfunc (local) Other() error { return nil }\n\nfunc Run() error {\n\tk8s := local{}\n\treturn k8s.Other()\n}\n',
        },
        note: 'a local variable shadows the package name',
      },
    ],
  },
  check(ctx) {
    const pk = GoPackages.of(ctx.snapshot, ctx.shared);
    if (pk.modules.modules.length === 0) return [];
    // Top-level names per directory as the parsed models give them: a cheap first test before a package is read in full.
    const modelNames = new Map<string, Set<string>>();
    const modelPackages = new Map<string, Set<string>>();
    for (const [path, model] of ctx.models) {
      if (model.language !== 'go') continue;
      const d = dirOf(path);
      const set = modelNames.get(d) ?? new Set<string>();
      for (const s of model.symbols) if (s.container === null) set.add(s.name);
      modelNames.set(d, set);
      if (model.packageName) modelPackages.set(d, (modelPackages.get(d) ?? new Set<string>()).add(model.packageName));
    }
    const out: RawFinding[] = [];
    for (const [path, model] of ctx.models) {
      if (model.language !== 'go' || inIgnoredGoDir(path)) continue;
      const testCaller = path.endsWith('_test.go');
      const suspects: { importPath: string; name: string; dir: string }[] = [];
      for (const imp of model.imports) {
        if (imp.alias === '.' || imp.alias === '_') continue;
        const dir = pk.dirOfImport(imp.module, path);
        if (dir === null) continue;
        const cheap = modelNames.get(dir) ?? new Set<string>();
        const quals = imp.alias ? new Set([imp.alias]) : (modelPackages.get(dir) ?? new Set<string>());
        const calls = model.calls.filter((c) => c.receiver !== null && quals.has(c.receiver) && !cheap.has(c.name));
        if (calls.length === 0) continue;
        const pkg = pk.packageAt(dir, testCaller && dirOf(path) === dir);
        if (!pkg || !pkg.complete) continue;
        const qual = imp.alias ?? pkg.name;
        for (const call of calls) {
          if (call.receiver === qual && !pkg.names.has(call.name)) suspects.push({ importPath: imp.module, name: call.name, dir });
        }
      }
      if (suspects.length === 0) continue;
      const r = ctx.snapshot.read(path);
      if (!r.ok) continue;
      const tree = parseTree('go', r.text);
      if (tree.rootNode.hasError) continue;
      const facts = goFileFacts(tree, r.text);
      const m = goMirror(tree, r.text);
      const seen = new Set<string>();
      for (const ref of facts.refs) {
        const s = suspects.find((x) => x.importPath === ref.imp.path && x.name === ref.member);
        if (!s) continue;
        const parent = ref.node.parent;
        const called = parent?.type === 'call_expression' && parent.children.some((c) => c === ref.node && c.field === 'function');
        const literal = parent?.type === 'composite_literal' && ref.node.field === 'type';
        if (!called && !literal) continue;
        const key = `${ref.line}\0${s.name}`;
        if (seen.has(key)) continue;
        seen.add(key);
        const pkg = pk.packageAt(s.dir, testCaller && dirOf(path) === s.dir)!;
        const near = closest(s.name, pkg.names);
        const q = m.text.slice(ref.node.start, ref.node.end).split('.')[0]!.trim();
        out.push({
          path,
          line: ref.line,
          message: `undefined: ${q}.${s.name}${near ? ` (did you mean ${q}.${near}?)` : ''}`,
          related: [{ path: pkg.files[0] ?? s.dir, line: 1, note: `package ${pkg.name} (${s.dir || '.'}) declares no ${s.name}` }],
        });
      }
    }
    return out;
  },
};
