/**
 * Name references: after prefixes, suffixes and hash suffixes have renamed resources, every field
 * that refers to a resource by name (a Deployment's `configMapRef`, a RoleBinding's `subjects`, an
 * Ingress's backend service, ...) is updated to the referent's new name (and namespace where the
 * field carries one), choosing the referent as kustomize does: by previous name and kind, roleRef
 * kind, namespace, then matching prefixes/suffixes.
 *
 * @see https://github.com/kubernetes-sigs/kustomize/blob/api/v0.18.0/api/filters/nameref/nameref.go
 * @see https://github.com/kubernetes-sigs/kustomize/blob/api/v0.18.0/api/internal/accumulator/namereferencetransformer.go
 */
import { KustomizeError } from '../errors/KustomizeError.js';
import { Kind, Tag, type YNode } from '../yaml/node.js';
import type { FieldSpec, NameBackReference } from './config/transformerConfig.js';
import type { BuildContext } from './context.js';
import { FieldSpecError, applyFieldSpec } from './filters/fieldspec.js';
import { getField, newScalar, setField, setScalarInPlace } from './kyaml.js';
import type { ResMap } from './resmap.js';
import type { Resource } from './resource.js';
import {
  type ResId,
  TOTALLY_NOT_A_NAMESPACE,
  effectiveNamespace,
  gvkIsSelected,
  isNsEquals,
  resIdString,
} from './resid.js';

interface Filter {
  fieldSpec: FieldSpec;
  target: { group: string; version: string; kind: string };
}

/** Per-run facts about a resource (they do not change while references are fixed). */
interface Info {
  prevIds: ResId[];
  curId: ResId;
}

/** Indexes shared by all filters of one run. */
interface RunIndex {
  info: Map<Resource, Info>;
  /** previous name → resources (in list order) */
  byPrevName: Map<string, Resource[]>;
}

/** Runs the name-reference transformer over the whole resource list. */
export function fixNameReferences(m: ResMap, backRefs: NameBackReference[]): void {
  const ctx = m.ctx;
  const resources = m.resources();
  const idx: RunIndex = { info: new Map(), byPrevName: new Map() };
  for (const r of resources) {
    const info = { prevIds: r.prevIds(), curId: r.curId(ctx) };
    idx.info.set(r, info);
    const seen = new Set<string>();
    for (const id of info.prevIds) {
      if (seen.has(id.name)) continue;
      seen.add(id.name);
      let l = idx.byPrevName.get(id.name);
      if (!l) {
        l = [];
        idx.byPrevName.set(id.name, l);
      }
      l.push(r);
    }
  }
  const orgIds = resources.map((r) => r.orgId(ctx));
  const filters = new Map<Resource, Filter[]>();
  for (const br of backRefs) {
    for (const spec of br.fieldSpecs) {
      resources.forEach((res, i) => {
        if (gvkIsSelected(orgIds[i]!.gvk, spec)) {
          let l = filters.get(res);
          if (!l) {
            l = [];
            filters.set(res, l);
          }
          l.push({ fieldSpec: spec, target: br });
        }
      });
    }
  }
  for (const r of resources) {
    const fl = filters.get(r);
    if (!fl) continue;
    const referencable = referencablePredicate(m, r, idx);
    for (const f of fl) runFilter(ctx, m, r, f, referencable, idx);
  }
}

/** kustomize `SubsetThatCouldBeReferencedByResource` as a predicate. */
function referencablePredicate(m: ResMap, referrer: Resource, idx: RunIndex): (c: Resource) => boolean {
  const refId = idx.info.get(referrer)!.curId;
  if (refId.gvk.clusterScoped) return () => true;
  const full = m.subsetReferencableByNamespaces(referrer);
  return (c) => {
    const id = idx.info.get(c)?.curId ?? c.curId(m.ctx);
    return id.gvk.clusterScoped || isNsEquals(id, refId) || full.has(c.namespace);
  };
}

function runFilter(
  ctx: BuildContext,
  m: ResMap,
  referrer: Resource,
  f: Filter,
  referencable: (c: Resource) => boolean,
  idx: RunIndex,
): void {
  const gvk = referrer.gvk(ctx);
  const spec: FieldSpec = { ...f.fieldSpec, group: gvk.group, version: gvk.version, kind: gvk.kind };
  try {
    applyFieldSpec(referrer.node, spec, (node) => set(ctx, m, referrer, f, referencable, idx, node));
  } catch (e) {
    const msg = e instanceof FieldSpecError || e instanceof KustomizeError ? e.message : (e as Error).message;
    throw new KustomizeError(
      'TransformFailed',
      `updating name reference in '${f.fieldSpec.path}' field of '${resIdString(referrer.curId(ctx))}': ${msg}`,
    );
  }
}

function set(
  ctx: BuildContext,
  m: ResMap,
  referrer: Resource,
  f: Filter,
  referencable: (c: Resource) => boolean,
  idx: RunIndex,
  node: YNode,
): void {
  if (node.tag === Tag.Null) return;
  const one = (n: YNode) => {
    if (n.kind === Kind.Scalar) setScalarRef(ctx, referrer, f, referencable, idx, n);
    else if (n.kind === Kind.Mapping) setMappingRef(ctx, m, referrer, f, referencable, idx, n);
    else throw new Error('node must be a scalar, sequence or map');
  };
  if (node.kind === Kind.Sequence) {
    for (const item of node.content) one(item);
    return;
  }
  one(node);
}

