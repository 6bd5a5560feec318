/**
 * Missing timeouts judged call by call: the exact lines flagged, for files
 * where calls with and without a timeout sit side by side. Written here, not
 * taken from the peers' fixtures (bench/peers-rules.mjs scores those).
 */
import { describe, expect, it } from 'vitest';
import { analyzeInMemory } from '../../../src/rules/engine.js';
import { timeoutRules } from '../../../src/rules/builtin/python/timeouts.js';

async function flagged(files: Record<string, string>): Promise<string[]> {
  const { findings } = await analyzeInMemory(files, { rules: timeoutRules });
  return findings.map((f) => `${f.path}:${f.line} ${f.ruleId}`).sort();
}

describe('python missing-timeout, call by call', () => {
  it('flags each call without a timeout, whatever other calls of the same function pass', async () => {
    const src = `import requests
from requests import get as fetch_page, post

requests.get("https://a.example.org/health")
requests.get("https://a.example.org/health", timeout=3)
fetch_page("https://a.example.org/")
fetch_page("https://a.example.org/", timeout=3)
post("https://a.example.org/hook", json={})


def later():
    post("https://a.example.org/hook", json={}, timeout=4)
`;
    expect(await flagged({ 'jobs/poll.py': src })).toEqual([
      'jobs/poll.py:4 missing-timeout/python-requests',
      'jobs/poll.py:6 missing-timeout/python-requests',
      'jobs/poll.py:8 missing-timeout/python-requests',
    ]);
  });

  it('reads the keys of ** dicts: a literal without timeout is a miss, an unknown dict is not', async () => {
    const src = `import requests

NO_WAIT = {"stream": True}
WAIT = {"timeout": 9}
SHARED = {"stream": True}
SHARED.update(timeout=9)


def pull(url, **extra):
    requests.get(url, **NO_WAIT)
    requests.get(url, **WAIT)
    requests.get(url, **SHARED)
    requests.get(url, **extra)
    requests.get(url, **dict(stream=True))
    requests.get(url, **dict(timeout=2))
`;
    expect(await flagged({ 'sync/pull.py': src })).toEqual(['sync/pull.py:10 missing-timeout/python-requests', 'sync/pull.py:14 missing-timeout/python-requests']);
  });

  it('excuses the arm of a conditional on the caller’s timeout only, not a call merely near one', async () => {
    const src = `import socket


def dial(addr, timeout=None):
    if timeout is None:
        return socket.create_connection(addr)
    return socket.create_connection(addr, timeout)


def dial_twice(addr, retry):
    if retry:
        socket.create_connection(addr, 5)
    else:
        socket.create_connection(addr)
    return socket.create_connection(addr, timeout=5 if retry else None)
`;
    // Line 15 passes a timeout expression: judged as given, whatever it evaluates to.
    expect(await flagged({ 'net/dial.py': src })).toEqual(['net/dial.py:14 missing-timeout/python-socket']);
  });

  it('counts socket.setdefaulttimeout only when it runs before the call', async () => {
    const early = `import socket
import smtplib

smtplib.SMTP("mail.example.org")
socket.setdefaulttimeout(20)
smtplib.SMTP("mail.example.org")


def send():
    return smtplib.SMTP("mail.example.org")
`;
    const disabled = `import socket
import smtplib

socket.setdefaulttimeout(None)
smtplib.SMTP("mail.example.org")
`;
    expect(await flagged({ 'mail/a.py': early, 'mail/b.py': disabled })).toEqual([
      'mail/a.py:4 missing-timeout/python-smtplib-ftplib-httpclient',
      'mail/b.py:5 missing-timeout/python-smtplib-ftplib-httpclient',
    ]);
  });
});
