// npm run bench: generate ~100k lines of Go/Python/TypeScript, then time a
// full audit against a parse-only pass over the same files, and check the
// JSON is the same whatever --jobs.
// Targets (issue 3): audit within 2x parse-only, peak RSS < 512 MiB.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { availableParallelism, cpus, totalmem } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generate } from './gen.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const work = join(here, '.work');
const lines = Number(process.env.BENCH_LINES ?? 100_000);
const repo = join(work, 'mixed');
const gen = generate(repo, lines, 42);
const cores = availableParallelism();

function run(mode, jobs, jsonOut) {
  const args = ['--expose-gc', join(here, 'child.mjs'), mode, repo, String(jobs)];
  if (jsonOut) args.push(jsonOut);
  return JSON.parse(execFileSync(process.execPath, args, { encoding: 'utf8', maxBuffer: 64 << 20 }).trim().split('\n').pop());
}

console.log(`machine: ${cpus()[0]?.model ?? 'unknown cpu'}, ${cores} cores, ${Math.round(totalmem() / 2 ** 30)} GiB, node ${process.version}`);
console.log(`repository: ${gen.files} files, ${gen.lines} lines (${gen.seeded.length} files with seeded placeholders)`);

const parse = run('parse', cores);
const audit = run('audit', cores, join(work, `report-j${cores}.json`));
const audit1 = run('audit', 1, join(work, 'report-j1.json'));
const same = readFileSync(join(work, `report-j${cores}.json`), 'utf8') === readFileSync(join(work, 'report-j1.json'), 'utf8');
const report = JSON.parse(readFileSync(join(work, 'report-j1.json'), 'utf8'));
const seededFound = gen.seeded.filter((p) => report.findings.some((f) => f.path === p && f.category === 'placeholder')).length;

const row = (name, r) => `${name.padEnd(22)} ${String(r.wallMs).padStart(7)} ms  ${String(Math.round(gen.lines / (r.wallMs / 1000))).padStart(8)} lines/s  peak RSS ${String(r.maxRssMiB).padStart(4)} MiB  ${JSON.stringify(r.timings)}`;
console.log(row(`parse-only (jobs ${cores})`, parse));
console.log(row(`audit (jobs ${cores})`, audit));
console.log(row('audit (jobs 1)', audit1));
const ratio = audit.wallMs / parse.wallMs;
console.log(`audit / parse-only: ${ratio.toFixed(2)}x (target ≤ 2x)`);
console.log(`peak RSS: ${Math.max(audit.maxRssMiB, audit1.maxRssMiB)} MiB (target < 512 MiB)`);
console.log(`JSON identical for jobs 1 and ${cores}: ${same}`);
console.log(`seeded placeholder files found: ${seededFound}/${gen.seeded.length}; findings ${report.findings.length}; claims ${report.claims.length}`);
const ok = ratio <= 2 && Math.max(audit.maxRssMiB, audit1.maxRssMiB) < 512 && same && seededFound === gen.seeded.length;
console.log(ok ? 'bench: all targets met' : 'bench: TARGET MISSED');
process.exitCode = ok ? 0 : 1;
