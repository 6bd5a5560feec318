/**
 * RepoFacts: the facts index of one audit and the queries claim verifiers
 * ask it (a dependency by name, the routes, the Dockerfiles, the tests of a
 * file, every named fact as a term). Plain data inside, so it can be built
 * in tests from literals too.
 */
import { dependencyKey } from './dependencies.js';
import type { Dependency, Ecosystem, FactTerm, RepoFactsData } from './types.js';

/** Names a Go module is called by in prose: `gin` for github.com/gin-gonic/gin, `go-redis`/`redis` for github.com/redis/go-redis/v9, `yaml` for gopkg.in/yaml.v3. */
export function goModuleNames(path: string): string[] {
  const parts = path.split('/').filter(Boolean);
  if (parts.length > 1 && /^v\d+$/.test(parts[parts.length - 1]!)) parts.pop();
  const last = (parts[parts.length - 1] ?? '').replace(/\.v\d+$/, '');
  const names = new Set([last.toLowerCase()]);
  const bare = last.replace(/^go-/, '').replace(/[-.]go$/, '');
  if (bare && bare !== last) names.add(bare.toLowerCase());
  if (parts.length >= 3) names.add(`${parts[1]}/${parts[2]}`.toLowerCase());
  return [...names];
}

export class RepoFacts implements RepoFactsData {
  readonly manifests;
  readonly dependencies;
  readonly routes;
  readonly dockerfiles;
  readonly composeServices;
  readonly k8sObjects;
  readonly helmCharts;
  readonly ciJobs;
  readonly configKeys;
  readonly tests;
  readonly problems;
  private termCache: FactTerm[] | null = null;

  constructor(
    data: RepoFactsData,
    /** Milliseconds per extractor, for CLAIMCHECK_PROFILE; not part of any report. */
    readonly timings: Readonly<Record<string, number>> = {},
  ) {
    this.manifests = data.manifests;
    this.dependencies = data.dependencies;
    this.routes = data.routes;
    this.dockerfiles = data.dockerfiles;
    this.composeServices = data.composeServices;
    this.k8sObjects = data.k8sObjects;
    this.helmCharts = data.helmCharts;
    this.ciJobs = data.ciJobs;
    this.configKeys = data.configKeys;
    this.tests = data.tests;
    this.problems = data.problems;
  }

  /** An index with no facts (a verifier's context outside an audit). */
  static empty(): RepoFacts {
    return new RepoFacts({ manifests: [], dependencies: [], routes: [], dockerfiles: [], composeServices: [], k8sObjects: [], helmCharts: [], ciJobs: [], configKeys: [], tests: [], problems: [] });
  }

  /**
   * Declarations of a dependency by the name a report uses: the exact name
   * in its ecosystem's normal form (PEP 503 for Python), and for Go the
   * module path or the names it is called by (see goModuleNames).
   */
  dependency(name: string, ecosystem?: Ecosystem): Dependency[] {
    const wanted = name.trim();
    return this.dependencies.filter((d) => {
      if (ecosystem && d.ecosystem !== ecosystem) return false;
      if (d.key === dependencyKey(d.ecosystem, wanted)) return true;
      if (d.ecosystem !== 'go') return false;
      // A module path, or the path of a package inside the module (`golang.org/x/sync/errgroup` of `golang.org/x/sync`).
      if (wanted.includes('.') && wanted.includes('/')) return d.name === wanted || d.name.replace(/\/v\d+$/, '') === wanted.replace(/\/v\d+$/, '') || wanted.startsWith(d.name + '/');
      return goModuleNames(d.name).includes(wanted.toLowerCase());
    });
  }

  /** Whether the repository has a manifest (not only a lockfile) of the ecosystem. */
  hasManifest(ecosystem: Ecosystem): boolean {
    return this.manifests.some((m) => m.ecosystem === ecosystem && m.kind === 'manifest');
  }

  manifestsOf(ecosystem: Ecosystem): string[] {
    return this.manifests.filter((m) => m.ecosystem === ecosystem).map((m) => m.path);
  }

  /** The tests of one file. */
  testsIn(path: string) {
    return this.tests.filter((t) => t.path === path);
  }

  /** Every named fact as (term, kind, path, line), in path order. */
  terms(): FactTerm[] {
    if (this.termCache) return this.termCache;
    const out: FactTerm[] = [];
    const add = (term: string | null | undefined, kind: FactTerm['kind'], path: string, line: number) => {
      if (term) out.push({ term, kind, path, line });
    };
    for (const d of this.dependencies) add(d.name, 'dependency', d.path, d.line);
    for (const r of this.routes) {
      add(r.route, 'route', r.path, r.line);
      add(r.handler, 'handler', r.path, r.line);
      for (const m of r.middleware) if (m !== '(inline)') add(m, 'middleware', r.path, r.line);
    }
    for (const f of this.dockerfiles) {
      for (const s of f.stages) {
        add(s.name, 'docker-stage', s.path, s.line);
        add(s.base, 'docker-image', s.path, s.line);
      }
    }
    for (const s of this.composeServices) {
      add(s.name, 'compose-service', s.path, s.line);
      add(s.image, 'docker-image', s.path, s.line);
    }
    for (const k of this.k8sObjects) {
      add(k.kind, 'k8s-kind', k.path, k.line);
      add(k.name, 'k8s-name', k.path, k.line);
    }
    for (const h of this.helmCharts) {
      add(h.name, 'helm-chart', h.path, h.line);
      for (const v of h.values) add(v.key, 'config-key', v.path, v.line);
    }
    for (const j of this.ciJobs) {
      add(j.name, 'ci-job', j.path, j.line);
      for (const s of j.steps) {
        add(s.name, 'ci-step', s.path, s.line);
        add(s.uses, 'ci-step', s.path, s.line);
      }
    }
    for (const k of this.configKeys) add(k.key, k.source === 'env-example' ? 'env-key' : 'config-key', k.path, k.line);
    for (const t of this.tests) add(t.name, 'test', t.path, t.line);
    out.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : a.line - b.line || (a.term < b.term ? -1 : a.term > b.term ? 1 : 0)));
    this.termCache = out;
    return out;
  }

  /** How many facts of each sort (for the profile output and the README). */
  counts(): Record<string, number> {
    return {
      manifests: this.manifests.length,
      dependencies: this.dependencies.length,
      routes: this.routes.length,
      dockerfiles: this.dockerfiles.length,
      dockerStages: this.dockerfiles.reduce((n, d) => n + d.stages.length, 0),
      composeServices: this.composeServices.length,
      k8sObjects: this.k8sObjects.length,
      helmCharts: this.helmCharts.length,
      ciJobs: this.ciJobs.length,
      configKeys: this.configKeys.length,
      tests: this.tests.length,
      problems: this.problems.length,
    };
  }
}
