/**
 * The repository as Python sees it: which directories are packages (regular
 * ones with `__init__.py`, namespace ones without), where `sys.path` roots
 * may be (the repository root, `src/`, the parent of every top-level package,
 * a script's own directory), and the facts of every Python file. Resolves
 * imports the way the import system does and names through imports, class
 * bases and assignments, answering "unknown" whenever Python could find
 * something this static view cannot see.
 */
import type { RepoSnapshot } from '../../../repo/snapshot.js';
import { parsePython } from '../../../lang/python-newer.js';
import { extractFacts, lookupName, selfClass, clsClass, type PyBinding, type PyClass, type PyFacts } from './facts.js';
import { stdlibIndex, type StdlibIndex } from './stdlib.js';

export interface PyFile {
  path: string;
  facts: PyFacts;
  isTest: boolean;
  /** `.pyi`: declares names, never runs. */
  isStub: boolean;
  lineCount: number;
}

/** A module found in the repository. */
export interface ModuleLoc {
  /** Dotted name as resolved from the importing file. */
  name: string;
  /** Python files whose top level makes up the module (`x.py`, `x.pyi`, `x/__init__.py`). */
  files: string[];
  /** Packages: their directory. */
  dir: string | null;
  /** A directory without `__init__.py`: other portions may live elsewhere. */
  namespace: boolean;
  /** A compiled or generated module (`.so`, `.pyx`, `.c`…) without Python source here: its names are unknown. */
  opaque: boolean;
}

export type ModuleResolution =
  /** `climbedOut`: a relative import that left its top-level package; only a namespace reading makes it work. */
  | { kind: 'found'; locs: ModuleLoc[]; climbedOut?: boolean }
  /** The first `depth` parts resolve inside the repository; the next one does not exist there. */
  | { kind: 'missing'; parent: ModuleLoc | null; parentDir: string; part: string; depth: number; notPackage: boolean; hint: { name: string; path: string } | null }
  /** A relative import that climbs above the repository or above the top-level package into nothing. */
  | { kind: 'beyond'; levels: number }
  /** Not a repository module: the standard library or a third-party package. */
  | { kind: 'external' };

export interface ClassRef {
  file: string;
  index: number;
}

export type Value =
  | { kind: 'module'; locs: ModuleLoc[] }
  | { kind: 'stdlib'; module: string }
  | { kind: 'stdlib-name'; module: string; name: string }
  | { kind: 'class'; cls: ClassRef; open: boolean }
  /** An instance; `open` when it may be of a subclass (`self` inside the class). */
  | { kind: 'instance'; cls: ClassRef; open: boolean }
  /** A value of a builtin type known from the literal it was bound to (`x = []`). */
  | { kind: 'builtin'; type: string }
  | { kind: 'unknown' };

export interface ClassInfo {
  /** False when something this view cannot see may add attributes (external base, decorator, metaclass, `__getattr__`…). */
  known: boolean;
  /** Every attribute name the class and its bases define or assign. */
  members: Set<string>;
  /** The functions defined in the bodies of the repository classes of the MRO. */
  methods: Set<string>;
  /** Where each member is defined first along the MRO (repository classes only). */
  where: Map<string, { file: string; line: number }>;
  /** Repository classes of the MRO, the class itself first. */
  mro: ClassRef[];
  /** The metaclass is abc.ABCMeta (directly or through abc.ABC): `register` and friends exist on the class object. */
  abcMeta: boolean;
  /** An enum class (a subclass of the standard library's Enum family): its private `_x_` names are the enum machinery's. */
  isEnum: boolean;
}

/**
 * The standard library's enum bases and the public names their members have
 * beyond the class body (the mixed-in type's methods come from the builtin
 * type's index). Private names (`_value_`, `_missing_`…) are never reported
 * on enums: the machinery adds them and they change between Python versions.
 */
const ENUM_BASES: Record<string, string | null> = {
  'enum.Enum': null,
  'enum.Flag': null,
  'enum.ReprEnum': null,
  'enum.IntEnum': 'int',
  'enum.IntFlag': 'int',
  'enum.StrEnum': 'str',
};
const ENUM_MEMBER_NAMES = ['name', 'value'];

