import { describe, expect, it } from 'vitest';
import { pep503, parseRequirement, goModuleNames } from '../../src/facts/index.js';
import { factsOf } from './helpers.js';

describe('dependencies from npm manifests and lockfiles', () => {
  it('reads sections with lines, dev flags and versions resolved by package-lock', async () => {
    const facts = await factsOf({
      'web/package.json': JSON.stringify({ name: 'shop-web', dependencies: { express: '^4.18.2', '@tanstack/react-query': '^5.0.0' }, devDependencies: { vitest: '~1.6.0' }, peerDependencies: { react: '>=18' } }, null, 2),
      'web/package-lock.json': JSON.stringify({ lockfileVersion: 3, packages: { '': {}, 'node_modules/express': { version: '4.19.2' }, 'node_modules/vitest': { version: '1.6.1' } } }, null, 2),
    });
    const express = facts.dependency('express');
    expect(express).toHaveLength(1);
    expect(express[0]).toMatchObject({ ecosystem: 'npm', spec: '^4.18.2', resolved: '4.19.2', dev: false, group: 'dependencies', path: 'web/package.json', line: 4 });
    expect(express[0]!.resolvedAt).toEqual({ path: 'web/package-lock.json', line: 5 });
    expect(facts.dependency('vitest')[0]).toMatchObject({ dev: true, group: 'devDependencies', resolved: '1.6.1' });
    expect(facts.dependency('@TanStack/react-query')[0]!.resolved).toBeNull();
    expect(facts.dependency('react')[0]!.group).toBe('peerDependencies');
    expect(facts.hasManifest('npm')).toBe(true);
    expect(facts.hasManifest('pypi')).toBe(false);
  });

  it('resolves through yarn.lock (v1 and berry) and pnpm-lock.yaml', async () => {
    const facts = await factsOf({
      'a/package.json': '{"dependencies": {"lodash": "^4.17.0", "chalk": "^5.0.0"}}',
      'a/yarn.lock': '# yarn lockfile v1\n\n"lodash@^4.17.0", lodash@^4.17.21:\n  version "4.17.21"\n  resolved "https://example.invalid/lodash.tgz"\n\nchalk@^5.0.0:\n  version "5.3.0"\n',
      'b/package.json': '{"dependencies": {"zod": "^3.22.0"}}',
      'b/yarn.lock': '__metadata:\n  version: 8\n\n"zod@npm:^3.22.0":\n  version: 3.23.8\n  resolution: "zod@npm:3.23.8"\n',
      'c/package.json': '{"devDependencies": {"typescript": "^5.4.0"}}',
      'c/pnpm-lock.yaml': "lockfileVersion: '9.0'\nimporters:\n  .:\n    devDependencies:\n      typescript:\n        specifier: ^5.4.0\n        version: 5.4.5\n",
    });
    expect(facts.dependency('lodash')[0]).toMatchObject({ resolved: '4.17.21', resolvedAt: { path: 'a/yarn.lock', line: 3 } });
    expect(facts.dependency('chalk')[0]!.resolved).toBe('5.3.0');
    expect(facts.dependency('zod')[0]!.resolved).toBe('3.23.8');
    expect(facts.dependency('typescript')[0]).toMatchObject({ resolved: '5.4.5', dev: true, resolvedAt: { path: 'c/pnpm-lock.yaml', line: 5 } });
  });

  it('skips node_modules and fixture manifests, and records a malformed package.json as a problem', async () => {
    const facts = await factsOf({
      'package.json': '{ "dependencies": { "koa": "2.15.0", } }',
      'tests/fixtures/package.json': '{"dependencies": {"left-pad": "1.0.0"}}',
    });
    expect(facts.dependencies).toHaveLength(0);
    expect(facts.problems.map((p) => p.path)).toEqual(['package.json']);
  });
});

