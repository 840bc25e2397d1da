import { KubeConfig } from '@kubernetes/client-node';
import { KubeCluster } from '@gitops-kit/core/kube';
import { service } from '../services.js';
import { describeKustomizationSuite } from './suite.js';

// The same Kustomization end-to-end suite through the client-node adapter against the real
// kube-apiserver v1.20 from ../shared/services.
const kube = service('kube-apiserver');

describeKustomizationSuite(
  'kube-apiserver v1.20 (client-node adapter)',
  kube.ok
    ? async () => {
        const kc = new KubeConfig();
        kc.loadFromFile(kube.info.extra[0]!);
        return { cluster: new KubeCluster(kc) };
      }
    : undefined,
  kube.ok ? '' : kube.reason,
);
