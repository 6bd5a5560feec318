/**
 * The claim kinds about code: snippet-present, snippet-absent, method-call,
 * timeout, build-error, placeholder, and symbol-exists on feature lines.
 * Each kind is run the way the audit runs it — markdown parsed to statements,
 * every recognizer applied, spans consumed, then the verifier — against a
 * small repository written here and findings built by hand (the rules are
 * tested elsewhere; these tests hold the verifiers to the Finding contract).
 * Every kind has true claims, false claims and look-alikes.
 */
import { describe, it, expect, afterAll } from 'vitest';
import type { Category, Finding } from '../../src/rules/types.js';
import { parseClaimDocument } from '../../src/claims/document.js';
import { extractClaims } from '../../src/claims/extract.js';
import { CLAIM_KINDS, FALLBACK_KIND, kindModule } from '../../src/claims/kinds/index.js';
import type { Claim, ClaimKind, Outcome, VerifyContext } from '../../src/claims/types.js';
import { cleanup } from '../helpers/tmp.js';
import { repoContext } from '../helpers/context.js';

const dirs: string[] = [];
afterAll(() => dirs.forEach(cleanup));

function finding(category: Category, ruleId: string, path: string, line: number, message: string, endLine = line): Finding {
  return { id: `f-${ruleId}-${path}-${line}`, ruleId, category, severity: 'error', path, line, endLine, message, excerpt: '' };
}

/** A verify context over a repository written from `files`, with hand-built findings. */
function repo(files: Record<string, string>, findings: Finding[] = []): Promise<VerifyContext> {
  return repoContext(files, findings, dirs);
}

function claims(md: string, kind: ClaimKind): Claim[] {
  const doc = parseClaimDocument('REPORT.md', md);
  return extractClaims([doc], CLAIM_KINDS, FALLBACK_KIND).claims.filter((c) => c.kind === kind);
}

async function check(ctx: VerifyContext, md: string, kind: ClaimKind): Promise<Outcome & { claim: Claim }> {
  const cs = claims(md, kind);
  expect(cs.map((c) => c.text), `one ${kind} claim`).toHaveLength(1);
  const o = await kindModule(kind)!.verify(cs[0]!, { ...ctx, documents: [parseClaimDocument('REPORT.md', md)] });
  return { ...o, claim: cs[0]! };
}

const fence = (lang: string, code: string) => '```' + lang + '\n' + code + '\n```';

// ---------------------------------------------------------------------------

