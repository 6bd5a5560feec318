/**
 * Gives every finding and claim of an audit its stable fingerprint
 * (report/fingerprint.ts). A finding's context, its enclosing symbol, comes
 * from its file's source model; a claim's, its subject, it carries itself.
 */
import type { SourceModel, SymbolKind } from '../lang/model.js';
import type { Finding } from '../rules/types.js';
import type { CheckedClaim } from '../claims/types.js';
import { claimBasis, findingBasis, fingerprints } from '../report/fingerprint.js';

/** Symbols that enclose code: the context of a finding inside them. */
const SCOPES: ReadonlySet<SymbolKind> = new Set(['class', 'function', 'method', 'struct', 'interface', 'enum']);

/** The innermost class, function or method around a line, as `Container.name`; null at top level. */
export function enclosingSymbol(model: SourceModel | null | undefined, line: number): string | null {
  if (!model) return null;
  let best: { name: string; start: number; end: number } | null = null;
  for (const s of model.symbols) {
    if (!SCOPES.has(s.kind) || s.range.line > line || s.range.endLine < line) continue;
    // Innermost: the latest start, and of two starting together the shorter.
    if (!best || s.range.line > best.start || (s.range.line === best.start && s.range.endLine < best.end)) {
      best = { name: s.container ? `${s.container}.${s.name}` : s.name, start: s.range.line, end: s.range.endLine };
    }
  }
  return best?.name ?? null;
}

/**
 * Fingerprints of findings, by finding object. Ranks of identical findings
 * are counted over all of them (reported and suppressed together, in path and
 * line order), so suppressing one does not change another's fingerprint.
 */
export function fingerprintFindings(findings: readonly Finding[], model: (path: string) => SourceModel | null | undefined): Map<Finding, string> {
  const ordered = [...findings].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : a.line - b.line || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)));
  const fps = fingerprints(ordered.map((f) => findingBasis(f, enclosingSymbol(model(f.path), f.line))));
  return new Map(ordered.map((f, i) => [f, fps[i]!]));
}

/** Claims with their fingerprints, in the order given; identical ones ranked by report and line. */
export function fingerprintClaims<C extends CheckedClaim>(claims: readonly C[]): (C & { fingerprint: string })[] {
  const ordered = [...claims].sort((a, b) => (a.source.path < b.source.path ? -1 : a.source.path > b.source.path ? 1 : a.source.line - b.source.line || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)));
  const fps = fingerprints(ordered.map((c) => claimBasis(c)));
  const byClaim = new Map(ordered.map((c, i) => [c, fps[i]!]));
  return claims.map((c) => ({ ...c, fingerprint: byClaim.get(c)! }));
}
