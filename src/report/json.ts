/**
 * The JSON contract (schemaVersion 1). Keys are written in a fixed order and
 * kind-internal data stays out, so the same audit gives byte-identical JSON.
 */
import type { AuditReport } from './model.js';

export function toContract(report: AuditReport): unknown {
  return {
    schemaVersion: report.schemaVersion,
    tool: { name: report.tool.name, version: report.tool.version },
    target: { root: report.target.root, commit: report.target.commit },
    summary: {
      claims: { verified: report.summary.claims.verified, contradicted: report.summary.claims.contradicted, unverifiable: report.summary.claims.unverifiable },
      findings: { error: report.summary.findings.error, warning: report.summary.findings.warning, info: report.summary.findings.info },
    },
    claims: report.claims.map((c) => ({
      id: c.id,
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
    findings: report.findings.map((f) => ({
      id: f.id,
      ruleId: f.ruleId,
      category: f.category,
      severity: f.severity,
      path: f.path,
      line: f.line,
      endLine: f.endLine,
      message: f.message,
      excerpt: f.excerpt,
      ...(f.related?.length ? { related: f.related.map((r) => ({ path: r.path, line: r.line, note: r.note })) } : {}),
    })),
    skipped: report.skipped.map((s) => ({ path: s.path, reason: s.reason, ...(s.detail ? { detail: s.detail } : {}) })),
  };
}

export function renderJson(report: AuditReport): string {
  return JSON.stringify(toContract(report), null, 2) + '\n';
}
