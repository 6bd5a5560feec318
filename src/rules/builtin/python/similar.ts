/**
 * "Did you mean …?" for a missing name: Python's own difflib ratio
 * (Ratcliff/Obershelp), with a case-insensitive match winning outright since
 * a case slip (`fabric` vs `Fabric`) is the commonest cause.
 */

/** difflib.SequenceMatcher(None, a, b).ratio() without the autojunk heuristic (names are short). */
export function similarity(a: string, b: string): number {
  if (!a.length && !b.length) return 1;
  return (2 * matches(a, 0, a.length, b, 0, b.length)) / (a.length + b.length);
}

function matches(a: string, alo: number, ahi: number, b: string, blo: number, bhi: number): number {
  if (alo >= ahi || blo >= bhi) return 0;
  let bestI = alo;
  let bestJ = blo;
  let bestK = 0;
  for (let i = alo; i < ahi; i++) {
    for (let j = blo; j < bhi; j++) {
      let k = 0;
      while (i + k < ahi && j + k < bhi && a[i + k] === b[j + k]) k++;
      if (k > bestK) {
        bestI = i;
        bestJ = j;
        bestK = k;
      }
    }
  }
  if (bestK === 0) return 0;
  return bestK + matches(a, alo, bestI, b, blo, bestJ) + matches(a, bestI + bestK, ahi, b, bestJ + bestK, bhi);
}

/** The closest candidate at or above `cutoff`, a case-insensitive equal first; null when none is close. */
export function closest(name: string, candidates: Iterable<string>, cutoff = 0.6): string | null {
  const lower = name.toLowerCase();
  let best: string | null = null;
  let bestScore = cutoff;
  const sorted = [...new Set(candidates)].sort();
  for (const c of sorted) if (c !== name && c.toLowerCase() === lower) return c;
  for (const c of sorted) {
    if (c === name || Math.abs(c.length - name.length) > Math.max(name.length, c.length) / 2 + 2) continue;
    const s = similarity(name, c);
    if (s >= bestScore && (s > bestScore || best === null)) {
      best = c;
      bestScore = s;
    }
  }
  return best;
}

/** True when the only difference is letter case. */
export function caseSlip(a: string, b: string): boolean {
  return a !== b && a.toLowerCase() === b.toLowerCase();
}
