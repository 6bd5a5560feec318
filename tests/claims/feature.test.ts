/**
 * The feature kind: capability lines decomposed into terms and looked up in
 * the code of the scope the report gives them. Examples written here: a
 * small job queue in Python, a Go cache client and a TS exporter — with
 * true claims, false claims and look-alikes (a term only in a comment, a
 * library only imported, a simulated implementation, an outcome line).
 */
import { describe, it, expect, afterAll } from 'vitest';
import type { Finding } from '../../src/rules/types.js';
import { parseClaimDocument } from '../../src/claims/document.js';
import { extractClaims } from '../../src/claims/extract.js';
import { CLAIM_KINDS, FALLBACK_KIND, kindModule } from '../../src/claims/kinds/index.js';
import type { Claim, Outcome, VerifyContext } from '../../src/claims/types.js';
import { statementTerms, stem, stemsMatch, identifierWords } from '../../src/claims/terms.js';
import { cleanup } from '../helpers/tmp.js';
import { repoContext } from '../helpers/context.js';

const dirs: string[] = [];
afterAll(() => dirs.forEach(cleanup));

const QUEUE_PY = `import json
import hashlib
import sqlite3
from smtplib import SMTP


class JobQueue:
    """Queue with retry and exponential backoff (see docs)."""

    def __init__(self, path):
        self.db = sqlite3.connect(path)

    def create_job(self, payload):
        self.db.execute("INSERT INTO jobs(body) VALUES (?)", (json.dumps(payload),))

    def update_job(self, job_id, payload):
        self.db.execute("UPDATE jobs SET body = ? WHERE id = ?", (json.dumps(payload), job_id))

    def delete_job(self, job_id):
        self.db.execute("DELETE FROM jobs WHERE id = ?", (job_id,))

    def retry_failed(self):
        # exponential backoff would go here
        for row in self.db.execute("SELECT id FROM jobs WHERE failed = 1"):
            self.requeue(row[0])

    def export_metrics(self):
        # For now, simulate the metrics from the row count
        return {"jobs.total": 0}

    def send_report_email(self, to):
        SMTP("localhost", timeout=5).sendmail("queue@example.invalid", [to], "report")
`;

const EXPORTER_TS = `import { writeFileSync } from 'node:fs';

export function exportResults(results: { name: string; ok: boolean }[], format: 'json' | 'csv'): void {
  if (format === 'json') writeFileSync('results.json', JSON.stringify(results));
  else writeFileSync('results.csv', results.map((r) => r.name + ',' + r.ok).join('\\n'));
}
`;

const LINE_OF_SIMULATE = QUEUE_PY.split('\n').findIndex((l) => l.includes('simulate the metrics')) + 1;

function repo(files: Record<string, string>, findings: Finding[] = []): Promise<VerifyContext> {
  return repoContext(files, findings, dirs);
}

function featureClaims(md: string): Claim[] {
  const doc = parseClaimDocument('REPORT.md', md);
  return extractClaims([doc], CLAIM_KINDS, FALLBACK_KIND).claims.filter((c) => c.kind === 'feature');
}

async function verdictOf(ctx: VerifyContext, md: string, line: string): Promise<Outcome> {
  const doc = parseClaimDocument('REPORT.md', md);
  const c = featureClaims(md).find((x) => x.text.includes(line));
  expect(c, `a feature claim for "${line}"`).toBeDefined();
  return kindModule('feature')!.verify(c!, { ...ctx, documents: [doc] });
}

const QUEUE_REPORT = `# Queue work

## Job queue
**File**: \`queue/jobs.py\`

- Job lifecycle (create, update, delete) in SQLite
- JSON payloads in the jobs table
- Retries of stalled jobs with exponential backoff
- Job payloads as JSON, XML and CSV
- Integrity of payloads with \`hashlib\`
- Metrics export for dashboards
- Email reports
- Kafka streaming of job events with partition rebalancing
`;

