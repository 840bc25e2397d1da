/**
 * Serialises resources exactly as kustomize v5 prints them. kustomize's `Resource.AsYAML` goes
 * node → (go-yaml v3 encode + decode into `map[string]interface{}`) → `json.Marshal` →
 * `sigs.k8s.io/yaml.JSONToYAML` (go-yaml v2 decode of the JSON, then go-yaml v2 `Marshal`).
 * So the output depends only on the data (not on the input's styles): map keys sorted with
 * go-yaml v2's natural order, strings quoted by go-yaml v2's rules, long strings folded at 80
 * columns by libyaml's emitter. This module does those steps directly.
 *
 * @see https://github.com/kubernetes-sigs/kustomize/blob/api/v0.18.0/api/resource/resource.go (AsYAML)
 * @see https://github.com/kubernetes-sigs/yaml/blob/v1.4.0/goyaml.v2/emitterc.go
 * @see https://github.com/kubernetes-sigs/yaml/blob/v1.4.0/goyaml.v2/encode.go
 * @see https://github.com/kubernetes-sigs/yaml/blob/v1.4.0/goyaml.v2/sorter.go
 */
import { Kind, Style, Tag, type YNode } from './node.js';
import { type GoMap, type GoValue, decodeScalar, resolvePlain, v2ResolvesNonString } from './resolve.js';
import { sortIndices } from './sortIndices.js';

/** An error converting a node tree to output (what `json.Marshal` or go-yaml would reject). */
export class EncodeError extends Error {}

// ---- node → Go value (go-yaml v3 decode into interface{}) ------------------------------------------

function effectiveTag(n: YNode): string {
  if (n.kind === Kind.Alias) return n.alias ? effectiveTag(n.alias) : '';
  if (n.kind !== Kind.Scalar) return n.kind === Kind.Mapping ? Tag.Map : Tag.Seq;
  if (n.tag === Tag.Str || ((n.tag === '' || n.tag === '!') && (n.style & (2 | 4 | 8 | 16)) !== 0))
    return Tag.Str;
  if (n.tag === '' || n.tag === '!') return resolvePlain(n.value)[0];
  return n.tag;
}

const QUOTED = Style.DoubleQuoted | Style.SingleQuoted | Style.Literal | Style.Folded;

/**
 * A scalar's value after kyaml's `String()` (go-yaml v3 encode) and re-decode: the encoder drops a
 * tag the value would resolve to anyway, keeps a quoted style (so a quoted `!!int` becomes a string),
 * force-quotes `!!str` values that would not read back as strings, and writes other tags explicitly.
 */
function reencodeScalar(n: YNode): GoValue {
  const value = n.value;
  const quoted = (n.style & QUOTED) !== 0;
  let tag = n.tag;
  let forceQuoting = false;
  if (tag !== '' && (n.style & Style.Tagged) === 0) {
    if (tag === Tag.Str && quoted) tag = '';
    else {
      const rtag = resolvePlain(value)[0];
      if (rtag === tag) tag = '';
      else if (tag === Tag.Str) {
        tag = '';
        forceQuoting = true;
      }
    }
  }
  if (tag === '' || tag === '!') {
    if (quoted || forceQuoting || value.includes('\n')) return value;
    return resolvePlain(value)[1];
  }
  return decodeScalar(value, tag, Style.Tagged);
}

/**
 * The Go value a node decodes to (`yaml.v3` into `interface{}`), as `RNode.MarshalJSON` sees it.
 * `top` is the root mapping, whose keys are decoded into `string` (others must be strings).
 */
export function toGoValue(n: YNode, top = true): GoValue {
  switch (n.kind) {
    case Kind.Document:
      return n.content[0] ? toGoValue(n.content[0], top) : null;
    case Kind.Alias:
      return n.alias ? toGoValue(n.alias, top) : null;
    case Kind.Scalar:
      try {
        return reencodeScalar(n);
      } catch (e) {
        throw new EncodeError(`yaml: ${(e as Error).message}`);
      }
    case Kind.Sequence: {
      const out: GoValue[] = new Array(n.content.length);
      for (let i = 0; i < n.content.length; i++) out[i] = toGoValue(n.content[i]!, false);
      return out;
    }
    case Kind.Mapping: {
      const keys: string[] = [];
      const values: GoValue[] = [];
      const seen = new Map<string, number>();
      const c = n.content;
      for (let i = 0; i + 1 < c.length; i += 2) {
        const k = c[i]!;
        const kt = effectiveTag(k);
        if (kt === Tag.Merge) {
          mergeInto(c[i + 1]!, keys, values, seen);
          continue;
        }
        let key: string;
        if (kt === Tag.Str || top) {
          key = k.kind === Kind.Alias && k.alias ? k.alias.value : kt === Tag.Null ? '' : k.value;
        } else {
          throw new EncodeError('json: unsupported type: map[interface {}]interface {}');
        }
        const prev = seen.get(key);
        if (prev !== undefined) {
          throw new EncodeError(`yaml: mapping key "${key}" already defined at line ${c[prev]!.line}`);
        }
        seen.set(key, i);
        keys.push(key);
        values.push(toGoValue(c[i + 1]!, false));
      }
      return { t: 'map', keys, values };
    }
  }
  return null;
}

