/**
 * The YAML round trip Flux's post-build substitution runs each resource through:
 * `sigs.k8s.io/yaml.JSONToYAML` (go-yaml v2's emitter) before envsubst, and `YAMLToJSON` (go-yaml
 * v2's YAML 1.1 resolver) after it. Substituting the serialised text and re-reading it is what
 * makes `replicas: ${REPLICAS}` an integer and `enabled: ${FLAG}` with `FLAG=yes` a boolean, so both
 * halves copy go-yaml v2's choices: which strings are quoted and how, block styles, folding at 80
 * columns, and how plain scalars resolve.
 *
 * @see https://github.com/kubernetes-sigs/yaml/blob/master/yaml.go (`JSONToYAML`, `YAMLToJSON`)
 * @see https://github.com/go-yaml/yaml/blob/v2/emitterc.go, resolve.go
 */
import { type Alias, isAlias, isMap, isScalar, isSeq, type Node, parseDocument, Scalar } from 'yaml';

// ---------------------------------------------------------------------------------------------
// Resolution of plain scalars (go-yaml v2 resolve.go)

/** What a plain scalar resolves to under go-yaml v2's rules. */
export type GoYamlResolved =
  | { tag: 'str'; value: string }
  | { tag: 'null'; value: null }
  | { tag: 'bool'; value: boolean }
  | { tag: 'int' | 'float'; value: number }
  | { tag: 'timestamp'; value: string };

const RESOLVE_MAP = new Map<string, GoYamlResolved>();
for (const s of ['y', 'Y', 'yes', 'Yes', 'YES', 'true', 'True', 'TRUE', 'on', 'On', 'ON'])
  RESOLVE_MAP.set(s, { tag: 'bool', value: true });
for (const s of ['n', 'N', 'no', 'No', 'NO', 'false', 'False', 'FALSE', 'off', 'Off', 'OFF'])
  RESOLVE_MAP.set(s, { tag: 'bool', value: false });
for (const s of ['', '~', 'null', 'Null', 'NULL']) RESOLVE_MAP.set(s, { tag: 'null', value: null });
for (const s of ['.nan', '.NaN', '.NAN']) RESOLVE_MAP.set(s, { tag: 'float', value: Number.NaN });
for (const s of ['.inf', '.Inf', '.INF', '+.inf', '+.Inf', '+.INF'])
  RESOLVE_MAP.set(s, { tag: 'float', value: Number.POSITIVE_INFINITY });
for (const s of ['-.inf', '-.Inf', '-.INF'])
  RESOLVE_MAP.set(s, { tag: 'float', value: Number.NEGATIVE_INFINITY });

const YAML_STYLE_FLOAT = /^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$/;
const INT64_MAX = 9223372036854775807n;
const INT64_MIN = -9223372036854775808n;
const UINT64_MAX = 18446744073709551615n;

/** Go `strconv.ParseInt(s, 0, 64)` / `ParseUint`: base prefixes 0x, 0o, 0b, leading-0 octal. */
function goParseInt(s: string, signed: boolean): bigint | undefined {
  let body = s;
  let neg = false;
  if (body[0] === '+' || body[0] === '-') {
    if (!signed) return undefined;
    neg = body[0] === '-';
    body = body.slice(1);
  }
  let digits: string;
  let re: RegExp;
  let prefix: string;
  if (/^0[xX]/.test(body)) {
    prefix = '0x';
    digits = body.slice(2);
    re = /^[0-9a-fA-F]+$/;
  } else if (/^0[oO]/.test(body)) {
    prefix = '0o';
    digits = body.slice(2);
    re = /^[0-7]+$/;
  } else if (/^0[bB]/.test(body)) {
    prefix = '0b';
    digits = body.slice(2);
    re = /^[01]+$/;
  } else if (body.length > 1 && body[0] === '0') {
    prefix = '0o';
    digits = body.slice(1);
    re = /^[0-7]+$/;
  } else {
    prefix = '';
    digits = body;
    re = /^[0-9]+$/;
  }
  if (!re.test(digits)) return undefined;
  let v = BigInt(prefix + digits);
  if (neg) v = -v;
  if (signed ? v > INT64_MAX || v < INT64_MIN : v > UINT64_MAX) return undefined;
  return v;
}

