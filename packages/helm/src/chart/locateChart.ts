import { stat } from 'node:fs/promises';
import * as nodePath from 'node:path';
import { HelmError } from '../errors.js';
import type { ChartFs } from './loadChart.js';

/**
 * Helm's `ChartPathOptions.LocateChart` for a chart on disk: `name` trimmed, and made absolute
 * (`filepath.Abs`) unless `fs` is given, when it exists. Otherwise Helm's error for what the name
 * looks like: a path (`path "./x" not found`), a bare name (`non-absolute URLs should be in form of
 * repo_name/path_to_chart, got: x`) or `repo/chart` (`repo repo not found`, as Helm says with no
 * repositories configured). Charts from repositories, URLs and OCI registries are not fetched; a
 * URL gets an error that says so.
 *
 * @throws {@link HelmError} `ChartNotFound`.
 * @see https://github.com/helm/helm/blob/v3.17.2/pkg/action/install.go (LocateChart)
 * @see https://github.com/helm/helm/blob/v3.17.2/pkg/downloader/chart_downloader.go (ResolveChartVersion)
 */
export async function locateChart(name: string, fs?: ChartFs): Promise<string> {
  const trimmed = name.trim();
  const exists = await (fs ? fs.stat(trimmed) : stat(trimmed)).then(
    () => true,
    () => false,
  );
  if (exists) return fs ? trimmed : nodePath.resolve(trimmed);
  let message: string;
  if (nodePath.isAbsolute(trimmed) || trimmed.startsWith('.')) {
    message = `path ${JSON.stringify(trimmed)} not found`;
  } else if (/^[A-Za-z][A-Za-z0-9+.-]*:\/\//.test(trimmed)) {
    message = `chart ${JSON.stringify(trimmed)}: charts from URLs and OCI registries are not fetched by gitops-kit; download the chart and give its path`;
  } else if (!trimmed.includes('/')) {
    message = `non-absolute URLs should be in form of repo_name/path_to_chart, got: ${trimmed}`;
  } else {
    message = `repo ${trimmed.slice(0, trimmed.indexOf('/'))} not found`;
  }
  throw new HelmError('ChartNotFound', message, { data: { file: trimmed } });
}
