/**
 * Golden cases in the corpus format (`case.json` with `entry`, `flags`, `expectError`; then
 * `expected.yaml` or `expected-error.txt`), shared by the corpus test and the package's own
 * `testdata/build` fixtures. Not part of the public API.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { build } from './build.js';
import { LoadRestrictor } from './loader.js';

/** One case's description. */
export interface GoldenCase {
  entry: string;
  flags?: string[];
  expectError?: boolean;
  errorContains?: string;
}

/** The case directories under `root` (those with a `case.json`), sorted. */
export function listCases(root: string): string[] {
  if (!fs.existsSync(root)) return [];
  return fs
    .readdirSync(root)
    .filter((c) => fs.existsSync(path.join(root, c, 'case.json')))
    .sort();
}

/** Outcome of building one case. */
export type GoldenOutcome =
  | { kind: 'output'; got: string; want: string }
  | { kind: 'error'; expected: boolean; code: string; message: string }
  | { kind: 'unexpected-success'; got: string };

/** Builds a case as `kubectl kustomize <flags> <entry>` would, from the case directory. */
export async function runCase(dir: string): Promise<GoldenOutcome> {
  const c = JSON.parse(fs.readFileSync(path.join(dir, 'case.json'), 'utf8')) as GoldenCase;
  const flags = c.flags ?? [];
  const i = flags.indexOf('--load-restrictor');
  const loadRestrictor = i >= 0 ? (flags[i + 1] as LoadRestrictor) : LoadRestrictor.RootOnly;
  try {
    const list = await build({ path: path.join(dir, c.entry), loadRestrictor });
    const got = list.toYaml();
    if (c.expectError) return { kind: 'unexpected-success', got };
    return { kind: 'output', got, want: fs.readFileSync(path.join(dir, 'expected.yaml'), 'utf8') };
  } catch (e) {
    const err = e as { code?: string; message?: string };
    return {
      kind: 'error',
      expected: c.expectError === true,
      code: err.code ?? 'unknown',
      message: String(err.message),
    };
  }
}
