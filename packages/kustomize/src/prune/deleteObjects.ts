import {
  type ClusterClient,
  type KubeObject,
  type ObjectRef,
  PropagationPolicy,
  isGitOpsKitError,
  throwIfAborted,
} from '@gitops-kit/core';
import { Action, type ChangeSetEntry, changeSetEntry } from '../apply/changeSet.js';
import { PruneExclusions, anyInMetadata, ownerLabels } from '../apply/metadata.js';
import { KustomizationError } from '../errors/KustomizationError.js';
import { sortRefs } from './inventory.js';

/** Options of {@link deleteObjects}. */
export interface DeleteObjectsOptions {
  cluster: ClusterClient;
  /** The Kustomization owning the objects: only objects still labelled as its own are deleted. */
  owner: { name: string; namespace: string };
  /** Default `Background`. */
  propagationPolicy?: PropagationPolicy;
  signal?: AbortSignal;
}

/** Result of {@link deleteObjects}: the change set, and the objects whose delete was not confirmed. */
export interface DeleteObjectsResult {
  entries: ChangeSetEntry[];
  /** Objects neither deleted nor skipped (re-track them in the inventory, as Flux does). */
  survivors: ObjectRef[];
}

const refObj = (r: ObjectRef): KubeObject => ({
  apiVersion: r.apiVersion ?? 'v1',
  kind: r.kind,
  metadata: r.namespace ? { name: r.name, namespace: r.namespace } : { name: r.name },
});
const fmt = (r: ObjectRef) => (r.namespace ? `${r.kind}/${r.namespace}/${r.name}` : `${r.kind}/${r.name}`);

/**
 * Prunes objects as kustomize-controller's `deleteObjects` over fluxcd/pkg `DeleteAll`: in reverse
 * apply order; an object already gone counts as `deleted`; one whose live labels no longer carry
 * the owner's `kustomize.toolkit.fluxcd.io/name`/`namespace`, or that is labelled/annotated
 * `prune: disabled`, `reconcile: disabled` or `ssa: Ignore`, is `skipped`; others are deleted with
 * Background propagation. Failures are collected; the rest still runs.
 *
 * @throws {KustomizationError} `PruneFailed` (`delete failed, errors: ...;`) after trying every
 *   object, with `data.entries` and `data.survivors`.
 * @see https://github.com/fluxcd/pkg/blob/main/ssa/manager_delete.go
 */
export async function deleteObjects(
  refs: readonly ObjectRef[],
  options: DeleteObjectsOptions,
): Promise<DeleteObjectsResult> {
  const { cluster, signal } = options;
  const owner = ownerLabels(options.owner.name, options.owner.namespace);
  const entries: ChangeSetEntry[] = [];
  const survivors: ObjectRef[] = [];
  let errors = '';
  for (const ref of sortRefs(refs).reverse()) {
    throwIfAborted(signal, 'prune');
    const obj = refObj(ref);
    try {
      const live = await cluster.get({ ...ref, apiVersion: ref.apiVersion ?? 'v1' }, { signal });
      if (!live) {
        entries.push(changeSetEntry(obj, Action.Deleted));
        continue;
      }
      const labels = live.metadata?.labels ?? {};
      if (Object.entries(owner).some(([k, v]) => labels[k] !== v) || anyInMetadata(live, PruneExclusions)) {
        entries.push(changeSetEntry(obj, Action.Skipped));
        continue;
      }
      try {
        await cluster.delete(
          { ...ref, apiVersion: ref.apiVersion ?? 'v1' },
          { propagationPolicy: options.propagationPolicy ?? PropagationPolicy.Background, signal },
        );
      } catch (err) {
        if (!isGitOpsKitError(err, 'NotFound')) {
          entries.push(changeSetEntry(obj, Action.Unknown));
          survivors.push(ref);
          errors += `${fmt(ref)} delete failed: ${(err as Error).message};`;
          continue;
        }
      }
      entries.push(changeSetEntry(obj, Action.Deleted));
    } catch (err) {
      if (isGitOpsKitError(err, 'Aborted')) throw err;
      entries.push(changeSetEntry(obj, Action.Unknown));
      survivors.push(ref);
      errors += `${fmt(ref)} query failed: ${(err as Error).message};`;
    }
  }
  if (errors) {
    throw new KustomizationError('PruneFailed', `delete failed, errors: ${errors}`, {
      data: { entries, survivors },
    });
  }
  return { entries, survivors };
}
