import type { PostRenderer } from '../render/helmTemplate.js';

/** A Flux `Kustomize.patches[]` entry: a strategic merge or JSON 6902 patch with an optional target. */
export interface KustomizePatch {
  /** The patch: a strategic merge patch (YAML object) or a JSON 6902 patch (YAML/JSON list). */
  patch: string;
  /** Which resources to patch; without it the patch's own kind/name select (strategic merge only). */
  target?: {
    group?: string;
    version?: string;
    kind?: string;
    name?: string;
    namespace?: string;
    labelSelector?: string;
    annotationSelector?: string;
  };
}

/** A Flux `Kustomize.images[]` entry (kustomize's `images` field). */
export interface KustomizeImage {
  /** Image name to match (without tag or digest). */
  name: string;
  newName?: string;
  newTag?: string;
  digest?: string;
}

/** A HelmRelease `spec.postRenderers[].kustomize`. */
export interface KustomizePostRendererSpec {
  patches?: KustomizePatch[];
  images?: KustomizeImage[];
}

/** A HelmRelease `spec.postRenderers[]` entry. */
export interface HelmReleasePostRenderer {
  kustomize?: KustomizePostRendererSpec;
}

/**
 * Flux's Kustomize post-renderer: Helm's manifests become the only resource (`helm-output.yaml`) of
 * an in-memory Kustomization with `patches` and `images` from the spec, built by
 * `@gitops-kit/kustomize` with load restrictions off, as helm-controller does; the result is the
 * kustomize stream (sorted and printed the way kustomize prints). Hooks are not post-rendered
 * (Helm 3's behaviour, {@link helmTemplate}'s post-renderer step).
 *
 * @throws Error from the kustomize build (invalid patch, no resource matches); `helmTemplate`
 *   reports it as `PostRenderFailed`.
 * @see https://github.com/fluxcd/helm-controller/blob/main/internal/postrender/kustomize.go
 * @see https://fluxcd.io/flux/components/helm/helmreleases/#post-renderers
 * @example
 * ```ts
 * const out = await helmTemplate({
 *   chart: './chart',
 *   postRenderer: kustomizePostRenderer({ images: [{ name: 'nginx', newTag: '1.27.3' }] }),
 * });
 * ```
 */
export function kustomizePostRenderer(spec: KustomizePostRendererSpec): PostRenderer {
  const kustomization = {
    apiVersion: 'kustomize.config.k8s.io/v1beta1',
    kind: 'Kustomization',
    resources: ['helm-output.yaml'],
    ...(spec.patches?.length ? { patches: spec.patches } : {}),
    ...(spec.images?.length ? { images: spec.images } : {}),
  };
  const text = JSON.stringify(kustomization);
  return {
    async run(manifests, { signal }) {
      // Loaded on first use: rendering without a post-renderer does not pay for the build engine.
      const { build, memoryFileSystem, LoadRestrictor } = await import('@gitops-kit/kustomize');
      const fs = memoryFileSystem({
        '/postrender/kustomization.yaml': text,
        '/postrender/helm-output.yaml': manifests,
      });
      const list = await build({ path: '/postrender', fs, loadRestrictor: LoadRestrictor.None, signal });
      return list.toYaml();
    },
  };
}

/**
 * The post-renderer for a HelmRelease's `spec.postRenderers`: each `kustomize` entry in order, the
 * output of one feeding the next. `undefined` when there is none.
 *
 * @see https://github.com/fluxcd/helm-controller/blob/main/internal/postrender/build.go
 */
export function postRenderersFromSpec(
  postRenderers: readonly HelmReleasePostRenderer[] | undefined,
): PostRenderer | undefined {
  const chain = (postRenderers ?? [])
    .filter((p) => p.kustomize !== undefined)
    .map((p) => kustomizePostRenderer(p.kustomize!));
  if (chain.length === 0) return undefined;
  return {
    async run(manifests, options) {
      let out = manifests;
      for (const r of chain) out = await r.run(out, options);
      return out;
    },
  };
}
