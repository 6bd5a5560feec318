/**
 * symbol-exists: "`BidirectionalSyncOrchestrator` class", a feature line
 * "`sync()`, `detect_external_changes()`, `resolve_conflicts()` methods",
 * "`CircuitBreaker` class with state management (`CLOSED`, `OPEN`)". One
 * claim per statement: every named symbol is looked up in the subject file's
 * parsed model (definitions, then imports), and the claim holds only if all
 * of them are there. A symbol whose body is a stub does not verify a claim
 * that it is implemented. With no subject file the claim is unverifiable and
 * the evidence lists where the names are defined elsewhere.
 */
import type { SymbolInfo } from '../../lang/model.js';
import type { ClaimKindModule, Evidence, Statement, VerifyContext } from '../types.js';
import { looksLikePath, symbolMention } from '../mentions.js';
import { subjectFile, subjectPathOf, resolutionEvidence } from '../subject.js';

const LITERALS = new Set(['True', 'False', 'None', 'null', 'undefined', 'true', 'false', 'nil', 'self', 'this', 'NaN', 'Infinity']);
/** Sentences about removal, absence or replacement are other kinds' business (method-call, snippet-absent). */
const NOT_EXISTENCE = /\b(remov|delet|non-existent|nonexistent|missing|instead of|replac|renam|deprecat|no longer|does not exist|undefined|not defined|should|would|will|could|todo)\w*/i;
const SYMBOL_WORDS = /\b(class|classes|method|methods|function|functions|func|struct|structs|interface|interfaces|enum|constant|constants|decorator|handler|endpoint|type|types|implemented|implements|defines|provides|exposes)\b/i;
const IMPLEMENTED = /\b(implement\w*|complete\w*|working|functional|full|fully|production|handles?|performs?|supports?)\b/i;
const STUB_SHAPES = new Set(['pass', 'empty', 'not-implemented']);

/** A name the statement gives in a code span. */
interface Named {
  code: string;
  name: string;
  qualifier: string | null;
  isCall: boolean;
}

