/**
 * Every rule claimcheck knows: the code rules under builtin/ and the YAML
 * packs under rules/. Config settings (off/on, severity overrides by rule id
 * or category) are applied here, once.
 */
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';
import type { ClaimcheckConfig, Severity } from '../repo/config.js';
import type { Rule } from './types.js';
import { loadYamlRules } from './yaml.js';
import { placeholderRules } from './builtin/placeholder.js';
import { pythonRules } from './builtin/python/index.js';
import { goRules } from './builtin/go/index.js';
import { typescriptRules } from './builtin/typescript/index.js';

/** The package root (same depth from src/rules and dist/rules). */
export const PACKAGE_ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const RULES_DIR = join(PACKAGE_ROOT, 'rules');

/** All rules, sorted by id, before config. Throws on a duplicate id or a malformed pack. */
export function allRules(): Rule[] {
  const rules = [...placeholderRules, ...pythonRules, ...goRules, ...typescriptRules, ...loadYamlRules(RULES_DIR)];
  const seen = new Set<string>();
  for (const r of rules) {
    if (seen.has(r.id)) throw new Error(`duplicate rule id ${r.id}`);
    seen.add(r.id);
  }
  return rules.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/** Applies `.claimcheck.yml` `rules:` settings; a rule id setting wins over its category's. */
export function configuredRules(config: ClaimcheckConfig = {}): Rule[] {
  const settings = config.rules ?? {};
  const known = allRules();
  const ids = new Set(known.map((r) => r.id));
  const categories = new Set(known.map((r) => r.category as string));
  for (const key of Object.keys(settings)) {
    if (!ids.has(key) && !categories.has(key)) {
      throw new Error(`config rules: unknown rule or category '${key}'; run 'claimcheck rules' to list them`);
    }
  }
  const out: Rule[] = [];
  for (const r of known) {
    const s = settings[r.id] ?? settings[r.category];
    if (s === 'off' || s === false) continue;
    if (s === 'error' || s === 'warning' || s === 'info') out.push({ ...r, severity: s as Severity });
    else out.push(r);
  }
  return out;
}
