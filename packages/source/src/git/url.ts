import { SourceError } from '../errors.js';

/**
 * Checks a GitRepository URL as Flux's CRD does (`^(http|https|ssh)://.*$`; the scp form
 * `user@host:path` is rejected) and parses it.
 *
 * @throws {SourceError} `InvalidURL` for anything else, naming `spec.url`.
 * @see https://github.com/fluxcd/source-controller/blob/main/api/v1/gitrepository_types.go
 */
export function parseGitUrl(url: string): URL {
  const invalid = (why: string) =>
    new SourceError('InvalidURL', `failed to parse url '${redactUrl(url)}': ${why}`, {
      data: { fieldPath: 'spec.url' },
    });
  if (!/^(http|https|ssh):\/\/.+/.test(url)) throw invalid('scheme must be http, https or ssh');
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    throw invalid('not a URL');
  }
  if (!u.hostname) throw invalid('no host');
  return u;
}

/** The URL without user info, for messages and logs (credentials never appear in errors). */
export function redactUrl(url: string): string {
  return url.replace(/^([a-z][a-z0-9+.-]*:\/\/)[^/@]*@/i, '$1');
}

/**
 * Resolves a submodule URL from `.gitmodules` against the superproject's URL, as git does: `./x`
 * and `../x` are relative to the superproject URL (its last path segment being the repository).
 */
export function resolveSubmoduleUrl(superUrl: string, subUrl: string): string {
  if (!subUrl.startsWith('./') && !subUrl.startsWith('../')) return subUrl;
  const base = new URL(superUrl.replace(/\/+$/, ''));
  const parts = base.pathname.split('/').filter(Boolean);
  for (const seg of subUrl.split('/')) {
    if (seg === '.' || seg === '') continue;
    if (seg === '..') parts.pop();
    else parts.push(seg);
  }
  base.pathname = `/${parts.join('/')}`;
  return base.toString();
}
