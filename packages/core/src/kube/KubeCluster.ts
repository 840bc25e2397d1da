import { throwIfAborted } from '../clock/clock.js';
import type {
  ApiResource,
  ApplyOptions,
  ClusterClient,
  DeleteOptions,
  DeleteResult,
  ListOptions,
  PatchOptions,
  RequestOptions,
  ResourceRef,
  ResourceType,
  WatchEvent,
  WatchOptions,
  WriteOptions,
} from '../cluster/ClusterClient.js';
import { CoreError, formatObjectName } from '../errors/GitOpsKitError.js';
import { assertKubeObject, parseApiVersion } from '../object/gvk.js';
import type { KubeObject } from '../object/types.js';
import { type ErrorTarget, type KubeStatus, statusToError } from './statusError.js';
import { type KubeConfigLike, type Request, type Response, send, stream } from './transport.js';

/** Options of {@link KubeCluster} and {@link connectKubeCluster}. */
export interface KubeClusterOptions {
  /**
   * The user's `@kubernetes/client-node` `KubeConfig` (any object with `applyToHTTPSOptions` and
   * `getCurrentCluster`). Default: client-node's `loadFromDefault()` (`$KUBECONFIG`, `~/.kube/config`,
   * else the in-cluster service account).
   */
  kubeConfig?: KubeConfigLike;
  /** Field manager of writes that name none. Default `gitops-kit`. */
  defaultFieldManager?: string;
  /** Timeout of one request in milliseconds (watches excepted). Default 30000. */
  requestTimeoutMs?: number;
  signal?: AbortSignal;
}

/** Defaults of {@link KubeClusterOptions}. */
export const kubeClusterDefaults = { defaultFieldManager: 'gitops-kit', requestTimeoutMs: 30_000 } as const;

interface GroupVersionResources {
  byKind: Map<string, ApiResource>;
}

const DELETE_OPTIONS = { apiVersion: 'v1', kind: 'DeleteOptions' };

/**
 * Loads the default kubeconfig with `@kubernetes/client-node` (an optional peer dependency, loaded
 * only here) and returns a {@link KubeCluster} for it; with `options.kubeConfig`, uses that.
 *
 * @throws {CoreError} `InvalidArgument` when client-node is not installed or no kubeconfig is found.
 * @example
 * ```ts
 * import { connectKubeCluster } from '@gitops-kit/core/kube';
 * const cluster = await connectKubeCluster();
 * await cluster.apply(obj, { fieldManager: 'my-controller' });
 * ```
 */
export async function connectKubeCluster(options: KubeClusterOptions = {}): Promise<KubeCluster> {
  throwIfAborted(options.signal, 'connectKubeCluster');
  if (options.kubeConfig) return new KubeCluster(options.kubeConfig, options);
  let mod: { KubeConfig: new () => KubeConfigLike & { loadFromDefault(): void } };
  try {
    mod = (await import('@kubernetes/client-node')) as unknown as typeof mod;
  } catch (e) {
    throw new CoreError(
      'InvalidArgument',
      'connectKubeCluster: @kubernetes/client-node (1.x) is not installed',
      { cause: e },
    );
  }
  const kc = new mod.KubeConfig();
  kc.loadFromDefault();
  if (!kc.getCurrentCluster())
    throw new CoreError('InvalidArgument', 'connectKubeCluster: no cluster in the default kubeconfig');
  return new KubeCluster(kc, options);
}

/**
 * The {@link ClusterClient} for a real Kubernetes API server, through a kubeconfig: server-side
 * apply (`application/apply-patch+yaml` with `fieldManager` and `force`), merge and JSON patch,
 * the status subresource, watch (reconnecting from the last resourceVersion), discovery (cached per
 * group version, refreshed when a kind is missing, so CRD kinds appear once served). API `Status`
 * failures become `CoreError`s (`NotFound`, `AlreadyExists`, `Conflict`, `ApplyConflict` with
 * `data.conflicts`, `Invalid`, `NamespaceNotFound`, `Forbidden`, `Expired`, `Timeout`,
 * `ServerError`) whose messages name the object and never carry response bodies or credentials.
 *
 * It passes the same contract suite as `MemoryCluster` (`describeClusterClient`).
 *
 * @see https://kubernetes.io/docs/reference/using-api/server-side-apply/
 */
