import type { Alias, Document, Node, Scalar } from 'yaml';
import { Kind, Style, type YNode, parseFirstDocument, YamlSyntaxError } from '@gitops-kit/kustomize/yaml';
import { yamlReaderProblem } from '@gitops-kit/template';
import { type Value, type ValueMap, setKey } from './types.js';
import { lazyRequire } from '../lazyRequire.js';
import { BAIL, LAZY_LINES, decodeYamlFast } from './goYamlFast.js';

// The `yaml` library only reads documents the go-yaml port rejects, to word the error as go-yaml.
const yamlLib = lazyRequire<typeof import('yaml')>('yaml');

/**
 * YAML decoding the way Helm does it: `sigs.k8s.io/yaml` over go-yaml v2, that is YAML 1.1 tag
 * resolution, then a round trip through JSON. Consequences reproduced here:
 *
 * - every number becomes a float64 (a JavaScript number); integers never survive as ints;
 * - `y/Y/yes/Yes/YES/on/On/ON/true/True/TRUE` and their negative forms are booleans, also as
 *   mapping keys, where they become the strings `"true"`/`"false"`;
 * - `0755` is octal, `0x1F` hex, `0b101` binary, `1_000` has underscores removed; timestamps stay strings;
 * - `<<` merge keys merge in go-yaml v2's order (a merge overwrites keys set before it);
 * - only the first document of a stream is read; duplicate keys keep the last value;
 * - alias expansion is bounded by go-yaml v2's ratio rule (`document contains excessive aliasing`).
 *
 * @see https://github.com/kubernetes-sigs/yaml/blob/v1.4.0/yaml.go
 * @see https://github.com/kubernetes-sigs/yaml/blob/v1.4.0/goyaml.v2/resolve.go
 */

/** A YAML error in go-yaml's wording (`yaml: line 3: did not find expected key`). */
export class GoYamlError extends Error {
  constructor(
    message: string,
    /** 1-based line of the problem, when known. */
    readonly line?: number,
  ) {
    super(message);
    this.name = 'GoYamlError';
  }
}

const STR = 'tag:yaml.org,2002:str';
const INT = 'tag:yaml.org,2002:int';
const FLOAT = 'tag:yaml.org,2002:float';
const BOOL = 'tag:yaml.org,2002:bool';
const NULL = 'tag:yaml.org,2002:null';
const TIMESTAMP = 'tag:yaml.org,2002:timestamp';
const MERGE = 'tag:yaml.org,2002:merge';

const resolveMap = new Map<string, unknown>();
for (const s of ['y', 'Y', 'yes', 'Yes', 'YES', 'true', 'True', 'TRUE', 'on', 'On', 'ON'])
  resolveMap.set(s, true);
for (const s of ['n', 'N', 'no', 'No', 'NO', 'false', 'False', 'FALSE', 'off', 'Off', 'OFF'])
  resolveMap.set(s, false);
for (const s of ['', '~', 'null', 'Null', 'NULL']) resolveMap.set(s, null);
for (const s of ['.nan', '.NaN', '.NAN']) resolveMap.set(s, Number.NaN);
for (const s of ['.inf', '.Inf', '.INF', '+.inf', '+.Inf', '+.INF'])
  resolveMap.set(s, Number.POSITIVE_INFINITY);
for (const s of ['-.inf', '-.Inf', '-.INF']) resolveMap.set(s, Number.NEGATIVE_INFINITY);

const yamlStyleFloat = /^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$/;
const INT64_MAX = (1n << 63n) - 1n;
const INT64_MIN = -(1n << 63n);
const UINT64_MAX = (1n << 64n) - 1n;

/** A resolved scalar: a go-yaml v2 Go value (`int` kept as bigint so keys print as integers). */
type Scalarish = null | boolean | number | bigint | string;

/**
 * Go's `strconv.ParseInt(s, 0, 64)` / `ParseUint`: sign, `0x`/`0o`/`0b` prefixes, leading-`0`
 * octal. Returns the integer or undefined when it does not parse or overflows `[min, max]`.
 */
