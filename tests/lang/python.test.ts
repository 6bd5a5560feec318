import { describe, expect, it } from 'vitest';
import { buildPythonModel } from '../../src/lang/python.js';
import { parseTree } from '../../src/lang/treesitter.js';
import { countLines } from '../../src/repo/text.js';
import type { FunctionBody, SourceModel, SymbolInfo } from '../../src/lang/model.js';

function model(src: string, path = 'pkg/mod.py'): SourceModel {
  return buildPythonModel(path, src, parseTree('python', src), countLines(src));
}

function sym(m: SourceModel, name: string, container: string | null = null): SymbolInfo {
  const found = m.symbols.filter((s) => s.name === name && s.container === container);
  expect(found, `one symbol ${container ?? ''}.${name}`).toHaveLength(1);
  return found[0]!;
}

function body(src: string, name: string, container: string | null = null): FunctionBody {
  return sym(model(src), name, container).body!;
}

function summary(m: SourceModel): string[] {
  return m.symbols.map((s) => `${s.kind} ${s.container ? s.container + '.' : ''}${s.name}${s.exported ? ' (exported)' : ''}`);
}

describe('symbols', () => {
  const src = `"""Fabric sync jobs."""
import logging

MAX_RETRIES = 3
_cache = {}
default_timeout, DEBUG = 30, False

if TYPE_CHECKING:
    def typed_only(x): ...


@register("fabric")
class FabricSync(BaseJob, mixins.Loggable, metaclass=JobMeta):
    """Syncs one fabric.

    class NotAClass: this line is docstring text, not code.
    """

    name: str
    retries: int = MAX_RETRIES
    _lock = None

    def __init__(self, fabric, *args, timeout: float = 5.0, **kwargs):
        self.fabric = fabric

    @property
    def status(self):
        return self._status

    @staticmethod
    @functools.lru_cache(maxsize=None)
    def _helper(a, b=2, /, c=3, *, d):
        def inner(x):
            return x
        return inner

    if sys.platform == "win32":
        def platform_hook(self):
            pass

    class Meta:
        ordering = ["name"]

        class Deeper:
            def deep(self):
                pass


def run(job):
    class Local:
        def method(self):
            pass
    return Local
`;
  const m = model(src);

  it('finds classes, methods, nested definitions and module/class-level names in source order', () => {
    expect(summary(m)).toEqual([
      'constant MAX_RETRIES (exported)',
      'variable _cache',
      'variable default_timeout (exported)',
      'constant DEBUG (exported)',
      'function typed_only (exported)',
      'class FabricSync (exported)',
      'field FabricSync.name (exported)',
      'field FabricSync.retries (exported)',
      'field FabricSync._lock',
      'method FabricSync.__init__ (exported)',
      'method FabricSync.status (exported)',
      'method FabricSync._helper',
      'function FabricSync._helper.inner',
      'method FabricSync.platform_hook (exported)',
      'class FabricSync.Meta (exported)',
      'field FabricSync.Meta.ordering (exported)',
      'class FabricSync.Meta.Deeper (exported)',
      'method FabricSync.Meta.Deeper.deep (exported)',
      'function run (exported)',
      'class run.Local',
      'method run.Local.method',
    ]);
  });

  it('records bases without keywords, decorators without @, params with stars, docstrings', () => {
    const cls = sym(m, 'FabricSync');
    expect(cls.bases).toEqual(['BaseJob', 'mixins.Loggable']);
    expect(cls.decorators).toEqual(['register("fabric")']);
    expect(cls.doc).toContain('Syncs one fabric.');
    expect(cls.range.line).toBe(13);
    expect(cls.nameRange).toEqual({ line: 13, column: 7, endLine: 13, endColumn: 17 });

    expect(sym(m, '__init__', 'FabricSync').params).toEqual(['self', 'fabric', '*args', 'timeout', '**kwargs']);
    expect(sym(m, '_helper', 'FabricSync').params).toEqual(['a', 'b', 'c', 'd']);
    expect(sym(m, '_helper', 'FabricSync').decorators).toEqual(['staticmethod', 'functools.lru_cache(maxsize=None)']);
    expect(sym(m, 'status', 'FabricSync').decorators).toEqual(['property']);
    expect(sym(m, 'status', 'FabricSync').doc).toBeUndefined();
  });

  it('does not count words inside a docstring as code', () => {
    expect(m.symbols.some((s) => s.name === 'NotAClass')).toBe(false);
  });

  it('ranges a module-level name by its statement and its own token', () => {
    const debug = sym(m, 'DEBUG');
    expect(debug.range).toEqual({ line: 6, column: 1, endLine: 6, endColumn: 35 });
    expect(debug.nameRange).toEqual({ line: 6, column: 18, endLine: 6, endColumn: 23 });
  });
});

