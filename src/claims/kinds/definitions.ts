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

/**
 * Files of code in languages claimcheck does not parse: a name found in one
 * may be defined there. (Programming-language extensions; config and data
 * formats are not code.)
 */
const UNPARSED_CODE = /\.(?:java|kt|kts|scala|groovy|rb|rs|c|h|cc|cpp|cxx|hpp|hh|cs|fs|vb|php|swift|m|mm|dart|lua|pl|pm|r|jl|ex|exs|erl|hrl|clj|cljs|hs|ml|mli|elm|sh|bash|zsh|ps1|vue|svelte)$/i;

interface WordPlaces {
  /** The first place the word occurs in code or config. */
  first: { path: string; line: number };
  /** The first place it occurs in code claimcheck does not parse. */
  unparsed?: { path: string; line: number };
}

const wordIndex = new WeakMap<object, Map<string, WordPlaces>>();

/** Every word of the repository's code and config files (prose documents set aside), built once per snapshot. */
function wordsOf(ctx: VerifyContext): Map<string, WordPlaces> {
  let index = wordIndex.get(ctx.snapshot);
  if (index) return index;
  index = new Map();
  for (const f of ctx.snapshot.files) {
    if (isProse(f.path)) continue;
    const r = ctx.snapshot.read(f.path);
    if (!r.ok) continue;
    const unparsed = !f.language && UNPARSED_CODE.test(f.path);
    const lines = r.text.split('\n');
    for (let i = 0; i < lines.length; i++) {
      for (const m of lines[i]!.matchAll(/[A-Za-z_$][\w$]*/g)) {
        const at = { path: f.path, line: i + 1 };
        const hit = index.get(m[0]);
        if (!hit) index.set(m[0], unparsed ? { first: at, unparsed: at } : { first: at });
        else if (unparsed && !hit.unparsed) hit.unparsed = at;
      }
    }
    // Files the parser does not read are needed only for this index; their text is not kept.
    if (!f.language) ctx.snapshot.forget(f.path);
  }
  wordIndex.set(ctx.snapshot, index);
  return index;
}

/**
 * Where a word first occurs in the repository's code and config (prose
 * documents set aside: a report naming a function is no trace of it), or
 * null. Comments and strings count: the question is whether the name is
 * anywhere at all, and a trace of it keeps a claim from being called absent.
 */
export function firstUse(ctx: VerifyContext, word: string): { path: string; line: number } | null {
  return wordsOf(ctx).get(word)?.first ?? null;
}

/** Where a word occurs in code of a language claimcheck does not parse (where it may be defined unseen), or null. */
export function unparsedUse(ctx: VerifyContext, word: string): { path: string; line: number } | null {
  return wordsOf(ctx).get(word)?.unparsed ?? null;
}

/**
 * A place in parsed code where the name is bound without a definition the
 * parser lists: assigned (`sync = sync_all`, `self.sync = fn`), a property
 * (`sync: () => …`), a method shorthand in an object literal (`sync() {`),
 * or `setattr(…, "sync", …)`. The name may exist at run time.
 */
export function runtimeBinding(ctx: VerifyContext, name: string): { path: string; line: number } | null {
  if (!firstUse(ctx, name)) return null;
  const n = name.replace(/[$]/g, '\\$');
  const re = new RegExp(`(?<![\\w$])${n}\\s*(?:=(?!=)|:(?!:))|(?<![\\w$.])${n}\\s*\\([^)]*\\)\\s*\\{|setattr\\([^)]*['"]${n}['"]`);
  for (const f of ctx.snapshot.files) {
    if (!f.language) continue;
    const r = ctx.snapshot.read(f.path);
    if (!r.ok || !r.text.includes(name)) continue;
    const m = re.exec(r.text);
    if (m) return { path: f.path, line: r.text.slice(0, m.index).split('\n').length };
  }
  return null;
}
