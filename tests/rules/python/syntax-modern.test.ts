/**
 * build-error/python-syntax on Python 3.12–3.15 syntax: PEP 695 type
 * parameters and `type` statements, PEP 696 defaults, PEP 701 f-strings,
 * `except*`, `match`, PEP 810 lazy imports, PEP 798 unpacking in
 * comprehensions, starred items. Expectations are written out (the CPython on
 * a test machine may be older than the syntax), with CPython 3.13's wording.
 */
import { describe, expect, it } from 'vitest';
import { analyzeInMemory } from '../../../src/rules/engine.js';
import { syntaxError } from '../../../src/rules/builtin/python/syntax.js';
import { blankNewerSyntax, parsePython } from '../../../src/lang/python-newer.js';

async function findings(src: string): Promise<{ line: number; message: string }[]> {
  const { findings } = await analyzeInMemory({ 'pkg/mod.py': src }, { rules: [syntaxError] });
  return findings.map((f) => ({ line: f.line, message: f.message.replace(/^SyntaxError: /, '').replace(/ \(line \d+, column \d+\)$/, '') }));
}

const VALID: Record<string, string> = {
  'type alias': 'type Point[T] = tuple[T, T]\ntype IntList = list[int]\n',
  'generic function': 'def f[T](x: T) -> T:\n    return x\n',
  'generic class with bound, constraints, TypeVarTuple and ParamSpec': 'class Box[T: int, U: (int, str), *Ts, **P]:\n    pass\n',
  'type parameter defaults (PEP 696)':
    'type Pair[T = int] = tuple[T, T]\ndef f[*Ts = *tuple[int, str]](): ...\nclass C[**P = [int, str]]: ...\nclass D[T: int = bool, U = str]: ...\n',
  'a default spread over lines': 'class C[\n    T = dict[\n        str, int],\n    U = int,\n]: ...\n',
  'nested quotes in f-strings (PEP 701)': 'd = {"k": 1}\ns = f"{d["k"]}"\nt = f"{"\\n".join(["a", "b"])}"\nu = f"{1:{"w"}}"\n',
  'f-string fields over lines with a comment': 'x = 1\ns = f"""{\n    x  # the value\n}"""\n',
  'except*': 'try:\n    pass\nexcept* ValueError as eg:\n    pass\nexcept* (TypeError, KeyError):\n    pass\n',
  'match with class, mapping and sequence patterns':
    'match p:\n    case Point(x=0, y=0):\n        pass\n    case {"k": v, **rest}:\n        pass\n    case [1, *others] | (2, *others):\n        pass\n    case str() | bytes():\n        pass\n',
  'starred items the 0.25 grammar misses': 'a = [1]\nx = *a, *[1]\ny = *(a + a), 2\ndata = {}\nz = data[*(w := a)]\nfor i in *a, *[2]:\n    pass\n',
  'starred annotation of *args': 'def f(*args: *tuple[int, ...]): ...\ndef g(*args: *(A or B)): ...\n',
  'lazy imports at module level (PEP 810)': 'lazy import json\nlazy from os import path\n',
  'unpacking in comprehensions (PEP 798)': 'xs = [[1], [2]]\nflat = [*x for x in xs]\nmerged = {**d for d in [{}]}\n',
  'a yield in the bases of a class inside a function': 'def f():\n    class G((yield 1)): ...\n',
  'a default evaluated in an async function': 'async def outer():\n    def f(x=await g()): ...\n',
  'bytes concatenated with bytes, text with text': 'a = b"x" b"y"\nb = "x" f"{a}" "z"\n',
  'a statement continued with a backslash, and in brackets': 'x = 1 + \\\n    2\ny = (1 +\n     2)\n',
  'the names lazy and type as plain names': 'lazy = 1\ntype = 2\nprint(lazy, type)\n',
  '__debug__ read, not bound': 'if __debug__:\n    print(__debug__)\n',
  'parameters in every allowed order': 'def f(a, *, b, **kw): ...\ndef g(a, /, b, *args, c, **kw): ...\nf = lambda *, k: k\n',
  'stars where a star may stand': 'a = b = [1]\nx = *a, *b\nfirst, *rest = [1, 2]\n[*a] = [1]\nprint(*a, *b)\nt = (*a,)\ny = [*a, *b]\nfor *h, t in [(1, 2)]:\n    pass\n',
  'a block of a comment and a statement': 'if x:\n    # why\n    pass\n',
  'a yield in a parenthesized lambda body': 'f = lambda: (yield)\n',
};

