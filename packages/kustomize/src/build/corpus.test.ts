/**
 * The kustomize parity corpus (`../shared/corpus/kustomize`): every case is built and compared
 * byte for byte with `expected.yaml` (goldens from `kubectl kustomize`, kustomize v5.5.0); error
 * cases must fail with a typed error. Skipped when the corpus is absent (a fresh clone has no
 * `../shared`).
 */
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { listCases, runCase } from './goldenCases.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../..');
/** `../shared` beside the repository root (override with `GITOPS_KIT_SHARED`). */
const shared = process.env.GITOPS_KIT_SHARED ?? path.resolve(repoRoot, '../shared');
const corpus = path.join(shared, 'corpus/kustomize');
const cases = listCases(corpus);
const results = { pass: 0, fail: 0 };

describe.skipIf(cases.length === 0)('kustomize corpus (../shared/corpus/kustomize)', () => {
  afterAll(() => {
    console.log(`kustomize corpus: ${results.pass}/${results.pass + results.fail} cases pass`);
  });

  it.each(cases)('%s', async (name) => {
    const r = await runCase(path.join(corpus, name));
    const ok = (r.kind === 'output' && r.got === r.want) || (r.kind === 'error' && r.expected);
    if (ok) results.pass++;
    else results.fail++;
    if (r.kind === 'output') expect(r.got).toBe(r.want);
    else if (r.kind === 'error') expect(r.expected, `${r.code}: ${r.message}`).toBe(true);
    else expect.fail('expected an error, the build succeeded');
  });
});

describe.skipIf(cases.length > 0)('kustomize corpus', () => {
  it.skip('skipped: ../shared/corpus/kustomize is absent', () => {});
});
