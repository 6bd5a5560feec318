import { readFileSync } from 'node:fs';
import { Ajv } from 'ajv';
import formats from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import { CLAIM_RULE_ID, FINGERPRINT_KEY, renderSarif, sarifText, type SarifRule } from '../../src/report/sarif.js';
import type { AuditReport } from '../../src/report/model.js';
import { hostileReport } from './fixtures/hostile.js';

const fixture = (): AuditReport => JSON.parse(readFileSync(new URL('./fixtures/report.json', import.meta.url), 'utf8'));
const rules: SarifRule[] = JSON.parse(readFileSync(new URL('./fixtures/rules.json', import.meta.url), 'utf8'));

/**
 * The official OASIS SARIF 2.1.0 schema (errata01), committed under schema/.
 * It is written in JSON Schema draft-04, which Ajv 8 reads as draft-07 once
 * the root `id` is spelt `$id`: the schema uses no keyword whose meaning
 * changed between the drafts (no boolean exclusiveMinimum/Maximum).
 */
function sarifValidator() {
  const schema = JSON.parse(readFileSync(new URL('../../schema/sarif-2.1.0.json', import.meta.url), 'utf8'));
  expect(schema.title).toBe('Static Analysis Results Format (SARIF) Version 2.1.0 JSON Schema');
  expect(JSON.stringify(schema)).not.toMatch(/"exclusive(Minimum|Maximum)"/);
  const { $schema: _draft, id, ...rest } = schema;
  const ajv = new Ajv({ strict: false, allErrors: true });
  // ajv-formats is CommonJS: under NodeNext its default export arrives as the module object.
  const mod = formats as unknown as { default?: (a: Ajv) => Ajv };
  const addFormats = mod.default ?? (formats as unknown as (a: Ajv) => Ajv);
  addFormats(ajv);
  return ajv.compile({ $id: id, ...rest });
}

const validate = sarifValidator();

interface Result {
  ruleId: string;
  ruleIndex: number;
  level: string;
  message: { text: string };
  locations: { physicalLocation: { artifactLocation: { uri: string; uriBaseId?: string }; region?: { startLine: number; endLine?: number } } }[];
  partialFingerprints: Record<string, string>;
}
interface Log {
  runs: { tool: { driver: { rules: { id: string; help: { text: string; markdown: string }; defaultConfiguration: { level: string } }[] } }; results: Result[] }[];
}

describe('renderSarif', () => {
  const log = renderSarif(fixture(), { rules }) as Log;
  const run = log.runs[0]!;

  it('validates against the official SARIF 2.1.0 schema', () => {
    const ok = validate(log);
    expect(validate.errors ?? []).toEqual([]);
    expect(ok).toBe(true);
  });

  it('the validator rejects what the schema forbids', () => {
    const broken = structuredClone(log) as unknown as { runs: { results: { level: string }[] }[] };
    broken.runs[0]!.results[0]!.level = 'fatal';
    expect(validate(broken)).toBe(false);
    expect(validate({ version: '2.1.0' })).toBe(false);
  });

  it('lists every rule with its docs and help, and the claim rule', () => {
    const ids = run.tool.driver.rules.map((r) => r.id);
    expect(ids).toEqual([...rules.map((r) => r.id), CLAIM_RULE_ID].sort());
    const timeout = run.tool.driver.rules.find((r) => r.id === 'missing-timeout/python-requests')!;
    expect(timeout.help.markdown).toContain('**Fix:** Pass timeout=(connect, read)');
    expect(timeout.defaultConfiguration.level).toBe('warning');
    expect(run.tool.driver.rules.find((r) => r.id === 'missing-timeout/js-fetch')!.defaultConfiguration.level).toBe('note');
  });

  it('reports findings at repo-relative locations with levels from their severity', () => {
    const findings = run.results.filter((r) => r.ruleId !== CLAIM_RULE_ID);
    expect(findings).toHaveLength(11);
    for (const r of findings) expect(run.tool.driver.rules[r.ruleIndex]!.id).toBe(r.ruleId);
    const mock = findings.find((r) => r.ruleId === 'mock-in-production/mock-import')!;
    expect(mock.level).toBe('error');
    expect(mock.locations[0]!.physicalLocation).toEqual({
      artifactLocation: { uri: 'netbox_hedgehog/api/views.py', uriBaseId: 'SRCROOT' },
      region: { startLine: 12, snippet: { text: 'from unittest.mock import MagicMock' } },
    });
    expect(findings.find((r) => r.ruleId === 'missing-timeout/js-fetch')!.level).toBe('note');
  });

  it('reports contradicted claims as results located at the report line', () => {
    const claims = run.results.filter((r) => r.ruleId === CLAIM_RULE_ID);
    expect(claims).toHaveLength(7);
    const lineCount = claims.find((r) => r.message.text.includes('663 lines'))!;
    expect(lineCount.level).toBe('error');
    expect(lineCount.locations[0]!.physicalLocation).toEqual({
      artifactLocation: { uri: 'docs/reports/SYNC_FIX_REPORT.md', uriBaseId: 'SRCROOT' },
      region: { startLine: 37 },
    });
    expect(lineCount.message.text).toContain('claimed 663 lines, found 598');
    // The report line the claim is part of, and the per-line counts in the run's summary.
    expect((lineCount as { properties?: Record<string, unknown> }).properties?.statement).toBe('gitops_onboarding_service.py: 663 lines, 25 methods, 5 classes');
    expect((run as { properties?: { summary?: { statements?: unknown } } }).properties?.summary?.statements).toEqual({ verified: 3, contradicted: 7, unverifiable: 5 });
  });

  it('is deterministic', () => {
    expect(JSON.stringify(renderSarif(fixture(), { rules }))).toBe(JSON.stringify(log));
  });
});

