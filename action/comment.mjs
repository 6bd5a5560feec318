#!/usr/bin/env node
// Creates or updates claimcheck's sticky pull request comment through the
// GitHub REST API, with plain fetch (no dependency to install on the runner).
//
//   node action/comment.mjs <comment.md>
//
// Environment:
//   GITHUB_TOKEN               token used for every request, and nothing else
//   GITHUB_REPOSITORY          owner/repo
//   CLAIMCHECK_PR_NUMBER       pull request number (else read from GITHUB_EVENT_PATH)
//   GITHUB_EVENT_PATH          the workflow event payload (pull_request.number)
//   GITHUB_API_URL             API base, https://api.github.com by default
//   CLAIMCHECK_COMMENT_AUTHOR  login whose comment is ours; by default any Bot
//                              account's comment that starts with the marker
//   GITHUB_SERVER_URL, GITHUB_RUN_ID  when set, a link to the run is appended
//   GITHUB_OUTPUT              when set, `comment-id=<id>` is written to it
import { appendFileSync, readFileSync } from 'node:fs';

const MARKER = '<!-- claimcheck:report -->';
const LIMIT = 65536;
const PER_PAGE = 100;
const MAX_PAGES = 100;
const REQUEST_TIMEOUT_MS = 30_000;

function fail(message) {
  process.stderr.write(`claimcheck comment: ${message}\n`);
  process.exit(1);
}

function prNumber(env) {
  if (env.CLAIMCHECK_PR_NUMBER) return env.CLAIMCHECK_PR_NUMBER;
  if (env.GITHUB_EVENT_PATH) {
    try {
      const event = JSON.parse(readFileSync(env.GITHUB_EVENT_PATH, 'utf8'));
      const n = event.pull_request?.number ?? event.issue?.number;
      if (n) return String(n);
    } catch (err) {
      fail(`cannot read the event payload ${env.GITHUB_EVENT_PATH}: ${err.message}`);
    }
  }
  return null;
}

/** An API client bound to one origin: it never follows a URL from a response. */
function client(apiUrl, token) {
  let base;
  try {
    base = new URL(apiUrl.endsWith('/') ? apiUrl : apiUrl + '/');
  } catch {
    fail(`GITHUB_API_URL is not a URL: ${apiUrl}`);
  }
  if (base.protocol !== 'https:' && base.protocol !== 'http:') fail(`GITHUB_API_URL must be http(s): ${apiUrl}`);
  return async function request(method, path, body) {
    const url = new URL(path.replace(/^\//, ''), base);
    let res;
    try {
      res = await fetch(url, {
        method,
        headers: {
          Authorization: `Bearer ${token}`,
          Accept: 'application/vnd.github+json',
          'X-GitHub-Api-Version': '2022-11-28',
          'User-Agent': 'claimcheck-action',
          ...(body ? { 'Content-Type': 'application/json' } : {}),
        },
        body: body ? JSON.stringify(body) : undefined,
        redirect: 'error',
        signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
      });
    } catch (err) {
      fail(`${method} ${url.pathname} failed: ${err.message}`);
    }
    const text = await res.text();
    if (!res.ok) {
      const hint = res.status === 403 || res.status === 404 ? ' (does the token have pull-requests: write? pull requests from forks get a read-only token)' : '';
      fail(`${method} ${url.pathname} answered ${res.status}${hint}: ${text.slice(0, 300)}`);
    }
    return text ? JSON.parse(text) : null;
  };
}

/** Our comment: starts with the marker and was written by the expected author (a bot unless told). */
function isOurs(comment, author) {
  if (typeof comment?.body !== 'string' || !comment.body.trimStart().startsWith(MARKER)) return false;
  return author ? comment.user?.login === author : comment.user?.type === 'Bot';
}

async function main() {
  const env = process.env;
  const file = process.argv[2] ?? env.CLAIMCHECK_COMMENT_FILE;
  if (!file) fail('usage: comment.mjs <comment.md>');
  const token = env.GITHUB_TOKEN;
  if (!token) fail('GITHUB_TOKEN is not set');
  const repo = env.GITHUB_REPOSITORY ?? '';
  if (!/^[A-Za-z0-9_.-]+\/[A-Za-z0-9_.-]+$/.test(repo)) fail(`GITHUB_REPOSITORY must be owner/repo, got "${repo}"`);
  const number = prNumber(env);
  if (!number || !/^\d+$/.test(number)) fail('no pull request number: set CLAIMCHECK_PR_NUMBER or run on a pull_request event');

  let body;
  try {
    body = readFileSync(file, 'utf8');
  } catch (err) {
    fail(`cannot read ${file}: ${err.message}`);
  }
  if (!body.trimStart().startsWith(MARKER)) body = `${MARKER}\n${body}`;
  if (env.GITHUB_SERVER_URL && env.GITHUB_RUN_ID && /^\d+$/.test(env.GITHUB_RUN_ID)) {
    const link = `\n<sub>[Workflow run with the full report (artifact claimcheck-report)](${env.GITHUB_SERVER_URL}/${repo}/actions/runs/${env.GITHUB_RUN_ID})</sub>\n`;
    if (body.length + link.length <= LIMIT) body += link;
  }
  if (body.length > LIMIT) {
    const note = '\n\n_The comment was cut at GitHub’s size limit._\n';
    body = body.slice(0, LIMIT - note.length) + note;
  }

  const request = client(env.GITHUB_API_URL || 'https://api.github.com', token);
  const issue = `repos/${repo}/issues/${number}`;
  let ours = null;
  for (let page = 1; page <= MAX_PAGES && !ours; page++) {
    const comments = await request('GET', `${issue}/comments?per_page=${PER_PAGE}&page=${page}`);
    if (!Array.isArray(comments)) fail(`GET ${issue}/comments did not answer a list`);
    ours = comments.find((c) => isOurs(c, env.CLAIMCHECK_COMMENT_AUTHOR)) ?? null;
    if (comments.length < PER_PAGE) break;
  }

  let id;
  if (ours) {
    if (!Number.isInteger(ours.id)) fail('the existing comment has no numeric id');
    const updated = await request('PATCH', `repos/${repo}/issues/comments/${ours.id}`, { body });
    id = updated?.id ?? ours.id;
    process.stdout.write(`updated comment ${id}\n`);
  } else {
    const created = await request('POST', `${issue}/comments`, { body });
    id = created?.id;
    process.stdout.write(`created comment ${id}\n`);
  }
  if (env.GITHUB_OUTPUT && id !== undefined) appendFileSync(env.GITHUB_OUTPUT, `comment-id=${id}\n`);
}

await main();
