/**
 * kustomize's built-in transformers: namespace, name prefix/suffix, labels, annotations, images,
 * replicas, patches (strategic merge and JSON 6902), replacements, the hash-suffix transformer,
 * legacy sort order and `buildMetadata` labels. Each follows the kustomize v5.5.0 builtin plugin of
 * the same name (`api/internal/builtins/*`) and its filter (`api/filters/*`).
 */
import { KustomizeError } from '../errors/KustomizeError.js';
import { Kind, Style, Tag, type YNode, copyNode, makeNode } from '../yaml/node.js';
import type { FieldSpec } from './config/transformerConfig.js';
import type { BuildContext } from './context.js';
import {
  applyFieldSpec,
  FieldSpecError,
  fieldSpecMatchesGvk,
  smarterPathSplitter,
} from './filters/fieldspec.js';
import { hashResource } from './hash.js';
import { applyJsonPatch, type decodeJsonPatch } from './jsonpatch.js';
import type { FieldOptionsArg, ImageArg, SelectorArg, SortOptionsArg } from './kustomization.js';
import {
  getAnnotations,
  getField,
  getKind,
  getLabels,
  isMissingOrNull,
  isSplitPathIndex,
  newScalar,
  pathGet,
  setField,
  setScalarInPlace,
} from './kyaml.js';
import { parseLabelSelector } from './labelSelector.js';
import type { NameIndex, ResMap, Selector } from './resmap.js';
import type { Resource } from './resource.js';
import { type ResId, resIdIsSelectedBy, resIdString } from './resid.js';
import { strategicMerge } from './smp.js';

function tErr(msg: string): KustomizeError {
  return new KustomizeError('TransformFailed', msg);
}

function wrapFs<T>(f: () => T): T {
  try {
    return f();
  } catch (e) {
    if (e instanceof FieldSpecError) throw tErr(e.message);
    throw e;
  }
}

/** A scalar setter like kyaml's `SetEntry(name, value, tag)` (one node shared per call). */
function setEntry(name: string, value: string, tag: string): (n: YNode) => void {
  const shared = makeNode(Kind.Scalar, tag, value);
  return (node) => {
    if (name === '') setScalarInPlace(node, shared);
    else setField(node, name, shared);
  };
}

// ---- namespace ------------------------------------------------------------------------------------

/** Options of the namespace transformer plugin. */
export interface NamespaceOptions {
  unsetOnly?: boolean;
  /** `defaultOnly` (default), `allServiceAccounts` or `none`. */
  setRoleBindingSubjects?: string;
}

/** kustomize NamespaceTransformer. */
export function transformNamespace(
  m: ResMap,
  ns: string,
  fieldSpecs: FieldSpec[],
  opts: NamespaceOptions = {},
): void {
  if (ns === '') return;
  const mode = opts.setRoleBindingSubjects || 'defaultOnly';
  if (mode !== 'defaultOnly' && mode !== 'allServiceAccounts' && mode !== 'none') {
    throw tErr(
      `invalid value "${mode}" for setRoleBindingSubjects: must be one of "defaultOnly", "none", or "allServiceAccounts"`,
    );
  }
  const ctx = m.ctx;
  for (const r of m.resources()) {
    if (r.isNilOrEmpty()) continue;
    r.storePreviousId(ctx);
    namespaceFilter(ctx, r.node, ns, fieldSpecs, opts.unsetOnly ?? false, mode);
  }
  // kustomize checks after each resource that its new id is unique; checking once is equivalent.
  const seen = new Map<string, Resource>();
  for (const r of m.list) {
    const id = r.curId(ctx);
    const key = `${id.gvk.group}|${id.gvk.version}|${id.gvk.kind}|${id.name}|${effNs(id)}`;
    const prev = seen.get(key);
    if (prev) {
      throw tErr(
        `namespace transformation produces ID conflict: [${resIdString(prev.curId(ctx))} ${resIdString(id)}]`,
      );
    }
    seen.set(key, r);
  }
}

function effNs(id: ResId): string {
  if (id.gvk.clusterScoped) return '_non_namespaceable_';
  return id.namespace === '' || id.namespace === 'default' ? 'default' : id.namespace;
}

