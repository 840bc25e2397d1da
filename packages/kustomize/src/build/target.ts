/**
 * One kustomization directory and the whole recursive build (kustomize's `KustTarget`): load the
 * kustomization file, accumulate resources (files and bases), transformer configurations and CRD
 * field specs, run generators, apply components, run the built-in transformers in kustomize's
 * order, merge vars; at the top, add hash suffixes, fix name references, resolve vars and drop
 * local-config objects.
 *
 * @see https://github.com/kubernetes-sigs/kustomize/blob/api/v0.18.0/api/internal/target/kusttarget.go
 * @see https://github.com/kubernetes-sigs/kustomize/blob/api/v0.18.0/api/internal/target/kusttarget_configplugin.go
 */
import * as path from 'node:path';
import { goQuote } from '@gitops-kit/core/errors';
import { KustomizeError } from '../errors/KustomizeError.js';
import { jsonRoundTrip, toGoValue } from '../yaml/emit.js';
import { Kind } from '../yaml/node.js';
import type { GoValue } from '../yaml/resolve.js';
import { parseFirstDocument } from '../yaml/parse.js';
import {
  type FieldSpec,
  type TransformerConfig,
  emptyConfig,
  makeDefaultConfig,
  mergeAllFs,
  mergeConfig,
  mergeOneFs,
  parseTransformerConfig,
  toFieldSpec,
} from './config/transformerConfig.js';
import type { BuildContext } from './context.js';
import {
  MalformedYamlError,
  makeConfigMap,
  makeSecret,
  mergeGlobalOptions,
  resourcesFromText,
} from './factory.js';
import { type HelmChartInflater, helmChartRequest } from './helmChart.js';
import { decodeJsonPatch } from './jsonpatch.js';
import {
  COMPONENT_KIND,
  KUSTOMIZATION_FILE_NAMES,
  type Kustomization,
  type PatchArg,
  type ReplacementArg,
  decodeConfigYaml,
  readKustomization,
} from './kustomization.js';
import { getAnnotation, getKind, getName, newScalar, pathGet, setField } from './kyaml.js';
import { type Loader, decodeUtf8 } from './loader.js';
import { fixNameReferences } from './nameref.js';
import type { SchemaNode } from './openapi/schema.js';
import { type NameIndex, ResMap, type Selector } from './resmap.js';
import { ANN_LOCAL_CONFIG, ANN_ORIGIN, ANN_TRANSFORMATIONS, type Resource } from './resource.js';
import { DecodeError, S } from './strictDecode.js';
import {
  imageNodeCache,
  type LoadedPatch,
  type Replacement,
  applySmPatchToSet,
  transformHashes,
  transformImage,
  transformJson6902Legacy,
  transformMetaMap,
  transformNamespace,
  transformPatch,
  transformPrefixSuffix,
  transformReplacements,
  namespaceFilter,
  transformReplicas,
} from './transformers.js';
import { type Var, mergeVarSet, mergeVars, resolveVars } from './vars.js';

/** Resources, transformer configuration and vars gathered so far. */
export interface Accumulator {
  resMap: ResMap;
  config: TransformerConfig;
  vars: Map<string, Var>;
}

function emptyAccumulator(ctx: BuildContext): Accumulator {
  return { resMap: new ResMap(ctx), config: emptyConfig(), vars: new Map() };
}

/** `e` with `message(e.message)` as its message (same class, code, data and cause); other errors as they are. */
function rewrap(e: unknown, message: (m: string) => string): unknown {
  if (e instanceof KustomizeError) {
    const E = e.constructor as typeof KustomizeError;
    return new E(e.code, message(e.message), { data: e.data, cause: e.cause });
  }
  return e;
}

/** kustomize's `errors.WrapPrefixf(err, prefix)`: `prefix: message`. */
function wrap(e: unknown, prefix: string): unknown {
  return rewrap(e, (m) => `${prefix}: ${m}`);
}

/** Build options that reach the targets. */
export interface TargetOptions {
  enableHelm: boolean;
  /** Renders `helmCharts` (see {@link HelmChartInflater}). */
  helmChartInflater?: HelmChartInflater;
}

/** Origin tracking (`buildMetadata: [originAnnotations]`). */
interface Origin {
  path: string;
}

function originString(o: {
  path?: string;
  configuredIn?: string;
  configuredBy?: { apiVersion: string; kind: string };
}): string {
  let s = '';
  if (o.path) s += `path: ${o.path}\n`;
  if (o.configuredIn) s += `configuredIn: ${o.configuredIn}\n`;
  if (o.configuredBy)
    s += `configuredBy:\n  apiVersion: ${o.configuredBy.apiVersion}\n  kind: ${o.configuredBy.kind}\n`;
  return s;
}

/** One kustomization directory. */
export class KustTarget {
  kustomization!: Kustomization;
  kustFileName = '';
  origin: Origin | null = null;

  constructor(
    readonly ctx: BuildContext,
    readonly ldr: Loader,
    readonly opts: TargetOptions,
  ) {}

  /** Loads and validates the kustomization file. */
  async load(): Promise<void> {
    let content = '';
    let match = 0;
    for (const kf of KUSTOMIZATION_FILE_NAMES) {
      try {
        const bytes = await this.ldr.load(kf);
        content = decodeUtf8(bytes, path.posix.join(this.ldr.root, kf));
        this.kustFileName = kf;
        match++;
      } catch (e) {
        if (e instanceof KustomizeError && (e.code === 'FileNotFound' || e.code === 'LoadRestriction'))
          continue;
        throw e;
      }
    }
    if (match === 0) {
      throw new KustomizeError(
        'MissingKustomization',
        `unable to find one of 'kustomization.yaml', 'kustomization.yml' or 'Kustomization' in directory '${this.ldr.root}'`,
        { data: { file: this.ldr.root } },
      );
    }
    if (match > 1) {
      throw new KustomizeError(
        'MultipleKustomizations',
        `Found multiple kustomization files under: ${this.ldr.root}\n`,
        {
          data: { file: this.ldr.root },
        },
      );
    }
    this.kustomization = readKustomization(content, this.ldr.root, this.ctx.warnings);
  }

