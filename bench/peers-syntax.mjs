#!/usr/bin/env node
/**
 * Python syntax errors against ruff's parser corpus: recall on the files ruff
 * expects a syntax error in, false alarms on the files it parses cleanly.
 *
 *   npm run build && node bench/peers-syntax.mjs [-v] [--mirrors DIR]
 *   CLAIMCHECK_DIST=../main/dist node bench/peers-syntax.mjs     (another build)
 *   node bench/peers-syntax.mjs --update [--python python3.13]   (rewrites the manifest)
 *
 * The corpus is read at run time from a git mirror of astral-sh/ruff
 * (`<MIRRORS>/astral-sh+ruff/repo`; MIRRORS is `$MIRRORS`, else the nearest
 * `.mirror` folder above this project) at the commit the manifest names, and
 * written under a neutral folder of a temporary directory, so that no
 * test-path or example-path rule applies. The project keeps only
 * bench/peers/syntax-manifest.json: paths, expected line ranges, commit.
 *
 * Expected errors come from ruff's snapshots (tests/snapshots/*.snap):
 * "Errors" and "Semantic Syntax Errors" are errors on every Python version;
 * an "Unsupported Syntax Error" whose syntax was *added* in some version is
 * valid on the current one, so a file with only such errors belongs to the
 * valid side, while syntax *removed* in some version is an error. With
 * `--update --python EXE`, CPython's own first error (line and message) is
 * stored beside each invalid file; the run then also counts how many found
 * files carry CPython's wording.
 *
 * Scores:
 * - valid side (resources/valid, resources/inline/ok, version-gated files):
 *   files and lines with a build-error/python-syntax finding that is not one
 *   of CPython's own compile-time errors for that line (ruff's parser leaves
 *   `return` at module level and the like to the compiler; CPython rejects
 *   them, and so does claimcheck): the false alarms;
 * - invalid side (resources/invalid, resources/inline/err): files with a
 *   finding; files whose finding lies on one of ruff's expected ranges or on
 *   CPython's line for its first error;
 *   expected ranges with a finding (claimcheck reports the first error of a
 *   file, as CPython does, so this one is bounded by the files' first errors);
 *   found files whose message is CPython's.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const manifestPath = join(root, 'bench', 'peers', 'syntax-manifest.json');
const REPO = 'astral-sh/ruff';
const RESOURCES = 'crates/ruff_python_parser/resources';
const SNAPSHOTS = 'crates/ruff_python_parser/tests/snapshots';
/** Corpus folders in the order they are reported; the name is the neutral folder the files go to. */
const CORPORA = [
  { name: 'valid', dir: `${RESOURCES}/valid`, side: 'valid' },
  { name: 'inline-ok', dir: `${RESOURCES}/inline/ok`, side: 'valid' },
  { name: 'invalid', dir: `${RESOURCES}/invalid`, side: 'invalid' },
  { name: 'inline-err', dir: `${RESOURCES}/inline/err`, side: 'invalid' },
];

const args = process.argv.slice(2);
const flag = (name) => args.includes(name);
const option = (name) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const verbose = flag('-v');

function mirrorsDir() {
  if (option('--mirrors')) return resolve(option('--mirrors'));
  if (process.env.MIRRORS) return resolve(process.env.MIRRORS);
  for (let d = root; ; d = dirname(d)) {
    if (existsSync(join(d, '.mirror'))) return join(d, '.mirror');
    if (dirname(d) === d) return join(root, '.mirror');
  }
}
const gitDir = join(mirrorsDir(), REPO.replace('/', '+'), 'repo');
const git = (...a) => execFileSync('git', ['--git-dir', gitDir, ...a], { encoding: 'utf8', maxBuffer: 1 << 28 });

