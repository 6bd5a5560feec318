/**
 * The terminal summary: counts, then the reports worst first (each with its
 * verdict counts and its contradicted claims), then findings by severity.
 * It stays a screenful however many reports the audit read: a repository
 * full of reports gets its worst ones here and the rest in the HTML and JSON.
 * Colour only on a TTY without NO_COLOR.
 */
import type { CheckedClaim, Verdict } from '../claims/types.js';
import type { AuditReport } from './model.js';

export interface TextOptions {
  color: boolean;
  /** Findings listed per severity before "… and N more". */
  maxFindings?: number;
  /** Reports listed, worst first, before "… and N more reports". */
  maxReports?: number;
  /** Contradicted claims listed under each report when several reports are listed. */
  maxClaimsPerReport?: number;
}

export function useColor(stream: NodeJS.WriteStream): boolean {
  return !!stream.isTTY && !('NO_COLOR' in process.env) && process.env.TERM !== 'dumb';
}

/** One report's claims and their verdict counts. */
export interface ReportTally {
  path: string;
  counts: Record<Verdict, number>;
  total: number;
  /** Its contradicted claims, in report order. */
  contradicted: CheckedClaim[];
}

/**
 * Claims grouped by the report that makes them (its first source), worst
 * first: most contradicted claims, then the largest unverifiable share, then
 * the most claims, then by path, so the order is deterministic.
 */
