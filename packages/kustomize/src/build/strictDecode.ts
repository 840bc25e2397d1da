/**
 * How kustomize reads its own configuration files (kustomization files, `configurations`):
 * `sigs.k8s.io/yaml.YAMLToJSON` (go-yaml v2, YAML 1.1: `yes`/`on` are booleans, `0755` is octal)
 * followed by `encoding/json` decoding with `DisallowUnknownFields` into Go structs: field names
 * match case-insensitively, a value of the wrong JSON type is an error naming the struct field.
 *
 * @see https://github.com/kubernetes-sigs/yaml/blob/v1.4.0/yaml.go (YAMLToJSON)
 */
import { Kind, Style, Tag, type YNode } from '../yaml/node.js';
import { formatGoFloatG } from '../yaml/emit.js';
import { type GoValue, decodeScalar } from '../yaml/resolve.js';

/** A JSON value as `YAMLToJSON` produces it (object keys in Go's sorted order). */
export type JsonValue = null | boolean | string | JsonNumber | JsonValue[] | JsonObject;
export interface JsonNumber {
  readonly num: string;
}
export interface JsonObject {
  readonly obj: Map<string, JsonValue>;
}

/** An error converting or decoding; the message is Go's wording. */
export class DecodeError extends Error {}

function goFloat32G(f: number): string {
  // strconv.FormatFloat(f, 'g', -1, 32): shortest digits that round-trip through float32.
  const f32 = Math.fround(f);
  if (Number.isNaN(f32)) return '.nan';
  if (!Number.isFinite(f32)) return f32 > 0 ? '.inf' : '-.inf';
  for (let p = 1; p <= 9; p++) {
    const d = Number(f32.toPrecision(p));
    if (Math.fround(d) === f32) return formatGoFloatG(d);
  }
  return formatGoFloatG(f32);
}

function goValueToJson(v: GoValue): JsonValue {
  if (v === null || typeof v === 'boolean' || typeof v === 'string') return v;
  if (Array.isArray(v)) return v.map(goValueToJson);
  switch (v.t) {
    case 'int':
      return { num: v.big !== undefined ? v.big.toString() : String(v.n) };
    case 'float':
      if (!Number.isFinite(v.f)) throw new DecodeError(`json: unsupported value: ${v.f}`);
      return { num: String(v.f) };
    case 'time':
      return v.rfc3339;
    case 'map': {
      const m = new Map<string, JsonValue>();
      for (let i = 0; i < v.keys.length; i++) m.set(v.keys[i]!, goValueToJson(v.values[i]!));
      return { obj: m };
    }
  }
}

/**
 * go-yaml v2 decode of a node into `interface{}` followed by YAMLToJSON's key stringification.
 */
