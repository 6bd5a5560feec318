/**
 * The type-check layer: which programs are built, what is checked and what
 * is not, what never gets read, and which diagnostics reach the findings.
 */
import { afterAll, describe, expect, test } from 'vitest';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { RepoSnapshot } from '../../../src/repo/snapshot.js';
import { analyzeInMemory } from '../../../src/rules/engine.js';
import { typescriptRules } from '../../../src/rules/builtin/typescript/index.js';
import { SHARED_UNCHECKED, typeCheck, type CheckLimits, type UncheckedFile } from '../../../src/rules/builtin/typescript/program.js';

const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

function write(base: string, files: Record<string, string>): void {
  for (const [p, text] of Object.entries(files)) {
    mkdirSync(dirname(join(base, p)), { recursive: true });
    writeFileSync(join(base, p), text);
  }
}

async function check(files: Record<string, string>, limits: Partial<CheckLimits> = {}, outside: Record<string, string> = {}) {
  const parent = mkdtempSync(join(tmpdir(), 'cc-tscheck-'));
  dirs.push(parent);
  const root = join(parent, 'repo');
  write(root, files);
  write(parent, outside);
  const snapshot = await RepoSnapshot.open(root, { noGit: true });
  const shared = new Map<string, unknown>();
  const result = await typeCheck({ snapshot, models: new Map(), shared }, limits);
  return { result, shared, codes: result.diagnostics.map((d) => `${d.path}:${d.line} TS${d.code}`) };
}

const STRICT = '{ "compilerOptions": { "strict": true, "target": "ES2022", "module": "ESNext", "moduleResolution": "Bundler" } }\n';
const ids = (fs: { ruleId: string; path: string; line: number }[]) => fs.map((f) => `${f.ruleId} ${f.path}:${f.line}`);

describe('programs', () => {
  test('TypeScript 5 defaults are filled in for a config written for 5.x: strict stays off', async () => {
    const files = {
      'tsconfig.json': '{ "compilerOptions": { "target": "ES2022", "module": "CommonJS" } }\n',
      'src/a.ts': 'export function f(x) { return x; }\nexport const s: string = null;\n',
    };
    const v5 = await check({ ...files, 'package.json': '{ "devDependencies": { "typescript": "~5.6.0" } }' });
    expect(v5.codes).toEqual([]);
    const v6 = await check({ ...files, 'package.json': '{ "devDependencies": { "typescript": "^6.0.0" } }' });
    expect(v6.codes).toEqual(['src/a.ts:1 TS7006', 'src/a.ts:2 TS2322']);
  });

  test('the nearest tsconfig checks a file; a file its tsconfig leaves out is listed as not checked', async () => {
    const { result, codes } = await check({
      'tsconfig.json': '{ "compilerOptions": { "strict": false, "target": "ES2022" }, "include": ["**/*.ts"], "exclude": ["tools"] }\n',
      'pkg/tsconfig.json': STRICT,
      'pkg/src/a.ts': 'export function f(x) { return x; }\n',
      'lib/b.ts': 'export function g(x) { return x; }\n',
      'tools/gen.ts': 'const n: number = "x";\n',
    });
    expect(codes).toEqual(['pkg/src/a.ts:1 TS7006']);
    expect(result.unchecked).toEqual([{ path: 'tools/gen.ts', reason: expect.stringContaining('not included') }]);
  });

  test('files over the per-program cap are not checked and are listed under typescript:unchecked', async () => {
    const files: Record<string, string> = { 'tsconfig.json': STRICT, 'tests/a.test.ts': 'const t: number = "x";\n' };
    for (let i = 0; i < 4; i++) files[`src/m${i}.ts`] = `export const v${i}: number = "${i}";\n`;
    const { result, shared, codes } = await check(files, { maxChecked: 3 });
    // Production code first, then by path.
    expect(codes).toEqual(['src/m0.ts:1 TS2322', 'src/m1.ts:1 TS2322', 'src/m2.ts:1 TS2322']);
    const unchecked = shared.get(SHARED_UNCHECKED) as UncheckedFile[];
    expect(unchecked.map((u) => u.path)).toEqual(['src/m3.ts', 'tests/a.test.ts']);
    expect(unchecked[0]!.reason).toMatch(/cap of 3 files/);
    expect(result.stats.checkedFiles).toBe(3);
  });

  test('nothing outside the root is read, even when the tsconfig or an import points there', async () => {
    const { codes } = await check(
      {
        'tsconfig.json': '{ "compilerOptions": { "strict": true, "target": "ES2022", "module": "ESNext", "moduleResolution": "Bundler", "paths": { "@up/*": ["../outside/*"] } }, "include": ["src", "../outside"] }\n',
        'src/a.ts': "import { x } from '../../outside/evil';\nimport { y } from '@up/evil';\nexport const z = [x, y];\n",
      },
      {},
      { 'outside/evil.ts': 'export const x: number = "outside";\nexport const y = 1;\n' },
    );
    expect(codes.filter((c) => c.startsWith('../') || c.includes('outside'))).toEqual([]);
    // The imports do not resolve (they are not read): TS2307, but no error from inside the outside file.
    expect(codes.every((c) => c.startsWith('src/a.ts:'))).toBe(true);
  });

  test('installed declarations inside the root are used, within the read budget', async () => {
    const files = {
      'package.json': '{ "dependencies": { "greeter": "1.0.0" } }\n',
      'tsconfig.json': STRICT,
      'node_modules/greeter/package.json': '{ "name": "greeter", "types": "index.d.ts" }\n',
      'node_modules/greeter/index.d.ts': 'export declare function greet(name: string): string;\n',
      'src/a.ts': "import { greet } from 'greeter';\nexport const g: number = greet('x');\n",
    };
    const ok = await check(files);
    expect(ok.codes).toEqual(['src/a.ts:2 TS2322']);
    expect(ok.result.diagnostics[0]!.installed).toBe(true);
    const starved = await check(files, { install: { bytes: 10, files: 1 } });
    expect(starved.codes).toEqual([]);
    expect(starved.result.unchecked).toEqual([{ path: 'src/a.ts', reason: expect.stringContaining('read budget') }]);
  });

  test('a file with a syntax error reports its syntax errors only, as tsc does', async () => {
    const { codes } = await check({ 'tsconfig.json': STRICT, 'src/a.ts': 'export function f(a: number {\n  return a;\n}\n' });
    expect(codes.length).toBeGreaterThan(0);
    expect(codes.every((c) => /TS1\d\d\d$/.test(c))).toBe(true);
  });
});

