import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { Client } from '@temporalio/client';
import { MockActivityEnvironment } from '@temporalio/testing';
import { Worker } from '@temporalio/worker';
import { createBatchItemActivities } from '../../src/activities';
import { batchItemWorkflowId } from '../../src/common/batch-ids';
import { useTemporalWorld } from '../support/temporal-world';
import { bundleWorkflowsForTest } from '../support/workflow-bundle';

describe('checkBatchItems: how the items of a batch closed, read with the worker client (dev server)', function () {
  this.timeout(120_000);
  const world = useTemporalWorld('dev-server');

  it('reports completed, failed, cancelled, terminated, timed-out and vanished items, and leaves running ones out', async function () {
    const { client, nativeConnection } = world.env;
    const taskQueue = `check-items-${randomUUID()}`;
    const batchId = `batch-${randomUUID()}`;
    const id = (index: number) => batchItemWorkflowId(batchId, index);
    const worker = await Worker.create({
      connection: nativeConnection,
      taskQueue,
      workflowBundle: await bundleWorkflowsForTest(require.resolve('./support/item-close-workflows')),
    });
    const outcomes = await worker.runUntil(async () => {
      const start = (type: string, index: number, extra = {}) =>
        client.workflow.start(type, { taskQueue, workflowId: id(index), args: [index], ...extra });
      await (await start('itemThatCompletes', 0)).result();
      await (await start('itemThatFails', 1)).result().catch(() => undefined);
      const cancelled = await start('itemThatWaits', 2);
      await cancelled.cancel();
      await cancelled.result().catch(() => undefined);
      await (await start('itemThatWaits', 3)).terminate('terminated by an operator');
      const timedOut = await start('itemThatWaits', 4, { workflowExecutionTimeout: '1 second' });
      await timedOut.result().catch(() => undefined);
      await start('itemThatWaits', 5);
      // The client a worker gives its activities: over its NativeConnection.
      const env = new MockActivityEnvironment(undefined, { client: new Client({ connection: nativeConnection }) });
      const activities = createBatchItemActivities();
      const found = await env.run(
        (input: Parameters<typeof activities.checkBatchItems>[0]) => activities.checkBatchItems(input),
        { batchWorkflowId: batchId, indexes: [0, 1, 2, 3, 4, 5, 6] },
      );
      await client.workflow.getHandle(id(5)).terminate('test over');
      return found;
    });
    assert.deepEqual(outcomes, [
      { index: 0, status: 'SUCCEEDED', specId: 'spec-0' },
      { index: 1, status: 'FAILED', failure: { type: 'ItemFailed', message: 'Boom: a bug in the item' } },
      { index: 2, status: 'CANCELLED', failure: { type: 'Cancelled', message: 'Workflow canceled' } },
      { index: 3, status: 'FAILED', failure: { type: 'ItemTerminated', message: 'terminated by an operator' } },
      { index: 4, status: 'FAILED', failure: { type: 'ItemTimedOut', message: 'Workflow execution timed out' } },
      {
        index: 6,
        status: 'FAILED',
        failure: {
          type: 'ItemNotFound',
          message: `item workflow ${id(6)} is not on the server (past the namespace's retention?)`,
        },
      },
    ]);
  });
});
