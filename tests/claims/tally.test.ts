/**
 * A folder's tally — "(4 files, 120 lines)" beside a folder of a drawn tree,
 * "**Files**: 2 implementation files (60 lines), 2 test files (40 lines)"
 * under a section the tree names — counted on the file list as `wc -l` and an
 * editor count lines. Examples written here: a small Go module.
 */
import { describe, it, expect, afterAll } from 'vitest';
import { parseClaimDocument } from '../../src/claims/document.js';
import { extractClaims } from '../../src/claims/extract.js';
import { CLAIM_KINDS, FALLBACK_KIND, kindModule } from '../../src/claims/kinds/index.js';
import type { Outcome } from '../../src/claims/types.js';
import { talliesOf } from '../../src/claims/kinds/file-count.js';
import { cleanup } from '../helpers/tmp.js';
import { repoContext } from '../helpers/context.js';

const dirs: string[] = [];
afterAll(() => dirs.forEach(cleanup));

const lines = (n: number, pkg = 'cache') => `package ${pkg}\n` + Array.from({ length: n - 1 }, (_, i) => `// ${i}`).join('\n') + '\n';

const FILES = {
  'go.mod': 'module example.com/kv\n\ngo 1.22\n',
  'internal/cache/lru.go': lines(30),
  'internal/cache/ttl.go': lines(30),
  'internal/cache/lru_test.go': lines(25),
  'tests/unit/cache_eviction_test.go': lines(15, 'unit'),
  'internal/wire/codec.go': lines(50, 'wire'),
  'internal/wire/.gitkeep': '',
};

const REPORT = `# Summary

\`\`\`
kv/
├── internal/
│   ├── cache/        # Eviction cache (2 files, 60 lines)
│   └── wire/         # Wire codec (2 files)
\`\`\`

## Eviction cache
**Files**: 2 implementation files (60 lines), 2 test files (40 lines)

## Wire codec
**Files**: 1 implementation file (48 lines)
`;

async function statementVerdict(lineText: string): Promise<Outcome> {
  const ctx = await repoContext(FILES, [], dirs);
  const doc = parseClaimDocument('SUMMARY.md', REPORT);
  const n = REPORT.split('\n').findIndex((l) => l.includes(lineText)) + 1;
  const claims = extractClaims([doc], CLAIM_KINDS, FALLBACK_KIND).claims.filter((c) => c.sources.some((s) => s.line === n) && c.kind === 'file-count');
  expect(claims, `one tally on "${lineText}"`).toHaveLength(1);
  return kindModule('file-count')!.verify(claims[0]!, { ...ctx, documents: [doc] });
}

describe('tallies', () => {
  it('reads counts with and without lines, and whether they are tests', () => {
    expect(talliesOf('6 implementation files (972 lines), 6 test files (1,943 lines)').map((t) => [t.files, t.lines, t.role])).toEqual([[6, 972, 'source'], [6, 1943, 'test']]);
    expect(talliesOf('Specification parser (6 files, 972 lines)').map((t) => [t.files, t.lines])).toEqual([[6, 972]]);
    expect(talliesOf('3 new files (80 lines)')).toEqual([]);
  });

  it('verifies a drawn folder whose source files and lines match, not counting a keep-file', async () => {
    const cache = await statementVerdict('Eviction cache (2 files');
    expect(cache.verdict).toBe('verified');
    expect(cache.reason).toMatch(/2 go source files in internal\/cache\/, tests apart, 60-62 lines/);
    expect((await statementVerdict('Wire codec (2 files)')).verdict).toBe('contradicted');
  });

  it('finds a section\'s folder through the tree\'s annotation, with its tests in it and named for it elsewhere', async () => {
    const out = await statementVerdict('2 implementation files (60 lines), 2 test files');
    expect(out.verdict).toBe('verified');
    expect(out.reason).toMatch(/2 go test files in internal\/cache\/ and those elsewhere named for "cache", 40-42 lines/);
  });

  it('contradicts lines that no counting convention gives', async () => {
    const out = await statementVerdict('1 implementation file (48 lines)');
    expect(out.verdict).toBe('contradicted');
    expect(out.reason).toMatch(/50-51 lines/);
  });
});
