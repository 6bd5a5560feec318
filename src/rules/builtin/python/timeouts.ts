/**
 * Network calls and clients that can wait forever. Each rule resolves the
 * called name through the file's imports (`from requests import get as
 * fetch`, `import requests as r`) and assignments (`s = requests.Session()`)
 * before it decides. Each call is judged on its own: it is excused only by a
 * timeout that reaches it — its own argument (by keyword, position, or a
 * `**` dict whose keys are known), the session it is made on (a mounted
 * adapter or a replaced `request`), a `socket.setdefaulttimeout()` that runs
 * before it, or the other arm of a conditional on the caller's timeout. A
 * call with the same name elsewhere that passes a timeout excuses nothing.
 * Unknown `**kwargs` and test code stay quiet.
 */
import type { RawFinding, TreeContext, TreeRule } from '../../types.js';
import { lookupName, pythonFacts, type PyCall, type PyFacts, type PyKwSplat } from './facts.js';
import { callsOn, qualifyPath, resolveCallee, type Callee } from './qualify.js';

const REQUESTS_VERBS = ['get', 'post', 'put', 'patch', 'delete', 'head', 'options', 'request'];
const SESSION_VERBS = [...REQUESTS_VERBS, 'send'];

function factsOf(ctx: TreeContext): PyFacts | null {
  return ctx.tree.kind === 'tree-sitter' && ctx.tree.language === 'python' && !ctx.model.path.endsWith('.pyi') ? pythonFacts(ctx.tree.tree, ctx.text) : null;
}

/** Runs `visit` on every call whose callee resolves and whose keyword arguments are all known, collecting findings. */
function eachResolved(ctx: TreeContext, visit: (call: PyCall, callee: Callee, facts: PyFacts) => string | null): RawFinding[] {
  const facts = factsOf(ctx);
  if (!facts) return [];
  const out: RawFinding[] = [];
  for (const call of facts.calls) {
    // A timeout may be inside a **kwargs whose keys this file does not show.
    if (!keywordsKnown(facts, call)) continue;
    const callee = resolveCallee(facts, call);
    if (!callee) continue;
    const message = visit(call, callee, facts);
    if (message) out.push({ line: call.line, endLine: call.endLine, message });
  }
  return out;
}

/**
 * The keys a `**value` argument holds: written in place (`**{"timeout": 5}`),
 * or a name bound once, in the scope the call reads it from, to a dict literal
 * that nothing adds items to. Null when they cannot be known (a parameter, a
 * dict built elsewhere).
 */
function splatKeys(facts: PyFacts, call: PyCall, splat: PyKwSplat): string[] | null {
  if (splat.keys) return splat.keys;
  if (!splat.name) return null;
  const hit = lookupName(facts.scopes, call.scope, splat.name);
  const b = hit?.bindings.length === 1 ? hit.bindings[0]! : null;
  if (!b || b.kind !== 'assign' || !b.dictKeys) return null;
  if (facts.itemStores.has(splat.name) || ['update', 'setdefault', '__setitem__'].some((m) => callsOn(facts, splat.name!, m).length)) return null;
  return b.dictKeys;
}

function keywordsKnown(facts: PyFacts, call: PyCall): boolean {
  return call.kwSplats.every((s) => splatKeys(facts, call, s) !== null);
}

/** 'missing', 'none', or null when a timeout is given (by keyword, at a positional index, or in a `**` dict that holds it). */
function timeoutState(facts: PyFacts, call: PyCall, keyword: string, positional: number | null, noneValues = ['None']): 'missing' | 'none' | null {
  const v = call.keywords.get(keyword);
  if (v !== undefined) return noneValues.includes(v.replace(/\s+/g, '')) ? 'none' : null;
  if (positional !== null && call.args.length > positional) return call.args[positional]!.trim() === 'None' ? 'none' : null;
  if (call.starArgs) return null;
  for (const s of call.kwSplats) {
    const keys = splatKeys(facts, call, s);
    if (keys === null || keys.includes(keyword)) return null;
  }
  return 'missing';
}

