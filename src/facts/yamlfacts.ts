/**
 * Facts from YAML, JSON and TOML files other than manifests:
 * - Kubernetes objects: any YAML document (multi-document streams too) whose
 *   top level has `apiVersion` and `kind`. Helm charts: folders with
 *   Chart.yaml, their templates (template actions blanked before parsing;
 *   a template that still does not parse gives its top-level `kind:` lines)
 *   and the key paths of values.yaml.
 * - CI: GitHub Actions workflows (.github/workflows/*.yml: jobs, steps' names
 *   and `uses`) and GitLab CI (.gitlab-ci.yml: jobs, hidden `.templates` and
 *   global keywords left out).
 * - Config keys: `.env.example`-style files (variable names) and the nested
 *   key paths of YAML/JSON/TOML files under config folders or named like
 *   config or settings.
 */
import { basename, dirname, isForeign, type FactSource } from './source.js';
import { isComposeFile } from './containers.js';
import { child, isMap, itemsOf, pairsOf, readYaml, scalarText, type YamlFile } from './yamlfile.js';
import { jsonKeyLines, SEP } from './jsonlines.js';
import { parseToml } from './toml.js';
import type { CiJob, CiStep, ConfigKey, HelmChart, K8sObject } from './types.js';

/** YAML files looked at for Kubernetes objects, at most (speed on huge trees). */
const MAX_YAML_FILES = 3000;
/** Key paths kept per config file, at most. */
const MAX_KEYS_PER_FILE = 400;
const MAX_KEY_DEPTH = 6;

const isYaml = (p: string) => /\.ya?ml$/i.test(p);

export interface YamlFacts {
  k8sObjects: K8sObject[];
  helmCharts: HelmChart[];
  ciJobs: CiJob[];
  configKeys: ConfigKey[];
}

export function extractYamlFacts(src: FactSource): YamlFacts {
  const out: YamlFacts = { k8sObjects: [], helmCharts: [], ciJobs: [], configKeys: [] };
  const files = src.files.filter((f) => !isForeign(f));
  const chartDirs = files.filter((f) => basename(f) === 'Chart.yaml').map(dirname);
  const chartOf = (p: string) => chartDirs.filter((d) => d === '' || p.startsWith(d + '/')).sort((a, b) => b.length - a.length)[0] ?? null;
  let yamlSeen = 0;
  for (const path of files) {
    if (isGithubWorkflow(path)) {
      const y = parse(src, path);
      if (y) out.ciJobs.push(...githubJobs(path, y));
      continue;
    }
    if (/(?:^|\/)(?:[\w.-]+\.)?\.?gitlab-ci\.ya?ml$/.test(path) || basename(path) === '.gitlab-ci.yml') {
      const y = parse(src, path);
      if (y) out.ciJobs.push(...gitlabJobs(path, y));
      continue;
    }
    if (isEnvExample(path)) {
      const text = src.read(path);
      if (text !== null) out.configKeys.push(...envKeys(path, text));
      continue;
    }
    const chart = chartOf(path);
    if (chart !== null && isYaml(path)) {
      const rel = chart ? path.slice(chart.length + 1) : path;
      if (rel === 'Chart.yaml') out.helmCharts.push(helmChart(src, path, chart, files));
      else if (rel.startsWith('templates/')) out.k8sObjects.push(...helmTemplate(src, path, chart));
      continue;
    }
    if (isYaml(path) && !isComposeFile(path)) {
      if (++yamlSeen > MAX_YAML_FILES) {
        if (yamlSeen === MAX_YAML_FILES + 1) src.problem(path, `more than ${MAX_YAML_FILES} YAML files: the rest are not read for Kubernetes objects or config keys`);
        continue;
      }
      const text = src.read(path);
      if (text === null) continue;
      // Cheap test first: a Kubernetes manifest names its kind at the top level.
      const maybeK8s = /^kind:\s*\S/m.test(text) && /^apiVersion:\s*\S/m.test(text);
      if (!maybeK8s && !isConfigFile(path)) continue;
      let y: YamlFile;
      try {
        y = readYaml(text);
      } catch (err) {
        src.problem(path, (err as Error).message);
        continue;
      }
      const objects = maybeK8s ? k8sObjects(path, y, null) : [];
      out.k8sObjects.push(...objects);
      if (!objects.length && isConfigFile(path)) for (const d of y.docs) out.configKeys.push(...yamlKeys(path, y, d.contents, 'config'));
      continue;
    }
    if (isConfigFile(path) && /\.(?:json|toml)$/i.test(path)) out.configKeys.push(...structuredKeys(src, path));
  }
  return out;
}

