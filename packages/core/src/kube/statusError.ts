/**
 * Maps Kubernetes API `Status` failures to `CoreError` codes. Messages name the object
 * (`Kind/namespace/name`) and keep only what is safe to show: reasons, field paths, field managers.
 * They never include response bodies, values, headers or tokens.
 */
import { CoreError, type CoreErrorCode, formatObjectName } from '../errors/GitOpsKitError.js';

/** A Kubernetes `metav1.Status` (the parts we read). @internal */
export interface KubeStatus {
  kind?: string;
  status?: string;
  message?: string;
  reason?: string;
  code?: number;
  details?: {
    name?: string;
    group?: string;
    kind?: string;
    causes?: { reason?: string; message?: string; field?: string }[];
  };
}

/** What a request was about, for messages. @internal */
export interface ErrorTarget {
  kind: string;
  namespace?: string;
  name?: string;
  /** The operation, e.g. `create`, `apply`. */
  verb: string;
}

/** Removes quoted values from a server message: `Invalid value: "x": ...` → `Invalid value: ...`. */
function redactValues(s: string): string {
  return s
    .replace(/Invalid value: (?:"(?:[^"\\]|\\.)*"|[^:]+)/g, 'Invalid value')
    .replace(/\s+/g, ' ')
    .trim();
}

/** Parses `conflict with "flux-a"` / `conflict with "editor" using v1` into manager and operation. */
function parseConflictCause(message: string): { manager: string; operation: string; apiVersion?: string } {
  const m = /conflict with "((?:[^"\\]|\\.)*)"( using ([^ ]+))?/.exec(message);
  if (!m) return { manager: '', operation: '' };
  const manager = JSON.parse(`"${m[1]}"`) as string;
  return m[3] ? { manager, operation: 'Update', apiVersion: m[3] } : { manager, operation: 'Apply' };
}

/** Converts an HTTP status code and `Status` body into a `CoreError`. @internal */
export function statusToError(
  httpCode: number,
  status: KubeStatus | undefined,
  target: ErrorTarget,
): CoreError {
  const what = formatObjectName(target);
  const data: Record<string, unknown> = { kind: target.kind, httpStatus: httpCode };
  if (target.namespace) data.namespace = target.namespace;
  if (target.name) data.name = target.name;
  if (status?.reason) data.reason = status.reason;
  const reason = status?.reason ?? '';
  const causes = status?.details?.causes ?? [];
  const err = (code: CoreErrorCode, text: string, extra: Record<string, unknown> = {}) =>
    new CoreError(code, `${what}: ${text}`, { data: { ...data, ...extra } });

  switch (httpCode) {
    case 400:
      return err('InvalidArgument', `${target.verb}: bad request (${reason || 'BadRequest'})`);
    case 401:
    case 403:
      return err(
        'Forbidden',
        `${target.verb}: ${httpCode === 401 ? 'unauthorized' : 'forbidden'}${reason ? ` (${reason})` : ''}`,
      );
    case 404:
      if (
        status?.details?.kind === 'namespaces' &&
        target.namespace &&
        status.details.name === target.namespace
      ) {
        return err('NamespaceNotFound', `namespace "${target.namespace}" not found`);
      }
      return err('NotFound', 'not found');
    case 409: {
      if (reason === 'AlreadyExists') return err('AlreadyExists', 'already exists');
      const conflicts = causes
        .filter((c) => c.reason === 'FieldManagerConflict')
        .map((c) => ({ ...parseConflictCause(c.message ?? ''), field: c.field ?? '' }));
      if (conflicts.length > 0) {
        const print = (c: { manager: string; apiVersion?: string }) =>
          c.apiVersion ? `${JSON.stringify(c.manager)} using ${c.apiVersion}` : JSON.stringify(c.manager);
        let text: string;
        if (conflicts.length === 1)
          text = `Apply failed with 1 conflict: conflict with ${print(conflicts[0]!)}: ${conflicts[0]!.field}`;
        else {
          const by = new Map<string, string[]>();
          for (const c of conflicts) by.set(print(c), [...(by.get(print(c)) ?? []), c.field]);
          const lines = [...by.keys()]
            .sort()
            .flatMap((m) => [`conflicts with ${m}:`, ...by.get(m)!.map((f) => `- ${f}`)]);
          text = `Apply failed with ${conflicts.length} conflicts: ${lines.join('\n')}`;
        }
        return err('ApplyConflict', text, {
          conflicts: conflicts.map((c) => ({ manager: c.manager, operation: c.operation, field: c.field })),
        });
      }
      return err(
        'Conflict',
        'Operation cannot be fulfilled: the object has been modified; please apply your changes to the latest version and try again',
      );
    }
    case 410:
      return err('Expired', `${target.verb}: resourceVersion too old (410 Gone)`);
    case 422: {
      const fields = causes.map((c) => `${c.field ?? ''}: ${redactValues(c.message ?? c.reason ?? '')}`);
      return err(
        'Invalid',
        fields.length > 0
          ? `invalid: ${fields.join('; ')}`
          : `${target.verb}: invalid (${reason || 'Invalid'})`,
        {
          fieldPath: causes[0]?.field,
        },
      );
    }
    case 504:
      return err('Timeout', `${target.verb}: server timeout`);
    default: {
      const msg = status?.message ?? '';
      // v1.20 answers 500 to some bad input: a configuration that does not fit the schema, a
      // resourceVersion on create. Those are the caller's mistakes, not server failures.
      const typed =
        /^failed to create typed (?:patch|live) object: ([^\s:]+): (field not declared in schema|expected [a-z ]+)/.exec(
          msg,
        );
      if (typed)
        return err('Invalid', `${typed[1]}: ${typed[2]}`, { fieldPath: typed[1]!.replace(/^\./, '') });
      if (msg === 'resourceVersion should not be set on objects to be created') return err('Invalid', msg);
      return err(
        httpCode === 429 ? 'ServerError' : 'ServerError',
        `${target.verb}: server error (HTTP ${httpCode}${reason ? `, ${reason}` : ''})`,
      );
    }
  }
}