  /** The top-level build: `MakeCustomizedResMap`. */
  async makeCustomizedResMap(): Promise<ResMap> {
    this.origin = (this.kustomization.buildMetadata ?? []).length !== 0 ? { path: '' } : null;
    const ra = await this.accumulateTarget(emptyAccumulator(this.ctx));
    transformHashes(ra.resMap);
    if (ra.config.nameReference.length > 0) fixNameReferences(ra.resMap, ra.config.nameReference);
    const unused = resolveVars(ra.resMap, ra.vars, ra.config.varReference);
    if (unused.length > 0)
      this.ctx.warnings.push(`well-defined vars that were never replaced: ${unused.sort().join(',')}`);
    // IgnoreLocal: drop config.kubernetes.io/local-config objects.
    ra.resMap.list = ra.resMap.list.filter((r) => {
      if (r.isNilOrEmpty()) return false;
      const v = getAnnotation(r.node, ANN_LOCAL_CONFIG);
      return v === undefined || v === 'false';
    });
    return ra.resMap;
  }

  async accumulateTarget(raIn: Accumulator): Promise<Accumulator> {
    const k = this.kustomization;
    let ra = raIn;
    try {
      ra = await this.accumulateResources(ra, k.resources ?? []);
    } catch (e) {
      throw wrap(e, 'accumulating resources');
    }
    ra.config = mergeConfig(ra.config, await this.makeTransformerConfig(k.configurations ?? []));
    ra.config = mergeConfig(ra.config, await this.loadCrdConfig(k.crds ?? []));
    await this.runGenerators(ra);
    try {
      ra = await this.accumulateComponents(ra, k.components ?? []);
    } catch (e) {
      throw wrap(e, 'accumulating components');
    }
    await this.runTransformers(ra);
    mergeVars(ra.resMap, ra.vars, k.vars ?? []);
    return ra;
  }

  private async makeTransformerConfig(paths: string[]): Promise<TransformerConfig> {
    let t = makeDefaultConfig();
    if (paths.length === 0) return t;
    let user = emptyConfig();
    for (const p of paths) {
      const text = decodeUtf8(await this.ldr.load(p), p);
      user = mergeConfig(user, parseTransformerConfig(text));
    }
    t = mergeConfig(t, user);
    return t;
  }

  private async loadCrdConfig(paths: string[]): Promise<TransformerConfig> {
    let tc = emptyConfig();
    for (const p of paths) {
      const text = decodeUtf8(await this.ldr.load(p), p);
      let m: Record<string, { Schema?: SchemaNode }>;
      try {
        m = parseCrdDoc(text);
      } catch (e) {
        throw new KustomizeError(
          'InvalidKustomization',
          `loading CRDs [${paths.join(' ')}]: unable to parse open API definition from '${p}': ${(e as Error).message}`,
        );
      }
      tc = mergeConfig(tc, configFromApiMap(m));
    }
    return tc;
  }

  private async accumulateResources(ra: Accumulator, paths: string[]): Promise<Accumulator> {
    // Only appends change ra's resources here (directories build into their own accumulators).
    return ra.resMap.withAppendIndex(() => this.accumulateResourcesIndexed(ra, paths));
  }

