/**
 * Small readers shared by the claim recognizers: what in a statement is a
 * path, a code symbol, a count with a unit. They read the statement's inline
 * code spans and words; the markdown structure is already parsed.
 */
import type { Statement } from './types.js';

const CODE_EXTENSIONS =
  'py|pyi|go|ts|tsx|js|jsx|mjs|cjs|json|ya?ml|md|txt|sh|bash|toml|ini|cfg|xml|html?|css|scss|sql|out|log|csv|mod|sum|lock|env|conf|proto|rs|java|kt|rb|php|c|h|cc|cpp|hpp|cs|swift|dockerfile|tf|lcov|info|jsonl|ipynb|svg|png|jpg|pdf';
const PATH_RE = new RegExp(`^(?:[A-Za-z]:)?[\\w./~@+-]*[\\w-]\\.(?:${CODE_EXTENSIONS})$|^(?:/|\\./|\\.\\./)?(?:[\\w.@+-]+/)+[\\w.@+-]*/?$`, 'i');
const BARE_PATH_IN_TEXT = new RegExp(`(?<![\\w/.:@-])((?:/|\\./)?(?:[\\w.@+-]+/)*[\\w@+-][\\w.@+-]*\\.(?:${CODE_EXTENSIONS}))(?::(\\d+)(?:-(\\d+))?)?(?![\\w/])`, 'gi');

/** A path as mentioned, with an optional line range (`file.go:166-167`). */
export interface PathMention {
  path: string;
  line?: number;
  endLine?: number;
}

/** Splits `x.go:166-167` into path and lines. */
export function splitLineRef(raw: string): PathMention {
  const m = /^(.*?):(\d+)(?:-(\d+))?$/.exec(raw.trim());
  if (m && looksLikePath(m[1]!)) return { path: m[1]!, line: Number(m[2]), ...(m[3] ? { endLine: Number(m[3]) } : {}) };
  return { path: raw.trim() };
}

/**
 * A first segment that is a host name followed by a path: dot-separated labels ending in a top-level domain (the
 * generic ones and the country codes module paths and service hosts use) — `github.com/x/y`, `k8s.io/api`. Some of
 * those endings are also file extensions (`requirements.in`, `main.cc`, `run.pl`), so only a host with a path after
 * it reads as one, or a bare name ending in .com, .org or .net.
 */
const HOST_FIRST = /^(?:[a-z0-9][a-z0-9-]*\.)+(?:(?:com|org|net|io|dev|in|co|me|ai|app|cloud|gov|edu|info|biz|xyz|us|uk|de|fr|jp|cn|ru|eu|tv|ly|gg|cc|ca|au|nl|se|ch|es|it|pl|br|kr|tech|page|site|run|ws|dk|fi|no|at|be|cz|ie|nz|sg|tw|hk|id|vn|ua)(?::\d+)?\/|(?:com|org|net)(?::\d+)?$)/i;

/** True for things that read as file or directory paths, not URLs, hosts or versions. */
export function looksLikePath(s: string): boolean {
  const t = s.trim();
  if (!t || t.length > 300 || /\s/.test(t)) return false;
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(t)) return false; // URL
  if (/^\d+(\.\d+)+$/.test(t)) return false; // version
  // `github.com/spf13/cobra`, `golang.org/x/net`, `k8s.io/client-go`, `api.example.com`: a host or a module path, not a file.
  if (HOST_FIRST.test(t)) return false;
  if (!/[A-Za-z]/.test(t)) return false;
  if (/^[\w-]+\/[\w-]+$/.test(t) && !t.includes('.')) {
    // `a/b` without extension: a directory or a ratio-like token (`and/or`, `CI/CD`). Accept only lower-case code-ish dirs.
    return /^[a-z0-9_.-]+\/[a-z0-9_.-]+$/.test(t) && !/^(and|or)\/|\/(and|or)$/.test(t);
  }
  return PATH_RE.test(t);
}

const mentionCache = new WeakMap<Statement, PathMention[]>();

/**
 * Paths mentioned in a statement: inline code that is a path, then bare
 * tokens with a code extension. Cached per statement: section-scoped kinds ask
 * for the same statements' paths once per claim.
 */
export function pathMentions(st: Statement): PathMention[] {
  let hit = mentionCache.get(st);
  if (!hit) {
    hit = computePathMentions(st);
    mentionCache.set(st, hit);
  }
  return hit.map((m) => ({ ...m }));
}

