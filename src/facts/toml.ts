/**
 * A TOML reader for manifests (pyproject.toml, Pipfile, poetry.lock,
 * uv.lock, Cargo-like files): tables, arrays of tables, dotted and quoted
 * keys, strings (basic, literal, multi-line), numbers, booleans, dates (kept
 * as text), arrays and inline tables. It records the line of every key so
 * facts carry path:line. No TOML package is among the dependencies, and the
 * manifests need nothing more than this.
 */

export type TomlValue = string | number | boolean | TomlValue[] | TomlTable;
export interface TomlTable {
  [key: string]: TomlValue;
}

export interface TomlDocument {
  data: TomlTable;
  /** Line of each key, by dotted path (array-of-table entries by index: `package.3.name`). */
  lines: Map<string, number>;
}

export class TomlError extends Error {
  constructor(
    message: string,
    readonly line: number,
  ) {
    super(`line ${line}: ${message}`);
  }
}

/** Parses a TOML document; throws TomlError with the line of the first error. */
export function parseToml(text: string): TomlDocument {
  return new Reader(text).document();
}

class Reader {
  private i = 0;
  private line = 1;
  private readonly data: TomlTable = {};
  private readonly lines = new Map<string, number>();
  /** The line each element of an array starts on (a dependency list gives one line per entry). */
  private readonly elementLines = new WeakMap<TomlValue[], number[]>();

  constructor(private readonly s: string) {}

  document(): TomlDocument {
    let table: TomlTable = this.data;
    let prefix: string[] = [];
    for (;;) {
      this.skipBlank(true);
      if (this.i >= this.s.length) break;
      const c = this.s[this.i];
      if (c === '[') {
        const array = this.s[this.i + 1] === '[';
        this.i += array ? 2 : 1;
        this.skipBlank(false);
        const path = this.key();
        this.skipBlank(false);
        if (!this.eat(array ? ']]' : ']')) this.fail(`expected ${array ? ']]' : ']'} after the table name`);
        const at = this.line;
        ({ table, prefix } = array ? this.arrayTable(path, at) : this.table(path, at));
        this.endOfLine();
        continue;
      }
      const at = this.line;
      const key = this.key();
      this.skipBlank(false);
      if (!this.eat('=')) this.fail(`expected = after key ${key.join('.')}`);
      this.skipBlank(false);
      const value = this.value();
      this.assign(table, key, value, prefix, at);
      this.endOfLine();
    }
    return { data: this.data, lines: this.lines };
  }

  private table(path: string[], at: number): { table: TomlTable; prefix: string[] } {
    let t = this.data;
    const real: string[] = [];
    for (const k of path) {
      let next = t[k];
      if (Array.isArray(next)) {
        // `[a.b]` after `[[a]]` names a table inside a's last entry.
        real.push(k, String(next.length - 1));
        next = next[next.length - 1];
      } else {
        if (next === undefined) {
          next = {};
          t[k] = next;
        }
        real.push(k);
      }
      if (typeof next !== 'object' || next === null || Array.isArray(next)) this.fail(`${path.join('.')} is not a table`);
      t = next as TomlTable;
    }
    this.lines.set(real.join('.'), at);
    return { table: t, prefix: real };
  }

  private arrayTable(path: string[], at: number): { table: TomlTable; prefix: string[] } {
    const parent = this.table(path.slice(0, -1), at);
    const last = path[path.length - 1]!;
    let arr = parent.table[last];
    if (arr === undefined) {
      arr = [];
      parent.table[last] = arr;
    }
    if (!Array.isArray(arr)) this.fail(`${path.join('.')} is not an array of tables`);
    const entry: TomlTable = {};
    arr.push(entry);
    const prefix = [...parent.prefix, last, String(arr.length - 1)];
    this.lines.set(prefix.join('.'), at);
    if (!this.lines.has([...parent.prefix, last].join('.'))) this.lines.set([...parent.prefix, last].join('.'), at);
    return { table: entry, prefix };
  }

