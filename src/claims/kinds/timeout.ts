/**
 * timeout: "30 second `_request_timeout` on every Kubernetes API call",
 * "`track()` now aborts after 5 seconds", "Timeout configuration: ✅
 * Verified", a table row "Fetch calls with timeout | 2/2 | 2/2 | ✅ Met".
 * Judged through the missing-timeout rules, in the named file (and inside the
 * named functions), else across the production code: a missing-timeout
 * finding in scope contradicts the claim. Without one, a timeout really set
 * in scope (a `timeout=`/`_request_timeout=` argument, a `Timeout:` field, a
 * `signal: AbortSignal.timeout(…)`, a `*.timeout = …` assignment,
 * `context.WithTimeout`) verifies it, and a stated duration must match what
 * the code sets. A claim over the whole repository is never verified on the
 * absence of findings: the rules know many clients, not every one.
 *
 * The kubernetes Python client: `configuration.timeout = 30` is not a setting
 * kubernetes.client.Configuration reads, but the missing-timeout rule counts
 * it as configured; the verdict follows the rule and the evidence says so.
 */
import type { Language } from '../../repo/languages.js';
import type { SourceModel } from '../../lang/model.js';
import type { ClaimKindModule, Evidence, Statement, VerifyContext } from '../types.js';
import {
  actualCell,
  callSpans,
  describesPriorState,
  findingsIn,
  functionRanges,
  inPlaces,
  placesText,
  quotesALine,
  resolveScope,
  unresolvedOutcome,
  scopeOf,
  someFindings,
  statusOf,
  withoutCode,
  excerptAt,
  type NamedSymbol,
  type Place,
  type ScopeSpec,
} from './code-scope.js';

const TIMEOUT_WORD = /\btime[- ]?outs?\b|\btimed[- ]out\b|\bdeadlines?\b|_request_timeout|\bWithTimeout\b|AbortSignal\.timeout/i;
/** "gives up after 5 seconds": a bound on waiting, said without the word. */
const BOUNDED = /\b(?:gives?|giving|gave) up after\b|\babort(?:s|ed|ing)? after\b|\bcancel(?:s|led|ling)? after\b|\bfails? fast after\b|\bstops? waiting after\b/i;
const NEGATIVE = /\b(?:without|no|missing|lacks?|lacking|never|zero)\b[^.;|]{0,40}?\btime[- ]?outs?\b|\btime[- ]?outs?\b[^.;|]{0,20}\b(?:missing|absent|not set)\b/i;
const PAST = /\b(?:was|were|had|used to)\b/i;
const TEST_TALK = /\b(?:tests?|suites?|pytest|jest|vitest|ci)\b/i;
const CODE_TALK = /\b(?:clients?|calls?|requests?|http|https|api|fetch|connections?|probes?|sockets?|servers?|configuration)\b/i;

/** True for statements that make a claim about timeouts in the code. */
export function isTimeoutStatement(st: Statement): boolean {
  if (st.construct === 'code-block' || st.construct === 'heading' || describesPriorState(st) || quotesALine(st)) return false;
  const plain = withoutCode(st.text);
  if (!TIMEOUT_WORD.test(st.text) && !BOUNDED.test(plain)) return false;
  // "3 tests timed out" is a test result.
  if (TEST_TALK.test(plain) && !CODE_TALK.test(plain)) return false;
  return true;
}

const UNIT_SECONDS: Record<string, number> = { ms: 0.001, millisecond: 0.001, milli: 0.001, s: 1, sec: 1, second: 1, m: 60, min: 60, minute: 60, h: 3600, hour: 3600 };
const DURATION = /(\d+(?:\.\d+)?)\s*-?\s*(milliseconds?|millis|ms|seconds?|secs?|s|minutes?|mins?|m|hours?|h)\b/gi;

function unitSeconds(u: string): number {
  const k = u.toLowerCase().replace(/s$/, '');
  return UNIT_SECONDS[k] ?? UNIT_SECONDS[u.toLowerCase()] ?? 1;
}

/** Durations the claim states, in seconds. */
export function claimedSeconds(text: string): number[] {
  const out: number[] = [];
  for (const m of text.matchAll(DURATION)) out.push(Number(m[1]) * unitSeconds(m[2]!));
  const eq = /\btime[- ]?out\s*[=:]\s*(\d+(?:\.\d+)?)(?!\s*(?:ms|s|sec|m|min|%))/i.exec(text);
  if (eq) out.push(Number(eq[1]));
  return [...new Set(out)];
}

