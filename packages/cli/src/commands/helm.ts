import { lstatSync, readdirSync, readFileSync, realpathSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import type { ChartFs } from '@gitops-kit/helm';
import { ReportedError } from '../errors.js';
import type { CommandGroup } from '../program.js';
import { raiseTierUpBudget } from '../tierUp.js';

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

/** pflag's StringSlice: each occurrence is a comma-separated list. */
function collectCsv(value: string, previous: string[]): string[] {
  return [...previous, ...(value === '' ? [] : value.split(','))];
}

interface TemplateFlags {
  namespace: string;
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
export const helmCommand: CommandGroup = (program, io) => {
  const helm = program.command('helm').description('Helm charts: render them exactly as helm does');
  helm
    .command('template')
    .description("locally render chart templates, with helm template's output and exit behaviour")
    .argument('[name]', 'release name (default "release-name" when only CHART is given)')
    .argument('[chart]', 'chart directory or .tgz archive')
    .option('-n, --namespace <namespace>', 'namespace scope for this request', 'default')
    .option('-f, --values <files>', 'values files (repeatable, comma-separated)', collectCsv, [])
    .option('--set <values>', 'set values on the command line (key1=val1,key2=val2)', collect, [])
    .option('--set-string <values>', 'set STRING values on the command line', collect, [])
    .option('--set-file <values>', 'set values from files (key=path)', collect, [])
    .option('--set-json <values>', 'set JSON values on the command line (key=jsonval)', collect, [])
    .option('--set-literal <value>', 'set a literal STRING value on the command line', collect, [])
    .option('--kube-version <version>', 'Kubernetes version used for Capabilities.KubeVersion')
    .option(
      '-a, --api-versions <versions>',
      'Kubernetes api versions used for Capabilities.APIVersions',
      collectCsv,
      [],
    )
    .option('--include-crds', 'include CRDs in the templated output', false)
    .option('--skip-tests', 'skip tests from templated output', false)
    .option('--no-hooks', 'prevent hooks from being rendered')
    .option('-s, --show-only <path>', 'only show manifests rendered from the given templates', collect, [])
    .option('--is-upgrade', 'set .Release.IsUpgrade instead of .Release.IsInstall', false)
    .option('--skip-schema-validation', 'disable JSON schema validation', false)
    .addHelpText(
      'after',
      '\nExamples:\n  gitops-kit helm template web ./charts/podinfo -n apps -f prod.yaml --set replicaCount=2\n  gitops-kit helm template ./chart.tgz --kube-version 1.31.0 --include-crds\n',
    )
    .action(async (name: string | undefined, chart: string | undefined, flags: TemplateFlags) => {
      if (name === undefined) {
        throw new ReportedError(1, 'Error: "helm template" requires at least 1 argument\n');
      }
      const releaseName = chart === undefined ? 'release-name' : name;
      const chartPath = chart === undefined ? name : chart;
      await raiseTierUpBudget();
      // Loaded on demand: keeps `gitops-kit` start-up light for other commands.
      const { helmTemplate, isRenderError, isGitOpsKitError, goBytes, hasRawBytes } = await loadHelm();
      const warnings: string[] = [];
      try {
        const res = await helmTemplate({
          chart: resolve(io.cwd, chartPath),
          releaseName,
          namespace: flags.namespace,
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
    });
};

/**
 * The chart file system for a one-shot command: synchronous reads, which for a chart of hundreds of
 * files cost a fraction of a promise and thread-pool round trip each (nothing else runs meanwhile).
 */
const syncFs: ChartFs = {
  lstat: async (p) => lstatSync(p),
  stat: async (p) => statSync(p),
  readdir: async (p) => readdirSync(p),
  readFile: async (p) => readFileSync(p),
  realpath: async (p) => realpathSync(p),
};

async function loadHelm() {
  const [helm, core, template] = await Promise.all([
    import('@gitops-kit/helm'),
    import('@gitops-kit/core/errors'),
    import('@gitops-kit/template'),
  ]);
  return {
    goBytes: template.goBytes,
    hasRawBytes: template.hasRawBytes,
    helmTemplate: helm.helmTemplate,
    isRenderError: helm.isRenderError,
    isGitOpsKitError: core.isGitOpsKitError,
  };
}
