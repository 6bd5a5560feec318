/**
 * The SourceModel of a Go file, read from its tree-sitter tree.
 *
 * Same approach as python.ts: the tree is copied to plain objects
 * (tsmodel.ts), walked once in document order, and a stack of enclosing
 * function/method declarations gives `enclosing`.
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
  Range,
  StringLiteralInfo,
  SourceModel,
  SymbolInfo,
  SymbolKind,
  SyntaxErrorInfo,
} from './model.js';
import { sealModel } from './model.js';
import { clip, type TSNode, type TSTree } from './treesitter.js';
import {
  LineIndex,
  childOf,
  findErrorSites,
  fragmentOf,
  lacksAny,
  liteSubtree,
  liteTree,
  named,
  quotedValue,
  startsLine,
  type ErrorSite,
  type LiteNode,
  type LitePolicy,
} from './tsmodel.js';

/** Offsets the builder reads: see LitePolicy. Each entry is used below. */
const POLICY: LitePolicy = {
  ranged: new Set([
    'source_file',
    'import_declaration',
    'import_spec',
    'function_declaration',
    'method_declaration',
    'type_spec',
    'type_alias',
    'const_spec',
    'var_spec',
    'call_expression',
    'type_conversion_expression',
    'composite_literal',
    'assignment_statement',
    'short_var_declaration',
    'comment',
    'interpreted_string_literal',
    'raw_string_literal',
    'return_statement',
  ]),
  detail: new Set([
    'package_clause',
    'import_spec',
    'function_declaration',
    'method_declaration',
    'parameter_list',
    'parameter_declaration',
    'variadic_parameter_declaration',
    'return_statement',
    'type_spec',
    'type_alias',
    'struct_type',
    'field_declaration_list',
    'field_declaration',
    'interface_type',
    'method_elem',
    'type_elem',
    'const_spec',
    'var_spec',
    'call_expression',
    'type_conversion_expression',
    'selector_expression',
    'argument_list',
    'composite_literal',
    'literal_value',
    'keyed_element',
    'assignment_statement',
    'short_var_declaration',
  ]),
  opaque: new Set(['interpreted_string_literal', 'raw_string_literal', 'rune_literal']),
  prunable: new Set([
    'qualified_type',
    'selector_expression',
    'index_expression',
    'slice_expression',
    'binary_expression',
    'type_assertion_expression',
    'inc_statement',
    'dec_statement',
    'pointer_type',
    'slice_type',
    'array_type',
    'map_type',
    'channel_type',
    'generic_type',
    'type_arguments',
    'parenthesized_type',
    'expression_list',
    'literal_element',
    'unary_expression',
    'parenthesized_expression',
  ]),
  // Inside these, calls and function types need `(`, composite and function literals `{`, strings a quote, comments `/`.
  prune: (_type, text, start, end) => lacksAny(text, start, end, '({"`/'),
};

