/**
 * Change claims against the change itself: the work range of a report (the
 * rule in src/claims/workrange.ts) on synthetic first-parent logs, then the
 * `change` kind end to end on small git histories built here — a rename that
 * happened and one that did not, removed imports counted right and wrong, a
 * value moved from A to B, annotations added, "only X changed", a claim with
 * no history — and the look-alikes that must not become change claims; last,
 * BEFORE/AFTER pairs judged line by line against the section's file.
 */
import { describe, it, expect, afterAll } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { runAudit } from '../../src/audit/pipeline.js';
import type { CheckedClaim } from '../../src/claims/types.js';
import type { LogCommit } from '../../src/repo/git.js';
import { parseClaimDocument } from '../../src/claims/document.js';
import { extractClaims } from '../../src/claims/extract.js';
import { CLAIM_KINDS, FALLBACK_KIND } from '../../src/claims/kinds/index.js';
import { findWork, namesPath, isDocumentation } from '../../src/claims/workrange.js';
import { readChange } from '../../src/claims/kinds/change.js';
import { cleanup, makeTree } from '../helpers/tmp.js';

const dirs: string[] = [];
afterAll(() => dirs.forEach(cleanup));

// ---------------------------------------------------------------------------
// The work range rule, on logs written by hand (newest first).

function commit(sha: string, date: string, author: string, files: [string, string, number?][]): LogCommit {
  return {
    sha: sha.padEnd(40, '0'),
    date,
    subject: sha,
    parents: [`p${sha}`.padEnd(40, '0')],
    authorEmail: author,
    files: files.map(([status, path, added]) => ({ path, status, before: status === 'A' ? null : 'b', after: status === 'D' ? null : 'a', added: added ?? 10, removed: 0, binary: false })),
  };
}

describe('work range', () => {
  it('starts at the commit that added the report when it also changes code, and joins earlier commits of the same work', () => {
    const log = [
      commit('r', '2025-03-02T10:00:00Z', 'ann@x', [['A', 'REPORT.md'], ['M', 'app/a.py']]),
      commit('b', '2025-03-02T09:00:00Z', 'ann@x', [['M', 'app/b.py']]),
      commit('c', '2025-03-02T08:00:00Z', 'ann@x', [['M', 'lib/other.py']]),
      commit('d', '2025-03-02T07:00:00Z', 'ann@x', [['M', 'app/b.py']]),
    ];
    const w = findWork(log, 'REPORT.md', ['app/b.py'])!;
    // c touches no named file: the walk stops there, d is not reached.
    expect(w.commits.map((c) => c.subject)).toEqual(['r', 'b']);
    expect(w.rule).toMatch(/added the report/);
    expect(w.rule).toMatch(/1 earlier commit/);
  });

  it('stops at another author and at a gap longer than the window', () => {
    const other = [
      commit('r', '2025-03-02T10:00:00Z', 'ann@x', [['A', 'REPORT.md'], ['M', 'app/a.py']]),
      commit('b', '2025-03-02T09:00:00Z', 'bob@x', [['M', 'app/a.py']]),
    ];
    expect(findWork(other, 'REPORT.md', ['app/a.py'])!.commits.map((c) => c.subject)).toEqual(['r']);
    const gap = [
      commit('r', '2025-03-05T10:00:00Z', 'ann@x', [['A', 'REPORT.md'], ['M', 'app/a.py']]),
      commit('b', '2025-03-02T09:00:00Z', 'ann@x', [['M', 'app/a.py']]),
    ];
    expect(findWork(gap, 'REPORT.md', ['app/a.py'])!.commits.map((c) => c.subject)).toEqual(['r']);
  });

  it('leaves out a report commit that only adds documents, and takes the code commits before it', () => {
    const log = [
      commit('r', '2025-03-02T10:05:00Z', 'ann@x', [['A', 'docs/reports/REPORT.md'], ['A', 'docs/notes.json']]),
      commit('b', '2025-03-02T10:00:00Z', 'ann@x', [['M', 'svc/k8s.py'], ['M', 'svc/other.py']]),
      commit('c', '2025-03-01T08:00:00Z', 'ann@x', [['M', 'svc/k8s.py']]),
    ];
    const w = findWork(log, 'docs/reports/REPORT.md', ['/svc/k8s.py'])!;
    expect(w.commits.map((c) => c.subject)).toEqual(['b']);
    expect(w.rule).toMatch(/documentation only/);
  });

  it('falls back to the report commit itself when nothing before it belongs', () => {
    const log = [
      commit('r', '2025-03-02T10:05:00Z', 'ann@x', [['A', 'REPORT.md']]),
      commit('b', '2025-02-01T10:00:00Z', 'ann@x', [['M', 'svc/k8s.py']]),
    ];
    const w = findWork(log, 'REPORT.md', ['svc/k8s.py'])!;
    expect(w.commits.map((c) => c.subject)).toEqual(['r']);
    expect(w.rule).toMatch(/range is the report commit itself/);
  });

  it('takes a later commit that rewrote the report, not a typo fix', () => {
    const log = [
      commit('t', '2025-03-09T10:00:00Z', 'ann@x', [['M', 'REPORT.md', 2]]),
      commit('w', '2025-03-08T10:00:00Z', 'ann@x', [['M', 'REPORT.md', 80], ['M', 'app/a.py']]),
      commit('r', '2025-03-02T10:00:00Z', 'ann@x', [['A', 'REPORT.md', 100], ['M', 'app/b.py']]),
    ];
    expect(findWork(log, 'REPORT.md', [])!.commits.map((c) => c.subject)).toEqual(['w']);
    expect(findWork(log, 'NOT_THERE.md', [])).toBeNull();
  });

  it('matches written paths by their trailing components and tells documentation from code', () => {
    expect(namesPath('/netbox/jobs/sync.py', 'netbox/jobs/sync.py')).toBe(true);
    expect(namesPath('sync.py', 'netbox/jobs/sync.py')).toBe(true);
    expect(namesPath('src/a.ts', 'src/core/a.ts')).toBe(false);
    expect(isDocumentation('docs/api.json')).toBe(true);
    expect(isDocumentation('NOTES.md')).toBe(true);
    expect(isDocumentation('app/views.py')).toBe(false);
  });
});

