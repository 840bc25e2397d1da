/**
 * Sprig v3.3.0 template functions as Helm exposes them (`env` and `expandenv` excluded), with Go
 * signatures and behaviour: `cast`-style number conversion, byte-based string slicing, panics
 * surfaced as `error calling NAME: ...`. Random functions and `now` use injected sources.
 *
 * @see https://github.com/Masterminds/sprig/blob/v3.3.0/functions.go
 */
import { cryptoFuncs } from './crypto.js';
import { cryptoRandom, type RandomSource } from './random.js';
import { nodeCrypto } from './lazyRequire.js';
import { type Clock, systemClock } from '@gitops-kit/core/errors';
import { TemplateError } from '../exec/errors.js';
import { sprint, sprintf, utf8Bytes, formatValue } from '../fmt/print.js';
import { goQuote } from '../fmt/quote.js';
import { parseFloat64, parseInt0 } from '../parse/number.js';
import {
  fromGoByteString,
  goBuffer,
  goByteString,
  goString,
  goValidString,
  hasRawBytes,
} from '../value/goString.js';
import { type FuncMap, goFunc } from '../value/func.js';
import {
  GoComplex,
  GoFunc,
  GoInt,
  goInt,
  goInt64,
  goTypeInfo,
  isGoMap,
  kindName,
  typedSlice,
  typeName,
} from '../value/types.js';
import { jsonMarshal, jsonMarshalIndent, jsonUnmarshal } from './json.js';
import {
  compileRegexp,
  findAllString,
  mustCompileRegexp,
  matchString,
  quoteMeta,
  replaceAll,
  split as reSplit,
} from './regex.js';
import { semverCompare, semverParse } from './semver.js';

/** Limits for functions that build large values from small inputs. */
export interface SprigLimits {
  /** Maximum elements `until`, `untilStep` and `seq` produce. Default 1,000,000. */
  maxListLength: number;
  /** Maximum length in bytes of strings built by `repeat`, `indent`, random functions. Default 64 MiB. */
  maxStringBytes: number;
}

/** Defaults of {@link SprigLimits}. */
export const defaultSprigLimits: SprigLimits = { maxListLength: 1_000_000, maxStringBytes: 64 * 1024 * 1024 };

/** Options of {@link sprigFuncs}. */
export interface SprigOptions {
  /**
   * Random source for `randAlphaNum`, `randAlpha`, `randNumeric`, `randAscii`, `randBytes`,
   * `randInt`, `shuffle`, `uuidv4`, certificate serial numbers, `encryptAES` IVs and `bcrypt`
   * salts (key pairs always come from the OS CSPRNG). Default {@link cryptoRandom}.
   */
  random?: RandomSource;
  /** Clock for `now`, `ago`, `htmlDate` defaults. Default the system clock. */
  clock?: Clock;
  /** Size bounds. */
  limits?: Partial<SprigLimits>;
}

/** `LimitExceeded` for a function result over a {@link SprigLimits} bound; the executor adds the call site. */
function limitError(what: string, limit: keyof SprigLimits, max: number): TemplateError {
  return new TemplateError('LimitExceeded', `${what} exceeds ${limit} (${max})`, { data: { limit } });
}

// ---------- conversions (spf13/cast) ----------

function trimZeroDecimal(s: string): string {
  let foundZero = false;
  for (let i = s.length; i > 0; i--) {
    switch (s[i - 1]) {
      case '.':
        if (foundZero) return s.slice(0, i - 1);
        break;
      case '0':
        foundZero = true;
        break;
      default:
        return s;
    }
  }
  return s;
}

/**
 * goutils' `Uncapitalize` without delimiters (Sprig's `untitle`): lower-cases the first rune of every
 * word, words being separated by Unicode white space.
 */
function uncapitalizeWords(s: string): string {
  let out = '';
  let next = true;
  for (const ch of s) {
    if (/\s/u.test(ch)) {
      next = true;
      out += ch;
    } else if (next) {
      out += ch.toLowerCase();
      next = false;
    } else out += ch;
  }
  return out;
}

/** `cast.ToInt64` (0 on failure). */
export function toInt64(v: unknown): number {
  if (v instanceof GoInt) return v.v;
  switch (typeof v) {
    case 'number':
      // Go's int64(f) on amd64: out-of-range values and NaN/Inf give the "integer indefinite" -2^63.
      if (!Number.isFinite(v)) return -(2 ** 63);
      return Math.abs(Math.trunc(v)) >= 2 ** 63 ? -(2 ** 63) : Math.trunc(v);
    case 'boolean':
      return v ? 1 : 0;
    case 'string': {
      const r = parseInt0(trimZeroDecimal(v));
      return typeof r === 'bigint' ? Number(r) : 0;
    }
  }
  return 0;
}

/** `cast.ToFloat64` (0 on failure). */
export function toFloat64(v: unknown): number {
  if (v instanceof GoInt) return v.v;
  switch (typeof v) {
    case 'number':
      return v;
    case 'boolean':
      return v ? 1 : 0;
    case 'string': {
      const r = parseFloat64(v);
      return r === null || r.rangeErr ? 0 : r.value;
    }
  }
  return 0;
}

/** Sprig's `strval`. */
export function strval(v: unknown): string {
  if (typeof v === 'string') return v;
  if (v instanceof Uint8Array) return goString(v);
  return formatValue(v === undefined ? null : v);
}

function strslice(v: unknown): string[] {
  if (Array.isArray(v)) {
    const out: string[] = [];
    for (const e of v) if (e !== null && e !== undefined) out.push(strval(e));
    return out;
  }
  if (v instanceof Uint8Array) return Array.from(v, (b) => String(b));
  if (v === null || v === undefined) return [];
  return [strval(v)];
}

// ---------- emptiness ----------

/** Sprig's `empty`. */
export function empty(v: unknown): boolean {
  if (v === null || v === undefined) return true;
  switch (typeof v) {
    case 'string':
      return v.length === 0;
    case 'boolean':
      return !v;
    case 'number':
      return v === 0;
  }
  if (v instanceof GoInt) return v.v === 0;
  if (Array.isArray(v) || v instanceof Uint8Array) return v.length === 0;
  if (v instanceof GoComplex) return v.re === 0 && v.im === 0;
  if (v instanceof GoFunc) return false;
  if (typeof v === 'object') {
    const info = goTypeInfo(v);
    if (info && (info.kind === 'struct' || info.pointer)) return false;
    for (const _ in v) return false;
    return true;
  }
  return false;
}

// ---------- lists ----------

const NIL_DEREF = 'runtime error: invalid memory address or nil pointer dereference';

function listOf(v: unknown, what: string): unknown[] {
  if (Array.isArray(v)) return v;
  if (v instanceof Uint8Array) return Array.from(v, (b) => new GoInt('uint8', b));
  if (v === null || v === undefined) throw new Error(NIL_DEREF);
  throw new Error(`${what} ${kindName(v)}`);
}

function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (a instanceof GoInt && b instanceof GoInt) return a.kind === b.kind && a.v === b.v;
  if (Array.isArray(a) && Array.isArray(b)) {
    if (typeName(a) !== typeName(b) || a.length !== b.length) return false;
    return a.every((x, i) => deepEqual(x, b[i]));
  }
  if (a instanceof Uint8Array && b instanceof Uint8Array) return Buffer.from(a).equals(Buffer.from(b));
  if (
    typeof a === 'object' &&
    typeof b === 'object' &&
    a !== null &&
    b !== null &&
    !Array.isArray(a) &&
    !Array.isArray(b) &&
    typeName(a) === typeName(b)
  ) {
    const ka = Object.keys(a);
    const kb = Object.keys(b);
    if (ka.length !== kb.length) return false;
    return ka.every(
      (k) =>
        Object.hasOwn(b, k) &&
        deepEqual((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]),
    );
  }
  return false;
}

