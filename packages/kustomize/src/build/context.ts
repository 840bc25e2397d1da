/**
 * Per-build state: the OpenAPI schema state (kyaml keeps it global; here it lives as long as one
 * build), warnings, and the abort signal.
 */
import { KustomizeError } from '../errors/KustomizeError.js';
import { SchemaState } from './openapi/schema.js';

/** Mutable state shared by one build. */
export class BuildContext {
  readonly schema = new SchemaState();
  readonly warnings: string[] = [];
  constructor(readonly signal?: AbortSignal) {}

  /** Throws `Aborted` when the signal fired. */
  checkAborted(): void {
    if (this.signal?.aborted) {
      throw new KustomizeError('Aborted', 'kustomize build aborted', { cause: this.signal.reason });
    }
  }

  private scopeCache = new Map<string, boolean>();
  private scopeVersion = -1;

  /** kyaml `IsCertainlyClusterScoped` for an apiVersion/kind (cached while the schema state is unchanged). */
  isClusterScoped(apiVersion: string, kind: string): boolean {
    if (this.scopeVersion !== this.schema.version) {
      this.scopeCache.clear();
      this.scopeVersion = this.schema.version;
    }
    const key = `${apiVersion}|${kind}`;
    let v = this.scopeCache.get(key);
    if (v === undefined) {
      v = this.schema.isCertainlyClusterScoped(apiVersion, kind);
      // The lookup itself may change the state (delayed built-in schema): only cache stable answers.
      if (this.scopeVersion === this.schema.version) this.scopeCache.set(key, v);
    }
    return v;
  }
}
