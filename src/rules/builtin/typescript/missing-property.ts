/**
 * method-mismatch/ts-missing-property: TypeScript reports that a property or
 * method does not exist (TS2339, TS2551) on a type the repository itself
 * declares. Library types, `any`, index signatures and classes whose base
 * did not resolve are left to TypeScript's own diagnostics or to silence.
 */
import type { RawFinding, RepoContext, RepoRule } from '../../types.js';
import { missingExports } from './missing-export.js';
import { typeCheck } from './program.js';

async function check(ctx: RepoContext): Promise<RawFinding[]> {
  const result = await typeCheck(ctx);
  // `util.prase()` on `import * as util` is a missing export: js-missing-export reports it with the module's export list.
  const exportsReported = new Set(missingExports(ctx).map((f) => `${f.path}:${f.line}`));
  const out: RawFinding[] = [];
  for (const d of result.diagnostics) {
    const m = d.missing;
    if (!m || !m.repoDeclared || m.uncertain || !m.declaredAt) continue;
    if (exportsReported.has(`${d.path}:${d.line}`)) continue;
    const what = m.isCall ? `method '${m.property}()'` : `property '${m.property}'`;
    let message = `${what} does not exist on ${m.typeText} (declared at ${m.declaredAt.path}:${m.declaredAt.line})`;
    if (m.suggestion) message += `; did you mean '${m.suggestion}'?`;
    else if (m.members.length > 0) message += `; it has ${m.members.join(', ')}`;
    message += ` [TS${d.code}]`;
    out.push({
      path: d.path,
      line: d.line,
      endLine: d.endLine,
      message,
      related: [{ path: m.declaredAt.path, line: m.declaredAt.line, note: `${m.typeText} is declared here` }],
    });
  }
  return out;
}

export const missingPropertyRule: RepoRule = {
  id: 'method-mismatch/ts-missing-property',
  category: 'method-mismatch',
  severity: 'error',
  languages: ['typescript', 'javascript'],
  scope: 'repo',
  docs: {
    summary: "Calls and property accesses that TypeScript's type checker proves do not exist on a class, interface or object type declared in the repository (TS2339, TS2551).",
    why:
      "Calling a method the class does not have throws `TypeError: x.sync_fabric is not a function` at run time, and `tsc` refuses to build it. It is what a rename that missed a caller, or a report that says `sync_fabric()` was replaced when it was not, leaves behind. Accesses on `any`, on library types, on types with an index signature and on classes that extend something that did not resolve are not reported.",
    fix: 'Call the method the type really has (the closest name is suggested), or add the member to the type.',
    bad: [
      {
        files: {
          'tsconfig.json': '{ "compilerOptions": { "strict": true, "target": "ES2022", "module": "ESNext", "moduleResolution": "Bundler" } }\n',
          'src/k8s.ts': 'export class KubernetesSync {\n  syncAllCrds(): void {}\n}\n',
          'src/jobs.ts': "import { KubernetesSync } from './k8s';\n\nexport function periodic(k: KubernetesSync): void {\n  k.syncFabric();\n}\n",
        },
      },
      {
        files: {
          'tsconfig.json': '{ "compilerOptions": { "strict": true, "target": "ES2022", "module": "ESNext", "moduleResolution": "Bundler" } }\n',
          'src/store.ts': 'interface Store {\n  getItem(key: string): string | null;\n}\nexport function read(s: Store): string | null {\n  return s.getitem("k");\n}\n',
        },
        note: 'TS2551 with a suggestion',
      },
    ],
    good: [
      {
        files: {
          'tsconfig.json': '{ "compilerOptions": { "strict": true, "target": "ES2022", "module": "ESNext", "moduleResolution": "Bundler" } }\n',
          'src/any.ts': 'export function f(client: any) {\n  return client.syncFabric();\n}\n',
        },
        note: 'an `any`-typed receiver',
      },
      {
        files: {
          'tsconfig.json': '{ "compilerOptions": { "strict": true, "target": "ES2022", "module": "ESNext", "moduleResolution": "Bundler" } }\n',
          'src/merge.ts': 'export interface Sync { a(): void }\nexport interface Sync { b(): void }\nexport function run(s: Sync) {\n  s.b();\n}\n',
        },
        note: 'declaration merging adds the member',
      },
      {
        files: {
          'tsconfig.json': '{ "compilerOptions": { "strict": true, "target": "ES2022", "module": "ESNext", "moduleResolution": "Bundler" } }\n',
          'src/opt.ts': 'export class Api { ping?(): void }\nexport function go(api?: Api) {\n  api?.ping?.();\n}\n',
        },
        note: 'optional chaining on members that exist',
      },
      {
        files: {
          'package.json': '{ "dependencies": { "react": "^18.0.0" } }\n',
          'tsconfig.json': '{ "compilerOptions": { "strict": true, "target": "ES2022", "module": "ESNext", "moduleResolution": "Bundler", "jsx": "react-jsx" } }\n',
          'src/widget.tsx': "import React from 'react';\n\nexport class Widget extends React.Component<{ title: string }> {\n  render() {\n    return <h1>{this.props.title}</h1>;\n  }\n}\n",
        },
        note: 'a class whose base comes from a package that is not installed',
      },
    ],
  },
  check,
};
