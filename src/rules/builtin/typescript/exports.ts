/**
 * What a local module exports, read from its syntax tree alone: ES module
 * exports, TypeScript's exported declarations, and CommonJS exports where the
 * code makes them statically clear (`exports.x =`, `module.exports = {…}`,
 * `Object.defineProperty(exports, 'x', …)`). Anything else that touches
 * `exports` or `module.exports` (a UMD wrapper, `Object.assign`, a computed
 * key, `module.exports = factory()`) makes the table "open": its names are
 * not known and no import from it is judged.
 */
import { ts } from 'ts-morph';
import type { RepoSnapshot } from '../../../repo/snapshot.js';
import { isRelativeSpecifier, resolveRelative } from './resolve.js';

export interface ExportTable {
  /** Exported names, `default` included when there is a default export. */
  names: Set<string>;
  /** True when the module's exports cannot be listed statically. */
  open: boolean;
  /** Why the table is open (for tests and debugging). */
  openReason?: string;
  /** Specifiers of `export * from '…'`. */
  stars: string[];
  /** The module uses ES module syntax (import/export statements). */
  esm: boolean;
  /** The module assigns CommonJS exports. */
  cjs: boolean;
}

function hasModifier(node: ts.Node, kind: ts.SyntaxKind): boolean {
  const mods = ts.canHaveModifiers(node) ? ts.getModifiers(node) : undefined;
  return mods !== undefined && mods.some((m) => m.kind === kind);
}

function bindingNames(name: ts.BindingName, out: Set<string>): void {
  if (ts.isIdentifier(name)) out.add(name.text);
  else for (const el of name.elements) if (ts.isBindingElement(el)) bindingNames(el.name, out);
}

function isIdent(node: ts.Node, text: string): node is ts.Identifier {
  return ts.isIdentifier(node) && node.text === text;
}

/** `module.exports` */
function isModuleExports(node: ts.Node): boolean {
  return ts.isPropertyAccessExpression(node) && isIdent(node.expression, 'module') && node.name.text === 'exports';
}

function stripParens(node: ts.Expression): ts.Expression {
  let n = node;
  while (ts.isParenthesizedExpression(n) || ts.isAsExpression(n) || ts.isSatisfiesExpression(n)) n = n.expression;
  return n;
}

/** Reads the export table of one parsed file. */
export function exportTableOf(sf: ts.SourceFile): ExportTable {
  const t: ExportTable = { names: new Set(), open: false, stars: [], esm: false, cjs: false };
  const open = (why: string) => {
    if (!t.open) {
      t.open = true;
      t.openReason = why;
    }
  };

  for (const st of sf.statements) {
    if (ts.isImportDeclaration(st) || ts.isImportEqualsDeclaration(st)) {
      t.esm ||= ts.isImportDeclaration(st);
      if (ts.isImportEqualsDeclaration(st) && hasModifier(st, ts.SyntaxKind.ExportKeyword)) {
        t.esm = true;
        t.names.add(st.name.text);
      }
      continue;
    }
    if (ts.isExportDeclaration(st)) {
      t.esm = true;
      const clause = st.exportClause;
      if (!clause) {
        if (st.moduleSpecifier && ts.isStringLiteral(st.moduleSpecifier)) t.stars.push(st.moduleSpecifier.text);
        else open('export * without a literal specifier');
      } else if (ts.isNamespaceExport(clause)) {
        t.names.add(clause.name.text);
      } else {
        for (const el of clause.elements) t.names.add(el.name.text);
      }
      continue;
    }
    if (ts.isExportAssignment(st)) {
      t.esm = true;
      if (st.isExportEquals) open('export =');
      else t.names.add('default');
      continue;
    }
    if (ts.isNamespaceExportDeclaration(st)) continue; // `export as namespace X` (UMD typings)
    if (!hasModifier(st, ts.SyntaxKind.ExportKeyword)) {
      // `declare module 'x' {}` / `declare global {}` do not export from this file.
      continue;
    }
    t.esm = true;
    if (hasModifier(st, ts.SyntaxKind.DefaultKeyword)) {
      t.names.add('default');
      continue;
    }
    if (ts.isVariableStatement(st)) {
      for (const d of st.declarationList.declarations) bindingNames(d.name, t.names);
    } else if (
      ts.isFunctionDeclaration(st) ||
      ts.isClassDeclaration(st) ||
      ts.isInterfaceDeclaration(st) ||
      ts.isTypeAliasDeclaration(st) ||
      ts.isEnumDeclaration(st)
    ) {
      if (st.name) t.names.add(st.name.text);
    } else if (ts.isModuleDeclaration(st)) {
      if (ts.isIdentifier(st.name)) t.names.add(st.name.text);
    }
  }

  scanCommonJs(sf, t, open);
  if (!t.esm && !t.cjs && !t.open) open('neither ES module exports nor CommonJS exports (a script, or exports made dynamically)');
  return t;
}