  private assign(table: TomlTable, key: string[], value: TomlValue, prefix: string[], at: number): void {
    let t = table;
    for (const k of key.slice(0, -1)) {
      let next = t[k];
      if (next === undefined) {
        next = {};
        t[k] = next;
      }
      if (typeof next !== 'object' || Array.isArray(next)) this.fail(`${key.join('.')}: ${k} is not a table`);
      t = next as TomlTable;
    }
    t[key[key.length - 1]!] = value;
    const full = [...prefix, ...key].join('.');
    this.lines.set(full, at);
    this.recordInline(full, value, at);
  }

  /** Keys inside inline tables and arrays are on the line where their value starts, at best. */
  private recordInline(path: string, value: TomlValue, at: number): void {
    if (Array.isArray(value)) {
      const starts = this.elementLines.get(value);
      value.forEach((v, n) => {
        const line = starts?.[n] ?? at;
        this.lines.set(`${path}.${n}`, line);
        this.recordInline(`${path}.${n}`, v, line);
      });
    }
    else if (typeof value === 'object') for (const [k, v] of Object.entries(value)) {
      if (!this.lines.has(`${path}.${k}`)) this.lines.set(`${path}.${k}`, at);
      this.recordInline(`${path}.${k}`, v, at);
    }
  }

  private key(): string[] {
    const parts: string[] = [];
    for (;;) {
      this.skipBlank(false);
      const c = this.s[this.i];
      if (c === '"') parts.push(this.basicString());
      else if (c === "'") parts.push(this.literalString());
      else {
        const m = /^[A-Za-z0-9_-]+/.exec(this.s.slice(this.i, this.i + 256));
        if (!m) this.fail('expected a key');
        parts.push(m![0]);
        this.i += m![0].length;
      }
      this.skipBlank(false);
      if (this.s[this.i] === '.') {
        this.i++;
        continue;
      }
      return parts;
    }
  }

