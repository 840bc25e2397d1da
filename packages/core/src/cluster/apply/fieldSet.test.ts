import { describe, expect, it } from 'vitest';
import { FieldSet, formatFieldPath, goJson } from './fieldSet.js';

describe('FieldSet fieldsV1', () => {
  it.each([
    { name: 'leaves', input: { 'f:spec': { 'f:interval': {}, 'f:url': {} } } },
    {
      name: 'node and children',
      input: { 'f:data': { '.': {}, 'f:k': {} }, 'f:metadata': { 'f:labels': { '.': {}, 'f:app': {} } } },
    },
    {
      name: 'set items',
      input: { 'f:metadata': { 'f:finalizers': { '.': {}, 'v:"probe.example.io/finalizer"': {} } } },
    },
    {
      name: 'list-map items',
      input: { 'f:spec': { 'f:containers': { 'k:{"name":"c"}': { '.': {}, 'f:image': {}, 'f:name': {} } } } },
    },
    {
      name: 'composite keys',
      input: { 'f:ports': { 'k:{"containerPort":80,"protocol":"TCP"}': { '.': {}, 'f:containerPort': {} } } },
    },
  ])('round-trips $name', ({ input }) => {
    expect(FieldSet.fromFieldsV1(input).toFieldsV1()).toEqual(input);
  });

  it('orders members by field, key, value, index', () => {
    const s = FieldSet.of([{ index: 0 }], [{ value: 'x' }], [{ key: [['name', 'a']] }], [{ field: 'z' }]);
    expect(Object.keys(s.toFieldsV1())).toEqual(['f:z', 'k:{"name":"a"}', 'v:"x"', 'i:0']);
  });

  it('formats paths as the API server prints them', () => {
    expect(
      formatFieldPath([
        { field: 'spec' },
        { field: 'containers' },
        { key: [['name', 'app']] },
        { field: 'image' },
      ]),
    ).toBe('.spec.containers[name="app"].image');
    expect(formatFieldPath([{ field: 'finalizers' }, { value: 'a' }, { index: 2 }])).toBe(
      '.finalizers[="a"][2]',
    );
  });

  it('writes JSON as Go does (HTML-safe escapes, sorted keys)', () => {
    expect(goJson({ b: '<&>', a: 1 })).toBe('{"a":1,"b":"\\u003c\\u0026\\u003e"}');
  });

  it('set algebra', () => {
    const a = FieldSet.of([{ field: 'a' }], [{ field: 'b' }, { field: 'c' }]);
    const b = FieldSet.of([{ field: 'b' }]);
    expect(a.difference(b).toFieldsV1()).toEqual({ 'f:a': {}, 'f:b': { 'f:c': {} } });
    expect(a.recursiveDifference(b).toFieldsV1()).toEqual({ 'f:a': {} });
    expect(a.intersection(FieldSet.of([{ field: 'b' }, { field: 'c' }])).toFieldsV1()).toEqual({
      'f:b': { 'f:c': {} },
    });
    expect(a.union(b).toFieldsV1()).toEqual({ 'f:a': {}, 'f:b': { '.': {}, 'f:c': {} } });
  });
});
