import { goQuote } from '@gitops-kit/core/errors';
import { goTypeName, isTable, setKey, type Value, type ValueMap } from './types.js';

/**
 * Helm's `--set` family parser (`pkg/strvals`), rune for rune: `a.b=c` nests, `a[0]=x` indexes
 * lists (growing them with nulls), `\` escapes the next character, `{a,b}` is a list, `,`
 * separates assignments. Values are typed for `--set` (`true`/`false`/`null` any case, decimal
 * integers not starting with `0` become int64 = bigint, everything else a string), strings for
 * `--set-string`, JSON for `--set-json`, file contents for `--set-file`, and the whole rest of the
 * line verbatim for `--set-literal`.
 *
 * Errors carry Helm's messages (`key "a" has no value`, `unable to parse key: interface conversion: ...`).
 *
 * @see https://github.com/helm/helm/blob/v3.17.2/pkg/strvals/parser.go
 * @see https://github.com/helm/helm/blob/v3.17.2/pkg/strvals/literal_parser.go
 */

/** Maximum list index accepted (Helm's `strvals.MaxIndex`). */
export const MAX_INDEX = 65536;
/** Maximum nesting of dotted names (Helm's `strvals.MaxNestedNameLevel`). */
export const MAX_NESTED_NAME_LEVEL = 30;

/** A strvals parse failure; `message` is Helm's. */
export class StrvalsError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'StrvalsError';
  }
}

/** Go's `io.EOF`, a sentinel that ends parsing successfully. */
const EOF: unique symbol = Symbol('EOF');
/** Helm's `ErrNotList`. */
const NOT_LIST: unique symbol = Symbol('not a list');
type Sentinel = typeof EOF | typeof NOT_LIST;
type Err = StrvalsError | Sentinel | null;

/** A Go panic recovered by `key()` (a failed type assertion). */
class Panic extends Error {}

function assertList(v: Value | undefined): Value[] {
  if (Array.isArray(v)) return v;
  throw new Panic(`interface conversion: interface {} is ${goTypeName(v)}, not []interface {}`);
}

function assertMap(v: Value | undefined): ValueMap {
  if (isTable(v)) return v;
  throw new Panic(`interface conversion: interface {} is ${goTypeName(v)}, not map[string]interface {}`);
}

/** A rune reader over a string, like Go's `bytes.Buffer` with `ReadRune`/`UnreadRune`. */
class Scanner {
  pos = 0;
  private last = 0;
  constructor(readonly s: string) {}
  read(): string | typeof EOF {
    if (this.pos >= this.s.length) {
      this.last = 0;
      return EOF;
    }
    const c = this.s.codePointAt(this.pos)!;
    this.last = c > 0xffff ? 2 : 1;
    const ch = this.s.slice(this.pos, this.pos + this.last);
    this.pos += this.last;
    return ch;
  }
  unread(): void {
    this.pos -= this.last;
    this.last = 0;
  }
  rest(): string {
    return this.s.slice(this.pos);
  }
}

/** `runesUntil`: reads until a stop rune; `\` escapes the next rune unless `literal`. */
function runesUntil(sc: Scanner, stop: string, literal = false): [string, string, Err] {
  let v = '';
  for (;;) {
    const r = sc.read();
    if (r === EOF) return [v, '', EOF];
    if (stop.includes(r)) return [v, r, null];
    if (r === '\\' && !literal) {
      const next = sc.read();
      if (next === EOF) return [v, '', EOF];
      v += next;
    } else v += r;
  }
}

function goAtoi(s: string): number | StrvalsError {
  if (!/^[+-]?[0-9]+$/.test(s))
    return new StrvalsError(`strconv.Atoi: parsing ${goQuote(s)}: invalid syntax`);
  const n = BigInt(s);
  if (n > 9223372036854775807n || n < -9223372036854775808n) {
    return new StrvalsError(`strconv.Atoi: parsing ${goQuote(s)}: value out of range`);
  }
  return Number(n);
}

