/**
 * Go's `fmt.Sprint`, `Sprintln` and `Sprintf` over the template value model (see
 * `value/types.ts`): verbs `%v %+v %#v %T %t %d %b %o %O %x %X %c %q %U %e %E %f %F %g %G %s %p`,
 * flags `+ - # 0 space`, width, precision, `*` and `[n]` argument indexes, and Go's error forms
 * (`%!d(float64=1)`, `%!d(MISSING)`, `%!(EXTRA int=1)`, `%!(NOVERB)`, `%!(BADINDEX)`).
 *
 * @see https://github.com/golang/go/blob/go1.23.0/src/fmt/print.go
 * @see https://github.com/golang/go/blob/go1.23.0/src/fmt/format.go
 */
import { GoComplex, GoFunc, GoInt, goTypeInfo, sliceElemType, sortedKeys, typeName } from '../value/types.js';
import { formatFloat } from './float.js';
import { goQuote, goQuoteRune, goQuoteToASCII } from './quote.js';
import { isPrintRune } from '../parse/lex.js';
import { goBuffer, goString } from '../value/goString.js';

const LDIGITS = '0123456789abcdefx';
const UDIGITS = '0123456789ABCDEFX';

/** Calls a Go-typed object's method (`String`, `Error`), or undefined when it has none. */
function methodString(v: object, name: 'String' | 'Error'): string | undefined {
  const m = goTypeInfo(v)?.methods?.[name];
  if (!m) return undefined;
  return String(m.fn.call(v));
}

class Printer {
  buf = '';
  // flags
  plus = false;
  minus = false;
  sharp = false;
  space = false;
  zero = false;
  plusV = false;
  sharpV = false;
  wid = 0;
  widPresent = false;
  prec = 0;
  precPresent = false;
  erroring = false;
  /** The argument being printed (Go's p.arg), for badVerb. */
  arg: unknown = undefined;
  argIsValue = false;

  clearflags(): void {
    this.plus = this.minus = this.sharp = this.space = this.zero = false;
    this.plusV = this.sharpV = false;
    this.wid = this.prec = 0;
    this.widPresent = this.precPresent = false;
  }

  writePadding(n: number): void {
    if (n <= 0) return;
    this.buf += (this.zero && !this.minus ? '0' : ' ').repeat(n);
  }

  pad(s: string): void {
    if (!this.widPresent || this.wid === 0) {
      this.buf += s;
      return;
    }
    const width = this.wid - runeCount(s);
    if (!this.minus) {
      this.writePadding(width);
      this.buf += s;
    } else {
      this.buf += s;
      this.writePadding(width);
    }
  }

  truncateString(s: string): string {
    if (this.precPresent) {
      let n = this.prec;
      let i = 0;
      for (const ch of s) {
        n--;
        if (n < 0) return s.slice(0, i);
        i += ch.length;
      }
    }
    return s;
  }

  fmtS(s: string): void {
    this.pad(this.truncateString(s));
  }

  fmtQ(s: string): void {
    s = this.truncateString(s);
    if (this.sharp && canBackquote(s)) {
      this.pad('`' + s + '`');
      return;
    }
    this.pad(this.plus ? goQuoteToASCII(s) : goQuote(s));
  }

  fmtSbx(bytes: Uint8Array, digits: string): void {
    let length = bytes.length;
    if (this.precPresent && this.prec < length) length = this.prec;
    let width = 2 * length;
    if (width > 0) {
      if (this.space) {
        if (this.sharp) width *= 2;
        width += length - 1;
      } else if (this.sharp) width += 2;
    } else {
      if (this.widPresent) this.writePadding(this.wid);
      return;
    }
    if (this.widPresent && this.wid > width && !this.minus) this.writePadding(this.wid - width);
    let s = '';
    if (this.sharp) s += '0' + digits[16];
    for (let i = 0; i < length; i++) {
      if (this.space && i > 0) {
        s += ' ';
        if (this.sharp) s += '0' + digits[16];
      }
      const c = bytes[i]!;
      s += digits[c >> 4]! + digits[c & 15]!;
    }
    this.buf += s;
    if (this.widPresent && this.wid > width && this.minus) this.writePadding(this.wid - width);
  }

