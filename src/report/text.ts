/**
 * The terminal summary: counts, then contradicted claims with their evidence,
 * then findings by severity. Colour only on a TTY without NO_COLOR.
 */
import type { AuditReport } from './model.js';

export interface TextOptions {
  color: boolean;
  /** Findings listed per severity before "… and N more". */
  maxFindings?: number;
}

export function useColor(stream: NodeJS.WriteStream): boolean {
  return !!stream.isTTY && !('NO_COLOR' in process.env) && process.env.TERM !== 'dumb';
}

export function renderText(report: AuditReport, opts: TextOptions): string {
  const c = (code: string, s: string) => (opts.color ? `\x1b[${code}m${s}\x1b[0m` : s);
  const red = (s: string) => c('31', s);
  const green = (s: string) => c('32', s);
  const yellow = (s: string) => c('33', s);
  const dim = (s: string) => c('2', s);
  const bold = (s: string) => c('1', s);
  const max = opts.maxFindings ?? 20;
  const out: string[] = [];
  const { claims, findings } = report.summary;
  out.push(bold(`claimcheck ${report.tool.version}`) + dim(` — ${report.target.root}${report.target.commit ? ` @ ${report.target.commit.slice(0, 12)}` : ''}`));
  out.push(
    `claims:   ${green(`${claims.verified} verified`)}, ${red(`${claims.contradicted} contradicted`)}, ${yellow(`${claims.unverifiable} unverifiable`)}`,
  );
  const lines = report.summary.statements;
  if (lines) out.push(`lines:    ${green(`${lines.verified} verified`)}, ${red(`${lines.contradicted} contradicted`)}, ${yellow(`${lines.unverifiable} unverifiable`)} ${dim('(report lines that make claims, each as good as its worst claim)')}`);
  out.push(`findings: ${red(`${findings.error} error`)}, ${yellow(`${findings.warning} warning`)}, ${findings.info} info`);
  if (report.skipped.length) out.push(dim(`skipped:  ${report.skipped.length} file(s) not analysed (see the JSON report's "skipped")`));

  const contradicted = report.claims.filter((x) => x.verdict === 'contradicted');
  if (contradicted.length) {
    out.push('', bold('Contradicted claims'));
    for (const cl of contradicted) {
      out.push(`  ${red('✗')} ${cl.source.path}:${cl.source.line} ${dim(`[${cl.kind}]`)} ${oneLine(cl.text, 100)}`);
      out.push(`      ${cl.reason}`);
      for (const e of cl.evidence.slice(0, 3)) out.push(dim(`      ${e.path}${e.line ? `:${e.line}` : ''} ${oneLine(e.note, 120)}`));
    }
  }
  for (const sev of ['error', 'warning', 'info'] as const) {
    const list = report.findings.filter((f) => f.severity === sev);
    if (!list.length) continue;
    out.push('', bold(`Findings: ${sev} (${list.length})`));
    const color = sev === 'error' ? red : sev === 'warning' ? yellow : (s: string) => s;
    for (const f of list.slice(0, max)) out.push(`  ${color(sev[0]!.toUpperCase())} ${f.path}:${f.line} ${dim(f.ruleId)} ${oneLine(f.message, 140)}`);
    if (list.length > max) out.push(dim(`  … and ${list.length - max} more`));
  }
  return out.join('\n') + '\n';
}

function oneLine(s: string, max: number): string {
  const t = s.replace(/\s+/g, ' ').trim();
  return t.length > max ? t.slice(0, max - 1) + '…' : t;
}
