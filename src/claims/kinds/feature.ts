/**
 * feature: a capability a report says the code implements, supports or provides —
 * "Session lifecycle management (create, update, delete)", "with Redis
 * backend", "Multiple report formats: HTML, JSON, JUnit XML".
 *
 * The statement is broken into its concrete terms (claims/terms.ts); each
 * term is looked up in the code of the scope the report gives it: the files
 * the statement names, else its section's files, else the files the report
 * names anywhere. Comments and docstrings never count (claims/codeindex.ts).
 *
 * - verified: every concrete term is in the scope's code, no library it names
 *   is merely imported, and the code that implements it (the function holding
 *   most of the terms) carries no placeholder or mock finding;
 * - contradicted: a term the code would have to contain is absent from a
 *   scope the report named — an enumerated item, a name in a code span, or
 *   most of the terms — or the implementing code is a placeholder, or a named
 *   library is imported and never used;
 * - unverifiable otherwise, saying what was found and what was not.
 */
import { describedCode, namedClause } from '../clauses.js';
import { FILE_POINTER } from '../filetree.js';
import { statusMentions, verifyStatuses } from './http-status.js';
import type { CallInfo, SourceModel, SymbolInfo } from '../../lang/model.js';
import { RULE_FORMAT_STRING } from '../../rules/builtin/python/format-string.js';
import type { Claim, ClaimKindModule, Evidence, Outcome, Statement, VerifyContext } from '../types.js';
import { identifierWords, statementTerms, stem, stemsMatch, type Term } from '../terms.js';
import { fileWords, importUsed, isIndexable, isProse, termLines, type FileWords } from '../codeindex.js';
import { componentScope, describesPriorState, reportFiles, resolveScope, scopeOf, excerptAt, type ResolvedScope } from './code-scope.js';
import { glossaryPlace } from '../glossary.js';
import { isArchivedCopy } from '../../repo/paths.js';
import { splitLines } from '../../repo/text.js';

/** A statement whose words are only framing has nothing to look up; one with more terms than this is prose, not a feature line. */
const MAX_TERMS = 9;

/** At most this many files named by a report make them the place of its work (see verifyFeature). */
const REPORT_PLACE_MAX_FILES = 8;

/** Constructs that state features; headings are titles, code blocks are code. */
const FEATURE_CONSTRUCTS = new Set<Statement['construct']>(['list-item', 'table-row', 'field', 'paragraph']);

interface FeatureData extends Record<string, unknown> {
  terms: Term[];
  framing: string[];
  /** Where the report puts the claim: named by the statement, by its section, or by the report as a whole. */
  scopeFrom: 'statement' | 'section' | 'report';
  scopePaths: string[];
  /** HTTP routes the line names (`GET /users/{id}`), looked up in the routes the code registers. */
  routes?: { method: string; path: string }[];
  /** The line lists a file and describes it ("`app/user.py` - Pydantic schemas"): a role, said in other words than the code's. */
  listing?: boolean;
  /** HTTP statuses the line says the code answers with. */
  statuses?: number[];
  /** The line's label and headings ("GitOps Error Handler", "Load Balancing"): one that names a module or package is the scope. */
  components?: string[];
}

/**
 * Field labels that structure a report rather than name a capability: the
 * line under them is a diagnosis, a verdict or a plan ("Root cause: …",
 * "Impact: …", "Assessment: …"), not a feature.
 */
const REPORT_LABEL = /^(?:root ?causes?|causes?|impacts?|issues?|problems?|bugs?|errors?|symptoms?|fix(?:es)?|solutions?|assessments?|status|results?|outcomes?|notes?|recommendations?|next steps?|verdict|conclusion|summary|priority|severity|risk|effort|estimate|owner|date|duration|time|version|expected|actual|before|after|reason|why|evidence|location|file|files|lines?|path|commit|branch|score)$/i;

/**
 * Software quality attributes (ISO/IEC 25010 and the usual report headings):
 * a line labelled with one ("Scalability: designed for horizontal scaling")
 * is an assessment only a judgement could decide.
 */
const QUALITY_LABEL = /^(?:.*\b(?:readiness|status)|(?:test |code )?coverage|quality|code quality|reliability|scalability|maintainability|usability|accessibility|portability|compatibility|availability|testability|security|performance|efficiency|robustness|resilience|user experience|ux)$/i;
/** A section that reports checks run ("Error Handling Validation", "Verification"): its items are outcomes. */
const OUTCOME_HEADING = /\b(?:validation|verification)\b/i;
/** Documentation claims are checked in prose files ("Documented the installation procedure", "troubleshooting guide"). */
const DOCUMENTATION = /\b(?:documented|documentation|docs|guides?|manuals?|readme|runbooks?|tutorials?)\b/i;

const NUMBER_WORD = /\b(?:two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|dozens?|hundreds?|thousands?)\b/i;
/** Modal and future forms: what should, would or will be, not what is. */
const MODAL = /\b(?:should|would|will|could|must|might|needs? to|has to|have to|going to|planned|to be)\b/i;
/** The vocabulary of a defect report: the line describes something wrong, not something provided. */
const DEFECT = /\b(?:incorrect|wrong|non-?existent|broken|missing|bugs?|crash(?:es|ing)?(?!\s*(?:safe|safety|recovery|resistan|proof|consisten))|blocking|regression|typo|mismatch|still|not|never|no longer|does not|doesn't|cannot|can't)\b/i;
/** An open or failed mark (❌ blocked, ⚠️ partial): the line reports a problem, which the status kind judges. A ✅ before a capability still claims it. */
const STATUS_MARK = /[❌✗✖⚠🚫⛔🔴🟡]/u;
/** Files whose content is data or output (a log, a results file): a line describing one is an artifact claim, not a feature. */
const DATA_FILE = /\.(?:json|xml|log|txt|out|csv|html?|lcov|info|jsonl|sarif)$/i;
/** Report metadata ("Agent: …", "Validation Type: …", "Prepared by: …"): about the report, not the code. */
const METADATA_LABEL = /(?:^|\s)(?:type|agents?|authors?|engineers?|leads?|validators?|reviewers?|owners?|by|experts?|teams?|sessions?|missions?|containers?|environments?|platforms?|tools?|models?|phases?)$/i;

/** Verbs of change: what the work did to the code is judged against the change (the change kind), not as a capability. */
const CHANGE = /\b(?:cleaned|resolves|resolved|fixes|addresses|solves|eliminated|removed|deleted|replaced|renamed|reduced|increased|refactored|migrated|moved|converted|upgraded|downgraded|switched|changed|rewrote|rewritten|dropped|prevented|raised|lowered|bumped|reverted)\b/i;

