/**
 * `claimcheck scan` and `claimcheck history`: argument parsing and printing.
 * The scan itself is src/scan, the database src/history.
 */
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Command, Option } from 'commander';
import { InputError } from '../audit/errors.js';
import type { Changes, HistoryItem, Trend, TrendPoint } from '../history/query.js';
import type { RepositoryResult, ScanEvent, ScanResult } from '../scan/run.js';

/** The history file when neither --db nor the scan config's `db` names one. */
export const DEFAULT_DB = 'claimcheck-history.db';

const jobsOption = () =>
  new Option('-j, --jobs <n>', 'worker threads for parsing (default: all cores)').argParser((v) => {
    const n = Number(v);
    if (!Number.isInteger(n) || n < 1) throw new InputError(`--jobs: expected a whole number ≥ 1, got '${v}'`);
    return n;
  });

export function scanCommand(): Command {
  return new Command('scan')
    .description('audit every repository of a scan config and record the results in the history database')
    .requiredOption('--config <file>', 'scan config (YAML or JSON): repositories with their claims, rules and fail policy')
    .option('--db <file>', `history database (SQLite); default: the config's db, else ./${DEFAULT_DB}`)
    .option('--no-history', 'do not record this scan')
    .option('-o, --out <dir>', 'write each audited repository\'s JSON report as DIR/<name>.json')
    .option('--json', 'print the scan result as JSON instead of a table')
    .addOption(jobsOption())
    .action(async (o: { config: string; db?: string; history: boolean; out?: string; json?: boolean; jobs?: number }) => {
      const { loadScanConfig } = await import('../scan/config.js');
      const { scan, scanFailed } = await import('../scan/run.js');
      const config = loadScanConfig(o.config);
      // A prompt for credentials would hang an unattended scan: git fails instead, and the repository is recorded as failed.
      process.env.GIT_TERMINAL_PROMPT ??= '0';
      if (config.targets.length === 0) process.stderr.write(`claimcheck: ${o.config} lists no repositories; nothing to scan\n`);
      const dbPath = o.db ?? config.db ?? resolve(DEFAULT_DB);
      const history = o.history ? (await import('../history/db.js')).openHistory(dbPath) : null;
      if (o.out) mkdirSync(o.out, { recursive: true });
      const { renderJson } = await import('../report/json.js');
      try {
        const result = await scan(config, {
          history,
          jobs: o.jobs,
          onEvent: (e) => process.stderr.write(progressLine(e)),
          onReport: o.out ? (name, report) => writeFileSync(join(o.out!, `${name}.json`), renderJson(report)) : undefined,
        });
        process.stdout.write(o.json ? `${JSON.stringify(result, null, 2)}\n` : formatScan(result));
        if (history) process.stdout.write(o.json ? '' : `\nrecorded as run ${result.runId} in ${dbPath}\n`);
        if (scanFailed(result)) process.exitCode = 1;
      } finally {
        history?.close();
      }
    });
}

export function historyCommand(): Command {
  return new Command('history')
    .description('trends of contradicted claims and findings per repository, or what is new and fixed since the previous scan')
    .argument('[repo]', 'one repository (its name in the scan config); default: all')
    .option('--db <file>', `history database; default: --config's db, else ./${DEFAULT_DB}`)
    .option('--config <file>', 'a scan config, to use its db')
    .option('--new', 'list the claims and findings new since the previous scan of each repository, and those fixed')
    .addOption(new Option('--last <n>', 'how many scans per repository').default(10).argParser((v) => {
      const n = Number(v);
      if (!Number.isInteger(n) || n < 1) throw new InputError(`--last: expected a whole number ≥ 1, got '${v}'`);
      return n;
    }))
    .option('--json', 'print JSON')
    .action(async (repo: string | undefined, o: { db?: string; config?: string; new?: boolean; last: number; json?: boolean }) => {
      const configDb = o.config ? (await import('../scan/config.js')).loadScanConfig(o.config).db : null;
      const dbPath = o.db ?? configDb ?? resolve(DEFAULT_DB);
      if (!existsSync(dbPath)) throw new InputError(`${dbPath}: no history database; run 'claimcheck scan --config <file>' first or give --db`);
      const h = await import('../history/index.js');
      const db = h.openHistory(dbPath);
      try {
        if (repo !== undefined && !h.repositoryNames(db).includes(repo)) {
          throw new InputError(`${repo}: no such repository in ${dbPath}; known: ${h.repositoryNames(db).join(', ') || 'none'}`);
        }
        if (o.new) {
          const c = h.changes(db, repo ?? null);
          process.stdout.write(o.json ? `${JSON.stringify(c, null, 2)}\n` : formatChanges(c));
        } else {
          const t = h.trends(db, repo ?? null, o.last);
          process.stdout.write(o.json ? `${JSON.stringify(t, null, 2)}\n` : formatTrends(t));
        }
      } finally {
        db.close();
      }
    });
}

