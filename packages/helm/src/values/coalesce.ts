import type { Chart } from '../chart/types.js';
import { formatGoValue } from './goFormat.js';
import { deepCopy, getKey, isTable, setKey, type Value, type ValueMap } from './types.js';

/**
 * Helm's values coalescing (`pkg/chartutil/coalesce.go`), step for step:
 *
 * - user values win over chart defaults; maps are merged, scalars and lists replaced;
 * - when coalescing (not merging), a `null` in the higher-priority values deletes the key;
 * - each subchart gets the table under its name, with the parent's `global` merged into its own
 *   `global` (parent globals win, subchart globals do not flow up);
 * - type mismatches are skipped with Helm's warnings (`coalesce.go:237: warning: skipped value for ...`).
 *
 * @see https://github.com/helm/helm/blob/v3.17.2/pkg/chartutil/coalesce.go
 */

/** Receives Helm's coalescing warnings, prefixed like Helm's log (`coalesce.go:298: warning: ...`). */
export type WarnFn = (message: string) => void;

const noWarn: WarnFn = () => {};

/** Thrown for `type mismatch on <subchart>: ...` (a subchart's key holds a non-table). */
export class CoalesceError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CoalesceError';
  }
}

function concatPrefix(a: string, b: string): string {
  return a === '' ? b : `${a}.${b}`;
}

/**
 * Helm's `CoalesceValues(chart, vals)`: chart defaults (and subcharts', recursively) under a deep
 * copy of `vals`, nulls deleting keys. `vals` is not modified.
 * @throws {@link CoalesceError}
 */
export function coalesceValues(
  chart: Chart,
  vals: ValueMap | null | undefined,
  warn: WarnFn = noWarn,
): ValueMap {
  const copy = vals ? deepCopy(vals) : {};
  return coalesce(warn, chart, copy, '', false);
}

/**
 * Helm's `MergeValues(chart, vals)`: like {@link coalesceValues} but nulls are kept.
 * @throws {@link CoalesceError}
 */
export function mergeValues(
  chart: Chart,
  vals: ValueMap | null | undefined,
  warn: WarnFn = noWarn,
): ValueMap {
  const copy = vals ? deepCopy(vals) : {};
  return coalesce(warn, chart, copy, '', true);
}

function coalesce(warn: WarnFn, ch: Chart, dest: ValueMap, prefix: string, merge: boolean): ValueMap {
  coalesceChartValues(warn, ch, dest, prefix, merge);
  return coalesceDeps(warn, ch, dest, prefix, merge);
}

function coalesceDeps(warn: WarnFn, chrt: Chart, dest: ValueMap, prefix: string, merge: boolean): ValueMap {
  for (const sub of chrt.dependencies) {
    const name = sub.metadata.name;
    const c = getKey(dest, name);
    if (c === undefined) setKey(dest, name, {});
    else if (!isTable(c)) throw new CoalesceError(`type mismatch on ${name}: ${formatGoValue(c, 't')}`);
    const dvmap = dest[name] as ValueMap;
    const subPrefix = concatPrefix(prefix, chrt.metadata.name);
    coalesceGlobals(warn, dvmap, dest, subPrefix);
    setKey(dest, name, coalesce(warn, sub, dvmap, subPrefix, merge));
  }
  return dest;
}

