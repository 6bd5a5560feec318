/**
 * method-call: "`enqueue()` now calls `Job.run()` instead of the non-existent
 * `Job.execute()`", "no calls to `sync_fabric()` remain", a table row "Call to
 * missing `PaymentService.chargeCard()` | file | ✅ Fixed". The old call must
 * be gone and the new one present at the named place (inside the named
 * caller when the report names one), and the called method must exist: a
 * method-mismatch finding on the call contradicts it, a definition found in
 * the repository (or an imported library as the receiver) supports it.
 *
 * A method the report says does not exist ("calling the non-existent
 * `sync_all()`", "`Job.execute()` does not exist") is a claim of its own:
 * looked up in every definition in the repository, since a method lives
 * where its class does, not in the file that calls it.
 *
 * Which call is old and which new is read from the words around each code
 * span: `now`, `calls`, `with` (after "replaced") mark the new call;
 * `non-existent`, `missing`, `instead of`, `called` (past), `call to`, `from`
 * mark the old one; `a()` → `b()` reads as old → new.
 */
import type { CallInfo } from '../../lang/model.js';
import type { Finding } from '../../rules/types.js';
import type { Claim, ClaimKindModule, Evidence, Outcome, Statement, VerifyContext } from '../types.js';
import { looksLikePath, symbolMention } from '../mentions.js';
import { subjectPathOf, subjectFile, resolutionEvidence } from '../subject.js';
import { describesPriorState, quotesALine, excerptAt, placesText, statusOf, withoutCode, type NamedSymbol, type Place, inPlaces } from './code-scope.js';
import { isTimeoutStatement } from './timeout.js';
import { definitionEvidence, definitionsOf, ownerOf, runtimeBinding, unparsedUse } from './definitions.js';

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
    if (st.construct === 'code-block' || st.construct === 'heading' || quotesALine(st) || isTimeoutStatement(st) || !st.code.length) return [];
    if (describesPriorState(st)) return absentClaims(st, true);
    // A replaced or removed call is judged on the call; a line that reports it fixed describes the method as it was.
    const calls = callClaims(st);
    return calls.length ? calls : absentClaims(st, statusOf(st) === 'done');
  },
  verify(claim, ctx) {
    if (claim.data.claim === 'absent') return verifyAbsent(claim, ctx);
    return verifyCall(claim, ctx);
  },
};

function callClaims(st: Statement): Omit<Claim, 'id' | 'sources'>[] {
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
}

function verifyCall(claim: Claim, ctx: VerifyContext): Outcome {
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
}

/** "the non-existent `x()`", "no such method `x`", "has no attribute `x`", "undefined function `x()`": the span right after is said not to exist. */
const ABSENT_BEFORE = /(?:\b(?:non-?existent|non-?existing|non-?existant|no such|undefined|unknown|missing)\s+(?:(?:method|function|func|attribute|member|property|class|symbol)s?\s+)?|\bhas no\s+(?:method|function|attribute|member|property)\s+)(?:named\s+|called\s+)?$/i;
/** Words before a span that only say "absent" for a call or a named method ("missing `await`" is not about a method). */
const WEAK_ABSENT = /\b(?:undefined|unknown|missing)\s+$/i;
/** "`x()` does not exist", "`x` method is not defined", "`x()` was never defined" — not "is not defined as async" or "in this module". */
const ABSENT_AFTER = /^\s*(?:(?:method|function|func|class|attribute)\s+)?(?:(?:does|did|do)\s*n[o']t\s+exist|never\s+existed|(?:is|was|are|were)\s*(?:n[o']t|never)\s+defined|(?:is|was)\s+undefined)\b(?!\s+(?:as|with|in|on|for|by|inside|within)\b)/i;
const KIND_WORD = /^\s*(?:method|function|func|attribute)\b/i;
/** The line says the work added the name: it exists now, and the line is a change claim. */
const ADDED = /(?<!\b(?:not|never)\s+)\b(?:add(?:ed|s|ing)?|creat(?:ed|es|ing)|implement(?:ed|s|ing)|defin(?:ed|es|ing)|introduc(?:ed|es|ing)|wrote|written|restor(?:ed|es|ing)|provid(?:ed|es|ing))\b/i;

