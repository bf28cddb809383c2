import { listDatabricksSecrets, type DatabricksSecrets } from '../activities/databricks-secrets';
import {
  parseBoolean,
  parseDuration,
  parseHostPort,
  parseHttpUrl,
  parseNonNegativeInteger,
  parsePositiveInteger,
  parsePositiveNumber,
  parseSecretMap,
  parseSecretToken,
  type Problems,
} from './env-parsers';
import type { TemporalConnectionConfig, TemporalTlsSettings } from './temporal-connection';
import { WORKER_ENVIRONMENT_VARIABLES, type WorkerEnvironmentVariableName } from './worker-environment';
import { VERSIONING_BEHAVIORS, type WorkerVersioningOptions } from './worker-versioning';

export { WORKER_ENVIRONMENT_VARIABLES, type WorkerEnvironmentVariable } from './worker-environment';

/** Everything the worker entrypoint needs, read from the environment by {@link loadWorkerConfig}. */
export interface WorkerConfig {
  temporal: TemporalConnectionConfig;
  taskQueue: string;
  dataframer: { apiKey: string; baseUrl: string };
  databricksSecrets: DatabricksSecrets;
  maxConcurrentActivityTaskExecutions: number;
  /** Undefined: the Temporal SDK's default. */
  maxConcurrentWorkflowTaskExecutions: number | undefined;
  /** Workflows kept in memory between tasks (0: no cache). */
  maxCachedWorkflows: number;
  /** Activities per second on the whole task queue, across every worker; undefined: no limit. */
  maxTaskQueueActivitiesPerSecond: number | undefined;
  /** A Temporal duration string, checked. */
  shutdownGraceTime: string;
  /** Worker Versioning; undefined: off (an unversioned worker). */
  versioning: WorkerVersioningOptions | undefined;
  /** host:port of the Prometheus `/metrics` endpoint; undefined: none. */
  metricsBindAddress: string | undefined;
}

/** Every secret of a configuration, for the logger to redact. */
export function configSecrets(config: WorkerConfig): string[] {
  const secrets = [
    config.dataframer.apiKey,
    config.temporal.apiKey,
    ...listDatabricksSecrets(config.databricksSecrets),
  ];
  return secrets.filter((secret): secret is string => secret !== undefined && secret !== '');
}

/** Missing or bad environment variables; the message has one line per problem and no secret. */
export class WorkerConfigError extends Error {
  override readonly name = 'WorkerConfigError';

  constructor(readonly problems: readonly string[]) {
    super(`Invalid worker configuration:\n${problems.map((problem) => `  - ${problem}`).join('\n')}`);
  }
}

const DEFAULTS = Object.fromEntries(WORKER_ENVIRONMENT_VARIABLES.map((variable) => [variable.name, variable.default]));

/** A variable's trimmed value; unset and empty both mean "not given" (env files often hold `FOO=`). */
type Read = (name: WorkerEnvironmentVariableName) => string | undefined;

function reader(env: NodeJS.ProcessEnv): Read {
  return (name) => {
    const value = env[name]?.trim();
    return value === undefined || value === '' ? undefined : value;
  };
}

/** A variable's value or its documented default, for the variables whose table row has one. */
function readOrDefault(read: Read, name: WorkerEnvironmentVariableName): string {
  const value = read(name) ?? DEFAULTS[name];
  if (typeof value !== 'string') throw new TypeError(`${name} has no default in WORKER_ENVIRONMENT_VARIABLES`);
  return value;
}

type Parse<T> = (name: string, raw: string, problems: Problems) => T | undefined;

/** Undefined when the variable is not given; else its parsed value, or undefined after a problem. */
function parseOptional<T>(read: Read, name: WorkerEnvironmentVariableName, parse: Parse<T>, problems: Problems) {
  const raw = read(name);
  return raw === undefined ? undefined : parse(name, raw, problems);
}

/** The parsed value of the variable or of its documented default; undefined only after a problem. */
function parseWithDefault<T>(read: Read, name: WorkerEnvironmentVariableName, parse: Parse<T>, problems: Problems) {
  return parse(name, readOrDefault(read, name), problems);
}

