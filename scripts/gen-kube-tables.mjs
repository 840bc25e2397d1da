#!/usr/bin/env node
// Generates packages/core/src/cluster/generated/kube-v1.20.ts: the built-in kinds a Kubernetes v1.20.2
// API server serves (discovery) and the compact structural schema of their types that server-side
// apply needs (list types, list-map keys, atomic maps), from the reference data recorded from that
// very server:
//   ../shared/services/kube-golden-v1.20/discovery-*.json   (discovery documents)
//   ../shared/reference/kubernetes-openapi-v1.20.2.json     (its /openapi/v2 document, 3.7 MB)
// The discovery documents list every group version (with the preferred one) and the resources of
// `v1` and `apiextensions.k8s.io/v1`; the resources of the other group versions come from the OpenAPI
// paths (namespaced when a `/namespaces/{namespace}/` path exists, subresources from `/{name}/<sub>`,
// verbs from the operations), which the script checks against the recorded documents where both exist.
// Schema conversion follows kube-openapi's pkg/schemaconv/smd.go (v1.20): `x-kubernetes-list-type`,
// else `x-kubernetes-patch-strategy: merge` (+ `x-kubernetes-patch-merge-key`) makes an associative
// list, else atomic; `x-kubernetes-map-type`; RawExtension and type-less definitions are untyped.
//
// Usage: node scripts/gen-kube-tables.mjs [SHARED_DIR]   (default ../shared beside the repository)
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const shared = resolve(process.argv[2] ?? process.env.GITOPS_KIT_SHARED ?? join(root, '..', 'shared'));
const golden = join(shared, 'services', 'kube-golden-v1.20');
const read = (p) => JSON.parse(readFileSync(p, 'utf8'));
const openapi = read(join(shared, 'reference', 'kubernetes-openapi-v1.20.2.json'));
const apis = read(join(golden, 'discovery-apis.json'));
const recorded = {
  v1: read(join(golden, 'discovery-api-v1.json')),
  'apiextensions.k8s.io/v1': read(join(golden, 'discovery-apiextensions-v1.json')),
};

// ---- discovery ---------------------------------------------------------------------------------
const groupVersions = [{ group: '', version: 'v1', preferred: true }];
for (const g of apis.groups) {
  for (const v of g.versions) {
    groupVersions.push({
      group: g.name,
      version: v.version,
      preferred: g.preferredVersion.version === v.version,
    });
  }
}

