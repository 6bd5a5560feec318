/**
 * The analysis loop: read each code file of the snapshot, parse it and run
 * per-file rules (over worker threads for large trees), then repository-wide
 * rules over all models. Results are merged in path order, so the output is
 * the same whatever the number of jobs.
 */
import { existsSync, mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { ClaimcheckConfig } from '../repo/config.js';
import { RepoSnapshot, type Skipped } from '../repo/snapshot.js';
import type { NonProductionReason } from '../repo/production.js';
import { browserPackages, inBrowserPackage, packageFolders } from '../facts/browser.js';
import { splitLines } from '../repo/text.js';
import type { SourceModel } from '../lang/model.js';
import { analyzeFile, DEFAULT_PARSE_BUDGET_MS, toFinding, type FileJob, type FileResult } from './analyze-file.js';
import { coveringDirective, findDirectives, type InlineSuppression, type SuppressedFinding } from './suppress.js';
import { configuredRules } from './registry.js';
import { collector } from './gc.js';
import { appliesIn, type Category, type Finding, type RepoContext, type Rule } from './types.js';

export interface AnalysisOptions {
  config?: ClaimcheckConfig;
  /** Worker threads; 1 runs in this thread. Default: all cores. */
  jobs?: number;
  /** Parse only (no rules): the benchmark's baseline. */
  parseOnly?: boolean;
  /** Override the rule set (tests). */
  rules?: Rule[];
  onProgress?: (done: number, total: number) => void;
}

/** A folder of non-production code and what was left out there. */
export interface LeftOut {
  /** The folder, repo-relative. */
  path: string;
  reason: NonProductionReason;
  /** Code files in it. */
  files: number;
  /** Findings not reported there, by category (only categories that do not apply in non-production code). */
  findings: Partial<Record<Category, number>>;
}

export interface Analysis {
  models: Map<string, SourceModel>;
  /** What the report lists: every finding whose category applies to the kind of code it is in. */
  findings: Finding[];
  /** Findings an inline `claimcheck-ignore` covers, with the comment that covers each; sorted like findings. */
  suppressed: SuppressedFinding[];
  /** Every inline suppression comment in the analysed files, by path and line. */
  directives: InlineSuppression[];
  /** Findings in non-production code of categories that do not apply there: counted in `leftOut`, still evidence for claims about those files. */
  leftOutFindings: Finding[];
  /** Non-production folders with code, by path. */
  leftOut: LeftOut[];
  skipped: Skipped[];
  /** Milliseconds spent in the per-file stage and in repository rules. */
  timings: { parse: number; repoRules: number };
}

/** Files smaller than this in number are not worth starting workers for. */
const MIN_FILES_FOR_WORKERS = 48;
const BATCH = 16;

function workerPath(): string | null {
  const here = fileURLToPath(import.meta.url);
  const js = here.endsWith('.ts') ? here.replace(/[\\/]src[\\/]rules[\\/]engine\.ts$/, '/dist/rules/worker.js') : join(dirname(here), 'worker.js');
  return existsSync(js) ? js : null;
}

export async function analyze(snapshot: RepoSnapshot, opts: AnalysisOptions = {}): Promise<Analysis> {
  const config = opts.config ?? {};
  const rules = opts.parseOnly ? [] : (opts.rules ?? configuredRules(config));
  const budgetMs = config.parseBudgetMs ?? DEFAULT_PARSE_BUDGET_MS;
  const skipped: Skipped[] = [...snapshot.skipped];
  const codeFiles = snapshot.files.filter((f) => f.language !== null);
  const t0 = performance.now();

  const paths = snapshot.files.map((f) => f.path);
  const readText = (p: string) => {
    const r = snapshot.read(p);
    return r.ok ? r.text : null;
  };
  const bundles = browserPackages(paths, readText);
  const packages = packageFolders(paths);

  // Reading stays on this thread: the snapshot is the only gate to the disk.
  const nextJob = (i: number): FileJob | null => {
    const f = codeFiles[i]!;
    const r = snapshot.read(f.path);
    snapshot.forget(f.path);
    if (!r.ok) {
      skipped.push({ path: f.path, reason: r.reason, ...(r.detail ? { detail: r.detail } : {}) });
      return null;
    }
    const job: FileJob = { path: f.path, language: f.language!, text: r.text, isTest: f.isTest };
    if (bundles.size > 0 && (f.language === 'typescript' || f.language === 'javascript')) job.browserBundle = inBrowserPackage(f.path, bundles, packages);
    return job;
  };

  const nJobs = Math.max(1, opts.jobs ?? availableParallelism());
  const wp = workerPath();
  const useWorkers = nJobs > 1 && codeFiles.length >= MIN_FILES_FOR_WORKERS && wp !== null && !opts.rules;
  const results: FileResult[] = useWorkers
    ? await runInWorkers(wp!, codeFiles.length, nextJob, nJobs, { config, budgetMs, parseOnly: !!opts.parseOnly }, opts.onProgress)
    : await runInThread(codeFiles.length, nextJob, rules, budgetMs, opts.onProgress);

  const models = new Map<string, SourceModel>();
  const findings: Finding[] = [];
  const suppressed: SuppressedFinding[] = [];
  const directives = new Map<string, InlineSuppression[]>();
  results.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  for (const r of results) {
    if (r.model) models.set(r.path, r.model);
    findings.push(...r.findings);
    suppressed.push(...r.suppressed);
    if (r.directives.length) directives.set(r.path, r.directives);
    skipped.push(...r.skipped);
  }
  const t1 = performance.now();

  if (!opts.parseOnly) findings.push(...(await runRepoRules(snapshot, models, rules, skipped, suppressed, directives)));
  const t2 = performance.now();
  const suppressedOnce = dedupeBy(suppressed, (s) => s.finding.id);
  const byFinding = new Map(suppressedOnce.map((s) => [s.finding, s]));
  const { kept, dropped, leftOut } = setAsideNonProduction(snapshot, sortFindings(dedupe(findings)));
  return {
    models,
    findings: kept,
    leftOutFindings: dropped,
    leftOut,
    suppressed: sortFindings(suppressedOnce.map((s) => s.finding)).map((f) => byFinding.get(f)!),
    directives: [...directives.values()].flat().sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : a.line - b.line)),
    skipped: sortSkipped(skipped),
    timings: { parse: Math.round(t1 - t0), repoRules: Math.round(t2 - t1) },
  };
}

