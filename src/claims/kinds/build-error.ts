/**
 * build-error, two shapes.
 *
 * An error at a place — "merge_test.go:42-43 declared and not used: a, b", a
 * Known Issues row `file | 6 | ModuleNotFoundError: …`, a line of a compiler
 * listing — is verified when a build-error (or, for a missing method, a
 * method-mismatch) finding in that file matches the message; when none does,
 * it is contradicted if the lines exist and claimcheck has an analysis for
 * that kind of error in that language, else unverifiable. A row marked fixed
 * claims the opposite.
 *
 * A statement about a whole build — "all files compile", "syntax
 * validated", "all imports resolve", "`go build ./...` succeeds", "`tsc`
 * reports 0 errors", a Target | Actual row of TypeScript errors — is judged
 * in the files the statement or its section names, else in the repository
 * (narrowed by the command or language it names: `go build` leaves out
 * `_test.go` files; `go vet` and `tsc` do not). A finding in scope
 * contradicts it. The absence of findings verifies only a syntax claim on
 * files claimcheck parsed without error (the parser saw every line); for
 * compile and import claims it is unverifiable, because claimcheck does not
 * run the compiler. An error count is verified only for TypeScript, whose
 * diagnostics come from the compiler itself.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Language } from '../../repo/languages.js';
import type { Finding } from '../../rules/types.js';
import type { Claim, ClaimKindModule, Evidence, Outcome, Statement, VerifyContext } from '../types.js';
import { pathMentions } from '../mentions.js';
import { subjectFile, resolutionEvidence } from '../subject.js';
import {
  actualCell,
  cellByHeader,
  describesPriorState,
  excerptAt,
  isFixHeading,
  placesText,
  quotesALine,
  resolveScope,
  scopeOf,
  someFindings,
  statusOf,
  unresolvedOutcome,
  withoutCode,
  type ScopeSpec,
} from './code-scope.js';

/** Words of compiler, interpreter and type-checker errors. */
const ERROR_PHRASE =
  /declared and not used|declared but not used|imported and not used|is not in std|is not in GOROOT|cannot find (?:package|module)|no required module|imports must appear before|syntax ?error|SyntaxError|IndentationError|TabError|ModuleNotFoundError|ImportError|No module named|NameError|AttributeError|has no (?:field or method|attribute|member|exported member)|\berror TS\d{4}\b|\bTS\d{4}\b|does not exist on type|is not assignable to|implicitly has an? '?any'? type|\bundefined: [\w.]+|(?<![\w.])[\w.]{1,200} undefined \(type|cannot use [^\n]{1,200}? as [^\n]{1,200}? value|too many arguments|not enough arguments|missing return|unexpected (?:token|indent|EOF|newline)|cannot find name/i;

/** What a build claim is about. "Import of CSV files" and "parses the config" are features, not builds. */
const BUILD_SUBJECT =
  /\b(?:compil\w*|builds?|built|syntax|imports|import (?:validation|checks?|resolution)|tsc|type[- ]?check\w*|go (?:build|vet|test)|vet|py_compile|mypy|pyflakes|(?:files?|modules?|sources?|code) (?:parses?|parsed)|(?:typescript|type|build|compile|compilation|syntax|import) errors?)\b/i;
const SUCCESS =
  /\b(?:success\w*|succeed\w*|pass(?:es|ed)?|clean(?:ly)?|no (?:errors?|issues?|problems?|diagnostics)|zero errors?|without (?:any )?errors?|resolve[sd]?|valid(?:ated)?|compiles?|compiled)\b|[✅✓✔]/i;
const ERROR_COUNT = /(?<![\w.%/])(\d+|zero|no)\s+(?:(?:type\s?script|typescript|compile|compilation|compiler|build|syntax|type|import|tsc)\s+)?errors?\b/i;
/** "TypeScript error-free", "compiles error-free": a count of zero written as an adjective. */
const ERROR_FREE = /\berror[- ]free\b/i;
const PAST = /\b(?:was|were|had)\b/i;

type Family = 'import' | 'syntax' | 'compile';

interface AtData {
  shape: 'at';
  message: string;
  line: number | null;
  endLine: number | null;
  fixed: boolean;
  [key: string]: unknown;
}

interface ScopeData {
  shape: 'scope';
  scope: ScopeSpec;
  family: Family;
  language: Language | null;
  excludeTests: boolean;
  count: number;
  [key: string]: unknown;
}

/** `src/a.ts(1,19)` and `a.go:12:3` as path and line. */
function placeOf(code: string): { path: string; line: number } | null {
  const ts = /^(.+\.\w+)\((\d+),\d+\)$/.exec(code.trim());
  if (ts) return { path: ts[1]!, line: Number(ts[2]) };
  const go = /^(.+\.\w+):(\d+):\d+$/.exec(code.trim());
  if (go) return { path: go[1]!, line: Number(go[2]) };
  return null;
}

function lineRange(text: string): { line: number; endLine: number } | null {
  const m = /\b(?:at |on )?lines? (\d+)(?:\s*(?:-|–|to|and)\s*(\d+))?/i.exec(text);
  return m ? { line: Number(m[1]), endLine: Number(m[2] ?? m[1]) } : null;
}

function familyOf(text: string): Family {
  // "Syntax validation: all files compile" claims a compile, which needs more than a parse.
  if (/\bcompil\w*|\bbuilds?\b|\bbuilt\b|\bgo (?:build|vet|test)\b|\btsc\b/i.test(text)) return 'compile';
  if (/\bimports?\b(?! must)|\bmodules? resolv|\bresolv\w* (?:imports?|modules?)/i.test(text)) return 'import';
  if (/\bsyntax\b|\bparses\b|\bparsed\b/i.test(text)) return 'syntax';
  return 'compile';
}

function languageOf(text: string): { language: Language | null; excludeTests: boolean } {
  if (/\bgo build\b/i.test(text)) return { language: 'go', excludeTests: true };
  if (/\bgo (?:vet|test)\b|\bgolang\b|\bgofmt\b/i.test(text)) return { language: 'go', excludeTests: false };
  if (/\btsc\b|\btype\s?script\b/i.test(text)) return { language: 'typescript', excludeTests: false };
  if (/\bpython\b|\bpy_compile\b|\bmypy\b|\bpyflakes\b|\bpylint\b/i.test(text)) return { language: 'python', excludeTests: false };
  return { language: null, excludeTests: false };
}

function recognizeAt(st: Statement): ReturnType<ClaimKindModule['recognize']> {
  const codes = st.code;
  const messageCode = codes.find((c) => ERROR_PHRASE.test(c));
  const plain = st.label && ERROR_PHRASE.test(st.label) ? st.text : st.value ?? st.text;
  if (!messageCode && !ERROR_PHRASE.test(withoutCode(st.text))) return [];
  // "no syntax errors" names no error: it is a claim about a whole build.
  if (!messageCode && /\b(?:no|zero|0|without(?: any)?)\s+(?:\w+\s+)?errors?\b/i.test(withoutCode(st.text))) return [];
  // The place: `file:line`, `file(line,col)`, a File/Line column, else the section's file.
  let path: string | null = null;
  let line: number | null = null;
  let endLine: number | null = null;
  for (const c of codes) {
    const p = placeOf(c);
    if (p) {
      path = p.path;
      line = p.line;
      break;
    }
  }
  if (!path) {
    const files = pathMentions(st).filter((m) => /\.\w+$/.test(m.path));
    if (files.length === 1) {
      path = files[0]!.path;
      line = files[0]!.line ?? null;
      endLine = files[0]!.endLine ?? null;
    } else if (files.length > 1) return [];
  }
  if (!path) path = st.subjectPath;
  const lineCell = cellByHeader(st, /^lines?$/i);
  if (line === null && lineCell && /^\d+(?:\s*[-–]\s*\d+)?$/.test(lineCell)) {
    const [a, b] = lineCell.split(/\s*[-–]\s*/);
    line = Number(a);
    endLine = b ? Number(b) : null;
  }
  if (line === null) {
    const r = lineRange(withoutCode(st.text));
    if (r) [line, endLine] = [r.line, r.endLine];
  }
  const message = (messageCode ?? plain).trim();
  // The names in the message (`hasAdded`) are the error's, not symbols the report says exist.
  const data: AtData = { shape: 'at', message, line, endLine: endLine ?? line, fixed: statusOf(st) === 'done', consumes: st.code.slice() };
  return [{ kind: 'build-error' as const, text: st.text, source: { path: st.docPath, line: st.line }, subject: { path, symbol: null }, data }];
}

/** Words that say the build has problems; "no issues" and "without errors" negate them. */
const PROBLEM = /\b(?:issues?|errors?|fail\w*|prevent\w*|block\w*|broken|problems?)\b/gi;

function unnegatedProblem(clause: string): boolean {
  for (const m of clause.matchAll(PROBLEM)) {
    const before = clause.slice(Math.max(0, m.index! - 16), m.index!);
    if (!/\b(?:no|zero|0|without|any)\s+(?:\w+\s+)?$/i.test(before)) return true;
  }
  return false;
}

/** `TypeScript errors: 0`, `Build errors: 3 → 0`: the count a field gives (the last one of a before → after). */
function fieldCount(st: Statement): number | null {
  if (!st.label || !/^(?:(?:type\s?script|tsc|type|compile|compilation|compiler|build|syntax)\s+)errors?$/i.test(st.label.replace(/[^\p{L} ]/gu, ' ').replace(/\s+/g, ' ').trim())) return null;
  const m = /^\s*(?:\d+\s*(?:→|->|=>|to)\s*)?(\d+)\b(?!\s*(?:%|\/|\.\d))/.exec(st.value ?? '');
  return m ? Number(m[1]) : null;
}

function recognizeScope(st: Statement): ReturnType<ClaimKindModule['recognize']> {
  const field = fieldCount(st);
  if (field === null && !BUILD_SUBJECT.test(st.text) && !(ERROR_FREE.test(st.text) && /\b(?:type\s?script|tsc|golang|python)\b/i.test(st.text))) return [];
  const plain = withoutCode(st.text);
  const actual = actualCell(st);
  let count: number | null = null;
  if (field !== null) count = field;
  else if (actual !== null && /error/i.test(st.table?.cells[0] ?? '')) {
    if (!/^\d+$/.test(actual)) return [];
    count = Number(actual);
  } else {
    const m = ERROR_COUNT.exec(st.text);
    if (m) count = /^\d+$/.test(m[1]!) ? Number(m[1]) : 0;
    else if (ERROR_FREE.test(plain)) count = 0;
    else {
      // A success word and the build it is about in one clause: "`go build` now completes without errors",
      // not "while some build issues prevent …, the systems have been validated".
      const label = st.label ?? '';
      const clauses = st.text.split(/[,;]|\s[-–—]\s|\bwhile\b|\bbut\b|\bhowever\b/i);
      const clean = clauses.some((c) => {
        const own = withoutCode(c);
        return (BUILD_SUBJECT.test(c) || BUILD_SUBJECT.test(label)) && SUCCESS.test(own) && !unnegatedProblem(own);
      });
      if (clean) count = 0;
    }
  }
  if (count === null) return [];
  if (count > 0 && PAST.test(plain)) return [];
  const { language, excludeTests } = languageOf(st.text);
  const data: ScopeData = { shape: 'scope', scope: scopeOf(st), family: familyOf(st.text), language, excludeTests, count };
  return [{ kind: 'build-error' as const, text: st.text, source: { path: st.docPath, line: st.line }, subject: { path: data.scope.paths.length === 1 ? data.scope.paths[0]! : null, symbol: null }, data }];
}

/**
 * A compiler listing (a code block read as errors): one claim per
 * `file:line: message` line, or per `Error: message` line under a
 * `File: path:line` line.
 */
function recognizeListing(st: Statement): ReturnType<ClaimKindModule['recognize']> {
  const out: ReturnType<ClaimKindModule['recognize']> = [];
  // Each claim sits on its own line of the block (the fence is st.line), so a reader sees the verdict beside it.
  const lineOf = (i: number) => st.line + 1 + i;
  const add = (path: string | null, line: number | null, endLine: number | null, message: string, text: string, at: number) => {
    const data: AtData = { shape: 'at', message: message.trim(), line, endLine: endLine ?? line, fixed: false };
    out.push({ kind: 'build-error' as const, text: text.trim(), source: { path: st.docPath, line: at }, subject: { path, symbol: null }, data });
  };
  let file: { path: string; line: number | null; endLine: number | null; at: number; used: boolean } | null = null;
  const lines = (st.codeBlock?.value ?? '').split('\n').slice(0, 300);
  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i]!;
    if (out.length >= 50) break;
    const m = /^\s*(?:\.\/)?([\w./\\-]+\.\w+)(?::(\d+)(?::\d+)?:|\((\d+),\d+\):)\s*(.+)$/.exec(raw);
    if (m && ERROR_PHRASE.test(m[4]!)) {
      add(m[1]!, Number(m[2] ?? m[3]), null, m[4]!, raw, lineOf(i));
      continue;
    }
    const f = /^\s*(?:File|Location|Path)\s*:\s*`?([^\s`]+\.\w+(?::\d+(?:-\d+)?)?)`?\s*$/i.exec(raw);
    if (f) {
      const ref = /^(.*?):(\d+)(?:-(\d+))?$/.exec(f[1]!);
      file = ref ? { path: ref[1]!, line: Number(ref[2]), endLine: ref[3] ? Number(ref[3]) : Number(ref[2]), at: lineOf(i), used: false } : { path: f[1]!, line: null, endLine: null, at: lineOf(i), used: false };
      continue;
    }
    // A blank line ends a `File:` record: an `Error:` after it is another record.
    if (!raw.trim()) file = null;
    const e = /^\s*Error\s*:\s*(.+)$/i.exec(raw);
    if (!e || !ERROR_PHRASE.test(e[1]!)) continue;
    const message = e[1]!.trim();
    if (file) {
      const place = `${file.path}${file.line ? `:${file.line}${file.endLine && file.endLine !== file.line ? `-${file.endLine}` : ''}` : ''}`;
      add(file.path, file.line, file.endLine, message, `${place}: ${message}`, lineOf(i));
      // The `File:` line states the place of the error: the same claim, read on that line.
      if (!file.used) add(file.path, file.line, file.endLine, message, `File: ${place} (${message})`, file.at);
      file.used = true;
    } else {
      // No place given: the error is looked for anywhere in the repository.
      add(null, null, null, message, `Error: ${message}`, lineOf(i));
    }
  }
  return out;
}

export const buildError: ClaimKindModule = {
  kind: 'build-error',
  description: 'A compile, import or syntax error said to exist at a place, or a build said to be free of them.',
  recognize(st) {
    if (st.construct === 'heading' || describesPriorState(st) || quotesALine(st)) return [];
    if (st.construct === 'code-block') {
      // An error listing in a fix section shows the errors that were fixed.
      if (st.codeBlock?.role !== 'error' || st.headings.some(isFixHeading)) return [];
      return recognizeListing(st);
    }
    const at = recognizeAt(st);
    return at.length ? at : recognizeScope(st);
  },
  verify(claim, ctx) {
    const d = claim.data as AtData | ScopeData;
    return d.shape === 'at' ? verifyAt(claim, d, ctx) : verifyScope(d, ctx);
  },
};

// ---------------------------------------------------------------------------

const STOP = new Set(['error', 'errors', 'the', 'an', 'in', 'of', 'on', 'at', 'is', 'not', 'no', 'to', 'for', 'type', 'line', 'lines', 'file', 'and', 'or', 'with', 'has', 'by', 'its', 'it', 'be', 'this', 'that', 'from', 'named', 'does', 'did', 'you', 'mean', 'declared', 'here']);

function words(s: string): string[] {
  return (s.toLowerCase().match(/[a-z_][a-z0-9_]*|\d{2,}/g) ?? []).filter((w) => w.length > 1 && !STOP.has(w));
}

/** Names the message quotes ('chargeCard', `hasAdded`), last dotted segment. */
function quotedNames(message: string): string[] {
  const out: string[] = [];
  for (const m of message.matchAll(/['"`‘’“”]([\w.$/-]+?)(?:\(\))?['"`‘’“”]/g)) out.push(m[1]!.split(/[./]/).pop()!);
  // Go lists the names after a colon: "declared and not used: a, b", "undefined: x".
  const listed = /(?:declared (?:and|but) not used|imported and not used|undefined)\s*:\s*([\w$]+(?:\s*,\s*[\w$]+)*)\s*$/i.exec(message.trim());
  if (listed) for (const n of listed[1]!.split(/\s*,\s*/)) out.push(n);
  return out.filter((x) => x.length > 1);
}

