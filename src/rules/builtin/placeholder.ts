/**
 * Placeholder and mock rules that need the model's structure rather than a
 * comment pattern: bodies that do nothing, functions that only return a
 * success literal, and test-double libraries imported by production code.
 */
import type { SourceModel, SymbolInfo } from '../../lang/model.js';
import type { FileRule, RawFinding, RepoRule, TreeRule } from '../types.js';
import { todoComment } from './todo-comment.js';

const ALL = ['python', 'go', 'typescript', 'javascript'] as const;

/** Bases and decorators that make an empty or raising body the language's abstract-method idiom. */
const ABSTRACT_BASES = /^(abc\.)?(ABC|ABCMeta)$|^(typing\.)?(Protocol|Generic)(\[.*\])?$|^metaclass=/;
const ABSTRACT_DECORATORS = /(^|\.)(abstractmethod|abstractproperty|abstractclassmethod|abstractstaticmethod|overload)$/;

function lastSegment(name: string): string {
  const clean = name.replace(/\[.*$/, '').replace(/<.*$/, '');
  return clean.slice(clean.lastIndexOf('.') + 1);
}

/**
 * Classes that some other class extends: their raising or empty methods are
 * hooks for subclasses, not placeholders.
 */
function extendedClassNames(models: ReadonlyMap<string, SourceModel>): Set<string> {
  const out = new Set<string>();
  for (const m of models.values()) for (const s of m.symbols) for (const b of s.bases ?? []) out.add(lastSegment(b));
  return out;
}

function isAbstractContext(sym: SymbolInfo, owner: SymbolInfo | undefined, extended: Set<string>): boolean {
  if (sym.decorators?.some((d) => ABSTRACT_DECORATORS.test(d))) return true;
  if (!owner) return false;
  if (owner.kind === 'interface') return true;
  if (extended.has(owner.name)) return true;
  if (owner.bases?.some((b) => ABSTRACT_BASES.test(b.trim()))) return true;
  // Classes named as bases by convention (BaseHandler, AbstractStore, …Mixin) are hooks too.
  return /^(Base|Abstract)[A-Z_]|Base$|Mixin$|Interface$/.test(owner.name);
}

export const stubBody: RepoRule = {
  id: 'placeholder/stub-body',
  category: 'placeholder',
  severity: 'error',
  languages: [...ALL],
  scope: 'repo',
  docs: {
    summary: 'Functions whose whole body is "not implemented", or a documented function whose body does nothing.',
    why:
      'A function that only raises NotImplementedError, panics "not implemented" or throws "Not implemented" fails at the first real call; one that documents behaviour and then only passes silently does nothing. Abstract-method idioms (abstractmethod, Protocol and ABC classes, classes other classes extend, interfaces) are not flagged.',
    fix: 'Implement the function, or remove it and the claims that rely on it.',
    bad: [
      { files: { 'plugin/sync.py': 'class FabricSync:\n    def sync_all(self):\n        raise NotImplementedError\n' } },
      { files: { 'plugin/hooks.py': 'def notify_cluster(event):\n    """Push the event to the cluster API."""\n    pass\n' } },
      { files: { 'internal/merge/merge.go': 'package merge\n\nfunc Merge(a, b []byte) []byte {\n\tpanic("not implemented")\n}\n' } },
      { files: { 'src/billing.ts': 'export function refund(id: string): void {\n  throw new Error("Not implemented");\n}\n' } },
    ],
    good: [
      {
        files: { 'plugin/base.py': 'import abc\n\nclass Store(abc.ABC):\n    @abc.abstractmethod\n    def save(self, item):\n        raise NotImplementedError\n' },
        note: 'an abstract method',
      },
      {
        files: {
          'plugin/handlers.py':
            'class Handler:\n    def handle(self, msg):\n        raise NotImplementedError\n\nclass EchoHandler(Handler):\n    def handle(self, msg):\n        return msg\n',
        },
        note: 'a base-class hook that a subclass overrides',
      },
      { files: { 'plugin/cb.py': 'def on_close(conn):\n    pass\n' }, note: 'an undocumented no-op callback is an ordinary no-op' },
      { files: { 'tests/test_x.py': 'def helper():\n    raise NotImplementedError\n' }, note: 'test code' },
    ],
  },
  check({ models }) {
    const extended = extendedClassNames(models);
    const out: RawFinding[] = [];
    for (const m of models.values()) {
      if (m.path.endsWith('.pyi')) continue;
      const owners = new Map(m.symbols.filter((s) => ['class', 'struct', 'interface'].includes(s.kind)).map((s) => [qualified(s), s]));
      for (const s of m.symbols) {
        if (!s.body || (s.kind !== 'function' && s.kind !== 'method')) continue;
        const owner = s.container ? owners.get(s.container) : undefined;
        const shape = s.body.shape;
        if (shape === 'not-implemented') {
          if (isAbstractContext(s, owner, extended)) continue;
          out.push({ path: m.path, line: s.range.line, endLine: s.body.range.endLine, message: `${describe(s)} only raises "not implemented"` });
        } else if ((shape === 'pass' || shape === 'empty') && s.doc && s.doc.trim().length > 0 && m.language === 'python') {
          if (isAbstractContext(s, owner, extended)) continue;
          out.push({ path: m.path, line: s.range.line, endLine: s.body.range.endLine, message: `${describe(s)} is documented but its body is only \`pass\`` });
        }
      }
    }
    return out;
  },
};

function qualified(s: SymbolInfo): string {
  return s.container ? `${s.container}.${s.name}` : s.name;
}

function describe(s: SymbolInfo): string {
  return s.container ? `${s.kind} ${s.container}.${s.name}()` : `${s.kind} ${s.name}()`;
}

/** A literal that announces success: `{"success": True}`, `{ status: "ok" }`, `{'synced': true}`. */
const SUCCESS_LITERAL = /^[\s\S]*["'`]?\b(success|succeeded|ok|synced|completed|done|status)\b["'`]?\s*[:=]\s*(True|true|["'`](ok|success|succeeded|synced|completed|done)["'`])/i;

