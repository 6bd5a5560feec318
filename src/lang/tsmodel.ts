/**
 * Building blocks shared by the tree-sitter model builders (python.ts, go.ts).
 *
 * Every property read on a node-tree-sitter node is a call into native code,
 * and every node object it hands out costs about a microsecond to create and
 * register; together they made model building slower than parsing. So the
 * builders never touch SyntaxNode objects on the normal path: `liteTree` walks
 * the tree once with a TreeCursor (no node objects) and copies what the
 * builders read into plain JavaScript objects, fetching offsets only for the
 * nodes that need them. Line/column positions are computed here from offsets.
 * Only files with syntax errors go back to SyntaxNode objects, to locate the
 * errors (`findErrorSites`).
 */
import { byPosition, type Range } from './model.js';
import { grammar, type TSLanguageName, type TSNode, type TSTree } from './treesitter.js';

/** A named node of the syntax tree, as plain data. Anonymous tokens (`(`, `def`, `:=`) are left out. */
export interface LiteNode {
  type: string;
  /** UTF-16 offsets; -1 when the policy did not ask for them (see LitePolicy). */
  start: number;
  end: number;
  /** Named children in order, comments included; empty for leaves and for `opaque` and pruned nodes. */
  children: LiteNode[];
}

/** Which nodes `liteTree` fetches offsets for and which subtrees it skips. */
export interface LitePolicy {
  /** Node types whose own offsets are needed. */
  ranged: ReadonlySet<string>;
  /** Node types whose children's offsets are needed. */
  detail: ReadonlySet<string>;
  /** Node types whose children are never needed (the text of the node is enough). */
  opaque: ReadonlySet<string>;
  /**
   * Node types whose children the builder never reads directly; their
   * offsets are fetched and `prune` decides from their text whether the
   * subtree can hold anything the builder collects (a call, a string, a
   * comment…). Skipping such subtrees saves most of the walk.
   */
  prunable: ReadonlySet<string>;
  prune(type: string, text: string, start: number, end: number): boolean;
}

/** True when `text[start, end)` contains none of the characters in `chars`. */
export function lacksAny(text: string, start: number, end: number, chars: string): boolean {
  for (let i = start; i < end; i++) if (chars.includes(text[i]!)) return false;
  return true;
}

interface Kind {
  name: string;
  named: boolean;
  /** Never has children, or its children are not wanted. */
  leaf: boolean;
  ranged: boolean;
  detail: boolean;
  prunable: boolean;
}

const kindTables = new Map<TSLanguageName, { policy: LitePolicy; kinds: Kind[]; leaves: Set<string> }>();
const NO_CHILDREN: LiteNode[] = [];

interface NodeTypeInfo {
  type: string;
  named: boolean;
  fields?: Record<string, unknown>;
  children?: unknown;
  subtypes?: unknown;
}

/** Named node types that never have children, from the grammar's node-types.json. */
function leafTypes(lang: TSLanguageName): Set<string> {
  const info = (grammar(lang) as { nodeTypeInfo?: NodeTypeInfo[] }).nodeTypeInfo ?? [];
  const leaves = new Set<string>();
  for (const t of info) {
    if (t.named && !t.children && !t.subtypes && (!t.fields || Object.keys(t.fields).length === 0)) leaves.add(t.type);
  }
  return leaves;
}

function kindTable(lang: TSLanguageName, policy: LitePolicy): Kind[] {
  let table = kindTables.get(lang);
  if (!table || table.policy !== policy) {
    table = { policy, kinds: [], leaves: leafTypes(lang) };
    kindTables.set(lang, table);
  }
  return table.kinds;
}

/**
 * Copies the named nodes of `tree` into LiteNodes in one cursor walk. Offsets
 * (two native calls per node) are fetched for `ranged` and `prunable` types
 * and for children of `detail` types only; a builder must read offsets only
 * of such nodes, and children only of nodes that cannot be pruned.
 */
export function liteTree(tree: TSTree, text: string, lang: TSLanguageName, policy: LitePolicy): LiteNode {
  return walk(tree.walk(), text, lang, policy, true);
}

/**
 * The complete subtree (nothing pruned) of the node at exactly `start`..`end`,
 * for the rare checks that look inside expressions (is this return value a
 * literal?). Give the range of a node that no child spans entirely (a
 * statement, not an expression list of one element).
 */
