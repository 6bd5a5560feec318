/**
 * Calls whose target the repository itself proves does not exist: a method a
 * repository class does not define, a function a repository module does not
 * define, a name the standard library does not have. Resolution goes through
 * the repository's own imports, class bases and assignments (analysis.ts);
 * wherever Python could find the name somewhere this static view cannot see,
 * the rules say nothing.
 */
import type { RepoRule } from '../../types.js';
import { pythonFindings, RULE_MISSING_ATTRIBUTE, RULE_MISSING_METHOD, RULE_MODULE_ATTR, RULE_STDLIB_NAME } from './analysis.js';

const KUBE = `class KubernetesSync:
    def __init__(self, fabric):
        self.fabric = fabric

    def sync_all_crds(self):
        return {"success": True}
`;

export const missingMethod: RepoRule = {
  id: RULE_MISSING_METHOD,
  category: 'method-mismatch',
  severity: 'error',
  languages: ['python'],
  scope: 'repo',
  docs: {
    summary: 'A method called on an instance of a repository class that neither the class nor any of its bases defines.',
    why: 'The call raises AttributeError when it runs, often in a rarely exercised path (a periodic task, an error handler) that no test reaches, so a report can call the fix "verified" while the task fails every time.',
    fix: 'Call a method the class defines (the message names the closest one), or add the method to the class.',
    bad: [
      {
        note: 'instance built from an imported class',
        files: {
          'app/__init__.py': '',
          'app/utils/__init__.py': '',
          'app/utils/kubernetes.py': KUBE,
          'app/tasks.py': `from .utils.kubernetes import KubernetesSync


def periodic_sync(fabric):
    k8s_sync = KubernetesSync(fabric)
    return k8s_sync.sync_fabric()
`,
        },
      },
      {
        note: 'self.missing() in a class that is instantiated',
        files: {
          'svc.py': `class Service:
    def run(self):
        return self.handle_request()

    def handle(self):
        return 1


Service().run()
`,
        },
      },
      {
        note: 'a method of a literal-bound value, a method no base has reached through super(), a type slip on an instantiated class',
        files: {
          'queue.py': `class Worker:
    def start(self):
        return True


class Poller(Worker):
    def start(self):
        pending = []
        pending.push(self)
        return super().begin()


Poller().start()
`,
        },
      },
    ],
    good: [
      {
        note: 'super() in a mixin and in a class combined with a sibling; a literal rebound; a type check before the call',
        files: {
          'combo.py': `class SaveHook:
    def save(self):
        return super().save()


class AuditMixin:
    def save(self):
        return super().save()


class Store:
    def save(self):
        return 1


class Record(SaveHook, Store):
    pass


def fmt(value):
    items = []
    items = set()
    items.add(value)
    text = ""
    if isinstance(text, bytes):
        return text.decode()
    return text.strip()


Record().save()
`,
        },
      },
      {
        note: 'the method exists on a base class in another module',
        files: {
          'app/__init__.py': '',
          'app/base.py': `class Base:
    def sync_fabric(self):
        return True
`,
          'app/k8s.py': `from app.base import Base


class KubernetesSync(Base):
    pass


def run():
    KubernetesSync().sync_fabric()
`,
        },
      },
      {
        note: 'instance attribute set in __init__, class with __getattr__, base from outside the repository',
        files: {
          'm.py': `import threading


class Job:
    def __init__(self, callback):
        self.callback = callback

    def run(self):
        return self.callback()


class Proxy:
    def __getattr__(self, name):
        return lambda: name


class Worker(threading.Thread):
    def go(self):
        self.start()


Job(print).run()
Proxy().anything()
Worker().go()
`,
        },
      },
      {
        note: 'a mixin whose subclass supplies the method, and an attribute assigned from outside',
        files: {
          'm.py': `class SaveMixin:
    def save(self):
        return self.serialize()


class Record(SaveMixin):
    def serialize(self):
        return "{}"


class Plugin:
    pass


p = Plugin()
p.hook = print
p.hook()
Record().save()
`,
        },
      },
    ],
  },
  check: (ctx) => pythonFindings(ctx, RULE_MISSING_METHOD),
};

