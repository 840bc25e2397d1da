import { HelmError } from '../errors.js';
import { coalesceTables, coalesceValues, mergeTables, mergeValues, type WarnFn } from '../values/coalesce.js';
import { pathValue, valuesTable } from '../values/table.js';
import { deepCopy, getKey, isTable, type Value, type ValueMap } from '../values/types.js';
import { isCompatibleRange } from './semver.js';
import { type Chart, type ChartDependency, setDependencies } from './types.js';

/**
 * Dependency processing as `helm template`/`install` do it before rendering
 * (`chartutil.ProcessDependenciesWithMerge`): aliases, `condition` (first path that resolves to a
 * bool wins), `tags`, removal of disabled subcharts (recursively), then `import-values` from
 * children to parents (both the `exports.<name>` shorthand and `{child, parent}`).
 *
 * @see https://github.com/helm/helm/blob/v3.17.2/pkg/chartutil/dependencies.go
 */

/**
 * A copy of a chart tree that processing can change freely: metadata and dependency entries are
 * copied, file data and values are shared (they are never mutated).
 */
export function cloneChartTree(c: Chart, parent?: Chart): Chart {
  const md = { ...c.metadata };
  if (c.metadata.dependencies) {
    md.dependencies = c.metadata.dependencies.map((d) =>
      d === null ? null : { ...d, tags: d.tags ? [...d.tags] : d.tags },
    );
  }
  const out: Chart = { ...c, metadata: md, dependencies: [], parent };
  out.dependencies = c.dependencies.map((d) => cloneChartTree(d, out));
  return out;
}

/**
 * Helm's `action.CheckDependencies`: every dependency declared in `Chart.yaml` must be in `charts/`.
 * @throws {@link HelmError} `MissingDependency` with Helm's `helm template` message.
 */
export function checkDependencies(chart: Chart): void {
  const reqs = chart.metadata.dependencies;
  if (!reqs) return;
  const missing: string[] = [];
  for (const r of reqs) {
    if (r === null) continue;
    if (!chart.dependencies.some((d) => d.metadata.name === r.name)) missing.push(r.name);
  }
  if (missing.length > 0) {
    throw new HelmError(
      'MissingDependency',
      'An error occurred while checking for chart dependencies. You may need to run `helm dependency build` to fetch missing dependencies: ' +
        `found in Chart.yaml, but missing in charts/ directory: ${missing.join(', ')}`,
      { data: { name: chart.metadata.name, missing } },
    );
  }
}

/** Options of {@link processDependencies}. */
export interface ProcessDependenciesOptions {
  /** Keep nulls while importing values (`ProcessDependenciesWithMerge`, what install/template use). Default true. */
  merge?: boolean;
  /** Helm's warnings (`Warning: Condition path ...`, coalescing warnings). */
  warn?: WarnFn;
}

/**
 * Enables/disables subcharts and imports values, mutating `chart` (use {@link cloneChartTree}
 * first to keep the loaded chart intact).
 * @throws {@link HelmError} `InvalidValues` for a values type mismatch on a subchart key.
 */
export function processDependencies(
  chart: Chart,
  vals: ValueMap,
  options: ProcessDependenciesOptions = {},
): void {
  const warn = options.warn ?? (() => {});
  const merge = options.merge ?? true;
  try {
    processDependencyEnabled(chart, vals, '', warn);
    processDependencyImportValues(chart, merge, warn);
  } catch (e) {
    if (e instanceof HelmError) throw e;
    throw new HelmError('InvalidValues', (e as Error).message, { cause: e });
  }
}

function processDependencyConditions(
  reqs: ChartDependency[],
  cvals: ValueMap,
  cpath: string,
  warn: WarnFn,
): void {
  for (const r of reqs) {
    for (const c of (r.condition ?? '').trim().split(',')) {
      if (c.length === 0) continue;
      const pv = pathValue(cvals, cpath + c);
      if ('value' in pv) {
        if (typeof pv.value === 'boolean') {
          r.enabled = pv.value;
          break;
        }
        warn(
          `dependencies.go:63: Warning: Condition path '${c}' for chart ${r.name} returned non-bool value`,
        );
      }
    }
  }
}

function processDependencyTags(reqs: ChartDependency[], cvals: ValueMap, warn: WarnFn): void {
  const t = valuesTable(cvals, 'tags');
  if (!('table' in t)) return;
  const vt = t.table;
  for (const r of reqs) {
    let hasTrue = false;
    let hasFalse = false;
    for (const k of r.tags ?? []) {
      const b = getKey(vt, k);
      if (b === undefined) continue;
      if (typeof b === 'boolean') {
        if (b) hasTrue = true;
        else hasFalse = true;
      } else {
        warn(`dependencies.go:94: Warning: Tag '${k}' for chart ${r.name} returned non-bool value`);
      }
    }
    if (!hasTrue && hasFalse) r.enabled = false;
    else if (hasTrue || (!hasTrue && !hasFalse)) r.enabled = true;
  }
}

