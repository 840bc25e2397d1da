/**
 * Helm's `toYaml`: `sigs.k8s.io/yaml.Marshal`, i.e. `encoding/json` then go-yaml v2 re-reading the
 * JSON (numbers typed int/float by YAML 1.1 rules) and emitting it: sorted keys (go-yaml's
 * natural order), block style, 2-space indentation, sequences not indented under their key, plain
 * scalars folded past column 80, quoting of strings YAML 1.1 would read as something else.
 *
 * @see https://github.com/kubernetes-sigs/yaml/blob/v1.4.0/yaml.go (JSONToYAML)
 * @see https://github.com/kubernetes-sigs/yaml/blob/v1.4.0/goyaml.v2/emitterc.go
 */
import { formatFloat } from '../fmt/float.js';
import { parseInt0, parseUint0 } from '../parse/number.js';
import { GoInt, goTypeInfo, typeName } from '../value/types.js';
import { goBuffer, goValidString, hasRawBytes } from '../value/goString.js';
import { JsonError, jsonFloat } from './json.js';

/** The JSON-roundtripped tree go-yaml sees: ints and floats are told apart by their JSON text. */
type YNode =
  | { t: 'null' }
  | { t: 'bool'; v: boolean }
  | { t: 'int'; s: string }
  | { t: 'float'; v: number }
  | { t: 'str'; v: string }
  /** go-yaml v3's `!!binary` for a string that is not valid UTF-8 (its base64, `encodeBase64`). */
  | { t: 'binary'; v: string }
  | { t: 'seq'; v: YNode[] }
  | { t: 'map'; v: [string, YNode][] };

/** Converts a template value through Go's JSON encoding into the tree go-yaml v2 decodes from it. */
export function toJsonTree(v: unknown, pretty = false): YNode {
  const rec = (x: unknown) => toJsonTree(x, pretty);
  switch (typeof v) {
    case 'string':
      if (pretty && hasRawBytes(v)) return { t: 'binary', v: yamlV3Base64(goBuffer(v)) };
      return { t: 'str', v: goValidString(v) };
    case 'boolean':
      return { t: 'bool', v };
    case 'number':
      return pretty ? { t: 'float', v } : numberNode(jsonFloat(v));
    case 'undefined':
      return { t: 'null' };
  }
  if (v === null) return { t: 'null' };
  if (v instanceof GoInt) return numberNode(v.toString());
  if (v instanceof Uint8Array) return { t: 'str', v: Buffer.from(v).toString('base64') };
  if (Array.isArray(v)) return { t: 'seq', v: v.map(rec) };
  if (v instanceof Date) return { t: 'str', v: v.toISOString() };
  if (typeof v === 'object') {
    const toJSON = (v as { toJSON?: unknown }).toJSON;
    if (typeof toJSON === 'function') return rec((toJSON as () => unknown).call(v));
    if (goTypeInfo(v) === undefined || goTypeInfo(v)?.kind === 'map' || goTypeInfo(v)?.kind === 'struct') {
      const m = v as Record<string, unknown>;
      const entries: [string, YNode][] = Object.keys(m).map((k) => [goValidString(k), rec(m[k])]);
      entries.sort((a, b) => (keyLess(a[0], b[0]) ? -1 : keyLess(b[0], a[0]) ? 1 : 0));
      return { t: 'map', v: entries };
    }
  }
  throw new JsonError(`json: unsupported type: ${typeName(v)}`);
}

/** go-yaml v3's `encodeBase64`: lines of 70 characters, each ending in a newline when there are several. */
function yamlV3Base64(b: Buffer): string {
  const enc = b.toString('base64');
  if (enc.length < 70) return enc;
  let out = '';
  for (let i = 0; i < enc.length; i += 70) out += `${enc.slice(i, i + 70)}\n`;
  return out;
}

function numberNode(text: string): YNode {
  // go-yaml v2 resolves JSON number text: integers that fit int64/uint64 stay ints, the rest floats.
  if (!/[.eE]/.test(text)) {
    const i = parseInt0(text);
    if (typeof i === 'bigint') return { t: 'int', s: i.toString() };
    const u = parseUint0(text);
    if (typeof u === 'bigint') return { t: 'int', s: u.toString() };
  }
  return { t: 'float', v: Number(text) };
}

const LETTER = /^\p{L}$/u;
const DIGIT = /^\p{Nd}$/u;

