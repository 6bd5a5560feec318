/**
 * The SourceModel of a Python file, read from its tree-sitter tree.
 *
 * One native call collects every node of interest in document order; a stack
 * of enclosing classes and functions (each with the offset where its body
 * starts and where it ends) gives containers and `enclosing` names without
 * asking nodes for their parents. See tsmodel.ts for why native calls are
 * rationed.
 *
 * Conventions other stages rely on:
 * - A method is a function whose innermost enclosing scope is a class body
 *   (also under an `if`/`try` inside that body); functions nested in a method
 *   are functions with the method in their container path.
 * - Module-level and class-level names: `X = …`, `X: T = …`, `X: T` and each
 *   name of `a, b = …` at module scope are constants (ALL_CAPS) or variables;
 *   at class scope they are fields. Names assigned inside functions are not
 *   symbols.
 * - Decorator expressions, default values, annotations and base classes are
 *   evaluated in the enclosing scope, so calls there are enclosed by it.
 * - Params keep their stars (`*args`, `**kwargs`); `/` and bare `*` are omitted.
 * - Call arguments: `*xs` has keyword '*', `**kw` keyword '**'; their text is
 *   the expression after the stars.
 * - `exported`: the name does not start with `_`, or is a dunder
 *   (`__init__`); always false inside a function.
 * - A docstring-only body has shape 'pass' (it does nothing) with 0 statements.
 */
import type {
  AssignmentInfo,
  BodyShape,
  CallArgument,
  CallInfo,
  CommentInfo,
  FunctionBody,
  ImportInfo,
  ImportedName,
  StringLiteralInfo,
  SourceModel,
  SymbolInfo,
  SyntaxErrorInfo,
} from './model.js';
import { clip, type TSNode, type TSTree } from './treesitter.js';
import { LineIndex, byPosition, findErrorSites, quotedValue, type ErrorSite } from './tsmodel.js';

const NODE_TYPES = [
  'class_definition',
  'function_definition',
  'decorated_definition',
  'call',
  'import_statement',
  'import_from_statement',
  'future_import_statement',
  'assignment',
  'augmented_assignment',
  'comment',
  'string',
  'try_statement',
];

const CONSTANT_NAME = /^_*[A-Z][A-Z0-9_]*$/;
const INVALID_CHAR = /[^\p{XID_Continue}\s]/u;

interface Scope {
  kind: 'class' | 'function';
  /** Dotted path including this scope's own name. */
  path: string;
  bodyStart: number;
  end: number;
  /** This scope is a function or lies inside one. */
  local: boolean;
}

export function buildPythonModel(path: string, text: string, tree: TSTree, lineCount: number): SourceModel {
  return new PythonModelBuilder(path, text, tree, lineCount).build();
}

class PythonModelBuilder {
  private readonly lines: LineIndex;
  private readonly symbols: SymbolInfo[] = [];
  private readonly imports: ImportInfo[] = [];
  private readonly calls: CallInfo[] = [];
  private readonly assignments: AssignmentInfo[] = [];
  private readonly comments: CommentInfo[] = [];
  private readonly strings: StringLiteralInfo[] = [];
  private readonly syntaxErrors: SyntaxErrorInfo[] = [];
  /** Structural problems tree-sitter accepts but CPython rejects; dropped when inside an ERROR. */
  private readonly extraErrors: { start: number; end: number; message: string }[] = [];
  private readonly scopes: Scope[] = [];
  /** Decorators of a definition, keyed by the definition's start offset. */
  private readonly decorators = new Map<number, string[]>();
  /** Docstring start offset -> end offset; strings inside are not string literals. */
  private readonly docstrings = new Map<number, number>();
  private skipStringsUntil = -1;

  constructor(
    private readonly path: string,
    private readonly text: string,
    private readonly tree: TSTree,
    private readonly lineCount: number,
  ) {
    this.lines = new LineIndex(text);
  }

