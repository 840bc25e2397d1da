/**
 * Go strings are byte sequences, JavaScript strings are UTF-16. The template value model carries a
 * Go string as the JavaScript string of its UTF-8 decoding in which every byte that is not part of
 * a valid UTF-8 sequence (as Go's `utf8.DecodeRune` sees it: width 1, `RuneError`) stands as the
 * lone low surrogate U+DC00+byte, i.e. U+DC80..U+DCFF for the bytes 0x80..0xFF (Python's
 * "surrogateescape"). UTF-8 cannot encode U+D800..U+DFFF, so Go never produces a lone surrogate
 * otherwise and the mapping is unambiguous: {@link goBytes} and {@link goString} are inverses.
 *
 * Valid UTF-8 (the common case) takes a fast path through Node's native UTF-8 coders.
 *
 * @see https://pkg.go.dev/unicode/utf8#DecodeRune
 * @see https://peps.python.org/pep-0383/
 */
import { isAscii, isUtf8 } from 'node:buffer';

type WellFormed = { isWellFormed(): boolean };

/** True when `s` holds no lone surrogate (Node ≥ 20's `String.prototype.isWellFormed`). */
function wellFormed(s: string): boolean {
  return (s as unknown as WellFormed).isWellFormed();
}

/** True when `s` stands for bytes that are not valid UTF-8 (it holds a lone U+DC80..U+DCFF). */
export function hasRawBytes(s: string): boolean {
  if (wellFormed(s)) return false;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff) {
      const d = s.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) i++;
    } else if (c >= 0xdc80 && c <= 0xdcff) return true;
  }
  return false;
}

/**
 * The bytes of a Go string carried as a JavaScript string (see the module comment): UTF-8, with
 * each lone U+DC80..U+DCFF written as the byte it stands for. Other lone surrogates (which Go
 * cannot hold) become U+FFFD's bytes as in `Buffer.from(s, 'utf8')`. The result is a `Buffer`.
 */
export function goBuffer(s: string): Buffer {
  if (wellFormed(s)) return Buffer.from(s, 'utf8');
  // `.Files.Get "x.bin" | b64enc`: the bytes are those goString just decoded.
  if (lastDecoded !== undefined && lastDecoded.s === s) return Buffer.from(lastDecoded.bytes);
  const out = Buffer.allocUnsafe(s.length * 3);
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    let c = s.charCodeAt(i);
    if (c < 0x80) {
      out[n++] = c;
      continue;
    }
    if (c < 0x800) {
      out[n++] = 0xc0 | (c >> 6);
      out[n++] = 0x80 | (c & 0x3f);
      continue;
    }
    if (c >= 0xd800 && c <= 0xdfff) {
      const d = s.charCodeAt(i + 1);
      if (c <= 0xdbff && d >= 0xdc00 && d <= 0xdfff) {
        const cp = 0x10000 + ((c - 0xd800) << 10) + (d - 0xdc00);
        out[n++] = 0xf0 | (cp >> 18);
        out[n++] = 0x80 | ((cp >> 12) & 0x3f);
        out[n++] = 0x80 | ((cp >> 6) & 0x3f);
        out[n++] = 0x80 | (cp & 0x3f);
        i++;
        continue;
      }
      if (c >= 0xdc80 && c <= 0xdcff) {
        out[n++] = c - 0xdc00;
        continue;
      }
      c = 0xfffd;
    }
    out[n++] = 0xe0 | (c >> 12);
    out[n++] = 0x80 | ((c >> 6) & 0x3f);
    out[n++] = 0x80 | (c & 0x3f);
  }
  return out.subarray(0, n);
}

/** The bytes of a Go string carried as a JavaScript string: `[]byte(s)` (see {@link goString}). */
export function goBytes(s: string): Uint8Array {
  return goBuffer(s);
}

/** `len(s)` of a Go string carried as a JavaScript string, without allocating in the common case. */
export function goByteLength(s: string): number {
  if (wellFormed(s)) return Buffer.byteLength(s, 'utf8');
  return goBuffer(s).length;
}

/**
 * The last string {@link goString} decoded from invalid UTF-8 and a copy of its bytes, so that
 * `.Files.Get "x.bin" | b64enc` (or `sha256sum`) does not encode what was just decoded.
 */
