#!/usr/bin/env node
/**
 * Compares claimcheck's Python method-mismatch and missing-timeout rules with
 * the peers Debian packages: pylint (W3101 missing-timeout, E1101
 * no-member) and bandit (B113 request_without_timeout, bandit >= 1.7.5).
 *
 *   npm run build && node bench/compare-python.mjs [DIR ...]
 *
 * Targets: samples/py-netplugin, every documented example of the Python rules
 * (each in its own directory), and any directory given. A peer that is not
 * installed, or too old to have the check, is reported as skipped. pylint's
 * W3101 only fires when its own interpreter can import `requests`
 * (Debian: python3-requests). Output: per target and tool the findings, those
 * both found (same file and line, same family) and those only one found.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const dist = process.env.CLAIMCHECK_DIST ? resolve(process.env.CLAIMCHECK_DIST) : join(root, 'dist');
if (!existsSync(join(dist, 'rules', 'engine.js'))) {
  console.log('compare-python: dist/ is missing; run `npm run build` first. Skipped.');
  process.exit(0);
}
const { RepoSnapshot } = await import(join(dist, 'repo', 'snapshot.js'));
const { analyze } = await import(join(dist, 'rules', 'engine.js'));
const { pythonRules } = await import(join(dist, 'rules', 'builtin', 'python', 'index.js'));

const FAMILY = { W3101: 'timeout', B113: 'timeout', E1101: 'member' };
const familyOf = (ruleId) => (ruleId.startsWith('missing-timeout/python-requests') ? 'timeout' : ruleId.startsWith('method-mismatch/') ? 'member' : null);

function has(cmd) {
  return spawnSync('sh', ['-c', `command -v ${cmd}`], { encoding: 'utf8' }).status === 0;
}

/** pylint W3101/E1101 findings as {path, line, id, message}, or a reason it was skipped. */
function runPylint(dir) {
  if (!has('pylint')) return { skipped: 'pylint not installed (apt-get install pylint)' };
  const r = spawnSync('pylint', ['--disable=all', '--enable=W3101,E1101', '--output-format=json', '--recursive=y', '.'], { cwd: dir, encoding: 'utf8', maxBuffer: 1 << 28 });
  try {
    return { findings: JSON.parse(r.stdout || '[]').map((m) => ({ path: m.path, line: m.line, id: m['message-id'], message: m.message })) };
  } catch {
    return { skipped: `pylint output unreadable: ${(r.stderr || '').slice(0, 200)}` };
  }
}