async function runInThread(
  total: number,
  nextJob: (i: number) => FileJob | null,
  rules: readonly Rule[],
  budgetMs: number,
  onProgress?: (done: number, total: number) => void,
): Promise<FileResult[]> {
  const out: FileResult[] = [];
  const gc = collector();
  for (let i = 0; i < total; i++) {
    const job = nextJob(i);
    if (job) out.push(analyzeFile(job, rules, budgetMs));
    // Yield so tree-sitter's finalizers can free native trees (DESIGN.md: 817 MiB vs 140 MiB).
    if (i % 8 === 7) await new Promise((r) => setImmediate(r));
    if (gc && i % 50 === 49) gc();
    onProgress?.(i + 1, total);
  }
  return out;
}

function runInWorkers(
  workerFile: string,
  total: number,
  nextJob: (i: number) => FileJob | null,
  nJobs: number,
  workerData: { config: ClaimcheckConfig; budgetMs: number; parseOnly: boolean },
  onProgress?: (done: number, total: number) => void,
): Promise<FileResult[]> {
  return new Promise((resolvePromise, reject) => {
    const out: FileResult[] = [];
    let next = 0;
    let done = 0;
    let live = 0;
    const workers: Worker[] = [];
    const feed = (w: Worker): boolean => {
      const batch: FileJob[] = [];
      while (next < total && batch.length < BATCH) {
        const job = nextJob(next++);
        if (job) batch.push(job);
        else done++;
      }
      if (batch.length === 0) return false;
      w.postMessage(batch);
      return true;
    };
    const finish = () => {
      for (const w of workers) void w.terminate();
      resolvePromise(out);
    };
    const n = Math.min(nJobs, Math.ceil(total / BATCH));
    for (let i = 0; i < n; i++) {
      const w = new Worker(workerFile, { workerData });
      workers.push(w);
      w.on('message', (results: FileResult[]) => {
        out.push(...results);
        done += results.length;
        onProgress?.(Math.min(done, total), total);
        if (!feed(w)) {
          live--;
          if (live === 0) finish();
        }
      });
      w.on('error', (err) => {
        for (const x of workers) void x.terminate();
        reject(err);
      });
      if (feed(w)) live++;
    }
    if (live === 0) finish();
  });
}

