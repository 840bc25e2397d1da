import { type KubeObject, type ObjectRef, formatApiVersion, parseResourceId } from '@gitops-kit/core';
import type { ChangeSetEntry } from '../apply/changeSet.js';
import { compareSortKeys } from '../apply/sort.js';
import type { ResourceInventory } from '../kustomization/types.js';

/**
 * A Kustomization inventory from a change set, in change-set order (kustomize-controller
 * `inventory.AddChangeSet`): one `{id, v}` per entry.
 */
export function inventoryFromChangeSet(entries: readonly ChangeSetEntry[]): ResourceInventory {
  return { entries: entries.map((e) => ({ id: e.id, v: e.version })) };
}

/** An inventory entry as an object reference (`apiVersion` rebuilt from the id's group and `v`). */
export function inventoryEntryRef(entry: { id: string; v: string }): ObjectRef {
  const id = parseResourceId(entry.id);
  const ref: ObjectRef = { apiVersion: formatApiVersion(id.group, entry.v), kind: id.kind, name: id.name };
  if (id.namespace) ref.namespace = id.namespace;
  return ref;
}

const sortKey = (r: ObjectRef) => ({
  group: r.apiVersion?.includes('/') ? r.apiVersion.split('/')[0]! : '',
  kind: r.kind,
  namespace: r.namespace ?? '',
  name: r.name,
});

/** Sorts references in Flux's apply order (new array). */
export function sortRefs(refs: readonly ObjectRef[]): ObjectRef[] {
  return [...refs].sort((a, b) => compareSortKeys(sortKey(a), sortKey(b)));
}

/** Every object of an inventory, in Flux's apply order (`inventory.List`). */
export function listInventory(inventory: ResourceInventory | undefined): ObjectRef[] {
  return sortRefs((inventory?.entries ?? []).map(inventoryEntryRef));
}

/**
 * The objects of `previous` that are not in `next` — what prune deletes — in Flux's apply order
 * (`inventory.Diff`; entries compare by id, so an apiVersion change alone is not stale).
 */
export function staleObjects(previous: ResourceInventory | undefined, next: ResourceInventory): ObjectRef[] {
  const keep = new Set(next.entries.map((e) => e.id));
  return sortRefs((previous?.entries ?? []).filter((e) => !keep.has(e.id)).map(inventoryEntryRef));
}

/** Adds objects to an inventory unless their id is already there (`inventory.Merge`). */
export function mergeInventory(inventory: ResourceInventory, refs: readonly ObjectRef[]): ResourceInventory {
  const seen = new Set(inventory.entries.map((e) => e.id));
  const entries = [...inventory.entries];
  for (const r of refs) {
    const group = r.apiVersion?.includes('/') ? r.apiVersion.split('/')[0]! : '';
    const id = `${r.namespace ?? ''}_${r.name.replaceAll(':', '__')}_${group}_${r.kind}`;
    if (seen.has(id)) continue;
    seen.add(id);
    entries.push({ id, v: (r.apiVersion ?? 'v1').split('/').pop()! });
  }
  return { entries };
}

/** Object references of a list of objects. */
export function refsOf(objects: readonly KubeObject[]): ObjectRef[] {
  return objects.map((o) => {
    const r: ObjectRef = { apiVersion: o.apiVersion, kind: o.kind, name: o.metadata?.name ?? '' };
    if (o.metadata?.namespace) r.namespace = o.metadata.namespace;
    return r;
  });
}