const EXTENSION_SUFFIXES = ['.so', '.pyd', '.pyx', '.pxd', '.c', '.cpp', '.cc', '.rs', '.dll', '.dylib'];
const UNKNOWN: Value = { kind: 'unknown' };
/** Class decorators that add only what the class body already shows (or dunder methods). */
const HARMLESS_CLASS_DECORATORS = /^(dataclasses\.)?dataclass(\(.*\))?$|^(functools\.)?total_ordering$|^(typing(_extensions)?\.)?(final|runtime_checkable)$/s;

const dirOf = (p: string) => (p.includes('/') ? p.slice(0, p.lastIndexOf('/')) : '');
const join = (d: string, n: string) => (d ? `${d}/${n}` : n);
const baseName = (p: string) => p.slice(p.lastIndexOf('/') + 1);

export class PyRepo {
  readonly files = new Map<string, PyFile>();
  readonly stdlib: StdlibIndex;
  /** Directory → names of the files directly in it. */
  private readonly entries = new Map<string, Set<string>>();
  /** Directory → names of its subdirectories. */
  private readonly subdirs = new Map<string, Set<string>>();
  private readonly pkgDirs = new Set<string>();
  /** Base names of every directory. */
  private readonly dirNames = new Set<string>();
  private readonly classCache = new Map<string, ClassInfo>();
  private subclassIndex: Map<string, ClassRef[]> | null = null;
  /** Attribute names assigned anywhere outside tests (`x.name = …`, `setattr(x, 'name', …)`). */
  readonly assignedAttrs = new Set<string>();
  /** Names called anywhere (`Foo(...)`, `x.foo(...)`): a class never called by name may be abstract. */
  readonly calledNames = new Set<string>();
  /** attr name → its stores outside tests, for `self.x = C()` typing. */
  readonly attrStoresByName = new Map<string, { file: string; index: number }[]>();

  private constructor(readonly snapshot: RepoSnapshot) {
    this.stdlib = stdlibIndex();
    for (const f of snapshot.files) {
      const d = dirOf(f.path);
      let set = this.entries.get(d);
      if (!set) this.entries.set(d, (set = new Set()));
      set.add(baseName(f.path));
      if (/\/?__init__\.pyi?$/.test(f.path)) this.pkgDirs.add(d);
      for (let x = d; x; x = dirOf(x)) {
        const parent = dirOf(x);
        let s = this.subdirs.get(parent);
        if (!s) this.subdirs.set(parent, (s = new Set()));
        if (s.has(baseName(x))) break;
        s.add(baseName(x));
        this.dirNames.add(baseName(x));
      }
    }
  }

  /** Parses every Python file of the snapshot (yielding so native trees are freed). */
  static async build(snapshot: RepoSnapshot): Promise<PyRepo> {
    const repo = new PyRepo(snapshot);
    const gc = (globalThis as { gc?: () => void }).gc;
    let i = 0;
    for (const f of snapshot.files) {
      if (f.language !== 'python') continue;
      const r = snapshot.read(f.path);
      if (!r.ok) continue;
      let facts: PyFacts;
      try {
        const tree = parsePython(r.text);
        facts = extractFacts(tree, r.text);
      } catch {
        continue;
      }
      snapshot.forget(f.path);
      repo.files.set(f.path, { path: f.path, facts, isTest: f.isTest, isStub: f.path.endsWith('.pyi'), lineCount: r.lineCount });
      if (++i % 8 === 0) await new Promise((res) => setImmediate(res));
      if (gc && i % 200 === 0) gc();
    }
    repo.indexUses();
    return repo;
  }

  private indexUses(): void {
    for (const [path, f] of this.files) {
      if (f.isStub) continue;
      for (const c of f.facts.calls) if (c.name) this.calledNames.add(c.name);
      if (f.isTest) continue;
      f.facts.attrStores.forEach((s, index) => {
        this.assignedAttrs.add(s.attr);
        let l = this.attrStoresByName.get(s.attr);
        if (!l) this.attrStoresByName.set(s.attr, (l = []));
        l.push({ file: path, index });
      });
    }
    // A computed setattr installs names the code spells elsewhere: the strings its loop walks, the strings passed to a helper that wraps it.
    const helpers = new Set<string>();
    for (const f of this.files.values()) {
      if (f.isStub || f.isTest) continue;
      for (const n of f.facts.setattrNames) this.assignedAttrs.add(n);
      for (const h of f.facts.setattrHelpers) helpers.add(h);
    }
    if (helpers.size === 0) return;
    for (const f of this.files.values()) {
      if (f.isStub) continue;
      for (const [callee, names] of f.facts.stringArgs) if (helpers.has(callee)) for (const n of names) this.assignedAttrs.add(n);
    }
  }

