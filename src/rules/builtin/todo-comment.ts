/**
 * Marker tags (the four words in MARKERS below), read the way the peer
 * linters read them (pylint's `fixme`, ruff's FIX001-004): a tag that opens a
 * comment, or one `#`-section of it (code, then a comment, then a second hash
 * and the tag), in any case when a colon follows it; an upper-case tag with a
 * colon anywhere in a comment or docstring; and in Python a tag that opens a line of a
 * docstring or of a string statement used as a block comment, each such line
 * on its own. A tag in prose ("a to-do list"), inside an ordinary string
 * literal, or quoted is not a marker. The rule's examples show each form.
 *
 * Code rather than a rules/*.yaml pattern: string statements are not
 * comments in the model, so the syntax tree is read for them.
 */
import type { CommentInfo } from '../../lang/model.js';
import type { RawFinding, TreeRule } from '../types.js';
import { isQuoted } from '../yaml.js';

/** The tags, upper-case. */
const MARKERS = 'TODO|FIXME|XXX|HACK';
/** What may come before a tag that opens a comment line: spaces and comment punctuation. */
const LEAD = '^[\\s*#/!-]*';
/** In docstrings and string statements a hash or slash is text, so only spaces and a leading `*` may come first. */
const STRING_LEAD = '^[\\s*]*';
const OWNER_COLON = '(\\([^)]*\\))?:';
const OPENS = new RegExp(`${LEAD}(?<tag>${MARKERS})(?![\\w-])`);
const OPENS_WITH_COLON = new RegExp(`${LEAD}(?<tag>${MARKERS})${OWNER_COLON}`, 'i');
const COLON_ANYWHERE = new RegExp(`(?<![\\w-])(?<tag>${MARKERS})(?=${OWNER_COLON})`);
const STRING_OPENS = new RegExp(`${STRING_LEAD}(?<tag>${MARKERS})(?![\\w-])`);
const STRING_OPENS_WITH_COLON = new RegExp(`${STRING_LEAD}(?<tag>${MARKERS})${OWNER_COLON}`, 'i');
const ANY_TAG = new RegExp(MARKERS, 'i');

/** The tag a comment line carries, or null. */
export function commentTag(line: string): string | null {
  const sections = line.split('#');
  for (let i = 0; i < sections.length; i++) {
    const s = i === 0 ? sections[0]! : '#' + sections[i]!;
    const m = OPENS.exec(s) ?? OPENS_WITH_COLON.exec(s);
    if (m) return m.groups!.tag!;
  }
  const m = COLON_ANYWHERE.exec(line);
  if (m && !isQuoted(line, m.index, m.index + m[0].length)) return m.groups!.tag!;
  return null;
}

/** The tag a line of a docstring or string statement carries, or null. */
export function docTag(line: string): string | null {
  const m = STRING_OPENS.exec(line) ?? STRING_OPENS_WITH_COLON.exec(line);
  if (m) return m.groups!.tag!;
  // pylint wants the tag first on a docstring line; CPython's own docstrings put real ones after a sentence ("… XXX: make this a policy setting").
  const c = COLON_ANYWHERE.exec(line);
  return c && !isQuoted(line, c.index, c.index + c[0].length) ? c.groups!.tag! : null;
}

const message = (tag: string) => `${tag.toUpperCase()} comment marks unfinished work`;

/** Findings for the lines of a docstring-like text that starts on `firstLine`. */
function docLines(text: string, firstLine: number, out: RawFinding[]): void {
  text.split('\n').forEach((l, i) => {
    const tag = docTag(l);
    if (tag) out.push({ line: firstLine + i, message: message(tag) });
  });
}