const VERB_ORDER = ['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'update', 'watch'];
function fromOpenApi(group, version) {
  const prefix = group === '' ? `/api/${version}/` : `/apis/${group}/${version}/`;
  const res = new Map();
  const entry = (plural) => {
    if (!res.has(plural))
      res.set(plural, { plural, kind: '', namespaced: false, verbs: new Set(), sub: new Set() });
    return res.get(plural);
  };
  for (const [path, ops] of Object.entries(openapi.paths)) {
    if (!path.startsWith(prefix)) continue;
    let rest = path.slice(prefix.length).split('/').filter(Boolean);
    let watch = false;
    if (rest[0] === 'watch') {
      watch = true;
      rest = rest.slice(1);
    }
    let namespaced = false;
    if (rest[0] === 'namespaces' && rest[1] === '{namespace}' && rest.length > 2) {
      namespaced = true;
      rest = rest.slice(2);
    }
    if (rest.length === 0) continue;
    const plural = rest[0];
    const e = entry(plural);
    if (namespaced) e.namespaced = true;
    const gvk = Object.values(ops).find((o) => o && o['x-kubernetes-group-version-kind'])?.[
      'x-kubernetes-group-version-kind'
    ];
    if (rest.length === 3 && rest[1] === '{name}') {
      e.sub.add(rest[2]);
      continue;
    }
    if (gvk && !e.kind) e.kind = gvk.kind;
    if (watch) {
      e.verbs.add('watch');
      continue;
    }
    const item = rest.length === 2 && rest[1] === '{name}';
    for (const method of Object.keys(ops)) {
      const verb = item
        ? { get: 'get', put: 'update', patch: 'patch', delete: 'delete' }[method]
        : { get: 'list', post: 'create', delete: 'deletecollection' }[method];
      if (verb) e.verbs.add(verb);
    }
  }
  return [...res.values()]
    .filter((r) => r.kind)
    .map((r) => ({ ...r, verbs: VERB_ORDER.filter((v) => r.verbs.has(v)), sub: [...r.sub].sort() }));
}

function fromRecorded(doc) {
  const out = new Map();
  for (const r of doc.resources) {
    const [plural, sub] = r.name.split('/');
    if (!sub)
      out.set(plural, {
        plural,
        kind: r.kind,
        namespaced: r.namespaced,
        verbs: [...r.verbs].sort(),
        sub: [],
      });
  }
  for (const r of doc.resources) {
    const [plural, sub] = r.name.split('/');
    if (sub && out.has(plural)) out.get(plural).sub.push(sub);
  }
  for (const r of out.values()) r.sub.sort();
  return [...out.values()];
}

const resources = [];
let checked = 0;
for (const gv of groupVersions) {
  const key = gv.group === '' ? gv.version : `${gv.group}/${gv.version}`;
  const derived = fromOpenApi(gv.group, gv.version);
  let list = derived;
  if (recorded[key]) {
    list = fromRecorded(recorded[key]);
    // Cross-check the OpenAPI derivation against the recorded discovery document.
    for (const r of list) {
      const d = derived.find((x) => x.plural === r.plural);
      if (!d) continue; // e.g. `bindings` has no item path the derivation recognises
      checked++;
      if (d.kind !== r.kind || d.namespaced !== r.namespaced) {
        throw new Error(
          `${key} ${r.plural}: openapi says ${d.kind}/${d.namespaced}, discovery ${r.kind}/${r.namespaced}`,
        );
      }
    }
  }
  for (const r of list.sort((a, b) => (a.plural < b.plural ? -1 : 1))) {
    resources.push([key, r.plural, r.kind, r.namespaced ? 1 : 0, r.sub.join(','), r.verbs.join(',')]);
  }
}

// ---- schemas -----------------------------------------------------------------------------------
const defs = openapi.definitions;
const short = (name) => name.replace(/^io\.k8s\./, '');
const RAW = 'io.k8s.apimachinery.pkg.runtime.RawExtension';
const used = new Set();
const out = {};

// Compact type notation (see schema.ts `CompactType`):
//   's' string, 'n' number, 'b' boolean, 'x' untyped scalar, 'u' untyped atomic, 'd' untyped deduced, '<name>' named type,
//   {f:{field:T}, a?:1 (atomic map), e?:T (elements of unknown keys)}  struct/map,
//   {l:T, t:'a'|'s'|'m', k?:[keys]}  list.
function conv(s) {
  if (s.$ref) {
    const name = s.$ref.replace('#/definitions/', '');
    if (name === RAW) return 'u';
    used.add(name);
    return short(name);
  }
  const type = Array.isArray(s.type) ? s.type[0] : s.type;
  if (type === undefined || type === 'object') {
    if (s.properties) {
      const f = {};
      for (const [k, v] of Object.entries(s.properties)) f[k] = conv(v);
      const t = { f };
      if (s['x-kubernetes-map-type'] === 'atomic') t.a = 1;
      return t;
    }
    if (type === undefined) return 'u';
    const t = {
      f: {},
      e:
        s.additionalProperties && typeof s.additionalProperties === 'object'
          ? conv(s.additionalProperties)
          : 'u',
    };
    if (s['x-kubernetes-map-type'] === 'atomic') t.a = 1;
    return t;
  }
  if (type === 'array') {
    const t = { l: s.items ? conv(s.items) : 'u', t: 'a' };
    const lt = s['x-kubernetes-list-type'];
    if (lt === 'set') t.t = 's';
    else if (lt === 'map') {
      t.t = 'm';
      t.k = s['x-kubernetes-list-map-keys'];
    } else if (lt === undefined) {
      const ps = s['x-kubernetes-patch-strategy'];
      if (ps === 'merge' || ps === 'merge,retainKeys') {
        const key = s['x-kubernetes-patch-merge-key'];
        if (key) {
          t.t = 'm';
          t.k = [key];
        } else t.t = 's';
      }
    }
    return t;
  }
  if (type === 'integer' || type === 'number') return 'n';
  if (type === 'boolean') return 'b';
  if (type === 'string' && (s.format === undefined || s.format === '' || s.format === 'byte')) return 's';
  return 'x';
}

const kindTypes = {};
for (const [name, s] of Object.entries(defs)) {
  for (const gvk of s['x-kubernetes-group-version-kind'] ?? []) {
    const key = `${gvk.group === '' ? gvk.version : `${gvk.group}/${gvk.version}`}/${gvk.kind}`;
    if (resources.some((r) => r[0] + '/' + r[2] === key)) {
      kindTypes[key] = short(name);
      used.add(name);
    }
  }
}
used.add('io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta'); // custom resources embed it
const done = new Set();
while (done.size < used.size) {
  for (const name of [...used]) {
    if (done.has(name)) continue;
    done.add(name);
    out[short(name)] = conv(defs[name]);
  }
}

const lines = [];
lines.push(
  '// Generated by scripts/gen-kube-tables.mjs from the discovery documents and OpenAPI v2 document',
);
lines.push(
  '// of a real kube-apiserver v1.20.2 (../shared/services/kube-golden-v1.20, ../shared/reference).',
);
lines.push('// Do not edit by hand: re-run the script.');
lines.push('');
lines.push('/** Group versions served, `[apiVersion, preferred]`. @internal */');
lines.push(
  `export const builtinGroupVersions: ReadonlyArray<readonly [string, boolean]> = ${JSON.stringify(groupVersions.map((g) => [g.group === '' ? g.version : `${g.group}/${g.version}`, g.preferred]))};`,
);
lines.push('');
lines.push(
  '/** Resources, `[apiVersion, plural, kind, namespaced, subresources, verbs]` (comma lists). @internal */',
);
lines.push(
  'export const builtinResources: ReadonlyArray<readonly [string, string, string, 0 | 1, string, string]> = [',
);
for (const r of resources) lines.push(`  ${JSON.stringify(r)},`);
lines.push('];');
lines.push('');
lines.push('/** Schema type of each built-in kind, keyed `apiVersion/Kind`. @internal */');
lines.push('export const builtinKindTypes: Readonly<Record<string, string>> = {');
for (const k of Object.keys(kindTypes).sort())
  lines.push(`  ${JSON.stringify(k)}: ${JSON.stringify(kindTypes[k])},`);
lines.push('};');
lines.push('');
lines.push('/** Compact structural schema of the named types (see `schema.ts`). @internal */');
lines.push('export const builtinTypes: Readonly<Record<string, unknown>> = {');
for (const k of Object.keys(out).sort()) lines.push(`  ${JSON.stringify(k)}: ${JSON.stringify(out[k])},`);
lines.push('};');
lines.push('');
const file = join(root, 'packages/core/src/cluster/generated/kube-v1.20.ts');
writeFileSync(file, lines.join('\n'));
console.log(
  `${file}: ${groupVersions.length} group versions, ${resources.length} resources (${checked} checked against recorded discovery), ${Object.keys(kindTypes).length} kinds, ${Object.keys(out).length} types`,
);
