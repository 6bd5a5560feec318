/**
 * Directory trees drawn in code blocks, the way `tree` prints them and agents
 * copy them into reports:
 *
 *     app/
 *     ├── models/
 *     │   └── user.py        [Pydantic schemas]
 *     └── main.py            # entry point
 *
 * Each entry becomes a path (its ancestors joined by `/`) with the block line
 * it is drawn on. A tree needs the drawing characters (├ └ │ or ASCII `|--`
 * `` `-- ``): an indented list of names alone is too easily code.
 */

/** One entry of a drawn tree. */
export interface TreeEntry {
  /** Repo-relative path as drawn, with the drawn root folder dropped when it names the project itself. */
  path: string;
  /** Line within the block (0 = first line after the fence). */
  offset: number;
  isDir: boolean;
  /** The name as drawn (for the claim text). */
  name: string;
}

const BRANCH = /^([\s│|]*)(?:├──|└──|├─|└─|\|--|`--|\+--|\\--)\s*/;
/** A drawn root: `app/`, `/workspaces/app/`, with an icon before it. Segments are separated by mandatory slashes, so matching stays linear. */
export const ROOT_LINE = /^[^\w@.+/-]*(\/?[\w@.+-]+(?:\/[\w@.+-]+)*)\/\s*$/u;
const NAME = /^([\w@.+-][\w@.+ -]*?\/?)(?=\s{2,}|\s+[#[(←<-]|\s*$)/;

/** The entries of a tree block, or [] when the block is not a tree. */
export function parseFileTree(block: string): TreeEntry[] {
  const lines = block.split('\n');
  // Each line's branch column (or -1), computed once: the next entry's depth decides whether a name is a folder.
  const cols = lines.map((l) => {
    const b = BRANCH.exec(l.replace(/\t/g, '    '));
    return b ? b[0].length : -1;
  });
  if (!cols.some((c) => c >= 0)) return [];
  const out: TreeEntry[] = [];
  // Stack of (column, name) for folders currently open.
  const stack: { col: number; name: string }[] = [];
  let rootName: string | null = null;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!.replace(/\t/g, '    ');
    if (!line.trim()) continue;
    const b = BRANCH.exec(line);
    let col: number;
    let rest: string;
    if (b) {
      col = b[0].length;
      // Icons drawn before a name (📂 app/, 📄 main.py) are decoration.
      rest = line.slice(col).replace(/^[^\w@.+/-]+/u, '');
    } else {
      // A line without a branch: the drawn root (`app/`, or another machine's `/workspaces/app/`), only before any entry.
      if (out.length || stack.length || rootName !== null) continue;
      const m = ROOT_LINE.exec(line.trim());
      if (m) rootName = m[1]!.split('/').filter(Boolean).pop() ?? null;
      continue;
    }
    const m = NAME.exec(rest);
    if (!m) continue;
    let name = m[1]!.trim();
    if (!name || name === '.' || name === '..' || /\s/.test(name.replace(/\/$/, ''))) continue;
    const dirMark = name.endsWith('/');
    name = name.replace(/\/$/, '');
    while (stack.length && stack[stack.length - 1]!.col >= col) stack.pop();
    const parent = stack.map((s) => s.name).join('/');
    const path = parent ? `${parent}/${name}` : name;
    // A folder is a name drawn with `/` or one whose next entry is drawn deeper.
    let nextCol = -1;
    for (let j = i + 1; j < lines.length; j++) if (cols[j]! >= 0) { nextCol = cols[j]!; break; }
    const isDir = dirMark || nextCol > col;
    out.push({ path, offset: i, isDir, name: dirMark ? `${name}/` : name });
    if (isDir) stack.push({ col, name });
  }
  return rootName === null ? out : out.map((e) => ({ ...e, path: `${rootName}/${e.path}` }));
}

/**
 * The folder a tree's first line draws as its root (`app/`), by its last segment, or null: an entry's path may
 * start with it when the root is the project itself.
 */
export function drawnRoot(block: string): string | null {
  const head = ROOT_LINE.exec((block.split('\n').find((l) => l.trim()) ?? '').trim());
  return head ? (head[1]!.split('/').filter(Boolean).pop() ?? null) : null;
}

/** An entry's path without the drawn root folder. */
export function withoutRoot(path: string, root: string | null): string {
  return root && path.startsWith(`${root}/`) ? path.slice(root.length + 1) : path;
}

/** Files that only keep an empty folder in git: nobody counts one as the folder's content. */
export const KEEP_FILE = /(?:^|\/)\.(?:gitkeep|keep|gitignore|placeholder|empty)$/;

/** A line that ends by pointing at a file: "→ API_README.md", "-> docs/setup.md". */
export const FILE_POINTER = /(?:→|->|=>)\s*`?[\w./-]+\.[A-Za-z]{1,6}`?\s*$/;
