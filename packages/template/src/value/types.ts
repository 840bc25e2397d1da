/**
 * Go's value model over JavaScript values, as `text/template` sees data decoded from YAML/JSON.
 *
 * | Go | JavaScript |
 * | --- | --- |
 * | invalid `reflect.Value` (missing map key, `<no value>`) | `undefined` |
 * | `nil` (an interface holding nothing) | `null` |
 * | `string`, `bool` | `string`, `boolean` |
 * | `float64` (every JSON/YAML number in Helm) | `number` |
 * | `int`, `int64`, `uint8`, ... | {@link GoInt} |
 * | `complex128` | {@link GoComplex} |
 * | `map[string]interface {}` | plain object (`Object.prototype` or `null` prototype) |
 * | `[]interface {}` | `Array` |
 * | `[]string`, `[]int`, ... | `Array` tagged with {@link typedSlice} |
 * | `[]byte` | `Uint8Array` |
 * | named maps, structs, pointers with methods | objects whose prototype carries a {@link GoTypeInfo} under {@link goType} |
 * | funcs | {@link GoFunc} |
 *
 * Type names are Go's own spelling (`map[string]interface {}`, `[]interface {}`, `int64`) because
 * they appear in error messages and in `%T`/`typeOf`.
 *
 * @see https://pkg.go.dev/reflect
 */
import { goBuffer } from './goString.js';

/** Go integer kinds. */
export type IntKind =
  | 'int'
  | 'int8'
  | 'int16'
  | 'int32'
  | 'int64'
  | 'uint'
  | 'uint8'
  | 'uint16'
  | 'uint32'
  | 'uint64'
  | 'uintptr';

/**
 * A Go integer of a given kind. `v` is a JavaScript number (exact up to 2^53, which is what
 * arithmetic uses); `big`, when set, is the exact value of a larger literal, used for printing.
 */
export class GoInt {
  constructor(
    /** The Go type (`int`, `int64`, ...). */
    readonly kind: IntKind,
    /** The value. */
    readonly v: number,
    /** The exact value when |v| > 2^53. */
    readonly big?: bigint,
  ) {}
  /** The exact value. */
  get exact(): bigint {
    return this.big ?? BigInt(this.v);
  }
  /** Go's `%v`. */
  toString(): string {
    return this.big !== undefined ? this.big.toString() : String(this.v);
  }
}

/** A GoInt from an exact bigint (keeps the bigint when it is not a safe integer). */
export function bigGoInt(kind: IntKind, v: bigint): GoInt {
  const n = Number(v);
  if (Number.isSafeInteger(n)) return kind === 'int' ? goInt(n) : new GoInt(kind, n);
  return new GoInt(kind, n, v);
}

const SMALL_INTS: GoInt[] = [];
for (let i = -128; i <= 1024; i++) SMALL_INTS.push(new GoInt('int', i));

/** A Go `int` (cached for small values). */
export function goInt(v: number): GoInt {
  if (v >= -128 && v <= 1024 && Number.isInteger(v)) return SMALL_INTS[v + 128]!;
  return new GoInt('int', v, Number.isInteger(v) && !Number.isSafeInteger(v) ? BigInt(v) : undefined);
}

/** A Go `int64`. */
export function goInt64(v: number): GoInt {
  return new GoInt('int64', v, Number.isInteger(v) && !Number.isSafeInteger(v) ? BigInt(v) : undefined);
}

/** A Go `complex128`. */
export class GoComplex {
  constructor(
    readonly re: number,
    readonly im: number,
  ) {}
}

/** A Go function value: the callable plus its signature (for argument checks and `%T`). */
export class GoFunc {
  constructor(
    readonly sig: Signature,
    readonly fn: (...args: never[]) => unknown,
  ) {}
}

/**
 * A function signature: parameter type names, the variadic element type (or null), and whether
 * the function also returns an error (errors are thrown in JavaScript).
 */
export interface Signature {
  params: string[];
  variadic: string | null;
  result: string;
  /** When true, `fn` receives template values as-is, unconverted (Go's `reflect.Value` params). */
  returnsError: boolean;
}

/** Key under which a prototype declares its Go type. */
export const goType: unique symbol = Symbol.for('@gitops-kit/template.goType');
/** Key under which an array declares its element type (absent: `interface {}`). */
export const sliceElem: unique symbol = Symbol.for('@gitops-kit/template.sliceElem');

