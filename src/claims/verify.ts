/**
 * Runs each claim's verifier. A verifier that throws is a claimcheck bug; the
 * claim then comes out unverifiable with the error as its reason instead of
 * taking the audit down.
 */
import type { CheckedClaim, Claim, VerifyContext } from './types.js';
import { kindModule } from './kinds/index.js';

/** With `timings`, each kind's verification time in milliseconds is added to it (CLAIMCHECK_PROFILE). */
export async function verifyClaims(claims: readonly Claim[], ctx: VerifyContext, timings?: Map<string, number>): Promise<CheckedClaim[]> {
  const out: CheckedClaim[] = [];
  for (const claim of claims) {
    const started = timings ? performance.now() : 0;
    const mod = kindModule(claim.kind);
    if (!mod) {
      out.push({ ...claim, verdict: 'unverifiable', reason: `no verifier for kind ${claim.kind}`, evidence: [] });
      continue;
    }
    try {
      const o = await mod.verify(claim, ctx);
      out.push({ ...claim, verdict: o.verdict, reason: o.reason, evidence: o.evidence });
    } catch (err) {
      out.push({ ...claim, verdict: 'unverifiable', reason: `internal error while checking: ${(err as Error).message}`, evidence: [] });
    }
    if (timings) timings.set(claim.kind, (timings.get(claim.kind) ?? 0) + performance.now() - started);
  }
  return out;
}
