/**
 * missing-timeout rules for Go: network clients, servers and dials that can
 * wait forever. Every name is resolved through the file's imports (a local
 * variable called `http` is not net/http), and a literal whose timeout is
 * assigned after it (`c.Timeout = 10 * time.Second`, which gosec G112 misses)
 * is not reported. Test files are skipped, and so are test-helper packages
 * (named `…test` by Go convention, like net/http/httptest): servers and
 * clients without timeouts are ordinary there.
 */
import type { RawFinding, TreeContext, TreeRule } from '../../types.js';
import { fieldChild, goMirror, namedChildren, stringValue, textOf, unparen, walkNamed, type GNode, type GoMirror } from './mirror.js';
import { goFileFacts, type QualifiedRef } from './scope.js';
import { hasGoSyntaxErrors } from './syntax.js';
import { inIgnoredGoDir } from './tree.js';

interface TimeoutCtx {
  m: GoMirror;
  refs: QualifiedRef[];
  /** Left-hand sides of every `=` assignment in the file, whitespace removed. */
  assigned: string[];
}

const ctxCache = new WeakMap<object, TimeoutCtx | null>();

function timeoutCtx(ctx: TreeContext): TimeoutCtx | null {
  if (ctx.tree.kind !== 'tree-sitter' || ctx.tree.language !== 'go') return null;
  const tree = ctx.tree.tree;
  if (ctxCache.has(tree)) return ctxCache.get(tree)!;
  let out: TimeoutCtx | null = null;
  if (!inIgnoredGoDir(ctx.model.path) && !hasGoSyntaxErrors(tree, ctx.text)) {
    const facts = goFileFacts(tree, ctx.text);
    // Packages named `…test` (httptest, iotest) are test helpers by Go convention: their servers serve tests.
    if (facts.packageName && /.test$/.test(facts.packageName)) {
      ctxCache.set(tree, null);
      return null;
    }
    const m = goMirror(tree, ctx.text);
    const assigned: string[] = [];
    if (facts.refs.length > 0) {
      walkNamed(m.root, (n) => {
        if (n.type !== 'assignment_statement') return;
        const left = fieldChild(n, 'left');
        for (const t of left ? namedChildren(left) : []) assigned.push(textOf(m, t).replace(/\s+/g, ''));
      });
    }
    out = { m, refs: facts.refs, assigned };
  }
  ctxCache.set(tree, out);
  return out;
}

/** The call whose callee is exactly `node`, or null. */
function callOf(node: GNode): GNode | null {
  const p = node.parent;
  return p && p.type === 'call_expression' && p.children.some((c) => c === node && c.field === 'function') ? p : null;
}

function args(call: GNode): GNode[] {
  const list = fieldChild(call, 'arguments');
  return list ? namedChildren(list).filter((c) => c.type !== 'comment') : [];
}

/** Keys of a composite literal, e.g. `Timeout` in `http.Client{Timeout: t}`, with their value nodes. */
function literalKeys(m: GoMirror, lit: GNode): Map<string, GNode | null> {
  const keys = new Map<string, GNode | null>();
  const body = fieldChild(lit, 'body');
  for (const el of body ? namedChildren(body) : []) {
    if (el.type !== 'keyed_element') continue;
    const key = fieldChild(el, 'key');
    const value = fieldChild(el, 'value');
    if (key) keys.set(textOf(m, key).trim(), value ? unwrapElement(value) : null);
  }
  return keys;
}

function unwrapElement(n: GNode): GNode {
  return n.type === 'literal_element' && namedChildren(n).length === 1 ? namedChildren(n)[0]! : n;
}

/**
 * What a composite literal is stored into: `c` for `c := &http.Client{}`,
 * `s.client` for `s.client = …`, `*.client` for a field of an enclosing
 * literal, null when it is returned or passed on.
 */
