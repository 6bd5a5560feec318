import { describe, it, expect } from 'vitest';
import { parseClaimDocument, parseLines } from '../../src/claims/document.js';
import { repairMojibake } from '../../src/claims/mojibake.js';
import type { Statement } from '../../src/claims/types.js';

const parse = (md: string) => parseClaimDocument('reports/STATUS.md', md).statements;
const at = (sts: Statement[], line: number) => sts.filter((s) => s.line === line);
const one = (sts: Statement[], text: string | RegExp): Statement => {
  const hits = sts.filter((s) => (typeof text === 'string' ? s.text === text : text.test(s.text)));
  expect(hits, `exactly one statement matching ${text}`).toHaveLength(1);
  return hits[0]!;
};

describe('fields', () => {
  it('splits a header block of bold fields, with hard or soft line breaks, into one statement per line', () => {
    const md = [
      '# Worker pool refactor — handoff', //     1
      '', //                                      2
      '**Owner**: build-bot  ', //                3 (hard break)
      '**Started:** 2025-03-02  ', //             4
      '**Outcome**: ✅ **SHIPPED**', //           5
      '', //                                      6
      '**Agent:** Refactor Specialist', //        7 (soft breaks)
      '**Scope:** queue and retry logic', //      8
      '**Result:** 14/14 checks green', //        9
    ].join('\n');
    const sts = parse(md);
    const fields = sts.filter((s) => s.construct === 'field');
    expect(fields.map((s) => [s.line, s.label, s.value])).toEqual([
      [3, 'Owner', 'build-bot'],
      [4, 'Started', '2025-03-02'],
      [5, 'Outcome', '✅ SHIPPED'],
      [7, 'Agent', 'Refactor Specialist'],
      [8, 'Scope', 'queue and retry logic'],
      [9, 'Result', '14/14 checks green'],
    ]);
    expect(one(sts, 'Outcome: ✅ SHIPPED').endLine).toBe(5);
  });

  it('reads status-marked, plain and whole-bold fields, and headings shaped like fields', () => {
    const md = [
      '### Checks Passed: 76', //                              1
      '', //                                                   2
      '- ✅ **Lint**: no warnings', //                         3
      '- Type check: clean after the `strict` switch', //      4
      '- Migrated the cache layer to the new client', //       5
      '', //                                                   6
      '**OVERALL: READY**', //                                 7
    ].join('\n');
    const sts = parse(md);
    expect(at(sts, 1)[0]).toMatchObject({ construct: 'heading', label: 'Checks Passed', value: '76' });
    expect(at(sts, 3)[0]).toMatchObject({ construct: 'list-item', label: 'Lint', value: 'no warnings', text: '✅ Lint: no warnings' });
    expect(at(sts, 4)[0]).toMatchObject({ label: 'Type check', value: 'clean after the `strict` switch', code: ['strict'] });
    expect(at(sts, 5)[0]!.label).toBeUndefined();
    expect(at(sts, 7)[0]).toMatchObject({ construct: 'field', label: 'OVERALL', value: 'READY' });
  });

  it('gives each status-marked line of a paragraph its own statement', () => {
    const sts = parse(['✅ Build passes on arm64', '⚠️ Flaky: `e2e/login.spec.ts`', '❌ Docs not updated'].join('\n'));
    expect(sts.map((s) => [s.line, s.text])).toEqual([
      [1, '✅ Build passes on arm64'],
      [2, '⚠️ Flaky: `e2e/login.spec.ts`'],
      [3, '❌ Docs not updated'],
    ]);
  });

  it('does not take a wrapped sentence or a long lead-in for a field', () => {
    const md = [
      'The nightly run stopped early and', //        1
      'the reason: the runner lost its disk.', //    2
      '', //                                         3
      'Everything the team asked for in the spec was delivered: see below', // 5 words+ label
    ].join('\n');
    const sts = parse(md);
    const first = one(sts, /^The nightly run/);
    expect(first).toMatchObject({ construct: 'paragraph', line: 1, endLine: 2 });
    expect(first.label).toBeUndefined();
    expect(one(sts, /^Everything the team/).label).toBeUndefined();
  });
});

