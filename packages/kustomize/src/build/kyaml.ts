/**
 * The node-editing primitives kustomize's transformers are written in (kyaml's `FieldSetter`,
 * `PathGetter`, `ElementSetter`, metadata getters/setters), with the same semantics on {@link YNode}:
 * first-match field lookup, style inheritance when a field is replaced, null values clearing
 * fields, YAML 1.1 non-strings forced to double quotes, metadata maps re-created sorted.
 *
 * @see https://github.com/kubernetes-sigs/kustomize/blob/kyaml/v0.18.1/kyaml/yaml/fns.go
 * @see https://github.com/kubernetes-sigs/kustomize/blob/kyaml/v0.18.1/kyaml/yaml/rnode.go
 */
import { Kind, Style, Tag, type YNode, makeNode } from '../yaml/node.js';
import { parseFirstDocument } from '../yaml/parse.js';
import { v2ResolvesNonString } from '../yaml/resolve.js';

/** kyaml `NewScalarRNode`: a plain scalar with no tag (resolved when printed). */
export function newScalar(value: string): YNode {
  return makeNode(Kind.Scalar, '', value);
}

/** kyaml `NewStringRNode` (go-yaml `SetString`): `!!str`, literal style when multi-line. */
export function newString(value: string): YNode {
  return makeNode(Kind.Scalar, Tag.Str, value, value.includes('\n') ? Style.Literal : 0);
}

/** A `!!null` node (kyaml `MakeNullNode`). */
export function newNull(): YNode {
  return makeNode(Kind.Scalar, Tag.Null, '');
}

/** An empty mapping with no tag (kyaml builds these with `Kind: MappingNode` only). */
export function newMap(): YNode {
  return makeNode(Kind.Mapping, '', '');
}

/** An empty sequence with no tag. */
export function newSeq(): YNode {
  return makeNode(Kind.Sequence, '', '');
}

/** kyaml `IsMissingOrNull`. */
export function isMissingOrNull(n: YNode | null | undefined): boolean {
  return !n || n.tag === Tag.Null;
}

/** kyaml `IsYNodeNilOrEmpty`. */
export function isNilOrEmpty(n: YNode | null | undefined): boolean {
  if (!n) return true;
  if (n.tag === Tag.Null) return true;
  if ((n.kind === Kind.Mapping || n.kind === Kind.Sequence) && n.content.length === 0) return true;
  return false;
}

/** kyaml `IsYNodeString`: a scalar tagged `!!str` or untagged. */
export function isStringValue(n: YNode): boolean {
  return n.kind === Kind.Scalar && (n.tag === Tag.Str || n.tag === '');
}

const nonStringCache = new Map<string, boolean>();

/**
 * True when `value`, read as a YAML document, is certainly one plain scalar with exactly this text:
 * no indicator at the start, no `: `/` #`, no leading/trailing blanks, no control characters.
 */
function isObviouslyPlainScalar(value: string): boolean {
  const c0 = value.charCodeAt(0);
  // - ? : , [ ] { } # & * ! | > ' " % @ `
  if ('-?:,[]{}#&*!|>\'"%@`'.includes(value[0]!)) return false;
  if (c0 === 32 || c0 === 9) return false;
  const last = value.charCodeAt(value.length - 1);
  if (last === 32 || last === 9 || last === 58 /* : */) return false;
  if (value.includes(': ') || value.includes(' #') || value.includes(':\t') || value.includes('\t#'))
    return false;
  if (/[\u0000-\u0008\u000a-\u001f\u007f-\u009f\ufeff]/.test(value)) return false;
  if (value.startsWith('---') || value.startsWith('...')) return false;
  return true;
}

/** kyaml `IsValueNonString`: would YAML 1.1 read `value` as something other than a string? */
export function isYaml11NonString(value: string): boolean {
  if (value === '' || value.includes('\n')) return false;
  const cached = nonStringCache.get(value);
  if (cached !== undefined) return cached;
  let result = false;
  if (/^[A-Za-z0-9_./-]*$/.test(value) || isObviouslyPlainScalar(value)) {
    result = v2ResolvesNonString(value);
  } else {
    try {
      const doc = parseFirstDocument(value);
      const root = doc?.content[0];
      if (!root) result = true;
      else if (root.kind === Kind.Scalar) {
        result =
          (root.style & (Style.DoubleQuoted | Style.SingleQuoted | Style.Literal | Style.Folded)) === 0
            ? root.tag === Tag.Null || v2ResolvesNonString(root.value)
            : false;
      } else result = true;
    } catch {
      result = false;
    }
  }
  if (nonStringCache.size < 10000) nonStringCache.set(value, result);
  return result;
}

