/**
 * The report's own numbers (issue 11, deliverable 7 and the arithmetic and
 * consistency rows): estimates over their itemised parts, gaps in percentage
 * points, section scores against their marked items. Every example is
 * written here from scratch; each mechanism has flagged cases and look-alikes.
 */
import { describe, it, expect, afterAll } from 'vitest';
import { runAudit } from '../../src/audit/pipeline.js';
import type { CheckedClaim } from '../../src/claims/types.js';
import { parseClaimDocument } from '../../src/claims/document.js';
import { extractClaims } from '../../src/claims/extract.js';
import { CLAIM_KINDS, FALLBACK_KIND } from '../../src/claims/kinds/index.js';
import { parseDuration } from '../../src/claims/kinds/arithmetic.js';
import { cleanup, makeTree } from '../helpers/tmp.js';

const dirs: string[] = [];
afterAll(() => dirs.forEach(cleanup));

async function audit(files: Record<string, string>): Promise<CheckedClaim[]> {
  const dir = makeTree(files);
  dirs.push(dir);
  const { report } = await runAudit({ repo: dir, claims: ['REPORT.md'], jobs: 1 });
  return report.claims;
}

function extract(md: string) {
  return extractClaims([parseClaimDocument('REPORT.md', md)], CLAIM_KINDS, FALLBACK_KIND).claims;
}

const onLine = (claims: CheckedClaim[], kind: string, line: number) => claims.filter((c) => c.kind === kind && c.sources.some((s) => s.line === line));

describe('durations: an estimate over its itemised parts', () => {
  it('reads written precision', () => {
    expect(parseDuration('~2 hours')).toMatchObject({ seconds: 7200, tolerance: 1800, approx: true });
    expect(parseDuration('~30 min')).toMatchObject({ seconds: 1800, tolerance: 300 });
    expect(parseDuration('45 minutes')).toMatchObject({ seconds: 2700, tolerance: 150 });
    expect(parseDuration('1.5 h')).toMatchObject({ seconds: 5400, tolerance: 900 });
  });

  it('verifies totals that hold, contradicts those that do not, and leaves partial lists alone', async () => {
    const md = [
      '# Migration plan',
      '',
      '## Phase A',
      '**Effort:** ~2 hours',
      '',
      '1. Rename the tables (40 min)',
      '2. Re-index the column (55 min)',
      '3. Switch the readers (20 min)',
      '',
      '## Phase B',
      '**Estimated time:** ~1 hour',
      '',
      '- Write the importer (45 min)',
      '- Load the fixtures (1 hour)',
      '- Review (30 min)',
      '',
      '## Phase C',
      '**Effort:** 3 hours',
      '',
      '- Port the parser (2 hours)',
      '- Document it',
      '',
      '## Phase D',
      '**Time:** 2 hours per day',
      '',
      '- Standup (15 min)',
      '- Review (1 hour)',
    ].join('\n');
    const claims = await audit({ 'REPORT.md': md });
    const a = onLine(claims, 'arithmetic', 4);
    expect(a.map((c) => c.verdict)).toEqual(['verified']);
    expect(a[0]!.reason).toContain('1 h 55 min');
    const b = onLine(claims, 'arithmetic', 11);
    expect(b.map((c) => c.verdict)).toEqual(['contradicted']);
    expect(b[0]!.reason).toContain('2 h 15 min');
    // An item without its own estimate: the parts are not all known.
    expect(onLine(claims, 'arithmetic', 18)).toEqual([]);
    // A rate, not a total.
    expect(onLine(claims, 'arithmetic', 24)).toEqual([]);
  });
});

describe('gaps in percentage points', () => {
  it('checks a gap field against the target and measured figures beside it', async () => {
    const md = [
      '# Quality',
      '',
      '### Line Coverage: 64%',
      '**Target:** 80%',
      '**Gap:** 16 percentage points',
      '',
      '### Branch Coverage: 51%',
      '**Target:** 75%',
      '**Gap:** 20 percentage points',
      '',
      '### Notes',
      '**Gap:** 5 points',
    ].join('\n');
    const claims = await audit({ 'REPORT.md': md });
    expect(onLine(claims, 'arithmetic', 5).map((c) => c.verdict)).toEqual(['verified']);
    expect(onLine(claims, 'arithmetic', 9).map((c) => c.verdict)).toEqual(['contradicted']);
    // No target or measured figure to compute it from.
    expect(onLine(claims, 'arithmetic', 12)).toEqual([]);
  });
});

