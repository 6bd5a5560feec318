/**
 * The pull request comment: GitHub-flavoured markdown, contradicted report
 * lines first (each with the claims that sink it and their evidence), findings on the changed lines, the rest folded. Repository text is
 * neutralised so it cannot mention people, reference or close issues, link,
 * or inject HTML, and the whole comment stays under GitHub's 65,536-character
 * limit with a note where it was cut.
 */
import type { Finding } from '../rules/types.js';
import type { CheckedClaim, Verdict } from '../claims/types.js';
import type { AuditReport, StatementVerdict } from './model.js';
import { SEVERITY_ORDER, numberedLines, orderClaims, orderFindings, place, revealInvisible, trustScore } from './present.js';

/** Hidden marker by which the bot finds its own comment to update it. */
export const COMMENT_MARKER = '<!-- claimcheck:report -->';

/** GitHub rejects comment bodies over 65,536 characters. */
export const GITHUB_COMMENT_LIMIT = 65536;

export interface MarkdownOptions {
  /** Where the full report lives (a path in the workspace or an artifact name), named in the footer and the truncation note. */
  fullReportPath?: string;
  /** Lines the pull request changed, by repo-relative path; when given, only findings touching them are listed. */
  changedLines?: Map<string, Set<number>> | null;
  /** Upper bound on the comment's length in UTF-16 code units (what GitHub counts); default 65,000. */
  maxChars?: number;
}

const DEFAULT_MAX = 65000;
const MIN_MAX = 1500;
const TEXT_CAP = 500;
const NOTE_CAP = 300;
const EXCERPT_LINES = 15;
const EXCERPT_WIDTH = 200;
const ZWJ = '\u200D';

const VERDICT: Record<Verdict, { icon: string; title: string }> = {
  contradicted: { icon: '✗', title: 'Contradicted' },
  unverifiable: { icon: '?', title: 'Unverifiable' },
  verified: { icon: '✓', title: 'Verified' },
};

const SEVERITY_TITLE: Record<string, string> = { error: 'Error', warning: 'Warning', info: 'Info' };

const CATEGORY_TITLE: Record<string, string> = {
  placeholder: 'Placeholders',
  'mock-in-production': 'Mocks in production code',
  'method-mismatch': 'Method mismatches',
  'missing-timeout': 'Missing timeouts',
  'build-error': 'Build errors',
};

// Only names from this list reach a fence's info string, so a file
// extension cannot smuggle anything into it.
const FENCE_LANG: Record<string, string> = {
  py: 'python', go: 'go', ts: 'typescript', tsx: 'tsx', js: 'javascript', jsx: 'jsx', mjs: 'javascript', cjs: 'javascript',
  md: 'markdown', json: 'json', yaml: 'yaml', yml: 'yaml', toml: 'toml', sh: 'shell', xml: 'xml', html: 'html', sql: 'sql',
};

function cap(text: string, max: number): string {
  return text.length > max ? text.slice(0, max) + '…' : text;
}

/**
 * Untrusted prose for one line of markdown: control and bidi characters made
 * visible, line breaks collapsed, HTML and markdown syntax escaped, and the
 * patterns GitHub turns into notifications or links broken with a zero-width
 * joiner (mentions, issue references, bare URLs). Backtick spans, which the
 * claims parser keeps from the report, become safe code spans.
 */
