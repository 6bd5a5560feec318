/**
 * feature: a capability whose implementing code always fails is contradicted,
 * with the chain of calls that reaches the failure — a template the
 * format-string rule flags, a call of a name whose import fails — followed at
 * any depth within the file. Look-alikes: the same code with the failure
 * fixed, a failure behind a call on another object, a function that shares
 * only ordinary words with the claim. Findings come from the rules
 * themselves, run on the files of each test.
 */
import { describe, it, expect, afterAll } from 'vitest';
import { parseClaimDocument } from '../../src/claims/document.js';
import { extractClaims } from '../../src/claims/extract.js';
import { CLAIM_KINDS, FALLBACK_KIND, kindModule } from '../../src/claims/kinds/index.js';
import type { Outcome, VerifyContext } from '../../src/claims/types.js';
import { analyzeInMemory } from '../../src/rules/engine.js';
import { pythonRules } from '../../src/rules/builtin/python/index.js';
import { allRules } from '../../src/rules/registry.js';
import { cleanup } from '../helpers/tmp.js';
import { repoContext } from '../helpers/context.js';

const dirs: string[] = [];
afterAll(() => dirs.forEach(cleanup));

async function repo(files: Record<string, string>): Promise<VerifyContext> {
  const { findings } = await analyzeInMemory(files, { rules: pythonRules });
  return repoContext(files, findings, dirs);
}

async function verdictOf(ctx: VerifyContext, md: string, line: string): Promise<Outcome> {
  const doc = parseClaimDocument('REPORT.md', md);
  const claims = extractClaims([doc], CLAIM_KINDS, FALLBACK_KIND).claims.filter((c) => c.kind === 'feature');
  const c = claims.find((x) => x.text.includes(line));
  expect(c, `a feature claim for "${line}"`).toBeDefined();
  return kindModule('feature')!.verify(c!, { ...ctx, documents: [doc] });
}

/** An exporter whose HTML page is a template with a stylesheet in it. */
function exporter(style: string): string {
  return `import csv
import json

PAGE = """<html><head><style>h1 ${style}</style></head>
<body><h1>{title}</h1><pre>{body}</pre></body></html>
"""


class Exporter:
    def export_everything(self, data, folder):
        self.write_html(data, folder)
        self.write_json(data, folder)
        self.write_csv(data, folder)

    def write_html(self, data, folder):
        page = PAGE.format(title=data["title"], body=data["body"])
        with open(folder + "/out.html", "w") as fh:
            fh.write(page)

    def write_json(self, data, folder):
        with open(folder + "/out.json", "w") as fh:
            json.dump(data, fh)

    def write_csv(self, data, folder):
        with open(folder + "/out.csv", "w", newline="") as fh:
            csv.writer(fh).writerow([data["title"], data["body"]])
`;
}

const EXPORT_REPORT = `# Export work

## Exporter
**File**: \`export/pages.py\`

- Export in HTML, JSON and CSV formats
- Page export (html)
`;

describe('feature: implementing code that formats a template that always fails', () => {
  it('contradicts the formats claim: the function that writes all of them calls the one whose template raises', async () => {
    const ctx = await repo({ 'export/pages.py': exporter('{ color: navy; }') });
    const o = await verdictOf(ctx, EXPORT_REPORT, 'Export in');
    expect(o.verdict, o.reason).toBe('contradicted');
    expect(o.reason).toMatch(/export_everything .* calls self\.write_html: write_html .* formats a template that always fails/);
    expect(o.evidence[0]).toMatchObject({ path: 'export/pages.py', line: 16 });
  });

  it('contradicts a named format whose one function formats the failing template', async () => {
    const ctx = await repo({ 'export/pages.py': exporter('{ color: navy; }') });
    const o = await verdictOf(ctx, EXPORT_REPORT, 'Page export');
    expect(o.verdict, o.reason).toBe('contradicted');
    expect(o.reason).toMatch(/write_html .* KeyError: ' color'/);
  });

  it('look-alike: the same claims verify once the stylesheet braces are doubled', async () => {
    const ctx = await repo({ 'export/pages.py': exporter('{{ color: navy; }}') });
    expect((await verdictOf(ctx, EXPORT_REPORT, 'Export in')).verdict).toBe('verified');
    expect((await verdictOf(ctx, EXPORT_REPORT, 'Page export')).verdict).toBe('verified');
  });
});

const NOTIFIER = `import smtplib
from email.mime.text import MimeText


class Notifier:
    def __init__(self, host):
        self.host = host

    def send_alert_notification(self, user, alert):
        for channel in user.channels:
            self.dispatch(channel, user, alert)

    def send_digest_notification(self, user, alerts):
        for channel in user.channels:
            self.dispatch(channel, user, alerts[-1])

    def dispatch(self, channel, user, alert):
        if channel == "mail":
            self.mail(user, alert)

    def mail(self, user, alert):
        self.deliver(user.address, alert.text)

    def deliver(self, address, text):
        message = MimeText(text)
        with smtplib.SMTP(self.host, timeout=10) as smtp:
            smtp.sendmail("alerts@example.invalid", [address], message.as_string())

    def load_alert_rules(self, config):
        return [dict(name=r, channels=config[r]) for r in config]
`;