export function parseGoInt(s: string, unsigned = false): bigint | undefined {
  let i = 0;
  let neg = false;
  if (!unsigned && (s[0] === '+' || s[0] === '-')) {
    neg = s[0] === '-';
    i = 1;
  }
  let body = s.slice(i);
  let base = 10;
  if (body.length >= 2 && body[0] === '0') {
    const p = body[1];
    if (p === 'x' || p === 'X') base = 16;
    else if (p === 'o' || p === 'O') base = 8;
    else if (p === 'b' || p === 'B') base = 2;
    if (base !== 10) body = body.slice(2);
    else {
      base = 8;
      body = body.slice(1);
    }
  }
  if (body.length === 0) return s === '0' || s === '+0' || s === '-0' ? 0n : undefined;
  const digits =
    base === 16 ? /^[0-9a-fA-F]+$/ : base === 8 ? /^[0-7]+$/ : base === 2 ? /^[01]+$/ : /^[0-9]+$/;
  if (!digits.test(body)) return undefined;
  const prefix = base === 16 ? '0x' : base === 8 ? '0o' : base === 2 ? '0b' : '';
  let v = BigInt(prefix + body);
  if (neg) v = -v;
  if (unsigned ? v > UINT64_MAX : v > INT64_MAX || v < INT64_MIN) return undefined;
  return v;
}

/**
 * go-yaml v2's `resolve(tag, in)` for a scalar: returns the Go value (int as bigint, float as number).
 * Timestamps stay strings, as go-yaml v2 does when decoding into `interface{}`.
 */
export function resolveScalar(tag: string, text: string, plain: boolean): Scalarish {
  if (!plain && tag === '') return text;
  if (
    tag !== '' &&
    tag !== STR &&
    tag !== BOOL &&
    tag !== INT &&
    tag !== FLOAT &&
    tag !== NULL &&
    tag !== TIMESTAMP
  ) {
    return text;
  }
  if (tag === STR) return text;
  const r = resolvePlain(text);
  if (tag === '' || tag === TIMESTAMP) return r;
  // An explicit tag must agree with what the text resolves to (ints are accepted as floats).
  const kind =
    r === null
      ? NULL
      : typeof r === 'boolean'
        ? BOOL
        : typeof r === 'bigint'
          ? INT
          : typeof r === 'number'
            ? FLOAT
            : STR;
  if (kind === tag) return r;
  if (tag === FLOAT && kind === INT) return Number(r as bigint);
  throw new GoYamlError(`yaml: cannot decode ${shortTag(kind)} \`${text}\` as a ${shortTag(tag)}`);
}

function shortTag(tag: string): string {
  return tag.startsWith('tag:yaml.org,2002:') ? `!!${tag.slice('tag:yaml.org,2002:'.length)}` : tag;
}

function resolvePlain(text: string): Scalarish {
  const c = text.length === 0 ? '' : text[0]!;
  const hint =
    text.length === 0
      ? 'M'
      : c === '+' || c === '-'
        ? 'S'
        : c >= '0' && c <= '9'
          ? 'D'
          : 'yYnNtTfFoO~'.includes(c)
            ? 'M'
            : c === '.'
              ? '.'
              : '';
  if (hint === '') return text;
  if (resolveMap.has(text)) return resolveMap.get(text) as Scalarish;
  if (hint === '.') {
    if (/^\.[0-9]+([eE][-+]?[0-9]+)?$/.test(text)) {
      const f = Number(text);
      if (Number.isFinite(f)) return f;
    }
    return text;
  }
  if (hint === 'D' || hint === 'S') {
    const plain = text.replaceAll('_', '');
    const iv = parseGoInt(plain);
    if (iv !== undefined) return iv;
    const uv = parseGoInt(plain, true);
    if (uv !== undefined) return uv;
    if (yamlStyleFloat.test(plain)) {
      const f = Number(plain);
      if (Number.isFinite(f)) return f;
    }
    if (plain.startsWith('0b')) {
      const b = plain.slice(2);
      if (/^[01]+$/.test(b)) {
        const v = BigInt(`0b${b}`);
        if (v <= UINT64_MAX) return v;
      }
    } else if (plain.startsWith('-0b')) {
      const b = plain.slice(3);
      if (/^[01]+$/.test(b)) {
        const v = -BigInt(`0b${b}`);
        if (v >= INT64_MIN) return v;
      }
    }
  }
  return text;
}

