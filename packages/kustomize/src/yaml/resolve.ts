/**
 * Implicit tag resolution of plain scalars, as go-yaml v3 (kustomize's resource reader, YAML 1.2-ish
 * with 1.1 octals) and go-yaml v2 (sigs.k8s.io/yaml, used for kustomization files and for the final
 * output, YAML 1.1 booleans) do it. Values are returned in a small "Go value" model.
 *
 * @see https://github.com/go-yaml/yaml/blob/v3.0.1/resolve.go
 * @see https://github.com/kubernetes-sigs/yaml/blob/v1.4.0/goyaml.v2/resolve.go
 */
import { Tag } from './node.js';

/** A Go value as produced by decoding YAML into `interface{}`. */
export type GoValue = null | boolean | string | GoInt | GoFloat | GoTime | GoValue[] | GoMap;

/** A Go integer (`int`/`int64`/`uint64`); `big` set when outside the safe-integer range. */
export interface GoInt {
  readonly t: 'int';
  readonly n: number;
  readonly big?: bigint;
}
/** A Go float64. */
export interface GoFloat {
  readonly t: 'float';
  readonly f: number;
}
/** A Go `time.Time`, kept as its RFC 3339 (nano) rendering. */
export interface GoTime {
  readonly t: 'time';
  readonly rfc3339: string;
}
/** A decoded mapping: keys in input order (duplicates are errors upstream). */
export interface GoMap {
  readonly t: 'map';
  readonly keys: string[];
  readonly values: GoValue[];
}

const V3_MAP: Record<string, [string, GoValue]> = {};
const V2_MAP: Record<string, [string, GoValue]> = {};
const NAN: GoFloat = { t: 'float', f: Number.NaN };
const PINF: GoFloat = { t: 'float', f: Number.POSITIVE_INFINITY };
const NINF: GoFloat = { t: 'float', f: Number.NEGATIVE_INFINITY };
for (const [m, v2] of [
  [V3_MAP, false],
  [V2_MAP, true],
] as const) {
  const add = (tag: string, v: GoValue, l: string[]) => {
    for (const s of l) m[s] = [tag, v];
  };
  if (v2) {
    add(Tag.Bool, true, ['y', 'Y', 'yes', 'Yes', 'YES', 'on', 'On', 'ON']);
    add(Tag.Bool, false, ['n', 'N', 'no', 'No', 'NO', 'off', 'Off', 'OFF']);
  }
  add(Tag.Bool, true, ['true', 'True', 'TRUE']);
  add(Tag.Bool, false, ['false', 'False', 'FALSE']);
  add(Tag.Null, null, ['', '~', 'null', 'Null', 'NULL']);
  add(Tag.Float, NAN, ['.nan', '.NaN', '.NAN']);
  add(Tag.Float, PINF, ['.inf', '.Inf', '.INF', '+.inf', '+.Inf', '+.INF']);
  add(Tag.Float, NINF, ['-.inf', '-.Inf', '-.INF']);
  add(Tag.Merge, '<<', ['<<']);
}

const YAML_STYLE_FLOAT = /^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$/;
const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;
const UINT64_MAX = 2n ** 64n - 1n;

function hint(c: string | undefined): number {
  if (c === undefined) return 0;
  switch (c) {
    case '+':
    case '-':
      return 83; // 'S'
    case '.':
      return 46;
  }
  if (c >= '0' && c <= '9') return 68; // 'D'
  if ('yYnNtTfFoO~'.includes(c)) return 77; // 'M'
  return 0;
}

/** Go's strconv.ParseInt(s, 0, 64) / ParseUint: base prefixes 0x, 0o, 0b, leading-0 octal, underscores. */
function parseGoInt(s: string, unsigned: boolean): bigint | undefined {
  let i = 0;
  let neg = false;
  if (!unsigned && (s[0] === '+' || s[0] === '-')) {
    neg = s[0] === '-';
    i = 1;
  }
  let body = s.slice(i);
  if (body === '') return undefined;
  let base = 10;
  if (body[0] === '0' && body.length > 1) {
    const p = body[1]!.toLowerCase();
    if (p === 'x') {
      base = 16;
      body = body.slice(2);
    } else if (p === 'o') {
      base = 8;
      body = body.slice(2);
    } else if (p === 'b') {
      base = 2;
      body = body.slice(2);
    } else {
      base = 8;
      body = body.slice(1);
    }
  }
  // Underscores: only allowed with base 0 between digits (Go's underscoreOK); callers strip them
  // beforehand (go-yaml removes all '_'), so any left make the number invalid.
  if (body === '' || body.includes('_')) return undefined;
  let v = 0n;
  const B = BigInt(base);
  for (const ch of body) {
    const d = Number.parseInt(ch, 36);
    if (Number.isNaN(d) || d >= base) return undefined;
    v = v * B + BigInt(d);
  }
  if (neg) v = -v;
  if (unsigned) return v > UINT64_MAX ? undefined : v;
  return v < INT64_MIN || v > INT64_MAX ? undefined : v;
}

