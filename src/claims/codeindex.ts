/**
 * What words a file's code contains, and on which lines: the evidence a
 * feature claim is looked up in. Comments and docstrings are left out (a
 * comment saying "retries with backoff" is not a retry), identifiers are
 * split into words (`find_available_agents` → find, available, agents) and
 * stemmed, string literals count (a format name, a route, a metric key are
 * written as strings). Import lines are marked so that a library that is
 * only imported is told apart from one that is used.
 *
 * Built per file on demand and cached per snapshot: a claim only ever reads
 * the files of its own scope.
 */
import type { RepoSnapshot } from '../repo/snapshot.js';
import type { SourceModel } from '../lang/model.js';
import { identifierWords, stem } from './terms.js';

/** Where the words of one file occur. */
export interface FileWords {
  path: string;
  /** stem → lines (ascending, unique). */
  stems: Map<string, number[]>;
  /** Lines that are import statements. */
  importLines: Set<number>;
  /** Import line → the names it binds in the file (lower case): what a use of the import would spell. */
  importBindings: Map<number, string[]>;
  /** The file's text is prose (a markdown or text document): its words are the claim's subject, not code. */
  prose: boolean;
  /** Numeric literals of the code (`80`, `0.85`, `5_000` as "5000") → lines: the settings a report's figures are. */
  numbers: Map<string, number[]>;
}

/** Files whose whole text is configuration or data, where `#` starts a comment line. */
const CONFIG_FILE = /(^|\/)(Dockerfile[^/]*|[^/]*\.(ya?ml|toml|ini|cfg|conf|env|properties|json|tf|hcl|sql|proto|graphql|gql|xml|html?|css|scss|sh|bash|mk)|Makefile|Procfile|\.env[^/]*)$/i;
const PROSE_FILE = /\.(md|markdown|rst|txt|adoc)$/i;

export function isIndexable(path: string, language: string | null): boolean {
  return !!language || CONFIG_FILE.test(path) || PROSE_FILE.test(path);
}

export function isProse(path: string): boolean {
  return PROSE_FILE.test(path);
}

/** Blanks the ranges of comments and docstrings so their words are not code. */
function codeLines(text: string, model: SourceModel | null, path: string): string[] {
  const lines = text.split(/\r?\n/);
  if (model) {
    for (const c of model.comments) {
      for (let l = c.range.line; l <= c.range.endLine; l++) {
        const i = l - 1;
        if (i < 0 || i >= lines.length) continue;
        const s = lines[i]!;
        const from = l === c.range.line ? c.range.column - 1 : 0;
        const to = l === c.range.endLine ? c.range.endColumn - 1 : s.length;
        lines[i] = s.slice(0, Math.max(0, from)) + ' '.repeat(Math.max(0, to - from)) + s.slice(Math.max(0, to));
      }
    }
  } else if (CONFIG_FILE.test(path)) {
    for (let i = 0; i < lines.length; i++) if (/^\s*(#|\/\/)/.test(lines[i]!)) lines[i] = '';
  }
  return lines;
}

function indexFileWords(path: string, text: string, model: SourceModel | null): FileWords {
  const prose = isProse(path);
  const lines = prose ? text.split(/\r?\n/) : codeLines(text, model, path);
  const stems = new Map<string, number[]>();
  const numbers = new Map<string, number[]>();
  const add = (s: string, line: number) => {
    const list = stems.get(s);
    if (!list) stems.set(s, [line]);
    else if (list[list.length - 1] !== line) list.push(line);
  };
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (line.length > 2000) continue; // minified or generated: no evidence a reader could check
    for (const m of line.matchAll(/(?<![\w.])\d[\d_]*(?:\.\d+)?(?![\w.])/g)) {
      const n = String(Number(m[0].replace(/_/g, '')));
      const list = numbers.get(n);
      if (!list) numbers.set(n, [i + 1]);
      else if (list[list.length - 1] !== i + 1) list.push(i + 1);
    }
    for (const m of line.matchAll(/[A-Za-z][A-Za-z0-9_]*/g)) {
      const id = m[0];
      const whole = id.toLowerCase();
      // The whole identifier too: `pubsub`, `junit`, `hashlib` are single words to a report.
      add(whole, i + 1);
      for (const w of identifierWords(id)) {
        add(w, i + 1);
        add(stem(w), i + 1);
      }
    }
  }
  const importLines = new Set<number>();
  const importBindings = new Map<number, string[]>();
  for (const imp of model?.imports ?? []) {
    const bound = imp.names.length
      ? imp.names.map((n) => n.alias ?? n.name)
      : [imp.alias ?? (model!.language === 'python' ? imp.module.replace(/^\.+/, '').split('.')[0]! : imp.module.split('/').pop()!)];
    for (let l = imp.range.line; l <= imp.range.endLine; l++) {
      importLines.add(l);
      importBindings.set(l, [...(importBindings.get(l) ?? []), ...bound.filter(Boolean).map((b) => b.toLowerCase())]);
    }
  }
  return { path, stems, importLines, importBindings, prose, numbers };
}

const perSnapshot = new WeakMap<RepoSnapshot, Map<string, FileWords | null>>();

/** The words of one file, or null when it cannot be read. */
export function fileWords(snapshot: RepoSnapshot, path: string, model: (p: string) => SourceModel | null): FileWords | null {
  let cache = perSnapshot.get(snapshot);
  if (!cache) perSnapshot.set(snapshot, (cache = new Map()));
  if (cache.has(path)) return cache.get(path)!;
  const r = snapshot.read(path);
  const words = r.ok ? indexFileWords(path, r.text, model(path)) : null;
  cache.set(path, words);
  return words;
}

/** Lines of `fw` where a term (any of its stems) occurs; a `a+b` stem needs both parts as word prefixes. */
export function termLines(fw: FileWords, stems: readonly string[], match: (t: string, c: string) => boolean): number[] {
  const out = new Set<number>();
  for (const s of stems) {
    if (s.includes('+')) {
      const [a, b] = s.split('+') as [string, string];
      const la = prefixLines(fw, a);
      const lb = prefixLines(fw, b);
      if (la.length && lb.length) for (const l of [...la, ...lb]) out.add(l);
      continue;
    }
    const exact = fw.stems.get(s);
    if (exact) for (const l of exact) out.add(l);
    if (s.length >= 5) for (const [k, lines] of fw.stems) if (k !== s && match(s, k)) for (const l of lines) out.add(l);
  }
  return [...out].sort((a, b) => a - b);
}

/** Lines with a word starting with `p`; a part of two letters ("CI" of "CI/CD") must be a whole word. */
function prefixLines(fw: FileWords, p: string): number[] {
  if (p.length < 3) return [...(fw.stems.get(p) ?? [])];
  const out: number[] = [];
  for (const [k, lines] of fw.stems) if (k.startsWith(p)) out.push(...lines);
  return out;
}

/** Whether one of the names an import line binds is used on a line that is not an import. */
export function importUsed(fw: FileWords, line: number): boolean {
  for (const name of fw.importBindings.get(line) ?? []) {
    if ((fw.stems.get(name) ?? []).some((l) => !fw.importLines.has(l))) return true;
  }
  return false;
}
