import { describe, expect, it } from 'vitest';
import { type KubeObject, MemoryCluster, isGitOpsKitError } from '@gitops-kit/core';
import type { Kustomization, PostBuild } from '../kustomization/types.js';
import {
  clusterSourceReader,
  listSourceReader,
  loadSubstituteVariables,
  postBuildSubstitute,
} from './postBuild.js';

// Flux's post-build substitution around the envsubst engine (fluxcd/pkg kustomize/kustomize_varsub.go
// `SubstituteVariables`, `LoadVariables`): sources in order, later wins, inline `substitute` over
// all, `optional` tolerating a missing object only, `\n` stripped from values, the
// `substitute: disabled` label/annotation, `substituteStrategy: Always`, typed results.

const ks = (postBuild: PostBuild | undefined): Pick<Kustomization, 'metadata' | 'spec'> => ({
  metadata: { name: 'apps', namespace: 'flux-system' },
  spec: {
    interval: '1m',
    prune: true,
    sourceRef: { kind: 'GitRepository', name: 'repo' },
    ...(postBuild ? { postBuild } : {}),
  },
});

const cm = (name: string, data: Record<string, string>, namespace = 'flux-system'): KubeObject => ({
  apiVersion: 'v1',
  kind: 'ConfigMap',
  metadata: { name, namespace },
  data,
});
const secret = (name: string, data: Record<string, string>): KubeObject => ({
  apiVersion: 'v1',
  kind: 'Secret',
  metadata: { name, namespace: 'flux-system' },
  data: Object.fromEntries(Object.entries(data).map(([k, v]) => [k, Buffer.from(v).toString('base64')])),
});

const sources = [
  cm('first', { A: 'first', B: 'first', MULTI: 'line1\nline2\n' }),
  secret('second', { B: 'second', C: 'secret-value' }),
  cm('other-ns', { A: 'wrong' }, 'elsewhere'),
];

describe('loadSubstituteVariables', () => {
  it.each([
    {
      name: 'sources in order, later wins, inline substitute overrides all, newlines stripped',
      postBuild: {
        substituteFrom: [
          { kind: 'ConfigMap' as const, name: 'first' },
          { kind: 'Secret' as const, name: 'second' },
        ],
        substitute: { C: 'inline', D: 'a\nb' },
      },
      want: { A: 'first', B: 'second', C: 'inline', D: 'ab', MULTI: 'line1line2' },
    },
    {
      name: 'an optional missing source is skipped',
      postBuild: {
        substituteFrom: [
          { kind: 'ConfigMap' as const, name: 'absent', optional: true },
          { kind: 'ConfigMap' as const, name: 'first' },
        ],
      },
      want: { A: 'first', B: 'first', MULTI: 'line1line2' },
    },
    {
      name: 'sources are read from the Kustomization namespace only',
      postBuild: { substituteFrom: [{ kind: 'ConfigMap' as const, name: 'other-ns', optional: true }] },
      want: {},
    },
    {
      name: 'no postBuild: no variables',
      postBuild: undefined,
      want: {},
    },
  ])('$name', async ({ postBuild, want }) => {
    const cluster = new MemoryCluster({ namespaces: ['default', 'flux-system', 'elsewhere'] });
    for (const o of sources) await cluster.apply(o, { fieldManager: 'test' });
    const vars = await loadSubstituteVariables(ks(postBuild), { reader: clusterSourceReader(cluster) });
    expect(Object.fromEntries(vars)).toEqual(want);
    // The same through an offline list of objects.
    const offline = await loadSubstituteVariables(ks(postBuild), { reader: listSourceReader(sources) });
    expect(Object.fromEntries(offline)).toEqual(want);
  });

  it.each([
    {
      name: 'a missing ConfigMap (the seed incident)',
      postBuild: { substituteFrom: [{ kind: 'ConfigMap' as const, name: 'cluster-config' }] },
      code: 'SubstituteFromFailed',
      message: `substitute from 'ConfigMap/cluster-config' error: configmaps "cluster-config" not found`,
    },
    {
      name: 'a missing Secret',
      postBuild: { substituteFrom: [{ kind: 'Secret' as const, name: 'vars' }] },
      code: 'SubstituteFromFailed',
      message: `substitute from 'Secret/vars' error: secrets "vars" not found`,
    },
    {
      name: 'a non-string inline value',
      postBuild: { substitute: { N: 3 as unknown as string } },
      code: 'InvalidSpec',
      message: '.spec.postBuild.substitute.N accessor error: 3 is of the type number, expected string',
    },
  ])('fails on $name', async ({ postBuild, code, message }) => {
    const err = await loadSubstituteVariables(ks(postBuild), { reader: listSourceReader([]) }).catch(
      (e: unknown) => e,
    );
    expect(isGitOpsKitError(err, code)).toBe(true);
    expect((err as Error).message).toBe(message);
  });

  it('optional tolerates only NotFound: a failing read still fails', async () => {
    const failing = async () => {
      throw new Error('connection refused');
    };
    const err = await loadSubstituteVariables(
      ks({ substituteFrom: [{ kind: 'ConfigMap', name: 'x', optional: true }] }),
      { reader: failing },
    ).catch((e: unknown) => e);
    expect(isGitOpsKitError(err, 'SubstituteFromFailed')).toBe(true);
  });
});

