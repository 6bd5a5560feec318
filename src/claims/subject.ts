/**
 * Resolving the file a claim is about, and the verdicts every code claim
 * shares when that file cannot be read: absent (contradicted unless
 * .gitignore matches it), ambiguous, outside the root (never read).
 */
import { resolveMention } from '../repo/paths.js';
import type { Claim, Evidence, Outcome, Statement, VerifyContext } from './types.js';
import { pathMentions } from './mentions.js';

/** The statement's own single path mention, else the section's subject file. */
export function subjectPathOf(st: Statement): string | null {
  const own = pathMentions(st).filter((m) => !m.path.endsWith('/'));
  if (own.length === 1) return own[0]!.path;
  if (own.length > 1) return null;
  return st.subjectPath;
}

export type SubjectFile = { ok: true; path: string; note?: string; archived?: string[] } | { ok: false; outcome: Outcome };

/** The folder of the report a claim comes from, from which a relative path in it is read as a link would be. */
export function reportDirOf(claim: Claim): string | undefined {
  const doc = claim.sources[0]?.path ?? '';
  const i = doc.lastIndexOf('/');
  return i > 0 ? doc.slice(0, i) : undefined;
}

/**
 * Resolves `claim.subject.path` to a listed file. When it cannot, returns the
 * outcome the claim gets (every kind that needs the file shares it).
 */
export function subjectFile(claim: Claim, ctx: VerifyContext, what = 'this claim'): SubjectFile {
  const mention = claim.subject.path;
  if (!mention) {
    return { ok: false, outcome: { verdict: 'unverifiable', reason: `the report names no file for ${what}`, evidence: [] } };
  }
  const r = resolveMention(ctx.snapshot, mention, reportDirOf(claim));
  switch (r.status) {
    case 'found':
      if (r.isDir) return { ok: false, outcome: { verdict: 'unverifiable', reason: `${mention} is a directory, not a file`, evidence: [{ path: r.path, note: 'directory' }] } };
      return { ok: true, path: r.path, ...(r.note ? { note: r.note } : {}), ...(r.archived ? { archived: r.archived } : {}) };
    case 'ambiguous':
      return {
        ok: false,
        outcome: { verdict: 'unverifiable', reason: r.note, evidence: r.candidates.map((c) => ({ path: c, note: 'candidate' })) },
      };
    case 'outside-root':
      return { ok: false, outcome: { verdict: 'unverifiable', reason: r.note, evidence: [] } };
    case 'absent':
      return {
        ok: false,
        outcome: r.ignored
          ? { verdict: 'unverifiable', reason: r.note, evidence: [] }
          : { verdict: 'contradicted', reason: `${r.note}, so ${what} cannot hold`, evidence: [] },
      };
  }
}

/** Evidence note for how the subject was resolved, when it was not an exact path. */
export function resolutionEvidence(path: string, note: string | undefined): Evidence[] {
  return note ? [{ path, note }] : [];
}
