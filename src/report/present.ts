/**
 * What the human-facing renderers (html, markdown, sarif) share: the order
 * claims and findings are shown in, the trust score, forge permalinks, and
 * making invisible control characters visible. Everything here is pure.
 */
import { CATEGORIES, type Category, type Finding, type Severity } from '../rules/types.js';
import type { CheckedClaim, Verdict } from '../claims/types.js';
import type { AuditReport } from './model.js';

/** Verdicts in the order a reviewer needs them: what is false first. */
export const VERDICT_ORDER: readonly Verdict[] = ['contradicted', 'unverifiable', 'verified'];
export const SEVERITY_ORDER: readonly Severity[] = ['error', 'warning', 'info'];

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** Contradicted first, then unverifiable, then verified; within a verdict by report file and line. */
export function orderClaims<C extends CheckedClaim>(claims: readonly C[]): C[] {
  return [...claims].sort(
    (a, b) =>
      VERDICT_ORDER.indexOf(a.verdict) - VERDICT_ORDER.indexOf(b.verdict) ||
      cmp(a.source.path, b.source.path) ||
      a.source.line - b.source.line ||
      cmp(a.id, b.id),
  );
}

/** By category (in the rule model's order), then file, then line, then rule. */
export function orderFindings<F extends Finding>(findings: readonly F[]): F[] {
  const rank = (c: Category) => {
    const i = CATEGORIES.indexOf(c);
    return i < 0 ? CATEGORIES.length : i;
  };
  return [...findings].sort(
    (a, b) =>
      rank(a.category) - rank(b.category) ||
      cmp(a.path, b.path) ||
      a.line - b.line ||
      cmp(a.ruleId, b.ruleId) ||
      cmp(a.id, b.id),
  );
}

export interface TrustScore {
  /** 0–100, or null when no claim could be checked either way. */
  score: number | null;
  checked: number;
  total: number;
  formula: string;
}

/**
 * Share of the checkable claims that held. Unverifiable claims are left out
 * of the ratio (they are neither support nor refutation) and reported as
 * coverage instead, so a report of unfalsifiable prose cannot score high.
 */
export function trustScore(report: AuditReport): TrustScore {
  const { verified, contradicted, unverifiable } = report.summary.claims;
  const checked = verified + contradicted;
  return {
    score: checked === 0 ? null : Math.round((100 * verified) / checked),
    checked,
    total: checked + unverifiable,
    formula: 'trust = 100 × verified ÷ (verified + contradicted); unverifiable claims are not counted',
  };
}

/** Builds links to a file at the audited commit on the forge that hosts the repository. */
export type Permalinker = (path: string, line?: number, endLine?: number) => string | null;

interface Forge {
  kind: 'github' | 'gitlab';
  base: string;
}

const HOST = /^[A-Za-z0-9.-]+(:\d+)?$/;
const REPO_PATH = /^[A-Za-z0-9._~-]+(\/[A-Za-z0-9._~-]+)+$/;

/**
 * Reads `https://host/owner/repo(.git)`, `git@host:owner/repo.git` and
 * `ssh://git@host/owner/repo.git`. Credentials in the URL are dropped; only
 * GitHub and GitLab hosts are recognised, anything else gives null.
 */
export function parseForge(remoteUrl: string | null | undefined): Forge | null {
  if (!remoteUrl) return null;
  const url = remoteUrl.trim();
  let host: string;
  let path: string;
  const scp = /^[A-Za-z0-9._-]+@([A-Za-z0-9.-]+):(?!\/)(.+)$/.exec(url);
  if (scp) {
    host = scp[1]!;
    path = scp[2]!;
  } else {
    let u: URL;
    try {
      u = new URL(url);
    } catch {
      return null;
    }
    if (!['https:', 'http:', 'ssh:', 'git+ssh:'].includes(u.protocol)) return null;
    // An ssh port is not the web port.
    host = u.protocol === 'https:' || u.protocol === 'http:' ? u.host : u.hostname;
    path = decodeURIComponent(u.pathname);
  }
  path = path.replace(/^\/+|\/+$/g, '').replace(/\.git$/, '');
  if (!HOST.test(host) || !REPO_PATH.test(path)) return null;
  const name = host.toLowerCase().replace(/:\d+$/, '');
  let kind: Forge['kind'];
  if (name === 'github.com' || name.startsWith('github.')) kind = 'github';
  else if (name === 'gitlab.com' || name.startsWith('gitlab.')) kind = 'gitlab';
  else return null;
  if (kind === 'github' && path.split('/').length !== 2) return null;
  return { kind, base: `https://${host}/${path}` };
}

