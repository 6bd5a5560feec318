/**
 * build-error/python-format-string: the str.format scan against CPython
 * itself (every template is formatted by python3, when it is on the machine,
 * and the scan must name the same error or none), then the rule on code
 * written for these tests: templates that always fail, and look-alikes that
 * must stay quiet.
 */
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { analyzeInMemory } from '../../../src/rules/engine.js';
import { formatString, RULE_FORMAT_STRING } from '../../../src/rules/builtin/python/format-string.js';
import { formatFailure } from '../../../src/rules/builtin/python/str-format.js';

/** [template, positional argument count, keyword names] */
type Case = [string, number, string[]];

const TEMPLATES: Case[] = [
  ['plain text', 0, []],
  ['{}', 1, []],
  ['{} {}', 1, []],
  ['{0} {1}', 2, []],
  ['{0} {}', 2, []],
  ['{} {0}', 2, []],
  ['{name}', 0, ['name']],
  ['{name}', 0, []],
  ['{name!r:>10}', 0, ['name']],
  ['{name!x}', 0, ['name']],
  ['{name!}', 0, ['name']],
  ['{name!r', 0, ['name']],
  ['{name!rs}', 0, ['name']],
  ['{a[0]} {a.b} {a[key].c}', 0, ['a']],
  ['{a[}', 0, ['a']],
  ['{a[0]x}', 0, ['a']],
  ['{a.}', 0, ['a']],
  ['{a[]}', 0, ['a']],
  ['{a..b}', 0, ['a']],
  ['{:{w}}', 1, ['w']],
  ['{:{}}', 2, []],
  ['{:{w:{x}}}', 1, ['w', 'x']],
  ['{0:{1}}', 2, []],
  ['{{ literal }}', 0, []],
  ['{{{a}}}', 0, ['a']],
  ['{{ var }} and {a}', 0, ['a']],
  ['td { padding: 0 }', 0, []],
  ['td {{ padding: 0 }}', 0, []],
  ['{"key": "{}"}', 1, []],
  ['{ }', 0, []],
  ['{\n  "a": 1\n}', 0, []],
  ['single {', 0, []],
  ['single }', 0, []],
  ['} first', 0, []],
  ['{a{b}', 0, ['a', 'b']],
  ['{a:{b}', 0, ['a', 'b']],
  ['{a:x}y}', 0, ['a']],
  ['{10}', 3, []],
  ['{२}', 3, []],
  ['{-1}', 1, []],
  ['{0x}', 1, ['0x']],
  ['function f() { return 1; }', 0, []],
  ['{a!r:{b!s}}', 0, ['a', 'b']],
  ['{:}', 1, []],
  ['{!r}', 1, []],
  ['{.real}', 1, []],
  ['{[0]}', 1, []],
  ['{0[0]}', 0, []],
];

/** Python 3's answer for each case: null, or [exception name, message]; null when python3 is absent. */
function pythonAnswers(cases: Case[]): ([string, string] | null)[] | null {
  const script = `
import json, sys
class S(str):
    def __format__(self, spec): return ''
class Any:
    def __getattr__(self, n): return self
    def __getitem__(self, k): return self
    def __format__(self, spec): return ''
    def __repr__(self): return S('A')
    def __str__(self): return S('A')
out = []
for t, npos, kws in json.load(sys.stdin):
    try:
        t.format(*[Any()] * npos, **{k: Any() for k in kws})
        out.append(None)
    except (KeyError, IndexError, ValueError) as e:
        out.append([type(e).__name__, repr(e.args[0]) if isinstance(e, KeyError) else str(e)])
json.dump(out, sys.stdout)
`;
  const r = spawnSync('python3', ['-c', script], { input: JSON.stringify(cases), encoding: 'utf8' });
  if (r.error || r.status !== 0) return null;
  return JSON.parse(r.stdout) as ([string, string] | null)[];
}

