import { readFile } from 'node:fs/promises';
import { throwIfAborted } from '@gitops-kit/core/errors';
import { goString, type LookupFunction } from '@gitops-kit/template';
import { checkDependencies, cloneChartTree, processDependencies } from '../chart/dependencies.js';
import { type ChartFs, type LoadLimits, loadChart } from '../chart/loadChart.js';
import { locateChart } from '../chart/locateChart.js';
import { isCompatibleRange } from '../chart/semver.js';
import { type Chart, chartFullPath } from '../chart/types.js';
import { HelmError } from '../errors.js';
import { CoalesceError, coalesceValues } from '../values/coalesce.js';
import { validateAgainstSchema } from '../values/schema.js';
import type { ValueMap } from '../values/types.js';
import { mergeValueOptions, type ValueOptions } from '../values/valueOptions.js';
import { type Capabilities, templateCapabilities } from './capabilities.js';
import { goPathMatch } from '../chart/goPathMatch.js';
import {
  goTrimSpace,
  type Hook,
  InstallOrder,
  type Manifest,
  sortManifests,
  splitManifests,
} from './manifests.js';
import { validateReleaseName } from './releaseName.js';
import { renderTemplates } from './renderTemplates.js';

/**
 * `helm template` as a library call: the same steps, checks, messages and output bytes as Helm
 * v3.17's client-only install (`helm template <release> <chart> [flags]`).
 *
 * @see https://github.com/helm/helm/blob/v3.17.2/cmd/helm/template.go
 * @see https://github.com/helm/helm/blob/v3.17.2/pkg/action/install.go
 * @see https://github.com/helm/helm/blob/v3.17.2/pkg/action/action.go (renderResources)
 */

/**
 * A post-renderer: receives the rendered manifests (CRDs and regular documents, not hooks, as
 * Helm 3 does) as one YAML stream and returns the stream to use instead.
 */
export interface PostRenderer {
  run(manifests: string, options: { signal?: AbortSignal }): Promise<string>;
}

/** Options of {@link helmTemplate}. */
export interface HelmTemplateOptions {
  /**
   * A chart directory or `.tgz` path, located as Helm locates it (`locateChart`: trimmed, made
   * absolute, Helm's error when absent), or an already loaded chart.
   */
  chart: string | Chart;
  /** Release name. Default `release-name` (Helm's when the name is omitted). */
  releaseName?: string;
  /** `--namespace`. Default `default`. */
  namespace?: string;
  /** User values already merged (used as-is, before `valueOptions`). */
  values?: ValueMap;
  /** `-f`, `--set`, `--set-string`, `--set-json`, `--set-file`, `--set-literal`. */
  valueOptions?: ValueOptions;
  /** `--kube-version`. Default Helm's `v1.32.0`. */
  kubeVersion?: string;
  /** `--api-versions`. */
  apiVersions?: string[];
  /** `--include-crds`. Default false. */
  includeCrds?: boolean;
  /** `--skip-tests`. Default false. */
  skipTests?: boolean;
  /** `--no-hooks`. Default false. */
  noHooks?: boolean;
  /** `--show-only` patterns (`templates/x.yaml`, Go `filepath.Match` syntax). */
  showOnly?: string[];
  /** `--is-upgrade`. Default false. */
  isUpgrade?: boolean;
  /** `--skip-schema-validation`. Default false. */
  skipSchemaValidation?: boolean;
  /** `--post-renderer`. */
  postRenderer?: PostRenderer;
  /** `lookup` in templates; default an empty map. */
  lookup?: LookupFunction;
  /** File system for the chart; default `node:fs/promises`. */
  fs?: ChartFs;
  /** Reads `-f`/`--set-file` paths; default `node:fs/promises` `readFile`. */
  readFile?: (path: string) => Promise<Uint8Array | string>;
  /** Standard input for `-f -`. */
  readStdin?: () => Promise<string>;
  /** Chart loading bounds. */
  limits?: Partial<LoadLimits>;
  /** Receives Helm's warnings (`coalesce.go:...`, `WARNING: This chart is deprecated`). */
  warn?: (message: string) => void;
  signal?: AbortSignal;
}