describe('docstrings and string literals', () => {
  const src = `"""Module doc."""
X = "value"


def f():
    """Function doc."""
    "a second string statement is not a docstring"
    return f"{X!r} and {'nested'}"


def g():
    f"""an f-string is never a docstring"""


def h():
    # a comment before the docstring does not stop it
    """Doc of h."""
    return b"bytes"


class C:
    "Single-quoted class doc"
    "implicit" "concatenation"
`;
  const m = model(src);

  it('keeps docstrings out of the string literals and records them as comments', () => {
    expect(m.comments.filter((c) => c.kind === 'docstring').map((c) => c.text)).toEqual([
      'Module doc.',
      'Function doc.',
      'Doc of h.',
      'Single-quoted class doc',
    ]);
    expect(m.strings.map((s) => s.value)).toEqual([
      'value',
      'a second string statement is not a docstring',
      "{X!r} and {'nested'}",
      'nested',
      'an f-string is never a docstring',
      'bytes',
      'implicit',
      'concatenation',
    ]);
    expect(sym(m, 'f').doc).toBe('Function doc.');
    expect(sym(m, 'g').doc).toBeUndefined();
    expect(sym(m, 'h').doc).toBe('Doc of h.');
    expect(sym(m, 'C').doc).toBe('Single-quoted class doc');
  });

  it('ranges a string literal including its quotes', () => {
    expect(m.strings[0]!.range).toEqual({ line: 2, column: 5, endLine: 2, endColumn: 12 });
  });

  it('reads # comments without the marker', () => {
    expect(m.comments.filter((c) => c.kind === 'line')).toEqual([
      { kind: 'line', text: 'a comment before the docstring does not stop it', range: { line: 16, column: 5, endLine: 16, endColumn: 54 } },
    ]);
  });
});

describe('body shapes', () => {
  it('pass, ellipsis and docstring-only bodies are "pass"', () => {
    expect(body('def f():\n    pass\n', 'f')).toMatchObject({ shape: 'pass', statements: 1 });
    expect(body('def f(): ...\n', 'f')).toMatchObject({ shape: 'pass', statements: 1 });
    expect(body('def f():\n    """Doc."""\n    pass\n', 'f')).toMatchObject({ shape: 'pass', statements: 1 });
    expect(body('def f():\n    """Only a docstring."""\n', 'f')).toMatchObject({ shape: 'pass', statements: 0 });
    expect(body('def f():\n    # TODO\n    pass\n', 'f')).toMatchObject({ shape: 'pass', statements: 1 });
  });

  it('raising NotImplementedError is "not-implemented"', () => {
    expect(body('def f():\n    raise NotImplementedError\n', 'f').shape).toBe('not-implemented');
    expect(body('def f():\n    """Doc."""\n    raise NotImplementedError("later")\n', 'f').shape).toBe('not-implemented');
  });

  it('returning only a literal is "constant-return" with the literal text', () => {
    const cases: [string, string][] = [
      ['True', 'True'],
      ['None', 'None'],
      ['-1', '-1'],
      ['"ok"', '"ok"'],
      ['{"success": True, "items": [1, 2.5, (3, "x")]}', '{"success": True, "items": [1, 2.5, (3, "x")]}'],
      ['1, 2', '1, 2'],
      ['f"plain"', 'f"plain"'],
    ];
    for (const [expr, returned] of cases) {
      expect(body(`def f(self):\n    return ${expr}\n`, 'f'), expr).toMatchObject({ shape: 'constant-return', statements: 1, returned });
    }
    expect(body('def f():\n    """Doc."""\n    return {"status": "ok"}\n', 'f')).toMatchObject({ shape: 'constant-return', statements: 1 });
  });

  it('look-alikes are "code"', () => {
    const lookAlikes = [
      'def f():\n    """Doc."""\n    x = compute()\n    return x\n',
      'def f():\n    return compute()\n',
      'def f(x):\n    return {"a": x}\n',
      'def f(x):\n    return f"{x}"\n',
      'def f(x):\n    return [1, x]\n',
      'def f():\n    return\n',
      'def f():\n    pass\n    return 1\n',
      'def f():\n    raise ValueError("bad")\n',
      'def f():\n    raise NotImplementedError\n    return 1\n',
      'def f():\n    log("x")\n',
    ];
    for (const src of lookAlikes) expect(body(src, 'f').shape, src).toBe('code');
    expect(body('def f():\n    """Doc."""\n    x = compute()\n    return x\n', 'f').statements).toBe(2);
  });

  it('gives classes no body and methods the body range', () => {
    const m = model('class A:\n    def m(self):\n        return 1\n');
    expect(sym(m, 'A').body).toBeUndefined();
    expect(sym(m, 'm', 'A').body!.range).toEqual({ line: 3, column: 9, endLine: 3, endColumn: 17 });
  });
});