describe('text, sentences and positions', () => {
  it('flattens emphasis and links, keeps inline code in backticks', () => {
    const sts = parse('The **pool** now _reuses_ [connections](https://example.com/x) via `Pool.acquire()` and `retry.py`.');
    expect(sts).toHaveLength(1);
    expect(sts[0]).toMatchObject({
      text: 'The pool now reuses connections via `Pool.acquire()` and `retry.py`.',
      code: ['Pool.acquire()', 'retry.py'],
      construct: 'paragraph',
    });
  });

  it('splits sentences but not at decimals, versions, file names or abbreviations', () => {
    const md =
      'Coverage rose to 93.8% on Node 20.11.1 after the change. The loader in lib/load.py was rewritten, e.g. the tokenizer and ' +
      'the cache. All 41 checks pass! Next the docs';
    const sts = parse(md);
    expect(sts.map((s) => s.text)).toEqual([
      'Coverage rose to 93.8% on Node 20.11.1 after the change.',
      'The loader in lib/load.py was rewritten, e.g. the tokenizer and the cache.',
      'All 41 checks pass!',
      'Next the docs',
    ]);
  });

  it('gives each sentence of a wrapped paragraph its own source lines', () => {
    const md = ['# T', '', 'First claim spans', 'two lines. Second claim', 'spans two more', 'lines. Third.'].join('\n');
    const sts = parse(md).filter((s) => s.construct === 'paragraph');
    expect(sts.map((s) => [s.line, s.endLine])).toEqual([
      [3, 4],
      [4, 6],
      [6, 6],
    ]);
  });

  it('handles CRLF line endings and a byte-order mark', () => {
    const md = '\ufeff# Deploy notes\r\n\r\n**Region**: eu-west-1\r\n\r\n- rollout finished\r\n- 3 pods restarted\r\n';
    const sts = parse(md);
    expect(sts.map((s) => [s.construct, s.line, s.text])).toEqual([
      ['heading', 1, 'Deploy notes'],
      ['field', 3, 'Region: eu-west-1'],
      ['list-item', 5, 'rollout finished'],
      ['list-item', 6, '3 pods restarted'],
    ]);
    expect(sts.every((s) => !/[\r\ufeff]/.test(s.text + (s.value ?? '')))).toBe(true);
  });

  it('repairs emoji that were decoded as Mac Roman or Windows-1252, and nothing else', () => {
    // 🎯 read as Mac Roman starts with Apple's logo (U+F8FF), as in real reports.
    const macRoman = '## ‚úÖ Done\n\n- **Status**: ‚ùå failing\n- \uf8ffüéØ target met\n- caf√© is not touched? no: `café` stays';
    const doc = parseClaimDocument('r.md', macRoman);
    expect(doc.text).toBe(macRoman);
    expect(doc.statements.map((s) => s.text)).toEqual(['✅ Done', 'Status: ❌ failing', '🎯 target met', 'café is not touched? no: `café` stays']);
    expect(doc.statements.map((s) => s.line)).toEqual([1, 3, 4, 5]);
    expect(repairMojibake('âœ… tests â†’ green')).toBe('✅ tests → green');
    for (const fine of ['naïve café – “quoted” • bullet', 'Ça coûte 5 €', 'Größe ≤ 10']) expect(repairMojibake(fine)).toBe(fine);
  });

  it('reads plain text without markdown', () => {
    const sts = parse('Fixed the retry loop in api/client.go. Tests: 57/57 passing\nNo regressions seen');
    expect(sts.map((s) => [s.line, s.text])).toEqual([
      [1, 'Fixed the retry loop in api/client.go.'],
      [1, 'Tests: 57/57 passing No regressions seen'],
    ]);
  });
});

describe('lists and nesting', () => {
  it('keeps each item to its own text and puts the items above it in parents', () => {
    const md = [
      '1. **Retry storm** - HIGH', //          1
      '   - Cause: no jitter on backoff', //   2
      '     - seen in `worker/loop.go`', //    3
      '2. Cache misses - LOW', //              4
      '- [x] migrate the schema', //           5
      '- [ ] drop the old table', //           6
    ].join('\n');
    const sts = parse(md);
    expect(at(sts, 1)[0]).toMatchObject({ text: 'Retry storm - HIGH', construct: 'list-item' });
    expect(at(sts, 1)[0]!.parents).toBeUndefined();
    expect(at(sts, 2)[0]).toMatchObject({ label: 'Cause', parents: ['Retry storm - HIGH'] });
    expect(at(sts, 3)[0]!.parents).toEqual(['Retry storm - HIGH', 'Cause: no jitter on backoff']);
    expect(at(sts, 4)[0]!.parents).toBeUndefined();
    expect(at(sts, 5)[0]!.text).toBe('[x] migrate the schema');
    expect(at(sts, 6)[0]!.text).toBe('[ ] drop the old table');
  });

  it('makes a lead-in line ending in a colon the parent of the list below it', () => {
    const md = ['Still broken after the patch:', '- the CSV export', '- dark mode toggle'].join('\n');
    const sts = parse(md);
    expect(sts.filter((s) => s.construct === 'list-item').map((s) => s.parents)).toEqual([
      ['Still broken after the patch:'],
      ['Still broken after the patch:'],
    ]);
  });
});

