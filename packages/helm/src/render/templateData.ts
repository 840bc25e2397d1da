import {
  GoInt,
  goFunc,
  goInt,
  goString,
  goType,
  type GoTypeInfo,
  typedSlice,
  yamlMarshal,
} from '@gitops-kit/template';
import type { Chart, ChartDependency, ChartFile, ChartMaintainer, ChartMetadata } from '../chart/types.js';
import { isTable, type Value } from '../values/types.js';
import type { Capabilities } from './capabilities.js';
import { globMatcher } from './glob.js';

/**
 * The objects Helm hands to templates, in `@gitops-kit/template`'s Go value model: `.Chart` (the
 * `chart.Metadata` struct plus `IsRoot`, Go field names for templates, JSON names for
 * `toYaml`/`toJson`), `.Files` (a map with `Get`/`GetBytes`/`Glob`/`Lines`/`AsConfig`/`AsSecrets`),
 * `.Capabilities`, `.Release`, `.Values`.
 *
 * @see https://github.com/helm/helm/blob/v3.17.2/pkg/engine/engine.go (recAllTpls)
 * @see https://github.com/helm/helm/blob/v3.17.2/pkg/engine/files.go
 */

type GoObject = Record<string, unknown>;

function goPrototype(info: GoTypeInfo, toJSON?: (this: GoObject) => unknown): object {
  const proto: Record<string | symbol, unknown> = { [goType]: info };
  if (toJSON) Object.defineProperty(proto, 'toJSON', { value: toJSON, enumerable: false });
  return proto;
}

function withProto(proto: object, fields: GoObject): GoObject {
  const o = Object.create(proto) as GoObject;
  for (const [k, v] of Object.entries(fields)) o[k] = v;
  return o;
}

/** `encoding/json`'s `omitempty` test. */
function isEmptyJson(v: unknown): boolean {
  if (v === undefined || v === null || v === '' || v === false || v === 0) return true;
  if (Array.isArray(v)) return v.length === 0;
  if (typeof v === 'object' && !(v instanceof GoInt) && Object.keys(v as object).length === 0) return true;
  return false;
}

// The JSON view of a struct keeps field order (encoding/json writes struct fields in declaration order).
const jsonStructProto = goPrototype({ name: 'struct', kind: 'struct' });

/** Builds a JSON view from `[goField, jsonName, omitempty]` triples. */
function jsonView(o: GoObject, fields: [string, string, boolean][]): GoObject {
  const out = Object.create(jsonStructProto) as GoObject;
  for (const [go, json, omit] of fields) {
    const v = o[go];
    if (omit && isEmptyJson(v)) continue;
    out[json] = v === undefined ? null : v;
  }
  return out;
}

/** Values as templates see them: int64 from `--set` becomes a Go int64, the rest is shared as-is. */
export function toTemplateValue(v: Value): unknown {
  if (typeof v === 'bigint') {
    const n = Number(v);
    return Number.isSafeInteger(n) ? new GoInt('int64', n) : new GoInt('int64', n, v);
  }
  if (Array.isArray(v)) return v.map(toTemplateValue);
  if (isTable(v)) {
    const out: GoObject = {};
    for (const k of Object.keys(v)) {
      const x = toTemplateValue(v[k] as Value);
      if (k === '__proto__')
        Object.defineProperty(out, k, { value: x, enumerable: true, writable: true, configurable: true });
      else out[k] = x;
    }
    return out;
  }
  return v;
}

const valuesProto = goPrototype({ name: 'chartutil.Values', kind: 'map' });

/** Marks a values map as `chartutil.Values` (what `typeOf .Values` prints). */
export function asChartutilValues(m: GoObject): GoObject {
  Object.setPrototypeOf(m, valuesProto);
  return m;
}

/** A new `chartutil.Values` map with the given entries. */
export function chartutilValues(fields: GoObject): GoObject {
  return withProto(valuesProto, fields);
}

const maintainerFields: [string, string, boolean][] = [
  ['Name', 'name', true],
  ['Email', 'email', true],
  ['URL', 'url', true],
];
const maintainerProto = goPrototype({ name: 'chart.Maintainer', kind: 'struct', pointer: true }, function () {
  return jsonView(this, maintainerFields);
});

const dependencyFields: [string, string, boolean][] = [
  ['Name', 'name', false],
  ['Version', 'version', true],
  ['Repository', 'repository', false],
  ['Condition', 'condition', true],
  ['Tags', 'tags', true],
  ['Enabled', 'enabled', true],
  ['ImportValues', 'import-values', true],
  ['Alias', 'alias', true],
];
const dependencyProto = goPrototype({ name: 'chart.Dependency', kind: 'struct', pointer: true }, function () {
  return jsonView(this, dependencyFields);
});

