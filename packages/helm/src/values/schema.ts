import type { Ajv, ErrorObject, ValidateFunction } from 'ajv';
import { jsonUnmarshal } from '@gitops-kit/template';
import { lazyRequire } from '../lazyRequire.js';
import type { Chart } from '../chart/types.js';
import { isTable, type Value, type ValueMap } from './types.js';

/**
 * `values.schema.json` validation with Ajv (a maintained JSON Schema validator), reporting each
 * violation in the words of gojsonschema, the validator Helm uses
 * (`- image.tag: Does not match pattern '^v?[0-9]+'`, `- (root): image is required`), per chart
 * as Helm aggregates them.
 *
 * @see https://github.com/helm/helm/blob/v3.17.2/pkg/chartutil/jsonschema.go
 * @see https://github.com/xeipuuv/gojsonschema/blob/v1.2.0/locales.go
 */

// Loaded on the first schema: Ajv costs more start-up than most renders without one.
const ajvLib = lazyRequire<typeof import('ajv')>('ajv');
// ajv-draft-04 and ajv-formats are CommonJS with a default export.
const draft04Lib = lazyRequire<{ default: typeof Ajv }>('ajv-draft-04');
const formatsLib = lazyRequire<{ default: (ajv: Ajv) => Ajv }>('ajv-formats');

const cache = new Map<string, ValidateFunction | Error>();
const COMBINATORS = new Set(['anyOf', 'oneOf', 'not', 'if']);

/**
 * The schema document as gojsonschema reads it, with a `json.Decoder`: the first JSON value of the
 * text (anything after it is not read), Go's error text otherwise (`invalid character 'b' looking
 * for beginning of object key string`, `unexpected EOF`, `EOF` for an empty text).
 *
 * @see https://github.com/xeipuuv/gojsonschema/blob/v1.2.0/utils.go (decodeJSONUsingNumber)
 */
function decodeSchemaJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    // Trailing text after the value (which a Decoder leaves unread), or Go's words for the error.
    return jsonUnmarshal(text, { decoder: true });
  }
}

function compile(schemaText: string): ValidateFunction {
  const hit = cache.get(schemaText);
  if (hit instanceof Error) throw hit;
  if (hit) return hit;
  let fn: ValidateFunction;
  try {
    const schema = decodeSchemaJson(schemaText) as Record<string, unknown>;
    const draft = typeof schema.$schema === 'string' ? schema.$schema : '';
    const opts = { allErrors: true, strict: false, validateSchema: false, logger: false as const };
    const ajv = /draft-04/.test(draft) ? new (draft04Lib().default)(opts) : new (ajvLib().Ajv)(opts);
    formatsLib().default(ajv);
    if (typeof schema === 'object' && schema !== null && !Array.isArray(schema)) {
      const { $schema: _, ...rest } = schema;
      fn = ajv.compile(rest);
    } else {
      fn = ajv.compile(schema as never);
    }
  } catch (e) {
    const err = e instanceof Error ? e : new Error(String(e));
    cache.set(schemaText, err);
    throw err;
  }
  if (cache.size > 100) cache.clear();
  cache.set(schemaText, fn);
  return fn;
}

/** A values tree as JSON sees it (Helm marshals values to JSON before validating). */
function toJson(v: Value): unknown {
  if (typeof v === 'bigint') return Number(v);
  if (Array.isArray(v)) return v.map(toJson);
  if (isTable(v)) {
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(v))
      Object.defineProperty(out, k, {
        value: toJson(v[k] as Value),
        enumerable: true,
        writable: true,
        configurable: true,
      });
    return out;
  }
  return v;
}

/** gojsonschema's context string: `(root)` or dotted path (array indexes as numbers). */
function field(instancePath: string): string {
  if (instancePath === '') return '(root)';
  return instancePath
    .slice(1)
    .split('/')
    .map((s) => s.replaceAll('~1', '/').replaceAll('~0', '~'))
    .join('.');
}

/** Go's `big.Float` default text (`%g` with 10 significant digits). */
function bigFloat(n: unknown): string {
  if (typeof n !== 'number') return String(n);
  if (n === 0) return '0';
  const p = n.toPrecision(10);
  const [mant, expPart] = Number(p).toExponential().split('e') as [string, string];
  const exp = Number(expPart);
  const digits = mant.replace('-', '').replace('.', '');
  const nd = digits.length;
  const dp = exp + 1;
  let eprec = 10;
  if (eprec > nd && nd >= dp) eprec = nd;
  if (exp < -4 || exp >= eprec) {
    const m = nd > 1 ? `${digits[0]}.${digits.slice(1)}` : digits;
    return `${n < 0 ? '-' : ''}${m}e${exp < 0 ? '-' : '+'}${String(Math.abs(exp)).padStart(2, '0')}`;
  }
  return String(Number(p));
}

function typeName(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  if (typeof v === 'number') return Number.isInteger(v) ? 'integer' : 'number';
  if (typeof v === 'boolean') return 'boolean';
  if (typeof v === 'string') return 'string';
  return 'object';
}

function valueAt(root: unknown, instancePath: string): unknown {
  if (instancePath === '') return root;
  let cur = root;
  for (const raw of instancePath.slice(1).split('/')) {
    const k = raw.replaceAll('~1', '/').replaceAll('~0', '~');
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<string, unknown>)[k];
  }
  return cur;
}

