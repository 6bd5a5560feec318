/**
 * The SourceModel of a Python file, read from its tree-sitter tree.
 *
 * The tree is first copied to plain objects (tsmodel.ts explains why), then
 * walked once in document order; a stack of enclosing classes and functions
 * (each with the offset where its body starts and where it ends) gives
 * containers and `enclosing` names.
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
import { sealModel } from './model.js';
import { clip, type TSTree } from './treesitter.js';
import { tokenize } from './python-newer.js';
import {
  LineIndex,
  childOf,
  findErrorSites,
  lacksAny,
  liteSubtree,
  liteTree,
  named,
  quotedValue,
  type ErrorSite,
  type LiteNode,
  type LitePolicy,
} from './tsmodel.js';

/** Offsets the builder reads: see LitePolicy. Each entry is used below. */
const POLICY: LitePolicy = {
  ranged: new Set([
    'module',
    'class_definition',
    'function_definition',
    'call',
    'import_statement',
    'import_from_statement',
    'future_import_statement',
    'assignment',
    'augmented_assignment',
    'comment',
    'string',
    'concatenated_string',
    'try_statement',
    'return_statement',
  ]),
  detail: new Set([
    'decorated_definition',
    'class_definition',
    'function_definition',
    'parameters',
    'return_statement',
    'raise_statement',
    'call',
    'attribute',
    'argument_list',
    'assignment',
    'augmented_assignment',
    'pattern_list',
    'tuple_pattern',
    'list_pattern',
    'list_splat_pattern',
    'parenthesized_expression',
    'import_statement',
    'import_from_statement',
    'future_import_statement',
    'aliased_import',
  ]),
  opaque: new Set(['string_content', 'dotted_name', 'relative_import']),
  prunable: new Set([
    'string',
    'attribute',
    'subscript',
    'slice',
    'binary_operator',
    'comparison_operator',
    'boolean_operator',
    'not_operator',
    'conditional_expression',
    'keyword_argument',
    'default_parameter',
    'typed_parameter',
    'typed_default_parameter',
    'type',
    'decorator',
    'list',
    'tuple',
    'set',
    'dictionary',
    'pair',
    'unary_operator',
    'expression_list',
    'list_splat',
    'dictionary_splat',
    'lambda',
    'await',
    'named_expression',
    'generator_expression',
    'list_comprehension',
    'set_comprehension',
    'dictionary_comprehension',
  ]),
  prune(type, text, start, end) {
    // Only f-strings have parts worth visiting (calls and strings inside `{…}`).
    if (type === 'string') {
      for (let i = start; i < end; i++) {
        const c = text[i]!;
        if (c === '"' || c === "'") return true;
        if (c === 'f' || c === 'F') return false;
      }
      return true;
    }
    // Inside an expression, calls need `(`, strings a quote, comments `#`.
    return lacksAny(text, start, end, '("\'#');
  },
};

