// Runs the CLI on argv and turns every way it can end into one exit code and, for failures, one line.
import { CommanderError } from 'commander';
import { DemoConfigError } from '../demo/demo-config';
import { CliUsageError } from '../simulator/cli-args';
import { WorkerConfigError } from '../worker/worker-config';
import { CliOutput, type CliStreams } from './output';
import { CliError, EXIT_CODES, type ExitCode } from './exit-codes';
import type { CliContext } from './context';
import { buildProgram } from './program';
import { asUnreachable, configProblemLine } from './temporal-client';

/** An error as the CLI reports it: exit code and one line (never a secret: messages come from our parsers). */
function classify(err: unknown): { exitCode: ExitCode; message: string } {
  if (err instanceof CliError) return { exitCode: err.exitCode, message: err.message };
  if (err instanceof WorkerConfigError) return { exitCode: EXIT_CODES.badInput, message: configProblemLine(err) };
  if (err instanceof DemoConfigError || err instanceof CliUsageError) {
    return { exitCode: EXIT_CODES.badInput, message: err.message };
  }
  const unreachable = asUnreachable(err);
  if (unreachable !== undefined) return { exitCode: unreachable.exitCode, message: unreachable.message };
  // The worker's native connection fails with a TransportError when Temporal does not answer.
  if (err instanceof Error && err.name === 'TransportError') {
    return { exitCode: EXIT_CODES.unreachable, message: `Temporal is unreachable: ${err.message}` };
  }
  return { exitCode: EXIT_CODES.failed, message: err instanceof Error ? (err.stack ?? err.message) : String(err) };
}

/** Runs `dataframer-temporal` with `argv` (without node and the script); resolves to the exit code. */
export async function runCli(argv: readonly string[], streams: CliStreams): Promise<ExitCode> {
  const context: CliContext = { streams, exitCode: EXIT_CODES.ok };
  try {
    await buildProgram(context).parseAsync([...argv], { from: 'user' });
    return context.exitCode;
  } catch (err) {
    const json = new CliOutput(argv.includes('--json'), streams);
    if (err instanceof CommanderError) {
      // Commander has already printed its own message (or the help, or the version: exit code 0);
      // a usage error still ends --json's output with the result line a script reads.
      if (err.exitCode === 0) return EXIT_CODES.ok;
      json.event('result', { ok: false, exitCode: EXIT_CODES.badInput, error: err.message.replace(/^error: /, '') });
      return EXIT_CODES.badInput;
    }
    const { exitCode, message } = classify(err);
    streams.stderr.write(`dataframer-temporal: ${message}\n`);
    json.event('result', { ok: false, exitCode, error: message });
    return exitCode;
  }
}
