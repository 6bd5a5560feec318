/**
 * The `claimcheck` command. Exit codes: 0 clean, 1 the --fail-on gate
 * tripped, 2 usage or input error.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Command, CommanderError, Option } from 'commander';
import { ConfigError, loadConfig } from '../repo/config.js';
import type { AuditReport } from '../report/model.js';
import { renderText, useColor } from '../report/text.js';
import { InputError } from './errors.js';
import { toolVersion } from './version.js';
import { loadSavedReport } from './render-command.js';

// The pipeline (parsers, ts-morph, templates) loads on demand so --help and --version answer at once.
const FORMATS = ['text', 'json', 'md', 'html', 'sarif'] as const;
type Format = (typeof FORMATS)[number];
const formats = () => import('./formats.js');

const FAIL_ON = ['contradicted', 'unverifiable', 'error', 'warning', 'info'] as const;
type FailOn = (typeof FAIL_ON)[number];

function parseFailOn(value: string): FailOn[] {
  const items = value.split(',').map((s) => s.trim()).filter(Boolean);
  for (const i of items) {
    if (!(FAIL_ON as readonly string[]).includes(i)) throw new InputError(`--fail-on: unknown value '${i}'; use any of ${FAIL_ON.join(', ')}`);
  }
  return items as FailOn[];
}

/** Whether the gate trips: a listed verdict has claims, or a finding at a listed severity (or above it) exists. */
export function gateTrips(report: AuditReport, failOn: FailOn[]): string[] {
  const reasons: string[] = [];
  for (const f of failOn) {
    if (f === 'contradicted' || f === 'unverifiable') {
      const n = report.summary.claims[f];
      if (n > 0) reasons.push(`${n} ${f} claim(s)`);
    } else {
      const order = ['info', 'warning', 'error'] as const;
      const n = order.slice(order.indexOf(f)).reduce((s, sev) => s + report.summary.findings[sev], 0);
      if (n > 0) reasons.push(`${n} finding(s) at ${f} or above`);
    }
  }
  return reasons;
}

async function writeOutputs(
  report: AuditReport,
  formats: Format[],
  outDir: string | undefined,
  remoteUrl: string | null,
  changedLines: Map<string, Set<number>> | null = null,
): Promise<void> {
  const { renderFormat } = await import('./formats.js');
  const color = useColor(process.stdout);
  if (!outDir) {
    // Without --out, one machine format goes to stdout; text is the default.
    const machine = formats.filter((f) => f !== 'text');
    if (machine.length > 1) throw new InputError(`--format ${formats.join(',')}: more than one file format needs --out DIR`);
    if (machine.length === 1) process.stdout.write(renderFormat(machine[0]!, report, { remoteUrl, fullReportPath: null, changedLines }));
    if (formats.includes('text') || machine.length === 0) {
      (machine.length ? process.stderr : process.stdout).write(renderText(report, { color: machine.length ? useColor(process.stderr) : color }));
    }
    return;
  }
  mkdirSync(outDir, { recursive: true });
  const written: string[] = [];
  for (const f of formats) {
    if (f === 'text') continue;
    const file = join(outDir, `claimcheck-report.${f}`);
    writeFileSync(file, renderFormat(f, report, { remoteUrl, fullReportPath: join(outDir, 'claimcheck-report.html'), changedLines }));
    written.push(file);
  }
  process.stdout.write(renderText(report, { color }));
  if (written.length) process.stdout.write(`\nreports written: ${written.join(', ')}\n`);
}

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

