// Post-build substitution policies of a fleet repository, checked the way kustomize-controller
// applies them: kustomize build, then Flux's envsubst with the cluster's variables, strict.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { type KubeObject, isGitOpsKitError } from '@gitops-kit/core';
import {
  type Kustomization,
  build,
  listSourceReader,
  postBuildSubstitute,
  substitute,
} from '@gitops-kit/kustomize';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

const appDir = fileURLToPath(new URL('../testdata/app', import.meta.url));
const clusterConfig = parse(
  readFileSync(new URL('../testdata/cluster-config.yaml', import.meta.url), 'utf8'),
) as KubeObject;

/** The Flux Kustomization that deploys testdata/app on a cluster. */
function appsKustomization(postBuild: NonNullable<Kustomization['spec']['postBuild']>): Kustomization {
  return {
    apiVersion: 'kustomize.toolkit.fluxcd.io/v1',
    kind: 'Kustomization',
    metadata: { name: 'apps', namespace: 'flux-system' },
    spec: {
      interval: '10m',
      path: './apps',
      prune: true,
      sourceRef: { kind: 'GitRepository', name: 'flux-system' },
      postBuild,
    },
  };
}

/** What kustomize-controller would apply: `kustomize build` + post-build substitution. */
async function render(
  ks: Kustomization,
  configObjects: KubeObject[] = [clusterConfig],
  strict = true,
): Promise<KubeObject[]> {
  const built = await build({ path: appDir });
  const objects = built.resources.map((r) => r.toObject() as KubeObject);
  return postBuildSubstitute(objects, ks, { reader: listSourceReader(configObjects), strict });
}

const byKind = (objects: KubeObject[], kind: string) => objects.find((o) => o.kind === kind)!;
const container = (deployment: KubeObject) =>
  (deployment.spec as { template: { spec: { containers: { image: string; env: unknown[] }[] } } }).template
    .spec.containers[0]!;

describe('substitution with the cluster config', () => {
  const fromClusterConfig = appsKustomization({
    substituteFrom: [{ kind: 'ConfigMap', name: 'cluster-config' }],
  });

  it('fills every variable from the cluster-config ConfigMap', async () => {
    const deployment = byKind(await render(fromClusterConfig), 'Deployment');
    expect(container(deployment).image).toBe('registry.example.com/web:1.4.2');
    expect(container(deployment).env).toEqual([
      { name: 'CLUSTER', value: 'production' },
      { name: 'REGION', value: 'eu-west-1' }, // ${REGION,,}: lower case
    ]);
  });

  it('applies a default and keeps its YAML type (replicas is the integer 2)', async () => {
    const deployment = byKind(await render(fromClusterConfig), 'Deployment');
    expect((deployment.spec as { replicas: unknown }).replicas).toBe(2);
  });

  it('lets inline postBuild.substitute override substituteFrom', async () => {
    const ks = appsKustomization({
      substituteFrom: [{ kind: 'ConfigMap', name: 'cluster-config' }],
      substitute: { REPLICAS: '5', WEB_VERSION: '1.5.0-rc.1' },
    });
    const deployment = byKind(await render(ks), 'Deployment');
    expect((deployment.spec as { replicas: unknown }).replicas).toBe(5);
    expect(container(deployment).image).toBe('registry.example.com/web:1.5.0-rc.1');
  });

  it('leaves objects marked kustomize.toolkit.fluxcd.io/substitute: disabled alone', async () => {
    const scripts = byKind(await render(fromClusterConfig), 'ConfigMap');
    expect(scripts.data).toEqual({ 'start.sh': 'echo "starting ${HOSTNAME}"' });
  });
});

describe('strict mode catches what would break a cluster', () => {
  const ks = appsKustomization({ substituteFrom: [{ kind: 'ConfigMap', name: 'cluster-config' }] });
  /** A cluster whose config forgot a variable. */
  const without = (name: string): KubeObject => {
    const data = { ...(clusterConfig.data as Record<string, string>) };
    delete data[name];
    return { ...clusterConfig, data };
  };

  it('a variable the cluster does not set fails the build (kustomize-controller is strict)', async () => {
    const err = await render(ks, [without('CLUSTER_NAME')]).catch((e: unknown) => e);
    expect(isGitOpsKitError(err, 'VariableNotSet')).toBe(true);
  });

  it('without strict mode (flux build) the same variable silently becomes empty: `value:` is null', async () => {
    const deployment = byKind(await render(ks, [without('CLUSTER_NAME')], false), 'Deployment');
    // The substituted text `value: ` reads back as YAML null, as in Flux.
    expect(container(deployment).env[0]).toEqual({ name: 'CLUSTER', value: null });
  });

  it('an empty value can even break the YAML: `image: registry.example.com/web:` is not a scalar', async () => {
    const err = await render(ks, [without('WEB_VERSION')], false).catch((e: unknown) => e);
    expect(isGitOpsKitError(err, 'SubstitutionFailed')).toBe(true);
  });

  it('a missing substituteFrom ConfigMap fails, unless it is optional', async () => {
    const err = await render(ks, []).catch((e: unknown) => e);
    expect(isGitOpsKitError(err, 'SubstituteFromFailed')).toBe(true);

    const optional = appsKustomization({
      substituteFrom: [{ kind: 'ConfigMap', name: 'cluster-config', optional: true }],
      substitute: { CLUSTER_NAME: 'dev', REGION: 'local', WEB_VERSION: 'latest' },
    });
    const deployment = byKind(await render(optional, []), 'Deployment');
    expect(container(deployment).image).toBe('registry.example.com/web:latest');
  });

  it('a variable name Flux rejects fails the build', async () => {
    const badName = appsKustomization({ substitute: { 'cluster-name': 'x' } });
    const err = await render(badName).catch((e: unknown) => e);
    expect(isGitOpsKitError(err, 'InvalidVariableName')).toBe(true);
  });
});

describe("Flux's envsubst dialect", () => {
  it.each<{ name: string; input: string; vars: Record<string, string>; want: string }>([
    { name: 'plain variable', input: 'v${VERSION}', vars: { VERSION: '1.2.3' }, want: 'v1.2.3' },
    { name: 'default when unset', input: '${REPLICAS:=2}', vars: {}, want: '2' },
    { name: 'default when empty', input: '${REPLICAS:-2}', vars: { REPLICAS: '' }, want: '2' },
    { name: 'upper case', input: '${env^^}', vars: { env: 'prod' }, want: 'PROD' },
    { name: 'substring', input: '${SHA:0:7}', vars: { SHA: '8d3a1f0c9b2e' }, want: '8d3a1f0' },
    { name: 'trim a prefix', input: '${IMAGE#*/}', vars: { IMAGE: 'ghcr.io/org/app' }, want: 'org/app' },
    { name: '$$ escapes', input: '$${HOME} ${USER}', vars: { USER: 'flux' }, want: '${HOME} flux' },
    { name: '$var without braces is left alone', input: '$USER', vars: { USER: 'flux' }, want: '$USER' },
  ])('$name', ({ input, vars, want }) => {
    expect(substitute(input, vars, { strict: true })).toBe(want);
  });

  it.each([
    { name: 'unset in strict mode', input: '${MISSING}', code: 'VariableNotSet' },
    { name: 'unclosed expression', input: '${OOPS', code: 'BadSubstitution' },
  ])('$name fails with $code', ({ input, code }) => {
    let err: unknown;
    try {
      substitute(input, {}, { strict: true });
    } catch (e) {
      err = e;
    }
    expect(isGitOpsKitError(err, code as never)).toBe(true);
  });
});