/** Formats a float map key the way sigs.k8s.io/yaml does (`strconv.FormatFloat(f, 'g', -1, 32)`). */
function formatFloatKey(f: number): string {
  if (Number.isNaN(f)) return '.nan';
  if (f === Number.POSITIVE_INFINITY) return '.inf';
  if (f === Number.NEGATIVE_INFINITY) return '-.inf';
  const f32 = Math.fround(f);
  let exp = f32.toExponential();
  for (let p = 1; p <= 9; p++) {
    const e = f32.toExponential(p - 1);
    if (Math.fround(Number(e)) === f32) {
      exp = e;
      break;
    }
  }
  return formatGoShortestG(exp);
}

/**
 * Go's `strconv.FormatFloat(v, 'g', -1, ...)` from a JavaScript exponential rendering of the
 * shortest digits (`1.5e+6`): `%e` form when the exponent is < -4 or >= 6 (`1e+06`), else `%f`.
 */
export function formatGoShortestG(exponential: string): string {
  const m = /^(-?)(\d)(?:\.(\d+))?e([+-]\d+)$/.exec(exponential);
  if (!m) return exponential;
  const [, sign, d0, rest = '', e] = m as unknown as [string, string, string, string | undefined, string];
  const digits = (d0 + rest).replace(/0+$/, '') || '0';
  const x = Number(e);
  if (digits === '0') return `${sign}0`;
  if (x < -4 || x >= 6) {
    const mant = digits.length > 1 ? `${digits[0]}.${digits.slice(1)}` : digits;
    return `${sign}${mant}e${x < 0 ? '-' : '+'}${String(Math.abs(x)).padStart(2, '0')}`;
  }
  if (x < 0) return `${sign}0.${'0'.repeat(-x - 1)}${digits}`;
  if (digits.length <= x + 1) return `${sign}${digits}${'0'.repeat(x + 1 - digits.length)}`;
  return `${sign}${digits.slice(0, x + 1)}.${digits.slice(x + 1)}`;
}

/** Decode bounds, in go-yaml v2's terms. */
interface DecodeState {
  doc: Document.Parsed | null;
  decodeCount: number;
  aliasCount: number;
  aliasDepth: number;
}

function allowedAliasRatio(decodeCount: number): number {
  const low = 400000;
  const high = 4000000;
  if (decodeCount <= low) return 0.99;
  if (decodeCount >= high) return 0.1;
  return 0.99 - 0.89 * ((decodeCount - low) / (high - low));
}

function count(st: DecodeState): void {
  st.decodeCount++;
  if (st.aliasDepth > 0) st.aliasCount++;
  if (
    st.aliasCount > 100 &&
    st.decodeCount > 1000 &&
    st.aliasCount / st.decodeCount > allowedAliasRatio(st.decodeCount)
  ) {
    throw new GoYamlError('yaml: document contains excessive aliasing');
  }
}

/** Go value produced by go-yaml v2 (before the JSON round trip). */
type GoYamlValue = Scalarish | GoYamlValue[] | Map<unknown, GoYamlValue>;

function decodeNode(node: Node | null | undefined, st: DecodeState): GoYamlValue {
  count(st);
  if (node === null || node === undefined) return null;
  if (yamlLib().isAlias(node)) {
    const target = (node as Alias).resolve(st.doc!);
    if (target === undefined)
      throw new GoYamlError(`yaml: unknown anchor '${(node as Alias).source}' referenced`);
    st.aliasDepth++;
    try {
      return decodeNode(target as Node, st);
    } finally {
      st.aliasDepth--;
    }
  }
  if (yamlLib().isScalar(node)) {
    const s = node as Scalar;
    const text = typeof s.value === 'string' ? s.value : String(s.value ?? '');
    return resolveScalar(s.tag ?? '', text, s.type === yamlLib().Scalar.PLAIN || s.type === undefined);
  }
  if (yamlLib().isSeq(node)) return node.items.map((it) => decodeNode(it as Node, st));
  if (yamlLib().isMap(node)) {
    const out = new Map<unknown, GoYamlValue>();
    decodeMapInto(node.items as { key: unknown; value: unknown }[], out, st);
    return out;
  }
  return null;
}

