/**
 * Content-hash name suffixes of generated ConfigMaps and Secrets, computed exactly as kustomize's
 * hasher does: sha256 over a JSON document of kind, name, data (and binaryData / type, stringData),
 * first 10 hex digits with `0→g 1→h 3→k a→m e→t`.
 *
 * @see https://github.com/kubernetes-sigs/kustomize/blob/api/v0.18.0/api/hasher/hasher.go
 */
import { createHash } from 'node:crypto';
import { KustomizeError } from '../errors/KustomizeError.js';
import { Kind, type YNode } from '../yaml/node.js';
import type { GoMap, GoValue } from '../yaml/resolve.js';
import { goJsonMarshal, nodeToJsonValue } from './gojson.js';
import { pathGet } from './kyaml.js';

const MAP: Record<string, string> = { '0': 'g', '1': 'h', '3': 'k', a: 'm', e: 't' };

/** kustomize `encode(hex256(data))`. */
export function hashSuffix(data: string): string {
  const hex = createHash('sha256').update(data, 'utf8').digest('hex');
  let out = '';
  for (const c of hex.slice(0, 10)) out += MAP[c] ?? c;
  return out;
}

function nodeValue(node: YNode, p: string): GoValue {
  const vn = pathGet(node, [p]);
  if (!vn) return '';
  if (vn.kind !== Kind.Scalar) return nodeToJsonValue(vn);
  return vn.value;
}

function lookupPath(node: YNode, slashPath: string): GoValue {
  // Lookup("metadata/name") is one path element containing a slash: kyaml looks for a field literally
  // named "metadata/name"... which never exists, so the value is "".
  return nodeValue(node, slashPath);
}

function isMap(v: GoValue): v is GoMap {
  return v !== null && typeof v === 'object' && !Array.isArray(v) && v.t === 'map';
}

/** The hash suffix kustomize computes for a ConfigMap or Secret. */
export function hashResource(node: YNode, kind: string): string {
  let m: GoMap;
  if (kind === 'ConfigMap') {
    const name = lookupPath(node, 'metadata/name');
    const data = nodeValue(node, 'data');
    const bin = nodeValue(node, 'binaryData');
    const keys = ['kind', 'name', 'data'];
    const values: GoValue[] = ['ConfigMap', name, data];
    if (isMap(bin)) {
      keys.push('binaryData');
      values.push(bin);
    }
    m = { t: 'map', keys, values };
  } else if (kind === 'Secret') {
    const keys = ['kind', 'type', 'name', 'data'];
    const values: GoValue[] = [
      'Secret',
      nodeValue(node, 'type'),
      lookupPath(node, 'metadata/name'),
      nodeValue(node, 'data'),
    ];
    const sd = nodeValue(node, 'stringData');
    if (isMap(sd)) {
      keys.push('stringData');
      values.push(sd);
    }
    m = { t: 'map', keys, values };
  } else {
    throw new KustomizeError('NotSupported', `hash suffixes for kind ${kind} are not supported`);
  }
  return hashSuffix(goJsonMarshal(m));
}