function goInt(v: bigint): GoInt {
  const n = Number(v);
  return Number.isSafeInteger(n) ? { t: 'int', n } : { t: 'int', n, big: v };
}

function parseBinary(s: string): bigint | undefined {
  if (s === '' || !/^[01]+$/.test(s)) return undefined;
  return BigInt(`0b${s}`);
}

/** Go strconv.ParseFloat (decimal forms accepted by go-yaml's callers); undefined if invalid. */
function parseGoFloat(s: string): number | undefined {
  if (/^[-+]?(\d+\.?\d*([eE][-+]?\d+)?|\.\d+([eE][-+]?\d+)?)$/.test(s)) {
    const f = Number(s);
    return Number.isFinite(f) ? f : undefined; // Go reports ErrRange
  }
  if (/^[-+]?(inf|infinity)$/i.test(s))
    return s[0] === '-' ? Number.NEGATIVE_INFINITY : Number.POSITIVE_INFINITY;
  if (/^nan$/i.test(s)) return Number.NaN;
  if (/^[-+]?0[xX]/.test(s)) {
    // hex floats: rare; accept integer-only hex mantissas with p exponents.
    const m = /^([-+]?)0[xX]([0-9a-fA-F]*)\.?([0-9a-fA-F]*)[pP]([-+]?\d+)$/.exec(s);
    if (!m) return undefined;
    const mant = Number.parseInt(`${m[2] || '0'}${m[3]}`, 16) / 16 ** m[3]!.length;
    const v = mant * 2 ** Number(m[4]);
    return m[1] === '-' ? -v : v;
  }
  return undefined;
}

// ---- timestamps -------------------------------------------------------------------------------

const DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function isLeap(y: number): boolean {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
}

/**
 * Parses the timestamp forms go-yaml accepts (Go time.Parse layouts `2006-1-2T15:4:5.999999999Z07:00`,
 * the same with `t`, `2006-1-2 15:4:5.999999999`, `2006-1-2`) and renders it as Go's RFC 3339 nano.
 */
export function parseTimestamp(s: string): GoTime | undefined {
  let i = 0;
  while (i < s.length && s.charCodeAt(i) >= 48 && s.charCodeAt(i) <= 57) i++;
  if (i !== 4 || i === s.length || s[i] !== '-') return undefined;
  const m =
    /^(\d{4})-(\d{1,2})-(\d{1,2})(?:(?:([Tt])|( ))(\d{1,2}):(\d{1,2}):(\d{1,2})(?:\.(\d+))?(Z|[+-]\d{2}:\d{2})?)?$/.exec(
      s,
    );
  if (!m) return undefined;
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  if (month < 1 || month > 12 || day < 1) return undefined;
  const dim = month === 2 && isLeap(year) ? 29 : DAYS[month - 1]!;
  if (day > dim) return undefined;
  const pad = (n: number, w = 2) => String(n).padStart(w, '0');
  const date = `${pad(year, 4)}-${pad(month)}-${pad(day)}`;
  if (m[6] === undefined) return { t: 'time', rfc3339: `${date}T00:00:00Z` };
  const hasT = m[4] !== undefined;
  const zone = m[10];
  if (hasT && zone === undefined) return undefined; // T layouts require a zone
  if (!hasT && zone !== undefined) return undefined; // space layout has none
  const hh = Number(m[6]);
  const mm = Number(m[7]);
  const ss = Number(m[8]);
  if (hh > 23 || mm > 59 || ss > 59) return undefined;
  let frac = m[9] ?? '';
  if (frac.length > 9) return undefined;
  frac = frac.replace(/0+$/, '');
  let z = 'Z';
  if (zone && zone !== 'Z') {
    const zh = Number(zone.slice(1, 3));
    const zm = Number(zone.slice(4, 6));
    if (zh > 23 || zm > 59) return undefined;
    z = zh === 0 && zm === 0 ? 'Z' : zone;
  }
  return { t: 'time', rfc3339: `${date}T${pad(hh)}:${pad(mm)}:${pad(ss)}${frac ? `.${frac}` : ''}${z}` };
}