export function buildProgram(): Command {
  const program = new Command();
  program
    .name('claimcheck')
    .description('Checks what status reports claim against the repository, and finds what they hide.')
    .version(toolVersion(), '-V, --version')
    .exitOverride()
    .showHelpAfterError()
    .addHelpText(
      'after',
      `
Examples:
  claimcheck audit .                                   audit the reports found in this repository
  claimcheck audit . --claims docs/FIX_REPORT.md       audit one report
  claimcheck audit . --fail-on contradicted,error      gate a release (exit 1 when tripped)
  claimcheck audit . --format json,html,sarif --out claimcheck-out
  claimcheck audit . --since origin/main --format md    pull request comment for the changes since main
  gh pr view 42 --json body -q .body | claimcheck audit . --claims -
  claimcheck rules                                     list every rule with its docs
  claimcheck render claimcheck-out/claimcheck-report.json --format html --out out/

Exit codes: 0 clean, 1 the --fail-on gate tripped, 2 usage or input error.`,
    );

  program
    .command('audit')
    .description('audit a repository and its reports')
    .argument('[repo]', 'repository to audit', '.')
    .option('-c, --claims <file|glob...>', 'claims documents (files, globs relative to the repo, or - for stdin); default: report-like markdown in the repo')
    .option('-f, --format <list>', `output formats, comma-separated: ${FORMATS.join(', ')}`, 'text')
    .option('-o, --out <dir>', 'write claimcheck-report.<ext> for each file format into DIR')
    .option('--fail-on <list>', `exit 1 when any of these occur: ${FAIL_ON.join(', ')}`)
    .option('--config <file>', 'config file (default: .claimcheck.yml/.yaml/.json at the repo root)')
    .option('--since <rev>', 'pull request mode: claims from report files changed since REV (plus --claims), findings on changed lines only')
    .option('--all-findings', 'with --since: keep findings on unchanged lines too')
    .addOption(new Option('-j, --jobs <n>', 'worker threads for parsing (default: all cores)').argParser((v) => {
      const n = Number(v);
      if (!Number.isInteger(n) || n < 1) throw new InputError(`--jobs: expected a whole number ≥ 1, got '${v}'`);
      return n;
    }))
    .action(async (repo: string, o: { claims?: string[]; format: string; out?: string; failOn?: string; config?: string; jobs?: number; since?: string; allFindings?: boolean }) => {
      const chosen = (await formats()).parseFormats(o.format);
      const failOn = o.failOn ? parseFailOn(o.failOn) : [];
      const { runAudit } = await import('./audit.js');
      const result = await runAudit({
        repo,
        claims: o.claims,
        configPath: o.config,
        jobs: o.jobs,
        since: o.since,
        allFindings: o.allFindings,
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

  program
    .command('rules')
    .description('list every rule with its docs (what, why, fix, examples)')
    .option('--json', 'print the rules as JSON')
    .option('--config <file>', 'apply a config file (enable/disable, severity)')
    .action(async (o: { json?: boolean; config?: string }) => {
      const config = o.config ? loadConfig(process.cwd(), o.config).config : {};
      const { configuredRules } = await import('../rules/registry.js');
      const { printRules } = await import('./rules-command.js');
      process.stdout.write(printRules(configuredRules(config), !!o.json));
    });

  program
    .command('render')
    .description('re-render a saved JSON report')
    .argument('<report>', 'a claimcheck-report.json')
    .option('-f, --format <list>', `formats: ${FORMATS.join(', ')}`, 'html')
    .option('-o, --out <dir>', 'output directory (default: stdout for one format)')
    .option('--remote <url>', 'forge URL for permalinks (GitHub/GitLab)')
    .action(async (file: string, o: { format: string; out?: string; remote?: string }) => {
      const report = loadSavedReport(file);
      await writeOutputs(report, (await formats()).parseFormats(o.format), o.out, o.remote ?? null);
    });
  return program;
}

export async function main(argv: string[]): Promise<void> {
  const program = buildProgram();
  try {
    await program.parseAsync(argv);
  } catch (err) {
    if (err instanceof CommanderError) {
      // Help and version exit 0; usage errors were already printed by commander.
      process.exitCode = err.exitCode === 0 ? 0 : 2;
      return;
    }
    if (err instanceof InputError || err instanceof ConfigError) {
      process.stderr.write(`claimcheck: ${err.message}\n`);
      process.exitCode = 2;
      return;
    }
    const e = err as Error;
    process.stderr.write(`claimcheck: ${e.message}\n`);
    if (process.env.CLAIMCHECK_DEBUG) process.stderr.write(`${e.stack}\n`);
    process.exitCode = 2;
  }
}
