/**
 * One pass over the repository's Python files that yields the findings of
 * every repository-wide Python rule (missing methods, missing module
 * attributes, standard-library names, unresolved imports). The rules share it
 * through the repository context, so files are parsed and names resolved
 * once however many of these rules are enabled.
 */
import type { RawFinding, RepoContext } from '../../types.js';
import { PyRepo, type ClassRef, type ModuleLoc, type PyFile, type Value } from './repo.js';
import { lookupName, type PyAttrRead, type PyCall, type PyImport, type PyInnerArg } from './facts.js';
import { closest } from './similar.js';

export const RULE_MISSING_METHOD = 'method-mismatch/python-missing-method';
export const RULE_MISSING_ATTRIBUTE = 'method-mismatch/python-missing-attribute';
export const RULE_MODULE_ATTR = 'method-mismatch/python-missing-module-attr';
export const RULE_STDLIB_NAME = 'method-mismatch/python-stdlib-name';
export const RULE_IMPORT = 'build-error/python-import';

/** Exceptions whose handler around a call means the code expects the attribute may be missing. */
const ATTR_GUARDS = ['*', 'AttributeError', 'Exception', 'BaseException', 'ImportError', 'NotImplementedError'];

/** Conditions that ask what an object is or has: inside them the receiver may be something else than its binding says. */
const TYPE_QUESTION = /\b(isinstance|issubclass|hasattr|getattr|type|callable)\s*\(/;

/**
 * Methods the builtin types gained after the Python of the bundled index
 * (3.11): code written for a newer Python may call them.
 */
const NEWER_BUILTIN_MEMBERS: Record<string, string[]> = {
  int: ['is_integer'],
  float: ['from_number'],
  complex: ['from_number'],
  bytearray: ['resize'],
};

export async function pythonRepo(ctx: RepoContext): Promise<PyRepo> {
  let p = ctx.shared.get('python:repo') as Promise<PyRepo> | undefined;
  if (!p) {
    p = PyRepo.build(ctx.snapshot);
    ctx.shared.set('python:repo', p);
  }
  return p;
}

export async function pythonFindings(ctx: RepoContext, ruleId: string): Promise<RawFinding[]> {
  let p = ctx.shared.get('python:findings') as Promise<Map<string, RawFinding[]>> | undefined;
  if (!p) {
    p = pythonRepo(ctx).then(analyzeRepo);
    ctx.shared.set('python:findings', p);
  }
  return (await p).get(ruleId) ?? [];
}

export function analyzeRepo(repo: PyRepo): Map<string, RawFinding[]> {
  const out = new Map<string, RawFinding[]>([
    [RULE_MISSING_METHOD, []],
    [RULE_MISSING_ATTRIBUTE, []],
    [RULE_MODULE_ATTR, []],
    [RULE_STDLIB_NAME, []],
    [RULE_IMPORT, []],
  ]);
  const push = (rule: string, f: RawFinding) => out.get(rule)!.push(f);
  for (const [path, file] of repo.files) {
    if (file.isStub || file.facts.hasErrors) continue;
    for (const imp of file.facts.imports) checkImport(repo, path, imp, push);
    if (file.isTest) continue;
    for (const call of file.facts.calls) checkCall(repo, path, call, push);
    for (const read of file.facts.attrReads) checkRead(repo, path, read, push);
  }
  return out;
}

// ------------------------------------------------------------------ imports

const display = (imp: PyImport) => '.'.repeat(imp.level) + imp.module;

function locWhere(loc: ModuleLoc): string {
  return loc.files.find((f) => f.endsWith('.py')) ?? loc.files[0] ?? (loc.dir !== null ? `${loc.dir || '.'}/` : loc.name);
}

function checkImport(repo: PyRepo, path: string, imp: PyImport, push: (rule: string, f: RawFinding) => void): void {
  if (imp.guarded || imp.typeChecking || imp.module === '__future__') return;
  // Tests import inside functions to provoke failures or under faked packages (import-system tests).
  if (imp.scope !== 0 && repo.files.get(path)!.isTest) return;
  const at = { path, line: imp.line, endLine: imp.endLine };
  const r = repo.resolveModule(path, imp.level, imp.module);
  if (r.kind === 'beyond') {
    push(RULE_IMPORT, { ...at, message: `attempted relative import beyond top-level package: '${display(imp)}' climbs ${imp.level - 1} level(s) above ${path}` });
    return;
  }
  if (r.kind === 'missing') {
    // A repository package named like a standard module: the stdlib one may be what runs.
    if (imp.level === 0 && repo.stdlib.module(imp.module)) return;
    const would = r.parentDir ? `${r.parentDir}/${r.part}` : r.part;
    if (repo.snapshot.isIgnored(`${would}.py`) || repo.snapshot.isIgnored(`${would}/`)) return;
    const parts = imp.module ? imp.module.split('.') : [];
    const upTo = '.'.repeat(imp.level) + parts.slice(0, r.depth + 1).join('.');
    let message: string;
    if (r.notPackage && r.parent) message = `No module named '${upTo}': ${locWhere(r.parent)} is a module, not a package`;
    else {
      message = `No module named '${upTo}': ${r.parentDir || '.'}/ has no ${r.part}.py or ${r.part}/`;
      if (r.hint) message += `; the file is ${r.hint.path} (module ${r.hint.name}): module names are case-sensitive`;
    }
    push(RULE_IMPORT, { ...at, message, related: r.parent ? [{ path: locWhere(r.parent), line: 1, note: `package ${r.parent.name}` }] : undefined });
    return;
  }
  if (r.kind === 'found') {
    for (const n of imp.names) {
      if (repo.assignedAttrs.has(n.name)) continue;
      const verdicts = r.locs.map((l) => repo.moduleHas(l, n.name));
      if (!verdicts.every((v) => v === 'no')) continue;
      if (r.climbedOut) {
        push(RULE_IMPORT, { ...at, message: `attempted relative import beyond top-level package: '${display(imp)}' leaves the package of ${path}, and ${n.name} is not there either` });
        continue;
      }
      const loc = r.locs[0]!;
      const names = new Set<string>();
      for (const l of r.locs) for (const x of repo.moduleNames(l)) names.add(x);
      const hint = closest(n.name, names, 0.6);
      push(RULE_IMPORT, {
        ...at,
        message: `cannot import name '${n.name}' from '${display(imp)}' (${locWhere(loc)})${hint ? `; did you mean ${hint}?` : ''}`,
        related: [{ path: locWhere(loc), line: 1, note: `module ${display(imp)}` }],
      });
    }
    return;
  }
  // external: the standard library's names are known, for the Python and platform this code is written for.
  if (imp.level !== 0 || imp.conditional || imp.envGuarded || !repo.isStdlib(path, imp.module)) return;
  const m = repo.stdlib.module(imp.module);
  if (!m) {
    const parts = imp.module.split('.');
    for (let i = parts.length - 1; i >= 1; i--) {
      const parent = repo.stdlib.module(parts.slice(0, i).join('.'));
      if (!parent) continue;
      const part = parts[i]!;
      if (parent.dynamic || parent.stubOnly || parent.names.has(part)) return;
      const hint = closest(part, parent.names, 0.6);
      if (!reportableStdlibName(part)) return;
      push(RULE_STDLIB_NAME, { ...at, message: `No module named '${parts.slice(0, i + 1).join('.')}': the standard library's ${parent.name} has no ${part}${hint ? `; did you mean ${hint}?` : ''}` });
      return;
    }
    return;
  }
  if (m.dynamic || m.stubOnly) return;
  for (const n of imp.names) {
    if (m.names.has(n.name)) continue;
    const hint = closest(n.name, m.names, 0.6);
    if (!reportableStdlibName(n.name)) continue;
    push(RULE_STDLIB_NAME, {
      ...at,
      message: `cannot import name '${n.name}' from '${imp.module}': not in the standard library (Python ${repo.stdlib.python} and typeshed)${hint ? `; did you mean ${hint}?` : ''}`,
    });
  }
}

/** Private names (C accelerators, implementation details) change between versions and builds: never reported. */
function reportableStdlibName(name: string): boolean {
  return !name.startsWith('_');
}

// ------------------------------------------------------------------ calls

/** The receiver `X(...)` (an instance of the class X names) or a literal (`[]`, `""`) is, with how a message writes it. */
function instanceOrLiteral(repo: PyRepo, path: string, scope: PyCall['scope'], onCall: PyCall['onCall'], literal: PyCall['literal']): { v: Value; recvText: string } | null {
  if (onCall) {
    const c = repo.pathValue(path, scope, onCall);
    return c.kind === 'class' ? { v: { kind: 'instance', cls: c.cls, open: false }, recvText: `${onCall.join('.')}(…)` } : null;
  }
  if (literal) return { v: { kind: 'builtin', type: literal }, recvText: `${literal} literal` };
  return null;
}

function checkCall(repo: PyRepo, path: string, call: PyCall, push: (rule: string, f: RawFinding) => void): void {
  const name = call.name;
  if (!name || name.startsWith('__')) return;
  if ([...call.caught].some((c) => ATTR_GUARDS.includes(c))) return;
  const file = repo.files.get(path)!;
  if (file.facts.reflectedNames.has(name)) return;
  let v: Value;
  let recvText: string;
  if (call.path && call.path.length >= 2) {
    v = repo.pathValue(path, call.scope, call.path.slice(0, -1));
    recvText = call.path.slice(0, -1).join('.');
  } else if (call.onCall && builtinCallee(file, call.scope, call.onCall, 'super')) {
    checkSuper(repo, path, call.scope, call.inner, name, 'method', { path, line: call.line, endLine: call.line }, push);
    return;
  } else {
    const r = instanceOrLiteral(repo, path, call.scope, call.onCall, call.literal);
    if (!r) return;
    ({ v, recvText } = r);
  }
  const at = { path, line: call.line, endLine: call.line };
  switch (v.kind) {
    case 'builtin':
      if (call.branches.some((b) => TYPE_QUESTION.test(b.conditions))) return;
      checkBuiltin(repo, v.type, name, `${recvText}.${name}()`, at, RULE_MISSING_METHOD, push);
      return;
    case 'instance':
    case 'class':
      checkMember(repo, v.cls, v.kind === 'class', v.open, name, recvText, at, push);
      return;
    case 'module': {
      if (repo.assignedAttrs.has(name)) return;
      if (!v.locs.every((l) => repo.moduleHas(l, name) === 'no')) return;
      const loc = v.locs[0]!;
      const names = new Set<string>();
      for (const l of v.locs) for (const x of repo.moduleNames(l)) names.add(x);
      const hint = closest(name, names, 0.6);
      push(RULE_MODULE_ATTR, {
        ...at,
        message: `${recvText}.${name}(): module ${loc.files.length ? repo.moduleNameOf(loc.files[0]!) : loc.name} (${locWhere(loc)}) has no attribute ${name}${hint ? `; did you mean ${hint}?` : ''}`,
        related: [{ path: locWhere(loc), line: 1, note: `module ${loc.name}` }],
      });
      return;
    }
    case 'stdlib': {
      if (call.envGuarded) return;
      const m = repo.stdlib.module(v.module);
      if (!m || m.dynamic || m.stubOnly || m.names.has(name)) return;
      const hint = closest(name, m.names, 0.6);
      if (!reportableStdlibName(name)) return;
      push(RULE_STDLIB_NAME, {
        ...at,
        message: `${recvText}.${name}(): the standard library's ${v.module} has no attribute ${name} (Python ${repo.stdlib.python} and typeshed)${hint ? `; did you mean ${hint}?` : ''}`,
      });
      return;
    }
    default:
      return;
  }
}

/** `x.name` where x is a value of a builtin type known from its literal. */
function checkBuiltin(repo: PyRepo, type: string, name: string, shown: string, at: { path: string; line: number; endLine: number }, rule: string, push: (rule: string, f: RawFinding) => void): void {
  const members = repo.stdlib.classMembers(type);
  if (!members || members.has(name) || NEWER_BUILTIN_MEMBERS[type]?.includes(name) || name.startsWith('__')) return;
  const hint = closest(name, [...members].filter((m) => !m.startsWith('_')), 0.5);
  push(rule, { ...at, message: `${shown}: ${type} has no attribute ${name}${hint ? `; did you mean ${hint}?` : ''}` });
}

/** How close (difflib ratio) a missing name must be to an existing one to be read as a misspelling of it. */
const TYPO_SIMILARITY = 0.85;

/** Attributes that classes have and their instances do not (a read of `self.__name__` raises). */
const INSTANCE_LESS = new Set(['__name__', '__qualname__', '__mro__', '__bases__']);

/** `name(...)` where name is the builtin of that name (no binding in reach shadows it). */
function builtinCallee(file: PyFile, scope: number, callee: string[], builtin: string): boolean {
  return callee.length === 1 && callee[0] === builtin && lookupName(file.facts.scopes, scope, builtin) === null;
}

/** `super().name`: reported when no base of the method's class has the name. */
function checkSuper(
  repo: PyRepo,
  path: string,
  scope: number,
  args: PyInnerArg[] | null,
  name: string,
  what: 'method' | 'attribute',
  at: { path: string; line: number; endLine: number },
  push: (rule: string, f: RawFinding) => void,
): void {
  if (name.startsWith('__') || !args || repo.assignedAttrs.has(name)) return;
  const s = repo.superMembers(path, scope, args);
  if (!s || s.members.has(name)) return;
  const cls = repo.classOf(s.cls);
  const shown = what === 'method' ? `super().${name}()` : `super().${name}`;
  push(what === 'method' ? RULE_MISSING_METHOD : RULE_MISSING_ATTRIBUTE, {
    ...at,
    message: `${shown}: no base of ${cls.name} (${s.cls.file}:${cls.line}) defines ${what === 'method' ? 'a method' : 'an attribute'} ${name}`,
    related: [{ path: s.cls.file, line: cls.line, note: `class ${cls.name}` }],
  });
}

/** Attribute reads (not calls): the same resolution as calls, reported as missing attributes. */
function checkRead(repo: PyRepo, path: string, read: PyAttrRead, push: (rule: string, f: RawFinding) => void): void {
  const name = read.name;
  if (name.startsWith('__') && name.endsWith('__') && !INSTANCE_LESS.has(name)) return;
  if ([...read.caught].some((c) => ATTR_GUARDS.includes(c))) return;
  if (read.conditions.some((c) => TYPE_QUESTION.test(c))) return;
  const file = repo.files.get(path)!;
  if (file.facts.reflectedNames.has(name)) return;
  let v: Value;
  let recvText: string;
  if (read.object) {
    v = repo.pathValue(path, read.scope, read.object);
    recvText = read.object.join('.');
  } else if (read.onCall && builtinCallee(file, read.scope, read.onCall, 'super')) {
    checkSuper(repo, path, read.scope, read.inner, name, 'attribute', { path, line: read.line, endLine: read.line }, push);
    return;
  } else if (read.onCall && builtinCallee(file, read.scope, read.onCall, 'type') && read.inner?.length === 1) {
    // type(X(...)).name / type({}).name: an attribute of the class itself.
    const arg = read.inner[0]!;
    const at = { path, line: read.line, endLine: read.line };
    if (arg.literal) {
      const members = repo.stdlib.classMembers(arg.literal);
      if (!members || members.has(name) || repo.stdlib.classMembers('type')?.has(name) || NEWER_BUILTIN_MEMBERS[arg.literal]?.includes(name)) return;
      push(RULE_MISSING_ATTRIBUTE, { ...at, message: `type(${arg.text}).${name}: class ${arg.literal} has no attribute ${name}` });
      return;
    }
    if (!arg.callee) return;
    const c = repo.pathValue(path, read.scope, arg.callee);
    if (c.kind !== 'class') return;
    checkMember(repo, c.cls, true, false, name, `type(${arg.text})`, at, push, 'attribute');
    return;
  } else {
    const r = instanceOrLiteral(repo, path, read.scope, read.onCall, read.literal);
    if (!r) return;
    ({ v, recvText } = r);
  }
  const at = { path, line: read.line, endLine: read.line };
  // functools.update_wrapper / wraps copy __name__ and friends onto the object they are given.
  if (INSTANCE_LESS.has(name) && (v.kind !== 'instance' || file.facts.calls.some((c) => c.name === 'update_wrapper' || c.name === 'wraps'))) return;
  switch (v.kind) {
    case 'instance':
    case 'class':
      checkMember(repo, v.cls, v.kind === 'class', v.open, name, recvText, at, push, 'attribute');
      return;
    case 'builtin':
      checkBuiltin(repo, v.type, name, `${recvText}.${name}`, at, RULE_MISSING_ATTRIBUTE, push);
      return;
    case 'module': {
      if (repo.assignedAttrs.has(name)) return;
      if (!v.locs.every((l) => repo.moduleHas(l, name) === 'no')) return;
      const loc = v.locs[0]!;
      const names = new Set<string>();
      for (const l of v.locs) for (const x of repo.moduleNames(l)) names.add(x);
      const hint = closest(name, names, 0.6);
      push(RULE_MODULE_ATTR, {
        ...at,
        message: `${recvText}.${name}: module ${loc.files.length ? repo.moduleNameOf(loc.files[0]!) : loc.name} (${locWhere(loc)}) has no attribute ${name}${hint ? `; did you mean ${hint}?` : ''}`,
        related: [{ path: locWhere(loc), line: 1, note: `module ${loc.name}` }],
      });
      return;
    }
    case 'stdlib': {
      if (read.envGuarded) return;
      const m = repo.stdlib.module(v.module);
      if (!m || m.dynamic || m.stubOnly || m.names.has(name) || !reportableStdlibName(name)) return;
      const hint = closest(name, m.names, 0.6);
      push(RULE_STDLIB_NAME, {
        ...at,
        message: `${recvText}.${name}: the standard library's ${v.module} has no attribute ${name} (Python ${repo.stdlib.python} and typeshed)${hint ? `; did you mean ${hint}?` : ''}`,
      });
      return;
    }
    default:
      return;
  }
}

function checkMember(
  repo: PyRepo,
  ref: ClassRef,
  onClass: boolean,
  open: boolean,
  name: string,
  recvText: string,
  at: { path: string; line: number; endLine: number },
  push: (rule: string, f: RawFinding) => void,
  what: 'method' | 'attribute' = 'method',
): void {
  const info = repo.classInfo(ref);
  if (!info.known || info.members.has(name) || repo.assignedAttrs.has(name)) return;
  if (info.isEnum && name.startsWith('_')) return;
  // Attributes of the metaclass are reachable from the class object.
  if (onClass && repo.stdlib.classMembers('type')?.has(name)) return;
  if (onClass && info.abcMeta && repo.stdlib.classMembers('abc.ABCMeta')?.has(name)) return;
  const cls = repo.classOf(ref);
  // A mixin is written to be combined with classes that supply the rest (pylint's mixin-class-rgx, `.*[Mm]ixin`).
  if (/mixin$/i.test(cls.name)) return;
  // An enum with members cannot be subclassed: `self` in it is one of its members.
  const sealed = info.isEnum && [...repo.files.get(ref.file)!.facts.scopes[cls.scope]!.bindings.values()].some((bs) => bs.some((b) => b.kind === 'assign'));
  if (open && !sealed) {
    // `self.x()`: x may come from a subclass; the class may be a template that is only ever subclassed.
    const subs = repo.subclasses(ref);
    for (const s of subs) {
      const si = repo.classInfo(s);
      if (!si.known || si.members.has(name)) return;
    }
    // A class nobody here instantiates may be a template for subclasses elsewhere; a near-miss of one of its own names is still a slip.
    const typo = closest(name, [...info.members].filter((m) => !/^__.*__$/.test(m)), TYPO_SIMILARITY);
    if (!INSTANCE_LESS.has(name) && !typo && ![ref, ...subs].some((r) => repo.isCalled(r))) return;
    if (/Mixin$|^Abstract|^Base[A-Z]/.test(cls.name)) return;
  }
  const candidates = [...info.members].filter((m) => !/^__.*__$/.test(m));
  const methods = [...info.methods].filter((m) => !/^__.*__$/.test(m));
  // A called name most likely meant another method; attributes are the fallback.
  const hint = closest(name, methods, 0.5) ?? closest(name, candidates, 0.6);
  const shown = what === 'method' ? `${recvText}.${name}()` : `${recvText}.${name}`;
  let message = `${shown}: ${cls.name} (${ref.file}:${cls.line}) has no ${what} ${name}`;
  if (hint) message += `; did you mean ${hint}?`;
  else {
    const own = methods.filter((m) => !m.startsWith('_')).sort();
    if (own.length > 0 && own.length <= 6) message += `; its methods are ${own.join(', ')}`;
  }
  const related = [{ path: ref.file, line: cls.line, note: `class ${cls.name}` }];
  const w = hint ? info.where.get(hint) : undefined;
  if (hint && w) related.push({ path: w.file, line: w.line, note: `${hint} is defined here` });
  push(what === 'method' ? RULE_MISSING_METHOD : RULE_MISSING_ATTRIBUTE, { ...at, message, related });
}