describe('imports', () => {
  const src = `import os, sys
import a.b as c
from ..x import (y as z, w)
from . import m
from .models.fabric import Fabric
from os.path import *
from __future__ import annotations

try:
    import ujson as json
except ImportError:
    import json


def lazy():
    from heavy import thing
    return thing


class K:
    import typing
`;
  const m = model(src);

  it('reads every form with module, level, names, alias and star', () => {
    expect(m.imports.map(({ module, level, names, alias, star, nested }) => ({ module, level, names: names.map((n) => [n.name, n.alias, n.line]), alias, star, nested }))).toEqual([
      { module: 'os', level: 0, names: [], alias: null, star: false, nested: false },
      { module: 'sys', level: 0, names: [], alias: null, star: false, nested: false },
      { module: 'a.b', level: 0, names: [], alias: 'c', star: false, nested: false },
      { module: '..x', level: 2, names: [['y', 'z', 3], ['w', null, 3]], alias: null, star: false, nested: false },
      { module: '.', level: 1, names: [['m', null, 4]], alias: null, star: false, nested: false },
      { module: '.models.fabric', level: 1, names: [['Fabric', null, 5]], alias: null, star: false, nested: false },
      { module: 'os.path', level: 0, names: [], alias: null, star: true, nested: false },
      { module: '__future__', level: 0, names: [['annotations', null, 7]], alias: null, star: false, nested: false },
      { module: 'ujson', level: 0, names: [], alias: 'json', star: false, nested: true },
      { module: 'json', level: 0, names: [], alias: null, star: false, nested: true },
      { module: 'heavy', level: 0, names: [['thing', null, 16]], alias: null, star: false, nested: true },
      { module: 'typing', level: 0, names: [], alias: null, star: false, nested: true },
    ]);
    expect(m.imports[2]!.range).toEqual({ line: 2, column: 1, endLine: 2, endColumn: 16 });
  });
});

describe('calls', () => {
  const src = `import requests

session = requests.Session()


@retry(times=3)
def fetch(url, timeout=default_timeout()):
    resp = session.get(url, timeout=None).json()
    requests.post(url, *payload, verify=False, **options)
    builder.a().b(1).c()
    handlers[kind](event)
    total = sum(x for x in items)

    def inner():
        return helper()
    return resp


class Client:
    pool = make_pool(size=4)

    def send(self):
        self.client.sync(force=True)
`;
  const m = model(src);
  const calls = m.calls.map((c) => [c.callee, c.receiver, c.name, c.enclosing]);

  it('keeps the callee text, splits receiver and name, and names the enclosing scope', () => {
    expect(calls).toEqual([
      ['requests.Session', 'requests', 'Session', null],
      ['retry', null, 'retry', null],
      ['default_timeout', null, 'default_timeout', null],
      ['session.get(url, timeout=None).json', 'session.get(url, timeout=None)', 'json', 'fetch'],
      ['session.get', 'session', 'get', 'fetch'],
      ['requests.post', 'requests', 'post', 'fetch'],
      ['builder.a().b(1).c', 'builder.a().b(1)', 'c', 'fetch'],
      ['builder.a().b', 'builder.a()', 'b', 'fetch'],
      ['builder.a', 'builder', 'a', 'fetch'],
      ['handlers[kind]', null, 'handlers[kind]', 'fetch'],
      ['sum', null, 'sum', 'fetch'],
      ['helper', null, 'helper', 'fetch.inner'],
      ['make_pool', null, 'make_pool', 'Client'],
      ['self.client.sync', 'self.client', 'sync', 'Client.send'],
    ]);
  });

  it('exposes keyword, star and double-star arguments', () => {
    const get = m.calls.find((c) => c.callee === 'session.get')!;
    expect(get.args).toEqual([
      { keyword: null, text: 'url' },
      { keyword: 'timeout', text: 'None' },
    ]);
    expect(m.calls.find((c) => c.callee === 'requests.post')!.args).toEqual([
      { keyword: null, text: 'url' },
      { keyword: '*', text: 'payload' },
      { keyword: 'verify', text: 'False' },
      { keyword: '**', text: 'options' },
    ]);
    // A lone generator argument is the call's whole parenthesised argument.
    expect(m.calls.find((c) => c.callee === 'sum')!.args).toEqual([{ keyword: null, text: '(x for x in items)' }]);
    expect(get.range).toEqual({ line: 8, column: 12, endLine: 8, endColumn: 42 });
  });

  it('clips long argument texts', () => {
    const long = 'x'.repeat(500);
    const [call] = model(`f(${long})\n`).calls;
    expect(call!.args[0]!.text).toHaveLength(201);
    expect(call!.args[0]!.text.endsWith('…')).toBe(true);
  });
});