const CONSTANT_NAME = /^_*[A-Z][A-Z0-9_]*$/;
/** A non-ASCII character that cannot be part of a name: CPython's "invalid character". */
const INVALID_CHAR = /^[^\x00-\x7f\p{XID_Continue}\s]$/u;
const LITERAL_LEAVES = new Set(['true', 'false', 'none', 'integer', 'float', 'ellipsis']);
const LITERAL_CONTAINERS = new Set(['concatenated_string', 'tuple', 'list', 'set', 'expression_list', 'parenthesized_expression', 'pair']);

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
  /** Decorators of a definition, keyed by the definition node. */
  private readonly decorators = new Map<LiteNode, string[]>();
  /** Docstring nodes: they are comments, not string literals. */
  private readonly docstrings = new Set<LiteNode>();

  constructor(
    private readonly path: string,
    private readonly text: string,
    private readonly tree: TSTree,
    private readonly lineCount: number,
  ) {
    this.lines = new LineIndex(text);
  }

  build(): SourceModel {
    const root = liteTree(this.tree, this.text, 'python', POLICY);
    const first = named(root)[0];
    if (first) this.docstring(first);
    const stack: LiteNode[] = [root];
    const parents: LiteNode[] = [root];
    while (stack.length > 0) {
      const node = stack.pop()!;
      const parent = parents.pop()!;
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
          this.importStatement(node, parent);
          break;
        case 'assignment':
        case 'augmented_assignment':
          this.assignment(node);
          break;
        case 'comment':
          this.comments.push({ kind: 'line', text: this.src(node).replace(/^#/, '').trim(), range: this.range(node) });
          break;
        case 'string':
          if (!this.docstrings.has(node)) this.strings.push({ value: quotedValue(this.src(node)), range: this.range(node) });
          break;
        case 'concatenated_string':
          // The parts of a concatenated docstring are part of the docstring.
          if (this.docstrings.has(node)) for (const part of node.children) this.docstrings.add(part);
          break;
        case 'try_statement':
          this.tryStatement(node);
          break;
      }
      const children = node.children;
      for (let i = children.length - 1; i >= 0; i--) {
        stack.push(children[i]!);
        parents.push(node);
      }
    }
    this.errors();
    return sealModel({
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
    });
  }

  private src(node: LiteNode): string {
    return this.text.slice(node.start, node.end);
  }

  private range(node: LiteNode) {
    return this.lines.range(node.start, node.end);
  }

  /** The innermost class/function whose body contains `offset`. */
  private scopeAt(offset: number): Scope | null {
    const s = this.scopes;
    while (s.length > 0 && s[s.length - 1]!.end <= offset) s.pop();
    for (let i = s.length - 1; i >= 0; i--) if (s[i]!.bodyStart <= offset) return s[i]!;
    return null;
  }

  // ---- definitions ----

  private decoratedDefinition(node: LiteNode): void {
    const decorators: string[] = [];
    let definition: LiteNode | null = null;
    for (const child of node.children) {
      if (child.type === 'decorator') decorators.push(this.src(child).replace(/^@/, '').trim());
      else if (child.type === 'function_definition' || child.type === 'class_definition') definition = child;
    }
    if (definition) this.decorators.set(definition, decorators);
  }

  /** Name, body block and scope of a class or function definition; pushes its scope. */
  private definition(node: LiteNode, kind: Scope['kind']) {
    const scope = this.scopeAt(node.start);
    const nameNode = childOf(node, 'identifier');
    const body = childOf(node, 'block');
    const name = nameNode ? this.src(nameNode) : '';
    const symbol: SymbolInfo = {
      kind: kind === 'class' ? 'class' : scope?.kind === 'class' ? 'method' : 'function',
      name,
      container: scope ? scope.path : null,
      range: this.range(node),
      nameRange: this.range(nameNode ?? { ...node, end: node.start }),
      exported: !(scope?.local ?? false) && isPublic(name),
    };
    this.scopes.push({
      kind,
      path: scope ? `${scope.path}.${name}` : name,
      bodyStart: body ? body.start : node.end,
      end: node.end,
      local: kind === 'function' || (scope?.local ?? false),
    });
    return { symbol, body };
  }

  private finish(node: LiteNode, symbol: SymbolInfo, doc: string | undefined): void {
    const decorators = this.decorators.get(node);
    if (decorators) symbol.decorators = decorators;
    if (doc !== undefined) symbol.doc = doc;
    this.symbols.push(symbol);
  }

  private functionDefinition(node: LiteNode): void {
    const { symbol, body } = this.definition(node, 'function');
    const params = childOf(node, 'parameters');
    symbol.params = params ? this.params(params) : [];
    // A return annotation is a `type` child of the definition itself; parameter annotations sit inside typed parameters.
    const typed = params ? named(params).filter((p) => p.type === 'typed_parameter' || p.type === 'typed_default_parameter').length : 0;
    symbol.annotations = { params: typed, returns: childOf(node, 'type') !== null };
    const analysed = body ? this.body(body, 'function', node.start) : null;
    if (analysed) symbol.body = analysed.body;
    this.finish(node, symbol, analysed?.doc);
  }

  private classDefinition(node: LiteNode): void {
    const { symbol, body } = this.definition(node, 'class');
    const bases: string[] = [];
    const superclasses = childOf(node, 'argument_list');
    if (superclasses) {
      for (const arg of named(superclasses)) {
        // `metaclass=…` and other keywords configure the class; they are not bases.
        if (arg.type !== 'keyword_argument') bases.push(this.src(arg));
      }
    }
    symbol.bases = bases;
    const analysed = body ? this.body(body, 'class', node.start) : null;
    this.finish(node, symbol, analysed?.doc);
  }

  private params(list: LiteNode): string[] {
    const params: string[] = [];
    for (const p of named(list)) {
      switch (p.type) {
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
  private body(block: LiteNode, owner: 'function' | 'class', ownerStart: number): { body: FunctionBody; doc?: string } {
    const statements = named(block);
    const range = this.range(block);
    if (statements.length === 0) {
      // tree-sitter accepts `def f():` followed by a dedent; CPython does not.
      const what = owner === 'function' ? 'function definition' : 'class definition';
      // CPython points at the next statement (the one that is not indented), or stays on the header at the end of the file.
      const next = /\n(?:[ \t\f]*(?:#[^\n]*)?\r?\n)*[ \t\f]*(?=[^\s#])/y;
      next.lastIndex = this.text.indexOf('\n', block.start);
      const at = next.lastIndex >= 0 && next.exec(this.text) ? next.lastIndex : block.start;
      this.extraErrors.push({
        start: at,
        end: at,
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

  private shape(statements: LiteNode[]): { shape: BodyShape; returned?: string } {
    if (statements.every(isPass)) return { shape: 'pass' };
    if (statements.length !== 1) return { shape: 'code' };
    const only = statements[0]!;
    if (only.type === 'raise_statement' && this.raisesNotImplemented(only)) return { shape: 'not-implemented' };
    if (only.type === 'return_statement') {
      // The walk prunes inside expressions; the literal check needs all of this one.
      const value = named(liteSubtree(this.tree, this.text, 'python', POLICY, only.start, only.end));
      if (value.length === 1 && isLiteral(value[0]!)) return { shape: 'constant-return', returned: this.src(value[0]!) };
    }
    return { shape: 'code' };
  }

  private raisesNotImplemented(raise: LiteNode): boolean {
    const exc = named(raise)[0];
    if (exc?.type === 'identifier') return this.src(exc) === 'NotImplementedError';
    if (exc?.type === 'call') {
      const fn = named(exc)[0];
      return fn !== undefined && fn.type === 'identifier' && this.src(fn) === 'NotImplementedError';
    }
    return false;
  }

  /**
   * The docstring text when `statement` is a plain string expression (not an
   * f-string or bytes, which Python does not treat as docstrings); records it
   * as a comment and keeps it out of the string literals.
   */
  private docstring(statement: LiteNode): string | undefined {
    if (statement.type !== 'expression_statement') return undefined;
    const parts = named(statement);
    if (parts.length !== 1) return undefined;
    const expr = parts[0]!;
    let pieces: LiteNode[];
    if (expr.type === 'string') pieces = [expr];
    else if (expr.type === 'concatenated_string') pieces = named(expr);
    else return undefined;
    const values: string[] = [];
    for (const piece of pieces) {
      const literal = this.src(piece);
      if (piece.type !== 'string' || /^[a-zA-Z]*[fFbB]/.test(literal)) return undefined;
      values.push(quotedValue(literal));
    }
    const value = values.join('');
    this.docstrings.add(expr);
    this.comments.push({ kind: 'docstring', text: value, range: this.range(expr) });
    return value;
  }

  // ---- statements and expressions ----

  private assignment(node: LiteNode): void {
    const scope = this.scopeAt(node.start);
    const parts = named(node);
    const left = parts[0];
    if (!left) return;
    // `x: int` has no value; `a = b = 1` nests assignments: each link takes the final value.
    let right: LiteNode | undefined = parts.length > 1 ? parts[parts.length - 1] : undefined;
    if (right?.type === 'type') right = undefined;
    while (right?.type === 'assignment') {
      const inner = named(right);
      right = inner.length > 1 ? inner[inner.length - 1] : undefined;
      if (right?.type === 'type') right = undefined;
    }
    if (right) {
      this.assignments.push({
        target: clip(this.src(left)),
        value: clip(this.src(right)),
        range: this.range(node),
        enclosing: scope ? scope.path : null,
      });
    }
    if (node.type !== 'assignment' || scope?.kind === 'function') return;
    for (const target of boundNames(left)) {
      const name = this.src(target);
      this.symbols.push({
        kind: scope ? 'field' : CONSTANT_NAME.test(name) ? 'constant' : 'variable',
        name,
        container: scope ? scope.path : null,
        range: this.range(node),
        nameRange: this.range(target),
        exported: !(scope?.local ?? false) && isPublic(name),
      });
    }
  }

  private call(node: LiteNode): void {
    const scope = this.scopeAt(node.start);
    const parts = named(node);
    const fn = parts[0];
    if (!fn) return;
    const callee = this.src(fn);
    let receiver: string | null = null;
    let name = callee;
    if (fn.type === 'attribute') {
      // A pruned attribute (no call, string or comment inside) has no children: its text is exact.
      const dot = callee.lastIndexOf('.');
      const object = named(fn)[0];
      receiver = object ? this.src(object) : callee.slice(0, dot).trimEnd();
      name = callee.slice(dot + 1).trim();
    }
    const args: CallArgument[] = [];
    const argNode = parts.length > 1 ? parts[parts.length - 1]! : null;
    if (argNode?.type === 'generator_expression') {
      args.push({ keyword: null, text: clip(this.src(argNode)) });
    } else if (argNode) {
      for (const arg of named(argNode)) {
        const argText = this.src(arg);
        if (arg.type === 'keyword_argument') {
          const eq = argText.indexOf('=');
          args.push({ keyword: argText.slice(0, eq).trim(), text: clip(argText.slice(eq + 1).trim()) });
        } else if (arg.type === 'list_splat') {
          args.push({ keyword: '*', text: clip(argText.slice(1).trim()) });
        } else if (arg.type === 'dictionary_splat') {
          args.push({ keyword: '**', text: clip(argText.slice(2).trim()) });
        } else {
          args.push({ keyword: null, text: clip(argText) });
        }
      }
    }
    this.calls.push({
      callee: clip(callee),
      receiver: receiver === null ? null : clip(receiver),
      name: clip(name),
      args,
      range: this.range(node),
      enclosing: scope ? scope.path : null,
    });
  }

  private importStatement(node: LiteNode, parent: LiteNode): void {
    const range = this.range(node);
    const nested = parent.type !== 'module';
    const parts = named(node);
    if (node.type === 'import_statement') {
      for (const item of parts) {
        const { name, alias } = this.aliased(item);
        this.imports.push({ module: name, level: 0, names: [], alias, star: false, range, nested });
      }
      return;
    }
    let module = '__future__';
    let level = 0;
    let items = parts;
    if (node.type === 'import_from_statement') {
      module = parts[0] ? this.src(parts[0]).replace(/\s+/g, '') : '';
      while (level < module.length && module[level] === '.') level++;
      items = parts.slice(1);
    }
    const names: ImportedName[] = [];
    let star = false;
    for (const item of items) {
      if (item.type === 'wildcard_import') {
        star = true;
        continue;
      }
      const { name, alias } = this.aliased(item);
      names.push({ name, alias, line: this.lines.line(item.start) });
    }
    this.imports.push({ module, level, names, alias: null, star, range, nested });
  }

  private aliased(item: LiteNode): { name: string; alias: string | null } {
    if (item.type !== 'aliased_import') return { name: this.src(item).replace(/\s+/g, ''), alias: null };
    const [name, alias] = named(item);
    return { name: name ? this.src(name).replace(/\s+/g, '') : '', alias: alias ? this.src(alias) : null };
  }

  private tryStatement(node: LiteNode): void {
    if (childOf(node, 'except_clause', 'except_group_clause', 'finally_clause')) return;
    // CPython points at the statement after the body (the one that should have been `except`), or at `try` at the end of the file.
    const next = /[ \t\f]*(?:#[^\n]*)?(?:\r?\n[ \t\f]*(?:#[^\n]*)?)*(?=[^\s#])/y;
    next.lastIndex = node.end;
    const at = next.exec(this.text) ? next.lastIndex : node.start;
    this.extraErrors.push({ start: at, end: at + 1, message: "expected 'except' or 'finally' block" });
  }

  // ---- syntax errors ----

  private errors(): void {
    const sites = findErrorSites(this.tree.rootNode);
    const covered: { start: number; end: number }[] = [];
    // A missing closer that tree-sitter placed itself is named by errorMessage already.
    const first = sites[0];
    const bracket = first && !(first.kind === 'missing' && /^[)\]}]$/.test(first.type)) ? tokenizerError(this.text, first.focus.start, first.end) : null;
    if (bracket) this.syntaxErrors.push({ message: bracket.message, range: this.lines.range(bracket.at, bracket.at + 1) });
    for (const site of sites) {
      const message = this.errorMessage(site);
      // The bracket error is CPython's message for the first site; the others stay (they are reported only if earlier).
      if (!(bracket && site === sites[0])) this.syntaxErrors.push({ message: message.text, range: this.lines.range(message.start, message.end) });
      if (site.kind === 'error') covered.push(site);
    }
    for (const extra of this.extraErrors) {
      if (covered.some((c) => c.start <= extra.start && extra.start < c.end)) continue;
      this.syntaxErrors.push({ message: extra.message, range: this.lines.range(extra.start, extra.end) });
    }
  }

  private errorMessage(site: ErrorSite): { text: string; start: number; end: number } {
    const { start, end } = site.focus;
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
      // `f((a)=1)`, `f(a.b=1)`: a keyword argument whose name is an expression.
      if (site.node.parent?.type === 'argument_list' && this.text[start] === '=' && this.text[start + 1] !== '=') {
        return { text: 'expression cannot contain assignment, perhaps you meant "=="?', start, end };
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

/**
 * CPython's tokenizer errors, which it reports instead of the parser's error
 * when it meets them first: an unterminated string, a closing bracket that
 * matches nothing (`unmatched ')'`) or the wrong opener, and, when the parse
 * fails inside a bracket still open at the end of the file, `'(' was never
 * closed` at the innermost such bracket. `failure` and `failureEnd` are where
 * tree-sitter's first error starts and ends; a tokenizer error up to the end
 * of that error, or of the line it starts on, is read before the parser gives up.
 */
export function tokenizerError(text: string, failure: number, failureEnd: number): { at: number; message: string } | null {
  const eol = text.indexOf('\n', failure) < 0 ? text.length : text.indexOf('\n', failure);
  const cutoff = Math.max(eol, failureEnd);
  const lineOf = (offset: number) => text.slice(0, offset).split('\n').length;
  const stack: { at: number; char: string }[] = [];
  const pairs: Record<string, string> = { ')': '(', ']': '[', '}': '{' };
  for (const t of tokenize(text)) {
    // Past the cutoff only the brackets still open at the end of the file count.
    const late = t.start > cutoff;
    if (t.kind === 'string' && !late) {
      const open = /^([a-zA-Z]*)('''|"""|'|")/.exec(t.text);
      if (!open) continue;
      const body = t.text.slice(open[0].length);
      const escaped = /(\\+)$/.exec(body.slice(0, body.length - open[2]!.length))?.[1]!.length ?? 0;
      if (body.length >= open[2]!.length && body.endsWith(open[2]!) && escaped % 2 === 0) continue;
      const kind = /[fF]/.test(open[1]!) ? 'f-string' : /[tT]/.test(open[1]!) ? 't-string' : 'string';
      const triple = open[2]!.length === 3 ? 'triple-quoted ' : '';
      return { at: t.start, message: `unterminated ${triple}${kind} literal (detected at line ${lineOf(Math.max(t.start, t.end - 1))})` };
    }
    if (t.kind !== 'op') continue;
    if (t.text === '(' || t.text === '[' || t.text === '{') stack.push({ at: t.start, char: t.text });
    else if (pairs[t.text]) {
      const open = stack.pop();
      if (late) continue;
      if (!open) return { at: t.start, message: `unmatched '${t.text}'` };
      if (pairs[t.text] !== open.char) {
        const line = lineOf(open.at);
        return { at: t.start, message: `closing parenthesis '${t.text}' does not match opening parenthesis '${open.char}'${line === lineOf(t.start) ? '' : ` on line ${line}`}` };
      }
    }
  }
  const innermost = stack[stack.length - 1];
  if (innermost && stack[0]!.at <= failure) return { at: innermost.at, message: `'${innermost.char}' was never closed` };
  return null;
}

function isPublic(name: string): boolean {
  return !name.startsWith('_') || (name.length > 4 && name.startsWith('__') && name.endsWith('__'));
}

function isPass(statement: LiteNode): boolean {
  if (statement.type === 'pass_statement') return true;
  if (statement.type !== 'expression_statement') return false;
  const parts = named(statement);
  return parts.length === 1 && parts[0]!.type === 'ellipsis';
}

/** A constant written in place: no names, no calls, no f-string interpolation. */
function isLiteral(node: LiteNode): boolean {
  if (LITERAL_LEAVES.has(node.type)) return true;
  if (LITERAL_CONTAINERS.has(node.type)) return named(node).every(isLiteral);
  switch (node.type) {
    case 'string':
      return !node.children.some((c) => c.type === 'interpolation');
    case 'unary_operator': {
      const operand = named(node)[0];
      return operand !== undefined && isLiteral(operand);
    }
    case 'dictionary':
      return named(node).every((c) => c.type === 'pair' && isLiteral(c));
    default:
      return false;
  }
}

/** Identifiers an assignment target binds: `x`, each name of `a, (b, c)`, `*rest`; not `obj.attr` or `d[k]`. */
function boundNames(target: LiteNode): LiteNode[] {
  switch (target.type) {
    case 'identifier':
      return [target];
    case 'pattern_list':
    case 'tuple_pattern':
    case 'list_pattern':
    case 'list_splat_pattern':
    case 'parenthesized_expression':
      return named(target).flatMap(boundNames);
    default:
      return [];
  }
}