const TLS_VARIABLE_OF: Record<keyof TemporalTlsSettings, WorkerEnvironmentVariableName> = {
  clientCertPath: 'TEMPORAL_TLS_CERT_PATH',
  clientKeyPath: 'TEMPORAL_TLS_KEY_PATH',
  serverRootCaPath: 'TEMPORAL_TLS_CA_PATH',
  serverNameOverride: 'TEMPORAL_TLS_SERVER_NAME',
};

function loadTlsSettings(read: Read, problems: Problems): TemporalTlsSettings {
  const hasCert = read('TEMPORAL_TLS_CERT_PATH') !== undefined;
  if (hasCert !== (read('TEMPORAL_TLS_KEY_PATH') !== undefined)) {
    const missing = !hasCert ? 'TEMPORAL_TLS_CERT_PATH' : 'TEMPORAL_TLS_KEY_PATH';
    problems.push(
      `TEMPORAL_TLS_CERT_PATH and TEMPORAL_TLS_KEY_PATH must be set together for mTLS: ${missing} is missing`,
    );
  }
  const settings: TemporalTlsSettings = {};
  for (const [setting, name] of Object.entries(TLS_VARIABLE_OF)) {
    const value = read(name);
    if (value !== undefined) settings[setting as keyof TemporalTlsSettings] = value;
  }
  return settings;
}

function loadTemporal(read: Read, problems: Problems): TemporalConnectionConfig {
  const address = parseWithDefault(read, 'TEMPORAL_ADDRESS', parseHostPort, problems) ?? '';
  const apiKey = parseOptional(read, 'TEMPORAL_API_KEY', parseSecretToken, problems);
  const settings = loadTlsSettings(read, problems);
  const forced = parseOptional(read, 'TEMPORAL_TLS', parseBoolean, problems);
  const settingNames = Object.keys(settings).map((key) => TLS_VARIABLE_OF[key as keyof TemporalTlsSettings]);
  if (forced === false && settingNames.length > 0) {
    problems.push(`TEMPORAL_TLS is false, which contradicts ${settingNames.join(', ')}: unset one or the other`);
  }
  // An API key alone means Temporal Cloud, which only speaks TLS; TEMPORAL_TLS=false still allows a
  // plaintext hop to a local proxy.
  const tls = (forced ?? (apiKey !== undefined || settingNames.length > 0)) ? settings : false;
  return { address, namespace: readOrDefault(read, 'TEMPORAL_NAMESPACE'), apiKey, tls };
}

function loadDatabricksSecrets(read: Read, problems: Problems): DatabricksSecrets {
  const defaultSecret = read('DATAFRAMER_DATABRICKS_CLIENT_SECRET');
  const byClientId = parseOptional(read, 'DATAFRAMER_DATABRICKS_CLIENT_SECRETS', parseSecretMap, problems);
  return {
    ...(defaultSecret === undefined ? {} : { defaultSecret }),
    ...(byClientId === undefined ? {} : { byClientId }),
  };
}

function loadDataFramer(read: Read, problems: Problems): WorkerConfig['dataframer'] {
  const apiKey = parseOptional(read, 'DATAFRAMER_API_KEY', parseSecretToken, problems);
  if (read('DATAFRAMER_API_KEY') === undefined)
    problems.push('DATAFRAMER_API_KEY is required (the DataFramer API key)');
  const baseUrl = parseWithDefault(read, 'DATAFRAMER_BASE_URL', parseHttpUrl, problems);
  return { apiKey: apiKey ?? '', baseUrl: baseUrl ?? '' };
}

/** What a Temporal client needs (the CLI's client commands, the demo): the worker's variables for Temporal only. */
export interface TemporalClientConfig {
  temporal: TemporalConnectionConfig;
  /** The task queue workflows are started on (`TEMPORAL_TASK_QUEUE`). */
  taskQueue: string;
}

/**
 * Reads and checks the Temporal variables exactly as {@link loadWorkerConfig} does, without asking
 * for DataFramer's (a client starts and watches workflows; only workers call the API).
 */