describe('build-error/ts-diagnostic', () => {
  const rule = typescriptRules.find((r) => r.id === 'build-error/ts-diagnostic')!;

  test('a tsconfig.json that is not valid JSON is reported at the config', async () => {
    const { findings } = await analyzeInMemory({ 'tsconfig.json': '{ "compilerOptions": { "strict": true, }\n  "include": ["src"]\n}\n', 'src/a.ts': 'export const a = 1;\n' }, { rules: [rule] });
    expect(ids(findings)).toEqual(['build-error/ts-diagnostic tsconfig.json:2']);
    expect(findings[0]!.message).toMatch(/^TS1005: ',' expected/);
  });

  test('errors that only follow from a missing install stay quiet; real errors beside them are reported', async () => {
    const { findings } = await analyzeInMemory(
      {
        'package.json': '{ "dependencies": { "react": "^18", "express": "^4" }, "devDependencies": { "@types/jest": "^29" } }\n',
        'tsconfig.json': '{ "compilerOptions": { "strict": true, "target": "ES2022", "module": "ESNext", "moduleResolution": "Bundler", "jsx": "react-jsx" } }\n',
        'src/app.tsx':
          "import express from 'express';\nimport { useState } from 'react';\nconst app = express();\napp.get('/', (req, res) => res.send(req.query));\nexport function C({ a }) {\n  const [s] = useState<string>('');\n  return <div>{a}{s}{process.env.X}</div>;\n}\nexport const t: NodeJS.Timeout | null = null;\nexport const wrong: number = 'x';\n",
        'src/app.test.ts': "describe('x', () => { it('y', () => expect(1).toBe(1)); });\n",
      },
      { rules: [rule] },
    );
    expect(ids(findings)).toEqual(['build-error/ts-diagnostic src/app.tsx:10']);
    expect(findings[0]!.message).toBe("TS2322: Type 'string' is not assignable to type 'number'.");
  });

  const JSX_CONFIG = '{ "compilerOptions": { "strict": true, "target": "ES2022", "module": "ESNext", "moduleResolution": "Bundler", "jsx": "react-jsx" } }\n';

  test('type errors whose types come from a package that is not installed are left out; the same shapes on known types are reported', async () => {
    const { findings } = await analyzeInMemory(
      {
        'web/package.json': '{ "dependencies": { "preact": "^10", "ky": "^1" } }\n',
        'web/tsconfig.json': JSX_CONFIG,
        // A props interface over an uninstalled base loses `children`; a hook's state is unknown;
        // a loop over it and a catch variable narrowed by an uninstalled class stay unknown.
        'web/src/chip.tsx':
          "import * as P from 'preact';\nimport { useState } from 'preact/hooks';\nimport { HTTPError } from 'ky';\n" +
          'export interface ChipProps extends P.JSX.HTMLAttributes<HTMLSpanElement> { tone?: string }\n' +
          'export function Chip({ tone, ...rest }: ChipProps) { return <span data-tone={tone} {...rest} />; }\n' +
          'function sum(xs: number[]): number { return xs.reduce((a, b) => a + b, 0); }\n' +
          'function label(s: string): string { return s; }\n' +
          'export function Panel() {\n' +
          '  const [picked] = useState<Set<number>>(new Set());\n' +
          '  const ids = Array.from(picked);\n' +
          '  sum(ids);\n' +
          '  for (const id of Array.from(picked)) label(id);\n' +
          "  try { label('a'); } catch (e) { const m = e instanceof HTTPError ? e.message : 'x'; label(m); }\n" +
          '  return <Chip tone="warm">hello</Chip>;\n' +
          '}\n',
        // Known types only: each of these is a real error, whatever is installed.
        'web/src/known.tsx':
          'interface TagProps { tone?: string }\n' +
          'function Tag({ tone }: TagProps) { return tone ?? null; }\n' +
          'function sum(xs: number[]): number { return xs.length; }\n' +
          'export function Known() {\n' +
          "  const picked = new Set<string>(['a']);\n" +
          '  sum(Array.from(picked));\n' +
          "  const n: number = 'seven';\n" +
          '  return [Tag({ tone: 3 }), n];\n' +
          '}\n',
      },
      { rules: [rule] },
    );
    expect(ids(findings)).toEqual([
      'build-error/ts-diagnostic web/src/known.tsx:6',
      'build-error/ts-diagnostic web/src/known.tsx:7',
      'build-error/ts-diagnostic web/src/known.tsx:8',
    ]);
  });

  test('a guard from an uninstalled package narrows nothing; the same guard written in the repository does', async () => {
    const files = {
      'package.json': '{ "dependencies": { "ky": "^1" } }\n',
      'tsconfig.json': STRICT,
      'src/errors.ts':
        "import { isHTTPError } from 'ky';\n" +
        'export function describe1(e: unknown): string {\n  if (isHTTPError(e)) return e.response.statusText;\n  return "other";\n}\n' +
        'function isCoded(e: unknown): e is { code: number } { return typeof e === "object" && e !== null && "code" in e; }\n' +
        'export function describe2(e: unknown): string {\n  if (isCoded(e)) return e.code;\n  return "other";\n}\n',
    };
    const { findings } = await analyzeInMemory(files, { rules: [rule] });
    expect(ids(findings)).toEqual(['build-error/ts-diagnostic src/errors.ts:8']);
  });

  test('an early return on a guard from an uninstalled package narrows nothing either', async () => {
    const files = {
      'package.json': '{ "dependencies": { "toml-kit": "^2" } }\n',
      'tsconfig.json': STRICT,
      'src/read.ts':
        "import { isTable } from 'toml-kit';\n" +
        'export function title(v: unknown): string {\n  if (!isTable(v)) return "";\n  return v.title;\n}\n' +
        'export function size(v: unknown): number {\n  if (typeof v !== "string") return 0;\n  return v.length + "x";\n}\n',
    };
    const { findings } = await analyzeInMemory(files, { rules: [rule] });
    expect(ids(findings)).toEqual(['build-error/ts-diagnostic src/read.ts:8']);
  });

  test('an undeclared type name may be a global of a package that is not installed; an unknown value name is still an error', async () => {
    const files = {
      'package.json': '{ "dependencies": { "mustache-lite": "^1" } }\n',
      'tsconfig.json': STRICT,
      'src/view.ts':
        "import { compile } from 'mustache-lite';\n" +
        'export interface View { render: CompiledTemplate; size: Dimensions.Box }\n' +
        'export const v: View | null = compile ? null : null;\n' +
        'export const total = subtotl + 1;\n',
    };
    const { findings } = await analyzeInMemory(files, { rules: [rule] });
    expect(ids(findings)).toEqual(['build-error/ts-diagnostic src/view.ts:4']);
    const installed = await analyzeInMemory({ 'tsconfig.json': STRICT, 'src/view.ts': 'export interface View { render: CompiledTemplate }\n' }, { rules: [rule] });
    expect(ids(installed.findings)).toEqual(['build-error/ts-diagnostic src/view.ts:1']);
  });

  test('a package that is not installed is named once, at the package.json that declares it', async () => {
    const { result } = await check({
      'package.json': '{ "dependencies": { "preact": "^10", "greeter": "1.0.0" } }\n',
      'tsconfig.json': JSX_CONFIG,
      'node_modules/greeter/package.json': '{ "name": "greeter", "types": "index.d.ts" }\n',
      'node_modules/greeter/index.d.ts': 'export declare function greet(name: string): string;\n',
      'src/a.tsx': "import { h } from 'preact';\nimport { greet } from 'greeter';\nexport const a = [h, greet('x')];\n",
      'src/b.tsx': "import { render } from 'preact';\nexport const b = render;\n",
    });
    const notes = result.unchecked.filter((u) => u.path === 'package.json');
    expect(notes).toEqual([{ path: 'package.json', reason: expect.stringContaining("'preact' is declared here but not installed") }]);
  });

  test('with every package installed, nothing is traced away: an error on an installed type is reported', async () => {
    const { codes } = await check({
      'package.json': '{ "dependencies": { "greeter": "1.0.0" } }\n',
      'tsconfig.json': STRICT,
      'node_modules/greeter/package.json': '{ "name": "greeter", "types": "index.d.ts" }\n',
      'node_modules/greeter/index.d.ts': 'export interface Options { loud: boolean }\nexport declare function greet(name: string, o: Options): string;\n',
      'src/a.ts': "import { greet, type Options } from 'greeter';\ninterface Mine extends Options { name: string }\nconst m: Mine = { loud: 1, name: 'n' };\nexport const g: number = greet(m.name, m);\n",
    });
    expect(codes).toEqual(['src/a.ts:3 TS2322', 'src/a.ts:4 TS2322']);
  });

  test('an unresolved relative import is reported once, by ts-unresolved-import', async () => {
    const { findings } = await analyzeInMemory({ 'tsconfig.json': STRICT, 'src/a.ts': "import { b } from './b';\nexport const a = b;\n" }, { rules: typescriptRules });
    expect(ids(findings)).toEqual(['build-error/ts-unresolved-import src/a.ts:1']);
  });

  test('a tsconfig paths alias to a missing file is reported; one to an ignored (generated) file is not', async () => {
    const files = {
      '.gitignore': 'src/gen/\n',
      'package.json': '{ "name": "x" }\n',
      'tsconfig.json': '{ "compilerOptions": { "strict": true, "target": "ES2022", "module": "ESNext", "moduleResolution": "Bundler", "baseUrl": ".", "paths": { "@/*": ["src/*"] } } }\n',
      'src/a.ts': "import { x } from '@/gone';\nimport { y } from '@/gen/api';\nexport const z = [x, y];\n",
    };
    const { findings } = await analyzeInMemory(files, { rules: [rule] });
    expect(ids(findings)).toEqual(['build-error/ts-diagnostic src/a.ts:1']);
    expect(findings[0]!.message).toMatch(/^TS2307: Cannot find module '@\/gone'/);
  });
});

