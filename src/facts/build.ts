/**
 * Builds the facts index of a snapshot, once per audit. Every extractor
 * reads through one FactSource: capped reads that never throw, the
 * analysis's source models (a file the analysis did not parse is parsed here
 * on demand), and a problems list where malformed files are recorded and
 * skipped. Nothing here throws out of buildRepoFacts: an extractor that
 * fails is recorded as a problem and its facts are left out.
 */
import type { RepoSnapshot } from '../repo/snapshot.js';
import type { SourceModel } from '../lang/model.js';
import { parseSource } from '../lang/parse.js';
import { ParseBudgetExceeded } from '../lang/treesitter.js';
import { extractDependencies } from './dependencies.js';
import { extractRoutes } from './routes.js';
import { extractCompose, extractDockerfiles } from './containers.js';
import { extractYamlFacts } from './yamlfacts.js';
import { extractTests } from './tests.js';
import { RepoFacts } from './repofacts.js';
import type { FactSource } from './source.js';
import type { FactProblem, RepoFactsData } from './types.js';

export interface BuildOptions {
  /** The audit's source models (parsed once by the analysis); files without one are parsed here when needed. */
  model?: (path: string) => SourceModel | null | undefined;
  /** Per-file parse budget for files parsed here. */
  parseBudgetMs?: number;
}

/** Files larger than this are not parsed here for routes or tests (the analysis caps them too). */
const MAX_PARSE_BYTES = 1024 * 1024;

export function buildRepoFacts(snapshot: RepoSnapshot, opts: BuildOptions = {}): RepoFacts {
  const problems: FactProblem[] = [];
  const parsed = new Map<string, SourceModel | null>();
  const files = snapshot.files.map((f) => f.path);
  const src: FactSource = {
    files,
    problems,
    problem: (path, reason) => problems.push({ path, reason }),
    release: (path) => snapshot.forget(path),
    isTest: (path) => snapshot.file(path)?.isTest ?? false,
    read(path) {
      const r = snapshot.read(path);
      if (r.ok) return r.text;
      problems.push({ path, reason: r.reason + (r.detail ? ` (${r.detail})` : '') });
      return null;
    },
    model(path) {
      const given = opts.model?.(path);
      if (given) return given;
      if (parsed.has(path)) return parsed.get(path)!;
      const entry = snapshot.file(path);
      let m: SourceModel | null = null;
      if (entry?.language && entry.size <= MAX_PARSE_BYTES) {
        const r = snapshot.read(path);
        if (r.ok) {
          try {
            m = parseSource(path, r.text, entry.language, opts.parseBudgetMs ?? 2000).model;
          } catch (err) {
            problems.push({ path, reason: err instanceof ParseBudgetExceeded ? 'parse-budget' : `unparsable: ${(err as Error).message}` });
          }
        }
      }
      parsed.set(path, m);
      return m;
    },
  };
  const languageOf = (path: string) => snapshot.file(path)?.language ?? null;
  const timings: Record<string, number> = {};
  const guard = <T>(what: string, f: () => T, fallback: T): T => {
    const t0 = performance.now();
    try {
      return f();
    } catch (err) {
      // An extractor bug loses its own facts, never the audit.
      problems.push({ path: '.', reason: `${what} facts not gathered: ${(err as Error).message}` });
      return fallback;
    } finally {
      timings[what] = Math.round(performance.now() - t0);
    }
  };
  const deps = guard('dependency', () => extractDependencies(src), { manifests: [], dependencies: [] });
  const yaml = guard('YAML', () => extractYamlFacts(src), { k8sObjects: [], helmCharts: [], ciJobs: [], configKeys: [] });
  const data: RepoFactsData = {
    manifests: deps.manifests,
    dependencies: deps.dependencies,
    routes: guard('route', () => extractRoutes(src, languageOf), []),
    dockerfiles: guard('Dockerfile', () => extractDockerfiles(src), []),
    composeServices: guard('compose', () => extractCompose(src), []),
    k8sObjects: yaml.k8sObjects,
    helmCharts: yaml.helmCharts,
    ciJobs: yaml.ciJobs,
    configKeys: yaml.configKeys,
    tests: guard('test inventory', () => extractTests(src, languageOf), []),
    problems: [],
  };
  // Problems in path order, each once.
  const seen = new Set<string>();
  data.problems = problems
    .filter((p) => {
      const k = `${p.path}\0${p.reason}`;
      if (seen.has(k)) return false;
      seen.add(k);
      return true;
    })
    .sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : a.reason < b.reason ? -1 : 1));
  return new RepoFacts(data, timings);
}
