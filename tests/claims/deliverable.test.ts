/**
 * The deliverable kind: a class of files a report says its work produced,
 * looked for where the work is. Examples written here: a report in a
 * migration folder of a small service.
 */
import { describe, it, expect, afterAll } from 'vitest';
import { parseClaimDocument } from '../../src/claims/document.js';
import { extractClaims } from '../../src/claims/extract.js';
import { CLAIM_KINDS, FALLBACK_KIND, kindModule } from '../../src/claims/kinds/index.js';
import type { Claim } from '../../src/claims/types.js';
import { cleanup } from '../helpers/tmp.js';
import { repoContext } from '../helpers/context.js';

const dirs: string[] = [];
afterAll(() => dirs.forEach(cleanup));

const DOC = 'ops/migration/MIGRATION_DONE.md';
const REPORT = `# Migration done

## Delivered
- **Rollback Scripts**: one command per step
- **Runbook**: operator steps
- **Load Test Results**: latency for all endpoints

## Checklist
- ✅ Documentation completed
- ✅ Seed scripts written
- ✅ Cutover rehearsed twice
- Schema documentation reviewed by the team
`;

function claimsOn(md: string, lineText: string): Claim[] {
  const doc = parseClaimDocument(DOC, md);
  const line = md.split('\n').findIndex((l) => l.includes(lineText)) + 1;
  return extractClaims([doc], CLAIM_KINDS, FALLBACK_KIND).claims.filter((c) => c.sources.some((s) => s.line === line));
}

async function verdict(files: Record<string, string>, lineText: string) {
  const ctx = await repoContext(files, [], dirs);
  const c = claimsOn(REPORT, lineText).find((x) => x.kind === 'deliverable');
  expect(c, `a deliverable claim on "${lineText}"`).toBeDefined();
  return kindModule('deliverable')!.verify(c!, { ...ctx, documents: [parseClaimDocument(DOC, REPORT)] });
}

const WORK = {
  [DOC]: REPORT,
  'ops/migration/rollback_step1.sh': 'psql -f undo1.sql\n',
  'ops/migration/RUNBOOK.md': '# Runbook\n',
  'ops/migration/seed.py': 'print("seed")\n',
  'services/api/main.py': 'print("api")\n',
};

describe('deliverable: recognition', () => {
  it('reads a produced class of files from a label, a checked item or a made-verb, and supersedes the capability reading', () => {
    expect(claimsOn(REPORT, 'Rollback Scripts').map((c) => c.kind)).toContain('deliverable');
    expect(claimsOn(REPORT, 'Documentation completed').map((c) => c.kind)).toEqual(['deliverable']);
    expect(claimsOn(REPORT, 'Seed scripts written').map((c) => c.kind)).toContain('deliverable');
  });

  it('leaves completeness, events and lines with no made-word or mark alone', () => {
    expect(claimsOn(REPORT, 'Load Test Results').map((c) => c.kind)).not.toContain('deliverable');
    expect(claimsOn(REPORT, 'Cutover rehearsed').map((c) => c.kind)).not.toContain('deliverable');
    expect(claimsOn(REPORT, 'Schema documentation reviewed').map((c) => c.kind)).not.toContain('deliverable');
  });
});

describe('deliverable: verification', () => {
  it('is verified by a file of the class beside the report whose name spells the qualifier', async () => {
    const out = await verdict(WORK, 'Rollback Scripts');
    expect(out.verdict).toBe('verified');
    expect(out.evidence.map((e) => e.path)).toEqual(['ops/migration/rollback_step1.sh']);
    expect((await verdict(WORK, 'Runbook')).verdict).toBe('verified');
  });

  it('never counts the report itself, and stays open when nothing of the class is there', async () => {
    const bare = { [DOC]: REPORT, 'services/api/main.py': 'print("api")\n' };
    const docs = await verdict(bare, 'Documentation completed');
    expect(docs.verdict).toBe('unverifiable');
    // Scripts there, but none for seeding: the qualifier must be spelled.
    const seed = await verdict({ ...bare, 'ops/migration/rollback_step1.sh': 'x\n' }, 'Seed scripts written');
    expect(seed.verdict).toBe('unverifiable');
    expect((await verdict(WORK, 'Seed scripts written')).verdict).toBe('verified');
  });
});