const STRING_QUOTES = /^[rRuU]?("""|'''|"|')([\s\S]*)\1$/;

export const todoComment: TreeRule = {
  id: 'placeholder/todo-comment',
  category: 'placeholder',
  severity: 'warning',
  languages: ['python', 'go', 'typescript', 'javascript'],
  scope: 'tree',
  docs: {
    summary: 'TODO, FIXME, XXX and HACK tags in the comments (and Python docstrings) of production code.',
    why: 'A marker comment says the author knew the code was not finished. Reports that call such code "complete" or "production ready" are contradicted by it.',
    fix: 'Finish the work and delete the marker, or track it in an issue and say so in the report.',
    references: ['https://pylint.readthedocs.io/en/latest/user_guide/messages/warning/fixme.html', 'https://docs.astral.sh/ruff/rules/line-contains-todo/'],
    bad: [
      { files: { 'app/sync.py': 'def sync_fabric(fabric):\n    # TODO: implement the real Kubernetes sync\n    return {"success": True}\n' } },
      { files: { 'internal/store/store.go': 'package store\n\n// FIXME: retries are not implemented yet\nfunc Save() error { return nil }\n' } },
      { files: { 'src/orders.ts': 'export function total(items: number[]): number {\n  // HACK: ignore discounts until the pricing service exists\n  return items.reduce((a, b) => a + b, 0);\n}\n' } },
      { note: 'lower case with a colon, and a tag after code on the line', files: { 'app/rates.py': 'def rate(order):\n    # todo: read the rate table\n    return order.total * 0.2  # XXX assumes one currency\n' } },
      { note: 'a tag opening a second #-section of a comment', files: { 'app/retry.py': 'DELAY = 2  # seconds # FIXME make it configurable\n' } },
      {
        note: 'a tag opening a line of a docstring, or of a string statement used as a comment',
        files: { 'app/export.py': 'def export(rows):\n    """Write the rows as CSV.\n\n    TODO escape separators inside fields\n    """\n    """FIXME: quoting is not handled"""\n    return "\\n".join(",".join(r) for r in rows)\n' },
      },
    ],
    good: [
      { note: 'TODO inside an ordinary string literal is not a marker', files: { 'app/messages.py': 'HELP = "Write TODO in a comment to mark unfinished work"\ndef help_text():\n    return HELP\n' } },
      { note: 'markers in test code are not production placeholders', files: { 'tests/test_sync.py': '# TODO: add a case for an empty fabric\ndef test_sync():\n    assert True\n' } },
      { note: 'the word todo in prose (lower case, no colon) is not a marker', files: { 'app/todo.py': '# Manage the user\'s todo list.\n# todo items live in the store\ndef todo_items(store):\n    return store.items()\n' } },
      { note: 'the word TODO mentioned in a sentence is not a marker', files: { 'app/paths.py': '# A mock or a TODO in a test file is ordinary.\ndef is_test(path):\n    return path.startswith("tests/")\n' } },
      {
        note: 'names that begin with a tag, a quoted tag, and a tag after text, without a colon, in a docstring line',
        files: {
          'app/notes.py': '# Todoist and XXXL are product names.\n# Search for "TODO:" to list open work.\ndef notes():\n    """Return the notes; the TODOs view lists them.\n\n    Lines starting with # TODO are collected.\n    """\n    return []\n',
        },
      },
    ],
  },
  check(ctx) {
    const out: RawFinding[] = [];
    const docstringLines = new Set<number>();
    for (const c of ctx.model.comments) {
      if (c.kind === 'docstring') {
        docstringLines.add(c.range.line);
        docLines(c.text, c.range.line, out);
      } else commentFinding(c, out);
    }
    // Walking the native tree costs more than a scan of the text: only files that spell a tag anywhere are walked.
    if (ctx.tree.kind === 'tree-sitter' && ctx.tree.language === 'python' && ANY_TAG.test(ctx.text)) {
      // Strings standing alone as statements are block comments in Python (and pylint reads them as such).
      for (const st of ctx.tree.tree.rootNode.descendantsOfType('expression_statement')) {
        if (st.namedChildCount !== 1 || (st.parent?.type !== 'module' && st.parent?.type !== 'block')) continue;
        const s = st.namedChild(0)!;
        if (s.type !== 'string' || docstringLines.has(s.startPosition.row + 1)) continue;
        const m = STRING_QUOTES.exec(s.text);
        if (m) docLines(m[2]!, s.startPosition.row + 1, out);
      }
    }
    return out;
  },
};

function commentFinding(c: CommentInfo, out: RawFinding[]): void {
  const lines = c.text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const tag = commentTag(lines[i]!);
    if (!tag) continue;
    out.push({ line: c.range.line + i, message: message(tag) });
    return;
  }
}