function isMergeKey(key: unknown): boolean {
  return (
    yamlLib().isScalar(key) &&
    key.value === '<<' &&
    (key.type === yamlLib().Scalar.PLAIN || key.tag === MERGE)
  );
}

function decodeMapInto(
  items: { key: unknown; value: unknown }[],
  out: Map<unknown, GoYamlValue>,
  st: DecodeState,
): void {
  for (const pair of items) {
    if (isMergeKey(pair.key)) {
      count(st);
      mergeInto(pair.value as Node, out, st);
      continue;
    }
    const k = decodeNode(pair.key as Node, st);
    if (k instanceof Map || Array.isArray(k)) throw new GoYamlError('yaml: invalid map key');
    out.set(k, decodeNode(pair.value as Node, st));
  }
}

function mergeInto(node: Node, out: Map<unknown, GoYamlValue>, st: DecodeState): void {
  const wantMap = () => new GoYamlError('yaml: map merge requires map or sequence of maps as the value');
  let n: unknown = node;
  if (yamlLib().isAlias(n)) {
    const target = (n as Alias).resolve(st.doc!);
    if (!yamlLib().isMap(target)) throw wantMap();
    st.aliasDepth++;
    try {
      decodeMapInto(target.items as { key: unknown; value: unknown }[], out, st);
    } finally {
      st.aliasDepth--;
    }
    return;
  }
  if (yamlLib().isMap(n)) {
    decodeMapInto(n.items as { key: unknown; value: unknown }[], out, st);
    return;
  }
  if (yamlLib().isSeq(n)) {
    // Earlier entries take precedence: apply them last.
    for (let i = n.items.length - 1; i >= 0; i--) {
      const item = n.items[i] as Node;
      if (yamlLib().isAlias(item)) {
        const target = item.resolve(st.doc!);
        if (!yamlLib().isMap(target)) throw wantMap();
      } else if (!yamlLib().isMap(item)) throw wantMap();
      count(st);
      mergeInto(item, out, st);
    }
    return;
  }
  n = null;
  throw wantMap();
}

const QUOTED = Style.DoubleQuoted | Style.SingleQuoted | Style.Literal | Style.Folded;

/** Long form of a node's explicit tag (`!!str` → `tag:yaml.org,2002:str`), `''` when untagged. */
function explicitTag(n: YNode): string {
  if ((n.style & Style.Tagged) === 0) return '';
  return n.tag.startsWith('!!') ? `tag:yaml.org,2002:${n.tag.slice(2)}` : n.tag;
}

/**
 * {@link decodeNode} over the go-yaml scanner/parser's {@link YNode} tree (the fast path: the
 * same libyaml grammar as go-yaml, several times faster than composing a `yaml` Document).
 */
function decodeYNode(n: YNode | undefined, st: DecodeState): GoYamlValue {
  count(st);
  if (n === undefined) return null;
  switch (n.kind) {
    case Kind.Alias:
      st.aliasDepth++;
      try {
        return decodeYNode(n.alias ?? undefined, st);
      } finally {
        st.aliasDepth--;
      }
    case Kind.Scalar:
      return resolveScalar(explicitTag(n), n.value, (n.style & QUOTED) === 0);
    case Kind.Sequence: {
      const out: GoYamlValue[] = new Array(n.content.length);
      for (let i = 0; i < n.content.length; i++) out[i] = decodeYNode(n.content[i], st);
      return out;
    }
    case Kind.Mapping: {
      const out = new Map<unknown, GoYamlValue>();
      decodeYMapInto(n, out, st);
      return out;
    }
    default:
      return decodeYNode(n.content[0], st);
  }
}

function isYMergeKey(k: YNode): boolean {
  return (
    k.kind === Kind.Scalar &&
    k.value === '<<' &&
    (((k.style & QUOTED) === 0 && (k.style & Style.Tagged) === 0) || k.tag === '!!merge')
  );
}

