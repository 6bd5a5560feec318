/**
 * What one Python file binds and calls, read from its tree-sitter tree:
 * scopes with every name each binds (all binding forms: assignment targets,
 * loops, `with … as`, `except … as`, imports, defs, walrus, match captures,
 * `global`), classes with their bases, members and `self.x` attributes, and
 * calls with their arguments. The method-mismatch, import and timeout rules
 * resolve names over these facts; they never look at text.
 *
 * Facts are plain data (no tree nodes), so they outlive the tree and are
 * cheap to keep for a whole repository.
 */
import type { TSTree } from '../../../lang/treesitter.js';
import { liteTree, type LiteNode } from './lite.js';

type TSNode = LiteNode;

export type ScopeKind = 'module' | 'class' | 'function' | 'lambda' | 'comprehension';

export type BindingKind = 'def' | 'class' | 'assign' | 'import' | 'param' | 'other';

/** One place a name is bound. */
export interface PyBinding {
  kind: BindingKind;
  line: number;
  /** `name = Callee(...)` or `with Callee(...) as name`: the callee as a dotted path. */
  callee?: string[];
  /** `name = other.name` or `name = other`: the value as a dotted path. */
  alias?: string[];
  /** Imports: the import record that binds the name. */
  importIndex?: number;
  /** Class definitions: index into `classes`. */
  classIndex?: number;
  /** Bound by `with … as name`: the value is what `__enter__` returned, not the call's result. */
  viaWith?: boolean;
  /** `name = {"a": 1, ...}`: the keys of a dict literal whose keys are all string literals and that spreads nothing. */
  dictKeys?: string[];
  /** `name = []`, `name = "text"`…: the builtin type of the literal value (list, dict, str, bytes…). */
  literal?: string;
}

export interface PyScope {
  kind: ScopeKind;
  name: string;
  /** Index of the enclosing scope; -1 for the module. */
  parent: number;
  line: number;
  bindings: Map<string, PyBinding[]>;
  globals: Set<string>;
  nonlocals: Set<string>;
  /** Parameter names in order (functions and lambdas). */
  params: string[];
  /** Decorators as written, without `@` (functions). */
  decorators: string[];
  /** `locals()`, `vars()`, `exec`, `eval` used inside: names may appear that no statement binds. */
  dynamic: boolean;
  /** Class scopes: index into `classes`. */
  classIndex: number;
  /** Internal containment range (tree indices). */
  start: number;
  end: number;
}

/** A base-class expression: a dotted path, `Generic[T]`-style subscript of one, or something else. */
export interface PyBase {
  path: string[] | null;
  subscripted: boolean;
  text: string;
}

export interface PyClass {
  name: string;
  line: number;
  /** The class's own scope (its body). */
  scope: number;
  /** The scope the class statement sits in. */
  outer: number;
  bases: PyBase[];
  /** Keyword arguments of the class statement (`metaclass=…`), name → value text. */
  keywords: Map<string, string>;
  decorators: string[];
  /** Attributes assigned through the instance: `self.x = …`, `setattr(self, 'x', …)`. */
  instanceAttrs: Set<string>;
  /** `setattr(self, name, …)` with a computed name, `self.__dict__`, `vars(self)`: attributes unknowable. */
  dynamic: boolean;
}

export interface PyImportName {
  name: string;
  alias: string | null;
}

export interface PyImport {
  /** Module as written without leading dots (`a.b`, or '' for `from . import x`). */
  module: string;
  level: number;
  /** `from m import a, b`; empty for `import m`. */
  names: PyImportName[];
  /** `import a.b as m`. */
  alias: string | null;
  star: boolean;
  line: number;
  column: number;
  endLine: number;
  scope: number;
  /** Inside `try:` with a handler for ImportError (or broader): the code expects it may fail. */
  guarded: boolean;
  /** Inside an `if` / `try` rather than unconditional. */
  conditional: boolean;
  /** Inside an `if` on the Python version, the platform, `hasattr`…: written for another environment. */
  envGuarded: boolean;
  /** Inside `if TYPE_CHECKING:`: never runs. */
  typeChecking: boolean;
}

export interface PyCall {
  line: number;
  column: number;
  endLine: number;
  scope: number;
  /** Callee as a dotted path (`requests.get`, `self.k8s.sync`), or null when it is not one. */
  path: string[] | null;
  /** `Callee(...).name(...)`: the inner callee's path; `path` is then null and `name` is set. */
  onCall: string[] | null;
  /** The called name (last element), always set when the callee ends in a name. */
  name: string | null;
  /** `"text".name(...)`, `[].name(...)`: the builtin type of the literal the method is called on. */
  literal: string | null;
  /** `Callee(...).name(...)`: the inner call's positional arguments (`super(C, self)`, `type({})`). */
  inner: PyInnerArg[] | null;
  /** Positional argument texts (clipped). */
  args: string[];
  /** Keyword arguments, name → value text (clipped). */
  keywords: ReadonlyMap<string, string>;
  starArgs: boolean;
  kwSplat: boolean;
  /** The `**value` arguments, in order. */
  kwSplats: PyKwSplat[];
  /** The arms of `if` statements and conditional expressions around the call, innermost first, up to its scope. */
  branches: PyBranch[];
  /** Exception names caught by `try` bodies around the call; '*' for a bare `except:`. */
  caught: ReadonlySet<string>;
  /** Inside an `if` on the Python version, the platform, `hasattr`…: written for another environment. */
  envGuarded: boolean;
}

/** One `**value` argument of a call. */
export interface PyKwSplat {
  /** The splatted name (`**options`), or null when the value is not a plain name. */
  name: string | null;
  /** The keys it holds when written in place (`**{"timeout": 5}`, `**dict(timeout=5)`); null when not known there. */
  keys: string[] | null;
}

