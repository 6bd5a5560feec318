/**
 * A test a report names ("Test: TestParse/empty_input") is looked up in the
 * repository's test inventory: the test function, then its subtest by the
 * name `go test` prints (spaces as underscores), written in `t.Run` or in a
 * table row. Examples written here: a small Go parser package.
 */
import { describe, it, expect, afterAll } from 'vitest';
import { parseClaimDocument } from '../../src/claims/document.js';
import { extractClaims } from '../../src/claims/extract.js';
import { CLAIM_KINDS, FALLBACK_KIND, kindModule } from '../../src/claims/kinds/index.js';
import type { Outcome } from '../../src/claims/types.js';
import { RepoSnapshot } from '../../src/repo/snapshot.js';
import { buildRepoFacts } from '../../src/facts/index.js';
import { cleanup } from '../helpers/tmp.js';
import { repoContext } from '../helpers/context.js';

const dirs: string[] = [];
afterAll(() => dirs.forEach(cleanup));

const FILES = {
  'go.mod': 'module example.com/p\n\ngo 1.22\n',
  'parse/parse.go': 'package parse\n\nfunc Parse(s string) int { return len(s) }\n',
  'parse/parse_test.go': `package parse

import "testing"

func TestParse(t *testing.T) {
	cases := []struct {
		name string
		in   string
		want int
	}{
		{"empty input", "", 0},
		{"one rune", "a", 1},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if Parse(c.in) != c.want {
				t.Fatal(c.name)
			}
		})
	}
	t.Run("unicode", func(t *testing.T) {})
}
`,
};

const REPORT = '```\nTest: TestParse/empty_input\nExpected: 0\n```\n\n- **Failing test**: `TestParse/unicode`\n- **Failing test**: `TestParse/long_line`\n- **Failing test**: `TestLex`\n';

async function verdict(lineText: string): Promise<Outcome> {
  const ctx = await repoContext(FILES, [], dirs);
  const snapshot = await RepoSnapshot.open(ctx.snapshot.root, { noGit: true });
  const doc = parseClaimDocument('REPORT.md', REPORT);
  const n = REPORT.split('\n').findIndex((l) => l.includes(lineText)) + 1;
  const c = extractClaims([doc], CLAIM_KINDS, FALLBACK_KIND).claims.find((x) => x.kind === 'symbol-exists' && x.sources.some((s) => s.line === n));
  expect(c, `a test claim on "${lineText}"`).toBeDefined();
  return kindModule('symbol-exists')!.verify(c!, { ...ctx, snapshot, repoFacts: buildRepoFacts(snapshot), documents: [doc] });
}

describe('a named test', () => {
  it('finds a subtest named in a table row and one named in t.Run', async () => {
    const row = await verdict('TestParse/empty_input');
    expect(row.verdict).toBe('verified');
    expect(row.reason).toMatch(/table row named "empty input"/);
    expect((await verdict('TestParse/unicode')).verdict).toBe('verified');
  });

  it('stays open for a subtest written nowhere, and contradicts a test that does not exist', async () => {
    expect((await verdict('TestParse/long_line')).verdict).toBe('unverifiable');
    expect((await verdict('`TestLex`')).verdict).toBe('contradicted');
  });
});