function parse(src: FactSource, path: string): YamlFile | null {
  const text = src.read(path);
  if (text === null) return null;
  try {
    return readYaml(text);
  } catch (err) {
    src.problem(path, (err as Error).message);
    return null;
  }
}

function isGithubWorkflow(path: string): boolean {
  return /(?:^|\/)\.github\/workflows\/[^/]+\.ya?ml$/.test(path);
}

/** `.env.example`, `.env.sample`, `.env.template`, `.env.dist`, `prod.env.example`, `env.example`. */
export function isEnvExample(path: string): boolean {
  return /^(?:[\w.-]*\.)?env\.(?:example|sample|template|dist)$/i.test(basename(path)) || /^\.env\.[\w-]+\.(?:example|sample|template)$/i.test(basename(path));
}

/** Files whose keys are configuration: under a config folder, or named like config or settings. */
export function isConfigFile(path: string): boolean {
  if (!/\.(?:ya?ml|json|toml)$/i.test(path)) return false;
  const b = basename(path).toLowerCase();
  if (/^(?:package(?:-lock)?|tsconfig|jsconfig|composer|pnpm-lock|yarn|pyproject|poetry|pipfile|cargo)\b/.test(b) || /lock\.(?:json|ya?ml)$/.test(b)) return false;
  if (/config|settings/.test(b)) return true;
  return /(?:^|\/)(?:config|configs|conf|settings|configuration)\//i.test(path);
}

function envKeys(path: string, text: string): ConfigKey[] {
  const out: ConfigKey[] = [];
  text.split('\n').forEach((raw, n) => {
    const m = /^\s*(?:export\s+)?([A-Za-z_][A-Za-z0-9_.-]*)\s*=/.exec(raw);
    if (m) out.push({ path, line: n + 1, key: m[1]!, source: 'env-example' });
  });
  return out;
}

function yamlKeys(path: string, y: YamlFile, node: unknown, source: ConfigKey['source']): ConfigKey[] {
  const out: ConfigKey[] = [];
  const walk = (n: unknown, prefix: string, depth: number) => {
    if (depth > MAX_KEY_DEPTH || out.length >= MAX_KEYS_PER_FILE) return;
    for (const p of pairsOf(n)) {
      const k = scalarText(p.key);
      if (k === null) continue;
      const key = prefix ? `${prefix}.${k}` : k;
      out.push({ path, line: y.lineOf(p), key, source });
      if (isMap(p.value)) walk(p.value, key, depth + 1);
    }
  };
  walk(node, '', 0);
  return out;
}

function structuredKeys(src: FactSource, path: string): ConfigKey[] {
  const text = src.read(path);
  if (text === null) return [];
  try {
    const lines = /\.json$/i.test(path) ? jsonKeyLines(text) : parseToml(text).lines;
    const sep = /\.json$/i.test(path) ? SEP : '.';
    const out: ConfigKey[] = [];
    for (const [k, line] of lines) {
      const parts = k.split(sep);
      // Array elements (numeric segments) are not keys.
      if (parts.some((p) => /^\d+$/.test(p)) || parts.length > MAX_KEY_DEPTH + 1) continue;
      out.push({ path, line, key: parts.join('.'), source: 'config' });
      if (out.length >= MAX_KEYS_PER_FILE) break;
    }
    return out;
  } catch (err) {
    src.problem(path, `malformed config file: ${(err as Error).message}`);
    return [];
  }
}