  // ---------------------------------------------------------------- modules

  private isPkg(d: string): boolean {
    return this.pkgDirs.has(d);
  }

  private hasEntry(d: string, name: string): boolean {
    return this.entries.get(d)?.has(name) ?? false;
  }

  private hasSubdir(d: string, name: string): boolean {
    return this.subdirs.get(d)?.has(name) ?? false;
  }

  /** Files named like `name.<ext>` for a compiled extension (`_speedups.cpython-311-x86_64-linux-gnu.so`, `_speedups.pyx`). */
  private hasExtension(d: string, name: string): boolean {
    for (const e of this.entries.get(d) ?? []) {
      if (!e.startsWith(name + '.')) continue;
      if (EXTENSION_SUFFIXES.some((s) => e.endsWith(s))) return true;
    }
    return false;
  }

  /** The package chain's root of a file: the parent of its outermost regular package, or its own directory. */
  chainRoot(path: string): string {
    let d = dirOf(path);
    while (d && this.isPkg(d)) d = dirOf(d);
    if (!d && this.isPkg('')) return '';
    return d;
  }

  /**
   * Where `import x` may look from `path`: its package chain's root (its own
   * directory for a script), the repository root and src/. Other directories
   * may be on sys.path too (tests that add fixture directories), so a name
   * not found here is left to the outside world rather than reported.
   */
  private rootsFor(path: string): string[] {
    // Not the directory of a file inside a package: `import redis` in pkg/cache/redis.py is the third-party one.
    const out = [this.chainRoot(path), ''];
    if (this.subdirs.get('')?.has('src')) out.push('src');
    return [...new Set(out)];
  }

  /** Files of module `name` in directory `d` (a module file or a package), or null. */
  private moduleIn(d: string, part: string, dotted: string): ModuleLoc | null {
    const sub = join(d, part);
    if (this.isPkg(sub)) {
      const files = ['__init__.py', '__init__.pyi'].filter((n) => this.hasEntry(sub, n)).map((n) => join(sub, n));
      return { name: dotted, files, dir: sub, namespace: false, opaque: false };
    }
    const files = [`${part}.py`, `${part}.pyi`].filter((n) => this.hasEntry(d, n)).map((n) => join(d, n));
    if (files.length) return { name: dotted, files, dir: null, namespace: false, opaque: false };
    if (this.hasExtension(d, part)) return { name: dotted, files: [], dir: null, namespace: false, opaque: true };
    if (this.hasSubdir(d, part)) return { name: dotted, files: [], dir: sub, namespace: true, opaque: false };
    return null;
  }

  /** A case-insensitive twin of `part` among the modules and packages of `d`: its module name and path. */
  private caseTwin(d: string, part: string): { name: string; path: string } | null {
    const lower = part.toLowerCase();
    for (const e of [...(this.entries.get(d) ?? [])].sort()) {
      const m = /^(.*)\.pyi?$/.exec(e);
      if (m && m[1] !== part && m[1]!.toLowerCase() === lower) return { name: m[1]!, path: join(d, e) };
    }
    for (const s of [...(this.subdirs.get(d) ?? [])].sort()) if (s !== part && s.toLowerCase() === lower) return { name: s, path: join(d, s) + '/' };
    return null;
  }

  /** Walks `parts` below a known starting module (a root directory or a package). */
  private walk(start: ModuleLoc, startDir: string, parts: string[], offset: number): ModuleResolution {
    let loc = start;
    let d = startDir;
    let name = start.name;
    for (let i = 0; i < parts.length; i++) {
      const part = parts[i]!;
      const depth = i + offset;
      name = !name || name.endsWith('.') ? name + part : `${name}.${part}`;
      if (loc.opaque) return { kind: 'found', locs: [{ name, files: [], dir: null, namespace: false, opaque: true }] };
      if (loc.dir === null) {
        // A plain module is not a package, unless it plants submodules in sys.modules (os.path).
        const f = loc.files.map((p) => this.files.get(p));
        if (f.some((x) => !x || x.facts.setsSysModules || x.facts.dynamicModule || x.facts.scopes[0]!.bindings.has(part))) {
          return { kind: 'found', locs: [{ name, files: [], dir: null, namespace: false, opaque: true }] };
        }
        return { kind: 'missing', parent: loc, parentDir: d, part, depth, notPackage: true, hint: null };
      }
      d = loc.dir;
      const next = this.moduleIn(d, part, name);
      if (!next) {
        // A package may extend its own __path__ or plant modules in sys.modules.
        const f = loc.files.map((p) => this.files.get(p));
        if (f.some((x) => !x || x.facts.setsSysModules || x.facts.importHooks || x.facts.scopes[0]!.bindings.has('__path__'))) {
          return { kind: 'found', locs: [{ name, files: [], dir: null, namespace: false, opaque: true }] };
        }
        return { kind: 'missing', parent: loc, parentDir: d, part, depth, notPackage: false, hint: this.caseTwin(d, part) };
      }
      loc = next;
    }
    return { kind: 'found', locs: [loc] };
  }

