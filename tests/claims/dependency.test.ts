/**
 * The dependency kind: recognised by structure (package specs, install
 * commands, a name with a version after a verb of installing or upgrading,
 * code spans in a statement about dependencies, lists under a dependencies
 * label), verified against the facts index, with the manifest at the parent
 * of the report's commit read for "added" and "upgraded from A to B".
 */
import { existsSync, writeFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { RepoSnapshot } from '../../src/repo/snapshot.js';
import { buildRepoFacts } from '../../src/facts/index.js';
import { parseClaimDocument } from '../../src/claims/document.js';
import { extractClaims } from '../../src/claims/extract.js';
import { CLAIM_KINDS, FALLBACK_KIND, kindModule } from '../../src/claims/kinds/index.js';
import { gatherFacts } from '../../src/claims/facts.js';
import type { Claim, VerifyContext } from '../../src/claims/types.js';
import { cleanup, git, makeGitRepo, makeTree } from '../helpers/tmp.js';

const dirs: string[] = [];
afterAll(() => dirs.forEach(cleanup));

async function contextOf(dir: string, md = ''): Promise<VerifyContext> {
  dirs.push(dir);
  const snapshot = await RepoSnapshot.open(dir, { noGit: !existsSync(dir + '/.git') });
  const docs = md ? [parseClaimDocument('REPORT.md', md)] : [];
  return { snapshot, model: () => null, findings: [], documents: docs, facts: await gatherFacts(snapshot, snapshot.hasFile('REPORT.md') ? [parseClaimDocument('REPORT.md', md)] : []), repoFacts: buildRepoFacts(snapshot) };
}

function depClaims(md: string): Claim[] {
  return extractClaims([parseClaimDocument('REPORT.md', md)], CLAIM_KINDS, FALLBACK_KIND).claims.filter((c) => c.kind === 'dependency');
}

async function verdicts(ctx: VerifyContext, md: string): Promise<string[]> {
  const out: string[] = [];
  for (const c of depClaims(md)) {
    const o = await kindModule('dependency')!.verify(c, ctx);
    out.push(`${c.subject.symbol}: ${o.verdict} — ${o.reason}`);
  }
  return out;
}

const PY = {
  'requirements.txt': 'fastapi==0.110.0\nuvicorn[standard]>=0.29\nredis==5.0.1\n',
  'requirements-dev.txt': '-r requirements.txt\npytest==8.1.1\n',
  'app/main.py': '# import celery  (not used yet)\nimport fastapi\n',
  'README.md': 'We plan to use celery for background jobs.\n',
};

describe('dependency claims: recognition', () => {
  it('finds specs, install commands, verb + name + version, and lists under a dependencies label', () => {
    const md = [
      '# Work summary',
      '- Added `redis` 5.0.1 to requirements.txt',
      '- Upgraded axios from 0.27 to 1.6',
      '- Installed with `pip install httpx==0.27.0 "sqlalchemy>=2"`',
      '- Now uses gin v1.9 for routing',
      '- **Dependencies**: fastapi, uvicorn, sqlalchemy',
      '- Pinned `numpy==1.26.4`',
      '- Added `github.com/redis/go-redis/v9 v9.5.1` to go.mod',
    ].join('\n');
    expect(depClaims(md).map((c) => `${c.source.line} ${c.subject.symbol} ${(c.data as { version: string | null }).version ?? '-'} ${(c.data as { action: string }).action}`)).toEqual([
      '2 redis 5.0.1 add',
      '3 axios 1.6 upgrade',
      '4 httpx 0.27.0 add',
      '4 sqlalchemy >=2 add',
      '5 gin v1.9 use',
      '6 fastapi - use',
      '6 sqlalchemy - use',
      '6 uvicorn - use',
      '7 numpy 1.26.4 use',
      '8 github.com/redis/go-redis/v9 v9.5.1 add',
    ]);
  });

  it('leaves prose words, section numbers, runtimes, identifiers and negations alone', () => {
    const md = [
      '# Notes',
      '- The client retries failed requests with backoff',
      '- Updated section 3.2 of the guide',
      '- Upgraded Python from 3.11 to 3.12',
      '- Uses Redis 7 for sessions',
      '- Fixed `get_user` in the users package',
      '- We do not use `lodash` anymore',
      '- Added 12 tests for the parser',
    ].join('\n');
    expect(depClaims(md)).toEqual([]);
  });
});

describe('dependency claims: verification', () => {
  it('verifies a declared package with its version, and contradicts a wrong version with both versions', async () => {
    const ctx = await contextOf(makeTree(PY));
    expect(await verdicts(ctx, '- Added `redis` 5.0.1 to requirements.txt')).toEqual(['redis: verified — declared in requirements.txt:3 with version 5.0.1 (pinned ==5.0.1); the state before the work was not checked (not a git repository)']);
    const wrong = await verdicts(ctx, '- Added `redis` 4.6.0 to requirements.txt');
    expect(wrong[0]).toMatch(/^redis: contradicted — stated redis 4\.6\.0; requirements\.txt:3: pinned ==5\.0\.1/);
    expect(await verdicts(ctx, '- **Dependencies**: fastapi, uvicorn')).toEqual([
      'fastapi: verified — declared: fastapi ==0.110.0 in requirements.txt:1',
      'uvicorn: verified — declared: uvicorn >=0.29 in requirements.txt:2',
    ]);
  });

  it('a package only in a comment or README is not declared: contradicted where a manifest of the ecosystem exists', async () => {
    const ctx = await contextOf(makeTree(PY));
    const v = await verdicts(ctx, '- Added `celery` to requirements.txt for background jobs');
    expect(v[0]).toMatch(/^celery: contradicted — celery is declared in none of requirements\.txt/);
  });

  it('unverifiable without a manifest of the ecosystem, for a service, and for a range that does not pin the version', async () => {
    const ctx = await contextOf(makeTree({ ...PY, 'docker-compose.yml': 'services:\n  memcached:\n    image: memcached:1.6\n', 'web/package.json': '{"dependencies": {"axios": "^1.2.0"}}' }));
    expect((await verdicts(ctx, '- Installed `gin` with `go get github.com/gin-gonic/gin@v1.9.1`'))[0]).toMatch(/unverifiable — the repository has no Go manifest/);
    expect((await verdicts(ctx, '- Dependencies: memcached'))[0]).toMatch(/unverifiable — memcached is a service in docker-compose\.yml/);
    expect((await verdicts(ctx, '- Upgraded axios from 0.27 to 1.6 in package.json'))[0]).toMatch(/unverifiable — axios is declared in web\/package\.json:1, but version 1\.6 cannot be confirmed: declared range \^1\.2\.0 admits 1\.6 but does not pin it/);
    expect((await verdicts(ctx, '- Upgraded axios to 2.1.0 in package.json'))[0]).toMatch(/contradicted — stated axios 2\.1\.0; web\/package\.json:1: declared range \^1\.2\.0 excludes 2\.1\.0/);
  });

  it('a folder the report names brings its own manifests into scope', async () => {
    const ctx = await contextOf(makeTree({ 'sdk/package.json': '{"dependencies": {"ws": "^8.16.0"}}', 'web/package.json': '{"dependencies": {"axios": "^1.6.0"}}', 'sdk/index.ts': 'export {};\n' }));
    const v = await verdicts(ctx, '- `sdk/` dependencies: `axios`, `ws`');
    expect(v).toHaveLength(2);
    expect(v[0]).toMatch(/^axios: unverifiable — axios is not declared in sdk\/package\.json .*web\/package\.json:1 declares it/);
    expect(v[1]).toMatch(/^ws: verified — declared: ws \^8\.16\.0 in sdk\/package\.json:1/);
  });

  it('the repository\'s own packages are not third-party dependencies', async () => {
    const ctx = await contextOf(makeTree({ 'go.mod': 'module example.invalid/meshd\n\ngo 1.22\n', 'internal/testutil/fixtures.go': 'package testutil\n' }));
    expect((await verdicts(ctx, '- Removed the `testutil` package dependency from the peer tests'))[0]).toMatch(/^testutil: unverifiable — testutil is declared in no manifest, but the repository has its own testutil/);
    expect(await verdicts(ctx, '- Built-in modules: `fs`, `path`, `events`')).toEqual([]);
    expect(await verdicts(ctx, '- Packages: marketplace, opensource, certification')).toEqual([]);
  });

  it('removed packages must be gone', async () => {
    const ctx = await contextOf(makeTree(PY));
    expect((await verdicts(ctx, '- Removed `requests` from requirements.txt'))[0]).toMatch(/^requests: verified — requests is declared in none of requirements\.txt/);
    expect((await verdicts(ctx, '- Removed `redis` from requirements.txt'))[0]).toMatch(/^redis: contradicted — said to be removed, but redis ==5\.0\.1 in requirements\.txt:3 still declares it/);
  });

  it('reads the manifest at the parent of the report commit for "upgraded from A to B"', async () => {
    const dir = makeGitRepo({ 'web/package.json': '{\n  "dependencies": {\n    "axios": "0.27.2"\n  }\n}\n' });
    writeFileSync(dir + '/web/package.json', '{\n  "dependencies": {\n    "axios": "1.6.8"\n  }\n}\n');
    const good = '- Upgraded axios from 0.27 to 1.6\n';
    writeFileSync(dir + '/REPORT.md', good);
    git(dir, 'add', '-A');
    git(dir, 'commit', '-qm', 'upgrade axios');
    const ctx = await contextOf(dir, good);
    const o = await kindModule('dependency')!.verify(depClaims(good)[0]!, ctx);
    expect(o.verdict).toBe('verified');
    expect(o.evidence[1]!.note).toMatch(/the parent of the report's commit\): axios 0\.27\.2$/);
    const wrongFrom = '- Upgraded axios from 0.21 to 1.6\n';
    const o2 = await kindModule('dependency')!.verify(depClaims(wrongFrom)[0]!, ctx);
    expect(o2.verdict).toBe('unverifiable');
    expect(o2.reason).toMatch(/said to go from 0\.21; at [0-9a-f]{7,}\S* web\/package\.json declared 0\.27\.2/);
  });
});

describe('dependency claims: a technology table with a Version column', () => {
  const TABLE = `## Stack

| Layer | Product | Version |
|-------|---------|---------|
| Web | FastAPI | 0.110.0 |
| Cache | Redis | 4.2.0 |
| Runtime | Python | 3.12 |
| Queue | Celery | 5.3.6 |
| Storage | Postgres | managed |
`;

  it('reads the product left of the version as a package, but not a runtime nor a cell that is no version', () => {
    expect(depClaims(TABLE).map((c) => `${c.subject.symbol} ${c.data.version}`)).toEqual(['FastAPI 0.110.0', 'Redis 4.2.0', 'Celery 5.3.6']);
  });

  it('verifies the pinned version, contradicts another and an undeclared package', async () => {
    const ctx = await contextOf(makeTree(PY));
    const out = await verdicts(ctx, TABLE);
    expect(out[0]).toMatch(/^FastAPI: verified — declared in requirements\.txt:1 with version 0\.110\.0/);
    expect(out[1]).toMatch(/^Redis: contradicted — stated Redis 4\.2\.0; requirements\.txt:3: pinned ==5\.0\.1/);
    expect(out[2]).toMatch(/^Celery: contradicted/);
  });
});

describe('dependency claims: Go module paths under a "Dependencies Added" lead-in', () => {
  const GO = {
    'go.mod': 'module example.invalid/tool\n\ngo 1.22\n\nrequire (\n\tgithub.com/spf13/cobra v1.8.0\n\tgolang.org/x/sync v0.7.0\n)\n',
    'main.go': 'package main\n\nimport (\n\t"github.com/spf13/cobra"\n\t"golang.org/x/sync/errgroup"\n)\n\nvar _ = cobra.Command{}\nvar _ errgroup.Group\n',
  };
  const md = ['**Dependencies Added**:', '- `github.com/spf13/cobra` - CLI framework', '- `golang.org/x/sync/errgroup` - concurrent execution', '- `github.com/rs/zerolog` - structured logging'].join('\n');
  it('takes each module path as a dependency (not a file), a package inside a module as that module', async () => {
    expect(extractClaims([parseClaimDocument('REPORT.md', md)], CLAIM_KINDS, FALLBACK_KIND).claims.filter((c) => c.kind === 'file-exists')).toEqual([]);
    const ctx = await contextOf(makeTree(GO), md);
    const out = await verdicts(ctx, md);
    expect(out.map((x) => x.split(' — ')[0])).toEqual(['github.com/spf13/cobra: verified', 'golang.org/x/sync/errgroup: verified', 'github.com/rs/zerolog: contradicted']);
  });
});

describe('dependency claims: a Go module required only as indirect', () => {
  const GO = {
    'go.mod': 'module example.invalid/tool\n\ngo 1.22\n\nrequire (\n\tgithub.com/spf13/cobra v1.8.0\n\tgithub.com/yuin/goldmark v1.7.0 // indirect\n\tgithub.com/mattn/go-isatty v0.0.20 // indirect\n)\n',
    'main.go': 'package main\n\nimport (\n\t"github.com/spf13/cobra"\n\t"github.com/mattn/go-isatty"\n)\n\nvar _ = cobra.Command{}\nvar _ = isatty.IsTerminal\n',
  };
  const md = ['**Dependencies Added**:', '- `github.com/yuin/goldmark` - Markdown parsing', '- `github.com/mattn/go-isatty` - terminal detection'].join('\n');
  it('contradicts one no Go file imports, and verifies one the code imports though go.mod marks it indirect', async () => {
    const dir = makeTree(GO);
    dirs.push(dir);
    const snapshot = await RepoSnapshot.open(dir, { noGit: true });
    const { parseSource } = await import('../../src/lang/parse.js');
    const ctx: VerifyContext = { snapshot, model: (p) => { const r = snapshot.read(p); const f = snapshot.file(p); return r.ok && f?.language ? parseSource(p, r.text, f.language).model : null; }, findings: [], documents: [parseClaimDocument('REPORT.md', md)], facts: new Map(), repoFacts: buildRepoFacts(snapshot) };
    const out = await verdicts(ctx, md);
    expect(out[0]).toMatch(/^github\.com\/yuin\/goldmark: contradicted — .*indirect dependency .* no Go file of the repository imports it/);
    expect(out[1]).toMatch(/^github\.com\/mattn\/go-isatty: verified/);
  });
});
