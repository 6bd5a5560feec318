/**
 * A plain-JavaScript copy of a tree-sitter tree's named nodes, with field
 * names and offsets, made in one TreeCursor walk. Reading properties of
 * node-tree-sitter SyntaxNodes crosses into native code on every access and
 * made fact extraction five times slower than parsing; this copy costs about
 * one parse and then reads for free. It mirrors the small part of the
 * SyntaxNode API the Python facts need.
 */
import type { TSTree } from '../../../lang/treesitter.js';

/** Offsets → 1-based rows (0-based as tree-sitter's Point) of one text. */
class Lines {
  private readonly starts: number[] = [0];
  constructor(text: string) {
    for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) this.starts.push(i + 1);
  }
  point(offset: number): { row: number; column: number } {
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { row: lo, column: offset - this.starts[lo]! };
  }
}

interface Source {
  text: string;
  lines: Lines;
}

export class LiteNode {
  parent: LiteNode | null = null;
  children: LiteNode[] = [];
  constructor(
    readonly type: string,
    /** Field name under the parent, '' when none. */
    readonly field: string,
    readonly startIndex: number,
    readonly endIndex: number,
    private readonly src: Source,
  ) {}

  get text(): string {
    return this.src.text.slice(this.startIndex, this.endIndex);
  }
  get startPosition(): { row: number; column: number } {
    return this.src.lines.point(this.startIndex);
  }
  get endPosition(): { row: number; column: number } {
    return this.src.lines.point(this.endIndex);
  }
  get namedChildren(): LiteNode[] {
    return this.children;
  }
  get namedChildCount(): number {
    return this.children.length;
  }
  namedChild(i: number): LiteNode | null {
    return this.children[i] ?? null;
  }
  child(i: number): LiteNode | null {
    return this.children[i] ?? null;
  }
  childForFieldName(field: string): LiteNode | null {
    for (const c of this.children) if (c.field === field) return c;
    return null;
  }
  /** Descendants (not the node itself) of the given types, in document order. */
  descendantsOfType(types: string | string[]): LiteNode[] {
    const want = typeof types === 'string' ? [types] : types;
    const out: LiteNode[] = [];
    const stack: LiteNode[] = [...this.children].reverse();
    while (stack.length) {
      const n = stack.pop()!;
      if (want.includes(n.type)) out.push(n);
      for (let i = n.children.length - 1; i >= 0; i--) stack.push(n.children[i]!);
    }
    return out;
  }
}

/** The named nodes of a tree as LiteNodes, plus every node of the given types in document order. */
export function liteTree(tree: TSTree, text: string): { root: LiteNode; byType: Map<string, LiteNode[]> } {
  const src: Source = { text, lines: new Lines(text) };
  const cursor = tree.walk();
  const typeNames: string[] = [];
  const typeNamed: boolean[] = [];
  const fieldNames: string[] = [''];
  const byType = new Map<string, LiteNode[]>();
  const root = new LiteNode(cursor.nodeType, '', cursor.startIndex, cursor.endIndex, src);
  const stack: LiteNode[] = [root];
  if (!cursor.gotoFirstChild()) return { root, byType };
  for (;;) {
    const id = cursor.nodeTypeId;
    let named = typeNamed[id];
    if (named === undefined) {
      named = typeNamed[id] = cursor.nodeIsNamed;
      typeNames[id] = cursor.nodeType;
    }
    let descended = false;
    if (named) {
      const fid = cursor.currentFieldId;
      let field = fieldNames[fid];
      if (field === undefined) field = fieldNames[fid] = cursor.currentFieldName ?? '';
      const type = typeNames[id]!;
      const parent = stack[stack.length - 1]!;
      const node = new LiteNode(type, field, cursor.startIndex, cursor.endIndex, src);
      node.parent = parent;
      parent.children.push(node);
      let list = byType.get(type);
      if (!list) byType.set(type, (list = []));
      list.push(node);
      if (cursor.gotoFirstChild()) {
        stack.push(node);
        descended = true;
      }
    } else if (cursor.gotoFirstChild()) {
      // An anonymous node with children (error recovery): its named descendants belong to the current parent.
      stack.push(stack[stack.length - 1]!);
      descended = true;
    }
    if (descended) continue;
    while (!cursor.gotoNextSibling()) {
      if (!cursor.gotoParent() || stack.length === 1) return { root, byType };
      stack.pop();
    }
  }
}
