import { HelmError } from '../errors.js';
import { parseSemVer, SemVerError } from '../chart/semver.js';

/**
 * `.Capabilities` of a client-only render (`helm template`): Helm v3.17.2's defaults — Kubernetes
 * `v1.32.0` and the API versions of its built-in client-go scheme — with `--kube-version` and
 * `--api-versions` applied.
 *
 * @see https://github.com/helm/helm/blob/v3.17.2/pkg/chartutil/capabilities.go
 */

/** `.Capabilities.KubeVersion`. */
export interface KubeVersion {
  /** `v1.32.0` */
  version: string;
  major: string;
  minor: string;
}

/** `.Capabilities.HelmVersion` (Helm's `version.BuildInfo`). */
export interface HelmBuildInfo {
  version: string;
  gitCommit: string;
  gitTreeState: string;
  goVersion: string;
}

/** `.Capabilities`. */
export interface Capabilities {
  kubeVersion: KubeVersion;
  /** `group/version` strings (and any `group/version/Kind` added with `--api-versions`). */
  apiVersions: string[];
  helmVersion: HelmBuildInfo;
}

/** The API versions Helm v3.17.2 knows without a cluster, in its order. */
export const defaultApiVersions: readonly string[] = [
  'v1',
  'admissionregistration.k8s.io/v1',
  'admissionregistration.k8s.io/v1alpha1',
  'admissionregistration.k8s.io/v1beta1',
  'internal.apiserver.k8s.io/v1alpha1',
  'apps/v1',
  'apps/v1beta1',
  'apps/v1beta2',
  'authentication.k8s.io/v1',
  'authentication.k8s.io/v1alpha1',
  'authentication.k8s.io/v1beta1',
  'authorization.k8s.io/v1',
  'authorization.k8s.io/v1beta1',
  'autoscaling/v1',
  'autoscaling/v2',
  'autoscaling/v2beta1',
  'autoscaling/v2beta2',
  'batch/v1',
  'batch/v1beta1',
  'certificates.k8s.io/v1',
  'certificates.k8s.io/v1beta1',
  'certificates.k8s.io/v1alpha1',
  'coordination.k8s.io/v1alpha2',
  'coordination.k8s.io/v1beta1',
  'coordination.k8s.io/v1',
  'discovery.k8s.io/v1',
  'discovery.k8s.io/v1beta1',
  'events.k8s.io/v1',
  'events.k8s.io/v1beta1',
  'extensions/v1beta1',
  'flowcontrol.apiserver.k8s.io/v1',
  'flowcontrol.apiserver.k8s.io/v1beta1',
  'flowcontrol.apiserver.k8s.io/v1beta2',
  'flowcontrol.apiserver.k8s.io/v1beta3',
  'networking.k8s.io/v1',
  'networking.k8s.io/v1alpha1',
  'networking.k8s.io/v1beta1',
  'node.k8s.io/v1',
  'node.k8s.io/v1alpha1',
  'node.k8s.io/v1beta1',
  'policy/v1',
  'policy/v1beta1',
  'rbac.authorization.k8s.io/v1',
  'rbac.authorization.k8s.io/v1beta1',
  'rbac.authorization.k8s.io/v1alpha1',
  'resource.k8s.io/v1beta1',
  'resource.k8s.io/v1alpha3',
  'scheduling.k8s.io/v1alpha1',
  'scheduling.k8s.io/v1beta1',
  'scheduling.k8s.io/v1',
  'storage.k8s.io/v1beta1',
  'storage.k8s.io/v1',
  'storage.k8s.io/v1alpha1',
  'storagemigration.k8s.io/v1alpha1',
  'apiextensions.k8s.io/v1beta1',
  'apiextensions.k8s.io/v1',
];

/** The Helm build GitOps Kit renders as (`.Capabilities.HelmVersion`). */
export const helmBuildInfo: HelmBuildInfo = {
  version: 'v3.17.2',
  gitCommit: 'cc0bbbd6d6276b83880042c1ecb34087e84d41eb',
  gitTreeState: 'clean',
  goVersion: 'go1.23.7',
};

/** Helm's default Kubernetes version for client-only renders. */
export const defaultKubeVersion: KubeVersion = { version: 'v1.32.0', major: '1', minor: '32' };

/**
 * Helm's `chartutil.ParseKubeVersion`: `1.31` → `{ version: 'v1.31.0', major: '1', minor: '31' }`.
 * @throws {@link HelmError} `InvalidKubeVersion` (`invalid kube version '<v>': Invalid Semantic Version`).
 */
export function parseKubeVersion(version: string): KubeVersion {
  try {
    const sv = parseSemVer(version);
    let s = `${sv.major}.${sv.minor}.${sv.patch}`;
    if (sv.pre) s += `-${sv.pre}`;
    if (sv.metadata) s += `+${sv.metadata}`;
    return { version: `v${s}`, major: sv.major.toString(), minor: sv.minor.toString() };
  } catch (e) {
    const msg = e instanceof SemVerError ? e.message : String(e);
    throw new HelmError('InvalidKubeVersion', `invalid kube version '${version}': ${msg}`, { cause: e });
  }
}

/** Options of {@link templateCapabilities}. */
export interface CapabilitiesOptions {
  /** `--kube-version` (parsed with {@link parseKubeVersion}). Default `v1.32.0`. */
  kubeVersion?: string;
  /** `--api-versions` entries appended to the defaults. */
  apiVersions?: string[];
}

/**
 * `.Capabilities` of `helm template`.
 * @throws {@link HelmError} `InvalidKubeVersion`
 */
export function templateCapabilities(options: CapabilitiesOptions = {}): Capabilities {
  return {
    kubeVersion: options.kubeVersion ? parseKubeVersion(options.kubeVersion) : { ...defaultKubeVersion },
    apiVersions: [...defaultApiVersions, ...(options.apiVersions ?? [])],
    helmVersion: { ...helmBuildInfo },
  };
}