describe('method-mismatch/ts-missing-property', () => {
  const rule = typescriptRules.find((r) => r.id === 'method-mismatch/ts-missing-property')!;

  test('names the type, where it is declared, and the closest member', async () => {
    const { findings } = await analyzeInMemory(
      {
        'tsconfig.json': STRICT,
        'src/k8s.ts': '\nexport class KubernetesSync {\n  syncAllCrds(): void {}\n  syncStatus(): string { return ""; }\n}\n',
        'src/job.ts': "import { KubernetesSync } from './k8s';\nconst k = new KubernetesSync();\nk.syncStatsu();\n",
      },
      { rules: [rule] },
    );
    expect(findings).toHaveLength(1);
    expect(findings[0]!.message).toBe("method 'syncStatsu()' does not exist on KubernetesSync (declared at src/k8s.ts:2); did you mean 'syncStatus'? [TS2551]");
    expect(findings[0]!.related).toEqual([{ path: 'src/k8s.ts', line: 2, note: 'KubernetesSync is declared here' }]);
  });

  test('library types are left to ts-diagnostic; a call into a local module namespace is reported once', async () => {
    const { findings } = await analyzeInMemory(
      {
        'tsconfig.json': STRICT,
        'src/util.ts': 'export function parse(s: string): number { return Number(s); }\n',
        'src/a.ts': "import * as util from './util';\nexport const n = util.prase('1');\nexport const m = [1].flatMapp((x: number) => x);\n",
      },
      { rules: typescriptRules },
    );
    expect(findings.map((f) => `${f.ruleId} ${f.line}`)).toEqual(['method-mismatch/js-missing-export 2', 'build-error/ts-diagnostic 3']);
    expect(findings[0]!.message).toMatch(/did you mean 'parse'\?/);
    expect(findings[1]!.message).toMatch(/^TS2551: Property 'flatMapp' does not exist on type 'number\[\]'/);
  });
});
