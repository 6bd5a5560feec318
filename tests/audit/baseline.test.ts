/**
 * `audit --baseline`: only what the earlier report did not have is reported,
 * and the fail gate counts only that.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import Ajv from 'ajv';
import { parse as parseYaml } from 'yaml';
import { afterEach, describe, expect, it } from 'vitest';
import { runAudit } from '../../src/audit/pipeline.js';
import { renderJson } from '../../src/report/json.js';
import { renderMarkdown } from '../../src/report/markdown.js';
import type { AuditReport } from '../../src/report/model.js';
import { cleanup, makeTree } from '../helpers/tmp.js';

const BIN = resolve('bin/claimcheck');
const validate = new Ajv({ allErrors: true, strict: false }).compile(JSON.parse(readFileSync(resolve('schema/report.schema.json'), 'utf8')));

const dirs: string[] = [];
afterEach(() => {
  while (dirs.length) cleanup(dirs.pop()!);
});

const INVENTORY = [
  'import requests',
  '',
  '',
  'def stock(sku):',
  '    # TODO: cache lookups',
  '    return requests.get(f"https://stock.example/{sku}", timeout=5).json()',
  '',
].join('\n');

const REPORT = ['# Inventory report', '', '- `inventory/stock.py` is 6 lines long', '- `inventory/missing.py` was added', ''].join('\n');

function repo(files: Record<string, string>): string {
  const dir = makeTree(files);
  dirs.push(dir);
  return dir;
}

/** A baseline as a user has it: the JSON file an earlier audit wrote, read back. */
async function baselineOf(dir: string): Promise<{ report: AuditReport; file: string }> {
  const { report } = await runAudit({ repo: dir, jobs: 1 });
  const file = join(dir, '..', `${dir.split('/').pop()}-baseline.json`);
  writeFileSync(file, renderJson(report));
  dirs.push(file);
  return { report: JSON.parse(readFileSync(file, 'utf8')), file };
}