function decodeYMapInto(n: YNode, out: Map<unknown, GoYamlValue>, st: DecodeState): void {
  const c = n.content;
  for (let i = 0; i + 1 < c.length; i += 2) {
    const key = c[i]!;
    if (isYMergeKey(key)) {
      count(st);
      mergeYInto(c[i + 1]!, st, (m) => decodeYMapInto(m, out, st));
      continue;
    }
    const k = decodeYNode(key, st);
    if (k instanceof Map || Array.isArray(k)) throw new GoYamlError('yaml: invalid map key');
    out.set(k, decodeYNode(c[i + 1], st));
  }
}

/** A `<<` merge: `into` decodes each merged mapping into the mapping being built. */
function mergeYInto(n: YNode, st: DecodeState, into: (m: YNode) => void): void {
  const wantMap = () => new GoYamlError('yaml: map merge requires map or sequence of maps as the value');
  if (n.kind === Kind.Alias) {
    const target = n.alias;
    if (!target || target.kind !== Kind.Mapping) throw wantMap();
    st.aliasDepth++;
    try {
      into(target);
    } finally {
      st.aliasDepth--;
    }
    return;
  }
  if (n.kind === Kind.Mapping) {
    into(n);
    return;
  }
  if (n.kind === Kind.Sequence) {
    // Earlier entries take precedence: apply them last.
    for (let i = n.content.length - 1; i >= 0; i--) {
      const item = n.content[i]!;
      const m = item.kind === Kind.Alias ? item.alias : item;
      if (!m || m.kind !== Kind.Mapping) throw wantMap();
      count(st);
      mergeYInto(item, st, into);
    }
    return;
  }
  throw wantMap();
}

/**
 * Thrown by {@link decodeYNodeJson} on what only the two-step conversion gets exactly right: a
 * non-string mapping key (sigs.k8s.io/yaml turns keys into strings after decoding, so `1` and
 * `"1"` are two keys until then) or a NaN/infinite float (a JSON error, reported after the whole
 * document decoded).
 */
const TWO_STEP = new Error('needs the two-step YAML to JSON conversion');

/**
 * {@link decodeYNode} and {@link toJsonValue} in one pass, without the intermediate Go maps: the
 * path every ordinary document takes (string keys, finite numbers). Throws {@link TWO_STEP} when
 * the document needs the two steps.
 */
function decodeYNodeJson(n: YNode | undefined, st: DecodeState, keepNumbers: boolean): Value {
  count(st);
  if (n === undefined) return null;
  switch (n.kind) {
    case Kind.Alias:
      st.aliasDepth++;
      try {
        return decodeYNodeJson(n.alias ?? undefined, st, keepNumbers);
      } finally {
        st.aliasDepth--;
      }
    case Kind.Scalar: {
      const v = resolveScalar(explicitTag(n), n.value, (n.style & QUOTED) === 0);
      if (typeof v === 'bigint') return keepNumbers ? v : Number(v);
      if (typeof v === 'number' && !Number.isFinite(v)) throw TWO_STEP;
      return v;
    }
    case Kind.Sequence: {
      const out: Value[] = new Array(n.content.length);
      for (let i = 0; i < n.content.length; i++) out[i] = decodeYNodeJson(n.content[i], st, keepNumbers);
      return out;
    }
    case Kind.Mapping: {
      const out: ValueMap = {};
      decodeYMapJson(n, out, st, keepNumbers);
      return out;
    }
    default:
      return decodeYNodeJson(n.content[0], st, keepNumbers);
  }
}

function decodeYMapJson(n: YNode, out: ValueMap, st: DecodeState, keepNumbers: boolean): void {
  const c = n.content;
  for (let i = 0; i + 1 < c.length; i += 2) {
    const key = c[i]!;
    if (isYMergeKey(key)) {
      count(st);
      mergeYInto(c[i + 1]!, st, (m) => decodeYMapJson(m, out, st, keepNumbers));
      continue;
    }
    const k = decodeYNode(key, st);
    if (k instanceof Map || Array.isArray(k)) throw new GoYamlError('yaml: invalid map key');
    if (typeof k !== 'string') throw TWO_STEP;
    setKey(out, k, decodeYNodeJson(c[i + 1], st, keepNumbers));
  }
}

