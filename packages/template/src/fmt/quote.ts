/**
 * Go's `strconv.Quote`, `QuoteToASCII`, `QuoteRune` and `Unquote` over JavaScript strings (a
 * string is treated as the UTF-8 bytes of its code points; lone surrogates stand for invalid bytes).
 *
 * @see https://github.com/golang/go/blob/go1.23.0/src/strconv/quote.go
 * @internal
 */
import { isPrintRune } from '../parse/lex.js';
import { goString } from '../value/goString.js';

const HEX = '0123456789abcdef';

function appendEscapedRune(r: number, quote: number, ascii: boolean, graphicOnly: boolean): string {
  if (r === quote || r === 0x5c) return '\\' + String.fromCharCode(r);
  if (ascii) {
    if (r < 0x80 && isPrintRune(r)) return String.fromCharCode(r);
  } else if (isPrintRune(r) || (graphicOnly && isGraphic(r))) {
    return String.fromCodePoint(r);
  }
  switch (r) {
    case 0x07:
      return '\\a';
    case 0x08:
      return '\\b';
    case 0x0c:
      return '\\f';
    case 0x0a:
      return '\\n';
    case 0x0d:
      return '\\r';
    case 0x09:
      return '\\t';
    case 0x0b:
      return '\\v';
  }
  if (r < 0x20 || r === 0x7f) return '\\x' + HEX[r >> 4] + HEX[r & 15];
  if (r > 0x10ffff) r = 0xfffd;
  if (r < 0x10000) return '\\u' + r.toString(16).padStart(4, '0');
  return '\\U' + r.toString(16).padStart(8, '0');
}

function isGraphic(r: number): boolean {
  if (isPrintRune(r)) return true;
  // Zs (space separators) are graphic but not printable.
  return /^\p{Zs}$/u.test(String.fromCodePoint(r));
}

function quoteWith(s: string, quote: number, ascii: boolean, graphicOnly = false): string {
  let out = String.fromCharCode(quote);
  for (let i = 0; i < s.length; ) {
    const r = s.codePointAt(i)!;
    i += r > 0xffff ? 2 : 1;
    if (r >= 0xd800 && r <= 0xdfff) {
      // A lone surrogate stands for an invalid UTF-8 byte: Go prints \xNN for it.
      out += '\\x' + (r & 0xff).toString(16).padStart(2, '0');
      continue;
    }
    if (r < 0x80 && r >= 0x20 && r !== 0x7f && r !== quote && r !== 0x5c) {
      out += String.fromCharCode(r);
      continue;
    }
    out += appendEscapedRune(r, quote, ascii, graphicOnly);
  }
  return out + String.fromCharCode(quote);
}

/** `strconv.Quote`. */
export function goQuote(s: string): string {
  // Fast path: printable ASCII without quotes or backslashes.
  let simple = true;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x20 || c >= 0x7f || c === 0x22 || c === 0x5c) {
      simple = false;
      break;
    }
  }
  if (simple) return '"' + s + '"';
  return quoteWith(s, 0x22, false);
}

/** `strconv.QuoteToASCII`. */
export function goQuoteToASCII(s: string): string {
  return quoteWith(s, 0x22, true);
}

/** `strconv.QuoteToGraphic`. */
export function goQuoteToGraphic(s: string): string {
  return quoteWith(s, 0x22, false, true);
}

/** `strconv.QuoteRune` (`%q` of an integer). */
export function goQuoteRune(r: number, ascii = false): string {
  if (r < 0 || r > 0x10ffff || (r >= 0xd800 && r <= 0xdfff)) r = 0xfffd;
  if (r === 0x27) return "'\\''";
  if (r === 0x22) return `'"'`;
  return "'" + appendEscapedRune(r, 0x27, ascii, false) + "'";
}

/** Error of {@link goUnquote}: Go's `strconv.ErrSyntax` ("invalid syntax"). */
export class UnquoteError extends Error {
  constructor() {
    super('invalid syntax');
  }
}

/**
 * `strconv.UnquoteChar`: decodes the first character or escape of `s` (inside a literal quoted by
 * `quote`). Returns the rune (or a byte value with `isByte`) and the rest.
 */
