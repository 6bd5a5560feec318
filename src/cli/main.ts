/**
 * The `claimcheck` command. Exit codes: 0 clean, 1 the --fail-on gate
 * tripped, 2 usage or input error.
 */
import { Command, CommanderError } from 'commander';
import { ConfigError, loadConfig } from '../repo/config.js';
import { InputError } from '../audit/errors.js';
import { toolVersion } from '../audit/version.js';
import { loadSavedReport } from './render-command.js';
import { auditCommand } from './audit-command.js';
import { historyCommand, scanCommand } from './scan-command.js';
import { FORMATS, formats, writeOutputs } from './output.js';

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
  claimcheck scan --config scan.yml                    audit many repositories, record them in claimcheck-history.db
  claimcheck history --new                             what is new and what was fixed since each repository's previous scan
  claimcheck rules                                     list every rule with its docs
  claimcheck render claimcheck-out/claimcheck-report.json --format html --out out/

Exit codes: 0 clean, 1 the --fail-on gate tripped, 2 usage or input error.`,
    );

  program.addCommand(auditCommand());
  program.addCommand(scanCommand());
  program.addCommand(historyCommand());

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
