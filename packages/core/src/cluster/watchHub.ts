/**
 * Watch plumbing of `MemoryCluster`: a bounded log of change events (for resuming from a
 * resourceVersion) and subscribers fed as async iterables, as the API server's watch cache.
 * @internal
 */
import { CoreError } from '../errors/GitOpsKitError.js';
import type { KubeObject } from '../object/types.js';
import type { WatchEvent } from './ClusterClient.js';

/** One recorded change: the object's group/kind key, resourceVersion, old and new state. @internal */
export interface ChangeEvent {
  /** `group/Kind`. */
  gk: string;
  rv: number;
  type: 'ADDED' | 'MODIFIED' | 'DELETED';
  object: KubeObject;
  /** The previous state (MODIFIED, DELETED). */
  old?: KubeObject;
}

/** A subscriber's filter: decides whether an object state is visible. @internal */
export type WatchFilter = (o: KubeObject) => boolean;

interface Subscriber {
  gk: string;
  filter: WatchFilter;
  push(e: WatchEvent): void;
}

/** @internal */
export class WatchHub {
  private readonly log: ChangeEvent[] = [];
  private readonly subscribers = new Set<Subscriber>();

  /** @param capacity - events kept for resuming (older resourceVersions are `Expired`). */
  constructor(private readonly capacity = 10_000) {}

  /** Records a change and delivers it to matching subscribers. */
  publish(e: ChangeEvent): void {
    this.log.push(e);
    if (this.log.length > this.capacity) this.log.splice(0, this.log.length - this.capacity);
    for (const s of this.subscribers) if (s.gk === e.gk) deliver(s, e);
  }

  /** Oldest resourceVersion a watch can resume after. */
  private oldest(): number | undefined {
    return this.log[0]?.rv;
  }

  /**
   * Subscribes: `initial` objects arrive first as ADDED (when not resuming), then the recorded
   * events after `resumeAfter`, then live events, until `signal` aborts.
   * @throws {CoreError} `Expired` when `resumeAfter` is older than the log keeps.
   */
  subscribe(
    gk: string,
    filter: WatchFilter,
    initial: KubeObject[] | undefined,
    resumeAfter: number | undefined,
    currentRv: number,
    signal: AbortSignal | undefined,
  ): AsyncIterable<WatchEvent> {
    const queue: WatchEvent[] = [];
    let wake: (() => void) | undefined;
    const sub: Subscriber = {
      gk,
      filter,
      push(e) {
        queue.push(e);
        wake?.();
      },
    };
    if (resumeAfter !== undefined && resumeAfter < currentRv) {
      const oldest = this.oldest();
      if (oldest === undefined || resumeAfter < oldest - 1) {
        throw new CoreError('Expired', `watch: resourceVersion ${resumeAfter} is too old (410 Gone)`, {
          data: { resourceVersion: String(resumeAfter) },
        });
      }
      for (const e of this.log) if (e.gk === gk && e.rv > resumeAfter) deliver(sub, e);
    }
    for (const o of initial ?? []) queue.push({ type: 'ADDED', object: o });
    const subscribers = this.subscribers;
    subscribers.add(sub);
    const onAbort = () => wake?.();
    signal?.addEventListener('abort', onAbort, { once: true });
    const stop = () => {
      subscribers.delete(sub);
      signal?.removeEventListener('abort', onAbort);
    };
    return {
      [Symbol.asyncIterator](): AsyncIterator<WatchEvent> {
        return {
          async next() {
            for (;;) {
              if (signal?.aborted) {
                stop();
                return { done: true, value: undefined };
              }
              const e = queue.shift();
              if (e) return { done: false, value: structuredClone(e) };
              await new Promise<void>((r) => {
                wake = r;
              });
              wake = undefined;
            }
          },
          async return() {
            stop();
            return { done: true, value: undefined };
          },
        };
      },
    };
  }
}

/** Delivers with selector semantics: entering the selection is ADDED, leaving it DELETED. */
function deliver(s: Subscriber, e: ChangeEvent): void {
  const now = e.type !== 'DELETED' && s.filter(e.object);
  const before = e.old !== undefined && e.type !== 'ADDED' && s.filter(e.old);
  if (e.type === 'DELETED') {
    if (s.filter(e.object)) s.push({ type: 'DELETED', object: e.object });
    return;
  }
  if (e.type === 'ADDED') {
    if (now) s.push({ type: 'ADDED', object: e.object });
    return;
  }
  if (now && before) s.push({ type: 'MODIFIED', object: e.object });
  else if (now) s.push({ type: 'ADDED', object: e.object });
  else if (before) s.push({ type: 'DELETED', object: e.object });
}
