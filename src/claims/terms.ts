/**
 * Feature statements broken into the terms the code would have to contain.
 *
 * A capability line ("Session lifecycle management (create, update, delete)",
 * "Multiple report formats: HTML, JSON, JUnit XML") mixes three sorts of
 * words: English function words, the vocabulary every such report uses to
 * praise or frame its work ("comprehensive", "robust", "management",
 * "system"), and the concrete terms that name what was built ("session",
 * "create", "JUnit"). Only the concrete terms can be looked up in code; the
 * framing words are what "only a judgement could decide". The word classes
 * below are therefore about the domain of software status reports, not about
 * any one report, and each is tested with examples of its own.
 */

/** English function words: never a term. */
const FUNCTION_WORDS = new Set(
  `a an the and or nor but with without for of to in on at by from into onto across via using use uses used through per all each every any both either
  its it their his her our your my this that these those as is are be been being was were has have had do does did no not only more less most least than
  then so such also out up down under over between within including include includes included e.g i.e etc eg ie
  when where which who whom whose what while after before during until upon against among around about via vs versus
  can could should would will may might must shall now just very much many some other others own same well here there`.split(/\s+/),
);

/**
 * Words that frame a capability without naming anything code contains:
 * qualities ("robust", "optimal"), scale ("multiple", "all"), and the generic
 * nouns of software descriptions ("system", "mechanism", "support"). A claim
 * made only of these can be decided by judgement alone.
 */
const FRAMING_WORDS = new Set(
  `comprehensive complete completely full fully robust intelligent intelligently optimal optimized optimization optimisation advanced sophisticated
  enterprise grade production ready seamless seamlessly efficient efficiently effective effectively proper properly strict strictly powerful flexible
  scalable reliable modern smart clean clear easy simple rich detailed extensive multiple various several many key core critical major enhanced
  improved better high highly low best fast faster quick quickly automatic automatically automated dedicated overall general generic basic new
  existing entire whole custom customizable configurable dynamic dynamically unified centralized centralised standard standardized complex
  end-to-end real actual actually true truly fine granular consistent consistently multi time times live distributed
  auto self non pre post re co semi anti well driven based oriented aware ready grade
  backend resource resources lifecycle performance usage data architecture file files folder folders directory directories
  claimed listed described mentioned stated code example examples sample samples
  yes no ok okay keep essential optional required recommended important note notes
  management manager managers system systems support supports supported mechanism mechanisms framework frameworks functionality functionalities
  capability capabilities feature features implementation implementations integration integrations operation operations processing handling
  solution solutions component components module modules layer layers logic utility utilities tool tools tooling procedure procedures routine
  routines infrastructure approach approaches pattern patterns flow flows process processes engine engines platform platforms suite suites
  set sets level levels based driven oriented aware purpose purposes usage use case cases way ways kind kinds type types thing things stuff
  part parts area areas aspect aspects item items element elements detail details method methods class classes function functions structure structures
  capable ability abilities option options variety range scenario scenarios instance instances point points step steps stage stages
  practice practices guideline guidelines mode modes style styles strategy strategies technique techniques facility facilities`.split(/\s+/),
);

/** Verbs that say something was made or offered: the claim's verb, not a term. */
const CAPABILITY_VERBS = new Set(
  `implemented implement implements implementing created create creates built build builds added add adds established establish provided provide
  provides developed develop documented document designed design supports support enables enable enabled includes include offers offer delivered
  deliver integrated integrate introduced introduce set setup wired wire exposes expose adds allowing allows allow ensures ensure ensured featuring
  handles handle handled performs perform performed present contains contain containing has have having`.split(/\s+/),
);

/**
 * Words that report an outcome of running something (a test run, a deployment,
 * a validation). A statement carrying one claims a result, not a capability:
 * it is a test-result or status claim, never a feature claim.
 */
const OUTCOME_WORDS = new Set(
  `validated tested passing passed pass passes verified confirmed met achieved working works operational succeeded successful successfully
  resolved fixed deployed running blocked failing failed fails broken proven stable certified approved accepted completed configured finished`.split(/\s+/),
);

