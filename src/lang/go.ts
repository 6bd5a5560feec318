/**
 * The SourceModel of a Go file, read from its tree-sitter tree.
 *
 * Same approach as python.ts: one native call collects the nodes of interest
 * in document order, a stack of enclosing function/method declarations gives
 * `enclosing`, and positions come from offsets (tsmodel.ts).
 *
 * Conventions other stages rely on:
 * - A method's container and `receiver` are the receiver type's name without
 *   `*` or type arguments (`func (s *Server[T]) Run()` -> `Server`); its
 *   `enclosing` name for calls inside is `Server.Run`. Function literals are
 *   not scopes: calls inside them are enclosed by the named function.
 * - Struct fields are 'field' symbols (container = struct name). An embedded
 *   field is recorded in the struct's `bases` as written (`*pkg.Base`) and as
 *   a field named like Go names it (`Base`). Interface methods are 'method'
 *   symbols without body; embedded interfaces go to `bases`.
 * - Types declared inside a function are symbols with the function as
 *   container; local consts and vars are not symbols.
 * - Unnamed parameters are `_`; a variadic one is `...name`.
 * - `doc`: the comment lines directly above the declaration (no blank line,
 *   each on a line of its own), `//go:` directives left out.
 * - Composite literals of a named type (`http.Client{Timeout: t}`) are also
 *   calls: callee = the type as written, args = elements, keyed ones with the
 *   key as `keyword`. Slice, map and array literals are not.
 * - `var x = v` (any scope), `x := v` and `x = v` / `x += v` are assignments.
 * - A dot import (`import . "x"`) has alias '.' and star true.
 */
import type {
  AssignmentInfo,
  BodyShape,
  CallArgument,
  CallInfo,
  CommentInfo,
  FunctionBody,
  ImportInfo,
  StringLiteralInfo,
  SourceModel,
  SymbolInfo,
  SymbolKind,
  SyntaxErrorInfo,
} from './model.js';
import { clip, type TSNode, type TSTree } from './treesitter.js';
import { LineIndex, byPosition, findErrorSites, fragmentOf, quotedValue, startsLine, type ErrorSite } from './tsmodel.js';

const NODE_TYPES = [
  'package_clause',
  'import_declaration',
  'import_spec',
  'function_declaration',
  'method_declaration',
  'type_spec',
  'type_alias',
  'const_spec',
  'var_spec',
  'call_expression',
  'composite_literal',
  'assignment_statement',
  'short_var_declaration',
  'comment',
  'interpreted_string_literal',
  'raw_string_literal',
];

const NAMED_TYPES = new Set(['type_identifier', 'qualified_type', 'generic_type']);
const DOTTED_NAME = /^[\p{L}_][\p{L}\p{N}_]*(\s*\.\s*[\p{L}_][\p{L}\p{N}_]*)*$/u;
const PLACEHOLDER_TEXT = /implement|\btodo\b/i;

interface Scope {
  path: string;
  bodyStart: number;
  end: number;
}

/** What the doc-comment lookup needs to know about a comment. */
interface CommentFacts {
  startRow: number;
  endRow: number;
  ownLine: boolean;
  text: string;
}

export function buildGoModel(path: string, text: string, tree: TSTree, lineCount: number): SourceModel {
  return new GoModelBuilder(path, text, tree, lineCount).build();
}

