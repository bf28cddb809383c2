import assert from 'node:assert/strict';
import { ApplicationFailure, CancelledFailure } from '@temporalio/client';
import { Worker } from '@temporalio/worker';
import {
  pollNowSignal,
  type CreateRunWorkflowInput,
  type JobWorkflowProgress,
  type PollingDesign,
} from '../../src/workflows';
import { createSpecHarness, type SpecHarness, type SpecHarnessOptions } from '../support/spec-harness';
import { useTemporalWorld } from '../support/temporal-world';
import { FAST_POLL, failureOf, succeededSpec, waitForQuery, startRunWorkflow } from './support/job-workflow-helpers';

describe('createRunWorkflow on the time-skipping server', function () {
  this.timeout(120_000);
  const world = useTemporalWorld('time-skipping');
  const harness = (options?: SpecHarnessOptions) => createSpecHarness(world.env, world.bundle, options);
  const start = (h: SpecHarness, input: CreateRunWorkflowInput) => startRunWorkflow(world, h, input);
  const manual = { simulator: { completion: { manual: true } } };
  const hasId = (p: JobWorkflowProgress) => p.id !== undefined && p.phase === 'waiting';

  for (const pollingDesign of ['activity-retry', 'timer-activity', 'timer-local-activity'] as PollingDesign[]) {
    it(`runs to SUCCEEDED with one run, samples_completed of number_of_samples in its progress (${pollingDesign})`, async function () {
      const h = await harness({ simulator: { completion: { afterReads: 4 } } });
      const { result, progress, specId } = await h.run(async () => {
        const specId = await succeededSpec(h);
        const handle = await start(h, { request: { spec_id: specId, number_of_samples: 7 }, pollingDesign });
        const result = await handle.result();
        return { result, specId, progress: await handle.query<JobWorkflowProgress>('getProgress') };
      });
      assert.equal(result.status, 'SUCCEEDED');
      assert.equal(result.run.status, 'SUCCEEDED');
      assert.equal(result.run.samples_completed, 7);
      assert.ok(result.polls >= 4, `polls ${result.polls}`);
      assert.equal(h.simulator.counters().runsCreatedBySpec[specId], 1);
      assert.equal(progress.phase, 'succeeded');
      assert.deepEqual([progress.progress.samplesCompleted, progress.progress.numberOfSamples], [7, 7]);
      assert.equal(typeof progress.progress.totalCost, 'number');
    });
  }

  it('fails with RunGenerationFailed carrying DataFramer message', async function () {
    const h = await harness(manual);
    const cause = await h.run(async () => {
      const handle = await start(h, {
        request: { spec_id: await succeededSpec(h), number_of_samples: 2 },
        poll: FAST_POLL,
      });
      const { id } = await waitForQuery<JobWorkflowProgress>(handle, hasId);
      h.simulator.control.failRun(id!, 'GPU quota exceeded');
      return failureOf(handle.result());
    });
    assert.ok(cause instanceof ApplicationFailure);
    assert.equal(cause.type, 'RunGenerationFailed');
    assert.equal(cause.nonRetryable, true);
    assert.match(cause.message, /GPU quota exceeded/);
  });

  it('fails with RunCanceled when someone else cancels the run', async function () {
    const h = await harness(manual);
    const cause = await h.run(async () => {
      const handle = await start(h, {
        request: { spec_id: await succeededSpec(h), number_of_samples: 2 },
        poll: FAST_POLL,
      });
      const { id } = await waitForQuery<JobWorkflowProgress>(handle, hasId);
      await h.client.cancelRun(id!);
      return failureOf(handle.result());
    });
    assert.ok(cause instanceof ApplicationFailure);
    assert.equal(cause.type, 'RunCanceled');
  });

  it("onCancel 'cancel' cancels the run on DataFramer; 'abandon' leaves it going", async function () {
    const h = await harness(manual);
    const { canceled, abandoned } = await h.run(async () => {
      const outcome = async (onCancel: 'cancel' | 'abandon') => {
        const specId = await succeededSpec(h);
        const handle = await start(h, {
          request: { spec_id: specId, number_of_samples: 2 },
          poll: FAST_POLL,
          onCancel,
        });
        const { id } = await waitForQuery<JobWorkflowProgress>(handle, hasId);
        await handle.cancel();
        const cause = await failureOf(handle.result());
        assert.ok(cause instanceof CancelledFailure, String(cause));
        return (await h.client.getRun(id!)).status;
      };
      return { canceled: await outcome('cancel'), abandoned: await outcome('abandon') };
    });
    assert.equal(canceled, 'CANCELED');
    assert.notEqual(abandoned, 'CANCELED');
    assert.equal(h.simulator.counters().runsCanceled, 1);
  });

  for (const pollingDesign of ['activity-retry', 'timer-activity', 'timer-local-activity'] as PollingDesign[]) {
    it(`${pollingDesign}: pollNow reads at once instead of waiting out an hour, and the history replays`, async function () {
      const h = await harness(manual);
      const poll = { initialInterval: '1 hour', maximumInterval: '1 hour', jitter: 0 };
      const { result, progress, history, workflowId } = await h.run(async () => {
        const handle = await start(h, {
          request: { spec_id: await succeededSpec(h), number_of_samples: 2 },
          poll,
          pollingDesign,
        });
        const { id } = await waitForQuery<JobWorkflowProgress>(handle, hasId);
        h.simulator.control.completeRun(id!);
        await handle.signal(pollNowSignal);
        const result = await handle.result();
        const progress = await handle.query<JobWorkflowProgress>('getProgress');
        return { result, progress, history: await handle.fetchHistory(), workflowId: handle.workflowId };
      });
      assert.equal(result.status, 'SUCCEEDED');
      assert.equal(result.polls, 1);
      assert.ok(progress.lastReadAtMs! - progress.startedAtMs < 60 * 60 * 1000, 'read before the hour was up');
      await Worker.runReplayHistory({ workflowBundle: world.bundle }, history, workflowId);
    });
  }

  it('refuses an invalid request before any activity with InvalidInput naming the field', async function () {
    const h = await harness();
    const cause = await h.run(async () =>
      failureOf(start(h, { request: { spec_id: 'x', number_of_samples: 0 } }).then((handle) => handle.result())),
    );
    assert.ok(cause instanceof ApplicationFailure);
    assert.equal(cause.type, 'InvalidInput');
    assert.match(cause.message, /request\.number_of_samples/);
    assert.equal(h.simulator.counters().runsTotal, 0);
  });
});

