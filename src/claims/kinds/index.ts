/** Every claim kind, in the order recognizers run. `other` is the fallback and runs last. */
import type { ClaimKind, ClaimKindModule } from '../types.js';
import { fileExists } from './file-exists.js';
import { lineCount } from './line-count.js';
import { symbolCount } from './symbol-count.js';
import { symbolExists } from './symbol-exists.js';
import { lineContent } from './line-content.js';
import { other } from './other.js';

export const CLAIM_KINDS: ClaimKindModule[] = [lineContent, lineCount, symbolCount, symbolExists, fileExists];
export const FALLBACK_KIND: ClaimKindModule = other;

export function kindModule(kind: ClaimKind): ClaimKindModule | undefined {
  return kind === 'other' ? other : CLAIM_KINDS.find((k) => k.kind === kind);
}