/** kustomize's namespace filter (also used by ValueAddTransformer). */
export function namespaceFilter(
  ctx: BuildContext,
  node: YNode,
  ns: string,
  specs: FieldSpec[],
  unsetOnly = false,
  mode = 'defaultOnly',
): void {
  const apiVersion = getField(node, 'apiVersion')?.value ?? '';
  let fs = specs.filter(
    (s) => s.path !== 'metadata/namespace' && !(apiVersion !== 'v1' && s.path === 'metadata/name'),
  );
  const kind = getKind(node);
  const plainSet = setEntry('', ns, Tag.Str);
  const set = unsetOnly
    ? (n: YNode) => {
        if (!(n.kind === Kind.Scalar && n.tag !== Tag.Null && n.value !== '')) plainSet(n);
      }
    : plainSet;
  if (!ctx.isClusterScoped(apiVersion, kind)) {
    wrapFs(() =>
      applyFieldSpec(
        node,
        { group: '', version: '', kind: '', path: 'metadata/namespace', create: true },
        set,
        { createKind: Kind.Scalar },
      ),
    );
  }
  if (kind === 'RoleBinding' || kind === 'ClusterRoleBinding') {
    fs = fs.filter(
      (s) =>
        !((s.kind === 'RoleBinding' || s.kind === 'ClusterRoleBinding') && s.path === 'subjects/namespace'),
    );
    const subjects = getField(node, 'subjects');
    if (subjects && !isMissingOrNull(subjects) && subjects.kind === Kind.Sequence) {
      for (const o of subjects.content) {
        if (mode === 'none') break;
        const field =
          o.kind === Kind.Mapping ? getField(o, mode === 'allServiceAccounts' ? 'kind' : 'name') : undefined;
        if (!field || field.value !== (mode === 'allServiceAccounts' ? 'ServiceAccount' : 'default'))
          continue;
        const nsNode = pathGet(o, ['namespace'], Kind.Scalar)!;
        set(nsNode);
      }
    }
  }
  for (const s of fs) {
    try {
      applyFieldSpec(node, s, set, { createKind: Kind.Scalar, createTag: Tag.Str });
    } catch (e) {
      if (e instanceof FieldSpecError || e instanceof Error)
        throw tErr(`namespace transformation failed: ${e.message}`);
      throw e;
    }
  }
}

// ---- prefix / suffix ------------------------------------------------------------------------------

const PREFIX_SKIP = [
  { group: '', version: '', kind: 'CustomResourceDefinition' },
  { group: 'apiregistration.k8s.io', version: '', kind: 'APIService' },
  { group: '', version: '', kind: 'Namespace' },
];

function gvkSel(
  g: { group: string; version: string; kind: string },
  sel: { group: string; version: string; kind: string },
): boolean {
  if (sel.group && g.group !== sel.group) return false;
  if (sel.version && g.version !== sel.version) return false;
  if (sel.kind && g.kind !== sel.kind) return false;
  return true;
}

/** kustomize PrefixTransformer / SuffixTransformer. */
export function transformPrefixSuffix(
  m: ResMap,
  value: string,
  fieldSpecs: FieldSpec[],
  suffix: boolean,
): void {
  const ctx = m.ctx;
  for (const r of m.resources()) {
    const id = r.orgId(ctx);
    if (PREFIX_SKIP.some((s) => gvkSel(id.gvk, s))) continue;
    for (const fs of fieldSpecs) {
      if (!gvkSel(id.gvk, fs)) continue;
      if (fs.path === 'metadata/name') {
        if (suffix) r.addNameSuffix(value);
        else r.addNamePrefix(value);
        if (value !== '') r.storePreviousId(ctx);
      }
      wrapFs(() =>
        applyFieldSpec(
          r.node,
          fs,
          (n) => setScalarInPlace(n, newScalar(suffix ? `${n.value}${value}` : `${value}${n.value}`)),
          { createKind: Kind.Scalar, createTag: Tag.Str },
        ),
      );
    }
  }
}

// ---- labels / annotations -------------------------------------------------------------------------

/** kustomize LabelTransformer / AnnotationsTransformer (keys applied in sorted order). */
export function transformMetaMap(
  m: ResMap,
  values: Record<string, string> | Map<string, string>,
  fieldSpecs: FieldSpec[],
): void {
  const entries = values instanceof Map ? [...values] : Object.entries(values);
  if (entries.length === 0) return;
  entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  for (const r of m.list) {
    for (const [k, v] of entries) {
      const set = setEntry(k, v, Tag.Str);
      for (const fs of fieldSpecs) {
        wrapFs(() => applyFieldSpec(r.node, fs, set, { createKind: Kind.Mapping, createTag: Tag.Map }));
      }
    }
  }
}

