/**
 * claimcheck as a library: the package's own name resolves (through
 * package.json "exports") to the built entry with its declarations, and
 * audit() returns the same report the CLI writes.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cleanup, makeTree } from '../helpers/tmp.js';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

// A service whose report gets one thing right (the file) and one wrong (its line count), with a TODO left in.
const FILES = {
  'svc/cart.py': 'def total(items):\n    # TODO: apply discounts\n    return sum(i.price for i in items)\n',
  'STATUS_REPORT.md': '# Cart status\n\n- **File**: `svc/cart.py`\n- `svc/cart.py` is 40 lines\n',
};

describe('the package entry', () => {
  it('declares an exports map whose targets are built with declaration files', () => {
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
    const entry = pkg.exports['.'];
    expect(entry.import).toBe(pkg.main);
    expect(entry.types).toBe(pkg.types);
    expect(existsSync(join(ROOT, entry.import))).toBe(true);
    const dts = readFileSync(join(ROOT, entry.types), 'utf8');
    expect(dts).toMatch(/\baudit\b/);
    expect(dts).toMatch(/AuditReport/);
    expect(readFileSync(join(ROOT, 'dist/audit/pipeline.d.ts'), 'utf8')).toMatch(/export declare function audit\(root: string, options\?: AuditOptions\): Promise<AuditReport>/);
  });
});

describe("import { audit } from 'claimcheck'", () => {
  let repo: string;
  beforeAll(() => {
    repo = makeTree(FILES);
  });
  afterAll(() => cleanup(repo));

  it('audits a repository by the package name and matches the CLI', () => {
    // A separate Node process resolves the bare name as any user's code would (package self-reference).
    const script = [
      "import { audit, gateTrips, renderJson } from 'claimcheck';",
      'const report = await audit(process.argv[1], { jobs: 1 });',
      "process.stdout.write(JSON.stringify({ json: renderJson(report), gate: gateTrips(report, ['contradicted', 'warning']) }));",
    ].join('\n');
    const out = execFileSync(process.execPath, ['--input-type=module', '-e', script, repo], { cwd: ROOT, encoding: 'utf8' });
    const { json, gate } = JSON.parse(out) as { json: string; gate: string[] };
    const report = JSON.parse(json);
    expect(report.schemaVersion).toBe(1);
    expect(report.target.root).toBe(repo);
    const lineCount = report.claims.find((c: { kind: string }) => c.kind === 'line-count');
    expect(lineCount).toMatchObject({ verdict: 'contradicted', subject: { path: 'svc/cart.py' } });
    expect(report.findings.map((f: { ruleId: string; path: string; line: number }) => `${f.ruleId} ${f.path}:${f.line}`)).toContain('placeholder/todo-comment svc/cart.py:2');
    expect(gate.some((g) => /contradicted claim/.test(g))).toBe(true);
    expect(gate.some((g) => /finding\(s\) at warning or above/.test(g))).toBe(true);

    // The command line writes the very same JSON.
    const cli = spawnSync(process.execPath, [join(ROOT, 'bin/claimcheck'), 'audit', repo, '--format', 'json', '--jobs', '1'], { encoding: 'utf8' });
    expect(cli.status).toBe(0);
    expect(cli.stdout).toBe(json);
  });

  it('raises an InputError the caller can catch for a missing repository', () => {
    const script = [
      "import { audit, InputError } from 'claimcheck';",
      "try { await audit('/nonexistent/claimcheck-repo'); } catch (e) { process.stdout.write(String(e instanceof InputError) + ' ' + e.message); }",
    ].join('\n');
    const out = execFileSync(process.execPath, ['--input-type=module', '-e', script], { cwd: ROOT, encoding: 'utf8' });
    expect(out).toMatch(/^true \/nonexistent\/claimcheck-repo: no such directory/);
  });
});