const metadataFields: [string, string, boolean][] = [
  ['Name', 'name', true],
  ['Home', 'home', true],
  ['Sources', 'sources', true],
  ['Version', 'version', true],
  ['Description', 'description', true],
  ['Keywords', 'keywords', true],
  ['Maintainers', 'maintainers', true],
  ['Icon', 'icon', true],
  ['APIVersion', 'apiVersion', true],
  ['Condition', 'condition', true],
  ['Tags', 'tags', true],
  ['AppVersion', 'appVersion', true],
  ['Deprecated', 'deprecated', true],
  ['Annotations', 'annotations', true],
  ['KubeVersion', 'kubeVersion', true],
  ['Dependencies', 'dependencies', true],
  ['Type', 'type', true],
];
const chartProto = goPrototype(
  { name: 'struct { chart.Metadata; IsRoot bool }', kind: 'struct' },
  function () {
    const v = jsonView(this, metadataFields);
    v.IsRoot = this.IsRoot;
    return v;
  },
);
const metadataProto = goPrototype({ name: 'chart.Metadata', kind: 'struct' }, function () {
  return jsonView(this, metadataFields);
});
const stringMapProto = goPrototype({ name: 'map[string]string', kind: 'map', elem: 'string' });

function strings(list: string[] | undefined): string[] {
  return typedSlice('string', [...(list ?? [])]);
}

function templateMaintainer(m: ChartMaintainer | null): unknown {
  if (m === null) return null;
  return withProto(maintainerProto, { Name: m.name ?? '', Email: m.email ?? '', URL: m.url ?? '' });
}

function templateDependency(d: ChartDependency | null): unknown {
  if (d === null) return null;
  return withProto(dependencyProto, {
    Name: d.name ?? '',
    Version: d.version ?? '',
    Repository: d.repository ?? '',
    Condition: d.condition ?? '',
    Tags: strings(d.tags),
    Enabled: d.enabled ?? false,
    ImportValues: (d.importValues ?? []).map((x) => toTemplateValue(x as Value)),
    Alias: d.alias ?? '',
  });
}

/** `.Chart`: Helm's `struct { chart.Metadata; IsRoot bool }`. */
export function templateChart(md: ChartMetadata, isRoot: boolean): GoObject {
  const annotations = Object.create(stringMapProto) as GoObject;
  for (const [k, v] of Object.entries(md.annotations ?? {})) annotations[k] = v;
  const metadata = withProto(metadataProto, {
    Name: md.name ?? '',
    Home: md.home ?? '',
    Sources: strings(md.sources),
    Version: md.version ?? '',
    Description: md.description ?? '',
    Keywords: strings(md.keywords),
    Maintainers: (md.maintainers ?? []).map(templateMaintainer),
    Icon: md.icon ?? '',
    APIVersion: md.apiVersion ?? '',
    Condition: md.condition ?? '',
    Tags: md.tags ?? '',
    AppVersion: md.appVersion ?? '',
    Deprecated: md.deprecated ?? false,
    Annotations: annotations,
    KubeVersion: md.kubeVersion ?? '',
    Dependencies: (md.dependencies ?? []).map(templateDependency),
    Type: md.type ?? '',
  });
  // The embedded chart.Metadata is the struct's first field (`.Chart.Metadata`, and what %v prints:
  // `{{name …} true}`); its fields are promoted (`.Chart.Name`): own, non-enumerable copies.
  const o = withProto(chartProto, { Metadata: metadata, IsRoot: isRoot });
  for (const [k, v] of Object.entries(metadata)) Object.defineProperty(o, k, { value: v, enumerable: false });
  return o;
}

/** `string(bytes)` of file contents, decoded once per file however often templates read it. */
const decodedFiles = new WeakMap<Uint8Array, string>();

/** A file's contents as a Go string (invalid UTF-8 kept as bytes, see `goString`). */
function text(v: Uint8Array): string {
  let s = decodedFiles.get(v);
  if (s === undefined) {
    s = goString(v);
    decodedFiles.set(v, s);
  }
  return s;
}

