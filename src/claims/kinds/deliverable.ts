/**
 * deliverable: a class of files the report says its work produced —
 * "✅ Documentation completed", "**Fix Scripts**: automated remediation tools",
 * "Comprehensive test reports generated". No path is given; the claim is that
 * files of that class exist where the work is: the files the report names, and
 * the report's own folder (where agents write what they produce).
 *
 * - verified: at least one existing file of the class there (never the report
 *   itself), whose name spells every qualifier the line adds ("fix" scripts,
 *   "deployment" guide);
 * - unverifiable otherwise: the work may have put them anywhere.
 *
 * Never contradicted: the class words are loose, and a missing file of one
 * spelling may exist in another. A line that says "all" ("results for all
 * suites") claims a completeness this kind cannot count, and is left alone.
 */
import type { ClaimKindModule, Statement, VerifyContext } from '../types.js';
import { identifierWords, stem, stemsMatch } from '../terms.js';
import { reportFiles } from './code-scope.js';

/** Kinds of files a report delivers, by the nouns reports call them and the file names that are them. A domain list. */
const CLASSES: { name: string; nouns: RegExp; file: RegExp }[] = [
  { name: 'documents', nouns: /^(?:documentation|docs?|guides?|reports?|readmes?|manuals?|runbooks?|playbooks?|summar(?:y|ies))$/i, file: /\.(?:md|markdown|rst|adoc|txt|html?|pdf)$/i },
  { name: 'scripts', nouns: /^(?:scripts?|tools?|utilities|utility|helpers?)$/i, file: /\.(?:py|sh|bash|zsh|ps1|js|mjs|cjs|ts|rb|pl)$/i },
  { name: 'result files', nouns: /^(?:results?|logs?|outputs?|evidence)$/i, file: /\.(?:json|jsonl|xml|log|txt|csv|out|html?)$/i },
  { name: 'tests', nouns: /^(?:tests?|test suites?|specs?)$/i, file: /(?:^|\/)(?:test_[^/]+|[^/]+_test\.\w+|[^/]+\.(?:test|spec)\.\w+)$/i },
];

/** Words saying the files were made: the claim's verb, not a qualifier. */
const MADE = /\b(?:created|completed?|generated|written|wrote|added|delivered|produced|prepared|provided|done|finished|updated|published|available|included|in place)\b/i;
/** A section or lead-in of things produced. */
const MADE_CONTEXT = /\b(?:generated|created|delivered|deliverables?|produced|package|artifacts?|outputs?|files created|evidence)\b/i;
/** Words that describe without naming: not qualifiers a file name must spell. */
const DESCRIBING = new Set(
  `comprehensive complete completed full detailed extensive thorough final new all the a an and of for with our its their
  automated automatic technical executive written generated created added delivered produced prepared provided updated
  production ready quality clear concise several various multiple supporting relevant necessary required`.split(/\s+/),
);

interface DeliverableData extends Record<string, unknown> {
  cls: string;
  qualifiers: string[];
}

function words(s: string): string[] {
  return s.replace(/`[^`]*`/g, ' ').toLowerCase().match(/[a-z][a-z-]*/g) ?? [];
}

/** The class and qualifiers of "<qualifiers> <class noun>", or null when the phrase is not that shape. */
function classOf(phrase: string): { cls: (typeof CLASSES)[number]; qualifiers: string[] } | null {
  const ws = words(phrase).filter((w) => !MADE.test(w));
  if (!ws.length || ws.length > 5) return null;
  const last = ws[ws.length - 1]!;
  const two = ws.length > 1 ? `${ws[ws.length - 2]} ${last}` : '';
  const cls = CLASSES.find((c) => c.nouns.test(two) || c.nouns.test(last));
  if (!cls) return null;
  const qualifiers = ws.slice(0, cls.nouns.test(two) ? -2 : -1).filter((w) => !DESCRIBING.has(w) && !cls.nouns.test(w) && w.length > 2);
  return { cls, qualifiers };
}

function recognize(st: Statement): ReturnType<ClaimKindModule['recognize']> {
  if (!['list-item', 'field', 'paragraph'].includes(st.construct) || st.planning || st.code.length) return [];
  if (/\b(?:all|every|each)\b|\d/i.test(st.text)) return [];
  const context = [...st.headings.slice(-1), ...(st.parents ?? [])].join(' ');
  const marked = /[✅✓✔]/u.test(st.text);
  // "**Fix Scripts**: automated remediation tools": the label names the deliverable, the value describes it.
  const phrase = st.label ?? st.text.replace(/[✅✓✔☑️\u{1F4C4}-\u{1F4DD}*_]/gu, ' ').trim();
  const made = MADE.test(st.label ? st.text : phrase) || marked || MADE_CONTEXT.test(context);
  if (!made) return [];
  // "✅ Generate test reports - Comprehensive documentation created": the clause after the task says what was made.
  const clauses = phrase.split(/\s[-–—]\s|:\s/).reverse();
  const found = clauses.map(classOf).find((x) => x !== null);
  if (!found) return [];
  // The line's words are a class of files, not a capability the code would spell.
  const data: DeliverableData = { cls: found.cls.name, qualifiers: found.qualifiers, supersedes: ['feature'] };
  return [{ kind: 'deliverable' as const, text: st.text, source: { path: st.docPath, line: st.line }, subject: { path: null, symbol: null }, data }];
}

/** Where the work put its files: what the report names, then its own folder (sub-folders included). */
function placeOfWork(ctx: VerifyContext, docPath: string): string[] {
  const dir = docPath.includes('/') ? docPath.slice(0, docPath.lastIndexOf('/') + 1) : null;
  const beside = dir ? ctx.snapshot.files.filter((f) => f.path.startsWith(dir)).map((f) => f.path) : [];
  return [...new Set([...reportFiles(ctx, docPath), ...beside])].filter((p) => p !== docPath);
}

export const deliverable: ClaimKindModule = {
  kind: 'deliverable',
  description: 'A class of files the work produced ("documentation completed", "fix scripts") exists where the work is: the files the report names and its own folder.',
  recognize,
  verify(claim, ctx) {
    const d = claim.data as DeliverableData;
    const cls = CLASSES.find((c) => c.name === d.cls)!;
    const doc = claim.sources[0]!.path;
    const place = placeOfWork(ctx, doc);
    const ofClass = place.filter((p) => cls.file.test(p));
    const spells = (p: string, q: string) => identifierWords(p.slice(p.lastIndexOf('/') + 1).replace(/\.\w+$/, '')).some((w) => stemsMatch(stem(q), stem(w)));
    const hits = ofClass.filter((p) => d.qualifiers.every((q) => spells(p, q)));
    const where = doc.includes('/') ? `the files the report names and its folder ${doc.slice(0, doc.lastIndexOf('/'))}/` : 'the files the report names';
    const what = `${d.qualifiers.length ? `${d.qualifiers.join(' ')} ` : ''}${cls.name}`;
    if (hits.length) {
      const shown = hits.slice(0, 5);
      return {
        verdict: 'verified',
        reason: `${hits.length} ${what} in ${where}: ${shown.join(', ')}${hits.length > shown.length ? ', …' : ''}`,
        evidence: shown.map((p) => ({ path: p, note: `${ctx.snapshot.file(p)?.size ?? 0} bytes` })),
      };
    }
    return {
      verdict: 'unverifiable',
      reason: `no ${what} in ${where} (${ofClass.length} ${cls.name} there${d.qualifiers.length ? `, none named for ${d.qualifiers.join(', ')}` : ''}); the work may have put them elsewhere`,
      evidence: [],
    };
  },
};
