/**
 * HTTP statuses a report says the code answers with, looked up as code
 * writes them. Examples written here: an Express handler, a Go handler, a
 * FastAPI router.
 */
import { describe, it, expect, afterAll } from 'vitest';
import { statusMentions } from '../../src/claims/kinds/http-status.js';
import { parseClaimDocument } from '../../src/claims/document.js';
import { extractClaims } from '../../src/claims/extract.js';
import { CLAIM_KINDS, FALLBACK_KIND, kindModule } from '../../src/claims/kinds/index.js';
import type { Outcome } from '../../src/claims/types.js';
import { RepoSnapshot } from '../../src/repo/snapshot.js';
import { buildRepoFacts } from '../../src/facts/index.js';
import { cleanup } from '../helpers/tmp.js';
import { repoContext } from '../helpers/context.js';

const dirs: string[] = [];
afterAll(() => dirs.forEach(cleanup));

describe('statusMentions', () => {
  it('reads a code with its reason phrase or beside a status word', () => {
    expect(statusMentions('Returns 201 CREATED on success')).toEqual([201]);
    expect(statusMentions('404 Not Found when the order is unknown')).toEqual([404]);
    expect(statusMentions('400/422 responses with clear messages')).toEqual([400, 422]);
    expect(statusMentions('HTTP 429 when the quota is spent')).toEqual([429]);
  });

  it('leaves numbers that are not statuses alone', () => {
    expect(statusMentions('Handles 200 concurrent users')).toEqual([]);
    expect(statusMentions('p95 latency under 500 ms')).toEqual([]);
    expect(statusMentions('Runs on port 8000')).toEqual([]);
    expect(statusMentions('404 pages rendered from templates')).toEqual([]);
  });
});

const FILES = {
  'web/orders.js': `const express = require('express');
const router = express.Router();
// 409 would be returned on a duplicate, some day
router.post('/orders', (req, res) => {
  if (!req.body.sku) return res.status(400).json({ error: 'sku required' });
  res.status(201).json({ id: 1 });
});
module.exports = router;
`,
  'svc/handler.go': `package svc

import "net/http"

func Get(w http.ResponseWriter, r *http.Request) {
	w.WriteHeader(http.StatusNotFound)
}
`,
};

const REPORT = `# API
## Orders
**File**: \`web/orders.js\`
- Returns 201 Created for a new order
- 400 Bad Request when the SKU is missing
- 409 Conflict on a duplicate order

## Lookup
**File**: \`svc/handler.go\`
- 404 Not Found for an unknown id
`;

async function verdict(lineText: string): Promise<Outcome> {
  const ctx = await repoContext(FILES, [], dirs);
  const snapshot = await RepoSnapshot.open(ctx.snapshot.root, { noGit: true });
  const doc = parseClaimDocument('REPORT.md', REPORT);
  const n = REPORT.split('\n').findIndex((l) => l.includes(lineText)) + 1;
  const c = extractClaims([doc], CLAIM_KINDS, FALLBACK_KIND).claims.find((x) => x.kind === 'feature' && x.sources.some((s) => s.line === n));
  expect(c, `a status claim on "${lineText}"`).toBeDefined();
  return kindModule('feature')!.verify(c!, { ...ctx, snapshot, repoFacts: buildRepoFacts(snapshot), documents: [doc] });
}

describe('statuses in the code of the section\'s file', () => {
  it('finds the number beside a status call and the named constant', async () => {
    expect((await verdict('Returns 201 Created')).verdict).toBe('verified');
    expect((await verdict('400 Bad Request')).verdict).toBe('verified');
    const go = await verdict('404 Not Found');
    expect(go.verdict).toBe('verified');
    expect(go.evidence[0]!.line).toBe(6);
  });

  it('does not take a comment for the code: a status only mentioned there stays open', async () => {
    const out = await verdict('409 Conflict');
    expect(out.verdict).toBe('unverifiable');
    expect(out.reason).toMatch(/409 Conflict is not written in the code/);
  });
});
