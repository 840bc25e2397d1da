// computeStatus over 100,000 mixed objects (Deployments, StatefulSets, DaemonSets, ReplicaSets,
// Pods, PVCs, Services, Jobs, CronJobs, PDBs, CRDs, ConfigMaps, Flux kinds, custom resources; in
// every state kstatus distinguishes), reported in objects/s.
//
// The reference is kstatus itself (kubernetes-sigs/cli-utils status.Compute, compiled with Go) on
// the same objects in the same run, when available:
//   KSTATUS_ORACLE=/path/to/binary        a binary built by scripts/kstatus-oracle/build.sh, or
//   CLI_UTILS_DIR=/path/to/cli-utils      a checkout (or git dir) to build it from (needs Go >= 1.21)
// Otherwise only our throughput is printed. Both sides time the computation alone (objects are
// decoded beforehand), single-threaded.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { computeStatus, kstatusRules } from '@gitops-kit/core';

const N = 100_000;
const ROUNDS = 5;

// Deterministic PRNG (mulberry32) so every run measures the same objects.
let seed = 0x5eed;
const rand = () => {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = seed;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
};
const pick = (xs) => xs[Math.floor(rand() * xs.length)];
const int = (n) => Math.floor(rand() * n);

const meta = (i, extra = {}) => ({
  name: `obj-${i}`,
  namespace: `ns-${i % 50}`,
  uid: `00000000-0000-0000-0000-${String(i).padStart(12, '0')}`,
  resourceVersion: String(1000 + i),
  creationTimestamp: '2026-01-01T00:00:00Z',
  labels: { app: `app-${i % 100}`, 'app.kubernetes.io/managed-by': 'flux' },
  ...extra,
});
const cond = (type, status, reason = 'R', message = 'm') => ({
  type,
  status,
  reason,
  message,
  lastTransitionTime: '2026-01-01T00:00:00Z',
});

const makers = [
  (i) => {
    const g = 1 + int(5);
    const r = 1 + int(5);
    const ready = pick([r, r, r, int(r + 1)]);
    const conds = [cond('Available', ready === r ? 'True' : 'False', 'MinimumReplicasAvailable')];
    conds.push(
      rand() < 0.05
        ? cond('Progressing', 'False', 'ProgressDeadlineExceeded')
        : cond('Progressing', 'True', 'NewReplicaSetAvailable'),
    );
    return {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: meta(i, { generation: g }),
      spec: { replicas: r, progressDeadlineSeconds: 600, selector: { matchLabels: { app: 'x' } } },
      status: {
        observedGeneration: rand() < 0.1 ? g - 1 : g,
        replicas: r,
        updatedReplicas: r,
        readyReplicas: ready,
        availableReplicas: ready,
        conditions: conds,
      },
    };
  },
  (i) => {
    const r = 1 + int(4);
    return {
      apiVersion: 'apps/v1',
      kind: 'StatefulSet',
      metadata: meta(i, { generation: 2 }),
      spec: {
        replicas: r,
        updateStrategy: rand() < 0.2 ? { rollingUpdate: { partition: int(r) } } : { type: 'RollingUpdate' },
      },
      status: {
        observedGeneration: 2,
        replicas: r,
        readyReplicas: pick([r, r - 1]),
        currentReplicas: r,
        updatedReplicas: int(r + 1),
        currentRevision: 'a',
        updateRevision: pick(['a', 'b']),
      },
    };
  },
  (i) => {
    const d = int(10);
    return {
      apiVersion: 'apps/v1',
      kind: 'DaemonSet',
      metadata: meta(i, { generation: 1 }),
      status: {
        observedGeneration: 1,
        desiredNumberScheduled: d,
        currentNumberScheduled: d,
        updatedNumberScheduled: pick([d, d - 1]),
        numberAvailable: d,
        numberReady: pick([d, d - 1]),
      },
    };
  },
  (i) => ({
    apiVersion: 'apps/v1',
    kind: 'ReplicaSet',
    metadata: meta(i, { generation: 1 }),
    spec: { replicas: 3 },
    status: {
      observedGeneration: 1,
      replicas: 3,
      readyReplicas: pick([3, 2]),
      availableReplicas: 3,
      fullyLabeledReplicas: 3,
    },
  }),
  (i) => {
    const phase = pick(['Running', 'Running', 'Running', 'Pending', 'Succeeded', 'Failed']);
    return {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: meta(i),
      spec: { containers: [{ name: 'app', image: 'nginx' }] },
      status: {
        phase,
        conditions: [cond('PodScheduled', 'True'), cond('Ready', pick(['True', 'True', 'False']))],
        containerStatuses: [
          {
            name: 'app',
            ready: true,
            state: rand() < 0.1 ? { waiting: { reason: 'CrashLoopBackOff' } } : { running: {} },
          },
        ],
      },
    };
  },
  (i) => ({
    apiVersion: 'v1',
    kind: 'PersistentVolumeClaim',
    metadata: meta(i),
    status: { phase: pick(['Bound', 'Bound', 'Pending']) },
  }),
  (i) => ({
    apiVersion: 'v1',
    kind: 'Service',
    metadata: meta(i),
    spec: { type: pick(['ClusterIP', 'ClusterIP', 'LoadBalancer']), clusterIP: pick(['10.0.0.1', '']) },
  }),
  (i) => ({
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata: meta(i, { generation: 1 }),
    spec: { completions: 1, parallelism: 1 },
    status: pick([
      { startTime: '2026-01-01T00:00:00Z', active: 1 },
      { startTime: '2026-01-01T00:00:00Z', succeeded: 1, conditions: [cond('Complete', 'True')] },
      {
        startTime: '2026-01-01T00:00:00Z',
        failed: 3,
        conditions: [cond('Failed', 'True', 'BackoffLimitExceeded')],
      },
    ]),
  }),
  (i) => ({
    apiVersion: 'batch/v1',
    kind: 'CronJob',
    metadata: meta(i, { generation: 1 }),
    spec: { schedule: '*/5 * * * *' },
  }),
  (i) => ({
    apiVersion: 'policy/v1',
    kind: 'PodDisruptionBudget',
    metadata: meta(i, { generation: 1 }),
    status: { observedGeneration: 1, disruptionsAllowed: 1 },
  }),
  (i) => ({
    apiVersion: 'apiextensions.k8s.io/v1',
    kind: 'CustomResourceDefinition',
    metadata: meta(i, { namespace: undefined, generation: 1 }),
    status: {
      conditions: [
        cond('NamesAccepted', 'True'),
        cond('Established', pick(['True', 'True', 'False']), 'Installing'),
      ],
    },
  }),
  (i) => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: meta(i), data: { key: 'value' } }),
  (i) => ({
    apiVersion: 'kustomize.toolkit.fluxcd.io/v1',
    kind: 'Kustomization',
    metadata: meta(i, { generation: 3 }),
    status: {
      observedGeneration: pick([3, 3, 2]),
      conditions: [cond('Ready', pick(['True', 'True', 'False']), 'ReconciliationSucceeded')],
    },
  }),
  (i) => ({
    apiVersion: 'example.com/v1',
    kind: 'Widget',
    metadata: meta(i, { generation: 1, ...(rand() < 0.05 && { deletionTimestamp: '2026-01-02T00:00:00Z' }) }),
    status: {
      observedGeneration: 1,
      conditions: [cond(pick(['Ready', 'Reconciling', 'Stalled']), pick(['True', 'False']))],
    },
  }),
];

