import { describe, expect, it, afterAll } from 'vitest';
import { symlinkSync, writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { RepoSnapshot } from '../../src/repo/snapshot.js';
import { resolveMention } from '../../src/repo/paths.js';
import { countLines, decodeText } from '../../src/repo/text.js';
import { loadConfig, ConfigError } from '../../src/repo/config.js';
import { makeTree, makeGitRepo, cleanup, git } from '../helpers/tmp.js';

const dirs: string[] = [];
afterAll(() => dirs.forEach(cleanup));
const tree = (f: Record<string, string | Buffer>) => {
  const d = makeTree(f);
  dirs.push(d);
  return d;
};

describe('file listing', () => {
  it('lists tracked and untracked-not-ignored files in git, never ignored ones', async () => {
    const d = makeGitRepo({ '.gitignore': '*.log\nbuild/\n', 'a.py': 'x = 1\n', 'pkg/b.go': 'package pkg\n' });
    dirs.push(d);
    writeFileSync(join(d, 'new.ts'), 'export {};\n');
    writeFileSync(join(d, 'debug.log'), 'noise\n');
    mkdirSync(join(d, 'build'));
    writeFileSync(join(d, 'build', 'out.js'), 'x\n');
    const s = await RepoSnapshot.open(d);
    expect(s.git).not.toBeNull();
    expect(s.files.map((f) => f.path)).toEqual(['.gitignore', 'a.py', 'new.ts', 'pkg/b.go']);
    expect(s.isIgnored('debug.log')).toBe(true);
    expect(s.file('pkg/b.go')?.language).toBe('go');
  });

  it('walks outside git honouring nested .gitignore files', async () => {
    const d = tree({ '.gitignore': 'dist/\n', 'src/.gitignore': 'gen_*.py\n', 'src/app.py': '', 'src/gen_x.py': '', 'dist/x.js': '', 'node_modules/m/i.js': '' });
    const s = await RepoSnapshot.open(d, { noGit: true });
    expect(s.git).toBeNull();
    expect(s.files.map((f) => f.path)).toEqual(['.gitignore', 'src/.gitignore', 'src/app.py']);
    expect(s.isIgnored('src/gen_y.py')).toBe(true);
    expect(s.isIgnored('src/app.py')).toBe(false);
  });

  it('works in a git repository with no commits and one whose objects are missing', async () => {
    const d = makeGitRepo({ 'a.py': 'x = 1\n' }, false);
    dirs.push(d);
    const s = await RepoSnapshot.open(d);
    expect(await s.git!.head()).toBeNull();
    expect(s.files.map((f) => f.path)).toEqual(['a.py']);
    const d2 = makeGitRepo({ 'b.py': 'y = 2\n' });
    dirs.push(d2);
    const head = git(d2, 'rev-parse', 'HEAD').trim();
    const { rmSync } = await import('node:fs');
    rmSync(join(d2, '.git', 'objects', head.slice(0, 2)), { recursive: true, force: true });
    const s2 = await RepoSnapshot.open(d2);
    expect(s2.files.map((f) => f.path)).toEqual(['b.py']);
    expect(await s2.git!.diffStat(head)).toBeNull();
  });

  it('marks test code by path', async () => {
    const d = tree({ 'tests/test_a.py': '', 'pkg/a_test.go': '', 'src/x.spec.ts': '', 'src/__tests__/y.ts': '', 'test_root.py': '', 'src/app.ts': '' });
    const s = await RepoSnapshot.open(d, { noGit: true });
    const t = Object.fromEntries(s.files.map((f) => [f.path, f.isTest]));
    expect(t).toEqual({ 'tests/test_a.py': true, 'pkg/a_test.go': true, 'src/x.spec.ts': true, 'src/__tests__/y.ts': true, 'test_root.py': true, 'src/app.ts': false });
  });
});

describe('reads', () => {
  it('detects binary, caps size, tolerates invalid UTF-8 and BOM', async () => {
    const d = tree({
      'bin.py': Buffer.from([0x70, 0x00, 0x01]),
      'big.py': 'x = 1\n'.repeat(100),
      'latin.py': Buffer.from([0x23, 0x20, 0xe9, 0x0a, 0x78, 0x3d, 0x31, 0x0a]),
      'bom.py': Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('a = 1\n')]),
    });
    const s = await RepoSnapshot.open(d, { noGit: true, config: { maxFileBytes: 500 } });
    expect(s.read('bin.py')).toMatchObject({ ok: false, reason: 'binary' });
    expect(s.read('big.py')).toMatchObject({ ok: false, reason: 'too-large' });
    const latin = s.read('latin.py');
    expect(latin).toMatchObject({ ok: true, invalidUtf8: true, lineCount: 2 });
    expect(s.read('bom.py')).toMatchObject({ ok: true, text: 'a = 1\n' });
    expect(s.read('../etc/passwd')).toMatchObject({ ok: false, reason: 'not-found' });
  });

  it('refuses symlinks that leave the root, loops and directory links', async () => {
    const outside = tree({ 'secret.py': 'TOKEN = 1\n' });
    const d = tree({ 'a.py': 'x = 1\n', 'sub/b.py': '' });
    symlinkSync(join(outside, 'secret.py'), join(d, 'leak.py'));
    symlinkSync(join(d, 'loop1'), join(d, 'loop2'));
    symlinkSync(join(d, 'loop2'), join(d, 'loop1'));
    symlinkSync(join(d, 'sub'), join(d, 'subdir-link'));
    symlinkSync(join(d, 'a.py'), join(d, 'alias.py'));
    const s = await RepoSnapshot.open(d, { noGit: true });
    expect(s.files.map((f) => f.path)).toEqual(['a.py', 'alias.py', 'sub/b.py']);
    const skipped = Object.fromEntries(s.skipped.map((x) => [x.path, x.reason]));
    expect(skipped['leak.py']).toBe('outside-root');
    expect(skipped['loop1']).toBe('symlink-loop');
    expect(skipped['subdir-link']).toBe('symlink-directory');
    expect(s.read('leak.py')).toMatchObject({ ok: false, reason: 'not-found' });
  });
});