  /**
   * Resolves `import module` / `from …module import` as written in `path`.
   * An absolute name is the repository's only when its first part is a
   * regular package or a module file at one of the roots; a top-level
   * namespace directory may as well be a third-party package's portion.
   */
  resolveModule(path: string, level: number, module: string): ModuleResolution {
    const parts = module ? module.split('.') : [];
    if (level > 0) {
      let d = dirOf(path);
      for (let i = 1; i < level; i++) {
        if (!d) return { kind: 'beyond', levels: level };
        d = dirOf(d);
      }
      const start: ModuleLoc = {
        name: '.'.repeat(level),
        files: ['__init__.py', '__init__.pyi'].filter((n) => this.hasEntry(d, n)).map((n) => join(d, n)),
        dir: d,
        namespace: !this.isPkg(d),
        opaque: false,
      };
      // Inside a regular package, climbing to a directory without __init__.py leaves the top-level package.
      const climbedOut = this.isPkg(dirOf(path)) && !this.isPkg(d);
      const r = this.walk(start, d, parts, 0);
      if (r.kind === 'found') return climbedOut ? { ...r, climbedOut } : r;
      if (climbedOut && r.kind === 'missing' && r.depth === 0) return { kind: 'beyond', levels: level };
      return r;
    }
    let best: ModuleResolution | null = null;
    const found: ModuleLoc[] = [];
    for (const root of this.rootsFor(path)) {
      const first = parts[0]!;
      const top = this.moduleIn(root, first, first);
      if (!top || top.namespace) continue;
      const r = this.walk(top, root, parts.slice(1), 1);
      if (r.kind === 'found') found.push(...r.locs);
      else if (r.kind === 'missing' && (!best || (best.kind === 'missing' && r.depth > best.depth))) best = r;
    }
    if (found.length) return { kind: 'found', locs: found };
    return best ?? { kind: 'external' };
  }

  /**
   * Whether a repository module defines `name`: 'yes', 'no', or 'unknown'
   * (dynamic module, star import from outside, unparsed file, namespace
   * package that may have portions elsewhere).
   */
  moduleHas(loc: ModuleLoc, name: string, seen = new Set<string>()): 'yes' | 'no' | 'unknown' {
    if (loc.opaque) return 'unknown';
    if (/^__.*__$/.test(name)) return 'yes';
    if (loc.dir !== null && this.moduleIn(loc.dir, name, name)) return 'yes';
    if (loc.namespace && loc.files.length === 0) return 'unknown';
    const key = loc.files.join('|');
    if (seen.has(key)) return 'unknown';
    seen.add(key);
    let verdict: 'no' | 'unknown' = 'no';
    for (const p of loc.files) {
      const f = this.files.get(p);
      if (!f || f.facts.dynamicModule || f.facts.importHooks || f.facts.hasErrors) return 'unknown';
      const top = f.facts.scopes[0]!;
      if (top.bindings.has(name)) return 'yes';
      // Members of a decorated or enum class may be planted in the module (enum.global_enum does so for re.IGNORECASE).
      if (f.facts.classes.some((c) => (c.decorators.length > 0 || c.bases.some((b) => /Enum|Flag/.test(b.text))) && f.facts.scopes[c.scope]!.bindings.has(name))) return 'unknown';
      if (top.bindings.has('__path__')) verdict = 'unknown';
      for (const imp of f.facts.imports) {
        if (!imp.star || imp.scope !== 0) continue;
        const r = this.resolveModule(p, imp.level, imp.module);
        if (r.kind === 'found') {
          for (const l of r.locs) {
            const v = this.moduleHas(l, name, seen);
            if (v === 'yes') return 'yes';
            if (v === 'unknown') verdict = 'unknown';
          }
        } else if (r.kind === 'external' && imp.level === 0) {
          const m = this.stdlib.module(imp.module);
          if (!m || m.dynamic || m.stubOnly) verdict = 'unknown';
          else if (m.names.has(name)) return 'yes';
        } else verdict = 'unknown';
      }
    }
    return verdict;
  }

