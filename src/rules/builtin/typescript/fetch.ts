/**
 * missing-timeout/js-fetch: `fetch(url)` or `fetch(url, { … })` with no
 * `signal` in its init. The global fetch and the polyfills that behave the
 * same are checked; a fetch passed in as a parameter or defined locally is
 * someone else's (SvelteKit's `load({ fetch })`, a wrapper). In code that
 * runs in the browser (facts/browser.ts), a call to the page's own backend
 * (a relative URL, one built from a configured base, or a loopback host
 * such as `http://localhost:3560/api`) is left alone: the
 * user can leave a page that waits, and no peer linter reports it; a
 * browser call to a literal URL of another host still is.
 */
import { ts } from 'ts-morph';
import type { RawFinding, TreeContext, TreeRule } from '../../types.js';
import { fileBindings, forEachCall, lineOfNode, literalKeys, unwrap } from './bindings.js';
import { isMinified } from './util.js';
import { runsInBrowser } from '../../../facts/browser.js';

/** Modules whose `fetch` is the standard one (no deadline without a signal). */
const STANDARD_FETCH = new Set(['node-fetch', 'cross-fetch', 'isomorphic-fetch', 'isomorphic-unfetch', 'unfetch', 'whatwg-fetch', 'undici', 'cross-fetch/polyfill']);
/** node-fetch 2 also honours a non-standard `timeout` option. */
const TIMEOUT_OPTION = new Set(['node-fetch']);
const GLOBAL_OBJECTS = new Set(['window', 'globalThis', 'self', 'global']);

