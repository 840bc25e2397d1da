import { describe, expect, it } from 'vitest';
import type { HelmError } from '../errors.js';
import { goTrimSpace, sortManifests, splitManifests } from './manifests.js';

describe('goTrimSpace', () => {
  it.each([
    { name: 'ASCII white space', input: ' \t\n\v\f\r a b \r\n', want: 'a b' },
    { name: 'NEL and NBSP are Go spaces', input: '\u0085\u00a0a\u2003\u3000', want: 'a' },
    { name: 'a BOM is not (unlike JavaScript \\s)', input: '\ufeffa\ufeff ', want: '\ufeffa\ufeff' },
    { name: 'nothing to trim', input: 'a', want: 'a' },
    { name: 'only spaces', input: ' \n ', want: '' },
  ])('$name', ({ input, want }) => {
    expect(goTrimSpace(input)).toBe(want);
  });
});

describe('splitManifests', () => {
  it.each([
    { name: 'one', input: 'a: 1\n', want: ['a: 1'] },
    { name: 'two', input: 'a: 1\n---\nb: 2', want: ['a: 1', 'b: 2'] },
    // Go's regexp split: the second `---` has no newline of its own left, so it stays in the document.
    {
      name: 'leading separator and blanks',
      input: '\n---\n\na: 1\n---\n\n---\nb: 2\n\n',
      want: ['a: 1', '---\nb: 2'],
    },
    { name: 'separator with comment', input: 'a: 1\n--- # c\nb: 2', want: ['a: 1', '# c\nb: 2'] },
    { name: 'separator without newline after', input: 'a: 1\n---b: 2', want: ['a: 1', 'b: 2'] },
    { name: 'indented --- is content', input: 'a: |\n  ---\n  x', want: ['a: |\n  ---\n  x'] },
    { name: 'only separators', input: '---\n---\n', want: ['---'] },
    { name: 'nothing', input: ' \n', want: [] },
  ])('$name', ({ input, want }) => expect(splitManifests(input)).toEqual(want));
});

const doc = (kind: string, name: string, annotations = '') =>
  `apiVersion: v1\nkind: ${kind}\nmetadata:\n  name: ${name}\n${annotations ? `  annotations:\n${annotations}` : ''}`;

describe('sortManifests', () => {
  it('orders by install order, unknown kinds last alphabetically, stable within a kind', () => {
    const files = new Map([
      [
        'c/templates/b.yaml',
        `${doc('Deployment', 'd1')}\n---\n${doc('Zeta', 'z')}\n---\n${doc('Service', 's')}`,
      ],
      [
        'c/templates/a.yaml',
        `${doc('Alpha', 'x')}\n---\n${doc('Deployment', 'd0')}\n---\n${doc('Namespace', 'ns')}`,
      ],
      ['c/templates/_helpers.tpl', 'not: rendered'],
      ['c/templates/empty.yaml', '\n  \n'],
    ]);
    const { manifests, hooks } = sortManifests(files);
    expect(hooks).toEqual([]);
    expect(manifests.map((m) => `${m.head.kind}/${m.head.metadata?.name}@${m.name}`)).toEqual([
      'Namespace/ns@c/templates/a.yaml',
      'Service/s@c/templates/b.yaml',
      'Deployment/d0@c/templates/a.yaml',
      'Deployment/d1@c/templates/b.yaml',
      'Alpha/x@c/templates/a.yaml',
      'Zeta/z@c/templates/b.yaml',
    ]);
  });

  it('separates hooks, with weights, events and delete policies', () => {
    const files = new Map([
      [
        'c/templates/h.yaml',
        `${doc('Job', 'j', '    helm.sh/hook: pre-install,Post-Upgrade\n    helm.sh/hook-weight: "-5"\n    helm.sh/hook-delete-policy: before-hook-creation, Hook-Succeeded\n')}\n---\n${doc('ConfigMap', 'plain', '    a: b\n')}\n---\n${doc('Pod', 't', '    helm.sh/hook: test-success\n')}\n---\n${doc('Pod', 'u', '    helm.sh/hook: bogus\n')}`,
      ],
    ]);
    const { manifests, hooks, infos } = sortManifests(files);
    expect(manifests.map((m) => m.head.metadata?.name)).toEqual(['plain']);
    expect(hooks.map((h) => [h.kind, h.name, h.events, h.weight, h.deletePolicies])).toEqual([
      ['Pod', 't', ['test'], 0, []],
      ['Job', 'j', ['pre-install', 'post-upgrade'], -5, ['before-hook-creation', 'hook-succeeded']],
    ]);
    expect(infos).toEqual(['manifest_sorter.go:190: info: skipping unknown hook: "bogus"']);
  });

  it('numbers in annotations are read as strings (sigs.k8s.io/yaml)', () => {
    const files = new Map([
      ['c/templates/h.yaml', doc('Job', 'j', '    helm.sh/hook: pre-install\n    helm.sh/hook-weight: 3\n')],
    ]);
    expect(sortManifests(files).hooks[0]?.weight).toBe(3);
  });

  it.each([
    {
      name: 'a scalar document',
      text: 'just a string',
      msg: 'YAML parse error on c/templates/x.yaml: error unmarshaling JSON: while decoding JSON: json: cannot unmarshal string into Go value of type releaseutil.SimpleHead',
    },
    {
      name: 'invalid YAML',
      text: 'a: [1\nb: 2',
      msg: /^YAML parse error on c\/templates\/x.yaml: error converting YAML to JSON: yaml: line \d+: /,
    },
  ])('fails on $name', ({ text, msg }) => {
    let err: unknown;
    try {
      sortManifests(new Map([['c/templates/x.yaml', text]]));
    } catch (e) {
      err = e;
    }
    expect((err as HelmError).code).toBe('InvalidManifest');
    if (typeof msg === 'string') expect((err as Error).message).toBe(msg);
    else expect((err as Error).message).toMatch(msg);
  });

  // helm v3.17.2 logs the unknown hook of a.yaml, then fails on z.yaml (files are sorted by path).
  it('reports the unknown hooks of the files before a failing one through onInfo', () => {
    const infos: string[] = [];
    const files = new Map([
      ['c/templates/z.yaml', 'a: [1\nb: 2'],
      ['c/templates/a.yaml', doc('ConfigMap', 'a', '    helm.sh/hook: foo\n')],
    ]);
    expect(() => sortManifests(files, undefined, (i) => infos.push(i))).toThrow(
      /YAML parse error on c\/templates\/z.yaml/,
    );
    expect(infos).toEqual(['manifest_sorter.go:190: info: skipping unknown hook: "foo"']);
  });
});