  build(): SourceModel {
    const root = this.tree.rootNode;
    this.moduleDocstring(root);
    for (const node of root.descendantsOfType(NODE_TYPES)) {
      switch (node.type) {
        case 'function_definition':
          this.functionDefinition(node);
          break;
        case 'class_definition':
          this.classDefinition(node);
          break;
        case 'decorated_definition':
          this.decoratedDefinition(node);
          break;
        case 'call':
          this.call(node);
          break;
        case 'import_statement':
        case 'import_from_statement':
        case 'future_import_statement':
          this.importStatement(node);
          break;
        case 'assignment':
        case 'augmented_assignment':
          this.assignment(node);
          break;
        case 'comment':
          this.comment(node);
          break;
        case 'string':
          this.string(node);
          break;
        case 'try_statement':
          this.tryStatement(node);
          break;
      }
    }
    this.errors(root);
    for (const list of [this.symbols, this.imports, this.calls, this.assignments, this.comments, this.strings, this.syntaxErrors]) {
      list.sort(byPosition);
    }
    return {
      path: this.path,
      language: 'python',
      lineCount: this.lineCount,
      symbols: this.symbols,
      imports: this.imports,
      calls: this.calls,
      assignments: this.assignments,
      comments: this.comments,
      strings: this.strings,
      syntaxErrors: this.syntaxErrors,
      packageName: null,
    };
  }

  // ---- scopes ----

  /** The innermost class/function whose body contains `offset`. */
  private scopeAt(offset: number): Scope | null {
    const s = this.scopes;
    while (s.length > 0 && s[s.length - 1]!.end <= offset) s.pop();
    for (let i = s.length - 1; i >= 0; i--) if (s[i]!.bodyStart <= offset) return s[i]!;
    return null;
  }

  private src(node: TSNode): string {
    return this.text.slice(node.startIndex, node.endIndex);
  }

  // ---- definitions ----

  private decoratedDefinition(node: TSNode): void {
    const decorators: string[] = [];
    let definition: TSNode | null = null;
    for (const child of node.namedChildren) {
      if (child.type === 'decorator') decorators.push(this.src(child).replace(/^@/, '').trim());
      else if (child.type === 'function_definition' || child.type === 'class_definition') definition = child;
    }
    if (definition) this.decorators.set(definition.startIndex, decorators);
  }

  private functionDefinition(node: TSNode): void {
    const start = node.startIndex;
    const end = node.endIndex;
    const scope = this.scopeAt(start);
    const nameNode = node.childForFieldName('name');
    const body = node.childForFieldName('body');
    const name = nameNode ? this.src(nameNode) : '';
    const params = this.params(node.childForFieldName('parameters'));
    const analysed = body ? this.body(body, 'function', start) : null;
    const symbol: SymbolInfo = {
      kind: scope?.kind === 'class' ? 'method' : 'function',
      name,
      container: scope ? scope.path : null,
      range: this.lines.range(start, end),
      nameRange: nameNode ? this.lines.range(nameNode.startIndex, nameNode.endIndex) : this.lines.range(start, start),
      exported: !(scope?.local ?? false) && isPublic(name),
      params,
    };
    if (analysed) symbol.body = analysed.body;
    const decorators = this.decorators.get(start);
    if (decorators) symbol.decorators = decorators;
    if (analysed?.doc !== undefined) symbol.doc = analysed.doc;
    this.symbols.push(symbol);
    this.scopes.push({
      kind: 'function',
      path: scope ? `${scope.path}.${name}` : name,
      bodyStart: body ? body.startIndex : end,
      end,
      local: true,
    });
  }

  private classDefinition(node: TSNode): void {
    const start = node.startIndex;
    const end = node.endIndex;
    const scope = this.scopeAt(start);
    const nameNode = node.childForFieldName('name');
    const body = node.childForFieldName('body');
    const name = nameNode ? this.src(nameNode) : '';
    const bases: string[] = [];
    const superclasses = node.childForFieldName('superclasses');
    if (superclasses) {
      for (const arg of superclasses.namedChildren) {
        // `metaclass=…` and other keywords configure the class; they are not bases.
        if (arg.type !== 'keyword_argument' && arg.type !== 'comment') bases.push(this.src(arg));
      }
    }
    const analysed = body ? this.body(body, 'class', start) : null;
    const symbol: SymbolInfo = {
      kind: 'class',
      name,
      container: scope ? scope.path : null,
      range: this.lines.range(start, end),
      nameRange: nameNode ? this.lines.range(nameNode.startIndex, nameNode.endIndex) : this.lines.range(start, start),
      exported: !(scope?.local ?? false) && isPublic(name),
      bases,
    };
    const decorators = this.decorators.get(start);
    if (decorators) symbol.decorators = decorators;
    if (analysed?.doc !== undefined) symbol.doc = analysed.doc;
    this.symbols.push(symbol);
    this.scopes.push({
      kind: 'class',
      path: scope ? `${scope.path}.${name}` : name,
      bodyStart: body ? body.startIndex : end,
      end,
      local: scope?.local ?? false,
    });
  }