const NAMED_TYPES = new Set(['type_identifier', 'qualified_type', 'generic_type']);
const LITERAL_LEAVES = new Set([
  'nil',
  'true',
  'false',
  'int_literal',
  'float_literal',
  'imaginary_literal',
  'rune_literal',
  'interpreted_string_literal',
  'raw_string_literal',
]);
const STRING_TYPES = new Set(['interpreted_string_literal', 'raw_string_literal']);
const DOTTED_NAME = /^[\p{L}_][\p{L}\p{N}_]*(\s*\.\s*[\p{L}_][\p{L}\p{N}_]*)*$/u;
/** Panic messages that mark a stub: "not implemented", "unimplemented", a to-do note. */
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
  private readonly lateImports: LiteNode[] = [];
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
    const stack: LiteNode[] = [liteTree(this.tree, this.text, 'go', POLICY)];
    while (stack.length > 0) {
      const node = stack.pop()!;
      switch (node.type) {
        case 'package_clause': {
          const name = childOf(node, 'package_identifier');
          if (name && this.packageName === null) this.packageName = this.src(name);
          break;
        }
        case 'import_declaration':
          // Go requires imports before any other declaration; tree-sitter does not.
          if (this.sawDeclaration) this.lateImports.push(node);
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
        case 'type_conversion_expression':
          // `Map[string, int](m)` parses as a conversion to a generic type; it is nearly always a generic call.
          if (named(node)[0]?.type === 'generic_type') this.call(node);
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
        case 'raw_string_literal':
          this.strings.push({ value: quotedValue(this.src(node)), range: this.range(node) });
          break;
      }
      const children = node.children;
      for (let i = children.length - 1; i >= 0; i--) stack.push(children[i]!);
    }
    this.attachDocs();
    this.errors();
    return sealModel({
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
    });
  }

  private src(node: LiteNode): string {
    return this.text.slice(node.start, node.end);
  }

  private range(node: LiteNode): Range {
    return this.lines.range(node.start, node.end);
  }

  private nameRange(nameNode: LiteNode | null | undefined, owner: LiteNode): Range {
    return nameNode ? this.range(nameNode) : this.lines.range(owner.start, owner.start);
  }

  private scopeAt(offset: number): Scope | null {
    const s = this.scopes;
    while (s.length > 0 && s[s.length - 1]!.end <= offset) s.pop();
    for (let i = s.length - 1; i >= 0; i--) if (s[i]!.bodyStart <= offset) return s[i]!;
    return null;
  }

  // ---- declarations ----

  private importSpec(node: LiteNode): void {
    const parts = named(node);
    const pathNode = parts.find((n) => STRING_TYPES.has(n.type));
    const nameNode = parts[0] && !STRING_TYPES.has(parts[0].type) ? parts[0] : null;
    const alias = nameNode ? this.src(nameNode) : null;
    this.imports.push({
      module: pathNode ? quotedValue(this.src(pathNode)) : '',
      level: 0,
      names: [],
      alias,
      star: alias === '.',
      range: this.range(node),
      nested: false,
    });
  }

  private functionDeclaration(node: LiteNode): void {
    this.sawDeclaration = true;
    const isMethod = node.type === 'method_declaration';
    const lists = node.children.filter((n) => n.type === 'parameter_list');
    const nameNode = childOf(node, isMethod ? 'field_identifier' : 'identifier');
    const name = nameNode ? this.src(nameNode) : '';
    const body = childOf(node, 'block');
    const paramList = lists[isMethod ? 1 : 0];
    const symbol: SymbolInfo = {
      kind: 'function',
      name,
      container: null,
      range: this.range(node),
      nameRange: this.nameRange(nameNode, node),
      exported: isExported(name),
      params: paramList ? this.params(paramList) : [],
    };
    if (isMethod) {
      const receiver = lists[0] ? this.receiverType(lists[0]) : '';
      symbol.kind = 'method';
      symbol.container = receiver;
      symbol.receiver = receiver;
    }
    // Functions implemented in assembly have no body.
    if (body) symbol.body = this.body(body);
    this.symbols.push(symbol);
    this.scopes.push({
      path: symbol.container ? `${symbol.container}.${name}` : name,
      bodyStart: body ? body.start : node.end,
      end: node.end,
    });
  }

  /** `(s *Server[T])` -> `Server`. */
  private receiverType(list: LiteNode): string {
    const param = childOf(list, 'parameter_declaration');
    const parts = param ? named(param) : [];
    const type = parts[parts.length - 1];
    if (!type) return '';
    const t = this.src(type).replace(/[\s()*]/g, '');
    const bracket = t.indexOf('[');
    return bracket >= 0 ? t.slice(0, bracket) : t;
  }

  private params(list: LiteNode): string[] {
    const params: string[] = [];
    for (const p of list.children) {
      if (p.type === 'parameter_declaration') {
        const names = p.children.filter((n) => n.type === 'identifier');
        if (names.length === 0) params.push('_');
        for (const n of names) params.push(this.src(n));
      } else if (p.type === 'variadic_parameter_declaration') {
        const n = childOf(p, 'identifier');
        params.push(n ? `...${this.src(n)}` : '...');
      }
    }
    return params;
  }

  private typeSpec(node: LiteNode): void {
    const scope = this.scopeAt(node.start);
    if (!scope) this.sawDeclaration = true;
    const parts = named(node);
    const nameNode = childOf(node, 'type_identifier');
    const type = parts.length > 1 ? parts[parts.length - 1] : undefined;
    const name = nameNode ? this.src(nameNode) : '';
    const typeType = node.type === 'type_spec' ? type?.type : undefined;
    const kind: SymbolKind = typeType === 'struct_type' ? 'struct' : typeType === 'interface_type' ? 'interface' : 'type';
    const container = scope ? scope.path : null;
    const symbol: SymbolInfo = {
      kind,
      name,
      container,
      range: this.range(node),
      nameRange: this.nameRange(nameNode, node),
      exported: !scope && isExported(name),
    };
    this.symbols.push(symbol);
    const memberContainer = container ? `${container}.${name}` : name;
    if (type && kind === 'struct') symbol.bases = this.structFields(type, memberContainer, !scope);
    if (type && kind === 'interface') symbol.bases = this.interfaceMembers(type, memberContainer, !scope);
  }

  /** Adds the field symbols; returns the embedded types. */
  private structFields(struct: LiteNode, container: string, topLevel: boolean): string[] {
    const bases: string[] = [];
    const list = childOf(struct, 'field_declaration_list');
    if (!list) return bases;
    for (const field of list.children) {
      if (field.type !== 'field_declaration') continue;
      const range = this.range(field);
      const names = field.children.filter((n) => n.type === 'field_identifier');
      if (names.length > 0) {
        for (const n of names) {
          const name = this.src(n);
          this.symbols.push({ kind: 'field', name, container, range, nameRange: this.range(n), exported: topLevel && isExported(name) });
        }
        continue;
      }
      const type = named(field).find((n) => !STRING_TYPES.has(n.type));
      if (!type) continue;
      bases.push(this.text.slice(field.start, type.end).replace(/\s+/g, ''));
      // An embedded field is named by its type, without package or type arguments.
      const typeText = this.src(type);
      const bracket = typeText.indexOf('[');
      const bare = bracket >= 0 ? typeText.slice(0, bracket) : typeText;
      const tail = bare.slice(bare.lastIndexOf('.') + 1);
      const name = tail.trim();
      const nameStart = type.start + (bare.length - tail.length) + (tail.length - tail.trimStart().length);
      this.symbols.push({
        kind: 'field',
        name,
        container,
        range,
        nameRange: this.lines.range(nameStart, nameStart + name.length),
        exported: topLevel && isExported(name),
      });
    }
    return bases;
  }

  /** Adds the method symbols; returns the embedded interfaces and types. */
  private interfaceMembers(iface: LiteNode, container: string, topLevel: boolean): string[] {
    const bases: string[] = [];
    for (const member of iface.children) {
      if (member.type === 'method_elem') {
        const nameNode = childOf(member, 'field_identifier');
        const name = nameNode ? this.src(nameNode) : '';
        const params = childOf(member, 'parameter_list');
        this.symbols.push({
          kind: 'method',
          name,
          container,
          range: this.range(member),
          nameRange: this.nameRange(nameNode, member),
          exported: topLevel && isExported(name),
          params: params ? this.params(params) : [],
        });
      } else if (member.type === 'type_elem') {
        // A constraint (`~int | ~string`) is not an embedded type.
        const parts = named(member);
        if (parts.length === 1 && NAMED_TYPES.has(parts[0]!.type)) bases.push(this.src(parts[0]!));
      }
    }
    return bases;
  }

  private valueSpec(node: LiteNode): void {
    const scope = this.scopeAt(node.start);
    const names = node.children.filter((n) => n.type === 'identifier');
    const value = childOf(node, 'expression_list');
    if (node.type === 'var_spec' && value && names.length > 0) {
      this.assignments.push({
        target: clip(names.map((n) => this.src(n)).join(', ')),
        value: clip(this.src(value)),
        range: this.range(node),
        enclosing: scope ? scope.path : null,
      });
    }
    if (scope) return;
    this.sawDeclaration = true;
    const range = this.range(node);
    for (const n of names) {
      const name = this.src(n);
      this.symbols.push({
        kind: node.type === 'const_spec' ? 'constant' : 'variable',
        name,
        container: null,
        range,
        nameRange: this.range(n),
        exported: isExported(name),
      });
    }
  }

  // ---- bodies ----

  private body(block: LiteNode): FunctionBody {
    const list = childOf(block, 'statement_list');
    const statements = list ? named(list).filter((n) => n.type !== 'empty_statement') : [];
    const body: FunctionBody = { shape: 'code', statements: statements.length, range: this.range(block) };
    if (statements.length === 0) {
      body.shape = 'empty';
    } else if (statements.length === 1) {
      const shape = this.shape(statements[0]!);
      body.shape = shape.shape;
      if (shape.returned !== undefined) body.returned = shape.returned;
    }
    return body;
  }

  private shape(statement: LiteNode): { shape: BodyShape; returned?: string } {
    if (statement.type === 'expression_statement') {
      const call = named(statement)[0];
      if (call?.type === 'call_expression' && this.panicsNotImplemented(call)) return { shape: 'not-implemented' };
    } else if (statement.type === 'return_statement') {
      // The walk prunes inside expressions; the literal check needs all of this one.
      const full = liteSubtree(this.tree, this.text, 'go', POLICY, statement.start, statement.end);
      const list = childOf(full, 'expression_list');
      if (list) {
        const values = named(list);
        if (values.length > 0 && values.every(isLiteral)) return { shape: 'constant-return', returned: this.src(list) };
      }
    }
    return { shape: 'code' };
  }

  /** `panic("not implemented")`, also with the message wrapped: `panic(errors.New("unimplemented"))`. */
  private panicsNotImplemented(call: LiteNode): boolean {
    const fn = named(call)[0];
    if (!fn || fn.type !== 'identifier' || this.src(fn) !== 'panic') return false;
    let arg = firstArgument(call);
    if (arg?.type === 'call_expression') arg = firstArgument(arg);
    if (!arg || !STRING_TYPES.has(arg.type)) return false;
    return PLACEHOLDER_TEXT.test(quotedValue(this.src(arg)));
  }

  // ---- expressions and statements ----

  private call(node: LiteNode): void {
    const scope = this.scopeAt(node.start);
    const parts = named(node);
    const fn = parts[0];
    if (!fn) return;
    const callee = this.src(fn);
    let receiver: string | null = null;
    let name = callee;
    if (fn.type === 'selector_expression') {
      // A pruned selector (no call, literal, string or comment inside) has no children: its text is exact.
      const dot = callee.lastIndexOf('.');
      const operand = named(fn)[0];
      receiver = operand ? this.src(operand) : callee.slice(0, dot).trimEnd();
      name = callee.slice(dot + 1).trim();
    } else if (fn.type !== 'identifier') {
      // `pkg.Map[int](…)`: the name is the instantiated function's.
      const split = splitDotted(callee.replace(/\[[\s\S]*$/, ''));
      if (split) ({ receiver, name } = split);
    }
    const args: CallArgument[] = [];
    const last = parts[parts.length - 1];
    const argNodes = node.type === 'type_conversion_expression' ? parts.slice(1) : last?.type === 'argument_list' ? named(last) : [];
    for (const arg of argNodes) args.push({ keyword: null, text: clip(this.src(arg)) });
    this.calls.push({
      callee: clip(callee),
      receiver: receiver === null ? null : clip(receiver),
      name: clip(name),
      args,
      range: this.range(node),
      enclosing: scope ? scope.path : null,
    });
  }

  private compositeLiteral(node: LiteNode): void {
    const parts = named(node);
    const type = parts[0];
    if (!type || !NAMED_TYPES.has(type.type)) return;
    const scope = this.scopeAt(node.start);
    const callee = this.src(type);
    const split = splitDotted(callee.replace(/\[[\s\S]*$/, ''));
    const args: CallArgument[] = [];
    const body = parts[parts.length - 1];
    if (body && body.type === 'literal_value') {
      for (const element of named(body)) {
        if (element.type === 'keyed_element') {
          const [key, value] = named(element);
          args.push({ keyword: key ? this.src(key).trim() : null, text: clip(value ? this.src(value) : '') });
        } else {
          args.push({ keyword: null, text: clip(this.src(element)) });
        }
      }
    }
    this.calls.push({
      callee: clip(callee),
      receiver: split ? split.receiver : null,
      name: split ? split.name : clip(callee),
      args,
      range: this.range(node),
      enclosing: scope ? scope.path : null,
    });
  }

  private assignment(node: LiteNode): void {
    const parts = named(node);
    if (parts.length < 2) return;
    const scope = this.scopeAt(node.start);
    this.assignments.push({
      target: clip(this.src(parts[0]!)),
      value: clip(this.src(parts[parts.length - 1]!)),
      range: this.range(node),
      enclosing: scope ? scope.path : null,
    });
  }

  private comment(node: LiteNode): void {
    const raw = this.src(node);
    const block = raw.startsWith('/*');
    const text = (block ? raw.slice(2, raw.endsWith('*/') && raw.length >= 4 ? -2 : raw.length) : raw.slice(2)).trim();
    const range = this.range(node);
    this.comments.push({ kind: block ? 'block' : 'line', text, range });
    this.commentFacts.push({ startRow: range.line - 1, endRow: range.endLine - 1, ownLine: startsLine(this.text, node.start), text });
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
      let i = byEndRow.get(symbol.range.line - 2);
      while (i !== undefined) {
        const c = this.commentFacts[i]!;
        if (!/^go:\S/.test(c.text)) parts.push(c.text);
        i = byEndRow.get(c.startRow - 1);
      }
      if (parts.length > 0) symbol.doc = parts.reverse().join('\n');
    }
  }

  // ---- syntax errors ----

  private errors(): void {
    const root = this.tree.rootNode;
    for (const site of findErrorSites(root)) {
      const message = this.errorMessage(site, root);
      if (message !== null) this.syntaxErrors.push({ message, range: this.lines.range(site.focus.start, site.focus.end) });
    }
    for (const late of this.lateImports) {
      this.syntaxErrors.push({ message: 'syntax error: imports must appear before other declarations', range: this.range(late) });
    }
  }

  private errorMessage(site: ErrorSite, root: TSNode): string | null {
    if (site.kind === 'error') return `syntax error: unexpected ${JSON.stringify(fragmentOf(this.text.slice(site.focus.start, site.focus.end)))}`;
    if (site.kind === 'missing') return `syntax error: missing ${site.type}`;
    // The terminator after the last top-level declaration of a file without a final newline: Go accepts it.
    if (site.atEnd && site.node === root) return null;
    return site.type.includes('_token') ? "syntax error: missing ';' or newline" : `syntax error: missing ${site.type}`;
  }
}