function storedInto(m: GoMirror, lit: GNode): string | null {
  let e = lit;
  while (e.parent && (e.parent.type === 'unary_expression' || e.parent.type === 'parenthesized_expression')) e = e.parent;
  const p = e.parent;
  if (!p) return null;
  if (p.type === 'literal_element' && p.field === 'value' && p.parent?.type === 'keyed_element') {
    const key = fieldChild(p.parent, 'key');
    return key ? '*.' + textOf(m, key).trim() : null;
  }
  if (p.type !== 'expression_list') return null;
  const holder = p.parent;
  if (!holder) return null;
  const i = namedChildren(p).indexOf(e);
  if (holder.type === 'short_var_declaration' || holder.type === 'assignment_statement') {
    const left = fieldChild(holder, 'left');
    const t = left ? namedChildren(left)[i] : undefined;
    return t ? textOf(m, t).replace(/\s+/g, '') : null;
  }
  if (holder.type === 'var_spec') {
    const names = holder.children.filter((c) => c.field === 'name' && c.named);
    return names[i] ? textOf(m, names[i]!) : null;
  }
  return null;
}

/** True when the file assigns any of `fields` on what the literal was stored into (or, when that is unknown, on anything). */
function assignedLater(tc: TimeoutCtx, target: string | null, fields: string[]): boolean {
  return tc.assigned.some((a) => {
    const dot = a.lastIndexOf('.');
    if (dot < 0 || !fields.includes(a.slice(dot + 1))) return false;
    const base = a.slice(0, dot);
    if (target === null) return true;
    if (target.startsWith('*.')) return base.endsWith(target.slice(1));
    return base === target || base === `(*${target})`;
  });
}

function refsTo(tc: TimeoutCtx, pkg: string, members: string[]): QualifiedRef[] {
  return tc.refs.filter((r) => r.imp.path === pkg && members.includes(r.member));
}

/** Composite literals `pkg.Type{…}` (with or without `&`) and `new(pkg.Type)`. */
function literalsOf(tc: TimeoutCtx, pkg: string, type: string): GNode[] {
  const out: GNode[] = [];
  for (const r of refsTo(tc, pkg, [type])) {
    if (r.node.type !== 'qualified_type') continue;
    const p = r.node.parent;
    if (p?.type === 'composite_literal' && r.node.field === 'type') out.push(p);
    else if (p?.type === 'argument_list' && p.parent?.type === 'call_expression') {
      const fn = fieldChild(p.parent, 'function');
      if (fn && textOf(tc.m, fn) === 'new') out.push(p.parent);
    }
  }
  return out;
}

function base(id: string, summary: string, docs: Omit<TreeRule['docs'], 'summary'>, check: (tc: TimeoutCtx) => RawFinding[]): TreeRule {
  return {
    id,
    category: 'missing-timeout',
    severity: 'warning',
    languages: ['go'],
    scope: 'tree',
    docs: { summary, ...docs },
    check(ctx) {
      const tc = timeoutCtx(ctx);
      return tc && tc.refs.length > 0 ? check(tc) : [];
    },
  };
}

const line = (tc: TimeoutCtx, n: GNode) => tc.m.lineAt(n.start);

const DEFAULT_CLIENT_FUNCS = ['Get', 'Post', 'Head', 'PostForm'];
const CLIENT_METHODS = ['Do', 'Get', 'Post', 'Head', 'PostForm'];

