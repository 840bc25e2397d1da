import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { isGitOpsKitError } from '@gitops-kit/core';
import { build } from '@gitops-kit/kustomize';
import { kustomizeHelmChartInflater } from './helmChartInflater.js';

// Golden: `kubectl kustomize --enable-helm --helm-command <helm v3.17.2>` (kustomize v5.5.0) on
// testdata/helmcharts/basic (local chart, releaseName, namespace, valuesInline over values.yaml,
// additionalValuesFiles, includeCRDs, kubeVersion, apiVersions; hooks kept; then namePrefix/labels).
const dir = fileURLToPath(new URL('../../testdata/helmcharts/basic', import.meta.url));

describe('kustomize helmCharts through @gitops-kit/helm', () => {
  it('inflates a local chart byte-identical to kubectl kustomize --enable-helm', async () => {
    const list = await build({
      path: dir,
      enableHelm: true,
      helmChartInflater: kustomizeHelmChartInflater(),
    });
    expect(list.toYaml()).toBe(readFileSync(`${dir}/expected.yaml`, 'utf8'));
  });

  it.each([
    { name: 'without enableHelm', options: { enableHelm: false }, code: 'HelmNotEnabled' },
    { name: 'without an inflater', options: { enableHelm: true }, code: 'NotSupported' },
  ])('fails $name', async ({ options, code }) => {
    const e = await build({ path: dir, ...options }).catch((x: unknown) => x);
    expect(isGitOpsKitError(e) && e.code).toBe(code);
  });
});
