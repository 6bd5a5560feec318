/**
 * placeholder: what a report says about unfinished or fake code, checked
 * against the placeholder and mock-in-production rules.
 *
 * - Absence: a statement that none is left in a named file or directory, a
 *   Target | Actual row whose actual is 0, a row marked fixed that names such
 *   a defect, a named function said to work now (its body written). A
 *   finding in scope contradicts it, and so does a file in scope that
 *   imports a symbol the mock rules flag (fake code wired into production).
 *   With none, a claim about named files or directories is verified (every
 *   file in scope was analysed); a claim that names no place is not, since
 *   its scope is a guess.
 * - Presence: a named function said to still be a stand-in, or such code said
 *   to sit at a line: verified by a finding at that line or in the named
 *   symbol (or a body the parser classifies as a stub); otherwise
 *   unverifiable, since the rules are not exhaustive.
 *
 * Words about mocks and fakes check the mock-in-production rules only; words
 * about stand-ins, stubs and to-do markers check both (fake code stands in
 * for the real thing).
 */
import type { SymbolInfo } from '../../lang/model.js';
import type { Category, Finding } from '../../rules/types.js';
import type { ClaimKindModule, Evidence, Statement, VerifyContext } from '../types.js';
import { looksLikePath, symbolMention } from '../mentions.js';
import {
  actualCell,
  describesPriorState,
  excerptAt,
  placesText,
  quotesALine,
  resolveScope,
  scopeOf,
  someFindings,
  statusOf,
  unresolvedOutcome,
  withoutCode,
  type NamedSymbol,
  type ScopeSpec,
} from './code-scope.js';

const MOCK = /\bmock(?:s|ed)?\b|\bfakes?\b|\bdummy\b/i;
const PLACEHOLDER = /\bplaceholders?\b|\bstub(?:s|bed)?\b|\bTODOs?\b|\bFIXMEs?\b|\bunimplemented\b|\bnot (?:yet )?implemented\b/i;
const IMPLEMENTED = /\bimplemented\b/i;
const NOT_IMPLEMENTED = /\bunimplemented\b|\bnot (?:yet )?implemented\b/i;
const THING = String.raw`(?:placeholders?|mock\w*|stub\w*|todos?|fixmes?|fakes?|dummy|dummies)`;
/** The negation must bear on the stand-in itself ("no mocks left", "Placeholders: none", "removal of the stubs"), not on another word. */
const NEGATED = new RegExp(
  String.raw`\b(?:no|zero|without|removed|removal of|eliminated|free of|instead of|rather than|replaced)\b[^.;,|]{0,30}?\b${THING}|\b${THING}[^.;|]{0,40}?\b(?:removed|removal|eliminated|gone|none)\b|\bno longer\b[^.;|]{0,30}\b(?:a |an )?${THING}`,
  'i',
);
const STILL = /\b(?:still|remains?|left in place)\b/i;
/** Found, present, contained: the placeholder is there. */
const PRESENT = /\b(?:found|detected|present|presence|exists?|contains?|containing|uses|using|wired)\b|\b(?:is|are) (?:a |an )?(?:mock|placeholder|stub)|\b(?:mock|placeholder|stub)\w* (?:implementation |code )?at line\b/i;
/** "must be replaced", "should be removed": the work is still to do. */
const MODAL = /\b(?:should|must|needs? to|has to|have to|to be|will be)\b/i;
const TEST_TALK = /\b(?:tests?|testing|jest|pytest|unittest|vitest|spec|fixtures?)\b/i;
const STUB_SHAPES = new Set(['pass', 'empty', 'not-implemented']);

type Polarity = 'absent' | 'present';

interface PlaceholderData {
  polarity: Polarity;
  categories: Category[];
  scope: ScopeSpec;
  symbols: NamedSymbol[];
  /** "`x()` is now implemented": the claim is about these symbols' bodies. */
  implemented: boolean;
  line: number | null;
  endLine: number | null;
  consumes: string[];
  [key: string]: unknown;
}