  private value(): TomlValue {
    const c = this.s[this.i];
    if (c === '"') return this.s.startsWith('"""', this.i) ? this.multiline('"""') : this.basicString();
    if (c === "'") return this.s.startsWith("'''", this.i) ? this.multiline("'''") : this.literalString();
    if (c === '[') return this.array();
    if (c === '{') return this.inlineTable();
    const m = /^[^\s,\]}#]+/.exec(this.s.slice(this.i, this.i + 128));
    if (!m) this.fail('expected a value');
    let raw = m![0];
    this.i += raw.length;
    // A date-time may have one space between date and time.
    const time = /^ \d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:\d{2})?/.exec(this.s.slice(this.i, this.i + 40));
    if (/^\d{4}-\d{2}-\d{2}$/.test(raw) && time) {
      raw += time[0];
      this.i += time[0].length;
    }
    if (raw === 'true') return true;
    if (raw === 'false') return false;
    if (/^[+-]?(?:\d[\d_]*)(?:\.\d[\d_]*)?(?:[eE][+-]?\d+)?$/.test(raw)) return Number(raw.replace(/_/g, ''));
    if (/^0x[0-9a-fA-F_]+$|^0o[0-7_]+$|^0b[01_]+$/.test(raw)) return Number(raw.replace(/_/g, ''));
    if (/^[+-]?(?:inf|nan)$/.test(raw)) return raw.includes('nan') ? Number.NaN : raw.startsWith('-') ? -Infinity : Infinity;
    if (/^\d{4}-\d{2}-\d{2}|^\d{2}:\d{2}/.test(raw)) return raw;
    this.fail(`unexpected value ${raw.slice(0, 40)}`);
  }

  private array(): TomlValue[] {
    this.i++;
    const out: TomlValue[] = [];
    const starts: number[] = [];
    this.elementLines.set(out, starts);
    for (;;) {
      this.skipBlank(true);
      if (this.s[this.i] === ']') {
        this.i++;
        return out;
      }
      if (this.i >= this.s.length) this.fail('unterminated array');
      starts.push(this.line);
      out.push(this.value());
      this.skipBlank(true);
      if (this.s[this.i] === ',') this.i++;
      else if (this.s[this.i] !== ']') this.fail('expected , or ] in an array');
    }
  }

  private inlineTable(): TomlTable {
    this.i++;
    const out: TomlTable = {};
    this.skipBlank(false);
    if (this.s[this.i] === '}') {
      this.i++;
      return out;
    }
    for (;;) {
      this.skipBlank(true);
      const key = this.key();
      if (!this.eat('=')) this.fail('expected = in an inline table');
      this.skipBlank(false);
      const v = this.value();
      let t = out;
      for (const k of key.slice(0, -1)) t = (t[k] ??= {}) as TomlTable;
      t[key[key.length - 1]!] = v;
      this.skipBlank(true);
      if (this.eat('}')) return out;
      if (!this.eat(',')) this.fail('expected , or } in an inline table');
    }
  }

  private basicString(): string {
    this.i++;
    let out = '';
    while (this.i < this.s.length) {
      const c = this.s[this.i]!;
      if (c === '"') {
        this.i++;
        return out;
      }
      if (c === '\n') break;
      if (c === '\\') {
        out += this.escape();
        continue;
      }
      out += c;
      this.i++;
    }
    this.fail('unterminated string');
  }

  private escape(): string {
    const e = this.s[this.i + 1];
    this.i += 2;
    const simple: Record<string, string> = { b: '\b', t: '\t', n: '\n', f: '\f', r: '\r', '"': '"', '\\': '\\' };
    if (e !== undefined && e in simple) return simple[e]!;
    if (e === 'u' || e === 'U') {
      const n = e === 'u' ? 4 : 8;
      const hex = this.s.slice(this.i, this.i + n);
      if (!/^[0-9a-fA-F]+$/.test(hex) || hex.length !== n) this.fail('bad unicode escape');
      this.i += n;
      return String.fromCodePoint(parseInt(hex, 16));
    }
    this.fail(`bad escape \\${e ?? ''}`);
  }

  private literalString(): string {
    const end = this.s.indexOf("'", this.i + 1);
    const nl = this.s.indexOf('\n', this.i + 1);
    if (end < 0 || (nl >= 0 && nl < end)) this.fail('unterminated string');
    const out = this.s.slice(this.i + 1, end);
    this.i = end + 1;
    return out;
  }

  private multiline(q: string): string {
    this.i += 3;
    if (this.s[this.i] === '\n') {
      this.i++;
      this.line++;
    } else if (this.s.startsWith('\r\n', this.i)) {
      this.i += 2;
      this.line++;
    }
    let out = '';
    while (this.i < this.s.length) {
      if (this.s.startsWith(q, this.i) && !this.s.startsWith(q + q[0], this.i)) {
        this.i += 3;
        return out;
      }
      const c = this.s[this.i]!;
      if (q === '"""' && c === '\\') {
        // A backslash at the end of a line trims the newline and the whitespace after it.
        if (/^\\[ \t]*\r?\n/.test(this.s.slice(this.i, this.i + 64))) {
          this.i++;
          while (/\s/.test(this.s[this.i] ?? '')) {
            if (this.s[this.i] === '\n') this.line++;
            this.i++;
          }
          continue;
        }
        out += this.escape();
        continue;
      }
      if (c === '\n') this.line++;
      out += c;
      this.i++;
    }
    this.fail('unterminated multi-line string');
  }

  /** Spaces, tabs, comments; with `newlines`, line breaks too. */
  private skipBlank(newlines: boolean): void {
    while (this.i < this.s.length) {
      const c = this.s[this.i];
      if (c === ' ' || c === '\t' || c === '\r') this.i++;
      else if (c === '#') {
        while (this.i < this.s.length && this.s[this.i] !== '\n') this.i++;
      } else if (c === '\n' && newlines) {
        this.i++;
        this.line++;
      } else break;
    }
  }

  private endOfLine(): void {
    this.skipBlank(false);
    if (this.i < this.s.length && this.s[this.i] !== '\n') this.fail('expected the end of the line');
  }

  private eat(tok: string): boolean {
    if (this.s.startsWith(tok, this.i)) {
      this.i += tok.length;
      return true;
    }
    return false;
  }

  private fail(message: string): never {
    throw new TomlError(message, this.line);
  }
}
