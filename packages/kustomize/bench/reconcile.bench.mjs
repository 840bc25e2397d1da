#!/usr/bin/env node
// Kustomization reconcile throughput: applied + health-checked objects per second for a
// 5,000-object Kustomization (`wait: true`), run through `kustomizationReconciler` on the embedded
// MemoryCluster — first reconcile (everything created) and a second one (drift check, nothing
// changes). When ../shared/services and kubectl are available, the same 5,000 objects are also
// applied to the real kube-apiserver v1.20 by `kubectl apply --server-side` + `kubectl wait`, and by
// our reconciler through the client-node adapter, and the ratio is printed.
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { MemoryCluster, MemoryEventRecorder, noopLogger, systemClock } from '@gitops-kit/core';
import { kustomizationReconciler } from '@gitops-kit/kustomize';
import { stringify } from 'yaml';

const N = Number(process.env.BENCH_OBJECTS ?? 5000);
const here = dirname(fileURLToPath(import.meta.url));
const repoRoot = resolve(here, '../../..');
const shared = process.env.GITOPS_KIT_SHARED ?? resolve(repoRoot, '../shared');

function objects(ns) {
  const out = [];
  for (let i = 0; i < N; i++) {
    const name = `obj-${String(i).padStart(5, '0')}`;
    switch (i % 4) {
      case 0:
        out.push({
          apiVersion: 'v1',
          kind: 'ConfigMap',
          metadata: { name, namespace: ns },
          data: { index: String(i), region: 'eu-1' },
        });
        break;
      case 1:
        out.push({
          apiVersion: 'v1',
          kind: 'Secret',
          metadata: { name, namespace: ns },
          type: 'Opaque',
          data: { token: Buffer.from(name).toString('base64') },
        });
        break;
      case 2:
        out.push({ apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name, namespace: ns } });
        break;
      default:
        out.push({
          apiVersion: 'v1',
          kind: 'Service',
          metadata: { name, namespace: ns, labels: { app: name } },
          spec: {
            type: 'ClusterIP',
            clusterIP: 'None',
            selector: { app: name },
            ports: [{ name: 'http', port: 80, targetPort: 8080, protocol: 'TCP' }],
          },
        });
    }
  }
  return out;
}

async function setup(cluster, ns) {
  const crd = (group, kind, plural) => ({
    apiVersion: 'apiextensions.k8s.io/v1',
    kind: 'CustomResourceDefinition',
    metadata: { name: `${plural}.${group}` },
    spec: {
      group,
      names: { kind, plural, singular: kind.toLowerCase(), listKind: `${kind}List` },
      scope: 'Namespaced',
      versions: [
        {
          name: 'v1',
          served: true,
          storage: true,
          subresources: { status: {} },
          schema: { openAPIV3Schema: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true } },
        },
      ],
    },
  });
  await cluster.apply(crd('kustomize.toolkit.fluxcd.io', 'Kustomization', 'kustomizations'), {
    fieldManager: 'bench',
    force: true,
  });
  await cluster.apply(crd('source.toolkit.fluxcd.io', 'GitRepository', 'gitrepositories'), {
    fieldManager: 'bench',
    force: true,
  });
  for (let i = 0; i < 100; i++) {
    if (await cluster.resourceFor({ apiVersion: 'source.toolkit.fluxcd.io/v1', kind: 'GitRepository' }))
      break;
    await new Promise((r) => setTimeout(r, 200));
  }
  await cluster.apply(
    { apiVersion: 'v1', kind: 'Namespace', metadata: { name: ns } },
    { fieldManager: 'bench', force: true },
  );
  for (let i = 0; i < 100; i++) {
    try {
      const repo = await cluster.apply(
        {
          apiVersion: 'source.toolkit.fluxcd.io/v1',
          kind: 'GitRepository',
          metadata: { name: 'repo', namespace: ns },
          spec: { interval: '1m', url: 'http://x' },
        },
        { fieldManager: 'bench', force: true },
      );
      await cluster.updateStatus({
        ...repo,
        status: { artifact: { revision: 'main@sha1:0123456789abcdef0123456789abcdef01234567' } },
      });
      break;
    } catch (err) {
      if (i === 99) throw err;
      await new Promise((r) => setTimeout(r, 200));
    }
  }
}

async function reconcileOnce(cluster, ns, objs) {
  const reconciler = kustomizationReconciler({
    fetchArtifact: async () => ({ dir: '/' }),
    build: async () => objs,
  });
  const ks = {
    apiVersion: 'kustomize.toolkit.fluxcd.io/v1',
    kind: 'Kustomization',
    metadata: { name: 'bench', namespace: ns, generation: 1 },
    spec: {
      interval: '10m',
      timeout: '10m',
      prune: true,
      wait: true,
      sourceRef: { kind: 'GitRepository', name: 'repo' },
    },
  };
  const start = performance.now();
  const result = await reconciler.reconcile(ks, {
    cluster,
    clock: systemClock,
    logger: noopLogger,
    events: new MemoryEventRecorder(),
    signal: new AbortController().signal,
    fieldManager: 'gotk-kustomize-controller',
    reportingController: 'kustomize-controller',
  });
  const ms = performance.now() - start;
  const ready = result.conditions?.find((c) => c.type === 'Ready');
  if (ready?.status !== 'True')
    throw new Error(`reconcile not Ready: ${ready?.reason}: ${ready?.message?.slice(0, 300)}`);
  if (result.status?.inventory?.entries?.length !== objs.length) throw new Error('inventory size mismatch');
  return ms;
}

