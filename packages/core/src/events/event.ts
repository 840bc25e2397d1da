import type { ObjectReference } from 'kubernetes-types/core/v1.js';

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
