/**
 * Strategic merge patch as kustomize v5 applies it: kyaml's `merge2` walker, driven by OpenAPI patch
 * strategies and merge keys (lists without a `merge` strategy are replaced; lists without a schema
 * too), `$patch: delete|replace|merge` directives, `null` deleting fields, and new list elements
 * prepended (`ListIncreaseDirection: prepend`). `$setElementOrder`, `$retainKeys` and
 * `$deleteFromPrimitiveList` are not interpreted by kustomize v5 and pass through as fields.
 *
 * @see https://github.com/kubernetes-sigs/kustomize/tree/kyaml/v0.18.1/kyaml/yaml/merge2
 * @see https://github.com/kubernetes-sigs/kustomize/tree/kyaml/v0.18.1/kyaml/yaml/walk
 */
import { KustomizeError } from '../errors/KustomizeError.js';
import { Kind, Style, Tag, type YNode, copyNode, makeNode } from '../yaml/node.js';
import type { BuildContext } from './context.js';
import { sortIndices } from '../yaml/sortIndices.js';
import {
  clearField,
  copyInto,
  elementMatch,
  elementSetter,
  getApiVersion,
  getField,
  getKind,
  isMissingOrNull,
  isStringValue,
  isYaml11NonString,
  newScalar,
  setField,
} from './kyaml.js';
import {
  type ResourceSchema,
  patchStrategyAndKey,
  patchStrategyAndKeyList,
  schemaElements,
  schemaField,
} from './openapi/schema.js';

type Src = YNode | null;
type Sources = Src[];

enum Directive {
  Unknown = 0,
  Replace = 1,
  Delete = 2,
  Merge = 3,
}

const PATCH_KEY = '$patch';

/** A node that stays even though it is a null (kyaml `MakePersistentNullNode`). */
const PERSISTENT = new WeakSet<YNode>();

function smpError(msg: string): KustomizeError {
  return new KustomizeError('PatchFailed', msg);
}

function directiveOf(patch: Src): Directive {
  if (!patch) return Directive.Merge;
  switch (patch.kind) {
    case Kind.Sequence: {
      // GetElementByKey("$patch"): first mapping element having the field
      const node = elementMatch(patch, [PATCH_KEY], [], true);
      if (!node || node.content.length > 2) return Directive.Merge;
      const v = getField(node, PATCH_KEY);
      if (!v) return Directive.Merge;
      const d = parseDirective(v.value);
      // elideSequencePatchDirective: remove the {$patch: v} element
      elementSetter(patch, null, [PATCH_KEY], [v.value]);
      return d;
    }
    case Kind.Mapping: {
      const v = getField(patch, PATCH_KEY);
      if (!v) return Directive.Merge;
      const d = parseDirective(v.value);
      clearField(patch, PATCH_KEY);
      return d;
    }
    default:
      throw smpError(`no implemented strategic merge patch strategy for '${patch.tag}' ('${patch.value}')`);
  }
}

function parseDirective(v: string): Directive {
  switch (v) {
    case 'delete':
      return Directive.Delete;
    case 'replace':
      return Directive.Replace;
    case 'merge':
      return Directive.Merge;
  }
  throw smpError(`unknown patch strategy '${v}'`);
}

function isTaggedNull(n: Src): boolean {
  return !!n && n.tag === Tag.Null;
}

/** Merger.SetStyle: an empty collection destination takes the patch's style. */
function setStyle(nodes: Sources): void {
  const source = nodes[1];
  const dest = nodes[0];
  if (!dest || !source) return;
  if (dest.kind !== Kind.Scalar && dest.content.length === 0) dest.style = source.style;
}

