import { describe, expect, it } from 'vitest';
import { sortIndices } from './sortIndices.js';

/** The order `Array.prototype.sort` (stable) gives: what sortIndices must reproduce at every length. */
function reference(keys: string[]): number[] {
  return keys.map((_, i) => i).sort((a, b) => (keys[a]! < keys[b]! ? -1 : keys[a]! > keys[b]! ? 1 : 0));
}

describe('sortIndices', () => {
  it.each([
    { name: 'empty', keys: [] as string[], want: [] as number[] },
    { name: 'one', keys: ['a'], want: [0] },
    { name: 'sorted', keys: ['apiVersion', 'kind', 'metadata', 'spec'], want: [0, 1, 2, 3] },
    { name: 'reversed', keys: ['spec', 'metadata', 'kind', 'apiVersion'], want: [3, 2, 1, 0] },
    { name: 'duplicates keep their order', keys: ['b', 'a', 'b', 'a'], want: [1, 3, 0, 2] },
    { name: 'metadata fields', keys: ['name', 'namespace', 'labels'], want: [2, 0, 1] },
  ])('$name', ({ keys, want }) => {
    const idx = keys.map((_, i) => i);
    sortIndices(idx, (x, y) => keys[x]! < keys[y]!);
    expect(idx).toEqual(want);
  });

  it('gives Array.prototype.sort order at every length, below and above the insertion-sort bound', () => {
    let seed = 7;
    const rand = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed % n;
    };
    for (let len = 0; len <= 40; len++) {
      for (let round = 0; round < 20; round++) {
        const keys = Array.from({ length: len }, () => String.fromCharCode(97 + rand(6)));
        const idx = keys.map((_, i) => i);
        sortIndices(idx, (x, y) => keys[x]! < keys[y]!);
        expect(idx).toEqual(reference(keys));
      }
    }
  });
});
