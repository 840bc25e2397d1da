/**
 * RFC 6902 JSON patches as kustomize applies them: the patch (YAML through go-yaml v2, or JSON) is
 * decoded into operations, applied with evanphx/json-patch v4 semantics (object `add` replaces,
 * array indexes may be negative, `replace` of a missing object key adds it) to the resource as
 * JSON, and the resource is rebuilt from the result (numbers become float64, as in kustomize).
 *
 * @see https://github.com/kubernetes-sigs/kustomize/blob/api/v0.18.0/api/filters/patchjson6902/patchjson6902.go
 * @see https://github.com/evanphx/json-patch/blob/v4.12.0/patch.go
 */
import { KustomizeError } from '../errors/KustomizeError.js';
import { EncodeError, toGoValue } from '../yaml/emit.js';
import { Kind, Tag, type YNode, makeNode } from '../yaml/node.js';
import { parseFirstDocument } from '../yaml/parse.js';
import type { GoValue } from '../yaml/resolve.js';
import { YamlSyntaxError } from '../yaml/scanner.js';
import { DecodeError, type JsonValue, yamlNodeToJson } from './strictDecode.js';

/** A JSON value during patching. Objects are Maps (Go maps: key order irrelevant). */
type J = null | boolean | number | string | J[] | Map<string, J>;

/** One decoded operation (raw fields). */
interface Operation {
  op?: J;
  path?: J;
  from?: J;
  value?: J;
  hasValue: boolean;
}

function fromJsonValue(v: JsonValue): J {
  if (v === null || typeof v === 'boolean' || typeof v === 'string') return v;
  if (Array.isArray(v)) return v.map(fromJsonValue);
  if ('num' in v) return Number(v.num);
  const m = new Map<string, J>();
  for (const [k, x] of v.obj) m.set(k, fromJsonValue(x));
  return m;
}

/**
 * The resource as the patch sees it: kyaml's JSON encoding decoded by encoding/json into
 * `interface{}` (numbers float64, times as their RFC 3339 text), in one pass over the Go value
 * (what `nodeToJsonValue` and a conversion to `J` would give in three).
 */
function goToJ(v: GoValue): J {
  if (v === null || typeof v === 'boolean' || typeof v === 'string') return v;
  if (Array.isArray(v)) {
    const out: J[] = new Array(v.length);
    for (let i = 0; i < v.length; i++) out[i] = goToJ(v[i]!);
    return out;
  }
  switch (v.t) {
    case 'int':
      return v.big !== undefined ? Number(v.big) : v.n;
    case 'float':
      if (!Number.isFinite(v.f)) {
        throw new EncodeError(
          `json: unsupported value: ${Number.isNaN(v.f) ? 'NaN' : v.f > 0 ? '+Inf' : '-Inf'}`,
        );
      }
      // json.Marshal writes the shortest text that reads back as the same float64 (-0 as 0).
      return v.f === 0 ? 0 : v.f;
    case 'time':
      return v.rfc3339;
    case 'map': {
      const m = new Map<string, J>();
      for (let i = 0; i < v.keys.length; i++) m.set(v.keys[i]!, goToJ(v.values[i]!));
      return m;
    }
  }
}