const TIMESTAMP = [
  /^(\d{4})-(\d{1,2})-(\d{1,2})[Tt](\d{1,2}):(\d{1,2}):(\d{1,2})(\.\d+)?(Z|[+-]\d{2}:\d{2})$/,
  /^(\d{4})-(\d{1,2})-(\d{1,2}) (\d{1,2}):(\d{1,2}):(\d{1,2})(\.\d+)?$/,
  /^(\d{4})-(\d{1,2})-(\d{1,2})$/,
];

/** go-yaml v2 `parseTimestamp` (the formats it accepts, with Go's range checks on the date). */
function isTimestamp(s: string): boolean {
  for (const re of TIMESTAMP) {
    const m = re.exec(s);
    if (!m) continue;
    const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
    if (mo < 1 || mo > 12 || d < 1) continue;
    const dim = new Date(Date.UTC(y, mo, 0)).getUTCDate();
    if (d > dim) continue;
    if (m[4] !== undefined && (Number(m[4]) > 23 || Number(m[5]) > 59 || Number(m[6]) > 59)) continue;
    return true;
  }
  return false;
}

/**
 * Resolves an untagged plain scalar as go-yaml v2 does: the YAML 1.1 bool/null words
 * (`yes`/`no`/`on`/`off`/`y`/`n`, `~`), Go integer syntax (`0x1F`, `0o17`, `0777` octal, `1_000`),
 * floats, `.inf`/`.nan`, timestamps (kept as strings), else a string.
 */
export function resolveGoYaml(s: string): GoYamlResolved {
  const known = RESOLVE_MAP.get(s);
  if (known) return known;
  const c = s[0];
  if (c === '.') {
    if (/^\.[0-9]+([eE][-+]?[0-9]+)?$/.test(s)) return { tag: 'float', value: Number(s) };
  } else if (c !== undefined && ((c >= '0' && c <= '9') || c === '+' || c === '-')) {
    if (s.length >= 5 && s[4] === '-' && isTimestamp(s)) return { tag: 'timestamp', value: s };
    const plain = s.replaceAll('_', '');
    const i = goParseInt(plain, true) ?? goParseInt(plain, false);
    if (i !== undefined) return { tag: 'int', value: Number(i) };
    if (YAML_STYLE_FLOAT.test(plain) && Number.isFinite(Number(plain)))
      return { tag: 'float', value: Number(plain) };
    if (plain.startsWith('0b') && /^[01]+$/.test(plain.slice(2)))
      return { tag: 'int', value: Number(BigInt(plain)) };
    if (plain.startsWith('-0b') && /^[01]+$/.test(plain.slice(3)))
      return { tag: 'int', value: -Number(BigInt(plain.slice(1))) };
  }
  return { tag: 'str', value: s };
}

const BASE60_FLOAT = /^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?$/;

// ---------------------------------------------------------------------------------------------
// Emitter (go-yaml v2 encode.go + emitterc.go, block style, as yaml.Marshal of decoded JSON)

const BEST_WIDTH = 80;
const BEST_INDENT = 2;

const Style = { Plain: 0, Single: 1, Double: 2, Literal: 3 } as const;
type Style = (typeof Style)[keyof typeof Style];

interface Analysis {
  multiline: boolean;
  blockPlainAllowed: boolean;
  singleQuotedAllowed: boolean;
  blockAllowed: boolean;
}

const isSpace = (c: string | undefined) => c === ' ';
const isBreak = (c: string | undefined) =>
  c === '\r' || c === '\n' || c === '\u0085' || c === '\u2028' || c === '\u2029';
const isBlank = (c: string | undefined) => c === ' ' || c === '\t';
const isBlankz = (c: string | undefined) => isBlank(c) || isBreak(c) || c === '\0' || c === undefined;