/** Finds CommonJS export assignments anywhere in the file; any other use of the exports object opens the table. */
function scanCommonJs(sf: ts.SourceFile, t: ExportTable, open: (why: string) => void): void {
  const stack: ts.Node[] = [sf];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (ts.isIdentifier(node)) {
      if (node.text === 'exports' || node.text === 'define') classifyUse(node, t, open);
      continue;
    }
    ts.forEachChild(node, (c) => {
      stack.push(c);
    });
  }
}

function classifyUse(id: ts.Identifier, t: ExportTable, open: (why: string) => void): void {
  const parent = id.parent;
  // A property name (`x.exports`, `{ exports: … }`) or a declaration's name is not the free variable…
  if (ts.isPropertyAccessExpression(parent) && parent.name === id) {
    if (!isModuleExports(parent)) return;
    classifyExportsObject(parent, t, open);
    return;
  }
  if ((ts.isPropertyAssignment(parent) || ts.isMethodDeclaration(parent) || ts.isPropertyDeclaration(parent)) && parent.name === id) return;
  if (ts.isQualifiedName(parent) || ts.isImportSpecifier(parent) || ts.isExportSpecifier(parent)) return;
  if (id.text === 'define') {
    if (ts.isCallExpression(parent) && parent.expression === id) open('AMD define()');
    return;
  }
  // …but a local binding named `exports` (a UMD wrapper's parameter) makes every use ambiguous.
  classifyExportsObject(id, t, open);
}

/** `node` is `exports` or `module.exports`: what is done with it? */
function classifyExportsObject(node: ts.Expression, t: ExportTable, open: (why: string) => void): void {
  const parent = node.parent;
  // exports.x / module.exports.x
  if (ts.isPropertyAccessExpression(parent) && parent.expression === node) {
    const gp = parent.parent;
    if (ts.isBinaryExpression(gp) && gp.left === parent && gp.operatorToken.kind === ts.SyntaxKind.EqualsToken) {
      t.cjs = true;
      t.names.add(parent.name.text);
    }
    // Reading `exports.x` exports nothing.
    return;
  }
  // exports['x'] = …
  if (ts.isElementAccessExpression(parent) && parent.expression === node) {
    const gp = parent.parent;
    const isWrite = ts.isBinaryExpression(gp) && gp.left === parent && gp.operatorToken.kind === ts.SyntaxKind.EqualsToken;
    if (!isWrite) return;
    if (ts.isStringLiteralLike(parent.argumentExpression)) {
      t.cjs = true;
      t.names.add(parent.argumentExpression.text);
    } else open('exports[computed] = …');
    return;
  }
  // module.exports = …
  if (ts.isBinaryExpression(parent) && parent.left === node && parent.operatorToken.kind === ts.SyntaxKind.EqualsToken) {
    t.cjs = true;
    if (!isModuleExports(node)) {
      open('exports = … (rebinding the exports variable)');
      return;
    }
    const value = stripParens(parent.right);
    if (!ts.isObjectLiteralExpression(value)) {
      open('module.exports = a value whose members are not listed');
      return;
    }
    t.names.add('default');
    for (const p of value.properties) {
      if (ts.isSpreadAssignment(p)) open('module.exports = { ...spread }');
      else if (p.name && (ts.isIdentifier(p.name) || ts.isStringLiteral(p.name) || ts.isNumericLiteral(p.name))) t.names.add(p.name.text);
      else open('module.exports = { [computed]: … }');
    }
    return;
  }
  // Object.defineProperty(exports, 'x', …)
  if (ts.isCallExpression(parent) && parent.arguments[0] === node) {
    const callee = parent.expression;
    const isDefine =
      ts.isPropertyAccessExpression(callee) && isIdent(callee.expression, 'Object') && callee.name.text === 'defineProperty';
    const key = parent.arguments[1];
    if (isDefine && key && ts.isStringLiteralLike(key)) {
      t.cjs = true;
      if (key.text !== '__esModule') t.names.add(key.text);
      return;
    }
  }
  // `typeof exports`, `exports === undefined`: feature tests of a UMD wrapper.
  open('the exports object is used in a way that is not a plain assignment');
}

