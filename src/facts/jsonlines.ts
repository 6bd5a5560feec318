/**
 * Lines of the keys of a JSON document. `JSON.parse` gives values without
 * positions; this scanner walks the same text once and records where each
 * key path starts, so a dependency in package.json carries its line.
 */

/** Separator of key paths in the returned map (keys may contain dots and slashes). */
export const SEP = '\u0000';

/** Line of every object key, by path (`dependencies\u0000express`); array elements by index. Throws on malformed JSON. */
export function jsonKeyLines(text: string): Map<string, number> {
  const out = new Map<string, number>();
  let i = 0;
  let line = 1;
  const ws = () => {
    for (;;) {
      const c = text.charCodeAt(i);
      if (c === 10) line++;
      else if (c !== 32 && c !== 9 && c !== 13) return;
      i++;
    }
  };
  const str = (): string => {
    const start = ++i;
    let escaped = false;
    for (; i < text.length; i++) {
      const c = text[i];
      if (c === '\n') throw new Error(`line ${line}: newline in a string`);
      if (escaped) escaped = false;
      else if (c === '\\') escaped = true;
      else if (c === '"') break;
    }
    if (i >= text.length) throw new Error(`line ${line}: unterminated string`);
    const raw = text.slice(start, i++);
    return raw.includes('\\') ? (JSON.parse(`"${raw}"`) as string) : raw;
  };
  const value = (path: string, depth: number): void => {
    if (depth > 200) throw new Error(`line ${line}: nesting too deep`);
    ws();
    const c = text[i];
    if (c === '{') {
      i++;
      ws();
      if (text[i] === '}') {
        i++;
        return;
      }
      for (;;) {
        ws();
        if (text[i] !== '"') throw new Error(`line ${line}: expected a key`);
        const at = line;
        const key = str();
        const p = path ? path + SEP + key : key;
        if (!out.has(p)) out.set(p, at);
        ws();
        if (text[i++] !== ':') throw new Error(`line ${line}: expected :`);
        value(p, depth + 1);
        ws();
        const d = text[i++];
        if (d === '}') return;
        if (d !== ',') throw new Error(`line ${line}: expected , or }`);
      }
    }
    if (c === '[') {
      i++;
      ws();
      if (text[i] === ']') {
        i++;
        return;
      }
      for (let n = 0; ; n++) {
        ws();
        const p = path ? path + SEP + n : String(n);
        if (!out.has(p)) out.set(p, line);
        value(p, depth + 1);
        ws();
        const d = text[i++];
        if (d === ']') return;
        if (d !== ',') throw new Error(`line ${line}: expected , or ]`);
      }
    }
    if (c === '"') {
      str();
      return;
    }
    const m = /^(?:true|false|null|-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?)/.exec(text.slice(i, i + 64));
    if (!m) throw new Error(`line ${line}: unexpected character ${JSON.stringify(c ?? 'end of file')}`);
    i += m[0].length;
  };
  value('', 0);
  return out;
}