/**
 * The call is one arm of a conditional on a timeout whose other arm makes the
 * same call with one (`if timeout is not None: create_connection(a, timeout)
 * else: create_connection(a)`): that arm runs only when the caller asked for
 * no timeout. Any other call of the same function, elsewhere in the scope,
 * with a timeout does not reach this one.
 */
function chosenWithoutTimeout(facts: PyFacts, call: PyCall, q: string, keyword: string, positional: number | null): boolean {
  const arms = call.branches.filter((b) => /timeout/i.test(b.conditions));
  if (!arms.length) return false;
  return facts.calls.some(
    (c) =>
      c !== call &&
      c.scope === call.scope &&
      c.branches.some((b) => arms.some((a) => a.at === b.at && a.arm !== b.arm)) &&
      keywordsKnown(facts, c) &&
      timeoutState(facts, c, keyword, positional) === null &&
      (resolveCallee(facts, c) as { q?: string } | null)?.q === q,
  );
}

/**
 * `socket.setdefaulttimeout(n)` (n not None) runs before the call: earlier in
 * the call's own scope, at module level above a module-level call, or
 * anywhere at module level or in another function for a call inside a
 * function (functions run after the module has been imported; a function
 * that sets the default is taken to set it for the program).
 */
function defaultTimeoutBefore(facts: PyFacts, call: PyCall): boolean {
  return facts.calls.some((c) => {
    if (c.name !== 'setdefaulttimeout' || !c.path || qualifyPath(facts, c.scope, c.path) !== 'socket.setdefaulttimeout') return false;
    if ((c.args[0] ?? c.keywords.get('timeout') ?? 'None').trim() === 'None') return false;
    if (c.scope === call.scope) return c.line < call.line;
    return call.scope !== 0;
  });
}

// ------------------------------------------------------------------ requests

