/**
 * `.claimcheck.yml` / `.claimcheck.json` at the repository root (or a file
 * given with --config). Validated strictly so a misspelt key is named in the
 * error instead of being silently ignored.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';

export const SEVERITIES = ['error', 'warning', 'info'] as const;
export type Severity = (typeof SEVERITIES)[number];

/** A rule's setting: off/on, or a severity override (shared with the scan config). */
export const RuleSetting = z.union([z.enum(['off', 'on']), z.enum(SEVERITIES), z.boolean()]);

const OneOrMany = z.union([z.string().min(1), z.array(z.string().min(1)).min(1)]);

/**
 * An `ignore` entry that suppresses findings: of the rules (ids, categories
 * or id prefixes) named, in the paths (globs) named; at least one of the two.
 * The files are still analysed, and every suppressed finding is counted.
 */
const FindingIgnore = z
  .object({
    rule: OneOrMany.optional(),
    path: OneOrMany.optional(),
    reason: z.string().optional(),
  })
  .strict()
  .refine((e) => e.rule !== undefined || e.path !== undefined, { message: 'an ignore entry needs a rule, a path, or both' });

export type FindingIgnoreEntry = z.infer<typeof FindingIgnore>;

/** A string is a glob of paths never analysed; an object suppresses findings (FindingIgnore). */
const IgnoreEntry = z.union([z.string().min(1), FindingIgnore]);

const ConfigSchema = z
  .object({
    /** Globs of report files to audit when --claims is not given. */
    claims: z.array(z.string()).optional(),
    /** Extra globs of test code (mocks there are fine). */
    tests: z.array(z.string()).optional(),
    /** Globs of folders or files that are not production code (backups, examples, scratch work): only build errors and missing methods are reported there. */
    nonProduction: z.array(z.string()).optional(),
    /** Globs of folders or files that are production code even where their names say otherwise (a `backup` service, an `examples` package that ships). */
    production: z.array(z.string()).optional(),
    /** Globs of paths never analysed, and findings suppressed by rule and path. */
    ignore: z.array(IgnoreEntry).optional(),
    /** Per-rule setting: off/on, or a severity override. Keys are rule ids or category names. */
    rules: z.record(z.string(), RuleSetting).optional(),
    /** Files larger than this many bytes are skipped (`too-large`). */
    maxFileBytes: z.number().int().positive().optional(),
    /** Per-file parse time budget in milliseconds. */
    parseBudgetMs: z.number().int().positive().optional(),
  })
  .strict();

export type ClaimcheckConfig = z.infer<typeof ConfigSchema>;

/** The `ignore` globs of paths never analysed (the string entries). */
export function ignoredPathGlobs(config: ClaimcheckConfig): string[] {
  return (config.ignore ?? []).filter((e): e is string => typeof e === 'string');
}

/** The `ignore` entries that suppress findings (the object entries), with their index in the list. */
export function findingIgnores(config: ClaimcheckConfig): { index: number; entry: FindingIgnoreEntry }[] {
  return (config.ignore ?? []).flatMap((e, index) => (typeof e === 'string' ? [] : [{ index, entry: e }]));
}

/** An error the user can act on: names the file and what to change. */
export class ConfigError extends Error {}

export const CONFIG_FILES = ['.claimcheck.yml', '.claimcheck.yaml', '.claimcheck.json'];

/** Loads the config from an explicit path, or the first default file found at `root`; `{}` when none. */
export function loadConfig(root: string, explicit?: string): { config: ClaimcheckConfig; path: string | null } {
  const path = explicit ?? CONFIG_FILES.map((f) => join(root, f)).find((p) => existsSync(p)) ?? null;
  if (!path) return { config: {}, path: null };
  let raw: unknown;
  try {
    const text = readFileSync(path, 'utf8');
    raw = path.endsWith('.json') ? JSON.parse(text) : parseYaml(text);
  } catch (err) {
    throw new ConfigError(`${path}: cannot read config: ${(err as Error).message.split('\n')[0]}`);
  }
  if (raw === null || raw === undefined) return { config: {}, path };
  const parsed = ConfigSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = innermost(parsed.error.issues[0]!);
    const where = issue.path.length ? issue.path.join('.') : '(top level)';
    const keys = issue.code === 'unrecognized_keys' ? ` ${issue.keys.map((k) => `'${k}'`).join(', ')}` : '';
    throw new ConfigError(
      `${path}: invalid config at ${where}: ${issue.message}${keys}. Allowed keys: claims, tests, nonProduction, production, ignore, rules, maxFileBytes, parseBudgetMs.`,
    );
  }
  return { config: parsed.data, path };
}

/** A union's issue says only "Invalid input": the issue of the branch the value was meant for names the wrong key. */
export function innermost(issue: z.ZodIssue): z.ZodIssue {
  if (issue.code !== 'invalid_union') return issue;
  // The branch that got furthest (an object with a bad key) rather than "expected string".
  const branches = issue.unionErrors.map((e) => e.issues[0]!).filter(Boolean);
  const best = branches.find((i) => i.code !== 'invalid_type') ?? branches[0];
  return best ? innermost(best) : issue;
}
