/**
 * The reviewer's HTML report: one self-contained file (inline CSS and JS, no
 * request of any kind) rendered with handlebars from templates/. Everything
 * from the audited repository is untrusted and reaches the page only through
 * `{{ }}` escaping or the script-safe JSON helper (from which the script
 * builds the line view with textContent, never markup); a Content-Security-Policy
 * that allows exactly the two inline blocks by hash is the second wall.
 */
import { createHash } from 'node:crypto';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Handlebars from 'handlebars';
import { CATEGORIES, type Finding, type Severity } from '../rules/types.js';
import { splitLines } from '../repo/text.js';
import type { CheckedClaim, Verdict } from '../claims/types.js';
import type { AuditReport, SuppressionRef } from './model.js';
import {
  SEVERITY_ORDER,
  VERDICT_ORDER,
  commitLink,
  numberedLines,
  orderClaims,
  orderFindings,
  permalinker,
  place,
  revealInvisible,
  trustScore,
  type Permalinker,
} from './present.js';

export interface RuleDoc {
  summary: string;
  why: string;
  fix: string;
}

export interface HtmlOptions {
  /** The repository's remote (https or git@ form); GitHub and GitLab remotes give permalinks at target.commit. */
  remoteUrl?: string | null;
  /** Docs of the rules by id, shown beside their findings. */
  ruleDocs?: Record<string, RuleDoc>;
}

/** templates/ beside src/ and dist/: both are two levels below the package root. */
const TEMPLATES_DIR = fileURLToPath(new URL('../../templates/', import.meta.url));

// Excerpts from the pipeline are already capped; these bound what a hostile
// or oversized JSON report can make the page carry.
const EXCERPT_MAX_LINES = 60;
const EXCERPT_WIDTH = 1000;
const TEXT_MAX = 4000;
const PREVIEW = 400;
const MAX_TICKS = 128;
/**
 * Rows of the claims table. An audit of a repository full of reports makes
 * tens of thousands of claims; as table rows they made a page the browser
 * took most of a minute to open. Past this many, the table keeps the worst
 * ones (contradicted first) and the line view, built on demand from the
 * embedded report, shows every claim.
 */
export const CLAIMS_TABLE_MAX = 2000;

const VERDICT_LABEL: Record<Verdict, { label: string; icon: string }> = {
  contradicted: { label: 'Contradicted', icon: '✗' },
  unverifiable: { label: 'Unverifiable', icon: '?' },
  verified: { label: 'Verified', icon: '✓' },
};

const SEVERITY_LABEL: Record<Severity, string> = { error: 'Error', warning: 'Warning', info: 'Info' };

const CATEGORY_LABEL: Record<string, string> = {
  placeholder: 'Placeholders',
  'mock-in-production': 'Mocks in production code',
  'method-mismatch': 'Method mismatches',
  'missing-timeout': 'Missing timeouts',
  'build-error': 'Build errors',
};

interface Assets {
  template: HandlebarsTemplateDelegate;
  css: string;
  js: string;
}

let cached: Assets | null = null;

function loadAssets(): Assets {
  if (cached) return cached;
  const hb = Handlebars.create();
  hb.registerHelper('json', (value: unknown) => new hb.SafeString(scriptJson(value)));
  hb.registerHelper('eq', (a: unknown, b: unknown) => a === b);
  const partialsDir = join(TEMPLATES_DIR, 'partials');
  for (const file of readdirSync(partialsDir).sort()) {
    // Trimmed so a partial used inline adds no stray space before the punctuation that follows it.
    if (file.endsWith('.hbs')) hb.registerPartial(file.slice(0, -4), readFileSync(join(partialsDir, file), 'utf8').trim());
  }
  const template = hb.compile(readFileSync(join(TEMPLATES_DIR, 'report.html.hbs'), 'utf8'), { strict: true });
  cached = {
    template,
    css: readFileSync(join(TEMPLATES_DIR, 'report.css'), 'utf8'),
    js: readFileSync(join(TEMPLATES_DIR, 'report.js'), 'utf8'),
  };
  return cached;
}

/**
 * JSON that can sit inside `<script type="application/json">`: `<`, `>` and
 * `&` become \u escapes so no `</script>` or `<!--` can end or bend the
 * element; line separators and invisible bidi/zero-width characters are
 * escaped too, so the page source shows them.
 */