function mergeInto(v: YNode, keys: string[], values: GoValue[], seen: Map<string, number>): void {
  const target = v.kind === Kind.Alias && v.alias ? v.alias : v;
  const sources = target.kind === Kind.Sequence ? target.content : [target];
  for (const s of sources) {
    const m = toGoValue(s, false);
    if (m === null || typeof m !== 'object' || Array.isArray(m) || m.t !== 'map') {
      throw new EncodeError('yaml: map merge requires map or sequence of maps as the value');
    }
    for (let i = 0; i < m.keys.length; i++) {
      if (seen.has(m.keys[i]!) || keys.includes(m.keys[i]!)) continue;
      keys.push(m.keys[i]!);
      values.push(m.values[i]!);
    }
  }
}

// ---- JSON round trip (encoding/json then go-yaml v2 decode of the JSON) --------------------------

const INT64_MIN = -(2n ** 63n);
const UINT64_MAX = 2n ** 64n - 1n;

function jsonNumberToV2(text: string): GoValue {
  if (/^-?\d+$/.test(text)) {
    const b = BigInt(text);
    if (b >= INT64_MIN && b <= UINT64_MAX) {
      const n = Number(b);
      return Number.isSafeInteger(n) ? { t: 'int', n } : { t: 'int', n, big: b };
    }
  }
  return { t: 'float', f: Number(text) };
}

/** What survives `json.Marshal` + go-yaml v2 decode: numbers renormalised, times as strings. */
export function jsonRoundTrip(v: GoValue): GoValue {
  if (v === null || typeof v === 'boolean' || typeof v === 'string') return v;
  if (Array.isArray(v)) return v.map(jsonRoundTrip);
  switch (v.t) {
    case 'int':
      return v;
    case 'float': {
      if (!Number.isFinite(v.f)) {
        throw new EncodeError(
          `json: unsupported value: ${Number.isNaN(v.f) ? 'NaN' : v.f > 0 ? '+Inf' : '-Inf'}`,
        );
      }
      // Go's encoding/json uses 'f' for 1e-6 <= |f| < 1e21 and 'e' otherwise, shortest digits:
      // exactly JavaScript's Number#toString (apart from -0, which decodes to 0 either way).
      return jsonNumberToV2(String(v.f));
    }
    case 'time':
      return v.rfc3339;
    case 'map':
      return { t: 'map', keys: v.keys, values: v.values.map(jsonRoundTrip) };
  }
}

// ---- go-yaml v2 key order -------------------------------------------------------------------------

function isLetter(cp: number): boolean {
  if (cp < 128) return (cp >= 65 && cp <= 90) || (cp >= 97 && cp <= 122);
  return /\p{L}/u.test(String.fromCodePoint(cp));
}
function isDigitCp(cp: number): boolean {
  if (cp < 128) return cp >= 48 && cp <= 57;
  return /\p{Nd}/u.test(String.fromCodePoint(cp));
}

