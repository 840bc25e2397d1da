import { MemoryCluster } from '@gitops-kit/core';
import { describeKustomizationSuite } from './suite.js';

// The Kustomization end-to-end suite on the embedded MemoryCluster.
describeKustomizationSuite('MemoryCluster', async () => ({ cluster: new MemoryCluster() }), '');
