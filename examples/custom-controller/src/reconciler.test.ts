import { type KubeObject, getCondition, isReady, isStalled } from '@gitops-kit/core';
import { describe, expect, it } from 'vitest';
import { exampleApps, runExample } from './example.js';
import { type WebApp, webApp } from './webapp.js';

interface Container {
  image: string;
  ports: { containerPort: number }[];
}
type DeploymentSpec = { replicas: unknown; template: { spec: { containers: Container[] } } };
/** The object's spec, typed (fails the test when the object is missing). */
function specOf<T>(o: KubeObject | undefined): T {
  expect(o).toBeDefined();
  return o!.spec as T;
}

const ref = (kind: string, apiVersion: string, name: string) => ({
  apiVersion,
  kind,
  namespace: 'apps',
  name,
});

describe('WebApp controller', () => {
  it('renders, applies and health-checks each WebApp; fails a rollout that never pulls; stalls a bad spec', async () => {
    const { cluster, report } = await runExample({
      apps: exampleApps,
      rolloutMs: 20,
      failImages: /:does-not-exist$/,
    });
    const outcome = Object.fromEntries(report.objects.map((o) => [o.ref.name, o.outcome]));
    expect(outcome).toEqual({ podinfo: 'Ready', shop: 'Ready', canary: 'Failed', typo: 'Stalled' });

    const deployment = await cluster.get(ref('Deployment', 'apps/v1', 'podinfo'));
    const spec = specOf<DeploymentSpec>(deployment);
    // Substituted values take their YAML type, as in Flux: replicas is the integer 2.
    expect(spec.replicas).toBe(2);
    expect(spec.template.spec.containers[0]?.image).toBe('ghcr.io/stefanprodan/podinfo:6.7.0');
    expect(spec.template.spec.containers[0]?.ports[0]?.containerPort).toBe(9898);
    expect(deployment?.metadata.labels).toMatchObject({
      'app.kubernetes.io/managed-by': 'webapp-controller',
    });
    expect(deployment?.metadata.ownerReferences?.[0]).toMatchObject({
      kind: 'WebApp',
      name: 'podinfo',
      controller: true,
    });
    // `${PORT:=8080}`: the default applies when the WebApp has no port.
    const shop = await cluster.get(ref('Deployment', 'apps/v1', 'shop'));
    expect(specOf<DeploymentSpec>(shop).template.spec.containers[0]?.ports[0]?.containerPort).toBe(8080);
    const ingress = await cluster.get(ref('Ingress', 'networking.k8s.io/v1', 'podinfo'));
    expect(specOf<{ rules: { host: string }[] }>(ingress).rules[0]?.host).toBe('podinfo.example.com');

    const podinfo = (await cluster.get(
      ref('WebApp', 'example.gitops-kit.dev/v1alpha1', 'podinfo'),
    )) as WebApp;
    expect(isReady(podinfo)).toBe(true);
    expect(getCondition(podinfo, 'Healthy')).toMatchObject({ status: 'True', reason: 'Succeeded' });
    expect(podinfo.status?.observedGeneration).toBe(podinfo.metadata.generation);
    expect(podinfo.status?.inventory?.entries).toEqual([
      { id: 'apps_podinfo__Service', v: 'v1' },
      { id: 'apps_podinfo_apps_Deployment', v: 'v1' },
      { id: 'apps_podinfo_networking.k8s.io_Ingress', v: 'v1' },
    ]);

    const canary = (await cluster.get(ref('WebApp', 'example.gitops-kit.dev/v1alpha1', 'canary'))) as WebApp;
    expect(getCondition(canary, 'Ready')).toMatchObject({ status: 'False', reason: 'HealthCheckFailed' });
    expect(getCondition(canary, 'Ready')?.message).toContain('Deployment/apps/canary');

    const typo = (await cluster.get(ref('WebApp', 'example.gitops-kit.dev/v1alpha1', 'typo'))) as WebApp;
    expect(isStalled(typo)).toBe(true);
    expect(getCondition(typo, 'Ready')).toMatchObject({ status: 'False', reason: 'InvalidSpec' });
    // A stalled WebApp creates nothing.
    expect(await cluster.get(ref('Deployment', 'apps/v1', 'typo'))).toBeUndefined();
  });

  it('fails the health check of a rollout slower than spec.healthCheckTimeout', async () => {
    const slow = webApp('apps', 'slow', {
      image: 'registry.example.com/slow:1',
      host: 'slow.example.com',
      healthCheckTimeout: '1s',
    });
    const { report } = await runExample({ apps: [slow], rolloutMs: 5_000 });
    expect(report.objects[0]).toMatchObject({ outcome: 'Failed' });
    expect(report.objects[0]?.conditions.find((c) => c.type === 'Ready')).toMatchObject({
      status: 'False',
      reason: 'HealthCheckFailed',
      message: "timeout waiting for: [Deployment/apps/slow status: 'InProgress']",
    });
  });

  it('garbage-collects the rendered objects when the WebApp is deleted', async () => {
    const [podinfo] = exampleApps;
    const { cluster } = await runExample({ apps: [podinfo!], rolloutMs: 10 });
    expect(await cluster.get(ref('Service', 'v1', 'podinfo'))).toBeDefined();
    await cluster.delete(ref('WebApp', 'example.gitops-kit.dev/v1alpha1', 'podinfo'));
    expect(await cluster.get(ref('Service', 'v1', 'podinfo'))).toBeUndefined();
  });
});
