import { readFileSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { requireCjs } from './requireCjs.js';

/** What decides `helm template`'s namespace besides the chart: flags and environment. */
export interface HelmNamespaceInput {
  /** `-n, --namespace` as given (`undefined` when absent; `''` when given empty). */
  namespace: string | undefined;
  /** `--kubeconfig` as given. */
  kubeconfig: string | undefined;
  /** `--kube-context` as given. */
  kubeContext: string | undefined;
  /** The environment (`HELM_NAMESPACE`, `HELM_KUBECONTEXT`, `KUBECONFIG`, `HOME`). */
  env: Record<string, string | undefined>;
  /** Reads a file as UTF-8 (throws when it cannot). Default: `fs.readFileSync`. */
  readFile?: (path: string) => string;
}

/**
 * The namespace `helm template` renders into (`.Release.Namespace`), as Helm's
 * `EnvSettings.Namespace()` finds it: `--namespace`, else `HELM_NAMESPACE` (an empty value counts
 * as not given); else the namespace of the kubeconfig context (`--kube-context`, else
 * `HELM_KUBECONTEXT`, else the `current-context`); else `default`.
 *
 * The kubeconfig is `--kubeconfig` (that one file), else the files listed in `KUBECONFIG` (merged
 * as client-go merges them: the first file that sets `current-context`, or defines a context of a
 * given name, wins; missing files are skipped), else `$HOME/.kube/config`. A kubeconfig that does not
 * parse, or a context that does not exist, gives `default`, as with helm. Reads nothing when the
 * namespace is given. Never throws.
 *
 * @see https://github.com/helm/helm/blob/v3.17.2/pkg/cli/environment.go (Namespace)
 * @see https://github.com/kubernetes/client-go/blob/v0.32.0/tools/clientcmd/loader.go (merging)
 */
export function helmNamespace(input: HelmNamespaceInput): string {
  const given = input.namespace ?? input.env.HELM_NAMESPACE ?? '';
  if (given !== '') return given;
  return kubeconfigNamespace(input) || 'default';
}

function kubeconfigNamespace(input: HelmNamespaceInput): string {
  const read = input.readFile ?? ((p: string) => readFileSync(p, 'utf8'));
  const env = input.env;
  let files: string[];
  let explicit = false;
  if (input.kubeconfig) {
    files = [input.kubeconfig];
    explicit = true;
  } else if (env.KUBECONFIG) {
    files = env.KUBECONFIG.split(delimiter).filter((f) => f !== '');
  } else {
    // client-go's homedir.HomeDir() is $HOME as it is: unset, the path is relative (.kube/config).
    files = [join(env.HOME ?? '', '.kube', 'config')];
  }
  let current = '';
  const namespaces = new Map<string, string>();
  // Loaded only here: a namespace given on the command line (the common case) never needs it.
  const { parse } = requireCjs('yaml') as typeof import('yaml');
  for (const file of files) {
    let text: string;
    try {
      text = read(file);
    } catch {
      if (explicit) return '';
      continue;
    }
    let doc: unknown;
    try {
      doc = parse(text, { maxAliasCount: 100 });
    } catch {
      return '';
    }
    if (doc === null || doc === undefined) continue;
    if (typeof doc !== 'object' || Array.isArray(doc)) return '';
    const config = doc as { 'current-context'?: unknown; contexts?: unknown };
    if (!current && typeof config['current-context'] === 'string') current = config['current-context'];
    if (!Array.isArray(config.contexts)) continue;
    for (const entry of config.contexts as { name?: unknown; context?: { namespace?: unknown } }[]) {
      if (typeof entry?.name !== 'string' || namespaces.has(entry.name)) continue;
      const ns = entry.context?.namespace;
      namespaces.set(entry.name, typeof ns === 'string' ? ns : '');
    }
  }
  const name = input.kubeContext || env.HELM_KUBECONTEXT || current;
  return namespaces.get(name) ?? '';
}
