import { MemoryCluster } from '@gitops-kit/core';
import { describeKustomizationSuite } from './suite.js';

// The Kustomization end-to-end suite on the embedded MemoryCluster.
describeKustomizationSuite('MemoryCluster', async () => ({ cluster: new MemoryCluster() }), '', {
  immutableFieldsSkip:
    'MemoryCluster does not enforce immutable fields (apps/v1 Deployment spec.selector) yet',
});
