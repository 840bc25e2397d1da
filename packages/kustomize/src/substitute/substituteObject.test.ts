import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { type KubeObject, isGitOpsKitError } from '@gitops-kit/core';
import { marshalGoYaml, resolveGoYaml, unmarshalGoYaml } from './goYaml.js';
import { substituteObject } from './substituteObject.js';

// Inputs in testdata/substitute/cases.json (`varsub`); the intermediate YAML (`JSONToYAML`) and the
// result (`envsubst` + `YAMLToJSON`) come from Flux's own pipeline (scripts/goldens/envsubst.sh).
const testdata = new URL('../../testdata/substitute/', import.meta.url);
const cases = JSON.parse(readFileSync(new URL('cases.json', testdata), 'utf8')) as {
  varsub: { name: string; object: KubeObject; vars: Record<string, string>; strict: boolean }[];
};
const goldens = JSON.parse(readFileSync(new URL('goldens.json', testdata), 'utf8')) as {
  varsub: { name: string; yaml: string; output?: unknown; error?: string }[];
};
const table = cases.varsub.map((c, i) => ({ ...c, want: goldens.varsub[i]! }));

function codeFor(error: string): string {
  if (error.includes('var name is invalid')) return 'InvalidVariableName';
  if (error.includes('variable not set')) return 'VariableNotSet';
  if (error.startsWith('variable substitution failed')) return 'BadSubstitution';
  return 'SubstitutionFailed';
}

describe('marshalGoYaml (sigs.k8s.io/yaml JSONToYAML goldens)', () => {
  it.each(table)('$name', ({ object, want }) => {
    expect(marshalGoYaml(object)).toBe(want.yaml);
  });
});

describe('substituteObject (Flux varSubstitution goldens)', () => {
  it('has a golden for every case', () => {
    expect(goldens.varsub.map((g) => g.name)).toEqual(cases.varsub.map((c) => c.name));
  });

  it.each(table)('$name', ({ object, vars, strict, want }) => {
    const map = new Map(Object.entries(vars));
    if (want.error === undefined) {
      expect(substituteObject(object, map, { strict })).toEqual(want.output);
      return;
    }
    let err: unknown;
    try {
      substituteObject(object, map, { strict });
    } catch (e) {
      err = e;
    }
    expect(isGitOpsKitError(err), `expected an error like ${want.error}`).toBe(true);
    expect((err as { code: string }).code).toBe(codeFor(want.error));
    if (!want.error.startsWith('YAMLToJSON')) expect((err as Error).message).toBe(want.error);
  });
});

describe('unmarshalGoYaml', () => {
  it('round-trips what marshalGoYaml writes', () => {
    const obj = {
      a: ['x', 'yes', '1', '', ' lead', 'trail ', 'multi\nline\n', 'tab\there', "it's", '#x', 'a: b'],
      b: { c: null, d: true, e: 1.25, f: {}, g: [] },
    };
    expect(unmarshalGoYaml(marshalGoYaml(obj))).toEqual(obj);
  });

  it.each([
    {
      name: 'alias bomb',
      input: `a: &a [x, x, x, x, x, x, x, x, x, x]\n${Array.from(
        { length: 12 },
        (_, i) =>
          `b${i}: &b${i} [${Array(10)
            .fill(i === 0 ? '*a' : `*b${i - 1}`)
            .join(', ')}]`,
      ).join('\n')}\n`,
    },
    { name: 'syntax error', input: 'a: b: c\n' },
    { name: 'NaN is not JSON', input: 'a: .nan\n' },
  ])('rejects $name', ({ input }) => {
    expect(() => unmarshalGoYaml(input)).toThrow();
  });
});

describe('resolveGoYaml', () => {
  it.each([
    { input: 'yes', want: true },
    { input: 'Off', want: false },
    { input: '~', want: null },
    { input: '0777', want: 511 },
    { input: '0o17', want: 15 },
    { input: '0x1F', want: 31 },
    { input: '1_000', want: 1000 },
    { input: '08', want: 8 },
    { input: '.5', want: 0.5 },
    { input: '2024-01-01', want: '2024-01-01' },
    { input: '1:20', want: '1:20' },
    { input: 'hello', want: 'hello' },
  ])('$input', ({ input, want }) => {
    expect(resolveGoYaml(input).value).toEqual(want);
  });
});
