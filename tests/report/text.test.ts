import { describe, expect, it } from 'vitest';
import { renderText, tallyReports } from '../../src/report/text.js';
import type { AuditReport } from '../../src/report/model.js';
import type { CheckedClaim, Verdict } from '../../src/claims/types.js';

let seq = 0;
function claim(doc: string, line: number, verdict: Verdict, text = `claim on line ${line}`): CheckedClaim {
  seq++;
  return {
    id: `c-${String(seq).padStart(12, '0')}`,
    kind: 'file-exists',
    text,
    source: { path: doc, line },
    sources: [{ path: doc, line }],
    subject: { path: null, symbol: null },
    data: {},
    verdict,
    reason: `reason for ${doc}:${line}`,
    evidence: [{ path: 'src/app.py', line: 3, note: `evidence for ${doc}:${line}` }],
  };
}

/** `n` claims of each verdict in a document, lines numbered from 1. */
function doc(path: string, n: { contradicted?: number; verified?: number; unverifiable?: number }): CheckedClaim[] {
  const out: CheckedClaim[] = [];
  let line = 1;
  for (const v of ['verified', 'contradicted', 'unverifiable'] as const) for (let i = 0; i < (n[v] ?? 0); i++) out.push(claim(path, line++, v));
  return out;
}

function report(claims: CheckedClaim[]): AuditReport {
  const count = (v: Verdict) => claims.filter((c) => c.verdict === v).length;
  return {
    schemaVersion: 1,
    tool: { name: 'claimcheck', version: '9.9.9' },
    target: { root: 'repo', commit: null },
    summary: { claims: { verified: count('verified'), contradicted: count('contradicted'), unverifiable: count('unverifiable') }, findings: { error: 0, warning: 0, info: 0 } },
    claims,
    findings: [],
    skipped: [],
  };
}

describe('text summary of many reports', () => {
  // 60 synthetic reports: report k has k % 7 contradicted claims and a varying unverifiable share.
  const many: CheckedClaim[] = [];
  for (let k = 0; k < 60; k++) many.push(...doc(`docs/r${String(k).padStart(2, '0')}_REPORT.md`, { contradicted: k % 7, verified: 10 - (k % 5), unverifiable: k % 11 }));

  it('orders reports by contradicted claims, then unverifiable share, then size, then path', () => {
    const t = tallyReports([
      ...doc('a.md', { verified: 9, unverifiable: 1 }),
      ...doc('b.md', { contradicted: 1, verified: 50 }),
      ...doc('c.md', { verified: 1, unverifiable: 1 }),
      ...doc('d.md', { contradicted: 2 }),
      ...doc('e.md', { verified: 2, unverifiable: 2 }),
      ...doc('f.md', { verified: 3 }),
    ]);
    // d and b by contradicted; e (50%, 4 claims) before c (50%, 2 claims); a (10%); f (0%).
    expect(t.map((x) => x.path)).toEqual(['d.md', 'b.md', 'e.md', 'c.md', 'a.md', 'f.md']);
    expect(t[0]!.counts).toEqual({ verified: 0, contradicted: 2, unverifiable: 0 });
  });

  it('stays bounded: the worst 20 reports, then how many more and where they are', () => {
    const text = renderText(report(many), { color: false });
    const listed = text.split('\n').filter((l) => /^ {2}[✗?✓] docs\//.test(l));
    expect(listed).toHaveLength(20);
    expect(text).toContain('Reports, worst first (20 of 60)');
    expect(text).toContain('… and 40 more reports: see the HTML/JSON');
    // Every listed report has 6 contradicted claims (k % 7 == 6), the most any has.
    for (const l of listed.slice(0, 8)) expect(l).toMatch(/— 6 contradicted, \d+ verified, \d+ unverifiable \(\d+%\)$/);
    // A line per report, per shown claim and for the rest: 20 × 5, plus the header and the footer.
    expect(text.split('\n').length).toBeLessThanOrEqual(20 * 5 + 10);
  });

  it('lists the top contradicted claims of each report, in report order, and counts the rest', () => {
    const text = renderText(report(many), { color: false });
    const block = text.slice(text.indexOf('docs/r55_REPORT.md'));
    const lines = block.split('\n');
    // r55 has 6 contradicted claims on lines 11..16 (its 10 verified claims come first).
    expect(lines[1]).toBe('      ✗ :11 [file-exists] claim on line 11 — reason for docs/r55_REPORT.md:11');
    expect(lines[2]).toMatch(/^ {6}✗ :12 /);
    expect(lines[3]).toMatch(/^ {6}✗ :13 /);
    expect(lines[4]).toBe('      … and 3 more contradicted');
    // Evidence stays in the HTML and JSON when many reports are listed.
    expect(text).not.toContain('evidence for');
  });

  it('marks reports by their worst verdict and counts them in the header', () => {
    const text = renderText(report([...doc('ok.md', { verified: 3 }), ...doc('vague.md', { verified: 1, unverifiable: 3 })]), { color: false });
    expect(text).toContain('claims:   4 verified, 0 contradicted, 3 unverifiable in 2 reports');
    expect(text).toContain('  ? vague.md — 0 contradicted, 1 verified, 3 unverifiable (75%)');
    expect(text).toContain('  ✓ ok.md — 0 contradicted, 3 verified, 0 unverifiable (0%)');
    expect(text.indexOf('vague.md')).toBeLessThan(text.indexOf('ok.md'));
    expect(text).not.toContain('more reports');
  });

  it('honours smaller limits', () => {
    const text = renderText(report(many), { color: false, maxReports: 3, maxClaimsPerReport: 1 });
    expect(text.split('\n').filter((l) => /^ {2}[✗?✓] /.test(l))).toHaveLength(3);
    expect(text).toContain('… and 57 more reports');
    expect(text).toContain('… and 5 more contradicted');
  });

  it('is deterministic whatever order the claims come in', () => {
    const shuffled = [...many].reverse();
    expect(renderText(report(shuffled), { color: false })).toBe(renderText(report(many), { color: false }));
  });
});

describe('text summary of one report', () => {
  it('lists every contradicted claim with its evidence, and no per-report table', () => {
    const claims = doc('docs/FIX_REPORT.md', { contradicted: 25, verified: 2 });
    const text = renderText(report(claims), { color: false });
    expect(text).toContain('Contradicted claims');
    expect(text).not.toContain('Reports, worst first');
    expect(text.split('\n').filter((l) => l.startsWith('  ✗ docs/FIX_REPORT.md:'))).toHaveLength(25);
    expect(text).toContain('src/app.py:3 evidence for docs/FIX_REPORT.md:3');
    expect(text).not.toContain('in 1 reports');
  });

  it('says nothing about reports when there are no claims', () => {
    const text = renderText(report([]), { color: false });
    expect(text).toContain('claims:   0 verified, 0 contradicted, 0 unverifiable\n');
    expect(text).not.toContain('Contradicted claims');
  });
});
