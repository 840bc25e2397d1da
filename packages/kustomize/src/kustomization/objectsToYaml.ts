import type { KubeObject } from '@gitops-kit/core';
import { marshalGoYaml } from '../substitute/goYaml.js';

/**
 * A multi-document YAML stream as `flux build` prints it (fluxcd/pkg `ssautil.ObjectsToYAML`):
 * each object marshalled by `sigs.k8s.io/yaml` (go-yaml v2: keys sorted, strings quoted only where
 * needed, lines folded at 80 columns) and followed by `---\n`, the last one included. No objects
 * give an empty string.
 *
 * @see https://github.com/fluxcd/pkg/blob/main/ssa/utils/object.go `ObjectsToYAML`
 * @example
 * ```ts
 * process.stdout.write(objectsToYaml(await buildKustomization({ path, kustomization })));
 * ```
 */
export function objectsToYaml(objects: readonly KubeObject[]): string {
  let out = '';
  for (const o of objects) out += `${marshalGoYaml(o)}---\n`;
  return out;
}
