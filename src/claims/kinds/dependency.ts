/**
 * dependency: a package (and version) said to be used, added, installed,
 * upgraded or removed — "Added `redis` 5.0.1 to requirements.txt", "uses gin
 * v1.9", "Upgraded axios from 0.27 to 1.6", "Dependencies: fastapi,
 * uvicorn", `pip install httpx==0.27`.
 *
 * Recognised by structure, not by phrases:
 * - a package spec (`name==1.2`, `name>=1`, `name@^1.2`, `module/path
 *   v1.2.3`), in a code span or as a token, or an install command in a code
 *   span (`pip install`, `npm install`/`i`, `yarn add`, `pnpm add`, `go get`);
 * - a lower-case name followed by a version right after a verb of
 *   installing or changing dependencies ("added redis 5.0.1", "upgraded
 *   axios from 0.27 to 1.6");
 * - a code span that reads as a package name, in a statement with dependency
 *   context: a manifest named (requirements.txt, package.json, go.mod…), a
 *   dependency noun (dependency, package, library, requirement), or a
 *   heading, lead-in, field label or table header about dependencies;
 * - the items of a list under such a label or heading ("Dependencies:
 *   fastapi, uvicorn").
 * A plain word in prose ("requests are retried") is never a package.
 * Language runtimes and operating systems ("Python 3.12", "Node 20") are not
 * packages (RUNTIMES below).
 *
 * Verified when a manifest of the ecosystem in scope (the manifest the
 * statement names, else the ecosystem its spec or words imply, else any)
 * declares the name and any stated version matches the lockfile's resolved
 * version, an exact pin, or the lower bound of a declared range that admits
 * it. Contradicted when the version does not match, or when no manifest of
 * that ecosystem declares the name while the repository has one. Otherwise
 * unverifiable: no manifest of the ecosystem, a name that is a service or
 * image rather than a package, a range that admits the version without
 * pinning it. "Removed" inverts the check. For "added" and "upgraded from A
 * to B" the manifest at the parent of the report's commit is read too; its
 * state is evidence, and a "from" version it shows to be different makes the
 * claim unverifiable (the work may span several commits).
 */
import { docHistoryKey, type DocHistory } from '../facts.js';
import type { Dependency, Ecosystem, RepoFacts } from '../../facts/index.js';
import { dependencyKey, parseRequirement } from '../../facts/index.js';
import { exactPin, lowerBound, specAdmits, versionMatches } from '../../facts/versions.js';
import type { ClaimKindModule, Evidence, Outcome, Statement, VerifyContext } from '../types.js';
import { scopeOf, withoutCode } from './code-scope.js';

type Action = 'use' | 'add' | 'upgrade' | 'remove';

interface DependencyData {
  name: string;
  ecosystem: Ecosystem | null;
  /** The version stated for the current state (the "to" of an upgrade). */
  version: string | null;
  /** The "from" of an upgrade. */
  from: string | null;
  action: Action;
  /** Manifests the statement names (basenames or paths as written). */
  manifests: string[];
  /** Other places the statement or its section names (a package's folder): manifests there come first. */
  places: string[];
  consumes: string[];
  [key: string]: unknown;
}

/** Manifest file names, by ecosystem (a domain list: the files the facts index reads). */
const MANIFEST_NAMES: [RegExp, Ecosystem][] = [
  [/(?:^|\/)(?:[\w-]*requirements[\w.-]*\.(?:txt|in)|pyproject\.toml|Pipfile(?:\.lock)?|poetry\.lock|setup\.py|uv\.lock)$/i, 'pypi'],
  [/(?:^|\/)(?:package(?:-lock)?\.json|yarn\.lock|pnpm-lock\.yaml|npm-shrinkwrap\.json)$/i, 'npm'],
  [/(?:^|\/)go\.(?:mod|sum)$/i, 'go'],
];

/** Words that place a statement in one ecosystem. */
const ECOSYSTEM_WORDS: [RegExp, Ecosystem][] = [
  [/\b(?:python|pip|pypi|poetry|pipenv|requirements\.txt|pyproject|conda)\b/i, 'pypi'],
  [/\b(?:npm|yarn|pnpm|node(?:\.js)?|package\.json|typescript|javascript)\b/i, 'npm'],
  [/\b(?:go\.mod|go modules?|golang|go get)\b/i, 'go'],
];
/** Package-manager words: a statement with one is about packages (a language name alone is not). */
const PACKAGE_MANAGER = /\b(?:pip3?|pypi|poetry|pipenv|npm|yarn|pnpm|go get|go\.mod|go modules?)\b/i;

/**
 * Runtimes, toolchains and operating systems: versioned names in reports
 * that are not packages of any manifest ("Python 3.12", "Go 1.22").
 */
const RUNTIMES = new Set(['python', 'python3', 'go', 'golang', 'node', 'nodejs', 'node.js', 'npm', 'yarn', 'pnpm', 'pip', 'java', 'jdk', 'ubuntu', 'debian', 'alpine', 'centos', 'rhel', 'macos', 'windows', 'linux', 'kernel', 'docker', 'kubernetes', 'k8s', 'helm', 'terraform', 'bun', 'deno', 'rust', 'cargo', 'ruby', 'php', 'dotnet', 'gcc', 'clang', 'v8']);

/** "package" is left out: Go and Python call their own folders packages. */
/** Interpreters and toolchains: never a package, even in spec form. */
const LANGUAGES = new Set(['python', 'python3', 'go', 'golang', 'node', 'nodejs', 'java', 'ruby', 'php', 'rust', 'bun', 'deno']);

const DEP_NOUN = 'dependenc(?:y|ies)|librar(?:y|ies)|packages?';
/**
 * A heading, label or lead-in about dependencies: the noun, at most one
 * qualifier from a domain list before it ("Python Dependencies", "New
 * Packages"). "Cross-Entity State Dependencies" and "Functional Requirements"
 * are not about packages.
 */
