import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { WorkflowBundleWithSourceMap } from '@temporalio/worker';
import { createDevServerTestEnvironment, createTimeSkippingTestEnvironment } from '../../src/testing/test-environments';
import { bundleWorkflowsForTest } from './workflow-bundle';

/** A Temporal test environment and our workflows bundled once, for one `describe` block. */
export interface TemporalWorld {
  env: TestWorkflowEnvironment;
  bundle: WorkflowBundleWithSourceMap;
}

/**
 * Registers `before`/`after` hooks in the current `describe` that start the server kind asked for
 * and bundle `src/workflows` (or the test's own workflows module) once; the returned object is filled
 * when the tests run.
 */
export function useTemporalWorld(
  kind: 'time-skipping' | 'dev-server',
  workflowsPath = require.resolve('../../src/workflows'),
): TemporalWorld {
  const world = {} as TemporalWorld;
  before(async function () {
    this.timeout(60_000);
    [world.env, world.bundle] = await Promise.all([
      kind === 'time-skipping' ? createTimeSkippingTestEnvironment() : createDevServerTestEnvironment(),
      bundleWorkflowsForTest(workflowsPath),
    ]);
  });
  after(async () => world.env?.teardown());
  return world;
}
