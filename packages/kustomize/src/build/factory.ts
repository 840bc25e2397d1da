/**
 * Making resources: from YAML bytes (kustomize's resource factory: empty documents dropped, `kind`
 * and `metadata.name` required, `*List` kinds inlined) and from `configMapGenerator` /
 * `secretGenerator` arguments (literals, files, env files).
 *
 * @see https://github.com/kubernetes-sigs/kustomize/blob/api/v0.18.0/api/resource/factory.go
 * @see https://github.com/kubernetes-sigs/kustomize/blob/api/v0.18.0/api/internal/generators/utils.go
 * @see https://github.com/kubernetes-sigs/kustomize/blob/api/v0.18.0/api/kv/kv.go
 */
import * as path from 'node:path';
import { KustomizeError } from '../errors/KustomizeError.js';
import { DocumentError, readDocuments } from '../yaml/documents.js';
import { EncodeError } from '../yaml/emit.js';
import { Kind, Style, Tag, type YNode, makeNode } from '../yaml/node.js';
import { YamlSyntaxError } from '../yaml/scanner.js';
import { jsonValueToNode, nodeToJsonValue } from './gojson.js';
import type { GeneratorArgs, GeneratorOptionsArg, SecretArgs } from './kustomization.js';
import {
  getApiVersion,
  getField,
  getKind,
  getName,
  getNamespace,
  isNilOrEmpty,
  newMap,
  newString,
  pathGet,
  setField,
} from './kyaml.js';
import type { Loader } from './loader.js';
import { Resource } from './resource.js';

/** Go `%v` of kyaml's ResourceMeta, as kustomize's messages print it. */
function metaString(n: YNode): string {
  const labels = mapText(n, 'labels');
  const ann = mapText(n, 'annotations');
  return `{{${getApiVersion(n)} ${getKind(n)}} {{${getName(n)} ${getNamespace(n)}} map[${labels}] map[${ann}]}}`;
}

function mapText(n: YNode, field: string): string {
  const md = getField(n, 'metadata');
  const m = md ? getField(md, field) : undefined;
  if (!m || m.kind !== Kind.Mapping) return '';
  const pairs: string[] = [];
  for (let i = 0; i + 1 < m.content.length; i += 2)
    pairs.push(`${m.content[i]!.value}:${m.content[i + 1]!.value}`);
  return pairs.sort().join(' ');
}

/** Thrown for YAML that does not parse; kustomize's messages contain `MalformedYAMLError`. */
export class MalformedYamlError extends KustomizeError {}

function parseNodes(text: string): YNode[] {
  try {
    return readDocuments(text);
  } catch (e) {
    if (e instanceof YamlSyntaxError) {
      throw new MalformedYamlError('MalformedYaml', `MalformedYAMLError: ${e.goMessage()}`);
    }
    if (e instanceof DocumentError) {
      throw new KustomizeError(e.kind === 'limit' ? 'LimitExceeded' : 'MalformedYaml', e.message);
    }
    throw e;
  }
}

/** kio's List/ResourceList unwrapping (only when the stream is a single document). */
function unwrapLists(nodes: YNode[]): YNode[] {
  if (nodes.length !== 1) return nodes;
  const n = nodes[0]!;
  if (n.kind !== Kind.Mapping) return nodes;
  const kind = getKind(n);
  if (
    (kind === 'ResourceList' || kind === 'List') &&
    (getField(n, 'items') || getField(n, 'functionConfig'))
  ) {
    const items = getField(n, 'items');
    return items && items.kind === Kind.Sequence ? [...items.content] : [];
  }
  return nodes;
}

function validate(n: YNode): void {
  if (n.kind !== Kind.Mapping) {
    if (n.kind === Kind.Scalar) {
      throw new KustomizeError('InvalidResource', `missing kind in object {{ } {{ } map[] map[]}}`);
    }
    throw new KustomizeError(
      'InvalidResource',
      `wrong node kind: expected MappingNode but got ${n.kind === Kind.Sequence ? 'SequenceNode' : 'ScalarNode'}`,
    );
  }
  const kind = getKind(n);
  if (kind === '') throw new KustomizeError('InvalidResource', `missing kind in object ${metaString(n)}`);
  if (kind.endsWith('List')) return;
  if (getName(n) === '')
    throw new KustomizeError('InvalidResource', `missing metadata.name in object ${metaString(n)}`);
}