export function tallyReports(claims: readonly CheckedClaim[]): ReportTally[] {
  const byPath = new Map<string, ReportTally>();
  for (const cl of claims) {
    let t = byPath.get(cl.source.path);
    if (!t) byPath.set(cl.source.path, (t = { path: cl.source.path, counts: { verified: 0, contradicted: 0, unverifiable: 0 }, total: 0, contradicted: [] }));
    t.counts[cl.verdict]++;
    t.total++;
    if (cl.verdict === 'contradicted') t.contradicted.push(cl);
  }
  for (const t of byPath.values()) t.contradicted.sort((a, b) => a.source.line - b.source.line || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  // Shares compared as cross products: exact, with no rounding to tie on.
  return [...byPath.values()].sort(
    (a, b) =>
      b.counts.contradicted - a.counts.contradicted ||
      b.counts.unverifiable * a.total - a.counts.unverifiable * b.total ||
      b.total - a.total ||
      (a.path < b.path ? -1 : a.path > b.path ? 1 : 0),
  );
}

export function renderText(report: AuditReport, opts: TextOptions): string {
  const c = (code: string, s: string) => (opts.color ? `\x1b[${code}m${s}\x1b[0m` : s);
  const red = (s: string) => c('31', s);
  const green = (s: string) => c('32', s);
  const yellow = (s: string) => c('33', s);
  const dim = (s: string) => c('2', s);
  const bold = (s: string) => c('1', s);
  const max = opts.maxFindings ?? 20;
  const maxReports = opts.maxReports ?? 20;
  const out: string[] = [];
  const { claims, findings } = report.summary;
  const tallies = tallyReports(report.claims);
  out.push(bold(`claimcheck ${report.tool.version}`) + dim(` — ${report.target.root}${report.target.commit ? ` @ ${report.target.commit.slice(0, 12)}` : ''}`));
  out.push(
    `claims:   ${green(`${claims.verified} verified`)}, ${red(`${claims.contradicted} contradicted`)}, ${yellow(`${claims.unverifiable} unverifiable`)}` +
      (tallies.length > 1 ? dim(` in ${tallies.length} reports`) : ''),
  );
  const lines = report.summary.statements;
  if (lines) out.push(`lines:    ${green(`${lines.verified} verified`)}, ${red(`${lines.contradicted} contradicted`)}, ${yellow(`${lines.unverifiable} unverifiable`)} ${dim('(report lines that make claims, each as good as its worst claim)')}`);
  out.push(`findings: ${red(`${findings.error} error`)}, ${yellow(`${findings.warning} warning`)}, ${findings.info} info`);
  if (report.skipped.length) out.push(dim(`skipped:  ${report.skipped.length} file(s) not analysed (see the JSON report's "skipped")`));
  out.push(...suppressionLines(report, { yellow, dim }));
  if (report.baseline) {
    const b = report.baseline;
    out.push(
      dim(
        `baseline: only what ${b.commit ? b.commit.slice(0, 12) : b.root} did not have; ${b.unchanged.claims} claim(s) and ${b.unchanged.findings} finding(s) unchanged (not listed), ` +
          `${b.resolved.claims} claim(s) and ${b.resolved.findings} finding(s) gone since`,
      ),
    );
  }

  if (tallies.length === 1) {
    // One report: every contradicted claim, with its evidence.
    const contradicted = tallies[0]!.contradicted;
    if (contradicted.length) {
      out.push('', bold('Contradicted claims'));
      for (const cl of contradicted) {
        out.push(`  ${red('✗')} ${cl.source.path}:${cl.source.line} ${dim(`[${cl.kind}]`)} ${oneLine(cl.text, 100)}`);
        out.push(`      ${cl.reason}`);
        for (const e of cl.evidence.slice(0, 3)) out.push(dim(`      ${e.path}${e.line ? `:${e.line}` : ''} ${oneLine(e.note, 120)}`));
      }
    }
  } else if (tallies.length > 1) {
    const perReport = opts.maxClaimsPerReport ?? 3;
    const shown = tallies.slice(0, maxReports);
    out.push('', bold(`Reports, worst first${tallies.length > shown.length ? ` (${shown.length} of ${tallies.length})` : ''}`));
    for (const t of shown) {
      const share = t.total ? Math.round((100 * t.counts.unverifiable) / t.total) : 0;
      const mark = t.counts.contradicted ? red('✗') : t.counts.unverifiable ? yellow('?') : green('✓');
      out.push(
        `  ${mark} ${t.path} ${dim('—')} ${red(`${t.counts.contradicted} contradicted`)}, ${green(`${t.counts.verified} verified`)}, ${yellow(`${t.counts.unverifiable} unverifiable`)}${dim(` (${share}%)`)}`,
      );
      for (const cl of t.contradicted.slice(0, perReport)) {
        // One line a claim: the words, then why they are false; the evidence is in the HTML and JSON.
        out.push(`      ${red('✗')} :${cl.source.line} ${dim(`[${cl.kind}]`)} ${oneLine(cl.text, 70)} ${dim(`— ${oneLine(cl.reason, 100)}`)}`);
      }
      if (t.contradicted.length > perReport) out.push(dim(`      … and ${t.contradicted.length - perReport} more contradicted`));
    }
    if (tallies.length > shown.length) out.push(dim(`  … and ${tallies.length - shown.length} more reports: see the HTML/JSON (--format html,json --out DIR)`));
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

/** The suppression line: what was suppressed and by how many comments and config entries, then each stale one (at most five). */
function suppressionLines(report: AuditReport, c: { yellow: (s: string) => string; dim: (s: string) => string }): string[] {
  const list = report.suppressions ?? [];
  if (!list.length) return [];
  const inline = list.filter((s) => s.kind === 'inline').length;
  const config = list.length - inline;
  const files = list.reduce((n, s) => n + (s.files ?? 0), 0);
  const stale = list.filter((s) => s.stale);
  const by = [inline ? `${inline} inline comment(s)` : '', config ? `${config} config entr${config === 1 ? 'y' : 'ies'}` : ''].filter(Boolean).join(', ');
  const out = [
    `suppressed: ${report.suppressed?.length ?? 0} finding(s)${files ? `, ${files} file(s) not analysed` : ''} by ${by}` +
      (stale.length ? `; ${c.yellow(`${stale.length} stale (suppress nothing)`)}` : ''),
  ];
  for (const s of stale.slice(0, 5)) {
    const where = s.kind === 'inline' ? `${s.path}:${s.line}` : `${s.path} ignore[${s.entry}]`;
    const what = [s.rules.length ? s.rules.join(', ') : s.kind === 'inline' ? 'every rule' : '', s.paths.join(', ')].filter(Boolean).join(' in ');
    out.push(c.dim(`  stale: ${where} ${oneLine(what, 80)}${s.note ? ` — ${s.note}` : ''}`));
  }
  if (stale.length > 5) out.push(c.dim(`  … and ${stale.length - 5} more stale (see the JSON report's "suppressions")`));
  return out;
}

function oneLine(s: string, max: number): string {
  const t = s.replace(/\s+/g, ' ').trim();
  return t.length > max ? t.slice(0, max - 1) + '…' : t;
}