export const requestsTimeout: TreeRule = {
  id: 'missing-timeout/python-requests',
  category: 'missing-timeout',
  severity: 'warning',
  languages: ['python'],
  scope: 'tree',
  docs: {
    summary: 'A requests call (module function or Session method) without a timeout, or with timeout=None.',
    why: 'requests has no default timeout: a server that accepts the connection and never answers blocks the call, and the worker or request handler that made it, forever.',
    fix: 'Pass timeout=(connect, read) on every call, e.g. requests.get(url, timeout=(5, 30)), or use a Session subclass or adapter that sets one.',
    references: ['https://requests.readthedocs.io/en/latest/user/advanced/#timeouts'],
    bad: [
      { note: 'no timeout', files: { 'sync.py': 'import requests\n\n\ndef fetch(url):\n    return requests.get(url).json()\n' } },
      { note: 'timeout=None through an alias', files: { 'sync.py': 'from requests import post as send\n\n\ndef push(url, body):\n    return send(url, json=body, timeout=None)\n' } },
      { note: 'a Session method', files: { 'sync.py': 'import requests\n\n\ndef fetch(url):\n    s = requests.Session()\n    return s.get(url)\n' } },
      {
        note: 'each call on its own: the timeout of the first call does not reach the second',
        files: {
          'inventory.py': `import requests

API = "https://inventory.example.net"


def load(item_id):
    meta = requests.get(f"{API}/items/{item_id}", timeout=10).json()
    blob = requests.get(meta["blob_url"])
    return meta, blob.content
`,
        },
      },
      {
        note: 'a ** dict whose keys are known and hold no timeout',
        files: {
          'forms.py': `from requests import post as send_form

FORM_OPTIONS = {"allow_redirects": False}


def submit(url, fields):
    return send_form(url, data=fields, **FORM_OPTIONS)
`,
        },
      },
    ],
    good: [
      {
        note: 'timeout given, passed through **kwargs, a session with a timeout adapter, a local function named get',
        files: {
          'sync.py': `import requests
from requests.adapters import HTTPAdapter


class TimeoutAdapter(HTTPAdapter):
    def send(self, request, **kwargs):
        kwargs.setdefault("timeout", 10)
        return super().send(request, **kwargs)


def fetch(url):
    return requests.get(url, timeout=(5, 30))


def wrapped(url, **kwargs):
    return requests.get(url, **kwargs)


def session_fetch(url):
    s = requests.Session()
    s.mount("https://", TimeoutAdapter())
    return s.get(url)


def get(url):
    return url


get("x")
`,
        },
      },
      { note: 'test code', files: { 'tests/test_api.py': 'import requests\n\n\ndef test_live():\n    requests.get("http://localhost")\n' } },
      {
        note: 'the timeout in a ** dict (written in place, bound once, or added by item), and a caller who asked for no timeout',
        files: {
          'probe.py': `import requests

PROBE = {"timeout": (2, 5), "allow_redirects": False}


def alive(url):
    return requests.head(url, **PROBE).ok


def alive_inline(url):
    return requests.head(url, **{"timeout": 3}).ok


def alive_built(url, seconds):
    options = {}
    options["timeout"] = seconds
    return requests.head(url, **options).ok


def download(url, timeout=None):
    if timeout is not None:
        return requests.get(url, timeout=timeout).content
    return requests.get(url).content
`,
        },
      },
    ],
  },
  check: (ctx) =>
    eachResolved(ctx, (call, callee, facts) => {
      let what: string;
      if (callee.kind === 'name') {
        const m = /^requests\.(\w+)$/.exec(callee.q);
        if (!m || !REQUESTS_VERBS.includes(m[1]!)) return null;
        what = `${callee.q}()`;
      } else {
        if (callee.cls !== 'requests.Session' || !SESSION_VERBS.includes(callee.method)) return null;
        // A mounted adapter or a replaced request/send may supply the timeout.
        if (callee.key && (callsOn(facts, callee.key, 'mount').length || facts.attrStores.some((s) => s.object?.join('.') === callee.key && (s.attr === 'request' || s.attr === 'send')))) return null;
        what = `${callee.key || 'requests.Session()'}.${callee.method}() on a requests.Session`;
      }
      const state = timeoutState(facts, call, 'timeout', null);
      if (state === 'missing' && callee.kind === 'name' && chosenWithoutTimeout(facts, call, callee.q, 'timeout', null)) return null;
      if (state === 'missing') return `${what} without timeout: requests waits forever for a server that never answers; pass timeout=(connect, read)`;
      if (state === 'none') return `${what} with timeout=None: the timeout is disabled and the call can wait forever`;
      return null;
    }),
};

// ------------------------------------------------------------------ urllib

export const urlopenTimeout: TreeRule = {
  id: 'missing-timeout/python-urlopen',
  category: 'missing-timeout',
  severity: 'warning',
  languages: ['python'],
  scope: 'tree',
  docs: {
    summary: 'urllib.request.urlopen() without a timeout.',
    why: 'Without timeout, urlopen uses the global socket default, which is no timeout at all unless the program sets one: a stalled server blocks the call forever.',
    fix: 'Pass timeout= (seconds), e.g. urlopen(url, timeout=10).',
    bad: [
      { files: { 'a.py': 'from urllib.request import urlopen\n\n\ndef get(url):\n    return urlopen(url).read()\n' } },
      { note: 'module imported under another name', files: { 'a.py': 'import urllib.request as ur\n\nur.urlopen("https://example.org", None)\n' } },
      {
        note: 'a default timeout set after the call does not reach it',
        files: { 'banner.py': 'import socket\nfrom urllib.request import urlopen\n\nBANNER = urlopen("https://status.example.org/banner.txt").read()\nsocket.setdefaulttimeout(15)\n' },
      },
    ],
    good: [
      {
        note: 'keyword or third positional timeout, a global default timeout',
        files: {
          'a.py': 'import urllib.request\n\nurllib.request.urlopen("https://example.org", timeout=5)\nurllib.request.urlopen("https://example.org", None, 5)\n',
          'b.py': 'import socket\nfrom urllib.request import urlopen\n\nsocket.setdefaulttimeout(10)\nurlopen("https://example.org")\n',
        },
      },
    ],
  },
  check: (ctx) =>
    eachResolved(ctx, (call, callee, facts) => {
      if (callee.kind !== 'name' || callee.q !== 'urllib.request.urlopen') return null;
      if (defaultTimeoutBefore(facts, call)) return null;
      const state = timeoutState(facts, call, 'timeout', 2);
      if (state === 'missing' && chosenWithoutTimeout(facts, call, callee.q, 'timeout', 2)) return null;
      if (state === 'missing') return 'urllib.request.urlopen() without timeout: it waits forever on a server that never answers (no default timeout unless socket.setdefaulttimeout is set)';
      if (state === 'none') return 'urllib.request.urlopen() with timeout=None: blocking without limit';
      return null;
    }),
};

