/**
 * TypeScript/JavaScript model builder. Parses one file with the compiler's
 * own parser (`ts.createSourceFile`, no Project and no type checker: per-file
 * parsing must stay fast) and reads the SourceModel off the syntax tree in a
 * single iterative walk; recursion would overflow on the deeply nested
 * expressions that generated bundles contain.
 *
 * Conventions other stages rely on:
 * - Lines count only `\n` as a line break (as repo/text.ts does), so a
 *   U+2028 or a lone `\r` inside a string does not shift later line numbers;
 *   columns are 1-based UTF-16 offsets within the line.
 * - Call callee text is rebuilt from the syntax tree: `?.` and `!` are
 *   dropped, whitespace inside member chains is removed, type assertions are
 *   unwrapped, and the bundler idiom `(0, m.f)(…)` is read as `m.f`.
 * - Call arguments: every argument once with keyword null, in order; right
 *   after an object-literal argument, one entry per property with keyword =
 *   property name (shorthand `{ signal }` gives `signal`), a spread property
 *   gives keyword `...`, a computed key its bracketed text.
 */
import { ts } from 'ts-morph';
import type { Language } from '../repo/languages.js';
import { lineOfOffset } from '../repo/text.js';
import type {
  AssignmentInfo,
  CallArgument,
  CallInfo,
  CommentInfo,
  FunctionBody,
  ImportInfo,
  ImportedName,
  Range,
  SourceModel,
  StringLiteralInfo,
  SymbolInfo,
  SymbolKind,
  SyntaxErrorInfo,
} from './model.js';

/** The compiler's syntax tree of one file, handed to per-file tree rules. */
export type TsSourceFile = ts.SourceFile;

const MAX_TEXT = 200;
/** Bound on the few recursive reads (callee chains, nested literals): generated code nests deeper than any hand-written call or placeholder. */
const MAX_DEPTH = 64;

function clip(text: string): string {
  return text.length > MAX_TEXT ? text.slice(0, MAX_TEXT) + '…' : text;
}

function scriptKindOf(path: string, language: 'typescript' | 'javascript'): ts.ScriptKind {
  const dot = path.lastIndexOf('.');
  const ext = dot >= 0 && dot > path.lastIndexOf('/') ? path.slice(dot).toLowerCase() : '';
  switch (ext) {
    case '.tsx':
      return ts.ScriptKind.TSX;
    case '.jsx':
      return ts.ScriptKind.JSX;
    case '.ts':
    case '.mts':
    case '.cts':
      return ts.ScriptKind.TS;
    case '.js':
    case '.mjs':
    case '.cjs':
      return ts.ScriptKind.JS;
    default:
      return language === 'typescript' ? ts.ScriptKind.TS : ts.ScriptKind.JS;
  }
}

/** Offsets of line starts, breaking on `\n` only (the repository's line convention). */
function lineStartsOf(text: string): number[] {
  const starts = [0];
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return starts;
}

/** A stack frame of the walk: a named scope (namespace, class, interface, enum, named function). */
interface Frame {
  /** Members of this scope are exported when this scope is (class, interface, enum). */
  exported: boolean;
  /** For a class scope, the class node: its own methods and properties become symbols. */
  classNode: ts.ClassLikeDeclaration | null;
  /** Dotted path of this scope (`N.Class.method`): the container of what it holds. */
  path: string;
  /**
   * Dotted path of the innermost enclosing class or function, this one
   * included, or null: namespaces, interfaces and enums prefix names but
   * do not enclose calls.
   */
  enclosing: string | null;
}

/** Where a function expression or arrow got its name from. */
interface FunctionContext {
  name: string;
  kind: SymbolKind;
  /** The node whose range the symbol spans (statement, declaration, property). */
  rangeNode: ts.Node;
  /** The node whose leading comments hold its doc comment. */
  docNode: ts.Node;
  nameNode: ts.Node | Range;
  exported: boolean;
}

/** What the walk does at a node, by syntax kind (a table: the SyntaxKind enum object is slow to read per node). */
const enum Visit {
  None,
  Class,
  Interface,
  TypeAlias,
  Enum,
  Module,
  FunctionDeclaration,
  FunctionExpression,
  Method,
  Property,
  Variable,
  Import,
  ReExport,
  ImportEquals,
  Call,
  Binary,
  StringLike,
  Opaque,
}

const VISIT = ((): Uint8Array => {
  const K = ts.SyntaxKind;
  const kinds = Object.values(K).filter((v): v is number => typeof v === 'number');
  const table = new Uint8Array(Math.max(...kinds) + 1);
  const set = (v: Visit, ...ks: ts.SyntaxKind[]): void => {
    for (const k of ks) table[k] = v;
  };
  set(Visit.Class, K.ClassDeclaration, K.ClassExpression);
  set(Visit.Interface, K.InterfaceDeclaration);
  set(Visit.TypeAlias, K.TypeAliasDeclaration);
  set(Visit.Enum, K.EnumDeclaration);
  set(Visit.Module, K.ModuleDeclaration);
  set(Visit.FunctionDeclaration, K.FunctionDeclaration);
  set(Visit.FunctionExpression, K.FunctionExpression, K.ArrowFunction);
  set(Visit.Method, K.MethodDeclaration, K.Constructor, K.GetAccessor, K.SetAccessor);
  set(Visit.Property, K.PropertyDeclaration);
  set(Visit.Variable, K.VariableDeclaration);
  set(Visit.Import, K.ImportDeclaration);
  set(Visit.ReExport, K.ExportDeclaration);
  set(Visit.ImportEquals, K.ImportEqualsDeclaration);
  set(Visit.Call, K.CallExpression, K.NewExpression);
  set(Visit.Binary, K.BinaryExpression);
  set(Visit.StringLike, K.StringLiteral, K.NoSubstitutionTemplateLiteral, K.TemplateHead, K.TemplateMiddle, K.TemplateTail);
  set(Visit.Opaque, K.RegularExpressionLiteral, K.JsxText);
  return table;
})();

const EQUALS_TOKEN = ts.SyntaxKind.EqualsToken;
const DECORATOR = ts.SyntaxKind.Decorator;

const NOT_IMPLEMENTED = /not[\s_-]*(yet[\s_-]*)?implemented|unimplemented|\btodo\b/i;
const NOT_IMPLEMENTED_CLASS = /notimplemented|unimplemented/i;

/** Parses one TS/JS file into the uniform model, keeping the compiler's tree for tree rules. */
export function parseTypeScript(
  path: string,
  text: string,
  language: 'typescript' | 'javascript',
  lineCount: number,
): { model: SourceModel; sourceFile: ts.SourceFile } {
  const sourceFile = ts.createSourceFile(path, text, ts.ScriptTarget.Latest, true, scriptKindOf(path, language));
  const builder = new ModelBuilder(path, text, language, lineCount, sourceFile);
  return { model: builder.build(), sourceFile };
}

