/**
 * tree-sitter parsers for Python and Go, one per language per thread, and
 * small helpers the model builders share. Node's tree-sitter frees native
 * trees only in finalizers, so callers drop trees promptly and parse loops
 * yield (see rules/analyze.ts).
 */
import { createRequire } from 'node:module';
import type ParserT from 'tree-sitter';
import type { Range } from './model.js';

const require = createRequire(import.meta.url);
const Parser = require('tree-sitter') as typeof ParserT;

export type TSNode = ParserT.SyntaxNode;
export type TSTree = ParserT.Tree;
export type TSLanguageName = 'python' | 'go';

const grammars: Record<TSLanguageName, () => unknown> = {
  python: () => require('tree-sitter-python'),
  go: () => require('tree-sitter-go'),
};

const parsers = new Map<TSLanguageName, ParserT>();
const queries = new Map<string, ParserT.Query>();

export function grammar(lang: TSLanguageName): unknown {
  return grammars[lang]();
}

function parserFor(lang: TSLanguageName): ParserT {
  let p = parsers.get(lang);
  if (!p) {
    p = new Parser();
    p.setLanguage(grammar(lang) as ParserT.Language);
    parsers.set(lang, p);
  }
  return p;
}

/** Thrown when a file's parse exceeds its time budget. */
export class ParseBudgetExceeded extends Error {}

/** Parses `text`; throws ParseBudgetExceeded when it takes longer than `budgetMs`. */
export function parseTree(lang: TSLanguageName, text: string, budgetMs = 10_000): TSTree {
  const deadline = Date.now() + budgetMs;
  let stopped = false;
  const tree = parserFor(lang).parse(text, null, {
    progressCallback: () => {
      if (Date.now() > deadline) stopped = true;
      return stopped;
    },
  });
  if (stopped || !tree) {
    parserFor(lang).reset();
    throw new ParseBudgetExceeded(`parse took longer than ${budgetMs} ms`);
  }
  return tree;
}

/** A compiled query, cached per thread. Throws on an invalid query (a rule-pack error). */
export function compileQuery(lang: TSLanguageName, source: string): ParserT.Query {
  const key = `${lang}\0${source}`;
  let q = queries.get(key);
  if (!q) {
    q = new Parser.Query(grammar(lang) as ParserT.Language, source);
    queries.set(key, q);
  }
  return q;
}

/** The model's 1-based range of a node. */
export function rangeOf(node: TSNode): Range {
  return {
    line: node.startPosition.row + 1,
    column: node.startPosition.column + 1,
    endLine: node.endPosition.row + 1,
    endColumn: node.endPosition.column + 1,
  };
}

/** Truncates argument and value texts kept in the model. */
export function clip(text: string, max = 200): string {
  return text.length > max ? text.slice(0, max) + '…' : text;
}