function isPrintable(c: string): boolean {
  const cp = c.codePointAt(0)!;
  return (
    cp === 0x0a ||
    (cp >= 0x20 && cp <= 0x7e) ||
    (cp >= 0xa0 && cp <= 0xd7ff) ||
    (cp >= 0xe000 && cp <= 0xfffd && cp !== 0xfeff)
  );
}

/** `yaml_emitter_analyze_scalar`, block context. */
function analyze(v: string[]): Analysis {
  if (v.length === 0) {
    return { multiline: false, blockPlainAllowed: true, singleQuotedAllowed: true, blockAllowed: false };
  }
  let blockIndicators = false;
  let lineBreaks = false;
  let special = false;
  let leadingSpace = false;
  let leadingBreak = false;
  let trailingSpace = false;
  let trailingBreak = false;
  let breakSpace = false;
  let spaceBreak = false;
  let precededByWs = true;
  let prevSpace = false;
  let prevBreak = false;
  if (
    v.length >= 3 &&
    ((v[0] === '-' && v[1] === '-' && v[2] === '-') || (v[0] === '.' && v[1] === '.' && v[2] === '.'))
  )
    blockIndicators = true;
  for (let i = 0; i < v.length; i++) {
    const c = v[i]!;
    const followedByWs = i + 1 >= v.length || isBlank(v[i + 1]);
    if (i === 0) {
      switch (c) {
        case '#':
        case ',':
        case '[':
        case ']':
        case '{':
        case '}':
        case '&':
        case '*':
        case '!':
        case '|':
        case '>':
        case "'":
        case '"':
        case '%':
        case '@':
        case '`':
          blockIndicators = true;
          break;
        case '?':
        case ':':
        case '-':
          if (followedByWs) blockIndicators = true;
          break;
      }
    } else if (c === ':') {
      if (followedByWs) blockIndicators = true;
    } else if (c === '#') {
      if (precededByWs) blockIndicators = true;
    }
    if (!isPrintable(c)) special = true;
    if (isSpace(c)) {
      if (i === 0) leadingSpace = true;
      if (i === v.length - 1) trailingSpace = true;
      if (prevBreak) breakSpace = true;
      prevSpace = true;
      prevBreak = false;
    } else if (isBreak(c)) {
      lineBreaks = true;
      if (i === 0) leadingBreak = true;
      if (i === v.length - 1) trailingBreak = true;
      if (prevSpace) spaceBreak = true;
      prevSpace = false;
      prevBreak = true;
    } else {
      prevSpace = false;
      prevBreak = false;
    }
    precededByWs = isBlankz(c);
  }
  const a: Analysis = {
    multiline: lineBreaks,
    blockPlainAllowed: true,
    singleQuotedAllowed: true,
    blockAllowed: true,
  };
  if (leadingSpace || leadingBreak || trailingSpace || trailingBreak) a.blockPlainAllowed = false;
  if (trailingSpace) a.blockAllowed = false;
  if (breakSpace) {
    a.blockPlainAllowed = false;
    a.singleQuotedAllowed = false;
  }
  if (spaceBreak || special) {
    a.blockPlainAllowed = false;
    a.singleQuotedAllowed = false;
    a.blockAllowed = false;
  }
  if (lineBreaks) a.blockPlainAllowed = false;
  if (blockIndicators) a.blockPlainAllowed = false;
  return a;
}

class Emitter {
  private out: string[] = [];
  private column = 0;
  private whitespace = true;
  private indention = true;

  text(): string {
    return this.out.join('');
  }

  private put(s: string): void {
    this.out.push(s);
    this.column++;
  }
  private putBreak(): void {
    this.out.push('\n');
    this.column = 0;
  }
  /** `write_break`: a `\n` is written as a line break; other break characters are copied. */
  private writeBreak(c: string): void {
    if (c === '\n') this.putBreak();
    else {
      this.out.push(c);
      this.column = 0;
    }
  }
  private writeIndent(indent: number): void {
    const ind = Math.max(0, indent);
    if (!this.indention || this.column > ind || (this.column === ind && !this.whitespace)) this.putBreak();
    while (this.column < ind) this.put(' ');
    this.whitespace = true;
    this.indention = true;
  }
  private writeIndicator(ind: string, needWs: boolean, isWs: boolean, isIndention: boolean): void {
    if (needWs && !this.whitespace) this.put(' ');
    this.out.push(ind);
    this.column += ind.length;
    this.whitespace = isWs;
    this.indention = this.indention && isIndention;
  }

