import type { Condition, KubeObject, ObjectReport, Reconciler, SettleReport } from '@gitops-kit/core';
import { UsageError } from '../errors.js';
import type { CliIO, CommandGroup } from '../program.js';

const GROUP = 'demo.gitops-kit.dev';
const API_VERSION = `${GROUP}/v1`;
const KIND = 'Greeting';
const NAMESPACE = 'demo';
const CONTROLLER = 'greeting-controller';

/** The toy kind's CRD: spec and status kept as given. */
const greetingCrd: KubeObject = {
  apiVersion: 'apiextensions.k8s.io/v1',
  kind: 'CustomResourceDefinition',
  metadata: { name: `greetings.${GROUP}` },
  spec: {
    group: GROUP,
    scope: 'Namespaced',
    names: { plural: 'greetings', singular: 'greeting', kind: KIND, listKind: 'GreetingList' },
    versions: [
      {
        name: 'v1',
        served: true,
        storage: true,
        subresources: { status: {} },
        schema: {
          openAPIV3Schema: {
            type: 'object',
            properties: {
              spec: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true },
              status: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true },
            },
          },
        },
      },
    ],
  },
};

const greeting = (name: string, spec: Record<string, unknown>): KubeObject => ({
  apiVersion: API_VERSION,
  kind: KIND,
  metadata: { name, namespace: NAMESPACE },
  spec: { interval: '10m', ...spec },
});

/**
 * The demo's objects, listed dependants first: the manager still reconciles `base`, `app`,
 * `frontend` in dependency order. `paused` is suspended, `broken` has a duration Go rejects and
 * `empty` lacks its message (the toy controller stalls it).
 */
const demoObjects: KubeObject[] = [
  greeting('frontend', { message: 'Hello from the frontend', dependsOn: [{ name: 'app' }] }),
  greeting('app', { message: 'Hello from the app', dependsOn: [{ name: 'base' }] }),
  greeting('base', { message: 'Hello from the base layer' }),
  greeting('paused', { message: 'Not now', suspend: true }),
  greeting('broken', { message: 'Never', interval: '1d' }),
  greeting('empty', {}),
];

/**
 * A toy controller: writes a ConfigMap `<name>-greeting` holding `spec.message` (server-side apply).
 * `@gitops-kit/core` is imported when the demo runs, not when the CLI starts.
 */
const greetingReconciler = ({ markFalse, markTrue }: typeof import('@gitops-kit/core')): Reconciler => ({
  apiVersion: API_VERSION,
  kind: KIND,
  controllerName: CONTROLLER,
  async reconcile(obj, ctx) {
    const message = (obj.spec as { message?: unknown }).message;
    if (typeof message !== 'string' || message === '') {
      markFalse(obj, 'Ready', 'InvalidSpec', 'spec.message is required', { clock: ctx.clock });
      return { stalled: true };
    }
    const name = `${obj.metadata.name}-greeting`;
    await ctx.cluster.apply(
      {
        apiVersion: 'v1',
        kind: 'ConfigMap',
        metadata: {
          name,
          namespace: obj.metadata.namespace,
          labels: { 'demo.gitops-kit.dev/greeting': obj.metadata.name! },
        },
        data: { message },
      },
      { fieldManager: ctx.fieldManager, force: true, signal: ctx.signal },
    );
    const done = `Applied ConfigMap ${obj.metadata.namespace}/${name}`;
    markTrue(obj, 'Ready', 'ReconciliationSucceeded', done, { clock: ctx.clock });
    return { events: [{ severity: 'info', reason: 'ReconciliationSucceeded', message: done }] };
  },
});

function pad(s: string, n: number): string {
  return s.length >= n ? s : s + ' '.repeat(n - s.length);
}

function formatConditions(conditions: Condition[]): string[] {
  return conditions.map(
    (c) => `    ${pad(c.type, 12)} ${pad(c.status, 8)} ${pad(c.reason, 24)} ${c.message}`,
  );
}

