/**
 * Checkouts of scan targets, all against local git repositories made here
 * (file:// URLs): cloned once, fetched to the branch's new tip later, and
 * each way it can fail named — missing branch, unreachable URL, a corrupt
 * cache folder, a local path that is not there.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { cleanup, git, makeGitRepo, makeTree } from '../helpers/tmp.js';
import { CheckoutError, cacheDir, checkout } from '../../src/scan/checkout.js';
import type { ScanTarget } from '../../src/scan/config.js';

const dirs: string[] = [];
afterAll(() => dirs.forEach(cleanup));

function temp(files: Record<string, string> = {}): string {
  const d = makeTree(files);
  dirs.push(d);
  return d;
}

function gitTarget(url: string, branch = 'main'): ScanTarget {
  return { name: 't', source: { kind: 'git', url, branch }, failOn: [] };
}

async function failure(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (err) {
    expect(err).toBeInstanceOf(CheckoutError);
    return (err as Error).message;
  }
  throw new Error('expected a CheckoutError');
}

describe('checkout', () => {
  it('clones a URL once, then fetches the branch tip on the next run', async () => {
    const origin = makeGitRepo({ 'a.txt': 'one\n' });
    dirs.push(origin);
    const cache = temp();
    const url = pathToFileURL(origin).href;
    const dir = await checkout(gitTarget(url), cache);
    expect(dir).toBe(cacheDir(cache, url, 'main'));
    expect(readFileSync(join(dir, 'a.txt'), 'utf8')).toBe('one\n');

    writeFileSync(join(origin, 'a.txt'), 'two\n');
    git(origin, 'commit', '-qam', 'second');
    // A stray edit in the cache is not audited: the cache is reset to the remote branch.
    writeFileSync(join(dir, 'stray.txt'), 'left over\n');
    expect(await checkout(gitTarget(url), cache)).toBe(dir);
    expect(readFileSync(join(dir, 'a.txt'), 'utf8')).toBe('two\n');
    expect(existsSync(join(dir, 'stray.txt'))).toBe(false);
    expect(git(dir, 'rev-parse', 'HEAD')).toBe(git(origin, 'rev-parse', 'HEAD'));
  });

  it('audits the branch named, not the default one', async () => {
    const origin = makeGitRepo({ 'a.txt': 'main\n' });
    dirs.push(origin);
    git(origin, 'checkout', '-qb', 'release');
    writeFileSync(join(origin, 'a.txt'), 'release\n');
    git(origin, 'commit', '-qam', 'release');
    git(origin, 'checkout', '-q', 'main');
    const dir = await checkout(gitTarget(pathToFileURL(origin).href, 'release'), temp());
    expect(readFileSync(join(dir, 'a.txt'), 'utf8')).toBe('release\n');
  });

  it('names a missing branch and an unreachable URL', async () => {
    const origin = makeGitRepo({ 'a.txt': 'x\n' });
    dirs.push(origin);
    expect(await failure(checkout(gitTarget(pathToFileURL(origin).href, 'no-such-branch'), temp()))).toMatch(/cannot clone .* \(branch no-such-branch\): .*no-such-branch/);
    expect(await failure(checkout(gitTarget(pathToFileURL(join(origin, 'missing.git')).href), temp()))).toMatch(/cannot clone .*missing\.git/);
  });

  it('names a branch deleted after the first clone', async () => {
    const origin = makeGitRepo({ 'a.txt': 'x\n' });
    dirs.push(origin);
    git(origin, 'branch', 'topic');
    const cache = temp();
    const url = pathToFileURL(origin).href;
    await checkout(gitTarget(url, 'topic'), cache);
    git(origin, 'branch', '-qD', 'topic');
    expect(await failure(checkout(gitTarget(url, 'topic'), cache))).toMatch(/cannot fetch .* \(branch topic\)/);
  });

  it('says to delete a cache folder that is not a git repository', async () => {
    const origin = makeGitRepo({ 'a.txt': 'x\n' });
    dirs.push(origin);
    const cache = temp();
    const url = pathToFileURL(origin).href;
    const dir = cacheDir(cache, url, 'main');
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'junk'), 'not a repository\n');
    expect(await failure(checkout(gitTarget(url), cache))).toMatch(/is not a usable git repository .*delete it to clone again/);
  });

  it('clones into place whole: an empty cache folder or a killed clone\'s leftovers do not stop the next one', async () => {
    const origin = makeGitRepo({ 'a.txt': 'x\n' });
    dirs.push(origin);
    const cache = temp();
    const url = pathToFileURL(origin).href;
    const dir = cacheDir(cache, url, 'main');
    mkdirSync(dir, { recursive: true });
    mkdirSync(`${dir}.partial-1-1/.git`, { recursive: true });
    expect(await checkout(gitTarget(url), cache)).toBe(dir);
    expect(readFileSync(join(dir, 'a.txt'), 'utf8')).toBe('x\n');
  });

  it('lets two checkouts of one URL run at once: both end with the same usable clone', async () => {
    const origin = makeGitRepo({ 'a.txt': 'x\n' });
    dirs.push(origin);
    const cache = temp();
    const url = pathToFileURL(origin).href;
    const [a, b] = await Promise.all([checkout(gitTarget(url), cache), checkout(gitTarget(url), cache)]);
    expect(a).toBe(b);
    expect(git(a, 'rev-parse', 'HEAD')).toBe(git(origin, 'rev-parse', 'HEAD'));
    expect(readdirSync(cache).filter((n) => n.includes('.partial-'))).toEqual([]);
  });

  it('gives a local path as it is, and names one that is missing', async () => {
    const d = temp({ 'x.md': '# x\n' });
    expect(await checkout({ name: 'd', source: { kind: 'path', path: d }, failOn: [] }, temp())).toBe(d);
    expect(await failure(checkout({ name: 'm', source: { kind: 'path', path: join(d, 'gone') }, failOn: [] }, temp()))).toContain('no such directory');
  });

  it('keeps two URLs with the same last part apart in the cache', () => {
    expect(cacheDir('/c', 'https://a.example.invalid/x/app.git', 'main')).not.toBe(cacheDir('/c', 'https://b.example.invalid/y/app.git', 'main'));
    expect(cacheDir('/c', 'https://a.example.invalid/x/app.git', 'main')).toMatch(/^\/c\/app-[0-9a-f]{10}$/);
  });
});
