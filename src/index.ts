/**
 * dataframer-temporal: create DataFramer specs durably with Temporal.
 *
 * @example
 * // worker.ts — run our workflows and activities in your worker
 * import { NativeConnection } from '@temporalio/worker';
 * import { createWorker } from 'dataframer-temporal';
 *
 * const connection = await NativeConnection.connect({ address: 'localhost:7233' });
 * const { worker, close } = await createWorker({ connection, dataframer: { apiKey: process.env.DATAFRAMER_API_KEY ?? '' } });
 * await worker.run().finally(close);
 *
 * // client.ts — start a spec (starting the same spec name twice attaches to the same run)
 * import { Client } from '@temporalio/client';
 * import { executeCreateSpec } from 'dataframer-temporal';
 *
 * const { specId, spec } = await executeCreateSpec(new Client(), {
 *   request: { name: 'reviews', generation_objectives: 'Short product reviews' },
 * });
 *
 * Workflow code (your own workflows that run ours as children) imports `dataframer-temporal/workflows`;
 * tests import the simulator and Temporal test servers from `dataframer-temporal/testing`.
 */

// The DataFramer HTTP client, its errors and request/response types (no Temporal).
export {
  DataFramerClient,
  MAX_SPEC_LIST_PAGES,
  DEFAULT_DATAFRAMER_BASE_URL,
  PACKAGE_VERSION,
  resolveDataFramerClientOptions,
  DATAFRAMER_ERROR_KINDS,
  NON_RETRYABLE_DATAFRAMER_ERROR_TYPES,
  isRetryableDataFramerErrorType,
  AuthenticationError,
  BadRequestError,
  ConflictError,
  ConnectionError,
  DataFramerError,
  InternalServerError,
  InvalidRequestError,
  InvalidResponseError,
  NotFoundError,
  PermissionDeniedError,
  RateLimitError,
  RequestTimeoutError,
  SpecNameConflictError,
  TimeoutError,
  UnprocessableEntityError,
  errorFromResponse,
  errorFromNetwork,
  parseRetryAfterMs,
  DEFAULT_SPEC_GENERATION_MODEL,
  KNOWN_SPEC_GENERATION_MODELS,
  isDatabricksModel,
  CreateSpecRequestSchema,
  DATABRICKS_SECRET_IN_INPUT_MESSAGE,
  validateCreateSpecRequest,
  CreateSpecResponseSchema,
  SPEC_STATUSES,
  SpecListSchema,
  SpecSchema,
  SpecSummarySchema,
  SpecVersionSchema,
  normalizeSpecStatus,
  specErrorMessage,
  type CallOptions,
  type SpecLookup,
  type DataFramerClientOptions,
  type ResolvedDataFramerClientOptions,
  type DataFramerErrorType,
  type DataFramerErrorDetails,
  type KnownSpecGenerationModel,
  type SpecGenerationModelName,
  type CreateSpecBody,
  type CreateSpecRequest,
  type CreateSpecResponse,
  type Spec,
  type SpecList,
  type SpecStatus,
  type SpecSummary,
  type SpecVersion,
  // Runs and evaluations: requests, objects, and the per-resource descriptions the waiting reads.
  CreateRunRequestSchema,
  CreateEvaluationRequestSchema,
  MAX_RUN_SAMPLES,
  validateCreateRunRequest,
  validateCreateEvaluationRequest,
  SPEC_RESOURCE,
  RUN_RESOURCE,
  EVALUATION_RESOURCE,
  DATAFRAMER_RESOURCES,
  type CreateRunRequest,
  type CreateEvaluationRequest,
  type Run,
  type RunSummary,
  type GeneratedFile,
  type FileDownload,
  type RunFilesZip,
  type Evaluation,
  type EvaluationSummary,
  type RunStatus,
  type EvaluationStatus,
  type ResourceDescription,
  type StatusOutcome,
} from './dataframer';

