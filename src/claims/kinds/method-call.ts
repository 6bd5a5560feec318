/**
 * method-call: "`enqueue()` now calls `Job.run()` instead of the non-existent
 * `Job.execute()`", "no calls to `sync_fabric()` remain", a table row "Call to
 * missing `PaymentService.chargeCard()` | file | ✅ Fixed". The old call must
 * be gone and the new one present at the named place (inside the named
 * caller when the report names one), and the called method must exist: a
 * method-mismatch finding on the call contradicts it, a definition found in
 * the repository (or an imported library as the receiver) supports it.
 *
 * Which call is old and which new is read from the words around each code
 * span: `now`, `calls`, `with` (after "replaced") mark the new call;
 * `non-existent`, `missing`, `instead of`, `called` (past), `call to`, `from`
 * mark the old one; `a()` → `b()` reads as old → new.
 */
import type { CallInfo } from '../../lang/model.js';
import type { Finding } from '../../rules/types.js';
import type { ClaimKindModule, Evidence, Statement, VerifyContext } from '../types.js';
import { looksLikePath, symbolMention } from '../mentions.js';
import { subjectPathOf, subjectFile, resolutionEvidence } from '../subject.js';
import { describesPriorState, quotesALine, excerptAt, placesText, statusOf, withoutCode, type NamedSymbol, type Place, inPlaces } from './code-scope.js';
import { isTimeoutStatement } from './timeout.js';

const OLD_WORDS = new Set([
  'non-existent', 'nonexistent', 'non-existing', 'nonexisting', 'missing', 'undefined', 'unknown', 'wrong', 'incorrect', 'old',
  'previous', 'previously', 'broken', 'deprecated', 'removed', 'invalid', 'bogus', 'former', 'legacy',
]);
const CALL_VERBS = new Set(['calls', 'call', 'calling', 'invokes', 'invoke', 'invoking', 'uses', 'use', 'using']);
const GONE = /\b(?:no|none|gone|removed|eliminated|no longer|fixed|resolved|replaced|corrected|dropped)\b|[✅✓✔]/i;

interface Parsed {
  caller: NamedSymbol | null;
  old: NamedSymbol[];
  new: NamedSymbol[];
}

function named(code: string): NamedSymbol | null {
  if (looksLikePath(code)) return null;
  const m = symbolMention(code);
  return m ? { name: m.name, qualifier: m.qualifier, code } : null;
}

