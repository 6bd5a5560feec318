/**
 * method-mismatch/js-missing-export: a name imported from (or called on) a
 * local module that the module does not export. Export tables come from the
 * syntax tree (exports.ts): ES exports, TypeScript declarations, and
 * CommonJS exports where they are statically clear. A module whose exports
 * cannot be listed is never judged.
 */
import { ts } from 'ts-morph';
import type { SourceModel } from '../../../lang/model.js';
import type { RawFinding, RepoContext, RepoRule } from '../../types.js';
import { ExportIndex, type ExportTable } from './exports.js';
import { isRelativeSpecifier, resolveRelative } from './resolve.js';
import { closestName, isFixturePath, isMinified } from './util.js';
import { lineStarts } from '../../../repo/text.js';

const SHARED_KEY = 'typescript:missing-exports';
const INDEX_KEY = 'typescript:export-index';

/** Members every object has: calling them on a module namespace is not a missing export. */
const OBJECT_MEMBERS = new Set(['toString', 'valueOf', 'hasOwnProperty', 'isPrototypeOf', 'propertyIsEnumerable', 'toLocaleString', 'constructor', 'then']);

function exportIndex(ctx: RepoContext): ExportIndex {
  let idx = ctx.shared.get(INDEX_KEY) as ExportIndex | undefined;
  if (!idx) ctx.shared.set(INDEX_KEY, (idx = new ExportIndex(ctx.snapshot)));
  return idx;
}

/** The union of what the candidate files export, or null when any of them cannot be listed. */
function exportsOfAll(idx: ExportIndex, paths: string[]): ExportTable | null {
  let merged: ExportTable | null = null;
  for (const p of paths) {
    const t = idx.exportsOf(p);
    if (!t || t.open) return null;
    if (!merged) merged = { ...t, names: new Set(t.names) };
    else {
      for (const n of t.names) merged.names.add(n);
      merged.esm ||= t.esm;
      merged.cjs ||= t.cjs;
    }
  }
  return merged;
}

function describe(target: string, names: Set<string>, wanted: string): string {
  const hint = closestName(wanted, names);
  const list = [...names].filter((n) => n !== 'default').sort();
  const shown = list.length === 0 ? 'nothing by name' : list.length <= 6 ? list.join(', ') : `${list.slice(0, 6).join(', ')}, …`;
  return hint ? `did you mean '${hint}'?` : `${target} exports ${shown}`;
}

/** Import statement kinds the model does not spell out: `import X from` is a default import. */
function isDefaultImport(lines: string[], line: number, alias: string): boolean {
  const text = lines[line - 1] ?? '';
  const m = /^\s*import\s+(?:type\s+)?([A-Za-z_$][\w$]*)\s*(?:,|from\b)/.exec(text);
  return m !== null && m[1] === alias;
}

function declaresName(node: ts.Node, name: string, except: ts.Node | null): boolean {
  const stack: ts.Node[] = [node];
  while (stack.length > 0) {
    const n = stack.pop()!;
    if (n !== except) {
      if ((ts.isVariableDeclaration(n) || ts.isParameter(n) || ts.isBindingElement(n)) && ts.isIdentifier(n.name) && n.name.text === name) return true;
      if ((ts.isFunctionDeclaration(n) || ts.isClassDeclaration(n) || ts.isFunctionExpression(n) || ts.isClassExpression(n)) && n.name?.text === name) return true;
    }
    ts.forEachChild(n, (c) => {
      stack.push(c);
    });
  }
  return false;
}

/**
 * True when `name` at this offset may mean something other than the module:
 * a parameter or local of an enclosing function (`const { anchors } = ctx`,
 * `(...checks) => checks.map(…)`) or a second top-level declaration.
 */