/** The patched JSON back as nodes, as `jsonValueToNode` builds them (keys sorted, numbers re-resolved). */
function jToNode(v: J): YNode {
  if (v === null) return makeNode(Kind.Scalar, Tag.Null, 'null');
  if (typeof v === 'boolean') return makeNode(Kind.Scalar, Tag.Bool, v ? 'true' : 'false');
  if (typeof v === 'string') return makeNode(Kind.Scalar, Tag.Str, v);
  if (typeof v === 'number') {
    const text = String(v);
    return makeNode(Kind.Scalar, /^-?\d+$/.test(text) ? Tag.Int : Tag.Float, text);
  }
  if (Array.isArray(v)) {
    const s = makeNode(Kind.Sequence, Tag.Seq, '');
    for (const x of v) s.content.push(jToNode(x));
    return s;
  }
  const m = makeNode(Kind.Mapping, Tag.Map, '');
  const keys = [...v.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  for (const k of keys) m.content.push(makeNode(Kind.Scalar, Tag.Str, k), jToNode(v.get(k)!));
  return m;
}

function jsonParseStrict(text: string): J {
  const v = JSON.parse(text) as unknown;
  const conv = (x: unknown): J => {
    if (x === null || typeof x === 'boolean' || typeof x === 'number' || typeof x === 'string') return x;
    if (Array.isArray(x)) return x.map(conv);
    const m = new Map<string, J>();
    for (const [k, y] of Object.entries(x as Record<string, unknown>)) m.set(k, conv(y));
    return m;
  };
  return conv(v);
}

/** A decoded patch. */
export type JsonPatch = Operation[];

/**
 * Decodes a JSON 6902 patch (kustomize `jsonPatchFromBytes`): JSON when it starts with `[`, else
 * YAML converted with go-yaml v2. Throws `Error` with Go-like wording on failure.
 */
export function decodeJsonPatch(text: string): JsonPatch {
  if (text === '') throw new Error('empty json patch operations');
  let value: J;
  if (text[0] === '[') {
    try {
      value = jsonParseStrict(text);
    } catch (e) {
      throw new Error(`invalid character in JSON patch: ${(e as Error).message}`);
    }
  } else {
    let doc: YNode | null;
    try {
      doc = parseFirstDocument(text);
    } catch (e) {
      if (e instanceof YamlSyntaxError) throw new Error(`error converting YAML to JSON: ${e.goMessage()}`);
      throw e;
    }
    try {
      value = fromJsonValue(doc ? yamlNodeToJson(doc) : null);
    } catch (e) {
      if (e instanceof DecodeError) throw new Error(e.message);
      throw e;
    }
  }
  if (value === null) return [];
  if (!Array.isArray(value)) {
    throw new Error(
      `json: cannot unmarshal ${value instanceof Map ? 'object' : typeof value} into Go value of type jsonpatch.Patch`,
    );
  }
  return value.map((op) => {
    if (op === null) return { hasValue: false };
    if (!(op instanceof Map))
      throw new Error('json: cannot unmarshal into Go value of type jsonpatch.Operation');
    return {
      op: op.get('op'),
      path: op.get('path'),
      from: op.get('from'),
      value: op.get('value'),
      hasValue: op.has('value'),
    };
  });
}

class PatchError extends Error {}

function decodePatchKey(k: string): string {
  return k.replaceAll('~1', '/').replaceAll('~0', '~');
}

function str(v: J | undefined): string | null {
  return typeof v === 'string' ? v : null;
}

type Container =
  | { kind: 'doc'; m: Map<string, J> }
  | { kind: 'ary'; a: J[]; parent: () => J[]; set: (a: J[]) => void };

function atoi(key: string): number | null {
  return /^[+-]?\d+$/.test(key) ? Number(key) : null;
}

function findObject(root: { v: J }, p: string): [Container, string] | null {
  const split = p.split('/');
  if (split.length < 2) return null;
  const parts = split.slice(1, -1);
  const key = decodePatchKey(split[split.length - 1]!);
  let holder: { get: () => J; set: (v: J) => void } = { get: () => root.v, set: (v) => (root.v = v) };
  for (const part of parts) {
    const cur = holder.get();
    const k = decodePatchKey(part);
    let next: J | undefined;
    let nextHolder: typeof holder;
    if (cur instanceof Map) {
      next = cur.get(k);
      const m = cur;
      nextHolder = { get: () => m.get(k)!, set: (v) => m.set(k, v) };
    } else if (Array.isArray(cur)) {
      const idx = atoi(k);
      if (idx === null) return null;
      let i = idx;
      if (i < 0) {
        if (i < -cur.length) return null;
        i += cur.length;
      }
      if (i >= cur.length) return null;
      next = cur[i];
      const a = cur;
      nextHolder = { get: () => a[i]!, set: (v) => (a[i] = v) };
    } else return null;
    if (next === undefined || next === null) return null;
    if (!(next instanceof Map) && !Array.isArray(next)) return null;
    holder = nextHolder;
  }
  const c = holder.get();
  if (c instanceof Map) return [{ kind: 'doc', m: c }, key];
  if (Array.isArray(c)) {
    const h = holder;
    return [{ kind: 'ary', a: c, parent: () => h.get() as J[], set: (a) => h.set(a) }, key];
  }
  return null;
}

function cget(c: Container, key: string): J | undefined {
  if (c.kind === 'doc') return c.m.get(key);
  const idx = atoi(key);
  if (idx === null) throw new PatchError(`strconv.Atoi: parsing "${key}": invalid syntax`);
  let i = idx;
  if (i < 0) {
    if (i < -c.a.length)
      throw new PatchError(`Unable to access invalid index: ${idx}: invalid index referenced`);
    i += c.a.length;
  }
  if (i >= c.a.length) throw new PatchError(`Unable to access invalid index: ${i}: invalid index referenced`);
  return c.a[i];
}

function cadd(c: Container, key: string, val: J): void {
  if (c.kind === 'doc') {
    c.m.set(key, val);
    return;
  }
  if (key === '-') {
    c.a.push(val);
    return;
  }
  const idx = atoi(key);
  if (idx === null)
    throw new PatchError(
      `value was not a proper array index: '${key}': strconv.Atoi: parsing "${key}": invalid syntax`,
    );
  const sz = c.a.length + 1;
  let i = idx;
  if (i >= sz) throw new PatchError(`Unable to access invalid index: ${idx}: invalid index referenced`);
  if (i < 0) {
    if (i < -sz) throw new PatchError(`Unable to access invalid index: ${idx}: invalid index referenced`);
    i += sz;
  }
  c.a.splice(i, 0, val);
}

function cset(c: Container, key: string, val: J): void {
  if (c.kind === 'doc') {
    c.m.set(key, val);
    return;
  }
  const idx = atoi(key);
  if (idx === null) throw new PatchError(`strconv.Atoi: parsing "${key}": invalid syntax`);
  let i = idx;
  if (i < 0) {
    if (i < -c.a.length)
      throw new PatchError(`Unable to access invalid index: ${idx}: invalid index referenced`);
    i += c.a.length;
  }
  c.a[i] = val;
}

function cremove(c: Container, key: string): void {
  if (c.kind === 'doc') {
    if (!c.m.has(key)) throw new PatchError(`Unable to remove nonexistent key: ${key}: missing value`);
    c.m.delete(key);
    return;
  }
  const idx = atoi(key);
  if (idx === null) throw new PatchError(`strconv.Atoi: parsing "${key}": invalid syntax`);
  let i = idx;
  if (i >= c.a.length)
    throw new PatchError(`Unable to access invalid index: ${idx}: invalid index referenced`);
  if (i < 0) {
    if (i < -c.a.length)
      throw new PatchError(`Unable to access invalid index: ${idx}: invalid index referenced`);
    i += c.a.length;
  }
  c.a.splice(i, 1);
}

function deepCopy(v: J): J {
  if (Array.isArray(v)) return v.map(deepCopy);
  if (v instanceof Map) return new Map([...v].map(([k, x]) => [k, deepCopy(x)]));
  return v;
}

function equal(a: J | undefined, b: J | undefined): boolean {
  if (a === undefined || b === undefined) return a === b;
  if (a instanceof Map) {
    if (!(b instanceof Map) || a.size !== b.size) return false;
    for (const [k, v] of a) if (!b.has(k) || !equal(v, b.get(k))) return false;
    return true;
  }
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    return a.every((x, i) => equal(x, b[i]));
  }
  return a === b;
}

