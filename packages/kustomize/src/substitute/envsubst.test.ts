import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { isGitOpsKitError } from '@gitops-kit/core';
import { substitute } from './envsubst.js';

// Inputs in testdata/substitute/cases.json; expected outputs and error messages produced by Flux's
// own fluxcd/pkg/envsubst (scripts/goldens/envsubst.sh), including Flux's own TestExpand and
// TestExpandStrict tables.
const testdata = new URL('../../testdata/substitute/', import.meta.url);
const cases = JSON.parse(readFileSync(new URL('cases.json', testdata), 'utf8')) as {
  eval: { name: string; input: string; vars: Record<string, string>; strict: boolean }[];
};
const goldens = JSON.parse(readFileSync(new URL('goldens.json', testdata), 'utf8')) as {
  eval: { name: string; output?: string; error?: string }[];
};
const table = cases.eval.map((c, i) => ({ ...c, want: goldens.eval[i]! }));

describe('substitute (Flux envsubst goldens)', () => {
  it('has a golden for every case', () => {
    expect(goldens.eval.map((g) => g.name)).toEqual(cases.eval.map((c) => c.name));
  });

  it.each(table)('$name', ({ input, vars, strict, want }) => {
    if (want.output !== undefined) {
      expect(substitute(input, vars, { strict })).toBe(want.output);
      return;
    }
    let err: unknown;
    try {
      substitute(input, vars, { strict });
    } catch (e) {
      err = e;
    }
    expect(isGitOpsKitError(err), `expected an error like ${want.error}`).toBe(true);
    if (want.error!.startsWith('panic:')) {
      expect((err as { code: string }).code).toBe('BadSubstitution');
    } else {
      expect((err as Error).message).toBe(want.error);
      const code = want.error!.startsWith('variable not set') ? 'VariableNotSet' : 'BadSubstitution';
      expect((err as { code: string }).code).toBe(code);
    }
  });
});

describe('substitute variables', () => {
  it.each([
    { name: 'record', vars: { A: '1' } as Record<string, string> | Map<string, string>, want: '1-' },
    { name: 'map', vars: new Map([['A', '1']]), want: '1-' },
  ])('accepts a $name', ({ vars, want }) => {
    expect(substitute('${A}-${B}', vars)).toBe(want);
  });

  it('accepts a lookup function', () => {
    expect(substitute('${A}', (n) => (n === 'A' ? 'x' : undefined), { strict: true })).toBe('x');
  });

  it('does not read inherited properties as variables', () => {
    expect(() => substitute('${constructor}', {}, { strict: true })).toThrow(/constructor/);
  });

  it('names the missing variable in data', () => {
    try {
      substitute('x ${REPLICAS}', {}, { strict: true });
      expect.unreachable();
    } catch (err) {
      expect(isGitOpsKitError(err, 'VariableNotSet')).toBe(true);
      expect((err as { data: Record<string, unknown> }).data.variable).toBe('REPLICAS');
    }
  });

  it('handles long inputs without deep recursion', () => {
    const text = 'x: ${A}\n'.repeat(50_000);
    expect(substitute(text, { A: '1' })).toBe('x: 1\n'.repeat(50_000));
  });
});
