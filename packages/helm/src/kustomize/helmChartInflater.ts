import type { HelmChartInflater, HelmChartInflationRequest } from '@gitops-kit/kustomize';
import { helmTemplate } from '../render/helmTemplate.js';
import { mergeValueMaps } from './mergeValues.js';
import { decodeYamlMap } from '../values/goYaml.js';
import type { ValueMap } from '../values/types.js';

/**
 * The `helmCharts` inflater for `@gitops-kit/kustomize`'s `build({ enableHelm: true,
 * helmChartInflater })`: renders the local chart with {@link helmTemplate} the way kustomize's
 * `HelmChartInflationGenerator` runs `helm template` (release name, `--namespace`, the values file
 * combined with `valuesInline` by `valuesMerge`, `additionalValuesFiles`, `--api-versions`,
 * `--kube-version`, `--include-crds`, `--skip-tests`, `--no-hooks`). Charts are read from the
 * local file system; values files through the build's file system.
 *
 * @throws HelmError (any {@link helmTemplate} code) for a chart that does not render.
 * @see https://github.com/kubernetes-sigs/kustomize/blob/kustomize/v5.5.0/api/internal/builtins/HelmChartInflationGenerator.go
 * @example
 * ```ts
 * const list = await build({ path: './app', enableHelm: true, helmChartInflater: kustomizeHelmChartInflater() });
 * ```
 */
export function kustomizeHelmChartInflater(): HelmChartInflater {
  return async (req: HelmChartInflationRequest) => {
    const read = async (p: string) => Buffer.from(await req.fs.readFile(p)).toString('utf8');
    let values: ValueMap | undefined;
    const valueFiles: string[] = [];
    if (req.valuesInline !== undefined) {
      const inline = JSON.parse(JSON.stringify(req.valuesInline)) as ValueMap;
      let fromFile: ValueMap = {};
      if (req.valuesMerge !== 'replace') {
        try {
          fromFile = decodeYamlMap(await read(req.valuesFile));
        } catch (e) {
          if ((e as { code?: string }).code !== 'ENOENT') throw e;
        }
      }
      values =
        req.valuesMerge === 'replace'
          ? inline
          : req.valuesMerge === 'merge'
            ? mergeValueMaps(inline, fromFile)
            : mergeValueMaps(fromFile, inline);
    } else {
      valueFiles.push(req.valuesFile);
    }
    valueFiles.push(...req.additionalValuesFiles);
    const res = await helmTemplate({
      chart: req.chartDir,
      releaseName: req.releaseName,
      ...(req.namespace ? { namespace: req.namespace } : {}),
      ...(values ? { values } : {}),
      valueOptions: { valueFiles },
      readFile: (p) => req.fs.readFile(p),
      apiVersions: req.apiVersions,
      ...(req.kubeVersion ? { kubeVersion: req.kubeVersion } : {}),
      includeCrds: req.includeCRDs,
      skipTests: req.skipTests,
      noHooks: req.skipHooks,
      ...(req.signal ? { signal: req.signal } : {}),
    });
    return res.output;
  };
}
