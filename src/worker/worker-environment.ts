import { DEFAULT_TASK_QUEUE } from '../common/constants';
import { DEFAULT_DATAFRAMER_BASE_URL } from '../dataframer/client-options';
import {
  DEFAULT_MAX_CACHED_WORKFLOWS,
  DEFAULT_MAX_CONCURRENT_ACTIVITY_TASK_EXECUTIONS,
  DEFAULT_SHUTDOWN_GRACE_TIME,
  DEFAULT_TEMPORAL_ADDRESS,
  DEFAULT_TEMPORAL_NAMESPACE,
} from './worker-defaults';

/**
 * Every environment variable the worker reads, in the order docs/configuration.md lists them. `default` is what
 * applies when the variable is unset or empty (`null`: nothing, or the Temporal SDK's own default as
 * the meaning says). `loadWorkerConfig` reads no other variable; a test holds it to that.
 */
export const WORKER_ENVIRONMENT_VARIABLES = [
  {
    name: 'TEMPORAL_ADDRESS',
    default: DEFAULT_TEMPORAL_ADDRESS,
    required: false,
    meaning: 'Temporal frontend as host:port (Temporal Cloud: <namespace>.<account>.tmprl.cloud:7233)',
  },
  { name: 'TEMPORAL_NAMESPACE', default: DEFAULT_TEMPORAL_NAMESPACE, required: false, meaning: 'Temporal namespace' },
  {
    name: 'TEMPORAL_TASK_QUEUE',
    default: DEFAULT_TASK_QUEUE,
    required: false,
    meaning: 'task queue to poll; every worker process on the same queue shares the work',
  },
  {
    name: 'TEMPORAL_API_KEY',
    default: null,
    required: false,
    meaning: 'Temporal Cloud API key; turns TLS on unless TEMPORAL_TLS=false',
  },
  {
    name: 'TEMPORAL_TLS_CERT_PATH',
    default: null,
    required: false,
    meaning: 'client certificate (PEM) for mTLS; needs TEMPORAL_TLS_KEY_PATH',
  },
  {
    name: 'TEMPORAL_TLS_KEY_PATH',
    default: null,
    required: false,
    meaning: 'client private key (PEM) for mTLS; needs TEMPORAL_TLS_CERT_PATH',
  },
  {
    name: 'TEMPORAL_TLS_CA_PATH',
    default: null,
    required: false,
    meaning: 'CA certificate (PEM) that signs the server certificate; default: the system roots',
  },
  {
    name: 'TEMPORAL_TLS_SERVER_NAME',
    default: null,
    required: false,
    meaning: 'server name to verify the certificate against; default: the host of TEMPORAL_ADDRESS',
  },
  {
    name: 'TEMPORAL_TLS',
    default: null,
    required: false,
    meaning:
      '`true` forces TLS without client certificates, `false` forbids it; default: on when a key or certificate is set',
  },
  {
    name: 'TEMPORAL_DEPLOYMENT_NAME',
    default: null,
    required: false,
    meaning:
      'Worker Versioning: the worker deployment this worker is a version of; needs TEMPORAL_WORKER_BUILD_ID; default: versioning off',
  },
  {
    name: 'TEMPORAL_WORKER_BUILD_ID',
    default: null,
    required: false,
    meaning: "Worker Versioning: this release's build id (e.g. the package version); needs TEMPORAL_DEPLOYMENT_NAME",
  },
  {
    name: 'TEMPORAL_VERSIONING_BEHAVIOR',
    default: null,
    required: false,
    meaning:
      '`PINNED` (workflows finish on the version they started on) or `AUTO_UPGRADE`; default: `PINNED` when versioning is on',
  },
  { name: 'DATAFRAMER_API_KEY', default: null, required: true, meaning: 'the DataFramer API key' },
  {
    name: 'DATAFRAMER_BASE_URL',
    default: DEFAULT_DATAFRAMER_BASE_URL,
    required: false,
    meaning: 'DataFramer API origin (http or https URL)',
  },
  {
    name: 'DATAFRAMER_DATABRICKS_CLIENT_SECRET',
    default: null,
    required: false,
    meaning: 'Databricks client secret used for every Databricks client id not in DATAFRAMER_DATABRICKS_CLIENT_SECRETS',
  },
  {
    name: 'DATAFRAMER_DATABRICKS_CLIENT_SECRETS',
    default: null,
    required: false,
    meaning: 'JSON object of Databricks client id to client secret, e.g. {"<client id>":"<secret>"}',
  },
  {
    name: 'DATAFRAMER_MAX_CONCURRENT_ACTIVITIES',
    default: String(DEFAULT_MAX_CONCURRENT_ACTIVITY_TASK_EXECUTIONS),
    required: false,
    meaning: 'activities one worker process runs at once (positive integer; they are I/O-bound HTTP calls)',
  },
  {
    name: 'DATAFRAMER_MAX_CONCURRENT_WORKFLOW_TASKS',
    default: null,
    required: false,
    meaning: "workflow tasks one worker process runs at once (positive integer); default: the Temporal SDK's",
  },
  {
    name: 'DATAFRAMER_MAX_CACHED_WORKFLOWS',
    default: String(DEFAULT_MAX_CACHED_WORKFLOWS),
    required: false,
    meaning:
      'workflows one worker process keeps in memory between tasks (0 or more; 0 turns the cache off); the rest replay from history when woken',
  },
  {
    name: 'DATAFRAMER_API_REQUESTS_PER_SECOND',
    default: null,
    required: false,
    meaning:
      'activities per second on the whole task queue, across every worker process (positive number); default: no limit',
  },
  {
    name: 'DATAFRAMER_SHUTDOWN_GRACE_TIME',
    default: DEFAULT_SHUTDOWN_GRACE_TIME,
    required: false,
    meaning: 'how long running activities may finish after SIGINT/SIGTERM (Temporal duration, e.g. "30 seconds")',
  },
  {
    name: 'DATAFRAMER_METRICS_BIND_ADDRESS',
    default: null,
    required: false,
    meaning:
      "host:port on which the worker serves Prometheus metrics at /metrics (the SDK's and dataframer_*); default: no metrics endpoint",
  },
] as const satisfies readonly WorkerEnvironmentVariable[];

/** One row of {@link WORKER_ENVIRONMENT_VARIABLES}. */
export interface WorkerEnvironmentVariable {
  readonly name: string;
  readonly default: string | null;
  readonly required: boolean;
  readonly meaning: string;
}

/** The name of a variable the worker reads. */
export type WorkerEnvironmentVariableName = (typeof WORKER_ENVIRONMENT_VARIABLES)[number]['name'];