const objects = Array.from({ length: N }, (_, i) => JSON.parse(JSON.stringify(makers[i % makers.length](i))));

function measure(label, fn) {
  for (const o of objects) fn(o); // warm up
  globalThis.gc?.();
  const t0 = process.hrtime.bigint();
  for (let r = 0; r < ROUNDS; r++) for (const o of objects) fn(o);
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  const perSec = (N * ROUNDS) / (ms / 1000);
  console.log(`${label.padEnd(44)} ${Math.round(perSec).toLocaleString('en-US').padStart(12)} objects/s`);
  return perSec;
}

const counts = {};
for (const o of objects) {
  const s = computeStatus(o).status;
  counts[s] = (counts[s] ?? 0) + 1;
}
console.log(
  `${N.toLocaleString('en-US')} objects, ${makers.length} shapes; statuses ${JSON.stringify(counts)}`,
);
const ours = measure('computeStatus (Flux rules, default)', (o) => computeStatus(o));
const oursUpstream = measure('computeStatus (kstatus rules)', (o) =>
  computeStatus(o, { rules: kstatusRules }),
);

function oracle() {
  if (process.env.KSTATUS_ORACLE && existsSync(process.env.KSTATUS_ORACLE)) return process.env.KSTATUS_ORACLE;
  if (!process.env.CLI_UTILS_DIR) return undefined;
  const bin = join(mkdtempSync(join(tmpdir(), 'kstatus-')), 'oracle');
  const root = new URL('../../..', import.meta.url).pathname;
  execFileSync('bash', [join(root, 'scripts/kstatus-oracle/build.sh'), process.env.CLI_UTILS_DIR, bin], {
    stdio: 'inherit',
  });
  return bin;
}

const bin = oracle();
if (!bin) {
  console.log(
    'kstatus (Go): skipped; set KSTATUS_ORACLE or CLI_UTILS_DIR to compare (see the header of this file)',
  );
} else {
  const out = execFileSync(bin, ['bench', String(ROUNDS)], {
    input: JSON.stringify(objects),
    maxBuffer: 1 << 26,
  });
  const { objects: n, ms } = JSON.parse(out.toString('utf8'));
  const go = n / (ms / 1000);
  console.log(
    `${'kstatus status.Compute (Go, same objects)'.padEnd(44)} ${Math.round(go).toLocaleString('en-US').padStart(12)} objects/s`,
  );
  console.log(
    `ratio ours/kstatus: ${(oursUpstream / go).toFixed(2)}x (kstatus rules), ${(ours / go).toFixed(2)}x (Flux rules)`,
  );
}
