/**
 * Parse one file and run every per-file rule (tree, query, file scopes) on it
 * while its syntax tree is alive. Shared by the worker threads and the
 * in-thread loop, so both give byte-identical results.
 */
import { createHash } from 'node:crypto';
import type { Language } from '../repo/languages.js';
import type { Skipped } from '../repo/snapshot.js';
import { splitLines } from '../repo/text.js';
import type { SourceModel } from '../lang/model.js';
import { parseSource } from '../lang/parse.js';
import { compileQuery, ParseBudgetExceeded } from '../lang/treesitter.js';
import { appliesIn, type Finding, type RawFinding, type Rule, type FileContext, type TreeContext } from './types.js';
import { coveringDirective, findDirectives, type InlineSuppression, type SuppressedFinding } from './suppress.js';

export interface FileJob {
  path: string;
  language: Language;
  text: string;
  isTest: boolean;
  /** JS/TS only: the file lies in a package a browser bundler builds (facts/browser.ts). */
  browserBundle?: boolean;
}

export interface FileResult {
  path: string;
  model: SourceModel | null;
  findings: Finding[];
  /** Findings an inline `claimcheck-ignore` covers: kept, to be counted. */
  suppressed: SuppressedFinding[];
  /** Every inline suppression comment of the file, used or not. */
  directives: InlineSuppression[];
  skipped: Skipped[];
}

export const DEFAULT_PARSE_BUDGET_MS = 10_000;

/** Stable finding id: the same defect keeps its id across runs and machines. */
export function findingId(ruleId: string, path: string, line: number, message: string): string {
  return 'f-' + createHash('sha1').update(`${ruleId}\0${path}\0${line}\0${message}`).digest('hex').slice(0, 12);
}

/** Turns a rule's raw finding into a Finding with excerpt and id. */
export function toFinding(rule: Rule, raw: RawFinding, path: string, lines: string[]): Finding {
  const line = Math.max(1, raw.line);
  const endLine = Math.max(line, raw.endLine ?? line);
  const text = lines.slice(line - 1, Math.min(endLine, line + 4)).join('\n');
  const f: Finding = {
    id: findingId(rule.id, raw.path ?? path, line, raw.message),
    ruleId: rule.id,
    category: rule.category,
    severity: rule.severity,
    path: raw.path ?? path,
    line,
    endLine,
    message: raw.message,
    excerpt: text.length > 1200 ? text.slice(0, 1200) + '…' : text,
  };
  if (raw.related?.length) f.related = raw.related;
  return f;
}

/** Rules run on test files only where their category applies in tests (APPLIES_IN); non-production code is filtered after the run, so that what was left out can be counted. */
export function appliesTo(rule: Rule, language: Language, isTest: boolean): boolean {
  return rule.languages.includes(language) && (!isTest || appliesIn(rule.category, 'test'));
}

export function analyzeFile(job: FileJob, rules: readonly Rule[], budgetMs = DEFAULT_PARSE_BUDGET_MS): FileResult {
  let parsed;
  try {
    parsed = parseSource(job.path, job.text, job.language, budgetMs);
  } catch (err) {
    const reason = err instanceof ParseBudgetExceeded ? 'parse-budget' : 'unreadable';
    return { path: job.path, model: null, findings: [], suppressed: [], directives: [], skipped: [{ path: job.path, reason, detail: String((err as Error).message) }] };
  }
  const lines = splitLines(job.text);
  const fileCtx: FileContext = { model: parsed.model, text: job.text, lines, isTest: job.isTest, browserBundle: job.browserBundle ?? false };
  const findings: Finding[] = [];
  const suppressed: SuppressedFinding[] = [];
  const directives = findDirectives(job.path, lines, parsed.model);
  const skipped: Skipped[] = [];
  for (const rule of rules) {
    if (rule.scope === 'repo' || !appliesTo(rule, job.language, job.isTest)) continue;
    let raws: RawFinding[] = [];
    try {
      if (rule.scope === 'file') raws = rule.check(fileCtx);
      else if (rule.scope === 'tree') raws = rule.check({ ...fileCtx, tree: parsed.tree } as TreeContext);
      else raws = runQuery(rule.queries, parsed.tree, rule.message);
    } catch (err) {
      skipped.push({ path: job.path, reason: 'unreadable', detail: `rule ${rule.id} failed: ${(err as Error).message}` });
      continue;
    }
    for (const raw of raws) {
      const finding = toFinding(rule, raw, job.path, lines);
      const by = finding.path === job.path ? coveringDirective(directives, finding.line, rule.id, rule.category) : null;
      if (by) suppressed.push({ finding, by: { path: by.path, line: by.line } });
      else findings.push(finding);
    }
  }
  return { path: job.path, model: parsed.model, findings, suppressed, directives, skipped };
}

function runQuery(queries: Partial<Record<Language, string>>, tree: ReturnType<typeof parseSource>['tree'], message: string): RawFinding[] {
  if (tree.kind !== 'tree-sitter') return [];
  const source = queries[tree.language];
  if (!source) return [];
  const out: RawFinding[] = [];
  const seen = new Set<number>();
  for (const m of compileQuery(tree.language, source).matches(tree.tree.rootNode)) {
    const cap = m.captures.find((c) => c.name === 'match') ?? m.captures[0];
    if (!cap) continue;
    const line = cap.node.startPosition.row + 1;
    if (seen.has(line)) continue;
    seen.add(line);
    out.push({ line, endLine: cap.node.endPosition.row + 1, message: message.replace('{match}', cap.node.text.split('\n')[0]!.slice(0, 120)) });
  }
  return out;
}

