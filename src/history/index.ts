/** The scan history stage: the database, writing a scan into it, and reading trends and changes. */
export { openHistory, migrate, schemaVersion, MIGRATIONS, type HistoryDb } from './db.js';
export { startRun, finishRun, recordRepository, type RepositoryOutcome } from './record.js';
export { trends, changes, repositoryNames, type Trend, type TrendPoint, type Changes, type HistoryItem } from './query.js';
