import { describe, expect, it } from 'vitest';
import { build } from './build.js';
import { memoryFileSystem } from './fs.js';

async function messageOf(files: Record<string, string>): Promise<string> {
  try {
    await build({ path: '/app', fs: memoryFileSystem(files) });
  } catch (e) {
    return (e as Error).message;
  }
  return 'no error';
}

// Error wording of kustomize v5.5.0 (`kubectl kustomize` on the same files, its log wrapper
// removed): generator sources and replacement sources.
describe("kustomize's error wording", () => {
  it.each<{ name: string; files: Record<string, string>; want: string }>([
    {
      name: 'a literal without =',
      files: { '/app/kustomization.yaml': 'configMapGenerator:\n- name: a\n  literals: [novalue, b=1]\n' },
      want: 'loading KV pairs: literal sources [novalue b=1]: invalid literal source novalue, expected key=value',
    },
    {
      name: 'a file source that is a directory',
      files: {
        '/app/kustomization.yaml': 'configMapGenerator:\n- name: a\n  files: [dir]\n',
        '/app/dir/x': 'y',
      },
      want: "loading KV pairs: file sources: [dir]: '/app/dir' must resolve to a file",
    },
    {
      name: 'a replacement source matching twice',
      files: {
        '/app/kustomization.yaml':
          'resources: [a.yaml]\nreplacements:\n- source: {kind: ConfigMap, fieldPath: metadata.name}\n  targets: [{select: {kind: ConfigMap}, fieldPaths: [data.x], options: {create: true}}]\n',
        '/app/a.yaml':
          'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\n---\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: b}\n',
      },
      want: 'multiple matches for selector ConfigMap.[noVer].[noGrp]/[noName].[noNs]:metadata.name',
    },
    {
      name: 'a replacement source matching nothing',
      files: {
        '/app/kustomization.yaml':
          'resources: [a.yaml]\nreplacements:\n- source: {kind: ConfigMap, name: nope}\n  targets: [{select: {kind: ConfigMap}, fieldPaths: [data.x]}]\n',
        '/app/a.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: cm}\n',
      },
      want: 'nothing selected by ConfigMap.[noVer].[noGrp]/nope.[noNs]',
    },
    {
      name: 'two documents of one file with one id (accumulating, not merging)',
      files: {
        '/app/kustomization.yaml': 'resources: [r.yaml]\n',
        '/app/r.yaml':
          'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\n---\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\n',
      },
      want: "accumulating resources: accumulation err='accumulating resources from 'r.yaml': may not add resource with an already registered id: ConfigMap.v1.[noGrp]/c.[noNs]': must build at directory: '/app/r.yaml': file is not directory",
    },
    {
      name: 'a var whose object is missing (the objref prints as its GVK)',
      files: {
        '/app/kustomization.yaml':
          'resources: [a.yaml]\nvars:\n- name: V\n  objref: {kind: ConfigMap, name: nope, apiVersion: v1}\n',
        '/app/a.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: cm}\n',
      },
      want: "var '{V ConfigMap.v1.[noGrp] {metadata.name}}' cannot be mapped to a field in the set of known resources",
    },
    {
      name: 'a component that is a file (loader.New %q)',
      files: { '/app/kustomization.yaml': 'components: [a.yaml]\n', '/app/a.yaml': 'x: 1\n' },
      want: 'accumulating components: loader.New "must build at directory: \'/app/a.yaml\': file is not directory"',
    },
    {
      name: 'a nested component of the wrong kind (accumulateDirectory: %q, quoted twice)',
      files: {
        '/app/kustomization.yaml': 'components: [comp]\n',
        '/app/comp/kustomization.yaml':
          'apiVersion: kustomize.config.k8s.io/v1alpha1\nkind: Component\ncomponents: [inner]\n',
        '/app/comp/inner/kustomization.yaml':
          'apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nnamePrefix: x-\n',
      },
      want: "accumulating components: accumulateDirectory: \"recursed accumulation of path '/app/comp': accumulating components: accumulateDirectory: \\\"expected kind 'Component' for path '/app/comp/inner' but got 'Kustomization'\\\"\"",
    },
    {
      name: 'a kustomization that is not YAML (no sigs.k8s.io/yaml prefix)',
      files: { '/app/kustomization.yaml': 'resources:\n- a\n  b: c\n' },
      want: 'invalid Kustomization: yaml: line 3: mapping values are not allowed in this context',
    },
  ])('$name', async ({ files, want }) => {
    expect(await messageOf(files)).toBe(want);
  });
});
