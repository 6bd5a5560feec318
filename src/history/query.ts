/**
 * Reading the history: the trend of each repository over its last scans,
 * and what changed between a repository's last two audited scans, matched by
 * fingerprint so moved lines and unrelated edits do not count as changes.
 */
import type { HistoryDb } from './db.js';

/** One repository's scan, as a trend point. */
export interface TrendPoint {
  runId: number;
  startedAt: string;
  runStatus: 'running' | 'complete';
  commit: string | null;
  status: 'ok' | 'failed';
  reason: string | null;
  durationMs: number;
  claims: { verified: number; contradicted: number; unverifiable: number } | null;
  findings: { error: number; warning: number; info: number } | null;
}

/** A repository and its last scans, oldest first. */
export interface Trend {
  repository: string;
  points: TrendPoint[];
}

/** A claim or finding row of the history. */
export interface HistoryItem {
  fingerprint: string;
  path: string;
  line: number;
  /** The claim's kind and verdict, or the finding's rule and severity. */
  label: string;
  text: string;
}

/** What changed in a repository between its previous audited scan and its last one. */
export interface Changes {
  repository: string;
  current: { runId: number; commit: string | null };
  /** Null on a repository's first audited scan: nothing to compare with. */
  previous: { runId: number; commit: string | null } | null;
  /** Claims contradicted now that were not before (new, or verified/unverifiable then). */
  newClaims: HistoryItem[];
  /** Claims contradicted before that are not now (gone, or no longer contradicted). */
  fixedClaims: HistoryItem[];
  newFindings: HistoryItem[];
  fixedFindings: HistoryItem[];
}

/** The repositories in the history, by name. */
export function repositoryNames(db: HistoryDb): string[] {
  return (db.prepare('SELECT name FROM repositories ORDER BY name').all() as { name: string }[]).map((r) => r.name);
}

/** The last `last` scans of each repository (or of the one named). */
export function trends(db: HistoryDb, repository: string | null, last: number): Trend[] {
  const names = repository === null ? repositoryNames(db) : repositoryNames(db).filter((n) => n === repository);
  const q = db.prepare(`
    SELECT rs.run_id AS runId, r.started_at AS startedAt, r.status AS runStatus, c.sha AS sha, rs.status AS status, rs.reason AS reason,
           rs.duration_ms AS durationMs, s.claims_verified AS cv, s.claims_contradicted AS cc, s.claims_unverifiable AS cu,
           s.findings_error AS fe, s.findings_warning AS fw, s.findings_info AS fi
    FROM repository_scans rs
    JOIN repositories repo ON repo.id = rs.repository_id
    JOIN scan_runs r ON r.id = rs.run_id
    LEFT JOIN commits c ON c.id = rs.commit_id
    LEFT JOIN summaries s ON s.repository_scan_id = rs.id
    WHERE repo.name = ?
    ORDER BY rs.id DESC LIMIT ?`);
  return names.map((name) => {
    const rows = q.all(name, last) as Record<string, unknown>[];
    const points = rows.reverse().map(
      (r): TrendPoint => ({
        runId: r.runId as number,
        startedAt: r.startedAt as string,
        runStatus: r.runStatus as TrendPoint['runStatus'],
        commit: (r.sha as string | null) ?? null,
        status: r.status as TrendPoint['status'],
        reason: (r.reason as string | null) ?? null,
        durationMs: r.durationMs as number,
        claims: r.cv === null ? null : { verified: r.cv as number, contradicted: r.cc as number, unverifiable: r.cu as number },
        findings: r.fe === null ? null : { error: r.fe as number, warning: r.fw as number, info: r.fi as number },
      }),
    );
    return { repository: name, points };
  });
}

/** For each repository (or the one named): new and fixed items between its last two audited scans. */
export function changes(db: HistoryDb, repository: string | null): Changes[] {
  const names = repository === null ? repositoryNames(db) : repositoryNames(db).filter((n) => n === repository);
  const scansQ = db.prepare(`
    SELECT rs.id AS id, rs.run_id AS runId, c.sha AS sha FROM repository_scans rs
    JOIN repositories repo ON repo.id = rs.repository_id
    LEFT JOIN commits c ON c.id = rs.commit_id
    WHERE repo.name = ? AND rs.status = 'ok' ORDER BY rs.id DESC LIMIT 2`);
  const claimsQ = db.prepare(
    "SELECT fingerprint, path, line, kind || ' ' || verdict AS label, text FROM claims WHERE repository_scan_id = ? AND verdict = 'contradicted' ORDER BY path, line, fingerprint",
  );
  const findingsQ = db.prepare(
    "SELECT fingerprint, path, line, rule || ' ' || severity AS label, message AS text FROM findings WHERE repository_scan_id = ? ORDER BY path, line, fingerprint",
  );
  const out: Changes[] = [];
  for (const name of names) {
    const scans = scansQ.all(name) as { id: number; runId: number; sha: string | null }[];
    if (scans.length === 0) continue;
    const [cur, prev] = scans as [(typeof scans)[0], (typeof scans)[0] | undefined];
    const items = (q: typeof claimsQ, id: number) => q.all(id) as HistoryItem[];
    const diff = (now: HistoryItem[], before: HistoryItem[]) => {
      const had = new Set(before.map((i) => i.fingerprint));
      return now.filter((i) => !had.has(i.fingerprint));
    };
    const entry: Changes = {
      repository: name,
      current: { runId: cur.runId, commit: cur.sha ?? null },
      previous: prev ? { runId: prev.runId, commit: prev.sha ?? null } : null,
      newClaims: [],
      fixedClaims: [],
      newFindings: [],
      fixedFindings: [],
    };
    if (prev) {
      const [cNow, cBefore, fNow, fBefore] = [items(claimsQ, cur.id), items(claimsQ, prev.id), items(findingsQ, cur.id), items(findingsQ, prev.id)];
      entry.newClaims = diff(cNow, cBefore);
      entry.fixedClaims = diff(cBefore, cNow);
      entry.newFindings = diff(fNow, fBefore);
      entry.fixedFindings = diff(fBefore, fNow);
    }
    out.push(entry);
  }
  return out;
}