  /** Emits one node; `indent` is the emitter's current indent (-1 at the root). */
  node(value: unknown, indent: number, mappingCtx: boolean, simpleKey: boolean): void {
    if (Array.isArray(value)) {
      if (value.length === 0) {
        this.flowEmpty('[', ']');
        return;
      }
      const indentless = mappingCtx && !this.indention;
      const ind = indent < 0 ? 0 : indentless ? indent : indent + BEST_INDENT;
      for (const item of value) {
        this.writeIndent(ind);
        this.writeIndicator('-', true, false, true);
        this.node(item, ind, false, false);
      }
      return;
    }
    if (value !== null && typeof value === 'object') {
      const keys = Object.keys(value).sort(goKeyLess);
      if (keys.length === 0) {
        this.flowEmpty('{', '}');
        return;
      }
      const ind = indent < 0 ? 0 : indent + BEST_INDENT;
      for (const k of keys) {
        this.writeIndent(ind);
        const keyScalar = scalarOf(k);
        const kv = [...keyScalar.text];
        const simple = !analyze(kv).multiline && utf8Length(keyScalar.text) <= 128;
        if (simple) {
          this.scalar(keyScalar, ind, true);
          this.writeIndicator(':', false, false, false);
        } else {
          this.writeIndicator('?', true, false, true);
          this.scalar(keyScalar, ind, false);
          this.writeIndent(ind);
          this.writeIndicator(':', true, false, true);
        }
        this.node((value as Record<string, unknown>)[k], ind, true, false);
      }
      return;
    }
    this.scalar(scalarOf(value), indent, simpleKey);
  }

  private flowEmpty(open: string, close: string): void {
    this.writeIndicator(open, true, true, false);
    this.writeIndicator(close, false, false, false);
  }

  private scalar(sc: { text: string; style: Style }, indent: number, simpleKey: boolean): void {
    const v = [...sc.text];
    const a = analyze(v);
    let style = sc.style;
    if (simpleKey && a.multiline) style = Style.Double;
    if (style === Style.Plain) {
      if (!a.blockPlainAllowed) style = Style.Single;
      if (v.length === 0 && simpleKey) style = Style.Single;
    }
    if (style === Style.Single && !a.singleQuotedAllowed) style = Style.Double;
    if (style === Style.Literal && (!a.blockAllowed || simpleKey)) style = Style.Double;
    const ind = indent < 0 ? BEST_INDENT : indent + BEST_INDENT;
    const allowBreaks = !simpleKey;
    if (style === Style.Plain) this.plain(v, ind, allowBreaks);
    else if (style === Style.Single) this.single(v, ind, allowBreaks);
    else if (style === Style.Double) this.double(v, ind, allowBreaks);
    else this.literal(v, ind);
  }

  private plain(v: string[], ind: number, allowBreaks: boolean): void {
    if (!this.whitespace) this.put(' ');
    let spaces = false;
    let breaks = false;
    for (let i = 0; i < v.length; i++) {
      const c = v[i]!;
      if (isSpace(c)) {
        if (allowBreaks && !spaces && this.column > BEST_WIDTH && !isSpace(v[i + 1])) this.writeIndent(ind);
        else this.put(c);
        spaces = true;
      } else if (isBreak(c)) {
        if (!breaks && c === '\n') this.putBreak();
        this.writeBreak(c);
        this.indention = true;
        breaks = true;
      } else {
        if (breaks) this.writeIndent(ind);
        this.put(c);
        this.indention = false;
        spaces = false;
        breaks = false;
      }
    }
    this.whitespace = false;
    this.indention = false;
  }