// ------------------------------------------------------------------ kubernetes

export const kubernetesTimeout: TreeRule = {
  id: 'missing-timeout/python-kubernetes',
  category: 'missing-timeout',
  severity: 'warning',
  languages: ['python'],
  scope: 'tree',
  docs: {
    summary: 'A kubernetes client API call without _request_timeout, in a file whose client.Configuration is never given a timeout.',
    why: 'The kubernetes Python client sets no socket timeout by default: a stalled API server or a half-open connection hangs the call (and the worker running it) for minutes or forever.',
    fix: 'Pass _request_timeout=(connect, read) to each API call, e.g. api.list_namespaced_custom_object(..., _request_timeout=(5, 30)).',
    references: ['https://github.com/kubernetes-client/python/blob/master/examples/watch/timeout-settings.md'],
    bad: [
      {
        files: {
          'k8s.py': `from kubernetes import client


def list_switches(host):
    configuration = client.Configuration()
    configuration.host = host
    api = client.CustomObjectsApi(client.ApiClient(configuration))
    return api.list_namespaced_custom_object("fabric.example.com", "v1", "default", "switches")
`,
        },
      },
      { note: 'call on a freshly built API object', files: { 'k8s.py': 'from kubernetes import client\n\n\ndef version(api_client):\n    return client.VersionApi(api_client).get_code()\n' } },
    ],
    good: [
      {
        note: '_request_timeout given, or passed through **kwargs',
        files: {
          'k8s.py': `import kubernetes


def pods(ns, **kwargs):
    v1 = kubernetes.client.CoreV1Api()
    v1.list_namespaced_pod(ns, **kwargs)
    return v1.list_namespaced_pod(ns, _request_timeout=(5, 30))
`,
        },
      },
      {
        note: 'a timeout set on the Configuration',
        files: {
          'k8s.py': `from kubernetes import client

configuration = client.Configuration()
configuration.timeout = 30
api = client.CoreV1Api(client.ApiClient(configuration))
api.list_node()
`,
        },
      },
    ],
  },
  check: (ctx) => {
    const facts = factsOf(ctx);
    if (!facts) return [];
    // The reading: a Configuration that is given some timeout counts as configured.
    const configured = facts.attrStores.some((s) => /timeout/i.test(s.attr));
    if (configured) return [];
    return eachResolved(ctx, (call, callee, f) => {
      if (callee.kind !== 'method' || callee.method.startsWith('_') || callee.method === 'api_client') return null;
      const m = /^kubernetes\.client\.(\w+Api)$/.exec(callee.cls);
      if (!m) return null;
      const state = timeoutState(f, call, '_request_timeout', null);
      if (state !== 'missing') return state === 'none' ? `${m[1]}.${callee.method}() with _request_timeout=None: the call can hang forever` : null;
      return `${m[1]}.${callee.method}() without _request_timeout, and no timeout is set on the client Configuration in this file: a stalled API server hangs the call`;
    });
  },
};