const SHA = /^[0-9a-f]{7,64}$/i;

/** Repo-relative path as URL path segments, or null for paths that are not repo-relative. */
function encodePath(path: string): string | null {
  if (!path || path.startsWith('/') || /^[A-Za-z]:[\\/]/.test(path)) return null;
  const parts = path.split('/');
  if (parts.some((p) => p === '' || p === '.' || p === '..')) return null;
  return parts.map(encodeURIComponent).join('/');
}

/** A permalinker for the remote and commit, or one that always answers null. */
export function permalinker(remoteUrl: string | null | undefined, commit: string | null): Permalinker {
  const forge = parseForge(remoteUrl);
  if (!forge || !commit || !SHA.test(commit)) return () => null;
  const blob = forge.kind === 'github' ? `${forge.base}/blob/${commit}/` : `${forge.base}/-/blob/${commit}/`;
  return (path, line, endLine) => {
    const enc = encodePath(path);
    if (enc === null) return null;
    if (!line || line < 1) return blob + enc;
    const end = endLine && endLine > line ? endLine : null;
    if (forge.kind === 'github') return `${blob}${enc}#L${line}${end ? `-L${end}` : ''}`;
    return `${blob}${enc}#L${line}${end ? `-${end}` : ''}`;
  };
}

/** The commit page on the forge, or null. */
export function commitLink(remoteUrl: string | null | undefined, commit: string | null): string | null {
  const forge = parseForge(remoteUrl);
  if (!forge || !commit || !SHA.test(commit)) return null;
  return forge.kind === 'github' ? `${forge.base}/commit/${commit}` : `${forge.base}/-/commit/${commit}`;
}

// Bidirectional overrides and isolates reorder what a reader sees (the
// "Trojan Source" trick); zero-width and other format characters hide text.
// An auditor must show them, not obey them.
const INVISIBLE = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F\u061C\u200B-\u200F\u202A-\u202E\u2060-\u2064\u2066-\u2069\uFEFF]/g;

/** Replaces control, bidi and zero-width characters with a visible `⟨U+202E⟩` marker. */
export function revealInvisible(text: string): string {
  return text.replace(INVISIBLE, (ch) => `⟨U+${ch.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}⟩`);
}

/** `path:line` or `path:line-end`. */
export function place(path: string, line?: number, endLine?: number): string {
  if (!line) return path;
  return endLine && endLine > line ? `${path}:${line}-${endLine}` : `${path}:${line}`;
}

/** Excerpt lines numbered from `first`, each cut at `width` characters, at most `maxLines` shown. */
export function numberedLines(
  excerpt: string | undefined,
  first: number | undefined,
  opts: { maxLines?: number; width?: number } = {},
): { lines: { n: number | null; text: string }[]; omitted: number } {
  if (!excerpt) return { lines: [], omitted: 0 };
  const all = excerpt.replace(/\r\n?/g, '\n').replace(/\n$/, '').split('\n');
  const maxLines = opts.maxLines ?? all.length;
  const width = opts.width ?? Infinity;
  const start = first && first > 0 ? first : null;
  const lines = all.slice(0, maxLines).map((t, i) => ({
    n: start === null ? null : start + i,
    text: revealInvisible(t.length > width ? t.slice(0, width) + '…' : t),
  }));
  return { lines, omitted: Math.max(0, all.length - maxLines) };
}
