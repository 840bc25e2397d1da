import { GitOpsKitError, type GitOpsKitErrorOptions } from '@gitops-kit/core/errors';

/**
 * Error codes thrown by `@gitops-kit/kustomize`. Each is documented in `docs/errors.md`.
 * Messages keep kustomize's own wording where it has one, so they can be compared with
 * `kubectl kustomize` output.
 */
export const KustomizeErrorCode = {
  /** A YAML file does not parse (go-yaml v3 semantics): `yaml: line N: ...`. */
  MalformedYaml: 'MalformedYaml',
  /** A kustomization file has an unknown field, a field of the wrong type, or a bad kind/apiVersion. */
  InvalidKustomization: 'InvalidKustomization',
  /** No `kustomization.yaml`, `kustomization.yml` or `Kustomization` in a directory. */
  MissingKustomization: 'MissingKustomization',
  /** More than one kustomization file in a directory. */
  MultipleKustomizations: 'MultipleKustomizations',
  /** A resource, patch, generator input or other file does not exist or cannot be read. */
  FileNotFound: 'FileNotFound',
  /** A path escapes the kustomization root under `LoadRestrictionsRootOnly`. */
  LoadRestriction: 'LoadRestriction',
  /** A kustomization includes itself, directly or through its bases or components. */
  CycleDetected: 'CycleDetected',
  /** A resource is malformed: no kind, no `metadata.name`, an empty list item, a duplicate id. */
  InvalidResource: 'InvalidResource',
  /** A generator (`configMapGenerator`, `secretGenerator`) is misconfigured or its inputs are bad. */
  InvalidGenerator: 'InvalidGenerator',
  /** A patch is malformed, does not apply, or matches no (or more than one) resource. */
  PatchFailed: 'PatchFailed',
  /** A transformer (namespace, labels, images, replicas, name reference, ...) cannot be applied. */
  TransformFailed: 'TransformFailed',
  /** A `replacements` entry is malformed or cannot be applied. */
  ReplacementFailed: 'ReplacementFailed',
  /** A legacy `vars` entry is malformed, duplicated or its target cannot be found. */
  InvalidVar: 'InvalidVar',
  /** `helmCharts` without `enableHelm` (kustomize's own error), or Helm inflation not yet supported. */
  HelmNotEnabled: 'HelmNotEnabled',
  /** A feature kustomize supports that this build does not (yet): remote resources, exec plugins, Helm. */
  NotSupported: 'NotSupported',
  /** An input exceeds a safety bound: file size, alias expansion, nesting depth. */
  LimitExceeded: 'LimitExceeded',
  /** The build was aborted through its `AbortSignal`. */
  Aborted: 'Aborted',
} as const;
/** @see {@link KustomizeErrorCode} */
export type KustomizeErrorCode = (typeof KustomizeErrorCode)[keyof typeof KustomizeErrorCode];

/** An error from `@gitops-kit/kustomize`; `code` is a {@link KustomizeErrorCode}. */
export class KustomizeError extends GitOpsKitError<KustomizeErrorCode> {
  constructor(code: KustomizeErrorCode, message: string, options?: GitOpsKitErrorOptions) {
    super(code, message, options);
    this.name = 'KustomizeError';
  }
}

/** Re-throws `err` with `prefix: ` in front of its message, keeping code, data and cause. */
export function wrapError(err: unknown, prefix: string): never {
  if (err instanceof KustomizeError) {
    throw new KustomizeError(err.code, `${prefix}: ${err.message}`, { data: err.data, cause: err.cause });
  }
  throw err;
}