export const symbolExists: ClaimKindModule = {
  kind: 'symbol-exists',
  description: 'Every class, method, function or constant a statement names is defined in its subject file.',
  recognize(st: Statement) {
    // Removal, absence and replacement sentences belong to method-call and snippet-absent; names in code spans do not count ("`Remove()`").
    if (st.construct === 'code-block' || NOT_EXISTENCE.test(st.text.replace(/`[^`]*`/g, ' '))) return [];
    const subject = subjectPathOf(st);
    if (!subject && !SYMBOL_WORDS.test(st.text)) return [];
    const names: Named[] = [];
    for (const code of st.code) {
      if (looksLikePath(code)) continue;
      const m = symbolMention(code);
      if (!m || LITERALS.has(m.name) || m.name.length < 2 || names.some((n) => n.code === code)) continue;
      // Dotted module paths without a call (`os.path`) and lone lower-case words are too vague unless a symbol word is nearby.
      if (!m.isCall && !/[A-Z_]/.test(m.name) && !SYMBOL_WORDS.test(st.text)) continue;
      names.push({ code, ...m });
    }
    if (!names.length) return [];
    return [
      {
        kind: 'symbol-exists' as const,
        text: st.text,
        source: { path: st.docPath, line: st.line },
        subject: { path: subject, symbol: names.map((n) => (n.qualifier ? `${n.qualifier}.${n.name}` : n.name)).join(', ') },
        data: { names, spans: names.map((n) => n.code), assertsImplemented: IMPLEMENTED.test(st.text.replace(/`[^`]*`/g, ' ')) },
      },
    ];
  },
  verify(claim, ctx) {
    const names = claim.data.names as Named[];
    const listed = names.map((n) => n.code).join(', ');
    if (!claim.subject.path) {
      const elsewhere = names.flatMap((n) => definedElsewhere(ctx, n, null, 2));
      return {
        verdict: 'unverifiable',
        reason: elsewhere.length ? `the report names no file for ${listed}; candidates found elsewhere` : `the report names no file for ${listed}, and no definition was found in the repository`,
        evidence: elsewhere,
      };
    }
    const sub = subjectFile(claim, ctx, `the definition of ${listed}`);
    if (!sub.ok) return sub.outcome;
    const model = ctx.model(sub.path);
    if (!model) return { verdict: 'unverifiable', reason: `${sub.path} is not source code claimcheck parses`, evidence: [] };
    const base = resolutionEvidence(sub.path, sub.note);
    const found: Evidence[] = [];
    const foundNames: string[] = [];
    const stubs: string[] = [];
    const missing: Named[] = [];
    for (const n of names) {
      const matches = (s: SymbolInfo) => s.name === n.name && (!n.qualifier || (s.container ?? '').split('.').pop() === n.qualifier.split('.').pop() || s.receiver === n.qualifier);
      const sym = model.symbols.find(matches);
      if (sym) {
        const stub = sym.body && STUB_SHAPES.has(sym.body.shape) ? sym.body.shape : null;
        if (stub) stubs.push(`${n.name} (${stub})`);
        foundNames.push(`${sym.kind} ${sym.container ? sym.container + '.' : ''}${sym.name} (line ${sym.range.line})`);
        found.push({ path: sub.path, line: sym.range.line, endLine: Math.min(sym.range.endLine, sym.range.line + 8), note: `${sym.kind} ${sym.container ? sym.container + '.' : ''}${sym.name}${stub ? `; its body is a stub (${stub})` : ''}` });
        continue;
      }
      const imp = n.qualifier ? undefined : model.imports.find((i) => i.alias === n.name || i.module === n.name || i.module.split(/[./]/).pop() === n.name || i.names.some((x) => (x.alias ?? x.name) === n.name));
      if (imp) {
        foundNames.push(`${n.name} (imported, line ${imp.range.line})`);
        found.push({ path: sub.path, line: imp.range.line, note: `import of ${imp.module}` });
        continue;
      }
      missing.push(n);
    }
    if (missing.length) {
      const elsewhere = missing.flatMap((n) => definedElsewhere(ctx, n, sub.path, 2));
      return {
        verdict: 'contradicted',
        reason: `${sub.path} defines no ${missing.map((n) => (n.qualifier ? `${n.qualifier}.${n.name}` : n.name)).join(', ')}${foundNames.length ? `; found: ${foundNames.join(', ')}` : ''}`,
        evidence: [...base, ...found, ...elsewhere],
      };
    }
    if (stubs.length && claim.data.assertsImplemented) {
      return { verdict: 'contradicted', reason: `all named symbols exist in ${sub.path}, but the claim says they are implemented and ${stubs.join(', ')} ${stubs.length > 1 ? 'are stubs' : 'is a stub'}`, evidence: [...base, ...found] };
    }
    return { verdict: 'verified', reason: `${sub.path} defines ${foundNames.join(', ')}${stubs.length ? `; stub bodies: ${stubs.join(', ')}` : ''}`, evidence: [...base, ...found] };
  },
};

/** Up to `n` other files that define the name (a hint, never a verdict). */
function definedElsewhere(ctx: VerifyContext, n: Named, except: string | null, max: number): Evidence[] {
  const out: Evidence[] = [];
  for (const f of ctx.snapshot.files) {
    if (!f.language || f.path === except || out.length >= max) continue;
    const s = ctx.model(f.path)?.symbols.find((x) => x.name === n.name && (!n.qualifier || (x.container ?? '').split('.').pop() === n.qualifier.split('.').pop() || x.receiver === n.qualifier));
    if (s) out.push({ path: f.path, line: s.range.line, note: except ? `a ${s.kind} ${n.name} exists here, not in ${except}` : `${s.kind} ${n.name} is defined here` });
  }
  return out;
}