/** Algorithms and encodings named with a number ("SHA-256", "UTF-8", "AES-128", "HTTP-2"): names, not references. */
const DIGIT_NAMES = /^(?:SHA|MD|UTF|UCS|AES|DES|RSA|HTTP|IPV|ISO|BASE|CRC|HMAC|ECDSA|ED|ES|RS|PS|HS|PBKDF|BLAKE|ARGON|LATIN|CP|WINDOWS|IEEE|RFC|TLS|SSL|X|P|H|VP|AV)$/i;

function featureText(st: Statement): string {
  return (
    st.text
      // "FR-017", "(US-2)", "SC-014:": a reference to a requirement or ticket, not a word the code would contain —
      // unless the letters name an algorithm or encoding that is written with its number.
      .replace(/\s*[([]?\s*\b([A-Z]{1,6})-(\d+)(?:[-–]\d+)?\b\s*[)\]]?:?/g, (m, letters: string) => (DIGIT_NAMES.test(letters) ? m : ' '))
      // "SHA-256", "UTF-8": code spells such a name as one word (sha256, utf8).
      .replace(/\b([A-Za-z]{2,})-(\d+)\b/g, '$1$2')
      .replace(/\s+/g, ' ')
      .trim()
  );
}

export const feature: ClaimKindModule = {
  kind: 'feature',
  description: 'A capability the report says the code implements or provides: every concrete term is looked up in the code of the scope the report gives it.',
  recognize(st: Statement) {
    if (!FEATURE_CONSTRUCTS.has(st.construct) || st.planning || st.table?.header) return [];
    const label = st.label?.replace(/[^A-Za-z ]/g, ' ').replace(/\s+/g, ' ').trim();
    if (label && (REPORT_LABEL.test(label) || QUALITY_LABEL.test(label) || METADATA_LABEL.test(label))) return [];
    if (STATUS_MARK.test(st.text)) return [];
    // "Need API details? → API_README.md": a pointer at a file, whose existence is the claim.
    if (FILE_POINTER.test(st.text)) return [];
    // "**All test results**: `/home/u/app/tests/results/`": a field whose value is only a place says where, not what.
    if (st.label && st.value && /^\W*`?[\w.~-]*\/[\w./~-]*`?\W*$/.test(st.value.trim())) return [];
    // "**Container ID**: b05eb5eff181", "**Build**: 1a2b3c": a field whose value is one token of letters and digits is an
    // identifier of something that ran, not a capability.
    if (st.label && st.value && /^\W*(?=[\w.:-]*\d)(?=[\w.:-]*[A-Za-z])[\w.:-]{6,}\W*$/.test(st.value.trim())) return [];
    // "| TypeScript | ✅ No errors |": a later cell that is a mark with words states an outcome; a lone ✅ beside a
    // description ("| Service layer | ✅ | UserService implements it |") still claims the capability described.
    if (st.table && st.table.cells.slice(1).some((c) => /^[\s*]*[✅✓✔]\uFE0F?\s*\S/u.test(c))) return [];
    // A quoted message or snippet in a code span (`package x is not in std`) is an error report, not a name.
    if (st.code.some((c) => /\s/.test(c.trim()))) return [];
    if (describesPriorState(st)) return [];
    // "Emergency controls with `reset()` and `force_open()`": the description names the project's own code, which
    // symbol-exists judges; the words of the description need not be spelled in it.
    if (describedCode(st.text)) return [];
    // "`AuditTrailManager` with tamper-proof logging": the class is symbol-exists' claim, the capability this one's.
    const named = namedClause(st.text);
    const text = named ? featureText({ ...st, text: named.clause }) : featureText(st);
    // A line ending in a colon introduces the items below it; they carry the claims. "See …" points elsewhere.
    if (/:\s*$/.test(text) || /^\W*(?:see|refer to|check|read)\b/i.test(st.value ?? text)) return [];
    // "`app/user.py` - Pydantic schemas", "**main.py**: entry point": a file listing. The file's existence is the file
    // kinds' claim; the description asserts more, and is a feature of that file — so existence alone never verifies the line.
    const listing = /^\W*(?:[\w.-]+\/)*[\w.-]+\.[A-Za-z]{1,5}\W*\s+(?:[-–—:]|\()/.test(text) || /^\W*(?:[\w.-]+\/)+\W*\s+[-–—:]/.test(text);
    const prose = text.replace(/`[^`]*`/g, ' ');
    // "Returns 201 CREATED on success", "400 Bad Request - duplicate username": statuses the code answers with. Error
    // statuses come with the words of the error ("missing", "invalid"), so the defect test below is not for them.
    const statuses = statusMentions(text);
    if (statuses.length && !MODAL.test(prose) && !statementTerms(text).outcome && !st.headings.some((h) => OUTCOME_HEADING.test(h))) {
      const where = scopeOf(st);
      return [{ kind: 'feature' as const, text, source: { path: st.docPath, line: st.line }, subject: { path: null, symbol: null }, data: { terms: [], framing: [], scopeFrom: where.from === 'none' ? 'report' : where.from, scopePaths: where.paths, statuses } as FeatureData }];
    }
    // A plan or an obligation ("should be replaced", "will support") is not a capability, and a diagnosis is not one either.
    if (MODAL.test(prose) || DEFECT.test(prose) || CHANGE.test(prose)) return [];
    // "No breaking changes to the API": a claim of absence, which no lookup of terms can confirm.
    if (/^\W*(?:no|none|zero|without)\b/i.test(st.value ?? prose)) return [];
    // "POST /users - Create user (201)": an HTTP route is a capability the code registers; the rest of the line describes it.
    const routes = routeMentions(text);
    if (routes.length && !statementTerms(text).outcome && !st.headings.some((h) => OUTCOME_HEADING.test(h))) {
      return [{ kind: 'feature' as const, text, source: { path: st.docPath, line: st.line }, subject: { path: null, symbol: null }, data: { terms: [], framing: [], scopeFrom: 'report', scopePaths: [], routes } as FeatureData }];
    }
    // A number is a count, a result or a measurement: other kinds' business ("OAuth2", "k8s" are words, "4x" is not).
    // A name with digits ("SHA-256", "UTF-8", "HTTP/2") or a requirement's id ("FR-017") is not a number.
    if (/\d/.test(text.replace(/`[^`]*`/g, '').replace(/\b[A-Za-z]+[-/.]?\d[\w.-]*/g, ' ')) || NUMBER_WORD.test(text)) return [];
    // Under a validation heading the lines report what a run showed, not what the code provides.
    if (st.headings.length && OUTCOME_HEADING.test(st.headings[st.headings.length - 1]!)) return [];
    // A lead-in gives its action to the items under it: "Verified:", "Still to do:", "Removed from:", "Failing:" make
    // the items outcomes, plans, changes or defects, not capabilities.
    const leadIn = (st.parents ?? []).join(' ');
    if (leadIn && (MODAL.test(leadIn) || CHANGE.test(leadIn) || DEFECT.test(leadIn) || statementTerms(leadIn).outcome || /\b(?:todo|to do|pending|remaining|planned|next)\b/i.test(leadIn))) return [];
    const { terms, outcome, framing } = statementTerms(text);
    if (outcome || terms.length === 0 || terms.length > MAX_TERMS) return [];
    // A line that is only code spans is a symbol or path claim; a feature needs prose terms.
    const proseTerms = terms.filter((t) => !t.code);
    if (proseTerms.length === 0) return [];
    const spec = scopeOf(st);
    if (spec.from === 'statement' && spec.paths.some((p) => DATA_FILE.test(p))) return [];
    // A line naming files ("`pyproject.toml` with proper dependencies") is about those files unless it says more.
    if (spec.from === 'statement' && proseTerms.length < 2 && !listing) return [];
    // With no place named, one word is too little to look for across the report's files.
    if (spec.from === 'none' && terms.length < 2) return [];
    const base: Omit<FeatureData, 'terms'> = {
      framing,
      scopeFrom: spec.from === 'none' ? 'report' : spec.from,
      scopePaths: spec.paths,
      ...(listing ? { listing: true } : {}),
      // Where the line names no place: its label, else its section's heading, may name a module or package.
      // A heading of generic words ("Error Handling", "Configuration") names a topic, not a package: only one of two
      // or more content words ("Load Balancing") is taken for a package name.
      components: [st.label, ...[...st.headings].reverse().slice(0, 2).filter((h) => statementTerms(h).terms.length >= 2)].filter((x): x is string => !!x),
    };
    const claim = (t: string, ts: Term[]) => ({
      kind: 'feature' as const,
      text: t,
      source: { path: st.docPath, line: st.line },
      subject: { path: spec.paths.length === 1 ? spec.paths[0]! : null, symbol: null },
      data: { ...base, terms: ts } as FeatureData,
    });
    // "Caching (cache, Redis, Memcache)": each enumerated item is its own assertion, with the words around it.
    const items = terms.filter((t) => t.kind === 'enumerated');
    if (items.length >= 2) {
      const head = terms.filter((t) => t.kind !== 'enumerated');
      const lead = text.replace(/\s*\([^()]*\)\s*/g, ' ').replace(/\s+/g, ' ').trim();
      return items.map((it) => claim(`${lead} (${it.word})`, [...head, it]));
    }
    return [claim(text, terms)];
  },
  verify(claim, ctx) {
    const data = claim.data as FeatureData;
    if (data.routes?.length) return verifyRoutes(data.routes, ctx);
    if (data.statuses?.length) return verifyStatusClaim(claim, data, ctx);
    // One word of description ("import pattern", "entry point") says too little to look for: any file has it.
    // A document's caption ("`GUIDE.md` - Deployment steps") is checked against the document's own words, which say it.
    const document = data.scopePaths.length === 1 && isProse(data.scopePaths[0]!);
    if (data.terms.filter((t) => !t.code).length < 2 && data.scopeFrom === 'statement' && !document) {
      return { verdict: 'unverifiable', reason: `"${claim.text}" describes the file in too few words to check against its code`, evidence: [] };
    }
    return verifyFeature(claim, ctx);
  },
};


