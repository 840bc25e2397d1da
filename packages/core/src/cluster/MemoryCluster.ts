import { randomUUID } from 'node:crypto';
import { type Clock, formatTime, systemClock, throwIfAborted } from '../clock/clock.js';
import { CoreError, formatObjectName } from '../errors/GitOpsKitError.js';
import { assertKubeObject, parseApiVersion } from '../object/gvk.js';
import type { KubeObject } from '../object/types.js';
import type {
  ApiResource,
  ApplyOptions,
  ClusterClient,
  DeleteOptions,
  DeleteResult,
  ListOptions,
  PatchOptions,
  PropagationPolicy,
  RequestOptions,
  ResourceRef,
  ResourceType,
  WatchEvent,
  WatchOptions,
  WriteOptions,
} from './ClusterClient.js';
import { valuesEqual } from './apply/fieldSet.js';
import { pruneUnknown } from './apply/typed.js';
import { Discovery, type KindInfo, toApiResource } from './discovery.js';
import { validateAgainstSchema } from './crdValidation.js';
import { compileFieldSelector } from './fieldSelector.js';
import { FOREGROUND_FINALIZER, type GcObject, ORPHAN_FINALIZER, planGarbageCollection } from './gc.js';
import { matchLabelRequirements, parseLabelSelector } from './labelSelector.js';
import { BuiltinKinds } from './modernKinds.js';
import { trackApply, trackUpdate } from './managedFields.js';
import { applyJsonPatch, applyMergePatch } from './patch.js';
import { type PersistFs, nodePersistFs, readSnapshot, writeSnapshot } from './persist.js';
import { validateObjectMeta } from './validation.js';
import { validateImmutableFields } from './immutableFields.js';
import { WatchHub } from './watchHub.js';

/** Options of the {@link MemoryCluster} constructor. */
export interface MemoryClusterOptions {
  /** Time source for `creationTimestamp`, `deletionTimestamp` and `managedFields` times. Default `systemClock`. */
  clock?: Clock;
  /** Namespaces that exist from the start. Default `default`, `kube-system`, `kube-public`, `kube-node-lease`, as a new cluster has. */
  namespaces?: string[];
  /** Generates `metadata.uid`. Default `crypto.randomUUID`. */
  uid?: () => string;
  /** Field manager of writes that name none (`WriteOptions.fieldManager`). Default `gitops-kit`. */
  defaultFieldManager?: string;
  /** Watch events kept for resuming from a resourceVersion; older ones are `Expired`. Default 10000. */
  watchHistory?: number;
  /**
   * Built-in kinds served: `current` (default) serves Kubernetes v1.20's kinds plus the GA versions
   * added since that manifests use today (`autoscaling/v2` HorizontalPodAutoscaler, `batch/v1`
   * CronJob, `policy/v1` PodDisruptionBudget, `discovery.k8s.io/v1` EndpointSlice); `v1.20` serves
   * exactly what a v1.20 API server serves (the contract suite against the real v1.20 server uses it).
   */
  builtinKinds?: BuiltinKinds;
}

/** Defaults of {@link MemoryClusterOptions}. */
export const memoryClusterDefaults = {
  namespaces: ['default', 'kube-system', 'kube-public', 'kube-node-lease'],
  defaultFieldManager: 'gitops-kit',
  watchHistory: 10_000,
  builtinKinds: BuiltinKinds.Current,
} as const;

/** Options of {@link MemoryCluster.open}. */
export interface MemoryClusterOpenOptions extends MemoryClusterOptions {
  /** Directory holding the snapshot (`cluster.json`); created when missing. Every write is saved there. */
  dir: string;
  /** File operations (default `node:fs/promises`). */
  fs?: PersistFs;
  signal?: AbortSignal;
}

const NAMESPACE_FINALIZER = 'kubernetes';
const CRD_FINALIZER = 'customresourcecleanup.apiextensions.k8s.io';
const CRD_KEY = 'apiextensions.k8s.io/CustomResourceDefinition';
const NS_KEY = 'Namespace';
const GENERATE_CHARS = 'bcdfghjklmnpqrstvwxz2456789';

type Meta = KubeObject['metadata'];
type MutableMeta = { -readonly [K in keyof Meta]: Meta[K] };
const mut = (o: KubeObject): MutableMeta => o.metadata as MutableMeta;
type Op = 'update' | 'patch' | 'apply';

interface WriteContext {
  op: Op;
  manager: string;
  dryRun: boolean;
  subresource?: 'status';
  /** managedFields already computed (apply). */
  managedFields?: { value: unknown };
}

const clone = <T>(v: T): T => structuredClone(v);

function nameOf(o: { kind: string; metadata?: Meta } | ResourceRef): string {
  if ('metadata' in o && o.metadata) {
    return formatObjectName({
      kind: o.kind,
      namespace: o.metadata.namespace,
      name: o.metadata.name ?? o.metadata.generateName,
    });
  }
  const r = o as ResourceRef;
  return formatObjectName({ kind: r.kind, namespace: r.namespace, name: r.name });
}

function refData(o: { kind: string; namespace?: string; name?: string }): Record<string, unknown> {
  const d: Record<string, unknown> = { kind: o.kind };
  if (o.namespace) d.namespace = o.namespace;
  if (o.name) d.name = o.name;
  return d;
}