/**
 * sigs.k8s.io/yaml's JSON conversion: string keys, then every number a float64. With `keepNumbers`
 * ints stay bigint (what a typed Go target sees before `json.Unmarshal`).
 */
function toJsonValue(v: GoYamlValue, keepNumbers = false): Value {
  if (v instanceof Map) {
    const out: ValueMap = {};
    for (const [k, val] of v) {
      let key: string;
      if (typeof k === 'string') key = k;
      else if (typeof k === 'bigint') key = k.toString();
      else if (typeof k === 'number') key = formatFloatKey(k);
      else if (typeof k === 'boolean') key = k ? 'true' : 'false';
      else
        throw new GoYamlError(
          `error converting YAML to JSON: unsupported map key of type: ${k === null ? '<nil>' : typeof k}`,
        );
      setKey(out, key, toJsonValue(val, keepNumbers));
    }
    return out;
  }
  if (Array.isArray(v)) return v.map((x) => toJsonValue(x, keepNumbers));
  if (typeof v === 'bigint') return keepNumbers ? v : Number(v);
  if (typeof v === 'number' && !Number.isFinite(v)) {
    throw new GoYamlError(`error marshaling into JSON: json: unsupported value: ${formatGoFloatSpecial(v)}`);
  }
  return v;
}

function formatGoFloatSpecial(v: number): string {
  return Number.isNaN(v) ? 'NaN' : v > 0 ? '+Inf' : '-Inf';
}

/**
 * Decodes the first YAML document of `text` as `sigs.k8s.io/yaml.Unmarshal` into `interface{}`
 * would: the result is JSON-shaped ({@link Value}, numbers are float64).
 *
 * @throws {@link GoYamlError} with go-yaml's wording, prefixed like sigs.k8s.io/yaml
 *   (`error converting YAML to JSON: yaml: line N: ...`).
 */
export function decodeYaml(text: string): Value {
  return decodeYamlFirst(text, false);
}

/**
 * Like {@link decodeYaml} but integers stay bigint (floats are numbers): the view a typed Go
 * target (a struct field of type string) has, where sigs.k8s.io/yaml turns numbers into strings.
 */
export function decodeYamlTyped(text: string): Value {
  return decodeYamlFirst(text, true);
}

/** Texts from this length (UTF-16 code units) up are decoded lazily by {@link decodeYamlLazy}. */
const LAZY_MIN_LENGTH = 16 * 1024;

/**
 * {@link decodeYaml} for results that may be read only in part (`fromYaml`): the same value and the
 * same errors, but for a text of 16 KiB or more, a mapping's value that is a long block
 * collection is decoded on first read. The whole text is still checked before this returns, so an
 * error surfaces here as in {@link decodeYaml}; the deferred part is only building the values.
 * Such a value is an enumerable accessor until first read or assigned, then a plain data property
 * (see `goYamlFast.ts`). kube-prometheus-stack reads 4.4 MB of CRDs through
 * `(.Files.Get $path | fromYaml).metadata.name`.
 *
 * @throws {@link GoYamlError} as {@link decodeYaml}.
 */
export function decodeYamlLazy(text: string): Value {
  return decodeYamlFirst(text, false, text.length >= LAZY_MIN_LENGTH ? LAZY_LINES : 0);
}

function decodeYamlFirst(text: string, keepNumbers: boolean, lazyLines = 0): Value {
  // go-yaml's reader refuses invalid UTF-8 (Go strings hold bytes; see @gitops-kit/template goString).
  const problem = yamlReaderProblem(text);
  if (problem !== undefined) throw new GoYamlError(`error converting YAML to JSON: yaml: ${problem}`);
  const fast = decodeYamlFast(text, keepNumbers, lazyLines);
  if (fast !== BAIL) return fast;
  return decodeYamlFull(text, keepNumbers);
}

/**
 * {@link decodeYaml} without the fast path (for valid UTF-8 input): the go-yaml port, then the
 * `yaml` library for go-yaml's error wording. Exported for the differential tests of the fast path.
 *
 * @internal
 */