/** A literal `http(s)://host…` URL of a host other than the machine itself: a call to another origin, not the page's own backend. */
function isOtherOrigin(arg: ts.Expression): boolean {
  const a = unwrap(arg);
  let text: string | null = null;
  if (ts.isStringLiteralLike(a)) text = a.text;
  else if (ts.isTemplateExpression(a)) text = a.head.text;
  if (text === null) return false;
  const m = /^https?:\/\/([^/:?#$]+|\[[^\]]*\])/i.exec(text);
  return m !== null && !/^(?:localhost|127(?:\.\d+){3}|0\.0\.0\.0|\[::1?\])$/i.test(m[1]!);
}

/** An argument that may be a `Request` carrying its own signal. */
function mayBeRequest(arg: ts.Expression): boolean {
  const a = unwrap(arg);
  if (ts.isNewExpression(a)) return ts.isIdentifier(a.expression) && a.expression.text === 'Request';
  const name = ts.isIdentifier(a) ? a.text : ts.isPropertyAccessExpression(a) ? a.name.text : null;
  return name !== null && /^(req|request|.*Request)$/i.test(name);
}

function check(ctx: TreeContext): RawFinding[] {
  if (ctx.tree.kind !== 'typescript') return [];
  const sf = ctx.tree.sourceFile;
  if (!sf.text.includes('fetch') || isMinified(sf.text)) return [];
  const b = fileBindings(sf);
  const imported = b.imports.get('fetch');
  const bareFetch = imported ? (STANDARD_FETCH.has(imported.module) ? imported.module : null) : b.declared.has('fetch') ? null : 'global';
  const out: RawFinding[] = [];
  const browser = runsInBrowser({ path: ctx.model.path, text: sf.text, imports: ctx.model.imports.map((i) => i.module), browserBundle: ctx.browserBundle });
  forEachCall(sf, (call) => {
    const callee = unwrap(call.expression);
    let kind: string | null = null;
    if (ts.isIdentifier(callee) && callee.text === 'fetch') kind = bareFetch;
    else if (ts.isPropertyAccessExpression(callee) && callee.name.text === 'fetch' && ts.isIdentifier(callee.expression) && GLOBAL_OBJECTS.has(callee.expression.text) && !b.declared.has(callee.expression.text)) {
      kind = 'global';
    }
    if (kind === null || call.arguments.length === 0) return;
    if (browser && !isOtherOrigin(call.arguments[0]!)) return;
    const init = call.arguments[1];
    if (!init) {
      if (mayBeRequest(call.arguments[0]!)) return;
      out.push({ line: lineOfNode(sf, call), message: 'fetch() without a signal: the request has no deadline and can wait forever; pass { signal: AbortSignal.timeout(ms) }' });
      return;
    }
    const lit = unwrap(init);
    // An init held in a variable or built by a call may carry a signal: say nothing.
    if (!ts.isObjectLiteralExpression(lit)) return;
    const { keys, spread } = literalKeys(lit);
    if (keys.has('signal') || (TIMEOUT_OPTION.has(kind) && keys.has('timeout')) || spread) return;
    const extra = keys.has('timeout') ? ' (fetch ignores a `timeout` option)' : '';
    out.push({ line: lineOfNode(sf, call), message: `fetch() init has no signal: the request has no deadline and can wait forever${extra}; add signal: AbortSignal.timeout(ms)` });
  });
  return out;
}

export const fetchRule: TreeRule = {
  id: 'missing-timeout/js-fetch',
  category: 'missing-timeout',
  severity: 'warning',
  languages: ['typescript', 'javascript'],
  scope: 'tree',
  docs: {
    summary: 'fetch() calls whose init has no `signal`, so nothing ever aborts them.',
    why:
      "fetch has no overall deadline: in browsers it waits as long as the connection stays open, and Node's fetch (undici) only gives up after 300 s without headers or body data. A server that accepts the connection and stalls holds the caller, its request handler or its job slot until then. Only an AbortSignal ends it. An init kept in a variable or built by a helper, a spread init, and a `Request` argument may carry a signal and are not reported.",
    fix: 'Pass a signal: `fetch(url, { signal: AbortSignal.timeout(10_000) })`, or an AbortController aborted by a timer.',
    references: ['https://developer.mozilla.org/en-US/docs/Web/API/AbortSignal/timeout_static'],
    bad: [
      { files: { 'src/status.ts': "export async function status(host: string) {\n  const res = await fetch(`https://${host}/health`);\n  return res.ok;\n}\n" } },
      {
        files: { 'src/post.js': "export function send(body) {\n  return window.fetch('/api/orders', { method: 'POST', body, timeout: 5000 });\n}\n" },
        note: 'a `timeout` key that fetch ignores',
      },
      {
        files: {
          'package.json': '{ "dependencies": { "next": "^14.2.0", "react": "^18.3.0", "react-dom": "^18.3.0" } }\n',
          'app/api/quotes/route.ts':
            "export async function GET() {\n  const upstream = await fetch(`${process.env.QUOTES_URL}/latest`);\n  return Response.json(await upstream.json());\n}\n",
        },
        note: 'a route handler runs on the server, even in a package that also renders pages',
      },
      {
        files: {
          'package.json': '{ "devDependencies": { "vite": "^5.4.0" }, "dependencies": { "react-dom": "^18.3.0" } }\n',
          'scripts/warm-cache.js': "const base = process.argv[2];\nfor (const path of ['/a', '/b']) await fetch(`${base}${path}`);\n",
        },
        note: 'a maintenance script beside a browser app runs in Node',
      },
      {
        files: {
          'web/forecast.tsx':
            "'use client';\nexport async function loadForecast(city: string) {\n  const r = await fetch(`https://weather.example.net/v2/${city}`);\n  return r.json();\n}\n",
        },
        note: 'browser code calling another host by a literal URL',
      },
    ],
    good: [
      {
        files: {
          'src/http.ts':
            "export async function fetchWithTimeout(url: string, init: RequestInit = {}, ms = 10_000) {\n  return fetch(url, { ...init, signal: AbortSignal.timeout(ms) });\n}\n\nexport const get = (url: string) => fetchWithTimeout(url);\n",
        },
        note: 'a wrapper that always passes a signal',
      },
      {
        files: { 'src/call.ts': "export function call(url: string, init: RequestInit) {\n  return fetch(url, init);\n}\n" },
        note: 'init in a variable: the caller decides',
      },
      {
        files: { 'src/routes/+page.ts': "export async function load({ fetch }) {\n  const res = await fetch('/api/items');\n  return { items: await res.json() };\n}\n" },
        note: 'a fetch passed in as a parameter',
      },
      {
        files: { 'src/api.test.ts': "it('answers', async () => {\n  const res = await fetch('http://localhost:3000/');\n  expect(res.status).toBe(200);\n});\n" },
        note: 'a test file',
      },
      {
        files: {
          'src/ctl.js':
            "export async function poll(url) {\n  const controller = new AbortController();\n  const timer = setTimeout(() => controller.abort(), 5000);\n  try {\n    return await fetch(url, { signal: controller.signal });\n  } finally {\n    clearTimeout(timer);\n  }\n}\n",
        },
        note: 'an AbortController with a timer',
      },
      {
        files: {
          'web/cart.tsx':
            "'use client';\nimport { useEffect, useState } from 'react';\nexport function Cart() {\n  const [n, setN] = useState(0);\n  useEffect(() => { fetch('/api/cart').then((r) => r.json()).then((c) => setN(c.count)); }, []);\n  return <span>{n}</span>;\n}\n",
        },
        note: "a 'use client' component calling its own backend",
      },
      {
        files: {
          'client/package.json': '{ "dependencies": { "react-dom": "^18.3.0" }, "devDependencies": { "webpack": "^5.90.0" } }\n',
          'client/src/api.ts': "const BASE = process.env.API_BASE ?? '/api';\nexport async function orders() {\n  return (await fetch(`${BASE}/orders`)).json();\n}\n",
        },
        note: 'a module of a package that a browser bundler builds',
      },
      {
        files: {
          'shop/static/shop/js/basket.js':
            "document.addEventListener('DOMContentLoaded', () => {\n  document.querySelector('#add').addEventListener('click', async () => {\n    await fetch('/basket/add/', { method: 'POST' });\n  });\n});\n",
        },
        note: 'a script served as a static asset to the page',
      },
      {
        files: { 'src/sw.js': "self.addEventListener('fetch', (event) => {\n  event.respondWith(fetch(event.request));\n});\n" },
        note: 'a Request object carries its own signal',
      },
    ],
  },
  check,
};