/**
 * An in-process Kubernetes API server: the embedded {@link ClusterClient} of GitOps Kit. It behaves
 * like kube-apiserver v1.20 wherever callers can observe it, and passes the same contract suite
 * (`describeClusterClient` in `@gitops-kit/core/testing`) as the client-node adapter against a real
 * server:
 * - cluster-wide monotonic `resourceVersion`, random `uid`, `creationTimestamp` from the injected clock;
 *   `generation` on the kinds that keep it, bumped only when the spec (for custom resources: anything
 *   but `metadata` and `status`) changes; writes that change nothing keep the resourceVersion;
 * - optimistic concurrency (`Conflict`), namespaces that must exist (`NamespaceNotFound`), the
 *   built-in kinds of v1.20 plus CRD-registered kinds (`UnknownKind` otherwise);
 * - finalizers and `deletionTimestamp`, namespace deletion (content first), owner-reference garbage
 *   collection with `Background`, `Foreground` and `Orphan` propagation (run synchronously after
 *   each write, where the real controllers take up to seconds);
 * - label and field selectors, watches with resume from a resourceVersion;
 * - CRDs: a created CRD is `Established` and its kinds served; status subresource semantics;
 * - server-side apply with `managedFields` per field manager (fieldsV1), conflicts, `force`,
 *   removal of fields a manager stopped applying, list-map merge keys of built-in types; merge and
 *   JSON patch; `dryRun`.
 *
 * Not modelled: defaulting of built-in fields (a real Deployment gains `strategy`, `revisionHistoryLimit`,
 * ...), admission, RBAC, controllers other than garbage collection, namespace and CRD handling,
 * conversion between versions of a kind, CRD schema validation beyond types and pruning.
 *
 * @example
 * ```ts
 * const cluster = new MemoryCluster({ clock: new FakeClock() });
 * await cluster.apply({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'a', namespace: 'default' }, data: { k: 'v' } },
 *   { fieldManager: 'my-controller' });
 * ```
 * @see https://kubernetes.io/docs/reference/using-api/api-concepts/
 */
export class MemoryCluster implements ClusterClient {
  private readonly clock: Clock;
  private readonly newUid: () => string;
  private readonly defaultFieldManager: string;
  private readonly discovery: Discovery;
  private readonly store = new Map<string, KubeObject>();
  private readonly hub: WatchHub;
  private rv = 0;
  private reconciling = false;
  private dir: string | undefined;
  private fs: PersistFs = nodePersistFs;
  private saving: Promise<void> = Promise.resolve();

  constructor(options: MemoryClusterOptions = {}) {
    this.clock = options.clock ?? systemClock;
    this.newUid = options.uid ?? randomUUID;
    this.defaultFieldManager = options.defaultFieldManager ?? memoryClusterDefaults.defaultFieldManager;
    this.hub = new WatchHub(options.watchHistory ?? memoryClusterDefaults.watchHistory);
    this.discovery = new Discovery(options.builtinKinds ?? memoryClusterDefaults.builtinKinds);
    for (const ns of options.namespaces ?? memoryClusterDefaults.namespaces) {
      this.createSync(
        { apiVersion: 'v1', kind: 'Namespace', metadata: { name: ns } },
        'kube-apiserver',
        false,
      );
    }
  }

  /**
   * Opens a cluster persisted in `options.dir` (created empty, with the default namespaces, when
   * there is no snapshot yet). Every later write is saved atomically before it returns.
   *
   * @throws {CoreError} `InvalidArgument` when the directory holds something that is not a snapshot.
   * @example
   * ```ts
   * const cluster = await MemoryCluster.open({ dir: '.gitops-kit/cluster' });
   * ```
   */
  static async open(options: MemoryClusterOpenOptions): Promise<MemoryCluster> {
    throwIfAborted(options.signal, 'MemoryCluster.open');
    const fs = options.fs ?? nodePersistFs;
    const snapshot = await readSnapshot(options.dir, fs);
    const c = new MemoryCluster(snapshot ? { ...options, namespaces: [] } : options);
    c.dir = options.dir;
    c.fs = fs;
    if (snapshot) {
      c.rv = snapshot.resourceVersion;
      for (const o of snapshot.objects) {
        const info = c.discovery.get(o.apiVersion, o.kind);
        if (!info && o.kind !== 'CustomResourceDefinition') continue;
        c.store.set(c.keyOf(o.apiVersion, o.kind, o.metadata.namespace, o.metadata.name ?? ''), o);
        if (o.kind === 'CustomResourceDefinition' && isEstablished(o)) {
          c.discovery.registerCrd(o.metadata.name ?? '', (o.spec ?? {}) as never);
        }
      }
    }
    await c.save(options.signal === undefined ? {} : { signal: options.signal });
    return c;
  }

  /** Writes the snapshot now (when opened with a directory; no-op otherwise). */
  async save(options: RequestOptions = {}): Promise<void> {
    throwIfAborted(options.signal, 'save');
    if (!this.dir) return;
    const dir = this.dir;
    const snapshot = {
      format: 'gitops-kit/memory-cluster/v1' as const,
      resourceVersion: this.rv,
      objects: [...this.store.values()].sort((a, b) => (keyOrder(a) < keyOrder(b) ? -1 : 1)),
    };
    const text = clone(snapshot);
    this.saving = this.saving.catch(() => {}).then(() => writeSnapshot(dir, text, this.fs));
    await this.saving;
  }

  /** The current (latest) resourceVersion of the whole cluster. */
  get resourceVersion(): string {
    return String(this.rv);
  }

  // ---- reads -----------------------------------------------------------------------------------

  async get(ref: ResourceRef, options: RequestOptions = {}): Promise<KubeObject | undefined> {
    throwIfAborted(options.signal, 'get');
    const info = this.kind(ref);
    const o = this.store.get(
      this.keyOf(ref.apiVersion, ref.kind, info.namespaced ? ref.namespace : undefined, ref.name),
    );
    return o ? this.view(o, ref.apiVersion) : undefined;
  }

