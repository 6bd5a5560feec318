/**
 * Versions as reports state them against versions as manifests declare them.
 * A stated version may be partial (`1.6`, `v1.9`): it matches an exact
 * version whose leading components are the same (`1.6.8`, `v1.9.1`). A
 * declared range (npm `^1.2.0`, `~1.2`, `>=1 <2`, `1.x`, `a || b`; PEP 440
 * `>=2,<3`, `~=1.4`, `==1.*`; Poetry `^1.2`) admits a stated version when the
 * stated version, padded with zeros, satisfies every comparator of one of
 * its alternatives.
 */

/** Numeric components of a version (`v1.9.1-rc1` → [1, 9, 1]), or null when it has none. */
export function versionParts(v: string): number[] | null {
  const m = /^\s*[=v]*\s*(\d+(?:\.\d+)*)/.exec(v.trim().replace(/^v/i, ''));
  if (!m) return null;
  return m[1]!.split('.').map(Number);
}

/** A stated (possibly partial) version matches an exact one: same leading components. */
export function versionMatches(stated: string, actual: string): boolean {
  const s = versionParts(stated);
  const a = versionParts(actual);
  if (!s || !a || s.length > a.length + 1) return false;
  return s.every((n, i) => (a[i] ?? 0) === n);
}

function compare(a: number[], b: number[]): number {
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const d = (a[i] ?? 0) - (b[i] ?? 0);
    if (d) return d;
  }
  return 0;
}

type Comparator = { op: '>=' | '>' | '<=' | '<' | '==' | '!='; v: number[]; wildcard?: number };

/** One alternative's comparators, or null when the text is not a range this reader knows. */
function comparators(part: string): Comparator[] | null {
  const out: Comparator[] = [];
  const t = part.trim();
  if (t === '' || t === '*' || t === 'latest' || t === 'x') return out;
  const hyphen = /^(\S+)\s+-\s+(\S+)$/.exec(t);
  if (hyphen) {
    const a = versionParts(hyphen[1]!);
    const b = versionParts(hyphen[2]!);
    return a && b ? [{ op: '>=', v: a }, { op: '<=', v: b }] : null;
  }
  for (const tok of t.split(/\s*,\s*|\s+(?=[<>=!~^])/).filter(Boolean)) {
    const m = /^(\^|~=|~|>=|<=|>|<|===|==|!=|=)?\s*v?([\d.]+(?:\.[x*])?|[x*])(?:[-+][\w.]*)?$/i.exec(tok.trim());
    if (!m) return null;
    const op = m[1] ?? '';
    const raw = m[2]!;
    const wild = /(?:^|\.)[x*]$/i.test(raw);
    const v = raw.replace(/\.?[x*]$/i, '').split('.').filter(Boolean).map(Number);
    if (wild || (!op && v.length < 3 && !/^\d+\.\d+\.\d+$/.test(raw) && op !== '==')) {
      // `1.2.x`, `1.*`, `==1.*`, npm's bare `1.2` (= 1.2.x).
      if (!v.length) continue;
      if (op === '!=') {
        out.push({ op: '!=', v, wildcard: v.length });
        continue;
      }
      const upper = [...v.slice(0, -1), v[v.length - 1]! + 1];
      out.push({ op: '>=', v }, { op: '<', v: upper });
      continue;
    }
    if (op === '^') {
      const i = v.findIndex((n) => n !== 0);
      const at = i < 0 ? v.length - 1 : i;
      out.push({ op: '>=', v }, { op: '<', v: [...v.slice(0, at), v[at]! + 1] });
    } else if (op === '~') {
      const at = v.length >= 2 ? 1 : 0;
      out.push({ op: '>=', v }, { op: '<', v: [...v.slice(0, at), v[at]! + 1] });
    } else if (op === '~=') {
      if (v.length < 2) return null;
      out.push({ op: '>=', v }, { op: '<', v: [...v.slice(0, -2), v[v.length - 2]! + 1] });
    } else if (op === '' || op === '=' || op === '==' || op === '===') out.push({ op: '==', v });
    else out.push({ op: op as Comparator['op'], v });
  }
  return out;
}

function holds(c: Comparator, v: number[]): boolean {
  if (c.wildcard) return !c.v.every((n, i) => v[i] === n);
  const d = compare(v, c.v);
  switch (c.op) {
    case '>=':
      return d >= 0;
    case '>':
      return d > 0;
    case '<=':
      return d <= 0;
    case '<':
      return d < 0;
    case '==':
      return d === 0;
    case '!=':
      return d !== 0;
  }
}

/** Whether a declared spec admits a stated version: true, false, or null when the spec cannot be read. */
export function specAdmits(spec: string, stated: string): boolean | null {
  const v = versionParts(stated);
  if (!v) return null;
  let readable = false;
  for (const alt of spec.split('||')) {
    const cs = comparators(alt);
    if (!cs) continue;
    readable = true;
    if (cs.every((c) => holds(c, v))) return true;
  }
  return readable ? false : null;
}

/** The exact version a spec pins (`==1.2.3`, `1.2.3`, `v1.2.3`), or null for a range. */
export function exactPin(spec: string): string | null {
  const m = /^\s*(?:===?|=)?\s*(v?\d+(?:\.\d+){1,3}(?:[-+][\w.]+)?)\s*$/.exec(spec);
  return m ? m[1]! : null;
}

/** The lowest version a range starts from (`^1.6.0` → 1.6.0, `>=2,<3` → 2), or null. */
export function lowerBound(spec: string): string | null {
  const m = /(?:\^|~=|~|>=|==|=|^)\s*v?(\d+(?:\.\d+)*)/.exec(spec.trim());
  return m ? m[1]! : null;
}
