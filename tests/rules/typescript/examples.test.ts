/**
 * Every TypeScript/JavaScript rule's documented examples, executed: each bad
 * example must produce at least one finding of its rule, each good example
 * (the look-alikes) none. The docs `claimcheck rules` prints cannot drift
 * from what the rules do.
 */
import { describe, expect, test } from 'vitest';
import { analyzeInMemory } from '../../../src/rules/engine.js';
import { typescriptRules } from '../../../src/rules/builtin/typescript/index.js';

describe.each(typescriptRules.map((r) => [r.id, r] as const))('%s', (_id, rule) => {
  test('documents why, a fix, bad and good examples', () => {
    expect(rule.docs.summary.length).toBeGreaterThan(20);
    expect(rule.docs.why.length).toBeGreaterThan(40);
    expect(rule.docs.fix.length).toBeGreaterThan(10);
    expect(rule.docs.bad.length).toBeGreaterThan(0);
    expect(rule.docs.good.length).toBeGreaterThan(0);
    expect(rule.id).toMatch(/^[a-z]+(-[a-z]+)*\/[a-z]+(-[a-z]+)*$/);
    expect(rule.id.startsWith(rule.category + '/')).toBe(true);
  });

  test.each(rule.docs.bad.map((ex, i) => [i, ex.note ?? Object.keys(ex.files)[0]!, ex] as const))('bad %i (%s) is reported', async (_i, _note, ex) => {
    const { findings } = await analyzeInMemory(ex.files, { rules: [rule] });
    expect(findings.filter((f) => f.ruleId === rule.id).length).toBeGreaterThan(0);
  });

  test.each(rule.docs.good.map((ex, i) => [i, ex.note ?? Object.keys(ex.files)[0]!, ex] as const))('good %i (%s) stays quiet', async (_i, _note, ex) => {
    const { findings } = await analyzeInMemory(ex.files, { rules: [rule] });
    expect(findings.filter((f) => f.ruleId === rule.id).map((f) => `${f.path}:${f.line} ${f.message}`)).toEqual([]);
  });
});