  async list(type: ResourceType, options: ListOptions = {}): Promise<KubeObject[]> {
    throwIfAborted(options.signal, 'list');
    const info = this.kind(type);
    const filter = this.filter(info, options);
    const out: KubeObject[] = [];
    for (const o of this.objectsOf(info)) if (filter(o)) out.push(this.view(o, type.apiVersion));
    return out.sort((a, b) => (keyOrder(a) < keyOrder(b) ? -1 : keyOrder(a) > keyOrder(b) ? 1 : 0));
  }

  async resourceFor(type: ResourceType, options: RequestOptions = {}): Promise<ApiResource | undefined> {
    throwIfAborted(options.signal, 'resourceFor');
    const info = this.discovery.get(type.apiVersion, type.kind);
    return info ? toApiResource(info) : undefined;
  }

  async resources(options: RequestOptions = {}): Promise<ApiResource[]> {
    throwIfAborted(options.signal, 'resources');
    return this.discovery.all().map(toApiResource);
  }

  watch(type: ResourceType, options: WatchOptions = {}): AsyncIterable<WatchEvent> {
    // Errors (unknown kind, bad selector, expired resourceVersion) surface on the first `next()`.
    const self = this;
    return {
      [Symbol.asyncIterator]() {
        let inner: AsyncIterator<WatchEvent> | undefined;
        const start = () => {
          if (inner) return inner;
          throwIfAborted(options.signal, 'watch');
          const info = self.kind(type);
          const filter = self.filter(info, options);
          const rvOpt = options.resourceVersion;
          const resume = rvOpt !== undefined && rvOpt !== '' && rvOpt !== '0' ? Number(rvOpt) : undefined;
          if (resume !== undefined && !Number.isInteger(resume)) {
            throw new CoreError(
              'InvalidArgument',
              `watch ${type.kind}: invalid resourceVersion ${JSON.stringify(rvOpt)}`,
            );
          }
          const initial =
            resume === undefined
              ? [...self.objectsOf(info)].filter(filter).sort((a, b) => (keyOrder(a) < keyOrder(b) ? -1 : 1))
              : undefined;
          const view: (o: KubeObject) => boolean = filter;
          inner = self.hub
            .subscribe(
              gkOf(info),
              view,
              initial?.map((o) => self.view(o, type.apiVersion)),
              resume,
              self.rv,
              options.signal,
            )
            [Symbol.asyncIterator]();
          return inner;
        };
        return {
          async next() {
            const r = await start().next();
            if (!r.done && r.value.object.apiVersion !== type.apiVersion)
              r.value.object.apiVersion = type.apiVersion;
            return r;
          },
          async return() {
            return inner?.return ? inner.return() : { done: true, value: undefined };
          },
        };
      },
    };
  }

  // ---- writes ----------------------------------------------------------------------------------

  async create(object: KubeObject, options: WriteOptions = {}): Promise<KubeObject> {
    throwIfAborted(options.signal, 'create');
    const out = this.createSync(
      object,
      options.fieldManager || this.defaultFieldManager,
      options.dryRun === true,
    );
    await this.persist(options.dryRun);
    return out;
  }

  async update(object: KubeObject, options: WriteOptions = {}): Promise<KubeObject> {
    throwIfAborted(options.signal, 'update');
    const o = this.validShape(object);
    const info = this.kind(o);
    const live = this.mustGet(info, o);
    if (info.requireResourceVersion && !o.metadata.resourceVersion) {
      throw new CoreError(
        'Invalid',
        `${nameOf(o)}: metadata.resourceVersion: Invalid value: 0x0: must be specified for an update`,
        {
          data: {
            ...refData({ kind: o.kind, namespace: o.metadata.namespace, name: o.metadata.name }),
            fieldPath: 'metadata.resourceVersion',
          },
        },
      );
    }
    const out = this.writeExisting(info, live, o, {
      op: 'update',
      manager: options.fieldManager || this.defaultFieldManager,
      dryRun: options.dryRun === true,
    });
    await this.persist(options.dryRun);
    return out;
  }

  async updateStatus(object: KubeObject, options: WriteOptions = {}): Promise<KubeObject> {
    throwIfAborted(options.signal, 'updateStatus');
    const o = this.validShape(object);
    const info = this.kind(o);
    this.needStatus(info, o);
    const live = this.mustGet(info, o);
    const out = this.writeExisting(info, live, o, {
      op: 'update',
      manager: options.fieldManager || this.defaultFieldManager,
      dryRun: options.dryRun === true,
      subresource: 'status',
    });
    await this.persist(options.dryRun);
    return out;
  }

  async patch(ref: ResourceRef, patch: unknown, options: PatchOptions): Promise<KubeObject> {
    throwIfAborted(options.signal, 'patch');
    const info = this.kind(ref);
    if (options.subresource === 'status') this.needStatus(info, ref);
    const key = this.keyOf(ref.apiVersion, ref.kind, info.namespaced ? ref.namespace : undefined, ref.name);
    const live = this.store.get(key);
    if (!live) throw this.notFound(ref);
    const base = this.view(live, ref.apiVersion);
    let patched: unknown;
    if (options.type === 'merge') {
      if (patch === null || typeof patch !== 'object' || Array.isArray(patch)) {
        throw new CoreError('InvalidArgument', `${nameOf(ref)}: merge patch must be a JSON object`, {
          data: refData(ref),
        });
      }
      patched = applyMergePatch(base, patch);
    } else if (options.type === 'json') {
      patched = applyJsonPatch(base, patch, nameOf(ref));
    } else {
      throw new CoreError(
        'InvalidArgument',
        `${nameOf(ref)}: unsupported patch type ${JSON.stringify(options.type)}`,
      );
    }
    const o = this.validShape(patched);
    if (o.metadata.name !== ref.name || o.kind !== ref.kind || o.apiVersion !== ref.apiVersion) {
      throw new CoreError(
        'Invalid',
        `${nameOf(ref)}: a patch may not change apiVersion, kind or metadata.name`,
        {
          data: refData(ref),
        },
      );
    }
    if (info.namespaced) o.metadata.namespace = ref.namespace;
    const out = this.writeExisting(info, live, o, {
      op: 'patch',
      manager: options.fieldManager || this.defaultFieldManager,
      dryRun: options.dryRun === true,
      ...(options.subresource ? { subresource: options.subresource } : {}),
    });
    await this.persist(options.dryRun);
    return out;
  }