  private async accumulateResourcesIndexed(ra: Accumulator, paths: string[]): Promise<Accumulator> {
    for (const p of paths) {
      this.ctx.checkAborted();
      let errF: unknown;
      try {
        await this.accumulateFile(ra, p);
        continue;
      } catch (e) {
        errF = e;
      }
      if (errF instanceof KustomizeError && errF.code === 'NotSupported' && /^https?:\/\//.test(p))
        throw errF;
      if (errF instanceof KustomizeError && (errF.code === 'LimitExceeded' || errF.code === 'Aborted'))
        throw errF;
      let child: Loader;
      try {
        child = await this.ldr.child(p);
      } catch (e) {
        if (
          errF instanceof MalformedYamlError ||
          (errF instanceof KustomizeError && /MalformedYAMLError/.test(errF.message))
        ) {
          throw errF;
        }
        const code =
          e instanceof KustomizeError && (e.code === 'NotSupported' || e.code === 'CycleDetected')
            ? e.code
            : ((errF as KustomizeError).code ?? 'FileNotFound');
        throw new KustomizeError(
          code,
          `accumulation err='${(errF as Error).message}': ${(e as Error).message}`,
          {
            data: (errF as KustomizeError).data,
            cause: e,
          },
        );
      }
      const saved = this.origin;
      if (this.origin) this.origin = { path: path.posix.join(this.origin.path, p) };
      try {
        ra = await this.accumulateDirectory(ra, child, false);
      } catch (e) {
        throw wrap(e, `accumulation err='${(errF as Error).message}'`);
      } finally {
        this.origin = saved;
      }
    }
    return ra;
  }

  private async accumulateComponents(ra: Accumulator, paths: string[]): Promise<Accumulator> {
    for (const p of paths) {
      let child: Loader;
      try {
        child = await this.ldr.child(p);
      } catch (e) {
        // kustomize formats these two with %q: the whole inner message, quoted.
        throw rewrap(e, (m) => `loader.New ${goQuote(m)}`);
      }
      const saved = this.origin;
      if (this.origin) this.origin = { path: path.posix.join(this.origin.path, p) };
      try {
        ra = await this.accumulateDirectory(ra, child, true);
      } catch (e) {
        throw rewrap(e, (m) => `accumulateDirectory: ${goQuote(m)}`);
      } finally {
        this.origin = saved;
      }
    }
    return ra;
  }

  private async accumulateDirectory(
    ra: Accumulator,
    ldr: Loader,
    isComponent: boolean,
  ): Promise<Accumulator> {
    const sub = new KustTarget(this.ctx, ldr, this.opts);
    try {
      await sub.load();
    } catch (e) {
      throw wrap(e, `couldn't make target for path '${ldr.root}'`);
    }
    if (this.kustomization.buildMetadata) sub.kustomization.buildMetadata = this.kustomization.buildMetadata;
    else delete sub.kustomization.buildMetadata;
    sub.origin = this.origin;
    await sub.applyOpenApi(false);
    const k = sub.kustomization.kind;
    if (isComponent && k !== COMPONENT_KIND) {
      throw new KustomizeError(
        'InvalidKustomization',
        `expected kind '${COMPONENT_KIND}' for path '${ldr.root}' but got '${k}'`,
      );
    }
    if (!isComponent && k === COMPONENT_KIND) {
      throw new KustomizeError(
        'InvalidKustomization',
        `expected kind != '${COMPONENT_KIND}' for path '${ldr.root}'`,
      );
    }
    let subRa: Accumulator;
    try {
      subRa = isComponent
        ? await sub.accumulateTarget(ra)
        : await sub.accumulateTarget(emptyAccumulator(this.ctx));
    } catch (e) {
      throw wrap(e, `recursed accumulation of path '${ldr.root}'`);
    }
    const target = isComponent ? emptyAccumulator(this.ctx) : ra;
    try {
      target.resMap.appendAll(subRa.resMap);
      target.config = mergeConfig(target.config, subRa.config);
      mergeVarSet(target.vars, subRa.vars);
    } catch (e) {
      throw wrap(e, `recursed merging from path '${ldr.root}'`);
    }
    return target;
  }

  /** kyaml `openapi.SetSchema` for this kustomization's `openapi` field. */
  async applyOpenApi(reset: boolean): Promise<void> {
    const field = this.kustomization.openapi;
    let custom: SchemaNode | null = null;
    if (field?.path !== undefined) {
      const text = decodeUtf8(await this.ldr.load(field.path), field.path);
      custom = parseSchemaDoc(text);
    }
    try {
      this.ctx.schema.setSchema(field, custom, reset);
    } catch (e) {
      throw new KustomizeError('InvalidKustomization', (e as Error).message);
    }
  }

  private async accumulateFile(ra: Accumulator, p: string): Promise<void> {
    let resources: Resource[];
    try {
      const bytes = await this.ldr.load(p);
      const text = decodeUtf8(bytes, p);
      try {
        resources = resourcesFromText(text);
      } catch (e) {
        if (e instanceof MalformedYamlError) {
          throw new MalformedYamlError('MalformedYaml', `${e.message} in File: ${p}`, { data: { file: p } });
        }
        throw e;
      }
    } catch (e) {
      throw wrap(e, `accumulating resources from '${p}'`);
    }
    if (this.origin) {
      const anno = originString({ path: path.posix.join(this.origin.path, p) });
      for (const r of resources) {
        const a = r.annotations();
        a.set(ANN_ORIGIN, anno);
        r.setAnnotations(a);
      }
    }
    try {
      ra.resMap.appendAll(resources);
    } catch (e) {
      // kustomize's FromFile builds the file's own resource map first: two documents of one file
      // with the same id fail there, as 'accumulating', before any clash with other files.
      if (resources.length > 1) {
        try {
          new ResMap(ra.resMap.ctx).appendAll(resources);
        } catch (inFile) {
          throw wrap(inFile, `accumulating resources from '${p}'`);
        }
      }
      throw wrap(e, `merging resources from '${p}'`);
    }
  }

  private generatorOrigin(kind: string): string | null {
    if (!this.origin) return null;
    return originString({
      configuredIn: path.posix.join(this.origin.path, this.kustFileName),
      configuredBy: { apiVersion: 'builtin', kind },
    });
  }

  private async runGenerators(ra: Accumulator): Promise<void> {
    const k = this.kustomization;
    const gens: Array<{ kind: string; make: () => Promise<Resource[]> }> = [];
    for (const args of k.configMapGenerator ?? []) {
      const a = { ...args, options: mergeGlobalOptions(args.options, k.generatorOptions) };
      gens.push({ kind: 'ConfigMapGenerator', make: async () => [await makeConfigMap(this.ldr, a)] });
    }
    for (const args of k.secretGenerator ?? []) {
      const a = { ...args, options: mergeGlobalOptions(args.options, k.generatorOptions) };
      gens.push({ kind: 'SecretGenerator', make: async () => [await makeSecret(this.ldr, a)] });
    }
    for (const chart of k.helmCharts ?? []) {
      gens.push({
        kind: 'HelmChartInflationGenerator',
        make: async () => this.helm(chart as Record<string, unknown>),
      });
    }
    for (const g of await this.externalConfigs(k.generators ?? [], 'generator')) gens.push(g);
    const index = gens.length > 4 ? ra.resMap.nameIndex() : undefined;
    for (const g of gens) {
      this.ctx.checkAborted();
      let made: Resource[];
      made = await g.make();
      const origin = this.generatorOrigin(g.kind);
      if (origin) {
        for (const r of made) {
          if (r.annotations().has(ANN_ORIGIN)) continue;
          const a = r.annotations();
          a.set(ANN_ORIGIN, origin);
          r.setAnnotations(a);
        }
      }
      try {
        ra.resMap.absorbAll(made, index);
      } catch (e) {
        throw wrap(e, `merging from generator ${g.kind}`);
      }
    }
  }

  /** @internal */
  helmPublic(cfg: Record<string, unknown>): Promise<Resource[]> {
    return this.helm(cfg);
  }
  /** @internal */
  loadJson6902Public(pa: PatchArg) {
    return this.loadJson6902(pa);
  }
  /** @internal */
  loadSmPatchesPublic(list: string[]) {
    return this.loadSmPatches(list);
  }
  /** @internal */
  loadReplacementsPublic(list: ReplacementArg[]) {
    return this.loadReplacements(list);
  }

  private async helm(chart: Record<string, unknown>): Promise<Resource[]> {
    const globals = this.kustomization.helmGlobals ?? {};
    const cfg = renderPluginConfig({ ...globals, ...chart });
    if (!this.opts.enableHelm) {
      throw new KustomizeError(
        'HelmNotEnabled',
        `trouble configuring builtin HelmChartInflationGenerator with config: \`\n${cfg}\`: must specify --enable-helm`,
      );
    }
    const inflate = this.opts.helmChartInflater;
    const merged = { ...globals, ...chart } as Record<string, unknown>;
    const unsupported = !inflate
      ? 'no Helm chart inflater was given (pass helmChartInflater from @gitops-kit/helm)'
      : merged.repo
        ? 'charts from a repo are not pulled; vendor the chart under chartHome'
        : !merged.name
          ? 'chart name cannot be empty'
          : '';
    if (unsupported || !inflate) {
      throw new KustomizeError(
        'NotSupported',
        `trouble configuring builtin HelmChartInflationGenerator with config: \`\n${cfg}\`: ${unsupported}`,
      );
    }
    let text: string;
    try {
      text = await inflate(helmChartRequest(merged, this.ldr.root, this.ldr.fs, this.ctx.signal));
    } catch (e) {
      throw wrap(e, 'HelmChartInflationGenerator');
    }
    return resourcesFromText(text);
  }

  /**
   * `generators` / `transformers` entries: inline YAML configs or paths to config files, each a
   * builtin plugin config (`apiVersion: builtin`, `kind: <Plugin>`). Exec/Go plugins are refused.
   */
  private async externalConfigs(
    entries: string[],
    what: 'generator' | 'transformer',
  ): Promise<
    Array<{ kind: string; make: () => Promise<Resource[]>; transform?: (m: ResMap) => Promise<void> }>
  > {
    const configs: Resource[] = [];
    const paths: string[] = [];
    for (const e of entries) {
      try {
        const rs = resourcesFromText(e);
        if (rs.length === 0) throw new Error('empty');
        configs.push(...rs);
      } catch {
        paths.push(e);
      }
    }
    // Paths: files or kustomization directories holding plugin configs.
    const ra = emptyAccumulator(this.ctx);
    await this.accumulateResources(ra, paths);
    configs.push(...ra.resMap.list);
    return configs.map((cfg) => pluginFor(this, cfg, what));
  }

  /** The origin annotation of a transformer configured here (origin tracking only). */
  private transformerOrigin(kind: string): string | null {
    return this.generatorOrigin(kind);
  }

  private async runTransformers(ra: Accumulator): Promise<void> {
    const k = this.kustomization;
    const tc = ra.config;
    const m = ra.resMap;
    const ctx = this.ctx;
    const steps: Array<{ kind: string; run: () => Promise<void> | void }> = [];
    // PatchStrategicMergeTransformer (configured first: its patches are loaded now)
    if ((k.patchesStrategicMerge ?? []).length > 0) {
      const patches = await this.loadSmPatches(k.patchesStrategicMerge!);
      steps.push({
        kind: 'PatchStrategicMergeTransformer',
        run: () => {
          for (const patch of patches) {
            const target = m.getById(patch.orgId(ctx));
            applySmPatchToSet(m, new Set([target]), patch);
          }
        },
      });
    }
    for (const pa of k.patches ?? []) {
      const loaded = await this.loadPatch(pa);
      steps.push({ kind: 'PatchTransformer', run: () => transformPatch(m, loaded, pa.target) });
    }
    if (k.namespace)
      steps.push({
        kind: 'NamespaceTransformer',
        run: () => transformNamespace(m, k.namespace!, tc.namespace),
      });
    if (k.namePrefix)
      steps.push({
        kind: 'PrefixTransformer',
        run: () => transformPrefixSuffix(m, k.namePrefix!, tc.namePrefix, false),
      });
    if (k.nameSuffix)
      steps.push({
        kind: 'SuffixTransformer',
        run: () => transformPrefixSuffix(m, k.nameSuffix!, tc.nameSuffix, true),
      });
    if ((k.labels ?? []).length > 0 || Object.keys(k.commonLabels ?? {}).length > 0) {
      for (const label of k.labels ?? []) {
        let fss: FieldSpec[] = (label.fields ?? []).map((f) => toFieldSpec(f));
        fss = mergeAllFs(fss, tc.labels);
        if (label.includeSelectors) {
          fss = mergeAllFs(fss, tc.commonLabels);
        } else {
          if (label.includeTemplates) fss = mergeAllFs(fss, tc.templateLabels);
          fss = mergeOneFs(fss, { group: '', version: '', kind: '', path: 'metadata/labels', create: true });
        }
        const final = fss;
        steps.push({ kind: 'LabelTransformer', run: () => transformMetaMap(m, label.pairs ?? {}, final) });
      }
      steps.push({
        kind: 'LabelTransformer',
        run: () => transformMetaMap(m, k.commonLabels ?? {}, tc.commonLabels),
      });
    }
    if (Object.keys(k.commonAnnotations ?? {}).length > 0) {
      steps.push({
        kind: 'AnnotationsTransformer',
        run: () => transformMetaMap(m, k.commonAnnotations!, tc.commonAnnotations),
      });
    }
    for (const pa of k.patchesJson6902 ?? []) {
      const { ops, target } = await this.loadJson6902(pa);
      steps.push({ kind: 'PatchJson6902Transformer', run: () => transformJson6902Legacy(m, ops, target) });
    }
    // Replica counts rename nothing: consecutive replica transformers share one name index.
    let replicaIndex: NameIndex | undefined;
    for (const r of k.replicas ?? []) {
      steps.push({
        kind: 'ReplicaCountTransformer',
        run: () => {
          replicaIndex ??= m.nameIndex();
          transformReplicas(m, r.name ?? '', r.count ?? 0, tc.replicas, replicaIndex);
        },
      });
    }
    const imageCache = imageNodeCache();
    for (const img of k.images ?? []) {
      steps.push({ kind: 'ImageTagTransformer', run: () => transformImage(m, img, tc.images, imageCache) });
    }
    if ((k.replacements ?? []).length > 0) {
      const reps = await this.loadReplacements(k.replacements!);
      steps.push({ kind: 'ReplacementTransformer', run: () => transformReplacements(m, reps) });
    }
    const external = await this.externalConfigs(k.transformers ?? [], 'transformer');
    for (const t of external) steps.push({ kind: t.kind, run: () => t.transform!(m) });
    if ((k.validators ?? []).length > 0) {
      throw new KustomizeError('NotSupported', 'validators (plugin validators) are not supported');
    }
    for (const step of steps) {
      ctx.checkAborted();
      await step.run();
      const origin = this.transformerOrigin(step.kind);
      if (origin) addTransformerAnnotation(m, origin);
      m.dropEmpties();
    }
  }

  private async loadSmPatches(list: string[]): Promise<Resource[]> {
    const patches: Resource[] = [];
    for (const p of list) {
      let rs: Resource[];
      try {
        rs = resourcesFromText(p);
        if (rs.length === 0 && p.trim() !== '') throw new Error('not inline');
      } catch {
        let text: string;
        const prefix = `trouble configuring builtin PatchStrategicMergeTransformer with config: \`\npaths:\n${list.map((x) => `- ${x}`).join('\n')}\n\``;
        try {
          text = decodeUtf8(await this.ldr.load(p), p);
        } catch (e) {
          throw wrap(e, prefix);
        }
        try {
          rs = resourcesFromText(text);
        } catch (e) {
          throw wrap(e, prefix);
        }
      }
      patches.push(...rs);
    }
    if (patches.length === 0) {
      throw new KustomizeError('PatchFailed', `patch appears to be empty; files=${JSON.stringify(list)}`);
    }
    return patches;
  }

  private async loadJson6902(
    pa: PatchArg,
  ): Promise<{ ops: ReturnType<typeof decodeJsonPatch>; target: NonNullable<PatchArg['target']> }> {
    const target = pa.target;
    if (!target?.name) throw new KustomizeError('PatchFailed', 'must specify the target name');
    if (!pa.path && !pa.patch) throw new KustomizeError('PatchFailed', 'empty file path and empty jsonOp');
    let text: string;
    if (pa.path) {
      if (pa.patch) throw new KustomizeError('PatchFailed', 'must specify a file path or jsonOp, not both');
      text = decodeUtf8(await this.ldr.load(pa.path), pa.path);
      if (text === '')
        throw new KustomizeError('PatchFailed', `patch file '${pa.path}' empty seems to be empty`);
    } else text = pa.patch!;
    let ops: ReturnType<typeof decodeJsonPatch>;
    try {
      ops = decodeJsonPatch(text);
    } catch (e) {
      throw new KustomizeError('PatchFailed', `decoding ${text}: ${(e as Error).message}`);
    }
    if (ops.length === 0)
      throw new KustomizeError('PatchFailed', `patch appears to be empty; file=${pa.path}, JsonOp=${text}`);
    return { ops, target };
  }

  /** kustomize PatchTransformerPlugin.Config: load, then decide SMP vs JSON 6902. */
  async loadPatch(pa: PatchArg): Promise<LoadedPatch> {
    const patch = (pa.patch ?? '').trim();
    let text: string;
    let source: string;
    if (patch === '' && !pa.path)
      throw new KustomizeError(
        'PatchFailed',
        `must specify one of patch and path in\n${renderPluginConfig(pa)}`,
      );
    if (patch !== '' && pa.path)
      throw new KustomizeError(
        'PatchFailed',
        `patch and path can't be set at the same time\n${renderPluginConfig(pa)}`,
      );
    if (patch !== '') {
      text = patch;
      source = `[patch: ${JSON.stringify(text)}]`;
    } else {
      try {
        text = decodeUtf8(await this.ldr.load(pa.path!), pa.path!);
      } catch (e) {
        throw wrap(
          wrap(e, `failed to get the patch file from path(${pa.path})`),
          `trouble configuring builtin PatchTransformer with config: \`\n${renderPluginConfig(pa)}\``,
        );
      }
      source = `[path: ${JSON.stringify(pa.path)}]`;
    }
    let sm: Resource[] | null = null;
    let smErr: unknown = null;
    try {
      sm = resourcesFromText(text);
    } catch (e) {
      smErr = e;
    }
    let json: ReturnType<typeof decodeJsonPatch> | null = null;
    let jsonErr: unknown = null;
    try {
      json = decodeJsonPatch(text);
    } catch (e) {
      jsonErr = e;
    }
    if (
      (smErr === null && jsonErr === null) ||
      (sm !== null && sm.length > 0 && json !== null && json.length > 0)
    ) {
      throw new KustomizeError(
        'PatchFailed',
        `trouble configuring builtin PatchTransformer with config: \`\n${renderPluginConfig(pa)}\`: illegally qualifies as both an SM and JSON patch: ${source}`,
      );
    }
    if (smErr !== null && jsonErr !== null) {
      throw new KustomizeError(
        'PatchFailed',
        `trouble configuring builtin PatchTransformer with config: \`\n${renderPluginConfig(pa)}\`: unable to parse SM or JSON patch from ${source}`,
      );
    }
    if (smErr === null) {
      for (const p of sm!) {
        if (pa.options?.allowNameChange) p.allowNameChange();
        if (pa.options?.allowKindChange) p.allowKindChange();
      }
      return { kind: 'smp', patches: sm!, source };
    }
    return { kind: 'json', ops: json!, source, text };
  }

  private async loadReplacements(list: ReplacementArg[]): Promise<Replacement[]> {
    const out: Replacement[] = [];
    for (const r of list) {
      if (r.path && (r.source || (r.targets ?? []).length > 0)) {
        throw new KustomizeError('ReplacementFailed', 'cannot specify both path and inline replacement');
      }
      if (r.path) {
        const text = decodeUtf8(await this.ldr.load(r.path), r.path);
        const doc = parseFirstDocument(text);
        const root = doc?.content[0];
        const shape = S.list(replacementShape(), '[]types.Replacement');
        try {
          if (root && root.kind === Kind.Sequence) {
            out.push(...((decodeConfigYaml(text, shape, 'Replacement') as Replacement[]) ?? []));
          } else if (root && root.kind === Kind.Mapping) {
            out.push(decodeConfigYaml(text, replacementShape(), 'Replacement') as Replacement);
          } else {
            throw new KustomizeError(
              'ReplacementFailed',
              `unsupported replacement type encountered within replacement path: ${root ? 'string' : 'invalid'}`,
            );
          }
        } catch (e) {
          if (e instanceof DecodeError) throw new KustomizeError('ReplacementFailed', e.message);
          throw e;
        }
      } else {
        out.push({ source: r.source!, targets: (r.targets ?? []) as Replacement['targets'] });
      }
    }
    return out;
  }
}

function replacementShape() {
  const selectorFields = {
    group: S.string,
    version: S.string,
    kind: S.string,
    name: S.string,
    namespace: S.string,
    annotationSelector: S.string,
    labelSelector: S.string,
  };
  const fieldOptions = S.struct('types.FieldOptions', {
    delimiter: S.string,
    index: S.int,
    encoding: S.string,
    create: S.bool,
  });
  const selector = S.struct('types.Selector', selectorFields);
  return S.struct('types.Replacement', {
    source: S.struct('types.SourceSelector', {
      ...selectorFields,
      fieldPath: S.string,
      options: fieldOptions,
    }),
    targets: S.list(
      S.struct('types.TargetSelector', {
        select: selector,
        reject: S.list(selector, '[]*types.Selector'),
        fieldPaths: S.list(S.string, '[]string'),
        options: fieldOptions,
      }),
      '[]*types.TargetSelector',
    ),
  });
}

/** Renders a plugin config roughly as `yaml.Marshal` (sigs.k8s.io/yaml) prints it in kustomize errors. */
function renderPluginConfig(o: object): string {
  const lines: string[] = [];
  const render = (v: unknown, indent: string, key: string) => {
    if (v === undefined || v === null || v === '' || (Array.isArray(v) && v.length === 0)) return;
    if (typeof v === 'object' && !Array.isArray(v)) {
      const entries = Object.entries(v as Record<string, unknown>).filter(
        ([, x]) => x !== undefined && x !== '',
      );
      if (entries.length === 0) return;
      lines.push(`${indent}${key}:`);
      for (const [k, x] of entries.sort(([a], [b]) => (a < b ? -1 : 1))) render(x, `${indent}  `, k);
      return;
    }
    if (Array.isArray(v)) {
      lines.push(`${indent}${key}:`);
      for (const x of v) lines.push(`${indent}- ${String(x)}`);
      return;
    }
    lines.push(`${indent}${key}: ${String(v)}`);
  };
  for (const [k, v] of Object.entries(o as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : 1)))
    render(v, '', k);
  return `${lines.join('\n')}\n`;
}

