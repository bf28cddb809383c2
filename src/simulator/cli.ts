// Entrypoint: `npx tsx src/simulator/cli.ts --port 8787` (or `npm run simulator -- --port 8787`).
// Runs until SIGINT/SIGTERM, then closes the server and exits 0; a bad flag exits 2.
import { CliUsageError } from './cli-args';
import { runSimulatorMain } from './cli-main';

runSimulatorMain(process.argv.slice(2), process.env, 'npm run simulator --').catch((err: unknown) => {
  if (err instanceof CliUsageError) {
    console.error(err.message);
    process.exit(2);
  }
  console.error(err);
  process.exit(1);
});