/** HTTP methods, as frameworks register them. */
const HTTP_METHOD = 'GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS';
const ROUTE_MENTION = new RegExp(`(?<![\\w/])(${HTTP_METHOD})\\s+\`?(/[\\w\\-./{}:<>\\[\\]*]*)`, 'g');

/** `GET /users/{id}` mentions in a line, method upper-cased and path as written. */
function routeMentions(text: string): { method: string; path: string }[] {
  const out: { method: string; path: string }[] = [];
  for (const m of text.matchAll(ROUTE_MENTION)) {
    const path = m[2]!.replace(/[.,;:]+$/, '');
    if (!out.some((r) => r.method === m[1] && r.path === path)) out.push({ method: m[1]!, path });
  }
  return out;
}

/** Path segments with every parameter spelling (`{id}`, `:id`, `<int:id>`, `[id]`, `*`) made one. */
function routeSegments(path: string): string[] {
  return path
    .split('?')[0]!
    .split('/')
    .filter(Boolean)
    .map((seg) => (/^(?:\{[^}]*\}|:\w+|<[^>]*>|\[[^\]]*\]|\*\w*)$/.test(seg) ? ':param' : seg.toLowerCase()));
}

/**
 * Routes the line names against the routes the code registers. A registered route may lack a prefix mounted in
 * another file (an Express router, a Django include): the registered path matching the end of the written one counts,
 * and the evidence says so.
 */
function verifyRoutes(routes: readonly { method: string; path: string }[], ctx: VerifyContext): Outcome {
  const registered = ctx.repoFacts?.routes ?? [];
  if (!registered.length) {
    return { verdict: 'unverifiable', reason: 'no route registration of a known framework was found in the code (net/http, gin, echo, chi, Flask, FastAPI, Django, Express, Next.js)', evidence: [] };
  }
  const evidence: Evidence[] = [];
  const missing: string[] = [];
  for (const r of routes) {
    const want = routeSegments(r.path);
    const hits = registered.filter((x) => {
      if (x.method !== 'ANY' && x.method !== r.method) return false;
      const have = routeSegments(x.route);
      if (have.length > want.length) return false;
      const tail = want.slice(want.length - have.length);
      return have.every((seg, i) => seg === tail[i]) && (have.length === want.length || have.length > 0);
    });
    const exact = hits.filter((x) => routeSegments(x.route).length === want.length);
    const hit = (exact.length ? exact : hits)[0];
    if (!hit) {
      const builtin = frameworkDefault(ctx, registered, r);
      if (builtin) evidence.push(builtin);
      else missing.push(`${r.method} ${r.path}`);
      continue;
    }
    const via = exact.length ? '' : ` (registered as ${hit.route}; a prefix mounted elsewhere is assumed)`;
    evidence.push({ path: hit.path, line: hit.line, excerpt: excerptAt(ctx, hit.path, hit.line), note: `${hit.framework} ${hit.method} ${hit.route} → ${hit.handler ?? 'inline handler'}${via}` });
  }
  if (missing.length) {
    return {
      verdict: 'contradicted',
      reason: `${missing.join(', ')} ${missing.length > 1 ? 'are' : 'is'} not among the ${registered.length} routes the code registers`,
      evidence,
    };
  }
  return { verdict: 'verified', reason: `${routes.map((r) => `${r.method} ${r.path}`).join(', ')} ${routes.length > 1 ? 'are' : 'is'} registered in the code`, evidence };
}