function visitMap(nodes: Sources): Src {
  setStyle(nodes);
  const dest = nodes[0] ?? null;
  const origin = nodes[1] ?? null;
  if (isMissingOrNull(dest)) {
    let ps = Directive.Merge;
    try {
      ps = directiveOf(origin);
    } catch {
      ps = Directive.Unknown;
    }
    if (ps === Directive.Delete) return null;
    if (!origin && dest && dest.value.length > 0) {
      const n = makeNode(Kind.Scalar, Tag.Null, dest.value);
      PERSISTENT.add(n);
      return n;
    }
    return origin;
  }
  if (isTaggedNull(origin)) return null;
  const ps = directiveOf(origin);
  switch (ps) {
    case Directive.Delete:
      return null;
    case Directive.Replace:
      return origin;
    default:
      return dest;
  }
}

function visitScalar(nodes: Sources): Src {
  setStyle(nodes);
  const origin = nodes[1];
  if (origin) return origin;
  return nodes[0] ?? null;
}

function visitList(nodes: Sources, associative: boolean): Src {
  setStyle(nodes);
  const dest = nodes[0] ?? null;
  const origin = nodes[1] ?? null;
  if (!associative) return origin ? origin : dest;
  if (isMissingOrNull(dest)) return origin;
  if (isTaggedNull(origin)) return null;
  const ps = directiveOf(origin);
  switch (ps) {
    case Directive.Delete:
      return null;
    case Directive.Replace:
      return origin;
    default:
      return dest;
  }
}

class Walker {
  constructor(
    private readonly ctx: BuildContext,
    private sources: Sources,
    private schema: ResourceSchema | null,
    /** The walker of the enclosing node and this node's key there (the field path, for messages). */
    private readonly parent: Walker | null = null,
    private readonly key = '',
  ) {}

  /** The field path of this node (`spec.template`), for messages; built only when an error needs it. */
  private get path(): string[] {
    const out: string[] = [];
    for (let w: Walker | null = this; w?.parent; w = w.parent) if (w.key !== '') out.unshift(w.key);
    return out;
  }

  private kind(): Kind | 0 {
    for (const s of this.sources) if (s && !isMissingOrNull(s)) return s.kind;
    return 0;
  }

  private getSchema(): ResourceSchema | null {
    if (this.schema) return this.schema;
    for (const r of this.sources) {
      if (!r || isMissingOrNull(r) || r.kind !== Kind.Mapping) continue;
      const kind = getKind(r);
      const apiVersion = getApiVersion(r);
      if (kind === '' || apiVersion === '') continue;
      const s = this.ctx.schema.forResourceType(apiVersion, kind);
      if (s) return s;
    }
    return null;
  }

  private checkKinds(kind: Kind): void {
    for (const s of this.sources) {
      if (!s || isMissingOrNull(s)) continue;
      if (s.kind !== kind) {
        const names: Record<number, string> = {
          2: 'SequenceNode',
          4: 'MappingNode',
          8: 'ScalarNode',
          16: 'AliasNode',
        };
        throw smpError(`wrong node kind: expected ${names[kind]} but got ${names[s.kind]}`);
      }
    }
  }

  walk(): Src {
    this.schema = this.getSchema();
    switch (this.kind()) {
      case Kind.Mapping:
        this.checkKinds(Kind.Mapping);
        return this.walkMap();
      case Kind.Sequence:
        this.checkKinds(Kind.Sequence);
        if (this.schema && hasMergeStrategy(this.schema)) return this.walkAssociative();
        return visitList(this.sources, false);
      case Kind.Scalar:
        this.checkKinds(Kind.Scalar);
        return visitScalar(this.sources);
      case 0:
        return this.walkMap();
      default:
        return null;
    }
  }

