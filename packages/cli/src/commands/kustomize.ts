import type { LoadRestrictor } from '@gitops-kit/kustomize/build';
import { type CommandGroup, pathAsGiven } from '../program.js';
import { UsageError } from '../errors.js';
import { requireCjs } from '../requireCjs.js';
import { tuneV8ForOneShot } from '../v8Tuning.js';

/** `LoadRestrictor` values (the package itself is imported lazily, when the command runs). */
const ROOT_ONLY: LoadRestrictor = 'LoadRestrictionsRootOnly';
const NONE: LoadRestrictor = 'LoadRestrictionsNone';

/**
 * `gitops-kit kustomize build [dir] [--load-restrictor ...] [--enable-helm]`: builds a
 * kustomization directory and prints the stream as `kubectl kustomize` (kustomize v5.5.0) does,
 * byte for byte. Warnings kustomize prints (deprecated fields) go to stderr.
 *
 * @see https://kubectl.docs.kubernetes.io/references/kustomize/cmd/build/
 */
export const kustomizeCommand: CommandGroup = (io) => [
  {
    name: 'kustomize',
    description: 'kustomize: build kustomization directories',
    commands: [
      {
        name: 'build',
        description: 'print the resources a kustomization directory builds to (kustomize v5.5.0 output)',
        arguments: [{ name: 'dir', description: 'directory holding kustomization.yaml', default: '.' }],
        options: [
          {
            long: 'load-restrictor',
            value: 'restrictor',
            description: `${ROOT_ONLY} (files must be in or below the kustomization root) or ${NONE}`,
            default: ROOT_ONLY,
          },
          {
            long: 'enable-helm',
            description: 'enable the helmCharts field (local charts, rendered by @gitops-kit/helm)',
            default: false,
          },
        ],
        after:
          '\nExamples:\n  gitops-kit kustomize build overlays/prod\n  gitops-kit kustomize build . --load-restrictor LoadRestrictionsNone\n',
        action: async (dir: string, opts: { loadRestrictor: string; enableHelm: boolean }) => {
          if (opts.loadRestrictor !== ROOT_ONLY && opts.loadRestrictor !== NONE) {
            throw new UsageError(
              `illegal --load-restrictor value '${opts.loadRestrictor}': must be ${ROOT_ONLY} or ${NONE}`,
            );
          }
          await tuneV8ForOneShot();
          const { build, nodeSyncFileSystem } = requireCjs(
            '@gitops-kit/kustomize/build',
          ) as typeof import('@gitops-kit/kustomize/build');
          const list = await build({
            path: pathAsGiven(io, dir),
            fs: nodeSyncFileSystem,
            loadRestrictor: opts.loadRestrictor,
            enableHelm: opts.enableHelm,
            ...(opts.enableHelm
              ? {
                  helmChartInflater: (
                    requireCjs('@gitops-kit/helm') as typeof import('@gitops-kit/helm')
                  ).kustomizeHelmChartInflater(),
                }
              : {}),
          });
          for (const w of list.warnings) io.stderr(`${w}\n`);
          io.stdout(list.toYaml());
        },
      },
    ],
  },
];
