import type { KubeObject } from '@gitops-kit/core';

/** API group suffix of every Flux kind. */
const FLUX_GROUP_SUFFIX = '.toolkit.fluxcd.io';

/** A Flux kind `gitops-kit reconcile` runs a controller for. */
export interface SupportedFluxKind {
  apiVersion: string;
  kind: string;
  plural: string;
  singular: string;
  shortNames: string[];
}

/** The Flux kinds with a reconciler today: GitRepository (source) and Kustomization (kustomize). */
export const supportedFluxKinds: readonly SupportedFluxKind[] = [
  {
    apiVersion: 'source.toolkit.fluxcd.io/v1',
    kind: 'GitRepository',
    plural: 'gitrepositories',
    singular: 'gitrepository',
    shortNames: ['gitrepo'],
  },
  {
    apiVersion: 'kustomize.toolkit.fluxcd.io/v1',
    kind: 'Kustomization',
    plural: 'kustomizations',
    singular: 'kustomization',
    shortNames: ['ks'],
  },
];

/** True for objects of any `*.toolkit.fluxcd.io` group. */
export function isFluxObject(obj: Pick<KubeObject, 'apiVersion'>): boolean {
  const group = obj.apiVersion.includes('/') ? obj.apiVersion.split('/')[0]! : '';
  return group.endsWith(FLUX_GROUP_SUFFIX);
}

/** The supported kind of a Flux object (any served version of its group), or `undefined`. */
export function supportedKindOf(obj: Pick<KubeObject, 'apiVersion' | 'kind'>): SupportedFluxKind | undefined {
  const group = obj.apiVersion.split('/')[0];
  return supportedFluxKinds.find((k) => k.kind === obj.kind && k.apiVersion.split('/')[0] === group);
}

/**
 * Resolves a kind as users type it on the command line (`kustomization`, `ks`, `Kustomization`,
 * `gitrepository`, `gitrepo`, `source-git`); `undefined` when it is none of the supported kinds.
 */
export function resolveKindArg(arg: string): SupportedFluxKind | undefined {
  const a = arg.toLowerCase();
  if (a === 'source-git') return supportedFluxKinds[0];
  return supportedFluxKinds.find(
    (k) => k.kind.toLowerCase() === a || k.plural === a || k.singular === a || k.shortNames.includes(a),
  );
}

/** Flux kinds (by lower-case name) that exist upstream but have no reconciler here yet. */
export const unsupportedFluxKindNames = [
  'helmrelease',
  'helmrepository',
  'helmchart',
  'ocirepository',
  'bucket',
  'imagerepository',
  'imagepolicy',
  'imageupdateautomation',
  'alert',
  'provider',
  'receiver',
] as const;