  private walkMap(): Src {
    const dest = visitMap(this.sources);
    this.sources[0] = dest;
    if (!dest) return null;
    if (this.sources.length === 2 && this.sources[1] === null && dest.kind === Kind.Mapping) {
      return this.walkDestOnlyMap(dest);
    }
    const names = new Set<string>();
    for (const s of this.sources) {
      if (!s || s.kind !== Kind.Mapping) continue;
      for (let i = 0; i + 1 < s.content.length; i += 2) names.add(s.content[i]!.value);
    }
    const keys = [...names].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    const n = this.sources.length;
    // The style of each source's key node (the key kept when that source's value is chosen).
    const keyStyles: number[] = new Array(n);
    for (const key of keys) {
      const fv: Sources = new Array(n);
      for (let j = 0; j < n; j++) {
        const s = this.sources[j];
        let v: Src = null;
        keyStyles[j] = 0;
        if (s && s.kind === Kind.Mapping) {
          const c = s.content;
          for (let i = 0; i + 1 < c.length; i += 2) {
            if (c[i]!.value === key) {
              v = c[i + 1]!;
              keyStyles[j] = c[i]!.style;
              break;
            }
          }
        }
        fv[j] = v;
      }
      const sub = schemaField(this.schema, key);
      const val = new Walker(this.ctx, fv, sub, this, key).walk();
      let keyStyle = 0;
      if (val) {
        // Like a lookup keyed by node: the last source holding this very node wins.
        for (let j = 0; j < n; j++) if (fv[j] === val) keyStyle = keyStyles[j]!;
      }
      // FieldSetter{Name: key, Value: val}
      if (!val || (val.tag === Tag.Null && !PERSISTENT.has(val))) {
        clearField(dest, key);
        continue;
      }
      setField(dest, key, val, { keepNull: true, keyStyle });
    }
    return dest;
  }

  /**
   * {@link walkMap} of a mapping the patch does not reach (most of a resource): the same visits and
   * side effects (null fields cleared, YAML 1.1 look-alike strings double-quoted, associative lists
   * rebuilt) without gathering and matching keys across sources. Scalars and lists without a merge
   * strategy come back from their walk unchanged, so they are handled here directly.
   */
  private walkDestOnlyMap(dest: YNode): Src {
    const c = dest.content;
    // First occurrences only (a repeated key is neither walked nor set), in the walk's sorted order.
    const firsts: number[] = [];
    let seen: Set<string> | null = null;
    for (let i = 0; i + 1 < c.length; i += 2) {
      const k = c[i]!.value;
      let dup = false;
      if (i > 32) {
        if (!seen) {
          seen = new Set();
          for (let j = 0; j < i; j += 2) seen.add(c[j]!.value);
        }
        dup = seen.has(k);
        seen.add(k);
      } else {
        for (let j = 0; j < i; j += 2) {
          if (c[j]!.value === k) {
            dup = true;
            break;
          }
        }
      }
      if (!dup) firsts.push(i);
    }
    sortIndices(firsts, (x, y) => c[x]!.value < c[y]!.value);
    const drop: number[] = [];
    for (const i of firsts) {
      const key = c[i]!.value;
      const v = c[i + 1]!;
      const sub = schemaField(this.schema, key);
      let val: Src;
      if (v.kind === Kind.Scalar && v.tag !== Tag.Null) val = v;
      else if (v.kind === Kind.Sequence && !(sub && hasMergeStrategy(sub))) val = v;
      else val = new Walker(this.ctx, [v, null], sub, this, key).walk();
      // FieldSetter{Name: key, Value: val} on the field at i.
      if (!val || (val.tag === Tag.Null && !PERSISTENT.has(val))) {
        drop.push(i);
        continue;
      }
      if (val === v) {
        if (isStringValue(v) && v.style === 0 && isYaml11NonString(v.value)) v.style = Style.DoubleQuoted;
        continue;
      }
      val.style = v.style;
      copyInto(v, val);
    }
    if (drop.length > 0) {
      drop.sort((x, y) => y - x);
      for (const i of drop) c.splice(i, 2);
    }
    return dest;
  }

  private walkAssociative(): Src {
    const dest = visitList(this.sources, true);
    this.sources[0] = dest;
    if (!dest) return null;
    let strategy = '';
    let keys: string[] = [];
    if (this.schema) [strategy, keys] = patchStrategyAndKeyList(this.schema);
    if (strategy === '' && keys.length === 0) {
      const key = this.elementKey();
      if (key !== '') keys.push(key);
    }
    const values = this.elementValues(keys);
    if (values.length !== 0 || keys.length > 0) return this.setElements(values, keys, dest);
    return this.setElements(this.elementPrimitiveValues(), [''], dest);
  }

