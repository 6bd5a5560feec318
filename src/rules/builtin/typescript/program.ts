/**
 * The type-check layer: built once per audit (memoized in the repository
 * context's `shared` map) and read by the rules that need types
 * (`build-error/ts-diagnostic`, `method-mismatch/ts-missing-property`).
 *
 * One program per tsconfig (configs.ts), created with the TypeScript that
 * ts-morph bundles, over a file system that is the snapshot plus installed
 * packages inside the root (host.ts); library files are shared between
 * programs (libs.ts). Type
 * checking is the expensive part (DESIGN.md: ≈2 s to parse 2.8 MB, ≈8 s more
 * for the diagnostics), so it is bounded:
 * - only files the snapshot lists are roots; imports pull in the rest;
 * - at most MAX_CHECKED_FILES files are checked per program (production code
 *   before tests, then by path); declaration emit is not checked and library
 *   files are skipped (`skipLibCheck`);
 * - reads from `node_modules` stop at a byte and file budget; a program that
 *   hit it reports nothing, since missing declarations would fake errors.
 *
 * What was not checked is not a finding: it is listed under the
 * `typescript:unchecked` key of `shared` as `{ path, reason }` entries, for
 * the report's skipped list.
 */
import { ts } from 'ts-morph';
import type { RepoContext } from '../../types.js';
import { DEFAULT_INSTALL_BUDGET, SnapshotFileSystem, type InstallBudget } from './host.js';
import { discoverPrograms, type ConfigProblem } from './configs.js';
import { compilerHost } from './libs.js';
import { classifyBare, declaringManifest, packageName, type BareKind } from './packages.js';
import { isRelativeSpecifier, resolveBase } from './resolve.js';
import { closestName, isFixturePath } from './util.js';
import { UnresolvedTrace } from './unknown-types.js';
import { lineOfOffset as lineAt, lineStarts } from '../../../repo/text.js';

export const MAX_CHECKED_FILES = 400;
export const SHARED_CHECK = 'typescript:check';
export const SHARED_UNCHECKED = 'typescript:unchecked';

/** TS2339/TS2551 details: the receiver's type and where it is declared. */
export interface MissingProperty {
  property: string;
  /** The receiver's type as TypeScript prints it. */
  typeText: string;
  /** First declaration of the receiver's type, when it is in the repository. */
  declaredAt: { path: string; line: number } | null;
  /** Every part of the receiver's type is declared in files of the repository (not a library, not `lib.d.ts`). */
  repoDeclared: boolean;
  /** Closest existing member name, when one is close. */
  suggestion: string | null;
  /** Member names when there are few (to show what exists). */
  members: string[];
  /** The access is called (`x.m()`). */
  isCall: boolean;
  /** A base type of the receiver did not resolve (an uninstalled package): its members are unknown. */
  uncertain: boolean;
}

/** What the module specifier of a module diagnostic names. */
export type ModuleKind =
  | BareKind
  | 'relative'
  /** A tsconfig `paths`/`baseUrl` import whose file the repository does not have. */
  | 'path-missing'
  /** A `paths`/`baseUrl` import that may exist (ignored by .gitignore, or unlisted). */
  | 'path-unknown';

/** Module-resolution and module-export diagnostics. */
export const MODULE_CODES = new Set([2307, 2792, 7016, 2305, 2724, 2614, 2459, 2460, 1192, 2306]);
/** "Cannot find module" in its forms. */
export const NOT_FOUND_CODES = new Set([2307, 2792, 7016]);

export interface TsDiagnostic {
  path: string;
  line: number;
  endLine: number;
  code: number;
  /** TypeScript's message, chained details joined on one line. */
  message: string;
  /** For MODULE_CODES: the module specifier and what it names. */
  module?: { specifier: string; kind: ModuleKind };
  missing?: MissingProperty;
  /** Repo-relative tsconfig of the program, or null for the default program. */
  config: string | null;
  /** A `node_modules` directory exists for the program: package imports could be resolved. */
  installed: boolean;
  /** Some import of the program did not resolve: types that flow from it are unknown. */
  incomplete: boolean;
  /** What the diagnostic is about depends on a name imported from a module that did not resolve (unknown-types.ts). */
  unresolvedTypes?: boolean;
}

export interface UncheckedFile {
  path: string;
  reason: string;
}

export interface TypeCheck {
  diagnostics: TsDiagnostic[];
  unchecked: UncheckedFile[];
  configProblems: ConfigProblem[];
  stats: { programs: number; checkedFiles: number; checkedLines: number; ms: number };
}