  fmtInteger(u: bigint, base: number, isSigned: boolean, verb: string, digits: string): void {
    const negative = isSigned && u < 0n;
    if (negative) u = -u;
    let prec = 0;
    if (this.precPresent) {
      prec = this.prec;
      if (prec === 0 && u === 0n) {
        const oldZero = this.zero;
        this.zero = false;
        this.writePadding(this.wid);
        this.zero = oldZero;
        return;
      }
    } else if (this.zero && !this.minus && this.widPresent) {
      prec = this.wid;
      if (negative || this.plus || this.space) prec--;
    }
    let s: string;
    if (base === 10) s = u.toString(10);
    else {
      s = u.toString(base);
      if (base === 16 && digits === UDIGITS) s = s.toUpperCase();
    }
    if (s.length < prec) s = s.padStart(prec, '0');
    if (this.sharp) {
      if (base === 2) s = '0b' + s;
      else if (base === 8) {
        if (s[0] !== '0') s = '0' + s;
      } else if (base === 16) s = '0' + digits[16] + s;
    }
    if (verb === 'O') s = '0o' + s;
    if (negative) s = '-' + s;
    else if (this.plus) s = '+' + s;
    else if (this.space) s = ' ' + s;
    const oldZero = this.zero;
    this.zero = false;
    this.pad(s);
    this.zero = oldZero;
  }

  fmtUnicode(u: bigint): void {
    let prec = 4;
    if (this.precPresent && this.prec > 4) prec = this.prec;
    let s = 'U+' + u.toString(16).toUpperCase().padStart(prec, '0');
    if (this.sharp && u <= 0x10ffffn && isPrintRune(Number(u)))
      s += " '" + String.fromCodePoint(Number(u)) + "'";
    const oldZero = this.zero;
    this.zero = false;
    this.pad(s);
    this.zero = oldZero;
  }

  fmtFloatRaw(v: number, verb: string, prec: number): void {
    if (this.precPresent) prec = this.prec;
    let num = formatFloat(v, verb, prec);
    if (num[0] === '-' || num[0] === '+') {
      /* keep */
    } else num = '+' + num;
    if (this.space && num[0] === '+' && !this.plus) num = ' ' + num.slice(1);
    if (num[1] === 'I' || num[1] === 'N') {
      const oldZero = this.zero;
      this.zero = false;
      if (num[1] === 'N' && !this.space && !this.plus) num = num.slice(1);
      this.pad(num);
      this.zero = oldZero;
      return;
    }
    if (this.sharp && verb !== 'b') {
      let digits = 0;
      if (verb === 'v' || verb === 'g' || verb === 'G' || verb === 'x') {
        digits = prec;
        if (digits === -1) digits = 6;
      }
      let tail = '';
      let body = num;
      let hasDecimalPoint = false;
      let sawNonzeroDigit = false;
      for (let i = 1; i < body.length; i++) {
        const c = body[i]!;
        if (c === '.') hasDecimalPoint = true;
        else if (c === 'p' || c === 'P' || ((c === 'e' || c === 'E') && verb !== 'x' && verb !== 'X')) {
          tail = body.slice(i);
          body = body.slice(0, i);
          break;
        } else {
          if (c !== '0') sawNonzeroDigit = true;
          if (sawNonzeroDigit) digits--;
        }
      }
      if (!hasDecimalPoint) {
        if (body.length === 2 && body[1] === '0') digits--;
        body += '.';
      }
      if (digits > 0) body += '0'.repeat(digits);
      num = body + tail;
    }
    if (this.plus || num[0] !== '+') {
      if (this.zero && !this.minus && this.widPresent && this.wid > num.length) {
        this.buf += num[0];
        this.writePadding(this.wid - num.length);
        this.buf += num.slice(1);
        return;
      }
      this.pad(num);
      return;
    }
    this.pad(num.slice(1));
  }

