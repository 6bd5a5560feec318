import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CLAIMS_TABLE_MAX, renderHtml, scriptJson } from '../../src/report/html.js';
import { commitLink, parseForge, permalinker, revealInvisible, trustScore } from '../../src/report/present.js';
import type { AuditReport } from '../../src/report/model.js';
import { hostileReport, hostileRuleDocs, PAYLOADS } from './fixtures/hostile.js';

const fixture = (): AuditReport => JSON.parse(readFileSync(new URL('./fixtures/report.json', import.meta.url), 'utf8'));
const rules: { id: string; docs: { summary: string; why: string; fix: string } }[] = JSON.parse(
  readFileSync(new URL('./fixtures/rules.json', import.meta.url), 'utf8'),
);
const ruleDocs = Object.fromEntries(rules.map((r) => [r.id, r.docs]));
const SHA = '3f9c2a7d41b0e8c6a5d2f1e0b9a8c7d6e5f4a3b2';

/** The document without the embedded JSON, whose text is data, not markup. */
function markup(html: string): string {
  return html.replace(/(<script type="application\/json" id="report-data">)[\s\S]*?(<\/script>)/, '$1$2');
}

/** Text as the browser reads it back from escaped markup. */
function decode(text: string): string {
  return text
    .replace(/&#x([0-9a-f]+);/gi, (_, h) => String.fromCodePoint(parseInt(h, 16)))
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}

/** Every start tag in the document, by name. */
function tags(html: string, name: string): string[] {
  return html.match(new RegExp(`<${name}\\b[^>]*>`, 'gi')) ?? [];
}

describe('renderHtml on the fixture report', () => {
  const html = renderHtml(fixture(), { remoteUrl: 'git@github.com:githedgehog/hh-netbox.git', ruleDocs });

  it('is one self-contained document: no external resource of any kind', () => {
    expect(html.startsWith('<!doctype html>')).toBe(true);
    expect(tags(html, 'link')).toEqual([]);
    expect(tags(html, 'img')).toEqual([]);
    expect(tags(html, 'iframe')).toEqual([]);
    expect(html).not.toMatch(/\bsrc\s*=/i);
    expect(html).not.toMatch(/url\(\s*['"]?(?!data:)[a-z]+:/i);
    expect(html).not.toMatch(/@import/);
    // Two script elements only: the JSON data block and the inline behaviour.
    expect(tags(html, 'script')).toEqual(['<script type="application/json" id="report-data">', '<script>']);
  });

  it('allows exactly its own inline style and script through the CSP, by hash', () => {
    const csp = /<meta http-equiv="Content-Security-Policy" content="([^"]+)">/.exec(html)![1]!;
    const policy = decode(csp);
    const style = /<style>([\s\S]*?)<\/style>/.exec(html)![1]!;
    const script = /<script>([\s\S]*?)<\/script>/.exec(html)![1]!;
    const hash = (s: string) => `'sha256-${createHash('sha256').update(s).digest('base64')}'`;
    expect(policy).toContain("default-src 'none'");
    expect(policy).toContain(`style-src ${hash(style)}`);
    expect(policy).toContain(`script-src ${hash(script)}`);
    expect(policy).not.toContain('unsafe-inline');
  });

  it('lists contradicted claims first, then unverifiable, then verified', () => {
    const verdicts = [...html.matchAll(/<tr class="claim v-(\w+)"/g)].map((m) => m[1]);
    expect(verdicts).toHaveLength(16);
    expect(verdicts).toEqual([...Array(7).fill('contradicted'), ...Array(5).fill('unverifiable'), ...Array(4).fill('verified')]);
  });

  it('shows the summary counts, the chart, the trust score and its formula', () => {
    expect(html).toMatch(/Claims by verdict: 7 contradicted, 5 unverifiable, 4 verified/);
    expect(tags(html, 'rect').filter((t) => t.includes('class="bar bar-'))).toHaveLength(3);
    // 4 verified of 11 checkable.
    expect(trustScore(fixture()).score).toBe(36);
    expect(html).toContain('<strong>36</strong>');
    expect(decode(html)).toContain('trust = 100 × verified ÷ (verified + contradicted)');
    expect(html).toContain('11 of 16 claims could be checked either way.');
  });

  it('shows evidence with numbered excerpt lines and the measured value', () => {
    expect(html).toContain('claimed 5 classes, found 4');
    expect(html).toMatch(/data-n="596"><\/span><span class="t"><\/span>/);
    expect(html).toMatch(/data-n="598"><\/span><span class="t">        return f&quot;&lt;GitOpsOnboardingService/);
  });

  it('groups findings by category in the rule model order, then by file, with the rule docs', () => {
    const cats = [...html.matchAll(/<section class="cat" id="cat-([\w-]+)"/g)].map((m) => m[1]);
    expect(cats).toEqual(['placeholder', 'mock-in-production', 'method-mismatch', 'missing-timeout', 'build-error']);
    expect(html).toContain('Go&#x27;s default client has no deadline');
    expect(html).toContain('Pass signal: AbortSignal.timeout(ms).');
    const placeholderFiles = /id="cat-placeholder"[\s\S]*?<\/section>/.exec(html)![0].match(/<details class="file"/g);
    expect(placeholderFiles).toHaveLength(2);
  });

  it('links files to the audited commit on the forge', () => {
    expect(html).toContain(`href="https://github.com/githedgehog/hh-netbox/blob/${SHA}/netbox_hedgehog/jobs/fabric_sync.py#L86-L90"`);
    expect(html).toContain(`href="https://github.com/githedgehog/hh-netbox/commit/${SHA}"`);
  });

  it('keeps repo-relative paths without links when the remote is unknown', () => {
    const plain = renderHtml(fixture(), { remoteUrl: null, ruleDocs });
    expect(plain).not.toMatch(/href="https?:/);
    expect(plain).toContain('<code class="loc">netbox_hedgehog/jobs/fabric_sync.py:86-90</code>');
  });

  it('lists the claims documents for the line view worst first, the worst one open, with its line verdict counts', () => {
    const docs = tags(html, 'details').filter((t) => t.includes('class="rdoc"'));
    expect(docs).toEqual([
      '<details class="rdoc" data-doc="docs/reports/FINAL_STATUS.md" data-lines="63" data-statements="5" data-verdicts="4,0,1" open>',
      '<details class="rdoc" data-doc="docs/reports/SYNC_FIX_REPORT.md" data-lines="124" data-statements="10" data-verdicts="3,5,2">',
    ]);
    const sync = /data-doc="docs\/reports\/SYNC_FIX_REPORT\.md"[^>]*>\s*<summary>([\s\S]*?)<\/summary>/.exec(html)![1]!;
    expect([...sync.matchAll(/class="chip chip-(\w+)"[^>]*><span aria-hidden="true">.<\/span> (\d+)/g)].map((m) => `${m[1]} ${m[2]}`)).toEqual([
      'contradicted 3',
      'unverifiable 5',
      'verified 2',
    ]);
    expect(html).toContain('16 claims in total, made on 15 report lines: 7 contradicted, 5 unverifiable, 3 verified.');
    // The lines themselves are built in the browser from the embedded report, not carried twice.
    expect(html).not.toContain('class="ln');
  });

  it('keeps the claims table to the worst claims of a very large audit and says where the rest are', () => {
    const base = fixture();
    const many = Array.from({ length: CLAIMS_TABLE_MAX + 5 }, (_, i) => ({ ...base.claims[i % base.claims.length]!, id: `c-${String(i).padStart(12, '0')}` }));
    const page = renderHtml({ ...base, claims: many }, { ruleDocs });
    const rows = [...page.matchAll(/<tr class="claim v-(\w+)"/g)].map((m) => m[1]);
    expect(rows).toHaveLength(CLAIMS_TABLE_MAX);
    expect(rows[0]).toBe('contradicted');
    expect(rows.lastIndexOf('contradicted')).toBe(many.filter((c) => c.verdict === 'contradicted').length - 1);
    expect(page).toContain(`The table lists the first ${CLAIMS_TABLE_MAX} claims, worst first; 5 more are in the line view above`);
    expect(html).not.toContain('claims-left-out');
  });

  it('says so when a saved report has no document text', () => {
    const page = renderHtml({ ...fixture(), documents: [] }, { ruleDocs });
    expect(page).toContain('(text not in the report: claimed lines only)');
  });

  it('is deterministic', () => {
    expect(renderHtml(fixture(), { remoteUrl: 'git@github.com:githedgehog/hh-netbox.git', ruleDocs })).toBe(html);
  });

  it('embeds the report as JSON that parses back to the same object', () => {
    const json = /<script type="application\/json" id="report-data">([\s\S]*?)<\/script>/.exec(html)![1]!;
    expect(JSON.parse(json)).toEqual(fixture());
  });
});

describe('renderHtml on hostile input', () => {
  const report = hostileReport();
  const html = renderHtml(report, { remoteUrl: 'https://github.com/o/r', ruleDocs: hostileRuleDocs });

  it('adds no element and no attribute from the data', () => {
    const page = markup(html);
    expect(tags(page, 'script')).toHaveLength(2);
    for (const name of ['img', 'svg[^>]*onload', 'iframe', 'textarea', 'style[^>]*>body', 'a href="javascript']) {
      expect(page).not.toMatch(new RegExp(`<${name}`, 'i'));
    }
    expect(tags(page, 'svg')).toHaveLength(1);
    expect(tags(page, 'style')).toEqual(['<style>']);
    expect(page).not.toMatch(/\son[a-z]+\s*=/i);
    expect(page).not.toMatch(/href="(?!https:\/\/github\.com\/o\/r\/|#)/);
    // The payloads are there, as text.
    expect(decode(page)).toContain(PAYLOADS.img);
    expect(decode(page)).toContain(PAYLOADS.textarea);
  });

  it('does not let the embedded JSON end its script element or open a comment', () => {
    const open = '<script type="application/json" id="report-data">';
    const start = html.indexOf(open) + open.length;
    const json = html.slice(start, html.indexOf('</script>', start));
    expect(json).not.toMatch(/<\/?script|<!--/i);
    expect(JSON.parse(json)).toEqual(report);
    expect(scriptJson({ s: '</script><!--\u2028\u202E' })).toBe('{"s":"\\u003c/script\\u003e\\u003c!--\\u2028\\u202e"}');
  });

  it('prints handlebars syntax from the data as text', () => {
    expect(markup(html)).toContain('{{constructor.constructor(&quot;window.__pwned&#x3D;7&quot;)()}}');
  });

  it('shows bidi overrides and zero-width characters instead of obeying them', () => {
    expect(html).not.toMatch(/[\u202A-\u202E\u2066-\u2069\u200B]/);
    expect(html).toContain('invoice_⟨U+202E⟩gnp.exe');
    expect(revealInvisible('a\u202Eb\u0000c\td')).toBe('a⟨U+202E⟩b⟨U+0000⟩c\td');
  });

  it('folds very long text behind a disclosure', () => {
    expect(html).toContain('Show more (6000 characters in all)');
  });
});

describe('forge permalinks', () => {
  it('reads https, scp-like and ssh remotes of GitHub and GitLab', () => {
    expect(parseForge('https://github.com/a/b.git')).toEqual({ kind: 'github', base: 'https://github.com/a/b' });
    expect(parseForge('git@github.com:a/b.git')).toEqual({ kind: 'github', base: 'https://github.com/a/b' });
    expect(parseForge('ssh://git@github.com:22/a/b.git')).toEqual({ kind: 'github', base: 'https://github.com/a/b' });
    expect(parseForge('https://gitlab.com/group/sub/proj.git')).toEqual({ kind: 'gitlab', base: 'https://gitlab.com/group/sub/proj' });
    expect(parseForge('git@gitlab.example.org:team/proj.git')).toEqual({ kind: 'gitlab', base: 'https://gitlab.example.org/team/proj' });
  });

  it('drops credentials embedded in the remote URL', () => {
    const f = parseForge('https://x-access-token:ghs_secret@github.com/a/b.git');
    expect(f).toEqual({ kind: 'github', base: 'https://github.com/a/b' });
  });

  it('gives no link for other hosts, local paths or hostile URLs', () => {
    for (const url of [
      'https://bitbucket.org/a/b.git',
      '/srv/git/b.git',
      'file:///srv/git/b.git',
      'javascript:alert(1)//github.com/a/b',
      'https://github.com/a/b"><script>',
      'https://github.com/a',
      '',
      null,
    ]) {
      expect(parseForge(url)).toBeNull();
    }
  });

  it('links lines at the commit, in each forge’s anchor style, and refuses unsafe paths', () => {
    const gh = permalinker('https://github.com/a/b', SHA);
    expect(gh('src/x y.py', 3, 5)).toBe(`https://github.com/a/b/blob/${SHA}/src/x%20y.py#L3-L5`);
    expect(gh('src/x.py', 3, 3)).toBe(`https://github.com/a/b/blob/${SHA}/src/x.py#L3`);
    const gl = permalinker('https://gitlab.com/g/p', SHA);
    expect(gl('src/x.py', 3, 5)).toBe(`https://gitlab.com/g/p/-/blob/${SHA}/src/x.py#L3-5`);
    expect(gh('../etc/passwd')).toBeNull();
    expect(gh('/tmp/outside.md', 1)).toBeNull();
    expect(permalinker('https://github.com/a/b', null)('src/x.py', 1)).toBeNull();
    expect(permalinker('https://github.com/a/b', 'main; rm -rf')('src/x.py', 1)).toBeNull();
    expect(commitLink('git@gitlab.com:g/p.git', SHA)).toBe(`https://gitlab.com/g/p/-/commit/${SHA}`);
  });
});
