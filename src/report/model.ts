/**
 * AuditReport: the one object every format is rendered from. Its JSON form
 * is the stable contract (schemaVersion 1) documented in the README and
 * checked by schema/report.schema.json.
 */
import type { Skipped } from '../repo/snapshot.js';
import type { Finding, Severity } from '../rules/types.js';
import type { CheckedClaim, Verdict } from '../claims/types.js';
import type { ReportDocument, StatementVerdict } from '../claims/statements.js';

export type { ReportDocument, StatementVerdict };

export interface AuditReport {
  schemaVersion: 1;
  tool: { name: 'claimcheck'; version: string };
  target: { root: string; commit: string | null };
  summary: {
    claims: Record<Verdict, number>;
    findings: Record<Severity, number>;
    /** Report lines that make claims, by combined verdict. */
    statements: Record<Verdict, number>;
  };
  claims: CheckedClaim[];
  /** One entry per report line that makes claims, its verdict combined from them; sorted by path and line. */
  statements: StatementVerdict[];
  /** The claims documents' text and the lines that make no claim, for the line-by-line view. */
  documents: ReportDocument[];
  findings: Finding[];
  skipped: Skipped[];
}
