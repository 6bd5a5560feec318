/**
 * The installed command end to end (compiled dist/, as users run it): exit
 * codes, formats, --out, stdin claims, bad input, determinism across --jobs.
 */
import { describe, expect, it, afterAll } from 'vitest';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import Ajv from 'ajv';
import { makeTree, makeGitRepo, cleanup, git } from '../helpers/tmp.js';

const BIN = resolve('bin/claimcheck');
const schema = JSON.parse(readFileSync(resolve('schema/report.schema.json'), 'utf8'));
const validate = new Ajv({ allErrors: true, strict: false }).compile(schema);
const dirs: string[] = [];
afterAll(() => dirs.forEach(cleanup));

function cc(args: string[], opts: { input?: string; cwd?: string } = {}) {
  const r = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', input: opts.input ?? '', cwd: opts.cwd, env: { ...process.env, NO_COLOR: '1' }, timeout: 120_000 });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

const REPO = {
  'app/sync.py': 'class FabricSync:\n    """Syncs fabrics."""\n\n    def sync_all(self):\n        # TODO: talk to the cluster\n        return {"success": True}\n\n    def status(self):\n        return "ok"\n',
  'docs/FIX_REPORT.md': '# Fix report\n\n**File**: `app/sync.py`\n- **Implementation**: 9 lines, 2 methods, 1 class\n- `sync_all()` and `status()` methods implemented\n- Helper module `app/helpers.py` created\n',
};

describe('claimcheck CLI', () => {
  it('prints version and help with examples', () => {
    const v = cc(['--version']);
    expect(v.code).toBe(0);
    expect(v.out.trim()).toMatch(/^\d+\.\d+\.\d+$/);
    const h = cc(['--help']);
    expect(h.code).toBe(0);
    expect(h.out).toContain('Examples:');
    expect(h.out).toContain('Exit codes');
  });

  it('audits a repository: text summary, exit 0 without --fail-on, 1 when the gate trips', () => {
    const d = makeTree(REPO);
    dirs.push(d);
    const r = cc(['audit', d]);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/claims: +\d+ verified, \d+ contradicted/);
    expect(r.out).toContain('app/helpers.py');
    const gated = cc(['audit', d, '--fail-on', 'contradicted,error']);
    expect(gated.code).toBe(1);
    expect(gated.err).toContain('--fail-on tripped');
  });

  it('writes every format with --out and the JSON validates against the contract', () => {
    const d = makeTree(REPO);
    dirs.push(d);
    const out = mkdtempSync(join(tmpdir(), 'cc-out-'));
    dirs.push(out);
    const r = cc(['audit', d, '--format', 'text,json,md,html,sarif', '--out', out]);
    expect(r.code).toBe(0);
    for (const ext of ['json', 'md', 'html', 'sarif']) expect(existsSync(join(out, `claimcheck-report.${ext}`))).toBe(true);
    const json = JSON.parse(readFileSync(join(out, 'claimcheck-report.json'), 'utf8'));
    expect(validate(json), JSON.stringify(validate.errors)).toBe(true);
    expect(json.claims.every((c: { source: { path: string } }) => c.source.path === 'docs/FIX_REPORT.md')).toBe(true);
    // One statement per claimed line, its verdict combined from the line's claims; the document text for the line view.
    const statements: { path: string; line: number; text: string; verdict: string; claims: string[] }[] = json.statements;
    expect(statements.map((s) => s.line)).toEqual([...new Set(json.claims.flatMap((c: { sources: { line: number }[] }) => c.sources.map((s) => s.line)))].sort((a, b) => (a as number) - (b as number)));
    const line4 = statements.find((s) => s.line === 4)!;
    expect(line4.text).toBe('Implementation: 9 lines, 2 methods, 1 class');
    const verdicts = line4.claims.map((id) => json.claims.find((c: { id: string }) => c.id === id).verdict);
    expect(line4.verdict).toBe(verdicts.includes('contradicted') ? 'contradicted' : verdicts.every((v: string) => v === 'verified') ? 'verified' : 'unverifiable');
    expect(json.summary.statements.verified + json.summary.statements.contradicted + json.summary.statements.unverifiable).toBe(statements.length);
    expect(json.documents).toEqual([{ path: 'docs/FIX_REPORT.md', text: REPO['docs/FIX_REPORT.md'], passedOver: [{ line: 1, reason: expect.any(String) }] }]);
  });

  it('reads claims from stdin', () => {
    const d = makeTree({ 'a.py': 'def f():\n    return 1\n' });
    dirs.push(d);
    const r = cc(['audit', d, '--claims', '-', '--format', 'json'], { input: 'Added `missing.py` with the new parser.\n' });
    expect(r.code).toBe(0);
    const json = JSON.parse(r.out);
    const c = json.claims.find((x: { kind: string }) => x.kind === 'file-exists');
    expect(c).toMatchObject({ verdict: 'contradicted', source: { path: '<stdin>' } });
  });

  it('exits 2 with a one-line message on bad input', () => {
    const missing = cc(['audit', '/nonexistent/repo']);
    expect(missing.code).toBe(2);
    expect(missing.err.trim().split('\n')).toHaveLength(1);
    expect(missing.err).toContain('/nonexistent/repo');
    const d = makeTree({ 'a.py': 'x = 1\n' });
    dirs.push(d);
    const noClaims = cc(['audit', d, '--claims', 'nope/REPORT.md']);
    expect(noClaims.code).toBe(2);
    expect(noClaims.err).toContain('nope/REPORT.md');
    const badFormat = cc(['audit', d, '--format', 'pdf']);
    expect(badFormat.code).toBe(2);
    expect(badFormat.err).toContain("'pdf'");
    const badConfig = makeTree({ '.claimcheck.yml': 'rules:\n  placeholder/nope: off\n' });
    dirs.push(badConfig);
    const cfg = cc(['audit', badConfig]);
    expect(cfg.code).toBe(2);
    expect(cfg.err).toContain('placeholder/nope');
    const binaryClaims = join(d, 'claims.bin');
    writeFileSync(binaryClaims, Buffer.from([0, 1, 2, 3]));
    const bin = cc(['audit', d, '--claims', binaryClaims]);
    expect(bin.code).toBe(2);
    expect(bin.err).toContain('binary');
  });

  it('gives byte-identical JSON whatever --jobs, in a git repository', () => {
    const files: Record<string, string> = { ...REPO };
    for (let i = 0; i < 60; i++) files[`pkg/m${i}.py`] = `# TODO: item ${i}\ndef f${i}():\n    return ${i}\n`;
    const d = makeGitRepo(files);
    dirs.push(d);
    const a = cc(['audit', d, '--format', 'json', '--jobs', '1']);
    const b = cc(['audit', d, '--format', 'json', '--jobs', '2']);
    expect(a.code).toBe(0);
    expect(a.out).toBe(b.out);
    const json = JSON.parse(a.out);
    expect(json.target.commit).toMatch(/^[0-9a-f]{40}$/);
    expect(json.findings.filter((f: { ruleId: string }) => f.ruleId === 'placeholder/todo-comment').length).toBe(61);
  });

  it('pull request mode: claims from changed reports and stdin, findings on changed lines only', () => {
    const d = makeGitRepo({ 'app/old.py': '# TODO: old debt\ndef old():\n    return 1\n', 'docs/OLD_REPORT.md': '# Old\n\n- Created `app/gone.py`\n' });
    dirs.push(d);
    const base = git(d, 'rev-parse', 'HEAD').trim();
    writeFileSync(join(d, 'app/new.py'), '# FIXME: new debt\ndef new():\n    return 2\n');
    writeFileSync(join(d, 'docs/NEW_REPORT.md'), '# New\n\n- Created `app/new.py`\n');
    git(d, 'add', '-A');
    git(d, 'commit', '-qm', 'feature');
    const r = cc(['audit', d, '--since', base, '--claims', '-', '--format', 'json'], { input: 'This PR adds `app/missing.py`.\n' });
    expect(r.code).toBe(0);
    const json = JSON.parse(r.out);
    expect(json.findings.map((f: { path: string }) => f.path)).toEqual(['app/new.py']);
    const sources = new Set(json.claims.map((c: { source: { path: string } }) => c.source.path));
    expect([...sources].sort()).toEqual(['<stdin>', 'docs/NEW_REPORT.md']);
    const all = JSON.parse(cc(['audit', d, '--since', base, '--all-findings', '--format', 'json']).out);
    expect(all.findings.map((f: { path: string }) => f.path).sort()).toEqual(['app/new.py', 'app/old.py']);
    const md = cc(['audit', d, '--since', base, '--format', 'md']);
    expect(md.out).toContain('<!-- claimcheck:report -->');
    const bad = cc(['audit', d, '--since', 'no-such-rev']);
    expect(bad.code).toBe(2);
    expect(bad.err).toContain('no-such-rev');
  });

  it('lists rules with their docs', () => {
    const r = cc(['rules']);
    expect(r.code).toBe(0);
    expect(r.out).toContain('placeholder/todo-comment');
    expect(r.out).toContain('Why is this bad?');
    const j = JSON.parse(cc(['rules', '--json']).out);
    expect(j.length).toBeGreaterThan(5);
  });

  it('re-renders a saved JSON report', () => {
    const d = makeTree(REPO);
    dirs.push(d);
    const out = mkdtempSync(join(tmpdir(), 'cc-out-'));
    dirs.push(out);
    cc(['audit', d, '--format', 'json', '--out', out]);
    const r = cc(['render', join(out, 'claimcheck-report.json'), '--format', 'md']);
    expect(r.code).toBe(0);
    expect(r.out).toContain('claimcheck');
    const bad = cc(['render', join(d, 'app/sync.py')]);
    expect(bad.code).toBe(2);
  });
});
