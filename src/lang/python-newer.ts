/**
 * Python syntax newer than the tree-sitter-python grammar (0.25, the newest
 * on npm), and starred forms that grammar misses, made parseable without
 * moving a single offset.
 *
 * tree-sitter-python reports an ERROR for valid code in these places:
 * - PEP 696 (3.13) type parameter defaults: `type A[T = int] = …`,
 *   `def f[*Ts = *tuple[int]]()`, `class C[**P = [int]]`;
 * - a starred item whose operand starts with a bracket, a literal, a sign or
 *   `await`, in an unparenthesized list after `=`, `return`, `yield`, `in`,
 *   in a subscript or in a `*args` annotation: `x = *[1], 2`,
 *   `data[*(a := b)]`, `def f(*args: *(A or B))`;
 * - PEP 810 (3.15) lazy imports: `lazy import os`, `lazy from a import b`;
 * - PEP 798 (3.15) unpacking in comprehensions: `[*x for x in xs]`,
 *   `{**d for d in ds}`.
 *
 * `blankNewerSyntax` rewrites each of them into code of the same length that
 * the grammar knows and that is valid exactly when the original is (a
 * default or a star is blanked out, `lazy import` becomes `import` and
 * spaces), so every node, line and column of the new tree is where it was.
 * Only the tokens of those constructs change; an error anywhere else stays
 * in the new tree. A star is only blanked where a star may stand (a list
 * with a comma, a subscript, a `*args` annotation), so `x = *(a)` stays an
 * error.
 */
import { parseTree, type TSTree } from './treesitter.js';

interface Token {
  kind: 'name' | 'op' | 'string' | 'number' | 'newline';
  start: number;
  end: number;
  text: string;
}

/** Python's hard keywords: a name token that is one of them does not end an operand. */
const KEYWORDS = new Set([
  'False', 'None', 'True', 'and', 'as', 'assert', 'async', 'await', 'break', 'class', 'continue', 'def', 'del', 'elif', 'else',
  'except', 'finally', 'for', 'from', 'global', 'if', 'import', 'in', 'is', 'lambda', 'nonlocal', 'not', 'or', 'pass', 'raise',
  'return', 'try', 'while', 'with', 'yield',
]);
const THREE = new Set(['**=', '//=', '>>=', '<<=', '...']);
const TWO = new Set(['**', '//', '>>', '<<', '<=', '>=', '==', '!=', '->', ':=', '+=', '-=', '*=', '/=', '%=', '&=', '|=', '^=', '@=']);
const ASSIGN_OPS = new Set(['=', '+=', '-=', '*=', '/=', '//=', '%=', '**=', '>>=', '<<=', '&=', '|=', '^=', '@=']);
const STRING_PREFIX = /^(?:[rRuUbBfFtT]|[rR][bBfFtT]|[bBfFtT][rR])$/;

/**
 * Python tokens with UTF-16 offsets. Strings are single tokens, PEP 701
 * f-strings included (quotes of the same kind nested in a replacement field,
 * comments and newlines there). Newline tokens mark logical line ends only.
 */
