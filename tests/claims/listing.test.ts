/**
 * A file listing's description ("`api/orders.py` - order endpoint handlers")
 * says what the file is, in words its code need not contain: its path, a
 * package's `__init__`, the routes it registers, a test file's tests. A
 * document's caption is read against the document. Examples written here: a
 * small Flask app.
 */
import { describe, it, expect, afterAll } from 'vitest';
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

const FILES = {
  'shop/__init__.py': '',
  'shop/api/orders.py': `from flask import Blueprint, jsonify

bp = Blueprint("orders", __name__)


@bp.route("/orders", methods=["GET"])
def list_orders():
    return jsonify([])
`,
  'shop/billing.py': 'def total(items):\n    return sum(i.price for i in items)\n',
  'docs/DEPLOY.md': '# Deploying\n\nBuild the image, push it, then roll the deployment.\n',
};

const REPORT = `# Files
- \`shop/__init__.py\` - Package initialization
- \`shop/api/orders.py\` - Order endpoint handlers
- \`shop/billing.py\` - Invoice endpoint handlers
- \`shop/billing.py\` - Billing totals with Stripe webhooks
- \`docs/DEPLOY.md\` - Deployment steps
- \`docs/DEPLOY.md\` - Rollback runbook
`;

async function verdict(line: string): Promise<Outcome> {
  const ctx = await repoContext(FILES, [], dirs);
  const snapshot = await RepoSnapshot.open(ctx.snapshot.root, { noGit: true });
  const doc = parseClaimDocument('REPORT.md', REPORT);
  const n = REPORT.split('\n').findIndex((l) => l.includes(line)) + 1;
  const c = extractClaims([doc], CLAIM_KINDS, FALLBACK_KIND).claims.find((x) => x.kind === 'feature' && x.sources.some((s) => s.line === n));
  expect(c, `a feature claim on "${line}"`).toBeDefined();
  return kindModule('feature')!.verify(c!, { ...ctx, snapshot, repoFacts: buildRepoFacts(snapshot), documents: [doc] });
}

describe('a listed file is what its path and structure say', () => {
  it('verifies a package init and a file that registers the routes it is said to handle', async () => {
    expect((await verdict('Package initialization')).verdict).toBe('verified');
    const orders = await verdict('Order endpoint handlers');
    expect(orders.verdict).toBe('verified');
    expect(orders.reason).toMatch(/endpoint, handlers by what the file is/);
  });

  it('does not lend those words to a file without routes, nor answer for a named technology', async () => {
    expect((await verdict('Invoice endpoint handlers')).verdict).not.toBe('verified');
    expect((await verdict('Stripe webhooks')).verdict).not.toBe('verified');
  });

  it('reads a document caption against the document', async () => {
    expect((await verdict('Deployment steps')).verdict).toBe('verified');
    expect((await verdict('Rollback runbook')).verdict).toBe('unverifiable');
  });
});
