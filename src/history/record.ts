/**
 * Writing a scan into the history. A run row is made when the scan starts;
 * each repository's result (its commit, summary, claims and findings) is
 * written in one transaction when its audit ends, so a scan killed midway
 * leaves every finished repository recorded and nothing half-written, and
 * the run is marked complete only at the end.
 */
import type { AuditReport } from '../report/model.js';
import type { HistoryDb } from './db.js';

/** How a repository of a scan ended: audited (with its report), or failed with the reason. */
export type RepositoryOutcome =
  | { status: 'ok'; report: AuditReport; durationMs: number; tripped: string[] }
  | { status: 'failed'; reason: string; durationMs: number };

/** Starts a run; returns its id. */
export function startRun(db: HistoryDb, toolVersion: string, config: string | null, now = new Date()): number {
  const r = db.prepare("INSERT INTO scan_runs (started_at, tool_version, config, status) VALUES (?, ?, ?, 'running')").run(now.toISOString(), toolVersion, config);
  return Number(r.lastInsertRowid);
}

/** Marks a run complete. */
export function finishRun(db: HistoryDb, runId: number, now = new Date()): void {
  db.prepare("UPDATE scan_runs SET finished_at = ?, status = 'complete' WHERE id = ?").run(now.toISOString(), runId);
}

/** Records one repository's result in a run, all of it or none of it. */
export function recordRepository(db: HistoryDb, runId: number, name: string, location: string, outcome: RepositoryOutcome, now = new Date()): void {
  const write = db.transaction(() => {
    // Another scan may have added the repository since: the unique name makes this an upsert, not a duplicate.
    db.prepare('INSERT INTO repositories (name, location) VALUES (?, ?) ON CONFLICT (name) DO UPDATE SET location = excluded.location').run(name, location);
    const repoId = (db.prepare('SELECT id FROM repositories WHERE name = ?').get(name) as { id: number }).id;
    let commitId: number | null = null;
    const sha = outcome.status === 'ok' ? outcome.report.target.commit : null;
    if (sha) {
      db.prepare('INSERT INTO commits (repository_id, sha) VALUES (?, ?) ON CONFLICT DO NOTHING').run(repoId, sha);
      commitId = (db.prepare('SELECT id FROM commits WHERE repository_id = ? AND sha = ?').get(repoId, sha) as { id: number }).id;
    }
    const scan = db
      .prepare('INSERT INTO repository_scans (run_id, repository_id, commit_id, status, reason, duration_ms, finished_at) VALUES (?, ?, ?, ?, ?, ?, ?)')
      .run(runId, repoId, commitId, outcome.status, outcome.status === 'failed' ? outcome.reason : null, Math.round(outcome.durationMs), now.toISOString());
    if (outcome.status !== 'ok') return;
    const scanId = Number(scan.lastInsertRowid);
    const { report } = outcome;
    const s = report.summary;
    db.prepare('INSERT INTO summaries VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)').run(
      scanId,
      s.claims.verified,
      s.claims.contradicted,
      s.claims.unverifiable,
      s.findings.error,
      s.findings.warning,
      s.findings.info,
      s.suppressed?.findings ?? 0,
      outcome.tripped.length ? outcome.tripped.join('; ') : null,
    );
    const claim = db.prepare('INSERT INTO claims (repository_scan_id, fingerprint, kind, verdict, path, line, text) VALUES (?, ?, ?, ?, ?, ?, ?)');
    for (const c of report.claims) claim.run(scanId, c.fingerprint, c.kind, c.verdict, c.source.path, c.source.line, c.text);
    const finding = db.prepare('INSERT INTO findings (repository_scan_id, fingerprint, rule, severity, path, line, message) VALUES (?, ?, ?, ?, ?, ?, ?)');
    for (const f of report.findings) finding.run(scanId, f.fingerprint, f.ruleId, f.severity, f.path, f.line, f.message);
  });
  // IMMEDIATE: take the write lock before reading ids, so two scans cannot interleave inside one repository's write.
  write.immediate();
}
