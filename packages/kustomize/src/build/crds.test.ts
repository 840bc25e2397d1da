import { describe, expect, it } from 'vitest';
import { build } from './build.js';
import { memoryFileSystem } from './fs.js';

const files = (crd: string) => ({
  '/app/kustomization.yaml': 'resources: [a.yaml]\ncrds: [crd.yaml, c2.yaml]\n',
  '/app/a.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\n',
  '/app/crd.yaml': crd,
  '/app/c2.yaml': '{}',
});

async function messageOf(crd: string): Promise<string> {
  try {
    await build({ path: '/app', fs: memoryFileSystem(files(crd)) });
  } catch (e) {
    return (e as Error).message;
  }
  return 'no error';
}

// `crds:` files that are not map[string]OpenAPIDefinition, with kustomize v5.5.0's messages
// (`kubectl kustomize` on the same files).
describe('crds: files kustomize cannot read as OpenAPI definitions', () => {
  const at = "loading CRDs [crd.yaml c2.yaml]: unable to parse open API definition from 'crd.yaml': ";
  const yaml = 'error unmarshaling JSON: while decoding JSON: ';
  it.each([
    {
      name: 'a CRD manifest (a string value)',
      crd: 'apiVersion: apiextensions.k8s.io/v1\nkind: CustomResourceDefinition\nmetadata: {name: foos.example.com}\n',
      want: `${at}${yaml}json: cannot unmarshal string into Go value of type accumulator.OpenAPIDefinition`,
    },
    {
      name: 'JSON with a number value',
      crd: '{"foo": 1}',
      want: `${at}json: cannot unmarshal number into Go value of type accumulator.OpenAPIDefinition`,
    },
    {
      name: 'JSON with a string value',
      crd: '{"x": "s"}',
      want: `${at}json: cannot unmarshal string into Go value of type accumulator.OpenAPIDefinition`,
    },
    {
      name: 'YAML with a list value',
      crd: 'x: [1]\n',
      want: `${at}${yaml}json: cannot unmarshal array into Go value of type accumulator.OpenAPIDefinition`,
    },
    {
      name: 'YAML list at the top',
      crd: '- a\n',
      want: `${at}${yaml}json: cannot unmarshal array into Go value of type accumulator.nameToApiMap`,
    },
    {
      name: 'YAML that does not parse',
      crd: 'a: [\n',
      want: `${at}error converting YAML to JSON: yaml: line 1: did not find expected node content`,
    },
    { name: 'a null definition is fine', crd: 'x: null\n', want: 'no error' },
  ])('$name', async ({ crd, want }) => {
    expect(await messageOf(crd)).toBe(want);
  });
});
