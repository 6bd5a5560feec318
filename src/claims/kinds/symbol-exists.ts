/**
 * symbol-exists: "`BidirectionalSyncOrchestrator` class", "`sync()`,
 * `resolve_conflicts()` methods", "state management (`CLOSED`, `OPEN`)".
 * Every named symbol is looked up in the subject file's parsed model; a
 * symbol whose body is a stub does not verify a claim that it is implemented.
 */
import type { SymbolInfo } from '../../lang/model.js';
import type { ClaimKindModule, Evidence, Statement } from '../types.js';
import { looksLikePath, symbolMention } from '../mentions.js';
import { subjectFile, subjectPathOf, resolutionEvidence } from '../subject.js';

const LITERALS = new Set(['True', 'False', 'None', 'null', 'undefined', 'true', 'false', 'nil', 'self', 'this', 'NaN', 'Infinity']);
/** Sentences about removal, absence or replacement are other kinds' business (method-call, snippet-absent). */
const NOT_EXISTENCE = /\b(remov|delet|non-existent|nonexistent|missing|instead of|replac|renam|deprecat|no longer|does not exist|undefined|not defined|should|would|will|could|todo)\w*/i;
const SYMBOL_WORDS = /\b(class|classes|method|methods|function|functions|func|struct|structs|interface|interfaces|enum|constant|constants|decorator|handler|endpoint|type|types|implemented|implements|defines|provides|exposes)\b/i;
const IMPLEMENTED = /\b(implement\w*|complete\w*|working|functional|full|fully|production|handles?|performs?|supports?)\b/i;
const STUB_SHAPES = new Set(['pass', 'empty', 'not-implemented']);

export const symbolExists: ClaimKindModule = {
  kind: 'symbol-exists',
  description: 'A named class, method, function or constant is defined in the subject file.',
  recognize(st: Statement) {
    if (st.construct === 'code-block' || NOT_EXISTENCE.test(st.text)) return [];
    const subject = subjectPathOf(st);
    if (!subject && !SYMBOL_WORDS.test(st.text)) return [];
    const out = [];
    const seen = new Set<string>();
    for (const code of st.code) {
      if (looksLikePath(code)) continue;
      const m = symbolMention(code);
      if (!m || LITERALS.has(m.name) || m.name.length < 2 || seen.has(code)) continue;
      // Dotted module paths without a call (`os.path`) and lone lower-case words are too vague unless a symbol word is nearby.
      if (!m.isCall && !/[A-Z_]/.test(m.name) && !SYMBOL_WORDS.test(st.text)) continue;
      seen.add(code);
      out.push({
        kind: 'symbol-exists' as const,
        text: code,
        source: { path: st.docPath, line: st.line },
        subject: { path: subject, symbol: m.qualifier ? `${m.qualifier}.${m.name}` : m.name },
        data: { name: m.name, qualifier: m.qualifier, isCall: m.isCall, assertsImplemented: IMPLEMENTED.test(st.text) },
      });
    }
    return out;
  },
  verify(claim, ctx) {
    const name = String(claim.data.name);
    const qualifier = (claim.data.qualifier as string | null) ?? null;
    const matches = (s: SymbolInfo) => s.name === name && (!qualifier || (s.container ?? '').split('.').pop() === qualifier.split('.').pop() || s.receiver === qualifier);
    if (!claim.subject.path) {
      const elsewhere: Evidence[] = [];
      for (const f of ctx.snapshot.files) {
        if (!f.language || elsewhere.length >= 5) continue;
        const m = ctx.model(f.path);
        const s = m?.symbols.find(matches);
        if (s) elsewhere.push({ path: f.path, line: s.range.line, note: `${s.kind} ${name} is defined here` });
      }
      return {
        verdict: 'unverifiable',
        reason: elsewhere.length ? `the report names no file for ${claim.text}; candidates found elsewhere` : `the report names no file for ${claim.text}, and no definition was found in the repository`,
        evidence: elsewhere,
      };
    }
    const sub = subjectFile(claim, ctx, `the definition of ${claim.text}`);
    if (!sub.ok) return sub.outcome;
    const model = ctx.model(sub.path);
    if (!model) return { verdict: 'unverifiable', reason: `${sub.path} is not source code claimcheck parses`, evidence: [] };
    const found = model.symbols.find(matches);
    const base = resolutionEvidence(sub.path, sub.note);
    if (found) {
      const ev: Evidence = { path: sub.path, line: found.range.line, endLine: Math.min(found.range.endLine, found.range.line + 8), note: `${found.kind} ${found.container ? found.container + '.' : ''}${found.name}` };
      if (found.body && STUB_SHAPES.has(found.body.shape) && claim.data.assertsImplemented) {
        return { verdict: 'contradicted', reason: `${name} exists in ${sub.path} but its body is a stub (${found.body.shape})`, evidence: [...base, ev] };
      }
      const stubNote = found.body && STUB_SHAPES.has(found.body.shape) ? ` (its body is a stub: ${found.body.shape})` : '';
      return { verdict: 'verified', reason: `${found.kind} ${name} is defined in ${sub.path} at line ${found.range.line}${stubNote}`, evidence: [...base, ev] };
    }
    const imp = model.imports.find((i) => !qualifier && (i.alias === name || i.module === name || i.module.split(/[./]/).pop() === name || i.names.some((n) => (n.alias ?? n.name) === name)));
    if (imp) {
      return { verdict: 'verified', reason: `${name} is imported in ${sub.path} at line ${imp.range.line}`, evidence: [...base, { path: sub.path, line: imp.range.line, note: `import of ${imp.module}` }] };
    }
    const elsewhere: Evidence[] = [];
    for (const f of ctx.snapshot.files) {
      if (!f.language || f.path === sub.path || elsewhere.length >= 3) continue;
      const s = ctx.model(f.path)?.symbols.find(matches);
      if (s) elsewhere.push({ path: f.path, line: s.range.line, note: `a ${s.kind} of that name exists here, not in ${sub.path}` });
    }
    return { verdict: 'contradicted', reason: `${sub.path} defines no ${qualifier ? qualifier + '.' : ''}${name}`, evidence: [...base, ...elsewhere] };
  },
};