const DEP_HEADING = /^\W*(?:(?:python|node|npm|go|pip|runtime|production|prod|dev|development|test|testing|build|new|added|updated|upgraded|removed|external|third[- ]party|project|package|key|core|required|main|optional|backend|frontend|server|client|system)\s+)?(?:dependenc(?:y|ies)|deps|librar(?:y|ies)|requirements(?:\.txt)?)(?:\s+(?:added|updated|upgraded|removed|used|installed|introduced|pinned))?\W*$|^\W*(?:python|pip|npm|node|external|third[- ]party|go)\s+(?:packages|modules)\W*$/i;
/** "Built-in modules", "Standard library", "Internal packages": the platform's or the repository's own code. */
const NOT_THIRD_PARTY = /\b(?:built-?in|standard library|stdlib|internal|own|local)\b/i;
const REQUIREMENTS_ALONE = /^\W*(?:\w+\s+)?requirements\W*$/i;

function aboutDependencies(title: string): boolean {
  const t = title.replace(/[*_`]/g, '').replace(/:\s*$/, '').trim();
  // "Requirements" and "modules" alone are often functional requirements and the repository's own modules.
  if (!DEP_HEADING.test(t) || NOT_THIRD_PARTY.test(t)) return false;
  if (REQUIREMENTS_ALONE.test(t) && !/^\W*(?:python|pip|package|npm|go|runtime|project)\s+requirements/i.test(t) && !/requirements\.txt/i.test(t)) return false;
  return true;
}

/** Verbs that say a dependency was put in, changed or taken out. */
const ADD_VERB = /\b(?:add(?:ed|s|ing)?|install(?:ed|s|ing)?|introduc(?:ed|es|ing)|pull(?:ed|s)? in|pinn?(?:ed|s|ing)?|includ(?:ed|es|ing)|requir(?:ed|es|ing)|us(?:es|ed|ing|e)|depend(?:s|ed|ing)? on|switch(?:ed|es)? to|migrat(?:ed|es) to|adopt(?:ed|s)?)\b/i;
const UPGRADE_VERB = /\b(?:upgrad(?:ed|es|ing|e)|bump(?:ed|s|ing)?|updat(?:ed|es|ing|e)|downgrad(?:ed|es|ing|e)|mov(?:ed|es) (?:to|from))\b/i;
const REMOVE_VERB = /\b(?:remov(?:ed|es|ing)|drop(?:ped|s)|uninstall(?:ed|s)|delet(?:ed|es)|replac(?:ed|es)|got rid of|eliminat(?:ed|es))\b/i;
const NEGATION = /\b(?:not|n't|never|no longer|without|instead of|rather than)\b/i;

const NAME = '(?:@[a-z0-9][a-z0-9._-]*/)?[a-z0-9][a-z0-9._-]*';
const VERSION = 'v?\\d+(?:\\.\\d+){0,3}(?:[-+][\\w.]+)?';
/** A version that cannot be a section or step number: `v1.9`, `5.0.1`. */
const STRONG_VERSION = /^v\d+\.\d+|^\d+\.\d+\.\d+/;
const PY_SPEC = new RegExp(`^(${NAME})(?:\\[[^\\]]*\\])?\\s*((?:===?|>=|<=|~=|!=|>|<)\\s*[\\w.*+!-]+(?:\\s*,\\s*(?:===?|>=|<=|~=|!=|>|<)\\s*[\\w.*+!-]+)*)$`, 'i');
const NPM_SPEC = new RegExp(`^(${NAME})@([~^]?${VERSION}|latest|next)$`, 'i');
const GO_SPEC = new RegExp(`^([a-z0-9.-]+\\.[a-z]{2,}/[\\w./-]+?)(?:\\s+|@)(${VERSION})$`, 'i');
const PACKAGE_NAME = new RegExp(`^(?:${NAME}|[a-z0-9.-]+\\.[a-z]{2,}/[\\w./-]+)$`, 'i');
const CODE_EXT = /\.(?:py|go|ts|tsx|js|jsx|mjs|cjs|json|ya?ml|toml|md|txt|sh|cfg|ini|lock|mod|sum|html|css)$/i;

interface Candidate {
  name: string;
  version: string | null;
  from: string | null;
  ecosystem: Ecosystem | null;
  span: string | null;
}

function manifestMentions(st: Statement): { names: string[]; ecosystem: Ecosystem | null } {
  const names: string[] = [];
  let ecosystem: Ecosystem | null = null;
  const tokens = [...st.code, ...withoutCode(st.text).split(/[\s,;()]+/)];
  for (const t of tokens) {
    const clean = t.replace(/^[`'"]+|[`'".:]+$/g, '');
    for (const [re, eco] of MANIFEST_NAMES) {
      if (re.test(clean)) {
        names.push(clean);
        ecosystem ??= eco;
      }
    }
  }
  return { names: [...new Set(names)], ecosystem };
}

function ecosystemOfWords(text: string): Ecosystem | null {
  for (const [re, eco] of ECOSYSTEM_WORDS) if (re.test(text)) return eco;
  return null;
}

/** A package spec or install command in one token or code span. */
function specOf(raw: string): Candidate | null {
  const c = specShape(raw);
  return c && c.name.length >= 2 && !NOT_NAMES.has(c.name.toLowerCase()) && !LANGUAGES.has(c.name.toLowerCase()) ? c : null;
}

