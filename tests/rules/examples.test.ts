/**
 * Every rule's documented examples are its tests: each bad example must give
 * at least one finding of that rule, each good example none. The docs that
 * `claimcheck rules` prints cannot drift from behaviour.
 */
import { describe, expect, it } from 'vitest';
import { allRules } from '../../src/rules/registry.js';
import { analyzeInMemory } from '../../src/rules/engine.js';

const rules = allRules();

describe('rule docs', () => {
  it('every rule has docs with at least one bad and one good example', () => {
    for (const r of rules) {
      expect(r.docs.summary, r.id).not.toBe('');
      expect(r.docs.why, r.id).not.toBe('');
      expect(r.docs.fix, r.id).not.toBe('');
      expect(r.docs.bad.length, r.id).toBeGreaterThan(0);
      expect(r.docs.good.length, r.id).toBeGreaterThan(0);
      expect(r.id.startsWith(r.category + '/'), r.id).toBe(true);
    }
  });
});

for (const rule of rules) {
  describe(rule.id, () => {
    rule.docs.bad.forEach((ex, i) => {
      it(`flags bad example ${i + 1}${ex.note ? ` (${ex.note})` : ''}`, async () => {
        const { findings } = await analyzeInMemory(ex.files, { rules: [rule] });
        expect(findings.filter((f) => f.ruleId === rule.id).length, JSON.stringify(ex.files)).toBeGreaterThan(0);
      });
    });
    rule.docs.good.forEach((ex, i) => {
      it(`stays quiet on good example ${i + 1}${ex.note ? ` (${ex.note})` : ''}`, async () => {
        const { findings } = await analyzeInMemory(ex.files, { rules: [rule] });
        expect(findings.filter((f) => f.ruleId === rule.id), JSON.stringify(ex.files)).toEqual([]);
      });
    });
  });
}
