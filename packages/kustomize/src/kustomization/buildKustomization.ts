import * as fsp from 'node:fs/promises';
import * as path from 'node:path';
import type { KubeObject } from '@gitops-kit/core';
import { ownerLabels, withMetadata } from '../apply/metadata.js';
import { type ResourceList, build } from '../build/build.js';
import { type KustomizeFileSystem, nodeFileSystem } from '../build/fs.js';
import { LoadRestrictor } from '../build/loader.js';
import { KustomizeError } from '../errors/KustomizeError.js';
import { type SubstituteSourceReader, postBuildSubstitute } from '../substitute/postBuild.js';
import { generateKustomization } from './generate.js';
import { maskSopsData } from './maskSops.js';
import type { Kustomization } from './types.js';

/** Options of {@link kustomizeFluxBuild}. */
export interface KustomizeFluxBuildOptions {
  /** The directory `spec.path` points at (absolute, or relative to the working directory). */
  path: string;
  /** The Flux Kustomization whose spec is layered onto the kustomization (only `spec` is read). */
  kustomization: Pick<Kustomization, 'spec'>;
  signal?: AbortSignal;
}

/** The result of {@link kustomizeFluxBuild}. */
export interface KustomizeFluxBuildResult {
  /** The built objects, in kustomize's output order, before post-build substitution. */
  objects: KubeObject[];
  /** Warnings kustomize printed (deprecated fields). */
  warnings: string[];
}

/**
 * A file system that shows `file` with `content` over the real disk, so the kustomization Flux
 * generates or patches is built without writing to the user's directory (flux
 * `--in-memory-build`).
 */
function overlayFileSystem(file: string, content: string): KustomizeFileSystem {
  const bytes = new TextEncoder().encode(content);
  return {
    async readFile(p) {
      return p === file ? bytes : nodeFileSystem.readFile(p);
    },
    async stat(p) {
      return p === file
        ? { isDirectory: false, isFile: true, size: bytes.byteLength }
        : nodeFileSystem.stat(p);
    },
    async realpath(p) {
      return p === file ? p : nodeFileSystem.realpath(p);
    },
  };
}

/**
 * Flux's build of a Kustomization's directory, before post-build substitution: the kustomization
 * file is generated or patched from the spec ({@link generateKustomization}: `targetNamespace`,
 * `namePrefix`/`nameSuffix`, `patches`, `components`, `images`, `buildMetadata`), then built by the
 * kustomize engine with Flux's settings (`LoadRestrictionsNone`, builtin plugins only). The
 * directory is never written to: the patched kustomization is read from memory.
 *
 * Use it as the `build` of {@link kustomizationReconciler} when artifacts are extracted to disk.
 *
 * @throws {KustomizationError} `PathNotFound`, `InvalidManifest`, `InvalidSpec`,
 *   `DecryptionNotSupported` (from {@link generateKustomization}).
 * @throws {KustomizeError} the build errors of {@link build}, message prefixed `kustomize build
 *   failed: ` as Flux prints it.
 * @see https://github.com/fluxcd/pkg/blob/main/kustomize/kustomize_generator.go `Build`
 * @example
 * ```ts
 * const { objects } = await kustomizeFluxBuild({ path: './deploy', kustomization: ks });
 * ```
 */
export async function kustomizeFluxBuild(
  options: KustomizeFluxBuildOptions,
): Promise<KustomizeFluxBuildResult> {
  let dir = path.resolve(options.path);
  try {
    dir = await fsp.realpath(dir);
  } catch {
    // generateKustomization reports the missing path.
  }
  const generated = await generateKustomization(dir, options.kustomization.spec ?? {});
  const fs = overlayFileSystem(
    generated.file.split(path.sep).join('/'),
    `${JSON.stringify(generated.kustomization)}\n`,
  );
  let list: ResourceList;
  try {
    list = await build({
      path: dir.split(path.sep).join('/'),
      fs,
      loadRestrictor: LoadRestrictor.None,
      signal: options.signal,
    });
  } catch (err) {
    if (err instanceof KustomizeError && err.code !== 'Aborted') {
      throw new KustomizeError(err.code, `kustomize build failed: ${err.message}`, {
        data: err.data,
        cause: err,
      });
    }
    throw err;
  }
  const objects: KubeObject[] = [];
  for (const r of list.resources) {
    const o = r.toObject() as KubeObject;
    // ssautil.ReadObjects drops kustomize config documents and objects without name/kind/apiVersion.
    if (!o.metadata?.name || !o.kind || !o.apiVersion) continue;
    if (o.kind.toLowerCase() === 'kustomization' && o.apiVersion.startsWith('kustomize.config.k8s.io/'))
      continue;
    objects.push(o);
  }
  return { objects, warnings: [...list.warnings] };
}

