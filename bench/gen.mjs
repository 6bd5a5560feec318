// Generates a deterministic mixed Go/Python/TypeScript repository of about
// `lines` lines, with seeded placeholders and a status report whose claims
// are partly true. Same seed, same bytes.
import { mkdirSync, writeFileSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';

function rng(seed) {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const WORDS = ['fabric', 'switch', 'route', 'policy', 'tenant', 'vlan', 'port', 'peer', 'lease', 'zone', 'queue', 'ledger', 'order', 'invoice', 'cache', 'shard'];

function pick(r, arr) {
  return arr[Math.floor(r() * arr.length)];
}
const cap = (s) => s[0].toUpperCase() + s.slice(1);

function pyModule(r, i, seeded) {
  const a = pick(r, WORDS), b = pick(r, WORDS);
  const cls = `${cap(a)}${cap(b)}Manager${i}`;
  const out = [`"""Manage ${a} ${b} records for region ${i}."""`, 'import json', 'import logging', 'from dataclasses import dataclass', '', 'log = logging.getLogger(__name__)', ''];
  out.push('@dataclass', `class ${cap(a)}Record${i}:`, '    name: str', '    size: int = 0', '');
  out.push(`class ${cls}:`, `    """Keeps ${a} state in memory and on disk."""`, '', '    def __init__(self, store):', '        self.store = store', '        self.items = {}', '');
  const methods = 8 + Math.floor(r() * 6);
  for (let m = 0; m < methods; m++) {
    const name = `${pick(r, ['load', 'save', 'merge', 'sync', 'check', 'count', 'prune'])}_${pick(r, WORDS)}_${m}`;
    out.push(`    def ${name}(self, key, value=None):`, `        """${cap(name.replace(/_/g, ' '))}."""`);
    if (seeded && m === 2) out.push('        # TODO: handle conflicts between replicas');
    if (seeded && m === 4) out.push('        # For now, simulate successful sync', '        return {"success": True}', '');
    else {
      out.push('        current = self.items.get(key)', '        if current is None:', '            current = self.store.get(key, {})', `        merged = dict(current, ${a}=value)`, '        self.items[key] = merged', '        log.debug("updated %s", key)', '        return json.dumps(merged, sort_keys=True)', '');
    }
  }
  const fns = 4 + Math.floor(r() * 4);
  for (let f = 0; f < fns; f++) {
    out.push(`def helper_${a}_${f}(values):`, '    total = 0', '    for v in values:', '        if v > 0:', '            total += v', '        else:', '            total -= v', '    return total', '');
  }
  return out.join('\n') + '\n';
}

function goFile(r, i, seeded) {
  const a = pick(r, WORDS);
  const T = `${cap(a)}Store${i}`;
  const out = [`// Package ${a}${i} keeps ${a} records.`, `package ${a}${i}`, '', 'import (', '\t"errors"', '\t"fmt"', '\t"sort"', ')', ''];
  out.push(`// ${T} holds ${a} records in memory.`, `type ${T} struct {`, '\titems map[string]int', '\tnames []string', '}', '');
  out.push(`// New${T} builds an empty store.`, `func New${T}() *${T} {`, `\treturn &${T}{items: map[string]int{}}`, '}', '');
  const methods = 10 + Math.floor(r() * 6);
  for (let m = 0; m < methods; m++) {
    const name = `${pick(r, ['Load', 'Save', 'Merge', 'Sync', 'Check', 'Count', 'Prune'])}${cap(pick(r, WORDS))}${m}`;
    out.push(`// ${name} updates one record.`, `func (s *${T}) ${name}(key string, v int) (int, error) {`);
    if (seeded && m === 3) out.push('\t// TODO: validate keys against the schema');
    if (seeded && m === 5) out.push('\tpanic("not implemented")', '}', '');
    else out.push('\tif key == "" {', '\t\treturn 0, errors.New("empty key")', '\t}', '\told := s.items[key]', '\ts.items[key] = old + v', '\ts.names = append(s.names, key)', '\tsort.Strings(s.names)', '\treturn old, nil', '}', '');
  }
  out.push(`func describe${i}(s *${T}) string {`, '\treturn fmt.Sprintf("%d records", len(s.items))', '}', '');
  return out.join('\n');
}

function tsFile(r, i, seeded) {
  const a = pick(r, WORDS);
  const C = `${cap(a)}Service${i}`;
  const out = [`/** ${cap(a)} service ${i}. */`, `import { EventEmitter } from 'node:events';`, '', `export interface ${cap(a)}Item${i} {`, '  id: string;', '  size: number;', '}', ''];
  out.push(`export class ${C} extends EventEmitter {`, `  private readonly items = new Map<string, ${cap(a)}Item${i}>();`, '');
  const methods = 8 + Math.floor(r() * 6);
  for (let m = 0; m < methods; m++) {
    const name = `${pick(r, ['load', 'save', 'merge', 'sync', 'check', 'count', 'prune'])}${cap(pick(r, WORDS))}${m}`;
    out.push(`  /** ${name} one item. */`, `  ${name}(id: string, size: number): number {`);
    if (seeded && m === 1) out.push('    // FIXME: sizes are not validated');
    if (seeded && m === 3) out.push('    throw new Error("Not implemented");', '  }', '');
    else out.push('    const prev = this.items.get(id);', '    const next = { id, size: (prev?.size ?? 0) + size };', '    this.items.set(id, next);', "    this.emit('changed', next);", '    return next.size;', '  }', '');
  }
  out.push('}', '', `export function total${i}(values: number[]): number {`, '  return values.reduce((acc, v) => acc + Math.abs(v), 0);', '}', '');
  return out.join('\n');
}

/** Writes the repository; returns { root, files, lines, seededPy, ... }. */
export function generate(root, targetLines = 100_000, seed = 42) {
  rmSync(root, { recursive: true, force: true });
  const r = rng(seed);
  let lines = 0;
  let i = 0;
  const files = [];
  const write = (p, text) => {
    const abs = join(root, p);
    mkdirSync(dirname(abs), { recursive: true });
    writeFileSync(abs, text);
    files.push(p);
    lines += text.split('\n').length - 1;
  };
  const seeded = [];
  while (lines < targetLines) {
    const s = i % 7 === 0;
    const kind = i % 3;
    if (kind === 0) write(`py/pkg${Math.floor(i / 30)}/mod_${i}.py`, pyModule(r, i, s));
    else if (kind === 1) write(`go/${pick(r, WORDS)}${i}/store.go`, goFile(r, i, s));
    else write(`ts/src/service_${i}.ts`, tsFile(r, i, s));
    if (s) seeded.push(files[files.length - 1]);
    i++;
  }
  write('go/go.mod', 'module example.com/bench\n\ngo 1.21\n');
  const first = files[0];
  write(
    'docs/reports/BENCH_REPORT.md',
    [
      '# Benchmark Repository - Implementation Complete',
      '',
      '## Summary',
      `**Status**: ✅ COMPLETE - ${files.length} files generated`,
      '',
      '### Core module',
      `**File**: \`${first}\``,
      '- **Implementation**: 120 lines, 9 methods, 2 classes',
      '- No TODO comments remain',
      '',
      '### Tests',
      '- **Tests**: 57/57 passing',
      '',
    ].join('\n'),
  );
  return { root, files: files.length, lines, seeded };
}
