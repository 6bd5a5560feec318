/**
 * Which TypeScript programs a repository builds: every tsconfig.json of the
 * snapshot (one per package in a monorepo) and the configs they reference,
 * parsed with TypeScript's own reader over the snapshot's file list, plus one
 * lenient default program for TypeScript files that no tsconfig governs.
 *
 * claimcheck runs the TypeScript that ts-morph bundles (6.x). Most
 * repositories build with 5.x, whose defaults differ (`strict` off, every
 * `@types` package visible, ES5 target, no side-effect import checks), so a
 * config written for 5.x gets those defaults filled in explicitly and 6.0's
 * deprecation errors silenced: the diagnostics then match what the
 * repository's own `tsc` reports.
 */
import { ts } from 'ts-morph';
import type { RepoSnapshot } from '../../../repo/snapshot.js';
import type { SnapshotFileSystem } from './host.js';
import { isFixturePath } from './util.js';

/** One program to type-check. */
export interface ProgramSpec {
  /** Repo-relative tsconfig path, or null for the default program. */
  config: string | null;
  options: ts.CompilerOptions;
  /** Repo-relative files the config includes (code and declarations), all listed by the snapshot. */
  files: string[];
  /** TypeScript major version the target builds with (from package.json), 5 when unknown. */
  tsMajor: number;
}

export interface ConfigProblem {
  path: string;
  line: number;
  message: string;
}

const CODE_EXT = /\.(tsx?|mts|cts|jsx?|mjs|cjs)$/i;

/** Reads a JSON file of the snapshot, tolerating comments and trailing commas as TypeScript does. */
function readJson(snapshot: RepoSnapshot, path: string): Record<string, unknown> | null {
  const r = snapshot.read(path);
  if (!r.ok) return null;
  const parsed = ts.parseConfigFileTextToJson(path, r.text);
  return parsed.error || typeof parsed.config !== 'object' || parsed.config === null ? null : (parsed.config as Record<string, unknown>);
}

function dirOf(path: string): string {
  const i = path.lastIndexOf('/');
  return i < 0 ? '' : path.slice(0, i);
}

/** The major version of `typescript` that the nearest package.json declaring it asks for. */
export function typescriptMajor(snapshot: RepoSnapshot, fromDir: string): number {
  let d = fromDir;
  for (;;) {
    const pj = readJson(snapshot, d ? `${d}/package.json` : 'package.json');
    if (pj) {
      for (const key of ['devDependencies', 'dependencies', 'peerDependencies']) {
        const deps = pj[key] as Record<string, unknown> | undefined;
        const v = deps && typeof deps === 'object' ? deps['typescript'] : undefined;
        if (typeof v === 'string') {
          const m = /(\d+)/.exec(v.replace(/^npm:typescript@/, ''));
          return m ? Number(m[1]) : 5;
        }
      }
    }
    if (!d) return 5;
    d = dirOf(d);
  }
}

/** TypeScript 5.x defaults that 6.0 changed, filled in where the config leaves them unset. */
function applyTs5Defaults(o: ts.CompilerOptions): void {
  o.strict ??= false;
  o.types ??= ['*'];
  o.target ??= ts.ScriptTarget.ES5;
  o.noUncheckedSideEffectImports ??= false;
  if (o.module === undefined) {
    o.module = o.target === ts.ScriptTarget.ES3 || o.target === ts.ScriptTarget.ES5 ? ts.ModuleKind.CommonJS : ts.ModuleKind.ES2015;
  }
  // 5.x picked Classic for ES modules; Node10 resolves a superset of what Classic finds, so it never adds an error.
  o.moduleResolution ??= ts.ModuleResolutionKind.Node10;
  o.ignoreDeprecations = '6.0';
}

/** Options for type-checking only: nothing is emitted, libraries are not checked, composite bookkeeping is off. */
function checkingOptions(o: ts.CompilerOptions): ts.CompilerOptions {
  const out: ts.CompilerOptions = { ...o, noEmit: true, skipLibCheck: true };
  for (const k of ['composite', 'declaration', 'declarationMap', 'emitDeclarationOnly', 'incremental', 'tsBuildInfoFile', 'outFile', 'sourceMap', 'inlineSourceMap'] as const) {
    delete out[k];
  }
  return out;
}

/** Lenient options for TypeScript files that no tsconfig governs (scripts, Deno code, loose files). */
function defaultOptions(): ts.CompilerOptions {
  return {
    target: ts.ScriptTarget.ESNext,
    module: ts.ModuleKind.ESNext,
    moduleResolution: ts.ModuleResolutionKind.Bundler,
    jsx: ts.JsxEmit.Preserve,
    strict: false,
    types: ['*'],
    allowJs: false,
    checkJs: false,
    allowImportingTsExtensions: true,
    resolveJsonModule: true,
    esModuleInterop: true,
    noUncheckedSideEffectImports: false,
    noEmit: true,
    skipLibCheck: true,
    ignoreDeprecations: '6.0',
  };
}

type Entries = { files: string[]; directories: string[] };

