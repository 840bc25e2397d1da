import type { Clock } from '../clock/clock.js';
import type { ClusterClient } from '../cluster/ClusterClient.js';
import type { Condition } from '../conditions/types.js';
import type { Event, EventRecorder } from '../events/event.js';
import type { Logger } from '../logger/logger.js';
import type { KubeObject } from '../object/types.js';

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
}

/**
 * What one reconcile returns. The manager merges `status` into the object's status subresource
 * (with `conditions` replaced by `conditions` when given), records `events`, and schedules the next
 * run from `requeueAfterMs` (else `spec.interval`, or `spec.retryInterval` when `Ready` is False).
 *
 * - `status`: fields to set on `.status` (e.g. `artifact`, `inventory`, `lastAppliedRevision`).
 * - `conditions`: the complete new condition list (use the condition helpers to compute it).
 * - `requeueAfterMs`: milliseconds until the next reconcile; overrides interval and retryInterval.
 * - `stalled`: a terminal error; no requeue until the object's generation changes.
 */
export interface ReconcileResult {
  status?: Record<string, unknown>;
  conditions?: Condition[];
  events?: Omit<Event, 'timestamp' | 'reportingController'>[];
  requeueAfterMs?: number;
  stalled?: boolean;
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
  /** Reconciles one object. Thrown errors become `Ready=False` with reason `ReconciliationFailed`. */
  reconcile(object: T, ctx: ReconcileContext): Promise<ReconcileResult>;
  /** Called when the object is being deleted (finalizer logic), optional. */
  finalize?(object: T, ctx: ReconcileContext): Promise<void>;
}
