/**
 * build-error/ts-diagnostic: what `tsc --noEmit -p <tsconfig>` reports,
 * reported with TypeScript's code and message, minus what only reflects the
 * machine claimcheck runs on rather than the repository:
 *
 * - a package import that does not resolve because nothing is installed
 *   (the package, or its @types, is declared in a package.json; a Node
 *   built-in; a URL import) and what cascades from it: implicit-`any`
 *   errors, JSX typing, ambient names such as `process`, `describe` or
 *   `NodeJS`. An import of a package that no package.json declares stays
 *   reported: a clean install would not fix it;
 * - any other error whose types trace back to a name imported from a module
 *   that did not resolve (unknown-types.ts): a props interface that extends
 *   an uninstalled library's type, `unknown` flowing out of an untyped hook;
 *   the audit's skipped list names each such package once;
 * - what another rule reports with more context: relative imports that do
 *   not resolve (build-error/ts-unresolved-import), TS2339/TS2551 on types
 *   the repository declares (method-mismatch/ts-missing-property), and
 *   missing local exports (method-mismatch/js-missing-export);
 * - tsconfig option errors, which depend on the compiler version
 *   (claimcheck bundles TypeScript 6, most repositories build with 5);
 *   a tsconfig.json that is not valid JSON is reported.
 */
import type { RawFinding, RepoContext, RepoRule } from '../../types.js';
import { missingExports } from './missing-export.js';
import { NOT_FOUND_CODES, typeCheck, type TsDiagnostic } from './program.js';
import { unresolvedImports } from './unresolved-import.js';

/** "Do you need to install type definitions for node / jQuery / a test runner / Bun?" and "Cannot find type definition file". */
const INSTALL_HINT_CODES = new Set([2580, 2581, 2582, 2591, 2592, 2593, 2867, 2868, 2688]);
/** Cannot find name / namespace (and its "did you mean" form). */
const NAME_CODES = new Set([2304, 2503, 2552, 2833]);
/** Globals that @types packages provide: without an install their absence says nothing about the code. */
const AMBIENT_NAMES = new Set([
  'NodeJS', 'JSX', 'React', 'Express', 'jest', 'vi', 'expect', 'describe', 'it', 'test', 'beforeEach', 'afterEach',
  'beforeAll', 'afterAll', 'suite', 'Bun', 'Deno', 'chrome', 'browser', '$', 'jQuery', 'process', 'Buffer', 'require',
  'module', '__dirname', '__filename', 'global', 'exports', 'setImmediate', 'clearImmediate', 'NodeRequire', 'google',
  'Cypress', 'cy', 'Mocha', 'Chai', 'ImportMeta', 'BufferEncoding',
]);
/** Module-export codes that js-missing-export reports itself when it can. */
const EXPORT_CODES = new Set([2305, 2724, 2614, 2459, 2460, 1192]);
/** Flow-on errors of unresolved imports: implicit any (7xxx, except the control-flow ones), untyped calls with type arguments, JSX typing. */
function isCascade(code: number): boolean {
  if (code >= 7000 && code < 8000) return ![7027, 7028, 7029, 7030].includes(code);
  return code === 2347 || code === 2875 || code === 7026;
}

function quotedName(message: string): string | null {
  const m = /'([^']+)'/.exec(message);
  return m ? m[1]! : null;
}

/** Why a diagnostic is not reported here, or null to report it. */
export function excluded(d: TsDiagnostic, owned: Set<string>): string | null {
  const key = `${d.path}:${d.line}`;
  if (d.code === 2339 || d.code === 2551) {
    if (d.missing?.uncertain) return 'the receiver extends a type that did not resolve';
    if (d.missing?.repoDeclared) return 'method-mismatch/ts-missing-property';
    if (owned.has(key)) return 'method-mismatch/js-missing-export';
    if (d.incomplete) return 'types are incomplete (an import did not resolve)';
  }
  if (d.code === 6305 || d.code === 6306) return 'project reference outputs are not built';
  if (NOT_FOUND_CODES.has(d.code)) {
    const kind = d.module?.kind;
    if (kind === 'relative') return 'build-error/ts-unresolved-import';
    // Installed but untyped: the repository needs @types or a `declare module`, as tsc says.
    if (d.code === 7016) return d.installed && kind !== 'url' && kind !== 'builtin' ? null : 'a missing install';
    if (kind === 'undeclared' || kind === 'path-missing') return null;
    return 'a missing install';
  }
  if (d.code === 2875) return 'a missing install (JSX runtime types)';
  if (INSTALL_HINT_CODES.has(d.code) && (!d.installed || d.incomplete)) return 'a missing install (type definitions)';
  if (NAME_CODES.has(d.code) && (!d.installed || d.incomplete)) {
    const name = quotedName(d.message);
    if (name && AMBIENT_NAMES.has(name)) return 'a missing install (ambient types)';
  }
  if (d.unresolvedTypes) return 'its types involve a module that did not resolve';
  if (d.incomplete && isCascade(d.code)) return 'follows from an import that did not resolve';
  if (EXPORT_CODES.has(d.code) && owned.has(key)) return 'method-mismatch/js-missing-export';
  return null;
}

