import { ts } from 'ts-morph';
import { parseTypeScript } from '../dist/lang/typescript.js';
for (const n of [10000, 30000]) {
const src = 'const big = ' + Array.from({ length: n }, (_, i) => `f${i % 7}(${i})`).join(' + ') + ';\n';
let t = performance.now();
ts.createSourceFile('a.js', src, ts.ScriptTarget.Latest, true, ts.ScriptKind.JS);
const p = performance.now() - t; t = performance.now();
parseTypeScript('a.js', src, 'javascript', 1);
console.log(n, p.toFixed(0), (performance.now() - t).toFixed(0));
}
