import { afterAll, describe, expect, it } from 'vitest';
import { mkdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { openGit, parseLastCommits } from '../../src/repo/git.js';
import { cleanup, git, makeGitRepo } from '../helpers/tmp.js';

const dirs: string[] = [];
afterAll(() => dirs.forEach(cleanup));

function write(dir: string, path: string, text: string): void {
  mkdirSync(join(dir, path, '..'), { recursive: true });
  writeFileSync(join(dir, path), text);
}

function commit(dir: string, message: string): string {
  git(dir, 'add', '-A');
  git(dir, 'commit', '-qm', message);
  return git(dir, 'rev-parse', 'HEAD').trim();
}

/** What the per-path question answers, for comparison with the one-pass answer. */
async function onePerPath(root: string, paths: string[]) {
  const repo = (await openGit(root))!;
  const out = new Map<string, string>();
  for (const p of paths) {
    const c = (await repo.commitsTouching(p, 1))?.[0];
    if (c) out.set(p, `${c.sha} ${c.subject}`);
  }
  return out;
}

async function onePass(root: string, paths: string[]) {
  const repo = (await openGit(root))!;
  const found = await repo.lastCommits(paths);
  return new Map([...(found ?? [])].map(([p, c]) => [p, `${c.sha} ${c.subject}`]));
}

describe('lastCommits: the last commit of many paths at once', () => {
  it('answers as one `git log -n1 -- path` per path in a linear history', async () => {
    const d = makeGitRepo({ 'docs/A_REPORT.md': '# A\n', 'src/app.py': 'x = 1\n' });
    dirs.push(d);
    write(d, 'docs/B_REPORT.md', '# B\n');
    const second = commit(d, 'add B\twith a tab in the subject');
    write(d, 'src/app.py', 'x = 2\n');
    commit(d, 'code only');
    write(d, 'docs/A_REPORT.md', '# A, again\n');
    write(d, 'docs/C SUMMARY.md', '# C, a name with a space\n');
    const fourth = commit(d, 'A and C');
    write(d, 'docs/UNCOMMITTED_REPORT.md', '# not committed\n');
    const paths = ['docs/A_REPORT.md', 'docs/B_REPORT.md', 'docs/C SUMMARY.md', 'docs/UNCOMMITTED_REPORT.md'];
    const got = await onePass(d, paths);
    expect(got).toEqual(await onePerPath(d, paths));
    expect(got.get('docs/A_REPORT.md')).toBe(`${fourth} A and C`);
    expect(got.get('docs/B_REPORT.md')).toBe(`${second} add B\twith a tab in the subject`);
    expect(got.has('docs/UNCOMMITTED_REPORT.md')).toBe(false);
  });

  it('asks path by path when the history has merges, and still agrees with git', async () => {
    const d = makeGitRepo({ 'R_REPORT.md': '# R\n', 'S_REPORT.md': '# S\n' });
    dirs.push(d);
    git(d, 'checkout', '-qb', 'side');
    write(d, 'R_REPORT.md', '# R from the side branch\n');
    commit(d, 'side changes R');
    git(d, 'checkout', '-q', 'main');
    write(d, 'S_REPORT.md', '# S on main\n');
    commit(d, 'main changes S');
    git(d, 'merge', '-q', '--no-ff', '-m', 'merge side', 'side');
    const paths = ['R_REPORT.md', 'S_REPORT.md'];
    const got = await onePass(d, paths);
    expect(got).toEqual(await onePerPath(d, paths));
    expect(got.get('R_REPORT.md')).toMatch(/ side changes R$/);
  });

  it('works from a subdirectory of the work tree, with paths relative to it', async () => {
    const d = makeGitRepo({ 'svc/docs/X_REPORT.md': '# X\n', 'docs/X_REPORT.md': '# top-level namesake\n' });
    dirs.push(d);
    write(d, 'docs/X_REPORT.md', '# only the top-level one changes\n');
    commit(d, 'top-level only');
    const root = join(d, 'svc');
    const got = await onePass(root, ['docs/X_REPORT.md']);
    expect(got).toEqual(await onePerPath(root, ['docs/X_REPORT.md']));
    expect(got.get('docs/X_REPORT.md')).toMatch(/ initial$/);
  });

  it('is null outside any history (no commit yet), like the per-path question', async () => {
    const d = makeGitRepo({ 'A_REPORT.md': '# A\n' }, false);
    dirs.push(d);
    const repo = (await openGit(d))!;
    expect(await repo.lastCommits(['A_REPORT.md'])).toBeNull();
    expect(await repo.commitsTouching('A_REPORT.md', 1)).toBeNull();
  });
});

describe('parseLastCommits', () => {
  const log = (commits: [string, string[]][]) => commits.map(([h, names]) => `\x01${h}\t2025-01-01T00:00:00Z\tmsg ${h}\0\n${names.map((n) => n + '\0').join('')}`).join('');

  it('takes the newest commit naming each path, or a file below it', () => {
    const text = log([
      ['c3', ['docs/a.md']],
      ['c2', ['docs/a.md', 'notes.md/old.txt']],
      ['c1', ['docs/b.md']],
    ]);
    const got = parseLastCommits(text, new Set(['docs/a.md', 'docs/b.md', 'notes.md', 'docs/none.md']));
    expect(got.get('docs/a.md')?.sha).toBe('c3');
    expect(got.get('docs/b.md')?.sha).toBe('c1');
    // A pathspec matches a directory's files: `notes.md` was once a folder.
    expect(got.get('notes.md')?.sha).toBe('c2');
    expect(got.has('docs/none.md')).toBe(false);
  });

  it('strips the audited root\'s prefix and ignores a commit that names nothing', () => {
    const text = log([['c2', []], ['c1', ['svc/docs/a.md']]]);
    const got = parseLastCommits(text, new Set(['docs/a.md']), (p) => (p.startsWith('svc/') ? p.slice(4) : p));
    expect(got.get('docs/a.md')).toEqual({ sha: 'c1', date: '2025-01-01T00:00:00Z', subject: 'msg c1' });
    // A name that only looks alike is not the path: `docs/a.md.bak`, `xdocs/a.md`.
    expect(parseLastCommits(log([['c1', ['docs/a.md.bak', 'xdocs/a.md']]]), new Set(['docs/a.md'])).size).toBe(0);
  });
});

describe('pathsAt: what a revision holds', () => {
  it('lists files, directories and symbolic links, relative to the audited root, and no submodule', async () => {
    const d = makeGitRepo({ 'app/main.py': 'x = 1\n', 'app/pkg/mod.py': 'y = 2\n', 'README.md': '# r\n' });
    dirs.push(d);
    symlinkSync('main.py', join(d, 'app/link.py'));
    git(d, 'update-index', '--add', '--cacheinfo', `160000,${git(d, 'rev-parse', 'HEAD').trim()},app/vendored`);
    const tip = commit(d, 'link and submodule');
    rmSync(join(d, 'app/pkg'), { recursive: true });
    commit(d, 'drop pkg');
    const repo = (await openGit(join(d, 'app')))!;
    const at = await repo.pathsAt(tip);
    expect([...at!].sort()).toEqual(['link.py', 'main.py', 'pkg', 'pkg/mod.py']);
    expect((await repo.pathsAt('HEAD'))!.has('pkg/mod.py')).toBe(false);
    expect(await repo.pathsAt('no-such-revision')).toBeNull();
  });
});