  async apply(object: KubeObject, options: ApplyOptions): Promise<KubeObject> {
    throwIfAborted(options.signal, 'apply');
    const out = this.applySync(object, options, undefined);
    await this.persist(options.dryRun);
    return out;
  }

  async applyStatus(object: KubeObject, options: ApplyOptions): Promise<KubeObject> {
    throwIfAborted(options.signal, 'applyStatus');
    const out = this.applySync(object, options, 'status');
    await this.persist(options.dryRun);
    return out;
  }

  async delete(ref: ResourceRef, options: DeleteOptions = {}): Promise<DeleteResult> {
    throwIfAborted(options.signal, 'delete');
    const info = this.kind(ref);
    const key = this.keyOf(ref.apiVersion, ref.kind, info.namespaced ? ref.namespace : undefined, ref.name);
    const r = this.deleteKey(key, options.propagationPolicy ?? 'Background', options.dryRun === true);
    if (r.status !== 'notFound') await this.persist(options.dryRun);
    if (r.status === 'terminating') r.object = this.view(r.object, ref.apiVersion);
    return r;
  }

  // ---- internals: kinds, keys, views -----------------------------------------------------------

  private kind(t: { apiVersion: string; kind: string }): KindInfo {
    if (typeof t.apiVersion !== 'string' || typeof t.kind !== 'string' || !t.apiVersion || !t.kind) {
      throw new CoreError('InvalidObject', `${t.kind || '?'}: apiVersion and kind must be non-empty strings`);
    }
    parseApiVersion(t.apiVersion);
    const info = this.discovery.get(t.apiVersion, t.kind);
    if (!info) {
      throw new CoreError(
        'UnknownKind',
        `${t.kind}: the server could not find the requested resource (apiVersion ${t.apiVersion})`,
        {
          data: { kind: t.kind, apiVersion: t.apiVersion },
        },
      );
    }
    return info;
  }

  private keyOf(apiVersion: string, kind: string, namespace: string | undefined, name: string): string {
    return `${parseApiVersion(apiVersion).group}/${kind}/${namespace ?? ''}/${name}`;
  }

  private keyOfObject(o: KubeObject): string {
    return this.keyOf(o.apiVersion, o.kind, o.metadata.namespace, o.metadata.name ?? '');
  }

  private *objectsOf(info: KindInfo): Iterable<KubeObject> {
    const prefix = `${info.group}/${info.kind}/`;
    for (const [k, o] of this.store) if (k.startsWith(prefix)) yield o;
  }

  private view(o: KubeObject, apiVersion: string): KubeObject {
    const v = clone(o);
    v.apiVersion = apiVersion;
    return v;
  }

  private filter(info: KindInfo, options: ListOptions): (o: KubeObject) => boolean {
    const labels = parseLabelSelector(options.labelSelector ?? '');
    const fields = compileFieldSelector(options.fieldSelector ?? '', info.apiVersion, info.kind);
    const ns = info.namespaced ? options.namespace : undefined;
    return (o) =>
      (ns === undefined || ns === '' || o.metadata.namespace === ns) &&
      matchLabelRequirements(labels, o.metadata.labels) &&
      fields(o);
  }

  private validShape(value: unknown): KubeObject {
    const v = value as Partial<KubeObject> | undefined;
    const where =
      v && typeof v === 'object' && typeof v.kind === 'string' && v.metadata && typeof v.metadata === 'object'
        ? nameOf(v as KubeObject)
        : 'object';
    return clone(assertKubeObject(value, where));
  }

  private mustGet(info: KindInfo, o: KubeObject): KubeObject {
    const live = this.store.get(
      this.keyOf(
        o.apiVersion,
        o.kind,
        info.namespaced ? o.metadata.namespace : undefined,
        o.metadata.name ?? '',
      ),
    );
    if (!live)
      throw this.notFound({
        apiVersion: o.apiVersion,
        kind: o.kind,
        name: o.metadata.name ?? '',
        ...(o.metadata.namespace ? { namespace: o.metadata.namespace } : {}),
      });
    return live;
  }

  private notFound(ref: ResourceRef): CoreError {
    return new CoreError('NotFound', `${nameOf(ref)}: not found`, { data: refData(ref) });
  }

  private needStatus(info: KindInfo, ref: { kind: string }): void {
    if (!info.statusSubresource) {
      throw new CoreError('NotFound', `${ref.kind}: the kind has no status subresource`, {
        data: { kind: ref.kind },
      });
    }
  }

  /** Checks the namespace of a namespaced object exists and is not terminating; clears it for cluster-scoped kinds. */
  private checkNamespace(info: KindInfo, o: KubeObject): void {
    if (!info.namespaced) {
      delete o.metadata.namespace;
      return;
    }
    const ns = o.metadata.namespace;
    if (!ns) {
      throw new CoreError(
        'NamespaceNotFound',
        `${nameOf(o)}: namespace is required for namespaced kind ${o.kind}`,
        {
          data: refData({ kind: o.kind, name: o.metadata.name }),
        },
      );
    }
    const nsObj = this.store.get(`/${NS_KEY}//${ns}`);
    if (!nsObj) {
      throw new CoreError('NamespaceNotFound', `${nameOf(o)}: namespace "${ns}" not found`, {
        data: refData({ kind: o.kind, namespace: ns, name: o.metadata.name }),
      });
    }
    if (nsObj.metadata.deletionTimestamp) {
      throw new CoreError(
        'Forbidden',
        `${nameOf(o)}: unable to create new content in namespace ${ns} because it is being terminated`,
        {
          data: refData({ kind: o.kind, namespace: ns, name: o.metadata.name }),
        },
      );
    }
  }

