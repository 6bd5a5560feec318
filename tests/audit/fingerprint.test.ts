/**
 * Stable fingerprints: a finding keeps its fingerprint when lines are
 * inserted above it or an unrelated symbol is renamed, a claim keeps its own
 * when the report is reformatted; both change when the item itself changes.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { runAudit } from '../../src/audit/pipeline.js';
import type { AuditReport } from '../../src/report/model.js';
import { claimBasis, fingerprints, normalizeCode, normalizeProse } from '../../src/report/fingerprint.js';
import { cleanup, makeTree } from '../helpers/tmp.js';

const dirs: string[] = [];
afterEach(() => {
  while (dirs.length) cleanup(dirs.pop()!);
});

async function auditFiles(files: Record<string, string>): Promise<AuditReport> {
  const dir = makeTree(files);
  dirs.push(dir);
  return (await runAudit({ repo: dir, jobs: 1 })).report;
}

const SHOP = [
  'import requests',
  '',
  '',
  'def format_price(cents):',
  '    return f"{cents / 100:.2f}"',
  '',
  '',
  'class Checkout:',
  '    def submit(self, cart):',
  '        # TODO: handle declined cards',
  '        return requests.post("https://pay.example/v1/charge", json=cart)',
  '',
  '    def cancel(self, cart):',
  '        # TODO: handle declined cards',
  '        return None',
  '',
].join('\n');

const findingPrints = (r: AuditReport) => r.findings.map((f) => ({ rule: f.ruleId, line: f.line, fp: f.fingerprint }));
const printOf = (r: AuditReport, rule: string, line: number) => r.findings.find((f) => f.ruleId === rule && f.line === line)?.fingerprint;

describe('finding fingerprints', () => {
  it('survive lines inserted above and a rename of an unrelated symbol, and change with the finding', async () => {
    const base = await auditFiles({ 'shop/checkout.py': SHOP });
    const todo = printOf(base, 'placeholder/todo-comment', 10)!;
    const post = printOf(base, 'missing-timeout/python-requests', 11)!;
    expect(todo).toMatch(/^[0-9a-f]{32}$/);
    expect(post).toMatch(/^[0-9a-f]{32}$/);

    // Five lines above: the same findings, five lines lower, same fingerprints.
    const shifted = await auditFiles({ 'shop/checkout.py': '"""Checkout."""\nimport logging\n\nlog = logging.getLogger(__name__)\n\n' + SHOP });
    expect(printOf(shifted, 'placeholder/todo-comment', 15)).toBe(todo);
    expect(printOf(shifted, 'missing-timeout/python-requests', 16)).toBe(post);

    // format_price → render_price is not the finding's symbol.
    const renamed = await auditFiles({ 'shop/checkout.py': SHOP.replace('def format_price', 'def render_price') });
    expect(findingPrints(renamed)).toEqual(findingPrints(base));

    // Indentation and spacing inside the line are formatting, not content.
    const spaced = await auditFiles({ 'shop/checkout.py': SHOP.replace('        # TODO: handle declined cards\n        return requests', '        #   TODO:  handle declined cards\n        return requests') });
    expect(printOf(spaced, 'placeholder/todo-comment', 10)).toBe(todo);

    // The finding itself changes: other words in the TODO, another URL in the call.
    const edited = await auditFiles({ 'shop/checkout.py': SHOP.replace('# TODO: handle declined cards\n        return requests', '# TODO: handle expired cards\n        return requests').replace('/v1/charge', '/v2/charge') });
    expect(printOf(edited, 'placeholder/todo-comment', 10)).not.toBe(todo);
    expect(printOf(edited, 'missing-timeout/python-requests', 11)).not.toBe(post);
  });

  it('tell identical lines apart by their enclosing symbol, and identical ones in one symbol by rank', async () => {
    const base = await auditFiles({ 'shop/checkout.py': SHOP });
    const inSubmit = printOf(base, 'placeholder/todo-comment', 10)!;
    const inCancel = printOf(base, 'placeholder/todo-comment', 14)!;
    expect(inSubmit).not.toBe(inCancel);

    // The same TODO moved from submit() into a new method keeps no identity with the old place.
    const moved = await auditFiles({ 'shop/checkout.py': SHOP.replace('    def submit(self, cart):', '    def pay(self, cart):') });
    expect(printOf(moved, 'placeholder/todo-comment', 10)).not.toBe(inSubmit);
    expect(printOf(moved, 'placeholder/todo-comment', 14)).toBe(inCancel);

    const twice = ['def sync():', '    # TODO: batch the writes', '    # TODO: batch the writes', '    return 1', ''].join('\n');
    const r = await auditFiles({ 'jobs/sync.py': twice });
    const prints = r.findings.filter((f) => f.ruleId === 'placeholder/todo-comment').map((f) => f.fingerprint);
    expect(prints).toHaveLength(2);
    expect(new Set(prints).size).toBe(2);
    // A copy appended below leaves the first one's fingerprint alone.
    const once = await auditFiles({ 'jobs/sync.py': twice.replace('    # TODO: batch the writes\n    return', '    return') });
    expect(once.findings.find((f) => f.ruleId === 'placeholder/todo-comment')!.fingerprint).toBe(prints[0]);
  });

  it('do not include a suppression comment added on the line', async () => {
    const base = await auditFiles({ 'shop/checkout.py': SHOP, '.claimcheck.yml': 'rules:\n  placeholder: off\n' });
    const post = printOf(base, 'missing-timeout/python-requests', 11)!;
    const commented = await auditFiles({
      'shop/checkout.py': SHOP.replace('json=cart)', 'json=cart)  # claimcheck-ignore[placeholder] not this rule'),
      '.claimcheck.yml': 'rules:\n  placeholder: off\n',
    });
    expect(printOf(commented, 'missing-timeout/python-requests', 11)).toBe(post);
  });
});

const REPORT = [
  '# Payments hardening',
  '',
  '## Checkout',
  '',
  '- **File**: `shop/checkout.py`',
  '- `shop/checkout.py` is 16 lines long',
  '- The Checkout class has 2 methods',
  '',
  '## Results',
  '',
  'All 14 tests pass.',
  '',
].join('\n');

const claimPrints = (r: AuditReport) =>
  r.claims.map((c) => `${c.kind} ${c.verdict} ${c.fingerprint}`).sort();

describe('claim fingerprints', () => {
  it('survive reformatting of the report and change when the claim does', async () => {
    const base = await auditFiles({ 'shop/checkout.py': SHOP, 'PAYMENTS_REPORT.md': REPORT });
    expect(base.claims.length).toBeGreaterThanOrEqual(2);
    for (const c of base.claims) expect(c.fingerprint).toMatch(/^[0-9a-f]{32}$/);

    // Emphasis, emoji, another bullet marker, numbered and deeper headings, blank lines, a paragraph above.
    const reformatted = [
      '# 🚀 Payments Hardening',
      '',
      '',
      'Written after the second review.',
      '',
      '### 1. Checkout',
      '',
      '* **File**: `shop/checkout.py`',
      '* ✅ `shop/checkout.py` is **16 lines** long',
      '* The `Checkout` class has 2 methods.',
      '',
      '### 2. Results',
      '',
      '**All 14 tests pass**',
      '',
    ].join('\n');
    const again = await auditFiles({ 'shop/checkout.py': SHOP, 'PAYMENTS_REPORT.md': reformatted });
    const lineClaim = (r: AuditReport) => r.claims.find((c) => c.kind === 'line-count')!;
    expect(lineClaim(again).source.line).not.toBe(lineClaim(base).source.line);
    expect(lineClaim(again).fingerprint).toBe(lineClaim(base).fingerprint);
    // Every claim of the first version is there with its fingerprint (the new sentence and the
    // numbered headings add claims of their own).
    expect(claimPrints(again)).toEqual(expect.arrayContaining(claimPrints(base)));
    expect(again.claims.find((c) => c.kind === 'status')!.fingerprint).toBe(base.claims.find((c) => c.kind === 'status')!.fingerprint);

    // Another number is another claim.
    const changed = await auditFiles({ 'shop/checkout.py': SHOP, 'PAYMENTS_REPORT.md': REPORT.replace('16 lines', '18 lines') });
    expect(lineClaim(changed).fingerprint).not.toBe(lineClaim(base).fingerprint);

    // The report moved into docs/ and its section renamed: the same claims about the same code.
    const moved = await auditFiles({ 'shop/checkout.py': SHOP, 'docs/reports/PAYMENTS_REPORT.md': REPORT.replace('## Checkout', '## Checkout service') });
    expect(lineClaim(moved).source.path).toBe('docs/reports/PAYMENTS_REPORT.md');
    expect(claimPrints(moved)).toEqual(claimPrints(base));
  });

  it('are built from the kind, the subject and the normalised words', () => {
    const claim = { kind: 'line-count' as const, text: '16 lines', subject: { path: 'a.py', symbol: null } };
    const [a, b, c, d, e] = fingerprints([
      claimBasis(claim),
      claimBasis({ ...claim, text: '**16 Lines**.' }),
      claimBasis({ ...claim, text: '17 lines' }),
      claimBasis({ ...claim, subject: { path: 'b.py', symbol: null } }),
      claimBasis({ ...claim, kind: 'quantity' as const }),
    ]);
    expect(b).not.toBe(a); // the same basis twice: the second is ranked
    expect(fingerprints([claimBasis({ ...claim, text: '**16 Lines**.' })])[0]).toBe(a);
    expect(new Set([a, c, d, e]).size).toBe(4);
  });
});

describe('normalisation', () => {
  it('code: indentation and runs of blanks, not words', () => {
    expect(normalizeCode('    x  =  1\n\n\ty = 2  ')).toBe('x = 1\ny = 2');
    expect(normalizeCode('x = 1')).not.toBe(normalizeCode('x = 2'));
  });
  it('prose: formatting, case and symbols, not words or numbers', () => {
    expect(normalizeProse('✅ **ALL 12 tests pass**.')).toBe('all 12 tests pass');
    expect(normalizeProse('`sync_fabric()` replaced by `sync_all_crds()`')).toBe('sync_fabric() replaced by sync_all_crds()');
    expect(normalizeProse('_emphasis_ kept apart from snake_case')).toBe('emphasis kept apart from snake_case');
    expect(normalizeProse('12 tests pass')).not.toBe(normalizeProse('13 tests pass'));
    expect(normalizeProse('timeout 30s')).not.toBe(normalizeProse('timeout 3.0s'));
  });
});
