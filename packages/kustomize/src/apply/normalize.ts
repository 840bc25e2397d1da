import type { KubeObject } from '@gitops-kit/core';

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Where the pod spec sits, by `apiVersion/Kind`, for the kinds Flux normalizes. */
const POD_SPEC_PATHS: Record<string, string[]> = {
  'v1/Pod': ['spec'],
  'apps/v1/Deployment': ['spec', 'template', 'spec'],
  'apps/v1/StatefulSet': ['spec', 'template', 'spec'],
  'apps/v1/DaemonSet': ['spec', 'template', 'spec'],
  'apps/v1/ReplicaSet': ['spec', 'template', 'spec'],
  'batch/v1/Job': ['spec', 'template', 'spec'],
  'batch/v1/CronJob': ['spec', 'jobTemplate', 'spec', 'template', 'spec'],
};

function at(o: Obj, path: string[]): Obj | undefined {
  let cur: unknown = o;
  for (const p of path) {
    if (!isObj(cur)) return undefined;
    cur = cur[p];
  }
  return isObj(cur) ? cur : undefined;
}

/** Sets `protocol: TCP` on the ports that name none (list items are copied, never shared). */
function defaultProtocol(ports: unknown): unknown {
  if (!Array.isArray(ports)) return ports;
  return ports.map((p) =>
    isObj(p) && (p.protocol === undefined || p.protocol === '') ? { ...p, protocol: 'TCP' } : p,
  );
}

/**
 * Flux's object normalization before server-side apply (fluxcd/pkg `ssa/normalize`
 * `NormalizeUnstructured`), working around API server bugs: container ports and Service ports
 * without `protocol` get `TCP` (the port lists are keyed by protocol and v1.20's apply rejects a
 * missing key: structured-merge-diff#130, kubernetes#98576); a Secret's `stringData` moves into
 * `data` (base64; kubernetes#108008); `metadata.creationTimestamp` is dropped, and `status` too
 * except on CustomResourceDefinitions (kstatus reads it). Returns a new object; `obj` is unchanged.
 *
 * @see https://github.com/fluxcd/pkg/blob/main/ssa/normalize/normalize.go
 */
export function normalizeObject(obj: KubeObject): KubeObject {
  const out = structuredClone(obj) as KubeObject & Obj;
  const podPath = POD_SPEC_PATHS[`${obj.apiVersion}/${obj.kind}`];
  if (podPath) {
    const podSpec = at(out, podPath);
    if (podSpec && Array.isArray(podSpec.containers)) {
      podSpec.containers = podSpec.containers.map((c: unknown) =>
        isObj(c) && Array.isArray(c.ports) ? { ...c, ports: defaultProtocol(c.ports) } : c,
      );
    }
  }
  if (obj.apiVersion === 'v1' && obj.kind === 'Service') {
    const spec = at(out, ['spec']);
    if (spec && Array.isArray(spec.ports)) spec.ports = defaultProtocol(spec.ports);
  }
  if (obj.apiVersion === 'v1' && obj.kind === 'Secret' && isObj(out.stringData)) {
    const stringData = out.stringData;
    if (Object.keys(stringData).length > 0) {
      const data: Obj = isObj(out.data) ? { ...out.data } : {};
      for (const [k, v] of Object.entries(stringData))
        data[k] = Buffer.from(String(v), 'utf8').toString('base64');
      out.data = data;
    }
    delete out.stringData;
  }
  if (isObj(out.metadata)) delete (out.metadata as Obj).creationTimestamp;
  if (obj.kind !== 'CustomResourceDefinition' || obj.apiVersion.split('/')[0] !== 'apiextensions.k8s.io') {
    delete out.status;
  }
  return out;
}