type Polarity = 'set' | 'missing';

interface TimeoutData {
  polarity: Polarity;
  scope: ScopeSpec;
  functions: NamedSymbol[];
  seconds: number[];
  words: string[];
  consumes: string[];
  [key: string]: unknown;
}

export const timeoutKind: ClaimKindModule = {
  kind: 'timeout',
  description: 'The named client or call really gets a timeout (or, when the report says so, really lacks one).',
  recognize(st) {
    if (!isTimeoutStatement(st)) return [];
    const plain = withoutCode(st.text);
    let polarity: Polarity = 'set';
    const actual = actualCell(st);
    if (NEGATIVE.test(plain)) {
      if (statusOf(st) === 'done' || /\bnow\b/i.test(plain)) polarity = 'set';
      else if (PAST.test(plain)) return []; // a description of an earlier run
      else polarity = 'missing';
    }
    if (actual !== null) {
      const frac = /^(\d+)\s*\/\s*(\d+)$/.exec(actual);
      const pctm = /^(\d+(?:\.\d+)?)\s*%$/.exec(actual);
      const share = frac ? Number(frac[1]) / Math.max(1, Number(frac[2])) : pctm ? Number(pctm[1]) / 100 : null;
      if (share !== null && share === 0) polarity = 'missing';
      // "1/2 calls with timeout" would need call sites counted against the rules' notion of a client; not claimed here.
      else if (share !== null && share < 1) return [];
    }
    const seconds = claimedSeconds(actual ?? plain);
    const functions = callSpans(st).filter((s) => !/timeout|deadline/i.test(s.name));
    const words = [...new Set((plain.toLowerCase().match(/[a-z][a-z0-9]{2,}/g) ?? []))];
    // Only the spans this claim reads: the functions it narrows to and the timeout constructs it quotes.
    const consumes = st.code.filter((c) => functions.some((f) => f.code === c) || /timeout|deadline/i.test(c));
    const data: TimeoutData = { polarity, scope: scopeOf(st), functions, seconds, words, consumes };
    return [{ kind: 'timeout' as const, text: st.text, source: { path: st.docPath, line: st.line }, subject: { path: data.scope.paths.length === 1 ? data.scope.paths[0]! : null, symbol: functions.map((f) => f.name).join(', ') || null }, data }];
  },
  verify(claim, ctx) {
    const d = claim.data as TimeoutData;
    const scope = resolveScope(d.scope, ctx);
    if (scope.unresolved) return unresolvedOutcome(scope);
    const places = functionRanges(ctx, scope.files, d.functions);
    const named = d.functions.filter((f) => functionRanges(ctx, scope.files, [f]).length);
    const where = places.length ? `${named.map((f) => f.name + '()').join(', ')} in ${scope.described}` : scope.described;
    let findings = findingsIn(ctx, scope.files, ['missing-timeout'], places);
    // "Kubernetes API timeout", "Fetch calls": a client the rules know narrows the findings to it.
    const narrowed = findings.filter((f) => clientTokens(f.ruleId).some((t) => d.words.includes(t)));
    if (narrowed.length) findings = narrowed;
    const settings = settingsIn(ctx, scope.files, places);
    const settingEv = settings.slice(0, 4).map((s) => ({ path: s.path, line: s.line, excerpt: excerptAt(ctx, s.path, s.line), note: s.note }));
    const base = scope.problems;

    if (d.polarity === 'missing') {
      if (findings.length) return { verdict: 'verified', reason: `${findings.length} missing-timeout finding(s) in ${where}: ${placesText(findings)}`, evidence: [...base, ...someFindings(ctx, findings)] };
      if (settings.length) return { verdict: 'contradicted', reason: `${where} sets a timeout (${placesText(settings)}) and the missing-timeout rules find nothing there`, evidence: [...base, ...settingEv] };
      return { verdict: 'unverifiable', reason: `the missing-timeout rules find nothing in ${where}, and no timeout setting was found either`, evidence: base };
    }
    if (findings.length) {
      const k8s = settings.filter((s) => s.kubernetesConfig);
      const extra: Evidence[] = k8s.map((s) => ({ path: s.path, line: s.line, excerpt: excerptAt(ctx, s.path, s.line), note: KUBERNETES_NOTE }));
      return {
        verdict: 'contradicted',
        reason: `${findings.length} call(s) in ${where} have no timeout: ${placesText(findings)}`,
        evidence: [...base, ...someFindings(ctx, findings), ...extra],
      };
    }
    if (!settings.length) {
      return { verdict: 'unverifiable', reason: `the missing-timeout rules find nothing in ${where}, but no timeout setting was found there either`, evidence: base };
    }
    if (scope.breadth === 'repository') {
      return {
        verdict: 'unverifiable',
        reason: `no missing-timeout finding in ${where} and ${settings.length} timeout setting(s) found, but the claim names no client or file, and the rules cannot show that every call has one`,
        evidence: [...base, ...settingEv],
      };
    }
    const notes = settings.some((s) => s.kubernetesConfig) ? [{ path: settings.find((s) => s.kubernetesConfig)!.path, note: KUBERNETES_NOTE }] : [];
    // "gRPC calls have a deadline" is not shown by a requests timeout in the same file.
    const clients = d.words.filter((w) => CLIENT_NAMES.has(w));
    if (clients.length && !settings.some((s) => clients.some((c) => s.note.toLowerCase().includes(c) || (c === 'kubernetes' && s.kubernetesConfig)))) {
      return { verdict: 'unverifiable', reason: `no missing-timeout finding in ${where}, but none of its timeout settings (${placesText(settings)}) is on the ${clients.join('/')} client the claim names`, evidence: [...base, ...settingEv] };
    }
    if (d.seconds.length) {
      const known = settings.flatMap((s) => s.seconds ?? []);
      const unknown = settings.filter((s) => s.seconds === null);
      const missing = d.seconds.filter((x) => !known.some((k) => Math.abs(k - x) < 1e-6));
      if (missing.length) {
        if (unknown.length) {
          return { verdict: 'unverifiable', reason: `a timeout is set in ${where} (${placesText(settings)}), but its value cannot be read statically to check ${fmt(missing)}`, evidence: [...base, ...settingEv, ...notes] };
        }
        return { verdict: 'contradicted', reason: `claimed ${fmt(d.seconds)}; the code in ${where} sets ${fmt(known)} (${placesText(settings)})`, evidence: [...base, ...settingEv, ...notes] };
      }
    }
    return {
      verdict: 'verified',
      reason: `no missing-timeout finding in ${where}; timeout set at ${placesText(settings)}${d.seconds.length ? ` (${fmt(d.seconds)}, as claimed)` : ''}`,
      evidence: [...base, ...settingEv, ...notes],
    };
  },
};

