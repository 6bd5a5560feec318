/**
 * The history database: migrations applied once (and a newer file refused),
 * a repository's result written whole, trends over runs, and new/fixed items
 * matched by fingerprint — a claim that moved is not new, a claim that
 * stopped being contradicted is fixed.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { cleanup, makeTree } from '../helpers/tmp.js';
import { MIGRATIONS, changes, finishRun, openHistory, recordRepository, schemaVersion, startRun, trends, type HistoryDb } from '../../src/history/index.js';
import type { AuditReport } from '../../src/report/model.js';

const dirs: string[] = [];
afterAll(() => dirs.forEach(cleanup));

function dbFile(): string {
  const d = makeTree({});
  dirs.push(d);
  return join(d, 'h.db');
}

interface C {
  fp: string;
  verdict: 'verified' | 'contradicted' | 'unverifiable';
  line?: number;
}
interface F {
  fp: string;
  rule?: string;
  severity?: 'error' | 'warning' | 'info';
  line?: number;
}

/** A report holding just what the history reads. */
function report(commit: string, claims: C[], findings: F[]): AuditReport {
  const count = <K extends string>(keys: K[], of: K[]) => Object.fromEntries(keys.map((k) => [k, of.filter((x) => x === k).length])) as Record<K, number>;
  return {
    schemaVersion: 1,
    tool: { name: 'claimcheck', version: 'test' },
    target: { root: '.', commit },
    summary: {
      claims: count(['verified', 'contradicted', 'unverifiable'], claims.map((c) => c.verdict)),
      findings: count(['error', 'warning', 'info'], findings.map((f) => f.severity ?? 'warning')),
      statements: { verified: 0, contradicted: 0, unverifiable: 0 },
      suppressed: { findings: 0, files: 0, stale: 0 },
    },
    claims: claims.map((c, i) => ({
      id: `c${i}`,
      kind: 'file-exists',
      text: `claim ${c.fp}`,
      source: { path: 'REPORT.md', line: c.line ?? i + 1 },
      sources: [],
      verdict: c.verdict,
      evidence: [],
      fingerprint: c.fp,
    })),
    statements: [],
    documents: [],
    findings: findings.map((f, i) => ({
      id: `f${i}`,
      ruleId: f.rule ?? 'placeholder/todo-comment',
      category: 'placeholder',
      severity: f.severity ?? 'warning',
      path: 'app.py',
      line: f.line ?? i + 1,
      endLine: f.line ?? i + 1,
      message: `finding ${f.fp}`,
      excerpt: '',
      fingerprint: f.fp,
    })),
    skipped: [],
  } as unknown as AuditReport;
}

function run(db: HistoryDb, at: string, repos: Record<string, AuditReport | string>): number {
  const id = startRun(db, 'test', null, new Date(at));
  for (const [name, r] of Object.entries(repos)) {
    recordRepository(db, id, name, `/src/${name}`, typeof r === 'string' ? { status: 'failed', reason: r, durationMs: 5 } : { status: 'ok', report: r, durationMs: 10, tripped: [] }, new Date(at));
  }
  finishRun(db, id, new Date(at));
  return id;
}

