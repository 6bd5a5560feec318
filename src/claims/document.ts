/**
 * A claims document (an agent's status report, a PR body) as atomic
 * statements, read from the markdown AST (remark + GFM) with its positions.
 *
 * Conventions (the recognizers downstream rely on them):
 * - One statement per heading, per sentence of a paragraph, per list item's
 *   own text, per table row (the header row too, marked `table.header`, so a
 *   table without body rows still shows), per code block, and per
 *   `**Label**: value` line. Each line of text in the document belongs to some
 *   statement, so extraction can account for all of it.
 * - `text` is plain: emphasis, strong and links are flattened, inline code is
 *   kept in backticks, struck text keeps its `~~`, a task item starts with
 *   `[x] ` or `[ ] `. Mis-decoded emoji (`‚úÖ`) are repaired first; the
 *   document's own `text` is kept exactly as given.
 * - Fields: a paragraph line, list item or heading shaped `**Label**: value`,
 *   `**Label:** value` or `Label: value` (label of at most five words, a
 *   status mark may precede it) gets `label` and `value`. Field lines of a
 *   paragraph are statements of construct `field`; a list item or heading
 *   that is a field keeps its construct.
 * - Nesting: a list item's statement holds its own text only. The texts of the
 *   items it sits under, and of a lead-in line just above its list
 *   (`**Files**:`, `Failing:`), are in `parents`, outermost first.
 * - Subjects: `subjectPath` is the path as written, without backticks and
 *   without a `:166-167` line reference; the mention as written, with its line
 *   reference, stays in the `value`/`code` of the statement that names it
 *   (`splitLineRef` in mentions.ts splits it). `subjectPaths` holds every file
 *   the context names, `subjectPath` included.
 *   - A `File`/`Path`/`Location`/`Module`/`Source` field in a paragraph holds
 *     until the next heading of the same or a higher level or the next such
 *     field; in a list item it holds for the rest of that list only, so one
 *     bullet's file does not leak into the next group of bullets.
 *   - A heading naming a file sets it for its section (subsections included).
 *   - A `Files` field takes the paths in its value or, when empty, the leading
 *     path items of the list just below it; one path also sets `subjectPath`.
 *   - A list item that starts with a path (`` `x.py` - does y``,
 *     `report.md (17KB)`) is about that path, with everything nested in it.
 *   - A table with a File/Path/Location column takes each row's subject from
 *     that cell.
 * - Planning: a statement under a heading (at any level above it) about
 *   recommendations, next steps, future work, a roadmap, to-do items, plans, action
 *   items, follow-ups, or what "should" be done is `planning` (see
 *   PLANNING_WORDS), unless that heading reports on the work ("Actions
 *   completed", "Plan status"). So is a field labelled as work to do
 *   (`**Next Steps**:`, `**Recommendation**:`, see PLANNING_LABEL), what is
 *   nested under it and the list it leads in. A `---` rule ends both the
 *   planning and the section's subject for the lines after it, up to the next
 *   heading: that is where reports put their sign-off.
 * - `headings` is the path of heading texts down to the statement's section;
 *   a heading's own statement includes itself. A table row's `text` is its
 *   cells joined with ` | `; `table.cells` is padded to the header count. A
 *   code block's `text` is its code.
 * - Code blocks: `role` is `before`/`after` when the statement just above in
 *   the same section is a BEFORE/AFTER-style label, else `error` for a listing
 *   that reads as compiler or test output, else `other`; an AFTER block right
 *   after a BEFORE block (at most two statements between) pairs with it.
 * - Failure: markdown that remark cannot handle (it should not happen; a
 *   pathologically deep nesting could) falls back to one statement per line.
 */
import { unified } from 'unified';
import remarkParse from 'remark-parse';
import remarkGfm from 'remark-gfm';
import type {
  Code,
  Heading,
  Html,
  List,
  ListItem,
  Nodes,
  Paragraph,
  PhrasingContent,
  Root,
  RootContent,
  Table,
} from 'mdast';
import type { ClaimDocument, CodeContext, Construct, Statement, TableContext } from './types.js';
import { looksLikePath, splitLineRef } from './mentions.js';
import { repairMojibake } from './mojibake.js';
import { FILE_POINTER } from './filetree.js';

// singleTilde off: reports write `~70%` and `~1.5 hours`, which must stay text, not strikethrough.
const processor = unified().use(remarkParse).use(remarkGfm, { singleTilde: false });

/** Parses a claims document; never throws. */
export function parseClaimDocument(path: string, text: string): ClaimDocument {
  const raw = typeof text === 'string' ? text : '';
  const source = prepareSource(raw);
  let statements: Statement[];
  try {
    statements = new Builder(path).build(parseRepaired(source));
  } catch {
    statements = lineStatements(path, source);
  }
  return { path, text: raw, statements };
}

/**
 * The line-based reading used when the markdown parse fails: one statement
 * per non-blank line, with headings, fields, subjects and planning as far as
 * a single line shows them.
 */
export function parseLines(path: string, text: string): ClaimDocument {
  const raw = typeof text === 'string' ? text : '';
  return { path, text: raw, statements: lineStatements(path, prepareSource(raw)) };
}

/**
 * BOM dropped, CRLF to LF, mojibake repaired. A lone CR becomes a space so
 * that line numbers agree with splitLines in repo/text.ts (which splits on
 * `\r?\n` only).
 */
function prepareSource(text: string): string {
  let s = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  if (s.includes('\r')) s = s.replace(/\r\n/g, '\n').replace(/\r/g, ' ');
  return escapeDunders(repairMojibake(s));
}

/**
 * `**app/__init__.py**` parses as "app/" + strong("init") + ".py" in CommonMark,
 * and the path is lost. A lower-case dunder name (`__init__`, `__main__`) in a
 * report is a Python name, never emphasis: its underscores are escaped outside
 * code spans and fences, so the text keeps them and line numbers do not move.
 */
