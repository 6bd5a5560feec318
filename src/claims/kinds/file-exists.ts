/**
 * file-exists: a report names a file or directory as present — a `**File**:`
 * field, a list item that starts with a path, or a path next to a verb of
 * creation. Removal and absence sentences are not existence claims.
 */
import { reportDirOf } from '../subject.js';
import { tallyClaims } from './file-count.js';
import { manifestCountOf } from './dependency.js';
import { resolveMention } from '../../repo/paths.js';
import type { Claim, ClaimKindModule, Statement } from '../types.js';
import { countsOf, looksLikePath, pathMentions, splitLineRef } from '../mentions.js';
import { KEEP_FILE, drawnRoot, parseFileTree, withoutRoot } from '../filetree.js';

/** Each entry of a directory tree drawn in a code block is a file said to exist, on the line it is drawn. */
function treeClaims(st: Statement) {
  const block = st.codeBlock?.value ?? st.text;
  const entries = parseFileTree(block);
  if (!entries.length) return [];
  // A fenced block's first content line is the line after the fence.
  const first = st.endLine - st.line + 1 > block.split('\n').length ? st.line + 1 : st.line;
  const root = drawnRoot(block);
  const lines = block.split('\n');
  return entries.flatMap((e) => {
    const path = withoutRoot(e.path, root);
    // An annotation that asserts something ("[Dependencies - 4 packages]", "# 38 lines") is more than existence: it is
    // listed as its own claim, so the entry's line is not verified by the file being there.
    const note = /(?:\[([^\]]*)\]|#([^#]*)|\(([^()]*)\))\s*$/.exec(lines[e.offset] ?? '');
    const raw = note ? (note[1] ?? note[2] ?? note[3] ?? '').trim() : '';
    const annotation = /\d/.test(raw) ? raw : '';
    // "spec/  # Specification parser (6 files, 972 lines)": the folder's tally is a count the file list answers.
    const tally = annotation && e.isDir ? tallyClaims(st, path, annotation, first + e.offset) : [];
    // "main.py   [App entry point - 38 lines]": the file's own line count.
    const counted = annotation && !e.isDir ? countsOf(annotation, 'lines?|LOC|loc') : [];
    const counts: Omit<Claim, 'id' | 'sources'>[] = counted.map((c) => ({ kind: 'line-count' as const, text: `${e.name}: ${c.match}`, source: { path: st.docPath, line: first + e.offset }, subject: { path, symbol: null }, data: { quantity: c.quantity } }));
    // "requirements.txt   [Dependencies - 4 packages]": how many packages the manifest declares.
    const packages = annotation && !e.isDir ? manifestCountOf(path, annotation) : null;
    if (packages) counts.push({ kind: 'dependency', text: `${e.name}: ${annotation}`, source: { path: st.docPath, line: first + e.offset }, subject: { path, symbol: null }, data: { manifestCount: packages } });
    const extra = tally.length
      ? tally
      : counts.length
        ? counts
      : annotation
        ? [{ kind: 'other' as const, text: `${e.name}: ${annotation}`, source: { path: st.docPath, line: first + e.offset }, subject: { path, symbol: null }, data: {} }]
        : [];
    return [...extra, {
      kind: 'file-exists' as const,
      text: e.name,
      source: { path: st.docPath, line: first + e.offset },
      subject: { path: e.isDir ? `${path}/` : path, symbol: null },
      data: { path: e.isDir ? `${path}/` : path, ...(root ? { treeRoot: root } : {}), tree: true, ...(e.isDir && raw && !annotation ? { describedAs: raw } : {}) },
    }];
  });
}