describe('subjects', () => {
  it('a File field holds until the next heading of its level, and keeps its line reference in value', () => {
    const md = [
      '## Fix A', //                              1
      '**File**: `svc/handlers/upload.py:40-52`', // 2
      '', //                                      3
      'Size checks added.', //                    4
      '', //                                      5
      '### Detail', //                            6
      '', //                                      7
      'Limit is 10 MB.', //                       8
      '', //                                      9
      '## Fix B', //                              10
      '', //                                      11
      'Unrelated change.', //                     12
      '**Module**: `billing/invoice.go`', //      13
      '', //                                      14
      '---', //                                   15
      '', //                                      16
      '**Signed off**: release bot', //           17
    ].join('\n');
    const sts = parse(md);
    const field = at(sts, 2)[0]!;
    expect(field).toMatchObject({ label: 'File', value: '`svc/handlers/upload.py:40-52`', subjectPath: 'svc/handlers/upload.py' });
    expect(field.subjectPaths).toEqual(['svc/handlers/upload.py']);
    expect(at(sts, 4)[0]!.subjectPath).toBe('svc/handlers/upload.py');
    expect(at(sts, 8)[0]!.subjectPath).toBe('svc/handlers/upload.py');
    expect(at(sts, 8)[0]!.headings).toEqual(['Fix A', 'Detail']);
    expect(at(sts, 10)[0]!.subjectPath).toBeNull();
    expect(at(sts, 12)[0]!.subjectPath).toBeNull();
    expect(at(sts, 13)[0]!.subjectPath).toBe('billing/invoice.go');
    expect(at(sts, 17)[0]!.subjectPath).toBeNull();
  });

  it('a File field in a list item holds for the rest of that list only', () => {
    const md = [
      '### Parser', //                                        1
      '- **Path**: `/pkg/parse/lexer.go`', //                 2
      '- **Size**: 310 lines, 12 functions', //               3
      '', //                                                  4
      'Overall the parser work is done.', //                  5
      '', //                                                  6
      '1. **Location**: `pkg/emit/`', //                      7
      '   - writer rewritten', //                             8
      '2. **File**: `pkg/emit/buf.go` (88 lines)', //         9
      '   - buffer pooled', //                                10
    ].join('\n');
    const sts = parse(md);
    expect(at(sts, 2)[0]!.subjectPath).toBe('/pkg/parse/lexer.go');
    expect(at(sts, 3)[0]!.subjectPath).toBe('/pkg/parse/lexer.go');
    expect(at(sts, 5)[0]!.subjectPath).toBeNull();
    expect(at(sts, 8)[0]!.subjectPath).toBe('pkg/emit/');
    expect(at(sts, 9)[0]!.subjectPath).toBe('pkg/emit/buf.go');
    expect(at(sts, 10)[0]!.subjectPath).toBe('pkg/emit/buf.go');
  });

  it('a heading naming a file sets the subject of its section; look-alikes do not', () => {
    const md = [
      '## Changes in `internal/db/pool.go`', // 1
      'Pool size is now 20.', //               2
      '### Tests', //                          3
      'Two tests added.', //                   4
      '## config/settings.yaml', //            5
      'Timeout raised.', //                    6
      '## Node.js upgrade', //                 7
      'Now on 20.', //                         8
      '## CI/CD pipeline', //                  9
      'Green.', //                             10
    ].join('\n');
    const sts = parse(md);
    expect([2, 3, 4].map((l) => at(sts, l)[0]!.subjectPath)).toEqual(['internal/db/pool.go', 'internal/db/pool.go', 'internal/db/pool.go']);
    expect(at(sts, 6)[0]!.subjectPath).toBe('config/settings.yaml');
    expect(at(sts, 8)[0]!.subjectPath).toBeNull();
    expect(at(sts, 10)[0]!.subjectPath).toBeNull();
  });

  it('a Files field takes the paths of the list below it, or of its own value', () => {
    const md = [
      '#### Queue rework', //                                 1
      '**Files changed**:', //                                2
      '- `queue/broker.ts` (new)', //                         3
      '- `queue/consumer.ts`', //                             4
      '', //                                                  5
      '- **Backpressure** with a bounded buffer', //          6
      '', //                                                  7
      '#### Single', //                                       8
      '- **Files:** `tools/gen.py:12`', //                    9
      '- generator fixed', //                                 10
      '', //                                                  11
      '#### Nested', //                                       12
      '- **Files**:', //                                      13
      '  - `web/app.tsx`', //                                 14
      '  - `web/routes.tsx`', //                              15
      '- both compile', //                                    16
    ].join('\n');
    const sts = parse(md);
    const paths = ['queue/broker.ts', 'queue/consumer.ts'];
    expect(at(sts, 2)[0]).toMatchObject({ label: 'Files changed', subjectPath: null, subjectPaths: paths });
    expect(at(sts, 3)[0]).toMatchObject({ subjectPath: 'queue/broker.ts', parents: ['Files changed:'] });
    expect(at(sts, 6)[0]).toMatchObject({ subjectPath: null, subjectPaths: paths });
    expect(at(sts, 6)[0]!.parents).toBeUndefined();
    expect(at(sts, 9)[0]).toMatchObject({ subjectPath: 'tools/gen.py', subjectPaths: ['tools/gen.py'], value: '`tools/gen.py:12`' });
    expect(at(sts, 10)[0]!.subjectPath).toBe('tools/gen.py');
    expect(at(sts, 13)[0]!.subjectPaths).toEqual(['web/app.tsx', 'web/routes.tsx']);
    expect(at(sts, 14)[0]).toMatchObject({ subjectPath: 'web/app.tsx', parents: ['Files:'] });
    expect(at(sts, 16)[0]).toMatchObject({ subjectPath: null, subjectPaths: ['web/app.tsx', 'web/routes.tsx'] });
  });

  it('a list item that starts with a path is about that path, with its children; prose and symbols are not paths', () => {
    const md = [
      '- `cmd/serve.go` - wires the health handler', // 1
      '  - adds `/healthz`', //                         2
      '- **RELEASE_NOTES.md** (4KB)', //                3
      '- build-output.log', //                          4
      '- `Scheduler.tick()` - now idempotent', //       5
      '- Round-robin, weighted and random modes', //    6
    ].join('\n');
    const sts = parse(md);
    expect([1, 2, 3, 4, 5, 6].map((l) => at(sts, l)[0]!.subjectPath)).toEqual([
      'cmd/serve.go',
      'cmd/serve.go',
      'RELEASE_NOTES.md',
      'build-output.log',
      null,
      null,
    ]);
  });

  it('a table with a File column takes each row subject from that cell', () => {
    const md = [
      '| File | Lines | Status |', //                 1
      '|------|-------|--------|', //                 2
      '| `src/auth/token.ts:88` | 120 | ✅ done |', // 3
      '| **src/auth/session.ts** | 64 | ⚠️ partial |', // 4
      '| (none) | 0 | — |', //                        5
    ].join('\n');
    const sts = parse(md);
    expect(at(sts, 1)[0]).toMatchObject({ construct: 'table-row', table: { headers: ['File', 'Lines', 'Status'], cells: ['File', 'Lines', 'Status'], header: true } });
    expect(at(sts, 3)[0]).toMatchObject({ subjectPath: 'src/auth/token.ts', text: '`src/auth/token.ts:88` | 120 | ✅ done', code: ['src/auth/token.ts:88'] });
    expect(at(sts, 4)[0]!.subjectPath).toBe('src/auth/session.ts');
    expect(at(sts, 5)[0]!.subjectPath).toBeNull();
  });
});