/** Index of the first key named `name` in a mapping's content, or -1. */
export function fieldIndex(map: YNode, name: string): number {
  const c = map.content;
  for (let i = 0; i + 1 < c.length; i += 2) if (c[i]!.value === name) return i;
  return -1;
}

/** kyaml `Field(name).Value` / `Get(name)`: first match; `undefined` when absent or not a mapping. */
export function getField(map: YNode | null | undefined, name: string): YNode | undefined {
  if (!map || map.kind !== Kind.Mapping) return undefined;
  const c = map.content;
  for (let i = 0; i + 1 < c.length; i += 2) if (c[i]!.value === name) return c[i + 1];
  return undefined;
}

/** kyaml `Clear(name)`: removes the first field `name`; returns its value. */
export function clearField(map: YNode, name: string): YNode | undefined {
  if (map.kind !== Kind.Mapping) return undefined;
  const i = fieldIndex(map, name);
  if (i < 0) return undefined;
  const v = map.content[i + 1];
  map.content.splice(i, 2);
  return v;
}

/** A thrown kind mismatch (kyaml `InvalidNodeKindError`). */
export class NodeKindError extends Error {}

const KIND_NAMES: Record<number, string> = {
  1: 'DocumentNode',
  2: 'SequenceNode',
  4: 'MappingNode',
  8: 'ScalarNode',
  16: 'AliasNode',
};

/** kyaml `ErrorIfInvalid`. */
export function errorIfInvalid(n: YNode | null | undefined, kind: Kind): void {
  if (!n || isMissingOrNull(n)) return;
  if (n.kind !== kind) {
    throw new NodeKindError(`wrong node kind: expected ${KIND_NAMES[kind]} but got ${KIND_NAMES[n.kind]}`);
  }
}

/** Options of {@link setField}. */
export interface SetFieldOptions {
  overrideStyle?: boolean;
  /** MakePersistentNullNode: keep a null value instead of clearing the field. */
  keepNull?: boolean;
  /** Style of a newly appended key. */
  keyStyle?: number;
}

/**
 * kyaml `FieldSetter{Name, Value}` on a mapping: replaces the first `name` (the new value takes the
 * old value's style unless `overrideStyle`), appends it otherwise; a null value clears the field.
 * Returns the node set (or `undefined` when cleared).
 */
export function setField(
  map: YNode,
  name: string,
  value: YNode | null,
  opts: SetFieldOptions = {},
): YNode | undefined {
  if (
    value &&
    isStringValue(value) &&
    !opts.overrideStyle &&
    value.style === 0 &&
    isYaml11NonString(value.value)
  ) {
    value.style = Style.DoubleQuoted;
  }
  if (name === '') {
    // FieldSetter with no name replaces the (scalar) node itself.
    errorIfInvalid(map, Kind.Scalar);
    if (!value || isMissingOrNull(value)) return map;
    if (!opts.overrideStyle || value.style === 0) value.style = map.style;
    copyInto(map, value);
    return map;
  }
  if (!value || (value.tag === Tag.Null && !opts.keepNull)) {
    clearField(map, name);
    return undefined;
  }
  errorIfInvalid(map, Kind.Mapping);
  const i = fieldIndex(map, name);
  if (i >= 0) {
    // kyaml copies the new node into the existing one (`SetYNode`), keeping the field's identity.
    const field = map.content[i + 1]!;
    if (!opts.overrideStyle || field.style === 0) value.style = field.style;
    copyInto(field, value);
    return field;
  }
  const key = makeNode(Kind.Scalar, '', name, opts.keyStyle ?? 0);
  map.content.push(key, value);
  return value;
}

/** kyaml `FieldSetter{Value}` with no name: replaces a scalar in place (keeps its style). */
export function setScalarInPlace(target: YNode, value: YNode): void {
  if (value.tag === Tag.Null && value.kind === Kind.Scalar) return;
  if (isStringValue(value) && value.style === 0 && isYaml11NonString(value.value)) {
    value.style = Style.DoubleQuoted;
  }
  value.style = target.style;
  copyInto(target, value);
}

/** Overwrites `target`'s fields with `src`'s (kyaml `SetYNode`: `*rn.value = *node`). */
export function copyInto(target: YNode, src: YNode): void {
  target.kind = src.kind;
  target.style = src.style;
  target.tag = src.tag;
  target.value = src.value;
  target.content = src.content;
  target.anchor = src.anchor;
  target.alias = src.alias;
  target.line = src.line;
  target.column = src.column;
}

