/**
 * The ordered resource list a build works on (kustomize's `resWrangler`): append with duplicate-id
 * checks, generator merge/replace, selection by id or by selector (regexes, label and annotation
 * selectors).
 *
 * @see https://github.com/kubernetes-sigs/kustomize/blob/api/v0.18.0/api/resmap/reswrangler.go
 */
import { KustomizeError } from '../errors/KustomizeError.js';
import { Kind } from '../yaml/node.js';
import type { BuildContext } from './context.js';
import { getField } from './kyaml.js';
import { parseLabelSelector } from './labelSelector.js';
import type { Resource } from './resource.js';
import {
  type ResId,
  TOTALLY_NOT_A_NAMESPACE,
  effectiveNamespace,
  isNsEquals,
  parseGroupVersion,
  resIdEquals,
  resIdString,
} from './resid.js';

/** Resources by every name they had. */
export type NameIndex = Map<string, Resource[]>;

function addTo(idx: NameIndex, n: string, r: Resource): void {
  const l = idx.get(n);
  if (!l) idx.set(n, [r]);
  else if (l[l.length - 1] !== r) l.push(r);
}

function indexResource(idx: NameIndex, r: Resource): void {
  addTo(idx, r.name, r);
  const prev = r.previousNamesText();
  if (prev !== undefined) for (const n of prev.split(',')) addTo(idx, n, r);
}

/** Undoes {@link indexResource}; `r` must not have been renamed since it was indexed. */
function unindexResource(idx: NameIndex, r: Resource): void {
  const names = [r.name];
  const prev = r.previousNamesText();
  if (prev !== undefined) names.push(...prev.split(','));
  for (const k of names) {
    const l = idx.get(k);
    if (!l) continue;
    const i = l.indexOf(r);
    if (i >= 0) {
      l.splice(i, 1);
      if (l.length === 0) idx.delete(k);
    }
  }
}

/** A patch/replacement target selector (kustomize `types.Selector`). */
export interface Selector {
  group?: string;
  version?: string;
  kind?: string;
  name?: string;
  namespace?: string;
  labelSelector?: string;
  annotationSelector?: string;
}

/** Go `%v`-ish rendering of a Go struct id for messages. */
export function goIdString(id: ResId): string {
  return `{{${id.gvk.group} ${id.gvk.version} ${id.gvk.kind}} ${id.name} ${id.namespace}}`;
}

function anchorRegex(pattern: string): RegExp {
  try {
    return new RegExp(`^(?:${pattern})$`);
  } catch (e) {
    throw new KustomizeError('InvalidKustomization', `error parsing regexp: ${(e as Error).message}`);
  }
}

export function selectorString(s: Selector): string {
  const id: ResId = {
    gvk: { group: s.group ?? '', version: s.version ?? '', kind: s.kind ?? '', clusterScoped: false },
    name: s.name ?? '',
    namespace: s.namespace ?? '',
  };
  return `${resIdString(id)}:a=${s.annotationSelector ?? ''}:l=${s.labelSelector ?? ''}`;
}

/** The resource list. */
export class ResMap {
  list: Resource[] = [];
  constructor(readonly ctx: BuildContext) {}

  get size(): number {
    return this.list.length;
  }

  resources(): Resource[] {
    return [...this.list];
  }

  /**
   * Resources by current name while {@link withAppendIndex} runs (the map then changes by appends
   * only), so duplicate-id checks do not scan the whole list.
   */
  private appendIndex: Map<string, Resource[]> | null = null;

  /**
   * Runs `f` with the duplicate-id checks of {@link append}/{@link appendAll} indexed by name.
   * `f` must change this map by appends alone (no renames, removals or replacements of its resources).
   */
  async withAppendIndex<T>(f: () => Promise<T>): Promise<T> {
    if (this.appendIndex) return f();
    const idx = new Map<string, Resource[]>();
    for (const x of this.list) {
      const n = x.name;
      const l = idx.get(n);
      if (l) l.push(x);
      else idx.set(n, [x]);
    }
    this.appendIndex = idx;
    try {
      return await f();
    } finally {
      this.appendIndex = null;
    }
  }

