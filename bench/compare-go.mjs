#!/usr/bin/env node
/**
 * claimcheck's Go build errors against the Go toolchain's on the same code:
 *  - `gofmt -e` for syntax errors,
 *  - `go vet` and `go test -c -gcflags=-e` per package, which compiles the
 *    package and its tests without running anything (type check: unused variables and
 *    imports, undefined names, unresolvable import paths),
 * over (1) every documented example of the Go build-error and method-mismatch
 * rules, (2) a generated module of near-miss snippets, (3) samples/go-meshd.
 * Prints, per error kind, the errors both found and those only one found, and
 * claimcheck's time per 10k lines. Skips cleanly without a Go toolchain.
 *
 *   npm run build && node bench/compare-go.mjs [--json out.json]
 *
 * Nothing reaches the network: GOPROXY=off, GOFLAGS=-mod=mod. A line where
 * the toolchain could not judge (a module not in its cache, a package or
 * name added after its release) is left out of the comparison on both sides;
 * claimcheck's findings there are counted separately. Examples without a
 * go.mod get `module example.com/snippet` for both sides.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const jsonOut = process.argv.includes('--json') ? process.argv[process.argv.indexOf('--json') + 1] : null;

function has(cmd, args) {
  const r = spawnSync(cmd, args, { encoding: 'utf8' });
  return r.status === 0;
}

if (!has('go', ['version']) || !existsSync('/usr/bin/gofmt') && !has('gofmt', ['-l', '/dev/null'])) {
  console.log('compare-go: skipped (no Go toolchain on PATH)');
  process.exit(0);
}
if (!existsSync(join(ROOT, 'dist/rules/builtin/go/index.js'))) {
  console.error('compare-go: dist/ is missing; run `npm run build` first');
  process.exit(2);
}

const { goRules } = await import(join(ROOT, 'dist/rules/builtin/go/index.js'));
const { analyze } = await import(join(ROOT, 'dist/rules/engine.js'));
const { RepoSnapshot } = await import(join(ROOT, 'dist/repo/snapshot.js'));
const stdlib = JSON.parse(readFileSync(join(ROOT, 'data/go-stdlib.json'), 'utf8'));
const goVersion = spawnSync('go', ['env', 'GOVERSION'], { encoding: 'utf8' }).stdout.trim();

const RULES = goRules.filter((r) => r.category === 'build-error' || r.category === 'method-mismatch');
const newerPackages = new Set(Object.keys(stdlib.newerPackages));
const newerNames = new Set(Object.entries(stdlib.newerNames).flatMap(([p, ns]) => ns.map((n) => `${p.split('/').pop()}.${n}`)));

/** The comparable kind of a claimcheck finding. */
function kindOfRule(ruleId) {
  if (ruleId === 'build-error/go-syntax' || ruleId === 'build-error/go-import-after-decl') return 'syntax';
  if (ruleId === 'build-error/go-unused-variable') return 'unused-variable';
  if (ruleId === 'build-error/go-unused-import') return 'unused-import';
  if (ruleId === 'build-error/go-import-path') return 'import-path';
  return 'undefined';
}

/** The comparable kind of a toolchain message, or null for messages outside the comparison. */
function kindOfMessage(msg) {
  if (/declared (but|and) not used/.test(msg)) return 'unused-variable';
  if (/imported (as \S+ )?and not used|imported and not used/.test(msg)) return 'unused-import';
  if (/is not in (GOROOT|std)|no required module provides package|cannot find package/.test(msg)) return 'import-path';
  if (/undefined: |has no field or method|not exported by package/.test(msg)) return 'undefined';
  if (/^expected |syntax error|illegal |imports must appear|missing ','|unexpected /.test(msg)) return 'syntax';
  return null;
}

/** Toolchain messages that say only that the toolchain is older than the code or cannot fetch modules. */
function outOfReach(msg) {
  if (/GOPROXY=off|missing go\.sum entry|module lookup disabled|requires go|note: module requires/.test(msg)) return true;
  let m = /package (\S+) is not in (GOROOT|std)/.exec(msg);
  if (m && newerPackages.has(m[1])) return true;
  m = /undefined: (\w+\.\w+)/.exec(msg);
  if (m && newerNames.has(m[1])) return true;
  return false;
}

