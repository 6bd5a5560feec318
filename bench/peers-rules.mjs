#!/usr/bin/env node
/**
 * The peers' own fixtures for the rules claimcheck shares with them
 * (missing timeouts: pylint W3101, bandit B113, ruff S113, semgrep
 * use-timeout, gosec G112/G114; placeholders: pylint fixme, ruff FIX001-004,
 * semgrep pass-body; method mismatch: pylint no-member E1101, the fixtures
 * that need no third-party package), scored against the peers' own expected
 * lines.
 *
 *   npm run build && node bench/peers-rules.mjs [-v] [--only CATEGORY] [--json OUT] [--compare BEFORE.json]
 *
 * The fixtures are read at run time out of git mirrors of the peers
 * (`.mirror/<owner>+<name>/repo` in the nearest folder above the project that
 * has one, or $MIRRORS); bench/peers/rules.json keeps only repositories,
 * commits, paths and, where a peer states its expectation as a count, the
 * lines. Each fixture is written to its own temporary repository under a
 * neutral folder (`app/f<n>/`, checked not to be test code) and analysed with
 * every configured rule of the built claimcheck.
 *
 * Scoring, per fixture:
 * - expected lines: pylint's .txt expectation files (or `# [msg]` annotations
 *   in its doc examples), the lines of bandit's example that its functional
 *   test counts, ruff's snapshot locations, semgrep's `# ruleid:` annotations
 *   (the next line); gosec states a count per code sample, so gosec is scored
 *   per sample.
 * - found: a finding of the fixture's category whose range holds the line
 *   (each finding counts for one expected line).
 * - ok lines: every other non-blank line (the peers' tests fail on any
 *   message they do not expect); a finding of the category that holds no
 *   expected line flags the ok line it starts on. Lines the peer silences with
 *   its own pragma (`pylint: disable`, `#nosec`, `gosec:disable`, `noqa`) are
 *   counted apart, since their code is what the rule looks for; so are the
 *   lines the manifest lists as `configLines` (expected, or not, only because
 *   of the fixture's own configuration, e.g. pylint's custom notes in a .rc),
 *   and the lines where the peer expects one of the fixture's `also` messages
 *   (the same defect under another name: pylint's no-name-in-module for a
 *   name imported from a module, which claimcheck reports as method-mismatch).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const dist = process.env.CLAIMCHECK_DIST ? resolve(process.env.CLAIMCHECK_DIST) : join(root, 'dist');
if (!existsSync(join(dist, 'rules', 'engine.js'))) {
  console.error('peers-rules: dist/ is missing; run `npm run build` first.');
  process.exit(2);
}
const { analyzeInMemory } = await import(join(dist, 'rules', 'engine.js'));
const { testMatcher } = await import(join(dist, 'repo', 'testpaths.js')).catch(() => ({}));

const args = process.argv.slice(2);
const verbose = args.includes('-v');
const jsonOut = args.includes('--json') ? args[args.indexOf('--json') + 1] : null;
const only = args.includes('--only') ? args[args.indexOf('--only') + 1] : null;
const compareWith = args.includes('--compare') ? JSON.parse(readFileSync(args[args.indexOf('--compare') + 1], 'utf8')) : null;
const manifest = JSON.parse(readFileSync(join(root, 'bench', 'peers', 'rules.json'), 'utf8'));

/** The folder holding `<owner>+<name>/repo` mirrors: $MIRRORS, else the nearest `.mirror` above the project. */
function mirrorsDir() {
  if (process.env.MIRRORS) return resolve(process.env.MIRRORS);
  for (let d = root; ; d = dirname(d)) {
    if (existsSync(join(d, '.mirror'))) return join(d, '.mirror');
    if (dirname(d) === d) return null;
  }
}
const mirrors = mirrorsDir();

function show(peer, path) {
  const { repo, commit } = manifest.peers[peer];
  const gitDir = join(mirrors ?? '', repo.replace('/', '+'), 'repo');
  if (!mirrors || !existsSync(gitDir)) return null;
  try {
    return execFileSync('git', ['--git-dir', gitDir, 'show', `${commit}:${path}`], { encoding: 'utf8', maxBuffer: 16 << 20, stdio: ['ignore', 'pipe', 'ignore'] });
  } catch {
    return null;
  }
}

const splitLines = (text) => text.replace(/\r\n?/g, '\n').replace(/\n$/, '').split('\n');