// ---- CRD transformer configuration ----------------------------------------------------------------

/**
 * A `crds:` file as kustomize's `makeNameToApiMap` reads it into `map[string]OpenAPIDefinition`:
 * JSON when it starts with `{` (`json.Unmarshal`), YAML otherwise (sigs.k8s.io/yaml, whose errors
 * carry `error unmarshaling JSON: while decoding JSON: `). A document that is not a mapping of
 * mappings (a CRD manifest given by mistake: `apiVersion: …` is a string) fails with Go's type error.
 *
 * @see https://github.com/kubernetes-sigs/kustomize/blob/kustomize/v5.5.0/api/internal/accumulator/loadconfigfromcrds.go
 */
function parseCrdDoc(text: string): Record<string, { Schema?: SchemaNode }> {
  const json = text.startsWith('{');
  const doc: unknown = json ? JSON.parse(text) : decodeConfigYaml(text, S.any, 'nameToApiMap');
  if (doc === null || doc === undefined) return {};
  const prefix = json ? '' : 'error unmarshaling JSON: while decoding JSON: ';
  const kindOf = (v: unknown) =>
    Array.isArray(v)
      ? 'array'
      : typeof v === 'boolean'
        ? 'bool'
        : typeof v === 'object'
          ? 'object'
          : typeof v;
  if (typeof doc !== 'object' || Array.isArray(doc)) {
    throw new Error(
      `${prefix}json: cannot unmarshal ${kindOf(doc)} into Go value of type accumulator.nameToApiMap`,
    );
  }
  for (const v of Object.values(doc)) {
    if (v !== null && (typeof v !== 'object' || Array.isArray(v))) {
      throw new Error(
        `${prefix}json: cannot unmarshal ${kindOf(v)} into Go value of type accumulator.OpenAPIDefinition`,
      );
    }
  }
  return doc as Record<string, { Schema?: SchemaNode }>;
}

