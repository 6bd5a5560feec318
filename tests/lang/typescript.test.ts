import { describe, expect, it } from 'vitest';
import { parseTypeScript } from '../../src/lang/typescript.js';
import { countLines } from '../../src/repo/text.js';
import type { SourceModel, SymbolInfo } from '../../src/lang/model.js';

function model(src: string, path = 'src/app.ts'): SourceModel {
  const language = /\.(c|m)?jsx?$/.test(path) ? 'javascript' : 'typescript';
  return parseTypeScript(path, src, language, countLines(src)).model;
}

function sym(m: SourceModel, name: string, container: string | null = null): SymbolInfo {
  const found = m.symbols.filter((s) => s.name === name && s.container === container);
  expect(found, `one symbol ${container ?? ''}.${name}`).toHaveLength(1);
  return found[0]!;
}

function summary(m: SourceModel): string[] {
  return m.symbols.map((s) => `${s.kind} ${s.container ? s.container + '.' : ''}${s.name}${s.exported ? ' (exported)' : ''}`);
}

describe('symbols', () => {
  const src = `import { Base } from './base';

/**
 * Syncs fabrics.
 * @see docs
 */
export class FabricSync extends Base<Config> implements Syncer, ns.Closable {
  static instances = 0;
  private client = axios.create({ timeout: 5000 });
  #secret = 'x';
  readonly onEvent = (e: Event) => { this.log(e); };
  protected handler = function (x: number) { return x; };

  constructor(private readonly db: Db, public name: string, plain: number) {
    super(name);
  }

  get size(): number { return this.items.length; }
  set size(v: number) { this.items.length = v; }

  /** Runs one sync. */
  async sync(fabric: string, { dryRun = false }: Options = {}, ...rest: string[]): Promise<void> {
    const helper = () => fabric.trim();
    function inner(this: Ctx, a: number) { return a; }
    await this.client.post('/sync', { fabric });
  }

  private hidden(): void {}
  parse(s: string): number;
  parse(s: number): number;
  parse(s: string | number): number { return Number(s); }
}

abstract class Shape {
  abstract area(): number;
}

const Anon = class {
  run() {}
};

const holder = { method() { return 1; }, arrow: () => 2 };
`;
  const m = model(src);

  it('reads classes, members and their kinds', () => {
    expect(summary(m)).toEqual([
      'class FabricSync (exported)',
      'field FabricSync.instances (exported)',
      'field FabricSync.client',
      'field FabricSync.#secret',
      'method FabricSync.onEvent (exported)',
      'method FabricSync.handler',
      'method FabricSync.constructor (exported)',
      'field FabricSync.db',
      'field FabricSync.name (exported)',
      'method FabricSync.size (exported)',
      'method FabricSync.size (exported)',
      'method FabricSync.sync (exported)',
      'function FabricSync.sync.helper',
      'function FabricSync.sync.inner',
      'method FabricSync.hidden',
      'method FabricSync.parse (exported)',
      'class Shape',
      'method Shape.area',
      'class Anon',
      'method Anon.run',
      'constant holder',
    ]);
  });

  it('keeps bases, params, docs and ranges', () => {
    const cls = sym(m, 'FabricSync');
    expect(cls.bases).toEqual(['Base', 'Syncer', 'ns.Closable']);
    expect(cls.doc).toBe('Syncs fabrics.\n@see docs');
    expect(cls.range.line).toBe(7);
    expect(cls.range.endLine).toBe(32);
    expect(cls.nameRange).toEqual({ line: 7, column: 14, endLine: 7, endColumn: 24 });

    const sync = sym(m, 'sync', 'FabricSync');
    expect(sync.params).toEqual(['fabric', '{ dryRun = false }', '...rest']);
    expect(sync.doc).toBe('Runs one sync.');
    expect(sync.range.line).toBe(22);
    expect(sync.body?.statements).toBe(3);

    const ctor = sym(m, 'constructor', 'FabricSync');
    expect(ctor.params).toEqual(['db', 'name', 'plain']);
    expect(ctor.nameRange).toEqual({ line: 14, column: 3, endLine: 14, endColumn: 14 });

    expect(sym(m, 'inner', 'FabricSync.sync').params).toEqual(['a']);
    expect(sym(m, 'onEvent', 'FabricSync').params).toEqual(['e']);
    expect(sym(m, 'area', 'Shape').body).toBeUndefined();
    // The implementation, not the two overload signatures, is the method.
    expect(sym(m, 'parse', 'FabricSync').range.line).toBe(31);
  });

  it('reads functions, interfaces, types, enums, namespaces and module-level values', () => {
    const m2 = model(`export function top(a, b) { return a + b; }
export const arrow = async (x: number) => x * 2;
const expr = function named() { return 1; };
let counter = 0, other;
var legacy = require('legacy');
export const { left, right: renamed } = pair;
export default function () { return 1; }
export interface Store extends Base { get(key: string): string; size: number; }
export type Id = string | number;
enum Color { Red = 'red', Green = 'green' }
namespace Outer.Inner { export function deep() { const local = 1; return local; } }
declare function ambient(x: string): void;
function overloaded(x: string): void;
function overloaded(x: unknown) { console.log(x); }
`);
    expect(summary(m2)).toEqual([
      'function top (exported)',
      'function arrow (exported)',
      'function expr',
      'variable counter',
      'variable other',
      'variable legacy',
      'constant left (exported)',
      'constant renamed (exported)',
      'function default (exported)',
      'interface Store (exported)',
      'method Store.get (exported)',
      'field Store.size (exported)',
      'type Id (exported)',
      'enum Color',
      'constant Color.Red',
      'constant Color.Green',
      'function Outer.Inner.deep (exported)',
      'function ambient',
      'function overloaded',
    ]);
    expect(sym(m2, 'Store').bases).toEqual(['Base']);
    expect(sym(m2, 'get', 'Store').params).toEqual(['key']);
    expect(sym(m2, 'get', 'Store').body).toBeUndefined();
    expect(sym(m2, 'ambient').body).toBeUndefined();
    expect(sym(m2, 'counter').range).toEqual({ line: 4, column: 5, endLine: 4, endColumn: 16 });
    expect(sym(m2, 'arrow').range).toEqual({ line: 2, column: 1, endLine: 2, endColumn: 49 });
  });

  it('names default exports and reads ambient module blocks', () => {
    const m = model(`#!/usr/bin/env node
/** The CLI. */
export default class extends Command {
  run() {}
}
declare module 'foo' {
  import { x } from 'bar';
  export function f(): void;
}
`);
    expect(summary(m)).toEqual(['class default (exported)', 'method default.run (exported)', 'function foo.f (exported)']);
    const cls = sym(m, 'default');
    expect(cls.doc).toBe('The CLI.');
    expect(cls.bases).toEqual(['Command']);
    expect(cls.nameRange).toEqual({ line: 3, column: 8, endLine: 3, endColumn: 15 });
    expect(m.imports.map((i) => [i.module, i.nested])).toEqual([['bar', true]]);

    const arrow = model('export default (a) => a;\n', 'lib/x.js');
    expect(summary(arrow)).toEqual(['function default (exported)']);
    expect(arrow.symbols[0]!.nameRange).toEqual({ line: 1, column: 8, endLine: 1, endColumn: 15 });
  });

  it('sees exports made away from the declaration, ES and CommonJS', () => {
    const es = model(`function a() {}
class B {}
const c = 1;
function d() {}
function hidden() {}
export { a, B as Bee };
export default c;
`);
    expect(summary(es)).toEqual(['function a (exported)', 'class B (exported)', 'constant c (exported)', 'function d', 'function hidden']);

    const cjs = model(
      `function one() {}
function two() {}
const three = () => 3;
function four() {}
function internal() {}
module.exports = { one, renamed: two };
exports.three = three;
module.exports.four = four;
exports.five = function () { return 5; };
`,
      'lib/index.js',
    );
    expect(summary(cjs)).toEqual([
      'function one (exported)',
      'function two (exported)',
      'function three (exported)',
      'function four (exported)',
      'function internal',
      'function five (exported)',
    ]);
  });
});

