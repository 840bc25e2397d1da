import { lstatSync, readdirSync, readFileSync, realpathSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import type { ChartFs } from '@gitops-kit/helm';
import { ReportedError } from '../errors.js';
import { type CommandGroup, pathAsGiven } from '../program.js';
import { helmNamespace } from '../helmNamespace.js';
import { requireCjs } from '../requireCjs.js';
import { tuneV8ForOneShot } from '../v8Tuning.js';

interface TemplateFlags {
  namespace?: string;
  kubeconfig?: string;
  kubeContext?: string;
  values: string[];
  set: string[];
  setString: string[];
  setFile: string[];
  setJson: string[];
  setLiteral: string[];
  kubeVersion?: string;
  apiVersions: string[];
  includeCrds: boolean;
  skipTests: boolean;
  hooks: boolean;
  showOnly: string[];
  isUpgrade: boolean;
  skipSchemaValidation: boolean;
}

/**
 * `gitops-kit helm template [NAME] CHART`: renders a chart exactly as `helm template` (Helm v3.17)
 * does, with the same flags, stdout bytes, `Error: ...` on stderr and exit code 1 on failure.
 *
 * @see https://github.com/helm/helm/blob/v3.17.2/cmd/helm/template.go
 */
export const helmCommand: CommandGroup = (io) => [
  {
    name: 'helm',
    description: 'Helm charts: render them exactly as helm does',
    commands: [
      {
        name: 'template',
        description: "locally render chart templates, with helm template's output and exit behaviour",
        arguments: [
          { name: 'name', description: 'release name (default "release-name" when only CHART is given)' },
          { name: 'chart', description: 'chart directory or .tgz archive' },
        ],
        options: [
          {
            long: 'namespace',
            short: 'n',
            value: 'namespace',
            description:
              'namespace scope for this request (else $HELM_NAMESPACE, the kubeconfig context\'s namespace, "default")',
          },
          {
            long: 'kubeconfig',
            value: 'path',
            description: 'kubeconfig file whose context gives the namespace',
          },
          {
            long: 'kube-context',
            value: 'name',
            description:
              'kubeconfig context whose namespace is used (else $HELM_KUBECONTEXT, current-context)',
          },
          {
            long: 'values',
            short: 'f',
            value: 'files',
            description: 'values files (repeatable, comma-separated)',
            repeat: 'csv',
          },
          {
            long: 'set',
            value: 'values',
            description: 'set values on the command line (key1=val1,key2=val2)',
            repeat: 'collect',
          },
          {
            long: 'set-string',
            value: 'values',
            description: 'set STRING values on the command line',
            repeat: 'collect',
          },
          {
            long: 'set-file',
            value: 'values',
            description: 'set values from files (key=path)',
            repeat: 'collect',
          },
          {
            long: 'set-json',
            value: 'values',
            description: 'set JSON values on the command line (key=jsonval)',
            repeat: 'collect',
          },
          {
            long: 'set-literal',
            value: 'value',
            description: 'set a literal STRING value on the command line',
            repeat: 'collect',
          },
          {
            long: 'kube-version',
            value: 'version',
            description: 'Kubernetes version used for Capabilities.KubeVersion',
          },
          {
            long: 'api-versions',
            short: 'a',
            value: 'versions',
            description: 'Kubernetes api versions used for Capabilities.APIVersions',
            repeat: 'csv',
          },
          { long: 'include-crds', description: 'include CRDs in the templated output', default: false },
          { long: 'skip-tests', description: 'skip tests from templated output', default: false },
          { long: 'no-hooks', description: 'prevent hooks from being rendered' },
          {
            long: 'show-only',
            short: 's',
            value: 'path',
            description: 'only show manifests rendered from the given templates',
            repeat: 'collect',
          },
          {
            long: 'is-upgrade',
            description: 'set .Release.IsUpgrade instead of .Release.IsInstall',
            default: false,
          },
          { long: 'skip-schema-validation', description: 'disable JSON schema validation', default: false },
        ],
        // helm's cobra/pflag usage errors (`Error: unknown flag: --x`, exit 1); its RunE's message for
        // a third argument (pkg/action/install.go, NameAndChart).
        usageErrors: 'pflag',
        tooManyArguments: (extra) =>
          `expected at most two arguments, unexpected arguments: ${extra.join(', ')}`,
        after:
          '\nExamples:\n  gitops-kit helm template web ./charts/podinfo -n apps -f prod.yaml --set replicaCount=2\n  gitops-kit helm template ./chart.tgz --kube-version 1.31.0 --include-crds\n',
        action: async (name: string | undefined, chart: string | undefined, flags: TemplateFlags) => {
          if (name === undefined) {
            // cobra's MinimumNArgs(1) error, then the usage line helm prints after it.
            throw new ReportedError(
              1,
              'Error: "helm template" requires at least 1 argument\n\nUsage:  helm template [NAME] [CHART] [flags]\n',
            );
          }
          const releaseName = chart === undefined ? 'release-name' : name;
          const chartPath = chart === undefined ? name : chart;
          await tuneV8ForOneShot();
          // Loaded on demand: keeps `gitops-kit` start-up light for other commands.
          const { helmTemplate, isRenderError, isGitOpsKitError, goBytes, hasRawBytes } = loadHelm();
          const warnings: string[] = [];
          try {
            const res = await helmTemplate({
              chart: pathAsGiven(io, chartPath),
              releaseName,
              namespace: helmNamespace({
                namespace: flags.namespace,
                kubeconfig: flags.kubeconfig,
                kubeContext: flags.kubeContext,
                env: io.env,
              }),
              valueOptions: {
                valueFiles: flags.values,
                values: flags.set,
                stringValues: flags.setString,
                fileValues: flags.setFile,
                jsonValues: flags.setJson,
                literalValues: flags.setLiteral,
              },
              kubeVersion: flags.kubeVersion,
              apiVersions: flags.apiVersions,
              includeCrds: flags.includeCrds,
              skipTests: flags.skipTests,
              noHooks: !flags.hooks,
              showOnly: flags.showOnly,
              isUpgrade: flags.isUpgrade,
              skipSchemaValidation: flags.skipSchemaValidation,
              fs: syncFs,
              readFile: async (p) => readFileSync(resolve(io.cwd, p)),
              readStdin: io.readStdin,
              warn: (w) => warnings.push(w),
            });
            for (const w of warnings) io.stderr(`${w}\n`);
            io.stdout(hasRawBytes(res.output) ? goBytes(res.output) : res.output);
          } catch (e) {
            for (const w of warnings) io.stderr(`${w}\n`);
            if (!isGitOpsKitError(e)) throw e;
            const hint = isRenderError(e) ? '\n\nUse --debug flag to render out invalid YAML' : '';
            const out = `Error: ${e.message}${hint}\n`;
            throw new ReportedError(1, hasRawBytes(out) ? goBytes(out) : out);
          }
        },
      },
    ],
  },
];

/**
 * The chart file system for a one-shot command: synchronous reads, which for a chart of hundreds of
 * files cost a fraction of a promise and thread-pool round trip each (nothing else runs meanwhile).
 */
const syncFs: ChartFs = {
  lstat: async (p) => lstatSync(p),
  stat: async (p) => statSync(p),
  readdir: async (p) => readdirSync(p),
  readdirTypes: async (p) => readdirSync(p, { withFileTypes: true }),
  readFile: async (p) => readFileSync(p),
  realpath: async (p) => realpathSync(p),
};

function loadHelm() {
  const helm = requireCjs('@gitops-kit/helm') as typeof import('@gitops-kit/helm');
  const core = requireCjs('@gitops-kit/core/errors') as typeof import('@gitops-kit/core/errors');
  const template = requireCjs('@gitops-kit/template') as typeof import('@gitops-kit/template');
  return {
    goBytes: template.goBytes,
    hasRawBytes: template.hasRawBytes,
    helmTemplate: helm.helmTemplate,
    isRenderError: helm.isRenderError,
    isGitOpsKitError: core.isGitOpsKitError,
  };
}