export function scriptJson(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026')
    .replace(/[\u2028\u2029\u200B-\u200F\u202A-\u202E\u2060-\u2069\uFEFF]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

const sha256 = (text: string) => `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;

function clip(text: string, max = TEXT_MAX): string {
  const shown = text.length > max ? `${text.slice(0, max)}… [cut at ${max} of ${text.length} characters]` : text;
  return revealInvisible(shown);
}

/** Text with its backtick code spans marked, so the template can set them in <code> (still escaped). */
function inlineParts(text: string): { text: string; code: boolean }[] {
  const parts: { text: string; code: boolean }[] = [];
  // Matching spans is quadratic in backticks; text full of them is shown as it is.
  if ((text.match(/`/g)?.length ?? 0) > MAX_TICKS) return [{ text, code: false }];
  const re = /(`+)([^`]|[^`][\s\S]*?[^`])\1(?!`)/g;
  let at = 0;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    if (m.index > at) parts.push({ text: text.slice(at, m.index), code: false });
    parts.push({ text: m[2]!, code: true });
    at = m.index + m[0].length;
  }
  if (at < text.length) parts.push({ text: text.slice(at), code: false });
  return parts;
}

/**
 * Prose from the repository: a preview short enough not to bury the page,
 * the rest folded behind a disclosure.
 */
function textView(raw: string, preview = PREVIEW) {
  const text = clip(raw);
  if (text.length <= preview + 80) return { parts: inlineParts(text), rest: null, length: text.length };
  return { parts: inlineParts(text.slice(0, preview) + '…'), rest: inlineParts(text.slice(preview)), length: raw.length };
}

function excerptView(excerpt: string | undefined, line: number | undefined) {
  const { lines, omitted } = numberedLines(excerpt, line, { maxLines: EXCERPT_MAX_LINES, width: EXCERPT_WIDTH });
  if (!lines.length) return null;
  // The gutter is as wide as the largest line number, so code lines stay aligned.
  const digits = Math.min(7, Math.max(3, String(lines[lines.length - 1]!.n ?? '').length));
  return { lines, omitted, digits };
}

function locationView(link: Permalinker, path: string, line?: number, endLine?: number) {
  return { label: clip(place(path, line, endLine), 600), href: link(path, line, endLine) };
}

function claimView(claim: CheckedClaim, link: Permalinker) {
  const v = VERDICT_LABEL[claim.verdict];
  const others = claim.sources.filter((s) => s.path !== claim.source.path || s.line !== claim.source.line);
  return {
    id: claim.id,
    verdict: claim.verdict,
    verdictLabel: v.label,
    verdictIcon: v.icon,
    kind: claim.kind,
    text: textView(claim.text),
    report: claim.source.path,
    source: locationView(link, claim.source.path, claim.source.line),
    alsoAt: others.map((s) => locationView(link, s.path, s.line)),
    subject: claim.subject.path
      ? clip(claim.subject.symbol ? `${claim.subject.path} › ${claim.subject.symbol}` : claim.subject.path, 600)
      : claim.subject.symbol
        ? clip(claim.subject.symbol, 600)
        : null,
    reason: textView(claim.reason),
    evidence: claim.evidence.map((e) => ({
      where: locationView(link, e.path, e.line, e.endLine),
      note: textView(e.note, 200),
      excerpt: excerptView(e.excerpt, e.line),
    })),
  };
}

function findingView(f: Finding, link: Permalinker, docs: Record<string, RuleDoc>) {
  const doc = Object.prototype.hasOwnProperty.call(docs, f.ruleId) ? docs[f.ruleId] : undefined;
  return {
    id: f.id,
    ruleId: clip(f.ruleId, 200),
    severity: f.severity,
    severityLabel: SEVERITY_LABEL[f.severity] ?? f.severity,
    lines: { label: f.endLine > f.line ? `lines ${f.line}–${f.endLine}` : `line ${f.line}`, href: link(f.path, f.line, f.endLine) },
    message: textView(f.message),
    excerpt: excerptView(f.excerpt, f.line),
    related: (f.related ?? []).map((r) => ({ where: locationView(link, r.path, r.line), note: textView(r.note, 200) })),
    doc: doc ? { summary: clip(doc.summary), why: clip(doc.why), fix: clip(doc.fix) } : null,
  };
}

/** Findings grouped by category (rule-model order), then by file. */
function findingGroups(findings: Finding[], link: Permalinker, docs: Record<string, RuleDoc>) {
  const groups: {
    category: string;
    label: string;
    count: number;
    files: { raw: string; path: string; href: string | null; count: number; findings: ReturnType<typeof findingView>[] }[];
  }[] = [];
  for (const f of orderFindings(findings)) {
    let g = groups[groups.length - 1];
    if (!g || g.category !== f.category) {
      g = { category: f.category, label: CATEGORY_LABEL[f.category] ?? f.category, count: 0, files: [] };
      groups.push(g);
    }
    let file = g.files[g.files.length - 1];
    if (!file || file.raw !== f.path) {
      file = { raw: f.path, path: clip(f.path, 600), href: link(f.path), count: 0, findings: [] };
      g.files.push(file);
    }
    file.findings.push(findingView(f, link, docs));
    file.count++;
    g.count++;
  }
  return groups;
}

/** A stacked horizontal bar, in SVG user units (the template scales it). */
function verdictChart(counts: Record<Verdict, number>) {
  const total = VERDICT_ORDER.reduce((n, v) => n + (counts[v] ?? 0), 0);
  const width = 300;
  let x = 0;
  const segments = VERDICT_ORDER.map((v) => {
    const n = counts[v] ?? 0;
    const w = total === 0 ? 0 : (width * n) / total;
    const seg = { verdict: v, label: VERDICT_LABEL[v].label, count: n, x: round2(x), width: round2(w) };
    x += w;
    return seg;
  }).filter((s) => s.count > 0);
  const description = VERDICT_ORDER.map((v) => `${counts[v] ?? 0} ${v}`).join(', ');
  return { width, segments, total, description };
}

const round2 = (n: number) => Math.round(n * 100) / 100;

function findingMatrix(findings: Finding[]) {
  const cats = [...CATEGORIES.filter((c) => findings.some((f) => f.category === c))];
  for (const f of findings) if (!cats.includes(f.category)) cats.push(f.category);
  const rows = cats.map((c) => {
    const cells = SEVERITY_ORDER.map((s) => findings.filter((f) => f.category === c && f.severity === s).length);
    return { category: c, label: CATEGORY_LABEL[c] ?? c, cells, total: cells.reduce((a, b) => a + b, 0) };
  });
  const totals = SEVERITY_ORDER.map((s) => findings.filter((f) => f.severity === s).length);
  return { rows, totals, total: findings.length };
}

/**
 * The claims documents for the line view, worst first (most contradicted
 * statements, then most unverifiable, then by path). Only the summary of each
 * is rendered here; the script builds a document's lines from the embedded
 * JSON when it is opened, so a 384-document audit does not put every line of
 * every report in the page's markup. The worst document starts open.
 */
function lineDocuments(report: AuditReport) {
  const counted = new Map<string, Record<Verdict, number>>();
  for (const p of [...report.documents.map((d) => d.path), ...report.statements.map((s) => s.path)]) {
    if (!counted.has(p)) counted.set(p, { contradicted: 0, unverifiable: 0, verified: 0 });
  }
  for (const s of report.statements) counted.get(s.path)![s.verdict]++;
  const lineCount = new Map(report.documents.map((d) => [d.path, splitLines(d.text).length]));
  const docs = [...counted.entries()].map(([path, counts]) => {
    return {
      path,
      label: clip(path, 600),
      counts,
      chips: VERDICT_ORDER.filter((v) => counts[v] > 0).map((v) => ({ verdict: v, icon: VERDICT_LABEL[v].icon, label: VERDICT_LABEL[v].label, count: counts[v] })),
      statements: counts.contradicted + counts.unverifiable + counts.verified,
      hasText: lineCount.has(path),
      // What the script shows before it has read a document (it reads none until one is opened or filtered).
      lines: lineCount.get(path) ?? counts.contradicted + counts.unverifiable + counts.verified,
      open: false,
    };
  });
  docs.sort(
    (a, b) =>
      b.counts.contradicted - a.counts.contradicted ||
      b.counts.unverifiable - a.counts.unverifiable ||
      b.counts.verified - a.counts.verified ||
      (a.path < b.path ? -1 : a.path > b.path ? 1 : 0),
  );
  if (docs[0]) docs[0].open = true;
  return docs;
}

/** Where a suppression is written, as the report shows it. */
function suppressionWhere(s: SuppressionRef): string {
  return s.kind === 'inline' ? `${s.path}:${s.line}` : `${s.path} ignore[${s.entry}]`;
}

function suppressionView(report: AuditReport) {
  const list = report.suppressions ?? [];
  const suppressed = report.suppressed ?? [];
  return {
    suppressions: list.map((s) => ({
      where: clip(suppressionWhere(s), 600),
      covers: clip([s.rules.length ? s.rules.join(', ') : 'every rule', s.paths.length ? `in ${s.paths.join(', ')}` : ''].filter(Boolean).join(' '), 300),
      reason: s.reason ? clip(s.reason, 300) : null,
      count: s.files !== null ? `${s.files} file(s) not analysed` : `${s.findings} finding(s)`,
      stale: s.stale,
      note: s.note ? clip(s.note, 300) : null,
    })),
    suppressedCount: suppressed.length,
    staleCount: list.filter((s) => s.stale).length,
    suppressedFindings: suppressed.map((f) => ({
      severity: f.severity,
      severityLabel: SEVERITY_LABEL[f.severity] ?? f.severity,
      path: clip(f.path, 600),
      line: f.line,
      ruleId: clip(f.ruleId, 200),
      message: clip(f.message, 300),
      by: clip(suppressionWhere(f.suppressedBy), 600),
    })),
  };
}

const uniqueSorted = (xs: string[]) => [...new Set(xs)].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));

/** Renders the report as one self-contained HTML document. */
export function renderHtml(report: AuditReport, opts: HtmlOptions = {}): string {
  const { template, css, js } = loadAssets();
  const link = permalinker(opts.remoteUrl, report.target.commit);
  const docs = opts.ruleDocs ?? {};
  const ordered = orderClaims(report.claims);
  const claims = ordered.slice(0, CLAIMS_TABLE_MAX).map((c) => claimView(c, link));
  const trust = trustScore(report);
  const commit = report.target.commit;
  const view = {
    css,
    js,
    csp: [
      "default-src 'none'",
      `style-src ${sha256(css)}`,
      `script-src ${sha256(js)}`,
      'img-src data:',
      "base-uri 'none'",
      "form-action 'none'",
      "frame-src 'none'",
    ].join('; '),
    tool: { name: report.tool.name, version: clip(report.tool.version, 100) },
    target: {
      root: clip(report.target.root, 600),
      commit: commit ? clip(commit, 100) : null,
      shortCommit: commit ? clip(commit.slice(0, 12), 100) : null,
      commitHref: commitLink(opts.remoteUrl, commit),
    },
    summary: {
      claims: VERDICT_ORDER.map((v) => ({
        verdict: v,
        label: VERDICT_LABEL[v].label,
        icon: VERDICT_LABEL[v].icon,
        count: report.summary.claims[v] ?? 0,
      })),
      totalClaims: report.claims.length,
      findings: SEVERITY_ORDER.map((s) => ({ severity: s, label: SEVERITY_LABEL[s], count: report.summary.findings[s] ?? 0 })),
      chart: verdictChart(report.summary.claims),
      statements: VERDICT_ORDER.map((v) => ({ verdict: v, label: VERDICT_LABEL[v].label, count: report.summary.statements?.[v] ?? 0 })),
      totalStatements: report.statements.length,
      matrix: findingMatrix(report.findings),
      trust: {
        score: trust.score,
        checked: trust.checked,
        total: trust.total,
        formula: trust.formula,
        level: trust.score === null ? 'none' : trust.score >= 90 ? 'high' : trust.score >= 60 ? 'mid' : 'low',
      },
    },
    filters: {
      verdicts: VERDICT_ORDER.map((v) => ({ value: v, label: VERDICT_LABEL[v].label, icon: VERDICT_LABEL[v].icon })),
      kinds: uniqueSorted(report.claims.map((c) => c.kind)).map((k) => ({ value: k, label: clip(k, 100) })),
      reports: uniqueSorted(report.claims.map((c) => c.source.path)).map((p) => ({ value: p, label: clip(p, 300) })),
      severities: SEVERITY_ORDER.map((s) => ({ value: s, label: SEVERITY_LABEL[s] })),
    },
    claims,
    claimsLeftOut: ordered.length - claims.length,
    lineDocs: lineDocuments(report),
    findingGroups: findingGroups(report.findings, link, docs),
    findingCount: report.findings.length,
    skipped: report.skipped.map((s) => ({ path: clip(s.path, 600), reason: clip(s.reason, 100), detail: s.detail ? clip(s.detail) : null })),
    ...suppressionView(report),
    // Machine-readable copy for the "download JSON" button: the report as the pipeline produced it.
    data: report,
  };
  return template(view);
}
