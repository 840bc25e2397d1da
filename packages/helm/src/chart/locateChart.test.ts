import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { HelmError } from '../errors.js';
import { locateChart } from './locateChart.js';

const testdata = fileURLToPath(new URL('../../testdata/', import.meta.url));

async function messageOf(name: string): Promise<string> {
  try {
    return `found ${await locateChart(name)}`;
  } catch (e) {
    expect((e as HelmError).code).toBe('ChartNotFound');
    return (e as Error).message;
  }
}

// helm v3.17.2's `helm template r <name>` with no repositories configured.
describe('locateChart', () => {
  it.each([
    { name: './nosuchdir', want: 'path "./nosuchdir" not found' },
    { name: ' ./nosuchdir', want: 'path "./nosuchdir" not found' },
    { name: '/abs/missing', want: 'path "/abs/missing" not found' },
    {
      name: 'nosuchdir',
      want: 'non-absolute URLs should be in form of repo_name/path_to_chart, got: nosuchdir',
    },
    { name: 'foo/bar', want: 'repo foo not found' },
  ])('$name', async ({ name, want }) => {
    expect(await messageOf(name)).toBe(want);
  });

  it('gives an existing chart as an absolute path', async () => {
    const dir = join(testdata, 'cases/hooks-crds/chart');
    expect(await locateChart(` ${dir} `)).toBe(dir);
  });
});
