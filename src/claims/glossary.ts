/**
 * A report's own map from names to places: the annotations of the file trees
 * it draws ("spec/   # Specification parser (6 files, 972 lines)"). A section
 * titled "Specification Parser (US1)" elsewhere in the same report is about
 * that folder, though it never writes the path: the report said so itself.
 *
 * Built once per document; a heading or label matches an annotation when all
 * the annotation's content words are among its own (abbreviations such as
 * "ops" for "operations" count), and only a single matching entry counts.
 */
import type { ClaimDocument, VerifyContext } from './types.js';
import { drawnRoot, parseFileTree, withoutRoot } from './filetree.js';
import { statementTerms, stem, stemsMatch } from './terms.js';
import { resolveMention } from '../repo/paths.js';

export interface GlossaryEntry {
  /** The tree entry's path as drawn (folders end in `/`). */
  drawn: string;
  /** The annotation with its counts removed ("Specification parser"). */
  description: string;
  /** Stems of its content words. */
  stems: string[];
  /** The report line the entry is drawn on. */
  line: number;
}

const perDocument = new WeakMap<ClaimDocument, GlossaryEntry[]>();

/** The annotated entries of every tree the document draws. */
export function treeGlossary(doc: ClaimDocument): GlossaryEntry[] {
  const hit = perDocument.get(doc);
  if (hit) return hit;
  const out: GlossaryEntry[] = [];
  for (const st of doc.statements) {
    if (st.construct !== 'code-block' || !st.codeBlock) continue;
    const block = st.codeBlock.value;
    const entries = parseFileTree(block);
    if (!entries.length) continue;
    const lines = block.split('\n');
    const root = drawnRoot(block);
    for (const e of entries) {
      const note = /#\s*([^#]+?)\s*$/.exec(lines[e.offset] ?? '');
      if (!note) continue;
      const description = note[1]!.replace(/\([^)]*\)/g, ' ').replace(/\s+/g, ' ').trim();
      const stems = statementTerms(description).terms.map((t) => stem(t.word));
      if (stems.length < 1) continue;
      const drawn = withoutRoot(e.path, root);
      out.push({ drawn, description, stems, line: st.line + 1 + e.offset });
    }
  }
  perDocument.set(doc, out);
  return out;
}

/** Abbreviations a tree annotation uses for a heading's word, as code names them. */
const SHORT: Record<string, string[]> = { ops: ['operation', 'oper'], mgmt: ['management', 'manag'], config: ['configuration', 'configur'], auth: ['authentication', 'authent'], db: ['database'] };

function covers(phraseStems: readonly string[], stemOf: string): boolean {
  if (phraseStems.some((p) => p === stemOf || stemsMatch(p, stemOf) || stemsMatch(stemOf, p))) return true;
  return (SHORT[stemOf] ?? []).some((long) => phraseStems.some((p) => p.startsWith(stem(long)) || stem(long).startsWith(p)));
}

/**
 * The folder or file a phrase (a heading, a label) names through the report's
 * own tree annotations, resolved in the repository; null when no single entry
 * matches or it is not there.
 */
export function glossaryPlace(ctx: VerifyContext, doc: ClaimDocument, phrase: string): { path: string; isDir: boolean; entry: GlossaryEntry } | null {
  const phraseStems = statementTerms(phrase.replace(/\([^)]*\)/g, ' ')).terms.map((t) => stem(t.word));
  const said = (x: string) => x.replace(/\([^)]*\)/g, ' ').replace(/[^\w\s-]/g, ' ').replace(/\s+/g, ' ').trim().toLowerCase();
  // An annotation of one content word ("Clarification engine") names a place only when the phrase says it word for word.
  const exact = treeGlossary(doc).filter((g) => g.stems.length < 2 && said(g.description) === said(phrase));
  if (exact.length === 1) {
    const r = resolveMention(ctx.snapshot, exact[0]!.drawn.replace(/\/$/, ''));
    return r.status === 'found' ? { path: r.path, isDir: r.isDir, entry: exact[0]! } : null;
  }
  if (phraseStems.length < 2) return null;
  // Every word of the annotation in the phrase; one abbreviation the phrase's framing words may have hidden is let go.
  const matches = treeGlossary(doc).filter((g) => {
    if (g.stems.length < 2) return false;
    const missed = g.stems.filter((s) => !covers(phraseStems, s));
    return g.stems.length * 2 >= phraseStems.length && (missed.length === 0 || (missed.length === 1 && g.stems.length >= 3 && missed[0]! in SHORT));
  });
  if (matches.length !== 1) return null;
  const m = matches[0]!;
  const r = resolveMention(ctx.snapshot, m.drawn.replace(/\/$/, ''));
  if (r.status !== 'found') return null;
  return { path: r.path, isDir: r.isDir, entry: m };
}