// ------------------------------------------------------------ expectations

/** Lines a pylint functional .txt expects `message` on (`msg:line:col:…`). */
function pylintTxt(text, message) {
  const out = new Set();
  for (const l of splitLines(text)) {
    const m = /^([\w-]+):(\d+):/.exec(l);
    if (m && m[1] === message) out.add(Number(m[2]));
  }
  return out;
}

/** pylint's inline form: `# [msg]` on the line, `# +N: [msg]` / `# -N: [msg]` for another line. */
function pylintAnnotations(lines, message) {
  const out = new Set();
  lines.forEach((l, i) => {
    for (const m of l.matchAll(/#\s*(?:([+-]\d+):\s*)?\[([\w\s,-]+)\]/g)) {
      if (m[2].split(',').map((s) => s.trim()).includes(message)) out.add(i + 1 + (m[1] ? Number(m[1]) : 0));
    }
  });
  return out;
}

/** Locations in ruff's insta snapshots: `--> file.py:L:C` (current) or `file.py:L:C: CODE` (older). */
function ruffSnap(text) {
  const out = new Set();
  for (const m of text.matchAll(/-->\s+[^\s:]+:(\d+):\d+/g)) out.add(Number(m[1]));
  for (const m of text.matchAll(/^[^\s:]+\.py:(\d+):\d+: [A-Z]+\d+/gm)) out.add(Number(m[1]));
  return out;
}

/** semgrep's annotations: `# ruleid: id` expects a finding on the next line (or on its own line when it trails code). */
function semgrepRuleIds(lines) {
  const out = new Set();
  lines.forEach((l, i) => {
    const m = /(#|\/\/)\s*ruleid\s*:/.exec(l);
    if (!m) return;
    out.add(l.slice(0, m.index).trim() ? i + 1 : i + 2);
  });
  return out;
}

/** bandit's functional test: the count of findings of one severity it expects from an example. */
function banditCount(spec) {
  const text = show('bandit', spec.path);
  if (!text) return null;
  const at = text.indexOf(`check_example("${spec.example}"`);
  if (at < 0) return null;
  const body = text.slice(text.lastIndexOf('def test_', at), at);
  const m = new RegExp(`"SEVERITY":\\s*\\{[^}]*"${spec.severity}":\\s*(\\d+)`).exec(body);
  return m ? Number(m[1]) : null;
}

/** gosec's samples: `{[]string{`src`, …}, count, config}` entries of one variable. */
function gosecSamples(text, variable) {
  const start = text.indexOf(`var ${variable} =`);
  if (start < 0) return [];
  const next = text.indexOf('\nvar ', start + 1);
  const body = text.slice(start, next < 0 ? undefined : next);
  const out = [];
  for (const m of body.matchAll(/\{\[\]string\{((?:\s*`[^`]*`\s*,?)+)\s*\},\s*(\d+)\s*,/g)) {
    out.push({ files: [...m[1].matchAll(/`([^`]*)`/g)].map((x) => x[1]), count: Number(m[2]) });
  }
  return out;
}

/** Lines the peer's own pragma silences (their code is what the rule looks for, so they are neither expected nor ok). */
function peerSilenced(lines) {
  const out = new Set();
  lines.forEach((l, i) => {
    if (/pylint:\s*disable=|#\s*nosec\b|gosec:disable|#\s*noqa\b/.test(l)) out.add(i + 1);
    if (/pylint:\s*disable-next=/.test(l)) out.add(i + 2);
  });
  return out;
}

// ------------------------------------------------------------ running

let folder = 0;
/** Writes the files under a neutral folder, analyses them, returns the findings of `category` by file. */
async function audit(files, category) {
  const dir = `app/f${String(++folder).padStart(2, '0')}`;
  const placed = {};
  for (const [name, text] of Object.entries(files)) placed[`${dir}/${name}`] = text;
  if (testMatcher) {
    const isTest = testMatcher([]);
    for (const p of Object.keys(placed)) if (isTest(p)) throw new Error(`${p} would be read as test code; choose another neutral name`);
  }
  const { findings } = await analyzeInMemory(placed, { jobs: 1 });
  const byFile = new Map();
  for (const f of findings) {
    if (f.category !== category) continue;
    const name = f.path.slice(dir.length + 1);
    if (!byFile.has(name)) byFile.set(name, []);
    byFile.get(name).push(f);
  }
  return byFile;
}

/** Scores findings against expected lines: each finding covers at most one expected line in its range. */
function scoreLines(lines, expected, silenced, findings) {
  const covered = new Set();
  const flagged = new Set();
  const flaggedSilenced = new Set();
  for (const f of [...findings].sort((a, b) => a.line - b.line)) {
    let hit = null;
    for (let l = f.line; l <= f.endLine; l++) if (expected.has(l) && !covered.has(l)) { hit = l; break; }
    if (hit !== null) covered.add(hit);
    else if ([...expected].some((l) => l >= f.line && l <= f.endLine)) continue;
    else if (silenced.has(f.line)) flaggedSilenced.add(f.line);
    else flagged.add(f.line);
  }
  const ok = lines.filter((l, i) => l.trim() && !expected.has(i + 1) && !silenced.has(i + 1)).length;
  return {
    expected: expected.size,
    found: covered.size,
    ok,
    flagged: flagged.size,
    silenced: silenced.size,
    flaggedSilenced: flaggedSilenced.size,
    missed: [...expected].filter((l) => !covered.has(l)).sort((a, b) => a - b),
    falseAlarms: [...flagged].sort((a, b) => a - b),
    messages: findings.map((f) => `${f.line}: ${f.ruleId}: ${f.message}`),
  };
}

async function runFixture(fx) {
  const text = show(fx.peer, fx.path);
  if (text === null) return { skipped: `${manifest.peers[fx.peer].repo}@${manifest.peers[fx.peer].commit.slice(0, 7)}:${fx.path} not readable (mirror missing?)` };
  const e = fx.expect;
  if (e.kind === 'gosec-samples') {
    const samples = gosecSamples(text, e.variable);
    const r = { expected: 0, found: 0, ok: 0, flagged: 0, silenced: 0, flaggedSilenced: 0, missed: [], falseAlarms: [], unit: 'samples', messages: [] };
    for (const [i, s] of samples.entries()) {
      const files = Object.fromEntries(s.files.map((src, j) => [j === 0 ? 'main.go' : `file${j}.go`, src]));
      const byFile = await audit(files, fx.category);
      const n = [...byFile.values()].reduce((a, fs) => a + fs.length, 0);
      const silenced = s.files.some((src) => /#\s*nosec\b|gosec:disable/.test(src));
      r.messages.push(...[...byFile.values()].flat().map((f) => `sample ${i + 1}: ${f.line}: ${f.ruleId}: ${f.message}`));
      if (s.count > 0) {
        r.expected += s.count;
        r.found += Math.min(n, s.count);
        if (n < s.count) r.missed.push(`sample ${i + 1}`);
      } else if (silenced) {
        r.silenced++;
        if (n) r.flaggedSilenced++;
      } else {
        r.ok++;
        if (n) {
          r.flagged++;
          r.falseAlarms.push(`sample ${i + 1}`);
        }
      }
    }
    return r;
  }
  const lines = splitLines(text);
  let expected;
  let check = null;
  const other = new Set();
  if (e.kind === 'pylint-txt') {
    const txt = show(fx.peer, e.path);
    if (txt === null) return { skipped: `${e.path} not readable` };
    expected = pylintTxt(txt, e.message);
    for (const m of e.also ?? []) for (const l of pylintTxt(txt, m)) other.add(l);
  } else if (e.kind === 'pylint-annotations') expected = pylintAnnotations(lines, e.message);
  else if (e.kind === 'ruff-snap') {
    expected = new Set();
    for (const p of e.paths) {
      const snap = show(fx.peer, p);
      if (snap === null) return { skipped: `${p} not readable` };
      for (const l of ruffSnap(snap)) expected.add(l);
    }
  } else if (e.kind === 'semgrep') expected = semgrepRuleIds(lines);
  else if (e.kind === 'lines') {
    expected = new Set(e.lines);
    if (e.count) {
      const n = banditCount(e.count);
      check = n === e.lines.length ? null : `the peer's test expects ${n ?? 'an unreadable count of'} findings, the manifest lists ${e.lines.length} lines`;
    }
  } else throw new Error(`unknown expectation kind ${e.kind}`);
  const silenced = peerSilenced(lines);
  for (const l of other) silenced.add(l);
  for (const l of expected) silenced.delete(l);
  // Lines whose expectation comes from the fixture's own configuration rather than the peer's defaults.
  for (const l of fx.configLines ?? []) {
    expected.delete(l);
    silenced.add(l);
  }
  const byFile = await audit({ [basename(fx.path)]: text }, fx.category);
  const r = scoreLines(lines, expected, silenced, byFile.get(basename(fx.path)) ?? []);
  r.unit = 'lines';
  if (check) r.warning = check;
  if (verbose) r.text = lines;
  return r;
}

// ------------------------------------------------------------ report

const pct = (a, b) => (b ? `${((100 * a) / b).toFixed(0)} %` : '-');
const results = [];
for (const fx of manifest.fixtures) if (!only || fx.category === only) results.push({ fx, r: await runFixture(fx) });

/** Rows per peer and peer rule, then per category and peer. */
function rows() {
  const groups = new Map();
  const add = (key, label, r) => {
    if (!groups.has(key)) groups.set(key, { label, expected: 0, found: 0, ok: 0, flagged: 0, silenced: 0, flaggedSilenced: 0, unit: r.unit });
    const g = groups.get(key);
    for (const k of ['expected', 'found', 'ok', 'flagged', 'silenced', 'flaggedSilenced']) g[k] += r[k];
  };
  for (const { fx, r } of results) {
    if (r.skipped) continue;
    add(`${fx.category}\0${fx.peer}\0${fx.peerRule}`, [fx.category, fx.peer, fx.peerRule], r);
  }
  for (const { fx, r } of results) if (!r.skipped) add(`${fx.category}\0~all\0${fx.peer}`, [fx.category, fx.peer, 'all fixtures'], r);
  return [...groups.entries()].sort((a, b) => (a[0] < b[0] ? -1 : 1)).map(([key, g]) => ({ key, ...g }));
}

const table = rows();
const before = compareWith ? new Map(compareWith.rows.map((r) => [r.key, r])) : null;
const header = ['category', 'peer', 'peer rule', 'unit', 'expected', 'found', 'recall', 'ok', 'flagged', 'ok flagged', 'pragma/config flagged'];
if (before) header.push('recall before', 'ok flagged before');
const out = [header];
for (const g of table) {
  const row = [...g.label, g.unit, g.expected, g.found, pct(g.found, g.expected), g.ok, g.flagged, pct(g.flagged, g.ok), g.silenced ? `${g.flaggedSilenced}/${g.silenced}` : '-'];
  if (before) {
    const b = before.get(g.key);
    row.push(b ? pct(b.found, b.expected) : '-', b ? pct(b.flagged, b.ok) : '-');
  }
  out.push(row.map(String));
}
const widths = header.map((_, i) => Math.max(...out.map((r) => r[i].length)));
console.log(`peers fixtures (manifest bench/peers/rules.json, mirrors ${mirrors ?? 'not found'})`);
for (const [i, r] of out.entries()) {
  console.log('| ' + r.map((c, j) => c.padEnd(widths[j])).join(' | ') + ' |');
  if (i === 0) console.log('|' + widths.map((w) => '-'.repeat(w + 2)).join('|') + '|');
}
for (const { fx, r } of results) {
  const where = `${fx.peer} ${fx.path}`;
  if (r.skipped) console.log(`skipped: ${where}: ${r.skipped}`);
  if (r.warning) console.log(`warning: ${where}: ${r.warning}`);
  if (!verbose || r.skipped) continue;
  const txt = (l) => (typeof l === 'number' && r.text ? `${l}: ${r.text[l - 1].trim().slice(0, 100)}` : String(l));
  if (r.missed.length) console.log(`  missed ${where}:\n    ${r.missed.map(txt).join('\n    ')}`);
  if (r.falseAlarms.length) console.log(`  false alarms ${where}:\n    ${r.falseAlarms.map(txt).join('\n    ')}`);
  if (process.env.PEERS_MESSAGES) console.log(`  findings ${where}:\n    ${r.messages.join('\n    ')}`);
}
if (jsonOut) {
  const data = {
    manifest: 'bench/peers/rules.json',
    rows: table,
    fixtures: results.map(({ fx, r }) => ({ peer: fx.peer, path: fx.path, category: fx.category, ...(r.skipped ? { skipped: r.skipped } : { expected: r.expected, found: r.found, ok: r.ok, flagged: r.flagged, missed: r.missed, falseAlarms: r.falseAlarms }) })),
  };
  writeFileSync(jsonOut, JSON.stringify(data, null, 2) + '\n');
}
