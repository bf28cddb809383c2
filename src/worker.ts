// `npm run worker`: a DataFramer worker configured from the environment (see WORKER_ENVIRONMENT_VARIABLES).
// Start as many processes as you like on one task queue: Temporal shares the work among them.
import { runWorker } from './worker/run-worker';
import { loadWorkerConfig, WorkerConfigError } from './worker/worker-config';

/** Exit code for a configuration problem, apart from 1 (a crash) so scripts can tell them apart. */
const CONFIG_ERROR_EXIT_CODE = 2;

async function main(): Promise<void> {
  await runWorker(loadWorkerConfig(process.env));
}

main().catch((err: unknown) => {
  if (err instanceof WorkerConfigError) {
    console.error(err.message);
    process.exit(CONFIG_ERROR_EXIT_CODE);
  }
  console.error(err);
  process.exit(1);
});
