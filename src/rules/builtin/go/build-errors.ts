/**
 * Go build errors visible in one file: syntax errors, imports after
 * declarations, unused local variables and unused imports, with the Go
 * compiler's wording. Files Go never builds (under testdata/, `_x/`, `.x/`)
 * are skipped; test files are checked (`go test` and `go vet` compile them).
 * Generated files are checked like any other: the compiler does not exempt
 * them, so an unused import there breaks the build all the same.
 */
import type { RawFinding, TreeContext, TreeRule } from '../../types.js';
import { goFileFacts } from './scope.js';
import { goSyntax, hasGoSyntaxErrors } from './syntax.js';
import { inIgnoredGoDir } from './tree.js';

function goTree(ctx: TreeContext) {
  if (ctx.tree.kind !== 'tree-sitter' || ctx.tree.language !== 'go') return null;
  if (inIgnoredGoDir(ctx.model.path)) return null;
  return ctx.tree.tree;
}

export const goSyntaxRule: TreeRule = {
  id: 'build-error/go-syntax',
  category: 'build-error',
  severity: 'error',
  languages: ['go'],
  scope: 'tree',
  docs: {
    summary: 'A Go file that does not parse: the package does not build.',
    why: 'A syntax error stops `go build`, `go vet` and `go test` for the whole package. tree-sitter recovers from errors that Go does not, and accepts a last declaration without a final newline that Go also accepts; this rule reports what Go would reject, including statements outside a function body.',
    fix: 'Fix the syntax at the reported line; `gofmt -e file.go` shows the same error.',
    bad: [
      { files: { 'main.go': 'package main\n\nfunc main() {\n\tx := \n}\n' } },
      { files: { 'main.go': 'package main\n\nx := 1\n\nfunc main() {}\n' }, note: 'a statement outside a function body' },
      { files: { 'lib.go': 'package lib\n\nfunc F() int {\n\treturn (1 + 2\n}\n' } },
    ],
    good: [
      { files: { 'types.go': 'package lib\n\ntype T struct{ A int }\n\nvar V = T{A: 1}' }, note: 'no final newline after a declaration: Go accepts it' },
      { files: { 'gen.go': '//go:build ignore\n\npackage main\n\nfunc main() {}\n' }, note: 'a build-tagged generator still parses' },
      { files: { 'testdata/broken.go': 'package broken\n\nfunc {\n' }, note: 'testdata/ is never built' },
    ],
  },
  check(ctx) {
    const tree = goTree(ctx);
    if (!tree) return [];
    return goSyntax(tree, ctx.text).errors.map((e) => ({ line: e.line, endLine: e.endLine, message: e.message }));
  },
};

export const goImportAfterDeclRule: TreeRule = {
  id: 'build-error/go-import-after-decl',
  category: 'build-error',
  severity: 'error',
  languages: ['go'],
  scope: 'tree',
  docs: {
    summary: 'An import declaration after other top-level declarations.',
    why: 'Go requires every import before the first const, var, type or func declaration; the compiler stops with "syntax error: imports must appear before other declarations". tree-sitter parses such a file without error, so a plain parse check misses it.',
    fix: 'Move the import into the import block at the top of the file.',
    bad: [{ files: { 'xor.go': 'package xor\n\nimport "fmt"\n\nconst N = 4\n\nimport "strings"\n\nfunc F() string { return fmt.Sprint(strings.Repeat("x", N)) }\n' } }],
    good: [{ files: { 'xor.go': 'package xor\n\nimport "fmt"\n\nimport "strings"\n\nconst N = 4\n\nfunc F() string { return fmt.Sprint(strings.Repeat("x", N)) }\n' }, note: 'two import declarations, both before the first declaration' }],
  },
  check(ctx) {
    const tree = goTree(ctx);
    if (!tree) return [];
    return goSyntax(tree, ctx.text).lateImports.map((e) => ({ line: e.line, endLine: e.endLine, message: e.message }));
  },
};

