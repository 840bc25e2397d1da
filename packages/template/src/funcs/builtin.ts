/**
 * Go `text/template`'s builtin functions: `and or not len index slice print printf println html js
 * urlquery eq ne lt le gt ge call`, with Go's comparison rules and error texts.
 *
 * @see https://github.com/golang/go/blob/go1.23.0/src/text/template/funcs.go
 */
import { sprint, sprintf, sprintln, utf8Bytes, formatValue } from '../fmt/print.js';
import { isPrintRune } from '../parse/lex.js';
import { goBuffer, goByteLength, goString } from '../value/goString.js';
import { type FuncMap, goFunc } from '../value/func.js';
import {
  GoComplex,
  GoFunc,
  GoInt,
  goInt,
  goTypeInfo,
  isGoMap,
  isTrue,
  mapElemType,
  sliceElemType,
  typedSlice,
  typeName,
  zeroValue,
} from '../value/types.js';

enum Kind {
  Invalid,
  Bool,
  Complex,
  Int,
  Float,
  String,
  Uint,
}

function basicKind(v: unknown): Kind {
  switch (typeof v) {
    case 'boolean':
      return Kind.Bool;
    case 'number':
      return Kind.Float;
    case 'string':
      return Kind.String;
  }
  if (v instanceof GoInt) return v.kind[0] === 'i' ? Kind.Int : Kind.Uint;
  if (v instanceof GoComplex) return Kind.Complex;
  return Kind.Invalid;
}

const errBadComparisonType = 'invalid type for comparison';
const errBadComparison = 'incompatible types for comparison';

function indirectInterface(v: unknown): unknown {
  return v === null ? undefined : v;
}

function isNilValue(v: unknown): boolean {
  return v === undefined || v === null;
}

function reflectKind(v: unknown): string {
  if (v === undefined) return 'invalid';
  if (v === null) return 'interface';
  if (Array.isArray(v) || v instanceof Uint8Array) return 'slice';
  if (v instanceof GoFunc) return 'func';
  if (typeof v === 'object') {
    const info = goTypeInfo(v);
    if (info) return info.pointer ? 'ptr' : info.kind;
    return 'map';
  }
  return typeof v;
}

function comparable(v: unknown): boolean {
  if (Array.isArray(v) || v instanceof Uint8Array || v instanceof GoFunc) return false;
  if (typeof v === 'object' && v !== null) {
    const info = goTypeInfo(v);
    if (!info) return false;
    return info.pointer === true || info.kind === 'struct';
  }
  return true;
}

/** Go's `eq`: arg1 == arg2 || arg1 == arg3 ... */
export function eq(arg1: unknown, ...arg2: unknown[]): boolean {
  arg1 = indirectInterface(arg1);
  if (arg2.length === 0) throw new Error('missing argument for comparison');
  const k1 = basicKind(arg1);
  for (let arg of arg2) {
    arg = indirectInterface(arg);
    const k2 = basicKind(arg);
    let truth = false;
    if (k1 !== k2) {
      if (k1 === Kind.Int && k2 === Kind.Uint)
        truth = (arg1 as GoInt).v >= 0 && (arg1 as GoInt).v === (arg as GoInt).v;
      else if (k1 === Kind.Uint && k2 === Kind.Int)
        truth = (arg as GoInt).v >= 0 && (arg1 as GoInt).v === (arg as GoInt).v;
      else if (arg1 !== undefined && arg !== undefined) throw new Error(errBadComparison);
    } else {
      switch (k1) {
        case Kind.Bool:
        case Kind.Float:
        case Kind.String:
          truth = arg1 === arg;
          break;
        case Kind.Int:
        case Kind.Uint:
          truth = (arg1 as GoInt).v === (arg as GoInt).v;
          break;
        case Kind.Complex:
          truth =
            (arg1 as GoComplex).re === (arg as GoComplex).re &&
            (arg1 as GoComplex).im === (arg as GoComplex).im;
          break;
        default: {
          const rk1 = reflectKind(arg1);
          const rk2 = reflectKind(arg);
          if (rk1 !== rk2 && arg1 !== undefined && arg !== undefined) {
            throw new Error(
              `non-comparable types ${formatS(arg1)}: ${typeName(arg1)}, ${typeName(arg)}: ${formatValue(arg)}`,
            );
          }
          if (isNilValue(arg1) || isNilValue(arg)) truth = isNilValue(arg) === isNilValue(arg1);
          else {
            if (!comparable(arg)) throw new Error(`non-comparable type ${formatS(arg)}: ${typeName(arg)}`);
            truth = arg1 === arg;
          }
        }
      }
    }
    if (truth) return true;
  }
  return false;
}

