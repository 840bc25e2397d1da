import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { isAbsolute, join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { parseAllDocuments } from 'yaml';
import { isGitOpsKitError } from '@gitops-kit/core';
import { goString } from '@gitops-kit/template';
import { helmTemplate, type HelmTemplateOptions, isRenderError } from '../render/helmTemplate.js';

/**
 * Runs the cases of a Helm parity corpus (`../shared/corpus/helm`, or this package's
 * `testdata/cases`) through {@link helmTemplate} and compares with the goldens the way the corpus
 * README prescribes: document identities (`# Source:` + index) in order, each document as parsed
 * YAML, nondeterministic documents skipped; errors by message.
 */

export interface CorpusRender {
  name: string;
  args: string[];
  expectError: boolean;
  expected: string;
  nondeterministic?: string[];
  errorLinesUnordered?: boolean;
  /** Release name of this render when it differs from the case's. */
  release?: string;
}

export interface CorpusCase {
  dir: string;
  name: string;
  release: string;
  chart: string;
  renders: CorpusRender[];
  nondeterministic?: string[];
  features?: string[];
}

export interface RenderOutcome {
  case: string;
  render: string;
  pass: boolean;
  /** Byte-identical stdout (or identical stderr). */
  exact: boolean;
  reason?: string;
}

/** Reads every case folder of a corpus. */
export function readCorpus(root: string): CorpusCase[] {
  if (!existsSync(root)) return [];
  const out: CorpusCase[] = [];
  for (const name of readdirSync(root).sort()) {
    const f = join(root, name, 'case.json');
    if (!existsSync(f)) continue;
    const c = JSON.parse(readFileSync(f, 'utf8')) as Omit<CorpusCase, 'dir' | 'name'>;
    out.push({ ...c, dir: join(root, name), name });
  }
  return out;
}

function csv(v: string): string[] {
  return v === '' ? [] : v.split(',');
}

/** Turns `helm template` argv (after the chart) into options; paths resolved against `dir`. */
export function templateOptionsFromArgs(
  args: string[],
  dir: string,
): HelmTemplateOptions & { unknown: string[] } {
  const o: HelmTemplateOptions & { unknown: string[] } = { chart: '', valueOptions: {}, unknown: [] };
  const vo = o.valueOptions!;
  const push = (k: keyof NonNullable<HelmTemplateOptions['valueOptions']>, v: string) => {
    const list = vo[k] ?? [];
    list.push(v);
    vo[k] = list;
  };
  for (let i = 0; i < args.length; i++) {
    let a = args[i]!;
    let val: string | undefined;
    const eq = a.indexOf('=');
    if (a.startsWith('--') && eq > 0) {
      val = a.slice(eq + 1);
      a = a.slice(0, eq);
    }
    const next = () => val ?? args[++i] ?? '';
    switch (a) {
      case '-n':
      case '--namespace':
        o.namespace = next();
        break;
      case '--kube-version':
        o.kubeVersion = next();
        break;
      case '-a':
      case '--api-versions':
        o.apiVersions = [...(o.apiVersions ?? []), ...csv(next())];
        break;
      case '-f':
      case '--values':
        for (const f of csv(next())) push('valueFiles', f);
        break;
      case '--set':
        push('values', next());
        break;
      case '--set-string':
        push('stringValues', next());
        break;
      case '--set-json':
        push('jsonValues', next());
        break;
      case '--set-file':
        push('fileValues', next());
        break;
      case '--set-literal':
        push('literalValues', next());
        break;
      case '-s':
      case '--show-only':
        o.showOnly = [...(o.showOnly ?? []), next()];
        break;
      case '--include-crds':
        o.includeCrds = true;
        break;
      case '--skip-tests':
        o.skipTests = true;
        break;
      case '--no-hooks':
        o.noHooks = true;
        break;
      case '--is-upgrade':
        o.isUpgrade = true;
        break;
      case '--skip-schema-validation':
        o.skipSchemaValidation = true;
        break;
      default:
        o.unknown.push(a);
    }
  }
  o.readFile = (p) => readFile(isAbsolute(p) ? p : join(dir, p));
  return o;
}

/** Splits `helm template` stdout into `[source, doc]` with per-source indexes. */
export function outputDocuments(out: string): { id: string; source: string; body: string }[] {
  const docs: { id: string; source: string; body: string }[] = [];
  const counts = new Map<string, number>();
  const parts = out.split(/^---$/m);
  for (const p of parts) {
    const m = /^\n?# Source: (.*)\n/.exec(p);
    if (!m) {
      if (p.trim() !== '') docs.push({ id: `?#${docs.length}`, source: '?', body: p });
      continue;
    }
    const source = m[1]!;
    const n = counts.get(source) ?? 0;
    counts.set(source, n + 1);
    docs.push({ id: `${source}#${n}`, source, body: p.slice(m[0].length) });
  }
  return docs;
}

function parseDoc(s: string): unknown {
  try {
    const docs = parseAllDocuments(s, { uniqueKeys: false, version: '1.1', schema: 'yaml-1.1' });
    const list = Array.isArray(docs) ? docs : [docs];
    return list.map((d) => (d.errors.length ? { __unparsable: s } : d.toJS({ maxAliasCount: -1 })));
  } catch {
    return { __unparsable: s };
  }
}

function kindName(body: string): string {
  const d = parseDoc(body) as unknown[];
  const o = (Array.isArray(d) ? d[0] : d) as { kind?: string; metadata?: { name?: string } } | null;
  return `${o?.kind ?? ''}/${o?.metadata?.name ?? ''}`;
}

function matchesPattern(kn: string, patterns: string[]): boolean {
  return patterns.some((p) =>
    new RegExp(
      `^${p
        .split('*')
        .map((x) => x.replace(/[.+?^${}()|[\]\\/]/g, '\\$&'))
        .join('.*')}$`,
    ).test(kn),
  );
}

/** Compares one success output with its golden. */
export function compareOutput(got: string, want: string, nondeterministic: string[]): string | undefined {
  const g = outputDocuments(got).filter((d) => !matchesPattern(kindName(d.body), nondeterministic));
  const w = outputDocuments(want).filter((d) => !matchesPattern(kindName(d.body), nondeterministic));
  const gi = g.map((d) => d.id);
  const wi = w.map((d) => d.id);
  if (!isDeepStrictEqual(gi, wi)) {
    const missing = wi.filter((x) => !gi.includes(x));
    const extra = gi.filter((x) => !wi.includes(x));
    return `document identities differ (missing ${JSON.stringify(missing.slice(0, 5))}, extra ${JSON.stringify(extra.slice(0, 5))}${missing.length === 0 && extra.length === 0 ? ', order differs' : ''})`;
  }
  for (let i = 0; i < w.length; i++) {
    if (!isDeepStrictEqual(parseDoc(g[i]!.body), parseDoc(w[i]!.body))) return `document ${w[i]!.id} differs`;
  }
  return undefined;
}

function errorMessage(stderr: string): string {
  return stderr.replace(/^Error: /, '').replace(/\n$/, '');
}

/** Runs one render of a case and compares it. */
export async function runRender(c: CorpusCase, r: CorpusRender): Promise<RenderOutcome> {
  const opts = templateOptionsFromArgs(r.args, c.dir);
  opts.chart = join(c.dir, c.chart);
  opts.releaseName = r.release ?? c.release;
  const want = goString(readFileSync(join(c.dir, r.expected)));
  const base = { case: c.name, render: r.name };
  if (opts.unknown.length > 0)
    return { ...base, pass: false, exact: false, reason: `unsupported flags ${opts.unknown.join(' ')}` };
  let output: string | undefined;
  let err: unknown;
  try {
    output = (await helmTemplate(opts)).output;
  } catch (e) {
    err = e;
  }
  if (r.expectError) {
    if (err === undefined)
      return { ...base, pass: false, exact: false, reason: 'expected an error, rendered fine' };
    if (!isGitOpsKitError(err))
      return { ...base, pass: false, exact: false, reason: `crash: ${(err as Error).stack}` };
    const got = `Error: ${err.message}\n${isRenderError(err) ? '\nUse --debug flag to render out invalid YAML\n' : ''}`;
    if (got === want) return { ...base, pass: true, exact: true };
    const wantMsg = errorMessage(want).replace(/\n\nUse --debug flag to render out invalid YAML$/, '');
    if (r.errorLinesUnordered) {
      const a = err.message.split('\n').sort();
      const b = wantMsg.split('\n').sort();
      if (isDeepStrictEqual(a, b)) return { ...base, pass: true, exact: false };
    }
    const firstGot = err.message.split('\n')[0];
    const firstWant = wantMsg.split('\n')[0];
    if (firstGot === firstWant) return { ...base, pass: true, exact: false, reason: 'first line matches' };
    return {
      ...base,
      pass: false,
      exact: false,
      reason: `error differs:\n  got:  ${firstGot}\n  want: ${firstWant}`,
    };
  }
  if (err !== undefined) {
    return {
      ...base,
      pass: false,
      exact: false,
      reason: `unexpected error: ${isGitOpsKitError(err) ? `${err.code}: ${err.message.split('\n')[0]}` : (err as Error).stack}`,
    };
  }
  const nd = [...(r.nondeterministic ?? []), ...(c.nondeterministic ?? [])];
  const diff = compareOutput(output!, want, nd);
  if (diff) return { ...base, pass: false, exact: false, reason: diff };
  return { ...base, pass: true, exact: output === want };
}