/** go-yaml v2's `keyList.Less` for two string keys (letters before others, digit runs numerically). */
export function v2KeyLess(a: string, b: string): boolean {
  const ar = Array.from(a, (c) => c.codePointAt(0)!);
  const br = Array.from(b, (c) => c.codePointAt(0)!);
  for (let i = 0; i < ar.length && i < br.length; i++) {
    if (ar[i] === br[i]) continue;
    const al = isLetter(ar[i]!);
    const bl = isLetter(br[i]!);
    if (al && bl) return ar[i]! < br[i]!;
    if (al || bl) return bl;
    let an = 0n;
    let bn = 0n;
    if (ar[i] === 48 || br[i] === 48) {
      for (let j = i - 1; j >= 0 && isDigitCp(ar[j]!); j--) {
        if (ar[j] !== 48) {
          an = 1n;
          bn = 1n;
          break;
        }
      }
    }
    let ai = i;
    for (; ai < ar.length && isDigitCp(ar[ai]!); ai++) an = an * 10n + BigInt(ar[ai]! - 48);
    let bi = i;
    for (; bi < br.length && isDigitCp(br[bi]!); bi++) bn = bn * 10n + BigInt(br[bi]! - 48);
    if (an !== bn) return an < bn;
    if (ai !== bi) return ai < bi;
    return ar[i]! < br[i]!;
  }
  return ar.length < br.length;
}

/**
 * {@link v2KeyLess} for two ASCII strings (one code unit per rune), digit runs compared as numbers
 * when they are short enough to be exact; falls back to {@link v2KeyLess} for longer runs.
 */
function v2KeyLessAscii(a: string, b: string): boolean {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const ca = a.charCodeAt(i);
    const cb = b.charCodeAt(i);
    if (ca === cb) continue;
    const al = (ca >= 65 && ca <= 90) || (ca >= 97 && ca <= 122);
    const bl = (cb >= 65 && cb <= 90) || (cb >= 97 && cb <= 122);
    if (al && bl) return ca < cb;
    if (al || bl) return bl;
    let ai = i;
    while (ai < a.length && isAsciiDigit(a.charCodeAt(ai))) ai++;
    let bi = i;
    while (bi < b.length && isAsciiDigit(b.charCodeAt(bi))) bi++;
    if (ai - i > 15 || bi - i > 15) return v2KeyLess(a, b);
    let an = 0;
    let bn = 0;
    if (ca === 48 || cb === 48) {
      for (let j = i - 1; j >= 0 && isAsciiDigit(a.charCodeAt(j)); j--) {
        if (a.charCodeAt(j) !== 48) {
          an = 1;
          bn = 1;
          break;
        }
      }
    }
    for (let k = i; k < ai; k++) an = an * 10 + (a.charCodeAt(k) - 48);
    for (let k = i; k < bi; k++) bn = bn * 10 + (b.charCodeAt(k) - 48);
    if (an !== bn) return an < bn;
    if (ai !== bi) return ai < bi;
    return ca < cb;
  }
  return a.length < b.length;
}

function isAsciiDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

const ASCII_KEY = /^[A-Za-z]*$/;
const ASCII = /^[\x00-\x7f]*$/;

function sortKeys(m: GoMap): number[] {
  const keys = m.keys;
  const idx = keys.map((_, i) => i);
  // Fast path: plain ASCII-letter keys compare as code units (same as the natural order).
  if (keys.every((k) => ASCII_KEY.test(k))) sortIndices(idx, (x, y) => keys[x]! < keys[y]!);
  else if (keys.every((k) => ASCII.test(k))) sortIndices(idx, (x, y) => v2KeyLessAscii(keys[x]!, keys[y]!));
  else sortIndices(idx, (x, y) => v2KeyLess(keys[x]!, keys[y]!));
  return idx;
}

// ---- Go float formatting ('g', shortest) -----------------------------------------------------------

/** strconv.FormatFloat(f, 'g', -1, 64) as go-yaml v2's floatv uses it. */
export function formatGoFloatG(f: number): string {
  if (Number.isNaN(f)) return '.nan';
  if (f === Number.POSITIVE_INFINITY) return '.inf';
  if (f === Number.NEGATIVE_INFINITY) return '-.inf';
  if (f === 0) return Object.is(f, -0) ? '-0' : '0';
  const neg = f < 0;
  const e = Math.abs(f).toExponential(); // shortest round-trip digits
  const [mant, expStr] = e.split('e') as [string, string];
  const digits = mant.replace('.', '');
  const exp = Number(expStr);
  let out: string;
  if (exp < -4 || exp >= 6) {
    const ae = Math.abs(exp);
    out = `${digits[0]}${digits.length > 1 ? `.${digits.slice(1)}` : ''}e${exp < 0 ? '-' : '+'}${ae < 10 ? `0${ae}` : ae}`;
  } else {
    const dp = exp + 1;
    if (dp <= 0) out = `0.${'0'.repeat(-dp)}${digits}`;
    else if (dp >= digits.length) out = digits + '0'.repeat(dp - digits.length);
    else out = `${digits.slice(0, dp)}.${digits.slice(dp)}`;
  }
  return neg ? `-${out}` : out;
}