function parseSchemaDoc(text: string): SchemaNode {
  if (text.trimStart().startsWith('{')) return JSON.parse(text) as SchemaNode;
  return (decodeConfigYaml(text, S.any, 'Schema') ?? {}) as SchemaNode;
}

function schemaOf(def: { Schema?: SchemaNode; schema?: SchemaNode } | undefined): SchemaNode | undefined {
  return def?.Schema ?? def?.schema;
}

function configFromApiMap(m: Record<string, { Schema?: SchemaNode }>): TransformerConfig {
  let result = emptyConfig();
  for (const name of Object.keys(m)) {
    const props = schemaOf(m[name])?.properties ?? {};
    if (!('kind' in props && 'apiVersion' in props && 'metadata' in props)) continue;
    const tc = emptyConfig();
    const kind = name.split('.').pop() ?? name;
    loadCrdIntoConfig(tc, kind, m, name, [], new Set());
    result = mergeConfig(result, tc);
  }
  return result;
}

function loadCrdIntoConfig(
  tc: TransformerConfig,
  kind: string,
  m: Record<string, { Schema?: SchemaNode }>,
  typeName: string,
  p: string[],
  seen: Set<string>,
): void {
  const api = m[typeName];
  if (!api || seen.has(typeName)) return;
  const props = schemaOf(api)?.properties ?? {};
  const fs = (parts: string[]): FieldSpec => ({
    group: '',
    version: '',
    kind,
    path: parts.join('/'),
    create: false,
  });
  for (const [propName, prop] of Object.entries(props)) {
    const here = [...p, propName];
    if (typeof prop['x-kubernetes-annotation'] === 'string')
      tc.commonAnnotations = mergeOneFs(tc.commonAnnotations, fs(here));
    if (typeof prop['x-kubernetes-label-selector'] === 'string')
      tc.commonLabels = mergeOneFs(tc.commonLabels, fs(here));
    if (typeof prop['x-kubernetes-identity'] === 'string')
      tc.namePrefix = mergeOneFs(tc.namePrefix, fs(here));
    const version = prop['x-kubernetes-object-ref-api-version'];
    const refKind = prop['x-kubernetes-object-ref-kind'];
    if (typeof version === 'string' && typeof refKind === 'string') {
      const nameKey =
        typeof prop['x-kubernetes-object-ref-name-key'] === 'string'
          ? (prop['x-kubernetes-object-ref-name-key'] as string)
          : 'name';
      const br = { group: '', version, kind: refKind, fieldSpecs: [fs([...here, nameKey])] };
      const existing = tc.nameReference.find(
        (x) => x.group === br.group && x.version === br.version && x.kind === br.kind,
      );
      if (existing) existing.fieldSpecs = mergeAllFs(existing.fieldSpecs, br.fieldSpecs);
      else tc.nameReference.push(br);
    }
    if (typeof prop.$ref === 'string' && prop.$ref !== '') {
      loadCrdIntoConfig(tc, kind, m, prop.$ref, here, new Set([...seen, typeName]));
    }
  }
}