// ---- images ---------------------------------------------------------------------------------------

/** kustomize `image.Split`. */
export function splitImage(imageName: string): [string, string, string] {
  let searchName = imageName;
  let slashIndex = imageName.indexOf('/');
  if (slashIndex > 0) searchName = imageName.slice(slashIndex);
  else slashIndex = 0;
  let id = searchName.indexOf('@');
  let ic = searchName.indexOf(':');
  if (ic < 0 && id < 0) return [imageName, '', ''];
  if (id >= 0 && (id < ic || ic < 0)) {
    id += slashIndex;
    return [imageName.slice(0, id), '', imageName.slice(id).replace(/^@/, '')];
  }
  if (id >= 0 && ic >= 0) {
    id += slashIndex;
    ic += slashIndex;
    return [
      imageName.slice(0, ic),
      imageName.slice(ic, id).replace(/^:/, ''),
      imageName.slice(id).replace(/^@/, ''),
    ];
  }
  ic += slashIndex;
  return [imageName.slice(0, ic), imageName.slice(ic).replace(/^:/, ''), ''];
}

function imageMatcher(name: string): RegExp | null {
  try {
    return new RegExp(`^${name}(:[a-zA-Z0-9_.{}-]*)?(@sha256:[a-zA-Z0-9_.{}-]*)?$`);
  } catch {
    return null;
  }
}

function updateImage(node: YNode, img: ImageArg, re: RegExp | null): void {
  if (isMissingOrNull(node)) return;
  if (node.kind !== Kind.Scalar)
    throw tErr(
      `wrong node kind: expected ScalarNode but got ${node.kind === Kind.Mapping ? 'MappingNode' : 'SequenceNode'}`,
    );
  const value = node.value;
  if (!re?.test(value)) return;
  let [name, tag, digest] = splitImage(value);
  if (img.newName) name = img.newName;
  if (img.newTag && img.digest) {
    tag = img.newTag;
    digest = img.digest;
  } else if (img.newTag) {
    tag = img.newTag;
    digest = '';
  } else if (img.digest) {
    tag = '';
    digest = img.digest;
  } else if (img.tagSuffix) {
    tag += img.tagSuffix;
    digest = '';
  }
  if (tag !== '') name += `:${tag}`;
  if (digest !== '') name += `@${digest}`;
  setScalarInPlace(node, newScalar(name));
}

function walkContainers(node: YNode, cb: (seq: YNode) => void): void {
  if (node.kind === Kind.Mapping) {
    const c = node.content;
    for (let i = 0; i + 1 < c.length; i += 2) {
      const v = c[i + 1]!;
      walkContainers(v, cb);
      const key = c[i]!.value;
      if (key === 'containers' || key === 'initContainers') cb(v);
    }
  } else if (node.kind === Kind.Sequence) {
    for (const x of node.content) walkContainers(x, cb);
  }
}

/**
 * The `image` nodes the image transformers visit, kept between consecutive image transformers
 * (they only change image values): per resource, and once one transformer has visited every
 * resource of a list, all of them in visiting order.
 */
export interface ImageNodeCache {
  readonly perResource: WeakMap<Resource, YNode[]>;
  readonly fieldSpecNodes: WeakMap<Resource, { specs: FieldSpec[]; nodes: YNode[] }>;
  all?: { list: Resource[]; specs: FieldSpec[]; nodes: YNode[] };
}

/** A new, empty {@link ImageNodeCache}. */
export function imageNodeCache(): ImageNodeCache {
  return { perResource: new WeakMap(), fieldSpecNodes: new WeakMap() };
}

function containerImages(r: Resource, cache?: ImageNodeCache): YNode[] {
  const hit = cache?.perResource.get(r);
  if (hit) return hit;
  const out: YNode[] = [];
  walkContainers(r.node, (seq) => {
    if (seq.kind !== Kind.Sequence) return;
    for (const c of seq.content) {
      if (c.kind !== Kind.Mapping && !isMissingOrNull(c)) {
        throw tErr('wrong node kind: expected MappingNode');
      }
      const image = getField(c, 'image');
      if (image) out.push(image);
    }
  });
  cache?.perResource.set(r, out);
  return out;
}

/**
 * kustomize ImageTagTransformer (legacy container walk, then the `images` field specs). `cache`
 * may be shared by consecutive image transformers: they only change image values.
 */
