import type { FluxStatus, KubeObject } from '@gitops-kit/core';

/** API group, version and kind of the example's custom resource. */
export const WebAppGroup = 'example.gitops-kit.dev';
export const WebAppApiVersion = `${WebAppGroup}/v1alpha1`;
export const WebAppKind = 'WebApp';

/** What a user writes: the image to run, how many replicas, and the host to serve it on. */
export interface WebAppSpec {
  /** Container image, e.g. `ghcr.io/stefanprodan/podinfo:6.7.0`. */
  image: string;
  /** Pods to run; default 1. */
  replicas?: number;
  /** Host name the Ingress routes to the app. */
  host: string;
  /** Container port; default 8080. */
  port?: number;
  /** Reconcile interval (Go duration, as every Flux kind); default `10m`. */
  interval?: string;
  /** How long to wait for the rollout to become healthy (Go duration); default `2m`. */
  healthCheckTimeout?: string;
  /**
   * Budget of a whole reconcile (Go duration), enforced by the `Manager`: when it passes, the
   * reconcile is aborted and reported as `ReconciliationFailed`. Default: none.
   */
  timeout?: string;
  /** Stop reconciling (handled by the Manager). */
  suspend?: boolean;
}

/** What the controller reports: Flux's status fields plus the objects it manages. */
export interface WebAppStatus extends FluxStatus {
  /** The objects applied for this WebApp, as Flux's `status.inventory`. */
  inventory?: { entries: { id: string; v: string }[] };
}

export interface WebApp extends KubeObject {
  spec: WebAppSpec;
  status?: WebAppStatus;
}

/**
 * The WebApp CustomResourceDefinition. `MemoryCluster` serves the kind once this is created and
 * validates every WebApp against its schema, as a real API server would.
 */
export const webAppCrd: KubeObject = {
  apiVersion: 'apiextensions.k8s.io/v1',
  kind: 'CustomResourceDefinition',
  metadata: { name: `webapps.${WebAppGroup}` },
  spec: {
    group: WebAppGroup,
    scope: 'Namespaced',
    names: { plural: 'webapps', singular: 'webapp', kind: WebAppKind, listKind: 'WebAppList' },
    versions: [
      {
        name: 'v1alpha1',
        served: true,
        storage: true,
        subresources: { status: {} },
        schema: {
          openAPIV3Schema: {
            type: 'object',
            properties: {
              spec: {
                type: 'object',
                required: ['image', 'host'],
                properties: {
                  image: { type: 'string' },
                  replicas: { type: 'integer' },
                  host: { type: 'string' },
                  port: { type: 'integer' },
                  interval: { type: 'string' },
                  healthCheckTimeout: { type: 'string' },
                  timeout: { type: 'string' },
                  suspend: { type: 'boolean' },
                },
              },
              status: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true },
            },
          },
        },
      },
    ],
  },
};

/** A WebApp object, for tests and the example's main. */
export function webApp(namespace: string, name: string, spec: WebAppSpec): WebApp {
  return { apiVersion: WebAppApiVersion, kind: WebAppKind, metadata: { namespace, name }, spec };
}
