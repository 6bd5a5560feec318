/**
 * missing-timeout/js-http-request: Node's `http.request`/`http.get` (and
 * `https`) with no `timeout` option and no `setTimeout` on the request.
 */
import { ts } from 'ts-morph';
import type { RawFinding, TreeContext, TreeRule } from '../../types.js';
import { fileBindings, forEachCall, lineOfNode, literalKeys, unwrap } from './bindings.js';
import { isMinified } from './util.js';

const MODULES = new Set(['http', 'https', 'node:http', 'node:https']);
const METHODS = new Set(['request', 'get']);
/** Options that bound the request: a timeout, an abort signal, or an Agent (which may carry its own timeout). */
const BOUNDING_KEYS = ['timeout', 'signal', 'agent'];

type Verdict = 'bounded' | 'unbounded' | 'unknown';

/** `url`, `targetUrl`, `opts.href`: a name that says it holds a URL, not options. */
function isUrlName(a: ts.Expression): boolean {
  const name = ts.isIdentifier(a) ? a.text : ts.isPropertyAccessExpression(a) ? a.name.text : null;
  return name !== null && /(url|uri|href|endpoint)$/i.test(name);
}

/** The object literal a `const` identifier is initialised with, in this file. */
function constObject(sf: ts.SourceFile, name: string): ts.ObjectLiteralExpression | 'mutated' | null {
  let found: ts.ObjectLiteralExpression | null = null;
  let mutated = false;
  const stack: ts.Node[] = [sf];
  while (stack.length > 0) {
    const n = stack.pop()!;
    if (ts.isVariableDeclaration(n) && ts.isIdentifier(n.name) && n.name.text === name && n.initializer) {
      const init = unwrap(n.initializer);
      if (ts.isObjectLiteralExpression(init) && found === null) found = init;
      else mutated = true;
    } else if (ts.isBinaryExpression(n) && n.operatorToken.kind === ts.SyntaxKind.EqualsToken) {
      const left = n.left;
      if (ts.isPropertyAccessExpression(left) && ts.isIdentifier(left.expression) && left.expression.text === name) {
        if (BOUNDING_KEYS.includes(left.name.text)) mutated = true;
      } else if (ts.isElementAccessExpression(left) && ts.isIdentifier(left.expression) && left.expression.text === name) mutated = true;
      else if (ts.isIdentifier(left) && left.text === name) mutated = true;
    } else if (ts.isCallExpression(n) && n.arguments.some((a) => ts.isIdentifier(a) && a.text === name)) {
      // Object.assign(options, …) or a helper that fills the options in; the request call itself is not.
      const c = unwrap(n.expression);
      const calledName = ts.isPropertyAccessExpression(c) ? c.name.text : ts.isIdentifier(c) ? c.text : '';
      if (!METHODS.has(calledName)) mutated = true;
    }
    ts.forEachChild(n, (c) => {
      stack.push(c);
    });
  }
  if (mutated) return 'mutated';
  return found;
}

function judgeOptions(sf: ts.SourceFile, args: readonly ts.Expression[]): Verdict {
  let sawOptions = false;
  for (const raw of args) {
    const a = unwrap(raw);
    if (ts.isArrowFunction(a) || ts.isFunctionExpression(a)) continue; // the response callback
    if (ts.isStringLiteralLike(a) || ts.isTemplateExpression(a) || ts.isNewExpression(a) || isUrlName(a)) continue; // a URL
    let obj: ts.ObjectLiteralExpression | null = null;
    if (ts.isObjectLiteralExpression(a)) obj = a;
    else if (ts.isIdentifier(a)) {
      const c = constObject(sf, a.text);
      if (c === 'mutated') return 'unknown';
      // An identifier that is not a local object literal may be a URL string or options from elsewhere.
      if (c === null) return 'unknown';
      obj = c;
    } else return 'unknown';
    sawOptions = true;
    const { keys, spread } = literalKeys(obj);
    if (BOUNDING_KEYS.some((k) => keys.has(k))) return 'bounded';
    if (spread) return 'unknown';
  }
  return sawOptions || args.length > 0 ? 'unbounded' : 'unknown';
}

/** Whether the request object is given a timeout after the call, or leaves our sight. */
function requestHandled(sf: ts.SourceFile, call: ts.CallExpression): Verdict {
  let node: ts.Node = call;
  // `http.get(…).setTimeout(…)` / `.on('timeout', …)` chains.
  while (ts.isPropertyAccessExpression(node.parent) && node.parent.expression === node && ts.isCallExpression(node.parent.parent)) {
    const name = node.parent.name.text;
    if (name === 'setTimeout') return 'bounded';
    node = node.parent.parent;
  }
  const parent = node.parent;
  if (ts.isExpressionStatement(parent)) return 'unbounded';
  if (ts.isVariableDeclaration(parent) && ts.isIdentifier(parent.name)) {
    const name = parent.name.text;
    const scope = enclosingScope(parent);
    let verdict: Verdict = 'unbounded';
    const stack: ts.Node[] = [scope];
    while (stack.length > 0 && verdict === 'unbounded') {
      const n = stack.pop()!;
      if (ts.isPropertyAccessExpression(n) && ts.isIdentifier(n.expression) && n.expression.text === name && (n.name.text === 'setTimeout' || n.name.text === 'destroy' || n.name.text === 'abort')) {
        verdict = 'bounded';
      } else if (ts.isIdentifier(n) && n.text === name && n !== parent.name) {
        const p = n.parent;
        // Handed to another function, returned or stored: the timeout may be set there.
        if (ts.isReturnStatement(p) || (ts.isCallExpression(p) && p.arguments.includes(n as ts.Expression)) || ts.isPropertyAssignment(p) || ts.isArrayLiteralExpression(p)) verdict = 'unknown';
      }
      ts.forEachChild(n, (c) => {
        stack.push(c);
      });
    }
    return verdict;
  }
  // Returned, awaited in a wrapper, passed on: someone else may set the timeout.
  return 'unknown';
}

