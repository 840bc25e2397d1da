import { type ResourceRef, annotateReconcileRequest, parseDuration, systemClock } from '@gitops-kit/core';
import { stringify } from 'yaml';
import type { CommandSpec, OptionSpec } from '../args.js';
import { type ClusterFlags, clusterOptions, openCluster } from '../cluster.js';
import { UsageError } from '../errors.js';
import { eventLine, formatEvents } from '../fleet/formatEvents.js';
import { type SupportedFluxKind, resolveKindArg, unsupportedFluxKindNames } from '../fleet/fluxKinds.js';
import { createProgress } from '../fleet/progress.js';
import { type Fleet, readFleet } from '../fleet/readFleet.js';
import { type RunFleetResult, runFleet } from '../fleet/runFleet.js';
import { type FluxObjectStatus, formatStatusTree } from '../fleet/statusTree.js';
import type { CliIO, CommandGroup } from '../program.js';

interface RunFlags extends ClusterFlags {
  namespace: string;
  path?: string;
  branch: string;
  watch?: boolean;
  timeout: string;
  simulate?: boolean;
  simulateDelay: string;
  output: string;
}

/** `-o, --output <format>`: text (default), json or yaml; checked by {@link checkOutput}. */
export const outputOption: OptionSpec = {
  long: 'output',
  short: 'o',
  value: 'format',
  description: 'output format: text, json or yaml',
  default: 'text',
};

/** `-n, --namespace <namespace>` of the commands that read many objects: only this namespace. */
export const namespaceFilterOption: OptionSpec = {
  long: 'namespace',
  short: 'n',
  value: 'namespace',
  description: 'only this namespace (default: all namespaces)',
};

/** `-o` values every status-printing command takes. */
export function checkOutput(output: string): 'text' | 'json' | 'yaml' {
  if (output !== 'text' && output !== 'json' && output !== 'yaml') {
    throw new UsageError(`unknown output format '${output}' (text, json or yaml)`);
  }
  return output;
}

/** Prints a structured result as JSON or YAML. */
export function printData(io: CliIO, output: 'json' | 'yaml', data: unknown): void {
  io.stdout(output === 'json' ? `${JSON.stringify(data, null, 2)}\n` : stringify(data));
}

function duration(flag: string, value: string): number {
  try {
    return parseDuration(value);
  } catch (err) {
    throw new UsageError(`${flag}: ${(err as Error).message}`);
  }
}

const statusName = (s: FluxObjectStatus) => `${s.kind}/${s.namespace}/${s.name}`;
const isOk = (s: FluxObjectStatus) => s.suspended || s.ready === 'True';

/** A kind argument: a supported kind, else a usage error (or a clear "not yet" for other Flux kinds). */
function kindArg(arg: string): SupportedFluxKind {
  const k = resolveKindArg(arg);
  if (k) return k;
  if ((unsupportedFluxKindNames as readonly string[]).includes(arg.toLowerCase())) {
    throw new Error(
      `${arg}: gitops-kit cannot reconcile this Flux kind yet (GitRepository and Kustomization only)`,
    );
  }
  throw new UsageError(`unknown kind '${arg}' (kustomization, gitrepository)`);
}

async function findObject(
  flags: ClusterFlags,
  io: CliIO,
  k: SupportedFluxKind,
  name: string,
  namespace: string,
) {
  const opened = await openCluster(flags, io);
  const ref: ResourceRef = { apiVersion: k.apiVersion, kind: k.kind, namespace, name };
  const served = await opened.cluster.resourceFor(ref);
  const obj = served ? await opened.cluster.get(ref) : undefined;
  if (!obj) throw new Error(`${k.kind}/${namespace}/${name} not found in the ${opened.description}`);
  return { opened, ref, obj };
}

