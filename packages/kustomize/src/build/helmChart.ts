/**
 * `helmCharts` inflation, injected: kustomize's `HelmChartInflationGenerator` runs `helm template`;
 * here the build calls a {@link HelmChartInflater} given in {@link BuildOptions} (the CLI wires
 * `@gitops-kit/helm` in; `@gitops-kit/kustomize` does not depend on it). This file turns one
 * `helmCharts[]` entry and `helmGlobals` into the inflater's request the way kustomize v5.5.0
 * builds its `helm template` command line.
 *
 * @see https://github.com/kubernetes-sigs/kustomize/blob/kustomize/v5.5.0/api/internal/builtins/HelmChartInflationGenerator.go
 */
import * as path from 'node:path';
import type { KustomizeFileSystem } from './fs.js';

/** What a {@link HelmChartInflater} is asked to render: `helm template` of a local chart. */
export interface HelmChartInflationRequest {
  /** Absolute path of the chart directory (`<chartHome>/<name>`). */
  chartDir: string;
  /** Release name (`releaseName`; kustomize's default `release-name`). */
  releaseName: string;
  /** `--namespace`, when `namespace` is set. */
  namespace?: string;
  /** `--name-template`, when set. */
  nameTemplate?: string;
  /**
   * The `valuesFile` (absolute; default the chart's own `values.yaml`), combined with
   * `valuesInline` according to `valuesMerge` (`override`, the default: inline wins; `merge`: the
   * file wins; `replace`: inline only) when `valuesInline` is not empty.
   */
  valuesFile: string;
  valuesInline?: Record<string, unknown>;
  valuesMerge: 'override' | 'merge' | 'replace';
  /** `additionalValuesFiles` (absolute), applied after the values above, in order. */
  additionalValuesFiles: string[];
  apiVersions: string[];
  kubeVersion?: string;
  includeCRDs: boolean;
  skipTests: boolean;
  skipHooks: boolean;
  /** The build's file system (values files are read through it). */
  fs: KustomizeFileSystem;
  signal?: AbortSignal;
}

/** Renders a chart for `helmCharts` and returns `helm template`'s output (a YAML stream). */
export type HelmChartInflater = (request: HelmChartInflationRequest) => Promise<string>;

/** Builds the request for one `helmCharts[]` entry; `root` is the kustomization directory. */
export function helmChartRequest(
  chart: Record<string, unknown>,
  root: string,
  fs: KustomizeFileSystem,
  signal: AbortSignal | undefined,
): HelmChartInflationRequest {
  const str = (k: string) => (typeof chart[k] === 'string' ? (chart[k] as string) : '');
  const list = (k: string) => (Array.isArray(chart[k]) ? (chart[k] as unknown[]).map(String) : []);
  const abs = (p: string) => (path.posix.isAbsolute(p) ? p : path.posix.join(root, p));
  const chartDir = path.posix.join(abs(str('chartHome') || 'charts'), str('name'));
  const merge = str('valuesMerge') || 'override';
  const inline = chart.valuesInline;
  return {
    chartDir,
    releaseName: str('releaseName') || 'release-name',
    ...(str('namespace') ? { namespace: str('namespace') } : {}),
    ...(str('nameTemplate') ? { nameTemplate: str('nameTemplate') } : {}),
    valuesFile: str('valuesFile') ? abs(str('valuesFile')) : path.posix.join(chartDir, 'values.yaml'),
    ...(inline && typeof inline === 'object' && Object.keys(inline).length > 0
      ? { valuesInline: inline as Record<string, unknown> }
      : {}),
    valuesMerge: merge as HelmChartInflationRequest['valuesMerge'],
    additionalValuesFiles: list('additionalValuesFiles').map(abs),
    apiVersions: list('apiVersions'),
    ...(str('kubeVersion') ? { kubeVersion: str('kubeVersion') } : {}),
    includeCRDs: chart.includeCRDs === true,
    skipTests: chart.skipTests === true,
    skipHooks: chart.skipHooks === true,
    fs,
    ...(signal ? { signal } : {}),
  };
}
