import type { Clock } from '../clock/clock.js';
import type { ClusterClient, ResourceRef } from '../cluster/ClusterClient.js';
import { ReconcileRequestAnnotation } from '../conditions/types.js';
import type { KubeObject } from '../object/types.js';

/** Options of {@link annotateReconcileRequest}. */
export interface AnnotateReconcileRequestOptions {
  /** The token's time source (required: library code never reads the system time itself). */
  clock: Clock;
  /** Field manager of the patch. Default `flux-client-side-apply`, as the flux CLI. */
  fieldManager?: string;
  signal?: AbortSignal;
}

/**
 * Formats epoch milliseconds as Go's `time.RFC3339Nano` does in UTC: fractional seconds with
 * trailing zeros removed (`2026-01-01T00:00:00.12Z`, `2026-01-01T00:00:00Z`).
 */
export function formatRFC3339Nano(ms: number): string {
  const iso = new Date(ms).toISOString(); // 2026-01-01T00:00:00.120Z
  const [secs, frac] = iso.slice(0, -1).split('.');
  const trimmed = (frac ?? '').replace(/0+$/, '');
  return trimmed ? `${secs}.${trimmed}Z` : `${secs}Z`;
}

/**
 * Asks the object's controller for an out-of-interval reconcile the way `flux reconcile` does:
 * a merge patch setting the `reconcile.fluxcd.io/requestedAt` annotation to the current time
 * (RFC 3339 with fractional seconds). The controller copies the token into
 * `status.lastHandledReconcileAt` once it has acted on it.
 *
 * @returns the patched object.
 * @throws {CoreError} `NotFound` and other cluster errors.
 * @see https://github.com/fluxcd/flux2/blob/main/cmd/flux/reconcile.go (requestReconciliation)
 * @example
 * ```ts
 * await annotateReconcileRequest(cluster, { apiVersion: 'kustomize.toolkit.fluxcd.io/v1', kind: 'Kustomization', namespace: 'flux-system', name: 'apps' }, { clock: systemClock });
 * ```
 */
export async function annotateReconcileRequest(
  cluster: ClusterClient,
  ref: ResourceRef,
  options: AnnotateReconcileRequestOptions,
): Promise<KubeObject> {
  const token = formatRFC3339Nano(options.clock.now());
  return cluster.patch(
    ref,
    { metadata: { annotations: { [ReconcileRequestAnnotation]: token } } },
    {
      type: 'merge',
      fieldManager: options.fieldManager ?? 'flux-client-side-apply',
      ...(options.signal ? { signal: options.signal } : {}),
    },
  );
}
