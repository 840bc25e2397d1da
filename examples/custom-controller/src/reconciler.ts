import { fileURLToPath } from 'node:url';
import {
  type KubeObject,
  type Reconciler,
  type ResourceRef,
  formatObjectName,
  formatResourceId,
  isGitOpsKitError,
  markFalse,
  markStalled,
  markTrue,
  parseDuration,
  resourceIdOf,
  waitForReady,
} from '@gitops-kit/core';
import { build, substituteObject } from '@gitops-kit/kustomize';
import { type WebApp, WebAppApiVersion, WebAppKind } from './webapp.js';

/** Options of {@link webAppReconciler}. */
export interface WebAppReconcilerOptions {
  /** The kustomization every WebApp is rendered from. Default: this example's `template/`. */
  templateDir?: string;
  /** Health-check timeout when the WebApp has no `spec.healthCheckTimeout`, ms. Default 2 minutes. */
  defaultTimeoutMs?: number;
}

const defaultTemplateDir = fileURLToPath(new URL('../template', import.meta.url));

/** The spec problem that makes a WebApp impossible to reconcile, or `ok`. */
type SpecCheck = { ok: true } | { ok: false; message: string };

function checkSpec(app: WebApp): SpecCheck {
  const { image, host, replicas, port } = app.spec ?? ({} as WebApp['spec']);
  if (typeof image !== 'string' || image.trim() === '')
    return { ok: false, message: 'spec.image is required' };
  if (typeof host !== 'string' || !/^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/.test(host))
    return { ok: false, message: `spec.host: '${String(host)}' is not a DNS name` };
  if (replicas !== undefined && !(Number.isInteger(replicas) && replicas >= 0))
    return { ok: false, message: `spec.replicas: ${String(replicas)} is not a non-negative integer` };
  if (port !== undefined && !(Number.isInteger(port) && port > 0 && port < 65536))
    return { ok: false, message: `spec.port: ${String(port)} is not a port number` };
  if (app.spec.healthCheckTimeout !== undefined) {
    try {
      parseDuration(app.spec.healthCheckTimeout);
    } catch (err) {
      return { ok: false, message: `spec.healthCheckTimeout: ${(err as Error).message}` };
    }
  }
  return { ok: true };
}

const refOf = (o: KubeObject): ResourceRef => ({
  apiVersion: o.apiVersion,
  kind: o.kind,
  name: o.metadata.name ?? '',
  ...(o.metadata.namespace ? { namespace: o.metadata.namespace } : {}),
});

/**
 * A controller for the `WebApp` kind, written only with the public API of `@gitops-kit/core` and
 * `@gitops-kit/kustomize`:
 *
 * 1. a spec it cannot act on stalls the object (`Stalled=True`, `Ready=False`, reason
 *    `InvalidSpec`): no retry until the spec changes;
 * 2. renders `template/` with `build()` (kustomize) and fills in `${APP_NAME}`, `${IMAGE}`,
 *    `${REPLICAS}`, `${HOST}`, `${PORT}` with Flux's post-build substitution in strict mode;
 * 3. applies the Deployment, Service and Ingress with server-side apply, owned by the WebApp (so
 *    deleting the WebApp garbage-collects them) and records them in `status.inventory`;
 * 4. waits for them to become healthy (kstatus, as a Kustomization's health checks do) and sets
 *    `Healthy` and `Ready` with Flux's reasons (`Succeeded`/`ReconciliationSucceeded`, or
 *    `HealthCheckFailed` with kstatus' message).
 *
 * The `Manager` does the rest of the Flux contract: `Reconciling` while it runs, `observedGeneration`,
 * `spec.interval`/`suspend`, retries and events.
 */
export function webAppReconciler(options: WebAppReconcilerOptions = {}): Reconciler<WebApp> {
  const templateDir = options.templateDir ?? defaultTemplateDir;
  const defaultTimeoutMs = options.defaultTimeoutMs ?? 2 * 60_000;
  // The template never changes while the controller runs: build it once.
  let template: Promise<KubeObject[]> | undefined;
  const rendered = async (signal: AbortSignal) => {
    template ??= build({ path: templateDir, signal }).then((list) =>
      list.resources.map((r) => r.toObject() as KubeObject),
    );
    return template;
  };

  return {
    apiVersion: WebAppApiVersion,
    kind: WebAppKind,
    controllerName: 'webapp-controller',
    async reconcile(app, ctx) {
      const clock = { clock: ctx.clock };
      const check = checkSpec(app);
      if (!check.ok) {
        markStalled(app, 'InvalidSpec', check.message, clock);
        markFalse(app, 'Ready', 'InvalidSpec', check.message, clock);
        return { stalled: true };
      }
      const { image, host, replicas = 1, port } = app.spec;
      const vars = new Map<string, string>([
        ['APP_NAME', app.metadata.name!],
        ['IMAGE', image],
        ['REPLICAS', String(replicas)],
        ['HOST', host],
        // Unset, `${PORT:=8080}` in the template applies its default.
        ...(port !== undefined ? [['PORT', String(port)] as [string, string]] : []),
      ]);

      let objects: KubeObject[];
      try {
        objects = (await rendered(ctx.signal)).map((o) => substituteObject(o, vars, { strict: true }));
      } catch (err) {
        if (!isGitOpsKitError(err)) throw err;
        markFalse(app, 'Ready', 'BuildFailed', err.message, clock);
        return { events: [{ severity: 'error', reason: 'BuildFailed', message: err.message }] };
      }

      const owner = {
        apiVersion: app.apiVersion,
        kind: app.kind,
        name: app.metadata.name!,
        uid: app.metadata.uid!,
        controller: true,
        blockOwnerDeletion: true,
      };
      const entries: { id: string; v: string }[] = [];
      for (const o of objects) {
        o.metadata.namespace = app.metadata.namespace;
        o.metadata.ownerReferences = [owner];
        await ctx.cluster.apply(o, { fieldManager: ctx.fieldManager, force: true, signal: ctx.signal });
        const version = o.apiVersion.includes('/') ? o.apiVersion.split('/')[1]! : o.apiVersion;
        entries.push({ id: formatResourceId(resourceIdOf(o)), v: version });
      }
      const status = { inventory: { entries } };

      const timeoutMs = app.spec.healthCheckTimeout
        ? parseDuration(app.spec.healthCheckTimeout)
        : defaultTimeoutMs;
      const health = await waitForReady({
        cluster: ctx.cluster,
        refs: objects.map(refOf),
        timeoutMs,
        clock: ctx.clock,
        signal: ctx.signal,
      });
      if (health.outcome !== 'Current') {
        markFalse(app, 'Healthy', 'HealthCheckFailed', health.message, clock);
        markFalse(app, 'Ready', 'HealthCheckFailed', health.message, clock);
        return {
          status,
          events: [{ severity: 'error', reason: 'HealthCheckFailed', message: health.message }],
        };
      }
      const seconds = (health.elapsedMs / 1000).toFixed(1);
      markTrue(app, 'Healthy', 'Succeeded', `Health check passed in ${seconds}s`, clock);
      const message = `Deployed ${image} (${replicas} replicas) at ${host}: ${objects.map((o) => formatObjectName(refOf(o))).join(', ')}`;
      markTrue(app, 'Ready', 'ReconciliationSucceeded', message, clock);
      return { status, events: [{ severity: 'info', reason: 'ReconciliationSucceeded', message }] };
    },
  };
}
