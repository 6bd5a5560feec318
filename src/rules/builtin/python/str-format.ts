/**
 * What CPython's `str.format` does with a template, decided without running
 * it: the same scan as Objects/stringlib/unicode_format.h (MarkupIterator,
 * parse_field, field_name_split, the auto-numbering state, two levels of
 * nested format specs) over the template and what the call passes. Only the
 * errors that do not depend on the values are reported: a malformed field, a
 * keyword or index the call does not supply, mixed numbering, an unknown
 * conversion. What a value's `__format__`, attributes or items do is left alone.
 */

/** What a call passes: `null` where a `*args` or `**kwargs` makes it unknown. */
export interface FormatArgs {
  positional: number | null;
  keywords: ReadonlySet<string> | null;
}

/** The first error `template.format(...)` always raises. */
export interface FormatFailure {
  error: 'KeyError' | 'IndexError' | 'ValueError';
  /** The exception's message as Python prints it. */
  message: string;
  /** Index in the template of the brace that opens the failing field (or of the stray brace). */
  at: number;
  /** The failing field's text between its braces, when there is one. */
  field?: string;
  /** For KeyError: the missing keyword. */
  key?: string;
}

interface AutoNumber {
  state: 'init' | 'auto' | 'manual';
  next: number;
}

/** Python's str.format recursion limit for nested format specs (PEP 3101: two levels). */
const RECURSION_DEPTH = 2;

/** The first value-independent error of `template.format(*positional, **keywords)`, or null when it can succeed. */
export function formatFailure(template: string, args: FormatArgs): FormatFailure | null {
  return buildString(template, 0, template.length, args, RECURSION_DEPTH, { state: 'init', next: 0 });
}

/** Python's repr of a str key, as KeyError prints it (quotes chosen the way repr chooses them). */
export function pyRepr(s: string): string {
  const quote = s.includes("'") && !s.includes('"') ? '"' : "'";
  let out = quote;
  for (const ch of s) {
    if (ch === '\\') out += '\\\\';
    else if (ch === quote) out += '\\' + ch;
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\t') out += '\\t';
    else if (ch < ' ' || ch === '\x7f') out += '\\x' + ch.charCodeAt(0).toString(16).padStart(2, '0');
    else out += ch;
  }
  return out + quote;
}

function valueError(message: string, at: number, field?: string): FormatFailure {
  return field === undefined ? { error: 'ValueError', message, at } : { error: 'ValueError', message, at, field };
}

function buildString(s: string, start: number, end: number, args: FormatArgs, depth: number, auto: AutoNumber): FormatFailure | null {
  if (depth <= 0) return valueError('Max string recursion exceeded', start);
  let i = start;
  while (i < end) {
    // Literal text up to the first brace.
    let c = '';
    let markup = false;
    while (i < end) {
      c = s[i++]!;
      if (c === '{' || c === '}') {
        markup = true;
        break;
      }
    }
    if (!markup) return null;
    const atEnd = i >= end;
    if (c === '}' && (atEnd || s[i] !== '}')) return valueError("Single '}' encountered in format string", i - 1);
    if (atEnd && c === '{') return valueError("Single '{' encountered in format string", i - 1);
    if (s[i] === c) {
      // A doubled brace is a literal one.
      i++;
      continue;
    }
    const open = i - 1;
    const parsed = parseField(s, i, end, open);
    if ('error' in parsed) return parsed;
    i = parsed.next;
    const failure = outputMarkup(s, parsed, args, depth, auto, open);
    if (failure) return failure;
  }
  return null;
}

interface ParsedField {
  nameStart: number;
  nameEnd: number;
  conversion: string | null;
  specStart: number;
  specEnd: number;
  specNeedsExpanding: boolean;
  /** Index after the closing brace. */
  next: number;
}