// ---------------------------------------------------------------------------
// Recognition: structure, not phrases.

const read = (text: string) => readChange(parseClaimDocument('R.md', `- ${text}\n`).statements[0]!);

describe('change recognition', () => {
  it('reads renames, replacements, moves, counts, values, fixes and "only"', () => {
    expect(read('Renamed `get_rows` to `fetch_rows`')).toMatchObject({ op: 'renamed', from: { code: 'get_rows' }, to: { code: 'fetch_rows' } });
    expect(read('`OldCache` was renamed to `LruCache`')).toMatchObject({ op: 'renamed', from: { code: 'OldCache' }, to: { code: 'LruCache' } });
    expect(read('replaced `urllib.urlopen` with `session.get` in `net/fetch.py`')).toMatchObject({ op: 'replaced', from: { code: 'urllib.urlopen' } });
    expect(read('Switched from `pickle` to `json`')).toMatchObject({ op: 'replaced', to: { code: 'json' } });
    expect(read('moved `slugify` to `util/text.py`')).toMatchObject({ op: 'moved', to: 'util/text.py' });
    expect(read('Deleted 7 unused imports')).toMatchObject({ op: 'count', verb: 'removed', unit: 'imports' });
    expect(read('added type annotations to 9 functions across 2 files')).toMatchObject({ op: 'count', verb: 'annotated', files: { value: 2 } });
    expect(read('page size increased from 50 to 200')).toMatchObject({ op: 'value', key: 'size', from: '50', to: '200' });
    expect(read('`max_conn: 8 → 16`')).toMatchObject({ op: 'value', key: 'max_conn', from: '8', to: '16' });
    expect(read('2 fixes in `store/db.go`')).toMatchObject({ op: 'fixes', path: 'store/db.go' });
    expect(read('Only `web/app.ts` was modified')).toMatchObject({ op: 'only', paths: ['web/app.ts'] });
    expect(read('Dropped the obsolete `legacy_mode` flag')).toMatchObject({ op: 'removed', targets: [{ code: 'legacy_mode' }] });
  });

  it('does not read prose, plans, adjectives or measurements as changes', () => {
    for (const t of [
      'The function returns a renamed copy of the list',
      'The deleted rows are kept in `archive`',
      'We should remove `legacy_sync` next',
      'Response time: 2+ minutes → <30 seconds',
      'Success rate: 0% → 90%+',
      'Users can now rename `projects` from the sidebar',
      'The renamed files are listed below',
    ]) {
      expect(read(t), t).toBeNull();
    }
    const claims = extractClaims([parseClaimDocument('R.md', '- The function returns a renamed copy of the list\n- The added rows are in `rows`\n')], CLAIM_KINDS, FALLBACK_KIND).claims;
    expect(claims.filter((c) => c.kind === 'change')).toHaveLength(0);
  });
});

