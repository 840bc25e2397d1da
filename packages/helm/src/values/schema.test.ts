import { describe, expect, it } from 'vitest';
import { fixtureChart } from '../testing/chartFixture.js';
import { validateAgainstSchema, validateAgainstSingleSchema } from './schema.js';
import type { ValueMap } from './types.js';

const schema = JSON.stringify({
  $schema: 'http://json-schema.org/draft-07/schema#',
  type: 'object',
  required: ['name'],
  properties: {
    name: { type: 'string', minLength: 3, maxLength: 5 },
    port: { type: 'integer', minimum: 1, maximum: 65535, multipleOf: 2 },
    ratio: { type: 'number', exclusiveMinimum: 0, exclusiveMaximum: 1 },
    tags: { type: 'array', minItems: 1, maxItems: 2, uniqueItems: true, items: { type: 'string' } },
    mode: { enum: ['a', 'b', 3] },
    fixed: { const: 'x' },
    obj: {
      type: 'object',
      additionalProperties: false,
      properties: { k: { type: ['string', 'null'] } },
      minProperties: 1,
    },
    email: { type: 'string', format: 'email' },
    any: { anyOf: [{ type: 'string' }, { type: 'integer' }] },
    notthis: { not: { type: 'string' } },
  },
});

// Expected lines are real `helm template` (v3.17.2, gojsonschema) output for the same values.
describe('validateAgainstSingleSchema: gojsonschema wording', () => {
  it.each([
    { name: 'valid', values: { name: 'abc' }, want: '' },
    { name: 'required', values: {}, want: '- (root): name is required\n' },
    {
      name: 'minLength',
      values: { name: 'ab' },
      want: '- name: String length must be greater than or equal to 3\n',
    },
    {
      name: 'maxLength and minimum',
      values: { name: 'abcdef', port: 0n },
      want: '- name: String length must be less than or equal to 5\n- port: Must be greater than or equal to 1\n',
    },
    {
      name: 'maximum',
      values: { name: 'abc', port: 70000n },
      want: '- port: Must be less than or equal to 65535\n',
    },
    { name: 'multipleOf', values: { name: 'abc', port: 3n }, want: '- port: Must be a multiple of 2\n' },
    { name: 'exclusiveMaximum', values: { name: 'abc', ratio: 1 }, want: '- ratio: Must be less than 1\n' },
    {
      name: 'minItems',
      values: { name: 'abc', tags: [] },
      want: '- tags: Array must have at least 1 items\n',
    },
    {
      name: 'enum',
      values: { name: 'abc', mode: 'c' },
      want: '- mode: mode must be one of the following: "a", "b", 3\n',
    },
    { name: 'const', values: { name: 'abc', fixed: 'y' }, want: '- fixed: fixed does not match: "x"\n' },
    {
      name: 'additionalProperties and type list',
      values: { name: 'abc', obj: { z: 1, k: 5 } },
      want: '- obj: Additional property z is not allowed\n- obj.k: Invalid type. Expected: [string,null], given: integer\n',
    },
    {
      name: 'minProperties',
      values: { name: 'abc', obj: {} },
      want: '- obj: Must have at least 1 properties\n',
    },
    {
      name: 'format',
      values: { name: 'abc', email: 'nope' },
      want: "- email: Does not match format 'email'\n",
    },
    {
      name: 'anyOf with its best branch',
      values: { name: 'abc', any: 1.5 },
      want: '- any: Must validate at least one schema (anyOf)\n- any: Invalid type. Expected: string, given: number\n',
    },
    {
      name: 'not',
      values: { name: 'abc', notthis: 's' },
      want: '- notthis: Must not validate the schema (not)\n',
    },
    {
      name: 'integer given',
      values: { name: 5 },
      want: '- name: Invalid type. Expected: string, given: integer\n',
    },
    { name: 'integer accepts 2.0', values: { name: 'abc', port: 2 }, want: '' },
  ])('$name', ({ values, want }) => {
    expect(validateAgainstSingleSchema(values as ValueMap, schema)).toBe(want);
  });

  it('sets: maxItems and uniqueItems both reported', () => {
    const got = validateAgainstSingleSchema({ name: 'abc', tags: ['a', 'a', 'b'] }, schema)
      .split('\n')
      .sort();
    expect(got).toEqual([
      '',
      '- tags: Array must have at most 2 items',
      '- tags: array items[0,1] must be unique',
    ]);
  });

  it('draft-04 schemas (boolean exclusiveMinimum)', () => {
    const s04 = JSON.stringify({
      $schema: 'http://json-schema.org/draft-04/schema#',
      properties: { n: { type: 'number', minimum: 1, exclusiveMinimum: true } },
    });
    expect(validateAgainstSingleSchema({ n: 1 }, s04)).toBe('- n: Must be greater than 1\n');
  });
});

// What helm v3.17.2 reports for a values.schema.json that is not one JSON value (gojsonschema
// reads it with a json.Decoder: the first value only, Go's error text).
describe('validateAgainstSingleSchema: schema text as gojsonschema decodes it', () => {
  it.each([
    { text: '{bad json', want: "invalid character 'b' looking for beginning of object key string" },
    { text: '[1, 2', want: 'unexpected EOF' },
    { text: 'nul', want: 'unexpected EOF' },
    { text: '', want: 'EOF' },
    { text: '  ', want: 'EOF' },
    { text: '{"type":"object"} x', want: '' },
    { text: '{"type":"object"}{', want: '' },
    { text: '{"a":"\\"}"} z', want: '' },
    { text: '{"required":["name"]} trailing', want: '- (root): name is required\n' },
  ])('$text', ({ text, want }) => {
    expect(validateAgainstSingleSchema({}, text)).toBe(want);
  });
});

describe('validateAgainstSchema: aggregated per chart', () => {
  it('reports parent then subchart sections', () => {
    const enc = (o: unknown) => new TextEncoder().encode(JSON.stringify(o));
    const sub = fixtureChart({ name: 'sub' });
    sub.schema = enc({ required: ['age'] });
    const parent = fixtureChart({ name: 'parent' }, {}, [sub]);
    parent.schema = enc({ required: ['lastname'] });
    expect(validateAgainstSchema(parent, { sub: {} })).toBe(
      'parent:\n- (root): lastname is required\nsub:\n- (root): age is required\n',
    );
  });
});