/** parse_field: the field name ends at `}`, `:` or `!` (a `[…]` is skipped whole); then a conversion and a spec with balanced braces. */
function parseField(s: string, i: number, end: number, open: number): ParsedField | FormatFailure {
  const nameStart = i;
  let c = '';
  let stopped = false;
  while (i < end) {
    c = s[i++]!;
    if (c === '{') return valueError("unexpected '{' in field name", open, s.slice(nameStart, i));
    if (c === '[') {
      while (i < end && s[i] !== ']') i++;
      continue;
    }
    if (c === '}' || c === ':' || c === '!') {
      stopped = true;
      break;
    }
  }
  const nameEnd = stopped ? i - 1 : i;
  const field = () => s.slice(nameStart, Math.min(end, i));
  if (stopped && (c === '!' || c === ':')) {
    let conversion: string | null = null;
    if (c === '!') {
      if (i >= end) return valueError('end of string while looking for conversion specifier', open, field());
      conversion = s[i++]!;
      if (i < end) {
        const after = s[i++]!;
        if (after === '}') return { nameStart, nameEnd, conversion, specStart: i, specEnd: i, specNeedsExpanding: false, next: i };
        if (after !== ':') return valueError("expected ':' after conversion specifier", open, field());
      }
    }
    const specStart = i;
    let count = 1;
    let expanding = false;
    while (i < end) {
      const d = s[i++]!;
      if (d === '{') {
        expanding = true;
        count++;
      } else if (d === '}') {
        count--;
        if (count === 0) return { nameStart, nameEnd, conversion, specStart, specEnd: i - 1, specNeedsExpanding: expanding, next: i };
      }
    }
    return valueError("unmatched '{' in format spec", open, field());
  }
  if (!stopped || c !== '}') return valueError("expected '}' before end of string", open, field());
  return { nameStart, nameEnd, conversion: null, specStart: i, specEnd: i, specNeedsExpanding: false, next: i };
}

/**
 * get_integer: a field name of decimal digits (Py_UNICODE_TODECIMAL, so any
 * script's digits) is a positional index. NaN for non-ASCII digits: an index,
 * but one whose value is not worth computing here.
 */
function decimalIndex(part: string): number | null {
  if (/^[0-9]+$/.test(part)) return Number(part);
  return part && /^\p{Nd}+$/u.test(part) ? NaN : null;
}

function outputMarkup(s: string, f: ParsedField, args: FormatArgs, depth: number, auto: AutoNumber, open: number): FormatFailure | null {
  const field = s.slice(f.nameStart, f.next - 1);
  // field_name_split: the first part up to '.' or '['.
  let k = f.nameStart;
  while (k < f.nameEnd && s[k] !== '.' && s[k] !== '[') k++;
  const first = s.slice(f.nameStart, k);
  const empty = first.length === 0;
  let index = decimalIndex(first);
  const numeric = empty || index !== null;
  if (auto.state === 'init' && numeric) auto.state = empty ? 'auto' : 'manual';
  if (numeric) {
    if (auto.state === 'manual' && empty) return valueError('cannot switch from manual field specification to automatic field numbering', open, field);
    if (auto.state === 'auto' && !empty) return valueError('cannot switch from automatic field numbering to manual field specification', open, field);
  }
  if (empty) index = auto.next++;
  if (index === null) {
    if (args.keywords && !args.keywords.has(first)) return { error: 'KeyError', message: pyRepr(first), at: open, field, key: first };
  } else if (args.positional !== null && index >= args.positional) {
    return { error: 'IndexError', message: `Replacement index ${index} out of range for positional args tuple`, at: open, field };
  }
  // The rest of the field name: `.attr` and `[key]` parts, each non-empty.
  while (k < f.nameEnd) {
    const c = s[k++]!;
    const partStart = k;
    if (c === '.') {
      while (k < f.nameEnd && s[k] !== '.' && s[k] !== '[') k++;
    } else if (c === '[') {
      while (k < f.nameEnd && s[k] !== ']') k++;
      if (k >= f.nameEnd) return valueError("Missing ']' in format string", open, field);
      k++;
      if (k - 1 === partStart) return valueError('Empty attribute in format string', open, field);
      continue;
    } else {
      return valueError("Only '.' or '[' may follow ']' in format field specifier", open, field);
    }
    if (k === partStart) return valueError('Empty attribute in format string', open, field);
  }
  if (f.conversion !== null && !'rsa'.includes(f.conversion)) {
    const code = f.conversion.codePointAt(0)!;
    const shown = code > 32 && code < 127 ? f.conversion : `\\x${code.toString(16)}`;
    return valueError(`Unknown conversion specifier ${shown}`, open, field);
  }
  if (f.specNeedsExpanding) return buildString(s, f.specStart, f.specEnd, args, depth - 1, auto);
  return null;
}
