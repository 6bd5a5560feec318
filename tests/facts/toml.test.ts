import { describe, expect, it } from 'vitest';
import { parseToml, TomlError } from '../../src/facts/toml.js';

describe('TOML reader', () => {
  it('reads tables, arrays of tables, dotted keys, strings and arrays with lines', () => {
    const doc = parseToml(
      [
        '# a manifest',
        'title = "demo"',
        '[project]',
        'name = \'orders\'',
        'dependencies = [',
        '  "httpx>=0.27",  # client',
        '  "pydantic[email]~=2.6",',
        ']',
        'urls.home = "https://example.invalid"',
        '[tool.poetry.dependencies]',
        'python = "^3.11"',
        'celery = { version = "^5.3", extras = ["redis"] }',
        '[[package]]',
        'name = "anyio"',
        'version = "4.3.0"',
        '[[package]]',
        'name = "idna"',
        'version = "3.6"',
        'multi = """',
        'two',
        'lines"""',
        'n = 1_000',
        'when = 2024-05-01T10:00:00Z',
      ].join('\n'),
    );
    const project = doc.data['project'] as Record<string, unknown>;
    expect(project['dependencies']).toEqual(['httpx>=0.27', 'pydantic[email]~=2.6']);
    expect(doc.lines.get('project.dependencies.0')).toBe(6);
    expect(doc.lines.get('project.dependencies.1')).toBe(7);
    expect((project['urls'] as Record<string, unknown>)['home']).toBe('https://example.invalid');
    expect(doc.lines.get('tool.poetry.dependencies.celery')).toBe(12);
    const pkgs = doc.data['package'] as Record<string, unknown>[];
    expect(pkgs.map((p) => p['name'])).toEqual(['anyio', 'idna']);
    expect(doc.lines.get('package.1.name')).toBe(17);
    expect(pkgs[1]!['multi']).toBe('two\nlines');
    expect(pkgs[1]!['n']).toBe(1000);
    expect(pkgs[1]!['when']).toBe('2024-05-01T10:00:00Z');
  });

  it('names the line of a malformed document', () => {
    expect(() => parseToml('[project]\nname = "x\n')).toThrow(TomlError);
    expect(() => parseToml('a = 1\nb = [1, 2\nc = 3')).toThrow(/line 3/);
  });
});