function run(cmd, args, cwd) {
  const env = { ...process.env, GOPROXY: 'off', GOFLAGS: '-mod=mod -buildvcs=false', GOTOOLCHAIN: 'local', GO111MODULE: 'on', GOWORK: existsSync(join(cwd, 'go.work')) ? join(cwd, 'go.work') : 'off' };
  const r = spawnSync(cmd, args, { cwd, encoding: 'utf8', env, maxBuffer: 64 << 20 });
  return `${r.stdout ?? ''}\n${r.stderr ?? ''}`;
}

/** `path:line:col: message` lines (with or without a `vet: ` or `./` prefix) → {path, line, message}. */
function parseDiagnostics(text, dir) {
  const out = [];
  for (const raw of text.split('\n')) {
    const m = /^(?:vet: )?(?:\.\/)?([^\s:][^:]*\.go):(\d+)(?::\d+)?: (.*)$/.exec(raw.trim());
    if (!m) continue;
    let p = m[1];
    if (p.startsWith(dir + '/')) p = p.slice(dir.length + 1);
    out.push({ path: p, line: Number(m[2]), message: m[3] });
  }
  return out;
}

function goFilesOf(files) {
  return Object.keys(files).filter((p) => p.endsWith('.go'));
}

/**
 * Comparison key. A syntax error is compared per file: Go stops at a file's
 * first syntax error, and gofmt and the compiler already place an error at
 * end of file on different lines.
 */
function key(kind, path, line) {
  return kind === 'syntax' ? `syntax ${path}` : `${kind} ${path}:${line}`;
}

