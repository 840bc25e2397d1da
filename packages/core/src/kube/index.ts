/**
 * `@gitops-kit/core/kube`: the `ClusterClient` (from `@gitops-kit/core`) for a real Kubernetes API
 * server, over a kubeconfig. `@kubernetes/client-node` 1.x is an optional peer dependency: pass your own
 * `KubeConfig`, or let {@link connectKubeCluster} load the default one. Importing
 * `@gitops-kit/core` alone never loads it.
 * @packageDocumentation
 */
export {
  KubeCluster,
  connectKubeCluster,
  kubeClusterDefaults,
  type KubeClusterOptions,
} from './KubeCluster.js';
export type { KubeConfigLike } from './transport.js';