/** go-yaml v2's `keyList.Less` for string keys: letters before digits, digit runs compared numerically. */
export function keyLess(a: string, b: string): boolean {
  const ar = [...a];
  const br = [...b];
  for (let i = 0; i < ar.length && i < br.length; i++) {
    if (ar[i] === br[i]) continue;
    const al = LETTER.test(ar[i]!);
    const bl = LETTER.test(br[i]!);
    if (al && bl) return ar[i]!.codePointAt(0)! < br[i]!.codePointAt(0)!;
    if (al || bl) return bl;
    let an = 0;
    let bn = 0;
    if (ar[i] === '0' || br[i] === '0') {
      for (let j = i - 1; j >= 0 && DIGIT.test(ar[j]!); j--) {
        if (ar[j] !== '0') {
          an = 1;
          bn = 1;
          break;
        }
      }
    }
    let ai = i;
    for (; ai < ar.length && DIGIT.test(ar[ai]!); ai++) an = an * 10 + (ar[ai]!.charCodeAt(0) - 48);
    let bi = i;
    for (; bi < br.length && DIGIT.test(br[bi]!); bi++) bn = bn * 10 + (br[bi]!.charCodeAt(0) - 48);
    if (an !== bn) return an < bn;
    if (ai !== bi) return ai < bi;
    return ar[i]!.codePointAt(0)! < br[i]!.codePointAt(0)!;
  }
  return ar.length < br.length;
}

const RESOLVE_MAP = new Set([
  'y',
  'Y',
  'yes',
  'Yes',
  'YES',
  'true',
  'True',
  'TRUE',
  'on',
  'On',
  'ON',
  'n',
  'N',
  'no',
  'No',
  'NO',
  'false',
  'False',
  'FALSE',
  'off',
  'Off',
  'OFF',
  '',
  '~',
  'null',
  'Null',
  'NULL',
  '.nan',
  '.NaN',
  '.NAN',
  '.inf',
  '.Inf',
  '.INF',
  '+.inf',
  '+.Inf',
  '+.INF',
  '-.inf',
  '-.Inf',
  '-.INF',
  '<<',
]); // prettier-ignore

const YAML_FLOAT = /^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$/;
const TIMESTAMP =
  /^[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}(?:([Tt]|[ ])[0-9]{1,2}:[0-9]{1,2}:[0-9]{1,2}(?:\.[0-9]{1,9})?(?:Z|[+-][0-9]{2}:[0-9]{2})?)?$/;
const BASE60 = /^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?$/;

/** True when go-yaml v2 would read the plain scalar `s` as something other than a string. */
export function resolvesNonString(s: string): boolean {
  if (RESOLVE_MAP.has(s)) return true;
  const c = s[0];
  if (c === '.') return /^\.[0-9]/.test(s) && !Number.isNaN(Number(s)) && YAML_FLOAT.test(s);
  if (c === '+' || c === '-' || (c !== undefined && c >= '0' && c <= '9')) {
    if (isTimestamp(s)) return true;
    const plain = s.replace(/_/g, '');
    if (typeof parseInt0(plain) === 'bigint' || typeof parseUint0(plain) === 'bigint') return true;
    if (YAML_FLOAT.test(plain)) return true;
    if (plain.startsWith('0b') && /^[01]+$/.test(plain.slice(2))) return true;
    if (plain.startsWith('-0b') && /^[01]+$/.test(plain.slice(3))) return true;
    if (BASE60.test(s)) return true;
  }
  return false;
}

function isTimestamp(s: string): boolean {
  const m = TIMESTAMP.exec(s);
  if (!m) return false;
  const [y, mo, d] = s
    .slice(0, 10)
    .split(/[-T t]/)
    .map(Number);
  if (mo === undefined || d === undefined || y === undefined) return false;
  if (mo < 1 || mo > 12 || d < 1 || d > 31) return false;
  return true;
}

interface Analysis {
  multiline: boolean;
  blockPlain: boolean;
  singleQuoted: boolean;
  blockAllowed: boolean;
}

function isPrintable(c: number): boolean {
  return (
    c === 0x0a ||
    (c >= 0x20 && c <= 0x7e) ||
    c === 0x85 ||
    (c >= 0xa0 && c <= 0xd7ff) ||
    (c >= 0xe000 && c <= 0xfffd && c !== 0xfeff)
  );
}
const isBreakCh = (c: number) => c === 0x0a || c === 0x0d || c === 0x85 || c === 0x2028 || c === 0x2029;
const isBlankZ = (c: number | undefined) =>
  c === undefined || c === 0x20 || c === 0x09 || isBreakCh(c) || c === 0;

