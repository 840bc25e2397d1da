/**
 * `@gitops-kit/kustomize/yaml`: the YAML parser the build engine uses (a port of go-yaml v3's
 * libyaml scanner and parser), for packages that need go-yaml's syntax rules, error wording and
 * speed without loading the build engine. Nodes are {@link YNode} trees; plain scalars carry their
 * text and a tag resolved by go-yaml v3's rules, explicit tags set {@link Style}`.Tagged`.
 *
 * @see https://github.com/go-yaml/yaml/blob/v3.0.1/parserc.go
 */
export { parseDocuments, parseFirstDocument, YamlSyntaxError } from './parse.js';
export type { Mark } from './scanner.js';
export { Kind, Style, Tag, type YNode } from './node.js';
