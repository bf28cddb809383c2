// An operator resets a specPipelineWorkflow to its first workflow task (issue 21.3) on a real dev
// server: the pipeline carries on and ends with one spec, one run and one evaluation, whether its
// spec child had already succeeded or was still running (the reset then cancels it).
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import type { WorkflowHandle } from '@temporalio/client';
import {
  specPipelineWorkflow,
  type CreateSpecProgress,
  type SpecPipelineProgress,
  type SpecPipelineResult,
} from '../../src/workflows';
import { specWorkflowId } from '../../src/common/constants';
import { createSpecHarness, seedlessRequest, type SpecHarness } from '../support/spec-harness';
import { useTemporalWorld } from '../support/temporal-world';
import { FAST_POLL, waitForQuery } from './support/job-workflow-helpers';
import { resetToFirstWorkflowTask } from './support/reset-workflow';

describe('a specPipelineWorkflow reset to its first workflow task, on the dev server', function () {
  this.timeout(120_000);
  const world = useTemporalWorld('dev-server');

  async function startPipeline(h: SpecHarness) {
    const spec = seedlessRequest('reset-pipeline');
    const handle = await world.env.client.workflow.start(specPipelineWorkflow, {
      taskQueue: h.taskQueue,
      workflowId: `pipeline-${randomUUID()}`,
      args: [{ spec, run: { number_of_samples: 2 }, evaluation: {}, poll: FAST_POLL }],
    });
    return { spec, handle };
  }

  /** The spec id, once the (current) spec child has created or adopted it. */
  async function specOfChild(pipeline: WorkflowHandle): Promise<string> {
    const { specWorkflowId } = await waitForQuery<SpecPipelineProgress>(
      pipeline,
      (p) => p.specWorkflowId !== undefined,
    );
    const child = world.env.client.workflow.getHandle(specWorkflowId!);
    const progress = await waitForQuery<CreateSpecProgress>(child, (p) => p.phase === 'waiting');
    return progress.specId!;
  }

  /** Ends the run and the evaluation the (latest run of the) pipeline waits on, and answers its result. */
  async function finishJobs(h: SpecHarness, workflowId: string): Promise<SpecPipelineResult> {
    const latest = world.env.client.workflow.getHandle<typeof specPipelineWorkflow>(workflowId);
    // A pipeline that failed ends the wait at once, with its failure.
    const ended = (p: SpecPipelineProgress) => p.outcome !== 'running';
    const atRun = await waitForQuery<SpecPipelineProgress>(
      latest,
      (p) => ended(p) || (p.step === 'run' && p.runId !== undefined),
    );
    if (!ended(atRun)) h.simulator.control.completeRun(atRun.runId!);
    const atEvaluation = await waitForQuery<SpecPipelineProgress>(
      latest,
      (p) => ended(p) || (p.step === 'evaluation' && p.evaluationId !== undefined),
    );
    if (!ended(atEvaluation)) h.simulator.control.completeEvaluation(atEvaluation.evaluationId!);
    return latest.result();
  }

  function assertOneOfEach(h: SpecHarness, name: string, result: SpecPipelineResult, specId: string) {
    const counters = h.simulator.counters();
    assert.equal(result.specId, specId, 'the spec the first run made');
    assert.equal(counters.createdByName[name], 1, 'one spec');
    assert.equal(counters.specsTotal, 1, 'one spec');
    assert.equal(counters.runsTotal, 1, 'one run');
    assert.equal(counters.evaluationsTotal, 1, 'one evaluation');
  }

  it('3: the spec child had succeeded and the run exists: one spec, one run, one evaluation', async function () {
    const h = await createSpecHarness(world.env, world.bundle, { simulator: { completion: { manual: true } } });
    const { spec, result, specId } = await h.run(async () => {
      const { spec, handle } = await startPipeline(h);
      const specId = await specOfChild(handle);
      h.simulator.control.complete(specId, 'SUCCEEDED');
      await waitForQuery<SpecPipelineProgress>(handle, (p) => p.step === 'run' && p.runId !== undefined);
      await resetToFirstWorkflowTask(world.env, handle.workflowId, 'test: operator reset after the run was created');
      return { spec, specId, result: await finishJobs(h, handle.workflowId) };
    });
    assertOneOfEach(h, spec.name, result, specId);
  });

  it('3: the spec child was still running and the reset leaves it running: the pipeline waits for it and takes its spec', async function () {
    const h = await createSpecHarness(world.env, world.bundle, { simulator: { completion: { manual: true } } });
    const { spec, result, specId, childRuns } = await h.run(async () => {
      const { spec, handle } = await startPipeline(h);
      const specId = await specOfChild(handle);
      const child = world.env.client.workflow.getHandle(specWorkflowId(spec));
      const firstChildRunId = (await child.describe()).runId;
      await resetToFirstWorkflowTask(world.env, handle.workflowId, 'test: reset while the spec runs');
      // The dev server (1.32) keeps a reset parent's children: the child of the run before goes on.
      await refusedChildStart(handle.workflowId);
      assert.equal((await child.describe()).status.name, 'RUNNING');
      h.simulator.control.complete(specId, 'SUCCEEDED');
      const result = await finishJobs(h, handle.workflowId);
      return { spec, specId, result, childRuns: [firstChildRunId, (await child.describe()).runId] };
    });
    assertOneOfEach(h, spec.name, result, specId);
    assert.equal(childRuns[1], childRuns[0], 'the result of the child of the run before');
  });

  it("3: the spec child was still running and is cancelled (an older server's parent close policy): the new child adopts its spec", async function () {
    const h = await createSpecHarness(world.env, world.bundle, { simulator: { completion: { manual: true } } });
    const { spec, result, specId } = await h.run(async () => {
      const { spec, handle } = await startPipeline(h);
      const specId = await specOfChild(handle);
      const child = world.env.client.workflow.getHandle(specWorkflowId(spec));
      const firstChildRunId = (await child.describe()).runId;
      await resetToFirstWorkflowTask(world.env, handle.workflowId, 'test: reset while the spec runs');
      // What a server that applies the parent close policy on reset (REQUEST_CANCEL) does to that child.
      await world.env.client.workflow.getHandle(specWorkflowId(spec), firstChildRunId).cancel();
      // The new run's child: a new execution of the same workflow id, once the cancelled one has closed.
      const pipeline = world.env.client.workflow.getHandle<typeof specPipelineWorkflow>(handle.workflowId);
      for (let i = 0; ; i++) {
        const progress = await child.query<CreateSpecProgress>('getProgress').catch(() => undefined);
        if (progress?.phase === 'waiting' && (await child.describe()).runId !== firstChildRunId) {
          assert.equal(progress.specId, specId, 'the new child adopted the spec of the child before');
          assert.equal(progress.adopted, true);
          break;
        }
        const { status } = await pipeline.describe();
        if (status.name !== 'RUNNING') await pipeline.result(); // throws the pipeline's failure
        assert.ok(i < 600, `the new child never waited: ${JSON.stringify(progress)}`);
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      h.simulator.control.complete(specId, 'SUCCEEDED');
      return { spec, specId, result: await finishJobs(h, handle.workflowId) };
    });
    assertOneOfEach(h, spec.name, result, specId);
  });

  /** Waits until the pipeline's latest run has had a child start refused (the id held by the child before). */
  async function refusedChildStart(workflowId: string): Promise<void> {
    for (let i = 0; ; i++) {
      const history = await world.env.client.workflow.getHandle(workflowId).fetchHistory();
      if (history.events?.some((event) => event.startChildWorkflowExecutionFailedEventAttributes)) return;
      assert.ok(i < 300, 'the reset run never tried its spec child');
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
});
