import {
  Worker,
  type NativeConnection,
  type WorkerOptions,
  type WorkflowBundleWithSourceMap,
} from '@temporalio/worker';
import { createActivities, listDatabricksSecrets } from '../activities';
import type { DatabricksSecrets } from '../activities/databricks-secrets';
import { DEFAULT_TASK_QUEUE } from '../common/constants';
import { DataFramerClient, type DataFramerClientOptions } from '../dataframer';
import {
  checkServerVersion,
  readServerVersion,
  TemporalServerTooOldError,
  type ServerVersionCheck,
} from './server-version';
import {
  DEFAULT_MAX_CACHED_WORKFLOWS,
  DEFAULT_MAX_CONCURRENT_ACTIVITY_TASK_EXECUTIONS,
  DEFAULT_SHUTDOWN_GRACE_TIME,
  DEFAULT_TEMPORAL_NAMESPACE,
} from './worker-defaults';
import type { WorkerTracing } from './tracing';
import { toWorkerDeploymentOptions, type WorkerVersioningOptions } from './worker-versioning';

/** Options of {@link createWorker}. */
export interface CreateWorkerOptions {
  /** The worker-side connection; the caller keeps it and closes it after the worker stops. */
  connection: NativeConnection;
  /** Several workers (in one process or many) on the same queue share its work. @default DEFAULT_TASK_QUEUE */
  taskQueue?: string;
  /** @default 'default' */
  namespace?: string;
  /** Options to build a DataFramer client from, or a client the caller owns (and closes). */
  dataframer: DataFramerClientOptions | DataFramerClient;
  /** Databricks client secrets the activities add to create requests. @default none */
  databricksSecrets?: DatabricksSecrets;
  /** Activities this worker runs at once; they are I/O-bound HTTP calls. @default 100 */
  maxConcurrentActivityTaskExecutions?: number;
  /**
   * Activities per second dispatched on the whole task queue, enforced by the Temporal server across
   * every worker polling it: this is how the DataFramer API rate limit holds however many worker
   * processes run. (The SDK's `maxActivitiesPerSecond` is per worker and would multiply with their
   * count.) Give every worker on the queue the same value: the last poller's value wins.
   * @default no limit
   */
  maxTaskQueueActivitiesPerSecond?: number;
  /**
   * Workflows kept in memory between their tasks (0 turns the cache off); the others are replayed from
   * history when they wake, which for a waiting spec is about a dozen events. @default 100 (DEFAULT_MAX_CACHED_WORKFLOWS)
   */
  maxCachedWorkflows?: number;
  /** Workflow tasks this worker runs at once. @default the Temporal SDK's */
  maxConcurrentWorkflowTaskExecutions?: number;
  /** How long running activities may finish after shutdown is requested. @default '30 seconds' */
  shutdownGraceTime?: string | number;
  /** A prebuilt bundle of our workflows (skips bundling at start). @default bundles `src/workflows` */
  workflowBundle?: WorkflowBundleWithSourceMap;
  /** Passed to `Worker.create` as is. @default none */
  interceptors?: WorkerOptions['interceptors'];
  /** Passed to `Worker.create` as is. @default none */
  sinks?: WorkerOptions['sinks'];
  /** Passed to `Worker.create` as is. @default the SDK's `<pid>@<hostname>` */
  identity?: string;
  /**
   * On a Temporal server older than `MIN_TEMPORAL_SERVER_VERSION` (1.25): `'warn'` starts anyway
   * (`serverVersion.message` says what to do), `'fail'` throws `TemporalServerTooOldError`.
   * @default 'warn'
   */
  onOldServer?: 'warn' | 'fail';
  /**
   * Worker Versioning: this worker is one version of a worker deployment, and workflows stay on the
   * version they started on (PINNED by default). See docs/upgrading.md. @default off (unversioned)
   */
  versioning?: WorkerVersioningOptions;
  /**
   * OpenTelemetry tracing (`tracingFromEnvironment()` or `createWorkerTracing()`), added to
   * `interceptors` and `sinks`. Workflow spans need the workflow interceptors in the bundle: they are
   * bundled when the worker bundles (no `workflowBundle`); a prebuilt bundle must include
   * `OTEL_WORKFLOW_INTERCEPTORS_MODULE` itself. @default off
   */
  tracing?: WorkerTracing;
}

/** {@link CreateWorkerOptions} with every documented default filled in. */
export type ResolvedCreateWorkerOptions = Required<
  Pick<
    CreateWorkerOptions,
    | 'connection'
    | 'taskQueue'
    | 'namespace'
    | 'dataframer'
    | 'maxConcurrentActivityTaskExecutions'
    | 'maxCachedWorkflows'
    | 'shutdownGraceTime'
  >
> &
  Omit<CreateWorkerOptions, 'databricksSecrets'> & { databricksSecrets: DatabricksSecrets };