/** One arm of a conditional around a call: which `if` (or `a if c else b`), which arm, and the conditions that choose it. */
export interface PyBranch {
  /** Start offset of the `if` statement or conditional expression: the same for every arm of it. */
  at: number;
  /** 0 for the first arm, then elif arms, the else arm last. */
  arm: number;
  /** Text of every condition of the statement (clipped), joined by newlines. */
  conditions: string;
}

/** A positional argument of an inner call: its text, the callee when it is a call, the builtin type when it is a literal. */
export interface PyInnerArg {
  text: string;
  callee: string[] | null;
  literal: string | null;
}

/** An attribute read that is not a call's callee nor an assignment target (`print(self.x)`, `Color.RED`). */
export interface PyAttrRead {
  line: number;
  scope: number;
  /** The object as a dotted path, or null when it is not one. */
  object: string[] | null;
  /** `Callee(...).name`: the inner callee's path. */
  onCall: string[] | null;
  /** `"text".name`: the builtin type of the literal object. */
  literal: string | null;
  /** `Callee(...).name`: the inner call's positional arguments. */
  inner: PyInnerArg[] | null;
  name: string;
  /** Conditions of the `if` statements and conditional expressions around the read, up to its scope. */
  conditions: string[];
  caught: ReadonlySet<string>;
  envGuarded: boolean;
}

/** `x.attr = …` anywhere in the file: who was assigned. */
export interface PyAttrStore {
  object: string[] | null;
  attr: string;
  line: number;
  scope: number;
  /** The value's callee when the value is a call (`self.s = requests.Session()`). */
  callee?: string[];
}

export interface PyFacts {
  scopes: PyScope[];
  classes: PyClass[];
  imports: PyImport[];
  calls: PyCall[];
  attrReads: PyAttrRead[];
  attrStores: PyAttrStore[];
  /** Dotted names whose items are assigned (`options["timeout"] = 5`): a dict literal bound to one may gain keys. */
  itemStores: Set<string>;
  /** Names given to `hasattr`/`getattr`/`delattr` as literals: code that expects the attribute may be missing. */
  reflectedNames: Set<string>;
  /**
   * Attribute names a computed `setattr` may be given: the strings of a
   * literal the setattr's loop walks (`for n in ("a", "b"): setattr(C, n, …)`).
   */
  setattrNames: Set<string>;
  /** Functions that `setattr` an attribute named by one of their parameters (`def install(cls, name): setattr(cls, name, …)`). */
  setattrHelpers: Set<string>;
  /** Called name → the identifier-like string literals passed to it (what a setattr helper is asked to install). */
  stringArgs: Map<string, Set<string>>;
  /** `globals()` or `sys.modules[__name__]` manipulated, or a module-level `__getattr__`: the module's names are not all visible. */
  dynamicModule: boolean;
  /** `sys.modules[...] = …`: the file installs modules under names no file has (os.path). */
  setsSysModules: boolean;
  /** Touches `sys.meta_path` / `sys.path_hooks`: an import hook may serve modules that have no file. */
  importHooks: boolean;
  /** The tree has ERROR or MISSING nodes. */
  hasErrors: boolean;
}

const SCOPE_TYPES = ['function_definition', 'class_definition', 'lambda', 'list_comprehension', 'set_comprehension', 'dictionary_comprehension', 'generator_expression'];

