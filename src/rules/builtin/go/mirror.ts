/**
 * A plain-JavaScript copy of a tree-sitter-go tree, made in one cursor pass.
 * Node's tree-sitter binding crosses into native code for every property of
 * every node; the Go rules visit each node several times, so they read this
 * copy instead (measured on Go's standard library: one cursor pass costs
 * about what the old per-node walk cost for a fifth of the nodes).
 */
import type { TSTree } from '../../../lang/treesitter.js';
import { lineOfOffset, lineStarts } from '../../../repo/text.js';

export interface GNode {
  type: string;
  /** The field name under which the parent holds this node, or null. */
  field: string | null;
  named: boolean;
  /** Offsets into the file's text (JavaScript string indices). */
  start: number;
  end: number;
  children: GNode[];
  parent: GNode | null;
}

export interface GoMirror {
  root: GNode;
  text: string;
  /** 1-based line of a string offset. */
  lineAt(offset: number): number;
}

const typeNames = new Map<number, string>();
const fieldNames = new Map<number, string>();
const cache = new WeakMap<TSTree, GoMirror>();

export function goMirror(tree: TSTree, text: string): GoMirror {
  let m = cache.get(tree);
  if (!m) {
    m = build(tree, text);
    cache.set(tree, m);
  }
  return m;
}

function build(tree: TSTree, text: string): GoMirror {
  const c = tree.walk();
  const mk = (parent: GNode | null): GNode => {
    const tid = c.nodeTypeId;
    let type = typeNames.get(tid);
    if (type === undefined) {
      type = c.nodeType;
      typeNames.set(tid, type);
    }
    const fid = c.currentFieldId;
    let field: string | null = null;
    if (fid) {
      field = fieldNames.get(fid) ?? null;
      if (field === null) {
        field = c.currentFieldName;
        fieldNames.set(fid, field);
      }
    }
    const named = c.nodeIsNamed;
    // Anonymous tokens (`:=`, `(`) are kept for their type only.
    const start = named ? c.startIndex : -1;
    const end = named ? c.endIndex : -1;
    return { type, field, named, start, end, children: [], parent };
  };
  const root = mk(null);
  let cur = root;
  if (c.gotoFirstChild()) {
    for (;;) {
      const n = mk(cur);
      cur.children.push(n);
      if (c.gotoFirstChild()) {
        cur = n;
        continue;
      }
      let done = false;
      while (!c.gotoNextSibling()) {
        if (!c.gotoParent() || cur === root) {
          done = true;
          break;
        }
        cur = cur.parent!;
      }
      if (done) break;
    }
  }
  let starts: number[] | null = null;
  const lineAt = (offset: number): number => lineOfOffset((starts ??= lineStarts(text)), offset);
  return { root, text, lineAt };
}

export function textOf(m: GoMirror, n: GNode): string {
  return m.text.slice(n.start, n.end);
}

export function namedChildren(n: GNode): GNode[] {
  return n.children.filter((c) => c.named);
}

export function fieldChild(n: GNode, field: string): GNode | null {
  for (const c of n.children) if (c.field === field && c.named) return c;
  return null;
}

export function fieldChildren(n: GNode, field: string): GNode[] {
  return n.children.filter((c) => c.field === field && c.named);
}

/** True when one of the node's anonymous children is the token `tok` (`:=`, `=`). */
export function hasToken(n: GNode, tok: string): boolean {
  return n.children.some((c) => !c.named && c.type === tok);
}

/** Strips parentheses: `((x))` → `x`. */
export function unparen(n: GNode): GNode {
  let x = n;
  while (x.type === 'parenthesized_expression') {
    const inner = namedChildren(x).filter((c) => c.type !== 'comment');
    if (inner.length !== 1) break;
    x = inner[0]!;
  }
  return x;
}

/** The value of a string literal node (escapes left as written), or null. */
export function stringValue(m: GoMirror, n: GNode): string | null {
  if (n.type !== 'interpreted_string_literal' && n.type !== 'raw_string_literal') return null;
  return m.text.slice(n.start + 1, n.end - 1);
}

/** Pre-order walk over named nodes; `enter` returns false to skip a node's children. */
export function walkNamed(n: GNode, enter: (n: GNode) => boolean | void): void {
  const stack: GNode[] = [n];
  while (stack.length) {
    const x = stack.pop()!;
    if (enter(x) === false) continue;
    for (let i = x.children.length - 1; i >= 0; i--) {
      const c = x.children[i]!;
      if (c.named) stack.push(c);
    }
  }
}
