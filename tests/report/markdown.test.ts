import { readFileSync } from 'node:fs';
import { unified } from 'unified';
import remarkParse from 'remark-parse';
import remarkGfm from 'remark-gfm';
import type { Nodes, Parent, Root } from 'mdast';
import { describe, expect, it } from 'vitest';
import { COMMENT_MARKER, GITHUB_COMMENT_LIMIT, mdCode, mdFence, mdText, renderMarkdown } from '../../src/report/markdown.js';
import type { AuditReport } from '../../src/report/model.js';
import { statementVerdicts, verdictCounts } from '../../src/claims/statements.js';
import type { CheckedClaim } from '../../src/claims/types.js';
import { hostileReport, HOSTILE_EXCERPT } from './fixtures/hostile.js';

const fixture = (): AuditReport => JSON.parse(readFileSync(new URL('./fixtures/report.json', import.meta.url), 'utf8'));
const parse = (md: string): Root => unified().use(remarkParse).use(remarkGfm).parse(md) as Root;

/** Visits every node with its parent (the tree is small; no library needed). */
function visit(node: Nodes, fn: (node: Nodes, parent: Parent | null) => void, parent: Parent | null = null): void {
  fn(node, parent);
  if ('children' in node) for (const child of node.children) visit(child as Nodes, fn, node);
}

/** HTML the renderer itself writes; anything else in the HTML nodes came from the data. */
const OWN_HTML = /^(<!-- claimcheck:report -->|<details><summary>[^<>]*<\/summary>|<\/details>|<sub>|<\/sub>)$/;

function inspect(md: string) {
  const tree = parse(md);
  const text: string[] = [];
  const html: string[] = [];
  const links: string[] = [];
  const code: string[] = [];
  const inlineCode: string[] = [];
  visit(tree, (node) => {
    if (node.type === 'text') text.push(node.value);
    else if (node.type === 'html') html.push(node.value);
    else if (node.type === 'link' || node.type === 'image' || node.type === 'linkReference' || node.type === 'imageReference' || node.type === 'definition') links.push(node.type);
    else if (node.type === 'code') code.push(node.value);
    else if (node.type === 'inlineCode') inlineCode.push(node.value);
  });
  return { tree, text: text.join('\n'), html, links, code, inlineCode };
}

