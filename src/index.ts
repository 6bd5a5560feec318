/**
 * claimcheck as a library: `import { audit } from 'claimcheck'`. The audit
 * stage's API, the report types it returns, and the renderers of its formats.
 */
export { audit, runAudit, DEFAULT_CLAIM_GLOBS, FAIL_ON, gateTrips, parseFailOn, InputError, toolVersion } from './audit/index.js';
export type { AuditOptions, RunOptions, AuditResult, FailOn } from './audit/index.js';
export { ConfigError, loadConfig, type ClaimcheckConfig } from './repo/config.js';
export type {
  AuditReport,
  BaselineComparison,
  ReportClaim,
  ReportDocument,
  ReportFinding,
  StatementVerdict,
  SuppressedFinding,
  Suppression,
  SuppressionRef,
} from './report/model.js';
export type { CheckedClaim, ClaimKind, Evidence, SourceRef, Subject, Verdict } from './claims/types.js';
export type { Category, Finding, Severity } from './rules/types.js';
export type { Skipped } from './repo/snapshot.js';
export { renderJson, toContract } from './report/json.js';
export { renderText } from './report/text.js';
