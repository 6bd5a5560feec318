/**
 * The file system the type checker sees during an audit: the snapshot's
 * listed files, plus installed packages under `node_modules` inside the root
 * (type declarations the target's imports resolve to), within a byte and
 * file budget. Everything else is absent: a path outside the root, a file
 * .gitignore hides (build outputs, generated code). It has no write method.
 * TypeScript's own library files are served by libs.ts and never reach it.
 */
import { existsSync, readdirSync, type Dirent, readFileSync, realpathSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { isInside, type RepoSnapshot } from '../../../repo/snapshot.js';

/** Limits on what may be read from `node_modules` in one audit. */
export interface InstallBudget {
  bytes: number;
  files: number;
}

export const DEFAULT_INSTALL_BUDGET: InstallBudget = { bytes: 96 * 1024 * 1024, files: 12_000 };

function inNodeModules(rel: string): boolean {
  return rel === 'node_modules' || rel.startsWith('node_modules/') || rel.includes('/node_modules/') || rel.endsWith('/node_modules');
}

/** A directory entry, by name. */
export interface DirEntry {
  name: string;
  isFile: boolean;
  isDirectory: boolean;
}

/** Thrown for a path that is absent, refused, or outside the root. */
export class NotReadable extends Error {}

export class SnapshotFileSystem {
  /** Reads refused for the budget so far: results that depend on installed packages are then incomplete. */
  refused = 0;
  private bytesRead = 0;
  private filesRead = 0;
  private readonly installed = new Map<string, string>();
  private readonly childDirs = new Map<string, Set<string>>();
  private readonly childFiles = new Map<string, Set<string>>();
  /** The snapshot's root with `/` separators. */
  readonly root: string;

  constructor(
    private readonly snapshot: RepoSnapshot,
    private readonly budget: InstallBudget = DEFAULT_INSTALL_BUDGET,
  ) {
    this.root = snapshot.root.replace(/\\/g, '/');
    for (const f of snapshot.files) {
      let child = f.path;
      let i = child.lastIndexOf('/');
      this.addChild(this.childFiles, i < 0 ? '' : child.slice(0, i), i < 0 ? child : child.slice(i + 1));
      while (i > 0) {
        const parent = child.slice(0, i);
        const j = parent.lastIndexOf('/');
        const set = this.childDirs.get(j < 0 ? '' : parent.slice(0, j));
        const name = j < 0 ? parent : parent.slice(j + 1);
        if (set?.has(name)) break;
        this.addChild(this.childDirs, j < 0 ? '' : parent.slice(0, j), name);
        child = parent;
        i = j;
      }
    }
  }

  private addChild(map: Map<string, Set<string>>, dir: string, name: string): void {
    let s = map.get(dir);
    if (!s) map.set(dir, (s = new Set()));
    s.add(name);
  }

  /** Repo-relative path of an absolute one, or null outside the root. */
  rel(abs: string): string | null {
    const p = abs.replace(/\\/g, '/').replace(/\/+$/, '');
    if (p === this.root) return '';
    if (!p.startsWith(this.root + '/')) return null;
    const rel = p.slice(this.root.length + 1);
    return rel.split('/').some((s) => s === '..') ? null : rel;
  }

  /** Absolute path of an installed file, when it really is inside the root (pnpm and workspaces link inside it). */
  private installedPath(rel: string): string | null {
    if (!inNodeModules(rel)) return null;
    const abs = join(this.root, rel);
    try {
      const real = realpathSync(abs);
      return isInside(this.snapshot.root, real) ? real : null;
    } catch {
      return null;
    }
  }

  readFileSync(filePath: string): string {
    const rel = this.rel(filePath);
    if (rel === null) throw new NotReadable(filePath);
    if (this.snapshot.hasFile(rel)) {
      const r = this.snapshot.read(rel);
      if (r.ok) return r.text;
      throw new NotReadable(filePath);
    }
    const cached = this.installed.get(rel);
    if (cached !== undefined) return cached;
    const real = this.installedPath(rel);
    if (real === null) throw new NotReadable(filePath);
    let size: number;
    try {
      const st = statSync(real);
      if (!st.isFile()) throw new NotReadable(filePath);
      size = st.size;
    } catch {
      throw new NotReadable(filePath);
    }
    if (this.bytesRead + size > this.budget.bytes || this.filesRead + 1 > this.budget.files) {
      this.refused++;
      throw new NotReadable(filePath);
    }
    this.bytesRead += size;
    this.filesRead++;
    const text = readFileSync(real, 'utf8');
    this.installed.set(rel, text);
    return text;
  }

  fileExistsSync(filePath: string): boolean {
    const rel = this.rel(filePath);
    if (rel === null) return false;
    if (this.snapshot.hasFile(rel)) return true;
    if (this.installed.has(rel)) return true;
    const real = this.installedPath(rel);
    if (real === null) return false;
    try {
      return statSync(real).isFile();
    } catch {
      return false;
    }
  }

  directoryExistsSync(dirPath: string): boolean {
    const rel = this.rel(dirPath);
    if (rel === null) return false;
    if (rel === '' || this.snapshot.hasDir(rel)) return true;
    const real = this.installedPath(rel);
    if (real === null) return false;
    try {
      return statSync(real).isDirectory();
    } catch {
      return false;
    }
  }

  /** Entries of a directory by name: listed files and directories, and installed packages read from the disk. */
  readDirSync(dirPath: string): DirEntry[] {
    const rel = this.rel(dirPath);
    if (rel === null) return [];
    const out: DirEntry[] = [];
    const seen = new Set<string>();
    for (const name of this.childDirs.get(rel) ?? []) {
      seen.add(name);
      out.push({ name, isFile: false, isDirectory: true });
    }
    for (const name of this.childFiles.get(rel) ?? []) {
      seen.add(name);
      out.push({ name, isFile: true, isDirectory: false });
    }
    // Installed packages: `node_modules` itself and everything below it come from the disk.
    const nm = rel === '' ? 'node_modules' : `${rel}/node_modules`;
    if (!seen.has('node_modules') && this.installedPath(nm) !== null) {
      out.push({ name: 'node_modules', isFile: false, isDirectory: true });
    }
    const real = this.installedPath(rel);
    if (real !== null) {
      let entries: Dirent[];
      try {
        entries = readdirSync(real, { withFileTypes: true });
      } catch {
        entries = [];
      }
      for (const e of entries) {
        if (seen.has(e.name)) continue;
        let isDir = e.isDirectory();
        let isFile = e.isFile();
        if (e.isSymbolicLink()) {
          const target = this.installedPath(rel ? `${rel}/${e.name}` : e.name);
          if (target === null) continue;
          try {
            const st = statSync(target);
            isDir = st.isDirectory();
            isFile = st.isFile();
          } catch {
            continue;
          }
        }
        out.push({ name: e.name, isFile, isDirectory: isDir });
      }
    }
    return out.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  }

  realpathSync(path: string): string {
    const rel = this.rel(path);
    if (rel === null || !inNodeModules(rel)) return path;
    try {
      const real = realpathSync(join(this.root, rel)).replace(/\\/g, '/');
      return isInside(this.snapshot.root, real) ? real : path;
    } catch {
      return path;
    }
  }

  /** Whether any `node_modules` directory exists at `dir` or above it, inside the root: the target was installed. */
  hasInstall(dir: string): boolean {
    let d = dir;
    for (;;) {
      const nm = d ? `${d}/node_modules` : 'node_modules';
      if (existsSync(join(this.root, nm)) && this.installedPath(nm) !== null) return true;
      if (!d) return false;
      const i = d.lastIndexOf('/');
      d = i < 0 ? '' : d.slice(0, i);
    }
  }
}