describe('history database', () => {
  it('creates the schema in WAL mode, applies each migration once, and reopens', () => {
    const file = dbFile();
    const db = openHistory(file);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(schemaVersion(db)).toBe(MIGRATIONS[MIGRATIONS.length - 1]!.version);
    db.close();
    const again = openHistory(file);
    expect((again.prepare('SELECT COUNT(*) AS n FROM schema_migrations').get() as { n: number }).n).toBe(MIGRATIONS.length);
    again.close();
  });

  it('refuses a file made by a newer claimcheck', () => {
    const file = dbFile();
    openHistory(file).close();
    const raw = new Database(file);
    raw.prepare('INSERT INTO schema_migrations VALUES (999, ?, ?)').run('from the future', '2030-01-01');
    raw.close();
    expect(() => openHistory(file)).toThrow(/schema version 999, newer than this claimcheck knows/);
  });

  it('records runs and shows the trend per repository, failures with their reason', () => {
    const db = openHistory(dbFile());
    run(db, '2026-01-01T00:00:00Z', { api: report('a1', [{ fp: 'x', verdict: 'contradicted' }], [{ fp: 'f1' }]), web: 'cannot clone' });
    run(db, '2026-01-02T00:00:00Z', { api: report('a2', [{ fp: 'x', verdict: 'contradicted' }, { fp: 'y', verdict: 'contradicted' }], []), web: report('w1', [], [{ fp: 'g', severity: 'error' }]) });
    const t = trends(db, null, 10);
    expect(t.map((x) => x.repository)).toEqual(['api', 'web']);
    expect(t[0]!.points.map((p) => [p.commit, p.claims?.contradicted, p.findings?.warning])).toEqual([
      ['a1', 1, 1],
      ['a2', 2, 0],
    ]);
    expect(t[1]!.points.map((p) => [p.status, p.reason, p.findings?.error ?? null])).toEqual([
      ['failed', 'cannot clone', null],
      ['ok', null, 1],
    ]);
    expect(trends(db, 'api', 1)[0]!.points.map((p) => p.commit)).toEqual(['a2']);
    // A commit scanned twice is one row.
    run(db, '2026-01-03T00:00:00Z', { api: report('a2', [], []) });
    expect((db.prepare("SELECT COUNT(*) AS n FROM commits WHERE sha = 'a2'").get() as { n: number }).n).toBe(1);
    db.close();
  });

  it('lists new and fixed items between the last two audited scans, by fingerprint', () => {
    const db = openHistory(dbFile());
    run(db, '2026-01-01T00:00:00Z', {
      api: report('a1', [{ fp: 'stays', verdict: 'contradicted' }, { fp: 'fixed-now', verdict: 'contradicted' }, { fp: 'gone', verdict: 'contradicted' }, { fp: 'turns-bad', verdict: 'verified' }], [{ fp: 'kept' }, { fp: 'removed' }]),
    });
    // A failed scan between the two is skipped: the comparison is between audited scans.
    run(db, '2026-01-02T00:00:00Z', { api: 'corrupt repository' });
    run(db, '2026-01-03T00:00:00Z', {
      api: report(
        'a2',
        // 'stays' moved ten lines down: same fingerprint, not new.
        [{ fp: 'stays', verdict: 'contradicted', line: 40 }, { fp: 'fixed-now', verdict: 'verified' }, { fp: 'turns-bad', verdict: 'contradicted' }, { fp: 'fresh', verdict: 'unverifiable' }],
        [{ fp: 'kept', line: 30 }, { fp: 'added', severity: 'error' }],
      ),
    });
    const [c] = changes(db, 'api');
    expect(c!.previous).toEqual({ runId: 1, commit: 'a1' });
    expect(c!.current).toEqual({ runId: 3, commit: 'a2' });
    expect(c!.newClaims.map((i) => i.fingerprint)).toEqual(['turns-bad']);
    expect(c!.fixedClaims.map((i) => i.fingerprint).sort()).toEqual(['fixed-now', 'gone']);
    expect(c!.newFindings.map((i) => [i.fingerprint, i.label])).toEqual([['added', 'placeholder/todo-comment error']]);
    expect(c!.fixedFindings.map((i) => i.fingerprint)).toEqual(['removed']);
    db.close();
  });

  it('has nothing to compare on a first scan', () => {
    const db = openHistory(dbFile());
    run(db, '2026-01-01T00:00:00Z', { api: report('a1', [{ fp: 'x', verdict: 'contradicted' }], []) });
    expect(changes(db, null)).toEqual([{ repository: 'api', current: { runId: 1, commit: 'a1' }, previous: null, newClaims: [], fixedClaims: [], newFindings: [], fixedFindings: [] }]);
    db.close();
  });

  it('writes a repository whole or not at all: a duplicate fingerprint rolls the whole write back', () => {
    const db = openHistory(dbFile());
    const id = startRun(db, 'test', null);
    const bad = report('a1', [{ fp: 'same', verdict: 'verified' }, { fp: 'same', verdict: 'contradicted' }], []);
    expect(() => recordRepository(db, id, 'api', '/src/api', { status: 'ok', report: bad, durationMs: 1, tripped: [] })).toThrow(/UNIQUE/);
    for (const table of ['repositories', 'commits', 'repository_scans', 'summaries', 'claims']) {
      expect((db.prepare(`SELECT COUNT(*) AS n FROM ${table}`).get() as { n: number }).n).toBe(0);
    }
    // The same repository twice in one run is refused by the key, not recorded twice.
    recordRepository(db, id, 'api', '/src/api', { status: 'failed', reason: 'x', durationMs: 1 });
    expect(() => recordRepository(db, id, 'api', '/src/api', { status: 'failed', reason: 'y', durationMs: 1 })).toThrow(/UNIQUE/);
    db.close();
  });
});
