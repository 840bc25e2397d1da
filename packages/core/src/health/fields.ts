/**
 * Field accessors with apimachinery's `unstructured` semantics, as kstatus reads objects:
 * `nestedField` walks maps only (a missing key or a `null` on the way means "not found"; a
 * non-map on the way is an error), `nestedInt64`/`nestedString` fail on a value of another type,
 * and the lenient `intField`/`stringField`/`boolField` (kstatus `GetIntField`, ...) fall back to a
 * default instead.
 *
 * Integers are JavaScript numbers for which `Number.isInteger` holds (Go decodes them to `int64`).
 *
 * @internal
 * @see https://github.com/kubernetes/apimachinery/blob/master/pkg/apis/meta/v1/unstructured/helpers.go
 * @see https://github.com/kubernetes-sigs/cli-utils/blob/master/pkg/kstatus/status/util.go
 */

import { CoreError } from '../errors/GitOpsKitError.js';

/** A decoded object: plain JSON values. */
export type JsonMap = Record<string, unknown>;

/** Thrown by the strict accessors; `computeStatus` turns it into an `Unknown` result. */
export class FieldError extends CoreError {
  constructor(message: string) {
    super('InvalidObject', message);
  }
}

function isMap(v: unknown): v is JsonMap {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Go's `%T` of a decoded JSON value. */
function goType(v: unknown): string {
  if (v === null || v === undefined) return '<nil>';
  if (typeof v === 'string') return 'string';
  if (typeof v === 'boolean') return 'bool';
  if (typeof v === 'number') return Number.isInteger(v) ? 'int64' : 'float64';
  if (Array.isArray(v)) return '[]interface {}';
  return 'map[string]interface {}';
}

/** Go's `%v` of a decoded JSON value (scalars exactly; collections abbreviated). */
function goValue(v: unknown): string {
  if (v === null || v === undefined) return '<nil>';
  if (typeof v === 'string' || typeof v === 'boolean' || typeof v === 'number') return String(v);
  if (Array.isArray(v)) return `[${v.map(goValue).join(' ')}]`;
  return `map[${Object.keys(v as JsonMap)
    .sort()
    .map((k) => `${k}:${goValue((v as JsonMap)[k])}`)
    .join(' ')}]`;
}

const NOT_FOUND = Symbol('notFound');

/**
 * The value at `fields`, or `NOT_FOUND`. Throws `FieldError` when a non-map is met on the way.
 * apimachinery `NestedFieldNoCopy`.
 */
export function nestedField(obj: JsonMap, fields: readonly string[]): unknown | typeof NOT_FOUND {
  let val: unknown = obj;
  for (let i = 0; i < fields.length; i++) {
    if (val === null || val === undefined) return NOT_FOUND;
    if (!isMap(val)) {
      throw new FieldError(
        `.${fields.slice(0, i + 1).join('.')} accessor error: ${goValue(val)} is of the type ${goType(val)}, expected map[string]interface{}`,
      );
    }
    const field = fields[i]!;
    if (!Object.hasOwn(val, field)) return NOT_FOUND;
    val = val[field];
  }
  return val;
}

/** True when `v` is what `nestedField` returns for a missing field. */
export function isNotFound(v: unknown): v is typeof NOT_FOUND {
  return v === NOT_FOUND;
}

/** apimachinery `NestedInt64`: `undefined` when absent; throws `FieldError` on another type. */
export function nestedInt64(obj: JsonMap, fields: readonly string[]): number | undefined {
  const v = nestedField(obj, fields);
  if (v === NOT_FOUND) return undefined;
  if (typeof v === 'number' && Number.isInteger(v)) return v;
  throw new FieldError(
    `.${fields.join('.')} accessor error: ${goValue(v)} is of the type ${goType(v)}, expected int64`,
  );
}

/** apimachinery `NestedString`: `undefined` when absent; throws `FieldError` on another type. */
export function nestedString(obj: JsonMap, fields: readonly string[]): string | undefined {
  const v = nestedField(obj, fields);
  if (v === NOT_FOUND) return undefined;
  if (typeof v === 'string') return v;
  throw new FieldError(
    `.${fields.join('.')} accessor error: ${goValue(v)} is of the type ${goType(v)}, expected string`,
  );
}

/** apimachinery `NestedSlice`: `undefined` when absent; throws `FieldError` on another type. */
export function nestedSlice(obj: JsonMap, fields: readonly string[]): unknown[] | undefined {
  const v = nestedField(obj, fields);
  if (v === NOT_FOUND) return undefined;
  if (Array.isArray(v)) return v;
  throw new FieldError(
    `.${fields.join('.')} accessor error: ${goValue(v)} is of the type ${goType(v)}, expected []interface{}`,
  );
}

/** apimachinery `NestedBool`, lenient: `undefined` when absent, of another type, or unreachable. */
export function nestedBool(obj: JsonMap, fields: readonly string[]): boolean | undefined {
  const v = lenient(obj, fields);
  return typeof v === 'boolean' ? v : undefined;
}

function lenient(obj: JsonMap, fields: readonly string[]): unknown {
  let val: unknown = obj;
  for (const field of fields) {
    if (!isMap(val) || !Object.hasOwn(val, field)) return NOT_FOUND;
    val = val[field];
  }
  return val;
}

/** kstatus `GetIntField`: the integer at `fields`, else `def` (absent, unreachable or not an integer). */
export function intField(obj: JsonMap, fields: readonly string[], def: number): number {
  const v = lenient(obj, fields);
  return typeof v === 'number' && Number.isInteger(v) ? v : def;
}

/** kstatus `GetStringField`: the string at `fields`, else `def`. */
export function stringField(obj: JsonMap, fields: readonly string[], def: string): string {
  const v = lenient(obj, fields);
  return typeof v === 'string' ? v : def;
}

/** kstatus `GetBoolField`: the bool at `fields`, else `def`. */
export function boolField(obj: JsonMap, fields: readonly string[], def: boolean): boolean {
  const v = lenient(obj, fields);
  return typeof v === 'boolean' ? v : def;
}

/** One entry of `status.conditions` as kstatus reads it (`BasicCondition`); absent strings are `''`. */
export interface BasicCondition {
  type: string;
  status: string;
  reason: string;
  message: string;
}

const EMPTY: readonly BasicCondition[] = Object.freeze([]);
const CONDITION_FIELDS = ['type', 'status', 'reason', 'message'] as const;

/**
 * `status.conditions` decoded as kstatus's `GetObjectWithConditions` does (apimachinery's
 * `FromUnstructured` into `{status: {conditions: []BasicCondition}}`): `null`s decode to zero
 * values, unknown fields are ignored, and a value of the wrong type is an error.
 *
 * @throws {FieldError} when `status`, `status.conditions` or a condition field has the wrong type.
 */
export function readConditions(obj: JsonMap): readonly BasicCondition[] {
  const status = obj.status;
  if (status === undefined || status === null) return EMPTY;
  if (!isMap(status)) throw new FieldError(`status: cannot decode ${goType(status)} into a struct`);
  const list = status.conditions;
  if (list === undefined || list === null) return EMPTY;
  if (!Array.isArray(list)) {
    throw new FieldError(`status.conditions: cannot decode ${goType(list)} into a slice`);
  }
  const out: BasicCondition[] = new Array(list.length);
  for (let i = 0; i < list.length; i++) {
    const c = list[i];
    if (c === null || c === undefined) {
      out[i] = { type: '', status: '', reason: '', message: '' };
      continue;
    }
    if (!isMap(c)) throw new FieldError(`status.conditions[${i}]: cannot decode ${goType(c)} into a struct`);
    for (const f of CONDITION_FIELDS) {
      const v = c[f];
      if (v !== undefined && v !== null && typeof v !== 'string') {
        throw new FieldError(`status.conditions[${i}].${f}: cannot decode ${goType(v)} into a string`);
      }
    }
    out[i] = {
      type: (c.type as string | null | undefined) ?? '',
      status: (c.status as string | null | undefined) ?? '',
      reason: (c.reason as string | null | undefined) ?? '',
      message: (c.message as string | null | undefined) ?? '',
    };
  }
  return out;
}
