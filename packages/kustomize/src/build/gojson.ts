/**
 * `encoding/json` output for the values kustomize hashes and converts: object keys sorted, HTML
 * characters and U+2028/U+2029 escaped as Go does, floats formatted as Go does.
 */
import { Kind, Tag, type YNode } from '../yaml/node.js';
import { EncodeError, jsonRoundTrip, toGoValue } from '../yaml/emit.js';
import type { GoValue } from '../yaml/resolve.js';

/** Go's JSON string quoting (HTML-safe). */
export function goJsonString(s: string): string {
  let out = '"';
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    switch (c) {
      case 0x22:
        out += '\\"';
        continue;
      case 0x5c:
        out += '\\\\';
        continue;
      case 0x0a:
        out += '\\n';
        continue;
      case 0x0d:
        out += '\\r';
        continue;
      case 0x09:
        out += '\\t';
        continue;
      case 0x08:
        out += '\\b';
        continue;
      case 0x0c:
        out += '\\f';
        continue;
      case 0x3c:
        out += '\\u003c';
        continue;
      case 0x3e:
        out += '\\u003e';
        continue;
      case 0x26:
        out += '\\u0026';
        continue;
      case 0x2028:
        out += '\\u2028';
        continue;
      case 0x2029:
        out += '\\u2029';
        continue;
    }
    if (c < 0x20) {
      out += `\\u00${c.toString(16).padStart(2, '0')}`;
      continue;
    }
    if (c >= 0xd800 && c <= 0xdbff) {
      const d = s.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        out += s[i]! + s[i + 1]!;
        i++;
        continue;
      }
      out += '\ufffd';
      continue;
    }
    if (c >= 0xdc00 && c <= 0xdfff) {
      out += '\ufffd';
      continue;
    }
    out += s[i];
  }
  return `${out}"`;
}

/** json.Marshal of a Go value (maps sorted by key). */
export function goJsonMarshal(v: GoValue): string {
  if (v === null) return 'null';
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  if (typeof v === 'string') return goJsonString(v);
  if (Array.isArray(v)) return `[${v.map(goJsonMarshal).join(',')}]`;
  switch (v.t) {
    case 'int':
      return v.big !== undefined ? v.big.toString() : String(v.n);
    case 'float':
      if (!Number.isFinite(v.f)) throw new EncodeError(`json: unsupported value: ${v.f}`);
      return Object.is(v.f, -0) ? '-0' : String(v.f);
    case 'time':
      return goJsonString(v.rfc3339);
    case 'map': {
      const idx = v.keys
        .map((_, i) => i)
        .sort((a, b) => (v.keys[a]! < v.keys[b]! ? -1 : v.keys[a]! > v.keys[b]! ? 1 : 0));
      return `{${idx.map((i) => `${goJsonString(v.keys[i]!)}:${goJsonMarshal(v.values[i]!)}`).join(',')}}`;
    }
  }
}

/**
 * The node as `RNode.MarshalJSON` + `json.Unmarshal` into `interface{}` would leave it: numbers
 * become float64 (JSON numbers), times strings.
 */
export function nodeToJsonValue(n: YNode): GoValue {
  return toFloat64(jsonRoundTrip(toGoValue(n, true)));
}

function toFloat64(v: GoValue): GoValue {
  if (v === null || typeof v === 'boolean' || typeof v === 'string') return v;
  if (Array.isArray(v)) return v.map(toFloat64);
  switch (v.t) {
    case 'int':
      return { t: 'float', f: v.big !== undefined ? Number(v.big) : v.n };
    case 'float':
    case 'time':
      return v;
    case 'map':
      return { t: 'map', keys: v.keys, values: v.values.map(toFloat64) };
  }
}

/**
 * Builds nodes from a JSON-decoded Go value, as `FromMap`/`kio.FromBytes(json)` would leave them:
 * strings `!!str`, numbers re-resolved from their JSON text, maps sorted by key.
 */
export function jsonValueToNode(v: GoValue): YNode {
  const mk = (kind: Kind, tag: string, value: string): YNode => ({
    kind,
    style: 0,
    tag,
    value,
    content: [],
    anchor: '',
    alias: null,
    line: 0,
    column: 0,
  });
  if (v === null) return mk(Kind.Scalar, Tag.Null, 'null');
  if (typeof v === 'boolean') return mk(Kind.Scalar, Tag.Bool, v ? 'true' : 'false');
  if (typeof v === 'string') return mk(Kind.Scalar, Tag.Str, v);
  if (Array.isArray(v)) {
    const s = mk(Kind.Sequence, Tag.Seq, '');
    for (const x of v) s.content.push(jsonValueToNode(x));
    return s;
  }
  switch (v.t) {
    case 'int':
      return mk(Kind.Scalar, Tag.Int, v.big !== undefined ? v.big.toString() : String(v.n));
    case 'float': {
      const text = String(v.f);
      return mk(Kind.Scalar, /^-?\d+$/.test(text) ? Tag.Int : Tag.Float, text);
    }
    case 'time':
      return mk(Kind.Scalar, Tag.Str, v.rfc3339);
    case 'map': {
      const m = mk(Kind.Mapping, Tag.Map, '');
      const idx = v.keys
        .map((_, i) => i)
        .sort((a, b) => (v.keys[a]! < v.keys[b]! ? -1 : v.keys[a]! > v.keys[b]! ? 1 : 0));
      for (const i of idx)
        m.content.push(mk(Kind.Scalar, Tag.Str, v.keys[i]!), jsonValueToNode(v.values[i]!));
      return m;
    }
  }
}