function enclosingScope(node: ts.Node): ts.Node {
  let n: ts.Node | undefined = node.parent;
  while (n && !ts.isFunctionLike(n) && !ts.isSourceFile(n)) n = n.parent;
  return n ?? node.getSourceFile();
}

function check(ctx: TreeContext): RawFinding[] {
  if (ctx.tree.kind !== 'typescript') return [];
  const sf = ctx.tree.sourceFile;
  if (!/\bhttps?\b/.test(sf.text) || isMinified(sf.text)) return [];
  const b = fileBindings(sf);
  const namespaces = new Map<string, string>();
  const functions = new Map<string, string>();
  for (const [local, imp] of b.imports) {
    if (!MODULES.has(imp.module)) continue;
    const mod = imp.module.replace('node:', '');
    if (imp.imported === 'default' || imp.imported === '*') namespaces.set(local, mod);
    else if (METHODS.has(imp.imported)) functions.set(local, `${mod}.${imp.imported}`);
  }
  if (namespaces.size === 0 && functions.size === 0) return [];
  const out: RawFinding[] = [];
  forEachCall(sf, (call) => {
    const callee = unwrap(call.expression);
    let what: string | null = null;
    if (ts.isPropertyAccessExpression(callee) && ts.isIdentifier(callee.expression) && namespaces.has(callee.expression.text) && METHODS.has(callee.name.text)) {
      what = `${namespaces.get(callee.expression.text)}.${callee.name.text}`;
    } else if (ts.isIdentifier(callee) && functions.has(callee.text)) what = functions.get(callee.text)!;
    if (what === null) return;
    if (judgeOptions(sf, call.arguments) !== 'unbounded') return;
    if (requestHandled(sf, call) !== 'unbounded') return;
    out.push({
      line: lineOfNode(sf, call),
      message: `${what}() without a timeout: a server that accepts the connection and never answers holds the request forever; pass { timeout: ms } and destroy the request on 'timeout', or call req.setTimeout(ms, …)`,
    });
  });
  return out;
}

export const httpRequestRule: TreeRule = {
  id: 'missing-timeout/js-http-request',
  category: 'missing-timeout',
  severity: 'warning',
  languages: ['typescript', 'javascript'],
  scope: 'tree',
  docs: {
    summary: "Node's http/https `request()` and `get()` with no timeout option and no `setTimeout` on the request.",
    why:
      "Node's http client sets no socket timeout by default: a peer that accepts the connection and then sends nothing keeps the request, its socket and the code waiting on it alive indefinitely. Options built elsewhere, an `agent` (which may carry a timeout) and a request object handed to other code are not reported.",
    fix: "Pass `timeout` and destroy the request when it fires: `const req = https.get(url, { timeout: 10_000 }, onRes); req.on('timeout', () => req.destroy(new Error('timeout')));`, or `req.setTimeout(ms, …)`.",
    references: ['https://nodejs.org/api/http.html#httprequestoptions-callback'],
    bad: [
      {
        files: {
          'src/health.js':
            "const https = require('https');\n\nfunction check(url, done) {\n  https.get(url, (res) => done(res.statusCode === 200)).on('error', () => done(false));\n}\nmodule.exports = { check };\n",
        },
      },
      {
        files: {
          'src/post.ts':
            "import http from 'node:http';\n\nexport function post(body: string) {\n  const options = { host: 'localhost', port: 8080, method: 'POST' };\n  const req = http.request(options, (res) => res.resume());\n  req.end(body);\n}\n",
        },
      },
    ],
    good: [
      {
        files: {
          'src/get.ts':
            "import { get } from 'https';\n\nexport function fetchIt(url: string) {\n  const req = get(url, { timeout: 5000 }, (res) => res.resume());\n  req.on('timeout', () => req.destroy());\n}\n",
        },
        note: 'timeout option',
      },
      {
        files: {
          'src/req.js':
            "const http = require('http');\nfunction send(opts, body) {\n  const req = http.request(opts);\n  req.setTimeout(10000, () => req.destroy());\n  req.end(body);\n}\nmodule.exports = send;\n",
        },
        note: 'req.setTimeout',
      },
      {
        files: { 'src/wrap.js': "const https = require('https');\nmodule.exports = function open(url) {\n  return https.request(url);\n};\n" },
        note: 'the request is returned: the caller sets the timeout',
      },
      {
        files: { 'src/local.js': "const http = { get: (u) => u };\nhttp.get('x');\n" },
        note: "not Node's http module",
      },
      {
        files: { 'test/server.test.js': "const http = require('http');\nit('serves', (done) => { http.get('http://localhost:8080/', () => done()); });\n" },
        note: 'a test file',
      },
    ],
  },
  check,
};
