import { systemClock } from '@gitops-kit/core';
import { type ClusterFlags, clusterOptions, openCluster } from '../cluster.js';
import { UsageError } from '../errors.js';
import { listFluxEvents } from '../fleet/clusterEvents.js';
import { resolveKindArg } from '../fleet/fluxKinds.js';
import { formatEvents } from '../fleet/formatEvents.js';
import type { CommandGroup } from '../program.js';
import { checkOutput, namespaceFilterOption, outputOption, printData } from './reconcile.js';

/**
 * `gitops-kit events [--for Kind/name] [-n NS] [-o text|json|yaml]`: the Kubernetes Events about
 * Flux objects in the cluster state, oldest first, as `flux events` prints them (`LAST SEEN`,
 * `TYPE`, `REASON`, `OBJECT`, `MESSAGE`).
 *
 * @see https://github.com/fluxcd/flux2/blob/main/cmd/flux/events.go
 */
export const eventsCommand: CommandGroup = (io) => [
  {
    name: 'events',
    description: 'show the events of Flux objects in the cluster state',
    options: [
      {
        long: 'for',
        value: 'kind/name',
        description: 'only events about this object, e.g. Kustomization/apps',
      },
      namespaceFilterOption,
      outputOption,
      ...clusterOptions,
    ],
    after: '\nExit codes: 0 shown, 1 error, 2 usage error.\n',
    action: async (flags: ClusterFlags & { for?: string; namespace?: string; output: string }) => {
      const output = checkOutput(flags.output);
      let kind: string | undefined;
      let name: string | undefined;
      if (flags.for !== undefined) {
        const [k, n, ...rest] = flags.for.split('/');
        const resolved = k ? resolveKindArg(k) : undefined;
        if (!resolved || !n || rest.length)
          throw new UsageError(`--for ${flags.for}: want <kind>/<name>, e.g. Kustomization/apps`);
        kind = resolved.kind;
        name = n;
      }
      const opened = await openCluster(flags, io);
      const lines = await listFluxEvents(opened.cluster, {
        ...(flags.namespace ? { namespace: flags.namespace } : {}),
        ...(kind ? { kind } : {}),
        ...(name ? { name } : {}),
      });
      if (output !== 'text') return printData(io, output, { events: lines });
      io.stdout(formatEvents(lines, systemClock.now()));
    },
  },
];
