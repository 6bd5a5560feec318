/**
 * Non-production code: which folders are recognised, from names and from the
 * repository's own layout, and which look-alikes (feature modules with the
 * same words in their names) stay production code.
 */
import { describe, expect, test } from 'vitest';
import { classifyNonProduction, reasonOfName } from '../../src/repo/production.js';
import { analyzeInMemory } from '../../src/rules/engine.js';

const reasons = (paths: string[], opts = {}) => Object.fromEntries([...classifyNonProduction(paths, opts)].map(([p, f]) => [p, `${f.path} ${f.reason}`]));

describe('folder names', () => {
  test.each([
    ['pkg/store.v2.backup', 1, 'backup'],
    ['api.bak', 3, 'backup'],
    ['backup_20240105_093000', 2, 'backup'],
    ['backups', 0, 'backup'],
    ['archive', 0, 'archive'],
    ['archived_reports', 2, 'archive'],
    ['handlers_old', 1, 'archive'],
    ['deprecated', 4, 'archive'],
    ['utils copy', 1, 'copy'],
    ['examples', 3, 'example'],
    ['widget-samples', 0, 'example'],
    ['checkout-demo', 2, 'demo'],
    ['templates', 0, 'template'],
    ['docs', 0, 'docs'],
    ['research', 0, 'research'],
    ['ranking-prototype', 2, 'research'],
    ['poc_streaming', 1, 'proof-of-concept'],
    ['.claude', 0, 'agent-workspace'],
    ['scratch', 2, 'scratch'],
    ['tmp_migration', 1, 'scratch'],
  ])('%s at depth %d is %s', (name, depth, reason) => {
    expect(reasonOfName(name.split('/').pop()!, depth)).toBe(reason);
  });

  test.each([
    // Feature modules whose names share a word with a kind of non-production code.
    ['backup', 2],
    ['db_backup', 1],
    ['archive', 1],
    ['user_archive', 1],
    ['templates', 2],
    ['sample', 1],
    ['sampling', 1],
    ['research', 2],
    ['workspaces', 1],
    ['team_workspaces', 1],
    ['experiments', 1],
    ['docs', 1],
    ['template_engine', 0],
    ['temperature', 1],
    ['democracy', 1],
    ['pocket', 1],
    ['copyright', 1],
  ])('%s at depth %d is production code', (name, depth) => {
    expect(reasonOfName(name, depth)).toBeNull();
  });
});

describe('classification of paths', () => {
  test('the outermost non-production folder names the reason', () => {
    expect(reasons(['archive/examples/a.py', 'src/app.py', 'src/examples/hello.py'])).toEqual({
      'archive/examples/a.py': 'archive archive',
      'src/examples/hello.py': 'src/examples example',
    });
  });

  test('a sibling named for an earlier state that holds the same files is a copy; a new version or another module is not', () => {
    const files = ['a.go', 'b.go', 'c.go'];
    const paths = [
      ...files.map((f) => `net/sync/${f}`),
      ...files.map((f) => `net/sync-2023-05-01/${f}`),
      ...files.map((f) => `net/sync_prev/${f}`),
      ...files.map((f) => `net/sync_v2/${f}`),
      'net/sync_client/x.go',
      'net/sync_client/y.go',
      'net/sync_saved/other.go',
    ];
    expect(reasons(paths)).toEqual({
      ...Object.fromEntries(files.map((f) => [`net/sync-2023-05-01/${f}`, 'net/sync-2023-05-01 copy'])),
      ...Object.fromEntries(files.map((f) => [`net/sync_prev/${f}`, 'net/sync_prev copy'])),
    });
  });

  test('a top-level folder of notes with a few scripts is documentation; a package among notes is not', () => {
    const notes = Array.from({ length: 12 }, (_, i) => `planning/week${i}.md`);
    const pkgNotes = Array.from({ length: 12 }, (_, i) => `service/notes${i}.md`);
    const paths = [...notes, 'planning/check_status.py', ...pkgNotes, 'service/__init__.py', 'service/api.py', 'lib/a.py'];
    expect(reasons(paths)).toEqual(Object.fromEntries([...notes, 'planning/check_status.py'].map((p) => [p, 'planning docs'])));
  });

  test('configuration adds folders and keeps folders', () => {
    const paths = ['sandbox/try.py', 'examples/shipped/cli.py', 'examples/other.py', 'src/a.py'];
    expect(reasons(paths, { nonProduction: ['sandbox/'], production: ['examples/shipped/**'] })).toEqual({
      'sandbox/try.py': 'sandbox configured',
      'examples/other.py': 'examples example',
    });
  });
});

describe('findings in non-production code', () => {
  const files = {
    'app/client.py': 'import requests\n\ndef get_status():\n    return requests.get("https://status.example.test/api")\n',
    'app_old/client.py': 'import requests\n\ndef get_status():\n    return requests.get("https://status.example.test/api")\n',
    'app_old/broken.py': 'def f(:\n    return 1\n',
    'examples/quickstart.py': '# TODO: handle errors\nimport requests\nprint(requests.get("https://status.example.test/api").text)\n',
  };

  test('timeouts and placeholders are left out and counted; a build error there is still reported', async () => {
    const { findings, leftOut, leftOutFindings } = await analyzeInMemory(files);
    const where = findings.map((f) => `${f.category} ${f.path}`);
    expect(where).toContain('missing-timeout app/client.py');
    expect(where).toContain('build-error app_old/broken.py');
    expect(where.filter((w) => w.includes('app_old/client.py') || w.includes('examples/'))).toEqual([]);
    expect(leftOut).toEqual([
      { path: 'app_old', reason: 'archive', files: 2, findings: { 'missing-timeout': 1 } },
      { path: 'examples', reason: 'example', files: 1, findings: { 'missing-timeout': 1, placeholder: 1 } },
    ]);
    expect(leftOutFindings.map((f) => f.path).sort()).toEqual(['app_old/client.py', 'examples/quickstart.py', 'examples/quickstart.py']);
  });

  test('a folder configured as production code is analysed like any other', async () => {
    const { findings, leftOut } = await analyzeInMemory(files, { config: { production: ['examples'] } });
    expect(findings.some((f) => f.path === 'examples/quickstart.py' && f.category === 'missing-timeout')).toBe(true);
    expect(leftOut.map((l) => l.path)).toEqual(['app_old']);
  });
});
