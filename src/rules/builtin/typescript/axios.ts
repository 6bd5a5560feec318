/**
 * missing-timeout/js-axios: axios requests and clients without a timeout.
 * axios' default `timeout: 0` means none. Checked: `axios(…)`,
 * `axios.get/post/…/request(…)` and `axios.create(…)`; requests made through
 * an instance are judged where the instance is created. One assignment to
 * `axios.defaults.timeout` anywhere in the repository covers every call, and
 * `instance.defaults.timeout = …` (or an interceptor that sets
 * `config.timeout`) covers that file's instances.
 */
import { ts } from 'ts-morph';
import type { SourceModel } from '../../../lang/model.js';
import type { RawFinding, RepoContext, RepoRule } from '../../types.js';
import { fileBindings, forEachCall, lineOfNode, literalKeys, unwrap } from './bindings.js';
import { isMinified } from './util.js';

/** Methods and the index of their config argument. */
const CONFIG_INDEX: Record<string, number> = {
  request: 0,
  get: 1,
  delete: 1,
  head: 1,
  options: 1,
  post: 2,
  put: 2,
  patch: 2,
  postForm: 2,
  putForm: 2,
  patchForm: 2,
};

function mentionsAxios(m: SourceModel): boolean {
  return m.imports.some((i) => i.module === 'axios') || m.calls.some((c) => c.callee === 'axios' || c.receiver === 'axios');
}

/** `axios.defaults.timeout = …` (under any local name of axios) somewhere in the repository. */
function globalDefaultTimeout(models: ReadonlyMap<string, SourceModel>): boolean {
  for (const m of models.values()) {
    const names = new Set(['axios', ...m.imports.filter((i) => i.module === 'axios' && i.alias).map((i) => i.alias!)]);
    for (const a of m.assignments) {
      const t = a.target.replace(/\s+/g, '');
      const dot = t.indexOf('.defaults.timeout');
      if (dot > 0 && t.endsWith('.defaults.timeout') && names.has(t.slice(0, dot))) return true;
      if (t === 'axios.defaults' || [...names].some((n) => t === `${n}.defaults`)) return true;
    }
  }
  return false;
}

type ConfigVerdict = 'ok' | 'unknown' | 'none' | 'zero';

function judgeConfig(arg: ts.Expression | undefined): ConfigVerdict {
  if (!arg) return 'none';
  const a = unwrap(arg);
  if (!ts.isObjectLiteralExpression(a)) return 'unknown';
  const { keys, spread } = literalKeys(a);
  const t = keys.get('timeout');
  if (t && ts.isPropertyAssignment(t)) {
    const v = unwrap(t.initializer);
    return ts.isNumericLiteral(v) && Number(v.text) === 0 ? 'zero' : 'ok';
  }
  if (t || keys.has('signal')) return 'ok';
  return spread ? 'unknown' : 'none';
}

function checkFile(sf: ts.SourceFile, out: RawFinding[], path: string): void {
  const b = fileBindings(sf);
  const axiosNames = new Set<string>();
  for (const [local, imp] of b.imports) if (imp.module === 'axios' && (imp.imported === 'default' || imp.imported === '*')) axiosNames.add(local);
  // A page that loads axios from a CDN uses the global.
  if (!b.imports.has('axios') && !b.declared.has('axios')) axiosNames.add('axios');
  if (axiosNames.size === 0) return;
  // Any `.timeout =` or `.defaults.timeout` write in the file (instance defaults, an interceptor) covers its instances.
  const fileSetsTimeout = /\.\s*timeout\s*=[^=]/.test(sf.text);
  forEachCall(sf, (call) => {
    const callee = unwrap(call.expression);
    let method: string | null = null;
    if (ts.isIdentifier(callee) && axiosNames.has(callee.text)) method = 'axios';
    else if (ts.isPropertyAccessExpression(callee) && ts.isIdentifier(callee.expression) && axiosNames.has(callee.expression.text)) {
      method = callee.name.text;
    }
    if (method === null) return;
    let config: ts.Expression | undefined;
    if (method === 'axios') {
      const first = call.arguments[0];
      config = first && ts.isObjectLiteralExpression(unwrap(first)) ? first : call.arguments[1];
      if (first && !ts.isObjectLiteralExpression(unwrap(first)) && !ts.isStringLiteralLike(unwrap(first)) && !ts.isTemplateExpression(unwrap(first)) && !call.arguments[1]) {
        // `axios(config)` with a config built elsewhere.
        return;
      }
    } else if (method === 'create') {
      if (fileSetsTimeout) return;
      config = call.arguments[0];
    } else if (method in CONFIG_INDEX) {
      config = call.arguments[CONFIG_INDEX[method]!];
    } else return;
    const verdict = judgeConfig(config);
    if (verdict === 'ok' || verdict === 'unknown') return;
    const line = lineOfNode(sf, call);
    const what = method === 'axios' ? 'axios()' : `axios.${method}()`;
    if (verdict === 'zero') out.push({ path, line, message: `${what} with timeout: 0, which axios reads as "no timeout"; set a positive timeout in milliseconds` });
    else if (method === 'create') out.push({ path, line, message: 'axios.create() without a timeout: every request of this client can wait forever (axios defaults to timeout: 0, no timeout); pass { timeout: ms }' });
    else out.push({ path, line, message: `${what} without a timeout: the request can wait forever (axios defaults to timeout: 0, no timeout); pass { timeout: ms }` });
  });
}

