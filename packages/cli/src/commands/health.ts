import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { CustomHealthCheck, HealthRules, KubeObject } from '@gitops-kit/core';
import { UsageError } from '../errors.js';
import type { CliIO, CommandGroup } from '../program.js';

/** The packages the command uses, imported when it runs (keeps `gitops-kit --help` fast). */
interface Libs {
  core: typeof import('@gitops-kit/core');
  yaml: typeof import('yaml');
}

/** One output line of `gitops-kit health`. */
interface HealthLine {
  apiVersion: string;
  kind: string;
  namespace: string;
  name: string;
  status: string;
  message: string;
}

async function readInput(file: string, io: CliIO): Promise<string> {
  if (file === '-') return io.readStdin();
  try {
    return await readFile(resolve(io.cwd, file), 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new Error(`${file}: ${code === 'ENOENT' ? 'no such file' : ((err as Error).message ?? code)}`);
  }
}

/** The YAML documents of `text` as plain values; `null` documents (empty, `---` only) are skipped. */
function parseDocuments(libs: Libs, text: string, where: string): { value: unknown; index: number }[] {
  const out: { value: unknown; index: number }[] = [];
  libs.yaml.parseAllDocuments(text).forEach((doc, index) => {
    if (doc.errors.length > 0) {
      throw new Error(`${where}: document ${index}: ${doc.errors[0]!.message.split('\n')[0]}`);
    }
    const value = doc.toJS({ maxAliasCount: 100 });
    if (value !== null && value !== undefined) out.push({ value, index });
  });
  return out;
}

/** Objects of the stream; `kind: List` (and `*List` kinds with `items`) are expanded. */
function objectsOf(libs: Libs, text: string, where: string): KubeObject[] {
  const objects: KubeObject[] = [];
  for (const { value, index } of parseDocuments(libs, text, where)) {
    const v = value as Record<string, unknown>;
    if (
      typeof v === 'object' &&
      typeof v.kind === 'string' &&
      v.kind.endsWith('List') &&
      Array.isArray(v.items)
    ) {
      v.items.forEach((item, i) => {
        objects.push(libs.core.assertKubeObject(item, `${where}: document ${index}: items[${i}]`));
      });
      continue;
    }
    objects.push(libs.core.assertKubeObject(value, `${where}: document ${index}`));
  }
  return objects;
}

/** `healthCheckExprs` from a file: a YAML list, or an object with `healthCheckExprs` or `spec.healthCheckExprs`. */
function exprsOf(libs: Libs, text: string, where: string): CustomHealthCheck[] {
  const out: CustomHealthCheck[] = [];
  for (const { value, index } of parseDocuments(libs, text, where)) {
    const v = value as Record<string, unknown> & { spec?: Record<string, unknown> };
    const list = Array.isArray(v) ? v : (v?.healthCheckExprs ?? v?.spec?.healthCheckExprs);
    if (!Array.isArray(list)) {
      throw new Error(
        `${where}: document ${index}: expected a list of health check expressions or an object with spec.healthCheckExprs`,
      );
    }
    out.push(...(list as CustomHealthCheck[]));
  }
  return out;
}

/**
 * `gitops-kit health [-f FILE|-] [--health-check-exprs FILE]`: computes each object's kstatus
 * status from a multi-document YAML stream and prints one JSON object per line:
 * `{"apiVersion","kind","namespace","name","status","message"}` (`namespace` is `""` for
 * cluster-scoped objects). Exits 0 whatever the statuses are: it reports, it does not judge.
 */
export const healthCommands: CommandGroup = (io) => [
  {
    name: 'health',
    description:
      "Print each object's health (kstatus as Flux computes it) as one JSON line: apiVersion, kind, namespace, name, status, message.",
    options: [
      {
        long: 'file',
        short: 'f',
        value: 'file',
        description: 'multi-document YAML with the objects (status included); - for stdin',
        default: '-',
      },
      {
        long: 'health-check-exprs',
        value: 'file',
        description:
          'CEL health checks as in spec.healthCheckExprs: a YAML list, or a Kustomization/HelmRelease carrying them',
      },
    ],
    after:
      '\nStatuses: Current, InProgress, Failed, Terminating, Unknown. Exit 0 whatever they are.\n' +
      'Example: kubectl get deploy,sts -A -o yaml | gitops-kit health\n',
    action: async (opts: { file: string; healthCheckExprs?: string }) => {
      if (opts.file === '') throw new UsageError('--file needs a path or -');
      if (opts.healthCheckExprs === '-' && opts.file === '-') {
        throw new UsageError('--health-check-exprs - reads standard input: give the objects with -f FILE');
      }
      const [core, yaml] = await Promise.all([import('@gitops-kit/core'), import('yaml')]);
      const libs: Libs = { core, yaml };
      const rules: HealthRules[] = [];
      if (opts.healthCheckExprs !== undefined) {
        const where = opts.healthCheckExprs;
        const exprs = exprsOf(libs, await readInput(where, io), where);
        // Flux registers its Job reader before the CEL reader: keep that order.
        rules.push(core.fluxJobRules, core.compileHealthCheckExprs(exprs));
      }
      const where = opts.file === '-' ? '<stdin>' : opts.file;
      const objects = objectsOf(libs, await readInput(opts.file, io), where);
      let out = '';
      for (const object of objects) {
        const res = core.computeStatus(object, { rules });
        const line: HealthLine = {
          apiVersion: object.apiVersion,
          kind: object.kind,
          namespace: object.metadata.namespace ?? '',
          name: object.metadata.name ?? '',
          status: res.status,
          message: res.message,
        };
        out += `${JSON.stringify(line)}\n`;
      }
      io.stdout(out);
    },
  },
];
