import { test } from 'vitest';
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { RepoSnapshot } from '../../../src/repo/snapshot.js';
import { typeCheck } from '../../../src/rules/builtin/typescript/program.js';

test('scratch', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'cc-'));
  const files: Record<string, string> = {
    'tsconfig.json': '{ "compilerOptions": { "strict": true, "target": "ES2022", "module": "NodeNext", "jsx": "react-jsx" }, "include": ["src"] }',
    'package.json': '{ "devDependencies": { "typescript": "^5.4.0" } }',
    'src/k8s.ts': 'export class KubernetesSync {\n  syncAllCrds(): void {}\n}\n',
    'src/job.ts': "import { KubernetesSync } from './k8s.js';\nimport x from 'react';\nconst k = new KubernetesSync();\nk.syncFabric();\nk.syncAllCrd();\nconst n: number = 'a';\nundefinedName();\nconsole.log(process.env.X);\n",
    'src/app.tsx': "import express from 'express';\nimport React, { useState, FC } from 'react';\nimport { z } from 'zod';\nconst app = express();\napp.get('/', (req, res) => { res.send(req.query.x); });\nexport const C: FC<{a: string}> = ({ a }) => { const [s, setS] = useState<string>(''); return <div onClick={(e) => setS(e.type)}>{a}{s}</div>; };\nconst S = z.object({ a: z.string() });\ntype T = z.infer<typeof S>;\nclass W extends React.Component<{x: number}> { render() { return <span>{this.props.x}</span>; } }\nexport function f(cb: NodeJS.Timeout) { return cb; }\nlet el: JSX.Element;\n",
  };
  for (const [p, t] of Object.entries(files)) { mkdirSync(dirname(join(dir, p)), { recursive: true }); writeFileSync(join(dir, p), t); }
  const snapshot = await RepoSnapshot.open(dir, { noGit: true });
  for (let i = 0; i < 3; i++) {
  const t0 = performance.now();
  const r = await typeCheck({ snapshot, models: new Map(), shared: new Map() });
  console.log(performance.now() - t0, r.diagnostics.map(d => d.code + ' ' + d.message).join('\n'));
  }
});
