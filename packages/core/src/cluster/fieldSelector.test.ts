import { describe, expect, it } from 'vitest';
import { isGitOpsKitError } from '../errors/GitOpsKitError.js';
import { compileFieldSelector, parseFieldSelector } from './fieldSelector.js';

describe('parseFieldSelector', () => {
  it.each([
    { name: 'empty', input: '', want: [] },
    {
      name: 'equals',
      input: 'metadata.name=a',
      want: [{ field: 'metadata.name', operator: '=', value: 'a' }],
    },
    {
      name: 'double equals',
      input: 'metadata.name==a',
      want: [{ field: 'metadata.name', operator: '=', value: 'a' }],
    },
    {
      name: 'not equals and a second term',
      input: 'metadata.name!=a,metadata.namespace=b',
      want: [
        { field: 'metadata.name', operator: '!=', value: 'a' },
        { field: 'metadata.namespace', operator: '=', value: 'b' },
      ],
    },
    { name: 'escaped comma', input: 'type=a\\,b', want: [{ field: 'type', operator: '=', value: 'a,b' }] },
  ])('$name', ({ input, want }) => {
    expect(parseFieldSelector(input)).toEqual(want);
  });

  it('InvalidArgument for a term without operator', () => {
    let err: unknown;
    try {
      parseFieldSelector('metadata.name');
    } catch (e) {
      err = e;
    }
    expect(isGitOpsKitError(err, 'InvalidArgument')).toBe(true);
  });
});

describe('compileFieldSelector', () => {
  const secret = {
    apiVersion: 'v1',
    kind: 'Secret',
    metadata: { name: 's', namespace: 'ns' },
    type: 'Opaque',
  };
  it.each([
    { name: 'name', selector: 'metadata.name=s', want: true },
    { name: 'namespace', selector: 'metadata.namespace!=ns', want: false },
    { name: 'kind-specific field', selector: 'type=Opaque', want: true },
  ])('$name', ({ selector, want }) => {
    expect(compileFieldSelector(selector, 'v1', 'Secret')(secret)).toBe(want);
  });
  it('InvalidArgument for a field the kind cannot be selected by', () => {
    expect(() => compileFieldSelector('type=x', 'v1', 'ConfigMap')).toThrow(
      /field label not supported: type/,
    );
  });
});
