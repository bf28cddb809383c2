import { randomUUID } from 'node:crypto';
import { Worker, type WorkflowBundleWithSourceMap } from '@temporalio/worker';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { WorkflowHandleWithFirstExecutionRunId } from '@temporalio/client';
import { createActivities, type ActivityDependencies } from '../../src/activities';
import { DataFramerClient } from '../../src/dataframer';
import { startSimulator, type RunningSimulator, type SimulatorOptions } from '../../src/simulator';
import { createSpecWorkflow, type CreateSpecWorkflowInput } from '../../src/workflows';

/** One test's world: a simulator, a DataFramer client on it, and a worker on its own task queue. */
export interface SpecHarness {
  simulator: RunningSimulator;
  client: DataFramerClient;
  taskQueue: string;
  worker: Worker;
  /** Starts `createSpecWorkflow` on this harness's task queue with a unique workflow id. */
  start(input: CreateSpecWorkflowInput): Promise<WorkflowHandleWithFirstExecutionRunId<typeof createSpecWorkflow>>;
  /** Runs the worker until `work` settles, then closes the simulator and the client. */
  run<T>(work: () => Promise<T>): Promise<T>;
}

export interface SpecHarnessOptions {
  simulator?: SimulatorOptions;
  activities?: Omit<ActivityDependencies, 'client'>;
  /** Use this API key for the worker's client instead of the simulator's (to provoke a 401). */
  apiKey?: string;
}

/** Builds a harness on a Temporal test environment and a bundled workflows module. */
export async function createSpecHarness(
  env: TestWorkflowEnvironment,
  workflowBundle: WorkflowBundleWithSourceMap,
  options: SpecHarnessOptions = {},
): Promise<SpecHarness> {
  const simulator = await startSimulator(options.simulator ?? { completion: { afterReads: 3 } });
  const client = new DataFramerClient({ baseUrl: simulator.url, apiKey: options.apiKey ?? simulator.apiKey });
  const taskQueue = `test-${randomUUID()}`;
  const worker = await Worker.create({
    connection: env.nativeConnection,
    taskQueue,
    workflowBundle,
    activities: createActivities({ client, ...options.activities }),
  });
  return {
    simulator,
    client,
    taskQueue,
    worker,
    start: (input) =>
      env.client.workflow.start(createSpecWorkflow, { taskQueue, workflowId: `spec-${randomUUID()}`, args: [input] }),
    async run(work) {
      try {
        return await worker.runUntil(work);
      } finally {
        await client.close();
        await simulator.close();
      }
    },
  };
}

/** A seedless request with a unique name. */
export function seedlessRequest(prefix = 'spec') {
  return { name: `${prefix}-${randomUUID()}`, generation_objectives: 'Realistic product reviews of varied sentiment' };
}
