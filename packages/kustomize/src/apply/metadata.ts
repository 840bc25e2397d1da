import type { KubeObject } from '@gitops-kit/core';
import { KustomizationGroup } from '../kustomization/types.js';

/**
 * True when any `key: value` of `selector` is a label or annotation of the object (values
 * compared case-insensitively), as fluxcd/pkg `utils.AnyInMetadata`.
 */
export function anyInMetadata(
  obj: KubeObject | undefined,
  selector: Readonly<Record<string, string>>,
): boolean {
  if (!obj) return false;
  const labels = obj.metadata?.labels ?? {};
  const annotations = obj.metadata?.annotations ?? {};
  for (const [key, val] of Object.entries(selector)) {
    const l = labels[key];
    const a = annotations[key];
    if ((l && l.toLowerCase() === val.toLowerCase()) || (a && a.toLowerCase() === val.toLowerCase()))
      return true;
  }
  return false;
}

/** Objects never applied or pruned: `reconcile: disabled`, `ssa: Ignore`. */
export const ApplyExclusions = {
  [`${KustomizationGroup}/reconcile`]: 'disabled',
  [`${KustomizationGroup}/ssa`]: 'Ignore',
} as const;
/** Objects only created, never updated: `ssa: IfNotPresent`. */
export const IfNotPresentSelector = { [`${KustomizationGroup}/ssa`]: 'IfNotPresent' } as const;
/** Objects recreated on immutable-field errors even without `spec.force`: `force: enabled`. */
export const ForceSelector = { [`${KustomizationGroup}/force`]: 'enabled' } as const;
/** Objects never pruned: `prune: disabled`, `reconcile: disabled`, `ssa: Ignore`. */
export const PruneExclusions = {
  [`${KustomizationGroup}/prune`]: 'disabled',
  [`${KustomizationGroup}/reconcile`]: 'disabled',
  [`${KustomizationGroup}/ssa`]: 'Ignore',
} as const;

/** The owner labels Flux stamps on every applied object and requires before pruning. */
export function ownerLabels(name: string, namespace: string): Record<string, string> {
  return { [`${KustomizationGroup}/name`]: name, [`${KustomizationGroup}/namespace`]: namespace };
}

/** Returns a copy of `obj` with `labels` and `annotations` merged into its metadata (overriding). */
export function withMetadata(
  obj: KubeObject,
  labels: Readonly<Record<string, string>> | undefined,
  annotations?: Readonly<Record<string, string>>,
): KubeObject {
  const metadata = { ...obj.metadata };
  if (labels && Object.keys(labels).length) metadata.labels = { ...metadata.labels, ...labels };
  if (annotations && Object.keys(annotations).length)
    metadata.annotations = { ...metadata.annotations, ...annotations };
  return { ...obj, metadata };
}