/** kyaml `IsListIndex`: `[name=value]`. */
export function isListIndex(p: string): boolean {
  return p.startsWith('[') && p.endsWith(']');
}

/** kyaml `SplitIndexNameValue`. */
export function splitIndexNameValue(p: string): [string, string] {
  let elem = p.endsWith(']') ? p.slice(0, -1) : p;
  elem = elem.startsWith('[') ? elem.slice(1) : elem;
  const eq = elem.indexOf('=');
  if (eq < 0) throw new Error('list path element must contain fieldName=fieldValue for element to match');
  return [elem.slice(0, eq), elem.slice(eq + 1)];
}

function isIdxNumber(p: string): boolean {
  return /^[+-]?\d+$/.test(p) && Number(p) >= 0;
}

/**
 * kyaml `PathGetter` (`Lookup` / `LookupCreate`): walks mapping fields, `[name=value]` elements,
 * numeric indexes and `-` (last element). With `create`, missing parts are created (`create` is the
 * kind of the last part). Returns `undefined` when a part is missing.
 */
export function pathGet(
  node: YNode,
  path: readonly string[],
  create: Kind | 0 = 0,
  style = 0,
): YNode | undefined {
  if (isPlainFieldPath(path)) return fieldPathGet(node, path, create, style);
  const parts = path.map((p) => p.trim()).filter((p) => p.length > 0);
  let match: YNode | undefined = node;
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i]!;
    const next = parts[i + 1] ?? '';
    if (!match) return undefined;
    if (/^[+-]?\d+$/.test(part)) {
      const idx = Number(part);
      if (idx < 0) throw new Error(`array index ${idx} cannot be negative`);
      errorIfInvalid(match, Kind.Sequence);
      if (isMissingOrNull(match)) return undefined;
      match = idx >= match.content.length ? undefined : match.content[idx];
    } else if (part === '-') {
      errorIfInvalid(match, Kind.Sequence);
      if (isMissingOrNull(match)) return undefined;
      match = match.content[match.content.length - 1];
    } else if (part === '*') {
      throw new Error('wildcard is not supported in PathGetter');
    } else if (isListIndex(part)) {
      const [name, value] = splitIndexNameValue(part);
      let created: YNode | undefined;
      if (create) {
        if (name.length === 0) {
          created = newScalar(value);
          created.style = style;
        } else {
          created = makeNode(Kind.Mapping, '', '', style);
          created.content.push(newScalar(name), makeNode(Kind.Scalar, '', value, style));
        }
      }
      match = elementMatch(match, [name], [value], false, created);
    } else {
      const kind: Kind | 0 =
        isListIndex(next) || isIdxNumber(next) ? Kind.Sequence : next === '' ? create : Kind.Mapping;
      const f = fieldStep(match, part, kind, create, style);
      if (!f) return undefined;
      match = f;
    }
  }
  return match;
}

/**
 * One plain-field step of {@link pathGet}: the field `part` of mapping `match`, created as a `kind`
 * node when absent and `create` is set; undefined when `match` is missing/null or the field is absent.
 * @throws NodeKindError when `match` is not a mapping.
 */
function fieldStep(
  match: YNode,
  part: string,
  kind: Kind | 0,
  create: Kind | 0,
  style: number,
): YNode | undefined {
  if (isMissingOrNull(match)) return undefined;
  errorIfInvalid(match, Kind.Mapping);
  const f = getField(match, part);
  if (f || !create) return f;
  const c = makeNode(kind as Kind, '', '', style);
  setField(match, part, c);
  return c;
}

/** True when every part is a plain field name (no index, `-`, `*`, `[k=v]`, blanks or digits-only). */
function isPlainFieldPath(path: readonly string[]): boolean {
  for (const p of path) {
    if (!PLAIN_PART.test(p)) return false;
  }
  return true;
}

/** Field names {@link pathGet} handles as plain mapping fields (anything else takes the general walk). */
const PLAIN_PART = /^[A-Za-z_][A-Za-z0-9_./-]*$/;

/** {@link pathGet} for a path of plain field names: the same walk without the per-part parsing. */
function fieldPathGet(
  node: YNode,
  path: readonly string[],
  create: Kind | 0,
  style: number,
): YNode | undefined {
  let match: YNode = node;
  for (let i = 0; i < path.length; i++) {
    const part = path[i]!;
    const f = fieldStep(match, part, i + 1 < path.length ? Kind.Mapping : create, create, style);
    if (!f) return undefined;
    match = f;
  }
  return match;
}