function specShape(raw: string): Candidate | null {
  const t = raw.trim().replace(/^["']|["'],?$/g, '');
  let m = GO_SPEC.exec(t);
  if (m) return { name: m[1]!, version: m[2]!, from: null, ecosystem: 'go', span: raw };
  m = NPM_SPEC.exec(t);
  if (m && !/^\d/.test(m[1]!)) return { name: m[1]!, version: /^(?:latest|next)$/.test(m[2]!) ? null : m[2]!, from: null, ecosystem: 'npm', span: raw };
  m = PY_SPEC.exec(t);
  if (m && !/^\d/.test(m[1]!)) {
    const spec = m[2]!.replace(/\s+/g, '');
    const pin = /^===?([\w.!+-]+)$/.exec(spec);
    return { name: m[1]!, version: pin ? pin[1]! : spec, from: null, ecosystem: 'pypi', span: raw };
  }
  return null;
}

/** `pip install a==1 b`, `npm i -D x@2`, `yarn add y`, `go get mod@v1`: the packages a command installs. */
function commandPackages(span: string): Candidate[] {
  const m = /^(?:python3? -m )?(pip3?|npm|yarn|pnpm|go|poetry|uv(?: pip)?)\s+(install|i|add|get)\s+(.+)$/.exec(span.trim());
  if (!m) return [];
  const eco: Ecosystem = m[1]!.startsWith('pip') || m[1] === 'poetry' || m[1]!.startsWith('uv') ? 'pypi' : m[1] === 'go' ? 'go' : 'npm';
  const out: Candidate[] = [];
  for (const arg of m[3]!.split(/\s+/)) {
    if (!arg || arg.startsWith('-') || /[/\\]$|^\.|\.(?:txt|whl|tgz)$/.test(arg)) continue;
    const spec = specOf(eco === 'go' ? arg.replace('@', ' ') : arg);
    if (spec) out.push({ ...spec, ecosystem: eco, span });
    else if (PACKAGE_NAME.test(arg)) out.push({ name: arg.replace(/\[.*\]$/, ''), version: null, from: null, ecosystem: eco, span });
  }
  return out;
}

/**
 * A spec reads as a package when its version has a dot (`>=2.31`, `@^1.6.0`)
 * or a leading `v`, or the statement is about dependencies: `count >= 10`,
 * `sync_interval < 0`, `ca@1752654549` are comparisons and ids.
 */
function strongSpec(c: Candidate, st: Statement): boolean {
  if (!c.version) return true;
  // `ratio >= 0.95` spaced like a comparison needs the context too.
  if (/^[~^]?v?\d+\.\d+|[<>=~^!]=?\s*v?\d+\.\d+|^v\d/.test(c.version) && !/\s[<>=!~]=?\s/.test(c.span ?? '')) return true;
  return dependencySection(st) || manifestMentions(st).names.length > 0 || PACKAGE_MANAGER.test(withoutCode(st.text));
}

/** "the `redis` library", "`axios` dependency", "dependencies `a`, `b` and `c`". */
function nextToNoun(text: string, name: string): boolean {
  const n = name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`\`${n}\`\\s+(?:${DEP_NOUN})\\b(?!\\s+imports?\\b)`, 'i').test(text) || new RegExp(`\\b(?:dependencies|libraries|packages)\\s*:?\\s*(?:\`[^\`]+\`\\s*,?\\s*(?:and\\s+)?)*\`${n}\``, 'i').test(text);
}

/** True when the statement's section, lead-in, label or table is about dependencies. */
function dependencySection(st: Statement): boolean {
  if (st.label && aboutDependencies(st.label)) return true;
  if ((st.parents ?? []).some((p) => /:\s*\**\s*$/.test(p) && aboutDependencies(p.replace(/\s*\(.*$/, '')))) return true;
  const h = st.headings[st.headings.length - 1];
  if (h && aboutDependencies(h.replace(/^[\d.\s]+/, ''))) return true;
  return !!st.table && st.table.headers.some((x) => /^\W*(?:package|dependency|library|module|requirement)s?\W*$/i.test(x));
}

/** Words that stand where a package name would ("update dependencies", "upgrade all to 2.0") but name none. */
const NOT_NAMES = new Set(['of', 'for', 'in', 'on', 'by', 'at', 'into', 'across', 'over', 'path', 'plan', 'dependencies', 'dependency', 'deps', 'packages', 'package', 'libraries', 'library', 'modules', 'module', 'requirements', 'requirement', 'version', 'versions', 'the', 'a', 'an', 'all', 'it', 'them', 'this', 'that', 'these', 'those', 'its', 'our', 'their', 'to', 'from', 'with', 'and', 'or', 'new', 'latest', 'support', 'code', 'tests', 'test', 'docs', 'files', 'file', 'config', 'configuration', 'lockfile', 'manifest', 'image', 'images']);

/** `ACTIVE`, `getUser`, `fabric.sync_interval`, `entry_points`: identifiers in code spans, not package names. */
function looksLikeIdentifier(t: string): boolean {
  if (/[A-Z]/.test(t) && !/^[A-Z][a-z0-9]+(?:[A-Z][a-z0-9]+)?$/.test(t) && !t.includes('-')) return true;
  return t.includes('_') || /^[a-z]\w*\.[a-z_]\w*$/.test(t);
}

function plainName(t: string): boolean {
  return PACKAGE_NAME.test(t) && !NOT_NAMES.has(t.toLowerCase()) && !CODE_EXT.test(t) && !RUNTIMES.has(t.toLowerCase()) && !/^\d/.test(t) && t.length >= 2;
}

const FROM_TO = new RegExp(`\\bfrom\\s+(${VERSION})\\s+to\\s+(${VERSION})\\b|(${VERSION})\\s*(?:→|->|=>|⇒)\\s*(${VERSION})`, 'i');

/** The candidates of one statement. */
export function dependencyCandidates(st: Statement): Candidate[] {
  const text = st.text;
  const plain = withoutCode(text);
  const out: Candidate[] = [];
  // Install commands and package specs in code spans.
  for (const c of st.code) {
    const cmd = commandPackages(c);
    if (cmd.length) {
      out.push(...cmd);
      continue;
    }
    const spec = specOf(c);
    if (spec && strongSpec(spec, st)) out.push(spec);
  }
  // Specs written as plain tokens (`fastapi==0.110`, `axios@^1.6`).
  for (const tok of plain.split(/[\s,;()]+/)) {
    const spec = specOf(tok.replace(/[.:]$/, ''));
    // `kubernetes>=24.0.0` is the client package; `python>=3.10` is the interpreter.
    if (spec && !LANGUAGES.has(spec.name.toLowerCase()) && strongSpec(spec, st)) out.push({ ...spec, span: null });
  }
  // Strong context: the statement names a manifest or a package manager, or its section is about dependencies.
  const context = dependencySection(st) || manifestMentions(st).names.length > 0 || PACKAGE_MANAGER.test(plain);
  // A verb, then a name (lower case as typed, or a code span), then a version or "from A to B".
  const verbName = new RegExp(`(?:${UPGRADE_VERB.source}|${ADD_VERB.source}|${REMOVE_VERB.source})\\s+(?:the\\s+)?(\`[^\`]+\`|${NAME})(?:\\s+(?:package|library|dependency|module))?\\s*(?:(?:to|at|@)\\s*)?(${VERSION})?`, 'gi');
  for (const m of text.matchAll(verbName)) {
    const raw = m[1]!;
    const name = raw.replace(/`/g, '');
    const isCode = raw.startsWith('`');
    if (!plainName(name) || out.some((o) => o.name === name) || (isCode && looksLikeIdentifier(name))) continue;
    const ft = FROM_TO.exec(text.slice(m.index!));
    const version = m[2] ?? null;
    // A plain word needs a version beside it: "upgraded axios from 0.27 to 1.6", "uses gin v1.9", "added redis 5.0.1".
    // "from v1 to v3" is a protocol's version, not a package's.
    if (!isCode && (name !== name.toLowerCase() || !((ft && UPGRADE_VERB.test(m[0]) && /\d\.\d/.test(ft[0])) || (version && (STRONG_VERSION.test(version) || (context && /\./.test(version))))))) continue;
    if (isCode && !version && !ft && !context && !nextToNoun(text, name)) continue;
    out.push({ name, version: ft ? (ft[2] ?? ft[4]!) : version, from: ft ? (ft[1] ?? ft[3]!) : null, ecosystem: null, span: isCode ? name : null });
  }
  // Bare package names in code spans: in a statement about dependencies, or right beside a dependency noun.
  for (const c of st.code) {
    if (!plainName(c) || out.some((o) => o.span === c || o.name === c)) continue;
    if (!context && !nextToNoun(text, c)) continue;
    if (looksLikeIdentifier(c) || /\(\)$/.test(c)) continue;
    const after = text.slice(text.indexOf('`' + c + '`') + c.length + 2);
    const v = new RegExp(`^\\s*(?:\\(|@|==?\\s*)?(${VERSION})\\b`).exec(after);
    out.push({ name: c, version: v?.[1] ?? null, from: null, ecosystem: null, span: c });
  }
  // "| Framework | FastAPI | 0.104.1 |" under a "Version" column: the product beside the version is a package, written
  // as its docs spell it (package indexes match names without case).
  if (st.table && !st.table.header) {
    const v = st.table.headers.findIndex((h) => /^\W*versions?\W*$/i.test(h));
    const version = v > 0 ? (st.table.cells[v] ?? '').replace(/[`*]/g, '').trim() : '';
    if (v > 0 && new RegExp(`^${VERSION}$`).test(version)) {
      const name = (st.table.cells[v - 1] ?? '').replace(/[`*]/g, '').trim();
      if (/^[A-Za-z][\w.-]*$/.test(name) && !RUNTIMES.has(name.toLowerCase()) && !out.some((o) => o.name.toLowerCase() === name.toLowerCase())) {
        out.push({ name, version, from: null, ecosystem: null, span: null });
      }
    }
  }
  // "Dependencies: fastapi, uvicorn, sqlalchemy" and list items under a dependencies heading.
  if (dependencySection(st) && st.construct !== 'heading' && st.construct !== 'code-block') {
    const isList = !!st.label && aboutDependencies(st.label);
    const source = isList ? (st.value ?? '') : st.construct === 'list-item' || st.construct === 'table-row' ? (st.table ? (st.table.cells[0] ?? '') : text) : '';
    const items = isList ? source.split(/\s*,\s*|\s+and\s+/) : [source.split(/\s+[-–—:]\s+|\s*[:(]/)[0] ?? ''];
    const found: Candidate[] = [];
    let prose = false;
    for (const item of items) {
      const t = item.replace(/`/g, '').replace(/[.;]$/, '').trim();
      const inCode = st.code.includes(t) || st.code.some((c) => t.startsWith(c));
      const spec = specOf(t);
      if (spec) {
        // "Redis >= 6.0", "npm >= 9": products and tools in a requirements list, not packages.
        if ((!inCode && spec.name !== spec.name.toLowerCase()) || RUNTIMES.has(spec.name.toLowerCase())) {
          prose = true;
          break;
        }
        found.push({ ...spec, span: inCode ? t : null });
        continue;
      }
      const nv = new RegExp(`^(${NAME}|[a-z0-9.-]+\\.[a-z]{2,}/[\\w./-]+)(?:\\s+(${VERSION}))?$`, 'i').exec(t);
      // A plain word must be written as a package is typed (lower case, or a code span) and not as an identifier.
      if (!nv || !plainName(nv[1]!) || (inCode ? looksLikeIdentifier(nv[1]!) : nv[1] !== nv[1]!.toLowerCase())) {
        prose = true;
        break;
      }
      found.push({ name: nv[1]!, version: nv[2] ?? null, from: null, ecosystem: null, span: inCode ? nv[1]! : null });
    }
    // "Dependencies: Kubernetes client installed and working" is prose: every item must be a package.
    if (!prose) for (const f of found) if (!out.some((o) => o.name === f.name)) out.push(f);
  }
  return out;
}

function actionOf(text: string): Action {
  const plain = withoutCode(text);
  if (REMOVE_VERB.test(plain) && !/\breplac(?:ed|es) \S+ with\b/i.test(plain)) return 'remove';
  if (UPGRADE_VERB.test(plain) || FROM_TO.test(plain)) return 'upgrade';
  if (/\b(?:add(?:ed|s|ing)?|install(?:ed|s|ing)?|introduc(?:ed|es|ing)|pull(?:ed|s)? in)\b/i.test(plain)) return 'add';
  return 'use';
}

export const dependency: ClaimKindModule = {
  kind: 'dependency',
  description: 'A package (and version) said to be used, added, installed, upgraded or removed, checked against the manifests and lockfiles.',
  recognize(st) {
    if (st.construct === 'code-block' || st.construct === 'heading' || (st.table?.header ?? false)) return [];
    if ((st.label && NOT_THIRD_PARTY.test(st.label)) || (st.parents ?? []).some((p) => NOT_THIRD_PARTY.test(p) && /:\s*\**\s*$/.test(p))) return [];
    const candidates = dependencyCandidates(st);
    if (!candidates.length) return [];
    const plain = withoutCode(st.text);
    // "does not use redis", "instead of axios": the statement is not a claim that it is used.
    if (NEGATION.test(plain) && !REMOVE_VERB.test(plain)) return [];
    const mentioned = manifestMentions(st);
    const wordsEco = mentioned.ecosystem ?? ecosystemOfWords([plain, ...st.headings.slice(-1), ...(st.parents ?? [])].join(' '));
    let action = actionOf(st.text);
    // `replaced X with Y`: Y is used; X is not claimed here.
    const replaced = /\breplac(?:ed|es|ing)\s+`?([\w@/.-]+)`?\s+with\b/i.exec(st.text);
    const seen = new Set<string>();
    const claims = [];
    for (const c of candidates) {
      if (replaced && c.name === replaced[1]) continue;
      const key = c.name.toLowerCase();
      if (seen.has(key)) continue;
      seen.add(key);
      if (replaced) action = 'use';
      const data: DependencyData = {
        name: c.name,
        ecosystem: c.ecosystem ?? wordsEco,
        version: c.version,
        from: c.from,
        action,
        manifests: mentioned.names,
        places: scopeOf(st).paths.filter((p) => !MANIFEST_NAMES.some(([re]) => re.test(p))),
        consumes: c.span ? [c.span] : [],
      };
      claims.push({ kind: 'dependency' as const, text: st.text, source: { path: st.docPath, line: st.line }, subject: { path: mentioned.names.length === 1 ? mentioned.names[0]! : null, symbol: c.name }, data });
    }
    return claims;
  },
  async verify(claim, ctx) {
    if (claim.data.manifestCount) return verifyManifestCount(claim.data.manifestCount as ManifestCount, ctx);
    return verifyDependency(claim.data as DependencyData, claim.source.path, ctx);
  },
};

function manifestMatches(path: string, written: string): boolean {
  const w = written.replace(/^\.?\/+/, '');
  return path === w || path.endsWith('/' + w);
}

function place(d: Dependency): string {
  return `${d.path}:${d.line}`;
}

function declared(d: Dependency): string {
  return `${d.name}${d.spec ? ` ${d.spec}` : ''} in ${place(d)}${d.resolved && d.resolvedAt && d.resolvedAt.path !== d.path ? ` (resolved ${d.resolved} in ${d.resolvedAt.path}:${d.resolvedAt.line})` : ''}${d.dev ? ' (development only)' : ''}`;
}

function depEvidence(d: Dependency, note: string): Evidence[] {
  const ev: Evidence[] = [{ path: d.path, line: d.line, note }];
  if (d.resolvedAt && (d.resolvedAt.path !== d.path || d.resolvedAt.line !== d.line)) ev.push({ path: d.resolvedAt.path, line: d.resolvedAt.line, note: `resolved version ${d.resolved}` });
  return ev;
}

/** How a stated version compares with one declaration. */
function versionCheck(d: Dependency, stated: string): { ok: boolean | null; why: string } {
  // A stated range (`^29.1.2`, `>=2,<3`): the same range as declared, or a resolved version inside it.
  if (/^[~^<>=!]|,/.test(stated) && !/^==?\s*v?\d[\w.+-]*$/.test(stated)) {
    const norm = (x: string) => x.replace(/\s+/g, '');
    if (d.spec && norm(d.spec) === norm(stated)) return { ok: true, why: `declared as ${d.spec}` };
    const exact = d.resolved ?? (d.spec ? exactPin(d.spec) : null);
    const admits = exact ? specAdmits(stated, exact) : null;
    if (admits !== null) return { ok: admits, why: `${d.resolved ? 'resolved' : 'pinned'} ${exact}${admits ? '' : `, outside ${stated}`}` };
    return { ok: null, why: `declared as ${d.spec ?? 'no version'}, not as ${stated}` };
  }
  if (d.resolved) {
    const why = d.resolvedAt && d.resolvedAt.path === d.path && d.resolvedAt.line === d.line ? `pinned ${d.spec}` : `resolved ${d.resolved} in ${d.resolvedAt?.path ?? 'the lockfile'}`;
    return { ok: versionMatches(stated, d.resolved), why };
  }
  if (!d.spec) return { ok: null, why: 'declared without a version and no lockfile resolves it' };
  const pin = exactPin(d.spec);
  if (pin) return { ok: versionMatches(stated, pin), why: `pinned ${d.spec}` };
  // `5.4` against `^5.4.5`: the range starts inside the stated (partial) version.
  const low = lowerBound(d.spec);
  if (low && versionMatches(stated, low) && specAdmits(d.spec, low) !== false) return { ok: true, why: `declared range ${d.spec} starts at ${stated}` };
  const admits = specAdmits(d.spec, stated);
  if (admits === false) return { ok: false, why: `declared range ${d.spec} excludes ${stated}` };
  if (admits === null) return { ok: null, why: `declared as ${d.spec}, which this reader cannot compare` };
  return { ok: null, why: `declared range ${d.spec} admits ${stated} but does not pin it, and no lockfile resolves it` };
}

/** The same manifest at the parent of the report's commit: the state before the work. */
async function stateBefore(ctx: VerifyContext, docPath: string, d: Dependency): Promise<{ rev: string; found: Dependency | null; missingFile: boolean } | null> {
  const git = ctx.snapshot.git;
  const hist = ctx.facts.get(docHistoryKey(docPath)) as DocHistory | undefined;
  if (!git || !hist?.commit) return null;
  const rev = `${hist.commit.sha}^`;
  const text = await git.show(rev, d.path);
  if (text === null) return { rev, found: null, missingFile: true };
  const found = declarationIn(d, text);
  return { rev, found, missingFile: false };
}

/** Finds a dependency in an old version of its manifest (the same readers as the index, on one text). */
function declarationIn(d: Dependency, text: string): Dependency | null {
  const base = d.path.slice(d.path.lastIndexOf('/') + 1);
  const mk = (spec: string | null, line: number): Dependency => ({ ...d, spec, line, resolved: null, resolvedAt: null });
  const lines = text.split('\n');
  if (base === 'package.json') {
    try {
      const json = JSON.parse(text) as Record<string, Record<string, string> | undefined>;
      for (const s of ['dependencies', 'devDependencies', 'peerDependencies', 'optionalDependencies']) {
        const v = json[s]?.[d.name];
        if (typeof v === 'string') return mk(v, lines.findIndex((l) => l.includes(`"${d.name}"`)) + 1 || 1);
      }
    } catch {
      return null;
    }
    return null;
  }
  if (base === 'go.mod') {
    const i = lines.findIndex((l) => new RegExp(`^\\s*(?:require\\s+)?${d.name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s+v`).test(l.replace(/\/\/.*$/, '')));
    return i < 0 ? null : mk(lines[i]!.trim().split(/\s+/).filter((x) => x !== 'require')[1] ?? null, i + 1);
  }
  // Requirement lines (requirements files, pyproject lists, Pipfile/poetry tables): by normalised name.
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i]!.replace(/(?:^|\s)#.*$/, '').trim().replace(/^["']|["'],?$/g, '');
    const toml = /^["']?([\w.-]+)["']?\s*=\s*(?:["']([^"']*)["']|\{.*?version\s*=\s*["']([^"']*)["'])/.exec(l);
    if (toml && dependencyKey('pypi', toml[1]!) === d.key) return mk(toml[2] || toml[3] || null, i + 1);
    const req = parseRequirement(l);
    if (req && dependencyKey('pypi', req.name) === d.key) return mk(req.spec, i + 1);
  }
  return null;
}

/** Other facts that share the name: a compose service, an image, a Kubernetes object — a service, not a package. */
function infrastructureNamed(facts: RepoFacts, name: string): Evidence | null {
  const n = name.toLowerCase();
  const svc = facts.composeServices.find((s) => s.name.toLowerCase() === n || (s.image ?? '').toLowerCase().split(/[:/@]/).includes(n));
  if (svc) return { path: svc.path, line: svc.line, note: `${name} is a service in ${svc.path} (image ${svc.image ?? 'built locally'}), not a declared package` };
  for (const f of facts.dockerfiles) for (const s of f.stages) if (s.base.toLowerCase().split(/[:/@]/).includes(n)) return { path: s.path, line: s.line, note: `${name} is the base image of ${s.path}, not a declared package` };
  const k = facts.k8sObjects.find((o) => (o.name ?? '').toLowerCase() === n);
  if (k) return { path: k.path, line: k.line, note: `${name} names a Kubernetes ${k.kind} in ${k.path}, not a declared package` };
  return null;
}

/**
 * The repository's own code by that name: a Go package under one of its
 * module paths, or a folder or file stem (`auth` in "the `auth` library").
 */
function ownCode(ctx: VerifyContext, name: string): string | null {
  for (const mod of ctx.repoFacts.manifests.filter((m) => m.path.endsWith('go.mod'))) {
    const r = ctx.snapshot.read(mod.path);
    const path = r.ok ? /^module\s+(\S+)/m.exec(r.text)?.[1] : undefined;
    if (path && (name === path || name.startsWith(path + '/'))) return mod.path;
  }
  if (ctx.snapshot.hasDir(name)) return name;
  return ctx.snapshot.files.find((f) => f.path.split('/').some((seg) => seg === name || seg.replace(/\.\w+$/, '') === name))?.path ?? null;
}

/** Per snapshot: the module paths the repository's Go files import (null when no Go file could be read), gathered once. */
const goImportsCache = new WeakMap<object, { module: string; path: string }[] | null>();

function goImports(ctx: VerifyContext): { module: string; path: string }[] | null {
  if (goImportsCache.has(ctx.snapshot)) return goImportsCache.get(ctx.snapshot)!;
  const out: { module: string; path: string }[] = [];
  let read = 0;
  for (const f of ctx.snapshot.files) {
    if (f.language !== 'go') continue;
    const model = ctx.model(f.path);
    if (!model) continue;
    read++;
    for (const i of model.imports) out.push({ module: i.module, path: f.path });
  }
  const result = read ? out : null;
  goImportsCache.set(ctx.snapshot, result);
  return result;
}

/** A Go file that imports the module (or a package inside it), null when none does, undefined when no Go file could be read. */
function goImporter(ctx: VerifyContext, module: string): string | null | undefined {
  const all = goImports(ctx);
  // No Go code read at all: nothing shows the module unused.
  if (all === null) return undefined;
  return all.find((i) => i.module === module || i.module.startsWith(module + '/'))?.path ?? null;
}

/** Manifests (of the claim's ecosystem) in the folders the statement or its section names, or above them. */
function placeManifests(ctx: VerifyContext, d: DependencyData): string[] {
  const dirs: string[] = [];
  for (const raw of d.places) {
    const p = raw.replace(/^\.?\/+/, '').replace(/\/+$/, '').replace(/:\d+(?:-\d+)?$/, '');
    if (!p || p.startsWith('/')) continue;
    if (ctx.snapshot.hasDir(p)) dirs.push(p);
    else if (ctx.snapshot.hasFile(p)) dirs.push(p.includes('/') ? p.slice(0, p.lastIndexOf('/')) : '');
  }
  if (!dirs.length) return [];
  const out = new Set<string>();
  for (const m of ctx.repoFacts.manifests) {
    if (m.kind !== 'manifest' || (d.ecosystem && m.ecosystem !== d.ecosystem)) continue;
    const md = m.path.includes('/') ? m.path.slice(0, m.path.lastIndexOf('/')) : '';
    // The manifest governs the folder (it sits in it or above it), or sits inside the named folder.
    if (dirs.some((dir) => md === dir || md === '' || dir.startsWith(md + '/') || md.startsWith(dir + '/'))) out.add(m.path);
  }
  // The root manifest alone says nothing about a sub-package that has none of its own.
  const own = [...out].filter((m) => m.includes('/'));
  return own.length ? [...out] : [];
}

/** Manifest formats the index does not read: their dependencies cannot be checked. */
const UNREAD_MANIFESTS = /(?:^|\/)(?:Cargo\.toml|pom\.xml|build\.gradle(?:\.kts)?|Gemfile|composer\.json|[^/]+\.csproj|environment\.ya?ml|setup\.cfg|deno\.json|bun\.lockb)$/;

export async function verifyDependency(d: DependencyData, docPath: string, ctx: VerifyContext): Promise<Outcome> {
  const facts = ctx.repoFacts;
  const named = d.manifests.filter((m) => !/\.lock$|lock\.json$|lock\.yaml$|go\.sum$/.test(m));
  const namedPaths = facts.manifests.filter((m) => named.some((w) => manifestMatches(m.path, w)) && m.kind === 'manifest').map((m) => m.path);
  let all = facts.dependency(d.name, d.ecosystem ?? undefined);
  // A folder the report names (a package's own directory): the manifests on its path decide.
  const local = placeManifests(ctx, d);
  const foreign = local.length ? all.filter((x) => !local.includes(x.path)) : [];
  if (local.length && !namedPaths.length) {
    all = all.filter((x) => local.includes(x.path));
    if (!all.length && foreign.length) return { verdict: 'unverifiable', reason: `${d.name} is not declared in ${local.join(', ')} (the manifests of the place the report names), but ${declared(foreign[0]!)} declares it`, evidence: [{ path: local[0]!, note: `${d.name} is not declared here` }, ...depEvidence(foreign[0]!, 'declared for another part of the repository')] };
  }
  const scoped = namedPaths.length ? all.filter((x) => namedPaths.includes(x.path)) : all;
  const ecoText = d.ecosystem ? { pypi: 'Python', npm: 'npm', go: 'Go' }[d.ecosystem] : 'any';
  const scopeText = namedPaths.length ? namedPaths.join(', ') : d.ecosystem ? `the ${ecoText} manifests (${facts.manifestsOf(d.ecosystem).filter((p) => facts.manifests.some((m) => m.path === p && m.kind === 'manifest')).slice(0, 4).join(', ') || 'none'})` : 'the manifests of the repository';

  if (d.action === 'remove') {
    const own = scoped.length ? null : ownCode(ctx, d.name);
    if (own) return { verdict: 'unverifiable', reason: `${d.name} is declared in no manifest, but the repository has its own ${d.name} (${own}): its removal is a change to the code, not to the dependencies`, evidence: [{ path: own, note: `the repository's own ${d.name}` }] };
    if (scoped.length) return { verdict: 'contradicted', reason: `said to be removed, but ${declared(scoped[0]!)} still declares it`, evidence: scoped.slice(0, 3).flatMap((x) => depEvidence(x, `${x.name} is still declared`)) };
    if (namedPaths.length || (d.ecosystem ? facts.hasManifest(d.ecosystem) : facts.manifests.length > 0)) return { verdict: 'verified', reason: `${d.name} is declared in none of ${scopeText}`, evidence: [] };
    return { verdict: 'unverifiable', reason: `the repository has no ${ecoText} manifest to show ${d.name} removed`, evidence: [] };
  }

  if (!scoped.length) {
    const elsewhere = all.filter((x) => !namedPaths.includes(x.path));
    if (named.length && !namedPaths.length && elsewhere.length) {
      return { verdict: 'unverifiable', reason: `${named.join(', ')} is not a manifest of the repository; ${declared(elsewhere[0]!)} declares ${d.name}`, evidence: depEvidence(elsewhere[0]!, 'declared in another manifest') };
    }
    if (namedPaths.length && elsewhere.length) {
      return { verdict: 'contradicted', reason: `${d.name} is not declared in ${namedPaths.join(', ')}; it is declared in ${declared(elsewhere[0]!)}`, evidence: [{ path: namedPaths[0]!, note: `${d.name} is not declared here` }, ...depEvidence(elsewhere[0]!, 'declared in another manifest')] };
    }
    const infra = infrastructureNamed(facts, d.name);
    if (infra) return { verdict: 'unverifiable', reason: infra.note, evidence: [infra] };
    const own = ownCode(ctx, d.name);
    if (own) return { verdict: 'unverifiable', reason: `${d.name} is declared in no manifest, but the repository has its own ${d.name} (${own}): the report may mean that`, evidence: [{ path: own, note: `the repository's own ${d.name}` }] };
    const unread = ctx.snapshot.files.find((f) => UNREAD_MANIFESTS.test(f.path));
    const hasEco = namedPaths.length > 0 || (d.ecosystem ? facts.hasManifest(d.ecosystem) : facts.manifests.some((m) => m.kind === 'manifest'));
    if (!hasEco) return { verdict: 'unverifiable', reason: `the repository has no ${ecoText === 'any' ? '' : ecoText + ' '}manifest in which ${d.name} could be declared`, evidence: [] };
    if (!d.ecosystem && !namedPaths.length && unread) return { verdict: 'unverifiable', reason: `${d.name} is declared in none of the manifests read, but ${unread.path} is a manifest format claimcheck does not read`, evidence: [{ path: unread.path, note: 'manifest not read' }] };
    const inspected = namedPaths.length ? namedPaths : facts.manifests.filter((m) => m.kind === 'manifest' && (!d.ecosystem || m.ecosystem === d.ecosystem)).map((m) => m.path);
    return { verdict: 'contradicted', reason: `${d.name} is declared in none of ${scopeText}`, evidence: inspected.slice(0, 4).map((p) => ({ path: p, note: `${d.name} is not declared here` })) };
  }

  // Declared: prefer production declarations, then by path.
  const decls = [...scoped].sort((a, b) => Number(a.dev) - Number(b.dev));
  const first = decls[0]!;
  // A Go module required only `// indirect` is another module's dependency: unless some Go file imports it, the
  // repository does not use it for anything the line says it does.
  if (decls.every((x) => x.ecosystem === 'go' && x.indirect)) {
    const importer = goImporter(ctx, first.name);
    if (importer === null) {
      return { verdict: 'contradicted', reason: `${first.name} is required only as an indirect dependency (${place(first)}) and no Go file of the repository imports it`, evidence: depEvidence(first, `${first.name} ${first.spec ?? ''} // indirect`) };
    }
  }
  const notes: Evidence[] = [];
  let fromNote = '';
  if ((d.action === 'add' || d.action === 'upgrade') && ctx.snapshot.git) {
    const before = await stateBefore(ctx, docPath, first);
    if (!before) fromNote = '; the state before the work was not checked (no commit of the report)';
    else if (before.missingFile) notes.push({ path: first.path, note: `${first.path} did not exist at ${before.rev.slice(0, 12)}` });
    else if (!before.found) notes.push({ path: first.path, note: `${d.name} was not declared at ${before.rev.slice(0, 12)} (the parent of the report's commit)` });
    else {
      notes.push({ path: first.path, line: before.found.line, note: `at ${before.rev.slice(0, 12)} (the parent of the report's commit): ${d.name} ${before.found.spec ?? '(no version)'}` });
      if (d.from && before.found.spec) {
        const pin = exactPin(before.found.spec) ?? lowerBound(before.found.spec);
        if (pin && !versionMatches(d.from, pin)) {
          return { verdict: 'unverifiable', reason: `said to go from ${d.from}; at ${before.rev.slice(0, 12)} ${first.path} declared ${before.found.spec} (the work may span several commits)`, evidence: [...depEvidence(first, `now ${first.spec ?? 'without version'}`), ...notes] };
        }
      }
    }
  } else if (d.action === 'add' || d.action === 'upgrade') fromNote = '; the state before the work was not checked (not a git repository)';
  if (!d.version) {
    return { verdict: 'verified', reason: `declared: ${declared(first)}${fromNote}`, evidence: [...decls.slice(0, 3).flatMap((x) => depEvidence(x, `${x.name} ${x.spec ?? ''}`.trim())), ...notes] };
  }
  const checks = decls.map((x) => ({ d: x, ...versionCheck(x, d.version!) }));
  const ok = checks.find((c) => c.ok === true);
  if (ok) return { verdict: 'verified', reason: `declared in ${place(ok.d)} with version ${d.version} (${ok.why})${fromNote}`, evidence: [...depEvidence(ok.d, `${ok.d.name} ${ok.d.spec ?? ''}`.trim()), ...notes] };
  const unknown = checks.find((c) => c.ok === null);
  if (unknown) return { verdict: 'unverifiable', reason: `${d.name} is declared in ${place(unknown.d)}, but version ${d.version} cannot be confirmed: ${unknown.why}`, evidence: [...depEvidence(unknown.d, `${unknown.d.name} ${unknown.d.spec ?? ''}`.trim()), ...notes] };
  return {
    verdict: 'contradicted',
    reason: `stated ${d.name} ${d.version}; ${checks.map((c) => `${place(c.d)}: ${c.why}`).join('; ')}`,
    evidence: [...checks.slice(0, 3).flatMap((c) => depEvidence(c.d, `${c.d.name} ${c.d.spec ?? ''} — not ${d.version}`)), ...notes],
  };
}

/** "requirements.txt  [Dependencies - 4 packages]": how many packages a manifest declares. */
export interface ManifestCount {
  manifest: string;
  count: number;
  atLeast: boolean;
}

/** A drawn tree's note on a manifest that counts its packages, or null. */
export function manifestCountOf(path: string, note: string): ManifestCount | null {
  if (!MANIFEST_NAMES.some(([re]) => re.test(path)) || /lock|\.sum$/i.test(path)) return null;
  const m = /(\d+)(\+)?\s+(?:packages?|dependencies|deps|requirements|libraries)\b/i.exec(note);
  return m ? { manifest: path, count: Number(m[1]), atLeast: !!m[2] } : null;
}

function verifyManifestCount(c: ManifestCount, ctx: VerifyContext): Outcome {
  const deps = ctx.repoFacts.dependencies.filter((d) => d.path === c.manifest);
  if (!ctx.snapshot.hasFile(c.manifest)) return { verdict: 'contradicted', reason: `${c.manifest} is not in the repository`, evidence: [] };
  if (!deps.length) return { verdict: 'unverifiable', reason: `claimcheck reads no package declaration in ${c.manifest}`, evidence: [] };
  // A count may leave out development-only packages: both readings are tried.
  const runtime = deps.filter((d) => !d.dev);
  const ok = (n: number) => (c.atLeast ? n >= c.count : n === c.count);
  const evidence = deps.slice(0, 8).map((d) => ({ path: d.path, line: d.line, note: `${d.name}${d.spec ? ` ${d.spec}` : ''}${d.dev ? ' (development)' : ''}` }));
  const counts = runtime.length === deps.length ? `${deps.length}` : `${deps.length} (${runtime.length} not development-only)`;
  if (ok(deps.length) || ok(runtime.length)) return { verdict: 'verified', reason: `${c.manifest} declares ${counts} packages`, evidence };
  return { verdict: 'contradicted', reason: `claimed ${c.count}${c.atLeast ? '+' : ''} packages; ${c.manifest} declares ${counts}: ${deps.map((d) => d.name).join(', ')}`, evidence };
}