function k8sObjects(path: string, y: YamlFile, chart: string | null): K8sObject[] {
  const out: K8sObject[] = [];
  for (const d of y.docs) {
    const root = d.contents;
    const apiVersion = scalarText(child(root, 'apiVersion'));
    const kind = scalarText(child(root, 'kind'));
    if (!apiVersion || !kind || !/^[A-Z]\w*$/.test(kind)) continue;
    // `kind: List` wraps objects in items.
    out.push({ path, line: y.lineOf(root as never), apiVersion, kind, name: scalarText(child(child(root, 'metadata'), 'name')), chart });
  }
  return out;
}

function helmChart(src: FactSource, path: string, dir: string, files: readonly string[]): HelmChart {
  const y = parse(src, path);
  const root = y?.docs[0]?.contents;
  const valuesPath = dir ? `${dir}/values.yaml` : 'values.yaml';
  let values: ConfigKey[] = [];
  if (files.includes(valuesPath)) {
    const v = parse(src, valuesPath);
    if (v) values = v.docs.flatMap((d) => yamlKeys(valuesPath, v, d.contents, 'helm-values'));
  }
  return { path, line: 1, dir, name: scalarText(child(root, 'name')), version: scalarText(child(root, 'version')), values };
}

function helmTemplate(src: FactSource, path: string, chart: string): K8sObject[] {
  const text = src.read(path);
  if (text === null) return [];
  // Lines that are only template actions go; inline actions become a plain scalar. Line numbers stay.
  const blanked = text
    .split('\n')
    .map((l) => (/^\s*\{\{.*\}\}\s*$/.test(l) ? '' : l.replace(/\{\{-?[^}]*-?\}\}/g, 'tpl')))
    .join('\n');
  try {
    return k8sObjects(path, readYaml(blanked), chart);
  } catch {
    const out: K8sObject[] = [];
    const lines = text.split('\n');
    lines.forEach((l, n) => {
      const m = /^kind:\s*([A-Z]\w*)\s*$/.exec(l);
      if (!m) return;
      const api = lines.slice(Math.max(0, n - 5), n + 5).map((x) => /^apiVersion:\s*(\S+)/.exec(x)?.[1]).find(Boolean);
      if (api) out.push({ path, line: n + 1, apiVersion: api, kind: m[1]!, name: null, chart });
    });
    return out;
  }
}

function githubJobs(path: string, y: YamlFile): CiJob[] {
  const root = y.docs[0]?.contents;
  const workflow = scalarText(child(root, 'name'));
  const out: CiJob[] = [];
  for (const p of pairsOf(child(root, 'jobs'))) {
    const id = scalarText(p.key);
    if (!id) continue;
    const steps: CiStep[] = itemsOf(child(p.value, 'steps')).map((s) => ({ path, line: y.lineOf(s), name: scalarText(child(s, 'name')), uses: scalarText(child(s, 'uses')) }));
    out.push({ path, line: y.lineOf(p), system: 'github-actions', workflow, name: scalarText(child(p.value, 'name')) ?? id, steps });
  }
  return out;
}

/** GitLab's global keywords: top-level keys that are not jobs. */
const GITLAB_GLOBAL = new Set(['stages', 'variables', 'include', 'default', 'workflow', 'image', 'services', 'before_script', 'after_script', 'cache', 'types']);

function gitlabJobs(path: string, y: YamlFile): CiJob[] {
  const out: CiJob[] = [];
  for (const d of y.docs) {
    for (const p of pairsOf(d.contents)) {
      const id = scalarText(p.key);
      if (!id || id.startsWith('.') || GITLAB_GLOBAL.has(id) || !isMap(p.value)) continue;
      out.push({ path, line: y.lineOf(p), system: 'gitlab-ci', workflow: null, name: id, steps: [] });
    }
  }
  return out;
}