/** Runs the manager over the cluster's state and prints the tree, events and verdict. */
async function runAndReport(
  io: CliIO,
  flags: RunFlags,
  opened: Awaited<ReturnType<typeof openCluster>>,
  fleet: Fleet | undefined,
  namespace: string | undefined,
  judge: (statuses: FluxObjectStatus[]) => FluxObjectStatus[],
): Promise<void> {
  const output = checkOutput(flags.output);
  const timeoutMs = duration('--timeout', flags.timeout);
  const simulateDelayMs = duration('--simulate-delay', flags.simulateDelay);
  const progress = createProgress({
    write: io.stderr,
    tty: process.stderr.isTTY === true && !io.env.CI,
    now: () => systemClock.now(),
  });
  const ctl = new AbortController();
  const onSignal = () => ctl.abort();
  if (flags.watch) {
    process.once('SIGINT', onSignal);
    process.once('SIGTERM', onSignal);
  }
  let result: RunFleetResult;
  try {
    result = await runFleet({
      opened,
      ...(fleet ? { fleet } : {}),
      ...(namespace ? { namespace } : {}),
      // On by default for the embedded cluster, off for a real one (kubelets report status there).
      simulate: flags.simulate ?? opened.memory !== undefined,
      simulateDelayMs,
      timeoutMs,
      watch: flags.watch === true,
      progress,
      onSettled: (statuses) => {
        if (output === 'text') {
          progress.line('settled:');
          for (const line of formatStatusTree(statuses).trimEnd().split('\n')) progress.line(`  ${line}`);
        }
      },
      signal: ctl.signal,
    });
  } finally {
    progress.stop();
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
  const judged = judge(result.statuses);
  const notReady = judged.filter((s) => !isOk(s));
  const allReady = notReady.length === 0 && !result.timedOut;
  if (output === 'text') {
    io.stdout(formatStatusTree(result.statuses));
    io.stdout(`\nEvents:\n${formatEvents(result.events.map(eventLine), systemClock.now())}`);
    const ready = judged.filter((s) => s.ready === 'True').length;
    io.stdout(`\n${ready}/${judged.length} Ready in the ${opened.description}\n`);
  } else {
    printData(io, output, {
      ...(fleet ? { origin: fleet.origin, unsupported: fleet.unsupported.map(unsupportedEntry) } : {}),
      objects: result.statuses,
      events: result.events.map(eventLine),
      allReady,
      ...(result.timedOut ? { timedOut: result.timedOut } : {}),
    });
  }
  if (result.timedOut) throw new Error(result.timedOut);
  if (notReady.length > 0) {
    throw new Error(
      `not Ready: ${notReady.map((s) => `${statusName(s)} (${s.reason || 'Unknown'})`).join(', ')}`,
    );
  }
}

function unsupportedEntry(o: Fleet['unsupported'][number]) {
  return {
    apiVersion: o.apiVersion,
    kind: o.kind,
    namespace: o.metadata.namespace ?? '',
    name: o.metadata.name ?? '',
  };
}

/** The options of the commands that run the controllers (`reconcile`, `resume`), after their own. */
const runOptions: OptionSpec[] = [
  ...clusterOptions,
  {
    long: 'watch',
    description: 'keep reconciling at each interval after everything settled, until interrupted',
  },
  {
    long: 'timeout',
    value: 'duration',
    description: 'give up waiting for the objects to settle after this long (Go duration)',
    default: '5m',
  },
  {
    long: 'simulate',
    description:
      'simulate workload controllers (default on the embedded cluster; with --kubeconfig for clusters without kubelets, e.g. envtest)',
  },
  { long: 'no-simulate', description: 'do not simulate workload controllers' },
  {
    long: 'simulate-delay',
    value: 'duration',
    description: 'how long a simulated rollout takes (Go duration)',
    default: '1s',
  },
  outputOption,
];

/** `-n, --namespace <namespace>` of a named object (Flux's default namespace). */
const objectNamespaceOption = (description: string): OptionSpec => ({
  long: 'namespace',
  short: 'n',
  value: 'namespace',
  description,
  default: 'flux-system',
});

/**
 * `gitops-kit reconcile <fleet>`: applies a fleet's Flux objects (a directory such as
 * `clusters/production`, or `--path` in a Git repository URL) and runs the GitRepository and
 * Kustomization controllers until everything is Ready or failed; `gitops-kit reconcile <kind>
 * <name>` asks for one object's reconcile (Flux's `reconcile.fluxcd.io/requestedAt`) over the saved
 * state. `suspend` and `resume` set `spec.suspend`. Exit 0 when all (or the named object) are Ready,
 * 1 otherwise.
 *
 * @see https://github.com/fluxcd/flux2/blob/main/cmd/flux/reconcile.go
 */
export const reconcileCommands: CommandGroup = (io) => [
  {
    name: 'reconcile',
    description:
      'reconcile a fleet (a directory or Git URL of Flux objects) until everything is Ready or failed; or one object: reconcile <kind> <name>',
    arguments: [
      {
        name: 'fleet|kind',
        description: 'directory or Git URL with Flux objects; or a kind (kustomization, gitrepository)',
        required: true,
      },
      { name: 'name', description: 'with a kind: the object to reconcile' },
    ],
    options: [
      objectNamespaceOption('namespace of the named object'),
      {
        long: 'path',
        value: 'path',
        description: 'path of the fleet inside a Git repository URL (e.g. clusters/production)',
      },
      { long: 'branch', value: 'branch', description: 'branch of a Git repository URL', default: 'main' },
      ...runOptions,
    ],
    after:
      '\nKinds reconciled: GitRepository, Kustomization. Other Flux kinds in a fleet are reported and skipped.\n' +
      'Exit codes: 0 every object Ready, 1 something failed or timed out, 2 usage error.\n' +
      'Examples:\n  gitops-kit reconcile examples/fleet/repo/clusters/production\n' +
      '  gitops-kit reconcile http://127.0.0.1:8080/fleet.git --path clusters/production -o json\n' +
      '  gitops-kit reconcile kustomization apps -n flux-system\n',
    action: async (target: string, name: string | undefined, flags: RunFlags) => {
      checkOutput(flags.output);
      if (name !== undefined) {
        const k = kindArg(target);
        const { opened, ref, obj } = await findObject(flags, io, k, name, flags.namespace);
        if ((obj.spec as { suspend?: boolean } | undefined)?.suspend === true) {
          throw new Error(
            `${k.kind}/${flags.namespace}/${name} is suspended (gitops-kit resume ${k.singular} ${name} -n ${flags.namespace})`,
          );
        }
        await annotateReconcileRequest(opened.cluster, ref, {
          clock: systemClock,
          fieldManager: 'gitops-kit',
        });
        await runAndReport(io, flags, opened, undefined, flags.namespace, (all) =>
          all.filter((s) => s.kind === k.kind && s.namespace === flags.namespace && s.name === name),
        );
        return;
      }
      if (flags.path !== undefined && !/^(https?|ssh):\/\//.test(target)) {
        throw new UsageError('--path is for Git URLs; give the directory itself');
      }
      const fleet = await readFleet({
        location: target,
        cwd: io.cwd,
        branch: flags.branch,
        ...(flags.path !== undefined ? { path: flags.path } : {}),
      });
      for (const o of fleet.unsupported) {
        const name = `${o.kind}/${o.metadata.namespace ? `${o.metadata.namespace}/` : ''}${o.metadata.name}`;
        const known = resolveKindArg(o.kind);
        io.stderr(
          known
            ? `warning: ${name}: ${o.apiVersion} is not supported (use ${known.apiVersion}); skipped\n`
            : `warning: ${name}: ${o.kind} (${o.apiVersion.split('/')[0]}) cannot be reconciled by gitops-kit yet; skipped\n`,
        );
      }
      if (fleet.flux.length === 0)
        throw new Error(`${target}: no GitRepository or Kustomization objects found`);
      const opened = await openCluster(flags, io);
      // Manage the fleet's namespace only (when it has one): a shared cluster may hold other Flux objects.
      const namespaces = new Set(fleet.flux.map((o) => o.metadata.namespace ?? 'default'));
      const namespace = namespaces.size === 1 ? [...namespaces][0] : undefined;
      await runAndReport(io, flags, opened, fleet, namespace, (all) => all);
    },
  },
  ...(
    [
      ['suspend', true],
      ['resume', false],
    ] as const
  ).map(
    ([verb, suspend]): CommandSpec => ({
      name: verb,
      description: suspend
        ? 'suspend reconciliation of an object (spec.suspend: true)'
        : 'resume reconciliation of a suspended object and reconcile it',
      arguments: [
        { name: 'kind', description: 'kustomization or gitrepository', required: true },
        { name: 'name', description: 'object name', required: true },
      ],
      options: [
        objectNamespaceOption('namespace of the object'),
        ...(suspend ? [...clusterOptions, outputOption] : runOptions),
      ],
      after: `\nExit codes: 0 done${suspend ? '' : ' and Ready'}, 1 error, 2 usage error.\n`,
      action: async (kind: string, name: string, flags: RunFlags) => {
        const output = checkOutput(flags.output);
        const k = kindArg(kind);
        const { opened, ref } = await findObject(flags, io, k, name, flags.namespace);
        await opened.cluster.patch(ref, { spec: { suspend } }, { type: 'merge', fieldManager: 'gitops-kit' });
        const what = `${k.kind}/${flags.namespace}/${name}`;
        if (suspend) {
          if (output === 'text') io.stdout(`${what} suspended\n`);
          else printData(io, output, { kind: k.kind, namespace: flags.namespace, name, suspended: true });
          return;
        }
        if (output === 'text') io.stdout(`${what} resumed\n`);
        await annotateReconcileRequest(opened.cluster, ref, {
          clock: systemClock,
          fieldManager: 'gitops-kit',
        });
        await runAndReport(io, flags, opened, undefined, flags.namespace, (all) =>
          all.filter((s) => s.kind === k.kind && s.namespace === flags.namespace && s.name === name),
        );
      },
    }),
  ),
];