describe('tables', () => {
  it('one statement per row of a Target | Actual | Status table', () => {
    const md = ['| Metric | Target | Actual | Status |', '|---|---|---|---|', '| p95 latency | <200ms | 140ms | ✅ Met |', '| Error rate | <1% | 2.4% | ❌ Missed |'].join('\n');
    const rows = parse(md).filter((s) => !s.table?.header);
    expect(rows.map((s) => [s.line, s.text])).toEqual([
      [3, 'p95 latency | <200ms | 140ms | ✅ Met'],
      [4, 'Error rate | <1% | 2.4% | ❌ Missed'],
    ]);
    expect(rows[1]!.table).toEqual({ headers: ['Metric', 'Target', 'Actual', 'Status'], cells: ['Error rate', '<1%', '2.4%', '❌ Missed'] });
  });

  it('reads ragged tables: a short delimiter row, short and long body rows', () => {
    const md = ['Results:', '', '| Suite | Passed | Failed |', '|---|---|', '| unit | 120 | 0 | extra |', '| e2e | 9 |'].join('\n');
    const sts = parse(md).filter((s) => s.construct === 'table-row');
    expect(sts.map((s) => s.line)).toEqual([3, 5, 6]);
    expect(sts[1]!.table!.cells).toEqual(['unit', '120', '0', 'extra']);
    expect(sts[2]!.table!.cells).toEqual(['e2e', '9', '']);
    expect(sts[2]!.text).toBe('e2e | 9');
  });
});

