import { describe, expect, it } from 'vitest';
import { factsOf } from './helpers.js';
import { dockerInstructions } from '../../src/facts/containers.js';

describe('Dockerfiles and compose files', () => {
  it('reads stages, base images, USER, HEALTHCHECK and EXPOSE with lines', async () => {
    const facts = await factsOf({
      'Dockerfile': [
        '# syntax=docker/dockerfile:1',
        'FROM --platform=$BUILDPLATFORM golang:1.22-alpine AS build',
        'RUN go build \\',
        '    -o /out/api ./cmd/api',
        '# USER root (commented out)',
        'FROM gcr.io/distroless/static:nonroot',
        'COPY --from=build /out/api /api',
        'USER nonroot:nonroot',
        'EXPOSE 8080 9090/tcp',
        'HEALTHCHECK --interval=30s CMD ["/api", "health"]',
      ].join('\n'),
      'deploy/worker.Dockerfile': 'FROM python:3.12-slim\nUSER app\n',
      'docs/Dockerfile.md': 'FROM nothing — this is a markdown file\n',
    });
    expect(facts.dockerfiles.map((d) => d.path)).toEqual(['Dockerfile', 'deploy/worker.Dockerfile']);
    const [build, run] = facts.dockerfiles[0]!.stages;
    expect(build).toMatchObject({ name: 'build', base: 'golang:1.22-alpine', line: 2, users: [] });
    expect(run).toMatchObject({ name: null, base: 'gcr.io/distroless/static:nonroot', line: 6 });
    expect(run!.users).toEqual([{ path: 'Dockerfile', line: 8, value: 'nonroot:nonroot' }]);
    expect(run!.exposes.map((e) => e.value)).toEqual(['8080', '9090/tcp']);
    expect(run!.healthchecks[0]!.line).toBe(10);
    expect(dockerInstructions('RUN a \\\n  b\nCMD x').map((i) => [i.keyword, i.args, i.line])).toEqual([['RUN', 'a b', 1], ['CMD', 'x', 3]]);
  });

  it('reads compose services with image, build, ports, healthcheck and depends_on', async () => {
    const facts = await factsOf({
      'docker-compose.yml': [
        'services:',
        '  api:',
        '    build:',
        '      context: ./api',
        '    ports:',
        '      - "8080:8080"',
        '      - target: 9090',
        '        published: 19090',
        '    depends_on:',
        '      db:',
        '        condition: service_healthy',
        '  db:',
        '    image: postgres:16',
        '    healthcheck:',
        '      test: ["CMD", "pg_isready"]',
        '  cache:',
        '    image: redis:7',
        '    depends_on: [db]',
      ].join('\n'),
      'compose.override.yaml': 'services:\n  api:\n    build: .\n',
    });
    const api = facts.composeServices.find((s) => s.path === 'docker-compose.yml' && s.name === 'api')!;
    expect(api).toMatchObject({ line: 2, build: './api', image: null, ports: ['8080:8080', '19090:9090'], dependsOn: ['db'], healthcheck: false });
    expect(facts.composeServices.find((s) => s.name === 'db')).toMatchObject({ image: 'postgres:16', healthcheck: true, line: 12 });
    expect(facts.composeServices.find((s) => s.name === 'cache')!.dependsOn).toEqual(['db']);
    expect(facts.composeServices.find((s) => s.path === 'compose.override.yaml')!.build).toBe('.');
  });
});

