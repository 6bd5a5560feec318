/**
 * Suppressions are counted, never silent: inline `claimcheck-ignore[rule]
 * reason` comments and config `ignore` entries are listed with what they
 * suppressed, and one that suppresses nothing is reported as stale.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import Ajv from 'ajv';
import { afterEach, describe, expect, it } from 'vitest';
import { runAudit } from '../../src/audit/pipeline.js';
import { renderJson } from '../../src/report/json.js';
import { renderText } from '../../src/report/text.js';
import { renderHtml } from '../../src/report/html.js';
import { renderMarkdown } from '../../src/report/markdown.js';
import { parseSource } from '../../src/lang/parse.js';
import { findDirectives, parseDirective } from '../../src/rules/suppress.js';
import { ConfigError, loadConfig } from '../../src/repo/config.js';
import { cleanup, makeTree } from '../helpers/tmp.js';

const validate = new Ajv({ allErrors: true, strict: false }).compile(JSON.parse(readFileSync(resolve('schema/report.schema.json'), 'utf8')));

const dirs: string[] = [];
afterEach(() => {
  while (dirs.length) cleanup(dirs.pop()!);
});

async function audit(files: Record<string, string>) {
  const dir = makeTree(files);
  dirs.push(dir);
  return (await runAudit({ repo: dir, jobs: 1 })).report;
}

describe('the inline directive', () => {
  it('reads the rule list and the reason', () => {
    expect(parseDirective('# claimcheck-ignore[missing-timeout/python-requests] the proxy times out at 10 s')).toEqual({
      rules: ['missing-timeout/python-requests'],
      reason: 'the proxy times out at 10 s',
    });
    expect(parseDirective('// claimcheck-ignore[placeholder, build-error]: generated code */')).toEqual({ rules: ['placeholder', 'build-error'], reason: 'generated code' });
    expect(parseDirective('<!-- claimcheck-ignore -->')).toEqual({ rules: [], reason: null });
    expect(parseDirective('#claimcheck-ignore')).toEqual({ rules: [], reason: null });
    // Mentions of the syntax are not directives.
    expect(parseDirective('# use `claimcheck-ignore` to silence a finding')).toBeNull();
    expect(parseDirective('# the "claimcheck-ignore" comment')).toBeNull();
    expect(parseDirective('# claimcheck-ignored by nobody')).toBeNull();
  });

  it('counts only in comments: not in strings or docstrings', () => {
    const py = [
      'def f():',
      '    """Add claimcheck-ignore[placeholder] to silence."""',
      '    s = "# claimcheck-ignore[placeholder] in a string"',
      '    return s  # claimcheck-ignore[placeholder] a real one',
      '',
    ].join('\n');
    const model = parseSource('a.py', py, 'python').model;
    expect(findDirectives('a.py', py.split('\n'), model)).toEqual([{ path: 'a.py', line: 4, rules: ['placeholder'], reason: 'a real one' }]);

    const go = ['package main', '', '// claimcheck-ignore[missing-timeout] internal network only', 'var x = `claimcheck-ignore in a raw string`', ''].join('\n');
    const goModel = parseSource('main.go', go, 'go').model;
    expect(findDirectives('main.go', go.split('\n'), goModel).map((d) => [d.line, d.rules, d.reason])).toEqual([[3, ['missing-timeout'], 'internal network only']]);

    // Without a model (a file no parser reads), the directive has to follow a comment marker.
    const yaml = ['image: app:latest  # claimcheck-ignore[build-error] pinned elsewhere', 'note: "claimcheck-ignore is documented"', ''];
    expect(findDirectives('deploy.yaml', yaml, null).map((d) => d.line)).toEqual([1]);
  });
});

const BILLING = [
  'import requests',
  '',
  '',
  'def charge(order):',
  '    # TODO: retry declined cards',
  '    r = requests.post("https://pay.example/charge", json=order)  # claimcheck-ignore[missing-timeout] the gateway enforces 5 s',
  '    return r',
  '',
  '',
  'def refund(order):',
  '    # claimcheck-ignore[placeholder/stub-body] kept for the refund rewrite',
  '    return requests.post("https://pay.example/refund", json=order)',
  '',
].join('\n');