export function decodeYamlFull(text: string, keepNumbers: boolean): Value {
  let root: YNode | null | undefined;
  let syntaxError: YamlSyntaxError | undefined;
  try {
    root = parseFirstDocument(text);
  } catch (e) {
    // The path below decides whether this is an error (it accepts a few texts the port refuses)
    // and words it.
    if (!(e instanceof YamlSyntaxError)) throw e;
    syntaxError = e;
  }
  if (root === null) return null;
  if (root !== undefined) {
    const newState = (): DecodeState => ({ doc: null, decodeCount: 0, aliasCount: 0, aliasDepth: 0 });
    try {
      return wrapDecodeError(() => decodeYNodeJson(root.content[0], newState(), keepNumbers));
    } catch (e) {
      if (e !== TWO_STEP) throw e;
    }
    return toJsonValue(
      wrapDecodeError(() => decodeYNode(root.content[0], newState())),
      keepNumbers,
    );
  }
  const docs = yamlLib().parseAllDocuments(text, {
    schema: 'failsafe',
    version: '1.1',
    uniqueKeys: false,
    prettyErrors: false,
    strict: false,
    keepSourceTokens: false,
  });
  const list = Array.isArray(docs) ? docs : [docs];
  const doc = list[0] as Document.Parsed | undefined;
  if (doc === undefined) return null;
  if (doc.errors.length > 0) {
    const errors = doc.errors as unknown as YamlLibError[];
    const message = syntaxError ? libyamlV2Message(syntaxError, errors, text) : goYamlMessage(errors, text);
    throw new GoYamlError(`error converting YAML to JSON: ${message}`, lineOf(text, doc.errors[0]!.pos[0]));
  }
  const st: DecodeState = { doc, decodeCount: 0, aliasCount: 0, aliasDepth: 0 };
  return toJsonValue(
    wrapDecodeError(() => decodeNode(doc.contents as Node | null, st)),
    keepNumbers,
  );
}

function wrapDecodeError<T>(decode: () => T): T {
  try {
    return decode();
  } catch (e) {
    if (e instanceof GoYamlError) {
      if (e.message.startsWith('error ')) throw e;
      throw new GoYamlError(`error converting YAML to JSON: ${e.message}`, e.line);
    }
    throw e;
  }
}

/**
 * Decodes values the way Helm's `chartutil.ReadValues` does: an empty document is an empty map; a
 * document that is not a map fails like Go's `json.Unmarshal` into `map[string]interface{}`.
 */
export function decodeYamlMap(text: string): ValueMap {
  const v = decodeYaml(text);
  if (v === null) return {};
  if (typeof v !== 'object' || Array.isArray(v)) {
    throw new GoYamlError(
      `error unmarshaling JSON: while decoding JSON: json: cannot unmarshal ${jsonKind(v)} into Go value of type map[string]interface {}`,
    );
  }
  return v;
}

/** Go's `encoding/json` name of a JSON value's kind, used in unmarshal errors. */
export function jsonKind(v: Value): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  switch (typeof v) {
    case 'string':
      return 'string';
    case 'number':
    case 'bigint':
      return 'number';
    case 'boolean':
      return 'bool';
    default:
      return 'object';
  }
}

function lineOf(text: string, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset && i < text.length; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}

interface YamlLibError {
  code: string;
  message: string;
  pos: [number, number];
}

/**
 * The go-yaml port's syntax error (the libyaml scanner and parser's own words) as go-yaml v2 prints
 * it: the problem's line, one more for a scanner error, else the context's line, none when 0
 * (yaml.v2's `parser.fail`). Two shapes differ between the port (go-yaml v3) and v2 and keep the
 * translation of {@link goYamlMessage}, checked against helm: a simple key without `:` (v3 reads
 * comments as tokens, so its problem mark is later) and an unknown anchor (a composer error, which
 * v2 reports without a line).
 *
 * @see https://github.com/go-yaml/yaml/blob/v2.4.0/decode.go (parser.fail)
 */
