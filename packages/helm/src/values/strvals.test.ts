import { describe, expect, it } from 'vitest';
import {
  MAX_NESTED_NAME_LEVEL,
  parseSetFileInto,
  parseSetInto,
  parseSetJsonInto,
  parseSetLiteralInto,
  parseSetStringInto,
  StrvalsError,
} from './strvals.js';
import type { ValueMap } from './types.js';

// Cases from helm v3.17.2 pkg/strvals/parser_test.go and literal_parser_test.go (behaviour, not code),
// plus cases checked against real `helm template` (`toJson .Values` / `kindOf`).
type Case = { name: string; input: string; want?: ValueMap; err?: string | true; dest?: ValueMap };

const nested = Array.from({ length: MAX_NESTED_NAME_LEVEL + 2 }, (_, i) => `name${i + 1}`).join('.');

const setCases: Case[] = [
  { name: 'typed null/bool', input: 'name1=null,f=false,t=true', want: { name1: null, f: false, t: true } },
  { name: 'typed any case', input: 'a=TRUE,b=False,c=NULL', want: { a: true, b: false, c: null } },
  { name: 'single', input: 'name1=value1', want: { name1: 'value1' } },
  { name: 'two', input: 'name1=value1,name2=value2', want: { name1: 'value1', name2: 'value2' } },
  { name: 'trailing comma', input: 'name1=value1,name2=value2,', want: { name1: 'value1', name2: 'value2' } },
  {
    name: 'empty pairs',
    input: 'name1=value1,,,,name2=value2,',
    err: 'key "" has no value (cannot end with ,)',
  },
  { name: 'empty value', input: 'name1=,name2=value2', want: { name1: '', name2: 'value2' } },
  { name: 'leading zeros stay strings', input: 'leading_zeros=00009', want: { leading_zeros: '00009' } },
  { name: 'zero is int', input: 'zero_int=0', want: { zero_int: 0n } },
  { name: 'int64', input: 'long_int=1234567890', want: { long_int: 1234567890n } },
  { name: 'negative int', input: 'n=-1', want: { n: -1n } },
  { name: 'plus int', input: 'p=+5', want: { p: 5n } },
  { name: 'float stays string', input: 'f=1.5', want: { f: '1.5' } },
  { name: 'exp stays string', input: 'e=1e3', want: { e: '1e3' } },
  { name: 'hex stays string', input: 'h=0x1F', want: { h: '0x1F' } },
  {
    name: 'beyond int64 stays string',
    input: 'big=12345678901234567890',
    want: { big: '12345678901234567890' },
  },
  { name: 'int64 max', input: 'm=9223372036854775807', want: { m: 9223372036854775807n } },
  {
    name: 'key without value then pair',
    input: 'name1,name2=',
    err: 'key "name1" has no value (cannot end with ,)',
  },
  { name: 'key without value', input: 'name1,name2=value2', err: true },
  { name: 'trailing backslash', input: 'name1,name2=value2\\', err: true },
  { name: 'two bare keys', input: 'name1,name2', err: true },
  { name: 'bare key', input: 'name', err: 'key "name" has no value' },
  {
    name: 'escaped commas',
    input: 'name1=one\\,two,name2=three\\,four',
    want: { name1: 'one,two', name2: 'three,four' },
  },
  {
    name: 'escaped equals',
    input: 'name1=one\\=two,name2=three\\=four',
    want: { name1: 'one=two', name2: 'three=four' },
  },
  {
    name: 'spaces',
    input: 'name1=one two three,name2=three two one',
    want: { name1: 'one two three', name2: 'three two one' },
  },
  { name: 'unescaped equals in value', input: 'eq=a=b=c', want: { eq: 'a=b=c' } },
  { name: 'escaped dot in key', input: 'dotted\\.key=v', want: { 'dotted.key': 'v' } },
  {
    name: 'annotation key',
    input: 'annotations.kubernetes\\.io/ingress\\.class=nginx',
    want: { annotations: { 'kubernetes.io/ingress.class': 'nginx' } },
  },
  { name: 'nested', input: 'outer.inner=value', want: { outer: { inner: 'value' } } },
  { name: 'nested 3', input: 'outer.middle.inner=value', want: { outer: { middle: { inner: 'value' } } } },
  {
    name: 'nested siblings',
    input: 'outer.inner1=value,outer.inner2=value2',
    want: { outer: { inner1: 'value', inner2: 'value2' } },
  },
  {
    name: 'nested mixed depth',
    input: 'outer.inner1=value,outer.middle.inner=value',
    want: { outer: { inner1: 'value', middle: { inner: 'value' } } },
  },
  { name: 'nested no value', input: 'name1.name2', err: 'key "name2" has no value' },
  { name: 'nested no value twice', input: 'name1.name2,name1.name3', err: true },
  { name: 'nested empty value', input: 'name1.name2=', want: { name1: { name2: '' } } },
  { name: 'empty nested key', input: 'name1.=name2', err: 'key map "name1" has no value' },
  { name: 'empty nested key comma', input: 'name1.,name2', err: true },
  { name: 'list syntax', input: 'name1={value1,value2}', want: { name1: ['value1', 'value2'] } },
  {
    name: 'two lists',
    input: 'name1={value1,value2},name2={value1,value2}',
    want: { name1: ['value1', 'value2'], name2: ['value1', 'value2'] },
  },
  { name: 'typed list', input: 'name1={1021,902}', want: { name1: [1021n, 902n] } },
  {
    name: 'nested list',
    input: 'name1.name2={value1,value2}',
    want: { name1: { name2: ['value1', 'value2'] } },
  },
  { name: 'unterminated list', input: 'name1={1021,902', err: "list must terminate with '}'" },
  { name: 'empty list is one empty string', input: 'empty={}', want: { empty: [''] } },
  { name: 'single list', input: 'single={x}', want: { single: ['x'] } },
  { name: 'index', input: 'list[0]=foo', want: { list: ['foo'] } },
  { name: 'index map', input: 'list[0].foo=bar', want: { list: [{ foo: 'bar' }] } },
  {
    name: 'index map twice',
    input: 'list[0].foo=bar,list[0].hello=world',
    want: { list: [{ foo: 'bar', hello: 'world' }] },
  },
  {
    name: 'negative index in map path',
    input: 'list[0].foo=bar,list[-30].hello=world',
    err: 'negative -30 index not allowed',
  },
  { name: 'two indexes', input: 'list[0]=foo,list[1]=bar', want: { list: ['foo', 'bar'] } },
  { name: 'two indexes trailing comma', input: 'list[0]=foo,list[1]=bar,', want: { list: ['foo', 'bar'] } },
  { name: 'sparse index', input: 'list[0]=foo,list[3]=bar', want: { list: ['foo', null, null, 'bar'] } },
  { name: 'negative index', input: 'list[0]=foo,list[-20]=bar', err: 'negative -20 index not allowed' },
  {
    name: 'data after index',
    input: 'illegal[0]name.foo=bar',
    err: 'unexpected data at end of array index: "name"',
  },
  { name: 'index without value', input: 'noval[0]', want: { noval: [] } },
  { name: 'index empty value', input: 'noval[0]=', want: { noval: [''] } },
  { name: 'nested index', input: 'nested[0][0]=1', want: { nested: [[1n]] } },
  { name: 'nested sparse index', input: 'nested[1][1]=1', want: { nested: [null, [null, 1n]] } },
  {
    name: 'list of maps under map',
    input: 'name1.name2[0].foo=bar,name1.name2[1].foo=bar',
    want: { name1: { name2: [{ foo: 'bar' }, { foo: 'bar' }] } },
  },
  {
    name: 'list of maps reverse order',
    input: 'name1.name2[1].foo=bar,name1.name2[0].foo=bar',
    want: { name1: { name2: [{ foo: 'bar' }, { foo: 'bar' }] } },
  },
  {
    name: 'list of maps sparse',
    input: 'name1.name2[1].foo=bar',
    want: { name1: { name2: [null, { foo: 'bar' }] } },
  },
  { name: 'garbage', input: ']={}].', err: true },
  {
    name: 'bad index',
    input: 'a[x]=1',
    err: 'error parsing index: strconv.Atoi: parsing "x": invalid syntax',
  },
  { name: 'unterminated index', input: 'a[1', err: 'error parsing index: EOF' },
  {
    name: 'index too large',
    input: 'a[65537]=1',
    err: 'index of 65537 is greater than maximum supported index of 65536',
  },
  {
    name: 'too deep',
    input: `${nested}=value`,
    err: `value name nested level is greater than maximum supported nested level of ${MAX_NESTED_NAME_LEVEL}`,
  },
  {
    name: 'scalar then map is a panic',
    input: 'a=1,a.b=2',
    err: 'unable to parse key: interface conversion: interface {} is int64, not map[string]interface {}',
  },
  {
    name: 'scalar then list is a panic',
    input: 'a=x,a[0]=2',
    err: 'unable to parse key: interface conversion: interface {} is string, not []interface {}',
  },
  {
    name: 'existing values are merged into',
    input: 'outer.inner1=value1,outer.inner3=value3,outer.inner4=4',
    dest: { outer: { inner1: 'overwrite', inner2: 'value2' } },
    want: { outer: { inner1: 'value1', inner2: 'value2', inner3: 'value3', inner4: 4n } },
  },
  {
    name: 'existing list is indexed',
    input: 'existing.list[1]=B',
    dest: { existing: { list: ['a', 'b', 'c'] } },
    want: { existing: { list: ['a', 'B', 'c'] } },
  },
  {
    name: 'values-file float under a map key is a panic',
    input: 'n.x=1',
    dest: { n: 3 },
    err: 'unable to parse key: interface conversion: interface {} is float64, not map[string]interface {}',
  },
  { name: 'unicode key and value', input: 'ключ=значение', want: { ключ: 'значение' } },
  {
    name: 'proto key is data',
    input: '__proto__.polluted=yes',
    want: JSON.parse('{"__proto__":{"polluted":"yes"}}'),
  },
  { name: 'value after list', input: 'a={x}b=1', want: { a: ['x'], b: 1n } },
];