/** Helm's `typedVal`: the `--set` type inference. */
export function typedVal(v: string, forceString: boolean): Value {
  if (forceString) return v;
  const lower = v.toLowerCase();
  if (lower === 'true') return true;
  if (lower === 'false') return false;
  if (lower === 'null') return null;
  if (v === '0') return 0n;
  if (v.length !== 0 && v[0] !== '0' && /^[+-]?[0-9]+$/.test(v)) {
    const n = BigInt(v);
    if (n <= 9223372036854775807n && n >= -9223372036854775808n) return n;
  }
  return v;
}

/** Converts the raw text of a value to its value (`typedVal`, a file's contents, ...). */
export type RunesValueReader = (raw: string) => Value;

function setIndex(list: Value[], index: number, val: Value): [Value[], Err] {
  if (index < 0) return [list, new StrvalsError(`negative ${index} index not allowed`)];
  if (index > MAX_INDEX) {
    return [
      list,
      new StrvalsError(`index of ${index} is greater than maximum supported index of ${MAX_INDEX}`),
    ];
  }
  if (list.length <= index) {
    const grown = list.slice();
    while (grown.length <= index) grown.push(null);
    list = grown;
  }
  list[index] = val;
  return [list, null];
}

function setVal(data: ValueMap, key: string, val: Value): void {
  if (key.length === 0) return;
  setKey(data, key, val);
}

class Parser {
  readonly sc: Scanner;
  constructor(
    s: string,
    readonly data: ValueMap,
    readonly reader: RunesValueReader | null,
    readonly isJson: boolean,
  ) {
    this.sc = new Scanner(s);
  }

  parse(): void {
    for (;;) {
      const err = this.key(this.data, 0);
      if (err === null) continue;
      if (err === EOF) return;
      if (err === NOT_LIST) throw new StrvalsError('not a list');
      throw err;
    }
  }

  key(data: ValueMap, nestedNameLevel: number): Err {
    try {
      return this.keyInner(data, nestedNameLevel);
    } catch (e) {
      if (e instanceof Panic) return new StrvalsError(`unable to parse key: ${e.message}`);
      throw e;
    }
  }

  private keyInner(data: ValueMap, nestedNameLevel: number): Err {
    const [k, last, err] = runesUntil(this.sc, '=[,.');
    if (err !== null) {
      if (k.length === 0) return err;
      return new StrvalsError(`key ${goQuote(k)} has no value`);
    }
    switch (last) {
      case '[': {
        const [i, ierr] = this.keyIndex();
        if (ierr !== null) return wrapIndexError(ierr);
        let list: Value[] = [];
        if (Object.hasOwn(data, k)) list = assertList(data[k]);
        const [l2, e] = this.listItem(list, i, nestedNameLevel);
        setVal(data, k, l2);
        return e;
      }
      case '=': {
        if (this.isJson) {
          if (this.emptyVal()) {
            setVal(data, k, null);
            return null;
          }
          const [v, n, jerr] = decodeJsonPrefix(this.sc.rest());
          if (jerr !== null) return jerr;
          setVal(data, k, v);
          this.sc.pos += n;
          this.emptyVal();
          return null;
        }
        const [vl, e] = this.valList();
        if (e === null) {
          setVal(data, k, vl);
          return null;
        }
        if (e === EOF) {
          setVal(data, k, '');
          return e;
        }
        if (e === NOT_LIST) {
          const [rs, ve] = this.val();
          if (ve !== null && ve !== EOF) return ve;
          setVal(data, k, this.read(rs));
          return null;
        }
        return e;
      }
      case ',':
        setVal(data, k, '');
        return new StrvalsError(`key ${goQuote(k)} has no value (cannot end with ,)`);
      default: {
        // '.'
        nestedNameLevel++;
        if (nestedNameLevel > MAX_NESTED_NAME_LEVEL) {
          return new StrvalsError(
            `value name nested level is greater than maximum supported nested level of ${MAX_NESTED_NAME_LEVEL}`,
          );
        }
        let inner: ValueMap = {};
        if (Object.hasOwn(data, k)) inner = assertMap(data[k]);
        const e = this.key(inner, nestedNameLevel);
        const size = Object.keys(inner).length;
        if (e === null && size === 0) return new StrvalsError(`key map ${goQuote(k)} has no value`);
        if (size !== 0) setVal(data, k, inner);
        return e;
      }
    }
  }