export function transformImage(
  m: ResMap,
  img: ImageArg,
  fieldSpecs: FieldSpec[],
  cache?: ImageNodeCache,
): void {
  const re = imageMatcher(img.name ?? '');
  const all = cache?.all;
  if (all && all.list === m.list && all.specs === fieldSpecs) {
    // The same resources as the transformer before: the same nodes, in the same order.
    for (const image of all.nodes) updateImage(image, img, re);
    return;
  }
  const nodes: YNode[] = [];
  for (const r of m.list) {
    if (getKind(r.node) === 'CustomResourceDefinition') continue;
    for (const image of containerImages(r, cache)) {
      updateImage(image, img, re);
      nodes.push(image);
    }
  }
  for (const r of m.list) {
    if (getKind(r.node) === 'CustomResourceDefinition') continue;
    for (const n of fieldSpecImages(r, fieldSpecs, cache)) {
      updateImage(n, img, re);
      nodes.push(n);
    }
  }
  if (cache) cache.all = { list: m.list, specs: fieldSpecs, nodes };
}

/** The nodes the `images` field specs reach (no creation: the image filter creates nothing). */
function fieldSpecImages(r: Resource, fieldSpecs: FieldSpec[], cache?: ImageNodeCache): YNode[] {
  const hit = cache?.fieldSpecNodes.get(r);
  if (hit && hit.specs === fieldSpecs) return hit.nodes;
  const nodes: YNode[] = [];
  for (const fs of fieldSpecs) wrapFs(() => applyFieldSpec(r.node, fs, (n) => nodes.push(n)));
  cache?.fieldSpecNodes.set(r, { specs: fieldSpecs, nodes });
  return nodes;
}

// ---- replicas -------------------------------------------------------------------------------------

/** kustomize ReplicaCountTransformer. */
export function transformReplicas(
  m: ResMap,
  name: string,
  count: number,
  fieldSpecs: FieldSpec[],
  nameIndex?: NameIndex,
): void {
  let found = false;
  const index = nameIndex ?? m.nameIndex();
  for (const fs of fieldSpecs) {
    const list = m.byAnyIdNamed(name, (id) => id.name === name && gvkSel(id.gvk, fs), index);
    if (list.length === 0) continue;
    found = true;
    for (const r of list) {
      wrapFs(() =>
        applyFieldSpec(r.node, fs, setEntry('', String(count), Tag.Int), {
          createKind: Kind.Scalar,
          createTag: Tag.Int,
        }),
      );
    }
  }
  if (!found) {
    const gvks = fieldSpecs.map(
      (fs) => `${fs.kind || '[noKind]'}.${fs.version || '[noVer]'}.${fs.group || '[noGrp]'}`,
    );
    throw tErr(
      `resource with name ${name} does not match a config with the following GVK [${gvks.join(' ')}]`,
    );
  }
}

// ---- patches --------------------------------------------------------------------------------------

/** kustomize `ResMap.ApplySmPatch` over the resources in `selected`. */
export function applySmPatchToSet(m: ResMap, selected: Set<Resource>, patch: Resource): void {
  const ctx = m.ctx;
  const list: Resource[] = [];
  for (const res of m.list) {
    if (selected.has(res)) {
      const pc = patch.deepCopy();
      pc.copyMergeMetaDataFieldsFrom(patch);
      const gvk = res.gvk(ctx);
      pc.setKind(gvk.kind);
      pc.setApiVersion(gvk.group !== '' ? `${gvk.group}/${gvk.version}` : gvk.version);
      pc.setKind(patch.kind);
      applySmPatch(ctx, res, pc);
    }
    if (!res.isNilOrEmpty()) list.push(res);
  }
  m.list = [];
  m.appendAll(list);
}

/** kustomize `Resource.ApplySmPatch`. */
export function applySmPatch(ctx: BuildContext, r: Resource, patch: Resource): void {
  const n = r.name;
  const ns = r.namespace;
  const k = r.kind;
  if (patch.nameChangeAllowed() || patch.kindChangeAllowed()) r.storePreviousId(ctx);
  const result = strategicMerge(ctx, patch.node, r.node);
  if (!result) {
    r.node.kind = Kind.Scalar;
    r.node.tag = Tag.Null;
    r.node.value = '';
    r.node.content = [];
    return;
  }
  if (r.isNilOrEmpty()) return;
  if (!patch.kindChangeAllowed()) r.setKind(k);
  if (!patch.nameChangeAllowed()) r.setName(n);
  r.setNamespace(ns);
}

function selectorOf(t: SelectorArg): Selector {
  return t;
}