class ModelBuilder {
  private readonly lineStarts: number[];
  private readonly symbols: SymbolInfo[] = [];
  private readonly imports: ImportInfo[] = [];
  private readonly calls: CallInfo[] = [];
  private readonly assignments: AssignmentInfo[] = [];
  private readonly strings: StringLiteralInfo[] = [];
  /** Start/end offset pairs of tokens whose text is not code (strings, templates, regexes, JSX text). */
  private readonly opaque: number[] = [];
  private readonly frames: Frame[] = [];
  /** Number of function-like nodes (named or not) around the current node. */
  private functionDepth = 0;
  /** Top-level names exported by an export list, `export default x` or CommonJS. */
  private readonly exportedNames = new Set<string>();

  constructor(
    private readonly path: string,
    private readonly text: string,
    private readonly language: Language,
    private readonly lineCount: number,
    private readonly sf: ts.SourceFile,
  ) {
    this.lineStarts = lineStartsOf(text);
  }

  build(): SourceModel {
    this.collectExportedNames();
    this.walk();
    return {
      path: this.path,
      language: this.language,
      lineCount: this.lineCount,
      symbols: byPosition(this.symbols),
      imports: byPosition(this.imports),
      calls: byPosition(this.calls),
      assignments: byPosition(this.assignments),
      comments: this.collectComments(),
      strings: byPosition(this.strings),
      syntaxErrors: this.collectSyntaxErrors(),
      packageName: null,
    };
  }

  // ---- positions and text -------------------------------------------------

  /** Last line index found: positions arrive mostly in order, so it is usually the answer or close to it. */
  private lastLine = 0;

  /** 0-based index of the line holding `offset`. */
  private lineIndex(offset: number): number {
    const starts = this.lineStarts;
    const last = this.lastLine;
    if (starts[last]! <= offset && (last + 1 >= starts.length || offset < starts[last + 1]!)) return last;
    this.lastLine = lineOfOffset(starts, offset) - 1;
    return this.lastLine;
  }

  private position(offset: number): { line: number; column: number } {
    const i = this.lineIndex(offset);
    return { line: i + 1, column: offset - this.lineStarts[i]! + 1 };
  }

  private range(start: number, end: number): Range {
    const a = this.lineIndex(start);
    const column = start - this.lineStarts[a]! + 1;
    const stop = Math.max(start, end);
    const b = this.lineIndex(stop);
    return { line: a + 1, column, endLine: b + 1, endColumn: stop - this.lineStarts[b]! + 1 };
  }

  private nodeRange(node: ts.Node): Range {
    return this.range(node.getStart(this.sf), node.end);
  }

  /** Clipped source text, without copying a huge node's text first. */
  private clippedText(node: ts.Node): string {
    const start = node.getStart(this.sf);
    return clip(this.text.slice(start, Math.min(node.end, start + MAX_TEXT + 1)));
  }

  // ---- exports -----------------------------------------------------------

  /** Names exported away from their declaration (read before the walk, since the list may come last). */
  private collectExportedNames(): void {
    for (const st of this.sf.statements) {
      if (ts.isExportDeclaration(st) && !st.moduleSpecifier && st.exportClause && ts.isNamedExports(st.exportClause)) {
        for (const el of st.exportClause.elements) this.exportedNames.add((el.propertyName ?? el.name).text);
      } else if (ts.isExportAssignment(st) && ts.isIdentifier(st.expression)) {
        this.exportedNames.add(st.expression.text);
      } else if (ts.isExpressionStatement(st) && isAssignment(st.expression)) {
        const { left, right } = st.expression;
        if (isModuleExports(left)) {
          if (ts.isIdentifier(right)) this.exportedNames.add(right.text);
          else if (ts.isObjectLiteralExpression(right)) {
            for (const p of right.properties) {
              if (ts.isShorthandPropertyAssignment(p)) this.exportedNames.add(p.name.text);
              else if (ts.isPropertyAssignment(p) && ts.isIdentifier(p.initializer)) this.exportedNames.add(p.initializer.text);
            }
          }
        } else {
          const name = commonJsExportName(left);
          if (name !== null) {
            this.exportedNames.add(name);
            if (ts.isIdentifier(right)) this.exportedNames.add(right.text);
          }
        }
      }
    }
  }

  // ---- walk ----------------------------------------------------------------

  private walk(): void {
    // Markers on the stack: a number pops what entering a node pushed; a
    // Frame re-enters a scope after the node's decorators, which are
    // evaluated outside the class or method they decorate.
    const POP_FRAME = 1;
    const POP_FUNCTION = 2;
    const stack: (ts.Node | number | Frame)[] = [this.sf];
    const children: ts.Node[] = [];
    let count = 0;
    const collect = (n: ts.Node): void => {
      children[count++] = n;
    };
    while (stack.length > 0) {
      const item = stack.pop()!;
      if (typeof item === 'number') {
        if (item & POP_FRAME) this.frames.pop();
        if (item & POP_FUNCTION) this.functionDepth--;
        continue;
      }
      if (!('kind' in item)) {
        this.frames.push(item);
        continue;
      }
      const framesBefore = this.frames.length;
      const isFunction = ts.isFunctionLike(item) && hasBodyOrIsArrow(item);
      this.visit(item);
      let exit = 0;
      if (isFunction) {
        this.functionDepth++;
        exit |= POP_FUNCTION;
      }
      count = 0;
      ts.forEachChild(item, collect);
      if (this.frames.length === framesBefore) {
        if (exit) stack.push(exit);
        for (let i = count - 1; i >= 0; i--) stack.push(children[i]!);
        continue;
      }
      stack.push(exit | POP_FRAME);
      let decorators = 0;
      for (let i = count - 1; i >= 0; i--) {
        if (children[i]!.kind === DECORATOR) decorators++;
        else stack.push(children[i]!);
      }
      if (decorators > 0) {
        stack.push(this.frames.pop()!);
        for (let i = count - 1; i >= 0; i--) if (children[i]!.kind === DECORATOR) stack.push(children[i]!);
      }
    }
  }

