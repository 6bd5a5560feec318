import { describe, expect, it } from 'vitest';
import { buildGoModel } from '../../src/lang/go.js';
import { parseTree } from '../../src/lang/treesitter.js';
import { countLines } from '../../src/repo/text.js';
import type { FunctionBody, SourceModel, SymbolInfo } from '../../src/lang/model.js';

function model(src: string, path = 'pkg/server.go'): SourceModel {
  return buildGoModel(path, src, parseTree('go', src), countLines(src));
}

function sym(m: SourceModel, name: string, container: string | null = null): SymbolInfo {
  const found = m.symbols.filter((s) => s.name === name && s.container === container);
  expect(found, `one symbol ${container ?? ''}.${name}`).toHaveLength(1);
  return found[0]!;
}

function body(fn: string): FunctionBody {
  const m = model(`package p\n\n${fn}\n`);
  const f = m.symbols.find((s) => s.kind === 'function' || s.kind === 'method')!;
  return f.body!;
}

function summary(m: SourceModel): string[] {
  return m.symbols.map((s) => `${s.kind} ${s.container ? s.container + '.' : ''}${s.name}${s.exported ? ' (exported)' : ''}`);
}

describe('declarations', () => {
  const src = `// Package server serves.
package server

import (
	"fmt"
	nethttp "net/http"
	_ "embed"
	. "strings"
)

// MaxConns limits connections.
const MaxConns, minConns = 100, 1

var (
	// DefaultClient has no timeout.
	DefaultClient = &nethttp.Client{}
	started bool
)

// Server serves requests.
//
// It embeds a logger.
type Server struct {
	Logger
	*sync.Mutex
	List[int]
	// Addr is where it listens.
	Addr, Host string \`json:"addr"\`
	handler    nethttp.Handler // not a doc: same line
}

type Store interface {
	io.Closer
	~int | ~string
	Get(key string) (string, error)
	put(key, value string)
}

type ID = string
type Handler func(w Writer)

var x = 1 // trailing
func Unrelated() {}

//go:noinline
// Run runs the server.
func (s *Server) Run(ctx context.Context, addrs ...string) error {
	type local struct{ n int }
	var buf = make([]byte, 0)
	_ = buf
	return nil
}

func (s Server) name() string { return s.Host }

func (l *List[T]) Push(v T) {}

func helper(int, string) {}

func asm(x int) int
`;
  const m = model(src);

  it('finds functions, methods, structs, interfaces, types and top-level consts/vars in order', () => {
    expect(summary(m)).toEqual([
      'constant MaxConns (exported)',
      'constant minConns',
      'variable DefaultClient (exported)',
      'variable started',
      'struct Server (exported)',
      'field Server.Logger (exported)',
      'field Server.Mutex (exported)',
      'field Server.List (exported)',
      'field Server.Addr (exported)',
      'field Server.Host (exported)',
      'field Server.handler',
      'interface Store (exported)',
      'method Store.Get (exported)',
      'method Store.put',
      'type ID (exported)',
      'type Handler (exported)',
      'variable x',
      'function Unrelated (exported)',
      'method Server.Run (exported)',
      'struct Server.Run.local',
      'field Server.Run.local.n',
      'method Server.name',
      'method List.Push (exported)',
      'function helper',
      'function asm',
    ]);
    expect(m.packageName).toBe('server');
  });

  it('records receivers without * or type arguments', () => {
    expect(sym(m, 'Run', 'Server').receiver).toBe('Server');
    expect(sym(m, 'name', 'Server').receiver).toBe('Server');
    expect(sym(m, 'Push', 'List').receiver).toBe('List');
  });

  it('records embedded types as written in bases, and embedded interfaces', () => {
    expect(sym(m, 'Server').bases).toEqual(['Logger', '*sync.Mutex', 'List[int]']);
    expect(sym(m, 'Store').bases).toEqual(['io.Closer']);
    expect(sym(m, 'Mutex', 'Server').nameRange).toEqual({ line: 25, column: 8, endLine: 25, endColumn: 13 });
  });

  it('records params, unnamed as _ and variadic with ...', () => {
    expect(sym(m, 'Run', 'Server').params).toEqual(['ctx', '...addrs']);
    expect(sym(m, 'helper').params).toEqual(['_', '_']);
    expect(sym(m, 'Get', 'Store').params).toEqual(['key']);
    expect(sym(m, 'put', 'Store').params).toEqual(['key', 'value']);
  });

  it('takes the comment block directly above as doc, without directives or trailing comments', () => {
    expect(sym(m, 'MaxConns').doc).toBe('MaxConns limits connections.');
    expect(sym(m, 'DefaultClient').doc).toBe('DefaultClient has no timeout.');
    expect(sym(m, 'Server').doc).toBe('Server serves requests.\n\nIt embeds a logger.');
    expect(sym(m, 'Addr', 'Server').doc).toBe('Addr is where it listens.');
    expect(sym(m, 'Run', 'Server').doc).toBe('Run runs the server.');
    expect(sym(m, 'Unrelated').doc).toBeUndefined();
    expect(sym(m, 'handler', 'Server').doc).toBeUndefined();
    expect(sym(m, 'Store').doc).toBeUndefined();
  });

  it('gives interface methods and assembly functions no body', () => {
    expect(sym(m, 'Get', 'Store').body).toBeUndefined();
    expect(sym(m, 'asm').body).toBeUndefined();
  });

  it('reads each import spec with its alias', () => {
    expect(m.imports.map((i) => [i.module, i.alias, i.star, i.level, i.nested, i.range.line])).toEqual([
      ['fmt', null, false, 0, false, 5],
      ['net/http', 'nethttp', false, 0, false, 6],
      ['embed', '_', false, 0, false, 7],
      ['strings', '.', true, 0, false, 8],
    ]);
  });
});

