/**
 * Where a report points: a line range under a file (`**Lines**: 12-30
 * (load_config function)`), a bare file name read from the report's own
 * folder, an error placed in a file whose archived copy still has it, and a
 * field whose value is an identifier of a run. Examples written here: a tiny
 * Python config loader and a Go package with a backup copy.
 */
import { describe, it, expect, afterAll } from 'vitest';
import type { Finding } from '../../src/rules/types.js';
import { parseClaimDocument } from '../../src/claims/document.js';
import { extractClaims } from '../../src/claims/extract.js';
import { CLAIM_KINDS, FALLBACK_KIND, kindModule } from '../../src/claims/kinds/index.js';
import type { Claim, Outcome, VerifyContext } from '../../src/claims/types.js';
import { cleanup } from '../helpers/tmp.js';
import { repoContext } from '../helpers/context.js';

const dirs: string[] = [];
afterAll(() => dirs.forEach(cleanup));

const CONFIG_PY = `import json


def load_config(path):
    with open(path) as fh:
        raw = json.load(fh)
    if "name" not in raw:
        raise ValueError("config needs a name")
    raw.setdefault("retries", 3)
    return raw


def save_config(path, cfg):
    with open(path, "w") as fh:
        json.dump(cfg, fh)
`;

function claimsOn(docPath: string, md: string, lineText: string): Claim[] {
  const doc = parseClaimDocument(docPath, md);
  const line = md.split('\n').findIndex((l) => l.includes(lineText)) + 1;
  return extractClaims([doc], CLAIM_KINDS, FALLBACK_KIND).claims.filter((c) => c.sources.some((s) => s.line === line));
}

async function verdictOn(ctx: VerifyContext, docPath: string, md: string, lineText: string, kind: string): Promise<Outcome> {
  const c = claimsOn(docPath, md, lineText).find((x) => x.kind === kind);
  expect(c, `a ${kind} claim on "${lineText}"`).toBeDefined();
  return kindModule(c!.kind)!.verify(c!, { ...ctx, documents: [parseClaimDocument(docPath, md)] });
}

const FIXES = `# Fixes

### Fix 1: config names
**File**: \`app/config.py\`
**Lines**: 4-10 (load_config function)

### Fix 2: saving
**File**: \`app/config.py\`
**Lines**: 2-6 (save_config function)

### Fix 3: out of range
**File**: \`app/config.py\`
**Line**: 140

### Fix 4: moved
**File**: \`app/config.py\`
**Lines**: 30-41 (now 13-15)

### Fix 5: gone
**File**: \`app/settings.py\`
**Line**: 12
`;

describe('line locators under a file', () => {
  it('verifies a range the named function spans and contradicts one it does not', async () => {
    const ctx = await repoContext({ 'app/config.py': CONFIG_PY }, [], dirs);
    expect((await verdictOn(ctx, 'FIXES.md', FIXES, '4-10 (load_config', 'line-content')).verdict).toBe('verified');
    const apart = await verdictOn(ctx, 'FIXES.md', FIXES, '2-6 (save_config', 'line-content');
    expect(apart.verdict).toBe('contradicted');
    expect(apart.reason).toMatch(/save_config is at lines 13-15/);
  });

  it('contradicts lines past the end of the file and lines of a file that is not there', async () => {
    const ctx = await repoContext({ 'app/config.py': CONFIG_PY }, [], dirs);
    expect((await verdictOn(ctx, 'FIXES.md', FIXES, '**Line**: 140', 'line-content')).verdict).toBe('contradicted');
    expect((await verdictOn(ctx, 'FIXES.md', FIXES, '**Line**: 12', 'line-content')).verdict).toBe('contradicted');
  });

  it('leaves a bare range inside the file open, reading the "now" range of a moved one', async () => {
    const ctx = await repoContext({ 'app/config.py': CONFIG_PY }, [], dirs);
    const moved = await verdictOn(ctx, 'FIXES.md', FIXES, '(now 13-15)', 'line-content');
    expect(moved.verdict).toBe('unverifiable');
    expect(moved.reason).toMatch(/lines 13-15/);
  });

  it('does not read a number field as a locator', () => {
    const md = '### Fix\n**File**: `app/config.py`\n**Lines Changed**: 15\n**Timeout**: 30 (seconds)\n';
    expect(claimsOn('R.md', md, 'Lines Changed').filter((c) => c.kind === 'line-content')).toEqual([]);
    expect(claimsOn('R.md', md, 'Timeout').filter((c) => c.kind === 'line-content')).toEqual([]);
  });
});

