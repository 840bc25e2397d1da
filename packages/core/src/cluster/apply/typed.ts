/**
 * Schema-aware walks over JSON values, as structured-merge-diff's `typed` package: the field set a
 * value sets, merging an applied configuration into a live object, comparing two objects into
 * added/modified/removed fields, and removing items. Values are plain JSON (`undefined` = absent).
 *
 * @see https://github.com/kubernetes-sigs/structured-merge-diff/tree/v4.0.2/typed
 * @internal
 */
import { type FieldPath, FieldSet, type PathElement, formatFieldPath, valuesEqual } from './fieldSet.js';
import type { Atom, ListType, MapType, TypeRef } from './schema.js';

/** A value does not fit the schema; `path` is where, as the API server prints it. */
export class SchemaError extends Error {
  constructor(
    readonly path: string,
    readonly reason: string,
  ) {
    super(path ? `${path}: ${reason}` : reason);
  }
}

type Json = unknown;
type Obj = Record<string, Json>;

const isMap = (v: Json): v is Obj => v !== null && typeof v === 'object' && !Array.isArray(v);
const isScalar = (v: Json) => typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean';

/** Picks the alternative of an (untyped) atom that fits the value, as `deduceAtom`. */
function deduce(a: Atom, v: Json): 'scalar' | 'list' | 'map' | undefined {
  if (v !== null && v !== undefined) {
    if (isScalar(v) && a.scalar) return 'scalar';
    if (Array.isArray(v) && a.list) return 'list';
    if (isMap(v) && a.map) return 'map';
  }
  if (a.map) return 'map';
  if (a.scalar) return 'scalar';
  if (a.list) return 'list';
  return undefined;
}

function describe(v: Json): string {
  if (Array.isArray(v)) return 'list';
  if (isMap(v)) return 'map';
  return JSON.stringify(v);
}

function checkScalar(a: Atom, v: Json, path: FieldPath): void {
  if (v === null || v === undefined) return;
  const t = a.scalar;
  if (!isScalar(v)) throw new SchemaError(formatFieldPath(path), `expected ${t}, got ${describe(v)}`);
  if (t === 'string' && typeof v !== 'string')
    throw new SchemaError(formatFieldPath(path), `expected string, got ${describe(v)}`);
  if (t === 'number' && typeof v !== 'number')
    throw new SchemaError(formatFieldPath(path), `expected numeric (int or float), got ${describe(v)}`);
  if (t === 'boolean' && typeof v !== 'boolean')
    throw new SchemaError(formatFieldPath(path), `expected boolean, got ${describe(v)}`);
}

function asList(v: Json, path: FieldPath): Json[] | undefined {
  if (v === null || v === undefined) return undefined;
  if (!Array.isArray(v)) throw new SchemaError(formatFieldPath(path), `expected list, got ${describe(v)}`);
  return v;
}

function asMap(v: Json, path: FieldPath): Obj | undefined {
  if (v === null || v === undefined) return undefined;
  if (!isMap(v)) throw new SchemaError(formatFieldPath(path), `expected map, got ${describe(v)}`);
  return v;
}

function fieldType(t: MapType, key: string, path: FieldPath): TypeRef {
  const ft = t.fields.get(key) ?? t.elem;
  if (!ft) throw new SchemaError(formatFieldPath([...path, { field: key }]), 'field not declared in schema');
  return ft;
}

/** The path element of list item `i`: by keys (list map), by value (set), else by index. */
export function listItemElement(t: ListType, i: number, item: Json, path: FieldPath): PathElement {
  if (t.relationship === 'associative') {
    if (t.keys.length > 0) {
      if (!isMap(item)) {
        throw new SchemaError(
          formatFieldPath(path),
          'associative list with keys may not have non-map elements',
        );
      }
      const key: [string, Json][] = [];
      for (const k of t.keys) {
        if (!(k in item) || item[k] === undefined) {
          throw new SchemaError(
            formatFieldPath(path),
            `associative list with keys has an element that omits key field "${k}" (and doesn't have default value)`,
          );
        }
        key.push([k, item[k]]);
      }
      key.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
      return { key };
    }
    if (item === null || !isScalar(item)) {
      throw new SchemaError(
        formatFieldPath(path),
        'associative list without keys has an element that is not a scalar',
      );
    }
    return { value: item };
  }
  return { index: i };
}