class GoModelBuilder {
  private readonly lines: LineIndex;
  private readonly symbols: SymbolInfo[] = [];
  private readonly imports: ImportInfo[] = [];
  private readonly calls: CallInfo[] = [];
  private readonly assignments: AssignmentInfo[] = [];
  private readonly comments: CommentInfo[] = [];
  private readonly commentFacts: CommentFacts[] = [];
  private readonly strings: StringLiteralInfo[] = [];
  private readonly syntaxErrors: SyntaxErrorInfo[] = [];
  private readonly lateImports: { start: number; end: number }[] = [];
  private readonly scopes: Scope[] = [];
  private packageName: string | null = null;
  private sawDeclaration = false;

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
    for (const node of root.descendantsOfType(NODE_TYPES)) {
      switch (node.type) {
        case 'package_clause': {
          const name = node.firstNamedChild;
          if (name && this.packageName === null) this.packageName = this.src(name);
          break;
        }
        case 'import_declaration':
          // Go requires imports before any other declaration; tree-sitter does not.
          if (this.sawDeclaration) this.lateImports.push({ start: node.startIndex, end: node.endIndex });
          break;
        case 'import_spec':
          this.importSpec(node);
          break;
        case 'function_declaration':
        case 'method_declaration':
          this.functionDeclaration(node);
          break;
        case 'type_spec':
        case 'type_alias':
          this.typeSpec(node);
          break;
        case 'const_spec':
        case 'var_spec':
          this.valueSpec(node);
          break;
        case 'call_expression':
          this.call(node);
          break;
        case 'composite_literal':
          this.compositeLiteral(node);
          break;
        case 'assignment_statement':
        case 'short_var_declaration':
          this.assignment(node);
          break;
        case 'comment':
          this.comment(node);
          break;
        case 'interpreted_string_literal':
        case 'raw_string_literal': {
          const start = node.startIndex;
          const end = node.endIndex;
          this.strings.push({ value: quotedValue(this.text.slice(start, end)), range: this.lines.range(start, end) });
          break;
        }
      }
    }
    this.attachDocs();
    this.errors(root);
    for (const list of [this.symbols, this.imports, this.calls, this.assignments, this.comments, this.strings, this.syntaxErrors]) {
      list.sort(byPosition);
    }
    return {
      path: this.path,
      language: 'go',
      lineCount: this.lineCount,
      symbols: this.symbols,
      imports: this.imports,
      calls: this.calls,
      assignments: this.assignments,
      comments: this.comments,
      strings: this.strings,
      syntaxErrors: this.syntaxErrors,
      packageName: this.packageName,
    };
  }

  private src(node: TSNode): string {
    return this.text.slice(node.startIndex, node.endIndex);
  }

  private scopeAt(offset: number): Scope | null {
    const s = this.scopes;
    while (s.length > 0 && s[s.length - 1]!.end <= offset) s.pop();
    for (let i = s.length - 1; i >= 0; i--) if (s[i]!.bodyStart <= offset) return s[i]!;
    return null;
  }

  // ---- declarations ----

  private importSpec(node: TSNode): void {
    const pathNode = node.childForFieldName('path');
    const nameNode = node.childForFieldName('name');
    const alias = nameNode ? this.src(nameNode) : null;
    this.imports.push({
      module: pathNode ? quotedValue(this.src(pathNode)) : '',
      level: 0,
      names: [],
      alias,
      star: alias === '.',
      range: this.lines.range(node.startIndex, node.endIndex),
      nested: false,
    });
  }

  private functionDeclaration(node: TSNode): void {
    const start = node.startIndex;
    const end = node.endIndex;
    this.sawDeclaration = true;
    const nameNode = node.childForFieldName('name');
    const name = nameNode ? this.src(nameNode) : '';
    const body = node.childForFieldName('body');
    const symbol: SymbolInfo = {
      kind: 'function',
      name,
      container: null,
      range: this.lines.range(start, end),
      nameRange: nameNode ? this.lines.range(nameNode.startIndex, nameNode.endIndex) : this.lines.range(start, start),
      exported: isExported(name),
      params: this.params(node.childForFieldName('parameters')),
    };
    if (node.type === 'method_declaration') {
      const receiver = this.receiverType(node.childForFieldName('receiver'));
      symbol.kind = 'method';
      symbol.container = receiver;
      symbol.receiver = receiver;
    }
    // Functions implemented in assembly have no body.
    if (body) symbol.body = this.body(body);
    this.symbols.push(symbol);
    this.scopes.push({
      path: symbol.container ? `${symbol.container}.${name}` : name,
      bodyStart: body ? body.startIndex : end,
      end,
    });
  }

  /** `(s *Server[T])` -> `Server`. */
  private receiverType(list: TSNode | null): string {
    const param = list?.namedChildren.find((n) => n.type === 'parameter_declaration');
    const type = param?.childForFieldName('type');
    if (!type) return '';
    const t = this.src(type).replace(/[\s()*]/g, '');
    const bracket = t.indexOf('[');
    return bracket >= 0 ? t.slice(0, bracket) : t;
  }

  private params(list: TSNode | null): string[] {
    const params: string[] = [];
    if (!list) return params;
    for (const p of list.namedChildren) {
      if (p.type === 'parameter_declaration') {
        const names = p.childrenForFieldName('name').filter((n) => n.type === 'identifier');
        if (names.length === 0) params.push('_');
        for (const n of names) params.push(this.src(n));
      } else if (p.type === 'variadic_parameter_declaration') {
        const n = p.childForFieldName('name');
        params.push(n ? `...${this.src(n)}` : '...');
      }
    }
    return params;
  }

  private typeSpec(node: TSNode): void {
    const start = node.startIndex;
    const end = node.endIndex;
    const scope = this.scopeAt(start);
    if (!scope) this.sawDeclaration = true;
    const nameNode = node.childForFieldName('name');
    const type = node.childForFieldName('type');
    const name = nameNode ? this.src(nameNode) : '';
    const typeType = node.type === 'type_spec' ? type?.type : undefined;
    const kind: SymbolKind = typeType === 'struct_type' ? 'struct' : typeType === 'interface_type' ? 'interface' : 'type';
    const container = scope ? scope.path : null;
    const symbol: SymbolInfo = {
      kind,
      name,
      container,
      range: this.lines.range(start, end),
      nameRange: nameNode ? this.lines.range(nameNode.startIndex, nameNode.endIndex) : this.lines.range(start, start),
      exported: !scope && isExported(name),
    };
    this.symbols.push(symbol);
    const memberContainer = container ? `${container}.${name}` : name;
    if (type && kind === 'struct') symbol.bases = this.structFields(type, memberContainer, !scope);
    if (type && kind === 'interface') symbol.bases = this.interfaceMembers(type, memberContainer, !scope);
  }

  /** Adds the field symbols; returns the embedded types. */
  private structFields(struct: TSNode, container: string, topLevel: boolean): string[] {
    const bases: string[] = [];
    const list = struct.namedChildren.find((n) => n.type === 'field_declaration_list');
    if (!list) return bases;
    for (const field of list.namedChildren) {
      if (field.type !== 'field_declaration') continue;
      const start = field.startIndex;
      const end = field.endIndex;
      const range = this.lines.range(start, end);
      const names = field.childrenForFieldName('name').filter((n) => n.type === 'field_identifier');
      if (names.length === 0) {
        const type = field.childForFieldName('type');
        if (!type) continue;
        const typeStart = type.startIndex;
        const typeEnd = type.endIndex;
        bases.push(this.text.slice(start, typeEnd).replace(/\s+/g, ''));
        // An embedded field is named by its type, without package or type arguments.
        const typeText = this.text.slice(typeStart, typeEnd);
        const bracket = typeText.indexOf('[');
        const bare = bracket >= 0 ? typeText.slice(0, bracket) : typeText;
        const tail = bare.slice(bare.lastIndexOf('.') + 1);
        const name = tail.trim();
        const nameStart = typeStart + (bare.length - tail.length) + (tail.length - tail.trimStart().length);
        this.symbols.push({
          kind: 'field',
          name,
          container,
          range,
          nameRange: this.lines.range(nameStart, nameStart + name.length),
          exported: topLevel && isExported(name),
        });
        continue;
      }
      for (const n of names) {
        const name = this.src(n);
        this.symbols.push({
          kind: 'field',
          name,
          container,
          range,
          nameRange: this.lines.range(n.startIndex, n.endIndex),
          exported: topLevel && isExported(name),
        });
      }
    }
    return bases;
  }

  /** Adds the method symbols; returns the embedded interfaces and types. */
  private interfaceMembers(iface: TSNode, container: string, topLevel: boolean): string[] {
    const bases: string[] = [];
    for (const member of iface.namedChildren) {
      if (member.type === 'method_elem') {
        const nameNode = member.childForFieldName('name');
        const name = nameNode ? this.src(nameNode) : '';
        const start = member.startIndex;
        this.symbols.push({
          kind: 'method',
          name,
          container,
          range: this.lines.range(start, member.endIndex),
          nameRange: nameNode ? this.lines.range(nameNode.startIndex, nameNode.endIndex) : this.lines.range(start, start),
          exported: topLevel && isExported(name),
          params: this.params(member.childForFieldName('parameters')),
        });
      } else if (member.type === 'type_elem') {
        // A constraint (`~int | ~string`) is not an embedded type.
        const parts = member.namedChildren;
        if (parts.length === 1 && NAMED_TYPES.has(parts[0]!.type)) bases.push(this.src(parts[0]!));
      }
    }
    return bases;
  }

  private valueSpec(node: TSNode): void {
    const start = node.startIndex;
    const end = node.endIndex;
    const scope = this.scopeAt(start);
    const names = node.childrenForFieldName('name').filter((n) => n.type === 'identifier');
    const value = node.childForFieldName('value');
    if (node.type === 'var_spec' && value && names.length > 0) {
      this.assignments.push({
        target: clip(names.map((n) => this.src(n)).join(', ')),
        value: clip(this.src(value)),
        range: this.lines.range(start, end),
        enclosing: scope ? scope.path : null,
      });
    }
    if (scope) return;
    this.sawDeclaration = true;
    const range = this.lines.range(start, end);
    for (const n of names) {
      const name = this.src(n);
      this.symbols.push({
        kind: node.type === 'const_spec' ? 'constant' : 'variable',
        name,
        container: null,
        range,
        nameRange: this.lines.range(n.startIndex, n.endIndex),
        exported: isExported(name),
      });
    }
  }

  // ---- bodies ----

  private body(block: TSNode): FunctionBody {
    const range = this.lines.range(block.startIndex, block.endIndex);
    const list = block.namedChildren.find((n) => n.type === 'statement_list');
    const statements = list ? list.namedChildren.filter((n) => n.type !== 'comment' && n.type !== 'empty_statement') : [];
    const body: FunctionBody = { shape: 'code', statements: statements.length, range };
    if (statements.length === 0) {
      body.shape = 'empty';
    } else if (statements.length === 1) {
      const shape = this.shape(statements[0]!);
      body.shape = shape.shape;
      if (shape.returned !== undefined) body.returned = shape.returned;
    }
    return body;
  }

  private shape(statement: TSNode): { shape: BodyShape; returned?: string } {
    if (statement.type === 'expression_statement') {
      const call = statement.firstNamedChild;
      if (call?.type === 'call_expression' && this.panicsNotImplemented(call)) return { shape: 'not-implemented' };
    } else if (statement.type === 'return_statement') {
      const list = statement.namedChildren.find((n) => n.type === 'expression_list');
      if (list) {
        const values = list.namedChildren.filter((n) => n.type !== 'comment');
        if (values.length > 0 && values.every((v) => this.isLiteral(v))) return { shape: 'constant-return', returned: this.src(list) };
      }
    }
    return { shape: 'code' };
  }

  /** `panic("not implemented")`, also with the message wrapped: `panic(errors.New("TODO"))`. */
  private panicsNotImplemented(call: TSNode): boolean {
    const fn = call.childForFieldName('function');
    if (!fn || fn.type !== 'identifier' || this.src(fn) !== 'panic') return false;
    let arg = this.firstArgument(call);
    if (arg?.type === 'call_expression') arg = this.firstArgument(arg);
    if (!arg || (arg.type !== 'interpreted_string_literal' && arg.type !== 'raw_string_literal')) return false;
    return PLACEHOLDER_TEXT.test(quotedValue(this.src(arg)));
  }

  private firstArgument(call: TSNode): TSNode | undefined {
    const args = call.childForFieldName('arguments');
    return args?.namedChildren.find((n) => n.type !== 'comment');
  }

  /** A value written in place: no names (other than nil/true/false), no calls. */
  private isLiteral(node: TSNode): boolean {
    switch (node.type) {
      case 'nil':
      case 'true':
      case 'false':
      case 'int_literal':
      case 'float_literal':
      case 'imaginary_literal':
      case 'rune_literal':
      case 'interpreted_string_literal':
      case 'raw_string_literal':
        return true;
      case 'unary_expression': {
        const operand = node.childForFieldName('operand');
        return operand !== null && this.isLiteral(operand);
      }
      case 'parenthesized_expression':
      case 'literal_element':
      case 'literal_value':
        return node.namedChildren.every((c) => c.type === 'comment' || this.isLiteral(c));
      case 'keyed_element': {
        const value = node.childForFieldName('value');
        return value !== null && this.isLiteral(value);
      }
      case 'composite_literal': {
        const body = node.childForFieldName('body');
        return body !== null && this.isLiteral(body);
      }
      default:
        return false;
    }
  }

  // ---- expressions and statements ----

  private call(node: TSNode): void {
    const start = node.startIndex;
    const scope = this.scopeAt(start);
    const fn = node.childForFieldName('function');
    if (!fn) return;
    const callee = this.src(fn);
    let receiver: string | null = null;
    let name = callee;
    if (fn.type === 'selector_expression') {
      const operand = fn.childForFieldName('operand');
      receiver = operand ? this.src(operand) : null;
      name = callee.slice(callee.lastIndexOf('.') + 1).trim();
    } else if (fn.type !== 'identifier') {
      // `pkg.Map[int](…)`: the name is the instantiated function's.
      const split = splitDotted(callee.replace(/\[[\s\S]*$/, ''));
      if (split) ({ receiver, name } = split);
    }
    const args: CallArgument[] = [];
    const argNode = node.childForFieldName('arguments');
    if (argNode) {
      for (const arg of argNode.namedChildren) {
        if (arg.type !== 'comment') args.push({ keyword: null, text: clip(this.src(arg)) });
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

  private compositeLiteral(node: TSNode): void {
    const type = node.childForFieldName('type');
    if (!type || !NAMED_TYPES.has(type.type)) return;
    const start = node.startIndex;
    const scope = this.scopeAt(start);
    const callee = this.src(type);
    const split = splitDotted(callee.replace(/\[[\s\S]*$/, ''));
    const args: CallArgument[] = [];
    const body = node.childForFieldName('body');
    if (body) {
      for (const element of body.namedChildren) {
        if (element.type === 'keyed_element') {
          const key = element.childForFieldName('key');
          const value = element.childForFieldName('value');
          args.push({ keyword: key ? this.src(key).trim() : null, text: clip(value ? this.src(value) : '') });
        } else if (element.type === 'literal_element') {
          args.push({ keyword: null, text: clip(this.src(element)) });
        }
      }
    }
    this.calls.push({
      callee: clip(callee),
      receiver: split ? split.receiver : null,
      name: split ? split.name : callee,
      args,
      range: this.lines.range(start, node.endIndex),
      enclosing: scope ? scope.path : null,
    });
  }

  private assignment(node: TSNode): void {
    const left = node.childForFieldName('left');
    const right = node.childForFieldName('right');
    if (!left || !right) return;
    const start = node.startIndex;
    const scope = this.scopeAt(start);
    this.assignments.push({
      target: clip(this.src(left)),
      value: clip(this.src(right)),
      range: this.lines.range(start, node.endIndex),
      enclosing: scope ? scope.path : null,
    });
  }

  private comment(node: TSNode): void {
    const start = node.startIndex;
    const end = node.endIndex;
    const raw = this.text.slice(start, end);
    const block = raw.startsWith('/*');
    const text = (block ? raw.slice(2, raw.endsWith('*/') && raw.length >= 4 ? -2 : raw.length) : raw.slice(2)).trim();
    const range = this.lines.range(start, end);
    this.comments.push({ kind: block ? 'block' : 'line', text, range });
    this.commentFacts.push({ startRow: range.line - 1, endRow: range.endLine - 1, ownLine: startsLine(this.text, start), text });
  }

  /** Gives each symbol the comment block that ends on the line just above it. */
  private attachDocs(): void {
    const byEndRow = new Map<number, number>();
    this.commentFacts.forEach((c, i) => {
      if (c.ownLine) byEndRow.set(c.endRow, i);
    });
    if (byEndRow.size === 0) return;
    for (const symbol of this.symbols) {
      const parts: string[] = [];
      let row = symbol.range.line - 2;
      let i = byEndRow.get(row);
      while (i !== undefined) {
        const c = this.commentFacts[i]!;
        if (!/^go:\S/.test(c.text)) parts.push(c.text);
        row = c.startRow - 1;
        i = byEndRow.get(row);
      }
      if (parts.length > 0) symbol.doc = parts.reverse().join('\n');
    }
  }

  // ---- syntax errors ----

  private errors(root: TSNode): void {
    for (const site of findErrorSites(root)) {
      const message = this.errorMessage(site, root);
      if (message !== null) this.syntaxErrors.push({ message, range: this.lines.range(site.start, site.end) });
    }
    for (const late of this.lateImports) {
      this.syntaxErrors.push({
        message: 'syntax error: imports must appear before other declarations',
        range: this.lines.range(late.start, late.end),
      });
    }
  }

  private errorMessage(site: ErrorSite, root: TSNode): string | null {
    if (site.kind === 'error') return `syntax error: unexpected ${JSON.stringify(fragmentOf(this.text.slice(site.start, site.end)))}`;
    if (site.kind === 'missing') return `syntax error: missing ${site.type}`;
    // The terminator after the last top-level declaration of a file without a final newline: Go accepts it.
    if (site.atEnd && site.node === root) return null;
    return site.type.includes('_token') ? "syntax error: missing ';' or newline" : `syntax error: missing ${site.type}`;
  }
}

function isExported(name: string): boolean {
  return /^\p{Lu}/u.test(name);
}

/** `http.Client` -> receiver `http`, name `Client`; null when not a dotted name. */
function splitDotted(text: string): { receiver: string | null; name: string } | null {
  const t = text.trim();
  if (!DOTTED_NAME.test(t)) return null;
  const dot = t.lastIndexOf('.');
  return dot < 0 ? { receiver: null, name: t } : { receiver: t.slice(0, dot).trim(), name: t.slice(dot + 1).trim() };
}