const SUBJECT_LABEL = /^(files?|paths?|locations?|modules?|sources?|scripts?|tests?|specs?|documents?|docs?|config(uration)?|templates?)$/i;
const CREATION = /\b(creat|add|implement|generat|deliver|writ|wrote|built|introduc|provid|produc|sav|exist|contain|includ|locat|enhanc|updat|modifi|chang|fix)/i;
const ABSENCE = /\b(remov|delet|missing|absent|not found|no such|does not exist|doesn't exist|rename|drop|obsolete|would|should|will|could|planned|todo)\b/i;

/** Whether the statement asserts that the paths it names exist. */
export function assertsExistence(st: Statement): boolean {
  if (st.construct === 'code-block' || st.construct === 'heading') return false;
  if (ABSENCE.test(st.text.replace(/`[^`]*`/g, ' '))) return false;
  if (st.label && SUBJECT_LABEL.test(st.label.trim())) return true;
  if (st.construct === 'list-item' && /^\s*`[^`]+`/.test(st.text)) return true;
  // `- **main.py** - entry point`: a list item that starts with a path (bold or plain) lists that file.
  if (st.construct === 'list-item' && /^\s*(?:[\w@.+-]+\/)*[\w@+-][\w@.+-]*\.[A-Za-z0-9]{1,6}(?=\s|$|[:,(])/.test(st.text)) return true;
  // `**New gateway**: `src/x.ts` (118 lines)`: a field whose value is a path names that file as there.
  const lead = st.value !== undefined ? /^\s*`([^`]+)`/.exec(st.value) : null;
  if (lead && looksLikePath(splitLineRef(lead[1]!).path)) return true;
  if (st.construct === 'table-row') return true;
  // "See POSTMAN_TESTING.md", "details in `docs/api.md`", "Want the API? → API_README.md": a pointer sends the reader
  // to a file, which says it is there.
  if (POINTER.test(st.text)) return true;
  return CREATION.test(st.text);
}

const POINTER = /(?:^\W*(?:see|read|open|refer to|consult)\b|\b(?:see|details? in|documented in|described in|refer to)\s+(?:the\s+)?[`*]*[\w./-]+\.[A-Za-z]{1,6}\b|(?:→|->|=>)\s*[`*]*[\w./-]+\.[A-Za-z]{1,6}\s*[`*]*\s*$)/i;

export const fileExists: ClaimKindModule = {
  kind: 'file-exists',
  description: 'A named file or directory exists in the repository.',
  recognize(st) {
    if (st.construct === 'code-block' && !st.blockLine) return treeClaims(st);
    if (!assertsExistence(st)) return [];
    return pathMentions(st).map((m) => ({
      kind: 'file-exists' as const,
      text: m.path,
      source: { path: st.docPath, line: st.line },
      subject: { path: m.path, symbol: null },
      data: { path: m.path },
    }));
  },
  verify(claim, ctx) {
    // A drawn tree's root folder is often the project itself: try the path without it when the folder is not there.
    const rooted = typeof claim.data.treeRoot === 'string' ? `${claim.data.treeRoot}/${String(claim.data.path)}` : null;
    const mention = rooted && resolveMention(ctx.snapshot, rooted).status === 'found' ? rooted : String(claim.data.path);
    const r = resolveMention(ctx.snapshot, mention, rooted ? undefined : reportDirOf(claim));
    switch (r.status) {
      case 'found': {
        if (r.isDir) {
          const inside = ctx.snapshot.files.filter((f) => f.path.startsWith(r.path + '/'));
          const n = inside.length;
          // "contract/   # Contract tests" over a folder that holds only a keep-file: the folder is there, what the
          // line says is in it is not.
          const described = typeof claim.data.describedAs === 'string' ? claim.data.describedAs : null;
          if (described && inside.every((f) => KEEP_FILE.test(f.path))) {
            return { verdict: 'contradicted', reason: `directory ${r.path} holds ${n ? `only ${inside.map((f) => f.path.slice(r.path.length + 1)).join(', ')}` : 'no files'}: nothing of "${described}" is in it`, evidence: [{ path: r.path, note: `empty but for ${n} placeholder file${n === 1 ? '' : 's'}` }] };
          }
          return { verdict: 'verified', reason: `directory ${r.path} exists (${n} files)`, evidence: [{ path: r.path, note: r.note ?? `directory with ${n} files` }] };
        }
        const read = ctx.snapshot.read(r.path);
        const size = ctx.snapshot.file(r.path)?.size ?? 0;
        const desc = read.ok ? `${read.lineCount} lines, ${size} bytes` : `${size} bytes`;
        return { verdict: 'verified', reason: `${r.path} exists (${desc})`, evidence: [{ path: r.path, line: 1, note: r.note ?? desc }] };
      }
      case 'ambiguous':
        // Every candidate ends with the path as written, so the file exists as the report wrote it; which one it
        // means is for the claims that read the file.
        return { verdict: 'verified', reason: `${r.note}; it exists as written`, evidence: r.candidates.map((c) => ({ path: c, note: 'matches the written path' })) };
      case 'outside-root':
        return { verdict: 'unverifiable', reason: r.note, evidence: [] };
      case 'absent':
        return r.ignored
          ? { verdict: 'unverifiable', reason: r.note, evidence: [] }
          : { verdict: 'contradicted', reason: r.note, evidence: [] };
    }
  },
};
