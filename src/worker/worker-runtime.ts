import { DefaultLogger, Runtime, type LogLevel, type RuntimeOptions } from '@temporalio/worker';
import { DATAFRAMER_HISTOGRAM_BUCKETS } from '../common/metric-names';
import { createLogWriter, defaultLogFormat, type LogFormat } from './log-output';

/** Options of {@link installWorkerRuntime}. */
export interface WorkerRuntimeOptions {
  /**
   * `host:port` on which the runtime's Prometheus exporter serves `/metrics`: the SDK's own metrics
   * and this package's `dataframer_*`. @default no metrics endpoint
   */
  metricsBindAddress?: string;
  /** Secrets no log line may carry (API keys, Databricks secrets), in any encoding. @default none */
  secrets?: readonly string[];
  /** @default 'json' unless stdout is a terminal */
  logFormat?: LogFormat;
  /** @default 'INFO' */
  logLevel?: LogLevel;
  /** Where log lines go. @default stdout */
  write?: (line: string) => void;
  /** Passed to `Runtime.install`. @default the SDK's (SIGINT, SIGTERM, SIGQUIT, SIGUSR2 shut workers down) */
  shutdownSignals?: RuntimeOptions['shutdownSignals'];
}

/** The Temporal runtime was created before {@link installWorkerRuntime} could configure it. */
export class RuntimeAlreadyInstalledError extends Error {
  override readonly name = 'RuntimeAlreadyInstalledError';
}

/** The runtime's Prometheus exporter on `bindAddress` (`/metrics`), as the worker and the demo configure it. */
export function prometheusMetrics(bindAddress: string) {
  return {
    prometheus: {
      bindAddress,
      // Prometheus conventions: counters end in _total; durations and our histograms are in seconds.
      countersTotalSuffix: true,
      useSecondsForDurations: true,
      histogramBucketOverrides: DATAFRAMER_HISTOGRAM_BUCKETS,
    },
  };
}

/** The runtime options: our logger for the SDK's, workflows' and activities' logs, and the exporter. */
export function toRuntimeOptions(options: WorkerRuntimeOptions): RuntimeOptions {
  const logFunction = createLogWriter({
    secrets: options.secrets ?? [],
    format: options.logFormat ?? defaultLogFormat(),
    ...(options.write === undefined ? {} : { write: options.write }),
  });
  return {
    logger: new DefaultLogger(options.logLevel ?? 'INFO', logFunction),
    telemetryOptions: {
      // Forward the native core's logs to the same logger, so every line has the same format and redaction.
      logging: { filter: { core: 'WARN', other: 'ERROR' }, forward: {} },
      ...(options.metricsBindAddress === undefined ? {} : { metrics: prometheusMetrics(options.metricsBindAddress) }),
    },
    ...(options.shutdownSignals === undefined ? {} : { shutdownSignals: options.shutdownSignals }),
  };
}

/**
 * Installs the process's one Temporal runtime with our logger and, when asked, the Prometheus
 * exporter. The SDK allows one runtime per process, made on first use (the first connection or
 * worker), so call this before connecting; afterwards it throws {@link RuntimeAlreadyInstalledError}.
 */
export function installWorkerRuntime(options: WorkerRuntimeOptions): Runtime {
  if (Runtime._instance !== undefined) {
    throw new RuntimeAlreadyInstalledError(
      'The Temporal runtime already exists (a connection or worker was made first): call installWorkerRuntime before connecting',
    );
  }
  return Runtime.install(toRuntimeOptions(options));
}

/**
 * {@link installWorkerRuntime} unless the process already has its runtime (embedded in a process that
 * made one): then that runtime and its logger serve, unless a metrics endpoint was asked for, which
 * only a new runtime can open (throws {@link RuntimeAlreadyInstalledError}).
 */
export function ensureWorkerRuntime(options: WorkerRuntimeOptions): Runtime {
  if (Runtime._instance === undefined) return Runtime.install(toRuntimeOptions(options));
  if (options.metricsBindAddress !== undefined) {
    throw new RuntimeAlreadyInstalledError(
      `DATAFRAMER_METRICS_BIND_ADDRESS needs a new Temporal runtime, but this process already made one: install it with installWorkerRuntime({ metricsBindAddress }) before any connection`,
    );
  }
  return Runtime._instance;
}
