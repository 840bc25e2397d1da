import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cliBin, runCli } from './run.js';

const dir = mkdtempSync(join(tmpdir(), 'gitops-kit-template-'));
const file = (name: string, text: string) => {
  writeFileSync(join(dir, name), text);
  return name;
};

describe('gitops-kit template (built binary)', () => {
  it.each([
    {
      name: 'sprig functions, JSON data as float64',
      args: [
        'template',
        '--data',
        file('d.json', '{"name":"flux","n":1000000}'),
        file('a.tpl', '{{ .name | upper }} {{ .n }} {{ printf "%d" .n }}'),
      ],
      want: { code: 0, stdout: 'FLUX 1e+06 %!d(float64=1e+06)', stderr: '' },
    },
    {
      name: 'YAML 1.1 data and helm functions',
      args: [
        'template',
        '--funcs',
        'helm',
        '--data',
        file('d.yaml', 'a: {b: [1, two]}\non: yes\n'),
        file('b.tpl', '{{ toYaml .a }}|{{ index . "true" }}'),
      ],
      want: { code: 0, stdout: 'b:\n- 1\n- two|true', stderr: '' },
    },
    {
      name: 'go functions only: sprig function is not defined',
      args: ['template', '--funcs', 'go', '--data', 'd.json', file('c.tpl', '{{ upper .name }}')],
      want: { code: 1, stdout: '', stderr: 'error: template: c.tpl:1: function "upper" not defined\n' },
    },
    {
      name: 'missingkey=error: Go exec error text',
      args: ['template', '--missingkey', 'error', '--data', 'd.json', file('e.tpl', '{{ .nope }}')],
      want: {
        code: 1,
        stdout: '',
        stderr: 'error: template: e.tpl:1:3: executing "e.tpl" at <.nope>: map has no entry for key "nope"\n',
      },
    },
    {
      // Go 1.23 text/template golden 'bytes literal print' (packages/template/testdata/golden/go.json).
      name: 'Go strings are bytes: invalid UTF-8 written as raw bytes',
      args: [
        'template',
        '--funcs',
        'go',
        '--data',
        'd.json',
        file('f.tpl', '{{"a\\xffb"}}|{{"\\xed\\xa0\\x80"}}|{{"\\xc0\\x80"}}'),
      ],
      want: { code: 0, stdoutBase64: 'Yf9ifO2ggHzAgA==', stderr: '' },
    },
    {
      name: 'bad --funcs is a usage error',
      args: ['template', '--funcs', 'x', '--data', 'd.json', 'a.tpl'],
      want: { code: 2, stdout: '', stderr: 'error: --funcs must be one of go, sprig, helm, not "x"\n' },
    },
  ])('$name', ({ args, want }) => {
    if ('stdoutBase64' in want) {
      const r = spawnSync(process.execPath, [cliBin, ...args], {
        cwd: dir,
        env: { PATH: process.env.PATH ?? '' },
      });
      expect({
        code: r.status,
        stdoutBase64: r.stdout.toString('base64'),
        stderr: r.stderr.toString(),
      }).toEqual(want);
      return;
    }
    expect(runCli(args, { cwd: dir })).toEqual(want);
  });
});
