import fastJsonPatch from 'fast-json-patch';
import { CoreError } from '../errors/GitOpsKitError.js';

/**
 * Applies an RFC 7386 JSON merge patch (`application/merge-patch+json`): maps merge recursively,
 * `null` deletes a key, anything else (lists included) replaces. Returns a new value.
 *
 * @see https://www.rfc-editor.org/rfc/rfc7386
 */
export function applyMergePatch(target: unknown, patch: unknown): unknown {
  if (patch === null || typeof patch !== 'object' || Array.isArray(patch)) return structuredClone(patch);
  const base: Record<string, unknown> =
    target !== null && typeof target === 'object' && !Array.isArray(target)
      ? { ...(target as Record<string, unknown>) }
      : {};
  for (const [k, v] of Object.entries(patch as Record<string, unknown>)) {
    if (v === null) delete base[k];
    else base[k] = applyMergePatch(base[k], v);
  }
  return base;
}

/**
 * Applies an RFC 6902 JSON patch (`application/json-patch+json`) with `fast-json-patch`. Returns a
 * new value.
 *
 * @param what - the object, for messages (`Kind/namespace/name`).
 * @throws {CoreError} `InvalidArgument` when the patch is not a list of operations, `Invalid` when
 * an operation fails (missing path, failed `test`).
 * @see https://www.rfc-editor.org/rfc/rfc6902
 */
export function applyJsonPatch(target: unknown, patch: unknown, what: string): unknown {
  if (!Array.isArray(patch)) {
    throw new CoreError('InvalidArgument', `${what}: JSON patch must be a list of operations`);
  }
  const err = fastJsonPatch.validate(patch as fastJsonPatch.Operation[], structuredClone(target));
  if (err) {
    const code =
      err.name === 'TEST_OPERATION_FAILED' || err.name === 'OPERATION_PATH_UNRESOLVABLE'
        ? 'Invalid'
        : 'InvalidArgument';
    throw new CoreError(
      code,
      `${what}: JSON patch operation ${err.index ?? 0} (${err.operation?.op ?? '?'} ${err.operation?.path ?? ''}) failed: ${err.name}`,
      {
        data: { fieldPath: err.operation?.path },
      },
    );
  }
  return fastJsonPatch.applyPatch(structuredClone(target), patch as fastJsonPatch.Operation[], false, false)
    .newDocument;
}