/** Client libraries a claim may name; a timeout on another client does not verify it. */
const CLIENT_NAMES = new Set(['requests', 'httpx', 'urllib', 'urlopen', 'kubernetes', 'redis', 'grpc', 'socket', 'smtp', 'smtplib', 'ftp', 'fetch', 'axios', 'postgres', 'mysql', 'mongo', 'mongodb', 'database', 'sql', 'boto3', 'aiohttp']);

const KUBERNETES_NOTE =
  'configuration.timeout is not a setting that kubernetes.client.Configuration reads (the client takes _request_timeout per call); the missing-timeout rule counts it as configured, and the verdict follows the rule';

function fmt(xs: readonly number[]): string {
  return xs.map((x) => (x < 1 ? `${Math.round(x * 1000)} ms` : `${x} s`)).join(', ');
}

/** `missing-timeout/python-kubernetes` → kubernetes; `go-http-client` → http, client. */
function clientTokens(ruleId: string): string[] {
  const tail = ruleId.split('/').pop() ?? '';
  return tail.split('-').filter((t) => t.length > 2 && !['python', 'go', 'js', 'javascript', 'typescript', 'default', 'none'].includes(t));
}

interface Setting {
  path: string;
  line: number;
  seconds: number[] | null;
  note: string;
  kubernetesConfig: boolean;
}

const TIMEOUT_CALL = /(?:^|\.)(?:WithTimeout|WithDeadline|SetDeadline|SetReadDeadline|SetWriteDeadline|settimeout|setdefaulttimeout)$|^AbortSignal\.timeout$/;

