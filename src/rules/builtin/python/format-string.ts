/**
 * `str.format` on a template that cannot format: the template is a string
 * literal, a module constant or a local variable bound once to a literal, and
 * CPython's own scan of it (str-format.ts) fails for the arguments the call
 * passes — literal braces of CSS, JSON or JavaScript not doubled, a named
 * field no keyword supplies, an index beyond the positional arguments, mixed
 * `{}` and `{0}`. The call raises every time it runs, whatever the values.
 *
 * Left alone: f-strings and bytes, `%`-formatting, `format_map`, templates
 * whose origin is anything but one literal (a parameter, a reassigned name, an
 * attribute that a subclass may override), `**kwargs` for named fields and
 * `*args` for positional ones, and calls whose failure the code expects
 * (inside `assertRaises`/`pytest.raises`, or a `try` that catches KeyError,
 * IndexError, ValueError or LookupError).
 */
import type { RawFinding, TreeRule } from '../../types.js';
import type { TSNode } from '../../../lang/treesitter.js';
import { formatFailure, type FormatArgs, type FormatFailure } from './str-format.js';

export const RULE_FORMAT_STRING = 'build-error/python-format-string';

/** One piece of template text and the line each of its characters is written on. */
interface Template {
  text: string;
  /** 1-based source line of each character of `text`. */
  lines: number[];
  /** How the call reaches it, for the message: the literal itself, or the name bound to it. */
  via: string | null;
  /** Line of the literal. */
  line: number;
}

const SCOPE_TYPES = new Set(['function_definition', 'lambda', 'class_definition', 'list_comprehension', 'set_comprehension', 'dictionary_comprehension', 'generator_expression']);
/** Exceptions a failing format raises: a handler for one of them means the code expects the failure. */
const EXPECTING = new Set(['KeyError', 'IndexError', 'ValueError', 'LookupError']);
/** Containers a binding target may be nested in (`a, (b, c) = …`, `for [x] in …`). */
const TARGET_WRAPPERS = new Set(['pattern_list', 'tuple_pattern', 'list_pattern', 'list_splat_pattern', 'tuple', 'list', 'parenthesized_expression', 'expression_list', 'as_pattern_target', 'parenthesized_list_splat']);
const PARAMETER_TYPES = new Set(['parameters', 'lambda_parameters', 'list_splat_pattern', 'dictionary_splat_pattern', 'typed_parameter']);

const same = (a: TSNode | null | undefined, b: TSNode | null | undefined) => !!a && !!b && a.startIndex === b.startIndex && a.endIndex === b.endIndex && a.type === b.type;

