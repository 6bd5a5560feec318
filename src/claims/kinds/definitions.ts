/**
 * Where a name is defined, or used, anywhere in the repository: for symbol
 * claims that name no file ("`flush_queue()` - drains the outbox") and for
 * claims that a method does not exist ("calls the non-existent `x()`").
 *
 * A definition is a parsed symbol (class, function, method, struct,
 * interface…). A copy kept aside (`backup/`, `old/`, `archive/`) is not the
 * live code a report is about, so its definitions are reported apart. A name
 * that no source file defines may still come from a library or the language
 * (`json.dumps`, `ValueError`): only a name that no file of code or config
 * contains at all is absent from the repository.
 */
import type { SymbolInfo } from '../../lang/model.js';
import { isArchivedCopy } from '../../repo/paths.js';
import { isProse } from '../codeindex.js';
import type { Evidence, VerifyContext } from '../types.js';

/** One definition of a name. */
export interface Definition {
  path: string;
  symbol: SymbolInfo;
}

/** The definitions of a name, split by where they are. */
export interface Definitions {
  /** In the live tree (tests included), owned as the report says when it gives an owner. */
  live: Definition[];
  /** Only in archived copies. */
  archived: Definition[];
  /** Under another owner than the one the report gives (`Job.run` asked, `Worker.run` found). */
  otherOwner: Definition[];
}

const definitionIndex = new WeakMap<object, Map<string, Definition[]>>();

/** Every parsed symbol by name, built once per snapshot. */
function definitionsByName(ctx: VerifyContext): Map<string, Definition[]> {
  let index = definitionIndex.get(ctx.snapshot);
  if (index) return index;
  index = new Map();
  for (const f of ctx.snapshot.files) {
    if (!f.language) continue;
    for (const symbol of ctx.model(f.path)?.symbols ?? []) {
      const list = index.get(symbol.name) ?? [];
      list.push({ path: f.path, symbol });
      index.set(symbol.name, list);
    }
  }
  definitionIndex.set(ctx.snapshot, index);
  return index;
}

/** The owner of a symbol as a report would write it: the Go receiver, else the innermost container. */
export function ownerOf(s: SymbolInfo): string | null {
  return s.receiver ?? s.container?.split('.').pop() ?? null;
}

/** Definitions of `name` (of `qualifier`'s last part when given), of the kinds asked for (all when none). */
export function definitionsOf(ctx: VerifyContext, name: string, qualifier: string | null, kinds?: readonly SymbolInfo['kind'][]): Definitions {
  const owner = qualifier?.split('.').pop() ?? null;
  const out: Definitions = { live: [], archived: [], otherOwner: [] };
  for (const d of definitionsByName(ctx).get(name) ?? []) {
    if (kinds && !kinds.includes(d.symbol.kind)) continue;
    if (owner && ownerOf(d.symbol) !== owner) out.otherOwner.push(d);
    else if (isArchivedCopy(d.path)) out.archived.push(d);
    else out.live.push(d);
  }
  return out;
}

/** Evidence for up to `max` definitions. */
export function definitionEvidence(defs: readonly Definition[], max = 3, note = 'defined here'): Evidence[] {
  return defs.slice(0, max).map((d) => ({
    path: d.path,
    line: d.symbol.range.line,
    endLine: Math.min(d.symbol.range.endLine, d.symbol.range.line + 8),
    note: `${d.symbol.kind} ${ownerOf(d.symbol) ? ownerOf(d.symbol) + '.' : ''}${d.symbol.name} ${note}`,
  }));
}

const wordIndex = new WeakMap<object, Map<string, { path: string; line: number }>>();

/**
 * Where a word first occurs in the repository's code and config (prose
 * documents set aside: a report naming a function is no trace of it), or
 * null. Comments and strings count: the question is whether the name is
 * anywhere at all, and a trace of it keeps a claim from being called absent.
 */
export function firstUse(ctx: VerifyContext, word: string): { path: string; line: number } | null {
  let index = wordIndex.get(ctx.snapshot);
  if (!index) {
    index = new Map();
    for (const f of ctx.snapshot.files) {
      if (isProse(f.path)) continue;
      const r = ctx.snapshot.read(f.path);
      if (!r.ok) continue;
      const lines = r.text.split('\n');
      for (let i = 0; i < lines.length; i++) {
        for (const m of lines[i]!.matchAll(/[A-Za-z_$][\w$]*/g)) if (!index.has(m[0])) index.set(m[0], { path: f.path, line: i + 1 });
      }
      // Files the parser does not read are needed only for this index; their text is not kept.
      if (!f.language) ctx.snapshot.forget(f.path);
    }
    wordIndex.set(ctx.snapshot, index);
  }
  return index.get(word) ?? null;
}
