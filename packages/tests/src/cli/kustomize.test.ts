import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../services.js';
import { runCli } from './run.js';

// `gitops-kit kustomize build` through the built binary, against the package's fixtures whose
// goldens come from `kubectl kustomize` (kustomize v5.5.0).
const fixtures = join(repoRoot, 'packages/kustomize/testdata/build');

describe('gitops-kit kustomize build', () => {
  it('prints the stream byte-identical to kubectl kustomize', () => {
    const r = runCli(['kustomize', 'build', 'overlay'], { cwd: join(fixtures, 'overlay-stack') });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(readFileSync(join(fixtures, 'overlay-stack/expected.yaml'), 'utf8'));
  });

  it('builds the current directory by default', () => {
    const r = runCli(['kustomize', 'build'], { cwd: join(fixtures, 'yaml-scalars') });
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(readFileSync(join(fixtures, 'yaml-scalars/expected.yaml'), 'utf8'));
  });

  it('honours --load-restrictor LoadRestrictionsNone', () => {
    const dir = join(fixtures, 'load-restrictor-none');
    const none = runCli(['kustomize', 'build', 'app', '--load-restrictor', 'LoadRestrictionsNone'], {
      cwd: dir,
    });
    expect(none.code).toBe(0);
    expect(none.stdout).toBe(readFileSync(join(dir, 'expected.yaml'), 'utf8'));
    const rootOnly = runCli(['kustomize', 'build', 'app'], { cwd: dir });
    expect(rootOnly.code).toBe(1);
    expect(rootOnly.stdout).toBe('');
    expect(rootOnly.stderr).toMatch(/^error: .*is not in or below.*\n$/);
  });

  it('fails with one line on stderr and exit 1 on a bad kustomization', () => {
    const r = runCli(['kustomize', 'build', 'error-unknown-field'], { cwd: fixtures });
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe('error: invalid Kustomization: json: unknown field "namePrefx"\n');
  });

  // kubectl kustomize (v5.5.0) quotes the path as it was typed.
  it('names the build path as given when it is a file', () => {
    const r = runCli(['kustomize', 'build', 'overlay-stack/expected.yaml'], { cwd: fixtures });
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(
      "error: must build at directory: 'overlay-stack/expected.yaml': file is not directory\n",
    );
  });

  it('rejects an unknown --load-restrictor with exit 2', () => {
    const r = runCli(['kustomize', 'build', '.', '--load-restrictor', 'Sometimes'], { cwd: fixtures });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/illegal --load-restrictor value 'Sometimes'/);
  });

  it('prints deprecation warnings on stderr', () => {
    const r = runCli(['kustomize', 'build', 'smp-lists'], { cwd: fixtures });
    expect(r.code).toBe(0);
    expect(r.stderr).toContain("# Warning: 'patchesStrategicMerge' is deprecated.");
  });

  it('inflates helmCharts with --enable-helm, byte-identical to kubectl kustomize --enable-helm', () => {
    const dir = join(repoRoot, 'packages/helm/testdata/helmcharts/basic');
    const r = runCli(['kustomize', 'build', '.', '--enable-helm'], { cwd: dir });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(readFileSync(join(dir, 'expected.yaml'), 'utf8'));
  });
});
