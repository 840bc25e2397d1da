import { SourceError } from '../errors.js';
import type { GitAuth } from './GitBackend.js';

/**
 * A Secret as far as auth needs it: `data` values base64-encoded (as the API returns them),
 * `stringData` plain (as written in manifests); `stringData` wins per key, as the API server merges.
 */
export interface SecretLike {
  metadata?: { name?: string; namespace?: string };
  data?: Record<string, string>;
  stringData?: Record<string, string>;
}

function secretValues(secret: SecretLike | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(secret?.data ?? {})) out[k] = Buffer.from(v, 'base64').toString('utf8');
  for (const [k, v] of Object.entries(secret?.stringData ?? {})) out[k] = v;
  return out;
}

const secretName = (s: SecretLike | undefined) =>
  s?.metadata?.name
    ? `'${s.metadata.namespace ? `${s.metadata.namespace}/` : ''}${s.metadata.name}'`
    : 'secret';

/**
 * Builds {@link GitAuth} from a GitRepository's `secretRef` Secret and `proxySecretRef` Secret, as
 * Flux reads them for HTTP(S): `username` + `password` (basic) or `bearerToken`, `ca.crt` (wins over
 * the legacy `caFile`); proxy `address` (required), `username`, `password`.
 *
 * @throws {SourceError} `AuthenticationFailed` when `bearerToken` is combined with basic auth,
 *   `password` is given without `username`, or the proxy Secret has no `address`. Messages name the
 *   Secret and the key, never a value.
 * @see https://github.com/fluxcd/pkg/blob/main/git/options.go `NewAuthOptions`, `Validate`
 * @example
 * ```ts
 * const auth = gitAuthFromSecret({ secret: { stringData: { username: 'git', password: token } } });
 * ```
 */
export function gitAuthFromSecret(options: { secret?: SecretLike; proxySecret?: SecretLike }): GitAuth {
  const v = secretValues(options.secret);
  const auth: GitAuth = {};
  const bad = (why: string, s = options.secret) =>
    new SourceError(
      'AuthenticationFailed',
      `failed to configure authentication options from ${secretName(s)}: ${why}`,
      {
        data: { name: s?.metadata?.name, namespace: s?.metadata?.namespace },
      },
    );
  if (v.bearerToken && (v.username || v.password)) {
    throw bad(
      "please provide either basic auth credentials ('username'/'password') or 'bearerToken', not both",
    );
  }
  if (v.password && !v.username) throw bad("'password' requires 'username' to be set");
  if (v.username) auth.username = v.username;
  if (v.password) auth.password = v.password;
  if (v.bearerToken) auth.bearerToken = v.bearerToken;
  const ca = v['ca.crt'] ?? v.caFile;
  if (ca) auth.caCert = ca;
  if (options.proxySecret) {
    const p = secretValues(options.proxySecret);
    if (!p.address) throw bad("invalid proxy secret: key 'address' not found", options.proxySecret);
    auth.proxy = {
      address: p.address,
      ...(p.username ? { username: p.username } : {}),
      ...(p.password ? { password: p.password } : {}),
    };
  }
  return auth;
}