export function loadTemporalClientConfig(env: NodeJS.ProcessEnv): TemporalClientConfig {
  const read = reader(env);
  const problems: Problems = [];
  const config = { temporal: loadTemporal(read, problems), taskQueue: readOrDefault(read, 'TEMPORAL_TASK_QUEUE') };
  if (problems.length > 0) throw new WorkerConfigError(problems);
  return config;
}

function loadVersioning(read: Read, problems: Problems): WorkerVersioningOptions | undefined {
  const deploymentName = read('TEMPORAL_DEPLOYMENT_NAME');
  const buildId = read('TEMPORAL_WORKER_BUILD_ID');
  const behavior = read('TEMPORAL_VERSIONING_BEHAVIOR');
  if (behavior !== undefined && !(VERSIONING_BEHAVIORS as readonly string[]).includes(behavior)) {
    problems.push(
      `TEMPORAL_VERSIONING_BEHAVIOR must be ${VERSIONING_BEHAVIORS.join(' or ')}, got ${JSON.stringify(behavior)}`,
    );
  }
  if (deploymentName === undefined && buildId === undefined) {
    if (behavior !== undefined) {
      problems.push('TEMPORAL_VERSIONING_BEHAVIOR needs TEMPORAL_DEPLOYMENT_NAME and TEMPORAL_WORKER_BUILD_ID');
    }
    return undefined;
  }
  if (deploymentName === undefined || buildId === undefined) {
    const missing = deploymentName === undefined ? 'TEMPORAL_DEPLOYMENT_NAME' : 'TEMPORAL_WORKER_BUILD_ID';
    problems.push(
      `TEMPORAL_DEPLOYMENT_NAME and TEMPORAL_WORKER_BUILD_ID must be set together for Worker Versioning: ${missing} is missing`,
    );
    return undefined;
  }
  const defaultVersioningBehavior = behavior as WorkerVersioningOptions['defaultVersioningBehavior'];
  return { deploymentName, buildId, ...(defaultVersioningBehavior === undefined ? {} : { defaultVersioningBehavior }) };
}

/**
 * Reads and checks every variable of {@link WORKER_ENVIRONMENT_VARIABLES} (and no other), without
 * I/O: TLS files are read when connecting. Throws one {@link WorkerConfigError} listing every problem.
 */
export function loadWorkerConfig(env: NodeJS.ProcessEnv): WorkerConfig {
  const read = reader(env);
  const problems: Problems = [];
  // A bad value becomes a placeholder (`?? 0`): with any problem the config is never returned.
  const config: WorkerConfig = {
    temporal: loadTemporal(read, problems),
    taskQueue: readOrDefault(read, 'TEMPORAL_TASK_QUEUE'),
    dataframer: loadDataFramer(read, problems),
    databricksSecrets: loadDatabricksSecrets(read, problems),
    maxConcurrentActivityTaskExecutions:
      parseWithDefault(read, 'DATAFRAMER_MAX_CONCURRENT_ACTIVITIES', parsePositiveInteger, problems) ?? 0,
    maxConcurrentWorkflowTaskExecutions: parseOptional(
      read,
      'DATAFRAMER_MAX_CONCURRENT_WORKFLOW_TASKS',
      parsePositiveInteger,
      problems,
    ),
    maxCachedWorkflows:
      parseWithDefault(read, 'DATAFRAMER_MAX_CACHED_WORKFLOWS', parseNonNegativeInteger, problems) ?? 0,
    maxTaskQueueActivitiesPerSecond: parseOptional(
      read,
      'DATAFRAMER_API_REQUESTS_PER_SECOND',
      parsePositiveNumber,
      problems,
    ),
    shutdownGraceTime: parseWithDefault(read, 'DATAFRAMER_SHUTDOWN_GRACE_TIME', parseDuration, problems) ?? '',
    versioning: loadVersioning(read, problems),
    metricsBindAddress: parseOptional(read, 'DATAFRAMER_METRICS_BIND_ADDRESS', parseHostPort, problems),
  };
  if (problems.length > 0) throw new WorkerConfigError(problems);
  return config;
}
