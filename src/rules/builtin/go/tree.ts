/**
 * Small helpers over tree-sitter-go nodes shared by the Go rules.
 */
import type { TSNode } from '../../../lang/treesitter.js';
import type { TreeContext } from '../../types.js';

export type { TSNode };

/** The root node of a Go file's tree, or null when the tree is not tree-sitter Go. */
export function goRoot(ctx: TreeContext): TSNode | null {
  return ctx.tree.kind === 'tree-sitter' && ctx.tree.language === 'go' ? ctx.tree.tree.rootNode : null;
}

/** 1-based line of a node. */
export function lineOf(node: TSNode): number {
  return node.startPosition.row + 1;
}

/** True when one of the node's anonymous children is the token `tok` (`:=`, `=`). */
export function hasToken(node: TSNode, tok: string): boolean {
  for (let i = 0; i < node.childCount; i++) {
    const c = node.child(i)!;
    if (!c.isNamed && c.type === tok) return true;
  }
  return false;
}

/** Strips parentheses: `((x))` → `x`. */
export function unparen(node: TSNode): TSNode {
  let n = node;
  while (n.type === 'parenthesized_expression' && n.namedChildCount === 1) n = n.namedChild(0)!;
  return n;
}

/** The string value of an interpreted or raw string literal node (escapes left as written). */
export function stringValue(node: TSNode): string | null {
  if (node.type !== 'interpreted_string_literal' && node.type !== 'raw_string_literal') return null;
  return node.text.slice(1, -1);
}

/** Pre-order walk; `enter` returns false to skip a node's children. */
export function walk(node: TSNode, enter: (n: TSNode) => boolean | void): void {
  const cursor = node.walk();
  let depth = 0;
  for (;;) {
    const n = cursor.currentNode;
    const descend = enter(n) !== false;
    if (descend && cursor.gotoFirstChild()) {
      depth++;
      continue;
    }
    for (;;) {
      if (depth === 0) return;
      if (cursor.gotoNextSibling()) break;
      cursor.gotoParent();
      depth--;
    }
  }
}

/** Names Go gives the build file: the `//go:build` line's expression, or null. */
export function buildConstraint(text: string): string | null {
  // Only comments before the package clause count; stop at the first code line.
  for (const raw of text.split('\n', 200)) {
    const line = raw.trim();
    if (line.startsWith('//go:build')) return line.slice('//go:build'.length).trim();
    if (line.startsWith('package ')) return null;
  }
  return null;
}

/** True for a file the `ignore` build tag keeps out of its package (a stand-alone generator). */
export function isIgnoredBuild(text: string): boolean {
  const c = buildConstraint(text);
  return c !== null && /(^|[^\w.!])ignore([^\w.]|$)/.test(c);
}

/** Go ignores directories named testdata and those starting with `_` or `.`. */
export function inIgnoredGoDir(path: string): boolean {
  const parts = path.split('/');
  parts.pop();
  return parts.some((p) => p === 'testdata' || p.startsWith('_') || p.startsWith('.'));
}

/** Levenshtein distance, capped (returns cap+1 when larger). */
export function editDistance(a: string, b: string, cap = 3): number {
  if (Math.abs(a.length - b.length) > cap) return cap + 1;
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    let best = i;
    for (let j = 1; j <= b.length; j++) {
      const v = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
      cur.push(v);
      if (v < best) best = v;
    }
    if (best > cap) return cap + 1;
    prev = cur;
  }
  return prev[b.length]!;
}

/** The closest candidate by edit distance (case-insensitive equality first), or null when none is near. */
export function closest(name: string, candidates: Iterable<string>, maxDistance = 2): string | null {
  let best: string | null = null;
  let bestD = maxDistance + 1;
  const lower = name.toLowerCase();
  for (const c of candidates) {
    if (c === name) continue;
    const d = c.toLowerCase() === lower ? 0 : editDistance(name, c, maxDistance);
    if (d < bestD || (d === bestD && best !== null && c < best)) {
      best = c;
      bestD = d;
    }
  }
  return bestD <= maxDistance ? best : null;
}