  /** Records what `node` contributes; may push one frame, which the walk pops after its children. */
  private visit(node: ts.Node): void {
    switch (VISIT[node.kind]) {
      case Visit.Class:
        this.visitClass(node as ts.ClassLikeDeclaration);
        return;
      case Visit.Interface:
        this.visitInterface(node as ts.InterfaceDeclaration);
        return;
      case Visit.TypeAlias: {
        const t = node as ts.TypeAliasDeclaration;
        this.addSymbol('type', t.name.text, t, t.name, t, { exported: this.isExported(t, t.name.text) });
        return;
      }
      case Visit.Enum:
        this.visitEnum(node as ts.EnumDeclaration);
        return;
      case Visit.Module:
        this.enter((node as ts.ModuleDeclaration).name.text, false, false, null);
        return;
      case Visit.FunctionDeclaration:
        this.visitFunctionDeclaration(node as ts.FunctionDeclaration);
        return;
      case Visit.FunctionExpression:
        this.visitFunctionExpression(node as ts.FunctionExpression | ts.ArrowFunction);
        return;
      case Visit.Method:
        this.visitMethod(node as ts.MethodDeclaration | ts.ConstructorDeclaration | ts.AccessorDeclaration);
        return;
      case Visit.Property:
        this.visitProperty(node as ts.PropertyDeclaration);
        return;
      case Visit.Variable:
        this.visitVariable(node as ts.VariableDeclaration);
        return;
      case Visit.Import:
        this.visitImport(node as ts.ImportDeclaration);
        return;
      case Visit.ReExport:
        this.visitReExport(node as ts.ExportDeclaration);
        return;
      case Visit.ImportEquals:
        this.visitImportEquals(node as ts.ImportEqualsDeclaration);
        return;
      case Visit.Call:
        this.visitCall(node as ts.CallExpression | ts.NewExpression);
        return;
      case Visit.Binary: {
        const b = node as ts.BinaryExpression;
        if (b.operatorToken.kind === EQUALS_TOKEN) {
          this.assignments.push({
            target: this.clippedText(b.left),
            value: this.clippedText(b.right),
            range: this.nodeRange(b),
            enclosing: this.enclosing(),
          });
        }
        return;
      }
      case Visit.StringLike: {
        const start = node.getStart(this.sf);
        this.opaque.push(start, node.end);
        this.strings.push({ value: (node as ts.LiteralLikeNode).text, range: this.range(start, node.end) });
        return;
      }
      case Visit.Opaque:
        this.opaque.push(node.getStart(this.sf), node.end);
        return;
      default:
        return;
    }
  }

  // ---- scopes --------------------------------------------------------------

  private enter(name: string, encloses: boolean, exported: boolean, classNode: ts.ClassLikeDeclaration | null): void {
    const outer = this.frames[this.frames.length - 1];
    const path = outer ? outer.path + '.' + name : name;
    const enclosing = encloses ? path : outer ? outer.enclosing : null;
    this.frames.push({ exported, classNode, path, enclosing });
  }

  private containerName(): string | null {
    const top = this.frames[this.frames.length - 1];
    return top ? top.path : null;
  }

  /** Dotted path down to the innermost class or named function, or null. */
  private enclosing(): string | null {
    const top = this.frames[this.frames.length - 1];
    return top ? top.enclosing : null;
  }

  /** The frame of `classNode` when it is the innermost scope (members of anonymous classes have none). */
  private classFrame(classNode: ts.Node): Frame | null {
    const f = this.frames[this.frames.length - 1];
    return f && f.classNode === classNode ? f : null;
  }

  private declarationExported(node: ts.Node): boolean {
    return hasModifier(node, ts.SyntaxKind.ExportKeyword);
  }

  /** `export` on the declaration, or a top-level name exported elsewhere in the file. */
  private isExported(node: ts.Node, name: string): boolean {
    return this.declarationExported(node) || (this.frames.length === 0 && this.exportedNames.has(name));
  }

  private addSymbol(
    kind: SymbolKind,
    name: string,
    rangeNode: ts.Node,
    nameRange: ts.Node | Range,
    docNode: ts.Node,
    extra: Partial<SymbolInfo> & { exported: boolean },
  ): void {
    const sym: SymbolInfo = {
      kind,
      name,
      container: this.containerName(),
      range: this.nodeRange(rangeNode),
      nameRange: 'kind' in nameRange ? this.nodeRange(nameRange) : nameRange,
      exported: extra.exported,
    };
    if (extra.body) sym.body = extra.body;
    if (extra.bases) sym.bases = extra.bases;
    if (extra.params) sym.params = extra.params;
    if (extra.annotations) sym.annotations = extra.annotations;
    const doc = this.docOf(docNode);
    if (doc !== null) sym.doc = doc;
    this.symbols.push(sym);
  }

  // ---- declarations ----------------------------------------------------------

  private visitClass(node: ts.ClassLikeDeclaration): void {
    let name: string | null = node.name ? node.name.text : null;
    let rangeNode: ts.Node = node;
    let docNode: ts.Node = node;
    let exported = hasModifier(node, ts.SyntaxKind.DefaultKeyword) || (name !== null && this.isExported(node, name));
    if (ts.isClassExpression(node)) {
      const ctx = this.expressionContext(node);
      if (ctx) {
        name = ctx.name;
        rangeNode = ctx.rangeNode;
        docNode = ctx.docNode;
        exported = ctx.exported;
      }
    } else if (name === null && hasModifier(node, ts.SyntaxKind.DefaultKeyword)) {
      name = 'default';
    }
    // An anonymous class expression has no name a claim or rule could use.
    if (name === null) return;
    const bases: string[] = [];
    for (const clause of node.heritageClauses ?? []) {
      for (const t of clause.types) bases.push(calleeText(t.expression, this.text, this.sf));
    }
    const nameNode = node.name ?? defaultKeyword(node) ?? node;
    this.addSymbol('class', name, rangeNode, nameNode, docNode, { exported, bases });
    this.enter(name, true, exported, node);
  }

  private visitInterface(node: ts.InterfaceDeclaration): void {
    const exported = this.isExported(node, node.name.text);
    const bases: string[] = [];
    for (const clause of node.heritageClauses ?? []) {
      for (const t of clause.types) bases.push(calleeText(t.expression, this.text, this.sf));
    }
    this.addSymbol('interface', node.name.text, node, node.name, node, { exported, bases });
    this.enter(node.name.text, false, exported, null);
    // Members are read here rather than by the walk: signatures are not scopes.
    for (const m of node.members) {
      if (!m.name) continue;
      const name = propertyNameText(m.name, this.text, this.sf);
      if (ts.isMethodSignature(m)) {
        this.addSymbol('method', name, m, m.name, m, { exported, params: paramNames(m.parameters, this.text, this.sf) });
      } else if (ts.isPropertySignature(m)) {
        this.addSymbol('field', name, m, m.name, m, { exported });
      }
    }
  }

  private visitEnum(node: ts.EnumDeclaration): void {
    const exported = this.isExported(node, node.name.text);
    this.addSymbol('enum', node.name.text, node, node.name, node, { exported });
    this.enter(node.name.text, false, exported, null);
    for (const m of node.members) {
      this.addSymbol('constant', propertyNameText(m.name, this.text, this.sf), m, m.name, m, { exported });
    }
  }

