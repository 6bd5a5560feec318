/**
 * symbol-exists: "`BidirectionalSyncOrchestrator` class", a feature line
 * "`sync()`, `detect_external_changes()`, `resolve_conflicts()` methods",
 * "`CircuitBreaker` class with state management (`CLOSED`, `OPEN`)". One
 * claim per statement: every named symbol is looked up in the subject file's
 * parsed model (definitions, then imports), and the claim holds only if all
 * of them are there. A symbol whose body is a stub does not verify a claim
 * that it is implemented. With no subject file the names are looked up in
 * the whole repository (definitions.ts): verified when the live code defines
 * every one, contradicted when one is named by no file of code at all.
 */
import type { SymbolInfo } from '../../lang/model.js';
import type { ClaimKindModule, Evidence, Outcome, Statement, VerifyContext } from '../types.js';
import { namedClause } from '../clauses.js';
import { looksLikePath, symbolMention } from '../mentions.js';
import { subjectFile, subjectPathOf, resolutionEvidence } from '../subject.js';
import { excerptAt } from './code-scope.js';
import { definitionEvidence, definitionsOf, firstUse, ownerOf } from './definitions.js';

const LITERALS = new Set(['True', 'False', 'None', 'null', 'undefined', 'true', 'false', 'nil', 'self', 'this', 'NaN', 'Infinity']);
/** Sentences about removal, absence or replacement are other kinds' business (method-call, snippet-absent). */
const NOT_EXISTENCE = /\b(remov|delet|non-existent|nonexistent|missing|instead of|replac|renam|deprecat|no longer|does not exist|undefined|not defined|should|would|will|could|todo)\w*/i;
const SYMBOL_WORDS = /\b(class|classes|method|methods|function|functions|func|struct|structs|interface|interfaces|enum|constant|constants|decorator|handler|endpoint|type|types|implemented|implements|defines|provides|exposes)\b/i;
const IMPLEMENTED = /\b(implement\w*|complete\w*|working|functional|full|fully|production|handles?|performs?|supports?)\b/i;
const STUB_SHAPES = new Set(['pass', 'empty', 'not-implemented']);

/**
 * A line that opens with the names it is about ("`flush()` - drains the queue", "`Retry`, `Backoff`: policies"): a
 * glossary entry, whose subject is the names even when no file is given.
 */