export const hardcodedSuccess: FileRule = {
  id: 'placeholder/hardcoded-success',
  category: 'placeholder',
  severity: 'error',
  languages: [...ALL],
  scope: 'file',
  docs: {
    summary: 'Functions whose only statement returns a hard-coded success object.',
    why: 'A function that does nothing but return {"success": True} reports work that never happened: callers, dashboards and status reports all see success.',
    fix: 'Do the work and return its real outcome (and errors).',
    bad: [
      { files: { 'plugin/jobs/sync.py': 'def sync_fabric(fabric):\n    """Sync the fabric to the cluster."""\n    return {"success": True, "message": "Sync completed"}\n' } },
      { files: { 'src/deploy.ts': 'export async function deploy(app: string) {\n  return { status: "ok", app: "all" };\n}\n' } },
    ],
    good: [
      { files: { 'plugin/flags.py': 'def is_enabled():\n    return True\n' }, note: 'a constant predicate is not a success report' },
      {
        files: { 'plugin/jobs/sync.py': 'def sync_fabric(fabric):\n    result = fabric.client.sync()\n    return {"success": result.ok}\n' },
        note: 'success computed from real work',
      },
      { files: { 'tests/fakes.py': 'def fake_sync():\n    return {"success": True}\n' }, note: 'a fake in test code' },
    ],
  },
  check({ model }) {
    const out: RawFinding[] = [];
    for (const s of model.symbols) {
      if (!s.body || s.body.shape !== 'constant-return' || !s.body.returned) continue;
      if (!SUCCESS_LITERAL.test(s.body.returned)) continue;
      out.push({ line: s.range.line, endLine: s.body.range.endLine, message: `${describe(s)} does nothing but return a hard-coded success: ${s.body.returned.slice(0, 80)}` });
    }
    return out;
  },
};

/** Test-double libraries by import path. */
const MOCK_MODULES: { test: (module: string) => boolean; label: string }[] = [
  { test: (m) => m === 'unittest.mock' || m === 'mock' || m.startsWith('unittest.mock.'), label: 'unittest.mock' },
  { test: (m) => m === 'pytest_mock' || m === 'responses' || m === 'requests_mock', label: 'a Python test-double library' },
  { test: (m) => /^(github\.com\/golang\/mock|go\.uber\.org\/mock)(\/|$)/.test(m), label: 'gomock' },
  { test: (m) => m === 'github.com/stretchr/testify/mock', label: 'testify/mock' },
  { test: (m) => m === 'sinon' || m === 'jest-mock' || m === '@jest/globals' || m === 'nock' || m === 'jest-mock-extended', label: 'a JavaScript test-double library' },
];

