// The simulator's process-level part, used by `npm run simulator` and `dataframer-temporal simulator`:
// runs until SIGINT/SIGTERM, then closes the server; a bad flag throws CliUsageError (exit 2).
import { parseCliArgs, simulatorUsage } from './cli-args';
import { startSimulator } from './server';

/** Parses `argv` (flags only), serves until SIGINT or SIGTERM, then closes the server. */
export async function runSimulatorMain(argv: string[], env: NodeJS.ProcessEnv, invocation: string): Promise<void> {
  const config = parseCliArgs(argv, env);
  if (config === 'help') {
    console.log(simulatorUsage(invocation));
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