function isCheckable(path: string, options: ts.CompilerOptions): boolean {
  if (/\.d\.[mc]?ts$/i.test(path)) return false;
  if (/\.(tsx?|mts|cts)$/i.test(path)) return true;
  return !!options.checkJs && /\.(jsx?|mjs|cjs)$/i.test(path);
}

/** Bounds of one audit's type-check. */
export interface CheckLimits {
  /** Files checked per program. */
  maxChecked: number;
  /** What may be read from `node_modules`. */
  install: InstallBudget;
}

/** The type-check of the snapshot, computed on first use and shared by the rules that need it. */
export function typeCheck(ctx: RepoContext, limits: Partial<CheckLimits> = {}): Promise<TypeCheck> {
  let p = ctx.shared.get(SHARED_CHECK) as Promise<TypeCheck> | undefined;
  if (!p) {
    const full: CheckLimits = { maxChecked: limits.maxChecked ?? MAX_CHECKED_FILES, install: limits.install ?? DEFAULT_INSTALL_BUDGET };
    p = Promise.resolve().then(() => runTypeCheck(ctx, full));
    ctx.shared.set(SHARED_CHECK, p);
  }
  return p;
}

function runTypeCheck(ctx: RepoContext, limits: CheckLimits): TypeCheck {
  const t0 = performance.now();
  const { snapshot } = ctx;
  const { maxChecked } = limits;
  const root = snapshot.root.replace(/\\/g, '/');
  const fs = new SnapshotFileSystem(snapshot, limits.install);
  const { programs, problems, excluded } = discoverPrograms(snapshot, fs);
  const diagnostics: TsDiagnostic[] = [];
  const unchecked: UncheckedFile[] = excluded.map((path) => ({ path, reason: 'type-check: not included by the tsconfig.json above it' }));
  const assigned = new Set<string>();
  const sharedDeclarations = new Map<string, ts.SourceFile>();
  let checkedFiles = 0;
  let checkedLines = 0;
  /** One note per package whose types were unavailable, keyed by manifest and package. */
  const untyped = new Map<string, UncheckedFile>();

  for (const spec of programs) {
    const mine = spec.files.filter((f) => isCheckable(f, spec.options) && !assigned.has(f) && !isFixturePath(f));
    for (const f of mine) assigned.add(f);
    if (mine.length === 0) continue;
    const isTest = (f: string) => snapshot.file(f)?.isTest ?? false;
    mine.sort((a, b) => Number(isTest(a)) - Number(isTest(b)) || (a < b ? -1 : a > b ? 1 : 0));
    const checked = mine.slice(0, maxChecked);
    const label = spec.config ?? 'default options';
    for (const f of mine.slice(maxChecked)) unchecked.push({ path: f, reason: `type-check: over the cap of ${maxChecked} files per program (${label})` });

    const refusedBefore = fs.refused;
    const declarations = spec.files.filter((f) => /\.d\.[mc]?ts$/i.test(f));
    const program = ts.createProgram({
      rootNames: [...checked, ...declarations].map((f) => `${root}/${f}`),
      options: spec.options,
      host: compilerHost(fs, sharedDeclarations),
    });
    const checker = program.getTypeChecker();
    const configDir = spec.config ? spec.config.slice(0, Math.max(0, spec.config.lastIndexOf('/'))) : '';
    const installed = fs.hasInstall(configDir);
    const found: TsDiagnostic[] = [];
    const spans: { sf: ts.SourceFile; start: number; length: number }[] = [];
    for (const rel of checked) {
      const sf = program.getSourceFile(`${root}/${rel}`);
      if (!sf) {
        unchecked.push({ path: rel, reason: `type-check: not loaded by ${label}` });
        continue;
      }
      checkedFiles++;
      const starts = lineStarts(sf.text);
      checkedLines += starts.length;
      // As tsc does, semantic errors are not asked for while the syntax is broken: they would only echo it.
      const syntactic = program.getSyntacticDiagnostics(sf);
      const ds = syntactic.length > 0 ? syntactic : program.getSemanticDiagnostics(sf);
      for (const d of ds) {
        if (d.category !== ts.DiagnosticCategory.Error || d.start === undefined) continue;
        const line = lineAt(starts, d.start);
        const endLine = lineAt(starts, d.start + (d.length ?? 0));
        const diag: TsDiagnostic = {
          path: rel,
          line,
          endLine,
          code: d.code,
          message: flatten(d.messageText),
          config: spec.config,
          installed,
          incomplete: false,
        };
        const token = tokenAt(sf, d.start);
        if (MODULE_CODES.has(d.code) && token) {
          const specifier = specifierOf(token);
          if (specifier !== null) diag.module = { specifier, kind: moduleKind(ctx, fs, rel, specifier, spec.options) };
        }
        if ((d.code === 2339 || d.code === 2551) && token) {
          const info = missingProperty(checker, token, d, fs, ctx);
          if (info) diag.missing = info;
        }
        found.push(diag);
        spans.push({ sf, start: d.start, length: d.length ?? 0 });
      }
    }
    const unresolved = unresolvedPackages(program, checker, fs, ctx);
    if (found.some((d) => NOT_FOUND_CODES.has(d.code) || d.code === 2875) || unresolved.any) {
      const trace = new UnresolvedTrace(checker, (sf) => {
        const r = fs.rel(sf.fileName);
        return r !== null && snapshot.hasFile(r);
      });
      found.forEach((d, i) => {
        d.incomplete = true;
        if (MODULE_CODES.has(d.code)) return;
        const { sf, start, length } = spans[i]!;
        // A type name nobody declares may be a global of a package that is not installed (`HandlebarsTemplateDelegate`).
        const globalType = unresolved.notes.size > 0 && (d.code === 2304 || d.code === 2503) && isTypeName(tokenAt(sf, start));
        d.unresolvedTypes = globalType || trace.reachesUnresolved(sf, start, length);
      });
    }
    for (const [key, note] of unresolved.notes) untyped.set(key, note);
    if (fs.refused > refusedBefore) {
      // Declarations that could not be read would show up as false errors: say nothing for this program.
      for (const f of checked) unchecked.push({ path: f, reason: `type-check: installed packages exceed the read budget (${label})` });
      continue;
    }
    diagnostics.push(...found);
  }
  for (const note of untyped.values()) unchecked.push(note);
  const result: TypeCheck = {
    diagnostics,
    unchecked: unchecked.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : a.reason < b.reason ? -1 : a.reason > b.reason ? 1 : 0)),
    configProblems: problems,
    stats: { programs: programs.length, checkedFiles, checkedLines, ms: Math.round(performance.now() - t0) },
  };
  ctx.shared.set(SHARED_UNCHECKED, result.unchecked);
  return result;
}

