/**
 * What every fact extractor reads through: the snapshot's file list, capped
 * text reads that never throw, the parsed source model of a code file, and
 * the problems list where unreadable or malformed files are recorded.
 */
import type { SourceModel } from '../lang/model.js';
import type { FactProblem } from './types.js';

export interface FactSource {
  /** Repo-relative paths of every listed file, sorted. */
  readonly files: readonly string[];
  /** The text of a listed file, or null (the reason is recorded as a problem). */
  read(path: string): string | null;
  /** The source model of a code file, or null when it cannot be parsed. */
  model(path: string): SourceModel | null;
  /** Whether the snapshot counts the file as test code. */
  isTest(path: string): boolean;
  /** Drops a cached text that was read only to be skipped (keeps memory flat on large trees). */
  release(path: string): void;
  problem(path: string, reason: string): void;
  readonly problems: FactProblem[];
}

/** Folders whose manifests and config belong to someone else's code or to test data, not to the repository. */
const FOREIGN = /(?:^|\/)(?:node_modules|vendor|bower_components|site-packages|\.venv|venv|testdata|fixtures|__fixtures__|third_party)\//;

export function isForeign(path: string): boolean {
  return FOREIGN.test(path);
}

export function basename(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

export function dirname(path: string): string {
  const i = path.lastIndexOf('/');
  return i < 0 ? '' : path.slice(0, i);
}