// ---- the go-yaml v2 emitter (libyaml) for the subset Marshal produces -------------------------------

const BEST_WIDTH = 80;
const BEST_INDENT = 2;

const STYLE_PLAIN = 1;
const STYLE_SINGLE = 2;
const STYLE_DOUBLE = 3;
const STYLE_LITERAL = 4;

interface ScalarAnalysis {
  multiline: boolean;
  flowPlainAllowed: boolean;
  blockPlainAllowed: boolean;
  singleQuotedAllowed: boolean;
  blockAllowed: boolean;
}

function isPrintable(cp: number): boolean {
  return (
    cp === 0x0a ||
    (cp >= 0x20 && cp <= 0x7e) ||
    (cp >= 0xa0 && cp <= 0xd7ff) ||
    (cp >= 0xe000 && cp <= 0xfffd && cp !== 0xfeff)
  );
}
function isBreakCp(cp: number): boolean {
  return cp === 10 || cp === 13 || cp === 0x85 || cp === 0x2028 || cp === 0x2029;
}
function isBlankzAt(cps: number[], i: number): boolean {
  if (i >= cps.length) return true;
  const c = cps[i]!;
  return c === 32 || c === 9 || isBreakCp(c) || c === 0;
}

function analyzeScalar(cps: number[]): ScalarAnalysis {
  if (cps.length === 0) {
    return {
      multiline: false,
      flowPlainAllowed: false,
      blockPlainAllowed: true,
      singleQuotedAllowed: true,
      blockAllowed: false,
    };
  }
  let blockIndicators = false;
  let flowIndicators = false;
  let lineBreaks = false;
  let specialCharacters = false;
  let leadingSpace = false;
  let leadingBreak = false;
  let trailingSpace = false;
  let trailingBreak = false;
  let breakSpace = false;
  let spaceBreak = false;
  let precededByWhitespace = true;
  let previousSpace = false;
  let previousBreak = false;
  const n = cps.length;
  if (
    n >= 3 &&
    ((cps[0] === 45 && cps[1] === 45 && cps[2] === 45) || (cps[0] === 46 && cps[1] === 46 && cps[2] === 46))
  ) {
    blockIndicators = true;
    flowIndicators = true;
  }
  for (let i = 0; i < n; i++) {
    const c = cps[i]!;
    const followedByWhitespace = isBlankzAt(cps, i + 1);
    if (i === 0) {
      switch (c) {
        case 35:
        case 44:
        case 91:
        case 93:
        case 123:
        case 125:
        case 38:
        case 42:
        case 33:
        case 124:
        case 62:
        case 39:
        case 34:
        case 37:
        case 64:
        case 96:
          flowIndicators = true;
          blockIndicators = true;
          break;
        case 63:
        case 58:
          flowIndicators = true;
          if (followedByWhitespace) blockIndicators = true;
          break;
        case 45:
          if (followedByWhitespace) {
            flowIndicators = true;
            blockIndicators = true;
          }
          break;
      }
    } else {
      switch (c) {
        case 44:
        case 63:
        case 91:
        case 93:
        case 123:
        case 125:
          flowIndicators = true;
          break;
        case 58:
          flowIndicators = true;
          if (followedByWhitespace) blockIndicators = true;
          break;
        case 35:
          if (precededByWhitespace) {
            flowIndicators = true;
            blockIndicators = true;
          }
          break;
      }
    }
    if (!isPrintable(c)) specialCharacters = true;
    if (c === 32) {
      if (i === 0) leadingSpace = true;
      if (i === n - 1) trailingSpace = true;
      if (previousBreak) breakSpace = true;
      previousSpace = true;
      previousBreak = false;
    } else if (isBreakCp(c)) {
      lineBreaks = true;
      if (i === 0) leadingBreak = true;
      if (i === n - 1) trailingBreak = true;
      if (previousSpace) spaceBreak = true;
      previousSpace = false;
      previousBreak = true;
    } else {
      previousSpace = false;
      previousBreak = false;
    }
    precededByWhitespace = c === 32 || c === 9 || isBreakCp(c) || c === 0;
  }
  const a: ScalarAnalysis = {
    multiline: lineBreaks,
    flowPlainAllowed: true,
    blockPlainAllowed: true,
    singleQuotedAllowed: true,
    blockAllowed: true,
  };
  if (leadingSpace || leadingBreak || trailingSpace || trailingBreak) {
    a.flowPlainAllowed = false;
    a.blockPlainAllowed = false;
  }
  if (trailingSpace) a.blockAllowed = false;
  if (breakSpace) {
    a.flowPlainAllowed = false;
    a.blockPlainAllowed = false;
    a.singleQuotedAllowed = false;
  }
  if (spaceBreak || specialCharacters) {
    a.flowPlainAllowed = false;
    a.blockPlainAllowed = false;
    a.singleQuotedAllowed = false;
    a.blockAllowed = false;
  }
  if (lineBreaks) {
    a.flowPlainAllowed = false;
    a.blockPlainAllowed = false;
  }
  if (flowIndicators) a.flowPlainAllowed = false;
  if (blockIndicators) a.blockPlainAllowed = false;
  return a;
}

