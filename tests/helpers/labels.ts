/**
 * The labelled set: every claim of every sample report with its expected
 * verdict (tests/labels/<sample>.json, format in tests/labels/README.md).
 * Matches labels to extracted claims and computes the figures the README
 * quotes: verdict accuracy, extraction coverage, wrong "verified".
 */
import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { CheckedClaim } from '../../src/claims/types.js';

export interface Label {
  doc: string;
  line: number;
  kind: string;
  match: string;
  verdict: 'verified' | 'contradicted' | 'unverifiable';
  why?: string;
}

export interface LabelResult {
  label: Label;
  claim: CheckedClaim | null;
  /** A claim at the same line exists, whatever its kind. */
  extracted: boolean;
  correct: boolean;
}

export const LABEL_DIR = fileURLToPath(new URL('../labels', import.meta.url));

export function loadLabels(sample: string): Label[] {
  const p = join(LABEL_DIR, `${sample}.json`);
  if (!existsSync(p)) return [];
  const raw = JSON.parse(readFileSync(p, 'utf8')) as Label[] | { labels: Label[] };
  return Array.isArray(raw) ? raw : raw.labels;
}

export function labelledSamples(): string[] {
  return readdirSync(LABEL_DIR)
    .filter((f) => f.endsWith('.json'))
    .map((f) => f.replace(/\.json$/, ''))
    .sort();
}

const norm = (s: string) => s.toLowerCase().replace(/[`*_]/g, '').replace(/\s+/g, ' ').trim();

export function matchLabels(labels: Label[], claims: CheckedClaim[]): LabelResult[] {
  return labels.map((label) => {
    const atLine = claims.filter((c) => c.sources.some((s) => s.path === label.doc && s.line === label.line));
    const m = norm(label.match);
    const sameKind = atLine.filter((c) => c.kind === label.kind);
    const claim =
      sameKind.find((c) => norm(c.text).includes(m) || m.includes(norm(c.text))) ??
      (sameKind.length === 1 ? sameKind[0]! : null);
    return { label, claim, extracted: atLine.length > 0, correct: !!claim && claim.verdict === label.verdict };
  });
}

export interface Figures {
  labels: number;
  correct: number;
  notExtracted: number;
  wrongVerified: number;
  contradictedVerified: number;
}

export function figures(results: LabelResult[]): Figures {
  return {
    labels: results.length,
    correct: results.filter((r) => r.correct).length,
    notExtracted: results.filter((r) => !r.extracted).length,
    wrongVerified: results.filter((r) => r.claim?.verdict === 'verified' && r.label.verdict !== 'verified').length,
    contradictedVerified: results.filter((r) => r.claim?.verdict === 'verified' && r.label.verdict === 'contradicted').length,
  };
}