function symbolsOf(st: Statement): NamedSymbol[] {
  const out: NamedSymbol[] = [];
  for (const code of st.code) {
    if (looksLikePath(code)) continue;
    const m = symbolMention(code);
    if (m && m.name.length > 1) out.push({ name: m.name, qualifier: m.qualifier, code });
  }
  return out;
}

export const placeholder: ClaimKindModule = {
  kind: 'placeholder',
  description: 'Placeholder or mock code said to be gone (or still there), checked against the placeholder and mock-in-production rules.',
  recognize(st) {
    if (st.construct === 'code-block' || st.construct === 'heading' || describesPriorState(st) || quotesALine(st)) return [];
    const plain = withoutCode(st.text);
    // "Removed Code: 3 lines (placeholders)" counts a diff, not the code now.
    if (/\b\d+\s+lines?\b/i.test(plain)) return [];
    if (/^\s*(?:\[[ xX]\]\s*)?(?:TODO|FIXME)\b/.test(plain)) return [];
    const mock = MOCK.test(plain);
    const ph = PLACEHOLDER.test(plain);
    const symbols = symbolsOf(st);
    const implemented = !mock && !ph && IMPLEMENTED.test(plain) && !NOT_IMPLEMENTED.test(plain) && symbols.some((s) => /\(/.test(s.code));
    if (!mock && !ph && !implemented) return [];
    if ((mock || ph) && TEST_TALK.test(plain)) return [];
    let polarity: Polarity | null = null;
    const actual = actualCell(st);
    const done = statusOf(st) === 'done' && !MODAL.test(plain);
    if (actual !== null && /^\d+$/.test(actual)) polarity = Number(actual) === 0 ? 'absent' : 'present';
    else if (NEGATED.test(plain) && !STILL.test(plain) && !MODAL.test(plain)) polarity = 'absent';
    else if (STILL.test(plain)) polarity = 'present';
    // A row or item marked fixed claims the defect it names is gone ("Mock gateway wired into production | ✅ Fixed").
    else if (implemented || done) polarity = 'absent';
    else if (PRESENT.test(plain) || statusOf(st) === 'open') polarity = 'present';
    if (!polarity) return [];
    const categories: Category[] = mock && !ph ? ['mock-in-production'] : ['placeholder', 'mock-in-production'];
    const lines = /\b(?:at |on )?lines? (\d+)(?:\s*[-–]\s*(\d+))?/i.exec(plain);
    const data: PlaceholderData = {
      polarity,
      categories,
      scope: scopeOf(st),
      symbols: symbols.filter((s) => /\(/.test(s.code) || /^[A-Za-z_$][\w$]*$/.test(s.code)),
      implemented,
      line: lines ? Number(lines[1]) : null,
      endLine: lines ? Number(lines[2] ?? lines[1]) : null,
      consumes: symbols.map((s) => s.code),
    };
    return [{ kind: 'placeholder' as const, text: st.text, source: { path: st.docPath, line: st.line }, subject: { path: data.scope.paths.length === 1 ? data.scope.paths[0]! : null, symbol: data.symbols.map((s) => s.name).join(', ') || null }, data }];
  },
  verify(claim, ctx) {
    const d = claim.data as PlaceholderData;
    const scope = resolveScope(d.scope, ctx);
    if (scope.unresolved) return unresolvedOutcome(scope);
    const base: Evidence[] = [...scope.problems];
    const what = d.categories.length === 1 ? 'mock' : 'placeholder or mock';

    // The named symbols defined in scope, with the lines just above them (where a flagged comment sits).
    const defined: { path: string; sym: SymbolInfo }[] = [];
    for (const path of scope.files) {
      for (const sym of ctx.model(path)?.symbols ?? []) {
        if (d.symbols.some((s) => s.name === sym.name && (!s.qualifier || !/^[A-Z]/.test(s.qualifier) || (sym.receiver ?? sym.container?.split('.').pop()) === s.qualifier.split('.').pop()))) {
          if (sym.kind !== 'field') defined.push({ path, sym });
        }
      }
    }
    const inScope = ctx.findings.filter((f) => d.categories.includes(f.category) && scope.files.includes(f.path));
    const near = (f: Finding, path: string, a: number, b: number) => f.path === path && f.endLine >= a && f.line <= b;
    const atSymbols = inScope.filter((f) => defined.some((x) => near(f, x.path, x.sym.range.line - 3, x.sym.range.endLine)));
    const atLine = d.line !== null && scope.files.length === 1 ? inScope.filter((f) => near(f, scope.files[0]!, d.line! - 2, (d.endLine ?? d.line!) + 2)) : [];
    const stubs = defined.filter((x) => x.sym.body && STUB_SHAPES.has(x.sym.body.shape));
    const stubEv = (xs: typeof stubs) => xs.map((x) => ({ path: x.path, line: x.sym.range.line, endLine: x.sym.range.endLine, excerpt: excerptAt(ctx, x.path, x.sym.range.line, Math.min(x.sym.range.endLine, x.sym.range.line + 6)), note: `${x.sym.name}: the body is a stub (${x.sym.body!.shape})` }));

    if (scope.files.length && scope.files.every((p) => ctx.snapshot.file(p)?.isTest)) {
      return { verdict: 'unverifiable', reason: `${scope.described} is test code, where mocks and stubs are expected; the placeholder rules do not look there`, evidence: base };
    }
    if (d.polarity === 'present') {
      const placed = d.line !== null || defined.length > 0;
      const hits = unique(placed ? [...atLine, ...atSymbols] : inScope);
      if (hits.length) return { verdict: 'verified', reason: `${what} code at ${placesText(hits)}: ${hits[0]!.message}`, evidence: [...base, ...someFindings(ctx, hits)] };
      if (d.categories.includes('placeholder') && stubs.length) return { verdict: 'verified', reason: `${stubs.map((x) => x.sym.name).join(', ')} has a stub body (${stubs[0]!.sym.body!.shape})`, evidence: [...base, ...stubEv(stubs)] };
      if (d.line !== null && scope.files.length === 1) {
        const r = ctx.snapshot.read(scope.files[0]!);
        if (r.ok && d.line > r.lineCount) return { verdict: 'contradicted', reason: `${scope.files[0]} has only ${r.lineCount} lines; there is no line ${d.line}`, evidence: base };
      }
      const where = d.symbols.length && defined.length ? `at ${defined.map((x) => `${x.sym.name} (${x.path}:${x.sym.range.line})`).join(', ')}` : d.line !== null ? `at line ${d.line} of ${scope.described}` : `in ${scope.described}`;
      return { verdict: 'unverifiable', reason: `the ${what} rules find nothing ${where}; they are not exhaustive, so the claim can be neither confirmed nor refuted`, evidence: [...base, ...defined.slice(0, 2).map((x) => ({ path: x.path, line: x.sym.range.line, endLine: x.sym.range.endLine, excerpt: excerptAt(ctx, x.path, x.sym.range.line, Math.min(x.sym.range.endLine, x.sym.range.line + 6)), note: x.sym.name }))] };
    }

    // "x() is now implemented": its body decides.
    if (d.implemented && d.symbols.length) {
      const named = d.symbols.filter((s) => /\(/.test(s.code));
      const missing = named.filter((s) => !defined.some((x) => x.sym.name === s.name));
      if (missing.length) return { verdict: 'contradicted', reason: `${missing.map((s) => s.code).join(', ')} is not defined in ${scope.described}`, evidence: base };
      const flagged = unique(atSymbols);
      if (stubs.length || flagged.length) {
        const ev = [...stubEv(stubs), ...someFindings(ctx, flagged)];
        return { verdict: 'contradicted', reason: `${[...new Set([...stubs.map((x) => x.sym.name), ...flagged.map((f) => f.message)])].join('; ')}: ${stubs.length ? `the body is a stub (${stubs[0]!.sym.body!.shape})` : 'flagged by the placeholder rules'}`, evidence: [...base, ...ev] };
      }
      const ev = defined.map((x) => ({ path: x.path, line: x.sym.range.line, endLine: x.sym.range.endLine, note: `${x.sym.name}: ${x.sym.body ? `${x.sym.body.statements} statement(s), ${x.sym.body.shape}` : x.sym.kind}` }));
      return { verdict: 'verified', reason: `${defined.map((x) => x.sym.name).join(', ')} has a real body and no placeholder finding`, evidence: [...base, ...ev] };
    }

    const findings = d.symbols.length && atSymbols.length ? atSymbols : inScope;
    if (findings.length) {
      return { verdict: 'contradicted', reason: `${findings.length} ${what} finding(s) in ${scope.described}: ${placesText(findings)}`, evidence: [...base, ...someFindings(ctx, findings)] };
    }
    if (d.categories.includes('mock-in-production') && scope.breadth === 'named') {
      const uses = mockUses(ctx, scope.files);
      if (uses.length) {
        return {
          verdict: 'contradicted',
          reason: `${uses[0]!.path}:${uses[0]!.line} uses ${uses[0]!.name}, which the mock rules flag at ${uses[0]!.mock.path}:${uses[0]!.mock.line}`,
          evidence: [...base, ...uses.slice(0, 4).map((u) => ({ path: u.path, line: u.line, excerpt: excerptAt(ctx, u.path, u.line), note: `uses ${u.name}` })), { path: uses[0]!.mock.path, line: uses[0]!.mock.line, excerpt: excerptAt(ctx, uses[0]!.mock.path, uses[0]!.mock.line), note: uses[0]!.mock.message }],
        };
      }
    }
    if (scope.breadth === 'repository') {
      return { verdict: 'unverifiable', reason: `no ${what} finding in ${scope.described}, but the claim names no place, so its scope is a guess`, evidence: base };
    }
    const unparsed = scope.files.filter((p) => !ctx.model(p));
    if (!scope.files.length || unparsed.length) {
      return { verdict: 'unverifiable', reason: `${scope.described}: ${scope.files.length ? `${unparsed.length} file(s) could not be analysed` : 'no source files to analyse'}`, evidence: base };
    }
    return { verdict: 'verified', reason: `the ${what} rules find nothing in ${scope.described} (${scope.files.length} file(s) analysed)`, evidence: base };
  },
};

function unique(fs: Finding[]): Finding[] {
  const seen = new Set<string>();
  return fs.filter((f) => (seen.has(f.id) ? false : (seen.add(f.id), true)));
}

interface MockUse {
  path: string;
  line: number;
  name: string;
  mock: Finding;
}

/**
 * Files in scope that import a top-level symbol the mock rules flag (the
 * symbol holding the finding, or the one right below a flagged comment).
 */
function mockUses(ctx: VerifyContext, files: readonly string[]): MockUse[] {
  const mocks: { name: string; path: string; f: Finding }[] = [];
  for (const f of ctx.findings) {
    if (f.category !== 'mock-in-production') continue;
    const syms = (ctx.model(f.path)?.symbols ?? []).filter((s) => s.container === null && s.kind !== 'field');
    const holder = syms.find((s) => f.line >= s.range.line && f.line <= s.range.endLine) ?? syms.find((s) => s.range.line > f.line && s.range.line <= f.endLine + 3);
    if (holder) mocks.push({ name: holder.name, path: f.path, f });
  }
  const out: MockUse[] = [];
  for (const path of files) {
    const model = ctx.model(path);
    if (!model) continue;
    for (const m of mocks) {
      if (m.path === path) continue;
      const base = m.path.replace(/\.[^./]+$/, '').split('/').pop()!;
      for (const imp of model.imports) {
        if (!imp.names.some((n) => n.name === m.name)) continue;
        if (imp.module.replace(/\.[^./]+$/, '').split(/[./]/).pop() !== base) continue;
        out.push({ path, line: imp.range.line, name: m.name, mock: m.f });
        for (const c of model.calls) if (c.args.some((a) => new RegExp(`(?<![\\w$])${m.name}(?![\\w$])`).test(a.text))) out.push({ path, line: c.range.line, name: m.name, mock: m.f });
      }
    }
  }
  return out;
}