// ------------------------------------------------------------------ socket

export const socketTimeout: TreeRule = {
  id: 'missing-timeout/python-socket',
  category: 'missing-timeout',
  severity: 'warning',
  languages: ['python'],
  scope: 'tree',
  docs: {
    summary: 'socket.create_connection() without timeout, or a TCP socket.socket() that is connected without settimeout().',
    why: 'Sockets block without limit by default: connect, recv and sendall on a peer that stops answering wait forever.',
    fix: 'Pass timeout= to create_connection, or call sock.settimeout(seconds) before connecting.',
    bad: [
      { files: { 'c.py': 'import socket\n\n\ndef ping(host):\n    conn = socket.create_connection((host, 80))\n    return conn.recv(10)\n' } },
      {
        note: 'socket connected without settimeout',
        files: { 'c.py': 'import socket\n\n\ndef ping(host):\n    s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)\n    s.connect((host, 80))\n    return s.recv(10)\n' },
      },
    ],
    good: [
      {
        note: 'timeouts set; a listening server socket; a UDP socket',
        files: {
          'c.py': `import socket


def ping(host):
    conn = socket.create_connection((host, 80), timeout=5)
    s = socket.socket()
    s.settimeout(5)
    s.connect((host, 80))
    return conn, s


def serve():
    srv = socket.socket()
    srv.bind(("", 8080))
    srv.listen()
    u = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    u.connect(("10.0.0.1", 53))
    return srv.accept()
`,
        },
      },
    ],
  },
  check: (ctx) => {
    const facts = factsOf(ctx);
    if (!facts) return [];
    const out: RawFinding[] = [];
    for (const call of facts.calls) {
      if (!call.path || !keywordsKnown(facts, call) || defaultTimeoutBefore(facts, call)) continue;
      const callee = resolveCallee(facts, call);
      if (!callee) continue;
      if (callee.kind === 'name' && callee.q === 'socket.create_connection') {
        const state = timeoutState(facts, call, 'timeout', 1);
        if (state === 'missing' && chosenWithoutTimeout(facts, call, callee.q, 'timeout', 1)) continue;
        if (state) out.push({ line: call.line, endLine: call.endLine, message: state === 'none' ? 'socket.create_connection() with timeout=None: blocking without limit' : 'socket.create_connection() without timeout: connect and every later recv/send can block forever' });
      }
      if (callee.kind === 'method' && callee.cls === 'socket.socket' && (callee.method === 'connect' || callee.method === 'connect_ex') && callee.key) {
        const creation = creationCall(facts, callee);
        const args = creation ? [...creation.args, ...creation.keywords.values()].join(' ') : '';
        // Datagram and Unix-domain sockets do not wait on a remote TCP peer in connect.
        if (!creation || /SOCK_DGRAM|SOCK_RAW|AF_UNIX|fileno/.test(args)) continue;
        if (callsOn(facts, callee.key, 'settimeout').length || callsOn(facts, callee.key, 'setblocking').length) continue;
        // Handed to other code before or after: that code may set the timeout.
        if (facts.calls.some((c) => c.args.some((a) => a.trim() === callee.key))) continue;
        out.push({ line: call.line, endLine: call.endLine, message: `${callee.key}.${callee.method}() on a socket.socket() that never gets settimeout(): connect and recv can block forever` });
      }
    }
    return out;
  },
};

/** The `socket.socket(...)` call whose result the method's receiver holds. */
function creationCall(facts: PyFacts, callee: Extract<Callee, { kind: 'method' }>): PyCall | null {
  const parts = callee.key.split('.');
  let line: number | undefined;
  if (parts.length === 1) line = facts.scopes[callee.scope]?.bindings.get(parts[0]!)?.[0]?.line;
  else line = facts.attrStores.find((s) => s.attr === parts[1] && s.callee)?.line;
  if (line === undefined) return null;
  return facts.calls.find((c) => c.line === line && c.path !== null && resolveCallee(facts, c)?.kind === 'name' && (resolveCallee(facts, c) as { q: string }).q === 'socket.socket') ?? null;
}

