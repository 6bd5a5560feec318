/**
 * `claimcheck audit`: parses the arguments, runs the pipeline (src/audit),
 * prints and writes the report, and sets the exit code from the fail policy.
 */
import { readFileSync } from 'node:fs';
import { Command, Option } from 'commander';
import { FAIL_ON, gateTrips, parseFailOn } from '../audit/gate.js';
import { InputError } from '../audit/errors.js';
import { FORMATS, formats, writeOutputs } from './output.js';
import { loadSavedReport } from './render-command.js';

interface AuditFlags {
  claims?: string[];
  format: string;
  out?: string;
  failOn?: string;
  config?: string;
  jobs?: number;
  since?: string;
  allFindings?: boolean;
  baseline?: string;
}

/** A parsing counter on stderr when it is a terminal; nothing in CI logs. */
function progress(): ((done: number, total: number) => void) | undefined {
  if (!process.stderr.isTTY) return undefined;
  let last = 0;
  return (done, total) => {
    const now = Date.now();
    if (done < total && now - last < 100) return;
    last = now;
    process.stderr.write(`\rparsing ${done}/${total} files${done === total ? '\n' : ''}`);
  };
}

export function auditCommand(): Command {
  return new Command('audit')
    .description('audit a repository and its reports')
    .argument('[repo]', 'repository to audit', '.')
    .option('-c, --claims <file|glob...>', 'claims documents (files, globs relative to the repo, or - for stdin); default: report-like markdown in the repo')
    .option('-f, --format <list>', `output formats, comma-separated: ${FORMATS.join(', ')}`, 'text')
    .option('-o, --out <dir>', 'write claimcheck-report.<ext> for each file format into DIR')
    .option('--fail-on <list>', `exit 1 when any of these occur: ${FAIL_ON.join(', ')}`)
    .option('--config <file>', 'config file (default: .claimcheck.yml/.yaml/.json at the repo root)')
    .option('--since <rev>', 'pull request mode: claims from report files changed since REV (plus --claims), findings on changed lines only')
    .option('--all-findings', 'with --since: keep findings on unchanged lines too')
    .option('--baseline <report.json>', 'report only claims and findings this earlier JSON report does not have; --fail-on counts only those')
    .addOption(new Option('-j, --jobs <n>', 'worker threads for parsing (default: all cores)').argParser((v) => {
      const n = Number(v);
      if (!Number.isInteger(n) || n < 1) throw new InputError(`--jobs: expected a whole number ≥ 1, got '${v}'`);
      return n;
    }))
    .action(async (repo: string, o: AuditFlags) => {
      const chosen = (await formats()).parseFormats(o.format);
      const failOn = o.failOn ? parseFailOn(o.failOn) : [];
      const baseline = o.baseline ? loadSavedReport(o.baseline) : undefined;
      const { runAudit } = await import('../audit/pipeline.js');
      const result = await runAudit({
        repo,
        claims: o.claims,
        configPath: o.config,
        jobs: o.jobs,
        since: o.since,
        allFindings: o.allFindings,
        baseline,
        baselineName: o.baseline,
        stdin: () => readFileSync(0, 'utf8'),
        onProgress: progress(),
      });
      if (process.env.CLAIMCHECK_PROFILE) {
        for (const [stage, ms] of Object.entries(result.timings)) process.stderr.write(`stage ${stage}: ${ms} ms\n`);
        for (const [kind, ms] of Object.entries(result.verifyByKind)) process.stderr.write(`verify ${kind}: ${ms} ms\n`);
        process.stderr.write(`claims: ${result.report.claims.length} from ${result.documents.length} document(s)\n`);
      }
      const remote = result.snapshot.git ? await result.snapshot.git.remoteUrl() : null;
      await writeOutputs(result.report, chosen, o.out, remote, result.changedLines && !o.allFindings ? result.changedLines : null);
      const tripped = gateTrips(result.report, failOn);
      if (tripped.length) {
        process.stderr.write(`claimcheck: --fail-on tripped: ${tripped.join('; ')}\n`);
        process.exitCode = 1;
      }
    });
}