/** Every leaf field and item the value sets (`TypedValue.ToFieldSet`). @throws SchemaError */
export function toFieldSet(value: Json, type: TypeRef): FieldSet {
  const set = new FieldSet();
  const walk = (v: Json, t: TypeRef, path: PathElement[]) => {
    const a = t.resolve();
    switch (deduce(a, v)) {
      case 'scalar':
        checkScalar(a, v, path);
        set.insert(path);
        return;
      case 'list': {
        const lt = a.list!;
        const list = asList(v, path);
        if (lt.relationship === 'atomic') {
          set.insert(path);
          return;
        }
        if (!list) return;
        const seen = new Set<string>();
        list.forEach((item, i) => {
          const pe = listItemElement(lt, i, item, path);
          const child = [...path, pe];
          const id = JSON.stringify(pe);
          if (seen.has(id))
            throw new SchemaError(
              formatFieldPath(path),
              `duplicate entries for key ${formatFieldPath([pe])}`,
            );
          seen.add(id);
          walk(item, lt.elem, child);
          set.insert(child);
        });
        return;
      }
      case 'map': {
        const mt = a.map!;
        const m = asMap(v, path);
        if (mt.atomic) {
          set.insert(path);
          return;
        }
        if (!m) return;
        for (const [k, x] of Object.entries(m)) {
          if (x === undefined) continue;
          const child = [...path, { field: k }];
          walk(x, fieldType(mt, k, path), child);
          if (!mt.fields.has(k)) set.insert(child);
        }
        return;
      }
      default:
        throw new SchemaError(formatFieldPath(path), 'schema error: invalid atom');
    }
  };
  walk(value, type, []);
  return set;
}

interface MergeHooks {
  /** Called on leaves (scalars, atomic or empty containers) with both sides. */
  leaf(path: FieldPath, lhs: Json, rhs: Json): void;
  /** Called on non-leaf containers after their items. */
  container?(path: FieldPath, lhs: Json, rhs: Json): void;
}

/**
 * Walks `lhs` and `rhs` together under a type (`mergingWalker`): leaves take `rhs` when set, else
 * `lhs`; containers merge item by item (lists keep `lhs` order, then new `rhs` items in their order).
 * Returns the merged value (`undefined` when empty).
 */
function walkMerge(lhs: Json, rhs: Json, type: TypeRef, hooks: MergeHooks): Json {
  const merge = (l: Json, r: Json, t: TypeRef, path: PathElement[]): Json => {
    const a = t.resolve();
    const al = deduce(a, l);
    const ar = deduce(a, r === undefined ? l : r);
    if (l !== undefined && r !== undefined && al !== ar) {
      // The kind changed (untyped field): walk the old side for removals, then take the new side.
      handle(al, a, l, undefined, path, true);
      return handle(ar, a, undefined, r, path, false, l);
    }
    return handle(ar ?? al, a, l, r, path, false);
  };

  const handle = (
    kind: 'scalar' | 'list' | 'map' | undefined,
    a: Atom,
    l: Json,
    r: Json,
    path: PathElement[],
    discard: boolean,
    leafLhs: Json = l,
  ): Json => {
    const leaf = (): Json => {
      hooks.leaf(path, leafLhs, r);
      return r !== undefined ? r : l;
    };
    switch (kind) {
      case 'scalar':
        checkScalar(a, l, path);
        checkScalar(a, r, path);
        return leaf();
      case 'list': {
        const lt = a.list!;
        const ll = asList(l, path);
        const rl = asList(r, path);
        if (lt.relationship === 'atomic' || ((!ll || ll.length === 0) && (!rl || rl.length === 0)))
          return leaf();
        const out: Json[] = [];
        const rItems = new Map<string, { pe: PathElement; v: Json }>();
        for (const [i, item] of (rl ?? []).entries()) {
          const pe = listItemElement(lt, i, item, path);
          const id = JSON.stringify(pe);
          if (rItems.has(id))
            throw new SchemaError(
              formatFieldPath(path),
              `duplicate entries for key ${formatFieldPath([pe])}`,
            );
          rItems.set(id, { pe, v: item });
        }
        const seenL = new Set<string>();
        for (const [i, item] of (ll ?? []).entries()) {
          const pe = listItemElement(lt, i, item, path);
          const id = JSON.stringify(pe);
          if (seenL.has(id)) continue;
          seenL.add(id);
          const v = merge(item, rItems.get(id)?.v, lt.elem, [...path, pe]);
          if (v !== undefined) out.push(v);
        }
        for (const [id, { pe, v: item }] of rItems) {
          if (seenL.has(id)) continue;
          const v = merge(undefined, item, lt.elem, [...path, pe]);
          if (v !== undefined) out.push(v);
        }
        if (!discard) hooks.container?.(path, l, r);
        return out.length > 0 ? out : undefined;
      }
      case 'map': {
        const mt = a.map!;
        const lm = asMap(l, path);
        const rm = asMap(r, path);
        const emptyL = !lm || Object.keys(lm).length === 0;
        const emptyR = !rm || Object.keys(rm).length === 0;
        if (mt.atomic || (emptyL && emptyR)) return leaf();
        const out: Obj = {};
        const keys = new Set([...Object.keys(lm ?? {}), ...Object.keys(rm ?? {})]);
        for (const k of keys) {
          const lv = lm?.[k];
          const rv = rm?.[k];
          if (lv === undefined && rv === undefined) continue;
          const v = merge(lv, rv, fieldType(mt, k, path), [...path, { field: k }]);
          if (v !== undefined) out[k] = v;
        }
        if (!discard) hooks.container?.(path, l, r);
        return Object.keys(out).length > 0 ? out : undefined;
      }
      default:
        throw new SchemaError(formatFieldPath(path), 'schema error: invalid atom');
    }
  };
  return merge(lhs, rhs, type, []);
}

