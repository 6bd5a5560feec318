import { readFileSync } from 'node:fs';
import { ts } from 'ts-morph';
import { parseTypeScript } from '../dist/lang/typescript.js';
const files = ['node_modules/typescript/lib/typescript.js','node_modules/playwright-core/lib/utilsBundle.js'];
for (let r = 0; r < 2; r++) for (const f of files) {
  const text = readFileSync(f, 'utf8');
  let t = performance.now();
  ts.createSourceFile(f, text, ts.ScriptTarget.Latest, true, ts.ScriptKind.JS);
  const p = performance.now() - t; t = performance.now();
  parseTypeScript(f, text, 'javascript', 1);
  console.log(f, p.toFixed(0), (performance.now() - t).toFixed(0));
}