  private params(list: TSNode | null): string[] {
    const params: string[] = [];
    if (!list) return params;
    for (const p of list.namedChildren) {
      switch (p.type) {
        case 'comment':
        case 'positional_separator':
        case 'keyword_separator':
          break;
        case 'identifier':
        case 'list_splat_pattern':
        case 'dictionary_splat_pattern':
          params.push(this.src(p));
          break;
        default: {
          // typed / default / typed-default parameters: the name precedes the first `:` or `=`.
          const t = this.src(p);
          const cut = t.search(/[:=]/);
          params.push((cut >= 0 ? t.slice(0, cut) : t).trim());
        }
      }
    }
    return params;
  }

  /** Docstring and (for functions) body shape of a class or function body. */
  private body(block: TSNode, owner: 'function' | 'class', ownerStart: number): { body: FunctionBody; doc?: string } {
    const statements = block.namedChildren.filter((n) => n.type !== 'comment');
    const range = this.lines.range(block.startIndex, block.endIndex);
    if (statements.length === 0) {
      // tree-sitter accepts `def f():` followed by a dedent; CPython does not.
      const what = owner === 'function' ? 'function definition' : 'class definition';
      this.extraErrors.push({
        start: block.startIndex,
        end: block.endIndex,
        message: `expected an indented block after ${what} on line ${this.lines.line(ownerStart)}`,
      });
      return { body: { shape: 'empty', statements: 0, range } };
    }
    const doc = this.docstring(statements[0]!);
    const rest = doc === undefined ? statements : statements.slice(1);
    const shape = owner === 'function' ? this.shape(rest) : { shape: 'code' as BodyShape };
    const body: FunctionBody = { shape: shape.shape, statements: rest.length, range };
    if (shape.returned !== undefined) body.returned = shape.returned;
    return doc === undefined ? { body } : { body, doc };
  }

  private shape(statements: TSNode[]): { shape: BodyShape; returned?: string } {
    if (statements.length === 0 || statements.every((s) => isPass(s))) return { shape: 'pass' };
    if (statements.length !== 1) return { shape: 'code' };
    const only = statements[0]!;
    if (only.type === 'raise_statement' && this.raisesNotImplemented(only)) return { shape: 'not-implemented' };
    if (only.type === 'return_statement') {
      const value = only.namedChildren.filter((n) => n.type !== 'comment');
      if (value.length === 1 && this.isLiteral(value[0]!)) return { shape: 'constant-return', returned: this.src(value[0]!) };
    }
    return { shape: 'code' };
  }

  private raisesNotImplemented(raise: TSNode): boolean {
    const exc = raise.firstNamedChild;
    if (!exc) return false;
    if (exc.type === 'identifier') return this.src(exc) === 'NotImplementedError';
    if (exc.type === 'call') {
      const fn = exc.childForFieldName('function');
      return fn !== null && fn.type === 'identifier' && this.src(fn) === 'NotImplementedError';
    }
    return false;
  }

  /** A constant written in place: no names, no calls, no f-string interpolation. */
  private isLiteral(node: TSNode): boolean {
    switch (node.type) {
      case 'true':
      case 'false':
      case 'none':
      case 'integer':
      case 'float':
      case 'ellipsis':
        return true;
      case 'string':
        return !node.namedChildren.some((c) => c.type === 'interpolation');
      case 'concatenated_string':
      case 'tuple':
      case 'list':
      case 'set':
      case 'expression_list':
      case 'parenthesized_expression':
      case 'pair':
        return node.namedChildren.every((c) => c.type === 'comment' || this.isLiteral(c));
      case 'unary_operator': {
        const operand = node.childForFieldName('argument');
        return operand !== null && this.isLiteral(operand);
      }
      case 'dictionary':
        return node.namedChildren.every((c) => c.type === 'comment' || (c.type === 'pair' && this.isLiteral(c)));
      default:
        return false;
    }
  }

