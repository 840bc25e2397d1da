import { describe, expect, it } from 'vitest';
import { type HelmNamespaceInput, helmNamespace } from './helmNamespace.js';

const kc = `apiVersion: v1
kind: Config
current-context: a
contexts:
- name: a
  context: {cluster: c, user: u, namespace: ctxns}
- name: b
  context: {cluster: c, user: u, namespace: bns}
- name: nons
  context: {cluster: c, user: u}
`;
const kc2 = `apiVersion: v1
kind: Config
current-context: b
contexts:
- name: a
  context: {cluster: c, user: u, namespace: other}
`;
const files: Record<string, string> = {
  '/k/kc.yaml': kc,
  '/k/kc2.yaml': kc2,
  '/home/.kube/config': kc,
  '/k/broken.yaml': 'this: [is: not\n',
  '/k/list.yaml': '- a\n',
  '.kube/config': kc,
};
const readFile = (p: string) => {
  const t = files[p];
  if (t === undefined) throw Object.assign(new Error(`ENOENT: ${p}`), { code: 'ENOENT' });
  return t;
};

// Each row: what helm v3.17.2 `template` gives for .Release.Namespace with the same flags and
// environment (checked with real helm against the same kubeconfig files).
describe('helmNamespace', () => {
  it.each<{ name: string; input: Partial<HelmNamespaceInput>; want: string }>([
    { name: 'no kubeconfig anywhere', input: { env: { HOME: '/nohome' } }, want: 'default' },
    { name: '~/.kube/config context namespace', input: { env: { HOME: '/home' } }, want: 'ctxns' },
    { name: 'HOME unset: .kube/config under the working directory', input: { env: {} }, want: 'ctxns' },
    { name: 'KUBECONFIG current-context', input: { env: { KUBECONFIG: '/k/kc.yaml' } }, want: 'ctxns' },
    { name: '-n wins', input: { namespace: 'x', env: { KUBECONFIG: '/k/kc.yaml' } }, want: 'x' },
    {
      name: "-n '' falls through",
      input: { namespace: '', env: { KUBECONFIG: '/k/kc.yaml' } },
      want: 'ctxns',
    },
    {
      name: 'HELM_NAMESPACE',
      input: { env: { KUBECONFIG: '/k/kc.yaml', HELM_NAMESPACE: 'envns' } },
      want: 'envns',
    },
    {
      name: 'empty HELM_NAMESPACE',
      input: { env: { KUBECONFIG: '/k/kc.yaml', HELM_NAMESPACE: '' } },
      want: 'ctxns',
    },
    {
      name: "-n '' also drops HELM_NAMESPACE",
      input: { namespace: '', env: { KUBECONFIG: '/k/kc.yaml', HELM_NAMESPACE: 'envns' } },
      want: 'ctxns',
    },
    { name: '--kube-context', input: { kubeContext: 'b', env: { KUBECONFIG: '/k/kc.yaml' } }, want: 'bns' },
    {
      name: 'HELM_KUBECONTEXT of a context without namespace',
      input: { env: { KUBECONFIG: '/k/kc.yaml', HELM_KUBECONTEXT: 'nons' } },
      want: 'default',
    },
    {
      name: 'missing context',
      input: { kubeContext: 'missing', env: { KUBECONFIG: '/k/kc.yaml' } },
      want: 'default',
    },
    { name: 'missing KUBECONFIG file', input: { env: { KUBECONFIG: '/k/nofile.yaml' } }, want: 'default' },
    { name: 'broken kubeconfig', input: { env: { KUBECONFIG: '/k/broken.yaml' } }, want: 'default' },
    { name: 'kubeconfig that is a list', input: { env: { KUBECONFIG: '/k/list.yaml' } }, want: 'default' },
    {
      name: 'missing file in a list is skipped',
      input: { env: { KUBECONFIG: '/k/nofile.yaml:/k/kc.yaml' } },
      want: 'ctxns',
    },
    {
      name: 'first current-context wins, contexts merge',
      input: { env: { KUBECONFIG: '/k/kc2.yaml:/k/kc.yaml' } },
      want: 'bns',
    },
    {
      name: 'first context definition wins',
      input: { env: { KUBECONFIG: '/k/kc.yaml:/k/kc2.yaml' } },
      want: 'ctxns',
    },
    {
      name: '--kubeconfig is that one file',
      input: { kubeconfig: '/k/kc2.yaml', env: { KUBECONFIG: '/k/kc.yaml' } },
      want: 'default',
    },
    {
      name: '--kubeconfig missing',
      input: { kubeconfig: '/k/nofile.yaml', env: { HOME: '/home' } },
      want: 'default',
    },
  ])('$name', ({ input, want }) => {
    expect(
      helmNamespace({
        namespace: undefined,
        kubeconfig: undefined,
        kubeContext: undefined,
        env: {},
        readFile,
        ...input,
      }),
    ).toBe(want);
  });

  it('reads no file when the namespace is given', () => {
    const read = (p: string): string => {
      throw new Error(`read ${p}`);
    };
    expect(
      helmNamespace({
        namespace: 'n',
        kubeconfig: undefined,
        kubeContext: undefined,
        env: {},
        readFile: read,
      }),
    ).toBe('n');
  });
});