function byName(idx: RunIndex, name: string, referencable: (c: Resource) => boolean): Resource[] {
  return (idx.byPrevName.get(name) ?? []).filter(referencable);
}

function setScalarRef(
  ctx: BuildContext,
  referrer: Resource,
  f: Filter,
  referencable: (c: Resource) => boolean,
  idx: RunIndex,
  node: YNode,
): void {
  const referral = selectReferral(
    ctx,
    referrer,
    f,
    node.value,
    byName(idx, node.value, referencable),
    allNamesSame,
    idx,
  );
  if (!referral) return;
  referral.appendRefBy(referrer.curId(ctx));
  if (referral.name === node.value) return;
  setScalarInPlace(node, newScalar(referral.name));
}

function setMappingRef(
  ctx: BuildContext,
  m: ResMap,
  referrer: Resource,
  f: Filter,
  referencable: (c: Resource) => boolean,
  idx: RunIndex,
  node: YNode,
): void {
  const nameNode = getField(node, 'name');
  if (!nameNode) throw new Error("path config error; no 'name' field in node");
  const oldName = nameNode.value;
  let candidates: Resource[];
  const nsNode = getField(node, 'namespace');
  if (nsNode) {
    const namespace = nsNode.value;
    const sub = subsetMap(m, m.list.filter(referencable));
    candidates =
      sub.groupedByNamespace(true).get(namespace) ?? sub.groupedByNamespace(false).get(namespace) ?? [];
    candidates = candidates.filter((c) =>
      (idx.info.get(c)?.prevIds ?? c.prevIds()).some((id) => id.name === oldName),
    );
  } else {
    candidates = byName(idx, oldName, referencable);
  }
  const referral = selectReferral(ctx, referrer, f, oldName, candidates, allNamesAndNamespacesSame, idx);
  if (!referral) return;
  referral.appendRefBy(referrer.curId(ctx));
  if (referral.name === oldName && referral.namespace === '') return;
  setField(node, 'name', newScalar(referral.name));
  if (referral.namespace === '') return;
  setField(node, 'namespace', newScalar(referral.namespace));
}

function subsetMap(m: ResMap, list: Resource[]): ResMap {
  const Ctor = m.constructor as new (ctx: BuildContext) => ResMap;
  const sub = new Ctor(m.ctx);
  sub.list = list;
  return sub;
}

function allNamesSame(rs: Resource[]): boolean {
  const n = rs[0]!.name;
  return rs.every((r) => r.name === n);
}

function allNamesAndNamespacesSame(rs: Resource[]): boolean {
  const n = rs[0]!.name;
  const ns = rs[0]!.namespace;
  return rs.every((r) => r.name === n && r.namespace === ns);
}

function roleRefGvk(referrer: Resource): { group: string; version: string; kind: string } | null {
  const roleRef = getField(referrer.node, 'roleRef');
  if (!roleRef || roleRef.tag === Tag.Null) return null;
  const apiGroup = getField(roleRef, 'apiGroup');
  const kind = getField(roleRef, 'kind');
  if (!apiGroup || !kind) return null;
  return { group: apiGroup.value, version: '', kind: kind.value };
}

function selectReferral(
  ctx: BuildContext,
  referrer: Resource,
  f: Filter,
  oldName: string,
  candidatesIn: Resource[],
  identical: (rs: Resource[]) => boolean,
  idx: RunIndex,
): Resource | null {
  const prev = (r: Resource) => idx.info.get(r)?.prevIds ?? r.prevIds();
  const cur = (r: Resource) => idx.info.get(r)?.curId ?? r.curId(ctx);
  let c = candidatesIn.filter((r) => prev(r).some((id) => id.name === oldName));
  c = c.filter((r) => prev(r).some((id) => gvkIsSelected(id.gvk, f.target)));
  if (f.fieldSpec.path.endsWith('roleRef/name')) {
    const g = roleRefGvk(referrer);
    if (g) c = c.filter((r) => prev(r).some((id) => gvkIsSelected(id.gvk, g)));
  }
  const refId = cur(referrer);
  if (!refId.gvk.clusterScoped) {
    c = c.filter((r) => {
      const id = cur(r);
      if (id.gvk.clusterScoped) return true;
      if (r.kind === 'ServiceAccount') return true;
      return isNsEquals(refId, id);
    });
  }
  if (c.length === 1) return c[0]!;
  c = c.filter((r) => r.prefixesSuffixesEquals(referrer, true));
  if (c.length > 1) c = c.filter((r) => r.prefixesSuffixesEquals(referrer, false));
  if (c.length === 1) return c[0]!;
  if (c.length === 0) return null;
  if (identical(c)) return c[0]!;
  const ids = c.map((r) => resIdString(r.curId(ctx))).join(', ');
  throw new KustomizeError('TransformFailed', `found multiple possible referrals: ${ids}`);
}

export { TOTALLY_NOT_A_NAMESPACE, effectiveNamespace, type ResId };