describe('path mentions in reports', () => {
  it('resolves exact, leading-slash, other-machine absolute and suffix paths', async () => {
    const d = tree({
      'netbox_hedgehog/jobs/fabric_sync.py': '',
      'backend/merge/merge_engine_test.go': '',
      'backend/sync/merge_engine_test.go': '',
      'tests/chaos/pod-chaos.yaml': '',
      '.gitignore': '*.json\n',
    });
    const s = await RepoSnapshot.open(d, { noGit: true });
    expect(resolveMention(s, 'netbox_hedgehog/jobs/fabric_sync.py')).toMatchObject({ status: 'found', how: 'exact' });
    expect(resolveMention(s, '/netbox_hedgehog/jobs/fabric_sync.py')).toMatchObject({ status: 'found', how: 'leading-slash', path: 'netbox_hedgehog/jobs/fabric_sync.py' });
    expect(resolveMention(s, '/home/kp/repos/novacron/tests/chaos/')).toMatchObject({ status: 'found', isDir: true, path: 'tests/chaos' });
    expect(resolveMention(s, 'jobs/fabric_sync.py')).toMatchObject({ status: 'found', how: 'suffix' });
    const amb = resolveMention(s, 'merge_engine_test.go');
    expect(amb.status).toBe('ambiguous');
    expect(amb.status === 'ambiguous' && amb.candidates).toEqual(['backend/merge/merge_engine_test.go', 'backend/sync/merge_engine_test.go']);
    expect(resolveMention(s, '../../etc/passwd')).toMatchObject({ status: 'outside-root' });
    expect(resolveMention(s, 'evidence_20250811.json')).toMatchObject({ status: 'absent', ignored: true });
    expect(resolveMention(s, 'scripts/deploy.sh')).toMatchObject({ status: 'absent', ignored: false });
    expect(resolveMention(s, 'C:\\work\\netbox_hedgehog\\jobs\\fabric_sync.py')).toMatchObject({ status: 'found', path: 'netbox_hedgehog/jobs/fabric_sync.py' });
  });

  it('never resolves a written path by dropping its folders, and says what it may have meant', async () => {
    const s = await RepoSnapshot.open(tree({ 'lib/jobs/fabric_sync.py': '', 'app/x.py': '' }), { noGit: true });
    // `app/` is at the root: the leading-slash path is repo-relative and stands as written.
    const r = resolveMention(s, '/app/jobs/fabric_sync.py');
    expect(r).toMatchObject({ status: 'absent', ignored: false });
    expect(r.status === 'absent' && r.note).toMatch(/did you mean lib\/jobs\/fabric_sync\.py/);
    expect(resolveMention(s, 'core/jobs/fabric_sync.py')).toMatchObject({ status: 'absent' });
  });

  it('prefers the live copy over archived ones, and the root for another machine\'s absolute path', async () => {
    const s = await RepoSnapshot.open(
      tree({ 'net/dwcp/merge_test.go': '', 'net/dwcp.v1.backup/merge_test.go': '', 'tests/chaos/a.yaml': '', 'backend/tests/chaos/a.yaml': '', 'a/x.go': '', 'b/x.go': '' }),
      { noGit: true },
    );
    expect(resolveMention(s, 'merge_test.go')).toMatchObject({ status: 'found', path: 'net/dwcp/merge_test.go' });
    expect(resolveMention(s, '/home/kp/repos/proj/tests/chaos/')).toMatchObject({ status: 'found', path: 'tests/chaos' });
    expect(resolveMention(s, 'x.go')).toMatchObject({ status: 'ambiguous' });
  });
});

describe('conventions', () => {
  it('counts lines as an editor shows them', () => {
    expect(countLines('')).toBe(0);
    expect(countLines('a')).toBe(1);
    expect(countLines('a\n')).toBe(1);
    expect(countLines('a\nb')).toBe(2);
    expect(countLines('a\r\nb\r\n')).toBe(2);
    expect(countLines('\n\n')).toBe(2);
  });
  it('decodes invalid UTF-8 with replacement', () => {
    expect(decodeText(new Uint8Array([0x61, 0xff, 0x62]))).toEqual({ text: 'a\uFFFDb', invalidUtf8: true });
  });
});

describe('config', () => {
  it('names a wrong key and accepts valid settings', () => {
    const d = tree({ '.claimcheck.yml': 'claims: ["docs/*.md"]\nrulez: {}\n' });
    expect(() => loadConfig(d)).toThrow(ConfigError);
    expect(() => loadConfig(d)).toThrow(/'rulez'/);
    const ok = tree({ '.claimcheck.json': JSON.stringify({ rules: { 'placeholder/todo-comment': 'off', 'missing-timeout': 'warning' }, ignore: ['vendor/**'] }) });
    expect(loadConfig(ok).config.rules).toEqual({ 'placeholder/todo-comment': 'off', 'missing-timeout': 'warning' });
  });
});
