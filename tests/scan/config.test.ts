/**
 * The scan config: paths resolved against the config file, defaults filled
 * in, and every mistake named (the wrong key, path and url together, a url
 * without a branch, a name used twice).
 */
import { afterAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { cleanup, makeTree } from '../helpers/tmp.js';
import { defaultName, loadScanConfig } from '../../src/scan/config.js';
import { ConfigError } from '../../src/repo/config.js';

const dirs: string[] = [];
afterAll(() => dirs.forEach(cleanup));

function configFile(text: string, name = 'scan.yml'): string {
  const d = makeTree({ [name]: text });
  dirs.push(d);
  return join(d, name);
}

function errorOf(text: string): string {
  try {
    loadScanConfig(configFile(text));
  } catch (err) {
    expect(err).toBeInstanceOf(ConfigError);
    return (err as Error).message;
  }
  throw new Error('expected a ConfigError');
}

describe('loadScanConfig', () => {
  it('resolves paths against the config file and fills in names, cache and fail policy', () => {
    const file = configFile(
      [
        'failOn: [contradicted]',
        'repositories:',
        '  - path: services/billing/',
        '    claims: ["reports/**/*.md"]',
        '    rules: { placeholder: off, "python.timeout": warning }',
        '  - name: mesh',
        '    url: https://git.example.invalid/team/meshd.git',
        '    branch: release-2',
        '    failOn: [error]',
      ].join('\n'),
    );
    const c = loadScanConfig(file);
    const base = join(file, '..');
    expect(c.cache).toBe(join(base, '.claimcheck-cache'));
    expect(c.db).toBeNull();
    expect(c.targets).toEqual([
      { name: 'billing', source: { kind: 'path', path: join(base, 'services/billing') }, claims: ['reports/**/*.md'], rules: { placeholder: 'off', 'python.timeout': 'warning' }, failOn: ['contradicted'] },
      { name: 'mesh', source: { kind: 'git', url: 'https://git.example.invalid/team/meshd.git', branch: 'release-2' }, failOn: ['error'] },
    ]);
  });

  it('takes a cache folder and a database from the config, and JSON as well as YAML', () => {
    const file = configFile(JSON.stringify({ cache: 'var/cache', db: 'var/h.db', repositories: [] }), 'scan.json');
    const c = loadScanConfig(file);
    expect(c.cache).toBe(join(file, '..', 'var/cache'));
    expect(c.db).toBe(join(file, '..', 'var/h.db'));
    expect(c.targets).toEqual([]);
  });

  it('names a misspelt key at the top and inside a repository entry', () => {
    expect(errorOf('repositorys:\n  - path: a\n')).toMatch(/at \(top level\): unknown key 'repositorys'\. Allowed keys: cache, db, failOn, repositories/);
    expect(errorOf('repositories:\n  - path: a\n    claim: ["x.md"]\n')).toMatch(/at repositories\.0: unknown key 'claim'\. Allowed keys: name, path, url, branch/);
  });

  it('refuses an unknown fail policy item and a bad rule setting, naming where', () => {
    expect(errorOf('repositories:\n  - path: a\n    failOn: [contradicted, fatal]\n')).toMatch(/repositories\.0\.failOn\.1/);
    expect(errorOf('repositories:\n  - path: a\n    rules: { placeholder: loud }\n')).toMatch(/repositories\.0\.rules\.placeholder/);
  });

  it('refuses path and url together, neither, a url without a branch and a branch on a path', () => {
    expect(errorOf('repositories:\n  - path: a\n    url: file:///x\n    branch: main\n')).toContain('either path or url');
    expect(errorOf('repositories:\n  - name: lonely\n')).toContain('either path or url');
    expect(errorOf('repositories:\n  - url: file:///x.git\n')).toContain('a url needs a branch');
    expect(errorOf('repositories:\n  - path: a\n    branch: main\n')).toContain('branch goes with url');
  });

  it('refuses one name used twice, and a missing repositories list', () => {
    expect(errorOf('repositories:\n  - path: one/app\n  - path: two/app\n')).toContain("the name 'app' is used twice");
    expect(errorOf('cache: c\n')).toMatch(/at repositories: Required/);
  });

  it('says when the file cannot be read or parsed', () => {
    expect(() => loadScanConfig('/nonexistent/scan.yml')).toThrow(/cannot read scan config/);
    expect(errorOf('repositories: [\n')).toContain('cannot read scan config');
  });
});

describe('defaultName', () => {
  it('takes the last part of a path or URL without .git', () => {
    expect(defaultName('https://host/team/meshd.git')).toBe('meshd');
    expect(defaultName('git@host:team/orders-api.git')).toBe('orders-api');
    expect(defaultName('samples/ts-orders/')).toBe('ts-orders');
    expect(defaultName('/')).toBe('repository');
  });
});