describe('terms', () => {
  it('splits identifiers and stems words so code and prose meet', () => {
    expect(identifierWords('getHTTPClient')).toEqual(['get', 'http', 'client']);
    expect(identifierWords('find_available_agents')).toEqual(['find', 'available', 'agents']);
    expect(stemsMatch(stem('serialization'), stem('serialize'))).toBe(true);
    expect(stemsMatch(stem('monitoring'), stem('monitor'))).toBe(true);
    expect(stemsMatch(stem('updates'), stem('updating'))).toBe(true);
    expect(stemsMatch(stem('fixes'), stem('fix'))).toBe(true);
    expect(stemsMatch(stem('patches'), stem('patch'))).toBe(true);
    expect(stemsMatch(stem('caches'), stem('cache'))).toBe(true);
    expect(stemsMatch(stem('series'), stem('serialization'))).toBe(false);
    expect(stemsMatch(stem('cat'), stem('category'))).toBe(false);
  });

  it('keeps concrete terms, drops framing words, and marks named things as required', () => {
    const t = statementTerms('Comprehensive session handling (create, update, delete) with Redis backend');
    const words = t.terms.map((x) => x.word);
    expect(words).toEqual(expect.arrayContaining(['session', 'create', 'update', 'delete', 'redis']));
    expect(words).not.toContain('comprehensive');
    expect(words).not.toContain('handling');
    expect(t.terms.find((x) => x.word === 'create')!.required).toBe(true);
    expect(t.terms.find((x) => x.word === 'redis')!.required).toBe(true);
    expect(t.terms.find((x) => x.word === 'session')!.required).toBe(false);
    expect(statementTerms('Load tests passing on CI').outcome).toBe(true);
    expect(statementTerms('Robust, scalable and production-ready architecture').terms).toHaveLength(0);
  });
});

describe('feature: recognition', () => {
  it('takes capability lines and leaves outcomes, counts, titles and judgement to other kinds', () => {
    const md = `## Parser
**File**: \`src/parse.ts\`

- Incremental reparsing of edited ranges
- All parser tests passing
- 12 grammar rules added
- **Scalability**: designed for very large inputs
- **Root cause**: stale offsets after edits

### Parser validation
- Error recovery on unbalanced brackets
`;
    const texts = featureClaims(md).map((c) => c.text);
    expect(texts).toEqual(['Incremental reparsing of edited ranges']);
  });
});