function formatS(v: unknown): string {
  return sprintf('%s', [v]);
}

/** Go's `lt`. */
export function lt(arg1: unknown, arg2: unknown): boolean {
  arg1 = indirectInterface(arg1);
  const k1 = basicKind(arg1);
  if (k1 === Kind.Invalid) throw new Error(errBadComparisonType);
  arg2 = indirectInterface(arg2);
  const k2 = basicKind(arg2);
  if (k2 === Kind.Invalid) throw new Error(errBadComparisonType);
  if (k1 !== k2) {
    if (k1 === Kind.Int && k2 === Kind.Uint)
      return (arg1 as GoInt).v < 0 || (arg1 as GoInt).v < (arg2 as GoInt).v;
    if (k1 === Kind.Uint && k2 === Kind.Int)
      return (arg2 as GoInt).v >= 0 && (arg1 as GoInt).v < (arg2 as GoInt).v;
    throw new Error(errBadComparison);
  }
  switch (k1) {
    case Kind.Bool:
    case Kind.Complex:
      throw new Error(errBadComparisonType);
    case Kind.Float:
      return (arg1 as number) < (arg2 as number);
    case Kind.String:
      return compareGoStrings(arg1 as string, arg2 as string) < 0;
    default:
      return (arg1 as GoInt).v < (arg2 as GoInt).v;
  }
}

function compareGoStrings(a: string, b: string): number {
  return Buffer.compare(goBuffer(a), goBuffer(b));
}

/** Go's `le`. */
export function le(arg1: unknown, arg2: unknown): boolean {
  if (lt(arg1, arg2)) return true;
  return eq(arg1, arg2);
}

/** Go's `index`. */
export function index(item: unknown, ...indexes: unknown[]): unknown {
  item = indirectInterface(item);
  if (item === undefined) throw new Error('index of untyped nil');
  for (let idx of indexes) {
    idx = indirectInterface(idx);
    if (item === null || item === undefined) throw new Error('index of nil pointer');
    if (typeof item === 'string' || Array.isArray(item) || item instanceof Uint8Array) {
      const bytes = typeof item === 'string' ? utf8Bytes(item) : null;
      const len = bytes ? bytes.length : (item as unknown[]).length;
      const x = indexArg(idx, len);
      if (x === len) throw new Error(`reflect: ${bytes ? 'string' : 'slice'} index out of range`);
      if (bytes) item = new GoInt('uint8', bytes[x]!);
      else if (item instanceof Uint8Array) item = new GoInt('uint8', item[x]!);
      else item = (item as unknown[])[x];
    } else if (isGoMap(item)) {
      if (idx === undefined) throw new Error('value is nil; should be of type string');
      if (typeof idx !== 'string') throw new Error(`value has type ${typeName(idx)}; should be string`);
      const m = item as Record<string, unknown>;
      if (Object.hasOwn(m, idx)) item = m[idx];
      else {
        const elem = mapElemType(m);
        item = elem === 'interface {}' ? null : zeroValue(elem);
      }
    } else {
      throw new Error(`can't index item of type ${typeName(item)}`);
    }
  }
  return item;
}

function indexArg(index: unknown, cap: number): number {
  let x: number;
  if (index instanceof GoInt) x = index.v;
  else if (index === undefined) throw new Error('cannot index slice/array with nil');
  else throw new Error(`cannot index slice/array with type ${typeName(index)}`);
  if (x < 0 || x > cap) throw new Error(`index out of range: ${x}`);
  return x;
}