/**
 * Common abbreviations of software vocabulary: a report writes one form, the
 * code often the other ("authentication" / `auth`, "configuration" / `config`).
 */
const ABBREVIATIONS: Record<string, string[]> = {
  authentication: ['auth', 'authn'],
  authorization: ['auth', 'authz'],
  configuration: ['config', 'cfg', 'conf'],
  database: ['db'],
  kubernetes: ['k8s', 'kube'],
  application: ['app'],
  environment: ['env'],
  repository: ['repo'],
  message: ['msg'],
  messages: ['msg'],
  statistics: ['stats', 'stat'],
  statistical: ['stats', 'stat'],
  parameter: ['param'],
  parameters: ['params', 'param'],
  temporary: ['tmp', 'temp'],
  directory: ['dir'],
  initialization: ['init'],
  initialize: ['init'],
  synchronization: ['sync'],
  synchronize: ['sync'],
  asynchronous: ['async'],
  websocket: ['ws'],
  connection: ['conn'],
  connections: ['conn'],
  request: ['req'],
  response: ['resp', 'res'],
  documentation: ['docs', 'doc'],
  specification: ['spec'],
  javascript: ['js'],
  typescript: ['ts'],
  postgresql: ['postgres', 'pg'],
  identifier: ['id'],
  identifiers: ['id', 'ids', 'uuid'],
};

/**
 * Names of technologies, formats, protocols and techniques that code which
 * implements them spells out (an import, a client, a format string, a
 * setting). A report that names one names something the scope must contain.
 */
const TECHNOLOGIES = new Set(
  `json xml yaml yml csv tsv html markdown pdf junit xunit tap protobuf avro parquet msgpack toml ini
  redis memcache memcached postgres postgresql mysql mariadb sqlite mongodb mongo dynamodb cassandra elasticsearch opensearch etcd consul vault
  kafka rabbitmq nats zeromq zmq sqs sns pubsub mqtt amqp grpc graphql rest soap websocket websockets sse webhook webhooks http https tls ssl mtls
  jwt oauth oauth2 oidc saml ldap bcrypt argon2 scrypt hmac sha256 rsa aes totp csrf cors
  prometheus grafana opentelemetry otel jaeger zipkin datadog sentry statsd loki
  slack email smtp sms twilio sendgrid pagerduty teams discord telegram
  docker kubernetes k8s helm terraform ansible nginx celery rq cron crontab airflow
  selenium playwright puppeteer cypress pytest jest vitest mocha unittest hypothesis
  s3 gcs azure aws gcp lambda cloudflare
  backoff jitter throttling throttle debounce pagination memoization idempotency idempotent retry retries ratelimit
  gzip zstd brotli lz4 snappy base64 uuid cicd sla`.split(/\s+/),
);

/** One concrete term of a statement and the ways code may spell it. */
export interface Term {
  /** As written (lower case). */
  word: string;
  /** Stems any of which, found in code, count as the term. */
  stems: string[];
  /**
   * A name the code must contain as such: a code span, an item of a
   * parenthesised enumeration ("(create, update, delete)"), a technology or
   * format ("JUnit", "Redis"), or a proper name written with inner capitals
   * or as an acronym. Ordinary words ("lifecycle", "discovery") describe and
   * may be spelled differently in code.
   */
  required: boolean;
  /** From an inline code span. */
  code: boolean;
  /** Why it is required: an enumerated item, a technology, or a proper name (`SPARC`, `NetBox`). */
  kind?: 'enumerated' | 'technology' | 'name' | 'compound';
}

/** `JUnit`, `WebSocket`, `SQLite`, `CPU`, `HTML`: written as a name, not as a word. */
function writtenAsName(raw: string): boolean {
  return /^[A-Z0-9]{2,}s?$/.test(raw) || /^[A-Za-z][a-z0-9]*[A-Z]/.test(raw);
}

/**
 * A light suffix stripper (in the spirit of Porter's first steps) so that
 * "serialization", "serialize" and "serializer" meet at "serializ", and
 * "monitoring" meets "monitor". Stems are compared for equality or as
 * prefixes of at least five letters (see `stemsMatch`).
 */
