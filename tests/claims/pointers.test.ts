/**
 * Lines that point at files ("See SETUP.md", "Need the API? → API.md", a
 * document map in a fenced block) say the files are there; a drawn tree's
 * notes on a file ("[entry point - 12 lines]", "[4 packages]") count it.
 * Examples written here: a tiny Flask service.
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
  'app.py': 'from flask import Flask\n\napp = Flask(__name__)\n\n\n@app.get("/")\ndef index():\n    return "ok"\n\n\nif __name__ == "__main__":\n    app.run()\n',
  'requirements.txt': 'flask==3.0.0\ngunicorn==21.2.0\nrequests==2.31.0\n',
  'SETUP.md': '# Setup\n',
  'API.md': '# API\n',
};

const REPORT = `# Delivered

\`\`\`
svc/
├── app.py              [entry point - 12 lines]
├── requirements.txt    [3 packages]
└── SETUP.md            [setup guide - 40 lines]
\`\`\`

\`\`\`
Where to go next:
├─ First time here? → SETUP.md
├─ Calling the service? → API.md
└─ Deploying it? → DEPLOY.md
\`\`\`

- See SETUP.md for the steps
- Details in \`CHANGELOG.md\`
- The setup was quick
`;

function claimsOn(lineText: string): Claim[] {
  const doc = parseClaimDocument('REPORT.md', REPORT);
  const n = REPORT.split('\n').findIndex((l) => l.includes(lineText)) + 1;
  return extractClaims([doc], CLAIM_KINDS, FALLBACK_KIND).claims.filter((c) => c.sources.some((s) => s.line === n));
}

async function verdict(lineText: string, kind: string): Promise<Outcome> {
  const ctx = await repoContext(FILES, [], dirs);
  const snapshot = await RepoSnapshot.open(ctx.snapshot.root, { noGit: true });
  const c = claimsOn(lineText).find((x) => x.kind === kind);
  expect(c, `a ${kind} claim on "${lineText}"`).toBeDefined();
  return kindModule(kind)!.verify(c!, { ...ctx, snapshot, repoFacts: buildRepoFacts(snapshot), documents: [parseClaimDocument('REPORT.md', REPORT)] });
}

describe('a drawn tree\'s notes on files', () => {
  it('counts a file\'s lines and a manifest\'s packages', async () => {
    expect((await verdict('[entry point - 12 lines]', 'line-count')).verdict).toBe('verified');
    expect((await verdict('[setup guide - 40 lines]', 'line-count')).verdict).toBe('contradicted');
    const pkgs = await verdict('[3 packages]', 'dependency');
    expect(pkgs.verdict).toBe('verified');
    expect(pkgs.reason).toMatch(/declares 3 packages/);
  });
});

describe('pointers at files', () => {
  it('reads each arrow of a document map as the file being there', async () => {
    expect((await verdict('First time here?', 'file-exists')).verdict).toBe('verified');
    expect((await verdict('Calling the service?', 'file-exists')).verdict).toBe('verified');
    expect((await verdict('Deploying it?', 'file-exists')).verdict).toBe('contradicted');
    expect(claimsOn('Deploying it?').map((c) => c.kind)).not.toContain('feature');
  });

  it('reads "See …" and "Details in …" as the file being there, and leaves a line naming none alone', async () => {
    expect((await verdict('See SETUP.md', 'file-exists')).verdict).toBe('verified');
    expect((await verdict('Details in', 'file-exists')).verdict).toBe('contradicted');
    expect(claimsOn('The setup was quick').map((c) => c.kind)).not.toContain('file-exists');
  });
});
