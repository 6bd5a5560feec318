/**
 * `claimcheck scan` and `claimcheck history` as installed (dist/): what a new
 * user meets (a typo in the config, an unreachable URL, an empty list), the
 * tables, and the faults: a scan killed with SIGKILL midway leaves the
 * earlier history readable and the next scan completes; two scans writing
 * one database at once both land whole.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { spawn, spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import Database from 'better-sqlite3';
import { cleanup, makeTree } from '../helpers/tmp.js';

const BIN = resolve('bin/claimcheck');
const dirs: string[] = [];
afterAll(() => dirs.forEach(cleanup));

function cc(args: string[], cwd: string) {
  const r = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', cwd, env: { ...process.env, NO_COLOR: '1' }, timeout: 120_000 });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

/** A small repository whose report has one claim right and one wrong, with a TODO left in. */
function service(name: string): string {
  const d = makeTree({
    [`${name}/handler.py`]: 'def handle(event):\n    # TODO: validate the event\n    return event\n',
    'STATUS_REPORT.md': `# ${name}\n\n- **File**: \`${name}/handler.py\`\n- **File**: \`${name}/schema.py\`\n`,
  });
  dirs.push(d);
  return d;
}

function workspace(config: string): string {
  const d = makeTree({ 'scan.yml': config });
  dirs.push(d);
  return d;
}

function count(db: string, sql: string): number {
  const h = new Database(db, { readonly: true });
  try {
    return (h.prepare(sql).get() as { n: number }).n;
  } finally {
    h.close();
  }
}

function integrity(db: string): string {
  const h = new Database(db, { readonly: true });
  try {
    return h.pragma('integrity_check', { simple: true }) as string;
  } finally {
    h.close();
  }
}

