/**
 * Declared dependencies from manifests, with the version a lockfile resolves
 * where one is found beside (or above) the manifest:
 * - npm: package.json (dependencies, devDependencies, peerDependencies,
 *   optionalDependencies) resolved by package-lock.json / npm-shrinkwrap.json,
 *   yarn.lock (v1 and berry) or pnpm-lock.yaml.
 * - Python: requirements*.txt and requirements/*.txt (with `-r` includes),
 *   pyproject.toml (PEP 621 `[project]`, optional-dependencies, PEP 735
 *   dependency-groups, Poetry), Pipfile, setup.py's literal install_requires;
 *   resolved by Pipfile.lock, poetry.lock or uv.lock, or by an exact `==` pin.
 *   Names are normalised as PEP 503 says.
 * - Go: go.mod `require` and `replace` (the go.mod version is the selected
 *   one); go.sum is listed as the module's lockfile.
 * A group is dev when its name says development, tests, lint, docs or typing.
 */
import { parseToml, type TomlTable, type TomlValue } from './toml.js';
import { jsonKeyLines, SEP } from './jsonlines.js';
import { readYaml, child, pairsOf, scalarText } from './yamlfile.js';
import { basename, dirname, isForeign, type FactSource } from './source.js';
import { lineOfOffset, lineStarts } from '../repo/text.js';
import type { Dependency, Ecosystem, FactPlace, Manifest } from './types.js';

/** PEP 503: lower case, runs of `-`, `_`, `.` become one `-`. */
export function pep503(name: string): string {
  return name.toLowerCase().replace(/[-_.]+/g, '-');
}

/** The lookup key of a dependency name in its ecosystem. */
export function dependencyKey(ecosystem: Ecosystem, name: string): string {
  if (ecosystem === 'pypi') return pep503(name);
  if (ecosystem === 'npm') return name.toLowerCase();
  return name;
}

/** Group names that mean "for development only". */
const DEV_GROUP = /(?:^|[-_.])(?:dev|develop|development|test|tests|testing|lint|linting|docs?|typing|types|mypy|ci|check|style|format|qa)(?:$|[-_.])/i;

export function isDevGroup(name: string): boolean {
  return DEV_GROUP.test(name);
}

export interface DependencyFacts {
  manifests: Manifest[];
  dependencies: Dependency[];
}

export function extractDependencies(src: FactSource): DependencyFacts {
  const out: DependencyFacts = { manifests: [], dependencies: [] };
  const files = src.files.filter((f) => !isForeign(f));
  const byName = (pred: (base: string, path: string) => boolean) => files.filter((f) => pred(basename(f), f));
  const locks = npmLocks(src, files, out.manifests);
  for (const path of byName((b) => b === 'package.json')) packageJson(src, path, locks, out);
  const pyLocks = pythonLocks(src, files, out.manifests);
  const requirementFiles = byName((b, p) => /^requirements.*\.(?:txt|in)$/i.test(b) || /(?:^|\/)requirements\/[^/]+\.(?:txt|in)$/i.test(p));
  const seen = new Set<string>();
  const reqDev = (path: string) => isDevGroup(basename(path).replace(/\.\w+$/, ''));
  // Production files first: a dev file that includes `-r requirements.txt` must not make its entries dev.
  for (const path of [...requirementFiles.filter((p) => !reqDev(p)), ...requirementFiles.filter(reqDev)]) requirements(src, path, reqDev(path), seen, pyLocks, out, 0);
  for (const path of byName((b) => b === 'pyproject.toml')) pyproject(src, path, pyLocks, out);
  for (const path of byName((b) => b === 'Pipfile')) pipfile(src, path, pyLocks, out);
  for (const path of byName((b) => b === 'setup.py')) setupPy(src, path, pyLocks, out);
  for (const path of byName((b) => b === 'go.mod')) goMod(src, path, out);
  for (const path of byName((b) => b === 'go.sum')) out.manifests.push({ path, ecosystem: 'go', kind: 'lockfile' });
  out.manifests.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  out.dependencies.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : a.line - b.line || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0)));
  return out;
}

