/**
 * The kinds a cluster serves: the built-in kinds of Kubernetes v1.20 (generated from that server's
 * discovery and OpenAPI documents), by default with the GA versions added since
 * (`modernKinds.ts`), plus the kinds registered by CustomResourceDefinitions, with what
 * the API server's per-kind strategy does that callers can observe (namespaced or not, status
 * subresource, whether `metadata.generation` is kept, whether updates need a resourceVersion).
 */
import type { ApiResource } from './ClusterClient.js';
import { type TypeRef, builtinKindType, crdType, untypedDeduced } from './apply/schema.js';
import { builtinGroupVersions, builtinResources } from './generated/kube-v1.20.js';
import { BuiltinKinds, modernGroupVersions, modernResources } from './modernKinds.js';

/** A served kind and how the API server treats it. @internal */
export interface KindInfo extends ApiResource {
  apiVersion: string;
  /** Sets and bumps `metadata.generation` (custom resources and the built-ins whose strategy does). */
  generation: boolean;
  /** Has the `status` subresource: writes to the main resource keep the stored status. */
  statusSubresource: boolean;
  /** PUT without `metadata.resourceVersion` is rejected (`Invalid`). */
  requireResourceVersion: boolean;
  /** The schema server-side apply uses. */
  type: TypeRef;
  /** Name of the CustomResourceDefinition that registered it. */
  crd?: string;
  /** The CRD version's `openAPIV3Schema` (custom resources). */
  schema?: unknown;
  /** Verbs served, e.g. `get`, `list`, `create`. */
  verbs: string[];
}

/** group/Kind of built-ins whose registry strategy sets `metadata.generation`. */
const GENERATION_KINDS = new Set([
  'admissionregistration.k8s.io/MutatingWebhookConfiguration',
  'admissionregistration.k8s.io/ValidatingWebhookConfiguration',
  'apps/DaemonSet',
  'apps/Deployment',
  'apps/ReplicaSet',
  'apps/StatefulSet',
  'ReplicationController',
  'discovery.k8s.io/EndpointSlice',
  'flowcontrol.apiserver.k8s.io/FlowSchema',
  'flowcontrol.apiserver.k8s.io/PriorityLevelConfiguration',
  'networking.k8s.io/Ingress',
  'extensions/Ingress',
  'networking.k8s.io/IngressClass',
  'networking.k8s.io/NetworkPolicy',
  'policy/PodDisruptionBudget',
  'scheduling.k8s.io/PriorityClass',
  'storage.k8s.io/VolumeAttachment',
  'apiextensions.k8s.io/CustomResourceDefinition',
]);

/** group/Kind of built-ins whose strategy refuses unconditional updates. */
const CONDITIONAL_UPDATE_KINDS = new Set([
  'admissionregistration.k8s.io/MutatingWebhookConfiguration',
  'admissionregistration.k8s.io/ValidatingWebhookConfiguration',
  'coordination.k8s.io/Lease',
  'node.k8s.io/RuntimeClass',
  'policy/PodDisruptionBudget',
  'storage.k8s.io/CSIDriver',
  'storage.k8s.io/CSINode',
  'storage.k8s.io/VolumeAttachment',
  'apiextensions.k8s.io/CustomResourceDefinition',
]);

const groupOf = (apiVersion: string) => (apiVersion.includes('/') ? apiVersion.split('/')[0]! : '');

/** A CustomResourceDefinition's fields that registration reads. @internal */
interface CrdSpec {
  group?: string;
  scope?: string;
  names?: { plural?: string; kind?: string };
  versions?: {
    name?: string;
    served?: boolean;
    subresources?: { status?: unknown };
    schema?: { openAPIV3Schema?: unknown };
  }[];
}

/** The served kinds, indexed by `apiVersion/Kind`. @internal */
export class Discovery {
  private readonly kinds = new Map<string, KindInfo>();
  private readonly preferred = new Map<string, string>();

