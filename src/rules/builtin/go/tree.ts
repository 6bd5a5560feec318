/**
 * Small helpers shared by the Go rules: build constraints, directories the
 * go command skips, near-miss names.
 */
import type { TSNode } from '../../../lang/treesitter.js';

/** 1-based line of a node. */
export function lineOf(node: TSNode): number {
  return node.startPosition.row + 1;
}

/** The build constraint lines (`//go:build`, and the older `// +build`) before the package clause. */
function buildConstraints(text: string): string[] {
  const out: string[] = [];
  for (const raw of text.split('\n', 200)) {
    const line = raw.trim();
    const m = /^\/\/(go:build|\s*\+build)\s(.*)$/.exec(line);
    if (m) out.push(m[2]!.trim());
    if (line.startsWith('package ')) break;
  }
  return out;
}

/** True for a file the `ignore` build tag keeps out of its package (a stand-alone generator). */
export function isIgnoredBuild(text: string): boolean {
  return buildConstraints(text).some((c) => /(^|[^\w.!])ignore([^\w.]|$)/.test(c));
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
