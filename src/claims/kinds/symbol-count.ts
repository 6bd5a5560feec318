/**
 * symbol-count: "25 methods, 5 classes" about a named file, counted with the
 * parser (never substrings). Reports count loosely, so each unit has the
 * conventions a reader might mean; the claim holds if it matches one, and the
 * evidence names the convention and the other counts. A line that names no
 * file is about the file its component label names, as for line-count.
 */
import type { SourceModel, SymbolInfo } from '../../lang/model.js';
import type { ClaimKindModule, Evidence, Outcome, Statement, VerifyContext } from '../types.js';
import { isArchivedCopy } from '../../repo/paths.js';
import { countsOf, parseQuantity, satisfies, type Quantity } from '../mentions.js';
import { subjectFile, subjectPathOf, resolutionEvidence } from '../subject.js';
import { componentLabel, labelledFile, type ComponentLabel } from './code-scope.js';

type Unit = 'class' | 'method' | 'function' | 'struct' | 'interface' | 'enum';

const UNIT_RE = 'classes|class|methods|method|functions|function|funcs|structs|struct|interfaces|interface|enums|enum';

function unitOf(word: string): Unit {
  const w = word.toLowerCase();
  if (w.startsWith('class')) return 'class';
  if (w.startsWith('method')) return 'method';
  if (w.startsWith('func')) return 'function';
  if (w.startsWith('struct')) return 'struct';
  if (w.startsWith('interface')) return 'interface';
  return 'enum';
}

/** Candidate counts for a unit: [description, count][], first one is the primary convention. */
function conventions(model: SourceModel, unit: Unit): [string, number, SymbolInfo[]][] {
  const s = model.symbols;
  const containers = new Map(s.filter((x) => ['class', 'struct', 'interface'].includes(x.kind)).map((x) => [x.container ? `${x.container}.${x.name}` : x.name, x.kind]));
  const implemented = (x: SymbolInfo) => x.kind === 'method' && containers.get(x.container ?? '') !== 'interface';
  switch (unit) {
    case 'class': {
      const all = s.filter((x) => x.kind === 'class' || (model.language === 'go' && x.kind === 'struct'));
      const top = all.filter((x) => x.container === null);
      const what = model.language === 'go' ? 'struct types (Go has no classes)' : 'classes';
      return [
        [`${what}, nested ones included`, all.length, all],
        [`top-level ${what}`, top.length, top],
      ];
    }
    case 'method': {
      const methods = s.filter(implemented);
      return [[`methods (functions defined directly in a class or with a receiver)`, methods.length, methods]];
    }
    case 'function': {
      const fns = s.filter((x) => x.kind === 'function');
      const top = fns.filter((x) => x.container === null);
      const withMethods = s.filter((x) => x.kind === 'function' || implemented(x));
      return [
        ['functions outside classes, nested ones included', fns.length, fns],
        ['top-level functions', top.length, top],
        ['functions and methods together', withMethods.length, withMethods],
      ];
    }
    case 'struct': {
      const st = s.filter((x) => x.kind === 'struct');
      return [['struct types', st.length, st]];
    }
    case 'interface': {
      const it = s.filter((x) => x.kind === 'interface');
      return [['interfaces', it.length, it]];
    }
    case 'enum': {
      const en = s.filter((x) => x.kind === 'enum' || (x.kind === 'class' && (x.bases ?? []).some((b) => /Enum$/.test(b))));
      return [['enums', en.length, en]];
    }
  }
}

export const symbolCount: ClaimKindModule = {
  kind: 'symbol-count',
  description: 'A named file defines the stated number of classes, methods or functions.',
  recognize(st) {
    if (st.construct === 'code-block' || st.construct === 'heading') return [];
    const routes = routeCountOf(st);
    if (routes) return [{ kind: 'symbol-count' as const, text: st.text, source: { path: st.docPath, line: st.line }, subject: { path: null, symbol: null }, data: { routeCount: routes } }];
    const subject = subjectPathOf(st);
    const component = subject ? null : componentLabel(st);
    return countsOf(st.text, UNIT_RE).map((c) => ({
      kind: 'symbol-count' as const,
      // The component is part of what is claimed: the same count under two labels is two claims.
      text: component ? `${component.phrase}: ${c.match}` : c.match,
      source: { path: st.docPath, line: st.line },
      subject: { path: subject, symbol: null },
      data: { quantity: c.quantity, unit: unitOf(c.unit), ...(component ? { component } : {}) },
    }));
  },
  verify(claim, ctx) {
    if (claim.data.routeCount) return verifyRouteCount(claim.data.routeCount as Quantity, ctx);
    const q = claim.data.quantity as Quantity;
    const unit = claim.data.unit as Unit;
    const component = claim.data.component as ComponentLabel | undefined;
    if (!claim.subject.path && component) {
      const lf = labelledFile(ctx, component.phrase);
      if (lf.path === null) {
        return { verdict: 'unverifiable', reason: `the report names no file for its symbol count, and ${lf.reason}`, evidence: lf.candidates.map((p) => ({ path: p, note: 'candidate' })) };
      }
      const o = countSymbols(ctx, lf.path, q, unit, [{ path: lf.path, note: lf.note }]);
      if (o.verdict === 'contradicted' && (lf.rule === 'words' || component.from === 'heading')) {
        return { verdict: 'unverifiable', reason: `${o.reason} in ${lf.path}, the file its ${component.from} most likely names; the report names no file, so another file (or several) may be meant`, evidence: o.evidence };
      }
      return { ...o, reason: `${o.reason} in ${lf.path}` };
    }
    const sub = subjectFile(claim, ctx, 'its symbol count');
    if (!sub.ok) return sub.outcome;
    return countSymbols(ctx, sub.path, q, unit, resolutionEvidence(sub.path, sub.note));
  },
};