/** `str` literal text as Python decodes it, with the source line of every character; null for bytes and f-strings. */
function literalText(node: TSNode): Template | null {
  if (node.type === 'parenthesized_expression' && node.namedChildCount === 1) return literalText(node.namedChild(0)!);
  const parts = node.type === 'concatenated_string' ? node.namedChildren.filter((c) => c.type === 'string') : node.type === 'string' ? [node] : [];
  if (!parts.length) return null;
  let text = '';
  const lines: number[] = [];
  for (const part of parts) {
    const open = part.child(0);
    const close = part.child(part.childCount - 1);
    if (open?.type !== 'string_start' || close?.type !== 'string_end') return null;
    const prefix = open.text.replace(/["']+$/, '').toLowerCase();
    if (/[bft]/.test(prefix)) return null;
    const body = part.text.slice(open.text.length, part.text.length - close.text.length);
    decode(body, prefix.includes('r'), part.startPosition.row + 1, (ch, line) => {
      text += ch;
      for (let k = 0; k < ch.length; k++) lines.push(line);
    });
  }
  return { text, lines, via: null, line: parts[0]!.startPosition.row + 1 };
}

const SIMPLE_ESCAPES: Record<string, string> = { '\\': '\\', "'": "'", '"': '"', a: '\x07', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v' };

/**
 * Python's escape decoding of a str literal's body (`\x7b` is a brace, `\{`
 * a backslash and a brace, `\N{…}` one character, not a field).
 */
function decode(body: string, raw: boolean, firstLine: number, emit: (ch: string, line: number) => void): void {
  let line = firstLine;
  for (let i = 0; i < body.length; i++) {
    const c = body[i]!;
    const at = line;
    if (c === '\n') line++;
    if (raw || c !== '\\' || i + 1 >= body.length) {
      emit(c, at);
      continue;
    }
    const n = body[i + 1]!;
    if (n === '\n') {
      line++;
      i++;
      continue;
    }
    if (n in SIMPLE_ESCAPES) {
      emit(SIMPLE_ESCAPES[n]!, at);
      i++;
      continue;
    }
    const hex = n === 'x' ? 2 : n === 'u' ? 4 : n === 'U' ? 8 : 0;
    const octal = /^[0-7]{1,3}/.exec(body.slice(i + 1, i + 4));
    if (hex && /^[0-9a-fA-F]+$/.test(body.slice(i + 2, i + 2 + hex)) && i + 2 + hex <= body.length) {
      emit(String.fromCodePoint(Math.min(parseInt(body.slice(i + 2, i + 2 + hex), 16), 0x10ffff)), at);
      i += 1 + hex;
    } else if (octal) {
      emit(String.fromCodePoint(parseInt(octal[0], 8)), at);
      i += octal[0].length;
    } else if (n === 'N' && body[i + 2] === '{' && body.indexOf('}', i + 3) > 0) {
      const close = body.indexOf('}', i + 3);
      const name = body.slice(i + 3, close).toUpperCase();
      emit(name === 'LEFT CURLY BRACKET' ? '{' : name === 'RIGHT CURLY BRACKET' ? '}' : '\u2022', at);
      i = close;
    } else {
      // An unknown escape keeps its backslash: "\{" is two characters, the second a brace.
      emit('\\', at);
    }
  }
}

/** The call's arguments as str.format sees them. */
function callArgs(call: TSNode): FormatArgs {
  const list = call.childForFieldName('arguments');
  if (!list) return { positional: 0, keywords: new Set() };
  if (list.type === 'generator_expression') return { positional: 1, keywords: new Set() };
  let positional: number | null = 0;
  let keywords: Set<string> | null = new Set();
  for (const a of list.namedChildren) {
    if (a.type === 'comment') continue;
    if (a.type === 'keyword_argument') keywords?.add(a.childForFieldName('name')?.text ?? '');
    else if (a.type === 'dictionary_splat') keywords = null;
    else if (a.type === 'list_splat') positional = null;
    else if (positional !== null) positional++;
  }
  return { positional, keywords };
}

/** Whether an identifier occurrence binds its name (assignment target, parameter, import, def, del, global…); conservative: unknown forms count as bindings. */
function isBinding(id: TSNode): boolean {
  let node = id;
  while (node.parent && TARGET_WRAPPERS.has(node.parent.type)) {
    if (node.parent.type === 'as_pattern_target' || node.parent.type === 'list_splat_pattern') return true;
    node = node.parent;
  }
  const p = node.parent;
  if (!p) return false;
  switch (p.type) {
    case 'assignment':
    case 'augmented_assignment':
    case 'for_statement':
    case 'for_in_clause':
      return same(p.childForFieldName('left'), node);
    case 'named_expression':
      return same(p.childForFieldName('name'), node);
    case 'function_definition':
    case 'class_definition':
      return same(p.childForFieldName('name'), node);
    case 'default_parameter':
    case 'typed_default_parameter':
      return same(p.childForFieldName('name'), node);
    case 'delete_statement':
    case 'global_statement':
    case 'nonlocal_statement':
      return true;
    default:
      break;
  }
  if (PARAMETER_TYPES.has(p.type)) return p.type !== 'typed_parameter' || same(p.namedChild(0), node);
  for (let a: TSNode | null = p; a; a = a.parent) {
    if (a.type === 'import_statement' || a.type === 'import_from_statement' || a.type === 'case_pattern' || a.type === 'type_alias_statement') return true;
    if (a.type.endsWith('_statement') || a.type === 'block') break;
  }
  return false;
}

/** Per file: identifiers by name, and whether module globals can be written other than by assignment. */
class FileIndex {
  private byName: Map<string, TSNode[]> | null = null;
  private dynamic: boolean | null = null;
  constructor(readonly root: TSNode) {}

  /** Identifiers spelling `name` inside `scope` that refer to a variable (not `x.name`, not `f(name=…)`). */
  references(scope: TSNode, name: string): TSNode[] {
    if (!this.byName) {
      this.byName = new Map();
      for (const id of this.root.descendantsOfType('identifier')) {
        const p = id.parent;
        if (p?.type === 'attribute' && same(p.childForFieldName('attribute'), id)) continue;
        if (p?.type === 'keyword_argument' && same(p.childForFieldName('name'), id)) continue;
        const list = this.byName.get(id.text) ?? [];
        list.push(id);
        this.byName.set(id.text, list);
      }
    }
    return (this.byName.get(name) ?? []).filter((id) => id.startIndex >= scope.startIndex && id.endIndex <= scope.endIndex);
  }

  /** Star imports, `globals()`, `setattr`, `__dict__`: module names may be bound where this view cannot see. */
  get dynamicGlobals(): boolean {
    this.dynamic ??= this.root.descendantsOfType('wildcard_import').length > 0 || /\bglobals\(\)|\b__dict__\b|\bsetattr\(/.test(this.root.text);
    return this.dynamic;
  }

  /** Whether `x.attr = …` (or `+=`, `del x.attr`) appears anywhere in the file. */
  storesAttribute(attr: string): boolean {
    for (const a of this.root.descendantsOfType('attribute')) {
      if (a.childForFieldName('attribute')?.text !== attr) continue;
      let node = a;
      while (node.parent && TARGET_WRAPPERS.has(node.parent.type)) node = node.parent;
      const p = node.parent;
      if (p?.type === 'delete_statement') return true;
      if ((p?.type === 'assignment' || p?.type === 'augmented_assignment' || p?.type === 'for_statement') && same(p.childForFieldName('left'), node)) return true;
    }
    return false;
  }
}

/** The scope a node belongs to: the nearest function, lambda, comprehension or class around it, or the module. */
function scopeOf(node: TSNode): TSNode {
  for (let p = node.parent; p; p = p.parent) if (SCOPE_TYPES.has(p.type) || p.type === 'module') return p;
  return node;
}

/**
 * The one binding a bare name refers to at `from`: the innermost scope that
 * binds the name must bind it exactly once, directly in that scope. Bindings
 * in nested scopes count against it (conservative), a class body is skipped
 * from inside its methods as Python does, and the module counts only when
 * its globals cannot be written behind this view's back.
 */
function soleBinding(index: FileIndex, from: TSNode, name: string): TSNode | null {
  let inFunction = false;
  for (let scope: TSNode | null = scopeOf(from); scope; scope = scope.parent ? scopeOf(scope) : null) {
    if (scope.type === 'class_definition' && inFunction) continue;
    if (scope.type === 'function_definition' || scope.type === 'lambda') inFunction = true;
    const bindings = index.references(scope, name).filter(isBinding);
    if (scope.type === 'module' && index.dynamicGlobals) return null;
    if (!bindings.length) {
      if (scope.type === 'module') return null;
      continue;
    }
    if (bindings.length !== 1) return null;
    const id = bindings[0]!;
    const owner = id.parent?.type === 'class_definition' ? id.parent : id;
    return same(scopeOf(owner), scope) ? id : null;
  }
  return null;
}

/** `name = "literal"`: the literal, when `id` is the whole target. */
function assignedLiteral(id: TSNode, name: string): Template | null {
  const assign = id.parent;
  if (assign?.type !== 'assignment' || !same(assign.childForFieldName('left'), id)) return null;
  const value = assign.childForFieldName('right');
  const t = value ? literalText(value) : null;
  return t && { ...t, via: name };
}

/**
 * Where the template of `receiver.format(...)` comes from, when it is one
 * literal: the literal itself, a name bound once to one, or `Class.NAME` for
 * a module-level class of this file whose body binds NAME once to one (and no
 * `x.NAME = …` anywhere in the file). `self.NAME` is left alone: a subclass
 * elsewhere may override it.
 */
function templateOf(index: FileIndex, receiver: TSNode): Template | null {
  if (receiver.type === 'identifier') {
    const id = soleBinding(index, receiver, receiver.text);
    return id ? assignedLiteral(id, receiver.text) : null;
  }
  if (receiver.type === 'attribute') {
    const obj = receiver.childForFieldName('object');
    const attr = receiver.childForFieldName('attribute')?.text;
    if (obj?.type !== 'identifier' || !attr || obj.text === 'self' || obj.text === 'cls') return null;
    const clsName = soleBinding(index, receiver, obj.text);
    const cls = clsName?.parent;
    if (cls?.type !== 'class_definition' || cls.parent?.type !== 'module' || index.storesAttribute(attr)) return null;
    const body = cls.childForFieldName('body');
    if (!body) return null;
    const bindings = index.references(body, attr).filter((id) => isBinding(id) && same(scopeOf(id.parent?.type === 'class_definition' || id.parent?.type === 'function_definition' ? id.parent : id), cls));
    if (bindings.length !== 1) return null;
    const t = assignedLiteral(bindings[0]!, `${obj.text}.${attr}`);
    return t;
  }
  return literalText(receiver);
}

/** The failure is expected: `with self.assertRaises(...)` / `pytest.raises(...)` / `suppress(...)` around it, or a try that catches it. */
function expected(call: TSNode): boolean {
  let child = call;
  for (let p = call.parent; p; child = p, p = p.parent) {
    if (p.type === 'function_definition' || p.type === 'lambda' || p.type === 'class_definition') return false;
    if (p.type === 'with_statement') {
      const clause = p.namedChildren.find((c) => c.type === 'with_clause');
      for (const c of clause?.descendantsOfType('call') ?? []) {
        const fn = c.childForFieldName('function');
        const last = fn?.type === 'attribute' ? fn.childForFieldName('attribute')?.text : fn?.text;
        if (last && /(?:^|_)raises$|Raises(?:Regex)?$|^suppress$/.test(last)) return true;
      }
    }
    if (p.type === 'try_statement' && same(p.childForFieldName('body'), child)) {
      for (const h of p.namedChildren) {
        if (h.type !== 'except_clause' && h.type !== 'except_group_clause') continue;
        const caught = h.namedChildren.find((c) => c.type !== 'block' && c.type !== 'comment');
        const names = caught ? caught.descendantsOfType('identifier').map((x) => x.text) : [];
        if (names.some((x) => EXPECTING.has(x))) return true;
      }
    }
  }
  return false;
}

/** A field name that no identifier spells: the braces were meant literally (CSS, JSON, code). */
const LITERAL_BRACES = /[^\p{L}\p{N}_.[\]]/u;

function describe(t: Template, f: FormatFailure, receiver: string): string {
  const field = f.field !== undefined ? `{${f.field.length > 60 ? f.field.slice(0, 57) + '...' : f.field}}` : '';
  const where = `line ${t.lines[f.at] ?? t.line}`;
  const head = `${receiver}.format(...) always raises ${f.error}: ${f.message}`;
  const origin = t.via ? ` (${t.via} is the literal on line ${t.line})` : '';
  let why: string;
  if (f.error === 'KeyError' && f.key !== undefined) {
    why = LITERAL_BRACES.test(f.key)
      ? `the template's braces at ${where} (${field.replace(/\s+/g, ' ')}) are meant literally but are a replacement field: double them ({{ and }})`
      : `the template has the field ${field} (${where}) and the call passes no keyword ${f.key}`;
  } else if (f.error === 'IndexError') why = `the template's field ${field} (${where}) needs more positional arguments than the call passes`;
  else why = `the template cannot be parsed at ${where}${field ? ` (${field.replace(/\s+/g, ' ')})` : ''}; literal braces are written {{ and }}`;
  return `${head}${origin}: ${why}`;
}

export const formatString: TreeRule = {
  id: RULE_FORMAT_STRING,
  category: 'build-error',
  severity: 'error',
  languages: ['python'],
  scope: 'tree',
  docs: {
    summary: 'A str.format() call whose template cannot format with the arguments given: unescaped literal braces, a named field no keyword supplies, an index beyond the arguments.',
    why: 'The call raises KeyError, IndexError or ValueError every time it runs, whatever the values: the page, message or report it builds is never produced. CSS, JSON and JavaScript in a template are the usual cause: their braces read as replacement fields.',
    fix: 'Double the literal braces ({{ and }}), pass every named field as a keyword, or build the text with an f-string or a template engine.',
    bad: [
      {
        note: 'CSS braces in an HTML template',
        files: {
          'report/html.py':
            'PAGE = """<style>\n  td { padding: 4px }\n</style>\n<h1>{title}</h1>\n"""\n\n\ndef render(title):\n    return PAGE.format(title=title)\n',
        },
      },
      {
        note: 'a field the call does not pass, in a local template',
        files: {
          'mail.py': 'def subject(order):\n    template = "Order {order_id} shipped to {city}"\n    return template.format(order_id=order.id)\n',
        },
      },
      {
        note: 'JSON braces in a literal, and more fields than arguments',
        files: {
          'payload.py': 'def body(name):\n    return \'{"user": "{}"}\'.format(name)\n\n\ndef pair(a):\n    return "{} and {}".format(a)\n',
        },
      },
    ],
    good: [
      {
        note: 'doubled braces, Jinja-like text, indexes, attributes, items, conversions and nested specs',
        files: {
          'ok.py':
            'CSS = "td {{ padding: 4px }}"\n\n\ndef show(user, rows, width):\n    a = "{0} of {1}".format(1, 2)\n    b = "{name!r:>10}".format(name=user)\n    c = "{u[0]} {u.name}".format(u=user)\n    d = "{{ var }}".format()\n    e = "{:{w}}".format(rows, w=width)\n    return CSS.format(), a, b, c, d, e\n',
        },
      },
      {
        note: 'templates that are not one literal, other formatting, and failures the code expects',
        files: {
          'other.py':
            'import pytest\n\n\ndef render(template, values, **extra):\n    x = template.format(**values)\n    y = "{a} {b}".format(**extra)\n    z = "{missing}".format_map(values)\n    p = "%s { not a field" % values\n    f = f"{values} {{"\n    if values:\n        template = "{other}"\n    return x, y, z, p, f, template.format(other=1), "{} {}".format(*values)\n\n\ndef test_bad_field():\n    with pytest.raises(KeyError):\n        "{nope}".format()\n    try:\n        "{".format()\n    except ValueError:\n        pass\n',
        },
      },
    ],
    references: ['https://docs.python.org/3/library/string.html#format-string-syntax', 'https://peps.python.org/pep-3101/'],
  },
  check: (ctx) => {
    if (ctx.tree.kind !== 'tree-sitter' || !ctx.text.includes('.format')) return [];
    const root = ctx.tree.tree.rootNode;
    const index = new FileIndex(root);
    const out: RawFinding[] = [];
    for (const call of root.descendantsOfType('call')) {
      const fn = call.childForFieldName('function');
      if (fn?.type !== 'attribute' || fn.childForFieldName('attribute')?.text !== 'format') continue;
      const receiver = fn.childForFieldName('object');
      if (!receiver) continue;
      const template = templateOf(index, receiver);
      if (!template) continue;
      const failure = formatFailure(template.text, callArgs(call));
      if (!failure || expected(call)) continue;
      const shown = template.via ?? (receiver.text.length > 40 || receiver.text.includes('\n') ? `the string on line ${template.line}` : receiver.text);
      const line = fn.childForFieldName('attribute')!.startPosition.row + 1;
      out.push({ line, message: describe(template, failure, shown), related: [{ path: ctx.model.path, line: template.lines[failure.at] ?? template.line, note: 'the template text that fails' }] });
    }
    return out;
  },
};
