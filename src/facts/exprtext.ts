/**
 * Small readers of expression texts the source models keep (a call's
 * argument, a decorator, a receiver chain): string literals, top-level
 * splits that respect brackets and quotes. They read one expression the
 * parser already delimited, never a whole file.
 */

/** The value of a single string literal (`"x"`, `'x'`, `` `x` `` without substitutions, Python r/b prefixes), or null. */
export function stringLiteral(text: string | undefined): string | null {
  if (text === undefined) return null;
  const t = text.trim();
  const m = /^[rRbBuU]{0,2}(["'`])([\s\S]*)\1$/.exec(t);
  if (!m) return null;
  const body = m[2]!;
  if (m[1] === '`' && body.includes('${')) return null;
  // One literal, not `"a" + "b"` or `"a", "b"`.
  if (new RegExp(`(?<!\\\\)${m[1] === '`' ? '`' : m[1]}`).test(body)) return null;
  return body.replace(/\\(["'`\\])/g, '$1');
}

/** Splits at `sep` outside brackets and string literals. */
export function splitTopLevel(text: string, sep: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let quote: string | null = null;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quote) {
      if (c === '\\') i++;
      else if (c === quote) quote = null;
      continue;
    }
    if (c === '"' || c === "'" || c === '`') quote = c;
    else if (c === '(' || c === '[' || c === '{') depth++;
    else if (c === ')' || c === ']' || c === '}') depth--;
    else if (depth === 0 && text.startsWith(sep, i)) {
      out.push(text.slice(start, i).trim());
      start = i + sep.length;
    }
  }
  out.push(text.slice(start).trim());
  return out.filter((s) => s !== '');
}

/** `name(args)` → { name, args } (args split at top-level commas); null when the text is not one call. */
export function callParts(text: string): { name: string; args: string[] } | null {
  const t = text.trim();
  const open = t.indexOf('(');
  if (open <= 0 || !t.endsWith(')')) return null;
  const name = t.slice(0, open).trim();
  if (!/^[\w.$]+$/.test(name)) return null;
  // The first `(` must close at the very end: `a(b)(c)` and `a(b).c()` are not one call.
  if (closingParen(t, open) !== t.length - 1) return null;
  return { name, args: splitTopLevel(t.slice(open + 1, -1), ',') };
}

/** Index of the bracket that closes the one at `open`, or -1. */
export function closingParen(text: string, open: number): number {
  let depth = 0;
  let quote: string | null = null;
  for (let i = open; i < text.length; i++) {
    const c = text[i]!;
    if (quote) {
      if (c === '\\') i++;
      else if (c === quote) quote = null;
      continue;
    }
    if (c === '"' || c === "'" || c === '`') quote = c;
    else if (c === '(' || c === '[' || c === '{') depth++;
    else if (c === ')' || c === ']' || c === '}') {
      depth--;
      if (depth === 0) return i;
    }
  }
  return -1;
}

/** A keyword argument's value (`methods=[…]`, `prefix="/x"`), or null. */
export function keywordArg(args: readonly string[], keyword: string): string | null {
  for (const a of args) {
    const m = new RegExp(`^${keyword}\\s*=\\s*([\\s\\S]+)$`).exec(a);
    if (m && !m[1]!.startsWith('=')) return m[1]!.trim();
  }
  return null;
}

/** Positional arguments (no `k=v`). */
export function positional(args: readonly string[]): string[] {
  return args.filter((a) => !/^[A-Za-z_]\w*\s*=(?!=)/.test(a));
}

/** The string literals of a list literal `["GET", 'POST']`. */
export function stringList(text: string | null): string[] {
  if (!text) return [];
  const t = text.trim().replace(/^[[(]|[\])]$/g, '');
  return splitTopLevel(t, ',').map(stringLiteral).filter((s): s is string => s !== null);
}

/** The elements of a list literal as texts. */
export function listItems(text: string | null): string[] {
  if (!text) return [];
  const t = text.trim();
  if (!/^[[(][\s\S]*[\])]$/.test(t)) return [];
  return splitTopLevel(t.slice(1, -1), ',');
}

/** True when the text is a function literal (Go `func(…) {…}`, JS arrow or function expression, Python lambda). */
export function isFunctionLiteral(text: string): boolean {
  const t = text.trim();
  return /^func\s*\(/.test(t) || /^(?:async\s+)?function\b/.test(t) || /^(?:async\s+)?(?:\([^)]*\)|[A-Za-z_$][\w$]*)\s*(?::[^=]+)?=>/.test(t) || /^lambda\b/.test(t);
}

/** Joins route prefixes without doubling or losing the slash between them. */
export function joinRoute(prefix: string, path: string): string {
  if (!prefix) return path;
  if (!path) return prefix;
  return prefix.replace(/\/+$/, '') + '/' + path.replace(/^\/+/, '');
}
