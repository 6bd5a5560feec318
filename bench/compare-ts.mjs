#!/usr/bin/env node
/**
 * Compares claimcheck's TypeScript build errors with `tsc --noEmit -p` on the
 * same projects: samples/ts-orders (when present) and the snippet projects
 * below, each a small repository with known errors and near misses.
 *
 * claimcheck side: build-error/ts-diagnostic, build-error/ts-unresolved-import,
 * method-mismatch/ts-missing-property and method-mismatch/js-missing-export
 * (the last three carry what tsc reports as TS2307, TS2339/TS2551 and
 * TS2305/TS2724/TS1192). Errors are matched by file, line and code.
 * tsc side: the `typescript` devDependency (node_modules/.bin/tsc); the
 * script says so and exits 0 when it is missing.
 *
 * --self adds claimcheck's own repository (installed node_modules, real
 * dependencies): a larger program, and the time per 10k lines.
 *
 * Usage: node bench/compare-ts.mjs [--self] [--json]   (uses dist/ when built, else compiles src/ to a temporary folder)
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const TSC = join(ROOT, 'node_modules', '.bin', 'tsc');
const asJson = process.argv.includes('--json');
const withSelf = process.argv.includes('--self');

const STRICT = '{ "compilerOptions": { "strict": true, "target": "ES2022", "module": "ESNext", "moduleResolution": "Bundler", "noEmit": true }, "include": ["src"] }\n';

/** Small projects: each error kind once, and code that must compile. */
const SNIPPETS = {
  'names-and-types': {
    'tsconfig.json': STRICT,
    'src/a.ts': 'export function total(xs: number[]): number {\n  let sum = 0;\n  for (const x of xs) sum += x;\n  return summ;\n}\nexport const n: number = "1";\nexport function f(a: string, b: number) { return a + b; }\nf("x");\nf(1, 2);\n',
    'src/b.ts': 'interface Order { id: string; qty?: number }\nexport function q(o: Order): number {\n  return o.qty + 1;\n}\nexport class Box { value: string; }\nexport const same = (x: "a" | "b") => x === "c";\n',
    'src/ok.ts': 'export type Id = string & { readonly brand: unique symbol };\nexport const map = new Map<string, number>([["a", 1]]);\nexport function get(k: string): number { return map.get(k) ?? 0; }\n',
  },
  'members-and-modules': {
    'tsconfig.json': STRICT,
    'src/k8s.ts': 'export class KubernetesSync {\n  syncAllCrds(): void {}\n  status = "idle";\n}\nexport function helper(): number { return 1; }\n',
    'src/job.ts': "import { KubernetesSync, helpr } from './k8s';\nimport { nothing } from './missing';\nimport Def from './k8s';\nconst k = new KubernetesSync();\nk.syncFabric();\nk.stauts;\nk.syncAllCrd();\nexport const v = [helpr, nothing, Def];\n",
    'src/ok.ts': "import { KubernetesSync, helper } from './k8s';\nexport const k = new KubernetesSync();\nk.syncAllCrds();\nexport const h = helper();\n",
  },
  'syntax': {
    'tsconfig.json': STRICT,
    'src/broken.ts': 'export function f(a: number {\n  return a;\n}\nexport const x = ;\n',
    'src/ok.ts': 'export const ok = 1;\n',
  },
  'implicit-any-and-unused': {
    'tsconfig.json': '{ "compilerOptions": { "strict": true, "noUnusedLocals": true, "noImplicitReturns": true, "target": "ES2022", "module": "ESNext", "moduleResolution": "Bundler", "noEmit": true }, "include": ["src"] }\n',
    'src/a.ts': 'export function f(x) { return x; }\nfunction unused() {}\nexport function g(n: number): number {\n  if (n > 0) return 1;\n}\n',
  },
  'ts5-defaults': {
    'package.json': '{ "devDependencies": { "typescript": "^5.4.0" } }\n',
    'tsconfig.json': '{ "compilerOptions": { "target": "ES2020", "module": "CommonJS", "noEmit": true }, "include": ["src"] }\n',
    'src/loose.ts': 'export function f(x) { return x.y; }\nlet s: string = null;\nexport const t = s;\nexport const wrong: number = "x";\n',
  },
  'monorepo': {
    'package.json': '{ "private": true, "workspaces": ["packages/*"], "devDependencies": { "typescript": "^5.5.0" } }\n',
    'packages/core/package.json': '{ "name": "@acme/core" }\n',
    'packages/core/tsconfig.json': STRICT,
    'packages/core/src/index.ts': 'export interface Money { cents: number }\nexport const zero: Money = { cents: 0 };\nexport const bad: Money = { cents: "0" };\n',
    'packages/app/package.json': '{ "name": "@acme/app", "dependencies": { "@acme/core": "*" } }\n',
    'packages/app/tsconfig.json': STRICT,
    'packages/app/src/main.ts': "import { zero } from '../../core/src/index';\nexport const m = zero.cent;\n",
  },
  'clean': {
    'tsconfig.json': STRICT,
    'src/index.ts': "import { parse } from './parse';\nexport function run(input: string): number[] {\n  return parse(input).filter((n) => Number.isFinite(n));\n}\n",
    'src/parse.ts': "export function parse(input: string): number[] {\n  return input.split(',').map((s) => Number(s.trim()));\n}\n",
  },
};

