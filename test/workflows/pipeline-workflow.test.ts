import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { ApplicationFailure, CancelledFailure } from '@temporalio/client';
import {
  createEvaluationWorkflow,
  getProgressQuery,
  specPipelineWorkflow,
  type CreateSpecProgress,
  type JobWorkflowProgress,
  type SpecPipelineInput,
  type SpecPipelineProgress,
} from '../../src/workflows';
import { createSpecHarness, seedlessRequest, type SpecHarness, type SpecHarnessOptions } from '../support/spec-harness';
import { useTemporalWorld } from '../support/temporal-world';
import { FAST_POLL, failureOf, succeededRun, waitForQuery } from './support/job-workflow-helpers';

describe('createEvaluationWorkflow and specPipelineWorkflow on the time-skipping server', function () {
  this.timeout(120_000);
  const world = useTemporalWorld('time-skipping');
  const harness = (options?: SpecHarnessOptions) => createSpecHarness(world.env, world.bundle, options);
  const manual = { simulator: { completion: { manual: true } } };
  const startPipeline = (h: SpecHarness, input: SpecPipelineInput) =>
    world.env.client.workflow.start(specPipelineWorkflow, {
      taskQueue: h.taskQueue,
      workflowId: `pipeline-${randomUUID()}`,
      args: [input],
    });

  it('evaluates a run to SUCCEEDED, and fails with EvaluationFailed carrying DataFramer message', async function () {
    const h = await harness(manual);
    const { result, cause } = await h.run(async () => {
      const run = async () => {
        const runId = await succeededRun(h);
        return world.env.client.workflow.start(createEvaluationWorkflow, {
          taskQueue: h.taskQueue,
          workflowId: `evaluation-${randomUUID()}`,
          args: [{ request: { run_id: runId }, poll: FAST_POLL }],
        });
      };
      const [good, bad] = [await run(), await run()];
      const hasId = (p: JobWorkflowProgress) => p.id !== undefined && p.phase === 'waiting';
      const goodId = (await waitForQuery<JobWorkflowProgress>(good, hasId)).id!;
      const badId = (await waitForQuery<JobWorkflowProgress>(bad, hasId)).id!;
      h.simulator.control.completeEvaluation(goodId);
      h.simulator.control.failEvaluation(badId, 'judge model unavailable');
      return { result: await good.result(), cause: await failureOf(bad.result()) };
    });
    assert.equal(result.status, 'SUCCEEDED');
    assert.equal(result.evaluation.status, 'SUCCEEDED');
    assert.ok(cause instanceof ApplicationFailure);
    assert.equal(cause.type, 'EvaluationFailed');
    assert.match(cause.message, /judge model unavailable/);
  });

  it('runs spec → run → evaluation, its getProgress naming each step and that step’s progress', async function () {
    const h = await harness(manual);
    const seen: Record<string, unknown> = {};
    const result = await h.run(async () => {
      const handle = await startPipeline(h, {
        spec: seedlessRequest('pipeline'),
        run: { number_of_samples: 4 },
        evaluation: {},
        poll: FAST_POLL,
      });
      const atSpec = await waitForQuery<SpecPipelineProgress>(handle, (p) => p.step === 'spec');
      const child = world.env.client.workflow.getHandle(atSpec.specWorkflowId!);
      const specProgress = await waitForQuery<CreateSpecProgress>(child, (p) => p.specId !== undefined);
      seen.spec = { pipeline: atSpec, specChild: await child.query(getProgressQuery) };
      h.simulator.control.complete(specProgress.specId!, 'SUCCEEDED');
      const atRun = await waitForQuery<SpecPipelineProgress>(
        handle,
        (p) => p.step === 'run' && (p.stepProgress?.reads ?? 0) >= 2,
      );
      seen.run = atRun;
      h.simulator.control.completeRun(atRun.runId!);
      const atEvaluation = await waitForQuery<SpecPipelineProgress>(
        handle,
        (p) => p.step === 'evaluation' && p.stepProgress?.id !== undefined,
      );
      seen.evaluation = atEvaluation;
      h.simulator.control.completeEvaluation(atEvaluation.evaluationId!);
      const result = await handle.result();
      seen.done = await handle.query<SpecPipelineProgress>('getProgress');
      return result;
    });
    if (process.env.PIPELINE_PROGRESS_OUT)
      writeFileSync(process.env.PIPELINE_PROGRESS_OUT, JSON.stringify(seen, null, 2));
    const run = seen.run as SpecPipelineProgress;
    assert.equal(run.stepProgress?.kind, 'run');
    assert.equal(run.stepProgress?.progress.numberOfSamples, 4);
    assert.equal(typeof run.stepProgress?.progress.samplesCompleted, 'number');
    assert.equal((seen.done as SpecPipelineProgress).step, 'done');
    assert.equal((seen.done as SpecPipelineProgress).outcome, 'succeeded');
    assert.ok(result.evaluationId);
    assert.equal(result.runId, run.runId);
    assert.equal((result.run as { status: string }).status, 'SUCCEEDED');
    assert.equal((result.evaluation as { status: string }).status, 'SUCCEEDED');
    assert.match(String((result.spec as { content_yaml?: string }).content_yaml), /\S/);
    assert.equal(h.simulator.counters().runsTotal, 1);
    assert.equal(h.simulator.counters().evaluationsTotal, 1);
  });

  it('continues as new mid-run, carrying its state, and ends with one spec, one run and no evaluation', async function () {
    const h = await harness({ simulator: { completion: { afterReads: 8 } } });
    const { result, progress } = await h.run(async () => {
      const handle = await startPipeline(h, {
        spec: seedlessRequest('long-pipeline'),
        run: { number_of_samples: 3 },
        continueAsNewAfterReads: 3,
        pollingDesign: 'timer-activity',
      });
      const result = await handle.result();
      const last = world.env.client.workflow.getHandle(handle.workflowId);
      return { result, progress: await last.query<SpecPipelineProgress>('getProgress') };
    });
    assert.equal(result.evaluationId, undefined);
    assert.equal((result.run as { status: string }).status, 'SUCCEEDED');
    assert.ok(progress.runs >= 3, `runs ${progress.runs}`);
    assert.equal(progress.step, 'done');
    assert.equal(h.simulator.counters().specsTotal, 1);
    assert.equal(h.simulator.counters().runsTotal, 1);
  });

  it('names the failed step (run FAILED: RunGenerationFailed, step run)', async function () {
    const h = await harness(manual);
    const cause = await h.run(async () => {
      const handle = await startPipeline(h, {
        spec: seedlessRequest('doomed-run'),
        run: { number_of_samples: 2 },
        poll: FAST_POLL,
      });
      const atSpec = await waitForQuery<SpecPipelineProgress>(handle, (p) => p.specWorkflowId !== undefined);
      const child = world.env.client.workflow.getHandle(atSpec.specWorkflowId!);
      const { specId } = await waitForQuery<CreateSpecProgress>(child, (p) => p.specId !== undefined);
      h.simulator.control.complete(specId!, 'SUCCEEDED');
      const atRun = await waitForQuery<SpecPipelineProgress>(handle, (p) => p.runId !== undefined);
      h.simulator.control.failRun(atRun.runId!, 'out of credits');
      return failureOf(handle.result());
    });
    assert.ok(cause instanceof ApplicationFailure);
    assert.equal(cause.type, 'RunGenerationFailed');
    assert.match(cause.message, /^Pipeline step run failed: .*out of credits/);
    assert.equal((cause.details?.[0] as { step: string }).step, 'run');
  });

  it("cancelling during the run step with onCancel 'cancel' cancels the run on DataFramer", async function () {
    const h = await harness(manual);
    const { cause, runStatus } = await h.run(async () => {
      const handle = await startPipeline(h, {
        spec: seedlessRequest('cancelled-pipeline'),
        run: { number_of_samples: 2 },
        onCancel: 'cancel',
        poll: FAST_POLL,
      });
      const atSpec = await waitForQuery<SpecPipelineProgress>(handle, (p) => p.specWorkflowId !== undefined);
      const child = world.env.client.workflow.getHandle(atSpec.specWorkflowId!);
      const { specId } = await waitForQuery<CreateSpecProgress>(child, (p) => p.specId !== undefined);
      h.simulator.control.complete(specId!, 'SUCCEEDED');
      const atRun = await waitForQuery<SpecPipelineProgress>(handle, (p) => p.runId !== undefined);
      await handle.cancel();
      const cause = await failureOf(handle.result());
      return { cause, runStatus: (await h.client.getRun(atRun.runId!)).status };
    });
    assert.ok(cause instanceof CancelledFailure, String(cause));
    assert.equal(runStatus, 'CANCELED');
    assert.equal(h.simulator.counters().runsCanceled, 1);
  });
});