export class KubeCluster implements ClusterClient {
  private readonly defaultFieldManager: string;
  private readonly timeoutMs: number;
  private readonly gvCache = new Map<string, Promise<GroupVersionResources | undefined>>();

  /**
   * @param kubeConfig - the user's `KubeConfig` (from `@kubernetes/client-node` 1.x).
   */
  constructor(
    private readonly kubeConfig: KubeConfigLike,
    options: Omit<KubeClusterOptions, 'kubeConfig'> = {},
  ) {
    this.defaultFieldManager = options.defaultFieldManager ?? kubeClusterDefaults.defaultFieldManager;
    this.timeoutMs = options.requestTimeoutMs ?? kubeClusterDefaults.requestTimeoutMs;
  }

  // ---- discovery -------------------------------------------------------------------------------

  private async fetchGroupVersion(
    apiVersion: string,
    signal?: AbortSignal,
  ): Promise<GroupVersionResources | undefined> {
    const path = apiVersion.includes('/') ? `/apis/${apiVersion}` : `/api/${apiVersion}`;
    const r = await this.request(
      { method: 'GET', path, ...(signal ? { signal } : {}) },
      { kind: 'APIResourceList', name: apiVersion, verb: 'discovery' },
      [404, 503],
    );
    if (r.status !== 200) return undefined;
    const list = r.body as { resources?: { name: string; kind: string; namespaced: boolean }[] };
    const { group, version } = parseApiVersion(apiVersion);
    const byKind = new Map<string, ApiResource>();
    const subs = new Map<string, string[]>();
    for (const res of list.resources ?? []) {
      const [plural, sub] = res.name.split('/');
      if (sub) subs.set(plural!, [...(subs.get(plural!) ?? []), sub]);
    }
    for (const res of list.resources ?? []) {
      if (res.name.includes('/')) continue;
      byKind.set(res.kind, {
        group,
        version,
        kind: res.kind,
        plural: res.name,
        namespaced: res.namespaced,
        subresources: (subs.get(res.name) ?? []).sort(),
      });
    }
    return { byKind };
  }

  private groupVersion(
    apiVersion: string,
    refresh: boolean,
    signal?: AbortSignal,
  ): Promise<GroupVersionResources | undefined> {
    let p = this.gvCache.get(apiVersion);
    if (!p || refresh) {
      p = this.fetchGroupVersion(apiVersion, signal);
      this.gvCache.set(apiVersion, p);
      p.catch(() => this.gvCache.delete(apiVersion));
    }
    return p;
  }

  async resourceFor(type: ResourceType, options: RequestOptions = {}): Promise<ApiResource | undefined> {
    throwIfAborted(options.signal, 'resourceFor');
    parseApiVersion(type.apiVersion);
    const cached = await this.groupVersion(type.apiVersion, false, options.signal);
    const hit = cached?.byKind.get(type.kind);
    if (hit) return { ...hit, subresources: [...hit.subresources] };
    const fresh = await this.groupVersion(type.apiVersion, true, options.signal);
    const r = fresh?.byKind.get(type.kind);
    return r ? { ...r, subresources: [...r.subresources] } : undefined;
  }

  async resources(options: RequestOptions = {}): Promise<ApiResource[]> {
    throwIfAborted(options.signal, 'resources');
    const sig = options.signal ? { signal: options.signal } : {};
    const versions: string[] = [];
    const core = await this.request(
      { method: 'GET', path: '/api', ...sig },
      { kind: 'APIVersions', verb: 'discovery' },
    );
    versions.push(...((core.body as { versions?: string[] }).versions ?? []));
    const groups = await this.request(
      { method: 'GET', path: '/apis', ...sig },
      { kind: 'APIGroupList', verb: 'discovery' },
    );
    for (const g of (groups.body as { groups?: { versions: { groupVersion: string }[] }[] }).groups ?? []) {
      for (const v of g.versions) versions.push(v.groupVersion);
    }
    const out: ApiResource[] = [];
    for (const gv of versions) {
      const r = await this.groupVersion(gv, true, options.signal);
      for (const res of r?.byKind.values() ?? []) out.push({ ...res, subresources: [...res.subresources] });
    }
    return out;
  }

  // ---- paths -----------------------------------------------------------------------------------