describe('claimcheck scan (CLI)', () => {
  it('names the misspelt key of a scan config and exits 2', () => {
    const w = workspace('repositories:\n  - path: .\n    fail_on: [error]\n');
    const r = cc(['scan', '--config', 'scan.yml'], w);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/scan\.yml: invalid scan config at repositories\.0: .*'fail_on'/);
  });

  it('says an empty list has nothing to scan and records an empty run', () => {
    const w = workspace('repositories: []\n');
    const r = cc(['scan', '--config', 'scan.yml'], w);
    expect(r.code).toBe(0);
    expect(r.err).toContain('lists no repositories');
    expect(r.out).toContain('no repositories scanned');
  });

  it('records an unreachable URL as failed, audits the rest, prints plain lines, and exits 1', () => {
    const a = service('billing');
    const w = workspace(`repositories:\n  - name: gone\n    url: ${pathToFileURL(join(a, 'no-such.git')).href}\n    branch: main\n  - name: billing\n    path: ${a}\n`);
    const r = cc(['scan', '--config', 'scan.yml', '-j', '1'], w);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/^\[1\/2\] gone: auditing\n\[1\/2\] gone: failed \(\d+\.\d s\): cannot clone/);
    expect(r.err).toMatch(/\[2\/2\] billing: ok \(\d+\.\d s\): 1 contradicted claim\(s\), 1 finding\(s\)/);
    expect(r.out).toMatch(/^repository +status +commit/);
    expect(r.out).toContain('2 repositories, 1 failed');
    expect(r.out).toContain(`recorded as run 1 in ${join(w, 'claimcheck-history.db')}`);
  });

  it('shows trends and what is new since the previous scan', () => {
    const a = service('billing');
    const w = workspace(`repositories:\n  - name: billing\n    path: ${a}\n`);
    expect(cc(['scan', '--config', 'scan.yml', '-j', '1'], w).code).toBe(0);
    writeFileSync(join(a, 'billing/schema.py'), 'FIELDS = ["id"]\n');
    writeFileSync(join(a, 'billing/handler.py'), 'def handle(event):\n    # TODO: validate the event\n    return event\n\n\ndef replay(events):\n    # FIXME: order by time\n    return [handle(e) for e in events]\n');
    expect(cc(['scan', '--config', 'scan.yml', '-j', '1', '--out', 'reports'], w).code).toBe(0);
    expect(JSON.parse(cc(['history', '--json'], w).out)[0].points.map((p: { claims: { contradicted: number } }) => p.claims.contradicted)).toEqual([1, 0]);

    const t = cc(['history', 'billing'], w);
    expect(t.code).toBe(0);
    expect(t.out).toMatch(/^billing\n {2}run +started \(UTC\) +commit +status +contradicted +unverifiable +findings +e\/w\/i +note\n/);
    expect(t.out).toMatch(/\n {2}2 .* ok +0 \(-1\) .* 2 \(\+1\) +0\/2\/0\n/);

    const n = cc(['history', '--new'], w);
    expect(n.out).toContain('billing: run 2 against run 1');
    expect(n.out).toMatch(/fixed claims \(1\)\n {4}- STATUS_REPORT\.md:4 {2}file-exists contradicted {2}billing\/schema\.py/);
    expect(n.out).toMatch(/new findings \(1\)\n {4}\+ billing\/handler\.py:7 {2}placeholder\/todo-comment warning/);
    expect(n.out).toContain('fixed findings (0)');
    expect(JSON.parse(cc(['render', join(w, 'reports/billing.json'), '--format', 'json'], w).out).summary.claims.contradicted).toBe(0);

    expect(cc(['history', 'payments'], w).err).toContain("payments: no such repository in");
    expect(cc(['history', '--db', join(w, 'none.db')], w).err).toContain('no history database');
  });

  it('leaves the earlier history intact when a scan is killed midway, and the next scan completes', async () => {
    const repos = [service('a'), service('b'), service('c')];
    const w = workspace(`repositories:\n${repos.map((r, i) => `  - name: r${i}\n    path: ${r}\n`).join('')}`);
    const db = join(w, 'claimcheck-history.db');
    expect(cc(['scan', '--config', 'scan.yml', '-j', '1'], w).code).toBe(0);

    // The second scan is killed once the first repository is recorded and the second is under way.
    const child = spawn(process.execPath, [BIN, 'scan', '--config', 'scan.yml', '-j', '1'], { cwd: w, stdio: ['ignore', 'ignore', 'pipe'] });
    await new Promise<void>((done, fail) => {
      let err = '';
      child.stderr.on('data', (b: Buffer) => {
        err += b.toString();
        if (err.includes('[2/3] r1: auditing')) child.kill('SIGKILL');
      });
      child.on('exit', (code, signal) => (signal === 'SIGKILL' ? done() : fail(new Error(`scan ended by itself (${code}): ${err}`))));
    });
    expect(integrity(db)).toBe('ok');
    expect(count(db, "SELECT COUNT(*) AS n FROM scan_runs WHERE status = 'complete'")).toBe(1);
    expect(count(db, "SELECT COUNT(*) AS n FROM scan_runs WHERE status = 'running'")).toBe(1);
    // What the killed run finished is there whole; nothing of the repository it was in.
    expect(count(db, 'SELECT COUNT(*) AS n FROM repository_scans WHERE run_id = 2')).toBe(1);
    const t = cc(['history'], w);
    expect(t.code).toBe(0);
    expect(t.out).toContain('scan did not finish');
    expect(cc(['history', '--new'], w).out).toContain('r0: run 2 against run 1');

    const next = cc(['scan', '--config', 'scan.yml', '-j', '1'], w);
    expect(next.code).toBe(0);
    expect(next.out).toContain('recorded as run 3');
    expect(count(db, 'SELECT COUNT(*) AS n FROM repository_scans WHERE run_id = 3')).toBe(3);
  });

  it('lets two scans write one database at once without losing or mixing rows', async () => {
    const repos = [service('x'), service('y')];
    const w = workspace(`repositories:\n${repos.map((r, i) => `  - name: s${i}\n    path: ${r}\n`).join('')}`);
    const db = join(w, 'claimcheck-history.db');
    const once = () =>
      new Promise<number | null>((done) => {
        const p = spawn(process.execPath, [BIN, 'scan', '--config', 'scan.yml', '-j', '1'], { cwd: w, stdio: 'ignore' });
        p.on('exit', (code) => done(code));
      });
    expect(await Promise.all([once(), once()])).toEqual([0, 0]);
    expect(integrity(db)).toBe('ok');
    expect(count(db, "SELECT COUNT(*) AS n FROM scan_runs WHERE status = 'complete'")).toBe(2);
    expect(count(db, 'SELECT COUNT(*) AS n FROM repositories')).toBe(2);
    expect(count(db, 'SELECT COUNT(*) AS n FROM repository_scans')).toBe(4);
    // Each run's rows are its own: every repository once per run, its claims under its own scan.
    expect(count(db, 'SELECT COUNT(*) AS n FROM (SELECT run_id FROM repository_scans GROUP BY run_id HAVING COUNT(*) = 2)')).toBe(2);
    expect(count(db, 'SELECT COUNT(*) AS n FROM claims')).toBe(4 * 2);
  });
});