  fmtFloat(v: number, verb: string): void {
    switch (verb) {
      case 'v':
        this.fmtFloatRaw(v, 'g', -1);
        break;
      case 'b':
      case 'g':
      case 'G':
      case 'x':
      case 'X':
        this.fmtFloatRaw(v, verb, -1);
        break;
      case 'f':
      case 'e':
      case 'E':
        this.fmtFloatRaw(v, verb, 6);
        break;
      case 'F':
        this.fmtFloatRaw(v, 'f', 6);
        break;
      default:
        this.badVerb(verb);
    }
  }

  fmtIntegerVerb(v: bigint, isSigned: boolean, verb: string): void {
    switch (verb) {
      case 'v':
        if (this.sharpV && !isSigned) {
          const old = this.sharp;
          this.sharp = true;
          this.fmtInteger(v, 16, false, 'v', LDIGITS);
          this.sharp = old;
        } else this.fmtInteger(v, 10, isSigned, verb, LDIGITS);
        break;
      case 'd':
        this.fmtInteger(v, 10, isSigned, verb, LDIGITS);
        break;
      case 'b':
        this.fmtInteger(v, 2, isSigned, verb, LDIGITS);
        break;
      case 'o':
      case 'O':
        this.fmtInteger(v, 8, isSigned, verb, LDIGITS);
        break;
      case 'x':
        this.fmtInteger(v, 16, isSigned, verb, LDIGITS);
        break;
      case 'X':
        this.fmtInteger(v, 16, isSigned, verb, UDIGITS);
        break;
      case 'c': {
        const r = v < 0n || v > 0x10ffffn ? 0xfffd : Number(v);
        this.pad(String.fromCodePoint(r >= 0xd800 && r <= 0xdfff ? 0xfffd : r));
        break;
      }
      case 'q': {
        const r = v < 0n || v > 0x10ffffn ? 0xfffd : Number(v);
        this.pad(goQuoteRune(r, this.plus));
        break;
      }
      case 'U':
        this.fmtUnicode(v < 0n ? v + (1n << 64n) : v);
        break;
      default:
        this.badVerb(verb);
    }
  }

  fmtString(v: string, verb: string): void {
    switch (verb) {
      case 'v':
        if (this.sharpV) this.fmtQ(v);
        else this.fmtS(v);
        break;
      case 's':
        this.fmtS(v);
        break;
      case 'x':
        this.fmtSbx(utf8Bytes(v), LDIGITS);
        break;
      case 'X':
        this.fmtSbx(utf8Bytes(v), UDIGITS);
        break;
      case 'q':
        this.fmtQ(v);
        break;
      default:
        this.badVerb(verb);
    }
  }

  fmtBytes(v: Uint8Array, verb: string, typeString: string): void {
    switch (verb) {
      case 'v':
      case 'd':
        if (this.sharpV) {
          this.buf += typeString + '{';
          v.forEach((c, i) => {
            if (i > 0) this.buf += ', ';
            this.buf += '0x' + c.toString(16);
          });
          this.buf += '}';
        } else {
          this.buf += '[';
          v.forEach((c, i) => {
            if (i > 0) this.buf += ' ';
            this.fmtInteger(BigInt(c), 10, false, verb, LDIGITS);
          });
          this.buf += ']';
        }
        break;
      case 's':
        this.pad(this.truncateString(goString(v)));
        break;
      case 'x':
        this.fmtSbx(v, LDIGITS);
        break;
      case 'X':
        this.fmtSbx(v, UDIGITS);
        break;
      case 'q':
        this.fmtQ(goString(v));
        break;
      default:
        this.printValue(v, verb, 0);
    }
  }