export const missingAttribute: RepoRule = {
  id: RULE_MISSING_ATTRIBUTE,
  category: 'method-mismatch',
  severity: 'error',
  languages: ['python'],
  scope: 'repo',
  docs: {
    summary: 'An attribute read from a repository class, one of its instances, an enum member, or a value bound to a literal (`x = []`), that nothing defines.',
    why: 'Reading it raises AttributeError at run time. Resolution is the missing-method rule\'s: a class whose attributes cannot all be seen (a base from outside the repository, a class decorator, a metaclass, `__getattr__`, `__dict__` or `setattr` with a computed name, a name assigned as an attribute anywhere in the repository) is never checked.',
    fix: 'Read an attribute the class defines (the message names the closest one), or define it.',
    bad: [
      {
        note: 'a class attribute misspelt, an enum member that does not exist, a field of an enum member',
        files: {
          'shop/__init__.py': '',
          'shop/models.py': `import enum


class Basket:
    currency = "EUR"

    def __init__(self):
        self.items = []


class Size(enum.Enum):
    SMALL = "s"
    LARGE = "l"

    def __init__(self, code):
        self.code = code


def label(basket):
    return Basket.curency


def largest():
    return Size.HUGE


def code():
    return Size.SMALL.abbreviation
`,
        },
      },
      {
        note: 'a read on a value bound to a literal; a private name mangled outside its class',
        files: {
          'report.py': `def count():
    rows = []
    return rows.length


class Store:
    def __init__(self):
        self.__secret = 1


print(Store()._Store__secrett)
`,
        },
      },
    ],
    good: [
      {
        note: 'attributes set in __init__, in a base class, through a mangled name, on an enum member, by the enum machinery',
        files: {
          'inv.py': `import enum


class Base:
    kind = "base"


class Item(Base):
    __slots__ = ("sku",)

    def __init__(self, sku):
        self.sku = sku
        self.__hidden = sku


class Level(enum.IntEnum):
    LOW = 1
    HIGH = 2


item = Item("a")
print(item.sku, item.kind, item._Item__hidden, Item.kind)
print(Level.LOW.name, Level.LOW.value, Level.HIGH.real, Level.LOW._value_, Level.__members__)
`,
        },
      },
      {
        note: 'classes whose attributes cannot all be seen: __getattr__, setattr with a computed name, a __dict__ update, a decorator, an unknown base',
        files: {
          'dyn.py': `import functools
from somewhere import External


class Lazy:
    def __getattr__(self, name):
        return name


class Settings:
    def __init__(self, **kw):
        for k, v in kw.items():
            setattr(self, k, v)


class Bag:
    def __init__(self, data):
        self.__dict__.update(data)


def register(cls):
    cls.extra = 1
    return cls


@functools.total_ordering
@register
class Plugin:
    pass


class Child(External):
    pass


print(Lazy().anything, Settings(a=1).a, Bag({}).b, Plugin.extra, Child().whatever)
`,
        },
      },
      {
        note: 'a check of the type or the attribute first; a rebound name; an attribute assigned from outside the class; a name read for AttributeError',
        files: {
          'guards.py': `class Config:
    pass


def show(value):
    text = "x"
    if isinstance(text, bytes):
        print(text.hex_digits)
    data = []
    data = {}
    print(data.items)
    cfg = Config()
    cfg.debug = True
    print(cfg.debug)
    try:
        print(Config.verbose)
    except AttributeError:
        pass
    if hasattr(cfg, "level"):
        print(cfg.level)
`,
        },
      },
    ],
  },
  check: (ctx) => pythonFindings(ctx, RULE_MISSING_ATTRIBUTE),
};

export const missingModuleAttr: RepoRule = {
  id: RULE_MODULE_ATTR,
  category: 'method-mismatch',
  severity: 'error',
  languages: ['python'],
  scope: 'repo',
  docs: {
    summary: 'module.func() where the repository module defines no such name (nor a submodule of that name).',
    why: 'The call raises AttributeError at run time; renamed or never-written helper functions are a common leftover of large edits.',
    fix: 'Call the function the module defines (the message names the closest one), or define it.',
    bad: [
      {
        files: {
          'pkg/__init__.py': '',
          'pkg/helpers.py': 'def normalize_name(x):\n    return x.lower()\n',
          'pkg/main.py': 'from pkg import helpers\n\n\ndef run(x):\n    return helpers.normalise_name(x)\n',
        },
      },
    ],
    good: [
      {
        note: 'name re-exported by an import, submodule, star import, module __getattr__',
        files: {
          'pkg/__init__.py': 'from .core import build\n',
          'pkg/core.py': 'def build():\n    return 1\n',
          'pkg/sub/__init__.py': '',
          'pkg/sub/tool.py': 'def go():\n    return 2\n',
          'pkg/lazy.py': 'def __getattr__(name):\n    return name\n',
          'pkg/star.py': 'from os.path import *\n',
          'main.py': 'import pkg\nimport pkg.sub.tool\nfrom pkg import lazy, star\n\npkg.build()\npkg.sub.tool.go()\nlazy.anything()\nstar.join("a", "b")\n',
        },
      },
    ],
  },
  check: (ctx) => pythonFindings(ctx, RULE_MODULE_ATTR),
};

export const stdlibName: RepoRule = {
  id: RULE_STDLIB_NAME,
  category: 'method-mismatch',
  severity: 'error',
  languages: ['python'],
  scope: 'repo',
  docs: {
    summary: 'A name imported from, or called on, a standard-library module that the module does not define.',
    why: 'ImportError or AttributeError at run time. Checked against a bundled index of CPython\'s modules plus typeshed\'s stubs for every platform and Python 3.9 to 3.14, so a name that exists only on Windows or only in a newer Python is not reported.',
    fix: 'Use the name the module defines (the message names the closest one).',
    bad: [
      { note: 'a typo in an imported name', files: { 'a.py': 'from collections import OrderDict\n' } },
      { note: 'a typo in a called function', files: { 'b.py': 'import os\n\n\ndef f(a, b):\n    return os.path.joinn(a, b)\n' } },
    ],
    good: [
      {
        note: 'existing names, a platform-specific name, a guarded import, a local module that shadows the standard one',
        files: {
          'a.py': 'import os\nfrom collections import OrderedDict\n\ntry:\n    from os import startfile\nexcept ImportError:\n    startfile = None\n\nos.path.join("a", "b")\nos.startfile\n',
          'logging/__init__.py': 'def special():\n    return 1\n',
          'b.py': 'import logging\n\nlogging.special()\n',
        },
      },
    ],
  },
  check: (ctx) => pythonFindings(ctx, RULE_STDLIB_NAME),
};