function deepCopy(v: unknown): unknown {
  if (Array.isArray(v)) return typedSlice(typeName(v).slice(2), v.map(deepCopy));
  if (v instanceof Uint8Array) return v.slice();
  if (v !== null && typeof v === 'object' && isGoMap(v)) {
    const out = Object.create(Object.getPrototypeOf(v)) as Record<string, unknown>;
    for (const k of Object.keys(v)) out[k] = deepCopy((v as Record<string, unknown>)[k]);
    return out;
  }
  return v;
}

/** mergo's `isEmptyValue` for map values. */
function mergoEmpty(v: unknown): boolean {
  return empty(v);
}

/** `mergo.Merge` / `MergeWithOverwrite` of map[string]interface{}. */
function mergoMerge(dst: Record<string, unknown>, src: Record<string, unknown>, overwrite: boolean): void {
  for (const k of Object.keys(src)) {
    const s = src[k];
    const has = Object.hasOwn(dst, k);
    const d = has ? dst[k] : undefined;
    if (isGoMap(s) && has && isGoMap(d)) {
      mergoMerge(d as Record<string, unknown>, s as Record<string, unknown>, overwrite);
      continue;
    }
    if (has && !mergoEmpty(d)) {
      if (Array.isArray(s) && !overwrite) continue;
      if (isGoMap(s) && isGoMap(d)) continue;
    }
    if (overwrite || !has || mergoEmpty(d)) dst[k] = s;
  }
}

// ---------- strings ----------

// strings.ToUpper/ToLower/Title map rune by rune (strings.Map): invalid bytes become U+FFFD.
function goToUpper(s: string): string {
  return goValidString(s).toUpperCase();
}

function goTitle(s: string): string {
  // strings.Title: upper-cases letters that follow a separator (space, punctuation...).
  let prev = ' ';
  let out = '';
  for (const ch of goValidString(s)) {
    out += isTitleSeparator(prev) ? ch.toUpperCase() : ch;
    prev = ch;
  }
  return out;
}

function isTitleSeparator(ch: string): boolean {
  const c = ch.codePointAt(0)!;
  if (c <= 0x7f) {
    if ((c >= 0x30 && c <= 0x39) || (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a) || c === 0x5f)
      return false;
    return true;
  }
  if (/\p{L}|\p{Nd}/u.test(ch)) return false;
  return /\s/u.test(ch);
}

const GO_SPACE = /[\t\n\v\f\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]/;

function trimSpace(s: string): string {
  let a = 0;
  let b = s.length;
  while (a < b && GO_SPACE.test(s[a]!)) a++;
  while (b > a && GO_SPACE.test(s[b - 1]!)) b--;
  return s.slice(a, b);
}

function trimCutset(s: string, cutset: string, left: boolean, right: boolean): string {
  const set = new Set([...cutset]);
  const cps = [...s];
  let a = 0;
  let b = cps.length;
  if (left) while (a < b && set.has(cps[a]!)) a++;
  if (right) while (b > a && set.has(cps[b - 1]!)) b--;
  return cps.slice(a, b).join('');
}

/** Byte-slices `s[a:b]` with Go's panic message when out of range. */
function byteSlice(s: string, a: number, b: number | undefined): string {
  const bytes = utf8Bytes(s);
  const end = b === undefined ? bytes.length : b;
  if (a < 0 || end > bytes.length || a > end) {
    if (end > bytes.length)
      throw new Error(`runtime error: slice bounds out of range [:${end}] with length ${bytes.length}`);
    if (a > end) throw new Error(`runtime error: slice bounds out of range [${a}:${end}]`);
    throw new Error(`runtime error: slice bounds out of range [${a}:]`);
  }
  return goString(bytes.subarray(a, end));
}

function abbreviate(s: string, offset: number, maxWidth: number): string {
  return goString(abbreviateBytes(goBuffer(s), offset, maxWidth));
}

const ABBREV_MARKER = Buffer.from('...');

/** goutils.AbbreviateFull: byte lengths and byte slicing, as Go's `len(str)` and `str[a:b]`. */
function abbreviateBytes(s: Buffer, offset: number, maxWidth: number): Buffer {
  if (s.length === 0) return s;
  if (maxWidth < 4) return s;
  if (s.length <= maxWidth) return s;
  if (offset > s.length) offset = s.length;
  if (s.length - offset < maxWidth - 3) offset = s.length - (maxWidth - 3);
  if (offset <= 4) return Buffer.concat([s.subarray(0, maxWidth - 3), ABBREV_MARKER]);
  if (maxWidth < 7) return s;
  if (offset + maxWidth - 3 < s.length)
    return Buffer.concat([ABBREV_MARKER, abbreviateBytes(s.subarray(offset), 0, maxWidth - 3)]);
  return Buffer.concat([ABBREV_MARKER, s.subarray(s.length - (maxWidth - 3))]);
}

function initials(s: string): string {
  let out = '';
  let lastWasGap = true;
  for (const ch of s) {
    const gap = GO_SPACE.test(ch);
    if (lastWasGap && !gap) out += ch;
    lastWasGap = gap;
  }
  return out;
}

function wrap(s: string, width: number, newline: string, wrapLong: boolean): string {
  // goutils.WrapCustom
  if (s === '') return '';
  if (newline === '') newline = '\n';
  if (width < 1) width = 1;
  const lines: string[] = [];
  const inputLineLength = s.length;
  let offset = 0;
  while (inputLineLength - offset > width) {
    if (s[offset] === ' ') {
      offset++;
      continue;
    }
    const end = Math.min(width + offset + 1, inputLineLength);
    let spaceToWrapAt = s.slice(offset, end).lastIndexOf(' ');
    if (spaceToWrapAt >= 0) spaceToWrapAt += offset;
    if (spaceToWrapAt >= offset) {
      lines.push(s.slice(offset, spaceToWrapAt));
      offset = spaceToWrapAt + 1;
    } else if (wrapLong) {
      lines.push(s.slice(offset, width + offset));
      offset += width;
    } else {
      let idx = s.slice(width + offset).indexOf(' ');
      if (idx >= 0) {
        idx += width + offset;
        lines.push(s.slice(offset, idx));
        offset = idx + 1;
      } else {
        lines.push(s.slice(offset));
        offset = inputLineLength;
      }
    }
  }
  lines.push(s.slice(offset));
  return lines.join(newline);
}

function swapCase(s: string): string {
  // goutils.SwapCase: whitespace-preceded lowercase letters become title case.
  let out = '';
  let ws = true;
  for (const ch of s) {
    const up = ch.toUpperCase();
    const lo = ch.toLowerCase();
    if (ch === up && ch !== lo) out += lo;
    else if (ch === lo && ch !== up) out += ws ? up : up;
    else out += ch;
    ws = GO_SPACE.test(ch);
  }
  return out;
}

/** xstrings.ToSnakeCase / ToKebabCase (v1.5.0 camelCaseToLowerCase). */
function camelToLower(str: string, connector: string): string {
  if (str.length === 0) return '';
  const cps = [...str];
  let out = '';
  const isUpper = (c: string) => c !== c.toLowerCase() && c === c.toUpperCase();
  const isLower = (c: string) => c !== c.toUpperCase() && c === c.toLowerCase();
  const isConnector = (c: string) => c === '-' || c === '_' || /\s/u.test(c);
  const isLetterOrDigit = (c: string) => /[\p{L}\p{Nd}]/u.test(c);
  let i = 0;
  // state machine approximating xstrings: split words on case changes and connectors.
  const words: string[] = [];
  let cur = '';
  const flush = () => {
    if (cur) words.push(cur);
    cur = '';
  };
  for (; i < cps.length; i++) {
    const c = cps[i]!;
    if (isConnector(c) || !isLetterOrDigit(c)) {
      if (isConnector(c)) {
        flush();
        continue;
      }
      cur += c;
      continue;
    }
    const prev = cps[i - 1];
    const next = cps[i + 1];
    if (isUpper(c) && cur) {
      const prevLower = prev !== undefined && (isLower(prev) || /\p{Nd}/u.test(prev));
      const nextLower = next !== undefined && isLower(next);
      if (prevLower || (prev !== undefined && isUpper(prev) && nextLower)) flush();
    } else if (
      /\p{Nd}/u.test(c) &&
      prev !== undefined &&
      isLetterOrDigit(prev) &&
      !/\p{Nd}/u.test(prev) &&
      cur
    ) {
      // digits stay attached
    }
    cur += c.toLowerCase();
  }
  flush();
  out = words.join(connector);
  return out;
}