export function stem(word: string): string {
  // Code indexes stem every word of every file: the same few thousand words, many times over.
  const hit = stemCache.get(word);
  if (hit !== undefined) return hit;
  const out = stemUncached(word);
  remember(stemCache, word, out);
  return out;
}

/** Pure functions of a word are memoised; past this many entries a cache starts over, so memory stays bounded. */
const MAX_CACHED_WORDS = 200_000;
const stemCache = new Map<string, string>();
const wordsCache = new Map<string, readonly string[]>();

function remember<V>(cache: Map<string, V>, key: string, value: V): void {
  if (cache.size >= MAX_CACHED_WORDS) cache.clear();
  cache.set(key, value);
}

function stemUncached(word: string): string {
  let w = word.toLowerCase();
  if (w.length <= 3) return w;
  const rules: [RegExp, string][] = [
    [/ies$/, 'y'],
    [/(ss)es$/, '$1'],
    // "fixes", "boxes", "patches", "pushes": the plural's "es" follows the sound, not an "e" of the word.
    [/(x|ch|sh|zz)es$/, '$1'],
    [/([^s])s$/, '$1'],
  ];
  for (const [re, to] of rules) if (re.test(w)) { w = w.replace(re, to); break; }
  const suffixes = ['isation', 'ization', 'ational', 'ation', 'ition', 'ement', 'ment', 'ness', 'ility', 'ibility', 'ing', 'ion', 'ed', 'er', 'or', 'ity', 'ive', 'able', 'ible', 'ise', 'ize', 'al', 'ic', 'ly', 'y', 'e'];
  // A second suffix only comes off a long word ("serializations" → "serializ", never "series" → "seri").
  for (let round = 0; round < 2; round++) {
    const s = suffixes.find((x) => w.endsWith(x) && w.length - x.length >= (round === 0 ? 4 : 6));
    if (!s) break;
    w = w.slice(0, -s.length);
  }
  return w;
}

/** Whether a statement's stem and a code word's stem name the same thing. */
export function stemsMatch(term: string, code: string): boolean {
  if (term === code) return true;
  const [short, long] = term.length <= code.length ? [term, code] : [code, term];
  return short.length >= 5 && long.startsWith(short);
}

/** Splits an identifier into lower-case words: `getHTTPClient` → get, http, client; `sync_all_crds` → sync, all, crds. */
export function identifierWords(id: string): readonly string[] {
  const hit = wordsCache.get(id);
  if (hit) return hit;
  const out = identifierWordsUncached(id);
  remember(wordsCache, id, out);
  return out;
}

function identifierWordsUncached(id: string): string[] {
  return id
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .split(/[^A-Za-z0-9]+/)
    .filter((w) => w.length > 0 && !/^\d+$/.test(w))
    .map((w) => w.toLowerCase());
}

function termOf(word: string, required: boolean, code: boolean): Term {
  const w = word.toLowerCase();
  const stems = new Set<string>([stem(w)]);
  for (const a of ABBREVIATIONS[w] ?? []) stems.add(a);
  return { word: w, stems: [...stems], required, code };
}

export interface StatementTerms {
  terms: Term[];
  /** The statement reports an outcome (validated, passing, deployed): not a capability. */
  outcome: boolean;
  /** Words dropped as framing or judgement, for the reason text. */
  framing: string[];
}

/** Is the word only framing or function vocabulary? */
function isFramingWord(w: string): boolean {
  const l = w.toLowerCase();
  return FUNCTION_WORDS.has(l) || FRAMING_WORDS.has(l) || CAPABILITY_VERBS.has(l);
}

/**
 * The concrete terms of a capability statement. `text` is the statement's
 * plain text (inline code kept in backticks). Enumerations — a parenthesised
 * list, or a comma list after a colon — make each of their items required.
 */
