import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import type { WorkflowHandle } from '@temporalio/client';
import { DataFramerClient } from '../../src/dataframer';
import type { createRunWorkflow } from '../../src/workflows';
import {
  describeOnDefaultDesign,
  FAST_POLL,
  startDurabilityWorld,
  waitFor,
  type DurabilityWorld,
} from './support/durability-world';
import { workerIdentitiesIn } from './support/measurements';

// A run is billed and has no unique name: a worker process killed with SIGKILL mid-run, or between
// DataFramer storing the run and its answer, must not lead to a second run.

describeOnDefaultDesign(
  'durability: createRunWorkflow with its worker process SIGKILLed on a real dev server',
  function () {
    this.timeout(120_000);
    let world: DurabilityWorld;
    let dataframer: DataFramerClient;

    beforeEach(async function () {
      world = await startDurabilityWorld({ completion: { manual: true } });
      dataframer = new DataFramerClient({ baseUrl: world.simulator.url, apiKey: world.simulator.apiKey });
    });

    afterEach(async function () {
      await dataframer?.close();
      await world?.close();
    });

    async function startRun(): Promise<{ specId: string; handle: WorkflowHandle<typeof createRunWorkflow> }> {
      const { id: specId } = await dataframer.createSpec({
        name: `kill-run-${randomUUID()}`,
        generation_objectives: 'x',
      });
      world.simulator.control.complete(specId, 'SUCCEEDED');
      const handle = await world.client.workflow.start<typeof createRunWorkflow>('createRunWorkflow', {
        taskQueue: world.taskQueue,
        workflowId: `durability-run-${randomUUID()}`,
        args: [{ request: { spec_id: specId, number_of_samples: 3 }, poll: FAST_POLL }],
        workflowExecutionTimeout: '5 minutes',
      });
      return { specId, handle };
    }

    const runGets = () => world.simulator.counters().jobRequests['run-get'];

    it('killed mid-run, a new worker finishes it with exactly one run', async function () {
      const first = world.spawnWorker();
      await first.ready();
      const { specId, handle } = await startRun();
      await waitFor('two run reads', () => runGets() >= 2 || undefined, 30_000);
      await first.kill9();
      const readsBeforeKill = runGets();
      const second = world.spawnWorker();
      await second.ready();
      await waitFor('a run read by the new worker', () => runGets() > readsBeforeKill || undefined, 60_000);
      const runs = await dataframer.listRuns();
      const ours = runs.filter((run) => run.spec_id === specId);
      assert.equal(ours.length, 1);
      world.simulator.control.completeRun(ours[0]!.id!);
      const result = await handle.result();
      assert.equal(result.status, 'SUCCEEDED');
      assert.equal(world.simulator.counters().runsCreatedBySpec[specId], 1);
      assert.equal(world.simulator.counters().jobRequests['run-create'], 1);
      const identities = await workerIdentitiesIn(handle);
      assert.ok(identities.has(first.identity) && identities.has(second.identity), [...identities].join(', '));
    });

    it('killed after DataFramer stored the run but before its answer, the retry adopts it: one run', async function () {
      world.simulator.control.injectOnce('slowMs', { endpoint: 'run-create', delayMs: 60_000 });
      const first = world.spawnWorker();
      await first.ready();
      const { specId, handle } = await startRun();
      await waitFor('the run stored', () => world.simulator.counters().runsCreatedBySpec[specId], 30_000);
      await first.kill9();
      const second = world.spawnWorker();
      await second.ready();
      // The retried create lists the spec's runs before anything else, and adopts.
      await waitFor('a run read by the new worker', () => runGets() > 0 || undefined, 90_000);
      const ours = (await dataframer.listRuns()).filter((run) => run.spec_id === specId);
      assert.equal(ours.length, 1);
      world.simulator.control.completeRun(ours[0]!.id!);
      const result = await handle.result();
      assert.equal(result.status, 'SUCCEEDED');
      assert.equal(result.runId, ours[0]!.id);
      assert.equal(world.simulator.counters().runsCreatedBySpec[specId], 1);
      assert.equal(world.simulator.counters().jobRequests['run-create'], 1);
    });
  },
);
