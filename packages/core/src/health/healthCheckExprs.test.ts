import { describe, expect, it } from 'vitest';
import { isGitOpsKitError } from '../errors/GitOpsKitError.js';
import type { KubeObject } from '../object/types.js';
import { computeStatus } from './computeStatus.js';
import { fluxJobRules } from './fluxRules.js';
import { type CustomHealthCheck, compileHealthCheckExprs } from './healthCheckExprs.js';

const obj = (fields: Record<string, unknown>): KubeObject =>
  ({ apiVersion: 'example.com/v1', kind: 'Thing', ...fields }) as KubeObject;
const check = (exprs: Omit<CustomHealthCheck, 'apiVersion' | 'kind'>): CustomHealthCheck => ({
  apiVersion: 'example.com/v1',
  kind: 'Thing',
  ...exprs,
});
const readyFailed = "status.conditions.filter(e, e.type == 'Ready').all(e, e.status == 'False')";
const readyCurrent = "status.conditions.filter(e, e.type == 'Ready').all(e, e.status == 'True')";
const genInProgress = 'has(status.observedGeneration) && metadata.generation != status.observedGeneration';

function run(hc: CustomHealthCheck, o: KubeObject) {
  return computeStatus(o, { rules: compileHealthCheckExprs([hc]) });
}

// Cases from fluxcd/pkg runtime/cel/status_evaluator_test.go (TestStatusEvaluator_Evaluate).
describe('evaluation order and results (Flux status_evaluator_test)', () => {
  const data = (current: boolean, inProgress: boolean, failed: boolean) =>
    obj({ data: { current, inProgress, failed } });
  const all = check({ current: 'data.current', inProgress: 'data.inProgress', failed: 'data.failed' });

  it.each([
    {
      name: 'observed generation exists and is different',
      input: {
        hc: check({ current: 'true' }),
        o: obj({ metadata: { generation: 2 }, status: { observedGeneration: 1 } }),
      },
      want: 'InProgress',
    },
    { name: 'all false → InProgress', input: { hc: all, o: data(false, false, false) }, want: 'InProgress' },
    {
      name: 'all true → InProgress (inProgress first)',
      input: { hc: all, o: data(true, true, true) },
      want: 'InProgress',
    },
    {
      name: 'current and failed true → Failed (failed before current)',
      input: { hc: all, o: data(true, false, true) },
      want: 'Failed',
    },
    { name: 'only current true → Current', input: { hc: all, o: data(true, false, false) }, want: 'Current' },
    { name: 'only failed true → Failed', input: { hc: all, o: data(false, false, true) }, want: 'Failed' },
    {
      name: 'only current given, false → InProgress',
      input: { hc: check({ current: 'data.current' }), o: data(false, true, true) },
      want: 'InProgress',
    },
    {
      name: 'empty status.conditions with inProgress expression → Failed',
      input: {
        hc: check({ inProgress: genInProgress, failed: readyFailed, current: readyCurrent }),
        o: obj({ status: { conditions: [] } }),
      },
      want: 'Failed',
    },
    {
      name: 'empty status.conditions without inProgress expression → Failed',
      input: {
        hc: check({ failed: readyFailed, current: readyCurrent }),
        o: obj({ status: { conditions: [] } }),
      },
      want: 'Failed',
    },
    {
      name: 'status.observedGeneration with inProgress expression → InProgress',
      input: {
        hc: check({ inProgress: genInProgress, failed: readyFailed, current: readyCurrent }),
        o: obj({ metadata: { generation: 2 }, status: { observedGeneration: 1 } }),
      },
      want: 'InProgress',
    },
    {
      name: 'non-integer status.observedGeneration is left to the expressions',
      input: {
        hc: check({ current: "status.observedGeneration == '2'" }),
        o: obj({ metadata: { generation: 2 }, status: { observedGeneration: '2' } }),
      },
      want: 'Current',
    },
    {
      name: 'non-integer metadata.generation is left to the expressions',
      input: {
        hc: check({ current: "metadata.generation == '2'" }),
        o: obj({ metadata: { generation: '2' }, status: { observedGeneration: 2 } }),
      },
      want: 'Current',
    },
    {
      name: 'Ready=True',
      input: {
        hc: check({ failed: readyFailed, current: readyCurrent }),
        o: obj({ status: { conditions: [{ type: 'Ready', status: 'True' }] } }),
      },
      want: 'Current',
    },
    {
      name: 'deletionTimestamp is not special',
      input: {
        hc: check({ current: 'true' }),
        o: obj({ metadata: { name: 'x', deletionTimestamp: '2026-01-01T00:00:00Z' } }),
      },
      want: 'Current',
    },
    {
      name: 'integers are CEL ints',
      input: {
        hc: check({ current: 'status.replicas + 1 == 4 && status.ratio > 0.5' }),
        o: obj({ status: { replicas: 3, ratio: 0.75 } }),
      },
      want: 'Current',
    },
  ])('$name', ({ input, want }) => {
    const got = run(input.hc, input.o);
    expect(got).toEqual({ status: want, message: '', conditions: [] });
  });
});