// ---------------------------------------------------------------------------
// End to end on real histories.

function write(dir: string, files: Record<string, string>): void {
  for (const [p, content] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, p)), { recursive: true });
    writeFileSync(join(dir, p), content);
  }
}

function gitAt(dir: string, date: string, author: string, ...args: string[]): string {
  return execFileSync('git', args, {
    cwd: dir,
    encoding: 'utf8',
    env: { ...process.env, GIT_CONFIG_GLOBAL: '/dev/null', GIT_CONFIG_NOSYSTEM: '1', GIT_AUTHOR_NAME: author, GIT_AUTHOR_EMAIL: `${author}@example.invalid`, GIT_COMMITTER_NAME: author, GIT_COMMITTER_EMAIL: `${author}@example.invalid`, GIT_AUTHOR_DATE: date, GIT_COMMITTER_DATE: date },
  });
}

function commitAll(dir: string, date: string, author: string, message: string): void {
  gitAt(dir, date, author, 'add', '-A');
  gitAt(dir, date, author, 'commit', '-qm', message);
}

const BEFORE_PY = [
  'import os',
  'import sys',
  'import json',
  '',
  'TIMEOUT = 10',
  '',
  'def fetch_data(url):',
  '    return json.loads(url)',
  '',
  'def foo(x):',
  '    return x',
  '',
  'def parse(text, sep):',
  '    return text.split(sep)',
  '',
].join('\n');

const AFTER_PY = [
  'import json',
  '',
  'TIMEOUT = 30',
  '',
  'def load_data(url: str) -> dict:',
  '    return json.loads(url)',
  '',
  'def parse(text: str, sep):',
  '    return text.split(sep)',
  '',
].join('\n');

/** Another module with its own `foo`: not the helper the work removed. */
const OTHER_PY = 'def other():\n    return 1\n\ndef foo(y):\n    return y\n';

const REPORT = [
  '# Cleanup report',
  '',
  '- Renamed `fetch_data` to `load_data` in `app/client.py`',
  '- Renamed `parse` to `split_text`',
  '- Removed the unused `foo` helper',
  '- Deleted 2 unused imports',
  '- Deleted 3 unused imports from `app/client.py`',
  '- Timeout raised from 10 to 30',
  '- `retries: 3 → 5`',
  '- Added type hints to 2 functions across 1 file',
  '- Only `app/client.py` was changed',
  '- 3 fixes in `app/other.py`',
  '- Moved `parse` to `app/rows.py`',
  '- The function returns a renamed copy of the list',
  '',
  '**Changed**: `app/client.py` cleanup',
  '',
  '**Modified**: `app/other.py` helpers',
  '',
].join('\n');

/** A repository where one commit did the work and a later one added the report. */
function history(): string {
  const dir = makeTree({});
  dirs.push(dir);
  gitAt(dir, '2025-04-01T09:00:00Z', 'ann', 'init', '-q', '-b', 'main');
  write(dir, { 'app/client.py': BEFORE_PY, 'app/other.py': OTHER_PY, 'config.yaml': 'retries: 3\n' });
  commitAll(dir, '2025-04-01T09:00:00Z', 'ann', 'initial');
  write(dir, { 'app/client.py': AFTER_PY });
  commitAll(dir, '2025-04-03T10:00:00Z', 'ann', 'clean up the client');
  write(dir, { 'docs/REPORT.md': REPORT });
  commitAll(dir, '2025-04-03T10:20:00Z', 'ann', 'report');
  return dir;
}

async function changeClaims(dir: string, opts: { since?: string } = {}): Promise<CheckedClaim[]> {
  const { report } = await runAudit({ repo: dir, claims: ['docs/REPORT.md'], jobs: 1, ...opts });
  return report.claims;
}

