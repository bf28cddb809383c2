import { accessSync, constants, readFileSync } from 'node:fs';
import path from 'node:path';

/** Where the Temporal CLI and the time-skipping test server live on this machine, when known. */
export interface TemporalBinaries {
  /** The Temporal CLI (`temporal server start-dev`). */
  cliPath?: string;
  /** The time-skipping test server (`temporal-test-server PORT`). */
  testServerPath?: string;
}

/** The folder provisioning fills by default, relative to the project: `.temporal` (binaries in its `bin`). */
export const PROVISIONED_FOLDER = '.temporal';

/** The folder that holds the provisioned binaries: `<project>/.temporal/bin`. */
export const PROVISIONED_BIN_FOLDER = path.join(PROVISIONED_FOLDER, 'bin');

/** Names a provisioning folder elsewhere (`provision --dir D` fills `D/bin`): set it where the tests run. */
export const PROVISION_DIR_VARIABLE = 'TEMPORAL_PROVISION_DIR';

/** This package's root, from `src/testing` and from `dist/testing` alike. */
export const PACKAGE_ROOT = path.resolve(__dirname, '..', '..');

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

/** `cwd` and each folder above it, nearest first: tests often run from a package inside a repository. */
function folderAndParents(cwd: string): string[] {
  const folders = [path.resolve(cwd)];
  for (let parent = path.dirname(folders[0]!); parent !== folders.at(-1); parent = path.dirname(parent)) {
    folders.push(parent);
  }
  return folders;
}

/** The bin folders searched, in order: `$TEMPORAL_PROVISION_DIR/bin`, `.temporal/bin` here and above, this package's. */
export function provisionedBinFolders(env: NodeJS.ProcessEnv = process.env, cwd = process.cwd()): string[] {
  const named = env[PROVISION_DIR_VARIABLE]?.trim();
  return [
    ...(named ? [path.join(path.resolve(cwd, named), 'bin')] : []),
    ...folderAndParents(cwd).map((folder) => path.join(folder, PROVISIONED_BIN_FOLDER)),
    path.join(PACKAGE_ROOT, PROVISIONED_BIN_FOLDER),
  ];
}

/**
 * Finds the binaries: `TEMPORAL_CLI_PATH` / `TEMPORAL_TEST_SERVER_PATH` first, then the provisioned
 * folders of {@link provisionedBinFolders}. A missing entry means "let the SDK download".
 */
export function findTemporalBinaries(env: NodeJS.ProcessEnv = process.env, cwd = process.cwd()): TemporalBinaries {
  const folders = provisionedBinFolders(env, cwd);
  return {
    cliPath: firstExecutable([env.TEMPORAL_CLI_PATH, ...folders.map((folder) => path.join(folder, 'temporal'))]),
    testServerPath: firstExecutable([
      env.TEMPORAL_TEST_SERVER_PATH,
      ...folders.map((folder) => path.join(folder, 'temporal-test-server')),
    ]),
  };
}

/** The name in the nearest package.json at or above `cwd`, if any. */
function nearestPackageName(cwd: string): string | undefined {
  for (const folder of folderAndParents(cwd)) {
    try {
      const manifest = JSON.parse(readFileSync(path.join(folder, 'package.json'), 'utf8')) as { name?: unknown };
      return typeof manifest.name === 'string' ? manifest.name : undefined;
    } catch {
      // no (readable) package.json here: look further up
    }
  }
  return undefined;
}

/**
 * The provisioning command that works from `cwd`: `npm run provision` inside this repository (its own
 * script), `npx dataframer-temporal provision` in a project that installed the package.
 */
export function provisionCommand(cwd = process.cwd()): string {
  return nearestPackageName(cwd) === 'dataframer-temporal' ? 'npm run provision' : 'npx dataframer-temporal provision';
}

/** The Temporal CLI's path, or an error that says how to get one from where the caller stands. */
export function requireTemporalCli(env: NodeJS.ProcessEnv = process.env, cwd = process.cwd()): string {
  const { cliPath } = findTemporalBinaries(env, cwd);
  if (cliPath === undefined) {
    throw new Error(
      `No Temporal CLI found: run \`${provisionCommand(cwd)}\`, or set TEMPORAL_CLI_PATH=/path/to/temporal, ` +
        'or set TEMPORAL_ADDRESS to use a running Temporal server',
    );
  }
  return cliPath;
}
