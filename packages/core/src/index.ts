/**
 * `@gitops-kit/core`: the object model, conditions, durations, errors, the `Reconciler` interface
 * and `Manager`, the `ClusterClient` interface with the embedded `MemoryCluster`, and health checks.
 * @packageDocumentation
 */
export {
  GitOpsKitError,
  CoreError,
  CoreErrorCode,
  isGitOpsKitError,
  formatObjectName,
  type ErrorData,
  type GitOpsKitErrorOptions,
} from './errors/GitOpsKitError.js';
export { goQuote } from './errors/goQuote.js';
export { parseDuration, parseDurationNs } from './duration/parseDuration.js';
export { formatDuration, formatDurationNs } from './duration/formatDuration.js';
export type {
  KubeObject,
  ObjectMeta,
  OwnerReference,
  GroupVersionKind,
  GroupKind,
  ObjectRef,
} from './object/types.js';
export {
  parseApiVersion,
  formatApiVersion,
  gvkOf,
  groupKindOf,
  formatGroupKind,
  refOf,
  assertKubeObject,
} from './object/gvk.js';
export { formatResourceId, parseResourceId, resourceIdOf, type ResourceId } from './object/resourceId.js';
export {
  ConditionStatus,
  ConditionType,
  Reason,
  ReconcileRequestAnnotation,
  ForceRequestAnnotation,
  type Condition,
  type FluxStatus,
  type ObjectWithConditions,
} from './conditions/types.js';
export {
  conditionsOf,
  getCondition,
  hasCondition,
  isTrue,
  isFalse,
  isUnknown,
  isReady,
  isStalled,
  isReconciling,
  getReason,
  getMessage,
} from './conditions/getter.js';
export {
  setCondition,
  markTrue,
  markFalse,
  markUnknown,
  markReconciling,
  markStalled,
  deleteCondition,
  compareConditions,
  setConditionDefaults,
  maxConditionMessageBytes,
  type ConditionInput,
  type SetConditionOptions,
} from './conditions/setter.js';
export {
  summarize,
  mergeConditions,
  summarizeDefaults,
  type SummarizeOptions,
} from './conditions/summarize.js';
export {
  observedGenerationOf,
  setObservedGeneration,
  isObservedGenerationCurrent,
  isReadyAtLatestGeneration,
} from './conditions/observedGeneration.js';
export {
  reconcileAnnotationValue,
  isReconcileRequested,
  setLastHandledReconcileAt,
  handleAnnotationRequest,
} from './conditions/reconcileRequest.js';
export {
  systemClock,
  throwIfAborted,
  abortError,
  formatTime,
  type Clock,
  type SleepOptions,
} from './clock/clock.js';
export { noopLogger, type Logger, type LogFields } from './logger/logger.js';
export {
  EventSeverity,
  MemoryEventRecorder,
  type Event,
  type EventRecorder,
  noopEventRecorder,
  eventFor,
  EventGroup,
  EventMetaKey,
  type EventForOptions,
} from './events/event.js';
export {
  PatchType,
  PropagationPolicy,
  type ClusterClient,
  type ResourceRef,
  type ResourceType,
  type RequestOptions,
  type WriteOptions,
  type ApplyOptions,
  type PatchOptions,
  type DeleteOptions,
  type DeleteResult,
  type ListOptions,
  type WatchOptions,
  type WatchEvent,
  type ApiResource,
} from './cluster/ClusterClient.js';
export type {
  Reconciler,
  ReconcileContext,
  ReconcileResult,
  ReconcileEvent,
} from './reconcile/Reconciler.js';
export {
  Manager,
  ManagerReason,
  ObjectOutcome,
  managerDefaults,
  type ManagerOptions,
  type ObjectReport,
  type RunUntilSettledOptions,
  type SettleReport,
} from './reconcile/Manager.js';
export { jitterInterval, jitterDefaults, type JitterOptions } from './reconcile/jitter.js';
export { parseReconcileTiming, type ReconcileTiming, type SpecProblem } from './reconcile/timing.js';
export {
  dependsOnOf,
  sortByDependencies,
  parseDependencyReference,
  formatDependencyReference,
  formatNamespacedName,
  dependencyCycleError,
  type DependencyReference,
} from './reconcile/dependsOn.js';
export {
  celReadyExpr,
  type ReadyExprCompiler,
  type ReadyExprVars,
} from './reconcile/readyExpr.js';
export {
  annotateReconcileRequest,
  formatRFC3339Nano,
  type AnnotateReconcileRequestOptions,
} from './reconcile/annotateReconcileRequest.js';
export { HealthStatus, type StatusResult, type StatusResultCondition } from './health/status.js';
export {
  computeStatus,
  computeStatusDefaults,
  type ComputeStatusOptions,
} from './health/computeStatus.js';
export {
  healthRuleKey,
  groupRuleKey,
  findHealthRule,
  type HealthRule,
  type HealthRules,
  type HealthRuleContext,
} from './health/rules.js';
export {
  checkGenericProperties,
  checkGeneration,
  checkReadyCondition,
  genericRule,
  withGenericChecks,
} from './health/generic.js';
export { kstatusRules, POD_SCHEDULE_WINDOW_MS } from './health/kstatusRules.js';
export { defaultHealthRules, fluxJobRule, fluxJobRules, fluxReadyRule } from './health/fluxRules.js';
export { compileHealthCheckExprs, type CustomHealthCheck } from './health/healthCheckExprs.js';
export {
  MemoryCluster,
  memoryClusterDefaults,
  type MemoryClusterOptions,
  type MemoryClusterOpenOptions,
} from './cluster/MemoryCluster.js';
export { BuiltinKinds } from './cluster/modernKinds.js';
export {
  parseLabelSelector,
  matchesLabelSelector,
  matchLabelRequirements,
  formatLabelSelector,
  validLabelKey,
  validLabelValue,
  type LabelRequirement,
  type LabelSelector,
} from './cluster/labelSelector.js';
export { parseFieldSelector, compileFieldSelector, type FieldRequirement } from './cluster/fieldSelector.js';
export { applyMergePatch, applyJsonPatch } from './cluster/patch.js';
export type { ManagedFieldsEntry, ApplyConflictCause } from './cluster/managedFields.js';
export { nodePersistFs, type PersistFs } from './cluster/persist.js';
export {
  waitForReady,
  waitForReadyDefaults,
  type WaitForReadyOptions,
  type WaitResult,
  type ObjectStatus,
} from './health/waitForReady.js';
export {
  simulateWorkloads,
  simulateWorkloadsDefaults,
  type SimulateWorkloadsOptions,
  type WorkloadSimulator,
} from './cluster/simulate/simulateWorkloads.js';
export {
  simulatedStatus,
  simulatedFailureOf,
  isSimulatedKind,
  templateHash,
  SimulateFailAnnotation,
  SimulatedFailure,
  SimulatedKinds,
  type SimulatedPhase,
  type SimulatedStatusOptions,
} from './cluster/simulate/workloadStatus.js';