describe('partialFingerprints', () => {
  const prints = (report: AuditReport) =>
    ((renderSarif(report, { rules }) as Log).runs[0]!.results).map((r) => `${r.ruleId} ${r.partialFingerprints[FINGERPRINT_KEY]}`);

  it('do not change when code and reports move by some lines', () => {
    const shifted = fixture();
    for (const f of shifted.findings) {
      f.line += 7;
      f.endLine += 7;
      for (const r of f.related ?? []) r.line += 3;
    }
    for (const c of shifted.claims) {
      c.source.line += 12;
      for (const e of c.evidence) if (e.line) e.line += 5;
    }
    expect(prints(shifted)).toEqual(prints(fixture()));
  });

  it('do not change with indentation, but do when the code changes', () => {
    const reindented = fixture();
    reindented.findings[0]!.excerpt = '\t# TODO:   implement retry with backoff  ';
    expect(prints(reindented)).toEqual(prints(fixture()));
    const edited = fixture();
    edited.findings[0]!.excerpt = '        # TODO: implement retry with jitter';
    expect(prints(edited)[0]).not.toBe(prints(fixture())[0]);
  });

  it('stay distinct for identical excerpts in one file', () => {
    const twice = fixture();
    twice.findings.push({ ...structuredClone(twice.findings[0]!), id: 'f-dup', line: 300, endLine: 300 });
    const todo = prints(twice).filter((p) => p.startsWith('placeholder/todo-comment '));
    expect(todo).toHaveLength(2);
    expect(new Set(todo).size).toBe(2);
  });

  it("are the report's own fingerprints when it carries them", () => {
    const printed = fixture();
    printed.findings.forEach((f, i) => (f.fingerprint = String(i).padStart(32, 'a')));
    printed.claims.forEach((c, i) => (c.fingerprint = String(i).padStart(32, 'c')));
    for (const p of prints(printed)) expect(p).toMatch(/ (a|c)+\d+$/);
  });
});

describe('renderSarif on hostile input', () => {
  it('stays valid SARIF with encoded URIs and escaped message links', () => {
    const log = renderSarif(hostileReport(), { rules }) as Log;
    expect(validate(log)).toBe(true);
    const uris = log.runs[0]!.results.map((r) => r.locations[0]!.physicalLocation.artifactLocation.uri);
    expect(uris).toContain('src/%3Cimg%20src%3Dx%20onerror%3D%22window.__pwned%3D12%22%3E/%22quoted%22%20%26%20spaced/%5D(javascript%3Ax).py');
    for (const r of log.runs[0]!.results) expect(r.message.text).not.toMatch(/(^|[^\\])\[[^\]]*(^|[^\\])\]\(/);
    expect(sarifText('[click](1) a\\b')).toBe('\\[click\\](1) a\\\\b');
  });

  it('keeps a claims document outside the repository as an absolute file URI', () => {
    const report = fixture();
    report.claims[1]!.source = { path: '/tmp/pr body.md', line: 3 };
    const log = renderSarif(report, { rules }) as Log;
    expect(validate(log)).toBe(true);
    const loc = log.runs[0]!.results.find((r) => r.message.text.includes('Chaos test suite'))!.locations[0]!.physicalLocation;
    expect(loc.artifactLocation).toEqual({ uri: 'file:///tmp/pr%20body.md' });
  });
});
