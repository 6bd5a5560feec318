/**
 * Dockerfiles (`Dockerfile`, `Dockerfile.*`, `*.Dockerfile`, `Containerfile`):
 * stages with their base image, USER, HEALTHCHECK and EXPOSE, read
 * instruction by instruction (line continuations joined, comments and parser
 * directives dropped). Compose files (`docker-compose*.yml`,
 * `compose*.yaml`): services with image, build context, ports, healthcheck
 * and depends_on.
 */
import { basename, isForeign, type FactSource } from './source.js';
import { child, itemsOf, pairOf, pairsOf, readYaml, scalarText, isMap } from './yamlfile.js';
import type { ComposeService, DockerInstruction, DockerStage, Dockerfile } from './types.js';

export function isDockerfile(path: string): boolean {
  const b = basename(path);
  // `Dockerfile.md` documents a Dockerfile; it is not one.
  if (/\.(?:md|markdown|txt|rst|adoc|html?|orig|bak|swp|sh|py|js|ts|go|json|ya?ml)$/i.test(b)) return false;
  return /^(?:Dockerfile|Containerfile)(?:[.-][\w.-]+)?$/i.test(b) || /\.(?:Dockerfile|Containerfile)$/i.test(b);
}

export function isComposeFile(path: string): boolean {
  return /^(?:docker-)?compose(?:[.-][\w.-]+)?\.ya?ml$/i.test(basename(path));
}

/** Instructions of a Dockerfile: keyword (upper case), arguments, first line. */
export function dockerInstructions(text: string): { keyword: string; args: string; line: number }[] {
  const out: { keyword: string; args: string; line: number }[] = [];
  const lines = text.split('\n');
  let escape = '\\';
  let pending: { keyword: string; args: string; line: number } | null = null;
  for (let n = 0; n < lines.length; n++) {
    const raw = lines[n]!.replace(/\r$/, '');
    const directive = /^#\s*escape\s*=\s*(\S)/i.exec(raw);
    if (directive && out.length === 0 && !pending) escape = directive[1]!;
    if (/^\s*#/.test(raw)) continue;
    let line = raw;
    const continues = line.trimEnd().endsWith(escape);
    if (continues) line = line.trimEnd().slice(0, -1);
    if (pending) pending.args += ' ' + line.trim();
    else if (line.trim()) {
      const m = /^\s*([A-Za-z]+)\s*(.*)$/.exec(line);
      if (m) pending = { keyword: m[1]!.toUpperCase(), args: m[2]!.trim(), line: n + 1 };
    }
    if (!continues && pending) {
      out.push({ ...pending, args: pending.args.trim() });
      pending = null;
    }
  }
  if (pending) out.push(pending);
  return out;
}

export function parseDockerfile(path: string, text: string): Dockerfile {
  const stages: DockerStage[] = [];
  for (const ins of dockerInstructions(text)) {
    const value: DockerInstruction = { path, line: ins.line, value: ins.args };
    if (ins.keyword === 'FROM') {
      const words = ins.args.split(/\s+/).filter((w) => !w.startsWith('--'));
      const as = words.findIndex((w) => w.toLowerCase() === 'as');
      stages.push({ path, line: ins.line, base: words[0] ?? '', name: as >= 0 ? (words[as + 1] ?? null) : null, users: [], healthchecks: [], exposes: [] });
      continue;
    }
    const stage = stages[stages.length - 1];
    if (!stage) continue;
    if (ins.keyword === 'USER') stage.users.push(value);
    else if (ins.keyword === 'HEALTHCHECK') stage.healthchecks.push(value);
    else if (ins.keyword === 'EXPOSE') for (const port of ins.args.split(/\s+/).filter(Boolean)) stage.exposes.push({ path, line: ins.line, value: port });
  }
  return { path, stages };
}

export function extractDockerfiles(src: FactSource): Dockerfile[] {
  const out: Dockerfile[] = [];
  for (const path of src.files) {
    if (!isDockerfile(path) || isForeign(path)) continue;
    const text = src.read(path);
    if (text === null) continue;
    const d = parseDockerfile(path, text);
    if (d.stages.length) out.push(d);
    else src.problem(path, 'no FROM instruction: not read as a Dockerfile');
  }
  return out;
}

export function extractCompose(src: FactSource): ComposeService[] {
  const out: ComposeService[] = [];
  for (const path of src.files) {
    if (!isComposeFile(path) || isForeign(path)) continue;
    const text = src.read(path);
    if (text === null) continue;
    let y;
    try {
      y = readYaml(text);
    } catch (err) {
      src.problem(path, (err as Error).message);
      continue;
    }
    for (const doc of y.docs) {
      const services = child(doc.contents, 'services');
      for (const p of pairsOf(services)) {
        const name = scalarText(p.key);
        if (!name) continue;
        const body = p.value;
        const build = child(body, 'build');
        const ports = itemsOf(child(body, 'ports')).map((item) => {
          if (isMap(item)) {
            const published = scalarText(child(item, 'published'));
            const target = scalarText(child(item, 'target'));
            return published ? `${published}:${target ?? ''}` : (target ?? '');
          }
          return scalarText(item) ?? '';
        });
        const dependsNode = child(body, 'depends_on');
        const dependsOn = isMap(dependsNode) ? pairsOf(dependsNode).map((d) => scalarText(d.key) ?? '') : itemsOf(dependsNode).map((d) => scalarText(d) ?? '');
        out.push({
          path,
          line: y.lineOf(p),
          name,
          image: scalarText(child(body, 'image')),
          build: scalarText(build) ?? scalarText(child(build, 'context')) ?? (build ? '.' : null),
          ports: ports.filter(Boolean),
          healthcheck: !!pairOf(body, 'healthcheck') && scalarText(child(child(body, 'healthcheck'), 'disable')) !== 'true',
          dependsOn: dependsOn.filter(Boolean),
        });
      }
    }
  }
  return out;
}