describe('snippet-present and snippet-absent', () => {
  const py = {
    'app/jobs.py': [
      'import requests',
      '',
      '',
      'class Job:',
      '    def run(self, url):',
      '        # Bounded: a stalled server must not block the worker.',
      '        resp = requests.get(url, timeout=(5, 30))',
      '        resp.raise_for_status()',
      '        return resp.json()',
      '',
      '    def legacy(self, url):',
      '        listing = requests.get(url)',
      '        return listing.json()',
      '',
    ].join('\n'),
    'app/other.py': 'def helper():\n    value = compute_total(1, 2)\n    return value\n',
  };

  it('verifies an AFTER block that is in the named file, whatever its indentation and spacing', async () => {
    const ctx = await repo(py);
    const md = `### Fix\n**File**: \`app/jobs.py\`\n\n**AFTER:**\n${fence('python', 'resp = requests.get(url,timeout=(5,30))\nresp.raise_for_status()')}\n`;
    const o = await check(ctx, md, 'snippet-present');
    expect(o.verdict).toBe('verified');
    expect(o.reason).toMatch(/lines 7-8/);
    expect(o.evidence.some((e) => e.path === 'app/jobs.py' && e.line === 7 && e.excerpt?.includes('timeout=(5, 30)'))).toBe(true);
  });

  it('contradicts an AFTER block one word away from the file and reports the closest lines and similarity', async () => {
    const ctx = await repo(py);
    const md = `**File**: \`app/jobs.py\`\n\n**AFTER:**\n${fence('python', 'listing = requests.get(url, timeout=10)')}\n`;
    const o = await check(ctx, md, 'snippet-present');
    expect(o.verdict).toBe('contradicted');
    expect(o.reason).toMatch(/closest is lines? \d+(-\d+)? \(\d+% similar\)/);
  });

  it('does not let a copy in another file verify the named file; the other file is a hint', async () => {
    const ctx = await repo(py);
    const md = `**File**: \`app/jobs.py\`\n\n**AFTER:**\n${fence('python', 'value = compute_total(1, 2)\nreturn value')}\n`;
    const o = await check(ctx, md, 'snippet-present');
    expect(o.verdict).toBe('contradicted');
    expect(o.evidence.some((e) => e.path === 'app/other.py' && /different file/.test(e.note))).toBe(true);
  });

  it('contradicts an AFTER block whose lines are all there but in another order', async () => {
    const ctx = await repo({ 'pkg/x.go': 'package x\n\nconst size = 8\n\nimport (\n\t"fmt"\n)\n\nfunc F() { fmt.Println(size) }\n' });
    const md = `**File**: \`pkg/x.go\`\n\n**AFTER:**\n${fence('go', 'package x\n\nimport (\n\t"fmt"\n)\n\nconst size = 8')}\n`;
    const o = await check(ctx, md, 'snippet-present');
    expect(o.verdict).toBe('contradicted');
    expect(o.reason).toMatch(/not together in this order/);
  });

  it('treats a `...` line as a gap between parts matched in order', async () => {
    const ctx = await repo(py);
    const md = `**File**: \`app/jobs.py\`\n\n**AFTER:**\n${fence('python', 'def run(self, url):\n    ...\n    return resp.json()')}\n`;
    expect((await check(ctx, md, 'snippet-present')).verdict).toBe('verified');
  });

  it('verifies a BEFORE block that is gone even when a near-identical line remains', async () => {
    const ctx = await repo(py);
    const md = `**File**: \`app/jobs.py\`\n\n**BEFORE:**\n${fence('python', 'resp = requests.get(url)')}\n`;
    const o = await check(ctx, md, 'snippet-absent');
    expect(o.verdict).toBe('verified');
    expect(o.reason).toMatch(/no longer in app\/jobs\.py/);
  });

  it('contradicts a BEFORE block that is still there, also as part of a longer line', async () => {
    const ctx = await repo(py);
    const whole = await check(ctx, `**File**: \`app/jobs.py\`\n\n**BEFORE:**\n${fence('python', 'listing = requests.get(url)\nreturn listing.json()')}\n`, 'snippet-absent');
    expect(whole.verdict).toBe('contradicted');
    expect(whole.reason).toMatch(/lines 12-13/);
    const part = await check(ctx, `**File**: \`app/jobs.py\`\n\n**BEFORE:**\n${fence('python', 'requests.get(url)')}\n`, 'snippet-absent');
    expect(part.verdict).toBe('contradicted');
  });

  it('does not match a fragment inside a longer identifier (`client:` in `httpClient:`)', async () => {
    const ctx = await repo({ 'a/c.go': 'package a\n\nfunc New() *C {\n\treturn &C{\n\t\thttpClient: &http.Client{},\n\t}\n}\n' });
    const o = await check(ctx, `**File**: \`a/c.go\`\n\n**BEFORE:**\n${fence('go', 'client: &http.Client{},')}\n`, 'snippet-absent');
    expect(o.verdict).toBe('verified');
  });

  it('in a pair, a BEFORE block the AFTER block keeps in full claims only that the context is there, and the AFTER block is judged on its added lines', async () => {
    const ctx = await repo(py);
    const md = [
      '**File**: `app/jobs.py`',
      '',
      '**BEFORE:**',
      fence('python', 'resp.raise_for_status()'),
      '',
      '**AFTER:**',
      fence('python', 'resp.raise_for_status()\nresp.close_after(30)'),
      '',
    ].join('\n');
    expect(claims(md, 'snippet-absent')).toHaveLength(0);
    // The AFTER block's own claim sits on its fence line (9); the kept BEFORE line claims, on its
    // own line (5), that the context is still there, and the added line is a claim on line 11.
    const present = claims(md, 'snippet-present');
    expect(present.map((c) => c.source.line).sort((a, b) => a - b)).toEqual([5, 9, 11]);
    const docs = { ...ctx, documents: [parseClaimDocument('REPORT.md', md)] };
    const o = await kindModule('snippet-present')!.verify(present.find((c) => c.source.line === 9)!, docs);
    expect(o.verdict).toBe('contradicted');
    expect(o.reason).toMatch(/1 of the 1 line\(s\) the fix adds/);
    expect(o.evidence.some((e) => /keeps from the BEFORE block/.test(e.note))).toBe(true);
    expect((await kindModule('snippet-present')!.verify(present.find((c) => c.source.line === 5)!, docs)).verdict).toBe('verified');
    expect((await kindModule('snippet-present')!.verify(present.find((c) => c.source.line === 11)!, docs)).verdict).toBe('contradicted');
  });

  it('reads a diff block as both claims, with the file from its header', async () => {
    const ctx = await repo(py);
    const md = `Changes:\n\n${fence('diff', '--- a/app/jobs.py\n+++ b/app/jobs.py\n@@ -7 +7 @@\n-        resp = requests.get(url)\n+        resp = requests.get(url, timeout=(5, 30))')}\n`;
    expect((await check(ctx, md, 'snippet-present')).verdict).toBe('verified');
    expect((await check(ctx, md, 'snippet-absent')).verdict).toBe('verified');
  });

  it('does not judge a block too generic to locate', async () => {
    const ctx = await repo(py);
    expect((await check(ctx, `**File**: \`app/jobs.py\`\n\n**AFTER:**\n${fence('python', 'return x')}\n`, 'snippet-present')).verdict).toBe('unverifiable');
    expect((await check(ctx, `**File**: \`app/jobs.py\`\n\n**BEFORE:**\n${fence('python', 'pass')}\n`, 'snippet-absent')).verdict).toBe('unverifiable');
  });

  it('is unverifiable when the section names no file, and ignores output blocks and unlabelled code', async () => {
    const ctx = await repo(py);
    const o = await check(ctx, `**AFTER:**\n${fence('python', 'value = compute_total(1, 2)')}\n`, 'snippet-present');
    expect(o.verdict).toBe('unverifiable');
    expect(o.evidence.some((e) => e.path === 'app/other.py')).toBe(true);
    expect(claims(`**File**: \`app/jobs.py\`\n\n**AFTER:**\n${fence('console', '$ pytest\n3 passed')}\n`, 'snippet-present')).toHaveLength(0);
    expect(claims(`**File**: \`app/jobs.py\`\n\nRun this:\n${fence('python', 'print(1)')}\n`, 'snippet-present')).toHaveLength(0);
  });
});

