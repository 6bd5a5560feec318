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

/** 1-based line of a character offset. */
export function lineAt(text: string, offset: number): number {
  let n = 1;
  for (let i = 0; i < offset && i < text.length; i++) if (text.charCodeAt(i) === 10) n++;
  return n;
}

/** Line starts of a text, for many offset → line lookups. */
export function lineStarts(text: string): number[] {
  const out = [0];
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) out.push(i + 1);
  return out;
}

export function lineOfOffset(starts: readonly number[], offset: number): number {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid]! <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo + 1;
}
