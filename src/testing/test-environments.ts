import { TestWorkflowEnvironment } from '@temporalio/testing';
import { findTemporalBinaries } from './temporal-binaries';

/**
 * A time-skipping test environment on the provisioned `temporal-test-server`, or on the SDK's own
 * download when no binary is found (machines with internet need nothing else).
 */
export async function createTimeSkippingTestEnvironment(): Promise<TestWorkflowEnvironment> {
  const { testServerPath } = findTemporalBinaries();
  return TestWorkflowEnvironment.createTimeSkipping(
    testServerPath === undefined ? {} : { server: { executable: { type: 'existing-path', path: testServerPath } } },
  );
}

/**
 * A test environment on a real Temporal server: the one at `TEMPORAL_ADDRESS` when set, else a dev
 * server started from the provisioned CLI (or the SDK's download when none is found).
 */
export async function createDevServerTestEnvironment(): Promise<TestWorkflowEnvironment> {
  const address = process.env.TEMPORAL_ADDRESS;
  if (address !== undefined && address !== '') {
    return TestWorkflowEnvironment.createFromExistingServer({
      address,
      namespace: process.env.TEMPORAL_NAMESPACE ?? 'default',
    });
  }
  const { cliPath } = findTemporalBinaries();
  return TestWorkflowEnvironment.createLocal({
    server: {
      ip: '127.0.0.1',
      extraArgs: ['--headless'],
      ...(cliPath === undefined ? {} : { executable: { type: 'existing-path' as const, path: cliPath } }),
    },
  });
}