export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let depth = 0;
  let i = 0;
  const n = text.length;
  while (i < n) {
    const c = text[i]!;
    if (c === '#') {
      while (i < n && text[i] !== '\n') i++;
      continue;
    }
    if (c === '\\' && (text[i + 1] === '\n' || (text[i + 1] === '\r' && text[i + 2] === '\n'))) {
      i += text[i + 1] === '\n' ? 2 : 3;
      continue;
    }
    if (c === '\n') {
      if (depth === 0 && tokens.length > 0 && tokens[tokens.length - 1]!.kind !== 'newline') tokens.push({ kind: 'newline', start: i, end: i + 1, text: '\n' });
      i++;
      continue;
    }
    if (c === ' ' || c === '\t' || c === '\r' || c === '\f') {
      i++;
      continue;
    }
    const word = /^[\p{L}\p{Nl}_][\p{L}\p{Nl}\p{Mn}\p{Mc}\p{Nd}\p{Pc}]*/u.exec(text.slice(i, i + 256));
    if (word) {
      const w = word[0];
      const q = text[i + w.length];
      if ((q === '"' || q === "'") && STRING_PREFIX.test(w)) {
        const end = scanString(text, i + w.length, /[fFtT]/.test(w), /[rR]/.test(w));
        tokens.push({ kind: 'string', start: i, end, text: text.slice(i, end) });
        i = end;
        continue;
      }
      tokens.push({ kind: 'name', start: i, end: i + w.length, text: w });
      i += w.length;
      continue;
    }
    if (c === '"' || c === "'") {
      const end = scanString(text, i, false, false);
      tokens.push({ kind: 'string', start: i, end, text: text.slice(i, end) });
      i = end;
      continue;
    }
    if (/[0-9]/.test(c) || (c === '.' && /[0-9]/.test(text[i + 1] ?? ''))) {
      const num = /^(?:0[xXoObB][0-9a-fA-F_]+|[0-9_]*\.?[0-9_]*(?:[eE][+-]?[0-9_]+)?[jJ]?)/.exec(text.slice(i, i + 128))![0];
      const end = i + Math.max(1, num.length);
      tokens.push({ kind: 'number', start: i, end, text: text.slice(i, end) });
      i = end;
      continue;
    }
    const op = THREE.has(text.slice(i, i + 3)) ? text.slice(i, i + 3) : TWO.has(text.slice(i, i + 2)) ? text.slice(i, i + 2) : c;
    if (op === '(' || op === '[' || op === '{') depth++;
    else if ((op === ')' || op === ']' || op === '}') && depth > 0) depth--;
    tokens.push({ kind: 'op', start: i, end: i + op.length, text: op });
    i += op.length;
  }
  return tokens;
}

/** The end of the string literal whose opening quote is at `at`; an unterminated one ends at its line's end (one quote) or at the end of the text. */
function scanString(text: string, at: number, formatted: boolean, raw: boolean): number {
  const q = text[at]!;
  const quote = text.startsWith(q.repeat(3), at) ? q.repeat(3) : q;
  let i = at + quote.length;
  const n = text.length;
  while (i < n) {
    const c = text[i]!;
    if (c === '\\') {
      i += 2;
      continue;
    }
    if (text.startsWith(quote, i)) return i + quote.length;
    if (c === '\n' && quote.length === 1) return i;
    if (formatted && c === '{') {
      if (text[i + 1] === '{') {
        i += 2;
        continue;
      }
      i = scanField(text, i + 1, raw);
      continue;
    }
    i++;
  }
  return n;
}

/** The offset after the `}` that closes the replacement field whose expression starts at `at`. */
function scanField(text: string, at: number, raw: boolean): number {
  let depth = 0;
  let i = at;
  const n = text.length;
  while (i < n) {
    const c = text[i]!;
    if (c === '#') {
      while (i < n && text[i] !== '\n') i++;
      continue;
    }
    if (c === '"' || c === "'") {
      // A nested string: its prefix letters were already skipped as part of a name.
      let p = i;
      while (p > at && /[rRbBuUfFtT]/.test(text[p - 1]!)) p--;
      const prefix = text.slice(p, i);
      i = scanString(text, i, /[fFtT]/.test(prefix), raw || /[rR]/.test(prefix));
      continue;
    }
    if (c === '(' || c === '[' || c === '{') depth++;
    else if ((c === ')' || c === ']') && depth > 0) depth--;
    else if (c === '}') {
      if (depth === 0) return i + 1;
      depth--;
    } else if (depth === 0 && c === '!' && text[i + 1] !== '=') {
      // A conversion: `!r` and maybe a format spec after it.
      i += 2;
      continue;
    } else if (depth === 0 && c === ':') {
      return scanSpec(text, i + 1, raw);
    }
    i++;
  }
  return n;
}

