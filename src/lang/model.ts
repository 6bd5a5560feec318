/**
 * The uniform, language-neutral model of one source file. Every parser
 * (tree-sitter for Python and Go, the TypeScript compiler for TS/JS) fills the
 * same shape, so rules and claim verifiers never touch a syntax tree directly.
 * It is plain data: it crosses worker-thread boundaries by structured clone.
 */

import type { Language } from '../repo/languages.js';

/** 1-based lines, 1-based columns; `endLine` is inclusive. */
export interface Range {
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
}

export type SymbolKind =
  | 'class'
  | 'function'
  | 'method'
  | 'struct'
  | 'interface'
  | 'type'
  | 'enum'
  | 'variable'
  | 'constant'
  | 'field';

/**
 * What a function's body amounts to, decided by the parser from the syntax
 * tree (never from text): the placeholder rules and the "implemented" claims
 * read this instead of re-parsing.
 */
export type BodyShape =
  /** No statements at all (`{}` in Go/TS); Python cannot have this. */
  | 'empty'
  /** Only `pass` / `...` (with or without a docstring). */
  | 'pass'
  /** Only raises/throws/panics "not implemented". */
  | 'not-implemented'
  /** Only returns a literal (True, "ok", {"success": True}, nil) and does nothing else. */
  | 'constant-return'
  /** Anything else. */
  | 'code';

export interface FunctionBody {
  shape: BodyShape;
  /** Number of statements in the body, docstring excluded. */
  statements: number;
  /** For `constant-return`: the literal's source text. */
  returned?: string;
  /** The body's range (for excerpts). */
  range: Range;
}

export interface SymbolInfo {
  kind: SymbolKind;
  name: string;
  /** Dotted path of the enclosing class/struct/function, or null at top level. */
  container: string | null;
  range: Range;
  /** Range of the name token only. */
  nameRange: Range;
  /** Functions and methods. */
  body?: FunctionBody;
  /** Base classes / embedded types / extends+implements, as written. */
  bases?: string[];
  /** Decorators (Python), without the `@`. */
  decorators?: string[];
  /** Go: the receiver type name without `*`; methods only. */
  receiver?: string;
  /** Exported / public at module level (Go capitalised, TS `export`, Python not `_`-prefixed). */
  exported: boolean;
  /** Parameter names, in order. */
  params?: string[];
  /** Python and TS/JS functions: how many parameters carry a type annotation, and whether the return type is annotated (Go's are always typed: absent). */
  annotations?: { params: number; returns: boolean };
  /** Docstring text (Python) or leading doc comment (Go, TS/JS), if any. */
  doc?: string;
}

export interface ImportedName {
  name: string;
  alias: string | null;
  line: number;
}

export interface ImportInfo {
  /**
   * The module as written: `os.path`, `.models.fabric`, `net/http`,
   * `./util`. For Python relative imports the leading dots are kept.
   */
  module: string;
  /** Python: number of leading dots (0 for absolute). Others: 0. */
  level: number;
  /** Names imported from the module (`from m import a, b`; `import {a} from`). Empty for whole-module imports. */
  names: ImportedName[];
  /** `import x as y`, Go's `import y "x"`, TS namespace/default import name. */
  alias: string | null;
  /** `from m import *`, `export * from`. */
  star: boolean;
  range: Range;
  /** True when the import sits inside a function/class/conditional rather than at module top level. */
  nested: boolean;
}

export interface CallArgument {
  /** Keyword/name for keyword arguments (Python `timeout=`), else null. */
  keyword: string | null;
  /** Source text of the argument, truncated to 200 characters. */
  text: string;
}

export interface CallInfo {
  /** Full callee text: `requests.get`, `self.client.sync`, `fetch`. */
  callee: string;
  /** Everything before the last `.` (`self.client`), or null for a bare call. */
  receiver: string | null;
  /** The called name (`sync`). */
  name: string;
  args: CallArgument[];
  /** Go composite literals and TS object literals passed as arguments expose their keys here. */
  range: Range;
  /** Dotted name of the innermost enclosing function/method/class, or null at module level. */
  enclosing: string | null;
}

export type CommentKind = 'line' | 'block' | 'docstring';

export interface CommentInfo {
  kind: CommentKind;
  /** Comment text with the comment markers removed. */
  text: string;
  range: Range;
}

export interface StringLiteralInfo {
  value: string;
  range: Range;
}

export interface SyntaxErrorInfo {
  message: string;
  range: Range;
}

/** An assignment such as `configuration.timeout = 30` or `x := Foo{}`; used by dataflow-light rules. */
export interface AssignmentInfo {
  /** Target text (`configuration.timeout`, `x`). */
  target: string;
  /** Value text, truncated to 200 characters. */
  value: string;
  range: Range;
  enclosing: string | null;
}

/** The language-neutral model of one parsed file. */
export interface SourceModel {
  path: string;
  language: Language;
  /** Lines as the line-count convention counts them (see repo/text.ts). */
  lineCount: number;
  symbols: SymbolInfo[];
  imports: ImportInfo[];
  calls: CallInfo[];
  assignments: AssignmentInfo[];
  comments: CommentInfo[];
  strings: StringLiteralInfo[];
  syntaxErrors: SyntaxErrorInfo[];
  /** Go: the package clause name. Python/TS: null. */
  packageName: string | null;
}

/** The model's one ordering: by start, then the enclosing range before what it encloses. */
export function byPosition(a: { range: Range }, b: { range: Range }): number {
  const x = a.range;
  const y = b.range;
  return x.line - y.line || x.column - y.column || y.endLine - x.endLine || y.endColumn - x.endColumn;
}

/** Puts every list of a freshly built model in position order: builders collect in walk order, consumers rely on this one. */
export function sealModel(model: SourceModel): SourceModel {
  for (const list of [model.symbols, model.imports, model.calls, model.assignments, model.comments, model.strings, model.syntaxErrors]) {
    (list as { range: Range }[]).sort(byPosition);
  }
  return model;
}
