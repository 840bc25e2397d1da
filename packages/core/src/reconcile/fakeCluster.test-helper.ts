// A deliberately small in-memory ClusterClient for the Manager tests, until MemoryCluster lands.
// Only what the manager uses: get, list, patch (merge, main resource or status), delete, watch.
import type {
  ApiResource,
  ClusterClient,
  DeleteResult,
  ListOptions,
  PatchOptions,
  ResourceRef,
  ResourceType,
  WatchEvent,
} from '../cluster/ClusterClient.js';
import { CoreError } from '../errors/GitOpsKitError.js';
import type { KubeObject } from '../object/types.js';

type Meta = { -readonly [K in keyof KubeObject['metadata']]: KubeObject['metadata'][K] };
const meta = (o: KubeObject) => o.metadata as Meta;

const keyOf = (r: { kind: string; namespace?: string; name?: string }) =>
  `${r.kind}/${r.namespace ?? ''}/${r.name}`;

function mergePatch(target: unknown, patch: unknown): unknown {
  if (typeof patch !== 'object' || patch === null || Array.isArray(patch)) return patch;
  const out: Record<string, unknown> =
    typeof target === 'object' && target !== null && !Array.isArray(target) ? { ...(target as object) } : {};
  for (const [k, v] of Object.entries(patch)) {
    if (v === null) delete out[k];
    else out[k] = mergePatch(out[k], v);
  }
  return out;
}

export class FakeCluster implements ClusterClient {
  readonly objects = new Map<string, KubeObject>();
  readonly statusPatches: { ref: ResourceRef; patch: unknown; fieldManager?: string }[] = [];
  private rv = 0;
  private uid = 0;
  private readonly subscribers = new Set<(ev: WatchEvent) => void>();
  watch?: ClusterClient['watch'];

  constructor(options: { watch?: boolean } = {}) {
    if (options.watch !== false) this.watch = this.doWatch.bind(this);
  }

  private emit(type: WatchEvent['type'], object: KubeObject): void {
    for (const s of this.subscribers) s({ type, object: structuredClone(object) });
  }

  /** Creates or replaces an object as a user would; spec changes bump the generation. */
  put(obj: KubeObject): KubeObject {
    const key = keyOf({ kind: obj.kind, ...obj.metadata });
    const old = this.objects.get(key);
    const next = structuredClone(obj);
    meta(next).resourceVersion = String(++this.rv);
    if (old) {
      meta(next).uid = old.metadata.uid;
      meta(next).generation =
        JSON.stringify(old.spec) === JSON.stringify(next.spec)
          ? old.metadata.generation
          : (old.metadata.generation ?? 1) + 1;
      next.status = old.status;
    } else {
      meta(next).uid = `uid-${++this.uid}`;
      meta(next).generation = 1;
    }
    this.objects.set(key, next);
    this.emit(old ? 'MODIFIED' : 'ADDED', next);
    return structuredClone(next);
  }

  async get(ref: ResourceRef): Promise<KubeObject | undefined> {
    const o = this.objects.get(keyOf(ref));
    return o && structuredClone(o);
  }

  async list(type: ResourceType, options: ListOptions = {}): Promise<KubeObject[]> {
    return [...this.objects.values()]
      .filter(
        (o) => o.kind === type.kind && (!options.namespace || o.metadata.namespace === options.namespace),
      )
      .map((o) => structuredClone(o));
  }

  async patch(ref: ResourceRef, patch: unknown, options: PatchOptions): Promise<KubeObject> {
    const key = keyOf(ref);
    const old = this.objects.get(key);
    if (!old) throw new CoreError('NotFound', `${ref.kind}/${ref.name} not found`);
    options.signal?.throwIfAborted();
    let next: KubeObject;
    if (options.subresource === 'status') {
      this.statusPatches.push({ ref, patch: structuredClone(patch), fieldManager: options.fieldManager });
      next = {
        ...structuredClone(old),
        status: mergePatch(old.status, (patch as { status?: unknown }).status),
      };
    } else {
      const p = structuredClone(patch) as { metadata?: { resourceVersion?: string } };
      if (
        p.metadata?.resourceVersion !== undefined &&
        p.metadata.resourceVersion !== old.metadata.resourceVersion
      ) {
        throw new CoreError('Conflict', `${ref.kind}/${ref.name}: conflict`);
      }
      if (p.metadata) delete p.metadata.resourceVersion;
      next = mergePatch(old, p) as KubeObject;
      next.status = old.status;
    }
    meta(next).resourceVersion = String(++this.rv);
    if (next.metadata.deletionTimestamp && (next.metadata.finalizers ?? []).length === 0) {
      this.objects.delete(key);
      this.emit('DELETED', next);
      return structuredClone(next);
    }
    this.objects.set(key, next);
    this.emit('MODIFIED', next);
    return structuredClone(next);
  }

  async delete(ref: ResourceRef): Promise<DeleteResult> {
    const key = keyOf(ref);
    const old = this.objects.get(key);
    if (!old) return { status: 'notFound' };
    if ((old.metadata.finalizers ?? []).length > 0) {
      const next = structuredClone(old);
      meta(next).deletionTimestamp = '2026-01-01T00:00:00Z';
      meta(next).resourceVersion = String(++this.rv);
      this.objects.set(key, next);
      this.emit('MODIFIED', next);
      return { status: 'terminating', object: structuredClone(next) };
    }
    this.objects.delete(key);
    this.emit('DELETED', old);
    return { status: 'deleted' };
  }

  private async *doWatch(
    type: ResourceType,
    options: { signal?: AbortSignal } = {},
  ): AsyncIterable<WatchEvent> {
    const pending: WatchEvent[] = [];
    let wake: (() => void) | undefined;
    const sub = (ev: WatchEvent) => {
      if (ev.object.kind !== type.kind) return;
      pending.push(ev);
      wake?.();
    };
    this.subscribers.add(sub);
    const onAbort = () => wake?.();
    options.signal?.addEventListener('abort', onAbort);
    try {
      for (const o of await this.list(type)) yield { type: 'ADDED', object: o };
      while (!options.signal?.aborted) {
        if (pending.length === 0) await new Promise<void>((r) => (wake = r));
        wake = undefined;
        while (pending.length > 0 && !options.signal?.aborted) yield pending.shift()!;
      }
    } finally {
      this.subscribers.delete(sub);
      options.signal?.removeEventListener('abort', onAbort);
    }
  }

  async create(): Promise<KubeObject> {
    throw new CoreError('InvalidArgument', 'fake: create not supported');
  }
  async update(): Promise<KubeObject> {
    throw new CoreError('InvalidArgument', 'fake: update not supported');
  }
  async updateStatus(): Promise<KubeObject> {
    throw new CoreError('InvalidArgument', 'fake: updateStatus not supported');
  }
  async apply(): Promise<KubeObject> {
    throw new CoreError('InvalidArgument', 'fake: apply not supported');
  }
  async applyStatus(): Promise<KubeObject> {
    throw new CoreError('InvalidArgument', 'fake: applyStatus not supported');
  }
  async resourceFor(): Promise<ApiResource | undefined> {
    return undefined;
  }
  async resources(): Promise<ApiResource[]> {
    return [];
  }
}
