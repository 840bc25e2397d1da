/**
 * A resource in the build: its node tree plus kustomize's bookkeeping, which kustomize keeps in
 * `internal.config.kubernetes.io/*` annotations on the node itself (previous names, prefixes,
 * generator behavior, ...) and removes before printing. Keeping it in the node, as kustomize does,
 * keeps the side effects on `metadata.annotations` identical.
 *
 * @see https://github.com/kubernetes-sigs/kustomize/blob/api/v0.18.0/api/resource/resource.go
 */
import { KustomizeError } from '../errors/KustomizeError.js';
import { Kind, type YNode, copyNode } from '../yaml/node.js';
import type { BuildContext } from './context.js';
import {
  getAnnotation,
  getAnnotations,
  getApiVersion,
  getKind,
  getLabels,
  getName,
  getNamespace,
  isNilOrEmpty,
  setAnnotation,
  setAnnotations,
  setApiVersion,
  setKind,
  setLabels,
  setName,
  setNamespace,
} from './kyaml.js';
import {
  DEFAULT_NAMESPACE,
  type Gvk,
  type ResId,
  parseGroupVersion,
  resIdFromString,
  resIdString,
} from './resid.js';

const DOMAIN = 'internal.config.kubernetes.io';
export const ANN_PREVIOUS_KINDS = `${DOMAIN}/previousKinds`;
export const ANN_PREVIOUS_NAMES = `${DOMAIN}/previousNames`;
export const ANN_PREFIXES = `${DOMAIN}/prefixes`;
export const ANN_SUFFIXES = `${DOMAIN}/suffixes`;
export const ANN_PREVIOUS_NAMESPACES = `${DOMAIN}/previousNamespaces`;
export const ANN_REF_BY = `${DOMAIN}/refBy`;
export const ANN_GEN_BEHAVIOR = `${DOMAIN}/generatorBehavior`;
export const ANN_NEEDS_HASH = `${DOMAIN}/needsHashSuffix`;
export const ANN_ALLOW_NAME_CHANGE = `${DOMAIN}/allowNameChange`;
export const ANN_ALLOW_KIND_CHANGE = `${DOMAIN}/allowKindChange`;
export const ANN_ORIGIN = 'config.kubernetes.io/origin';
export const ANN_TRANSFORMATIONS = 'alpha.config.kubernetes.io/transformations';
export const ANN_LOCAL_CONFIG = 'config.kubernetes.io/local-config';

/** Annotations kustomize removes from every resource before printing. */
export const BUILD_ANNOTATIONS = [
  ANN_PREVIOUS_KINDS,
  ANN_PREVIOUS_NAMES,
  ANN_PREFIXES,
  ANN_SUFFIXES,
  ANN_PREVIOUS_NAMESPACES,
  ANN_ALLOW_NAME_CHANGE,
  ANN_ALLOW_KIND_CHANGE,
  ANN_REF_BY,
  ANN_GEN_BEHAVIOR,
  ANN_NEEDS_HASH,
  'internal.config.kubernetes.io/path',
  'internal.config.kubernetes.io/index',
  'internal.config.kubernetes.io/seqindent',
  'internal.config.kubernetes.io/id',
  'internal.config.kubernetes.io/annotations-migration-resource-id',
  'config.kubernetes.io/path',
  'config.kubernetes.io/index',
  'config.k8s.io/id',
];

const NO_IDS: ResId[] = [];
const PREV_IDS_CACHE = new Map<string, ResId[]>();
const PREV_IDS_MEMO = new WeakMap<
  YNode,
  { names: string; nss: string; kinds: string; apiVersion: string; ids: ResId[] }
>();

function annotationsNode(n: YNode): YNode | undefined {
  if (n.kind !== Kind.Mapping) return undefined;
  const c = n.content;
  for (let i = 0; i + 1 < c.length; i += 2) {
    if (c[i]!.value === 'metadata') {
      const md = c[i + 1]!;
      if (md.kind !== Kind.Mapping) return undefined;
      const mc = md.content;
      for (let j = 0; j + 1 < mc.length; j += 2) if (mc[j]!.value === 'annotations') return mc[j + 1];
      return undefined;
    }
  }
  return undefined;
}

function fieldValue(m: YNode, key: string): string | undefined {
  const c = m.content;
  for (let i = 0; i + 1 < c.length; i += 2) if (c[i]!.value === key) return c[i + 1]!.value;
  return undefined;
}

/** Generator behavior (`create`, `merge`, `replace`, or unspecified). */
export type Behavior = 'create' | 'merge' | 'replace' | 'unspecified';

/** One resource: the node and kustomize's extra fields. */
export class Resource {
  refVarNames: string[] = [];
  constructor(public node: YNode) {}

  /** Deep copy (kustomize `DeepCopy`). */
  deepCopy(): Resource {
    const r = new Resource(copyNode(this.node));
    r.refVarNames = [...this.refVarNames];
    return r;
  }