function tscErrors(projectDir, tsconfig) {
  const r = spawnSync(TSC, ['--noEmit', '-p', tsconfig, '--pretty', 'false'], { cwd: projectDir, encoding: 'utf8' });
  const out = [];
  for (const line of (r.stdout + r.stderr).split('\n')) {
    const m = /^(.+?)\((\d+),(\d+)\): error TS(\d+): (.*)$/.exec(line.trim());
    if (!m) continue;
    const t = { path: m[1].replace(/\\/g, '/').replace(/^\.\//, ''), line: Number(m[2]), code: Number(m[4]), message: m[5] };
    // claimcheck keeps one finding per file, line and message; so does the comparison.
    if (!out.some((o) => o.path === t.path && o.line === t.line && o.code === t.code && o.message === t.message)) out.push(t);
  }
  return out;
}

const EXPORT_CODES = [2305, 2724, 2614, 1192, 2459, 2460];
function codesOf(f) {
  const m = /^TS(\d+):/.exec(f.message) ?? /\[TS(\d+)\]$/.exec(f.message);
  if (m) return [Number(m[1])];
  if (f.ruleId === 'build-error/ts-unresolved-import') return [2307, 2792];
  if (f.ruleId === 'method-mismatch/js-missing-export') return EXPORT_CODES;
  return [];
}

async function loadEngine() {
  let dist = join(ROOT, 'dist');
  let temp = null;
  if (!existsSync(join(dist, 'rules', 'engine.js'))) {
    temp = mkdtempSync(join(tmpdir(), 'claimcheck-dist-'));
    // Emits even when files outside this area have type errors.
    spawnSync(TSC, ['-p', join(ROOT, 'tsconfig.json'), '--outDir', temp], { encoding: 'utf8' });
    dist = temp;
  }
  const engine = await import(pathToFileURL(join(dist, 'rules', 'engine.js')).href);
  const snapshot = await import(pathToFileURL(join(dist, 'repo', 'snapshot.js')).href);
  const rules = await import(pathToFileURL(join(dist, 'rules', 'builtin', 'typescript', 'index.js')).href);
  const program = await import(pathToFileURL(join(dist, 'rules', 'builtin', 'typescript', 'program.js')).href);
  return { engine, snapshot, rules, program, temp };
}

async function compare(name, dir, lib, only = null) {
  const BUILD = ['build-error/ts-diagnostic', 'build-error/ts-unresolved-import', 'method-mismatch/ts-missing-property', 'method-mismatch/js-missing-export'];
  const rules = lib.rules.typescriptRules.filter((r) => BUILD.includes(r.id));
  const snap = await lib.snapshot.RepoSnapshot.open(dir, { noGit: true });
  const t0 = performance.now();
  const shared = new Map();
  const ctx = { snapshot: snap, models: new Map(), shared };
  const check = await lib.program.typeCheck(ctx);
  const checkMs = performance.now() - t0;
  const analysis = await lib.engine.analyze(snap, { jobs: 1, rules });
  // With --self, only the files the named configs cover are compared (samples/ hold deliberately broken code).
  const covered = only ? (f) => !f.path.startsWith('samples/') && !f.path.startsWith('tests/') && !f.path.startsWith('bench/') : () => true;
  const ours = analysis.findings.filter((f) => BUILD.includes(f.ruleId) && covered(f));
  const configs = only ?? snap.files.map((f) => f.path).filter((p) => (p === 'tsconfig.json' || p.endsWith('/tsconfig.json')) && !p.includes('fixtures/'));
  const theirs = [];
  for (const t of configs.flatMap((c) => tscErrors(dir, c))) {
    // A file two configs include is reported once.
    if (!theirs.some((o) => o.path === t.path && o.line === t.line && o.code === t.code && o.message === t.message)) theirs.push(t);
  }
  const both = [];
  const onlyTsc = [];
  const used = new Set();
  for (const t of theirs) {
    const i = ours.findIndex((o, k) => !used.has(k) && o.path === t.path && o.line === t.line && codesOf(o).includes(t.code));
    if (i >= 0) {
      used.add(i);
      both.push(t);
    } else onlyTsc.push(t);
  }
  const onlyUs = ours.filter((_, k) => !used.has(k));
  return { name, tsc: theirs.length, claimcheck: ours.length, both, onlyTsc, onlyUs, checkedLines: check.stats.checkedLines, checkMs: Math.round(checkMs) };
}

async function main() {
  if (!existsSync(TSC)) {
    console.log('compare-ts: skipped, node_modules/.bin/tsc is missing (npm install the devDependencies first)');
    return;
  }
  const version = execFileSync(TSC, ['--version'], { encoding: 'utf8' }).trim();
  const lib = await loadEngine();
  const work = mkdtempSync(join(tmpdir(), 'claimcheck-compare-ts-'));
  const results = [];
  try {
    const sample = join(ROOT, 'samples', 'ts-orders');
    if (existsSync(join(sample, 'tsconfig.json'))) results.push(await compare('samples/ts-orders', sample, lib));
    else console.log('compare-ts: samples/ts-orders not present, skipped');
    if (withSelf) results.push(await compare('claimcheck itself', ROOT, lib, ['tsconfig.json']));
    for (const [name, files] of Object.entries(SNIPPETS)) {
      const dir = join(work, name);
      for (const [p, text] of Object.entries(files)) {
        mkdirSync(dirname(join(dir, p)), { recursive: true });
        writeFileSync(join(dir, p), text);
      }
      results.push(await compare(`snippet:${name}`, dir, lib));
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
    if (lib.temp) rmSync(lib.temp, { recursive: true, force: true });
  }
  if (asJson) {
    console.log(JSON.stringify({ tsc: version, results }, null, 2));
    return;
  }
  console.log(`tsc: ${version}; claimcheck: TypeScript bundled with ts-morph`);
  let tB = 0, tT = 0, tO = 0, lines = 0, ms = 0;
  for (const r of results) {
    tB += r.both.length;
    tT += r.onlyTsc.length;
    tO += r.onlyUs.length;
    lines += r.checkedLines;
    ms += r.checkMs;
    console.log(`\n${r.name}: tsc ${r.tsc}, claimcheck ${r.claimcheck}, both ${r.both.length}, only tsc ${r.onlyTsc.length}, only claimcheck ${r.onlyUs.length} (type-check ${r.checkMs} ms, ${r.checkedLines} lines)`);
    for (const t of r.onlyTsc) console.log(`  only tsc:        ${t.path}:${t.line} TS${t.code} ${t.message}`);
    for (const o of r.onlyUs) console.log(`  only claimcheck: ${o.path}:${o.line} [${o.ruleId}] ${o.message}`);
  }
  console.log(`\ntotal: both ${tB}, only tsc ${tT}, only claimcheck ${tO}; type-check ${ms} ms for ${lines} lines (first program pays ≈1–2 s for the standard library)`);
}

await main();