  private single(v: string[], ind: number, allowBreaks: boolean): void {
    this.writeIndicator("'", true, false, false);
    let spaces = false;
    let breaks = false;
    for (let i = 0; i < v.length; i++) {
      const c = v[i]!;
      if (isSpace(c)) {
        if (
          allowBreaks &&
          !spaces &&
          this.column > BEST_WIDTH &&
          i > 0 &&
          i < v.length - 1 &&
          !isSpace(v[i + 1])
        )
          this.writeIndent(ind);
        else this.put(c);
        spaces = true;
      } else if (isBreak(c)) {
        if (!breaks && c === '\n') this.putBreak();
        this.writeBreak(c);
        this.indention = true;
        breaks = true;
      } else {
        if (breaks) this.writeIndent(ind);
        if (c === "'") this.put("'");
        this.put(c);
        this.indention = false;
        spaces = false;
        breaks = false;
      }
    }
    this.writeIndicator("'", false, false, false);
    this.whitespace = false;
    this.indention = false;
  }

  private double(v: string[], ind: number, allowBreaks: boolean): void {
    this.writeIndicator('"', true, false, false);
    let spaces = false;
    for (let i = 0; i < v.length; i++) {
      const c = v[i]!;
      if (!isPrintable(c) || c === '\ufeff' || isBreak(c) || c === '"' || c === '\\') {
        this.put('\\');
        const esc = DOUBLE_ESCAPES[c];
        if (esc !== undefined) this.put(esc);
        else {
          const cp = c.codePointAt(0)!;
          const [p, w] = cp <= 0xff ? ['x', 2] : cp <= 0xffff ? ['u', 4] : ['U', 8];
          this.put(p);
          for (const d of cp.toString(16).toUpperCase().padStart(w, '0')) this.put(d);
        }
        spaces = false;
      } else if (isSpace(c)) {
        if (allowBreaks && !spaces && this.column > BEST_WIDTH && i > 0 && i < v.length - 1) {
          this.writeIndent(ind);
          if (isSpace(v[i + 1])) this.put('\\');
        } else this.put(c);
        spaces = true;
      } else {
        this.put(c);
        spaces = false;
      }
    }
    this.writeIndicator('"', false, false, false);
    this.whitespace = false;
    this.indention = false;
  }

  private literal(v: string[], ind: number): void {
    this.writeIndicator('|', true, false, false);
    if (isSpace(v[0]) || isBreak(v[0])) this.writeIndicator(String(BEST_INDENT), false, false, false);
    let chomp = '';
    const last = v[v.length - 1];
    if (v.length === 0 || !isBreak(last)) chomp = '-';
    else if (v.length === 1 || isBreak(v[v.length - 2])) chomp = '+';
    if (chomp) this.writeIndicator(chomp, false, false, false);
    this.putBreak();
    this.indention = true;
    this.whitespace = true;
    let breaks = true;
    for (const c of v) {
      if (isBreak(c)) {
        this.writeBreak(c);
        this.indention = true;
        breaks = true;
      } else {
        if (breaks) this.writeIndent(ind);
        this.put(c);
        this.indention = false;
        breaks = false;
      }
    }
  }
}

const DOUBLE_ESCAPES: Record<string, string> = {
  '\0': '0',
  '\x07': 'a',
  '\b': 'b',
  '\t': 't',
  '\n': 'n',
  '\v': 'v',
  '\f': 'f',
  '\r': 'r',
  '\x1b': 'e',
  '"': '"',
  '\\': '\\',
  '\u0085': 'N',
  '\u00a0': '_',
  '\u2028': 'L',
  '\u2029': 'P',
};

function utf8Length(s: string): number {
  return Buffer.byteLength(s, 'utf8');
}

const NEL_RUN = /[ \t]*\u0085(?:[ \t]*\u0085)*[ \t]*/g;

/**
 * What a JSON string becomes when go-yaml v2 reads the JSON (as `JSONToYAML` does): JSON escapes
 * every line break except NEL (U+0085), which YAML 1.1 folds inside a double-quoted scalar — one
 * NEL (and the blanks around it) becomes a space, `n` NELs become `n-1` newlines.
 */