/** A format spec is literal text with nested fields, up to the field's `}`. */
function scanSpec(text: string, at: number, raw: boolean): number {
  let i = at;
  const n = text.length;
  while (i < n) {
    const c = text[i]!;
    if (c === '}') return i + 1;
    if (c === '{') {
      i = scanField(text, i + 1, raw);
      continue;
    }
    // A backslash in a spec escapes the next character, a line break included.
    if (c === '\\') {
      i += 2;
      continue;
    }
    if (c === '\n') return i;
    i++;
  }
  return n;
}

/** Replaces text[start, end) with spaces, keeping line breaks. */
function blank(chars: string[], start: number, end: number): void {
  for (let i = start; i < end; i++) if (chars[i] !== '\n' && chars[i] !== '\r') chars[i] = ' ';
}

/** A token after which an expression cannot continue as an operand (so `[` or `(` after it opens a display). */
function endsOperand(t: Token | undefined): boolean {
  if (!t) return false;
  if (t.kind === 'name') return !KEYWORDS.has(t.text) || t.text === 'None' || t.text === 'True' || t.text === 'False';
  if (t.kind === 'string' || t.kind === 'number') return true;
  return t.text === ')' || t.text === ']' || t.text === '}';
}

/** The operand after a `*` that tree-sitter-python only reads inside brackets it opened itself. */
function needsBlankStar(t: Token | undefined): boolean {
  if (!t) return false;
  if (t.kind === 'string' || t.kind === 'number') return true;
  if (t.kind === 'name') return t.text === 'await';
  return t.text === '(' || t.text === '[' || t.text === '{' || t.text === '-' || t.text === '+' || t.text === '~' || t.text === '...';
}

interface Bracket {
  open: Token;
  /** Index of the opening token. */
  at: number;
  kind: 'type-params' | 'subscript' | 'call' | 'display';
  comma: boolean;
  comprehension: boolean;
  /** A `:` at this bracket's level before its first `for`: a dict display or comprehension. */
  colon: boolean;
}

/**
 * The text with the constructs above rewritten in place, or null when there
 * is none. Cheap enough to run on every file that tree-sitter rejects.
 */
