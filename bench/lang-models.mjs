// Throughput of the tree-sitter model builders (src/lang/python.ts, go.ts)
// over real code: every .py/.pyi and .go file under the given directories
// (default: this machine's Python standard library and, when installed, Go's
// /usr/lib/go/src). Times tree-sitter parsing and model building separately,
// in CPU time of this (single-threaded) process, so a busy machine skews the
// numbers less than wall time would; fails if any file throws.
//
//   npm run build && node --expose-gc bench/lang-models.mjs [dir ...]
//   CLAIMCHECK_DIST=/some/outDir node --expose-gc bench/lang-models.mjs   (another build output)
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const dist = process.env.CLAIMCHECK_DIST ?? join(root, 'dist');
const load = (p) => import(pathToFileURL(join(dist, p)).href);
const { parseTree } = await load('lang/treesitter.js');
const { buildPythonModel } = await load('lang/python.js');
const { buildGoModel } = await load('lang/go.js');
const { languageOf } = await load('repo/languages.js');
const { countLines } = await load('repo/text.js');

function defaultDirs() {
  const dirs = [];
  try {
    dirs.push(execFileSync('python3', ['-c', 'import sysconfig;print(sysconfig.get_paths()["stdlib"])'], { encoding: 'utf8' }).trim());
  } catch {
    // no python3: Go only
  }
  if (existsSync('/usr/lib/go/src')) dirs.push('/usr/lib/go/src');
  return dirs;
}

function* walk(dir) {
  for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
    const p = join(dir, entry.name);
    // The standard library's third-party packages are not the standard library.
    if (entry.name === 'site-packages' || entry.name === 'dist-packages') continue;
    if (entry.isDirectory()) yield* walk(p);
    else if (entry.isFile()) yield p;
  }
}

const dirs = process.argv.slice(2).length > 0 ? process.argv.slice(2) : defaultDirs();
const files = [];
for (const d of dirs) {
  for (const p of statSync(d).isDirectory() ? walk(d) : [d]) {
    const language = languageOf(p);
    if (language === 'python' || language === 'go') files.push({ path: p, language });
  }
}

const cpuMs = (since) => {
  const u = process.cpuUsage(since);
  return (u.user + u.system) / 1000;
};

const stats = {};
const slowest = [];
let failures = 0;
let n = 0;
for (const f of files) {
  let text;
  try {
    text = readFileSync(f.path, 'utf8');
  } catch {
    continue;
  }
  const s = (stats[f.language] ??= { files: 0, bytes: 0, parseMs: 0, modelMs: 0, withErrors: 0, items: {} });
  s.files++;
  s.bytes += Buffer.byteLength(text);
  try {
    let t = process.cpuUsage();
    const tree = parseTree(f.language, text, 60_000);
    s.parseMs += cpuMs(t);
    t = process.cpuUsage();
    const model = (f.language === 'python' ? buildPythonModel : buildGoModel)(f.path, text, tree, countLines(text));
    const ms = cpuMs(t);
    s.modelMs += ms;
    slowest.push([ms, f.path, text.length]);
    if (model.syntaxErrors.length > 0) s.withErrors++;
    for (const k of ['symbols', 'imports', 'calls', 'assignments', 'comments', 'strings', 'syntaxErrors']) {
      s.items[k] = (s.items[k] ?? 0) + model[k].length;
    }
  } catch (err) {
    failures++;
    console.error(`THREW ${f.path}: ${err && err.stack}`);
  }
  // Native trees are freed only by finalizers: let them run (see DESIGN.md).
  if (++n % 50 === 0) {
    await new Promise((r) => setImmediate(r));
    globalThis.gc?.();
  }
}

for (const [language, s] of Object.entries(stats)) {
  const mb = s.bytes / 1e6;
  console.log(`${language}: ${s.files} files, ${mb.toFixed(1)} MB, ${s.withErrors} with syntax errors`);
  console.log(`  parse (tree-sitter): ${(s.parseMs / 1000).toFixed(2)} s CPU, ${(mb / (s.parseMs / 1000)).toFixed(1)} MB/s`);
  console.log(`  model building:      ${(s.modelMs / 1000).toFixed(2)} s CPU, ${(mb / (s.modelMs / 1000)).toFixed(1)} MB/s`);
  console.log(`  items: ${JSON.stringify(s.items)}`);
}
console.log(`failures: ${failures}, peak RSS: ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MiB`);
slowest.sort((a, b) => b[0] - a[0]);
console.log('slowest model builds:');
for (const [ms, p, len] of slowest.slice(0, 5)) console.log(`  ${ms.toFixed(0)} ms  ${(len / 1e6).toFixed(2)} MB  ${p}`);
process.exitCode = failures > 0 ? 1 : 0;
