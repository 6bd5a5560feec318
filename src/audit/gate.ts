/**
 * The fail policy (`--fail-on`): which verdicts and finding severities make
 * an audit fail. Shared by the CLI and library users, so a release gate means
 * the same thing wherever the pipeline runs.
 */
import type { AuditReport } from '../report/model.js';
import { InputError } from './errors.js';

export const FAIL_ON = ['contradicted', 'unverifiable', 'error', 'warning', 'info'] as const;
/** One item of a fail policy: a claim verdict, or a finding severity (that severity or above). */
export type FailOn = (typeof FAIL_ON)[number];

/** Parses a comma-separated fail policy (`contradicted,error`); an unknown item is an InputError naming it. */
export function parseFailOn(value: string): FailOn[] {
  const items = value.split(',').map((s) => s.trim()).filter(Boolean);
  for (const i of items) {
    if (!(FAIL_ON as readonly string[]).includes(i)) throw new InputError(`--fail-on: unknown value '${i}'; use any of ${FAIL_ON.join(', ')}`);
  }
  return items as FailOn[];
}

/**
 * Why the gate trips (empty: it does not): a listed verdict has claims, or a
 * finding at a listed severity (or above it) exists. It reads the report's
 * summary, so a report filtered against a baseline counts only new items.
 */
export function gateTrips(report: AuditReport, failOn: readonly FailOn[]): string[] {
  const reasons: string[] = [];
  for (const f of failOn) {
    if (f === 'contradicted' || f === 'unverifiable') {
      const n = report.summary.claims[f];
      if (n > 0) reasons.push(`${n} ${f} claim(s)`);
    } else {
      const order = ['info', 'warning', 'error'] as const;
      const n = order.slice(order.indexOf(f)).reduce((s, sev) => s + report.summary.findings[sev], 0);
      if (n > 0) reasons.push(`${n} finding(s) at ${f} or above`);
    }
  }
  return reasons;
}