describe('function bodies', () => {
  const src = `class Service {
  empty() {}
  commented() {
    // only a comment
  }
  notImpl() { throw new Error("Not implemented"); }
  notImplSub() { throw new HttpError(501, "not yet implemented"); }
  notImplMsg() { throw new ServiceError('method unimplemented'); }
  notImplTodo() { throw new Error(\`TODO: wire up \${this.name}\`); }
  notImplClass() { throw new NotImplementedError(); }
  invalid() { throw new Error("invalid input"); }
  logThenThrow() { console.warn("x"); throw new Error("not implemented"); }
  yes() { return true; }
  nothing() { return null; }
  undef() { return undefined; }
  bare() { return; }
  neg() { return -1; }
  str() { return "ok"; }
  tmpl() { return \`done\`; }
  tmplSub() { return \`done \${this.n}\`; }
  obj() { return { success: true, data: [], meta: { n: 1 } }; }
  objVar() { return { success: this.ok }; }
  arr() { return [1, "two", null]; }
  spread() { return [...this.items]; }
  async promised() { return Promise.resolve({ ok: true }); }
  computed() { return this.compute(); }
  withComment() {
    // compute the thing
    return this.compute();
  }
  assertion() { return {} as Result; }
  twoStatements() { const x = 1; return x; }
  shortArrow = () => "fixed";
  realArrow = () => this.compute();
  blockArrow = () => {};
}
`;
  const m = model(src);
  const shape = (name: string): string | undefined => sym(m, name, 'Service').body?.shape;
  const returned = (name: string): string | undefined => sym(m, name, 'Service').body?.returned;

  it('recognises empty bodies, comments do not count as statements', () => {
    expect(shape('empty')).toBe('empty');
    expect(shape('commented')).toBe('empty');
    expect(sym(m, 'commented', 'Service').body?.statements).toBe(0);
    expect(shape('blockArrow')).toBe('empty');
  });

  it('recognises not-implemented throws of any error class', () => {
    for (const name of ['notImpl', 'notImplSub', 'notImplMsg', 'notImplTodo', 'notImplClass']) {
      expect(shape(name), name).toBe('not-implemented');
    }
    expect(shape('invalid')).toBe('code');
    expect(shape('logThenThrow')).toBe('code');
  });

  it('recognises constant returns and keeps the literal', () => {
    const cases: Record<string, string> = {
      yes: 'true',
      nothing: 'null',
      undef: 'undefined',
      bare: 'undefined',
      neg: '-1',
      str: '"ok"',
      tmpl: '`done`',
      obj: '{ success: true, data: [], meta: { n: 1 } }',
      arr: '[1, "two", null]',
      promised: '{ ok: true }',
      assertion: '{}',
      shortArrow: '"fixed"',
    };
    for (const [name, literal] of Object.entries(cases)) {
      expect(shape(name), name).toBe('constant-return');
      expect(returned(name), name).toBe(literal);
    }
  });

  it('treats look-alikes as code', () => {
    for (const name of ['tmplSub', 'objVar', 'spread', 'computed', 'withComment', 'twoStatements', 'realArrow']) {
      expect(shape(name), name).toBe('code');
    }
    expect(sym(m, 'withComment', 'Service').body?.statements).toBe(1);
    expect(sym(m, 'twoStatements', 'Service').body?.statements).toBe(2);
  });

  it('gives the body range', () => {
    expect(sym(m, 'commented', 'Service').body?.range).toEqual({ line: 3, column: 15, endLine: 5, endColumn: 4 });
  });
});

