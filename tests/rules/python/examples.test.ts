/**
 * The Python rules' documented examples are their tests: each bad example
 * gives at least one finding of its rule, each good example none.
 */
import { describe, expect, it } from 'vitest';
import { pythonRules } from '../../../src/rules/builtin/python/index.js';
import { analyzeInMemory } from '../../../src/rules/engine.js';

describe('python rule docs', () => {
  it('every rule has an id in its category, docs and examples', () => {
    expect(pythonRules.length).toBeGreaterThan(0);
    for (const r of pythonRules) {
      expect(r.id.startsWith(r.category + '/'), r.id).toBe(true);
      expect(r.id).toMatch(/^[a-z-]+\/python-[a-z0-9-]+$/);
      expect(r.docs.summary && r.docs.why && r.docs.fix, r.id).toBeTruthy();
      expect(r.docs.bad.length, r.id).toBeGreaterThan(0);
      expect(r.docs.good.length, r.id).toBeGreaterThan(0);
    }
  });
});

for (const rule of pythonRules) {
  describe(rule.id, () => {
    rule.docs.bad.forEach((ex, i) => {
      it(`flags bad example ${i + 1}${ex.note ? ` (${ex.note})` : ''}`, async () => {
        const { findings } = await analyzeInMemory(ex.files, { rules: [rule] });
        expect(findings.filter((f) => f.ruleId === rule.id).length, JSON.stringify(ex.files, null, 1)).toBeGreaterThan(0);
      });
    });
    rule.docs.good.forEach((ex, i) => {
      it(`stays quiet on good example ${i + 1}${ex.note ? ` (${ex.note})` : ''}`, async () => {
        const { findings } = await analyzeInMemory(ex.files, { rules: [rule] });
        expect(findings.filter((f) => f.ruleId === rule.id)).toEqual([]);
      });
    });
  });
}