  private elementKey(): string {
    let key = '';
    for (const s of this.sources) {
      if (s && s.content.length > 0) {
        const newKey = s.content.every((e) => getField(e, 'name') !== undefined) ? 'name' : '';
        if (key !== '' && key !== newKey) {
          throw smpError(`conflicting merge keys [${key},${newKey}] for field ${this.path.join('.')}`);
        }
        key = newKey;
      }
    }
    if (key === '') throw smpError(`no merge key found for field ${this.path.join('.')}`);
    return key;
  }

  /** Sources in patch-first order (prepend). */
  private orderedSources(): Sources {
    const n = this.sources.length;
    const out: Sources = [];
    for (let i = 0; i < n; i++) out.push(this.sources[(i + 1) % n]!);
    return out;
  }

  private elementValues(keys: string[]): string[][] {
    const out: string[][] = [];
    const seen: string[][] = [];
    for (const src of this.orderedSources()) {
      if (!src) continue;
      if (src.kind !== Kind.Sequence && !isMissingOrNull(src)) continue;
      for (const elem of src.content) {
        const vals = keys.map((k) => {
          const f = getField(elem, k);
          return !f || isNilOrEmptyValue(f) ? '' : f.value;
        });
        if (vals.length === 0 || seen.some((s) => sameList(s, vals))) continue;
        out.push(vals);
        seen.push(vals);
      }
    }
    return out;
  }

  private elementPrimitiveValues(): string[][] {
    const out: string[][] = [];
    const seen = new Set<string>();
    for (const src of this.orderedSources()) {
      if (!src) continue;
      for (const item of src.content) {
        if (seen.has(item.value)) continue;
        out.push([item.value]);
        seen.add(item.value);
      }
    }
    return out;
  }

  private elementValueList(keys: string[], values: string[]): Sources {
    const [k, v] = validateKeys([values], values, keys);
    return this.sources.map((s) => {
      if (!s) return null;
      if (s.kind !== Kind.Sequence) return null;
      return elementMatchList(s, k, v) ?? null;
    });
  }

  private setElements(valuesList: string[][], keys: string[], destIn: YNode): Src {
    let dest: YNode = destIn;
    const itemsToBeAdded = makeNode(Kind.Sequence, '', '');
    const elemSchema = this.schema ? schemaElements(this.schema) : null;
    let list = valuesList;
    if (keys.length > 1) list = mergeValues(list);
    let validKeys: string[] = [];
    let validValues: string[] = [];
    for (const values of list) {
      if (values.length === 0) continue;
      [validKeys, validValues] = validateKeys(list, values, keys);
      const val = new Walker(
        this.ctx,
        this.elementValueList(validKeys, validValues),
        elemSchema,
        this,
        '',
      ).walk();
      let exit = false;
      for (let i = 0; i < validKeys.length; i++) {
        const key = validKeys[i]!;
        if (!val || isMissingOrNull(val) || (val.kind === Kind.Mapping && val.content.length === 0)) {
          elementSetter(dest, null, validKeys, validValues);
          exit = true;
        } else if (getField(val, key) === undefined && validValues[i] !== '') {
          setField(val, key, newScalar(validValues[i]!));
        }
      }
      if (exit) continue;
      elementSetter(itemsToBeAdded, val, validKeys, validValues);
    }
    if (list.length > 0) {
      // ListIncreaseDirection prepend: dest = appendListNode(itemsToBeAdded, dest, validKeys)
      dest = appendListNode(itemsToBeAdded, dest, validKeys);
    }
    if (isMissingOrNull(dest)) return null;
    return dest;
  }
}

function isNilOrEmptyValue(n: YNode): boolean {
  if (n.tag === Tag.Null) return true;
  if ((n.kind === Kind.Mapping || n.kind === Kind.Sequence) && n.content.length === 0) return true;
  return false;
}