/** TypeScript's config reader, answering from the snapshot (and installed packages for `extends`). */
function parseHost(snapshot: RepoSnapshot, fs: SnapshotFileSystem): ts.ParseConfigHost {
  const root = snapshot.root.replace(/\\/g, '/');
  const entries = (dir: string): Entries => {
    const rel = fs.rel(dir);
    if (rel === null) return { files: [], directories: [] };
    const files: string[] = [];
    const directories: string[] = [];
    for (const e of fs.readDirSync(rel === '' ? root : `${root}/${rel}`)) {
      const name = e.name.slice(e.name.lastIndexOf('/') + 1);
      if (e.isDirectory) directories.push(name);
      else if (e.isFile) files.push(name);
    }
    return { files, directories };
  };
  const matchFiles = (ts as unknown as { matchFiles: (...a: unknown[]) => string[] }).matchFiles;
  return {
    useCaseSensitiveFileNames: true,
    readDirectory: (dir, extensions, excludes, includes, depth) =>
      matchFiles(dir, extensions, excludes, includes, true, root, depth, entries, (p: string) => p),
    fileExists: (p) => fs.fileExistsSync(p),
    readFile: (p) => {
      try {
        return fs.readFileSync(p);
      } catch {
        return undefined;
      }
    },
  };
}

function lineOf(text: string, pos: number): number {
  let n = 1;
  for (let i = text.indexOf('\n'); i >= 0 && i < pos; i = text.indexOf('\n', i + 1)) n++;
  return n;
}

/**
 * All programs of the repository, each file assigned to one of them for
 * checking (the nearest tsconfig.json wins), and the JSON syntax errors of
 * the configs themselves.
 */
export function discoverPrograms(snapshot: RepoSnapshot, fs: SnapshotFileSystem): { programs: ProgramSpec[]; problems: ConfigProblem[]; excluded: string[] } {
  const root = snapshot.root.replace(/\\/g, '/');
  const host = parseHost(snapshot, fs);
  const queue = snapshot.files
    .map((f) => f.path)
    .filter((p) => (p === 'tsconfig.json' || p.endsWith('/tsconfig.json')) && !isFixturePath(p));
  const seen = new Set<string>();
  const programs: ProgramSpec[] = [];
  const problems: ConfigProblem[] = [];
  while (queue.length > 0) {
    const config = queue.shift()!;
    if (seen.has(config)) continue;
    seen.add(config);
    const r = snapshot.read(config);
    if (!r.ok) continue;
    const json = ts.parseJsonText(config, r.text);
    const syntax = (json as unknown as { parseDiagnostics?: ts.Diagnostic[] }).parseDiagnostics ?? [];
    if (syntax.length > 0) {
      const d = syntax[0]!;
      problems.push({ path: config, line: lineOf(r.text, d.start ?? 0), message: `TS${d.code}: ${ts.flattenDiagnosticMessageText(d.messageText, ' ')}` });
      continue;
    }
    const parsed = ts.parseJsonSourceFileConfigFileContent(json, host, `${root}/${dirOf(config)}`.replace(/\/$/, ''), undefined, `${root}/${config}`);
    for (const ref of parsed.projectReferences ?? []) {
      const rel = fs.rel(ref.path);
      if (rel === null) continue;
      const target = snapshot.hasFile(rel) ? rel : rel ? `${rel}/tsconfig.json` : 'tsconfig.json';
      if (snapshot.hasFile(target) && !seen.has(target)) queue.push(target);
    }
    const files = parsed.fileNames
      .map((f) => fs.rel(f))
      .filter((f): f is string => f !== null && snapshot.hasFile(f));
    if (files.length === 0) continue;
    const tsMajor = typescriptMajor(snapshot, dirOf(config));
    const options = { ...parsed.options };
    if (tsMajor < 6) applyTs5Defaults(options);
    programs.push({ config, options: checkingOptions(options), files, tsMajor });
  }

  // The nearest config checks a file: deeper directories first, then tsconfig.json before variants.
  programs.sort((a, b) => {
    const da = a.config!.split('/').length;
    const db = b.config!.split('/').length;
    if (da !== db) return db - da;
    const na = a.config!.endsWith('/tsconfig.json') || a.config === 'tsconfig.json' ? 0 : 1;
    const nb = b.config!.endsWith('/tsconfig.json') || b.config === 'tsconfig.json' ? 0 : 1;
    return na - nb || (a.config! < b.config! ? -1 : 1);
  });

  // TypeScript files under no config: checked leniently when no tsconfig.json sits above them;
  // a file a nearby tsconfig deliberately leaves out is not part of that build.
  const covered = new Set(programs.flatMap((p) => p.files));
  const configDirs = new Set([...seen].map(dirOf));
  const loose: string[] = [];
  const excluded: string[] = [];
  for (const f of snapshot.files) {
    if (covered.has(f.path) || isFixturePath(f.path)) continue;
    const isTs = f.language === 'typescript' || /\.d\.[mc]?ts$/.test(f.path);
    if (!isTs) continue;
    let d = dirOf(f.path);
    let governed = configDirs.has(d);
    while (!governed && d) {
      d = dirOf(d);
      governed = configDirs.has(d);
    }
    if (governed) {
      if (f.language === 'typescript') excluded.push(f.path);
    } else loose.push(f.path);
  }
  if (loose.some((p) => CODE_EXT.test(p) && !/\.d\.[mc]?ts$/.test(p))) {
    programs.push({ config: null, options: defaultOptions(), files: loose, tsMajor: typescriptMajor(snapshot, '') });
  }
  return { programs, problems, excluded };
}
