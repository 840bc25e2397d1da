import { GitOpsKitError, type GitOpsKitErrorOptions } from '@gitops-kit/core/errors';

/**
 * Error codes thrown by `@gitops-kit/helm`. Each is documented in `docs/errors.md`.
 *
 * Messages are Helm's own wording (what `helm template` prints after `Error: `), so that a
 * GitOps Kit render and a Helm render fail with the same text.
 */
export const HelmErrorCode = {
  /** The chart path does not exist or cannot be read. */
  ChartNotFound: 'ChartNotFound',
  /** The chart is malformed: `Chart.yaml` missing or invalid (`validation: ...`), a file that does not parse. */
  InvalidChart: 'InvalidChart',
  /** A chart archive is not a gzipped tar, or contains absolute/parent paths or other illegal entries. */
  InvalidArchive: 'InvalidArchive',
  /** A bound was exceeded: archive size after decompression, file count, subchart count, nesting, alias expansion. */
  LimitExceeded: 'LimitExceeded',
  /** A values file or values string is not valid YAML/JSON, or not a map. */
  InvalidValues: 'InvalidValues',
  /** A `--set`/`--set-string`/`--set-json`/`--set-file`/`--set-literal` expression does not parse. */
  InvalidSetValue: 'InvalidSetValue',
  /** Values do not satisfy a chart's `values.schema.json`. */
  SchemaValidation: 'SchemaValidation',
  /** A dependency declared in `Chart.yaml` is absent from `charts/`. */
  MissingDependency: 'MissingDependency',
  /** The chart cannot be rendered directly (`library charts are not installable`). */
  ChartNotInstallable: 'ChartNotInstallable',
  /** The release name is empty, too long or not a DNS-1123 subdomain. */
  InvalidReleaseName: 'InvalidReleaseName',
  /** `--kube-version` does not parse, or the chart's `kubeVersion` constraint rejects it. */
  InvalidKubeVersion: 'InvalidKubeVersion',
  /** A template does not parse (`parse error at (...)`). */
  TemplateParse: 'TemplateParse',
  /** A template failed while executing (`template: ...: executing ...`, `execution error at (...)`). */
  TemplateExec: 'TemplateExec',
  /** A rendered document is not valid YAML or has no usable head (`YAML parse error on ...`). */
  InvalidManifest: 'InvalidManifest',
  /** `--show-only` names a template the chart does not render. */
  TemplateNotFound: 'TemplateNotFound',
  /** A post-renderer failed. */
  PostRenderFailed: 'PostRenderFailed',
  /** A feature is recognised but not supported by GitOps Kit yet. */
  NotSupported: 'NotSupported',
} as const;
/** @see {@link HelmErrorCode} */
export type HelmErrorCode = (typeof HelmErrorCode)[keyof typeof HelmErrorCode];

/**
 * An error from `@gitops-kit/helm`; `code` is a {@link HelmErrorCode}, `message` is Helm's wording.
 * `data.chart` names the chart (path inside the chart tree, e.g. `parent/charts/sub`) when known,
 * `data.file` the file inside it.
 */
export class HelmError extends GitOpsKitError<HelmErrorCode> {
  constructor(code: HelmErrorCode, message: string, options?: GitOpsKitErrorOptions) {
    super(code, message, options);
    this.name = 'HelmError';
  }
}
