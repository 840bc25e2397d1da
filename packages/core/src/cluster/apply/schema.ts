/**
 * Structural schemas for server-side apply: which lists are atomic, sets or maps keyed by which
 * fields, which maps are atomic, which fields are scalars of which type. Built-in kinds use the
 * compact table generated from the v1.20.2 OpenAPI document (plus `modernKinds.ts`); custom resources convert their CRD's
 * `openAPIV3Schema` the way kube-openapi's `schemaconv` does.
 *
 * @see https://github.com/kubernetes/kube-openapi/blob/master/pkg/schemaconv/smd.go
 * @internal
 */
import { builtinKindTypes, builtinTypes } from '../generated/kube-v1.20.js';
import { modernKindTypes, modernTypes } from '../modernKinds.js';

/** A scalar kind: `string`, `number`, `boolean`, or `untyped` (any scalar). */
export type ScalarType = 'string' | 'number' | 'boolean' | 'untyped';

/** A map or struct: known `fields`, the type of other keys (`elem`, absent: unknown keys are errors). */
export interface MapType {
  fields: Map<string, TypeRef>;
  elem?: TypeRef;
  atomic: boolean;
}

/** A list: `atomic`, or associative (`set` of scalars, or `map` keyed by `keys`). */
export interface ListType {
  elem: TypeRef;
  relationship: 'atomic' | 'associative';
  keys: string[];
}

/** What a value of a type may be (several when untyped). */
export interface Atom {
  scalar?: ScalarType;
  list?: ListType;
  map?: MapType;
}

/** A type: resolved lazily so recursive schemas (JSONSchemaProps) work. */
export interface TypeRef {
  resolve(): Atom;
}

const fixed = (a: Atom): TypeRef => ({ resolve: () => a });

/** `__untyped_atomic_`: any value, owned as a whole. */
export const untypedAtomic: TypeRef = (() => {
  const a: Atom = { scalar: 'untyped' };
  const ref = fixed(a);
  a.list = { elem: ref, relationship: 'atomic', keys: [] };
  a.map = { fields: new Map(), elem: ref, atomic: true };
  return ref;
})();

/** `__untyped_deduced_`: any value; maps are granular, lists atomic. */
export const untypedDeduced: TypeRef = (() => {
  const a: Atom = { scalar: 'untyped' };
  const ref = fixed(a);
  a.list = { elem: untypedAtomic, relationship: 'atomic', keys: [] };
  a.map = { fields: new Map(), elem: ref, atomic: false };
  return ref;
})();

const scalarRefs: Record<string, TypeRef> = {
  s: fixed({ scalar: 'string' }),
  n: fixed({ scalar: 'number' }),
  b: fixed({ scalar: 'boolean' }),
  x: fixed({ scalar: 'untyped' }),
  u: untypedAtomic,
  d: untypedDeduced,
};

const named = new Map<string, TypeRef>();

interface CompactMap {
  f: Record<string, unknown>;
  e?: unknown;
  a?: 1;
}
interface CompactList {
  l: unknown;
  t: 'a' | 's' | 'm';
  k?: string[];
}

function compactRef(c: unknown): TypeRef {
  if (typeof c === 'string') {
    const s = scalarRefs[c];
    if (s) return s;
    return namedRef(c);
  }
  let atom: Atom | undefined;
  return {
    resolve() {
      if (atom) return atom;
      if ('l' in (c as object)) {
        const l = c as CompactList;
        atom = {
          list: {
            elem: compactRef(l.l),
            relationship: l.t === 'a' ? 'atomic' : 'associative',
            keys: l.t === 'm' ? (l.k ?? []) : [],
          },
        };
      } else {
        const m = c as CompactMap;
        const fields = new Map<string, TypeRef>();
        for (const [k, v] of Object.entries(m.f)) fields.set(k, compactRef(v));
        const map: MapType = { fields, atomic: m.a === 1 };
        if (m.e !== undefined) map.elem = compactRef(m.e);
        atom = { map };
      }
      return atom;
    },
  };
}

function namedRef(name: string): TypeRef {
  let ref = named.get(name);
  if (!ref) {
    let atom: Atom | undefined;
    ref = {
      resolve() {
        if (!atom) {
          const c = builtinTypes[name] ?? modernTypes[name];
          if (c === undefined) throw new Error(`schema: no type ${name}`);
          atom = compactRef(c).resolve();
        }
        return atom;
      },
    };
    named.set(name, ref);
  }
  return ref;
}

