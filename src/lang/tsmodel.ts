/**
 * Building blocks shared by the tree-sitter model builders (python.ts, go.ts).
 *
 * Every property read on a tree-sitter node is a call into native code
 * (~0.1–0.2 µs each), which dominates model building. So the builders ask
 * tree-sitter once per file for the nodes they care about
 * (`descendantsOfType`, one native call), read only the few fields each of
 * those needs, and compute line/column positions here, in JavaScript, from the
 * UTF-16 offsets instead of asking for them node by node.
 */
import type { Range } from './model.js';
import type { TSNode } from './treesitter.js';

/**
 * Maps UTF-16 offsets (what node-tree-sitter's startIndex/endIndex are) to the
 * model's 1-based line and column. Rows split on `\n` only and columns count
 * UTF-16 code units, exactly as tree-sitter's own points do for string input.
 */
export class LineIndex {
  private readonly starts: number[] = [0];
  private last = 0;

  constructor(text: string) {
    for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) this.starts.push(i + 1);
  }

  /** 0-based row of an offset. Builders ask in near-document order, so the last answer is tried first. */
  row(offset: number): number {
    const s = this.starts;
    let r = this.last;
    if (s[r]! <= offset && (r + 1 >= s.length || s[r + 1]! > offset)) return r;
    let lo = 0;
    let hi = s.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (s[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    this.last = lo;
    return lo;
  }

  /** 1-based line of an offset. */
  line(offset: number): number {
    return this.row(offset) + 1;
  }

  /** Offset where the 0-based row starts. */
  rowStart(row: number): number {
    return this.starts[row] ?? 0;
  }

  range(start: number, end: number): Range {
    const r0 = this.row(start);
    const r1 = end === start ? r0 : this.row(end);
    return { line: r0 + 1, column: start - this.starts[r0]! + 1, endLine: r1 + 1, endColumn: end - this.starts[r1]! + 1 };
  }
}

/** Orders model entries by start, outer before inner when they start together. */
export function byPosition(a: { range: Range }, b: { range: Range }): number {
  const x = a.range;
  const y = b.range;
  return x.line - y.line || x.column - y.column || y.endLine - x.endLine || y.endColumn - x.endColumn;
}

/** True when only spaces and tabs precede `offset` on its line (a comment on a line of its own). */
export function startsLine(text: string, offset: number): boolean {
  for (let i = offset - 1; i >= 0; i--) {
    const c = text.charCodeAt(i);
    if (c === 10) return true;
    if (c !== 32 && c !== 9 && c !== 13 && c !== 12) return false;
  }
  return true;
}

/** First line of `fragment`, trimmed and shortened for an error message. */
export function fragmentOf(fragment: string, max = 40): string {
  const nl = fragment.indexOf('\n');
  const first = (nl >= 0 ? fragment.slice(0, nl) : fragment).trim();
  return first.length > max ? first.slice(0, max) + '…' : first;
}

/**
 * A place where tree-sitter had to recover:
 * - `error`: an ERROR node (only the outermost of nested ones);
 * - `missing`: a visible MISSING node, zero width, where a token was expected;
 * - `hidden-missing`: a MISSING token that the grammar hides (Go's statement
 *   terminator), which the node API cannot return; it is located from the
 *   tree's S-expression at the end of the named child it follows.
 */
export interface ErrorSite {
  kind: 'error' | 'missing' | 'hidden-missing';
  /** The ERROR or MISSING node; for hidden-missing, the node that lacks the token. */
  node: TSNode;
  /** Node type of the missing token, or 'ERROR'. */
  type: string;
  start: number;
  end: number;
  /** hidden-missing only: nothing but comments and whitespace follows it inside `node`. */
  atEnd: boolean;
}

/**
 * Every recovery site in document order. Walks only the nodes whose subtree
 * has an error, so a clean file costs one native call.
 */
export function findErrorSites(root: TSNode): ErrorSite[] {
  const sites: ErrorSite[] = [];
  if (!root.hasError) return sites;
  if (root.type === 'ERROR') {
    sites.push({ kind: 'error', node: root, type: 'ERROR', start: root.startIndex, end: root.endIndex, atEnd: false });
    return sites;
  }
  const stack: TSNode[] = [root];
  while (stack.length > 0) {
    const node = stack.pop()!;
    const children = node.children;
    const descend: TSNode[] = [];
    let explained = false;
    for (const child of children) {
      if (!child.hasError) continue;
      explained = true;
      if (child.isError) {
        sites.push({ kind: 'error', node: child, type: 'ERROR', start: child.startIndex, end: child.endIndex, atEnd: false });
      } else if (child.isMissing) {
        const at = child.startIndex;
        sites.push({ kind: 'missing', node: child, type: child.type, start: at, end: at, atEnd: false });
      } else {
        descend.push(child);
      }
    }
    if (!explained) sites.push(...hiddenMissing(node));
    for (let i = descend.length - 1; i >= 0; i--) stack.push(descend[i]!);
  }
  // The stack visits siblings' subtrees after the current node's own sites.
  sites.sort((a, b) => a.start - b.start || b.end - a.end);
  return sites;
}

/**
 * MISSING tokens directly under `node` that the node API cannot see. The
 * S-expression lists a node's named children and its MISSING tokens in order,
 * so the number of named entries before a MISSING entry says where it sits.
 */
function hiddenMissing(node: TSNode): ErrorSite[] {
  const sexp = node.toString();
  const entries: { missing: string | null; type: string }[] = [];
  let depth = 0;
  for (let i = 0; i < sexp.length; i++) {
    const c = sexp[i];
    if (c === '(') {
      depth++;
      if (depth === 2) {
        if (sexp.startsWith('MISSING ', i + 1)) {
          let j = i + 9;
          let name: string;
          if (sexp[j] === '"') {
            const close = sexp.indexOf('")', j + 1);
            name = sexp.slice(j + 1, close < 0 ? sexp.length : close);
            j = close < 0 ? sexp.length : close + 1;
          } else {
            const close = sexp.indexOf(')', j);
            name = sexp.slice(j, close < 0 ? sexp.length : close);
            j = close < 0 ? sexp.length : close;
          }
          entries.push({ missing: name, type: name });
          i = j;
          depth--;
          continue;
        }
        let j = i + 1;
        while (j < sexp.length && sexp[j] !== ' ' && sexp[j] !== ')') j++;
        entries.push({ missing: null, type: sexp.slice(i + 1, j) });
      }
    } else if (c === ')') {
      depth--;
    }
  }
  const sites: ErrorSite[] = [];
  if (!entries.some((e) => e.missing !== null)) return sites;
  const named = node.namedChildren;
  let k = 0;
  for (let e = 0; e < entries.length; e++) {
    const entry = entries[e]!;
    if (entry.missing === null) {
      k++;
      continue;
    }
    const at = k === 0 ? node.startIndex : (named[k - 1]?.endIndex ?? node.endIndex);
    let atEnd = true;
    for (let f = e + 1; f < entries.length; f++) if (entries[f]!.type !== 'comment') atEnd = false;
    sites.push({ kind: 'hidden-missing', node, type: entry.missing, start: at, end: at, atEnd });
  }
  return sites;
}

/**
 * The text between a string literal's quotes, prefixes (r, b, f, u…) and
 * escapes left as written. Tolerates an unterminated literal.
 */
export function quotedValue(literal: string): string {
  let q = 0;
  while (q < literal.length) {
    const c = literal.charCodeAt(q);
    if (c === 34 || c === 39 || c === 96) break; // " ' `
    q++;
  }
  if (q >= literal.length) return literal;
  const quote = literal[q]!;
  const triple = quote !== '`' && literal.startsWith(quote + quote + quote, q) && literal.length - q >= 6;
  const width = triple ? 3 : 1;
  const open = q + width;
  const closed = literal.length - open >= width && literal.endsWith(triple ? quote + quote + quote : quote);
  return literal.slice(open, closed ? literal.length - width : literal.length);
}
