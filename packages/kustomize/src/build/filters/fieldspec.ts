/**
 * Applying a setter at a field spec's path (kustomize `filters/fieldspec`): the path walks mapping
 * fields (creating them when `create` is set), `x[]` walks every element of list `x`, and the
 * setter runs on what is found. Only resources matching the spec's GVK are touched.
 *
 * @see https://github.com/kubernetes-sigs/kustomize/blob/api/v0.18.0/api/filters/fieldspec/fieldspec.go
 */
import { Kind, Tag, type YNode } from '../../yaml/node.js';
import type { FieldSpec } from '../config/transformerConfig.js';
import { errorIfInvalid, getApiVersion, getField, getKind, pathGet } from '../kyaml.js';
import { parseGroupVersion } from '../resid.js';

/** A setter applied at the end of the path. */
export type SetFn = (node: YNode) => void;

const SPLIT_CACHE = new Map<string, string[]>();

/** kyaml `PathSplitter`: `/`-split with `\/` escapes. */
export function pathSplitter(p: string, delimiter = '/'): string[] {
  if (delimiter === '/') {
    const hit = SPLIT_CACHE.get(p);
    if (hit) return hit;
    const r = splitUncached(p, delimiter);
    if (SPLIT_CACHE.size < 10000) SPLIT_CACHE.set(p, r);
    return r;
  }
  return splitUncached(p, delimiter);
}

function splitUncached(p: string, delimiter: string): string[] {
  let ps = p.split(delimiter);
  if (ps.length > 1 && ps[0] === '') ps = ps.slice(1);
  const res: string[] = [ps[0]!];
  for (let i = 1; i < ps.length; i++) {
    const last = res.length - 1;
    if (res[last]!.endsWith('\\')) res[last] = `${res[last]!.slice(0, -1)}${delimiter}${ps[i]}`;
    else res.push(ps[i]!);
  }
  return res;
}

/** kyaml `SmarterPathSplitter`: like {@link pathSplitter} but keeps `[a=b/c]` together. */
export function smarterPathSplitter(p: string, delimiter: string): string[] {
  const split = pathSplitter(p, delimiter);
  const result: string[] = [];
  for (let i = 0; i < split.length; i++) {
    const elem = split[i]!;
    if (elem.startsWith('[') && !elem.endsWith(']')) {
      const bracketed = [elem];
      while (i < split.length - 1) {
        i++;
        bracketed.push(split[i]!);
        if (split[i]!.endsWith(']')) break;
      }
      const s = bracketed.join(delimiter);
      result.push(s.includes('=') ? s : s.replace(/^\[+|\]+$/g, ''));
    } else result.push(elem);
  }
  return result;
}

/** True when the resource's GVK matches the spec's selector fields. */
export function fieldSpecMatchesGvk(fs: FieldSpec, obj: YNode): boolean {
  if (fs.kind !== '' && fs.kind !== getKind(obj)) return false;
  const [group, version] = parseGroupVersion(getApiVersion(obj));
  if (fs.group !== '' && fs.group !== group) return false;
  if (fs.version !== '' && fs.version !== version) return false;
  return true;
}

/** An error walking a field spec (kustomize wraps it with the spec). */
export class FieldSpecError extends Error {}

/** Options of {@link applyFieldSpec}. */
export interface FieldSpecOptions {
  /** Kind of the last path element when it is created (0: never created). */
  createKind?: Kind | 0;
  /** Tag of a created last element. */
  createTag?: string;
}

/**
 * Runs `set` at `fs.path` in `obj` (when the GVK matches). Throws {@link FieldSpecError} when the
 * path crosses a scalar.
 */
export function applyFieldSpec(obj: YNode, fs: FieldSpec, set: SetFn, opts: FieldSpecOptions = {}): void {
  if (!fieldSpecMatchesGvk(fs, obj)) return;
  const path = pathSplitter(fs.path, '/');
  try {
    walk(obj, path, fs, set, opts.createKind ?? 0, opts.createTag ?? '');
  } catch (e) {
    if (e instanceof FieldSpecError)
      throw new FieldSpecError(`considering field '${fs.path}' of object ${idOf(obj)}: ${e.message}`);
    throw e;
  }
}

function idOf(obj: YNode): string {
  const md = getField(obj, 'metadata');
  const name = md ? (getField(md, 'name')?.value ?? '') : '';
  const ns = md ? (getField(md, 'namespace')?.value ?? '') : '';
  const [g, v] = parseGroupVersion(getApiVersion(obj));
  return `${getKind(obj) || '[noKind]'}.${v || '[noVer]'}.${g || '[noGrp]'}/${name || '[noName]'}.${ns || '[noNs]'}`;
}

function walk(
  obj: YNode,
  path: string[],
  fs: FieldSpec,
  set: SetFn,
  createKind: Kind | 0,
  createTag: string,
): void {
  if (path.length === 0) {
    set(obj);
    return;
  }
  if (obj.tag === Tag.Null && obj.kind === Kind.Scalar) return;
  switch (obj.kind) {
    case Kind.Sequence:
      for (const item of obj.content) walk(item, path, fs, set, createKind, createTag);
      return;
    case Kind.Mapping:
      break;
    case Kind.Alias:
      if (obj.alias) walk(obj.alias, path, fs, set, createKind, createTag);
      return;
    default:
      throw new FieldSpecError('expected sequence or mapping node');
  }
  let fieldName = path[0]!;
  const isSeq = fieldName.endsWith('[]');
  if (isSeq) fieldName = fieldName.slice(0, -2);
  if (fieldName === '') throw new FieldSpecError('cannot set or create an empty field name');
  let field: YNode | undefined;
  let kind: Kind | 0 = 0;
  let tag = '';
  try {
    if (!fs.create || createKind === 0 || isSeq) {
      errorIfInvalid(obj, Kind.Mapping);
      field = getField(obj, fieldName);
      if (isSeq) kind = Kind.Sequence;
    } else if (path.length <= 1) {
      field = pathGet(obj, [fieldName], createKind);
      kind = createKind;
      tag = createTag;
    } else {
      field = pathGet(obj, [fieldName], Kind.Mapping);
      kind = Kind.Mapping;
      tag = Tag.Map;
    }
  } catch (e) {
    throw new FieldSpecError(`fieldName: ${fieldName}: ${(e as Error).message}`);
  }
  if (!field) return;
  if (field.tag === Tag.Null && kind !== 0) {
    field.kind = kind;
    field.tag = tag;
  }
  walk(field, path.slice(1), fs, set, createKind, createTag);
}
