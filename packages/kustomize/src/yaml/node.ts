/**
 * The YAML node model the build engine works on: the shape of go-yaml v3's `yaml.Node`, which is
 * what kustomize (through kyaml) transforms. Mappings keep their keys in `content` as
 * `[key0, value0, key1, value1, ...]` in input order.
 *
 * @see https://github.com/go-yaml/yaml/blob/v3.0.1/yaml.go (type Node)
 */

/** Node kinds (numeric, as in go-yaml v3). */
export const Kind = {
  Document: 1,
  Sequence: 2,
  Mapping: 4,
  Scalar: 8,
  Alias: 16,
} as const;
/** @see {@link Kind} */
export type Kind = (typeof Kind)[keyof typeof Kind];

/** Style bits (as in go-yaml v3). */
export const Style = {
  Tagged: 1,
  DoubleQuoted: 2,
  SingleQuoted: 4,
  Literal: 8,
  Folded: 16,
  Flow: 32,
} as const;

/** Short tags used by the resolver. */
export const Tag = {
  Null: '!!null',
  Bool: '!!bool',
  Str: '!!str',
  Int: '!!int',
  Float: '!!float',
  Timestamp: '!!timestamp',
  Seq: '!!seq',
  Map: '!!map',
  Binary: '!!binary',
  Merge: '!!merge',
} as const;

/** One YAML node. */
export interface YNode {
  kind: Kind;
  /** Bit set of {@link Style}. */
  style: number;
  /** Short tag (`!!str`, `!!map`, a custom `!foo`), or `''` when unresolved (built nodes). */
  tag: string;
  /** Scalar text, or the anchor name of an alias. */
  value: string;
  /** Children: mapping key/value pairs flattened, sequence items, or the document's root. */
  content: YNode[];
  /** Anchor defined on this node (`&a`), or `''`. */
  anchor: string;
  /** Target of an alias node. */
  alias: YNode | null;
  /** 1-based position in the source, 0 for built nodes. */
  line: number;
  column: number;
}

/** Makes a node; every node has the same shape (keeps property access monomorphic). */
export function makeNode(kind: Kind, tag: string, value: string, style = 0): YNode {
  return { kind, style, tag, value, content: [], anchor: '', alias: null, line: 0, column: 0 };
}

/** A scalar; `tag` defaults to `!!str`. */
export function scalarNode(value: string, tag: string = Tag.Str, style = 0): YNode {
  return makeNode(Kind.Scalar, tag, value, style);
}

/** An empty mapping. */
export function mapNode(): YNode {
  return makeNode(Kind.Mapping, Tag.Map, '');
}

/** An empty sequence. */
export function seqNode(): YNode {
  return makeNode(Kind.Sequence, Tag.Seq, '');
}

/** Deep copy (aliases are copied as aliases pointing to the same target). */
export function copyNode(n: YNode): YNode {
  const c: YNode = {
    kind: n.kind,
    style: n.style,
    tag: n.tag,
    value: n.value,
    content: n.content.length === 0 ? [] : new Array(n.content.length),
    anchor: n.anchor,
    alias: n.alias,
    line: n.line,
    column: n.column,
  };
  for (let i = 0; i < n.content.length; i++) c.content[i] = copyNode(n.content[i]!);
  return c;
}

/** Value node of `key` in a mapping, or `undefined`. First match wins (as kyaml's Field). */
export function getField(map: YNode | undefined | null, key: string): YNode | undefined {
  if (!map || map.kind !== Kind.Mapping) return undefined;
  const c = map.content;
  for (let i = 0; i + 1 < c.length; i += 2) {
    if (c[i]!.value === key) return c[i + 1];
  }
  return undefined;
}

/** Index of the key node of `key` in `map.content`, or -1. */
export function fieldIndex(map: YNode, key: string): number {
  const c = map.content;
  for (let i = 0; i + 1 < c.length; i += 2) {
    if (c[i]!.value === key) return i;
  }
  return -1;
}

/** Sets (replaces or appends) `key` to `value` in a mapping. */
export function setField(map: YNode, key: string, value: YNode): void {
  const i = fieldIndex(map, key);
  if (i >= 0) map.content[i + 1] = value;
  else map.content.push(scalarNode(key), value);
}

/** Removes `key` from a mapping; returns the removed value node. */
export function removeField(map: YNode, key: string): YNode | undefined {
  const i = fieldIndex(map, key);
  if (i < 0) return undefined;
  const v = map.content[i + 1];
  map.content.splice(i, 2);
  return v;
}

/** True for a missing node or a `!!null` scalar. */
export function isNull(n: YNode | undefined | null): boolean {
  return !n || (n.kind === Kind.Scalar && n.tag === Tag.Null);
}

/** kyaml's IsNilOrEmpty: missing, null, or an empty map/sequence. */
export function isNilOrEmpty(n: YNode | undefined | null): boolean {
  if (!n) return true;
  if (n.kind === Kind.Scalar) return n.tag === Tag.Null;
  if (n.kind === Kind.Mapping || n.kind === Kind.Sequence) return n.content.length === 0;
  return false;
}

/** String value of a scalar node, or `undefined` for non-scalars. */
export function scalarValue(n: YNode | undefined): string | undefined {
  return n && n.kind === Kind.Scalar ? n.value : undefined;
}

/** Walks `path` of mapping keys; returns the node or `undefined`. */
export function lookup(n: YNode | undefined, ...path: string[]): YNode | undefined {
  let cur = n;
  for (const p of path) {
    cur = getField(cur, p);
    if (!cur) return undefined;
  }
  return cur;
}

/** Walks `path`, creating mappings as needed; returns the last mapping. */
export function ensureMap(n: YNode, ...path: string[]): YNode {
  let cur = n;
  for (const p of path) {
    let next = getField(cur, p);
    if (!next || next.kind !== Kind.Mapping) {
      next = mapNode();
      setField(cur, p, next);
    }
    cur = next;
  }
  return cur;
}

/** Builds a node tree from a plain JS value (strings become `!!str`, numbers `!!int`/`!!float`). */
export function fromJS(v: unknown): YNode {
  if (v === null || v === undefined) return scalarNode('null', Tag.Null);
  if (typeof v === 'string') return scalarNode(v, Tag.Str);
  if (typeof v === 'boolean') return scalarNode(v ? 'true' : 'false', Tag.Bool);
  if (typeof v === 'number') return scalarNode(String(v), Number.isInteger(v) ? Tag.Int : Tag.Float);
  if (typeof v === 'bigint') return scalarNode(String(v), Tag.Int);
  if (Array.isArray(v)) {
    const s = seqNode();
    for (const item of v) s.content.push(fromJS(item));
    return s;
  }
  const m = mapNode();
  for (const [k, val] of Object.entries(v as Record<string, unknown>)) {
    if (val === undefined) continue;
    m.content.push(scalarNode(k), fromJS(val));
  }
  return m;
}