const NAMES_LEAD = /^(?:`[^`\s]+`\s*(?:,|\/|&|\band\b)?\s*)+(?:$|[-–—:(])/;
/**
 * What a line with no file asserts besides the names' existence, which their definitions elsewhere cannot show: a
 * change ("Fixed `save()`"), a problem ("`load()` - ❌ no fallback"), a number or value ("`retries`: 3"), a plan, or
 * an instruction ("Verify `needs_sync()` logic"). Such a line is looked up, but not judged on existence.
 */
const MORE_THAN_EXISTENCE: [RegExp, string][] = [
  [/\b(?:fix(?:ed|es)?|add(?:ed|s)?|created?|updated?|changed?|improved?|enhanced|implemented|introduced|integrated|extended|modified|corrected|resolved|restored|replaced|refactored|rewritten|rewrote|converted|optimi[sz]ed|migrated|switched|moved|now|made|was|were)\b/i, 'a change'],
  [/\b(?:validated|tested|verified|works|working|successfully|functional)\b|[✅✓✔]/iu, 'an outcome'],
  [/\b(?:no|not|never|without|lacks?|lacking|none|cannot|can't|doesn't|isn't|broken|fails?|failing|failed|errors?)\b|[❌✗✖⚠🚫⛔🔴]/iu, 'a problem'],
  [/\d/, 'a number or value'],
  [/\b(?:should|would|will|could|must|might|needs?|needed|planned|proposed|future|todo|later)\b/i, 'a plan'],
  [/(?:^|[:.]\s*)\W*(?:verify|check|run|use|call|test|ensure|see|review|investigate|consider|confirm|validate|try|make sure|implement|create|add|write|update|fix|refactor|remove|replace|rename|move|define)\s/i, 'an instruction'],
];

/** More files than this defining one name (`__init__`, `run`): a line naming it without an owner does not say which. */
const MAX_DEFINING_FILES = 3;
/** Definitions of values, not of code: a line describing one describes its value. */
const DATA_KINDS = new Set(['variable', 'constant', 'field']);

/** A section or lead-in of things still to do ("Unit Tests Needed", "Proposed API:"). */
const PLAN_CONTEXT = /\b(?:needed|required|todo|to do|proposed|planned|suggested|recommended|next steps?|future|missing|to add|to implement|to create)\b/i;

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
    const test = testRefOf(st);
    if (test) return [{ kind: 'symbol-exists' as const, text: st.text, source: { path: st.docPath, line: st.line }, subject: { path: null, symbol: test.sub ? `${test.name}/${test.sub}` : test.name }, data: { testRef: test } }];
    // Removal, absence and replacement sentences belong to method-call and snippet-absent; names in code spans do not count ("`Remove()`").
    if (st.construct === 'code-block' || NOT_EXISTENCE.test(st.text.replace(/`[^`]*`/g, ' '))) return [];
    const subject = subjectPathOf(st);
    if (!subject && !SYMBOL_WORDS.test(st.text) && !NAMES_LEAD.test(st.text)) return [];
    const prose = st.text.replace(/`[^`]*`/g, ' ');
    // With no file, the definitions found elsewhere show only that the names exist: a line saying more is not judged on that.
    const more = subject ? null : (MORE_THAN_EXISTENCE.find(([re]) => re.test(prose))?.[1] ?? (st.headings.concat(st.parents ?? []).some((h) => PLAN_CONTEXT.test(h)) ? 'a plan' : null));
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
        // "`AuditTrailManager` with tamper-proof logging": this claim is the name's; the capability is feature's.
        text: namedClause(st.text)?.head ?? st.text,
        source: { path: st.docPath, line: st.line },
        subject: { path: subject, symbol: names.map((n) => (n.qualifier ? `${n.qualifier}.${n.name}` : n.name)).join(', ') },
        data: { names, spans: names.map((n) => n.code), assertsImplemented: IMPLEMENTED.test(prose), ...(more ? { more } : {}) },
      },
    ];
  },
  verify(claim, ctx) {
    if (claim.data.testRef) return verifyTestRef(claim.data.testRef as TestRef, ctx);
    const names = claim.data.names as Named[];
    const listed = names.map((n) => n.code).join(', ');
    if (!claim.subject.path) return verifyAnywhere(claim.data.assertsImplemented === true, names, ctx, claim.data.more as string | undefined);
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

/**
 * Names the report gives no file for, looked up in the whole repository: defined in the live tree → verified; defined
 * only in an archived copy or under another owner, or used but defined nowhere (a library, a builtin) → unverifiable;
 * named by no file of code or config at all → contradicted.
 */
function verifyAnywhere(assertsImplemented: boolean, names: readonly Named[], ctx: VerifyContext, more: string | undefined): Outcome {
  const found: Evidence[] = [];
  const foundNames: string[] = [];
  const stubs: string[] = [];
  const unsure: string[] = [];
  const unsureEv: Evidence[] = [];
  const absent: string[] = [];
  for (const n of names) {
    const label = n.qualifier ? `${n.qualifier}.${n.name}` : n.name;
    const d = definitionsOf(ctx, n.name, n.qualifier);
    if (d.live.length) {
      const files = new Set(d.live.map((x) => x.path));
      if (!n.qualifier && files.size > MAX_DEFINING_FILES) {
        unsure.push(`${label} is defined in ${files.size} files, and the line does not say which it means`);
        unsureEv.push(...definitionEvidence(d.live, 2));
        continue;
      }
      if (d.live.every((x) => DATA_KINDS.has(x.symbol.kind))) {
        unsure.push(`${label} is a ${d.live[0]!.symbol.kind} (${d.live[0]!.path}:${d.live[0]!.symbol.range.line}); what a line says of a value is not shown by its definition`);
        unsureEv.push(...definitionEvidence(d.live, 2));
        continue;
      }
      const stubbed = d.live.filter((x) => x.symbol.body && STUB_SHAPES.has(x.symbol.body.shape));
      if (stubbed.length === d.live.length) stubs.push(`${label} (${stubbed[0]!.symbol.body!.shape})`);
      foundNames.push(`${label} (${d.live.length === 1 ? `${d.live[0]!.path}:${d.live[0]!.symbol.range.line}` : `${d.live.length} definitions`})`);
      found.push(...definitionEvidence(d.live));
      continue;
    }
    if (d.archived.length) {
      unsure.push(`${label} is defined only in an archived copy`);
      unsureEv.push(...definitionEvidence(d.archived, 2));
      continue;
    }
    if (d.otherOwner.length) {
      unsure.push(`${label} is not defined, but ${n.name} is, in ${[...new Set(d.otherOwner.map((x) => ownerOf(x.symbol) ?? 'the top level'))].slice(0, 3).join(', ')}`);
      unsureEv.push(...definitionEvidence(d.otherOwner, 2));
      continue;
    }
    const use = firstUse(ctx, n.name);
    if (!use && /^[A-Z][A-Z0-9_]*$/.test(n.name)) {
      unsure.push(`${label} is in no file of the repository, but a name in capitals may be an environment variable or a setting kept in an ignored file`);
      continue;
    }
    if (use) {
      unsure.push(`${label} is named at ${use.path}:${use.line}, but no parsed file defines it (a library, the language or a file claimcheck does not parse may)`);
      unsureEv.push({ path: use.path, line: use.line, excerpt: excerptAt(ctx, use.path, use.line), note: `${n.name} is named here` });
      continue;
    }
    absent.push(label);
  }
  // A line that says more than existence (a plan names what does not exist yet) is judged only on a stub it calls working.
  const sayMore = (o: Outcome): Outcome => ({ verdict: 'unverifiable', reason: `the line states ${more}, which the names' definitions elsewhere cannot show (${o.reason})`, evidence: o.evidence });
  if (absent.length) {
    if (more) return sayMore({ verdict: 'unverifiable', reason: `no file of the repository's code or config contains ${absent.join(', ')}`, evidence: found });
    return { verdict: 'contradicted', reason: `the report names no file, and no file of the repository's code or config contains ${absent.join(', ')}${foundNames.length ? `; found: ${foundNames.join(', ')}` : ''}`, evidence: found };
  }
  if (unsure.length) {
    return { verdict: 'unverifiable', reason: `the report names no file; ${unsure.join('; ')}${foundNames.length ? `; found: ${foundNames.join(', ')}` : ''}`, evidence: [...found, ...unsureEv] };
  }
  if (stubs.length && assertsImplemented) {
    return { verdict: 'contradicted', reason: `the named symbols exist, but the claim says they are implemented and ${stubs.join(', ')} ${stubs.length > 1 ? 'are stubs' : 'is a stub'}`, evidence: found };
  }
  const verified: Outcome = { verdict: 'verified', reason: `the report names no file; the live code defines ${foundNames.join(', ')}${stubs.length ? `; stub bodies: ${stubs.join(', ')}` : ''}`, evidence: found };
  return more ? sayMore(verified) : verified;
}

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