/** Timeouts the code sets in the files (inside the places when given). */
function settingsIn(ctx: VerifyContext, files: readonly string[], places: readonly Place[]): Setting[] {
  const out: Setting[] = [];
  for (const path of files) {
    const model = ctx.model(path);
    if (!model) continue;
    for (const s of settingsOfFile(path, model)) if (places.length === 0 || inPlaces(path, s.line, places)) out.push(s);
  }
  return out.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : a.line - b.line));
}

/** A file's settings, one per line, found once per model: claims about the whole repository ask for every file. */
const settingsCache = new WeakMap<SourceModel, Setting[]>();

function settingsOfFile(path: string, model: SourceModel): Setting[] {
  const hit = settingsCache.get(model);
  if (hit) return hit;
  const out = new Map<number, Setting>();
  const add = (s: Setting) => {
    if (!out.has(s.line)) out.set(s.line, s);
  };
  const lang = model.language;
  for (const call of model.calls) {
    for (const a of call.args) {
      if (a.keyword && /timeout|deadline/i.test(a.keyword)) {
        add({ path, line: call.range.line, seconds: seconds(a.text, lang), note: `${call.callee}(… ${a.keyword}${lang === 'go' ? ':' : '='} ${a.text} …)`, kubernetesConfig: false });
      } else if (a.keyword === 'signal' && /timeout/i.test(a.text)) {
        add({ path, line: call.range.line, seconds: seconds(a.text, lang), note: `${call.callee}() with signal: ${a.text}`, kubernetesConfig: false });
      }
    }
    if (TIMEOUT_CALL.test(call.callee)) {
      add({ path, line: call.range.line, seconds: seconds(call.args[call.args.length - 1]?.text ?? '', lang), note: `${call.callee}(${call.args.map((a) => a.text).join(', ')})`, kubernetesConfig: false });
    }
  }
  for (const asg of model.assignments) {
    if (!/(?:^|\.)\w*timeout\w*$/i.test(asg.target)) continue;
    const obj = asg.target.replace(/\.\w+$/, '');
    const k8s = lang === 'python' && /\.timeout$/.test(asg.target) && model.assignments.some((x) => x.target === obj && /\bConfiguration\(\)/.test(x.value));
    add({ path, line: asg.range.line, seconds: seconds(asg.value, lang), note: `${asg.target} = ${asg.value}`, kubernetesConfig: k8s });
  }
  const list = [...out.values()];
  settingsCache.set(model, list);
  return list;
}

const GO_UNITS: Record<string, number> = { Nanosecond: 1e-9, Microsecond: 1e-6, Millisecond: 1e-3, Second: 1, Minute: 60, Hour: 3600 };

/** Seconds a timeout expression stands for, or null when it is not a literal. */
function seconds(text: string, lang: Language): number[] | null {
  const t = text.trim();
  if (lang === 'go') {
    const m = /^(\d+(?:\.\d+)?)\s*\*\s*time\.(\w+)$/.exec(t) ?? /^time\.(\w+)\s*\*\s*(\d+(?:\.\d+)?)$/.exec(t);
    if (m) {
      const [n, u] = /^\d/.test(m[1]!) ? [m[1]!, m[2]!] : [m[2]!, m[1]!];
      return GO_UNITS[u] !== undefined ? [Number(n) * GO_UNITS[u]!] : null;
    }
    const bare = /^time\.(\w+)$/.exec(t);
    return bare && GO_UNITS[bare[1]!] !== undefined ? [GO_UNITS[bare[1]!]!] : null;
  }
  const abort = /AbortSignal\.timeout\(\s*(\d+(?:\.\d+)?)\s*\)/.exec(t);
  if (abort) return [Number(abort[1]) / 1000];
  if (lang === 'typescript' || lang === 'javascript') {
    // axios, got, node:http and fetch wrappers take milliseconds.
    return /^\d+(?:\.\d+)?$/.test(t) ? [Number(t) / 1000] : null;
  }
  if (/^\d+(?:\.\d+)?$/.test(t)) return [Number(t)];
  const tuple = /^\(\s*(\d+(?:\.\d+)?)\s*,\s*(\d+(?:\.\d+)?)\s*\)$/.exec(t);
  if (tuple) return [Number(tuple[1]), Number(tuple[2])];
  const wrapped = /^[\w.]*Timeout\(\s*(\d+(?:\.\d+)?)\s*[,)]/.exec(t);
  if (wrapped) return [Number(wrapped[1])];
  return null;
}