  private read(rs: string): Value {
    return this.reader ? this.reader(rs) : rs;
  }

  keyIndex(): [number, Err] {
    const [v, , err] = runesUntil(this.sc, ']');
    if (err !== null) return [0, err];
    const n = goAtoi(v);
    if (n instanceof StrvalsError) return [0, n];
    return [n, null];
  }

  listItem(list: Value[], i: number, nestedNameLevel: number): [Value[], Err] {
    if (i < 0) return [list, new StrvalsError(`negative ${i} index not allowed`)];
    const [k, last, err] = runesUntil(this.sc, '[.=');
    if (k.length > 0) return [list, new StrvalsError(`unexpected data at end of array index: ${goQuote(k)}`)];
    if (err !== null) return [list, err];
    switch (last) {
      case '=': {
        if (this.isJson) {
          if (this.emptyVal()) return setIndex(list, i, null);
          const [v, n, jerr] = decodeJsonPrefix(this.sc.rest());
          if (jerr !== null) return [list, jerr];
          const [l2, serr] = setIndex(list, i, v);
          if (serr !== null) return [l2, serr];
          this.sc.pos += n;
          this.emptyVal();
          return [l2, null];
        }
        const [vl, e] = this.valList();
        if (e === null) return setIndex(list, i, vl);
        if (e === EOF) return setIndex(list, i, '');
        if (e === NOT_LIST) {
          const [rs, ve] = this.val();
          if (ve !== null && ve !== EOF) return [list, ve];
          return setIndex(list, i, this.read(rs));
        }
        return [list, e];
      }
      case '[': {
        const [nextI, ierr] = this.keyIndex();
        if (ierr !== null) return [list, wrapIndexError(ierr)];
        let crt: Value[] = [];
        if (list.length > i) {
          const existed = list[i];
          if (existed !== null && existed !== undefined) crt = assertList(existed);
        }
        const [l2, e] = this.listItem(crt, nextI, nestedNameLevel);
        if (e !== null) return [list, e];
        return setIndex(list, i, l2);
      }
      default: {
        // '.'
        let inner: ValueMap = {};
        if (list.length > i) {
          const cur = list[i];
          if (isTable(cur)) inner = cur;
          else {
            inner = {};
            list[i] = inner;
          }
        }
        const e = this.key(inner, nestedNameLevel);
        if (e !== null) return [list, e];
        return setIndex(list, i, inner);
      }
    }
  }

  /** Consumes blanks up to a `,` or the end (true: the value is empty) or stops before anything else. */
  emptyVal(): boolean {
    for (;;) {
      const r = this.sc.read();
      if (r === EOF) return true;
      if (r === ',') return true;
      if (!/^\s$/u.test(r)) {
        this.sc.unread();
        return false;
      }
    }
  }

  val(): [string, Err] {
    const [v, , err] = runesUntil(this.sc, ',');
    return [v, err];
  }

  valList(): [Value[], Err] {
    const r = this.sc.read();
    if (r === EOF) return [[], EOF];
    if (r !== '{') {
      this.sc.unread();
      return [[], NOT_LIST];
    }
    const list: Value[] = [];
    for (;;) {
      const [rs, last, err] = runesUntil(this.sc, ',}');
      if (err !== null) {
        return [list, err === EOF ? new StrvalsError("list must terminate with '}'") : err];
      }
      if (last === '}') {
        const n = this.sc.read();
        if (n !== EOF && n !== ',') this.sc.unread();
        list.push(this.read(rs));
        return [list, null];
      }
      list.push(this.read(rs));
    }
  }
}

function wrapIndexError(e: Err): Err {
  if (e === EOF) return new StrvalsError('error parsing index: EOF');
  if (e instanceof StrvalsError) return new StrvalsError(`error parsing index: ${e.message}`);
  return e;
}