function dropBad(nodes: YNode[]): YNode[] {
  const out: YNode[] = [];
  for (const n of nodes) {
    if (isNilOrEmpty(n)) continue;
    validate(n);
    out.push(n);
  }
  return out;
}

/** kustomize `inlineAnyEmbeddedLists`. */
function inlineLists(input: YNode[]): YNode[] {
  const queue = [...input];
  const result: YNode[] = [];
  while (queue.length > 0) {
    const n0 = queue.shift()!;
    const kind = getKind(n0);
    if (!kind.endsWith('List')) {
      result.push(n0);
      continue;
    }
    const items = getField(n0, 'items');
    if (!items) {
      result.push(n0);
      continue;
    }
    if (items.kind === Kind.Scalar && items.tag === Tag.Null) continue;
    if (items.kind !== Kind.Sequence) {
      throw new KustomizeError(
        'InvalidResource',
        `expected array in ${kind}/items, but found ${items.kind === Kind.Mapping ? 'map[string]interface {}' : 'string'}`,
      );
    }
    for (const item of items.content) {
      // Each item goes through json.Marshal then kio.FromBytes.
      let v: ReturnType<typeof nodeToJsonValue>;
      try {
        v = nodeToJsonValue(item);
      } catch (e) {
        if (e instanceof EncodeError) throw new KustomizeError('InvalidResource', e.message);
        throw e;
      }
      const node = jsonValueToNode(v);
      queue.push(...dropBad(node.kind === Kind.Scalar && node.tag === Tag.Null ? [] : [node]));
    }
  }
  return result;
}

/** kustomize `SliceFromBytes`: resources of a YAML stream. */
export function resourcesFromText(text: string): Resource[] {
  const nodes = inlineLists(dropBad(unwrapLists(parseNodes(text))));
  return nodes.map((n) => new Resource(n));
}

/** Node trees of a YAML stream without validation (patch documents). */
export function nodesFromText(text: string): YNode[] {
  return parseNodes(text);
}

// ---- generators ------------------------------------------------------------------------------------

/** A key/value pair from a generator source. */
interface Pair {
  key: string;
  value: string;
  binary: boolean;
}

function parseLiteralSource(source: string): [string, string] {
  if (source.indexOf('=') === 0 || source.indexOf('=') < 0) {
    throw new KustomizeError('InvalidGenerator', `invalid literal source ${source}, expected key=value`);
  }
  const i = source.indexOf('=');
  let v = source.slice(i + 1);
  if (v.length >= 2 && v[0] === v[v.length - 1] && (v[0] === '"' || v[0] === "'")) v = v.slice(1, -1);
  return [source.slice(0, i), v];
}

function parseFileSource(source: string): [string, string] {
  const n = source.split('=').length - 1;
  if (n === 0) return [path.posix.basename(source), source];
  if (n === 1 && source.startsWith('=')) {
    throw new KustomizeError(
      'InvalidGenerator',
      `missing key name for file path "${source.slice(1)}" in source "${source}"`,
    );
  }
  if (n === 1 && source.endsWith('=')) {
    throw new KustomizeError(
      'InvalidGenerator',
      `missing file path for key name "${source.slice(0, -1)}" in source "${source}"`,
    );
  }
  if (n > 1)
    throw new KustomizeError('InvalidGenerator', `source "${source}" key name or file path contains '='`);
  const [k, f] = source.split('=') as [string, string];
  return [k, f];
}

const utf8Strict = new TextDecoder('utf-8', { fatal: true });

function bytesToGoString(b: Uint8Array): { text: string; valid: boolean } {
  try {
    return { text: utf8Strict.decode(b), valid: true };
  } catch {
    return { text: Buffer.from(b).toString('latin1'), valid: false };
  }
}

