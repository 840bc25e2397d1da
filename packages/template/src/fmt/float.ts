/**
 * Go's `strconv.FormatFloat` for float64 (`'e'`, `'E'`, `'f'`, `'g'`, `'G'`, `'x'`, `'X'`, `'b'`
 * formats; precision -1 means shortest round-trip digits). Shortest digits come from V8 (the same
 * shortest-and-closest digits Go's Ryu produces); fixed precision is rounded half-to-even on the
 * exact binary value, as Go does.
 *
 * @see https://github.com/golang/go/blob/go1.23.0/src/strconv/ftoa.go
 * @internal
 */

interface Digits {
  /** Decimal digits without leading zeros ('' for zero). */
  d: string;
  /** Decimal point position: value = 0.d × 10^dp. */
  dp: number;
}

/** Shortest digits that round-trip (|f| > 0, finite). */
function shortestDigits(f: number): Digits {
  const s = Math.abs(f).toExponential();
  const e = s.indexOf('e');
  const mant = s.slice(0, e).replace('.', '');
  const exp = Number(s.slice(e + 1));
  return { d: mant.replace(/0+$/, '') || '0', dp: exp + 1 };
}

/** Exact decimal expansion of |f| (finite, non-zero). */
function exactDigits(f: number): Digits {
  const buf = new DataView(new ArrayBuffer(8));
  buf.setFloat64(0, Math.abs(f));
  const hi = buf.getUint32(0);
  const lo = buf.getUint32(4);
  const bexp = (hi >>> 20) & 0x7ff;
  let mant = (BigInt(hi & 0xfffff) << 32n) | BigInt(lo);
  let e2: number;
  if (bexp === 0) e2 = -1074;
  else {
    mant |= 1n << 52n;
    e2 = bexp - 1075;
  }
  let digits: string;
  let dp: number;
  if (e2 >= 0) {
    digits = (mant << BigInt(e2)).toString();
    dp = digits.length;
  } else {
    digits = (mant * 5n ** BigInt(-e2)).toString();
    dp = digits.length + e2;
  }
  const stripped = digits.replace(/^0+/, '');
  dp -= digits.length - stripped.length;
  return { d: stripped.replace(/0+$/, ''), dp };
}

/** Rounds digits to `nd` digits, half to even (exact input). */
function roundDigits(x: Digits, nd: number): Digits {
  if (nd < 0) return { d: '', dp: x.dp };
  if (nd >= x.d.length) return x;
  const next = x.d.charCodeAt(nd) - 48;
  let up: boolean;
  if (next > 5) up = true;
  else if (next < 5) up = false;
  else if (nd + 1 < x.d.length)
    up = true; // more non-zero digits follow (trailing zeros stripped)
  else up = nd > 0 && (x.d.charCodeAt(nd - 1) - 48) % 2 === 1;
  let d = x.d.slice(0, nd);
  let dp = x.dp;
  if (up) {
    let i = nd - 1;
    const arr = d.split('');
    while (i >= 0 && arr[i] === '9') {
      arr[i] = '0';
      i--;
    }
    if (i < 0) {
      arr.unshift('1');
      dp++;
      arr.pop();
      if (nd === 0) {
        return { d: '1', dp: dp };
      }
    } else arr[i] = String.fromCharCode(arr[i]!.charCodeAt(0) + 1);
    d = arr.join('');
  }
  return { d: d.replace(/0+$/, ''), dp };
}

function digitAt(x: Digits, i: number): string {
  return i < x.d.length ? x.d[i]! : '0';
}

function fmtE(neg: boolean, x: Digits, prec: number, fmt: string): string {
  let s = neg ? '-' : '';
  s += x.d.length === 0 ? '0' : x.d[0]!;
  if (prec > 0) {
    s += '.';
    let i = 1;
    const m = Math.min(x.d.length, prec + 1);
    if (i < m) {
      s += x.d.slice(i, m);
      i = m;
    }
    if (i <= prec) s += '0'.repeat(prec - i + 1);
  }
  s += fmt;
  let exp = x.dp - 1;
  if (x.d.length === 0) exp = 0;
  if (exp < 0) {
    s += '-';
    exp = -exp;
  } else s += '+';
  s += exp < 10 ? '0' + exp : String(exp);
  return s;
}

function fmtF(neg: boolean, x: Digits, prec: number): string {
  let s = neg ? '-' : '';
  if (x.dp > 0) {
    const m = Math.min(x.d.length, x.dp);
    s += x.d.slice(0, m);
    if (x.dp > m) s += '0'.repeat(x.dp - m);
  } else s += '0';
  if (prec > 0) {
    // Fraction digits j = dp .. dp+prec-1 of 0.d × 10^dp: zeros before d, then d, then zeros.
    const lead = Math.min(prec, Math.max(0, -x.dp));
    const from = Math.max(0, x.dp);
    const body = x.d.slice(from, Math.max(from, x.dp + prec));
    s += '.' + '0'.repeat(lead) + body + '0'.repeat(prec - lead - body.length);
  }
  return s;
}

