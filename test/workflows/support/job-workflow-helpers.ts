import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { WorkflowFailedError, WorkflowNotFoundError, type WorkflowHandle } from '@temporalio/client';
import type { SpecHarness } from '../../support/spec-harness';
import type { TemporalWorld } from '../../support/temporal-world';
import { createRunWorkflow, type CreateRunWorkflowInput } from '../../../src/workflows';

/** A fast schedule: tests that end jobs by hand wait in real time. */
export const FAST_POLL = { initialInterval: '50 ms', maximumInterval: '200 ms', jitter: 0 } as const;

/** The cause of a workflow's failure (asserting that it failed). */
export async function failureOf(promise: Promise<unknown>): Promise<Error | undefined> {
  const err = await promise.then(
    () => assert.fail('expected the workflow to fail'),
    (e: unknown) => e,
  );
  assert.ok(err instanceof WorkflowFailedError, `expected WorkflowFailedError, got ${String(err)}`);
  return err.cause;
}

/** Queries `getProgress` until `done` holds (20 s at most). */
export async function waitForQuery<T>(handle: WorkflowHandle, done: (progress: T) => boolean): Promise<T> {
  const deadline = Date.now() + 20_000;
  for (;;) {
    // A workflow not started yet (a child whose id its parent already reports) cannot answer: ask again.
    const progress = (await handle.query('getProgress').catch((err: unknown) => {
      if (!(err instanceof WorkflowNotFoundError) || Date.now() > deadline) throw err;
      return undefined;
    })) as T | undefined;
    if (progress !== undefined && done(progress)) return progress;
    if (Date.now() > deadline) assert.fail(`progress never matched: ${JSON.stringify(progress)}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** A SUCCEEDED spec on the harness's simulator (made through the API, ended by hand). */
export async function succeededSpec(h: SpecHarness): Promise<string> {
  const { id } = await h.client.createSpec({ name: `run-spec-${randomUUID()}`, generation_objectives: 'reviews' });
  h.simulator.control.complete(id, 'SUCCEEDED');
  return id;
}

/** A SUCCEEDED run of a new SUCCEEDED spec. */
export async function succeededRun(h: SpecHarness): Promise<string> {
  const specId = await succeededSpec(h);
  const { id } = await h.client.createRun({ spec_id: specId, number_of_samples: 3 });
  h.simulator.control.completeRun(id);
  return id;
}

/** Starts a createRunWorkflow on the harness's task queue under a fresh workflow id. */
export function startRunWorkflow(world: TemporalWorld, h: SpecHarness, input: CreateRunWorkflowInput) {
  return world.env.client.workflow.start(createRunWorkflow, {
    taskQueue: h.taskQueue,
    workflowId: `run-${randomUUID()}`,
    args: [input],
  });
}
