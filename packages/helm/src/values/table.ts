import { getKey, isTable, type Value, type ValueMap } from './types.js';

/**
 * Helm's `Values.Table(name)` and `Values.PathValue(path)` over dotted paths (no escaping: a dot
 * always separates).
 *
 * @see https://github.com/helm/helm/blob/v3.17.2/pkg/chartutil/values.go
 */

/** The table at dotted `name` (`{ table }`), or Helm's `ErrNoTable` message (`{ error: '"k" is not a table' }`). */
export function valuesTable(v: ValueMap, name: string): { table: ValueMap } | { error: string } {
  let table: ValueMap = v;
  for (const n of name.split('.')) {
    const next = getKey(table, n);
    if (next === undefined || !isTable(next)) return { error: `${JSON.stringify(n)} is not a table` };
    table = next;
  }
  return { table };
}

/**
 * The non-table value at dotted `path`, or `{ missing: key }` when there is none (Helm's
 * `ErrNoValue`). A table at the path counts as missing, as in Helm.
 */
export function pathValue(v: ValueMap, path: string): { value: Value } | { missing: string } {
  const parts = path.split('.');
  if (parts.length === 1) {
    const x = getKey(v, parts[0]!);
    if (x !== undefined && !isTable(x)) return { value: x };
    return { missing: parts[0]! };
  }
  const key = parts.pop()!;
  let table: ValueMap = v;
  for (const n of parts) {
    const next = getKey(table, n);
    if (next === undefined || !isTable(next)) return { missing: key };
    table = next;
  }
  const x = getKey(table, key);
  if (x !== undefined && !isTable(x)) return { value: x };
  return { missing: key };
}