/** One gojsonschema line (`field: description`) for an Ajv error, or undefined to drop it. */
function describe(e: ErrorObject, root: unknown): string | undefined {
  const f = field(e.instancePath);
  const p = e.params as Record<string, unknown>;
  switch (e.keyword) {
    case 'required':
      return `${f}: ${p.missingProperty} is required`;
    case 'type': {
      const t = p.type;
      const expected = Array.isArray(t) ? `[${t.join(',')}]` : String(t);
      return `${f}: Invalid type. Expected: ${expected}, given: ${typeName(valueAt(root, e.instancePath))}`;
    }
    case 'enum':
      return `${f}: ${f} must be one of the following: ${(p.allowedValues as unknown[]).map((x) => JSON.stringify(x)).join(', ')}`;
    case 'const':
      return `${f}: ${f} does not match: ${JSON.stringify(p.allowedValue)}`;
    case 'pattern':
      return `${f}: Does not match pattern '${p.pattern}'`;
    case 'format':
      return `${f}: Does not match format '${p.format}'`;
    case 'additionalProperties':
      return `${f}: Additional property ${p.additionalProperty} is not allowed`;
    case 'minimum':
      return p.comparison === '>'
        ? `${f}: Must be greater than ${bigFloat(p.limit)}`
        : `${f}: Must be greater than or equal to ${bigFloat(p.limit)}`;
    case 'exclusiveMinimum':
      return `${f}: Must be greater than ${bigFloat(p.limit)}`;
    case 'maximum':
      return p.comparison === '<'
        ? `${f}: Must be less than ${bigFloat(p.limit)}`
        : `${f}: Must be less than or equal to ${bigFloat(p.limit)}`;
    case 'exclusiveMaximum':
      return `${f}: Must be less than ${bigFloat(p.limit)}`;
    case 'multipleOf':
      return `${f}: Must be a multiple of ${bigFloat(p.multipleOf)}`;
    case 'minLength':
      return `${f}: String length must be greater than or equal to ${p.limit}`;
    case 'maxLength':
      return `${f}: String length must be less than or equal to ${p.limit}`;
    case 'minItems':
      return `${f}: Array must have at least ${p.limit} items`;
    case 'maxItems':
      return `${f}: Array must have at most ${p.limit} items`;
    case 'uniqueItems':
      return `${f}: array items[${p.i},${p.j}] must be unique`;
    case 'minProperties':
      return `${f}: Must have at least ${p.limit} properties`;
    case 'maxProperties':
      return `${f}: Must have at most ${p.limit} properties`;
    case 'additionalItems':
      return `${f}: No additional items allowed on array`;
    case 'contains':
      return `${f}: At least one of the items must match`;
    case 'dependencies':
    case 'dependentRequired':
      return `${f}: Has a dependency on ${p.missingProperty}`;
    case 'propertyNames':
      return `${f}: Property name of "${p.propertyName}" does not match`;
    case 'anyOf':
      return `${f}: Must validate at least one schema (anyOf)`;
    case 'oneOf':
      return `${f}: Must validate one and only one schema (oneOf)`;
    case 'allOf':
      return `${f}: Must validate all the schemas (allOf)`;
    case 'not':
      return `${f}: Must not validate the schema (not)`;
    case 'if':
      return p.failingKeyword === 'else'
        ? `${f}: Must validate "else" as "if" was not valid`
        : `${f}: Must validate "then" as "if" was valid`;
    case 'false schema':
      return `${f}: False always fails validation`;
    default:
      return `${f}: ${e.message ?? e.keyword}`;
  }
}

/**
 * Validates one values tree against one schema (JSON text). Returns gojsonschema's lines
 * (`- field: description\n` each), `''` when valid, or the schema error text.
 */
export function validateAgainstSingleSchema(values: ValueMap, schemaText: string): string {
  let fn: ValidateFunction;
  try {
    fn = compile(schemaText);
  } catch (e) {
    return (e as Error).message;
  }
  const json = toJson(values);
  if (fn(json)) return '';
  const errors = fn.errors ?? [];
  // Ajv reports the errors of anyOf/oneOf/not/if branches before the combinator itself;
  // gojsonschema reports the combinator, then (anyOf/oneOf) the errors of its best branch. We take
  // the first branch as the best one.
  const combinators = errors.filter((e) => COMBINATORS.has(e.keyword));
  const inside = (e: ErrorObject, c: ErrorObject) => e !== c && e.schemaPath.startsWith(`${c.schemaPath}/`);
  const lines: string[] = [];
  const emitted = new Set<ErrorObject>();
  const emit = (e: ErrorObject) => {
    if (emitted.has(e)) return;
    emitted.add(e);
    const d = describe(e, json);
    if (d !== undefined) lines.push(`- ${d}\n`);
  };
  for (const e of errors) {
    if (combinators.some((c) => inside(e, c))) continue;
    emit(e);
    if (e.keyword === 'anyOf' || e.keyword === 'oneOf') {
      for (const sub of errors) if (sub.schemaPath.startsWith(`${e.schemaPath}/0/`)) emit(sub);
    }
  }
  return lines.join('');
}

/**
 * Helm's `ValidateAgainstSchema`: validates the chart's values and, recursively, each subchart's
 * section; returns the aggregated report (`<chart>:\n- ...`) or `''` when everything is valid.
 */
export function validateAgainstSchema(chart: Chart, values: ValueMap): string {
  let sb = '';
  if (chart.schema !== undefined) {
    const text = Buffer.from(chart.schema.buffer, chart.schema.byteOffset, chart.schema.byteLength).toString(
      'utf8',
    );
    const err = validateAgainstSingleSchema(values, text);
    if (err !== '') sb += `${chart.metadata.name}:\n${err}`;
  }
  for (const sub of chart.dependencies) {
    const subValues = values[sub.metadata.name];
    sb += validateAgainstSchema(sub, isTable(subValues) ? subValues : {});
  }
  return sb;
}