/** Small deterministic generator: templates mixing braces, field syntax and words. */
function generated(n: number): Case[] {
  const alphabet = ['{', '}', '{', '}', '[', ']', '!', ':', '.', 'a', 'b', '0', '1', ' ', 'r', 'x', '{{', '}}', '-', '\n'];
  let seed = 20240611;
  const next = () => {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    return seed / 0x7fffffff;
  };
  const out: Case[] = [];
  for (let i = 0; i < n; i++) {
    let t = '';
    const len = 1 + Math.floor(next() * 9);
    for (let k = 0; k < len; k++) t += alphabet[Math.floor(next() * alphabet.length)];
    out.push([t, Math.floor(next() * 3), ['a', 'b', ' ', 'a-'].filter(() => next() < 0.4)]);
  }
  return out;
}

describe('the str.format scan agrees with CPython', () => {
  const cases = [...TEMPLATES, ...generated(3000)];
  const answers = pythonAnswers(cases);
  it.skipIf(answers === null)('names the error python3 raises, or none', () => {
    const wrong: string[] = [];
    cases.forEach(([t, positional, kws], i) => {
      const f = formatFailure(t, { positional, keywords: new Set(kws) });
      const got = f ? [f.error, f.message] : null;
      if (JSON.stringify(got) !== JSON.stringify(answers![i])) wrong.push(`${JSON.stringify(t)} ${positional} ${kws}: python ${JSON.stringify(answers![i])}, scan ${JSON.stringify(got)}`);
    });
    expect(wrong).toEqual([]);
  });

  it('reports nothing the arguments may supply', () => {
    expect(formatFailure('{name} {0}', { positional: null, keywords: null })).toBeNull();
    expect(formatFailure('{name} {0}', { positional: null, keywords: new Set(['name']) })).toBeNull();
    expect(formatFailure('{name} {0}', { positional: 1, keywords: null })).toBeNull();
    // What never depends on the arguments is still an error.
    expect(formatFailure('{name!x}', { positional: null, keywords: null })?.message).toBe('Unknown conversion specifier x');
    expect(formatFailure('body { margin: 0', { positional: null, keywords: null })?.message).toBe("unmatched '{' in format spec");
  });

  it('points at the brace that opens the failing field', () => {
    const f = formatFailure('<p>{title}</p>\n<style>a { color: red }</style>', { positional: 0, keywords: new Set(['title']) });
    expect(f?.error).toBe('KeyError');
    expect(f?.key).toBe(' color');
    expect(f?.at).toBe('<p>{title}</p>\n<style>a '.length);
  });
});

async function findings(files: Record<string, string>) {
  const { findings } = await analyzeInMemory(files, { rules: [formatString] });
  return findings.filter((f) => f.ruleId === RULE_FORMAT_STRING);
}

