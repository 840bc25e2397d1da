import type { ObjectReference } from 'kubernetes-types/core/v1.js';
import type { Clock } from '../clock/clock.js';
import type { ClusterClient } from '../cluster/ClusterClient.js';
import type { Condition } from '../conditions/types.js';
import type { Event, EventRecorder } from '../events/event.js';
import type { Logger } from '../logger/logger.js';
import type { KubeObject, ObjectRef } from '../object/types.js';

/**
 * What a reconciler gets besides the object: the cluster, time, logging, events and cancellation.
 * All injected, so a reconciler is testable with `MemoryCluster` and `FakeClock`.
 */
export interface ReconcileContext {
  cluster: ClusterClient;
  clock: Clock;
  logger: Logger;
  events: EventRecorder;
  /** Aborts when the manager stops or `spec.timeout` passes. */
  signal: AbortSignal;
  /** The field manager to use for writes (server-side apply), e.g. `kustomize-controller`. */
  fieldManager: string;
  /** The controller name to use as an event's `reportingController`. */
  reportingController: string;
}

/**
 * An event a reconcile reports. `involvedObject` defaults to the reconciled object; the manager
 * fills in `timestamp` and `reportingController`, prefixes metadata keys without a `/` with the
 * object's API group and adds its `event.toolkit.fluxcd.io/` annotations (see `eventFor`).
 */
export type ReconcileEvent = Omit<Event, 'timestamp' | 'reportingController' | 'involvedObject'> & {
  involvedObject?: ObjectReference;
};

/**
 * What one reconcile returns. The manager writes the object's new status through the `status`
 * subresource (a merge patch with the controller's field manager): the status of the object the
 * reconciler was given, as it mutated it (typically with the condition helpers), then `status`
 * merged over it, then `conditions` replacing its conditions when given. It records `events` and
 * schedules the next run from `requeueAfterMs` (else `spec.interval` with jitter on success, or
 * `spec.retryInterval` when `Ready` is False).
 *
 * When the reconcile resolves without touching `Ready` (it is still the manager's
 * `Unknown`/`Progressing` marker), the manager marks `Ready=True` with reason
 * `ReconciliationSucceeded`.
 *
 * - `status`: fields to set on `.status` (e.g. `artifact`, `inventory`, `lastAppliedRevision`);
 *   a field set to `null` is removed.
 * - `conditions`: the complete new condition list (use the condition helpers to compute it).
 * - `requeueAfterMs`: milliseconds until the next reconcile; overrides interval and retryInterval.
 * - `stalled`: a terminal error; no requeue until the object's generation changes.
 * - `waitingFor`: objects this reconcile waits on (e.g. a source without an artifact). The manager
 *   reconciles this object again as soon as one of them finishes a reconcile, and
 *   `runUntilSettled` counts it as waiting, not failed, while any of them may still become ready.
 */
export interface ReconcileResult {
  status?: Record<string, unknown>;
  conditions?: Condition[];
  events?: ReconcileEvent[];
  requeueAfterMs?: number;
  stalled?: boolean;
  waitingFor?: ObjectRef[];
}

/**
 * A controller for one kind. `reconcile` brings the world in line with the object and reports
 * what happened; it must honour `ctx.signal` and use `ctx.clock` for time.
 *
 * @typeParam T - the object type.
 * @see https://github.com/fluxcd/pkg/tree/main/runtime (the contract every Flux controller follows)
 */
export interface Reconciler<T extends KubeObject = KubeObject> {
  /** `apiVersion` of the kind, e.g. `source.toolkit.fluxcd.io/v1`. */
  apiVersion: string;
  /** The kind, e.g. `GitRepository`. */
  kind: string;
  /** Controller name used as `reportingController` and field manager, e.g. `source-controller`. */
  controllerName: string;
  /**
   * Field manager for status writes when it differs from `controllerName` (kustomize-controller
   * uses `gotk-kustomize-controller`). Default: `controllerName`.
   */
  fieldManager?: string;
  /**
   * Finalizer the manager adds before the first reconcile and removes after `finalize` ran, when
   * `finalize` is defined. Default `finalizers.fluxcd.io`.
   */
  finalizer?: string;
  /**
   * The timeout in milliseconds when `spec.timeout` is not set, given the parsed `spec.interval`
   * (e.g. Kustomization: interval − 30s, at least 30s). Default: no timeout.
   */
  defaultTimeoutMs?(object: T, intervalMs: number | undefined): number | undefined;
  /** Reconciles one object. Thrown errors become `Ready=False` with reason `ReconciliationFailed`. */
  reconcile(object: T, ctx: ReconcileContext): Promise<ReconcileResult>;
  /** Called when the object is being deleted (finalizer logic), optional. */
  finalize?(object: T, ctx: ReconcileContext): Promise<void>;
}