  /** The dotted name a repository file is imported by from its package chain's root (`docker/errors.py` → docker.errors). */
  moduleNameOf(path: string): string {
    const root = this.chainRoot(path);
    const rel = root ? path.slice(root.length + 1) : path;
    return rel.replace(/\.pyi?$/, '').replace(/\/__init__$/, '').split('/').join('.');
  }

  /** Names a repository module defines (for suggestions). */
  moduleNames(loc: ModuleLoc): Set<string> {
    const out = new Set<string>();
    for (const p of loc.files) for (const n of this.files.get(p)?.facts.scopes[0]!.bindings.keys() ?? []) out.add(n);
    if (loc.dir !== null) {
      for (const e of this.entries.get(loc.dir) ?? []) {
        const m = /^(.*)\.pyi?$/.exec(e);
        if (m && m[1] !== '__init__') out.add(m[1]!);
      }
      for (const s of this.subdirs.get(loc.dir) ?? []) out.add(s);
    }
    return out;
  }

  /**
   * True when the first part of a dotted module name is the standard
   * library's and the repository does not shadow it from `path`, nor carries
   * a copy of it that may be swapped in at run time (setuptools/_distutils
   * becomes `distutils`).
   */
  isStdlib(path: string, module: string): boolean {
    const first = module.split('.')[0]!;
    if (!this.stdlib.module(first)) return false;
    if (this.dirNames.has(first) || this.dirNames.has(`_${first}`)) return false;
    for (const root of this.rootsFor(path)) {
      const top = this.moduleIn(root, first, first);
      if (top) return false;
    }
    return true;
  }

  // ---------------------------------------------------------------- values

  /** What a single binding denotes. `name` is the bound name (for `from m import a as name`). */
  bindingValue(file: string, scope: number, name: string, b: PyBinding, depth = 0): Value {
    if (depth > 12) return UNKNOWN;
    const f = this.files.get(file);
    if (!f) return UNKNOWN;
    if (b.kind === 'class' && b.classIndex !== undefined) return { kind: 'class', cls: { file, index: b.classIndex }, open: false };
    if (b.kind === 'import' && b.importIndex !== undefined) {
      const imp = f.facts.imports[b.importIndex]!;
      if (imp.star) return UNKNOWN;
      if (imp.names.length === 0) {
        const target = imp.alias ? imp.module : imp.module.split('.')[0]!;
        return this.moduleValue(file, 0, target);
      }
      const entry = imp.names.find((n) => (n.alias ?? n.name) === name);
      if (!entry) return UNKNOWN;
      const r = this.resolveModule(file, imp.level, imp.module);
      if (r.kind === 'found') {
        // `from pkg import sub` where sub is a submodule.
        const sub = this.attrOfModule(r.locs, entry.name, depth + 1);
        return sub;
      }
      if (r.kind === 'external' && imp.level === 0 && this.isStdlib(file, imp.module)) {
        const full = `${imp.module}.${entry.name}`;
        if (this.stdlib.module(full)) return { kind: 'stdlib', module: full };
        return { kind: 'stdlib-name', module: imp.module, name: entry.name };
      }
      return UNKNOWN;
    }
    if (b.kind === 'assign' && !b.viaWith) {
      if (b.literal) return { kind: 'builtin', type: b.literal };
      if (b.callee) {
        const v = this.pathValue(file, scope, b.callee, depth + 1);
        if (v.kind === 'class') return { kind: 'instance', cls: v.cls, open: false };
        return UNKNOWN;
      }
      if (b.alias) {
        const v = this.pathValue(file, scope, b.alias, depth + 1);
        // `Alias = RealClass` or `mod = other_module`; instances are not carried by plain aliasing of unknowns.
        return v.kind === 'class' || v.kind === 'module' || v.kind === 'stdlib' ? v : UNKNOWN;
      }
    }
    return UNKNOWN;
  }