function dep(ecosystem: Ecosystem, name: string, spec: string | null, place: FactPlace, group: string, dev: boolean, resolved: { version: string; at: FactPlace } | null): Dependency {
  return { ecosystem, name, key: dependencyKey(ecosystem, name), spec: spec || null, resolved: resolved?.version ?? null, resolvedAt: resolved?.at ?? null, dev, group, ...place };
}

// ---------------------------------------------------------------- npm

/** Resolved versions of one lockfile: the lockfile's folder, and a lookup by (package.json folder, name, spec). */
interface NpmLock {
  dir: string;
  resolve(pkgDir: string, name: string, spec: string | null): { version: string; at: FactPlace } | null;
}

function npmLocks(src: FactSource, files: readonly string[], manifests: Manifest[]): NpmLock[] {
  const locks: NpmLock[] = [];
  for (const path of files) {
    const b = basename(path);
    if (b !== 'package-lock.json' && b !== 'npm-shrinkwrap.json' && b !== 'yarn.lock' && b !== 'pnpm-lock.yaml') continue;
    const text = src.read(path);
    if (text === null) continue;
    try {
      const lock = b === 'yarn.lock' ? yarnLock(path, text) : b === 'pnpm-lock.yaml' ? pnpmLock(path, text) : packageLock(path, text);
      locks.push(lock);
      manifests.push({ path, ecosystem: 'npm', kind: 'lockfile' });
    } catch (err) {
      src.problem(path, `unreadable lockfile: ${(err as Error).message}`);
    }
  }
  // The nearest lockfile wins.
  return locks.sort((a, b) => b.dir.length - a.dir.length);
}

function relTo(dir: string, pkgDir: string): string | null {
  if (dir === pkgDir) return '';
  if (dir === '') return pkgDir;
  return pkgDir.startsWith(dir + '/') ? pkgDir.slice(dir.length + 1) : null;
}

function packageLock(path: string, text: string): NpmLock {
  const json = JSON.parse(text) as { packages?: Record<string, { version?: string }>; dependencies?: Record<string, { version?: string }> };
  const lines = jsonKeyLines(text);
  const dir = dirname(path);
  return {
    dir,
    resolve(pkgDir, name) {
      const rel = relTo(dir, pkgDir);
      if (rel === null) return null;
      // lockfileVersion 2/3: "node_modules/x" (hoisted) or "<workspace>/node_modules/x".
      for (const key of rel ? [`${rel}/node_modules/${name}`, `node_modules/${name}`] : [`node_modules/${name}`]) {
        const v = json.packages?.[key]?.version;
        if (v) return { version: v, at: { path, line: lines.get(`packages${SEP}${key}`) ?? 1 } };
      }
      const v1 = json.dependencies?.[name]?.version;
      if (v1 && rel === '') return { version: v1, at: { path, line: lines.get(`dependencies${SEP}${name}`) ?? 1 } };
      return null;
    },
  };
}

/** yarn.lock v1 (`"a@^1", a@^1.2:` / `  version "1.2.3"`) and berry (`"a@npm:^1":` / `  version: 1.2.3`). */
function yarnLock(path: string, text: string): NpmLock {
  const entries: { name: string; ranges: string[]; version: string | null; line: number }[] = [];
  let current: (typeof entries)[number] | null = null;
  text.split('\n').forEach((raw, n) => {
    const line = raw.replace(/\r$/, '');
    if (!line.trim() || line.trimStart().startsWith('#')) return;
    if (!/^\s/.test(line)) {
      const header = line.replace(/:\s*$/, '');
      const specs = header.split(/,\s*/).map((s) => s.trim().replace(/^"|"$/g, ''));
      const first = specs[0] ?? '';
      const at = first.indexOf('@', 1);
      if (at < 0) {
        current = null;
        return;
      }
      current = { name: first.slice(0, at), ranges: specs.map((s) => s.slice(s.indexOf('@', 1) + 1).replace(/^npm:/, '')), version: null, line: n + 1 };
      entries.push(current);
      return;
    }
    const m = /^\s+version:?\s+"?([^"\s]+)"?/.exec(line);
    if (m && current && current.version === null) current.version = m[1]!;
  });
  const dir = dirname(path);
  return {
    dir,
    resolve(pkgDir, name, spec) {
      if (relTo(dir, pkgDir) === null) return null;
      const mine = entries.filter((e) => e.name === name && e.version);
      const hit = mine.find((e) => spec !== null && e.ranges.includes(spec)) ?? (mine.length === 1 ? mine[0] : undefined);
      return hit ? { version: hit.version!, at: { path, line: hit.line } } : null;
    },
  };
}

