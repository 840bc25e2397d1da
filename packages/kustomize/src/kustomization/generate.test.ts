import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { isGitOpsKitError } from '@gitops-kit/core';
import { generateKustomization, isLocalRelativePath } from './generate.js';

// Expected kustomizations follow fluxcd/pkg kustomize/kustomize_generator.go (GenerateManifest,
// findOrGenerateKustomization, scanManifests) and its tests (TestGenerator_EmptyDir,
// TestGenerator_NoResources, images/components handling).
const dir = (name: string) => fileURLToPath(new URL(`../../testdata/generate/${name}`, import.meta.url));

describe('generateKustomization', () => {
  it('generates one listing manifests and kustomization dirs, in walk order', async () => {
    const g = await generateKustomization(dir('plain'), {});
    expect(g.action).toBe('created');
    expect(g.file).toBe(`${dir('plain')}/kustomization.yaml`);
    expect(g.kustomization).toEqual({
      apiVersion: 'kustomize.config.k8s.io/v1beta1',
      kind: 'Kustomization',
      resources: ['./base', './deployment.yaml', './sub/cm.yml'],
    });
  });

  it('uses _placeholder for an empty directory', async () => {
    const g = await generateKustomization(dir('empty'), {});
    expect(g.kustomization.namespace).toBe('_placeholder');
    expect(g.kustomization.resources).toBeUndefined();
  });

  it('rejects a YAML file that is not a Kubernetes object', async () => {
    await expect(generateKustomization(dir('invalid'), {})).rejects.toSatisfy((e) =>
      isGitOpsKitError(e, 'InvalidManifest'),
    );
  });

  it('patches an existing kustomization in Flux order', async () => {
    const g = await generateKustomization(dir('existing'), {
      targetNamespace: 'apps',
      namePrefix: 'p-',
      nameSuffix: '-s',
      patches: [{ patch: 'kind: Deployment', target: { kind: 'Deployment', name: 'app' } }],
      components: ['comp', 'missing'],
      ignoreMissingComponents: true,
      images: [
        { name: 'nginx', newTag: '2.0' },
        { name: 'redis', newName: 'other/redis' },
        {
          name: 'busybox',
          digest: 'sha256:1111111111111111111111111111111111111111111111111111111111111111',
        },
      ],
    });
    expect(g.action).toBe('unchanged');
    expect(g.kustomization).toEqual({
      apiVersion: 'kustomize.config.k8s.io/v1beta1',
      kind: 'Kustomization',
      namespace: 'apps',
      namePrefix: 'p-',
      nameSuffix: '-s',
      resources: ['deployment.yaml'],
      images: [
        { name: 'nginx', newTag: '2.0' },
        { name: 'redis', newName: 'other/redis' },
        {
          name: 'busybox',
          digest: 'sha256:1111111111111111111111111111111111111111111111111111111111111111',
        },
      ],
      patches: [
        {
          patch: '[{"op": "add", "path": "/metadata/labels/x", "value": "y"}]',
          target: { kind: 'Deployment' },
        },
        { patch: 'kind: Deployment', target: { kind: 'Deployment', name: 'app' } },
      ],
      components: ['comp'],
    });
  });

  it('adds originAnnotations build metadata to an existing kustomization without resources', async () => {
    const g = await generateKustomization(`${dir('existing')}/comp`, {});
    expect(g.kustomization.buildMetadata).toEqual(['originAnnotations']);
  });

  it.each([
    { name: 'decryption', spec: { decryption: { provider: 'sops' } }, code: 'DecryptionNotSupported' },
    { name: 'remote component', spec: { components: ['https://github.com/x/y'] }, code: 'InvalidSpec' },
    { name: 'absolute component', spec: { components: ['/etc'] }, code: 'InvalidSpec' },
  ])('rejects $name', async ({ spec, code }) => {
    await expect(generateKustomization(dir('existing'), spec)).rejects.toSatisfy((e) =>
      isGitOpsKitError(e, code),
    );
  });

  it('reports a missing path', async () => {
    await expect(generateKustomization(dir('nope'), {})).rejects.toSatisfy((e) =>
      isGitOpsKitError(e, 'PathNotFound'),
    );
  });
});

describe('isLocalRelativePath', () => {
  it.each([
    { input: 'components/a', want: true },
    { input: '../shared', want: true },
    { input: 'GIT::https://x', want: false },
    { input: 'github.com/org/repo', want: false },
    { input: 'file:///abs', want: false },
    { input: '/abs', want: false },
  ])('$input', ({ input, want }) => {
    expect(isLocalRelativePath(input)).toBe(want);
  });
});