/** Copies the globals of `src` into `dest.global`, `src` winning. */
function coalesceGlobals(warn: WarnFn, dest: ValueMap, src: ValueMap, prefix: string): void {
  let dg: ValueMap;
  let sg: ValueMap;
  const destglob = getKey(dest, 'global');
  if (destglob === undefined) dg = {};
  else if (isTable(destglob)) dg = destglob;
  else {
    warn('coalesce.go:138: warning: skipping globals because destination global is not a table.');
    return;
  }
  const srcglob = getKey(src, 'global');
  if (srcglob === undefined) sg = {};
  else if (isTable(srcglob)) sg = srcglob;
  else {
    warn('coalesce.go:145: warning: skipping globals because source global is not a table.');
    return;
  }
  for (const key of Object.keys(sg)) {
    const val = sg[key] as Value;
    if (isTable(val)) {
      const vv: ValueMap = {};
      for (const k of Object.keys(val)) setKey(vv, k, val[k] as Value);
      const destv = getKey(dg, key);
      if (destv === undefined) setKey(dg, key, vv);
      else if (!isTable(destv)) {
        warn(
          `coalesce.go:161: Conflict: cannot merge map onto non-map for ${JSON.stringify(key)}. Skipping.`,
        );
      } else {
        coalesceTablesFullKey(warn, vv, destv, concatPrefix(prefix, key), true);
        setKey(dg, key, vv);
      }
    } else {
      const dv = getKey(dg, key);
      if (dv !== undefined && isTable(dv)) warn(`coalesce.go:175: key ${key} is table. Skipping`);
      else setKey(dg, key, val);
    }
  }
  setKey(dest, 'global', dg);
}

/** Builds up the values of one chart: `v` (higher priority) over a copy of the chart's values. */
function coalesceChartValues(warn: WarnFn, c: Chart, v: ValueMap, prefix: string, merge: boolean): void {
  const subPrefix = concatPrefix(prefix, c.metadata.name);
  const vc = deepCopy(c.values ?? {});
  for (const key of Object.keys(vc)) {
    const val = vc[key] as Value;
    const value = getKey(v, key);
    if (value !== undefined) {
      if (value === null && !merge) {
        delete v[key];
      } else if (isTable(value)) {
        if (!isTable(val)) {
          if (val !== null)
            warn(`coalesce.go:237: warning: skipped value for ${subPrefix}.${key}: Not a table.`);
        } else {
          const childMerge = c.dependencies.some((d) => d.metadata.name === key) ? true : merge;
          coalesceTablesFullKey(warn, value, val, concatPrefix(subPrefix, key), childMerge);
        }
      }
    } else {
      setKey(v, key, val);
    }
  }
}

/** Helm's `CoalesceTables(dst, src)`: `dst` wins, nulls in `dst` delete keys. Mutates and returns `dst`. */
export function coalesceTables(
  dst: ValueMap | null,
  src: ValueMap | null,
  warn: WarnFn = noWarn,
): ValueMap | null {
  return coalesceTablesFullKey(warn, dst, src, '', false);
}

/** Helm's `MergeTables(dst, src)`: `dst` wins, nulls kept. Mutates and returns `dst`. */
export function mergeTables(
  dst: ValueMap | null,
  src: ValueMap | null,
  warn: WarnFn = noWarn,
): ValueMap | null {
  return coalesceTablesFullKey(warn, dst, src, '', true);
}

function coalesceTablesFullKey(
  warn: WarnFn,
  dst: ValueMap | null,
  src: ValueMap | null,
  prefix: string,
  merge: boolean,
): ValueMap | null {
  if (src === null) return dst;
  if (dst === null) return src;
  for (const key of Object.keys(src)) {
    const val = src[key] as Value;
    const fullkey = concatPrefix(prefix, key);
    const dv = getKey(dst, key);
    if (dv !== undefined && !merge && dv === null) {
      delete dst[key];
    } else if (dv === undefined) {
      setKey(dst, key, val);
    } else if (isTable(val)) {
      if (isTable(dv)) coalesceTablesFullKey(warn, dv, val, fullkey, merge);
      else
        warn(
          `coalesce.go:298: warning: cannot overwrite table with non table for ${fullkey} (${formatGoValue(val, 'v')})`,
        );
    } else if (isTable(dv) && val !== null) {
      warn(
        `coalesce.go:301: warning: destination for ${fullkey} is a table. Ignoring non-table value (${formatGoValue(val, 'v')})`,
      );
    }
  }
  return dst;
}