describe('a heading percentage against the marks of its items', () => {
  it('compares the share of ✅ items with the stated percentage', async () => {
    const md = [
      '# Audit',
      '',
      '## Endpoint review (60% - PARTLY DONE)',
      '### Login ✅',
      'Handled.',
      '### Logout ✅',
      '### Refresh ❌',
      '### Profile ✅',
      '### Avatar upload ❌',
      '',
      '## Storage checks (90%)',
      '- ✅ Buckets private',
      '- ✅ Versioning on',
      '- ✅ Lifecycle rules',
      '- ✅ Encryption at rest',
      '',
      '## Network checks (50%)',
      '- ✅ TLS only',
      '- ⚠️ HSTS partial',
      '',
      '## Queue checks (75%)',
      '- Processed: 3/4 queues',
      '- ✅ dead letters',
      '- ❌ retries',
      '',
      '## Cache (80% hit rate)',
      '- Warmup script',
      '- Eviction policy',
    ].join('\n');
    const claims = await audit({ 'REPORT.md': md });
    expect(onLine(claims, 'consistency', 3).map((c) => c.verdict)).toEqual(['verified']);
    const s = onLine(claims, 'consistency', 11);
    expect(s.map((c) => c.verdict)).toEqual(['contradicted']);
    expect(s[0]!.reason).toContain('4 of 4');
    // A ⚠ item has no agreed weight; a fraction in the section says what the figure counts; unmarked items.
    expect(onLine(claims, 'consistency', 17)).toEqual([]);
    expect(onLine(claims, 'consistency', 21)).toEqual([]);
    expect(onLine(claims, 'consistency', 26)).toEqual([]);
  });
});

describe('rates the report computes from its own counts', () => {
  it('judges a bare pass rate on the counts stated beside it, and leaves a lone rate unverifiable', async () => {
    const md = [
      '# Nightly',
      '## Results',
      '### Parser suite',
      '- **Tests Run**: 40',
      '- **Tests Passed**: 30',
      '- **Pass Rate**: 75%',
      '',
      '### Lexer suite',
      '- **Tests Run**: 20',
      '- **Tests Passed**: 19',
      '- **Pass Rate**: 90%',
      '',
      '### Emitter suite',
      '- **Pass Rate**: 88%',
    ].join('\n');
    const claims = await audit({ 'REPORT.md': md });
    const verdict = (line: number) => claims.filter((c) => c.sources.some((s) => s.line === line)).map((c) => `${c.kind}=${c.verdict}`).sort();
    expect(verdict(6)).toEqual(['arithmetic=verified', 'test-result=verified']);
    expect(verdict(11)).toEqual(['arithmetic=contradicted', 'test-result=contradicted']);
    expect(verdict(14).map(String)).toEqual(['test-result=unverifiable']);
  });

});

describe('errors said to exist at a place, in File:/Error: records', () => {
  const goMod = 'module example.com/shop\n\ngo 1.22\n';
  const cart = ['package cart', '', 'func Total(xs []int) int {', '\tsum := 0', '\tcount := 0', '\tfor _, x := range xs {', '\t\tsum += x', '\t}', '\treturn sum', '}', ''].join('\n');
  const report = [
    '# Build status',
    '',
    '```',
    'File: cart.go:5',
    'Error: declared and not used: count',
    'Fix: remove it',
    '',
    'File: cart.go:4',
    'Error: declared and not used: sum',
    '```',
    '',
    '```',
    'Error: package example.com/shop/missing is not in std',
    '```',
  ].join('\n');

  it('puts each claim on its own line and checks it against the Go findings at that place', async () => {
    const claims = await audit({ 'go.mod': goMod, 'internal/cart/cart.go': cart, 'REPORT.md': report });
    const on = (line: number) => claims.filter((c) => c.kind === 'build-error' && c.sources.some((s) => s.line === line)).map((c) => c.verdict);
    expect(on(4)).toEqual(['verified']);
    expect(on(5)).toEqual(['verified']);
    // `sum` is used: Go would not report it, and claimcheck's analysis covers this kind of error.
    expect(on(9)).toEqual(['contradicted']);
    // No such import anywhere: no finding matches, no place is given.
    expect(on(13)).toEqual(['unverifiable']);
  });

  it('a bare name two files share: verified when a file of that name has the error there', async () => {
    const claims = await audit({ 'go.mod': goMod, 'internal/cart/cart.go': cart, 'legacy/cart/cart.go': cart, 'REPORT.md': report });
    const c = claims.find((x) => x.kind === 'build-error' && x.sources.some((s) => s.line === 5))!;
    expect(c.verdict).toBe('verified');
    expect(c.reason).toContain('names 2 files');
    const other = claims.find((x) => x.kind === 'build-error' && x.sources.some((s) => s.line === 9))!;
    expect(other.verdict).toBe('unverifiable');
  });
});

