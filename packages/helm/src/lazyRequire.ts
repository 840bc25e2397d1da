/**
 * On-first-use loading of the libraries only some inputs need: Ajv (charts with a
 * `values.schema.json`), tar-stream and `node:zlib` (`.tgz` charts), `yaml` (go-yaml error wording). A
 * `helm template` of a plain chart directory then never loads them.
 * @internal
 */
import { createRequire } from 'node:module';

const load = createRequire(import.meta.url);

/** A getter that `require`s `id` on its first call and returns the same module afterwards. */
export function lazyRequire<T>(id: string): () => T {
  let mod: T | undefined;
  return () => (mod ??= load(id) as T);
}