/**
 * Imports of repository files the program loaded (checked or only imported)
 * whose module resolved neither to a file nor to an ambient `declare module`:
 * the names they bind are `any`, and so is what flows from them. `any` says
 * whether there is one; `notes` has one entry per declared package that is
 * not installed, on the package.json that declares it.
 */
function unresolvedPackages(
  program: ts.Program,
  checker: ts.TypeChecker,
  fs: SnapshotFileSystem,
  ctx: RepoContext,
): { any: boolean; notes: Map<string, UncheckedFile> } {
  const notes = new Map<string, UncheckedFile>();
  let any = false;
  for (const sf of program.getSourceFiles()) {
    const rel = fs.rel(sf.fileName);
    if (rel === null || !ctx.snapshot.hasFile(rel)) continue;
    for (const st of sf.statements) {
      let spec: ts.Expression | undefined;
      // `import './styles.css'` binds nothing: nothing becomes `any` when it does not resolve.
      if (ts.isImportDeclaration(st) && st.importClause) spec = st.moduleSpecifier;
      else if (ts.isExportDeclaration(st)) spec = st.moduleSpecifier;
      else if (ts.isImportEqualsDeclaration(st) && ts.isExternalModuleReference(st.moduleReference)) spec = st.moduleReference.expression;
      if (!spec || !ts.isStringLiteralLike(spec) || checker.getSymbolAtLocation(spec) !== undefined) continue;
      any = true;
      if (isRelativeSpecifier(spec.text)) continue;
      const manifest = declaringManifest(ctx.snapshot, rel, spec.text);
      if (manifest === null) continue;
      const name = packageName(spec.text);
      if (isInstalled(fs, rel, name)) continue;
      notes.set(`${manifest}\0${name}`, {
        path: manifest,
        reason: `type-check: '${name}' is declared here but not installed; its types are unknown, and type errors that involve them are left out`,
      });
    }
  }
  return { any, notes };
}

/** Whether `node_modules/<name>` exists in the importing file's folder or one above it, inside the root. */
function isInstalled(fs: SnapshotFileSystem, from: string, name: string): boolean {
  let d = from.includes('/') ? from.slice(0, from.lastIndexOf('/')) : '';
  for (;;) {
    if (fs.directoryExistsSync(`${fs.root}/${d ? d + '/' : ''}node_modules/${name}`)) return true;
    if (!d) return false;
    d = d.includes('/') ? d.slice(0, d.lastIndexOf('/')) : '';
  }
}

