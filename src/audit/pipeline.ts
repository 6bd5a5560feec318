/**
 * The audit pipeline, one direction: snapshot → parse + rules → claims →
 * verify → AuditReport. Its own stage (after report/, before cli/) so the
 * CLI, the GitHub Action (through the CLI), the benchmark, the tests and
 * library users all run the same code.
 */
import { existsSync, readFileSync, realpathSync, statSync } from 'node:fs';
import { isAbsolute, relative, resolve } from 'node:path';
import picomatch from 'picomatch';
import { loadConfig, type ClaimcheckConfig } from '../repo/config.js';
import { RepoSnapshot, isInside, type Skipped } from '../repo/snapshot.js';
import { decodeText, looksBinary } from '../repo/text.js';
import { parseSource } from '../lang/parse.js';
import type { SourceModel } from '../lang/model.js';
import { analyze, sortFindings } from '../rules/engine.js';
import { parseClaimDocument } from '../claims/document.js';
import { extractClaims, type PassedOver } from '../claims/extract.js';
import { CLAIM_KINDS, FALLBACK_KIND } from '../claims/kinds/index.js';
import { verifyClaims } from '../claims/verify.js';
import { gatherFacts } from '../claims/facts.js';
import { reportDocuments, statementVerdicts, verdictCounts } from '../claims/statements.js';
import { buildRepoFacts } from '../facts/index.js';
import type { ClaimDocument, VerifyContext } from '../claims/types.js';
import type { AuditReport, ReportFinding, SuppressedFinding } from '../report/model.js';
import { allRules } from '../rules/registry.js';
import { applySuppressions } from './suppressions.js';
import { fingerprintClaims, fingerprintFindings } from './fingerprints.js';
import { assertBaseline, compareWithBaseline } from './baseline.js';

import { InputError } from './errors.js';
import { toolVersion } from './version.js';

export const DEFAULT_CLAIM_GLOBS = [
  '**/*REPORT*.md',
  '**/*SUMMARY*.md',
  '**/*VALIDATION*.md',
  '**/*COMPLETE*.md',
  '**/*STATUS*.md',
  '**/*RESULTS*.md',
  'docs/reports/**/*.md',
  'reports/**/*.md',
];

/** Claims documents larger than this are refused with a clear error. */
const MAX_CLAIMS_BYTES = 16 * 1024 * 1024;

/** What to audit and how; everything but `repo` is optional. */
export interface RunOptions extends AuditOptions {
  /** The repository root, as given (reports keep it in `target.root`). */
  repo: string;
}

/** Options of `audit(root, options)`. */
export interface AuditOptions {
  /** Files or globs; `-` reads `stdin`. */
  claims?: string[];
  stdin?: () => string;
  configPath?: string;
  /** Pull request mode: the base revision; history claims are judged against `since..HEAD`. */
  since?: string;
  /** With `since`: keep findings on unchanged lines too. */
  allFindings?: boolean;
  jobs?: number;
  onProgress?: (done: number, total: number) => void;
  /**
   * An earlier report of the same repository (a parsed claimcheck-report.json):
   * the report then holds only the claims and findings it does not have, and
   * says how many it left out.
   */
  baseline?: AuditReport;
  /** How the baseline is named in errors (its file), default "baseline". */
  baselineName?: string;
  /**
   * Settings laid over the repository's own config (a scan's per-repository
   * claims globs and rule settings): lists replace, `rules` merge key by key.
   */
  settings?: ClaimcheckConfig;
}

/** The report and what the pipeline built on the way (for the CLI's printing and profiling). */
export interface AuditResult {
  report: AuditReport;
  documents: ClaimDocument[];
  passedOver: PassedOver[];
  snapshot: RepoSnapshot;
  config: ClaimcheckConfig;
  timings: Record<string, number>;
  /** Verification time per claim kind, in milliseconds, slowest first. */
  verifyByKind: Record<string, number>;
  /** With `since`: lines changed since the base, by path (a set holding Infinity: the whole file is new). */
  changedLines: Map<string, Set<number>> | null;
}