const deployment = (annotations?: Record<string, string>, labels?: Record<string, string>): KubeObject => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: {
    name: 'web',
    namespace: 'apps',
    ...(annotations ? { annotations } : {}),
    ...(labels ? { labels } : {}),
  },
  spec: {
    replicas: '${REPLICAS}',
    paused: '${PAUSED:=false}',
    template: { metadata: { labels: { v: '${VERSION}' } } },
  },
});

describe('postBuildSubstitute', () => {
  const reader = listSourceReader([cm('vars', { REPLICAS: '3', VERSION: '1.0' })]);
  const withFrom = ks({ substituteFrom: [{ kind: 'ConfigMap', name: 'vars' }] });

  it('substitutes with YAML types: an integer, a boolean from a default, and 1.0 becomes the number 1 (the Flux gotcha)', async () => {
    const [out] = await postBuildSubstitute([deployment()], withFrom, { reader });
    expect(out!.spec).toEqual({
      replicas: 3,
      paused: false,
      template: { metadata: { labels: { v: 1 } } },
    });
  });

  it.each([
    { name: 'annotation', obj: deployment({ 'kustomize.toolkit.fluxcd.io/substitute': 'disabled' }) },
    { name: 'label', obj: deployment(undefined, { 'kustomize.toolkit.fluxcd.io/substitute': 'disabled' }) },
  ])('leaves an object with the substitute: disabled $name alone', async ({ obj }) => {
    const [out] = await postBuildSubstitute([obj], withFrom, { reader });
    expect(out).toEqual(obj);
  });

  it('does nothing without postBuild', async () => {
    const [out] = await postBuildSubstitute([deployment()], ks(undefined), { reader });
    expect(out).toEqual(deployment());
  });

  it('skips substitution when no variable resolves, unless substituteStrategy: Always', async () => {
    const empty = ks({ substituteFrom: [{ kind: 'ConfigMap', name: 'empty' }] });
    const r = listSourceReader([cm('empty', {})]);
    const [kept] = await postBuildSubstitute([deployment()], empty, { reader: r, strict: true });
    expect(kept).toEqual(deployment());
    const always = ks({
      substituteStrategy: 'Always',
      substituteFrom: [{ kind: 'ConfigMap', name: 'empty' }],
    });
    const [out] = await postBuildSubstitute([deployment()], always, { reader: r, strict: false });
    expect(out!.spec).toEqual({
      replicas: null,
      paused: false,
      template: { metadata: { labels: { v: null } } },
    });
  });

  it.each([
    { strict: true, want: 'VariableNotSet' },
    { strict: false, want: undefined },
  ])('strict=$strict with an unset variable', async ({ strict, want }) => {
    const only = ks({ substitute: { REPLICAS: '2' } });
    const run = postBuildSubstitute([deployment()], only, { strict });
    if (want) {
      const err = await run.catch((e: unknown) => e);
      expect(isGitOpsKitError(err, want)).toBe(true);
      expect((err as Error).message).toBe(
        `post build failed for 'apps_v1_Deployment/web': envsubst error: variable substitution failed: variable not set (strict mode): "VERSION"`,
      );
    } else {
      const [out] = await run;
      expect(out!.spec).toEqual({
        replicas: 2,
        paused: false,
        template: { metadata: { labels: { v: null } } },
      });
    }
  });

  it('strict is the default, as kustomize-controller (StrictPostBuildSubstitutions)', async () => {
    const err = await postBuildSubstitute([deployment()], ks({ substitute: { REPLICAS: '2' } })).catch(
      (e: unknown) => e,
    );
    expect(isGitOpsKitError(err, 'VariableNotSet')).toBe(true);
  });

  it("names the object in errors with the caller's prefix (flux build wording)", async () => {
    const err = await postBuildSubstitute([deployment()], withFrom, {
      reader: listSourceReader([]),
      errorPrefix: (o) => `var substitution failed for '${o.metadata.name}': `,
    }).catch((e: unknown) => e);
    expect((err as Error).message).toBe(
      `var substitution failed for 'web': substitute from 'ConfigMap/vars' error: configmaps "vars" not found`,
    );
  });

  it('rejects invalid variable names', async () => {
    const err = await postBuildSubstitute([deployment()], ks({ substitute: { 'BAD-NAME': 'x' } }), {
      strict: false,
    }).catch((e: unknown) => e);
    expect(isGitOpsKitError(err, 'InvalidVariableName')).toBe(true);
  });
});
