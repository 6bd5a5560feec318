/** Writing a report: machine formats to files (or one to stdout), the text summary to the terminal. */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { AuditReport } from '../report/model.js';
import { renderText, useColor } from '../report/text.js';
import { InputError } from '../audit/errors.js';

export const FORMATS = ['text', 'json', 'md', 'html', 'sarif'] as const;
export type Format = (typeof FORMATS)[number];

// The renderers (templates, rule docs) load on demand so --help and --version answer at once.
export const formats = () => import('./formats.js');

export async function writeOutputs(
  report: AuditReport,
  chosen: Format[],
  outDir: string | undefined,
  remoteUrl: string | null,
  changedLines: Map<string, Set<number>> | null = null,
): Promise<void> {
  const { renderFormat } = await formats();
  const color = useColor(process.stdout);
  if (!outDir) {
    // Without --out, one machine format goes to stdout; text is the default.
    const machine = chosen.filter((f) => f !== 'text');
    if (machine.length > 1) throw new InputError(`--format ${chosen.join(',')}: more than one file format needs --out DIR`);
    if (machine.length === 1) process.stdout.write(renderFormat(machine[0]!, report, { remoteUrl, fullReportPath: null, changedLines }));
    if (chosen.includes('text') || machine.length === 0) {
      (machine.length ? process.stderr : process.stdout).write(renderText(report, { color: machine.length ? useColor(process.stderr) : color }));
    }
    return;
  }
  mkdirSync(outDir, { recursive: true });
  const written: string[] = [];
  for (const f of chosen) {
    if (f === 'text') continue;
    const file = join(outDir, `claimcheck-report.${f}`);
    writeFileSync(file, renderFormat(f, report, { remoteUrl, fullReportPath: join(outDir, 'claimcheck-report.html'), changedLines }));
    written.push(file);
  }
  process.stdout.write(renderText(report, { color }));
  if (written.length) process.stdout.write(`\nreports written: ${written.join(', ')}\n`);
}