// ---- origin / transformer annotations ------------------------------------------------------------

/** kustomize `AddTransformerAnnotation`: origin for resources without one, else a transformation entry. */
function addTransformerAnnotation(m: ResMap, origin: string): void {
  const item = origin
    .split('\n')
    .filter((l) => l !== '')
    .map((l, i) => (i === 0 ? `- ${l}` : `  ${l}`))
    .join('\n');
  for (const r of m.list) {
    const a = r.annotations();
    if (!a.has(ANN_ORIGIN)) a.set(ANN_ORIGIN, origin);
    else a.set(ANN_TRANSFORMATIONS, `${a.get(ANN_TRANSFORMATIONS) ?? ''}${item}\n`);
    r.setAnnotations(a);
  }
}

// ---- builtin plugin configs in `generators` / `transformers` ---------------------------------------

/** A plugin config resource as the plugin sees it (`AsYAML` then `yaml.Unmarshal`). */
function configObject(r: Resource): Record<string, unknown> {
  return goToPlainObject(jsonRoundTrip(toGoValue(r.node, true))) as Record<string, unknown>;
}

function goToPlainObject(v: GoValue): unknown {
  if (v === null || typeof v === 'boolean' || typeof v === 'string') return v;
  if (Array.isArray(v)) return v.map(goToPlainObject);
  switch (v.t) {
    case 'int':
      return v.big !== undefined ? Number(v.big) : v.n;
    case 'float':
      return v.f;
    case 'time':
      return v.rfc3339;
    case 'map': {
      const o: Record<string, unknown> = {};
      for (let i = 0; i < v.keys.length; i++) o[v.keys[i]!] = goToPlainObject(v.values[i]!);
      return o;
    }
  }
}