function formatReport(
  report: SettleReport,
  order: string[],
  configMaps: string[],
  formatObjectName: (ref: ObjectReport['ref']) => string,
): string {
  const lines: string[] = [];
  lines.push(
    `Reconciled ${report.objects.length} ${KIND} objects (${API_VERSION}) into an in-memory cluster with a toy controller.`,
  );
  lines.push(`Reconcile order: ${order.join(', ')}`);
  lines.push('');
  for (const o of report.objects) {
    lines.push(`${formatObjectName(o.ref)}: ${o.outcome}`);
    if (o.conditions.length === 0) lines.push('    (no conditions)');
    else lines.push(...formatConditions(o.conditions));
  }
  const counts = new Map<string, number>();
  for (const o of report.objects) counts.set(o.outcome, (counts.get(o.outcome) ?? 0) + 1);
  lines.push('');
  lines.push([...counts].map(([k, v]) => `${v} ${k}`).join(', '));
  lines.push(`ConfigMaps written: ${configMaps.join(', ')}`);
  return `${lines.join('\n')}\n`;
}

/** What `gitops-kit demo` does, for the command and for tests. */
export async function runDemo(options: { timeoutMs: number; signal?: AbortSignal }): Promise<{
  report: SettleReport;
  order: string[];
  configMaps: string[];
}> {
  const core = await import('@gitops-kit/core');
  const { Manager, MemoryCluster, MemoryEventRecorder } = core;
  const clock = core.systemClock;
  const cluster = new MemoryCluster({ clock });
  await cluster.create(greetingCrd, { signal: options.signal });
  await cluster.create(
    { apiVersion: 'v1', kind: 'Namespace', metadata: { name: NAMESPACE } },
    { signal: options.signal },
  );
  for (const o of demoObjects)
    await cluster.create(o, { fieldManager: 'gitops-kit-demo', signal: options.signal });
  const order: string[] = [];
  const greeting = greetingReconciler(core);
  const reconciler: Reconciler = {
    ...greeting,
    reconcile(obj, ctx) {
      order.push(obj.metadata.name!);
      return greeting.reconcile(obj, ctx);
    },
  };
  const manager = new Manager({
    cluster,
    clock,
    reconcilers: [reconciler],
    events: new MemoryEventRecorder(),
  });
  const report = await manager.runUntilSettled({
    timeoutMs: options.timeoutMs,
    ...(options.signal ? { signal: options.signal } : {}),
  });
  const configMaps = (
    await cluster.list({ apiVersion: 'v1', kind: 'ConfigMap' }, { namespace: NAMESPACE })
  ).map((c) => `${c.metadata.namespace}/${c.metadata.name}`);
  return { report, order, configMaps };
}

function reportJson(o: ObjectReport): Record<string, unknown> {
  return {
    ...o.ref,
    outcome: o.outcome,
    conditions: o.conditions,
    ...(o.message ? { message: o.message } : {}),
  };
}

/**
 * `gitops-kit demo`: reconciles a few toy `Greeting` objects (a dependsOn chain, a suspended one, a
 * bad interval, a missing field) into the embedded `MemoryCluster` with the core `Manager` and
 * prints their conditions. Later issues replace it with the real fleet.
 */
export const demoCommand: CommandGroup = (io: CliIO) => [
  {
    name: 'demo',
    description: 'reconcile a few toy objects into the in-memory cluster and print their conditions',
    options: [
      { long: 'json', description: 'print the objects and their conditions as JSON' },
      {
        long: 'timeout',
        value: 'duration',
        description: 'give up after this long (Go duration)',
        default: '1m',
      },
    ],
    action: async (opts: { json?: boolean; timeout: string }) => {
      const { formatObjectName, parseDuration } = await import('@gitops-kit/core');
      let timeoutMs: number;
      try {
        timeoutMs = parseDuration(opts.timeout);
      } catch (err) {
        throw new UsageError(`--timeout: ${(err as Error).message}`);
      }
      const { report, order, configMaps } = await runDemo({ timeoutMs });
      if (opts.json) {
        io.stdout(
          `${JSON.stringify({ objects: report.objects.map(reportJson), order, configMaps }, null, 2)}\n`,
        );
      } else {
        io.stdout(formatReport(report, order, configMaps, formatObjectName));
      }
    },
  },
];