function sameList(a: string[], b: string[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

function hasMergeStrategy(s: ResourceSchema): boolean {
  const [ps] = patchStrategyAndKey(s);
  return ps.split(',').includes('merge');
}

/** kyaml `MatchElementList` (ElementMatcher with several keys; values compared as text). */
function elementMatchList(seq: YNode, keys: string[], values: string[]): YNode | undefined {
  if (keys.length === 0 || keys[0] === '') {
    const v = values[0] ?? '';
    for (const item of seq.content) if (item.value === v) return item;
    return undefined;
  }
  for (const elem of seq.content) {
    if (elem.kind !== Kind.Mapping) continue;
    let ok = true;
    for (let i = 0; i < keys.length; i++) {
      const f = getField(elem, keys[i]!);
      if (!f || f.value !== values[i]) {
        ok = false;
        break;
      }
    }
    if (ok) return elem;
  }
  return undefined;
}

function validateKeys(valuesList: string[][], values: string[], keys: string[]): [string[], string[]] {
  const validKeySet = new Set<string>();
  for (const vs of valuesList) {
    vs.forEach((v, i) => {
      if (v !== '') validKeySet.add(keys[i]!);
    });
  }
  if (validKeySet.size === 0) return [keys, values];
  const vk = keys.filter((k) => validKeySet.has(k));
  const vv = values.filter((v, i) => v !== '' || validKeySet.has(keys[i]!));
  return [vk, vv];
}

function mergeValues(valuesList: string[][]): string[][] {
  for (let i = 0; i < valuesList.length; i++) {
    for (let j = 0; j < valuesList.length; j++) {
      const [matched, values] = matchValues(valuesList[i]!, valuesList[j]!);
      if (matched) {
        valuesList[i] = values;
        valuesList[j] = values;
      }
    }
  }
  return valuesList;
}

function matchValues(a: string[], b: string[]): [boolean, string[]] {
  if (a.length !== b.length) return [false, []];
  let common = false;
  const res: string[] = [];
  for (let i = 0; i < a.length; i++) {
    if (a[i] === b[i]) {
      common = true;
      res.push(a[i]!);
      continue;
    }
    if (a[i] !== '' && b[i] !== '') return [false, []];
    res.push(a[i] !== '' ? a[i]! : b[i]!);
  }
  return [common, res];
}

/** kyaml walk `appendListNode(dst, src, keys)`: set every element of `src` into `dst`. */
function appendListNode(dst: YNode, src: YNode, keys: string[]): YNode {
  for (const elem of [...src.content]) {
    if (keys[0] === '') {
      elementSetter(dst, elem, [''], [elem.value]);
      continue;
    }
    const v: string[] = [];
    for (const key of keys) {
      if (elem.kind !== Kind.Mapping && !isMissingOrNull(elem)) {
        throw smpError(
          `wrong node kind: expected MappingNode but got ${elem.kind === Kind.Sequence ? 'SequenceNode' : 'ScalarNode'}`,
        );
      }
      const valueNode = getField(elem, key);
      if (!valueNode) {
        dst.content.push(elem);
        continue;
      }
      v.push(valueNode.value);
    }
    if (keys.length > 1) elementSetter(dst, null, keys, v);
    elementSetter(dst, elem, keys, v);
  }
  return dst;
}

/**
 * Applies a strategic merge patch to `target` (both resource nodes; `patch` is consumed: its
 * directives are removed). Returns the merged node, or `null` when the patch deletes the resource.
 * @throws KustomizeError `PatchFailed`
 */
export function strategicMerge(ctx: BuildContext, patch: YNode, target: YNode): YNode | null {
  // Like kustomize's ApplyFilter, only whether the walk produced a result matters: a top-level
  // `$patch: replace` merges into the patch node and leaves the resource as it was.
  const result = new Walker(ctx, [target, patch], null).walk();
  return result ? target : null;
}

export { copyNode };