/** The type of a built-in kind (`apiVersion` + `kind`), or `undefined` when it is not built in. */
export function builtinKindType(apiVersion: string, kind: string): TypeRef | undefined {
  const name = builtinKindTypes[`${apiVersion}/${kind}`] ?? modernKindTypes[`${apiVersion}/${kind}`];
  return name === undefined ? undefined : namedRef(name);
}

/** `ObjectMeta`, which custom resources embed as `metadata`. */
export const objectMetaType: TypeRef = namedRef('apimachinery.pkg.apis.meta.v1.ObjectMeta');

/**
 * Converts a CRD version's `openAPIV3Schema` into a type, as the API server does for custom
 * resources: `metadata` is `ObjectMeta`, `apiVersion`/`kind` are strings, `x-kubernetes-list-type`
 * and `-list-map-keys` make associative lists (lists are atomic otherwise), `x-kubernetes-map-type`,
 * `x-kubernetes-preserve-unknown-fields` makes unknown fields deduced, `x-kubernetes-int-or-string`
 * is an untyped scalar. A missing schema gives a deduced type.
 */
export function crdType(openAPIV3Schema: unknown): TypeRef {
  const root = convertJsonSchema(openAPIV3Schema, false);
  const atom = root.resolve();
  const fields = new Map(atom.map?.fields ?? []);
  fields.set('apiVersion', scalarRefs.s!);
  fields.set('kind', scalarRefs.s!);
  fields.set('metadata', objectMetaType);
  const map: MapType = { fields, atomic: false };
  const elem = atom.map?.elem;
  if (elem) map.elem = elem;
  return fixed({ map });
}

function convertJsonSchema(s: unknown, preserve: boolean): TypeRef {
  if (s === null || typeof s !== 'object') return preserve ? untypedDeduced : untypedAtomic;
  const o = s as Record<string, unknown>;
  const keepUnknown = preserve || o['x-kubernetes-preserve-unknown-fields'] === true;
  if (o['x-kubernetes-int-or-string'] === true) return scalarRefs.x!;
  const type = o.type;
  const props = o.properties as Record<string, unknown> | undefined;
  if (type === 'object' || (type === undefined && props)) {
    if (props || o['x-kubernetes-preserve-unknown-fields'] === true || !o.additionalProperties) {
      const fields = new Map<string, TypeRef>();
      for (const [k, v] of Object.entries(props ?? {})) fields.set(k, convertJsonSchema(v, keepUnknown));
      const map: MapType = { fields, atomic: o['x-kubernetes-map-type'] === 'atomic' };
      if (keepUnknown) map.elem = untypedDeduced;
      else if (!props && typeof o.additionalProperties !== 'object') map.elem = untypedAtomic;
      if (o.additionalProperties && typeof o.additionalProperties === 'object') {
        map.elem = convertJsonSchema(o.additionalProperties, keepUnknown);
      }
      return fixed({ map });
    }
    const elem =
      typeof o.additionalProperties === 'object'
        ? convertJsonSchema(o.additionalProperties, keepUnknown)
        : untypedAtomic;
    return fixed({ map: { fields: new Map(), elem, atomic: o['x-kubernetes-map-type'] === 'atomic' } });
  }
  if (type === 'array') {
    const lt = o['x-kubernetes-list-type'];
    const keys = Array.isArray(o['x-kubernetes-list-map-keys'])
      ? (o['x-kubernetes-list-map-keys'] as string[])
      : [];
    return fixed({
      list: {
        elem: convertJsonSchema(o.items, keepUnknown),
        relationship: lt === 'set' || lt === 'map' ? 'associative' : 'atomic',
        keys: lt === 'map' ? keys : [],
      },
    });
  }
  if (type === 'string') return o.format === undefined || o.format === 'byte' ? scalarRefs.s! : scalarRefs.x!;
  if (type === 'integer' || type === 'number') return scalarRefs.n!;
  if (type === 'boolean') return scalarRefs.b!;
  return keepUnknown ? untypedDeduced : untypedAtomic;
}