/** Whether a finding's lines touch the changed lines of its file. */
export function touchesChange(changed: Map<string, Set<number>>, path: string, line: number, endLine: number): boolean {
  const set = changed.get(path);
  if (!set) return false;
  if (set.has(Number.POSITIVE_INFINITY)) return true;
  for (let l = line; l <= endLine; l++) if (set.has(l)) return true;
  return false;
}

/** Audits a repository; paths in the options are relative to the working directory, as on the command line. */
export async function audit(root: string, options: AuditOptions = {}): Promise<AuditReport> {
  return (await runAudit({ ...options, repo: root })).report;
}

/** The pipeline with everything it built: the report, the snapshot, the documents, timings. */
export async function runAudit(opts: RunOptions): Promise<AuditResult> {
  const t0 = performance.now();
  const root = resolve(opts.repo);
  if (!existsSync(root) || !statSync(root).isDirectory()) throw new InputError(`${opts.repo}: no such directory; give the path of the repository to audit`);
  let config: ClaimcheckConfig;
  let configFile: string | null;
  try {
    ({ config, path: configFile } = loadConfig(root, opts.configPath));
  } catch (err) {
    throw new InputError((err as Error).message);
  }
  if (opts.settings) config = overlayConfig(config, opts.settings);
  if (opts.baseline) assertBaseline(opts.baseline, opts.baselineName ?? 'baseline');
  const snapshot = await RepoSnapshot.open(opts.repo, { config });
  const t1 = performance.now();
  profileMemory('snapshot');
  const analysis = await analyze(snapshot, { config, jobs: opts.jobs, onProgress: opts.onProgress });
  const t2 = performance.now();
  profileMemory('analysis');
  const repoFacts = buildRepoFacts(snapshot, { model: (p) => analysis.models.get(p) });
  const tRepoFacts = performance.now();
  if (process.env.CLAIMCHECK_PROFILE) process.stderr.write(`facts: ${Math.round(tRepoFacts - t2)} ms ${JSON.stringify(repoFacts.timings)} ${JSON.stringify(repoFacts.counts())}\n`);

  const suppression = applySuppressions({
    findings: analysis.findings,
    inlineSuppressed: analysis.suppressed,
    directives: analysis.directives,
    config,
    configPath: configFile === null ? null : reportPath(snapshot.root, safeReal(resolve(configFile))),
    configIgnored: snapshot.configIgnored,
    knownRules: allRules().map((r) => ({ id: r.id, category: r.category })),
  });
  // Suppressed findings are out of the claims' evidence too: a team that accepted a finding does not want it held against a report.
  const findings = suppression.findings;
  const findingPrints = fingerprintFindings([...findings, ...suppression.suppressed.map((s) => s.finding)], (p) => analysis.models.get(p));
  const withPrint = (f: (typeof findings)[number]): ReportFinding => ({ ...f, fingerprint: findingPrints.get(f)! });

  let changedLines: Map<string, Set<number>> | null = null;
  if (opts.since) {
    if (!snapshot.git) throw new InputError(`--since ${opts.since}: ${opts.repo} is not a git repository`);
    changedLines = await snapshot.git.changedLines(opts.since);
    if (!changedLines) throw new InputError(`--since ${opts.since}: git cannot diff against it (unknown revision, shallow clone or missing objects); fetch the base revision or drop --since`);
  }
  const docSkipped: Skipped[] = [];
  const documents = loadDocuments(snapshot, opts, config, docSkipped, changedLines);
  const extraction = extractClaims(documents, CLAIM_KINDS, FALLBACK_KIND);
  const t3 = performance.now();
  profileMemory('claims');

  const extraModels = new Map<string, SourceModel | null>();
  const ctx: VerifyContext = {
    snapshot,
    model(path) {
      const m = analysis.models.get(path);
      if (m) return m;
      if (extraModels.has(path)) return extraModels.get(path)!;
      // Files the analysis skipped (too large, over budget) stay unparsed.
      extraModels.set(path, analysis.skipped.some((s) => s.path === path) ? null : parseOnDemand(snapshot, path));
      return extraModels.get(path)!;
    },
    // Claims about files in a backup or an example are judged on everything found there, reported or not.
    findings: analysis.leftOutFindings.length ? sortFindings([...findings, ...analysis.leftOutFindings]) : findings,
    documents,
    facts: await gatherFacts(snapshot, documents, opts.since),
    repoFacts,
  };
  const tFacts = performance.now();
  profileMemory('git facts');
  const kindTimes = new Map<string, number>();
  const allChecked = fingerprintClaims(await verifyClaims(extraction.claims, ctx, kindTimes));
  // Pull request mode shows findings on changed lines only; claims were still judged against all of them.
  const allShown = (changedLines && !opts.allFindings ? findings.filter((f) => touchesChange(changedLines!, f.path, f.line, f.endLine)) : findings).map(withPrint);
  const compared = opts.baseline
    ? compareWithBaseline(allChecked, allShown, [...findingPrints.values()].map((fingerprint) => ({ fingerprint })), opts.baseline)
    : null;
  const checked = compared ? compared.claims : allChecked;
  const shown = compared ? compared.findings : allShown;
  const statements = statementVerdicts(checked, documents);
  const t4 = performance.now();
  profileMemory('verify');

  const suppressed: SuppressedFinding[] = sortFindings(suppression.suppressed.map((s) => ({ ...withPrint(s.finding), suppressedBy: s.by })));

  const report: AuditReport = {
    schemaVersion: 1,
    tool: { name: 'claimcheck', version: toolVersion() },
    target: { root: opts.repo, commit: snapshot.git ? await snapshot.git.head() : null },
    summary: {
      claims: verdictCounts(checked),
      findings: { error: 0, warning: 0, info: 0 },
      statements: verdictCounts(statements),
      suppressed: {
        findings: suppressed.length,
        files: suppression.suppressions.reduce((n, s) => n + (s.files ?? 0), 0),
        stale: suppression.suppressions.filter((s) => s.stale).length,
      },
    },
    claims: checked,
    statements,
    documents: reportDocuments(documents, extraction.passedOver, statements),
    findings: shown,
    nonProduction: analysis.leftOut,
    skipped: [...analysis.skipped, ...docSkipped].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : a.reason < b.reason ? -1 : 1)),
    suppressed,
    suppressions: suppression.suppressions,
    ...(compared ? { baseline: compared.comparison } : {}),
  };
  for (const f of report.findings) report.summary.findings[f.severity]++;
  return {
    report,
    changedLines,
    documents,
    passedOver: extraction.passedOver,
    snapshot,
    config,
    verifyByKind: Object.fromEntries([...kindTimes].sort((a, b) => b[1] - a[1]).map(([k, ms]) => [k, Math.round(ms)])),
    timings: {
      snapshot: Math.round(t1 - t0),
      parseAndFileRules: analysis.timings.parse,
      repoRules: analysis.timings.repoRules,
      facts: Math.round(tRepoFacts - t2),
      claims: Math.round(t3 - tRepoFacts),
      gitFacts: Math.round(tFacts - t3),
      verify: Math.round(t4 - tFacts),
      total: Math.round(t4 - t0),
    },
  };
}