  private now(): string {
    return formatTime(this.clock.now());
  }

  private async persist(dryRun: boolean | undefined): Promise<void> {
    if (!dryRun && this.dir) await this.save();
  }

  // ---- internals: create -----------------------------------------------------------------------

  private createSync(
    object: KubeObject,
    manager: string,
    dryRun: boolean,
    applied?: { managedFields: unknown },
  ): KubeObject {
    const o = this.validShape(object);
    const info = this.kind(o);
    const m = o.metadata;
    if (!m.name && m.generateName) {
      let suffix = '';
      for (let i = 0; i < 5; i++) suffix += GENERATE_CHARS[Math.floor(Math.random() * GENERATE_CHARS.length)];
      m.name = `${m.generateName}${suffix}`;
    }
    this.checkNamespace(info, o);
    validateObjectMeta(o, gkOf(info));
    const key = this.keyOfObject(o);
    if (this.store.has(key)) {
      throw new CoreError('AlreadyExists', `${nameOf(o)}: already exists`, {
        data: refData({ kind: o.kind, namespace: m.namespace, name: m.name }),
      });
    }
    if (m.resourceVersion) {
      throw new CoreError(
        'Invalid',
        `${nameOf(o)}: resourceVersion should not be set on objects to be created`,
        {
          data: {
            ...refData({ kind: o.kind, namespace: m.namespace, name: m.name }),
            fieldPath: 'metadata.resourceVersion',
          },
        },
      );
    }
    let obj = applied ? o : (pruneUnknown(o, info.type) as KubeObject);
    if (obj.kind === 'Namespace' && gkOf(info) === NS_KEY) {
      obj.status = { ...(obj.status as object | undefined), phase: 'Active' };
    }
    const managedFields = applied
      ? applied.managedFields
      : trackUpdate({ live: undefined, next: obj, type: info.type, manager, now: this.now() });
    obj = clone(obj);
    const meta = mut(obj);
    meta.uid = this.newUid();
    meta.creationTimestamp = this.now();
    delete meta.deletionTimestamp;
    delete meta.deletionGracePeriodSeconds;
    delete meta.selfLink;
    if (info.generation) meta.generation = 1;
    else delete meta.generation;
    if (managedFields) meta.managedFields = managedFields as Meta['managedFields'];
    else delete meta.managedFields;
    if (info.statusSubresource) {
      if (info.crd) delete obj.status;
      else if (gkOf(info) === NS_KEY) obj.status = { phase: 'Active' };
      else obj.status = {};
    }
    if (gkOf(info) === NS_KEY) {
      obj.spec = { ...(obj.spec as object | undefined), finalizers: [NAMESPACE_FINALIZER] };
    }
    if (gkOf(info) === CRD_KEY) this.validateCrd(obj);
    this.validateCustomResource(info, obj);
    if (dryRun) return this.view(obj, object.apiVersion);
    this.commit(key, obj, 'ADDED', undefined);
    const out = this.view(obj, object.apiVersion);
    this.reconcile();
    return out;
  }

  // ---- internals: apply ------------------------------------------------------------------------

  private applySync(
    object: KubeObject,
    options: ApplyOptions,
    subresource: 'status' | undefined,
  ): KubeObject {
    if (!options?.fieldManager) {
      throw new CoreError('InvalidArgument', `${nameOf(object)}: fieldManager is required for apply`, {
        data: refData({
          kind: object?.kind,
          namespace: object?.metadata?.namespace,
          name: object?.metadata?.name,
        }),
      });
    }
    const o = this.validShape(object);
    const info = this.kind(o);
    if (subresource) this.needStatus(info, o);
    if (!o.metadata.name) {
      throw new CoreError('InvalidObject', `${nameOf(o)}: metadata.name is required for apply`, {
        data: { kind: o.kind, fieldPath: 'metadata.name' },
      });
    }
    if (o.metadata.managedFields !== undefined) {
      throw new CoreError('Invalid', `${nameOf(o)}: metadata.managedFields must be nil`, {
        data: {
          ...refData({ kind: o.kind, namespace: o.metadata.namespace, name: o.metadata.name }),
          fieldPath: 'metadata.managedFields',
        },
      });
    }
    if (!info.namespaced) delete o.metadata.namespace;
    else if (!o.metadata.namespace) this.checkNamespace(info, o);
    const key = this.keyOfObject(o);
    const live = this.store.get(key);
    const force = options.force === true;
    const dryRun = options.dryRun === true;
    if (!live) {
      if (subresource) throw this.notFound(refOfObject(o));
      this.checkNamespace(info, o);
      const r = trackApply({
        live: undefined,
        config: o,
        type: info.type,
        manager: options.fieldManager,
        force,
        now: this.now(),
      });
      const created = (r.object ?? o) as KubeObject;
      return this.createSync(created, options.fieldManager, dryRun, { managedFields: r.managedFields });
    }
    const r = trackApply({
      live: this.view(live, o.apiVersion),
      config: o,
      type: info.type,
      manager: options.fieldManager,
      force,
      now: this.now(),
    });
    const candidate = (r.object ? clone(r.object) : this.view(live, o.apiVersion)) as KubeObject;
    return this.writeExisting(info, live, candidate, {
      op: 'apply',
      manager: options.fieldManager,
      dryRun,
      managedFields: { value: r.managedFields },
      ...(subresource ? { subresource } : {}),
    });
  }

