/**
 * The reviewed findings of the Go rules on Go's standard library (go1.19 as
 * packaged by Debian), kept as a regression test: every finding judged real
 * must still be reported at the same place, every one judged a false alarm
 * (and fixed) must stay quiet. Paths and lines only; the code is read from
 * the local GOROOT, and the test is skipped when there is none or it is
 * another Go release (lines differ between releases).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, realpathSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { analyzeInMemory } from '../../../src/rules/engine.js';
import { goRules } from '../../../src/rules/builtin/go/index.js';

interface Reviewed {
  rule: string;
  path: string;
  line: number;
  real: boolean;
  why: string;
}

const REVIEWED: Reviewed[] = [
  { rule: 'missing-timeout/go-http-client', path: 'cmd/go/internal/web/http.go', line: 46, real: true, why: 'securityPreservingHTTPClient: no Timeout, default transport' },
  { rule: 'missing-timeout/go-http-server', path: 'cmd/trace/main.go', line: 136, real: true, why: 'http.Serve: server without timeouts (local UI)' },
  { rule: 'missing-timeout/go-http-server', path: 'cmd/vendor/github.com/google/pprof/internal/driver/webui.go', line: 205, real: true, why: '&http.Server{Handler: mux} without read timeouts' },
  { rule: 'missing-timeout/go-net-dial', path: 'log/syslog/syslog.go', line: 162, real: true, why: 'net.Dial on a caller-given network and address' },
  { rule: 'missing-timeout/go-net-dial', path: 'log/syslog/syslog_unix.go', line: 22, real: false, why: 'network ranges over "unixgram", "unix": local sockets' },
  { rule: 'missing-timeout/go-http-server', path: 'net/http/httptest/server.go', line: 120, real: false, why: 'httptest: a test-helper package' },
  { rule: 'missing-timeout/go-net-dial', path: 'net/http/socks_bundle.go', line: 376, real: true, why: 'deprecated socksDialer.Dial dials the proxy with no timeout' },
  { rule: 'missing-timeout/go-http-server', path: 'net/http/triv.go', line: 137, real: true, why: 'http.ListenAndServe in an example program' },
  { rule: 'missing-timeout/go-net-dial', path: 'net/rpc/client.go', line: 248, real: true, why: 'rpc.DialHTTPPath: net.Dial without timeout' },
  { rule: 'missing-timeout/go-net-dial', path: 'net/rpc/client.go', line: 274, real: true, why: 'rpc.Dial: net.Dial without timeout' },
  { rule: 'missing-timeout/go-net-dial', path: 'net/rpc/jsonrpc/client.go', line: 119, real: true, why: 'jsonrpc.Dial: net.Dial without timeout' },
  { rule: 'missing-timeout/go-net-dial', path: 'net/smtp/smtp.go', line: 54, real: true, why: 'smtp.Dial: net.Dial without timeout' },
  { rule: 'missing-timeout/go-net-dial', path: 'net/textproto/textproto.go', line: 81, real: true, why: 'textproto.Dial: net.Dial without timeout' },
  { rule: 'missing-timeout/go-http-default-client', path: 'time/genzabbrs.go', line: 69, real: true, why: 'generator fetches with http.Get' },
];

function goroot(): string | null {
  try {
    const version = execFileSync('go', ['env', 'GOVERSION'], { encoding: 'utf8' }).trim();
    if (!version.startsWith('go1.19')) return null;
    const r = execFileSync('go', ['env', 'GOROOT'], { encoding: 'utf8' }).trim();
    return existsSync(`${r}/src`) ? realpathSync(`${r}/src`) : null;
  } catch {
    return null;
  }
}

const root = goroot();

describe.skipIf(!root)('reviewed Go standard library findings (go1.19)', () => {
  const paths = [...new Set(REVIEWED.map((r) => r.path))];
  for (const path of paths) {
    it(path, async () => {
      const rules = goRules.filter((r) => r.scope === 'tree');
      const { findings } = await analyzeInMemory({ [path]: readFileSync(`${root}/${path}`, 'utf8') }, { rules });
      for (const r of REVIEWED.filter((x) => x.path === path)) {
        const hit = findings.some((f) => f.ruleId === r.rule && f.line === r.line);
        expect(hit, `${r.rule} ${r.path}:${r.line} (${r.why})`).toBe(r.real);
      }
    });
  }
});