const MAX_STAR_DEPTH = 20;

/**
 * Export tables of repository files, parsed once per audit, with `export *`
 * from local modules followed. A star from a package or an unresolvable
 * module opens the table.
 */
export class ExportIndex {
  private readonly tables = new Map<string, ExportTable | null>();
  private readonly full = new Map<string, ExportTable | null>();

  constructor(private readonly snapshot: RepoSnapshot) {}

  /** The file's own table (stars not followed), or null when it cannot be read or parsed as code. */
  own(path: string): ExportTable | null {
    if (this.tables.has(path)) return this.tables.get(path)!;
    let table: ExportTable | null = null;
    const kind = scriptKind(path);
    if (kind !== null) {
      const r = this.snapshot.read(path);
      if (r.ok) table = exportTableOf(ts.createSourceFile(path, r.text, ts.ScriptTarget.Latest, true, kind));
    }
    this.tables.set(path, table);
    return table;
  }

  /** The file's exports with local `export *` followed; open when anything along the way is. */
  exportsOf(path: string, depth = 0): ExportTable | null {
    if (this.full.has(path)) return this.full.get(path)!;
    const own = this.own(path);
    if (!own) {
      this.full.set(path, null);
      return null;
    }
    if (own.stars.length === 0) {
      this.full.set(path, own);
      return own;
    }
    // Mark in progress so a cycle of `export *` ends (TypeScript merges cycles the same way).
    const merged: ExportTable = { ...own, names: new Set(own.names), stars: [] };
    this.full.set(path, merged);
    for (const spec of own.stars) {
      if (depth >= MAX_STAR_DEPTH || !isRelativeSpecifier(spec)) {
        merged.open = true;
        merged.openReason = `export * from '${spec}'`;
        continue;
      }
      const r = resolveRelative(this.snapshot, path, spec);
      if (r.kind !== 'found') {
        merged.open = true;
        merged.openReason = `export * from '${spec}' (not resolved)`;
        continue;
      }
      for (const target of r.paths) {
        const sub = this.exportsOf(target, depth + 1);
        if (!sub || sub.open) {
          merged.open = true;
          merged.openReason = `export * from '${spec}' (${sub?.openReason ?? 'unreadable'})`;
          continue;
        }
        for (const n of sub.names) if (n !== 'default') merged.names.add(n);
      }
    }
    return merged;
  }
}

function scriptKind(path: string): ts.ScriptKind | null {
  const lower = path.toLowerCase();
  if (lower.endsWith('.tsx')) return ts.ScriptKind.TSX;
  if (/\.(d\.)?[mc]?ts$/.test(lower)) return ts.ScriptKind.TS;
  if (lower.endsWith('.jsx')) return ts.ScriptKind.JSX;
  if (/\.[mc]?js$/.test(lower)) return ts.ScriptKind.JS;
  return null;
}