// Adoption compares DataFramer's created_at (the simulator's real clock) with the workflow's start
// (the Temporal server's clock): a time-skipping server that skipped ahead in an earlier test is
// minutes "in the future", which no real deployment is. So each of these gets a fresh server.
function faultWorld(title: string, body: (world: ReturnType<typeof useTemporalWorld>) => void) {
  describe(title, function () {
    this.timeout(120_000);
    body(useTemporalWorld('time-skipping'));
  });
}

const startRun = (world: ReturnType<typeof useTemporalWorld>, h: SpecHarness, input: CreateRunWorkflowInput) =>
  startRunWorkflow(world, h, input);

faultWorld('createRunWorkflow under faults (transient and ambiguous 500)', (world) => {
  it('rides out 500s, resets and 429s on reads and creates, and adopts ambiguous creates: exactly one run', async function () {
    const h = await createSpecHarness(world.env, world.bundle, {
      simulator: {
        completion: { afterReads: 3 },
        faults: {
          http500: 0.2,
          reset: 0.1,
          rateLimit: { probability: 0.1, retryAfter: { ms: 200 } },
          ambiguousCreate: { probability: 1, mode: '500' },
          endpoints: ['run-create', 'run-get', 'run-list'],
        },
        seed: 7,
      },
    });
    // One workflow per world: several at once on the time-skipping server skip its clock past the
    // others' creates (see faultWorld); the activity tests run 20 concurrent creates in real time.
    const { result, specId } = await h.run(async () => {
      const specId = await succeededSpec(h);
      const handle = await startRun(world, h, { request: { spec_id: specId, number_of_samples: 3 } });
      return { result: await handle.result(), specId };
    });
    assert.equal(result.status, 'SUCCEEDED');
    assert.equal(h.simulator.counters().runsCreatedBySpec[specId], 1);
    const faults = h.simulator.counters().faults;
    assert.ok(faults.http500 + faults.reset + faults.rateLimit >= 1, JSON.stringify(faults));
    assert.ok(h.simulator.counters().faults.ambiguousCreate >= 1, JSON.stringify(h.simulator.counters().faults));
  });
});

faultWorld('createRunWorkflow under faults (dropped create answer)', (world) => {
  it('adopts a run whose create answer was dropped (the settle wait), never posting twice', async function () {
    const h = await createSpecHarness(world.env, world.bundle, {
      simulator: {
        completion: { afterReads: 2 },
        faults: { ambiguousCreate: { probability: 1, mode: 'drop' }, endpoints: ['run-create'] },
      },
    });
    const { result, specId } = await h.run(async () => {
      const specId = await succeededSpec(h);
      const handle = await startRun(world, h, { request: { spec_id: specId, number_of_samples: 2 } });
      return { result: await handle.result(), specId };
    });
    assert.equal(result.status, 'SUCCEEDED');
    assert.equal(h.simulator.counters().runsCreatedBySpec[specId], 1);
    assert.equal(h.simulator.counters().jobRequests['run-create'], 1);
  });
});

faultWorld('createRunWorkflow over hours (continue-as-new, deadline)', (world) => {
  it('continues as new on the way and fails with JobDeadlineExceeded when the run outlasts its deadline', async function () {
    const h = await createSpecHarness(world.env, world.bundle, { simulator: { completion: { afterReads: 12 } } });
    const { result, runs, cause } = await h.run(async () => {
      const long = await startRun(world, h, {
        request: { spec_id: await succeededSpec(h), number_of_samples: 2 },
        continueAsNewAfterReads: 5,
        pollingDesign: 'timer-activity',
      });
      const result = await long.result();
      const runs = (
        await world.env.client.workflow.getHandle(long.workflowId).query<JobWorkflowProgress>('getProgress')
      ).runs;
      const stuck = await startRun(world, h, {
        request: { spec_id: await succeededSpec(h), number_of_samples: 2 },
        deadline: '2 minutes',
      });
      return { result, runs, cause: await failureOf(stuck.result()) };
    });
    assert.equal(result.status, 'SUCCEEDED');
    assert.equal(result.polls, 13);
    assert.ok(runs >= 3, `runs ${runs}`);
    assert.ok(cause instanceof ApplicationFailure);
    // 12 reads at the default schedule take longer than 2 minutes.
    assert.equal(cause.type, 'JobDeadlineExceeded');
    assert.match(cause.message, /did not finish before the deadline/);
  });
});