const on = (claims: CheckedClaim[], line: number, kind = 'change') => {
  const c = claims.find((x) => x.kind === kind && x.sources.some((s) => s.line === line));
  if (!c) throw new Error(`no ${kind} claim on line ${line}; have ${claims.map((x) => `${x.source.line}:${x.kind}`).join(' ')}`);
  return c;
};

describe('change claims on a real history', () => {
  it('judges each claim on the work range and names the range in the evidence', async () => {
    const dir = history();
    const claims = await changeClaims(dir);
    const workSha = gitAt(dir, '2025-04-03T10:00:00Z', 'ann', 'rev-parse', 'HEAD~1').trim().slice(0, 12);

    const renamed = on(claims, 3);
    expect(renamed.verdict).toBe('verified');
    expect(renamed.evidence.some((e) => e.note.includes(workSha) && /documentation only/.test(e.note))).toBe(true);
    // The old name is still defined: the rename did not happen.
    expect(on(claims, 4).verdict).toBe('contradicted');
    expect(on(claims, 4).reason).toMatch(/parse is still in/);
    // app/other.py defines a foo of its own; the work range's files decide.
    expect(on(claims, 5).verdict).toBe('verified');
    // os and sys went: 2 is right, 3 is wrong.
    expect(on(claims, 6).verdict).toBe('verified');
    expect(on(claims, 7).verdict).toBe('contradicted');
    expect(on(claims, 7).reason).toMatch(/count 2/);
    expect(on(claims, 8).verdict).toBe('verified');
    // config.yaml still says 3.
    expect(on(claims, 9).verdict).toBe('contradicted');
    // load_data gained annotations; parse gained one; fetch_data/load_data is a new name, so only parse counts.
    expect(on(claims, 10).verdict).toBe('contradicted');
    expect(on(claims, 10).reason).toMatch(/count 1/);
    expect(on(claims, 11).verdict).toBe('verified');
    expect(on(claims, 12).verdict).toBe('contradicted');
    expect(on(claims, 13).verdict).toBe('contradicted');
    expect(claims.some((c) => c.kind === 'change' && c.source.line === 14)).toBe(false);
    // A change field: the file it starts with must be part of the work.
    expect(on(claims, 16).verdict).toBe('verified');
    expect(on(claims, 18).verdict).toBe('contradicted');
  });

  it('the repository\'s first commit shows no change', async () => {
    const dir = makeTree({});
    dirs.push(dir);
    gitAt(dir, '2025-04-01T09:00:00Z', 'ann', 'init', '-q', '-b', 'main');
    write(dir, { 'app/client.py': AFTER_PY, 'app/other.py': OTHER_PY, 'config.yaml': 'retries: 3\n', 'docs/REPORT.md': REPORT });
    commitAll(dir, '2025-04-01T09:00:00Z', 'ann', 'everything at once');
    const claims = await changeClaims(dir);
    expect(on(claims, 3).verdict).toBe('unverifiable');
    expect(on(claims, 3).reason).toMatch(/first commit/);
    expect(on(claims, 16).verdict).toBe('unverifiable');
  });

  it('uses the --since range when given', async () => {
    const dir = history();
    const claims = await changeClaims(dir, { since: 'HEAD~2' });
    const renamed = on(claims, 3);
    expect(renamed.verdict).toBe('verified');
    expect(renamed.evidence.some((e) => /HEAD~2\.\.HEAD/.test(e.note))).toBe(true);
  });

  it('without git, judges the current state where it can and says why the change cannot be seen', async () => {
    const dir = makeTree({ 'app/client.py': AFTER_PY, 'app/other.py': OTHER_PY, 'config.yaml': 'retries: 3\n', 'docs/REPORT.md': REPORT });
    dirs.push(dir);
    const claims = await changeClaims(dir);
    const renamed = on(claims, 3);
    expect(renamed.verdict).toBe('unverifiable');
    expect(renamed.reason).toMatch(/not a git repository/);
    expect(on(claims, 4).verdict).toBe('contradicted');
    // Without a range, a definition of foo anywhere is all there is to go on.
    expect(on(claims, 5).verdict).toBe('contradicted');
    expect(on(claims, 6).verdict).toBe('unverifiable');
    expect(on(claims, 9).verdict).toBe('contradicted');
  });

  it('an added name the parsers do not model (an object key) is not called absent; a name nowhere is', async () => {
    const dir = makeTree({
      'web/api.ts': 'export function docs() {\n  return [{ id: 1, color: "red" }];\n}\n',
      'docs/REPORT.md': '- Added `color` to the document responses\n- Added `paletteFor` to the document responses\n',
    });
    dirs.push(dir);
    const claims = await changeClaims(dir);
    expect(on(claims, 1).verdict).toBe('unverifiable');
    expect(on(claims, 1).reason).toMatch(/web\/api\.ts:2/);
    expect(on(claims, 2).verdict).toBe('contradicted');
    // A TypeScript repository pays for the type checker's first program.
  }, 60_000);

  it('a report not committed yet has no work range', async () => {
    const dir = makeTree({});
    dirs.push(dir);
    gitAt(dir, '2025-04-01T09:00:00Z', 'ann', 'init', '-q', '-b', 'main');
    write(dir, { 'app/client.py': AFTER_PY });
    commitAll(dir, '2025-04-01T09:00:00Z', 'ann', 'initial');
    write(dir, { 'docs/REPORT.md': REPORT });
    const claims = await changeClaims(dir);
    expect(on(claims, 3).verdict).toBe('unverifiable');
    expect(on(claims, 3).reason).toMatch(/not committed/);
  });
});