// ---- resolvers ----------------------------------------------------------------------------------

/**
 * go-yaml v3 `resolve("", s)` for a plain scalar: returns the short tag and the Go value.
 * `v2` switches to go-yaml v2's table (YAML 1.1 booleans, no `0o` octals).
 */
export function resolvePlain(s: string, v2 = false): [string, GoValue] {
  const h = hint(s[0]);
  if (s === '' || h !== 0) {
    const item = (v2 ? V2_MAP : V3_MAP)[s];
    if (item) return item;
    if (h === 46) {
      const f = parseGoFloat(s);
      if (f !== undefined) return [Tag.Float, { t: 'float', f }];
    } else if (h === 68 || h === 83) {
      const ts = parseTimestamp(s);
      if (ts) return [Tag.Timestamp, ts];
      const plain = s.includes('_') ? s.replaceAll('_', '') : s;
      const iv = parseGoInt(plain, false);
      if (iv !== undefined) return [Tag.Int, goInt(iv)];
      const uv = parseGoInt(plain, true);
      if (uv !== undefined) return [Tag.Int, goInt(uv)];
      if (YAML_STYLE_FLOAT.test(plain)) {
        const f = parseGoFloat(plain);
        if (f !== undefined) return [Tag.Float, { t: 'float', f }];
      }
      if (plain.startsWith('0b')) {
        const b = parseBinary(plain.slice(2));
        if (b !== undefined && b <= UINT64_MAX) return [Tag.Int, goInt(b)];
      } else if (plain.startsWith('-0b')) {
        const b = parseBinary(plain.slice(3));
        if (b !== undefined && -b >= INT64_MIN) return [Tag.Int, goInt(-b)];
      }
      if (!v2) {
        if (plain.startsWith('0o')) {
          const o = parseGoInt(`0${plain.slice(2)}`, true);
          if (o !== undefined && /^[0-7]+$/.test(plain.slice(2))) return [Tag.Int, goInt(o)];
        } else if (plain.startsWith('-0o')) {
          const o = parseGoInt(`0${plain.slice(3)}`, true);
          if (o !== undefined && /^[0-7]+$/.test(plain.slice(3)) && -o >= INT64_MIN)
            return [Tag.Int, goInt(-o)];
        }
      }
    }
  }
  return [Tag.Str, s];
}

/** Just the v3 tag of a plain scalar (fast path used while parsing). */
export function resolveTag(s: string): string {
  if (s.length === 0) return Tag.Null;
  const h = hint(s[0]);
  if (h === 0) return Tag.Str;
  return resolvePlain(s)[0];
}

/** True when go-yaml v2 would read the plain scalar `s` as something other than a string. */
export function v2ResolvesNonString(s: string): boolean {
  if (s.length === 0) return true;
  const h = hint(s[0]);
  if (h === 0) return false;
  return resolvePlain(s, true)[0] !== Tag.Str;
}

/**
 * The Go value a scalar node decodes to with go-yaml v3 (`indicatedString` and explicit tags
 * honoured). Throws a plain Error with go-yaml's message when an explicit tag does not fit.
 */
export function decodeScalar(value: string, tag: string, style: number, v2 = false): GoValue {
  // Quoted/literal/folded with no tag (or the `!` tag) or an explicit !!str: a string.
  if (tag === Tag.Str || ((tag === '' || tag === '!') && (style & (2 | 4 | 8 | 16)) !== 0)) return value;
  if (tag === Tag.Binary) {
    return Buffer.from(value.replace(/\s+/g, ''), 'base64').toString('latin1');
  }
  const resolvable =
    tag === '' ||
    tag === Tag.Bool ||
    tag === Tag.Int ||
    tag === Tag.Float ||
    tag === Tag.Null ||
    tag === Tag.Timestamp ||
    tag === '!';
  if (!resolvable) return value;
  const [rtag, v] = resolvePlain(value, v2);
  if (tag === '' || tag === '!' || rtag === tag) return v;
  if (tag === Tag.Float && rtag === Tag.Int)
    return { t: 'float', f: (v as GoInt).big !== undefined ? Number((v as GoInt).big) : (v as GoInt).n };
  if (tag === Tag.Timestamp && rtag === Tag.Str) {
    throw new Error(`cannot decode !!str \`${value}\` as a !!timestamp`);
  }
  throw new Error(`cannot decode ${rtag} \`${value}\` as a ${tag}`);
}