const CLIP = 200;
/** Conditions that select code by Python version, platform or feature availability. */
const ENV_CONDITION = /version_info|sys\.version|platform|os\.name|TYPE_CHECKING|hasattr\(|sys\.implementation|\bPY_?[23]\b|\bPY\d{2,3}\b|\bPYPY\b|\bIS_[A-Z0-9_]+|\bWIN(DOWS|32)?\b|\bMACOS|\bLINUX/;
const clip = (s: string) => (s.length > CLIP ? s.slice(0, CLIP) + '…' : s);

/** Dotted path of an identifier / attribute chain, or null. */
export function dottedPath(node: TSNode | null): string[] | null {
  if (!node) return null;
  if (node.type === 'identifier') return [node.text];
  if (node.type === 'attribute') {
    const obj = dottedPath(node.childForFieldName('object'));
    const attr = node.childForFieldName('attribute');
    return obj && attr ? [...obj, attr.text] : null;
  }
  if (node.type === 'parenthesized_expression' && node.namedChildCount === 1) return dottedPath(node.namedChild(0));
  return null;
}

/** String literal value when the node is a plain (non-f, non-concatenated) string. */
export function stringValue(node: TSNode | null): string | null {
  if (!node || node.type !== 'string') return null;
  const start = node.child(0);
  if (!start || /[fF]/.test(start.text)) return null;
  let out = '';
  for (const c of node.namedChildren) {
    if (c.type === 'string_content') out += c.text;
    else if (c.type === 'interpolation') return null;
  }
  return out;
}

/** The builtin type of a literal expression (`[]` list, `b""` bytes, `f""` str), or null. */
export function literalType(node: TSNode | null): string | null {
  if (!node) return null;
  switch (node.type) {
    case 'list':
    case 'list_comprehension':
      return 'list';
    case 'dictionary':
    case 'dictionary_comprehension':
      return 'dict';
    case 'set':
    case 'set_comprehension':
      return 'set';
    case 'tuple':
      return 'tuple';
    case 'integer':
      return 'int';
    case 'float':
      return 'float';
    case 'string':
      return /^[a-zA-Z]*[bB]/.test(node.child(0)?.text ?? '') ? 'bytes' : 'str';
    case 'concatenated_string':
      return literalType(node.namedChild(0));
    case 'parenthesized_expression':
      return node.namedChildCount === 1 ? literalType(node.namedChild(0)) : null;
    default:
      return null;
  }
}

/** The positional arguments of a call node, or null when it has starred or keyword arguments. */
function innerArgs(call: TSNode): PyInnerArg[] | null {
  const out: PyInnerArg[] = [];
  for (const a of call.childForFieldName('arguments')?.namedChildren ?? []) {
    if (a.type === 'comment') continue;
    if (a.type === 'keyword_argument' || a.type === 'list_splat' || a.type === 'dictionary_splat') return null;
    out.push({ text: clip(a.text), callee: a.type === 'call' ? dottedPath(a.childForFieldName('function')) : null, literal: literalType(a) });
  }
  return out;
}

/** Statements that leave a block: what follows a guard clause ending in one runs only when its condition is false. */
const EXITS = ['return_statement', 'raise_statement', 'continue_statement', 'break_statement'];

/** Keys of a dict literal when every key is a plain string and nothing is spread into it; null otherwise. */
function dictLiteralKeys(node: TSNode): string[] | null {
  const keys: string[] = [];
  for (const c of node.namedChildren) {
    if (c.type === 'comment') continue;
    if (c.type !== 'pair') return null;
    const k = stringValue(c.childForFieldName('key'));
    if (k === null) return null;
    keys.push(k);
  }
  return keys;
}

/** What a `**value` argument is known to hold where it is written. */
function splatOf(value: TSNode | null): PyKwSplat {
  if (!value) return { name: null, keys: null };
  if (value.type === 'identifier') return { name: value.text, keys: null };
  if (value.type === 'dictionary') return { name: null, keys: dictLiteralKeys(value) };
  if (value.type === 'call' && value.childForFieldName('function')?.text === 'dict') {
    const args = value.childForFieldName('arguments')?.namedChildren ?? [];
    if (args.every((a) => a.type === 'keyword_argument' || a.type === 'comment')) {
      return { name: null, keys: args.filter((a) => a.type === 'keyword_argument').map((a) => a.childForFieldName('name')?.text ?? '') };
    }
  }
  return { name: null, keys: null };
}

/** The arms of conditionals that hold `node`, innermost first, stopping at its function, class or lambda. */
function branchesAround(node: TSNode): PyBranch[] {
  const out: PyBranch[] = [];
  const conditionsOf = (s: TSNode, elifs: TSNode[]) => [s.childForFieldName('condition'), ...elifs.map((e) => e.childForFieldName('condition'))].map((c) => clip(c?.text ?? '')).join('\n');
  let child = node;
  for (let p = node.parent; p && !SCOPE_TYPES.includes(p.type); child = p, p = p.parent) {
    if (p.type === 'block' || p.type === 'module') {
      // A guard clause (`if timeout is not None: return f(a, timeout)`) makes the statements after it its else arm.
      for (const s of p.children.slice(0, p.children.indexOf(child))) {
        if (s.type !== 'if_statement' || s.namedChildren.some((c) => c.type === 'else_clause')) continue;
        const elifs = s.namedChildren.filter((c) => c.type === 'elif_clause');
        const bodies = [s.childForFieldName('consequence'), ...elifs.map((e) => e.childForFieldName('consequence'))];
        if (bodies.every((b) => b && EXITS.includes(b.namedChildren.filter((c) => c.type !== 'comment').pop()?.type ?? ''))) {
          out.push({ at: s.startIndex, arm: 1 + elifs.length, conditions: conditionsOf(s, elifs) });
        }
      }
    } else if (p.type === 'if_statement') {
      const elifs = p.namedChildren.filter((c) => c.type === 'elif_clause');
      let arm = -1;
      if (child.field === 'consequence') arm = 0;
      else if (child.type === 'elif_clause') arm = 1 + elifs.indexOf(child);
      else if (child.type === 'else_clause') arm = 1 + elifs.length;
      if (arm < 0) continue;
      out.push({ at: p.startIndex, arm, conditions: conditionsOf(p, elifs) });
    } else if (p.type === 'conditional_expression') {
      const [body, condition, alternative] = p.namedChildren;
      const arm = child === body ? 0 : child === alternative ? 1 : -1;
      if (arm >= 0) out.push({ at: p.startIndex, arm, conditions: clip(condition?.text ?? '') });
    }
  }
  return out;
}

/** Identifiers a binding target binds (`a`, `a, (b, *c)`, `[x, y]`); attribute/subscript targets bind none. */
function targetNames(node: TSNode, out: string[], attrs: TSNode[]): void {
  switch (node.type) {
    case 'identifier':
      out.push(node.text);
      return;
    case 'attribute':
      attrs.push(node);
      return;
    case 'subscript':
      return;
    default:
      for (const c of node.namedChildren) targetNames(c, out, attrs);
  }
}

/** Nested, properly nesting intervals with a "innermost containing" lookup. */
class Intervals<T extends { start: number; end: number; parent: number }> {
  constructor(readonly items: T[]) {}
  innermost(pos: number): number {
    let lo = 0;
    let hi = this.items.length - 1;
    let found = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (this.items[mid]!.start <= pos) {
        found = mid;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    while (found >= 0) {
      const it = this.items[found]!;
      if (it.start <= pos && pos < it.end) return found;
      found = it.parent;
    }
    return -1;
  }
}

interface TryBody {
  start: number;
  end: number;
  parent: number;
  catches: Set<string>;
}

const cache = new WeakMap<object, PyFacts>();
/** Shared by every call outside a `try`, so a large repository does not hold 100k empty sets. */
const NOTHING_CAUGHT: ReadonlySet<string> = new Set();
const NO_KEYWORDS: ReadonlyMap<string, string> = new Map();

/** Facts of a tree, computed once per tree (several rules share them). */
export function pythonFacts(tree: TSTree, text: string): PyFacts {
  let f = cache.get(tree);
  if (!f) {
    f = extractFacts(tree, text);
    cache.set(tree, f);
  }
  return f;
}

export function extractFacts(tree: TSTree, text: string): PyFacts {
  const { root, byType } = liteTree(tree, text);
  const hasErrors = tree.rootNode.hasError;
  /** Every node of these types, in document order. */
  const all = (types: string | string[]): TSNode[] => {
    if (typeof types === 'string') return byType.get(types) ?? [];
    const out: TSNode[] = [];
    for (const t of types) out.push(...(byType.get(t) ?? []));
    return types.length > 1 ? out.sort((a, b) => a.startIndex - b.startIndex) : out;
  };
  const scopes: PyScope[] = [];
  const classes: PyClass[] = [];
  const imports: PyImport[] = [];
  const calls: PyCall[] = [];
  const attrStores: PyAttrStore[] = [];
  const itemStores = new Set<string>();
  const reflectedNames = new Set<string>();
  let dynamicModule = false;
  let setsSysModules = false;
  const setattrNames = new Set<string>();
  const setattrHelpers = new Set<string>();
  const stringArgs = new Map<string, Set<string>>();

  const newScope = (kind: ScopeKind, name: string, parent: number, line: number, start: number, end: number): PyScope => ({
    kind,
    name,
    parent,
    line,
    bindings: new Map(),
    globals: new Set(),
    nonlocals: new Set(),
    params: [],
    decorators: [],
    dynamic: false,
    classIndex: -1,
    start,
    end,
  });

  // Scope 0 is the module; the others are sorted by start for the lookup.
  const moduleScope = newScope('module', '<module>', -1, 1, root.startIndex, root.endIndex + 1);
  const scopeNodes = all(SCOPE_TYPES);
  const inner: { node: TSNode; start: number; end: number; idx: number }[] = [];
  for (const n of scopeNodes) {
    let start = n.startIndex;
    if (n.type === 'function_definition') start = n.childForFieldName('parameters')?.startIndex ?? n.startIndex;
    else if (n.type === 'class_definition') start = n.childForFieldName('body')?.startIndex ?? n.endIndex;
    inner.push({ node: n, start, end: n.endIndex, idx: -1 });
  }
  inner.sort((a, b) => a.start - b.start || b.end - a.end);
  scopes.push(moduleScope);
  const stack: number[] = [0];
  for (const s of inner) {
    while (stack.length > 1 && scopes[stack[stack.length - 1]!]!.end <= s.start) stack.pop();
    const parent = stack[stack.length - 1]!;
    const n = s.node;
    const kind: ScopeKind =
      n.type === 'function_definition' ? 'function' : n.type === 'class_definition' ? 'class' : n.type === 'lambda' ? 'lambda' : 'comprehension';
    const name = n.childForFieldName('name')?.text ?? `<${kind}>`;
    const sc = newScope(kind, name, parent, n.startPosition.row + 1, s.start, s.end);
    scopes.push(sc);
    stack.push(scopes.length - 1);
    s.idx = scopes.length - 1;
  }
  const lookup = new Intervals(scopes);
  const scopeAt = (pos: number) => Math.max(0, lookup.innermost(pos));

  // try bodies and what their handlers catch, for "guarded" imports and calls.
  const tries: TryBody[] = [];
  for (const t of all('try_statement')) {
    const body = t.childForFieldName('body');
    if (!body) continue;
    const catches = new Set<string>();
    for (const c of t.namedChildren) {
      if (c.type !== 'except_clause' && c.type !== 'except_group_clause') continue;
      const value = c.childForFieldName('value') ?? c.namedChildren.find((x) => x.type !== 'block') ?? null;
      if (!value || value.type === 'block') catches.add('*');
      else {
        const typeNode = value.type === 'as_pattern' ? value.namedChild(0) : value;
        for (const id of typeNode ? [typeNode, ...typeNode.descendantsOfType(['identifier', 'attribute'])] : []) {
          const p = dottedPath(id);
          if (p) catches.add(p[p.length - 1]!);
        }
      }
    }
    tries.push({ start: body.startIndex, end: body.endIndex, parent: -1, catches });
  }
  // `with self.assertRaises(ImportError):` / `with pytest.raises(AttributeError):` expect the failure like a handler does.
  for (const w of all('with_statement')) {
    const body = w.childForFieldName('body');
    if (!body) continue;
    const catches = new Set<string>();
    for (const item of w.descendantsOfType('with_item')) {
      let v = item.childForFieldName('value');
      if (v?.type === 'as_pattern') v = v.namedChild(0);
      if (v?.type !== 'call') continue;
      const fn = dottedPath(v.childForFieldName('function'));
      if (!fn || !/^(assertRaises|assertRaisesRegex|raises)$/.test(fn[fn.length - 1]!)) continue;
      const first = v.childForFieldName('arguments')?.namedChildren.find((a) => a.type !== 'comment' && a.type !== 'keyword_argument');
      for (const id of first ? [first, ...first.descendantsOfType(['identifier', 'attribute'])] : []) {
        const p = dottedPath(id);
        if (p) catches.add(p[p.length - 1]!);
      }
    }
    if (catches.size) tries.push({ start: body.startIndex, end: body.endIndex, parent: -1, catches });
  }
  tries.sort((a, b) => a.start - b.start || b.end - a.end);
  {
    const st: number[] = [];
    tries.forEach((t, i) => {
      while (st.length && tries[st[st.length - 1]!]!.end <= t.start) st.pop();
      t.parent = st.length ? st[st.length - 1]! : -1;
      st.push(i);
    });
  }
  const tryLookup = new Intervals(tries);

  // if-statements whose condition asks about the environment: their branches are written for some other Python or platform.
  const envIfs: { start: number; end: number; parent: number; typeChecking: boolean }[] = [];
  for (const n of all('if_statement')) {
    const conds = [n.childForFieldName('condition'), ...n.namedChildren.filter((c) => c.type === 'elif_clause').map((c) => c.childForFieldName('condition'))];
    const text = conds.map((c) => c?.text ?? '').join(' ');
    if (!ENV_CONDITION.test(text)) continue;
    envIfs.push({ start: n.startIndex, end: n.endIndex, parent: -1, typeChecking: /TYPE_CHECKING/.test(text) });
  }
  {
    const st: number[] = [];
    envIfs.forEach((t, i) => {
      while (st.length && envIfs[st[st.length - 1]!]!.end <= t.start) st.pop();
      t.parent = st.length ? st[st.length - 1]! : -1;
      st.push(i);
    });
  }
  const envLookup = new Intervals(envIfs);
  const envAt = (pos: number) => envLookup.innermost(pos) >= 0;
  const typeCheckingAt = (pos: number) => {
    for (let i = envLookup.innermost(pos); i >= 0; i = envIfs[i]!.parent) if (envIfs[i]!.typeChecking) return true;
    return false;
  };
  const caughtAt = (pos: number): ReadonlySet<string> => {
    if (tries.length === 0) return NOTHING_CAUGHT;
    const out = new Set<string>();
    for (let i = tryLookup.innermost(pos); i >= 0; i = tries[i]!.parent) for (const c of tries[i]!.catches) out.add(c);
    return out.size ? out : NOTHING_CAUGHT;
  };

  const bind = (scope: number, name: string, b: PyBinding) => {
    let s = scope;
    const sc = scopes[s]!;
    if (sc.globals.has(name)) s = 0;
    else if (sc.nonlocals.has(name)) {
      // nonlocal: bound in the nearest enclosing function that has the name; mark it there.
      let p = sc.parent;
      while (p > 0 && scopes[p]!.kind === 'class') p = scopes[p]!.parent;
      s = Math.max(0, p);
      b = { kind: 'other', line: b.line };
    }
    const m = scopes[s]!.bindings;
    const list = m.get(name);
    if (list) list.push(b);
    else m.set(name, [b]);
  };
  // Walrus targets inside comprehensions bind in the enclosing function.
  const nonComprehension = (s: number) => {
    while (s > 0 && scopes[s]!.kind === 'comprehension') s = scopes[s]!.parent;
    return s;
  };

  // global / nonlocal first: they redirect later bindings.
  for (const g of all(['global_statement', 'nonlocal_statement'])) {
    const sc = scopes[scopeAt(g.startIndex)]!;
    for (const id of g.namedChildren) if (id.type === 'identifier') (g.type === 'global_statement' ? sc.globals : sc.nonlocals).add(id.text);
  }

  // Definitions, parameters and decorators.
  for (const s of inner) {
    const n = s.node;
    const idx = s.idx;
    const sc = scopes[idx]!;
    const line = n.startPosition.row + 1;
    const decorators = n.parent?.type === 'decorated_definition' ? n.parent.namedChildren.filter((c) => c.type === 'decorator').map((d) => d.text.replace(/^@\s*/, '')) : [];
    if (n.type === 'function_definition' || n.type === 'lambda') {
      const params = n.childForFieldName('parameters');
      for (const p of params?.namedChildren ?? []) {
        if (p.type === 'comment' || p.type === 'line_continuation') continue;
        const id = p.type === 'identifier' ? p : (p.childForFieldName('name') ?? p.descendantsOfType('identifier')[0]);
        if (!id || id.type !== 'identifier') continue;
        sc.params.push(id.text);
        sc.bindings.set(id.text, [...(sc.bindings.get(id.text) ?? []), { kind: 'param', line }]);
      }
      if (n.type === 'function_definition') {
        sc.decorators = decorators;
        bind(sc.parent, sc.name, { kind: 'def', line });
      }
    } else if (n.type === 'class_definition') {
      const bases: PyBase[] = [];
      const keywords = new Map<string, string>();
      for (const a of n.childForFieldName('superclasses')?.namedChildren ?? []) {
        if (a.type === 'keyword_argument') keywords.set(a.childForFieldName('name')?.text ?? '', a.childForFieldName('value')?.text ?? '');
        else if (a.type === 'list_splat' || a.type === 'dictionary_splat') bases.push({ path: null, subscripted: false, text: a.text });
        else if (a.type === 'subscript') bases.push({ path: dottedPath(a.childForFieldName('value')), subscripted: true, text: a.text });
        else if (a.type !== 'comment') bases.push({ path: dottedPath(a), subscripted: false, text: a.text });
      }
      classes.push({ name: sc.name, line, scope: idx, outer: sc.parent, bases, keywords, decorators, instanceAttrs: new Set(), dynamic: false });
      sc.classIndex = classes.length - 1;
      bind(sc.parent, sc.name, { kind: 'class', line, classIndex: classes.length - 1 });
    }
  }

  const recordAttrStore = (attrNode: TSNode, scope: number, callee?: string[]) => {
    const name = attrNode.childForFieldName('attribute')?.text;
    if (!name) return;
    const st: PyAttrStore = { object: dottedPath(attrNode.childForFieldName('object')), attr: name, line: attrNode.startPosition.row + 1, scope };
    if (callee) st.callee = callee;
    attrStores.push(st);
  };

  const bindTarget = (target: TSNode, scope: number, kind: BindingKind, value: TSNode | null, viaWith = false) => {
    const names: string[] = [];
    const attrs: TSNode[] = [];
    targetNames(target, names, attrs);
    const line = target.startPosition.row + 1;
    const simple = target.type === 'identifier' || target.type === 'attribute';
    let callee: string[] | undefined;
    let alias: string[] | undefined;
    if (simple && value) {
      if (value.type === 'call') callee = dottedPath(value.childForFieldName('function')) ?? undefined;
      else alias = dottedPath(value) ?? undefined;
    }
    const keys = simple && value?.type === 'dictionary' ? dictLiteralKeys(value) : null;
    const literal = simple && !viaWith ? literalType(value) : null;
    for (const n of names) {
      const b: PyBinding = { kind: simple ? kind : 'other', line };
      if (callee) b.callee = callee;
      if (literal) b.literal = literal;
      if (alias) b.alias = alias;
      if (keys) b.dictKeys = keys;
      if (viaWith) b.viaWith = true;
      bind(scope, n, b);
    }
    for (const a of attrs) {
      storedAttrs.add(a.startIndex);
      recordAttrStore(a, scope, simple ? callee : undefined);
    }
  };
  /** Attribute nodes that are assignment targets (start offsets): not reads. */
  const storedAttrs = new Set<number>();

  for (const a of all(['assignment', 'augmented_assignment'])) {
    const left = a.childForFieldName('left');
    if (!left) continue;
    const scope = scopeAt(a.startIndex);
    let right = a.childForFieldName('right');
    while (right && right.type === 'assignment') right = right.childForFieldName('right');
    if (a.type === 'augmented_assignment') bindTarget(left, scope, 'other', null);
    else bindTarget(left, scope, 'assign', right);
    if (left.type === 'subscript') {
      // globals()[…] = …, self.__dict__[…] = …
      const v = left.childForFieldName('value');
      const held = dottedPath(v);
      if (held) itemStores.add(held.join('.'));
      if (v?.type === 'call' && v.childForFieldName('function')?.text === 'globals') dynamicModule = true;
      if (v && v.text.replace(/\s+/g, '') === 'sys.modules') setsSysModules = true;
    }
  }
  for (const f of all(['for_statement', 'for_in_clause'])) {
    const left = f.childForFieldName('left');
    if (left) bindTarget(left, scopeAt(left.startIndex), 'other', null);
  }
  for (const w of all('with_item')) {
    const v = w.childForFieldName('value');
    if (v?.type !== 'as_pattern') continue;
    const target = v.childForFieldName('alias');
    const value = v.namedChild(0);
    const t = target?.type === 'as_pattern_target' ? target.namedChild(0) : target;
    if (t) bindTarget(t, scopeAt(w.startIndex), value?.type === 'call' ? 'assign' : 'other', value?.type === 'call' ? value : null, true);
  }
  for (const e of all(['except_clause', 'except_group_clause'])) {
    for (const c of e.namedChildren) {
      if (c.type !== 'as_pattern') continue;
      const target = c.childForFieldName('alias');
      const t = target?.type === 'as_pattern_target' ? target.namedChild(0) : target;
      if (t) bindTarget(t, scopeAt(e.startIndex), 'other', null);
    }
  }
  for (const w of all('named_expression')) {
    const name = w.childForFieldName('name');
    if (name) bind(nonComprehension(scopeAt(w.startIndex)), name.text, { kind: 'other', line: w.startPosition.row + 1 });
  }
  for (const d of all('delete_statement')) {
    const scope = scopeAt(d.startIndex);
    for (const id of d.descendantsOfType('identifier')) if (id.parent?.type !== 'attribute' && id.parent?.type !== 'subscript') bind(scope, id.text, { kind: 'other', line: d.startPosition.row + 1 });
  }
  for (const c of all('case_clause')) {
    const scope = scopeAt(c.startIndex);
    for (const p of c.namedChildren) {
      if (p.type !== 'case_pattern') continue;
      for (const id of p.descendantsOfType('identifier')) bind(scope, id.text, { kind: 'other', line: id.startPosition.row + 1 });
    }
  }
  for (const t of all('type_alias_statement')) {
    const id = t.childForFieldName('left')?.descendantsOfType('identifier')[0];
    if (id) bind(scopeAt(t.startIndex), id.text, { kind: 'other', line: t.startPosition.row + 1 });
  }

  // Imports.
  for (const imp of all(['import_statement', 'import_from_statement', 'future_import_statement'])) {
    const scope = scopeAt(imp.startIndex);
    const caught = caughtAt(imp.startIndex);
    const guarded = caught.has('*') || caught.has('ImportError') || caught.has('ModuleNotFoundError') || caught.has('Exception') || caught.has('BaseException');
    let conditional = caught.size > 0 || tryLookup.innermost(imp.startIndex) >= 0;
    for (let p = imp.parent; p && !conditional; p = p.parent) {
      if (p.type === 'if_statement' || p.type === 'elif_clause' || p.type === 'else_clause' || p.type === 'try_statement') conditional = true;
      if (p.type === 'function_definition' || p.type === 'class_definition') break;
    }
    const base = {
      line: imp.startPosition.row + 1,
      column: imp.startPosition.column + 1,
      endLine: imp.endPosition.row + 1,
      scope,
      guarded,
      conditional,
      envGuarded: envAt(imp.startIndex),
      typeChecking: typeCheckingAt(imp.startIndex),
    };
    const line = base.line;
    if (imp.type === 'import_statement') {
      for (const n of imp.namedChildren) {
        const dotted = n.type === 'aliased_import' ? n.childForFieldName('name') : n;
        if (!dotted || dotted.type !== 'dotted_name') continue;
        const alias = n.type === 'aliased_import' ? (n.childForFieldName('alias')?.text ?? null) : null;
        imports.push({ module: dotted.text.replace(/\s+/g, ''), level: 0, names: [], alias, star: false, ...base });
        const bound = alias ?? dotted.text.split('.')[0]!.trim();
        bind(scope, bound, { kind: 'import', line, importIndex: imports.length - 1 });
      }
      continue;
    }
    let module = '';
    let level = 0;
    const modNode = imp.type === 'future_import_statement' ? null : imp.childForFieldName('module_name');
    if (imp.type === 'future_import_statement') module = '__future__';
    else if (modNode?.type === 'relative_import') {
      level = modNode.namedChildren.find((c) => c.type === 'import_prefix')?.text.length ?? 0;
      module = modNode.namedChildren.find((c) => c.type === 'dotted_name')?.text.replace(/\s+/g, '') ?? '';
    } else if (modNode) module = modNode.text.replace(/\s+/g, '');
    const names: PyImportName[] = [];
    let star = false;
    for (const c of imp.namedChildren) {
      if (c === modNode) continue;
      if (c.type === 'wildcard_import') star = true;
      else if (c.type === 'dotted_name') names.push({ name: c.text, alias: null });
      else if (c.type === 'aliased_import') names.push({ name: c.childForFieldName('name')?.text ?? '', alias: c.childForFieldName('alias')?.text ?? null });
    }
    imports.push({ module, level, names, alias: null, star, ...base });
    const ii = imports.length - 1;
    for (const n of names) bind(scope, n.alias ?? n.name, { kind: 'import', line, importIndex: ii });
  }

  // Calls.
  for (const c of all('call')) {
    const fn = c.childForFieldName('function');
    if (!fn) continue;
    const scope = scopeAt(c.startIndex);
    let path = dottedPath(fn);
    let onCall: string[] | null = null;
    let literal: string | null = null;
    let inner: PyInnerArg[] | null = null;
    let name: string | null = path ? path[path.length - 1]! : null;
    if (!path && fn.type === 'attribute') {
      name = fn.childForFieldName('attribute')?.text ?? null;
      const obj = fn.childForFieldName('object');
      if (obj?.type === 'call') {
        onCall = dottedPath(obj.childForFieldName('function'));
        inner = innerArgs(obj);
      } else literal = literalType(obj);
    }
    const args: string[] = [];
    let keywords: Map<string, string> | null = null;
    let starArgs = false;
    let kwSplat = false;
    const kwSplats: PyKwSplat[] = [];
    const argList = c.childForFieldName('arguments');
    const argNodes = argList?.type === 'argument_list' ? argList.namedChildren : argList ? [argList] : [];
    const literalArgs: (string | null)[] = [];
    for (const a of argNodes) {
      if (a.type === 'comment' || a.type === 'line_continuation') continue;
      if (a.type === 'keyword_argument') (keywords ??= new Map()).set(a.childForFieldName('name')?.text ?? '', clip(a.childForFieldName('value')?.text ?? ''));
      else if (a.type === 'list_splat') starArgs = true;
      else if (a.type === 'dictionary_splat') {
        kwSplat = true;
        kwSplats.push(splatOf(a.namedChildren[0] ?? null));
      } else {
        args.push(clip(a.text));
        literalArgs.push(stringValue(a));
      }
    }
    if (name) {
      for (const v of literalArgs) {
        if (!v || !/^[A-Za-z_]\w*$/.test(v)) continue;
        let set = stringArgs.get(name);
        if (!set) stringArgs.set(name, (set = new Set()));
        set.add(v);
      }
    }
    calls.push({
      line: c.startPosition.row + 1,
      column: c.startPosition.column + 1,
      endLine: c.endPosition.row + 1,
      scope,
      path,
      onCall,
      name,
      literal,
      inner,
      args,
      keywords: keywords ?? NO_KEYWORDS,
      starArgs,
      kwSplat,
      kwSplats,
      branches: branchesAround(c),
      caught: caughtAt(c.startIndex),
      envGuarded: envAt(c.startIndex),
    });
    if (path && path.length === 1) {
      const fname = path[0]!;
      // exec/eval/locals()/vars() can bind names no statement shows; globals() can do so for the module from anywhere.
      if (fname === 'exec' || fname === 'eval' || ((fname === 'locals' || fname === 'vars') && args.length === 0)) {
        scopes[scope]!.dynamic = true;
        if (scope === 0) dynamicModule = true;
      }
      if (fname === 'globals') dynamicModule = true;
    }
    // Enum._convert_(name, __name__, …) (ssl, signal, socket) plants the members of a new enum into the module's globals.
    if (name && /^_convert_?$/.test(name) && (args.includes('__name__') || [...(keywords?.values() ?? [])].includes('__name__'))) dynamicModule = true;
    if (path && path.length === 1) {
      const fname = path[0]!;
      if ((fname === 'hasattr' || fname === 'getattr' || fname === 'delattr') && literalArgs[1]) reflectedNames.add(literalArgs[1]);
    }
    // setattr(obj, 'name', v) / object.__setattr__(obj, 'name', v)
    if (path && (path.join('.') === 'setattr' || (path.length >= 2 && path[path.length - 1] === '__setattr__'))) {
      const target = args[0] ?? '';
      const lit = literalArgs[1];
      if (lit) attrStores.push({ object: target ? target.split('.') : null, attr: lit, line: c.startPosition.row + 1, scope });
      else {
        attrStores.push({ object: target ? target.split('.') : null, attr: '*', line: c.startPosition.row + 1, scope });
        const nameArg = args[1] ?? '';
        const fnScope = scopes[nonComprehension(scope)]!;
        if (fnScope.kind === 'function' && fnScope.params.includes(nameArg)) setattrHelpers.add(fnScope.name);
        for (let p = c.parent; p && !SCOPE_TYPES.includes(p.type); p = p.parent) {
          if (p.type !== 'for_statement' || p.childForFieldName('left')?.text !== nameArg) continue;
          const over = p.childForFieldName('right');
          if (over && ['list', 'tuple', 'set'].includes(over.type)) for (const e of over.namedChildren) {
            const v = stringValue(e);
            if (v) setattrNames.add(v);
          }
        }
      }
    }
  }

  // Attribute reads: every attribute node that is neither a callee (calls above) nor a target.
  const attrReads: PyAttrRead[] = [];
  for (const a of all('attribute')) {
    if (storedAttrs.has(a.startIndex)) continue;
    const parent = a.parent;
    if (parent?.type === 'call' && a.field === 'function') continue;
    if (parent?.type === 'delete_statement' || parent?.parent?.type === 'delete_statement') continue;
    const name = a.childForFieldName('attribute')?.text;
    const obj = a.childForFieldName('object');
    if (!name || !obj) continue;
    attrReads.push({
      line: a.startPosition.row + 1,
      scope: scopeAt(a.startIndex),
      object: dottedPath(obj),
      onCall: obj.type === 'call' ? dottedPath(obj.childForFieldName('function')) : null,
      literal: literalType(obj),
      inner: obj.type === 'call' ? innerArgs(obj) : null,
      name,
      conditions: branchesAround(a).map((b) => b.conditions),
      caught: caughtAt(a.startIndex),
      envGuarded: envAt(a.startIndex),
    });
  }


  let importHooks = false;
  for (const a of all('attribute')) {
    const t = a.text;
    if (t === 'sys.meta_path' || t === 'sys.path_hooks') importHooks = true;
  }
  // `sys.modules[__name__]` and module-level __getattr__ make a module's names open-ended.
  for (const s of all('subscript')) {
    if (s.childForFieldName('value')?.text.replace(/\s+/g, '') === 'sys.modules' && s.childForFieldName('subscript')?.text === '__name__') dynamicModule = true;
  }
  if (moduleScope.bindings.has('__getattr__')) dynamicModule = true;

  // Instance attributes: stores through a method's first parameter.
  for (const st of attrStores) {
    if (!st.object || st.object.length < 1) continue;
    const cls = selfClass(scopes, st.scope, st.object[0]!);
    if (cls < 0) continue;
    const c = classes[cls]!;
    if (st.object.length === 1) {
      if (st.attr === '*') c.dynamic = true;
      else c.instanceAttrs.add(st.attr);
    } else if (st.object.length === 2 && st.object[1] === '__dict__') c.dynamic = true;
  }
  for (const a of all('attribute')) {
    if (a.childForFieldName('attribute')?.text !== '__dict__' || readsOnly(a)) continue;
    const obj = a.childForFieldName('object');
    if (obj?.type !== 'identifier') continue;
    const cls = selfClass(scopes, scopeAt(a.startIndex), obj.text);
    if (cls >= 0) classes[cls]!.dynamic = true;
  }
  for (const c of calls) {
    // argparse's parse_args(namespace=self) and functools' update_wrapper(self, …) set attributes the class never spells.
    if (c.name && ATTRIBUTE_SETTING_CALLS.has(c.name)) {
      for (const arg of [...c.args, ...c.keywords.values()]) {
        const cls = selfClass(scopes, c.scope, arg);
        if (cls >= 0) classes[cls]!.dynamic = true;
      }
    }
    if (c.path?.length === 1 && c.path[0] === 'vars' && c.args.length === 1) {
      const cls = selfClass(scopes, c.scope, c.args[0]!);
      if (cls >= 0) classes[cls]!.dynamic = true;
    }
  }

  return { scopes, classes, imports, calls, attrReads, attrStores, itemStores, reflectedNames, setattrNames, setattrHelpers, stringArgs, dynamicModule, setsSysModules, importHooks, hasErrors };
}

/** Standard-library calls that set attributes on an object passed to them (argparse namespaces, functools wrappers). */
const ATTRIBUTE_SETTING_CALLS = new Set(['parse_args', 'parse_known_args', 'parse_intermixed_args', 'parse_known_intermixed_args', 'update_wrapper']);

/** Builtins that only read the mapping they are given. */
const READING_BUILTINS = new Set(['print', 'repr', 'str', 'len', 'sorted', 'list', 'dict', 'iter', 'id', 'bool', 'format']);
/** Mapping methods that do not change it. */
const READING_METHODS = new Set(['get', 'items', 'keys', 'values', 'copy']);

/** `x.__dict__` used only to read it (printed, copied, looked into): it adds no attribute to x. */
function readsOnly(a: TSNode): boolean {
  const p = a.parent;
  if (!p) return false;
  if (p.type === 'argument_list') {
    const fn = p.parent?.childForFieldName('function');
    return fn?.type === 'identifier' && READING_BUILTINS.has(fn.text);
  }
  if (p.type === 'attribute' && p.parent?.type === 'call') return READING_METHODS.has(p.childForFieldName('attribute')?.text ?? '');
  return p.type === 'comparison_operator' || p.type === 'interpolation';
}

/**
 * The class whose instance `name` is inside `scope`: the first parameter of a
 * method (or of the method a nested function/lambda sits in), not rebound,
 * not a staticmethod. -1 otherwise.
 */
export function selfClass(scopes: PyScope[], scope: number, name: string): number {
  for (let s = scope; s > 0; s = scopes[s]!.parent) {
    const sc = scopes[s]!;
    if (sc.kind === 'class') continue;
    const b = sc.bindings.get(name);
    if (!b) {
      if (sc.globals.has(name) || sc.nonlocals.has(name)) return -1;
      continue;
    }
    if (sc.kind !== 'function' || sc.params[0] !== name || b.length !== 1) return -1;
    const parent = scopes[sc.parent];
    if (!parent || parent.kind !== 'class') return -1;
    if (sc.decorators.some((d) => /(^|\.)staticmethod$/.test(d))) return -1;
    if (sc.decorators.some((d) => /(^|\.)classmethod$/.test(d))) return -1;
    return parent.classIndex;
  }
  return -1;
}

/** The first parameter of a classmethod: the class itself. */
export function clsClass(scopes: PyScope[], scope: number, name: string): number {
  for (let s = scope; s > 0; s = scopes[s]!.parent) {
    const sc = scopes[s]!;
    if (sc.kind === 'class') continue;
    const b = sc.bindings.get(name);
    if (!b) continue;
    if (sc.kind !== 'function' || sc.params[0] !== name || b.length !== 1) return -1;
    const parent = scopes[sc.parent];
    if (!parent || parent.kind !== 'class') return -1;
    if (!sc.decorators.some((d) => /(^|\.)classmethod$/.test(d))) return -1;
    return parent.classIndex;
  }
  return -1;
}

/**
 * The bindings a name refers to when read in `scope` (LEGB without class
 * scopes, except the class body itself), with the scope that holds them.
 * Null when no scope binds it (a builtin or an undefined name).
 */
export function lookupName(scopes: PyScope[], scope: number, name: string): { scope: number; bindings: PyBinding[] } | null {
  for (let s = scope; s >= 0; s = scopes[s]!.parent) {
    const sc = scopes[s]!;
    if (sc.globals.has(name)) s = 0;
    // A class body's names are visible in the body itself, not in functions nested in it.
    if (s !== scope && scopes[s]!.kind === 'class') continue;
    const b = scopes[s]!.bindings.get(name);
    if (b) return { scope: s, bindings: b };
    if (s === 0) return null;
  }
  return null;
}
