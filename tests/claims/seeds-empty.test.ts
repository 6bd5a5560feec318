/**
 * The five real agent reports in ../shared/seeds, audited against an empty
 * folder: no crash, nothing about code verified (a report's own arithmetic
 * may hold, and a BEFORE block is gone with its absent file), every claim about a named file
 * contradicted as absent, everything else unverifiable. (The seeds are read
 * at test time only; their text is not copied into the project.)
 */
import { describe, expect, it, afterAll } from 'vitest';
import { existsSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { runAudit } from '../../src/audit/pipeline.js';
import { makeTree, cleanup } from '../helpers/tmp.js';

const SEEDS = resolve('../shared/seeds');
const seeds = existsSync(SEEDS) ? readdirSync(SEEDS).filter((f) => f.endsWith('.txt')).sort() : [];
const empty = makeTree({});
afterAll(() => cleanup(empty));

describe.skipIf(seeds.length === 0)('seed reports against an empty repository', () => {
  for (const seed of seeds) {
    it(seed, async () => {
      const { report } = await runAudit({ repo: empty, claims: [join(SEEDS, seed)], jobs: 1 });
      expect(report.claims.length).toBeGreaterThan(10);
      // Only claims about the report's own numbers can hold without code, and the claim that a
      // BEFORE block's code is gone from a file that does not exist (trivially: the file is gone too).
      const verified = report.claims.filter((c) => c.verdict === 'verified');
      const gone = (c: (typeof verified)[number]) => c.kind === 'snippet-absent' && /is not in the repository/.test(c.reason);
      // A rate judged on the counts the report states beside it cites only the report.
      const onReport = (c: (typeof verified)[number]) => c.evidence.length > 0 && c.evidence.every((e) => e.path === c.source.path);
      expect(verified.filter((c) => c.kind !== 'arithmetic' && c.kind !== 'consistency' && !gone(c) && !onReport(c)).map((c) => `${c.kind}: ${c.text}`)).toEqual([]);
      for (const c of report.claims) {
        if (c.verdict === 'contradicted') {
          // Only absence can contradict a claim here: of the file itself, or the report contradicting itself.
          expect(c.reason, `${c.kind}: ${c.text}`).toMatch(/not in the repository|does not exist|report|claimed|states|itself|stated/);
        }
      }
    });
  }
});
