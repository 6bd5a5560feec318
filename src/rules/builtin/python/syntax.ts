/**
 * Python syntax errors: the parser's ERROR/MISSING sites (with line and
 * column, from the SourceModel), plus what tree-sitter-python accepts and
 * CPython rejects: `return`/`yield` outside a function, `break`/`continue`
 * outside a loop, `await` outside an async function, Python 2 `print`/`exec`
 * statements, `nonlocal` at module level, a positional argument after a
 * keyword argument, a parameter without default after one with a default,
 * duplicate parameter names.
 */
import type { RawFinding, TreeRule } from '../../types.js';
import type { TSNode } from '../../../lang/treesitter.js';
import { parsePython, tokenize } from '../../../lang/python-newer.js';

const FUTURE_FEATURES = new Set(['nested_scopes', 'generators', 'division', 'absolute_import', 'with_statement', 'print_function', 'unicode_literals', 'barry_as_FLUFL', 'generator_stop', 'annotations']);

const FUNCTION_TYPES = new Set(['function_definition', 'lambda']);
const LOOP_TYPES = new Set(['for_statement', 'while_statement']);

/** Constructs CPython rejects that tree-sitter-python parses without an ERROR node. */
export function pythonOnlyErrors(root: TSNode, text: string): { line: number; column: number; message: string }[] {
  const out: { line: number; column: number; message: string }[] = [];
  const at = (n: TSNode, message: string) => out.push({ line: n.startPosition.row + 1, column: n.startPosition.column + 1, message });
  const enclosing = (n: TSNode, stop: Set<string>, through?: Set<string>): TSNode | null => {
    for (let p = n.parent; p; p = p.parent) {
      if (stop.has(p.type)) return p;
      if (through && !through.has(p.type) && (p.type === 'function_definition' || p.type === 'class_definition' || p.type === 'lambda')) return null;
    }
    return null;
  };
  for (const n of root.descendantsOfType([
    'return_statement',
    'yield',
    'await',
    'break_statement',
    'continue_statement',
    'print_statement',
    'exec_statement',
    'nonlocal_statement',
    'argument_list',
    'parameters',
    'future_import_statement',
    'integer',
    'type_parameter',
    'import_statement',
    'import_from_statement',
    'identifier',
    'concatenated_string',
    'lambda_parameters',
    'list_splat',
    'list_splat_pattern',
    'tuple_pattern',
    'list_pattern',
    'pattern_list',
    'block',
  ])) {
    switch (n.type) {
      case 'list_splat': {
        const message = starredError(n);
        if (message) at(n, message);
        break;
      }
      case 'list_splat_pattern': {
        // `*a = …` and `for *a in …`: a starred target alone.
        const p = n.parent;
        if ((p?.type === 'assignment' || p?.type === 'for_statement' || p?.type === 'for_in_clause') && sameNode(p.childForFieldName('left'), n)) {
          at(n, 'starred assignment target must be in a list or tuple');
        }
        break;
      }
      case 'tuple_pattern':
      case 'list_pattern':
      case 'pattern_list':
        if (n.namedChildren.filter((c) => c.type === 'list_splat_pattern').length > 1) at(n, 'multiple starred expressions in assignment');
        else if (n.parent?.type === 'case_pattern' || n.parent?.type === 'case_clause') {
          if (n.namedChildren.filter((c) => c.type === 'case_pattern' && c.namedChild(0)?.type === 'splat_pattern').length > 1) at(n, 'multiple starred names in sequence pattern');
        }
        break;
      case 'block': {
        const owner = n.parent;
        const what = owner ? BLOCK_OWNERS[owner.type] : undefined;
        if (!what || n.namedChildren.some((c) => c.type !== 'comment')) break;
        // CPython points at the next statement, which is not indented: the first code after the header's line.
        const next = /\n(?:[ \t\f]*(?:#[^\n]*)?\r?\n)*[ \t\f]*(?=[^\s#])/y;
        next.lastIndex = text.indexOf('\n', owner!.startIndex);
        const offset = next.lastIndex >= 0 && next.exec(text) ? next.lastIndex : n.startIndex;
        const line = text.slice(0, offset).split('\n').length;
        out.push({ line, column: 1, message: `expected an indented block after '${what}' statement on line ${owner!.startPosition.row + 1}` });
        break;
      }
      case 'identifier':
        if (n.text === '__debug__' && boundName(n)) at(n, n.parent?.type === 'delete_statement' ? 'cannot delete __debug__' : 'cannot assign to __debug__');
        break;
      case 'concatenated_string': {
        const bytes = n.namedChildren.filter((c) => c.type === 'string').map((c) => /^[a-zA-Z]*[bB]/.test(c.text));
        if (bytes.includes(true) && bytes.includes(false)) at(n, 'cannot mix bytes and nonbytes literals');
        break;
      }
      case 'type_parameter':
        if (!declaresTypeParameters(n)) break;
        for (const e of typeParameterErrors(text, n.startIndex, n.endIndex)) {
          out.push({ line: n.startPosition.row + 1, column: n.startPosition.column + 1 + e.offset, message: e.message });
        }
        break;
      case 'import_statement':
      case 'import_from_statement': {
        // The tree holds `import`/`from` where the source says `lazy` (see lang/python-newer.ts).
        if (!text.startsWith('lazy', n.startIndex)) break;
        const from = n.type === 'import_from_statement';
        const message = lazyImportError(n, from);
        if (message) at(n, message);
        break;
      }
      case 'future_import_statement': {
        for (const name of n.namedChildren) {
          if (name.type === 'comment' || name.type === 'line_continuation') continue;
          const feature = name.text.replace(/\s+as\s+.*$/, '');
          if (feature === 'braces') at(name, 'not a chance');
          else if (!FUTURE_FEATURES.has(feature)) at(name, `future feature ${feature} is not defined`);
        }
        if (!futureAtTop(n)) at(n, 'from __future__ imports must occur at the beginning of the file');
        break;
      }
      case 'integer':
        if (/^0+[1-9][0-9_]*$/.test(n.text)) at(n, 'leading zeros in decimal integer literals are not permitted; use an 0o prefix for octal integers');
        break;
      case 'return_statement':
        if (!enclosing(n, FUNCTION_TYPES, FUNCTION_TYPES)) at(n, "'return' outside function");
        break;
      case 'yield': {
        const scope = scopeOf(n);
        const kind = scope ? COMPREHENSION_NAMES[scope.type] : undefined;
        if (kind) at(n, `'yield' inside ${kind}`);
        else if (!scope || scope.type === 'class_definition') at(n, n.children.some((c) => c.type === 'from') ? "'yield from' outside function" : "'yield' outside function");
        break;
      }
      case 'await': {
        // Top-level await is only valid in notebooks/REPLs; inside a non-async def it is an error too.
        let scope = scopeOf(n);
        let comprehension: TSNode | null = null;
        while (scope && COMPREHENSION_NAMES[scope.type]) {
          comprehension ??= scope;
          scope = scopeOf(scope);
        }
        if (!scope || scope.type === 'class_definition') {
          // CPython names the comprehension itself for an await inside one.
          if (comprehension && scope === null) at(comprehension, 'asynchronous comprehension outside of an asynchronous function');
          else at(n, "'await' outside function");
        } else if (scope.type === 'function_definition' && !scope.children.some((c) => c.type === 'async')) {
          if (!insideAsyncComprehension(n, scope)) at(n, "'await' outside async function");
        }
        break;
      }
      case 'break_statement':
      case 'continue_statement':
        if (!loopAround(n)) at(n, n.type === 'break_statement' ? "'break' outside loop" : "'continue' not properly in loop");
        break;
      case 'print_statement':
        // `print >> f, x` is a valid (if useless) Python 3 expression statement.
        if (!n.namedChildren.some((c) => c.type === 'chevron')) at(n, "Missing parentheses in call to 'print' (a Python 2 print statement)");
        break;
      case 'exec_statement':
        at(n, "Missing parentheses in call to 'exec' (a Python 2 exec statement)");
        break;
      case 'nonlocal_statement':
        if (!enclosing(n, FUNCTION_TYPES, new Set([...FUNCTION_TYPES, 'class_definition']))) at(n, 'nonlocal declaration not allowed at module level');
        break;
      case 'argument_list': {
        let keyword: TSNode | null = null;
        let kwSplat = false;
        const names = new Set<string>();
        for (const a of n.namedChildren) {
          if (a.type === 'comment' || a.type === 'line_continuation') continue;
          if (a.type === 'keyword_argument') {
            const name = a.childForFieldName('name')?.text ?? '';
            if (names.has(name)) at(a, `keyword argument repeated: ${name}`);
            names.add(name);
          }
          if (a.type === 'keyword_argument') keyword = a;
          else if (a.type === 'dictionary_splat') kwSplat = true;
          else if (a.type === 'list_splat') {
            if (kwSplat) at(a, 'iterable argument unpacking follows keyword argument unpacking');
          } else if (keyword || kwSplat) {
            // class C(Base, metaclass=M) is an argument_list too; positional after keyword is an error in both.
            at(a, kwSplat ? 'positional argument follows keyword argument unpacking' : 'positional argument follows keyword argument');
            break;
          }
        }
        break;
      }
      case 'parameters':
      case 'lambda_parameters': {
        let defaulted = false;
        let starSeen = false;
        const names = new Set<string>();
        const order = parameterOrderError(n);
        if (order) at(order.node, order.message);
        for (const p of n.namedChildren) {
          if (p.type === 'comment' || p.type === 'line_continuation') continue;
          const bare = p.type === 'typed_parameter' ? (p.namedChild(0) ?? p) : p;
          if (bare.type === 'list_splat_pattern' || bare.type === 'keyword_separator' || bare.type === 'dictionary_splat_pattern') starSeen = true;
          if (p.type === 'default_parameter' || p.type === 'typed_default_parameter') defaulted = true;
          else if (bare.type === 'identifier' && defaulted && !starSeen) {
            at(p, 'parameter without a default follows parameter with a default');
          }
          const id = p.type === 'identifier' ? p : (p.childForFieldName('name') ?? p.descendantsOfType('identifier')[0] ?? null);
          if (id) {
            if (names.has(id.text)) at(p, `duplicate argument '${id.text}' in function definition`);
            names.add(id.text);
          }
        }
        break;
      }
    }
  }
  for (const e of statementsAcrossLines(root, text)) out.push(e);
  return out;
}

/** Compound statements (other than def and class, which the SourceModel checks) whose block may not be empty. */
const BLOCK_OWNERS: Record<string, string> = {
  if_statement: 'if',
  elif_clause: 'elif',
  else_clause: 'else',
  for_statement: 'for',
  while_statement: 'while',
  with_statement: 'with',
  try_statement: 'try',
  except_clause: 'except',
  except_group_clause: 'except*',
  finally_clause: 'finally',
  case_clause: 'case',
};

/**
 * Where a starred expression stands alone (`return *x`, `(*x)`, `x + *y`,
 * `lambda: *x`), CPython's message; null where a star may stand or where
 * tree-sitter's tree is too loose to tell (it reads `*a | b` as `(*a) | b`,
 * and hangs `a, *b` directly under the statement).
 */
function starredError(n: TSNode): string | null {
  const p = n.parent;
  if (!p) return null;
  const comma = p.children.some((c) => c.type === ',');
  switch (p.type) {
    case 'tuple':
      // `(*x)` is a parenthesized star, `(*x,)` a tuple.
      return p.namedChildCount === 1 && !comma ? 'cannot use starred expression here' : null;
    case 'parenthesized_expression':
      return 'cannot use starred expression here';
    case 'return_statement':
    case 'yield':
    case 'for_statement':
    case 'assignment':
    case 'augmented_assignment':
    case 'expression_statement':
      return comma || (p.type === 'for_statement' && !sameNode(p.childForFieldName('right'), n)) ? null : "can't use starred expression here";
    case 'binary_operator':
    case 'boolean_operator':
    case 'comparison_operator':
      return sameNode(p.namedChild(0), n) ? null : 'invalid syntax';
    case 'lambda':
      return sameNode(p.childForFieldName('body'), n) ? 'invalid syntax' : null;
    default:
      return null;
  }
}

/**
 * The order CPython requires of parameters: at most one `/`, ahead of any
 * `*`; one `*` (bare or `*args`); a bare `*` followed by a named parameter;
 * nothing after `**kwargs`.
 */
function parameterOrderError(n: TSNode): { node: TSNode; message: string } | null {
  let slash = false;
  let star: TSNode | null = null;
  let named = false;
  let kwargs = false;
  for (const p of n.namedChildren) {
    if (p.type === 'comment' || p.type === 'line_continuation') continue;
    const bare = p.type === 'typed_parameter' || p.type === 'default_parameter' ? (p.namedChild(0) ?? p) : p;
    if (kwargs) return { node: p, message: 'arguments cannot follow var-keyword argument' };
    if (bare.type === 'positional_separator') {
      if (slash) return { node: p, message: '/ may appear only once' };
      if (star) return { node: p, message: '/ must be ahead of *' };
      slash = true;
    } else if (bare.type === 'keyword_separator' || bare.type === 'list_splat_pattern') {
      if (star) return { node: p, message: '* argument may appear only once' };
      star = bare;
      if (p.type === 'default_parameter') return { node: p, message: 'var-positional argument cannot have default value' };
    } else if (bare.type === 'dictionary_splat_pattern') {
      if (star?.type === 'keyword_separator' && !named) return { node: star, message: 'named arguments must follow bare *' };
      if (p.type === 'default_parameter') return { node: p, message: 'var-keyword argument cannot have default value' };
      kwargs = true;
    } else if (star) named = true;
  }
  if (star?.type === 'keyword_separator' && !named) return { node: star, message: 'named arguments must follow bare *' };
  return null;
}

/** Where a name is bound (assigned, deleted, a parameter, a keyword argument), which `__debug__` never may be. */
function boundName(n: TSNode): boolean {
  let child = n;
  for (let p = n.parent; p; child = p, p = p.parent) {
    switch (p.type) {
      case 'pattern_list':
      case 'tuple_pattern':
      case 'list_pattern':
      case 'list_splat_pattern':
      case 'parenthesized_expression':
        continue;
      case 'assignment':
      case 'augmented_assignment':
      case 'for_statement':
      case 'for_in_clause':
      case 'named_expression':
        return sameNode(p.childForFieldName(p.type === 'named_expression' ? 'name' : 'left'), child);
      case 'delete_statement':
      case 'parameters':
      case 'lambda_parameters':
      case 'as_pattern_target':
      case 'global_statement':
      case 'nonlocal_statement':
        return true;
      case 'class_definition':
      case 'function_definition':
        return sameNode(p.childForFieldName('name'), child);
      case 'aliased_import':
        return sameNode(p.childForFieldName('alias'), child);
      case 'dotted_name':
        // `import __debug__`, `from m import __debug__`, a capture pattern `case __debug__:`; not `a.__debug__`.
        if (p.namedChildCount !== 1) return false;
        return p.parent?.type === 'case_pattern' || ((p.parent?.type === 'import_statement' || p.parent?.type === 'import_from_statement') && !sameNode(p.parent.childForFieldName('module_name'), p));
      case 'type':
        return p.parent?.type === 'type_alias_statement' && sameNode(p.parent.childForFieldName('left'), p);
      case 'default_parameter':
      case 'typed_parameter':
      case 'typed_default_parameter':
      case 'keyword_argument':
        return child === p.namedChildren[0] || sameNode(p.childForFieldName('name'), child) || (p.type === 'typed_parameter' && sameNode(p.namedChild(0), child));
      default:
        return false;
    }
  }
  return false;
}

const SIMPLE_STATEMENTS = new Set([
  'expression_statement', 'return_statement', 'delete_statement', 'raise_statement', 'assert_statement', 'global_statement',
  'nonlocal_statement', 'import_statement', 'import_from_statement', 'type_alias_statement',
]);

/**
 * tree-sitter-python's scanner drops a line break that would end a simple
 * statement early (`x = 1 +` then `2` on the next line reads as `x = 1 + 2`);
 * CPython ends the logical line there, outside brackets and without a
 * backslash, and reports invalid syntax on the first line.
 */
function statementsAcrossLines(root: TSNode, text: string): { line: number; column: number; message: string }[] {
  const breaks = tokenize(text).filter((t) => t.kind === 'newline').map((t) => t.start);
  if (breaks.length === 0) return [];
  const out: { line: number; column: number; message: string }[] = [];
  for (const n of root.descendantsOfType([...SIMPLE_STATEMENTS])) {
    // The first logical line break inside the statement, by binary search.
    let lo = 0;
    let hi = breaks.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (breaks[mid]! < n.startIndex) lo = mid + 1;
      else hi = mid;
    }
    const at = breaks[lo];
    if (at === undefined || at >= n.endIndex) continue;
    const line = text.slice(0, at).split('\n').length;
    out.push({ line, column: at - text.lastIndexOf('\n', at - 1), message: 'invalid syntax' });
  }
  return out;
}

/**
 * What CPython's compiler checks in a PEP 695 type parameter list, read from
 * the source text (the tree shows a PEP 696 default as a bound): a bound on
 * `*Ts` or `**P`, a name used twice, a parameter without default after one
 * with a default. `offset` is the column offset of the parameter in the list.
 */
export function typeParameterErrors(text: string, start: number, end: number): { offset: number; message: string }[] {
  const tokens = tokenize(text.slice(start, end));
  const out: { offset: number; message: string }[] = [];
  const params: { offset: number; stars: number; name: string; bound: boolean; defaulted: boolean }[] = [];
  let depth = 0;
  let current: (typeof params)[number] | null = null;
  for (const t of tokens) {
    if (t.kind === 'op' && (t.text === '(' || t.text === '[' || t.text === '{')) {
      depth++;
      if (depth === 1) continue;
    } else if (t.kind === 'op' && (t.text === ')' || t.text === ']' || t.text === '}')) depth--;
    if (depth !== 1) continue;
    if (t.kind === 'op' && t.text === ',') {
      current = null;
      continue;
    }
    if (!current) {
      current = { offset: t.start, stars: 0, name: '', bound: false, defaulted: false };
      params.push(current);
    }
    if (!current.name && t.kind === 'op' && (t.text === '*' || t.text === '**')) current.stars = t.text.length;
    else if (!current.name && t.kind === 'name') current.name = t.text;
    else if (t.kind === 'op' && t.text === ':') current.bound = true;
    else if (t.kind === 'op' && t.text === '=') current.defaulted = true;
  }
  const seen = new Set<string>();
  let defaulted = false;
  for (const p of params) {
    if (!p.name) continue;
    if (p.stars > 0 && p.bound) out.push({ offset: p.offset, message: `cannot use bound with ${p.stars === 1 ? 'TypeVarTuple' : 'ParamSpec'}` });
    if (seen.has(p.name)) out.push({ offset: p.offset, message: `duplicate type parameter '${p.name}'` });
    seen.add(p.name);
    if (p.defaulted) defaulted = true;
    else if (defaulted) out.push({ offset: p.offset, message: `non-default type parameter '${p.name}' follows default type parameter` });
  }
  return out;
}

/** tree-sitter-python names both `[T]` in `def f[T]` and `[int]` in `list[int]` type_parameter: only the first declares. */
function declaresTypeParameters(n: TSNode): boolean {
  const p = n.parent;
  if (p?.type === 'class_definition' || p?.type === 'function_definition') return true;
  // `type A[T] = …`: type_alias_statement > left: type > generic_type > type_parameter
  const alias = p?.type === 'generic_type' ? p.parent?.parent : null;
  return alias?.type === 'type_alias_statement' && sameNode(alias.childForFieldName('left'), p!.parent!);
}

/** PEP 810: a lazy import only at module level, outside try, and never of `*` or `__future__`. */
function lazyImportError(n: TSNode, from: boolean): string | null {
  if (from && n.children.some((c) => c.type === 'wildcard_import')) return 'lazy from ... import * is not allowed';
  if (from && n.childForFieldName('module_name')?.text === '__future__') return 'lazy from __future__ import is not allowed';
  for (let p = n.parent; p; p = p.parent) {
    if (p.type === 'function_definition') return `lazy ${from ? 'from ... import' : 'import'} not allowed inside functions`;
    if (p.type === 'class_definition') return `lazy ${from ? 'from ... import' : 'import'} not allowed inside classes`;
    if (p.type === 'try_statement') return `lazy ${from ? 'from ... import' : 'import'} not allowed inside try/except blocks`;
  }
  return null;
}

const COMPREHENSION_NAMES: Record<string, string> = {
  list_comprehension: 'list comprehension',
  set_comprehension: 'set comprehension',
  dictionary_comprehension: 'dict comprehension',
  generator_expression: 'generator expression',
};

/**
 * The innermost function, lambda, class or comprehension whose own scope
 * holds `n`, or null at module level. Decorators, defaults, annotations and
 * base classes belong to the scope around the definition, and a
 * comprehension's first iterable to the scope around the comprehension.
 */
function scopeOf(n: TSNode): TSNode | null {
  let child = n;
  for (let p = n.parent; p; child = p, p = p.parent) {
    if (p.type === 'function_definition' || p.type === 'class_definition' || p.type === 'lambda') {
      if (sameNode(p.childForFieldName('body'), child)) return p;
      continue;
    }
    if (COMPREHENSION_NAMES[p.type]) {
      const first = p.namedChildren.find((c) => c.type === 'for_in_clause');
      const iterable = first?.childForFieldName('right');
      if (iterable && n.startIndex >= iterable.startIndex && n.endIndex <= iterable.endIndex) continue;
      return p;
    }
  }
  return null;
}

/** `break`/`continue` need a loop between them and the nearest function or class (the loop's body, not its else). */
function loopAround(n: TSNode): boolean {
  let child = n;
  for (let p = n.parent; p; child = p, p = p.parent) {
    if (p.type === 'function_definition' || p.type === 'class_definition' || p.type === 'lambda') return false;
    // The loop's body counts; its else clause belongs to the enclosing loop, if any.
    if (LOOP_TYPES.has(p.type) && sameNode(p.childForFieldName('body'), child)) return true;
  }
  return false;
}

/** A future import may follow only the docstring, comments and other future imports. */
function futureAtTop(n: TSNode): boolean {
  if (n.parent?.type !== 'module') return false;
  let first = true;
  for (let p = n.previousNamedSibling; p; p = p.previousNamedSibling) {
    if (p.type === 'comment' || p.type === 'future_import_statement') continue;
    // Only the very first statement may be a docstring.
    if (p.type === 'expression_statement' && p.namedChildCount === 1 && p.namedChild(0)!.type === 'string' && !hasStatementBefore(p)) continue;
    first = false;
  }
  return first;
}

function hasStatementBefore(n: TSNode): boolean {
  for (let p = n.previousNamedSibling; p; p = p.previousNamedSibling) if (p.type !== 'comment') return true;
  return false;
}

/**
 * tree-sitter-python's scanner emits a dedent for a continuation line inside
 * brackets that is indented less than its statement, which CPython ignores
 * (`(bar.\n  baz)` one level out). The text with every such line re-indented
 * under its statement parses cleanly when that was the only problem.
 */
export function reindentContinuations(text: string): string | null {
  const starts: { at: number; indent: number }[] = [];
  let depth = 0;
  let quote = '';
  let statementIndent = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quote) {
      if (c === '\\') {
        i++;
        continue;
      }
      if (text.startsWith(quote, i)) {
        i += quote.length - 1;
        quote = '';
        continue;
      }
      // A newline ends an (unterminated) one-quote string; inside a triple-quoted one it is content.
      if (c !== '\n' || quote.length === 3) continue;
      quote = '';
    }
    if (c === '#') {
      while (i + 1 < text.length && text[i + 1] !== '\n') i++;
    } else if (c === '"' || c === "'") {
      quote = text.startsWith(c.repeat(3), i) ? c.repeat(3) : c;
      i += quote.length - 1;
    } else if (c === '(' || c === '[' || c === '{') depth++;
    else if ((c === ')' || c === ']' || c === '}') && depth > 0) depth--;
    else if (c === '\n') {
      const lineStart = i + 1;
      if (depth > 0) starts.push({ at: lineStart, indent: statementIndent });
      else {
        let j = lineStart;
        while (text[j] === ' ' || text[j] === '\t') j++;
        statementIndent = j - lineStart;
      }
    }
  }
  let changed = false;
  let out = '';
  let last = 0;
  for (const s of starts) {
    let j = s.at;
    while (text[j] === ' ' || text[j] === '\t') j++;
    const want = ' '.repeat(s.indent + 4);
    if (text[j] === '\n' || j - s.at >= s.indent + 4) continue;
    out += text.slice(last, s.at) + want;
    last = j;
    changed = true;
  }
  return changed ? out + text.slice(last) : null;
}