/**
 * Names a statement says do not exist ("Calling non-existent `sync_all()`", "`Job.execute()` does not exist").
 * One claim per statement. A field describing the defect of a fix section (`priorState`) is still a claim about the
 * code now, but a definition found then may be the fix itself, so it does not contradict the line.
 */
function absentClaims(st: Statement, priorState: boolean): Omit<Claim, 'id' | 'sources'>[] {
  const names: NamedSymbol[] = [];
  for (const m of st.text.matchAll(/`([^`]+)`/g)) {
    const s = named(m[1]!);
    if (!s || names.some((x) => x.code === s.code)) continue;
    const isCall = symbolMention(m[1]!)!.isCall;
    const before = st.text.slice(0, m.index);
    const after = st.text.slice(m.index! + m[0].length);
    // "missing `await`", "`timeout` is undefined": only a call, or a span the words call a method, is a method said not to exist.
    const named_ = isCall || KIND_WORD.test(after) || /(?:method|function|func|attribute|member|property)s?\s+(?:named\s+|called\s+)?$/i.test(before);
    const said = (ABSENT_BEFORE.test(before) && (named_ || !WEAK_ABSENT.test(before))) || (ABSENT_AFTER.test(after.replace(/^\s*\(\)/, '')) && named_);
    if (said) names.push(s);
  }
  if (!names.length || ADDED.test(withoutCode(st.text))) return [];
  return [
    {
      kind: 'method-call' as const,
      text: st.text,
      source: { path: st.docPath, line: st.line },
      subject: { path: subjectPathOf(st), symbol: names.map((n) => (n.qualifier ? `${n.qualifier}.${n.name}` : n.name)).join(', ') },
      data: { claim: 'absent', absent: names, priorState, consumes: names.map((n) => n.code) },
    },
  ];
}

/**
 * A method said not to exist, against every definition in the repository (the method lives wherever its class does,
 * not in the file that calls it). Verified when no parsed file defines it and nothing may define it unseen (code
 * claimcheck does not parse, a binding at run time, a library it is called on); contradicted when it is defined —
 * as a function, under the owner the report names, or in the file the report names; unverifiable otherwise.
 */
function verifyAbsent(claim: Claim, ctx: VerifyContext): Outcome {
  const d = claim.data as { absent: NamedSymbol[]; priorState: boolean };
  let subject: string | null = null;
  if (claim.subject.path) {
    const sub = subjectFile(claim, ctx, 'the call');
    if (sub.ok) subject = sub.path;
  }
  const exists: string[] = [];
  const existsEv: Evidence[] = [];
  const unsure: string[] = [];
  const unsureEv: Evidence[] = [];
  const held: Evidence[] = [];
  for (const s of d.absent) {
    const label = s.qualifier ? `${s.qualifier}.${s.name}` : s.name;
    // A capitalised qualifier is a class (`Job.run`); a lower-case one a variable or a module (`job.run`, `requests.get`).
    const root = s.qualifier?.split('.')[0] ?? null;
    const owner = s.qualifier && /^[A-Z]/.test(s.qualifier.split('.').pop()!) ? s.qualifier.split('.').pop()! : null;
    if (!owner && root && importedAnywhere(ctx, root)) {
      unsure.push(`${root} is an imported module or library: its functions are not in the repository`);
      continue;
    }
    const defs = definitionsOf(ctx, s.name, owner);
    if (defs.live.length) {
      const decisive = defs.live.filter((x) => owner || ownerOf(x.symbol) === null || x.path === subject);
      if (decisive.length) {
        exists.push(`${label} is defined at ${placesText(decisive.map((x) => ({ path: x.path, line: x.symbol.range.line })))}`);
        existsEv.push(...definitionEvidence(decisive));
      } else {
        unsure.push(`${s.name} is a method of ${[...new Set(defs.live.map((x) => ownerOf(x.symbol)))].slice(0, 3).join(', ')}, and the report does not say which class it means`);
        unsureEv.push(...definitionEvidence(defs.live, 2));
      }
      continue;
    }
    if (defs.archived.length) {
      unsure.push(`${label} is defined in an archived copy (${defs.archived[0]!.path})`);
      unsureEv.push(...definitionEvidence(defs.archived, 1));
      continue;
    }
    if (owner) {
      const classes = definitionsOf(ctx, owner, null, ['class', 'struct', 'interface']).live;
      if (!classes.length) {
        unsure.push(`${owner} is not a class the repository defines (a library's methods are not in the repository)`);
        continue;
      }
      const inherits = classes.filter((c) => (c.symbol.bases ?? []).some((b) => b !== 'object'));
      if (inherits.length) {
        unsure.push(`${owner} extends ${inherits[0]!.symbol.bases!.join(', ')}, which may provide ${s.name}`);
        unsureEv.push(...definitionEvidence(inherits, 1));
        continue;
      }
    }
    const unparsed = unparsedUse(ctx, s.name);
    if (unparsed) {
      unsure.push(`${s.name} is named in ${unparsed.path}:${unparsed.line}, code claimcheck does not parse`);
      unsureEv.push({ path: unparsed.path, line: unparsed.line, excerpt: excerptAt(ctx, unparsed.path, unparsed.line), note: `${s.name} is named here` });
      continue;
    }
    const bound = runtimeBinding(ctx, s.name);
    if (bound) {
      unsure.push(`${s.name} is bound at ${bound.path}:${bound.line} without a definition the parser lists`);
      unsureEv.push({ path: bound.path, line: bound.line, excerpt: excerptAt(ctx, bound.path, bound.line), note: `${s.name} may be bound here at run time` });
      continue;
    }
    const external = libraryCalls(ctx, s);
    if (external) {
      unsure.push(`${s.name} is called on ${external.call.receiver} at ${external.path}:${external.call.range.line}, an imported library whose methods are not in the repository`);
      continue;
    }
    // Calls left in the code are the defect the report names: evidence that it holds, not against it.
    const flagged = ctx.findings.filter((f) => f.category === 'method-mismatch' && mentions(f, s.name)).slice(0, 2);
    held.push(...flagged.map((f) => ({ path: f.path, line: f.line, excerpt: excerptAt(ctx, f.path, f.line), note: `${f.ruleId}: ${f.message}` })));
  }
  const listed = d.absent.map((s) => s.code).join(', ');
  if (exists.length) {
    if (d.priorState) {
      return { verdict: 'unverifiable', reason: `${exists.join('; ')}; the line describes the code before a fix, which may have added it`, evidence: existsEv };
    }
    return { verdict: 'contradicted', reason: `the report says ${listed} does not exist, but ${exists.join('; ')}`, evidence: existsEv };
  }
  if (unsure.length) return { verdict: 'unverifiable', reason: unsure.join('; '), evidence: unsureEv };
  const parsed = ctx.snapshot.files.filter((f) => f.language).length;
  // Absence from a repository without code claimcheck reads shows nothing.
  if (!parsed) return { verdict: 'unverifiable', reason: `the repository has no code claimcheck parses: no definition of ${listed} can be looked for`, evidence: [] };
  return { verdict: 'verified', reason: `no class, function or method named ${d.absent.map((s) => (s.qualifier ? `${s.qualifier}.${s.name}` : s.name)).join(', ')} is defined in the repository's code (${parsed} files parsed)`, evidence: held };
}

/** Whether any file imports a module (or binds a name from one) as `root`. */
function importedAnywhere(ctx: VerifyContext, root: string): boolean {
  return ctx.snapshot.files.some(
    (f) => !!f.language && (ctx.model(f.path)?.imports ?? []).some((i) => i.alias === root || i.module === root || i.module.split(/[./]/).pop() === root || i.names.some((n) => (n.alias ?? n.name) === root)),
  );
}

/** A call of the name whose receiver is an imported module (`requests.fetch`): the library may define it. */
function libraryCalls(ctx: VerifyContext, s: NamedSymbol): { path: string; call: CallInfo } | null {
  for (const f of ctx.snapshot.files) {
    if (!f.language) continue;
    for (const call of ctx.model(f.path)?.calls ?? []) {
      if (call.name === s.name && isExternal(ctx, f.path, call)) return { path: f.path, call };
    }
  }
  return null;
}

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