describe('body shapes', () => {
  it('{} is "empty", also with only a comment', () => {
    expect(body('func f() {}')).toMatchObject({ shape: 'empty', statements: 0 });
    expect(body('func f() {\n\t// nothing yet\n}')).toMatchObject({ shape: 'empty', statements: 0 });
  });

  it('panicking "not implemented" or "TODO" is "not-implemented"', () => {
    expect(body('func f() { panic("not implemented") }').shape).toBe('not-implemented');
    expect(body('func f() error { panic("TODO: wire the client") }').shape).toBe('not-implemented');
    expect(body('func (s *S) f() { panic(`unimplemented`) }').shape).toBe('not-implemented');
    expect(body('func f() { panic(fmt.Sprintf("%s: Not Implemented", name)) }').shape).toBe('not-implemented');
    expect(body('func f() { panic(errors.New("todo")) }').shape).toBe('not-implemented');
  });

  it('returning only literals is "constant-return" with their text', () => {
    expect(body('func f() (*T, error) { return nil, nil }')).toMatchObject({ shape: 'constant-return', returned: 'nil, nil', statements: 1 });
    expect(body('func f() bool {\n\treturn true\n}')).toMatchObject({ shape: 'constant-return', returned: 'true' });
    expect(body('func f() *Config { return &Config{Name: "x", Retries: -1, Tags: []string{"a"}} }')).toMatchObject({
      shape: 'constant-return',
      returned: '&Config{Name: "x", Retries: -1, Tags: []string{"a"}}',
    });
    expect(body('func f() (string, int) { return "ok", 200 }').returned).toBe('"ok", 200');
  });

  it('look-alikes are "code"', () => {
    const lookAlikes = [
      'func f() { panic("unreachable") }',
      'func f(err error) { panic(err) }',
      'func f() int { return compute() }',
      'func f(x int) int { return x }',
      'func f(name string) Config { return Config{Name: name} }',
      'func f() error { return errors.New("not implemented") }',
      'func f() {\n\tlog.Print("x")\n\tpanic("not implemented")\n}',
      'func f() { return }',
    ];
    for (const src of lookAlikes) expect(body(src).shape, src).toBe('code');
    expect(body('func f() {\n\tx := 1\n\tuse(x)\n}').statements).toBe(2);
  });

  it('ranges the body block', () => {
    expect(body('func f() {\n\tg()\n}').range).toEqual({ line: 3, column: 10, endLine: 5, endColumn: 2 });
  });
});

describe('calls and composite literals', () => {
  const src = `package main

var client = &http.Client{Timeout: 5 * time.Second}

func main() {
	bare := http.Client{}
	resp, err := client.Do(req).Body.Close()
	names := []string{"a", "b"}
	go func() { worker(ctx) }()
	v := Map[string, int](m)
	cfg := pkg.Config[int]{Name: "n", 42}
}

func (s *Server) Serve() {
	s.handler.ServeHTTP(w, r)
}
`;
  const m = model(src);

  it('keeps callee text, splits receiver and name, names the enclosing function', () => {
    expect(m.calls.map((c) => [c.callee, c.receiver, c.name, c.enclosing])).toEqual([
      ['http.Client', 'http', 'Client', null],
      ['http.Client', 'http', 'Client', 'main'],
      ['client.Do(req).Body.Close', 'client.Do(req).Body', 'Close', 'main'],
      ['client.Do', 'client', 'Do', 'main'],
      ['func() { worker(ctx) }', null, 'func() { worker(ctx) }', 'main'],
      ['worker', null, 'worker', 'main'],
      ['Map[string, int]', null, 'Map', 'main'],
      ['pkg.Config[int]', 'pkg', 'Config', 'main'],
      ['s.handler.ServeHTTP', 's.handler', 'ServeHTTP', 'Server.Serve'],
    ]);
  });

  it('exposes composite literal fields as keyword arguments', () => {
    expect(m.calls[0]!.args).toEqual([{ keyword: 'Timeout', text: '5 * time.Second' }]);
    expect(m.calls[0]!.range).toEqual({ line: 3, column: 15, endLine: 3, endColumn: 52 });
    expect(m.calls[1]!.args).toEqual([]);
    expect(m.calls.find((c) => c.callee === 'pkg.Config[int]')!.args).toEqual([
      { keyword: 'Name', text: '"n"' },
      { keyword: null, text: '42' },
    ]);
    expect(m.calls.find((c) => c.callee === 's.handler.ServeHTTP')!.args).toEqual([
      { keyword: null, text: 'w' },
      { keyword: null, text: 'r' },
    ]);
  });

  it('does not treat slice or map literals or plain conversions as calls', () => {
    expect(m.calls.some((c) => c.callee.startsWith('[]'))).toBe(false);
    expect(model('package p\n\nvar b = []byte(s)\n').calls).toEqual([]);
    expect(model('package p\n\nvar v = Map[string, int](m)\n').calls[0]!.args).toEqual([{ keyword: null, text: 'm' }]);
  });

  it('lists assignments: var with value, :=, = and op=', () => {
    const a = model(`package p

var top = newThing()
var declared int

func f() {
	var local = 3
	x, err := load()
	cfg.Timeout = 30
	n += 2
}
`).assignments;
    expect(a.map((x) => [x.target, x.value, x.range.line, x.enclosing])).toEqual([
      ['top', 'newThing()', 3, null],
      ['local', '3', 7, 'f'],
      ['x, err', 'load()', 8, 'f'],
      ['cfg.Timeout', '30', 9, 'f'],
      ['n', '2', 10, 'f'],
    ]);
  });
});

