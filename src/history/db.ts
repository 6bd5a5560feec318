/**
 * The scan history: one SQLite file (better-sqlite3, WAL), its schema made
 * by numbered migrations applied in order, each in its own transaction, so a
 * file from an older claimcheck is brought up to date when it is opened and
 * two processes opening a new file at once do not both apply a migration.
 */
import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import Database from 'better-sqlite3';

/** An open history database. */
export type HistoryDb = Database.Database;

/** A migration: its number (the order) and the statements that make it. */
interface Migration {
  version: number;
  name: string;
  sql: string;
}

/**
 * Every table keys its rows so a retried or concurrent write cannot double
 * them: a repository by name, a commit by repository and sha, a repository's
 * scan by run and repository, a claim or finding by that scan and its
 * fingerprint.
 */
export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'scan runs, repositories, commits, summaries, claims, findings',
    sql: `
CREATE TABLE scan_runs (
  id INTEGER PRIMARY KEY,
  started_at TEXT NOT NULL,
  finished_at TEXT,
  tool_version TEXT NOT NULL,
  config TEXT,
  status TEXT NOT NULL CHECK (status IN ('running', 'complete'))
);
CREATE TABLE repositories (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL UNIQUE,
  location TEXT NOT NULL
);
CREATE TABLE commits (
  id INTEGER PRIMARY KEY,
  repository_id INTEGER NOT NULL REFERENCES repositories(id),
  sha TEXT NOT NULL,
  UNIQUE (repository_id, sha)
);
CREATE TABLE repository_scans (
  id INTEGER PRIMARY KEY,
  run_id INTEGER NOT NULL REFERENCES scan_runs(id),
  repository_id INTEGER NOT NULL REFERENCES repositories(id),
  commit_id INTEGER REFERENCES commits(id),
  status TEXT NOT NULL CHECK (status IN ('ok', 'failed')),
  reason TEXT,
  duration_ms INTEGER NOT NULL,
  finished_at TEXT NOT NULL,
  UNIQUE (run_id, repository_id)
);
CREATE INDEX repository_scans_by_repository ON repository_scans (repository_id, id);
CREATE TABLE summaries (
  repository_scan_id INTEGER PRIMARY KEY REFERENCES repository_scans(id),
  claims_verified INTEGER NOT NULL,
  claims_contradicted INTEGER NOT NULL,
  claims_unverifiable INTEGER NOT NULL,
  findings_error INTEGER NOT NULL,
  findings_warning INTEGER NOT NULL,
  findings_info INTEGER NOT NULL,
  suppressed INTEGER NOT NULL,
  gate TEXT
);
CREATE TABLE claims (
  id INTEGER PRIMARY KEY,
  repository_scan_id INTEGER NOT NULL REFERENCES repository_scans(id),
  fingerprint TEXT NOT NULL,
  kind TEXT NOT NULL,
  verdict TEXT NOT NULL CHECK (verdict IN ('verified', 'contradicted', 'unverifiable')),
  path TEXT NOT NULL,
  line INTEGER NOT NULL,
  text TEXT NOT NULL,
  UNIQUE (repository_scan_id, fingerprint)
);
CREATE TABLE findings (
  id INTEGER PRIMARY KEY,
  repository_scan_id INTEGER NOT NULL REFERENCES repository_scans(id),
  fingerprint TEXT NOT NULL,
  rule TEXT NOT NULL,
  severity TEXT NOT NULL CHECK (severity IN ('error', 'warning', 'info')),
  path TEXT NOT NULL,
  line INTEGER NOT NULL,
  message TEXT NOT NULL,
  UNIQUE (repository_scan_id, fingerprint)
);
`,
  },
];

/** Opens (creating it and its folder if needed) a history file and migrates it to the current schema. */
export function openHistory(file: string): HistoryDb {
  const path = resolve(file);
  mkdirSync(dirname(path), { recursive: true });
  // A concurrent scan holds the write lock for one repository's rows at most: waiting is better than failing.
  const db = new Database(path, { timeout: 30_000 });
  db.pragma('journal_mode = WAL');
  db.pragma('foreign_keys = ON');
  // NORMAL is durable up to the last checkpoint in WAL mode and never corrupts on a crash.
  db.pragma('synchronous = NORMAL');
  migrate(db);
  return db;
}

/** Applies the migrations this file does not have yet; refuses a file from a newer claimcheck. */
export function migrate(db: HistoryDb): void {
  db.exec('CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)');
  const latest = MIGRATIONS[MIGRATIONS.length - 1]!.version;
  for (const m of MIGRATIONS) {
    // IMMEDIATE takes the write lock first, so the check and the change are one step for concurrent openers.
    db.transaction(() => {
      const done = db.prepare('SELECT 1 FROM schema_migrations WHERE version = ?').get(m.version);
      if (done) return;
      db.exec(m.sql);
      db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)').run(m.version, m.name, new Date().toISOString());
    }).immediate();
  }
  const newest = (db.prepare('SELECT MAX(version) AS v FROM schema_migrations').get() as { v: number }).v;
  if (newest > latest) {
    throw new Error(`history database has schema version ${newest}, newer than this claimcheck knows (${latest}); upgrade claimcheck`);
  }
}

/** The schema version of an open history. */
export function schemaVersion(db: HistoryDb): number {
  return (db.prepare('SELECT MAX(version) AS v FROM schema_migrations').get() as { v: number }).v;
}
