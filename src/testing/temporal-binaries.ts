import { accessSync, constants } from 'node:fs';
import path from 'node:path';

/** Where the Temporal CLI and the time-skipping test server live on this machine, when known. */
export interface TemporalBinaries {
  /** The Temporal CLI (`temporal server start-dev`). */
  cliPath?: string;
  /** The time-skipping test server (`temporal-test-server PORT`). */
  testServerPath?: string;
}

/** The folder `npm run provision` fills: `<project>/.temporal/bin`. */
export const PROVISIONED_BIN_FOLDER = path.join('.temporal', 'bin');

const PACKAGE_ROOT = path.resolve(__dirname, '..', '..');

function isExecutable(file: string): boolean {
  try {
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

function firstExecutable(candidates: (string | undefined)[]): string | undefined {
  return candidates.find((candidate): candidate is string => candidate !== undefined && isExecutable(candidate));
}

/**
 * Finds the binaries: `TEMPORAL_CLI_PATH` / `TEMPORAL_TEST_SERVER_PATH` first, then the provisioned
 * folder of the current project, then this package's own. A missing entry means "let the SDK download".
 */
export function findTemporalBinaries(env: NodeJS.ProcessEnv = process.env, cwd = process.cwd()): TemporalBinaries {
  const folders = [path.join(cwd, PROVISIONED_BIN_FOLDER), path.join(PACKAGE_ROOT, PROVISIONED_BIN_FOLDER)];
  return {
    cliPath: firstExecutable([env.TEMPORAL_CLI_PATH, ...folders.map((folder) => path.join(folder, 'temporal'))]),
    testServerPath: firstExecutable([
      env.TEMPORAL_TEST_SERVER_PATH,
      ...folders.map((folder) => path.join(folder, 'temporal-test-server')),
    ]),
  };
}

/** The Temporal CLI's path, or an error that says how to get one. */
export function requireTemporalCli(env: NodeJS.ProcessEnv = process.env): string {
  const { cliPath } = findTemporalBinaries(env);
  if (cliPath === undefined) {
    throw new Error(
      'No Temporal CLI found: run `npm run provision`, or set TEMPORAL_CLI_PATH=/path/to/temporal, ' +
        'or set TEMPORAL_ADDRESS to use a running Temporal server',
    );
  }
  return cliPath;
}
