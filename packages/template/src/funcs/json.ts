/**
 * Go's `encoding/json` over the template value model: `Marshal` (sorted map keys, HTML escaping,
 * Go's float formatting), `MarshalIndent`, and `Unmarshal` into `interface{}` with Go's error texts.
 *
 * @see https://github.com/golang/go/blob/go1.23.0/src/encoding/json/encode.go
 */
import { formatFloat } from '../fmt/float.js';
import { GoComplex, GoFunc, GoInt, goTypeInfo, sortedKeys, typeName } from '../value/types.js';
import { goValidString } from '../value/goString.js';

/** A marshalling failure (`json: unsupported value: NaN`, ...). */
export class JsonError extends Error {}

/** Go's float64 encoding in JSON. */
export function jsonFloat(f: number): string {
  if (!Number.isFinite(f)) throw new JsonError(`json: unsupported value: ${formatFloat(f, 'g', -1)}`);
  const abs = Math.abs(f);
  let fmt = 'f';
  if (abs !== 0 && (abs < 1e-6 || abs >= 1e21)) fmt = 'e';
  let s = formatFloat(f, fmt, -1);
  if (fmt === 'e') {
    const n = s.length;
    if (n >= 4 && s[n - 4] === 'e' && s[n - 3] === '-' && s[n - 2] === '0')
      s = s.slice(0, n - 2) + s.slice(n - 1);
  }
  return s;
}

const HEX = '0123456789abcdef';

/** Go's JSON string encoding. */
export function jsonString(s: string, escapeHTML: boolean): string {
  let out = '"';
  let start = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    let esc: string | null = null;
    if (c < 0x20) {
      if (c === 0x0a) esc = '\\n';
      else if (c === 0x0d) esc = '\\r';
      else if (c === 0x09) esc = '\\t';
      else esc = '\\u00' + HEX[c >> 4] + HEX[c & 15];
    } else if (c === 0x22) esc = '\\"';
    else if (c === 0x5c) esc = '\\\\';
    else if (escapeHTML && (c === 0x3c || c === 0x3e || c === 0x26))
      esc = '\\u00' + HEX[c >> 4] + HEX[c & 15];
    else if (c === 0x2028) esc = '\\u2028';
    else if (c === 0x2029) esc = '\\u2029';
    else if (c >= 0xd800 && c <= 0xdfff) {
      const next = s.charCodeAt(i + 1);
      if (c <= 0xdbff && next >= 0xdc00 && next <= 0xdfff) {
        i++;
        continue;
      }
      // An invalid UTF-8 byte (see value/goString.ts): encoding/json writes the escape `\ufffd`.
      esc = '\\ufffd';
    }
    if (esc !== null) {
      out += s.slice(start, i) + esc;
      start = i + 1;
    }
  }
  return out + s.slice(start) + '"';
}

interface MarshalOpts {
  escapeHTML: boolean;
  indent: string | null;
}

