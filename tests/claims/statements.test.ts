import { describe, expect, it } from 'vitest';
import { parseClaimDocument } from '../../src/claims/document.js';
import { combineVerdicts, reportDocuments, statementVerdicts, verdictCounts } from '../../src/claims/statements.js';
import type { CheckedClaim, Verdict } from '../../src/claims/types.js';

const DOC = 'notes/DELIVERY.md';

/** A checked claim made on the given lines of the document (the first is its source). */
function claim(id: string, verdict: Verdict, lines: number[], text = id, path = DOC): CheckedClaim {
  const sources = lines.map((line) => ({ path, line }));
  return {
    id,
    kind: 'other',
    text,
    source: sources[0]!,
    sources,
    subject: { path: null, symbol: null },
    data: {},
    verdict,
    reason: `${verdict} because`,
    evidence: [],
  };
}

const report = [
  '# Delivery notes', //                                   1
  '', //                                                   2
  '- `src/queue.ts`: 120 lines, 4 methods', //             3
  '- Retries use exponential backoff', //                  4
  '', //                                                   5
  'Moved the cache to Redis. Tests pass on CI.', //        6
  '', //                                                   7
  '```ts', //                                              8
  'queue.push(job, { retries: 3 });', //                   9
  '```', //                                                10
  '', //                                                   11
  '## Next steps', //                                      12
  '', //                                                   13
  '- Add metrics', //                                      14
].join('\n');

describe('combineVerdicts', () => {
  it('is contradicted when any part is, whatever the others say', () => {
    expect(combineVerdicts(['verified', 'contradicted', 'verified'])).toBe('contradicted');
    expect(combineVerdicts(['unverifiable', 'contradicted'])).toBe('contradicted');
  });

  it('is verified only when every part is verified', () => {
    expect(combineVerdicts(['verified', 'verified'])).toBe('verified');
    // A file that exists (verified) does not carry a count nobody could check.
    expect(combineVerdicts(['verified', 'unverifiable'])).toBe('unverifiable');
  });

  it('is unverifiable for a line with no verdict at all', () => {
    expect(combineVerdicts([])).toBe('unverifiable');
  });
});

describe('statementVerdicts', () => {
  const doc = parseClaimDocument(DOC, report);

  it('gives one statement per claimed line, with the parsed text and every claim on the line', () => {
    const statements = statementVerdicts(
      [claim('c-exists', 'verified', [3]), claim('c-lines', 'contradicted', [3]), claim('c-methods', 'verified', [3]), claim('c-backoff', 'unverifiable', [4])],
      [doc],
    );
    expect(statements).toEqual([
      { path: DOC, line: 3, text: '`src/queue.ts`: 120 lines, 4 methods', verdict: 'contradicted', claims: ['c-exists', 'c-lines', 'c-methods'] },
      { path: DOC, line: 4, text: 'Retries use exponential backoff', verdict: 'unverifiable', claims: ['c-backoff'] },
    ]);
  });

  it('counts a claim on every line that makes it', () => {
    const statements = statementVerdicts([claim('c-twice', 'contradicted', [4, 9]), claim('c-ok', 'verified', [9])], [doc]);
    expect(statements.map((s) => [s.line, s.verdict, s.claims])).toEqual([
      [4, 'contradicted', ['c-twice']],
      [9, 'contradicted', ['c-twice', 'c-ok']],
    ]);
  });

  it('joins the sentences that start on one paragraph line', () => {
    const [s] = statementVerdicts([claim('c-redis', 'verified', [6]), claim('c-ci', 'verified', [6])], [doc]);
    expect(s).toMatchObject({ line: 6, text: 'Moved the cache to Redis. Tests pass on CI.', verdict: 'verified' });
  });

  it('names a code block by its opening line and its text by the block', () => {
    const [s] = statementVerdicts([claim('c-snippet', 'verified', [8])], [doc]);
    expect(s).toMatchObject({ line: 8, text: 'queue.push(job, { retries: 3 });' });
    // A claim placed inside the block still reads the block's text.
    const [inside] = statementVerdicts([claim('c-inner', 'verified', [9])], [doc]);
    expect(inside).toMatchObject({ line: 9, text: 'queue.push(job, { retries: 3 });' });
  });

  it('falls back to the claims’ own text when the document is not at hand', () => {
    const [s] = statementVerdicts([claim('c-a', 'verified', [2], 'first part'), claim('c-b', 'verified', [2], 'first part')], []);
    expect(s).toMatchObject({ line: 2, text: 'first part', verdict: 'verified' });
  });

  it('sorts by path, then line, whatever order the claims come in', () => {
    const statements = statementVerdicts(
      [claim('c-1', 'verified', [9], 'x', 'b.md'), claim('c-2', 'verified', [12], 'x', 'a.md'), claim('c-3', 'verified', [3], 'x', 'a.md')],
      [],
    );
    expect(statements.map((s) => `${s.path}:${s.line}`)).toEqual(['a.md:3', 'a.md:12', 'b.md:9']);
  });
});

describe('reportDocuments', () => {
  const doc = parseClaimDocument(DOC, report);

  it('keeps the text and the lines that make no claim, with their reasons joined, never a claimed line', () => {
    const statements = statementVerdicts([claim('c-x', 'verified', [3])], [doc]);
    const [d] = reportDocuments(
      [doc, doc],
      [
        { path: DOC, line: 1, reason: 'section title' },
        { path: DOC, line: 3, reason: 'not recognised' },
        { path: DOC, line: 14, reason: 'recommendation, plan or future work' },
        { path: DOC, line: 14, reason: 'not recognised' },
        { path: DOC, line: 14, reason: 'not recognised' },
        { path: 'other.md', line: 2, reason: 'section title' },
      ],
      statements,
    );
    expect(d!.text).toBe(report);
    expect(d!.passedOver).toEqual([
      { line: 1, reason: 'section title' },
      { line: 14, reason: 'recommendation, plan or future work; not recognised' },
    ]);
  });

  it('drops a byte-order mark so the first line reads as written', () => {
    const [d] = reportDocuments([parseClaimDocument('b.md', '\uFEFF# Title\n')], [], []);
    expect(d!.text).toBe('# Title\n');
  });

  it('shows emoji a tool mis-decoded as the parser read them, on the same lines, and leaves accents alone', () => {
    // ✅ (E2 9C 85) read as Mac OS Roman, then a line of ordinary accented text.
    const [d] = reportDocuments([parseClaimDocument('m.md', '- \u201A\u00FA\u00D6 Deployed\n- Caf\u00E9 menu\n')], [], []);
    expect(d!.text).toBe('- \u2705 Deployed\n- Caf\u00E9 menu\n');
  });
});

describe('verdictCounts', () => {
  it('counts each verdict', () => {
    expect(verdictCounts([{ verdict: 'verified' }, { verdict: 'verified' }, { verdict: 'contradicted' }])).toEqual({ verified: 2, contradicted: 1, unverifiable: 0 });
  });
});
