import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, promises as fs } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SourceError } from '../errors.js';
import type { CommitInfo, GitAuth, GitBackend, Gitlink, RemoteRef } from './GitBackend.js';
import { authorizationHeader, proxyUrl } from './httpClient.js';
import { redactUrl } from './url.js';

/** Options of {@link gitCliBackend}. */
export interface GitCliBackendOptions {
  /** The git executable. Default {@link gitCliBackendDefaults}.gitBinary (`git` on `PATH`). */
  gitBinary?: string;
  /** Base environment for git (PATH, HOME, SSH settings). Default: `process.env` without `GIT_*` variables. */
  env?: Record<string, string | undefined>;
  /** Cap on stderr kept for error messages, bytes. Default 64 KiB. */
  maxStderrBytes?: number;
}

/** Defaults of {@link GitCliBackendOptions}. */
export const gitCliBackendDefaults = {
  gitBinary: 'git',
  maxStderrBytes: 64 * 1024,
} as const;

interface RunOptions {
  auth?: GitAuth;
  signal?: AbortSignal;
  url?: string;
  env?: Record<string, string>;
  /** Exit codes that are not errors. */
  okCodes?: number[];
}

interface RunResult {
  code: number;
  stdout: Buffer;
  stderr: string;
}

function classify(stderr: string, url: string | undefined, cause: unknown): SourceError {
  const where = url ? ` for '${redactUrl(url)}'` : '';
  const data = { url: url && redactUrl(url) };
  // Keep only the first meaningful line, with any URL credentials stripped.
  const line =
    stderr
      .split('\n')
      .map((l) => l.trim())
      .find((l) => l.startsWith('fatal:') || l.startsWith('error:')) ??
    stderr.trim().split('\n')[0] ??
    '';
  const detail = line.replace(/([a-z][a-z0-9+.-]*:\/\/)[^/@\s]*@/gi, '$1');
  if (
    /Authentication failed|HTTP (401|403)|returned error: (401|403)|could not read Username|Permission denied/i.test(
      stderr,
    )
  ) {
    return new SourceError('AuthenticationFailed', `authentication failed${where}`, { cause, data });
  }
  if (
    /repository .* not found|HTTP 404|returned error: 404|does not appear to be a git repository/i.test(
      stderr,
    )
  ) {
    return new SourceError('RepositoryNotFound', `repository not found${where}`, { cause, data });
  }
  if (/couldn't find remote ref|not our ref|no such remote ref/i.test(stderr)) {
    return new SourceError('ReferenceNotFound', `${detail}${where}`, { cause, data });
  }
  return new SourceError('GitOperationFailed', `git operation failed${where}: ${detail}`, { cause, data });
}

/**
 * A backend over the `git` executable (2.31+): `ls-remote`, `fetch` into a bare cache repository,
 * `read-tree` + `checkout-index` into the target. Credentials are passed as configuration through
 * `GIT_CONFIG_*` environment variables (never on the command line, so not visible in `ps`); a CA
 * bundle goes through a temporary `http.sslCAInfo` file. Prompts are disabled; system and global
 * git configuration are ignored. SSH URLs work with the environment's ssh setup (the Secret's
 * `identity`/`known_hosts` are not wired yet).
 *
 * @example
 * ```ts
 * await fetchGitRepository({ url, storage, backend: gitCliBackend() });
 * ```
 */
