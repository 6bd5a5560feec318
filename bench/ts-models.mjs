// Throughput of the TypeScript/JavaScript model builder (src/lang/typescript.ts)
// over real code: every .ts/.tsx/.js/.jsx/.mjs/.cjs/.mts/.cts file (not .d.ts)
// under the given directories (default: node_modules, which includes the
// multi-megabyte bundles in typescript/lib). Fails if any file throws.
//
//   npm run build && node bench/ts-models.mjs [--check-comments] [dir ...]
//
// --check-comments compares each file's comments with the compiler's own
// trivia (leading and trailing comment ranges around every token); slow.
//
// Times are process CPU time (user + system), which a busy machine distorts
// far less than wall-clock time.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ts } from 'ts-morph';
import { parseTypeScript } from '../dist/lang/typescript.js';
import { languageOf } from '../dist/repo/languages.js';
import { countLines } from '../dist/repo/text.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const args = process.argv.slice(2);
const checkComments = args.includes('--check-comments');
const given = args.filter((a) => !a.startsWith('--'));
const dirs = given.length > 0 ? given : [join(root, 'node_modules')];

/** Start offsets of every comment the compiler sees as trivia around a token (JSDoc contents and JSX text excluded). */
function compilerCommentStarts(sf, text) {
  const starts = new Set();
  const stack = [sf];
  while (stack.length > 0) {
    const n = stack.pop();
    if (ts.isJSDoc(n) || n.kind === ts.SyntaxKind.JsxText) continue;
    const kids = n.getChildren(sf);
    if (kids.length === 0 || n.kind < ts.SyntaxKind.FirstNode) {
      for (const r of ts.getLeadingCommentRanges(text, n.pos) ?? []) starts.add(r.pos);
      for (const r of ts.getTrailingCommentRanges(text, n.end) ?? []) starts.add(r.pos);
    } else {
      stack.push(...kids);
    }
  }
  return starts;
}

function modelCommentStarts(model, text) {
  const lineStarts = [0];
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) lineStarts.push(i + 1);
  return model.comments.map((c) => lineStarts[c.range.line - 1] + c.range.column - 1);
}
let commentMismatches = 0;

function cpuMs() {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
}

function* walk(dir) {
  for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
    const p = join(dir, entry.name);
    if (entry.isDirectory()) yield* walk(p);
    else if (entry.isFile()) yield p;
  }
}

const files = [];
for (const d of dirs) {
  for (const p of statSync(d).isDirectory() ? walk(d) : [d]) {
    const language = languageOf(p.replaceAll('\\', '/'));
    if (language === 'typescript' || language === 'javascript') files.push({ path: p, language });
  }
}

let bytes = 0;
let parseMs = 0;
let totalMs = 0;
let failures = 0;
const counts = { symbols: 0, imports: 0, calls: 0, assignments: 0, comments: 0, strings: 0, syntaxErrors: 0 };
const slowest = [];
for (const f of files) {
  const text = readFileSync(f.path, 'utf8');
  bytes += Buffer.byteLength(text);
  const kind = f.path.endsWith('.tsx') ? ts.ScriptKind.TSX : f.path.endsWith('.jsx') ? ts.ScriptKind.JSX : f.language === 'typescript' ? ts.ScriptKind.TS : ts.ScriptKind.JS;
  let t = cpuMs();
  ts.createSourceFile(f.path, text, ts.ScriptTarget.Latest, true, kind);
  parseMs += cpuMs() - t;
  t = cpuMs();
  let ms = 0;
  try {
    const { model, sourceFile } = parseTypeScript(relative(root, f.path), text, f.language, countLines(text));
    ms = cpuMs() - t;
    for (const k of Object.keys(counts)) counts[k] += model[k].length;
    if (checkComments) {
      const mine = modelCommentStarts(model, text);
      const theirs = compilerCommentStarts(sourceFile, text);
      if (mine.length !== theirs.size || mine.some((p) => !theirs.has(p))) {
        commentMismatches++;
        console.error(`COMMENTS DIFFER ${relative(root, f.path)}: model ${mine.length}, compiler ${theirs.size}`);
      }
    }
  } catch (err) {
    failures++;
    console.error(`THREW ${relative(root, f.path)}: ${err && err.stack}`);
  }
  totalMs += ms;
  slowest.push([ms, relative(root, f.path), text.length]);
}
slowest.sort((a, b) => b[0] - a[0]);
const mb = bytes / 1e6;
console.log(`files: ${files.length}, ${mb.toFixed(1)} MB, failures: ${failures}`);
console.log(`parse only (ts.createSourceFile): ${(parseMs / 1000).toFixed(2)} s CPU, ${(mb / (parseMs / 1000)).toFixed(1)} MB/s`);
console.log(`parse + model (parseTypeScript):  ${(totalMs / 1000).toFixed(2)} s CPU, ${(mb / (totalMs / 1000)).toFixed(1)} MB/s`);
console.log(`model items: ${JSON.stringify(counts)}`);
if (checkComments) console.log(`comment check: ${commentMismatches} file(s) differ from the compiler's trivia`);
console.log(`peak RSS: ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MiB`);
console.log('slowest:');
for (const [ms, p, len] of slowest.slice(0, 5)) console.log(`  ${ms.toFixed(0)} ms  ${(len / 1e6).toFixed(2)} MB  ${p}`);
process.exitCode = failures > 0 || commentMismatches > 0 ? 1 : 0;