function isExported(name: string): boolean {
  return /^\p{Lu}/u.test(name);
}

function firstArgument(call: LiteNode): LiteNode | undefined {
  const parts = named(call);
  const args = parts[parts.length - 1];
  return args && args.type === 'argument_list' ? named(args)[0] : undefined;
}

/** A value written in place: no names (other than nil/true/false), no calls. */
function isLiteral(node: LiteNode): boolean {
  if (LITERAL_LEAVES.has(node.type)) return true;
  switch (node.type) {
    case 'unary_expression':
    case 'parenthesized_expression':
    case 'literal_element':
    case 'literal_value': {
      const parts = named(node);
      return parts.length > 0 ? parts.every(isLiteral) : node.type === 'literal_value';
    }
    case 'keyed_element': {
      const parts = named(node);
      return parts.length === 2 && isLiteral(parts[1]!);
    }
    case 'composite_literal': {
      const parts = named(node);
      const body = parts[parts.length - 1];
      return body !== undefined && body.type === 'literal_value' && isLiteral(body);
    }
    default:
      return false;
  }
}

/** `http.Client` -> receiver `http`, name `Client`; null when not a dotted name. */
function splitDotted(text: string): { receiver: string | null; name: string } | null {
  const t = text.trim();
  if (!DOTTED_NAME.test(t)) return null;
  const dot = t.lastIndexOf('.');
  return dot < 0 ? { receiver: null, name: t } : { receiver: t.slice(0, dot).trim(), name: t.slice(dot + 1).trim() };
}