/** Both sides on one directory: returns {claimcheck: Set, toolchain: Set, outOfReach: n, lines, ms}. */
async function compareDir(dir, goFiles) {
  const toolchain = new Map();
  let skipped = 0;
  // Lines where the toolchain could not judge (module not in its cache, newer Go): left out on both sides.
  const unjudged = new Set();
  const add = (d) => {
    if (outOfReach(d.message)) {
      unjudged.add(`${d.path}:${d.line}`);
      return;
    }
    const kind = kindOfMessage(d.message);
    if (!kind) return;
    // testdata/ and _/. directories are not built by the go command either.
    if (/(^|\/)(testdata|[_.][^/]*)\//.test(d.path)) return;
    toolchain.set(key(kind, d.path, d.line), `line ${d.line}: ${d.message}`);
  };
  for (const f of goFiles) for (const d of parseDiagnostics(run('gofmt', ['-e', '-l', f], dir), dir)) add(d);
  // vet stops at a package's first type error; compiling each package's test binary (never run) gives them all, tests included.
  let typeCheck = run('go', ['vet', './...'], dir);
  const pkgs = run('go', ['list', '-e', '-f', '{{.ImportPath}}', './...'], dir).split('\n').map((l) => l.trim()).filter((l) => l && !l.includes(' ') && !l.startsWith('go:'));
  for (const pkg of pkgs) typeCheck += '\n' + run('go', ['test', '-c', '-o', '/dev/null', '-gcflags=-e', pkg], dir);
  for (const d of parseDiagnostics(typeCheck, dir)) add(d);

  const snapshot = await RepoSnapshot.open(dir, { noGit: true });
  const t0 = performance.now();
  const a = await analyze(snapshot, { jobs: 1, rules: RULES });
  const ms = performance.now() - t0;
  let lines = 0;
  for (const m of a.models.values()) if (m.language === 'go') lines += m.lineCount;
  const claimcheck = new Map();
  for (const f of a.findings) {
    if (unjudged.has(`${f.path}:${f.line}`)) skipped++;
    else claimcheck.set(key(kindOfRule(f.ruleId), f.path, f.line), `line ${f.line}: ${f.ruleId}: ${f.message}`);
  }
  return { claimcheck, toolchain, skipped, lines, ms };
}

function writeTree(files) {
  const dir = mkdtempSync(join(tmpdir(), 'claimcheck-cmp-go-'));
  const all = { ...files };
  if (!Object.keys(all).some((p) => p === 'go.mod' || p.endsWith('/go.mod')) && !('go.work' in all)) all['go.mod'] = 'module example.com/snippet\n\ngo 1.19\n';
  for (const [p, text] of Object.entries(all)) {
    mkdirSync(dirname(join(dir, p)), { recursive: true });
    writeFileSync(join(dir, p), text);
  }
  return dir;
}

/** Deterministic generator of near-miss functions: each declares variables and imports used (or not) in one of the ways Go distinguishes. */
function generatedModule(count = 120) {
  let seed = 20240611;
  const rnd = (n) => {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    return seed % n;
  };
  const uses = [
    (v) => [`\t${v} := 1`, `\t_ = ${v}`],
    (v) => [`\t${v} := 1`, `\t${v} = 2`],
    (v) => [`\t${v} := 0`, `\tfunc() { ${v}++ }()`],
    (v) => [`\t${v} := 0`, `\tfunc() { ${v} = 3 }()`],
    (v) => [`\tvar ${v} int`, `\tset(&${v})`],
    (v) => [`\tvar ${v} T`, `\t${v}.f = 1`],
    (v) => [`\t${v} := make(chan int, 1)`, `\tdefer close(${v})`],
    (v) => [`\t${v} := 1`, `\tgo func() { _ = ${v} }()`],
    (v) => [`\t${v} := 1`, `\tif true {`, `\t\t${v} := 2`, `\t\t_ = ${v}`, `\t}`],
    (v) => [`\t${v} := 1`, `\tif true {`, `\t\t${v} := 2`, `\t\t${v} = 3`, `\t}`, `\t_ = ${v}`],
    (v) => [`\tswitch ${v} := any(1).(type) {`, `\tcase int:`, `\t\t_ = ${v}`, `\t}`],
    (v) => [`\tswitch ${v} := any(1).(type) {`, `\tcase int:`, `\t}`],
    (v) => [`\t${v}, err := 1, error(nil)`, `\t_ = err`],
    (v) => [`\tfor ${v} := range []int{1} {`, `\t\t_ = ${v}`, `\t}`],
    (v) => [`\tfor ${v}, x := range []int{1} {`, `\t\t_ = x`, `\t}`],
    (v) => [`\t${v} := []int{1}`, `\t${v}[0] = 2`],
    (v) => [`\t${v} := 1`, `\t${v} += 2`],
    (v) => [`\tvar ${v} = func() {}`, `L${v}:`, `\tfor {`, `\t\t${v}()`, `\t\tbreak L${v}`, `\t}`],
    (v) => [`\tvar ${v} = struct{ a int }{}`, `\t${v}.a = 2`],
    (v) => [`\t${v} := 1`, `\tif true {`, `\t\tx := 1`, `\t`],
    (v) => [`\t${v} := map[string]int{}`, `\tfor k := range ${v} {`, `\t\t_ = k`, `\t}`],
  ];
  const imports = [
    ['"strings"', 'var _ = strings.ToUpper'],
    ['"io"', 'var _ io.Reader'],
    ['"bytes"', ''],
    ['str "strings"', 'var _ = str.ToLower'],
    ['s2 "strings"', ''],
    ['_ "embed"', ''],
    ['. "math"', 'var _ = Pi'],
    ['"net/http"', 'func h(c *http.Client) {}'],
    ['"fmt"', 'func f(fmt string) string { return fmt }'],
    ['"os"', 'var _ = os.Getenv'],
  ];
  const files = { 'go.mod': 'module example.com/gen\n\ngo 1.19\n' };
  for (let i = 0; i < count; i++) {
    const lines = [`package p${i}`, ''];
    const imp = [imports[rnd(imports.length)], imports[rnd(imports.length)]].filter((x, k, arr) => arr.findIndex((y) => y[0].split(' ').pop() === x[0].split(' ').pop()) === k);
    if (imp.length) lines.push('import (', ...imp.map(([s]) => `\t${s}`), ')', '');
    for (const [, u] of imp) if (u) lines.push(u);
    lines.push('', 'type T struct{ f int }', '', 'func set(p *int) { *p = 1 }', '', 'var _ = set', '');
    const n = 1 + rnd(3);
    lines.push('func F() {');
    for (let k = 0; k < n; k++) lines.push(...uses[rnd(uses.length)](`v${k}`));
    lines.push('}', '');
    files[`p${i}/p.go`] = lines.join('\n');
  }
  return files;
}

function tally(name, r, report) {
  const kinds = new Set([...r.claimcheck.keys(), ...r.toolchain.keys()].map((k) => k.split(' ')[0]));
  for (const kind of kinds) {
    const row = report.byKind[kind] ?? (report.byKind[kind] = { both: 0, onlyClaimcheck: 0, onlyToolchain: 0 });
    for (const [k, v] of r.claimcheck) {
      if (!k.startsWith(kind + ' ')) continue;
      if (r.toolchain.has(k)) row.both++;
      else {
        row.onlyClaimcheck++;
        report.disagreements.push({ corpus: name, side: 'claimcheck only', at: k, message: v });
      }
    }
    for (const [k, v] of r.toolchain) {
      if (!k.startsWith(kind + ' ') || r.claimcheck.has(k)) continue;
      row.onlyToolchain++;
      report.disagreements.push({ corpus: name, side: 'toolchain only', at: k, message: v });
    }
  }
  report.outOfReach += r.skipped;
  report.lines += r.lines;
  report.ms += r.ms;
}

const reports = {};
async function corpus(name, dirs) {
  const report = { byKind: {}, disagreements: [], outOfReach: 0, lines: 0, ms: 0 };
  for (const { dir, files, cleanup } of dirs) {
    tally(name, await compareDir(dir, files), report);
    if (cleanup) rmSync(dir, { recursive: true, force: true });
  }
  reports[name] = report;
}

const examples = [];
for (const rule of RULES) for (const ex of [...rule.docs.bad, ...rule.docs.good]) examples.push(ex.files);
await corpus(
  'rule examples',
  examples.map((files) => {
    const dir = writeTree(files);
    return { dir, files: goFilesOf(files), cleanup: true };
  }),
);
const gen = generatedModule();
const genDir = writeTree(gen);
await corpus('generated snippets', [{ dir: genDir, files: goFilesOf(gen), cleanup: true }]);
const meshd = join(ROOT, 'samples/go-meshd');
if (existsSync(join(meshd, 'go.mod'))) {
  const files = spawnSync('find', ['.', '-name', '*.go', '-type', 'f'], { cwd: meshd, encoding: 'utf8' }).stdout.split('\n').filter(Boolean).map((p) => p.slice(2));
  await corpus('samples/go-meshd', [{ dir: meshd, files }]);
}

console.log(`claimcheck vs ${goVersion} (gofmt -e, go vet, go test -c -gcflags=-e)`);
for (const [name, r] of Object.entries(reports)) {
  console.log(`\n${name}: ${r.lines} lines, claimcheck ${(r.ms / Math.max(1, r.lines / 10000)).toFixed(0)} ms per 10k lines; claimcheck findings the toolchain could not judge (module not in its cache, newer Go): ${r.outOfReach}`);
  console.log('  kind              both  only-claimcheck  only-toolchain');
  for (const [kind, row] of Object.entries(r.byKind).sort()) console.log(`  ${kind.padEnd(16)} ${String(row.both).padStart(5)} ${String(row.onlyClaimcheck).padStart(16)} ${String(row.onlyToolchain).padStart(15)}`);
  for (const d of r.disagreements) console.log(`  - ${d.side}: ${d.at}  ${d.message}`);
}
const scan = '/tmp/claimcheck-go-stdlib.json';
if (existsSync(scan)) {
  const s = JSON.parse(readFileSync(scan, 'utf8'));
  const build = s.findings.filter((f) => f.ruleId.startsWith('build-error/') && !/(^|\/)testdata\//.test(f.path));
  console.log(`\nstandard library scan (${scan}): ${s.files} files, ${s.lines} lines, ${(s.cpuMs / (s.lines / 10000)).toFixed(0)} ms CPU per 10k lines; build-error findings outside testdata/: ${build.length}`);
}
if (jsonOut) writeFileSync(jsonOut, JSON.stringify({ go: goVersion, reports }, null, 1));
