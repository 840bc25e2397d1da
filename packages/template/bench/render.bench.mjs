#!/usr/bin/env node
// Render throughput of @gitops-kit/template's HelmEngine against `helm template` on the same
// chart, in the same run: a generated chart with a _helpers.tpl and 50 templates (labels via
// include, toYaml of values, range/with/if, tpl, printf, quote, semverCompare). Helm's time includes
// process start and chart loading (what `helm template` costs a user); ours is reported both for a
// cold run (parse + render) and for warm renders (parsed once, rendered again).
import { execFileSync, spawnSync } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { HelmEngine } from '../dist/index.js';

const root = new URL('../../..', import.meta.url).pathname;
function findHelm() {
  if (process.env.HELM) return process.env.HELM;
  const script = join(root, '../shared/services/helm-install.sh');
  if (!existsSync(script)) return null;
  try {
    return execFileSync('bash', [script], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] })
      .trim()
      .split('\n')
      .pop();
  } catch {
    return null;
  }
}

const helpers = `{{- define "bench.name" -}}{{ default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" }}{{- end }}
{{- define "bench.fullname" -}}{{- if .Values.fullnameOverride }}{{ .Values.fullnameOverride | trunc 63 | trimSuffix "-" }}{{- else }}{{ printf "%s-%s" .Release.Name (include "bench.name" .) | trunc 63 | trimSuffix "-" }}{{- end }}{{- end }}
{{- define "bench.labels" -}}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
{{ include "bench.selectorLabels" . }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
{{- end }}
{{- define "bench.selectorLabels" -}}
app.kubernetes.io/name: {{ include "bench.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end }}`;

const tmpl = (i) => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: {{ include "bench.fullname" . }}-${i}
  labels:
    {{- include "bench.labels" . | nindent 4 }}
  annotations:
    checksum: {{ toJson .Values | sha256sum }}
spec:
  replicas: {{ .Values.replicaCount }}
  selector:
    matchLabels:
      {{- include "bench.selectorLabels" . | nindent 6 }}
  template:
    metadata:
      labels:
        {{- include "bench.selectorLabels" . | nindent 8 }}
    spec:
      {{- with .Values.nodeSelector }}
      nodeSelector:
        {{- toYaml . | nindent 8 }}
      {{- end }}
      containers:
        - name: app
          image: "{{ .Values.image.repository }}:{{ .Values.image.tag | default .Chart.AppVersion }}"
          args: {{ tpl (toYaml .Values.args) . | nindent 12 }}
          env:
            {{- range $k, $v := .Values.env }}
            - name: {{ $k | upper | quote }}
              value: {{ $v | quote }}
            {{- end }}
          {{- if semverCompare ">=1.19-0" .Capabilities.KubeVersion.GitVersion }}
          resources:
            {{- toYaml .Values.resources | nindent 12 }}
          {{- end }}
`;

const values = {
  replicaCount: 2,
  image: { repository: 'ghcr.io/example/app', tag: '' },
  nodeSelector: { 'kubernetes.io/os': 'linux', tier: 'backend' },
  args: ['--name={{ .Release.Name }}', '--level=info'],
  env: Object.fromEntries(Array.from({ length: 20 }, (_, i) => [`var_${i}`, `value ${i} with some text`])),
  resources: { limits: { cpu: '500m', memory: '256Mi' }, requests: { cpu: '100m', memory: '128Mi' } },
};

const dir = mkdtempSync(join(tmpdir(), 'tpl-bench-'));
mkdirSync(join(dir, 'bench/templates'), { recursive: true });
writeFileSync(
  join(dir, 'bench/Chart.yaml'),
  'apiVersion: v2\nname: bench\nversion: 1.0.0\nappVersion: "1.2.3"\n',
);
writeFileSync(join(dir, 'bench/values.yaml'), JSON.stringify(values));
writeFileSync(join(dir, 'bench/templates/_helpers.tpl'), helpers);
for (let i = 0; i < 50; i++) writeFileSync(join(dir, `bench/templates/deploy-${i}.yaml`), tmpl(i));

const files = readdirSync(join(dir, 'bench/templates')).map((f) => ({
  name: `bench/templates/${f}`,
  text: readFileSync(join(dir, 'bench/templates', f), 'utf8'),
}));
const data = {
  Values: values,
  Release: {
    Name: 'rel',
    Namespace: 'default',
    Service: 'Helm',
    IsInstall: true,
    IsUpgrade: false,
    Revision: 1,
  },
  Chart: { Name: 'bench', Version: '1.0.0', AppVersion: '1.2.3' },
  Capabilities: { KubeVersion: { GitVersion: 'v1.31.0', Version: 'v1.31.0', Major: '1', Minor: '31' } },
};
const renderAll = (engine) => {
  let bytes = 0;
  for (const f of files)
    if (!f.name.includes('/_'))
      bytes += engine.render(f.name, { ...data, Template: { Name: f.name } }).length;
  return bytes;
};
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

const cold = [];
for (let r = 0; r < 5; r++) {
  const t0 = performance.now();
  renderAll(new HelmEngine().parse(files));
  cold.push(performance.now() - t0);
}
const engine = new HelmEngine().parse(files);
for (let r = 0; r < 20; r++) renderAll(engine);
const warm = [];
let bytes = 0;
for (let r = 0; r < 30; r++) {
  const t0 = performance.now();
  bytes = renderAll(engine);
  warm.push(performance.now() - t0);
}
console.log(
  `ours: 50 templates, ${(bytes / 1024).toFixed(0)} KiB: cold ${median(cold).toFixed(1)} ms, warm ${median(warm).toFixed(2)} ms`,
);

const helm = findHelm();
if (!helm) {
  console.log('helm not available (no ../shared/services/helm-install.sh and no $HELM): ratios skipped');
} else {
  const times = [];
  for (let r = 0; r < 5; r++) {
    const t0 = performance.now();
    const res = spawnSync(helm, ['template', 'rel', join(dir, 'bench'), '--kube-version', '1.31.0'], {
      encoding: 'utf8',
      env: { ...process.env, HOME: dir, KUBECONFIG: '/nonexistent' },
    });
    times.push(performance.now() - t0);
    if (res.status !== 0) throw new Error(res.stderr);
  }
  const h = median(times);
  console.log(`helm template (process, same chart): ${h.toFixed(1)} ms`);
  console.log(
    `ratio helm/ours: cold ${(h / median(cold)).toFixed(1)}x, warm ${(h / median(warm)).toFixed(1)}x`,
  );
}
rmSync(dir, { recursive: true, force: true });