/** The findings among `fs` that, together, say what the message says. */
function matching(message: string, fs: readonly Finding[]): Finding[] {
  if (!fs.length) return [];
  const code = /\bTS(\d{4})\b/i.exec(message)?.[1];
  if (code) {
    const same = fs.filter((f) => f.message.includes(`TS${code}`));
    if (same.length) return same;
  }
  const hay = (f: Finding) => `${f.message} ${f.excerpt}`;
  const names = quotedNames(message);
  const relevant = fs.filter((f) => (names.length ? names.some((n) => hay(f).includes(n)) : true));
  if (!relevant.length) return [];
  const all = relevant.map(hay).join(' ');
  if (names.length && !names.every((n) => all.includes(n))) return [];
  const want = words(message.replace(/\b(?:ModuleNotFoundError|ImportError|SyntaxError|error)\s*:?/gi, ' '));
  if (!want.length) return relevant;
  const have = new Set(words(all));
  const share = want.filter((w) => have.has(w)).length / want.length;
  return share >= 0.5 || (names.length > 0 && share >= 0.4) ? relevant : [];
}

/** Whether claimcheck has an analysis that would find this kind of error in this file. */
function covered(message: string, language: Language | null, path: string, ctx: VerifyContext): string | null {
  const m = message;
  if (language === 'go') {
    if (/declared and not used|declared but not used|imported and not used/i.test(m)) return 'build-error/go-unused-variable and go-unused-import';
    if (/not in std|GOROOT|cannot find package|no required module/i.test(m)) return 'build-error/go-import-path';
    if (/imports must appear before|syntax ?error|unexpected (?:token|newline|EOF)/i.test(m)) return 'build-error/go-syntax and go-import-after-decl';
    if (/has no field or method/i.test(m)) return 'method-mismatch/go-missing-method';
    return null;
  }
  if (language === 'python') {
    if (/SyntaxError|IndentationError|TabError|invalid syntax/i.test(m)) return 'build-error/python-syntax';
    const mod = /No module named ['"]?([\w.]+)/i.exec(m)?.[1] ?? /cannot import name .+ from ['"]?([\w.]+)/i.exec(m)?.[1];
    if (mod) {
      // Only imports of the repository's own modules are resolved by claimcheck.
      const top = mod.replace(/^\.+/, '').split('.')[0]!;
      return ctx.snapshot.hasDir(top) || ctx.snapshot.files.some((f) => f.path.startsWith(top + '/') || f.path === `${top}.py` || f.path.includes(`/${top}/`)) ? 'build-error/python-import' : null;
    }
    return null;
  }
  if (language === 'typescript') {
    if (ctx.snapshot.file(path)?.isTest) return null;
    // A compiler diagnostic, not a runtime error ("TypeError: cannot read properties of undefined").
    if (!/\bTS\d{4}\b|does not exist on type|is not assignable|implicitly has|Cannot find (?:module|name)|has no exported member/i.test(m)) return null;
    // Types are incomplete where an import did not resolve: the compiler's follow-on errors are not reported there.
    if (ctx.findings.some((f) => f.path === path && f.category === 'build-error' && /TS2307|TS2792|TS7016|unresolved|Cannot find module/i.test(f.message))) return null;
    return 'build-error/ts-diagnostic (the TypeScript compiler\'s diagnostics)';
  }
  return null;
}

function verifyAt(claim: Claim, d: AtData, ctx: VerifyContext): Outcome {
  const categories = ['build-error', 'method-mismatch'];
  if (!claim.subject.path) {
    const hits = matching(d.message, ctx.findings.filter((f) => categories.includes(f.category)));
    if (hits.length) return { verdict: d.fixed ? 'contradicted' : 'verified', reason: `${d.fixed ? 'still reported' : 'found'}: ${hits[0]!.message} at ${placesText(hits)}`, evidence: someFindings(ctx, hits) };
    return { verdict: 'unverifiable', reason: 'the report names no file for this error, and no finding anywhere matches it', evidence: [] };
  }
  const sub = subjectFile(claim, ctx, 'the error');
  if (!sub.ok) {
    // A bare file name several files share: the error is at that place if a file of that name has it there.
    const candidates = sub.outcome.evidence.filter((e) => e.note === 'candidate').map((e) => e.path);
    if (candidates.length > 1 && !d.fixed) {
      const hits = candidates.flatMap((p) => {
        const inFile = ctx.findings.filter((f) => f.path === p && categories.includes(f.category));
        const at = d.line !== null ? inFile.filter((f) => f.endLine >= d.line! - 1 && f.line <= (d.endLine ?? d.line!) + 1) : inFile;
        return matching(d.message, at);
      });
      if (hits.length) {
        const files = [...new Set(hits.map((h) => h.path))];
        return { verdict: 'verified', reason: `${claim.subject.path} names ${candidates.length} files; claimcheck finds the error in ${files.length === candidates.length ? 'each of them' : files.join(', ')}, at ${placesText(hits)}: ${hits[0]!.message}`, evidence: [...sub.outcome.evidence, ...someFindings(ctx, hits)] };
      }
    }
    return sub.outcome;
  }
  const path = sub.path;
  const base = resolutionEvidence(path, sub.note);
  const read = ctx.snapshot.read(path);
  if (!read.ok) return { verdict: 'unverifiable', reason: `${path} could not be read (${read.reason})`, evidence: base };
  const inFile = ctx.findings.filter((f) => f.path === path && categories.includes(f.category));
  const at = d.line !== null ? inFile.filter((f) => f.endLine >= d.line! - 1 && f.line <= (d.endLine ?? d.line!) + 1) : inFile;
  const here = matching(d.message, at);
  const where = d.line !== null ? `${path}:${d.line}${d.endLine && d.endLine !== d.line ? `-${d.endLine}` : ''}` : path;
  if (here.length) {
    return d.fixed
      ? { verdict: 'contradicted', reason: `the error is still reported at ${placesText(here)}: ${here[0]!.message}`, evidence: [...base, ...someFindings(ctx, here)] }
      : { verdict: 'verified', reason: `claimcheck finds it at ${placesText(here)}: ${here[0]!.message}`, evidence: [...base, ...someFindings(ctx, here)] };
  }
  const elsewhere = d.line !== null ? matching(d.message, inFile) : [];
  if (elsewhere.length) {
    return d.fixed
      ? { verdict: 'contradicted', reason: `the error is still reported, at ${placesText(elsewhere)} rather than line ${d.line}`, evidence: [...base, ...someFindings(ctx, elsewhere)] }
      : { verdict: 'verified', reason: `claimcheck finds it at ${placesText(elsewhere)}, not at line ${d.line}: ${elsewhere[0]!.message}`, evidence: [...base, ...someFindings(ctx, elsewhere)] };
  }
  // "xor_amd64.go:183" resolved to the live file, which no longer has the error: the archived copy the same name
  // also matches may be the file the report read.
  if (!d.fixed && sub.archived?.length) {
    const copies = sub.archived.flatMap((p) => {
      const inCopy = ctx.findings.filter((f) => f.path === p && categories.includes(f.category));
      return matching(d.message, d.line !== null ? inCopy.filter((f) => f.endLine >= d.line! - 1 && f.line <= (d.endLine ?? d.line!) + 1) : inCopy);
    });
    if (copies.length) {
      return { verdict: 'verified', reason: `${claim.subject.path} also names the archived copy ${copies[0]!.path}, where claimcheck finds it at ${placesText(copies)}: ${copies[0]!.message} (${path}, the live file, no longer has it)`, evidence: [...base, ...someFindings(ctx, copies)] };
    }
  }
  if (d.line !== null && d.line > read.lineCount) {
    return { verdict: 'contradicted', reason: `${path} has only ${read.lineCount} lines; there is no line ${d.line}`, evidence: base };
  }
  const model = ctx.model(path);
  const language = ctx.snapshot.file(path)?.language ?? null;
  const analysis = model ? covered(d.message, language, path, ctx) : null;
  const lineEv: Evidence[] = d.line !== null ? [{ path, line: d.line, endLine: d.endLine ?? d.line, excerpt: excerptAt(ctx, path, d.line, d.endLine ?? d.line), note: `line ${d.line}` }] : [];
  if (d.fixed) {
    return analysis
      ? { verdict: 'verified', reason: `${analysis} reports no such error in ${path}`, evidence: [...base, ...lineEv] }
      : { verdict: 'unverifiable', reason: `claimcheck has no analysis for this kind of error in ${path}, so it cannot confirm it is gone`, evidence: [...base, ...lineEv] };
  }
  if (!analysis) {
    return { verdict: 'unverifiable', reason: `no finding matches at ${where}, but claimcheck has no analysis for this kind of error${language ? ` in ${language}` : ''}`, evidence: [...base, ...lineEv] };
  }
  const parsed = model && model.syntaxErrors.length === 0 ? '; the file parses without syntax errors' : '';
  return {
    verdict: 'contradicted',
    reason: `no such error at ${where}: ${analysis} ran on the file and reports nothing like "${d.message.slice(0, 120)}"${parsed}`,
    evidence: [...base, ...lineEv],
  };
}

const COMPILED: readonly string[] = ['go', 'typescript', 'javascript'];

/** A node_modules folder beside the package.json or above it, on the machine that audits. */
function installedFor(root: string, manifest: string): boolean {
  let dir = manifest.includes('/') ? manifest.slice(0, manifest.lastIndexOf('/')) : '';
  for (;;) {
    if (existsSync(join(root, dir, 'node_modules'))) return true;
    if (!dir) return false;
    dir = dir.includes('/') ? dir.slice(0, dir.lastIndexOf('/')) : '';
  }
}

/** The per-program cap of build-error/ts-diagnostic: files beyond it are not type-checked. */
const TYPE_CHECK_CAP = 400;

/**
 * Whether claimcheck's TypeScript diagnostics cover a compile or type claim
 * over `files`: every file TypeScript, parsed, within the type check's cap,
 * and nothing to install — a declared dependency that is not installed on
 * this machine leaves types unknown, and the errors that depend on them are
 * not reported. Null when the claim is not one the type check answers.
 */
function typeCoverage(files: string[], d: ScopeData, ctx: VerifyContext): { covered: boolean; why: string } | null {
  // A syntax claim needs only the parse; an import claim is another analysis.
  if (d.family !== 'compile' || !files.length) return null;
  const ts = files.filter((p) => /^(typescript|javascript)$/.test(ctx.snapshot.file(p)?.language ?? ''));
  if (d.language !== 'typescript' && ts.length !== files.length) return null;
  if (!ts.some((p) => /\.[cm]?tsx?$/.test(p))) return null;
  if (ts.length > TYPE_CHECK_CAP) return { covered: false, why: `${ts.length} files are more than the ${TYPE_CHECK_CAP} one program type-checks` };
  const unparsed = ts.filter((p) => !ctx.model(p));
  if (unparsed.length) return { covered: false, why: `${unparsed.length} files could not be parsed (${unparsed.slice(0, 3).join(', ')})` };
  const declaring = ctx.snapshot.files
    .filter((f) => /(^|\/)package\.json$/.test(f.path) && !f.path.includes('node_modules/'))
    .filter((f) => !installedFor(ctx.snapshot.root, f.path))
    .filter((f) => {
      const r = ctx.snapshot.read(f.path);
      if (!r.ok) return true;
      try {
        const j = JSON.parse(r.text) as Record<string, unknown>;
        return ['dependencies', 'devDependencies', 'peerDependencies'].some((k) => j[k] && typeof j[k] === 'object' && Object.keys(j[k] as object).length > 0);
      } catch {
        return true;
      }
    });
  if (declaring.length) return { covered: false, why: `the dependencies ${declaring.map((f) => f.path).slice(0, 3).join(', ')} declare${declaring.length === 1 ? 's' : ''} are not installed for the audit, so types that come from them are unknown` };
  return { covered: true, why: 'the project declares no dependency, so nothing the types need is missing' };
}

function verifyScope(d: ScopeData, ctx: VerifyContext): Outcome {
  const languages = d.language === 'typescript' ? ['typescript', 'javascript'] : d.language ? [d.language] : undefined;
  const scope = resolveScope(d.scope, ctx, { languages, includeTests: !d.excludeTests });
  if (scope.unresolved) return unresolvedOutcome(scope);
  let files = scope.files;
  if (d.excludeTests) files = files.filter((p) => !ctx.snapshot.file(p)?.isTest);
  const set = new Set(files);
  const lang = (p: string) => ctx.snapshot.file(p)?.language ?? '';
  const findings = ctx.findings
    .filter((f) => set.has(f.path))
    .filter((f) => f.category === 'build-error' || (f.category === 'method-mismatch' && d.family === 'compile' && COMPILED.includes(lang(f.path))))
    .filter((f) => {
      if (d.family === 'import') return /import|module/i.test(f.ruleId) || /\bimport|\bmodule\b|not in std/i.test(f.message);
      if (d.family === 'syntax') return /syntax|import-after-decl/i.test(f.ruleId) || /syntax/i.test(f.message);
      return true;
    })
    .sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : a.line - b.line));
  const what = d.family === 'compile' ? 'build error' : `${d.family} error`;
  const where = `${scope.described}${d.excludeTests ? ', test files left out as `go build` does' : ''}`;
  const base = scope.problems;
  if (d.count > 0) {
    const exact = d.language === 'typescript';
    if (findings.length > d.count) return { verdict: 'contradicted', reason: `claimed ${d.count} ${what}(s); claimcheck finds ${findings.length} in ${where}: ${placesText(findings)}`, evidence: [...base, ...someFindings(ctx, findings)] };
    if (findings.length === d.count && exact) return { verdict: 'verified', reason: `claimed ${d.count}; the TypeScript compiler's diagnostics give ${findings.length} in ${where}: ${placesText(findings)}`, evidence: [...base, ...someFindings(ctx, findings)] };
    if (findings.length < d.count && exact) return { verdict: 'contradicted', reason: `claimed ${d.count} ${what}(s); the TypeScript compiler's diagnostics give ${findings.length} in ${where}`, evidence: [...base, ...someFindings(ctx, findings)] };
    return { verdict: 'unverifiable', reason: `claimed ${d.count} ${what}(s); claimcheck finds ${findings.length} in ${where}, but its analyses of this language do not cover every compiler error`, evidence: [...base, ...someFindings(ctx, findings)] };
  }
  if (findings.length) {
    return { verdict: 'contradicted', reason: `${findings.length} ${what}(s) in ${where}: ${placesText(findings)}`, evidence: [...base, ...someFindings(ctx, findings)] };
  }
  const unparsed = files.filter((p) => !ctx.model(p));
  const withErrors = files.filter((p) => (ctx.model(p)?.syntaxErrors.length ?? 0) > 0);
  const typed = typeCoverage(files, d, ctx);
  if (typed) {
    return typed.covered
      ? { verdict: 'verified', reason: `the TypeScript compiler's diagnostics (run by claimcheck with the repository's tsconfig) report no error in the ${files.length} files of ${where}, and ${typed.why}`, evidence: base }
      : { verdict: 'unverifiable', reason: `no ${what} found in ${where}, but the type check does not cover it: ${typed.why}`, evidence: base };
  }
  if (d.family === 'syntax' && files.length && !unparsed.length && !withErrors.length) {
    return { verdict: 'verified', reason: `all ${files.length} files of ${where} parse without a syntax error (tree-sitter for Python and Go, the TypeScript compiler for TS/JS, plus claimcheck's checks of what tree-sitter accepts and the language rejects)`, evidence: base };
  }
  return {
    verdict: 'unverifiable',
    reason: `no ${what} found in ${where}${unparsed.length ? ` (${unparsed.length} files could not be parsed)` : ''}, but claimcheck does not run the compiler, so a clean build cannot be confirmed`,
    evidence: base,
  };
}
