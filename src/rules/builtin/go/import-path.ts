/**
 * build-error/go-import-path: an import that the go command cannot resolve
 * from the module the file belongs to. Read from go.mod/go.work and the tree
 * alone, never from the network or a module cache, so only what the
 * repository itself proves is reported.
 */
import type { RawFinding, RepoRule } from '../../types.js';
import { goModuleIndex, underPath, type GoModule, type GoModuleIndex } from './gomod.js';
import { looksStd, stdIndex } from './stdlib.js';
import { inIgnoredGoDir } from './tree.js';

function joinDir(a: string, b: string): string {
  return [a, b].filter(Boolean).join('/');
}

/** True when a required, replaced or workspace module provides `path`. */
function providedByDependency(mod: GoModule, idx: GoModuleIndex, path: string): boolean {
  if (mod.requires.some((r) => underPath(path, r)) || mod.replaces.some((r) => underPath(path, r))) return true;
  for (const w of idx.workspacePaths) if (underPath(path, w)) return true;
  return mod.vendored?.has(path) ?? false;
}

type Verdict = 'ok' | 'not-in-std' | 'not-provided';

function resolve(path: string, mod: GoModule, idx: GoModuleIndex, hasDir: (d: string) => boolean, ignored: (d: string) => boolean): Verdict {
  if (underPath(path, mod.path)) {
    const rel = path === mod.path ? '' : path.slice(mod.path.length + 1);
    const dir = joinDir(mod.dir, rel);
    // A directory inside a nested module belongs to that module, not to this one.
    let d = dir;
    while (d !== mod.dir && d.length > mod.dir.length) {
      if (idx.moduleAt(d)) return providedByDependency(mod, idx, path) ? 'ok' : 'not-provided';
      const i = d.lastIndexOf('/');
      d = i < 0 ? '' : d.slice(0, i);
    }
    if (dir === mod.dir || hasDir(dir)) return 'ok';
    // Generated packages are often ignored and built before compiling.
    if (ignored(dir) || ignored(dir + '/')) return 'ok';
    return providedByDependency(mod, idx, path) ? 'ok' : 'not-provided';
  }
  if (providedByDependency(mod, idx, path)) return 'ok';
  if (looksStd(path)) return stdIndex().packages.has(path) ? 'ok' : 'not-in-std';
  return 'not-provided';
}