export function blankNewerSyntax(text: string): string | null {
  const tokens = tokenize(text);
  // UTF-16 code units, as tree-sitter's offsets count them.
  const chars = text.split('');
  let changed = false;

  // Pass 1: brackets (kind, whether they hold a comma or a `for` at their own level) and, per statement, its commas at depth 0.
  const info = new Map<number, Bracket>();
  const closeOf = new Map<number, number>();
  const stack: Bracket[] = [];
  let statementStart = 0;
  const statementComma = new Map<number, boolean>();
  for (let k = 0; k < tokens.length; k++) {
    const t = tokens[k]!;
    if (t.kind === 'newline' || (t.text === ';' && stack.length === 0)) {
      statementStart = k + 1;
      continue;
    }
    if (t.kind === 'op' && (t.text === '(' || t.text === '[' || t.text === '{')) {
      const prev = tokens[k - 1];
      let kind: Bracket['kind'] = endsOperand(prev) ? (t.text === '[' ? 'subscript' : t.text === '(' ? 'call' : 'display') : 'display';
      if (t.text === '[' && isTypeParams(tokens, k, statementStart)) kind = 'type-params';
      const b: Bracket = { open: t, at: k, kind, comma: false, comprehension: false, colon: false };
      info.set(k, b);
      stack.push(b);
      continue;
    }
    if (t.kind === 'op' && (t.text === ')' || t.text === ']' || t.text === '}')) {
      const b = stack.pop();
      if (b) closeOf.set(b.at, k);
      continue;
    }
    if (t.text === ',' && t.kind === 'op') {
      if (stack.length > 0) stack[stack.length - 1]!.comma = true;
      else statementComma.set(statementStart, true);
    }
    if (t.kind === 'name' && t.text === 'for' && stack.length > 0) stack[stack.length - 1]!.comprehension = true;
    if (t.kind === 'op' && t.text === ':' && stack.length > 0 && !stack[stack.length - 1]!.comprehension) stack[stack.length - 1]!.colon = true;
  }

  // Pass 2: the rewrites.
  const open: Bracket[] = [];
  statementStart = 0;
  for (let k = 0; k < tokens.length; k++) {
    const t = tokens[k]!;
    if (t.kind === 'newline' || (t.text === ';' && open.length === 0)) {
      statementStart = k + 1;
      continue;
    }
    if (info.has(k)) {
      const b = info.get(k)!;
      open.push(b);
      // PEP 798: `[*x for …]`, `{**d for …}`, `(*x for …)` in a display.
      const first = tokens[k + 1];
      if (b.kind === 'display' && b.comprehension && !b.colon && first?.kind === 'op' && (first.text === '*' || first.text === '**')) {
        blank(chars, first.start, first.end);
        changed = true;
      }
      continue;
    }
    if (t.kind === 'op' && (t.text === ')' || t.text === ']' || t.text === '}')) {
      open.pop();
      continue;
    }
    const inner = open[open.length - 1];
    // PEP 696: a default in a type parameter list becomes a bound (`T = int` → `T : int`, `T: A = B` → `T: A | B`),
    // which the grammar reads as an expression of the same shape; a default CPython rejects is left for tree-sitter to reject.
    if (inner?.kind === 'type-params' && t.kind === 'op' && t.text === '=') {
      const param = typeParamAt(tokens, inner.at, k);
      const rest = defaultTokens(tokens, k, closeOf.get(inner.at));
      if (validDefault(rest, param.stars)) {
        chars[t.start] = param.bound ? '|' : ':';
        changed = true;
      }
      continue;
    }
    // PEP 810: `lazy import …` and `lazy from … import …` as a statement.
    if (k === statementStart && t.kind === 'name' && t.text === 'lazy') {
      const next = tokens[k + 1];
      if (next?.kind === 'name' && (next.text === 'import' || next.text === 'from') && !text.slice(t.end, next.start).includes('\n')) {
        const moved = next.text + ' '.repeat(next.end - t.start - next.text.length);
        for (let j = 0; j < moved.length; j++) chars[t.start + j] = moved[j]!;
        changed = true;
        continue;
      }
    }
    if (t.kind === 'op' && t.text === '*' && needsBlankStar(tokens[k + 1]) && starAllowed(tokens, k, inner, statementStart, statementComma)) {
      blank(chars, t.start, t.end);
      changed = true;
    }
  }
  return changed ? chars.join('') : null;
}

/** The parameter of a type parameter list that an `=` at `k` belongs to: its stars and whether it has a bound. */
function typeParamAt(tokens: Token[], open: number, k: number): { stars: number; bound: boolean } {
  let start = k;
  let d = 0;
  while (start - 1 > open) {
    const u = tokens[start - 1]!;
    if (u.kind === 'op' && (u.text === ')' || u.text === ']' || u.text === '}')) d++;
    else if (u.kind === 'op' && (u.text === '(' || u.text === '[' || u.text === '{')) d--;
    else if (d === 0 && u.kind === 'op' && u.text === ',') break;
    start--;
  }
  const first = tokens[start];
  const stars = first?.text === '**' ? 2 : first?.text === '*' ? 1 : 0;
  let bound = false;
  for (let j = start; j < k; j++) if (tokens[j]!.kind === 'op' && tokens[j]!.text === ':') bound = true;
  return { stars, bound };
}

/** The tokens of a type parameter default: after the `=` up to the next parameter or the list's end. */
function defaultTokens(tokens: Token[], k: number, close: number | undefined): Token[] {
  const out: Token[] = [];
  let d = 0;
  for (let j = k + 1; close === undefined || j < close; j++) {
    const u = tokens[j];
    if (!u || u.kind === 'newline') break;
    if (u.kind === 'op' && (u.text === '(' || u.text === '[' || u.text === '{')) d++;
    else if (u.kind === 'op' && (u.text === ')' || u.text === ']' || u.text === '}')) d--;
    else if (d === 0 && u.kind === 'op' && u.text === ',') break;
    out.push(u);
  }
  return out;
}

