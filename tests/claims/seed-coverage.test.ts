/**
 * Every line of text in the real agent reports (../shared/seeds, read at test
 * time, skipped when absent) must belong to some statement: downstream each
 * statement is either a claim or passed over with a reason, so a line no
 * statement covers would be dropped without anyone knowing.
 */
import { describe, it, expect } from 'vitest';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseClaimDocument } from '../../src/claims/document.js';
import type { Construct } from '../../src/claims/types.js';

const SEEDS = fileURLToPath(new URL('../../../shared/seeds', import.meta.url));
const seeds = existsSync(SEEDS) ? readdirSync(SEEDS).filter((f) => /\.(txt|md)$/.test(f)).sort() : [];

const FENCE = /^\s*(```|~~~)/;
const DELIMITER_ROW = /^\s*\|?\s*:?-+:?\s*(\|\s*:?-+:?\s*)*\|?\s*$/;
const RULE = /^\s*([-*_])(\s*\1){2,}\s*$/;

/** Lines that carry text: not blank, not a fence, a table delimiter row or a rule, with a letter or digit. */
function textLines(text: string): number[] {
  const out: number[] = [];
  text.split(/\r?\n/).forEach((line, i) => {
    if (!line.trim() || FENCE.test(line) || RULE.test(line) || (line.includes('-') && line.includes('|') && DELIMITER_ROW.test(line))) return;
    if (/[\p{L}\p{N}]/u.test(line)) out.push(i + 1);
  });
  return out;
}

describe.skipIf(seeds.length === 0)('seed reports: nothing passed over silently', () => {
  it.each(seeds)('%s', (name) => {
    const text = readFileSync(join(SEEDS, name), 'utf8');
    const doc = parseClaimDocument(name, text);
    const covered = new Set<number>();
    for (const s of doc.statements) for (let l = s.line; l <= s.endLine; l++) covered.add(l);
    const lines = text.split(/\r?\n/);
    const missed = textLines(text)
      .filter((n) => !covered.has(n))
      .map((n) => `${n}: ${lines[n - 1]}`);
    expect(missed).toEqual([]);

    const byConstruct: Partial<Record<Construct, number>> = {};
    for (const s of doc.statements) byConstruct[s.construct] = (byConstruct[s.construct] ?? 0) + 1;
    const planning = doc.statements.filter((s) => s.planning).length;
    const withSubject = doc.statements.filter((s) => s.subjectPath || s.subjectPaths.length).length;
    console.log(`${name}: ${doc.statements.length} statements ${JSON.stringify(byConstruct)} planning=${planning} withSubject=${withSubject}`);

    // Statements are in document order and inside the document.
    const total = lines.length;
    for (const s of doc.statements) {
      expect(s.line).toBeGreaterThanOrEqual(1);
      expect(s.endLine).toBeLessThanOrEqual(total);
      expect(s.endLine).toBeGreaterThanOrEqual(s.line);
      expect(s.docPath).toBe(name);
    }
    const starts = doc.statements.map((s) => s.line);
    expect(starts).toEqual([...starts].sort((a, b) => a - b));
  });
});