function toPascalCase(str: string): string {
  // xstrings.ToPascalCase (ToCamelCase in v1.5.0 naming): drops connectors, upper-cases word starts.
  let out = '';
  let upperNext = true;
  for (const ch of str) {
    if (ch === '_' || ch === '-' || ch === ' ' || ch === '.') {
      upperNext = true;
      continue;
    }
    out += upperNext ? ch.toUpperCase() : ch;
    upperNext = false;
  }
  return out;
}

// ---------- math helpers ----------

function int64(n: number): GoInt {
  return goInt64(n);
}

/** shopspring/decimal arithmetic on the shortest decimal forms of two float64s. */
function decimalOp(a: number, b: number, op: '+' | '-' | '*' | '/'): number {
  const da = toDecimal(a);
  const db = toDecimal(b);
  if (op === '/') {
    if (db.m === 0n) throw new Error('decimal division by 0');
    // DivRound to 16 places, half away from zero.
    const scale = 16;
    const num = da.m * 10n ** BigInt(scale + db.e) * 10n;
    const den = db.m * 10n ** BigInt(da.e);
    let q = num / den;
    const neg = q < 0n;
    if (neg) q = -q;
    q = (q + 5n) / 10n;
    if (neg) q = -q;
    return Number(`${q}e-${scale}`);
  }
  const e = Math.max(da.e, db.e);
  const ma = da.m * 10n ** BigInt(e - da.e);
  const mb = db.m * 10n ** BigInt(e - db.e);
  if (op === '+') return Number(`${ma + mb}e-${e}`);
  if (op === '-') return Number(`${ma - mb}e-${e}`);
  return Number(`${da.m * db.m}e-${da.e + db.e}`);
}

function toDecimal(f: number): { m: bigint; e: number } {
  if (f === 0 || !Number.isFinite(f)) return { m: 0n, e: 0 };
  const s = f.toExponential();
  const [mant, exps] = s.split('e') as [string, string];
  const exp = Number(exps);
  const neg = mant.startsWith('-');
  const digits = mant.replace('-', '').replace('.', '');
  const fracDigits = digits.length - 1;
  let e = fracDigits - exp;
  let m = BigInt(digits);
  if (e < 0) {
    m *= 10n ** BigInt(-e);
    e = 0;
  }
  return { m: neg ? -m : m, e };
}

function untilStep(start: number, stop: number, step: number, max: number): GoInt[] {
  const v: GoInt[] = [];
  if (stop < start) {
    if (step >= 0) return v;
    if ((start - stop) / -step > max)
      throw limitError(`a list of ${Math.ceil((start - stop) / -step)} elements`, 'maxListLength', max);
    for (let i = start; i > stop; i += step) v.push(goInt(i));
    return v;
  }
  if (step <= 0) return v;
  if ((stop - start) / step > max)
    throw limitError(`a list of ${Math.ceil((stop - start) / step)} elements`, 'maxListLength', max);
  for (let i = start; i < stop; i += step) v.push(goInt(i));
  return v;
}

// ---------- random ----------

function randString(src: RandomSource, count: number, alphabet: string, max: number): string {
  if (count < 0) throw new Error(`Requested random string length ${count} is less than 0.`);
  if (count > max) throw limitError(`a random string of ${count} characters`, 'maxStringBytes', max);
  let out = '';
  const n = alphabet.length;
  while (out.length < count) {
    const bytes = src.bytes(Math.max(16, count - out.length));
    for (const b of bytes) {
      // rejection sampling keeps the distribution uniform
      if (b >= 256 - (256 % n)) continue;
      out += alphabet[b % n];
      if (out.length === count) break;
    }
  }
  return out;
}

const ALPHA = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ';
const NUMERIC = '0123456789';
const ASCII = Array.from({ length: 95 }, (_, i) => String.fromCharCode(32 + i)).join('');