function isShadowed(sf: ts.SourceFile, offset: number, name: string, importLine: number, starts: number[]): boolean {
  let node: ts.Node | undefined;
  const find = (n: ts.Node): void => {
    if (offset < n.getStart(sf) || offset >= n.end) return;
    node = n;
    ts.forEachChild(n, find);
  };
  ts.forEachChild(sf, find);
  for (let n: ts.Node | undefined = node; n && !ts.isSourceFile(n); n = n.parent) {
    if (ts.isFunctionLike(n) && declaresName(n, name, null)) return true;
  }
  // At the top level, only the import itself may declare the name.
  const importStart = starts[importLine - 1] ?? 0;
  const importEnd = starts[importLine] ?? sf.text.length;
  for (const st of sf.statements) {
    const start = st.getStart(sf);
    if (start >= importStart && start < importEnd) continue;
    if ((ts.isFunctionDeclaration(st) || ts.isClassDeclaration(st)) && st.name?.text === name) return true;
    if (ts.isVariableStatement(st) && st.declarationList.declarations.some((d) => declaresName(d.name, name, null) || (ts.isIdentifier(d.name) && d.name.text === name))) return true;
  }
  return false;
}

function checkModel(ctx: RepoContext, idx: ExportIndex, model: SourceModel, found: RawFinding[]): void {
  const out: RawFinding[] = [];
  checkImports(ctx, idx, model, out);
  if (out.length === 0) return;
  const r = ctx.snapshot.read(model.path);
  if (r.ok && !isMinified(r.text)) found.push(...out);
}

function checkImports(ctx: RepoContext, idx: ExportIndex, model: SourceModel, out: RawFinding[]): void {
  let lines: string[] | null = null;
  let parsed: { sf: ts.SourceFile; starts: number[] } | null = null;
  const source = (): { sf: ts.SourceFile; starts: number[] } | null => {
    if (parsed) return parsed;
    const r = ctx.snapshot.read(model.path);
    if (!r.ok) return null;
    return (parsed = { sf: ts.createSourceFile(model.path, r.text, ts.ScriptTarget.Latest, true), starts: lineStarts(r.text) });
  };
  const reassigned = new Set(model.assignments.map((a) => a.target));
  for (const imp of model.imports) {
    if (!isRelativeSpecifier(imp.module)) continue;
    if (imp.names.length === 0 && imp.alias === null) continue;
    const r = resolveRelative(ctx.snapshot, model.path, imp.module);
    if (r.kind !== 'found') continue;
    const table = exportsOfAll(idx, r.paths);
    if (!table) continue;
    const target = r.paths[0]!;
    const related = [{ path: target, line: 1, note: `module '${imp.module}'` }];
    for (const n of imp.names) {
      if (table.names.has(n.name)) continue;
      out.push({
        path: model.path,
        line: n.line,
        message: `'${imp.module}' has no export '${n.name}'; ${describe(target, table.names, n.name)}`,
        related,
      });
    }
    if (imp.alias === null) continue;
    const isRequire = model.calls.some((c) => c.name === 'require' && c.range.line === imp.range.line);
    lines ??= (() => {
      const t = ctx.snapshot.read(model.path);
      return t.ok ? t.text.split('\n') : [];
    })();
    if (!isRequire && isDefaultImport(lines, imp.range.line, imp.alias)) {
      // Only an ES module without CommonJS interop can lack a default export.
      if (table.esm && !table.cjs && !table.names.has('default')) {
        out.push({ path: model.path, line: imp.range.line, message: `'${imp.module}' has no default export; ${describe(target, table.names, imp.alias)}`, related });
      }
      continue;
    }
    // `import * as m` / `const m = require(…)`: calls `m.f()` need an export `f`. A module with a default
    // export is left alone: Babel's add-module-exports makes the namespace that default object.
    if (reassigned.has(imp.alias) || table.names.has('default')) continue;
    for (const c of model.calls) {
      if (c.receiver !== imp.alias || !c.name || OBJECT_MEMBERS.has(c.name) || table.names.has(c.name)) continue;
      const src = source();
      if (!src) continue;
      const offset = (src.starts[c.range.line - 1] ?? 0) + c.range.column - 1;
      if (isShadowed(src.sf, offset, imp.alias, imp.range.line, src.starts)) continue;
      out.push({
        path: model.path,
        line: c.range.line,
        message: `'${imp.module}' has no export '${c.name}' (called as ${c.callee}); ${describe(target, table.names, c.name)}`,
        related,
      });
    }
  }
}

