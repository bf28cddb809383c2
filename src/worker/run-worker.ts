import { connectToTemporal } from './temporal-connection';
import { createWorker } from './create-worker';
import { tracingFromEnvironment } from './tracing';
import { configSecrets, type WorkerConfig } from './worker-config';
import { ensureWorkerRuntime } from './worker-runtime';

/** What the worker prints once it polls its task queue (tests and process managers wait for it). */
export const WORKER_READY_MESSAGE = 'dataframer-temporal worker polling task queue';

/**
 * Runs a worker configured by {@link WorkerConfig} until SIGINT or SIGTERM: the entrypoint of
 * `npm run worker`, `node dist/worker.js` and `dataframer-temporal worker`. Closes what it opened.
 */
export async function runWorker(
  config: WorkerConfig,
  log: (line: string) => void = console.log,
  env: NodeJS.ProcessEnv = process.env,
): Promise<void> {
  // Before connecting: the first connection would create the process's one runtime with the SDK's defaults.
  ensureWorkerRuntime({ metricsBindAddress: config.metricsBindAddress, secrets: configSecrets(config) });
  const tracing = tracingFromEnvironment(env);
  const connection = await connectToTemporal(config.temporal);
  try {
    const { worker, close, serverVersion } = await createWorker({
      connection,
      namespace: config.temporal.namespace,
      taskQueue: config.taskQueue,
      dataframer: config.dataframer,
      databricksSecrets: config.databricksSecrets,
      maxConcurrentActivityTaskExecutions: config.maxConcurrentActivityTaskExecutions,
      maxConcurrentWorkflowTaskExecutions: config.maxConcurrentWorkflowTaskExecutions,
      maxCachedWorkflows: config.maxCachedWorkflows,
      maxTaskQueueActivitiesPerSecond: config.maxTaskQueueActivitiesPerSecond,
      shutdownGraceTime: config.shutdownGraceTime,
      versioning: config.versioning,
      tracing,
    });
    try {
      // Too old a server still runs (the timer designs work on it): say so loudly, with the fix.
      if (serverVersion.supported === true) log(serverVersion.message);
      else console.error(`WARNING: ${serverVersion.message}`);
      log(
        `${WORKER_READY_MESSAGE} "${config.taskQueue}" on ${config.temporal.address} ` +
          `namespace ${config.temporal.namespace}` +
          (config.versioning === undefined
            ? ''
            : ` as version ${config.versioning.buildId} of worker deployment "${config.versioning.deploymentName}"`) +
          (config.metricsBindAddress === undefined ? '' : `; metrics at http://${config.metricsBindAddress}/metrics`) +
          (tracing === undefined ? '' : '; tracing to the OTEL_* endpoint'),
      );
      // The SDK's Runtime already turns SIGINT and SIGTERM into `worker.shutdown()` (its default
      // `shutdownSignals`): run() resolves once running activities finish or the grace time cuts them off.
      await worker.run();
    } finally {
      await close();
    }
  } finally {
    await connection.close();
    await tracing?.shutdown();
  }
}
