import type { KubeObject } from '@gitops-kit/core';
import { describe, expect, it } from 'vitest';
import { normalizeObject } from './normalize.js';

const deploy = (ports: unknown[]): KubeObject => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'web', creationTimestamp: null } as never,
  spec: { template: { spec: { containers: [{ name: 'c', image: 'x', ports }] } } },
  status: { replicas: 1 },
});

describe('normalizeObject (Flux ssa/normalize)', () => {
  it.each([
    {
      name: 'container ports without protocol get TCP; creationTimestamp and status are dropped',
      input: deploy([{ containerPort: 80 }, { containerPort: 53, protocol: 'UDP' }]),
      want: {
        apiVersion: 'apps/v1',
        kind: 'Deployment',
        metadata: { name: 'web' },
        spec: {
          template: {
            spec: {
              containers: [
                {
                  name: 'c',
                  image: 'x',
                  ports: [
                    { containerPort: 80, protocol: 'TCP' },
                    { containerPort: 53, protocol: 'UDP' },
                  ],
                },
              ],
            },
          },
        },
      },
    },
    {
      name: 'CronJob pod template ports get TCP',
      input: {
        apiVersion: 'batch/v1',
        kind: 'CronJob',
        metadata: { name: 'c' },
        spec: {
          jobTemplate: {
            spec: { template: { spec: { containers: [{ name: 'c', ports: [{ containerPort: 1 }] }] } } },
          },
        },
      },
      want: {
        apiVersion: 'batch/v1',
        kind: 'CronJob',
        metadata: { name: 'c' },
        spec: {
          jobTemplate: {
            spec: {
              template: {
                spec: { containers: [{ name: 'c', ports: [{ containerPort: 1, protocol: 'TCP' }] }] },
              },
            },
          },
        },
      },
    },
    {
      name: 'Service ports without protocol get TCP',
      input: {
        apiVersion: 'v1',
        kind: 'Service',
        metadata: { name: 's' },
        spec: { ports: [{ port: 80, targetPort: 'http' }] },
      },
      want: {
        apiVersion: 'v1',
        kind: 'Service',
        metadata: { name: 's' },
        spec: { ports: [{ port: 80, targetPort: 'http', protocol: 'TCP' }] },
      },
    },
    {
      name: 'Secret stringData moves into data, base64',
      input: {
        apiVersion: 'v1',
        kind: 'Secret',
        metadata: { name: 's' },
        data: { a: 'eA==' },
        stringData: { b: 'hi' },
      },
      want: { apiVersion: 'v1', kind: 'Secret', metadata: { name: 's' }, data: { a: 'eA==', b: 'aGk=' } },
    },
    {
      name: 'a CRD keeps its status (kstatus reads it)',
      input: {
        apiVersion: 'apiextensions.k8s.io/v1',
        kind: 'CustomResourceDefinition',
        metadata: { name: 'x.y' },
        status: { conditions: [] },
      },
      want: {
        apiVersion: 'apiextensions.k8s.io/v1',
        kind: 'CustomResourceDefinition',
        metadata: { name: 'x.y' },
        status: { conditions: [] },
      },
    },
    {
      name: 'other kinds are untouched but for status',
      input: { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c' }, data: { ports: 'x' } },
      want: { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c' }, data: { ports: 'x' } },
    },
  ] as { name: string; input: KubeObject; want: unknown }[])('$name', ({ input, want }) => {
    const before = structuredClone(input);
    expect(normalizeObject(input)).toEqual(want);
    expect(input).toEqual(before);
  });
});