  // ---- internals: update -----------------------------------------------------------------------

  private writeExisting(
    info: KindInfo,
    live: KubeObject,
    candidate: KubeObject,
    ctx: WriteContext,
  ): KubeObject {
    const lm = live.metadata;
    const cm = candidate.metadata;
    const what = nameOf(live);
    if (cm.uid && cm.uid !== lm.uid) {
      throw new CoreError(
        'Conflict',
        `${what}: Precondition failed: UID in precondition: ${cm.uid}, UID in object meta: ${lm.uid}`,
        {
          data: refData({ kind: live.kind, namespace: lm.namespace, name: lm.name }),
        },
      );
    }
    if (cm.resourceVersion && cm.resourceVersion !== lm.resourceVersion) {
      throw new CoreError(
        'Conflict',
        `${what}: Operation cannot be fulfilled: the object has been modified; please apply your changes to the latest version and try again`,
        {
          data: {
            ...refData({ kind: live.kind, namespace: lm.namespace, name: lm.name }),
            resourceVersion: lm.resourceVersion,
          },
        },
      );
    }
    let req = candidate;
    if (ctx.op !== 'apply') req = pruneUnknown(candidate, info.type) as KubeObject;
    if (ctx.subresource !== 'status')
      validateObjectMeta({ ...req, metadata: { ...req.metadata, name: lm.name } }, gkOf(info));
    const managedFields = ctx.managedFields
      ? ctx.managedFields.value
      : trackUpdate({
          live: this.view(live, req.apiVersion),
          next: req,
          type: info.type,
          manager: ctx.manager,
          now: this.now(),
        });

    let next: KubeObject;
    if (ctx.subresource === 'status') {
      next = this.view(live, req.apiVersion);
      if (req.status === undefined) delete next.status;
      else next.status = clone(req.status);
    } else {
      next = clone(req);
      if (info.statusSubresource) {
        if (live.status === undefined) delete next.status;
        else next.status = clone(live.status);
      }
      if (gkOf(info) === NS_KEY) next.spec = clone(live.spec);
    }
    const nm = mut(next);
    nm.name = lm.name;
    if (lm.namespace) nm.namespace = lm.namespace;
    else delete nm.namespace;
    nm.uid = lm.uid;
    nm.creationTimestamp = lm.creationTimestamp;
    nm.resourceVersion = lm.resourceVersion;
    for (const f of ['deletionTimestamp', 'deletionGracePeriodSeconds', 'generation'] as const) {
      if (lm[f] === undefined) delete nm[f];
      else (nm as Record<string, unknown>)[f] = lm[f];
    }
    delete nm.selfLink;
    if (managedFields) nm.managedFields = managedFields as Meta['managedFields'];
    else delete nm.managedFields;
    if (lm.deletionTimestamp) {
      const added = (nm.finalizers ?? []).filter((f) => !(lm.finalizers ?? []).includes(f));
      if (added.length > 0) {
        throw new CoreError(
          'Invalid',
          `${what}: metadata.finalizers: Forbidden: no new finalizers can be added if the object is being deleted, found new finalizers ${JSON.stringify(added)}`,
          {
            data: {
              ...refData({ kind: live.kind, namespace: lm.namespace, name: lm.name }),
              fieldPath: 'metadata.finalizers',
            },
          },
        );
      }
    }
    if (nm.finalizers && nm.finalizers.length === 0) delete nm.finalizers;
    if (info.generation && ctx.subresource !== 'status' && specChanged(info, live, next))
      nm.generation = (lm.generation ?? 0) + 1;
    if (gkOf(info) === CRD_KEY) this.validateCrd(next);
    this.validateCustomResource(info, next);
    if (ctx.subresource !== 'status') validateImmutableFields(gkOf(info), live, next);

    if (valuesEqual(stripVolatile(next), stripVolatile(live))) return this.view(live, req.apiVersion);
    if (ctx.dryRun) return this.view(next, req.apiVersion);
    const key = this.keyOfObject(live);
    if (
      lm.deletionTimestamp &&
      !nm.finalizers?.length &&
      !(gkOf(info) === NS_KEY && namespaceFinalizers(next).length > 0)
    ) {
      this.remove(key, next);
      this.reconcile();
      return this.view(next, req.apiVersion);
    }
    this.commit(key, next, 'MODIFIED', live);
    const out = this.view(next, req.apiVersion);
    this.reconcile();
    return out;
  }

  // ---- internals: delete -----------------------------------------------------------------------

  private deleteKey(key: string, policy: PropagationPolicy, dryRun: boolean): DeleteResult {
    const live = this.store.get(key);
    if (!live) return { status: 'notFound' };
    const info = this.discovery.get(live.apiVersion, live.kind);
    const lm = live.metadata;
    if (lm.deletionTimestamp) return { status: 'terminating', object: clone(live) };
    const finalizers = [...(lm.finalizers ?? [])];
    if (policy === 'Foreground' && !finalizers.includes(FOREGROUND_FINALIZER))
      finalizers.push(FOREGROUND_FINALIZER);
    if (policy === 'Orphan' && !finalizers.includes(ORPHAN_FINALIZER)) finalizers.push(ORPHAN_FINALIZER);
    const gk = info ? gkOf(info) : '';
    if (gk === CRD_KEY && !finalizers.includes(CRD_FINALIZER)) finalizers.push(CRD_FINALIZER);
    const graceful = finalizers.length > 0 || (gk === NS_KEY && namespaceFinalizers(live).length > 0);
    if (!graceful) {
      if (!dryRun) {
        this.remove(key, live);
        this.reconcile();
      }
      return { status: 'deleted' };
    }
    const next = clone(live);
    mut(next).deletionTimestamp = this.now();
    mut(next).deletionGracePeriodSeconds = 0;
    if (finalizers.length > 0) next.metadata.finalizers = finalizers;
    if ((lm.generation ?? 0) > 0) mut(next).generation = (lm.generation ?? 0) + 1;
    if (gk === NS_KEY) next.status = { ...(next.status as object | undefined), phase: 'Terminating' };
    if (dryRun) return { status: 'terminating', object: next };
    this.commit(key, next, 'MODIFIED', live);
    const out = clone(this.store.get(key)!);
    this.reconcile();
    return { status: 'terminating', object: out };
  }

