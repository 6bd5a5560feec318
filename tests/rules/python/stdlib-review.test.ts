/**
 * The reviewed findings on CPython 3.11's own standard library, kept as a
 * regression test (paths and lines, no copied code). The directories the
 * findings live in are copied to a temporary repository and analysed with
 * every Python rule; the findings must be exactly the reviewed ones. Runs
 * only where the same CPython (3.11.7) is installed; skipped elsewhere.
 *
 * Review (bench/compare-python.mjs runs the whole tree; 858k lines):
 * every finding outside deliberately broken test data was read and judged.
 */
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { RepoSnapshot } from '../../../src/repo/snapshot.js';
import { analyze } from '../../../src/rules/engine.js';
import { pythonRules } from '../../../src/rules/builtin/python/index.js';

function stdlibDir(): string | null {
  try {
    const out = execFileSync('python3', ['-c', 'import sys,sysconfig;print(sys.version.split()[0]);print(sysconfig.get_paths()["stdlib"])'], { encoding: 'utf8' }).trim().split('\n');
    return out[0] === '3.11.7' && out[1] && existsSync(out[1]) ? out[1] : null;
  } catch {
    return null;
  }
}

/** Reviewed findings: [path:line, rule, verdict and why]. */
const REVIEWED: [string, string, string][] = [
  ['distutils/command/upload.py:195', 'missing-timeout/python-urlopen', 'real: upload urlopen(request) has no timeout'],
  ['idlelib/macosx.py:214', 'method-mismatch/python-missing-module-attr', 'real: idlelib.help has no show_idlehelp in 3.11 (only named in its docstring)'],
  ['idlelib/tree.py:481', 'method-mismatch/python-missing-module-attr', 'real: zoom_height is a method of ZoomHeight, not a module function'],
  ['logging/handlers.py:1246', 'missing-timeout/python-smtplib-ftplib-httpclient', 'real: HTTPHandler.emit opens HTTPSConnection without timeout'],
  ['logging/handlers.py:1248', 'missing-timeout/python-smtplib-ftplib-httpclient', 'real: same for HTTPConnection'],
  ['smtpd.py:762', 'missing-timeout/python-smtplib-ftplib-httpclient', 'real: PureProxy relays through SMTP() without timeout'],
  ['urllib/request.py:1990', 'missing-timeout/python-smtplib-ftplib-httpclient', 'real: legacy URLopener has no timeout'],
  ['xml/dom/xmlbuilder.py:194', 'missing-timeout/python-urlopen', 'real: DOMEntityResolver fetches system ids without timeout'],
  ['xmlrpc/client.py:1256', 'missing-timeout/python-smtplib-ftplib-httpclient', 'real: Transport.make_connection has no timeout'],
];

/** Files and directories the findings and the look-alikes fixed during review need (imports resolve inside them). */
const COPY = [
  'distutils', 'idlelib', 'logging', 'urllib', 'xml', 'xmlrpc', 'http', 'email', 're', 'smtpd.py', 'smtplib.py', 'imaplib.py', 'socket.py',
  // look-alikes that were false alarms once: re.IGNORECASE planted by enum.global_enum, a branch that passes no timeout on purpose,
  // continuation lines indented left of their statement, `print >> f`, async generator expressions, backslashes inside calls.
  '_strptime.py', 'test/__init__.py', 'test/support', 'test/test_compile.py', 'test/test_print.py', 'test/test_asyncgen.py', 'test/test_shutil.py',
];

const stdlib = stdlibDir();

describe.skipIf(stdlib === null)('reviewed findings on the CPython 3.11.7 standard library', () => {
  it('finds exactly the reviewed real defects', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'claimcheck-pystd-'));
    try {
      for (const p of COPY) cpSync(join(stdlib!, p), join(dir, p), { recursive: true, filter: (src) => !/__pycache__|distutils\/tests$/.test(src) });
      const snap = await RepoSnapshot.open(dir, { noGit: true });
      const { findings } = await analyze(snap, { jobs: 1, rules: pythonRules });
      const got = findings.map((f) => `${f.path}:${f.line} ${f.ruleId}`).sort();
      expect(got).toEqual(REVIEWED.map(([at, rule]) => `${at} ${rule}`).sort());
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 240_000);
});