/**
 * Decodes one JSON value at the start of `s` like Go's `json.Decoder.Decode`: leading blanks are
 * skipped, the value ends where its grammar ends. Returns the value, the number of UTF-16 units
 * consumed, or an error.
 */
function decodeJsonPrefix(s: string): [Value, number, Err] {
  let i = 0;
  while (i < s.length && ' \t\r\n'.includes(s[i]!)) i++;
  const start = i;
  const fail = (what: string): [Value, number, Err] => [null, 0, new StrvalsError(what)];
  const skipWs = () => {
    while (i < s.length && ' \t\r\n'.includes(s[i]!)) i++;
  };
  const value = (): boolean => {
    skipWs();
    const c = s[i];
    if (c === undefined) return false;
    if (c === '{' || c === '[') {
      const close = c === '{' ? '}' : ']';
      i++;
      skipWs();
      if (s[i] === close) {
        i++;
        return true;
      }
      for (;;) {
        if (c === '{') {
          skipWs();
          if (s[i] !== '"' || !str()) return false;
          skipWs();
          if (s[i] !== ':') return false;
          i++;
        }
        if (!value()) return false;
        skipWs();
        if (s[i] === ',') {
          i++;
          continue;
        }
        if (s[i] === close) {
          i++;
          return true;
        }
        return false;
      }
    }
    if (c === '"') return str();
    if (s.startsWith('true', i)) {
      i += 4;
      return true;
    }
    if (s.startsWith('false', i)) {
      i += 5;
      return true;
    }
    if (s.startsWith('null', i)) {
      i += 4;
      return true;
    }
    const m = /^-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][-+]?[0-9]+)?/.exec(s.slice(i));
    if (m) {
      i += m[0].length;
      return true;
    }
    return false;
  };
  const str = (): boolean => {
    i++;
    while (i < s.length) {
      const c = s[i]!;
      if (c === '\\') i += 2;
      else if (c === '"') {
        i++;
        return true;
      } else if (c < ' ') return false;
      else i++;
    }
    return false;
  };
  if (!value())
    return fail(
      i >= s.length ? 'unexpected EOF' : `invalid character ${goQuote(s[i]!)} looking for beginning of value`,
    );
  try {
    return [jsonToValue(JSON.parse(s.slice(start, i))), i, null];
  } catch {
    return fail('invalid JSON');
  }
}

function jsonToValue(v: unknown): Value {
  if (Array.isArray(v)) return v.map(jsonToValue);
  if (v !== null && typeof v === 'object') {
    const out: ValueMap = {};
    for (const k of Object.keys(v)) setKey(out, k, jsonToValue((v as Record<string, unknown>)[k]));
    return out;
  }
  return v as Value;
}

class LiteralParser {
  readonly sc: Scanner;
  constructor(
    s: string,
    readonly data: ValueMap,
  ) {
    this.sc = new Scanner(s);
  }

  parse(): void {
    for (;;) {
      const err = this.key(this.data, 0);
      if (err === null) continue;
      if (err === EOF) return;
      throw err;
    }
  }

  key(data: ValueMap, nestedNameLevel: number): Err {
    try {
      return this.keyInner(data, nestedNameLevel);
    } catch (e) {
      if (e instanceof Panic) return new StrvalsError(`unable to parse key: ${e.message}`);
      throw e;
    }
  }

