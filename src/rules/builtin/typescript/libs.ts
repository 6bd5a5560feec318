/**
 * TypeScript's standard library declarations (`lib.es2022.d.ts`, `lib.dom.d.ts`…)
 * and the compiler host that serves them with the audited files.
 *
 * The texts are the ones ts-morph bundles with its TypeScript, so nothing is
 * read from the machine's disk. Parsing them costs ≈1–2 s (lib.dom alone is
 * 1.5 MB); a ts-morph Project parses them again for every program, which on a
 * monorepo with a tsconfig per package would dominate the audit. Here they
 * are parsed once per process and target and shared by every program, as
 * TypeScript's language service shares its documents: declaration files bind
 * the same whatever the program's options.
 */
import { Project, ts } from 'ts-morph';
import { NotReadable, type SnapshotFileSystem } from './host.js';

/** Where the library files appear to the compiler: ts-morph's virtual folder, never a path on disk. */
export const LIB_DIR = '/node_modules/typescript/lib';

/** Parsed library files by name; null for a name TypeScript does not have. */
const libFiles = new Map<string, ts.SourceFile | null>();

function isLibPath(fileName: string): boolean {
  return fileName.startsWith(LIB_DIR + '/');
}

/**
 * One library file, parsed (with the files it references) by an in-memory
 * ts-morph Project. Library files are plain ASCII declarations: their syntax
 * tree does not depend on the program's target, so one copy serves all.
 */
function libFile(name: string): ts.SourceFile | null {
  if (!libFiles.has(name)) {
    const project = new Project({
      useInMemoryFileSystem: true,
      compilerOptions: { lib: [name], types: [], noEmit: true },
    });
    project.createSourceFile('/__claimcheck_lib_probe__.ts', '');
    for (const sf of project.getProgram().compilerObject.getSourceFiles()) {
      const n = sf.fileName.slice(LIB_DIR.length + 1);
      if (isLibPath(sf.fileName) && !libFiles.has(n)) libFiles.set(n, sf);
    }
    if (!libFiles.has(name)) libFiles.set(name, null);
  }
  return libFiles.get(name) ?? null;
}

function libName(fileName: string): string {
  return fileName.slice(LIB_DIR.length + 1);
}

function optionsKey(o: ts.ScriptTarget | ts.CreateSourceFileOptions): string {
  if (typeof o === 'number') return String(o);
  return `${o.languageVersion}|${o.impliedNodeFormat ?? ''}|${o.jsDocParsingMode ?? ''}`;
}

/**
 * A compiler host over the snapshot's file system. Declaration files from
 * `node_modules` are parsed once per audit and shared between programs;
 * library files once per process.
 */
export function compilerHost(fs: SnapshotFileSystem, declarations: Map<string, ts.SourceFile>): ts.CompilerHost {
  const readText = (fileName: string): string | undefined => {
    if (isLibPath(fileName)) return libFile(libName(fileName))?.text;
    try {
      return fs.readFileSync(fileName);
    } catch (err) {
      if (err instanceof NotReadable) return undefined;
      throw err;
    }
  };
  return {
    getSourceFile(fileName, languageVersionOrOptions) {
      if (isLibPath(fileName)) return libFile(libName(fileName)) ?? undefined;
      const shared = /\.d\.[mc]?ts$/.test(fileName) && fileName.includes('/node_modules/');
      const key = `${fileName}\0${optionsKey(languageVersionOrOptions)}`;
      const hit = shared ? declarations.get(key) : undefined;
      if (hit) return hit;
      const text = readText(fileName);
      if (text === undefined) return undefined;
      const sf = ts.createSourceFile(fileName, text, languageVersionOrOptions, false);
      if (shared) declarations.set(key, sf);
      return sf;
    },
    getDefaultLibFileName: (options) => `${LIB_DIR}/${ts.getDefaultLibFileName(options)}`,
    getDefaultLibLocation: () => LIB_DIR,
    writeFile: () => {
      // Programs are created with noEmit: nothing is ever written to the audited tree.
    },
    getCurrentDirectory: () => fs.root,
    getDirectories: (path) => fs.readDirSync(path).filter((e) => e.isDirectory).map((e) => e.name),
    fileExists: (fileName) => (isLibPath(fileName) ? libFile(libName(fileName)) !== null : fs.fileExistsSync(fileName)),
    readFile: readText,
    directoryExists: (dir) => dir === LIB_DIR || fs.directoryExistsSync(dir),
    realpath: (path) => (isLibPath(path) ? path : fs.realpathSync(path)),
    getCanonicalFileName: (fileName) => fileName,
    useCaseSensitiveFileNames: () => true,
    getNewLine: () => '\n',
  };
}