  /**
   * Appends; errors when a resource with the same current id exists. `index` (from
   * {@link nameIndex}, kept up to date by the caller) narrows the check to same-named resources.
   */
  append(r: Resource, index?: NameIndex): void {
    const id = r.curId(this.ctx);
    const candidates = index
      ? index.get(id.name)
      : this.appendIndex
        ? this.appendIndex.get(id.name)
        : this.list;
    if (candidates) {
      for (const x of candidates) {
        if (x.name === id.name && resIdEquals(x.curId(this.ctx), id)) {
          throw new KustomizeError(
            'InvalidResource',
            `may not add resource with an already registered id: ${resIdString(id)}`,
          );
        }
      }
    }
    this.list.push(r);
    if (this.appendIndex) {
      const l = this.appendIndex.get(id.name);
      if (l) l.push(r);
      else this.appendIndex.set(id.name, [r]);
    }
  }

  appendAll(other: ResMap | Resource[]): void {
    const incoming = Array.isArray(other) ? other : other.list;
    if (incoming.length < 8 || this.appendIndex) {
      for (const r of incoming) this.append(r);
      return;
    }
    // Same checks as append(), with the existing resources indexed by name once.
    const byName = new Map<string, Resource[]>();
    for (const x of this.list) {
      const n = x.name;
      const l = byName.get(n);
      if (l) l.push(x);
      else byName.set(n, [x]);
    }
    for (const r of incoming) {
      const same = byName.get(r.name);
      if (same) {
        const id = r.curId(this.ctx);
        for (const x of same) {
          if (resIdEquals(x.curId(this.ctx), id)) {
            throw new KustomizeError(
              'InvalidResource',
              `may not add resource with an already registered id: ${resIdString(id)}`,
            );
          }
        }
        same.push(r);
      } else byName.set(r.name, [r]);
      this.list.push(r);
    }
  }

  /** Resources whose current id satisfies `pred`. */
  byCurrentId(pred: (id: ResId) => boolean): Resource[] {
    return this.list.filter((r) => pred(r.curId(this.ctx)));
  }

  /**
   * An index of the resources by every name they had (current and previous), each list in
   * resource order. Valid until a resource is renamed.
   */
  nameIndex(): NameIndex {
    const idx: NameIndex = new Map();
    for (const r of this.list) indexResource(idx, r);
    return idx;
  }

  /** Like {@link byAnyId} for a predicate that requires `name` (uses `index` when given). */
  byAnyIdNamed(name: string, pred: (id: ResId) => boolean, index?: NameIndex): Resource[] {
    const out: Resource[] = [];
    const candidates = index ? (index.get(name) ?? []) : this.list;
    for (const r of candidates) {
      if (!index && r.name !== name && !(r.previousNamesText() ?? '').includes(name)) continue;
      if (r.prevIds().some(pred) || pred(r.curId(this.ctx))) out.push(r);
    }
    return out;
  }

  /** Resources any of whose ids (previous or current) satisfies `pred`. */
  byAnyId(pred: (id: ResId) => boolean): Resource[] {
    const out: Resource[] = [];
    for (const r of this.list) {
      if (r.prevIds().some(pred) || pred(r.curId(this.ctx))) out.push(r);
    }
    return out;
  }

  /** kustomize `GetById`: exactly one resource with `id` among previous and current ids. */
  getById(id: ResId, index?: NameIndex): Resource {
    const matches = this.byAnyIdNamed(id.name, (x) => resIdEquals(id, x), index);
    if (matches.length === 1) return matches[0]!;
    const what = matches.length > 1 ? 'multiple matches' : 'no matches';
    throw new KustomizeError(
      'PatchFailed',
      `${what} for Id ${resIdString(id)}; failed to find unique target for patch ${resIdString(id)}`,
    );
  }