  private visitFunctionDeclaration(node: ts.FunctionDeclaration): void {
    // An overload signature is not a function of its own; an ambient `declare function` is.
    if (!node.body && !isAmbient(node)) return;
    const isDefault = hasModifier(node, ts.SyntaxKind.DefaultKeyword);
    const name = node.name ? node.name.text : isDefault ? 'default' : null;
    if (name === null) return;
    const nameNode = node.name ?? defaultKeyword(node) ?? node;
    const body = this.bodyOf(node);
    this.addSymbol('function', name, node, nameNode, node, {
      exported: isDefault || this.isExported(node, name),
      params: paramNames(node.parameters, this.text, this.sf),
      annotations: annotationsOf(node),
      ...(body ? { body } : {}),
    });
    this.enter(name, true, false, null);
  }

  private visitFunctionExpression(node: ts.FunctionExpression | ts.ArrowFunction): void {
    const ctx = this.expressionContext(node);
    if (!ctx) return;
    const body = this.bodyOf(node);
    this.addSymbol(ctx.kind, ctx.name, ctx.rangeNode, ctx.nameNode, ctx.docNode, {
      exported: ctx.exported,
      params: paramNames(node.parameters, this.text, this.sf),
      annotations: annotationsOf(node),
      ...(body ? { body } : {}),
    });
    this.enter(ctx.name, true, false, null);
  }

  /**
   * The name a function or class expression takes from where it stands:
   * `const f = () => …`, a class property `handle = () => …`,
   * `exports.f = function …`, `export default () => …`. Null when anonymous.
   */
  private expressionContext(node: ts.Expression): FunctionContext | null {
    let top: ts.Node = node;
    while (
      top.parent &&
      (ts.isParenthesizedExpression(top.parent) || ts.isAsExpression(top.parent) || ts.isSatisfiesExpression(top.parent))
    ) {
      top = top.parent;
    }
    const parent = top.parent;
    if (!parent) return null;
    const isClassExpr = ts.isClassExpression(node);
    if (ts.isVariableDeclaration(parent) && parent.initializer === top && ts.isIdentifier(parent.name)) {
      const list = parent.parent;
      const statement = ts.isVariableDeclarationList(list) && ts.isVariableStatement(list.parent) ? list.parent : null;
      const single = statement !== null && statement.declarationList.declarations.length === 1;
      const first = statement !== null && statement.declarationList.declarations[0] === parent;
      return {
        name: parent.name.text,
        kind: isClassExpr ? 'class' : 'function',
        rangeNode: single ? statement! : parent,
        docNode: first ? statement! : parent,
        nameNode: parent.name,
        exported: statement !== null && this.isExported(statement, parent.name.text),
      };
    }
    if (ts.isPropertyDeclaration(parent) && parent.initializer === top && !isClassExpr) {
      const cls = this.classFrame(parent.parent);
      if (!cls) return null;
      return {
        name: propertyNameText(parent.name, this.text, this.sf),
        kind: 'method',
        rangeNode: parent,
        docNode: parent,
        nameNode: parent.name,
        exported: cls.exported && memberIsPublic(parent),
      };
    }
    if (ts.isExportAssignment(parent) && !parent.isExportEquals) {
      const own = (node as ts.FunctionExpression | ts.ClassExpression).name;
      return {
        name: own ? own.text : 'default',
        kind: isClassExpr ? 'class' : 'function',
        rangeNode: parent,
        docNode: parent,
        nameNode: own ?? this.keywordRange(parent, 'default'),
        exported: true,
      };
    }
    if (
      isAssignment(parent) &&
      parent.right === top &&
      ts.isExpressionStatement(parent.parent) &&
      ts.isSourceFile(parent.parent.parent)
    ) {
      const name = commonJsExportName(parent.left);
      if (name !== null && ts.isPropertyAccessExpression(parent.left)) {
        return {
          name,
          kind: isClassExpr ? 'class' : 'function',
          rangeNode: parent.parent,
          docNode: parent.parent,
          nameNode: parent.left.name,
          exported: true,
        };
      }
    }
    if (isClassExpr && (node as ts.ClassExpression).name) {
      const n = (node as ts.ClassExpression).name!;
      return { name: n.text, kind: 'class', rangeNode: node, docNode: node, nameNode: n, exported: false };
    }
    return null;
  }

  private visitMethod(node: ts.MethodDeclaration | ts.ConstructorDeclaration | ts.AccessorDeclaration): void {
    // Object-literal methods and members of anonymous classes are not symbols.
    const cls = this.classFrame(node.parent);
    if (!cls) return;
    const isAbstract = hasModifier(node, ts.SyntaxKind.AbstractKeyword);
    // A method overload signature: the implementation that follows is the method.
    if (!node.body && !isAbstract && !isAmbient(node)) return;
    let name: string;
    let nameNode: ts.Node | Range;
    if (ts.isConstructorDeclaration(node)) {
      name = 'constructor';
      nameNode = this.keywordRange(node, 'constructor');
    } else {
      name = propertyNameText(node.name, this.text, this.sf);
      nameNode = node.name;
    }
    const body = this.bodyOf(node);
    this.addSymbol('method', name, node, nameNode, node, {
      exported: cls.exported && memberIsPublic(node),
      params: paramNames(node.parameters, this.text, this.sf),
      annotations: annotationsOf(node),
      ...(body ? { body } : {}),
    });
    if (ts.isConstructorDeclaration(node)) this.addParameterProperties(node, cls);
    this.enter(name, true, false, null);
  }

  /**
   * The range of a keyword that stands for a name without a node of its own
   * (`constructor`, the `default` of `export default () => …`), searched
   * after the node's modifiers; the whole node when not found.
   */
  private keywordRange(node: ts.Node, keyword: string): ts.Node | Range {
    const mods = ts.canHaveModifiers(node) ? ts.getModifiers(node) : undefined;
    const from = mods && mods.length > 0 ? mods[mods.length - 1]!.end : node.getStart(this.sf);
    const found = this.text.indexOf(keyword, from);
    if (found < 0 || found >= node.end) return node;
    return this.range(found, found + keyword.length);
  }

  private visitProperty(node: ts.PropertyDeclaration): void {
    const cls = this.classFrame(node.parent);
    if (!cls) return;
    let init: ts.Node | undefined = node.initializer;
    while (init && (ts.isParenthesizedExpression(init) || ts.isAsExpression(init) || ts.isSatisfiesExpression(init))) {
      init = init.expression;
    }
    // A function-valued property is a method; the function node records it.
    if (init && (ts.isArrowFunction(init) || ts.isFunctionExpression(init))) return;
    this.addSymbol('field', propertyNameText(node.name, this.text, this.sf), node, node.name, node, {
      exported: cls.exported && memberIsPublic(node),
    });
  }

  /** `constructor(private readonly x: X)` declares a field of the class. */
  private addParameterProperties(node: ts.ConstructorDeclaration, cls: Frame): void {
    for (const p of node.parameters) {
      if (!ts.isIdentifier(p.name)) continue;
      const isProperty = (ts.getModifiers(p) ?? []).some(
        (m) =>
          m.kind === ts.SyntaxKind.PublicKeyword ||
          m.kind === ts.SyntaxKind.PrivateKeyword ||
          m.kind === ts.SyntaxKind.ProtectedKeyword ||
          m.kind === ts.SyntaxKind.ReadonlyKeyword ||
          m.kind === ts.SyntaxKind.OverrideKeyword,
      );
      if (isProperty) this.addSymbol('field', p.name.text, p, p.name, p, { exported: cls.exported && memberIsPublic(p) });
    }
  }

