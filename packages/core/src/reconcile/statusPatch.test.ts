import { describe, expect, it } from 'vitest';
import { statusMergePatch } from './statusPatch.js';

describe('statusMergePatch', () => {
  it.each([
    { name: 'no change', before: { a: 1, b: [1, 2] }, after: { b: [1, 2], a: 1 }, want: undefined },
    {
      name: 'changed field sent whole',
      before: { a: { x: 1, y: 2 } },
      after: { a: { x: 1, y: 3 } },
      want: { a: { x: 1, y: 3 } },
    },
    { name: 'new field', before: {}, after: { observedGeneration: 2 }, want: { observedGeneration: 2 } },
    { name: 'removed field is null', before: { a: 1, b: 2 }, after: { a: 1 }, want: { b: null } },
    { name: 'explicit null removes', before: { a: 1 }, after: { a: null }, want: { a: null } },
    { name: 'list replaced', before: { c: [1] }, after: { c: [1, 2] }, want: { c: [1, 2] } },
  ])('$name', ({ before, after, want }) => {
    expect(statusMergePatch(before, after as Record<string, unknown>)).toEqual(want);
  });
});
