import { resolve } from 'node:path';
import { type ClusterClient, MemoryCluster } from '@gitops-kit/core';
import type { OptionSpec } from './args.js';
import type { CliIO } from './program.js';

/** The cluster flags every command that reads or writes cluster state takes. */
export interface ClusterFlags {
  /** `--state-dir`: where the embedded cluster (and the source artifacts) are persisted. */
  stateDir: string;
  /** `--kubeconfig`: use the real cluster of this kubeconfig instead of the embedded one. */
  kubeconfig?: string;
}

/** Default of `--state-dir`, relative to the working directory. */
export const defaultStateDir = '.gitops-kit/state';

/**
 * `--state-dir <dir>` (default `.gitops-kit/state`) and `--kubeconfig <path>`, for every command that
 * opens a cluster. Commands read them back as {@link ClusterFlags} and open the cluster with
 * {@link openCluster}.
 */
export const clusterOptions: OptionSpec[] = [
  {
    long: 'state-dir',
    value: 'dir',
    description: 'directory persisting the embedded in-memory cluster (cluster.json) and source artifacts',
    default: defaultStateDir,
  },
  {
    long: 'kubeconfig',
    value: 'path',
    description: 'use the Kubernetes cluster of this kubeconfig instead of the embedded one',
  },
];

/** An opened cluster: the embedded one (persisted under the state dir) or a real one. */
export interface OpenedCluster {
  cluster: ClusterClient;
  /** Set for the embedded cluster. */
  memory?: MemoryCluster;
  /** Absolute state directory (artifacts live under `<stateDir>/artifacts` in both cases). */
  stateDir: string;
  /** For messages: `in-memory cluster (<dir>)` or `cluster <server> (kubeconfig <path>)`. */
  description: string;
}

/**
 * Opens the cluster the flags name: with `--kubeconfig`, that kubeconfig's current context through
 * `@kubernetes/client-node`; else the embedded `MemoryCluster` persisted in `--state-dir` (created
 * empty on first use, every write saved before it returns).
 */
export async function openCluster(flags: ClusterFlags, io: CliIO): Promise<OpenedCluster> {
  const stateDir = resolve(io.cwd, flags.stateDir);
  if (flags.kubeconfig) {
    const path = resolve(io.cwd, flags.kubeconfig);
    const { KubeConfig } = await import('@kubernetes/client-node');
    const { connectKubeCluster } = await import('@gitops-kit/core/kube');
    const kc = new KubeConfig();
    try {
      kc.loadFromFile(path);
    } catch (err) {
      throw new Error(`--kubeconfig ${flags.kubeconfig}: ${(err as Error).message.split('\n')[0]}`);
    }
    const current = kc.getCurrentCluster();
    if (!current) throw new Error(`--kubeconfig ${flags.kubeconfig}: no current cluster`);
    const cluster = await connectKubeCluster({ kubeConfig: kc });
    return { cluster, stateDir, description: `cluster ${current.server} (kubeconfig ${flags.kubeconfig})` };
  }
  const memory = await MemoryCluster.open({ dir: stateDir });
  return { cluster: memory, memory, stateDir, description: `in-memory cluster (${flags.stateDir})` };
}