const fmt = (ms) => `${(ms / 1000).toFixed(2)}s`;
const rate = (ms) => `${Math.round(N / (ms / 1000))} objects/s`;

// 1. MemoryCluster.
{
  const cluster = new MemoryCluster();
  await setup(cluster, 'bench');
  const objs = objects('bench');
  const first = await reconcileOnce(cluster, 'bench', objs);
  const second = await reconcileOnce(cluster, 'bench', objs);
  console.log(`MemoryCluster, ${N} objects, wait: true`);
  console.log(`  first reconcile (create + health): ${fmt(first)}  ${rate(first)}`);
  console.log(`  second reconcile (drift check + health, no changes): ${fmt(second)}  ${rate(second)}`);
}

// 2. Real kube-apiserver: kubectl vs our reconciler through the client-node adapter.
const startScript = join(shared, 'services', 'kube-apiserver-start.sh');
const kubectl =
  spawnSync('kubectl', ['version', '--client'], { encoding: 'utf8' }).status === 0 ? 'kubectl' : undefined;
if (process.env.BENCH_SKIP_KUBE || !existsSync(startScript) || !kubectl) {
  console.log('kube-apiserver comparison skipped (no ../shared/services, no kubectl, or BENCH_SKIP_KUBE)');
} else {
  try {
    await compareWithKubectl();
  } catch (err) {
    console.log(`kube-apiserver comparison failed: ${err instanceof Error ? err.message : err}`);
  }
}

async function compareWithKubectl() {
  const r = spawnSync('bash', [startScript], { encoding: 'utf8' });
  const kubeconfig = r.stdout.trim().split('\n')[1];
  if (r.status !== 0 || !kubeconfig) {
    console.log(`kube-apiserver comparison skipped: start failed (${r.stderr.trim().split('\n').pop()})`);
  } else {
    // client-node is the tests package's dependency (a peer of core's adapter), not kustomize's.
    const req = createRequire(join(repoRoot, 'packages/tests/package.json'));
    const { KubeConfig } = await import(req.resolve('@kubernetes/client-node'));
    const { KubeCluster } = await import('@gitops-kit/core/kube');
    const kc = new KubeConfig();
    kc.loadFromFile(kubeconfig);
    const cluster = new KubeCluster(kc);
    const run = Math.random().toString(36).slice(2, 7);
    // kubectl apply --server-side + kubectl wait, same objects, own namespace.
    const kns = `bench-kubectl-${run}`;
    const dir = mkdtempSync(join(tmpdir(), 'gk-bench-'));
    const file = join(dir, 'objects.yaml');
    writeFileSync(
      file,
      [{ apiVersion: 'v1', kind: 'Namespace', metadata: { name: kns } }, ...objects(kns)]
        .map((o) => stringify(o))
        .join('---\n'),
    );
    const env = { ...process.env, KUBECONFIG: kubeconfig };
    const t0 = performance.now();
    const a = spawnSync(kubectl, ['apply', '--server-side', '--field-manager=bench', '-f', file], {
      env,
      encoding: 'utf8',
      maxBuffer: 64 << 20,
    });
    if (a.status !== 0) throw new Error(`kubectl apply failed: ${a.stderr.slice(0, 300)}`);
    const w = spawnSync(
      kubectl,
      [
        'wait',
        '--for=create',
        '-n',
        kns,
        'configmap,secret,serviceaccount,service',
        '--all',
        '--timeout=600s',
      ],
      { env, encoding: 'utf8', maxBuffer: 64 << 20 },
    );
    const kubectlMs = performance.now() - t0;
    rmSync(dir, { recursive: true, force: true });
    if (w.status !== 0)
      console.log(`  (kubectl wait exit ${w.status}: ${w.stderr.trim().split('\n').pop()})`);
    // Ours through the adapter.
    const ons = `bench-gk-${run}`;
    await setup(cluster, ons);
    const oursMs = await reconcileOnce(cluster, ons, objects(ons));
    console.log(`kube-apiserver v1.20, ${N} objects`);
    console.log(`  kubectl apply --server-side + kubectl wait: ${fmt(kubectlMs)}  ${rate(kubectlMs)}`);
    console.log(
      `  gitops-kit reconcile (dry-run + apply + health) via client-node: ${fmt(oursMs)}  ${rate(oursMs)}`,
    );
    console.log(`  ratio gitops-kit / kubectl time: ${(oursMs / kubectlMs).toFixed(2)}x`);
    spawnSync(kubectl, ['delete', 'namespace', kns, ons, '--wait=false'], { env });
  }
}
