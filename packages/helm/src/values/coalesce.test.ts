import { describe, expect, it } from 'vitest';
import { fixtureChart } from '../testing/chartFixture.js';
import { coalesceTables, coalesceValues, mergeValues } from './coalesce.js';
import { decodeYamlMap } from './goYaml.js';
import { isTable, type Value, type ValueMap } from './types.js';

// helm v3.17.2 pkg/chartutil/coalesce_test.go TestCoalesceValues, as data.
const userYaml = `
top: yup
bottom: null
right: Null
left: NULL
front: ~
back: ""
nested:
  boat: null

global:
  name: Ishmael
  subject: Queequeg
  nested:
    boat: true

pequod:
  boat: null
  global:
    name: Stinky
    harpooner: Tashtego
    nested:
      boat: false
      sail: true
      foo2: null
  ahab:
    scope: whale
    boat: null
    nested:
      foo: true
      boat: null
    object: null
`;

function moby() {
  return fixtureChart(
    { name: 'moby' },
    {
      back: 'exists',
      bottom: 'exists',
      front: 'exists',
      left: 'exists',
      name: 'moby',
      nested: { boat: true },
      override: 'bad',
      right: 'exists',
      scope: 'moby',
      top: 'nope',
      global: { nested2: { l0: 'moby' } },
      pequod: { boat: 'maybe', ahab: { boat: 'maybe', nested: { boat: 'maybe' } } },
    },
    [
      fixtureChart(
        { name: 'pequod' },
        {
          name: 'pequod',
          scope: 'pequod',
          global: { nested2: { l1: 'pequod' } },
          boat: false,
          ahab: { boat: false, nested: { boat: false } },
        },
        [
          fixtureChart(
            { name: 'ahab' },
            {
              global: { nested: { foo: 'bar', foo2: 'bar2' }, nested2: { l2: 'ahab' } },
              scope: 'ahab',
              name: 'ahab',
              boat: true,
              nested: { foo: false, boat: true },
              object: { foo: 'bar' },
            },
          ),
        ],
      ),
      fixtureChart({ name: 'spouter' }, { scope: 'spouter', global: { nested2: { l1: 'spouter' } } }),
    ],
  );
}

function at(v: ValueMap, path: string): Value | undefined {
  let cur: Value | undefined = v;
  for (const k of path.split('.')) {
    if (!isTable(cur) || !Object.hasOwn(cur, k)) return undefined;
    cur = cur[k];
  }
  return cur;
}

const expectations: [string, Value | undefined][] = [
  ['top', 'yup'],
  ['back', ''],
  ['name', 'moby'],
  ['global.name', 'Ishmael'],
  ['global.subject', 'Queequeg'],
  ['global.harpooner', undefined],
  ['pequod.name', 'pequod'],
  ['pequod.ahab.name', 'ahab'],
  ['pequod.ahab.scope', 'whale'],
  ['pequod.ahab.nested.foo', true],
  ['pequod.ahab.global.name', 'Ishmael'],
  ['pequod.ahab.global.nested.foo', 'bar'],
  ['pequod.ahab.global.nested.foo2', undefined],
  ['pequod.ahab.global.subject', 'Queequeg'],
  ['pequod.ahab.global.harpooner', 'Tashtego'],
  ['pequod.global.name', 'Ishmael'],
  ['pequod.global.nested.foo', undefined],
  ['pequod.global.subject', 'Queequeg'],
  ['spouter.global.name', 'Ishmael'],
  ['spouter.global.harpooner', undefined],
  ['global.nested.boat', true],
  ['pequod.global.nested.boat', true],
  ['spouter.global.nested.boat', true],
  ['pequod.global.nested.sail', true],
  ['spouter.global.nested.sail', undefined],
  ['global.nested2.l0', 'moby'],
  ['global.nested2.l1', undefined],
  ['global.nested2.l2', undefined],
  ['pequod.global.nested2.l0', 'moby'],
  ['pequod.global.nested2.l1', 'pequod'],
  ['pequod.global.nested2.l2', undefined],
  ['pequod.ahab.global.nested2.l0', 'moby'],
  ['pequod.ahab.global.nested2.l1', 'pequod'],
  ['pequod.ahab.global.nested2.l2', 'ahab'],
  ['spouter.global.nested2.l0', 'moby'],
  ['spouter.global.nested2.l1', 'spouter'],
  ['spouter.global.nested2.l2', undefined],
  // nulls delete defaults (coalesce)
  ['bottom', undefined],
  ['right', undefined],
  ['left', undefined],
  ['front', undefined],
  ['nested.boat', undefined],
  ['pequod.boat', undefined],
  ['pequod.ahab.boat', undefined],
  ['pequod.ahab.nested.boat', undefined],
  ['pequod.ahab.object', undefined],
];

describe('coalesceValues (helm coalesce_test.go TestCoalesceValues)', () => {
  const user = decodeYamlMap(userYaml);
  const before = JSON.stringify(user);
  const v = coalesceValues(moby(), user);
  it.each(expectations.map(([name, want]) => ({ name, want })))('$name', ({ name, want }) => {
    expect(at(v, name)).toStrictEqual(want);
  });
  it('does not modify the user values', () => {
    expect(JSON.stringify(user)).toBe(before);
  });
});

describe('mergeValues keeps nulls', () => {
  const v = mergeValues(moby(), decodeYamlMap(userYaml));
  it.each([
    { name: 'bottom', want: null },
    { name: 'nested.boat', want: null },
    { name: 'pequod.ahab.object', want: null },
    { name: 'top', want: 'yup' },
  ])('$name', ({ name, want }) => expect(at(v, name)).toStrictEqual(want));
});

describe('warnings', () => {
  it('warns when a user table meets a chart scalar', () => {
    const warnings: string[] = [];
    coalesceValues(fixtureChart({ name: 'c' }, { scalar: 'x' }), { scalar: { a: 1 } }, (w) =>
      warnings.push(w),
    );
    expect(warnings).toEqual(['coalesce.go:237: warning: skipped value for c.scalar: Not a table.']);
  });
  it('warns when a scalar meets a table', () => {
    const warnings: string[] = [];
    coalesceTables({ a: 'x' }, { a: { b: 1 } }, (w) => warnings.push(w));
    coalesceTables({ a: { b: 1 } }, { a: 'y' }, (w) => warnings.push(w));
    expect(warnings).toEqual([
      'coalesce.go:298: warning: cannot overwrite table with non table for a (map[b:1])',
      'coalesce.go:301: warning: destination for a is a table. Ignoring non-table value (y)',
    ]);
  });
  it('fails on a subchart key holding a scalar', () => {
    const c = fixtureChart({ name: 'p' }, {}, [fixtureChart({ name: 'sub' })]);
    expect(() => coalesceValues(c, { sub: 'oops' })).toThrow('type mismatch on sub: %!t(string=oops)');
  });
});

describe('coalesceTables', () => {
  it.each([
    { name: 'dst wins', dst: { a: 1 }, src: { a: 2, b: 3 }, want: { a: 1, b: 3 } },
    { name: 'null in dst deletes', dst: { a: null }, src: { a: 2 }, want: {} },
    { name: 'deep merge', dst: { a: { x: 1 } }, src: { a: { y: 2 } }, want: { a: { x: 1, y: 2 } } },
    { name: 'lists replaced', dst: { l: [1] }, src: { l: [2, 3] }, want: { l: [1] } },
  ])('$name', ({ dst, src, want }) => {
    expect(coalesceTables(dst as unknown as ValueMap, src as unknown as ValueMap)).toStrictEqual(want);
  });
});
