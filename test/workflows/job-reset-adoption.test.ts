// Issue 21.3: an operator resets a run workflow, or a pipeline's run or evaluation step, to a
// workflow task before its create, after the job was made (a real dev server, DataFramer 45 s
// behind): the reset run adopts its chain's job instead of starting a second billed one.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import type { WorkflowHandle } from '@temporalio/client';
import {
  createRunWorkflow,
  specPipelineWorkflow,
  type JobWorkflowProgress,
  type SpecPipelineResult,
} from '../../src/workflows';
import { createSpecHarness, seedlessRequest } from '../support/spec-harness';
import { useTemporalWorld } from '../support/temporal-world';
import { FAST_POLL, succeededSpec, waitForQuery } from './support/job-workflow-helpers';

type History = Awaited<ReturnType<WorkflowHandle['fetchHistory']>>;
type EventId = NonNullable<History['events']>[number]['eventId'];

describe('a reset after the run or evaluation was created, on the dev server', function () {
  this.timeout(120_000);
  const world = useTemporalWorld('dev-server');

  /** `temporal workflow reset`: back to the workflow task that completed at `eventId`; answers the new run id. */
  async function resetTo(handle: WorkflowHandle, eventId: EventId): Promise<string> {
    const { runId } = await world.env.client.workflowService.resetWorkflowExecution({
      namespace: world.env.namespace ?? 'default',
      workflowExecution: { workflowId: handle.workflowId },
      workflowTaskFinishEventId: eventId,
      requestId: randomUUID(),
      reason: 'test: operator reset after the create',
    });
    return runId ?? '';
  }

  /** The workflow task that scheduled the first `activityType` activity (the reset point before its create). */
  async function taskBefore(handle: WorkflowHandle, activityType: string): Promise<EventId> {
    const events = (await handle.fetchHistory()).events ?? [];
    const index = events.findIndex((e) => e.activityTaskScheduledEventAttributes?.activityType?.name === activityType);
    assert.ok(index > 0, `no ${activityType} in the history`);
    return [...events.slice(0, index)].reverse().find((e) => e.workflowTaskCompletedEventAttributes)?.eventId;
  }

  it('createRunWorkflow reset to its first workflow task while the run goes: the reset run adopts it, one run', async function () {
    const h = await createSpecHarness(world.env, world.bundle, {
      simulator: { completion: { manual: true }, clockSkewMs: -45_000 },
    });
    const { result, runId, specId, firstRunId, resetRunId } = await h.run(async () => {
      const specId = await succeededSpec(h);
      const handle = await world.env.client.workflow.start(createRunWorkflow, {
        taskQueue: h.taskQueue,
        workflowId: `run-reset-${randomUUID()}`,
        args: [{ request: { spec_id: specId, number_of_samples: 3 }, poll: FAST_POLL }],
      });
      const { id: runId } = await waitForQuery<JobWorkflowProgress>(handle, (p) => p.phase === 'waiting');
      assert.equal(h.simulator.counters().jobRequests['run-list'], 0, "the chain's first run POSTed without looking");
      const resetRunId = await resetTo(handle, await taskBefore(handle, 'createRun'));
      const latest = world.env.client.workflow.getHandle<typeof createRunWorkflow>(handle.workflowId);
      await waitForQuery<JobWorkflowProgress>(latest, (p) => p.phase === 'waiting');
      // Every run of the spec ends, so a second run (the bug) fails the count, not the timeout.
      for (const run of h.simulator.runs().filter((r) => r.spec_id === specId))
        h.simulator.control.completeRun(run.id as string);
      return { result: await latest.result(), runId, specId, firstRunId: handle.firstExecutionRunId, resetRunId };
    });
    assert.notEqual(resetRunId, firstRunId);
    assert.equal(result.runId, runId, 'the reset run ends with the run its chain made');
    assert.equal(h.simulator.counters().runsCreatedBySpec[specId], 1, 'one billed run');
    assert.equal(h.simulator.counters().jobRequests['run-create'], 1, 'the reset run looked instead of POSTing');
  });

  it("a pipeline reset before its run step's create, then before its evaluation step's: one run, one evaluation", async function () {
    const h = await createSpecHarness(world.env, world.bundle, {
      simulator: { completion: { afterReads: 1 }, clockSkewMs: -45_000 },
    });
    const { first, afterRunReset, afterEvaluationReset } = await h.run(async () => {
      const handle = await world.env.client.workflow.start(specPipelineWorkflow, {
        taskQueue: h.taskQueue,
        workflowId: `pipeline-reset-${randomUUID()}`,
        args: [
          {
            spec: seedlessRequest('pipeline-reset'),
            run: { number_of_samples: 3 },
            evaluation: { evaluation_model: 'judge/a' },
            poll: FAST_POLL,
          },
        ],
      });
      const first = await handle.result();
      const latest = () => world.env.client.workflow.getHandle<typeof specPipelineWorkflow>(handle.workflowId);
      await resetTo(handle, await taskBefore(handle, 'createRun'));
      const afterRunReset: SpecPipelineResult = await latest().result();
      await resetTo(latest(), await taskBefore(latest(), 'createEvaluation'));
      const afterEvaluationReset: SpecPipelineResult = await latest().result();
      return { first, afterRunReset, afterEvaluationReset };
    });
    const counters = h.simulator.counters();
    assert.equal(counters.runsCreatedBySpec[first.specId], 1, 'one billed run');
    assert.equal(counters.evaluationsCreatedByRun[first.runId], 1, 'one evaluation');
    for (const later of [afterRunReset, afterEvaluationReset]) {
      assert.deepEqual([later.runId, later.evaluationId], [first.runId, first.evaluationId]);
    }
  });
});