describe('missing fields (Flux status_evaluator_test)', () => {
  it.each([
    {
      name: 'Current refers to a missing key',
      input: {
        hc: check({ current: 'data.currentt', inProgress: 'data.inProgress', failed: 'data.failed' }),
        o: obj({ data: { current: true, inProgress: false, failed: false } }),
      },
      want: "failed to evaluate the CEL expression 'data.currentt': no such key: currentt",
    },
    {
      name: 'InProgress refers to a missing key',
      input: {
        hc: check({ current: 'data.current', inProgress: 'data.inProgresss', failed: 'data.failed' }),
        o: obj({ data: { current: true, inProgress: false, failed: false } }),
      },
      want: "failed to evaluate the CEL expression 'data.inProgresss': no such key: inProgresss",
    },
    {
      name: 'Failed refers to a missing key',
      input: {
        hc: check({ current: 'data.current', inProgress: 'data.inProgress', failed: 'data.failedd' }),
        o: obj({ data: { current: true, inProgress: false, failed: false } }),
      },
      want: "failed to evaluate the CEL expression 'data.failedd': no such key: failedd",
    },
    {
      name: 'object without status, with inProgress expression',
      input: {
        hc: check({ inProgress: genInProgress, failed: readyFailed, current: readyCurrent }),
        o: obj({ metadata: { name: 'x', generation: 1 } }),
      },
      want: `failed to evaluate the CEL expression '${genInProgress}': no such attribute(s): status`,
    },
    {
      name: 'object without status, without inProgress expression',
      input: { hc: check({ failed: readyFailed, current: readyCurrent }), o: obj({}) },
      want: `failed to evaluate the CEL expression '${readyFailed}': no such attribute(s): status`,
    },
    {
      name: 'status without conditions, with inProgress expression',
      input: {
        hc: check({ inProgress: genInProgress, failed: readyFailed, current: readyCurrent }),
        o: obj({ status: {} }),
      },
      want: `failed to evaluate the CEL expression '${readyFailed}': no such key: conditions`,
    },
    {
      name: 'status without conditions, without inProgress expression',
      input: { hc: check({ failed: readyFailed, current: readyCurrent }), o: obj({ status: {} }) },
      want: `failed to evaluate the CEL expression '${readyFailed}': no such key: conditions`,
    },
  ])('$name', ({ input, want }) => {
    const got = run(input.hc, input.o);
    expect(got.status).toBe('Unknown');
    expect(isGitOpsKitError(got.error, 'InvalidExpression')).toBe(true);
    expect(got.message).toBe(want);
  });

  it('has() avoids the error', () => {
    const hc = check({
      current:
        "has(status.conditions) && status.conditions.exists(c, c.type == 'Ready' && c.status == 'True')",
    });
    expect(run(hc, obj({ status: {} })).status).toBe('InProgress');
  });

  it('optional field access avoids the error', () => {
    const hc = check({ current: "status.?phase.orValue('') == 'Ready'" });
    expect(run(hc, obj({ status: {} })).status).toBe('InProgress');
    expect(run(hc, obj({ status: { phase: 'Ready' } })).status).toBe('Current');
  });
});