describe('suppressed findings in the report', () => {
  it('lists inline suppressions with their findings and reports the stale one', async () => {
    const report = await audit({ 'pay/billing.py': BILLING });
    // The TODO and the refund call stay findings: nothing covers them.
    expect(report.findings.map((f) => `${f.ruleId}:${f.line}`)).toEqual(['placeholder/todo-comment:5', 'missing-timeout/python-requests:12']);
    expect(report.suppressed!.map((f) => `${f.ruleId}:${f.line} by ${f.suppressedBy.path}:${f.suppressedBy.line}`)).toEqual([
      'missing-timeout/python-requests:6 by pay/billing.py:6',
    ]);
    expect(report.suppressions).toEqual([
      { kind: 'inline', path: 'pay/billing.py', line: 6, entry: null, rules: ['missing-timeout'], paths: [], reason: 'the gateway enforces 5 s', findings: 1, files: null, stale: false },
      { kind: 'inline', path: 'pay/billing.py', line: 11, entry: null, rules: ['placeholder/stub-body'], paths: [], reason: 'kept for the refund rewrite', findings: 0, files: null, stale: true },
    ]);
    expect(report.summary.suppressed).toEqual({ findings: 1, files: 0, stale: 1 });
    expect(report.summary.findings.warning).toBe(2);
    expect(validate(JSON.parse(renderJson(report)))).toBe(true);

    const text = renderText(report, { color: false });
    expect(text).toMatch(/^suppressed: 1 finding\(s\) by 2 inline comment\(s\); 1 stale \(suppress nothing\)$/m);
    expect(text).toMatch(/^ {2}stale: pay\/billing\.py:11 placeholder\/stub-body$/m);

    const html = renderHtml(report);
    expect(html).toMatch(/<h2 id="suppressed-h">Suppressed <span class="n">1<\/span> <span class="chip stale">1 stale<\/span><\/h2>/);
    expect(html).toContain('the gateway enforces 5 s');
    expect(html).toContain('<code class="path">pay/billing.py:11</code>');

    expect(renderMarkdown(report)).toContain('Suppressed: 1 findings by 2 suppressions, **1 stale** (suppress nothing); listed in the JSON and HTML reports.');
  });

  it('applies config ignore entries by rule and path, counts files kept out by globs, and names what matches nothing', async () => {
    const report = await audit({
      'pay/billing.py': BILLING,
      'vendor/lib/client.py': 'import requests\nrequests.get("https://x.example")\n',
      '.claimcheck.yml': [
        'ignore:',
        '  - "vendor/**"',
        '  - "generated/**"',
        '  - { rule: placeholder/todo-comment, path: "pay/**", reason: tracked in PAY-12 }',
        '  - { rule: missing-timeout, path: ["jobs/**", "cron/**"] }',
        '  - { rule: missing-timeouts }',
        '',
      ].join('\n'),
    });
    expect(report.findings.map((f) => `${f.ruleId}:${f.line}`)).toEqual(['missing-timeout/python-requests:12']);
    expect(report.suppressed!.map((f) => `${f.ruleId}:${f.line} ${f.suppressedBy.kind}#${f.suppressedBy.entry ?? f.suppressedBy.line}`)).toEqual([
      'placeholder/todo-comment:5 config#2',
      'missing-timeout/python-requests:6 inline#6',
    ]);
    const config = report.suppressions!.filter((s) => s.kind === 'config');
    expect(config.map((s) => ({ entry: s.entry, findings: s.findings, files: s.files, stale: s.stale, note: s.note }))).toEqual([
      { entry: 0, findings: 0, files: 1, stale: false, note: undefined },
      { entry: 1, findings: 0, files: 0, stale: true, note: undefined },
      { entry: 2, findings: 1, files: null, stale: false, note: undefined },
      { entry: 3, findings: 0, files: null, stale: true, note: undefined },
      { entry: 4, findings: 0, files: null, stale: true, note: "no rule or category is named 'missing-timeouts'" },
    ]);
    expect(config[2]).toMatchObject({ path: '.claimcheck.yml', rules: ['placeholder/todo-comment'], paths: ['pay/**'], reason: 'tracked in PAY-12' });
    expect(report.summary.suppressed).toEqual({ findings: 2, files: 1, stale: 4 });
    expect(validate(JSON.parse(renderJson(report)))).toBe(true);
    expect(renderText(report, { color: false })).toMatch(/^suppressed: 2 finding\(s\), 1 file\(s\) not analysed by 2 inline comment\(s\), 5 config entries; 4 stale/m);
  });

  it('a report without any suppression prints no suppression line', async () => {
    const report = await audit({ 'pay/billing.py': 'def total(xs):\n    return sum(xs)\n' });
    expect(report.suppressions).toEqual([]);
    expect(report.summary.suppressed).toEqual({ findings: 0, files: 0, stale: 0 });
    expect(renderText(report, { color: false })).not.toMatch(/suppressed/);
    expect(renderHtml(report)).not.toContain('id="suppressed"');
    expect(renderMarkdown(report)).not.toContain('Suppressed:');
  });
});

describe('config ignore entries', () => {
  it('name the wrong key of an entry', () => {
    const dir = makeTree({ '.claimcheck.yml': 'ignore:\n  - { rule: placeholder, paths: "a/**" }\n' });
    dirs.push(dir);
    expect(() => loadConfig(dir)).toThrow(ConfigError);
    expect(() => loadConfig(dir)).toThrow(/invalid config at ignore\.0: .*'paths'/);
  });
  it('need a rule or a path', () => {
    const dir = makeTree({ '.claimcheck.yml': 'ignore:\n  - { reason: because }\n' });
    dirs.push(dir);
    expect(() => loadConfig(dir)).toThrow(/ignore\.0: an ignore entry needs a rule, a path, or both/);
  });
});
