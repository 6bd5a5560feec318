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

const RuleSetting = z.union([z.enum(['off', 'on']), z.enum(SEVERITIES), z.boolean()]);

const ConfigSchema = z
  .object({
    /** Globs of report files to audit when --claims is not given. */
    claims: z.array(z.string()).optional(),
    /** Extra globs of test code (mocks there are fine). */
    tests: z.array(z.string()).optional(),
    /** Globs of paths never analysed. */
    ignore: z.array(z.string()).optional(),
    /** Per-rule setting: off/on, or a severity override. Keys are rule ids or category names. */
    rules: z.record(z.string(), RuleSetting).optional(),
    /** Files larger than this many bytes are skipped (`too-large`). */
    maxFileBytes: z.number().int().positive().optional(),
    /** Per-file parse time budget in milliseconds. */
    parseBudgetMs: z.number().int().positive().optional(),
  })
  .strict();

export type ClaimcheckConfig = z.infer<typeof ConfigSchema>;

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
    const issue = parsed.error.issues[0]!;
    const where = issue.path.length ? issue.path.join('.') : '(top level)';
    const keys = issue.code === 'unrecognized_keys' ? ` ${issue.keys.map((k) => `'${k}'`).join(', ')}` : '';
    throw new ConfigError(
      `${path}: invalid config at ${where}: ${issue.message}${keys}. Allowed keys: claims, tests, ignore, rules, maxFileBytes, parseBudgetMs.`,
    );
  }
  return { config: parsed.data, path };
}
