import { readFile, stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import { type KubeObject, isGitOpsKitError } from '@gitops-kit/core';
import {
  type Kustomization,
  KustomizationGroup,
  buildKustomization,
  type SubstituteSourceReader,
  clusterSourceReader,
  diffObjects,
  formatDiff,
  listSourceReader,
  objectsToYaml,
} from '@gitops-kit/kustomize';
import { parseAllDocuments } from 'yaml';
import type { OptionSpec } from '../args.js';
import { type ClusterFlags, clusterOptions, openCluster } from '../cluster.js';
import { ReportedError, UsageError } from '../errors.js';
import type { CliIO, CommandGroup } from '../program.js';

/** Flux CLI's default namespace (`--namespace`). */
const defaultNamespace = 'flux-system';

/** YAML or JSON documents of a file (`-` reads stdin); empty documents are skipped, `List`s expanded. */
async function readObjects(file: string, io: CliIO): Promise<KubeObject[]> {
  let text: string;
  if (file === '-') text = await io.readStdin();
  else {
    try {
      text = await readFile(resolve(io.cwd, file), 'utf8');
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      throw new Error(`${file}: ${code === 'ENOENT' ? 'no such file' : (err as Error).message}`);
    }
  }
  const out: KubeObject[] = [];
  for (const [i, doc] of parseAllDocuments(text, { uniqueKeys: false }).entries()) {
    if (doc.errors.length)
      throw new Error(`${file}: document ${i}: ${doc.errors[0]!.message.split('\n')[0]}`);
    const v = doc.toJS({ maxAliasCount: 100 }) as unknown;
    if (v === null || v === undefined) continue;
    if (typeof v !== 'object' || Array.isArray(v))
      throw new Error(`${file}: document ${i}: not a Kubernetes object`);
    const o = v as KubeObject & { items?: unknown };
    if (typeof o.kind === 'string' && o.kind.endsWith('List') && Array.isArray(o.items))
      out.push(...(o.items as KubeObject[]));
    else out.push(o);
  }
  return out;
}

const isFluxKustomization = (o: KubeObject) =>
  typeof o?.apiVersion === 'string' &&
  o.apiVersion.startsWith(`${KustomizationGroup}/`) &&
  o.kind === 'Kustomization';

/**
 * The Kustomization of `--kustomization-file`, as `flux build` finds it: the document with the
 * given name whose namespace is `namespace` or unset. Without a name, the file must hold exactly one.
 */
async function kustomizationFromFile(
  file: string,
  name: string | undefined,
  namespace: string,
  io: CliIO,
): Promise<Kustomization> {
  try {
    if ((await stat(resolve(io.cwd, file))).isDirectory()) throw new Error('directory');
  } catch {
    throw new Error(`invalid kustomization file "${file}"`);
  }
  const all = (await readObjects(file, io)).filter(isFluxKustomization) as Kustomization[];
  if (name === undefined) {
    if (all.length !== 1) {
      throw new UsageError(
        `${file} holds ${all.length} Kustomizations: name the one to build (gitops-kit build kustomization NAME)`,
      );
    }
    return all[0]!;
  }
  const k = all.find(
    (o) => o.metadata?.name === name && (!o.metadata.namespace || o.metadata.namespace === namespace),
  );
  if (!k) {
    throw new Error(
      `failed find kustomization with name '${name}' and namespace '${namespace}' in file '${file}'`,
    );
  }
  return k;
}

async function checkPath(dir: string | undefined, io: CliIO): Promise<string> {
  if (!dir) throw new UsageError(`invalid resource path ""`);
  const abs = resolve(io.cwd, dir);
  try {
    if ((await stat(abs)).isDirectory()) return abs;
  } catch {
    // reported below
  }
  throw new UsageError(`invalid resource path "${dir}"`);
}

/** The flags `build` and `diff` share (as in flux). */
function buildOptions(pathHelp: string): OptionSpec[] {
  return [
    { long: 'path', value: 'dir', description: pathHelp },
    { long: 'kustomization-file', value: 'file', description: 'path to the Flux Kustomization YAML file' },
    {
      long: 'namespace',
      short: 'n',
      value: 'namespace',
      description: 'namespace of the Kustomization',
      default: defaultNamespace,
    },
    {
      long: 'strict-substitute',
      description: 'fail when a variable without a default value is used in the manifests but is not set',
      default: false,
    },
  ];
}

interface BuildFlags {
  path?: string;
  kustomizationFile?: string;
  namespace: string;
  strictSubstitute: boolean;
  substituteFrom?: string;
}

/**
 * `gitops-kit build kustomization [NAME] --path DIR [--kustomization-file FILE] [--strict-substitute]
 * [--substitute-from FILE]`: offline `flux build kustomization`. The Kustomization comes from
 * `--kustomization-file` (by NAME, or the only one in the file), or is an empty one named NAME;
 * its `spec.postBuild.substitute` applies, and `--substitute-from` supplies the ConfigMaps and
 * Secrets `substituteFrom` names (a YAML stream): a reference missing from it fails as it would
 * in the cluster unless `optional`. Without `--substitute-from`, `substituteFrom` is skipped as
 * `flux build --dry-run` does (a warning on stderr says so). Output: the YAML stream `flux build`
 * prints (SOPS-encrypted Secret values masked).
 *
 * `gitops-kit diff kustomization NAME --path DIR [--kustomization-file FILE] [--state-dir DIR |
 * --kubeconfig FILE]`: `flux diff kustomization` against the persisted MemoryCluster or a real
 * cluster: the build above with `substituteFrom` read from the cluster, then a server-side dry-run
 * per object; prints `► Kind/namespace/name created|drifted|deleted|skipped` with the drifted
 * fields. Exit 0 without changes, 1 with changes, 2 on errors (as `flux diff`).
 *
 * @see https://github.com/fluxcd/flux2/blob/main/cmd/flux/build_kustomization.go
 * @see https://github.com/fluxcd/flux2/blob/main/cmd/flux/diff_kustomization.go
 */
export const kustomizationCommands: CommandGroup = (io) => [
  {
    name: 'build',
    description: 'build Flux objects locally, as flux build',
    commands: [
      {
        name: 'kustomization',
        alias: 'ks',
        description:
          'print the objects a Flux Kustomization applies for a local directory (offline flux build ks)',
        arguments: [
          {
            name: 'name',
            description: 'name of the Kustomization (in --kustomization-file, or for the owner labels)',
          },
        ],
        options: [
          ...buildOptions('path to the manifests location (the Kustomization spec.path, checked out)'),
          {
            long: 'substitute-from',
            value: 'file',
            description:
              'YAML stream of the ConfigMaps/Secrets that spec.postBuild.substituteFrom names (- for stdin)',
          },
        ],
        after:
          '\nExamples:\n  gitops-kit build kustomization --path ./apps --kustomization-file ./clusters/prod/apps.yaml\n  gitops-kit build ks apps --path ./apps --kustomization-file ks.yaml --substitute-from vars.yaml --strict-substitute\n',
        action: async (name: string | undefined, opts: BuildFlags) => {
          const path = await checkPath(opts.path, io);
          let ks: Kustomization;
          if (opts.kustomizationFile !== undefined) {
            ks = await kustomizationFromFile(opts.kustomizationFile, name, opts.namespace, io);
          } else if (name !== undefined) {
            ks = emptyKustomization(name, opts.namespace);
          } else {
            throw new UsageError('a Kustomization NAME or --kustomization-file is required');
          }
          let reader: SubstituteSourceReader | undefined;
          if (opts.substituteFrom !== undefined) {
            reader = listSourceReader(await readObjects(opts.substituteFrom, io));
          } else {
            const refs = ks.spec?.postBuild?.substituteFrom ?? [];
            if (refs.length) {
              io.stderr(
                `warning: postBuild.substituteFrom skipped (${refs.map((r) => `${r.kind}/${r.name}`).join(', ')}): pass --substitute-from FILE to use them\n`,
              );
            }
          }
          const objects = await buildKustomization({
            path,
            kustomization: ks,
            reader,
            strict: opts.strictSubstitute,
          });
          io.stdout(objectsToYaml(objects));
        },
      },
    ],
  },
  {
    name: 'diff',
    description: 'diff Flux objects against a cluster, as flux diff',
    commands: [
      {
        name: 'kustomization',
        alias: 'ks',
        description:
          'build a Flux Kustomization from a local directory and print what applying it would change (flux diff ks)',
        arguments: [{ name: 'name', description: 'name of the Kustomization', required: true }],
        options: [
          ...buildOptions('path to a local directory that matches the Kustomization spec.path'),
          ...clusterOptions,
        ],
        after:
          '\nExit status: 0 no differences, 1 differences found, 2 the diff failed with an error.\n\nExamples:\n  gitops-kit diff kustomization apps --path ./apps\n  gitops-kit diff ks apps --path ./apps --kustomization-file ks.yaml --kubeconfig ~/.kube/config\n',
        action: async (name: string, opts: Omit<BuildFlags, 'substituteFrom'> & ClusterFlags) => {
          let changed: boolean;
          try {
            changed = await diffKustomization(name, opts, io);
          } catch (err) {
            if (err instanceof UsageError) throw err;
            // flux diff: any failure exits 2, since 1 means "changes found".
            throw new ReportedError(2, `error: ${err instanceof Error ? err.message : String(err)}\n`);
          }
          if (changed) {
            throw new ReportedError(1, '⚠️ identified at least one change, exiting with non-zero exit code\n');
          }
        },
      },
    ],
  },
];

function emptyKustomization(name: string, namespace: string): Kustomization {
  return {
    apiVersion: 'kustomize.toolkit.fluxcd.io/v1',
    kind: 'Kustomization',
    metadata: { name, namespace },
    spec: { interval: '0s', prune: false, sourceRef: { kind: 'GitRepository', name: '' } },
  };
}

/** Runs the diff and prints it; returns whether anything would be created, changed or deleted. */
async function diffKustomization(
  name: string,
  opts: Omit<BuildFlags, 'substituteFrom'> & ClusterFlags,
  io: CliIO,
): Promise<boolean> {
  const path = await checkPath(opts.path, io);
  const local =
    opts.kustomizationFile !== undefined
      ? await kustomizationFromFile(opts.kustomizationFile, name, opts.namespace, io)
      : undefined;
  const { cluster } = await openCluster(opts, io);
  let live: Kustomization | undefined;
  try {
    live = (await cluster.get({
      apiVersion: 'kustomize.toolkit.fluxcd.io/v1',
      kind: 'Kustomization',
      namespace: opts.namespace,
      name,
    })) as Kustomization | undefined;
  } catch (err) {
    // Without the Kustomization CRD nothing is found; a local file can stand in.
    if (!(isGitOpsKitError(err, 'UnknownKind') && local)) throw err;
  }
  let ks: Kustomization;
  if (local) {
    // flux: the local file wins; the live status (inventory) is kept for prune.
    ks = live?.status?.inventory ? { ...local, status: structuredClone(live.status) } : local;
  } else if (live) {
    ks = live;
  } else {
    throw new Error(
      `failed to get kustomization object: kustomizations.kustomize.toolkit.fluxcd.io "${name}" not found`,
    );
  }
  const objects = await buildKustomization({
    path,
    kustomization: ks,
    reader: clusterSourceReader(cluster),
    strict: opts.strictSubstitute,
  });
  const diffs = await diffObjects(objects, {
    cluster,
    force: ks.spec?.force ?? false,
    ...(ks.spec?.prune
      ? {
          prune: {
            inventory: ks.status?.inventory,
            owner: { name: ks.metadata.name ?? name, namespace: ks.metadata.namespace ?? opts.namespace },
          },
        }
      : {}),
  });
  io.stdout(formatDiff(diffs));
  return diffs.some((d) => d.action === 'created' || d.action === 'configured' || d.action === 'deleted');
}
