/**
 * Whether a type error rests on a module that did not resolve.
 *
 * When a package the repository declares is not installed on the audit
 * machine, TypeScript binds every name imported from it to its error type
 * (an `any` that reports nothing itself). What flows from those names is
 * not `any` everywhere, though: `Array.from(x)` of it is `unknown[]`, an
 * interface that extends `React.HTMLAttributes<…>` silently loses every
 * inherited member, a catch variable narrowed by `instanceof` an unresolved
 * class stays `unknown`. Each shows up as an ordinary type error (TS2322,
 * TS2345, TS18046…) that a clean install would not report.
 *
 * Shorthand ambient modules (`declare module 'react';`) do not help: TypeScript
 * then reports namespace members and type arguments of the untyped module
 * (TS2694, TS2347) instead. So the modules stay unresolved, and a
 * diagnostic is traced back instead: from the expression, declaration or
 * JSX element it is reported on, through the declarations of the names used
 * there (a variable's type or initializer, a parameter's annotation or the
 * call that gives it its type, an interface's bases and members, a
 * function's signature), to an import whose module did not resolve. A
 * diagnostic that reaches one is about types nobody on this machine knows.
 */
import { ts } from 'ts-morph';

/** Nodes visited per question; past it the answer is "unknown", which counts as reaching an unresolved import. */
const NODE_BUDGET = 20_000;

export class UnresolvedTrace {
  private readonly memo = new Map<ts.Node, boolean>();
  private readonly open = new Set<ts.Node>();
  private budget = NODE_BUDGET;

  constructor(
    private readonly checker: ts.TypeChecker,
    /** True for a file of the repository (not a library, not `node_modules`). */
    private readonly isRepoFile: (sf: ts.SourceFile) => boolean,
  ) {}

  /** True when what the diagnostic at `start`..`start + length` of `sf` is about depends on an unresolved import. */
  reachesUnresolved(sf: ts.SourceFile, start: number, length: number): boolean {
    const node = nodeSpanning(sf, start, start + Math.max(length, 0));
    if (!node) return false;
    this.budget = NODE_BUDGET;
    for (const root of [...scopeOf(node), ...narrowingsOf(node)]) if (this.walk(root)) return true;
    return this.budget <= 0;
  }

  /** Every name used under `node`, resolved and followed to its declaration. */
  private walk(node: ts.Node): boolean {
    if (--this.budget <= 0) return true;
    if (ts.isIdentifier(node)) return this.identifier(node);
    if (isFunctionLike(node)) return this.parts(signatureParts(node));
    let hit = false;
    ts.forEachChild(node, (child) => {
      if (!hit && this.walk(child)) hit = true;
    });
    return hit;
  }

  private parts(nodes: (ts.Node | undefined)[]): boolean {
    for (const n of nodes) if (n && this.walk(n)) return true;
    return false;
  }

  private identifier(id: ts.Identifier): boolean {
    const checker = this.checker;
    let sym: ts.Symbol | undefined;
    if (ts.isShorthandPropertyAssignment(id.parent) && id.parent.name === id) sym = checker.getShorthandAssignmentValueSymbol(id.parent);
    else sym = checker.getSymbolAtLocation(id);
    if (!sym) return false;
    if (sym.flags & ts.SymbolFlags.Alias) {
      for (const decl of sym.declarations ?? []) {
        const spec = moduleSpecifierOf(decl);
        if (spec && checker.getSymbolAtLocation(spec) === undefined) return true;
      }
      const target = checker.getAliasedSymbol(sym);
      if (!target || target === sym) return false;
      sym = target;
    }
    for (const decl of sym.declarations ?? []) if (this.declaration(decl)) return true;
    return false;
  }

  private declaration(decl: ts.Declaration): boolean {
    if (!this.isRepoFile(decl.getSourceFile())) return false;
    const known = this.memo.get(decl);
    if (known !== undefined) return known;
    if (this.open.has(decl)) return false;
    this.open.add(decl);
    const result = this.parts(declarationParts(decl));
    this.open.delete(decl);
    // An answer cut short by the budget holds for this question only.
    if (this.budget > 0) this.memo.set(decl, result);
    return result;
  }
}

/** The smallest node that covers the whole span. */
function nodeSpanning(sf: ts.SourceFile, start: number, end: number): ts.Node | undefined {
  let found: ts.Node | undefined;
  const visit = (n: ts.Node): void => {
    if (n.getStart(sf) <= start && n.getEnd() >= end) {
      found = n;
      ts.forEachChild(n, visit);
    }
  };
  ts.forEachChild(sf, visit);
  return found;
}