export function yamlNodeToJson(n: YNode): JsonValue {
  const seen = new Set<YNode>();
  const conv = (x: YNode): JsonValue => {
    switch (x.kind) {
      case Kind.Document:
        return x.content[0] ? conv(x.content[0]) : null;
      case Kind.Alias:
        if (!x.alias) return null;
        if (seen.has(x.alias)) throw new DecodeError('yaml: anchor refers to itself');
        seen.add(x.alias);
        try {
          return conv(x.alias);
        } finally {
          seen.delete(x.alias);
        }
      case Kind.Scalar: {
        let gv: GoValue;
        try {
          gv = decodeScalar(
            x.value,
            x.style & Style.Tagged ? x.tag : x.tag === Tag.Str && (x.style & 30) === 0 ? '' : x.tag,
            x.style,
            true,
          );
        } catch (e) {
          throw new DecodeError(`yaml: ${(e as Error).message}`);
        }
        if (gv !== null && typeof gv === 'object' && !Array.isArray(gv) && gv.t === 'time') return x.value;
        return goValueToJson(gv);
      }
      case Kind.Sequence:
        return x.content.map(conv);
      case Kind.Mapping: {
        const m = new Map<string, JsonValue>();
        const c = x.content;
        for (let i = 0; i + 1 < c.length; i += 2) {
          const k = c[i]!;
          if (
            k.kind === Kind.Scalar &&
            k.value === '<<' &&
            (k.style & 30) === 0 &&
            (k.tag === Tag.Merge || k.tag === '')
          ) {
            const src = c[i + 1]!;
            const target = src.kind === Kind.Alias && src.alias ? src.alias : src;
            const sources = target.kind === Kind.Sequence ? target.content : [target];
            for (const s of sources) {
              const mv = conv(s);
              if (mv === null || typeof mv !== 'object' || !('obj' in mv)) {
                throw new DecodeError('yaml: map merge requires map or sequence of maps as the value');
              }
              for (const [mk, mvv] of mv.obj) if (!m.has(mk)) m.set(mk, mvv);
            }
            continue;
          }
          const key = conv(k);
          let ks: string;
          if (typeof key === 'string') ks = key;
          else if (typeof key === 'boolean') ks = key ? 'true' : 'false';
          else if (key !== null && typeof key === 'object' && 'num' in key) {
            ks = /[.eE]/.test(key.num) ? goFloat32G(Number(key.num)) : key.num;
          } else throw new DecodeError(`unsupported map key of type: ${key === null ? '<nil>' : 'map'}`);
          m.set(ks, conv(c[i + 1]!));
        }
        return { obj: new Map([...m.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) };
      }
    }
    return null;
  };
  return conv(n);
}

// ---- strict decoding into typed shapes --------------------------------------------------------------

/** The shape of a Go type for decoding. */
export type Shape =
  | { k: 'string' }
  | { k: 'bool' }
  | { k: 'int'; go: string }
  | { k: 'any' }
  | { k: 'map'; v: Shape; go: string }
  | { k: 'list'; e: Shape; go: string }
  | { k: 'struct'; go: string; fields: Record<string, Shape> };

export const S = {
  string: { k: 'string' } as Shape,
  bool: { k: 'bool' } as Shape,
  int64: { k: 'int', go: 'int64' } as Shape,
  int: { k: 'int', go: 'int' } as Shape,
  any: { k: 'any' } as Shape,
  map(v: Shape, go = 'map[string]string'): Shape {
    return { k: 'map', v, go };
  },
  list(e: Shape, go: string): Shape {
    return { k: 'list', e, go };
  },
  struct(go: string, fields: Record<string, Shape>): Shape {
    return { k: 'struct', go, fields };
  },
};

function goTypeName(s: Shape): string {
  switch (s.k) {
    case 'string':
      return 'string';
    case 'bool':
      return 'bool';
    case 'int':
      return s.go;
    case 'any':
      return 'interface {}';
    case 'map':
    case 'list':
    case 'struct':
      return s.go;
  }
}

function jsonKind(v: JsonValue): string {
  if (v === null) return 'null';
  if (typeof v === 'boolean') return 'bool';
  if (typeof v === 'string') return 'string';
  if (Array.isArray(v)) return 'array';
  if ('num' in v) return 'number';
  return 'object';
}

interface Ctx {
  firstError: string | null;
}

/**
 * Decodes `v` into a plain JS value following `shape` with encoding/json's rules (unknown fields
 * rejected). Throws {@link DecodeError} with Go's message for the first problem.
 */
export function strictDecode(v: JsonValue, shape: Shape, rootStruct: string): unknown {
  const ctx: Ctx = { firstError: null };
  const out = decode(v, shape, ctx, rootStruct, []);
  if (ctx.firstError) throw new DecodeError(ctx.firstError);
  return out;
}

function typeError(ctx: Ctx, v: JsonValue, shape: Shape, struct: string, stack: string[]): void {
  if (ctx.firstError) return;
  const what = jsonKind(v) === 'number' ? `number ${(v as JsonNumber).num}` : jsonKind(v);
  const valueDesc = jsonKind(v) === 'number' && shape.k !== 'int' ? 'number' : what;
  ctx.firstError =
    stack.length > 0
      ? `json: cannot unmarshal ${valueDesc} into Go struct field ${struct}.${stack.join('.')} of type ${goTypeName(shape)}`
      : `json: cannot unmarshal ${valueDesc} into Go value of type ${goTypeName(shape)}`;
}

function decode(v: JsonValue, shape: Shape, ctx: Ctx, struct: string, stack: string[]): unknown {
  if (v === null) return undefined;
  switch (shape.k) {
    case 'any':
      return jsonToPlain(v);
    case 'string':
      if (typeof v === 'string') return v;
      typeError(ctx, v, shape, struct, stack);
      return undefined;
    case 'bool':
      if (typeof v === 'boolean') return v;
      typeError(ctx, v, shape, struct, stack);
      return undefined;
    case 'int':
      if (typeof v === 'object' && !Array.isArray(v) && 'num' in v && /^-?\d+$/.test(v.num))
        return Number(v.num);
      typeError(ctx, v, shape, struct, stack);
      return undefined;
    case 'list':
      if (!Array.isArray(v)) {
        typeError(ctx, v, shape, struct, stack);
        return undefined;
      }
      return v.map((x) => decode(x, shape.e, ctx, struct, stack));
    case 'map': {
      if (typeof v !== 'object' || Array.isArray(v) || !('obj' in v)) {
        typeError(ctx, v, shape, struct, stack);
        return undefined;
      }
      const out: Record<string, unknown> = {};
      for (const [k, x] of v.obj) {
        const d = decode(x, shape.v, ctx, struct, stack);
        if (d !== undefined || shape.v.k === 'any') out[k] = d === undefined ? null : d;
        else if (x === null) out[k] = shape.v.k === 'string' ? '' : null;
      }
      return out;
    }
    case 'struct': {
      if (typeof v !== 'object' || Array.isArray(v) || !('obj' in v)) {
        typeError(ctx, v, shape, struct, stack);
        return undefined;
      }
      const out: Record<string, unknown> = {};
      const names = Object.keys(shape.fields);
      for (const [k, x] of v.obj) {
        let name = names.find((n) => n === k);
        if (name === undefined) name = names.find((n) => n.toLowerCase() === k.toLowerCase());
        if (name === undefined) {
          if (!ctx.firstError) ctx.firstError = `json: unknown field "${k}"`;
          continue;
        }
        const d = decode(x, shape.fields[name]!, ctx, shape.go.replace(/^types\./, ''), [...stack, name]);
        if (d !== undefined) out[name] = d;
      }
      return out;
    }
  }
}

function jsonToPlain(v: JsonValue): unknown {
  if (v === null || typeof v === 'boolean' || typeof v === 'string') return v;
  if (Array.isArray(v)) return v.map(jsonToPlain);
  if ('num' in v) return Number(v.num);
  const o: Record<string, unknown> = {};
  for (const [k, x] of v.obj) o[k] = jsonToPlain(x);
  return o;
}
