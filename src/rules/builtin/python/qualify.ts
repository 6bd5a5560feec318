/**
 * Qualified names of called things inside one file, through its imports:
 * `fetch(...)` after `from requests import get as fetch` is `requests.get`;
 * `s.get(...)` after `s = requests.Session()` (or `with requests.Session() as
 * s`, or `self.s = requests.Session()` as the class's only store of `s`) is
 * the method `get` of an instance of `requests.Session`. Anything bound more
 * than once, or in a way that is not plain, is left unresolved.
 */
import { lookupName, selfClass, type PyCall, type PyFacts } from './facts.js';

export type Callee =
  /** A module-level function or class by its qualified name (`requests.get`). */
  | { kind: 'name'; q: string }
  /** A method of an instance of `cls`; `key` names the variable or `self.x` that holds it, `scope` where it is bound. */
  | { kind: 'method'; cls: string; method: string; key: string; scope: number };

/** Canonical names for re-exports, so rules list each function once. */
const CANONICAL: [RegExp, string][] = [
  [/^requests\.api\./, 'requests.'],
  [/^requests\.sessions\.Session$/, 'requests.Session'],
  [/^requests\.sessions\.session$/, 'requests.session'],
  [/^redis\.client\.(Strict)?Redis/, 'redis.$1Redis'],
  [/^redis\.asyncio\.client\.(Strict)?Redis/, 'redis.asyncio.$1Redis'],
  [/^kubernetes\.client\.api\.[a-z0-9_]+\.(\w+Api)$/, 'kubernetes.client.$1'],
  [/^kubernetes\.client\.apis\.[a-z0-9_]+\.(\w+Api)$/, 'kubernetes.client.$1'],
  [/^kubernetes\.client\.configuration\.Configuration$/, 'kubernetes.client.Configuration'],
  [/^httpx\._api\./, 'httpx.'],
  [/^httpx\._client\./, 'httpx.'],
];

/** Functions whose result is an instance of a class (`requests.session()` returns a Session). */
const FACTORIES: Record<string, string> = {
  'requests.session': 'requests.Session',
  'redis.from_url': 'redis.Redis',
  'redis.Redis.from_url': 'redis.Redis',
  'redis.StrictRedis.from_url': 'redis.StrictRedis',
};

export function canonical(q: string): string {
  for (const [re, to] of CANONICAL) if (re.test(q)) return q.replace(re, to);
  return q;
}

/** Qualified name of a dotted path read in `scope`, or null (local, builtin, bound several times, relative import). */
export function qualifyPath(facts: PyFacts, scope: number, path: string[], depth = 0): string | null {
  if (depth > 6 || path.length === 0) return null;
  const hit = lookupName(facts.scopes, scope, path[0]!);
  if (!hit || hit.bindings.length !== 1) return null;
  const b = hit.bindings[0]!;
  let base: string | null = null;
  if (b.kind === 'import' && b.importIndex !== undefined) {
    const imp = facts.imports[b.importIndex]!;
    if (imp.level > 0 || imp.star) return null;
    if (imp.names.length === 0) base = imp.alias ? imp.module : imp.module.split('.')[0]!;
    else {
      const entry = imp.names.find((n) => (n.alias ?? n.name) === path[0]);
      if (!entry) return null;
      base = `${imp.module}.${entry.name}`;
    }
  } else if (b.kind === 'assign' && b.alias && !b.viaWith) {
    base = qualifyPath(facts, hit.scope, b.alias, depth + 1);
  }
  if (!base) return null;
  return canonical([base, ...path.slice(1)].join('.'));
}

/** The class of the instance a name or `self.x` holds, when it was built by a call of a qualified class. */
function instanceClass(facts: PyFacts, scope: number, recv: string[]): { cls: string; key: string; scope: number } | null {
  if (recv.length === 1) {
    const hit = lookupName(facts.scopes, scope, recv[0]!);
    if (!hit || hit.bindings.length !== 1) return null;
    const b = hit.bindings[0]!;
    if (b.kind !== 'assign' || !b.callee) return null;
    const q = qualifyPath(facts, hit.scope, b.callee);
    if (!q) return null;
    return { cls: FACTORIES[q] ?? q, key: recv[0]!, scope: hit.scope };
  }
  if (recv.length === 2) {
    const cls = selfClass(facts.scopes, scope, recv[0]!);
    if (cls < 0) return null;
    const stores = facts.attrStores.filter((s) => s.attr === recv[1]);
    if (stores.length !== 1) return null;
    const s = stores[0]!;
    if (!s.callee || s.object?.length !== 1 || selfClass(facts.scopes, s.scope, s.object[0]!) !== cls) return null;
    const q = qualifyPath(facts, s.scope, s.callee);
    if (!q) return null;
    return { cls: FACTORIES[q] ?? q, key: `${recv[0]}.${recv[1]}`, scope: facts.classes[cls]!.scope };
  }
  return null;
}

/** What a call calls, as far as this file's imports and assignments say. */
export function resolveCallee(facts: PyFacts, call: PyCall): Callee | null {
  if (call.path) {
    const q = qualifyPath(facts, call.scope, call.path);
    if (q) return { kind: 'name', q };
    if (call.path.length >= 2) {
      const inst = instanceClass(facts, call.scope, call.path.slice(0, -1));
      if (inst) return { kind: 'method', cls: inst.cls, method: call.path[call.path.length - 1]!, key: inst.key, scope: inst.scope };
    }
    return null;
  }
  if (call.onCall && call.name) {
    const q = qualifyPath(facts, call.scope, call.onCall);
    if (q) return { kind: 'method', cls: FACTORIES[q] ?? q, method: call.name, key: '', scope: call.scope };
  }
  return null;
}

/** Calls of `key.method(...)` in the file (`s.mount(...)`, `self.sock.settimeout(...)`). */
export function callsOn(facts: PyFacts, key: string, method: string): PyCall[] {
  const parts = key.split('.');
  return facts.calls.filter((c) => c.path && c.path.length === parts.length + 1 && c.path[parts.length] === method && parts.every((p, i) => c.path![i] === p));
}

/** True when the file calls a function by this qualified name anywhere. */
export function callsQualified(facts: PyFacts, q: string): boolean {
  return facts.calls.some((c) => c.path && c.path[c.path.length - 1] === q.slice(q.lastIndexOf('.') + 1) && qualifyPath(facts, c.scope, c.path) === q);
}