  private visitVariable(node: ts.VariableDeclaration): void {
    if (this.functionDepth > 0) {
      if (node.initializer) {
        this.assignments.push({
          target: this.clippedText(node.name),
          value: this.clippedText(node.initializer),
          range: this.nodeRange(node),
          enclosing: this.enclosing(),
        });
      }
      return;
    }
    const list = node.parent;
    if (!ts.isVariableDeclarationList(list) || !ts.isVariableStatement(list.parent)) return;
    const statement = list.parent;
    const scope = statement.parent;
    if (!ts.isSourceFile(scope) && !ts.isModuleBlock(scope)) return;
    let init: ts.Node | undefined = node.initializer;
    while (init && (ts.isParenthesizedExpression(init) || ts.isAsExpression(init) || ts.isSatisfiesExpression(init))) {
      init = init.expression;
    }
    // Function and class values are recorded by their expression node.
    if (init && ts.isIdentifier(node.name) && (ts.isArrowFunction(init) || ts.isFunctionExpression(init) || ts.isClassExpression(init))) {
      return;
    }
    const isConst = (list.flags & (ts.NodeFlags.Const | ts.NodeFlags.Using | ts.NodeFlags.AwaitUsing)) !== 0;
    const single = list.declarations.length === 1;
    const first = list.declarations[0] === node;
    for (const id of bindingIdentifiers(node.name)) {
      const rangeNode = ts.isIdentifier(node.name) ? (single ? statement : node) : id.parent;
      const exported = this.isExported(statement, id.text);
      this.addSymbol(isConst ? 'constant' : 'variable', id.text, rangeNode, id, first ? statement : node, { exported });
    }
  }

  // ---- bodies ----------------------------------------------------------------

  private bodyOf(node: ts.FunctionLikeDeclaration): FunctionBody | undefined {
    const body = node.body;
    if (!body) return undefined;
    const range = this.nodeRange(body);
    if (!ts.isBlock(body)) {
      const literal = constantLiteral(body);
      return literal
        ? { shape: 'constant-return', statements: 1, returned: this.clippedText(literal), range }
        : { shape: 'code', statements: 1, range };
    }
    const statements = body.statements.length;
    if (statements === 0) return { shape: 'empty', statements, range };
    if (statements === 1) {
      const only = body.statements[0]!;
      if (ts.isThrowStatement(only) && isNotImplementedThrow(only.expression)) {
        return { shape: 'not-implemented', statements, range };
      }
      if (ts.isReturnStatement(only)) {
        if (!only.expression) return { shape: 'constant-return', statements, returned: 'undefined', range };
        const literal = constantLiteral(only.expression);
        if (literal) return { shape: 'constant-return', statements, returned: this.clippedText(literal), range };
      }
    }
    return { shape: 'code', statements, range };
  }

  // ---- imports -------------------------------------------------------------

  private visitImport(node: ts.ImportDeclaration): void {
    if (!ts.isStringLiteral(node.moduleSpecifier)) return;
    const names: ImportedName[] = [];
    let alias: string | null = null;
    const clause = node.importClause;
    if (clause) {
      if (clause.name) alias = clause.name.text;
      const bindings = clause.namedBindings;
      if (bindings && ts.isNamespaceImport(bindings)) alias ??= bindings.name.text;
      else if (bindings) {
        for (const el of bindings.elements) names.push(this.importedName(el.propertyName, el.name));
      }
    }
    this.imports.push({
      module: node.moduleSpecifier.text,
      level: 0,
      names,
      alias,
      star: false,
      range: this.nodeRange(node),
      nested: !ts.isSourceFile(node.parent),
    });
  }

  private visitReExport(node: ts.ExportDeclaration): void {
    if (!node.moduleSpecifier || !ts.isStringLiteral(node.moduleSpecifier)) return;
    const names: ImportedName[] = [];
    let alias: string | null = null;
    const clause = node.exportClause;
    if (clause && ts.isNamespaceExport(clause)) alias = clause.name.text;
    else if (clause) {
      for (const el of clause.elements) names.push(this.importedName(el.propertyName, el.name));
    }
    this.imports.push({
      module: node.moduleSpecifier.text,
      level: 0,
      names,
      alias,
      star: !clause,
      range: this.nodeRange(node),
      nested: !ts.isSourceFile(node.parent),
    });
  }

  private importedName(propertyName: ts.ModuleExportName | undefined, name: ts.ModuleExportName): ImportedName {
    return {
      name: (propertyName ?? name).text,
      alias: propertyName ? name.text : null,
      line: this.position((propertyName ?? name).getStart(this.sf)).line,
    };
  }

  private visitImportEquals(node: ts.ImportEqualsDeclaration): void {
    const ref = node.moduleReference;
    if (!ts.isExternalModuleReference(ref) || !ts.isStringLiteralLike(ref.expression)) return;
    this.imports.push({
      module: ref.expression.text,
      level: 0,
      names: [],
      alias: node.name.text,
      star: false,
      range: this.nodeRange(node),
      nested: !ts.isSourceFile(node.parent),
    });
  }

  /** `require('m')` and `import('m')` with a literal module name. */
  private visitModuleCall(node: ts.CallExpression, dynamic: boolean): void {
    const arg = node.arguments[0];
    if (node.arguments.length !== 1 || !arg || !ts.isStringLiteralLike(arg)) return;
    let alias: string | null = null;
    const names: ImportedName[] = [];
    let target: ts.Node = node;
    if (dynamic && ts.isAwaitExpression(node.parent)) target = node.parent;
    let binding: ts.BindingName | null = null;
    let member: ts.MemberName | null = null;
    const parent = target.parent;
    if (ts.isVariableDeclaration(parent) && parent.initializer === target) binding = parent.name;
    else if (ts.isPropertyAccessExpression(parent) && parent.expression === target && ts.isVariableDeclaration(parent.parent)) {
      // `const x = require('m').y` imports y (as x).
      member = parent.name;
      binding = parent.parent.name;
    }
    if (binding && member && ts.isIdentifier(binding)) {
      const line = this.position(member.getStart(this.sf)).line;
      names.push({ name: member.text, alias: binding.text === member.text ? null : binding.text, line });
    } else if (binding && !member && ts.isIdentifier(binding)) {
      alias = binding.text;
    } else if (binding && !member && ts.isObjectBindingPattern(binding)) {
      for (const el of binding.elements) {
        if (el.dotDotDotToken || !ts.isIdentifier(el.name)) continue;
        const prop = el.propertyName;
        const imported = prop && (ts.isIdentifier(prop) || ts.isStringLiteral(prop)) ? prop.text : el.name.text;
        names.push({
          name: imported,
          alias: imported === el.name.text ? null : el.name.text,
          line: this.position(el.getStart(this.sf)).line,
        });
      }
    }
    this.imports.push({
      module: arg.text,
      level: 0,
      names,
      alias,
      star: false,
      range: this.nodeRange(node),
      nested: dynamic || !atTopLevel(node),
    });
  }