function libyamlV2Message(e: YamlSyntaxError, errors: YamlLibError[], text: string): string {
  if (e.problem === "could not find expected ':'") return goYamlMessage(errors, text);
  if (e.problem.startsWith('unknown anchor')) return `yaml: ${e.problem}`;
  let line = 0;
  if (e.problemMark.line !== 0) line = e.problemMark.line + (e.scanner ? 1 : 0);
  else if (e.contextMark && e.contextMark.line !== 0) line = e.contextMark.line;
  return `yaml: ${line !== 0 ? `line ${line}: ` : ''}${e.problem}`;
}

/**
 * Translation of a `yaml` library error into go-yaml v2's (libyaml's) wording and line, for the
 * error shapes templates produce in practice. libyaml reports scanner errors one line after the
 * (0-based) problem line and parser errors on it, and omits the line when it is 0.
 */
function goYamlMessage(errors: YamlLibError[], text: string): string {
  const lines = text.split('\n');
  const lineAt = (offset: number) => lineOf(text, offset) - 1;
  const eofLine = lines.length - (text.endsWith('\n') ? 1 : 0);
  const nextContent = (from: number, comments: boolean): number => {
    for (let i = from; i < lines.length; i++) {
      const t = lines[i]!.trim();
      if (t === '' || (!comments && t.startsWith('#'))) continue;
      return i;
    }
    return eofLine;
  };
  const indent = (l: string) => l.length - l.trimStart().length;
  const fmt = (line0: number, scanner: boolean, msg: string) =>
    line0 === 0 ? `yaml: ${msg}` : `yaml: line ${scanner ? line0 + 1 : line0}: ${msg}`;
  const e = errors[0]!;
  const has = (code: string, re?: RegExp) =>
    errors.find((x) => x.code === code && (!re || re.test(x.message)));
  const seqInd = has('UNEXPECTED_TOKEN', /block-seq-ind/);
  if (seqInd) return fmt(lineAt(seqInd.pos[0]), false, 'did not find expected key');
  if (has('BLOCK_AS_IMPLICIT_KEY') || (e.code === 'MULTILINE_IMPLICIT_KEY' && errors.length > 1)) {
    const colon = Math.max(...errors.map((x) => x.pos[1]));
    return fmt(lineAt(colon), true, 'mapping values are not allowed in this context');
  }
  switch (e.code) {
    case 'MISSING_CHAR':
      if (/quote/.test(e.message)) return fmt(lines.length - 1, true, 'found unexpected end of stream');
      if (/Implicit map keys/.test(e.message)) {
        return fmt(nextContent(lineAt(e.pos[0]) + 1, true), true, "could not find expected ':'");
      }
      break;
    case 'BAD_INDENT': {
      if (/Flow (sequence|map)/.test(e.message)) {
        const close = /Flow map/.test(e.message) ? '}' : ']';
        let at = eofLine;
        const first = lineAt(e.pos[0]);
        for (let i = first; i < lines.length; i++) {
          const l =
            i === first
              ? lines[i]!.slice(Math.max(lines[i]!.lastIndexOf('['), lines[i]!.lastIndexOf('{')) + 1)
              : lines[i]!;
          if (/:(\s|$)/.test(l)) {
            at = i;
            break;
          }
        }
        return fmt(at, false, `did not find expected ',' or '${close}'`);
      }
      const at = nextContent(lineAt(e.pos[0]), false);
      const ind = indent(lines[at] ?? '');
      for (let i = at - 1; i >= 0; i--) {
        const l = lines[i]!;
        if (l.trim() === '' || l.trim().startsWith('#')) continue;
        if (indent(l) === ind && l.trimStart().startsWith('- ')) {
          return fmt(at, false, "did not find expected '-' indicator");
        }
        if (indent(l) <= ind) break;
      }
      return fmt(at, false, 'did not find expected key');
    }
    case 'TAB_AS_INDENT':
    case 'BAD_SCALAR_START':
      return fmt(lineAt(e.pos[0]), true, 'found character that cannot start any token');
    case 'BAD_ALIAS':
      return fmt(lineAt(e.pos[0]), true, 'did not find expected alphabetic or numeric character');
  }
  return fmt(lineAt(e.pos[0]), false, e.message.replace(/ at line \d+, column \d+.*$/s, ''));
}
