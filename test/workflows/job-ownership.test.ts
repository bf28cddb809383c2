// Issue 21: runs and evaluations are billed, so a create adopts only what its own workflow may have
// made. Two callers asking for the same run get two runs; an ambiguous create (its answer lost) with
// DataFramer's clock 45 s behind still ends with one; two identical creates that cannot be told apart
// fail with `CreateAmbiguous` instead of handing one run to two owners.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { ApplicationFailure } from '@temporalio/client';
import {
  createEvaluationWorkflow,
  specPipelineWorkflow,
  type CreateEvaluationWorkflowInput,
  type CreateRunWorkflowInput,
  type JobWorkflowProgress,
} from '../../src/workflows';
import { createSpecHarness, seedlessRequest, type SpecHarness, type SpecHarnessOptions } from '../support/spec-harness';
import { useTemporalWorld } from '../support/temporal-world';
import {
  FAST_POLL,
  failureOf,
  succeededRun,
  succeededSpec,
  waitForQuery,
  startRunWorkflow,
} from './support/job-workflow-helpers';

describe('run and evaluation ownership on the time-skipping server', function () {
  this.timeout(180_000);
  const world = useTemporalWorld('time-skipping');
  const harness = (options?: SpecHarnessOptions) => createSpecHarness(world.env, world.bundle, options);
  const startRun = (h: SpecHarness, input: CreateRunWorkflowInput) => startRunWorkflow(world, h, input);
  const startEvaluation = (h: SpecHarness, input: CreateEvaluationWorkflowInput) =>
    world.env.client.workflow.start(createEvaluationWorkflow, {
      taskQueue: h.taskQueue,
      workflowId: `evaluation-${randomUUID()}`,
      args: [input],
    });
  const hasId = (p: JobWorkflowProgress) => p.id !== undefined && p.phase === 'waiting';
  const manual = { completion: { manual: true } };
  const behind = { ...manual, clockSkewMs: -45_000 };

  it('two callers, same spec and parameters, a second apart: DataFramer gets two runs, each caller its own', async function () {
    const h = await harness({ simulator: manual });
    const { specId, first, second } = await h.run(async () => {
      const specId = await succeededSpec(h);
      // Two halves of 40,000 samples, asked for by two callers.
      const request = { spec_id: specId, number_of_samples: 20_000 };
      const a = await startRun(h, { request, poll: FAST_POLL });
      const idA = (await waitForQuery<JobWorkflowProgress>(a, hasId)).id!;
      await sleep(1_000);
      const b = await startRun(h, { request, poll: FAST_POLL });
      const idB = (await waitForQuery<JobWorkflowProgress>(b, hasId)).id!;
      h.simulator.control.completeRun(idA);
      if (idB !== idA) h.simulator.control.completeRun(idB);
      return { specId, first: await a.result(), second: await b.result() };
    });
    assert.equal(h.simulator.counters().runsCreatedBySpec[specId], 2, 'two callers, two runs');
    assert.equal(h.simulator.counters().jobRequests['run-list'], 0, 'neither first attempt looked');
    assert.notEqual(first.runId, second.runId, 'each caller its own run');
    const stored = h.simulator.runs().map((run) => run.id);
    assert.ok(stored.includes(first.runId) && stored.includes(second.runId));
  });

  for (const mode of ['500', 'drop'] as const) {
    it(`an ambiguous run create (${mode}) with DataFramer's clock 45 s behind: exactly one run, adopted`, async function () {
      const h = await harness({ simulator: behind, activities: { createSettleMs: 2_000 } });
      const { specId, result } = await h.run(async () => {
        const specId = await succeededSpec(h);
        h.simulator.control.injectOnce('ambiguousCreate', { endpoint: 'run-create', mode });
        const handle = await startRun(h, { request: { spec_id: specId, number_of_samples: 3 }, poll: FAST_POLL });
        const { id } = await waitForQuery<JobWorkflowProgress>(handle, hasId);
        h.simulator.control.completeRun(id!);
        return { specId, result: await handle.result() };
      });
      assert.equal(h.simulator.counters().faults.ambiguousCreate, 1);
      assert.equal(h.simulator.counters().runsCreatedBySpec[specId], 1, 'never a second billed run');
      assert.equal(result.runId, h.simulator.runs().find((run) => run.spec_id === specId)?.id);
    });
  }

  it('a pipeline whose run and evaluation creates are ambiguous, DataFramer 45 s behind: one of each, the model said', async function () {
    const h = await harness({ simulator: { completion: { afterReads: 2 }, clockSkewMs: -45_000 } });
    const spec = seedlessRequest('owned-pipeline');
    const result = await h.run(async () => {
      h.simulator.control.injectOnce('ambiguousCreate', { endpoint: 'run-create', mode: '500' });
      h.simulator.control.injectOnce('ambiguousCreate', { endpoint: 'evaluation-create', mode: '500' });
      const handle = await world.env.client.workflow.start(specPipelineWorkflow, {
        taskQueue: h.taskQueue,
        workflowId: `pipeline-${randomUUID()}`,
        args: [
          {
            spec,
            run: { number_of_samples: 3 },
            evaluation: { evaluation_model: 'judge/a' },
            poll: FAST_POLL,
          },
        ],
      });
      return handle.result();
    });
    const counters = h.simulator.counters();
    assert.equal(counters.faults.ambiguousCreate, 2);
    assert.equal(counters.runsCreatedBySpec[result.specId], 1, 'one run');
    assert.equal(counters.evaluationsCreatedByRun[result.runId], 1, 'one evaluation');
    assert.equal(result.evaluationModel, 'judge/a');
  });

  for (const echo of [true, false]) {
    const server = echo ? 'a server that echoes the model' : 'a server that does not echo the model';
    it(`one run evaluated with model A, then model B (${server}): two evaluations, each result its own model`, async function () {
      const h = await harness({ simulator: { ...manual, echoEvaluationModel: echo } });
      const { runId, a, b } = await h.run(async () => {
        const runId = await succeededRun(h);
        const first = await startEvaluation(h, {
          request: { run_id: runId, evaluation_model: 'judge/a' },
          poll: FAST_POLL,
        });
        const idA = (await waitForQuery<JobWorkflowProgress>(first, hasId)).id!;
        const second = await startEvaluation(h, {
          request: { run_id: runId, evaluation_model: 'judge/b' },
          poll: FAST_POLL,
        });
        const idB = (await waitForQuery<JobWorkflowProgress>(second, hasId)).id!;
        h.simulator.control.completeEvaluation(idA);
        if (idB !== idA) h.simulator.control.completeEvaluation(idB);
        return { runId, a: await first.result(), b: await second.result() };
      });
      assert.equal(h.simulator.counters().evaluationsCreatedByRun[runId], 2, 'two evaluations');
      assert.notEqual(a.evaluationId, b.evaluationId);
      assert.deepEqual([a.evaluationModel, b.evaluationModel], ['judge/a', 'judge/b']);
      if (echo) {
        assert.equal(a.evaluation.evaluation_model, 'judge/a');
        assert.equal(b.evaluation.evaluation_model, 'judge/b');
      }
    });
  }

  it('two identical creates racing inside one ambiguous window: CreateAmbiguous naming both runs, none handed over', async function () {
    const h = await harness({ simulator: manual });
    const { specId, cause, ours, theirs } = await h.run(async () => {
      const specId = await succeededSpec(h);
      const request = { spec_id: specId, number_of_samples: 20_000 };
      // Our POST stores the run, then answers a 500 three seconds later; another caller's identical
      // run is created inside those three seconds.
      h.simulator.control.setFaults({
        slowMs: { probability: 1, delayMs: 3_000 },
        ambiguousCreate: { probability: 1, mode: '500' },
        endpoints: ['run-create'],
      });
      const handle = await startRun(h, { request, poll: FAST_POLL });
      const deadline = Date.now() + 20_000;
      while ((h.simulator.counters().runsCreatedBySpec[specId] ?? 0) < 1) {
        assert.ok(Date.now() < deadline, 'our POST never arrived');
        await sleep(20);
      }
      h.simulator.control.setFaults({});
      const ours = h.simulator.runs().find((run) => run.spec_id === specId)?.id as string;
      const theirs = (await h.client.createRun(request)).id;
      return { specId, ours, theirs, cause: await failureOf(handle.result()) };
    });
    assert.ok(cause instanceof ApplicationFailure, String(cause));
    assert.deepEqual([cause.type, cause.nonRetryable], ['CreateAmbiguous', true]);
    assert.ok(cause.message.includes(ours) && cause.message.includes(theirs), cause.message);
    assert.equal(h.simulator.counters().runsCreatedBySpec[specId], 2, 'no third run');
  });
});
