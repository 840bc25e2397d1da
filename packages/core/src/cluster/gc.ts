/**
 * Owner-reference garbage collection, as kube-controller-manager's garbage collector does it,
 * planned as a pure function over the stored objects:
 * - a dependent whose owners are all gone (no object with that uid) is deleted (in the background);
 *   with some owners still present its dangling references are removed instead;
 * - a dependent of an owner being deleted in the foreground (finalizer `foregroundDeletion`) is
 *   deleted in the foreground too; the owner's finalizer is removed once no dependent that has
 *   `blockOwnerDeletion: true` remains;
 * - the dependents of an owner deleted with `Orphan` (finalizer `orphan`) lose their reference to
 *   it, then the finalizer is removed.
 *
 * @see https://github.com/kubernetes/kubernetes/blob/v1.20.2/pkg/controller/garbagecollector/garbagecollector.go
 * @internal
 */
import type { KubeObject } from '../object/types.js';
import type { PropagationPolicy } from './ClusterClient.js';

/** The finalizer of foreground deletion. */
export const FOREGROUND_FINALIZER = 'foregroundDeletion';
/** The finalizer of orphaning deletion. */
export const ORPHAN_FINALIZER = 'orphan';

/** A stored object for planning: its store key and whether its kind is namespaced. @internal */
export interface GcObject {
  key: string;
  object: KubeObject;
  namespaced: boolean;
}

/** One step the collector takes. @internal */
export type GcAction =
  | { type: 'delete'; key: string; policy: PropagationPolicy }
  | { type: 'removeOwnerReferences'; key: string; uids: string[] }
  | { type: 'removeFinalizer'; key: string; finalizer: string };

/** Plans the next garbage-collection steps; empty when there is nothing to do. @internal */
export function planGarbageCollection(objects: readonly GcObject[]): GcAction[] {
  const byUid = new Map<string, GcObject>();
  for (const o of objects) if (o.object.metadata.uid) byUid.set(o.object.metadata.uid, o);
  const actions: GcAction[] = [];
  const dependentsOf = new Map<string, GcObject[]>();

  for (const o of objects) {
    const refs = o.object.metadata.ownerReferences ?? [];
    if (refs.length === 0) continue;
    const dangling: string[] = [];
    let foregroundOwner = false;
    let liveOwner = false;
    for (const ref of refs) {
      const owner = byUid.get(ref.uid);
      // An owner must be cluster-scoped or in the dependent's namespace.
      const valid =
        owner &&
        owner.object.kind === ref.kind &&
        (!owner.namespaced || owner.object.metadata.namespace === o.object.metadata.namespace);
      if (!valid) {
        dangling.push(ref.uid);
        continue;
      }
      const list = dependentsOf.get(ref.uid) ?? [];
      list.push(o);
      dependentsOf.set(ref.uid, list);
      const deleting = owner.object.metadata.deletionTimestamp !== undefined;
      if (deleting && owner.object.metadata.finalizers?.includes(FOREGROUND_FINALIZER))
        foregroundOwner = true;
      else liveOwner = true;
    }
    if (o.object.metadata.deletionTimestamp) continue;
    if (!liveOwner && (dangling.length > 0 || foregroundOwner)) {
      actions.push({ type: 'delete', key: o.key, policy: foregroundOwner ? 'Foreground' : 'Background' });
    } else if (liveOwner && dangling.length > 0) {
      actions.push({ type: 'removeOwnerReferences', key: o.key, uids: dangling });
    }
  }

  for (const o of objects) {
    const m = o.object.metadata;
    if (!m.deletionTimestamp || !m.uid) continue;
    const deps = dependentsOf.get(m.uid) ?? [];
    if (m.finalizers?.includes(ORPHAN_FINALIZER)) {
      for (const d of deps) actions.push({ type: 'removeOwnerReferences', key: d.key, uids: [m.uid] });
      if (deps.length === 0)
        actions.push({ type: 'removeFinalizer', key: o.key, finalizer: ORPHAN_FINALIZER });
      continue;
    }
    if (m.finalizers?.includes(FOREGROUND_FINALIZER)) {
      const blocking = deps.filter((d) =>
        d.object.metadata.ownerReferences?.some((r) => r.uid === m.uid && r.blockOwnerDeletion === true),
      );
      if (blocking.length === 0)
        actions.push({ type: 'removeFinalizer', key: o.key, finalizer: FOREGROUND_FINALIZER });
    }
  }
  return actions;
}