describe('imports', () => {
  it('reads ES imports, re-exports and import-equals', () => {
    const m = model(`import fs, { readFile as rf, stat } from 'node:fs';
import * as path from "path";
import type { Config } from './config';
import './polyfill';
export { a, b as c } from './x';
export * from './y';
export * as z from './z';
import legacy = require('legacy');
`);
    expect(m.imports.map(({ module, names, alias, star, nested, range }) => ({ module, names, alias, star, nested, line: range.line }))).toEqual([
      { module: 'node:fs', names: [{ name: 'readFile', alias: 'rf', line: 1 }, { name: 'stat', alias: null, line: 1 }], alias: 'fs', star: false, nested: false, line: 1 },
      { module: 'path', names: [], alias: 'path', star: false, nested: false, line: 2 },
      { module: './config', names: [{ name: 'Config', alias: null, line: 3 }], alias: null, star: false, nested: false, line: 3 },
      { module: './polyfill', names: [], alias: null, star: false, nested: false, line: 4 },
      { module: './x', names: [{ name: 'a', alias: null, line: 5 }, { name: 'b', alias: 'c', line: 5 }], alias: null, star: false, nested: false, line: 5 },
      { module: './y', names: [], alias: null, star: true, nested: false, line: 6 },
      { module: './z', names: [], alias: 'z', star: false, nested: false, line: 7 },
      { module: 'legacy', names: [], alias: 'legacy', star: false, nested: false, line: 8 },
    ]);
    expect(m.imports.every((i) => i.level === 0)).toBe(true);
  });

  it('reads CommonJS require and dynamic import, nested where not at top level', () => {
    const m = model(
      `const express = require('express');
const { join, resolve: res } = require('path');
const get = require('lodash').get;
require('dotenv').config();
if (process.env.DEBUG) require('debug-hooks');
function load() {
  const yaml = require('yaml');
  return import('./plugin.js');
}
async function later() { const { parse } = await import('./parser'); }
const notLiteral = require(name);
`,
      'server.js',
    );
    expect(m.imports.map(({ module, names, alias, nested }) => ({ module, names, alias, nested }))).toEqual([
      { module: 'express', names: [], alias: 'express', nested: false },
      { module: 'path', names: [{ name: 'join', alias: null, line: 2 }, { name: 'resolve', alias: 'res', line: 2 }], alias: null, nested: false },
      { module: 'lodash', names: [{ name: 'get', alias: null, line: 3 }], alias: null, nested: false },
      { module: 'dotenv', names: [], alias: null, nested: false },
      { module: 'debug-hooks', names: [], alias: null, nested: true },
      { module: 'yaml', names: [], alias: 'yaml', nested: true },
      { module: './plugin.js', names: [], alias: null, nested: true },
      { module: './parser', names: [{ name: 'parse', alias: null, line: 10 }], alias: null, nested: true },
    ]);
  });
});