// ---------------------------------------------------------------------------
// BEFORE/AFTER pairs, line by line.

describe('BEFORE/AFTER lines', () => {
  const md = (file: string) =>
    [
      `**File**: \`${file}\``, // 1
      '', // 2
      '**BEFORE:**', // 3
      '```python', // 4
      'client = make_client(host)', // 5
      'rows = client.fetch_all()', // 6
      '```', // 7
      '', // 8
      '**AFTER:**', // 9
      '```python', // 10
      'client = make_client(host)', // 11
      '# bound every request', // 12
      'client.request_timeout = 15', // 13
      'rows = client.fetch_page(limit=100)', // 14
      '```', // 15
      '',
    ].join('\n');

  async function audit(files: Record<string, string>, file: string): Promise<CheckedClaim[]> {
    const dir = makeTree({ ...files, 'REPORT.md': md(file) });
    dirs.push(dir);
    return (await runAudit({ repo: dir, claims: ["REPORT.md"], jobs: 1 })).report.claims;
  }

  const lineVerdict = (claims: CheckedClaim[], line: number) => claims.filter((c) => c.sources.some((s) => s.line === line)).map((c) => `${c.kind}:${c.verdict}`);

  it('each added line is a claim on its own line, each dropped line another; kept lines claim nothing', async () => {
    const fixed = 'def go(host):\n    client = make_client(host)\n    client.request_timeout = 15\n    rows = client.fetch_page(limit=100)\n    return rows\n';
    const claims = await audit({ 'svc/pull.py': fixed }, 'svc/pull.py');
    expect(lineVerdict(claims, 11)).toEqual([]);
    expect(lineVerdict(claims, 12)).toEqual(['snippet-present:verified']);
    expect(lineVerdict(claims, 13)).toEqual(['snippet-present:verified']);
    expect(lineVerdict(claims, 14)).toEqual(['snippet-present:verified']);
    expect(lineVerdict(claims, 6)).toEqual(['snippet-absent:verified']);
  });

  it('a line found only in another file does not verify; a dropped line still there contradicts', async () => {
    const unfixed = 'def go(host):\n    client = make_client(host)\n    rows = client.fetch_all()\n    return rows\n';
    const elsewhere = 'def other(c):\n    c.request_timeout = 15\n    return c.fetch_page(limit=100)\n';
    const claims = await audit({ 'svc/pull.py': unfixed, 'svc/other.py': elsewhere }, 'svc/pull.py');
    expect(lineVerdict(claims, 13)).toEqual(['snippet-present:contradicted']);
    expect(lineVerdict(claims, 6)).toEqual(['snippet-absent:contradicted']);
  });

  it('the section file absent: added lines contradicted, dropped lines gone with it', async () => {
    const claims = await audit({ 'svc/other.py': 'x = 1\n' }, 'svc/pull.py');
    expect(lineVerdict(claims, 13)).toEqual(['snippet-present:contradicted']);
    expect(lineVerdict(claims, 6)).toEqual(['snippet-absent:verified']);
  });

  it('a change field that starts with a path names the file of the pair below it', () => {
    const md = ['**Changed**: `svc/pull.py` request limits', '', '**BEFORE:**', '```python', 'rows = client.fetch_all()', '```', '', '**AFTER:**', '```python', 'rows = client.fetch_page(limit=100)', '```', ''].join('\n');
    const claims = extractClaims([parseClaimDocument('R.md', md)], CLAIM_KINDS, FALLBACK_KIND).claims.filter((c) => c.kind.startsWith('snippet'));
    expect(claims.length).toBeGreaterThan(0);
    for (const c of claims) expect(c.subject.path).toBe('svc/pull.py');
    // "Changed: All files" names no file.
    const none = extractClaims([parseClaimDocument('R.md', md.replace('`svc/pull.py` request limits', 'all `[id]/route.ts` files'))], CLAIM_KINDS, FALLBACK_KIND).claims.filter((c) => c.kind.startsWith('snippet'));
    for (const c of none) expect(c.subject.path).toBeNull();
  });

  it('judges import lines on the parsed imports and reads `...` inside a line as an elision', async () => {
    const ts = ['import http from "./http";', 'import type {', '  Options,', '  Retry,', '} from "./types";', '', 'export function call(o: Options) {', '  const headers: Record<string, string> = {', '    accept: "json",', '  };', '  return http(o, headers);', '}', ''].join('\n');
    const report = [
      '**File**: `web/call.ts`',
      '',
      '**Before**:',
      '```typescript',
      'import http, { Raw, ... } from "./http";',
      'const headers: HeadersInit = { ... };',
      '```',
      '',
      '**After**:',
      '```typescript',
      'import http from "./http";',
      'import type { Options, ... } from "./types";',
      'import { Backoff } from "./types";',
      'const headers: Record<string, string> = { ... };',
      '```',
      '',
    ].join('\n');
    const dir = makeTree({ 'web/call.ts': ts, 'REPORT.md': report });
    dirs.push(dir);
    const claims = (await runAudit({ repo: dir, claims: ['REPORT.md'], jobs: 1 })).report.claims;
    expect(lineVerdict(claims, 5)).toEqual(['snippet-absent:verified']);
    expect(lineVerdict(claims, 6)).toEqual(['snippet-absent:verified']);
    expect(lineVerdict(claims, 11)).toEqual(['snippet-present:verified']);
    expect(lineVerdict(claims, 12)).toEqual(['snippet-present:verified']);
    expect(lineVerdict(claims, 13)).toEqual(['snippet-present:contradicted']);
    expect(lineVerdict(claims, 14)).toEqual(['snippet-present:verified']);
  }, 60_000);

  it('a one-line import pair is judged on the parsed imports, however the file lays the import out', async () => {
    const py = 'from icons import (\n    Arrow,\n    Bell,\n)\n\nprint(Arrow, Bell)\n';
    const report = ['**File**: `ui/icons.py`', '', '**BEFORE:**', '```python', 'from icons import Refresh', '```', '', '**AFTER:**', '```python', 'from icons import Arrow', '```', ''].join('\n');
    const dir = makeTree({ 'ui/icons.py': py, 'REPORT.md': report });
    dirs.push(dir);
    const claims = (await runAudit({ repo: dir, claims: ['REPORT.md'], jobs: 1 })).report.claims;
    expect(lineVerdict(claims, 5)).toEqual(['snippet-absent:verified']);
    expect(lineVerdict(claims, 10)).toEqual(['snippet-present:verified']);
    const wrong = makeTree({ 'ui/icons.py': py, 'REPORT.md': report.replace('import Arrow', 'import Spinner') });
    dirs.push(wrong);
    const claims2 = (await runAudit({ repo: wrong, claims: ['REPORT.md'], jobs: 1 })).report.claims;
    expect(lineVerdict(claims2, 10)).toEqual(['snippet-present:contradicted']);
  }, 60_000);

  it('a line present but away from the rest of its change is not taken as the change', async () => {
    const apart = 'def go(host):\n    client = make_client(host)\n    rows = client.fetch_page(limit=100)\n    return rows\n\n\ndef later(client):\n    client.request_timeout = 15\n';
    const claims = await audit({ 'svc/pull.py': apart }, 'svc/pull.py');
    expect(lineVerdict(claims, 13)).toEqual(['snippet-present:unverifiable']);
  });
});

afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});
