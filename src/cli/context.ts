import type { Command } from 'commander';
import type { ExitCode } from './exit-codes';
import { CliOutput, type CliStreams } from './output';

/** What every command gets: where to print, the environment, and where its exit code goes. */
export interface CliContext {
  streams: CliStreams;
  /** Set by the command that ran; 0 unless it says otherwise. */
  exitCode: ExitCode;
}

/** The output of a command, in the mode its `--json` flag chose. */
export function outputOf(context: CliContext, options: { json?: boolean }): CliOutput {
  return new CliOutput(options.json === true, context.streams);
}

/** Adds `--json` (JSON lines on stdout, the last one the result object). */
export function addJsonOption(command: Command): Command {
  return command.option('--json', 'print JSON lines on stdout; the last one holds the result object');
}
