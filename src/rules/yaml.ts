/**
 * Declarative rule packs (rules/*.yaml): a user adds a rule without touching
 * the engine. Two forms: a comment pattern (a regular expression matched
 * against comments and docstrings of the model) and a tree-sitter query per
 * language whose `@match` capture is the finding.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import type { CommentKind } from '../lang/model.js';
import type { FileRule, QueryRule, RawFinding, Rule } from './types.js';

const Example = z.object({ files: z.record(z.string(), z.string()), note: z.string().optional() }).strict();
const Docs = z
  .object({
    summary: z.string(),
    why: z.string(),
    fix: z.string(),
    bad: z.array(Example).min(1),
    good: z.array(Example).min(1),
    references: z.array(z.string()).optional(),
  })
  .strict();
const Lang = z.enum(['python', 'go', 'typescript', 'javascript']);
const Base = {
  id: z.string().regex(/^[a-z-]+\/[a-z0-9-]+$/, 'rule ids look like category/name'),
  category: z.enum(['placeholder', 'mock-in-production', 'method-mismatch', 'missing-timeout', 'build-error']),
  severity: z.enum(['error', 'warning', 'info']),
  languages: z.array(Lang).min(1),
  message: z.string(),
  docs: Docs,
};
const CommentRuleSchema = z
  .object({
    ...Base,
    /** Regular expression (JavaScript syntax, case-insensitive) matched against each comment's text. */
    comment: z.string(),
    /** Which comments: line/block comments, docstrings, or both (default both). */
    in: z.array(z.enum(['line', 'block', 'docstring'])).optional(),
    /** A second expression that, when it also matches, silences the finding (e.g. a TODO naming a tracked issue). */
    unless: z.string().optional(),
    /** Match case exactly (TODO markers are upper-case by convention; prose "todo" is not a marker). */
    caseSensitive: z.boolean().optional(),
  })
  .strict();
const QueryRuleSchema = z.object({ ...Base, query: z.record(Lang, z.string()) }).strict();
const PackSchema = z.array(z.union([CommentRuleSchema, QueryRuleSchema]));

/** Loads every rules/*.yaml pack. Throws an Error naming the file and the rule on a malformed pack. */
export function loadYamlRules(dir: string): Rule[] {
  let names: string[];
  try {
    names = readdirSync(dir).filter((n) => n.endsWith('.yaml') || n.endsWith('.yml')).sort();
  } catch {
    return [];
  }
  const rules: Rule[] = [];
  for (const name of names) {
    const path = join(dir, name);
    const parsed = PackSchema.safeParse(parseYaml(readFileSync(path, 'utf8')));
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      throw new Error(`${path}: invalid rule pack at ${issue.path.join('.')}: ${issue.message}`);
    }
    for (const r of parsed.data) rules.push('comment' in r ? commentRule(r) : queryRule(r));
  }
  return rules;
}

function queryRule(r: z.infer<typeof QueryRuleSchema>): QueryRule {
  return { ...r, scope: 'query', queries: r.query };
}

function commentRule(r: z.infer<typeof CommentRuleSchema>): FileRule {
  const flags = r.caseSensitive ? 'u' : 'iu';
  const re = new RegExp(r.comment, flags);
  const unless = r.unless ? new RegExp(r.unless, 'iu') : null;
  const kinds = new Set<CommentKind>(r.in ?? ['line', 'block', 'docstring']);
  return {
    id: r.id,
    category: r.category,
    severity: r.severity,
    languages: r.languages,
    docs: r.docs,
    scope: 'file',
    check({ model }) {
      const out: RawFinding[] = [];
      for (const c of model.comments) {
        if (!kinds.has(c.kind)) continue;
        // Report the line of the match, not the first line of a long docstring.
        const lines = c.text.split('\n');
        for (let i = 0; i < lines.length; i++) {
          const m = re.exec(lines[i]!);
          if (!m || (unless && unless.test(lines[i]!))) continue;
          const text = m.groups?.m ?? m[0];
          const start = m.index + m[0].indexOf(text);
          // A phrase in quotes or backticks is talk about the phrase ("not implemented" as a message), not a marker.
          if (isQuoted(lines[i]!, start, start + text.length)) continue;
          const line = c.range.line + i;
          out.push({ line, message: r.message.replace('{match}', text.trim()) });
          break;
        }
      }
      return out;
    },
  };
}

const QUOTES = new Set(['"', "'", '`', '“', '”', '‘', '’']);

/** True when the span sits inside a quoted part of the line ("not implemented" as a message is talk about the phrase). */
export function isQuoted(line: string, start: number, end: number): boolean {
  const before = line.slice(0, start);
  const after = line.slice(end);
  // Inside a quoted span: an odd number of a quote character before the match, and that quote again after it.
  for (const q of QUOTES) {
    const open = q === '“' ? '“' : q === '‘' ? '‘' : q;
    const close = q === '“' ? '”' : q === '‘' ? '’' : q;
    if (q === '”' || q === '’') continue;
    const opens = before.split(open).length - 1;
    const closesBefore = open === close ? 0 : before.split(close).length - 1;
    const inside = open === close ? opens % 2 === 1 : opens > closesBefore;
    if (inside && after.includes(close)) return true;
  }
  return false;
}