/** pnpm-lock.yaml: `importers.<dir>.{dependencies,devDependencies,…}.<name>` (v6+) or top-level sections (v5). */
function pnpmLock(path: string, text: string): NpmLock {
  const y = readYaml(text);
  const root = y.docs[0]?.contents;
  const dir = dirname(path);
  const sectionsOf = (node: unknown) => ['dependencies', 'devDependencies', 'optionalDependencies', 'peerDependencies'].map((s) => child(node, s)).filter(Boolean);
  return {
    dir,
    resolve(pkgDir, name) {
      const rel = relTo(dir, pkgDir);
      if (rel === null) return null;
      const importers = child(root, 'importers');
      const scope = importers ? child(importers, rel || '.') : rel === '' ? root : null;
      if (!scope) return null;
      for (const section of sectionsOf(scope)) {
        for (const p of pairsOf(section)) {
          if (scalarText(p.key) !== name) continue;
          const raw = scalarText(p.value) ?? scalarText(child(p.value, 'version'));
          if (!raw) continue;
          // `1.2.3(react@18.2.0)`: peer suffixes are not part of the version.
          return { version: raw.replace(/\(.*$/, '').replace(/^link:.*/, raw), at: { path, line: y.lineOf(p) } };
        }
      }
      return null;
    },
  };
}

const NPM_SECTIONS: [string, boolean][] = [
  ['dependencies', false],
  ['devDependencies', true],
  ['peerDependencies', false],
  ['optionalDependencies', false],
];

function packageJson(src: FactSource, path: string, locks: NpmLock[], out: DependencyFacts): void {
  const text = src.read(path);
  if (text === null) return;
  let json: Record<string, unknown>;
  let lines: Map<string, number>;
  try {
    json = JSON.parse(text) as Record<string, unknown>;
    lines = jsonKeyLines(text);
  } catch (err) {
    src.problem(path, `malformed package.json: ${(err as Error).message}`);
    return;
  }
  if (!json || typeof json !== 'object') return;
  out.manifests.push({ path, ecosystem: 'npm', kind: 'manifest' });
  const pkgDir = dirname(path);
  for (const [section, dev] of NPM_SECTIONS) {
    const deps = json[section];
    if (!deps || typeof deps !== 'object') continue;
    for (const [name, spec] of Object.entries(deps as Record<string, unknown>)) {
      const specText = typeof spec === 'string' ? spec : null;
      let resolved: { version: string; at: FactPlace } | null = null;
      for (const l of locks) {
        resolved = l.resolve(pkgDir, name, specText);
        if (resolved) break;
      }
      out.dependencies.push(dep('npm', name, specText, { path, line: lines.get(`${section}${SEP}${name}`) ?? 1 }, section, dev, resolved));
    }
  }
}

// ---------------------------------------------------------------- Python

/** Pinned versions from Python lockfiles, by folder then PEP 503 name. */
type PyLocks = Map<string, Map<string, { version: string; at: FactPlace }>>;

function pythonLocks(src: FactSource, files: readonly string[], manifests: Manifest[]): PyLocks {
  const locks: PyLocks = new Map();
  const put = (path: string, name: string, version: string, line: number) => {
    const d = dirname(path);
    const m = locks.get(d) ?? new Map();
    locks.set(d, m);
    if (!m.has(pep503(name))) m.set(pep503(name), { version, at: { path, line } });
  };
  for (const path of files) {
    const b = basename(path);
    if (b !== 'Pipfile.lock' && b !== 'poetry.lock' && b !== 'uv.lock') continue;
    const text = src.read(path);
    if (text === null) continue;
    try {
      if (b === 'Pipfile.lock') {
        const json = JSON.parse(text) as Record<string, Record<string, { version?: string }>>;
        const lines = jsonKeyLines(text);
        for (const section of ['default', 'develop']) {
          for (const [name, v] of Object.entries(json[section] ?? {})) {
            if (v?.version) put(path, name, v.version.replace(/^==/, ''), lines.get(`${section}${SEP}${name}`) ?? 1);
          }
        }
      } else {
        const doc = parseToml(text);
        const pkgs = doc.data['package'];
        if (Array.isArray(pkgs)) {
          pkgs.forEach((p, n) => {
            const t = p as TomlTable;
            if (typeof t['name'] === 'string' && typeof t['version'] === 'string') put(path, t['name'], t['version'], doc.lines.get(`package.${n}.name`) ?? doc.lines.get(`package.${n}`) ?? 1);
          });
        }
      }
      manifests.push({ path, ecosystem: 'pypi', kind: 'lockfile' });
    } catch (err) {
      src.problem(path, `unreadable lockfile: ${(err as Error).message}`);
    }
  }
  return locks;
}

function pyResolved(locks: PyLocks, manifestPath: string, name: string, spec: string | null, place: FactPlace): { version: string; at: FactPlace } | null {
  let d = dirname(manifestPath);
  for (;;) {
    const hit = locks.get(d)?.get(pep503(name));
    if (hit) return hit;
    if (d === '') break;
    d = dirname(d);
  }
  const pin = spec ? /^===?\s*([\w.!+-]+)$/.exec(spec.trim()) : null;
  return pin && !pin[1]!.includes('*') ? { version: pin[1]!, at: place } : null;
}

/** A PEP 508 requirement: name, extras, version spec (markers and URLs dropped). */
export function parseRequirement(text: string): { name: string; spec: string | null } | null {
  const t = text.trim();
  const m = /^([A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?)\s*(?:\[[^\]]*\])?\s*(.*)$/.exec(t);
  if (!m) return null;
  let rest = m[2]!.split(';')[0]!.trim();
  if (rest.startsWith('@')) rest = '';
  rest = rest.replace(/^\((.*)\)$/, '$1').replace(/\s+/g, '');
  return { name: m[1]!, spec: rest || null };
}

function requirements(src: FactSource, path: string, dev: boolean, seen: Set<string>, locks: PyLocks, out: DependencyFacts, depth: number): void {
  if (seen.has(path) || depth > 10) return;
  seen.add(path);
  const text = src.read(path);
  if (text === null) return;
  out.manifests.push({ path, ecosystem: 'pypi', kind: 'manifest' });
  const lines = text.split('\n');
  for (let n = 0; n < lines.length; n++) {
    const start = n;
    let line = lines[n]!.replace(/\r$/, '');
    while (line.endsWith('\\') && n + 1 < lines.length) line = line.slice(0, -1) + ' ' + lines[++n]!.replace(/\r$/, '');
    // A comment starts at `#` after whitespace (a URL fragment `#egg=` has none before it).
    line = line.replace(/(?:^|\s)#.*$/, '').trim();
    if (!line) continue;
    const include = /^(?:-r|--requirement)\s*=?\s*(\S+)/.exec(line);
    if (include) {
      const target = joinPath(dirname(path), include[1]!);
      if (target && src.files.includes(target)) requirements(src, target, dev || isDevGroup(basename(target).replace(/\.\w+$/, '')), seen, locks, out, depth + 1);
      else src.problem(path, `line ${start + 1}: -r ${include[1]} is not a file of the repository`);
      continue;
    }
    const egg = /#egg=([A-Za-z0-9._-]+)/.exec(line);
    if (line.startsWith('-')) {
      if (egg) {
        const place = { path, line: start + 1 };
        out.dependencies.push(dep('pypi', egg[1]!, null, place, 'requirements', dev, pyResolved(locks, path, egg[1]!, null, place)));
      }
      continue;
    }
    const req = parseRequirement(line.replace(/\s--hash=\S+/g, ''));
    if (!req) continue;
    const place = { path, line: start + 1 };
    out.dependencies.push(dep('pypi', req.name, req.spec, place, 'requirements', dev, pyResolved(locks, path, req.name, req.spec, place)));
  }
}

function joinPath(dir: string, rel: string): string | null {
  const parts = dir ? dir.split('/') : [];
  for (const p of rel.split('/')) {
    if (p === '' || p === '.') continue;
    if (p === '..') {
      if (!parts.length) return null;
      parts.pop();
    } else parts.push(p);
  }
  return parts.join('/');
}

function tomlDoc(src: FactSource, path: string): ReturnType<typeof parseToml> | null {
  const text = src.read(path);
  if (text === null) return null;
  try {
    return parseToml(text);
  } catch (err) {
    src.problem(path, `malformed TOML: ${(err as Error).message}`);
    return null;
  }
}

function table(v: TomlValue | undefined): TomlTable | null {
  return v && typeof v === 'object' && !Array.isArray(v) ? v : null;
}

function pyproject(src: FactSource, path: string, locks: PyLocks, out: DependencyFacts): void {
  const doc = tomlDoc(src, path);
  if (!doc) return;
  let any = false;
  const fromList = (list: TomlValue | undefined, keyPath: string, group: string, dev: boolean) => {
    if (!Array.isArray(list)) return;
    list.forEach((item, n) => {
      if (typeof item !== 'string') return;
      const req = parseRequirement(item);
      if (!req) return;
      any = true;
      const place = { path, line: doc.lines.get(`${keyPath}.${n}`) ?? doc.lines.get(keyPath) ?? 1 };
      out.dependencies.push(dep('pypi', req.name, req.spec, place, group, dev, pyResolved(locks, path, req.name, req.spec, place)));
    });
  };
  const project = table(doc.data['project']);
  if (project) {
    fromList(project['dependencies'], 'project.dependencies', 'dependencies', false);
    for (const [g, list] of Object.entries(table(project['optional-dependencies']) ?? {})) fromList(list, `project.optional-dependencies.${g}`, `optional:${g}`, isDevGroup(g));
  }
  for (const [g, list] of Object.entries(table(doc.data['dependency-groups']) ?? {})) fromList(list, `dependency-groups.${g}`, `group:${g}`, true);
  const poetry = table(table(doc.data['tool'])?.['poetry']);
  if (poetry) {
    const fromTable = (t: TomlTable | null, keyPath: string, group: string, dev: boolean) => {
      for (const [name, v] of Object.entries(t ?? {})) {
        if (name.toLowerCase() === 'python') continue;
        any = true;
        const spec = typeof v === 'string' ? v : typeof table(v)?.['version'] === 'string' ? (table(v)!['version'] as string) : null;
        const place = { path, line: doc.lines.get(`${keyPath}.${name}`) ?? 1 };
        out.dependencies.push(dep('pypi', name, spec === '*' ? null : spec, place, group, dev, pyResolved(locks, path, name, spec, place)));
      }
    };
    fromTable(table(poetry['dependencies']), 'tool.poetry.dependencies', 'poetry', false);
    fromTable(table(poetry['dev-dependencies']), 'tool.poetry.dev-dependencies', 'poetry:dev', true);
    for (const [g, body] of Object.entries(table(poetry['group']) ?? {})) {
      fromTable(table(table(body)?.['dependencies']), `tool.poetry.group.${g}.dependencies`, `poetry:${g}`, g !== 'main');
    }
  }
  if (any || project || poetry) out.manifests.push({ path, ecosystem: 'pypi', kind: 'manifest' });
}

function pipfile(src: FactSource, path: string, locks: PyLocks, out: DependencyFacts): void {
  const doc = tomlDoc(src, path);
  if (!doc) return;
  out.manifests.push({ path, ecosystem: 'pypi', kind: 'manifest' });
  for (const [section, dev] of [['packages', false], ['dev-packages', true]] as const) {
    for (const [name, v] of Object.entries(table(doc.data[section]) ?? {})) {
      const raw = typeof v === 'string' ? v : typeof table(v)?.['version'] === 'string' ? (table(v)!['version'] as string) : null;
      const spec = raw === '*' ? null : raw;
      const place = { path, line: doc.lines.get(`${section}.${name}`) ?? 1 };
      out.dependencies.push(dep('pypi', name, spec, place, section, dev, pyResolved(locks, path, name, spec, place)));
    }
  }
}

/** `install_requires=[...]` when the list holds string literals only; anything computed is left out with a problem. */
function setupPy(src: FactSource, path: string, locks: PyLocks, out: DependencyFacts): void {
  const text = src.read(path);
  if (text === null) return;
  const m = /\binstall_requires\s*=\s*\[/.exec(text);
  if (!m) return;
  const open = m.index + m[0].length;
  const close = text.indexOf(']', open);
  if (close < 0) return;
  const body = text.slice(open, close);
  const withoutStrings = body.replace(/(["'])(?:\\.|(?!\1).)*\1/g, '').replace(/#.*$/gm, '');
  out.manifests.push({ path, ecosystem: 'pypi', kind: 'manifest' });
  if (/[^\s,]/.test(withoutStrings)) {
    src.problem(path, 'install_requires is computed, not a list of string literals; its entries are not read');
    return;
  }
  const starts = lineStarts(text);
  for (const s of body.matchAll(/(["'])((?:\\.|(?!\1).)*)\1/g)) {
    const req = parseRequirement(s[2]!);
    if (!req) continue;
    const place = { path, line: lineOfOffset(starts, open + s.index!) };
    out.dependencies.push(dep('pypi', req.name, req.spec, place, 'install_requires', false, pyResolved(locks, path, req.name, req.spec, place)));
  }
}

// ---------------------------------------------------------------- Go

function goMod(src: FactSource, path: string, out: DependencyFacts): void {
  const text = src.read(path);
  if (text === null) return;
  out.manifests.push({ path, ecosystem: 'go', kind: 'manifest' });
  const requires: Dependency[] = [];
  const replaces = new Map<string, string>();
  let block: string | null = null;
  text.split('\n').forEach((raw, n) => {
    const indirect = /\/\/\s*indirect\b/.test(raw);
    const line = raw.replace(/\/\/.*$/, '').trim();
    if (!line) return;
    let verb: string;
    let args: string;
    if (block) {
      if (line === ')') {
        block = null;
        return;
      }
      verb = block;
      args = line;
    } else {
      const m = /^(\w+)\s*(.*)$/.exec(line);
      if (!m) return;
      if (m[2] === '(') {
        block = m[1]!;
        return;
      }
      verb = m[1]!;
      args = m[2]!;
    }
    const parts = args.split(/\s+/).map((p) => p.replace(/^"|"$/g, ''));
    if (verb === 'require' && parts[0] && parts[1]) {
      const place = { path, line: n + 1 };
      const d = dep('go', parts[0], parts[1], place, 'require', false, { version: parts[1], at: place });
      if (indirect) d.indirect = true;
      requires.push(d);
    } else if (verb === 'replace') {
      const [left, right] = args.split('=>').map((s) => s.trim());
      if (left && right) replaces.set(left.split(/\s+/)[0]!, right);
    }
  });
  for (const d of requires) {
    const r = replaces.get(d.name);
    if (r) d.replacedBy = r;
    out.dependencies.push(d);
  }
}