  /**
   * The docstring text when `statement` is a plain string expression (not an
   * f-string or bytes, which Python does not treat as docstrings); records it
   * as a comment and keeps it out of the string literals.
   */
  private docstring(statement: TSNode): string | undefined {
    if (statement.type !== 'expression_statement') return undefined;
    const parts = statement.namedChildren;
    if (parts.length !== 1) return undefined;
    const expr = parts[0]!;
    let pieces: TSNode[];
    if (expr.type === 'string') pieces = [expr];
    else if (expr.type === 'concatenated_string') pieces = expr.namedChildren.filter((n) => n.type === 'string');
    else return undefined;
    const values: string[] = [];
    for (const piece of pieces) {
      const literal = this.src(piece);
      if (/^[a-zA-Z]*[fFbB]/.test(literal)) return undefined;
      values.push(quotedValue(literal));
    }
    const start = expr.startIndex;
    const end = expr.endIndex;
    const value = values.join('');
    this.docstrings.set(start, end);
    this.comments.push({ kind: 'docstring', text: value, range: this.lines.range(start, end) });
    return value;
  }

  private moduleDocstring(root: TSNode): void {
    let first = root.firstNamedChild;
    while (first && first.type === 'comment') first = first.nextNamedSibling;
    if (first) this.docstring(first);
  }

  // ---- statements and expressions ----

  private assignment(node: TSNode): void {
    const start = node.startIndex;
    const end = node.endIndex;
    const scope = this.scopeAt(start);
    const left = node.childForFieldName('left');
    let right = node.childForFieldName('right');
    if (!left) return;
    // `a = b = 1`: each link is its own assignment node; both take the final value.
    while (right && right.type === 'assignment') right = right.childForFieldName('right');
    if (right) {
      this.assignments.push({
        target: clip(this.src(left)),
        value: clip(this.src(right)),
        range: this.lines.range(start, end),
        enclosing: scope ? scope.path : null,
      });
    }
    if (node.type !== 'assignment' || scope?.kind === 'function') return;
    for (const target of this.boundNames(left)) {
      const name = this.src(target);
      this.symbols.push({
        kind: scope ? 'field' : CONSTANT_NAME.test(name) ? 'constant' : 'variable',
        name,
        container: scope ? scope.path : null,
        range: this.lines.range(start, end),
        nameRange: this.lines.range(target.startIndex, target.endIndex),
        exported: !(scope?.local ?? false) && isPublic(name),
      });
    }
  }

  /** Identifiers an assignment target binds: `x`, each name of `a, (b, c)`, `*rest`; not `obj.attr` or `d[k]`. */
  private boundNames(target: TSNode): TSNode[] {
    switch (target.type) {
      case 'identifier':
        return [target];
      case 'pattern_list':
      case 'tuple_pattern':
      case 'list_pattern':
      case 'list_splat_pattern':
      case 'parenthesized_expression':
        return target.namedChildren.flatMap((c) => this.boundNames(c));
      default:
        return [];
    }
  }

  private call(node: TSNode): void {
    const start = node.startIndex;
    const scope = this.scopeAt(start);
    const fn = node.childForFieldName('function');
    if (!fn) return;
    const callee = this.src(fn);
    let receiver: string | null = null;
    let name = callee;
    if (fn.type === 'attribute') {
      const object = fn.childForFieldName('object');
      receiver = object ? this.src(object) : null;
      name = callee.slice(callee.lastIndexOf('.') + 1).trim();
    }
    const args: CallArgument[] = [];
    const argNode = node.childForFieldName('arguments');
    if (argNode) {
      if (argNode.type === 'generator_expression') {
        args.push({ keyword: null, text: clip(this.src(argNode)) });
      } else {
        for (const arg of argNode.namedChildren) {
          const t = arg.type;
          if (t === 'comment') continue;
          const argText = this.src(arg);
          if (t === 'keyword_argument') {
            const eq = argText.indexOf('=');
            args.push({ keyword: argText.slice(0, eq).trim(), text: clip(argText.slice(eq + 1).trim()) });
          } else if (t === 'list_splat') {
            args.push({ keyword: '*', text: clip(argText.slice(1).trim()) });
          } else if (t === 'dictionary_splat') {
            args.push({ keyword: '**', text: clip(argText.slice(2).trim()) });
          } else {
            args.push({ keyword: null, text: clip(argText) });
          }
        }
      }
    }
    this.calls.push({
      callee: clip(callee),
      receiver: receiver === null ? null : clip(receiver),
      name: clip(name),
      args,
      range: this.lines.range(start, node.endIndex),
      enclosing: scope ? scope.path : null,
    });
  }

