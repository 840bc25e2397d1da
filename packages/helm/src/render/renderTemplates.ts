import { throwIfAborted } from '@gitops-kit/core/errors';
import {
  goString,
  HelmEngine,
  type HelmEngineOptions,
  type LookupFunction,
  sortHelmTemplates,
  TemplateError,
} from '@gitops-kit/template';
import { type Chart, chartFullPath, isLibraryChart } from '../chart/types.js';
import { HelmError } from '../errors.js';
import type { ValueMap } from '../values/types.js';
import type { Capabilities } from './capabilities.js';
import { helmYamlFuncs } from './yamlFuncs.js';
import {
  asChartutilValues,
  chartutilValues,
  type ReleaseInfo,
  templateCapabilitiesObject,
  templateChart,
  templateFiles,
  templateRelease,
  toTemplateValue,
} from './templateData.js';

/**
 * Helm's engine over a processed chart (`engine.Render`): every template of the chart and its
 * subcharts is parsed into one set (so `define`s are shared); each non-partial file is executed with
 * its chart's scope (`.Values` is the chart's section, `.Chart` its metadata, `.Files` its files,
 * `.Template` the file being rendered); `<no value>` is removed.
 *
 * @see https://github.com/helm/helm/blob/v3.17.2/pkg/engine/engine.go
 */

/** Options of {@link renderTemplates}. */
export interface RenderTemplatesOptions {
  /** `.Release`. */
  release: ReleaseInfo;
  /** `.Capabilities`. */
  capabilities: Capabilities;
  /** Helm's `--strict` lint mode: missing keys are errors. Default false. */
  strict?: boolean;
  /** `lookup`; default returns an empty map (as `helm template` without a cluster). */
  lookup?: LookupFunction;
  /** Engine options passed through (random source, limits). */
  engine?: Omit<HelmEngineOptions, 'strict' | 'lookup'>;
  signal?: AbortSignal;
}

interface Renderable {
  text: string;
  vals: Record<string, unknown>;
  basePath: string;
}

function collect(
  c: Chart,
  templates: Map<string, Renderable>,
  parent: Record<string, unknown>,
): Record<string, unknown> {
  const subCharts: Record<string, unknown> = {};
  const next: Record<string, unknown> = {
    Chart: templateChart(c.metadata, c.parent === undefined),
    Files: templateFiles(c.files),
    Release: parent.Release,
    Capabilities: parent.Capabilities,
    Values: chartutilValues({}),
    Subcharts: subCharts,
  };
  if (c.parent === undefined) next.Values = parent.Values;
  else {
    const pv = parent.Values as Record<string, unknown> | undefined;
    const vs = pv && Object.hasOwn(pv, c.metadata.name) ? pv[c.metadata.name] : undefined;
    if (vs !== null && typeof vs === 'object' && !Array.isArray(vs)) next.Values = vs;
  }
  for (const child of c.dependencies) subCharts[child.metadata.name] = collect(child, templates, next);
  const id = chartFullPath(c);
  const library = isLibraryChart(c);
  for (const t of c.templates) {
    const b = t.name.slice(t.name.lastIndexOf('/') + 1);
    if (library && !b.startsWith('_')) continue;
    templates.set(joinPath(id, t.name), {
      text: goString(t.data),
      vals: next,
      basePath: joinPath(id, 'templates'),
    });
  }
  return next;
}

/** Go's `path.Join` for two clean relative parts. */
function joinPath(a: string, b: string): string {
  const parts: string[] = [];
  for (const seg of `${a}/${b}`.split('/')) {
    if (seg === '' || seg === '.') continue;
    if (seg === '..') parts.pop();
    else parts.push(seg);
  }
  return parts.join('/');
}

function toHelmError(e: unknown): unknown {
  if (e instanceof TemplateError) {
    const code =
      e.code === 'ParseError'
        ? 'TemplateParse'
        : e.code === 'LimitExceeded'
          ? 'LimitExceeded'
          : 'TemplateExec';
    return new HelmError(code, e.message, { cause: e, data: { ...e.data, render: true } });
  }
  return e;
}

/**
 * Renders every template of a processed chart. Returns rendered text by template path
 * (`<chart>/templates/x.yaml`, `<chart>/charts/<sub>/templates/y.yaml`), partials excluded.
 *
 * @param values - the coalesced values of the root chart (`.Values`).
 * @throws {@link HelmError} `TemplateParse`, `TemplateExec`, `LimitExceeded` with Helm's messages.
 */
export function renderTemplates(
  chart: Chart,
  values: ValueMap,
  options: RenderTemplatesOptions,
): Map<string, string> {
  throwIfAborted(options.signal);
  const top: Record<string, unknown> = {
    Release: templateRelease(options.release),
    Capabilities: templateCapabilitiesObject(options.capabilities),
    Values: asChartutilValues(toTemplateValue(values) as Record<string, unknown>),
  };
  const templates = new Map<string, Renderable>();
  collect(chart, templates, top);
  const engine = new HelmEngine({
    ...options.engine,
    strict: options.strict === true,
    ...(options.lookup ? { lookup: options.lookup } : {}),
  });
  engine.set.addFuncs(helmYamlFuncs());
  try {
    engine.parse([...templates].map(([name, r]) => ({ name, text: r.text })));
  } catch (e) {
    throw toHelmError(e);
  }
  const rendered = new Map<string, string>();
  for (const name of sortHelmTemplates([...templates.keys()])) {
    const b = name.slice(name.lastIndexOf('/') + 1);
    if (b.startsWith('_')) continue;
    throwIfAborted(options.signal);
    const r = templates.get(name)!;
    r.vals.Template = chartutilValues({ Name: name, BasePath: r.basePath });
    try {
      rendered.set(name, engine.render(name, r.vals));
    } catch (e) {
      throw toHelmError(e);
    }
  }
  return rendered;
}