/** The repository's config with a caller's settings laid over it. */
export function overlayConfig(base: ClaimcheckConfig, over: ClaimcheckConfig): ClaimcheckConfig {
  const merged: ClaimcheckConfig = { ...base, ...over };
  if (base.rules || over.rules) merged.rules = { ...base.rules, ...over.rules };
  return merged;
}

/** A path for the report: repo-relative with `/` when inside the root, else as given. */
function reportPath(root: string, abs: string): string {
  const rel = relative(root, abs);
  return rel && !rel.startsWith('..') && !isAbsolute(rel) ? rel.split('\\').join('/') : abs;
}

/** With CLAIMCHECK_PROFILE, the heap and resident size after a stage, on stderr. */
function profileMemory(stage: string): void {
  if (!process.env.CLAIMCHECK_PROFILE) return;
  const m = process.memoryUsage();
  const mib = (n: number) => Math.round(n / 1048576);
  process.stderr.write(`memory after ${stage}: heap ${mib(m.heapUsed)} of ${mib(m.heapTotal)} MiB, external ${mib(m.external)} MiB, rss ${mib(m.rss)} MiB\n`);
}

function parseOnDemand(snapshot: RepoSnapshot, path: string): SourceModel | null {
  const f = snapshot.file(path);
  if (!f?.language) return null;
  const r = snapshot.read(path);
  if (!r.ok) return null;
  try {
    return parseSource(path, r.text, f.language).model;
  } catch {
    return null;
  }
}