// ---------------------------------------------------------------------------

describe('method-call', () => {
  const go = {
    'go.mod': 'module example.com/m\n\ngo 1.21\n',
    'svc/svc.go': 'package svc\n\ntype Svc struct{}\n\nfunc (s *Svc) Run() {}\n\nfunc (s *Svc) Remove(id string) {}\n',
    'cmd/main.go': 'package main\n\nimport "example.com/m/svc"\n\nfunc main() {\n\ts := &svc.Svc{}\n\ts.Run()\n\tcleanup(s)\n}\n\nfunc cleanup(s *svc.Svc) {\n\ts.Start()\n}\n',
  };
  const startFinding = finding('method-mismatch', 'method-mismatch/go-missing-method', 'cmd/main.go', 12, 's.Start undefined (type Svc has no field or method Start)');

  it('verifies "now calls X instead of the non-existent Y" in the named caller', async () => {
    const ctx = await repo(go, [startFinding]);
    const o = await check(ctx, '**File**: `cmd/main.go`\n- `main()` now calls `s.Run()` instead of the non-existent `s.Start()`\n', 'method-call');
    expect(o.verdict).toBe('verified');
    expect(o.reason).toMatch(/main\(\) in cmd\/main\.go calls s\.Run\(\)/);
    expect(o.evidence.some((e) => e.path === 'svc/svc.go' && e.line === 5)).toBe(true);
  });

  it('contradicts it when the old call is still there elsewhere in the file scope', async () => {
    const ctx = await repo(go, [startFinding]);
    const o = await check(ctx, '**File**: `cmd/main.go`\n- `s.Run()` replaced `s.Start()`; the call to the non-existent `s.Start()` is gone\n', 'method-call');
    expect(o.verdict).toBe('contradicted');
    expect(o.reason).toMatch(/still called at cmd\/main\.go:12/);
  });

  it('contradicts a new call that is not there, and one the method-mismatch analysis flags', async () => {
    const ctx = await repo(go, [startFinding]);
    const absent = await check(ctx, '**File**: `cmd/main.go`\n- `main()` now calls `s.Stop()`\n', 'method-call');
    expect(absent.verdict).toBe('contradicted');
    expect(absent.reason).toMatch(/no call to s\.Stop\(\)/);
    const flagged = await check(ctx, '**File**: `cmd/main.go`\n- `cleanup()` now calls `s.Start()`\n', 'method-call');
    expect(flagged.verdict).toBe('contradicted');
    expect(flagged.reason).toMatch(/does not exist/);
  });

  it('checks "no calls to x() remain" across the production code when no file is named', async () => {
    const ctx = await repo(go, [startFinding]);
    expect((await check(ctx, '- Method names: ✅ no calls to `Start()` remain\n', 'method-call')).verdict).toBe('contradicted');
    expect((await check(ctx, '- Method names: ✅ no calls to `Evict()` remain\n', 'method-call')).verdict).toBe('verified');
  });

  it('reads a fixed table row "Call to missing X | file | ✅ Fixed"', async () => {
    const ctx = await repo(go, [startFinding]);
    const md = '| # | Issue | File | Status |\n|---|---|---|---|\n| 1 | Call to missing `Svc.Start()` | `cmd/main.go` | ✅ Fixed |\n| 2 | Call to missing `Svc.Evict()` | `cmd/main.go` | ✅ Fixed |\n';
    const cs = claims(md, 'method-call');
    expect(cs).toHaveLength(2);
    const v = await Promise.all(cs.map((c) => kindModule('method-call')!.verify(c, ctx)));
    expect(v.map((x) => x.verdict)).toEqual(['contradicted', 'verified']);
  });

  it('leaves feature lists and timeout sentences alone, and reads a fix section\'s defect only as a method said not to exist', () => {
    expect(claims('**File**: `cmd/main.go`\n- `Run()`, `Remove()` methods\n', 'method-call')).toHaveLength(0);
    expect(claims('## Bugs Fixed\n**File**: `cmd/main.go`\n**Issue**: Calling non-existent `s.Start()` method\n', 'method-call').map((c) => c.data.claim)).toEqual(['absent']);
    expect(claims('**File**: `a.ts`\n- `track()` now aborts after 5 seconds via `AbortSignal.timeout(5000)`\n', 'method-call')).toHaveLength(0);
  });
});