export const goUnusedVariableRule: TreeRule = {
  id: 'build-error/go-unused-variable',
  category: 'build-error',
  severity: 'error',
  languages: ['go'],
  scope: 'tree',
  docs: {
    summary: 'A local variable that is declared and never used, which Go refuses to compile.',
    why: 'The Go compiler rejects a function with a local variable that is never read ("declared and not used: x"). Assigning to it (`x = 1`) is not a use; reading it anywhere is, in a closure, a `defer`, a `go` statement, through `&x` or a field (`x.f = 1`). Parameters, named results, package-level variables and `_` are never reported. Files with syntax errors are not checked: Go reports only the syntax error there.',
    fix: 'Use the variable, remove it, or assign the value to `_`.',
    bad: [
      { files: { 'merge_engine_test.go': 'package merge\n\nimport "testing"\n\nfunc TestMerge(t *testing.T) {\n\thasAdded := false\n\thasRemoved := false\n\tt.Log("ok")\n}\n' } },
      { files: { 'a.go': 'package a\n\nfunc F() {\n\tx := 1\n\tx = 2\n}\n' }, note: 'assignment only: not a use' },
      { files: { 'a.go': 'package a\n\nfunc F() {\n\tn := 0\n\tfunc() { n = 2 }()\n}\n' }, note: 'assigned inside a closure, never read' },
      { files: { 'a.go': 'package a\n\nfunc F(v interface{}) {\n\tswitch x := v.(type) {\n\tcase int:\n\t}\n}\n' }, note: 'type switch variable unused in every clause' },
      { files: { 'a.go': 'package a\n\nfunc F() int {\n\tx := 1\n\tif true {\n\t\tx := 2\n\t\t_ = 0\n\t}\n\treturn x\n}\n' }, note: 'the inner x shadows the outer one and is never read' },
    ],
    good: [
      { files: { 'a.go': 'package a\n\nfunc F() func() int {\n\tn := 1\n\treturn func() int { return n }\n}\n' }, note: 'used only inside a closure' },
      { files: { 'a.go': 'package a\n\nimport "sync"\n\nfunc F() {\n\tvar mu sync.Mutex\n\tmu.Lock()\n\tdefer mu.Unlock()\n\tdone := make(chan bool)\n\tgo func() { done <- true }()\n\t<-done\n}\n' }, note: 'used in defer and go statements' },
      { files: { 'a.go': 'package a\n\nfunc set(p *int) { *p = 1 }\n\nfunc F() {\n\tvar x int\n\tset(&x)\n}\n' }, note: 'used only through &x' },
      { files: { 'a.go': 'package a\n\ntype T struct{ f int }\n\nfunc F() {\n\tvar t T\n\tt.f = 1\n\tc := 0\n\tc++\n\ts := []int{0}\n\ts[0] = 1\n}\n' }, note: 'a field or element assignment and ++ read the variable' },
      { files: { 'a.go': 'package a\n\nfunc F() (n int, err error) {\n\t_, x := 1, 2\n\tn = x\nloop:\n\tfor i := 0; i < 3; i++ {\n\t\tif i == 1 {\n\t\t\tbreak loop\n\t\t}\n\t}\n\treturn\n}\n' }, note: 'blank identifier, named results, a label' },
      { files: { 'a.go': 'package a\n\nfunc F(v interface{}) int {\n\tswitch x := v.(type) {\n\tcase int:\n\t\treturn x\n\tcase string:\n\t}\n\treturn 0\n}\n' }, note: 'type switch variable used in one clause' },
      { files: { 'a.go': 'package a\n\ntype S struct {\n\tunused int\n}\n\nvar pkgLevel = 1\n\nfunc F(param int) {}\n' }, note: 'struct fields, package-level variables and parameters are not local variables' },
      { files: { 'zz_generated.go': '// Code generated by tool. DO NOT EDIT.\n\npackage a\n\nfunc F() int {\n\tv := 2\n\treturn v\n}\n' }, note: 'generated files are checked as Go checks them; this one compiles' },
    ],
  },
  check(ctx) {
    const tree = goTree(ctx);
    if (!tree || hasGoSyntaxErrors(tree, ctx.text)) return [];
    const facts = goFileFacts(tree, ctx.text);
    if (!facts.complete) return [];
    const out: RawFinding[] = [];
    for (const v of facts.locals) if (!v.used) out.push({ line: v.line, message: `declared and not used: ${v.name}` });
    return out;
  },
};

