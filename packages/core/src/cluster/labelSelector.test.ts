import { describe, expect, it } from 'vitest';
import { isGitOpsKitError } from '../errors/GitOpsKitError.js';
import {
  type LabelSelector,
  formatLabelSelector,
  matchesLabelSelector,
  parseLabelSelector,
} from './labelSelector.js';

const labels = { app: 'web', tier: 'frontend', env: 'prod', n: '7', 'example.com/team': 'a' };

describe('matchesLabelSelector', () => {
  it.each([
    { name: 'empty selects everything', input: '', want: true },
    { name: 'equality', input: 'app=web', want: true },
    { name: 'double equals', input: 'app==web', want: true },
    { name: 'inequality', input: 'app!=web', want: false },
    { name: 'inequality of a missing label', input: 'missing!=x', want: true },
    { name: 'in', input: 'env in (dev, prod)', want: true },
    { name: 'notin', input: 'env notin (prod)', want: false },
    { name: 'notin of a missing label', input: 'missing notin (x)', want: true },
    { name: 'exists', input: 'tier', want: true },
    { name: 'does not exist', input: '!tier', want: false },
    { name: 'prefixed key', input: 'example.com/team=a', want: true },
    { name: 'greater than', input: 'n>5', want: true },
    { name: 'less than', input: 'n<5', want: false },
    { name: 'conjunction', input: 'app=web,env in (prod),!legacy', want: true },
    { name: 'empty value', input: 'app=', want: false },
  ])('$name: $input', ({ input, want }) => {
    expect(matchesLabelSelector(input, labels)).toBe(want);
  });
});

describe('parseLabelSelector errors', () => {
  it.each([
    { name: 'unclosed set', input: 'env in (a' },
    { name: 'missing set', input: 'env in' },
    { name: 'bad key', input: '-bad=x' },
    { name: 'bad value', input: 'a=-x-' },
    { name: 'trailing comma', input: 'a=b,' },
    { name: 'non-integer gt', input: 'n>x' },
    { name: 'negated with operator', input: '!a=b' },
  ])('$name: $input → InvalidArgument', ({ input }) => {
    let err: unknown;
    try {
      parseLabelSelector(input);
    } catch (e) {
      err = e;
    }
    expect(isGitOpsKitError(err, 'InvalidArgument')).toBe(true);
  });
});

describe('formatLabelSelector', () => {
  it.each<{ name: string; input: LabelSelector; want: string }>([
    { name: 'empty', input: {}, want: '' },
    { name: 'matchLabels sorted by key', input: { matchLabels: { b: '2', a: '1' } }, want: 'a=1,b=2' },
    {
      name: 'expressions',
      input: {
        matchLabels: { app: 'web' },
        matchExpressions: [
          { key: 'env', operator: 'In', values: ['prod', 'dev'] },
          { key: 'legacy', operator: 'DoesNotExist' },
          { key: 'tier', operator: 'Exists' },
          { key: 'zone', operator: 'NotIn', values: ['b'] },
        ],
      },
      want: 'app=web,env in (dev,prod),!legacy,tier,zone notin (b)',
    },
  ])('$name', ({ input, want }) => {
    expect(formatLabelSelector(input)).toBe(want);
    expect(() => parseLabelSelector(want)).not.toThrow();
  });
});
