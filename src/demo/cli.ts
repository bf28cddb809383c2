// `npm run demo`: with nothing configured, an embedded Temporal dev server, DataFramer simulator (with
// mild injected faults) and worker in this one process; a handful of specs created at once, watched
// live, their results printed. TEMPORAL_ADDRESS, or DATAFRAMER_API_KEY with DATAFRAMER_BASE_URL, use
// yours instead. Exit code: 0 when every spec succeeded, 1 otherwise, 2 for a configuration problem,
// 128 + the signal's number when stopped by SIGINT (130) or SIGTERM (143).
import { WorkerConfigError } from '../worker/worker-config';
import { DemoConfigError } from './demo-config';
import { runDemoMain } from './demo-main';

const CONFIG_ERROR_EXIT_CODE = 2;

runDemoMain()
  .then((code) => process.exit(code))
  .catch((err: unknown) => {
    if (err instanceof DemoConfigError || err instanceof WorkerConfigError) {
      console.error(err.message);
      process.exit(CONFIG_ERROR_EXIT_CODE);
    }
    console.error(err);
    process.exit(1);
  });
