/**
 * SARIF 2.1.0 for code scanning (GitHub and other SARIF consumers): one run,
 * the rules with their docs, findings as results, and contradicted claims as
 * results of the rule `claim/contradicted` located at the report line that
 * makes the claim. partialFingerprints are the report's stable fingerprints
 * (fingerprint.ts): they do not depend on line numbers, so an alert survives
 * code moving up or down.
 */
import type { AuditReport, ReportClaim, ReportFinding } from './model.js';
import { claimBasis, findingBasis, fingerprints } from './fingerprint.js';
import { orderClaims, orderFindings } from './present.js';

export interface SarifRule {
  id: string;
  category: string;
  severity: string;
  docs: { summary: string; why: string; fix: string };
}

export interface SarifOptions {
  /** Every rule that ran (the driver lists them all, not only those with results). */
  rules: SarifRule[];
}

/** The rule under which contradicted claims are reported. */
export const CLAIM_RULE_ID = 'claim/contradicted';

/** The base id results' URIs are relative to: the audited root. */
export const SRCROOT = 'SRCROOT';

/** v2: the report's fingerprints (rule, path, enclosing symbol, code); v1 hashed rule, path and excerpt with a rank. */
export const FINGERPRINT_KEY = 'claimcheck/v2';
export const SARIF_SCHEMA_URI = 'https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json';

const CLAIM_RULE: SarifRule = {
  id: CLAIM_RULE_ID,
  category: 'claim',
  severity: 'error',
  docs: {
    summary: 'A status report claims something the repository shows to be false.',
    why: 'Reviewers and release gates trust status reports; a contradicted claim (a file that does not exist, a count that is wrong, a fix that is not in the code) means the report cannot be taken at its word.',
    fix: 'Correct the report, or make the code match what it claims. The result lists the evidence claimcheck found.',
  },
};

type Level = 'error' | 'warning' | 'note';

function level(severity: string): Level {
  return severity === 'error' ? 'error' : severity === 'warning' ? 'warning' : 'note';
}

/**
 * SARIF plain-text messages treat `[text](n)` as a link to a related
 * location, so brackets (and the backslash that escapes them) from the
 * repository are escaped (SARIF 2.1.0 §3.11.6).
 */
export function sarifText(text: string): string {
  return text.replace(/[\\[\]]/g, '\\$&');
}

/**
 * The fingerprint of each item: its own, or for a report saved before
 * fingerprints were written, one computed from what the report holds (a
 * finding without its enclosing symbol: that needs the repository).
 */
function printsOf<T extends { fingerprint?: string }>(items: readonly T[], basis: (x: T) => string[]): Map<T, string> {
  const computed = fingerprints(items.map(basis));
  return new Map(items.map((x, i) => [x, x.fingerprint ?? computed[i]!]));
}

function artifactLocation(path: string): { uri: string; uriBaseId?: string } {
  const p = path.replace(/\\/g, '/');
  if (p.startsWith('/') || /^[A-Za-z]:\//.test(p)) {
    // A claims document outside the repository keeps its own absolute path.
    const abs = p.startsWith('/') ? p : `/${p}`;
    return { uri: 'file://' + abs.split('/').map(encodeURIComponent).join('/').replace(/^\/([A-Za-z])%3A/, '/$1:') };
  }
  return { uri: p.split('/').map(encodeURIComponent).join('/'), uriBaseId: SRCROOT };
}

function region(line: number | undefined, endLine?: number, snippet?: string) {
  if (!line || line < 1 || !Number.isInteger(line)) return undefined;
  const r: { startLine: number; endLine?: number; snippet?: { text: string } } = { startLine: line };
  if (endLine && Number.isInteger(endLine) && endLine > line) r.endLine = endLine;
  if (snippet) r.snippet = { text: snippet };
  return r;
}

function physical(path: string, line?: number, endLine?: number, snippet?: string) {
  const reg = region(line, endLine, snippet);
  return { artifactLocation: artifactLocation(path), ...(reg ? { region: reg } : {}) };
}

