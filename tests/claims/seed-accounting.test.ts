/**
 * Extraction accounting on the five real reports in ../shared/seeds (read at
 * test time only): every statement is either a claim or passed over with a
 * reason, and the reasons are kinds of construct, not phrases. The table
 * printed here is what the README's extraction figures come from.
 */
import { describe, expect, it } from 'vitest';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseClaimDocument } from '../../src/claims/document.js';
import { extractClaims } from '../../src/claims/extract.js';
import { CLAIM_KINDS, FALLBACK_KIND } from '../../src/claims/kinds/index.js';

const SEEDS = resolve('../shared/seeds');
const seeds = existsSync(SEEDS) ? readdirSync(SEEDS).filter((f) => f.endsWith('.txt')).sort() : [];

/** Why a statement may be passed over: each names a construct, never a phrase of one report. */
const KNOWN_REASONS = [
  'recommendation, plan or future work',
  'code block with no claim attached',
  'empty',
  'section title',
  'label introducing the lines below',
  'no assertion (no number, status or completion word)',
];

describe.skipIf(seeds.length === 0)('seed extraction accounting', () => {
  for (const seed of seeds) {
    it(seed, () => {
      const doc = parseClaimDocument(seed, readFileSync(join(SEEDS, seed), 'utf8'));
      const { claims, passedOver } = extractClaims([doc], CLAIM_KINDS, FALLBACK_KIND);
      const claimed = new Set(claims.flatMap((c) => c.sources.map((s) => s.line)));
      const passed = new Set(passedOver.map((p) => p.line));
      // Every statement is accounted for: it made a claim, or was passed over with a reason.
      // A code block spans lines: the claims of a BEFORE/AFTER pair's lines sit on the lines they quote.
      const within = (st: (typeof doc.statements)[number]) => st.construct === 'code-block' && [...claimed].some((l) => l > st.line && l <= st.endLine);
      for (const st of doc.statements) {
        // A code block's claims may sit on its own lines (a BEFORE/AFTER pair's lines, an error listing's `Error:` lines).
        expect(claimed.has(st.line) || passed.has(st.line) || within(st), `${seed}:${st.line} ${st.construct}: ${st.text.slice(0, 60)}`).toBe(true);
      }
      for (const p of passedOver) expect(KNOWN_REASONS, `${seed}:${p.line}`).toContain(p.reason);
      const byReason: Record<string, number> = {};
      for (const p of passedOver) byReason[`${p.construct}: ${p.reason}`] = (byReason[`${p.construct}: ${p.reason}`] ?? 0) + 1;
      const byKind: Record<string, number> = {};
      for (const c of claims) byKind[c.kind] = (byKind[c.kind] ?? 0) + 1;
      console.log(`${seed}: ${doc.statements.length} statements, ${claims.length} claims ${JSON.stringify(byKind)}; passed over ${passedOver.length} ${JSON.stringify(byReason)}`);
      expect(claims.length).toBeGreaterThan(20);
    });
  }
});
