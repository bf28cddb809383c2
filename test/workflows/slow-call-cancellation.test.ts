import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { inspect } from 'node:util';
import { CancelledFailure, WorkflowFailedError } from '@temporalio/client';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker, type WorkflowBundleWithSourceMap } from '@temporalio/worker';
import { resolvePollSchedule } from '../../src/common/poll-schedule';
import type { FaultEndpoint } from '../../src/simulator';
import { createDevServerTestEnvironment } from '../../src/testing/test-environments';
import {
  eventually,
  rejectionOf,
  seedless,
  startWorld,
  type SimulatedWorld,
} from '../activities/support/activity-harness';
import { bundleWorkflowsForTest } from '../support/workflow-bundle';
import { slowCallWorkflow, type SlowCall } from './support/slow-call-workflows';

// Activities heartbeat only once a call is slow (a heartbeat is a billable action), and a worker
// hears of a cancellation only in a heartbeat's answer: on a real server, a slow call must still
// be cancelled promptly. The workflow uses a 3 s heartbeat timeout, so the first beat comes after 1 s.
describe('a slow call heartbeats, so its cancellation reaches it (dev server)', function () {
  this.timeout(60_000);
  let env: TestWorkflowEnvironment;
  let bundle: WorkflowBundleWithSourceMap;
  let world: SimulatedWorld;

  before(async function () {
    [env, bundle, world] = await Promise.all([
      createDevServerTestEnvironment(),
      bundleWorkflowsForTest(require.resolve('./support/slow-call-workflows')),
      startWorld(),
    ]);
  });
  after(async () => {
    await world?.close();
    await env?.teardown();
  });

  async function assertCancelledPromptly(endpoint: FaultEndpoint, call: SlowCall) {
    world.simulator.control.resetCounters();
    world.simulator.control.injectOnce('slowMs', { endpoint, delayMs: 20_000 });
    const taskQueue = `slow-call-${randomUUID()}`;
    const worker = await Worker.create({
      connection: env.nativeConnection,
      taskQueue,
      workflowBundle: bundle,
      activities: world.activities,
    });
    const { cancelledAfterMs, err, history } = await worker.runUntil(async () => {
      const handle = await env.client.workflow.start(slowCallWorkflow, {
        taskQueue,
        workflowId: taskQueue,
        args: [call],
      });
      assert.ok(
        await eventually(() => world.simulator.counters().inFlight === 1, 10_000),
        'the slow call is in flight',
      );
      const cancelledAt = Date.now();
      await handle.cancel();
      const err = await rejectionOf(handle.result());
      return { cancelledAfterMs: Date.now() - cancelledAt, err, history: await handle.fetchHistory() };
    });
    assert.ok(err instanceof WorkflowFailedError && err.cause instanceof CancelledFailure, inspect(err));
    // The first heartbeat (1 s after the call began) brings the cancellation back; the heartbeat
    // timeout (3 s) would end the attempt otherwise, and the answer would come after 20 s.
    assert.ok(cancelledAfterMs < 2_500, `the activity acknowledged the cancellation after ${cancelledAfterMs} ms`);
    const canceled = history.events?.some((event) => event.activityTaskCanceledEventAttributes != null);
    assert.ok(canceled, 'the activity itself reported the cancellation');
    assert.ok(await eventually(() => world.simulator.counters().inFlight === 0, 1_000), 'the call was aborted');
    assert.deepEqual(world.simulator.counters().responses, {}, 'the slow answer was never sent');
  }

  it('createSpec', async () => {
    await assertCancelledPromptly('create', { activity: 'createSpec', args: [seedless('slow-create')] });
  });

  it('getSpecStatus', async () => {
    const { id } = await world.client.createSpec(seedless('slow-get'));
    await assertCancelledPromptly('get', { activity: 'getSpecStatus', args: [id, {}] });
  });

  it('awaitSpecStatus', async () => {
    const { id } = await world.client.createSpec(seedless('slow-await'));
    const input = { specId: id, schedule: resolvePollSchedule(), readsBefore: 0, firstWaitMs: 0 };
    await assertCancelledPromptly('get', { activity: 'awaitSpecStatus', args: [input, {}] });
  });

  it('deleteSpec', async () => {
    const { id } = await world.client.createSpec(seedless('slow-delete'));
    await assertCancelledPromptly('delete', { activity: 'deleteSpec', args: [id] });
  });
});