  // ---- internals: storage and events -----------------------------------------------------------

  private commit(
    key: string,
    obj: KubeObject,
    type: 'ADDED' | 'MODIFIED',
    old: KubeObject | undefined,
  ): void {
    this.rv++;
    mut(obj).resourceVersion = String(this.rv);
    this.store.set(key, obj);
    const e = { gk: gkOfObject(obj), rv: this.rv, type, object: clone(obj) } as const;
    this.hub.publish(old ? { ...e, old: clone(old) } : e);
  }

  private remove(key: string, last: KubeObject): void {
    const old = this.store.get(key);
    this.store.delete(key);
    this.rv++;
    const obj = clone(last);
    mut(obj).resourceVersion = String(this.rv);
    this.hub.publish(
      old
        ? { gk: gkOfObject(obj), rv: this.rv, type: 'DELETED', object: obj, old: clone(old) }
        : { gk: gkOfObject(obj), rv: this.rv, type: 'DELETED', object: obj },
    );
  }

  // ---- internals: controllers (CRDs, namespaces, garbage collection) ---------------------------

  /** Runs the built-in controllers until nothing changes. */
  private reconcile(): void {
    if (this.reconciling) return;
    this.reconciling = true;
    try {
      for (let i = 0; i < 10_000; i++) if (!this.reconcileOnce()) return;
      throw new CoreError('ServerError', 'MemoryCluster: controllers did not settle');
    } finally {
      this.reconciling = false;
    }
  }

  private reconcileOnce(): boolean {
    // CustomResourceDefinitions: establish new ones, clean up deleted ones.
    for (const [key, crd] of this.store) {
      if (!key.startsWith('apiextensions.k8s.io/CustomResourceDefinition/')) continue;
      if (crd.metadata.deletionTimestamp) {
        const kinds = this.discovery.all().filter((k) => k.crd === crd.metadata.name);
        let remaining = 0;
        for (const k of kinds) {
          for (const o of [...this.objectsOf(k)]) {
            remaining++;
            if (!o.metadata.deletionTimestamp) {
              this.deleteKey(this.keyOfObject(o), 'Background', false);
              return true;
            }
          }
        }
        if (remaining === 0 && crd.metadata.finalizers?.includes(CRD_FINALIZER)) {
          this.discovery.unregisterCrd(crd.metadata.name ?? '');
          this.controllerUpdate(key, (o) => {
            o.metadata.finalizers = (o.metadata.finalizers ?? []).filter((f) => f !== CRD_FINALIZER);
          });
          return true;
        }
        continue;
      }
      if (!isEstablished(crd)) {
        this.discovery.registerCrd(crd.metadata.name ?? '', (crd.spec ?? {}) as never);
        this.controllerUpdate(
          key,
          (o) => {
            const spec = (o.spec ?? {}) as {
              names?: Record<string, unknown>;
              versions?: { name: string; storage?: boolean }[];
            };
            const t = this.now();
            o.status = {
              conditions: [
                {
                  type: 'NamesAccepted',
                  status: 'True',
                  reason: 'NoConflicts',
                  message: 'no conflicts found',
                  lastTransitionTime: t,
                },
                {
                  type: 'Established',
                  status: 'True',
                  reason: 'InitialNamesAccepted',
                  message: 'the initial names have been accepted',
                  lastTransitionTime: t,
                },
              ],
              acceptedNames: clone(spec.names ?? {}),
              storedVersions: (spec.versions ?? []).filter((v) => v.storage).map((v) => v.name),
            };
          },
          'status',
        );
        return true;
      }
    }
    // Namespaces: delete the content of terminating namespaces, then finalize them.
    for (const [key, ns] of this.store) {
      if (!key.startsWith(`/${NS_KEY}//`) || !ns.metadata.deletionTimestamp) continue;
      const name = ns.metadata.name;
      let remaining = 0;
      for (const [k, o] of this.store) {
        if (o.metadata.namespace !== name || k.startsWith(`/${NS_KEY}/`)) continue;
        remaining++;
        if (!o.metadata.deletionTimestamp) {
          this.deleteKey(k, 'Background', false);
          return true;
        }
      }
      if (remaining === 0 && namespaceFinalizers(ns).includes(NAMESPACE_FINALIZER)) {
        this.finalizeNamespace(key, ns);
        return true;
      }
    }
    // Garbage collection.
    const objects: GcObject[] = [];
    for (const [key, object] of this.store) {
      const info = this.discovery.get(object.apiVersion, object.kind);
      objects.push({ key, object, namespaced: info?.namespaced ?? object.metadata.namespace !== undefined });
    }
    const actions = planGarbageCollection(objects);
    for (const a of actions) {
      if (!this.store.has(a.key)) continue;
      if (a.type === 'delete') this.deleteKey(a.key, a.policy, false);
      else if (a.type === 'removeOwnerReferences') {
        this.controllerUpdate(a.key, (o) => {
          const refs = (o.metadata.ownerReferences ?? []).filter((r) => !a.uids.includes(r.uid));
          if (refs.length > 0) o.metadata.ownerReferences = refs;
          else delete o.metadata.ownerReferences;
        });
      } else {
        this.controllerUpdate(a.key, (o) => {
          o.metadata.finalizers = (o.metadata.finalizers ?? []).filter((f) => f !== a.finalizer);
        });
      }
    }
    return actions.length > 0;
  }