// ------------------------------------------------------------------ redis

const REDIS_CLIENTS = /^redis\.(asyncio\.)?(Strict)?Redis$/;
const REDIS_FROM_URL = /^redis\.(asyncio\.)?((Strict)?Redis\.)?from_url$/;

export const redisTimeout: TreeRule = {
  id: 'missing-timeout/python-redis',
  category: 'missing-timeout',
  severity: 'warning',
  languages: ['python'],
  scope: 'tree',
  docs: {
    summary: 'A redis client (Redis, StrictRedis, from_url) built without socket_timeout.',
    why: 'redis-py sets no socket timeout by default: a command sent to a stalled or partitioned server blocks forever.',
    fix: 'Pass socket_timeout= (and socket_connect_timeout=), e.g. redis.Redis(host, socket_timeout=5).',
    bad: [
      { files: { 'cache.py': 'import redis\n\nclient = redis.Redis(host="cache", port=6379)\n' } },
      { note: 'from_url', files: { 'cache.py': 'from redis import from_url\n\nclient = from_url("redis://cache:6379/0")\n' } },
    ],
    good: [
      {
        note: 'socket_timeout given, in the URL, via a connection pool, via **kwargs',
        files: {
          'cache.py': `import redis

a = redis.Redis(host="cache", socket_timeout=5)
b = redis.from_url("redis://cache:6379/0?socket_timeout=5")
pool = redis.ConnectionPool(host="cache", socket_timeout=5)
c = redis.Redis(connection_pool=pool)


def make(**options):
    return redis.StrictRedis(**options)
`,
        },
      },
    ],
  },
  check: (ctx) =>
    eachResolved(ctx, (call, callee, facts) => {
      if (callee.kind !== 'name') return null;
      const q = callee.q;
      if (REDIS_CLIENTS.test(q)) {
        if (call.keywords.has('connection_pool')) return null;
        const state = timeoutState(facts, call, 'socket_timeout', 4);
        if (state === 'missing' && chosenWithoutTimeout(facts, call, q, 'socket_timeout', 4)) return null;
        if (state) return `${q}() ${state === 'none' ? 'with socket_timeout=None' : 'without socket_timeout'}: commands on a stalled server block forever`;
      } else if (REDIS_FROM_URL.test(q)) {
        if (call.args.some((a) => a.includes('socket_timeout'))) return null;
        const state = timeoutState(facts, call, 'socket_timeout', null);
        if (state) return `${q}() ${state === 'none' ? 'with socket_timeout=None' : 'without socket_timeout'} (neither argument nor URL sets it): commands on a stalled server block forever`;
      }
      return null;
    }),
};

// ------------------------------------------------------------------ smtplib, ftplib, http.client

/** Index of the positional `timeout` parameter (the lowest across Python 3.8-3.13, so a positional timeout is never missed). */
const STDLIB_CLIENTS: Record<string, { index: number; needsHost?: boolean }> = {
  'smtplib.SMTP': { index: 3 },
  'smtplib.SMTP_SSL': { index: 3 },
  'smtplib.LMTP': { index: 4 },
  'ftplib.FTP': { index: 4, needsHost: true },
  'ftplib.FTP_TLS': { index: 7, needsHost: true },
  'http.client.HTTPConnection': { index: 2 },
  'http.client.HTTPSConnection': { index: 2 },
};

