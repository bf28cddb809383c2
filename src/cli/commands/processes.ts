// The long-running commands: `worker`, `simulator` and `demo`, each the same code as its npm script.
import type { Command } from 'commander';
import { runDemoMain } from '../../demo/demo-main';
import { runSimulatorMain } from '../../simulator/cli-main';
import { runWorker } from '../../worker/run-worker';
import { loadWorkerConfig, WORKER_ENVIRONMENT_VARIABLES } from '../../worker/worker-config';
import type { CliContext } from '../context';
import type { ExitCode } from '../exit-codes';

const WORKER_HELP = `
Environment (the worker reads only these, plus the standard OTEL_* variables for tracing, off by default):
${WORKER_ENVIRONMENT_VARIABLES.map((variable) => `  ${variable.name.padEnd(40)} ${variable.meaning}`).join('\n')}`;

/** Registers `worker`, `simulator` and `demo`. */
export function registerProcessCommands(program: Command, context: CliContext): void {
  program
    .command('worker')
    .description('run a worker for the spec workflows, configured by the environment, until SIGINT/SIGTERM')
    .addHelpText('after', WORKER_HELP)
    .action(async () => {
      await runWorker(loadWorkerConfig(context.streams.env), console.log, context.streams.env);
    });

  // The simulator parses its own flags (one parser for `npm run simulator` and this command).
  program
    .command('simulator')
    .description('run the DataFramer API simulator (--port N, --fault-profile P, ...; see --help)')
    .helpOption(false)
    .allowUnknownOption()
    .allowExcessArguments()
    .argument('[flags...]')
    .action(async (flags: string[]) => {
      await runSimulatorMain(flags, context.streams.env, 'dataframer-temporal simulator');
    });

  program
    .command('demo')
    .description('the demo: embedded Temporal dev server, simulator and worker; five specs watched live')
    .action(async () => {
      context.exitCode = (await runDemoMain()) as ExitCode;
    });
}