export const goHttpDefaultClientRule = base(
  'missing-timeout/go-http-default-client',
  'http.Get/Post/Head/PostForm and http.DefaultClient, whose requests have no timeout.',
  {
    why: 'These use http.DefaultClient, whose Timeout is zero: a server that accepts the connection and never answers holds the goroutine (and whatever waits on it) forever.',
    fix: 'Use a client with a timeout (`client := &http.Client{Timeout: 10 * time.Second}`), or a request built with `http.NewRequestWithContext` and a context with a deadline.',
    bad: [
      { files: { 'fetch.go': 'package fetch\n\nimport "net/http"\n\nfunc Status(url string) (int, error) {\n\tresp, err := http.Get(url)\n\tif err != nil {\n\t\treturn 0, err\n\t}\n\tdefer resp.Body.Close()\n\treturn resp.StatusCode, nil\n}\n' } },
      { files: { 'fetch.go': 'package fetch\n\nimport "net/http"\n\nfunc Do(req *http.Request) (*http.Response, error) {\n\treturn http.DefaultClient.Do(req)\n}\n' } },
    ],
    good: [
      { files: { 'fetch.go': 'package fetch\n\nimport (\n\t"net/http"\n\t"time"\n)\n\nvar client = &http.Client{Timeout: 10 * time.Second}\n\nfunc Status(url string) (*http.Response, error) {\n\treturn client.Get(url)\n}\n' } },
      { files: { 'fetch.go': 'package fetch\n\ntype getter struct{}\n\nfunc (getter) Get(string) error { return nil }\n\nfunc F() error {\n\thttp := getter{}\n\treturn http.Get("x")\n}\n' }, note: 'a local variable named http is not net/http' },
      { files: { 'fetch_test.go': 'package fetch\n\nimport (\n\t"net/http"\n\t"testing"\n)\n\nfunc TestGet(t *testing.T) {\n\t_, _ = http.Get("http://127.0.0.1:1")\n}\n' }, note: 'test file' },
      { files: { 'fetch.go': 'package fetch\n\nimport (\n\t"net/http"\n\t"time"\n)\n\nfunc init() { http.DefaultClient.Timeout = 5 * time.Second }\n\nfunc Get(u string) (*http.Response, error) { return http.Get(u) }\n' }, note: 'DefaultClient given a timeout in the same file' },
    ],
  },
  (tc) => {
    if (assignedLater(tc, 'http.DefaultClient', ['Timeout'])) return [];
    const out: RawFinding[] = [];
    for (const r of refsTo(tc, 'net/http', DEFAULT_CLIENT_FUNCS)) {
      if (r.node.type === 'selector_expression' && callOf(r.node)) out.push({ line: line(tc, r.node), message: `http.${r.member} uses http.DefaultClient, which has no timeout` });
    }
    for (const r of refsTo(tc, 'net/http', ['DefaultClient'])) {
      const sel = r.node.parent;
      if (sel?.type !== 'selector_expression') continue;
      const method = fieldChild(sel, 'field');
      const name = method ? textOf(tc.m, method) : '';
      if (CLIENT_METHODS.includes(name) && callOf(sel)) out.push({ line: line(tc, sel), message: `http.DefaultClient.${name} has no timeout` });
    }
    return out;
  },
);

/** Transport settings that bound a request even without Client.Timeout. */
const TRANSPORT_BOUNDS = ['ResponseHeaderTimeout', 'DialContext', 'Dial', 'DialTLSContext', 'DialTLS'];

