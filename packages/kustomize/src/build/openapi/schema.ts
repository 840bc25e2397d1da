/**
 * OpenAPI knowledge used by strategic merge patches (merge keys, patch strategies) and by resource
 * ids (namespaceability), with the same global-state rules as kyaml's `openapi` package: the first
 * kustomization (in load order) that sets `openapi` decides the schema for the rest of the build;
 * a custom schema replaces the built-in one unless the built-in one was already loaded.
 *
 * @see https://github.com/kubernetes-sigs/kustomize/blob/kyaml/v0.18.1/kyaml/openapi/openapi.go
 */
import { builtinSchema } from './builtinSchema.js';
import { precomputedNamespaced } from './precomputed.js';

/** A JSON schema node as found in swagger `definitions` (the subset strategic merge reads). */
export interface SchemaNode {
  $ref?: string;
  type?: string | string[];
  properties?: Record<string, SchemaNode>;
  items?: SchemaNode | SchemaNode[];
  additionalProperties?: SchemaNode | boolean;
  'x-kubernetes-patch-strategy'?: string;
  'x-kubernetes-patch-merge-key'?: string;
  'x-kubernetes-list-map-keys'?: string[];
  'x-kubernetes-group-version-kind'?: Array<{ group?: string; version?: string; kind?: string }>;
  [key: string]: unknown;
}

/** The compact built-in table (see `scripts/gen-openapi.mjs`). */
export interface SwaggerSubset {
  definitions: Record<string, SchemaNode>;
  /** `apiVersion|kind` → definition name. */
  gvk: Record<string, string>;
  /** `apiVersion|kind` → namespaced. */
  namespaced: Record<string, boolean>;
}

/** A resolved schema position (kyaml's `ResourceSchema`). */
export interface ResourceSchema {
  readonly schema: SchemaNode;
  readonly state: SchemaState;
}

const typeKey = (apiVersion: string, kind: string) => `${apiVersion}|${kind}`;

/** Per-build emulation of kyaml's global openapi state. */
export class SchemaState {
  /** Incremented whenever what the state answers may change. */
  version = 0;
  private kubernetesVersion = '';
  private custom: SchemaNode | null = null;
  private initialized = false;
  private builtinParsed = false;
  private builtinDelayed = false;
  private readonly definitions = new Map<string, SchemaNode>();
  private readonly byType = new Map<string, SchemaNode>();
  private readonly namespaceability = new Map<string, boolean>();

  /**
   * kyaml `SetSchema`: `openapi` field of a kustomization plus the loaded custom schema document
   * (already parsed to a plain object), `reset` for the top-level kustomization.
   */
  setSchema(openapi: Record<string, string> | undefined, custom: SchemaNode | null, reset: boolean): void {
    const isSet = this.kubernetesVersion !== '' || this.custom !== null;
    if (isSet && !reset) return;
    this.version++;
    const version = openapi?.version;
    if (custom) {
      if (version !== undefined)
        throw new Error('builtin version and custom schema provided, cannot use both');
      this.custom = custom;
      this.kubernetesVersion = 'custom';
      this.initialized = false;
      return;
    }
    this.kubernetesVersion = version ?? '';
    if (this.kubernetesVersion === '') return;
    if (this.kubernetesVersion !== 'v1.21.2')
      throw new Error('the specified OpenAPI version is not built in');
    this.custom = null;
    this.initialized = false;
  }

  private init(): void {
    if (this.initialized) return;
    this.initialized = true;
    this.version++;
    if (this.custom) {
      this.addDocument(this.custom);
    } else {
      this.parseBuiltin();
    }
    if (this.builtinDelayed) this.parseBuiltin();
  }

  private parseBuiltin(): void {
    this.builtinDelayed = false;
    if (this.builtinParsed) return;
    this.builtinParsed = true;
    for (const [name, def] of Object.entries(builtinSchema.definitions)) this.definitions.set(name, def);
    for (const [tm, name] of Object.entries(builtinSchema.gvk)) {
      const def = builtinSchema.definitions[name];
      if (def) this.byType.set(tm, def);
    }
    for (const [tm, ns] of Object.entries(builtinSchema.namespaced)) {
      if (ns) this.namespaceability.set(tm, true);
      else if (!this.namespaceability.has(tm)) this.namespaceability.set(tm, false);
    }
  }