const BASE60_FLOAT = /^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?$/;

function isBase60Float(s: string): boolean {
  if (s === '') return false;
  const c = s[0]!;
  if (!(c === '+' || c === '-' || (c >= '0' && c <= '9')) || !s.includes(':')) return false;
  return BASE60_FLOAT.test(s);
}

function codePoints(s: string): number[] {
  const out: number[] = [];
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
      const d = s.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        out.push((c - 0xd800) * 0x400 + (d - 0xdc00) + 0x10000);
        i++;
        continue;
      }
    }
    out.push(c >= 0xd800 && c <= 0xdfff ? 0xfffd : c);
  }
  return out;
}

/**
 * True when the emitter's plain-scalar loop would copy `cps` unchanged from `column`: no line
 * breaks, no surrogates (written back as U+FFFD when unpaired), and no space at which a line
 * could fold (a fold needs the column past {@link BEST_WIDTH}).
 */
function isPlainRun(cps: number[], column: number): boolean {
  const fits = column + cps.length <= BEST_WIDTH;
  for (let i = 0; i < cps.length; i++) {
    const c = cps[i]!;
    if (c === 32) {
      if (!fits) return false;
    } else if (c >= 0xd800 || isBreakCp(c)) return false;
  }
  return true;
}

/** Like {@link isPlainRun} for the double-quoted loop: printable ASCII other than `"` and `\`. */
function isUnescapedAsciiRun(cps: number[], column: number): boolean {
  const fits = column + cps.length <= BEST_WIDTH;
  for (let i = 0; i < cps.length; i++) {
    const c = cps[i]!;
    if (c < 0x20 || c > 0x7e || c === 34 || c === 92) return false;
    if (c === 32 && !fits) return false;
  }
  return true;
}

/** A simple plain-safe check: ASCII word-ish strings that need no analysis at all. */
const SIMPLE_PLAIN = /^[A-Za-z_/][A-Za-z0-9_./-]*$/;

class V2Emitter {
  private out: string[] = [];
  private cur = '';
  private column = 0;
  private indent = -1;
  private readonly indents: number[] = [];
  private whitespace = true;
  private indention = true;
  private flowLevel = 0;
  private mappingContext = false;
  private simpleKeyContext = false;

  result(): string {
    this.out.push(this.cur);
    return this.out.join('');
  }

  private put(s: string): void {
    this.cur += s;
    if (this.cur.length > 4096) {
      this.out.push(this.cur);
      this.cur = '';
    }
  }

  private putBreak(): void {
    this.put('\n');
    this.column = 0;
  }

  private writeIndent(): void {
    const indent = Math.max(this.indent, 0);
    if (!this.indention || this.column > indent || (this.column === indent && !this.whitespace))
      this.putBreak();
    if (this.column < indent) {
      this.put(' '.repeat(indent - this.column));
      this.column = indent;
    }
    this.whitespace = true;
    this.indention = true;
  }

  private writeIndicator(
    ind: string,
    needWhitespace: boolean,
    isWhitespace: boolean,
    isIndention: boolean,
  ): void {
    if (needWhitespace && !this.whitespace) {
      this.put(' ');
      this.column++;
    }
    this.put(ind);
    this.column += ind.length;
    this.whitespace = isWhitespace;
    this.indention = this.indention && isIndention;
  }

  private increaseIndent(flow: boolean, indentless: boolean): void {
    this.indents.push(this.indent);
    if (this.indent < 0) this.indent = flow ? BEST_INDENT : 0;
    else if (!indentless) this.indent += BEST_INDENT;
  }

