// `npm run worker`: a DataFramer worker configured from the environment (see WORKER_ENVIRONMENT_VARIABLES).
// Start as many processes as you like on one task queue: Temporal shares the work among them.
import { connectToTemporal } from './worker/temporal-connection';
import { createWorker } from './worker/create-worker';
import { configSecrets, loadWorkerConfig, WorkerConfigError } from './worker/worker-config';
import { installWorkerRuntime } from './worker/worker-runtime';
import { tracingFromEnvironment } from './worker/tracing';

/** Exit code for a configuration problem, apart from 1 (a crash) so scripts can tell them apart. */
const CONFIG_ERROR_EXIT_CODE = 2;

async function main(): Promise<void> {
  const config = loadWorkerConfig(process.env);
  // Before connecting: the first connection would create the process's one runtime with the SDK's defaults.
  installWorkerRuntime({ metricsBindAddress: config.metricsBindAddress, secrets: configSecrets(config) });
  const tracing = tracingFromEnvironment(process.env);
  const connection = await connectToTemporal(config.temporal);
  try {
    const { worker, close } = await createWorker({
      connection,
      namespace: config.temporal.namespace,
      taskQueue: config.taskQueue,
      dataframer: config.dataframer,
      databricksSecrets: config.databricksSecrets,
      maxConcurrentActivityTaskExecutions: config.maxConcurrentActivityTaskExecutions,
      maxConcurrentWorkflowTaskExecutions: config.maxConcurrentWorkflowTaskExecutions,
      maxTaskQueueActivitiesPerSecond: config.maxTaskQueueActivitiesPerSecond,
      shutdownGraceTime: config.shutdownGraceTime,
      versioning: config.versioning,
      tracing,
    });
    try {
      console.log(
        `dataframer-temporal worker polling task queue "${config.taskQueue}" on ${config.temporal.address} ` +
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

main().catch((err: unknown) => {
  if (err instanceof WorkerConfigError) {
    console.error(err.message);
    process.exit(CONFIG_ERROR_EXIT_CODE);
  }
  console.error(err);
  process.exit(1);
});
