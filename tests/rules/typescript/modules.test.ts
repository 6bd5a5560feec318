/**
 * Export tables and relative module resolution: the facts js-missing-export
 * and ts-unresolved-import stand on.
 */
import { afterAll, describe, expect, test } from 'vitest';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { ts } from 'ts-morph';
import { RepoSnapshot } from '../../../src/repo/snapshot.js';
import { analyzeInMemory } from '../../../src/rules/engine.js';
import { typescriptRules } from '../../../src/rules/builtin/typescript/index.js';
import { exportTableOf } from '../../../src/rules/builtin/typescript/exports.js';
import { resolveRelative } from '../../../src/rules/builtin/typescript/resolve.js';

function table(code: string, path = 'm.ts') {
  const t = exportTableOf(ts.createSourceFile(path, code, ts.ScriptTarget.Latest, true));
  return { names: [...t.names].sort(), open: t.open, stars: t.stars, esm: t.esm, cjs: t.cjs };
}

describe('export tables', () => {
  test.each([
    ['export const a = 1, { b, c: [d] } = x;\nexport function f() {}\nexport class C {}\nexport interface I {}\nexport type T = 1;\nexport enum E {}\nexport namespace N {}\nexport default 1;', ['C', 'E', 'I', 'N', 'T', 'a', 'b', 'd', 'default', 'f']],
    ["const x = 1;\nexport { x as y, x as default };\nexport * as ns from './n';\nexport { z } from './z';\nexport type { Q } from './q';", ['Q', 'default', 'ns', 'y', 'z']],
    ["exports.a = 1;\nmodule.exports.b = 2;\nexports['c'] = 3;\nObject.defineProperty(exports, 'd', { get() { return 1; } });\nObject.defineProperty(exports, '__esModule', { value: true });\nexports.e = exports.f = void 0;", ['a', 'b', 'c', 'd', 'e', 'f']],
    ['function a() {}\nmodule.exports = { a, b: 1, c() {}, "d": 2 };', ['a', 'b', 'c', 'd', 'default']],
  ])('lists the names of %#', (code, names) => {
    const t = table(code, 'm.js');
    expect(t.open).toBe(false);
    expect(t.names).toEqual(names);
  });

  test.each([
    ['module.exports = factory();', 'a computed value'],
    ['module.exports = { ...base, a: 1 };', 'a spread'],
    ["Object.assign(module.exports, require('./x'));", 'Object.assign'],
    ["exports[name] = fn;", 'a computed key'],
    ["(function (root, f) { if (typeof exports === 'object') module.exports = f(); })(this, () => ({}));", 'a UMD wrapper'],
    ["define(['dep'], function (dep) { return {}; });", 'AMD'],
    ['export = Foo;\ndeclare class Foo {}', 'export ='],
    ['window.lib = {};', 'a script'],
    ["var __exportStar = require('tslib').__exportStar;\n__exportStar(require('./x'), exports);", 'tslib re-exports'],
  ])('is open for %s (%s)', (code) => {
    expect(table(code, 'm.js').open).toBe(true);
  });

  test('export * is kept for the index to follow', () => {
    expect(table("export * from './a';\nexport * from 'pkg';").stars).toEqual(['./a', 'pkg']);
  });
});

describe('relative resolution', () => {
  const dirs: string[] = [];
  afterAll(() => {
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  });

  async function snapshotOf(files: Record<string, string>) {
    const dir = mkdtempSync(join(tmpdir(), 'cc-resolve-'));
    dirs.push(dir);
    for (const [p, text] of Object.entries(files)) {
      mkdirSync(dirname(join(dir, p)), { recursive: true });
      writeFileSync(join(dir, p), text);
    }
    return RepoSnapshot.open(dir, { noGit: true });
  }

  test('extensions, index files, .js → .ts, platform variants, package main, queries', async () => {
    const s = await snapshotOf({
      'src/a.ts': '',
      'src/b/index.tsx': '',
      'src/c.ios.js': '',
      'src/c.android.js': '',
      'src/lib/package.json': '{ "main": "dist/main.js" }',
      'src/lib/dist/main.js': '',
      'src/w.ts': '',
      'package.json': '{ "main": "src/a.ts" }',
    });
    expect(resolveRelative(s, 'src/x.ts', './a')).toEqual({ kind: 'found', paths: ['src/a.ts'] });
    expect(resolveRelative(s, 'src/x.ts', './a.js')).toEqual({ kind: 'found', paths: ['src/a.ts'] });
    expect(resolveRelative(s, 'src/x.ts', './b')).toEqual({ kind: 'found', paths: ['src/b/index.tsx'] });
    expect(resolveRelative(s, 'src/x.ts', './c')).toEqual({ kind: 'found', paths: ['src/c.ios.js', 'src/c.android.js'] });
    expect(resolveRelative(s, 'src/x.ts', './lib')).toEqual({ kind: 'found', paths: ['src/lib/dist/main.js'] });
    expect(resolveRelative(s, 'src/x.ts', './w?worker')).toEqual({ kind: 'found', paths: ['src/w.ts'] });
    expect(resolveRelative(s, 'x.js', '.')).toEqual({ kind: 'found', paths: ['src/a.ts'] });
  });

  test('case mismatch, missing, outside the root, ignored', async () => {
    const s = await snapshotOf({ '.gitignore': 'gen/\n', 'src/models/fabric.py': '', 'src/models/fabric.ts': '', 'src/a.ts': '' });
    expect(resolveRelative(s, 'src/a.ts', './models/Fabric')).toEqual({ kind: 'case-mismatch', actual: 'src/models/fabric.ts' });
    expect(resolveRelative(s, 'src/a.ts', './nope')).toEqual({ kind: 'missing', base: 'src/nope' });
    expect(resolveRelative(s, 'src/a.ts', '../../../etc/passwd').kind).toBe('unknown');
    expect(resolveRelative(s, 'src/a.ts', '../gen/api').kind).toBe('unknown');
  });
});

describe('method-mismatch/js-missing-export look-alikes', () => {
  const rule = typescriptRules.find((r) => r.id === 'method-mismatch/js-missing-export')!;

  test('a local variable that shadows the module is not the module', async () => {
    const { findings } = await analyzeInMemory(
      {
        'lib/alias.js': "var anchors = require('./anchors.js');\nfunction resolve(ctx) {\n  const { anchors } = ctx;\n  return anchors.get(1);\n}\nmodule.exports = { resolve, ok: anchors.isValid };\n",
        'lib/anchors.js': 'exports.isValid = () => true;\n',
        'lib/schemas.ts': "import * as checks from './checks';\nexport const run = (...checks: Array<() => void>) => checks.map((c) => c());\nexport const len = checks.length;\n",
        'lib/checks.ts': 'export const length = 1;\n',
      },
      { rules: [rule] },
    );
    expect(findings).toEqual([]);
  });

  test('a namespace of a module with a default export is left alone (Babel add-module-exports)', async () => {
    const { findings } = await analyzeInMemory(
      { 'lib/pre.js': "import * as Handlebars from './handlebars';\nHandlebars.precompile('x');\n", 'lib/handlebars.js': 'const inst = {};\nexport default inst;\n' },
      { rules: [rule] },
    );
    expect(findings).toEqual([]);
  });
});
