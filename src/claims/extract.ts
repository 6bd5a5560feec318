/**
 * From statements to claims: every kind's recognizer runs on every
 * statement that is not planning; a statement no kind recognises is either an
 * `other` claim or passed over with a stated reason, so the whole document is
 * accounted for. The same claim made twice is one claim with two sources.
 */
import { createHash } from 'node:crypto';
import type { Claim, ClaimDocument, ClaimKindModule, Statement } from './types.js';
import { notAClaimReason } from './kinds/other.js';

export interface PassedOver {
  path: string;
  line: number;
  construct: Statement['construct'];
  reason: string;
}

export interface Extraction {
  claims: Claim[];
  passedOver: PassedOver[];
}

export function claimId(c: Omit<Claim, 'id' | 'sources'>): string {
  const key = `${c.kind}\0${c.subject.path ?? ''}\0${c.subject.symbol ?? ''}\0${normalizeText(c.text)}`;
  return 'c-' + createHash('sha1').update(key).digest('hex').slice(0, 12);
}

function normalizeText(t: string): string {
  return t.toLowerCase().replace(/\s+/g, ' ').trim();
}

export function extractClaims(docs: readonly ClaimDocument[], kinds: readonly ClaimKindModule[], fallback: ClaimKindModule): Extraction {
  const byId = new Map<string, Claim>();
  const passedOver: PassedOver[] = [];
  const add = (c: Omit<Claim, 'id' | 'sources'>) => {
    const id = claimId(c);
    const existing = byId.get(id);
    if (existing) {
      if (!existing.sources.some((s) => s.path === c.source.path && s.line === c.source.line)) existing.sources.push(c.source);
    } else {
      byId.set(id, { ...c, id, sources: [c.source] });
    }
  };
  // Claims about the report's own numbers (arithmetic, consistency) do not account for what a
  // statement says about the world ("120 s → 6 s"): the fallback still lists that.
  const aboutReport = new Set(kinds.filter((k) => k.aboutReport).map((k) => k.kind));
  for (const doc of docs) {
    // Lines a fenced block's own reader (a file tree, an error listing) already made claims on: the same line read again
    // as a text line of the block would only repeat or dilute them.
    const blockClaimed = new Set<number>();
    for (const st of doc.statements) {
      if (st.blockLine && blockClaimed.has(st.line)) continue;
      if (st.planning) {
        passedOver.push({ path: st.docPath, line: st.line, construct: st.construct, reason: 'recommendation, plan or future work' });
        continue;
      }
      let found = kinds.flatMap((k) => safeRecognize(k, st));
      // A claim that marks itself `whole` accounts for everything the statement says (a field that is only a figure).
      if (found.every((c) => aboutReport.has(c.kind)) && !found.some((c) => c.data.whole === true)) {
        found = [...found, ...safeRecognize(fallback, st)];
        if (found.length === 0) {
          passedOver.push({ path: st.docPath, line: st.line, construct: st.construct, reason: notAClaimReason(st) ?? 'not recognised' });
          continue;
        }
      }
      // A specific kind that consumes a code span (a method-call's method, a
      // timeout's keyword) takes it from the generic symbol and file kinds.
      const consumed = new Set(found.flatMap((c) => (Array.isArray(c.data.consumes) ? (c.data.consumes as string[]) : [])));
      // A claim naming several spans (a feature line) lists them in `data.spans`; one taken span drops it.
      if (consumed.size) found = found.filter((c) => !((c.kind === 'symbol-exists' || c.kind === 'file-exists') && (Array.isArray(c.data.spans) ? (c.data.spans as string[]) : [c.text]).some((s) => consumed.has(s))));
      // A kind that reads the whole statement more exactly than a generic one (a deliverable's class of files rather
      // than a capability's terms) names the kinds it supersedes.
      const superseded = new Set(found.flatMap((c) => (Array.isArray(c.data.supersedes) ? (c.data.supersedes as string[]) : [])));
      if (superseded.size) found = found.filter((c) => !superseded.has(c.kind));
      for (const c of found) add(c);
      if (st.construct === 'code-block') for (const c of found) if (c.source.line > st.line) blockClaimed.add(c.source.line);
    }
    // Claims that relate statements to each other (a number stated twice) need the whole document.
    const whole = new Set<number>();
    for (const k of kinds) {
      if (!k.recognizeDocument) continue;
      for (const c of safeRecognizeDocument(k, doc)) {
        add(c);
        if (c.data.whole === true) whole.add(c.source.line);
      }
    }
    // The fallback's listing of a statement a document-level claim accounts for whole is dropped.
    for (const [id, c] of byId) if (c.kind === fallback.kind && c.sources.every((s) => s.path === doc.path && whole.has(s.line))) byId.delete(id);
  }
  const claims = [...byId.values()].sort((a, b) =>
    a.source.path < b.source.path ? -1 : a.source.path > b.source.path ? 1 : a.source.line - b.source.line || (a.kind < b.kind ? -1 : a.kind > b.kind ? 1 : a.id < b.id ? -1 : 1),
  );
  return { claims, passedOver };
}

function safeRecognizeDocument(k: ClaimKindModule, doc: ClaimDocument): Omit<Claim, 'id' | 'sources'>[] {
  try {
    return k.recognizeDocument!(doc);
  } catch {
    // As for a statement: a recognizer bug loses that kind's document claims, nothing else.
    return [];
  }
}

function safeRecognize(k: ClaimKindModule, st: Statement): Omit<Claim, 'id' | 'sources'>[] {
  try {
    return k.recognize(st);
  } catch {
    // A recognizer bug must not lose the rest of the document; the statement falls through to `other`.
    return [];
  }
}
