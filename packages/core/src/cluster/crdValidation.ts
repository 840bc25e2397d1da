/**
 * Validation of custom resources against their CRD version's `openAPIV3Schema`, the part the API
 * server's schema validator checks that callers commonly hit: types (`integer` must be integral),
 * `null` where the schema is not `nullable`, `required` properties and `enum`. Messages follow the
 * server's: `spec.url: Invalid value: "integer": spec.url in body must be of type string: "integer"`.
 * @internal
 */

interface JsonSchema {
  type?: string;
  nullable?: boolean;
  properties?: Record<string, JsonSchema>;
  additionalProperties?: JsonSchema | boolean;
  items?: JsonSchema;
  required?: string[];
  enum?: unknown[];
  'x-kubernetes-int-or-string'?: boolean;
  'x-kubernetes-preserve-unknown-fields'?: boolean;
}

/** One problem: the field path (`spec.url`) and the message. */
export interface SchemaProblem {
  field: string;
  message: string;
}

function typeOf(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  if (typeof v === 'number') return Number.isInteger(v) ? 'integer' : 'number';
  return typeof v;
}

/** Problems of `value` (the object without `metadata`, `apiVersion`, `kind`) against the schema. */
export function validateAgainstSchema(value: Record<string, unknown>, schema: unknown): SchemaProblem[] {
  const problems: SchemaProblem[] = [];
  const walk = (v: unknown, s: JsonSchema | undefined, path: string) => {
    if (!s || typeof s !== 'object') return;
    if (v === null) {
      if (!s.nullable && s.type) {
        problems.push({
          field: path,
          message: `Invalid value: "null": ${path} in body must be of type ${s.type}: "null"`,
        });
      }
      return;
    }
    if (s['x-kubernetes-int-or-string']) {
      const t = typeOf(v);
      if (t !== 'integer' && t !== 'string') {
        problems.push({
          field: path,
          message: `Invalid value: "${t}": ${path} in body must be of type integer,string: "${t}"`,
        });
      }
      return;
    }
    if (s.type) {
      const t = typeOf(v);
      const ok = s.type === t || (s.type === 'number' && t === 'integer');
      if (!ok) {
        problems.push({
          field: path,
          message: `Invalid value: "${t}": ${path} in body must be of type ${s.type}: "${t}"`,
        });
        return;
      }
    }
    if (s.enum && !s.enum.some((e) => JSON.stringify(e) === JSON.stringify(v))) {
      problems.push({
        field: path,
        message: `Unsupported value: ${JSON.stringify(v)}: supported values: ${s.enum.map((e) => JSON.stringify(e)).join(', ')}`,
      });
    }
    if (Array.isArray(v)) {
      for (const [i, x] of v.entries()) walk(x, s.items, `${path}[${i}]`);
      return;
    }
    if (typeof v === 'object') {
      const o = v as Record<string, unknown>;
      for (const r of s.required ?? []) {
        if (o[r] === undefined)
          problems.push({ field: path ? `${path}.${r}` : r, message: 'Required value' });
      }
      for (const [k, x] of Object.entries(o)) {
        const sub =
          s.properties?.[k] ??
          (typeof s.additionalProperties === 'object' ? s.additionalProperties : undefined);
        walk(x, sub, path ? `${path}.${k}` : k);
      }
    }
  };
  const root = (schema ?? {}) as JsonSchema;
  const { metadata: _m, apiVersion: _a, kind: _k, ...rest } = value;
  for (const r of root.required ?? []) {
    if (r !== 'metadata' && r !== 'apiVersion' && r !== 'kind' && rest[r] === undefined)
      problems.push({ field: r, message: 'Required value' });
  }
  for (const [k, x] of Object.entries(rest)) walk(x, root.properties?.[k], k);
  return problems;
}
