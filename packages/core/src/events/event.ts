import type { ObjectReference } from 'kubernetes-types/core/v1.js';
import { type Clock, formatTime } from '../clock/clock.js';
import { parseApiVersion } from '../object/gvk.js';
import type { KubeObject } from '../object/types.js';

/**
 * Event severity as Flux sends it: Kubernetes `Normal` → `info`, `Warning` → `error`, `Trace` → `trace`
 * (trace events are recorded but never sent to notification providers).
 *
 * @see https://github.com/fluxcd/pkg/blob/main/apis/event/v1beta1/event.go
 */
export const EventSeverity = {
  Trace: 'trace',
  Info: 'info',
  Error: 'error',
} as const;
/** @see {@link EventSeverity} */
export type EventSeverity = (typeof EventSeverity)[keyof typeof EventSeverity];

/**
 * A Flux event (`event.toolkit.fluxcd.io/v1beta1` wire format), as controllers POST it to the
 * notification-controller.
 *
 * - `timestamp`: RFC 3339 (`2026-11-30T02:33:53Z`).
 * - `message`: at most 39,000 characters.
 * - `metadata`: keys prefixed `<object api group>/` (set by controllers, e.g.
 *   `kustomize.toolkit.fluxcd.io/revision`) or `event.toolkit.fluxcd.io/` (from object annotations).
 *
 * @see https://github.com/fluxcd/pkg/blob/main/apis/event/v1beta1/event.go
 */
export interface Event {
  involvedObject: ObjectReference;
  severity: EventSeverity;
  timestamp: string;
  message: string;
  reason: string;
  metadata?: Record<string, string>;
  reportingController: string;
  reportingInstance?: string;
}

/**
 * Where reconcilers send events. Notification dispatch (`@gitops-kit/notify`) implements it; the
 * default {@link MemoryEventRecorder} keeps them in a list.
 */
export interface EventRecorder {
  /** Records one event. Must not throw for delivery problems (log them instead). */
  record(event: Event): void | Promise<void>;
}

/** An {@link EventRecorder} that keeps events in memory, newest last. */
export class MemoryEventRecorder implements EventRecorder {
  /** Recorded events in order. */
  readonly events: Event[] = [];
  record(event: Event): void {
    this.events.push(event);
  }
}

/** An {@link EventRecorder} that drops every event (the `Manager`'s default). */
export const noopEventRecorder: EventRecorder = { record() {} };

/** API group of Flux events; object annotations prefixed `event.toolkit.fluxcd.io/` are copied into event metadata. */
export const EventGroup = 'event.toolkit.fluxcd.io';

/**
 * Well-known event metadata keys (written as `<object api group>/<key>` by controllers).
 *
 * @see https://github.com/fluxcd/pkg/blob/main/apis/event/v1beta1/metadata.go
 */
export const EventMetaKey = {
  /** The source artifact revision, e.g. `main@sha1:<hex>`. */
  Revision: 'revision',
  /** The origin revision of an OCI artifact (`org.opencontainers.image.revision`). */
  OriginRevision: 'originRevision',
  /** The source artifact digest, `sha256:<hex>`. */
  Digest: 'digest',
  /** A token identifying the event payload, used for rate limiting (dropped before dispatch). */
  Token: 'token',
  /** A Git commit hash. */
  Commit: 'commit',
  /** `update` signals a Git commit status event. */
  CommitStatus: 'commit_status',
  /** A change request id. */
  ChangeRequest: 'change_request',
} as const;
/** @see {@link EventMetaKey} */
export type EventMetaKey = (typeof EventMetaKey)[keyof typeof EventMetaKey];

/** Options of {@link eventFor}. */
export interface EventForOptions {
  /** Timestamp source. Required: library code never reads the system time itself. */
  clock: Clock;
  /** Controller name, e.g. `kustomize-controller`. */
  reportingController: string;
  /** Instance name (Flux uses the pod hostname). Default: omitted. */
  reportingInstance?: string;
  /**
   * Metadata. Keys without a `/` are prefixed with the object's API group
   * (`revision` → `kustomize.toolkit.fluxcd.io/revision`), as Flux controllers write them; keys
   * with a `/` are kept. Default: none.
   */
  metadata?: Record<string, string>;
}

/**
 * Builds the Flux event for an object, as fluxcd/pkg `events.Recorder.AnnotatedEventf` does:
 * `involvedObject` from the object (`apiVersion`, `kind`, `namespace`, `name`, `uid`,
 * `resourceVersion`), metadata from `options.metadata` plus the object's annotations prefixed
 * `event.toolkit.fluxcd.io/` (those win on equal keys), `timestamp` from `options.clock`
 * (RFC 3339, seconds).
 *
 * @see https://github.com/fluxcd/pkg/blob/main/runtime/events/recorder.go `AnnotatedEventf`
 * @example
 * ```ts
 * await recorder.record(eventFor(ks, 'info', 'ReconciliationSucceeded', 'Applied revision: main@sha1:abc', {
 *   clock, reportingController: 'kustomize-controller', metadata: { revision: 'main@sha1:abc' },
 * }));
 * ```
 */
export function eventFor(
  object: KubeObject,
  severity: EventSeverity,
  reason: string,
  message: string,
  options: EventForOptions,
): Event {
  const { group } = parseApiVersion(object.apiVersion);
  const involvedObject: ObjectReference = { apiVersion: object.apiVersion, kind: object.kind };
  const meta = object.metadata;
  if (meta.namespace) involvedObject.namespace = meta.namespace;
  if (meta.name) involvedObject.name = meta.name;
  if (meta.uid) involvedObject.uid = meta.uid;
  if (meta.resourceVersion) involvedObject.resourceVersion = meta.resourceVersion;
  const metadata: Record<string, string> = {};
  for (const [k, v] of Object.entries(options.metadata ?? {})) {
    metadata[k.includes('/') || group === '' ? k : `${group}/${k}`] = v;
  }
  for (const [k, v] of Object.entries(meta.annotations ?? {})) {
    if (k.startsWith(`${EventGroup}/`)) metadata[k] = v;
  }
  const event: Event = {
    involvedObject,
    severity,
    timestamp: formatTime(options.clock.now()),
    message,
    reason,
    reportingController: options.reportingController,
  };
  if (Object.keys(metadata).length > 0) event.metadata = metadata;
  if (options.reportingInstance) event.reportingInstance = options.reportingInstance;
  return event;
}