  private popIndent(): void {
    this.indent = this.indents.pop()!;
  }

  /** Emits the document: root value then the implicit document end. */
  document(v: GoValue): string {
    this.node(v, true, false, false, false);
    // DOCUMENT-END (implicit): write_indent
    this.writeIndent();
    return this.result();
  }

  private node(v: GoValue, _root: boolean, sequence: boolean, mapping: boolean, simpleKey: boolean): void {
    void sequence;
    this.mappingContext = mapping;
    this.simpleKeyContext = simpleKey;
    if (v === null) this.scalar('null', STYLE_PLAIN);
    else if (typeof v === 'boolean') this.scalar(v ? 'true' : 'false', STYLE_PLAIN);
    else if (typeof v === 'string') this.stringScalar(v);
    else if (Array.isArray(v)) this.sequence(v);
    else if (v.t === 'int') this.scalar(v.big !== undefined ? v.big.toString() : String(v.n), STYLE_PLAIN);
    else if (v.t === 'float') this.scalar(formatGoFloatG(v.f), STYLE_PLAIN);
    else if (v.t === 'time') this.stringScalar(v.rfc3339);
    else this.mapping(v);
  }

  private stringScalar(s: string): void {
    let style: number;
    if (s.includes('\n')) style = STYLE_LITERAL;
    else if (!v2ResolvesNonString(s) && !isBase60Float(s)) style = STYLE_PLAIN;
    else style = STYLE_DOUBLE;
    this.scalar(s, style);
  }

  private scalar(value: string, requested: number): void {
    // Fast path for the common case: a short, plain-safe word.
    let style = requested;
    let cps: number[] | null = null;
    let analysis: ScalarAnalysis | null = null;
    if (!(style === STYLE_PLAIN && SIMPLE_PLAIN.test(value))) {
      cps = codePoints(value);
      analysis = analyzeScalar(cps);
      if (this.simpleKeyContext && analysis.multiline) style = STYLE_DOUBLE;
      if (style === STYLE_PLAIN) {
        if (
          (this.flowLevel > 0 && !analysis.flowPlainAllowed) ||
          (this.flowLevel === 0 && !analysis.blockPlainAllowed)
        ) {
          style = STYLE_SINGLE;
        }
        if (cps.length === 0 && (this.flowLevel > 0 || this.simpleKeyContext)) style = STYLE_SINGLE;
      }
      if (style === STYLE_SINGLE && !analysis.singleQuotedAllowed) style = STYLE_DOUBLE;
      if (style === STYLE_LITERAL) {
        if (!analysis.blockAllowed || this.flowLevel > 0 || this.simpleKeyContext) style = STYLE_DOUBLE;
      }
    }
    this.increaseIndent(true, false);
    const allowBreaks = !this.simpleKeyContext;
    switch (style) {
      case STYLE_PLAIN:
        if (cps === null) {
          if (!this.whitespace) {
            this.put(' ');
            this.column++;
          }
          this.put(value);
          this.column += value.length;
          this.whitespace = false;
          this.indention = false;
        } else {
          this.writePlain(cps, allowBreaks, value);
        }
        break;
      case STYLE_SINGLE:
        this.writeSingle(cps!, allowBreaks);
        break;
      case STYLE_DOUBLE:
        this.writeDouble(cps!, allowBreaks, value);
        break;
      default:
        this.writeLiteral(cps!);
    }
    this.popIndent();
  }

  private writeCp(cp: number): void {
    this.put(String.fromCodePoint(cp));
    this.column++;
  }

  private writeBreakCp(cp: number): void {
    if (cp === 10) {
      this.putBreak();
    } else {
      this.put(String.fromCodePoint(cp));
      this.column = 0;
    }
  }

  private writePlain(cps: number[], allowBreaks: boolean, value: string): void {
    if (!this.whitespace) {
      this.put(' ');
      this.column++;
    }
    if (isPlainRun(cps, this.column)) {
      // No break to write and no space where a line could fold: the loop below would copy it as is.
      this.put(value);
      this.column += cps.length;
      this.whitespace = false;
      this.indention = false;
      return;
    }
    let spaces = false;
    let breaks = false;
    for (let i = 0; i < cps.length; i++) {
      const c = cps[i]!;
      if (c === 32) {
        if (allowBreaks && !spaces && this.column > BEST_WIDTH && cps[i + 1] !== 32) {
          this.writeIndent();
        } else {
          this.writeCp(c);
        }
        spaces = true;
      } else if (isBreakCp(c)) {
        if (!breaks && c === 10) this.putBreak();
        this.writeBreakCp(c);
        this.indention = true;
        breaks = true;
      } else {
        if (breaks) this.writeIndent();
        this.writeCp(c);
        this.indention = false;
        spaces = false;
        breaks = false;
      }
    }
    this.whitespace = false;
    this.indention = false;
  }

