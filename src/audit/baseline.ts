/**
 * `--baseline <report.json>`: compare an audit with an earlier report of the
 * same repository by fingerprint and keep only what is new. A finding is new
 * when the baseline has no finding with its fingerprint; a claim is new when
 * the baseline has no claim with its fingerprint and the same verdict (a claim
 * that was verified and is now contradicted is a new problem).
 */
import type { AuditReport, BaselineComparison, ReportClaim, ReportFinding } from '../report/model.js';
import { InputError } from './errors.js';

const claimKey = (c: { fingerprint: string; verdict: string }) => `${c.fingerprint}\0${c.verdict}`;

/** Checks that a report can serve as a baseline: it carries fingerprints. `where` names it in the error. */
export function assertBaseline(baseline: AuditReport, where: string): void {
  const items: { fingerprint?: unknown }[] = [...baseline.claims, ...baseline.findings];
  if (items.some((x) => typeof x.fingerprint !== 'string')) {
    throw new InputError(`${where}: the baseline report has no fingerprints (written by an older claimcheck); write it again with this version: claimcheck audit --format json --out DIR`);
  }
}

export interface BaselineResult<C extends ReportClaim, F extends ReportFinding> {
  claims: C[];
  findings: F[];
  comparison: BaselineComparison;
}

/**
 * Keeps the claims and findings the baseline does not have. `allFindings` is
 * every finding this audit produced (suppressed ones and, in pull request
 * mode, those on unchanged lines too), so only what is really gone counts as resolved.
 */
export function compareWithBaseline<C extends ReportClaim, F extends ReportFinding>(
  claims: readonly C[],
  findings: readonly F[],
  allFindings: readonly { fingerprint: string }[],
  baseline: AuditReport,
): BaselineResult<C, F> {
  const oldClaims = new Set(baseline.claims.map(claimKey));
  const oldFindings = new Set(baseline.findings.map((f) => f.fingerprint));
  const nowClaims = new Set(claims.map(claimKey));
  const nowFindings = new Set(allFindings.map((f) => f.fingerprint));
  const newClaims = claims.filter((c) => !oldClaims.has(claimKey(c)));
  const newFindings = findings.filter((f) => !oldFindings.has(f.fingerprint));
  return {
    claims: newClaims,
    findings: newFindings,
    comparison: {
      root: baseline.target.root,
      commit: baseline.target.commit,
      unchanged: { claims: claims.length - newClaims.length, findings: findings.length - newFindings.length },
      resolved: {
        claims: baseline.claims.filter((c) => !nowClaims.has(claimKey(c))).length,
        findings: baseline.findings.filter((f) => !nowFindings.has(f.fingerprint)).length,
      },
    },
  };
}