/** Routes a framework serves unless told not to: FastAPI's interactive docs and schema (`docs_url=None` turns one off). */
const FRAMEWORK_ROUTES: { framework: string; path: string; setting: string }[] = [
  { framework: 'fastapi', path: '/docs', setting: 'docs_url' },
  { framework: 'fastapi', path: '/redoc', setting: 'redoc_url' },
  { framework: 'fastapi', path: '/openapi.json', setting: 'openapi_url' },
];

function frameworkDefault(ctx: VerifyContext, registered: readonly { framework: string; path: string; line: number }[], r: { method: string; path: string }): Evidence | null {
  if (r.method !== 'GET') return null;
  const d = FRAMEWORK_ROUTES.find((x) => x.path === r.path.replace(/\/+$/, '') && registered.some((y) => y.framework === x.framework));
  if (!d) return null;
  const files = [...new Set(registered.filter((y) => y.framework === d.framework).map((y) => y.path))];
  // Turned off (or moved) where the app is made: then the default route is not served.
  const off = files.find((p) => {
    const t = ctx.snapshot.read(p);
    return t.ok && new RegExp(`\\b${d.setting}\\s*=`).test(t.text);
  });
  if (off) return null;
  const at = registered.find((y) => y.framework === d.framework)!;
  return { path: at.path, line: at.line, note: `GET ${d.path} is served by ${d.framework} itself (no ${d.setting}= setting changes it)` };
}

interface TermHit {
  term: Term;
  /** path → lines */
  at: Map<string, number[]>;
  /** Every hit is on an import line. */
  importOnly: boolean;
  /** Found in what the listed file is (its path, its routes), not in its words. */
  role?: boolean;
}

/**
 * What a listed file is, which a listing's description says in words its code need not contain: the words of its
 * path (`routes/user_routes.py` is about routes and users), a package's `__init__` is its initialisation, a file
 * that registers HTTP routes holds endpoint handlers, a test file holds tests. Structural facts, never prose.
 */
function roleWords(ctx: VerifyContext, path: string): Map<string, number[]> {
  const out = new Map<string, number[]>();
  const add = (words: readonly string[], lines: number[]) => {
    for (const w of words) if (!out.has(w)) out.set(w, lines);
  };
  add(path.replace(/\.[^./]+$/, '').split('/').flatMap((seg) => identifierWords(seg)), [1]);
  if (/(?:^|\/)__init__\.py$/.test(path)) add(['package', 'init', 'initialization', 'initialisation', 'initializer'], [1]);
  const routes = ctx.repoFacts.routes.filter((r) => r.path === path);
  if (routes.length) add(['route', 'routes', 'router', 'endpoint', 'endpoints', 'handler', 'handlers', 'api'], routes.map((r) => r.line));
  if (ctx.snapshot.file(path)?.isTest) add(['test', 'tests', 'testing', 'suite'], [1]);
  return out;
}

function withRoleWords(ctx: VerifyContext, path: string, hits: TermHit[]): TermHit[] {
  if (hits.every((h) => h.at.size > 0 || h.term.required)) return hits;
  const roles = roleWords(ctx, path);
  return hits.map((h) => {
    // A name the line requires (a technology, an operation) must be in the code; the role answers only for description.
    if (h.at.size > 0 || h.term.required) return h;
    const role = [...roles.entries()].find(([w]) => stemsMatch(stem(h.term.word), stem(w)));
    return role ? { ...h, at: new Map([[path, role[1]]]), role: true } : h;
  });
}

/** A term's lines in a file, found once: the reports of one repository ask about the same files and words again and again. */
const termLinesCache = new WeakMap<FileWords, Map<string, number[]>>();

function linesOfTerm(fw: FileWords, term: Term): number[] {
  let byStems = termLinesCache.get(fw);
  if (!byStems) termLinesCache.set(fw, (byStems = new Map()));
  const key = term.stems.join('\0');
  let hit = byStems.get(key);
  if (!hit) byStems.set(key, (hit = termLines(fw, term.stems, stemsMatch)));
  return hit;
}

function lookup(terms: readonly Term[], files: readonly FileWords[]): TermHit[] {
  return terms.map((term) => {
    const at = new Map<string, number[]>();
    let nonImport = false;
    for (const fw of files) {
      const lines = linesOfTerm(fw, term);
      if (!lines.length) continue;
      at.set(fw.path, lines);
      // A library is used when a line other than its import spells it, or spells a name its import binds (`webdriver` from selenium).
      if (lines.some((l) => !fw.importLines.has(l) || importUsed(fw, l))) nonImport = true;
    }
    return { term, at, importOnly: at.size > 0 && !nonImport };
  });
}

/** Functions holding at least half of the found terms (at least one), best first: the code that implements the feature. */
function implementingFunctions(ctx: VerifyContext, hits: readonly TermHit[]): { path: string; symbol: SymbolInfo; terms: number }[] {
  const out: { path: string; symbol: SymbolInfo; terms: number }[] = [];
  const found = hits.filter((h) => h.at.size > 0);
  const paths = new Set(found.flatMap((h) => [...h.at.keys()]));
  for (const path of [...paths].sort()) {
    const model = ctx.model(path);
    if (!model) continue;
    for (const sym of model.symbols) {
      if (sym.kind !== 'function' && sym.kind !== 'method') continue;
      const n = found.filter((h) => (h.at.get(path) ?? []).some((l) => l >= sym.range.line && l <= sym.range.endLine)).length;
      // A function that holds most of what the claim names implements it; one sharing a word or two merely mentions it.
      if (n > 0 && n * 4 >= found.length * 3) out.push({ path, symbol: sym, terms: n });
    }
  }
  const top = Math.max(0, ...out.map((o) => o.terms));
  return out.filter((o) => o.terms === top).sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : a.symbol.range.line - b.symbol.range.line));
}

/**
 * The function a call in `caller` runs, when the call names it without doubt:
 * `name()` a module-level function (or one nested in the caller), `self.name()`
 * / `cls.name()` a method of the caller's class, `Class.name()` a method of
 * that class of this file. Calls on other receivers are not followed: the
 * object may be of any type.
 */
