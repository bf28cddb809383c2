import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Command } from 'commander';
import { registerBatch } from './commands/batch';
import { registerCancel } from './commands/cancel';
import { registerCreate } from './commands/create';
import { registerProcessCommands } from './commands/processes';
import { registerProvision } from './commands/provision';
import { registerStatus } from './commands/status';
import type { CliContext } from './context';

const EXIT_CODES_HELP = `
Exit codes: 0 success, 1 a spec failed (or was cancelled; for batch: any spec, or the batch stopped), 2 bad input (the flag, field or variable
is named), 3 Temporal unreachable, or DataFramer unreachable until a spec's create gave up (create --create-attempts)
or its deadline passed.
Temporal is reached as the worker reaches it: TEMPORAL_ADDRESS (default 127.0.0.1:7233),
TEMPORAL_NAMESPACE, TEMPORAL_TASK_QUEUE, TEMPORAL_API_KEY, TEMPORAL_TLS_* (see \`worker --help\`).`;

function packageVersion(): string {
  const manifest = path.resolve(__dirname, '..', '..', 'package.json');
  return (JSON.parse(readFileSync(manifest, 'utf8')) as { version: string }).version;
}

/** The `dataframer-temporal` program: every command registered, output and exits left to the caller. */
export function buildProgram(context: CliContext): Command {
  const program = new Command('dataframer-temporal')
    .description('Start, watch and cancel DataFramer specs on Temporal; run the worker, the simulator, the demo')
    .version(packageVersion())
    .addHelpText('after', EXIT_CODES_HELP)
    .showHelpAfterError('(add --help for usage)')
    .configureOutput({
      writeOut: (text) => context.streams.stdout.write(text),
      writeErr: (text) => context.streams.stderr.write(text),
    })
    .exitOverride();
  registerCreate(program, context);
  registerStatus(program, context);
  registerCancel(program, context);
  registerBatch(program, context);
  registerProcessCommands(program, context);
  registerProvision(program, context);
  // Subcommands inherit the settings above only when copied: every command reports through the caller.
  for (const command of program.commands) {
    command.exitOverride().configureOutput(program.configureOutput()).showHelpAfterError('(add --help for usage)');
  }
  return program;
}