  private writeSingle(cps: number[], allowBreaks: boolean): void {
    this.writeIndicator("'", true, false, false);
    let spaces = false;
    let breaks = false;
    const n = cps.length;
    for (let i = 0; i < n; i++) {
      const c = cps[i]!;
      if (c === 32) {
        if (allowBreaks && !spaces && this.column > BEST_WIDTH && i > 0 && i < n - 1 && cps[i + 1] !== 32) {
          this.writeIndent();
        } else {
          this.writeCp(c);
        }
        spaces = true;
      } else if (isBreakCp(c)) {
        if (!breaks && c === 10) this.putBreak();
        this.writeBreakCp(c);
        this.indention = true;
        breaks = true;
      } else {
        if (breaks) this.writeIndent();
        if (c === 39) {
          this.put("'");
          this.column++;
        }
        this.writeCp(c);
        this.indention = false;
        spaces = false;
        breaks = false;
      }
    }
    this.writeIndicator("'", false, false, false);
    this.whitespace = false;
    this.indention = false;
  }

  private writeDouble(cps: number[], allowBreaks: boolean, value: string): void {
    let spaces = false;
    this.writeIndicator('"', true, false, false);
    const bom = cps[0] === 0xfeff;
    const n = cps.length;
    if (isUnescapedAsciiRun(cps, this.column)) {
      // Nothing to escape and no space where a line could fold: the loop below would copy it as is.
      this.put(value);
      this.column += n;
      this.writeIndicator('"', false, false, false);
      this.whitespace = false;
      this.indention = false;
      return;
    }
    for (let i = 0; i < n; i++) {
      const c = cps[i]!;
      if (!isPrintable(c) || bom || isBreakCp(c) || c === 34 || c === 92) {
        let esc: string;
        switch (c) {
          case 0x00:
            esc = '0';
            break;
          case 0x07:
            esc = 'a';
            break;
          case 0x08:
            esc = 'b';
            break;
          case 0x09:
            esc = 't';
            break;
          case 0x0a:
            esc = 'n';
            break;
          case 0x0b:
            esc = 'v';
            break;
          case 0x0c:
            esc = 'f';
            break;
          case 0x0d:
            esc = 'r';
            break;
          case 0x1b:
            esc = 'e';
            break;
          case 0x22:
            esc = '"';
            break;
          case 0x5c:
            esc = '\\';
            break;
          case 0x85:
            esc = 'N';
            break;
          case 0xa0:
            esc = '_';
            break;
          case 0x2028:
            esc = 'L';
            break;
          case 0x2029:
            esc = 'P';
            break;
          default: {
            const hex = c.toString(16).toUpperCase();
            if (c <= 0xff) esc = `x${hex.padStart(2, '0')}`;
            else if (c <= 0xffff) esc = `u${hex.padStart(4, '0')}`;
            else esc = `U${hex.padStart(8, '0')}`;
          }
        }
        this.put(`\\${esc}`);
        this.column += 1 + esc.length;
        spaces = false;
      } else if (c === 32) {
        if (allowBreaks && !spaces && this.column > BEST_WIDTH && i > 0 && i < n - 1) {
          this.writeIndent();
          if (cps[i + 1] === 32) {
            this.put('\\');
            this.column++;
          }
        } else {
          this.writeCp(c);
        }
        spaces = true;
      } else {
        this.writeCp(c);
        spaces = false;
      }
    }
    this.writeIndicator('"', false, false, false);
    this.whitespace = false;
    this.indention = false;
  }