/** A test a report names: "Test: TestAMSTHealthCheck/No_streams", "**Failing test**: `test_refund_twice`". */
interface TestRef {
  name: string;
  /** A subtest as `go test` prints it (spaces as underscores). */
  sub: string | null;
}

function testRefOf(st: Statement): TestRef | null {
  if (!st.label || !st.value || !/^(?:test|tests?\s+case|failing\s+test|failed\s+test|test\s+name)$/i.test(st.label.replace(/[*_`]/g, '').trim())) return null;
  const m = /^`?((?:Test|test_|Test_)\w+)(?:\/([^\s`]+))?`?$/.exec(st.value.trim());
  return m ? { name: m[1]!, sub: m[2] ?? null } : null;
}

/** The test in the repository's test inventory, and its subtest by name or by a table row's name. */
function verifyTestRef(ref: TestRef, ctx: VerifyContext): Outcome {
  const tests = ctx.repoFacts.tests.filter((t) => t.name === ref.name && t.role !== 'subtest');
  if (!tests.length) {
    return ctx.repoFacts.tests.length
      ? { verdict: 'contradicted', reason: `no test named ${ref.name} among the ${ctx.repoFacts.tests.length} tests of the repository's test code`, evidence: [] }
      : { verdict: 'unverifiable', reason: `claimcheck found no tests in the repository to look ${ref.name} up in`, evidence: [] };
  }
  const at = tests.map((t) => ({ path: t.path, line: t.line, note: `test ${t.name}` }));
  if (!ref.sub) return { verdict: 'verified', reason: `${ref.name} is a test at ${tests.map((t) => `${t.path}:${t.line}`).join(', ')}`, evidence: at };
  const printed = (n: string) => n.replace(/\s+/g, '_');
  const subs = ctx.repoFacts.tests.filter((t) => t.role === 'subtest' && t.parent === ref.name && printed(t.name) === ref.sub);
  if (subs.length) return { verdict: 'verified', reason: `${ref.name} runs the subtest ${ref.sub} at ${subs[0]!.path}:${subs[0]!.line}`, evidence: [...at, { path: subs[0]!.path, line: subs[0]!.line, note: `subtest ${subs[0]!.name}` }] };
  // A table-driven test names its subtests in its rows: a string literal of the test that prints as the name.
  for (const t of tests) {
    const model = ctx.model(t.path);
    const fn = model?.symbols.find((x) => x.name === t.name && x.range.line === t.line);
    const row = fn ? model!.strings.find((x) => x.range.line >= fn.range.line && x.range.endLine <= fn.range.endLine && printed(x.value) === ref.sub) : undefined;
    if (row) return { verdict: 'verified', reason: `${ref.name} has a table row named "${row.value}", which go test prints as ${ref.sub}`, evidence: [...at, { path: t.path, line: row.range.line, excerpt: excerptAt(ctx, t.path, row.range.line), note: 'table row' }] };
  }
  return { verdict: 'unverifiable', reason: `${ref.name} is a test (${tests.map((t) => `${t.path}:${t.line}`).join(', ')}), but no subtest of it is written as ${ref.sub}; its names may be computed`, evidence: at };
}