/** TypeScript's message with its chain on one line, as `tsc --pretty false` would print it. */
function flatten(m: string | ts.DiagnosticMessageChain): string {
  return ts
    .flattenDiagnosticMessageText(m, '\n')
    .split('\n')
    .map((s) => s.trim())
    .filter(Boolean)
    .join(' ');
}

/** The module specifier a diagnostic's node belongs to: the string itself, or the import/export around it. */
function specifierOf(token: ts.Node): string | null {
  if (ts.isStringLiteralLike(token)) return token.text;
  for (let n: ts.Node | undefined = token; n; n = n.parent) {
    if ((ts.isImportDeclaration(n) || ts.isExportDeclaration(n)) && n.moduleSpecifier && ts.isStringLiteralLike(n.moduleSpecifier)) {
      return n.moduleSpecifier.text;
    }
    if (ts.isImportEqualsDeclaration(n) && ts.isExternalModuleReference(n.moduleReference) && ts.isStringLiteralLike(n.moduleReference.expression)) {
      return n.moduleReference.expression.text;
    }
    if (ts.isImportTypeNode(n) && ts.isLiteralTypeNode(n.argument) && ts.isStringLiteralLike(n.argument.literal)) return n.argument.literal.text;
    if (ts.isStatement(n)) break;
  }
  return null;
}