  get kind(): string {
    return getKind(this.node);
  }
  get apiVersion(): string {
    return getApiVersion(this.node);
  }
  get name(): string {
    return getName(this.node);
  }
  get namespace(): string {
    return getNamespace(this.node);
  }
  setName(n: string): void {
    setName(this.node, n);
  }
  setNamespace(ns: string): void {
    setNamespace(this.node, ns);
  }
  setKind(k: string): void {
    setKind(this.node, k);
  }
  setApiVersion(v: string): void {
    setApiVersion(this.node, v);
  }
  annotations(): Map<string, string> {
    return getAnnotations(this.node);
  }
  labels(): Map<string, string> {
    return getLabels(this.node);
  }
  setAnnotations(m: ReadonlyMap<string, string>): void {
    setAnnotations(this.node, m);
  }
  setLabels(m: ReadonlyMap<string, string>): void {
    setLabels(this.node, m);
  }

  isNilOrEmpty(): boolean {
    return isNilOrEmpty(this.node);
  }

  gvk(ctx: BuildContext): Gvk {
    const av = this.apiVersion;
    const [group, version] = parseGroupVersion(av);
    const kind = this.kind;
    return { group, version, kind, clusterScoped: ctx.isClusterScoped(av, kind) };
  }

  /** Current id (kustomize `CurId`). */
  curId(ctx: BuildContext): ResId {
    return { gvk: this.gvk(ctx), name: this.name, namespace: this.namespace };
  }

  /** Previous ids, oldest first (kustomize `PrevIds`); their GVKs are never cluster-scoped. */
  prevIds(): ResId[] {
    const ann = annotationsNode(this.node);
    if (!ann) return NO_IDS;
    const names = fieldValue(ann, ANN_PREVIOUS_NAMES);
    if (names === undefined) return NO_IDS;
    const nss = fieldValue(ann, ANN_PREVIOUS_NAMESPACES) ?? '';
    const kinds = fieldValue(ann, ANN_PREVIOUS_KINDS) ?? '';
    const apiVersion = this.apiVersion;
    const memo = PREV_IDS_MEMO.get(ann);
    if (
      memo &&
      memo.names === names &&
      memo.nss === nss &&
      memo.kinds === kinds &&
      memo.apiVersion === apiVersion
    ) {
      return memo.ids;
    }
    const key = `${names}\u0000${nss}\u0000${kinds}\u0000${apiVersion}`;
    const cached = PREV_IDS_CACHE.get(key);
    if (cached) {
      PREV_IDS_MEMO.set(ann, { names, nss, kinds, apiVersion, ids: cached });
      return cached;
    }
    const ns = nss.split(',');
    const ks = kinds.split(',');
    const ns2 = names.split(',');
    if (ns2.length !== ns.length || ns2.length !== ks.length) {
      throw new KustomizeError(
        'InvalidResource',
        // kustomize panics here; the message keeps its wording.
        'panic: number of previous names, number of previous namespaces, number of previous kinds not equal',
      );
    }
    const [group, version] = parseGroupVersion(apiVersion);
    const ids = ns2.map((name, i) => ({
      gvk: { group, version, kind: ks[i]!, clusterScoped: false },
      name,
      namespace: ns[i]!,
    }));
    if (PREV_IDS_CACHE.size > 100_000) PREV_IDS_CACHE.clear();
    PREV_IDS_CACHE.set(key, ids);
    PREV_IDS_MEMO.set(ann, { names, nss, kinds, apiVersion, ids });
    return ids;
  }

  /** The raw previous-names annotation (a cheap pre-filter for id lookups). */
  previousNamesText(): string | undefined {
    const ann = annotationsNode(this.node);
    return ann ? fieldValue(ann, ANN_PREVIOUS_NAMES) : undefined;
  }

  /** Original id (kustomize `OrgId`): the first previous id, else the current one. */
  orgId(ctx: BuildContext): ResId {
    const p = this.prevIds();
    return p.length > 0 ? p[0]! : this.curId(ctx);
  }

  private appendCsv(key: string, value: string): void {
    if (value === '') return;
    const cur = getAnnotation(this.node, key);
    setAnnotation(this.node, key, cur === undefined ? value : `${cur},${value}`);
  }

  private csv(key: string): string[] {
    const v = this.annotations().get(key);
    return v === undefined ? [] : v.split(',');
  }

  /** kustomize `StorePreviousId`. */
  storePreviousId(ctx: BuildContext): void {
    const id = this.curId(ctx);
    this.setPreviousId(
      id.gvk.clusterScoped ? '_non_namespaceable_' : id.namespace === '' ? DEFAULT_NAMESPACE : id.namespace,
      id.name,
      id.gvk.kind,
    );
  }

  setPreviousId(ns: string, name: string, kind: string): void {
    this.appendCsv(ANN_PREVIOUS_NAMES, name);
    this.appendCsv(ANN_PREVIOUS_NAMESPACES, ns);
    this.appendCsv(ANN_PREVIOUS_KINDS, kind);
  }