export const goHttpClientRule = base(
  'missing-timeout/go-http-client',
  'An http.Client literal without Timeout (and without a Transport that bounds the wait).',
  {
    why: '`&http.Client{}` has no overall timeout: a request to a server that stops answering blocks forever. A Transport with ResponseHeaderTimeout or a dialer with a timeout bounds part of the wait and is accepted; a Transport kept in a variable or built by a function is assumed to be configured.',
    fix: 'Set `Timeout` in the literal or right after it (`c.Timeout = 30 * time.Second`).',
    bad: [
      { files: { 'client.go': 'package client\n\nimport "net/http"\n\nfunc New() *http.Client {\n\treturn &http.Client{}\n}\n' } },
      { files: { 'client.go': 'package client\n\nimport "net/http"\n\nvar c = http.Client{Transport: &http.Transport{MaxIdleConns: 10}}\n' }, note: 'a Transport literal with nothing that bounds the wait' },
      { files: { 'client.go': 'package client\n\nimport "net/http"\n\nfunc New() *http.Client {\n\tc := &http.Client{}\n\tc.CheckRedirect = nil\n\treturn c\n}\n' }, note: 'fields set later, but not the timeout' },
    ],
    good: [
      { files: { 'client.go': 'package client\n\nimport (\n\t"net/http"\n\t"time"\n)\n\nfunc New() *http.Client {\n\treturn &http.Client{Timeout: 30 * time.Second}\n}\n' } },
      { files: { 'client.go': 'package client\n\nimport (\n\t"net/http"\n\t"time"\n)\n\nfunc New() *http.Client {\n\tc := &http.Client{}\n\tc.Timeout = 30 * time.Second\n\treturn c\n}\n' }, note: 'Timeout assigned after the literal' },
      { files: { 'client.go': 'package client\n\nimport (\n\t"net/http"\n\t"time"\n)\n\nvar c = &http.Client{Transport: &http.Transport{ResponseHeaderTimeout: 5 * time.Second}}\n' }, note: 'Transport with ResponseHeaderTimeout' },
      { files: { 'client.go': 'package client\n\nimport "net/http"\n\nfunc New(rt http.RoundTripper) *http.Client {\n\treturn &http.Client{Transport: rt}\n}\n' }, note: 'a Transport configured elsewhere' },
      { files: { 'client.go': 'package client\n\nimport (\n\t"net/http"\n\t"time"\n)\n\ntype API struct{ hc *http.Client }\n\nfunc New() *API {\n\ta := &API{hc: &http.Client{}}\n\ta.hc.Timeout = time.Minute\n\treturn a\n}\n' }, note: 'a field of an enclosing literal, given its timeout later' },
    ],
  },
  (tc) => {
    const out: RawFinding[] = [];
    for (const lit of literalsOf(tc, 'net/http', 'Client')) {
      const keys = lit.type === 'composite_literal' ? literalKeys(tc.m, lit) : new Map<string, GNode | null>();
      if (keys.has('Timeout')) continue;
      const transport = keys.get('Transport');
      if (transport !== undefined && !(transport && transportUnbounded(tc, transport))) continue;
      const target = storedInto(tc.m, lit);
      if (assignedLater(tc, target, ['Timeout', 'Transport'])) continue;
      out.push({ line: line(tc, lit), message: 'http.Client without Timeout: requests can hang forever' });
    }
    return out;
  },
);

/** True for an inline `&http.Transport{…}` that sets nothing bounding the wait. */
function transportUnbounded(tc: TimeoutCtx, value: GNode): boolean {
  const v = unparen(value.type === 'unary_expression' ? (fieldChild(value, 'operand') ?? value) : value);
  if (v.type !== 'composite_literal') return false;
  const type = fieldChild(v, 'type');
  if (!type || textOf(tc.m, type).replace(/\s+/g, '') !== 'http.Transport') return false;
  const keys = literalKeys(tc.m, v);
  return !TRANSPORT_BOUNDS.some((k) => keys.has(k));
}

const SERVER_FUNCS = ['ListenAndServe', 'ListenAndServeTLS', 'Serve', 'ServeTLS'];