async function runRepoRules(
  snapshot: RepoSnapshot,
  models: Map<string, SourceModel>,
  rules: readonly Rule[],
  skipped: Skipped[],
  suppressed: SuppressedFinding[],
  directives: Map<string, InlineSuppression[]>,
): Promise<Finding[]> {
  const ctx: RepoContext = { snapshot, models, shared: new Map() };
  const out: Finding[] = [];
  for (const rule of rules) {
    if (rule.scope !== 'repo') continue;
    let raws;
    const started = performance.now();
    try {
      raws = await rule.check(ctx);
      if (process.env.CLAIMCHECK_PROFILE) process.stderr.write(`repo rule ${rule.id}: ${Math.round(performance.now() - started)} ms\n`);
    } catch (err) {
      skipped.push({ path: '.', reason: 'unreadable', detail: `rule ${rule.id} failed: ${(err as Error).message}` });
      continue;
    }
    for (const raw of raws) {
      const path = raw.path;
      if (!path) continue;
      const entry = snapshot.file(path);
      if (!entry || (entry.isTest && !appliesIn(rule.category, 'test'))) continue;
      const r = snapshot.read(path);
      const lines = r.ok ? splitLines(r.text) : [];
      // Files the per-file stage parsed already have their directives; others (a config file) are read here once.
      if (!directives.has(path) && !models.has(path)) directives.set(path, findDirectives(path, lines, null));
      const finding = toFinding(rule, raw, path, lines);
      const by = coveringDirective(directives.get(path) ?? [], finding.line, rule.id, rule.category);
      if (by) suppressed.push({ finding, by: { path: by.path, line: by.line } });
      else out.push(finding);
    }
  }
  // Repository rules that could not look at some files (a type-check cap, a
  // read budget) list them under a `<name>:unchecked` key; they land in `skipped`.
  for (const [key, value] of ctx.shared) {
    if (!key.endsWith(':unchecked') || !Array.isArray(value)) continue;
    for (const u of value as { path: string; reason: string }[]) skipped.push({ path: u.path, reason: 'partially-analysed', detail: u.reason });
  }
  return out;
}

/** Splits off the findings that are not defects in the non-production code they are in, and counts them per folder. */
function setAsideNonProduction(snapshot: RepoSnapshot, findings: Finding[]): { kept: Finding[]; dropped: Finding[]; leftOut: LeftOut[] } {
  const folders = new Map<string, LeftOut>();
  for (const f of snapshot.files) {
    const np = f.nonProduction;
    if (!np || f.language === null) continue;
    let entry = folders.get(np.path);
    if (!entry) folders.set(np.path, (entry = { path: np.path, reason: np.reason, files: 0, findings: {} }));
    entry.files++;
  }
  const kept: Finding[] = [];
  const dropped: Finding[] = [];
  for (const f of findings) {
    const np = snapshot.file(f.path)?.nonProduction;
    if (!np || appliesIn(f.category, 'non-production')) {
      kept.push(f);
      continue;
    }
    dropped.push(f);
    const entry = folders.get(np.path);
    if (entry) entry.findings[f.category] = (entry.findings[f.category] ?? 0) + 1;
  }
  const leftOut = [...folders.values()].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  return { kept, dropped, leftOut };
}

function dedupe(findings: Finding[]): Finding[] {
  return dedupeBy(findings, (f) => f.id);
}

function dedupeBy<T>(items: T[], key: (x: T) => string): T[] {
  const seen = new Set<string>();
  return items.filter((x) => {
    const k = key(x);
    return seen.has(k) ? false : (seen.add(k), true);
  });
}

export function sortFindings<F extends Finding>(findings: F[]): F[] {
  return findings.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : a.line - b.line || (a.ruleId < b.ruleId ? -1 : a.ruleId > b.ruleId ? 1 : a.message < b.message ? -1 : a.message > b.message ? 1 : 0)));
}

function sortSkipped(s: Skipped[]): Skipped[] {
  const seen = new Set<string>();
  return s
    .filter((x) => {
      const k = `${x.path}\0${x.reason}\0${x.detail ?? ''}`;
      return seen.has(k) ? false : (seen.add(k), true);
    })
    .sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : a.reason < b.reason ? -1 : a.reason > b.reason ? 1 : 0));
}

/**
 * Runs rules over files given in memory (tests, rule examples, docs): writes
 * them to a temporary directory and analyses it as a real repository.
 */
export async function analyzeInMemory(files: Record<string, string>, opts: AnalysisOptions = {}): Promise<Analysis> {
  const dir = mkdtempSync(join(tmpdir(), 'claimcheck-mem-'));
  try {
    for (const [p, text] of Object.entries(files)) {
      const abs = join(dir, p);
      mkdirSync(dirname(abs), { recursive: true });
      writeFileSync(abs, text);
    }
    const snapshot = await RepoSnapshot.open(dir, { noGit: true, config: opts.config });
    return await analyze(snapshot, { jobs: 1, ...opts });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
