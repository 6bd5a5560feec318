/**
 * build-error/ts-unresolved-import: a relative import (ES `import`/`export …
 * from`, `require`, `import()`) whose file the repository does not have, or
 * has only with different letter case. No type checker is needed, so it
 * covers JavaScript as well as TypeScript.
 */
import { ts } from 'ts-morph';
import type { ImportInfo } from '../../../lang/model.js';
import type { RawFinding, RepoContext, RepoRule } from '../../types.js';
import { isRelativeSpecifier, resolveRelative } from './resolve.js';
import { isFixturePath, isMinified } from './util.js';
import { lineStarts } from '../../../repo/text.js';

const SHARED_KEY = 'typescript:unresolved-imports';

/** True when the import sits in a `try` block (an optional dependency) or in a `.catch()`-guarded `import()`. */
function isGuarded(sf: ts.SourceFile, offset: number): boolean {
  let node: ts.Node | undefined = findNode(sf, offset);
  while (node && !ts.isSourceFile(node)) {
    const parent: ts.Node | undefined = node.parent;
    if (parent && ts.isTryStatement(parent) && parent.tryBlock === node) return true;
    if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword) {
      const p = node.parent;
      if (p && ts.isPropertyAccessExpression(p) && (p.name.text === 'catch' || p.name.text === 'then')) return true;
    }
    node = parent;
  }
  return false;
}

function findNode(sf: ts.SourceFile, offset: number): ts.Node | undefined {
  let found: ts.Node | undefined;
  const visit = (n: ts.Node): void => {
    if (offset < n.getStart(sf) || offset >= n.end) return;
    found = n;
    ts.forEachChild(n, visit);
  };
  ts.forEachChild(sf, visit);
  return found;
}

/** Every unresolved relative import of the repository, computed once per audit. */
export function unresolvedImports(ctx: RepoContext): RawFinding[] {
  const cached = ctx.shared.get(SHARED_KEY) as RawFinding[] | undefined;
  if (cached) return cached;
  const out: RawFinding[] = [];
  for (const model of ctx.models.values()) {
    if (model.language !== 'typescript' && model.language !== 'javascript') continue;
    if (isFixturePath(model.path)) continue;
    const problems: { imp: ImportInfo; message: string }[] = [];
    for (const imp of model.imports) {
      if (!isRelativeSpecifier(imp.module)) continue;
      const r = resolveRelative(ctx.snapshot, model.path, imp.module);
      if (r.kind === 'missing') {
        problems.push({ imp, message: `Cannot find module '${imp.module}': the repository has no ${r.base} (with any of .ts, .tsx, .js, .jsx, .mjs, .cjs, .json, or ${r.base}/index.*)` });
      } else if (r.kind === 'case-mismatch') {
        problems.push({
          imp,
          message: `Cannot find module '${imp.module}' on a case-sensitive file system: the file is ${r.actual} (letter case differs; this only works on macOS and Windows)`,
        });
      }
    }
    if (problems.length === 0) continue;
    // Rare enough to re-parse: an optional `require` in a try block is not a build error.
    const r = ctx.snapshot.read(model.path);
    if (!r.ok || isMinified(r.text)) continue;
    const sf = ts.createSourceFile(model.path, r.text, ts.ScriptTarget.Latest, true);
    const starts = lineStarts(r.text);
    for (const p of problems) {
      const offset = (starts[p.imp.range.line - 1] ?? 0) + p.imp.range.column - 1;
      if (isGuarded(sf, offset)) continue;
      out.push({ path: model.path, line: p.imp.range.line, endLine: p.imp.range.endLine, message: p.message });
    }
  }
  ctx.shared.set(SHARED_KEY, out);
  return out;
}

export const unresolvedImportRule: RepoRule = {
  id: 'build-error/ts-unresolved-import',
  category: 'build-error',
  severity: 'error',
  languages: ['typescript', 'javascript'],
  scope: 'repo',
  docs: {
    summary: 'Relative imports and requires whose file does not exist in the repository, or exists only with different letter case.',
    why:
      'The bundler, `tsc` or Node stops at the first module it cannot find, so the build or the process start fails. A case slip (`./Fabric` for `fabric.ts`) passes on macOS and Windows, whose file systems ignore case, and breaks on Linux CI and in containers. Imports of files that .gitignore hides (generated code, build outputs) and optional requires inside `try` are not reported.',
    fix: 'Point the import at the file that exists, with its exact spelling, or add the missing module.',
    bad: [
      { files: { 'src/jobs/sync.ts': "import { syncAll } from '../k8s/client';\n\nexport const run = () => syncAll();\n", 'src/k8s/index.ts': 'export const x = 1;\n' } },
      {
        files: { 'src/app.js': "const Fabric = require('./models/Fabric');\n\nmodule.exports = new Fabric();\n", 'src/models/fabric.js': 'module.exports = class Fabric {};\n' },
        note: 'letter case differs from the file on disk',
      },
    ],
    good: [
      {
        files: { 'src/main.ts': "import { helper } from './util.js';\n\nhelper();\n", 'src/util.ts': 'export function helper(): void {}\n' },
        note: 'a `.js` specifier that TypeScript maps to the `.ts` source',
      },
      {
        files: { 'src/button.js': "import Button from './Button';\nexport default Button;\n", 'src/Button.ios.js': 'export default 1;\n', 'src/Button.android.js': 'export default 2;\n' },
        note: 'React Native platform files',
      },
      {
        files: { 'lib/index.js': "let native;\ntry {\n  native = require('./build/Release/addon.node');\n} catch {\n  native = null;\n}\nmodule.exports = native;\n" },
        note: 'an optional require inside try',
      },
      {
        files: { '.gitignore': 'src/generated/\n', 'src/api.ts': "import { schema } from './generated/graphql';\n\nexport { schema };\n" },
        note: 'a generated file that .gitignore hides: the build creates it',
      },
      {
        files: { 'src/styles.ts': "import './theme.css';\nimport data from './data.json';\nexport default data;\n", 'src/theme.css': 'body {}\n', 'src/data.json': '{}\n' },
        note: 'assets and JSON that exist',
      },
    ],
  },
  check: (ctx) => unresolvedImports(ctx),
};
