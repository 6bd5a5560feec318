import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ts } from 'ts-morph';
import { parseTypeScript } from '../dist/lang/typescript.js';
import { languageOf } from '../dist/repo/languages.js';
function* walk(dir) { for (const e of readdirSync(dir, { withFileTypes: true })) { const p = join(dir, e.name); if (e.isDirectory()) yield* walk(p); else if (e.isFile()) yield p; } }
let files = 0, bad = 0, total = 0;
for (const p of walk('node_modules')) {
  const lang = languageOf(p); if (!lang) continue;
  const text = readFileSync(p, 'utf8'); if (text.length > 1_500_000) continue;
  files++;
  const { model, sourceFile: sf } = parseTypeScript(p, text, lang, 1);
  const starts = new Set();
  const leaf = (n) => {
    if (n.kind === ts.SyntaxKind.JsxText) return;
    const kids = n.getChildren(sf);
    if (kids.length === 0 || n.kind < ts.SyntaxKind.FirstNode) {
      for (const r of ts.getLeadingCommentRanges(text, n.pos) ?? []) starts.add(r.pos);
      for (const r of ts.getTrailingCommentRanges(text, n.end) ?? []) starts.add(r.pos);
      return;
    }
    for (const k of kids) leaf(k);
  };
  try { leaf(sf); } catch (e) { continue; }
  const mine = new Set();
  const ls = [0]; for (let i = 0; i < text.length; i++) if (text[i] === '\n') ls.push(i + 1);
  for (const c of model.comments) mine.add(ls[c.range.line - 1] + c.range.column - 1);
  total += mine.size;
  const missing = [...starts].filter((x) => !mine.has(x)), extra = [...mine].filter((x) => !starts.has(x));
  if (missing.length || extra.length || mine.size !== model.comments.length) {
    bad++;
    if (bad < 8) console.log(p, 'missing', missing.slice(0, 3).map((x) => JSON.stringify(text.slice(x, x + 40))), 'extra', extra.slice(0, 3).map((x) => JSON.stringify(text.slice(x, x + 40))));
  }
}
console.log({ files, bad, total });