/** Every missing local export of the repository, computed once per audit (ts-diagnostic reads it to avoid duplicates). */
export function missingExports(ctx: RepoContext): RawFinding[] {
  const cached = ctx.shared.get(SHARED_KEY) as RawFinding[] | undefined;
  if (cached) return cached;
  const idx = exportIndex(ctx);
  const out: RawFinding[] = [];
  for (const model of ctx.models.values()) {
    if ((model.language !== 'typescript' && model.language !== 'javascript') || isFixturePath(model.path)) continue;
    checkModel(ctx, idx, model, out);
  }
  ctx.shared.set(SHARED_KEY, out);
  return out;
}

export const missingExportRule: RepoRule = {
  id: 'method-mismatch/js-missing-export',
  category: 'method-mismatch',
  severity: 'error',
  languages: ['typescript', 'javascript'],
  scope: 'repo',
  docs: {
    summary: 'Names imported from, or called on, a local module that the module does not export (ES modules, TypeScript, and CommonJS where its exports are statically clear).',
    why:
      'An ES import of a missing name fails when the module is linked (SyntaxError in Node, an error or a silent `undefined` in bundlers); a CommonJS destructuring or `m.f()` gives `undefined` and throws "is not a function" at the first call. Renames that missed a caller and case slips (`fabric` vs `Fabric`) look exactly like this. Modules whose exports are built dynamically (`module.exports = factory()`, `Object.assign(exports, …)`, `export *` from a package) are not judged.',
    fix: 'Import the name the module really exports (the closest one is suggested), or export the missing name from the module.',
    bad: [
      {
        files: {
          'src/jobs/sync.ts': "import { syncFabric } from '../k8s/sync';\n\nexport const run = () => syncFabric();\n",
          'src/k8s/sync.ts': 'export function syncAllCrds(): void {}\n',
        },
      },
      {
        files: {
          'lib/job.js': "const { syncfabric } = require('./k8s');\nsyncfabric();\n",
          'lib/k8s.js': 'function syncFabric() {}\nmodule.exports = { syncFabric };\n',
        },
        note: 'CommonJS, case slip',
      },
      {
        files: { 'lib/run.js': "const k8s = require('./k8s');\nk8s.syncFabric();\n", 'lib/k8s.js': 'exports.syncAllCrds = function () {};\n' },
        note: 'a call on the required module',
      },
      {
        files: { 'src/app.js': "import Client from './client.js';\nnew Client();\n", 'src/client.js': 'export class Client {}\n' },
        note: 'default import of an ES module that has only named exports',
      },
    ],
    good: [
      {
        files: {
          'src/index.ts': "import { a, b, type Shape } from './lib';\nexport const s: Shape = { a: a + b };\n",
          'src/lib/index.ts': "export * from './a';\nexport { b } from './b';\nexport interface Shape { a: number }\n",
          'src/lib/a.ts': 'export const a = 1;\n',
          'src/lib/b.ts': 'const bee = 2;\nexport { bee as b };\n',
        },
        note: 'export * and renamed re-exports are followed',
      },
      {
        files: { 'lib/use.js': "const { make } = require('./factory');\nmake();\n", 'lib/factory.js': 'module.exports = buildExports();\nfunction buildExports() { return { make() {} }; }\n' },
        note: 'exports built dynamically are not judged',
      },
      {
        files: { 'src/use.js': "import legacy from './legacy';\nlegacy.run();\n", 'src/legacy.js': 'module.exports = { run() {} };\n' },
        note: 'default import of a CommonJS module',
      },
      {
        files: {
          'src/umd.js': "import { render } from './lib.umd';\nrender();\n",
          'src/lib.umd.js': "(function (root, factory) {\n  if (typeof exports === 'object') module.exports = factory();\n  else root.lib = factory();\n})(this, function () { return { render() {} }; });\n",
        },
        note: 'a UMD bundle',
      },
    ],
  },
  check: (ctx) => missingExports(ctx),
};
