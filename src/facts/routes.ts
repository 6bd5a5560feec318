/**
 * HTTP routes as the code registers them, read from the source models (the
 * parsers' calls, assignments, symbols and decorators; comments and strings
 * that are not arguments of a registration never count):
 * - Go: net/http `Handle`/`HandleFunc` (Go 1.22 `"GET /x"` patterns), gorilla
 *   `.Methods(…)`, gin and echo (`GET`…, `Any`, `Handle`/`Add`, `Group` with
 *   its middleware, `Use`), chi (`Get`…, `Method`, `With`, `Route`/`Group`
 *   closures, `Use`).
 * - Python: Flask (`@app.route(…, methods=[…])`, `@bp.get`, Blueprint
 *   `url_prefix`, `before_request`, other decorators as middleware), FastAPI
 *   (`@app.get`, `APIRouter(prefix, dependencies)`, `include_router`,
 *   `Depends`/`Security` in the decorator and the signature), Django urls.py
 *   (`path`/`re_path`/`url`).
 * - JS/TS: Express (`app.get`, `router.post`, `app.route(p).get`, `use`
 *   middleware and mounts), Next.js API routes (pages/api/**, app/…/route.ts
 *   exports).
 * Prefixes and middleware are followed inside one file (and, for FastAPI and
 * Flask, through `include_router`/`register_blueprint` calls naming the
 * router's module); a router mounted from elsewhere keeps its own paths.
 */
import type { CallInfo, SourceModel } from '../lang/model.js';
import { basename, dirname, type FactSource } from './source.js';
import { callParts, isFunctionLiteral, joinRoute, keywordArg, listItems, positional, splitTopLevel, stringList, stringLiteral } from './exprtext.js';
import type { Framework, Route } from './types.js';

const HTTP_METHODS = ['GET', 'POST', 'PUT', 'DELETE', 'PATCH', 'HEAD', 'OPTIONS', 'CONNECT', 'TRACE'];