export function unquoteChar(s: string, quote: number): { value: number; isByte: boolean; tail: string } {
  const c = s.codePointAt(0);
  if (c === undefined) throw new UnquoteError();
  if (c === quote && (quote === 0x27 || quote === 0x22)) throw new UnquoteError();
  if (c !== 0x5c) {
    const w = c > 0xffff ? 2 : 1;
    return { value: c, isByte: false, tail: s.slice(w) };
  }
  if (s.length <= 1) throw new UnquoteError();
  const e = s.charCodeAt(1);
  let tail = s.slice(2);
  let value: number;
  switch (e) {
    case 0x61:
      value = 7;
      break;
    case 0x62:
      value = 8;
      break;
    case 0x66:
      value = 12;
      break;
    case 0x6e:
      value = 10;
      break;
    case 0x72:
      value = 13;
      break;
    case 0x74:
      value = 9;
      break;
    case 0x76:
      value = 11;
      break;
    case 0x78: // x
    case 0x75: // u
    case 0x55: {
      // U
      const n = e === 0x78 ? 2 : e === 0x75 ? 4 : 8;
      if (tail.length < n) throw new UnquoteError();
      let v = 0;
      for (let j = 0; j < n; j++) {
        const d = parseInt(tail[j]!, 16);
        if (Number.isNaN(d)) throw new UnquoteError();
        v = v * 16 + d;
      }
      tail = tail.slice(n);
      if (e === 0x78) return { value: v, isByte: true, tail };
      if (v > 0x10ffff || (v >= 0xd800 && v <= 0xdfff)) throw new UnquoteError();
      value = v;
      break;
    }
    case 0x30:
    case 0x31:
    case 0x32:
    case 0x33:
    case 0x34:
    case 0x35:
    case 0x36:
    case 0x37: {
      let v = e - 0x30;
      if (tail.length < 2) throw new UnquoteError();
      for (let j = 0; j < 2; j++) {
        const d = tail.charCodeAt(j) - 0x30;
        if (d < 0 || d > 7) throw new UnquoteError();
        v = (v << 3) | d;
      }
      tail = tail.slice(2);
      if (v > 255) throw new UnquoteError();
      return { value: v, isByte: true, tail };
    }
    case 0x5c:
      value = 0x5c;
      break;
    case 0x27:
    case 0x22:
      if (e !== quote) throw new UnquoteError();
      value = e;
      break;
    default:
      throw new UnquoteError();
  }
  return { value, isByte: false, tail };
}

/**
 * `strconv.Unquote` for `"..."`, `` `...` `` and `'.'` literals. Byte escapes (`\xNN`, octal) are
 * bytes of the Go string (see `value/goString.ts` for invalid UTF-8).
 */
export function goUnquote(s: string): string {
  const n = s.length;
  if (n < 2) throw new UnquoteError();
  const q = s.charCodeAt(0);
  if (q !== s.charCodeAt(n - 1)) throw new UnquoteError();
  const body = s.slice(1, n - 1);
  if (q === 0x60) {
    if (body.includes('`')) throw new UnquoteError();
    return body.includes('\r') ? body.replace(/\r/g, '') : body;
  }
  if (q !== 0x22 && q !== 0x27) throw new UnquoteError();
  if (body.includes('\n')) throw new UnquoteError();
  if (!body.includes('\\') && !body.includes(String.fromCharCode(q))) {
    if (q === 0x22) return body;
    if (q === 0x27) {
      const cps = [...body];
      if (cps.length === 1) return body;
    }
  }
  let out = '';
  let bytes: number[] = [];
  const flush = () => {
    if (bytes.length) {
      out += goString(Uint8Array.from(bytes));
      bytes = [];
    }
  };
  let rest = body;
  let count = 0;
  while (rest.length > 0) {
    const { value, isByte, tail } = unquoteChar(rest, q);
    rest = tail;
    count++;
    if (isByte) bytes.push(value);
    else {
      flush();
      out += String.fromCodePoint(value);
    }
    if (q === 0x27 && rest.length > 0) throw new UnquoteError();
  }
  flush();
  if (q === 0x27 && count !== 1) throw new UnquoteError();
  return out;
}