function ruleDescriptor(rule: SarifRule) {
  const { summary, why, fix } = rule.docs;
  return {
    id: rule.id,
    shortDescription: { text: summary },
    fullDescription: { text: why },
    help: {
      text: `${summary}\n\nWhy: ${why}\n\nFix: ${fix}`,
      markdown: `${summary}\n\n**Why:** ${why}\n\n**Fix:** ${fix}`,
    },
    defaultConfiguration: { level: level(rule.severity) },
    properties: { tags: [rule.category], category: rule.category },
  };
}

/** Renders the report as a SARIF 2.1.0 log (a plain object; serialise with JSON.stringify). */
export function renderSarif(report: AuditReport, opts: SarifOptions): object {
  const rules = new Map<string, SarifRule>();
  for (const r of opts.rules) rules.set(r.id, r);
  // A finding of a rule the caller did not list still needs a descriptor for its ruleIndex.
  for (const f of report.findings) {
    if (!rules.has(f.ruleId)) {
      rules.set(f.ruleId, {
        id: f.ruleId,
        category: f.category,
        severity: f.severity,
        docs: { summary: `${f.category} finding (${f.ruleId})`, why: 'No documentation was supplied for this rule.', fix: 'See the result message.' },
      });
    }
  }
  rules.set(CLAIM_RULE_ID, CLAIM_RULE);
  const ordered = [...rules.values()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const index = new Map(ordered.map((r, i) => [r.id, i]));
  const findings = orderFindings(report.findings);
  const findingPrints = printsOf(findings, (f) => findingBasis(f, null));
  const contradicted = orderClaims(report.claims.filter((c) => c.verdict === 'contradicted'));
  const claimPrints = printsOf(contradicted, (c) => claimBasis(c));

  const findingResult = (f: ReportFinding) => {
    return {
      ruleId: f.ruleId,
      ruleIndex: index.get(f.ruleId)!,
      level: level(f.severity),
      message: { text: sarifText(f.message) },
      locations: [{ physicalLocation: physical(f.path, f.line, f.endLine, f.excerpt || undefined) }],
      partialFingerprints: { [FINGERPRINT_KEY]: findingPrints.get(f)! },
      ...(f.related?.length
        ? {
            relatedLocations: f.related.map((r, i) => ({
              id: i + 1,
              physicalLocation: physical(r.path, r.line),
              message: { text: sarifText(r.note) },
            })),
          }
        : {}),
      properties: { category: f.category, findingId: f.id },
    };
  };

  // The whole report line a claim sits on, so an alert shows what the report said, not only the claim's part of it.
  const lineText = new Map(report.statements.map((st) => [`${st.path}\0${st.line}`, st.text]));
  const claimResult = (c: ReportClaim) => {
    const statement = lineText.get(`${c.source.path}\0${c.source.line}`);
    const related = c.evidence.map((e, i) => ({
      id: i + 1,
      physicalLocation: physical(e.path, e.line, e.endLine),
      message: { text: sarifText(e.note) },
    }));
    return {
      ruleId: CLAIM_RULE_ID,
      ruleIndex: index.get(CLAIM_RULE_ID)!,
      level: 'error' as const,
      message: { text: sarifText(`Contradicted ${c.kind} claim: "${c.text}". ${c.reason}`) },
      locations: [{ physicalLocation: physical(c.source.path, c.source.line) }],
      partialFingerprints: { [FINGERPRINT_KEY]: claimPrints.get(c)! },
      ...(related.length ? { relatedLocations: related } : {}),
      properties: { kind: c.kind, claimId: c.id, ...(statement !== undefined ? { statement: sarifText(statement) } : {}) },
    };
  };

  const semver = /^\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?(?:\+[0-9A-Za-z.-]+)?$/.test(report.tool.version);
  return {
    $schema: SARIF_SCHEMA_URI,
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: report.tool.name,
            version: report.tool.version,
            ...(semver ? { semanticVersion: report.tool.version } : {}),
            rules: ordered.map(ruleDescriptor),
          },
        },
        results: [...findings.map(findingResult), ...contradicted.map(claimResult)],
        columnKind: 'utf16CodeUnits',
        properties: { commit: report.target.commit, summary: report.summary },
      },
    ],
  };
}
