/**
 * A scan end to end through the library: a local path, a git URL (a local
 * repository made here, file://) and repositories that cannot be audited,
 * run twice with a change in between; the history then holds exactly the new
 * and fixed claims and findings.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { cleanup, git, makeGitRepo, makeTree } from '../helpers/tmp.js';
import { loadScanConfig } from '../../src/scan/config.js';
import { scan, scanFailed, type ScanEvent } from '../../src/scan/run.js';
import { changes, openHistory, trends } from '../../src/history/index.js';

const dirs: string[] = [];
afterAll(() => dirs.forEach(cleanup));

const SYNC_V1 = 'class FabricSync:\n    """Syncs fabrics."""\n\n    def sync_all(self):\n        # TODO: talk to the cluster\n        return {"success": True}\n\n    def status(self):\n        return "ok"\n';
// Lines inserted above, the hard-coded success gone, a new TODO in a new method; the first TODO unchanged.
const SYNC_V2 =
  'import logging\n\nLOG = logging.getLogger(__name__)\n\n\nclass FabricSync:\n    """Syncs fabrics."""\n\n    def sync_all(self):\n        # TODO: talk to the cluster\n        return self.client.push()\n\n    def status(self):\n        return "ok"\n\n    def retry(self):\n        # TODO: back off between attempts\n        return self.client.push()\n';
const REPORT = '# Fix report\n\n**File**: `app/sync.py`\n- `sync_all()` and `status()` methods implemented\n- Helper module `app/helpers.py` created\n';

describe('scan', () => {
  it('audits every repository, records failures with their reason, and goes on', async () => {
    const origin = makeGitRepo({ 'app/sync.py': SYNC_V1, 'docs/FIX_REPORT.md': REPORT });
    const local = makeTree({ 'svc/cart.py': 'def total(items):\n    return sum(i.price for i in items)\n', 'STATUS_REPORT.md': '# Status\n\n- **File**: `svc/cart.py`\n' });
    // Its own config is broken: the audit throws, the scan records it and moves on.
    const broken = makeTree({ '.claimcheck.yml': 'rulez: {}\n', 'a.py': 'x = 1\n' });
    const work = makeTree({});
    dirs.push(origin, local, broken, work);
    const url = pathToFileURL(origin).href;
    const file = join(work, 'scan.yml');
    writeFileSync(
      file,
      [
        'repositories:',
        `  - name: fabric`,
        `    url: ${url}`,
        '    branch: main',
        '    failOn: [contradicted]',
        `  - name: cart`,
        `    path: ${local}`,
        `  - name: broken`,
        `    path: ${broken}`,
        `  - name: nobranch`,
        `    url: ${url}`,
        '    branch: gone',
        `  - name: missing`,
        `    path: ${join(work, 'nowhere')}`,
      ].join('\n'),
    );
    const config = loadScanConfig(file);
    const db = openHistory(join(work, 'history.db'));
    const events: ScanEvent[] = [];
    const first = await scan(config, { history: db, jobs: 1, onEvent: (e) => events.push(e) });
    expect(first.repositories.map((r) => [r.name, r.status])).toEqual([
      ['fabric', 'ok'],
      ['cart', 'ok'],
      ['broken', 'failed'],
      ['nobranch', 'failed'],
      ['missing', 'failed'],
    ]);
    expect(first.repositories[2]!.reason).toContain("'rulez'");
    expect(first.repositories[3]!.reason).toMatch(/cannot clone .*branch gone/);
    expect(first.repositories[4]!.reason).toContain('no such directory');
    expect(first.repositories[0]!.commit).toBe(git(origin, 'rev-parse', 'HEAD').trim());
    expect(first.repositories[0]!.tripped).toEqual(['2 contradicted claim(s)']);
    expect(first.repositories[1]!.tripped).toEqual([]);
    expect(scanFailed(first)).toBe(true);
    expect(events.map((e) => `${e.type}:${e.index}`)).toEqual(['start:0', 'done:0', 'start:1', 'done:1', 'start:2', 'done:2', 'start:3', 'done:3', 'start:4', 'done:4']);

    // The change: helpers.py is created (the claim is fixed), the hard-coded success is gone, a new TODO comes in.
    writeFileSync(join(origin, 'app/sync.py'), SYNC_V2);
    writeFileSync(join(origin, 'app/helpers.py'), 'def backoff(n):\n    return 2 ** n\n');
    git(origin, 'add', '-A');
    git(origin, 'commit', '-qm', 'helpers, retry');
    const second = await scan(config, { history: db, jobs: 1 });
    expect(second.repositories[0]!.commit).toBe(git(origin, 'rev-parse', 'HEAD').trim());

    const byName = Object.fromEntries(changes(db, null).map((c) => [c.repository, c]));
    const fabric = byName.fabric!;
    expect(fabric.previous?.runId).toBe(first.runId);
    expect(fabric.newClaims).toEqual([]);
    expect(fabric.fixedClaims.map((c) => [c.label, c.text])).toEqual([['file-exists contradicted', 'app/helpers.py']]);
    expect(fabric.newFindings.map((f) => [f.label, f.path, f.line])).toEqual([['placeholder/todo-comment warning', 'app/sync.py', 17]]);
    expect(fabric.fixedFindings.map((f) => f.label)).toEqual(['placeholder/hardcoded-success error']);
    // Nothing changed in cart: nothing new, nothing fixed.
    expect([byName.cart!.newClaims, byName.cart!.fixedClaims, byName.cart!.newFindings, byName.cart!.fixedFindings]).toEqual([[], [], [], []]);
    // Failed every time: no audited scan, so no comparison at all.
    expect(byName.broken).toBeUndefined();
    expect(trends(db, 'broken', 10)[0]!.points.map((p) => p.status)).toEqual(['failed', 'failed']);
    expect(trends(db, 'fabric', 10)[0]!.points.map((p) => p.claims!.contradicted)).toEqual([2, 1]);
    db.close();
  });

  it('applies per-repository claims globs and rule settings over the repository config', async () => {
    const repo = makeTree({
      'app.py': 'def f():\n    # TODO: later\n    return 1\n',
      'notes/DONE.md': '# Done\n\n- **File**: `app.py`\n',
      'STATUS_REPORT.md': '# Status\n\n- **File**: `missing.py`\n',
    });
    const work = makeTree({});
    dirs.push(repo, work);
    const file = join(work, 'scan.yml');
    writeFileSync(file, `repositories:\n  - path: ${repo}\n    claims: ["notes/*.md"]\n    rules: { placeholder/todo-comment: off }\n`);
    const result = await scan(loadScanConfig(file), { jobs: 1 });
    const s = result.repositories[0]!.summary!;
    // Only notes/DONE.md is read (its file claim holds); the TODO rule is off.
    expect(s.claims.verified).toBe(1);
    expect(s.claims.contradicted).toBe(0);
    expect(s.findings).toEqual({ error: 0, warning: 0, info: 0 });
    expect(result.runId).toBeNull();
    // Without the settings: the default report names find STATUS_REPORT.md (missing.py), and the TODO is reported.
    writeFileSync(file, `repositories:\n  - path: ${repo}\n`);
    const plain = (await scan(loadScanConfig(file), { jobs: 1 })).repositories[0]!.summary!;
    expect(plain.claims.contradicted).toBe(1);
    expect(plain.findings.warning).toBe(1);
  });

  it('finishes an empty scan at once', async () => {
    const work = makeTree({ 'scan.yml': 'repositories: []\n' });
    dirs.push(work);
    const db = openHistory(join(work, 'h.db'));
    const result = await scan(loadScanConfig(join(work, 'scan.yml')), { history: db });
    expect(result.repositories).toEqual([]);
    expect(scanFailed(result)).toBe(false);
    expect((db.prepare('SELECT status FROM scan_runs').get() as { status: string }).status).toBe('complete');
    db.close();
  });
});
