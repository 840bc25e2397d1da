import { type ClusterFlags, clusterOptions, openCluster } from '../cluster.js';
import { readFluxStatuses } from '../fleet/runFleet.js';
import { formatStatusTree } from '../fleet/statusTree.js';
import type { CommandGroup } from '../program.js';
import { checkOutput, namespaceFilterOption, outputOption, printData } from './reconcile.js';

/**
 * `gitops-kit get all [-n NS] [-o text|json|yaml]`: the Flux objects in the cluster state (the
 * embedded one under `--state-dir`, or `--kubeconfig`) as a status tree: each source, the
 * Kustomizations built from it and their inventories, with revision, Ready and message. Reads
 * only; exit 0 whatever the statuses are.
 *
 * @see https://github.com/fluxcd/flux2/blob/main/cmd/flux/get_all.go
 */
export const getCommands: CommandGroup = (io) => [
  {
    name: 'get',
    description: 'show Flux objects in the cluster state',
    commands: [
      {
        name: 'all',
        description: 'show every GitRepository and Kustomization with revision, Ready and message, as a tree',
        options: [namespaceFilterOption, outputOption, ...clusterOptions],
        after: '\nExit codes: 0 shown (whatever the statuses), 1 error, 2 usage error.\n',
        action: async (flags: ClusterFlags & { namespace?: string; output: string }) => {
          const output = checkOutput(flags.output);
          const opened = await openCluster(flags, io);
          const statuses = await readFluxStatuses(opened.cluster, { namespace: flags.namespace });
          if (output !== 'text') return printData(io, output, { objects: statuses });
          if (statuses.length === 0) {
            io.stdout(`No Flux objects found in the ${opened.description}.\n`);
            return;
          }
          io.stdout(formatStatusTree(statuses));
        },
      },
    ],
  },
];
