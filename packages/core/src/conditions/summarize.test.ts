import { describe, expect, it } from 'vitest';
import { FakeClock } from '../testing/FakeClock.js';
import { conditionsOf, getCondition } from './getter.js';
import { mergeConditions, summarize } from './summarize.js';
import type { Condition, ConditionStatus } from './types.js';

const c = (type: string, status: ConditionStatus, observedGeneration?: number): Condition => {
  const out: Condition = {
    type,
    status,
    reason: `reason ${type}`,
    message: `message ${type}`,
    lastTransitionTime: '2026-01-01T00:00:00Z',
  };
  if (observedGeneration !== undefined) out.observedGeneration = observedGeneration;
  return out;
};
const true1 = c('true1', 'True');
const false1 = c('false1', 'False');
const unknown1 = c('unknown1', 'Unknown');
const want = (status: ConditionStatus, from: string) => ({
  type: 'foo',
  status,
  reason: `reason ${from}`,
  message: `message ${from}`,
});

// fluxcd/pkg runtime/conditions/merge_test.go TestMergeRespectPriority (target "foo").
describe('mergeConditions: group precedence (Flux TestMergeRespectPriority)', () => {
  it.each([
    { name: 'empty list: nothing', negative: [], input: [], want: undefined },
    {
      name: 'True/negative wins and is inverted to False',
      negative: ['true1'],
      input: [false1, false1, false1, unknown1, true1],
      want: want('False', 'true1'),
    },
    {
      name: 'False/positive beats True/positive and Unknown',
      negative: [],
      input: [false1, false1, unknown1, true1],
      want: want('False', 'false1'),
    },
    {
      name: 'True/positive beats False/negative and Unknown',
      negative: ['false1'],
      input: [false1, unknown1, true1],
      want: want('True', 'true1'),
    },
    {
      name: 'True/positive regardless of order',
      negative: ['false1'],
      input: [unknown1, true1, false1],
      want: want('True', 'true1'),
    },
    {
      name: 'False/negative beats Unknown and is inverted to True',
      negative: ['false1'],
      input: [unknown1, false1],
      want: want('True', 'false1'),
    },
    { name: 'Unknown only: Unknown', negative: [], input: [unknown1], want: want('Unknown', 'unknown1') },
    {
      name: 'negative target: True/positive inverted to False',
      negative: ['foo'],
      input: [true1],
      want: want('False', 'true1'),
    },
    {
      name: 'negative target and negative top group: kept True',
      negative: ['foo', 'true1'],
      input: [true1],
      want: want('True', 'true1'),
    },
  ])('$name', ({ negative, input, want }) => {
    expect(mergeConditions(input, 'foo', { negativePolarity: negative })).toEqual(want);
  });
});

// fluxcd/pkg runtime/conditions/merge_test.go TestMergeRespectGeneration.
describe('mergeConditions: latestGeneration (Flux TestMergeRespectGeneration)', () => {
  it.each([
    {
      name: 'without generation: True/negative of generation 2 wins',
      latestGeneration: false,
      input: [c('false1', 'False', 1), c('true1', 'True', 2), c('unknown1', 'Unknown', 3)],
      want: want('False', 'true1'),
    },
    {
      name: 'with generation: only generation 4 counts',
      latestGeneration: true,
      input: [c('false1', 'False', 1), c('unknown1', 'Unknown', 4), c('true1', 'True', 4)],
      want: want('False', 'true1'),
    },
    {
      name: 'with generation: an older False is ignored',
      latestGeneration: true,
      input: [c('false1', 'False', 1), c('true1', 'True', 2)],
      want: want('True', 'true1'),
    },
  ])('$name', ({ latestGeneration, input, want }) => {
    const negative = latestGeneration && input.length === 2 ? [] : ['true1'];
    expect(mergeConditions(input, 'foo', { negativePolarity: negative, latestGeneration })).toEqual(want);
  });
});

describe('mergeConditions: reason and message of the winner', () => {
  it.each([
    {
      name: 'single condition in the top group',
      input: [c('b', 'False'), c('a', 'True')],
      order: undefined,
      want: 'b',
    },
    {
      name: 'several in the top group, no order: first by type',
      input: [c('b', 'False'), c('a', 'False')],
      order: undefined,
      want: 'a',
    },
    {
      name: 'several in the top group: the listed order decides',
      input: [c('a', 'False'), c('b', 'False')],
      order: ['b', 'a'],
      want: 'b',
    },
    {
      name: 'listed order ignores types outside the top group',
      input: [c('a', 'False'), c('b', 'False'), c('z', 'True')],
      order: ['z', 'b', 'a'],
      want: 'b',
    },
    {
      name: 'several in the top group: the newest generation first without an order',
      input: [c('a', 'False', 1), c('b', 'False', 2)],
      order: undefined,
      want: 'b',
    },
  ])('$name', ({ input, order, want }) => {
    const got = mergeConditions(input, 'Ready', order ? { conditions: order } : {});
    expect(got?.reason).toBe(`reason ${want}`);
    expect(got?.message).toBe(`message ${want}`);
  });
});

