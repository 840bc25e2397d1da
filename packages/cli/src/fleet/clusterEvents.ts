import {
  type Clock,
  type ClusterClient,
  type Event,
  type EventRecorder,
  type KubeObject,
  type Logger,
  EventSeverity,
  noopLogger,
} from '@gitops-kit/core';

/**
 * An {@link EventRecorder} that keeps every event in `events` and also writes it to the cluster as
 * a core/v1 `Event` in the involved object's namespace, its metadata as annotations, as Flux
 * controllers' recorders do (type
 * `Normal` for info, `Warning` for error; trace events are not written), so `gitops-kit events`
 * and `kubectl get events` see them. Write failures are logged, never thrown.
 *
 * Event names are `<object name>.<hex of the time in ns>`, as client-go's recorder makes them.
 */
export class ClusterEventRecorder implements EventRecorder {
  /** Every event recorded, in order. */
  readonly events: Event[] = [];
  private seq = 0;

  constructor(
    private readonly cluster: ClusterClient,
    private readonly clock: Clock,
    private readonly logger: Logger = noopLogger,
    private readonly onEvent?: (e: Event) => void,
  ) {}

  async record(event: Event): Promise<void> {
    this.events.push(event);
    this.onEvent?.(event);
    if (event.severity === EventSeverity.Trace) return;
    const io = event.involvedObject;
    const namespace = io.namespace || 'default';
    const ns = BigInt(this.clock.now()) * 1_000_000n + BigInt(this.seq++ % 1_000_000);
    const annotations: Record<string, string> = {};
    for (const [k, v] of Object.entries(event.metadata ?? {})) annotations[k] = v;
    const obj: KubeObject = {
      apiVersion: 'v1',
      kind: 'Event',
      metadata: {
        name: `${io.name}.${ns.toString(16)}`,
        namespace,
        ...(Object.keys(annotations).length ? { annotations } : {}),
      },
      involvedObject: { ...io },
      type: event.severity === EventSeverity.Error ? 'Warning' : 'Normal',
      reason: event.reason,
      message: event.message,
      source: { component: event.reportingController },
      firstTimestamp: event.timestamp,
      lastTimestamp: event.timestamp,
      count: 1,
      reportingComponent: event.reportingController,
      reportingInstance: event.reportingInstance ?? '',
    };
    try {
      await this.cluster.create(obj, { fieldManager: event.reportingController });
    } catch (err) {
      this.logger.warn('event not written to the cluster', { error: String(err) });
    }
  }
}

/** One event as `gitops-kit events` shows it. */
export interface EventLine {
  /** RFC 3339 time of the last occurrence. */
  lastTimestamp: string;
  /** `Normal` or `Warning`. */
  type: string;
  reason: string;
  /** `Kind/namespace/name` of the involved object. */
  object: string;
  message: string;
  /** Flux event metadata (`<group>/revision`, ...), from the Event's annotations. */
  metadata?: Record<string, string>;
}

/**
 * The cluster's events about Flux objects (`*.toolkit.fluxcd.io` kinds), oldest first, optionally
 * only in one namespace and about one object (`Kind/name`).
 */
export async function listFluxEvents(
  cluster: ClusterClient,
  options: { namespace?: string; kind?: string; name?: string; signal?: AbortSignal } = {},
): Promise<EventLine[]> {
  const list = await cluster.list(
    { apiVersion: 'v1', kind: 'Event' },
    {
      ...(options.namespace ? { namespace: options.namespace } : {}),
      ...(options.signal ? { signal: options.signal } : {}),
    },
  );
  const out: (EventLine & { order: string })[] = [];
  for (const e of list as (KubeObject & Record<string, unknown>)[]) {
    const io = (e.involvedObject ?? {}) as {
      apiVersion?: string;
      kind?: string;
      namespace?: string;
      name?: string;
    };
    if (!io.apiVersion?.split('/')[0]?.endsWith('.toolkit.fluxcd.io')) continue;
    if (options.kind && io.kind !== options.kind) continue;
    if (options.name && io.name !== options.name) continue;
    const last = String(e.lastTimestamp ?? e.eventTime ?? e.metadata.creationTimestamp ?? '');
    const line: EventLine & { order: string } = {
      lastTimestamp: last,
      type: String(e.type ?? ''),
      reason: String(e.reason ?? ''),
      object: `${io.kind}/${io.namespace ? `${io.namespace}/` : ''}${io.name}`,
      message: String(e.message ?? ''),
      order: `${last}\u0000${(e.metadata.name ?? '').split('.').pop()}`,
    };
    if (e.metadata.annotations && Object.keys(e.metadata.annotations).length)
      line.metadata = { ...e.metadata.annotations };
    out.push(line);
  }
  out.sort((a, b) => (a.order < b.order ? -1 : a.order > b.order ? 1 : 0));
  return out.map(({ order: _, ...l }) => l);
}
