/**
 * Claims, verdicts and evidence. A claim kind is one module with a
 * recognizer (statement in, claims out) and a verifier (claim + snapshot in,
 * verdict + evidence out).
 */
import type { RepoSnapshot } from '../repo/snapshot.js';
import type { SourceModel } from '../lang/model.js';
import type { Finding } from '../rules/types.js';
import type { RepoFacts } from '../facts/index.js';

export type ClaimKind =
  | 'file-exists'
  | 'line-count'
  | 'file-count'
  | 'symbol-count'
  | 'symbol-exists'
  | 'line-content'
  | 'snippet-present'
  | 'snippet-absent'
  | 'method-call'
  | 'timeout'
  | 'build-error'
  | 'placeholder'
  | 'test-result'
  | 'artifact-exists'
  | 'artifact-size'
  | 'artifact-value'
  | 'git-diffstat'
  | 'change'
  | 'arithmetic'
  | 'consistency'
  | 'status'
  | 'feature'
  | 'dependency'
  | 'quantity'
  | 'deliverable'
  | 'other';

export type Verdict = 'verified' | 'contradicted' | 'unverifiable';

/** A place in a claims document. */
export interface SourceRef {
  path: string;
  line: number;
}

/** What the claim is about. */
export interface Subject {
  path: string | null;
  symbol: string | null;
}

export interface Evidence {
  path: string;
  line?: number;
  endLine?: number;
  excerpt?: string;
  note: string;
}

export interface Claim {
  id: string;
  kind: ClaimKind;
  /** The words of the report that make the claim. */
  text: string;
  source: SourceRef;
  sources: SourceRef[];
  subject: Subject;
  /** Kind-specific parsed values (counts, snippet, names…). */
  data: Record<string, unknown>;
}

export interface Outcome {
  verdict: Verdict;
  reason: string;
  evidence: Evidence[];
}

export interface CheckedClaim extends Claim, Outcome {}

/** What a claims document looks like after markdown parsing. */
export type Construct = 'heading' | 'paragraph' | 'list-item' | 'table-row' | 'code-block' | 'field';

export interface TableContext {
  headers: string[];
  cells: string[];
  /** The header row (cells are the headers); a statement so a table without body rows is not lost. */
  header?: boolean;
}

export interface CodeContext {
  lang: string | null;
  value: string;
  /** BEFORE / AFTER / an error listing, from the label just above the block. */
  role: 'before' | 'after' | 'error' | 'other';
  /** For an AFTER block, the BEFORE block just before it (and the reverse). */
  pair?: string;
}

/**
 * One atomic unit of a claims document: a heading, a paragraph sentence, a
 * list item's own text, a table row, a `**Label**: value` field, a code block.
 */
export interface Statement {
  /** Plain text: markdown emphasis removed, inline code kept in backticks. */
  text: string;
  /** Inline code spans, in order. */
  code: string[];
  line: number;
  endLine: number;
  construct: Construct;
  /** Heading texts from the top down to this statement's section. */
  headings: string[];
  /** The file the section is about (`**File**: path`, a heading or table column naming a file). */
  subjectPath: string | null;
  /** Other files the section names (`**Files**:` lists). */
  subjectPaths: string[];
  /** `**Label**: value` fields: the label. */
  label?: string;
  /** The value part of a field, or the text after the label. */
  value?: string;
  table?: TableContext;
  codeBlock?: CodeContext;
  /**
   * A line of a fenced block that is text, not code: a card of `Label: value` lines
   * (`fields`) or a named box of an architecture drawing (`diagram`).
   */
  blockLine?: 'fields' | 'diagram';
  /** For nested content: the list items (and a lead-in line like `**Files**:`) it sits under, outermost first. */
  parents?: string[];
  /** Under a heading such as Recommendations, Next Steps, Future Work: not claims. */
  planning: boolean;
  /** The document this statement belongs to (as given / repo-relative). */
  docPath: string;
}

/** A parsed claims document. */
export interface ClaimDocument {
  path: string;
  text: string;
  statements: Statement[];
}

/** Everything a verifier may look at. Pure: no writes, no network. */
export interface VerifyContext {
  snapshot: RepoSnapshot;
  /** The model of a repo-relative path, parsed on demand and cached; null for non-code or unparsable files. */
  model(path: string): SourceModel | null;
  findings: readonly Finding[];
  /** All documents of this audit (consistency and status claims read their own report). */
  documents: readonly ClaimDocument[];
  /** Facts gathered from git before verification (commit of a report, its diffstat…), keyed by name. */
  facts: ReadonlyMap<string, unknown>;
  /** The repository facts index (manifests, routes, Docker/K8s/CI, config keys, tests), built once per audit. */
  repoFacts: RepoFacts;
}

/** One claim kind: how it is recognised in a statement and how it is checked. */
export interface ClaimKindModule {
  kind: ClaimKind;
  /** Short description for docs and `claimcheck kinds`. */
  description: string;
  recognize(statement: Statement): Omit<Claim, 'id' | 'sources'>[];
  /** Claims that relate statements of one document to each other (a number stated twice); run once per document. */
  recognizeDocument?(doc: ClaimDocument): Omit<Claim, 'id' | 'sources'>[];
  /** True when the kind judges only the report's own numbers: the statement's other content still falls to `other`. */
  aboutReport?: boolean;
  verify(claim: Claim, ctx: VerifyContext): Outcome | Promise<Outcome>;
}
