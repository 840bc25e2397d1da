import { throwIfAborted } from '@gitops-kit/core/errors';
import { goString } from '@gitops-kit/template';
import { HelmError } from '../errors.js';
import { decodeYamlMap } from './goYaml.js';
import {
  parseSetFileInto,
  parseSetInto,
  parseSetJsonInto,
  parseSetLiteralInto,
  parseSetStringInto,
  StrvalsError,
} from './strvals.js';
import { deepCopy, isTable, setKey, type Value, type ValueMap } from './types.js';

/**
 * User-supplied values, as `helm template`/`install` flags give them. Each list is applied in
 * order, and the kinds in Helm's fixed order (whatever the order on the command line): `-f` files
 * (deep-merged), then `--set-json`, `--set`, `--set-string`, `--set-file`, `--set-literal`.
 *
 * @see https://github.com/helm/helm/blob/v3.17.2/pkg/cli/values/options.go
 */
export interface ValueOptions {
  /** `-f`/`--values` paths (`-` reads standard input). */
  valueFiles?: string[];
  /** `--set-json` expressions. */
  jsonValues?: string[];
  /** `--set` expressions. */
  values?: string[];
  /** `--set-string` expressions. */
  stringValues?: string[];
  /** `--set-file` expressions (values are paths). */
  fileValues?: string[];
  /** `--set-literal` expressions. */
  literalValues?: string[];
}

/** Options of {@link mergeValueOptions}. */
export interface MergeValueOptionsOptions {
  /** Values to start from (deep-merged under the `-f` files, like one more file before them). Not modified. */
  base?: ValueMap;
  /** Reads a file named by `-f` or `--set-file` (relative to the caller's working directory). */
  readFile: (path: string) => Promise<Uint8Array | string>;
  /** Reads standard input for `-f -`. Default: not available (error). */
  readStdin?: () => Promise<string>;
  signal?: AbortSignal;
}

/** File contents as a Go string (`string(bytes)`: a `--set-file` of a binary file keeps its bytes). */
function toText(d: Uint8Array | string): string {
  return typeof d === 'string' ? d : goString(d);
}

/** Helm's `mergeMaps`: maps merge recursively, anything else in `b` replaces. */
export function mergeMaps(a: ValueMap, b: ValueMap): ValueMap {
  const out: ValueMap = {};
  for (const k of Object.keys(a)) setKey(out, k, a[k] as Value);
  for (const k of Object.keys(b)) {
    const v = b[k] as Value;
    if (isTable(v)) {
      const bv = Object.hasOwn(out, k) ? out[k] : undefined;
      if (isTable(bv)) {
        setKey(out, k, mergeMaps(bv, v));
        continue;
      }
    }
    setKey(out, k, v);
  }
  return out;
}

function readError(path: string, e: unknown): HelmError {
  const code = (e as NodeJS.ErrnoException).code;
  const msg =
    code === 'ENOENT'
      ? `open ${path}: no such file or directory`
      : code === 'EISDIR'
        ? `read ${path}: is a directory`
        : `open ${path}: ${(e as Error).message}`;
  return new HelmError('InvalidValues', msg, { cause: e, data: { file: path } });
}

/**
 * Builds the user values from {@link ValueOptions} exactly as Helm's `values.Options.MergeValues`.
 *
 * @throws {@link HelmError} `InvalidValues` (unreadable or unparsable `-f` file: `failed to parse
 *   <file>: ...`), `InvalidSetValue` (`failed parsing --set data: ...`).
 * @example
 * ```ts
 * const vals = await mergeValueOptions({ valueFiles: ['prod.yaml'], values: ['replicas=3'] },
 *   { readFile: (p) => fs.promises.readFile(p) });
 * ```
 */
export async function mergeValueOptions(opts: ValueOptions, io: MergeValueOptionsOptions): Promise<ValueMap> {
  let base: ValueMap = io.base ? deepCopy(io.base) : {};
  for (const filePath of opts.valueFiles ?? []) {
    throwIfAborted(io.signal);
    let text: string;
    try {
      if (filePath.trim() === '-') {
        if (!io.readStdin)
          throw new HelmError('InvalidValues', 'reading values from standard input is not available');
        text = await io.readStdin();
      } else if (filePath === '') {
        // Go's os.ReadFile("") (an empty item of `-f a.yaml,`): no file, not the working directory.
        throw Object.assign(new Error('no such file or directory'), { code: 'ENOENT' });
      } else text = toText(await io.readFile(filePath));
    } catch (e) {
      if (e instanceof HelmError) throw e;
      throw readError(filePath, e);
    }
    let current: ValueMap;
    try {
      current = decodeYamlMap(text);
    } catch (e) {
      throw new HelmError('InvalidValues', `failed to parse ${filePath}: ${(e as Error).message}`, {
        cause: e,
        data: { file: filePath },
      });
    }
    base = mergeMaps(base, current);
  }
  for (const value of opts.jsonValues ?? []) {
    try {
      parseSetJsonInto(value, base);
    } catch (e) {
      if (!(e instanceof StrvalsError)) throw e;
      throw new HelmError('InvalidSetValue', `failed parsing --set-json data ${value}`, { cause: e });
    }
  }
  const strvals = (flag: string, parse: () => void) => {
    try {
      parse();
    } catch (e) {
      if (!(e instanceof StrvalsError)) throw e;
      throw new HelmError('InvalidSetValue', `failed parsing ${flag} data: ${e.message}`, { cause: e });
    }
  };
  for (const value of opts.values ?? []) strvals('--set', () => parseSetInto(value, base));
  for (const value of opts.stringValues ?? []) strvals('--set-string', () => parseSetStringInto(value, base));
  for (const value of opts.fileValues ?? []) {
    // First pass: collect the paths (parsing is synchronous); then read them; then parse for real.
    const paths: string[] = [];
    strvals('--set-file', () =>
      parseSetFileInto(value, {}, (p) => {
        paths.push(p);
        return '';
      }),
    );
    const contents = new Map<string, string>();
    for (const p of paths) {
      throwIfAborted(io.signal);
      try {
        contents.set(
          p,
          p.trim() === '-' && io.readStdin ? await io.readStdin() : toText(await io.readFile(p)),
        );
      } catch (e) {
        const err = readError(p, e);
        throw new HelmError('InvalidSetValue', `failed parsing --set-file data: ${err.message}`, {
          cause: e,
        });
      }
    }
    strvals('--set-file', () => parseSetFileInto(value, base, (p) => contents.get(p) ?? ''));
  }
  for (const value of opts.literalValues ?? [])
    strvals('--set-literal', () => parseSetLiteralInto(value, base));
  return base;
}
