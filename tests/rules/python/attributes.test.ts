/**
 * Attribute reads, enum members, literal-bound values, super() and type():
 * each case a defect that must be found beside look-alikes that must stay
 * quiet, written for these tests (shapes met in CPython's library and in
 * pylint's no-member fixtures, not their code).
 */
import { describe, expect, it } from 'vitest';
import { analyzeInMemory } from '../../../src/rules/engine.js';
import { pythonRules } from '../../../src/rules/builtin/python/index.js';

const ATTR = 'method-mismatch/python-missing-attribute';
const METHOD = 'method-mismatch/python-missing-method';

interface Case {
  name: string;
  files: Record<string, string>;
  /** Lines (of the only file, or `path:line`) expected per rule; every other line of that rule is a failure. */
  expect: Record<string, (number | string)[]>;
}

const CASES: Case[] = [
  {
    name: 'a property installed by a helper that calls setattr with a computed name: names spelled as strings stay possible, others are still checked',
    files: {
      'dom.py': `def install(klass, name):
    setattr(klass, name, property(lambda self: getattr(self, "_get_" + name)()))


class Node:
    def __init__(self):
        self._tag = "n"

    def _get_tagName(self):
        return self._tag

    def show(self):
        return self.tagName


install(Node, "tagName")
Node().show()
print(Node().tagNmae)
`,
    },
    expect: { [ATTR]: [18] },
  },
  {
    name: 'the same class without the helper: the misspelt read is found, the defined ones are not',
    files: {
      'dom.py': `class Node:
    tag_name = "n"

    def __init__(self):
        self._children = []

    def show(self):
        return self.tag_name, self._children


Node().show()
print(Node().tagname)
print(Node.tag_name, Node()._children)
`,
    },
    expect: { [ATTR]: [12] },
  },
  {
    name: "__dict__ only printed or looked into still lets the class be checked; updated, it does not",
    files: {
      'bag.py': `class Shown:
    def __init__(self):
        self.a = 1

    def dump(self):
        print(self.__dict__)
        return self.__dict__.get("a"), "a" in self.__dict__


class Filled:
    def __init__(self, data):
        self.__dict__.update(data)


print(Shown().b)
print(Filled({"b": 2}).b)
`,
    },
    expect: { [ATTR]: [15] },
  },
  {
    name: 'enum members: a missing member and a missing field are found; machinery names, mixed-in methods and _ignore_ enums are not',
    files: {
      'colors.py': `import enum


class Color(enum.Enum):
    RED = 1
    GREEN = 2

    def describe(self):
        return self.name.lower() + self.shade


class Code(enum.IntEnum):
    OK = 200


class Dyn(enum.Enum):
    _ignore_ = ["i"]
    Dyn = vars()
    for i in range(3):
        Dyn["V%d" % i] = i


print(Color.RED.value, Color.RED._value_, Color.__members__, Code.OK.bit_length(), Code.OK.real)
print(Color.BLUE)
print(Dyn.V1)
`,
    },
    expect: { [ATTR]: [9, 24] },
  },
  {
    name: 'values bound to literals: a slip is found; a rebound name, a type check and a newer-Python method are not',
    files: {
      'lit.py': `def run(flag, other):
    names = []
    names.push("a")
    label = "x"
    label.startwith("a")
    count = 3
    count.is_integer()
    table = {}
    if flag:
        table = other
    table.append(1)
    raw = b""
    if isinstance(raw, str):
        raw.encode()
    return "".join(names)
`,
    },
    expect: { [METHOD]: [3, 5] },
  },
  {
    name: 'super(): a method no base defines is found; a mixin, a class with a sibling in its MRO, duplicate bases and another class named are not',
    files: {
      'sup.py': `class Base:
    def close(self):
        return 1


class Leaf(Base):
    def close(self):
        super().close()
        return super().shutdown()


class Hook:
    def close(self):
        return super().close()


class LoggingMixin:
    def close(self):
        return super().close()


class Both(Hook, Base):
    pass


class Named(Base):
    def close(self):
        return super(Base, self).flush()


Leaf().close()
Both().close()
Named().close()
`,
    },
    expect: { [METHOD]: [9] },
  },
  {
    name: 'type(x).name and instance.__name__ are found; a class read and a wrapper that copies __name__ are not',
    files: {
      'types_.py': `class Job:
    kind = "job"

    def label(self):
        return self.__name__


print(type(Job()).kind, type(Job()).kinds, type([]).count, type({}).fromkeys, Job.__name__)
print(Job().label())
`,
      'wrap.py': `import functools


class Wrapped:
    def __init__(self, fn):
        functools.update_wrapper(self, fn)

    def title(self):
        return self.__name__


print(Wrapped(print).title())
`,
    },
    expect: { [ATTR]: ['types_.py:5', 'types_.py:8'] },
  },
  {
    name: 'mangled private names resolve outside the class; a class never instantiated here is checked only for near-misses of its own names',
    files: {
      'priv.py': `class Vault:
    def __init__(self):
        self.__key = 1

    def key(self):
        return self.__key


class Template:
    def __init__(self):
        self._handlers = []

    def run(self):
        return self._handler, self.hook


print(Vault()._Vault__key, Vault()._Vault__kye)
`,
    },
    expect: { [ATTR]: [14, 17] },
  },
  {
    name: 'an instance given to argparse as its namespace gets the options as attributes',
    files: {
      'cli.py': `import argparse


class Program:
    def __init__(self, argv):
        parser = argparse.ArgumentParser()
        parser.add_argument("--tests")
        parser.parse_args(argv, self)

    def run(self):
        return self.tests


class Plain:
    def __init__(self):
        self.count = 0

    def run(self):
        return self.tests


Program([]).run()
Plain().run()
`,
    },
    expect: { [ATTR]: [19] },
  },
  {
    name: 'names a setattr loop walks are possible; a computed setattr on some other object does not open every class',
    files: {
      'loop.py': `class Flags:
    pass


for flag in ("verbose", "quiet"):
    setattr(Flags, flag, False)


class Repo:
    def get_by(self, key):
        return key


def update(obj, data):
    for key, value in data.items():
        setattr(obj, key, value)
    return obj.get_by("name")


print(Flags.verbose, Flags.quiet, Flags.silent)
print(Repo().get_by_id)
`,
    },
    expect: { [ATTR]: [20, 21] },
  },
  {
    name: 'a module whose enum is converted into its globals (ssl-style _convert_) is open; a plain module is checked',
    files: {
      'net/__init__.py': '',
      'net/codes.py': `import enum

_Mode = enum.IntEnum._convert_("Mode", __name__, lambda name: name.startswith("MODE_"), source=dict(MODE_A=1))
DEFAULT = 0
`,
      'net/plain.py': 'DEFAULT = 0\n',
      'net/use.py': `from net import codes, plain

print(codes.MODE_A, codes.DEFAULT, plain.DEFAULT, plain.MODE_A)
`,
    },
    expect: { 'method-mismatch/python-missing-module-attr': ['net/use.py:3'] },
  },
];

describe('python attribute checks on defects and look-alikes', () => {
  for (const c of CASES) {
    it(c.name, async () => {
      const { findings } = await analyzeInMemory(c.files, { rules: pythonRules });
      const single = Object.keys(c.files).length === 1;
      for (const [rule, lines] of Object.entries(c.expect)) {
        const got = findings.filter((f) => f.ruleId === rule).map((f) => (single ? f.line : `${f.path}:${f.line}`));
        expect(got.sort(), findings.filter((f) => f.ruleId === rule).map((f) => f.message).join('\n')).toEqual([...lines].sort());
      }
    });
  }
});