describe('assignments', () => {
  const src = `timeout = 30
configuration.timeout = 60
a = b = compute()
x: int
y: int = 5


def f():
    retries += 1
    first, *rest = items
`;
  const m = model(src);

  it('lists assignments and augmented assignments with their final value', () => {
    expect(m.assignments.map((a) => [a.target, a.value, a.range.line, a.enclosing])).toEqual([
      ['timeout', '30', 1, null],
      ['configuration.timeout', '60', 2, null],
      ['a', 'compute()', 3, null],
      ['b', 'compute()', 3, null],
      ['y', '5', 5, null],
      ['retries', '1', 9, 'f'],
      ['first, *rest', 'items', 10, 'f'],
    ]);
  });

  it('makes module-level names symbols (annotations too), not attribute targets or locals', () => {
    expect(summary(m)).toEqual(['variable timeout (exported)', 'variable a (exported)', 'variable b (exported)', 'variable x (exported)', 'variable y (exported)', 'function f (exported)']);
  });
});

describe('syntax errors', () => {
  it('reports nothing for valid code, with or without a final newline', () => {
    expect(model('def f():\n    return 1\n').syntaxErrors).toEqual([]);
    expect(model('x = 1').syntaxErrors).toEqual([]);
  });

  it('names an unclosed bracket', () => {
    expect(model('def f(:\n    pass\n').syntaxErrors).toEqual([{ message: "'(' was never closed", range: { line: 1, column: 7, endLine: 1, endColumn: 7 } }]);
  });

  it('names an invalid character as CPython does', () => {
    expect(model('print("ok") ✅\n').syntaxErrors).toEqual([
      { message: "invalid character '✅' (U+2705)", range: { line: 1, column: 13, endLine: 1, endColumn: 14 } },
    ]);
  });

  it('reports what tree-sitter accepts but CPython rejects', () => {
    // CPython points at the statement after the body, where `except` should have been.
    expect(model('try:\n    pass\nx = 1\n').syntaxErrors.map((e) => [e.message, e.range.line])).toEqual([["expected 'except' or 'finally' block", 3]]);
    expect(model('def f():\nreturn 1\n').syntaxErrors.map((e) => e.message)).toEqual(['expected an indented block after function definition on line 1']);
  });

  it('reports one error per broken region, in order', () => {
    const m = model('x = (1 +)\ny = 2\nz = [\n');
    expect(m.syntaxErrors.map((e) => [e.message, e.range.line])).toEqual([
      ['invalid syntax', 1],
      ['invalid syntax', 3],
    ]);
  });
});

describe('robustness', () => {
  it('is deterministic and sorted', () => {
    const src = 'import os\n\nclass A:\n    def f(self):\n        return g(h(1), "s")  # c\n';
    const a = model(src);
    expect(model(src)).toEqual(a);
    for (const list of [a.symbols, a.calls, a.strings, a.comments]) {
      const lines = list.map((x) => x.range.line * 1000 + x.range.column);
      expect(lines).toEqual([...lines].sort((x, y) => x - y));
    }
  });

  it('survives very deep nesting', () => {
    const depth = 2000;
    const src = `x = ${'f('.repeat(depth)}1${')'.repeat(depth)}\n`;
    expect(model(src).calls).toHaveLength(depth);
  });

  it('counts columns in UTF-16 code units and lines like countLines', () => {
    // 😀 is two UTF-16 code units, é one.
    const m = model('s = "héllo 😀"; t = g()\n');
    expect(m.calls[0]!.range).toEqual({ line: 1, column: 21, endLine: 1, endColumn: 24 });
    expect(m.lineCount).toBe(1);
    expect(m.language).toBe('python');
    expect(m.packageName).toBeNull();
    expect(m.path).toBe('pkg/mod.py');
  });
});