describe('renderMarkdown on the fixture report', () => {
  const changed = new Map([
    ['netbox_hedgehog/jobs/fabric_sync.py', new Set([57, 88, 142])],
    ['web/src/api.ts', new Set([31])],
  ]);
  const md = renderMarkdown(fixture(), { fullReportPath: 'claimcheck-out/claimcheck-report.html', changedLines: changed });

  it('starts with the hidden marker and a header of verdict counts', () => {
    expect(md.startsWith(COMMENT_MARKER + '\n')).toBe(true);
    expect(md).toContain('## claimcheck: 7 contradicted · 5 unverifiable · 4 verified');
    expect(md).toContain('Trust score: **36/100**');
  });

  it('puts the contradicted report lines first, with their evidence, then findings, then the rest folded', () => {
    const contradicted = md.indexOf('### ✗ Contradicted report lines (7)');
    const findings = md.indexOf('### Findings on changed lines (4)');
    const unverifiable = md.indexOf('<details><summary>? Unverifiable claims (5)</summary>');
    const verified = md.indexOf('<details><summary>✓ Verified claims (4)</summary>');
    const skipped = md.indexOf('<details><summary>Not analysed (4)</summary>');
    expect(contradicted).toBeGreaterThan(0);
    expect([contradicted, findings, unverifiable, verified, skipped]).toEqual(
      [contradicted, findings, unverifiable, verified, skipped].sort((a, b) => a - b),
    );
    expect(md.match(/^#### ✗ /gm)).toHaveLength(7);
    expect(md).toContain('**Found** (`symbol-count`): claimed 5 classes, found 4');
    expect(md).toContain('```python\n    def _fetch_crds(self, url: str) -> list[dict]:');
  });

  it('gives each contradicted line once: its text, the claims that sink it, then what else it claims', () => {
    expect(md).toContain('Report lines that make claims: **15** (7 contradicted · 5 unverifiable · 3 verified;');
    const block = /#### ✗ `docs\/reports\/SYNC_FIX_REPORT\.md:37`\n\n([\s\S]*?)(?=\n#### |\n### )/.exec(md)![1]!;
    expect(block.startsWith('> gitops\\_onboarding\\_service.py: 663 lines, 25 methods, 5 classes\n')).toBe(true);
    expect(block.match(/^\*\*Found\*\* /gm)).toHaveLength(2);
    expect(block).toContain('Also on this line:\n\n- ✓ `symbol-count`: ');
    // Lines in report order, the report's file first by path.
    const order = [...md.matchAll(/^#### ✗ `([^`]+)`/gm)].map((m) => m[1]);
    expect(order).toEqual([
      'docs/reports/FINAL_STATUS.md:3',
      'docs/reports/FINAL_STATUS.md:27',
      'docs/reports/FINAL_STATUS.md:52',
      'docs/reports/FINAL_STATUS.md:61',
      'docs/reports/SYNC_FIX_REPORT.md:37',
      'docs/reports/SYNC_FIX_REPORT.md:64',
      'docs/reports/SYNC_FIX_REPORT.md:88',
    ]);
  });

  it('keeps contradicted claims that are on no statement (a report saved before statements) in blocks of their own', () => {
    const legacy = { ...fixture(), statements: [] };
    const out = renderMarkdown(legacy, {});
    expect(out).not.toContain('Contradicted report lines');
    expect(out).toContain('### ✗ Contradicted claims (7)');
  });

  it('lists only findings that touch changed lines when they are given', () => {
    const { tree } = inspect(md);
    const rules: string[] = [];
    visit(tree, (node, parent) => {
      if (node.type !== 'strong') return;
      if (parent?.type === 'paragraph' && ['Error', 'Warning', 'Info'].includes((node.children[0] as { value: string }).value)) {
        const ruleCode = parent.children.find((c) => c.type === 'inlineCode');
        if (ruleCode && ruleCode.type === 'inlineCode') rules.push(ruleCode.value);
      }
    });
    expect(rules).toEqual(['placeholder/todo-comment', 'method-mismatch/missing-method', 'missing-timeout/python-requests', 'build-error/ts-diagnostic']);
    expect(md).toContain('7 findings are outside the changed lines and not listed here; see `claimcheck-out/claimcheck-report.html`.');
  });

  it('lists every finding without changed lines', () => {
    const all = renderMarkdown(fixture(), {});
    expect(all).toContain('### Findings (11)');
    expect(all.match(/^\*\*(Error|Warning|Info)\*\* /gm)).toHaveLength(11);
    expect(all).not.toContain('outside the changed lines');
  });

  it('turns backtick spans of the claim text into code spans', () => {
    const { inlineCode } = inspect(md);
    expect(inlineCode).toContain('/home/kp/repos/novacron/tests/chaos/network_partition_test.go');
  });

  it('is deterministic and well-formed: balanced details, only its own HTML', () => {
    expect(renderMarkdown(fixture(), { fullReportPath: 'claimcheck-out/claimcheck-report.html', changedLines: changed })).toBe(md);
    const { html, links } = inspect(md);
    expect(html.every((h) => OWN_HTML.test(h))).toBe(true);
    expect(links).toEqual([]);
    expect(md.match(/<details>/g)?.length).toBe(md.match(/<\/details>/g)?.length);
  });
});

describe('neutralising untrusted text', () => {
  const md = renderMarkdown(hostileReport(), { fullReportPath: 'out/report.html' });
  const { text, html, links, code } = inspect(md);

  it('lets no HTML from the data through', () => {
    expect(html.filter((h) => !OWN_HTML.test(h))).toEqual([]);
    expect(text).toContain('<script>window.__pwned=1</script>');
  });

  it('makes no link, image or autolink out of the data', () => {
    expect(links).toEqual([]);
    expect(text).toContain('[click me](javascript:window.__pwned=5)');
    expect(text).toContain('](javascript:x)');
  });

  it('mentions nobody and references no issue', () => {
    expect(text).not.toMatch(/@[A-Za-z0-9]/);
    expect(text).not.toMatch(/#\d/);
    expect(text).not.toMatch(/\bGH-\d/i);
    expect(text).toContain('thanks @\u200Doctocat');
    expect(text).toContain('fixes #\u200D12');
  });

  it('keeps code excerpts whole inside a fence longer than any backtick run in them', () => {
    const excerpt = code.find((c) => c.includes('window.__pwned=9'));
    expect(excerpt).toBeDefined();
    expect(excerpt!.split('\n')).toEqual([
      '```',
      '`````',
      '</code></pre><script>window.__pwned=9</script>',
      '</script><img src=x onerror="window.__pwned=10">',
      '{{constructor.constructor("window.__pwned=11")()}}',
      'if (user == "admin⟨U+202E⟩ ⟨U+2066⟩// check later⟨U+2069⟩ ⟨U+2066⟩") {',
      'L'.repeat(200) + '…',
      '@octocat fixes #12',
    ]);
    expect(md).toContain('``````python\n```\n`````\n');
  });

  it('shows bidi overrides and control characters instead of passing them on', () => {
    expect(md).not.toMatch(/[\u0000-\u0008\u000B-\u001F\u202A-\u202E\u2066-\u2069\u200B]/);
  });

  it('escapes the helpers’ inputs the same way on their own', () => {
    expect(mdText('- item @me #1 <b>x</b> *y*')).toBe('\\- item @\u200Dme \\#\u200D1 &lt;b&gt;x&lt;/b&gt; \\*y\\*');
    expect(mdText('see https://evil.example and www.evil.example')).toBe('see https:\u200D//evil.example and www\u200D.evil.example');
    expect(mdCode('a ``b`` c')).toBe('```a ``b`` c```');
    expect(mdCode('`x`')).toBe('`` `x` ``');
    expect(mdFence('x = 1\n````\n', 1, 'a.weird<ext>')).toBe('`````\nx = 1\n````\n`````\n');
    expect(HOSTILE_EXCERPT).toContain('`````');
  });
});

/** A report large enough that its comment must be cut. */
function hugeReport(n: number): AuditReport {
  const base = fixture();
  const template = base.claims.find((c) => c.verdict === 'contradicted' && c.evidence.some((e) => e.excerpt))!;
  const claims: CheckedClaim[] = [];
  for (let i = 0; i < n; i++) {
    const verdict = (['contradicted', 'unverifiable', 'verified'] as const)[i % 3];
    const source = { path: 'docs/BIG.md', line: i + 1 };
    claims.push({ ...structuredClone(template), id: `c-${i}`, verdict, source, sources: [source] });
  }
  const count = (v: string) => claims.filter((c) => c.verdict === v).length;
  const statements = statementVerdicts(claims, []);
  return {
    ...base,
    claims,
    statements,
    documents: [],
    summary: { ...base.summary, claims: { contradicted: count('contradicted'), unverifiable: count('unverifiable'), verified: count('verified') }, statements: verdictCounts(statements) },
  };
}

describe('the comment length limit', () => {
  it('cuts a huge report under the default limit with a note naming the full report', () => {
    const md = renderMarkdown(hugeReport(600), { fullReportPath: 'claimcheck-out/claimcheck-report.html' });
    expect(md.length).toBeLessThanOrEqual(65000);
    expect(md.startsWith(COMMENT_MARKER)).toBe(true);
    expect(md).toMatch(/This comment was cut to stay under GitHub's 65,536-character limit: \d+ more items are not shown\. The full report is `claimcheck-out\/claimcheck-report\.html`\./);
    // Cut between blocks: every fence that opens closes, every details closes.
    const { code } = inspect(md);
    expect(code.length).toBeGreaterThan(10);
    expect((md.match(/^```/gm) ?? []).length % 2).toBe(0);
    expect(md.match(/<details>/g)?.length ?? 0).toBe(md.match(/<\/details>/g)?.length ?? 0);
    const shown = (md.match(/^#### ✗ /gm) ?? []).length;
    const omitted = Number(/: (\d+) more items are not shown/.exec(md)![1]);
    expect(shown + omitted + 11 + 4).toBeGreaterThanOrEqual(600);
  });

  it('honours a smaller maxChars and never exceeds GitHub’s limit', () => {
    const small = renderMarkdown(hugeReport(600), { maxChars: 5000 });
    expect(small.length).toBeLessThanOrEqual(5000);
    expect(small).toContain('more items are not shown');
    const asked = renderMarkdown(hugeReport(2000), { maxChars: 1_000_000 });
    expect(asked.length).toBeLessThanOrEqual(GITHUB_COMMENT_LIMIT);
  });

  it('does not cut or add a note when everything fits', () => {
    const md = renderMarkdown(fixture(), {});
    expect(md).not.toContain('cut to stay under');
    expect(md.length).toBeLessThan(20000);
  });
});
