/**
 * A stored artifact, as `meta.Artifact` in `status.artifact` of every Flux source.
 *
 * - `path`: relative storage path `<lowercase kind>/<namespace>/<name>/<file>`, e.g.
 *   `gitrepository/flux-system/podinfo/<commit>.tar.gz`.
 * - `url`: `http://<storage hostname>/<path>` (the hostname is used as-is when it has a scheme).
 * - `revision`: the source revision, e.g. `main@sha1:<40 hex>` (see `formatGitRevision`).
 * - `digest`: `sha256:<hex>` of the stored file's bytes.
 * - `lastUpdateTime`: RFC 3339, when it was archived.
 * - `size`: bytes stored (compressed).
 * - `metadata`: free-form annotations (OCI manifest annotations for OCIRepository).
 *
 * @see https://github.com/fluxcd/pkg/blob/main/apis/meta/artifact.go
 */
export interface Artifact {
  path: string;
  url: string;
  revision: string;
  digest?: string;
  lastUpdateTime?: string;
  size?: number;
  metadata?: Record<string, string>;
}
