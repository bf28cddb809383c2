import assert from 'node:assert/strict';
import { executeCreateSpec, startCreateSpec } from '../../src/client';
import { DEFAULT_TASK_QUEUE, specWorkflowId } from '../../src/common/constants';
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
});