/** Options of {@link buildKustomization}. */
export interface BuildKustomizationOptions extends KustomizeFluxBuildOptions {
  /** The Kustomization (its `metadata.name`/`namespace` become the owner labels). */
  kustomization: Pick<Kustomization, 'metadata' | 'spec'>;
  /**
   * Reads the ConfigMaps and Secrets `spec.postBuild.substituteFrom` names (a cluster, or
   * {@link listSourceReader} over a file). Omitted, `substituteFrom` is skipped and only
   * `postBuild.substitute` applies, as `flux build --dry-run`.
   */
  reader?: SubstituteSourceReader;
  /** Strict substitution (`--strict-substitute`). Default `false`, as `flux build`. */
  strict?: boolean;
  /**
   * Replace SOPS-encrypted Secret values with `**SOPS**` ({@link maskSopsData}), as `flux build`
   * prints them. Default `true`.
   */
  maskSecrets?: boolean;
}

/** Defaults of {@link BuildKustomizationOptions}. */
export const buildKustomizationDefaults = { strict: false, maskSecrets: true } as const;

/**
 * `flux build kustomization`: what kustomize-controller would apply for a Kustomization whose
 * `spec.path` is the local directory `path`, in Flux's order:
 *
 * 1. {@link kustomizeFluxBuild} (generate or patch the kustomization, kustomize build);
 * 2. post-build substitution per object (`spec.postBuild`; `substituteFrom` through `reader`);
 * 3. the owner labels `kustomize.toolkit.fluxcd.io/name` and `/namespace`;
 * 4. SOPS-encrypted Secret values masked (`maskSecrets`);
 * 5. `spec.commonMetadata` labels and annotations (overriding existing keys).
 *
 * `spec.decryption` is not an error here: like `flux build`, nothing is decrypted and encrypted
 * values are masked. Render the result with {@link objectsToYaml} for `flux build`'s output.
 *
 * @throws {KustomizationError} the codes of {@link kustomizeFluxBuild} and
 *   {@link postBuildSubstitute}; substitution errors read `var substitution failed for '<name>':
 *   ...` as in `flux build`.
 * @see https://github.com/fluxcd/flux2/blob/main/internal/build/build.go `Builder.Build`
 * @example
 * ```ts
 * const objects = await buildKustomization({ path: './apps', kustomization: ks, strict: true });
 * process.stdout.write(objectsToYaml(objects));
 * ```
 */
export async function buildKustomization(options: BuildKustomizationOptions): Promise<KubeObject[]> {
  const ks = options.kustomization;
  const { decryption: _ignored, ...spec } = ks.spec ?? ({} as Kustomization['spec']);
  const { objects: built } = await kustomizeFluxBuild({
    path: options.path,
    kustomization: { spec: spec as Kustomization['spec'] },
    signal: options.signal,
  });
  let objects = await postBuildSubstitute(built, ks, {
    reader: options.reader,
    strict: options.strict ?? buildKustomizationDefaults.strict,
    signal: options.signal,
    errorPrefix: (obj) => `var substitution failed for '${obj.metadata?.name ?? ''}': `,
  });
  const owner = ownerLabels(ks.metadata?.name ?? '', ks.metadata?.namespace ?? '');
  const mask = options.maskSecrets ?? buildKustomizationDefaults.maskSecrets;
  objects = objects.map((o) => {
    const labelled = withMetadata(o, owner);
    return mask ? maskSopsData(labelled) : labelled;
  });
  const cm = ks.spec?.commonMetadata;
  if (cm) objects = objects.map((o) => withMetadata(o, cm.labels, cm.annotations));
  return objects;
}