function marshal(v: unknown, o: MarshalOpts, prefix: string): string {
  switch (typeof v) {
    case 'string':
      return jsonString(v, o.escapeHTML);
    case 'number':
      return jsonFloat(v);
    case 'boolean':
      return v ? 'true' : 'false';
    case 'undefined':
      return 'null';
    case 'object':
      break;
    default:
      throw new JsonError(`json: unsupported type: ${typeName(v)}`);
  }
  if (v === null) return 'null';
  if (v instanceof GoInt) return v.toString();
  if (v instanceof Uint8Array) return '"' + Buffer.from(v).toString('base64') + '"';
  if (v instanceof GoFunc) throw new JsonError(`json: unsupported type: ${typeName(v)}`);
  if (v instanceof GoComplex) throw new JsonError('json: unsupported type: complex128');
  if (v instanceof Date) return JSON.stringify(v.toISOString());
  const ind = o.indent;
  const inner = ind === null ? '' : prefix + ind;
  if (Array.isArray(v)) {
    if (v.length === 0) return '[]';
    const parts = v.map((e) => marshal(e, o, inner));
    if (ind === null) return '[' + parts.join(',') + ']';
    return '[\n' + inner + parts.join(',\n' + inner) + '\n' + prefix + ']';
  }
  const toJSON = (v as { toJSON?: unknown }).toJSON;
  if (typeof toJSON === 'function') return marshal((toJSON as () => unknown).call(v), o, prefix);
  const info = goTypeInfo(v);
  const rec = v as Record<string, unknown>;
  const keys = info?.kind === 'struct' ? Object.keys(rec) : sortedKeys(rec);
  if (keys.length === 0) return '{}';
  const parts = keys.map(
    (k) => jsonString(k, o.escapeHTML) + (ind === null ? ':' : ': ') + marshal(rec[k], o, inner),
  );
  if (ind === null) return '{' + parts.join(',') + '}';
  return '{\n' + inner + parts.join(',\n' + inner) + '\n' + prefix + '}';
}

/** `json.Marshal`. @throws JsonError for unsupported values (NaN, funcs). */
export function jsonMarshal(v: unknown, escapeHTML = true): string {
  return marshal(v, { escapeHTML, indent: null }, '');
}

/** `json.MarshalIndent(v, "", indent)`. */
export function jsonMarshalIndent(v: unknown, indent: string, escapeHTML = true): string {
  return marshal(v, { escapeHTML, indent }, '');
}

/** A syntax error with Go's text. */
export class JsonSyntaxError extends Error {}

function quoteChar(c: string): string {
  if (c === "'") return "'\\''";
  if (c === '"') return `'"'`;
  const code = c.codePointAt(0)!;
  if (code < 0x20) return `'\\x${code.toString(16).padStart(2, '0')}'`;
  return `'${c}'`;
}

/**
 * `json.Unmarshal` into `interface{}`: objects become plain maps, numbers float64. With `decoder`,
 * as a `json.Decoder`'s `Decode` reads instead: the first value only (text after it is not read),
 * `EOF` for white space alone and `unexpected EOF` for a text that ends inside the value.
 * @throws JsonSyntaxError with Go's message (`invalid character 'x' looking for beginning of value`,
 *   `unexpected end of JSON input`).
 */