  // ---- calls -----------------------------------------------------------------

  private visitCall(node: ts.CallExpression | ts.NewExpression): void {
    const expr = node.expression;
    if (ts.isCallExpression(node)) {
      if (expr.kind === ts.SyntaxKind.ImportKeyword) this.visitModuleCall(node, true);
      else if (ts.isIdentifier(expr) && expr.text === 'require') this.visitModuleCall(node, false);
    }
    const { callee, receiver, name } = describeCallee(expr, this.text, this.sf);
    const args: CallArgument[] = [];
    for (const arg of node.arguments ?? []) {
      args.push({ keyword: null, text: this.clippedText(arg) });
      if (!ts.isObjectLiteralExpression(arg)) continue;
      for (const p of arg.properties) {
        if (ts.isSpreadAssignment(p)) {
          args.push({ keyword: '...', text: this.clippedText(p) });
        } else if (ts.isShorthandPropertyAssignment(p)) {
          args.push({ keyword: p.name.text, text: p.name.text });
        } else if (ts.isPropertyAssignment(p)) {
          args.push({ keyword: propertyNameText(p.name, this.text, this.sf), text: this.clippedText(p.initializer) });
        } else if (p.name) {
          args.push({ keyword: propertyNameText(p.name, this.text, this.sf), text: this.clippedText(p) });
        }
      }
    }
    this.calls.push({ callee, receiver, name, args, range: this.nodeRange(node), enclosing: this.enclosing() });
  }

  // ---- comments, docs, errors --------------------------------------------------

  /** The last `/** … *\/` comment directly before a declaration. */
  private docOf(node: ts.Node): string | null {
    const ranges = ts.getLeadingCommentRanges(this.text, node.pos);
    if (!ranges || ranges.length === 0) return null;
    const last = ranges[ranges.length - 1]!;
    const raw = this.text.slice(last.pos, last.end);
    if (last.kind !== ts.SyntaxKind.MultiLineCommentTrivia || !raw.startsWith('/**') || raw === '/**/') return null;
    return stripBlockComment(raw);
  }

  /**
   * Comments found by a lexer that jumps over every token whose text is not
   * code (strings, template pieces, regexes, JSX text), so `"// x"` or
   * `/\/*\/` is never taken for a comment, and each comment is seen once.
   */
  private collectComments(): CommentInfo[] {
    const pairs: [number, number][] = [];
    for (let i = 0; i < this.opaque.length; i += 2) pairs.push([this.opaque[i]!, this.opaque[i + 1]!]);
    pairs.sort((a, b) => a[0] - b[0]);
    const text = this.text;
    const n = text.length;
    const out: CommentInfo[] = [];
    let i = text.startsWith('#!') ? lineEnd(text, 0) : 0;
    let k = 0;
    while (i < n) {
      while (k < pairs.length && pairs[k]![1] <= i) k++;
      const next = k < pairs.length ? pairs[k]![0] : n;
      if (i >= next) {
        i = pairs[k]![1];
        k++;
        continue;
      }
      const slash = text.indexOf('/', i);
      if (slash < 0) break;
      if (slash >= next) {
        i = next;
        continue;
      }
      const c = text.charCodeAt(slash + 1);
      if (c === 47 /* / */) {
        const end = lineEnd(text, slash);
        out.push({ kind: 'line', text: stripLineComment(text.slice(slash, end)), range: this.range(slash, end) });
        i = end;
      } else if (c === 42 /* * */) {
        const close = text.indexOf('*/', slash + 2);
        const end = close < 0 ? n : close + 2;
        out.push({ kind: 'block', text: stripBlockComment(text.slice(slash, end)), range: this.range(slash, end) });
        i = end;
      } else {
        i = slash + 1;
      }
    }
    return out;
  }

  private collectSyntaxErrors(): SyntaxErrorInfo[] {
    const diagnostics = (this.sf as unknown as { parseDiagnostics?: readonly ts.Diagnostic[] }).parseDiagnostics;
    if (!Array.isArray(diagnostics)) return [];
    const out: SyntaxErrorInfo[] = [];
    for (const d of diagnostics) {
      const start = d.start ?? 0;
      out.push({
        message: ts.flattenDiagnosticMessageText(d.messageText, '\n'),
        range: this.range(start, start + (d.length ?? 0)),
      });
    }
    return byPosition(out);
  }
}

// ---- helpers (pure) ------------------------------------------------------------

function byPosition<T extends { range: Range }>(items: T[]): T[] {
  // The walk emits in source order almost always; sorting is for the rest (decorators, members read ahead).
  let sorted = true;
  for (let i = 1; i < items.length && sorted; i++) {
    const a = items[i - 1]!.range;
    const b = items[i]!.range;
    sorted = a.line < b.line || (a.line === b.line && a.column <= b.column);
  }
  if (sorted) return items;
  return items.sort((a, b) => a.range.line - b.range.line || a.range.column - b.range.column);
}

function hasModifier(node: ts.Node, kind: ts.SyntaxKind): boolean {
  const mods = ts.canHaveModifiers(node) ? ts.getModifiers(node) : undefined;
  return mods !== undefined && mods.some((m) => m.kind === kind);
}

function defaultKeyword(node: ts.Node): ts.Node | undefined {
  const mods = ts.canHaveModifiers(node) ? ts.getModifiers(node) : undefined;
  return mods?.find((m) => m.kind === ts.SyntaxKind.DefaultKeyword);
}

/** Inside `declare …` or a declaration file, where bodiless functions are declarations, not overloads. */
function isAmbient(node: ts.Node): boolean {
  for (let n: ts.Node | undefined = node; n; n = n.parent) {
    if (ts.isSourceFile(n)) return n.isDeclarationFile;
    if (hasModifier(n, ts.SyntaxKind.DeclareKeyword)) return true;
  }
  return false;
}

function memberIsPublic(node: ts.Node): boolean {
  const name = (node as { name?: ts.Node }).name;
  if (name && ts.isPrivateIdentifier(name)) return false;
  return !hasModifier(node, ts.SyntaxKind.PrivateKeyword) && !hasModifier(node, ts.SyntaxKind.ProtectedKeyword);
}

function hasBodyOrIsArrow(node: ts.SignatureDeclaration): boolean {
  return ts.isArrowFunction(node) || (node as ts.FunctionLikeDeclaration).body !== undefined;
}

function isAssignment(node: ts.Node): node is ts.BinaryExpression {
  return ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.EqualsToken;
}

