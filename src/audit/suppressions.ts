/**
 * Suppressions, counted: inline `claimcheck-ignore` comments (found by the
 * rules stage) and the config's `ignore` entries. A suppressed finding leaves
 * `findings` but is listed under `suppressed` with the suppression that
 * covers it; a suppression that covers nothing is reported as stale. Nothing
 * is hidden without a trace.
 */
import picomatch from 'picomatch';
import { findingIgnores, type ClaimcheckConfig } from '../repo/config.js';
import { namesRule, type InlineSuppression, type SuppressedFinding as RuleSuppressed } from '../rules/suppress.js';
import type { Finding } from '../rules/types.js';
import type { Suppression, SuppressionRef } from '../report/model.js';

export interface SuppressionInput {
  /** Findings no inline comment covers. */
  findings: Finding[];
  /** Findings inline comments cover, with the comment of each. */
  inlineSuppressed: RuleSuppressed[];
  /** Every inline comment found. */
  directives: InlineSuppression[];
  config: ClaimcheckConfig;
  /** The config file as the report names it, or null when there is none. */
  configPath: string | null;
  /** Files each `ignore` glob kept out of the snapshot. */
  configIgnored: { glob: string; files: number }[];
  /** Rule ids and categories that exist, to say why a stale suppression matches nothing. */
  knownRules: { id: string; category: string }[];
}

export interface SuppressionResult {
  findings: Finding[];
  suppressed: { finding: Finding; by: SuppressionRef }[];
  suppressions: Suppression[];
}

const toList = (v: string | string[] | undefined): string[] => (v === undefined ? [] : Array.isArray(v) ? v : [v]);

/** What a list of rule names misses: the names that are no rule id, category or id prefix. */
function unknownNames(names: string[], known: { id: string; category: string }[]): string[] {
  return names.filter((n) => !known.some((r) => namesRule([n], r.id, r.category)));
}

export function applySuppressions(input: SuppressionInput): SuppressionResult {
  const suppressions: Suppression[] = [];
  const suppressed: SuppressionResult['suppressed'] = [];
  const configFile = input.configPath ?? '.claimcheck.yml';

  // Inline comments: the rules stage already set their findings aside.
  const inlineKey = (p: string, l: number) => `${p}\0${l}`;
  const inlineCount = new Map<string, number>();
  for (const s of input.inlineSuppressed) {
    const k = inlineKey(s.by.path, s.by.line);
    inlineCount.set(k, (inlineCount.get(k) ?? 0) + 1);
    suppressed.push({ finding: s.finding, by: { kind: 'inline', path: s.by.path, line: s.by.line, entry: null } });
  }
  for (const d of input.directives) {
    const n = inlineCount.get(inlineKey(d.path, d.line)) ?? 0;
    const unknown = unknownNames(d.rules, input.knownRules);
    suppressions.push({
      kind: 'inline',
      path: d.path,
      line: d.line,
      entry: null,
      rules: d.rules,
      paths: [],
      reason: d.reason,
      findings: n,
      files: null,
      stale: n === 0,
      ...(n === 0 && unknown.length ? { note: `no rule or category is named ${unknown.map((u) => `'${u}'`).join(', ')}` } : {}),
    });
  }

  // Config entries: the string ones kept files out of the snapshot; the object ones take findings out here.
  const entries = input.config.ignore ?? [];
  const globFiles = new Map(input.configIgnored.map((g) => [g.glob, g.files]));
  const objectEntries = findingIgnores(input.config).map(({ index, entry }) => {
    const rules = toList(entry.rule);
    const paths = toList(entry.path);
    const match = paths.length ? picomatch(paths, { dot: true }) : () => true;
    return { index, rules, paths, reason: entry.reason ?? null, covers: (f: Finding) => (rules.length === 0 || namesRule(rules, f.ruleId, f.category)) && match(f.path), count: 0 };
  });
  const findings: Finding[] = [];
  for (const f of input.findings) {
    const e = objectEntries.find((x) => x.covers(f));
    if (!e) {
      findings.push(f);
      continue;
    }
    e.count++;
    suppressed.push({ finding: f, by: { kind: 'config', path: configFile, line: null, entry: e.index } });
  }
  entries.forEach((entry, index) => {
    if (typeof entry === 'string') {
      const files = globFiles.get(entry) ?? 0;
      suppressions.push({ kind: 'config', path: configFile, line: null, entry: index, rules: [], paths: [entry], reason: null, findings: 0, files, stale: files === 0 });
      return;
    }
    const e = objectEntries.find((x) => x.index === index)!;
    const unknown = unknownNames(e.rules, input.knownRules);
    suppressions.push({
      kind: 'config',
      path: configFile,
      line: null,
      entry: index,
      rules: e.rules,
      paths: e.paths,
      reason: e.reason,
      findings: e.count,
      files: null,
      stale: e.count === 0,
      ...(e.count === 0 && unknown.length ? { note: `no rule or category is named ${unknown.map((u) => `'${u}'`).join(', ')}` } : {}),
    });
  });
  return { findings, suppressed, suppressions };
}