function analyze(value: string): Analysis {
  if (value.length === 0)
    return { multiline: false, blockPlain: true, singleQuoted: true, blockAllowed: false };
  const cps = [...value].map((ch) => ch.codePointAt(0)!);
  let blockInd = false;
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
  if (value.startsWith('---') || value.startsWith('...')) blockInd = true;
  for (let i = 0; i < cps.length; i++) {
    const c = cps[i]!;
    const followedByWs = i + 1 >= cps.length || isBlankZ(cps[i + 1]) || cps[i + 1] === 0x20;
    if (i === 0) {
      switch (String.fromCodePoint(c)) {
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
          blockInd = true;
          break;
        case '?':
        case ':':
          if (followedByWs) blockInd = true;
          break;
        case '-':
          if (followedByWs) blockInd = true;
          break;
      } // prettier-ignore
    } else {
      if (c === 0x3a && followedByWs) blockInd = true;
      if (c === 0x23 && precededByWs) blockInd = true;
    }
    if (!isPrintable(c)) special = true;
    if (c === 0x20) {
      if (i === 0) leadingSpace = true;
      if (i === cps.length - 1) trailingSpace = true;
      if (prevBreak) breakSpace = true;
      prevSpace = true;
      prevBreak = false;
    } else if (isBreakCh(c)) {
      lineBreaks = true;
      if (i === 0) leadingBreak = true;
      if (i === cps.length - 1) trailingBreak = true;
      if (prevSpace) spaceBreak = true;
      prevSpace = false;
      prevBreak = true;
    } else {
      prevSpace = false;
      prevBreak = false;
    }
    precededByWs = isBlankZ(c);
  }
  const a: Analysis = { multiline: lineBreaks, blockPlain: true, singleQuoted: true, blockAllowed: true };
  if (leadingSpace || leadingBreak || trailingSpace || trailingBreak) a.blockPlain = false;
  if (trailingSpace) a.blockAllowed = false;
  if (breakSpace) {
    a.blockPlain = false;
    a.singleQuoted = false;
  }
  if (spaceBreak || special) {
    a.blockPlain = false;
    a.singleQuoted = false;
    a.blockAllowed = false;
  }
  if (lineBreaks) a.blockPlain = false;
  if (blockInd) a.blockPlain = false;
  return a;
}

const BEST_WIDTH = 80;

/** Characters {@link Writer.foldable} handles one by one (spaces and line breaks; `'` when single-quoted). */
const FOLD_PLAIN = /[ \n\r\u0085\u2028\u2029]/;
const FOLD_SINGLE = /[ \n\r\u0085\u2028\u2029']/;

/** `[...s].length` without building the array: surrogate pairs count once. */
function codePointCount(s: string): number {
  let n = s.length;
  for (let i = 0; i < s.length - 1; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff) {
      const d = s.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        n--;
        i++;
      }
    }
  }
  return n;
}

/** Writes scalars with go-yaml's column tracking (column counts characters, not bytes). */
class Writer {
  out = '';
  column = 0;
  constructor(readonly indentSequences = false) {}

  put(s: string): void {
    this.out += s;
    this.column += s.length === 1 ? 1 : codePointCount(s);
  }

  /** go-yaml's write_indent: a line break unless one was just written, then the indentation. */
  newline(indent: number): void {
    if (!(this.column === 0 && this.out.endsWith('\n'))) this.out += '\n';
    this.out += ' '.repeat(indent);
    this.column = indent;
  }

  /** The document end: a final line break unless the last scalar ended with one. */
  end(): string {
    return this.column === 0 && this.out.endsWith('\n') ? this.out : this.out + '\n';
  }

  /** go-yaml's plain/single-quoted writer with folding at spaces past column 80. */
  foldable(value: string, indent: number, allowBreaks: boolean, single: boolean): void {
    // No space, line break or quote to handle (most scalars): the loop below would put each character.
    if (!(single ? FOLD_SINGLE : FOLD_PLAIN).test(value)) {
      this.put(value);
      return;
    }
    const cps = [...value];
    let spaces = false;
    let breaks = false;
    for (let i = 0; i < cps.length; i++) {
      const ch = cps[i]!;
      const c = ch.codePointAt(0)!;
      if (c === 0x20) {
        const nextSpace = cps[i + 1] === ' ';
        const okPos = single ? i > 0 && i < cps.length - 1 : true;
        if (allowBreaks && !spaces && this.column > BEST_WIDTH && okPos && !nextSpace) {
          this.newline(indent);
        } else this.put(ch);
        spaces = true;
      } else if (isBreakCh(c)) {
        if (!breaks && c === 0x0a) {
          this.out += '\n';
          this.column = 0;
        }
        this.out += '\n';
        this.column = 0;
        breaks = true;
      } else {
        if (breaks) this.newline(indent);
        if (single && ch === "'") this.put("'");
        this.put(ch);
        spaces = false;
        breaks = false;
      }
    }
  }