  badVerb(verb: string): void {
    this.erroring = true;
    this.buf += '%!' + verb + '(';
    const a = this.arg;
    if (a !== undefined && a !== null) {
      this.buf += typeName(a) + '=';
      this.printArg(a, 'v');
    } else this.buf += '<nil>';
    this.buf += ')';
    this.erroring = false;
  }

  handleMethods(verb: string): boolean {
    if (this.erroring) return false;
    const a = this.arg;
    if (typeof a !== 'object' || a === null) return false;
    if (a instanceof GoInt || Array.isArray(a) || a instanceof Uint8Array) return false;
    if (this.sharpV) return false;
    if (verb === 'v' || verb === 's' || verb === 'x' || verb === 'X' || verb === 'q') {
      const e = methodString(a, 'Error');
      if (e !== undefined) {
        this.fmtString(e, verb);
        return true;
      }
      const s = methodString(a, 'String');
      if (s !== undefined) {
        this.fmtString(s, verb);
        return true;
      }
      if (a instanceof Date) {
        this.fmtString(formatGoTime(a), verb);
        return true;
      }
    }
    return false;
  }

  printArg(arg: unknown, verb: string): void {
    this.arg = arg;
    if (arg === undefined || arg === null) {
      if (verb === 'T' || verb === 'v') this.pad('<nil>');
      else this.badVerb(verb);
      return;
    }
    if (verb === 'w') {
      this.badVerb(verb);
      return;
    }
    if (verb === 'T') {
      this.fmtS(typeName(arg));
      return;
    }
    if (verb === 'p') {
      this.fmtPointer(arg, 'p');
      return;
    }
    switch (typeof arg) {
      case 'boolean':
        this.fmtBool(arg, verb);
        return;
      case 'number':
        this.fmtFloat(arg, verb);
        return;
      case 'string':
        this.fmtString(arg, verb);
        return;
    }
    if (arg instanceof GoInt) {
      const signed = arg.kind[0] === 'i';
      this.fmtIntegerVerb(arg.exact, signed, verb);
      return;
    }
    if (arg instanceof Uint8Array) {
      this.fmtBytes(arg, verb, '[]byte');
      return;
    }
    if (!this.handleMethods(verb)) this.printValue(arg, verb, 0);
  }

  fmtBool(v: boolean, verb: string): void {
    if (verb === 't' || verb === 'v') this.pad(v ? 'true' : 'false');
    else this.badVerb(verb);
  }

  fmtPointer(_v: unknown, verb: string): void {
    // Addresses are meaningless here; print a stable placeholder the way Go prints a pointer.
    switch (verb) {
      case 'v':
      case 'p':
        this.pad('0xc000000000');
        return;
      default:
        this.badVerb(verb);
    }
  }