/** The patch document(s) of a `patches` entry, decided as kustomize does: SMP or JSON 6902. */
export type LoadedPatch =
  | { kind: 'smp'; patches: Resource[]; source: string }
  | { kind: 'json'; ops: ReturnType<typeof decodeJsonPatch>; source: string; text: string };

/** kustomize PatchTransformer.Transform. */
export function transformPatch(m: ResMap, p: LoadedPatch, target: SelectorArg | undefined): void {
  const ctx = m.ctx;
  if (p.kind === 'smp') {
    if (target) {
      if (p.patches.length > 1) {
        throw new KustomizeError(
          'PatchFailed',
          `Multiple Strategic-Merge Patches in one \`patches\` entry is not allowed to set \`patches.target\` field: ${p.source}`,
        );
      }
      const selected = m.select(selectorOf(target));
      applySmPatchToSet(m, new Set(selected), p.patches[0]!);
      return;
    }
    let index = m.nameIndex();
    for (const patch of p.patches) {
      const id = patch.orgId(ctx);
      let t: Resource;
      try {
        t = m.getById(id, index);
      } catch (e) {
        throw new KustomizeError(
          'PatchFailed',
          `no resource matches strategic merge patch "${resIdString(id)}": ${(e as Error).message}`,
        );
      }
      applySmPatch(ctx, t, patch);
      if (patch.nameChangeAllowed() || patch.kindChangeAllowed()) index = m.nameIndex();
    }
    return;
  }
  if (!target) throw new KustomizeError('PatchFailed', `must specify a target for JSON patch ${p.source}`);
  for (const res of m.select(selectorOf(target))) {
    res.storePreviousId(ctx);
    const internal = internalAnnotations(res);
    applyJsonPatch(p.ops, res.node);
    restoreInternal(res, internal);
  }
}

/** kustomize PatchJson6902Transformer (legacy `patchesJson6902`). */
export function transformJson6902Legacy(
  m: ResMap,
  ops: ReturnType<typeof decodeJsonPatch>,
  target: SelectorArg,
): void {
  for (const res of m.select(selectorOf(target))) {
    const internal = internalAnnotations(res);
    applyJsonPatch(ops, res.node);
    restoreInternal(res, internal);
  }
}

function internalAnnotations(r: Resource): Map<string, string> {
  const out = new Map<string, string>();
  for (const [k, v] of r.annotations()) {
    if (
      k.startsWith('internal.config.kubernetes.io/') ||
      k.startsWith('config.kubernetes.io/') ||
      k === 'config.k8s.io/id'
    ) {
      if (
        k.startsWith('internal.config.kubernetes.io/') ||
        k === 'config.kubernetes.io/path' ||
        k === 'config.kubernetes.io/index' ||
        k === 'config.k8s.io/id'
      ) {
        out.set(k, v);
      }
    }
  }
  return out;
}

function restoreInternal(r: Resource, internal: Map<string, string>): void {
  const a = r.annotations();
  for (const [k, v] of internal) a.set(k, v);
  r.setAnnotations(a);
}

// ---- replacements ---------------------------------------------------------------------------------

/** A replacement with kustomize's defaults applied. */
export interface Replacement {
  source: SelectorArg & { fieldPath?: string; options?: FieldOptionsArg };
  targets: Array<{
    select: SelectorArg;
    reject?: SelectorArg[];
    fieldPaths?: string[];
    options?: FieldOptionsArg;
  }>;
}

function idSelector(s: SelectorArg): ResId {
  return {
    gvk: { group: s.group ?? '', version: s.version ?? '', kind: s.kind ?? '', clusterScoped: false },
    name: s.name ?? '',
    namespace: s.namespace ?? '',
  };
}

function allIds(ctx: BuildContext, r: Resource): ResId[] {
  const [g, v] = ((av) => {
    const i = av.indexOf('/');
    return i > -1 ? [av.slice(0, i), av.slice(i + 1)] : ['', av];
  })(r.apiVersion);
  const cur: ResId = {
    gvk: { group: g, version: v, kind: r.kind, clusterScoped: false },
    name: r.name,
    namespace: r.namespace,
  };
  void ctx;
  return [cur, ...r.prevIds()];
}

function rErr(msg: string): KustomizeError {
  return new KustomizeError('ReplacementFailed', msg);
}