describe('comments and strings', () => {
  const m = model('package p\n\n/* block\n   comment */\nvar s = "a\\tb" + `raw\nline` // line comment\nvar r = \'x\'\n');

  it('removes comment markers', () => {
    expect(m.comments.map((c) => [c.kind, c.text, c.range.line])).toEqual([
      ['block', 'block\n   comment', 3],
      ['line', 'line comment', 6],
    ]);
  });

  it('keeps interpreted and raw string values as written, without quotes; runes are not strings', () => {
    expect(m.strings.map((s) => s.value)).toEqual(['a\\tb', 'raw\nline']);
    expect(m.strings[1]!.range).toEqual({ line: 5, column: 18, endLine: 6, endColumn: 6 });
  });
});

describe('syntax errors', () => {
  it('accepts a file without final newline that ends in a type or var declaration', () => {
    for (const src of [
      'package p\n\ntype T struct{}',
      'package p\n\ntype I interface {\n\tM()\n}',
      'package p\n\nvar x = 1',
      'package p\n\ntype T int // trailing comment',
    ]) {
      expect(model(src).syntaxErrors, src).toEqual([]);
    }
  });

  it('reports a missing closing brace', () => {
    expect(model('package p\n\nfunc f() {\n\tif x {\n}\n').syntaxErrors).toEqual([
      { message: 'syntax error: missing }', range: { line: 6, column: 1, endLine: 6, endColumn: 1 } },
    ]);
  });

  it('reports an unexpected token once per broken region', () => {
    const m = model('package p\n\nfunc f() {\n\tx := 1 y := 2\n}\n\nvar a = [1, 2]\n');
    expect(m.syntaxErrors.map((e) => [e.message, e.range.line])).toEqual([
      ['syntax error: unexpected ":="', 4],
      ['syntax error: unexpected "var a = [1, 2]"', 7],
    ]);
  });

  it('reports two declarations on one line without a separator', () => {
    expect(model('package p\n\ntype A int type B int\n').syntaxErrors.map((e) => [e.message, e.range.line, e.range.column])).toEqual([
      ["syntax error: missing ';' or newline", 3, 11],
    ]);
  });

  it('reports imports after other declarations, which tree-sitter accepts', () => {
    expect(model('package p\n\nvar x = 1\n\nimport "fmt"\n').syntaxErrors.map((e) => [e.message, e.range.line])).toEqual([
      ['syntax error: imports must appear before other declarations', 5],
    ]);
    expect(model('package p\n\nimport "fmt"\nimport "os"\n\nvar x = 1\n').syntaxErrors).toEqual([]);
  });
});

describe('robustness', () => {
  it('is deterministic and sorted by position', () => {
    const src = 'package p\n\nfunc f() {\n\tg(h(1), "s") // c\n\tk := T{A: 1}\n}\n';
    const a = model(src);
    expect(model(src)).toEqual(a);
    for (const list of [a.symbols, a.calls, a.strings, a.comments, a.assignments]) {
      const keys = list.map((x) => x.range.line * 1000 + x.range.column);
      expect(keys).toEqual([...keys].sort((x, y) => x - y));
    }
  });

  it('survives very deep nesting', () => {
    const depth = 2000;
    const m = model(`package p\n\nvar x = ${'f('.repeat(depth)}1${')'.repeat(depth)}\n`);
    expect(m.calls).toHaveLength(depth);
    expect(m.lineCount).toBe(3);
    expect(m.language).toBe('go');
  });
});
