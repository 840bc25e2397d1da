import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { GitAuth, GitRepositoryRef } from '@gitops-kit/source';
import { UsageError } from '../errors.js';
import type { CommandGroup } from '../program.js';

interface SourceGitOptions {
  branch?: string;
  tag?: string;
  tagSemver?: string;
  refName?: string;
  commit?: string;
  ignorePaths?: string;
  recurseSubmodules?: boolean;
  username?: string;
  password?: string;
  caFile?: string;
  storage: string;
  cache?: string;
  backend: string;
  timeout: string;
  namespace: string;
  name?: string;
  output: string;
}

/**
 * `gitops-kit source git <url> [--branch B | --tag T | --tag-semver RANGE | --ref-name NAME |
 * --commit SHA] [--ignore-paths PATTERNS] [--username U --password P] [--storage DIR] [-o json]`:
 * fetches a Git repository once, as a GitRepository reconcile would, stores the artifact and prints
 * its `revision`, `digest`, `path` and `size`. Flags follow `flux create source git`.
 *
 * @see https://github.com/fluxcd/flux2/blob/main/cmd/flux/create_source_git.go
 */
export const sourceCommand: CommandGroup = (io) => [
  {
    name: 'source',
    description: 'fetch sources into artifacts (Flux source-controller)',
    commands: [
      {
        name: 'git',
        description: 'fetch a Git repository at a ref into a tar.gz artifact and print it',
        arguments: [{ name: 'url', description: 'repository URL (http, https or ssh)', required: true }],
        options: [
          {
            long: 'branch',
            value: 'branch',
            description: 'branch (Flux default when no ref is given: master)',
          },
          { long: 'tag', value: 'tag', description: 'tag' },
          {
            long: 'tag-semver',
            value: 'range',
            description: 'semver range over tags, e.g. ">=1.0.0 <2.0.0"',
          },
          { long: 'ref-name', value: 'name', description: 'full ref, e.g. refs/pull/1/head' },
          { long: 'commit', value: 'sha', description: 'commit SHA (with --branch: must be on that branch)' },
          {
            long: 'ignore-paths',
            value: 'patterns',
            description: 'comma-separated gitignore patterns (spec.ignore)',
          },
          { long: 'recurse-submodules', description: 'check out submodules', default: false },
          { long: 'username', value: 'username', description: 'basic auth username' },
          {
            long: 'password',
            value: 'password',
            description: 'basic auth password (or GITOPS_KIT_GIT_PASSWORD)',
          },
          { long: 'ca-file', value: 'path', description: 'PEM CA bundle to trust for HTTPS' },
          {
            long: 'storage',
            value: 'dir',
            description: 'artifact storage directory',
            default: '.gitops-kit/artifacts',
          },
          {
            long: 'cache',
            value: 'dir',
            description: 'keep fetched repositories here for incremental fetches',
          },
          {
            long: 'backend',
            value: 'name',
            description: 'git implementation: isomorphic-git or git-cli',
            default: 'isomorphic-git',
          },
          {
            long: 'timeout',
            value: 'duration',
            description: 'timeout for Git operations (Go duration)',
            default: '60s',
          },
          {
            long: 'namespace',
            value: 'namespace',
            description: 'namespace in the artifact path',
            default: 'default',
          },
          { long: 'name', value: 'name', description: 'name in the artifact path (default: from the URL)' },
          {
            long: 'output',
            short: 'o',
            value: 'format',
            description: 'output format: text or json',
            default: 'text',
          },
        ],
        after:
          '\nExamples:\n  gitops-kit source git https://example.com/org/app.git --branch main\n  gitops-kit source git https://example.com/org/app.git --tag-semver ">=1.0.0" -o json\n',
        action: async (url: string, opts: SourceGitOptions) => {
          if (opts.output !== 'text' && opts.output !== 'json')
            throw new UsageError(`unknown output format '${opts.output}' (text or json)`);
          if (opts.backend !== 'isomorphic-git' && opts.backend !== 'git-cli') {
            throw new UsageError(`unknown backend '${opts.backend}' (isomorphic-git or git-cli)`);
          }
          const ref: GitRepositoryRef = {};
          if (opts.branch) ref.branch = opts.branch;
          if (opts.tag) ref.tag = opts.tag;
          if (opts.tagSemver) ref.semver = opts.tagSemver;
          if (opts.refName) ref.name = opts.refName;
          if (opts.commit) ref.commit = opts.commit;
          const auth: GitAuth = {};
          const password = opts.password ?? io.env.GITOPS_KIT_GIT_PASSWORD;
          if (opts.username) auth.username = opts.username;
          if (password) auth.password = password;
          if (password && !opts.username) throw new UsageError('--password needs --username');
          if (opts.caFile) auth.caCert = readFileSync(resolve(io.cwd, opts.caFile), 'utf8');
          const { parseDuration } = await import('@gitops-kit/core');
          const { createArtifactStorage, fetchGitRepository, gitCliBackend, isomorphicGitBackend } =
            await import('@gitops-kit/source');
          const storage = createArtifactStorage({ basePath: resolve(io.cwd, opts.storage) });
          const result = await fetchGitRepository({
            url,
            ref: Object.keys(ref).length ? ref : undefined,
            auth,
            ignore: opts.ignorePaths?.split(',').join('\n'),
            recurseSubmodules: opts.recurseSubmodules,
            storage,
            owner: { namespace: opts.namespace, ...(opts.name ? { name: opts.name } : {}) },
            backend: opts.backend === 'git-cli' ? gitCliBackend() : isomorphicGitBackend(),
            cacheDir: opts.cache ? resolve(io.cwd, opts.cache) : undefined,
            timeoutMs: parseDuration(opts.timeout),
          });
          const a = result.artifact;
          const out = {
            revision: a.revision,
            digest: a.digest,
            path: storage.localPath(a),
            size: a.size,
            url: a.url,
          };
          if (opts.output === 'json') io.stdout(`${JSON.stringify(out, null, 2)}\n`);
          else
            io.stdout(
              `revision: ${out.revision}\ndigest: ${out.digest}\npath: ${out.path}\nsize: ${out.size}\n`,
            );
        },
      },
    ],
  },
];
