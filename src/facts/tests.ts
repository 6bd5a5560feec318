/**
 * The test inventory, per test file (as the snapshot recognises test code),
 * from the source models:
 * - Go: `func TestX(t *testing.T)` (and Benchmark/Fuzz/Example functions are
 *   not tests), subtests `t.Run("name", …)` inside them.
 * - Python: pytest `test_*` functions, methods `test*` of `Test*` classes
 *   (pytest) or of classes deriving from a `TestCase` (unittest).
 * - JS/TS: `describe`/`suite` blocks and `it`/`test` cases (with `.only`,
 *   `.skip`, `.each` left as written in the name's role), nested by range.
 */
import type { CallInfo, SourceModel } from '../lang/model.js';
import { stringLiteral } from './exprtext.js';
import type { FactSource } from './source.js';
import type { TestCase } from './types.js';

export function extractTests(src: FactSource, languageOf: (path: string) => string | null): TestCase[] {
  const out: TestCase[] = [];
  for (const path of src.files) {
    if (!src.isTest(path)) continue;
    const lang = languageOf(path);
    if (!lang) continue;
    const model = src.model(path);
    if (!model) continue;
    if (lang === 'go') out.push(...goTests(path, model));
    else if (lang === 'python') out.push(...pythonTests(path, model));
    else out.push(...jsTests(path, model));
  }
  return out;
}

function goTests(path: string, model: SourceModel): TestCase[] {
  if (!path.endsWith('_test.go')) return [];
  const out: TestCase[] = [];
  const tests = model.symbols.filter((s) => s.kind === 'function' && s.container === null && /^Test(?:[A-Z_0-9]|$)/.test(s.name) && s.name !== 'TestMain');
  for (const t of tests) {
    out.push({ path, line: t.range.line, name: t.name, framework: 'go-test', role: 'test', parent: null });
    for (const c of model.calls) {
      if (c.name !== 'Run' || !c.receiver || c.enclosing !== t.name) continue;
      const name = stringLiteral(c.args[0]?.text);
      // `t.Run(tc.name, …)` in a table-driven test has no static name.
      out.push({ path, line: c.range.line, name: name ?? c.args[0]?.text ?? '', framework: 'go-test', role: 'subtest', parent: t.name });
    }
  }
  return out;
}

function pythonTests(path: string, model: SourceModel): TestCase[] {
  const out: TestCase[] = [];
  const classes = new Map(model.symbols.filter((s) => s.kind === 'class').map((c) => [c.container ? `${c.container}.${c.name}` : c.name, c]));
  const unittestClass = (name: string) => (classes.get(name)?.bases ?? []).some((b) => /(?:^|\.)(?:\w*TestCase|IsolatedAsyncioTestCase)$/.test(b));
  const testClass = (name: string) => /^Test/.test(name.split('.').pop()!) || unittestClass(name);
  for (const [name, c] of classes) {
    if (testClass(name)) out.push({ path, line: c.range.line, name: c.name, framework: unittestClass(name) ? 'unittest' : 'pytest', role: 'suite', parent: c.container });
  }
  for (const s of model.symbols) {
    if (s.kind === 'function' && s.container === null && /^test/.test(s.name)) out.push({ path, line: s.range.line, name: s.name, framework: 'pytest', role: 'test', parent: null });
    else if (s.kind === 'method' && s.container && /^test/.test(s.name) && testClass(s.container)) {
      out.push({ path, line: s.range.line, name: s.name, framework: unittestClass(s.container) ? 'unittest' : 'pytest', role: 'test', parent: s.container.split('.').pop()! });
    }
  }
  return out;
}

const SUITE = new Set(['describe', 'suite', 'context']);
const CASE = new Set(['it', 'test', 'specify']);

function jsTests(path: string, model: SourceModel): TestCase[] {
  const out: TestCase[] = [];
  const blocks: { call: CallInfo; name: string; role: 'suite' | 'test' }[] = [];
  for (const c of model.calls) {
    // `describe('x')`, `it.only('y')`, `test.skip('z')`; `describe.each(table)('…')` has no static name here.
    const head = (c.receiver ?? c.name).split('.')[0]!;
    const base = c.receiver === null ? c.name : head;
    if (c.receiver !== null && !['only', 'skip', 'todo', 'concurrent', 'sequential', 'fails'].includes(c.name)) continue;
    const role = SUITE.has(base) ? 'suite' : CASE.has(base) ? 'test' : null;
    if (!role) continue;
    const name = stringLiteral(c.args[0]?.text);
    if (name === null) continue;
    blocks.push({ call: c, name, role });
  }
  const inside = (outer: CallInfo, inner: CallInfo) =>
    outer !== inner && (outer.range.line < inner.range.line || (outer.range.line === inner.range.line && outer.range.column < inner.range.column)) && (outer.range.endLine > inner.range.endLine || (outer.range.endLine === inner.range.endLine && outer.range.endColumn >= inner.range.endColumn));
  for (const b of blocks) {
    const parents = blocks.filter((p) => inside(p.call, b.call));
    const parent = parents[parents.length - 1] ?? null;
    out.push({ path, line: b.call.range.line, name: b.name, framework: 'js-test', role: b.role === 'test' && parent?.role === 'test' ? 'subtest' : b.role, parent: parent?.name ?? null });
  }
  return out;
}