export function mdText(raw: string, max = TEXT_CAP): string {
  const s = revealInvisible(cap(raw, max)).replace(/\s+/g, ' ').trim();
  // Matching spans is quadratic in backticks; text full of them is escaped as prose.
  if ((s.match(/`/g)?.length ?? 0) > 128) return escapeProse(s, true);
  const out: string[] = [];
  const re = /(`+)([^`]|[^`][\s\S]*?[^`])\1(?!`)/g;
  let at = 0;
  for (let m = re.exec(s); m; m = re.exec(s)) {
    if (m.index > at) out.push(escapeProse(s.slice(at, m.index), at === 0));
    out.push(mdCode(m[2]!));
    at = m.index + m[0].length;
  }
  if (at < s.length) out.push(escapeProse(s.slice(at), at === 0));
  return out.join('');
}

function escapeProse(text: string, atLineStart: boolean): string {
  let s = text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  s = s.replace(/[\\`*_[\]#!|~]/g, '\\$&');
  // A list marker, heading or thematic break at the start of a line.
  if (atLineStart) s = s.replace(/^([-+=]|\d+[.)])/, '\\$1');
  s = s.replace(/@(?=[A-Za-z0-9_-])/g, `@${ZWJ}`);
  s = s.replace(/#(?=\d)/g, `#${ZWJ}`);
  s = s.replace(/\b(GH)-(?=\d)/gi, `$1-${ZWJ}`);
  s = s.replace(/:\/\//g, `:${ZWJ}//`);
  s = s.replace(/\bwww\./gi, (m) => `${m.slice(0, 3)}${ZWJ}.`);
  return s;
}

/** An inline code span that no backtick run inside can close; code spans are not autolinked or mentioned. */
export function mdCode(raw: string, max = NOTE_CAP): string {
  const s = revealInvisible(cap(raw, max)).replace(/\s+/g, ' ');
  const longest = Math.max(0, ...(s.match(/`+/g) ?? []).map((r) => r.length));
  const ticks = '`'.repeat(longest + 1);
  const pad = s.startsWith('`') || s.endsWith('`') || s === '' ? ' ' : '';
  return `${ticks}${pad}${s}${pad}${ticks}`;
}

/** A fenced block whose fence is longer than any backtick run in the code. */
export function mdFence(excerpt: string, firstLine: number | undefined, path: string): string {
  const { lines, omitted } = numberedLines(excerpt, firstLine, { maxLines: EXCERPT_LINES, width: EXCERPT_WIDTH });
  if (!lines.length) return '';
  const body = lines.map((l) => l.text).join('\n');
  const longest = Math.max(0, ...(body.match(/`+/g) ?? []).map((r) => r.length));
  const fence = '`'.repeat(Math.max(3, longest + 1));
  const ext = /\.([A-Za-z0-9]+)$/.exec(path)?.[1]?.toLowerCase() ?? '';
  const lang = Object.prototype.hasOwnProperty.call(FENCE_LANG, ext) ? FENCE_LANG[ext] : '';
  const more = omitted ? `\n<sub>${omitted} more lines not shown</sub>\n` : '';
  return `${fence}${lang}\n${body}\n${fence}\n${more}`;
}

function claimBlock(c: CheckedClaim): string {
  const v = VERDICT[c.verdict];
  const out = [
    `#### ${v.icon} ${mdCode(c.kind)} at ${mdCode(place(c.source.path, c.source.line))}`,
    '',
    `> ${mdText(c.text)}`,
    '',
    `**Found:** ${mdText(c.reason)}`,
    '',
  ];
  for (const e of c.evidence) {
    out.push(`${mdCode(place(e.path, e.line, e.endLine))}${e.note ? ` — ${mdText(e.note, NOTE_CAP)}` : ''}`, '');
    if (e.excerpt) out.push(mdFence(e.excerpt, e.line, e.path));
  }
  return out.join('\n') + '\n';
}

/**
 * A contradicted report line: its text once, then each contradicted claim
 * on it with the reason and evidence, and the line's other claims in one
 * line each (what did hold, or could not be checked).
 */
function statementBlock(st: StatementVerdict, claims: Map<string, CheckedClaim>): string {
  const own = st.claims.map((id) => claims.get(id)).filter((c): c is CheckedClaim => !!c);
  const out = [`#### ✗ ${mdCode(place(st.path, st.line))}`, '', `> ${mdText(st.text)}`, ''];
  for (const c of own.filter((x) => x.verdict === 'contradicted')) {
    out.push(`**Found** (${mdCode(c.kind)}): ${mdText(c.reason)}`, '');
    for (const e of c.evidence) {
      out.push(`${mdCode(place(e.path, e.line, e.endLine))}${e.note ? ` — ${mdText(e.note, NOTE_CAP)}` : ''}`, '');
      if (e.excerpt) out.push(mdFence(e.excerpt, e.line, e.path));
    }
  }
  const others = own.filter((x) => x.verdict !== 'contradicted');
  if (others.length) {
    out.push('Also on this line:', '');
    for (const c of others) out.push(`- ${VERDICT[c.verdict].icon} ${mdCode(c.kind)}: ${mdText(c.reason, 300)}`);
    out.push('');
  }
  return out.join('\n') + '\n';
}

function claimLine(c: CheckedClaim): string {
  return `- ${VERDICT[c.verdict].icon} ${mdCode(c.kind)} at ${mdCode(place(c.source.path, c.source.line))}: ${mdText(c.text, 300)} — ${mdText(c.reason, 300)}\n`;
}

function findingBlock(f: Finding): string {
  const head = `**${SEVERITY_TITLE[f.severity] ?? mdText(f.severity)}** ${mdCode(f.ruleId)} at ${mdCode(place(f.path, f.line, f.endLine))}: ${mdText(f.message)}`;
  return `${head}\n\n${f.excerpt ? mdFence(f.excerpt, f.line, f.path) : ''}\n`;
}

function onChangedLines(f: Finding, changed: Map<string, Set<number>>): boolean {
  const lines = changed.get(f.path);
  if (!lines) return false;
  // A file that did not exist at the base is changed on every line.
  if (lines.has(Number.POSITIVE_INFINITY)) return true;
  for (let n = f.line; n <= Math.max(f.line, f.endLine); n++) if (lines.has(n)) return true;
  return false;
}

/** Appends blocks while they fit, keeping room for what must close the comment. */
class Budget {
  private parts: string[] = [];
  private used = 0;
  private closers: string[] = [];
  omitted = 0;

  constructor(private readonly limit: number) {}

  private closing(): number {
    return this.closers.reduce((n, c) => n + c.length, 0);
  }

  /** False (and counted as omitted) once a block no longer fits. */
  push(block: string, countsAsItem = true): boolean {
    if (this.omitted === 0 && this.used + block.length + this.closing() <= this.limit) {
      this.parts.push(block);
      this.used += block.length;
      return true;
    }
    if (countsAsItem) this.omitted++;
    return false;
  }

  /** Opens a folded section if its opening and closing fit. */
  open(opening: string, closer: string): boolean {
    if (this.omitted > 0 || this.used + opening.length + closer.length + this.closing() > this.limit) return false;
    this.parts.push(opening);
    this.used += opening.length;
    this.closers.push(closer);
    return true;
  }

  close(): void {
    const c = this.closers.pop();
    if (c !== undefined) {
      this.parts.push(c);
      this.used += c.length;
    }
  }

  text(): string {
    while (this.closers.length) this.close();
    return this.parts.join('');
  }
}

/** Renders the pull request comment. */
export function renderMarkdown(report: AuditReport, opts: MarkdownOptions = {}): string {
  const limit = Math.max(MIN_MAX, Math.min(opts.maxChars ?? DEFAULT_MAX, GITHUB_COMMENT_LIMIT));
  const fullPath = opts.fullReportPath ? mdCode(opts.fullReportPath) : null;
  const claims = orderClaims(report.claims);
  const byVerdict = (v: Verdict) => claims.filter((c) => c.verdict === v);
  const allFindings = orderFindings(report.findings);
  const changed = opts.changedLines ?? null;
  const shownFindings = changed ? allFindings.filter((f) => onChangedLines(f, changed)) : allFindings;
  const s = report.summary;
  const trust = trustScore(report);

  const commit = report.target.commit ? mdCode(report.target.commit.slice(0, 12)) : 'the working tree';
  const header = [
    COMMENT_MARKER,
    `## claimcheck: ${s.claims.contradicted} contradicted · ${s.claims.unverifiable} unverifiable · ${s.claims.verified} verified`,
    '',
    `Audited ${commit}: **${report.claims.length} claims** checked against the code, **${report.findings.length} findings** (${SEVERITY_ORDER.map((x) => `${s.findings[x] ?? 0} ${x}`).join(', ')}).`,
    `Report lines that make claims: **${report.statements.length}** (${s.statements.contradicted} contradicted · ${s.statements.unverifiable} unverifiable · ${s.statements.verified} verified; a line is contradicted if any claim on it is, verified only if all are).`,
    trust.score === null
      ? 'Trust score: n/a (no claim could be checked either way).'
      : `Trust score: **${trust.score}/100** (${trust.formula}; ${trust.checked} of ${trust.total} claims checkable).`,
    ...contextLines(report),
    '',
  ].join('\n') + '\n';

  const footer =
    '\n---\n' +
    (fullPath ? `Full report: ${fullPath}. ` : '') +
    `<sub>${mdText(report.tool.name, 50)} ${mdText(report.tool.version, 50)}: static analysis, nothing in the repository was run.</sub>\n`;
  const noteFor = (n: number) =>
    `\n> [!WARNING]\n> This comment was cut to stay under GitHub's ${GITHUB_COMMENT_LIMIT.toLocaleString('en-US')}-character limit: ${n} more item${n === 1 ? ' is' : 's are'} not shown.` +
    (fullPath ? ` The full report is ${fullPath}.` : '') +
    '\n';
  // Room for the note at its longest and the footer, so both always fit.
  const itemCount = report.statements.length + report.claims.length + report.findings.length + report.skipped.length;
  const reserve = noteFor(itemCount).length + footer.length;
  const budget = new Budget(limit - reserve);

  budget.push(header, false);

  // What is false first, by report line: a reviewer reads the line, then why it does not hold.
  const byId = new Map(report.claims.map((c) => [c.id, c]));
  const falseLines = report.statements.filter((st) => st.verdict === 'contradicted');
  if (falseLines.length) {
    budget.push(`### ✗ Contradicted report lines (${falseLines.length})\n\n`, false);
    for (const st of falseLines) budget.push(statementBlock(st, byId));
  }
  // Contradicted claims on no line of the statements (a report saved without them) keep their own blocks.
  const onLines = new Set(falseLines.flatMap((st) => st.claims));
  const loose = byVerdict('contradicted').filter((c) => !onLines.has(c.id));
  if (loose.length) {
    budget.push(`### ✗ Contradicted claims (${loose.length})\n\n`, false);
    for (const c of loose) budget.push(claimBlock(c));
  }

  const findingsTitle = changed ? 'Findings on changed lines' : 'Findings';
  if (shownFindings.length) {
    budget.push(`### ${findingsTitle} (${shownFindings.length})\n\n`, false);
    let category = '';
    for (const f of shownFindings) {
      if (f.category !== category) {
        category = f.category;
        budget.push(`#### ${CATEGORY_TITLE[category] ?? mdText(category)}\n\n`, false);
      }
      budget.push(findingBlock(f));
    }
  } else {
    budget.push(`### ${findingsTitle}\n\nNone.\n\n`, false);
  }
  const elsewhere = allFindings.length - shownFindings.length;
  if (elsewhere > 0) {
    budget.push(`${elsewhere} finding${elsewhere === 1 ? ' is' : 's are'} outside the changed lines and not listed here${fullPath ? `; see ${fullPath}` : ''}.\n\n`, false);
  }

  const folded: { title: string; lines: string[] }[] = [
    { title: `? Unverifiable claims (${byVerdict('unverifiable').length})`, lines: byVerdict('unverifiable').map(claimLine) },
    { title: `✓ Verified claims (${byVerdict('verified').length})`, lines: byVerdict('verified').map(claimLine) },
    {
      title: `Not analysed (${report.skipped.length})`,
      lines: report.skipped.map((k) => `- ${mdCode(k.path)}: ${mdText(k.reason, 50)}${k.detail ? ` (${mdText(k.detail, 200)})` : ''}\n`),
    },
  ];
  for (const section of folded) {
    if (!section.lines.length) continue;
    if (!budget.open(`<details><summary>${section.title}</summary>\n\n`, '\n</details>\n\n')) {
      budget.omitted += section.lines.length;
      continue;
    }
    for (const line of section.lines) budget.push(line);
    budget.close();
  }

  const body = budget.text() + (budget.omitted ? noteFor(budget.omitted) : '') + footer;
  return body;
}

/** The header's lines for a baseline comparison and for suppressions, when the report has them. */
function contextLines(report: AuditReport): string[] {
  const out: string[] = [];
  const b = report.baseline;
  if (b) {
    const base = b.commit ? mdCode(b.commit.slice(0, 12)) : mdCode(b.root);
    out.push(
      `Compared with the baseline ${base}: only what it did not have is listed; ${b.unchanged.claims} claims and ${b.unchanged.findings} findings unchanged, ${b.resolved.claims} claims and ${b.resolved.findings} findings gone since.`,
    );
  }
  const list = report.suppressions ?? [];
  if (list.length) {
    const stale = list.filter((x) => x.stale).length;
    out.push(`Suppressed: ${report.suppressed?.length ?? 0} findings by ${list.length} suppression${list.length === 1 ? '' : 's'}${stale ? `, **${stale} stale** (suppress nothing)` : ''}; listed in the JSON and HTML reports.`);
  }
  return out;
}