function asFieldSpecs(v: unknown): FieldSpec[] {
  if (!Array.isArray(v)) return [];
  return v.filter((x) => x && typeof x === 'object').map((x) => toFieldSpec(x as Record<string, never>));
}

function asStringMap(v: unknown): Record<string, string> {
  const o: Record<string, string> = {};
  if (v && typeof v === 'object' && !Array.isArray(v)) {
    for (const [k, x] of Object.entries(v as Record<string, unknown>))
      o[k] = typeof x === 'string' ? x : String(x ?? '');
  }
  return o;
}

function pluginFor(
  kt: KustTarget,
  cfgRes: Resource,
  what: 'generator' | 'transformer',
): { kind: string; make: () => Promise<Resource[]>; transform?: (m: ResMap) => Promise<void> } {
  const kind = cfgRes.kind;
  const apiVersion = cfgRes.apiVersion;
  if (apiVersion !== 'builtin') {
    throw new KustomizeError(
      'NotSupported',
      `unable to load ${what} plugin ${apiVersion}/${kind}: exec and Go plugins are not supported`,
    );
  }
  const cfg = configObject(cfgRes);
  const md = (cfg.metadata ?? {}) as Record<string, unknown>;
  const none = async () => [] as Resource[];
  const generatorArgs = () => {
    const a = { ...(cfg as Record<string, unknown>) } as Record<string, unknown>;
    if (!a.name) a.name = md.name;
    if (!a.namespace) a.namespace = md.namespace;
    return a;
  };
  switch (kind) {
    case 'ConfigMapGenerator':
      return { kind, make: async () => [await makeConfigMap(kt.ldr, generatorArgs() as never)] };
    case 'SecretGenerator':
      return { kind, make: async () => [await makeSecret(kt.ldr, generatorArgs() as never)] };
    case 'HelmChartInflationGenerator':
      return { kind, make: async () => kt.helmPublic(cfg) };
    case 'LabelTransformer':
    case 'AnnotationsTransformer': {
      const values = asStringMap(kind === 'LabelTransformer' ? cfg.labels : cfg.annotations);
      const fs = asFieldSpecs(cfg.fieldSpecs);
      return { kind, make: none, transform: async (m) => transformMetaMap(m, values, fs) };
    }
    case 'NamespaceTransformer': {
      const ns = typeof md.namespace === 'string' ? md.namespace : '';
      const fs = asFieldSpecs(cfg.fieldSpecs);
      const opts = {
        unsetOnly: cfg.unsetOnly === true,
        setRoleBindingSubjects: (cfg.setRoleBindingSubjects as string) || '',
      };
      return { kind, make: none, transform: async (m) => transformNamespace(m, ns, fs, opts) };
    }
    case 'PrefixTransformer':
    case 'SuffixTransformer':
    case 'PrefixSuffixTransformer': {
      const fs = asFieldSpecs(cfg.fieldSpecs);
      if (!Array.isArray(cfg.fieldSpecs)) {
        throw new KustomizeError('InvalidKustomization', 'fieldSpecs is not expected to be nil');
      }
      const prefix = typeof cfg.prefix === 'string' ? cfg.prefix : '';
      const suffix = typeof cfg.suffix === 'string' ? cfg.suffix : '';
      return {
        kind,
        make: none,
        transform: async (m) => {
          if (kind !== 'SuffixTransformer') transformPrefixSuffix(m, prefix, fs, false);
          if (kind !== 'PrefixTransformer') transformPrefixSuffix(m, suffix, fs, true);
        },
      };
    }
    case 'ImageTagTransformer': {
      const it = (cfg.imageTag ?? {}) as ImageArgLike;
      const fs = asFieldSpecs(cfg.fieldSpecs);
      return { kind, make: none, transform: async (m) => transformImage(m, it, fs) };
    }
    case 'ReplicaCountTransformer': {
      const r = (cfg.replica ?? {}) as { name?: string; count?: number };
      const fs = asFieldSpecs(cfg.fieldSpecs);
      return {
        kind,
        make: none,
        transform: async (m) => transformReplicas(m, r.name ?? '', Number(r.count ?? 0), fs),
      };
    }
    case 'PatchTransformer': {
      const pa = cfg as PatchArg;
      return {
        kind,
        make: none,
        transform: async (m) => transformPatch(m, await kt.loadPatch(pa), pa.target),
      };
    }
    case 'PatchJson6902Transformer': {
      const pa = { target: cfg.target, path: cfg.path, patch: cfg.jsonOp } as PatchArg;
      return {
        kind,
        make: none,
        transform: async (m) => {
          const { ops, target } = await kt.loadJson6902Public(pa);
          transformJson6902Legacy(m, ops, target);
        },
      };
    }
    case 'PatchStrategicMergeTransformer': {
      const paths = Array.isArray(cfg.paths) ? (cfg.paths as string[]) : [];
      const inline = typeof cfg.patches === 'string' ? cfg.patches : '';
      return {
        kind,
        make: none,
        transform: async (m) => {
          const patches = [
            ...(paths.length > 0 ? await kt.loadSmPatchesPublic(paths) : []),
            ...(inline ? resourcesFromText(inline) : []),
          ];
          for (const patch of patches) applySmPatchToSet(m, new Set([m.getById(patch.orgId(m.ctx))]), patch);
        },
      };
    }
    case 'ReplacementTransformer': {
      const list = (Array.isArray(cfg.replacements) ? cfg.replacements : []) as ReplacementArg[];
      return {
        kind,
        make: none,
        transform: async (m) => transformReplacements(m, await kt.loadReplacementsPublic(list)),
      };
    }
    case 'ValueAddTransformer': {
      return { kind, make: none, transform: async (m) => valueAdd(kt, m, cfg) };
    }
    case 'HashTransformer':
      return { kind, make: none, transform: async (m) => transformHashes(m) };
    default:
      throw new KustomizeError('NotSupported', `unable to load builtin ${kind}.builtin.[noGrp]`);
  }
}