export const mockLibrary: FileRule = {
  id: 'mock-in-production/mock-library',
  category: 'mock-in-production',
  severity: 'error',
  languages: [...ALL],
  scope: 'file',
  docs: {
    summary: 'Test-double libraries (unittest.mock, gomock, testify/mock, jest.fn, sinon) used in production code.',
    why: 'Production code that builds MagicMock objects or jest.fn() stubs returns invented values at run time; it also drags test dependencies into the release.',
    fix: 'Use the real dependency in production code and keep test doubles in test files.',
    bad: [
      { files: { 'plugin/client.py': 'from unittest.mock import MagicMock\n\nclient = MagicMock()\n' } },
      { files: { 'src/gateway.ts': 'export const gateway = { charge: jest.fn().mockResolvedValue({ ok: true }) };\n' } },
      { files: { 'internal/pay/pay.go': 'package pay\n\nimport "github.com/stretchr/testify/mock"\n\ntype Gateway struct{ mock.Mock }\n' } },
    ],
    good: [
      { files: { 'tests/test_client.py': 'from unittest.mock import MagicMock\n\ndef test_client():\n    assert MagicMock()\n' }, note: 'mocks in tests' },
      { files: { 'src/gateway.test.ts': 'const charge = jest.fn();\ntest("x", () => expect(charge).not.toHaveBeenCalled());\n' }, note: 'jest.fn in a spec file' },
      { files: { 'src/jest.ts': 'export function describeJest(j: { fn: () => void }) { return typeof j.fn; }\n' }, note: 'a property named fn on another object' },
    ],
  },
  check({ model }) {
    const out: RawFinding[] = [];
    for (const imp of model.imports) {
      const hit = MOCK_MODULES.find((x) => x.test(imp.module));
      if (hit) out.push({ line: imp.range.line, message: `production code imports ${hit.label} (${imp.module})` });
    }
    if (model.language === 'typescript' || model.language === 'javascript') {
      for (const c of model.calls) {
        if (c.callee === 'jest.fn' || c.callee === 'jest.mock' || c.callee === 'vi.fn' || c.callee === 'vi.mock' || c.callee === 'sinon.stub') {
          out.push({ line: c.range.line, message: `production code creates a test double with ${c.callee}()` });
        }
      }
    }
    if (model.language === 'python') {
      for (const c of model.calls) {
        if (c.receiver === null && (c.name === 'MagicMock' || c.name === 'AsyncMock') && model.imports.some((i) => i.names.some((n) => n.name === c.name) && /mock/.test(i.module))) {
          out.push({ line: c.range.line, message: `production code builds a ${c.name}` });
        }
      }
    }
    return dedupeLines(out);
  },
};

function dedupeLines(out: RawFinding[]): RawFinding[] {
  const seen = new Set<number>();
  return out.filter((f) => (seen.has(f.line) ? false : (seen.add(f.line), true)));
}

export const passLoop: TreeRule = {
  id: 'placeholder/pass-loop',
  category: 'placeholder',
  severity: 'info',
  languages: ['python'],
  scope: 'tree',
  docs: {
    summary: 'Python for loops whose only statement is pass (semgrep\'s pass-body-range).',
    why: 'A loop that iterates and does nothing is a placeholder for work that was never written, or dead code: either way the items are not processed.',
    fix: 'Write the loop body, or remove the loop; to drain an iterator on purpose, name the loop variable _ or use collections.deque(it, maxlen=0).',
    bad: [{ files: { 'app/audit.py': 'def record_all(events, log):\n    for event in events:\n        pass\n    return len(events)\n' } }],
    good: [
      { note: 'a loop variable named _ drains an iterator on purpose', files: { 'app/drain.py': 'def drain(chunks):\n    for _ in chunks:\n        pass\n' } },
      { note: 'a comment says the empty loop is deliberate', files: { 'app/wait.py': 'def wait_all(futures):\n    for f in futures:\n        # iterating waits for each; the results are not needed\n        pass\n' } },
      { note: 'a loop with a body, and an else arm', files: { 'app/find.py': 'def first_even(items):\n    for item in items:\n        if item % 2 == 0:\n            break\n    else:\n        return None\n    return item\n' } },
    ],
  },
  check({ tree, text }) {
    if (tree.kind !== 'tree-sitter' || tree.language !== 'python' || !/\bfor\b[\s\S]*\bpass\b/.test(text)) return [];
    const out: RawFinding[] = [];
    for (const loop of tree.tree.rootNode.descendantsOfType('for_statement')) {
      const target = loop.childForFieldName('left');
      const body = loop.childForFieldName('body');
      if (!target || target.text.startsWith('_') || !body || loop.childForFieldName('alternative')) continue;
      if (body.namedChildCount !== 1 || body.namedChild(0)!.type !== 'pass_statement' || loop.descendantsOfType('comment').length) continue;
      out.push({ line: loop.startPosition.row + 1, endLine: loop.endPosition.row + 1, message: `a for loop over ${clipText(loop.childForFieldName('right')?.text ?? 'its items')} whose body is only \`pass\` does nothing with its items` });
    }
    return out;
  },
};

