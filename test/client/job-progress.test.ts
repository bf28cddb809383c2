import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { getJobProgress, getPipelineProgress } from '../../src/client';
import {
  createRunWorkflow,
  getJobProgressQuery,
  getPipelineProgressQuery,
  specPipelineWorkflow,
  type JobWorkflowProgress,
  type SpecPipelineProgress,
} from '../../src/workflows';
import { createSpecHarness, seedlessRequest } from '../support/spec-harness';
import { useTemporalWorld } from '../support/temporal-world';
import { succeededSpec } from '../workflows/support/job-workflow-helpers';

// Real time on the dev server: the waiting activity's retries read the run while the test watches,
// and the workflow hears of none of them until the activity ends. The client helpers must show them.
const FAST_POLL = { initialInterval: '200 ms', maximumInterval: '300 ms', jitter: 0 } as const;

async function until<T>(probe: () => Promise<T>, done: (value: T) => boolean, what: string): Promise<T> {
  const deadline = Date.now() + 20_000;
  for (;;) {
    const value = await probe();
    if (done(value)) return value;
    if (Date.now() > deadline) assert.fail(`${what} never held: ${JSON.stringify(value)}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe('client: live progress of runs and pipelines on the dev server', function () {
  this.timeout(60_000);
  const world = useTemporalWorld('dev-server');

  it("getJobProgress: the run's reads, status and samplesCompleted while Temporal retries the waiting activity", async function () {
    const h = await createSpecHarness(world.env, world.bundle, { simulator: { completion: { manual: true } } });
    await h.run(async () => {
      const specId = await succeededSpec(h);
      const handle = await world.env.client.workflow.start(createRunWorkflow, {
        taskQueue: h.taskQueue,
        workflowId: `live-run-${randomUUID()}`,
        args: [{ request: { spec_id: specId, number_of_samples: 100 }, poll: FAST_POLL }],
      });
      const live = await until(
        () => getJobProgress(handle),
        (p) => p.reads >= 4 && Number(p.progress.samplesCompleted ?? 0) > 0,
        'four live reads with samples completed',
      );
      const queried: JobWorkflowProgress = await handle.query(getJobProgressQuery);
      assert.equal(queried.reads, 0, 'the workflow has not seen the reads of its running waiting activity');
      assert.equal(queried.progress.samplesCompleted, undefined, 'nor the samples completed');
      assert.equal(live.phase, 'waiting');
      assert.equal(live.lastStatus, 'PROCESSING');
      assert.equal(live.progress.numberOfSamples, 100);
      const samples = Number(live.progress.samplesCompleted);
      assert.ok(samples > 0 && samples < 100, `samplesCompleted ${samples}`);
      assert.ok(live.nextReadAt !== undefined && live.lastReadAt !== undefined, JSON.stringify(live));
      h.simulator.control.completeRun(live.id!);
      const result = await handle.result();
      assert.equal(result.status, 'SUCCEEDED');
    });
  });

  it("getPipelineProgress: the run step's live samplesCompleted, and the spec step's live reads", async function () {
    const h = await createSpecHarness(world.env, world.bundle, { simulator: { completion: { manual: true } } });
    await h.run(async () => {
      const spec = seedlessRequest(`live-pipeline-${randomUUID()}`);
      const handle = await world.env.client.workflow.start(specPipelineWorkflow, {
        taskQueue: h.taskQueue,
        workflowId: `live-pipeline-${randomUUID()}`,
        args: [{ spec, run: { number_of_samples: 100 }, poll: FAST_POLL }],
      });
      const atSpec = await until(
        () => getPipelineProgress(world.env.client, handle),
        (p) => (p.specProgress?.reads ?? 0) >= 2,
        'the spec child read twice',
      );
      assert.equal(atSpec.step, 'spec');
      assert.equal(atSpec.specProgress?.lastStatus, 'PROCESSING');
      h.simulator.control.complete(spec.name, 'SUCCEEDED');
      const atRun = await until(
        () => getPipelineProgress(world.env.client, handle),
        (p) => p.step === 'run' && Number(p.stepProgress?.progress.samplesCompleted ?? 0) > 0,
        'the run step with samples completed',
      );
      const queried: SpecPipelineProgress = await handle.query(getPipelineProgressQuery);
      assert.equal(queried.stepProgress?.progress.samplesCompleted, undefined, 'the workflow has not seen them');
      assert.ok(Number(atRun.stepProgress?.reads) >= 1, JSON.stringify(atRun));
      assert.equal(atRun.stepProgress?.lastStatus, 'PROCESSING');
      h.simulator.control.completeRun(atRun.runId!);
      const result = await handle.result();
      assert.equal(result.runId, atRun.runId);
    });
  });
});