/** Reads the claims documents: explicit files and globs, stdin, or the default report names. */
function loadDocuments(
  snapshot: RepoSnapshot,
  opts: RunOptions,
  config: ClaimcheckConfig,
  skipped: Skipped[],
  changed: Map<string, Set<number>> | null,
): ClaimDocument[] {
  const docs: ClaimDocument[] = [];
  const seen = new Set<string>();
  const addRepoFile = (path: string, explicit = false) => {
    if (seen.has(path)) return;
    seen.add(path);
    const r = snapshot.read(path);
    if (!r.ok) {
      // A file the user named must be readable; a discovered one is reported and passed over.
      if (explicit) throw new InputError(`${path}: claims file is ${r.reason === 'binary' ? 'binary, not markdown or text' : `not readable (${r.reason})`}`);
      skipped.push({ path, reason: r.reason, detail: 'claims document' });
      return;
    }
    docs.push(parseClaimDocument(path, r.text));
  };
  const specs = opts.claims ?? [];
  // Pull request mode: the report files the range changed are always audited, beside any given claims (the PR body).
  if (specs.length === 0 || changed) {
    const globs = config.claims ?? DEFAULT_CLAIM_GLOBS;
    const match = picomatch(globs, { nocase: true, dot: false });
    for (const f of snapshot.files) {
      if (!/\.(md|markdown|txt)$/i.test(f.path) || !match(f.path)) continue;
      if (changed && !changed.has(f.path)) continue;
      addRepoFile(f.path);
    }
    if (specs.length === 0) return docs;
  }
  for (const spec of specs) {
    if (spec === '-') {
      const text = opts.stdin ? opts.stdin() : '';
      docs.push(parseClaimDocument('<stdin>', text));
      continue;
    }
    const abs = resolve(spec);
    if (existsSync(abs) && statSync(abs).isFile()) {
      const inRepo = isInside(snapshot.root, safeReal(abs));
      const rel = inRepo ? relative(snapshot.root, safeReal(abs)).split('\\').join('/') : null;
      if (rel && snapshot.hasFile(rel)) {
        addRepoFile(rel, true);
        continue;
      }
      const key = rel ?? spec;
      if (seen.has(key)) continue;
      seen.add(key);
      docs.push(readExternal(spec, abs, rel));
      continue;
    }
    // Not a file: a glob over the repository's files (relative to the root).
    const pattern = isAbsolute(spec) ? relative(snapshot.root, spec).split('\\').join('/') : spec;
    const match = picomatch(pattern, { dot: true });
    const hits = snapshot.files.filter((f) => match(f.path));
    if (hits.length === 0) {
      throw new InputError(`${spec}: no such claims file, and no file in the repository matches it as a glob`);
    }
    for (const h of hits) addRepoFile(h.path);
  }
  return docs;
}

function safeReal(abs: string): string {
  try {
    return realpathSync(abs);
  } catch {
    return abs;
  }
}

/** A claims document outside the repository (or not listed by it): read as given, with the same caps. */
function readExternal(spec: string, abs: string, rel: string | null): ClaimDocument {
  const size = statSync(abs).size;
  if (size > MAX_CLAIMS_BYTES) throw new InputError(`${spec}: claims file is ${size} bytes, over the ${MAX_CLAIMS_BYTES}-byte limit; split it`);
  const bytes = readFileSync(abs);
  if (looksBinary(bytes)) throw new InputError(`${spec}: claims file is binary, not markdown or text`);
  return parseClaimDocument(rel ?? spec, decodeText(bytes).text);
}