function jsonStringAsGoYamlReadsIt(s: string): string {
  if (!s.includes('\u0085')) return s;
  return s.replace(NEL_RUN, (run) => {
    const n = run.split('\u0085').length - 1;
    return n === 1 ? ' ' : '\n'.repeat(n - 1);
  });
}

/** The scalar text and requested style go-yaml v2's encoder picks for a JSON value. */
function scalarOf(value: unknown): { text: string; style: Style } {
  if (value === null || value === undefined) return { text: 'null', style: Style.Plain };
  if (typeof value === 'boolean') return { text: value ? 'true' : 'false', style: Style.Plain };
  if (typeof value === 'number') return { text: formatNumber(value), style: Style.Plain };
  const s = jsonStringAsGoYamlReadsIt(String(value));
  if (s.includes('\n')) return { text: s, style: Style.Literal };
  const r = resolveGoYaml(s);
  const plain = r.tag === 'str' && !(BASE60_FLOAT.test(s) && s.includes(':'));
  return { text: s, style: plain ? Style.Plain : Style.Double };
}

/** Numbers as JSON → go-yaml v2 prints them: integers in decimal, others in Go's `%g` shortest form. */
function formatNumber(n: number): string {
  if (Number.isInteger(n) && Math.abs(n) < 1e21) return String(n);
  if (!Number.isFinite(n)) return Number.isNaN(n) ? '.nan' : n > 0 ? '.inf' : '-.inf';
  const exp = Math.floor(Math.log10(Math.abs(n)));
  if (exp < -4 || exp >= 21) {
    const [m, e] = n.toExponential().split('e') as [string, string];
    const sign = e[0] === '-' ? '-' : '+';
    const digits = e.replace(/^[+-]/, '').padStart(2, '0');
    return `${m}e${sign}${digits}`;
  }
  return String(n);
}

/** go-yaml v2's map key order (`keyList.Less`): letters before digits, digit runs compared as numbers. */
function goKeyLess(a: string, b: string): number {
  const ar = [...a];
  const br = [...b];
  const isLetter = (c: string) => /\p{L}/u.test(c);
  const isDigit = (c: string | undefined) => c !== undefined && /\p{Nd}/u.test(c);
  for (let i = 0; i < ar.length && i < br.length; i++) {
    const x = ar[i]!;
    const y = br[i]!;
    if (x === y) continue;
    const al = isLetter(x);
    const bl = isLetter(y);
    if (al && bl) return x.codePointAt(0)! - y.codePointAt(0)!;
    if (al || bl) return bl ? -1 : 1;
    let an = 0n;
    let bn = 0n;
    if (x === '0' || y === '0') {
      for (let j = i - 1; j >= 0 && isDigit(ar[j]); j--) {
        if (ar[j] !== '0') {
          an = 1n;
          bn = 1n;
          break;
        }
      }
    }
    let ai = i;
    let bi = i;
    for (; ai < ar.length && isDigit(ar[ai]); ai++) an = an * 10n + BigInt(ar[ai]!.codePointAt(0)! - 48);
    for (; bi < br.length && isDigit(br[bi]); bi++) bn = bn * 10n + BigInt(br[bi]!.codePointAt(0)! - 48);
    if (an !== bn) return an < bn ? -1 : 1;
    if (ai !== bi) return ai - bi;
    return x.codePointAt(0)! - y.codePointAt(0)!;
  }
  return ar.length - br.length;
}

/**
 * Serialises a JSON value as `sigs.k8s.io/yaml.JSONToYAML` does (go-yaml v2 `Marshal`): block
 * style, keys in go-yaml's order, strings quoted only where a plain scalar would change meaning,
 * multi-line strings as literal blocks, lines folded at 80 columns. Ends with a newline.
 */
export function marshalGoYaml(value: unknown): string {
  const e = new Emitter();
  e.node(value, -1, false, false);
  const text = e.text();
  return text.endsWith('\n') ? text : `${text}\n`;
}

// ---------------------------------------------------------------------------------------------
// Decoding (go-yaml v2 Unmarshal into interface{} + sigs.k8s.io/yaml convertToJSONableObject)

