/**
 * The package's own fixtures (`testdata/build/<case>`), with goldens from `kubectl kustomize`
 * (`scripts/gen-goldens.sh`): they run everywhere, without `../shared`.
 */
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { listCases, runCase } from './goldenCases.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../testdata/build');

describe('kustomize build fixtures (goldens from kubectl kustomize)', () => {
  it.each(listCases(root))('%s', async (name) => {
    const r = await runCase(path.join(root, name));
    if (r.kind === 'output') expect(r.got).toBe(r.want);
    else if (r.kind === 'error') expect(r.expected, `${r.code}: ${r.message}`).toBe(true);
    else expect.fail('expected an error, the build succeeded');
  });
});