export function liteSubtree(tree: TSTree, text: string, lang: TSLanguageName, policy: LitePolicy, start: number, end: number): LiteNode {
  return walk(tree.rootNode.descendantForIndex(start, end).walk(), text, lang, policy, false);
}

function walk(cursor: ReturnType<TSTree['walk']>, text: string, lang: TSLanguageName, policy: LitePolicy, pruning: boolean): LiteNode {
  const kinds = kindTable(lang, policy);
  const leaves = kindTables.get(lang)!.leaves;
  // ERROR's id is 0xFFFF; it takes slot 0 (the end-of-input symbol, never a node) so the table stays a dense array.
  const kindAt = (typeId: number): Kind => {
    const id = typeId === 0xffff ? 0 : typeId;
    let k = kinds[id];
    if (k === undefined) {
      const name = cursor.nodeType;
      const named = cursor.nodeIsNamed;
      k = {
        name,
        named,
        leaf: !named || leaves.has(name) || policy.opaque.has(name),
        ranged: policy.ranged.has(name) || policy.prunable.has(name),
        detail: policy.detail.has(name),
        prunable: policy.prunable.has(name),
      };
      kinds[id] = k;
    }
    return k;
  };
  const rootKind = kindAt(cursor.nodeTypeId);
  const root: LiteNode = { type: rootKind.name, start: cursor.startIndex, end: cursor.endIndex, children: NO_CHILDREN };
  if (rootKind.leaf || !cursor.gotoFirstChild()) return root;
  const parents: LiteNode[] = [root];
  const detail: boolean[] = [rootKind.detail];
  let parent = root;
  let parentDetail = rootKind.detail;
  for (;;) {
    const k = kindAt(cursor.nodeTypeId);
    if (k.named) {
      const node: LiteNode =
        k.ranged || parentDetail
          ? { type: k.name, start: cursor.startIndex, end: cursor.endIndex, children: NO_CHILDREN }
          : { type: k.name, start: -1, end: -1, children: NO_CHILDREN };
      if (parent.children === NO_CHILDREN) parent.children = [node];
      else parent.children.push(node);
      const pruned = pruning && k.prunable && policy.prune(k.name, text, node.start, node.end);
      if (!k.leaf && !pruned && cursor.gotoFirstChild()) {
        parents.push(node);
        detail.push(k.detail);
        parent = node;
        parentDetail = k.detail;
        continue;
      }
    }
    while (!cursor.gotoNextSibling()) {
      if (!cursor.gotoParent() || parents.length === 1) return root;
      parents.pop();
      detail.pop();
      parent = parents[parents.length - 1]!;
      parentDetail = detail[detail.length - 1]!;
    }
  }
}

/** Named children other than comments. */
export function named(node: LiteNode): LiteNode[] {
  const c = node.children;
  for (let i = 0; i < c.length; i++) if (c[i]!.type === 'comment') return c.filter((n) => n.type !== 'comment');
  return c;
}

/** First child of one of `types`, or null. */
export function childOf(node: LiteNode, ...types: string[]): LiteNode | null {
  for (const c of node.children) if (types.includes(c.type)) return c;
  return null;
}

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
export { byPosition };

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
  /**
   * Where to point a reader: for an ERROR, from its first unplaceable token
   * (an ERROR can swallow a whole file when the problem is deep inside it)
   * to its end; otherwise the site itself.
   */
  focus: { start: number; end: number };
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
    sites.push(errorSite(root));
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
        sites.push(errorSite(child));
      } else if (child.isMissing) {
        const at = child.startIndex;
        sites.push({ kind: 'missing', node: child, type: child.type, start: at, end: at, focus: { start: at, end: at }, atEnd: false });
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
 * An ERROR's direct children are constructs tree-sitter recovered whole plus
 * the tokens it could not place; the first such token, or the first child
 * with an error inside, is where the trouble starts.
 */
function errorSite(node: TSNode): ErrorSite {
  let focus = node;
  for (;;) {
    const next = focus.children.find((c) => c.hasError || !c.isNamed);
    if (!next) break;
    focus = next;
    if (!next.hasError) break;
  }
  const start = node.startIndex;
  const end = node.endIndex;
  return { kind: 'error', node, type: 'ERROR', start, end, focus: { start: focus.startIndex, end }, atEnd: false };
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
    sites.push({ kind: 'hidden-missing', node, type: entry.missing, start: at, end: at, focus: { start: at, end: at }, atEnd });
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