// Activities, built around a client (dependency injection).
export {
  createActivities,
  toApplicationFailure,
  listDatabricksSecrets,
  SPEC_NOT_YET_VISIBLE_TYPE,
  UNEXPECTED_ERROR_TYPE,
  ApiHealth,
  DATAFRAMER_METRICS,
  REJECTED_KEY_RETRY_DELAY_MS,
  REJECTED_KEY_LOG_INTERVAL_MS,
  type ApiHealthCounts,
  type RejectedKeyResource,
  type ActivityDependencies,
  type DataFramerActivities,
  type DatabricksSecrets,
  type StatusReadContext,
  type CreatedSpec,
  type CreateSpecContext,
  type CreateSpecHeartbeat,
  type IfNameExists,
  type AdoptionReason,
  type SpecStatusView,
  type FinalSpec,
  type AwaitSpecInput,
  type AwaitedSpecStatus,
  type StillProcessingDetails,
  CREATE_UNCONFIRMED_TYPE,
  CREATE_AMBIGUOUS_TYPE,
  type CanceledRun,
  type CreatedJobAnswer,
  type CreateJobOptions,
  type CreateJobRecord,
  type EvaluationStatusView,
  type JobReadContext,
  type JobStatusView,
  type RunStatusView,
} from './activities';

// Retry policies, activity options, failure types, the poll schedule and naming conventions.
export {
  CREATE_SPEC_RETRY_POLICY,
  GET_SPEC_STATUS_RETRY_POLICY,
  DELETE_SPEC_RETRY_POLICY,
  AWAIT_SPEC_RETRY_POLICY,
  MIN_RETRY_DELAY_MS,
  CREATE_SPEC_ACTIVITY_OPTIONS,
  GET_SPEC_STATUS_ACTIVITY_OPTIONS,
  GET_SPEC_STATUS_LOCAL_ACTIVITY_OPTIONS,
  AWAIT_SPEC_ACTIVITY_OPTIONS,
  DELETE_SPEC_ACTIVITY_OPTIONS,
} from './common/activity-policies';
export {
  CREATE_JOB_LIST_SETTLE_MS,
  CREATE_JOB_SETTLE_MS,
  MAX_FINAL_VIEW_BYTES,
  CREATE_JOB_RETRY_POLICY,
  CREATE_RUN_ACTIVITY_OPTIONS,
  CREATE_EVALUATION_ACTIVITY_OPTIONS,
  GET_JOB_STATUS_RETRY_POLICY,
  GET_JOB_STATUS_ACTIVITY_OPTIONS,
  CANCEL_RUN_RETRY_POLICY,
  CANCEL_RUN_ACTIVITY_OPTIONS,
} from './common/job-activity-policies';
export {
  WORKFLOW_FAILURE_TYPES,
  NON_RETRYABLE_FAILURE_TYPES,
  BATCH_ITEM_FAILURE_TYPES,
  type WorkflowFailureType,
} from './common/failure-types';
export { InvalidInputError } from './common/input-checks';
export {
  MAX_SPEC_YAML_IN_HISTORY_BYTES,
  MAX_SPEC_ERROR_MESSAGE_CHARS,
  SPEC_CONTENT_TOO_LARGE_REASON,
  type SpecContentOmitted,
} from './common/payload-limits';
export {
  DEFAULT_POLL_SCHEDULE,
  resolvePollSchedule,
  pollDelayMs,
  type PollSchedule,
  type ResolvedPollSchedule,
} from './common/poll-schedule';
export {
  DEFAULT_TASK_QUEUE,
  SPEC_WORKFLOW_ID_PREFIX,
  specScope,
  specWorkflowId,
  type SpecIdentity,
} from './common/constants';
export { type Duration } from './common/durations';

// The workflow and its definitions, for typing client calls (`client.workflow.start(createSpecWorkflow, ...)`).
// Workflow code imports them from `dataframer-temporal/workflows` instead.
export { createSpecWorkflow } from './workflows/create-spec-workflow';
export { deleteOnCancelSignal, getProgressQuery, pollNowSignal } from './workflows/definitions';
export { CREATE_SPEC_WORKFLOW_DEFAULTS } from './workflows/input-validation';
export type {
  CreateSpecWorkflowInput,
  CreateSpecWorkflowResult,
  CreateSpecState,
  CreateSpecProgress,
  CreateSpecPhase,
  PollingDesign,
  OnCancel,
} from './workflows/types';
// Runs, evaluations and the spec → run → evaluation pipeline.
export { createRunWorkflow } from './workflows/create-run-workflow';
export { createEvaluationWorkflow } from './workflows/create-evaluation-workflow';
export { specPipelineWorkflow } from './workflows/spec-pipeline-workflow';
export { getJobProgressQuery, getPipelineProgressQuery } from './workflows/job-definitions';
export { JOB_WORKFLOW_DEFAULTS } from './workflows/waiting/job-input';
export { PIPELINE_PART_MAX_BYTES } from './workflows/waiting/payload-part';
export type * from './workflows/job-types';
export { runWorkflowId, evaluationWorkflowId, pipelineWorkflowId } from './common/constants';

