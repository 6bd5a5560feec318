import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadSavedReport } from '../../src/cli/render-command.js';
import { renderHtml } from '../../src/report/html.js';

const dir = mkdtempSync(join(tmpdir(), 'cc-render-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const fixture = () => JSON.parse(readFileSync(new URL('../report/fixtures/report.json', import.meta.url), 'utf8'));

describe('loadSavedReport', () => {
  it('keeps the statements and documents of a current report as saved', () => {
    const file = join(dir, 'current.json');
    writeFileSync(file, JSON.stringify(fixture()));
    const r = loadSavedReport(file);
    expect(r.statements).toEqual(fixture().statements);
    expect(r.documents).toEqual(fixture().documents);
  });

  it('combines the line verdicts of a report saved before statements existed, from its claims', () => {
    const old = fixture();
    delete old.statements;
    delete old.documents;
    delete old.summary.statements;
    const file = join(dir, 'old.json');
    writeFileSync(file, JSON.stringify(old));
    const r = loadSavedReport(file);
    // Same lines and verdicts as the pipeline gives; only the text falls back to the claims' own.
    expect(r.statements.map((s) => [s.path, s.line, s.verdict, s.claims])).toEqual(fixture().statements.map((s: { path: string; line: number; verdict: string; claims: string[] }) => [s.path, s.line, s.verdict, s.claims]));
    expect(r.summary.statements).toEqual(fixture().summary.statements);
    expect(r.documents).toEqual([]);
    expect(renderHtml(r)).toContain('(text not in the report: claimed lines only)');
  });
});