describe('non-bool results', () => {
  it('reports a non-bool result at evaluation as InvalidExpression', () => {
    const got = run(check({ current: 'status.phase' }), obj({ status: { phase: 'Ready' } }));
    expect(got.status).toBe('Unknown');
    expect(isGitOpsKitError(got.error, 'InvalidExpression')).toBe(true);
    expect(got.message).toBe("failed to evaluate CEL expression as boolean: 'status.phase'");
  });

  it.each([
    { name: 'int literal', input: '1 + 2', want: 'int' },
    { name: 'string literal', input: "'yes'", want: 'string' },
    { name: 'list result', input: 'status.conditions.filter(c, true)', want: 'list' },
    { name: 'optional result', input: 'status.?phase', want: 'optional' },
  ])('rejects a statically non-bool expression at compile time: $name', ({ input, want }) => {
    try {
      compileHealthCheckExprs([check({ current: input })]);
      expect.unreachable();
    } catch (err) {
      expect(isGitOpsKitError(err, 'InvalidExpression')).toBe(true);
      expect((err as Error).message).toContain(`output type mismatch: expected bool, got ${want}`);
    }
  });
});

// Cases from fluxcd/pkg runtime/cel/status_evaluator_test.go (TestNewStatusEvaluator) and
// status_reader_test.go (duplicates).
describe('compile errors', () => {
  it.each([
    {
      name: 'Current is required',
      input: [check({ current: '' })],
      want: ['healthCheckExprs[0].current', 'expression Current not specified'],
    },
    {
      name: 'Current is invalid',
      input: [check({ current: 'data.' })],
      want: ['healthCheckExprs[0].current', 'failed to parse the expression Current'],
    },
    {
      name: 'InProgress is invalid',
      input: [check({ current: 'data.current', inProgress: 'data.' })],
      want: ['healthCheckExprs[0].inProgress', 'failed to parse the expression InProgress'],
    },
    {
      name: 'Failed is invalid',
      input: [check({ current: 'data.current', failed: 'data.' })],
      want: ['healthCheckExprs[0].failed', 'failed to parse the expression Failed'],
    },
    {
      name: 'unbalanced parenthesis in the second entry',
      input: [check({ current: 'true' }), { apiVersion: 'other.io/v1', kind: 'X', current: '(status.ready' }],
      want: ['healthCheckExprs[1].current', 'failed to create custom status evaluator for healthchecks[1]'],
    },
    {
      name: 'duplicate GroupKind',
      input: [
        { apiVersion: 'v1', kind: 'ConfigMap', current: 'true' },
        { apiVersion: 'v1', kind: 'ConfigMap', current: 'false' },
      ],
      want: [
        'healthCheckExprs[1]',
        'duplicate custom health check for GroupKind ConfigMap at healthchecks[1]',
      ],
    },
    {
      name: 'duplicate group-only entries across versions',
      input: [
        { apiVersion: 'bitnami.com/v1alpha1', current: 'true' },
        { apiVersion: 'bitnami.com/v1', current: 'false' },
      ],
      want: [
        'healthCheckExprs[1]',
        'duplicate custom health check for GroupKind .bitnami.com at healthchecks[1]',
      ],
    },
  ])('$name', ({ input, want: [fieldPath, message] }) => {
    try {
      compileHealthCheckExprs(input);
      expect.unreachable();
    } catch (err) {
      expect(isGitOpsKitError(err, 'InvalidExpression')).toBe(true);
      expect((err as { data: { fieldPath: string } }).data.fieldPath).toBe(fieldPath);
      expect((err as Error).message).toContain(message);
    }
  });

  it('accepts all three expressions, and current alone', () => {
    expect(() =>
      compileHealthCheckExprs([
        check({ current: 'data.current', inProgress: 'data.inProgress', failed: 'data.failed' }),
        { apiVersion: 'example.com/v1', kind: 'Other', current: 'data.current' },
      ]),
    ).not.toThrow();
  });
});

