/**
 * Go syntax errors as Go decides them, from tree-sitter-go's tree. The
 * grammar is looser and stricter than Go in known places (DESIGN.md):
 * it inserts a MISSING terminator at the end of a file without a final
 * newline, which Go accepts; it parses imports after declarations and
 * statements at top level, which Go rejects. Those differences are handled
 * here, once, for every Go rule.
 */
import type { TSNode, TSTree } from '../../../lang/treesitter.js';
import { lineOf } from './tree.js';

export interface GoSyntaxError {
  line: number;
  endLine: number;
  message: string;
}

export interface GoSyntaxFacts {
  /** Errors of the grammar (ERROR/MISSING nodes) and top-level statements. */
  errors: GoSyntaxError[];
  /** Import declarations after other top-level declarations. */
  lateImports: GoSyntaxError[];
}

/** gc stops after ten errors per file; so do we. */
const MAX_ERRORS = 10;

const cache = new WeakMap<TSTree, GoSyntaxFacts>();

export function goSyntax(tree: TSTree, text: string): GoSyntaxFacts {
  let f = cache.get(tree);
  if (!f) {
    f = analyse(tree.rootNode, text);
    cache.set(tree, f);
  }
  return f;
}

/** True when a file has syntax errors Go would report (then Go reports nothing else, and neither do we). */
export function hasGoSyntaxErrors(tree: TSTree, text: string): boolean {
  const f = goSyntax(tree, text);
  return f.errors.length > 0 || f.lateImports.length > 0;
}

const DECLARATIONS = new Set(['function_declaration', 'method_declaration', 'type_declaration', 'var_declaration', 'const_declaration']);

function analyse(root: TSNode, text: string): GoSyntaxFacts {
  const errors: GoSyntaxError[] = [];
  const lateImports: GoSyntaxError[] = [];
  const seenLines = new Set<number>();
  const push = (node: TSNode, message: string, at?: number) => {
    const line = at ?? lineOf(node);
    if (seenLines.has(line) || errors.length >= MAX_ERRORS) return;
    seenLines.add(line);
    errors.push({ line, endLine: at ?? Math.max(line, node.endPosition.row + 1), message });
  };

  if (root.hasError) collectGrammarErrors(root, text, push);

  let sawPackage = false;
  let sawDecl = false;
  for (const c of root.namedChildren) {
    if (c.type === 'comment' || c.type === 'ERROR' || c.isMissing) continue;
    if (!sawPackage) {
      if (c.type !== 'package_clause') push(c, 'syntax error: package statement must be first');
      sawPackage = true;
      if (c.type === 'package_clause') continue;
    }
    if (c.type === 'package_clause') continue;
    if (c.type === 'import_declaration') {
      if (sawDecl) {
        const line = lineOf(c);
        lateImports.push({ line, endLine: c.endPosition.row + 1, message: 'syntax error: imports must appear before other declarations' });
      }
      continue;
    }
    if (DECLARATIONS.has(c.type)) {
      sawDecl = true;
      continue;
    }
    push(c, 'syntax error: non-declaration statement outside function body');
    sawDecl = true;
  }
  errors.sort((a, b) => a.line - b.line);
  return { errors, lateImports };
}

function collectGrammarErrors(root: TSNode, text: string, push: (n: TSNode, m: string, line?: number) => void): void {
  const stack: TSNode[] = [root];
  while (stack.length) {
    const n = stack.pop()!;
    if (n.isMissing) {
      // Go reports a missing token where it finds the next one instead: the line of the next token.
      if (!isTerminatorAtEof(n, text)) push(n, `syntax error: missing ${describeMissing(n.type)}`, missingTokenLine(text, n.startIndex));
      continue;
    }
    if (n.type === 'ERROR') {
      push(n, `syntax error: unexpected ${describeToken(firstToken(n))}`);
      continue;
    }
    if (!n.hasError) continue;
    for (let i = n.childCount - 1; i >= 0; i--) stack.push(n.child(i)!);
  }
}

/**
 * tree-sitter-go wants every top-level declaration terminated by a newline
 * or `;`; Go does not need one before end of file. Such a MISSING node sits at
 * the end of the text (only blanks and comments after it).
 */
function isTerminatorAtEof(n: TSNode, text: string): boolean {
  if (n.type !== 'source_file_token1' && n.type !== ';' && n.type !== '\n') return false;
  const rest = text.slice(n.startIndex);
  return /^(\s|\/\/[^\n]*|\/\*[\s\S]*?\*\/)*$/.test(rest);
}

/**
 * The line Go reports a missing token on: where it meets the next token. A
 * newline is a token (an inserted semicolon) when the line ends in a name, a
 * literal, `)`, `]`, `}`, `++`, `--` or `return`-like keyword; otherwise the
 * next token is on a later line. At end of file, the last line.
 */
function missingTokenLine(text: string, at: number): number {
  const before = text.slice(Math.max(0, text.lastIndexOf('\n', at - 1) + 1), at).replace(/\/\/.*$/, '').trimEnd();
  const semicolonInserted = /([\w)\]}'"`]|\+\+|--)$/.test(before);
  let end = at;
  if (!semicolonInserted) end += /^(\s|\/\/[^\n]*|\/\*[\s\S]*?\*\/)*/.exec(text.slice(at))![0].length;
  if (end >= text.length) end = Math.max(0, text.trimEnd().length - 1);
  let line = 1;
  for (let i = 0; i < end; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}

function firstToken(n: TSNode): TSNode {
  let cur = n;
  while (cur.childCount > 0) cur = cur.child(0)!;
  return cur;
}

function describeToken(tok: TSNode): string {
  const t = tok.text;
  if (t === '' || t === '\n') return 'newline';
  if (tok.type === 'identifier' || tok.type === 'field_identifier' || tok.type === 'type_identifier') return `name ${t}`;
  if (/_literal/.test(tok.type)) return `literal ${t.length > 40 ? t.slice(0, 40) + '…' : t}`;
  return t.length > 40 ? t.slice(0, 40) + '…' : t;
}

function describeMissing(type: string): string {
  if (type === 'source_file_token1' || type === '\n' || type === ';') return 'newline or ;';
  if (/^[a-z_]+$/.test(type)) return type.replace(/_/g, ' ');
  return `"${type}"`;
}