function matchesAnnoAndLabel(r: Resource, s: SelectorArg): boolean {
  try {
    return (
      parseLabelSelector(s.annotationSelector ?? '').matches(r.annotations()) &&
      parseLabelSelector(s.labelSelector ?? '').matches(r.labels())
    );
  } catch (e) {
    throw rErr((e as Error).message);
  }
}

/** kustomize ReplacementTransformer. */
export function transformReplacements(m: ResMap, replacements: Replacement[]): void {
  const ctx = m.ctx;
  for (const r of replacements) {
    if (!r.source || !r.targets) throw rErr('replacements must specify a source and at least one target');
    const value = getReplacementValue(ctx, m.list, r.source);
    for (const t of r.targets) {
      if (!t.select) throw rErr('target must specify resources to select');
      const fieldPaths = t.fieldPaths && t.fieldPaths.length > 0 ? t.fieldPaths : ['metadata.name'];
      for (const target of m.list) {
        const ids = allIds(ctx, target);
        if (!matchesAnnoAndLabel(target, t.select)) continue;
        let rejected = false;
        for (const rej of t.reject ?? []) {
          if (!rej.annotationSelector && !rej.labelSelector) continue;
          if (matchesAnnoAndLabel(target, rej)) {
            rejected = true;
            break;
          }
        }
        if (rejected) continue;
        const sel = idSelector(t.select);
        const containsReject = (t.reject ?? []).some((rej) => {
          const rid = idSelector(rej);
          if (
            rid.name === '' &&
            rid.namespace === '' &&
            rid.gvk.group === '' &&
            rid.gvk.version === '' &&
            rid.gvk.kind === ''
          )
            return false;
          return ids.some((id) => resIdIsSelectedBy(id, rid));
        });
        if (ids.some((id) => resIdIsSelectedBy(id, sel)) && !containsReject) {
          copyValueToTarget(target.node, value, fieldPaths, t.options);
        }
      }
    }
  }
}

function getReplacementValue(ctx: BuildContext, list: Resource[], source: Replacement['source']): YNode {
  const sel = idSelector(source);
  // kustomize's SourceSelector.String(): the id, then `:fieldPath` when one is given.
  const selText = `${resIdString(sel)}${source.fieldPath ? `:${source.fieldPath}` : ''}`;
  const matches: Resource[] = [];
  for (const n of list) {
    const ids = allIds(ctx, n);
    if (ids.some((id) => resIdIsSelectedBy(id, sel))) {
      if (matches.length > 0) throw rErr(`multiple matches for selector ${selText}`);
      matches.push(n);
    }
  }
  if (matches.length === 0) throw rErr(`nothing selected by ${selText}`);
  const fieldPath = source.fieldPath || 'metadata.name';
  let rn: YNode | undefined;
  try {
    rn = pathGet(matches[0]!.node, splitIndexPath(smarterPathSplitter(fieldPath, '.')));
  } catch (e) {
    throw rErr(`error looking up replacement source: ${(e as Error).message}`);
  }
  if (!rn || isNilOrEmptyNode(rn)) {
    throw rErr(`fieldPath \`${fieldPath}\` is missing for replacement source ${resIdString(sel)}`);
  }
  const opts = source.options;
  if (!opts?.delimiter) return rn;
  if (rn.kind !== Kind.Scalar) throw rErr('delimiter option can only be used with scalar nodes');
  const parts = (rn.tag === Tag.Null ? '' : rn.value).split(opts.delimiter);
  const index = opts.index ?? 0;
  if (index >= parts.length || index < 0) {
    throw rErr(`options.index ${index} is out of bounds for value ${rn.value}`);
  }
  const c = copyNode(rn);
  c.value = parts[index]!;
  return c;
}

function isNilOrEmptyNode(n: YNode): boolean {
  return (
    n.tag === Tag.Null || ((n.kind === Kind.Mapping || n.kind === Kind.Sequence) && n.content.length === 0)
  );
}

function splitIndexPath(parts: string[]): string[] {
  return parts;
}

function copyValueToTarget(
  target: YNode,
  value: YNode,
  fieldPaths: string[],
  options: FieldOptionsArg | undefined,
): void {
  for (const fp of fieldPaths) {
    const createKind = options?.create ? value.kind : 0;
    let fields: YNode[];
    try {
      fields = pathMatch(target, smarterPathSplitter(fp, '.'), createKind as Kind | 0);
    } catch (e) {
      throw rErr(`${fieldRetrievalError(fp, createKind !== 0)}: ${(e as Error).message}`);
    }
    if (fields.length === 0) throw rErr(fieldRetrievalError(fp, createKind !== 0));
    for (const t of fields) setFieldValue(options, t, value);
  }
}

