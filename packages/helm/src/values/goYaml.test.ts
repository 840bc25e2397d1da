import { describe, expect, it } from 'vitest';
import { decodeYaml, decodeYamlMap, GoYamlError } from './goYaml.js';

// Behaviour of sigs.k8s.io/yaml v1.4.0 over go-yaml v2 (YAML 1.1 + JSON round trip), checked with
// real `helm template` printing `toJson .Values` / `kindOf`.
describe('decodeYaml', () => {
  it.each([
    { name: 'ints become float64', input: 'a: 1000000', want: { a: 1000000 } },
    {
      name: 'yes/no/on/off/y/n are booleans',
      input: 'a: yes\nb: No\nc: ON\nd: off\ne: y\nf: N',
      want: { a: true, b: false, c: true, d: false, e: true, f: false },
    },
    { name: 'mixed case is a string', input: 'a: yEs', want: { a: 'yEs' } },
    {
      name: 'bool keys become strings and collide',
      input: 'yes: 1\non: 2\nn: 3',
      want: { true: 2, false: 3 },
    },
    { name: 'octal', input: 'a: 0755', want: { a: 493 } },
    { name: 'Go 0o octal', input: 'a: 0o17', want: { a: 15 } },
    { name: 'hex', input: 'a: 0x1F', want: { a: 31 } },
    { name: 'binary', input: 'a: 0b101', want: { a: 5 } },
    { name: 'underscores', input: 'a: 1_000', want: { a: 1000 } },
    { name: 'floats', input: 'a: 1.5\nb: 1e3\nc: .5\nd: -2.', want: { a: 1.5, b: 1000, c: 0.5, d: -2 } },
    { name: '08 is a float', input: 'a: 08', want: { a: 8 } },
    { name: 'overflowing float stays a string', input: 'a: 1e400', want: { a: '1e400' } },
    {
      name: 'timestamps stay strings',
      input: 'a: 2001-12-14t21:59:43.10-05:00\nb: 2002-12-14',
      want: { a: '2001-12-14t21:59:43.10-05:00', b: '2002-12-14' },
    },
    { name: 'nulls', input: 'a: ~\nb: null\nc: NULL\nd:', want: { a: null, b: null, c: null, d: null } },
    { name: 'quoted stays string', input: 'a: "yes"\nb: \'1\'', want: { a: 'yes', b: '1' } },
    { name: 'int keys', input: '1: a\n2.5: b', want: { '1': 'a', '2.5': 'b' } },
    { name: 'anchors and aliases', input: 'a: &x {k: v}\nb: *x', want: { a: { k: 'v' }, b: { k: 'v' } } },
    {
      name: 'merge keys',
      input: 'base: &b {x: 1, q: 2}\nc:\n  <<: *b\n  q: 3',
      want: { base: { x: 1, q: 2 }, c: { x: 1, q: 3 } },
    },
    {
      name: 'merge overwrites earlier keys (go-yaml v2)',
      input: 'base: &b {q: 2}\nc:\n  q: 3\n  <<: *b',
      want: { base: { q: 2 }, c: { q: 2 } },
    },
    {
      name: 'merge sequence: earlier wins',
      input: 'a: &a {k: 1}\nb: &b {k: 2}\nc:\n  <<: [*a, *b]',
      want: { a: { k: 1 }, b: { k: 2 }, c: { k: 1 } },
    },
    { name: 'duplicate keys keep the last', input: 'a: 1\na: 2', want: { a: 2 } },
    { name: 'only the first document', input: 'a: 1\n---\nb: 2', want: { a: 1 } },
    { name: 'explicit !!str', input: 'a: !!str 123', want: { a: '123' } },
    { name: 'explicit !!float on int', input: 'a: !!float 1', want: { a: 1 } },
    { name: 'block scalar', input: 'a: |\n  x\n  y\n', want: { a: 'x\ny\n' } },
  ])('$name', ({ input, want }) => {
    expect(decodeYaml(input)).toStrictEqual(want);
  });

  it('an empty document is an empty map', () => {
    expect(decodeYamlMap('')).toStrictEqual({});
    expect(decodeYamlMap('# only a comment\n')).toStrictEqual({});
  });

  it('a list is not a values map', () => {
    expect(() => decodeYamlMap('- a')).toThrow(
      'error unmarshaling JSON: while decoding JSON: json: cannot unmarshal array into Go value of type map[string]interface {}',
    );
  });

  it.each([
    {
      name: 'a NaN value',
      input: 'a: 1\nb: .nan',
      want: 'error marshaling into JSON: json: unsupported value: NaN',
    },
    {
      name: 'a null key',
      input: 'a: 1\n~: 2',
      want: 'error converting YAML to JSON: unsupported map key of type: <nil>',
    },
  ])('JSON conversion errors after decoding: $name', ({ input, want }) => {
    expect(() => decodeYaml(input)).toThrow(want);
  });

  it('syntax errors carry go-yaml style text', () => {
    expect(() => decodeYaml('a: [1\nb: 2')).toThrow(/^error converting YAML to JSON: yaml: line \d+: /);
  });

  it("stops an alias bomb with go-yaml v2's message, quickly", () => {
    const lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
    const names = 'bcdefghi';
    let prev = 'a';
    for (const n of names) {
      lines.push(`${n}: &${n} [${Array(9).fill(`*${prev}`).join(',')}]`);
      prev = n;
    }
    let err: unknown;
    try {
      decodeYaml(lines.join('\n'));
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(GoYamlError);
    expect((err as Error).message).toBe(
      'error converting YAML to JSON: yaml: document contains excessive aliasing',
    );
  });
});

// go-yaml v2 (libyaml) wording and line numbers, as real `helm template` prints them for a
// template rendering each text (`YAML parse error on ...: error converting YAML to JSON: <this>`).
describe('YAML syntax errors in libyaml words', () => {
  it.each([
    [
      'apiVersion: v1\nkind: Pod\nmetadata:\n  name: "x"\nspec:\n  containers:\n  - name: waiter\n    image: "alpine:3.9"\n    command: ["/bin/sleep","9000"]\ninvalid',
      "yaml: line 11: could not find expected ':'",
    ],
    ['apiVersion: v1\nkind: Pod\ninvalid\n\n# c\nx: 1', "yaml: line 5: could not find expected ':'"],
    ['a:\n  b: 1\n  # c\n      d: 2\n  e: 3', 'yaml: line 3: did not find expected key'],
    ['a: 1\ndata:\n  x: [unclosed', "yaml: line 3: did not find expected ',' or ']'"],
    ['a: 1\ndata:\n  x: [unclosed\n  y: 2', "yaml: line 3: did not find expected ',' or ']'"],
    ['a: 1\ndata:\n  x: {unclosed: 1\n', "yaml: line 3: did not find expected ',' or '}'"],
    ['a: b: c', 'yaml: mapping values are not allowed in this context'],
    ['a: 1\nb:\n\tc: 1', 'yaml: line 3: found character that cannot start any token'],
    ['a: "abc\nb: 1', 'yaml: line 2: found unexpected end of stream'],
    ['a: 1\n- b', 'yaml: line 1: did not find expected key'],
    ['a:\n  - b\n  c: 1', "yaml: line 2: did not find expected '-' indicator"],
    ['a: 1\n b: 2', 'yaml: line 2: mapping values are not allowed in this context'],
    ['a: @x', 'yaml: found character that cannot start any token'],
    ['a: &x\nb: *y', "yaml: unknown anchor 'y' referenced"],
    ['a:\n  b: 1\n      d: 2', 'yaml: line 3: mapping values are not allowed in this context'],
    ['a: [1, 2\nb: 3', "yaml: line 1: did not find expected ',' or ']'"],
    ['a: 1\n  # c\n  b: 2', 'yaml: line 2: did not find expected key'],
    ["a: 'abc\nb: 1", 'yaml: line 2: found unexpected end of stream'],
    ['a:\n  b: 1\n c: 2', 'yaml: line 2: did not find expected key'],
  ])('%j', (input, want) => {
    expect(() => decodeYaml(input)).toThrow(`error converting YAML to JSON: ${want}`);
  });
});

// More typos, as real `helm template` (v3.17.2) prints them for a values.yaml holding each text
// (`cannot load values.yaml: error converting YAML to JSON: <this>`): the go-yaml port's own
// scanner and parser words, with go-yaml v2's line arithmetic.
describe('YAML syntax errors in values files, in libyaml words', () => {
  it.each([
    ['a: [x][y]', 'yaml: did not find expected key'],
    ['a: [', 'yaml: line 1: did not find expected node content'],
    ['a: {x: 1', "yaml: line 1: did not find expected ',' or '}'"],
    ['- a\nb: 1', "yaml: line 1: did not find expected '-' indicator"],
    ['a: }', 'yaml: did not find expected node content'],
    ['a: ]', 'yaml: did not find expected node content'],
    ['a:\n- b\n- c\nd', "yaml: line 5: could not find expected ':'"],
    ['x:\n  y: [1,\n  z: 2', "yaml: line 3: did not find expected ',' or ']'"],
    ['a: 1\nb: 2\n  c: 3', 'yaml: line 3: mapping values are not allowed in this context'],
    ['key: value\n  another: value', 'yaml: line 2: mapping values are not allowed in this context'],
    ['list:\n  - a\n - b', 'yaml: line 2: did not find expected key'],
    ['a: !!binary\n  %%%', 'yaml: line 2: found character that cannot start any token'],
    ['a: `x`', 'yaml: found character that cannot start any token'],
    ['a: "\\q"', 'yaml: found unknown escape character'],
    ['? a\n? b\n: c\nd', "yaml: line 5: could not find expected ':'"],
    ['a: [1, 2]]', 'yaml: did not find expected key'],
    ['a: {b: 1}}', 'yaml: did not find expected key'],
    ['a: 1\n\n\nb: [', 'yaml: line 4: did not find expected node content'],
    ['a:\n  b:\n    c: [1, 2\n  d: 3', "yaml: line 3: did not find expected ',' or ']'"],
    ['a: |\n  x\n y: 1', 'yaml: line 2: did not find expected key'],
    ['a: >\n  x\n -y', 'yaml: line 2: did not find expected key'],
    ['a: 1 # c\nb: 2 #\n c: 3', 'yaml: line 2: did not find expected key'],
  ])('%j', (input, want) => {
    expect(() => decodeYaml(input)).toThrow(`error converting YAML to JSON: ${want}`);
  });
});