  private moduleValue(file: string, level: number, module: string): Value {
    const r = this.resolveModule(file, level, module);
    if (r.kind === 'found') return { kind: 'module', locs: r.locs };
    if (r.kind === 'external' && level === 0 && this.isStdlib(file, module) && this.stdlib.module(module)) return { kind: 'stdlib', module };
    return UNKNOWN;
  }

  /** `locs.name`: a submodule, or what the module binds to the name. */
  attrOfModule(locs: ModuleLoc[], name: string, depth: number): Value {
    const values: Value[] = [];
    for (const loc of locs) {
      if (loc.opaque) return UNKNOWN;
      if (loc.dir !== null) {
        const sub = this.moduleIn(loc.dir, name, `${loc.name}.${name}`);
        if (sub) {
          values.push({ kind: 'module', locs: [sub] });
          continue;
        }
      }
      for (const p of loc.files) {
        const f = this.files.get(p);
        if (!f || f.facts.dynamicModule) return UNKNOWN;
        const bs = f.facts.scopes[0]!.bindings.get(name);
        if (!bs) continue;
        if (bs.length !== 1) return UNKNOWN;
        values.push(this.bindingValue(p, 0, name, bs[0]!, depth + 1));
      }
    }
    if (values.length !== 1) return UNKNOWN;
    return values[0]!;
  }

  /** The value of a dotted path read in `scope` of `file`. */
  pathValue(file: string, scope: number, path: string[], depth = 0): Value {
    if (depth > 12 || path.length === 0) return UNKNOWN;
    const f = this.files.get(file);
    if (!f) return UNKNOWN;
    const scopes = f.facts.scopes;
    const first = path[0]!;
    let v: Value;
    const self = selfClass(scopes, scope, first);
    const cls = self < 0 ? clsClass(scopes, scope, first) : -1;
    if (self >= 0) v = { kind: 'instance', cls: { file, index: self }, open: true };
    else if (cls >= 0) v = { kind: 'class', cls: { file, index: cls }, open: true };
    else {
      const hit = lookupName(scopes, scope, first);
      if (!hit || hit.bindings.length !== 1) return UNKNOWN;
      // A name that other code may rebind as a module attribute (`mod.name = …`) is not pinned down.
      if (hit.scope === 0 && this.assignedAttrs.has(first)) return UNKNOWN;
      v = this.bindingValue(file, hit.scope, first, hit.bindings[0]!, depth + 1);
    }
    for (let i = 1; i < path.length; i++) {
      v = this.attrValue(v, path[i]!, depth + 1);
      if (v.kind === 'unknown') return v;
    }
    return v;
  }

  /** One attribute step that stays certain: module members, stdlib submodules, `self.x` typed by its only assignment. */
  private attrValue(v: Value, name: string, depth: number): Value {
    switch (v.kind) {
      case 'module':
        return this.attrOfModule(v.locs, name, depth);
      case 'stdlib': {
        const full = `${v.module}.${name}`;
        const m = this.stdlib.module(v.module);
        if (m?.names.has(name) && this.stdlib.module(full)) return { kind: 'stdlib', module: full };
        return m?.names.has(name) ? { kind: 'stdlib-name', module: v.module, name } : UNKNOWN;
      }
      case 'instance': {
        // self.x where the only store of `.x` anywhere is `self.x = C(...)` in this class.
        const stores = this.attrStoresByName.get(name);
        if (!stores || stores.length !== 1) return UNKNOWN;
        const s = stores[0]!;
        const file = this.files.get(s.file)!;
        const st = file.facts.attrStores[s.index]!;
        if (!st.callee || st.object?.length !== 1) return UNKNOWN;
        const owner = selfClass(file.facts.scopes, st.scope, st.object[0]!);
        if (owner < 0 || s.file !== v.cls.file || owner !== v.cls.index) return UNKNOWN;
        // A class-level default (`x = None`) or a store in a base class means other values are possible.
        const info = this.classInfo(v.cls);
        if (!info.known || info.mro.some((r) => this.files.get(r.file)!.facts.scopes[this.classOf(r).scope]!.bindings.has(name))) return UNKNOWN;
        const c = this.pathValue(s.file, st.scope, st.callee, depth + 1);
        return c.kind === 'class' ? { kind: 'instance', cls: c.cls, open: false } : UNKNOWN;
      }
      case 'class': {
        // `Color.RED` of an enum class: a member, an instance of the class.
        if (v.open) return UNKNOWN;
        const info = this.classInfo(v.cls);
        if (!info.known || !info.isEnum || name.startsWith('_')) return UNKNOWN;
        const c = this.classOf(v.cls);
        const bs = this.files.get(v.cls.file)!.facts.scopes[c.scope]!.bindings.get(name);
        if (!bs || bs.length !== 1 || bs[0]!.kind !== 'assign') return UNKNOWN;
        return { kind: 'instance', cls: v.cls, open: false };
      }
      default:
        return UNKNOWN;
    }
  }

