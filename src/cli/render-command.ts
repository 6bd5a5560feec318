/** `claimcheck render`: load a saved JSON report and check it is one. */
import { readFileSync } from 'node:fs';
import type { AuditReport } from '../report/model.js';
import { statementVerdicts, verdictCounts } from '../claims/statements.js';
import { InputError } from '../audit/errors.js';

export function loadSavedReport(file: string): AuditReport {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (err) {
    throw new InputError(`${file}: cannot read a JSON report: ${(err as Error).message.split('\n')[0]}`);
  }
  const r = raw as Partial<AuditReport>;
  if (!r || r.schemaVersion !== 1 || !Array.isArray(r.claims) || !Array.isArray(r.findings) || !r.summary || !r.target) {
    throw new InputError(`${file}: not a claimcheck JSON report (schemaVersion 1); produce one with 'claimcheck audit --format json --out DIR'`);
  }
  // A report from before statements were added: each line's verdict is combined from its claims
  // (their text stands in for the line's), and the line view has no document text to show.
  const statements = Array.isArray(r.statements) ? r.statements : statementVerdicts(r.claims, []);
  return {
    ...(r as AuditReport),
    summary: { ...r.summary, statements: r.summary.statements ?? verdictCounts(statements) },
    statements,
    documents: Array.isArray(r.documents) ? r.documents : [],
    skipped: r.skipped ?? [],
  };
}
