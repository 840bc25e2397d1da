import { decodeYamlTyped, GoYamlError, jsonKind } from '../values/goYaml.js';
import { formatGoShortestG } from '../values/goYaml.js';
import { isTable, type Value } from '../values/types.js';
import type { ChartDependency, ChartLock, ChartMaintainer, ChartMetadata } from './types.js';

/**
 * Decoding of `Chart.yaml`, `requirements.yaml`, `Chart.lock` into Helm's Go structs through
 * sigs.k8s.io/yaml: keys match field names case-insensitively, numbers and booleans become strings
 * where the field is a string, other type mismatches fail with Go's `encoding/json` wording.
 */

type FieldType =
  | 'string'
  | 'bool'
  | 'strings'
  | 'stringMap'
  | 'any[]'
  | { struct: StructSpec; list: true }
  | { struct: StructSpec; list: false };

interface StructSpec {
  goName: string;
  fields: Record<string, [jsonName: string, type: FieldType]>;
}

const maintainerSpec: StructSpec = {
  goName: 'Maintainer',
  fields: { name: ['name', 'string'], email: ['email', 'string'], url: ['url', 'string'] },
};

const dependencySpec: StructSpec = {
  goName: 'Dependency',
  fields: {
    name: ['name', 'string'],
    version: ['version', 'string'],
    repository: ['repository', 'string'],
    condition: ['condition', 'string'],
    tags: ['tags', 'strings'],
    enabled: ['enabled', 'bool'],
    importValues: ['import-values', 'any[]'],
    alias: ['alias', 'string'],
  },
};

const metadataSpec: StructSpec = {
  goName: 'Metadata',
  fields: {
    name: ['name', 'string'],
    home: ['home', 'string'],
    sources: ['sources', 'strings'],
    version: ['version', 'string'],
    description: ['description', 'string'],
    keywords: ['keywords', 'strings'],
    maintainers: ['maintainers', { struct: maintainerSpec, list: true }],
    icon: ['icon', 'string'],
    apiVersion: ['apiVersion', 'string'],
    condition: ['condition', 'string'],
    tags: ['tags', 'string'],
    appVersion: ['appVersion', 'string'],
    deprecated: ['deprecated', 'bool'],
    annotations: ['annotations', 'stringMap'],
    kubeVersion: ['kubeVersion', 'string'],
    dependencies: ['dependencies', { struct: dependencySpec, list: true }],
    type: ['type', 'string'],
  },
};

const lockSpec: StructSpec = {
  goName: 'Lock',
  fields: {
    generated: ['generated', 'string'],
    digest: ['digest', 'string'],
    dependencies: ['dependencies', { struct: dependencySpec, list: true }],
  },
};

class JsonTypeError extends Error {}

/** sigs.k8s.io/yaml's coercion of a scalar to a string target. */
function coerceString(v: Value): Value {
  if (typeof v === 'bigint') return v.toString();
  if (typeof v === 'number') return formatFloat32(v);
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  return v;
}

function formatFloat32(f: number): string {
  const f32 = Math.fround(f);
  for (let p = 1; p <= 9; p++) {
    const e = f32.toExponential(p - 1);
    if (Math.fround(Number(e)) === f32) return formatGoShortestG(e);
  }
  return formatGoShortestG(f32.toExponential());
}

function typeErr(v: Value, spec: StructSpec, path: string, goType: string): JsonTypeError {
  return new JsonTypeError(
    `json: cannot unmarshal ${jsonKind(v)} into Go struct field ${spec.goName}.${path} of type ${goType}`,
  );
}

