/**
 * The built-in kinds Kubernetes made GA after v1.20 that users write today, for `MemoryCluster`'s
 * default `builtinKinds: 'current'`: `autoscaling/v2` HorizontalPodAutoscaler (v1.23),
 * `batch/v1` CronJob (v1.21), `policy/v1` PodDisruptionBudget (v1.21) and `discovery.k8s.io/v1`
 * EndpointSlice (v1.21). Written by hand in the compact format of `generated/kube-v1.20.ts`
 * (their OpenAPI schemas are the v1.20 beta ones plus the fields the GA versions added), so
 * server-side apply tracks their fields as a current API server does.
 *
 * @see https://kubernetes.io/docs/reference/using-api/deprecation-guide/
 * @internal
 */

/** Which built-in kinds a `MemoryCluster` serves (`MemoryClusterOptions.builtinKinds`). */
export const BuiltinKinds = {
  /** v1.20's kinds plus the GA versions added since (the default). */
  Current: 'current',
  /** Exactly the kinds a real v1.20 API server serves (`generated/kube-v1.20.ts`). */
  V1_20: 'v1.20',
} as const;
/** @see {@link BuiltinKinds} */
export type BuiltinKinds = (typeof BuiltinKinds)[keyof typeof BuiltinKinds];

const allVerbs = 'create,delete,deletecollection,get,list,patch,update,watch';

/** Resources added by `current`, `[apiVersion, plural, kind, namespaced, subresources, verbs]`. */
export const modernResources: ReadonlyArray<readonly [string, string, string, 0 | 1, string, string]> = [
  ['autoscaling/v2', 'horizontalpodautoscalers', 'HorizontalPodAutoscaler', 1, 'status', allVerbs],
  ['batch/v1', 'cronjobs', 'CronJob', 1, 'status', allVerbs],
  ['policy/v1', 'poddisruptionbudgets', 'PodDisruptionBudget', 1, 'status', allVerbs],
  ['discovery.k8s.io/v1', 'endpointslices', 'EndpointSlice', 1, '', allVerbs],
];

/** Preferred versions of a current server that differ from v1.20's, `[apiVersion, preferred]`. */
export const modernGroupVersions: ReadonlyArray<readonly [string, boolean]> = [
  ['autoscaling/v2', true],
  ['policy/v1', true],
  ['discovery.k8s.io/v1', true],
];

/** `apiVersion/Kind` → type name (in {@link modernTypes} or the v1.20 table). */
export const modernKindTypes: Readonly<Record<string, string>> = {
  // autoscaling/v2 is autoscaling/v2beta2 promoted unchanged.
  'autoscaling/v2/HorizontalPodAutoscaler': 'api.autoscaling.v2beta2.HorizontalPodAutoscaler',
  'batch/v1/CronJob': 'api.batch.v1.CronJob',
  'policy/v1/PodDisruptionBudget': 'api.policy.v1.PodDisruptionBudget',
  'discovery.k8s.io/v1/EndpointSlice': 'api.discovery.v1.EndpointSlice',
};

const meta = 'apimachinery.pkg.apis.meta.v1.ObjectMeta';
const time = 'apimachinery.pkg.apis.meta.v1.Time';

/** The GA types, in the compact format of `builtinTypes`. */
export const modernTypes: Readonly<Record<string, unknown>> = {
  'api.batch.v1.CronJob': {
    f: {
      apiVersion: 's',
      kind: 's',
      metadata: meta,
      spec: 'api.batch.v1.CronJobSpec',
      status: 'api.batch.v1.CronJobStatus',
    },
  },
  'api.batch.v1.CronJobSpec': {
    f: {
      concurrencyPolicy: 's',
      failedJobsHistoryLimit: 'n',
      jobTemplate: 'api.batch.v1beta1.JobTemplateSpec',
      schedule: 's',
      startingDeadlineSeconds: 'n',
      successfulJobsHistoryLimit: 'n',
      suspend: 'b',
      timeZone: 's',
    },
  },
  'api.batch.v1.CronJobStatus': {
    f: {
      active: { l: 'api.core.v1.ObjectReference', t: 'a' },
      lastScheduleTime: time,
      lastSuccessfulTime: time,
    },
  },
  'api.policy.v1.PodDisruptionBudget': {
    f: {
      apiVersion: 's',
      kind: 's',
      metadata: meta,
      spec: 'api.policy.v1.PodDisruptionBudgetSpec',
      status: 'api.policy.v1.PodDisruptionBudgetStatus',
    },
  },
  'api.policy.v1.PodDisruptionBudgetSpec': {
    f: {
      maxUnavailable: 'apimachinery.pkg.util.intstr.IntOrString',
      minAvailable: 'apimachinery.pkg.util.intstr.IntOrString',
      selector: 'apimachinery.pkg.apis.meta.v1.LabelSelector',
      unhealthyPodEvictionPolicy: 's',
    },
  },
  'api.policy.v1.PodDisruptionBudgetStatus': {
    f: {
      conditions: { l: 'apimachinery.pkg.apis.meta.v1.Condition', t: 'm', k: ['type'] },
      currentHealthy: 'n',
      desiredHealthy: 'n',
      disruptedPods: { f: {}, e: time },
      disruptionsAllowed: 'n',
      expectedPods: 'n',
      observedGeneration: 'n',
    },
  },
  'api.discovery.v1.EndpointSlice': {
    f: {
      addressType: 's',
      apiVersion: 's',
      endpoints: { l: 'api.discovery.v1.Endpoint', t: 'a' },
      kind: 's',
      metadata: meta,
      ports: { l: 'api.discovery.v1beta1.EndpointPort', t: 'a' },
    },
  },
  'api.discovery.v1.Endpoint': {
    f: {
      addresses: { l: 's', t: 's' },
      conditions: 'api.discovery.v1beta1.EndpointConditions',
      deprecatedTopology: { f: {}, e: 's' },
      hints: { f: { forZones: { l: { f: { name: 's' } }, t: 'a' } } },
      hostname: 's',
      nodeName: 's',
      targetRef: 'api.core.v1.ObjectReference',
      zone: 's',
    },
  },
};
