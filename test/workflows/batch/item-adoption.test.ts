// Which existing spec a batch item may take as its own after a 429 storm (issue 21.7), on a real dev
// server: only one its own earlier spec child may have made, never one someone else made under the
// same name, before the storm or during it.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { createSpecsBatchItemWorkflow, type BatchItemOutcome } from '../../../src/workflows';
import { createSpecHarness, seedlessRequest, type SpecHarness } from '../../support/spec-harness';
import { useTemporalWorld } from '../../support/temporal-world';

const FAST_POLL = { initialInterval: '200 milliseconds', maximumInterval: '200 milliseconds', jitter: 0 };
/** Every create refused with a 429: a storm. */
const STORM = { rateLimit: { probability: 1, retryAfter: { seconds: 1 } }, endpoints: ['create' as const] };

describe('a batch item after a 429 storm adopts only its own spec (dev server)', function () {
  this.timeout(120_000);
  const world = useTemporalWorld('dev-server');

  async function until(done: () => boolean, what: string): Promise<void> {
    for (let i = 0; !done(); i++) {
      assert.ok(i < 600, `never saw ${what}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  /** Starts an item of no batch (its signals go nowhere) for `request`, two create attempts per child. */
  function startItem(h: SpecHarness, request: { name: string; generation_objectives: string }) {
    return world.env.client.workflow.start(createSpecsBatchItemWorkflow, {
      taskQueue: h.taskQueue,
      workflowId: `item-${randomUUID()}`,
      args: [
        {
          index: 0,
          batchWorkflowId: `no-batch-${randomUUID()}`,
          spec: { request, poll: FAST_POLL, createMaximumAttempts: 2 },
        },
      ],
    });
  }

  function assertConflict(outcome: BatchItemOutcome) {
    assert.equal(outcome.status, 'FAILED', JSON.stringify(outcome));
    assert.equal(outcome.failure?.type, 'SpecNameConflictError');
  }

  it("7: a same-name spec someone else made before the storm is not adopted: SpecNameConflictError under 'fail'", async function () {
    const h = await createSpecHarness(world.env, world.bundle, { simulator: { completion: { afterReads: 1 } } });
    const request = seedlessRequest('item-before');
    const outcome = await h.run(async () => {
      await h.client.createSpec(request);
      h.simulator.control.setFaults(STORM);
      const item = await startItem(h, request);
      // Both attempts of the first child refused: it fails with RateLimitError, and the storm ends.
      await until(() => h.simulator.counters().faults.rateLimit >= 2, 'the first child refused twice');
      h.simulator.control.setFaults({});
      return item.result();
    });
    assertConflict(outcome);
    assert.equal(h.simulator.counters().createdByName[request.name], 1, "only the other's spec");
  });

  it('7: a same-name spec someone else made during the storm is not adopted either', async function () {
    const h = await createSpecHarness(world.env, world.bundle, { simulator: { completion: { afterReads: 1 } } });
    const request = seedlessRequest('item-during');
    const outcome = await h.run(async () => {
      h.simulator.control.setFaults(STORM);
      const item = await startItem(h, request);
      await until(() => h.simulator.counters().faults.rateLimit >= 2, 'the first child refused twice');
      // The item waits 5 s before its next child: someone else takes the name meanwhile.
      h.simulator.control.setFaults({});
      await h.client.createSpec(request);
      return item.result();
    });
    assertConflict(outcome);
    assert.equal(h.simulator.counters().createdByName[request.name], 1, "only the other's spec");
  });

  it("7: the spec the item's own earlier child made through an ambiguous create is adopted: one spec", async function () {
    const h = await createSpecHarness(world.env, world.bundle, { simulator: { completion: { afterReads: 1 } } });
    const request = seedlessRequest('item-own');
    const outcome = await h.run(async () => {
      // The first POST makes the spec and answers 500; the lookups and POSTs after it are refused.
      h.simulator.control.injectOnce('ambiguousCreate', { mode: '500' });
      h.simulator.control.setFaults({ ...STORM, endpoints: ['create', 'list'] });
      const item = await startItem(h, request);
      await until(() => h.simulator.counters().faults.rateLimit >= 1, 'the first child refused after its create');
      await until(
        () => h.simulator.counters().requests.list + h.simulator.counters().requests.create >= 2,
        'two tries',
      );
      h.simulator.control.setFaults({});
      return item.result();
    });
    assert.equal(outcome.status, 'SUCCEEDED', JSON.stringify(outcome));
    const runs: string[] = [];
    for await (const run of world.env.client.workflow.list({ query: `WorkflowId = '${outcome.specWorkflowId}'` })) {
      runs.push(run.status.name);
    }
    assert.deepEqual(runs.sort(), ['COMPLETED', 'FAILED'], 'the first child failed; the second adopted its spec');
    assert.equal(h.simulator.counters().faults.ambiguousCreate, 1);
    assert.equal(h.simulator.counters().createdByName[request.name], 1, 'one spec');
    assert.equal(h.simulator.counters().specsTotal, 1);
  });
});
