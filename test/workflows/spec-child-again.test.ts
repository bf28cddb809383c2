// The child helpers started again for a spec whose workflow already succeeded (issue 21.11): the parent
// gets that workflow's result, the spec it made, instead of a child failing on its own name.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { Worker } from '@temporalio/worker';
import { createActivities } from '../../src/activities';
import { specWorkflowId } from '../../src/common/constants';
import { DataFramerClient } from '../../src/dataframer';
import { startSimulator } from '../../src/simulator';
import { seedlessRequest } from '../support/spec-harness';
import { useTemporalWorld } from '../support/temporal-world';
import { specChildOnceWorkflow, specChildTwiceWorkflow } from './support/spec-child-workflows';

const FAST_POLL = { initialInterval: '1 second', maximumInterval: '1 second' } as const;

describe('child helpers started again after the spec workflow succeeded (time-skipping server)', function () {
  this.timeout(120_000);
  const world = useTemporalWorld('time-skipping', require.resolve('./support/spec-child-workflows'));

  async function withWorker<T>(work: (taskQueue: string, counters: () => Record<string, number>) => Promise<T>) {
    const simulator = await startSimulator({ completion: { afterReads: 1 } });
    const client = new DataFramerClient({ baseUrl: simulator.url, apiKey: simulator.apiKey });
    const taskQueue = `test-${randomUUID()}`;
    const worker = await Worker.create({
      connection: world.env.nativeConnection,
      taskQueue,
      workflowBundle: world.bundle,
      activities: createActivities({ client }),
    });
    try {
      return await worker.runUntil(work(taskQueue, () => simulator.counters().createdByName));
    } finally {
      await client.close();
      await simulator.close();
    }
  }

  it('a parent calling executeCreateSpecChild twice in sequence gets the same spec twice; one spec', async function () {
    const input = { request: seedlessRequest('child-twice'), poll: FAST_POLL };
    const [results, created] = await withWorker(async (taskQueue, counters) => {
      const results = await world.env.client.workflow.execute(specChildTwiceWorkflow, {
        taskQueue,
        workflowId: `parent-${randomUUID()}`,
        args: [input],
      });
      return [results, counters()] as const;
    });
    const [first, second] = results;
    assert.equal(second?.status, 'SUCCEEDED');
    assert.equal(second?.specId, first?.specId);
    assert.equal(created[input.request.name], 1);
  });

  it('two parents one after another (startCreateSpecChild): the second gets the first child, its run and spec', async function () {
    const input = { request: seedlessRequest('child-again'), poll: FAST_POLL };
    const [first, second, created] = await withWorker(async (taskQueue, counters) => {
      const parent = () =>
        world.env.client.workflow.execute(specChildOnceWorkflow, {
          taskQueue,
          workflowId: `parent-${randomUUID()}`,
          args: [input],
        });
      const first = await parent();
      const second = await parent();
      return [first, second, counters()] as const;
    });
    assert.equal(second.workflowId, specWorkflowId(input.request));
    assert.equal(second.firstExecutionRunId, first.firstExecutionRunId, 'the run that succeeded');
    assert.equal(second.result.specId, first.result.specId);
    assert.equal(created[input.request.name], 1);
  });
});