// ---------------------------------------------------------------------------

describe('timeout', () => {
  const py = {
    'app/gitops.py': 'import requests\n\n\nclass Git:\n    def fetch(self, url):\n        return requests.get(url, timeout=(5, 30))\n\n    def listing(self, url):\n        return requests.get(url)\n',
    'app/k8s.py': 'from kubernetes import client\n\n\ndef api():\n    configuration = client.Configuration()\n    configuration.timeout = 30\n    return client.CoreV1Api(client.ApiClient(configuration))\n',
  };
  const listingFinding = finding('missing-timeout', 'missing-timeout/python-requests', 'app/gitops.py', 9, 'requests.get() without timeout');

  it('verifies a timeout set in the named function, with the durations it states', async () => {
    const ctx = await repo(py, [listingFinding]);
    const o = await check(ctx, '**File**: `app/gitops.py`\n- `fetch()` now uses a 5 second connect and 30 second read timeout\n', 'timeout');
    expect(o.verdict).toBe('verified');
    expect(o.reason).toMatch(/app\/gitops\.py:6 \(5 s, 30 s, as claimed\)/);
  });

  it('contradicts it for the file as a whole (a missing-timeout finding in scope) and for a wrong duration', async () => {
    const ctx = await repo(py, [listingFinding]);
    const file = await check(ctx, '**File**: `app/gitops.py`\n- **Timeout handling**: every request has a timeout\n', 'timeout');
    expect(file.verdict).toBe('contradicted');
    expect(file.reason).toMatch(/app\/gitops\.py:9/);
    const value = await check(ctx, '**File**: `app/gitops.py`\n- `fetch()` gives up after 60 seconds\n', 'timeout');
    expect(value.verdict).toBe('contradicted');
    expect(value.reason).toMatch(/claimed 60 s; the code .* sets 5 s, 30 s/);
  });

  it('verifies a Go client Timeout field ("give up after 5 seconds") and reads a negative claim', async () => {
    const ctx = await repo(
      { 'h/c.go': 'package h\n\nimport (\n\t"net/http"\n\t"time"\n)\n\nfunc New() *http.Client {\n\treturn &http.Client{Timeout: 5 * time.Second}\n}\n', 'p/p.go': 'package p\n\nimport "net/http"\n\nvar c = &http.Client{}\n' },
      [finding('missing-timeout', 'missing-timeout/go-http-client', 'p/p.go', 5, 'http.Client without Timeout')],
    );
    expect((await check(ctx, '**File**: `h/c.go`\n- Probes now give up after 5 seconds instead of hanging\n', 'timeout')).verdict).toBe('verified');
    expect((await check(ctx, '| File | Problem | Status |\n|---|---|---|\n| `p/p.go` | client without timeout | ❌ Open |\n', 'timeout')).verdict).toBe('verified');
  });

  it('follows the rule on a kubernetes configuration.timeout and says it is not a real setting', async () => {
    const ctx = await repo(py);
    const o = await check(ctx, '**File**: `app/k8s.py`\n- Timeout configuration: `configuration.timeout = 30` set ✅\n', 'timeout');
    expect(o.verdict).toBe('verified');
    expect(o.evidence.some((e) => /not a setting that kubernetes\.client\.Configuration reads/.test(e.note))).toBe(true);
  });

  it('never verifies a repository-wide claim on the absence of findings', async () => {
    const ctx = await repo(py);
    const o = await check(ctx, '- **Timeout configuration**: ✅ every outbound HTTP call has a timeout\n', 'timeout');
    expect(o.verdict).toBe('unverifiable');
  });

  it('narrows a repository-wide claim to the client it names', async () => {
    const ctx = await repo(py, [listingFinding, finding('missing-timeout', 'missing-timeout/python-kubernetes', 'app/k8s.py', 7, 'CoreV1Api call without _request_timeout')]);
    const o = await check(ctx, '| Criteria | Target | Actual | Status |\n|---|---|---|---|\n| Kubernetes API timeout | 30s | 30s | ✅ Met |\n', 'timeout');
    expect(o.verdict).toBe('contradicted');
    expect(o.reason).toMatch(/app\/k8s\.py:7/);
    expect(o.reason).not.toMatch(/gitops/);
  });

  it('does not let a timeout on one client verify a claim about another', async () => {
    const ctx = await repo(py);
    const o = await check(ctx, '**File**: `app/gitops.py`\n- `fetch()`: every grpc call has a 5 second deadline\n', 'timeout');
    expect(o.verdict).toBe('unverifiable');
  });

  it('leaves test results, quoted lines, defect descriptions and past runs alone', () => {
    expect(claims('- 3 tests timed out in CI\n', 'timeout')).toHaveLength(0);
    expect(claims('**File**: `app/gitops.py`\n- Line 6: "return requests.get(url, timeout=(5, 30))"\n', 'timeout')).toHaveLength(0);
    expect(claims('## Bug Fixes\n**Issue**: No timeouts, so the worker hung\n', 'timeout')).toHaveLength(0);
    expect(claims('The run was blocked by two HTTP clients without timeouts.\n', 'timeout')).toHaveLength(0);
  });
});

