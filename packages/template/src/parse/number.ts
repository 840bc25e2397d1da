/**
 * Go's `strconv.ParseInt`/`ParseUint` (base 0) and `ParseFloat` for template number literals.
 *
 * @see https://github.com/golang/go/blob/go1.23.0/src/strconv/atoi.go
 * @internal
 */

/** Go's `underscoreOK`: underscores only between digits (or after a base prefix). */
export function underscoreOK(s: string): boolean {
  let saw = '^';
  let i = 0;
  if (s.length >= 1 && (s[0] === '-' || s[0] === '+')) s = s.slice(1);
  let hex = false;
  if (s.length >= 2 && s[0] === '0' && 'bBoOxX'.includes(s[1]!)) {
    i = 2;
    saw = '0';
    hex = s[1] === 'x' || s[1] === 'X';
  }
  for (; i < s.length; i++) {
    const c = s[i]!;
    if ((c >= '0' && c <= '9') || (hex && /[a-fA-F]/.test(c))) {
      saw = '0';
      continue;
    }
    if (c === '_') {
      if (saw !== '0') return false;
      saw = '_';
      continue;
    }
    if (saw === '_') return false;
    saw = '!';
  }
  return saw !== '_';
}

const MAX_U64 = (1n << 64n) - 1n;

/** `strconv.ParseUint(s, 0, 64)`: the value, or `'syntax'` / `'range'`. */
export function parseUint0(s: string): bigint | 'syntax' | 'range' {
  if (s === '') return 'syntax';
  const s0 = s;
  let base = 10;
  if (s[0] === '0') {
    const c = s[1]?.toLowerCase();
    if (s.length >= 3 && c === 'b') {
      base = 2;
      s = s.slice(2);
    } else if (s.length >= 3 && c === 'o') {
      base = 8;
      s = s.slice(2);
    } else if (s.length >= 3 && c === 'x') {
      base = 16;
      s = s.slice(2);
    } else {
      base = 8;
      s = s.slice(1);
    }
  }
  let underscores = false;
  let n = 0n;
  const b = BigInt(base);
  let overflow = false;
  for (const ch of s) {
    let d: number;
    if (ch === '_') {
      underscores = true;
      continue;
    }
    if (ch >= '0' && ch <= '9') d = ch.charCodeAt(0) - 48;
    else if (/[a-zA-Z]/.test(ch)) d = ch.toLowerCase().charCodeAt(0) - 87;
    else return 'syntax';
    if (d >= base) return 'syntax';
    if (!overflow) {
      n = n * b + BigInt(d);
      if (n > MAX_U64) overflow = true;
    }
  }
  if (underscores && !underscoreOK(s0)) return 'syntax';
  if (overflow) return 'range';
  return n;
}

/** `strconv.ParseInt(s, 0, 64)`. */
export function parseInt0(s: string): bigint | 'syntax' | 'range' {
  if (s === '') return 'syntax';
  let neg = false;
  let body = s;
  if (s[0] === '+') body = s.slice(1);
  else if (s[0] === '-') {
    neg = true;
    body = s.slice(1);
  }
  const u = parseUint0(body);
  if (u === 'syntax') return 'syntax';
  if (u === 'range') return 'range';
  if (!neg && u > (1n << 63n) - 1n) return 'range';
  if (neg && u > 1n << 63n) return 'range';
  return neg ? -u : u;
}

/** `strconv.ParseFloat(s, 64)`: the value (±Infinity on range error, as Go returns), or null on syntax error. */
export function parseFloat64(s: string): { value: number; rangeErr: boolean } | null {
  let i = 0;
  let neg = false;
  if (s[i] === '+') i++;
  else if (s[i] === '-') {
    neg = true;
    i++;
  }
  const rest = s.slice(i).toLowerCase();
  if (rest === 'inf' || rest === 'infinity') return { value: neg ? -Infinity : Infinity, rangeErr: false };
  if (rest === 'nan') return { value: Number.NaN, rangeErr: false };
  if (s.includes('_') && !underscoreOK(s)) return null;
  const t = s.replace(/_/g, '');
  let v: number;
  const m = /^([+-]?)0[xX]([0-9a-fA-F]*)(?:\.([0-9a-fA-F]*))?[pP]([+-]?[0-9]+)$/.exec(t);
  if (m) {
    const intPart = m[2] ?? '';
    const frac = m[3] ?? '';
    if (intPart === '' && frac === '') return null;
    const mant = BigInt('0x' + (intPart + frac || '0'));
    const exp = Number.parseInt(m[4]!, 10) - 4 * frac.length;
    v = hexToFloat(mant, exp);
    if (m[1] === '-') v = -v;
  } else {
    if (!/^[+-]?(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:[eE][+-]?[0-9]+)?$/.test(t)) return null;
    v = Number(t);
  }
  return { value: v, rangeErr: !Number.isFinite(v) };
}

function hexToFloat(mant: bigint, exp: number): number {
  if (mant === 0n) return 0;
  // Normalise so the conversion rounds once.
  let e = exp;
  let m = mant;
  const bits = m.toString(2).length;
  if (bits > 64) {
    const shift = bits - 64;
    const sticky = (m & ((1n << BigInt(shift)) - 1n)) !== 0n ? 1n : 0n;
    m = (m >> BigInt(shift)) | sticky;
    e += shift;
  }
  return Number(m) * 2 ** e;
}