function fieldRetrievalError(fp: string, create: boolean): string {
  return create
    ? `unable to find or create field ${JSON.stringify(fp)} in replacement target`
    : `unable to find field ${JSON.stringify(fp)} in replacement target`;
}

function setFieldValue(options: FieldOptionsArg | undefined, targetField: YNode, valueIn: YNode): void {
  const value = copyNode(valueIn);
  if (options?.delimiter) {
    if (targetField.kind !== Kind.Scalar) throw rErr('delimiter option can only be used with scalar nodes');
    const tv = targetField.value.split(options.delimiter);
    const v = value.tag === Tag.Null ? '' : value.value;
    const index = options.index ?? 0;
    if (index < 0) tv.unshift(v);
    else if (index >= tv.length) tv.push(v);
    else tv[index] = v;
    value.value = tv.join(options.delimiter);
  }
  if (targetField.kind === Kind.Scalar) {
    targetField.value = value.value;
  } else {
    targetField.kind = value.kind;
    targetField.style = value.style;
    targetField.tag = value.tag;
    targetField.value = value.value;
    targetField.content = value.content;
  }
}

/** kyaml `PathMatcher`: every node matching the path (wildcards, `[k=regex]`, indexes), creating when asked. */
function pathMatch(node: YNode, path: string[], create: Kind | 0): YNode[] {
  if (path.length === 0) return [node];
  const head = path[0]!;
  const rest = path.slice(1);
  if (isSplitPathIndex(head)) {
    const idx = Number(head);
    if (isMissingOrNull(node)) return [];
    if (node.kind !== Kind.Sequence) throw new Error('wrong node kind: expected SequenceNode');
    if (node.content.length === idx && create) {
      node.content.push(makeNode(partKind(rest[0] ?? '', create), '', ''));
    }
    if (node.content.length < idx + 1)
      throw new Error(`index ${idx} specified but only ${node.content.length} elements found`);
    return pathMatch(node.content[idx]!, rest, create);
  }
  if (head.startsWith('[') && head.endsWith(']')) {
    const inner = head.slice(1, -1);
    const eq = inner.indexOf('=');
    if (eq < 0) throw new Error('list path element must contain fieldName=fieldValue for element to match');
    const field = inner.slice(0, eq);
    const pattern = inner.slice(eq + 1);
    if (isMissingOrNull(node)) return [];
    if (node.kind !== Kind.Sequence) throw new Error('wrong node kind: expected SequenceNode');
    const re = new RegExp(pattern);
    const out: YNode[] = [];
    const visit = () => {
      out.length = 0;
      for (const elem of node.content) {
        if (field === '') {
          if (re.test(scalarText(elem))) out.push(elem);
          continue;
        }
        const v = elem.kind === Kind.Mapping ? getField(elem, field) : undefined;
        if (!v) continue;
        if (!re.test(scalarText(v))) continue;
        out.push(...pathMatch(elem, rest, create));
      }
    };
    visit();
    if (out.length > 0 || !create) return out;
    const valueNode = newScalar(pattern);
    node.content.push(field === '' ? valueNode : mapOf(field, valueNode));
    visit();
    return out;
  }
  if (head === '*') {
    if (isMissingOrNull(node)) return [];
    if (node.kind !== Kind.Sequence) throw new Error('wrong node kind: expected SequenceNode');
    const out: YNode[] = [];
    for (const elem of node.content) out.push(...pathMatch(elem, rest, create));
    return out;
  }
  if (isMissingOrNull(node)) return [];
  if (node.kind !== Kind.Mapping)
    throw new Error(
      `wrong node kind: expected MappingNode but got ${node.kind === Kind.Sequence ? 'SequenceNode' : 'ScalarNode'}`,
    );
  let field = getField(node, head);
  if (!field) {
    if (!create) return [];
    field = makeNode(partKind(rest[0] ?? '', create), '', '');
    setField(node, head, field);
    field = getField(node, head)!;
  }
  return pathMatch(field, rest, create);
}

function mapOf(k: string, v: YNode): YNode {
  const m = makeNode(Kind.Mapping, '', '');
  m.content.push(makeNode(Kind.Scalar, '', k), v);
  return m;
}

function partKind(next: string, create: Kind | 0): Kind {
  if (next.startsWith('[') && next.endsWith(']')) return Kind.Sequence;
  if (isSplitPathIndex(next)) return Kind.Sequence;
  if (next === '') return create as Kind;
  return Kind.Mapping;
}