let lastDecoded: { s: string; bytes: Buffer } | undefined;

/**
 * A Go string from bytes: `string(b)`, carried as a JavaScript string with every byte that is not
 * part of valid UTF-8 as the lone surrogate U+DC00+byte (see the module comment).
 */
export function goString(b: Uint8Array): string {
  const buf = Buffer.isBuffer(b) ? b : Buffer.from(b.buffer, b.byteOffset, b.byteLength);
  // ASCII decodes as latin1, V8's cheapest conversion (half the time of UTF-8 decoding).
  if (isAscii(buf)) return buf.toString('latin1');
  if (isUtf8(buf)) return buf.toString('utf8');
  const escaped = decodeEscaped(buf);
  lastDecoded = { s: escaped, bytes: Buffer.from(buf) };
  return escaped;
}

/** Go's utf8.DecodeRune over `b`, each invalid byte (width 1) as U+DC00+byte. */
function decodeEscaped(b: Uint8Array): string {
  const n = b.length;
  const units = new Uint16Array(n);
  let k = 0;
  let i = 0;
  while (i < n) {
    const c = b[i]!;
    if (c < 0x80) {
      units[k++] = c;
      i++;
      continue;
    }
    if (c >= 0xc2 && c <= 0xdf) {
      const c1 = i + 1 < n ? b[i + 1]! : 0;
      if ((c1 & 0xc0) === 0x80) {
        units[k++] = ((c & 0x1f) << 6) | (c1 & 0x3f);
        i += 2;
        continue;
      }
    } else if (c >= 0xe0 && c <= 0xef) {
      const c1 = i + 1 < n ? b[i + 1]! : 0;
      const c2 = i + 2 < n ? b[i + 2]! : 0;
      if (c1 >= (c === 0xe0 ? 0xa0 : 0x80) && c1 <= (c === 0xed ? 0x9f : 0xbf) && (c2 & 0xc0) === 0x80) {
        units[k++] = ((c & 0x0f) << 12) | ((c1 & 0x3f) << 6) | (c2 & 0x3f);
        i += 3;
        continue;
      }
    } else if (c >= 0xf0 && c <= 0xf4) {
      const c1 = i + 1 < n ? b[i + 1]! : 0;
      const c2 = i + 2 < n ? b[i + 2]! : 0;
      const c3 = i + 3 < n ? b[i + 3]! : 0;
      if (
        c1 >= (c === 0xf0 ? 0x90 : 0x80) &&
        c1 <= (c === 0xf4 ? 0x8f : 0xbf) &&
        (c2 & 0xc0) === 0x80 &&
        (c3 & 0xc0) === 0x80
      ) {
        const cp = (((c & 0x07) << 18) | ((c1 & 0x3f) << 12) | ((c2 & 0x3f) << 6) | (c3 & 0x3f)) - 0x10000;
        units[k++] = 0xd800 + (cp >> 10);
        units[k++] = 0xdc00 + (cp & 0x3ff);
        i += 4;
        continue;
      }
    }
    units[k++] = 0xdc00 + c;
    i++;
  }
  return Buffer.from(units.buffer, 0, k * 2).toString('utf16le');
}

/**
 * The string Go's UTF-8-validating encoders see (`encoding/json`, `strings.Map`, `for range`): each
 * byte that is not valid UTF-8 becomes U+FFFD.
 */
export function goValidString(s: string): string {
  if (!hasRawBytes(s)) return s;
  return s.replace(/(?<![\ud800-\udbff])[\udc80-\udcff]/g, '\ufffd');
}

const ASCII = /^[\x00-\x7f]*$/;

/**
 * The bytes of a Go string as a binary string (one character U+0000..U+00FF per byte), for
 * algorithms that index bytes (`len(s)`, `s[i]`, `s[a:b]`). Reading its characters as runes is
 * what Go code that does `rune(s[i])` sees. ASCII strings are returned as they are.
 */
export function goByteString(s: string): string {
  return ASCII.test(s) ? s : goBuffer(s).toString('latin1');
}

/** The Go string whose bytes a binary string ({@link goByteString}) holds. */
export function fromGoByteString(b: string): string {
  return ASCII.test(b) ? b : goString(Buffer.from(b, 'latin1'));
}