const filesMethods = {
  Get: goFunc('func(string) string', function (this: GoObject, name: string) {
    const v = Object.hasOwn(this, name) ? (this[name] as Uint8Array) : undefined;
    return v ? text(v) : '';
  }),
  GetBytes: goFunc('func(string) []uint8', function (this: GoObject, name: string) {
    return Object.hasOwn(this, name) ? (this[name] as Uint8Array) : new Uint8Array(0);
  }),
  Glob: goFunc('func(string) engine.files', function (this: GoObject, pattern: string) {
    const match = globMatcher(pattern);
    const out = Object.create(filesProto) as GoObject;
    for (const k of Object.keys(this)) if (match(k)) out[k] = this[k];
    return out;
  }),
  AsConfig: goFunc('func() string', function (this: GoObject) {
    const m: Record<string, string> = {};
    for (const k of Object.keys(this)) m[base(k)] = text(this[k] as Uint8Array);
    return yamlMarshal(m).replace(/\n$/, '');
  }),
  AsSecrets: goFunc('func() string', function (this: GoObject) {
    const m: Record<string, string> = {};
    for (const k of Object.keys(this)) {
      const v = this[k] as Uint8Array;
      m[base(k)] = Buffer.from(v.buffer, v.byteOffset, v.byteLength).toString('base64');
    }
    return yamlMarshal(m).replace(/\n$/, '');
  }),
  Lines: goFunc('func(string) []string', function (this: GoObject, path: string) {
    const v = Object.hasOwn(this, path) ? (this[path] as Uint8Array) : undefined;
    if (v === undefined) return typedSlice('string', []);
    let s = text(v);
    if (s.endsWith('\n')) s = s.slice(0, -1);
    return typedSlice('string', s.split('\n'));
  }),
};
const filesProto = goPrototype({ name: 'engine.files', kind: 'map', elem: '[]uint8', methods: filesMethods });

function base(p: string): string {
  const i = p.lastIndexOf('/');
  return i >= 0 ? p.slice(i + 1) : p;
}

/** `.Files`: the chart's non-template files. */
export function templateFiles(files: ChartFile[]): GoObject {
  const o = Object.create(filesProto) as GoObject;
  for (const f of files) o[f.name] = f.data;
  return o;
}

const kubeVersionProto = goPrototype({
  name: 'chartutil.KubeVersion',
  kind: 'struct',
  methods: {
    String: goFunc('func() string', function (this: GoObject) {
      return this.Version;
    }),
    GitVersion: goFunc('func() string', function (this: GoObject) {
      return this.Version;
    }),
  },
});

// Helm's VersionSet is a []string with a Has method: an array whose prototype, a child of
// Array.prototype, names the type and holds the method, so templates can also range over it, take
// its len, index it and print it as the slice it is.
const versionSetProto: object = Object.create(Array.prototype, {
  [goType]: {
    value: {
      name: 'chartutil.VersionSet',
      kind: 'slice',
      methods: {
        Has: goFunc('func(string) bool', function (this: string[], v: string) {
          return this.includes(v);
        }),
      },
    } satisfies GoTypeInfo,
  },
});

const buildInfoFields: [string, string, boolean][] = [
  ['Version', 'version', true],
  ['GitCommit', 'git_commit', true],
  ['GitTreeState', 'git_tree_state', true],
  ['GoVersion', 'go_version', true],
];
const buildInfoProto = goPrototype({ name: 'version.BuildInfo', kind: 'struct' }, function () {
  return jsonView(this, buildInfoFields);
});
const capabilitiesProto = goPrototype({ name: 'chartutil.Capabilities', kind: 'struct', pointer: true });

/** `.Capabilities`. */
export function templateCapabilitiesObject(caps: Capabilities): GoObject {
  const versionSet = Object.setPrototypeOf(typedSlice('string', [...caps.apiVersions]), versionSetProto);
  return withProto(capabilitiesProto, {
    KubeVersion: withProto(kubeVersionProto, {
      Version: caps.kubeVersion.version,
      Major: caps.kubeVersion.major,
      Minor: caps.kubeVersion.minor,
    }),
    APIVersions: versionSet,
    HelmVersion: withProto(buildInfoProto, {
      Version: caps.helmVersion.version,
      GitCommit: caps.helmVersion.gitCommit,
      GitTreeState: caps.helmVersion.gitTreeState,
      GoVersion: caps.helmVersion.goVersion,
    }),
  });
}

/** The release as templates see it (`.Release`). */
export interface ReleaseInfo {
  name: string;
  namespace: string;
  /** Default 1. */
  revision?: number;
  /** Default true. */
  isInstall?: boolean;
  /** Default false. */
  isUpgrade?: boolean;
}

/** `.Release`: a plain map, `Revision` a Go int. */
export function templateRelease(r: ReleaseInfo): GoObject {
  return {
    Name: r.name,
    Namespace: r.namespace,
    IsUpgrade: r.isUpgrade ?? false,
    IsInstall: r.isInstall ?? !(r.isUpgrade ?? false),
    Revision: goInt(r.revision ?? 1),
    Service: 'Helm',
  };
}

export type { Chart };
