/**
 * Repairs emoji and symbols that were UTF-8 bytes decoded as Mac OS Roman or
 * Windows-1252 (`‚úÖ` for ✅, `üéØ` for 🎯, `â†’` for →). Agent reports pass
 * through tools that do this, and a status mark read as `‚úÖ` is no longer a
 * status mark. Only byte runs that decode as valid UTF-8 are replaced, so
 * ordinary accented text (`café`, `naïve`) is left alone; the repair never
 * adds or removes a line.
 */

/** Mac OS Roman, bytes 0x80–0xFF (0xF0 is Apple's logo, U+F8FF). */
const MAC_ROMAN =
  'ÄÅÇÉÑÖÜáàâäãåçéè' +
  'êëíìîïñóòôöõúùûü' +
  '†°¢£§•¶ß®©™´¨≠ÆØ' +
  '∞±≤≥¥µ∂∑∏π∫ªºΩæø' +
  '¿¡¬√ƒ≈∆«»…\u00a0ÀÃÕŒœ' +
  '–—“”‘’÷◊ÿŸ⁄€‹›ﬁﬂ' +
  '‡·‚„‰ÂÊÁËÈÍÎÏÌÓÔ' +
  '\uf8ffÒÚÛÙıˆ˜¯˘˙˚¸˝˛ˇ';

/** Windows-1252, bytes 0x80–0x9F; its undefined bytes come through as the C1 control of the same number. */
const CP1252_C1 = '€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008dŽ\u008f\u0090‘’“”•–—˜™š›œ\u009džŸ';

function table(chars: string[]): Map<string, number> {
  const m = new Map<string, number>();
  chars.forEach((c, i) => m.set(c, 0x80 + i));
  return m;
}

const MAC_BYTES = table([...MAC_ROMAN]);
const CP1252_BYTES = table([...CP1252_C1, ...Array.from({ length: 0x60 }, (_, i) => String.fromCharCode(0xa0 + i))]);

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

function sequenceLength(lead: number): number {
  if (lead >= 0xc2 && lead <= 0xdf) return 2;
  if (lead >= 0xe0 && lead <= 0xef) return 3;
  if (lead >= 0xf0 && lead <= 0xf4) return 4;
  return 0;
}

/** Decodes one run of high bytes; returns null when nothing in it reads as mis-decoded UTF-8. */
function repairRun(chars: string[], bytes: number[]): string | null {
  const pieces: string[] = [];
  let longest = 0;
  let consumedAll = true;
  let i = 0;
  while (i < bytes.length) {
    const len = sequenceLength(bytes[i]!);
    let decoded: string | null = null;
    if (len && i + len <= bytes.length) {
      try {
        decoded = strictUtf8.decode(Uint8Array.from(bytes.slice(i, i + len)));
      } catch {
        decoded = null;
      }
    }
    if (decoded !== null) {
      pieces.push(decoded);
      longest = Math.max(longest, len);
      i += len;
    } else {
      pieces.push(chars[i]!);
      consumedAll = false;
      i++;
    }
  }
  // A lone two-byte match inside other high characters is as likely to be real
  // text (`Ã©` could be intended); three- and four-byte sequences (emoji,
  // arrows, box drawing) essentially never occur by accident.
  if (!(longest >= 3 || (longest === 2 && consumedAll))) return null;
  const fixed = pieces.join('');
  // A control, private-use or leading combining character means the bytes were
  // never UTF-8 text in this encoding.
  return /^\p{M}|[\p{Cc}\p{Co}]/u.test(fixed) ? null : fixed;
}

function repairWith(text: string, bytesOf: Map<string, number>): string {
  let out = '';
  let last = 0;
  let i = 0;
  while (i < text.length) {
    if (!bytesOf.has(text[i]!)) {
      i++;
      continue;
    }
    const start = i;
    const chars: string[] = [];
    const bytes: number[] = [];
    while (i < text.length && bytesOf.has(text[i]!)) {
      chars.push(text[i]!);
      bytes.push(bytesOf.get(text[i]!)!);
      i++;
    }
    if (bytes.length < 2) continue;
    const fixed = repairRun(chars, bytes);
    if (fixed !== null) {
      out += text.slice(last, start) + fixed;
      last = i;
    }
  }
  return last === 0 ? text : out + text.slice(last);
}

/** The text with mis-decoded UTF-8 runs decoded again; unchanged when there are none. */
export function repairMojibake(text: string): string {
  // Mis-decoded UTF-8 is made of non-ASCII characters only; most reports are ASCII.
  if (!/[^\x00-\x7f]/.test(text)) return text;
  // Windows-1252 first: its two-byte accents (`Ã©`) also decode under Mac Roman, to nonsense.
  return repairWith(repairWith(text, CP1252_BYTES), MAC_BYTES);
}
