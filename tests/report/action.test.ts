import { execFile } from 'node:child_process';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { parse as parseYaml } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const SCRIPT = ROOT + 'action/comment.mjs';
const PRELOAD = fileURLToPath(new URL('./fixtures/record-fetch.mjs', import.meta.url));
const TMP = fileURLToPath(new URL('../.tmp/action/', import.meta.url));
const MARKER = '<!-- claimcheck:report -->';
const TOKEN = 'ghs_test-token-123';

interface Comment {
  id: number;
  body: string;
  user: { login: string; type: 'Bot' | 'User' };
}
interface Seen {
  method: string;
  url: string;
  authorization: string | undefined;
  body: string;
}

/** Answers the three REST endpoints the script uses, for repository o/r and pull request 7. */
class FakeGitHub {
  comments: Comment[] = [];
  seen: Seen[] = [];
  failWrites = 0;
  private server: Server;
  private nextId = 5000;

  constructor() {
    this.server = createServer((req, res) => {
      void this.handle(req).then(({ status, body }) => {
        res.writeHead(status, { 'Content-Type': 'application/json' });
        res.end(JSON.stringify(body));
      });
    });
  }

  async start(): Promise<string> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  stop(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }

  private async handle(req: IncomingMessage): Promise<{ status: number; body: unknown }> {
    let raw = '';
    for await (const chunk of req) raw += chunk;
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    this.seen.push({ method: req.method ?? '', url: url.pathname + url.search, authorization: req.headers.authorization, body: raw });
    if (req.method === 'GET' && url.pathname === '/repos/o/r/issues/7/comments') {
      const per = Number(url.searchParams.get('per_page') ?? 30);
      const page = Number(url.searchParams.get('page') ?? 1);
      return { status: 200, body: this.comments.slice((page - 1) * per, page * per) };
    }
    if (req.method === 'POST' && url.pathname === '/repos/o/r/issues/7/comments') {
      if (this.failWrites-- > 0) return { status: 403, body: { message: 'Resource not accessible by integration' } };
      const c: Comment = { id: this.nextId++, body: JSON.parse(raw).body, user: { login: 'github-actions[bot]', type: 'Bot' } };
      this.comments.push(c);
      return { status: 201, body: c };
    }
    const patch = /^\/repos\/o\/r\/issues\/comments\/(\d+)$/.exec(url.pathname);
    if (req.method === 'PATCH' && patch) {
      const c = this.comments.find((x) => x.id === Number(patch[1]));
      if (!c) return { status: 404, body: { message: 'Not Found' } };
      c.body = JSON.parse(raw).body;
      return { status: 200, body: c };
    }
    return { status: 404, body: { message: 'Not Found' } };
  }
}

function run(env: Record<string, string>, bodyFile: string): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    // Only what the script needs: no inherited proxy settings or tokens.
    const clean = { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env };
    execFile(process.execPath, ['--import', PRELOAD, SCRIPT, bodyFile], { env: clean, timeout: 30_000 }, (err, stdout, stderr) => {
      resolve({ code: err ? ((err as { code?: number }).code ?? 1) : 0, stdout, stderr });
    });
  });
}

const fetched = (log: string) =>
  readFileSync(log, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l) as { method: string; url: string });