  addNamePrefix(p: string): void {
    this.appendCsv(ANN_PREFIXES, p);
  }
  addNameSuffix(s: string): void {
    this.appendCsv(ANN_SUFFIXES, s);
  }
  namePrefixes(): string[] {
    return this.csv(ANN_PREFIXES);
  }
  nameSuffixes(): string[] {
    return this.csv(ANN_SUFFIXES);
  }

  refBy(): ResId[] {
    return this.csv(ANN_REF_BY).map(resIdFromString);
  }
  appendRefBy(id: ResId): void {
    this.appendCsv(ANN_REF_BY, resIdString(id));
  }

  private enable(key: string): void {
    const a = this.annotations();
    a.set(key, 'enabled');
    this.setAnnotations(a);
  }
  private isEnabled(key: string): boolean {
    return this.annotations().get(key) === 'enabled';
  }
  allowNameChange(): void {
    this.enable(ANN_ALLOW_NAME_CHANGE);
  }
  nameChangeAllowed(): boolean {
    return this.isEnabled(ANN_ALLOW_NAME_CHANGE);
  }
  allowKindChange(): void {
    this.enable(ANN_ALLOW_KIND_CHANGE);
  }
  kindChangeAllowed(): boolean {
    return this.isEnabled(ANN_ALLOW_KIND_CHANGE);
  }
  enableHashSuffix(): void {
    this.enable(ANN_NEEDS_HASH);
  }
  needsHashSuffix(): boolean {
    return this.isEnabled(ANN_NEEDS_HASH);
  }
  behavior(): Behavior {
    const v = this.annotations().get(ANN_GEN_BEHAVIOR);
    return v === 'create' || v === 'merge' || v === 'replace' ? v : 'unspecified';
  }
  setBehavior(b: Behavior): void {
    const a = this.annotations();
    a.set(ANN_GEN_BEHAVIOR, b);
    this.setAnnotations(a);
  }

  /** kustomize `RemoveBuildAnnotations`. */
  removeBuildAnnotations(): void {
    const a = this.annotations();
    if (a.size === 0) return;
    for (const k of BUILD_ANNOTATIONS) a.delete(k);
    this.setAnnotations(a);
  }

  /** kustomize `PrefixesSuffixesEquals`. */
  prefixesSuffixesEquals(o: Resource, allowEmpty: boolean): boolean {
    const rp = this.namePrefixes();
    const op = o.namePrefixes();
    const rs = this.nameSuffixes();
    const os = o.nameSuffixes();
    if (allowEmpty) {
      const ep = rp.length === 0 || op.length === 0;
      const es = rs.length === 0 || os.length === 0;
      return (ep || sameEndingSubSlice(rp, op)) && (es || sameEndingSubSlice(rs, os));
    }
    return sameEndingSubSlice(rp, op) && sameEndingSubSlice(rs, os);
  }

  /** kustomize `CopyMergeMetaDataFieldsFrom`. */
  copyMergeMetaDataFieldsFrom(other: Resource): void {
    this.setLabels(mergeMaps(other.labels(), this.labels()));
    const ra = this.annotations();
    const enableHash = ra.has(ANN_NEEDS_HASH);
    const merged = mergeMapsWithBuildAnnotations(other.annotations(), ra);
    if (!enableHash) merged.delete(ANN_NEEDS_HASH);
    this.setAnnotations(merged);
    this.setName(other.name);
    this.setNamespace(other.namespace);
    this.refVarNames = [...other.refVarNames];
  }
}

/** kustomize `SameEndingSubSlice`: the shorter slice is a suffix of the longer one (empty only matches empty). */
export function sameEndingSubSlice(a: string[], b: string[]): boolean {
  const [shortest, longest] = a.length > b.length ? [b, a] : [a, b];
  const diff = longest.length - shortest.length;
  if (shortest.length === 0) return diff === 0;
  for (let i = shortest.length - 1; i >= 0; i--) if (longest[i + diff] !== shortest[i]) return false;
  return true;
}

function mergeMaps(...maps: ReadonlyMap<string, string>[]): Map<string, string> {
  const out = new Map<string, string>();
  for (const m of maps) for (const [k, v] of m) out.set(k, v);
  return out;
}

/** Later maps win, except build annotations, which come from the first map only (or are dropped). */
function mergeMapsWithBuildAnnotations(...maps: ReadonlyMap<string, string>[]): Map<string, string> {
  const result = mergeMaps(...maps);
  for (const key of BUILD_ANNOTATIONS) {
    const v = maps[0]?.get(key);
    if (v !== undefined) result.set(key, v);
    else result.delete(key);
  }
  return result;
}

/** A resource node must be a mapping to carry metadata. */
export function isMappingResource(n: YNode): boolean {
  return n.kind === Kind.Mapping;
}
