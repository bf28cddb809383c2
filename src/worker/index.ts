/**
 * Run DataFramer's workflows and activities in your own worker process. (From inside this package,
 * import `./worker/index`: `./worker` resolves to the `src/worker.ts` entrypoint, which runs.)
 *
 * @example
 * const connection = await NativeConnection.connect({ address: 'localhost:7233' });
 * try {
 *   const { worker, close } = await createWorker({
 *     connection,
 *     dataframer: { apiKey: process.env.DATAFRAMER_API_KEY ?? '' },
 *     maxTaskQueueActivitiesPerSecond: 5, // the DataFramer API rate, for every worker on the queue together
 *   });
 *   try {
 *     await worker.run(); // until SIGINT or SIGTERM
 *   } finally {
 *     await close();
 *   }
 * } finally {
 *   await connection.close();
 * }
 */
export {
  createWorker,
  resolveCreateWorkerOptions,
  withDatabricksSecretsRedacted,
  type CreateWorkerOptions,
  type CreatedWorker,
  type ResolvedCreateWorkerOptions,
} from './create-worker';
export {
  buildTemporalTransportOptions,
  connectClient,
  connectToTemporal,
  type TemporalConnectionConfig,
  type TemporalTlsSettings,
  type TemporalTransportOptions,
} from './temporal-connection';
export {
  loadTemporalClientConfig,
  loadWorkerConfig,
  WORKER_ENVIRONMENT_VARIABLES,
  WorkerConfigError,
  type TemporalClientConfig,
  type WorkerConfig,
  type WorkerEnvironmentVariable,
} from './worker-config';
export { type WorkerEnvironmentVariableName } from './worker-environment';
export {
  MIN_TEMPORAL_SERVER_VERSION,
  checkServerVersion,
  TemporalServerTooOldError,
  type ServerVersionCheck,
} from './server-version';
export {
  DEFAULT_VERSIONING_BEHAVIOR,
  VERSIONING_BEHAVIORS,
  toWorkerDeploymentOptions,
  type WorkerVersioningOptions,
} from './worker-versioning';
export {
  DEFAULT_MAX_CONCURRENT_ACTIVITY_TASK_EXECUTIONS,
  DEFAULT_SHUTDOWN_GRACE_TIME,
  DEFAULT_TEMPORAL_ADDRESS,
  DEFAULT_TEMPORAL_NAMESPACE,
} from './worker-defaults';
export {
  createWorkerTracing,
  DEFAULT_TRACING_SERVICE_NAME,
  OTEL_WORKFLOW_INTERCEPTORS_MODULE,
  tracingFromEnvironment,
  tracingRequested,
  type WorkerTracing,
} from './tracing';
export { installWorkerRuntime, RuntimeAlreadyInstalledError, type WorkerRuntimeOptions } from './worker-runtime';
export { DATAFRAMER_METRICS } from '../common/metric-names';