// Cases from fluxcd/pkg runtime/cel/status_reader_test.go.
describe('matching by group and kind (Flux status_reader_test)', () => {
  const sealed = (kind: string, synced: string): KubeObject => ({
    apiVersion: 'bitnami.com/v1alpha1',
    kind,
    metadata: { name: 's' },
    status: { conditions: [{ type: 'Synced', status: synced }] },
  });

  it('a group-only entry covers every kind of the group, at any version', () => {
    const rules = compileHealthCheckExprs([
      {
        apiVersion: 'bitnami.com/v1',
        current: "status.conditions.exists(c, c.type == 'Synced' && c.status == 'True')",
      },
    ]);
    expect(computeStatus(sealed('AnyKind', 'True'), { rules }).status).toBe('Current');
    expect(computeStatus(sealed('SealedSecret', 'False'), { rules }).status).toBe('InProgress');
  });

  it('a group-only entry does not cover other groups', () => {
    const rules = compileHealthCheckExprs([{ apiVersion: 'bitnami.com/v1', current: 'false' }]);
    const other: KubeObject = { apiVersion: 'other.com/v1', kind: 'Foo', metadata: { name: 'f' } };
    expect(computeStatus(other, { rules }).message).toBe('Resource is current');
  });

  it('a kind-specific entry beats a group-only one', () => {
    const rules = compileHealthCheckExprs([
      { apiVersion: 'bitnami.com/v1alpha1', current: 'false', failed: 'true' },
      { apiVersion: 'bitnami.com/v1alpha1', kind: 'SealedSecret', current: 'true' },
    ]);
    expect(computeStatus(sealed('SealedSecret', 'True'), { rules }).status).toBe('Current');
    expect(computeStatus(sealed('Other', 'True'), { rules }).status).toBe('Failed');
  });

  it('a core-group entry covers ConfigMaps instead of the built-in rule', () => {
    const rules = compileHealthCheckExprs([
      { apiVersion: 'v1', kind: 'ConfigMap', current: "data.ready == 'yes'" },
    ]);
    const cm: KubeObject = {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'c' },
      data: { ready: 'no' },
    };
    expect(computeStatus(cm, { rules }).status).toBe('InProgress');
    expect(computeStatus({ ...cm, data: { ready: 'yes' } }, { rules }).status).toBe('Current');
  });

  it("Flux's Job rule ranks before CEL when composed as Flux does", () => {
    const rules = compileHealthCheckExprs([{ apiVersion: 'batch/v1', kind: 'Job', current: 'true' }]);
    const job: KubeObject = { apiVersion: 'batch/v1', kind: 'Job', metadata: { name: 'j' } };
    expect(computeStatus(job, { rules: [fluxJobRules, rules] }).status).toBe('InProgress');
    expect(computeStatus(job, { rules }).status).toBe('Current');
  });
});

describe('cel-go extensions Flux enables', () => {
  it.each([
    { name: 'strings: lowerAscii', input: "'ABC'.lowerAscii() == 'abc'" },
    { name: 'strings: split', input: "'a,b'.split(',').size() == 2" },
    { name: 'strings: replace', input: "'a-b-c'.replace('-', '_') == 'a_b_c'" },
    { name: 'strings: replace with limit', input: "'a-b-c'.replace('-', '_', 1) == 'a_b-c'" },
    { name: 'strings: charAt', input: "'héllo'.charAt(1) == 'é'" },
    { name: 'strings: reverse', input: "'abc'.reverse() == 'cba'" },
    { name: 'strings: quote', input: 'strings.quote(\'a"b\') == \'"a\\\\"b"\'' },
    { name: 'sets: contains', input: 'sets.contains([1, 2, 3], [3, 1])' },
    { name: 'sets: contains with mixed numbers', input: 'sets.contains([1, 2.0], [2])' },
    { name: 'sets: equivalent', input: 'sets.equivalent([1, 2, 2], [2, 1])' },
    { name: 'sets: intersects', input: "sets.intersects(['a'], ['b', 'a'])" },
    { name: 'encoders: base64.encode', input: "base64.encode(b'hello') == 'aGVsbG8='" },
    { name: 'encoders: base64.decode', input: "base64.decode('aGVsbG8=') == b'hello'" },
    { name: 'timestamps compare', input: "timestamp(status.at) < timestamp('2030-01-01T00:00:00Z')" },
    { name: 'matches', input: "status.phase.matches('^Run')" },
  ])('$name', ({ input }) => {
    const got = run(
      check({ current: input }),
      obj({ status: { phase: 'Running', at: '2026-01-01T00:00:00Z' } }),
    );
    expect(got.status).toBe('Current');
  });
});
