/**
 * Legacy `vars`: `$(NAME)` references in the `varReference` fields are replaced with the value of
 * a field of a referenced resource, after name references are fixed.
 *
 * @see https://github.com/kubernetes-sigs/kustomize/blob/api/v0.18.0/api/filters/refvar/refvar.go
 * @see https://github.com/kubernetes-sigs/kustomize/blob/api/v0.18.0/api/types/var.go
 */
import { KustomizeError } from '../errors/KustomizeError.js';
import { Kind, Tag, type YNode } from '../yaml/node.js';
import { toGoValue } from '../yaml/emit.js';
import type { FieldSpec } from './config/transformerConfig.js';
import { applyFieldSpec, smarterPathSplitter } from './filters/fieldspec.js';
import type { VarArg } from './kustomization.js';
import { isStringValue, pathGet } from './kyaml.js';
import type { ResMap } from './resmap.js';
import type { Resource } from './resource.js';
import { type ResId, gvkString, gvknEquals, resIdEquals } from './resid.js';

/** A var with defaults applied (`fieldref.fieldPath` defaults to `metadata.name`). */
export interface Var {
  name: string;
  objref: {
    group: string;
    version: string;
    kind: string;
    name: string;
    namespace: string;
    apiVersion: string;
  };
  fieldPath: string;
}

/** kustomize `Var.Defaulting` + `Target.GVK()`. */
export function normalizeVar(v: VarArg): Var {
  const o = v.objref ?? {};
  let group = o.group ?? '';
  let version = o.version ?? '';
  if (o.apiVersion) {
    const parts = o.apiVersion.split('/');
    if (parts.length === 2) [group, version] = parts as [string, string];
    if (parts.length === 1) version = parts[0]!;
  }
  return {
    name: v.name ?? '',
    objref: {
      group,
      version,
      kind: o.kind ?? '',
      name: o.name ?? '',
      namespace: o.namespace ?? '',
      apiVersion: o.apiVersion ?? '',
    },
    fieldPath: v.fieldref?.fieldPath || 'metadata.name',
  };
}

function varErr(msg: string): KustomizeError {
  return new KustomizeError('InvalidVar', msg);
}

/** kustomize `ResAccumulator.MergeVars`: tags the resource each var refers to; names must be unique. */
export function mergeVars(m: ResMap, vars: Map<string, Var>, incoming: VarArg[]): void {
  const ctx = m.ctx;
  for (const raw of incoming) {
    const v = normalizeVar(raw);
    const av = v.objref.group ? `${v.objref.group}/${v.objref.version}` : v.objref.version;
    const target: ResId = {
      gvk: {
        group: v.objref.group,
        version: v.objref.version,
        kind: v.objref.kind,
        clusterScoped: ctx.isClusterScoped(av, v.objref.kind),
      },
      name: v.objref.name,
      namespace: v.objref.namespace,
    };
    const matcher =
      target.namespace !== '' || target.gvk.clusterScoped
        ? (id: ResId) => resIdEquals(target, id)
        : (id: ResId) => gvknEquals(target, id);
    const matched = m.byAnyId(matcher);
    if (matched.length > 1)
      throw varErr(`found ${matched.length} resId matches for var ${v.name} (unable to disambiguate)`);
    if (matched.length === 1) matched[0]!.refVarNames.push(v.name);
  }
  for (const raw of incoming) {
    const v = normalizeVar(raw);
    if (vars.has(v.name)) throw varErr(`var '${v.name}' already encountered`);
    vars.set(v.name, v);
  }
}

/** Merges another accumulator's vars (duplicates are errors). */
export function mergeVarSet(into: Map<string, Var>, from: Map<string, Var>): void {
  for (const v of from.values()) {
    if (into.has(v.name)) throw varErr(`var '${v.name}' already encountered`);
    into.set(v.name, v);
  }
}

type VarValue = string | number | boolean | { int: string } | { float: string };

function fieldValue(r: Resource, fieldPath: string): VarValue | null {
  const parts = smarterPathSplitter(fieldPath, '.').flatMap((p) => {
    const m = /^(.*)\[(\d+)\]$/.exec(p);
    return m && !p.startsWith('[') ? [m[1]!, m[2]!] : [p];
  });
  let n: YNode | undefined;
  try {
    n = pathGet(r.node, parts);
  } catch {
    return null;
  }
  if (!n) return null;
  if (n.kind !== Kind.Scalar) return null;
  const v = toGoValue(n, false);
  if (typeof v === 'string' || typeof v === 'boolean') return v;
  if (v !== null && typeof v === 'object' && !Array.isArray(v)) {
    if (v.t === 'int') return { int: v.big !== undefined ? v.big.toString() : String(v.n) };
    if (v.t === 'float') return { float: String(v.f) };
    if (v.t === 'time') return n.value;
  }
  return n.value;
}