// ---------------------------------------------------------------------------

describe('build-error', () => {
  const go = {
    'go.mod': 'module example.com/m\n\ngo 1.21\n',
    'm/m.go': 'package m\n\nfunc Diff(a, b int) int {\n\treturn a - b\n}\n',
    'm/m_test.go': 'package m\n\nimport "testing"\n\nfunc TestDiff(t *testing.T) {\n\tadded := Diff(2, 1) == 1\n\tremoved := Diff(1, 2) == -1\n}\n',
  };
  const unused = [
    finding('build-error', 'build-error/go-unused-variable', 'm/m_test.go', 6, 'declared and not used: added'),
    finding('build-error', 'build-error/go-unused-variable', 'm/m_test.go', 7, 'declared and not used: removed'),
  ];

  it('verifies an error at a place when a finding there says the same', async () => {
    const ctx = await repo(go, unused);
    const o = await check(ctx, '#### Merge tests\n**File**: `m/m_test.go`\n- **Error:** declared and not used: `added`, `removed` (lines 6-7)\n', 'build-error');
    expect(o.verdict).toBe('verified');
    expect(o.reason).toMatch(/m\/m_test\.go:6, m\/m_test\.go:7/);
    // The names in the message are the error's, not symbols the report says exist.
    expect(claims('**File**: `m/m_test.go`\n- **Error:** declared and not used: `added`, `removed` (lines 6-7)\n', 'symbol-exists')).toHaveLength(0);
  });

  it('contradicts an error that claimcheck would find but does not, and one on a line past the end', async () => {
    const ctx = await repo(go, unused);
    const none = await check(ctx, '- `m/m.go:4`: `declared and not used: out`\n', 'build-error');
    expect(none.verdict).toBe('contradicted');
    expect(none.reason).toMatch(/go-unused-variable/);
    const past = await check(ctx, '- `m/m.go:40`: `declared and not used: out`\n', 'build-error');
    expect(past.verdict).toBe('contradicted');
    expect(past.reason).toMatch(/only 5 lines/);
  });

  it('is unverifiable for an error no analysis of claimcheck looks for', async () => {
    const ctx = await repo(go, unused);
    const o = await check(ctx, '- `m/m.go:4`: `cannot use x (variable of type int) as string value in return statement`\n', 'build-error');
    expect(o.verdict).toBe('unverifiable');
  });

  it('reads TypeScript `file(line,col)` places and a Known Issues table with File and Line columns', async () => {
    const ctx = await repo(
      { 'src/a.ts': 'import axios from "axios";\nexport const x = 1;\n', 'src/b.py': 'import os\n\n\ndef f():\n    return os.sep\n' },
      [finding('build-error', 'build-error/ts-diagnostic', 'src/a.ts', 1, "TS2307: Cannot find module 'axios' or its corresponding type declarations.")],
    );
    expect((await check(ctx, "- `src/a.ts(1,19)`: `error TS2307: Cannot find module 'axios' or its corresponding type declarations.`\n", 'build-error')).verdict).toBe('verified');
    const table = '| File | Line | Error | Status |\n|---|---|---|---|\n| `src/b.py` | 4 | `SyntaxError: invalid syntax` | ❌ Open |\n';
    const o = await check(ctx, table, 'build-error');
    expect(o.verdict).toBe('contradicted');
    expect(o.reason).toMatch(/parses without syntax errors/);
  });

  it('judges "go build" without test files and "go vet" with them; absence of findings proves no compile', async () => {
    const ctx = await repo(go, unused);
    const build = await check(ctx, '- **go build ./...**: ✅ success, all packages compile\n', 'build-error');
    expect(build.verdict).toBe('unverifiable');
    expect(build.reason).toMatch(/does not run the compiler/);
    const vet = await check(ctx, '- **go vet ./...**: ✅ no issues reported\n', 'build-error');
    expect(vet.verdict).toBe('contradicted');
    expect(vet.reason).toMatch(/m\/m_test\.go:6/);
  });

  it('verifies a syntax claim on files that all parsed, and contradicts an import claim with an import finding', async () => {
    const ctx = await repo({ 'p/a.py': 'def f():\n    return 1\n', 'p/b.py': 'from .Missing import x\n' }, [finding('build-error', 'build-error/python-import', 'p/b.py', 1, "No module named '.Missing'")]);
    const syn = await check(ctx, '**File**: `p/a.py`\n- **Syntax check**: ✅ no syntax errors\n', 'build-error');
    expect(syn.verdict, syn.reason).toBe('verified');
    expect((await check(ctx, '- **Import validation**: ✅ All imports resolve correctly\n', 'build-error')).verdict).toBe('contradicted');
  });

  it('does not treat a runtime error in TypeScript as something the compiler would report', async () => {
    const ctx = await repo({ 'src/a.ts': 'export function f(o: { x?: { y: number } }) {\n  return o.x!.y;\n}\n' });
    // JSON.parse's SyntaxError at run time is not a compile error of the file.
    const o = await check(ctx, '- `src/a.ts:2`: `SyntaxError: Unexpected token < in JSON at position 0`\n', 'build-error');
    expect(o.verdict).toBe('unverifiable');
    expect(claims("- `src/a.ts:2`: `TypeError: Cannot read properties of undefined (reading 'y')`\n", 'build-error')).toHaveLength(0);
  });

  it('counts TypeScript errors against the compiler diagnostics', async () => {
    const ctx = await repo({ 'src/a.ts': 'export const a = 1;\n', 'src/b.ts': 'export const b = 2;\n' }, [
      finding('build-error', 'build-error/ts-diagnostic', 'src/a.ts', 1, 'TS2307: Cannot find module'),
      finding('method-mismatch', 'method-mismatch/ts-missing-property', 'src/b.ts', 1, "method 'x()' does not exist on B [TS2339]"),
    ]);
    const row = await check(ctx, '| Gate | Target | Actual | Status |\n|---|---|---|---|\n| TypeScript errors | 0 | 2 | ⚠️ Open |\n', 'build-error');
    expect(row.verdict).toBe('verified');
    expect((await check(ctx, '- **TypeScript**: `tsc -p tsconfig.json` reports 0 errors\n', 'build-error')).verdict).toBe('contradicted');
  });

  it('reads an error listing block and leaves look-alikes alone', async () => {
    const ctx = await repo(go, unused);
    const listing = '### Blocking\n\n```\nFile: m/m_test.go:6\nError: declared and not used: added\n```\n';
    // One claim on the `Error:` line and the same claim on its `File:` line.
    const listed = claims(listing, 'build-error');
    expect(listed.map((c) => c.source.line)).toEqual([4, 5]);
    for (const c of listed) expect((await kindModule('build-error')!.verify(c, { ...ctx, documents: [parseClaimDocument('REPORT.md', listing)] })).verdict).toBe('verified');
    expect(claims('## Fixes Applied\n**File**: `m/m.go`\n**Error**: `declared and not used: out`\n', 'build-error')).toHaveLength(0);
    expect(claims('While some build issues prevent complete test runs, the core systems have been validated.\n', 'build-error')).toHaveLength(0);
    expect(claims('- Import of CSV files succeeds for all 12 samples\n', 'build-error')).toHaveLength(0);
    expect(claims('- The loader parses the config and returns valid JSON\n', 'build-error')).toHaveLength(0);
  });
});