describe('action/comment.mjs against a local GitHub API', () => {
  const gh = new FakeGitHub();
  let api: string;

  beforeAll(async () => {
    rmSync(TMP, { recursive: true, force: true });
    mkdirSync(TMP, { recursive: true });
    api = await gh.start();
    // 130 comments before ours: two pages. One is a person quoting the marker; it must never be edited.
    for (let i = 0; i < 130; i++) {
      gh.comments.push({ id: 100 + i, body: i === 42 ? `${MARKER}\nI copied the bot` : `comment ${i}`, user: { login: `user${i}`, type: 'User' } });
    }
  });

  afterAll(() => gh.stop());

  const env = (extra: Record<string, string> = {}) => ({
    GITHUB_API_URL: api,
    GITHUB_TOKEN: TOKEN,
    GITHUB_REPOSITORY: 'o/r',
    CLAIMCHECK_PR_NUMBER: '7',
    CLAIMCHECK_FETCH_LOG: TMP + 'fetch.log',
    ...extra,
  });

  it('creates the comment the first time and updates it the second time', async () => {
    writeFileSync(TMP + 'first.md', `${MARKER}\n## claimcheck: 1 contradicted\n`);
    writeFileSync(TMP + 'second.md', `${MARKER}\n## claimcheck: 0 contradicted\n`);
    writeFileSync(TMP + 'fetch.log', '');
    const out = TMP + 'github-output';
    writeFileSync(out, '');

    const first = await run(env({ GITHUB_OUTPUT: out }), TMP + 'first.md');
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    expect(first.stdout).toBe('created comment 5000\n');
    expect(gh.seen.map((s) => `${s.method} ${s.url}`)).toEqual([
      'GET /repos/o/r/issues/7/comments?per_page=100&page=1',
      'GET /repos/o/r/issues/7/comments?per_page=100&page=2',
      'POST /repos/o/r/issues/7/comments',
    ]);
    expect(JSON.parse(gh.seen[2]!.body)).toEqual({ body: `${MARKER}\n## claimcheck: 1 contradicted\n` });

    // The second run reads the pull request number from the event payload.
    writeFileSync(TMP + 'event.json', JSON.stringify({ pull_request: { number: 7 } }));
    const second = await run(env({ CLAIMCHECK_PR_NUMBER: '', GITHUB_EVENT_PATH: TMP + 'event.json', GITHUB_OUTPUT: out }), TMP + 'second.md');
    expect(second.stderr).toBe('');
    expect(second.code).toBe(0);
    expect(second.stdout).toBe('updated comment 5000\n');
    expect(gh.seen.slice(3).map((s) => `${s.method} ${s.url}`)).toEqual([
      'GET /repos/o/r/issues/7/comments?per_page=100&page=1',
      'GET /repos/o/r/issues/7/comments?per_page=100&page=2',
      'PATCH /repos/o/r/issues/comments/5000',
    ]);

    expect(gh.comments).toHaveLength(131);
    expect(gh.comments.find((c) => c.id === 5000)!.body).toBe(`${MARKER}\n## claimcheck: 0 contradicted\n`);
    expect(gh.comments.find((c) => c.id === 142)!.body).toBe(`${MARKER}\nI copied the bot`);
    expect(readFileSync(out, 'utf8')).toBe('comment-id=5000\ncomment-id=5000\n');
  });

  it('sends the given token on every request and nothing anywhere else', () => {
    expect(gh.seen.length).toBeGreaterThan(0);
    for (const s of gh.seen) expect(s.authorization).toBe(`Bearer ${TOKEN}`);
    const urls = fetched(TMP + 'fetch.log');
    expect(urls).toHaveLength(gh.seen.length);
    for (const u of urls) expect(u.url.startsWith(api + '/')).toBe(true);
  });

  it('fails with the status and a hint, without printing the token, when the API refuses', async () => {
    const fresh = new FakeGitHub();
    const url = await fresh.start();
    fresh.failWrites = 1;
    writeFileSync(TMP + 'fetch.log', '');
    const res = await run(env({ GITHUB_API_URL: url }), TMP + 'first.md');
    await fresh.stop();
    expect(res.code).toBe(1);
    expect(res.stderr).toContain('POST /repos/o/r/issues/7/comments answered 403');
    expect(res.stderr).toContain('pull-requests: write');
    expect(res.stderr + res.stdout).not.toContain(TOKEN);
  });

  it('refuses to run without what it needs', async () => {
    const noToken = await run(env({ GITHUB_TOKEN: '' }), TMP + 'first.md');
    expect(noToken.code).toBe(1);
    expect(noToken.stderr).toContain('GITHUB_TOKEN is not set');
    const badRepo = await run(env({ GITHUB_REPOSITORY: 'o/r/../x' }), TMP + 'first.md');
    expect(badRepo.stderr).toContain('GITHUB_REPOSITORY must be owner/repo');
    const noPr = await run(env({ CLAIMCHECK_PR_NUMBER: '' }), TMP + 'first.md');
    expect(noPr.stderr).toContain('no pull request number');
  });
});

describe('action.yml', () => {
  const action = parseYaml(readFileSync(ROOT + 'action.yml', 'utf8')) as {
    inputs: Record<string, { default?: string }>;
    runs: { using: string; steps: { uses?: string; run?: string; 'working-directory'?: string; env?: Record<string, string> }[] };
  };

  it('is a composite action with the documented inputs', () => {
    expect(action.runs.using).toBe('composite');
    expect(Object.keys(action.inputs)).toEqual(expect.arrayContaining(['claims', 'fail-on', 'comment', 'token']));
    expect(action.inputs.token!.default).toBe('${{ github.token }}');
  });

  it('installs with npm install in the action folder, audits the pull request range and comments with the script', () => {
    const steps = action.runs.steps;
    expect(steps[0]!.uses).toMatch(/^actions\/setup-node@/);
    const install = steps.find((s) => s.run?.includes('npm install'))!;
    expect(install['working-directory']).toBe('${{ github.action_path }}');
    const audit = steps.find((s) => s.run?.includes('bin/claimcheck'))!;
    expect(audit.run).toContain('--since "$BASE_SHA"');
    expect(audit.run).toContain('--format md,json,html --out "$out"');
    expect(audit.env!.BASE_SHA).toBe('${{ github.event.pull_request.base.sha }}');
    const comment = steps.find((s) => s.run?.includes('action/comment.mjs'))!;
    expect(comment.env!.GITHUB_TOKEN).toBe('${{ inputs.token }}');
  });

  it('never substitutes expressions into script text (the pull request body is untrusted)', () => {
    for (const step of action.runs.steps) if (step.run) expect(step.run).not.toContain('${{');
  });
});