/** Go's `slice`. */
export function slice(item: unknown, ...indexes: unknown[]): unknown {
  item = indirectInterface(item);
  if (item === undefined) throw new Error('slice of untyped nil');
  if (indexes.length > 3) throw new Error(`too many slice indexes: ${indexes.length}`);
  let cap: number;
  let bytes: Uint8Array | null = null;
  if (typeof item === 'string') {
    if (indexes.length === 3) throw new Error('cannot 3-index slice a string');
    bytes = utf8Bytes(item);
    cap = bytes.length;
  } else if (Array.isArray(item) || item instanceof Uint8Array) {
    cap = item.length;
  } else {
    throw new Error(`can't slice item of type ${typeName(item)}`);
  }
  const idx = [0, cap, 0];
  for (let i = 0; i < indexes.length; i++) idx[i] = indexArg(indirectInterface(indexes[i]), cap);
  if (idx[0]! > idx[1]!) throw new Error(`invalid slice index: ${idx[0]} > ${idx[1]}`);
  if (indexes.length === 3 && idx[1]! > idx[2]!)
    throw new Error(`invalid slice index: ${idx[1]} > ${idx[2]}`);
  if (bytes) return goString(bytes.subarray(idx[0], idx[1]));
  if (item instanceof Uint8Array) return item.slice(idx[0], idx[1]);
  const arr = item as unknown[];
  return typedSlice(sliceElemType(arr), arr.slice(idx[0], idx[1]));
}

/** Go's `len`. */
export function length(item: unknown): GoInt {
  if (item === null) throw new Error('len of nil pointer');
  if (item === undefined) throw new Error('reflect: call of reflect.Value.Type on zero Value');
  if (typeof item === 'string') return goInt(goByteLength(item));
  if (Array.isArray(item) || item instanceof Uint8Array) return goInt(item.length);
  if (isGoMap(item)) return goInt(Object.keys(item).length);
  throw new Error(`len of type ${typeName(item)}`);
}