function calleeOf(model: SourceModel, caller: SymbolInfo, call: CallInfo): SymbolInfo | null {
  const isFn = (x: SymbolInfo) => (x.kind === 'function' || x.kind === 'method') && x.name === call.name && x !== caller;
  const own = caller.container ? `${caller.container}.${caller.name}` : caller.name;
  if (call.receiver === null) return model.symbols.find((x) => isFn(x) && (x.container === null || x.container === own)) ?? null;
  if (call.receiver === 'self' || call.receiver === 'cls') return caller.kind === 'method' && caller.container ? (model.symbols.find((x) => isFn(x) && x.container === caller.container) ?? null) : null;
  const cls = model.symbols.find((x) => x.kind === 'class' && x.name === call.receiver && x.container === null);
  return cls ? (model.symbols.find((x) => isFn(x) && x.container === cls.name) ?? null) : null;
}

/**
 * Why one implementing function does not do what is claimed: a placeholder
 * or mock finding inside it. When the function is firmly tied to the claim
 * (it holds one of the claim's concrete terms, or is named for one of its
 * words) also code that fails the moment it runs: it formats a template that
 * always fails (build-error/python-format-string), calls a name whose import
 * is broken, or calls, at any depth within its file, a function that does.
 * A function tied to the claim only by sharing ordinary words may do
 * something else than what is claimed; a failure in it is no evidence
 * against the claim.
 */
/** Whether a line of a function sits at its body's own indentation, not inside a block of it. */
function atBodyLevel(ctx: VerifyContext, path: string, symbol: SymbolInfo, line: number): boolean {
  const read = ctx.snapshot.read(path);
  if (!read.ok) return true;
  const lines = splitLines(read.text);
  const indent = (s: string) => /^[ \t]*/.exec(s)![0].replace(/\t/g, '    ').length;
  // The body's level: its first line of code after the signature (a one-line function has none, and is all body).
  let body: number | null = null;
  for (let l = symbol.range.line + 1; l <= symbol.range.endLine && l <= lines.length; l++) {
    const t = lines[l - 1]!;
    if (t.trim() && !/^\s*[)}\]]/.test(t)) {
      body = indent(t);
      break;
    }
  }
  const at = lines[line - 1];
  if (body === null || at === undefined || indent(at) <= body) return true;
  // Walk out through the blocks that hold the line: only a conditional one (an `if`, an `else`, a `case`, an error
  // handler) makes it a branch; a `try`, a `with` or a loop wraps the function's own work.
  let level = indent(at);
  for (let l = line - 1; l > symbol.range.line && level > body; l--) {
    const t = lines[l - 1]!;
    if (!t.trim() || indent(t) >= level) continue;
    level = indent(t);
    if (/^\s*(?:\}\s*)?(?:if|elif|else|case|switch|select|catch|except|when|default)\b/.test(t)) return false;
  }
  return true;
}

function brokenFunction(ctx: VerifyContext, path: string, symbol: SymbolInfo, firm: boolean, seen = new Set<SymbolInfo>()): Evidence | null {
  if (seen.has(symbol)) return null;
  seen.add(symbol);
  const at = `${symbol.name} (${path}:${symbol.range.line})`;
  const inside = (l: number) => l >= symbol.range.line && l <= symbol.range.endLine;
  // A placeholder nested in one branch ("if a report path is given: TODO save it") leaves that branch unfinished, not the
  // function: only one at the body's own level makes the whole function a placeholder.
  const f = ctx.findings.find((x) => x.path === path && (x.category === 'placeholder' || x.category === 'mock-in-production') && inside(x.line) && atBodyLevel(ctx, path, symbol, x.line));
  if (f) return { path, line: f.line, endLine: f.endLine, excerpt: excerptAt(ctx, path, f.line, f.endLine), note: `${at} is a placeholder: ${f.message}` };
  const model = ctx.model(path);
  if (!firm || !model) return null;
  const fmt = ctx.findings.find((x) => x.path === path && x.ruleId === RULE_FORMAT_STRING && inside(x.line));
  if (fmt) return { path, line: fmt.line, excerpt: excerptAt(ctx, path, fmt.line), note: `${at} formats a template that always fails: ${fmt.message}` };
  const brokenLines = new Set(ctx.findings.filter((x) => x.path === path && (x.category === 'method-mismatch' || x.category === 'build-error')).map((x) => x.line));
  const broken = new Set(model.imports.filter((i) => brokenLines.has(i.range.line)).flatMap((i) => i.names.map((n) => n.alias ?? n.name)));
  const call = broken.size ? model.calls.find((c) => inside(c.range.line) && broken.has(c.receiver ?? c.name)) : undefined;
  if (call) return { path, line: call.range.line, excerpt: excerptAt(ctx, path, call.range.line), note: `${at} calls ${call.callee}, whose import fails` };
  // A function that hands its work to a broken function of the same file is broken with it.
  for (const c of model.calls) {
    if (!inside(c.range.line)) continue;
    const callee = calleeOf(model, symbol, c);
    const b = callee ? brokenFunction(ctx, path, callee, firm, seen) : null;
    if (b) return { ...b, note: `${at} calls ${c.callee}: ${b.note}` };
  }
  return null;
}

/**
 * The implementation is broken when every function that implements the
 * claim as a whole is, or when every function holding one of the names the
 * claim requires ("email" in "(email, Slack)") is, or when every function
 * named for one of the claim's words ("notifications" → send_alert_notification)
 * is.
 */
