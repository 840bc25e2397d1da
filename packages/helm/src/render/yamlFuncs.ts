import { type FuncMap, goFunc } from '@gitops-kit/template';
import { decodeYamlLazy, jsonKind } from '../values/goYaml.js';
import { isTable } from '../values/types.js';

/**
 * Helm's `fromYaml` and `fromYamlArray` over this package's sigs.k8s.io/yaml decoder (go-yaml v2
 * rules on the go-yaml scanner: the speed that charts reading big files need, e.g.
 * kube-prometheus-stack's `.Files.Get "crds/…" | fromYaml`). Errors go into the result as Helm
 * puts them: `{ Error: "…" }` for `fromYaml`, `["…"]` for `fromYamlArray`.
 *
 * @see https://github.com/helm/helm/blob/v3.17.2/pkg/engine/funcs.go (fromYAML, fromYAMLArray)
 */
export function helmYamlFuncs(): FuncMap {
  const decode = (s: string) => {
    try {
      return { v: decodeYamlLazy(s) };
    } catch (e) {
      return { err: (e as Error).message };
    }
  };
  const unmarshalError = (kind: string, target: string) =>
    `error unmarshaling JSON: while decoding JSON: json: cannot unmarshal ${kind} into Go value of type ${target}`;
  return {
    fromYaml: goFunc('func(string) map[string]interface {}', (s: string) => {
      const r = decode(s);
      if (r.err !== undefined) return { Error: r.err };
      if (r.v === null) return {};
      if (!isTable(r.v)) return { Error: unmarshalError(jsonKind(r.v), 'map[string]interface {}') };
      // Already a template value: decodeYaml makes every number a float64 (no bigints to wrap).
      return r.v;
    }),
    fromYamlArray: goFunc('func(string) []interface {}', (s: string) => {
      const r = decode(s);
      if (r.err !== undefined) return [r.err];
      if (r.v === null) return [];
      if (!Array.isArray(r.v)) return [unmarshalError(jsonKind(r.v), '[]interface {}')];
      return r.v;
    }),
  };
}
