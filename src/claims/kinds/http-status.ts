/**
 * HTTP status codes a report says the code answers with — "Returns 201
 * CREATED on success", "400 Bad Request - duplicate username", "404/409
 * responses" — looked up as the code writes them: the number beside a status
 * word (`status_code=201`, `res.status(404)`, `WriteHeader(409)`), or the
 * constant frameworks name it by (`status.HTTP_201_CREATED`,
 * `HTTPStatus.NOT_FOUND`, `http.StatusConflict`). A status a framework
 * answers by itself counts where the repository uses that framework: FastAPI
 * answers 422 when a request does not validate.
 */
import type { Evidence, Outcome, VerifyContext } from '../types.js';
import { excerptAt } from './code-scope.js';
import { splitLines } from '../../repo/text.js';

/** The reason phrases of RFC 9110 (and 429 of RFC 6585): a domain list. */
const REASONS: Record<number, string> = {
  200: 'OK', 201: 'Created', 202: 'Accepted', 204: 'No Content', 301: 'Moved Permanently', 302: 'Found', 304: 'Not Modified',
  307: 'Temporary Redirect', 308: 'Permanent Redirect', 400: 'Bad Request', 401: 'Unauthorized', 403: 'Forbidden', 404: 'Not Found',
  405: 'Method Not Allowed', 406: 'Not Acceptable', 408: 'Request Timeout', 409: 'Conflict', 410: 'Gone', 413: 'Payload Too Large',
  415: 'Unsupported Media Type', 422: 'Unprocessable Entity', 429: 'Too Many Requests', 500: 'Internal Server Error',
  501: 'Not Implemented', 502: 'Bad Gateway', 503: 'Service Unavailable', 504: 'Gateway Timeout',
};

/**
 * The statuses a statement names: a code with its reason phrase ("404 Not Found", "201 CREATED"), or codes beside
 * a word that makes them statuses ("returns 201", "400/422 responses", "HTTP 429").
 */
export function statusMentions(text: string): number[] {
  const out = new Set<number>();
  const plain = text.replace(/`/g, '');
  for (const m of plain.matchAll(/\b([1-5]\d\d)\s+([A-Za-z][A-Za-z ]{1,30})/g)) {
    const code = Number(m[1]);
    const reason = REASONS[code];
    if (reason && m[2]!.toLowerCase().startsWith(reason.toLowerCase())) out.add(code);
  }
  const CONTEXT = /\b(?:returns?|returning|respond(?:s|ing)? with|responses?|status(?: code)?|HTTP|error code)\b/i;
  for (const m of plain.matchAll(/\b([1-5]\d\d)(?:\s*\/\s*([1-5]\d\d))*\b/g)) {
    const around = plain.slice(Math.max(0, m.index! - 25), m.index! + m[0].length + 25);
    if (!CONTEXT.test(around)) continue;
    for (const c of m[0].split('/')) if (REASONS[Number(c.trim())]) out.add(Number(c.trim()));
  }
  return [...out].sort((a, b) => a - b);
}

/** How code spells a status: its number beside a status word, or a named constant. */
function spellings(code: number): RegExp[] {
  const reason = REASONS[code]!;
  const snake = reason.toUpperCase().replace(/ /g, '_');
  const camel = reason.replace(/ /g, '');
  return [
    new RegExp(`(?:status|code|abort|HTTPException|WriteHeader|JSONResponse|Response|res\\.|reply)[^\\n]{0,60}\\b${code}\\b`, 'i'),
    new RegExp(`\\b${code}\\b[^\\n]{0,40}(?:status|code)`, 'i'),
    new RegExp(`\\bHTTP_${code}_[A-Z_]+\\b|\\bHTTPStatus\\.${snake}\\b|\\bstatus\\.${snake}\\b|\\bStatus${camel}\\b|\\bStatusCodes\\.${snake}\\b`),
  ];
}

const repositoryHits = new WeakMap<object, Map<number, Evidence | null>>();

const COMMENT_LINE = /^\s*(?:#|\/\/|\*|\/\*)/;

/** Each status's first place in the files, or the framework default that answers it. */
export function verifyStatuses(codes: readonly number[], files: readonly string[], described: string, ctx: VerifyContext): Outcome {
  const evidence: Evidence[] = [];
  const missing: number[] = [];
  const fastapi = ctx.repoFacts.routes.some((r) => r.framework === 'fastapi');
  // Reports repeat the same statuses, and a repository-wide search reads every code file: made once per snapshot.
  let memo = repositoryHits.get(ctx.snapshot);
  if (!memo) repositoryHits.set(ctx.snapshot, (memo = new Map()));
  const wholeRepository = described === 'the repository';
  for (const code of codes) {
    const res = spellings(code);
    let hit: Evidence | null = null;
    const known = wholeRepository ? memo.get(code) : undefined;
    if (known !== undefined) hit = known;
    else for (const path of files) {
      const read = ctx.snapshot.read(path);
      if (!read.ok || !ctx.snapshot.file(path)?.language) continue;
      const lines = splitLines(read.text);
      const i = lines.findIndex((l) => !COMMENT_LINE.test(l) && res.some((re) => re.test(l)));
      if (i >= 0) {
        hit = { path, line: i + 1, excerpt: excerptAt(ctx, path, i + 1), note: `${code} ${REASONS[code]}` };
        break;
      }
    }
    if (wholeRepository && known === undefined) memo.set(code, hit);
    if (!hit && code === 422 && fastapi) {
      const r = ctx.repoFacts.routes.find((x) => x.framework === 'fastapi')!;
      hit = { path: r.path, line: r.line, note: '422 Unprocessable Entity: FastAPI answers it when a request does not validate' };
    }
    if (hit) evidence.push(hit);
    else missing.push(code);
  }
  if (!missing.length) return { verdict: 'verified', reason: `the code of ${described} answers ${codes.join(', ')}`, evidence };
  return {
    verdict: 'unverifiable',
    reason: `${missing.map((c) => `${c} ${REASONS[c]}`).join(', ')} ${missing.length > 1 ? 'are' : 'is'} not written in the code of ${described}${evidence.length ? ` (found: ${evidence.map((e) => e.note).join(', ')})` : ''}; a library or framework may answer it`,
    evidence,
  };
}