/** Defaults of {@link HelmTemplateOptions}. */
export const helmTemplateDefaults = {
  releaseName: 'release-name',
  namespace: 'default',
  includeCrds: false,
  skipTests: false,
  noHooks: false,
  isUpgrade: false,
  skipSchemaValidation: false,
} as const;

/** A CRD printed by `--include-crds`. */
export interface CrdFile {
  /** `<chart>/crds/x.yaml` (subcharts: `<parent>/charts/<sub>/crds/x.yaml`). */
  filename: string;
  /** The file's text, unchanged. */
  content: string;
}

/** Result of {@link helmTemplate}. */
export interface HelmTemplateResult {
  /**
   * Exactly what `helm template` prints on stdout, as a Go string: bytes that are not valid UTF-8
   * (a `crds/` file's) are lone surrogates; `goBytes(output)` from `@gitops-kit/template` gives the bytes.
   */
  output: string;
  /** Regular manifests in install order (before post-rendering). */
  manifests: Manifest[];
  /** Hooks in Helm's order (empty with `noHooks`, tests removed with `skipTests`). */
  hooks: Hook[];
  /** CRDs from `crds/` (only filled with `includeCrds`). */
  crds: CrdFile[];
  /** Rendered NOTES.txt of the root chart (not printed by `helm template`). */
  notes: string;
  /** The loaded and processed chart (disabled subcharts removed, aliases applied). */
  chart: Chart;
  /** The values `.Values` saw. */
  values: ValueMap;
}

function renderError(e: unknown): unknown {
  if (e instanceof HelmError) {
    (e.data as Record<string, unknown>).render = true;
  }
  return e;
}

/** True when a failed `helm template` would end its message with "Use --debug flag to render out invalid YAML". */
export function isRenderError(e: unknown): boolean {
  return e instanceof HelmError && (e.data as Record<string, unknown>).render === true;
}

function crdObjects(c: Chart): CrdFile[] {
  const out: CrdFile[] = [];
  for (const f of c.files) {
    if (!f.name.startsWith('crds/')) continue;
    const ext = f.name.slice(f.name.lastIndexOf('.')).toLowerCase();
    if (!f.name.includes('.') || !['.yaml', '.yml', '.json'].includes(ext)) continue;
    out.push({
      filename: `${chartFullPath(c)}/${f.name}`,
      content: goString(f.data),
    });
  }
  for (const d of c.dependencies) out.push(...crdObjects(d));
  return out;
}

/**
 * Renders a chart exactly as `helm template` does and returns its stdout plus the structured parts.
 *
 * @throws {@link HelmError} with Helm's message: `InvalidKubeVersion`, `ChartNotFound`,
 *   `InvalidChart`, `InvalidArchive`, `LimitExceeded`, `InvalidValues`, `InvalidSetValue`,
 *   `ChartNotInstallable`, `MissingDependency`, `InvalidReleaseName`, `SchemaValidation`,
 *   `TemplateParse`, `TemplateExec`, `InvalidManifest`, `TemplateNotFound`, `PostRenderFailed`.
 *   {@link isRenderError} tells whether Helm would add its `--debug` hint.
 * @example
 * ```ts
 * const { output } = await helmTemplate({ chart: './podinfo', releaseName: 'web', namespace: 'apps',
 *   valueOptions: { values: ['replicaCount=2'] }, kubeVersion: '1.31.0' });
 * process.stdout.write(output);
 * ```
 */