function sameNode(a: TSNode | null, b: TSNode): boolean {
  return !!a && a.startIndex === b.startIndex && a.endIndex === b.endIndex && a.type === b.type;
}

/** An `await` inside a comprehension or generator expression: an asynchronous generator expression is valid in any function. */
function insideAsyncComprehension(n: TSNode, fn: TSNode): boolean {
  for (let p = n.parent; p && !sameNode(fn, p); p = p.parent) {
    if (/comprehension$|generator_expression/.test(p.type)) return true;
  }
  return false;
}

export const syntaxError: TreeRule = {
  id: 'build-error/python-syntax',
  category: 'build-error',
  severity: 'error',
  languages: ['python'],
  scope: 'tree',
  docs: {
    summary: 'A Python syntax error, with line and column, as CPython would report it.',
    why: 'The module cannot be imported or run at all; a report that says "all files compile" is wrong while one remains.',
    fix: 'Fix the statement at the reported position (python3 -m py_compile FILE shows the same error).',
    bad: [
      { note: 'unclosed bracket', files: { 'a.py': 'def f(x):\n    return g(x\n' } },
      { note: 'try without except', files: { 'b.py': 'try:\n    x = 1\nx = 2\n' } },
      { note: 'an emoji in code', files: { 'c.py': 'status = "ok" ✅\n' } },
      { note: 'return outside a function', files: { 'd.py': 'x = 1\nreturn x\n' } },
      { note: 'Python 2 print statement', files: { 'e.py': 'print "hello"\n' } },
      { note: 'duplicate type parameter', files: { 'f.py': 'def pick[T, T](x: T) -> T:\n    return x\n' } },
    ],
    good: [
      {
        note: 'valid modern syntax: match, walrus, async comprehensions, keyword-only defaults, continuation lines',
        files: {
          'ok.py': `import asyncio


async def main(items, *, limit=3, verbose):
    if (n := len(items)) > limit:
        return [x async for x in agen()]
    match items:
        case [first, *rest]:
            print(first, rest, sep=", ")
        case _:
            pass
    for i in range(n):
        if i:
            continue
        break
    else:
        await asyncio.sleep(0)
    result = (items
  .copy())
    return result


async def agen():
    yield 1
`,
        },
      },
      {
        note: 'Python 3.12-3.15: type parameters with defaults, type statements, nested f-string quotes, except*, lazy imports',
        files: {
          'modern.py': `lazy import json


type Pair[T = int] = tuple[T, T]


def first[T](items: list[T]) -> T:
    return items[0]


def describe(d: dict[str, int]) -> str:
    return f"{d["k"]:>{d["w"]}} {"\\n".join(map(str, d))}"


try:
    json.loads("{}")
except* ValueError:
    pass
`,
        },
      },
    ],
  },
  check: (ctx) => {
    // Like CPython, report the first error: later ones are mostly its echoes.
    const first = [...ctx.model.syntaxErrors].sort((a, b) => a.range.line - b.range.line || a.range.column - b.range.column)[0];
    const out: RawFinding[] = [];
    if (first) {
      const fixed = reindentContinuations(ctx.text);
      if (fixed !== null && !parsePython(fixed).rootNode.hasError) return [];
      out.push({ line: first.range.line, endLine: first.range.endLine, message: `SyntaxError: ${first.message} (line ${first.range.line}, column ${first.range.column})` });
    }
    // Only on a tree without ERROR nodes: inside one, statements are torn from their context.
    if (out.length === 0 && ctx.tree.kind === 'tree-sitter' && !ctx.model.path.endsWith('.pyi')) {
      const seen = new Set<number>();
      for (const e of pythonOnlyErrors(ctx.tree.tree.rootNode, ctx.text)) {
        if (seen.has(e.line)) continue;
        seen.add(e.line);
        out.push({ line: e.line, message: `SyntaxError: ${e.message} (line ${e.line}, column ${e.column})` });
      }
    }
    return out;
  },
};