function brokenImplementation(ctx: VerifyContext, found: readonly TermHit[]): Evidence | null {
  const holds = (h: TermHit, path: string, sym: SymbolInfo) => (h.at.get(path) ?? []).some((l) => l >= sym.range.line && l <= sym.range.endLine);
  const check = (fns: readonly { path: string; symbol: SymbolInfo; firm: boolean }[]): Evidence | null => {
    if (!fns.length) return null;
    let first: Evidence | null = null;
    for (const { path, symbol, firm } of fns) {
      const b = brokenFunction(ctx, path, symbol, firm);
      if (!b) return null;
      first ??= b;
    }
    return first;
  };
  // A function holding one of the claim's concrete terms is tied to it firmly; one sharing ordinary words is not.
  const whole = check(implementingFunctions(ctx, found).map((x) => ({ ...x, firm: found.some((h) => h.term.required && holds(h, x.path, x.symbol)) })));
  if (whole) return whole;
  const functionsAt = (h: TermHit) => {
    const out: { path: string; symbol: SymbolInfo; firm: boolean }[] = [];
    for (const [path, lines] of h.at) {
      for (const sym of ctx.model(path)?.symbols ?? []) {
        if ((sym.kind === 'function' || sym.kind === 'method') && lines.some((l) => l >= sym.range.line && l <= sym.range.endLine)) out.push({ path, symbol: sym, firm: true });
      }
    }
    return out;
  };
  const namedFor = (h: TermHit, fns: { path: string; symbol: SymbolInfo; firm: boolean }[]) =>
    fns.filter((x) => identifierWords(x.symbol.name).some((w) => h.term.stems.some((st) => stemsMatch(st, stem(w)))));
  // Names the claim enumerates or technologies it names (not proper names of the project, which name everything in it).
  const concrete = (x: TermHit) => !x.term.code && x.term.kind !== 'name';
  for (const h of found.filter((x) => x.term.required && concrete(x))) {
    const holders = functionsAt(h);
    // A function named for the term handles it ("email" → send_email); otherwise every innermost holder does.
    const byName = namedFor(h, holders);
    if (byName.length) {
      const b = check(byName);
      if (b) return { ...b, note: `every function named for '${h.term.word}' is broken: ${b.note}` };
      continue;
    }
    const inner = holders.filter((a) => !holders.some((b) => b !== a && b.path === a.path && b.symbol.range.line >= a.symbol.range.line && b.symbol.range.endLine <= a.symbol.range.endLine && (b.symbol.range.line !== a.symbol.range.line || b.symbol.range.endLine !== a.symbol.range.endLine)));
    const b = check(inner);
    if (b) return { ...b, note: `every function that handles '${h.term.word}' is broken: ${b.note}` };
  }
  // The claim's other words: the functions named for one of them do that thing ("notifications" → _send_alert_notification),
  // when one of them also holds most of what the claim names (a word such as "check" names functions that check something else).
  const central = (x: { path: string; symbol: SymbolInfo }) => found.filter((h) => holds(h, x.path, x.symbol)).length * 2 > found.length;
  for (const h of found.filter((x) => !x.term.required && concrete(x))) {
    const named = namedFor(h, functionsAt(h));
    if (!named.some(central)) continue;
    const b = check(named);
    if (b) return { ...b, note: `every function named for '${h.term.word}' is broken: ${b.note}` };
  }
  return null;
}

/**
 * A technology the line names ("Frontend (React)", "Redis cache") that no code
 * of the scope spells is still evidenced by its declaration in a manifest of
 * that scope: a package.json of the named folder, or, where the report named no
 * place, any live manifest of the repository. Only single names of a library
 * count, matched in the ecosystem's normal form (RepoFacts.dependency).
 */
function withDeclaredDependencies(ctx: VerifyContext, text: string, hits: TermHit[], dirs: readonly string[] | null): TermHit[] {
  return hits.map((h) => {
    if (h.at.size > 0 || h.term.code || !/^[a-z][a-z0-9.+-]{2,}$/.test(h.term.word)) return h;
    // A name, not a word: marked as one by the term reader, or capitalised where a sentence does not start ("Dashboard (React)").
    const asName = h.term.kind === 'technology' || h.term.kind === 'enumerated' || h.term.kind === 'name' || capitalisedInside(text, h.term.word);
    // "Docker-based deployment", "React-style hooks": a compound names a way of doing things, not the library used.
    if (!asName || !standsAlone(text, h.term.word)) return h;
    const decl = ctx.repoFacts
      .dependency(h.term.word)
      .filter((d) => !isArchivedCopy(d.path) && (dirs === null || dirs.some((dir) => d.path.startsWith(dir.replace(/\/$/, '') + '/'))));
    if (!decl.length) return h;
    const at = new Map<string, number[]>();
    for (const d of decl) at.set(d.path, [...(at.get(d.path) ?? []), d.line]);
    return { term: h.term, at, importOnly: false };
  });
}

/** Per snapshot: the live files worth searching for a name (code, configuration; no prose, no archived copies), with their text in lower case. */
const searchable = new WeakMap<object, { path: string; lower: string }[]>();

function searchableFiles(ctx: VerifyContext): { path: string; lower: string }[] {
  let list = searchable.get(ctx.snapshot);
  if (list) return list;
  list = [];
  for (const f of ctx.snapshot.files) {
    if (!isIndexable(f.path, f.language) || isProse(f.path) || isArchivedCopy(f.path)) continue;
    const r = ctx.snapshot.read(f.path);
    if (r.ok) list.push({ path: f.path, lower: r.text.toLowerCase() });
  }
  searchable.set(ctx.snapshot, list);
  return list;
}

/** The spellings of a term as text: its word and its stems, `prefetch_related` and `prefetchrelated` alike. */
function spellings(term: Term): string[] {
  return [...new Set([term.word, ...term.stems].map((x) => x.toLowerCase()).filter((x) => x.length >= 3))];
}

/** The term in the code (not comments) of any live file of the repository, found with the same index as the scope's. */
function repositoryHit(ctx: VerifyContext, term: Term): TermHit | null {
  const want = spellings(term);
  const at = new Map<string, number[]>();
  for (const f of searchableFiles(ctx)) {
    if (!want.some((w) => f.lower.includes(w) || f.lower.includes(w.replace(/_/g, '')))) continue;
    const fw = fileWords(ctx.snapshot, f.path, (q) => ctx.model(q));
    const lines = fw ? linesOfTerm(fw, term) : [];
    if (lines.length) at.set(f.path, lines);
  }
  return at.size ? { term, at, importOnly: false } : null;
}

/** Whether the term's text occurs anywhere in the repository's live code or configuration, comments included. */
function mentionedAnywhere(ctx: VerifyContext, term: Term): boolean {
  const want = spellings(term);
  return searchableFiles(ctx).some((f) => want.some((w) => f.lower.includes(w) || f.lower.includes(w.replace(/[_-]/g, ''))));
}

/** The word occurs in the text on its own, not as part of a hyphenated compound. */
function standsAlone(text: string, word: string): boolean {
  const escaped = word.replace(/[.+]/g, (c) => '\\' + c);
  return new RegExp(`(?<![\\w.-])${escaped}(?![\\w-])`, 'i').test(text);
}

/** The word written with a capital initial somewhere other than the start of the text or of a sentence. */
function capitalisedInside(text: string, word: string): boolean {
  const escaped = word.replace(/[.+]/g, (c) => '\\' + c);
  for (const m of text.matchAll(new RegExp(`(?<![\\w.-])${escaped}(?![\\w-])`, 'gi'))) {
    const before = text.slice(0, m.index).trimEnd();
    if (/^[A-Z]/.test(m[0]) && before && !/[.!?:]$/.test(before) && !/^\W*$/.test(before)) return true;
  }
  return false;
}