function countSymbols(ctx: VerifyContext, path: string, q: Quantity, unit: Unit, base: Evidence[]): Outcome {
  const model = ctx.model(path);
  if (!model) return { verdict: 'unverifiable', reason: `${path} is not source code claimcheck parses`, evidence: base };
  if (model.syntaxErrors.length) {
    return { verdict: 'unverifiable', reason: `${path} has syntax errors; symbols cannot be counted reliably`, evidence: [...base, { path, line: model.syntaxErrors[0]!.range.line, note: model.syntaxErrors[0]!.message }] };
  }
  const conv = conventions(model, unit);
  const summary = conv.map(([d, n]) => `${n} ${d}`).join('; ');
  const match = conv.find(([, n]) => satisfies(q, n));
  const [, n0, syms0] = match ?? conv[0]!;
  const names = syms0.slice(0, 30).map((x) => (x.container ? `${x.container}.${x.name}` : x.name));
  const ev = [...base, { path, line: syms0[0]?.range.line ?? 1, note: `${n0} found: ${names.join(', ')}${syms0.length > 30 ? ', …' : ''}` }];
  if (match) return { verdict: 'verified', reason: `claimed ${q.raw} ${plural(unit)}; found ${match[1]} ${match[0]} (counts: ${summary})`, evidence: ev };
  return { verdict: 'contradicted', reason: `claimed ${q.raw} ${plural(unit)}; found ${summary}`, evidence: ev };
}

function plural(unit: Unit): string {
  return unit === 'class' ? 'classes' : `${unit}s`;
}

/**
 * "**API Routes:** 14", "| API Routes | ✅ 14 working |", "12 REST endpoints": a count of the HTTP routes the code
 * registers. The label or the words beside the number must say routes or endpoints; the number is the first after it.
 */
function routeCountOf(st: Statement): Quantity | null {
  // "Routes" alone may count pages too (a Next.js app's routes are its pages and its API): only API routes and endpoints.
  const ROUTES = /\b(?:(?:api|rest|http)\s+(?:routes?|endpoints?)|endpoints?)\b/i;
  const label = st.label ?? (st.table ? st.table.cells[0] : undefined);
  if (label && ROUTES.test(label) && !/\b(?:changed|new|added|removed|modified|tested|secured|protected)\b/i.test(label)) {
    const value = st.label ? st.value ?? '' : st.table!.cells.slice(1).join(' ');
    const m = /^[^\d]{0,12}?(\d[\d,]*\+?)(?!\s*(?:%|ms|s\b|kb|mb))/i.exec(value);
    return m ? parseQuantity(m[1]!) : null;
  }
  const m = /\b(\d[\d,]*\+?)\s+(?:(?:(?:rest|http)\s+)?(?:api\s+)?routes|(?:(?:rest|http|api)\s+)?endpoints)\b/i.exec(st.text);
  if (m && /routes$/i.test(m[0]) && !/\b(?:api|rest|http)\s+routes$/i.test(m[0])) return null;
  return m && !/\b(?:changed|new|added|removed|modified|tested|secured|protected|documented)\b/i.test(st.text) ? parseQuantity(m[1]!) : null;
}

/** The routes of the repository's production code, counted three ways: handler files, paths, method and path. */
function verifyRouteCount(q: Quantity, ctx: VerifyContext): Outcome {
  const routes = ctx.repoFacts.routes.filter((r) => !ctx.snapshot.file(r.path)?.isTest && !isArchivedCopy(r.path));
  if (!routes.length) return { verdict: 'unverifiable', reason: 'claimcheck finds no HTTP route registration in the code to count', evidence: [] };
  const files = new Set(routes.map((r) => r.path)).size;
  const paths = new Set(routes.map((r) => r.route)).size;
  const pairs = new Set(routes.map((r) => `${r.method} ${r.route}`)).size;
  const counts = `${pairs} method-and-path routes, ${paths} paths, ${files} files that register them`;
  const evidence = routes.slice(0, 6).map((r) => ({ path: r.path, line: r.line, note: `${r.method} ${r.route}` }));
  if ([pairs, paths, files].some((n) => satisfies(q, n))) return { verdict: 'verified', reason: `claimed ${q.raw} routes; the code registers ${counts}`, evidence };
  // A lower bound or an estimate some convention may meet otherwise; an exact count none gives is wrong.
  if (q.bound !== 'exact') return { verdict: 'unverifiable', reason: `claimed ${q.raw} routes; the code registers ${counts}`, evidence };
  return { verdict: 'contradicted', reason: `claimed ${q.raw} routes; the code registers ${counts}`, evidence };
}