  private addDocument(doc: SchemaNode): void {
    const defs = (doc.definitions ?? {}) as Record<string, SchemaNode>;
    for (const [name, def] of Object.entries(defs)) {
      this.definitions.set(name, def);
      const gvks = def['x-kubernetes-group-version-kind'];
      if (!Array.isArray(gvks)) continue;
      for (const g of gvks) {
        if (!g || typeof g !== 'object') continue;
        const apiVersion = g.group ? `${g.group}/${g.version ?? ''}` : (g.version ?? '');
        this.byType.set(typeKey(apiVersion, g.kind ?? ''), def);
      }
    }
    const paths = (doc.paths ?? {}) as Record<string, { get?: Record<string, unknown> }>;
    for (const [p, info] of Object.entries(paths)) {
      const g = info?.get?.['x-kubernetes-group-version-kind'] as
        | { group?: string; version?: string; kind?: string }
        | undefined;
      if (!g) continue;
      const tm = typeKey(g.group ? `${g.group}/${g.version ?? ''}` : (g.version ?? ''), g.kind ?? '');
      if (p.includes('namespaces/{namespace}')) this.namespaceability.set(tm, true);
      else if (!this.namespaceability.has(tm)) this.namespaceability.set(tm, false);
    }
  }

  /** Schema of a resource type, or `null`. */
  forResourceType(apiVersion: string, kind: string): ResourceSchema | null {
    this.init();
    const s = this.byType.get(typeKey(apiVersion, kind));
    return s ? { schema: s, state: this } : null;
  }

  /** kyaml `IsNamespaceScoped`: `[namespaced, found]`. */
  isNamespaceScoped(apiVersion: string, kind: string): [boolean, boolean] {
    const key = typeKey(apiVersion, kind);
    const pre = precomputedNamespaced.get(key);
    if (pre !== undefined) return [pre, true];
    if (!this.initialized) {
      if (this.custom !== null) this.init();
      else if (this.kubernetesVersion === '' || this.kubernetesVersion === 'v1.21.2') {
        if (!this.builtinParsed && !this.builtinDelayed) {
          this.builtinDelayed = true;
          this.version++;
        }
      } else this.init();
    }
    const ns = this.namespaceability.get(key);
    return ns === undefined ? [false, false] : [ns, true];
  }

  /** True when the type is known and cluster-scoped. */
  isCertainlyClusterScoped(apiVersion: string, kind: string): boolean {
    const [ns, found] = this.isNamespaceScoped(apiVersion, kind);
    return found && !ns;
  }

  resolve(node: SchemaNode): SchemaNode | null {
    let s: SchemaNode | undefined = node;
    let guard = 0;
    while (s?.$ref) {
      const name = s.$ref.startsWith('#/definitions/') ? s.$ref.slice('#/definitions/'.length) : s.$ref;
      s = this.definitions.get(name);
      if (++guard > 100) return null;
    }
    return s ?? null;
  }
}

function isArrayType(s: SchemaNode): boolean {
  const t = s.type;
  return Array.isArray(t) ? t.length === 1 && t[0] === 'array' : t === 'array';
}

/** kyaml `ResourceSchema.Field`. */
export function schemaField(rs: ResourceSchema | null, field: string): ResourceSchema | null {
  if (!rs) return null;
  let s: SchemaNode | undefined = rs.schema.properties?.[field];
  if (!s) {
    const ap = rs.schema.additionalProperties;
    if (ap && typeof ap === 'object') s = ap;
    else return null;
  }
  const r = rs.state.resolve(s);
  return r ? { schema: r, state: rs.state } : null;
}

/** kyaml `ResourceSchema.Elements`. */
export function schemaElements(rs: ResourceSchema | null): ResourceSchema | null {
  if (!rs || !isArrayType(rs.schema)) return null;
  const items = rs.schema.items;
  if (!items || Array.isArray(items)) return null;
  const r = rs.state.resolve(items);
  return r ? { schema: r, state: rs.state } : null;
}

/** kyaml `PatchStrategyAndKeyList`. */
export function patchStrategyAndKeyList(rs: ResourceSchema): [string, string[]] {
  const ps = rs.schema['x-kubernetes-patch-strategy'];
  if (ps === undefined) return ['', []];
  const list = rs.schema['x-kubernetes-list-map-keys'];
  if (Array.isArray(list)) return [ps, list.map(String)];
  const mk = rs.schema['x-kubernetes-patch-merge-key'];
  return mk === undefined ? [ps, []] : [ps, [mk]];
}

/** kyaml `PatchStrategyAndKey`. */
export function patchStrategyAndKey(rs: ResourceSchema): [string, string] {
  const ps = rs.schema['x-kubernetes-patch-strategy'];
  if (ps === undefined) return ['', ''];
  return [ps, rs.schema['x-kubernetes-patch-merge-key'] ?? ''];
}