/** Go's `html`: HTML-escapes the textual representation of its arguments. */
export function htmlEscapeString(s: string): string {
  if (!/['"&<>\0]/.test(s)) return s;
  return s.replace(/['"&<>\0]/g, (c) => HTML_ESC[c]!);
}
const HTML_ESC: Record<string, string> = {
  '\0': '\uFFFD',
  '"': '&#34;',
  "'": '&#39;',
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
};

/** Go's `JSEscapeString`. */
export function jsEscapeString(s: string): string {
  let out = '';
  for (const ch of s) {
    const r = ch.codePointAt(0)!;
    switch (ch) {
      case '\\':
        out += '\\\\';
        continue;
      case "'":
        out += "\\'";
        continue;
      case '"':
        out += '\\"';
        continue;
      case '<':
        out += '\\u003C';
        continue;
      case '>':
        out += '\\u003E';
        continue;
      case '&':
        out += '\\u0026';
        continue;
      case '=':
        out += '\\u003D';
        continue;
    }
    if (r < 0x20) out += '\\u00' + r.toString(16).toUpperCase().padStart(2, '0');
    // A lone surrogate is an invalid byte: Go sees RuneError, which is printable, and copies the byte.
    else if (r >= 0x80 && !isPrintRune(r) && !(r >= 0xd800 && r <= 0xdfff))
      out += '\\u' + r.toString(16).toUpperCase().padStart(4, '0');
    else out += ch;
  }
  return out;
}

/** Go's `url.QueryEscape`. */
export function urlQueryEscape(s: string): string {
  let out = '';
  for (const b of utf8Bytes(s)) {
    const c = String.fromCharCode(b);
    if (/[A-Za-z0-9\-_.~]/.test(c)) out += c;
    else if (c === ' ') out += '+';
    else out += '%' + b.toString(16).toUpperCase().padStart(2, '0');
  }
  return out;
}

/** Go's `evalArgs`: Sprint of the args, with nil printed as `<no value>`. */
function evalArgs(args: unknown[]): string {
  if (args.length === 1 && typeof args[0] === 'string') return args[0];
  return sprint(args.map((a) => (a === null || a === undefined ? '<no value>' : a)));
}

function callFn(name: string, fn: unknown, ...args: unknown[]): unknown {
  fn = indirectInterface(fn);
  if (fn === undefined) throw new Error('call of nil');
  if (!(fn instanceof GoFunc)) throw new Error(`non-function ${name} of type ${typeName(fn)}`);
  const sig = fn.sig;
  const numIn = sig.params.length;
  if (sig.variadic !== null) {
    if (args.length < numIn) {
      throw new Error(`wrong number of args for ${name}: got ${args.length} want at least ${numIn}`);
    }
  } else if (args.length !== numIn) {
    throw new Error(`wrong number of args for ${name}: got ${args.length} want ${numIn}`);
  }
  const argv = args.map((a, i) => {
    const t = i < numIn ? sig.params[i]! : sig.variadic!;
    a = indirectInterface(a);
    if (a === undefined) {
      if (t === 'interface {}' || t.startsWith('[]') || t.startsWith('map[') || t.startsWith('*'))
        return null;
      throw new Error(`arg ${i}: value is nil; should be of type ${t}`);
    }
    if (t === 'interface {}' || t === 'reflect.Value' || typeName(a) === t) return a;
    if (a instanceof GoInt && /^u?int/.test(t)) return new GoInt(t as GoInt['kind'], a.v);
    throw new Error(`arg ${i}: value has type ${typeName(a)}; should be ${t}`);
  });
  return (fn.fn as (...a: unknown[]) => unknown)(...argv);
}

/** Go's builtin function map. */
export function builtinFuncs(): FuncMap {
  return {
    and: goFunc('func(reflect.Value, ...reflect.Value) reflect.Value', () => {
      throw new Error('unreachable');
    }),
    or: goFunc('func(reflect.Value, ...reflect.Value) reflect.Value', () => {
      throw new Error('unreachable');
    }),
    call: goFunc('func(reflect.Value, ...reflect.Value) (reflect.Value, error)', callFn),
    html: goFunc('func(...interface {}) string', (...a: unknown[]) => htmlEscapeString(evalArgs(a))),
    index: goFunc('func(reflect.Value, ...reflect.Value) (reflect.Value, error)', index),
    slice: goFunc('func(reflect.Value, ...reflect.Value) (reflect.Value, error)', slice),
    js: goFunc('func(...interface {}) string', (...a: unknown[]) => jsEscapeString(evalArgs(a))),
    len: goFunc('func(reflect.Value) (int, error)', length),
    not: goFunc('func(reflect.Value) bool', (a: unknown) => !isTrue(indirectInterface(a))),
    print: goFunc('func(...interface {}) string', (...a: unknown[]) => sprint(a)),
    printf: goFunc('func(string, ...interface {}) string', (f: string, ...a: unknown[]) => sprintf(f, a)),
    println: goFunc('func(...interface {}) string', (...a: unknown[]) => sprintln(a)),
    urlquery: goFunc('func(...interface {}) string', (...a: unknown[]) => urlQueryEscape(evalArgs(a))),
    eq: goFunc('func(reflect.Value, ...reflect.Value) (bool, error)', eq),
    ge: goFunc('func(reflect.Value, reflect.Value) (bool, error)', (a: unknown, b: unknown) => !lt(a, b)),
    gt: goFunc('func(reflect.Value, reflect.Value) (bool, error)', (a: unknown, b: unknown) => !le(a, b)),
    le: goFunc('func(reflect.Value, reflect.Value) (bool, error)', le),
    lt: goFunc('func(reflect.Value, reflect.Value) (bool, error)', lt),
    ne: goFunc('func(reflect.Value, reflect.Value) (bool, error)', (a: unknown, b: unknown) => !eq(a, b)),
  };
}
