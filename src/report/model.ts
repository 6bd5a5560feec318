/**
 * AuditReport: the one object every format is rendered from. Its JSON form
 * is the stable contract (schemaVersion 1) documented in the README and
 * checked by schema/report.schema.json.
 */
import type { Skipped } from '../repo/snapshot.js';
import type { Finding, Severity } from '../rules/types.js';
import type { LeftOut } from '../rules/engine.js';
import type { CheckedClaim, Verdict } from '../claims/types.js';
import type { ReportDocument, StatementVerdict } from '../claims/statements.js';

export type { ReportDocument, StatementVerdict };

/** A finding as reported: with its stable fingerprint (report/fingerprint.ts). */
export interface ReportFinding extends Finding {
  fingerprint: string;
}

/** A checked claim as reported: with its stable fingerprint. */
export interface ReportClaim extends CheckedClaim {
  fingerprint: string;
}

/** Where a suppression is written: a comment in a file, or an entry of the config's `ignore` list. */
export interface SuppressionRef {
  kind: 'inline' | 'config';
  /** The file with the comment, or the config file (repo-relative when inside the repository). */
  path: string;
  /** Inline: the comment's line; config: null. */
  line: number | null;
  /** Config: the entry's position in `ignore` (from 0); inline: null. */
  entry: number | null;
}

/** A suppression and what it kept out of the report. */
export interface Suppression extends SuppressionRef {
  /** Rule ids, categories or id prefixes it covers; empty: every rule. */
  rules: string[];
  /** Config: the path globs it covers (for a string entry, the files never analysed); inline: empty. */
  paths: string[];
  reason: string | null;
  /** Findings it suppressed. */
  findings: number;
  /** A string `ignore` glob: the files it kept out of the analysis; otherwise null. */
  files: number | null;
  /** It suppressed nothing (no finding, no file): remove it or fix what it names. */
  stale: boolean;
  /** Why a stale suppression may be wrong (it names no known rule). */
  note?: string;
}

/** A finding a suppression kept out of `findings`, counted and listed instead. */
export interface SuppressedFinding extends ReportFinding {
  suppressedBy: SuppressionRef;
}

/** With a baseline: what this report leaves out because the baseline already had it. */
export interface BaselineComparison {
  /** The baseline report's target. */
  root: string;
  commit: string | null;
  /** Items in both (not listed here). */
  unchanged: { claims: number; findings: number };
  /** Items in the baseline that this audit no longer has (fixed, removed, or a claim whose verdict changed). */
  resolved: { claims: number; findings: number };
}

export interface AuditReport {
  schemaVersion: 1;
  tool: { name: 'claimcheck'; version: string };
  target: { root: string; commit: string | null };
  summary: {
    claims: Record<Verdict, number>;
    findings: Record<Severity, number>;
    /** Report lines that make claims, by combined verdict. */
    statements: Record<Verdict, number>;
    /** Suppressed findings, files kept out by `ignore` globs, and suppressions that matched nothing. Absent in reports written before suppressions were counted. */
    suppressed?: { findings: number; files: number; stale: number };
  };
  claims: ReportClaim[];
  /** One entry per report line that makes claims, its verdict combined from them; sorted by path and line. */
  statements: StatementVerdict[];
  /** The claims documents' text and the lines that make no claim, for the line-by-line view. */
  documents: ReportDocument[];
  findings: ReportFinding[];
  /** Folders of non-production code (backups, examples, scratch work…): why, how many code files, and the findings not reported there, by category. */
  nonProduction?: LeftOut[];
  skipped: Skipped[];
  /** Findings kept out of `findings` by a suppression (sorted like findings). Absent in older reports. */
  suppressed?: SuppressedFinding[];
  /** Every inline `claimcheck-ignore` comment and config `ignore` entry, with what it matched. Absent in older reports. */
  suppressions?: Suppression[];
  /** Present when the audit was compared with a baseline report: claims and findings then hold only the new ones. */
  baseline?: BaselineComparison;
}