/** How close (in lines, within one function) a placeholder must stand to a term's line to be about it. */
const BESIDE = 2;
/** A term spelled on more lines than this is a common word of the code, not the place of one capability. */
const LOCAL_TERM_LINES = 20;

/**
 * A term whose few lines sit right beside a placeholder in the same function
 * ("if batchFile != "" { // TODO: implement batch loading"): the code that
 * handles that part of the capability says it is not done, even when other
 * functions (flag registration, help text) spell the same word.
 */
function unfinishedBeside(ctx: VerifyContext, found: readonly TermHit[]): Evidence | null {
  for (const h of found) {
    const total = [...h.at.values()].reduce((n, ls) => n + ls.length, 0);
    if (total > LOCAL_TERM_LINES) continue;
    for (const [path, lines] of h.at) {
      const model = ctx.model(path);
      if (!model) continue;
      for (const f of ctx.findings) {
        if (f.path !== path || (f.category !== 'placeholder' && f.category !== 'mock-in-production') || f.severity === 'info') continue;
        const near = lines.find((l) => Math.abs(l - f.line) <= BESIDE);
        if (near === undefined) continue;
        const fn = model.symbols.find((x) => (x.kind === 'function' || x.kind === 'method') && x.range.line <= f.line && f.line <= x.range.endLine && x.range.line <= near && near <= x.range.endLine);
        if (!fn) continue;
        return { path, line: f.line, endLine: f.endLine, excerpt: excerptAt(ctx, path, f.line, f.endLine), note: `'${h.term.word}' (${path}:${near}) is handled beside a placeholder in ${fn.name}: ${f.message}` };
      }
    }
  }
  return null;
}

function hitEvidence(ctx: VerifyContext, h: TermHit, path?: string): Evidence {
  const entries = [...h.at.entries()].sort((a, b) => (a[0] < b[0] ? -1 : 1));
  const [p, lines] = entries.find((e) => e[0] === path) ?? entries[0]!;
  const line = lines[0]!;
  const more = lines.length > 1 ? ` (and ${lines.length - 1} more line${lines.length > 2 ? 's' : ''})` : '';
  return { path: p, line, excerpt: excerptAt(ctx, p, line), note: `'${h.term.word}' in code${more}` };
}