export const goHttpServerRule = base(
  'missing-timeout/go-http-server',
  'An HTTP server without ReadHeaderTimeout/ReadTimeout: http.ListenAndServe(TLS), http.Serve, or an http.Server literal never given one.',
  {
    why: 'A server without a read timeout keeps a connection (and its goroutine) open for as long as a client trickles its headers: a handful of slow clients exhaust it (Slowloris). http.ListenAndServe and http.Serve use a Server with no timeouts at all. Fields assigned after the literal (`srv.ReadHeaderTimeout = …`) count, which gosec G112 misses. Test files and test-helper packages (named like httptest) are not checked.',
    fix: 'Use an `http.Server{Addr: addr, Handler: h, ReadHeaderTimeout: 10 * time.Second}` and call its ListenAndServe.',
    bad: [
      { files: { 'main.go': 'package main\n\nimport "net/http"\n\nfunc main() {\n\t_ = http.ListenAndServe(":8080", nil)\n}\n' } },
      { files: { 'main.go': 'package main\n\nimport "net/http"\n\nfunc main() {\n\tsrv := &http.Server{Addr: ":8080"}\n\t_ = srv.ListenAndServe()\n}\n' } },
    ],
    good: [
      { files: { 'main.go': 'package main\n\nimport (\n\t"net/http"\n\t"time"\n)\n\nfunc main() {\n\tsrv := &http.Server{Addr: ":8080", ReadHeaderTimeout: 10 * time.Second}\n\t_ = srv.ListenAndServe()\n}\n' } },
      { files: { 'main.go': 'package main\n\nimport (\n\t"net/http"\n\t"time"\n)\n\nfunc main() {\n\tsrv := &http.Server{Addr: ":8080"}\n\tsrv.ReadTimeout = 30 * time.Second\n\t_ = srv.ListenAndServe()\n}\n' }, note: 'timeout assigned after the literal (gosec G112 misses this)' },
      { files: { 'main_test.go': 'package main\n\nimport (\n\t"net/http"\n\t"testing"\n)\n\nfunc TestServe(t *testing.T) {\n\tgo http.ListenAndServe("127.0.0.1:0", nil)\n}\n' }, note: 'test file' },
      { files: { 'fakeapi/server.go': 'package apitest\n\nimport (\n\t"net"\n\t"net/http"\n)\n\nfunc Serve(l net.Listener, h http.Handler) error {\n\ts := &http.Server{Handler: h}\n\treturn s.Serve(l)\n}\n' }, note: 'a test-helper package (named …test, like httptest)' },
    ],
  },
  (tc) => {
    const out: RawFinding[] = [];
    for (const r of refsTo(tc, 'net/http', SERVER_FUNCS)) {
      if (r.node.type === 'selector_expression' && callOf(r.node)) out.push({ line: line(tc, r.node), message: `http.${r.member} serves with no read timeouts` });
    }
    for (const lit of literalsOf(tc, 'net/http', 'Server')) {
      const keys = lit.type === 'composite_literal' ? literalKeys(tc.m, lit) : new Map<string, GNode | null>();
      if (keys.has('ReadHeaderTimeout') || keys.has('ReadTimeout')) continue;
      if (assignedLater(tc, storedInto(tc.m, lit), ['ReadHeaderTimeout', 'ReadTimeout'])) continue;
      out.push({ line: line(tc, lit), message: 'http.Server without ReadHeaderTimeout or ReadTimeout' });
    }
    return out;
  },
);

/** Networks where dialing waits on a remote peer. */
function connectionOriented(tc: TimeoutCtx, call: GNode): boolean {
  const first = args(call)[0];
  if (!first) return true;
  const nets = possibleStrings(tc, first, call);
  return nets === null || nets.some((n) => !/^(udp|unix|ip)/.test(n));
}

/** The composite literal a local variable is declared with (`xs := []string{…}`) before `at`, in the same function. */
function localLiteral(tc: TimeoutCtx, id: GNode, at: GNode): GNode | null {
  const name = textOf(tc.m, id);
  let fn: GNode | null = at;
  while (fn && fn.type !== 'function_declaration' && fn.type !== 'method_declaration' && fn.type !== 'func_literal') fn = fn.parent;
  if (!fn) return null;
  let found: GNode | null = null;
  walkNamed(fn, (n) => {
    if (found || n.start >= at.start) return false;
    if (n.type !== 'short_var_declaration') return;
    const left = fieldChild(n, 'left');
    const right = fieldChild(n, 'right');
    const l = left ? namedChildren(left) : [];
    const r = right ? namedChildren(right) : [];
    if (l.length === 1 && r.length === 1 && textOf(tc.m, l[0]!) === name && r[0]!.type === 'composite_literal') found = r[0]!;
    return false;
  });
  return found;
}