  /** kustomize `appendReplaceOrMerge` over every resource of `other` (generator output). */
  absorbAll(other: Resource[], index?: NameIndex): void {
    for (const res of other) {
      const id = res.curId(this.ctx);
      const matches = this.byAnyIdNamed(id.name, (x) => resIdEquals(id, x), index);
      if (matches.length === 0) {
        const b = res.behavior();
        if (b === 'merge' || b === 'replace') {
          throw new KustomizeError(
            'InvalidGenerator',
            `id ${goIdString(id)} does not exist; cannot merge or replace`,
          );
        }
        this.append(res, index);
        if (index) indexResource(index, res);
        continue;
      }
      if (matches.length > 1) {
        throw new KustomizeError(
          'InvalidGenerator',
          `found multiple objects that could accept merge of ${resIdString(id)}`,
        );
      }
      const old = matches[0]!;
      const at = this.list.indexOf(old);
      switch (res.behavior()) {
        case 'replace':
          res.copyMergeMetaDataFieldsFrom(old);
          break;
        case 'merge': {
          const origin = old.annotations().get('config.kubernetes.io/origin');
          res.copyMergeMetaDataFieldsFrom(old);
          mergeDataMap(res, old, 'data');
          mergeDataMap(res, old, 'binaryData');
          if (origin !== undefined) {
            const a = res.annotations();
            a.set('config.kubernetes.io/origin', origin);
            res.setAnnotations(a);
          }
          break;
        }
        default:
          throw new KustomizeError(
            'InvalidGenerator',
            `id ${goIdString(id)} exists; behavior must be merge or replace`,
          );
      }
      // kustomize's Replace finds the old resource again by the new current id; after
      // CopyMergeMetaDataFieldsFrom the ids are equal, so this is the same position.
      this.list[at] = res;
      if (index) {
        unindexResource(index, old);
        indexResource(index, res);
      }
    }
  }

  /** Removes the resource with current id `id`. */
  remove(id: ResId): void {
    const before = this.list.length;
    this.list = this.list.filter((r) => !sameId(r.curId(this.ctx), id));
    if (this.list.length !== before - 1) {
      throw new KustomizeError('InvalidResource', `id ${resIdString(id)} not found in removal`);
    }
  }

  /** kustomize `Select`. */
  select(s: Selector): Resource[] {
    const g = s.group ? anchorRegex(s.group) : null;
    const v = s.version ? anchorRegex(s.version) : null;
    const k = s.kind ? anchorRegex(s.kind) : null;
    const nm = s.name ? anchorRegex(s.name) : null;
    const ns = s.namespace ? anchorRegex(s.namespace) : null;
    let ls: ReturnType<typeof parseLabelSelector>;
    let as: ReturnType<typeof parseLabelSelector>;
    try {
      ls = parseLabelSelector(s.labelSelector ?? '');
      as = parseLabelSelector(s.annotationSelector ?? '');
    } catch (e) {
      throw new KustomizeError('InvalidKustomization', (e as Error).message);
    }
    const out: Resource[] = [];
    // The same conjunction as kustomize's Select, cheapest tests first: kind, group and version
    // come from the current id without building it; ids are built only for what is left.
    for (const r of this.list) {
      if (k && !k.test(r.kind)) continue;
      if (g || v) {
        const [group, version] = parseGroupVersion(r.apiVersion);
        if (g && !g.test(group)) continue;
        if (v && !v.test(version)) continue;
      }
      if (nm && !nm.test(r.name) && !nm.test(r.orgId(this.ctx).name)) continue;
      if (ns) {
        const cur = r.curId(this.ctx);
        const org = r.orgId(this.ctx);
        if (!ns.test(effectiveNamespace(org)) && !ns.test(effectiveNamespace(cur))) continue;
      }
      if (s.labelSelector && !ls.matches(r.labels())) continue;
      if (s.annotationSelector && !as.matches(r.annotations())) continue;
      out.push(r);
    }
    return out;
  }

  /** kustomize `groupedByOriginalNamespace` / `groupedByCurrentNamespace` (without cluster-scoped). */
  groupedByNamespace(original: boolean): Map<string, Resource[]> {
    const out = new Map<string, Resource[]>();
    for (const r of this.list) {
      const ns = effectiveNamespace(original ? r.orgId(this.ctx) : r.curId(this.ctx));
      if (ns === TOTALLY_NOT_A_NAMESPACE) continue;
      let l = out.get(ns);
      if (!l) {
        l = [];
        out.set(ns, l);
      }
      l.push(r);
    }
    return out;
  }