/**
 * Where the types of a diagnostic come from: the node itself, and the
 * construct that relates it to another type (the call whose parameter it is
 * passed to, the JSX element whose props it sets, the declaration whose type
 * it must match, the function whose return type it must have).
 */
function scopeOf(node: ts.Node): ts.Node[] {
  const roots: ts.Node[] = [node];
  for (let n: ts.Node | undefined = node; n && !ts.isSourceFile(n); n = n.parent) {
    if (ts.isJsxOpeningElement(n) || ts.isJsxSelfClosingElement(n)) return [...roots, n.tagName, n.attributes];
    if (ts.isCallExpression(n) || ts.isNewExpression(n) || ts.isDecorator(n) || ts.isTaggedTemplateExpression(n)) return [...roots, n];
    if (ts.isVariableDeclaration(n) || ts.isPropertyDeclaration(n) || ts.isParameter(n)) return [...roots, n];
    if (ts.isBinaryExpression(n) && n.operatorToken.kind >= ts.SyntaxKind.FirstAssignment && n.operatorToken.kind <= ts.SyntaxKind.LastAssignment) {
      return [...roots, n];
    }
    if (ts.isReturnStatement(n)) {
      const fn = ts.findAncestor(n, isFunctionLike);
      return [...roots, n, ...(fn?.type ? [fn.type] : [])];
    }
    if (isFunctionLike(n)) return [...roots, ...signatureParts(n)];
    if (ts.isStatement(n) && !ts.isBlock(n)) return [...roots, n];
  }
  return roots;
}

/**
 * The conditions that narrow names at the node, up to its function: an
 * `if`, a `?:` or a `&&`/`||` guarding it, and an earlier `if` that leaves
 * (`if (!isScalar(x)) return null;`). A type guard from an unresolved
 * module (`axios.isAxiosError(e)`, `e instanceof HTTPError`) narrows nothing.
 */
function narrowingsOf(node: ts.Node): ts.Node[] {
  const out: ts.Node[] = [];
  let child = node;
  for (let n: ts.Node | undefined = node.parent; n && !ts.isSourceFile(n) && !isFunctionLike(n); child = n, n = n.parent) {
    if (ts.isBlock(n) || ts.isCaseClause(n) || ts.isDefaultClause(n)) {
      for (const st of n.statements) {
        if (st === child) break;
        if (ts.isIfStatement(st) && !st.elseStatement && exits(st.thenStatement)) out.push(st.expression);
      }
    }
    if (ts.isIfStatement(n) && child !== n.expression) out.push(n.expression);
    else if (ts.isConditionalExpression(n) && child !== n.condition) out.push(n.condition);
    else if (ts.isBinaryExpression(n) && child === n.right) {
      const op = n.operatorToken.kind;
      if (op === ts.SyntaxKind.AmpersandAmpersandToken || op === ts.SyntaxKind.BarBarToken) out.push(n.left);
    }
  }
  return out;
}

/** A statement that always leaves its block: return, throw, break, continue, or a block ending in one. */
function exits(st: ts.Statement): boolean {
  if (ts.isBlock(st)) return st.statements.length > 0 && exits(st.statements[st.statements.length - 1]!);
  return ts.isReturnStatement(st) || ts.isThrowStatement(st) || ts.isBreakStatement(st) || ts.isContinueStatement(st);
}

type FunctionLike = ts.FunctionLikeDeclaration;

function isFunctionLike(n: ts.Node): n is FunctionLike {
  return (
    ts.isFunctionDeclaration(n) ||
    ts.isFunctionExpression(n) ||
    ts.isArrowFunction(n) ||
    ts.isMethodDeclaration(n) ||
    ts.isConstructorDeclaration(n) ||
    ts.isGetAccessorDeclaration(n) ||
    ts.isSetAccessorDeclaration(n)
  );
}

/**
 * What decides a function's type: its parameters and its return type, or,
 * without an annotation, what it returns. The rest of its body does not.
 */
function signatureParts(fn: FunctionLike): ts.Node[] {
  const out: ts.Node[] = [...fn.parameters, ...(fn.typeParameters ?? [])];
  if (fn.type) out.push(fn.type);
  else if (fn.body && !ts.isBlock(fn.body)) out.push(fn.body);
  else if (fn.body) collectReturns(fn.body, out);
  return out;
}