type ImageArgLike = { name?: string; newName?: string; newTag?: string; digest?: string; tagSuffix?: string };

async function valueAdd(kt: KustTarget, m: ResMap, cfg: Record<string, unknown>): Promise<void> {
  let value = typeof cfg.value === 'string' ? cfg.value.trim() : '';
  if (value === '') value = path.posix.basename(kt.ldr.root);
  const targets = (Array.isArray(cfg.targets) ? cfg.targets : []) as Array<Record<string, unknown>>;
  if (typeof cfg.targetFilePath === 'string' && cfg.targetFilePath) {
    const text = decodeUtf8(await kt.ldr.load(cfg.targetFilePath), cfg.targetFilePath);
    const more = decodeConfigYaml(text, S.any, 'targets') as {
      targets?: Array<Record<string, unknown>>;
    } | null;
    targets.push(...(more?.targets ?? []));
  }
  if (targets.length === 0) throw new KustomizeError('TransformFailed', 'must specify at least one target');
  for (const t of targets) {
    if (!t.fieldPath) throw new KustomizeError('TransformFailed', 'fieldPath cannot be empty');
    const pos = Number(t.filePathPosition ?? 0);
    if (pos < 0)
      throw new KustomizeError('TransformFailed', `value of FilePathPosition (${pos}) cannot be negative`);
  }
  for (const t of targets) {
    const resources = t.selector ? m.select(t.selector as Selector) : m.resources();
    for (const r of resources) {
      if (t.fieldPath === 'metadata/namespace') {
        namespaceFilter(m.ctx, r.node, value, []);
        continue;
      }
      const fields: string[] = [];
      for (const f of String(t.fieldPath).split('/')) {
        if (fields.length > 0 && fields[fields.length - 1]!.endsWith('\\')) {
          fields[fields.length - 1] = `${fields[fields.length - 1]!.slice(0, -1)}/${f}`;
        } else fields.push(f);
      }
      const n = pathGet(r.node, fields, Kind.Scalar);
      if (!n) continue;
      if (n.kind !== Kind.Scalar)
        throw new KustomizeError('TransformFailed', 'wrong node kind: expected ScalarNode');
      let newValue = value;
      const pos = Number(t.filePathPosition ?? 0);
      if (pos > 0) newValue = insertPathPart(n.value, pos - 1, value);
      setField(n, '', newScalar(newValue));
    }
  }
}

function insertPathPart(p: string, posIn: number, part: string): string {
  if (part === '') return p;
  const parts = p.split('/');
  let pos = Math.max(0, Math.min(posIn, parts.length));
  if (parts.length > 0 && parts[0] === '' && pos < parts.length) pos++;
  const result = [...parts.slice(0, pos), part, ...parts.slice(pos)];
  return result.join('/');
}

export { getKind, getName };
