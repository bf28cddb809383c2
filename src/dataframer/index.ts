/**
 * DataFramer's spec API for Node, with no Temporal in it.
 *
 * @example
 * const client = new DataFramerClient({ apiKey: process.env.DATAFRAMER_API_KEY ?? '' });
 * try {
 *   const { id } = await client.createSpec(validateCreateSpecRequest(input));
 *   const spec = await client.getSpec(id);
 *   if (normalizeSpecStatus(spec.status).status === 'FAILED') console.error(specErrorMessage(spec));
 * } finally {
 *   await client.close();
 * }
 */
export {
  DATAFRAMER_ERROR_KINDS,
  NON_RETRYABLE_DATAFRAMER_ERROR_TYPES,
  isRetryableDataFramerErrorType,
  type DataFramerErrorType,
} from './error-kinds';
export {
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
  type DataFramerErrorDetails,
} from './errors';
export { errorFromResponse, type ErrorResponse } from './error-from-response';
export { errorFromNetwork, type NetworkErrorContext } from './error-from-network';
export { REDACTED, redact, redactCutText, redactJson } from './redact';
export { parseRetryAfterMs } from './retry-after';
export { type HeaderBag } from './headers';
export {
  DEFAULT_EVALUATION_MODEL,
  DEFAULT_SPEC_GENERATION_MODEL,
  KNOWN_SPEC_GENERATION_MODELS,
  isDatabricksModel,
  type KnownSpecGenerationModel,
  type SpecGenerationModelName,
} from './models';
export {
  CreateSpecRequestSchema,
  DATABRICKS_SECRET_IN_INPUT_MESSAGE,
  validateCreateSpecRequest,
  type CreateSpecBody,
  type CreateSpecRequest,
} from './create-spec-request';
export {
  CreateSpecResponseSchema,
  SPEC_STATUSES,
  SpecListSchema,
  SpecSchema,
  SpecSummarySchema,
  SpecVersionSchema,
  normalizeSpecStatus,
  specErrorMessage,
  type CreateSpecResponse,
  type Spec,
  type SpecList,
  type SpecStatus,
  type SpecSummary,
  type SpecVersion,
} from './spec';
export {
  DEFAULT_DATAFRAMER_BASE_URL,
  PACKAGE_VERSION,
  resolveDataFramerClientOptions,
  type DataFramerClientOptions,
  type ResolvedDataFramerClientOptions,
} from './client-options';
export { DataFramerClient, MAX_SPEC_LIST_PAGES, type CallOptions, type SpecLookup } from './http-client';
export { JOB_RESPONSE_BYTES_CAP, MAX_LIST_PAGES, type TimedList } from './api-transport';
export { type RunFilesZip } from './run-methods';
export {
  CreateEvaluationRequestSchema,
  CreateRunRequestSchema,
  MAX_RUN_SAMPLES,
  RUN_FILTERING_TYPES,
  RUN_REVISION_TYPES,
  SEED_SHUFFLING_LEVELS,
  validateCreateEvaluationRequest,
  validateCreateRunRequest,
  type CreateEvaluationRequest,
  type CreateRunRequest,
} from './run-request';
export {
  CreateRunResponseSchema,
  FileDownloadSchema,
  GeneratedFileSchema,
  RunListSchema,
  RunSchema,
  RunSummarySchema,
  ZipDownloadSchema,
  type CreateRunResponse,
  type FileDownload,
  type GeneratedFile,
  type Run,
  type RunList,
  type RunSummary,
  type ZipDownload,
} from './run';
export {
  CreateEvaluationResponseSchema,
  DistributionAnalysisSchema,
  EvaluationListSchema,
  EvaluationSchema,
  EvaluationSummarySchema,
  SampleClassificationSchema,
  type CreateEvaluationResponse,
  type DistributionAnalysis,
  type Evaluation,
  type EvaluationList,
  type EvaluationSummary,
  type SampleClassification,
} from './evaluation';
export * from './resources';
