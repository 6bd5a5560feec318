/**
 * go.mod/go.work reading, package-name guesses and the bundled standard
 * library index that the Go rules stand on.
 */
import { describe, expect, it } from 'vitest';
import { directives, parseGoMod } from '../../../src/rules/builtin/go/gomod.js';
import { guessPackageNames } from '../../../src/rules/builtin/go/scope.js';
import { looksStd, stdIndex } from '../../../src/rules/builtin/go/stdlib.js';
import { closest, editDistance, isIgnoredBuild, inIgnoredGoDir } from '../../../src/rules/builtin/go/tree.js';

describe('go.mod', () => {
  it('reads module, go, require blocks, replace and comments', () => {
    const mod = parseGoMod(
      [
        'module "github.com/org/app" // the app',
        '',
        'go 1.22',
        '',
        'require (',
        '\tgithub.com/google/uuid v1.6.0',
        '\tgolang.org/x/sync v0.7.0 // indirect',
        ')',
        'require example.com/single v1.0.0',
        'replace example.com/lib v1.2.0 => ../lib',
        'replace (',
        '\texample.com/other => example.com/fork v1.0.0',
        ')',
      ].join('\n'),
      'svc',
    );
    expect(mod).toMatchObject({
      dir: 'svc',
      path: 'github.com/org/app',
      goVersion: '1.22',
      requires: ['github.com/google/uuid', 'golang.org/x/sync', 'example.com/single'],
      replaces: ['example.com/lib', 'example.com/other'],
    });
  });

  it('has no module without a module directive', () => {
    expect(parseGoMod('go 1.21\n', '')).toBeNull();
  });

  it('splits go.work use blocks', () => {
    expect(directives('go 1.21\n\nuse (\n\t./app\n\t./tools // x\n)\nuse ./lib\n')).toEqual([
      ['go', '1.21'],
      ['use', './app'],
      ['use', './tools'],
      ['use', './lib'],
    ]);
  });
});

describe('package names', () => {
  it('guesses the usual spellings', () => {
    expect(guessPackageNames('gopkg.in/yaml.v3')).toContain('yaml');
    expect(guessPackageNames('github.com/mattn/go-sqlite3')).toContain('sqlite3');
    expect(guessPackageNames('github.com/org/mod/v2')).toContain('mod');
    expect(guessPackageNames('github.com/kr/pretty-go')).toContain('pretty');
  });
});

describe('standard library index', () => {
  const idx = stdIndex();
  it('knows packages, names, package names and later additions', () => {
    expect(idx.go).toMatch(/^go1\.\d+/);
    expect(idx.packages.get('strings')?.names?.has('Contains')).toBe(true);
    expect(idx.packages.get('strings')?.names?.has('Contain')).toBe(false);
    expect(idx.packages.get('strings')?.names?.has('CutPrefix')).toBe(true);
    expect(idx.packages.get('net/http')?.methods['Client']).toContain('Do');
    expect(idx.packages.get('math/rand/v2')?.name).toBe('rand');
    expect(idx.packages.get('slices')?.names).toBeNull();
    expect(idx.packages.has('novacron/backend')).toBe(false);
  });

  it('tells std-looking paths as cmd/go does', () => {
    expect(looksStd('novacron/backend/x')).toBe(true);
    expect(looksStd('github.com/x/y')).toBe(false);
  });
});

describe('helpers', () => {
  it('finds near misses only', () => {
    expect(editDistance('Contain', 'Contains')).toBe(1);
    expect(closest('Contain', ['Contains', 'Count'])).toBe('Contains');
    expect(closest('client', ['Client'])).toBe('Client');
    expect(closest('SyncFabric', ['SyncAllCRDs'])).toBeNull();
  });

  it('knows what the go command never builds', () => {
    expect(inIgnoredGoDir('pkg/testdata/x.go')).toBe(true);
    expect(inIgnoredGoDir('_examples/x.go')).toBe(true);
    expect(inIgnoredGoDir('pkg/x.go')).toBe(false);
    expect(isIgnoredBuild('//go:build ignore\n\npackage main\n')).toBe(true);
    expect(isIgnoredBuild('//go:build linux && !ignore_foo\n\npackage x\n')).toBe(false);
    expect(isIgnoredBuild('package x\n\n//go:build ignore\n')).toBe(false);
    expect(isIgnoredBuild('// +build ignore\n\npackage main\n')).toBe(true);
  });
});