describe('feature: verification in the section file', () => {
  it('makes each parenthesised item its own claim, so one missing item does not hide the others', async () => {
    const ctx = await repo({ 'queue/jobs.py': QUEUE_PY });
    const md = '## Jobs\n**File**: `queue/jobs.py`\n\n- Job operations (create, delete, archive)\n';
    const cs = featureClaims(md).sort((a, b) => (a.text < b.text ? -1 : 1));
    expect(cs.map((c) => c.text)).toEqual(['Job operations (archive)', 'Job operations (create)', 'Job operations (delete)']);
    const doc = parseClaimDocument('REPORT.md', md);
    const verdicts = await Promise.all(cs.map((c) => kindModule('feature')!.verify(c, { ...ctx, documents: [doc] })));
    expect(verdicts.map((v) => v.verdict)).toEqual(['contradicted', 'verified', 'verified']);
  });

  it('verifies a capability whose every term is in the code', async () => {
    const ctx = await repo({ 'queue/jobs.py': QUEUE_PY });
    const o = await verdictOf(ctx, QUEUE_REPORT, 'Job lifecycle');
    expect(o.verdict, o.reason).toBe('verified');
    expect(o.evidence.some((e) => e.path === 'queue/jobs.py' && e.line)).toBe(true);
    expect((await verdictOf(ctx, QUEUE_REPORT, 'JSON payloads')).verdict).toBe('verified');
  });

  it('does not take a comment or docstring as evidence: backoff only in comments is missing', async () => {
    const ctx = await repo({ 'queue/jobs.py': QUEUE_PY });
    const o = await verdictOf(ctx, QUEUE_REPORT, 'exponential backoff');
    expect(o.verdict).toBe('contradicted');
    expect(o.reason).toMatch(/backoff/);
  });

  it('contradicts an enumerated format the code never produces', async () => {
    const ctx = await repo({ 'queue/jobs.py': QUEUE_PY });
    const o = await verdictOf(ctx, QUEUE_REPORT, 'Job payloads as JSON');
    expect(o.verdict).toBe('contradicted');
    expect(o.reason).toMatch(/'xml', 'csv'/);
  });

  it('contradicts a library that is imported and never used', async () => {
    const ctx = await repo({ 'queue/jobs.py': QUEUE_PY });
    const o = await verdictOf(ctx, QUEUE_REPORT, 'hashlib');
    expect(o.verdict).toBe('contradicted');
    expect(o.reason).toMatch(/imported .* never used/);
  });

  it('contradicts a capability whose implementing function is a placeholder', async () => {
    const placeholder: Finding = {
      id: 'f-1', ruleId: 'placeholder/simulated-behaviour', category: 'placeholder', severity: 'error',
      path: 'queue/jobs.py', line: LINE_OF_SIMULATE, endLine: LINE_OF_SIMULATE, message: 'comment says the code only simulates its work', excerpt: '',
    };
    const ctx = await repo({ 'queue/jobs.py': QUEUE_PY }, [placeholder]);
    const o = await verdictOf(ctx, QUEUE_REPORT, 'Metrics export');
    expect(o.verdict, o.reason).toBe('contradicted');
    expect(o.reason).toMatch(/export_metrics .* placeholder/);
  });

  it('look-alike: the same line verifies when no finding marks the function', async () => {
    const ctx = await repo({ 'queue/jobs.py': QUEUE_PY });
    expect((await verdictOf(ctx, QUEUE_REPORT, 'Metrics export')).verdict).toBe('verified');
    expect((await verdictOf(ctx, QUEUE_REPORT, 'Email reports')).verdict).toBe('verified');
  });

  it('contradicts a line most of whose terms are absent from the named file', async () => {
    const ctx = await repo({ 'queue/jobs.py': QUEUE_PY });
    const o = await verdictOf(ctx, QUEUE_REPORT, 'Kafka streaming');
    expect(o.verdict).toBe('contradicted');
  });

  it('contradicts when the section file does not exist, with a did-you-mean', async () => {
    const ctx = await repo({ 'lib/queue/jobs.py': QUEUE_PY });
    const md = QUEUE_REPORT.replace('`queue/jobs.py`', '`app/queue/jobs.py`');
    const o = await verdictOf(ctx, md, 'Job lifecycle');
    expect(o.verdict).toBe('contradicted');
    expect(o.reason).toMatch(/did you mean lib\/queue\/jobs\.py/);
  });
});

describe('feature: lines with no file of their own', () => {
  const md = `# Exporter
Work touched \`src/export.ts\` and \`queue/jobs.py\`.

## Highlights
- Results export to CSV
- Results export to Parquet for the warehouse
`;
  it('verifies in one of the files the report names, never in a mix of them', async () => {
    const ctx = await repo({ 'src/export.ts': EXPORTER_TS, 'queue/jobs.py': QUEUE_PY });
    expect((await verdictOf(ctx, md, 'CSV')).verdict).toBe('verified');
  });
  it('contradicts a named format that appears nowhere in the repository, the place of a line with no place', async () => {
    const ctx = await repo({ 'src/export.ts': EXPORTER_TS, 'queue/jobs.py': QUEUE_PY });
    const out = await verdictOf(ctx, md, 'Parquet');
    expect(out.verdict).toBe('contradicted');
    expect(out.reason).toMatch(/'parquet' appears nowhere in the repository/);
  });
  it('look-alike: the name in a comment elsewhere is not "nowhere", and in code elsewhere it is found', async () => {
    const commented = await repo({ 'src/export.ts': EXPORTER_TS, 'queue/jobs.py': QUEUE_PY, 'lake/sink.py': '# parquet output is planned\ndef sink(rows):\n    return rows\n' });
    // Not "nowhere": a comment mentions it. Still not in the code of the two files the report names as its work's place.
    const inComment = await verdictOf(commented, md, 'Parquet');
    expect(inComment.reason).not.toMatch(/nowhere/);
    expect(inComment.reason).toMatch(/does not appear in the code of src\/export.ts/);
    const coded = await repo({ 'src/export.ts': EXPORTER_TS, 'queue/jobs.py': QUEUE_PY, 'lake/sink.py': 'import pyarrow.parquet as parquet\n\ndef export_results(rows, path):\n    parquet.write_table(rows, path)\n' });
    const out = await verdictOf(coded, md, 'Parquet');
    expect(out.verdict).not.toBe('contradicted');
    expect(out.evidence.some((e) => e.path === 'lake/sink.py')).toBe(true);
  });
});