  private async resolve(
    t: { apiVersion: string; kind: string },
    what: ErrorTarget,
    signal?: AbortSignal,
  ): Promise<ApiResource> {
    if (typeof t.apiVersion !== 'string' || !t.apiVersion || typeof t.kind !== 'string' || !t.kind) {
      throw new CoreError(
        'InvalidObject',
        `${formatObjectName(what)}: apiVersion and kind must be non-empty strings`,
      );
    }
    const r = await this.resourceFor(t, signal ? { signal } : {});
    if (!r) {
      throw new CoreError(
        'UnknownKind',
        `${t.kind}: the server could not find the requested resource (apiVersion ${t.apiVersion})`,
        {
          data: { kind: t.kind, apiVersion: t.apiVersion },
        },
      );
    }
    return r;
  }

  private collectionPath(res: ApiResource, apiVersion: string, namespace: string | undefined): string {
    const base = apiVersion.includes('/') ? `/apis/${apiVersion}` : `/api/${apiVersion}`;
    return res.namespaced && namespace
      ? `${base}/namespaces/${encodeURIComponent(namespace)}/${res.plural}`
      : `${base}/${res.plural}`;
  }

  private itemPath(
    res: ApiResource,
    apiVersion: string,
    namespace: string | undefined,
    name: string,
    sub?: string,
  ): string {
    return `${this.collectionPath(res, apiVersion, namespace)}/${encodeURIComponent(name)}${sub ? `/${sub}` : ''}`;
  }

  private needNamespace(res: ApiResource, o: { kind: string; namespace?: string; name?: string }): void {
    if (res.namespaced && !o.namespace) {
      throw new CoreError(
        'NamespaceNotFound',
        `${formatObjectName(o)}: namespace is required for namespaced kind ${o.kind}`,
        {
          data: { kind: o.kind, ...(o.name ? { name: o.name } : {}) },
        },
      );
    }
  }

  // ---- requests --------------------------------------------------------------------------------

  private async request(
    req: Omit<Request, 'timeoutMs'>,
    target: ErrorTarget,
    allow: number[] = [],
  ): Promise<Response> {
    const r = await send(this.kubeConfig, { ...req, timeoutMs: this.timeoutMs });
    if ((r.status >= 200 && r.status < 300) || allow.includes(r.status)) return r;
    throw statusToError(r.status, r.body as KubeStatus | undefined, target);
  }

  private typed(o: unknown, apiVersion: string, kind: string): KubeObject {
    const obj = o as KubeObject;
    obj.apiVersion = apiVersion;
    obj.kind = kind;
    return obj;
  }

  private validShape(object: unknown): KubeObject {
    const v = object as Partial<KubeObject> | undefined;
    const where =
      v && typeof v === 'object' && typeof v.kind === 'string' && v.metadata && typeof v.metadata === 'object'
        ? formatObjectName({
            kind: v.kind,
            namespace: v.metadata.namespace,
            name: v.metadata.name ?? v.metadata.generateName,
          })
        : 'object';
    return assertKubeObject(object, where);
  }

  private target(o: { kind: string; metadata?: KubeObject['metadata'] }, verb: string): ErrorTarget {
    const t: ErrorTarget = { kind: o.kind, verb };
    if (o.metadata?.namespace) t.namespace = o.metadata.namespace;
    if (o.metadata?.name) t.name = o.metadata.name;
    return t;
  }

  private refTarget(r: ResourceRef, verb: string): ErrorTarget {
    const t: ErrorTarget = { kind: r.kind, name: r.name, verb };
    if (r.namespace) t.namespace = r.namespace;
    return t;
  }

  // ---- ClusterClient ---------------------------------------------------------------------------

  async get(ref: ResourceRef, options: RequestOptions = {}): Promise<KubeObject | undefined> {
    throwIfAborted(options.signal, 'get');
    const t = this.refTarget(ref, 'get');
    const res = await this.resolve(ref, t, options.signal);
    const r = await this.request(
      { method: 'GET', path: this.itemPath(res, ref.apiVersion, ref.namespace, ref.name), ...sig(options) },
      t,
      [404],
    );
    if (r.status === 404) {
      // A missing object names itself in the Status details; a missing resource type does not.
      if ((r.body as KubeStatus | undefined)?.details?.name !== ref.name && !(await this.resourceFor(ref))) {
        await this.resolve(ref, t, options.signal);
      }
      return undefined;
    }
    return this.typed(r.body, ref.apiVersion, ref.kind);
  }