// Batches: the workflow and its definitions (for typing client calls), ids, limits.
export { createSpecsBatchWorkflow, createSpecsBatchItemWorkflow } from './workflows/batch';
export { getBatchProgressQuery, setBatchConcurrencySignal } from './workflows/batch/definitions';
export {
  BATCH_LIMITS,
  READ_BATCH_PAGE_ACTIVITY_OPTIONS,
  READ_BATCH_PAGE_RETRY_POLICY,
  BATCH_ITEM_CHECK_INTERVAL,
  CHECK_BATCH_ITEMS_ACTIVITY_OPTIONS,
  CHECK_BATCH_ITEMS_RETRY_POLICY,
} from './common/batch-policies';
export { batchWorkflowId, batchItemWorkflowId, BATCH_WORKFLOW_ID_PREFIX } from './common/batch-ids';
export {
  createBatchActivities,
  createBatchItemActivities,
  BATCH_SOURCE_UNREADABLE_TYPE,
  BATCH_SOURCE_CHANGED_TYPE,
  type BatchActivities,
  type BatchItemActivities,
} from './activities';
export type {
  CreateSpecsBatchInput,
  CreateSpecsBatchResult,
  BatchProgress,
  BatchFailure,
  BatchItemOutcome,
  BatchSource,
  SourceFingerprint,
} from './workflows/batch/types';

// Starting specs and batches from a Temporal client.
export {
  startCreateSpecsBatch,
  executeCreateSpecsBatch,
  getBatchProgress,
  getBatchOutcomes,
  type StartCreateSpecsBatchOptions,
  startCreateSpec,
  executeCreateSpec,
  getSpecProgress,
  getSpecContent,
  withPendingActivities,
  type StartCreateSpecOptions,
  type PendingActivity,
  startCreateRun,
  startCreateEvaluation,
  startSpecPipeline,
  getPipelineProgress,
  getJobProgress,
  withPendingJobActivity,
  type StartJobOptions,
} from './client';

// The worker: `createWorker` for your own process, `loadWorkerConfig` to read the environment like `npm run worker`.
// (`./worker/index`, not `./worker`: that resolves to the src/worker.ts entrypoint, which runs.)
export {
  createWorker,
  resolveCreateWorkerOptions,
  withDatabricksSecretsRedacted,
  connectClient,
  connectToTemporal,
  buildTemporalTransportOptions,
  loadWorkerConfig,
  WORKER_ENVIRONMENT_VARIABLES,
  WorkerConfigError,
  DEFAULT_MAX_CONCURRENT_ACTIVITY_TASK_EXECUTIONS,
  DEFAULT_SHUTDOWN_GRACE_TIME,
  DEFAULT_TEMPORAL_ADDRESS,
  DEFAULT_TEMPORAL_NAMESPACE,
  MIN_TEMPORAL_SERVER_VERSION,
  checkServerVersion,
  TemporalServerTooOldError,
  type ServerVersionCheck,
  DEFAULT_VERSIONING_BEHAVIOR,
  installWorkerRuntime,
  RuntimeAlreadyInstalledError,
  tracingFromEnvironment,
  createWorkerTracing,
  OTEL_WORKFLOW_INTERCEPTORS_MODULE,
  type WorkerRuntimeOptions,
  type WorkerTracing,
  type CreateWorkerOptions,
  type WorkerVersioningOptions,
  type CreatedWorker,
  type ResolvedCreateWorkerOptions,
  type TemporalConnectionConfig,
  type TemporalTlsSettings,
  type TemporalTransportOptions,
  type WorkerConfig,
  type WorkerEnvironmentVariable,
  type WorkerEnvironmentVariableName,
} from './worker/index';