describe('feature: section context', () => {
  it('gives a lead-in action to the items under it: outcome, plan and change lead-ins take the items out of feature', () => {
    const md = `## Work
**File**: \`src/parse.ts\`

Verified in the staging run:
- Incremental reparsing of edited ranges

Still to do:
- Streaming tokenizer for large inputs

Removed from the parser:
- Legacy grammar cache

Parser capabilities:
- Bracket matching across lines
`;
    expect(featureClaims(md).map((c) => c.text)).toEqual(['Bracket matching across lines']);
  });
});

describe('feature: a section or label that names a module', () => {
  const GO_LB = `package balancer

type Pool struct{ backends []string; next int }

func (p *Pool) RoundRobin() string { p.next = (p.next + 1) % len(p.backends); return p.backends[p.next] }

func (p *Pool) LeastConnections(active map[string]int) string {
	best := p.backends[0]
	for _, b := range p.backends { if active[b] < active[best] { best = b } }
	return best
}
`;
  const md = `# Status

### Load Balancer
- Round robin and least connections selection
- Weighted consistent hashing
`;
  it('looks in the package the heading names, not in an archived copy', async () => {
    const ctx = await repo({ 'svc/loadbalancer/pool.go': GO_LB, 'svc.v1.backup/loadbalancer/pool.go': 'package balancer\n', 'README.md': 'x\n' });
    const o = await verdictOf(ctx, md, 'Round robin');
    expect(o.verdict, o.reason).toBe('verified');
    expect(o.reason).toMatch(/svc\/loadbalancer\//);
    // Inferred from a heading, not named by the report: an absent term leaves it open, never contradicted.
    expect((await verdictOf(ctx, md, 'consistent hashing')).verdict).toBe('unverifiable');
  });
});

describe('feature: a file listing with a description', () => {
  const md = `# Files
- \`queue/jobs.py\` - SQLite job queue with JSON payloads
- \`queue/jobs.py\` - import pattern
`;
  it('checks the description against the listed file, and a one-word description stays open', async () => {
    const ctx = await repo({ 'queue/jobs.py': QUEUE_PY });
    expect((await verdictOf(ctx, md, 'SQLite job queue')).verdict).toBe('verified');
    expect((await verdictOf(ctx, md, 'import pattern')).verdict).toBe('unverifiable');
  });
});

describe('feature: HTTP routes', () => {
  const APP = `from flask import Flask, Blueprint

app = Flask(__name__)
users = Blueprint("users", __name__, url_prefix="/api/users")


@users.get("/<int:user_id>")
def get_user(user_id):
    return {"id": user_id}


@users.post("/")
def create_user():
    return {}, 201


app.register_blueprint(users)
`;
  const md = `# API
- GET /api/users/{id} - fetch one user
- POST /api/users - create a user (201)
- DELETE /api/users/{id} - remove a user
`;
  it('verifies routes the code registers and contradicts one it does not', async () => {
    const { buildRepoFacts } = await import('../../src/facts/build.js');
    const ctx = await repo({ 'svc/app.py': APP });
    const withFacts = { ...ctx, repoFacts: buildRepoFacts(ctx.snapshot, { model: (p: string) => ctx.model(p) }) } as VerifyContext;
    expect((await verdictOf(withFacts, md, 'GET /api/users')).verdict).toBe('verified');
    expect((await verdictOf(withFacts, md, 'POST /api/users')).verdict).toBe('verified');
    const del = await verdictOf(withFacts, md, 'DELETE /api/users');
    expect(del.verdict).toBe('contradicted');
    expect(del.reason).toMatch(/DELETE \/api\/users\/\{id\} is not among/);
  });
  it('is unverifiable where no framework registration is recognised', async () => {
    const ctx = await repo({ 'svc/app.py': 'print(1)\n' });
    const { buildRepoFacts } = await import('../../src/facts/build.js');
    const withFacts = { ...ctx, repoFacts: buildRepoFacts(ctx.snapshot, { model: (p: string) => ctx.model(p) }) } as VerifyContext;
    expect((await verdictOf(withFacts, md, 'DELETE /api/users')).verdict).toBe('unverifiable');
  });
});

describe('feature: a technology declared in a manifest', () => {
  const files = {
    'web/package.json': '{\n  "name": "web",\n  "dependencies": {\n    "react": "^18.2.0"\n  }\n}\n',
    'web/src/dashboard.ts': 'export function renderDashboard(): string {\n  return "frontend dashboard";\n}\n',
    'api/server.py': 'def dashboard_data():\n    return {"frontend": True}\n',
  };
  const md = `# UI
The work is in \`web/src/dashboard.ts\`.

- Frontend dashboard built with React
- Frontend dashboard built with Svelte
- Frontend dashboard that can react quickly
`;
  async function ctxWithFacts(): Promise<VerifyContext> {
    const ctx = await repo(files);
    const { buildRepoFacts } = await import('../../src/facts/build.js');
    return { ...ctx, repoFacts: buildRepoFacts(ctx.snapshot) };
  }
  it('counts a named library declared in a manifest as evidence where the report named no place', async () => {
    const ctx = await ctxWithFacts();
    const out = await verdictOf(ctx, md, 'with React');
    expect(out.verdict).toBe('verified');
    expect(out.evidence.some((e) => e.path === 'web/package.json' && e.line === 4)).toBe(true);
  });
  it('look-alike: an undeclared library stays unfound, and a lower-case word is not taken for the library', async () => {
    const ctx = await ctxWithFacts();
    expect((await verdictOf(ctx, md, 'Svelte')).verdict).not.toBe('verified');
    const plain = await verdictOf(ctx, md, 'react quickly');
    expect(plain.evidence.some((e) => e.path === 'web/package.json')).toBe(false);
    expect(plain.verdict).not.toBe('verified');
  });
});

describe('feature: tables of outcomes and of requirements', () => {
  it('leaves a row whose marked cell states an outcome, and takes a row whose lone mark stands beside a description', () => {
    const md = `# Health

| Check | Result |
|-------|--------|
| Type checking | ✅ No errors |

| Requirement | Status | Details |
|-------------|--------|---------|
| Job storage | ✅ | SQLite table for jobs with retry counts |
`;
    const texts = featureClaims(md).map((c) => c.text);
    expect(texts.some((t) => /No errors/.test(t))).toBe(false);
    expect(texts.some((t) => /SQLite table for jobs/.test(t))).toBe(true);
  });
});

describe('feature: a part handled beside a placeholder', () => {
  const CLI_GO = `package main

import "fmt"

var batchFile string

func register() {
	flags.StringVar(&batchFile, "batch", "", "answers file for batch mode")
	flags.Bool("interactive", true, "ask questions interactively")
}

func run(interactive bool) error {
	if batchFile != "" {
		interactive = false
		// TODO: load the batch answers
		fmt.Println("batch answers not loaded yet")
	}
	return ask(interactive)
}

func ask(interactive bool) error {
	if interactive {
		fmt.Println("question")
	}
	return nil
}
`;
  const md = '# CLI\n**File**: `cmd/cli.go`\n\n- Interactive and batch modes\n';
  const todo = (line: number): Finding => ({ id: 'f', ruleId: 'placeholder/todo-comment', category: 'placeholder', severity: 'warning', path: 'cmd/cli.go', line, endLine: line, message: 'TODO comment marks unfinished work' });
  it('contradicts a capability one of whose parts sits beside a TODO in the function that handles it', async () => {
    const ctx = await repo({ 'cmd/cli.go': CLI_GO }, [todo(15)]);
    const out = await verdictOf(ctx, md, 'batch modes');
    expect(out.verdict).toBe('contradicted');
    expect(out.reason).toMatch(/'(?:batch|interactive)' \(cmd\/cli\.go:1[34]\) is handled beside a placeholder in run/);
  });
  it('look-alike: a TODO elsewhere in the file, away from the terms, leaves the capability verified', async () => {
    const ctx = await repo({ 'cmd/cli.go': CLI_GO + '\nfunc later() {\n\t// TODO: colour output\n\tfmt.Println("plain")\n}\n' }, [todo(30)]);
    expect((await verdictOf(ctx, md, 'batch modes')).verdict).toBe('verified');
  });
});

describe("feature: the report's own tree annotations name a section's folder", () => {
  const md = `# Build summary

## Layout
\`\`\`
tool/
├── internal/
│   ├── spec/        # Specification parser (2 files)
│   └── store/       # Safe storage ops (1 file)
└── go.mod
\`\`\`

## Components

#### Specification Parser (US1)
- Markdown front matter reading
- Checksums with SHA-256 (REQ-12)

#### Safe Storage Operations
- Atomic writes

#### Report Renderer
- Markdown front matter reading
`;
  const files = {
    'go.mod': 'module example.invalid/tool\n',
    'internal/spec/parse.go': 'package spec\n\nimport "crypto/sha256"\n\nfunc ReadFrontMatter(markdown string) string {\n\tchecksum := sha256.Sum256([]byte(markdown))\n\t_ = checksum\n\treturn markdown\n}\n',
    'internal/store/write.go': 'package store\n\nfunc AtomicWrite(path string, data []byte) error {\n\treturn writeTemp(path, data)\n}\n',
    'README.md': 'front matter markdown reading\n',
  };
  it('looks in the folder whose annotation the heading repeats, and reads SHA-256 as one name without the requirement id', async () => {
    const ctx = await repo(files);
    const front = await verdictOf(ctx, md, 'Markdown front matter');
    expect(front.verdict).toBe('verified');
    expect(front.reason).toMatch(/internal\/spec\/ \(the module its label or section names\)/);
    const sha = await verdictOf(ctx, md, 'SHA256');
    expect(sha.verdict).toBe('verified');
    expect((await verdictOf(ctx, md, 'Atomic writes')).verdict).toBe('verified');
  });
  it('look-alike: a heading no annotation matches gets no folder from the tree', async () => {
    const ctx = await repo(files);
    const claims = featureClaims(md).filter((c) => c.text.includes('front matter'));
    expect(claims).toHaveLength(1);
    const doc = parseClaimDocument('REPORT.md', md);
    const { glossaryPlace } = await import('../../src/claims/glossary.js');
    expect(glossaryPlace(ctx, doc, 'Report Renderer')).toBeNull();
    expect(glossaryPlace(ctx, doc, 'Specification Parser (US1)')?.path).toBe('internal/spec');
  });
});

describe('feature: requirement ids are references', () => {
  it('drops FR-013 and (US-2) from the terms, and keeps SHA-256 and UTF-8 as names', () => {
    const md = '| Req | Done | How |\n|---|---|---|\n| **FR-013**: Linter validation | ✅ | lint output as JSON |\n\n- Checksums with SHA-256 (US-2)\n- UTF-8 output encoding\n';
    const terms = featureClaims(md).map((c) => (c.data.terms as { word: string }[]).map((t) => t.word).join(' '));
    expect(terms.some((t) => /fr013|fr|us2/.test(t))).toBe(false);
    expect(terms).toContain('checksums sha256');
    expect(terms.some((t) => t.includes('utf8'))).toBe(true);
  });
});

describe('feature: routes a framework serves itself', () => {
  const app = (extra: string) => `from fastapi import FastAPI\n\napp = FastAPI(${extra})\n\n\n@app.get("/users")\ndef list_users():\n    return []\n`;
  const md = '# API\n- GET /docs - Swagger UI\n- GET /redoc - ReDoc\n- GET /admin - admin page\n';
  async function withFacts(source: string): Promise<VerifyContext> {
    const { buildRepoFacts } = await import('../../src/facts/build.js');
    const ctx = await repo({ 'svc/main.py': source });
    return { ...ctx, repoFacts: buildRepoFacts(ctx.snapshot, { model: (p: string) => ctx.model(p) }) } as VerifyContext;
  }
  it("verifies FastAPI's /docs and /redoc, and still contradicts a route nobody serves", async () => {
    const ctx = await withFacts(app(''));
    expect((await verdictOf(ctx, md, 'GET /docs')).verdict).toBe('verified');
    expect((await verdictOf(ctx, md, 'GET /redoc')).verdict).toBe('verified');
    expect((await verdictOf(ctx, md, 'GET /admin')).verdict).toBe('contradicted');
  });
  it('look-alike: docs_url=None turns the default off', async () => {
    const ctx = await withFacts(app('docs_url=None'));
    expect((await verdictOf(ctx, md, 'GET /docs')).verdict).toBe('contradicted');
  });
});