function verifyFeature(claim: Claim, ctx: VerifyContext): Outcome {
  const data = claim.data as FeatureData;
  let files: string[];
  let described: string;
  let problems: Evidence[] = [];
  const named = data.scopeFrom !== 'report';
  // A package the section names is one place: its files together implement the claim.
  let pooled = named;
  let component: { path: string; isDir: boolean } | null = null;
  if (named) {
    const scope: ResolvedScope = resolveScope({ paths: data.scopePaths, from: data.scopeFrom as 'statement' | 'section' }, ctx, { includeTests: true });
    if (scope.unresolved) {
      return {
        verdict: scope.absent ? 'contradicted' : 'unverifiable',
        reason: scope.absent ? `${scope.problems.map((p) => p.note).join('; ')}: the feature cannot be there` : `the place the claim names cannot be judged: ${scope.problems.map((p) => p.note).join('; ')}`,
        evidence: scope.problems,
      };
    }
    files = scope.files;
    described = scope.described;
    problems = scope.problems;
  } else {
    files = reportFiles(ctx, claim.source.path);
    described = 'the files the report names';
    const doc = ctx.documents.find((d) => d.path === claim.source.path);
    // The module a phrase names by its own name, else through the report's own tree annotations ("spec/  # Specification parser").
    const found =
      (data.components ?? []).map((c) => componentScope(ctx, c)).find((c) => c !== null) ??
      (doc ? (data.components ?? []).map((c) => glossaryPlace(ctx, doc, c)).find((c) => c !== null) ?? null : null);
    component = found;
    if (found) {
      files = found.isDir ? ctx.snapshot.files.filter((f) => f.path.startsWith(found.path + '/') && f.language).map((f) => f.path) : [found.path];
      described = `${found.path}${found.isDir ? '/' : ''} (the module its label or section names)`;
      pooled = found.isDir;
    } else if (!files.length) return { verdict: 'unverifiable', reason: 'the report names no file this capability could be checked in', evidence: [] };
  }
  // Prose files (a guide, a README) are evidence only when the report names them for this claim, or the claim is about documentation.
  const aboutDocs = DOCUMENTATION.test(claim.text);
  let indexed = files
    .filter((p) => {
      const f = ctx.snapshot.file(p);
      return f && isIndexable(p, f.language) && (named || files.length === 1 ? true : aboutDocs === isProse(p));
    })
    .map((p) => fileWords(ctx.snapshot, p, (q) => ctx.model(q)))
    .filter((x): x is FileWords => x !== null);
  if (!indexed.length) return { verdict: 'unverifiable', reason: `no readable code in ${described}`, evidence: [] };
  let hits: TermHit[];
  if (!pooled && indexed.length > 1) {
    // The report did not say where: the claim must hold in one of its files, not in a mix of them. The file that uses
    // the terms (not merely imports them) wins; among equals, the one that uses them most.
    let best: { fw: FileWords; hits: TermHit[]; n: number; lines: number } | null = null;
    for (const fw of indexed) {
      const fileHits = lookup(data.terms, [fw]);
      const used = fileHits.filter((h) => h.at.size > 0 && !h.importOnly);
      const lines = used.reduce((sum, h) => sum + (h.at.get(fw.path)?.length ?? 0), 0);
      if (!best || used.length > best.n || (used.length === best.n && lines > best.lines)) best = { fw, hits: fileHits, n: used.length, lines };
    }
    indexed = [best!.fw];
    hits = best!.hits;
    described = `${best!.fw.path} (the file of the report's files that holds most of the terms)`;
  } else {
    hits = lookup(data.terms, indexed);
  }
  if (data.listing && indexed.length === 1) hits = withRoleWords(ctx, indexed[0]!.path, hits);
  const place = component as { path: string; isDir: boolean } | null;
  if (!named || pooled) hits = withDeclaredDependencies(ctx, claim.text, hits, named ? data.scopePaths : place ? [place.path] : null);
  // Where the report named no place, the place is the repository: a name the line requires is looked for in all of it.
  let nowhere: TermHit[] = [];
  let elsewhere: TermHit[] = [];
  if (!named && !place) {
    // Found in the code of some other file, it is not absent; but a file the report never tied to the line does not
    // show that the line's capability uses it, so it stays missing (and the line open).
    elsewhere = hits.filter((h) => h.at.size === 0 && h.term.required).map((h) => repositoryHit(ctx, h.term)).filter((h): h is TermHit => h !== null);
    // Short words and acronyms ("UI", "API") name what frameworks provide without the code spelling them: never "nowhere".
    nowhere = hits.filter((h) => h.at.size === 0 && h.term.required && h.term.word.length >= 4 && !elsewhere.some((e) => e.term === h.term) && !mentionedAnywhere(ctx, h.term));
  }
  const found = hits.filter((h) => h.at.size > 0);
  const missing = hits.filter((h) => h.at.size === 0);
  const required = hits.filter((h) => h.term.required);
  const ordinary = hits.filter((h) => !h.term.required);
  const missingRequired = required.filter((h) => h.at.size === 0);
  const missingOrdinary = ordinary.filter((h) => h.at.size === 0);
  const importOnly = found.filter((h) => h.importOnly && h.term.required);
  const evidence = found.slice(0, 6).map((h) => hitEvidence(ctx, h));
  const list = (hs: readonly TermHit[]) => hs.map((h) => `'${h.term.word}'`).join(', ');

  if (importOnly.length) {
    return {
      verdict: named ? 'contradicted' : 'unverifiable',
      reason: `${list(importOnly)} ${importOnly.length > 1 ? 'are' : 'is'} imported in ${described} but never used`,
      evidence: importOnly.map((h) => hitEvidence(ctx, h)),
    };
  }
  // Ordinary words describe, and code may name one of them otherwise ("discovery" for find_available_agents): in the scope
  // the report named, one such word of three or more may be missing. Where the report named no place, every word must be there.
  const ordinaryHold =
    missingOrdinary.length === 0 ||
    (pooled && missingOrdinary.length === 1 && ordinary.length >= (data.listing ? 2 : 3));
  if (missingRequired.length === 0 && ordinaryHold && found.length > 0) {
    const broken = brokenImplementation(ctx, found) ?? unfinishedBeside(ctx, found);
    if (broken) return { verdict: 'contradicted', reason: `the code that implements it does not do it: ${broken.note}`, evidence: [broken, ...evidence] };
    const unchecked = missingOrdinary.length ? `; not found as such: ${missingOrdinary.map((h) => h.term.word).join(', ')}` : '';
    const byCode = found.filter((h) => !h.role);
    const byRole = found.filter((h) => h.role);
    const roleText = byRole.length ? `${byCode.length ? '; ' : ''}${byRole.map((h) => h.term.word).join(', ')} by what the file is (its path, its routes)` : '';
    return {
      verdict: 'verified',
      reason: `${byCode.length ? `${byCode.map((h) => h.term.word).join(', ')} ${byCode.length > 1 ? 'are' : 'is'} in the code of ${described}` : `${described}: `}${roleText}${unchecked}`,
      evidence,
    };
  }
  // A document's words are not code: a guide may say in other words what the line says; only a named thing it lacks contradicts.
  const proseOnly = indexed.every((fw) => fw.prose);
  // A file's described role ("package initialization") is said in other words than its code: only a named thing it lacks contradicts.
  const mostMissing = !proseOnly && !data.listing && missingOrdinary.length >= 2 && missingOrdinary.length * 2 > ordinary.length;
  if (nowhere.length) {
    return {
      verdict: 'contradicted',
      reason: `${list(nowhere)} ${nowhere.length > 1 ? 'appear' : 'appears'} nowhere in the repository (code, configuration or comments)${found.length ? ` (found: ${found.map((h) => h.term.word).join(', ')})` : ''}`,
      evidence,
    };
  }
  // A report that names a handful of files names where its work is: a capability none of them has (most of its words,
  // or a name it requires, absent from every one) is not there. Reports naming many files name a repository, not a place.
  const fewFiles = !named && !component && reportFiles(ctx, claim.source.path).length <= REPORT_PLACE_MAX_FILES;
  const missingHere = fewFiles ? missingRequired.filter((h) => !elsewhere.some((e) => e.term === h.term)) : missingRequired;
  if ((named && (missingRequired.length || mostMissing)) || (fewFiles && (missingHere.length || (mostMissing && !elsewhere.length)))) {
    const shown = missingRequired.length ? missingRequired : missingOrdinary;
    return {
      verdict: 'contradicted',
      reason: `${list(shown)} ${shown.length > 1 ? 'do' : 'does'} not appear in the code of ${described}${found.length ? ` (found: ${found.map((h) => h.term.word).join(', ')})` : ''}`,
      evidence: [...problems, ...evidence],
    };
  }
  return {
    verdict: 'unverifiable',
    reason: `found ${found.length ? found.map((h) => h.term.word).join(', ') : 'none of the terms'} but not ${missing.map((h) => h.term.word).join(', ')} in ${described}${
      elsewhere.length ? `; ${elsewhere.map((h) => `'${h.term.word}' is in the code of ${[...h.at.keys()].slice(0, 2).join(', ')}${h.at.size > 2 ? ` and ${h.at.size - 2} more` : ''}`).join('; ')}, a place the report does not tie to the line` : ''
    }`,
    evidence: [...evidence, ...elsewhere.map((h) => hitEvidence(ctx, h))],
  };
}

/** The statuses of a line, in the place the report gives it: its files, else the repository's production code. */
function verifyStatusClaim(claim: Claim, data: FeatureData, ctx: VerifyContext): Outcome {
  if (data.scopeFrom !== 'report') {
    const scope = resolveScope({ paths: data.scopePaths, from: data.scopeFrom as 'statement' | 'section' }, ctx, { includeTests: false });
    if (scope.unresolved) return { verdict: 'unverifiable', reason: `the place the claim names cannot be judged: ${scope.problems.map((p) => p.note).join('; ')}`, evidence: scope.problems };
    return verifyStatuses(data.statuses!, scope.files, scope.described, ctx);
  }
  const named = reportFiles(ctx, claim.source.path).filter((p) => ctx.snapshot.file(p)?.language);
  if (named.length) {
    const there = verifyStatuses(data.statuses!, named, 'the files the report names', ctx);
    if (there.verdict === 'verified') return there;
  }
  const code = ctx.snapshot.files.filter((f) => f.language && !f.isTest && !isArchivedCopy(f.path)).map((f) => f.path);
  return verifyStatuses(data.statuses!, code, 'the repository', ctx);
}
