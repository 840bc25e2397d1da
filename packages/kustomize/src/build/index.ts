/**
 * `@gitops-kit/kustomize/build`: the `kustomize build` engine alone ({@link build}, its file systems
 * and errors, the YAML node model). The main entry exports the same names; this one does not load
 * the Flux Kustomization side (post-build substitution, apply, prune, diff) or the `yaml` library,
 * which keeps `gitops-kit kustomize build` start-up fast.
 * @packageDocumentation
 */
export {
  build,
  buildDefaults,
  type BuildOptions,
  type BuiltResource,
  type ResourceList,
} from './build.js';
export {
  memoryFileSystem,
  nodeFileSystem,
  nodeSyncFileSystem,
  type FileInfo,
  type FsError,
  type KustomizeFileSystem,
} from './fs.js';
export { LoadRestrictor, type RemoteLoader } from './loader.js';
export { KustomizeError, KustomizeErrorCode } from '../errors/KustomizeError.js';
export { Kind, Style, Tag, type YNode } from '../yaml/node.js';
