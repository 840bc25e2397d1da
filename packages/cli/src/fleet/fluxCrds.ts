import type { ClusterClient, KubeObject } from '@gitops-kit/core';
import { type SupportedFluxKind, supportedFluxKinds } from './fluxKinds.js';

/**
 * A minimal CustomResourceDefinition for a Flux kind: served and stored at its v1 version, with the
 * status subresource and an open schema (the reconcilers validate the spec they read).
 */
export function fluxCrd(k: SupportedFluxKind): KubeObject {
  const [group, version] = k.apiVersion.split('/') as [string, string];
  return {
    apiVersion: 'apiextensions.k8s.io/v1',
    kind: 'CustomResourceDefinition',
    metadata: { name: `${k.plural}.${group}` },
    spec: {
      group,
      names: {
        kind: k.kind,
        listKind: `${k.kind}List`,
        plural: k.plural,
        singular: k.singular,
        shortNames: k.shortNames,
      },
      scope: 'Namespaced',
      versions: [
        {
          name: version,
          served: true,
          storage: true,
          subresources: { status: {} },
          schema: { openAPIV3Schema: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true } },
        },
      ],
    },
  };
}

/**
 * Installs the CRDs of the supported Flux kinds the cluster does not serve yet (a cluster where
 * Flux is installed keeps its own) and waits until they are served.
 *
 * @returns the names of the CRDs it created.
 */
export async function ensureFluxCrds(
  cluster: ClusterClient,
  options: { signal?: AbortSignal } = {},
): Promise<string[]> {
  const created: string[] = [];
  for (const k of supportedFluxKinds) {
    if (await cluster.resourceFor({ apiVersion: k.apiVersion, kind: k.kind }, { signal: options.signal }))
      continue;
    const crd = fluxCrd(k);
    await cluster.apply(crd, { fieldManager: 'gitops-kit', force: true, signal: options.signal });
    created.push(crd.metadata.name!);
    // A real API server serves a new CRD's kind after a moment.
    for (let i = 0; i < 100; i++) {
      if (await cluster.resourceFor({ apiVersion: k.apiVersion, kind: k.kind }, { signal: options.signal }))
        break;
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  return created;
}
