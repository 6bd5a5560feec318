/** Every claim kind, in the order recognizers run. `other` is the fallback and runs last. */
import type { ClaimKind, ClaimKindModule } from '../types.js';
import { fileExists } from './file-exists.js';
import { lineCount } from './line-count.js';
import { fileCount } from './file-count.js';
import { symbolCount } from './symbol-count.js';
import { symbolExists } from './symbol-exists.js';
import { lineContent } from './line-content.js';
import { other } from './other.js';
import { snippetAbsent, snippetPresent } from './snippet.js';
import { methodCall } from './method-call.js';
import { timeoutKind } from './timeout.js';
import { buildError } from './build-error.js';
import { placeholder } from './placeholder.js';
import { testResult } from './test-result.js';
import { artifactExists, artifactSize } from './artifact.js';
import { artifactValue } from './artifact-value.js';
import { gitDiffstat } from './git-diffstat.js';
import { change } from './change.js';
import { arithmetic } from './arithmetic.js';
import { consistency } from './consistency.js';
import { status } from './status.js';
import { feature } from './feature.js';
import { dependency } from './dependency.js';
import { quantity } from './quantity.js';
import { deliverable } from './deliverable.js';

export const CLAIM_KINDS: ClaimKindModule[] = [
  lineContent,
  lineCount,
  fileCount,
  symbolCount,
  symbolExists,
  fileExists,
  snippetPresent,
  snippetAbsent,
  methodCall,
  timeoutKind,
  buildError,
  placeholder,
  testResult,
  artifactExists,
  artifactSize,
  artifactValue,
  gitDiffstat,
  change,
  arithmetic,
  consistency,
  status,
  feature,
  dependency,
  quantity,
  deliverable,
];
export const FALLBACK_KIND: ClaimKindModule = other;

export function kindModule(kind: ClaimKind): ClaimKindModule | undefined {
  return kind === 'other' ? other : CLAIM_KINDS.find((k) => k.kind === kind);
}
