import { isTable, type ValueMap } from '../values/types.js';

/**
 * kustomize's values merge for `helmCharts` (`valuesMerge`): `src` over `dst`, maps merged
 * recursively, everything else replaced. Returns a new map.
 */
export function mergeValueMaps(dst: ValueMap, src: ValueMap): ValueMap {
  const out: ValueMap = { ...dst };
  for (const [k, v] of Object.entries(src)) {
    const d = out[k];
    out[k] = isTable(v) && isTable(d) ? mergeValueMaps(d, v) : v;
  }
  return out;
}
