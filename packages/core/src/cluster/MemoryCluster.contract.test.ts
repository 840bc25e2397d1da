import { FakeClock } from '../testing/FakeClock.js';
import { describeClusterClient } from '../testing/describeClusterClient.js';
import { MemoryCluster } from './MemoryCluster.js';

describeClusterClient(
  'MemoryCluster',
  () => new MemoryCluster({ clock: new FakeClock(), builtinKinds: 'v1.20' }),
  {
    eventuallyTimeoutMs: 1000,
  },
);