/** `live` with `config` merged in (`TypedValue.Merge`): no field is removed, `config` wins on leaves. @throws SchemaError */
export function mergeValues(live: Json, config: Json, type: TypeRef): Json {
  return walkMerge(live, config, type, { leaf() {} }) ?? {};
}

/** Fields added, modified and removed going from `lhs` to `rhs` (`TypedValue.Compare`). */
export interface Comparison {
  added: FieldSet;
  modified: FieldSet;
  removed: FieldSet;
}

/** Compares two objects field by field. @throws SchemaError */
export function compareValues(lhs: Json, rhs: Json, type: TypeRef): Comparison {
  const c: Comparison = { added: new FieldSet(), modified: new FieldSet(), removed: new FieldSet() };
  walkMerge(lhs, rhs, type, {
    leaf(path, l, r) {
      if (l === undefined) c.added.insert(path);
      else if (r === undefined) c.removed.insert(path);
      else if (!valuesEqual(l, r)) c.modified.insert(path);
    },
    container(path, l, r) {
      if (l === undefined) c.added.insert(path);
      else if (r === undefined) c.removed.insert(path);
    },
  });
  return c;
}

/** True when a comparison found no difference. */
export function isSame(c: Comparison): boolean {
  return c.added.empty() && c.modified.empty() && c.removed.empty();
}

/**
 * Removes each listed field and item (`TypedValue.RemoveItems`). A container left empty becomes
 * `null` in its parent, as structured-merge-diff does.
 */
export function removeItems(value: Json, toRemove: FieldSet, type: TypeRef): Json {
  const walk = (v: Json, rm: FieldSet, t: TypeRef): Json => {
    const a = t.resolve();
    switch (deduce(a, v)) {
      case 'list': {
        const lt = a.list!;
        if (!Array.isArray(v) || v.length === 0 || lt.relationship === 'atomic') return null;
        const out: Json[] = [];
        v.forEach((item, i) => {
          const pe = listItemElement(lt, i, item, []);
          if (rm.has([pe])) return;
          const sub = rm.withPrefix(pe);
          out.push(sub.empty() ? item : walk(item, sub, lt.elem));
        });
        return out.length > 0 ? out : null;
      }
      case 'map': {
        const mt = a.map!;
        if (!isMap(v) || Object.keys(v).length === 0 || mt.atomic) return null;
        const out: Obj = {};
        for (const [k, x] of Object.entries(v)) {
          if (x === undefined) continue;
          const pe = { field: k };
          if (rm.has([pe])) continue;
          const sub = rm.withPrefix(pe);
          out[k] = sub.empty() ? x : walk(x, sub, mt.fields.get(k) ?? mt.elem ?? t);
        }
        return Object.keys(out).length > 0 ? out : null;
      }
      default:
        return v;
    }
  };
  return walk(value, toRemove, type);
}

/**
 * Drops fields the schema does not declare (what decoding into a typed struct, or structural
 * pruning of custom resources, does on create and update). Returns a new value.
 */
export function pruneUnknown(value: Json, type: TypeRef): Json {
  const walk = (v: Json, t: TypeRef): Json => {
    const a = t.resolve();
    switch (deduce(a, v)) {
      case 'list':
        if (!Array.isArray(v)) return v;
        return v.map((x) => walk(x, a.list!.elem));
      case 'map': {
        if (!isMap(v)) return v;
        const mt = a.map!;
        const out: Obj = {};
        for (const [k, x] of Object.entries(v)) {
          const ft = mt.fields.get(k) ?? mt.elem;
          if (!ft) continue;
          out[k] = walk(x, ft);
        }
        return out;
      }
      default:
        return v;
    }
  };
  return walk(value, type);
}