function escapeDunders(source: string): string {
  if (!source.includes('__')) return source;
  let fence: string | null = null;
  return source
    .split('\n')
    .map((line) => {
      const f = /^\s*(`{3,}|~{3,})/.exec(line);
      if (f) {
        if (!fence) fence = f[1]![0]!;
        else if (f[1]![0] === fence) fence = null;
        return line;
      }
      if (fence || !line.includes('__')) return line;
      return line
        .split(/(`+[^`]*`+)/)
        .map((part, i) => (i % 2 === 1 ? part : part.replace(/(?<![\w\\])__([a-z][a-z0-9]*(?:_[a-z0-9]+)*)__(?![A-Za-z0-9])/g, '\\_\\_$1\\_\\_')))
        .join('');
    })
    .join('\n');
}

// ---------------------------------------------------------------------------
// Source repairs that keep line numbers: an unclosed fence and a table whose
// delimiter row has the wrong number of cells are fixed by rewriting one line
// each, then the text is parsed again.

const FENCE_OPEN = /^(\s*)(`{3,}|~{3,})/;
const SECTION_START = /^\s{0,3}(?:#{2,6}\s+\S|\*\*[^*\n]{1,80}\*\*)/;
const DELIMITER_ROW = /^\s*\|?\s*:?-+:?\s*(?:\|\s*:?-+:?\s*)*\|?\s*$/;

function parseRepaired(source: string): Root {
  const tree = processor.parse(source);
  const lines = source.split('\n');
  let changed = false;
  visitBlocks(tree, (node) => {
    if (node.type === 'code' && node.position) changed = closeFence(lines, node) || changed;
    else if (node.type === 'paragraph' && node.position) changed = fixDelimiterRow(lines, node) || changed;
  });
  return changed ? processor.parse(lines.join('\n')) : tree;
}

function visitBlocks(node: Nodes, fn: (n: Nodes) => void): void {
  const stack: Nodes[] = [node];
  while (stack.length) {
    const n = stack.pop()!;
    fn(n);
    if ('children' in n && n.type !== 'paragraph' && n.type !== 'heading' && n.type !== 'table') {
      for (let i = n.children.length - 1; i >= 0; i--) stack.push(n.children[i] as Nodes);
    }
  }
}

/**
 * A fence left open swallows the rest of the document. Close it on the blank
 * line before the first later `##` heading or bold label line, which an agent
 * report never puts inside code; without such a line the block stays as is.
 */
function closeFence(lines: string[], node: Code): boolean {
  const start = node.position!.start.line - 1;
  const end = node.position!.end.line - 1;
  const open = FENCE_OPEN.exec(lines[start] ?? '');
  if (!open) return false;
  const [, indent, fence] = open;
  const last = (lines[end] ?? '').trim();
  const closed = end > start && last.length >= fence!.length && last === fence![0]!.repeat(last.length);
  if (closed) return false;
  for (let k = start + 2; k <= end; k++) {
    if (SECTION_START.test(lines[k]!) && lines[k - 1]!.trim() === '') {
      lines[k - 1] = indent + fence!;
      return true;
    }
  }
  return false;
}

/** GFM drops a table whose delimiter row has another cell count than its header; agents write such tables. */
function fixDelimiterRow(lines: string[], node: Paragraph): boolean {
  const first = node.position!.start.line - 1;
  const last = node.position!.end.line - 1;
  for (let k = first; k < last; k++) {
    const header = lines[k]!;
    const delim = lines[k + 1]!;
    if (!header.includes('|') || !delim.includes('-') || !delim.includes('|') || !DELIMITER_ROW.test(delim)) continue;
    const n = pipeCells(header);
    if (n < 1 || n === pipeCells(delim)) continue;
    lines[k + 1] = delim.match(/^\s*/)![0] + '|' + ' --- |'.repeat(n);
    return true;
  }
  return false;
}

function pipeCells(line: string): number {
  let s = line.trim();
  if (s.startsWith('|')) s = s.slice(1);
  if (s.endsWith('|') && !s.endsWith('\\|')) s = s.slice(0, -1);
  let n = 1;
  let inCode = false;
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (c === '\\') i++;
    else if (c === '`') inCode = !inCode;
    else if (c === '|' && !inCode) n++;
  }
  return n;
}

// ---------------------------------------------------------------------------
// Inline content flattened to plain text, with the source line of every
// character so a sentence cut out of a paragraph keeps its own lines.

/** Soft line breaks stay `\n`; hard breaks (two spaces, `\`, `<br>`) become this. */
const HARD_BREAK = '\u2028';

interface Span {
  start: number;
  end: number;
}

interface CodeSpan extends Span {
  value: string;
}

interface Flat {
  text: string;
  lines: number[];
  /** In order of start. */
  codes: CodeSpan[];
  /** The outermost strong span starting at each offset. */
  strongAt: Map<number, Span>;
}