describe('code blocks', () => {
  const md = [
    '### Timeout fix', //                    1
    '**File**: `client/http.py`', //         2
    '', //                                   3
    '**BEFORE:**', //                        4
    '```python', //                          5
    'resp = requests.get(url)', //           6
    '```', //                                7
    '', //                                   8
    '**AFTER:**', //                         9
    '```python', //                          10
    'resp = requests.get(url, timeout=10)', // 11
    '```', //                                12
    '', //                                   13
    'Build output:', //                      14
    '```', //                                15
    'client/http.py:31:5: E999 SyntaxError: invalid syntax', // 16
    '```', //                                17
    '', //                                   18
    'After deploying, run:', //              19
    '```bash', //                            20
    'make smoke', //                         21
    '```', //                                22
    '', //                                   23
    '```go', //                              24
    'return &Result{Error: err}', //         25
    '```', //                                26
  ].join('\n');
  const code = parse(md).filter((s) => s.construct === 'code-block');

  it('pairs a BEFORE block with the AFTER block right after it', () => {
    expect(code.map((s) => [s.line, s.endLine, s.codeBlock!.role])).toEqual([
      [5, 7, 'before'],
      [10, 12, 'after'],
      [15, 17, 'error'],
      [20, 22, 'other'],
      [24, 26, 'other'],
    ]);
    expect(code[0]!.codeBlock).toEqual({ lang: 'python', value: 'resp = requests.get(url)', role: 'before', pair: 'resp = requests.get(url, timeout=10)' });
    expect(code[1]!.codeBlock!.pair).toBe('resp = requests.get(url)');
    expect(code[1]!.subjectPath).toBe('client/http.py');
    expect(code[2]!.codeBlock!.pair).toBeUndefined();
  });

  it('recognises labels like "Old code:" and "Line 12 was:", and leaves a block without a label alone', () => {
    const blocks = (...leads: string[]) =>
      parse(leads.map((l, i) => `${l}\n\n\`\`\`\nx = ${i}\n\`\`\``).join('\n\n'))
        .filter((s) => s.codeBlock)
        .map((s) => s.codeBlock!.role);
    expect(blocks('Line 12 was:', 'Line 12 now reads:', 'Old code (line 12):', 'Fixed version:', '## Before', 'Notes')).toEqual([
      'before',
      'after',
      'before',
      'after',
      'before',
      'other',
    ]);
    expect(blocks('Now run the migration with:', 'New features include:', 'Before deploying, check the config:')).toEqual(['other', 'other', 'other']);
  });

  it('closes a fence left open before the next section instead of swallowing the rest', () => {
    const md = ['## Patch', '```python', 'def f():', '    return 1', '', '## Results', '', '- 12 tests pass'].join('\n');
    const sts = parse(md);
    expect(sts.map((s) => [s.construct, s.line])).toEqual([
      ['heading', 1],
      ['code-block', 2],
      ['heading', 6],
      ['list-item', 8],
    ]);
    expect(sts[1]!.codeBlock!.value).toBe('def f():\n    return 1');
    expect(sts[3]!.headings).toEqual(['Results']);
  });

  it('keeps an open fence with no later section as code to the end', () => {
    const sts = parse('Log:\n\n```\nFAIL test_a\nok test_b');
    expect(sts.map((s) => [s.construct, s.line, s.endLine])).toEqual([
      ['paragraph', 1, 1],
      ['code-block', 3, 5],
    ]);
    expect(sts[1]!.codeBlock!.role).toBe('error');
  });
});

