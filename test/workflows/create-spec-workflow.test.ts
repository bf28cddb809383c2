import assert from 'node:assert/strict';
import { ApplicationFailure, CancelledFailure, WorkflowFailedError, type WorkflowHandle } from '@temporalio/client';
import { Worker } from '@temporalio/worker';
import type { History } from '@temporalio/common/lib/proto-utils';
import { readsToCover, resolvePollSchedule } from '../../src/common/poll-schedule';
import { type createSpecWorkflow, getProgressQuery, pollNowSignal, type CreateSpecProgress } from '../../src/workflows';
import { createSpecHarness, seedlessRequest, type SpecHarnessOptions } from '../support/spec-harness';
import { useTemporalWorld } from '../support/temporal-world';

const HOUR_MS = 60 * 60 * 1000;

async function failureOf(promise: Promise<unknown>): Promise<Error | undefined> {
  const err = await promise.then(
    () => assert.fail('expected the workflow to fail'),
    (e: unknown) => e,
  );
  assert.ok(err instanceof WorkflowFailedError, `expected WorkflowFailedError, got ${String(err)}`);
  return err.cause;
}

async function waitForProgress(
  handle: WorkflowHandle<typeof createSpecWorkflow>,
  done: (progress: CreateSpecProgress) => boolean,
): Promise<CreateSpecProgress> {
  const deadline = Date.now() + 20_000;
  for (;;) {
    const progress = await handle.query(getProgressQuery);
    if (done(progress)) return progress;
    if (Date.now() > deadline) assert.fail(`progress never matched: ${JSON.stringify(progress)}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('createSpecWorkflow on the time-skipping server', function () {
  this.timeout(120_000);
  const world = useTemporalWorld('time-skipping');
  const histories: { workflowId: string; history: History }[] = [];

  const harness = (options?: SpecHarnessOptions) => createSpecHarness(world.env, world.bundle, options);
  const keepHistory = async (handle: WorkflowHandle) => {
    histories.push({ workflowId: handle.workflowId, history: await handle.fetchHistory() });
  };

  it('waits out a 3-hour generation with one spec, continuing as new on the way', async function () {
    // Every wait at its shortest, so the spec surely takes 3 hours of workflow time.
    const reads = readsToCover(resolvePollSchedule(), 3 * HOUR_MS, 1);
    const h = await harness({ simulator: { completion: { afterReads: reads } } });
    const request = seedlessRequest('three-hours');
    const { result, progress, firstRunId, lastRunId } = await h.run(async () => {
      const handle = await h.start({ request, continueAsNewAfterReads: 60 });
      const result = await handle.result();
      const progress = await world.env.client.workflow.getHandle(handle.workflowId).query(getProgressQuery);
      const { runId } = await world.env.client.workflow.getHandle(handle.workflowId).describe();
      await keepHistory(world.env.client.workflow.getHandle(handle.workflowId));
      return { result, progress, firstRunId: handle.firstExecutionRunId, lastRunId: runId };
    });
    assert.equal(result.status, 'SUCCEEDED');
    assert.equal(result.polls, reads + 1);
    assert.match(String(result.spec.content_yaml), /\S/);
    assert.equal(h.simulator.counters().createdByName[request.name], 1);
    assert.equal(h.simulator.counters().requests.create, 1);
    assert.notEqual(lastRunId, firstRunId, 'expected at least one continue-as-new');
    assert.ok(progress.runs >= 2, `runs ${progress.runs}`);
    assert.ok(progress.lastReadAtMs! - progress.startedAtMs >= 3 * HOUR_MS, 'generation took 3 hours of workflow time');
  });

  it('fails with SpecGenerationFailed carrying the spec id and DataFramer message', async function () {
    const h = await harness({ simulator: { completion: { afterReads: 2 }, failNamesMatching: '^doomed-' } });
    const request = seedlessRequest('doomed');
    const { cause, progress } = await h.run(async () => {
      const handle = await h.start({ request });
      const cause = await failureOf(handle.result());
      return { cause, progress: await handle.query(getProgressQuery) };
    });
    assert.ok(cause instanceof ApplicationFailure);
    assert.equal(cause.type, 'SpecGenerationFailed');
    assert.equal(cause.nonRetryable, true);
    const details = cause.details?.[0] as { specId: string; errorMessage: string | null };
    assert.equal(details.specId, progress.specId);
    assert.ok(details.errorMessage && cause.message.includes(details.errorMessage), cause.message);
    assert.equal(progress.phase, 'failed');
  });

  it('fails with SpecDeadlineExceeded carrying the last status when the deadline passes', async function () {
    const h = await harness({ simulator: { completion: { manual: true } } });
    const cause = await h.run(async () => {
      const handle = await h.start({ request: seedlessRequest('late'), deadline: '2 hours' });
      return failureOf(handle.result());
    });
    assert.ok(cause instanceof ApplicationFailure);
    assert.equal(cause.type, 'SpecDeadlineExceeded');
    const details = cause.details?.[0] as { lastStatus: string; reads: number };
    assert.equal(details.lastStatus, 'PROCESSING');
    assert.ok(details.reads > 10, `reads ${details.reads}`);
  });

  for (const pollingDesign of ['activity-retry', 'timer-activity'] as const) {
    it(`${pollingDesign}: rides out 5xx, 429 with Retry-After, resets and unknown statuses while polling`, async function () {
      const faults = {
        http500: 0.2,
        html502: 0.1,
        rateLimit: { probability: 0.15, retryAfter: { seconds: 30 } },
        reset: 0.05,
        unknownStatus: 0.1,
        endpoints: ['get' as const],
      };
      const h = await harness({ simulator: { completion: { afterReads: 15 }, faults, seed: 11 } });
      const request = seedlessRequest('flaky');
      const result = await h.run(async () => {
        const handle = await h.start({ request, pollingDesign });
        const result = await handle.result();
        await keepHistory(handle);
        return result;
      });
      assert.equal(result.status, 'SUCCEEDED');
      const counters = h.simulator.counters();
      const injected = Object.values(counters.faults).reduce((sum, n) => sum + n, 0);
      assert.ok(injected >= 3, `only ${injected} faults injected: ${JSON.stringify(counters.faults)}`);
      assert.equal(counters.createdByName[request.name], 1);
    });
  }

  it('fails fast and typed on permanent create errors', async function () {
    const wrongKey = await harness({ apiKey: 'sk-wrong-key' });
    const authCause = await wrongKey.run(async () =>
      failureOf((await wrongKey.start({ request: seedlessRequest() })).result()),
    );
    assert.ok(authCause instanceof ApplicationFailure);
    assert.equal(authCause.type, 'AuthenticationError');
    assert.equal(wrongKey.simulator.counters().requests.create, 1, 'a 401 is not retried');

    const invalid = await harness();
    const inputCause = await invalid.run(async () =>
      failureOf((await invalid.start({ request: { name: 'no-objectives' } })).result()),
    );
    assert.ok(inputCause instanceof ApplicationFailure);
    assert.equal(inputCause.type, 'InvalidInput');
    assert.match(inputCause.message, /generation_objectives/);
    assert.equal(invalid.simulator.counters().requests.create, 0);

    const taken = await harness();
    const request = seedlessRequest('taken');
    await taken.client.createSpec(request);
    const conflictCause = await taken.run(async () => failureOf((await taken.start({ request })).result()));
    assert.ok(conflictCause instanceof ApplicationFailure);
    assert.equal(conflictCause.type, 'SpecNameConflictError');
    assert.equal(taken.simulator.counters().createdByName[request.name], 1);
  });

  for (const onCancel of ['abandon', 'delete'] as const) {
    it(`cancellation with onCancel '${onCancel}' ends the workflow as cancelled`, async function () {
      const h = await harness({ simulator: { completion: { manual: true } } });
      const request = seedlessRequest(`cancel-${onCancel}`);
      const { cause, progress } = await h.run(async () => {
        const handle = await h.start({ request, onCancel });
        await waitForProgress(handle, (p) => p.phase === 'waiting');
        await handle.cancel();
        const cause = await failureOf(handle.result());
        await keepHistory(handle);
        return { cause, progress: await handle.query(getProgressQuery) };
      });
      assert.ok(cause instanceof CancelledFailure, `got ${String(cause)}`);
      assert.equal(progress.phase, 'cancelled');
      const counters = h.simulator.counters();
      const stillThere = h.simulator.specs().some((spec) => spec.name === request.name);
      if (onCancel === 'delete') {
        assert.equal(counters.requests.delete, 1);
        assert.equal(stillThere, false);
      } else {
        assert.equal(counters.requests.delete, 0);
        assert.equal(stillThere, true);
      }
    });
  }

  it('reports progress in each phase', async function () {
    const h = await harness({ simulator: { completion: { manual: true } } });
    const request = seedlessRequest('progress');
    h.simulator.control.injectOnce('slowMs', { endpoint: 'create', delayMs: 1_500 });
    const seen = await h.run(async () => {
      const handle = await h.start({ request });
      const creating = await waitForProgress(handle, () => true);
      const waiting = await waitForProgress(handle, (p) => p.phase === 'waiting' && p.nextReadAt !== undefined);
      h.simulator.control.complete(request.name);
      await handle.signal(pollNowSignal);
      await handle.result();
      return { creating, waiting, succeeded: await handle.query(getProgressQuery) };
    });
    assert.equal(seen.creating.phase, 'creating');
    assert.equal(seen.creating.specId, undefined);
    assert.equal(seen.waiting.name, request.name);
    assert.match(String(seen.waiting.specId), /^[0-9a-f-]{36}$/);
    assert.equal(seen.waiting.lastStatus, undefined);
    assert.ok(Date.parse(seen.waiting.nextReadAt!) > Date.parse(seen.waiting.startedAt));
    assert.equal(seen.succeeded.phase, 'succeeded');
    assert.equal(seen.succeeded.lastStatus, 'SUCCEEDED');
    assert.ok(seen.succeeded.reads >= 1);
    assert.ok(seen.succeeded.lastReadAt !== undefined);
  });

  for (const pollingDesign of ['activity-retry', 'timer-activity', 'timer-local-activity'] as const) {
    it(`${pollingDesign}: pollNow reads at once instead of waiting out an hour`, async function () {
      const h = await harness({ simulator: { completion: { manual: true } } });
      const request = seedlessRequest('poll-now');
      const poll = { initialInterval: '1 hour', maximumInterval: '1 hour', jitter: 0 };
      const { result, progress } = await h.run(async () => {
        const handle = await h.start({ request, poll, pollingDesign });
        await waitForProgress(handle, (p) => p.phase === 'waiting');
        h.simulator.control.complete(request.name);
        await handle.signal(pollNowSignal);
        const result = await handle.result();
        await keepHistory(handle);
        return { result, progress: await handle.query(getProgressQuery) };
      });
      assert.equal(result.status, 'SUCCEEDED');
      assert.equal(result.polls, 1);
      assert.ok(progress.lastReadAtMs! - progress.startedAtMs < HOUR_MS, 'read before the hour was up');
    });
  }

  it('replays every recorded history without non-determinism', async function () {
    assert.ok(histories.length >= 6, `only ${histories.length} histories recorded`);
    for await (const replay of Worker.runReplayHistories(
      { workflowBundle: world.bundle, replayName: 'recorded' },
      histories,
    )) {
      assert.equal(replay.error, undefined, `${replay.workflowId}: ${String(replay.error)}`);
    }
  });
});
