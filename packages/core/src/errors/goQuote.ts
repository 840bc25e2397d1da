/**
 * Go's `strconv.Quote` (what `%q` prints for a string): double quotes, `\a\b\f\n\r\t\v\\\"`
 * escapes, `\xNN` for other control bytes, `\uNNNN`/`\UNNNNNNNN` for non-printable runes.
 *
 * @see https://pkg.go.dev/strconv#Quote
 */
export function goQuote(s: string): string {
  let out = '"';
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    switch (ch) {
      case '"':
        out += '\\"';
        continue;
      case '\\':
        out += '\\\\';
        continue;
      case '\x07':
        out += '\\a';
        continue;
      case '\b':
        out += '\\b';
        continue;
      case '\f':
        out += '\\f';
        continue;
      case '\n':
        out += '\\n';
        continue;
      case '\r':
        out += '\\r';
        continue;
      case '\t':
        out += '\\t';
        continue;
      case '\v':
        out += '\\v';
        continue;
    }
    if (c < 0x20 || c === 0x7f) out += `\\x${c.toString(16).padStart(2, '0')}`;
    else if (c === 0xfffd && ch !== '\ufffd') out += '\\ufffd';
    else if (isGoPrint(c)) out += ch;
    else if (c < 0x10000) out += `\\u${c.toString(16).padStart(4, '0')}`;
    else out += `\\U${c.toString(16).padStart(8, '0')}`;
  }
  return `${out}"`;
}

/** Approximation of Go's `unicode.IsPrint`: letters, marks, numbers, punctuation, symbols and ASCII space. */
function isGoPrint(c: number): boolean {
  if (c === 0x20) return true;
  if (c < 0x20 || (c >= 0x7f && c < 0xa0)) return false;
  if (c >= 0xd800 && c <= 0xdfff) return false;
  return /[\p{L}\p{M}\p{N}\p{P}\p{S}]/u.test(String.fromCodePoint(c));
}