async function check(ctx: RepoContext): Promise<RawFinding[]> {
  const result = await typeCheck(ctx);
  const owned = new Set([...missingExports(ctx), ...unresolvedImports(ctx)].map((f) => `${f.path}:${f.line}`));
  const out: RawFinding[] = [];
  for (const p of result.configProblems) out.push({ path: p.path, line: p.line, message: p.message });
  for (const d of result.diagnostics) {
    if (excluded(d, owned) !== null) continue;
    let message = `TS${d.code}: ${d.message}`;
    if (d.module?.kind === 'undeclared') message += ` (no package.json of the repository declares '${d.module.specifier}')`;
    out.push({ path: d.path, line: d.line, endLine: d.endLine, message });
  }
  return out;
}

export const tsDiagnosticRule: RepoRule = {
  id: 'build-error/ts-diagnostic',
  category: 'build-error',
  severity: 'error',
  languages: ['typescript', 'javascript'],
  scope: 'repo',
  docs: {
    summary: "TypeScript's own errors (`tsc --noEmit` with the repository's tsconfig.json), with TypeScript's code and message.",
    why:
      "A type error fails `tsc` and every build that runs it, whatever a report says about the build. Each package's tsconfig.json is used (one program per package in a monorepo; lenient defaults for TypeScript files under no tsconfig). Errors that only reflect a missing `npm install` on the audit machine are left out (a package the repository declares but that is not installed is named once in the skipped list, and an error whose types trace back to it is not reported), as are tsconfig option errors, which depend on the compiler version. Checking is bounded: at most 400 files per program, libraries not checked; the files not checked are listed with the audit's skipped files.",
    fix: 'Fix the code at the reported line as TypeScript describes, then run `tsc --noEmit -p <tsconfig>` to confirm.',
    bad: [
      {
        files: {
          'tsconfig.json': '{ "compilerOptions": { "strict": true, "target": "ES2022", "module": "ESNext", "moduleResolution": "Bundler" } }\n',
          'src/total.ts': 'export function total(prices: number[]): number {\n  let sum = 0;\n  for (const p of prices) sum += p;\n  return summ;\n}\n',
        },
        note: 'TS2552: Cannot find name',
      },
      {
        files: {
          'tsconfig.json': '{ "compilerOptions": { "strict": true, "target": "ES2022", "module": "ESNext", "moduleResolution": "Bundler" } }\n',
          'src/order.ts': "interface Order { id: string; qty: number }\nexport const o: Order = { id: 'a', qty: '2' };\n",
        },
        note: 'TS2322: type mismatch',
      },
      {
        files: {
          'package.json': '{ "name": "app", "dependencies": {} }\n',
          'tsconfig.json': '{ "compilerOptions": { "strict": true, "target": "ES2022", "module": "ESNext", "moduleResolution": "Bundler" } }\n',
          'src/main.ts': "import { parse } from 'left-padder';\nexport const x = parse('a');\n",
        },
        note: 'a package that no package.json declares',
      },
    ],
    good: [
      {
        files: {
          'package.json': '{ "name": "app", "dependencies": { "express": "^4.19.0" }, "devDependencies": { "@types/node": "^20.0.0" } }\n',
          'tsconfig.json': '{ "compilerOptions": { "strict": true, "target": "ES2022", "module": "NodeNext" } }\n',
          'src/server.ts': "import express from 'express';\n\nconst app = express();\napp.get('/', (req, res) => {\n  res.send(process.env.GREETING ?? 'hi');\n});\napp.listen(3000);\n",
        },
        note: 'declared packages that are not installed on the audit machine',
      },
      {
        files: {
          'tsconfig.json': '{ "compilerOptions": { "strict": true, "target": "ES2022", "module": "ESNext", "moduleResolution": "Bundler" } }\n',
          'src/lookup.ts': 'const table: Record<string, number> = {};\nexport const n = table.anything;\ninterface Bag { [key: string]: string }\nexport const b = ({} as Bag).whatever;\n',
        },
        note: 'index signatures accept any name',
      },
      {
        files: {
          'tsconfig.json': '{ "compilerOptions": { "strict": true, "target": "ES2022", "module": "ESNext", "moduleResolution": "Bundler" }, "exclude": ["scripts"] }\n',
          'src/ok.ts': 'export const ok = 1;\n',
          'scripts/seed.ts': 'const n: number = "not checked by this build";\n',
        },
        note: 'a file the tsconfig excludes is not part of that build',
      },
      {
        files: {
          'tsconfig.json': '{ "compilerOptions": { "strict": true, "target": "ES2022", "module": "ESNext", "moduleResolution": "Bundler" } }\n',
          'tests/fixtures/broken.ts': 'const x: number = "deliberately broken";\n',
          'src/ok.ts': 'export const ok = 1;\n',
        },
        note: 'test fixtures are deliberately broken',
      },
    ],
  },
  check,
};
