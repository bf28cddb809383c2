// Entrypoint: `npx tsx src/simulator/cli.ts --port 8787` (or `npm run simulator -- --port 8787`).
// Runs until SIGINT/SIGTERM, then closes the server and exits 0; a bad flag exits 2.
import { CLI_USAGE, CliUsageError, parseCliArgs } from './cli-args';
import { startSimulator } from './server';

async function main(): Promise<void> {
  const config = parseCliArgs(process.argv.slice(2), process.env);
  if (config === 'help') {
    console.log(CLI_USAGE);
    return;
  }
  const simulator = await startSimulator(config.options);
  try {
    const key = config.keyFromEnv ? 'API key from DATAFRAMER_API_KEY' : `API key: ${simulator.apiKey}`;
    console.log(`DataFramer simulator listening on ${simulator.url} (${key})`);
    await shutdownSignal();
  } finally {
    await simulator.close();
  }
}

/** Resolves on the first SIGINT or SIGTERM. */
function shutdownSignal(): Promise<NodeJS.Signals> {
  return new Promise((resolve) => {
    const onSignal = (signal: NodeJS.Signals): void => {
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
      resolve(signal);
    };
    process.on('SIGINT', onSignal);
    process.on('SIGTERM', onSignal);
  });
}

main().catch((err: unknown) => {
  if (err instanceof CliUsageError) {
    console.error(err.message);
    process.exit(2);
  }
  console.error(err);
  process.exit(1);
});