/** Text markers that a file may register routes; files without any are not looked at (speed only: the decision is structural). */
const MARKERS: Record<string, RegExp> = {
  go: /HandleFunc|\.Handle\(|gin-gonic|labstack\/echo|go-chi|gorilla\/mux/,
  python: /\.route\(|\.(?:get|post|put|delete|patch|api_route|websocket)\(|urlpatterns|include_router|register_blueprint/,
  js: /\.(?:get|post|put|delete|patch|all|use|route)\(/,
};

export function extractRoutes(src: FactSource, languageOf: (path: string) => string | null): Route[] {
  const routes: Route[] = [];
  const python: { path: string; model: SourceModel }[] = [];
  for (const path of src.files) {
    const lang = languageOf(path);
    if (!lang) continue;
    if ((lang === 'typescript' || lang === 'javascript') && nextRouteFile(path)) {
      const m = src.model(path);
      if (m) routes.push(...nextRoutes(path, m));
      continue;
    }
    if (src.isTest(path)) continue;
    const marker = lang === 'go' ? MARKERS['go']! : lang === 'python' ? MARKERS['python']! : MARKERS['js']!;
    const text = src.read(path);
    if (text === null) continue;
    if (!marker.test(text)) {
      src.release(path);
      continue;
    }
    const model = src.model(path);
    if (!model) continue;
    if (lang === 'go') routes.push(...goRoutes(path, model));
    else if (lang === 'python') python.push({ path, model });
    else routes.push(...expressRoutes(path, model));
  }
  routes.push(...pythonRoutes(python));
  return routes.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : a.line - b.line || (a.method < b.method ? -1 : a.method > b.method ? 1 : 0)));
}

function before(a: { range: { line: number; column: number } }, b: { range: { line: number; column: number } }): boolean {
  return a.range.line < b.range.line || (a.range.line === b.range.line && a.range.column < b.range.column);
}

function contains(outer: CallInfo['range'], inner: CallInfo['range']): boolean {
  const startsBefore = outer.line < inner.line || (outer.line === inner.line && outer.column <= inner.column);
  const endsAfter = outer.endLine > inner.endLine || (outer.endLine === inner.endLine && outer.endColumn >= inner.endColumn);
  return startsBefore && endsAfter && !(outer.line === inner.line && outer.column === inner.column && outer.endLine === inner.endLine && outer.endColumn === inner.endColumn);
}

/** A handler or middleware as written; inline functions are null. */
function handlerName(text: string | undefined): string | null {
  if (!text || isFunctionLiteral(text)) return null;
  return text.trim().length > 120 ? null : text.trim();
}

// ---------------------------------------------------------------- Go

function goFramework(model: SourceModel): Framework | null {
  const mods = model.imports.map((i) => i.module);
  if (mods.some((m) => m.startsWith('github.com/gin-gonic/gin'))) return 'gin';
  if (mods.some((m) => m.startsWith('github.com/labstack/echo'))) return 'echo';
  if (mods.some((m) => m.startsWith('github.com/go-chi/chi'))) return 'chi';
  if (mods.some((m) => m.startsWith('github.com/gorilla/mux'))) return 'net/http';
  if (mods.includes('net/http')) return 'net/http';
  return null;
}

interface GoGroup {
  parent: string;
  prefix: string;
  middleware: string[];
}

function goRoutes(path: string, model: SourceModel): Route[] {
  const framework = goFramework(model);
  if (!framework) return [];
  const calls = model.calls;
  const key = (enclosing: string | null, v: string) => `${enclosing ?? ''}\0${v}`;
  // `v1 := r.Group("/v1", auth)` (gin, echo): a group variable with its prefix and middleware.
  const groups = new Map<string, GoGroup>();
  for (const a of model.assignments) {
    const c = calls.find((x) => x.name === 'Group' && x.range.line === a.range.line && a.value.startsWith(x.callee + '(') && x.receiver);
    if (!c || !c.args.length || isFunctionLiteral(c.args[0]!.text)) continue;
    groups.set(key(a.enclosing, a.target), { parent: c.receiver!, prefix: stringLiteral(c.args[0]!.text) ?? '', middleware: c.args.slice(1).map((x) => handlerName(x.text) ?? '(inline)') });
  }
  // chi's `r.Route("/p", func(r chi.Router) {…})` and `r.Group(func(r chi.Router) {…})`: closures that scope prefix and Use.
  const scopes = calls.filter((c) => (c.name === 'Route' || c.name === 'Group') && c.args.some((a) => isFunctionLiteral(a.text)));
  const scopesOf = (c: CallInfo) => scopes.filter((s) => contains(s.range, c.range));
  const innermost = (c: CallInfo) => {
    const s = scopesOf(c);
    return s.length ? s[s.length - 1]! : null;
  };
  const uses = calls.filter((c) => c.name === 'Use' || c.name === 'Pre');

  const out: Route[] = [];
  for (const c of calls) {
    const reg = goRegistration(c, framework);
    if (!reg || !c.receiver) continue;
    const segments = splitTopLevel(c.receiver, '.');
    const chainMw: string[] = [];
    let chainPrefix = '';
    // `r.With(auth).Get(…)`, `r.Group("/x").GET(…)`: the receiver chain adds middleware and prefixes.
    while (segments.length > 1) {
      const last = callParts(segments[segments.length - 1]!);
      if (!last) break;
      if (last.name === 'With' || last.name === 'Use') chainMw.unshift(...last.args.map((a) => handlerName(a) ?? '(inline)'));
      else if (last.name === 'Group' && last.args[0]) chainPrefix = joinRoute(stringLiteral(last.args[0]) ?? '', chainPrefix);
      else break;
      segments.pop();
    }
    const base = segments.join('.');
    // Prefix and middleware of the closures around the call (outermost first).
    let prefix = '';
    const middleware: string[] = [];
    for (const s of scopesOf(c)) {
      if (s.name === 'Route') prefix = joinRoute(prefix, stringLiteral(s.args[0]?.text) ?? '');
      for (const u of uses) if (innermost(u) === s && before(u, c)) middleware.push(...u.args.map((a) => handlerName(a.text) ?? '(inline)'));
    }
    // Group variables, walked up to the router they came from.
    const chain: string[] = [];
    let v: string | null = base;
    const seen = new Set<string>();
    const groupPrefixes: string[] = [];
    while (v && !seen.has(v)) {
      seen.add(v);
      chain.unshift(v);
      const g = groups.get(key(c.enclosing, v));
      if (!g) break;
      groupPrefixes.unshift(g.prefix);
      v = g.parent;
    }
    // Root first: each group's own middleware, then the `Use` calls on it.
    const levelMw: string[] = [];
    for (const name of chain) {
      levelMw.push(...(groups.get(key(c.enclosing, name))?.middleware ?? []));
      for (const u of uses) {
        // `Use` inside a closure was counted with its scope above; the router's own `Use` also covers nested closures.
        if (u.receiver !== name || u.enclosing !== c.enclosing || innermost(u) !== null) continue;
        // gin and chi apply `Use` to routes registered after it; echo's `Use`/`Pre` apply to every route.
        if (framework !== 'echo' && !before(u, c)) continue;
        levelMw.push(...u.args.map((a) => handlerName(a.text) ?? '(inline)'));
      }
    }
    const full = joinRoute(joinRoute(joinRoute(prefix, groupPrefixes.reduce(joinRoute, '')), chainPrefix), reg.path);
    out.push({
      path,
      line: c.range.line,
      framework,
      method: reg.method,
      route: full,
      handler: reg.handler,
      middleware: [...levelMw, ...middleware, ...chainMw, ...reg.middleware],
    });
  }
  // gorilla: `r.HandleFunc("/x", h).Methods("GET", "POST")`.
  for (const m of calls.filter((x) => x.name === 'Methods' && x.receiver)) {
    const r = out.find((o) => o.line === m.range.line && o.method === 'ANY' && /\bHandle(?:Func)?\(/.test(m.receiver!));
    const methods = m.args.map((a) => stringLiteral(a.text)).filter((x): x is string => !!x);
    if (r && methods.length) {
      r.method = methods[0]!.toUpperCase();
      for (const extra of methods.slice(1)) out.push({ ...r, method: extra.toUpperCase(), middleware: [...r.middleware] });
    }
  }
  return out;
}

function goRegistration(c: CallInfo, framework: Framework): { method: string; path: string; handler: string | null; middleware: string[] } | null {
  const args = c.args.map((a) => a.text);
  const lit = (i: number) => stringLiteral(args[i]);
  if (c.name === 'HandleFunc' || c.name === 'Handle') {
    // net/http, gorilla and chi; gin's `Handle(method, path, …)` is below.
    if (framework === 'gin' && args.length >= 3 && lit(0) && lit(1)) return { method: lit(0)!.toUpperCase(), path: lit(1)!, handler: handlerName(args[args.length - 1]), middleware: args.slice(2, -1).map((a) => handlerName(a) ?? '(inline)') };
    const pattern = lit(0);
    if (pattern === null || args.length < 2) return null;
    const m = /^([A-Z]+)\s+(\S.*)$/.exec(pattern);
    const method = m && HTTP_METHODS.includes(m[1]!) ? m[1]! : 'ANY';
    const p = m && HTTP_METHODS.includes(m[1]!) ? m[2]! : pattern;
    return { method, path: p.replace(/^[^/]+(?=\/)/, ''), handler: handlerName(args[1]), middleware: [] };
  }
  if (framework === 'gin' || framework === 'echo') {
    const upper = c.name === 'Any' ? 'ANY' : HTTP_METHODS.includes(c.name) ? c.name : null;
    if (upper && lit(0) !== null && args.length >= 2) {
      // gin: handlers…, the last one is the handler. echo: (path, handler, middleware…).
      if (framework === 'gin') return { method: upper, path: lit(0)!, handler: handlerName(args[args.length - 1]), middleware: args.slice(1, -1).map((a) => handlerName(a) ?? '(inline)') };
      return { method: upper, path: lit(0)!, handler: handlerName(args[1]), middleware: args.slice(2).map((a) => handlerName(a) ?? '(inline)') };
    }
    if (framework === 'echo' && c.name === 'Add' && lit(0) && lit(1) !== null && args.length >= 3) return { method: lit(0)!.toUpperCase(), path: lit(1)!, handler: handlerName(args[2]), middleware: args.slice(3).map((a) => handlerName(a) ?? '(inline)') };
    return null;
  }
  if (framework === 'chi') {
    const upper = c.name.toUpperCase();
    if (HTTP_METHODS.includes(upper) && c.name === c.name[0] + c.name.slice(1).toLowerCase() && lit(0) !== null && args.length >= 2) return { method: upper, path: lit(0)!, handler: handlerName(args[1]), middleware: [] };
    if ((c.name === 'Method' || c.name === 'MethodFunc') && lit(0) && lit(1) !== null && args.length >= 3) return { method: lit(0)!.toUpperCase(), path: lit(1)!, handler: handlerName(args[2]), middleware: [] };
  }
  return null;
}

// ---------------------------------------------------------------- Python

const PY_ROUTE_METHODS = new Set(['route', 'get', 'post', 'put', 'delete', 'patch', 'head', 'options', 'api_route', 'websocket']);
const PY_FRAMEWORK_MODULES: Record<string, Framework> = { flask: 'flask', quart: 'flask', apiflask: 'flask', fastapi: 'fastapi', starlette: 'fastapi' };
const PY_CONSTRUCTORS: Record<string, Framework> = { Flask: 'flask', Blueprint: 'flask', Quart: 'flask', APIFlask: 'flask', FastAPI: 'fastapi', APIRouter: 'fastapi' };

interface PyRouter {
  framework: Framework;
  prefix: string;
  dependencies: string[];
}

function dependsNames(text: string | null): string[] {
  return listItems(text)
    .map((i) => callParts(i))
    .filter((c): c is { name: string; args: string[] } => !!c && (c.name === 'Depends' || c.name === 'Security' || c.name.endsWith('.Depends')))
    .map((c) => c.args[0] ?? c.name);
}

function moduleStem(path: string): string {
  const b = basename(path).replace(/\.py$/, '');
  return b === '__init__' ? basename(dirname(path)) : b;
}

function pythonRoutes(files: { path: string; model: SourceModel }[]): Route[] {
  // Mounts across files: `app.include_router(users.router, prefix="/users")`, `app.register_blueprint(bp, url_prefix=…)`.
  const mounts: { arg: string; importedFrom: string | null; prefix: string; dependencies: string[] }[] = [];
  for (const { model } of files) {
    for (const c of model.calls) {
      if (c.name !== 'include_router' && c.name !== 'register_blueprint') continue;
      const args = c.args.map((a) => (a.keyword ? `${a.keyword}=${a.text}` : a.text));
      const target = positional(args)[0];
      if (!target) continue;
      const prefix = stringLiteral(keywordArg(args, 'prefix') ?? keywordArg(args, 'url_prefix') ?? undefined) ?? '';
      const head = target.split('.')[0]!;
      const imp = model.imports.find((i) => i.alias === head || i.names.some((n) => (n.alias ?? n.name) === head) || i.module.split('.').pop() === head);
      mounts.push({ arg: target, importedFrom: imp ? (imp.names.length && imp.names.some((n) => (n.alias ?? n.name) === head) ? `${imp.module}.${imp.names.find((n) => (n.alias ?? n.name) === head)!.name}` : imp.module) : null, prefix, dependencies: dependsNames(keywordArg(args, 'dependencies')) });
    }
  }
  const out: Route[] = [];
  for (const { path, model } of files) {
    const imported = new Set(model.imports.map((i) => PY_FRAMEWORK_MODULES[i.module.replace(/^\.+/, '').split('.')[0]!]).filter(Boolean));
    const routers = new Map<string, PyRouter>();
    for (const a of model.assignments) {
      const cp = callParts(a.value);
      const fw = cp ? PY_CONSTRUCTORS[cp.name.split('.').pop()!] : undefined;
      if (!cp || !fw) continue;
      routers.set(a.target, { framework: fw, prefix: stringLiteral(keywordArg(cp.args, 'prefix') ?? keywordArg(cp.args, 'url_prefix') ?? undefined) ?? '', dependencies: dependsNames(keywordArg(cp.args, 'dependencies')) });
    }
    const appMiddleware = new Map<string, string[]>();
    for (const c of model.calls) {
      if (c.name === 'add_middleware' && c.receiver && c.args[0]) appMiddleware.set(c.receiver, [...(appMiddleware.get(c.receiver) ?? []), c.args[0].text]);
    }
    const functions = model.symbols.filter((s) => (s.kind === 'function' || s.kind === 'method') && s.decorators?.length);
    // `@bp.before_request def check(): …` runs before every route of bp.
    const beforeRequest = new Map<string, string[]>();
    for (const f of functions) {
      for (const d of f.decorators!) {
        const m = /^([\w.]+)\.before(?:_app)?_request$/.exec(d);
        if (m) beforeRequest.set(m[1]!, [...(beforeRequest.get(m[1]!) ?? []), f.name]);
      }
    }
    const stem = moduleStem(path);
    for (const f of functions) {
      const decorators = f.decorators!;
      for (const d of decorators) {
        const cp = callParts(d);
        if (!cp) continue;
        const dot = cp.name.lastIndexOf('.');
        if (dot < 0) continue;
        const receiver = cp.name.slice(0, dot);
        const verb = cp.name.slice(dot + 1);
        if (!PY_ROUTE_METHODS.has(verb)) continue;
        const route = stringLiteral(positional(cp.args)[0]);
        if (route === null || (route !== '' && !route.startsWith('/'))) continue;
        const router = routers.get(receiver);
        const framework = router?.framework ?? (imported.has('fastapi') ? 'fastapi' : imported.has('flask') ? 'flask' : verb === 'route' ? 'flask' : null);
        if (!framework) continue;
        const methods = verb === 'route' || verb === 'api_route' ? stringList(keywordArg(cp.args, 'methods')).map((m) => m.toUpperCase()) : verb === 'websocket' ? ['WEBSOCKET'] : [verb.toUpperCase()];
        if (!methods.length) methods.push(framework === 'flask' ? 'GET' : 'ANY');
        // The mount of this router elsewhere: `include_router(<stem>.<receiver>)` or an imported name.
        const mount = mounts.find((m) => m.arg === `${stem}.${receiver}` || m.arg === receiver && (m.importedFrom === null || m.importedFrom.endsWith(`${stem}.${receiver}`) || m.importedFrom.endsWith(stem)));
        const middleware: string[] = [...(appMiddleware.get(receiver) ?? []), ...(mount?.dependencies ?? []), ...(router?.dependencies ?? []), ...(beforeRequest.get(receiver) ?? [])];
        middleware.push(...dependsNames(keywordArg(cp.args, 'dependencies')));
        // Other decorators (`@login_required`, `@jwt_required()`) wrap the view.
        for (const other of decorators) if (other !== d && !routeDecorator(other)) middleware.push(other.replace(/\(\)$/, ''));
        // `user = Depends(current_user)` in the signature.
        const bodyLine = f.body?.range.line ?? f.range.line;
        for (const c of model.calls) {
          if ((c.name === 'Depends' || c.name === 'Security') && c.range.line >= f.nameRange.line && (c.range.line < bodyLine || (c.range.line === bodyLine && f.body && c.range.column < f.body.range.column)) && c.args[0]) middleware.push(c.args[0].text);
        }
        const line = model.calls.find((c) => c.callee === cp.name && c.range.line <= f.nameRange.line && c.range.line >= f.range.line - decorators.length * 20)?.range.line ?? f.range.line;
        for (const method of methods) {
          out.push({ path, line, framework, method, route: joinRoute(joinRoute(mount?.prefix ?? '', router?.prefix ?? ''), route), handler: f.container ? `${f.container}.${f.name}` : f.name, middleware: [...middleware] });
        }
      }
    }
    if (basename(path) === 'urls.py') out.push(...djangoRoutes(path, model));
  }
  return out;
}

function routeDecorator(d: string): boolean {
  const cp = callParts(d);
  const verb = cp?.name.split('.').pop();
  return !!verb && PY_ROUTE_METHODS.has(verb) && cp!.name.includes('.');
}

function djangoRoutes(path: string, model: SourceModel): Route[] {
  const out: Route[] = [];
  for (const c of model.calls) {
    if (!['path', 're_path', 'url'].includes(c.callee) || c.enclosing !== null || c.args.length < 2) continue;
    const route = stringLiteral(c.args[0]!.text);
    if (route === null) continue;
    const view = c.args[1]!.text.trim();
    const middleware: string[] = [];
    let handler = view;
    // `login_required(views.dashboard)`, `csrf_exempt(MyView.as_view())`: wrappers are middleware.
    for (let cp = callParts(handler); cp && cp.args.length === 1 && !/\.as_view$/.test(cp.name) && cp.name !== 'include'; cp = callParts(handler)) {
      middleware.push(cp.name);
      handler = cp.args[0]!;
    }
    out.push({ path, line: c.range.line, framework: 'django', method: 'ANY', route: '/' + route.replace(/^\^/, '').replace(/\$$/, ''), handler: handler.length > 120 ? null : handler, middleware });
  }
  return out;
}

// ---------------------------------------------------------------- Express and Next.js

const JS_METHODS = new Set(['get', 'post', 'put', 'delete', 'patch', 'head', 'options', 'all']);

function expressRoutes(path: string, model: SourceModel): Route[] {
  const importsExpress = model.imports.some((i) => i.module === 'express' || i.module.startsWith('express/'));
  // Variables initialised by `express()`, `express.Router()` or `Router()`.
  const routers = new Set<string>();
  for (const s of model.symbols) {
    if (s.kind !== 'constant' && s.kind !== 'variable') continue;
    if (model.calls.some((c) => c.range.line === s.range.line && (c.callee === 'express' || c.callee === 'express.Router' || c.callee === 'Router') && s.range.line <= c.range.line && c.range.endLine <= s.range.endLine)) routers.add(s.name);
  }
  if (!routers.size && !importsExpress) return [];
  const isRouter = (name: string) => routers.has(name) || (importsExpress && /^(?:app|router|api|server|\w+Router)$/.test(name));
  const uses = model.calls.filter((c) => c.name === 'use' && c.receiver && isRouter(c.receiver));
  // `app.use('/api', auth, apiRouter)`: the mount prefix and middleware of a router of this file.
  const mounts = new Map<string, { prefix: string; middleware: string[]; parent: string; at: CallInfo }>();
  for (const u of uses) {
    const args = u.args.map((a) => a.text.trim());
    const prefix = stringLiteral(args[0]);
    const rest = prefix === null ? args : args.slice(1);
    const last = rest[rest.length - 1];
    if (last && routers.has(last) && last !== u.receiver) mounts.set(last, { prefix: prefix ?? '', middleware: rest.slice(0, -1).map((a) => handlerName(a) ?? '(inline)'), parent: u.receiver!, at: u });
  }
  const out: Route[] = [];
  for (const c of model.calls) {
    if (!c.receiver || !JS_METHODS.has(c.name)) continue;
    let base = c.receiver;
    let route = stringLiteral(c.args[0]?.text);
    let handlerArgs = c.args.slice(1).map((a) => a.text);
    // `app.route('/book').get(h).post(h2)`.
    const chain = /^([\w$]+)\.route\(([\s\S]*?)\)(?:\.\w+\([\s\S]*\))*$/.exec(c.receiver);
    if (chain) {
      base = chain[1]!;
      route = stringLiteral(chain[2]);
      handlerArgs = c.args.map((a) => a.text);
    }
    if (!isRouter(base) || route === null || !(route.startsWith('/') || route === '*') || !handlerArgs.length) continue;
    // Router-level middleware: `use` calls on the router before the route, without a path or with a path the route is under.
    const levelMw = (name: string, at: CallInfo): string[] => {
      const mw: string[] = [];
      for (const u of uses) {
        if (u.receiver !== name || !before(u, at)) continue;
        const args = u.args.map((a) => a.text.trim());
        const p = stringLiteral(args[0]);
        const fns = p === null ? args : args.slice(1);
        if (p !== null && !routeUnder(route!, p)) continue;
        for (const f of fns) if (!routers.has(f)) mw.push(handlerName(f) ?? '(inline)');
      }
      return mw;
    };
    let prefix = '';
    const middleware: string[] = [];
    const seen = new Set<string>();
    // A parent router's `use` counts when it comes before the mount of the child router.
    let at: CallInfo = c;
    for (let r: string | undefined = base; r && !seen.has(r); r = mounts.get(r)?.parent) {
      seen.add(r);
      middleware.unshift(...levelMw(r, at));
      const m = mounts.get(r);
      if (m) at = m.at;
      if (m) {
        prefix = joinRoute(m.prefix, prefix);
        middleware.unshift(...m.middleware);
      }
    }
    out.push({
      path,
      line: c.range.line,
      framework: 'express',
      method: c.name === 'all' ? 'ANY' : c.name.toUpperCase(),
      route: joinRoute(prefix, route),
      handler: handlerName(handlerArgs[handlerArgs.length - 1]),
      middleware: [...middleware, ...handlerArgs.slice(0, -1).map((a) => handlerName(a) ?? '(inline)')],
    });
  }
  return out;
}

function routeUnder(route: string, prefix: string): boolean {
  const p = prefix.replace(/\/+$/, '');
  return p === '' || route === p || route.startsWith(p + '/');
}

/** pages/api/** and app/**\/route.(ts|js): file-system routes of Next.js. */
function nextRouteFile(path: string): boolean {
  return /(?:^|\/)(?:src\/)?pages\/api\/.+\.(?:[jt]sx?|mjs)$/.test(path) || /(?:^|\/)(?:src\/)?app\/(?:.+\/)?route\.(?:[jt]sx?|mjs)$/.test(path);
}

function nextRoutes(path: string, model: SourceModel): Route[] {
  const pages = /(?:^|\/)(?:src\/)?pages(\/api\/.+)\.(?:[jt]sx?|mjs)$/.exec(path);
  if (pages) {
    const route = pages[1]!.replace(/\/index$/, '') || '/api';
    const def = model.symbols.find((s) => s.container === null && s.exported && (s.kind === 'function' || s.kind === 'constant' || s.kind === 'variable'));
    return [{ path, line: def?.range.line ?? 1, framework: 'nextjs', method: 'ANY', route, handler: def?.name ?? 'default', middleware: [] }];
  }
  const app = /(?:^|\/)(?:src\/)?app((?:\/.+)?)\/route\.(?:[jt]sx?|mjs)$/.exec(path);
  if (!app) return [];
  // Route groups `(admin)` do not appear in the URL.
  const route = (app[1] ?? '').split('/').filter((s) => s && !/^\(.*\)$/.test(s)).join('/');
  const out: Route[] = [];
  for (const s of model.symbols) {
    if (s.container !== null || !s.exported || !HTTP_METHODS.includes(s.name)) continue;
    out.push({ path, line: s.range.line, framework: 'nextjs', method: s.name, route: '/' + route, handler: s.name, middleware: [] });
  }
  return out;
}
