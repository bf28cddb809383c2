// What an operator fixes, for runs and evaluations as for specs (operator-fixable.test.ts), on the
// time-skipping server: a key rejected for 10 minutes while a run is being generated, and a DataFramer
// outage of 10 minutes across a run's create (longer than the 10 attempts run creates used to get).
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { ApplicationFailure, type WorkflowHandle } from '@temporalio/client';
import type { History } from '@temporalio/common/lib/proto-utils';
import { ApiHealth } from '../../src/activities';
import {
  createEvaluationWorkflow,
  createRunWorkflow,
  specPipelineWorkflow,
  type CreateRunWorkflowInput,
  type JobWorkflowProgress,
  type SpecPipelineProgress,
} from '../../src/workflows';
import { createSpecHarness, seedlessRequest, type SpecHarness, type SpecHarnessOptions } from '../support/spec-harness';
import { useTemporalWorld } from '../support/temporal-world';
import { failureOf, succeededSpec, waitForQuery, startRunWorkflow } from './support/job-workflow-helpers';

const MINUTE_MS = 60_000;
const OUTAGE_MS = 10 * MINUTE_MS;

const tsMs = (time: { seconds?: unknown; nanos?: number | null } | null | undefined) =>
  Number(time?.seconds ?? 0) * 1000 + Math.floor((time?.nanos ?? 0) / 1e6);
const endedAtMs = (history: History) => tsMs((history.events ?? []).at(-1)!.eventTime);

/** When the activity of this type completed, in server time. */
function completedAtMs(history: History, activityType: string): number {
  const events = history.events ?? [];
  const scheduled = new Set(
    events
      .filter((event) => event.activityTaskScheduledEventAttributes?.activityType?.name === activityType)
      .map((event) => String(event.eventId)),
  );
  const completed = events.find((event) =>
    scheduled.has(String(event.activityTaskCompletedEventAttributes?.scheduledEventId ?? '')),
  );
  assert.ok(completed, `no completed ${activityType}`);
  return tsMs(completed.eventTime);
}

/** The workflow's failure as an ApplicationFailure (asserting it is one). */
async function typedFailureOf(handle: WorkflowHandle): Promise<ApplicationFailure> {
  const cause = await failureOf(handle.result());
  assert.ok(cause instanceof ApplicationFailure, `${handle.workflowId}: ${String(cause)}`);
  return cause;
}

/** Figures measured by this file, printed at the end for docs/reliability.md ("Durability, measured") and the report. */
const figures: string[] = [];