// ---------------------------------------------------------------------------

describe('placeholder', () => {
  const ts = {
    'src/pay/gateway.ts': '// Mock implementation: approves everything.\nexport const mockGateway = {\n  charge() {\n    return true;\n  },\n};\n',
    'src/index.ts': 'import { mockGateway } from "./pay/gateway";\n\nexport function app() {\n  return start(mockGateway);\n}\n\nfunction start(g: unknown) {\n  return g;\n}\n',
    'src/refunds.ts': 'export class Refunds {\n  full(): number {\n    return 1;\n  }\n\n  partial(): number {\n    throw new Error("Not implemented");\n  }\n}\n',
    'src/clean.ts': 'export function ok(): number {\n  return 2;\n}\n',
    '__tests__/a.test.ts': 'export const fake = jest.fn();\n',
  };
  const fs = [
    finding('mock-in-production', 'mock-in-production/mock-comment', 'src/pay/gateway.ts', 1, 'production code describes itself as a mock'),
    finding('placeholder', 'placeholder/stub-body', 'src/refunds.ts', 6, 'method Refunds.partial() only raises "not implemented"', 8),
  ];

  it('contradicts "no mock implementations left in src/" with a finding there, and verifies it for a clean named file', async () => {
    const ctx = await repo(ts, fs);
    const src = await check(ctx, '- **Mocks**: no mock implementations left in `src/`\n', 'placeholder');
    expect(src.verdict).toBe('contradicted');
    expect(src.reason).toMatch(/src\/pay\/gateway\.ts:1/);
    const clean = await check(ctx, '- **Placeholders**: ✅ none left in `src/clean.ts`\n', 'placeholder');
    expect(clean.verdict).toBe('verified');
  });

  it('does not verify an unscoped absence claim, and contradicts it when a finding exists anywhere', async () => {
    const quiet = await repo({ 'src/clean.ts': ts['src/clean.ts'] });
    expect((await check(quiet, '- **Placeholder code removal**: ✅ Verified\n', 'placeholder')).verdict).toBe('unverifiable');
    const noisy = await repo(ts, fs);
    expect((await check(noisy, '- **Placeholder code removal**: ✅ Verified\n', 'placeholder')).verdict).toBe('contradicted');
  });

  it('contradicts a fixed row for a file that still imports a flagged mock', async () => {
    const ctx = await repo(ts, fs);
    const o = await check(ctx, '| # | Issue | File | Status |\n|---|---|---|---|\n| 4 | Mock gateway wired into production | `src/index.ts` | ✅ Fixed |\n', 'placeholder');
    expect(o.verdict).toBe('contradicted');
    expect(o.reason).toMatch(/src\/index\.ts:1 uses mockGateway/);
  });

  it('verifies "x is still a placeholder" at a finding, and is unverifiable without one', async () => {
    const ctx = await repo(ts, fs);
    expect((await check(ctx, '**File**: `src/refunds.ts`\n- `partial()` is still a placeholder\n', 'placeholder')).verdict).toBe('verified');
    expect((await check(ctx, '**File**: `src/refunds.ts`\n- `full()` is still a placeholder\n', 'placeholder')).verdict).toBe('unverifiable');
  });

  it('judges "x() is now implemented" on the body', async () => {
    const ctx = await repo(ts, fs);
    expect((await check(ctx, '**File**: `src/refunds.ts`\n- `partial()` is now implemented\n', 'placeholder')).verdict).toBe('contradicted');
    expect((await check(ctx, '**File**: `src/refunds.ts`\n- `full()` is now implemented\n', 'placeholder')).verdict).toBe('verified');
    expect((await check(ctx, '**File**: `src/refunds.ts`\n- `half()` is now implemented\n', 'placeholder')).verdict).toBe('contradicted');
  });

  it('reads "must be replaced" as present, and leaves tests, diff counts and defect lists alone', async () => {
    const ctx = await repo(ts, fs);
    expect((await check(ctx, '**File**: `src/pay/gateway.ts`\n- Contains mock implementations that should be replaced\n', 'placeholder')).verdict).toBe('verified');
    expect((await check(ctx, '**File**: `__tests__/a.test.ts`\n- Uses a mock gateway\n', 'placeholder')).verdict).toBe('unverifiable');
    const real = await check(ctx, '**File**: `src/clean.ts`\n- Uses real data instead of mock responses\n', 'placeholder');
    expect(real.verdict).toBe('verified');
    expect(claims('- Unit tests use `unittest.mock` for the API client\n', 'placeholder')).toHaveLength(0);
    expect(claims('- **Removed Code**: 3 lines (placeholders)\n', 'placeholder')).toHaveLength(0);
    expect(claims('The analysis found three bugs:\n1. **Placeholder sync code** - no actual sync performed\n', 'placeholder')).toHaveLength(0);
  });
});