function isModuleExports(node: ts.Node): boolean {
  return (
    ts.isPropertyAccessExpression(node) &&
    ts.isIdentifier(node.expression) &&
    node.expression.text === 'module' &&
    node.name.text === 'exports'
  );
}

/** `exports.x` or `module.exports.x` → `x`, else null. */
function commonJsExportName(node: ts.Node): string | null {
  if (!ts.isPropertyAccessExpression(node) || !ts.isIdentifier(node.name)) return null;
  const obj = node.expression;
  if ((ts.isIdentifier(obj) && obj.text === 'exports') || isModuleExports(obj)) return node.name.text;
  return null;
}

/** True when a call is part of a module-level statement outside any function, class or conditional. */
function atTopLevel(node: ts.Node): boolean {
  let n: ts.Node = node;
  while (n.parent && !ts.isSourceFile(n.parent)) {
    const p = n.parent;
    if (ts.isFunctionLike(p) || ts.isClassLike(p) || ts.isConditionalExpression(p)) return false;
    if (ts.isBlock(p) || ts.isModuleBlock(p) || ts.isIfStatement(p) || ts.isTryStatement(p) || ts.isCatchClause(p)) return false;
    if (ts.isIterationStatement(p, false) || ts.isSwitchStatement(p) || ts.isCaseClause(p) || ts.isDefaultClause(p)) return false;
    if (ts.isLabeledStatement(p) || ts.isWithStatement(p)) return false;
    n = p;
  }
  return true;
}

function propertyNameText(name: ts.PropertyName, text: string, sf: ts.SourceFile): string {
  if (ts.isIdentifier(name) || ts.isPrivateIdentifier(name) || ts.isStringLiteral(name) || ts.isNumericLiteral(name)) {
    return name.text;
  }
  if (ts.isNoSubstitutionTemplateLiteral(name) || ts.isBigIntLiteral(name)) return name.text;
  return clip(text.slice(name.getStart(sf), name.end));
}

/** Parameters with a type annotation (TypeScript's `this` parameter left out) and whether the return type is written. */
function annotationsOf(node: ts.SignatureDeclarationBase): { params: number; returns: boolean } {
  const params = node.parameters.filter((p) => p.type && !(ts.isIdentifier(p.name) && p.name.text === 'this')).length;
  return { params, returns: node.type !== undefined };
}

function paramNames(params: ts.NodeArray<ts.ParameterDeclaration>, text: string, sf: ts.SourceFile): string[] {
  const out: string[] = [];
  for (const p of params) {
    if (ts.isIdentifier(p.name)) {
      // TypeScript's `this` parameter only types the receiver.
      if (p.name.text === 'this') continue;
      out.push(p.dotDotDotToken ? '...' + p.name.text : p.name.text);
    } else {
      const pattern = text.slice(p.name.getStart(sf), p.name.end).replace(/\s+/g, ' ');
      out.push(p.dotDotDotToken ? '...' + pattern : pattern);
    }
  }
  return out;
}

function bindingIdentifiers(name: ts.BindingName): ts.Identifier[] {
  if (ts.isIdentifier(name)) return [name];
  const out: ts.Identifier[] = [];
  for (const el of name.elements) {
    if (ts.isBindingElement(el)) out.push(...bindingIdentifiers(el.name));
  }
  return out;
}

function unwrapTypes(node: ts.Expression): ts.Expression {
  let n = node;
  while (
    ts.isParenthesizedExpression(n) ||
    ts.isAsExpression(n) ||
    ts.isSatisfiesExpression(n) ||
    ts.isTypeAssertionExpression(n) ||
    ts.isNonNullExpression(n)
  ) {
    n = n.expression;
  }
  return n;
}

/**
 * The literal a function returns when it returns nothing but a literal:
 * `true`, `null`, `undefined`, `-1`, `"ok"`, `` `x` ``, `{ ok: true }`,
 * `[1, 2]`, or any of these in `Promise.resolve(…)`. Null otherwise.
 */
function constantLiteral(expr: ts.Expression): ts.Expression | null {
  let e = unwrapTypes(expr);
  if (
    ts.isCallExpression(e) &&
    e.arguments.length === 1 &&
    ts.isPropertyAccessExpression(e.expression) &&
    ts.isIdentifier(e.expression.expression) &&
    e.expression.expression.text === 'Promise' &&
    e.expression.name.text === 'resolve'
  ) {
    e = unwrapTypes(e.arguments[0]!);
  } else if (
    ts.isCallExpression(e) &&
    e.arguments.length === 0 &&
    ts.isPropertyAccessExpression(e.expression) &&
    ts.isIdentifier(e.expression.expression) &&
    e.expression.expression.text === 'Promise' &&
    e.expression.name.text === 'resolve'
  ) {
    return e;
  }
  return isLiteralValue(e, 0) ? e : null;
}

function isLiteralValue(node: ts.Expression, depth: number): boolean {
  // Nesting this deep is generated data, not a hand-written placeholder.
  if (depth > MAX_DEPTH) return false;
  const e = unwrapTypes(node);
  switch (e.kind) {
    case ts.SyntaxKind.TrueKeyword:
    case ts.SyntaxKind.FalseKeyword:
    case ts.SyntaxKind.NullKeyword:
    case ts.SyntaxKind.NumericLiteral:
    case ts.SyntaxKind.BigIntLiteral:
    case ts.SyntaxKind.StringLiteral:
    case ts.SyntaxKind.NoSubstitutionTemplateLiteral:
      return true;
    case ts.SyntaxKind.Identifier:
      return (e as ts.Identifier).text === 'undefined';
    case ts.SyntaxKind.PrefixUnaryExpression: {
      const u = e as ts.PrefixUnaryExpression;
      return (
        (u.operator === ts.SyntaxKind.MinusToken || u.operator === ts.SyntaxKind.PlusToken) &&
        (ts.isNumericLiteral(u.operand) || ts.isBigIntLiteral(u.operand))
      );
    }
    case ts.SyntaxKind.ArrayLiteralExpression:
      return (e as ts.ArrayLiteralExpression).elements.every((el) => !ts.isSpreadElement(el) && !ts.isOmittedExpression(el) && isLiteralValue(el, depth + 1));
    case ts.SyntaxKind.ObjectLiteralExpression:
      return (e as ts.ObjectLiteralExpression).properties.every(
        (p) => ts.isPropertyAssignment(p) && !ts.isComputedPropertyName(p.name) && isLiteralValue(p.initializer, depth + 1),
      );
    default:
      return false;
  }
}

/**
 * A throw that says the function does not exist yet: an error whose class
 * name or string message says so, or such a string thrown bare.
 */
