/**
 * The audit stage's public surface: `audit(root, options) → AuditReport`,
 * the fail policy, and the errors a caller can act on.
 */
export { audit, runAudit, DEFAULT_CLAIM_GLOBS, touchesChange, type AuditOptions, type RunOptions, type AuditResult } from './pipeline.js';
export { FAIL_ON, gateTrips, parseFailOn, type FailOn } from './gate.js';
export { InputError } from './errors.js';
export { toolVersion } from './version.js';