export const goImportPathRule: RepoRule = {
  id: 'build-error/go-import-path',
  category: 'build-error',
  severity: 'error',
  languages: ['go'],
  scope: 'repo',
  docs: {
    summary: 'An import path that neither the standard library nor the module (its own packages, requirements, replacements, workspace, vendor/) provides.',
    why: 'The go command resolves every import from the standard library or from the modules the nearest go.mod names. A path without a dot in its first element that is not a standard package fails with "package novacron/backend/x is not in std" (typical after a module was renamed to github.com/…/novacron); any other unknown path fails with "no required module provides package …". A package under the module path that lives in a nested module, or in no directory at all, fails the same way. Files outside any module (GOPATH mode) and vendored files are not checked; a missing directory that .gitignore matches is assumed to be generated.',
    fix: 'Write the import under the module path declared in go.mod (`github.com/org/novacron/backend/x`), or add the module with `go get`.',
    bad: [
      {
        files: {
          'go.mod': 'module github.com/khryptorgraphics/novacron\n\ngo 1.21\n',
          'backend/core/lockfree/q.go': 'package lockfree\n\nfunc New() int { return 1 }\n',
          'backend/core/merge.go': 'package core\n\nimport "novacron/backend/core/lockfree"\n\nvar Q = lockfree.New()\n',
        },
        note: 'module renamed; import still uses the old path',
      },
      {
        files: {
          'go.mod': 'module example.com/app\n\ngo 1.21\n\nrequire github.com/google/uuid v1.6.0\n',
          'main.go': 'package main\n\nimport "github.com/sirupsen/logrus"\n\nfunc main() { logrus.Info("x") }\n',
        },
        note: 'a module that go.mod does not require',
      },
      {
        files: {
          'go.mod': 'module example.com/app\n\ngo 1.21\n',
          'tools/go.mod': 'module example.com/app/tools\n\ngo 1.21\n',
          'tools/gen/gen.go': 'package gen\n\nfunc Run() {}\n',
          'main.go': 'package main\n\nimport "example.com/app/tools/gen"\n\nfunc main() { gen.Run() }\n',
        },
        note: 'a package of a nested module that the outer go.mod does not require',
      },
    ],
    good: [
      {
        files: {
          'go.mod': 'module example.com/app\n\ngo 1.21\n\nrequire (\n\tgithub.com/google/uuid v1.6.0\n\tgolang.org/x/sync v0.7.0 // indirect\n)\n\nreplace example.com/lib => ../lib\n',
          'internal/x/x.go': 'package x\n\nconst V = 1\n',
          'main.go': 'package main\n\nimport (\n\t"fmt"\n\t"slices"\n\n\t"example.com/app/internal/x"\n\t"example.com/lib/y"\n\t"github.com/google/uuid"\n\t"golang.org/x/sync/errgroup"\n)\n\nfunc main() { fmt.Println(slices.Max([]int{x.V}), uuid.New(), y.Z, errgroup.Group{}) }\n',
        },
        note: 'standard library (including packages newer than the index), own package, required, indirect and replaced modules',
      },
      {
        files: {
          'go.work': 'go 1.21\n\nuse (\n\t./app\n\t./tools\n)\n',
          'app/go.mod': 'module example.com/app\n\ngo 1.21\n',
          'tools/go.mod': 'module example.com/tools\n\ngo 1.21\n',
          'tools/gen/gen.go': 'package gen\n\nfunc Run() {}\n',
          'app/main.go': 'package main\n\nimport "example.com/tools/gen"\n\nfunc main() { gen.Run() }\n',
        },
        note: 'a workspace module',
      },
      {
        files: {
          'main.go': 'package main\n\nimport "mycompany/internal/thing"\n\nfunc main() { thing.Run() }\n',
        },
        note: 'no go.mod: GOPATH mode, not checked',
      },
      {
        files: {
          'go.mod': 'module example.com/app\n\ngo 1.21\n',
          '.gitignore': 'gen/\n',
          'main.go': 'package main\n\nimport "example.com/app/gen/api"\n\nfunc main() { api.Serve() }\n',
        },
        note: 'a generated package that .gitignore keeps out of the tree',
      },
    ],
  },
  check(ctx) {
    const idx = goModuleIndex(ctx.snapshot, ctx.shared);
    if (idx.modules.length === 0) return [];
    const out: RawFinding[] = [];
    const hasDir = (d: string) => ctx.snapshot.hasDir(d);
    const ignored = (d: string) => ctx.snapshot.isIgnored(d);
    for (const [path, model] of ctx.models) {
      // Vendored code resolves its imports through vendor/modules.txt of the module that vendors it.
      if (model.language !== 'go' || inIgnoredGoDir(path) || /(^|\/)vendor\//.test(path)) continue;
      const mod = idx.moduleOf(path);
      if (!mod) continue;
      for (const imp of model.imports) {
        const p = imp.module;
        if (!p || p === 'C' || p.startsWith('.') || p.startsWith('/')) continue;
        const v = resolve(p, mod, idx, hasDir, ignored);
        if (v === 'ok') continue;
        const goMod = joinDir(mod.dir, 'go.mod');
        out.push({
          path,
          line: imp.range.line,
          message: v === 'not-in-std' ? `package ${p} is not in std` : `no required module provides package ${p}`,
          related: [{ path: goMod, line: 1, note: `module ${mod.path}` }],
        });
      }
    }
    return out;
  },
};