/**
 * Go type information attached to a prototype: how an object is seen by templates.
 * - `kind: 'map'`: a named map type (e.g. `chartutil.Values`); own enumerable properties are the
 *   entries; `elem` is the element type (default `interface {}`).
 * - `kind: 'struct'`: own enumerable properties are the fields, in declaration order.
 * - `kind: 'slice'`: a named slice type with methods (Helm's `chartutil.VersionSet`): an array whose
 *   prototype, a child of `Array.prototype`, carries this info; it ranges, indexes and prints as a
 *   slice, and its element type is the array's own ({@link typedSlice}).
 * - `pointer: true`: the value is a pointer to that map/struct (`%v` prints `&{...}` for structs).
 * - `methods`: exported methods, called with the object as `this`. A `String` method makes the value
 *   a `fmt.Stringer`; an `Error` method an `error`.
 */
export interface GoTypeInfo {
  name: string;
  kind: 'map' | 'struct' | 'slice';
  pointer?: boolean;
  elem?: string;
  methods?: Record<string, GoFunc>;
}

/** Tags `arr` as a Go slice of `elem` (`[]string`, `[]int`, ...) and returns it. */
export function typedSlice<T extends unknown[]>(elem: string, arr: T): T {
  if (elem !== 'interface {}') Object.defineProperty(arr, sliceElem, { value: elem, enumerable: false });
  return arr;
}

/** The {@link GoTypeInfo} of an object, or undefined for plain objects, arrays and primitives. */
export function goTypeInfo(v: object): GoTypeInfo | undefined {
  const proto = Object.getPrototypeOf(v);
  if (proto === Object.prototype || proto === null) return undefined;
  return (proto as Record<symbol, GoTypeInfo | undefined>)[goType];
}

/** True for a plain JS object (Go `map[string]interface {}`). */
export function isPlainMap(v: unknown): v is Record<string, unknown> {
  if (typeof v !== 'object' || v === null) return false;
  const proto = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null;
}

/** True for any Go map: a plain object or an object typed as a named map. */
export function isGoMap(v: unknown): v is Record<string, unknown> {
  if (typeof v !== 'object' || v === null) return false;
  const proto = Object.getPrototypeOf(v);
  if (proto === Object.prototype || proto === null) return true;
  const info = (proto as Record<symbol, GoTypeInfo | undefined>)[goType];
  return info !== undefined && info.kind === 'map';
}

/** Element type of a Go map value. */
export function mapElemType(v: object): string {
  return goTypeInfo(v)?.elem ?? 'interface {}';
}

/** Element type of a slice value. */
export function sliceElemType(v: unknown[] | Uint8Array): string {
  if (v instanceof Uint8Array) return 'uint8';
  return (v as unknown as Record<symbol, string | undefined>)[sliceElem] ?? 'interface {}';
}

const hasOwn = Object.prototype.hasOwnProperty;

/** Map lookup with Go semantics: own properties only. */
export function mapGet(m: Record<string, unknown>, key: string): unknown {
  return hasOwn.call(m, key) ? m[key] : undefined;
}

/** True when `m` has own key `key`. */
export function mapHas(m: object, key: string): boolean {
  return hasOwn.call(m, key);
}

/** Sorted keys of a map (Go's `fmtsort` order for string keys: byte order). */
export function sortedKeys(m: object): string[] {
  const keys = Object.keys(m);
  keys.sort(compareStrings);
  return keys;
}

/** Compares two strings in UTF-8 byte order (Go's string comparison). */
export function compareStrings(a: string, b: string): number {
  if (a === b) return 0;
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x !== y) {
      // A lone U+DC80..U+DCFF is an invalid byte (value/goString.ts): compare the bytes.
      if ((x >= 0xdc00 && x <= 0xdfff) || (y >= 0xdc00 && y <= 0xdfff))
        return Buffer.compare(goBuffer(a), goBuffer(b));
      // Surrogates (astral code points) sort after U+E000..U+FFFF in UTF-8.
      if (x >= 0xd800 && x <= 0xdfff && y >= 0xe000) return 1;
      if (y >= 0xd800 && y <= 0xdfff && x >= 0xe000) return -1;
      return x - y;
    }
  }
  return a.length - b.length;
}