/** One plain line per repository as it starts and ends: readable in CI logs and on a terminal alike. */
export function progressLine(e: ScanEvent): string {
  const n = `[${e.index + 1}/${e.total}]`;
  if (e.type === 'start') return `${n} ${e.name}: auditing\n`;
  const r = e.result;
  if (r.status === 'failed') return `${n} ${r.name}: failed (${seconds(r.durationMs)}): ${r.reason}\n`;
  const s = r.summary!;
  const findings = s.findings.error + s.findings.warning + s.findings.info;
  return `${n} ${r.name}: ok (${seconds(r.durationMs)}): ${s.claims.contradicted} contradicted claim(s), ${findings} finding(s)${r.tripped.length ? `; fail policy tripped: ${r.tripped.join('; ')}` : ''}\n`;
}

/** The scan's table: one row per repository. */
export function formatScan(result: ScanResult): string {
  const rows = result.repositories.map((r: RepositoryResult) => {
    const s = r.summary;
    return [
      r.name,
      r.status,
      r.commit ? r.commit.slice(0, 7) : '-',
      s ? String(s.claims.verified) : '-',
      s ? String(s.claims.contradicted) : '-',
      s ? String(s.claims.unverifiable) : '-',
      s ? `${s.findings.error}/${s.findings.warning}/${s.findings.info}` : '-',
      seconds(r.durationMs),
      r.status === 'failed' ? r.reason! : r.tripped.length ? `tripped: ${r.tripped.join('; ')}` : 'pass',
    ];
  });
  const failed = result.repositories.filter((r) => r.status === 'failed').length;
  const n = result.repositories.length;
  if (n === 0) return 'no repositories scanned\n';
  return (
    table(['repository', 'status', 'commit', 'verified', 'contradicted', 'unverifiable', 'findings e/w/i', 'time', 'result'], rows) +
    `\n${n} ${n === 1 ? 'repository' : 'repositories'}, ${failed} failed, in ${seconds(result.durationMs)}\n`
  );
}

/** Per repository, its last scans with the change from the scan before. */
export function formatTrends(trends: Trend[]): string {
  if (trends.length === 0) return 'no scans recorded\n';
  return trends
    .map((t) => {
      let prev: TrendPoint | null = null;
      const rows = t.points.map((p) => {
        const row = [
          String(p.runId),
          p.startedAt.slice(0, 16).replace('T', ' '),
          p.commit ? p.commit.slice(0, 7) : '-',
          p.status,
          p.claims ? withDelta(p.claims.contradicted, prev?.claims?.contradicted) : '-',
          p.claims ? withDelta(p.claims.unverifiable, prev?.claims?.unverifiable) : '-',
          p.findings ? withDelta(p.findings.error + p.findings.warning + p.findings.info, prev?.findings ? prev.findings.error + prev.findings.warning + prev.findings.info : undefined) : '-',
          p.findings ? `${p.findings.error}/${p.findings.warning}/${p.findings.info}` : '-',
          p.status === 'failed' ? p.reason! : p.runStatus === 'running' ? 'scan did not finish' : '',
        ];
        if (p.status === 'ok') prev = p;
        return row;
      });
      return `${t.repository}\n${indent(table(['run', 'started (UTC)', 'commit', 'status', 'contradicted', 'unverifiable', 'findings', 'e/w/i', 'note'], rows))}`;
    })
    .join('\n');
}

/** Per repository, what is new and what was fixed since its previous scan. */
export function formatChanges(all: Changes[]): string {
  if (all.length === 0) return 'no scans recorded\n';
  const items = (title: string, sign: string, list: HistoryItem[]) =>
    `  ${title} (${list.length})\n${list.map((i) => `    ${sign} ${i.path}:${i.line}  ${i.label}  ${oneLine(i.text)}\n`).join('')}`;
  return all
    .map((c) => {
      const at = (r: { runId: number; commit: string | null }) => `run ${r.runId}${r.commit ? ` (${r.commit.slice(0, 7)})` : ''}`;
      if (!c.previous) return `${c.repository}: ${at(c.current)} is its first audited scan; nothing to compare with\n`;
      return (
        `${c.repository}: ${at(c.current)} against ${at(c.previous)}\n` +
        items('new contradicted claims', '+', c.newClaims) +
        items('fixed claims', '-', c.fixedClaims) +
        items('new findings', '+', c.newFindings) +
        items('fixed findings', '-', c.fixedFindings)
      );
    })
    .join('\n');
}

function withDelta(n: number, before: number | undefined): string {
  if (before === undefined || before === n) return String(n);
  return `${n} (${n > before ? '+' : ''}${n - before})`;
}

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)} s`;
}

function oneLine(text: string): string {
  const t = text.replace(/\s+/g, ' ').trim();
  return t.length > 100 ? `${t.slice(0, 99)}…` : t;
}

function indent(text: string): string {
  return text
    .split('\n')
    .map((l) => (l ? `  ${l}` : l))
    .join('\n');
}

/** Columns padded to their widest cell; the last column is not padded. */
function table(head: string[], rows: string[][]): string {
  const all = [head, ...rows];
  const widths = head.map((_, i) => Math.max(...all.map((r) => (r[i] ?? '').length)));
  return all.map((r) => r.map((c, i) => (i === r.length - 1 ? c : c.padEnd(widths[i]!))).join('  ').trimEnd() + '\n').join('');
}