describe('dependencies from Python manifests', () => {
  it('reads requirements files with includes, markers, hashes and dev files', async () => {
    const facts = await factsOf({
      'requirements.txt': ['# runtime', 'Django>=4.2,<5.0', 'redis==5.0.1 ; python_version >= "3.8"', 'python_dateutil \\', '  --hash=sha256:abc', '-e git+https://example.invalid/x.git#egg=Internal_Tools', '', '# requests==2.0 is gone'].join('\n'),
      'requirements-dev.txt': '-r requirements.txt\npytest~=8.0\n',
    });
    expect(facts.dependency('django')[0]).toMatchObject({ spec: '>=4.2,<5.0', dev: false, line: 2 });
    expect(facts.dependency('redis')[0]).toMatchObject({ spec: '==5.0.1', resolved: '5.0.1', line: 3 });
    expect(facts.dependency('python-dateutil')[0]).toMatchObject({ name: 'python_dateutil', spec: null, line: 4 });
    expect(facts.dependency('internal-tools')).toHaveLength(1);
    expect(facts.dependency('pytest')[0]).toMatchObject({ dev: true, path: 'requirements-dev.txt' });
    // A commented-out requirement is not a dependency.
    expect(facts.dependency('requests')).toHaveLength(0);
  });

  it('reads pyproject (PEP 621, optional groups, Poetry) and pins from poetry.lock', async () => {
    const facts = await factsOf({
      'pyproject.toml': [
        '[project]',
        'name = "inventory"',
        'dependencies = [',
        '  "fastapi>=0.110",',
        '  "SQLAlchemy[asyncio]>=2.0",',
        ']',
        '[project.optional-dependencies]',
        'test = ["pytest-asyncio>=0.23"]',
        'postgres = ["asyncpg"]',
        '[tool.poetry.dependencies]',
        'python = "^3.11"',
        'uvicorn = {version = "^0.29", extras = ["standard"]}',
        '[tool.poetry.group.lint.dependencies]',
        'ruff = "^0.4"',
      ].join('\n'),
      'poetry.lock': '[[package]]\nname = "fastapi"\nversion = "0.111.0"\n\n[[package]]\nname = "uvicorn"\nversion = "0.29.0"\n',
    });
    expect(facts.dependency('fastapi')[0]).toMatchObject({ spec: '>=0.110', resolved: '0.111.0', line: 4, resolvedAt: { path: 'poetry.lock', line: 2 } });
    expect(facts.dependency('sqlalchemy')[0]).toMatchObject({ name: 'SQLAlchemy', line: 5 });
    expect(facts.dependency('pytest_asyncio')[0]).toMatchObject({ dev: true, group: 'optional:test' });
    expect(facts.dependency('asyncpg')[0]!.dev).toBe(false);
    expect(facts.dependency('uvicorn')[0]).toMatchObject({ spec: '^0.29', resolved: '0.29.0', line: 12 });
    expect(facts.dependency('ruff')[0]).toMatchObject({ dev: true, group: 'poetry:lint' });
    expect(facts.dependency('python')).toHaveLength(0);
  });

  it('reads Pipfile with Pipfile.lock and a literal install_requires, not a computed one', async () => {
    const facts = await factsOf({
      'svc/Pipfile': '[packages]\nflask = "*"\ngunicorn = "==21.2.0"\n\n[dev-packages]\nblack = "*"\n',
      'svc/Pipfile.lock': JSON.stringify({ default: { flask: { version: '==3.0.3' } }, develop: {} }, null, 2),
      'lib/setup.py': 'from setuptools import setup\nsetup(\n    name="lib",\n    install_requires=[\n        "click>=8",  # cli\n        "rich",\n    ],\n)\n',
      'gen/setup.py': 'from setuptools import setup\nsetup(name="gen", install_requires=read_reqs() + ["attrs"])\n',
    });
    expect(facts.dependency('flask')[0]).toMatchObject({ spec: null, resolved: '3.0.3', path: 'svc/Pipfile', line: 2 });
    expect(facts.dependency('gunicorn')[0]!.resolved).toBe('21.2.0');
    expect(facts.dependency('black')[0]!.dev).toBe(true);
    expect(facts.dependency('click')[0]).toMatchObject({ spec: '>=8', path: 'lib/setup.py', line: 5 });
    expect(facts.dependency('rich')[0]!.line).toBe(6);
    expect(facts.dependency('attrs')).toHaveLength(0);
  });

  it('normalises names as PEP 503 says and parses PEP 508 requirements', () => {
    expect(pep503('Zope.Interface')).toBe('zope-interface');
    expect(pep503('typing__extensions')).toBe('typing-extensions');
    expect(parseRequirement('uvicorn[standard] >= 0.29 ; sys_platform != "win32"')).toEqual({ name: 'uvicorn', spec: '>=0.29' });
    expect(parseRequirement('pkg @ https://example.invalid/pkg.whl')).toEqual({ name: 'pkg', spec: null });
  });
});

describe('dependencies from go.mod', () => {
  it('reads require blocks, indirect marks and replacements; finds modules by the names prose uses', async () => {
    const facts = await factsOf({
      'go.mod': ['module example.invalid/meshd', '', 'go 1.22', '', 'require (', '\tgithub.com/gin-gonic/gin v1.9.1', '\tgithub.com/redis/go-redis/v9 v9.5.1', '\tgolang.org/x/sys v0.18.0 // indirect', ')', '', 'require gopkg.in/yaml.v3 v3.0.1', '', 'replace github.com/gin-gonic/gin => ../gin-fork', '// require github.com/lib/pq v1.10.9'].join('\n'),
      'go.sum': 'github.com/gin-gonic/gin v1.9.1 h1:abc=\n',
    });
    expect(facts.dependency('gin')[0]).toMatchObject({ ecosystem: 'go', spec: 'v1.9.1', resolved: 'v1.9.1', line: 6, replacedBy: '../gin-fork' });
    expect(facts.dependency('github.com/redis/go-redis')[0]!.line).toBe(7);
    expect(facts.dependency('go-redis')).toHaveLength(1);
    expect(facts.dependency('redis')).toHaveLength(1);
    expect(facts.dependency('golang.org/x/sys')[0]!.indirect).toBe(true);
    // A package inside a module is declared by the module; a sibling path sharing a prefix is not.
    expect(facts.dependency('golang.org/x/sys/unix')[0]!.name).toBe('golang.org/x/sys');
    expect(facts.dependency('golang.org/x/system')).toHaveLength(0);
    expect(facts.dependency('yaml')[0]!.line).toBe(11);
    expect(facts.dependency('pq')).toHaveLength(0);
    expect(facts.manifestsOf('go')).toEqual(['go.mod', 'go.sum']);
    expect(goModuleNames('github.com/labstack/echo/v4')).toEqual(['echo', 'labstack/echo']);
  });
});