  private importStatement(node: TSNode): void {
    const range = this.lines.range(node.startIndex, node.endIndex);
    const parent = node.parent;
    const nested = parent === null || parent.type !== 'module';
    if (node.type === 'import_statement') {
      for (const item of node.childrenForFieldName('name')) {
        const { name, alias } = this.aliased(item);
        this.imports.push({ module: name, level: 0, names: [], alias, star: false, range, nested });
      }
      return;
    }
    let module = '__future__';
    let level = 0;
    if (node.type === 'import_from_statement') {
      const moduleNode = node.childForFieldName('module_name');
      module = moduleNode ? this.src(moduleNode).replace(/\s+/g, '') : '';
      while (level < module.length && module[level] === '.') level++;
    }
    const names: ImportedName[] = [];
    let star = false;
    for (const child of node.namedChildren) {
      if (child.type === 'wildcard_import') star = true;
    }
    for (const item of node.childrenForFieldName('name')) {
      const { name, alias } = this.aliased(item);
      names.push({ name, alias, line: this.lines.line(item.startIndex) });
    }
    this.imports.push({ module, level, names, alias: null, star, range, nested });
  }

  private aliased(item: TSNode): { name: string; alias: string | null } {
    if (item.type !== 'aliased_import') return { name: this.src(item).replace(/\s+/g, ''), alias: null };
    const name = item.childForFieldName('name');
    const alias = item.childForFieldName('alias');
    return { name: name ? this.src(name).replace(/\s+/g, '') : '', alias: alias ? this.src(alias) : null };
  }

  private comment(node: TSNode): void {
    const start = node.startIndex;
    const end = node.endIndex;
    const raw = this.text.slice(start, end);
    this.comments.push({ kind: 'line', text: raw.replace(/^#/, '').trim(), range: this.lines.range(start, end) });
  }

  private string(node: TSNode): void {
    const start = node.startIndex;
    if (start < this.skipStringsUntil) return;
    const docEnd = this.docstrings.get(start);
    if (docEnd !== undefined) {
      this.skipStringsUntil = docEnd;
      return;
    }
    const end = node.endIndex;
    this.strings.push({ value: quotedValue(this.text.slice(start, end)), range: this.lines.range(start, end) });
  }

  private tryStatement(node: TSNode): void {
    for (const child of node.namedChildren) {
      const t = child.type;
      if (t === 'except_clause' || t === 'except_group_clause' || t === 'finally_clause') return;
    }
    const start = node.startIndex;
    this.extraErrors.push({ start, end: start + 3, message: "expected 'except' or 'finally' block" });
  }

  // ---- syntax errors ----

  private errors(root: TSNode): void {
    const sites = findErrorSites(root);
    const covered: { start: number; end: number }[] = [];
    for (const site of sites) {
      const message = this.errorMessage(site);
      this.syntaxErrors.push({ message: message.text, range: this.lines.range(message.start, message.end) });
      if (site.kind === 'error') covered.push(site);
    }
    for (const extra of this.extraErrors) {
      if (covered.some((c) => c.start <= extra.start && extra.start < c.end)) continue;
      this.syntaxErrors.push({ message: extra.message, range: this.lines.range(extra.start, extra.end) });
    }
  }

  private errorMessage(site: ErrorSite): { text: string; start: number; end: number } {
    const { start, end } = site;
    if (site.kind === 'error') {
      // tree-sitter wraps a character Python cannot read (an emoji in code) in an ERROR of its own.
      for (const inner of [site.node, ...site.node.descendantsOfType('ERROR')]) {
        const s = inner.startIndex;
        const chars = [...this.text.slice(s, inner.endIndex)];
        if (chars.length === 1 && INVALID_CHAR.test(chars[0]!)) {
          const cp = chars[0]!.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0');
          return { text: `invalid character '${chars[0]}' (U+${cp})`, start: s, end: inner.endIndex };
        }
      }
      return { text: 'invalid syntax', start, end };
    }
    const closes: Record<string, string> = { ')': '(', ']': '[', '}': '{' };
    const open = closes[site.type];
    if (open) return { text: `'${open}' was never closed`, start, end };
    if (site.kind === 'missing' && !site.node.isNamed) return { text: `expected '${site.type}'`, start, end };
    return { text: 'invalid syntax', start, end };
  }
}

function isPublic(name: string): boolean {
  return !name.startsWith('_') || (name.length > 4 && name.startsWith('__') && name.endsWith('__'));
}

function isPass(statement: TSNode): boolean {
  if (statement.type === 'pass_statement') return true;
  if (statement.type !== 'expression_statement') return false;
  const parts = statement.namedChildren;
  return parts.length === 1 && parts[0]!.type === 'ellipsis';
}