/**
 * The string values an argument can take when the code shows them: a literal,
 * or a variable ranging over a literal list (`for _, network := range
 * []string{"unixgram", "unix"}`). Null when unknown.
 */
function possibleStrings(tc: TimeoutCtx, arg: GNode, at: GNode): string[] | null {
  const lit = stringValue(tc.m, arg);
  if (lit !== null) return [lit];
  if (arg.type !== 'identifier') return null;
  const name = textOf(tc.m, arg);
  for (let p = at.parent; p; p = p.parent) {
    if (p.type !== 'for_statement') continue;
    const clause = namedChildren(p).find((c) => c.type === 'range_clause');
    const left = clause ? fieldChild(clause, 'left') : null;
    let right = clause ? fieldChild(clause, 'right') : null;
    const vars = left ? namedChildren(left).map((v) => textOf(tc.m, v)) : [];
    if (!right || vars[vars.length - 1] !== name || vars.length !== 2) continue;
    if (right.type === 'identifier') right = localLiteral(tc, right, p);
    if (right?.type !== 'composite_literal') return null;
    const body = fieldChild(right, 'body');
    const values = (body ? namedChildren(body) : []).map((e) => stringValue(tc.m, unwrapElement(e)));
    return values.length > 0 && values.every((v) => v !== null) ? (values as string[]) : null;
  }
  return null;
}

export const goNetDialRule = base(
  'missing-timeout/go-net-dial',
  'net.Dial, net.DialTCP and tls.Dial, which have no connect timeout.',
  {
    why: 'Without a timeout a dial to an unreachable host waits for the operating system to give up, which takes minutes (about two on Linux for TCP), or longer behind some firewalls. UDP, unix and ip dials do not wait on a peer and are not reported.',
    fix: 'Use `net.DialTimeout(network, addr, 5*time.Second)`, a `net.Dialer{Timeout: …}` (or its DialContext with a deadline), or `tls.DialWithDialer`.',
    bad: [
      { files: { 'conn.go': 'package conn\n\nimport "net"\n\nfunc Open(addr string) (net.Conn, error) {\n\treturn net.Dial("tcp", addr)\n}\n' } },
      { files: { 'conn.go': 'package conn\n\nimport "crypto/tls"\n\nfunc Open(addr string) (*tls.Conn, error) {\n\treturn tls.Dial("tcp", addr, &tls.Config{})\n}\n' } },
    ],
    good: [
      { files: { 'conn.go': 'package conn\n\nimport (\n\t"net"\n\t"time"\n)\n\nfunc Open(addr string) (net.Conn, error) {\n\treturn net.DialTimeout("tcp", addr, 5*time.Second)\n}\n' } },
      { files: { 'conn.go': 'package conn\n\nimport "net"\n\nfunc Open(addr string) (net.Conn, error) {\n\treturn net.Dial("udp", addr)\n}\n' }, note: 'UDP does not wait on a peer' },
      { files: { 'conn.go': 'package conn\n\nimport "net"\n\nfunc Local() (net.Conn, error) {\n\tfor _, network := range []string{"unixgram", "unix"} {\n\t\tif c, err := net.Dial(network, "/dev/log"); err == nil {\n\t\t\treturn c, nil\n\t\t}\n\t}\n\treturn nil, nil\n}\n' }, note: 'unix sockets chosen from a literal list' },
      { files: { 'conn.go': 'package conn\n\nimport (\n\t"context"\n\t"net"\n\t"time"\n)\n\nfunc Open(ctx context.Context, addr string) (net.Conn, error) {\n\td := net.Dialer{Timeout: 5 * time.Second}\n\treturn d.DialContext(ctx, "tcp", addr)\n}\n' } },
    ],
  },
  (tc) => {
    const out: RawFinding[] = [];
    for (const r of [...refsTo(tc, 'net', ['Dial', 'DialTCP']), ...refsTo(tc, 'crypto/tls', ['Dial'])]) {
      if (r.node.type !== 'selector_expression') continue;
      const call = callOf(r.node);
      if (!call || (r.member === 'Dial' && !connectionOriented(tc, call))) continue;
      const pkg = r.imp.path === 'crypto/tls' ? 'tls' : 'net';
      out.push({ line: line(tc, r.node), message: `${pkg}.${r.member} has no timeout: an unreachable host blocks for minutes` });
    }
    return out;
  },
);