describe('Kubernetes, Helm, CI and config keys', () => {
  it('finds Kubernetes objects in multi-document YAML, not YAML that merely has a kind key', async () => {
    const facts = await factsOf({
      'k8s/app.yaml': 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: api\n---\napiVersion: v1\nkind: Service\nmetadata:\n  name: api\n',
      'data/animals.yaml': 'kind: mammal\nname: otter\n',
      'config/pipeline.yaml': 'steps:\n  - kind: Deployment\n    apiVersion: apps/v1\n',
      'k8s/broken.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata: [unclosed\n',
    });
    expect(facts.k8sObjects.map((k) => `${k.path}:${k.line} ${k.kind} ${k.name}`)).toEqual(['k8s/app.yaml:1 Deployment api', 'k8s/app.yaml:6 Service api']);
    expect(facts.problems.some((p) => p.path === 'k8s/broken.yaml')).toBe(true);
  });

  it('reads Helm charts: Chart.yaml, templated manifests and values keys', async () => {
    const facts = await factsOf({
      'charts/shop/Chart.yaml': 'apiVersion: v2\nname: shop\nversion: 0.3.1\n',
      'charts/shop/values.yaml': 'image:\n  repository: shop\n  tag: latest\nreplicaCount: 2\n',
      'charts/shop/templates/deployment.yaml': '{{- if .Values.enabled }}\napiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: {{ include "shop.fullname" . }}\nspec:\n  replicas: {{ .Values.replicaCount }}\n{{- end }}\n',
      'charts/shop/templates/_helpers.tpl': '{{- define "shop.fullname" -}}shop{{- end }}\n',
    });
    expect(facts.helmCharts).toHaveLength(1);
    expect(facts.helmCharts[0]).toMatchObject({ dir: 'charts/shop', name: 'shop', version: '0.3.1' });
    expect(facts.helmCharts[0]!.values.map((v) => `${v.key}@${v.line}`)).toEqual(['image@1', 'image.repository@2', 'image.tag@3', 'replicaCount@4']);
    expect(facts.k8sObjects).toEqual([{ path: 'charts/shop/templates/deployment.yaml', line: 2, apiVersion: 'apps/v1', kind: 'Deployment', name: 'tpl', chart: 'charts/shop' }]);
  });

  it('reads GitHub Actions jobs and steps and GitLab jobs without global keywords or hidden templates', async () => {
    const facts = await factsOf({
      '.github/workflows/ci.yml': 'name: CI\non: [push]\njobs:\n  test:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n      - name: Run tests\n        run: go test ./...\n  lint:\n    name: Lint code\n    runs-on: ubuntu-latest\n',
      '.gitlab-ci.yml': 'stages: [build, test]\nvariables:\n  GO: "1.22"\n.base:\n  image: golang\nunit-tests:\n  extends: .base\n  script: [go test ./...]\n',
    });
    expect(facts.ciJobs.map((j) => `${j.system} ${j.name}@${j.line}`)).toEqual(['github-actions test@4', 'github-actions Lint code@10', 'gitlab-ci unit-tests@6']);
    expect(facts.ciJobs[0]!.steps).toEqual([
      { path: '.github/workflows/ci.yml', line: 7, name: null, uses: 'actions/checkout@v4' },
      { path: '.github/workflows/ci.yml', line: 8, name: 'Run tests', uses: null },
    ]);
    expect(facts.ciJobs[0]!.workflow).toBe('CI');
  });

  it('reads .env examples and config files, not commented variables or unrelated JSON', async () => {
    const facts = await factsOf({
      '.env.example': '# Database\nDATABASE_URL=postgres://localhost/app\nexport REDIS_URL=\n# SENTRY_DSN=\n',
      'deploy/prod.env.example': 'JWT_SECRET=change-me\n',
      'config/app.yaml': 'server:\n  port: 8080\n  tls:\n    enabled: true\n',
      'settings.json': '{"featureFlags": {"newCheckout": true}}',
      'config/limits.toml': '[rate]\nper_minute = 60\n',
      'data/users.json': '{"alice": 1}',
      '.env': 'SHOULD_NOT_BE_READ=1\n',
    });
    const keys = facts.configKeys.map((k) => `${k.source} ${k.path}:${k.line} ${k.key}`);
    expect(keys).toEqual([
      'env-example .env.example:2 DATABASE_URL',
      'env-example .env.example:3 REDIS_URL',
      'config config/app.yaml:1 server',
      'config config/app.yaml:2 server.port',
      'config config/app.yaml:3 server.tls',
      'config config/app.yaml:4 server.tls.enabled',
      'config config/limits.toml:1 rate',
      'config config/limits.toml:2 rate.per_minute',
      'env-example deploy/prod.env.example:1 JWT_SECRET',
      'config settings.json:1 featureFlags',
      'config settings.json:1 featureFlags.newCheckout',
    ]);
    expect(facts.terms().filter((t) => t.kind === 'env-key').map((t) => t.term)).toEqual(['DATABASE_URL', 'REDIS_URL', 'JWT_SECRET']);
  });
});
