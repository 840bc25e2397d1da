/** Above this length {@link sortIndices} hands the list to `Array.prototype.sort`. */
const INSERTION_SORT_MAX = 16;

/**
 * Sorts `idx` in place, stably, by `less` (a strict order on the values `idx` holds). The lists it
 * sorts are a mapping's key positions, almost always a handful: insertion sort does those without the
 * work array and sort state `Array.prototype.sort` allocates per call (about 11 MB of garbage in the
 * kustomize perf-large build, which sorts every mapping it walks and prints). Longer lists use
 * `Array.prototype.sort`, which is stable too, so both give the same order.
 */
export function sortIndices(idx: number[], less: (a: number, b: number) => boolean): void {
  const n = idx.length;
  if (n > INSERTION_SORT_MAX) {
    idx.sort((a, b) => (less(a, b) ? -1 : less(b, a) ? 1 : 0));
    return;
  }
  for (let i = 1; i < n; i++) {
    const v = idx[i]!;
    let j = i - 1;
    while (j >= 0 && less(v, idx[j]!)) {
      idx[j + 1] = idx[j]!;
      j--;
    }
    idx[j + 1] = v;
  }
}
