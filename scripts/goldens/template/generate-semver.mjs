#!/usr/bin/env node
// Records Masterminds/semver v3.3.0 behaviour through real Helm v3.17's `semverCompare` into
// packages/template/testdata/golden/semver.json: every constraint below against every version
// (one chart renders the whole cross product), the constraints semver refuses and the versions it
// refuses, each with Helm's error text. Helm (bash ../shared/services/helm-install.sh prints its
// path; or HELM=...) is the only oracle; nothing here comes from our own code.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const helm =
  process.env.HELM ??
  execFileSync('bash', [join(here, '../../../../shared/services/helm-install.sh')], { encoding: 'utf8' })
    .trim()
    .split('\n')
    .pop();

function render(template, values) {
  const dir = mkdtempSync(join(tmpdir(), 'semver-gold-'));
  mkdirSync(join(dir, 'c/templates'), { recursive: true });
  writeFileSync(join(dir, 'c/Chart.yaml'), 'apiVersion: v2\nname: c\nversion: 0.1.0\n');
  writeFileSync(join(dir, 'c/templates/t.yaml'), template);
  writeFileSync(join(dir, 'values.json'), JSON.stringify(values));
  const r = spawnSync(helm, ['template', 'r', join(dir, 'c'), '-f', join(dir, 'values.json')], {
    encoding: 'utf8',
    env: { ...process.env, TZ: 'UTC', KUBECONFIG: '/nonexistent' },
  });
  rmSync(dir, { recursive: true, force: true });
  return r;
}

/** The error text after `error calling semverCompare: `. */
const semverError = (stderr) => /error calling semverCompare: (.*)$/m.exec(stderr)?.[1] ?? stderr.trim();

// biome-ignore format: one line per group reads better
const constraints = [
  '1.2.3', '=1.2.3', '!=1.2.3', '>1.2.3', '<1.2.3', '>=1.2.3', '<=1.2.3', '=>1.2.3', '=<1.2.3',
  '~1.2.3', '~>1.2.3', '^1.2.3', '^0.2.3', '^0.0.3', '^0.0', '^0', '^1.2', '^1', '~1', '~1.2', '~0',
  '1.2.x', '1.x', '*', 'x', 'X', '1.2.*', '!=1.2.x', '!=1.x', '>1.2.x', '>1.x', '<1.2.x', '<1.x',
  '>=1.2.x', '<=1.2.x', '<=1.x', '1.2 - 1.4', '1.2.3 - 2.3.4', '>1.0, <2.0', '>1.0 <2.0',
  '<1.0 || >=2.0', '>=1.2.3-0', '>=1.2.3-beta', '<1.2.3-beta.2', '~1.2.3-beta', '^1.2.3-alpha',
  '=1.2.3-beta.1', '!=1.2.3-beta.1', '1.2.3-beta.1 - 1.2.4', '>=1.21-0', '<1.22-0', '>= 1.19.0-0',
  'v1.2.3', '>=v1.2', '~ 1.2.3', '> 1.2.3', '', '1.2', '1', '0.0.0', '>0.0.0', '!=0.0.0', '<0', '<=0',
  '>=0.0.0-0', '^1.2.3+build', '=1.2.3+meta', '~0.0.0', '!=1.2.3-0', '1.2.3-alpha.1 - 1.2.3-alpha.10',
  '>1.2.3-alpha <1.2.3-beta', '>=1.0.0-rc.1 || 2.x', '!!1.0', '1.2.3.4', 'foo', '>=a', '>= 1.2,',
  '=1.2.x-beta', '^1.x', '~1.x', '>=1.x.3', '1.2.3 -2.0', '>1 <2 || >3 <4, !=3.5',
];
// biome-ignore format: one line per group reads better
const versions = [
  '1.2.3', 'v1.2.3', '1.2.4', '1.2.2', '1.3.0', '1.9.9', '2.0.0', '0.2.3', '0.2.9', '0.3.0', '0.0.3',
  '0.0.4', '0.0.0', '1.2.3-beta', '1.2.3-beta.1', '1.2.3-beta.2', '1.2.3-beta.10', '1.2.3-alpha',
  '1.2.3-alpha.1', '1.2.3-alpha.10', '1.2.3-0', '1.2.3+meta', '1.2.3-rc.1+build', '1.21.5-gke.1',
  '1.22.0', '1.19.16-gke.1500', '1.2', '1', 'v2', '3.5.0', '3.5.1', '1.0.0-rc.1', '2.5.0', '10.0.0',
  '1.2.30', '18446744073709551615.0.0',
];
// biome-ignore format: one line per group reads better
const badVersionCandidates = [
  'notaversion', '1.2.3.4', '01.2.3', '1.2.3-01', '1.2.3-beta..1', '1.2.3+', '', 'v', '1.2.3-beta_1',
  '99999999999999999999.0.0',
];

const good = [];
const badConstraints = [];
for (const constraint of constraints) {
  const r = render('o: {{ semverCompare .Values.c "1.0.0" | quote }}', { c: constraint });
  if (r.status === 0) good.push(constraint);
  else badConstraints.push({ constraint, error: semverError(r.stderr) });
}
const all = render(
  'o: "{{- range $c := .Values.cs }}{{ range $v := $.Values.vs }}{{ semverCompare $c $v }} {{ end }};{{ end }}"',
  { cs: good, vs: versions },
);
if (all.status !== 0) throw new Error(all.stderr);
const rows = /^o: "(.*)"$/m.exec(all.stdout)[1].split(';');
const table = good.map((constraint, i) => {
  const results = rows[i].trim().split(' ');
  return { constraint, matches: versions.filter((_, j) => results[j] === 'true') };
});
const versionResults = badVersionCandidates.map((version) => {
  const r = render('o: {{ semverCompare ">=0.0.0-0" .Values.v | quote }}', { v: version });
  return r.status === 0 ? { version, valid: true } : { version, valid: false, error: semverError(r.stderr) };
});
const dest = join(here, '../../../packages/template/testdata/golden/semver.json');
writeFileSync(
  dest,
  `${JSON.stringify({ helm: 'v3.17', versions, table, badConstraints, versionResults }, null, 1)}\n`,
);
console.error(
  `${table.length} constraints × ${versions.length} versions, ${badConstraints.length} refused constraints, ${versionResults.length} version cases -> ${dest}`,
);
