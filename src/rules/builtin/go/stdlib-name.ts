/**
 * method-mismatch/go-stdlib-name: `strings.Contain(...)`, a reference to a
 * name the standard-library package does not declare, checked against the
 * bundled index (data/go-stdlib.json).
 */
import type { RawFinding, TreeRule } from '../../types.js';
import { goFileFacts } from './scope.js';
import { stdIndex } from './stdlib.js';
import { hasGoSyntaxErrors } from './syntax.js';
import { closest, inIgnoredGoDir } from './tree.js';

export const goStdlibNameRule: TreeRule = {
  id: 'method-mismatch/go-stdlib-name',
  category: 'method-mismatch',
  severity: 'error',
  languages: ['go'],
  scope: 'tree',
  docs: {
    summary: 'A reference to a name that the standard-library package does not declare (`strings.Contain`).',
    why: 'The build fails with "undefined: strings.Contain". The index was made from one Go release and completed with the names later releases added; a name it does not know is reported only when it is a near miss of a real one (a typo or a case slip, "did you mean strings.Contains?") or cannot be exported at all (lower case), so code written for a newer Go is not flagged for using what that Go added.',
    fix: 'Use the name the package declares; the message names the closest one.',
    bad: [
      { files: { 'a.go': 'package a\n\nimport "strings"\n\nfunc Has(s string) bool { return strings.Contain(s, "x") }\n' } },
      { files: { 'a.go': 'package a\n\nimport "net/http"\n\nvar c = &http.client{}\n' }, note: 'a case slip in a type name' },
      { files: { 'a.go': 'package a\n\nimport str "strings"\n\nvar up = str.Toupper("x")\n' }, note: 'aliased import' },
    ],
    good: [
      { files: { 'a.go': 'package a\n\nimport (\n\t"errors"\n\t"strings"\n)\n\nvar (\n\tok     = strings.Contains("ab", "a")\n\tp, _   = strings.CutPrefix("ab", "a")\n\terrAll = errors.Join(nil)\n)\n' }, note: 'names added after the index\'s Go release' },
      { files: { 'a.go': 'package a\n\nimport "strings"\n\ntype builder struct{}\n\nfunc (builder) Contain(string) bool { return false }\n\nfunc F() bool {\n\tstrings := builder{}\n\treturn strings.Contain("x")\n}\n' }, note: 'a local variable shadows the package' },
      { files: { 'a.go': 'package a\n\nimport "slices"\n\nvar m = slices.Max([]int{1})\n' }, note: 'a package newer than the index: names unknown, not checked' },
    ],
  },
  check(ctx) {
    if (ctx.tree.kind !== 'tree-sitter' || ctx.tree.language !== 'go' || inIgnoredGoDir(ctx.model.path)) return [];
    if (hasGoSyntaxErrors(ctx.tree.tree, ctx.text)) return [];
    const facts = goFileFacts(ctx.tree.tree, ctx.text);
    const std = stdIndex().packages;
    const out: RawFinding[] = [];
    for (const r of facts.refs) {
      if (r.imp.name === null || !r.member) continue;
      const pkg = std.get(r.imp.path);
      if (!pkg?.names || pkg.names.has(r.member)) continue;
      if (ctx.isTest && pkg.testNames.has(r.member)) continue;
      const near = closest(r.member, pkg.names);
      const unexported = !/^\p{Lu}/u.test(r.member);
      if (!near && !unexported) continue;
      const q = r.imp.name;
      const hint = near ? ` (did you mean ${q}.${near}?)` : '';
      out.push({
        line: r.line,
        message: unexported && !near ? `name ${r.member} not exported by package ${pkg.name}` : `undefined: ${q}.${r.member}${hint}`,
      });
    }
    return out;
  },
};

