/**
 * AuditReport: the one object every format is rendered from. Its JSON form
 * is the stable contract (schemaVersion 1) documented in the README and
 * checked by schema/report.schema.json.
 */
import type { Skipped } from '../repo/snapshot.js';
import type { Finding, Severity } from '../rules/types.js';
import type { CheckedClaim, Verdict } from '../claims/types.js';

export interface AuditReport {
  schemaVersion: 1;
  tool: { name: 'claimcheck'; version: string };
  target: { root: string; commit: string | null };
  summary: {
    claims: Record<Verdict, number>;
    findings: Record<Severity, number>;
  };
  claims: CheckedClaim[];
  findings: Finding[];
  skipped: Skipped[];
}
