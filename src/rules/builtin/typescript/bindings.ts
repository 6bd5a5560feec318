/**
 * What a name means in one file, from its syntax tree: imported from which
 * module (ES import, `import x = require`, `const x = require(…)` and its
 * destructured form), or declared locally (so a global such as `fetch` is
 * shadowed). Scope-insensitive on purpose: a name declared anywhere in the
 * file counts as declared, which can only make the rules quieter.
 */
import { ts } from 'ts-morph';
import { lineOfOffset as lineAt, lineStarts } from '../../../repo/text.js';

export interface ImportBinding {
  module: string;
  /** `default`, `*` (namespace or whole `require`), or the imported name. */
  imported: string;
}

export interface FileBindings {
  imports: Map<string, ImportBinding>;
  /** Names declared by the file itself (variables, functions, classes, parameters), imports excluded. */
  declared: Set<string>;
}

function requireCall(node: ts.Expression | undefined): string | null {
  let n = node;
  while (n && (ts.isParenthesizedExpression(n) || ts.isAwaitExpression(n))) n = n.expression;
  if (!n || !ts.isCallExpression(n) || n.arguments.length !== 1) return null;
  const arg = n.arguments[0]!;
  const isRequire = ts.isIdentifier(n.expression) && n.expression.text === 'require';
  const isImport = n.expression.kind === ts.SyntaxKind.ImportKeyword;
  return (isRequire || isImport) && ts.isStringLiteralLike(arg) ? arg.text : null;
}

function addBindingNames(name: ts.BindingName, out: Set<string>): void {
  if (ts.isIdentifier(name)) out.add(name.text);
  else for (const el of name.elements) if (ts.isBindingElement(el)) addBindingNames(el.name, out);
}

export function fileBindings(sf: ts.SourceFile): FileBindings {
  const imports = new Map<string, ImportBinding>();
  const declared = new Set<string>();
  const stack: ts.Node[] = [sf];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (ts.isImportDeclaration(node) && ts.isStringLiteral(node.moduleSpecifier)) {
      const module = node.moduleSpecifier.text;
      const clause = node.importClause;
      if (clause?.name) imports.set(clause.name.text, { module, imported: 'default' });
      const nb = clause?.namedBindings;
      if (nb && ts.isNamespaceImport(nb)) imports.set(nb.name.text, { module, imported: '*' });
      else if (nb) for (const el of nb.elements) imports.set(el.name.text, { module, imported: (el.propertyName ?? el.name).text });
      continue;
    }
    if (ts.isImportEqualsDeclaration(node)) {
      const ref = node.moduleReference;
      if (ts.isExternalModuleReference(ref) && ts.isStringLiteralLike(ref.expression)) {
        imports.set(node.name.text, { module: ref.expression.text, imported: '*' });
      } else declared.add(node.name.text);
      continue;
    }
    if (ts.isVariableDeclaration(node)) {
      const module = requireCall(node.initializer);
      if (module !== null && ts.isIdentifier(node.name)) imports.set(node.name.text, { module, imported: '*' });
      else if (module !== null && ts.isObjectBindingPattern(node.name)) {
        for (const el of node.name.elements) {
          if (el.dotDotDotToken || !ts.isIdentifier(el.name)) continue;
          const prop = el.propertyName && (ts.isIdentifier(el.propertyName) || ts.isStringLiteral(el.propertyName)) ? el.propertyName.text : el.name.text;
          imports.set(el.name.text, { module, imported: prop });
        }
      } else if (
        node.initializer &&
        ts.isPropertyAccessExpression(node.initializer) &&
        ts.isIdentifier(node.name) &&
        requireCall(node.initializer.expression) !== null
      ) {
        // const x = require('m').y
        imports.set(node.name.text, { module: requireCall(node.initializer.expression)!, imported: node.initializer.name.text });
      } else addBindingNames(node.name, declared);
    } else if (ts.isParameter(node) || ts.isBindingElement(node)) {
      if (ts.isIdentifier(node.name)) declared.add(node.name.text);
    } else if ((ts.isFunctionDeclaration(node) || ts.isClassDeclaration(node) || ts.isFunctionExpression(node) || ts.isClassExpression(node)) && node.name) {
      declared.add(node.name.text);
    } else if (ts.isEnumDeclaration(node) || ts.isModuleDeclaration(node)) {
      if (ts.isIdentifier(node.name)) declared.add(node.name.text);
    }
    ts.forEachChild(node, (c) => {
      stack.push(c);
    });
  }
  return { imports, declared };
}

/** Strips parentheses, type assertions and `!` around an expression. */
export function unwrap(node: ts.Expression): ts.Expression {
  let n = node;
  while (ts.isParenthesizedExpression(n) || ts.isAsExpression(n) || ts.isNonNullExpression(n) || ts.isTypeAssertionExpression(n) || ts.isSatisfiesExpression(n)) {
    n = n.expression;
  }
  return n;
}

/** Property names of an object literal, and whether a spread may add others. */
export function literalKeys(obj: ts.ObjectLiteralExpression): { keys: Map<string, ts.Node>; spread: boolean } {
  const keys = new Map<string, ts.Node>();
  let spread = false;
  for (const p of obj.properties) {
    if (ts.isSpreadAssignment(p)) spread = true;
    else if (p.name && (ts.isIdentifier(p.name) || ts.isStringLiteral(p.name))) keys.set(p.name.text, p);
    else spread = true; // a computed key may be anything
  }
  return { keys, spread };
}

/** Visits every call (and `new`) expression of a file. */
export function forEachCall(sf: ts.SourceFile, visit: (call: ts.CallExpression) => void): void {
  const stack: ts.Node[] = [sf];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (ts.isCallExpression(node)) visit(node);
    ts.forEachChild(node, (c) => {
      stack.push(c);
    });
  }
}

const starts = new WeakMap<ts.SourceFile, number[]>();

/** 1-based line of a node's start, counting `\n` only (the repository's convention). */
export function lineOfNode(sf: ts.SourceFile, node: ts.Node): number {
  let s = starts.get(sf);
  if (!s) starts.set(sf, (s = lineStarts(sf.text)));
  return lineAt(s, node.getStart(sf));
}
