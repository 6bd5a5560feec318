/**
 * The repository facts index: what the manifests, the route registrations,
 * the Docker/Kubernetes/CI files, the config examples and the test files of
 * the audited tree declare, each fact with the repo-relative path and 1-based
 * line where it is declared. Built once per audit (build.ts), read by the
 * claim verifiers through RepoFacts (index.ts).
 */

/** Where a fact is declared. */
export interface FactPlace {
  path: string;
  line: number;
}

/** Package ecosystems the dependency extractors read. */
export type Ecosystem = 'npm' | 'pypi' | 'go';

/** One declared dependency of one manifest. */
export interface Dependency extends FactPlace {
  ecosystem: Ecosystem;
  /** The name as written in the manifest. */
  name: string;
  /** Lookup key: PEP 503 for Python, lower case for npm, the module path for Go. */
  key: string;
  /** The version constraint as written (`^1.2.0`, `>=2,<3`, `v1.9.1`), or null when none is given. */
  spec: string | null;
  /** The version a lockfile (or go.mod itself) pins, when one is found. */
  resolved: string | null;
  /** Where the resolved version was read. */
  resolvedAt: FactPlace | null;
  /** Declared for development or tests only (devDependencies, dev groups, requirements-dev.txt). */
  dev: boolean;
  /** The manifest's section or group: `dependencies`, `devDependencies`, `optional:docs`, `require`, `install_requires`… */
  group: string;
  /** Go: marked `// indirect`. */
  indirect?: boolean;
  /** Go: the target of a `replace` directive for this module, as written. */
  replacedBy?: string;
}

/** A manifest or lockfile read for dependencies. */
export interface Manifest {
  path: string;
  ecosystem: Ecosystem;
  kind: 'manifest' | 'lockfile';
}

/** Web frameworks whose route registrations are read. */
export type Framework = 'net/http' | 'gin' | 'echo' | 'chi' | 'flask' | 'fastapi' | 'django' | 'express' | 'nextjs';

/** One HTTP route as the code registers it. */
export interface Route extends FactPlace {
  framework: Framework;
  /** Upper-case HTTP method, or `ANY` when the registration accepts every method. */
  method: string;
  /** The route path with every prefix known in the same file (groups, routers, blueprints) applied. */
  route: string;
  /** The handler as written (`handlers.GetUser`, `read_item`), or null for an inline function. */
  handler: string | null;
  /** Middleware in front of it, outermost first: router/group level, then per-route. */
  middleware: string[];
}

export interface DockerInstruction extends FactPlace {
  value: string;
}

export interface DockerStage extends FactPlace {
  /** `FROM … AS name`, or null. */
  name: string | null;
  /** The base image as written (`golang:1.22-alpine`, or an earlier stage's name). */
  base: string;
  users: DockerInstruction[];
  healthchecks: DockerInstruction[];
  exposes: DockerInstruction[];
}

export interface Dockerfile {
  path: string;
  stages: DockerStage[];
}

export interface ComposeService extends FactPlace {
  name: string;
  image: string | null;
  /** The build context as written, or null. */
  build: string | null;
  ports: string[];
  healthcheck: boolean;
  dependsOn: string[];
}

/** A Kubernetes object: a YAML document with apiVersion and kind. */
export interface K8sObject extends FactPlace {
  apiVersion: string;
  kind: string;
  name: string | null;
  /** The Helm chart folder the template belongs to, or null outside charts. */
  chart: string | null;
}

export interface HelmChart extends FactPlace {
  /** The chart's folder (holding Chart.yaml). */
  dir: string;
  name: string | null;
  version: string | null;
  /** Dotted key paths of values.yaml, with their lines. */
  values: ConfigKey[];
}

export interface CiStep extends FactPlace {
  name: string | null;
  uses: string | null;
}

export interface CiJob extends FactPlace {
  system: 'github-actions' | 'gitlab-ci';
  /** The workflow's `name:` (GitHub), or null. */
  workflow: string | null;
  /** The job id. */
  name: string;
  steps: CiStep[];
}

export interface ConfigKey extends FactPlace {
  /** Dotted key path (`database.host`); env files give the variable name. */
  key: string;
  source: 'env-example' | 'config' | 'helm-values';
}

export interface TestCase extends FactPlace {
  name: string;
  framework: 'go-test' | 'pytest' | 'unittest' | 'js-test';
  /** `suite` (describe, Test class), `test`, or `subtest` (t.Run, nested it). */
  role: 'suite' | 'test' | 'subtest';
  /** The enclosing suite or test's name, or null at top level. */
  parent: string | null;
}

export interface FactProblem {
  path: string;
  reason: string;
}

/** What `terms()` yields: every named fact, for term lookups. */
export interface FactTerm extends FactPlace {
  term: string;
  kind: 'dependency' | 'route' | 'handler' | 'middleware' | 'docker-stage' | 'docker-image' | 'compose-service' | 'k8s-kind' | 'k8s-name' | 'helm-chart' | 'ci-job' | 'ci-step' | 'config-key' | 'env-key' | 'test';
}

/** The plain data of the index (what build.ts produces). */
export interface RepoFactsData {
  manifests: Manifest[];
  dependencies: Dependency[];
  routes: Route[];
  dockerfiles: Dockerfile[];
  composeServices: ComposeService[];
  k8sObjects: K8sObject[];
  helmCharts: HelmChart[];
  ciJobs: CiJob[];
  configKeys: ConfigKey[];
  tests: TestCase[];
  problems: FactProblem[];
}