/** Fills the documented defaults of {@link CreateWorkerOptions}. */
export function resolveCreateWorkerOptions(options: CreateWorkerOptions): ResolvedCreateWorkerOptions {
  return {
    ...options,
    taskQueue: options.taskQueue ?? DEFAULT_TASK_QUEUE,
    namespace: options.namespace ?? DEFAULT_TEMPORAL_NAMESPACE,
    databricksSecrets: options.databricksSecrets ?? {},
    maxConcurrentActivityTaskExecutions:
      options.maxConcurrentActivityTaskExecutions ?? DEFAULT_MAX_CONCURRENT_ACTIVITY_TASK_EXECUTIONS,
    maxCachedWorkflows: options.maxCachedWorkflows ?? DEFAULT_MAX_CACHED_WORKFLOWS,
    shutdownGraceTime: options.shutdownGraceTime ?? DEFAULT_SHUTDOWN_GRACE_TIME,
  };
}

/** A worker made by {@link createWorker}, with the DataFramer client its activities use. */
export interface CreatedWorker {
  worker: Worker;
  client: DataFramerClient;
  /** The Temporal server's version, read at start, and whether the default polling design works on it. */
  serverVersion: ServerVersionCheck;
  /** Closes the DataFramer client if `createWorker` made it; call after `worker.run()` settles. */
  close: () => Promise<void>;
}

/** Client options that also redact every Databricks secret from the client's errors and logs. */
export function withDatabricksSecretsRedacted(
  options: DataFramerClientOptions,
  secrets: DatabricksSecrets,
): DataFramerClientOptions {
  return { ...options, secretsToRedact: [...(options.secretsToRedact ?? []), ...listDatabricksSecrets(secrets)] };
}

function makeClient(options: ResolvedCreateWorkerOptions): { client: DataFramerClient; owned: boolean } {
  if (options.dataframer instanceof DataFramerClient) return { client: options.dataframer, owned: false };
  const clientOptions = withDatabricksSecretsRedacted(options.dataframer, options.databricksSecrets);
  return { client: new DataFramerClient(clientOptions), owned: true };
}

/** The caller's interceptors and sinks, plus tracing's when it is on. */
function withTracing(options: ResolvedCreateWorkerOptions): Pick<WorkerOptions, 'interceptors' | 'sinks'> {
  const { tracing, interceptors, sinks } = options;
  if (tracing === undefined) return { interceptors, sinks };
  return {
    interceptors: {
      ...interceptors,
      workflowModules: [...(interceptors?.workflowModules ?? []), ...(tracing.interceptors.workflowModules ?? [])],
      activity: [...(interceptors?.activity ?? []), ...(tracing.interceptors.activity ?? [])],
    },
    sinks: { ...sinks, ...tracing.sinks },
  };
}

// The SDK spreads unknown-to-it options over its defaults, so an explicit `identity: undefined` would
// erase the default identity: leave unset options out instead.
function withoutUndefined<T extends object>(options: T): T {
  return Object.fromEntries(Object.entries(options).filter(([, value]) => value !== undefined)) as T;
}

/**
 * A Temporal worker that runs our workflows and DataFramer activities. Run it with `worker.run()`;
 * a client passed in `dataframer` is the caller's to close, one built from options is closed by
 * `close()`. A client passed in should already redact the Databricks secrets (see
 * {@link withDatabricksSecretsRedacted}).
 */
export async function createWorker(options: CreateWorkerOptions): Promise<CreatedWorker> {
  const resolved = resolveCreateWorkerOptions(options);
  const serverVersion = checkServerVersion(await readServerVersion(resolved.connection));
  if (serverVersion.supported === false && resolved.onOldServer === 'fail')
    throw new TemporalServerTooOldError(serverVersion.message);
  const { client, owned } = makeClient(resolved);
  const close = owned ? () => client.close() : () => Promise.resolve();
  try {
    const worker = await Worker.create(
      withoutUndefined({
        connection: resolved.connection,
        namespace: resolved.namespace,
        taskQueue: resolved.taskQueue,
        activities: createActivities({ client, databricksSecrets: resolved.databricksSecrets }),
        ...(resolved.workflowBundle === undefined
          ? { workflowsPath: require.resolve('../workflows') }
          : { workflowBundle: resolved.workflowBundle }),
        maxConcurrentActivityTaskExecutions: resolved.maxConcurrentActivityTaskExecutions,
        maxCachedWorkflows: resolved.maxCachedWorkflows,
        maxConcurrentWorkflowTaskExecutions: resolved.maxConcurrentWorkflowTaskExecutions,
        maxTaskQueueActivitiesPerSecond: resolved.maxTaskQueueActivitiesPerSecond,
        shutdownGraceTime: resolved.shutdownGraceTime,
        ...withTracing(resolved),
        identity: resolved.identity,
        workerDeploymentOptions: toWorkerDeploymentOptions(resolved.versioning),
      }),
    );
    return { worker, client, serverVersion, close };
  } catch (err) {
    await close();
    throw err;
  }
}