describe('planning', () => {
  const md = [
    '## Results', //                                    1
    '- 40 endpoints migrated', //                       2
    '## Next Steps', //                                 3
    '1. Remove the feature flag', //                    4
    '## Recommendations', //                            5
    '### Short term', //                                6
    '- add alerting', //                                7
    '## Actions completed', //                          8
    '- flag removed', //                                9
    '## Explanation of the design', //                  10
    'The broker owns retries.', //                      11
    '', //                                              12
    '**Recommendation**: ship it', //                   13
    '', //                                              14
    '**Next Steps**:', //                               15
    '- run the soak test', //                           16
    '', //                                              17
    'Done here.', //                                    18
    '## Follow-up work', //                             19
    '- tune pool size', //                              20
    '', //                                              21
    '---', //                                           22
    '', //                                              23
    '**Status**: ✅ complete', //                       24
  ].join('\n');
  const sts = parse(md);
  const planning = (line: number) => at(sts, line)[0]!.planning;

  it('marks statements under plan-like headings, at any depth below them', () => {
    expect([1, 2].map(planning)).toEqual([false, false]);
    expect([3, 4, 5, 6, 7].map(planning)).toEqual([true, true, true, true, true]);
    expect(at(sts, 7)[0]!.headings).toEqual(['Recommendations', 'Short term']);
    expect([8, 9, 10, 11].map(planning)).toEqual([false, false, false, false]);
    expect([19, 20].map(planning)).toEqual([true, true]);
  });

  it('marks plan-like fields and the list they lead in, not what follows', () => {
    expect([13, 15, 16].map(planning)).toEqual([true, true, true]);
    expect(planning(18)).toBe(false);
  });

  it('ends at a rule: a sign-off after `---` is not part of the plan', () => {
    expect(planning(24)).toBe(false);
  });
});

describe('robustness', () => {
  it('emits HTML blocks as text without tags', () => {
    const sts = parse(['<details><summary>Full log</summary>', '', 'Everything passed.', '', '</details>', '<!-- hidden note -->'].join('\n'));
    expect(sts.map((s) => [s.line, s.text])).toEqual([
      [1, 'Full log'],
      [3, 'Everything passed.'],
    ]);
  });

  it('never throws, whatever the input', () => {
    const inputs = ['', '   \n\n  ', '\u0000\u0001', '> '.repeat(400) + 'deep', '- '.repeat(300) + 'x', '|'.repeat(50), '```', '**', '[x]: ', '#'.repeat(7)];
    for (const input of inputs) expect(() => parseClaimDocument('w.md', input)).not.toThrow();
    expect(parseClaimDocument('w.md', '').statements).toEqual([]);
  });

  it('has a line-based reading for text remark cannot handle', () => {
    const doc = parseLines('x.md', '# Fixes\n**File**: `a/b.py`\n- timeout added\n```\ncode here\n```\n| a | b |\n|---|---|\n## Next steps\n- more');
    expect(doc.statements.map((s) => [s.line, s.construct, s.subjectPath, s.planning])).toEqual([
      [1, 'heading', null, false],
      [2, 'field', 'a/b.py', false],
      [3, 'list-item', 'a/b.py', false],
      [5, 'code-block', 'a/b.py', false],
      [7, 'table-row', 'a/b.py', false],
      [9, 'heading', null, true],
      [10, 'list-item', null, true],
    ]);
  });

  it('covers every text line of a mixed report with some statement', () => {
    const md = [
      '# Report',
      '**Run**: 7  ',
      '**By**: ci',
      '',
      'Intro line one',
      'continues here. And a second sentence.',
      '',
      '> **Note**: quoted',
      '',
      '- a',
      '  - b',
      '    continued',
      '',
      '| x | y |',
      '|---|---|',
      '| 1 | 2 |',
      '',
      '```',
      'code',
      '```',
      '',
      '    indented code',
    ].join('\n');
    const sts = parse(md);
    expect(sts.filter((s) => s.construct === 'code-block').map((s) => [s.line, s.codeBlock!.lang, s.codeBlock!.value])).toEqual([
      [18, null, 'code'],
      [22, null, 'indented code'],
    ]);
    const covered = new Set<number>();
    for (const s of sts) for (let l = s.line; l <= s.endLine; l++) covered.add(l);
    const textLines = md.split('\n').map((l, i) => [i + 1, l] as const).filter(([, l]) => /[\p{L}\p{N}]/u.test(l));
    expect(textLines.filter(([n]) => !covered.has(n))).toEqual([]);
  });

  it('parses a 10,000-bullet report in linear time', () => {
    const report = (n: number) =>
      '# Inventory\n\n' + Array.from({ length: n }, (_, i) => `- ✅ **Check ${i}**: \`pkg/m${i}.py\` ${i % 700} lines`).join('\n') + '\n';
    const timed = (n: number) => {
      const md = report(n);
      const t0 = performance.now();
      const sts = parse(md);
      return { ms: performance.now() - t0, sts };
    };
    timed(200);
    const quarter = Math.min(timed(2_500).ms, timed(2_500).ms);
    const { ms, sts } = timed(10_000);
    console.log(`10k bullets: ${sts.length} statements in ${ms.toFixed(0)} ms (2.5k: ${quarter.toFixed(0)} ms)`);
    expect(sts).toHaveLength(10_001);
    expect(sts[10_000]).toMatchObject({ line: 10_002, label: 'Check 9999', construct: 'list-item' });
    // Linear growth makes 4x the bullets cost about 4x; quadratic would be 16x. The
    // absolute bound (about 1.5 s on an idle core) leaves room for a loaded machine.
    expect(ms).toBeLessThan(Math.max(8 * quarter, 2_000));
    expect(ms).toBeLessThan(20_000);
  }, 60_000);
});