  doubleQuoted(value: string, indent: number, allowBreaks: boolean): void {
    this.put('"');
    const cps = [...value];
    let spaces = false;
    for (let i = 0; i < cps.length; i++) {
      const ch = cps[i]!;
      const v = ch.codePointAt(0)!;
      if (!isPrintable(v) || v === 0xfeff || isBreakCh(v) || ch === '"' || ch === '\\') {
        const map: Record<number, string> = {
          0: '0',
          7: 'a',
          8: 'b',
          9: 't',
          10: 'n',
          11: 'v',
          12: 'f',
          13: 'r',
          27: 'e',
          34: '"',
          92: '\\',
          133: 'N',
          160: '_',
          8232: 'L',
          8233: 'P',
        }; // prettier-ignore
        let e = map[v];
        if (e === undefined) {
          if (v <= 0xff) e = 'x' + v.toString(16).toUpperCase().padStart(2, '0');
          else if (v <= 0xffff) e = 'u' + v.toString(16).toUpperCase().padStart(4, '0');
          else e = 'U' + v.toString(16).toUpperCase().padStart(8, '0');
        }
        this.put('\\' + e);
        spaces = false;
      } else if (v === 0x20) {
        if (allowBreaks && !spaces && this.column > BEST_WIDTH && i > 0 && i < cps.length - 1) {
          this.newline(indent);
          if (cps[i + 1] === ' ') this.put('\\');
        } else this.put(ch);
        spaces = true;
      } else {
        this.put(ch);
        spaces = false;
      }
    }
    this.put('"');
  }

  literal(value: string, indent: number, bestIndent: number): void {
    this.put('|');
    const first = value.codePointAt(0);
    if (first === 0x20 || (first !== undefined && isBreakCh(first))) this.put(String(bestIndent));
    let chomp = '';
    if (value.length === 0) chomp = '-';
    else {
      const cps = [...value];
      const last = cps[cps.length - 1]!.codePointAt(0)!;
      if (!isBreakCh(last)) chomp = '-';
      else if (cps.length === 1) chomp = '+';
      else if (isBreakCh(cps[cps.length - 2]!.codePointAt(0)!)) chomp = '+';
    }
    this.put(chomp);
    this.out += '\n';
    this.column = 0;
    let breaks = true;
    for (const ch of value) {
      const c = ch.codePointAt(0)!;
      if (isBreakCh(c)) {
        this.out += '\n';
        this.column = 0;
        breaks = true;
      } else {
        if (breaks) {
          this.out += ' '.repeat(indent);
          this.column = indent;
        }
        this.put(ch);
        breaks = false;
      }
    }
  }

  /** Emits a string scalar (go-yaml's stringv + style selection). `indent` is for continuation lines. */
  string(s: string, indent: number, simpleKey: boolean): void {
    const canUsePlain = !resolvesNonString(s) && !BASE60.test(s);
    let style: 'plain' | 'single' | 'double' | 'literal' = s.includes('\n')
      ? 'literal'
      : canUsePlain
        ? 'plain'
        : 'double';
    const a = analyze(s);
    if (simpleKey && a.multiline) style = 'double';
    if (style === 'plain') {
      if (!a.blockPlain) style = 'single';
      if (s.length === 0 && simpleKey) style = 'single';
    }
    if (style === 'single' && !a.singleQuoted) style = 'double';
    if (style === 'literal' && (!a.blockAllowed || simpleKey)) style = 'double';
    switch (style) {
      case 'plain':
        this.foldable(s, indent, !simpleKey, false);
        break;
      case 'single':
        this.put("'");
        this.foldable(s, indent, !simpleKey, true);
        this.put("'");
        break;
      case 'double':
        this.doubleQuoted(s, indent, !simpleKey);
        break;
      case 'literal':
        this.literal(s, indent, 2);
        break;
    }
  }

