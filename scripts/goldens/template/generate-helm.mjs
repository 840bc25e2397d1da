#!/usr/bin/env node
// Renders helm-cases.mjs with real Helm v3.17 (bash ../shared/services/helm-install.sh prints its
// path; or HELM=...) into packages/template/testdata/golden/helm.json. Successful cases are batched
// into one chart: case N is `templates/_cN.tpl` = {{define "cN"}}TEMPLATE{{end}} (+ the case's own
// defines) and `templates/cN.yaml` = `cN: {{ include "cN" . | b64enc | quote }}`. A case that fails
// is re-rendered alone in its own chart as `templates/t.yaml` = TEMPLATE, and Helm's stderr recorded.
// Cases whose input is unchanged since the last run keep their recorded golden (FULL=1 re-renders all).
// An output that is not valid UTF-8 (Go strings are bytes) is recorded base64-encoded as outputBase64.
import { isUtf8 } from 'node:buffer';
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import cases from './helm-cases.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const helm =
  process.env.HELM ??
  execFileSync('bash', [join(here, '../../../../shared/services/helm-install.sh')], { encoding: 'utf8' })
    .trim()
    .split('\n')
    .pop();
const env = { ...process.env, TZ: 'UTC', LANG: 'C.UTF-8', KUBECONFIG: '/nonexistent' };

function chart(files, values) {
  const dir = mkdtempSync(join(tmpdir(), 'tplgold-'));
  mkdirSync(join(dir, 'golden/templates'), { recursive: true });
  writeFileSync(join(dir, 'golden/Chart.yaml'), 'apiVersion: v2\nname: golden\nversion: 0.1.0\n');
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, 'golden/templates', name), text);
  writeFileSync(join(dir, 'values.json'), JSON.stringify(values));
  const r = spawnSync(
    helm,
    ['template', 'rel', join(dir, 'golden'), '-f', join(dir, 'values.json'), '--namespace', 'default'],
    { env },
  );
  rmSync(dir, { recursive: true, force: true });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr.toString('utf8') };
}

const wrapperFiles = (c, i) => ({
  [`_c${i}.tpl`]: `{{- define "c${i}" -}}${c.template}{{- end -}}\n${c.defines ?? ''}`,
  [`c${i}.yaml`]: `c${i}: {{ include "c${i}" . | b64enc | quote }}\n`,
});

function output(bytes) {
  return isUtf8(bytes) ? { output: bytes.toString('utf8') } : { outputBase64: bytes.toString('base64') };
}

const dest = join(here, '../../../packages/template/testdata/golden/helm.json');
const key = (c) => JSON.stringify([c.name, c.template, c.defines ?? null, c.values]);
const previous = new Map(
  !process.env.FULL && existsSync(dest) ? JSON.parse(readFileSync(dest, 'utf8')).map((g) => [key(g), g]) : [],
);
const out = [];
for (const [i, c] of cases.entries()) {
  const old = previous.get(key(c));
  if (old) {
    out.push(old);
    continue;
  }
  const r = chart(wrapperFiles(c, i), c.values);
  if (r.status === 0) {
    const m = new RegExp(`^c${i}: "([^"]*)"$`, 'm').exec(r.stdout.toString('utf8'));
    out.push({ ...c, wrapped: true, ...output(Buffer.from(m[1], 'base64')) });
    continue;
  }
  const files = { 't.yaml': c.template };
  if (c.defines) files['_defs.tpl'] = c.defines;
  const r2 = chart(files, c.values);
  if (r2.status === 0) out.push({ ...c, wrapped: false, ...output(r2.stdout) });
  else out.push({ ...c, wrapped: false, stderr: r2.stderr });
}
writeFileSync(dest, JSON.stringify(out, null, 2) + '\n');
console.error(`${out.length} cases (${out.filter((c) => c.stderr).length} errors) -> ${dest}`);
