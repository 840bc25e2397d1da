import { describe, expect, it } from 'vitest';
import { isGitOpsKitError } from '@gitops-kit/core';
import { loadChartFiles } from '../chart/loadChart.js';
import { helmTemplate } from './helmTemplate.js';

// Hostile charts and values through the whole `helm template` pipeline: each fails with a typed
// error (and, where helm prints one, helm's message), in bounded time and memory.
const enc = new TextEncoder();
const chart = (templates: Record<string, string>) =>
  loadChartFiles([
    { name: 'Chart.yaml', data: enc.encode('apiVersion: v2\nname: c\nversion: 0.1.0\n') },
    ...Object.entries(templates).map(([n, t]) => ({ name: `templates/${n}`, data: enc.encode(t) })),
  ]);

async function failure(p: Promise<unknown>): Promise<{ code: string; message: string }> {
  try {
    await p;
  } catch (e) {
    if (isGitOpsKitError(e)) return { code: e.code, message: e.message };
    throw e;
  }
  throw new Error('expected a failure');
}

const aliasBomb = (() => {
  const lines = ['a: &a ["x","x","x","x","x","x","x","x","x"]'];
  let prev = 'a';
  for (const n of 'bcdefghi') {
    lines.push(`${n}: &${n} [${Array(9).fill(`*${prev}`).join(',')}]`);
    prev = n;
  }
  return lines.join('\n');
})();

describe('hostile charts through helmTemplate', () => {
  it.each([
    {
      name: 'a template that includes itself forever stops at Helm’s recursion cap',
      templates: {
        'cm.yaml': '{{- define "loop" }}{{ include "loop" . }}{{ end }}\nx: {{ include "loop" . }}\n',
      },
      code: 'TemplateExec',
      // helm v3.17.2's exact last words (the whole 99 KB chain matches it byte for byte).
      tail: 'error calling include: rendering template has a nested reference name: loop: unable to execute template',
    },
    {
      name: 'a template that calls itself forever stops at the template depth cap',
      templates: { 'cm.yaml': '{{- define "t" }}{{ template "t" . }}{{ end }}\nx: {{ template "t" . }}\n' },
      code: 'TemplateExec',
      tail: 'template: c/templates/cm.yaml:1:29: executing "t" at <{{template "t" .}}>: exceeded maximum template depth (100000)',
    },
    {
      name: 'a range over a billion items is bounded',
      templates: { 'cm.yaml': '{{- range until 1000000000 }}x{{ end }}\n' },
      code: 'LimitExceeded',
      tail: '',
    },
  ])('$name', async ({ templates, code, tail }) => {
    const c = await chart(templates);
    const f = await failure(helmTemplate({ chart: c, releaseName: 'r' }));
    expect(f.code).toBe(code);
    expect(f.message.endsWith(tail)).toBe(true);
  });

  it('a values file with an alias bomb fails with a typed error', async () => {
    const c = await chart({ 'cm.yaml': 'x: 1\n' });
    const f = await failure(
      helmTemplate({
        chart: c,
        releaseName: 'r',
        valueOptions: { valueFiles: ['bomb.yaml'] },
        readFile: async () => aliasBomb,
      }),
    );
    expect(f).toEqual({
      code: 'InvalidValues',
      message:
        'failed to parse bomb.yaml: error converting YAML to JSON: yaml: document contains excessive aliasing',
    });
  });
});
