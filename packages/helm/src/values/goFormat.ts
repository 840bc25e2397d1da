import { formatGoShortestG } from './goYaml.js';
import { goTypeName, isTable, type Value } from './types.js';

/**
 * Go's `fmt` rendering of a values tree for messages: `%v` (`map[a:1 b:[x y]]`, `<nil>`, floats
 * as `1e+06`) and `%t` (booleans, else `%!t(type=value)`).
 */
export function formatGoValue(v: Value | undefined, verb: 'v' | 't'): string {
  if (verb === 't') {
    if (typeof v === 'boolean') return v ? 'true' : 'false';
    if (v === null || v === undefined) return '%!t(<nil>)';
    return `%!t(${goTypeName(v)}=${formatGoValue(v, 'v')})`;
  }
  if (v === null || v === undefined) return '<nil>';
  if (Array.isArray(v)) return `[${v.map((x) => formatGoValue(x, 'v')).join(' ')}]`;
  if (isTable(v)) {
    const keys = Object.keys(v).sort();
    return `map[${keys.map((k) => `${k}:${formatGoValue(v[k], 'v')}`).join(' ')}]`;
  }
  if (typeof v === 'number') return formatGoFloat(v);
  return String(v);
}

/** Go's `%v` of a float64 (`strconv.FormatFloat(f, 'g', -1, 64)`): `1e+06`, `1.5`, `+Inf`, `NaN`. */
export function formatGoFloat(f: number): string {
  if (Number.isNaN(f)) return 'NaN';
  if (f === Number.POSITIVE_INFINITY) return '+Inf';
  if (f === Number.NEGATIVE_INFINITY) return '-Inf';
  if (f === 0) return Object.is(f, -0) ? '-0' : '0';
  return formatGoShortestG(f.toExponential());
}