export async function helmTemplate(options: HelmTemplateOptions): Promise<HelmTemplateResult> {
  const signal = options.signal;
  const warn = options.warn ?? (() => {});
  throwIfAborted(signal);
  const caps: Capabilities = templateCapabilities({
    kubeVersion: options.kubeVersion,
    apiVersions: options.apiVersions,
  });
  const chartPath =
    typeof options.chart === 'string' ? await locateChart(options.chart, options.fs) : undefined;
  const vals: ValueMap = await mergeValueOptions(options.valueOptions ?? {}, {
    base: options.values,
    readFile: options.readFile ?? ((p) => readFile(p)),
    readStdin: options.readStdin,
    signal,
  });
  const loaded =
    chartPath !== undefined
      ? await loadChart({ path: chartPath, fs: options.fs, limits: options.limits, warn, signal })
      : (options.chart as Chart);
  const type = loaded.metadata.type ?? '';
  if (type !== '' && type !== 'application') {
    throw new HelmError('ChartNotInstallable', `${type} charts are not installable`);
  }
  if (loaded.metadata.deprecated) warn('WARNING: This chart is deprecated');
  if (loaded.metadata.dependencies) checkDependencies(loaded);

  const releaseName = options.releaseName ?? helmTemplateDefaults.releaseName;
  validateReleaseName(releaseName);

  const chart = cloneChartTree(loaded);
  processDependencies(chart, vals, { merge: true, warn });

  let values: ValueMap;
  try {
    values = coalesceValues(chart, vals, warn);
  } catch (e) {
    if (e instanceof CoalesceError) throw new HelmError('InvalidValues', e.message, { cause: e });
    throw e;
  }
  if (!(options.skipSchemaValidation ?? false)) {
    const report = validateAgainstSchema(chart, values);
    if (report !== '') {
      throw new HelmError(
        'SchemaValidation',
        `values don't meet the specifications of the schema(s) in the following chart(s):\n${report}`,
        { data: { name: chart.metadata.name } },
      );
    }
  }

  // renderResources
  const kubeVersion = chart.metadata.kubeVersion ?? '';
  if (kubeVersion !== '' && !isCompatibleRange(kubeVersion, caps.kubeVersion.version)) {
    throw renderError(
      new HelmError(
        'InvalidKubeVersion',
        `chart requires kubeVersion: ${kubeVersion} which is incompatible with Kubernetes ${caps.kubeVersion.version}`,
      ),
    );
  }
  const isUpgrade = options.isUpgrade ?? false;
  let files: Map<string, string>;
  try {
    files = renderTemplates(chart, values, {
      release: {
        name: releaseName,
        namespace: options.namespace ?? helmTemplateDefaults.namespace,
        revision: 1,
        isInstall: !isUpgrade,
        isUpgrade,
      },
      capabilities: caps,
      lookup: options.lookup,
      signal,
    });
  } catch (e) {
    throw renderError(e);
  }
  let notes = '';
  const rootNotes = `${chart.metadata.name}/templates/NOTES.txt`;
  for (const k of [...files.keys()]) {
    if (k.endsWith('NOTES.txt')) {
      if (k === rootNotes) notes = files.get(k)!;
      files.delete(k);
    }
  }
  let sorted: ReturnType<typeof sortManifests>;
  try {
    // Helm logs each unknown hook as it sorts, before a later manifest can fail.
    sorted = sortManifests(files, InstallOrder, warn);
  } catch (e) {
    throw renderError(e);
  }

  const crds = options.includeCrds ? crdObjects(chart) : [];
  let manifestText = '';
  for (const crd of crds) manifestText += `---\n# Source: ${crd.filename}\n${crd.content}\n`;
  for (const m of sorted.manifests) manifestText += `---\n# Source: ${m.name}\n${m.content}\n`;
  if (options.postRenderer) {
    try {
      manifestText = await options.postRenderer.run(manifestText, { signal });
    } catch (e) {
      throw renderError(
        new HelmError(
          'PostRenderFailed',
          `error while running post render on files: ${(e as Error).message}`,
          {
            cause: e,
          },
        ),
      );
    }
  }

  let out = `${goTrimSpace(manifestText)}\n`;
  let hooks: Hook[] = [];
  if (!(options.noHooks ?? false)) {
    hooks = sorted.hooks.filter((h) => !(options.skipTests && h.events.includes('test')));
    for (const h of hooks) out += `---\n# Source: ${h.path}\n${h.manifest}\n`;
  }
  if (options.showOnly && options.showOnly.length > 0) {
    const docs = splitManifests(out);
    const picked: string[] = [];
    for (const f of options.showOnly) {
      let missing = true;
      for (const doc of docs) {
        const m = /# Source: [^/]+\/(.+)/.exec(doc);
        if (!m) continue;
        let ok = false;
        try {
          ok = goPathMatch(f, m[1]!);
        } catch {
          ok = false;
        }
        if (!ok) continue;
        picked.push(doc);
        missing = false;
      }
      if (missing) throw new HelmError('TemplateNotFound', `could not find template ${f} in chart`);
    }
    out = picked.map((d) => `---\n${d}\n`).join('');
  }
  return { output: out, manifests: sorted.manifests, hooks, crds, notes, chart, values };
}
