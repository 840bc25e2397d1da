import { CoreError } from '../errors/GitOpsKitError.js';
import type { KubeObject } from '../object/types.js';

/** One term of a field selector: `field=value`, `field==value` or `field!=value`. */
export interface FieldRequirement {
  field: string;
  operator: '=' | '!=';
  value: string;
}

/**
 * Parses Kubernetes field selector syntax: `metadata.name=web,metadata.namespace!=kube-system`
 * (`==` is `=`; `\,`, `\=` and `\\` escape). The empty string selects everything.
 *
 * @throws {CoreError} `InvalidArgument` for a term without an operator.
 * @see https://github.com/kubernetes/apimachinery/blob/master/pkg/fields/selector.go `ParseSelector`
 */
export function parseFieldSelector(selector: string): FieldRequirement[] {
  const out: FieldRequirement[] = [];
  if (selector.trim() === '') return out;
  let field = '';
  let value = '';
  let op: '=' | '!=' | undefined;
  const flush = () => {
    if (!op) {
      throw new CoreError(
        'InvalidArgument',
        `invalid field selector ${JSON.stringify(selector)}: "${field}" has no operator`,
        {
          data: { selector },
        },
      );
    }
    out.push({ field: field.trim(), operator: op, value });
    field = '';
    value = '';
    op = undefined;
  };
  for (let i = 0; i < selector.length; i++) {
    const c = selector[i]!;
    if (c === '\\' && i + 1 < selector.length) {
      i++;
      if (op) value += selector[i];
      else field += selector[i];
    } else if (c === ',') flush();
    else if (!op && c === '!' && selector[i + 1] === '=') {
      op = '!=';
      i++;
    } else if (!op && c === '=') {
      op = '=';
      if (selector[i + 1] === '=') i++;
    } else if (op) value += c;
    else field += c;
  }
  flush();
  return out;
}

type FieldGetter = (o: KubeObject) => string | undefined;

const str = (v: unknown): string | undefined => (v === undefined || v === null ? undefined : String(v));
const at =
  (...path: string[]): FieldGetter =>
  (o) => {
    let v: unknown = o;
    for (const p of path) v = v && typeof v === 'object' ? (v as Record<string, unknown>)[p] : undefined;
    return str(v);
  };

/**
 * Fields each kind can be selected by, beyond `metadata.name` and `metadata.namespace` (which every
 * kind supports), keyed `apiVersion/Kind`, as the v1.20 API server registers them.
 */
const KIND_FIELDS: Record<string, Record<string, FieldGetter>> = {
  'v1/Secret': { type: at('type') },
  'v1/Namespace': { 'status.phase': at('status', 'phase') },
  'v1/Pod': {
    'spec.nodeName': at('spec', 'nodeName'),
    'spec.restartPolicy': at('spec', 'restartPolicy'),
    'spec.schedulerName': at('spec', 'schedulerName'),
    'spec.serviceAccountName': at('spec', 'serviceAccountName'),
    'status.phase': at('status', 'phase'),
    'status.podIP': at('status', 'podIP'),
    'status.nominatedNodeName': at('status', 'nominatedNodeName'),
  },
  'v1/Event': {
    'involvedObject.kind': at('involvedObject', 'kind'),
    'involvedObject.namespace': at('involvedObject', 'namespace'),
    'involvedObject.name': at('involvedObject', 'name'),
    'involvedObject.uid': at('involvedObject', 'uid'),
    'involvedObject.apiVersion': at('involvedObject', 'apiVersion'),
    'involvedObject.resourceVersion': at('involvedObject', 'resourceVersion'),
    'involvedObject.fieldPath': at('involvedObject', 'fieldPath'),
    reason: at('reason'),
    reportingComponent: at('reportingComponent'),
    source: at('source', 'component'),
    type: at('type'),
  },
  'v1/Node': {
    'spec.unschedulable': (o) => String(Boolean((o.spec as { unschedulable?: boolean })?.unschedulable)),
  },
  'v1/ReplicationController': { 'status.replicas': at('status', 'replicas') },
  'apps/v1/ReplicaSet': { 'status.replicas': at('status', 'replicas') },
  'batch/v1/Job': { 'status.successful': at('status', 'succeeded') },
};

/**
 * Compiles a field selector for one kind into a predicate.
 * @throws {CoreError} `InvalidArgument` for malformed syntax or a field the kind cannot be selected by
 * (`field label not supported: <field>`, as the API server answers).
 */
export function compileFieldSelector(
  selector: string,
  apiVersion: string,
  kind: string,
): (o: KubeObject) => boolean {
  const reqs = parseFieldSelector(selector);
  const extra = KIND_FIELDS[`${apiVersion}/${kind}`] ?? {};
  const getters = reqs.map((r) => {
    const g: FieldGetter | undefined =
      r.field === 'metadata.name'
        ? (o) => o.metadata.name
        : r.field === 'metadata.namespace'
          ? (o) => o.metadata.namespace ?? ''
          : extra[r.field];
    if (!g) {
      throw new CoreError('InvalidArgument', `${kind}: field label not supported: ${r.field}`, {
        data: { kind, selector, fieldPath: r.field },
      });
    }
    return { r, g };
  });
  return (o) =>
    getters.every(({ r, g }) => {
      const v = g(o) ?? '';
      return r.operator === '=' ? v === r.value : v !== r.value;
    });
}