  /** The RoleBinding service-account namespaces that widen what a referrer may reference. */
  subsetReferencableByNamespaces(referrer: Resource): Set<string> {
    return roleBindingNamespaces(referrer, this.ctx);
  }

  /** kustomize `SubsetThatCouldBeReferencedByResource`. */
  subsetReferencableBy(referrer: Resource): Resource[] {
    const referrerId = referrer.curId(this.ctx);
    if (referrerId.gvk.clusterScoped) return this.list;
    const rbNamespaces = roleBindingNamespaces(referrer, this.ctx);
    const out: Resource[] = [];
    for (const t of this.list) {
      const id = t.curId(this.ctx);
      if (id.gvk.clusterScoped || isNsEquals(id, referrerId) || rbNamespaces.has(t.namespace)) out.push(t);
    }
    return out;
  }

  /** Drops resources whose node became empty. */
  dropEmpties(): void {
    // The list stays the same array when nothing is dropped (image transformers rely on it).
    if (this.list.some((r) => r.isNilOrEmpty())) this.list = this.list.filter((r) => !r.isNilOrEmpty());
  }
}

function sameId(a: ResId, b: ResId): boolean {
  return (
    a.name === b.name &&
    a.namespace === b.namespace &&
    a.gvk.group === b.gvk.group &&
    a.gvk.version === b.gvk.version &&
    a.gvk.kind === b.gvk.kind &&
    a.gvk.clusterScoped === b.gvk.clusterScoped
  );
}

function roleBindingNamespaces(r: Resource, ctx: BuildContext): Set<string> {
  const out = new Set<string>();
  if (r.kind !== 'RoleBinding') return out;
  const subjects = getField(r.node, 'subjects');
  if (!subjects || subjects.kind !== Kind.Sequence) return out;
  for (const s of subjects.content) {
    if (s.kind !== Kind.Mapping) continue;
    const ns = getField(s, 'namespace');
    const kind = getField(s, 'kind');
    if (ns && kind && kind.value === 'ServiceAccount') {
      if (ns.kind === Kind.Scalar && ns.tag !== '!!null') out.add(ns.value);
      else {
        throw new KustomizeError(
          'InvalidResource',
          `Invalid Input: namespace is blank for resource "${resIdString(r.curId(ctx))}"`,
        );
      }
    }
  }
  return out;
}

function mergeDataMap(res: Resource, old: Resource, field: 'data' | 'binaryData'): void {
  const o = readStringMap(old, field);
  const r = readStringMap(res, field);
  const merged = new Map<string, string>([...o, ...r]);
  writeStringMap(res, field, merged);
}

/** kyaml `GetDataMap`/`GetBinaryDataMap`. */
export function readStringMap(r: Resource, field: string): Map<string, string> {
  const out = new Map<string, string>();
  const m = getField(r.node, field);
  if (!m || m.kind !== Kind.Mapping) return out;
  for (let i = 0; i + 1 < m.content.length; i += 2) {
    const k = m.content[i]!;
    const v = m.content[i + 1]!;
    out.set(k.tag === '!!null' ? '' : k.value, v.tag === '!!null' ? '' : v.value);
  }
  return out;
}

/** kyaml `SetDataMap`/`SetBinaryDataMap` (clear, then load sorted keys as strings). */
export function writeStringMap(r: Resource, field: string, m: Map<string, string>): void {
  loadMapInto(r, field, m);
}

import { clearField, newMap, newString, setField } from './kyaml.js';

function loadMapInto(r: Resource, field: string, m: Map<string, string>): void {
  clearField(r.node, field);
  if (m.size === 0) return;
  const keys = [...m.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const map = newMap();
  setField(r.node, field, map);
  for (const k of keys) setField(map, k, newString(m.get(k)!));
}