/** Resolves vars over the `varReference` fields; returns the names never used. */
export function resolveVars(m: ResMap, vars: Map<string, Var>, fieldSpecs: FieldSpec[]): string[] {
  const values = new Map<string, VarValue>();
  for (const v of [...vars.values()].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
    let found = false;
    for (const r of m.list) {
      if (!r.refVarNames.includes(v.name)) continue;
      const val = fieldValue(r, v.fieldPath);
      if (val === null) {
        throw varErr(`field specified in var '${varString(v)}' not found in corresponding resource`);
      }
      values.set(v.name, val);
      found = true;
      break;
    }
    if (!found)
      throw varErr(`var '${varString(v)}' cannot be mapped to a field in the set of known resources`);
  }
  if (values.size === 0) return [];
  const used = new Set<string>();
  const mapping = (key: string): VarValue | string => {
    const v = values.get(key);
    if (v === undefined) return `$(${key})`;
    used.add(key);
    return v;
  };
  for (const r of m.list) {
    for (const fs of fieldSpecs) {
      try {
        applyFieldSpec(r.node, fs, (node) => setVar(node, mapping));
      } catch (e) {
        throw varErr((e as Error).message);
      }
    }
  }
  return [...values.keys()].filter((k) => !used.has(k));
}

/**
 * `%v` of kustomize's `types.Var`: `{name objref {fieldPath}}`, where the objref (a `Target`)
 * prints as its embedded `resid.Gvk`'s `String()` (`ConfigMap.v1.[noGrp]`): the name and namespace
 * do not show.
 */
function varString(v: Var): string {
  return `{${v.name} ${gvkString(v.objref)} {${v.fieldPath}}}`;
}

function setVar(node: YNode, mapping: (k: string) => VarValue | string): void {
  if (node.tag === Tag.Null && node.kind === Kind.Scalar) return;
  switch (node.kind) {
    case Kind.Scalar:
      if (!isStringValue(node)) return;
      update(node, doReplacements(node.value, mapping));
      return;
    case Kind.Mapping: {
      const c = node.content;
      for (let i = 0; i + 1 < c.length; i += 2) {
        if (!isStringValue(c[i]!))
          throw new Error(`invalid map key: value='${c[i]!.value}', tag='${c[i]!.tag}'`);
        if (!isStringValue(c[i + 1]!)) continue;
        update(c[i + 1]!, doReplacements(c[i + 1]!.value, mapping));
      }
      return;
    }
    case Kind.Sequence:
      for (const item of node.content) {
        if (!isStringValue(item)) throw new Error('invalid value type expect a string');
        update(item, doReplacements(item.value, mapping));
      }
      return;
  }
}

function update(node: YNode, v: VarValue | string): void {
  if (typeof v === 'string') {
    node.value = v;
    node.tag = Tag.Str;
    node.style = 0;
  } else if (typeof v === 'boolean') {
    node.value = String(v);
    node.tag = Tag.Bool;
    node.style = 0;
  } else if (typeof v === 'number') {
    node.value = String(v);
    node.tag = Number.isInteger(v) ? Tag.Int : Tag.Float;
    node.style = 0;
  } else if ('int' in v) {
    node.value = v.int;
    node.tag = Tag.Int;
    node.style = 0;
  } else {
    node.value = v.float;
    node.tag = Tag.Float;
    node.style = 0;
  }
}

function valueText(v: VarValue | string): string {
  if (typeof v === 'string') return v;
  if (typeof v === 'boolean' || typeof v === 'number') return String(v);
  return 'int' in v ? v.int : v.float;
}

/** kustomize `DoReplacements`: `$(NAME)` expansion with `$$` escaping. */
export function doReplacements(input: string, mapping: (k: string) => VarValue | string): VarValue | string {
  let buf = '';
  let checkpoint = 0;
  for (let cursor = 0; cursor < input.length; cursor++) {
    if (input[cursor] === '$' && cursor + 1 < input.length) {
      buf += input.slice(checkpoint, cursor);
      const rest = input.slice(cursor + 1);
      let read: string;
      let isVar = false;
      let advance = 1;
      if (rest[0] === '$') {
        read = '$';
      } else if (rest[0] === '(') {
        const close = rest.indexOf(')', 1);
        if (close > 0) {
          read = rest.slice(1, close);
          isVar = true;
          advance = close + 1;
        } else read = '$(';
      } else read = `$${rest[0]}`;
      if (isVar) {
        const mapped = mapping(read);
        if (input === `$(${read})`) return mapped;
        buf += valueText(mapped);
      } else buf += read;
      cursor += advance;
      checkpoint = cursor + 1;
    }
  }
  return buf + input.slice(checkpoint);
}