  /**
   * Go's printValue. `depth > 0` means the value sits inside a container, where nil interfaces
   * print as `<nil>` and Stringers are honoured.
   */
  printValue(v: unknown, verb: string, depth: number): void {
    if (depth > 0 && v !== null && v !== undefined) {
      this.arg = v;
      if (this.handleMethods(verb)) return;
    }
    this.arg = v;
    if (v === null || v === undefined) {
      if (depth === 0) this.buf += '<invalid reflect.Value>';
      else if (this.sharpV) this.buf += 'interface {}(nil)';
      else this.buf += '<nil>';
      return;
    }
    switch (typeof v) {
      case 'boolean':
        this.fmtBool(v, verb);
        return;
      case 'number':
        this.fmtFloat(v, verb);
        return;
      case 'string':
        this.fmtString(v, verb);
        return;
    }
    if (v instanceof GoInt) {
      this.fmtIntegerVerb(v.exact, v.kind[0] === 'i', verb);
      return;
    }
    if (v instanceof GoComplex) {
      this.fmtComplex(v, verb);
      return;
    }
    if (v instanceof GoFunc) {
      this.fmtPointer(v, verb);
      return;
    }
    if (v instanceof Uint8Array) {
      if (verb === 's' || verb === 'q' || verb === 'x' || verb === 'X') {
        this.fmtBytes(v, verb, '[]uint8');
        return;
      }
      this.printList(
        Array.from(v, (b) => new GoInt('uint8', b)),
        verb,
        depth,
        '[]uint8',
      );
      return;
    }
    if (Array.isArray(v)) {
      const elem = sliceElemType(v);
      if (elem === 'uint8' && (verb === 's' || verb === 'q' || verb === 'x' || verb === 'X')) {
        this.fmtBytes(
          Uint8Array.from(v as GoInt[], (g) => g.v),
          verb,
          '[]uint8',
        );
        return;
      }
      this.printList(v, verb, depth, `[]${elem}`);
      return;
    }
    if (v instanceof Date) {
      this.fmtString(formatGoTime(v), verb);
      return;
    }
    if (typeof v === 'object') {
      const info = goTypeInfo(v);
      if (info?.pointer && depth > 0) {
        this.fmtPointer(v, verb);
        return;
      }
      if (info?.pointer) this.buf += '&';
      if (info?.kind === 'struct') {
        if (this.sharpV) this.buf += info.name;
        this.buf += '{';
        let i = 0;
        for (const [k, fv] of Object.entries(v)) {
          if (i++ > 0) this.buf += this.sharpV ? ', ' : ' ';
          if (this.plusV || this.sharpV) this.buf += k + ':';
          this.printValue(fv, verb, depth + 1);
        }
        this.buf += '}';
        return;
      }
      const tn = info ? info.name : 'map[string]interface {}';
      this.buf += this.sharpV ? tn + '{' : 'map[';
      const rec = v as Record<string, unknown>;
      let i = 0;
      for (const k of sortedKeys(v)) {
        if (i++ > 0) this.buf += this.sharpV ? ', ' : ' ';
        this.printValue(k, verb, depth + 1);
        this.buf += ':';
        this.printValue(rec[k], verb, depth + 1);
      }
      this.buf += this.sharpV ? '}' : ']';
      return;
    }
    this.buf += '?';
  }

  printList(v: unknown[], verb: string, depth: number, typeString: string): void {
    if (this.sharpV) {
      this.buf += typeString + '{';
      for (let i = 0; i < v.length; i++) {
        if (i > 0) this.buf += ', ';
        this.printValue(v[i], verb, depth + 1);
      }
      this.buf += '}';
      return;
    }
    this.buf += '[';
    for (let i = 0; i < v.length; i++) {
      if (i > 0) this.buf += ' ';
      this.printValue(v[i], verb, depth + 1);
    }
    this.buf += ']';
  }

  fmtComplex(v: GoComplex, verb: string): void {
    switch (verb) {
      case 'v':
      case 'b':
      case 'g':
      case 'G':
      case 'x':
      case 'X':
      case 'f':
      case 'F':
      case 'e':
      case 'E': {
        const oldPlus = this.plus;
        this.buf += '(';
        this.fmtFloat(v.re, verb);
        this.plus = true;
        this.fmtFloat(v.im, verb);
        this.buf += 'i)';
        this.plus = oldPlus;
        return;
      }
      default:
        this.badVerb(verb);
    }
  }
}

function runeCount(s: string): number {
  let n = s.length;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff) n--;
  }
  return n;
}

/** The bytes of a Go string (see `value/goString.ts`). */
export function utf8Bytes(s: string): Uint8Array {
  return goBuffer(s);
}

function canBackquote(s: string): boolean {
  for (const ch of s) {
    const r = ch.codePointAt(0)!;
    if (r === 0x60 || r === 0xfeff) return false;
    if (r < 0x20 && r !== 0x09) return false;
    if (r === 0x7f) return false;
    // A lone surrogate stands for an invalid UTF-8 byte (RuneError of width 1).
    if (r >= 0xd800 && r <= 0xdfff) return false;
  }
  return true;
}

