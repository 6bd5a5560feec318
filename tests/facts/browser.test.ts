/**
 * Which JavaScript and TypeScript files run in the browser: the file's own
 * signals ('use client', DOM work, served as a static asset), the package
 * around it (a browser bundler, no server framework), and what rules it out
 * (a Node built-in or a server framework imported).
 */
import { describe, expect, test } from 'vitest';
import { browserPackages, inBrowserPackage, packageFolders, runsInBrowser } from '../../src/facts/browser.js';

const file = (path: string, text: string, imports: string[] = [], browserBundle = false) => runsInBrowser({ path, text, imports, browserBundle });

describe('runsInBrowser', () => {
  test("a 'use client' module, after comments, runs in the browser", () => {
    expect(file('ui/list.tsx', "// list of orders\n'use client';\nexport const L = () => null;\n", ['react', 'next/navigation'])).toBe(true);
    expect(file('ui/list.tsx', '/* a */\n"use client"\n', [])).toBe(true);
  });

  test('a file in a browser-bundled package runs in the browser, even when it reads process.env', () => {
    expect(file('web/src/api.ts', "const base = process.env.API ?? '/api';\n", [], true)).toBe(true);
  });

  test('a script served as a static asset, or one that works on the DOM, runs in the browser', () => {
    expect(file('app/static/app/js/menu.js', 'fetch("/menu/")\n')).toBe(true);
    expect(file('js/menu.js', "document.querySelector('#m').addEventListener('click', go);\n")).toBe(true);
  });

  test('Node imports and Node-only calls rule the browser out', () => {
    expect(file('ui/page.tsx', "'use client';\n", ['node:fs'])).toBe(false);
    expect(file('web/src/seed.ts', '', ['fs/promises'], true)).toBe(false);
    expect(file('web/src/srv.ts', '', ['express'], true)).toBe(false);
    expect(file('app/api/route.ts', '', ['next/server'])).toBe(false);
    expect(file('public/build.js', "const fs = require('fs');\n")).toBe(false);
  });

  test('look-alikes stay server-side: a guard on window, a module with no signal', () => {
    expect(file('lib/env.ts', "export const isBrowser = typeof window !== 'undefined';\n")).toBe(false);
    expect(file('src/client.ts', "export const get = (u: string) => fetch(u);\n", ['./config'])).toBe(false);
    expect(file('src/use-client-notes.ts', "// we do not 'use client' here\nexport const x = 1;\n")).toBe(false);
  });
});

describe('browser packages', () => {
  const manifests: Record<string, string> = {
    'web/package.json': '{ "dependencies": { "react-dom": "^18" }, "devDependencies": { "vite": "^5" } }',
    'site/package.json': '{ "dependencies": { "next": "^14", "react-dom": "^18" } }',
    'api/package.json': '{ "dependencies": { "fastify": "^4" } }',
    'package.json': '{ "private": true, "workspaces": ["web", "site", "api"] }',
    'broken/package.json': '{ not json',
  };
  const paths = [...Object.keys(manifests), 'web/src/App.tsx', 'web/scripts/gen.ts', 'web/vite.config.ts', 'site/app/page.tsx', 'api/src/index.ts', 'tools/x.ts'];
  const bundles = browserPackages(paths, (p) => manifests[p] ?? null);
  const all = packageFolders(paths);

  test('a package a browser bundler builds and no server framework shares', () => {
    expect([...bundles]).toEqual(['web']);
  });

  test('its sources are browser code; its scripts and config run in Node; other packages are not', () => {
    expect(inBrowserPackage('web/src/App.tsx', bundles, all)).toBe(true);
    expect(inBrowserPackage('web/scripts/gen.ts', bundles, all)).toBe(false);
    expect(inBrowserPackage('web/vite.config.ts', bundles, all)).toBe(false);
    expect(inBrowserPackage('site/app/page.tsx', bundles, all)).toBe(false);
    expect(inBrowserPackage('api/src/index.ts', bundles, all)).toBe(false);
    expect(inBrowserPackage('tools/x.ts', bundles, all)).toBe(false);
  });
});
