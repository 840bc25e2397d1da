import { mkdir, mkdtemp, readFile, realpath, rm, stat, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { isGitOpsKitError } from '@gitops-kit/core';
import { loadChart, loadChartFiles } from './loadChart.js';
import { writeGzipBomb } from '../testing/gzipBomb.js';
import type { ChartFile } from './types.js';

const testdata = fileURLToPath(new URL('../../testdata/', import.meta.url));
const enc = (s: string) => new TextEncoder().encode(s);
const file = (name: string, text: string): ChartFile => ({ name, data: enc(text) });

async function failure(p: Promise<unknown>): Promise<{ code: string; message: string }> {
  try {
    await p;
  } catch (e) {
    if (isGitOpsKitError(e)) return { code: e.code, message: e.message };
    throw e;
  }
  throw new Error('expected a failure');
}

describe('loadChart from a directory', () => {
  it('reads entry types from readdirTypes when the fs has it, else lstats each entry', async () => {
    const fsp = await import('node:fs/promises');
    const calls = { lstat: 0, readdirTypes: 0 };
    const base = {
      lstat: (p: string) => {
        calls.lstat++;
        return fsp.lstat(p);
      },
      stat: (p: string) => fsp.stat(p),
      readdir: (p: string) => fsp.readdir(p),
      readFile: (p: string) => fsp.readFile(p),
      realpath: (p: string) => fsp.realpath(p),
    };
    const path = `${testdata}charts/parent`;
    const withTypes = await loadChart({
      path,
      fs: {
        ...base,
        readdirTypes: (p: string) => {
          calls.readdirTypes++;
          return fsp.readdir(p, { withFileTypes: true });
        },
      },
    });
    expect(calls).toEqual({ lstat: 0, readdirTypes: expect.any(Number) });
    expect(calls.readdirTypes).toBeGreaterThan(1);
    const withoutTypes = await loadChart({ path, fs: base });
    expect(calls.lstat).toBeGreaterThan(5);
    expect(withTypes).toStrictEqual(withoutTypes);
    expect(withTypes).toStrictEqual(await loadChart({ path }));
  });

  it('loads metadata, values, templates, files and subcharts (dir and .tgz)', async () => {
    const c = await loadChart({ path: `${testdata}charts/parent` });
    expect(c.metadata).toMatchObject({
      apiVersion: 'v2',
      name: 'parent',
      version: '1.2.3',
      appVersion: '4.5',
    });
    expect(c.values).toStrictEqual({
      replicas: 2,
      flag: true,
      sub: { enabled: true },
      global: { env: 'test' },
    });
    expect(c.templates.map((t) => t.name)).toEqual(['templates/cm.yaml']);
    // .helmignore drops README.md and files/secret.txt; .helmignore itself is a file of the chart.
    expect(c.files.map((f) => f.name)).toEqual(['.helmignore', 'files/a.txt']);
    expect(c.dependencies.map((d) => [d.metadata.name, d.metadata.type ?? '', d.parent === c])).toEqual([
      ['lib', 'library', true],
      ['sub', '', true],
    ]);
  });

  it('.helmignore negation quirk: a `!pattern` ignores Chart.yaml too', async () => {
    // real helm: "Error: Chart.yaml file is missing"
    expect(await failure(loadChart({ path: `${testdata}charts/negation` }))).toEqual({
      code: 'InvalidChart',
      message: 'Chart.yaml file is missing',
    });
  });

  it('reports a missing path like helm', async () => {
    expect(await failure(loadChart({ path: `${testdata}nope` }))).toMatchObject({ code: 'ChartNotFound' });
  });
});

describe('loadChartFiles', () => {
  it.each([
    { name: 'no Chart.yaml', files: [file('values.yaml', 'a: 1')], msg: 'Chart.yaml file is missing' },
    {
      name: 'no name',
      files: [file('Chart.yaml', 'apiVersion: v2\nversion: 1.0.0')],
      msg: 'validation: chart.metadata.name is required',
    },
    {
      name: 'no version',
      files: [file('Chart.yaml', 'apiVersion: v2\nname: x')],
      msg: 'validation: chart.metadata.version is required',
    },
    {
      name: 'bad version',
      files: [file('Chart.yaml', 'name: x\nversion: one')],
      msg: 'validation: chart.metadata.version "one" is invalid',
    },
    {
      name: 'bad type',
      files: [file('Chart.yaml', 'name: x\nversion: 1.0.0\ntype: Library')],
      msg: 'validation: chart.metadata.type must be application or library',
    },
    {
      name: 'bad name',
      files: [file('Chart.yaml', 'name: a/b\nversion: 1.0.0')],
      msg: 'validation: chart.metadata.name "a/b" is invalid',
    },
    {
      name: 'duplicate alias',
      files: [
        file(
          'Chart.yaml',
          'name: x\nversion: 1.0.0\ndependencies:\n- {name: a, alias: z}\n- {name: b, alias: z}',
        ),
      ],
      msg: 'validation: more than one dependency with name or alias "z"',
    },
    {
      name: 'bad alias',
      files: [file('Chart.yaml', 'name: x\nversion: 1.0.0\ndependencies:\n- {name: a, alias: "a.b"}')],
      msg: 'validation: dependency "a" has disallowed characters in the alias',
    },
    {
      name: 'wrong field type',
      files: [file('Chart.yaml', 'name: x\nversion: [1]')],
      msg: 'cannot load Chart.yaml: error unmarshaling JSON: while decoding JSON: json: cannot unmarshal array into Go struct field Metadata.version of type string',
    },
    {
      name: 'values not a map',
      files: [file('Chart.yaml', 'name: x\nversion: 1.0.0'), file('values.yaml', '- a')],
      msg: 'cannot load values.yaml: error unmarshaling JSON: while decoding JSON: json: cannot unmarshal array into Go value of type map[string]interface {}',
    },
    {
      name: 'bad subchart',
      files: [file('Chart.yaml', 'name: p\nversion: 1.0.0'), file('charts/s/Chart.yaml', 'version: 1.0.0')],
      msg: 'error unpacking subchart s in p: validation: chart.metadata.name is required',
    },
    {
      name: 'stray file in charts/',
      files: [file('Chart.yaml', 'name: p\nversion: 1.0.0'), file('charts/notes.txt', 'x')],
      msg: 'error unpacking subchart notes.txt in p: Chart.yaml file is missing',
    },
  ])('$name', async ({ files, msg }) => {
    expect((await failure(loadChartFiles(files))).message).toBe(msg);
  });

  it('coerces numbers in string fields like sigs.k8s.io/yaml (version: 1.10 is "1.1")', async () => {
    const c = await loadChartFiles([
      file('Chart.yaml', 'name: x\nversion: 1.10\nappVersion: 10\nannotations: {a: 1}'),
    ]);
    expect(c.metadata).toMatchObject({
      apiVersion: 'v1',
      version: '1.1',
      appVersion: '10',
      annotations: { a: '1' },
    });
  });

  it('matches Chart.yaml keys case-insensitively', async () => {
    const c = await loadChartFiles([file('Chart.yaml', 'Name: x\nVERSION: 1.0.0\napiversion: v2')]);
    expect(c.metadata).toMatchObject({ name: 'x', version: '1.0.0', apiVersion: 'v2' });
  });

  it('reads requirements.yaml into a v1 chart and keeps it in .Files', async () => {
    const c = await loadChartFiles([
      file('Chart.yaml', 'apiVersion: v1\nname: x\nversion: 1.0.0'),
      file('requirements.yaml', 'dependencies:\n- name: s\n  version: 0.1.0\n  repository: ""'),
      file('charts/s/Chart.yaml', 'name: s\nversion: 0.1.0'),
    ]);
    expect(c.metadata.dependencies?.map((d) => d?.name)).toEqual(['s']);
    expect(c.files.map((f) => f.name)).toEqual(['requirements.yaml']);
    expect(c.dependencies.map((d) => d.metadata.name)).toEqual(['s']);
  });

  it('skips charts/ entries starting with _ or .', async () => {
    const c = await loadChartFiles([
      file('Chart.yaml', 'name: p\nversion: 1.0.0'),
      file('charts/_skip/Chart.yaml', 'nonsense'),
      file('charts/.hidden/x', 'y'),
    ]);
    expect(c.dependencies).toEqual([]);
  });
});

// helm v3.17.2 logs each symbolic link it follows, and names a link loop with EvalSymlinks' words.
describe('symbolic links in a chart directory', () => {
  it('follows them and logs each as helm does', async () => {
    const top = await realpath(await mkdtemp(join(tmpdir(), 'helm-links-')));
    try {
      const chart = join(top, 'c');
      await mkdir(join(chart, 'templates'), { recursive: true });
      await writeFile(join(chart, 'Chart.yaml'), 'apiVersion: v2\nname: c\nversion: 0.1.0\n');
      await writeFile(join(top, 'data.txt'), 'hello\n');
      await symlink(join(top, 'data.txt'), join(chart, 'data.txt'));
      const warnings: string[] = [];
      const c = await loadChart({ path: chart, warn: (w) => warnings.push(w) });
      expect(c.files.map((f) => [f.name, Buffer.from(f.data).toString()])).toEqual([['data.txt', 'hello\n']]);
      expect(warnings).toEqual([
        `walk.go:75: found symbolic link in path: ${join(chart, 'data.txt')} resolves to ${join(top, 'data.txt')}. Contents of linked file included and used`,
      ]);
      await symlink('loop2', join(chart, 'loop1'));
      await symlink('loop1', join(chart, 'loop2'));
      expect(await failure(loadChart({ path: chart }))).toEqual({
        code: 'InvalidChart',
        message: `error evaluating symlink ${join(chart, 'loop1')}: EvalSymlinks: too many links`,
      });
    } finally {
      await rm(top, { recursive: true, force: true });
    }
  });
});

// helm v3.17.2's messages for the same files (`helm template r <file>`).
describe('a .tgz that is not gzip', () => {
  it.each([
    { name: 'short text', data: 'hello\n', got: 'application/octet-stream' },
    { name: 'empty', data: '', got: 'application/octet-stream' },
    { name: 'text of 512 bytes or more', data: 'a'.repeat(600), got: 'text/plain; charset=utf-8' },
    { name: 'zip', data: 'PK\u0003\u0004aaaa', got: 'application/zip' },
  ])('$name: $got', async ({ data, got }) => {
    const dir = await mkdtemp(join(tmpdir(), 'helm-notgz-'));
    try {
      const path = join(dir, 'c.tgz');
      await writeFile(path, data, 'latin1');
      expect(await failure(loadChart({ path }))).toEqual({
        code: 'InvalidArchive',
        message: `file '${path}' does not appear to be a gzipped archive; got '${got}'`,
      });
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('hostile input', () => {
  it.each([
    {
      name: 'path traversal',
      path: 'hostile/traversal.tgz',
      code: 'InvalidArchive',
      msg: 'chart illegally references parent directory',
    },
    {
      name: 'absolute path',
      path: 'hostile/absolute.tgz',
      code: 'InvalidArchive',
      msg: 'chart illegally contains absolute paths',
    },
  ])('$name in an archive', async ({ path, code, msg }) => {
    expect(await failure(loadChart({ path: `${testdata}${path}` }))).toEqual({ code, message: msg });
  });

  it('a 1 GiB decompression bomb stops at the size bound, in bounded memory', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'helm-bomb-'));
    try {
      const path = join(dir, 'bomb.tgz');
      await writeGzipBomb(path, 1024 * 1024 * 1024);
      expect((await stat(path)).size).toBeLessThan(4 * 1024 * 1024);
      const before = process.memoryUsage().rss;
      const f = await failure(loadChart({ path, limits: { maxBytes: 16 * 1024 * 1024 } }));
      expect(f.code).toBe('LimitExceeded');
      expect(process.memoryUsage().rss - before).toBeLessThan(256 * 1024 * 1024);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('a 10,000-subchart tree stops at the chart-count bound', async () => {
    const files = [file('Chart.yaml', 'name: root\nversion: 1.0.0')];
    for (let i = 0; i < 10_000; i++)
      files.push(file(`charts/c${i}/Chart.yaml`, `name: c${i}\nversion: 1.0.0`));
    const f = await failure(loadChartFiles(files));
    expect(f.code).toBe('LimitExceeded');
  });

  it('a deep subchart chain stops at the depth bound', async () => {
    const files = [file('Chart.yaml', 'name: root\nversion: 1.0.0')];
    let prefix = '';
    for (let i = 0; i < 100; i++) {
      prefix += `charts/c${i}/`;
      files.push(file(`${prefix}Chart.yaml`, `name: c${i}\nversion: 1.0.0`));
    }
    expect((await failure(loadChartFiles(files))).code).toBe('LimitExceeded');
  });

  it('a values.yaml alias bomb fails with a typed error', async () => {
    const lines = ['a: &a ["x","x","x","x","x","x","x","x","x"]'];
    let prev = 'a';
    for (const n of 'bcdefghi') {
      lines.push(`${n}: &${n} [${Array(9).fill(`*${prev}`).join(',')}]`);
      prev = n;
    }
    const f = await failure(
      loadChartFiles([file('Chart.yaml', 'name: x\nversion: 1.0.0'), file('values.yaml', lines.join('\n'))]),
    );
    expect(f).toEqual({
      code: 'InvalidChart',
      message:
        'cannot load values.yaml: error converting YAML to JSON: yaml: document contains excessive aliasing',
    });
  });
});

it('loads a packaged chart the same as its directory', async () => {
  const data = await readFile(`${testdata}charts/parent/charts/lib-0.1.0.tgz`);
  expect(data.length).toBeGreaterThan(0);
  const c = await loadChart({ path: `${testdata}charts/parent/charts/lib-0.1.0.tgz` });
  expect(c.metadata).toMatchObject({ name: 'lib', type: 'library' });
  expect(c.templates.map((t) => t.name)).toEqual(['templates/_helpers.tpl']);
});
