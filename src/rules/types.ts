/**
 * Rules and findings. A rule is data (id, category, severity, languages,
 * docs with examples) plus, where a query is not enough, one small check
 * function. The engine knows nothing about any single rule.
 */
import type { Language } from '../repo/languages.js';
import type { Severity } from '../repo/config.js';
import type { RepoSnapshot } from '../repo/snapshot.js';
import type { SourceModel } from '../lang/model.js';
import type { ParsedTree } from '../lang/parse.js';

export type { Severity };

export type Category = 'placeholder' | 'mock-in-production' | 'method-mismatch' | 'missing-timeout' | 'build-error';

export const CATEGORIES: Category[] = ['placeholder', 'mock-in-production', 'method-mismatch', 'missing-timeout', 'build-error'];

/** What a file is, for deciding which findings are defects there. */
export type CodeKind = 'production' | 'test' | 'non-production';

/**
 * Which categories are defects in which code: the one place that decides it,
 * for every rule. A mock, a placeholder or a request without a timeout is
 * ordinary in a test's setup and in a backup, an example or a proof of
 * concept: none of them is what ships. A build error or a call to a method
 * that does not exist is a defect wherever the build reaches: a test suite
 * that does not compile runs nothing, and `go build ./...` compiles a
 * `dwcp.v1.backup/` package as readily as the live one.
 */
export const APPLIES_IN: Record<Category, Record<CodeKind, boolean>> = {
  placeholder: { production: true, test: false, 'non-production': false },
  'mock-in-production': { production: true, test: false, 'non-production': false },
  'missing-timeout': { production: true, test: false, 'non-production': false },
  'build-error': { production: true, test: true, 'non-production': true },
  'method-mismatch': { production: true, test: true, 'non-production': true },
};

/** Whether findings of `category` are reported in a file of this kind. */
export function appliesIn(category: Category, kind: CodeKind): boolean {
  return APPLIES_IN[category][kind];
}

/** One defect at one place. */
export interface Finding {
  /** Stable id: hash of rule, path, line and message. */
  id: string;
  ruleId: string;
  category: Category;
  severity: Severity;
  path: string;
  line: number;
  endLine: number;
  message: string;
  excerpt: string;
  /** Other places that explain the finding (the class that lacks the method…). */
  related?: { path: string; line: number; note: string }[];
}

/** What a check function reports; the engine fills id, rule, category, severity and excerpt. */
export interface RawFinding {
  path?: string;
  line: number;
  endLine?: number;
  message: string;
  related?: { path: string; line: number; note: string }[];
}

/**
 * An executable example: `files` maps repo-relative paths to contents; the
 * first file is the one shown in docs. Bad examples must produce at least one
 * finding of the rule (on the lines marked `ruleid` when marks are used);
 * good examples must produce none.
 */
export interface RuleExample {
  files: Record<string, string>;
  note?: string;
}

export interface RuleDocs {
  /** One line: what it finds. */
  summary: string;
  /** Why it matters: what breaks or hangs. */
  why: string;
  /** What to write instead. */
  fix: string;
  bad: RuleExample[];
  good: RuleExample[];
  references?: string[];
}

interface RuleBase {
  id: string;
  category: Category;
  severity: Severity;
  languages: Language[];
  docs: RuleDocs;
}

/** Context of a per-file check: the file's model and text. */
export interface FileContext {
  model: SourceModel;
  text: string;
  lines: string[];
  isTest: boolean;
  /** JS/TS: the file lies in a package that a browser bundler builds and no server framework shares (facts/browser.ts). */
  browserBundle: boolean;
}

/** Context of a repository-wide check. */
export interface RepoContext {
  snapshot: RepoSnapshot;
  /** Models of every parsed file, by repo-relative path. */
  models: ReadonlyMap<string, SourceModel>;
  /** Lazily built cross-file facts shared by rules (module index, TS program…), keyed by name. */
  shared: Map<string, unknown>;
}

export interface FileRule extends RuleBase {
  scope: 'file';
  check(ctx: FileContext): RawFinding[];
}

export interface RepoRule extends RuleBase {
  scope: 'repo';
  check(ctx: RepoContext): RawFinding[] | Promise<RawFinding[]>;
}

/**
 * A declarative rule from rules/*.yaml: a tree-sitter query per language
 * (run where the tree lives, in the parse worker) whose `@match` capture (or
 * first capture) is the finding's range.
 */
export interface QueryRule extends RuleBase {
  scope: 'query';
  queries: Partial<Record<Language, string>>;
  message: string;
}

/** Context of a per-file check that needs the syntax tree itself (runs in the parse worker, before the tree is dropped). */
export interface TreeContext extends FileContext {
  tree: ParsedTree;
}

export interface TreeRule extends RuleBase {
  scope: 'tree';
  check(ctx: TreeContext): RawFinding[];
}

export type Rule = FileRule | RepoRule | QueryRule | TreeRule;