describe('calls', () => {
  const src = `import axios from 'axios';
export async function download(url: string, signal: AbortSignal) {
  const res = await fetch(url, { signal });
  await axios.get(url, { timeout: 5000, headers: { a: 1 }, ...defaults, [key]: 1, retry() { return 1; } });
  const client = new http.Agent({ keepAlive: true });
  const err = new Error;
  this.client!.sync?.(res);
  obj['method']('x');
  axios
    .create({ baseURL: url })
    .get('/x');
  (0, _axios.default)(url);
  html\`<b>\${url}</b>\`;
  return helper(...args);
}
setTimeout(() => poll(), 1000);
`;
  const m = model(src);
  const call = (callee: string) => {
    const found = m.calls.filter((c) => c.callee === callee);
    expect(found, callee).toHaveLength(1);
    return found[0]!;
  };

  it('exposes object-literal arguments as keyword arguments', () => {
    expect(call('fetch').args).toEqual([
      { keyword: null, text: 'url' },
      { keyword: null, text: '{ signal }' },
      { keyword: 'signal', text: 'signal' },
    ]);
    const get = call('axios.get');
    expect(get.receiver).toBe('axios');
    expect(get.name).toBe('get');
    expect(get.args.filter((a) => a.keyword === null).map((a) => a.text)).toEqual([
      'url',
      '{ timeout: 5000, headers: { a: 1 }, ...defaults, [key]: 1, retry() { return 1; } }',
    ]);
    expect(get.args.filter((a) => a.keyword !== null)).toEqual([
      { keyword: 'timeout', text: '5000' },
      { keyword: 'headers', text: '{ a: 1 }' },
      { keyword: '...', text: '...defaults' },
      { keyword: '[key]', text: '1' },
      { keyword: 'retry', text: 'retry() { return 1; }' },
    ]);
  });

  it('records new-expressions, normalised callees and enclosing functions', () => {
    const agent = call('http.Agent');
    expect(agent).toMatchObject({ receiver: 'http', name: 'Agent', enclosing: 'download' });
    expect(agent.args).toEqual([{ keyword: null, text: '{ keepAlive: true }' }, { keyword: 'keepAlive', text: 'true' }]);
    expect(call('Error')).toMatchObject({ receiver: null, name: 'Error', args: [] });
    expect(call('this.client.sync')).toMatchObject({ receiver: 'this.client', name: 'sync' });
    expect(call("obj['method']")).toMatchObject({ receiver: 'obj', name: 'method' });
    expect(call('axios.create')).toMatchObject({ receiver: 'axios', name: 'create' });
    expect(call("axios.create({ baseURL: url }).get")).toMatchObject({ receiver: 'axios.create({ baseURL: url })', name: 'get' });
    expect(call('_axios.default')).toMatchObject({ receiver: '_axios', name: 'default' });
    expect(call('helper').args).toEqual([{ keyword: null, text: '...args' }]);
    expect(call('setTimeout')).toMatchObject({ enclosing: null, range: { line: 16, column: 1, endLine: 16, endColumn: 31 } });
    expect(call('poll').enclosing).toBeNull();
  });

  it('does not count tagged templates as calls', () => {
    expect(m.calls.some((c) => c.name === 'html')).toBe(false);
    expect(m.calls.map((c) => c.range.line)).toEqual([...m.calls.map((c) => c.range.line)].sort((a, b) => a - b));
  });

  it('names the enclosing method, outside its decorators', () => {
    const d = model(`@Component({ selector: 'x' })
export class Widget {
  @Input() size = compute();
  @HostListener('click')
  onClick() { this.emit(); }
}
`);
    expect(d.calls.map((c) => [c.callee, c.enclosing])).toEqual([
      ['Component', null],
      ['Input', 'Widget'],
      ['compute', 'Widget'],
      ['HostListener', 'Widget'],
      ['this.emit', 'Widget.onClick'],
    ]);
  });
});