  // ---------------------------------------------------------------- classes

  classOf(ref: ClassRef): PyClass {
    return this.files.get(ref.file)!.facts.classes[ref.index]!;
  }

  private key(ref: ClassRef): string {
    return `${ref.file}#${ref.index}`;
  }

  /** The class's attributes along its MRO, or known=false when they cannot all be seen. */
  classInfo(ref: ClassRef, stack = new Set<string>()): ClassInfo {
    const k = this.key(ref);
    const hit = this.classCache.get(k);
    if (hit) return hit;
    const unknown: ClassInfo = { known: false, members: new Set(), methods: new Set(), where: new Map(), mro: [ref], abcMeta: false, isEnum: false };
    if (stack.has(k)) return unknown;
    stack.add(k);
    const info = this.computeClassInfo(ref, stack) ?? unknown;
    stack.delete(k);
    this.classCache.set(k, info);
    return info;
  }

  private computeClassInfo(ref: ClassRef, stack: Set<string>): ClassInfo | null {
    const f = this.files.get(ref.file);
    if (!f) return null;
    const cls = f.facts.classes[ref.index]!;
    const scope = f.facts.scopes[cls.scope]!;
    if (cls.dynamic || scope.dynamic) return null;
    if (!cls.decorators.every((d) => HARMLESS_CLASS_DECORATORS.test(d.replace(/\s+/g, '')))) return null;
    let abcMeta = false;
    for (const [k, v] of cls.keywords) {
      if (k !== 'metaclass' || !/^(abc\.)?ABCMeta$/.test(v)) return null;
      abcMeta = true;
    }
    const members = new Set<string>();
    const methods = new Set<string>();
    const where = new Map<string, { file: string; line: number }>();
    for (const [n, bs] of scope.bindings) {
      members.add(n);
      if (bs.some((b) => b.kind === 'def')) methods.add(n);
      where.set(n, { file: ref.file, line: bs[0]!.line });
    }
    for (const a of cls.instanceAttrs) {
      members.add(a);
      if (!where.has(a)) where.set(a, { file: ref.file, line: cls.line });
    }
    // `__x` in a class body is stored as `_Class__x` (name mangling), which code outside the class may use.
    for (const n of [...members]) if (n.startsWith('__') && !n.endsWith('__')) members.add(`_${cls.name.replace(/^_+/, '')}${n}`);
    // Attribute hooks and custom construction: anything may come back.
    if (members.has('__getattr__') || members.has('__getattribute__') || members.has('__init_subclass__')) return null;
    const definesNew = members.has('__new__');
    let isEnum = false;
    const mro: ClassRef[] = [ref];
    for (const n of this.stdlib.classMembers('object') ?? []) members.add(n);
    for (const base of cls.bases) {
      if (!base.path) return null;
      const hit = lookupName(f.facts.scopes, cls.outer, base.path[0]!);
      if (!hit && base.path.length === 1 && !base.subscripted) {
        const builtin = this.stdlib.classMembers(base.path[0]!);
        if (!builtin) return null;
        for (const n of builtin) members.add(n);
        continue;
      }
      const v = this.pathValue(ref.file, cls.outer, base.path);
      if (v.kind === 'class' && !v.open) {
        const bi = this.classInfo(v.cls, stack);
        if (!bi.known) return null;
        abcMeta ||= bi.abcMeta;
        isEnum ||= bi.isEnum;
        for (const n of bi.members) members.add(n);
        for (const n of bi.methods) methods.add(n);
        for (const [n, w] of bi.where) if (!where.has(n)) where.set(n, w);
        for (const r of bi.mro) if (!mro.some((x) => this.key(x) === this.key(r))) mro.push(r);
        continue;
      }
      if (v.kind === 'stdlib-name') {
        const qual = `${v.module}.${v.name}`;
        if ((qual === 'abc.ABC' && !base.subscripted) || (qual === 'typing.Generic' && base.subscripted)) {
          abcMeta ||= qual === 'abc.ABC';
          for (const n of this.stdlib.classMembers(qual) ?? []) members.add(n);
          continue;
        }
        if (qual in ENUM_BASES && !base.subscripted) {
          isEnum = true;
          const mixed = ENUM_BASES[qual];
          for (const n of ENUM_MEMBER_NAMES) members.add(n);
          if (mixed) for (const n of this.stdlib.classMembers(mixed) ?? []) members.add(n);
          continue;
        }
      }
      return null;
    }
    // Custom construction returns what it likes, except in an enum, where __new__ builds the members.
    if (definesNew && !isEnum) return null;
    // An enum's body may name members dynamically (`_ignore_`) or mix in a type through a data type base.
    if (isEnum && scope.bindings.has('_ignore_')) return null;
    return { known: true, members, methods, where, mro, abcMeta, isEnum };
  }