/** Thrown by {@link unmarshalGoYaml} for input go-yaml v2 / YAMLToJSON would reject. */
export class GoYamlError extends Error {}

const MAX_ALIAS_EXPANSION = 10_000;

/**
 * Reads the first YAML document as `sigs.k8s.io/yaml.YAMLToJSON` does: plain scalars resolved by
 * go-yaml v2's YAML 1.1 rules ({@link resolveGoYaml}); quoted and block scalars are strings;
 * non-string keys become strings (`1` → `"1"`, `true` → `"true"`); object keys come out sorted as
 * `encoding/json` sorts them. NaN and infinities are not JSON and are rejected.
 *
 * @throws {GoYamlError} on a syntax error or a value JSON cannot hold.
 */
export function unmarshalGoYaml(text: string): unknown {
  const doc = parseDocument(text, { schema: 'failsafe', uniqueKeys: false, prettyErrors: false });
  const first = doc.errors[0];
  if (first) throw new GoYamlError(first.message.split('\n')[0]!);
  let aliases = 0;
  const convert = (node: unknown, depth: number): unknown => {
    if (depth > 1000) throw new GoYamlError('exceeded max depth');
    if (node === null || node === undefined) return null;
    if (isAlias(node)) {
      if (++aliases > MAX_ALIAS_EXPANSION) throw new GoYamlError('document contains excessive aliasing');
      const target = (node as Alias).resolve(doc);
      if (!target) throw new GoYamlError(`unknown anchor '${(node as Alias).source}' referenced`);
      return convert(target, depth + 1);
    }
    if (isMap(node)) {
      const entries: [string, unknown][] = [];
      for (const pair of node.items) {
        const k = convert(pair.key as Node, depth + 1);
        let key: string;
        if (typeof k === 'string') key = k;
        else if (typeof k === 'number') key = formatKeyNumber(k);
        else if (typeof k === 'boolean') key = k ? 'true' : 'false';
        else throw new GoYamlError('Unsupported map key');
        entries.push([key, convert(pair.value as Node, depth + 1)]);
      }
      const out: Record<string, unknown> = {};
      // Later duplicates win (go-yaml v2 overwrites); then keys in encoding/json order.
      const byKey = new Map(entries);
      for (const key of [...byKey.keys()].sort(byteOrder)) out[key] = byKey.get(key);
      return out;
    }
    if (isSeq(node)) return node.items.map((n) => convert(n as Node, depth + 1));
    if (isScalar(node)) return scalarValue(node);
    throw new GoYamlError('unexpected node');
  };
  const value = convert(doc.contents, 0);
  assertJsonable(value);
  return value;
}

function scalarValue(node: Scalar): unknown {
  const raw = node.value === null || node.value === undefined ? '' : String(node.value);
  const tag = node.tag;
  if (tag && tag !== '?') {
    if (tag === 'tag:yaml.org,2002:str') return raw;
    if (tag === 'tag:yaml.org,2002:null') return null;
    if (tag.startsWith('tag:yaml.org,2002:')) {
      const r = resolveGoYaml(raw);
      return r.value;
    }
    return raw;
  }
  if (node.type !== Scalar.PLAIN && node.type !== undefined) return raw;
  const r = resolveGoYaml(raw);
  return r.value;
}

function formatKeyNumber(n: number): string {
  if (Number.isInteger(n)) return String(n);
  if (Number.isNaN(n)) return '.nan';
  if (!Number.isFinite(n)) return n > 0 ? '.inf' : '-.inf';
  return String(Math.fround(n));
}

function byteOrder(a: string, b: string): number {
  if (a === b) return 0;
  return Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));
}

function assertJsonable(v: unknown): void {
  if (typeof v === 'number' && !Number.isFinite(v)) throw new GoYamlError(`json: unsupported value: ${v}`);
  if (Array.isArray(v)) v.forEach(assertJsonable);
  else if (v !== null && typeof v === 'object') Object.values(v).forEach(assertJsonable);
}