/** `strconv.FormatFloat(f, fmt, prec, 64)`. */
export function formatFloat(f: number, fmt: string, prec: number): string {
  if (Number.isNaN(f)) return 'NaN';
  if (f === Infinity) return '+Inf';
  if (f === -Infinity) return '-Inf';
  const neg = f < 0 || Object.is(f, -0);
  if (fmt === 'x' || fmt === 'X') return fmtX(f, prec, fmt);
  if (fmt === 'b') return fmtB(f);
  const shortest = prec < 0;
  let x: Digits;
  if (f === 0) x = { d: '', dp: 0 };
  else if (shortest) x = shortestDigits(f);
  else {
    const exact = exactDigits(f);
    switch (fmt) {
      case 'e':
      case 'E':
        x = roundDigits(exact, prec + 1);
        break;
      case 'f':
        x = roundDigits(exact, exact.dp + prec);
        break;
      default: {
        const p = prec === 0 ? 1 : prec;
        x = roundDigits(exact, p);
        prec = p;
      }
    }
  }
  const nd = x.d.length;
  switch (fmt) {
    case 'e':
    case 'E':
      return fmtE(neg, x, shortest ? Math.max(nd - 1, 0) : prec, fmt);
    case 'f':
      return fmtF(neg, x, shortest ? Math.max(nd - x.dp, 0) : prec);
    case 'g':
    case 'G': {
      let p = shortest ? nd : prec;
      let eprec = p;
      if (eprec > nd && nd >= x.dp) eprec = nd;
      if (shortest) eprec = 6;
      const exp = x.dp - 1;
      if (exp < -4 || exp >= eprec) {
        if (p > nd) p = nd;
        return fmtE(neg, x, p - 1, fmt === 'g' ? 'e' : 'E');
      }
      if (p > x.dp) p = nd;
      return fmtF(neg, x, Math.max(p - x.dp, 0));
    }
  }
  return '%' + fmt;
}

void digitAt;

/** Sign, unbiased-exponent field (1 for subnormals) and mantissa (with the implicit bit) of f. */
function floatBits(f: number): { neg: boolean; exp: number; mant: bigint } {
  const buf = new DataView(new ArrayBuffer(8));
  buf.setFloat64(0, f);
  const hi = buf.getUint32(0);
  const lo = buf.getUint32(4);
  let exp = (hi >>> 20) & 0x7ff;
  let mant = (BigInt(hi & 0xfffff) << 32n) | BigInt(lo);
  if (exp === 0) exp = 1;
  else mant |= 1n << 52n;
  return { neg: hi >>> 31 === 1, exp, mant };
}

function fmtB(f: number): string {
  const bits = floatBits(f);
  const neg = bits.neg;
  let exp = bits.exp;
  const mant = bits.mant;
  exp -= 1075;
  return `${neg ? '-' : ''}${mant}p${exp >= 0 ? '+' : ''}${exp}`;
}

function fmtX(f: number, prec: number, fmt: string): string {
  const bits = floatBits(f);
  const neg = bits.neg;
  let exp = bits.exp;
  let mant = bits.mant;
  exp -= 1023 + 52;
  // Go: shift mantissa so the leading 1 is at bit 60.
  if (mant === 0n) exp = 0;
  let shift = 60 - mant.toString(2).length + 1;
  if (mant === 0n) shift = 0;
  mant <<= BigInt(Math.max(shift, 0));
  exp -= shift;
  if (mant !== 0n) exp += 60; // value = mant/2^60 * 2^exp
  if (prec >= 0 && prec < 15) {
    const sh = BigInt(4 * (15 - prec));
    const extra = mant & ((1n << sh) - 1n);
    mant >>= sh;
    const half = 1n << (sh - 1n);
    if (extra > half || (extra === half && (mant & 1n) === 1n)) mant++;
    mant <<= sh;
    if (mant >> 61n !== 0n) {
      mant >>= 1n;
      exp++;
    }
  }
  const digits = fmt === 'X' ? '0123456789ABCDEF' : '0123456789abcdef';
  let s = neg ? '-' : '';
  s += '0' + (fmt === 'X' ? 'X' : 'x') + String(Number((mant >> 60n) & 1n));
  mant <<= 4n;
  if (prec < 0 && mant !== 0n) {
    s += '.';
    while (mant !== 0n) {
      s += digits[Number((mant >> 60n) & 15n)];
      mant = (mant << 4n) & ((1n << 64n) - 1n);
    }
  } else if (prec > 0) {
    s += '.';
    for (let i = 0; i < prec; i++) {
      s += digits[Number((mant >> 60n) & 15n)];
      mant = (mant << 4n) & ((1n << 64n) - 1n);
    }
  }
  s += fmt === 'X' ? 'P' : 'p';
  if (exp < 0) {
    s += '-';
    exp = -exp;
  } else s += '+';
  s += exp < 10 ? '0' + exp : String(exp);
  return s;
}