function envLines(bytes: Uint8Array): Pair[] {
  const out: Pair[] = [];
  // bufio.Scanner splits on \n and strips a trailing \r.
  let text = Buffer.from(bytes).toString('latin1');
  const lines = text.split('\n');
  if (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  lines.forEach((raw, idx) => {
    let line = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    const lb = Buffer.from(line, 'latin1');
    const decoded = bytesToGoString(lb);
    if (!decoded.valid) throw new KustomizeError('InvalidGenerator', `line ${idx} has invalid utf8 bytes`);
    line = decoded.text;
    if (idx === 0 && line.startsWith('\ufeff')) line = line.slice(1);
    line = line.replace(/^[\s\u0085\u00a0]+/u, '');
    if (line.length === 0 || line[0] === '#') return;
    const eq = line.indexOf('=');
    const key = eq < 0 ? line : line.slice(0, eq);
    const value = eq < 0 ? '' : line.slice(eq + 1);
    if (key.length === 0) return;
    out.push({ key, value, binary: false });
  });
  text = '';
  return out;
}

/**
 * kustomize's `kv.loader.Load` under `loading KV pairs`: env files, then literals, then files; an
 * error names its section and the whole list as Go's `%v` prints a `[]string` (`[a b]`).
 *
 * @see https://github.com/kubernetes-sigs/kustomize/blob/kustomize/v5.5.0/api/kv/kv.go (Load)
 */
async function loadPairs(ldr: Loader, args: GeneratorArgs): Promise<Pair[]> {
  const goList = (l: string[] | undefined) => `[${(l ?? []).join(' ')}]`;
  const all: Pair[] = [];
  try {
    for (const p of args.envs ?? []) all.push(...envLines(await ldr.load(p)));
  } catch (e) {
    throw wrapGen(e, `loading KV pairs: env source files: ${goList(args.envs)}`);
  }
  try {
    for (const s of args.literals ?? []) {
      const [k, v] = parseLiteralSource(s);
      all.push({ key: k, value: v, binary: false });
    }
  } catch (e) {
    throw wrapGen(e, `loading KV pairs: literal sources ${goList(args.literals)}`);
  }
  try {
    for (const s of args.files ?? []) {
      const [k, f] = parseFileSource(s);
      const d = bytesToGoString(await ldr.load(f));
      all.push({ key: k, value: d.text, binary: !d.valid });
    }
  } catch (e) {
    throw wrapGen(e, `loading KV pairs: file sources: ${goList(args.files)}`);
  }
  return all;
}

function wrapGen(e: unknown, prefix: string): unknown {
  if (e instanceof KustomizeError)
    return new KustomizeError(e.code, `${prefix}: ${e.message}`, { data: e.data, cause: e.cause });
  return e;
}

function baseNode(kind: string, name: string | undefined, namespace: string | undefined): YNode {
  if (!name) throw new KustomizeError('InvalidGenerator', 'a configmap must have a name');
  const n = makeNode(Kind.Mapping, Tag.Map, '');
  n.content.push(makeNode(Kind.Scalar, Tag.Str, 'apiVersion'), makeNode(Kind.Scalar, Tag.Str, 'v1'));
  n.content.push(makeNode(Kind.Scalar, Tag.Str, 'kind'), makeNode(Kind.Scalar, Tag.Str, kind));
  const md = pathGet(n, ['metadata'], Kind.Mapping)!;
  setField(md, 'name', newString(name));
  if (namespace) setField(md, 'namespace', newString(namespace));
  return n;
}

function validatedMap(pairs: Pair[], name: string | undefined): Map<string, Pair> {
  const m = new Map<string, Pair>();
  for (const p of pairs) {
    if (m.has(p.key)) {
      throw new KustomizeError(
        'InvalidGenerator',
        `configmap ${name ?? ''} illegally repeats the key \`${p.key}\``,
      );
    }
    m.set(p.key, p);
  }
  return m;
}

function sortedKeys(m: Map<string, unknown>): string[] {
  return [...m.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

function base64Lines(s: string, binary: boolean): string {
  const b = binary ? Buffer.from(s, 'latin1') : Buffer.from(s, 'utf8');
  const enc = b.toString('base64');
  // go-yaml's encodeBase64 (kyaml copy): 70-column lines when longer than one line.
  const lineLen = 70;
  const lines = Math.floor(enc.length / lineLen) + 1;
  if (lines <= 1) return enc;
  let out = '';
  for (let i = 0; i < enc.length; i += lineLen) out += `${enc.slice(i, i + lineLen)}\n`;
  return out;
}

function copyLabelsAndAnnotations(n: YNode, opts: GeneratorOptionsArg | undefined): void {
  if (!opts) return;
  for (const [field, m] of [
    ['labels', opts.labels],
    ['annotations', opts.annotations],
  ] as const) {
    if (!m) continue;
    for (const k of Object.keys(m).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))) {
      const v = newString(m[k] ?? '');
      v.style = Style.SingleQuoted;
      const target = pathGet(n, ['metadata', field], Kind.Mapping)!;
      setField(target, k, v);
    }
  }
}

function setImmutable(n: YNode, opts: GeneratorOptionsArg | undefined): void {
  if (opts?.immutable) setField(n, 'immutable', makeNode(Kind.Scalar, Tag.Bool, 'true'));
}

/** kustomize `MergeGlobalOptionsIntoLocal`. */
export function mergeGlobalOptions(
  local: GeneratorOptionsArg | undefined,
  global: GeneratorOptionsArg | undefined,
): GeneratorOptionsArg | undefined {
  if (!global) return local;
  if (!local) {
    return {
      labels: global.labels ? { ...global.labels } : undefined,
      annotations: global.annotations ? { ...global.annotations } : undefined,
      disableNameSuffixHash: global.disableNameSuffixHash,
      immutable: global.immutable,
    };
  }
  const out: GeneratorOptionsArg = {
    labels: mergeRecords(global.labels, local.labels),
    annotations: mergeRecords(global.annotations, local.annotations),
    disableNameSuffixHash: global.disableNameSuffixHash || local.disableNameSuffixHash,
    immutable: global.immutable || local.immutable,
  };
  return out;
}

function mergeRecords(
  a: Record<string, string> | undefined,
  b: Record<string, string> | undefined,
): Record<string, string> | undefined {
  if (!a && !b) return undefined;
  return { ...(a ?? {}), ...(b ?? {}) };
}

function finishGenerated(n: YNode, args: GeneratorArgs): Resource {
  const r = new Resource(n);
  if (!args.options?.disableNameSuffixHash) r.enableHashSuffix();
  const b = args.behavior ?? '';
  r.setBehavior(b === 'merge' || b === 'replace' || b === 'create' ? b : 'unspecified');
  return r;
}

/** Generates a ConfigMap (kustomize `MakeConfigMap`). */
export async function makeConfigMap(ldr: Loader, args: GeneratorArgs): Promise<Resource> {
  const n = baseNode('ConfigMap', args.name, args.namespace);
  const m = validatedMap(await loadPairs(ldr, args), args.name);
  for (const k of sortedKeys(m)) {
    const p = m.get(k)!;
    const field = p.binary ? 'binaryData' : 'data';
    const v = makeNode(Kind.Scalar, Tag.Str, p.binary ? base64Lines(p.value, true) : p.value);
    if (v.value.includes('\n')) v.style = Style.Literal;
    const target = pathGet(n, [field], Kind.Mapping)!;
    setField(target, k, v);
  }
  copyLabelsAndAnnotations(n, args.options);
  setImmutable(n, args.options);
  return finishGenerated(n, args);
}

/** Generates a Secret (kustomize `MakeSecret`). */
export async function makeSecret(ldr: Loader, args: SecretArgs): Promise<Resource> {
  const n = baseNode('Secret', args.name, args.namespace);
  setField(n, 'type', newString(args.type || 'Opaque'));
  const m = validatedMap(await loadPairs(ldr, args), args.name);
  const data = pathGet(n, ['data'], Kind.Mapping)!;
  for (const k of sortedKeys(m)) {
    const p = m.get(k)!;
    const v = makeNode(Kind.Scalar, Tag.Str, base64Lines(p.value, p.binary));
    if (v.value.includes('\n')) v.style = Style.Literal;
    setField(data, k, v);
  }
  copyLabelsAndAnnotations(n, args.options);
  setImmutable(n, args.options);
  return finishGenerated(n, args);
}

export { newMap };
