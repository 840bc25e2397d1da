/** Deep equality of JSON-like values (objects compared by keys, arrays by order). */
export function jsonEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a)) {
    const bb = b as unknown[];
    return a.length === bb.length && a.every((v, i) => jsonEqual(v, bb[i]));
  }
  const ak = Object.keys(a).filter((k) => (a as Record<string, unknown>)[k] !== undefined);
  const bk = Object.keys(b).filter((k) => (b as Record<string, unknown>)[k] !== undefined);
  if (ak.length !== bk.length) return false;
  return ak.every((k) => jsonEqual((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
}

/**
 * The JSON merge patch (RFC 7386) of `status` that turns `before` into `after`, at top-level field
 * granularity: changed fields are sent whole (lists such as `conditions` are replaced, as merge
 * patches do), removed fields as `null`. `undefined` when nothing changed.
 */
export function statusMergePatch(
  before: Record<string, unknown>,
  after: Record<string, unknown>,
): Record<string, unknown> | undefined {
  const patch: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(after)) {
    if (v === undefined) continue;
    if (!jsonEqual(before[k], v)) patch[k] = v;
  }
  for (const k of Object.keys(before)) {
    if (before[k] !== undefined && (after[k] === undefined || after[k] === null) && !(k in patch))
      patch[k] = null;
  }
  return Object.keys(patch).length > 0 ? patch : undefined;
}
