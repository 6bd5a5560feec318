/**
 * Claims whose subject the report gives by a label rather than a path: a
 * component's line or symbol count ("**Event Bus**: 120 lines"), symbols
 * named with no file, a method said not to exist, and a count of files named
 * for a word. Repositories and reports are written here; each mechanism has
 * claims that hold, claims that fail, and look-alikes that must stay
 * unverifiable or unextracted.
 */
import { describe, it, expect, afterAll } from 'vitest';
import { parseClaimDocument } from '../../src/claims/document.js';
import { extractClaims } from '../../src/claims/extract.js';
import { CLAIM_KINDS, FALLBACK_KIND, kindModule } from '../../src/claims/kinds/index.js';
import type { Claim, ClaimKind, Outcome, VerifyContext } from '../../src/claims/types.js';
import { cleanup } from '../helpers/tmp.js';
import { repoContext } from '../helpers/context.js';

const dirs: string[] = [];
afterAll(() => dirs.forEach(cleanup));

function repo(files: Record<string, string>): Promise<VerifyContext> {
  return repoContext(files, [], dirs);
}

function claims(md: string, kind: ClaimKind): Claim[] {
  const doc = parseClaimDocument('REPORT.md', md);
  return extractClaims([doc], CLAIM_KINDS, FALLBACK_KIND).claims.filter((c) => c.kind === kind);
}

async function check(ctx: VerifyContext, md: string, kind: ClaimKind): Promise<Outcome & { claim: Claim }> {
  const cs = claims(md, kind);
  expect(cs.map((c) => c.text), `one ${kind} claim`).toHaveLength(1);
  const o = await kindModule(kind)!.verify(cs[0]!, { ...ctx, documents: [parseClaimDocument('REPORT.md', md)] });
  return { ...o, claim: cs[0]! };
}

/** Python source of exactly `n` lines (each ending in a newline). */
function pyLines(n: number, head = ''): string {
  const lines = head ? head.split('\n') : [];
  while (lines.length < n) lines.push(`x${lines.length} = ${lines.length}`);
  return lines.join('\n') + '\n';
}