function opPath(op: Operation, field: 'path' | 'from', what: string): string {
  const v = op[field];
  const s = str(v);
  if (s === null) {
    if (v === undefined || v === null)
      throw new PatchError(`${what}: operation missing ${field} field: missing value`);
    throw new PatchError(`${what}: json: cannot unmarshal into Go value of type string`);
  }
  return s;
}

/** Applies a decoded patch to a resource node in place; throws KustomizeError `PatchFailed`. */
export function applyJsonPatch(patch: JsonPatch, node: YNode): YNode {
  const root = { v: goToJ(toGoValue(node, true)) };
  try {
    for (const op of patch) {
      const kind = str(op.op) ?? 'unknown';
      switch (kind) {
        case 'add': {
          const p = opPath(op, 'path', 'add operation failed to decode path');
          const f = findObject(root, p);
          if (!f)
            throw new PatchError(`add operation does not apply: doc is missing path: "${p}": missing value`);
          try {
            cadd(f[0], f[1], op.hasValue ? (op.value ?? null) : null);
          } catch (e) {
            throw new PatchError(`error in add for path: '${p}': ${(e as Error).message}`);
          }
          break;
        }
        case 'remove': {
          const p = opPath(op, 'path', 'remove operation failed to decode path');
          const f = findObject(root, p);
          if (!f)
            throw new PatchError(
              `remove operation does not apply: doc is missing path: "${p}": missing value`,
            );
          try {
            cremove(f[0], f[1]);
          } catch (e) {
            throw new PatchError(`error in remove for path: '${p}': ${(e as Error).message}`);
          }
          break;
        }
        case 'replace': {
          const p = opPath(op, 'path', 'replace operation failed to decode path');
          if (p === '') {
            const v = op.value;
            if (!(v instanceof Map) && !Array.isArray(v))
              throw new PatchError('replace operation value must be object or array');
            root.v = deepCopy(v);
            break;
          }
          const f = findObject(root, p);
          if (!f)
            throw new PatchError(
              `replace operation does not apply: doc is missing path: ${p}: missing value`,
            );
          try {
            cget(f[0], f[1]);
          } catch {
            throw new PatchError(`replace operation does not apply: doc is missing key: ${p}: missing value`);
          }
          cset(f[0], f[1], op.hasValue ? (op.value ?? null) : null);
          break;
        }
        case 'move': {
          const from = opPath(op, 'from', 'move operation failed to decode from');
          const f = findObject(root, from);
          if (!f)
            throw new PatchError(
              `move operation does not apply: doc is missing from path: ${from}: missing value`,
            );
          let val: J | undefined;
          try {
            val = cget(f[0], f[1]);
            cremove(f[0], f[1]);
          } catch (e) {
            throw new PatchError(`error in move for path: '${f[1]}': ${(e as Error).message}`);
          }
          const p = opPath(op, 'path', 'move operation failed to decode path');
          const t = findObject(root, p);
          if (!t)
            throw new PatchError(
              `move operation does not apply: doc is missing destination path: ${p}: missing value`,
            );
          try {
            cadd(t[0], t[1], val ?? null);
          } catch (e) {
            throw new PatchError(`error in move for path: '${p}': ${(e as Error).message}`);
          }
          break;
        }
        case 'copy': {
          const from = opPath(op, 'from', 'copy operation failed to decode from');
          const f = findObject(root, from);
          if (!f)
            throw new PatchError(
              `copy operation does not apply: doc is missing from path: ${from}: missing value`,
            );
          let val: J | undefined;
          try {
            val = cget(f[0], f[1]);
          } catch (e) {
            throw new PatchError(`error in copy for from: '${from}': ${(e as Error).message}`);
          }
          const p = opPath(op, 'path', 'copy operation failed to decode path');
          const t = findObject(root, p);
          if (!t)
            throw new PatchError(
              `copy operation does not apply: doc is missing destination path: ${p}: missing value`,
            );
          try {
            cadd(t[0], t[1], deepCopy(val ?? null));
          } catch (e) {
            throw new PatchError(`error while adding value during copy: ${(e as Error).message}`);
          }
          break;
        }
        case 'test': {
          const p = opPath(op, 'path', 'test operation failed to decode path');
          if (p === '') {
            if (!equal(root.v, op.value)) throw new PatchError(`testing value ${p} failed: test failed`);
            break;
          }
          const f = findObject(root, p);
          if (!f) throw new PatchError(`test operation does not apply: is missing path: ${p}: missing value`);
          let val: J | undefined;
          try {
            val = cget(f[0], f[1]);
          } catch (e) {
            throw new PatchError(`error in test for path: '${p}': ${(e as Error).message}`);
          }
          if (val === undefined || val === null) {
            if (!op.hasValue || op.value === null) break;
            throw new PatchError(`testing value ${p} failed: test failed`);
          }
          if (!op.hasValue) throw new PatchError(`testing value ${p} failed: test failed`);
          if (!equal(val, op.value)) throw new PatchError(`testing value ${p} failed: test failed`);
          break;
        }
        default:
          throw new PatchError(`Unexpected kind: ${kind}`);
      }
    }
  } catch (e) {
    if (e instanceof PatchError) throw new KustomizeError('PatchFailed', e.message);
    throw e;
  }
  if (!(root.v instanceof Map)) {
    throw new KustomizeError(
      'PatchFailed',
      'json: cannot unmarshal array into Go value of type map[string]interface {}',
    );
  }
  const rebuilt = jToNode(root.v);
  node.kind = rebuilt.kind;
  node.tag = rebuilt.tag;
  node.style = rebuilt.style;
  node.value = rebuilt.value;
  node.content = rebuilt.content;
  return node;
}
