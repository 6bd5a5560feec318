/**
 * The two parts of a line that names code and says something of it. A report
 * item such as "`AuditTrailManager` with tamper-proof logging" asserts two
 * things: the class exists, and it logs tamper-proof. Each part is its own
 * claim, with its own text, so that the class's existence never verifies the
 * logging and a missing capability never contradicts the class.
 *
 * The opposite order, "Emergency controls with `reset()` and `force_open()`",
 * is a description followed by the code that implements it: the report's own
 * name for those functions, which the code need not spell.
 */

/** Code spans with at most two plain words after them: "`X` class", "`A`, `B` data structures". */
const NAMED_HEAD = /^(\W*`[^`]+`(?:\s*(?:,|&|\band\b|\/)\s*`[^`]+`)*(?:\s+[A-Za-z]+){0,2}?)\s+(with|featuring)\s+([^`]+?)\W*$/i;

/** A description, then "with/via/using/through" and nothing but code spans. */
const DESCRIBED_CODE = /^([^`]+?)\s+(?:with|via|using|through)\s+(`[^`]+`(?:\s*(?:,|&|\band\b|\bor\b|\/)\s*`[^`]+`)*)\W*$/i;

export interface NamedClause {
  /** The part that names the code: "`AuditTrailManager`". */
  head: string;
  /** What the line says of it: "with tamper-proof logging". */
  clause: string;
}

/** "`X` with <prose>": the names and the capability asserted of them, or null when the line has another shape. */
export function namedClause(text: string): NamedClause | null {
  const m = NAMED_HEAD.exec(text.trim());
  if (!m) return null;
  const clause = `${m[2]!.toLowerCase()} ${m[3]!.trim()}`;
  // "with tests": a clause of one short word says too little to be its own claim.
  if (!/[A-Za-z]{3,}\W+[A-Za-z]{3,}/.test(m[3]!)) return null;
  return { head: m[1]!.replace(/^\W+(?=`)/, '').trim(), clause };
}

/**
 * "<description> with `a()` and `b()`": the code spans a description is implemented by, or null. Only names a
 * project defines qualify (calls, or names with capitals or underscores): a library's module name (`hashlib`)
 * is a dependency, and being imported does not make it the implementation the description claims.
 */
export function describedCode(text: string): string[] | null {
  const m = DESCRIBED_CODE.exec(text.trim());
  if (!m) return null;
  const spans = [...m[2]!.matchAll(/`([^`]+)`/g)].map((x) => x[1]!.trim());
  if (!spans.every((s) => /^[A-Za-z_][\w.]*(?:\(\s*\))?$/.test(s) && (/\(\s*\)$/.test(s) || /[A-Z_]/.test(s.replace(/^[^.]*\./, ''))))) return null;
  return spans;
}