describe('counts about the component a label names', () => {
  const files = {
    'billing/ledger_reconciler.py': pyLines(12),
    'old/ledger_reconciler.py': pyLines(30),
    'core/event_bus.py': pyLines(9, 'class EventBus:\n    def publish(self):\n        return 1\n\n    def subscribe(self):\n        return 2'),
    'queue/retry_policy.py': pyLines(7),
    'tests/test_retry_policy.py': pyLines(5),
    'contracts/handlers/routing.py': pyLines(15),
    'services/routing_table.py': pyLines(4),
    'ledger_tools/export.py': pyLines(3),
    'ledger_tools/ingest.py': pyLines(3),
    'cache/warm_cache.py': pyLines(6),
    'cache/cold_cache.py': pyLines(8),
  };

  it('counts the file whose name is the label, archived copies set aside, and contradicts a wrong count', async () => {
    const ctx = await repo(files);
    const right = await check(ctx, '## Components\n- **Ledger Reconciler**: 12 lines with matching and rounding rules\n', 'line-count');
    expect(right.verdict).toBe('verified');
    expect(right.reason).toMatch(/billing\/ledger_reconciler\.py/);
    expect(right.evidence[0]!.note).toMatch(/label "Ledger Reconciler" is the name of billing\/ledger_reconciler\.py/);
    const wrong = await check(ctx, '- **Ledger Reconciler**: 40 lines with matching rules\n', 'line-count');
    expect(wrong.verdict).toBe('contradicted');
    expect(wrong.reason).toMatch(/claimed 40 lines, found 12/);
  });

  it('takes a file whose path holds the label\'s concrete words, confirming a count but never contradicting one', async () => {
    const ctx = await repo(files);
    // "Strategy" is framing; "retry" is on one production file's name (its test is set aside).
    const words = await check(ctx, '- **Retry Strategy**: 7 lines of backoff logic\n', 'line-count');
    expect(words.verdict).toBe('verified');
    expect(words.evidence[0]!.note).toMatch(/only live production source file whose path holds the words/);
    // Words in a folder and the file name, in any order.
    expect((await check(ctx, '- **Routing Handlers**: 15 lines\n', 'line-count')).verdict).toBe('verified');
    const off = await check(ctx, '- **Retry Strategy**: 70 lines of backoff logic\n', 'line-count');
    expect(off.verdict).toBe('unverifiable');
    expect(off.reason).toMatch(/found 7 in queue\/retry_policy\.py, the file its label most likely names/);
  });

  it('stays unverifiable when the label fits several files, a folder, or nothing', async () => {
    const ctx = await repo(files);
    const several = await check(ctx, '- **Cache Layer**: 6 lines\n', 'line-count');
    expect(several.verdict).toBe('unverifiable');
    expect(several.reason).toMatch(/fits 2 source files/);
    expect(several.evidence.map((e) => e.path).sort()).toEqual(['cache/cold_cache.py', 'cache/warm_cache.py']);
    const folder = await check(ctx, '- **Ledger Tools**: 6 lines\n', 'line-count');
    expect(folder.verdict).toBe('unverifiable');
    expect(folder.reason).toMatch(/names the folder ledger_tools\//);
    expect((await check(ctx, '- **Implementation**: 12 lines\n', 'line-count')).reason).toMatch(/names no module/);
    expect((await check(ctx, '- **Payment Gateway**: 12 lines\n', 'line-count')).reason).toMatch(/no source file's path holds the words/);
    // A diffstat label is not a file size at all.
    expect(claims('- **Lines Changed**: 12\n', 'line-count')).toHaveLength(0);
  });

  it('uses the nearest heading when the line has no label, and never contradicts by a heading', async () => {
    const ctx = await repo(files);
    expect((await check(ctx, '### Event Bus - ✅ DONE\n- 9 lines in total\n', 'line-count')).verdict).toBe('verified');
    const off = await check(ctx, '### Event Bus - ✅ DONE\n- 90 lines in total\n', 'line-count');
    expect(off.verdict).toBe('unverifiable');
    expect(off.reason).toMatch(/its heading most likely names/);
  });

  it('keeps the same count under two labels as two claims', () => {
    expect(claims('- **Ledger Reconciler**: 12 lines\n- **Retry Strategy**: 12 lines\n', 'line-count').map((c) => c.text)).toEqual([
      'Ledger Reconciler: 12 lines',
      'Retry Strategy: 12 lines',
    ]);
  });

  it('counts a labelled component\'s methods with the parser', async () => {
    const ctx = await repo(files);
    expect((await check(ctx, '- **Event Bus**: 2 methods for fan-out\n', 'symbol-count')).verdict).toBe('verified');
    const wrong = await check(ctx, '- **Event Bus**: 5 methods for fan-out\n', 'symbol-count');
    expect(wrong.verdict).toBe('contradicted');
    expect(wrong.reason).toMatch(/found 2 methods .* in core\/event_bus\.py/);
  });

  it('keeps a file the section names as the subject, whatever the label says', async () => {
    const ctx = await repo(files);
    const o = await check(ctx, '**File**: `queue/retry_policy.py`\n- **Ledger Reconciler**: 7 lines\n', 'line-count');
    expect(o.verdict).toBe('verified');
    expect(o.evidence.every((e) => e.path === 'queue/retry_policy.py')).toBe(true);
  });
});

describe('symbols named with no file', () => {
  const files = {
    'app/outbox.py': 'def flush_queue():\n    return drain()\n\n\ndef drain():\n    return []\n',
    'tests/helpers/fixtures.py': 'def make_tenant(name):\n    return {"name": name}\n',
    'backup/legacy.py': 'def rebuild_index():\n    return None\n',
    'app/jobs.py': 'import json\n\n\nclass Worker:\n    def run(self, x):\n        if not x:\n            raise ValueError("empty")\n        return json.dumps(x)\n',
    'app/stub.py': 'def reconcile():\n    pass\n',
    'docs/GUIDE.md': '```python\ndef publish_metrics():\n    ...\n```\n',
    'scripts/deploy.sh': 'rotate_keys() {\n  echo rotating\n}\nrotate_keys\n',
    'app/settings.py': 'class Settings:\n    max_retries = 3\n',
    'plugins/a.py': 'def setup_hooks():\n    return 1\n',
    'plugins/b.py': 'def setup_hooks():\n    return 2\n',
    'plugins/c.py': 'def setup_hooks():\n    return 3\n',
    'plugins/d.py': 'def setup_hooks():\n    return 4\n',
  };

  it('verifies a name the live code defines, tests included, with the definition as evidence', async () => {
    const ctx = await repo(files);
    const o = await check(ctx, '## Highlights\n- `flush_queue()` - drains the outbox on shutdown\n', 'symbol-exists');
    expect(o.verdict).toBe('verified');
    expect(o.evidence[0]).toMatchObject({ path: 'app/outbox.py', line: 1 });
    expect((await check(ctx, '- `make_tenant()` - builds a tenant for the suites\n', 'symbol-exists')).verdict).toBe('verified');
    expect((await check(ctx, '- `flush_queue()`, `drain()`: the shutdown path\n', 'symbol-exists')).verdict).toBe('verified');
  });

  it('contradicts a name no file of code or config contains, prose documents set aside', async () => {
    const ctx = await repo(files);
    const o = await check(ctx, '- `publish_metrics()` - pushes counters to the collector\n', 'symbol-exists');
    expect(o.verdict).toBe('contradicted');
    expect(o.reason).toMatch(/no file of the repository's code or config contains publish_metrics/);
    // One absent name among defined ones is enough.
    expect((await check(ctx, '- `flush_queue()`, `publish_metrics()`: outbox and metrics\n', 'symbol-exists')).verdict).toBe('contradicted');
  });

  it('stays unverifiable for an archived copy, another owner, a library name or a file it does not parse', async () => {
    const ctx = await repo(files);
    const archived = await check(ctx, '- `rebuild_index()` - rebuilds the search index\n', 'symbol-exists');
    expect(archived.verdict).toBe('unverifiable');
    expect(archived.reason).toMatch(/only in an archived copy/);
    const owner = await check(ctx, '- `Job.run()` - runs one job\n', 'symbol-exists');
    expect(owner.verdict).toBe('unverifiable');
    expect(owner.reason).toMatch(/in Worker/);
    const library = await check(ctx, '- `dumps()` - serialises the payload\n', 'symbol-exists');
    expect(library.verdict).toBe('unverifiable');
    expect(library.evidence[0]).toMatchObject({ path: 'app/jobs.py', line: 8 });
    expect((await check(ctx, '- `rotate_keys()` - rotates the signing keys\n', 'symbol-exists')).verdict).toBe('unverifiable');
  });

  it('contradicts "implemented" when every definition is a stub', async () => {
    const ctx = await repo(files);
    expect((await check(ctx, '- `reconcile()` - reconciliation, fully working\n', 'symbol-exists')).verdict).toBe('contradicted');
    expect((await check(ctx, '- `reconcile()` - the reconciliation entry point\n', 'symbol-exists')).verdict).toBe('verified');
  });

  it('does not take a name mentioned in passing as the subject of a line', () => {
    expect(claims('- Fixed the crash in `parse_date()` when the input is empty\n', 'symbol-exists')).toHaveLength(0);
    expect(claims('- The scheduler retries through `backoff_delay()` after a timeout\n', 'symbol-exists')).toHaveLength(0);
    expect(claims('- `redis` - the cache backend\n', 'symbol-exists')).toHaveLength(0);
  });

  it('does not judge on existence a line that says more than that the names exist', async () => {
    const ctx = await repo(files);
    const cases: [string, string][] = [
      ['- `flush_queue()` - fixed the double flush\n', 'a change'],
      ['- `flush_queue()` - ❌ drops messages\n', 'a problem'],
      ['- `flush_queue()` - no retry on failure\n', 'a problem'],
      ['- `flush_queue()`: 12 call sites\n', 'a number or value'],
      ['- Verify the `flush_queue()` method logic\n', 'an instruction'],
      ['- For shutdown issues: check the `flush_queue()` method\n', 'an instruction'],
      ['- Implement `flush_queue()` method\n', 'an instruction'],
      ['### Unit tests needed\n- `flush_queue()` - drains on shutdown\n', 'a plan'],
    ];
    for (const [md, what] of cases) {
      const o = await check(ctx, md, 'symbol-exists');
      expect(o.verdict, md).toBe('unverifiable');
      expect(o.reason, md).toContain(`the line states ${what}`);
      expect(o.evidence.some((e) => e.path === 'app/outbox.py'), md).toBe(true);
    }
    // A name many files define, and a value, are not shown by a definition somewhere.
    expect((await check(ctx, '- `setup_hooks()` - registers the plugin\n', 'symbol-exists')).reason).toMatch(/defined in 4 files, and the line does not say which/);
    expect((await check(ctx, '- `max_retries` - how often a job is retried\n', 'symbol-exists')).reason).toMatch(/is a (field|variable)/);
    // A name in capitals found nowhere may be an environment variable.
    const env = await check(ctx, '- `QUEUE_URL` - where the outbox drains to\n', 'symbol-exists');
    expect(env.verdict).toBe('unverifiable');
    expect(env.reason).toMatch(/environment variable/);
  });
});

describe('a method said not to exist', () => {
  const files = {
    'sync/k8s.py': 'class KubeSync:\n    def sync_all(self):\n        return 1\n\n    def apply(self):\n        return 2\n',
    'sync/tasks.py': 'from .k8s import KubeSync\n\n\ndef run():\n    k = KubeSync()\n    return k.sync_all()\n',
    'util/aliases.py': 'class Repo:\n    def save(self):\n        return 1\n\n\nsetattr(Repo, "persist", Repo.save)\n',
    'web/client.py': 'import requests\n\n\ndef get_user(url):\n    return requests.fetch_json(url)\n',
    'android/App.java': 'class App {\n  void syncNow() {}\n}\n',
    'old/k8s.py': 'def sync_fabric_all():\n    return 0\n',
    'models/job.py': 'class BaseJob:\n    pass\n\n\nclass Job(BaseJob):\n    def run(self):\n        return 1\n\n\nclass Plain:\n    def a(self):\n        return 1\n',
  };
  const absent = (md: string) => claims(md, 'method-call').filter((c) => c.data.claim === 'absent');

  it('verifies a name no parsed file defines, even in a fix section\'s defect field', async () => {
    const ctx = await repo(files);
    const o = await check(ctx, '### Bug 3 fixed\n**File**: `sync/tasks.py`\n**Issue**: Calling non-existent `sync_fabric()` method\n', 'method-call');
    expect(o.verdict).toBe('verified');
    expect(o.reason).toMatch(/no class, function or method named sync_fabric is defined/);
    expect((await check(ctx, '- `Plain.flush()` does not exist\n', 'method-call')).verdict).toBe('verified');
  });

  it('contradicts a method defined under the owner the report names, or in the file it names', async () => {
    const ctx = await repo(files);
    const owned = await check(ctx, '- `KubeSync.sync_all()` does not exist, so the job fails\n', 'method-call');
    expect(owned.verdict).toBe('contradicted');
    expect(owned.evidence[0]).toMatchObject({ path: 'sync/k8s.py', line: 2 });
    expect((await check(ctx, '**File**: `sync/k8s.py`\n- the scheduler calls the non-existent `sync_all()` method\n', 'method-call')).verdict).toBe('contradicted');
  });

  it('stays unverifiable where the method may exist unseen or the report does not say which class', async () => {
    const ctx = await repo(files);
    const cases: [string, RegExp][] = [
      ['- the scheduler calls the non-existent `sync_all()` method\n', /a method of KubeSync/],
      ['- `Job.flush()` does not exist\n', /Job extends BaseJob/],
      ['- no such method `persist` on the repository\n', /bound at util\/aliases\.py:6/],
      ['- `requests.fetch_json()` does not exist\n', /requests is an imported module/],
      ['- non-existent `syncNow()` method\n', /android\/App\.java:2, code claimcheck does not parse/],
      ['- non-existent `sync_fabric_all()` function\n', /archived copy \(old\/k8s\.py\)/],
      ['## Fixes\n**File**: `sync/tasks.py`\n**Issue**: Calling non-existent `KubeSync.apply()`\n', /before a fix, which may have added it/],
    ];
    for (const [md, reason] of cases) {
      const o = await check(ctx, md, 'method-call');
      expect(o.verdict, md).toBe('unverifiable');
      expect(o.reason, md).toMatch(reason);
    }
  });

  it('says nothing of absence in a repository without code it parses', async () => {
    const ctx = await repo({ 'README.md': '# Notes\n', 'build.gradle': 'apply plugin: "java"\n' });
    const o = await check(ctx, '- the worker calls the non-existent `drain_all()` method\n', 'method-call');
    expect(o.verdict).toBe('unverifiable');
    expect(o.reason).toMatch(/no code claimcheck parses/);
  });

  it('does not read additions, missing keywords or undefined settings as a method said not to exist', () => {
    expect(absent('- Added the missing `retry()` helper\n')).toHaveLength(0);
    expect(absent('- missing `await` before `save()`\n')).toHaveLength(0);
    expect(absent('- `timeout` is undefined in the staging config\n')).toHaveLength(0);
    expect(absent('- The `sync_all()` method exists on `KubeSync`\n')).toHaveLength(0);
    expect(absent('- `get_user()` is not defined as async\n')).toHaveLength(0);
    expect(absent('- `get_user()` was never defined\n')).toHaveLength(1);
  });
});

describe('file-count', () => {
  const files = {
    'app/cache_warmer.py': 'def warm():\n    return 1\n',
    'app/cache_store.py': 'def put():\n    return 1\n',
    'app/caching/policy.py': 'def ttl():\n    return 60\n',
    'app/views.py': 'from .cache_store import put\n\n\ndef index():\n    return put()\n',
    'deploy/cache.yaml': 'ttl: 60\n',
    'docs/cache.md': '# Cache\n',
    'app/tracing.py': 'def span():\n    return None\n',
    'app/health_monitor.py': 'def probe():\n    return True\n',
  };

  it('verifies a count one naming convention gives, and says which', async () => {
    const ctx = await repo(files);
    const py = await check(ctx, '- **Caching**: 2 cache files\n', 'file-count');
    expect(py.verdict).toBe('verified');
    expect(py.reason).toMatch(/found 2 python files whose name holds "cache"/);
    expect((await check(ctx, '- **Caching**: 4 cache files\n', 'file-count')).verdict).toBe('verified'); // any type, by name
    expect((await check(ctx, '- **Caching**: 5 cache-related files\n', 'file-count')).verdict).toBe('verified'); // by path
  });

  it('contradicts a count no convention gives when the word is the line\'s topic, with every count in the reason', async () => {
    const ctx = await repo(files);
    const o = await check(ctx, '- **Caching**: 9 cache files\n', 'file-count');
    expect(o.verdict).toBe('contradicted');
    expect(o.reason).toMatch(/2 python files whose name holds "cache"; 4 files of any type whose name holds "cache"; 5 files whose path holds "cach"/);
    expect(o.evidence.length).toBeGreaterThan(0);
    // "components" counts files only under a label that says files.
    expect((await check(ctx, '- **Cache Files**: 9 caching components\n', 'file-count')).verdict).toBe('contradicted');
    // The label's word and the counted one meet at their stems ("Monitor" / "monitoring").
    expect((await check(ctx, '- **Monitor Files**: 9 monitoring modules\n', 'file-count')).verdict).toBe('contradicted');
  });

  it('stays unverifiable when the word only describes the files', async () => {
    const ctx = await repo(files);
    const o = await check(ctx, '- **Storage layer**: 9 cache files\n', 'file-count');
    expect(o.verdict).toBe('unverifiable');
    expect(o.reason).toMatch(/does not make "cache" its topic/);
    // A heading is a title, not the line's subject; a label that is the count itself names nothing more.
    expect((await check(ctx, '#### Caching\n- 9 cache files\n', 'file-count')).verdict).toBe('unverifiable');
    expect((await check(ctx, '- **9 Cache Files**: one per tier\n', 'file-count')).verdict).toBe('unverifiable');
    // A lower bound met somewhere in the repository says nothing about the files the line means.
    const bound = await check(ctx, '- Wrote 3+ cache files for the tiers\n', 'file-count');
    expect(bound.verdict).toBe('unverifiable');
    expect(bound.reason).toMatch(/meet the bound/);
    expect((await check(ctx, '- **Caching**: 3+ cache files\n', 'file-count')).verdict).toBe('verified');
  });

  it('leaves changed, typed, selected and test files, and components, to other kinds', () => {
    for (const md of [
      '- **Files Modified**: 3 cache files\n',
      '- Updated 3 cache files\n',
      '- **Caching**: 12 Python files\n',
      '- **Caching**: 3 key files\n',
      '- **Caching**: 14 test files\n',

      '- 3 cache files (420 lines), 2 test files (300 lines)\n',
      '- **Caching**: 4 cache components\n',
      '- **Caching**: 10 independent modules\n',
      '- **Caching**: 3 files\n',
    ]) expect(claims(md, 'file-count'), md).toHaveLength(0);
  });

  it('reads a bare "Files:" label as a component folder\'s tally, not as files named for a word', () => {
    for (const md of ['- **Files**: 4 implementation files (900 lines)\n', '- **Files**: 8 cache files\n']) {
      const found = claims(md, 'file-count');
      expect(found, md).toHaveLength(1);
      expect(found[0]!.data.shape, md).toBe('tally');
    }
  });
});