describe('a bare file name in a report in a folder', () => {
  const files = {
    'reports/run-3/SUMMARY.md': '# Summary\n',
    'reports/run-3/NOTES.md': 'x'.repeat(3000),
    'reports/run-2/NOTES.md': 'x'.repeat(1000),
    'docs/NOTES.md': 'x'.repeat(2000),
  };
  const md = '## Deliverables\n- **NOTES.md** (1KB)\n';

  it('is the file beside the report, as a link in the report would be', async () => {
    const ctx = await repoContext(files, [], dirs);
    const size = await verdictOn(ctx, 'reports/run-3/SUMMARY.md', md, 'NOTES.md', 'artifact-size');
    expect(size.verdict).toBe('contradicted');
    expect(size.reason).toMatch(/reports\/run-3\/NOTES\.md/);
  });

  it('stays ambiguous for a size from a report elsewhere, but exists as written', async () => {
    const ctx = await repoContext(files, [], dirs);
    expect((await verdictOn(ctx, 'ROOT.md', md, 'NOTES.md', 'artifact-size')).verdict).toBe('unverifiable');
    const exists = await verdictOn(ctx, 'ROOT.md', '## Files\n- Created `NOTES.md`\n', 'NOTES.md', 'file-exists');
    expect(exists.verdict).toBe('verified');
  });
});

describe('an error placed in a file whose archived copy has it', () => {
  const GOOD = 'package simd\n\nimport "unsafe"\n\nfunc Size() uintptr { return unsafe.Sizeof(0) }\n';
  const finding = (path: string, line: number): Finding => ({
    ruleId: 'build-error/go-import-after-decl',
    category: 'build-error',
    severity: 'error',
    path,
    line,
    endLine: line,
    column: 1,
    endColumn: 10,
    message: 'syntax error: imports must appear before other declarations',
  } as Finding);
  const md = '## Blockers\n```\nFile: xor.go:7\nError: syntax error: imports must appear before other declarations\n```\n';

  it('is verified on the copy, saying the live file no longer has it', async () => {
    const ctx = await repoContext({ 'pkg/simd/xor.go': GOOD, 'pkg.v1.backup/simd/xor.go': GOOD + '\nimport "fmt"\n' }, [finding('pkg.v1.backup/simd/xor.go', 7)], dirs);
    const out = await verdictOn(ctx, 'R.md', md, 'Error: syntax error', 'build-error');
    expect(out.verdict).toBe('verified');
    expect(out.reason).toMatch(/archived copy pkg\.v1\.backup\/simd\/xor\.go/);
  });

  it('is contradicted when no copy has it either', async () => {
    const ctx = await repoContext({ 'pkg/simd/xor.go': GOOD, 'pkg.v1.backup/simd/xor.go': GOOD }, [], dirs);
    expect((await verdictOn(ctx, 'R.md', md, 'Error: syntax error', 'build-error')).verdict).toBe('contradicted');
  });
});

describe('a field whose value identifies a run', () => {
  it('is not a capability', () => {
    const md = '## Environment\n**Container ID**: 9f3ac02be1d4\n**Runner**: ubuntu-22.04\n**Cache backend**: Redis cluster\n';
    expect(claimsOn('R.md', md, 'Container ID').filter((c) => c.kind === 'feature')).toEqual([]);
    expect(claimsOn('R.md', md, 'Runner').filter((c) => c.kind === 'feature')).toEqual([]);
    expect(claimsOn('R.md', md, 'Cache backend').filter((c) => c.kind === 'feature').length).toBe(1);
  });
});