/** Index of the first code span starting at or after `a` (codes are sorted). */
function firstCodeFrom(f: Flat, a: number): number {
  let lo = 0;
  let hi = f.codes.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (f.codes[mid]!.start < a) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function codesIn(f: Flat, a: number, b: number): CodeSpan[] {
  const out: CodeSpan[] = [];
  for (let i = firstCodeFrom(f, a); i < f.codes.length && f.codes[i]!.start < b; i++) out.push(f.codes[i]!);
  return out;
}

function insideCode(f: Flat, at: number): boolean {
  const i = firstCodeFrom(f, at + 1) - 1;
  return i >= 0 && f.codes[i]!.end > at;
}

function flatten(nodes: readonly PhrasingContent[], line: number): Flat {
  const f: Flat = { text: '', lines: [], codes: [], strongAt: new Map() };
  const parts: string[] = [];
  let length = 0;
  const push = (s: string, at: number, endAt = at) => {
    parts.push(s);
    let l = at;
    for (let i = 0; i < s.length; i++) {
      f.lines.push(i === s.length - 1 ? Math.max(l, endAt) : l);
      if (s.charCodeAt(i) === 10) l++;
    }
    length += s.length;
  };
  const walk = (list: readonly PhrasingContent[], fallback: number): void => {
    for (const node of list) {
      const at = node.position?.start.line ?? fallback;
      switch (node.type) {
        case 'text':
          push(node.value, at);
          break;
        case 'inlineCode': {
          const ticks = node.value.includes('`') ? '``' : '`';
          const pad = ticks.length > 1 ? ' ' : '';
          const start = length;
          push(ticks + pad + node.value + pad + ticks, at, node.position?.end.line ?? at);
          f.codes.push({ start, end: length, value: node.value });
          break;
        }
        case 'strong': {
          const span = { start: length, end: length };
          if (!f.strongAt.has(length)) f.strongAt.set(length, span);
          walk(node.children, at);
          span.end = length;
          break;
        }
        case 'delete':
          push('~~', at);
          walk(node.children, at);
          push('~~', node.position?.end.line ?? at);
          break;
        case 'emphasis':
        case 'link':
        case 'linkReference':
          walk(node.children, at);
          break;
        case 'image':
        case 'imageReference':
          if (node.alt) push(node.alt, at);
          break;
        case 'break':
          push(HARD_BREAK, at);
          break;
        case 'html':
          if (/^<br\s*\/?>$/i.test(node.value.trim())) push(HARD_BREAK, at);
          break;
        default:
          // footnote references and anything a future extension adds: no visible text of their own.
          break;
      }
    }
  };
  walk(nodes, line);
  f.text = parts.join('');
  return f;
}

function clean(s: string): string {
  return s.replace(/[\s\u2028]+/g, ' ').trim();
}

// ---------------------------------------------------------------------------
// Fields, sentences, paths.

/** Status marks and bullets that may precede a label: `✅ **Tests**: 12 passed`. */
const MARK = /[\s\p{Extended_Pictographic}\p{So}\p{M}\u200d•·*\-–—]/u;
const STATUS_START = /^[\s]*(?:[✅✓✔❌✗✖⚠⛔🚫🔴🟢🟡🟠]|\[[ xX]\])/u;
const PLAIN_LABEL = /^([\p{L}\p{N}][^:\n\u2028`]{0,60}?)\s*:\s+(?=\S)/u;
const MAX_LABEL_WORDS = 5;

interface FieldMatch {
  label: string;
  valueStart: number;
}

function skipMarks(f: Flat, a: number, b: number): number {
  let p = a;
  while (p < b && !f.strongAt.has(p)) {
    const cp = f.text.codePointAt(p)!;
    const ch = String.fromCodePoint(cp);
    if (!MARK.test(ch)) break;
    p += ch.length;
  }
  return p;
}

function goodLabel(label: string): boolean {
  const words = label.split(/\s+/).filter(Boolean);
  return words.length > 0 && words.length <= MAX_LABEL_WORDS && label.length <= 80 && /[\p{L}\p{N}]/u.test(label) && !/^https?$/i.test(label);
}

/** A field at the start of text[a, b): bold label always, plain `Label: value` when allowed. */
function fieldAt(f: Flat, a: number, b: number, allowPlain: boolean): FieldMatch | null {
  const p = skipMarks(f, a, b);
  const strong = f.strongAt.get(p);
  if (strong && strong.end <= b) {
    const inner = f.text.slice(strong.start, strong.end);
    if (/[\n\u2028]/.test(inner)) return null;
    const t = inner.trim();
    if (t.endsWith(':')) {
      const label = t.slice(0, -1).trim();
      return goodLabel(label) ? { label, valueStart: strong.end } : null;
    }
    const after = /^\s?:/.exec(f.text.slice(strong.end, Math.min(b, strong.end + 2)));
    if (after) return goodLabel(t) ? { label: t, valueStart: strong.end + after[0].length } : null;
    // `**STATUS: COMPLETE**`: the whole field in bold.
    const whole = PLAIN_LABEL.exec(inner);
    if (whole && !/[.!?;]/.test(whole[1]!) && goodLabel(whole[1]!.trim()) && !f.text.slice(strong.end, b).trim()) {
      return { label: whole[1]!.trim(), valueStart: strong.start + whole[0].length };
    }
    return null;
  }
  if (!allowPlain) return null;
  const m = PLAIN_LABEL.exec(f.text.slice(p, Math.min(b, p + 200)));
  if (!m || /[.!?;]/.test(m[1]!) || !goodLabel(m[1]!.trim())) return null;
  return { label: m[1]!.trim(), valueStart: p + m[0].length };
}

const ABBREVIATIONS = new Set(['e.g', 'i.e', 'vs', 'cf', 'approx', 'incl', 'esp', 'fig', 'no', 'nos', 'vol', 'ca', 'al', 'resp', 'est', 'ref', 'viz']);

/** Sentence ranges in text[a, b): a split needs `.`, `!` or `?`, then space, then no lower-case letter. */
function sentences(f: Flat, a: number, b: number): Span[] {
  const out: Span[] = [];
  const text = f.text.slice(a, b);
  let start = a;
  for (const m of text.matchAll(/[.!?]+["')\]]*(?=[\s\u2028])/g)) {
    const at = a + m.index;
    const end = at + m[0].length;
    if (insideCode(f, at)) continue;
    let next = end - a;
    while (next < text.length && /[\s\u2028]/.test(text[next]!)) next++;
    if (next >= text.length || /\p{Ll}/u.test(text[next]!)) continue;
    if (m[0] === '.') {
      let w = m.index;
      while (w > 0 && !/[\s\u2028(]/.test(text[w - 1]!)) w--;
      const word = text.slice(w, m.index);
      if (ABBREVIATIONS.has(word.toLowerCase()) || /^\p{Lu}$/u.test(word) || /^\d+$/.test(word)) continue;
    }
    out.push({ start, end });
    start = end;
  }
  out.push({ start, end: b });
  return out;
}

const TECH_NAMES = /^(?:node|vue|next|nuxt|express|three|d3|chart|react|angular|ember|backbone|socket|moment|lodash|jquery|alpine|svelte|solid|deno|bun)\.js$/i;

/** A path written as a plain word: an extension or a leading `/`, `./`, `~/`. */
function plainPath(token: string): string | null {
  const t = token.replace(/^[("'[]+|[)"'\],;:.!?]+$/g, '');
  const { path } = splitLineRef(t);
  if (!path || TECH_NAMES.test(path) || !looksLikePath(path)) return null;
  if (/^(?:\/|\.\.?\/|~\/)/.test(path) || /\.[A-Za-z][\w]*$/.test(path)) return path;
  return null;
}

/** A path in inline code: anything looksLikePath accepts, trailing `:` and line reference removed. */
function codePath(value: string): string | null {
  const t = value.trim().replace(/^["']|["']$/g, '').replace(/:$/, '');
  const { path } = splitLineRef(t);
  return path && looksLikePath(path) && !TECH_NAMES.test(path) ? path : null;
}

/** Paths named in text[a, b): inline code first, then plain words. */
function pathsIn(f: Flat, a: number, b: number): string[] {
  const out: string[] = [];
  const add = (p: string | null) => {
    if (p && !out.includes(p)) out.push(p);
  };
  const codes = codesIn(f, a, b);
  for (const c of codes) add(codePath(c.value));
  let rest = '';
  let last = a;
  for (const c of codes) {
    rest += f.text.slice(last, c.start) + ' ';
    last = c.end;
  }
  rest += f.text.slice(last, b);
  for (const tok of rest.split(/[\s\u2028]+/)) add(plainPath(tok));
  return out;
}

/** The path a list item starts with, when what follows it is a description, a size or nothing. */
function leadingPath(f: Flat, a: number, b: number): string | null {
  const p = skipMarks(f, a, b);
  const code = codesIn(f, p, p + 1)[0];
  let path: string | null = null;
  let after = p;
  if (code) {
    path = codePath(code.value);
    after = code.end;
  } else {
    const strong = f.strongAt.get(p);
    const end = strong ? strong.end : p + (/^[^\s\u2028]*/.exec(f.text.slice(p, b))![0].length);
    const word = f.text.slice(p, end).trim();
    if (!/\s/.test(word)) path = plainPath(word.replace(/:$/, ''));
    after = end;
  }
  if (!path) return null;
  const rest = f.text.slice(after, b);
  return /^\s*(?:$|[-–—:(,]|\s+-)/.test(rest) || /^:\s/.test(rest) ? path : null;
}

// ---------------------------------------------------------------------------
// Labels and headings with a meaning of their own.

const SUBJECT_LABEL = /^(?:file|file ?path|file ?name|path|location|module|source|source file)$/i;
/** `**Changed**: \`lib/api.ts\` headers type`: a change field whose value starts with a path names the section's file. */
const CHANGE_LABEL = /^(?:changed|modified|updated|edited|fixed|touched|refactored|rewritten|patched)$/i;
const FILES_LABEL = /^(?:files|file list|files? (?:modified|changed|created|updated|touched|affected|involved|added))$/i;
const TABLE_SUBJECT_COLUMN = /^(?:files?|file ?path|file ?name|paths?|locations?)$/i;

/**
 * Heading (or field label) words that introduce work not yet done: such
 * statements are plans, not claims about the repository.
 */
export const PLANNING_WORDS =
  /\b(?:recommendations?|recommended|next steps?|next actions?|future (?:work|capabilities|enhancements?|improvements?|plans?|directions?)|roadmap|todos?|to-?do|plans?|planned|planning|action items?|actions? required|required actions?|follow[- ]?ups?|what'?s next|outstanding (?:work|items|tasks)|open (?:items|tasks|questions)|backlog|suggestions?|proposals?|proposed|should)\b/i;
/** A heading that reports on the planned work (done, its results, its status) is not a plan. */
const DONE_WORDS = /\b(?:completed?|done|applied|delivered|achieved|implemented|taken|finished|resolved|results?|status)\b/i;
/**
 * Field labels that introduce work to do. Narrower than headings: a label such
 * as `Test Plan` or `Fix` often describes work that was done.
 */
const PLANNING_LABEL =
  /^(?:recommendations?|recommended(?: actions?| fix(?:es)?)?|next steps?|action items?|actions? required|required actions?|todos?|to-?do|future work|follow[- ]?ups?|suggestions?|proposed(?: fix(?:es)?| changes?)?)$/i;

function isPlanningTitle(text: string): boolean {
  return PLANNING_WORDS.test(text) && !DONE_WORDS.test(text);
}

/*
 * A code block's role decides whether its text must be absent (before) or
 * present (after) in the file, so only a short lead-in that is nothing but
 * such a label counts: `**BEFORE:**`, `Old code:`, `After the fix (line 12):`,
 * `Line 137 was:`. "After deploying, run:" is not one.
 */
const ROLE_NOUN = String.raw`(?:code|version|implementation|logic|snippet|function|method|config(?:uration)?|lines?|state|behaviou?r)`;
const ROLE_EVENT = String.raw`(?:\s+(?:the\s+)?(?:fix(?:es)?|changes?|patch|update|refactor(?:ing)?))?`;
const ROLE_TAIL = String.raw`\s*(?:\([^)]*\))?\s*:?$`;
const BEFORE_LEAD = new RegExp(
  String.raw`^(?:before${ROLE_EVENT}|(?:old|original|previous|broken|buggy)(?:\s+${ROLE_NOUN})?|previously|${ROLE_NOUN}\s+before)${ROLE_TAIL}|\bwas\s*:$|\(before\)\s*:?$`,
  'i',
);
const AFTER_LEAD = new RegExp(
  String.raw`^(?:after${ROLE_EVENT}|(?:new|fixed|updated|corrected|patched)(?:\s+${ROLE_NOUN})?|now|${ROLE_NOUN}\s+after)${ROLE_TAIL}|\b(?:is now|now reads|becomes|changed to)\s*:$|\(after\)\s*:?$`,
  'i',
);
/** Info strings of a fence that holds text, not a program. */
const TEXT_LANGS = /^(?:text|txt|plain|plaintext|none)$/i;
/** A `Label: value` line of a text card; the label starts with a capital, as prose does and a YAML key does not. */
const BLOCK_FIELD = /^\s*([A-Z][A-Za-z0-9 /&()'-]{0,40}?)\s*:\s+(\S.*)$/;
/** Box-drawing characters (U+2500–U+257F), block elements, arrows and ASCII art rules. */
const BOX_DRAWING = /[\u2500-\u259F\u2190-\u21FF\u25B2-\u25BC\u25C0-\u25C4]|(?:^|\s)[+|](?=\s|$)|[-=]{3,}|\+-+\+?/g;
/** A box's top-left corner: file trees draw └ and ├ too, but never open a box. */
const BOX_CORNER = /[\u250C\u2554\u256D]|^\s*\+-{3,}/;
const BOX_SIDE = /[\u2502\u2551\u251C\u2524\u2560\u2563]|^\s*[|+]|[|+]\s*$/;
const LOG_LANGS = /^(?:text|txt|plain|plaintext|console|log|output|shell|sh|bash|zsh|terminal|shell-session|sh-session)$/i;
const ERROR_LINE =
  /^\s*(?:(?:\.{0,2}\/)?[\w./\\-]+\.\w+:\d+(?::\d+)?:\s|(?:error|fatal|panic)(?:\[[\w-]+\])?:|(?:--- )?FAIL(?:ED)?\b|\w+(?:Error|Exception):\s|Traceback \(most recent call last\))/i;

function leadRole(st: Statement | null): 'before' | 'after' | null {
  if (!st || st.construct === 'code-block') return null;
  const lead = (st.label && !(st.value ?? '').trim() ? st.label : st.text).replace(/^[^\p{L}\p{N}(]+/u, '').trim();
  if (!lead || lead.split(/\s+/).length > 6 || /[,;.!?]\s/.test(lead)) return null;
  if (BEFORE_LEAD.test(lead)) return 'before';
  if (AFTER_LEAD.test(lead)) return 'after';
  return null;
}

function looksLikeErrors(code: Code): boolean {
  if (code.lang && !LOG_LANGS.test(code.lang)) return false;
  return code.value.split('\n').some((l) => ERROR_LINE.test(l) && !/^\s*(?:fix|impact|effort|root cause)\s*:/i.test(l));
}

// ---------------------------------------------------------------------------
// The walk.

interface Subject {
  path: string | null;
  paths: string[];
}

/** Where a subject holds: a section, a list, a list item. Lookup walks outwards. */
class Scope {
  subject: Subject | undefined;
  constructor(readonly parent: Scope | null) {}
  resolve(): Subject {
    for (let s: Scope | null = this; s; s = s.parent) if (s.subject) return s.subject;
    return { path: null, paths: [] };
  }
}

interface Section {
  depth: number;
  text: string;
  planning: boolean;
  scope: Scope;
}

interface Ctx {
  /** Where lookups start. */
  scope: Scope;
  /** Where a File field writes: the enclosing list, else the section. */
  fieldScope: Scope | null;
  parents: string[];
  planning: boolean;
}

interface LeadIn {
  /** Null when the lead-in is the list item the list is nested in (already among the parents). */
  text: string | null;
  planning: boolean;
  /** Set when the lead-in is an empty `Files:` field whose paths are the list below. */
  files: { statement: Statement; scope: Scope } | null;
}

class Builder {
  private readonly out: Statement[] = [];
  private readonly sections: Section[];
  private headingTexts: string[] = [];
  private planningSection = false;
  private sectionSerial = 0;
  private lastText: Statement | null = null;
  private lastCode: { st: Statement; serial: number; index: number } | null = null;

  constructor(private readonly docPath: string) {
    this.sections = [{ depth: 0, text: '', planning: false, scope: new Scope(null) }];
  }

  build(root: Root): Statement[] {
    this.blocks(root.children, null);
    return this.out;
  }

  private sectionScope(): Scope {
    return this.sections[this.sections.length - 1]!.scope;
  }

  /** Root-level blocks read the current section afresh, since headings change it between them. */
  private blocks(nodes: readonly RootContent[], ctx: Ctx | null): void {
    let lead: LeadIn | null = null;
    for (const node of nodes) {
      const c: Ctx = ctx ?? { scope: this.sectionScope(), fieldScope: null, parents: [], planning: false };
      const above = lead;
      lead = null;
      switch (node.type) {
        case 'list':
          this.list(node, c, above);
          break;
        case 'heading':
          this.heading(node);
          break;
        case 'paragraph':
          lead = this.paragraph(node, c);
          break;
        case 'code':
          this.code(node, c);
          break;
        case 'table':
          this.table(node, c);
          break;
        case 'html':
          this.html(node, c);
          break;
        case 'blockquote':
          this.blocks(node.children, c);
          break;
        case 'footnoteDefinition':
          this.blocks(node.children, c);
          break;
        case 'thematicBreak':
          if (!ctx) this.rule();
          break;
        default:
          // Link definitions carry no statement.
          break;
      }
    }
  }

  /**
   * A `---` rule between sections: what follows it up to the next heading (a
   * sign-off block, a footer of status lines) is no longer part of the plan
   * or about the file of the section above it.
   */
  private rule(): void {
    const top = this.sections[this.sections.length - 1]!;
    top.scope = new Scope(null);
    top.scope.subject = { path: null, paths: [] };
    // Until the next heading only: a subsection after the rule is still under its planning heading.
    this.planningSection = false;
    this.lastText = null;
  }

  private emit(
    construct: Construct,
    text: string,
    line: number,
    endLine: number,
    ctx: Ctx,
    extra: Partial<Statement> & { code?: string[] } = {},
    subject: Subject = ctx.scope.resolve(),
  ): Statement {
    const st: Statement = {
      text,
      code: extra.code ?? [],
      line,
      endLine: Math.max(line, endLine),
      construct,
      headings: this.headingTexts.slice(),
      subjectPath: subject.path,
      subjectPaths: subject.paths.slice(),
      planning: this.planningSection || ctx.planning || extra.planning === true,
      docPath: this.docPath,
    };
    if (extra.label !== undefined) {
      st.label = extra.label;
      st.value = extra.value ?? '';
    }
    if (extra.table) st.table = extra.table;
    if (extra.codeBlock) st.codeBlock = extra.codeBlock;
    if (extra.blockLine) st.blockLine = extra.blockLine;
    if (ctx.parents.length) st.parents = ctx.parents.slice();
    this.out.push(st);
    if (construct !== 'code-block') this.lastText = st;
    return st;
  }

  private heading(node: Heading): void {
    const f = flatten(node.children, node.position?.start.line ?? 1);
    const text = clean(f.text);
    while (this.sections.length > 1 && this.sections[this.sections.length - 1]!.depth >= node.depth) this.sections.pop();
    const scope = new Scope(this.sectionScope());
    const paths = pathsIn(f, 0, f.text.length);
    if (paths.length) scope.subject = { path: paths.length === 1 ? paths[0]! : null, paths };
    this.sections.push({ depth: node.depth, text, planning: isPlanningTitle(text), scope });
    this.headingTexts = this.sections.slice(1).map((s) => s.text);
    this.planningSection = this.sections.some((s) => s.planning);
    this.sectionSerial++;
    this.lastText = null;
    if (!text) return;
    const field = fieldAt(f, 0, f.text.length, true);
    const line = node.position?.start.line ?? 1;
    const ctx: Ctx = { scope, fieldScope: null, parents: [], planning: false };
    this.emit('heading', text, line, node.position?.end.line ?? line, ctx, {
      code: f.codes.map((c) => c.value),
      ...(field ? { label: field.label, value: clean(f.text.slice(field.valueStart)) } : {}),
    });
  }

  /**
   * A paragraph: split at hard breaks, then at lines that start a field, then
   * into sentences. `first` (for a list item) turns the first group into the
   * item's own statement. Returns the lead-in the last line makes for a list
   * right below it.
   */
  private paragraph(node: Paragraph, ctx: Ctx, first?: (f: Flat, a: number, b: number, field: FieldMatch | null) => Statement | null): LeadIn | null {
    const f = flatten(node.children, node.position?.start.line ?? 1);
    const groups = fieldGroups(f);
    let lastSt: Statement | null = null;
    let lastField: FieldMatch | null = null;
    let planning = false;
    groups.forEach((g, i) => {
      if (i === 0 && first) {
        lastSt = first(f, g.start, g.end, g.field);
        lastField = g.field;
        return;
      }
      if (g.field) {
        lastSt = this.field(f, g.start, g.end, g.field, ctx);
        planning = lastSt.planning;
      } else {
        for (const s of sentences(f, g.start, g.end)) {
          const st = this.piece('paragraph', f, s.start, s.end, ctx);
          if (st) lastSt = st;
        }
      }
      lastField = g.field;
    });
    const last = lastSt as Statement | null;
    if (!last || !last.text.endsWith(':')) return null;
    const files =
      lastField && FILES_LABEL.test((lastField as FieldMatch).label) && !(last.value ?? '').trim()
        ? { statement: last, scope: ctx.fieldScope ?? this.sectionScope() }
        : null;
    return { text: last.text, planning: planning || last.planning, files };
  }

  /** A statement for text[a, b) of a flattened block, or null when it is blank. */
  private piece(construct: Construct, f: Flat, a: number, b: number, ctx: Ctx, extra: Partial<Statement> = {}, subject?: Subject): Statement | null {
    let s = a;
    let e = b;
    while (s < e && /[\s\u2028]/.test(f.text[s]!)) s++;
    while (e > s && /[\s\u2028]/.test(f.text[e - 1]!)) e--;
    if (s >= e) return null;
    const code = codesIn(f, s, e).map((c) => c.value);
    return this.emit(construct, clean(f.text.slice(s, e)), f.lines[s]!, f.lines[e - 1]!, ctx, { code, ...extra }, subject);
  }

  /** A `Label: value` line; a File/Files label sets the subject where the field stands. */
  private field(f: Flat, a: number, b: number, m: FieldMatch, ctx: Ctx, construct: Construct = 'field'): Statement {
    const value = clean(f.text.slice(m.valueStart, b));
    const planning = PLANNING_LABEL.test(m.label);
    let subject: Subject | undefined;
    if (SUBJECT_LABEL.test(m.label)) {
      const own = pathsIn(f, m.valueStart, b);
      const single = own[0] ?? (/^\S+$/.test(value) ? splitLineRef(value.replace(/^`|`$/g, '').replace(/:$/, '')).path : null);
      if (single) subject = { path: single, paths: [single] };
    } else if (FILES_LABEL.test(m.label)) {
      const own = pathsIn(f, m.valueStart, b);
      if (own.length) subject = { path: own.length === 1 ? own[0]! : null, paths: own };
    } else if (CHANGE_LABEL.test(m.label)) {
      const lead = /^`([^`]+)`/.exec(value);
      const own = pathsIn(f, m.valueStart, b);
      if (lead && own[0] && own[0] === lead[1]) subject = { path: own[0], paths: [own[0]] };
    }
    if (subject) (ctx.fieldScope ?? this.sectionScope()).subject = subject;
    const st = this.piece(construct, f, a, b, ctx, { label: m.label, value, planning }, subject ?? ctx.scope.resolve());
    // A field always has its label, so the piece cannot be blank.
    return st!;
  }

  private list(node: List, ctx: Ctx, lead: LeadIn | null): void {
    const listScope = new Scope(ctx.scope);
    const parents = lead?.text ? [...ctx.parents, lead.text] : ctx.parents;
    const planning = ctx.planning || (lead?.planning ?? false);
    if (lead?.files) {
      const paths = leadingPathItems(node);
      if (paths.length) {
        const subject = { path: paths.length === 1 ? paths[0]! : null, paths };
        lead.files.scope.subject = subject;
        lead.files.statement.subjectPath = subject.path;
        lead.files.statement.subjectPaths = paths.slice();
      }
    }
    // A `Files:` lead-in is the parent of its path items only: the bullets after
    // them (the same list to markdown when the marker is the same) describe the files.
    const parentOf = lead?.files ? leadingPathItems(node).length : node.children.length;
    node.children.forEach((item, i) => {
      this.item(item, { scope: listScope, fieldScope: listScope, parents: i < parentOf ? parents : ctx.parents, planning });
    });
  }

  private item(node: ListItem, ctx: Ctx): void {
    const itemScope = new Scope(ctx.scope);
    let itemText: string | null = null;
    let itemPlanning = false;
    const marker = node.checked === true ? '[x] ' : node.checked === false ? '[ ] ' : '';
    const inner = (): Ctx => ({
      scope: itemScope,
      fieldScope: ctx.fieldScope,
      parents: itemText ? [...ctx.parents, itemText] : ctx.parents,
      planning: ctx.planning || itemPlanning,
    });
    let lead: LeadIn | null = null;
    node.children.forEach((child, i) => {
      const above = lead;
      lead = null;
      if (child.type === 'list') {
        this.list(child, inner(), above);
      } else if (i === 0 && child.type === 'paragraph') {
        lead = this.paragraph(child, inner(), (f, a, b, field) => {
          const path = field ? null : leadingPath(f, a, b);
          if (path) itemScope.subject = { path, paths: [path] };
          const own: Ctx = { ...ctx, scope: itemScope };
          const st = field ? this.field(f, a, b, field, own, 'list-item') : this.piece('list-item', f, a, b, own);
          if (!st) return null;
          if (marker) st.text = marker + st.text;
          itemText = st.text;
          itemPlanning = field !== null && PLANNING_LABEL.test(field.label);
          return st;
        });
        if (lead && lead.text === itemText) lead = { ...lead, text: null };
      } else {
        this.blocks([child], inner());
      }
    });
  }

  private code(node: Code, ctx: Ctx): void {
    const line = node.position?.start.line ?? 1;
    const before = leadRole(this.lastText);
    const role: CodeContext['role'] = before ?? (looksLikeErrors(node) ? 'error' : 'other');
    const codeBlock: CodeContext = { lang: node.lang ?? null, value: node.value, role };
    const st = this.emit('code-block', node.value, line, node.position?.end.line ?? line, ctx, { codeBlock });
    const index = this.out.length - 1;
    const prev = this.lastCode;
    if (role === 'after' && prev && prev.serial === this.sectionSerial && prev.st.codeBlock?.role === 'before' && index - prev.index <= 3) {
      codeBlock.pair = prev.st.codeBlock.value;
      prev.st.codeBlock.pair = node.value;
    }
    this.lastCode = { st, serial: this.sectionSerial, index };
    this.blockLines(node, ctx);
    // The label above a block describes that block only.
    this.lastText = null;
  }

  /**
   * A fenced block that is text in a box rather than code — every line a
   * `Label: value` (an error card: "Error: …", "Root Cause: …", "Expected: …"),
   * or an architecture drawing of named boxes — states one thing per line, as a
   * list would: each line becomes a statement of its own beside the block's.
   */
  private blockLines(node: Code, ctx: Ctx): void {
    if (node.lang && !TEXT_LANGS.test(node.lang)) return;
    const first = (node.position?.start.line ?? 1) + 1;
    const lines = node.value.split('\n');
    const filled = lines.filter((l) => l.trim());
    if (filled.length < 2) return;
    const fields = filled.every((l) => BLOCK_FIELD.test(l) && goodLabel(BLOCK_FIELD.exec(l)![1]!));
    const diagram = !fields && filled.some((l) => BOX_CORNER.test(l)) && filled.filter((l) => BOX_SIDE.test(l)).length * 2 >= filled.length;
    // A map of documents: "├─ Need API details? → API_README.md". Each arrow points the reader at a file.
    const pointers = !fields && !diagram ? filled.filter((l) => FILE_POINTER.test(l)) : [];
    if (pointers.length >= 2) {
      lines.forEach((raw, i) => {
        if (!FILE_POINTER.test(raw)) return;
        // The drawing's lines go; the arrow stays, since it is what points at the file.
        const text = raw.replace(/[\u2500-\u259F]/g, ' ').replace(/\s+/g, ' ').trim();
        this.emit('list-item', text, first + i, first + i, ctx, { code: [], blockLine: 'diagram' });
      });
      return;
    }
    if (!fields && !diagram) return;
    lines.forEach((raw, i) => {
      const line = first + i;
      if (fields) {
        const m = BLOCK_FIELD.exec(raw);
        if (!m) return;
        const label = m[1]!.trim();
        const value = m[2]!.trim();
        this.emit('field', `${label}: ${value}`, line, line, ctx, { label, value, planning: PLANNING_LABEL.test(label), code: [...value.matchAll(/`([^`]+)`/g)].map((c) => c[1]!), blockLine: 'fields' });
        return;
      }
      // Boxes side by side share a line: each box's words are a statement. Rules, arrows and connectors carry no words.
      for (const part of raw.replace(BOX_DRAWING, '\0').split(/\0|\s{3,}/)) {
        const text = part.replace(/\s+/g, ' ').trim();
        if (!/\p{L}{2,}/u.test(text)) continue;
        this.emit('list-item', text, line, line, ctx, { code: [], blockLine: 'diagram' });
      }
    });
  }

  private table(node: Table, ctx: Ctx): void {
    const [head, ...body] = node.children;
    if (!head) return;
    const headFlats = head.children.map((c) => flatten(c.children, head.position?.start.line ?? 1));
    const headers = headFlats.map((f) => clean(f.text));
    const column = headers.findIndex((h) => TABLE_SUBJECT_COLUMN.test(h.replace(/[^\p{L}\p{N} ]/gu, '').trim()));
    const row = (cells: Flat[], line: number, header: boolean) => {
      const texts = cells.map((f) => clean(f.text));
      const table: TableContext = { headers, cells: texts.concat(Array(Math.max(0, headers.length - texts.length)).fill('')) };
      if (header) table.header = true;
      let subject: Subject | undefined;
      const cell = !header && column >= 0 ? cells[column] : undefined;
      if (cell) {
        const paths = pathsIn(cell, 0, cell.text.length);
        const bare = clean(cell.text).replace(/^`|`$/g, '');
        if (!paths.length && bare && !/\s/.test(bare) && /[./]/.test(bare)) paths.push(splitLineRef(bare.replace(/:$/, '')).path);
        if (paths.length) subject = { path: paths.length === 1 ? paths[0]! : null, paths };
      }
      this.emit('table-row', texts.join(' | '), line, line, ctx, { table, code: cells.flatMap((f) => f.codes.map((c) => c.value)) }, subject);
    };
    row(headFlats, head.position?.start.line ?? 1, true);
    for (const r of body) {
      const line = r.position?.start.line ?? 1;
      row(r.children.map((c) => flatten(c.children, line)), line, false);
    }
  }

  /** An HTML block: one statement per line that has visible text, tags and comments removed. */
  private html(node: Html, ctx: Ctx): void {
    const start = node.position?.start.line ?? 1;
    const noComments = node.value.replace(/<!--[\s\S]*?(?:-->|$)/g, (m) => m.replace(/[^\n]/g, ' '));
    noComments.split('\n').forEach((l, i) => {
      const text = decodeEntities(l.replace(/<[^>]*>/g, ' ')).replace(/\s+/g, ' ').trim();
      if (text) this.emit('paragraph', text, start + i, start + i, ctx);
    });
  }
}

function decodeEntities(s: string): string {
  return s.replace(/&(amp|lt|gt|quot|#39|nbsp);/g, (_, e: string) => ({ amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'", nbsp: ' ' })[e] ?? _);
}

interface Group {
  start: number;
  end: number;
  field: FieldMatch | null;
}

/**
 * Lines of a paragraph that belong together. A hard break always ends a group
 * (`**Date**: x  ` lines). A soft line starts a new group when it starts with
 * a bold label or a status mark, or with a plain label inside a block of
 * fields; otherwise it continues the sentence above.
 */
function fieldGroups(f: Flat): Group[] {
  const groups: Group[] = [];
  let segStart = 0;
  const text = f.text;
  for (let i = 0; i <= text.length; i++) {
    if (i < text.length && text[i] !== HARD_BREAK) continue;
    const segEnd = i;
    let lineStart = segStart;
    let current: Group | null = null;
    let fieldBlock = false;
    while (lineStart <= segEnd) {
      let lineEnd = text.indexOf('\n', lineStart);
      if (lineEnd < 0 || lineEnd > segEnd) lineEnd = segEnd;
      const first: boolean = current === null;
      const bold: FieldMatch | null = fieldAt(f, lineStart, lineEnd, false);
      const plain: FieldMatch | null = bold ?? fieldAt(f, lineStart, lineEnd, first || fieldBlock);
      const status = STATUS_START.test(text.slice(lineStart, lineEnd));
      if (first) fieldBlock = plain !== null;
      if (current === null || bold || (fieldBlock && plain) || status) {
        if (current) current.end = lineStart;
        const field: FieldMatch | null = bold ?? (fieldBlock || first ? plain : null);
        current = { start: lineStart, end: lineEnd, field };
        groups.push(current);
      } else {
        current.end = lineEnd;
      }
      lineStart = lineEnd + 1;
    }
    segStart = i + 1;
  }
  return groups.filter((g) => text.slice(g.start, g.end).trim());
}

/** The leading items of a list that are paths, as a `Files:` list is written. */
function leadingPathItems(list: List): string[] {
  const paths: string[] = [];
  for (const item of list.children) {
    const para = item.children[0];
    if (!para || para.type !== 'paragraph') break;
    const f = flatten(para.children, para.position?.start.line ?? 1);
    const p = leadingPath(f, 0, f.text.length);
    if (!p) break;
    if (!paths.includes(p)) paths.push(p);
  }
  return paths;
}

// ---------------------------------------------------------------------------
// The line-based fallback.

function lineStatements(docPath: string, source: string): Statement[] {
  const out: Statement[] = [];
  const headings: { depth: number; text: string; planning: boolean }[] = [];
  let subject: Subject = { path: null, paths: [] };
  let inFence = false;
  source.split('\n').forEach((rawLine, i) => {
    const line = i + 1;
    if (/^\s*(```|~~~)/.test(rawLine)) {
      inFence = !inFence;
      return;
    }
    const trimmed = rawLine.trim();
    if (!trimmed || /^(?:-{3,}|\*{3,}|_{3,})$/.test(trimmed) || (trimmed.includes('|') && DELIMITER_ROW.test(trimmed))) return;
    const code = [...trimmed.matchAll(/`([^`]+)`/g)].map((m) => m[1]!);
    let construct: Construct = inFence ? 'code-block' : 'paragraph';
    let body = trimmed;
    const h = /^(#{1,6})\s+(.*)$/.exec(trimmed);
    if (!inFence && h) {
      construct = 'heading';
      body = h[2]!.replace(/\s+#+\s*$/, '');
    } else if (!inFence && /^(?:[-*+]|\d+[.)])\s+/.test(trimmed)) {
      construct = 'list-item';
      body = trimmed.replace(/^(?:[-*+]|\d+[.)])\s+/, '');
    } else if (!inFence && trimmed.startsWith('|')) {
      construct = 'table-row';
      body = trimmed.replace(/^\||\|$/g, '').split('|').map((c) => c.trim()).join(' | ');
    }
    const text = inFence ? rawLine : body.replace(/\*\*|__/g, '').trim();
    if (construct === 'heading') {
      while (headings.length && headings[headings.length - 1]!.depth >= h![1]!.length) headings.pop();
      headings.push({ depth: h![1]!.length, text, planning: isPlanningTitle(text) });
      subject = { path: null, paths: [] };
    }
    const st: Statement = {
      text,
      code,
      line,
      endLine: line,
      construct,
      headings: headings.map((x) => x.text),
      subjectPath: subject.path,
      subjectPaths: subject.paths.slice(),
      planning: headings.some((x) => x.planning),
      docPath,
    };
    const m = inFence ? null : /^([\p{L}\p{N}][^:`]{0,60}?)\s*:\s*(.*)$/u.exec(text.replace(/^[^\p{L}\p{N}]+/u, ''));
    if (m && goodLabel(m[1]!) && (m[2]!.trim() || body.includes('**'))) {
      st.label = m[1]!.trim();
      st.value = m[2]!.trim();
      if (construct === 'paragraph') st.construct = 'field';
      if (SUBJECT_LABEL.test(st.label)) {
        const p = codePath(code[0] ?? st.value.split(/\s+/)[0] ?? '');
        if (p) {
          subject = { path: p, paths: [p] };
          st.subjectPath = p;
          st.subjectPaths = [p];
        }
      }
      if (PLANNING_LABEL.test(st.label)) st.planning = true;
    }
    out.push(st);
  });
  return out;
}
