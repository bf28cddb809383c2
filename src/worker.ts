// `npm run worker`: a DataFramer worker configured from the environment (see WORKER_ENVIRONMENT_VARIABLES).
// Start as many processes as you like on one task queue: Temporal shares the work among them.
import { connectToTemporal } from './worker/temporal-connection';
import { createWorker } from './worker/create-worker';
import { loadWorkerConfig, WorkerConfigError } from './worker/worker-config';

/** Exit code for a configuration problem, apart from 1 (a crash) so scripts can tell them apart. */
const CONFIG_ERROR_EXIT_CODE = 2;

async function main(): Promise<void> {
  const config = loadWorkerConfig(process.env);
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
      maxTaskQueueActivitiesPerSecond: config.maxTaskQueueActivitiesPerSecond,
      shutdownGraceTime: config.shutdownGraceTime,
      versioning: config.versioning,
    });
    try {
      // Too old a server still runs (the timer designs work on it): say so loudly, with the fix.
      if (serverVersion.supported === true) console.log(serverVersion.message);
      else console.error(`WARNING: ${serverVersion.message}`);
      console.log(
        `dataframer-temporal worker polling task queue "${config.taskQueue}" on ${config.temporal.address} ` +
          `namespace ${config.temporal.namespace}` +
          (config.versioning === undefined
            ? ''
            : ` as version ${config.versioning.buildId} of worker deployment "${config.versioning.deploymentName}"`),
      );
      // The SDK's Runtime already turns SIGINT and SIGTERM into `worker.shutdown()` (its default
      // `shutdownSignals`): run() resolves once running activities finish or the grace time cuts them off.
      await worker.run();
    } finally {
      await close();
    }
  } finally {
    await connection.close();
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