/** bandit B113 findings, or why it was skipped (Debian bookworm ships 1.6.2, which predates B113). */
function runBandit(dir) {
  if (!has('bandit')) return { skipped: 'bandit not installed (apt-get install bandit)' };
  const r = spawnSync('bandit', ['-q', '-r', '.', '-t', 'B113', '-f', 'json'], { cwd: dir, encoding: 'utf8', maxBuffer: 1 << 28 });
  if (/Unknown test found/.test(r.stderr + r.stdout)) {
    const v = spawnSync('bandit', ['--version'], { encoding: 'utf8' }).stdout.split('\n')[0];
    return { skipped: `${v.trim()} has no B113 (added in bandit 1.7.5)` };
  }
  try {
    return { findings: JSON.parse(r.stdout).results.map((x) => ({ path: x.filename.replace(/^\.\//, ''), line: x.line_number, id: x.test_id, message: x.issue_text })) };
  } catch {
    return { skipped: `bandit output unreadable: ${(r.stderr || '').slice(0, 200)}` };
  }
}

async function runClaimcheck(dir) {
  const snap = await RepoSnapshot.open(dir, { noGit: true });
  const t0 = process.cpuUsage();
  const a = await analyze(snap, { jobs: 1, rules: pythonRules });
  const cpu = process.cpuUsage(t0);
  let lines = 0;
  for (const m of a.models.values()) if (m.language === 'python') lines += m.lineCount;
  return { findings: a.findings.map((f) => ({ path: f.path, line: f.line, id: f.ruleId, message: f.message })), lines, cpuMs: (cpu.user + cpu.system) / 1000 };
}

function compare(ours, peer) {
  const key = (f, fam) => `${f.path}:${f.line}:${fam}`;
  const mine = new Map();
  for (const f of ours) {
    const fam = familyOf(f.id);
    if (fam) mine.set(key(f, fam), f);
  }
  const theirs = new Map(peer.map((f) => [key(f, FAMILY[f.id]), f]));
  const both = [...theirs.keys()].filter((k) => mine.has(k));
  const onlyPeer = [...theirs.keys()].filter((k) => !mine.has(k)).map((k) => theirs.get(k));
  const onlyOurs = [...mine.keys()].filter((k) => !theirs.has(k)).map((k) => mine.get(k));
  return { both: both.length, onlyPeer, onlyOurs };
}

const totals = { claimcheck: 0, lines: 0, cpuMs: 0 };
const peerTotals = new Map();

async function target(name, dir) {
  const ours = await runClaimcheck(dir);
  totals.claimcheck += ours.findings.length;
  totals.lines += ours.lines;
  totals.cpuMs += ours.cpuMs;
  console.log(`\n## ${name}  (${ours.lines} Python lines, claimcheck ${Math.round(ours.cpuMs)} ms CPU)`);
  console.log(`claimcheck: ${ours.findings.length} findings`);
  for (const f of ours.findings) console.log(`  ${f.path}:${f.line} [${f.id}] ${f.message}`);
  for (const [tool, res] of [['pylint W3101/E1101', runPylint(dir)], ['bandit B113', runBandit(dir)]]) {
    if (res.skipped) {
      console.log(`${tool}: skipped (${res.skipped})`);
      continue;
    }
    const c = compare(ours.findings, res.findings);
    const t = peerTotals.get(tool) ?? { findings: 0, both: 0, onlyPeer: 0, onlyOurs: 0 };
    t.findings += res.findings.length;
    t.both += c.both;
    t.onlyPeer += c.onlyPeer.length;
    t.onlyOurs += c.onlyOurs.length;
    peerTotals.set(tool, t);
    console.log(`${tool}: ${res.findings.length} findings; same file+line as claimcheck: ${c.both}; only ${tool.split(' ')[0]}: ${c.onlyPeer.length}; only claimcheck (same families): ${c.onlyOurs.length}`);
    for (const f of c.onlyPeer) console.log(`  only ${tool.split(' ')[0]}: ${f.path}:${f.line} ${f.id} ${f.message}`);
    for (const f of c.onlyOurs) console.log(`  only claimcheck: ${f.path}:${f.line} [${f.id}]`);
  }
}

const sample = join(root, 'samples', 'py-netplugin');
if (existsSync(sample)) await target('samples/py-netplugin', sample);
else console.log('samples/py-netplugin: not present, skipped');

// Every documented example, bad and good, in a directory of its own.
const tmp = mkdtempSync(join(tmpdir(), 'claimcheck-pycompare-'));
try {
  for (const rule of pythonRules) {
    if (!rule.id.startsWith('method-mismatch/') && !rule.id.startsWith('missing-timeout/')) continue;
    for (const [kind, list] of [['bad', rule.docs.bad], ['good', rule.docs.good]]) {
      list.forEach((ex, i) => {
        const d = join(tmp, `${rule.id.replace('/', '__')}-${kind}-${i + 1}`);
        for (const [p, text] of Object.entries(ex.files)) {
          mkdirSync(dirname(join(d, p)), { recursive: true });
          writeFileSync(join(d, p), text);
        }
      });
    }
  }
  const { readdirSync } = await import('node:fs');
  for (const d of readdirSync(tmp).sort()) await target(`example ${d}`, join(tmp, d));
} finally {
  rmSync(tmp, { recursive: true, force: true });
}

for (const extra of process.argv.slice(2)) await target(relative(process.cwd(), resolve(extra)) || extra, resolve(extra));

console.log(`\n## totals\nclaimcheck: ${totals.claimcheck} findings over ${totals.lines} lines, ${Math.round(totals.cpuMs)} ms CPU`);
for (const [tool, t] of peerTotals) console.log(`${tool}: ${t.findings} findings; both: ${t.both}; only ${tool.split(' ')[0]}: ${t.onlyPeer}; only claimcheck (same families): ${t.onlyOurs}`);