function computePathMentions(st: Statement): PathMention[] {
  const out: PathMention[] = [];
  const seen = new Set<string>();
  const add = (m: PathMention) => {
    const key = `${m.path}:${m.line ?? ''}`;
    if (!seen.has(key)) {
      seen.add(key);
      out.push(m);
    }
  };
  for (const c of st.code) {
    const m = splitLineRef(c.replace(/^["']|["']$/g, ''));
    if (looksLikePath(m.path)) add(m);
  }
  const withoutCode = st.text.replace(/`[^`]*`/g, ' ');
  for (const m of withoutCode.matchAll(BARE_PATH_IN_TEXT)) {
    const p = m[1]!;
    if (!looksLikePath(p) || /^\d/.test(p)) continue;
    add({ path: p, ...(m[2] ? { line: Number(m[2]) } : {}), ...(m[3] ? { endLine: Number(m[3]) } : {}) });
  }
  return out;
}

/** An identifier-like code span: `Name`, `name()`, `Class.method()`, `pkg.Func`. */
export function symbolMention(code: string): { name: string; qualifier: string | null; isCall: boolean } | null {
  const m = /^([A-Za-z_][\w]*(?:\.[A-Za-z_][\w]*)*)(\(\s*(?:[\w\s,.=*'"]*)\))?$/.exec(code.trim());
  if (!m) return null;
  const full = m[1]!;
  const dot = full.lastIndexOf('.');
  return { name: full.slice(dot + 1), qualifier: dot > 0 ? full.slice(0, dot) : null, isCall: !!m[2] };
}

/** A number as reports write it: `1,068`, `~70`, `600+`, `>90`. */
export interface Quantity {
  value: number;
  /** How the number is qualified. */
  bound: 'exact' | 'approx' | 'at-least' | 'at-most' | 'more-than' | 'less-than';
  raw: string;
}

export function parseQuantity(raw: string): Quantity | null {
  const m = /^(~|≈|about\s+|approx\.?\s+|approximately\s+|around\s+|over\s+|more than\s+|at least\s+|under\s+|less than\s+|nearly\s+|almost\s+|>=?|<=?|≥|≤)?\s*(\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)(\+)?$/i.exec(raw.trim());
  if (!m) return null;
  const value = Number(m[2]!.replace(/,/g, ''));
  const q = (m[1] ?? '').trim().toLowerCase();
  let bound: Quantity['bound'] = 'exact';
  if (m[3] || q === 'at least' || q === '>=' || q === '≥') bound = 'at-least';
  else if (q === 'over' || q === 'more than' || q === '>') bound = 'more-than';
  else if (q === 'under' || q === 'less than' || q === '<') bound = 'less-than';
  else if (q === '<=' || q === '≤') bound = 'at-most';
  else if (q) bound = 'approx';
  return { value, bound, raw: raw.trim() };
}

/** Whether a measured value satisfies a quantity; approximate means within 10%. */
export function satisfies(q: Quantity, actual: number): boolean {
  switch (q.bound) {
    case 'exact':
      return actual === q.value;
    case 'approx':
      return Math.abs(actual - q.value) <= Math.max(1, q.value * 0.1);
    case 'at-least':
      return actual >= q.value;
    case 'more-than':
      return actual > q.value;
    case 'at-most':
      return actual <= q.value;
    case 'less-than':
      return actual < q.value;
  }
}

const QTY = String.raw`((?:~|≈|about\s+|approx\.?\s+|approximately\s+|around\s+|over\s+|more than\s+|at least\s+|under\s+|less than\s+|nearly\s+|almost\s+|>=?|<=?|≥|≤)?\s*(?:\d{1,3}(?:,\d{3})+|\d+)\+?)`;

/** Every `<number> <unit>` in a text, where unit matches `units` (a regex alternation). */
export function countsOf(text: string, units: string): { quantity: Quantity; unit: string; index: number; match: string }[] {
  const re = new RegExp(`(?<![\\w.,/:-])${QTY}\\s+(?:[a-z-]+\\s+)?(${units})\\b`, 'gi');
  const out: { quantity: Quantity; unit: string; index: number; match: string }[] = [];
  for (const m of text.matchAll(re)) {
    const q = parseQuantity(m[1]!);
    if (q) out.push({ quantity: q, unit: m[2]!.toLowerCase(), index: m.index!, match: m[0].trim() });
  }
  return out;
}
