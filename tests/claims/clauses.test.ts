/**
 * A line that names code and says something of it is two claims: the names
 * (symbol-exists) and the capability (feature). Examples written here: a
 * small rate limiter in Python.
 */
import { describe, it, expect, afterAll } from 'vitest';
import { describedCode, namedClause } from '../../src/claims/clauses.js';
import { parseClaimDocument } from '../../src/claims/document.js';
import { extractClaims } from '../../src/claims/extract.js';
import { CLAIM_KINDS, FALLBACK_KIND, kindModule } from '../../src/claims/kinds/index.js';
import type { Claim } from '../../src/claims/types.js';
import { cleanup } from '../helpers/tmp.js';
import { repoContext } from '../helpers/context.js';

const dirs: string[] = [];
afterAll(() => dirs.forEach(cleanup));

const LIMITER_PY = `import time
import hmac


class TokenBucket:
    def __init__(self, rate, burst):
        self.rate = rate
        self.burst = burst
        self.tokens = burst
        self.stamp = time.monotonic()

    def take(self):
        now = time.monotonic()
        self.tokens = min(self.burst, self.tokens + (now - self.stamp) * self.rate)
        self.stamp = now
        if self.tokens < 1:
            return False
        self.tokens -= 1
        return True

    def drain(self):
        self.tokens = 0

    def refill(self):
        self.tokens = self.burst
`;

const REPORT = `# Limiter

## Token bucket
**File**: \`limiter/bucket.py\`

- \`TokenBucket\` class with burst capacity refill
- \`TokenBucket\` class with distributed quota synchronization
- Operator overrides with \`drain()\` and \`refill()\`
- Request signing with \`hmac\`
`;

function claimsOn(md: string, lineText: string): Claim[] {
  const doc = parseClaimDocument('REPORT.md', md);
  const line = md.split('\n').findIndex((l) => l.includes(lineText)) + 1;
  return extractClaims([doc], CLAIM_KINDS, FALLBACK_KIND).claims.filter((c) => c.sources.some((s) => s.line === line));
}

describe('clauses: the shapes', () => {
  it('splits names from what is said of them', () => {
    expect(namedClause('`Cache` class with least-recently-used eviction')).toEqual({ head: '`Cache` class', clause: 'with least-recently-used eviction' });
    expect(namedClause('`Reader`, `Writer` with buffered output streams')).toEqual({ head: '`Reader`, `Writer`', clause: 'with buffered output streams' });
    // Look-alikes: code inside the clause, a one-word clause, prose first.
    expect(namedClause('`Breaker` class with states (`OPEN`, `CLOSED`)')).toBeNull();
    expect(namedClause('`Cache` with tests')).toBeNull();
    expect(namedClause('Eviction policy with `Cache`')).toBeNull();
  });

  it('takes a description followed only by the project code that implements it', () => {
    expect(describedCode('Graceful shutdown via `drain()` and `close()`')).toEqual(['drain()', 'close()']);
    expect(describedCode('Retry policy using `RetryPolicy`')).toEqual(['RetryPolicy']);
    // A library module is not the project's code; a span that is a snippet is not a name.
    expect(describedCode('Checksums with `hashlib`')).toBeNull();
    expect(describedCode('Startup with `npm run start`')).toBeNull();
    expect(describedCode('`drain()` with graceful shutdown')).toBeNull();
  });
});

describe('clauses: claims and verdicts', () => {
  it('judges the class and the capability apart', async () => {
    const ctx = await repoContext({ 'limiter/bucket.py': LIMITER_PY }, [], dirs);
    const doc = parseClaimDocument('REPORT.md', REPORT);
    const on = claimsOn(REPORT, 'distributed quota');
    const sym = on.find((c) => c.kind === 'symbol-exists')!;
    const feat = on.find((c) => c.kind === 'feature')!;
    expect(sym.text).toBe('`TokenBucket` class');
    expect(feat.text).toBe('with distributed quota synchronization');
    expect((await kindModule('symbol-exists')!.verify(sym, { ...ctx, documents: [doc] })).verdict).toBe('verified');
    // The class exists; the capability does not: the class never verifies it.
    expect((await kindModule('feature')!.verify(feat, { ...ctx, documents: [doc] })).verdict).toBe('contradicted');
    const held = claimsOn(REPORT, 'burst capacity').find((c) => c.kind === 'feature')!;
    expect((await kindModule('feature')!.verify(held, { ...ctx, documents: [doc] })).verdict).toBe('verified');
  });

  it('leaves a description of named project code to the names, and keeps a library to the feature kind', async () => {
    const ctx = await repoContext({ 'limiter/bucket.py': LIMITER_PY }, [], dirs);
    const doc = parseClaimDocument('REPORT.md', REPORT);
    const overrides = claimsOn(REPORT, 'Operator overrides');
    expect(overrides.map((c) => c.kind)).toEqual(['symbol-exists']);
    expect((await kindModule('symbol-exists')!.verify(overrides[0]!, { ...ctx, documents: [doc] })).verdict).toBe('verified');
    // `hmac` is imported and never used: the signing the line claims is not there.
    const signing = claimsOn(REPORT, 'Request signing').find((c) => c.kind === 'feature')!;
    expect((await kindModule('feature')!.verify(signing, { ...ctx, documents: [doc] })).verdict).toBe('contradicted');
  });
});