export const stdlibClientTimeout: TreeRule = {
  id: 'missing-timeout/python-smtplib-ftplib-httpclient',
  category: 'missing-timeout',
  severity: 'warning',
  languages: ['python'],
  scope: 'tree',
  docs: {
    summary: 'smtplib.SMTP/SMTP_SSL/LMTP, ftplib.FTP/FTP_TLS or http.client.HTTP(S)Connection without timeout.',
    why: 'These clients fall back to the global socket default, which is no timeout unless the program sets one: a server that stops answering blocks the caller forever.',
    fix: 'Pass timeout= (seconds) to the constructor.',
    bad: [
      { files: { 'mail.py': 'import smtplib\n\n\ndef send(msg):\n    with smtplib.SMTP("mail.example.org", 587) as s:\n        s.send_message(msg)\n' } },
      { files: { 'h.py': 'from http.client import HTTPSConnection\n\nconn = HTTPSConnection("api.example.org")\n' } },
    ],
    good: [
      {
        note: 'timeout given; FTP() without host connects later with connect(timeout=...)',
        files: {
          'mail.py': 'import ftplib\nimport smtplib\nimport http.client\n\nsmtplib.SMTP("mail.example.org", 587, timeout=10)\nhttp.client.HTTPConnection("example.org", 80, 10)\nftp = ftplib.FTP()\nftp.connect("ftp.example.org", 21, timeout=10)\n',
        },
      },
    ],
  },
  check: (ctx) => {
    const facts = factsOf(ctx);
    if (!facts) return [];
    return eachResolved(ctx, (call, callee, f) => {
      if (defaultTimeoutBefore(f, call)) return null;
      if (callee.kind !== 'name') return null;
      const spec = STDLIB_CLIENTS[callee.q];
      if (!spec) return null;
      if (spec.needsHost && call.args.length === 0 && !call.keywords.has('host')) return null;
      const state = timeoutState(f, call, 'timeout', spec.index);
      if (state === 'missing' && chosenWithoutTimeout(f, call, callee.q, 'timeout', spec.index)) return null;
      if (state === 'missing') return `${callee.q}() without timeout: a server that stops answering blocks the caller forever`;
      if (state === 'none') return `${callee.q}() with timeout=None: blocking without limit`;
      return null;
    });
  },
};

// ------------------------------------------------------------------ httpx

const HTTPX_FUNCS = /^httpx\.(get|post|put|patch|delete|head|options|request|stream|Client|AsyncClient)$/;
const HTTPX_CLIENT = /^httpx\.(Async)?Client$/;

export const httpxNoneTimeout: TreeRule = {
  id: 'missing-timeout/python-httpx-none',
  category: 'missing-timeout',
  severity: 'warning',
  languages: ['python'],
  scope: 'tree',
  docs: {
    summary: 'An httpx call or client with timeout=None (httpx.Timeout(None)).',
    why: 'httpx times out after 5 seconds by default; timeout=None removes that limit, so a stalled server blocks the call forever.',
    fix: 'Leave the default, or give a finite timeout such as httpx.Timeout(10.0, connect=5.0).',
    bad: [
      { files: { 'h.py': 'import httpx\n\nr = httpx.get("https://example.org", timeout=None)\n' } },
      { note: 'a client without limit', files: { 'h.py': 'import httpx\n\nclient = httpx.Client(timeout=httpx.Timeout(None))\n' } },
    ],
    good: [{ note: 'httpx defaults to 5 s; finite timeouts', files: { 'h.py': 'import httpx\n\nhttpx.get("https://example.org")\nc = httpx.Client(timeout=10)\nc.get("/x")\n' } }],
  },
  check: (ctx) =>
    eachResolved(ctx, (call, callee, facts) => {
      const what = callee.kind === 'name' ? (HTTPX_FUNCS.test(callee.q) ? `${callee.q}()` : null) : HTTPX_CLIENT.test(callee.cls) ? `${callee.key || callee.cls}.${callee.method}()` : null;
      if (!what) return null;
      const state = timeoutState(facts, call, 'timeout', null, ['None', 'httpx.Timeout(None)', 'Timeout(None)']);
      return state === 'none' ? `${what} with timeout=None: httpx's 5-second default is disabled and the call can wait forever` : null;
    }),
};

export const timeoutRules: TreeRule[] = [requestsTimeout, urlopenTimeout, kubernetesTimeout, socketTimeout, redisTimeout, stdlibClientTimeout, httpxNoneTimeout];
