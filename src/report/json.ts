/**
 * The JSON contract (schemaVersion 1). Keys are written in a fixed order and
 * kind-internal data stays out, so the same audit gives byte-identical JSON.
 */
import type { AuditReport, ReportFinding, Suppression } from './model.js';

function findingContract(f: ReportFinding) {
  return {
    id: f.id,
    ...(f.fingerprint !== undefined ? { fingerprint: f.fingerprint } : {}),
    ruleId: f.ruleId,
    category: f.category,
    severity: f.severity,
    path: f.path,
    line: f.line,
    endLine: f.endLine,
    message: f.message,
    excerpt: f.excerpt,
    ...(f.related?.length ? { related: f.related.map((r) => ({ path: r.path, line: r.line, note: r.note })) } : {}),
  };
}

function suppressionContract(s: Suppression) {
  return {
    kind: s.kind,
    path: s.path,
    line: s.line,
    entry: s.entry,
    rules: [...s.rules],
    paths: [...s.paths],
    reason: s.reason,
    findings: s.findings,
    files: s.files,
    stale: s.stale,
    ...(s.note ? { note: s.note } : {}),
  };
}

export function toContract(report: AuditReport): unknown {
  return {
    schemaVersion: report.schemaVersion,
    tool: { name: report.tool.name, version: report.tool.version },
    target: { root: report.target.root, commit: report.target.commit },
    summary: {
      claims: { verified: report.summary.claims.verified, contradicted: report.summary.claims.contradicted, unverifiable: report.summary.claims.unverifiable },
      findings: { error: report.summary.findings.error, warning: report.summary.findings.warning, info: report.summary.findings.info },
      statements: { verified: report.summary.statements.verified, contradicted: report.summary.statements.contradicted, unverifiable: report.summary.statements.unverifiable },
      ...(report.summary.suppressed
        ? { suppressed: { findings: report.summary.suppressed.findings, files: report.summary.suppressed.files, stale: report.summary.suppressed.stale } }
        : {}),
    },
    ...(report.baseline
      ? {
          baseline: {
            root: report.baseline.root,
            commit: report.baseline.commit,
            unchanged: { claims: report.baseline.unchanged.claims, findings: report.baseline.unchanged.findings },
            resolved: { claims: report.baseline.resolved.claims, findings: report.baseline.resolved.findings },
          },
        }
      : {}),
    claims: report.claims.map((c) => ({
      id: c.id,
      ...(c.fingerprint !== undefined ? { fingerprint: c.fingerprint } : {}),
      kind: c.kind,
      text: c.text,
      source: { path: c.source.path, line: c.source.line },
      sources: c.sources.map((s) => ({ path: s.path, line: s.line })),
      subject: { path: c.subject.path, symbol: c.subject.symbol },
      verdict: c.verdict,
      reason: c.reason,
      evidence: c.evidence.map((e) => ({
        path: e.path,
        ...(e.line !== undefined ? { line: e.line } : {}),
        ...(e.endLine !== undefined ? { endLine: e.endLine } : {}),
        ...(e.excerpt !== undefined ? { excerpt: e.excerpt } : {}),
        note: e.note,
      })),
    })),
    statements: report.statements.map((s) => ({ path: s.path, line: s.line, text: s.text, verdict: s.verdict, claims: [...s.claims] })),
    findings: report.findings.map(findingContract),
    nonProduction: (report.nonProduction ?? []).map((n) => ({
      path: n.path,
      reason: n.reason,
      files: n.files,
      findings: Object.fromEntries(Object.entries(n.findings).sort(([a], [b]) => (a < b ? -1 : 1))),
    })),
    skipped: report.skipped.map((s) => ({ path: s.path, reason: s.reason, ...(s.detail ? { detail: s.detail } : {}) })),
    ...(report.suppressed
      ? {
          suppressed: report.suppressed.map((f) => ({
            ...findingContract(f),
            suppressedBy: { kind: f.suppressedBy.kind, path: f.suppressedBy.path, line: f.suppressedBy.line, entry: f.suppressedBy.entry },
          })),
        }
      : {}),
    ...(report.suppressions ? { suppressions: report.suppressions.map(suppressionContract) } : {}),
    // Last: the documents' full text is the bulk of the file and what a reader of the verdicts needs least.
    documents: report.documents.map((d) => ({ path: d.path, text: d.text, passedOver: d.passedOver.map((p) => ({ line: p.line, reason: p.reason })) })),
  };
}

export function renderJson(report: AuditReport): string {
  return JSON.stringify(toContract(report), null, 2) + '\n';
}
