import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { type KubeObject, isGitOpsKitError } from '@gitops-kit/core';
import { listSourceReader } from '../substitute/postBuild.js';
import { buildKustomization, kustomizeFluxBuild } from './buildKustomization.js';
import { maskSopsData } from './maskSops.js';
import { objectsToYaml } from './objectsToYaml.js';
import type { Kustomization } from './types.js';

// testdata/flux-build: a directory without kustomization file (Flux generates one), a Flux
// Kustomization layering targetNamespace, namePrefix, images, commonMetadata and postBuild on it,
// and the substituteFrom ConfigMap. expected.yaml follows flux2 internal/build/build.go step by
// step (generate, kustomize build, substitution, owner labels, SOPS masking, commonMetadata,
// ObjectsToYAML); its kustomize part is checked against the real `kubectl kustomize` below.
const testdata = (p: string) => fileURLToPath(new URL(`../../testdata/flux-build/${p}`, import.meta.url));
const docs = (p: string) =>
  parseAllDocuments(readFileSync(testdata(p), 'utf8')).map((d) => d.toJS() as KubeObject);
const ks = () => docs('ks.yaml')[0] as Kustomization;

function kubectlAvailable(): boolean {
  try {
    execFileSync('kubectl', ['version', '--client'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

describe('buildKustomization (flux build kustomization)', () => {
  it('builds, substitutes, labels, masks and stamps commonMetadata as flux build', async () => {
    const objects = await buildKustomization({
      path: testdata('app'),
      kustomization: ks(),
      reader: listSourceReader(docs('vars.yaml')),
    });
    expect(objectsToYaml(objects)).toBe(readFileSync(testdata('expected.yaml'), 'utf8'));
  });

  it.skipIf(!kubectlAvailable())(
    'builds the generated kustomization as kubectl kustomize does (skipped without kubectl)',
    async () => {
      const { objects } = await kustomizeFluxBuild({ path: testdata('app'), kustomization: ks() });
      // The kustomization Flux generates for this directory and spec (kustomize_generator.go).
      const dir = mkdtempSync(join(tmpdir(), 'flux-build-'));
      try {
        cpSync(testdata('app'), dir, { recursive: true });
        writeFileSync(
          join(dir, 'kustomization.yaml'),
          [
            'apiVersion: kustomize.config.k8s.io/v1beta1',
            'kind: Kustomization',
            'resources: [./base, ./deployment.yaml, ./secret.yaml]',
            'namespace: apps',
            'namePrefix: p-',
            'images: [{name: nginx, newTag: "1.27"}]',
            '',
          ].join('\n'),
        );
        const out = execFileSync('kubectl', ['kustomize', dir], { encoding: 'utf8' });
        const want = parseAllDocuments(out).map((d) => d.toJS() as KubeObject);
        expect(objects).toEqual(want);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  );

  it('never writes to the directory', async () => {
    await kustomizeFluxBuild({ path: testdata('app'), kustomization: ks() });
    expect(() => readFileSync(testdata('app/kustomization.yaml'))).toThrow();
  });

  it.each([
    {
      name: 'strict without substituteFrom sources: the unset variable is an error',
      options: { strict: true },
      want: {
        code: 'VariableNotSet',
        message: `var substitution failed for 'p-web': envsubst error: variable substitution failed: variable not set (strict mode): "REPLICAS"`,
      },
    },
    {
      name: 'a source list without the ConfigMap: substituteFrom fails as in the cluster',
      options: { reader: listSourceReader([]) },
      want: {
        code: 'SubstituteFromFailed',
        message: `var substitution failed for 'p-creds': substitute from 'ConfigMap/cluster-config' error: configmaps "cluster-config" not found`,
      },
    },
  ])('$name', async ({ options, want }) => {
    const err = await buildKustomization({ path: testdata('app'), kustomization: ks(), ...options }).catch(
      (e: unknown) => e,
    );
    expect(isGitOpsKitError(err)).toBe(true);
    expect(err).toMatchObject(want);
  });

  it('skips substituteFrom without a reader (flux build --dry-run): unset variables become empty', async () => {
    const objects = await buildKustomization({ path: testdata('app'), kustomization: ks() });
    const web = objects.find((o) => o.kind === 'Deployment')!;
    expect((web.spec as { replicas: unknown }).replicas).toBeNull();
  });

  it('does not fail on spec.decryption (flux build masks instead of decrypting)', async () => {
    const k = ks();
    k.spec.decryption = { provider: 'sops' };
    const objects = await buildKustomization({
      path: testdata('app'),
      kustomization: k,
      reader: listSourceReader(docs('vars.yaml')),
    });
    expect(objects.map((o) => o.metadata.name)).toEqual(['p-literal', 'p-creds', 'p-encrypted', 'p-web']);
  });

  it('fails on a missing path and names it', async () => {
    const err = await buildKustomization({ path: testdata('missing'), kustomization: ks() }).catch(
      (e: unknown) => e,
    );
    expect(err).toMatchObject({ code: 'PathNotFound' });
  });

  it('prefixes kustomize errors with "kustomize build failed"', async () => {
    const k = ks();
    k.spec.components = ['missing-component'];
    const err = await buildKustomization({ path: testdata('app'), kustomization: k }).catch(
      (e: unknown) => e,
    );
    expect(isGitOpsKitError(err)).toBe(true);
    expect((err as Error).message).toMatch(/^kustomize build failed: /);
  });
});

const secret = (extra: Record<string, unknown>): KubeObject => ({
  apiVersion: 'v1',
  kind: 'Secret',
  metadata: { name: 's' },
  ...extra,
});
const MASK_B64 = Buffer.from('**SOPS**').toString('base64');
const DOCKER_MASK = '{"mask":"**SOPS**"}';

describe('maskSopsData', () => {
  it.each([
    {
      name: 'plain values are kept',
      input: secret({ data: { a: Buffer.from('x').toString('base64') }, stringData: { b: 'y' } }),
      want: secret({ data: { a: Buffer.from('x').toString('base64') }, stringData: { b: 'y' } }),
    },
    {
      name: 'encrypted data and stringData values are masked one by one',
      input: secret({
        data: { enc: Buffer.from('ENC[AES256_GCM,data:x] sops').toString('base64'), plain: 'eA==' },
        stringData: { enc: 'sops ENC[x]' },
      }),
      want: secret({ data: { enc: MASK_B64, plain: 'eA==' }, stringData: { enc: MASK_B64 } }),
    },
    {
      name: 'a sops-encrypted Secret loses its sops block and every value',
      input: secret({ data: { a: 'eA==' }, stringData: { b: 'y' }, sops: { mac: 'ENC[x]' } }),
      want: secret({ data: { a: MASK_B64 }, stringData: { b: '**SOPS**' } }),
    },
    {
      name: 'dockerconfigjson Secrets are masked with a JSON object',
      input: secret({
        type: 'kubernetes.io/dockerconfigjson',
        data: { '.dockerconfigjson': 'eA==' },
        sops: { mac: 'ENC[x]' },
      }),
      want: secret({
        type: 'kubernetes.io/dockerconfigjson',
        data: { '.dockerconfigjson': Buffer.from(DOCKER_MASK).toString('base64') },
      }),
    },
    {
      name: 'empty data is dropped as kustomize SetDataMap does',
      input: secret({ data: {} }),
      want: secret({}),
    },
    {
      name: 'other kinds are untouched',
      input: { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c' }, data: {} },
      want: { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c' }, data: {} },
    },
  ])('$name', ({ input, want }) => {
    expect(maskSopsData(input)).toEqual(want);
  });

  it('rejects data that is not base64', () => {
    expect(() => maskSopsData(secret({ data: { a: 'not base64!' } }))).toThrow(
      expect.objectContaining({ code: 'InvalidManifest' }),
    );
  });
});

describe('objectsToYaml', () => {
  it('ends every document with ---', () => {
    expect(objectsToYaml([{ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'a' } }])).toBe(
      'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: a\n---\n',
    );
    expect(objectsToYaml([])).toBe('');
  });
});