function clipText(s: string): string {
  const one = s.replace(/\s+/g, ' ');
  return one.length > 60 ? one.slice(0, 60) + '…' : one;
}

/**
 * Every name the repository's code calls, passes (`onerror=ignore`), assigns,
 * imports or spells in a string (`__all__`, getattr): a function so named may be used.
 */
function usedNames(models: ReadonlyMap<string, SourceModel>): Set<string> {
  const out = new Set<string>();
  const word = (t: string) => {
    const m = /(?:^|\.)([A-Za-z_]\w*)$/.exec(t.trim());
    if (m) out.add(m[1]!);
  };
  for (const m of models.values()) {
    for (const c of m.calls) {
      out.add(c.name);
      for (const a of c.args) word(a.text);
    }
    for (const a of m.assignments) word(a.value);
    for (const i of m.imports) for (const n of i.names) out.add(n.name);
    for (const s of m.strings) if (/^[A-Za-z_]\w*$/.test(s.value)) out.add(s.value);
  }
  return out;
}

export const passBody: RepoRule = {
  id: 'placeholder/pass-body',
  category: 'placeholder',
  severity: 'info',
  languages: ['python'],
  scope: 'repo',
  docs: {
    summary: "A public module-level function whose body is only pass, that nothing in the repository calls, imports or names (semgrep's pass-body-fn).",
    why: 'An empty public function that nothing uses is a stub left for work that was never written; a report that counts it as implemented is wrong.',
    fix: 'Implement the function or delete it. A deliberate no-op says so in a docstring or a comment.',
    bad: [{ files: { 'app/notify.py': 'def send_welcome_email(user):\n    pass\n\n\ndef signup(user, db):\n    db.save(user)\n    return user\n' } }],
    good: [
      {
        note: 'a no-op the code uses (a callback, an exported name), a private helper, a commented no-op, a method, a fallback under if',
        files: {
          'app/hooks.py': `import sys

__all__ = ["configure"]


def ignore_errors(func, path, exc):
    pass


def configure():
    pass


def _probe():
    pass


def on_idle():
    # nothing to do between jobs
    pass


class Handler:
    def handle(self, msg):
        pass


if sys.platform == "win32":
    def chmod_all(path):
        pass


def clean(tree, shutil):
    shutil.rmtree(tree, onerror=ignore_errors)
`,
        },
      },
    ],
  },
  check({ models }) {
    const out: RawFinding[] = [];
    let used: Set<string> | null = null;
    for (const m of models.values()) {
      if (m.language !== 'python' || m.path.endsWith('.pyi')) continue;
      for (const s of m.symbols) {
        // Module level only, at column 1 (not under an if or try), public, undecorated, undocumented.
        if (s.kind !== 'function' || s.container !== null || s.range.column !== 1 || !s.exported || s.name.startsWith('_') || s.decorators?.length || s.doc) continue;
        if (s.body?.shape !== 'pass') continue;
        if (m.comments.some((c) => c.range.line >= s.range.line && c.range.line <= s.range.endLine)) continue;
        used ??= usedNames(models);
        if (used.has(s.name)) continue;
        out.push({ path: m.path, line: s.range.line, endLine: s.range.endLine, message: `function ${s.name}() is only \`pass\` and nothing in the repository calls, imports or names it` });
      }
    }
    return out;
  },
};

export const placeholderRules = [stubBody, hardcodedSuccess, mockLibrary, todoComment, passLoop, passBody];
