// One measured run in a fresh process, so peak RSS is this run's alone.
// usage: node --expose-gc bench/child.mjs <audit|parse> <repo> <jobs> [jsonOut]
import { writeFileSync } from 'node:fs';
import { runAudit } from '../dist/audit/pipeline.js';
import { analyze } from '../dist/rules/engine.js';
import { RepoSnapshot } from '../dist/repo/snapshot.js';
import { renderJson } from '../dist/report/json.js';

const [mode, repo, jobsArg, jsonOut] = process.argv.slice(2);
const jobs = Number(jobsArg);
const t0 = performance.now();
let timings = {};
if (mode === 'audit') {
  const res = await runAudit({ repo, jobs });
  timings = res.timings;
  if (jsonOut) writeFileSync(jsonOut, renderJson(res.report));
} else {
  const snapshot = await RepoSnapshot.open(repo);
  const a = await analyze(snapshot, { jobs, parseOnly: true });
  timings = { parse: a.timings.parse };
}
const wallMs = Math.round(performance.now() - t0);
process.stdout.write(JSON.stringify({ mode, jobs, wallMs, maxRssMiB: Math.round(process.resourceUsage().maxRSS / 1024), timings }) + '\n');
