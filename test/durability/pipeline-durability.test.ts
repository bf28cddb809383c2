import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import type { WorkflowHandle } from '@temporalio/client';
import { getPipelineProgress } from '../../src/client';
import type { SpecPipelineProgress, specPipelineWorkflow } from '../../src/workflows';
import {
  describeOnDefaultDesign,
  FAST_POLL,
  seedlessRequest,
  startDurabilityWorld,
  uniqueName,
  waitFor,
  type DurabilityWorld,
} from './support/durability-world';
import { workerIdentitiesIn } from './support/measurements';

// One spec -> run -> evaluation pipeline on a real dev server, broken in every step: the worker
// process SIGKILLed while the spec, the run and the evaluation are each under way (a new process
// takes over each time), and the Temporal server restarted during the run. Nothing may be lost or
// made twice: one spec, one run (billed), one evaluation.

describeOnDefaultDesign(
  'durability: specPipelineWorkflow with a worker SIGKILLed in every step and the server restarted',
  function () {
    this.timeout(240_000);
    let world: DurabilityWorld;

    beforeEach(async function () {
      world = await startDurabilityWorld({ completion: { manual: true } });
    });

    afterEach(async function () {
      await world?.close();
    });

    const jobRequests = () => world.simulator.counters().jobRequests;

    /** The pipeline's progress once `done` holds (queries fail while a worker is down: retried). */
    async function progressWhen(
      handle: WorkflowHandle<typeof specPipelineWorkflow>,
      done: (progress: SpecPipelineProgress) => boolean,
    ): Promise<SpecPipelineProgress> {
      return waitFor(
        'the pipeline progress',
        async () => {
          const progress = await getPipelineProgress(world.client, handle).catch(() => undefined);
          return progress !== undefined && done(progress) ? progress : undefined;
        },
        90_000,
      );
    }

    /** Kills the worker, starts a new one, and waits until it has made `reads()` move. */
    async function replaceWorker(current: ReturnType<DurabilityWorld['spawnWorker']>, reads: () => number) {
      await current.kill9();
      const before = reads();
      const next = world.spawnWorker();
      await next.ready();
      await waitFor('a status read by the new worker', () => reads() > before || undefined, 90_000);
      return next;
    }

    it('ends with exactly one spec, one run and one evaluation, each step finished by another process', async function () {
      const name = uniqueName('pipeline-durability');
      const spawned = [world.spawnWorker()];
      await spawned[0]!.ready();
      const handle = await world.client.workflow.start<typeof specPipelineWorkflow>('specPipelineWorkflow', {
        taskQueue: world.taskQueue,
        workflowId: `durability-pipeline-${randomUUID()}`,
        args: [{ spec: seedlessRequest(name), run: { number_of_samples: 3 }, evaluation: {}, poll: FAST_POLL }],
        workflowExecutionTimeout: '5 minutes',
      });
      const steps: SpecPipelineProgress[] = [];

      // Spec step: killed while the spec child polls.
      await progressWhen(handle, (p) => p.step === 'spec');
      await waitFor('two spec reads', () => world.reads() >= 2 || undefined, 60_000);
      spawned.push(await replaceWorker(spawned.at(-1)!, () => world.reads()));
      steps.push(await progressWhen(handle, (p) => p.step === 'spec'));
      world.simulator.control.complete(name, 'SUCCEEDED');

      // Run step: killed mid-run, then the Temporal server restarted under the new worker.
      const runGets = () => jobRequests()['run-get'];
      await progressWhen(handle, (p) => p.step === 'run' && p.runId !== undefined);
      await waitFor('two run reads', () => runGets() >= 2 || undefined, 60_000);
      spawned.push(await replaceWorker(spawned.at(-1)!, runGets));
      await world.restartServer(1_000);
      const runGetsAtRestart = runGets();
      await waitFor('a run read after the restart', () => runGets() > runGetsAtRestart || undefined, 90_000);
      const atRun = await progressWhen(handle, (p) => p.step === 'run' && p.stepProgress?.phase === 'waiting');
      steps.push(atRun);
      world.simulator.control.completeRun(atRun.runId!);

      // Evaluation step: killed while the evaluation is polled.
      const evaluationGets = () => jobRequests()['evaluation-get'];
      await progressWhen(handle, (p) => p.step === 'evaluation' && p.evaluationId !== undefined);
      await waitFor('two evaluation reads', () => evaluationGets() >= 2 || undefined, 60_000);
      spawned.push(await replaceWorker(spawned.at(-1)!, evaluationGets));
      const atEvaluation = await progressWhen(handle, (p) => p.step === 'evaluation');
      steps.push(atEvaluation);
      world.simulator.control.completeEvaluation(atEvaluation.evaluationId!);

      const result = await handle.result();
      const done = await handle.query<SpecPipelineProgress>('getProgress');
      console.log(
        `      progress at each step:\n${[...steps, done].map((p) => `        ${JSON.stringify(p)}`).join('\n')}`,
      );

      assert.deepEqual(
        steps.map((p) => p.step),
        ['spec', 'run', 'evaluation'],
      );
      assert.equal(done.step, 'done');
      assert.equal(done.outcome, 'succeeded');
      assert.equal(result.runId, atRun.runId);
      assert.equal(result.evaluationId, atEvaluation.evaluationId);
      const counters = world.simulator.counters();
      assert.equal(counters.createdByName[name], 1, 'one spec');
      assert.equal(counters.requests.create, 1, 'one spec POST');
      assert.equal(counters.runsTotal, 1, 'one run');
      assert.equal(counters.jobRequests['run-create'], 1, 'one run POST');
      assert.equal(counters.evaluationsTotal, 1, 'one evaluation');
      assert.equal(counters.jobRequests['evaluation-create'], 1, 'one evaluation POST');
      // The pipeline's own history was worked on by every process after the first kill.
      const identities = await workerIdentitiesIn(handle);
      for (const worker of spawned.slice(1)) assert.ok(identities.has(worker.identity), [...identities].join(', '));
    });
  },
);