  /** A write by a built-in controller (no preconditions, manager `kube-controller-manager`). */
  private controllerUpdate(key: string, mutate: (o: KubeObject) => void, subresource?: 'status'): void {
    const live = this.store.get(key);
    if (!live) return;
    const info = this.discovery.get(live.apiVersion, live.kind);
    if (!info) return;
    const next = clone(live);
    mutate(next);
    delete mut(next).resourceVersion;
    this.writeExisting(info, live, next, {
      op: 'update',
      manager: subresource ? 'kube-apiserver' : 'kube-controller-manager',
      dryRun: false,
      ...(subresource ? { subresource } : {}),
    });
  }

  /** The namespace controller's `finalize` call: drops `spec.finalizers: [kubernetes]`, then the namespace goes. */
  private finalizeNamespace(key: string, ns: KubeObject): void {
    const next = clone(ns);
    next.spec = {
      ...(next.spec as object),
      finalizers: namespaceFinalizers(ns).filter((f) => f !== NAMESPACE_FINALIZER),
    };
    if (namespaceFinalizers(next).length === 0 && !next.metadata.finalizers?.length) this.remove(key, next);
    else this.commit(key, next, 'MODIFIED', ns);
  }

  /** Checks a custom resource against its CRD version's schema. @throws {CoreError} `Invalid` */
  private validateCustomResource(info: KindInfo, obj: KubeObject): void {
    if (!info.crd) return;
    const problems = validateAgainstSchema(obj as unknown as Record<string, unknown>, info.schema);
    if (problems.length === 0) return;
    throw new CoreError(
      'Invalid',
      `${nameOf(obj)}: ${problems.map((p) => `${p.field}: ${p.message}`).join(', ')}`,
      {
        data: {
          ...refData({ kind: obj.kind, namespace: obj.metadata.namespace, name: obj.metadata.name }),
          fieldPath: problems[0]!.field,
        },
      },
    );
  }

  private validateCrd(obj: KubeObject): void {
    const spec = (obj.spec ?? {}) as {
      group?: string;
      scope?: string;
      names?: { plural?: string; kind?: string };
      versions?: { name?: string; served?: boolean; storage?: boolean }[];
    };
    const problems: string[] = [];
    if (!spec.group) problems.push('spec.group: Required value');
    if (!spec.names?.plural) problems.push('spec.names.plural: Required value');
    if (!spec.names?.kind) problems.push('spec.names.kind: Required value');
    if (spec.scope !== 'Namespaced' && spec.scope !== 'Cluster')
      problems.push('spec.scope: Unsupported value: must be Namespaced or Cluster');
    const versions = spec.versions ?? [];
    if (versions.length === 0)
      problems.push('spec.versions: Invalid value: must have exactly one version marked as storage version');
    else if (versions.filter((v) => v.storage).length !== 1)
      problems.push('spec.versions: Invalid value: must have exactly one version marked as storage version');
    if (spec.group && spec.names?.plural && obj.metadata.name !== `${spec.names.plural}.${spec.group}`) {
      problems.push(
        `metadata.name: Invalid value: "${obj.metadata.name}": must be spec.names.plural+"."+spec.group`,
      );
    }
    if (problems.length > 0) {
      throw new CoreError('Invalid', `${nameOf(obj)}: ${problems.join(', ')}`, {
        data: { kind: obj.kind, name: obj.metadata.name, fieldPath: problems[0]!.split(':')[0] },
      });
    }
  }
}

function gkOf(info: { group: string; kind: string }): string {
  return info.group ? `${info.group}/${info.kind}` : info.kind;
}

function gkOfObject(o: KubeObject): string {
  const g = o.apiVersion.includes('/') ? o.apiVersion.split('/')[0]! : '';
  return g ? `${g}/${o.kind}` : o.kind;
}

function keyOrder(o: KubeObject): string {
  return `${o.metadata.namespace ?? ''}\u0000${o.metadata.name ?? ''}`;
}

function refOfObject(o: KubeObject): ResourceRef {
  const r: ResourceRef = { apiVersion: o.apiVersion, kind: o.kind, name: o.metadata.name ?? '' };
  if (o.metadata.namespace) r.namespace = o.metadata.namespace;
  return r;
}

function namespaceFinalizers(ns: KubeObject): string[] {
  return ((ns.spec as { finalizers?: string[] } | undefined)?.finalizers ?? []).slice();
}

function isEstablished(crd: KubeObject): boolean {
  const conds =
    (crd.status as { conditions?: { type: string; status: string }[] } | undefined)?.conditions ?? [];
  return conds.some((c) => c.type === 'Established' && c.status === 'True');
}

/** The object without fields a no-op write may differ in (resourceVersion). */
function stripVolatile(o: KubeObject): unknown {
  const { resourceVersion: _, ...metadata } = o.metadata;
  return { ...o, apiVersion: '', metadata };
}

/** Whether a write changes what bumps `metadata.generation` for the kind. */
function specChanged(info: KindInfo, live: KubeObject, next: KubeObject): boolean {
  if (info.crd) {
    const { metadata: _a, apiVersion: _b, ...l } = live;
    const { metadata: _c, apiVersion: _d, ...n } = next;
    return !valuesEqual(l, n);
  }
  if (
    gkOf(info) === 'apps/Deployment' &&
    !valuesEqual(live.metadata.annotations ?? {}, next.metadata.annotations ?? {})
  )
    return true;
  return !valuesEqual(live.spec, next.spec);
}