  async list(type: ResourceType, options: ListOptions = {}): Promise<KubeObject[]> {
    throwIfAborted(options.signal, 'list');
    const t: ErrorTarget = { kind: type.kind, verb: 'list' };
    if (options.namespace) t.namespace = options.namespace;
    const res = await this.resolve(type, t, options.signal);
    const out: KubeObject[] = [];
    let cont: string | undefined;
    do {
      const r = await this.request(
        {
          method: 'GET',
          path: this.collectionPath(res, type.apiVersion, options.namespace),
          query: {
            labelSelector: options.labelSelector || undefined,
            fieldSelector: options.fieldSelector || undefined,
            limit: '500',
            continue: cont,
          },
          ...sig(options),
        },
        t,
      );
      const body = r.body as { items?: unknown[]; metadata?: { continue?: string } };
      for (const item of body.items ?? []) out.push(this.typed(item, type.apiVersion, type.kind));
      cont = body.metadata?.continue || undefined;
    } while (cont);
    const key = (o: KubeObject) => `${o.metadata.namespace ?? ''}\u0000${o.metadata.name ?? ''}`;
    return out.sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
  }

  async create(object: KubeObject, options: WriteOptions = {}): Promise<KubeObject> {
    throwIfAborted(options.signal, 'create');
    const o = this.validShape(object);
    const t = this.target(o, 'create');
    const res = await this.resolve(o, t, options.signal);
    this.needNamespace(res, t);
    const r = await this.request(
      {
        method: 'POST',
        path: this.collectionPath(res, o.apiVersion, o.metadata.namespace),
        query: {
          fieldManager: options.fieldManager || this.defaultFieldManager,
          dryRun: options.dryRun ? 'All' : undefined,
        },
        body: o,
        ...sig(options),
      },
      t,
    );
    return this.typed(r.body, o.apiVersion, o.kind);
  }

  async update(object: KubeObject, options: WriteOptions = {}): Promise<KubeObject> {
    return this.put(object, options, undefined);
  }

  async updateStatus(object: KubeObject, options: WriteOptions = {}): Promise<KubeObject> {
    return this.put(object, options, 'status');
  }

  private async put(
    object: KubeObject,
    options: WriteOptions,
    sub: 'status' | undefined,
  ): Promise<KubeObject> {
    throwIfAborted(options.signal, 'update');
    const o = this.validShape(object);
    const t = this.target(o, sub ? 'updateStatus' : 'update');
    const res = await this.resolve(o, t, options.signal);
    this.needNamespace(res, t);
    const r = await this.request(
      {
        method: 'PUT',
        path: this.itemPath(res, o.apiVersion, o.metadata.namespace, o.metadata.name ?? '', sub),
        query: {
          fieldManager: options.fieldManager || this.defaultFieldManager,
          dryRun: options.dryRun ? 'All' : undefined,
        },
        body: o,
        ...sig(options),
      },
      t,
    );
    return this.typed(r.body, o.apiVersion, o.kind);
  }

  async patch(ref: ResourceRef, patch: unknown, options: PatchOptions): Promise<KubeObject> {
    throwIfAborted(options.signal, 'patch');
    const t = this.refTarget(ref, 'patch');
    const res = await this.resolve(ref, t, options.signal);
    this.needNamespace(res, t);
    let contentType: string;
    if (options.type === 'merge') {
      if (patch === null || typeof patch !== 'object' || Array.isArray(patch)) {
        throw new CoreError('InvalidArgument', `${formatObjectName(t)}: merge patch must be a JSON object`);
      }
      contentType = 'application/merge-patch+json';
    } else if (options.type === 'json') {
      if (!Array.isArray(patch))
        throw new CoreError(
          'InvalidArgument',
          `${formatObjectName(t)}: JSON patch must be a list of operations`,
        );
      contentType = 'application/json-patch+json';
    } else {
      throw new CoreError(
        'InvalidArgument',
        `${formatObjectName(t)}: unsupported patch type ${JSON.stringify(options.type)}`,
      );
    }
    const r = await this.request(
      {
        method: 'PATCH',
        path: this.itemPath(res, ref.apiVersion, ref.namespace, ref.name, options.subresource),
        query: {
          fieldManager: options.fieldManager || this.defaultFieldManager,
          dryRun: options.dryRun ? 'All' : undefined,
        },
        contentType,
        body: patch,
        ...sig(options),
      },
      t,
    );
    return this.typed(r.body, ref.apiVersion, ref.kind);
  }

