/**
 * The quantity kind: limits, targets and loads a report gives, looked up as
 * literals beside their words in the code of the line's scope. Examples
 * written here: a monitor with alert thresholds and a load test.
 */
import { describe, it, expect, afterAll } from 'vitest';
import { parseClaimDocument } from '../../src/claims/document.js';
import { extractClaims } from '../../src/claims/extract.js';
import { CLAIM_KINDS, FALLBACK_KIND, kindModule } from '../../src/claims/kinds/index.js';
import { figuresOf } from '../../src/claims/kinds/quantity.js';
import type { Claim, Outcome, VerifyContext } from '../../src/claims/types.js';
import { cleanup } from '../helpers/tmp.js';
import { repoContext } from '../helpers/context.js';

const dirs: string[] = [];
afterAll(() => dirs.forEach(cleanup));

const MONITOR_PY = `ALERTS = {
    "disk_percent": 90,
}


def build_rules(cfg):
    # cpu above 95 pages the on-call engineer
    return [
        Rule("cpu", threshold=cfg.get("cpu_threshold", 75)),
        Rule("memory", threshold=cfg.get("memory_limit", 0.8)),
    ]
`;

const LOAD_PY = `def scenarios():
    return [LoadProfile(name="peak", concurrent_users=200, ramp_seconds=30)]
`;

const REPORT = `# Ops hand-off
Work is in \`ops/monitor.py\` and \`ops/load.py\`.

## Limits
- **Resource Usage**: CPU < 75%, Memory < 80%
- **Disk Usage**: < 90% of the volume
- **Concurrent Users**: 200+ simultaneous sessions
- **Alerting**: CPU < 95% before paging
- **Session Limit**: < 500 sessions per node

## Results
- 12/12 tests passing in 3.2 s
- Version 2.4 released
`;

function quantityClaims(md: string): Claim[] {
  return extractClaims([parseClaimDocument('OPS.md', md)], CLAIM_KINDS, FALLBACK_KIND).claims.filter((c) => c.kind === 'quantity');
}

async function verdictOf(ctx: VerifyContext, line: string): Promise<Outcome> {
  const c = quantityClaims(REPORT).find((x) => x.text.includes(line));
  expect(c, `a quantity claim for "${line}"`).toBeDefined();
  return kindModule('quantity')!.verify(c!, { ...ctx, documents: [parseClaimDocument('OPS.md', REPORT)] });
}

describe('quantity: recognition', () => {
  it('takes bounds and loads, with what each is about, and leaves results, counts and versions to other kinds', () => {
    const doc = parseClaimDocument('OPS.md', REPORT);
    const usage = doc.statements.find((s) => s.text.startsWith('Resource Usage'))!;
    expect(figuresOf(usage).map((f) => [f.written, f.value, f.percent, f.about])).toEqual([
      ['CPU < 75%', 75, true, ['cpu']],
      ['Memory < 80%', 80, true, ['memory']],
    ]);
    const texts = quantityClaims(REPORT).map((c) => c.text);
    expect(texts.some((t) => /tests passing/.test(t))).toBe(false);
    expect(texts.some((t) => /Version/.test(t))).toBe(false);
  });
});

describe('quantity: verification', () => {
  const repo = () => repoContext({ 'ops/monitor.py': MONITOR_PY, 'ops/load.py': LOAD_PY }, [], dirs);
  it('verifies figures set beside their words, a percentage also as a fraction', async () => {
    const ctx = await repo();
    const usage = await verdictOf(ctx, 'Resource Usage');
    expect(usage.verdict).toBe('verified');
    expect(usage.evidence.map((e) => `${e.path}:${e.line}`)).toEqual(['ops/monitor.py:9', 'ops/monitor.py:10']);
    expect((await verdictOf(ctx, 'Disk Usage')).verdict).toBe('verified');
    expect((await verdictOf(ctx, 'Concurrent Users')).verdict).toBe('verified');
  });
  it('look-alikes: a figure only in a comment, or nowhere, stays unverifiable, never contradicted', async () => {
    const ctx = await repo();
    const commented = await verdictOf(ctx, 'Alerting');
    expect(commented.verdict).toBe('unverifiable');
    const absent = await verdictOf(ctx, 'Session Limit');
    expect(absent.verdict).toBe('unverifiable');
    expect(absent.reason).toMatch(/< 500 is not a literal beside its words/);
  });
});

describe('quantity: symptoms are not settings', () => {
  it('leaves a problem line with a figure to the kinds that judge problems', () => {
    const md = '# Issues\n- **Missing API timeouts**: causing 2+ minute hangs on sync\n- **Worker pool**: up to 16 workers\n';
    const texts = quantityClaims(md).map((c) => c.text);
    expect(texts).toEqual(['Worker pool: up to 16 workers']);
  });
});