/** `paths` targets (or the `baseUrl` location) a non-relative specifier maps to, repo-relative; null when none applies. */
function mappedBases(fs: SnapshotFileSystem, spec: string, options: ts.CompilerOptions): { bases: string[]; byPaths: boolean } | null {
  const baseDir = (options.pathsBasePath as string | undefined) ?? options.baseUrl;
  const bases: string[] = [];
  if (options.paths && baseDir) {
    for (const [pattern, targets] of Object.entries(options.paths)) {
      const star = pattern.indexOf('*');
      let captured: string | null = null;
      if (star < 0) captured = pattern === spec ? '' : null;
      else {
        const prefix = pattern.slice(0, star);
        const suffix = pattern.slice(star + 1);
        if (spec.startsWith(prefix) && spec.endsWith(suffix) && spec.length >= prefix.length + suffix.length) {
          captured = spec.slice(prefix.length, spec.length - suffix.length);
        }
      }
      if (captured === null) continue;
      for (const t of targets) {
        const rel = fs.rel(`${baseDir}/${t.replace('*', captured)}`.replace(/\/\.\//g, '/'));
        if (rel !== null) bases.push(rel);
      }
    }
    if (bases.length > 0) return { bases, byPaths: true };
  }
  if (options.baseUrl) {
    const rel = fs.rel(`${options.baseUrl}/${spec}`);
    if (rel !== null) return { bases: [rel], byPaths: false };
  }
  return null;
}

function moduleKind(ctx: RepoContext, fs: SnapshotFileSystem, from: string, spec: string, options: ts.CompilerOptions): ModuleKind {
  if (isRelativeSpecifier(spec)) return 'relative';
  const mapped = mappedBases(fs, spec, options);
  if (mapped) {
    const results = mapped.bases.map((b) => resolveBase(ctx.snapshot, b.replace(/\/+$/, '')));
    const first = mapped.bases[0]!.split('/')[0]!;
    // A baseUrl-only mapping means a local path only when the first segment is a directory there.
    const local = mapped.byPaths || ctx.snapshot.hasDir(mapped.bases[0]!.split('/').slice(0, -1).join('/') || first);
    if (local) return results.every((r) => r.kind === 'missing') ? 'path-missing' : 'path-unknown';
  }
  return classifyBare(ctx.snapshot, from, spec);
}

/** An identifier that names a type (`x: Foo`, `Foo.Bar<T>`, `interface I extends Foo`), not a value. */
function isTypeName(token: ts.Node | undefined): boolean {
  let n = token;
  while (n?.parent && ts.isQualifiedName(n.parent)) n = n.parent;
  const p = n?.parent;
  if (!p) return false;
  if (ts.isTypeReferenceNode(p)) return p.typeName === n;
  // `interface I extends Foo` and `implements Foo` name types; a class's `extends Foo` names a value.
  if (ts.isExpressionWithTypeArguments(p) && ts.isHeritageClause(p.parent)) {
    return p.parent.token === ts.SyntaxKind.ImplementsKeyword || ts.isInterfaceDeclaration(p.parent.parent);
  }
  return false;
}

function tokenAt(sf: ts.SourceFile, pos: number): ts.Node | undefined {
  const get = (ts as unknown as { getTokenAtPosition?: (sf: ts.SourceFile, pos: number) => ts.Node }).getTokenAtPosition;
  return get ? get(sf, pos) : undefined;
}

/** Where a declaration is, when it is a file of the repository (not `node_modules`, not a TypeScript lib). */
function repoLocation(decl: ts.Declaration, fs: SnapshotFileSystem, ctx: RepoContext): { path: string; line: number } | null {
  const sf = decl.getSourceFile();
  const rel = fs.rel(sf.fileName);
  if (rel === null || !ctx.snapshot.hasFile(rel)) return null;
  return { path: rel, line: lineAt(lineStarts(sf.text), decl.getStart(sf)) };
}

function missingProperty(checker: ts.TypeChecker, token: ts.Node, d: ts.Diagnostic, fs: SnapshotFileSystem, ctx: RepoContext): MissingProperty | undefined {
  const access = token.parent;
  if (!access || !ts.isPropertyAccessExpression(access) || access.name !== token) return undefined;
  const property = access.name.text;
  const receiverType = checker.getTypeAtLocation(access.expression);
  const parts = receiverType.isUnion() ? receiverType.types : [receiverType];
  let repoDeclared = true;
  let declaredAt: { path: string; line: number } | null = null;
  const members = new Set<string>();
  const methods = new Set<string>();
  for (let part of parts) {
    if (part.flags & ts.TypeFlags.TypeParameter) {
      const c = checker.getBaseConstraintOfType(part);
      if (!c) return undefined;
      part = c;
    }
    if (part.flags & (ts.TypeFlags.Any | ts.TypeFlags.Unknown | ts.TypeFlags.Never)) return undefined;
    if (part.flags & (ts.TypeFlags.Undefined | ts.TypeFlags.Null)) continue;
    // A string or number index signature accepts any name: not a missing member whatever TypeScript says.
    if (checker.getIndexInfosOfType(part).length > 0) return undefined;
    const sym = part.getSymbol() ?? part.aliasSymbol;
    const decls = sym?.getDeclarations() ?? [];
    if (decls.length === 0) repoDeclared = false;
    for (const decl of decls) {
      const loc = repoLocation(decl, fs, ctx);
      if (!loc) repoDeclared = false;
      else declaredAt ??= loc;
    }
    for (const p of checker.getPropertiesOfType(checker.getApparentType(part))) {
      members.add(p.name);
      const t = checker.getTypeOfSymbol(p);
      if (t.getCallSignatures().length > 0) methods.add(p.name);
    }
  }
  const isCall = ts.isCallExpression(access.parent) && access.parent.expression === access;
  let suggestion: string | null = null;
  const m = /Did you mean '([^']+)'\?/.exec(flatten(d.messageText));
  if (m) suggestion = m[1]!;
  else suggestion = closestName(property, isCall && methods.size > 0 ? methods : members);
  const shown = [...(isCall && methods.size > 0 ? methods : members)].filter((n) => !n.startsWith('__')).sort();
  return {
    property,
    typeText: checker.typeToString(receiverType),
    declaredAt,
    repoDeclared: repoDeclared && declaredAt !== null,
    suggestion,
    members: shown.length <= 8 ? shown : [],
    isCall,
    uncertain: parts.some((p) => hasUnknownAncestry(checker, p, 0)),
  };
}

/** True when a class or interface (or one of its ancestors) extends something whose type did not resolve. */
function hasUnknownAncestry(checker: ts.TypeChecker, type: ts.Type, depth: number): boolean {
  if (depth > 12) return true;
  for (const decl of type.getSymbol()?.getDeclarations() ?? []) {
    if (!ts.isClassLike(decl) && !ts.isInterfaceDeclaration(decl)) continue;
    for (const clause of decl.heritageClauses ?? []) {
      for (const t of clause.types) {
        const value = checker.getTypeAtLocation(t.expression);
        if (value.flags & (ts.TypeFlags.Any | ts.TypeFlags.Unknown)) return true;
        const instance = checker.getTypeAtLocation(t);
        if (instance.flags & (ts.TypeFlags.Any | ts.TypeFlags.Unknown)) return true;
        if (hasUnknownAncestry(checker, instance, depth + 1)) return true;
      }
    }
  }
  return false;
}