/** Go's `time.Time.String()` layout in UTC: `2006-01-02 15:04:05.999999999 +0000 UTC`. */
export function formatGoTime(d: Date): string {
  const p = (n: number, w = 2) => String(n).padStart(w, '0');
  const ms = d.getUTCMilliseconds();
  const frac = ms ? '.' + p(ms, 3).replace(/0+$/, '') : '';
  return `${p(d.getUTCFullYear(), 4)}-${p(d.getUTCMonth() + 1)}-${p(d.getUTCDate())} ${p(d.getUTCHours())}:${p(
    d.getUTCMinutes(),
  )}:${p(d.getUTCSeconds())}${frac} +0000 UTC`;
}

function isStringArg(a: unknown): boolean {
  return typeof a === 'string';
}

/** `fmt.Sprint`: operands formatted with `%v`, spaces between operands when neither is a string. */
export function sprint(args: readonly unknown[]): string {
  if (args.length === 1) {
    const a = args[0];
    if (typeof a === 'string') return a;
  }
  const p = new Printer();
  let prevString = false;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    const isString = isStringArg(arg);
    if (i > 0 && !isString && !prevString) p.buf += ' ';
    p.clearflags();
    p.printArg(arg, 'v');
    prevString = isString;
  }
  return p.buf;
}

/** `fmt.Sprintln`: operands formatted with `%v`, always space-separated, newline appended. */
export function sprintln(args: readonly unknown[]): string {
  const p = new Printer();
  for (let i = 0; i < args.length; i++) {
    if (i > 0) p.buf += ' ';
    p.clearflags();
    p.printArg(args[i], 'v');
  }
  return p.buf + '\n';
}

/** `fmt.Sprint` of one value (`%v`), the way templates print action results. */
export function formatValue(v: unknown): string {
  switch (typeof v) {
    case 'string':
      return v;
    case 'boolean':
      return v ? 'true' : 'false';
    case 'number':
      return formatFloat(v, 'g', -1);
  }
  if (v instanceof GoInt) return v.toString();
  const p = new Printer();
  p.printArg(v, 'v');
  return p.buf;
}

function parsenum(s: string, start: number, end: number): { num: number; isnum: boolean; newi: number } {
  if (start >= end) return { num: 0, isnum: false, newi: end };
  let num = 0;
  let isnum = false;
  let newi = start;
  for (; newi < end && s.charCodeAt(newi) >= 48 && s.charCodeAt(newi) <= 57; newi++) {
    if (num > 1e6 || num < -1e6) return { num: 0, isnum: false, newi: end };
    num = num * 10 + (s.charCodeAt(newi) - 48);
    isnum = true;
  }
  return { num, isnum, newi };
}

function intFromArg(
  a: readonly unknown[],
  argNum: number,
): { num: number; isInt: boolean; newArgNum: number } {
  let num = 0;
  let isInt = false;
  let newArgNum = argNum;
  if (argNum < a.length) {
    const v = a[argNum];
    if (v instanceof GoInt) {
      num = v.v;
      isInt = true;
    }
    newArgNum = argNum + 1;
    if (num > 1e6 || num < -1e6) {
      num = 0;
      isInt = false;
    }
  }
  return { num, isInt, newArgNum };
}

