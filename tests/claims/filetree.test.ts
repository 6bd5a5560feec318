/**
 * Directory trees drawn in code blocks: every entry is a file-exists claim on
 * the line it is drawn, with its ancestors as its path; the drawn root folder
 * is dropped when it is the project itself. Look-alikes: a code block of
 * shell output or an indented list without drawing characters is no tree.
 */
import { describe, it, expect, afterAll } from 'vitest';
import { parseFileTree } from '../../src/claims/filetree.js';
import { parseClaimDocument } from '../../src/claims/document.js';
import { extractClaims } from '../../src/claims/extract.js';
import { CLAIM_KINDS, FALLBACK_KIND, kindModule } from '../../src/claims/kinds/index.js';
import { RepoSnapshot } from '../../src/repo/snapshot.js';
import type { VerifyContext } from '../../src/claims/types.js';
import { makeTree, cleanup } from '../helpers/tmp.js';

const dirs: string[] = [];
afterAll(() => dirs.forEach(cleanup));

const REPORT = `# Layout

\`\`\`
shop-api/
├── api/
│   ├── __init__.py
│   └── orders.py        # 3 order routes
├── workers/
│   └── mailer.py        [sends receipts]
└── pyproject.toml
\`\`\`
`;

describe('file trees', () => {
  it('reads tree, ASCII and annotated entries', () => {
    expect(parseFileTree('src/\n|-- a.ts\n`-- lib/\n    `-- b.ts').map((e) => e.path)).toEqual(['src/a.ts', 'src/lib', 'src/lib/b.ts']);
    expect(parseFileTree('app\n├── x.go   (entry)\n└── y.go').map((e) => e.path)).toEqual(['x.go', 'y.go']);
    // Icons before names, and another machine's absolute root.
    expect(parseFileTree('/home/u/shop/\n├── 📂 api/\n│   └── 📄 orders.py\n└── 📖 README.md').map((e) => e.path)).toEqual(['shop/api', 'shop/api/orders.py', 'shop/README.md']);
  });

  it('reads a box diagram in linear time (a long identifier once made the root pattern backtrack exponentially)', () => {
    const box = ['┌──────────┐', '│  Sync    │', '└────┬─────┘', '     │', '│     FabricSyncJob.execute_fabric_sync_and_reconcile_everything()        │', '└──────────┘'].join('\n');
    const t0 = performance.now();
    parseFileTree(box);
    expect(performance.now() - t0).toBeLessThan(500);
  });

  it('is not fooled by code or indented lists', () => {
    expect(parseFileTree('$ ls\napp  main.py  tests')).toEqual([]);
    expect(parseFileTree('def f():\n    return 1')).toEqual([]);
    expect(parseFileTree('- src/\n  - a.ts')).toEqual([]);
  });

  it('makes one file-exists claim per entry, on its drawn line, and checks it', async () => {
    const doc = parseClaimDocument('REPORT.md', REPORT);
    const all = extractClaims([doc], CLAIM_KINDS, FALLBACK_KIND).claims;
    // The annotation with a number asserts more than existence: its own claim on the entry's line.
    expect(all.filter((c) => c.kind === 'other').map((c) => [c.source.line, c.text])).toEqual([[7, 'orders.py: 3 order routes']]);
    const claims = all.filter((c) => c.kind === 'file-exists');
    expect(claims.map((c) => [c.source.line, c.subject.path]).sort((a, b) => Number(a[0]) - Number(b[0]))).toEqual([
      [5, 'api/'],
      [6, 'api/__init__.py'],
      [7, 'api/orders.py'],
      [8, 'workers/'],
      [9, 'workers/mailer.py'],
      [10, 'pyproject.toml'],
    ]);
    const dir = makeTree({ 'api/__init__.py': '', 'api/orders.py': 'x = 1\n', 'pyproject.toml': '[project]\n', 'workers/other.py': '' });
    dirs.push(dir);
    const snapshot = await RepoSnapshot.open(dir, { noGit: true });
    const ctx = { snapshot, model: () => null, findings: [], documents: [doc], facts: new Map() } as unknown as VerifyContext;
    const byPath = Object.fromEntries(
      await Promise.all(claims.map(async (c) => [c.subject.path, (await kindModule('file-exists')!.verify(c, ctx)).verdict])),
    );
    expect(byPath).toMatchObject({ 'api/__init__.py': 'verified', 'api/orders.py': 'verified', 'workers/': 'verified', 'workers/mailer.py': 'contradicted', 'pyproject.toml': 'verified' });
  });
});

describe('file trees: a described folder that holds only a keep-file', () => {
  it('contradicts "contract/  # Contract tests" over a folder with only .gitkeep, and keeps an undescribed or filled folder verified', async () => {
    const dir = makeTree({ 'tests/contract/.gitkeep': '', 'tests/unit/a_test.go': 'package unit\n', 'tests/fixtures/.gitkeep': '' });
    dirs.push(dir);
    const snapshot = await RepoSnapshot.open(dir, { noGit: true });
    const ctx: VerifyContext = { snapshot, model: () => null, findings: [], documents: [], facts: new Map(), repoFacts: (await import('../../src/facts/repofacts.js')).RepoFacts.empty() };
    const md = '# Layout\n```\ntests/\n├── contract/    # Contract tests\n├── unit/        # Unit tests\n└── fixtures/\n```\n';
    const claims = extractClaims([parseClaimDocument('R.md', md)], CLAIM_KINDS, FALLBACK_KIND).claims.filter((c) => c.kind === 'file-exists');
    const verdict = async (name: string) => (await kindModule('file-exists')!.verify(claims.find((c) => c.text === name)!, ctx)).verdict;
    expect(await verdict('contract/')).toBe('contradicted');
    expect(await verdict('unit/')).toBe('verified');
    expect(await verdict('fixtures/')).toBe('verified');
  });
});