function getAliasDependency(charts: Chart[], dep: ChartDependency): Chart | undefined {
  for (const c of charts) {
    if (c.metadata.name !== dep.name) continue;
    if (!isCompatibleRange(dep.version ?? '', c.metadata.version)) continue;
    const out = cloneChartTree(c, c.parent);
    if (dep.alias) out.metadata.name = dep.alias;
    return out;
  }
  return undefined;
}

function processDependencyEnabled(c: Chart, v: ValueMap, path: string, warn: WarnFn): void {
  const reqs = c.metadata.dependencies;
  if (!reqs) return;
  const chartDependencies: Chart[] = [];
  for (const existing of c.dependencies) {
    const declared = reqs.some(
      (req) =>
        req !== null &&
        existing.metadata.name === req.name &&
        isCompatibleRange(req.version ?? '', existing.metadata.version),
    );
    if (!declared) chartDependencies.push(existing);
  }
  for (const req of reqs) {
    if (req === null) continue;
    const cd = getAliasDependency(c.dependencies, req);
    if (cd) chartDependencies.push(cd);
    if (req.alias) req.name = req.alias;
  }
  setDependencies(c, chartDependencies);

  const live = reqs.filter((r): r is ChartDependency => r !== null);
  for (const lr of live) lr.enabled = true;
  const cvals = coalesceValues(c, v, warn);
  processDependencyTags(live, cvals, warn);
  processDependencyConditions(live, cvals, path, warn);
  const rm = new Set(live.filter((r) => !r.enabled).map((r) => r.name));
  const cd = c.dependencies.filter((n) => !rm.has(n.metadata.name));
  const cdMetadata = reqs.filter((n) => n === null || !rm.has(n.name));
  for (const t of cd) processDependencyEnabled(t, cvals, `${path}${t.metadata.name}.`, warn);
  c.metadata.dependencies = cdMetadata;
  setDependencies(c, cd);
}

function pathToMap(path: string, data: ValueMap): ValueMap {
  if (path === '.') return data;
  const parts = path.split('.');
  let cur: ValueMap = data;
  for (let i = parts.length - 1; i >= 0; i--) cur = { [parts[i]!]: cur } as ValueMap;
  return cur;
}

function trimNilValues(vals: ValueMap): ValueMap {
  const copy = deepCopy(vals);
  const trim = (m: ValueMap) => {
    for (const k of Object.keys(m)) {
      const x = m[k] as Value;
      if (x === null) delete m[k];
      else if (isTable(x)) trim(x);
    }
  };
  trim(copy);
  return copy;
}

function processImportValues(c: Chart, merge: boolean, warn: WarnFn): void {
  const reqs = c.metadata.dependencies;
  if (!reqs) return;
  let cvals = merge ? mergeValues(c, null, warn) : coalesceValues(c, null, warn);
  let b: ValueMap = {};
  const combine = (src: ValueMap) => {
    b = (merge ? mergeTables(b, src, warn) : coalesceTables(b, src, warn)) ?? {};
  };
  for (const r of reqs) {
    if (r === null) continue;
    const outiv: unknown[] = [];
    for (const riv of r.importValues ?? []) {
      if (isTable(riv as Value)) {
        const iv = riv as ValueMap;
        const child = typeof iv.child === 'string' ? iv.child : '';
        const parent = typeof iv.parent === 'string' ? iv.parent : '';
        outiv.push({ child, parent });
        const t = valuesTable(cvals, `${r.name}.${child}`);
        if (!('table' in t)) {
          warn(`dependencies.go:269: Warning: ImportValues missing table from chart ${r.name}: ${t.error}`);
          continue;
        }
        combine(pathToMap(parent, t.table));
      } else if (typeof riv === 'string') {
        const child = `exports.${riv}`;
        outiv.push({ child, parent: '.' });
        const t = valuesTable(cvals, `${r.name}.${child}`);
        if (!('table' in t)) {
          warn(`dependencies.go:286: Warning: ImportValues missing table: ${t.error}`);
          continue;
        }
        combine(t.table);
      }
    }
    r.importValues = outiv;
  }
  if (merge) {
    cvals = deepCopy(cvals);
    c.values = mergeTables(cvals, b, warn) ?? {};
  } else {
    cvals = trimNilValues(cvals);
    c.values = coalesceTables(cvals, b, warn) ?? {};
  }
}

function processDependencyImportValues(c: Chart, merge: boolean, warn: WarnFn): void {
  for (const d of c.dependencies) processDependencyImportValues(d, merge, warn);
  processImportValues(c, merge, warn);
}
