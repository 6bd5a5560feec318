/**
 * Decoding and counting conventions shared by every stage, so a line number
 * means the same thing in a finding, a claim verdict and an excerpt.
 */

/** True when the bytes look binary: a NUL byte in the first 8 KiB, as git decides. */
export function looksBinary(bytes: Uint8Array): boolean {
  const n = Math.min(bytes.length, 8192);
  for (let i = 0; i < n; i++) if (bytes[i] === 0) return true;
  return false;
}

/**
 * Decodes UTF-8, tolerating invalid sequences (replaced by U+FFFD) and
 * dropping a byte-order mark. Reports whether anything had to be replaced.
 */
export function decodeText(bytes: Uint8Array): { text: string; invalidUtf8: boolean } {
  let start = 0;
  if (bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) start = 3;
  const view = bytes.subarray(start);
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(view), invalidUtf8: false };
  } catch {
    return { text: new TextDecoder('utf-8').decode(view), invalidUtf8: true };
  }
}

/**
 * Line-count convention: `wc -l` counts newline characters; editors count a
 * last line without a newline as a line too. claimcheck counts lines as an
 * editor shows them: the number of newline-separated lines, where a final
 * line without newline counts and a trailing newline does not open a new line.
 * An empty file has 0 lines.
 */
export function countLines(text: string): number {
  if (text.length === 0) return 0;
  let n = 0;
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) n++;
  return text.endsWith('\n') ? n : n + 1;
}

/** Splits into lines without their terminators (handles CRLF). */
export function splitLines(text: string): string[] {
  const lines = text.split(/\r?\n/);
  if (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  return lines;
}

/** Lines `from`..`to` (1-based, inclusive) joined, each at most `width` characters. */
export function excerpt(text: string, from: number, to: number, width = 240): string {
  const lines = splitLines(text);
  const a = Math.max(1, from);
  const b = Math.min(lines.length, Math.max(a, to));
  const out: string[] = [];
  for (let i = a; i <= b; i++) {
    const l = lines[i - 1] ?? '';
    out.push(l.length > width ? l.slice(0, width) + '…' : l);
  }
  return out.join('\n');
}

/** Offsets where lines start, counting `\n` only (the line convention above), for many offset → line lookups. */
export function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return starts;
}

/** 1-based line holding `offset`, by binary search over `lineStarts`. */
export function lineOfOffset(starts: readonly number[], offset: number): number {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid]! <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo + 1;
}
