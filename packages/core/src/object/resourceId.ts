import { CoreError } from '../errors/GitOpsKitError.js';
import type { KubeObject } from './types.js';
import { parseApiVersion } from './gvk.js';

/**
 * A Flux inventory id: `namespace`, `name`, `group`, `kind`. Empty `namespace` (cluster-scoped) and
 * empty `group` (core group) are kept as empty strings.
 *
 * @see https://github.com/fluxcd/cli-utils/blob/main/pkg/object/objmetadata.go `ObjMetadata`
 */
export interface ResourceId {
  namespace: string;
  name: string;
  group: string;
  kind: string;
}

/**
 * Formats a {@link ResourceId} in Flux's inventory format `<namespace>_<name>_<group>_<kind>`:
 * `default_podinfo_apps_Deployment`, `_cert-manager__Namespace`.
 * Colons in RBAC names are written as `__` as cli-utils does (`system:foo` → `system__foo`).
 *
 * @see https://github.com/fluxcd/cli-utils/blob/main/pkg/object/objmetadata.go `ObjMetadata.String`
 */
export function formatResourceId(id: ResourceId): string {
  const name = id.name.replaceAll(':', '__');
  return `${id.namespace}_${name}_${id.group}_${id.kind}`;
}

/**
 * Parses Flux's inventory id format back into a {@link ResourceId}. Inverse of {@link formatResourceId}.
 *
 * Follows cli-utils `ParseObjMetadata`: the namespace is before the first `_`, the kind after the
 * last, the group before that (groups never hold `_`) and the name in between (`__` read back as
 * `:`; any other `_` left in the name means too many fields).
 *
 * @throws {CoreError} `InvalidResourceId` when the string has fewer or more than four fields.
 * @see https://github.com/fluxcd/cli-utils/blob/main/pkg/object/objmetadata.go `ParseObjMetadata`
 */
export function parseResourceId(value: string): ResourceId {
  const fail = (why: string) =>
    new CoreError('InvalidResourceId', `unable to parse inventory id '${value}': ${why}`, {
      data: { value },
    });
  const nsAt = value.indexOf('_');
  if (nsAt < 0) throw fail('expected <namespace>_<name>_<group>_<kind>');
  const namespace = value.slice(0, nsAt);
  let rest = value.slice(nsAt + 1);
  const kindAt = rest.lastIndexOf('_');
  if (kindAt < 0) throw fail('expected <namespace>_<name>_<group>_<kind>');
  const kind = rest.slice(kindAt + 1);
  rest = rest.slice(0, kindAt);
  const groupAt = rest.lastIndexOf('_');
  if (groupAt < 0) throw fail('expected <namespace>_<name>_<group>_<kind>');
  const group = rest.slice(groupAt + 1);
  const name = rest.slice(0, groupAt).replaceAll('__', ':');
  if (name.includes('_')) throw fail('too many fields');
  return { namespace, name, group, kind };
}

/** The {@link ResourceId} of an object. */
export function resourceIdOf(obj: KubeObject): ResourceId {
  return {
    namespace: obj.metadata.namespace ?? '',
    name: obj.metadata.name ?? '',
    group: parseApiVersion(obj.apiVersion).group,
    kind: obj.kind,
  };
}