function uuidv4(src: RandomSource): string {
  const b = src.bytes(16);
  b[6] = (b[6]! & 0x0f) | 0x40;
  b[8] = (b[8]! & 0x3f) | 0x80;
  const h = Buffer.from(b).toString('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

// ---------- paths ----------

function pathClean(p: string): string {
  if (p === '') return '.';
  const rooted = p.startsWith('/');
  const parts: string[] = [];
  for (const seg of p.split('/')) {
    if (seg === '' || seg === '.') continue;
    if (seg === '..') {
      if (parts.length > 0 && parts[parts.length - 1] !== '..') parts.pop();
      else if (!rooted) parts.push('..');
      continue;
    }
    parts.push(seg);
  }
  const out = (rooted ? '/' : '') + parts.join('/');
  return out === '' ? '.' : out;
}

function pathBase(p: string): string {
  if (p === '') return '.';
  while (p.length > 0 && p.endsWith('/')) p = p.slice(0, -1);
  const i = p.lastIndexOf('/');
  if (i >= 0) p = p.slice(i + 1);
  return p === '' ? '/' : p;
}

function pathDir(p: string): string {
  const i = p.lastIndexOf('/');
  return pathClean(p.slice(0, i + 1));
}

function pathExt(p: string): string {
  for (let i = p.length - 1; i >= 0 && p[i] !== '/'; i--) if (p[i] === '.') return p.slice(i);
  return '';
}

// ---------- encoding ----------

const B32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

function base32Encode(bytes: Uint8Array): string {
  let out = '';
  let bits = 0;
  let value = 0;
  for (const b of bytes) {
    value = (value << 8) | b;
    bits += 8;
    while (bits >= 5) {
      out += B32[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) out += B32[(value << (5 - bits)) & 31];
  while (out.length % 8 !== 0) out += '=';
  return out;
}

function base32Decode(s: string): Uint8Array {
  const clean = s.replace(/[\r\n]/g, '');
  if (clean.length % 8 !== 0)
    throw new Error(`illegal base32 data at input byte ${clean.length - (clean.length % 8)}`);
  const out: number[] = [];
  let bits = 0;
  let value = 0;
  for (let i = 0; i < clean.length; i++) {
    const c = clean[i]!;
    if (c === '=') break;
    const idx = B32.indexOf(c);
    if (idx < 0) throw new Error(`illegal base32 data at input byte ${i}`);
    value = (value << 5) | idx;
    bits += 5;
    if (bits >= 8) {
      out.push((value >>> (bits - 8)) & 0xff);
      bits -= 8;
    }
  }
  return Uint8Array.from(out);
}

function base64Decode(s: string): string {
  const clean = s.replace(/[\r\n]/g, '');
  for (let i = 0; i < clean.length; i++) {
    if (!/[A-Za-z0-9+/=]/.test(clean[i]!)) return `illegal base64 data at input byte ${i}`;
  }
  if (clean.length % 4 !== 0) return `illegal base64 data at input byte ${clean.length - (clean.length % 4)}`;
  return goString(Buffer.from(clean, 'base64'));
}

function adler32(bytes: Uint8Array): number {
  let a = 1;
  let b = 0;
  for (const x of bytes) {
    a = (a + x) % 65521;
    b = (b + a) % 65521;
  }
  return ((b << 16) | a) >>> 0;
}

// ---------- dates ----------

import { formatGoTime, goDateFormat, parseGoDuration, formatGoDuration, parseGoTime } from './time.js';

function toTime(v: unknown): Date {
  if (v instanceof Date) return v;
  if (v instanceof GoInt) return new Date(v.v * 1000);
  if (typeof v === 'number') return new Date(Math.trunc(v) * 1000);
  return new Date(Date.now());
}

/**
 * Sprig's function map (Helm's view: `env`/`expandenv` removed).
 *
 * @example
 * ```ts
 * const set = new TemplateSet({ funcs: sprigFuncs({ random: seededRandom('test') }) });
 * ```
 */
export function sprigFuncs(options: SprigOptions = {}): FuncMap {
  const random = options.random ?? cryptoRandom;
  const clock = options.clock ?? systemClock;
  const limits = { ...defaultSprigLimits, ...options.limits };
  const maxStr = limits.maxStringBytes;
  const now = () => new Date(clock.now());
  const dateFn = (fmt: string, date: unknown, zone: string) => goDateFormat(toTime(date), fmt, zone);
  const strFn = (f: (s: string) => string) => goFunc('func(string) string', f);
  const mustList = <T>(name: string, f: (l: unknown[]) => T) => ({
    plain: goFunc(`func(interface {}) interface {}`, (l: unknown) => f(listOf(l, `Cannot ${name} on type`))),
  });
  void mustList;

  const listFn = (
    name: string,
    errWord: string,
    sig: string,
    f: (l: unknown[], ...rest: never[]) => unknown,
  ) => {
    const wrapped = (l: unknown, ...rest: never[]) => f(listOf(l, errWord), ...rest);
    return {
      [name]: goFunc(sig, wrapped),
      [`must${name[0]!.toUpperCase()}${name.slice(1)}`]: goFunc(
        sig.replace(/\) (.*)$/, ') ($1, error)'),
        wrapped,
      ),
    };
  };

  const m: FuncMap = {
    hello: goFunc('func() string', () => 'Hello!'),
    // dates
    ago: goFunc('func(interface {}) string', (d: unknown) =>
      formatGoDuration(Math.round((clock.now() - toTime(d).getTime()) / 1000) * 1e9),
    ),
    date: goFunc('func(string, interface {}) string', (f: string, d: unknown) => dateFn(f, d, 'Local')),
    date_in_zone: goFunc('func(string, interface {}, string) string', dateFn),
    dateInZone: goFunc('func(string, interface {}, string) string', dateFn),
    date_modify: goFunc('func(string, time.Time) time.Time', (s: string, d: Date) => dateModify(s, d)),
    dateModify: goFunc('func(string, time.Time) time.Time', (s: string, d: Date) => dateModify(s, d)),
    must_date_modify: goFunc('func(string, time.Time) (time.Time, error)', (s: string, d: Date) =>
      dateModify(s, d, true),
    ),
    mustDateModify: goFunc('func(string, time.Time) (time.Time, error)', (s: string, d: Date) =>
      dateModify(s, d, true),
    ),
    duration: goFunc('func(interface {}) string', (v: unknown) => {
      let secs = 0;
      if (typeof v === 'string') secs = /^[+-]?[0-9]+$/.test(v) ? Number(v) : 0;
      else if (v instanceof GoInt && v.kind === 'int64') secs = v.v;
      return formatGoDuration(secs * 1e9);
    }),
    durationRound: goFunc('func(interface {}) string', (v: unknown) => durationRound(v, clock.now())),
    htmlDate: goFunc('func(interface {}) string', (d: unknown) => dateFn('2006-01-02', d, 'Local')),
    htmlDateInZone: goFunc('func(interface {}, string) string', (d: unknown, z: string) =>
      dateFn('2006-01-02', d, z),
    ),
    now: goFunc('func() time.Time', now),
    toDate: goFunc('func(string, string) time.Time', (fmt: string, s: string) => parseGoTime(fmt, s, false)),
    mustToDate: goFunc('func(string, string) (time.Time, error)', (fmt: string, s: string) =>
      parseGoTime(fmt, s, true),
    ),
    unixEpoch: goFunc('func(time.Time) string', (d: Date) => String(Math.floor(d.getTime() / 1000))),
    // strings
    abbrev: goFunc('func(int, string) string', (w: GoInt, s: string) =>
      w.v < 4 ? s : abbreviate(s, 0, w.v),
    ),
    abbrevboth: goFunc('func(int, int, string) string', (l: GoInt, r: GoInt, s: string) =>
      r.v < 4 || (l.v > 0 && r.v < 7) ? s : abbreviate(s, l.v, r.v),
    ),
    trunc: goFunc('func(int, string) string', (c: GoInt, s: string) => {
      const n = utf8Bytes(s).length;
      if (c.v < 0 && n + c.v > 0) return byteSlice(s, n + c.v, undefined);
      if (c.v >= 0 && n > c.v) return byteSlice(s, 0, c.v);
      return s;
    }),
    trim: strFn(trimSpace),
    upper: strFn(goToUpper),
    lower: strFn((s) => goValidString(s).toLowerCase()),
    title: strFn(goTitle),
    untitle: strFn((s) => uncapitalizeWords(goValidString(s))),
    substr: goFunc('func(int, int, string) string', (a: GoInt, b: GoInt, s: string) => {
      const n = utf8Bytes(s).length;
      if (a.v < 0) return byteSlice(s, 0, b.v);
      if (b.v < 0 || b.v > n) return byteSlice(s, a.v, undefined);
      return byteSlice(s, a.v, b.v);
    }),
    repeat: goFunc('func(int, string) string', (c: GoInt, s: string) => {
      if (c.v < 0) throw new Error('strings: negative Repeat count');
      const n = c.v * utf8Bytes(s).length;
      if (n > maxStr) throw limitError(`a string of ${n} bytes`, 'maxStringBytes', maxStr);
      return s.repeat(c.v);
    }),
    trimall: goFunc('func(string, string) string', (a: string, b: string) => trimCutset(b, a, true, true)),
    trimAll: goFunc('func(string, string) string', (a: string, b: string) => trimCutset(b, a, true, true)),
    trimSuffix: goFunc('func(string, string) string', (a: string, b: string) => {
      if (hasRawBytes(a)) {
        const [ba, bb] = [goByteString(a), goByteString(b)];
        return bb.endsWith(ba) ? fromGoByteString(bb.slice(0, bb.length - ba.length)) : b;
      }
      return b.endsWith(a) ? b.slice(0, b.length - a.length) : b;
    }),
    trimPrefix: goFunc('func(string, string) string', (a: string, b: string) => {
      if (hasRawBytes(a)) {
        const [ba, bb] = [goByteString(a), goByteString(b)];
        return bb.startsWith(ba) ? fromGoByteString(bb.slice(ba.length)) : b;
      }
      return b.startsWith(a) ? b.slice(a.length) : b;
    }),
    // goutils.DeleteWhiteSpace and Initials read bytes as runes (Latin-1), so do these.
    nospace: strFn((s) => {
      const b = goByteString(s);
      const out = b.replace(/[\t\n\v\f\r \x85\xa0]/g, '');
      return out.length === b.length ? s : out;
    }),
    initials: strFn((s) => initials(goByteString(s))),
    randAlphaNum: goFunc('func(int) string', (n: GoInt) => randString(random, n.v, ALPHA + NUMERIC, maxStr)),
    randAlpha: goFunc('func(int) string', (n: GoInt) => randString(random, n.v, ALPHA, maxStr)),
    randAscii: goFunc('func(int) string', (n: GoInt) => randString(random, n.v, ASCII, maxStr)),
    randNumeric: goFunc('func(int) string', (n: GoInt) => randString(random, n.v, NUMERIC, maxStr)),
    swapcase: strFn((s) => swapCase(goValidString(s))),
    shuffle: strFn((s) => {
      const cps = [...s];
      for (let i = cps.length - 1; i > 0; i--) {
        const b = random.bytes(4);
        const j = ((b[0]! << 24) | (b[1]! << 16) | (b[2]! << 8) | b[3]!) >>> 0;
        const k = j % (i + 1);
        [cps[i], cps[k]] = [cps[k]!, cps[i]!];
      }
      return cps.join('');
    }),
    snakecase: strFn((s) => camelToLower(goValidString(s), '_')),
    camelcase: strFn((s) => toPascalCase(goValidString(s))),
    kebabcase: strFn((s) => camelToLower(goValidString(s), '-')),
    // goutils.WrapCustom measures and slices bytes.
    wrap: goFunc('func(int, string) string', (l: GoInt, s: string) =>
      fromGoByteString(wrap(goByteString(s), l.v, '\n', false)),
    ),
    wrapWith: goFunc('func(int, string, string) string', (l: GoInt, sep: string, s: string) =>
      fromGoByteString(wrap(goByteString(s), l.v, goByteString(sep), true)),
    ),
    // Go searches bytes: a needle with invalid bytes (lone surrogates here) can match inside a valid
    // UTF-8 sequence, so such needles are searched in the bytes; valid needles match alike either way.
    contains: goFunc('func(string, string) bool', (sub: string, s: string) =>
      hasRawBytes(sub) ? goByteString(s).includes(goByteString(sub)) : s.includes(sub),
    ),
    hasPrefix: goFunc('func(string, string) bool', (sub: string, s: string) =>
      hasRawBytes(sub) ? goByteString(s).startsWith(goByteString(sub)) : s.startsWith(sub),
    ),
    hasSuffix: goFunc('func(string, string) bool', (sub: string, s: string) =>
      hasRawBytes(sub) ? goByteString(s).endsWith(goByteString(sub)) : s.endsWith(sub),
    ),
    quote: goFunc('func(...interface {}) string', (...a: unknown[]) =>
      a
        .filter((x) => x !== null && x !== undefined)
        .map((x) => goQuote(strval(x)))
        .join(' '),
    ),
    squote: goFunc('func(...interface {}) string', (...a: unknown[]) =>
      a
        .filter((x) => x !== null && x !== undefined)
        .map((x) => `'${formatValue(x)}'`)
        .join(' '),
    ),
    cat: goFunc('func(...interface {}) string', (...a: unknown[]) => {
      const v = a.filter((x) => x !== null && x !== undefined);
      return sprintf(Array(v.length).fill('%v').join(' '), v);
    }),
    indent: goFunc('func(int, string) string', (n: GoInt, s: string) => indent(n.v, s, maxStr)),
    nindent: goFunc('func(int, string) string', (n: GoInt, s: string) => '\n' + indent(n.v, s, maxStr)),
    replace: goFunc('func(string, string, string) string', (o: string, n: string, s: string) =>
      hasRawBytes(o)
        ? fromGoByteString(replaceAllStr(goByteString(s), goByteString(o), goByteString(n)))
        : replaceAllStr(s, o, n),
    ),
    plural: goFunc('func(string, string, int) string', (one: string, many: string, c: GoInt) =>
      c.v === 1 ? one : many,
    ),
    sha1sum: strFn((s) => nodeCrypto().createHash('sha1').update(goBuffer(s)).digest('hex')),
    sha256sum: strFn((s) => nodeCrypto().createHash('sha256').update(goBuffer(s)).digest('hex')),
    sha512sum: strFn((s) => nodeCrypto().createHash('sha512').update(goBuffer(s)).digest('hex')),
    adler32sum: strFn((s) => String(adler32(utf8Bytes(s)))),
    toString: goFunc('func(interface {}) string', strval),
    atoi: goFunc('func(string) int', (s: string) => {
      const t = s.replace(/^[+]/, '');
      return goInt(/^-?[0-9]+$/.test(t) && Math.abs(Number(t)) < 2 ** 63 ? Number(t) : 0);
    }),
    int64: goFunc('func(interface {}) int64', (v: unknown) => int64(toInt64(v))),
    int: goFunc('func(interface {}) int', (v: unknown) => goInt(toInt64(v))),
    float64: goFunc('func(interface {}) float64', toFloat64),
    seq: goFunc('func(...int) string', (...p: GoInt[]) =>
      seq(
        p.map((x) => x.v),
        limits.maxListLength,
      ),
    ),
    toDecimal: goFunc('func(interface {}) int64', (v: unknown) => {
      const s = sprint([v]);
      return int64(/^[+-]?[0-7]+$/.test(s) ? Number.parseInt(s, 8) : 0);
    }),
    split: goFunc('func(string, string) map[string]string', (sep: string, s: string) =>
      splitMap(splitBytes(s, sep, -1)),
    ),
    splitList: goFunc('func(string, string) []string', (sep: string, s: string) =>
      typedSlice('string', splitBytes(s, sep, -1)),
    ),
    splitn: goFunc('func(string, int, string) map[string]string', (sep: string, n: GoInt, s: string) =>
      splitMap(splitBytes(s, sep, n.v)),
    ),
    toStrings: goFunc('func(interface {}) []string', (v: unknown) => typedSlice('string', strslice(v))),
    until: goFunc('func(int) []int', (c: GoInt) =>
      typedSlice('int', untilStep(0, c.v, c.v < 0 ? -1 : 1, limits.maxListLength)),
    ),
    untilStep: goFunc('func(int, int, int) []int', (a: GoInt, b: GoInt, s: GoInt) =>
      typedSlice('int', untilStep(a.v, b.v, s.v, limits.maxListLength)),
    ),
    // math
    add1: goFunc('func(interface {}) int64', (i: unknown) => int64(toInt64(i) + 1)),
    add: goFunc('func(...interface {}) int64', (...a: unknown[]) =>
      int64(a.reduce<number>((s, x) => s + toInt64(x), 0)),
    ),
    sub: goFunc('func(interface {}, interface {}) int64', (a: unknown, b: unknown) =>
      int64(toInt64(a) - toInt64(b)),
    ),
    div: goFunc('func(interface {}, interface {}) int64', (a: unknown, b: unknown) => {
      const d = toInt64(b);
      if (d === 0) throw new Error('runtime error: integer divide by zero');
      return int64(Math.trunc(toInt64(a) / d));
    }),
    mod: goFunc('func(interface {}, interface {}) int64', (a: unknown, b: unknown) => {
      const d = toInt64(b);
      if (d === 0) throw new Error('runtime error: integer divide by zero');
      return int64(toInt64(a) % d);
    }),
    mul: goFunc('func(interface {}, ...interface {}) int64', (a: unknown, ...v: unknown[]) =>
      int64(v.reduce<number>((s, x) => s * toInt64(x), toInt64(a))),
    ),
    randInt: goFunc('func(int, int) int', (min: GoInt, max: GoInt) => {
      const n = max.v - min.v;
      if (n <= 0) throw new Error('invalid argument to Intn');
      const b = random.bytes(6);
      const r = b.reduce((acc, x) => acc * 256 + x, 0) % n;
      return goInt(r + min.v);
    }),
    add1f: goFunc('func(interface {}) float64', (i: unknown) => decimalOp(toFloat64(i), 1, '+')),
    addf: goFunc('func(...interface {}) float64', (...a: unknown[]) =>
      a.reduce<number>((s, x) => decimalOp(s, toFloat64(x), '+'), 0),
    ),
    subf: goFunc('func(interface {}, ...interface {}) float64', (a: unknown, ...v: unknown[]) =>
      v.reduce<number>((s, x) => decimalOp(s, toFloat64(x), '-'), toFloat64(a)),
    ),
    divf: goFunc('func(interface {}, ...interface {}) float64', (a: unknown, ...v: unknown[]) =>
      v.reduce<number>((s, x) => decimalOp(s, toFloat64(x), '/'), toFloat64(a)),
    ),
    mulf: goFunc('func(interface {}, ...interface {}) float64', (a: unknown, ...v: unknown[]) =>
      v.reduce<number>((s, x) => decimalOp(s, toFloat64(x), '*'), toFloat64(a)),
    ),
    biggest: goFunc('func(interface {}, ...interface {}) int64', (a: unknown, ...i: unknown[]) =>
      int64(i.reduce<number>((m, x) => Math.max(m, toInt64(x)), toInt64(a))),
    ),
    max: goFunc('func(interface {}, ...interface {}) int64', (a: unknown, ...i: unknown[]) =>
      int64(i.reduce<number>((m, x) => Math.max(m, toInt64(x)), toInt64(a))),
    ),
    min: goFunc('func(interface {}, ...interface {}) int64', (a: unknown, ...i: unknown[]) =>
      int64(i.reduce<number>((m, x) => Math.min(m, toInt64(x)), toInt64(a))),
    ),
    maxf: goFunc('func(interface {}, ...interface {}) float64', (a: unknown, ...i: unknown[]) =>
      i.reduce<number>((m, x) => Math.max(m, toFloat64(x)), toFloat64(a)),
    ),
    minf: goFunc('func(interface {}, ...interface {}) float64', (a: unknown, ...i: unknown[]) =>
      i.reduce<number>((m, x) => Math.min(m, toFloat64(x)), toFloat64(a)),
    ),
    ceil: goFunc('func(interface {}) float64', (a: unknown) => Math.ceil(toFloat64(a))),
    floor: goFunc('func(interface {}) float64', (a: unknown) => Math.floor(toFloat64(a))),
    round: goFunc('func(interface {}, int, ...float64) float64', (a: unknown, p: GoInt, ...r: number[]) => {
      const roundOn = r.length > 0 ? r[0]! : 0.5;
      const pow = 10 ** p.v;
      const digit = pow * toFloat64(a);
      const div = digit - Math.trunc(digit);
      return (div >= roundOn ? Math.ceil(digit) : Math.floor(digit)) / pow;
    }),
    // lists
    join: goFunc('func(string, interface {}) string', (sep: string, v: unknown) => strslice(v).join(sep)),
    sortAlpha: goFunc('func(interface {}) []string', (v: unknown) => {
      if (Array.isArray(v) || v instanceof Uint8Array) {
        return typedSlice(
          'string',
          strslice(v).sort((a, b) => Buffer.compare(goBuffer(a), goBuffer(b))),
        );
      }
      return typedSlice('string', [strval(v)]);
    }),
    default: goFunc('func(interface {}, ...interface {}) interface {}', (d: unknown, ...given: unknown[]) =>
      given.length === 0 || empty(given[0]) ? d : given[0],
    ),
    empty: goFunc('func(interface {}) bool', empty),
    coalesce: goFunc('func(...interface {}) interface {}', (...v: unknown[]) => {
      for (const x of v) if (!empty(x)) return x;
      return null;
    }),
    all: goFunc('func(...interface {}) bool', (...v: unknown[]) => v.every((x) => !empty(x))),
    any: goFunc('func(...interface {}) bool', (...v: unknown[]) => v.some((x) => !empty(x))),
    compact: goFunc('func(interface {}) []interface {}', (l: unknown) =>
      listOf(l, 'Cannot compact on type').filter((x) => !empty(x)),
    ),
    mustCompact: goFunc('func(interface {}) ([]interface {}, error)', (l: unknown) =>
      listOf(l, 'Cannot compact on type').filter((x) => !empty(x)),
    ),
    fromJson: goFunc('func(string) interface {}', (s: string) => {
      try {
        return jsonUnmarshal(s);
      } catch {
        return null;
      }
    }),
    mustFromJson: goFunc('func(string) (interface {}, error)', (s: string) => jsonUnmarshal(s)),
    toJson: goFunc('func(interface {}) string', (v: unknown) => {
      try {
        return jsonMarshal(v);
      } catch {
        return '';
      }
    }),
    mustToJson: goFunc('func(interface {}) (string, error)', (v: unknown) => jsonMarshal(v)),
    toPrettyJson: goFunc('func(interface {}) string', (v: unknown) => {
      try {
        return jsonMarshalIndent(v, '  ');
      } catch {
        return '';
      }
    }),
    mustToPrettyJson: goFunc('func(interface {}) (string, error)', (v: unknown) =>
      jsonMarshalIndent(v, '  '),
    ),
    toRawJson: goFunc('func(interface {}) string', (v: unknown) => jsonMarshal(v, false)),
    mustToRawJson: goFunc('func(interface {}) (string, error)', (v: unknown) => jsonMarshal(v, false)),
    ternary: goFunc(
      'func(interface {}, interface {}, bool) interface {}',
      (t: unknown, f: unknown, c: boolean) => (c ? t : f),
    ),
    deepCopy: goFunc('func(interface {}) interface {}', deepCopy),
    mustDeepCopy: goFunc('func(interface {}) (interface {}, error)', deepCopy),
    typeOf: goFunc('func(interface {}) string', (v: unknown) => typeName(v)),
    typeIs: goFunc('func(string, interface {}) bool', (t: string, v: unknown) => t === typeName(v)),
    typeIsLike: goFunc('func(string, interface {}) bool', (t: string, v: unknown) => {
      const n = typeName(v);
      return t === n || `*${t}` === n;
    }),
    kindOf: goFunc('func(interface {}) string', kindName),
    kindIs: goFunc('func(string, interface {}) bool', (t: string, v: unknown) => t === kindName(v)),
    deepEqual: goFunc('func(interface {}, interface {}) bool', deepEqual),
    getHostByName: goFunc('func(string) string', () => ''),
    base: strFn(pathBase),
    dir: strFn(pathDir),
    clean: strFn(pathClean),
    ext: strFn(pathExt),
    isAbs: goFunc('func(string) bool', (p: string) => p.startsWith('/')),
    osBase: strFn(pathBase),
    osClean: strFn(pathClean),
    osDir: strFn(pathDir),
    osExt: strFn(pathExt),
    osIsAbs: goFunc('func(string) bool', (p: string) => p.startsWith('/')),
    b64enc: strFn((s) => goBuffer(s).toString('base64')),
    b64dec: strFn(base64Decode),
    b32enc: strFn((s) => base32Encode(utf8Bytes(s))),
    b32dec: strFn((s) => {
      try {
        return goString(base32Decode(s));
      } catch (e) {
        return (e as Error).message;
      }
    }),
    tuple: goFunc('func(...interface {}) []interface {}', (...v: unknown[]) => v),
    list: goFunc('func(...interface {}) []interface {}', (...v: unknown[]) => v),
    dict: goFunc('func(...interface {}) map[string]interface {}', (...v: unknown[]) => {
      const d: Record<string, unknown> = {};
      for (let i = 0; i < v.length; i += 2) d[strval(v[i])] = i + 1 >= v.length ? '' : v[i + 1];
      return d;
    }),
    get: goFunc(
      'func(map[string]interface {}, string) interface {}',
      (d: Record<string, unknown> | null, k: string) => (d !== null && Object.hasOwn(d, k) ? d[k] : ''),
    ),
    set: goFunc(
      'func(map[string]interface {}, string, interface {}) map[string]interface {}',
      (d: Record<string, unknown> | null, k: string, v: unknown) => {
        if (d === null) throw new Error('assignment to entry in nil map');
        d[k] = v;
        return d;
      },
    ),
    unset: goFunc(
      'func(map[string]interface {}, string) map[string]interface {}',
      (d: Record<string, unknown> | null, k: string) => {
        if (d !== null) delete d[k];
        return d;
      },
    ),
    hasKey: goFunc(
      'func(map[string]interface {}, string) bool',
      (d: Record<string, unknown> | null, k: string) => d !== null && Object.hasOwn(d, k),
    ),
    pluck: goFunc(
      'func(string, ...map[string]interface {}) []interface {}',
      (k: string, ...ds: (Record<string, unknown> | null)[]) =>
        ds.filter((d) => d !== null && Object.hasOwn(d, k)).map((d) => d![k]),
    ),
    keys: goFunc('func(...map[string]interface {}) []string', (...ds: (Record<string, unknown> | null)[]) =>
      typedSlice(
        'string',
        ds.flatMap((d) => (d === null ? [] : Object.keys(d))),
      ),
    ),
    pick: goFunc(
      'func(map[string]interface {}, ...string) map[string]interface {}',
      (d: Record<string, unknown> | null, ...ks: string[]) => {
        const r: Record<string, unknown> = {};
        for (const k of ks) if (d !== null && Object.hasOwn(d, k)) r[k] = d[k];
        return r;
      },
    ),
    omit: goFunc(
      'func(map[string]interface {}, ...string) map[string]interface {}',
      (d: Record<string, unknown> | null, ...ks: string[]) => {
        const r: Record<string, unknown> = {};
        const o = new Set(ks);
        if (d !== null) for (const k of Object.keys(d)) if (!o.has(k)) r[k] = d[k];
        return r;
      },
    ),
    merge: goFunc('func(map[string]interface {}, ...map[string]interface {}) interface {}', mergeFn(false)),
    mergeOverwrite: goFunc(
      'func(map[string]interface {}, ...map[string]interface {}) interface {}',
      mergeFn(true),
    ),
    mustMerge: goFunc(
      'func(map[string]interface {}, ...map[string]interface {}) (interface {}, error)',
      mergeFn(false),
    ),
    mustMergeOverwrite: goFunc(
      'func(map[string]interface {}, ...map[string]interface {}) (interface {}, error)',
      mergeFn(true),
    ),
    values: goFunc('func(map[string]interface {}) []interface {}', (d: Record<string, unknown> | null) =>
      d === null ? [] : Object.keys(d).map((k) => d[k]),
    ),
    ...listFn('append', 'Cannot push on type', 'func(interface {}, interface {}) []interface {}', (l, v) => [
      ...l,
      v,
    ]),
    ...listFn('push', 'Cannot push on type', 'func(interface {}, interface {}) []interface {}', (l, v) => [
      ...l,
      v,
    ]),
    ...listFn(
      'prepend',
      'Cannot prepend on type',
      'func(interface {}, interface {}) []interface {}',
      (l, v) => [v, ...l],
    ),
    ...listFn('first', 'Cannot find first on type', 'func(interface {}) interface {}', (l) =>
      l.length ? l[0] : null,
    ),
    ...listFn('rest', 'Cannot find rest on type', 'func(interface {}) []interface {}', (l) =>
      l.length ? l.slice(1) : [],
    ),
    ...listFn('last', 'Cannot find last on type', 'func(interface {}) interface {}', (l) =>
      l.length ? l[l.length - 1] : null,
    ),
    ...listFn('initial', 'Cannot find initial on type', 'func(interface {}) []interface {}', (l) =>
      l.length ? l.slice(0, -1) : [],
    ),
    ...listFn('reverse', 'Cannot find reverse on type', 'func(interface {}) []interface {}', (l) =>
      [...l].reverse(),
    ),
    ...listFn('uniq', 'Cannot find uniq on type', 'func(interface {}) []interface {}', (l) => {
      const out: unknown[] = [];
      for (const x of l) if (!out.some((y) => deepEqual(x, y))) out.push(x);
      return out;
    }),
    ...listFn(
      'without',
      'Cannot find without on type',
      'func(interface {}, ...interface {}) []interface {}',
      (l, ...omit) => l.filter((x) => !(omit as unknown[]).some((y) => deepEqual(x, y))),
    ),
    has: goFunc('func(interface {}, interface {}) bool', (n: unknown, h: unknown) => hasFn(n, h)),
    mustHas: goFunc('func(interface {}, interface {}) (bool, error)', (n: unknown, h: unknown) =>
      hasFn(n, h),
    ),
    slice: goFunc('func(interface {}, ...interface {}) interface {}', sliceFn),
    mustSlice: goFunc('func(interface {}, ...interface {}) (interface {}, error)', sliceFn),
    concat: goFunc('func(...interface {}) interface {}', (...ls: unknown[]) => {
      const res: unknown[] = [];
      for (const l of ls) {
        if (l === null || l === undefined) throw new Error(NIL_DEREF);
        if (!Array.isArray(l) && !(l instanceof Uint8Array))
          throw new Error(`Cannot concat type ${kindName(l)} as list`);
        res.push(...listOf(l, ''));
      }
      return res;
    }),
    dig: goFunc('func(...interface {}) (interface {}, error)', (...ps: unknown[]) => {
      if (ps.length < 3) throw new Error('dig needs at least three arguments');
      let dict = ps[ps.length - 1];
      const def = ps[ps.length - 2];
      const ks = ps.slice(0, -2);
      for (let i = 0; i < ks.length; i++) {
        if (typeof ks[i] !== 'string') {
          throw new Error(`interface conversion: interface {} is ${typeName(ks[i])}, not string`);
        }
        if (!isGoMap(dict)) {
          throw new Error(
            `interface conversion: interface {} is ${typeName(dict)}, not map[string]interface {}`,
          );
        }
        const d = dict as Record<string, unknown>;
        const k = ks[i] as string;
        if (!Object.hasOwn(d, k)) return def;
        if (i === ks.length - 1) return d[k];
        dict = d[k];
      }
      return def;
    }),
    ...listFn('chunk', 'Cannot chunk type', 'func(int, interface {}) [][]interface {}', (l) => l),
    // crypto and certificates
    ...cryptoFuncs(random, now),
    randBytes: goFunc('func(int) (string, error)', (n: GoInt) => {
      if (n.v > maxStr) throw limitError(`${n.v} random bytes`, 'maxStringBytes', maxStr);
      return Buffer.from(random.bytes(n.v)).toString('base64');
    }),
    uuidv4: goFunc('func() string', () => uuidv4(random)),
    semver: goFunc('func(string) (*semver.Version, error)', semverParse),
    semverCompare: goFunc('func(string, string) (bool, error)', semverCompare),
    fail: goFunc('func(string) (string, error)', (msg: string) => {
      throw new Error(msg);
    }),
    regexMatch: goFunc('func(string, string) bool', (r: string, s: string) => {
      try {
        return matchString(compileRegexp(r), s);
      } catch {
        return false;
      }
    }),
    mustRegexMatch: goFunc('func(string, string) (bool, error)', (r: string, s: string) =>
      matchString(compileRegexp(r), s),
    ),
    regexFindAll: goFunc('func(string, string, int) []string', (r: string, s: string, n: GoInt) =>
      typedSlice('string', findAllString(mustCompileRegexp(r), s, n.v)),
    ),
    mustRegexFindAll: goFunc(
      'func(string, string, int) ([]string, error)',
      (r: string, s: string, n: GoInt) => typedSlice('string', findAllString(compileRegexp(r), s, n.v)),
    ),
    regexFind: goFunc(
      'func(string, string) string',
      (r: string, s: string) => findAllString(mustCompileRegexp(r), s, 1)[0] ?? '',
    ),
    mustRegexFind: goFunc(
      'func(string, string) (string, error)',
      (r: string, s: string) => findAllString(compileRegexp(r), s, 1)[0] ?? '',
    ),
    regexReplaceAll: goFunc('func(string, string, string) string', (r: string, s: string, repl: string) =>
      replaceAll(mustCompileRegexp(r), s, repl, false),
    ),
    mustRegexReplaceAll: goFunc(
      'func(string, string, string) (string, error)',
      (r: string, s: string, repl: string) => replaceAll(compileRegexp(r), s, repl, false),
    ),
    regexReplaceAllLiteral: goFunc(
      'func(string, string, string) string',
      (r: string, s: string, repl: string) => replaceAll(mustCompileRegexp(r), s, repl, true),
    ),
    mustRegexReplaceAllLiteral: goFunc(
      'func(string, string, string) (string, error)',
      (r: string, s: string, repl: string) => replaceAll(compileRegexp(r), s, repl, true),
    ),
    regexSplit: goFunc('func(string, string, int) []string', (r: string, s: string, n: GoInt) =>
      typedSlice('string', reSplit(mustCompileRegexp(r), s, n.v)),
    ),
    mustRegexSplit: goFunc('func(string, string, int) ([]string, error)', (r: string, s: string, n: GoInt) =>
      typedSlice('string', reSplit(compileRegexp(r), s, n.v)),
    ),
    regexQuoteMeta: strFn(quoteMeta),
    urlParse: goFunc('func(string) map[string]interface {}', urlParse),
    urlJoin: goFunc('func(map[string]interface {}) string', urlJoin),
  };
  m.chunk = goFunc('func(int, interface {}) [][]interface {}', (size: GoInt, l: unknown) =>
    chunk(size.v, listOf(l, 'Cannot chunk type')),
  );
  m.mustChunk = goFunc('func(int, interface {}) ([][]interface {}, error)', (size: GoInt, l: unknown) =>
    chunk(size.v, listOf(l, 'Cannot chunk type')),
  );
  return m;
}

function chunk(size: number, l: unknown[]): unknown[][] {
  const cs = Math.floor((l.length - 1) / size) + 1;
  const out: unknown[][] = [];
  for (let i = 0; i < cs; i++) out.push(l.slice(i * size, i * size + size));
  return typedSlice('[]interface {}', out);
}

function hasFn(needle: unknown, haystack: unknown): boolean {
  if (haystack === null || haystack === undefined) return false;
  if (!Array.isArray(haystack) && !(haystack instanceof Uint8Array)) {
    throw new Error(`Cannot find has on type ${kindName(haystack)}`);
  }
  return listOf(haystack, '').some((x) => deepEqual(needle, x));
}

function sliceFn(l: unknown, ...idx: unknown[]): unknown {
  if (l === null || l === undefined) throw new Error(NIL_DEREF);
  if (!Array.isArray(l) && !(l instanceof Uint8Array)) {
    throw new Error(`list should be type of slice or array but ${kindName(l)}`);
  }
  const arr = listOf(l, '');
  if (arr.length === 0) return [];
  const start = idx.length > 0 ? toInt64(idx[0]) : 0;
  const end = idx.length < 2 ? arr.length : toInt64(idx[1]);
  if (start < 0 || end > arr.length || start > end) {
    throw new Error(`reflect: slice index out of range`);
  }
  return typedSlice(typeName(l).slice(2), arr.slice(start, end));
}

function mergeFn(overwrite: boolean) {
  return (dst: Record<string, unknown> | null, ...srcs: (Record<string, unknown> | null)[]) => {
    const d = dst ?? {};
    for (const s of srcs) if (s !== null) mergoMerge(d, s, overwrite);
    return d;
  };
}

function indent(n: number, s: string, max: number): string {
  // Lines are counted only when the result could exceed the bound (at most s.length + 1 lines).
  if (n > 0 && s.length + n * (s.length + 1) > max) {
    let lines = 1;
    for (let i = s.indexOf('\n'); i >= 0; i = s.indexOf('\n', i + 1)) lines++;
    const len = s.length + n * lines;
    if (len > max) throw limitError(`a string of ${len} characters`, 'maxStringBytes', max);
  }
  const pad = ' '.repeat(Math.max(n, 0));
  return pad + s.replaceAll('\n', '\n' + pad);
}

function replaceAllStr(s: string, old: string, n: string): string {
  if (old === '') {
    // strings.Replace with empty old inserts n before every rune and at the end.
    return n + [...s].join(n) + (s.length ? n : '');
  }
  return s.split(old).join(n);
}

/** {@link goSplit} in the bytes when `sep` holds invalid bytes (it may cut a UTF-8 sequence). */
function splitBytes(s: string, sep: string, n: number): string[] {
  if (!hasRawBytes(sep)) return goSplit(s, sep, n);
  return goSplit(goByteString(s), goByteString(sep), n).map(fromGoByteString);
}

function goSplit(s: string, sep: string, n: number): string[] {
  if (n === 0) return [];
  if (sep === '') {
    const cps = [...s];
    if (n > 0 && cps.length > n) return [...cps.slice(0, n - 1), cps.slice(n - 1).join('')];
    return cps;
  }
  const parts = s.split(sep);
  if (n > 0 && parts.length > n) return [...parts.slice(0, n - 1), parts.slice(n - 1).join(sep)];
  return parts;
}

const mapStringString = { name: 'map[string]string', kind: 'map' as const, elem: 'string' };
const MSS_PROTO = { [Symbol.for('@gitops-kit/template.goType')]: mapStringString };

function splitMap(parts: string[]): Record<string, string> {
  const m = Object.create(MSS_PROTO) as Record<string, string>;
  parts.forEach((p, i) => {
    m[`_${i}`] = p;
  });
  return m;
}

function seq(params: number[], max: number): string {
  let inc = 1;
  let list: GoInt[];
  switch (params.length) {
    case 0:
      return '';
    case 1: {
      const start = 1;
      const end = params[0]!;
      if (end < start) inc = -1;
      list = untilStep(start, end + inc, inc, max);
      break;
    }
    case 2: {
      const [start, end] = params as [number, number];
      const step = end < start ? -1 : 1;
      list = untilStep(start, end + step, step, max);
      break;
    }
    case 3: {
      const [start, step, end] = params as [number, number, number];
      if (end < start) {
        inc = -1;
        if (step > 0) return '';
      }
      list = untilStep(start, end + inc, step, max);
      break;
    }
    default:
      return '';
  }
  return list.map((x) => x.v).join(' ');
}

function durationRound(v: unknown, nowMs: number): string {
  let ns: number;
  if (typeof v === 'string') {
    try {
      ns = parseGoDuration(v);
    } catch {
      ns = 0;
    }
  } else if (v instanceof Date) ns = (nowMs - v.getTime()) * 1e6;
  else if (v instanceof GoInt) ns = v.v;
  else ns = 0;
  let u = Math.abs(ns);
  const second = 1e9;
  const minute = 60 * second;
  const hour = 60 * minute;
  const day = 24 * hour;
  const month = 30 * day;
  const year = 365 * day;
  if (u >= year) return `${Math.floor(u / year)}y`;
  if (u >= month) return `${Math.floor(u / month)}mo`;
  if (u >= day) return `${Math.floor(u / day)}d`;
  if (u >= hour) return `${Math.floor(u / hour)}h`;
  if (u >= minute) return `${Math.floor(u / minute)}m`;
  if (u >= second) return `${Math.floor(u / second)}s`;
  u = 0;
  return `${u}s`;
}

function dateModify(fmt: string, d: Date, must = false): Date {
  try {
    const ns = parseGoDuration(fmt);
    return new Date(d.getTime() + ns / 1e6);
  } catch (e) {
    if (must) throw e;
    return d;
  }
}

function urlParse(s: string): Record<string, unknown> {
  let u: URL;
  try {
    u = new URL(s);
  } catch {
    throw new Error(`unable to parse url: parse ${goQuote(s)}: invalid URL`);
  }
  return {
    scheme: u.protocol.replace(/:$/, ''),
    host: u.host,
    hostname: u.hostname,
    path: decodeURIComponent(u.pathname),
    query: u.search.replace(/^\?/, ''),
    opaque: '',
    fragment: decodeURIComponent(u.hash.replace(/^#/, '')),
    userinfo: u.username ? (u.password ? `${u.username}:${u.password}` : u.username) : '',
  };
}

function urlJoin(d: Record<string, unknown> | null): string {
  const g = (k: string) => (d && typeof d[k] === 'string' ? (d[k] as string) : '');
  let out = '';
  if (g('scheme')) out += g('scheme') + ':';
  if (g('opaque')) out += g('opaque');
  else {
    if (g('scheme') || g('host') || g('userinfo')) {
      out += '//';
      if (g('userinfo')) out += g('userinfo') + '@';
      out += g('host');
    }
    out += g('path');
  }
  if (g('query')) out += '?' + g('query');
  if (g('fragment')) out += '#' + g('fragment');
  return out;
}

export { formatGoTime };
void sprint;