// fluxcd/pkg runtime/conditions/getter_test.go TestSummary (the options we support), then Flux
// controllers' real Ready summaries (source-controller gitRepositoryReadyCondition).
describe('summarize into Ready', () => {
  const foo = { ...c('foo', 'True'), reason: 'reason trueFoo', message: 'message trueFoo' };
  const bar = { ...c('bar', 'False'), reason: 'reason falseBar', message: 'message falseBar' };
  const baz = { ...c('baz', 'False'), reason: 'reason falseBaz', message: 'message falseBaz' };
  const existingReady = {
    ...c('Ready', 'False'),
    reason: 'reason falseReady',
    message: 'message falseReady',
  };
  const gitRepository = {
    conditions: [
      'StorageOperationFailed',
      'FetchFailed',
      'IncludeUnavailable',
      'ArtifactOutdated',
      'ArtifactInStorage',
      'SourceVerified',
      'Stalled',
      'Reconciling',
    ],
    negativePolarity: [
      'StorageOperationFailed',
      'FetchFailed',
      'IncludeUnavailable',
      'ArtifactOutdated',
      'Stalled',
      'Reconciling',
    ],
  };
  const reason = (type: string, status: ConditionStatus, r: string): Condition => ({
    ...c(type, status),
    reason: r,
    message: r,
  });

  it.each([
    { name: 'no conditions: no summary', input: [], options: {}, want: undefined },
    { name: 'default options', input: [foo, bar], options: {}, want: ['False', 'reason falseBar'] },
    {
      name: 'only the listed conditions',
      input: [foo, bar],
      options: { conditions: ['foo'] },
      want: ['True', 'reason trueFoo'],
    },
    {
      name: 'respects merge order',
      input: [bar, baz],
      options: { conditions: ['baz', 'bar'] },
      want: ['False', 'reason falseBaz'],
    },
    {
      name: 'ignores the existing Ready',
      input: [existingReady, foo, bar],
      options: {},
      want: ['False', 'reason falseBar'],
    },
    {
      name: 'GitRepository: fetch failure while reconciling',
      input: [
        reason('Reconciling', 'True', 'ProgressingWithRetry'),
        reason('FetchFailed', 'True', 'GitOperationFailed'),
        reason('ArtifactInStorage', 'True', 'Succeeded'),
      ],
      options: gitRepository,
      want: ['False', 'GitOperationFailed'],
    },
    {
      name: 'GitRepository: stalled beats reconciling by list order',
      input: [reason('Stalled', 'True', 'URLInvalid'), reason('ArtifactInStorage', 'True', 'Succeeded')],
      options: gitRepository,
      want: ['False', 'URLInvalid'],
    },
    {
      name: 'GitRepository: artifact stored, nothing abnormal',
      input: [reason('ArtifactInStorage', 'True', 'Succeeded')],
      options: gitRepository,
      want: ['True', 'Succeeded'],
    },
    {
      name: 'GitRepository: new revision outdates the artifact',
      input: [
        reason('ArtifactOutdated', 'True', 'NewRevision'),
        reason('ArtifactInStorage', 'True', 'Succeeded'),
      ],
      options: gitRepository,
      want: ['False', 'NewRevision'],
    },
    {
      name: 'Reconciling=True alone makes Ready False with its reason (default polarity)',
      input: [reason('Reconciling', 'True', 'Progressing')],
      options: {},
      want: ['False', 'Progressing'],
    },
    {
      name: 'conditions outside the list are ignored',
      input: [
        reason('Healthy', 'False', 'HealthCheckFailed'),
        reason('ArtifactInStorage', 'True', 'Succeeded'),
      ],
      options: gitRepository,
      want: ['True', 'Succeeded'],
    },
  ] as { name: string; input: Condition[]; options: object; want: [string, string] | undefined }[])(
    '$name',
    ({ input, options, want }) => {
      const clock = new FakeClock();
      const obj = { metadata: { generation: 7 }, status: { conditions: input } };
      const got = summarize(obj, 'Ready', { ...options, clock });
      if (want === undefined) {
        expect(got).toBeUndefined();
        expect(conditionsOf(obj)).toEqual(input);
        return;
      }
      expect([got?.status, got?.reason]).toEqual(want);
      expect(getCondition(obj, 'Ready')).toEqual(got);
      expect(got?.observedGeneration).toBe(7);
    },
  );

  it('keeps Ready lastTransitionTime when the summary does not change', async () => {
    const clock = new FakeClock(Date.parse('2026-01-01T00:00:00Z'));
    const obj = { metadata: { generation: 1 }, status: { conditions: [bar] } };
    summarize(obj, 'Ready', { clock });
    await clock.advance(60_000);
    expect(summarize(obj, 'Ready', { clock })?.lastTransitionTime).toBe('2026-01-01T00:00:00Z');
    obj.status.conditions = obj.status.conditions.map((x) =>
      x.type === 'bar' ? { ...x, status: 'True' } : x,
    );
    expect(summarize(obj, 'Ready', { clock })?.lastTransitionTime).toBe('2026-01-01T00:01:00Z');
  });
});