export const goUnusedImportRule: TreeRule = {
  id: 'build-error/go-unused-import',
  category: 'build-error',
  severity: 'error',
  languages: ['go'],
  scope: 'tree',
  docs: {
    summary: 'An imported package that the file never uses, which Go refuses to compile.',
    why: 'The Go compiler rejects a file that imports a package it does not use ("\\"fmt\\" imported and not used"). A use in a type expression counts; a local variable of the same name shadows the import. Blank (`_`), dot (`.`) and cgo (`"C"`) imports are never reported. Where a package\'s name cannot be known from its path (a non-standard import without alias) and the file refers to a name this file does not declare, the import is assumed used.',
    fix: 'Remove the import, or use `_` if only its side effects are wanted.',
    bad: [
      { files: { 'a.go': 'package a\n\nimport (\n\t"fmt"\n\t"strings"\n)\n\nfunc F() string { return strings.ToUpper("x") }\n' } },
      { files: { 'a.go': 'package a\n\nimport str "strings"\n\nfunc F() {}\n' }, note: 'aliased import: "strings" imported as str and not used' },
      { files: { 'a.go': 'package a\n\nimport "strings"\n\nfunc F(strings []string) int { return len(strings) }\n' }, note: 'the parameter shadows the package everywhere it is named' },
      { files: { 'zz_generated.deepcopy.go': '// Code generated by controller-gen. DO NOT EDIT.\n\npackage a\n\nimport "fmt"\n\nfunc F() {}\n' }, note: 'a generated file is compiled like any other' },
    ],
    good: [
      { files: { 'a.go': 'package a\n\nimport (\n\t"io"\n\t"net/http"\n)\n\nvar _ io.Reader\n\nfunc F(c *http.Client) {}\n' }, note: 'used only in type expressions' },
      { files: { 'a.go': 'package a\n\nimport (\n\t_ "embed"\n\t. "math"\n)\n\nvar X = Pi\n' }, note: 'blank and dot imports' },
      { files: { 'a.go': 'package a\n\n// #include <stdio.h>\nimport "C"\n\nfunc F() {}\n' }, note: 'cgo' },
      { files: { 'a.go': 'package a\n\nimport (\n\tyaml "gopkg.in/yaml.v3"\n\t"github.com/google/go-cmp/cmp"\n)\n\nvar _ = yaml.Marshal\nvar _ = cmp.Diff\n' }, note: 'aliased import and a package named after the last path element' },
      { files: { 'a.go': 'package a\n\nimport "github.com/mattn/go-sqlite3"\n\nvar _ = sqlite3.Version\n' }, note: 'package name differs from the path element (go- prefix)' },
      { files: { 'a_linux.go': '//go:build linux\n\npackage a\n\nimport "os"\n\nvar Sep = os.PathSeparator\n' }, note: 'build-tagged file' },
    ],
  },
  check(ctx) {
    const tree = goTree(ctx);
    if (!tree || hasGoSyntaxErrors(tree, ctx.text)) return [];
    const facts = goFileFacts(tree, ctx.text);
    if (!facts.complete) return [];
    const out: RawFinding[] = [];
    for (const imp of facts.imports) {
      if (imp.kind !== 'named' || imp.used) continue;
      // A guessed name might be wrong: any unexplained qualifier may be this package.
      if (imp.name === null && facts.unresolved.size > 0) continue;
      const msg = imp.alias !== null ? `"${imp.path}" imported as ${imp.alias} and not used` : `"${imp.path}" imported and not used`;
      out.push({ line: imp.line, message: msg });
    }
    return out;
  },
};

export const goBuildErrorFileRules: TreeRule[] = [goSyntaxRule, goImportAfterDeclRule, goUnusedVariableRule, goUnusedImportRule];