describe('audit with a baseline', () => {
  it('keeps only new findings and claims, and counts what it left out and what is gone', async () => {
    const before = repo({ 'inventory/stock.py': INVENTORY, 'INVENTORY_REPORT.md': REPORT });
    const { report: baseline } = await baselineOf(before);
    expect(baseline.findings.map((f) => f.ruleId)).toEqual(['placeholder/todo-comment']);
    expect(baseline.claims.map((c) => `${c.kind} ${c.verdict}`).sort()).toEqual(['file-exists contradicted', 'file-exists verified', 'line-count verified']);

    // Two lines above everything, a new call without timeout, the TODO kept; the report gets a new line and loses one.
    const after = repo({
      'inventory/stock.py': '"""Stock lookups."""\n\n' + INVENTORY + '\n\ndef price(sku):\n    return requests.get(f"https://price.example/{sku}").json()\n',
      'INVENTORY_REPORT.md': ['# Inventory report', '', '- `inventory/missing.py` was added', '- `inventory/pricing.py` was added', ''].join('\n'),
    });
    const { report } = await runAudit({ repo: after, jobs: 1, baseline });
    expect(report.findings.map((f) => `${f.ruleId}:${f.line}`)).toEqual(['missing-timeout/python-requests:12']);
    expect(report.claims.map((c) => `${c.kind} ${c.verdict} ${c.subject.path}`)).toEqual(['file-exists contradicted inventory/pricing.py']);
    expect(report.summary.findings).toEqual({ error: 0, warning: 1, info: 0 });
    expect(report.summary.claims).toEqual({ verified: 0, contradicted: 1, unverifiable: 0 });
    expect(report.statements.map((s) => s.line)).toEqual([4]);
    expect(report.baseline).toEqual({
      root: before,
      commit: null,
      unchanged: { claims: 1, findings: 1 },
      resolved: { claims: 2, findings: 0 },
    });
    expect(validate(JSON.parse(renderJson(report)))).toBe(true);
    expect(renderMarkdown(report)).toContain(`Compared with the baseline \`${before}\`: only what it did not have is listed; 1 claims and 1 findings unchanged, 2 claims and 0 findings gone since.`);
  });

  it('reports a claim whose verdict changed as new', async () => {
    const before = repo({ 'inventory/stock.py': INVENTORY, 'INVENTORY_REPORT.md': REPORT });
    const { report: baseline } = await baselineOf(before);
    const after = repo({ 'inventory/stock.py': INVENTORY + '\n# end\n', 'INVENTORY_REPORT.md': REPORT });
    const { report } = await runAudit({ repo: after, jobs: 1, baseline });
    expect(report.claims.map((c) => `${c.kind} ${c.verdict}`)).toEqual(['line-count contradicted']);
    expect(report.baseline!.resolved.claims).toBe(1);
  });

  it('gates only on new items on the command line, and refuses a report without fingerprints', async () => {
    const before = repo({ 'inventory/stock.py': INVENTORY, 'INVENTORY_REPORT.md': REPORT });
    const { file } = await baselineOf(before);
    const cli = (dir: string, ...args: string[]) => spawnSync(process.execPath, [BIN, 'audit', dir, '--jobs', '1', ...args], { encoding: 'utf8' });

    // Without a baseline the old TODO trips the gate; against the baseline nothing new does.
    expect(cli(before, '--fail-on', 'warning,contradicted').status).toBe(1);
    const same = cli(before, '--fail-on', 'warning,contradicted', '--baseline', file);
    expect(same.stderr).toBe('');
    expect(same.status).toBe(0);
    expect(same.stdout).toMatch(/baseline: only what .* did not have; 3 claim\(s\) and 1 finding\(s\) unchanged \(not listed\), 0 claim\(s\) and 0 finding\(s\) gone since/);

    const worse = repo({ 'inventory/stock.py': INVENTORY.replace(', timeout=5', ''), 'INVENTORY_REPORT.md': REPORT });
    const tripped = cli(worse, '--fail-on', 'warning', '--baseline', file);
    expect(tripped.status).toBe(1);
    expect(tripped.stderr).toMatch(/--fail-on tripped: 1 finding\(s\) at warning or above/);

    const old = JSON.parse(readFileSync(file, 'utf8'));
    for (const f of old.findings) delete f.fingerprint;
    const oldFile = file.replace(/\.json$/, '-old.json');
    writeFileSync(oldFile, JSON.stringify(old));
    dirs.push(oldFile);
    const refused = cli(before, '--baseline', oldFile);
    expect(refused.status).toBe(2);
    expect(refused.stderr).toMatch(/-old\.json: the baseline report has no fingerprints/);
  });

  it("is passed on by the GitHub Action's baseline input", async () => {
    const before = repo({ 'inventory/stock.py': INVENTORY, 'INVENTORY_REPORT.md': REPORT });
    const { file } = await baselineOf(before);
    const action = parseYaml(readFileSync(resolve('action.yml'), 'utf8')) as { inputs: Record<string, unknown>; runs: { steps: { id?: string; run?: string }[] } };
    expect(Object.keys(action.inputs)).toContain('baseline');
    const script = action.runs.steps.find((s) => s.id === 'audit')!.run!;
    const runner = mkdtempSync(join(tmpdir(), 'cc-runner-'));
    dirs.push(runner);
    const step = (baseline: string) =>
      spawnSync('bash', ['-c', script], {
        encoding: 'utf8',
        env: {
          ...process.env,
          ACTION_PATH: resolve('.'),
          GITHUB_WORKSPACE: before,
          RUNNER_TEMP: runner,
          GITHUB_OUTPUT: join(runner, 'output'),
          PR_BODY: '',
          BASE_SHA: '',
          CLAIMS: '',
          FAIL_ON: 'warning',
          ALL_FINDINGS: 'false',
          BASELINE: baseline,
        },
      });
    const without = step('');
    expect(readFileSync(join(runner, 'output'), 'utf8')).toMatch(/exit-code=1/);
    expect(without.stderr).toMatch(/--fail-on tripped/);
    writeFileSync(join(runner, 'output'), '');
    step(file);
    expect(readFileSync(join(runner, 'output'), 'utf8')).toMatch(/exit-code=0/);
    const written = JSON.parse(readFileSync(join(runner, 'claimcheck-report', 'claimcheck-report.json'), 'utf8'));
    expect(written.findings).toEqual([]);
    expect(written.baseline.unchanged).toEqual({ claims: 3, findings: 1 });
  });
});