describe('feature: a failing import reached through the calls of the functions named for the claim', () => {
  const md = '## Alerts\n**File**: `alerts/notify.py`\n\n- Alert notifications over every user channel\n';

  it('follows the calls at any depth: send → dispatch → mail → deliver, which calls the name whose import fails', async () => {
    const ctx = await repo({ 'alerts/notify.py': NOTIFIER });
    const o = await verdictOf(ctx, md, 'Alert notifications');
    expect(o.verdict, o.reason).toBe('contradicted');
    expect(o.reason).toMatch(/dispatch .* mail .* deliver .* calls MimeText, whose import fails/);
  });

  it('look-alike: with the standard library name spelled right the claim verifies', async () => {
    const ctx = await repo({ 'alerts/notify.py': NOTIFIER.replace(/MimeText/g, 'MIMEText') });
    const o = await verdictOf(ctx, md, 'Alert notifications');
    expect(o.verdict, o.reason).toBe('verified');
  });

  it('look-alike: a call on another object is not followed, however its method is named', async () => {
    const other = NOTIFIER.replace('            self.mail(user, alert)', '            user.mailer.mail(user, alert)');
    const ctx = await repo({ 'alerts/notify.py': other });
    expect((await verdictOf(ctx, md, 'Alert notifications')).verdict).toBe('verified');
  });

  it('stops on recursion: a cycle of calls with no failure in it verifies', async () => {
    const cyclic = NOTIFIER.replace('        message = MimeText(text)\n', '        if not text:\n            return self.dispatch("mail", address, text)\n        message = text\n');
    const ctx = await repo({ 'alerts/notify.py': cyclic });
    expect((await verdictOf(ctx, md, 'Alert notifications')).verdict).toBe('verified');
  });
});

describe('feature: a failure in a function tied to the claim by ordinary words only', () => {
  it('look-alike: a function that shares only ordinary words with the claim is no evidence against it', async () => {
    const src = `PAGE = "<style>h1 { color: navy; }</style><h1>{title}</h1>{body}"


def render(data):
    title = data["title"].strip()
    return PAGE.format(title=title, body=data["body"])
`;
    const ctx = await repo({ 'site/render.py': src });
    const o = await verdictOf(ctx, '## Site\n**File**: `site/render.py`\n\n- Page titles and bodies\n', 'Page titles');
    expect(o.verdict, o.reason).toBe('verified');
  });

  it('but a function named for a word of the claim that holds its terms is tied to it: its failure contradicts', async () => {
    const src = `PAGE = "<style>h1 { color: navy; }</style><h1>{title}</h1>{body}"


def render_page(data):
    title = data["title"].strip()
    return PAGE.format(title=title, body=data["body"])
`;
    const ctx = await repo({ 'site/render.py': src });
    const o = await verdictOf(ctx, '## Site\n**File**: `site/render.py`\n\n- Page titles and bodies\n', 'Page titles');
    expect(o.verdict, o.reason).toBe('contradicted');
    expect(o.reason).toMatch(/named for 'page'.*render_page/);
  });

  it('look-alike: a function named for a word of the claim but holding little else of it does something else', async () => {
    const src = `import requests
from email.mime.text import MimeText


def probe_endpoint(url):
    started = requests.get(url, timeout=5)
    return {"endpoint": url, "healthy": started.ok, "monitoring": True}


def check_rule(rule, value):
    if value > rule["limit"]:
        return MimeText("over the limit")
    return None
`;
    const ctx = await repo({ 'ops/health.py': src });
    const o = await verdictOf(ctx, '## Operations\n**File**: `ops/health.py`\n\n- **Health checks**: endpoint monitoring\n', 'endpoint monitoring');
    expect(o.verdict, o.reason).not.toBe('contradicted');
  });
});

describe('feature: a placeholder at the body level versus one in a branch', () => {
  // The TODO-comment rule is a YAML pack: every rule runs here, as in an audit.
  const repo = async (files: Record<string, string>): Promise<VerifyContext> => {
    const { findings } = await analyzeInMemory(files, { rules: allRules() });
    return repoContext(files, findings, dirs);
  };
  const FILES = {
    'tools/compress.py': `import gzip
import shutil


def compress_archive(src, dst, report=None):
    with open(src, "rb") as fin, gzip.open(dst, "wb") as fout:
        shutil.copyfileobj(fin, fout)
    if report:
        # TODO: write the size report
        pass
    return dst
`,
    'tools/encrypt.py': `def encrypt_archive(src, key):
    # TODO: encrypt with the key
    return src
`,
    'tools/checksum.py': `import hashlib


def checksum_archive(src):
    try:
        # TODO: stream the archive instead of a fixed digest
        return hashlib.sha256(b"").hexdigest()
    except OSError:
        return None
`,
  };
  const md = `## Compression\n**File**: \`tools/compress.py\`\n\n- Gzip archive compression\n\n## Encryption\n**File**: \`tools/encrypt.py\`\n\n- Archive encryption with a key\n\n## Checksums\n**File**: \`tools/checksum.py\`\n\n- Archive checksum with sha256\n`;

  it('verifies the capability whose unfinished part is one optional branch', async () => {
    const ctx = await repo(FILES);
    expect((await verdictOf(ctx, md, 'Gzip archive compression')).verdict).toBe('verified');
  });

  it('a try block wraps the function\'s own work: a placeholder in it is the function\'s', async () => {
    const ctx = await repo(FILES);
    expect((await verdictOf(ctx, md, 'Archive checksum')).verdict).toBe('contradicted');
  });

  it('contradicts the one whose whole body is the placeholder', async () => {
    const ctx = await repo(FILES);
    const out = await verdictOf(ctx, md, 'Archive encryption');
    expect(out.verdict).toBe('contradicted');
    expect(out.reason).toMatch(/encrypt_archive .* is a placeholder/);
  });
});
