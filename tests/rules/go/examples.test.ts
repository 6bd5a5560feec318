/**
 * The Go rules' documented examples, run through the real engine: each bad
 * example must give at least one finding of its rule, each good example none.
 * A Go toolchain's verdict on the same examples is compared in
 * bench/compare-go.mjs.
 */
import { describe, expect, it } from 'vitest';
import { goRules } from '../../../src/rules/builtin/go/index.js';
import { analyzeInMemory } from '../../../src/rules/engine.js';

describe('go rules', () => {
  it('have unique kebab-case ids under their category, with docs', () => {
    const ids = new Set<string>();
    for (const r of goRules) {
      expect(r.id).toMatch(/^[a-z-]+\/go-[a-z0-9-]+$/);
      expect(r.id.startsWith(r.category + '/')).toBe(true);
      expect(ids.has(r.id)).toBe(false);
      ids.add(r.id);
      expect(r.docs.bad.length).toBeGreaterThan(0);
      expect(r.docs.good.length).toBeGreaterThan(0);
    }
  });
});

for (const rule of goRules) {
  describe(rule.id, () => {
    rule.docs.bad.forEach((ex, i) => {
      it(`flags bad ${i + 1}${ex.note ? ` (${ex.note})` : ''}`, async () => {
        const { findings } = await analyzeInMemory(ex.files, { rules: [rule] });
        expect(findings.filter((f) => f.ruleId === rule.id).length, JSON.stringify(ex.files)).toBeGreaterThan(0);
      });
    });
    rule.docs.good.forEach((ex, i) => {
      it(`quiet on good ${i + 1}${ex.note ? ` (${ex.note})` : ''}`, async () => {
        const { findings } = await analyzeInMemory(ex.files, { rules: [rule] });
        expect(findings.filter((f) => f.ruleId === rule.id), JSON.stringify(ex.files)).toEqual([]);
      });
    });
  });
}
