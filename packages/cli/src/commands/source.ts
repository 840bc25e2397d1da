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
export const sourceCommand: CommandGroup = (program, io) => {
  const source = program
    .command('source')
    .description('fetch sources into artifacts (Flux source-controller)');
  source
    .command('git')
    .description('fetch a Git repository at a ref into a tar.gz artifact and print it')
    .argument('<url>', 'repository URL (http, https or ssh)')
    .option('--branch <branch>', 'branch (Flux default when no ref is given: master)')
    .option('--tag <tag>', 'tag')
    .option('--tag-semver <range>', 'semver range over tags, e.g. ">=1.0.0 <2.0.0"')
    .option('--ref-name <name>', 'full ref, e.g. refs/pull/1/head')
    .option('--commit <sha>', 'commit SHA (with --branch: must be on that branch)')
    .option('--ignore-paths <patterns>', 'comma-separated gitignore patterns (spec.ignore)')
    .option('--recurse-submodules', 'check out submodules', false)
    .option('--username <username>', 'basic auth username')
    .option('--password <password>', 'basic auth password (or GITOPS_KIT_GIT_PASSWORD)')
    .option('--ca-file <path>', 'PEM CA bundle to trust for HTTPS')
    .option('--storage <dir>', 'artifact storage directory', '.gitops-kit/artifacts')
    .option('--cache <dir>', 'keep fetched repositories here for incremental fetches')
    .option('--backend <name>', 'git implementation: isomorphic-git or git-cli', 'isomorphic-git')
    .option('--timeout <duration>', 'timeout for Git operations (Go duration)', '60s')
    .option('--namespace <namespace>', 'namespace in the artifact path', 'default')
    .option('--name <name>', 'name in the artifact path (default: from the URL)')
    .option('-o, --output <format>', 'output format: text or json', 'text')
    .addHelpText(
      'after',
      '\nExamples:\n  gitops-kit source git https://example.com/org/app.git --branch main\n  gitops-kit source git https://example.com/org/app.git --tag-semver ">=1.0.0" -o json\n',
    )
    .action(async (url: string, opts: SourceGitOptions) => {
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
      const { createArtifactStorage, fetchGitRepository, gitCliBackend, isomorphicGitBackend } = await import(
        '@gitops-kit/source'
      );
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
        io.stdout(`revision: ${out.revision}\ndigest: ${out.digest}\npath: ${out.path}\nsize: ${out.size}\n`);
    });
};