  async apply(object: KubeObject, options: ApplyOptions): Promise<KubeObject> {
    return this.ssa(object, options, undefined);
  }

  async applyStatus(object: KubeObject, options: ApplyOptions): Promise<KubeObject> {
    return this.ssa(object, options, 'status');
  }

  private async ssa(
    object: KubeObject,
    options: ApplyOptions,
    sub: 'status' | undefined,
  ): Promise<KubeObject> {
    throwIfAborted(options?.signal, 'apply');
    const o = this.validShape(object);
    const t = this.target(o, sub ? 'applyStatus' : 'apply');
    if (!options?.fieldManager) {
      throw new CoreError('InvalidArgument', `${formatObjectName(t)}: fieldManager is required for apply`, {
        data: { kind: o.kind },
      });
    }
    if (!o.metadata.name) {
      throw new CoreError('InvalidObject', `${formatObjectName(t)}: metadata.name is required for apply`, {
        data: { kind: o.kind, fieldPath: 'metadata.name' },
      });
    }
    const res = await this.resolve(o, t, options.signal);
    this.needNamespace(res, t);
    const r = await this.request(
      {
        method: 'PATCH',
        path: this.itemPath(res, o.apiVersion, o.metadata.namespace, o.metadata.name, sub),
        query: {
          fieldManager: options.fieldManager,
          force: options.force ? 'true' : undefined,
          dryRun: options.dryRun ? 'All' : undefined,
        },
        contentType: 'application/apply-patch+yaml',
        body: o,
        ...sig(options),
      },
      t,
    );
    return this.typed(r.body, o.apiVersion, o.kind);
  }

  async delete(ref: ResourceRef, options: DeleteOptions = {}): Promise<DeleteResult> {
    throwIfAborted(options.signal, 'delete');
    const t = this.refTarget(ref, 'delete');
    const res = await this.resolve(ref, t, options.signal);
    const body: Record<string, unknown> = {
      ...DELETE_OPTIONS,
      propagationPolicy: options.propagationPolicy ?? 'Background',
    };
    if (options.dryRun) body.dryRun = ['All'];
    const r = await this.request(
      {
        method: 'DELETE',
        path: this.itemPath(res, ref.apiVersion, ref.namespace, ref.name),
        body,
        ...sig(options),
      },
      t,
      [404],
    );
    if (r.status === 404) return { status: 'notFound' };
    const b = r.body as KubeObject | KubeStatus | undefined;
    if (!b || (b as KubeStatus).kind === 'Status') return { status: 'deleted' };
    const obj = this.typed(b, ref.apiVersion, ref.kind);
    if (obj.metadata?.deletionTimestamp) return { status: 'terminating', object: obj };
    return { status: 'deleted' };
  }

  watch(type: ResourceType, options: WatchOptions = {}): AsyncIterable<WatchEvent> {
    const self = this;
    return {
      async *[Symbol.asyncIterator]() {
        throwIfAborted(options.signal, 'watch');
        const t: ErrorTarget = { kind: type.kind, verb: 'watch' };
        if (options.namespace) t.namespace = options.namespace;
        const res = await self.resolve(type, t, options.signal);
        let rv = options.resourceVersion || undefined;
        while (!options.signal?.aborted) {
          const query = {
            watch: '1',
            resourceVersion: rv,
            labelSelector: options.labelSelector || undefined,
            fieldSelector: options.fieldSelector || undefined,
            allowWatchBookmarks: 'false',
          };
          for await (const { status, line } of stream(
            self.kubeConfig,
            self.collectionPath(res, type.apiVersion, options.namespace),
            query,
            options.signal,
          )) {
            if (status !== 200) throw statusToError(status, line as KubeStatus, t);
            const e = line as { type?: string; object?: unknown };
            if (e.type === 'ERROR') {
              const st = e.object as KubeStatus;
              throw statusToError(st?.code ?? 500, st, t);
            }
            if (e.type !== 'ADDED' && e.type !== 'MODIFIED' && e.type !== 'DELETED') continue;
            const obj = self.typed(e.object, type.apiVersion, type.kind);
            rv = obj.metadata?.resourceVersion ?? rv;
            yield { type: e.type, object: obj };
          }
          // The server closed the stream (timeout): resume after the last event seen.
        }
      },
    };
  }
}

function sig(o: { signal?: AbortSignal }): { signal?: AbortSignal } {
  return o.signal ? { signal: o.signal } : {};
}