async function check(ctx: RepoContext): Promise<RawFinding[]> {
  const candidates = [...ctx.models.values()].filter((m) => (m.language === 'typescript' || m.language === 'javascript') && mentionsAxios(m));
  if (candidates.length === 0 || globalDefaultTimeout(ctx.models)) return [];
  const out: RawFinding[] = [];
  for (const m of candidates) {
    if (ctx.snapshot.file(m.path)?.isTest) continue;
    const r = ctx.snapshot.read(m.path);
    if (!r.ok || isMinified(r.text)) continue;
    checkFile(ts.createSourceFile(m.path, r.text, ts.ScriptTarget.Latest, true), out, m.path);
  }
  return out;
}

export const axiosRule: RepoRule = {
  id: 'missing-timeout/js-axios',
  category: 'missing-timeout',
  severity: 'warning',
  languages: ['typescript', 'javascript'],
  scope: 'repo',
  docs: {
    summary: 'axios requests, and clients made with axios.create(), that have no timeout.',
    why:
      "axios defaults to `timeout: 0`, which means no timeout: a server that accepts the connection and never answers holds the request, and whatever awaits it, forever. A client created with a timeout covers every request made through it; so does `axios.defaults.timeout` set once in the repository. A config kept in a variable or spread from elsewhere may carry a timeout and is not reported.",
    fix: 'Give the client or the request a timeout: `axios.create({ baseURL, timeout: 10_000 })`, or `axios.get(url, { timeout: 10_000 })`; or set `axios.defaults.timeout` once at start-up.',
    references: ['https://axios-http.com/docs/req_config'],
    bad: [
      { files: { 'src/api.ts': "import axios from 'axios';\n\nexport const api = axios.create({ baseURL: 'https://api.example.com' });\n" } },
      { files: { 'src/sync.js': "const axios = require('axios');\n\nasync function sync(id) {\n  const { data } = await axios.post(`/sync/${id}`, { full: true });\n  return data;\n}\nmodule.exports = { sync };\n" } },
      { files: { 'src/poll.ts': "import axios from 'axios';\nexport const poll = () => axios.get('/status', { timeout: 0 });\n" }, note: 'timeout: 0 is no timeout' },
    ],
    good: [
      {
        files: {
          'src/client.ts': "import axios from 'axios';\n\nexport function makeClient(baseURL: string) {\n  return axios.create({ baseURL, timeout: 10_000 });\n}\n",
          'src/use.ts': "import { makeClient } from './client';\n\nexport const getUser = (id: string) => makeClient('https://api').get(`/users/${id}`);\n",
        },
        note: 'a client from a factory that sets a timeout',
      },
      {
        files: {
          'src/setup.ts': "import axios from 'axios';\naxios.defaults.timeout = 15_000;\n",
          'src/orders.ts': "import axios from 'axios';\nexport const orders = () => axios.get('/orders');\n",
        },
        note: 'axios.defaults.timeout set once in the repository',
      },
      {
        files: { 'src/inst.ts': "import axios from 'axios';\nconst http = axios.create({ baseURL: '/api' });\nhttp.defaults.timeout = 5000;\nexport default http;\n" },
        note: 'instance defaults set after creation',
      },
      {
        files: { 'src/cfg.ts': "import axios, { AxiosRequestConfig } from 'axios';\nexport const send = (cfg: AxiosRequestConfig) => axios.request(cfg);\nexport const get = (url: string, opts: AxiosRequestConfig) => axios.get(url, { ...opts });\n" },
        note: 'configs from elsewhere',
      },
      {
        files: { 'tests/api.spec.ts': "import axios from 'axios';\nit('works', async () => { await axios.get('http://localhost/health'); });\n" },
        note: 'a test file',
      },
    ],
  },
  check,
};
