/**
 * Where a scan target's files are: a local directory as it is, or a git URL
 * cloned once into the cache folder and brought to its branch's tip on later
 * runs. The cache belongs to claimcheck, so it is reset hard to the remote
 * branch: local edits there are never audited by mistake.
 */
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync, rmdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { simpleGit } from 'simple-git';
import type { ScanTarget } from './config.js';

/** A checkout could not be made; the message says why, for the scan's record. */
export class CheckoutError extends Error {}

/** The cache folder of a URL and branch: readable, and distinct for two URLs ending alike. */
export function cacheDir(cache: string, url: string, branch: string): string {
  const tail = url.replace(/[\\/]+$/, '').split(/[\\/:]/).pop()!.replace(/\.git$/, '').replace(/[^A-Za-z0-9._-]/g, '-') || 'repo';
  const hash = createHash('sha256').update(`${url}\n${branch}`).digest('hex').slice(0, 10);
  return join(cache, `${tail}-${hash}`);
}

/** The directory to audit for a target: cloned or fetched for a git URL. */
export async function checkout(target: ScanTarget, cache: string): Promise<string> {
  const src = target.source;
  if (src.kind === 'path') {
    if (!existsSync(src.path) || !statSync(src.path).isDirectory()) throw new CheckoutError(`${src.path}: no such directory`);
    return src.path;
  }
  const dir = cacheDir(cache, src.url, src.branch);
  if (!existsSync(dir) || readdirSync(dir).length === 0) {
    mkdirSync(cache, { recursive: true });
    // Cloned beside the cache folder and renamed into place: a scan killed mid-clone leaves no
    // half-made cache behind, and of two scans cloning at once the second keeps the first's.
    const partial = `${dir}.partial-${process.pid}-${randomBytes(4).toString('hex')}`;
    try {
      await simpleGit().clone(src.url, partial, ['--branch', src.branch, '--single-branch', '--no-tags']);
    } catch (err) {
      rmSync(partial, { recursive: true, force: true });
      throw new CheckoutError(`cannot clone ${src.url} (branch ${src.branch}): ${gitMessage(err)}`);
    }
    try {
      if (existsSync(dir)) rmdirSync(dir);
      renameSync(partial, dir);
    } catch {
      rmSync(partial, { recursive: true, force: true });
      if (!existsSync(join(dir, '.git'))) throw new CheckoutError(`cache ${dir}: cannot move the clone into place`);
    }
    return dir;
  }
  const git = simpleGit(dir);
  try {
    // The cache folder must be a work tree of its own, not a folder inside some other repository.
    const top = (await git.revparse(['--show-toplevel'])).trim();
    if (!existsSync(join(dir, '.git')) || !top) throw new Error('not a git work tree');
  } catch (err) {
    throw new CheckoutError(`cache ${dir} is not a usable git repository (${gitMessage(err)}); delete it to clone again`);
  }
  try {
    await git.fetch('origin', `+refs/heads/${src.branch}:refs/remotes/origin/${src.branch}`, ['--no-tags']);
  } catch (err) {
    throw new CheckoutError(`cannot fetch ${src.url} (branch ${src.branch}): ${gitMessage(err)}`);
  }
  try {
    await git.raw(['checkout', '--force', '-B', src.branch, `refs/remotes/origin/${src.branch}`]);
    await git.raw(['clean', '-fdx', '-q']);
  } catch (err) {
    throw new CheckoutError(`cache ${dir}: cannot check out ${src.branch} (${gitMessage(err)}); delete it to clone again`);
  }
  return dir;
}

/** Git's own words, one line: "fatal: Remote branch x not found in upstream origin". */
function gitMessage(err: unknown): string {
  const text = (err as Error).message ?? String(err);
  const lines = text.split('\n').map((l) => l.trim()).filter(Boolean);
  // git's fatal line says what went wrong; its error lines often only that something did.
  return lines.find((l) => /^fatal:/.test(l)) ?? lines.find((l) => /^error:/.test(l)) ?? lines[0] ?? 'unknown git error';
}