function run(fn: (s: string, d: ValueMap) => ValueMap, c: Case) {
  const dest = c.dest ?? {};
  if (c.err !== undefined) {
    let err: unknown;
    try {
      fn(c.input, dest);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(StrvalsError);
    if (typeof c.err === 'string') expect((err as Error).message).toBe(c.err);
    return;
  }
  expect(fn(c.input, dest)).toStrictEqual(c.want);
}

describe('parseSetInto (--set)', () => {
  it.each(setCases)('$name: $input', (c) => run(parseSetInto, c));
  it('does not pollute Object.prototype', () => {
    parseSetInto('__proto__.polluted=yes', {});
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

const stringCases: Case[] = [
  { name: 'int stays string', input: 'long_int_string=1234567890', want: { long_int_string: '1234567890' } },
  { name: 'bool stays string', input: 'boolean=true', want: { boolean: 'true' } },
  { name: 'null stays string', input: 'is_null=null', want: { is_null: 'null' } },
  { name: 'zero stays string', input: 'zero=0', want: { zero: '0' } },
  {
    name: 'merges into existing',
    input: 'outer.inner1=1,outer.inner3=3',
    dest: { outer: { inner1: 'overwrite', inner2: 'value2' } },
    want: { outer: { inner1: '1', inner2: 'value2', inner3: '3' } },
  },
];
describe('parseSetStringInto (--set-string)', () => {
  it.each(stringCases)('$name: $input', (c) => run(parseSetStringInto, c));
});

const jsonCases: Case[] = [
  {
    name: 'scalars',
    input: 'outer.inner1="1",outer.inner3=3,outer.inner4=true,outer.inner5="true"',
    dest: { outer: { inner1: 'overwrite', inner2: 'value2' } },
    want: { outer: { inner1: '1', inner2: 'value2', inner3: 3, inner4: true, inner5: 'true' } },
  },
  {
    name: 'objects and arrays replace',
    input:
      'outer.inner1={"a":"1","b":2,"c":[1,2,3]},outer.inner3=["new value 1","new value 2"],outer.inner5=[{"A":"1","B":2}]',
    dest: { outer: { inner1: { x: 'overwrite' }, inner2: 'value2', inner3: ['overwrite'] } },
    want: {
      outer: {
        inner1: { a: '1', b: 2, c: [1, 2, 3] },
        inner2: 'value2',
        inner3: ['new value 1', 'new value 2'],
        inner5: [{ A: '1', B: 2 }],
      },
    },
  },
  {
    name: 'empty is null and index into json',
    input: 'outer.inner1=,outer.inner3={"aa":"1","cc":[1,2,3]},outer.inner3.cc[1]=null',
    dest: { outer: { inner1: { x: 'overwrite' }, inner2: 'value2' } },
    want: { outer: { inner1: null, inner2: 'value2', inner3: { aa: '1', cc: [1, null, 3] } } },
  },
  { name: 'syntax error', input: 'a={"A":"1"}],b=1', err: true },
  { name: 'numbers are float64', input: 'n=1.0,m=3', want: { n: 1, m: 3 } },
  { name: 'string', input: 's="str"', want: { s: 'str' } },
];
describe('parseSetJsonInto (--set-json)', () => {
  it.each(jsonCases)('$name: $input', (c) => run(parseSetJsonInto, c));
});

const literalCases: Case[] = [
  { name: 'bare key', input: 'name', err: 'key "name" has no value' },
  { name: 'empty', input: 'name=', want: { name: '' } },
  { name: 'value', input: 'name=value', want: { name: 'value' } },
  { name: 'no typing', input: 'long_int_string=1234567890', want: { long_int_string: '1234567890' } },
  { name: 'commas are data', input: 'name1=null,name2=value2', want: { name1: 'null,name2=value2' } },
  { name: 'braces are data', input: 'name1={value1,value2}', want: { name1: '{value1,value2}' } },
  { name: 'backslashes are data', input: 'name=val\\\\val', want: { name: 'val\\\\val' } },
  { name: 'nested', input: 'outer.middle.inner=value', want: { outer: { middle: { inner: 'value' } } } },
  { name: 'index', input: 'list[3]=bar', want: { list: [null, null, null, 'bar'] } },
  { name: 'index map', input: 'list[0].foo=bar', want: { list: [{ foo: 'bar' }] } },
  { name: 'negative index', input: 'list[-30].hello=world', err: 'negative -30 index not allowed' },
  { name: 'data after index', input: 'illegal[0]name.foo=bar', err: true },
  { name: 'corpus literal', input: 'lit=a,b=c{d}\\e', want: { lit: 'a,b=c{d}\\e' } },
];
describe('parseSetLiteralInto (--set-literal)', () => {
  it.each(literalCases)('$name: $input', (c) => run(parseSetLiteralInto, c));
});

describe('parseSetFileInto (--set-file)', () => {
  it('replaces each value by the file contents', () => {
    const got = parseSetFileInto('name1=path1,b.c=path2', {}, (p) => `contents of ${p}`);
    expect(got).toStrictEqual({ name1: 'contents of path1', b: { c: 'contents of path2' } });
  });
  it('propagates reader errors', () => {
    expect(() =>
      parseSetFileInto('a=missing', {}, () => {
        throw new Error('open missing: no such file or directory');
      }),
    ).toThrow('open missing: no such file or directory');
  });
});

it('has at least 60 --set family cases', () => {
  expect(
    setCases.length + stringCases.length + jsonCases.length + literalCases.length,
  ).toBeGreaterThanOrEqual(60);
});
