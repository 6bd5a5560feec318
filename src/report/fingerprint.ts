/**
 * Stable fingerprints: the identity of a finding or a claim across runs, so a
 * later audit can tell what is new (baselines, SARIF partialFingerprints).
 * Never a line number: what the code or the report says there, and where in
 * the file's structure it sits. A finding's fingerprint is its rule, its
 * repo-relative path, the enclosing symbol and the whitespace-normalised code
 * it points at. A claim is already one per audit whichever reports make it
 * (its `sources`), so its fingerprint is what makes it that claim: its kind,
 * its subject (the file and symbol its section is about) and its words with
 * the markdown formatting taken out; not the report file or the heading it
 * sits under, which a reorganised report changes. Two items that share all
 * of that are told apart by their order in the file.
 */
import { createHash } from 'node:crypto';
import type { Finding } from '../rules/types.js';
import type { CheckedClaim } from '../claims/types.js';

/** Whitespace-insensitive text of code: each line trimmed, runs of blanks collapsed, empty lines dropped. */
export function normalizeCode(text: string): string {
  return text
    .split(/\r?\n/)
    .map((l) => l.trim().replace(/\s+/g, ' '))
    .filter(Boolean)
    .join('\n');
}

/**
 * The words of a report with its formatting taken out: Unicode compatibility
 * forms folded, lower case, emphasis and code marks, emoji and other symbols
 * dropped, whitespace collapsed, trailing punctuation trimmed. "✅ **ALL 12
 * tests pass**." and "All 12 tests pass" are the same claim.
 */
export function normalizeProse(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[*`~]|(?<![\p{L}\p{N}])_+|_+(?![\p{L}\p{N}])/gu, ' ')
    .replace(/[^\p{L}\p{N}\s.,:;%/\\\-+=<>()[\]{}'"#@&_!?]/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/[\s.,:;!?]+$/u, '');
}

function hash(parts: string[]): string {
  return createHash('sha256').update(parts.join('\0'), 'utf8').digest('hex').slice(0, 32);
}

/** What a finding's fingerprint is made of; `context` is the enclosing symbol (`Class.method`), or null at top level. */
export function findingBasis(f: Pick<Finding, 'ruleId' | 'path' | 'excerpt' | 'message'>, context: string | null): string[] {
  // The code is the finding's content; a finding with no code to show (a file-level one) is known by its message, line references masked.
  // A suppression comment on the line is not part of it: suppressing a finding, or lifting that, keeps its identity.
  const code = f.excerpt.replace(/[ \t]*(?:#|\/\/|\/\*|--)?[ \t]*claimcheck-ignore\b[^\n]*/g, '');
  const content = normalizeCode(code) || f.message.replace(/\d+/g, '#');
  return ['finding', f.ruleId, f.path, context ?? '', content];
}

/** What a claim's fingerprint is made of. */
export function claimBasis(c: Pick<CheckedClaim, 'kind' | 'text' | 'subject'>): string[] {
  return ['claim', c.kind, c.subject.path ?? '', c.subject.symbol ?? '', normalizeProse(c.text)];
}

/**
 * Fingerprints for a list of items given in file order: the hash of each
 * basis, and for the second and later items with the same basis the hash
 * with their rank, so the first keeps its fingerprint when a copy appears below it.
 */
export function fingerprints(bases: string[][]): string[] {
  const seen = new Map<string, number>();
  return bases.map((b) => {
    const base = hash(b);
    const n = (seen.get(base) ?? 0) + 1;
    seen.set(base, n);
    return n === 1 ? base : hash([...b, String(n)]);
  });
}