describe('assignments', () => {
  it('records `=` assignments and declarations inside functions', () => {
    const m = model(`const top = 1;
module.exports = { top };
function configure(cfg) {
  const agent = new Agent();
  let unset;
  cfg.timeout = 30;
  cfg.retries += 1;
  [a, b] = pair;
}
`);
    expect(m.assignments.map((a) => [a.target, a.value, a.enclosing, a.range.line])).toEqual([
      ['module.exports', '{ top }', null, 2],
      ['agent', 'new Agent()', 'configure', 4],
      ['cfg.timeout', '30', 'configure', 6],
      ['[a, b]', 'pair', 'configure', 8],
    ]);
  });
});

describe('comments and strings', () => {
  it('finds each comment once and never inside strings, templates or regexes', () => {
    const m = model(`#!/usr/bin/env node
// TODO: real comment
/**
 * JSDoc block.
 *   indented
 */
const url = "http://example.com/*not*/"; // trailing
const re = /\\/\\/ no|\\/\\*x/g; /* block */
const t = \`// not \${ /* yes */ value } /* not */\`;
const s = 'it\\'s // not';
const div = a / b / c; //  after division
`);
    expect(m.comments.map((c) => [c.kind, c.text, c.range.line])).toEqual([
      ['line', 'TODO: real comment', 2],
      ['block', 'JSDoc block.\n  indented', 3],
      ['line', 'trailing', 7],
      ['block', 'block', 8],
      ['block', 'yes', 9],
      ['line', 'after division', 11],
    ]);
    expect(m.comments[1]!.range).toEqual({ line: 3, column: 1, endLine: 6, endColumn: 4 });
    expect(m.strings.map((s) => s.value)).toEqual(['http://example.com/*not*/', '// not ', ' /* not */', "it's // not"]);
  });

  it('handles JSX text and attributes in .tsx and .jsx files', () => {
    for (const path of ['ui/App.tsx', 'ui/App.jsx']) {
      const m = model(
        `export function App({ items }) {
  // render the list
  return (
    <ul className="list // not a comment">
      {/* a real comment */}
      <li>// not a comment either</li>
      {items.map((i) => <Item key={i.id} onClick={() => select(i)} />)}
    </ul>
  );
}
`,
        path,
      );
      expect(m.syntaxErrors, path).toEqual([]);
      expect(m.comments.map((c) => c.text), path).toEqual(['render the list', 'a real comment']);
      expect(m.strings.map((s) => s.value), path).toEqual(['list // not a comment']);
      expect(m.calls.map((c) => [c.callee, c.enclosing]), path).toEqual([
        ['items.map', 'App'],
        ['select', 'App'],
      ]);
      expect(summary(m), path).toEqual(['function App (exported)']);
    }
  });
});

describe('syntax errors and robustness', () => {
  it('reports parse errors with positions and still builds the model', () => {
    const m = model(`export function ok() { return 1; }
function broken( {
  const x = ;
}
`);
    expect(m.syntaxErrors.length).toBeGreaterThan(0);
    expect(m.syntaxErrors[0]!.message).toMatch(/expected/);
    expect(m.syntaxErrors[0]!.range.line).toBe(3);
    expect(sym(m, 'ok').body?.shape).toBe('constant-return');
  });

  it('counts lines on \\n only, like the rest of claimcheck', () => {
    const m = model('const a = "x\u2028y";\r\nfunction f() {}\r\n// end\r\n');
    expect(m.lineCount).toBe(3);
    expect(sym(m, 'f').range.line).toBe(2);
    expect(m.comments.map((c) => [c.text, c.range.line])).toEqual([['end', 3]]);
  });

  it('walks very deep expressions without recursion', () => {
    const src = 'const big = ' + Array.from({ length: 10000 }, (_, i) => `f${i % 7}(${i})`).join(' + ') + ';\n';
    const m = model(src, 'gen/bundle.js');
    expect(m.calls).toHaveLength(10000);
    expect(m.syntaxErrors).toEqual([]);
  });

  it('is deterministic and leaves packageName null', () => {
    const src = `export class A { m() { return g(); } }\n// c\n`;
    const a = model(src);
    expect(model(src)).toEqual(a);
    expect(a.packageName).toBeNull();
    expect(a.path).toBe('src/app.ts');
    expect(a.language).toBe('typescript');
  });
});
