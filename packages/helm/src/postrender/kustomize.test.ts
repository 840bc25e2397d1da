import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { isGitOpsKitError } from '@gitops-kit/core';
import { helmTemplate } from '../render/helmTemplate.js';
import { kustomizePostRenderer, postRenderersFromSpec } from './kustomize.js';

// Golden: real helm v3.17.2 `--post-renderer` running `kubectl kustomize` (kustomize v5.5.0) over
// helm-output.yaml with spec.json's patches and images (testdata/postrender/make-golden.sh).
const dir = fileURLToPath(new URL('../../testdata/postrender/', import.meta.url));
const spec = JSON.parse(readFileSync(`${dir}spec.json`, 'utf8'));
const render = (postRenderer: ReturnType<typeof kustomizePostRenderer> | undefined) =>
  helmTemplate({ chart: `${dir}chart`, releaseName: 'rel', kubeVersion: '1.31.0', postRenderer });

describe('Flux kustomize post-renderer', () => {
  it('patches (strategic merge, JSON 6902, by target or by name) and images like helm + kustomize', async () => {
    const r = await render(kustomizePostRenderer(spec));
    expect(r.output).toBe(readFileSync(`${dir}expected.yaml`, 'utf8'));
  });

  it('chains spec.postRenderers in order', async () => {
    const first = { kustomize: { images: [{ name: 'nginx', newTag: 'first' }] } };
    const second = { kustomize: { images: [{ name: 'nginx', newName: 'mirror/nginx' }] } };
    const r = await render(postRenderersFromSpec([first, {}, second]));
    expect(r.output).toContain('image: mirror/nginx:first');
    expect(postRenderersFromSpec([{}])).toBeUndefined();
  });

  it('fails with PostRenderFailed when a patch does not apply', async () => {
    const bad = kustomizePostRenderer({
      patches: [
        { target: { kind: 'Service' }, patch: '- op: replace\n  path: /spec/nothing/0\n  value: 1\n' },
      ],
    });
    const e = await render(bad).catch((x: unknown) => x);
    expect(isGitOpsKitError(e) && e.code).toBe('PostRenderFailed');
  });
});