describe('claims about a whole build against the TypeScript diagnostics', { timeout: 60_000 }, () => {
  const tsconfig = '{ "compilerOptions": { "strict": true, "target": "ES2022", "module": "ESNext", "moduleResolution": "Bundler" } }\n';
  const clean = 'export function area(w: number, h: number): number {\n  return w * h;\n}\n';
  const broken = 'export function label(n: number): string {\n  return n;\n}\n';
  const report = '# Status\n- TypeScript errors: 0\n- Zero compilation errors\n- The project is error-free in TypeScript\n- Errors were reported by users last week\n';

  it('verifies "no errors" only when the type check covered everything: every file, nothing left to install', async () => {
    const claims = await audit({ 'tsconfig.json': tsconfig, 'src/area.ts': clean, 'REPORT.md': report });
    const b = claims.filter((c) => c.kind === 'build-error');
    expect(b.map((c) => `${c.source.line}:${c.verdict}`).sort()).toEqual(['2:verified', '3:verified', '4:verified']);
  });

  it('contradicts it with the error and its place', async () => {
    const claims = await audit({ 'tsconfig.json': tsconfig, 'src/area.ts': clean, 'src/label.ts': broken, 'REPORT.md': report });
    const c = claims.find((x) => x.kind === 'build-error' && x.source.line === 2)!;
    expect(c.verdict).toBe('contradicted');
    expect(c.reason).toContain('src/label.ts:2');
  });

  it('is unverifiable when declared dependencies are not installed', async () => {
    const claims = await audit({
      'package.json': '{ "name": "geo", "dependencies": { "left-pad": "^1.3.0" } }\n',
      'tsconfig.json': tsconfig,
      'src/area.ts': clean,
      'REPORT.md': report,
    });
    const c = claims.find((x) => x.kind === 'build-error' && x.source.line === 2)!;
    expect(c.verdict).toBe('unverifiable');
    expect(c.reason).toContain('not installed');
  });
});

describe('a count in a lead-in against the items listed under it', () => {
  it('verifies a matching count, contradicts a wrong one, and leaves measures and loose text alone', async () => {
    const md = [
      '# Delivery',
      '',
      '**Handlers (3 files):**',
      '- `src/orders.ts`',
      '- `src/users.ts`',
      '- `src/carts.ts`',
      '',
      '- Migrations (4 scripts):',
      '  - `001_init.sql`',
      '  - `002_users.sql`',
      '  - `003_orders.sql`',
      '',
      '### 📁 Fixtures (2 folders)',
      '- `fixtures/small`',
      '- `fixtures/large`',
      '',
      '### Parser (120 lines)',
      '- tokenizer',
      '- grammar',
      '',
      '### Helpers (3 files)',
      '- `a.ts` and `b.ts`',
      '- `c.ts`, `d.ts`',
      '',
      '### Docs (2 guides)',
      '- `GUIDE.md`',
      '',
      'More guides are in the wiki.',
    ].join('\n');
    const claims = await audit({ 'REPORT.md': md });
    const c = (line: number) => claims.filter((x) => x.kind === 'consistency' && x.source.line === line).map((x) => x.verdict);
    expect(c(3)).toEqual(['verified']);
    expect(c(8)).toEqual(['contradicted']);
    expect(c(13)).toEqual(['verified']);
    // A measure, not a count of the items.
    expect(c(17)).toEqual([]);
    // Items naming several files each: 4 names for 3 stated, 2 items — not decidable.
    expect(c(21)).toEqual(['unverifiable']);
    // The section holds more than the list.
    expect(c(25)).toEqual([]);
    // A title with a count claims the count only: nothing is left for the fallback.
    expect(claims.filter((x) => x.source.line === 3).map((x) => x.kind)).toEqual(['consistency']);
    // A folder emoji is not a status mark.
    expect(claims.filter((x) => x.source.line === 13).map((x) => x.kind)).toEqual(['consistency']);
  });
});

describe('a field that is only a figure is accounted for by its arithmetic', () => {
  it('lists nothing else for it, but keeps what a statement says beyond its numbers', () => {
    const md = [
      '# Bench',
      '- **Best ratio**: 7.5x (300 bytes → 40 bytes)',
      '- **Compression**: 7.5x (300 bytes → 40 bytes) on the staging cluster',
      '- **Brotli ratio**: 7.5x (300 bytes → 40 bytes)',
      '',
      '### Branch Coverage: 51%',
      '**Target:** 75%',
      '**Gap:** 24 percentage points',
    ].join('\n');
    // A label that names a technology attributes the figure to it: that is a claim of its own.
    const kinds = (line: number) => extract(md).filter((c) => c.sources.some((s) => s.line === line)).map((c) => c.kind).sort();
    expect(kinds(2)).toEqual(['arithmetic']);
    expect(kinds(3)).toEqual(['arithmetic', 'other']);
    expect(kinds(4)).toEqual(['arithmetic', 'other']);
    expect(kinds(8)).toEqual(['arithmetic']);
  });
});

describe('diff figures: a Files label over a kind of file is a component count', () => {
  it('reads "Files: 3" and "Files: 3 files changed" as a diffstat, and "Files: 4 implementation files (900 lines)" as not one', async () => {
    const { readDiffNumbers } = await import('../../src/claims/reportnumbers.js');
    const { parseClaimDocument } = await import('../../src/claims/document.js');
    const metrics = (line: string) => parseClaimDocument('R.md', line).statements.flatMap((st) => readDiffNumbers(st)).map((d) => `${d.metric}=${d.quantity.value}`);
    expect(metrics('**Files**: 3\n')).toEqual(['files-changed=3']);
    expect(metrics('**Files**: 3 files changed\n')).toEqual(['files-changed=3']);
    expect(metrics('**Files**: 4 implementation files (900 lines), 2 test files (300 lines)\n')).toEqual([]);
    expect(metrics('**Files**: 4 core files\n')).toEqual([]);
  });
});
