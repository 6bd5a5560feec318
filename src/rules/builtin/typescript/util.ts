/** Small helpers the TypeScript/JavaScript rules share. */

/**
 * Deliberately broken inputs: test fixtures and test data. Build-error rules
 * leave them alone (Go's `testdata/` convention, and its JS equivalents).
 */
export function isFixturePath(path: string): boolean {
  return /(^|\/)(testdata|fixtures?|__fixtures__|__snapshots__)(\/|$)/.test(path);
}


function levenshtein(a: string, b: string): number {
  const prev = new Array<number>(b.length + 1);
  for (let j = 0; j <= b.length; j++) prev[j] = j;
  for (let i = 1; i <= a.length; i++) {
    let diag = prev[0]!;
    prev[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = prev[j]!;
      prev[j] = Math.min(prev[j]! + 1, prev[j - 1]! + 1, diag + (a[i - 1] === b[j - 1] ? 0 : 1));
      diag = tmp;
    }
  }
  return prev[b.length]!;
}

/**
 * The candidate closest to `name`: a case-insensitive match first (the
 * `fabric` vs `Fabric` slip), then the smallest edit distance relative to
 * length. Null when nothing is reasonably close.
 */
export function closestName(name: string, candidates: Iterable<string>): string | null {
  const lower = name.toLowerCase();
  let best: string | null = null;
  let bestScore = Infinity;
  for (const c of candidates) {
    if (c === name) continue;
    if (c.toLowerCase() === lower) return c;
    const d = levenshtein(lower, c.toLowerCase());
    const score = d / Math.max(name.length, c.length);
    if (score < bestScore || (score === bestScore && best !== null && c < best)) {
      best = c;
      bestScore = score;
    }
  }
  return best !== null && bestScore <= 0.4 ? best : null;
}

/**
 * Minified or bundled output (lines averaging hundreds of characters):
 * nobody fixes code there, and its one-letter names defeat the heuristics
 * that keep the rules quiet, so the rules leave it alone.
 */
export function isMinified(text: string): boolean {
  if (text.length < 500) return false;
  let lines = 1;
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) lines++;
  return text.length / lines > 250;
}
