/**
 * Look-alikes found while reviewing findings on code nobody here wrote
 * (CPython's standard library, pip, setuptools, IPython, trio, moto…): each
 * was a false alarm once and must stay quiet; the seeded defects next to them
 * must still be found.
 */
import { describe, expect, it } from 'vitest';
import { analyzeInMemory } from '../../../src/rules/engine.js';
import { pythonRules } from '../../../src/rules/builtin/python/index.js';

interface Case {
  name: string;
  files: Record<string, string>;
  /** rule id → expected number of findings of that rule. */
  expect: Record<string, number>;
}

const CASES: Case[] = [
  {
    name: 'names planted by a decorated enum class (re.IGNORECASE via enum.global_enum)',
    files: {
      'flags/__init__.py': 'import enum\n\n\n@enum.global_enum\nclass Flag(enum.IntFlag):\n    IGNORECASE = 2\n',
      'use.py': 'from flags import IGNORECASE\nfrom flags import IGNORCASE\n',
    },
    expect: { 'build-error/python-import': 1 },
  },
  {
    name: 'a package that serves modules through an import hook (setuptools.extern)',
    files: {
      'pkg/__init__.py': '',
      'pkg/extern/__init__.py': 'import sys\n\n\nclass Importer:\n    def install(self):\n        sys.meta_path.append(self)\n\n\nImporter().install()\n',
      'pkg/use.py': 'from pkg.extern import packaging\n',
    },
    expect: { 'build-error/python-import': 0 },
  },
  {
    name: 'imports under TYPE_CHECKING, version checks and assertRaises',
    files: {
      'pkg/__init__.py': '',
      'pkg/a.py': 'X = 1\n',
      'pkg/b.py': 'import sys\nfrom typing import TYPE_CHECKING\n\nif TYPE_CHECKING:\n    from pkg.a import OnlyInStubs\nif sys.version_info < (3,):\n    from itertools import ifilter\n',
      'tests/test_a.py': 'import unittest\n\n\nclass T(unittest.TestCase):\n    def test(self):\n        with self.assertRaises(ImportError):\n            from pkg.a import Missing\n',
    },
    expect: { 'build-error/python-import': 0, 'method-mismatch/python-stdlib-name': 0 },
  },
  {
    name: 'ABCMeta.register on an abstract class',
    files: { 'm.py': 'import abc\n\n\nclass Shell(metaclass=abc.ABCMeta):\n    pass\n\n\nclass Impl:\n    pass\n\n\nShell.register(Impl)\nShell.regster(Impl)\n' },
    expect: { 'method-mismatch/python-missing-method': 1 },
  },
  {
    name: 'a vendored copy of a standard package swapped in at run time (setuptools/_distutils)',
    files: { 'tool/_distutils/version.py': 'def suppress_known_deprecation():\n    pass\n', 'tool/dist.py': 'import distutils.version\n\ndistutils.version.suppress_known_deprecation()\n' },
    expect: { 'method-mismatch/python-stdlib-name': 0 },
  },
  {
    name: 'a module named like the third-party package it wraps (pkg/cache/redis.py)',
    files: { 'pkg/__init__.py': '', 'pkg/cache/__init__.py': '', 'pkg/cache/redis.py': 'import redis\nfrom redis import Redis\n\nclient = Redis(host="x", socket_timeout=5)\n' },
    expect: { 'build-error/python-import': 0 },
  },
  {
    name: 'the no-timeout branch of a function that passes the timeout when it has one (imaplib)',
    files: { 'c.py': 'import socket\n\n\ndef connect(address, timeout=None):\n    if timeout is not None:\n        return socket.create_connection(address, timeout)\n    return socket.create_connection(address)\n' },
    expect: { 'missing-timeout/python-socket': 0 },
  },
  {
    name: 'a real missing module function next to an existing one (docker errors.DockerError)',
    files: { 'd/__init__.py': '', 'd/errors.py': 'class DockerException(Exception):\n    pass\n', 'd/models.py': 'from . import errors\n\n\ndef upgrade(enabled):\n    if enabled:\n        raise errors.DockerError("disable first")\n    raise errors.DockerException("x")\n' },
    expect: { 'method-mismatch/python-missing-module-attr': 1 },
  },
  {
    name: 'a self attribute typed by its only assignment',
    files: { 'svc.py': 'class Client:\n    def sync_all(self):\n        return 1\n\n\nclass Job:\n    def __init__(self):\n        self.client = Client()\n\n    def run(self):\n        return self.client.sync_fabric()\n\n\nJob().run()\n' },
    expect: { 'method-mismatch/python-missing-method': 1 },
  },
  {
    name: 'a variable bound twice, and a with-target (whose value __enter__ decides)',
    files: { 'svc.py': 'class A:\n    def go(self):\n        pass\n\n\ndef f(flag, other):\n    x = A()\n    if flag:\n        x = other\n    x.stop()\n    with A() as y:\n        y.stop()\n' },
    expect: { 'method-mismatch/python-missing-method': 0 },
  },
];

describe('python rules on look-alikes from real code', () => {
  for (const c of CASES) {
    it(c.name, async () => {
      const { findings } = await analyzeInMemory(c.files, { rules: pythonRules });
      for (const [rule, n] of Object.entries(c.expect)) {
        expect(findings.filter((f) => f.ruleId === rule).map((f) => `${f.path}:${f.line} ${f.message}`), rule).toHaveLength(n);
      }
    });
  }
});