  scalar(n: YNode, indent: number, simpleKey: boolean): void {
    switch (n.t) {
      case 'null':
        this.put('null');
        return;
      case 'bool':
        this.put(n.v ? 'true' : 'false');
        return;
      case 'int':
        this.put(n.s);
        return;
      case 'float': {
        let s = formatFloat(n.v, 'g', -1);
        if (s === '+Inf') s = '.inf';
        else if (s === '-Inf') s = '-.inf';
        else if (s === 'NaN') s = '.nan';
        this.put(s);
        return;
      }
      case 'str':
        this.string(n.v, indent, simpleKey);
        return;
      case 'binary':
        this.put('!!binary ');
        this.string(n.v, indent, simpleKey);
        return;
      case 'seq':
        this.put('[]');
        return;
      case 'map':
        this.put('{}');
        return;
    }
  }

  /** A block node whose first line starts at the current position; `indent` is its block indent. */
  node(n: YNode, indent: number): void {
    if (n.t === 'map' && n.v.length > 0) {
      n.v.forEach(([k, v], i) => {
        if (i > 0) this.newline(indent);
        this.string(k, indent, true);
        this.put(':');
        this.value(v, indent);
      });
      return;
    }
    if (n.t === 'seq' && n.v.length > 0) {
      n.v.forEach((v, i) => {
        if (i > 0) this.newline(indent);
        this.put('-');
        if ((v.t === 'map' || v.t === 'seq') && v.v.length > 0) {
          this.put(' ');
          this.node(v, indent + 2);
        } else {
          this.put(' ');
          this.scalar(v, indent + 2, false);
        }
      });
      return;
    }
    this.scalar(n, indent + 2, false);
  }

  /** The value after `key:`. */
  value(v: YNode, indent: number): void {
    if (v.t === 'map' && v.v.length > 0) {
      this.newline(indent + 2);
      this.node(v, indent + 2);
    } else if (v.t === 'seq' && v.v.length > 0) {
      const ind = this.indentSequences ? indent + 2 : indent;
      this.newline(ind);
      this.node(v, ind);
    } else {
      this.put(' ');
      this.scalar(v, indent + 2, false);
    }
  }
}

/**
 * `sigs.k8s.io/yaml.Marshal(v)`: the YAML document, ending in a newline.
 * @throws JsonError when the value has no JSON form (NaN, funcs).
 */
export function yamlMarshal(v: unknown): string {
  const tree = toJsonTree(v);
  const w = new Writer(false);
  w.node(tree, 0);
  return w.end();
}

/**
 * go-yaml v3's encoder with indent 2 (Helm's `toYamlPretty`): the Go values directly (float64 stays
 * float64, e.g. `1e+06`), sequences indented under their key.
 */
export function yamlMarshalV3(v: unknown): string {
  const tree = toJsonTree(v, true);
  const w = new Writer(true);
  w.node(tree, 0);
  return w.end();
}

/**
 * The problem go-yaml v2's reader reports for input that is not valid UTF-8 (`invalid leading
 * UTF-8 octet`, `invalid trailing UTF-8 octet`, `incomplete UTF-8 octet sequence`, `invalid length
 * of a UTF-8 sequence`, `invalid Unicode character`), or `undefined` when the input is valid. Go
 * strings carry invalid bytes as lone surrogates (see `value/goString.ts`); the common case costs
 * one well-formedness check.
 *
 * @see https://github.com/go-yaml/yaml/blob/v2.4.0/readerc.go (yaml_parser_update_buffer)
 */
export function yamlReaderProblem(s: string): string | undefined {
  if (!hasRawBytes(s)) return undefined;
  const b = goBuffer(s);
  for (let i = 0; i < b.length; ) {
    const c = b[i]!;
    let w: number;
    if ((c & 0x80) === 0) w = 1;
    else if ((c & 0xe0) === 0xc0) w = 2;
    else if ((c & 0xf0) === 0xe0) w = 3;
    else if ((c & 0xf8) === 0xf0) w = 4;
    else return 'invalid leading UTF-8 octet';
    if (i + w > b.length) return 'incomplete UTF-8 octet sequence';
    let v = w === 1 ? c : w === 2 ? c & 0x1f : w === 3 ? c & 0x0f : c & 0x07;
    for (let k = 1; k < w; k++) {
      const o = b[i + k]!;
      if ((o & 0xc0) !== 0x80) return 'invalid trailing UTF-8 octet';
      v = (v << 6) + (o & 0x3f);
    }
    if (!(w === 1 || (w === 2 && v >= 0x80) || (w === 3 && v >= 0x800) || (w === 4 && v >= 0x10000)))
      return 'invalid length of a UTF-8 sequence';
    if ((v >= 0xd800 && v <= 0xdfff) || v > 0x10ffff) return 'invalid Unicode character';
    i += w;
  }
  return undefined;
}