function collectReturns(node: ts.Node, out: ts.Node[]): void {
  ts.forEachChild(node, (child) => {
    if (isFunctionLike(child) || ts.isClassLike(child)) return;
    if (ts.isReturnStatement(child)) {
      if (child.expression) out.push(child.expression);
    } else collectReturns(child, out);
  });
}

/** The parts of a declaration its type comes from. */
function declarationParts(decl: ts.Declaration): (ts.Node | undefined)[] {
  if (ts.isVariableDeclaration(decl)) {
    if (decl.type || decl.initializer) return [decl.type ?? decl.initializer];
    // `for (const x of xs)`: the element type comes from the iterated expression.
    const loop = decl.parent.parent;
    if (ts.isForOfStatement(loop) || ts.isForInStatement(loop)) return [loop.expression];
    return [];
  }
  if (ts.isBindingElement(decl)) {
    let root: ts.Node = decl;
    while (ts.isBindingElement(root) || ts.isObjectBindingPattern(root) || ts.isArrayBindingPattern(root)) root = root.parent;
    return [decl.initializer, ...(ts.isVariableDeclaration(root) || ts.isParameter(root) ? declarationParts(root) : [])];
  }
  if (ts.isParameter(decl)) {
    if (decl.type) return [decl.type];
    if (decl.initializer) return [decl.initializer];
    return contextualSource(decl.parent);
  }
  if (isFunctionLike(decl)) return signatureParts(decl);
  if (ts.isClassLike(decl)) {
    const out: ts.Node[] = [...(decl.heritageClauses ?? [])];
    for (const m of decl.members) {
      if (ts.isPropertyDeclaration(m)) out.push(m.type ?? m.initializer ?? m);
      else if (isFunctionLike(m)) out.push(...signatureParts(m));
    }
    return out;
  }
  if (ts.isInterfaceDeclaration(decl) || ts.isTypeAliasDeclaration(decl) || ts.isTypeLiteralNode(decl)) return [decl];
  if (ts.isPropertySignature(decl)) return [decl.type];
  if (ts.isPropertyDeclaration(decl)) return [decl.type ?? decl.initializer];
  if (ts.isMethodSignature(decl)) return [...decl.parameters, decl.type];
  if (ts.isPropertyAssignment(decl)) return [decl.initializer];
  if (ts.isShorthandPropertyAssignment(decl)) return [decl.name];
  return [];
}

/**
 * Where an unannotated parameter's type comes from: the call its function is
 * an argument of, the JSX element whose attribute it is, the annotated
 * variable it is assigned to.
 */
function contextualSource(fn: ts.Node): ts.Node[] {
  let n: ts.Node = fn;
  for (let p = n.parent; p; n = p, p = p.parent) {
    if (ts.isCallExpression(p) || ts.isNewExpression(p)) return p.expression === n ? [] : [p.expression];
    if (ts.isJsxOpeningElement(p) || ts.isJsxSelfClosingElement(p)) return [p.tagName];
    if (ts.isVariableDeclaration(p) || ts.isPropertyDeclaration(p) || ts.isParameter(p)) return p.type ? [p.type] : [];
    if (ts.isReturnStatement(p)) return ts.findAncestor(p, isFunctionLike)?.type ? [ts.findAncestor(p, isFunctionLike)!.type!] : [];
    const passThrough =
      ts.isParenthesizedExpression(p) ||
      ts.isPropertyAssignment(p) ||
      ts.isObjectLiteralExpression(p) ||
      ts.isArrayLiteralExpression(p) ||
      ts.isJsxExpression(p) ||
      ts.isJsxAttribute(p) ||
      ts.isJsxAttributes(p) ||
      ts.isConditionalExpression(p) ||
      ts.isAsExpression(p) ||
      ts.isSatisfiesExpression(p);
    if (!passThrough) return [];
  }
  return [];
}

/** The module specifier of an import-bound name's declaration. */
function moduleSpecifierOf(decl: ts.Declaration): ts.Expression | undefined {
  if (ts.isImportEqualsDeclaration(decl)) {
    return ts.isExternalModuleReference(decl.moduleReference) ? decl.moduleReference.expression : undefined;
  }
  const imp = ts.findAncestor(decl, (n) => ts.isImportDeclaration(n) || ts.isExportDeclaration(n) || ts.isSourceFile(n));
  if (imp && (ts.isImportDeclaration(imp) || ts.isExportDeclaration(imp))) return imp.moduleSpecifier;
  return undefined;
}