describe('fenced blocks that are text', () => {
  it('reads a card of Label: value lines as one field per line, beside the block', () => {
    const md = [
      '## Open problems', //                              1
      '', //                                               2
      '**2. Cache warm-up race**', //                      3
      '```', //                                            4
      'Error: cache miss storm on cold start', //         5
      'Root Cause: warm-up runs after the listener opens', // 6
      'Expected: 0 misses', //                             7
      '```', //                                            8
    ].join('\n');
    const sts = parse(md);
    expect(at(sts, 4).map((s) => s.construct)).toEqual(['code-block']);
    expect(sts.filter((s) => s.blockLine === 'fields').map((s) => [s.line, s.label, s.value])).toEqual([
      [5, 'Error', 'cache miss storm on cold start'],
      [6, 'Root Cause', 'warm-up runs after the listener opens'],
      [7, 'Expected', '0 misses'],
    ]);
  });

  it('look-alike: code, YAML keys and a half-field block stay one code block', () => {
    const md = [
      '```python', //                 1
      'Error: int = 3', //            2
      'Value: str = "x"', //          3
      '```', //                       4
      '```', //                       5
      'name: api', //                 6
      'image: api:1.2', //            7
      '```', //                       8
      '```', //                       9
      'Error: boom', //               10
      '  at handler (app.js:3)', //   11
      '```', //                       12
    ].join('\n');
    expect(parse(md).filter((s) => s.blockLine)).toEqual([]);
  });

  it('reads the named boxes of an architecture drawing, side-by-side boxes apart', () => {
    const md = [
      '```', //                                         1
      '┌──────────────────────────────────┐', //        2
      '│   Web Frontend (Vue)             │', //        3
      '│   ├─ Live Charts                 │', //        4
      '├────────────────┬─────────────────┤', //        5
      '│  Auth Service  │  Billing Worker │', //        6
      '└────────────────┴─────────────────┘', //        7
      '         ▼', //                                  8
      '```', //                                         9
    ].join('\n');
    const boxes = parse(md).filter((s) => s.blockLine === 'diagram');
    expect(boxes.map((s) => [s.line, s.text])).toEqual([
      [3, 'Web Frontend (Vue)'],
      [4, 'Live Charts'],
      [6, 'Auth Service'],
      [6, 'Billing Worker'],
    ]);
  });

  it('look-alike: a file tree drawn with the same characters is not a diagram', () => {
    const md = ['```', 'src/', '├── app.py', '└── db.py', '```'].join('\n');
    expect(parse(md).filter((s) => s.blockLine)).toEqual([]);
  });
});
