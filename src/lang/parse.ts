/**
 * One entry point from (path, text, language) to a SourceModel, whatever the
 * parser behind it. Returns the native tree too, for per-file tree rules that
 * run in the same thread before the tree is dropped.
 */
import type { Language } from '../repo/languages.js';
import { countLines } from '../repo/text.js';
import type { SourceModel } from './model.js';
import { parseTree, type TSTree } from './treesitter.js';
import { buildPythonModel } from './python.js';
import { parsePython } from './python-newer.js';
import { buildGoModel } from './go.js';
import { parseTypeScript, type TsSourceFile } from './typescript.js';

export type ParsedTree =
  | { kind: 'tree-sitter'; language: 'python' | 'go'; tree: TSTree }
  | { kind: 'typescript'; language: 'typescript' | 'javascript'; sourceFile: TsSourceFile };

export interface Parsed {
  model: SourceModel;
  tree: ParsedTree;
}

/** Parses one file. Throws ParseBudgetExceeded when over budget. */
export function parseSource(path: string, text: string, language: Language, budgetMs?: number): Parsed {
  const lineCount = countLines(text);
  switch (language) {
    case 'python': {
      const tree = parsePython(text, budgetMs);
      return { model: buildPythonModel(path, text, tree, lineCount), tree: { kind: 'tree-sitter', language, tree } };
    }
    case 'go': {
      const tree = parseTree('go', text, budgetMs);
      return { model: buildGoModel(path, text, tree, lineCount), tree: { kind: 'tree-sitter', language, tree } };
    }
    case 'typescript':
    case 'javascript': {
      const { model, sourceFile } = parseTypeScript(path, text, language, lineCount);
      return { model, tree: { kind: 'typescript', language, sourceFile } };
    }
  }
}