/** The texts of many blobs at one commit, in one `git cat-file --batch`. */
function readBlobs(commit, paths) {
  const input = paths.map((p) => `${commit}:${p}\n`).join('');
  const out = execFileSync('git', ['--git-dir', gitDir, 'cat-file', '--batch'], { input, maxBuffer: 1 << 28 });
  const texts = new Map();
  let at = 0;
  for (const p of paths) {
    const nl = out.indexOf(10, at);
    const header = out.subarray(at, nl).toString();
    const m = /^\S+ blob (\d+)$/.exec(header);
    if (!m) throw new Error(`peers-syntax: ${p} is not in the mirror at ${commit} (${header})`);
    const size = Number(m[1]);
    texts.set(p, out.subarray(nl + 1, nl + 1 + size));
    at = nl + 1 + size + 1;
  }
  return texts;
}

/**
 * Expected errors of one snapshot: each a [start, end] line range and its
 * section. Carets under a numbered source line mark a one-line error; a
 * `/` or `___^` opener and a `|___^` closer mark a range.
 */
function snapshotErrors(snap) {
  const errors = [];
  let section = null;
  let last = 0;
  let opened = null;
  for (const line of snap.split('\n')) {
    const head = /^## (.*)$/.exec(line);
    if (head) {
      section = head[1].startsWith('Errors') ? 'syntax' : head[1].startsWith('Semantic') ? 'semantic' : head[1].startsWith('Unsupported') ? 'unsupported' : null;
      continue;
    }
    if (!section) continue;
    const numbered = /^\s*(\d+) \|( [/|])?/.exec(line);
    if (numbered) {
      last = Number(numbered[1]);
      if (numbered[2] === ' /') opened = last;
      continue;
    }
    if (/^\s*\|\s+_+\^\s*$/.test(line)) {
      opened = last;
      continue;
    }
    const err = /^\s*\|( \|)?[\s_]*\^+ Syntax Error: (.*)$/.exec(line);
    if (!err) continue;
    const start = err[1] && opened !== null ? opened : last;
    opened = err[1] ? null : opened;
    const message = err[2];
    let kind = section;
    // Version-gated syntax: valid on the current Python when it was added, an error when it was removed.
    if (/\(syntax was added in /.test(message) || /\(relaxed decorator syntax was added in /.test(message)) kind = 'version';
    else if (/\(syntax was removed in /.test(message)) kind = 'removed';
    errors.push({ start, end: last, kind });
  }
  return errors;
}

/**
 * CPython's errors in each file: the first one, then, while each error is
 * a compile-time one, the next ones found after replacing its span by `0`
 * and spaces (CPython stops at the first error; ruff's
 * valid corpus has files with many `yield`s at module level). Stops at a
 * grammar error after such a replacement. [] when the file compiles.
 */
function cpythonErrors(python, files) {
  const script = String.raw`
import json, sys, warnings
warnings.simplefilter("ignore")
out = {}
for path in json.load(sys.stdin):
    src = open(path, "rb").read().decode("utf-8", "replace")
    errors = []
    for _ in range(100):
        try:
            compile(src, path, "exec", dont_inherit=True)
            break
        except SyntaxError as e:
            errors.append({"line": e.lineno, "message": e.msg})
            lines = src.split("\n")
            if e.msg == "invalid syntax" or not e.lineno or not e.offset or not e.end_lineno or not e.end_offset or errors.count(errors[-1]) > 1 or len(errors) == 100:
                break
            # The span becomes 0 and blanks (line breaks kept), so the code around it stays valid.
            first, last = e.lineno - 1, e.end_lineno - 1
            a, b = e.offset - 1, e.end_offset - 1
            if last >= len(lines) or (first == last and b <= a):
                break
            for k in range(first, last + 1):
                line = lines[k]
                lo = a if k == first else 0
                hi = b if k == last else len(line)
                lines[k] = line[:lo] + ("0" if k == first else "") + " " * max(0, hi - lo - (1 if k == first else 0)) + line[hi:]
            src = "\n".join(lines)
        except ValueError as e:
            errors.append({"line": None, "message": str(e)})
            break
    out[path] = errors
print(json.dumps(out))
`;
  const r = spawnSync(python, ['-c', script], { input: JSON.stringify(files), encoding: 'utf8', maxBuffer: 1 << 28 });
  if (r.status !== 0) throw new Error(`peers-syntax: ${python} failed: ${r.stderr}`);
  return JSON.parse(r.stdout);
}

function update() {
  const commit = git('rev-parse', 'HEAD').trim();
  const all = git('ls-tree', '-r', '--name-only', commit, RESOURCES, SNAPSHOTS).split('\n').filter(Boolean);
  const snapPaths = all.filter((p) => p.startsWith(SNAPSHOTS) && p.endsWith('.snap'));
  const snaps = readBlobs(commit, snapPaths);
  const expected = new Map();
  for (const text of snaps.values()) {
    const s = text.toString('utf8');
    const input = /^input_file: (.*)$/m.exec(s)?.[1];
    if (input) expected.set(input.trim(), snapshotErrors(s));
  }
  const corpora = {};
  const versionGated = [];
  for (const c of CORPORA) {
    const files = all.filter((p) => p.startsWith(c.dir + '/') && p.endsWith('.py')).sort();
    corpora[c.name] = [];
    for (const path of files) {
      const errs = (expected.get(path) ?? []).filter((e) => e.kind !== 'version');
      const gated = (expected.get(path) ?? []).some((e) => e.kind === 'version');
      if (c.side === 'valid') {
        if (errs.length > 0) throw new Error(`peers-syntax: ${path} is in a valid corpus but its snapshot has errors`);
        corpora[c.name].push(path);
      } else if (!expected.has(path)) {
        // A file ruff keeps without a snapshot: expected to fail somewhere (file-level only).
        corpora[c.name].push({ path, expected: null });
      } else if (errs.length === 0) {
        // Only syntax that a newer Python added: valid today.
        if (gated) versionGated.push(path);
        else throw new Error(`peers-syntax: ${path} has a snapshot without errors`);
      } else {
        const ranges = [...new Map(errs.map((e) => [`${e.start}-${e.end}`, [e.start, e.end]])).values()].sort((a, b) => a[0] - b[0] || a[1] - b[1]);
        corpora[c.name].push({ path, expected: ranges });
      }
    }
  }
  corpora['version-gated'] = versionGated;
  const python = option('--python');
  let cpython = null;
  if (python) {
    // CPython's first error in every file: the wording on the invalid side, and on the valid side
    // the compile-time errors (a `return` at module level) that ruff's parser leaves to the compiler.
    const tmp = mkdtempSync(join(tmpdir(), 'peers-syntax-'));
    const paths = [];
    for (const name of Object.keys(corpora)) for (const e of corpora[name]) paths.push(typeof e === 'string' ? e : e.path);
    const texts = readBlobs(commit, paths);
    for (const p of paths) {
      mkdirSync(dirname(join(tmp, p)), { recursive: true });
      writeFileSync(join(tmp, p), texts.get(p));
    }
    const res = cpythonErrors(python, paths.map((p) => join(tmp, p)));
    rmSync(tmp, { recursive: true, force: true });
    cpython = execFileSync(python, ['-c', 'import sys;print("%d.%d.%d" % sys.version_info[:3])'], { encoding: 'utf8' }).trim();
    for (const name of Object.keys(corpora)) {
      corpora[name] = corpora[name].map((e) => {
        const entry = typeof e === 'string' ? { path: e } : e;
        const errs = res[join(tmp, entry.path)] ?? [];
        // The invalid side keeps CPython's first error (its wording); the valid side every compile-time one.
        if (errs.length > 0) entry.cpython = typeof e === 'string' ? errs : errs[0];
        return Object.keys(entry).length === 1 ? entry.path : entry;
      });
    }
  }
  const manifest = {
    about: 'Python syntax corpus of ruff\'s parser (paths and expected line ranges only; the code is read from the mirror at run time by bench/peers-syntax.mjs).',
    repo: REPO,
    commit,
    cpython,
    corpora,
  };
  mkdirSync(dirname(manifestPath), { recursive: true });
  // One file per line: the manifest stays readable in a diff.
  const lines = Object.entries(corpora).map(([name, list]) => `  ${JSON.stringify(name)}: [\n${list.map((e) => `   ${JSON.stringify(e)}`).join(',\n')}\n  ]`);
  const head = JSON.stringify({ ...manifest, corpora: undefined }, null, 1).replace(/\n}$/, '');
  writeFileSync(manifestPath, `${head},\n "corpora": {\n${lines.join(',\n')}\n }\n}\n`);
  const count = (n) => corpora[n].length;
  console.log(`peers-syntax: manifest written (${REPO}@${commit.slice(0, 12)}): ${CORPORA.map((c) => `${c.name} ${count(c.name)}`).join(', ')}, version-gated ${versionGated.length}`);
}

function run() {
  const dist = process.env.CLAIMCHECK_DIST ? resolve(process.env.CLAIMCHECK_DIST) : join(root, 'dist');
  if (!existsSync(join(dist, 'cli', 'main.js'))) {
    console.log('peers-syntax: dist/ is missing; run `npm run build` first.');
    process.exit(2);
  }
  if (!existsSync(gitDir)) {
    console.log(`peers-syntax: no git mirror of ${REPO} at ${gitDir}; put one there or set MIRRORS. Skipped.`);
    process.exit(0);
  }
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8'));
  const groups = [...CORPORA.map((c) => ({ name: c.name, side: c.side })), { name: 'version-gated', side: 'valid' }];
  const entries = [];
  for (const g of groups) {
    for (const e of manifest.corpora[g.name]) {
      const path = typeof e === 'string' ? e : e.path;
      const corpus = CORPORA.find((c) => path.startsWith(c.dir + '/'));
      // Neutral folder: src/<group>/<path below the corpus folder>.
      const rel = `src/${g.name}/${path.slice(corpus.dir.length + 1)}`;
      entries.push({ group: g.name, side: g.side, path, rel, expected: e.expected ?? null, cpython: e.cpython ?? null });
    }
  }
  const texts = readBlobs(manifest.commit, entries.map((e) => e.path));
  const tmp = mkdtempSync(join(tmpdir(), 'peers-syntax-'));
  const repo = join(tmp, 'code');
  for (const e of entries) {
    const dest = join(repo, e.rel);
    mkdirSync(dirname(dest), { recursive: true });
    writeFileSync(dest, texts.get(e.path));
  }
  const out = join(tmp, 'out');
  // The CLI of the build under test (CLAIMCHECK_DIST selects another build, e.g. main's, for a before/after).
  const main = `import(${JSON.stringify(pathToFileURL(join(dist, 'cli', 'main.js')).href)}).then((m) => m.main([process.argv[0], "claimcheck", ...process.argv.slice(1)]))`;
  const cli = spawnSync(process.execPath, ['--input-type=module', '-e', main, '--', 'audit', repo, '--format', 'json', '--out', out, '--jobs', '1'], { encoding: 'utf8', maxBuffer: 1 << 28 });
  if (!existsSync(join(out, 'claimcheck-report.json'))) {
    console.log(`peers-syntax: the audit failed (exit ${cli.status}): ${cli.stderr.slice(0, 500)}`);
    rmSync(tmp, { recursive: true, force: true });
    process.exit(2);
  }
  const report = JSON.parse(readFileSync(join(out, 'claimcheck-report.json'), 'utf8'));
  rmSync(tmp, { recursive: true, force: true });
  const byPath = new Map();
  for (const f of report.findings) {
    if (f.ruleId !== 'build-error/python-syntax') continue;
    if (!byPath.has(f.path)) byPath.set(f.path, []);
    byPath.get(f.path).push(f);
  }

  console.log(`peers-syntax: ${REPO}@${manifest.commit.slice(0, 12)}, ${entries.length} files${manifest.cpython ? `; CPython wording from ${manifest.cpython}` : ''}`);
  const rows = [];
  const detail = [];
  for (const g of groups) {
    const mine = entries.filter((e) => e.group === g.name);
    if (g.side === 'valid') {
      // A finding with CPython's own compile-time error for the file is not a false alarm
      // ("invalid syntax" from an older CPython may be syntax it does not know yet, so it excuses nothing).
      const agrees = (e, f) => (e.cpython ?? []).some((c) => c.message !== 'invalid syntax' && c.line === f.line && f.message.startsWith(`SyntaxError: ${c.message} (`));
      let files = 0;
      let lines = 0;
      let compileTime = 0;
      for (const e of mine) {
        const fs = byPath.get(e.rel) ?? [];
        const wrong = fs.filter((f) => !agrees(e, f));
        if (fs.length > 0 && wrong.length === 0) compileTime++;
        if (wrong.length > 0) files++;
        lines += new Set(wrong.map((f) => f.line)).size;
        for (const f of wrong) {
          const c = (e.cpython ?? []).find((x) => x.line === f.line);
          detail.push(`  false alarm  ${e.path}:${f.line}  ${f.message}${c ? `  CPython: ${c.message}` : ''}`);
        }
      }
      rows.push(`${g.name.padEnd(14)} valid    ${String(mine.length).padStart(4)} files   false alarms: ${files} files, ${lines} lines; CPython's own compile-time error: ${compileTime} files`);
      continue;
    }
    let found = 0;
    let located = 0;
    let ranges = 0;
    let rangesFound = 0;
    let withCpython = 0;
    let sameWording = 0;
    for (const e of mine) {
      const fs = byPath.get(e.rel) ?? [];
      const on = (r) => fs.some((f) => f.line >= r[0] && f.line <= r[1]);
      // Without ruff's ranges, the file counts on the file level only.
      const expected = e.expected ?? [];
      ranges += expected.length;
      rangesFound += expected.filter(on).length;
      if (fs.length > 0) found++;
      // CPython's own line for its first error counts as well: it is the reference the wording follows.
      const atCpython = !!e.cpython?.line && fs.some((f) => f.line === e.cpython.line);
      if (expected.some(on) || atCpython || (e.expected === null && fs.length > 0)) located++;
      if (fs.length > 0 && e.cpython?.message) {
        withCpython++;
        if (fs.some((f) => f.message.startsWith(`SyntaxError: ${e.cpython.message} (`))) sameWording++;
      }
      if (fs.length === 0) detail.push(`  missed       ${e.path}:${expected.map((r) => (r[0] === r[1] ? r[0] : `${r[0]}-${r[1]}`)).join(',')}${e.cpython ? `  CPython: ${e.cpython.line}: ${e.cpython.message}` : ''}`);
      else if (e.expected !== null && !expected.some(on) && !atCpython) detail.push(`  wrong line   ${e.path}:${fs.map((f) => f.line).join(',')} expected ${expected.map((r) => r[0]).join(',')}  ${fs[0].message}`);
      else if (e.cpython?.message && !fs.some((f) => f.message.startsWith(`SyntaxError: ${e.cpython.message} (`))) detail.push(`  wording      ${e.path}:${fs[0].line}  ours: ${fs[0].message}  CPython: ${e.cpython.line}: ${e.cpython.message}`);
    }
    const pct = (a, b) => (b === 0 ? '-' : `${((100 * a) / b).toFixed(1)} %`);
    rows.push(
      `${g.name.padEnd(14)} invalid  ${String(mine.length).padStart(4)} files   found ${found} (${pct(found, mine.length)}), on ruff's or CPython's line ${located} (${pct(located, mine.length)}); expected ranges found ${rangesFound}/${ranges} (${pct(rangesFound, ranges)}); CPython's wording ${sameWording}/${withCpython}`,
    );
  }
  for (const r of rows) console.log(r);
  if (verbose) for (const d of detail.sort()) console.log(d);
}

if (flag('--update')) update();
else run();
