/**
 * A scan: every repository of a scan config checked out and audited in turn,
 * its result written to the history as soon as it is known. A repository
 * that cannot be checked out or audited is recorded as failed with the reason
 * and the scan goes on; one bad repository never hides the others.
 */
import { audit } from '../audit/pipeline.js';
import { gateTrips } from '../audit/gate.js';
import { toolVersion } from '../audit/version.js';
import type { AuditReport } from '../report/model.js';
import { finishRun, recordRepository, startRun, type HistoryDb } from '../history/index.js';
import type { ScanConfig, ScanTarget } from './config.js';
import { checkout } from './checkout.js';

/** One repository's result in a scan. */
export interface RepositoryResult {
  name: string;
  location: string;
  status: 'ok' | 'failed';
  /** Why it failed: the git or audit error, one line. */
  reason: string | null;
  commit: string | null;
  summary: AuditReport['summary'] | null;
  /** Why its fail policy tripped (empty: it did not). */
  tripped: string[];
  durationMs: number;
}

/** The result of a scan, repositories in config order. */
export interface ScanResult {
  /** The run's id in the history, null without one. */
  runId: number | null;
  repositories: RepositoryResult[];
  durationMs: number;
}

/** What a scan tells its caller while it runs. */
export type ScanEvent =
  | { type: 'start'; index: number; total: number; name: string }
  | { type: 'done'; index: number; total: number; result: RepositoryResult };

export interface ScanOptions {
  /** The history to record into; none: the scan is only reported. */
  history?: HistoryDb | null;
  /** Worker threads for parsing, per audit. */
  jobs?: number;
  onEvent?: (event: ScanEvent) => void;
  /** Each audited repository's full report, as soon as it is made. */
  onReport?: (name: string, report: AuditReport) => void;
}

/** How a target is named in the history and in messages. */
export function locationOf(target: ScanTarget): string {
  return target.source.kind === 'path' ? target.source.path : `${target.source.url}#${target.source.branch}`;
}

/** Scans every repository of the config. */
export async function scan(config: ScanConfig, opts: ScanOptions = {}): Promise<ScanResult> {
  const t0 = performance.now();
  const db = opts.history ?? null;
  const runId = db ? startRun(db, toolVersion(), config.file) : null;
  const results: RepositoryResult[] = [];
  const total = config.targets.length;
  for (const [index, target] of config.targets.entries()) {
    opts.onEvent?.({ type: 'start', index, total, name: target.name });
    const started = performance.now();
    const location = locationOf(target);
    let result: RepositoryResult;
    let report: AuditReport | null = null;
    try {
      const dir = await checkout(target, config.cache);
      report = await audit(dir, {
        jobs: opts.jobs,
        settings: { ...(target.claims ? { claims: target.claims } : {}), ...(target.rules ? { rules: target.rules } : {}) },
      });
      result = {
        name: target.name,
        location,
        status: 'ok',
        reason: null,
        commit: report.target.commit,
        summary: report.summary,
        tripped: gateTrips(report, target.failOn),
        durationMs: Math.round(performance.now() - started),
      };
    } catch (err) {
      const reason = ((err as Error).message ?? String(err)).split('\n')[0]!;
      result = { name: target.name, location, status: 'failed', reason, commit: null, summary: null, tripped: [], durationMs: Math.round(performance.now() - started) };
    }
    if (db && runId !== null) {
      recordRepository(
        db,
        runId,
        target.name,
        location,
        report && result.status === 'ok'
          ? { status: 'ok', report, durationMs: result.durationMs, tripped: result.tripped }
          : { status: 'failed', reason: result.reason!, durationMs: result.durationMs },
      );
    }
    if (report) opts.onReport?.(target.name, report);
    results.push(result);
    opts.onEvent?.({ type: 'done', index, total, result });
  }
  if (db && runId !== null) finishRun(db, runId);
  return { runId, repositories: results, durationMs: Math.round(performance.now() - t0) };
}

/** Whether a scan should fail its caller: a repository failed, or a fail policy tripped. */
export function scanFailed(result: ScanResult): boolean {
  return result.repositories.some((r) => r.status === 'failed' || r.tripped.length > 0);
}