/** Go's type name of a value (`%T`): `<nil>` for nil. */
export function typeName(v: unknown): string {
  switch (typeof v) {
    case 'string':
      return 'string';
    case 'number':
      return 'float64';
    case 'boolean':
      return 'bool';
    case 'undefined':
      return '<nil>';
    case 'bigint':
      return 'int64';
    case 'function':
      return 'func()';
    case 'object': {
      if (v === null) return '<nil>';
      if (v instanceof GoInt) return v.kind;
      if (Array.isArray(v)) return goTypeInfo(v)?.name ?? `[]${sliceElemType(v)}`;
      if (v instanceof Uint8Array) return '[]uint8';
      if (v instanceof GoFunc) return funcTypeName(v.sig);
      if (v instanceof GoComplex) return 'complex128';
      const info = goTypeInfo(v);
      if (info) return info.pointer ? `*${info.name}` : info.name;
      if (v instanceof Date) return 'time.Time';
      return 'map[string]interface {}';
    }
  }
  return 'interface {}';
}

/** `func(string, ...interface {}) string` */
export function funcTypeName(sig: Signature): string {
  const params = sig.params.slice();
  if (sig.variadic !== null) params.push(`...${sig.variadic}`);
  const res = sig.returnsError ? `(${sig.result}, error)` : sig.result;
  return `func(${params.join(', ')}) ${res}`;
}

/** Go reflect kind names (as `kindOf` prints them). */
export function kindName(v: unknown): string {
  switch (typeof v) {
    case 'string':
      return 'string';
    case 'number':
      return 'float64';
    case 'boolean':
      return 'bool';
    case 'undefined':
      return 'invalid';
    case 'object': {
      if (v === null) return 'invalid';
      if (v instanceof GoInt) return v.kind;
      if (Array.isArray(v) || v instanceof Uint8Array) return 'slice';
      if (v instanceof GoFunc) return 'func';
      if (v instanceof GoComplex) return 'complex128';
      const info = goTypeInfo(v);
      if (info) return info.pointer ? 'ptr' : info.kind;
      if (v instanceof Date) return 'struct';
      return 'map';
    }
  }
  return 'invalid';
}

/** True for type names whose values may be nil (Go's `canBeNil`). */
export function canBeNil(type: string): boolean {
  return (
    type === 'interface {}' ||
    type === 'reflect.Value' ||
    type.startsWith('[]') ||
    type.startsWith('map[') ||
    type.startsWith('*') ||
    type.startsWith('func') ||
    type.startsWith('chan ') ||
    type === 'error'
  );
}

/** The zero value of a type (`reflect.Zero`). */
export function zeroValue(type: string): unknown {
  switch (type) {
    case 'string':
      return '';
    case 'bool':
      return false;
    case 'float64':
    case 'float32':
      return 0;
    case 'int':
    case 'int8':
    case 'int16':
    case 'int32':
    case 'int64':
    case 'uint':
    case 'uint8':
    case 'uint16':
    case 'uint32':
    case 'uint64':
    case 'uintptr':
      return type === 'int' ? goInt(0) : new GoInt(type, 0);
    default:
      return null;
  }
}

/**
 * True when a value of Go type `vt` can be assigned to a parameter of type `t` (identity, or
 * `interface {}`, or a named map whose underlying type is `t`).
 */
export function assignable(v: unknown, t: string): boolean {
  if (t === 'interface {}' || t === 'reflect.Value') return true;
  const vt = typeName(v);
  if (vt === t) return true;
  if (t === 'map[string]interface {}' && typeof v === 'object' && v !== null) {
    const info = goTypeInfo(v);
    return (
      info !== undefined &&
      info.kind === 'map' &&
      !info.pointer &&
      (info.elem ?? 'interface {}') === 'interface {}'
    );
  }
  if (t === 'error' && typeof v === 'object' && v !== null) {
    return goTypeInfo(v)?.methods?.Error !== undefined;
  }
  if (t === 'fmt.Stringer' && typeof v === 'object' && v !== null) {
    return goTypeInfo(v)?.methods?.String !== undefined;
  }
  return false;
}

/** Go's `isTrue`: the truth of a value for `if`, `with`, `and`, `or`, `not`. */
export function isTrue(v: unknown): boolean {
  switch (typeof v) {
    case 'boolean':
      return v;
    case 'string':
      return v.length > 0;
    case 'number':
      return v !== 0;
    case 'undefined':
      return false;
    case 'object': {
      if (v === null) return false;
      if (v instanceof GoInt) return v.v !== 0;
      if (Array.isArray(v)) return v.length > 0;
      if (v instanceof Uint8Array) return v.length > 0;
      if (v instanceof GoComplex) return v.re !== 0 || v.im !== 0;
      if (v instanceof GoFunc) return true;
      const info = goTypeInfo(v);
      if (info) return info.pointer || info.kind === 'struct' ? true : Object.keys(v).length > 0;
      if (v instanceof Date) return true;
      for (const _ in v) return true;
      return false;
    }
  }
  return true;
}
