import assert from 'node:assert/strict';
import { WorkflowFailedError } from '@temporalio/client';
import { executeCreateSpec, startCreateSpec } from '../../src/client';
import { DEFAULT_TASK_QUEUE, specWorkflowId } from '../../src/common/constants';
import { getProgressQuery } from '../../src/workflows';
import { createSpecHarness, seedlessRequest } from '../support/spec-harness';
import { useTemporalWorld } from '../support/temporal-world';

const FAST_POLL = { initialInterval: '1 second', maximumInterval: '5 seconds' } as const;

describe('client: startCreateSpec / executeCreateSpec on the time-skipping server', function () {
  const world = useTemporalWorld('time-skipping');

  it('starts on the default task queue with the spec-name workflow id', async function () {
    const request = seedlessRequest('defaults');
    const handle = await startCreateSpec(world.env.client, { request });
    try {
      assert.equal(handle.workflowId, specWorkflowId(request));
      assert.equal((await handle.describe()).taskQueue, DEFAULT_TASK_QUEUE);
    } finally {
      await handle.terminate('test over: no worker polls the default queue here');
    }
  });

  it('attaches a second start of the same spec to the running workflow: one run, one spec', async function () {
    const harness = await createSpecHarness(world.env, world.bundle, { simulator: { completion: { afterReads: 2 } } });
    const input = { request: seedlessRequest('twice'), poll: FAST_POLL };
    const options = { taskQueue: harness.taskQueue };
    const [first, second, result] = await harness.run(async () => {
      const firstHandle = await startCreateSpec(world.env.client, input, options);
      const secondHandle = await startCreateSpec(world.env.client, input, options);
      const [firstRun, secondRun] = await Promise.all([firstHandle.describe(), secondHandle.describe()]);
      return [firstRun.runId, secondRun.runId, await executeCreateSpec(world.env.client, input, options)] as const;
    });
    assert.equal(second, first);
    assert.equal(result.status, 'SUCCEEDED');
    assert.equal(harness.simulator.counters().createdByName[input.request.name], 1);
    assert.equal(harness.simulator.counters().specsTotal, 1);
  });

  it('11: a start after the workflow succeeded returns that workflow and its spec, not a new run', async function () {
    const harness = await createSpecHarness(world.env, world.bundle, { simulator: { completion: { afterReads: 1 } } });
    const input = { request: seedlessRequest('again'), poll: FAST_POLL };
    const options = { taskQueue: harness.taskQueue };
    const { first, firstRunId, againRunId, again } = await harness.run(async () => {
      const firstHandle = await startCreateSpec(world.env.client, input, options);
      const first = await firstHandle.result();
      const againHandle = await startCreateSpec(world.env.client, input, options);
      const again = await executeCreateSpec(world.env.client, input, options);
      return { first, firstRunId: firstHandle.firstExecutionRunId, againRunId: againHandle.firstExecutionRunId, again };
    });
    assert.equal(again.status, 'SUCCEEDED');
    assert.equal(again.specId, first.specId, 'the spec our own workflow made');
    assert.equal(againRunId, firstRunId, 'the handle of the run that succeeded, not a new run');
    assert.equal(harness.simulator.counters().createdByName[input.request.name], 1);
  });

  it('11: a start after the workflow was cancelled starts a new run, under the name rules', async function () {
    const harness = await createSpecHarness(world.env, world.bundle, { simulator: { completion: { afterReads: 1 } } });
    const request = seedlessRequest('after-cancel');
    const options = { taskQueue: harness.taskQueue };
    const { firstRunId, secondRunId, result } = await harness.run(async () => {
      // The first read is an hour away (no time skips while the test does not await a result).
      const first = await startCreateSpec(
        world.env.client,
        { request, onCancel: 'delete', poll: { initialInterval: '1 hour', maximumInterval: '1 hour' } },
        options,
      );
      await until(
        () => first.query(getProgressQuery),
        (progress) => progress.phase === 'waiting',
      );
      await first.cancel();
      await assert.rejects(first.result(), (err: unknown) => err instanceof WorkflowFailedError);
      // The cancelled run deleted its spec: the new run may create one under the same name.
      const second = await startCreateSpec(world.env.client, { request, poll: FAST_POLL }, options);
      const secondRunId = second.firstExecutionRunId;
      return { firstRunId: first.firstExecutionRunId, secondRunId, result: await second.result() };
    });
    assert.notEqual(secondRunId, firstRunId);
    assert.equal(result.status, 'SUCCEEDED');
    assert.equal(harness.simulator.counters().createdByName[request.name], 2);
  });
});

async function until<T>(read: () => Promise<T>, done: (value: T) => boolean): Promise<T> {
  for (let i = 0; ; i++) {
    const value = await read().catch(() => undefined);
    if (value !== undefined && done(value)) return value;
    assert.ok(i < 300, 'never reached');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
