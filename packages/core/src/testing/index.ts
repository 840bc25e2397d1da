/**
 * Test helpers for code built on GitOps Kit: a fake clock and the cluster-client contract suite.
 * @packageDocumentation
 */
export { FakeClock, settle } from './FakeClock.js';
export {
  describeClusterClient,
  describeClusterClientDefaults,
  type DescribeClusterClientOptions,
} from './describeClusterClient.js';
