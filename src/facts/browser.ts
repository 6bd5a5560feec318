/**
 * Whether a JavaScript or TypeScript file runs in the browser. A request
 * from a page to its own backend that never answers leaves a spinner the
 * user can leave; the same request from a server holds a worker, a job slot
 * or a connection pool until the process restarts. Rules about deadlines
 * (missing-timeout/js-fetch) judge the two differently.
 *
 * A file runs in the browser when it says so (`'use client'`), when it is
 * served as is (under a `static/` or `public/` folder, or a plain script that
 * works on the DOM), or when the package around it is built by a browser
 * bundler and renders nothing on a server. A file that imports a Node
 * built-in or a server framework never does.
 */
import { builtinModules } from 'node:module';

/**
 * Dependencies that mean a package is built for the browser: bundlers and
 * UI runtimes that render in the page.
 */
const BROWSER_DEPENDENCIES = new Set([
  'vite', 'webpack', 'parcel', 'react-scripts', '@vitejs/plugin-react', '@vitejs/plugin-vue', 'react-dom', 'vue',
  '@angular/core', 'svelte', 'preact', 'solid-js', 'lit',
]);

/**
 * Dependencies that mean some of the package's code runs on a server or at
 * build time in Node: full-stack frameworks (they render on the server too),
 * server frameworks, desktop shells with a Node main process.
 */
const SERVER_FRAMEWORKS = ['express', 'fastify', 'koa', '@nestjs/core', '@hapi/hapi', 'hono'];
const SERVER_DEPENDENCIES = new Set([
  ...SERVER_FRAMEWORKS, 'next', 'nuxt', '@sveltejs/kit', '@remix-run/node', '@remix-run/server-runtime', 'astro', 'gatsby', 'electron',
]);

/**
 * Imports that only work in Node: built-ins, server frameworks, and the
 * server-only entry points of full-stack frameworks (`next/navigation` is
 * used in the page, `next/server` is not).
 */
const NODE_ONLY_IMPORTS = new Set([...builtinModules, ...SERVER_FRAMEWORKS, 'next/server', 'next/headers', '@remix-run/node']);

/** Folders of a browser package whose code runs in Node (build and maintenance scripts, a dev server). */
const NODE_FOLDERS = new Set(['scripts', 'server', 'bin', 'tools']);

const DEP_KEYS = ['dependencies', 'devDependencies', 'peerDependencies'];

/**
 * Folders (repo-relative, '' for the root) of the packages a browser bundler
 * builds and no server framework shares, from the repository's package.json
 * files.
 */
export function browserPackages(files: readonly string[], read: (path: string) => string | null): Set<string> {
  const out = new Set<string>();
  for (const path of files) {
    if (path !== 'package.json' && !path.endsWith('/package.json')) continue;
    if (/(?:^|\/)node_modules\//.test(path)) continue;
    const text = read(path);
    if (text === null) continue;
    let data: unknown;
    try {
      data = JSON.parse(text);
    } catch {
      continue;
    }
    if (typeof data !== 'object' || data === null) continue;
    const names: string[] = [];
    for (const key of DEP_KEYS) {
      const deps = (data as Record<string, unknown>)[key];
      if (deps && typeof deps === 'object') names.push(...Object.keys(deps));
    }
    if (names.some((n) => BROWSER_DEPENDENCIES.has(n)) && !names.some((n) => SERVER_DEPENDENCIES.has(n))) {
      out.add(path === 'package.json' ? '' : path.slice(0, -'/package.json'.length));
    }
  }
  return out;
}

/** Whether `path` lies in one of `packages` (its nearest package.json is one of them) and outside its Node folders. */
export function inBrowserPackage(path: string, packages: ReadonlySet<string>, allPackages: ReadonlySet<string>): boolean {
  let dir = path.includes('/') ? path.slice(0, path.lastIndexOf('/')) : '';
  for (;;) {
    if (allPackages.has(dir)) {
      if (!packages.has(dir)) return false;
      const rest = dir === '' ? path : path.slice(dir.length + 1);
      const first = rest.includes('/') ? rest.slice(0, rest.indexOf('/')) : '';
      return !NODE_FOLDERS.has(first) && !/\.config\.[cm]?[jt]s$/.test(rest);
    }
    if (dir === '') return false;
    dir = dir.includes('/') ? dir.slice(0, dir.lastIndexOf('/')) : '';
  }
}

/** Folders of every package.json, for inBrowserPackage. */
export function packageFolders(files: readonly string[]): Set<string> {
  const out = new Set<string>();
  for (const p of files) {
    if (p === 'package.json') out.add('');
    else if (p.endsWith('/package.json') && !/(?:^|\/)node_modules\//.test(p)) out.add(p.slice(0, -'/package.json'.length));
  }
  return out;
}

/** What runsInBrowser looks at in one file. */
export interface BrowserFileSignals {
  path: string;
  text: string;
  /** Modules the file imports or requires, as written. */
  imports: readonly string[];
  /** The file lies in a package a browser bundler builds (browserPackages / inBrowserPackage). */
  browserBundle: boolean;
}

const USE_CLIENT = /^(?:\s|\/\/[^\n]*\n|\/\*[\s\S]*?\*\/)*['"]use client['"]/;
/** DOM work that only a page does (not a guard such as `typeof window`). */
const DOM_USE = /\bdocument\.(?:getElementById|getElementsBy\w+|querySelector(?:All)?|addEventListener|createElement|body|readyState)\b/;
const SERVED_AS_IS = /(?:^|\/)(?:static|public|assets|wwwroot)\//;

export function runsInBrowser(f: BrowserFileSignals): boolean {
  for (const m of f.imports) {
    const name = m.startsWith('@') ? m.split('/').slice(0, 2).join('/') : m.split('/')[0]!;
    if (m.startsWith('node:') || NODE_ONLY_IMPORTS.has(m) || NODE_ONLY_IMPORTS.has(name)) return false;
  }
  if (USE_CLIENT.test(f.text)) return true;
  if (f.browserBundle) return true;
  if (/\brequire\s*\(|\bprocess\.(?:env|argv|exit)\b/.test(f.text)) return false;
  return SERVED_AS_IS.test(f.path) || DOM_USE.test(f.text);
}