  constructor(builtinKinds: BuiltinKinds = BuiltinKinds.Current) {
    const modern = builtinKinds === BuiltinKinds.Current;
    const groupVersions = modern ? [...builtinGroupVersions, ...modernGroupVersions] : builtinGroupVersions;
    for (const [gv, pref] of groupVersions) if (pref) this.preferred.set(groupOf(gv), gv);
    const resources = modern ? [...builtinResources, ...modernResources] : builtinResources;
    for (const [apiVersion, plural, kind, namespaced, subs, verbs] of resources) {
      const [group, version] = apiVersion.includes('/') ? apiVersion.split('/') : ['', apiVersion];
      const gk = group ? `${group}/${kind}` : kind;
      const subresources = subs ? subs.split(',') : [];
      this.kinds.set(`${apiVersion}/${kind}`, {
        group: group!,
        version: version!,
        kind,
        plural,
        namespaced: namespaced === 1,
        subresources,
        apiVersion,
        generation: GENERATION_KINDS.has(gk),
        statusSubresource: subresources.includes('status'),
        requireResourceVersion: CONDITIONAL_UPDATE_KINDS.has(gk),
        type: builtinKindType(apiVersion, kind) ?? untypedDeduced,
        verbs: verbs ? verbs.split(',') : [],
      });
    }
  }

  /** The kind, or `undefined` when not served. */
  get(apiVersion: string, kind: string): KindInfo | undefined {
    return this.kinds.get(`${apiVersion}/${kind}`);
  }

  /** Every served kind, sorted by group, version, plural. */
  all(): KindInfo[] {
    return [...this.kinds.values()].sort((a, b) =>
      a.group !== b.group
        ? a.group < b.group
          ? -1
          : 1
        : a.version !== b.version
          ? a.version < b.version
            ? -1
            : 1
          : a.plural < b.plural
            ? -1
            : a.plural > b.plural
              ? 1
              : 0,
    );
  }

  /** The preferred apiVersion of a group (`''` for core), when served. */
  preferredVersion(group: string): string | undefined {
    return this.preferred.get(group);
  }

  /**
   * Registers the served versions of a CRD (called once it is Established); replaces what the same
   * CRD registered before. Returns the registered kinds.
   */
  registerCrd(name: string, spec: CrdSpec): KindInfo[] {
    this.unregisterCrd(name);
    const group = spec.group ?? '';
    const out: KindInfo[] = [];
    for (const v of spec.versions ?? []) {
      if (!v.served || !v.name || !spec.names?.kind || !spec.names.plural) continue;
      const apiVersion = `${group}/${v.name}`;
      const info: KindInfo = {
        group,
        version: v.name,
        kind: spec.names.kind,
        plural: spec.names.plural,
        namespaced: spec.scope !== 'Cluster',
        subresources: v.subresources?.status !== undefined ? ['status'] : [],
        apiVersion,
        generation: true,
        statusSubresource: v.subresources?.status !== undefined,
        requireResourceVersion: true,
        type: crdType(v.schema?.openAPIV3Schema),
        crd: name,
        schema: v.schema?.openAPIV3Schema,
        verbs: ['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'update', 'watch'],
      };
      this.kinds.set(`${apiVersion}/${info.kind}`, info);
      out.push(info);
    }
    const storage = (spec.versions ?? []).find((v) => v.served);
    if (storage?.name && !this.preferred.has(group)) this.preferred.set(group, `${group}/${storage.name}`);
    return out;
  }

  /** Removes the kinds a CRD registered. */
  unregisterCrd(name: string): void {
    for (const [k, info] of this.kinds) {
      if (info.crd === name) {
        this.kinds.delete(k);
        if (this.preferred.get(info.group) === info.apiVersion) this.preferred.delete(info.group);
      }
    }
  }
}

/** The public view of a kind: what {@link ClusterClient.resources} returns. @internal */
export function toApiResource(k: KindInfo): ApiResource {
  return {
    group: k.group,
    version: k.version,
    kind: k.kind,
    plural: k.plural,
    namespaced: k.namespaced,
    subresources: [...k.subresources],
  };
}