describe('operator-fixable failures of runs and evaluations on the time-skipping server', function () {
  this.timeout(120_000);
  const world = useTemporalWorld('time-skipping');
  const harness = (options?: SpecHarnessOptions) => createSpecHarness(world.env, world.bundle, options);
  const startRun = (h: SpecHarness, input: CreateRunWorkflowInput) => startRunWorkflow(world, h, input);
  after(() => {
    if (figures.length > 0) console.log(`      figures:\n${figures.map((line) => `        ${line}`).join('\n')}`);
  });

  it('a key rejected for 10 minutes while the run is generated: the workflow keeps waiting and finishes once the key works', async function () {
    const health = new ApiHealth();
    const h = await harness({ simulator: { completion: { manual: true } }, activities: { health } });
    const { result, history, fixedAtMs, specId } = await h.run(async () => {
      const specId = await succeededSpec(h);
      const handle = await startRun(h, { request: { spec_id: specId, number_of_samples: 3 } });
      const { id } = await waitForQuery<JobWorkflowProgress>(
        handle,
        (p) => p.id !== undefined && p.phase === 'waiting',
      );
      h.simulator.control.rejectKeys();
      await world.env.sleep(OUTAGE_MS);
      const fixedAtMs = await world.env.currentTimeMs();
      h.simulator.control.rejectKeys(0);
      h.simulator.control.completeRun(id!);
      const result = await handle.result();
      return { result, history: await handle.fetchHistory(), fixedAtMs, specId };
    });
    assert.equal(result.status, 'SUCCEEDED');
    assert.equal(h.simulator.counters().runsCreatedBySpec[specId], 1);
    const rejected = h.simulator.counters().operatorFaults.rejectedKey;
    assert.ok(rejected >= 5 && rejected <= 15, `${rejected} rejected reads in 10 minutes: a read a minute`);
    assert.equal(health.counts().rejectedKeyReads, rejected, 'every rejected run read counted');
    const recoveryMs = endedAtMs(history) - fixedAtMs;
    assert.ok(recoveryMs <= 65_000, `finished ${recoveryMs} ms after the key was fixed`);
    figures.push(
      `run, key rejected 10 min while waiting: done ${recoveryMs} ms after the fix, ${history.events?.length} events, ${rejected} rejected reads`,
    );
  });

  it('a 10-minute outage (503 on everything) from before the create: the run is created once it ends, only one', async function () {
    const h = await harness({ simulator: { completion: { afterReads: 2 } } });
    const { result, history, outageEndMs, specId } = await h.run(async () => {
      const specId = await succeededSpec(h);
      h.simulator.control.outage();
      const handle = await startRun(h, { request: { spec_id: specId, number_of_samples: 2 } });
      await world.env.sleep(OUTAGE_MS);
      const outageEndMs = await world.env.currentTimeMs();
      h.simulator.control.outage(0);
      const result = await handle.result();
      return { result, history: await handle.fetchHistory(), outageEndMs, specId };
    });
    assert.equal(result.status, 'SUCCEEDED');
    assert.equal(h.simulator.counters().runsCreatedBySpec[specId], 1);
    const tries = h.simulator.counters().operatorFaults.outage;
    assert.ok(tries > 10, `${tries} create attempts through the outage: more than the old 10`);
    const recoveryMs = completedAtMs(history, 'createRun') - outageEndMs;
    assert.ok(recoveryMs <= 61_000, `created ${recoveryMs} ms after the outage: retries at most a minute apart`);
    figures.push(
      `run, outage during create: created ${recoveryMs} ms after it, ${history.events?.length} events, ${tries} failed attempts`,
    );
  });

  it('an outage past the deadline ends in JobDeadlineExceeded; createMaximumAttempts fails faster', async function () {
    const h = await harness({ simulator: { completion: { afterReads: 2 } } });
    const [late, fast] = await h.run(async () => {
      const specId = await succeededSpec(h);
      h.simulator.control.outage();
      const request = { spec_id: specId, number_of_samples: 2 };
      const late = await typedFailureOf(await startRun(h, { request, deadline: '20 minutes' }));
      const fast = await typedFailureOf(await startRun(h, { request, createMaximumAttempts: 3 }));
      return [late, fast];
    });
    assert.equal(late.type, 'JobDeadlineExceeded');
    assert.match(late.message, /\(not created\) did not finish before the deadline/);
    assert.match(
      String((late.details?.[0] as { lastTransientError?: string }).lastTransientError),
      /InternalServerError/,
    );
    assert.equal(fast.type, 'InternalServerError');
    assert.equal(h.simulator.counters().runsTotal, 0);
  });

  it('a run create refused for the key (401) fails at once with AuthenticationError, one request, no run', async function () {
    const h = await harness({ simulator: { completion: { afterReads: 2 } } });
    const { cause, elapsedMs } = await h.run(async () => {
      const specId = await succeededSpec(h);
      h.simulator.control.rejectKeys();
      const handle = await startRun(h, { request: { spec_id: specId, number_of_samples: 2 } });
      const cause = await typedFailureOf(handle);
      const history = await handle.fetchHistory();
      return { cause, elapsedMs: endedAtMs(history) - tsMs(history.events?.[0]?.eventTime) };
    });
    assert.equal(cause.type, 'AuthenticationError');
    assert.equal(cause.nonRetryable, true);
    assert.equal(h.simulator.counters().operatorFaults.rejectedKey, 1, 'no retry');
    assert.ok(elapsedMs < 10_000, `failed ${elapsedMs} ms after the start (workflow time)`);
    assert.equal(h.simulator.counters().runsTotal, 0);
  });

  it("the pipeline's run step rides out 10 minutes of 500s on every run create and list: one run", async function () {
    const h = await harness({
      simulator: { completion: { afterReads: 2 }, faults: { http500: 1, endpoints: ['run-create', 'run-list'] } },
    });
    const { result, faults, step } = await h.run(async () => {
      const handle = await world.env.client.workflow.start(specPipelineWorkflow, {
        taskQueue: h.taskQueue,
        workflowId: `pipeline-${randomUUID()}`,
        args: [{ spec: seedlessRequest('pipeline-outage'), run: { number_of_samples: 2 } }],
      });
      // The spec step (reads unaffected) ends within the first minute; the run create meets the 500s.
      await world.env.sleep(OUTAGE_MS);
      const { step } = await handle.query<SpecPipelineProgress>('getProgress');
      const faults = h.simulator.counters().faults.http500;
      h.simulator.control.setFaults({});
      return { result: await handle.result(), faults, step };
    });
    assert.equal(step, 'run', 'the pipeline was creating its run when the faults ended');
    assert.equal(h.simulator.counters().runsCreatedBySpec[result.specId], 1);
    assert.ok(faults > 10, `${faults} failed run creates: more than the old 10 attempts`);
  });

  it("cancelled while its create rides out an outage: 'abandon' ends at once, 'cancel' waits for the run and cancels it", async function () {
    const h = await harness({ simulator: { completion: { manual: true } } });
    const outcome = await h.run(async () => {
      const specId = await succeededSpec(h);
      h.simulator.control.outage();
      const request = { spec_id: specId, number_of_samples: 2 };
      const abandoning = await startRun(h, { request, onCancel: 'abandon' });
      const cancelling = await startRun(h, { request, onCancel: 'cancel' });
      await world.env.sleep(2 * MINUTE_MS);
      await abandoning.cancel();
      const abandoned = await failureOf(abandoning.result());
      const abandonedHistory = await abandoning.fetchHistory();
      await cancelling.cancel();
      await world.env.sleep(MINUTE_MS);
      const stillCreating = (await cancelling.describe()).status.name;
      h.simulator.control.outage(0);
      const cancelled = await failureOf(cancelling.result());
      return { abandoned, abandonedHistory, stillCreating, cancelled };
    });
    assert.equal(outcome.abandoned?.name, 'CancelledFailure', String(outcome.abandoned));
    const abandonedCreates = (outcome.abandonedHistory.events ?? []).filter(
      (event) =>
        event.activityTaskCompletedEventAttributes !== null && event.activityTaskCompletedEventAttributes !== undefined,
    );
    assert.equal(abandonedCreates.length, 0, "'abandon' did not wait for the create");
    assert.equal(outcome.stillCreating, 'RUNNING', "'cancel' waits for the create through the outage");
    assert.equal(outcome.cancelled?.name, 'CancelledFailure', String(outcome.cancelled));
    // Only the 'cancel' workflow's create went through (once the outage ended), and its run was canceled.
    assert.equal(h.simulator.counters().runsTotal, 1);
    assert.equal(h.simulator.counters().runsCanceled, 1);
  });

  it('refuses a createMaximumAttempts that is not a positive integer with InvalidInput, before any activity', async function () {
    const h = await harness();
    const causes = await h.run(async () => {
      const start = (workflow: 'run' | 'evaluation' | 'pipeline', createMaximumAttempts: number) => {
        const options = { taskQueue: h.taskQueue, workflowId: `invalid-${randomUUID()}` };
        if (workflow === 'run')
          return world.env.client.workflow.start(createRunWorkflow, {
            ...options,
            args: [{ request: { spec_id: 'x', number_of_samples: 1 }, createMaximumAttempts }],
          });
        if (workflow === 'evaluation')
          return world.env.client.workflow.start(createEvaluationWorkflow, {
            ...options,
            args: [{ request: { run_id: 'x' }, createMaximumAttempts }],
          });
        return world.env.client.workflow.start(specPipelineWorkflow, {
          ...options,
          args: [{ spec: seedlessRequest('invalid'), run: { number_of_samples: 1 }, createMaximumAttempts }],
        });
      };
      // One at a time: concurrent result() calls on the time-skipping server take 30 s here.
      const causes: ApplicationFailure[] = [];
      for (const [workflow, value] of [
        ['run', 0],
        ['evaluation', 1.5],
        ['pipeline', -1],
      ] as const)
        causes.push(await typedFailureOf(await start(workflow, value)));
      return causes;
    });
    for (const cause of causes) {
      assert.equal(cause.type, 'InvalidInput');
      assert.match(cause.message, /createMaximumAttempts: must be a positive integer/);
    }
    assert.equal(h.simulator.counters().runsTotal, 0);
    assert.equal(h.simulator.counters().specsTotal, 0);
  });
});
