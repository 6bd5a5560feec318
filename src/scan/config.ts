/**
 * `scan.yml`: the repositories a scheduled scan audits, each a local path or
 * a git URL with a branch, with its own claims globs, rule settings and fail
 * policy. Validated strictly, like `.claimcheck.yml`, so a misspelt key is
 * named instead of silently ignored.
 */
import { readFileSync } from 'node:fs';
import { basename, dirname, resolve } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { ConfigError, RuleSetting, innermost } from '../repo/config.js';
import { FAIL_ON, type FailOn } from '../audit/gate.js';

const NAME = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

const RepositoryEntry = z
  .object({
    /** How the repository is called in the history; default: the last part of its path or URL. */
    name: z.string().regex(NAME, 'a name is letters, digits, dot, dash or underscore').optional(),
    /** A local directory, relative to the scan config. */
    path: z.string().min(1).optional(),
    /** A git URL (https, ssh, file://), cloned once into the cache and fetched on later runs. */
    url: z.string().min(1).optional(),
    /** The branch of `url` to audit. */
    branch: z.string().min(1).optional(),
    /** Globs of claims documents, replacing the repository's own `claims`. */
    claims: z.array(z.string().min(1)).optional(),
    /** Rule settings laid over the repository's own `rules`. */
    rules: z.record(z.string(), RuleSetting).optional(),
    /** What fails this repository: verdicts and finding severities, as `--fail-on`. */
    failOn: z.array(z.enum(FAIL_ON)).optional(),
  })
  .strict()
  .refine((r) => (r.path === undefined) !== (r.url === undefined), { message: 'give either path or url, not both or neither' })
  .refine((r) => r.url === undefined || r.branch !== undefined, { message: 'a url needs a branch' })
  .refine((r) => r.path === undefined || r.branch === undefined, { message: 'branch goes with url; a path is audited as it is checked out' });

const ScanSchema = z
  .object({
    /** Where git URLs are cloned, relative to the scan config; default `.claimcheck-cache`. */
    cache: z.string().min(1).optional(),
    /** The history database, relative to the scan config; `--db` overrides it. */
    db: z.string().min(1).optional(),
    /** The fail policy of repositories that give none. */
    failOn: z.array(z.enum(FAIL_ON)).optional(),
    repositories: z.array(RepositoryEntry),
  })
  .strict();

/** One repository of a scan, with paths resolved against the scan config. */
export interface ScanTarget {
  name: string;
  /** `path` (absolute) or `url` with `branch`. */
  source: { kind: 'path'; path: string } | { kind: 'git'; url: string; branch: string };
  claims?: string[];
  rules?: Record<string, z.infer<typeof RuleSetting>>;
  failOn: FailOn[];
}

/** A validated scan config. */
export interface ScanConfig {
  file: string;
  cache: string;
  db: string | null;
  targets: ScanTarget[];
}

const KEYS = {
  top: 'cache, db, failOn, repositories',
  repo: 'name, path, url, branch, claims, rules, failOn',
};

/** Reads and validates a scan config; a ConfigError names the file, the place and the wrong key. */
export function loadScanConfig(file: string): ScanConfig {
  let raw: unknown;
  try {
    const text = readFileSync(file, 'utf8');
    raw = file.endsWith('.json') ? JSON.parse(text) : parseYaml(text);
  } catch (err) {
    throw new ConfigError(`${file}: cannot read scan config: ${(err as Error).message.split('\n')[0]}`);
  }
  const parsed = ScanSchema.safeParse(raw ?? {});
  if (!parsed.success) {
    // A misspelt key also leaves the key it was meant to be missing: naming the misspelling helps more.
    const issues = parsed.error.issues;
    const issue = innermost(issues.find((i) => i.code === 'unrecognized_keys') ?? issues[0]!);
    const where = issue.path.length ? issue.path.join('.') : '(top level)';
    const what = issue.code === 'unrecognized_keys' ? `unknown key ${issue.keys.map((k) => `'${k}'`).join(', ')}` : issue.message;
    const allowed = issue.path[0] === 'repositories' && issue.path.length > 1 ? KEYS.repo : KEYS.top;
    throw new ConfigError(`${file}: invalid scan config at ${where}: ${what}. Allowed keys: ${allowed}.`);
  }
  const base = dirname(resolve(file));
  const data = parsed.data;
  const targets = data.repositories.map((r): ScanTarget => {
    const source: ScanTarget['source'] = r.url !== undefined ? { kind: 'git', url: r.url, branch: r.branch! } : { kind: 'path', path: resolve(base, r.path!) };
    return {
      name: r.name ?? defaultName(r.url ?? r.path!),
      source,
      ...(r.claims ? { claims: r.claims } : {}),
      ...(r.rules ? { rules: r.rules } : {}),
      failOn: r.failOn ?? data.failOn ?? [],
    };
  });
  const seen = new Set<string>();
  targets.forEach((t, i) => {
    if (seen.has(t.name)) throw new ConfigError(`${file}: invalid scan config at repositories.${i}: the name '${t.name}' is used twice; give one of them a name`);
    seen.add(t.name);
  });
  return {
    file,
    cache: resolve(base, data.cache ?? '.claimcheck-cache'),
    db: data.db ? resolve(base, data.db) : null,
    targets,
  };
}

/** `https://host/team/meshd.git` → `meshd`; `samples/ts-orders/` → `ts-orders`. */
export function defaultName(location: string): string {
  const last = basename(location.replace(/[\\/]+$/, '')).replace(/\.git$/, '');
  const cleaned = last.replace(/[^A-Za-z0-9._-]/g, '-').replace(/^[^A-Za-z0-9]+/, '');
  return cleaned || 'repository';
}
