/**
 * Reading a YAML stream the way kustomize does (kyaml `kio.FromBytes`): `\r\n` → `\n`, split at
 * lines starting with `---` (anything but a comment after it is an error), decode the first
 * document of each piece with go-yaml v3, drop empty documents, then inline aliases and merge keys
 * (`DeAnchor`).
 *
 * @see https://github.com/kubernetes-sigs/kustomize/blob/kyaml/v0.18.1/kyaml/kio/byteio_reader.go
 * @see https://github.com/kubernetes-sigs/kustomize/blob/kyaml/v0.18.1/kyaml/yaml/rnode.go (DeAnchor)
 */
import { Kind, Tag, type YNode, copyNode } from './node.js';
import { parseFirstDocument } from './parse.js';

/** Bound on nodes created while inlining aliases (an alias bomb otherwise explodes memory). */
export const MAX_ALIAS_EXPANSION = 1_000_000;

/** An error reading a document stream; `kind` says which class of problem it is. */
export class DocumentError extends Error {
  constructor(
    message: string,
    readonly kind: 'separator' | 'alias' | 'limit',
  ) {
    super(message);
  }
}

/** kio's `splitDocuments`: pieces between lines that start with `---`. */
export function splitDocuments(s: string): string[] {
  const docs: string[] = [];
  if (s.length === 0) return docs;
  const re = /\n---[^\n]*\n/g;
  let prev = 0;
  for (let m = re.exec(s); m !== null; m = re.exec(s)) {
    const sep = m[0];
    const after = sep.slice(4).trim();
    if (after.length > 0 && after[0] !== '#') {
      throw new DocumentError(`invalid document separator: ${sep.trim()}`, 'separator');
    }
    docs.push(s.slice(prev, m.index));
    prev = m.index + sep.length;
    // The regexp consumed the newline that could start the next separator: Go's FindAll does the same.
  }
  docs.push(s.slice(prev));
  return docs;
}

/**
 * Decodes a stream into its non-empty root nodes (the content of each document), anchors inlined.
 * Throws {@link YamlSyntaxError} for bad YAML and {@link DocumentError} for the rest.
 */
export function readDocuments(text: string): YNode[] {
  const values = splitDocuments(text.includes('\r\n') ? text.replaceAll('\r\n', '\n') : text);
  const out: YNode[] = [];
  for (let i = 0; i < values.length; i++) {
    const v = i !== values.length - 1 ? `${values[i]}\n` : values[i]!;
    const doc = parseFirstDocument(v);
    if (!doc) continue;
    const root = doc.content[0];
    if (!root || (root.kind === Kind.Scalar && root.tag === Tag.Null)) continue;
    out.push(root);
  }
  for (let i = 0; i < out.length; i++) out[i] = deAnchor(out[i]!);
  return out;
}

/** Inlines every alias with a copy of its anchor and applies merge keys (`<<`); clears anchors. */
export function deAnchor(n: YNode): YNode {
  if (!hasAnchorsOrAliases(n)) return n;
  // Bound the expansion before copying anything (an alias bomb grows exponentially).
  if (expandedSize(n, new Map(), new Set()) > MAX_ALIAS_EXPANSION) {
    throw new DocumentError('document contains excessive aliasing', 'limit');
  }
  const budget = { left: MAX_ALIAS_EXPANSION };
  return deAnchorNode(n, budget);
}

/** Node count once aliases are inlined (memoised per node; a self-referencing alias is an error). */
function expandedSize(n: YNode, memo: Map<YNode, number>, active: Set<YNode>): number {
  const m = memo.get(n);
  if (m !== undefined) return m;
  if (active.has(n)) throw new DocumentError('anchor refers to itself', 'alias');
  active.add(n);
  let size = 1;
  if (n.kind === Kind.Alias) size = n.alias ? expandedSize(n.alias, memo, active) : 1;
  else {
    for (const c of n.content) {
      size += expandedSize(c, memo, active);
      if (size > MAX_ALIAS_EXPANSION) break;
    }
  }
  active.delete(n);
  memo.set(n, size);
  return size;
}