function isNotImplementedThrow(expr: ts.Expression): boolean {
  const e = unwrapTypes(expr);
  if (ts.isStringLiteral(e) || ts.isNoSubstitutionTemplateLiteral(e)) return NOT_IMPLEMENTED.test(e.text);
  if (!ts.isNewExpression(e) && !ts.isCallExpression(e)) return false;
  const callee = unwrapTypes(e.expression);
  const className = ts.isIdentifier(callee) ? callee.text : ts.isPropertyAccessExpression(callee) ? callee.name.text : '';
  if (NOT_IMPLEMENTED_CLASS.test(className)) return true;
  // The message need not come first: `new HttpError(501, message)`.
  return (e.arguments ?? []).some((arg) => {
    const msg = unwrapTypes(arg);
    if (ts.isStringLiteral(msg) || ts.isNoSubstitutionTemplateLiteral(msg)) return NOT_IMPLEMENTED.test(msg.text);
    if (ts.isTemplateExpression(msg)) {
      return NOT_IMPLEMENTED.test([msg.head.text, ...msg.templateSpans.map((s) => s.literal.text)].join(' '));
    }
    return false;
  });
}

/**
 * Callee text rebuilt from the tree so that formatting does not matter:
 * `this.client!.sync`, `axios\n  .get` and `a?.b` read `this.client.sync`,
 * `axios.get`, `a.b`.
 */
function calleeText(node: ts.Expression, text: string, sf: ts.SourceFile): string {
  return clip(calleeTextRaw(node, text, sf, 0));
}

function calleeTextRaw(node: ts.Expression, text: string, sf: ts.SourceFile, depth: number): string {
  if (depth > MAX_DEPTH) return flatText(node, text, sf);
  const d = depth + 1;
  switch (node.kind) {
    case ts.SyntaxKind.Identifier:
    case ts.SyntaxKind.PrivateIdentifier:
      return (node as ts.Identifier).text;
    case ts.SyntaxKind.ThisKeyword:
      return 'this';
    case ts.SyntaxKind.SuperKeyword:
      return 'super';
    case ts.SyntaxKind.ImportKeyword:
      return 'import';
    case ts.SyntaxKind.PropertyAccessExpression: {
      const p = node as ts.PropertyAccessExpression;
      return calleeTextRaw(p.expression, text, sf, d) + '.' + p.name.text;
    }
    case ts.SyntaxKind.ElementAccessExpression: {
      const el = node as ts.ElementAccessExpression;
      return calleeTextRaw(el.expression, text, sf, d) + '[' + flatText(el.argumentExpression, text, sf) + ']';
    }
    case ts.SyntaxKind.CallExpression: {
      // A call inside a chain (`axios\n  .create({…})\n  .get`): rebuilt so line breaks do not matter.
      const c = node as ts.CallExpression;
      const callee = calleeTextRaw(c.expression, text, sf, d);
      if (callee.length > MAX_TEXT) return callee;
      return callee + '(' + c.arguments.map((a) => flatText(a, text, sf)).join(', ') + ')';
    }
    case ts.SyntaxKind.NonNullExpression:
    case ts.SyntaxKind.AsExpression:
    case ts.SyntaxKind.SatisfiesExpression:
    case ts.SyntaxKind.TypeAssertionExpression:
      return calleeTextRaw((node as ts.NonNullExpression).expression, text, sf, d);
    case ts.SyntaxKind.ExpressionWithTypeArguments:
      return calleeTextRaw((node as ts.ExpressionWithTypeArguments).expression, text, sf, d);
    case ts.SyntaxKind.ParenthesizedExpression: {
      const inner = (node as ts.ParenthesizedExpression).expression;
      // Bundlers call imported functions as \`(0, m.f)(…)\` to drop \`this\`.
      if (isIndirectCallee(inner)) return calleeTextRaw(inner.right, text, sf, d);
      const bare = unwrapTypes(inner);
      if (bare !== inner || ts.isParenthesizedExpression(inner)) return calleeTextRaw(bare, text, sf, d);
      return flatText(node, text, sf);
    }
    default:
      return flatText(node, text, sf);
  }
}

function isIndirectCallee(node: ts.Expression): node is ts.BinaryExpression {
  return ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.CommaToken && ts.isNumericLiteral(node.left);
}

/** Source text with whitespace collapsed and `?.` read as `.`, read from at most a few hundred characters. */
function flatText(node: ts.Node, text: string, sf: ts.SourceFile): string {
  const start = node.getStart(sf);
  return text
    .slice(start, Math.min(node.end, start + 400))
    .replace(/\s+/g, ' ')
    .replace(/\?\.(?!\d)/g, '.');
}

function describeCallee(
  expr: ts.Expression,
  text: string,
  sf: ts.SourceFile,
): { callee: string; receiver: string | null; name: string } {
  const callee = calleeText(expr, text, sf);
  let e = expr;
  for (;;) {
    if (ts.isNonNullExpression(e) || ts.isAsExpression(e) || ts.isSatisfiesExpression(e) || ts.isTypeAssertionExpression(e)) {
      e = e.expression;
    } else if (ts.isParenthesizedExpression(e)) {
      const inner = e.expression;
      e = isIndirectCallee(inner) ? inner.right : inner;
    } else if (ts.isExpressionWithTypeArguments(e)) {
      e = e.expression;
    } else break;
  }
  if (ts.isIdentifier(e) || ts.isPrivateIdentifier(e)) return { callee, receiver: null, name: e.text };
  if (e.kind === ts.SyntaxKind.SuperKeyword) return { callee, receiver: null, name: 'super' };
  if (e.kind === ts.SyntaxKind.ImportKeyword) return { callee, receiver: null, name: 'import' };
  if (ts.isPropertyAccessExpression(e)) {
    return { callee, receiver: calleeText(e.expression, text, sf), name: e.name.text };
  }
  if (ts.isElementAccessExpression(e) && ts.isStringLiteralLike(e.argumentExpression)) {
    return { callee, receiver: calleeText(e.expression, text, sf), name: e.argumentExpression.text };
  }
  return { callee, receiver: null, name: '' };
}

function lineEnd(text: string, from: number): number {
  for (let i = from; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 || c === 13 || c === 0x2028 || c === 0x2029) return i;
  }
  return text.length;
}

function stripLineComment(raw: string): string {
  return raw.replace(/^\/\/+/, '').trim();
}

/** Drops `/*`, `/**`, `*\/` and the leading `*` of each line. */
function stripBlockComment(raw: string): string {
  let body = raw.slice(2);
  if (body.endsWith('*/')) body = body.slice(0, -2);
  if (body.startsWith('*')) body = body.slice(1);
  const lines = body.split(/\r?\n/).map((l, i) => (i === 0 ? l : l.replace(/^\s*\*(?!\/)\s?/, '')).trimEnd());
  while (lines.length > 0 && lines[0]!.trim() === '') lines.shift();
  while (lines.length > 0 && lines[lines.length - 1]!.trim() === '') lines.pop();
  if (lines.length > 0) lines[0] = lines[0]!.trimStart();
  return lines.join('\n');
}