  private writeLiteral(cps: number[]): void {
    this.writeIndicator('|', true, false, false);
    // block scalar hints
    if (cps[0] === 32 || isBreakCp(cps[0] ?? 0))
      this.writeIndicator(String(BEST_INDENT), false, false, false);
    let chomp = '';
    const n = cps.length;
    if (n === 0) chomp = '-';
    else if (!isBreakCp(cps[n - 1]!)) chomp = '-';
    else if (n === 1) chomp = '+';
    else if (isBreakCp(cps[n - 2]!)) chomp = '+';
    if (chomp !== '') this.writeIndicator(chomp, false, false, false);
    this.putBreak();
    this.indention = true;
    this.whitespace = true;
    let breaks = true;
    for (let i = 0; i < n; i++) {
      const c = cps[i]!;
      if (isBreakCp(c)) {
        this.writeBreakCp(c);
        this.indention = true;
        breaks = true;
      } else {
        if (breaks) this.writeIndent();
        // copy a run of ordinary characters at once
        let j = i;
        while (j < n && !isBreakCp(cps[j]!)) j++;
        const run = String.fromCodePoint(...cps.slice(i, j));
        this.put(run);
        this.column += j - i;
        i = j - 1;
        this.indention = false;
        breaks = false;
      }
    }
  }

  private sequence(items: GoValue[]): void {
    if (items.length === 0 || this.flowLevel > 0) {
      this.flowSequence(items);
      return;
    }
    this.increaseIndent(false, this.mappingContext && !this.indention);
    for (const item of items) {
      this.writeIndent();
      this.writeIndicator('-', true, false, true);
      this.node(item, false, true, false, false);
    }
    this.popIndent();
  }

  private flowSequence(items: GoValue[]): void {
    this.writeIndicator('[', true, true, false);
    this.increaseIndent(true, false);
    this.flowLevel++;
    let first = true;
    for (const item of items) {
      if (!first) this.writeIndicator(',', false, false, false);
      if (this.column > BEST_WIDTH) this.writeIndent();
      this.node(item, false, true, false, false);
      first = false;
    }
    this.flowLevel--;
    this.popIndent();
    this.writeIndicator(']', false, false, false);
  }

  private mapping(m: GoMap): void {
    if (m.keys.length === 0 || this.flowLevel > 0) {
      this.flowMapping(m);
      return;
    }
    const order = sortKeys(m);
    this.increaseIndent(false, false);
    for (const i of order) {
      const key = m.keys[i]!;
      this.writeIndent();
      if (this.isSimpleKey(key)) {
        this.node(key, false, false, true, true);
        this.writeIndicator(':', false, false, false);
      } else {
        this.writeIndicator('?', true, false, true);
        this.node(key, false, false, true, false);
        this.writeIndent();
        this.writeIndicator(':', true, false, true);
      }
      this.node(m.values[i]!, false, false, true, false);
    }
    this.popIndent();
  }

  private isSimpleKey(key: string): boolean {
    if (key.includes('\n') || key.includes('\r') || /[\u0085\u2028\u2029]/.test(key)) return false;
    return Buffer.byteLength(key, 'utf8') <= 128;
  }

  private flowMapping(m: GoMap): void {
    this.writeIndicator('{', true, true, false);
    this.increaseIndent(true, false);
    this.flowLevel++;
    const order = sortKeys(m);
    let first = true;
    for (const i of order) {
      if (!first) this.writeIndicator(',', false, false, false);
      if (this.column > BEST_WIDTH) this.writeIndent();
      const key = m.keys[i]!;
      if (this.isSimpleKey(key)) {
        this.node(key, false, false, true, true);
        this.writeIndicator(':', false, false, false);
      } else {
        this.writeIndicator('?', true, false, false);
        this.node(key, false, false, true, false);
        if (this.column > BEST_WIDTH) this.writeIndent();
        this.writeIndicator(':', true, false, false);
      }
      this.node(m.values[i]!, false, false, true, false);
      first = false;
    }
    this.flowLevel--;
    this.popIndent();
    this.writeIndicator('}', false, false, false);
  }
}

/** go-yaml v2 `Marshal` of a (JSON-round-tripped) Go value: one document, no `---`. */
export function marshalV2(v: GoValue): string {
  return new V2Emitter().document(v);
}

/** One resource's YAML exactly as kustomize's `Resource.AsYAML` prints it. */
export function resourceToYaml(n: YNode): string {
  return marshalV2(jsonRoundTrip(toGoValue(n, true)));
}

/** The whole stream as `kustomize build` prints it: documents joined by `---\n`. */
export function resourcesToYaml(nodes: readonly YNode[]): string {
  const parts: string[] = [];
  for (let i = 0; i < nodes.length; i++) {
    if (i > 0) parts.push('---\n');
    parts.push(resourceToYaml(nodes[i]!));
  }
  return parts.join('');
}

export { Style };
