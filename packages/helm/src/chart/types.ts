import type { ValueMap } from '../values/types.js';

/** A file of a chart: path relative to the chart root (`/`-separated) and its bytes. */
export interface ChartFile {
  /** Path inside the chart, e.g. `templates/deployment.yaml`, `files/a.txt`. */
  name: string;
  /** Contents (a UTF-8 BOM is removed at load time, as Helm does). */
  data: Uint8Array;
}

/** A maintainer entry of `Chart.yaml`. */
export interface ChartMaintainer {
  name?: string;
  email?: string;
  url?: string;
}

/**
 * A dependency of `Chart.yaml` (apiVersion v2) or `requirements.yaml` (v1).
 * @see https://github.com/helm/helm/blob/v3.17.2/pkg/chart/dependency.go
 */
export interface ChartDependency {
  name: string;
  /** SemVer constraint the subchart's version must satisfy. */
  version?: string;
  repository: string;
  /** Comma-separated values paths; the first that resolves to a bool enables/disables the dependency. */
  condition?: string;
  tags?: string[];
  /** Set while processing dependencies. */
  enabled?: boolean;
  /** `import-values`: strings (`exports.<name>`) or `{child, parent}` maps. */
  importValues?: unknown[];
  alias?: string;
}

/**
 * `Chart.yaml`, with Helm's Go field names mapped to camelCase JSON names.
 * @see https://github.com/helm/helm/blob/v3.17.2/pkg/chart/metadata.go
 */
export interface ChartMetadata {
  name: string;
  home?: string;
  sources?: string[];
  version: string;
  description?: string;
  keywords?: string[];
  maintainers?: (ChartMaintainer | null)[];
  icon?: string;
  apiVersion: string;
  condition?: string;
  tags?: string;
  appVersion?: string;
  deprecated?: boolean;
  annotations?: Record<string, string>;
  kubeVersion?: string;
  dependencies?: (ChartDependency | null)[];
  /** `application` (default when empty) or `library`. */
  type?: string;
}

/** `Chart.lock` / `requirements.lock`. */
export interface ChartLock {
  generated?: string;
  digest?: string;
  dependencies?: (ChartDependency | null)[];
}

/**
 * A loaded chart: Helm's `chart.Chart`. Subcharts found in `charts/` are in `dependencies`
 * (`parent` points back).
 * @see https://github.com/helm/helm/blob/v3.17.2/pkg/chart/chart.go
 */
export interface Chart {
  metadata: ChartMetadata;
  lock?: ChartLock;
  /** Files under `templates/`. */
  templates: ChartFile[];
  /** `values.yaml`, decoded as Helm does (numbers are float64). */
  values: ValueMap;
  /** `values.schema.json` bytes. */
  schema?: Uint8Array;
  /** Every other file (`crds/`, `files/`, `README.md`, ...): what `.Files` sees. */
  files: ChartFile[];
  /** Every file as loaded, in load order. */
  raw: ChartFile[];
  /** Subcharts. */
  dependencies: Chart[];
  /** The chart this one is a subchart of. */
  parent?: Chart;
}

/** Helm's `Chart.ChartFullPath()`: `parent/charts/child`. */
export function chartFullPath(c: Chart): string {
  return c.parent ? `${chartFullPath(c.parent)}/charts/${c.metadata.name}` : c.metadata.name;
}

/** Helm's `Chart.ChartPath()`: `parent.child`. */
export function chartPath(c: Chart): string {
  return c.parent ? `${chartPath(c.parent)}.${c.metadata.name}` : c.metadata.name;
}

/** True for `type: library` (case-insensitive, as Helm's engine checks it). */
export function isLibraryChart(c: Chart): boolean {
  return (c.metadata.type ?? '').toLowerCase() === 'library';
}

/** Sets `children` as the dependencies of `c` (Helm's `SetDependencies`). */
export function setDependencies(c: Chart, children: Chart[]): void {
  for (const ch of children) ch.parent = c;
  c.dependencies = children;
}
