/**
 * On-first-use loading of the libraries only some template functions need (`re2js` for the regex
 * functions, `bcryptjs` for `bcrypt`/`htpasswd`, `smol-toml` for `fromToml`, `yaml` for
 * `fromYaml` outside Helm's engine). Importing the engine then costs only the engine: a
 * command-line render that never calls those functions never loads them.
 * @internal
 */
import { createRequire } from 'node:module';

const load = createRequire(import.meta.url);

/** A getter that `require`s `id` on its first call and returns the same module afterwards. */
export function lazyRequire<T>(id: string): () => T {
  let mod: T | undefined;
  return () => (mod ??= load(id) as T);
}

/**
 * `node:crypto`, loaded on first use: only the hash, random and certificate functions need it, and
 * loading it (with the stream modules it pulls in) is a measurable part of a one-shot render's
 * start-up.
 */
export const nodeCrypto = lazyRequire<typeof import('node:crypto')>('node:crypto');

/** `node:net` (for `isIP`), loaded on first use like {@link nodeCrypto}. */
export const nodeNet = lazyRequire<typeof import('node:net')>('node:net');