const GRPC = 'google.golang.org/grpc';

export const goGrpcDialRule = base(
  'missing-timeout/go-grpc-dial',
  'A blocking gRPC dial (grpc.WithBlock) with neither grpc.WithTimeout nor a context with a deadline.',
  {
    why: 'With grpc.WithBlock, grpc.Dial and grpc.DialContext wait until the connection is up; with no timeout option and a context without deadline (context.Background(), context.TODO()), a server that is down blocks the caller forever. Without WithBlock the dial returns at once and is not reported; options passed as a slice (`opts...`) cannot be seen and are not reported.',
    fix: 'Dial with `ctx, cancel := context.WithTimeout(ctx, 5*time.Second)` and grpc.DialContext, or drop WithBlock and give each RPC a deadline.',
    bad: [
      { files: { 'rpc.go': 'package rpc\n\nimport "google.golang.org/grpc"\n\nfunc Connect(addr string) (*grpc.ClientConn, error) {\n\treturn grpc.Dial(addr, grpc.WithInsecure(), grpc.WithBlock())\n}\n' } },
      { files: { 'rpc.go': 'package rpc\n\nimport (\n\t"context"\n\n\t"google.golang.org/grpc"\n)\n\nfunc Connect(addr string) (*grpc.ClientConn, error) {\n\treturn grpc.DialContext(context.Background(), addr, grpc.WithBlock())\n}\n' } },
    ],
    good: [
      { files: { 'rpc.go': 'package rpc\n\nimport (\n\t"context"\n\t"time"\n\n\t"google.golang.org/grpc"\n)\n\nfunc Connect(addr string) (*grpc.ClientConn, error) {\n\tctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)\n\tdefer cancel()\n\treturn grpc.DialContext(ctx, addr, grpc.WithBlock())\n}\n' } },
      { files: { 'rpc.go': 'package rpc\n\nimport "google.golang.org/grpc"\n\nfunc Connect(addr string) (*grpc.ClientConn, error) {\n\treturn grpc.Dial(addr, grpc.WithInsecure())\n}\n' }, note: 'non-blocking dial returns at once' },
      { files: { 'rpc.go': 'package rpc\n\nimport (\n\t"time"\n\n\t"google.golang.org/grpc"\n)\n\nfunc Connect(addr string) (*grpc.ClientConn, error) {\n\treturn grpc.Dial(addr, grpc.WithBlock(), grpc.WithTimeout(5*time.Second))\n}\n' } },
    ],
  },
  (tc) => {
    const out: RawFinding[] = [];
    for (const r of refsTo(tc, GRPC, ['Dial', 'DialContext'])) {
      if (r.node.type !== 'selector_expression') continue;
      const call = callOf(r.node);
      if (!call) continue;
      const a = args(call);
      const texts = a.map((x) => textOf(tc.m, x).replace(/\s+/g, ''));
      if (a.some((x) => x.type === 'variadic_argument') || texts.some((t) => t.endsWith('...'))) continue;
      if (!texts.some((t) => /\bWithBlock\(\)$/.test(t)) || texts.some((t) => /\bWithTimeout\(/.test(t))) continue;
      if (r.member === 'DialContext' && !/^context\.(Background|TODO)\(\)$/.test(texts[0] ?? '')) continue;
      out.push({ line: line(tc, r.node), message: `grpc.${r.member} with WithBlock and no deadline blocks forever while the server is down` });
    }
    return out;
  },
);

export const goTimeoutRules: TreeRule[] = [goHttpDefaultClientRule, goHttpClientRule, goHttpServerRule, goNetDialRule, goGrpcDialRule];
