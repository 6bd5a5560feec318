/**
 * The labelled set must stay true to the samples it describes: every label
 * points at real report text, uses a real claim kind, and the git history
 * that the git-diffstat labels rely on is rebuilt deterministically with the
 * numbers the labels were decided on.
 */
import { describe, it, expect, afterAll } from 'vitest';
import { readFileSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { labelledSamples, loadLabels, type Label } from '../helpers/labels.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const SAMPLES = join(ROOT, 'samples');
const VERDICTS = ['verified', 'contradicted', 'unverifiable'];

/** The ClaimKind union, read from the contract so the two cannot drift apart. */
function claimKinds(): string[] {
  const src = readFileSync(join(ROOT, 'src/claims/types.ts'), 'utf8');
  const union = /export type ClaimKind =([^;]+);/.exec(src)?.[1] ?? '';
  return [...union.matchAll(/'([a-z-]+)'/g)].map((m) => m[1]!);
}

/** Lines of the block that opens at `fence` (1-based), or null when that line is no fence. */
function blockAt(lines: string[], fence: number): string[] | null {
  if (!lines[fence - 1]?.trimStart().startsWith('```')) return null;
  const body: string[] = [];
  for (let i = fence; i < lines.length && !lines[i]!.trimStart().startsWith('```'); i++) body.push(lines[i]!);
  return body;
}

const samples = labelledSamples();
const all: { sample: string; label: Label }[] = samples.flatMap((sample) =>
  loadLabels(sample).map((label) => ({ sample, label })),
);

describe('labelled sample claims', () => {
  it('covers the three samples', () => {
    expect(samples).toEqual(['go-meshd', 'py-netplugin', 'ts-orders']);
  });

  it('uses claim kinds of the contract and the three verdicts', () => {
    const kinds = new Set(claimKinds());
    expect(kinds.size).toBeGreaterThan(10);
    for (const { sample, label } of all) {
      expect(kinds.has(label.kind), `${sample} ${label.doc}:${label.line} kind ${label.kind}`).toBe(true);
      expect(VERDICTS).toContain(label.verdict);
      expect(label.why?.length ?? 0, `${sample} ${label.doc}:${label.line} has no why`).toBeGreaterThan(3);
    }
  });

  it('points every label at its text: the report line, or the first lines of the code block opening there', () => {
    for (const { sample, label } of all) {
      const path = join(SAMPLES, sample, label.doc);
      expect(existsSync(path), path).toBe(true);
      const lines = readFileSync(path, 'utf8').split('\n');
      const block = blockAt(lines, label.line);
      const where = `${sample}/${label.doc}:${label.line} "${label.match}"`;
      if (block) expect(block.slice(0, 2).some((l) => l.includes(label.match)), where).toBe(true);
      else expect(lines[label.line - 1] ?? '', where).toContain(label.match);
    }
  });

  it('has no duplicate labels', () => {
    const keys = all.map(({ sample, label }) => [sample, label.doc, label.line, label.kind, label.match].join('|'));
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('labels every report a sample has', () => {
    const reports: Record<string, string[]> = {
      'py-netplugin': ['docs/reports/SYNC_FIXES_COMPLETE.md', 'docs/reports/PLUGIN_VALIDATION_REPORT.md'],
      'go-meshd': ['docs/reports/BUILD_FIXES_SUMMARY.md', 'INTEGRATION_TEST_REPORT.md'],
      'ts-orders': ['ORDERS_SERVICE_COMPLETE.md', 'docs/reports/QA_SUMMARY.md', 'docs/reports/CAPABILITIES_REPORT.md'],
    };
    for (const [sample, docs] of Object.entries(reports)) {
      const labelled = new Set(loadLabels(sample).map((l) => l.doc));
      expect([...labelled].sort()).toEqual([...docs].sort());
    }
  });

  it('has every checkable kind true and false at least three times, status never verified, other always unverifiable', () => {
    const count = (kind: string, verdict: string) =>
      all.filter(({ label }) => label.kind === kind && label.verdict === verdict).length;
    for (const kind of claimKinds()) {
      if (kind === 'status') {
        expect(count(kind, 'verified')).toBe(0);
        expect(count(kind, 'contradicted')).toBeGreaterThanOrEqual(3);
      } else if (kind === 'quantity' || kind === 'deliverable') {
        // A figure not found as a literal may be written otherwise, and files of a class may be anywhere: these kinds verify or
        // stay open, never contradict.
        expect(count(kind, 'contradicted')).toBe(0);
        expect(count(kind, 'verified'), `${kind} verified`).toBeGreaterThanOrEqual(3);
        expect(count(kind, 'unverifiable'), `${kind} unverifiable`).toBeGreaterThanOrEqual(3);
      } else if (kind === 'other') {
        expect(count(kind, 'verified') + count(kind, 'contradicted')).toBe(0);
        expect(count(kind, 'unverifiable')).toBeGreaterThanOrEqual(3);
      } else {
        expect(count(kind, 'verified'), `${kind} verified`).toBeGreaterThanOrEqual(3);
        expect(count(kind, 'contradicted'), `${kind} contradicted`).toBeGreaterThanOrEqual(3);
      }
    }
  });

  it('marks exactly the git-diffstat and change labels as needing the rebuilt history', () => {
    for (const { sample, label } of all) {
      const history = (label as Label & { history?: boolean }).history === true;
      expect(history, `${sample} ${label.doc}:${label.line}`).toBe(label.kind === 'git-diffstat' || label.kind === 'change');
    }
  });
});

describe('samples/make-history.sh', () => {
  const made: string[] = [];
  afterAll(() => made.forEach((d) => rmSync(d, { recursive: true, force: true })));

  const build = (sample: string): string => {
    const dest = mkdtempSync(join(tmpdir(), `cc-history-${sample}-`));
    made.push(dest);
    execFileSync('bash', [join(SAMPLES, 'make-history.sh'), sample, dest], { stdio: 'pipe' });
    return dest;
  };
  const git = (dir: string, ...args: string[]) =>
    execFileSync('git', args, { cwd: dir, encoding: 'utf8', env: { ...process.env, GIT_CONFIG_NOSYSTEM: '1', GIT_CONFIG_GLOBAL: '/dev/null' } }).trim();

  // The numbers the git-diffstat labels were decided on (tests/labels/README.md).
  const expected: Record<string, { report: string; modified: string[]; insertions: number; deletions: number }> = {
    'py-netplugin': {
      report: 'docs/reports/SYNC_FIXES_COMPLETE.md',
      modified: [
        'netbox_fabricsync/jobs/fabric_sync.py',
        'netbox_fabricsync/tasks/sync_tasks.py',
        'netbox_fabricsync/utils/gitops.py',
      ],
      insertions: 4,
      deletions: 3,
    },
    'go-meshd': {
      report: 'docs/reports/BUILD_FIXES_SUMMARY.md',
      modified: ['internal/health/checker.go', 'internal/peer/client.go'],
      insertions: 2,
      deletions: 2,
    },
    'ts-orders': {
      report: 'ORDERS_SERVICE_COMPLETE.md',
      modified: ['src/clients/shippingClient.ts', 'src/orders/orderService.ts'],
      insertions: 2,
      deletions: 2,
    },
  };

  for (const [sample, want] of Object.entries(expected)) {
    it(`rebuilds ${sample} deterministically with the diffstat its labels assume`, () => {
      const a = build(sample);
      const b = build(sample);
      expect(git(a, 'rev-parse', 'HEAD')).toBe(git(b, 'rev-parse', 'HEAD'));
      // ts-orders has a fourth commit: the capability summary whose feature claims are labelled.
      expect(git(a, 'rev-list', '--count', 'HEAD')).toBe(sample === 'ts-orders' ? '4' : '3');

      const added = git(a, 'log', '--diff-filter=A', '--format=%H', '--', want.report);
      expect(added).toMatch(/^[0-9a-f]{40}$/);
      const status = git(a, 'diff-tree', '--no-commit-id', '-r', '--name-status', added)
        .split('\n')
        .map((l) => l.split('\t'));
      expect(status.filter(([s]) => s === 'M').map(([, p]) => p).sort()).toEqual(want.modified);
      expect(status.filter(([s]) => s === 'A').map(([, p]) => p)).toEqual([want.report]);

      const numstat = git(a, 'diff-tree', '--no-commit-id', '-r', '--numstat', added)
        .split('\n')
        .map((l) => l.split('\t'))
        .filter(([, , p]) => want.modified.includes(p!));
      expect(numstat.reduce((n, [ins]) => n + Number(ins), 0)).toBe(want.insertions);
      expect(numstat.reduce((n, [, del]) => n + Number(del), 0)).toBe(want.deletions);
    });
  }
});