const INVALID: [string, string, { line: number; message: string }][] = [
  ['a yield as a type parameter default', 'type A[T = yield x] = int\n', { line: 1, message: 'invalid syntax' }],
  ['an empty type parameter default', 'type A[T =] = int\n', { line: 1, message: 'invalid syntax' }],
  ['a star default on a plain TypeVar', 'def f[T = *int](): ...\n', { line: 1, message: 'invalid syntax' }],
  ['a duplicate type parameter', 'def f[T, T](): ...\n', { line: 1, message: "duplicate type parameter 'T'" }],
  ['a non-default type parameter after a default', 'class C[T = int, U]: ...\n', { line: 1, message: "non-default type parameter 'U' follows default type parameter" }],
  ['a bound on a ParamSpec', 'class C[**P: int]: ...\n', { line: 1, message: 'cannot use bound with ParamSpec' }],
  ['a lone starred value', 'a = [1]\nx = *(a)\n', { line: 2, message: 'invalid syntax' }],
  ['a lazy import in a function', 'def f():\n    lazy import os\n', { line: 2, message: 'lazy import not allowed inside functions' }],
  ['a lazy star import', 'lazy from os import *\n', { line: 1, message: 'lazy from ... import * is not allowed' }],
  ['an expression cut at the end of a line', 'x = 1 +\n\n2\n', { line: 1, message: 'invalid syntax' }],
  ['a keyword argument repeated', 'f(a=1, a=2)\n', { line: 1, message: 'keyword argument repeated: a' }],
  ['an assignment to __debug__', '__debug__ = 1\n', { line: 1, message: 'cannot assign to __debug__' }],
  ['bytes concatenated with text', 'x = b"a" "b"\n', { line: 1, message: 'cannot mix bytes and nonbytes literals' }],
  ['a yield inside a list comprehension', 'def f(y):\n    return [(yield x) for x in y]\n', { line: 2, message: "'yield' inside list comprehension" }],
  ['yield from at module level', 'yield from range(3)\n', { line: 1, message: "'yield from' outside function" }],
  ['break outside a loop', 'break\n', { line: 1, message: "'break' outside loop" }],
  ['await in a default at module level', 'def f(x=await g()): ...\n', { line: 1, message: "'await' outside function" }],
  ['a bare * without a named parameter after it', 'def foo(*): ...\n', { line: 1, message: 'named arguments must follow bare *' }],
  ['two stars in the parameters', 'def foo(a, *, *args, b): ...\n', { line: 1, message: '* argument may appear only once' }],
  ['a parameter after **kwargs', 'def foo(**kw, a): ...\n', { line: 1, message: 'arguments cannot follow var-keyword argument' }],
  ['two slashes in the parameters', 'def foo(a, /, /, b): ...\n', { line: 1, message: '/ may appear only once' }],
  ['a slash after a star', 'def foo(*a, /): ...\n', { line: 1, message: '/ must be ahead of *' }],
  ['return of a lone starred expression', 'def f():\n    return *x\n', { line: 2, message: "can't use starred expression here" }],
  ['a parenthesized starred expression', 'x = (*a)\n', { line: 1, message: 'cannot use starred expression here' }],
  ['a lone starred target', '*a = (1,)\n', { line: 1, message: 'starred assignment target must be in a list or tuple' }],
  ['two starred targets', '(*a, *b) = (1, 2)\n', { line: 1, message: 'multiple starred expressions in assignment' }],
  ['an if without an indented block', 'if x:\npass\n', { line: 2, message: "expected an indented block after 'if' statement on line 1" }],
  ['a class named __debug__', 'class __debug__: ...\n', { line: 1, message: 'cannot assign to __debug__' }],
  ['an import of __debug__', 'import __debug__\n', { line: 1, message: 'cannot assign to __debug__' }],
  ['with … as __debug__', 'with open(p) as __debug__: ...\n', { line: 1, message: 'cannot assign to __debug__' }],
  ['an inner bracket never closed', 'foo(\n[1, 2\nx = 1\n', { line: 2, message: "'[' was never closed" }],
  ['a closing bracket of the wrong kind', 'x = (1,\n]\n', { line: 2, message: "closing parenthesis ']' does not match opening parenthesis '(' on line 1" }],
  ['a closing bracket that matches nothing', 'x = )\n', { line: 1, message: "unmatched ')'" }],
  ['try without handlers, at the next statement', 'try:\n    x = 1\n\ny = 2\n', { line: 4, message: "expected 'except' or 'finally' block" }],
  ['a parenthesized keyword name', 'f((a)=1)\n', { line: 1, message: 'expression cannot contain assignment, perhaps you meant "=="?' }],
  ['await in a comprehension at module level', 'x = [await y for y in z]\n', { line: 1, message: 'asynchronous comprehension outside of an asynchronous function' }],
];

describe('current Python syntax is not a syntax error', () => {
  for (const [name, src] of Object.entries(VALID)) {
    it(name, async () => {
      expect(await findings(src)).toEqual([]);
    });
  }
});

describe('syntax errors in and around the newer syntax are found, with CPython wording', () => {
  for (const [name, src, expected] of INVALID) {
    it(name, async () => {
      expect(await findings(src)).toEqual([expected]);
    });
  }
});

describe('blankNewerSyntax', () => {
  it('keeps every offset: the rewrite has the same length and line breaks', () => {
    const src = 'class D[T: int = bool, U = "é",\n  V = int]: ...\nlazy  from os import path\nx = *[1], 2\n';
    const out = blankNewerSyntax(src)!;
    expect(out.length).toBe(src.length);
    expect(out.split('\n').map((l) => l.length)).toEqual(src.split('\n').map((l) => l.length));
    expect(out).toBe('class D[T: int | bool, U : "é",\n  V : int]: ...\nfrom       os import path\nx =  [1], 2\n');
  });

  it('leaves code without the newer syntax alone, strings and comments included', () => {
    expect(blankNewerSyntax('x = "lazy import os"  # type A[T = int] = int\nprint(*[1])\n')).toBeNull();
    expect(blankNewerSyntax('f"{x:=^10}"\nd = {**a, **b}\n')).toBeNull();
  });

  it('only brings in the newer tree where it removes the error', () => {
    expect(parsePython('type A[T = int] = list[T]\n').rootNode.hasError).toBe(false);
    expect(parsePython('type A[T = int] = list[T\n').rootNode.hasError).toBe(true);
  });
});
