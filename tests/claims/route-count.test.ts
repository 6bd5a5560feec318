/**
 * A count of the HTTP routes a report says the code has ("**API Routes:** 3",
 * "| Endpoints | ✅ 4 |", "12 REST endpoints"), against the routes the code
 * registers, counted by method and path, by path and by file. Examples
 * written here: a small Express app.
 */
import { describe, it, expect, afterAll } from 'vitest';
import { parseClaimDocument } from '../../src/claims/document.js';
import { extractClaims } from '../../src/claims/extract.js';
import { CLAIM_KINDS, FALLBACK_KIND, kindModule } from '../../src/claims/kinds/index.js';
import type { Claim, Outcome } from '../../src/claims/types.js';
import { RepoSnapshot } from '../../src/repo/snapshot.js';
import { buildRepoFacts } from '../../src/facts/index.js';
import { cleanup } from '../helpers/tmp.js';
import { repoContext } from '../helpers/context.js';

const dirs: string[] = [];
afterAll(() => dirs.forEach(cleanup));

const FILES = {
  'package.json': '{"name":"shop","dependencies":{"express":"^4.19.0"}}',
  'src/app.js': `const express = require('express');
const app = express();
app.get('/items', (req, res) => res.json([]));
app.post('/items', (req, res) => res.status(201).json({}));
app.get('/items/:id', (req, res) => res.json({}));
module.exports = app;
`,
};

const REPORT = `# API
- **API Routes:** 3
- **Endpoints**: 5 (items, orders)
- **Total Routes:** 12
- 3 new endpoints added this week

| Area | Status |
| --- | --- |
| REST endpoints | ✅ 2 working |
`;

function routeClaims(lineText: string): Claim[] {
  const doc = parseClaimDocument('REPORT.md', REPORT);
  const n = REPORT.split('\n').findIndex((l) => l.includes(lineText)) + 1;
  return extractClaims([doc], CLAIM_KINDS, FALLBACK_KIND).claims.filter((c) => c.sources.some((s) => s.line === n) && c.data.routeCount);
}

async function verdict(lineText: string): Promise<Outcome> {
  const ctx = await repoContext(FILES, [], dirs);
  const snapshot = await RepoSnapshot.open(ctx.snapshot.root, { noGit: true });
  const [c] = routeClaims(lineText);
  expect(c, `a route count on "${lineText}"`).toBeDefined();
  return kindModule('symbol-count')!.verify(c!, { ...ctx, snapshot, repoFacts: buildRepoFacts(snapshot), documents: [] });
}

describe('route counts', () => {
  it('verifies a count one convention gives and contradicts one none gives', async () => {
    expect((await verdict('API Routes:** 3')).verdict).toBe('verified');
    expect((await verdict('REST endpoints')).verdict).toBe('verified');
    const five = await verdict('**Endpoints**: 5');
    expect(five.verdict).toBe('contradicted');
    expect(five.reason).toMatch(/3 method-and-path routes, 2 paths, 1 files/);
  });

  it('leaves "routes" that may be pages, and changed endpoints, to other kinds', () => {
    expect(routeClaims('Total Routes')).toEqual([]);
    expect(routeClaims('new endpoints added')).toEqual([]);
  });
});
