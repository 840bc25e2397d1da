import { KubeConfig } from '@kubernetes/client-node';
import { KubeCluster } from '@gitops-kit/core/kube';
import { describeClusterClient } from '@gitops-kit/core/testing';
import { service } from './services.js';

// The same contract suite as MemoryCluster (packages/core/src/cluster/MemoryCluster.contract.test.ts),
// against a real kube-apiserver v1.20 with its garbage collector and namespace controllers.
const kube = service('kube-apiserver');

describeClusterClient(
  'KubeCluster (client-node adapter, real kube-apiserver v1.20)',
  () => {
    if (!kube.ok) throw new Error(kube.reason);
    const kc = new KubeConfig();
    kc.loadFromFile(kube.info.extra[0]!);
    return new KubeCluster(kc);
  },
  { skip: kube.ok ? false : kube.reason, eventuallyTimeoutMs: 90_000 },
);