/** Old, new and calling functions, read clause by clause. */
export function parseCalls(text: string): Parsed {
  const out: Parsed = { caller: null, old: [], new: [] };
  const clauses = text.split(/\s*(?:;|\||(?<=[^\d`])\.(?=\s|$)|[!?](?=\s|$))\s*/);
  for (const clause of clauses) {
    let mode: 'none' | 'old' | 'new' = 'none';
    let prev = '';
    const words = clause.toLowerCase();
    const pre: NamedSymbol[] = [];
    let lastWasOld = false;
    for (const m of clause.matchAll(/`([^`]+)`|(→|->)|([\p{L}\p{N}_'’-]+)/gu)) {
      if (m[1] !== undefined) {
        const s = named(m[1]);
        if (!s) continue;
        const isCall = symbolMention(m[1])!.isCall;
        // A bare name counts only right after a call verb ("calls `run`").
        if (!isCall && !(CALL_VERBS.has(prev) || prev === 'to' || prev === 'of')) continue;
        if (mode === 'old') {
          out.old.push(s);
          lastWasOld = true;
        } else if (mode === 'new') out.new.push(s);
        else if (isCall) pre.push(s);
        prev = '';
        continue;
      }
      if (m[2] !== undefined) {
        out.old.push(...pre.splice(0));
        mode = 'new';
        continue;
      }
      const w = m[3]!.toLowerCase();
      if (w === 'now') mode = 'new';
      else if (OLD_WORDS.has(w)) mode = 'old';
      else if ((w === 'of' && prev === 'instead') || (w === 'than' && prev === 'rather')) mode = 'old';
      else if ((w === 'called' || w === 'invoked') && mode !== 'new') mode = 'old';
      else if (w === 'to' && (prev === 'call' || prev === 'calls') && mode !== 'new') mode = 'old';
      else if (w === 'from' && /\bto\b/.test(words)) mode = 'old';
      else if ((w === 'with' || w === 'by') && lastWasOld && /\breplac/.test(words)) mode = 'new';
      else if (w === 'to' && lastWasOld && /\b(?:from|changed|switched|moved)\b/.test(words)) mode = 'new';
      else if (CALL_VERBS.has(w) && mode === 'none' && pre.length) mode = 'new';
      prev = w;
    }
    if (!out.caller && pre.length) out.caller = pre[0]!;
  }
  return out;
}

export const methodCall: ClaimKindModule = {
  kind: 'method-call',
  description: 'A call was replaced: the old call is gone, the new one is present where the report says, and the called method exists.',
  recognize(st: Statement) {
    if (st.construct === 'code-block' || st.construct === 'heading' || describesPriorState(st) || quotesALine(st) || isTimeoutStatement(st)) return [];
    if (!st.code.length) return [];
    const p = parseCalls(st.text);
    let claim: 'replaced' | 'gone' | 'remains';
    if (p.new.length) claim = 'replaced';
    else if (p.old.length && GONE.test(withoutCode(st.text)) && statusOf(st) !== 'open') claim = 'gone';
    else if (p.old.length && statusOf(st) === 'open') claim = 'remains';
    else return [];
    const consumes = [...p.old, ...p.new, ...(p.caller ? [p.caller] : [])].map((s) => s.code);
    return [
      {
        kind: 'method-call' as const,
        text: st.text,
        source: { path: st.docPath, line: st.line },
        subject: { path: subjectPathOf(st), symbol: p.caller?.name ?? null },
        data: { claim, caller: p.caller, old: p.old, new: p.new, consumes },
      },
    ];
  },
  verify(claim, ctx) {
    const d = claim.data as { claim: 'replaced' | 'gone' | 'remains'; caller: NamedSymbol | null; old: NamedSymbol[]; new: NamedSymbol[] };
    let files: string[];
    let where: string;
    const base: Evidence[] = [];
    if (claim.subject.path) {
      const sub = subjectFile(claim, ctx, 'the call');
      if (!sub.ok) return sub.outcome;
      files = [sub.path];
      where = sub.path;
      base.push(...resolutionEvidence(sub.path, sub.note));
    } else if (d.claim !== 'replaced') {
      // "No calls to x() remain" with no file named: the whole production code.
      files = ctx.snapshot.files.filter((f) => f.language && !f.isTest).map((f) => f.path);
      where = `the repository's production code (${files.length} files)`;
    } else {
      return { verdict: 'unverifiable', reason: 'the report names no file for this call', evidence: candidates(ctx, d.new) };
    }

    // Inside the named caller when the file defines it.
    let places: Place[] = [];
    if (d.caller) {
      for (const path of files) {
        for (const s of ctx.model(path)?.symbols ?? []) {
          if (s.name === d.caller.name && (s.kind === 'function' || s.kind === 'method')) places.push({ path, line: s.range.line, endLine: s.range.endLine });
        }
      }
      if (places.length) where = `${d.caller.name}() in ${where}`;
    }
    const calls = (s: NamedSymbol, strictReceiver: boolean) => callsTo(ctx, files, s, places, strictReceiver);
    const mismatches = (s: NamedSymbol) =>
      ctx.findings.filter((f) => f.category === 'method-mismatch' && files.includes(f.path) && (places.length === 0 || inPlaces(f.path, f.line, places)) && mentions(f, s.name));

    // The old calls: any call of that name (the report's variable names drift), or a finding about it.
    const remaining: { s: NamedSymbol; at: { path: string; line: number }[]; findings: Finding[] }[] = [];
    for (const s of d.old) {
      const at = calls(s, false).map((c) => ({ path: c.path, line: c.call.range.line }));
      const fs = mismatches(s);
      if (at.length || fs.length) remaining.push({ s, at, findings: fs });
    }
    const remainEv = remaining.flatMap((r) => [
      ...r.findings.map((f) => ({ path: f.path, line: f.line, excerpt: excerptAt(ctx, f.path, f.line), note: `${f.ruleId}: ${f.message}` })),
      ...r.at.filter((a) => !r.findings.some((f) => f.path === a.path && f.line === a.line)).slice(0, 3).map((a) => ({ path: a.path, line: a.line, excerpt: excerptAt(ctx, a.path, a.line), note: `a call to ${r.s.name} is still here` })),
    ]);
    const remainText = remaining.map((r) => `${r.s.code} is still called at ${placesText([...r.findings, ...r.at].filter(uniqueAt()))}`).join('; ');

    if (d.claim === 'remains') {
      if (remaining.length) return { verdict: 'verified', reason: `${remainText}`, evidence: [...base, ...remainEv] };
      return { verdict: 'contradicted', reason: `no call to ${d.old.map((s) => s.code).join(', ')} is left in ${where}`, evidence: base };
    }
    if (remaining.length) {
      return { verdict: 'contradicted', reason: remainText, evidence: [...base, ...remainEv] };
    }
    if (d.claim === 'gone') {
      const n = files.reduce((a, p) => a + (ctx.model(p)?.calls.length ?? 0), 0);
      return {
        verdict: 'verified',
        reason: `no call to ${d.old.map((s) => s.code).join(', ')} remains in ${where} (${n} calls checked, and no method-mismatch finding about it)`,
        evidence: base,
      };
    }

    // The new calls: present, not flagged, and defined somewhere.
    const ev: Evidence[] = [...base];
    const unsure: string[] = [];
    for (const s of d.new) {
      const found = calls(s, true);
      if (!found.length) {
        const loose = calls(s, false);
        const hint = loose.length ? `; ${s.name} is called at ${placesText(loose.map((c) => ({ path: c.path, line: c.call.range.line })))} on another receiver` : '';
        return { verdict: 'contradicted', reason: `${where} has no call to ${s.code}${hint}`, evidence: [...ev, ...oldHints(ctx, files, d.old)] };
      }
      const flagged = found.flatMap((c) => ctx.findings.filter((f) => f.category === 'method-mismatch' && f.path === c.path && f.line >= c.call.range.line && f.line <= c.call.range.endLine && mentions(f, s.name)));
      if (flagged.length) {
        const f = flagged[0]!;
        return { verdict: 'contradicted', reason: `${s.code} is called at ${f.path}:${f.line}, but the method does not exist: ${f.message}`, evidence: [...ev, { path: f.path, line: f.line, excerpt: excerptAt(ctx, f.path, f.line), note: f.ruleId }] };
      }
      const c = found[0]!;
      ev.push({ path: c.path, line: c.call.range.line, endLine: c.call.range.endLine, excerpt: excerptAt(ctx, c.path, c.call.range.line, c.call.range.endLine), note: `call ${c.call.callee}()${c.call.enclosing ? ` in ${c.call.enclosing}` : ''}` });
      const defs = definitions(ctx, s);
      if (defs.length) ev.push(...defs.slice(0, 2).map((x) => ({ path: x.path, line: x.line, note: `${x.what} is defined here` })));
      else if (isExternal(ctx, c.path, c.call)) ev.push({ path: c.path, line: c.call.range.line, note: `${c.call.receiver} is an imported library; its methods are not in the repository` });
      else unsure.push(s.code);
    }
    if (unsure.length) {
      return { verdict: 'unverifiable', reason: `${unsure.join(', ')} is called in ${where}, but claimcheck found no definition of it in the repository`, evidence: ev };
    }
    const oldPart = d.old.length ? `; no call to ${d.old.map((s) => s.code).join(', ')} remains` : '';
    return { verdict: 'verified', reason: `${where} calls ${d.new.map((s) => s.code).join(', ')}, which exists${oldPart}`, evidence: ev };
  },
};

function uniqueAt() {
  const seen = new Set<string>();
  return (x: { path: string; line: number }) => {
    const k = `${x.path}:${x.line}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  };
}

function mentions(f: Finding, name: string): boolean {
  return new RegExp(`(?<![\\w$])${name.replace(/[$]/g, '\\$')}(?![\\w$])`).test(f.message);
}

/**
 * Calls of `s` in the files (inside `places` when given). A lower-case
 * qualifier is a variable (`checker.Run`): with `strictReceiver` the receiver
 * must end with it. A capitalised one is a type (`Job.run`) whose variables
 * the report does not name: any receiver.
 */
function callsTo(ctx: VerifyContext, files: readonly string[], s: NamedSymbol, places: readonly Place[], strictReceiver: boolean): { path: string; call: CallInfo }[] {
  const out: { path: string; call: CallInfo }[] = [];
  for (const path of files) {
    for (const call of ctx.model(path)?.calls ?? []) {
      if (call.name !== s.name) continue;
      if (places.length && !inPlaces(path, call.range.line, places)) continue;
      if (strictReceiver && s.qualifier && !/^[A-Z]/.test(s.qualifier.split('.').pop()!)) {
        const r = call.receiver ?? '';
        if (!(r === s.qualifier || r.endsWith('.' + s.qualifier) || s.qualifier.endsWith('.' + r))) continue;
      }
      out.push({ path, call });
    }
  }
  return out;
}

/** Functions and methods named like `s` anywhere in the repository (in the named type when it is capitalised). */
function definitions(ctx: VerifyContext, s: NamedSymbol): { path: string; line: number; what: string }[] {
  const q = s.qualifier?.split('.').pop() ?? null;
  const typed = q && /^[A-Z]/.test(q) ? q : null;
  const out: { path: string; line: number; what: string }[] = [];
  const loose: { path: string; line: number; what: string }[] = [];
  for (const f of ctx.snapshot.files) {
    if (!f.language) continue;
    for (const sym of ctx.model(f.path)?.symbols ?? []) {
      if (sym.name !== s.name || (sym.kind !== 'function' && sym.kind !== 'method')) continue;
      const owner = sym.receiver ?? sym.container?.split('.').pop() ?? null;
      const what = `${sym.kind} ${owner ? owner + '.' : ''}${sym.name}`;
      if (!typed || owner === typed) out.push({ path: f.path, line: sym.range.line, what });
      else loose.push({ path: f.path, line: sym.range.line, what });
    }
    if (out.length >= 3) break;
  }
  return out.length ? out : loose;
}

/** The call's receiver is a module or package the file imports (`requests.get`, `http.Get`). */
function isExternal(ctx: VerifyContext, path: string, call: CallInfo): boolean {
  const root = (call.receiver ?? '').split('.')[0];
  if (!root) return false;
  return (ctx.model(path)?.imports ?? []).some((i) => i.alias === root || i.module === root || i.module.split(/[./]/).pop() === root || i.names.some((n) => (n.alias ?? n.name) === root));
}

function candidates(ctx: VerifyContext, names: readonly NamedSymbol[]): Evidence[] {
  const ev: Evidence[] = [];
  for (const f of ctx.snapshot.files) {
    if (!f.language || f.isTest || ev.length >= 5) continue;
    for (const c of ctx.model(f.path)?.calls ?? []) {
      if (names.some((s) => s.name === c.name)) {
        ev.push({ path: f.path, line: c.range.line, note: `a call to ${c.name} (candidate)` });
        break;
      }
    }
  }
  return ev;
}

function oldHints(ctx: VerifyContext, files: readonly string[], old: readonly NamedSymbol[]): Evidence[] {
  const ev: Evidence[] = [];
  for (const s of old) {
    for (const c of callsTo(ctx, files, s, [], false).slice(0, 2)) ev.push({ path: c.path, line: c.call.range.line, excerpt: excerptAt(ctx, c.path, c.call.range.line), note: `the old call ${s.name} is here` });
  }
  return ev;
}