function hasAnchorsOrAliases(n: YNode): boolean {
  if (n.anchor !== '' || n.kind === Kind.Alias) return true;
  if (n.kind === Kind.Mapping) {
    const c = n.content;
    for (let i = 0; i < c.length; i++) {
      const k = c[i]!;
      if ((i & 1) === 0 && k.tag === Tag.Merge) return true;
      if (hasAnchorsOrAliases(k)) return true;
    }
    return false;
  }
  for (const c of n.content) if (hasAnchorsOrAliases(c)) return true;
  return false;
}

function countNodes(n: YNode): number {
  let c = 1;
  for (const x of n.content) c += countNodes(x);
  return c;
}

function deAnchorNode(n: YNode, budget: { left: number }): YNode {
  if (n.anchor !== '') {
    if (n.kind === Kind.Alias)
      throw new DocumentError(`anchor "${n.anchor}" defined using alias ${n.value}`, 'alias');
    n.anchor = '';
  }
  switch (n.kind) {
    case Kind.Scalar:
      return n;
    case Kind.Alias: {
      const target = n.alias;
      if (!target) return n;
      const result = hasAnchorsOrAliases(target) ? deAnchorNode(target, budget) : target;
      budget.left -= countNodes(result);
      if (budget.left < 0) throw new DocumentError('document contains excessive aliasing', 'limit');
      return copyNode(result);
    }
    case Kind.Mapping: {
      const toMerge = removeMergeTags(n);
      if (toMerge.length > 0) mergeAll(n, toMerge);
      break;
    }
  }
  const c = n.content;
  for (let i = 0; i < c.length; i++) {
    const child = c[i]!;
    if (child.kind === Kind.Scalar && child.anchor === '') continue;
    c[i] = deAnchorNode(child, budget);
  }
  return n;
}

function findMergeValues(v: YNode | undefined): YNode[] {
  if (!v) return [];
  switch (v.kind) {
    case Kind.Mapping:
      return [v];
    case Kind.Alias:
      if (v.alias && v.alias.kind !== Kind.Mapping) {
        throw new DocumentError('invalid map merge: received alias for a non-map value', 'alias');
      }
      return v.alias ? [v.alias] : [];
    case Kind.Sequence: {
      let values: YNode[] = [];
      for (const item of v.content) {
        if (item.kind === Kind.Sequence)
          throw new DocumentError('invalid map merge: received a nested sequence', 'alias');
        values = [...findMergeValues(item), ...values];
      }
      return values;
    }
    default:
      throw new DocumentError('map merge requires map or sequence of maps as the value', 'alias');
  }
}

function removeMergeTags(n: YNode): YNode[] {
  const c = n.content;
  let value: YNode | undefined;
  for (let i = 0; i + 1 < c.length; i += 2) {
    if (c[i]!.tag === Tag.Merge) {
      if (value) throw new DocumentError('duplicate merge key', 'alias');
      value = c[i + 1];
    }
  }
  if (!value) return [];
  const toMerge = findMergeValues(value);
  // kyaml Clear("<<"): removes the first field whose key text is "<<".
  for (let i = 0; i + 1 < c.length; i += 2) {
    if (c[i]!.value === '<<') {
      c.splice(i, 2);
      break;
    }
  }
  return toMerge;
}

function mergeAll(n: YNode, toMerge: YNode[]): void {
  const result = copyNode(n);
  for (const src of [...toMerge, n]) {
    const s = copyNode(src);
    const sc = s.content;
    for (let i = 0; i + 1 < sc.length; i += 2) {
      const key = sc[i]!;
      const rc = result.content;
      let found = false;
      for (let j = 0; j + 1 < rc.length; j += 2) {
        if (rc[j]!.value === key.value) {
          rc[j] = key;
          rc[j + 1] = sc[i + 1]!;
          found = true;
          break;
        }
      }
      if (!found) rc.push(key, sc[i + 1]!);
    }
  }
  n.content = result.content;
  n.style = result.style;
  n.tag = result.tag;
}