export function jsonUnmarshal(text: string, options: { decoder?: boolean } = {}): unknown {
  // encoding/json decodes each invalid UTF-8 byte in a string as U+FFFD.
  text = goValidString(text);
  let i = 0;
  const n = text.length;
  const ws = () => {
    while (i < n) {
      const c = text.charCodeAt(i);
      if (c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d) i++;
      else break;
    }
  };
  const eof = (): never => {
    throw new JsonSyntaxError(options.decoder ? 'unexpected EOF' : 'unexpected end of JSON input');
  };
  const bad = (ctx: string): never => {
    if (i >= n) eof();
    throw new JsonSyntaxError(
      `invalid character ${quoteChar(String.fromCodePoint(text.codePointAt(i)!))} ${ctx}`,
    );
  };
  const value = (): unknown => {
    ws();
    if (i >= n) eof();
    const c = text[i]!;
    if (c === '{') {
      i++;
      const obj: Record<string, unknown> = {};
      ws();
      if (text[i] === '}') {
        i++;
        return obj;
      }
      for (;;) {
        ws();
        if (i >= n) eof();
        if (text[i] !== '"') bad('looking for beginning of object key string');
        const k = str();
        ws();
        if (i >= n) eof();
        if (text[i] !== ':') bad('after object key');
        i++;
        // An own property even for `__proto__` (a plain assignment would set the prototype).
        if (k === '__proto__') {
          Object.defineProperty(obj, k, {
            value: value(),
            writable: true,
            enumerable: true,
            configurable: true,
          });
        } else obj[k] = value();
        ws();
        if (i >= n) eof();
        if (text[i] === ',') {
          i++;
          continue;
        }
        if (text[i] === '}') {
          i++;
          return obj;
        }
        bad('after object key:value pair');
      }
    }
    if (c === '[') {
      i++;
      const arr: unknown[] = [];
      ws();
      if (text[i] === ']') {
        i++;
        return arr;
      }
      for (;;) {
        arr.push(value());
        ws();
        if (i >= n) eof();
        if (text[i] === ',') {
          i++;
          continue;
        }
        if (text[i] === ']') {
          i++;
          return arr;
        }
        bad('after array element');
      }
    }
    if (c === '"') return str();
    if (c === '-' || (c >= '0' && c <= '9')) return num();
    for (const [lit, val] of [
      ['true', true],
      ['false', false],
      ['null', null],
    ] as const) {
      if (c === lit[0]) {
        for (let k = 0; k < lit.length; k++) {
          if (i >= n) eof();
          if (text[i] !== lit[k]) bad(`in literal ${lit} (expecting ${quoteChar(lit[k]!)})`);
          i++;
        }
        return val;
      }
    }
    return bad('looking for beginning of value');
  };
  const str = (): string => {
    i++;
    let out = '';
    let start = i;
    for (;;) {
      if (i >= n) eof();
      const c = text.charCodeAt(i);
      if (c === 0x22) {
        out += text.slice(start, i);
        i++;
        return out;
      }
      if (c < 0x20) bad('in string literal');
      if (c === 0x5c) {
        out += text.slice(start, i);
        i++;
        if (i >= n) eof();
        const e = text[i]!;
        const map: Record<string, string> = {
          '"': '"',
          '\\': '\\',
          '/': '/',
          b: '\b',
          f: '\f',
          n: '\n',
          r: '\r',
          t: '\t',
        };
        if (e in map) {
          out += map[e];
          i++;
        } else if (e === 'u') {
          const h = text.slice(i + 1, i + 5);
          if (!/^[0-9a-fA-F]{4}$/.test(h)) {
            i++;
            while (i < n && /[0-9a-fA-F]/.test(text[i]!)) i++;
            bad('in \\u hexadecimal character escape');
          }
          out += String.fromCharCode(parseInt(h, 16));
          i += 5;
        } else bad('in string escape code');
        start = i;
        continue;
      }
      i++;
    }
  };
  const num = (): number => {
    const s = i;
    if (text[i] === '-') i++;
    if (i >= n) eof();
    if (text[i] === '0') i++;
    else if (text[i]! >= '1' && text[i]! <= '9') while (i < n && text[i]! >= '0' && text[i]! <= '9') i++;
    else bad('in numeric literal');
    if (text[i] === '.') {
      i++;
      if (i >= n) eof();
      if (!(text[i]! >= '0' && text[i]! <= '9')) bad('after decimal point in numeric literal');
      while (i < n && text[i]! >= '0' && text[i]! <= '9') i++;
    }
    if (text[i] === 'e' || text[i] === 'E') {
      i++;
      if (text[i] === '+' || text[i] === '-') i++;
      if (i >= n) eof();
      if (!(text[i]! >= '0' && text[i]! <= '9')) bad('in exponent of numeric literal');
      while (i < n && text[i]! >= '0' && text[i]! <= '9') i++;
    }
    return Number(text.slice(s, i));
  };
  if (options.decoder) {
    ws();
    if (i >= n) throw new JsonSyntaxError('EOF');
    return value();
  }
  const v = value();
  ws();
  if (i < n) bad('after top-level value');
  return v;
}

/** Go's name of the JSON kind of a decoded value, for "cannot unmarshal X into Go value of type Y". */
export function jsonKind(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  if (typeof v === 'object') return 'object';
  if (typeof v === 'number') return 'number';
  if (typeof v === 'boolean') return 'bool';
  return 'string';
}