function decodeField(v: Value, type: FieldType, spec: StructSpec, path: string): unknown {
  if (v === null) return undefined;
  if (type === 'string') {
    const s = coerceString(v);
    if (typeof s !== 'string') throw typeErr(v, spec, path, 'string');
    return s;
  }
  if (type === 'bool') {
    if (typeof v !== 'boolean') throw typeErr(typeof v === 'bigint' ? Number(v) : v, spec, path, 'bool');
    return v;
  }
  if (type === 'strings') {
    if (!Array.isArray(v)) throw typeErr(v, spec, path, '[]string');
    return v.map((x) => {
      if (x === null) return '';
      const s = coerceString(x);
      if (typeof s !== 'string') throw typeErr(x, spec, path, 'string');
      return s;
    });
  }
  if (type === 'stringMap') {
    if (!isTable(v)) throw typeErr(v, spec, path, 'map[string]string');
    const out: Record<string, string> = {};
    for (const [k, x] of Object.entries(v)) {
      if (x === null) {
        out[k] = '';
        continue;
      }
      const s = coerceString(x);
      if (typeof s !== 'string') throw typeErr(x, spec, path, 'string');
      out[k] = s;
    }
    return out;
  }
  if (type === 'any[]') {
    if (!Array.isArray(v)) throw typeErr(v, spec, path, '[]interface {}');
    return v.map(numbersToFloat);
  }
  if (type.list) {
    if (!Array.isArray(v)) throw typeErr(v, spec, path, `[]*chart.${type.struct.goName}`);
    return v.map((x) => (x === null ? null : decodeStruct(x, type.struct, path)));
  }
  return decodeStruct(v, type.struct, path);
}

function numbersToFloat(v: Value): Value {
  if (typeof v === 'bigint') return Number(v);
  if (Array.isArray(v)) return v.map(numbersToFloat);
  if (isTable(v)) {
    const out: Record<string, Value> = {};
    for (const [k, x] of Object.entries(v)) out[k] = numbersToFloat(x);
    return out;
  }
  return v;
}

function decodeStruct(
  v: Value,
  spec: StructSpec,
  parentPath: string,
  into?: Record<string, unknown>,
): Record<string, unknown> {
  if (!isTable(v)) {
    throw new JsonTypeError(
      parentPath === ''
        ? `json: cannot unmarshal ${jsonKind(v)} into Go value of type chart.${spec.goName}`
        : `json: cannot unmarshal ${jsonKind(v)} into Go struct field ${spec.goName}.${parentPath} of type chart.${spec.goName}`,
    );
  }
  const out = into ?? {};
  const byJson = Object.entries(spec.fields);
  for (const key of Object.keys(v)) {
    // Exact match first, then case-insensitive, like encoding/json.
    let hit = byJson.find(([, [json]]) => json === key);
    if (!hit) hit = byJson.find(([, [json]]) => json.toLowerCase() === key.toLowerCase());
    if (!hit) continue;
    const [prop, [json, type]] = hit;
    const path = parentPath === '' ? json : `${parentPath}.${json}`;
    const val = decodeField(v[key] as Value, type, spec, path);
    if (val !== undefined) out[prop] = val;
  }
  return out;
}

/** Unmarshal `text` into a struct, with sigs.k8s.io/yaml's error wrapping. */
function unmarshal<T>(text: string, spec: StructSpec, into?: Record<string, unknown>): T | undefined {
  const v = decodeYamlTyped(text);
  if (v === null) return into as T | undefined;
  try {
    return decodeStruct(v, spec, '', into) as T;
  } catch (e) {
    if (e instanceof JsonTypeError)
      throw new GoYamlError(`error unmarshaling JSON: while decoding JSON: ${e.message}`);
    throw e;
  }
}

/**
 * Decodes `Chart.yaml` into {@link ChartMetadata} (without validation). An empty file gives an
 * empty metadata object.
 * @throws {@link GoYamlError}
 */
export function decodeChartMetadata(text: string, into?: Partial<ChartMetadata>): Partial<ChartMetadata> {
  return unmarshal<Partial<ChartMetadata>>(text, metadataSpec, (into ?? {}) as Record<string, unknown>) ?? {};
}

/** Decodes `Chart.lock`/`requirements.lock`. @throws {@link GoYamlError} */
export function decodeChartLock(text: string): ChartLock {
  return unmarshal<ChartLock>(text, lockSpec, {}) ?? {};
}

export type { ChartDependency, ChartMaintainer };
