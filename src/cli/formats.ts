/** Output formats, all rendered from the one AuditReport. */
import { allRules } from '../rules/registry.js';
import type { AuditReport } from '../report/model.js';
import { renderJson } from '../report/json.js';
import { renderText } from '../report/text.js';
import { renderHtml } from '../report/html.js';
import { renderMarkdown } from '../report/markdown.js';
import { renderSarif } from '../report/sarif.js';
import { InputError } from '../audit/errors.js';
import { FORMATS, type Format } from './output.js';

export function parseFormats(value: string): Format[] {
  const items = value.split(',').map((s) => s.trim().toLowerCase()).filter(Boolean);
  const out: Format[] = [];
  for (const raw of items) {
    const i = raw === 'markdown' ? 'md' : raw;
    if (!(FORMATS as readonly string[]).includes(i)) throw new InputError(`--format: unknown format '${raw}'; use any of ${FORMATS.join(', ')}`);
    if (!out.includes(i as Format)) out.push(i as Format);
  }
  return out.length ? out : ['text'];
}

export interface RenderContext {
  remoteUrl: string | null;
  fullReportPath: string | null;
  /** Pull request mode: the comment lists findings on these lines only. */
  changedLines?: Map<string, Set<number>> | null;
}

function ruleDocs() {
  return allRules().map((r) => ({ id: r.id, category: r.category, severity: r.severity, docs: { summary: r.docs.summary, why: r.docs.why, fix: r.docs.fix } }));
}

export function renderFormat(format: Format, report: AuditReport, ctx: RenderContext): string {
  switch (format) {
    case 'text':
      return renderText(report, { color: false });
    case 'json':
      return renderJson(report);
    case 'md':
      return renderMarkdown(report, { fullReportPath: ctx.fullReportPath ?? undefined, changedLines: ctx.changedLines ?? null });
    case 'html':
      return renderHtml(report, { remoteUrl: ctx.remoteUrl, ruleDocs: Object.fromEntries(ruleDocs().map((r) => [r.id, r.docs])) });
    case 'sarif':
      return JSON.stringify(renderSarif(report, { rules: ruleDocs() }), null, 2) + '\n';
  }
}