// ---------------------------------------------------------------------------

describe('symbol-exists on feature lines', () => {
  const py = {
    'lib/breaker.py': 'class State:\n    CLOSED = "closed"\n    OPEN = "open"\n\n\nclass Breaker:\n    def call(self):\n        return 1\n\n    def reset(self):\n        pass\n',
  };

  it('is one claim that holds only when every named symbol is defined in the subject file', async () => {
    const ctx = await repo(py);
    const all = await check(ctx, '**File**: `lib/breaker.py`\n- `Breaker` class with state management (`CLOSED`, `OPEN`) and `call()`, `reset()` methods\n', 'symbol-exists');
    expect(all.verdict).toBe('verified');
    const one = await check(ctx, '**File**: `lib/breaker.py`\n- `call()`, `reset()`, `force_open()` methods\n', 'symbol-exists');
    expect(one.verdict).toBe('contradicted');
    expect(one.reason).toMatch(/defines no force_open/);
    expect(one.reason).toMatch(/found: method Breaker\.call/);
  });

  it('does not read a method name like `Remove()` as a removal sentence', () => {
    expect(claims('**File**: `reg.go`\n- `Registry` with `Add()`, `Remove()`, `Len()`\n', 'symbol-exists')).toHaveLength(1);
  });

  it('contradicts "implemented" when a named body is a stub, and looks in the whole repository when no file is given', async () => {
    const ctx = await repo(py);
    expect((await check(ctx, '**File**: `lib/breaker.py`\n- `call()` and `reset()` methods fully working\n', 'symbol-exists')).verdict).toBe('contradicted');
    const none = await check(ctx, '- `Breaker` class provides the circuit breaker\n', 'symbol-exists');
    expect(none.verdict).toBe('verified');
    expect(none.evidence.some((e) => e.path === 'lib/breaker.py')).toBe(true);
  });
});