  private keyInner(data: ValueMap, nestedNameLevel: number): Err {
    const [k, last, err] = runesUntil(this.sc, '=[.', true);
    if (err !== null) {
      if (k.length === 0) return err;
      return new StrvalsError(`key ${goQuote(k)} has no value`);
    }
    switch (last) {
      case '=': {
        const [v] = runesUntil(this.sc, '', true);
        setVal(data, k, v);
        return null;
      }
      case '.': {
        nestedNameLevel++;
        if (nestedNameLevel > MAX_NESTED_NAME_LEVEL) {
          return new StrvalsError(
            `value name nested level is greater than maximum supported nested level of ${MAX_NESTED_NAME_LEVEL}`,
          );
        }
        let inner: ValueMap = {};
        if (Object.hasOwn(data, k)) inner = assertMap(data[k]);
        const e = this.key(inner, nestedNameLevel);
        const size = Object.keys(inner).length;
        if (e === null && size === 0) return new StrvalsError(`key map ${goQuote(k)} has no value`);
        if (size !== 0) setVal(data, k, inner);
        return e;
      }
      default: {
        // '['
        const [i, ierr] = this.keyIndex();
        if (ierr !== null) return wrapIndexError(ierr);
        let list: Value[] = [];
        if (Object.hasOwn(data, k)) list = assertList(data[k]);
        const [l2, e] = this.listItem(list, i, nestedNameLevel);
        setVal(data, k, l2);
        return e;
      }
    }
  }

  keyIndex(): [number, Err] {
    const [v, , err] = runesUntil(this.sc, ']', true);
    if (err !== null) return [0, err];
    const n = goAtoi(v);
    if (n instanceof StrvalsError) return [0, n];
    return [n, null];
  }

  listItem(list: Value[], i: number, nestedNameLevel: number): [Value[], Err] {
    if (i < 0) return [list, new StrvalsError(`negative ${i} index not allowed`)];
    const [k, last, err] = runesUntil(this.sc, '[.=', true);
    if (k.length > 0) return [list, new StrvalsError(`unexpected data at end of array index: ${goQuote(k)}`)];
    if (err !== null) return [list, err];
    switch (last) {
      case '=': {
        const [v] = runesUntil(this.sc, '', true);
        return setIndex(list, i, v);
      }
      case '.': {
        let inner: ValueMap = {};
        if (list.length > i) {
          const cur = list[i];
          if (isTable(cur)) inner = cur;
          else {
            inner = {};
            list[i] = inner;
          }
        }
        const e = this.key(inner, nestedNameLevel);
        if (e !== null) return [list, e];
        return setIndex(list, i, inner);
      }
      default: {
        const [nextI, ierr] = this.keyIndex();
        if (ierr !== null) return [list, wrapIndexError(ierr)];
        let crt: Value[] = [];
        if (list.length > i) {
          const existed = list[i];
          if (existed !== null && existed !== undefined) crt = assertList(existed);
        }
        const [l2, e] = this.listItem(crt, nextI, nestedNameLevel);
        if (e !== null) return [list, e];
        return setIndex(list, i, l2);
      }
    }
  }
}

/**
 * `--set`: parses `s` and merges it into `dest` (mutated), typing values with {@link typedVal}.
 * @throws {@link StrvalsError}
 * @example
 * ```ts
 * const v = {}; parseSetInto('a.b=1,list[0]=x', v) // v = { a: { b: 1n }, list: ['x'] }
 * ```
 */
export function parseSetInto(s: string, dest: ValueMap): ValueMap {
  new Parser(s, dest, (rs) => typedVal(rs, false), false).parse();
  return dest;
}

/** `--set-string`: like {@link parseSetInto}, every value a string. @throws {@link StrvalsError} */
export function parseSetStringInto(s: string, dest: ValueMap): ValueMap {
  new Parser(s, dest, (rs) => typedVal(rs, true), false).parse();
  return dest;
}

/** `--set-json`: values are JSON (numbers float64), an empty value is null. @throws {@link StrvalsError} */
export function parseSetJsonInto(s: string, dest: ValueMap): ValueMap {
  new Parser(s, dest, null, true).parse();
  return dest;
}

/**
 * `--set-file`: each value is a path, replaced by `readFile(path)`. @throws {@link StrvalsError},
 * or whatever `readFile` throws.
 */
export function parseSetFileInto(s: string, dest: ValueMap, readFile: (path: string) => string): ValueMap {
  new Parser(s, dest, (rs) => readFile(rs), false).parse();
  return dest;
}

/** `--set-literal`: one assignment; the value is the rest of the string, verbatim. @throws {@link StrvalsError} */
export function parseSetLiteralInto(s: string, dest: ValueMap): ValueMap {
  new LiteralParser(s, dest).parse();
  return dest;
}