/**
 * kyaml `ElementMatcher`: first mapping element whose `keys` fields equal `values` (or, with an
 * empty key, the first scalar element equal to `values[0]`); appends `create` when none matches.
 */
export function elementMatch(
  seq: YNode,
  keys: readonly string[],
  values: readonly string[],
  matchAnyValue = false,
  create?: YNode,
): YNode | undefined {
  if (isMissingOrNull(seq)) return undefined;
  errorIfInvalid(seq, Kind.Sequence);
  const ks = keys.length === 0 ? [''] : keys;
  const vs = values.length === 0 ? [''] : values;
  if (ks.length === 0 || ks[0]!.length === 0) {
    for (const item of seq.content) if (item.value === vs[0]) return item;
    if (create) {
      seq.content.push(create);
      return create;
    }
    return undefined;
  }
  for (const elem of seq.content) {
    if (elem.kind !== Kind.Mapping) {
      if (!isMissingOrNull(elem)) continue;
      continue;
    }
    if (!matchAnyValue && ks.length !== vs.length) {
      throw new Error('length of keys must equal length of values when MatchAnyValue is false');
    }
    let matches = true;
    for (let i = 0; i < ks.length; i++) {
      const f = getField(elem, ks[i]!);
      if (!f || (!matchAnyValue && f.value !== vs[i])) {
        matches = false;
        break;
      }
    }
    if (matches) return elem;
  }
  if (create) {
    seq.content.push(create);
    return create;
  }
  return undefined;
}

/**
 * kyaml `ElementSetter`: in a sequence, replaces the element matching `keys`/`values` with
 * `element` (removing it when `element` is null) or appends `element`; drops null/empty-map items.
 */
export function elementSetter(
  seq: YNode,
  element: YNode | null,
  keys: readonly string[],
  values: readonly string[],
): YNode | null {
  const ks = keys.length === 0 ? [''] : keys;
  errorIfInvalid(seq, Kind.Sequence);
  const isMappingSetter = ks.length > 0 && ks[0] !== '' && values.length > 0 && values[0] !== '';
  const newContent: YNode[] = [];
  let found = false;
  for (const elem of seq.content) {
    if (isMissingOrNull(elem) || (elem.kind === Kind.Mapping && elem.content.length === 0)) continue;
    if (elem.kind !== Kind.Mapping && isMappingSetter) {
      newContent.push(elem);
      continue;
    }
    // Go keeps the last matched node across keys beyond the values given.
    let val: YNode | undefined;
    let matched = true;
    for (let j = 0; j < ks.length; j++) {
      if (j < values.length) val = fieldMatcherStringValue(elem, ks[j]!, values[j]!) ? elem : undefined;
      if (!val) {
        matched = false;
        break;
      }
    }
    if (!matched) {
      if (values.length > 0) newContent.push(elem);
      continue;
    }
    found = true;
    if (element === null) continue;
    newContent.push(element);
  }
  seq.content = newContent;
  if (!element || isMissingOrNull(element)) return null;
  if (!found) seq.content.push(element);
  return element;
}

/** kyaml `FieldMatcher{Name, StringValue}` used as a predicate on one element. */
function fieldMatcherStringValue(elem: YNode, name: string, value: string): boolean {
  if (isMissingOrNull(elem)) return false;
  if (name === '') {
    errorIfInvalid(elem, Kind.Scalar);
    // StringValue "" means "no value to match": any scalar matches GetValue equality with "".
    return elem.value === value;
  }
  errorIfInvalid(elem, Kind.Mapping);
  const requireValue = value !== '';
  const f = getField(elem, name);
  if (!f) return false;
  return !requireValue || f.value === value;
}

// ---- metadata ---------------------------------------------------------------------------------

/** kyaml `getMapFieldValue`: first `field` at the top level. */
export function topField(n: YNode, field: string): YNode | undefined {
  return getField(n, field);
}

/** The `metadata` mapping, or undefined. */
export function metadataOf(n: YNode): YNode | undefined {
  if (isMissingOrNull(n)) return undefined;
  const m = getField(n, 'metadata');
  return m && m.kind === Kind.Mapping ? m : undefined;
}

function metaString(n: YNode, field: string): string {
  const md = metadataOf(n);
  if (!md) return '';
  const v = getField(md, field);
  return v && !isNilOrEmpty(v) ? v.value : '';
}