export function gitCliBackend(options: GitCliBackendOptions = {}): GitBackend {
  const bin = options.gitBinary ?? gitCliBackendDefaults.gitBinary;
  const maxStderr = options.maxStderrBytes ?? gitCliBackendDefaults.maxStderrBytes;
  const baseEnv: Record<string, string> = {};
  for (const [k, v] of Object.entries(options.env ?? process.env)) {
    if (v !== undefined && !k.startsWith('GIT_')) baseEnv[k] = v;
  }

  const run = async (args: string[], ro: RunOptions = {}): Promise<RunResult> => {
    ro.signal?.throwIfAborted();
    const config: [string, string][] = [
      ['credential.helper', ''],
      ['protocol.version', '2'],
      ['core.symlinks', 'true'],
    ];
    let caFile: string | undefined;
    const auth = ro.auth;
    const authz = authorizationHeader(auth);
    if (authz) config.push(['http.extraHeader', `Authorization: ${authz}`]);
    if (auth?.proxy) config.push(['http.proxy', proxyUrl(auth.proxy).toString()]);
    if (auth?.caCert) {
      caFile = join(tmpdir(), `gitops-kit-ca-${randomBytes(6).toString('hex')}.pem`);
      await fs.writeFile(caFile, auth.caCert, { mode: 0o600 });
      config.push(['http.sslCAInfo', caFile]);
    }
    const env: Record<string, string> = {
      ...baseEnv,
      ...ro.env,
      GIT_TERMINAL_PROMPT: '0',
      GIT_ASKPASS: 'true',
      SSH_ASKPASS: 'true',
      GIT_CONFIG_NOSYSTEM: '1',
      GIT_CONFIG_GLOBAL: '/dev/null',
      LC_ALL: 'C',
      GIT_CONFIG_COUNT: String(config.length),
    };
    config.forEach(([k, v], i) => {
      env[`GIT_CONFIG_KEY_${i}`] = k;
      env[`GIT_CONFIG_VALUE_${i}`] = v;
    });
    try {
      return await new Promise<RunResult>((resolve, reject) => {
        const child = spawn(bin, args, { env, stdio: ['ignore', 'pipe', 'pipe'], signal: ro.signal });
        const out: Buffer[] = [];
        let err = '';
        child.stdout.on('data', (c: Buffer) => out.push(c));
        child.stderr.on('data', (c: Buffer) => {
          if (err.length < maxStderr) err += c.toString('utf8');
        });
        child.on('error', (e) => reject(ro.signal?.aborted ? (ro.signal.reason ?? e) : e));
        child.on('close', (code) => {
          const result = { code: code ?? -1, stdout: Buffer.concat(out), stderr: err };
          if (code === 0 || (code !== null && ro.okCodes?.includes(code))) resolve(result);
          else if (ro.signal?.aborted) reject(ro.signal.reason);
          else reject(classify(err, ro.url, new Error(`git ${args[0]} exited with ${code}`)));
        });
      });
    } catch (e) {
      if (e instanceof SourceError || ro.signal?.aborted) throw e;
      throw new SourceError(
        'GitOperationFailed',
        `cannot run ${bin}: ${(e as NodeJS.ErrnoException).code ?? e}`,
        { cause: e },
      );
    } finally {
      if (caFile) await fs.rm(caFile, { force: true });
    }
  };

  return {
    name: 'git-cli',

    async listRemoteRefs({ url, auth, signal }) {
      const { stdout } = await run(['ls-remote', '--', url], { auth, signal, url });
      const refs = new Map<string, RemoteRef>();
      for (const line of stdout.toString('utf8').split('\n')) {
        const [oid, name] = line.split('\t');
        if (!oid || !name) continue;
        if (name.endsWith('^{}')) {
          const base = refs.get(name.slice(0, -3));
          if (base) base.peeled = oid;
          continue;
        }
        refs.set(name, { name, oid });
      }
      return [...refs.values()];
    },

    async fetch({ url, auth, gitDir, refs, depth, signal }) {
      if (!existsSync(join(gitDir, 'HEAD'))) await run(['init', '--bare', '-q', gitDir], { signal });
      const args = [
        '--git-dir',
        gitDir,
        'fetch',
        '--quiet',
        '--no-tags',
        '--no-write-fetch-head',
        '--no-auto-gc',
      ];
      if (depth) args.push(`--depth=${depth}`);
      else if (existsSync(join(gitDir, 'shallow'))) args.push('--unshallow');
      args.push('--', url);
      if (refs.length === 0) args.push('+refs/heads/*:refs/heads/*', '+refs/tags/*:refs/tags/*');
      else for (const r of refs) args.push(`+${r}:${r}`);
      await run(args, { auth, signal, url });
    },

    async readCommit({ gitDir, oid, signal }) {
      if (!/^[0-9a-f]{40}$/.test(oid)) return undefined;
      const r = await run(['--git-dir', gitDir, 'cat-file', 'commit', oid], { signal, okCodes: [1, 128] });
      if (r.code !== 0) return undefined;
      const text = r.stdout.toString('utf8');
      const split = text.indexOf('\n\n');
      const head = split >= 0 ? text.slice(0, split) : text;
      const parents: string[] = [];
      let committerTime = 0;
      for (const line of head.split('\n')) {
        if (line.startsWith('parent ')) parents.push(line.slice(7));
        const m = /^committer .* (\d+) [+-]\d{4}$/.exec(line);
        if (m) committerTime = Number(m[1]);
      }
      return {
        oid,
        message: split >= 0 ? text.slice(split + 2) : '',
        parents,
        committerTime,
      } satisfies CommitInfo;
    },

    async isAncestor({ gitDir, ancestor, oid, signal }) {
      if (ancestor === oid) return true;
      const r = await run(['--git-dir', gitDir, 'merge-base', '--is-ancestor', ancestor, oid], {
        signal,
        okCodes: [1, 128],
      });
      return r.code === 0;
    },

    async checkout({ gitDir, oid, dir, signal }) {
      const index = join(tmpdir(), `gitops-kit-index-${randomBytes(6).toString('hex')}`);
      const env = { GIT_INDEX_FILE: index };
      try {
        await run(['--git-dir', gitDir, '--work-tree', dir, 'read-tree', oid], { signal, env });
        await run(['--git-dir', gitDir, '--work-tree', dir, 'checkout-index', '-a', '-f'], { signal, env });
        const { stdout } = await run(['--git-dir', gitDir, 'ls-tree', '-r', '-z', oid], { signal });
        const gitlinks: Gitlink[] = [];
        for (const rec of stdout.toString('utf8').split('\0')) {
          const m = /^160000 commit ([0-9a-f]{40})\t(.+)$/.exec(rec);
          if (m) {
            gitlinks.push({ path: m[2]!, oid: m[1]! });
            await fs.mkdir(join(dir, m[2]!), { recursive: true });
          }
        }
        return { gitlinks };
      } finally {
        await fs.rm(index, { force: true });
      }
    },
  };
}
