import { describe, expect, it } from 'vitest';
import type { HelmError } from '../errors.js';
import { fixtureChart } from '../testing/chartFixture.js';
import type { ValueMap } from '../values/types.js';
import { checkDependencies, cloneChartTree, processDependencies } from './dependencies.js';
import type { Chart, ChartDependency } from './types.js';

function parent(deps: ChartDependency[], values: ValueMap = {}, children?: Chart[]): Chart {
  return fixtureChart(
    { name: 'parent', dependencies: deps },
    values,
    children ?? [
      fixtureChart({ name: 'a', version: '1.0.0' }, { av: 'a' }),
      fixtureChart({ name: 'b', version: '1.0.0' }, { bv: 'b' }),
    ],
  );
}

const names = (c: Chart) => c.dependencies.map((d) => d.metadata.name).sort();

describe('conditions and tags', () => {
  it.each([
    { name: 'no condition: enabled', deps: [{ name: 'a', repository: '' }], vals: {}, want: ['a', 'b'] },
    {
      name: 'condition false',
      deps: [{ name: 'a', repository: '', condition: 'a.enabled' }],
      vals: { a: { enabled: false } },
      want: ['b'],
    },
    {
      name: 'condition true',
      deps: [{ name: 'a', repository: '', condition: 'a.enabled' }],
      vals: { a: { enabled: true } },
      want: ['a', 'b'],
    },
    {
      name: 'first resolvable path wins',
      deps: [{ name: 'a', repository: '', condition: 'missing.x,a.off,a.on' }],
      vals: { a: { off: false, on: true } },
      want: ['b'],
    },
    {
      name: 'non-bool condition is skipped',
      deps: [{ name: 'a', repository: '', condition: 'a.str,a.off' }],
      vals: { a: { str: 'yes', off: false } },
      want: ['b'],
    },
    {
      name: 'unresolvable condition falls back to tags',
      deps: [{ name: 'a', repository: '', condition: 'nope.x', tags: ['front'] }],
      vals: { tags: { front: false } },
      want: ['b'],
    },
    {
      name: 'condition beats tags',
      deps: [{ name: 'a', repository: '', condition: 'a.on', tags: ['front'] }],
      vals: { a: { on: true }, tags: { front: false } },
      want: ['a', 'b'],
    },
    {
      name: 'any true tag enables',
      deps: [{ name: 'a', repository: '', tags: ['x', 'y'] }],
      vals: { tags: { x: false, y: true } },
      want: ['a', 'b'],
    },
    {
      name: 'all tags false disables',
      deps: [{ name: 'a', repository: '', tags: ['x', 'y'] }],
      vals: { tags: { x: false, y: false } },
      want: ['b'],
    },
    {
      name: 'chart default decides',
      deps: [{ name: 'a', repository: '', condition: 'a.enabled' }],
      vals: {},
      chartVals: { a: { enabled: false } },
      want: ['b'],
    },
  ])('$name', ({ deps, vals, chartVals, want }) => {
    const c = cloneChartTree(parent(deps as ChartDependency[], (chartVals ?? {}) as ValueMap));
    processDependencies(c, vals as ValueMap);
    expect(names(c)).toEqual(want);
  });
});

describe('aliases', () => {
  it('renames and can include a chart twice', () => {
    const c = cloneChartTree(
      parent([
        { name: 'a', version: '1.0.0', repository: '', alias: 'first' },
        { name: 'a', version: '^1', repository: '', alias: 'second', condition: 'second.enabled' },
      ]),
    );
    processDependencies(c, { second: { enabled: true } });
    expect(names(c)).toEqual(['b', 'first', 'second']);
  });
  it('is ignored without a version (an empty constraint never matches)', () => {
    const c = cloneChartTree(parent([{ name: 'a', repository: '', alias: 'first' }]));
    processDependencies(c, {});
    expect(names(c)).toEqual(['a', 'b']);
  });
  it('alias condition applies to the alias only', () => {
    const c = cloneChartTree(
      parent([{ name: 'a', version: '1.0.0', repository: '', alias: 'x', condition: 'x.enabled' }]),
    );
    processDependencies(c, { x: { enabled: false } });
    expect(names(c)).toEqual(['b']);
  });
  it('does not touch the loaded chart', () => {
    const orig = parent([{ name: 'a', repository: '', alias: 'x' }]);
    processDependencies(cloneChartTree(orig), {});
    expect(orig.metadata.dependencies?.[0]?.name).toBe('a');
    expect(names(orig)).toEqual(['a', 'b']);
  });
});

describe('import-values', () => {
  const children = () => [
    fixtureChart(
      { name: 'a', version: '1.0.0' },
      { exports: { data: { fromExports: 1 } }, deep: { t: { k: 'v' } } },
    ),
  ];
  it('exports shorthand lands at the parent root', () => {
    const c = cloneChartTree(parent([{ name: 'a', repository: '', importValues: ['data'] }], {}, children()));
    processDependencies(c, {});
    expect(c.values.fromExports).toBe(1);
  });
  it('child/parent form lands at the parent path', () => {
    const c = cloneChartTree(
      parent(
        [{ name: 'a', repository: '', importValues: [{ child: 'deep.t', parent: 'imported.here' }] }],
        {},
        children(),
      ),
    );
    processDependencies(c, {});
    expect((c.values.imported as ValueMap).here).toStrictEqual({ k: 'v' });
  });
  it("parent's own values win over imported ones", () => {
    const c = cloneChartTree(
      parent([{ name: 'a', repository: '', importValues: ['data'] }], { fromExports: 'mine' }, children()),
    );
    processDependencies(c, {});
    expect(c.values.fromExports).toBe('mine');
  });
  it('a missing table only warns', () => {
    const warnings: string[] = [];
    const c = cloneChartTree(
      parent([{ name: 'a', repository: '', importValues: ['nothing'] }], {}, children()),
    );
    processDependencies(c, {}, { warn: (w) => warnings.push(w) });
    expect(warnings.some((w) => w.includes('ImportValues missing table'))).toBe(true);
  });
});

describe('checkDependencies', () => {
  it('names every missing dependency', () => {
    const c = parent([
      { name: 'a', repository: '' },
      { name: 'x', repository: '' },
      { name: 'y', repository: '' },
    ]);
    let err: unknown;
    try {
      checkDependencies(c);
    } catch (e) {
      err = e;
    }
    expect((err as HelmError).code).toBe('MissingDependency');
    expect((err as HelmError).message).toBe(
      'An error occurred while checking for chart dependencies. You may need to run `helm dependency build` to fetch missing dependencies: found in Chart.yaml, but missing in charts/ directory: x, y',
    );
  });
});