/**
 * A default is an `expression` (a TypeVarTuple's may be `*` and a bitwise-or
 * operand): not empty, no `yield`, no unparenthesized `:=`, no other star.
 * Everything else about it the grammar checks once it reads it as a bound.
 */
function validDefault(rest: Token[], stars: number): boolean {
  if (rest.length === 0) return false;
  let d = 0;
  for (const [j, u] of rest.entries()) {
    if (u.kind === 'op' && (u.text === '(' || u.text === '[' || u.text === '{')) d++;
    else if (u.kind === 'op' && (u.text === ')' || u.text === ']' || u.text === '}')) d--;
    if (d !== 0) continue;
    if (u.kind === 'name' && u.text === 'yield') return false;
    if (u.kind === 'op' && u.text === ':=') return false;
    if (u.kind === 'op' && (u.text === '*' || u.text === '**') && j === 0) {
      if (stars !== 1 || u.text === '**') return false;
      // `*Ts = *a or b`: after the star only a bitwise-or operand.
      if (rest.some((v) => v.kind === 'name' && (v.text === 'or' || v.text === 'and' || v.text === 'not' || v.text === 'if' || v.text === 'lambda'))) return false;
    }
  }
  return true;
}

/** `[` right after the name in `def NAME[`, `class NAME[` or a `type NAME[` statement. */
function isTypeParams(tokens: Token[], k: number, statementStart: number): boolean {
  const name = tokens[k - 1];
  const keyword = tokens[k - 2];
  if (name?.kind !== 'name' || keyword?.kind !== 'name') return false;
  if (keyword.text === 'def' || keyword.text === 'class') return true;
  return keyword.text === 'type' && k - 2 === statementStart;
}

/** A star may stand here: an item of a list with a comma, the first item in a subscript, or a `*args` annotation. */
function starAllowed(tokens: Token[], k: number, inner: Bracket | undefined, statementStart: number, statementComma: Map<number, boolean>): boolean {
  const prev = tokens[k - 1];
  if (!prev) return false;
  if (inner?.kind === 'subscript' && (prev === inner.open || prev.text === ',')) return true;
  if (prev.kind === 'op' && prev.text === ':') {
    // `def f(*args: *(A or B))`
    const name = tokens[k - 2];
    const star = tokens[k - 3];
    const before = tokens[k - 4];
    return name?.kind === 'name' && star?.text === '*' && (before?.text === '(' || before?.text === ',') && inner?.kind !== 'display';
  }
  if (prev.kind === 'name' && prev.text === 'in') {
    // Only the iterable of a `for` statement: `x in *a, *b` elsewhere is an error.
    const first = tokens[statementStart];
    const loop = first?.text === 'for' || (first?.text === 'async' && tokens[statementStart + 1]?.text === 'for');
    if (!loop || inner) return false;
  } else if (!((prev.kind === 'op' && (ASSIGN_OPS.has(prev.text) || prev.text === ',')) || (prev.kind === 'name' && (prev.text === 'return' || prev.text === 'yield')))) {
    return false;
  }
  // Outside brackets the list is the statement's own; inside, the bracket's.
  return inner ? inner.comma : statementComma.get(statementStart) === true;
}

/**
 * Parses Python. Where tree-sitter finds an error, the text with newer
 * syntax blanked (see above) is parsed as well, and its tree is used when
 * that removes the first error or pushes it later: a real error stays where
 * it is in both.
 */
export function parsePython(text: string, budgetMs?: number): TSTree {
  const tree = parseTree('python', text, budgetMs);
  if (!tree.rootNode.hasError) return tree;
  const blanked = blankNewerSyntax(text);
  if (blanked === null) return tree;
  const other = parseTree('python', blanked, budgetMs);
  if (!other.rootNode.hasError) return other;
  return firstErrorAt(other) >= firstErrorAt(tree) ? other : tree;
}

function firstErrorAt(tree: TSTree): number {
  let node = tree.rootNode;
  for (;;) {
    const child = node.children.find((c) => c.hasError || c.isMissing);
    if (!child || child.isError || child.isMissing) return child ? child.startIndex : node.startIndex;
    node = child;
  }
}