export function statementTerms(text: string): StatementTerms {
  const framing: string[] = [];
  const terms: Term[] = [];
  const seen = new Set<string>();
  let outcome = false;
  const enumerated = new Set<string>();
  // A parenthesised list names its items one by one: each one-word item must be there.
  for (const m of text.matchAll(/\(([^()]*,[^()]*)\)/g)) {
    for (const item of m[1]!.split(/,|\band\b|\bor\b/)) {
      const words = item.replace(/`/g, '').trim().split(/\s+/).filter((x) => /[A-Za-z]/.test(x));
      if (words.length === 1) enumerated.add(words[0]!.toLowerCase().replace(/[^a-z0-9_/+-]/g, ''));
    }
  }
  const push = (raw: string, code: boolean, compound = false) => {
    for (const part of code ? identifierWords(raw) : [raw]) {
      const w = part.toLowerCase();
      if (!w || seen.has(w) || /^\d/.test(w)) continue;
      if (!code && OUTCOME_WORDS.has(w)) outcome = true;
      // A noun in a hyphenated compound ("multi-agent", "tamper-proof") names the specific thing claimed; a participle
      // ("auto-generated", "rate-limited") describes it.
      const compoundNoun = compound && !/(?:ed|ing)$/.test(w);
      const kind = enumerated.has(w) ? 'enumerated' : TECHNOLOGIES.has(w) ? 'technology' : !code && writtenAsName(part) ? 'name' : compoundNoun ? 'compound' : undefined;
      const named = code || kind !== undefined;
      if (!code && !enumerated.has(w) && isFramingWord(w)) {
        framing.push(w);
        continue;
      }
      if (!code && OUTCOME_WORDS.has(w)) continue;
      if (w.length < 2) continue;
      seen.add(w);
      terms.push({ ...termOf(w, named, code), ...(kind ? { kind } : {}) });
    }
  };
  // Code spans are names the code must contain, whole.
  for (const m of text.matchAll(/`([^`]+)`/g)) {
    const span = m[1]!.trim();
    // A lower-case word in a code span is a library or module the code must use (`hashlib`, `uuid`). Names of
    // classes and functions (`SyncResult`, `sync()`) are the symbol kinds' business, and a path is the scope.
    if (/^[a-z][a-z0-9]*$/.test(span)) push(span, true);
  }
  // Paths say where, not what (`app/models/user.py`, `docs/`): they are the scope, never terms.
  const prose = text
    .replace(/`[^`]*`/g, ' ')
    .replace(/\*\*/g, ' ')
    .replace(/(?<![\w/])(?:[\w.-]+\/)+[\w.-]*|(?<![\w/])[\w.-]+\.(?:py|pyi|go|ts|tsx|js|jsx|mjs|cjs|json|ya?ml|toml|md|txt|lock|mod|sum|cfg|ini|env|sh|sql|html?|css|xml|csv|log)\b/gi, ' ');
  for (const token of prose.split(/[^A-Za-z0-9_/+#-]+/)) {
    if (!token) continue;
    // An identifier written in prose (`select_related`, `bulk_create`) is a name the code spells whole.
    if (/^[A-Za-z][A-Za-z0-9]*_[A-Za-z0-9_]+$/.test(token)) {
      const w = token.toLowerCase();
      if (!seen.has(w)) {
        seen.add(w);
        terms.push({ word: w, stems: [w], required: true, code: true, ...(enumerated.has(w) ? { kind: 'enumerated' as const } : {}) });
      }
      continue;
    }
    // "pub/sub", "CI/CD": a pair written as one; "multi-agent", "tamper-proof": compounds whose parts are looked up.
    if (/^[A-Za-z]{1,5}\/[A-Za-z]{1,5}$/.test(token)) {
      const [a, b] = token.toLowerCase().split('/') as [string, string];
      if (!seen.has(a + b)) {
        seen.add(a + b);
        terms.push({ word: token.toLowerCase(), stems: [a + b, `${a}+${b}`], required: enumerated.has(token.toLowerCase()) || TECHNOLOGIES.has(a + b), code: false });
      }
      continue;
    }
    const parts = token.split(/[-/]+/).filter((p) => /[A-Za-z]/.test(p));
    for (const part of parts) push(part, false, parts.length > 1 && token.includes('-'));
  }
  return { terms, outcome, framing };
}