export function getKind(n: YNode): string {
  return getField(n, 'kind')?.value ?? '';
}
export function getApiVersion(n: YNode): string {
  return getField(n, 'apiVersion')?.value ?? '';
}
export function getName(n: YNode): string {
  return metaString(n, 'name');
}
export function getNamespace(n: YNode): string {
  return metaString(n, 'namespace');
}

/** kyaml `SetMapField(NewScalarRNode(v), path...)`. */
export function setMapField(n: YNode, value: YNode, ...path: string[]): void {
  const parent = path.length > 1 ? pathGet(n, path.slice(0, -1), Kind.Mapping)! : n;
  setField(parent, path[path.length - 1]!, value);
}

export function setKind(n: YNode, kind: string): void {
  setMapField(n, newScalar(kind), 'kind');
}
export function setApiVersion(n: YNode, av: string): void {
  setMapField(n, newScalar(av), 'apiVersion');
}
export function setName(n: YNode, name: string): void {
  setMapField(n, newScalar(name), 'metadata', 'name');
}
/** kyaml `SetNamespace`: empty clears the field. */
export function setNamespace(n: YNode, ns: string): void {
  if (ns === '') {
    const md = getField(n, 'metadata');
    if (md && md.kind === Kind.Mapping) clearField(md, 'namespace');
    return;
  }
  setMapField(n, newScalar(ns), 'metadata', 'namespace');
}

/** kyaml `getMapFromMeta`: metadata.<field> as key → value text (insertion order). */
export function getMetaMap(n: YNode, field: 'labels' | 'annotations'): Map<string, string> {
  const out = new Map<string, string>();
  const md = metadataOf(n);
  if (!md) return out;
  const m = getField(md, field);
  if (!m) return out;
  const c = m.content;
  for (let i = 0; i + 1 < c.length; i += 2) out.set(c[i]!.value, c[i + 1]!.value);
  return out;
}

/** kyaml `setMapInMetadata`: clears metadata.<field>, then re-creates it sorted with `!!str` values. */
export function setMetaMap(n: YNode, field: 'labels' | 'annotations', m: ReadonlyMap<string, string>): void {
  const md = pathGet(n, ['metadata'], Kind.Mapping)!;
  clearField(md, field);
  if (m.size === 0) return;
  const map = newMap();
  setField(md, field, map);
  const keys = [...m.keys()].sort(goStringLess);
  for (const k of keys) setField(map, k, newString(m.get(k)!));
}

/** Go's string ordering (byte-wise on UTF-8, i.e. code point order). */
export function goStringLess(a: string, b: string): number {
  if (a === b) return 0;
  // Code-unit order equals code-point order except around surrogates; good enough for keys.
  return a < b ? -1 : 1;
}

export function getAnnotations(n: YNode): Map<string, string> {
  return getMetaMap(n, 'annotations');
}
export function getLabels(n: YNode): Map<string, string> {
  return getMetaMap(n, 'labels');
}
export function setAnnotations(n: YNode, m: ReadonlyMap<string, string>): void {
  setMetaMap(n, 'annotations', m);
}
export function setLabels(n: YNode, m: ReadonlyMap<string, string>): void {
  setMetaMap(n, 'labels', m);
}

/** kyaml `SetAnnotation(key, value)` (a single field, no re-creation). */
export function setAnnotation(n: YNode, key: string, value: string): void {
  const ann = pathGet(n, ['metadata', 'annotations'], Kind.Mapping)!;
  const i = key !== '' && ann.kind === Kind.Mapping ? fieldIndex(ann, key) : -1;
  if (i < 0) {
    setField(ann, key, newString(value));
    return;
  }
  // setField(ann, key, newString(value)) on an existing field, without the throwaway node: the
  // field becomes that string and keeps its own style (it overrides the quoting chosen for the new node).
  const field = ann.content[i + 1]!;
  field.kind = Kind.Scalar;
  field.tag = Tag.Str;
  field.value = value;
  field.content = [];
  field.anchor = '';
  field.alias = null;
  field.line = 0;
  field.column = 0;
}

/** A single annotation's value, or undefined. */
export function getAnnotation(n: YNode, key: string): string | undefined {
  const md = metadataOf(n);
  const a = md ? getField(md, 'annotations') : undefined;
  const v = a ? getField(a, key) : undefined;
  return v?.value;
}

/** kyaml `IsIdxNumber`: a non-negative integer path part. */
export function isSplitPathIndex(p: string): boolean {
  return /^[+-]?\d+$/.test(p) && Number(p) >= 0;
}