/** `fmt.Sprintf`. */
export function sprintf(format: string, a: readonly unknown[]): string {
  const p = new Printer();
  const end = format.length;
  let argNum = 0;
  let afterIndex = false;
  let reordered = false;
  let goodArgNum = true;

  const argNumber = (i: number): [number, number, boolean] => {
    if (format.length <= i || format[i] !== '[') return [argNum, i, false];
    reordered = true;
    // parseArgNumber
    const f = format.slice(i);
    let index = 0;
    let wid = 1;
    let ok = false;
    if (f.length >= 3) {
      for (let j = 1; j < f.length; j++) {
        if (f[j] === ']') {
          const r = parsenum(f, 1, j);
          if (!r.isnum || r.newi !== j) {
            wid = j + 1;
            ok = false;
          } else {
            index = r.num - 1;
            wid = j + 1;
            ok = true;
          }
          break;
        }
      }
    }
    if (ok && index >= 0 && index < a.length) return [index, i + wid, true];
    goodArgNum = false;
    return [argNum, i + wid, ok];
  };

  formatLoop: for (let i = 0; i < end; ) {
    goodArgNum = true;
    const lasti = i;
    while (i < end && format[i] !== '%') i++;
    if (i > lasti) p.buf += format.slice(lasti, i);
    if (i >= end) break;
    i++;
    p.clearflags();
    simpleFormat: for (; i < end; i++) {
      const c = format[i]!;
      switch (c) {
        case '#':
          p.sharp = true;
          break;
        case '0':
          p.zero = true;
          break;
        case '+':
          p.plus = true;
          break;
        case '-':
          p.minus = true;
          break;
        case ' ':
          p.space = true;
          break;
        default:
          if (c >= 'a' && c <= 'z' && argNum < a.length) {
            if (c === 'v' || c === 'w') {
              p.sharpV = p.sharp;
              p.sharp = false;
              p.plusV = p.plus;
              p.plus = false;
            }
            p.printArg(a[argNum], c);
            argNum++;
            i++;
            continue formatLoop;
          }
          break simpleFormat;
      }
    }
    [argNum, i, afterIndex] = argNumber(i);
    if (i < end && format[i] === '*') {
      i++;
      const r = intFromArg(a, argNum);
      p.wid = r.num;
      p.widPresent = r.isInt;
      argNum = r.newArgNum;
      if (!p.widPresent) p.buf += '%!(BADWIDTH)';
      if (p.wid < 0) {
        p.wid = -p.wid;
        p.minus = true;
        p.zero = false;
      }
      afterIndex = false;
    } else {
      const r = parsenum(format, i, end);
      p.wid = r.num;
      p.widPresent = r.isnum;
      i = r.newi;
      if (afterIndex && p.widPresent) goodArgNum = false;
    }
    if (i + 1 < end && format[i] === '.') {
      i++;
      if (afterIndex) goodArgNum = false;
      [argNum, i, afterIndex] = argNumber(i);
      if (i < end && format[i] === '*') {
        i++;
        const r = intFromArg(a, argNum);
        p.prec = r.num;
        p.precPresent = r.isInt;
        argNum = r.newArgNum;
        if (p.prec < 0) {
          p.prec = 0;
          p.precPresent = false;
        }
        if (!p.precPresent) p.buf += '%!(BADPREC)';
        afterIndex = false;
      } else {
        const r = parsenum(format, i, end);
        p.prec = r.num;
        p.precPresent = r.isnum;
        i = r.newi;
        if (!p.precPresent) {
          p.prec = 0;
          p.precPresent = true;
        }
      }
    }
    if (!afterIndex) [argNum, i, afterIndex] = argNumber(i);
    if (i >= end) {
      p.buf += '%!(NOVERB)';
      break;
    }
    const verb = String.fromCodePoint(format.codePointAt(i)!);
    i += verb.length;
    if (verb === '%') {
      p.buf += '%';
    } else if (!goodArgNum) {
      p.buf += '%!' + verb + '(BADINDEX)';
    } else if (argNum >= a.length) {
      p.buf += '%!' + verb + '(MISSING)';
    } else {
      if (verb === 'v' || verb === 'w') {
        p.sharpV = p.sharp;
        p.sharp = false;
        p.plusV = p.plus;
        p.plus = false;
      }
      p.printArg(a[argNum], verb);
      argNum++;
    }
  }
  if (!reordered && argNum < a.length) {
    p.clearflags();
    p.buf += '%!(EXTRA ';
    for (let k = argNum; k < a.length; k++) {
      if (k > argNum) p.buf += ', ';
      const arg = a[k];
      if (arg === null || arg === undefined) p.buf += '<nil>';
      else {
        p.buf += typeName(arg) + '=';
        p.printArg(arg, 'v');
      }
    }
    p.buf += ')';
  }
  return p.buf;
}
