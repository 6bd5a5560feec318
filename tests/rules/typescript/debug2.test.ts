import { test } from 'vitest';
import { readFileSync } from 'node:fs';
import { execSync } from 'node:child_process';
import { parseTypeScript } from '../../../src/lang/typescript.js';
import { ts } from 'ts-morph';
test('time', async () => {
  const files = execSync("find node_modules/zod -name '*.ts' -o -name '*.js' -o -name '*.cjs' -o -name '*.mjs'").toString().trim().split('\n').filter(f => !/\.d\.[cm]?ts$/.test(f));
  const texts = files.map(f => readFileSync(f, 'utf8'));
  for (let k = 0; k < 3; k++) {
    let t0 = performance.now();
    files.forEach((f, i) => ts.createSourceFile(f, texts[i]!, ts.ScriptTarget.Latest, true));
    const raw = performance.now() - t0;
    t0 = performance.now();
    files.forEach((f, i) => parseTypeScript(f, texts[i]!, f.endsWith('ts') ? 'typescript' : 'javascript', 1));
    console.log('raw', Math.round(raw), 'model', Math.round(performance.now() - t0));
  }
}, 1200000);