describe(RULE_FORMAT_STRING, () => {
  it('flags a stylesheet template filled with format, at the call, naming the brace line', async () => {
    const src = [
      'def page(title, rows):',
      '    layout = """',
      '<html><head><style>',
      '  .grid { display: grid; }',
      '</style></head>',
      '<body><h1>{title}</h1>{rows}</body></html>',
      '"""',
      '    html = layout.format(',
      '        title=title,',
      '        rows=rows,',
      '    )',
      '    return html',
      '',
    ].join('\n');
    const fs = await findings({ 'site/render.py': src });
    expect(fs).toHaveLength(1);
    expect(fs[0]!.line).toBe(8);
    expect(fs[0]!.message).toContain("KeyError: ' display'");
    expect(fs[0]!.message).toContain('line 4');
    expect(fs[0]!.message).toContain('{{ and }}');
    expect(fs[0]!.related?.[0]?.line).toBe(4);
  });

  it('flags missing keywords, missing positionals, mixed numbering and bad conversions', async () => {
    const src = [
      'GREETING = "Hello {first} {last}"',
      '',
      'class Labels:',
      '    ROW = "{0}: {1}"',
      '',
      'def greet(p):',
      '    return GREETING.format(first=p.first)',
      '',
      'def row(k):',
      '    return Labels.ROW.format(k)',
      '',
      'def both(a, b):',
      '    return "{} and {1}".format(a, b)',
      '',
      'def conv(a):',
      '    return "{a!q}".format(a=a)',
      '',
      'def escaped(a):',
      '    return "\\{a\\}".format(a=a)',
      '',
    ].join('\n');
    const fs = await findings({ 'lib/text.py': src });
    expect(fs.map((f) => f.line)).toEqual([7, 10, 13, 16, 19]);
    expect(fs[0]!.message).toContain("KeyError: 'last'");
    expect(fs[1]!.message).toContain('IndexError: Replacement index 1 out of range');
    expect(fs[2]!.message).toContain('cannot switch from automatic field numbering to manual field specification');
    expect(fs[3]!.message).toContain('Unknown conversion specifier q');
    // "\{" is not an escape: the backslash stays, and the field is named 'a\'.
    expect(fs[4]!.message).toContain("KeyError: 'a\\\\'");
  });

  it('flags in test code too: a helper that builds a report is code that runs', async () => {
    const fs = await findings({ 'tests/report_builder.py': 'def summary(n):\n    return "{ total: {n} }".format(n=n)\n' });
    expect(fs).toHaveLength(1);
  });

  it('stays quiet on look-alikes', async () => {
    const src = [
      'import logging',
      'import pytest',
      'from string import Template',
      '',
      'CSS = "a {{ color: red }}"',
      'JINJA = "{{ user.name }} {{ x }}"',
      'NAMED = "{who} {what}"',
      '',
      'def ok(user, values, template, *args, **kwargs):',
      '    a = CSS.format()',
      '    b = JINJA.format()',
      '    c = "{0} {1} {0}".format(1, 2)',
      '    d = "{name!r:>10} {a[0]} {a.b} {a[k].c}".format(name=user, a=values)',
      '    e = "%s { %d" % (1, 2)',
      '    f = f"{user} {{literal}}"',
      '    g = template.format(x=1)',
      '    h = "{missing}".format_map(values)',
      '    i = NAMED.format(**kwargs)',
      '    j = "{} {} {}".format(*args)',
      '    k = b"{x}"',
      '    m = Template("$who").substitute(who=user)',
      '    n = "{:{width}.{precision}}".format(3.14159, width=10, precision=3)',
      '    logging.info("{x} %s", user)',
      '    return a, b, c, d, e, f, g, h, i, j, k, m, n',
      '',
      'def rebound(flag):',
      '    t = "{a}"',
      '    if flag:',
      '        t = "{b}"',
      '    return t.format(b=1)',
      '',
      'def param(t="{a} {b}"):',
      '    return t.format(a=1)',
      '',
      'def loop(items):',
      '    return [t.format(a=1) for t in items]',
      '',
      'def shadow():',
      '    NAMED = "{only}"',
      '    return NAMED.format(only=1)',
      '',
      'class Base:',
      '    TEMPLATE = "{value}"',
      '    def show(self):',
      '        return self.TEMPLATE.format(other=1)',
      '',
      'def expected_failures():',
      '    with pytest.raises(KeyError):',
      '        "{nope}".format()',
      '    try:',
      '        "{".format()',
      '    except (ValueError, KeyError):',
      '        pass',
      '',
    ].join('\n');
    expect(await findings({ 'app/views.py': src })).toEqual([]);
  });

  it('stays quiet on module templates that other code may rebind', async () => {
    const star = 'from defaults import *\nMSG = "{a}"\n\ndef f():\n    return MSG.format(b=1)\n';
    const globalWrite = 'MSG = "{a}"\n\ndef set_msg():\n    global MSG\n    MSG = "{b}"\n\ndef f():\n    return MSG.format(b=1)\n';
    const attrWrite = 'class K:\n    MSG = "{a}"\n\nK.MSG = "{b}"\n\ndef f():\n    return K.MSG.format(b=1)\n';
    expect(await findings({ 'a.py': star, 'b.py': globalWrite, 'c.py': attrWrite })).toEqual([]);
  });
});
