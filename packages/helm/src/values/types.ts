/**
 * Helm's values as Go sees them, in JavaScript:
 *
 * | Go | here |
 * | --- | --- |
 * | `map[string]interface{}` | plain object ({@link ValueMap}) |
 * | `[]interface{}` | array |
 * | `string` | string |
 * | `float64` (every number from YAML/JSON values) | number |
 * | `int64` (integers from `--set`) | bigint |
 * | `bool` | boolean |
 * | `nil` | null |
 *
 * Keys are always tested with `Object.hasOwn`, never `in`, and `__proto__` is stored as an own
 * property (see the internal `setKey`).
 */
export type Value = null | boolean | number | bigint | string | Value[] | ValueMap;

/** A Go `map[string]interface{}`. */
export interface ValueMap {
  [key: string]: Value;
}

/** True for a values table (`map[string]interface{}`), the `istable` of Helm's chartutil. */
export function isTable(v: unknown): v is ValueMap {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && !ArrayBuffer.isView(v);
}

/** Own-property lookup: `undefined` when `key` is absent (a present Go `nil` is `null`). */
export function getKey(m: ValueMap, key: string): Value | undefined {
  return Object.hasOwn(m, key) ? m[key] : undefined;
}

/** Sets `m[key] = v` as an own property, also for the key `__proto__`. */
export function setKey(m: ValueMap, key: string, v: Value): void {
  if (key === '__proto__')
    Object.defineProperty(m, key, { value: v, enumerable: true, writable: true, configurable: true });
  else m[key] = v;
}

/** A new empty table. */
export function newTable(): ValueMap {
  return {};
}

/** Deep copy of a value (Go's `copystructure.Copy`). */
export function deepCopy<T extends Value>(v: T): T {
  if (Array.isArray(v)) return v.map((x) => deepCopy(x)) as T;
  if (isTable(v)) {
    const out: ValueMap = {};
    for (const k of Object.keys(v)) setKey(out, k, deepCopy(v[k] as Value));
    return out as T;
  }
  return v;
}

/** Go's `%T`-style type name of a value, for messages (`map[string]interface {}`, `[]interface {}`, `float64`, ...). */
export function goTypeName(v: Value | undefined): string {
  if (v === null || v === undefined) return 'nil';
  if (Array.isArray(v)) return '[]interface {}';
  switch (typeof v) {
    case 'string':
      return 'string';
    case 'number':
      return 'float64';
    case 'bigint':
      return 'int64';
    case 'boolean':
      return 'bool';
    default:
      return 'map[string]interface {}';
  }
}
