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
const NAME = /^([\w@.+-][\w@.+ -]*?\/?)(?=\s{2,}|\s+[#[(←<-]|\s*$)/;

/** The entries of a tree block, or [] when the block is not a tree. */
export function parseFileTree(block: string): TreeEntry[] {
  const lines = block.split('\n');
  if (!lines.some((l) => BRANCH.test(l))) return [];
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
      const m = /^(?:[^\w@.+/-]+)?((?:\/?[\w@.+-]+)+)\/\s*$/u.exec(line.trim());
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
    const next = lines.slice(i + 1).find((l) => BRANCH.test(l.replace(/\t/g, '    ')));
    const nextCol = next ? BRANCH.exec(next.replace(/\t/g, '    '))![0].length : -1;
    const isDir = dirMark || nextCol > col;
    out.push({ path, offset: i, isDir, name: dirMark ? `${name}/` : name });
    if (isDir) stack.push({ col, name });
  }
  return rootName === null ? out : out.map((e) => ({ ...e, path: `${rootName}/${e.path}` }));
}
