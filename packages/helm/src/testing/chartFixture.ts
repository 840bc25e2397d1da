import type { Chart, ChartMetadata } from '../chart/types.js';
import { setDependencies } from '../chart/types.js';
import type { ValueMap } from '../values/types.js';

/** A minimal in-memory chart for unit tests. */
export function fixtureChart(
  md: Partial<ChartMetadata> & { name: string },
  values: ValueMap = {},
  deps: Chart[] = [],
): Chart {
  const c: Chart = {
    metadata: { apiVersion: 'v2', version: '0.1.0', ...md },
    templates: [],
    values,
    files: [],
    raw: [],
    dependencies: [],
  };
  setDependencies(c, deps);
  return c;
}