function scalarText(n: YNode): string {
  if (n.kind === Kind.Scalar) return n.value.trim();
  return '';
}

// ---- hash suffixes --------------------------------------------------------------------------------

/** kustomize HashTransformer (`-<hash>` on resources that need it). */
export function transformHashes(m: ResMap): void {
  for (const r of m.resources()) {
    if (!r.needsHashSuffix()) continue;
    const h = hashResource(r.node, r.kind);
    r.storePreviousId(m.ctx);
    r.setName(`${r.name}-${h}`);
  }
}

// ---- sort ------------------------------------------------------------------------------------------

const DEFAULT_ORDER_FIRST = [
  'Namespace',
  'ResourceQuota',
  'StorageClass',
  'CustomResourceDefinition',
  'ServiceAccount',
  'PodSecurityPolicy',
  'Role',
  'ClusterRole',
  'RoleBinding',
  'ClusterRoleBinding',
  'ConfigMap',
  'Secret',
  'Endpoints',
  'Service',
  'LimitRange',
  'PriorityClass',
  'PersistentVolume',
  'PersistentVolumeClaim',
  'Deployment',
  'StatefulSet',
  'CronJob',
  'PodDisruptionBudget',
];
const DEFAULT_ORDER_LAST = ['MutatingWebhookConfiguration', 'ValidatingWebhookConfiguration'];

function legacyGvkString(g: { group: string; version: string; kind: string }): string {
  return `${g.group || '~G'}_${g.version || '~V'}_${g.kind || '~K'}`;
}

/** kustomize SortOrderTransformer. */
export function transformSort(m: ResMap, opts: SortOptionsArg | undefined): void {
  const order = opts?.order ?? 'fifo';
  if (order !== 'fifo' && order !== 'legacy') {
    throw tErr("the field 'sortOptions.order' must be one of [fifo, legacy]");
  }
  if (order === 'fifo' && opts?.legacySortOptions) {
    throw tErr(
      "the field 'sortOptions.legacySortOptions' is set but the selected sort order is 'fifo', not 'legacy'",
    );
  }
  if (order !== 'legacy') return;
  const first = opts?.legacySortOptions?.orderFirst ?? DEFAULT_ORDER_FIRST;
  const last = opts?.legacySortOptions?.orderLast ?? DEFAULT_ORDER_LAST;
  const typeOrders = new Map<string, number>();
  first.forEach((k, i) => {
    typeOrders.set(k, -first.length + i);
  });
  last.forEach((k, i) => {
    typeOrders.set(k, 1 + i);
  });
  const ctx = m.ctx;
  const items = m.list.map((r) => {
    const id = r.curId(ctx);
    return {
      r,
      id,
      gvkStr: legacyGvkString(id.gvk),
      idStr: `${id.gvk.kind || '[noKind]'}.${id.gvk.version || '[noVer]'}.${id.gvk.group || '[noGrp]'}|${id.namespace || '~X'}|${id.name || '~N'}`,
      order: typeOrders.get(id.gvk.kind) ?? 0,
    };
  });
  items.sort((a, b) => {
    const ga = a.id.gvk;
    const gb = b.id.gvk;
    if (!(ga.group === gb.group && ga.version === gb.version && ga.kind === gb.kind)) {
      if (a.order !== b.order) return a.order - b.order;
      if (ga.kind === 'Namespace' && gb.kind === 'Namespace' && (ga.group === '' || gb.group === '')) {
        return a.gvkStr > b.gvkStr ? -1 : a.gvkStr < b.gvkStr ? 1 : 0;
      }
      return a.gvkStr < b.gvkStr ? -1 : a.gvkStr > b.gvkStr ? 1 : 0;
    }
    return a.idStr < b.idStr ? -1 : a.idStr > b.idStr ? 1 : 0;
  });
  m.list = [];
  m.appendAll(items.map((it) => it.r));
}

// ---- buildMetadata ---------------------------------------------------------------------------------

/** `buildMetadata: [managedByLabel]`: kubectl's embedded kustomize stamps `kustomize-(devel)`. */
export function transformManagedBy(m: ResMap): void {
  transformMetaMap(m, { 'app.kubernetes.io/managed-by': 'kustomize-(devel)' }, [
    { group: '', version: '', kind: '', path: 'metadata/labels', create: true },
  ]);
}

export { Style, getAnnotations, getLabels, fieldSpecMatchesGvk };
