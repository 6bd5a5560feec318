/**
 * Which statements are claims: fields assert their value, items complete their
 * lead-in, lines of a text card or a drawing in a fenced block are listed facts;
 * a bare title-like item under a heading is not.
 */
import { describe, expect, it } from 'vitest';
import { parseClaimDocument } from '../../src/claims/document.js';
import { extractClaims } from '../../src/claims/extract.js';
import { CLAIM_KINDS, FALLBACK_KIND } from '../../src/claims/kinds/index.js';

function accounting(md: string): { claimed: Set<number>; passed: Map<number, string> } {
  const doc = parseClaimDocument('HANDOFF.md', md);
  const { claims, passedOver } = extractClaims([doc], CLAIM_KINDS, FALLBACK_KIND);
  return { claimed: new Set(claims.flatMap((c) => c.sources.map((s) => s.line))), passed: new Map(passedOver.map((p) => [p.line, p.reason])) };
}

describe('extraction: what counts as a claim', () => {
  const md = [
    '# Queue hand-off', //                                   1
    '', //                                                   2
    '## Problems seen', //                                   3
    '- **Impact**: nightly exports stall', //                4
    '- **Expected**: idle', //                               5
    '- **Results**:', //                                     6
    '  - Memory flat over the soak run', //                  7
    '  - No dropped messages', //                            8
    '- Built a reaper for orphaned leases', //               9
    '', //                                                   10
    '## Layout', //                                          11
    '- Overview', //                                         12
    '- No writes outside the data folder', //                13
    '', //                                                   14
    '```', //                                                15
    'Error: lease expired twice', //                         16
    'Root Cause: clock skew between workers', //             17
    '```', //                                                18
  ].join('\n');

  it('takes fields with a value, items under a lead-in, completed work, a statement of absence and text-card lines', () => {
    const { claimed } = accounting(md);
    for (const line of [4, 5, 7, 8, 9, 13, 16, 17]) expect(claimed.has(line), `line ${line}`).toBe(true);
  });

  it('look-alike: a label with nothing after it, a heading and a bare title item are passed over with their reason', () => {
    const { claimed, passed } = accounting(md);
    expect(claimed.has(6)).toBe(false);
    expect(passed.get(6)).toBe('label introducing the lines below');
    expect(passed.get(3)).toBe('section title');
    expect(passed.get(12)).toBe('no assertion (no number, status or completion word)');
  });
});
