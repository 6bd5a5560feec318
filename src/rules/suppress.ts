/**
 * Inline suppressions: a comment `claimcheck-ignore[rule-id, …] reason` on a
 * finding's line or the line above it. Without `[…]` it covers every rule; an
 * id may also be a category (`missing-timeout`) or a rule-id prefix. Every
 * directive is collected, so the audit can count what each one suppressed and
 * report those that suppress nothing as stale instead of letting them rot.
 */
import type { SourceModel } from '../lang/model.js';
import type { Finding } from './types.js';

/** One `claimcheck-ignore` comment. */
export interface InlineSuppression {
  path: string;
  line: number;
  /** Rule ids, categories or id prefixes named in `[…]`; empty: every rule. */
  rules: string[];
  /** The words after the directive, or null when none was given. */
  reason: string | null;
}

/** A finding a suppression covers, and the place of the suppression. */
export interface SuppressedFinding {
  finding: Finding;
  by: { path: string; line: number };
}

// A directive is a word of its own: not inside inline code or quotes that mention it (docs about the syntax).
const DIRECTIVE = /(?<![\w`'"])claimcheck-ignore(?![\w-])(?:\[([^\]]*)\])?([^\n]*)/;

/** The directive on one line of text, if there is one. */
export function parseDirective(text: string): { rules: string[]; reason: string | null } | null {
  const m = DIRECTIVE.exec(text);
  if (!m) return null;
  const rules = (m[1] ?? '').split(',').map((s) => s.trim()).filter(Boolean);
  // The reason is the rest of the comment: closing markers and a leading separator are not part of it.
  const reason = (m[2] ?? '')
    .replace(/\s*(?:\*\/|-->)\s*$/, '')
    .replace(/^\s*[:—–-]?\s*/, '')
    .trim();
  return { rules, reason: reason || null };
}

/**
 * Every directive in a file. With a source model only real comments count
 * (not strings or docstrings that talk about the syntax); a file without a
 * model (a repository rule's finding in a config file) is read line by line,
 * where the directive must follow a comment marker.
 */
export function findDirectives(path: string, lines: readonly string[], model: SourceModel | null | undefined): InlineSuppression[] {
  const out: InlineSuppression[] = [];
  if (model) {
    for (const c of model.comments) {
      if (c.kind === 'docstring' || !c.text.includes('claimcheck-ignore')) continue;
      for (let l = c.range.line; l <= c.range.endLine; l++) {
        const raw = lines[l - 1];
        const d = raw === undefined ? null : parseDirective(raw);
        if (d) out.push({ path, line: l, ...d });
      }
    }
  } else {
    lines.forEach((raw, i) => {
      const at = raw.indexOf('claimcheck-ignore');
      if (at < 0 || !/(?:#|\/\/|\/\*|<!--|--|;)[^\n]*$/.test(raw.slice(0, at))) return;
      const d = parseDirective(raw.slice(at));
      if (d) out.push({ path, line: i + 1, ...d });
    });
  }
  const seen = new Set<number>();
  return out.filter((d) => (seen.has(d.line) ? false : (seen.add(d.line), true)));
}

/** Whether a rule id or category is named by a directive's list: exactly, as its category, or as an id prefix. */
export function namesRule(names: readonly string[], ruleId: string, category: string): boolean {
  return names.length === 0 || names.some((n) => n === ruleId || n === category || ruleId.startsWith(n + '/'));
}

/** The directive that covers a finding of `ruleId` at `line`: on that line, else on the line above. */
export function coveringDirective(directives: readonly InlineSuppression[], line: number, ruleId: string, category: string): InlineSuppression | null {
  for (const l of [line, line - 1]) {
    const d = directives.find((x) => x.line === l);
    if (d && namesRule(d.rules, ruleId, category)) return d;
  }
  return null;
}