  /**
   * What `super()` reaches from the method `scope` of `file`: the members of
   * the class's bases, or null when they cannot all be seen, when the call
   * names another class, or when the next class in the MRO may be a sibling
   * (a repository subclass with several bases, a mixin, a base-less class
   * never instantiated here, which may be mixed into classes elsewhere).
   */
  superMembers(file: string, scope: number, args: { text: string }[]): { cls: ClassRef; members: Set<string> } | null {
    const f = this.files.get(file);
    if (!f) return null;
    const scopes = f.facts.scopes;
    const fn = scopes[scope];
    if (!fn || fn.kind !== 'function' || !fn.params[0]) return null;
    const owner = scopes[fn.parent];
    if (!owner || owner.kind !== 'class' || fn.decorators.some((d) => /(^|\.)staticmethod$/.test(d))) return null;
    const ref: ClassRef = { file, index: owner.classIndex };
    const cls = this.classOf(ref);
    if (args.length !== 0 && !(args.length === 2 && args[0]!.text === cls.name && args[1]!.text === fn.params[0])) return null;
    if (/mixin/i.test(cls.name) || !this.classInfo(ref).known) return null;
    if (this.subclasses(ref).some((r) => this.classOf(r).bases.length > 1)) return null;
    if (cls.bases.length === 0 && !this.isCalled(ref)) return null;
    // Duplicate bases make the class statement itself fail.
    if (new Set(cls.bases.map((b) => b.text)).size !== cls.bases.length) return null;
    const members = new Set(this.stdlib.classMembers('object') ?? []);
    for (const base of cls.bases) {
      if (!base.path || base.subscripted) return null;
      const hit = lookupName(scopes, cls.outer, base.path[0]!);
      if (!hit && base.path.length === 1) {
        const builtin = this.stdlib.classMembers(base.path[0]!);
        if (!builtin) return null;
        for (const n of builtin) members.add(n);
        continue;
      }
      const v = this.pathValue(file, cls.outer, base.path);
      if (v.kind !== 'class' || v.open) return null;
      const bi = this.classInfo(v.cls);
      if (!bi.known) return null;
      for (const n of bi.members) members.add(n);
    }
    return { cls: ref, members };
  }

  /** Repository subclasses (transitively) of a class, tests included. */
  subclasses(ref: ClassRef): ClassRef[] {
    if (!this.subclassIndex) {
      const idx = new Map<string, ClassRef[]>();
      for (const [file, f] of this.files) {
        f.facts.classes.forEach((c, index) => {
          for (const b of c.bases) {
            if (!b.path) continue;
            const v = this.pathValue(file, c.outer, b.path);
            if (v.kind !== 'class') continue;
            const k = this.key(v.cls);
            let l = idx.get(k);
            if (!l) idx.set(k, (l = []));
            l.push({ file, index });
          }
        });
      }
      this.subclassIndex = idx;
    }
    const out: ClassRef[] = [];
    const seen = new Set<string>([this.key(ref)]);
    const queue = [ref];
    while (queue.length) {
      const r = queue.shift()!;
      for (const c of this.subclassIndex.get(this.key(r)) ?? []) {
        const k = this.key(c);
        if (seen.has(k)) continue;
        seen.add(k);
        out.push(c);
        queue.push(c);
      }
    }
    return out;
  }

  /**
   * Subclasses that, by name, look like they only match other names in the
   * repository: a class by the same name as `ref` defined elsewhere makes
   * `calledNames` ambiguous, so callers treat it as called.
   */
  isCalled(ref: ClassRef): boolean {
    return this.calledNames.has(this.classOf(ref).name);
  }
}
