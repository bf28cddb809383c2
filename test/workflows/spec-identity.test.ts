// Which spec a workflow ends with: its own scope's, exactly once, whatever DataFramer's clock says,
// and none left behind by a cancellation during the create (issues 9 and 14), on the time-skipping server.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { CancelledFailure, Client, WorkflowFailedError } from '@temporalio/client';
import { executeCreateSpec, startCreateSpec } from '../../src/client';
import { specWorkflowId } from '../../src/common/constants';
import { createSpecHarness, seedlessRequest } from '../support/spec-harness';
import { useTemporalWorld } from '../support/temporal-world';

const FAST_POLL = { initialInterval: '1 second', maximumInterval: '5 seconds' } as const;
const ALWAYS_AMBIGUOUS = { ambiguousCreate: { probability: 1, mode: '500' as const }, endpoints: ['create' as const] };

async function until(condition: () => boolean, what: string): Promise<void> {
  const deadline = Date.now() + 20_000;
  while (!condition()) {
    if (Date.now() > deadline) assert.fail(`never saw ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('spec identity and adoption on the time-skipping server', function () {
  this.timeout(120_000);
  const world = useTemporalWorld('time-skipping');
  // Concurrent results through the time-skipping client can skip time past a workflow task still on
  // the worker (it then times out, over and over, for ten skipped years): these tests wait in real time.
  const realTimeClient = () => new Client({ connection: world.env.connection, namespace: world.env.namespace });

  it('9.1: one name seedless, in dataset A and in dataset B: three workflows, three specs, each its own', async function () {
    const h = await createSpecHarness(world.env, world.bundle, { simulator: { completion: { afterReads: 1 } } });
    const name = `same-name-${randomUUID()}`;
    const [datasetA, datasetB] = [randomUUID(), randomUUID()];
    const requests = [
      { name, generation_objectives: 'Seedless reviews' },
      { name, dataset_id: datasetA },
      { name, dataset_id: datasetB },
    ];
    const options = { taskQueue: h.taskQueue };
    const { ids, results } = await h.run(async () => {
      const handles = await Promise.all(
        requests.map((request) => startCreateSpec(realTimeClient(), { request, poll: FAST_POLL }, options)),
      );
      return {
        ids: handles.map((handle) => handle.workflowId),
        results: await Promise.all(handles.map((handle) => handle.result())),
      };
    });
    assert.equal(new Set(ids).size, 3, ids.join(', '));
    assert.deepEqual(ids, requests.map(specWorkflowId));
    const specs = h.simulator.specs();
    assert.equal(specs.length, 3);
    assert.equal(new Set(results.map((result) => result.specId)).size, 3);
    for (const [i, result] of results.entries()) {
      const spec = specs.find((s) => s.id === result.specId);
      assert.equal(spec?.dataset_id ?? null, requests[i]?.dataset_id ?? null, `caller ${i} got its own scope's spec`);
    }
  });

  for (const skewMs of [-45_000, -3_600_000, 3_600_000]) {
    it(`14.3: DataFramer ${skewMs / 1000} s off and every create 500 after committing: three workflows succeed, one spec each`, async function () {
      const h = await createSpecHarness(world.env, world.bundle, {
        simulator: { completion: { afterReads: 1 }, clockSkewMs: skewMs, faults: ALWAYS_AMBIGUOUS },
      });
      const requests = [
        seedlessRequest('skew-a'),
        seedlessRequest('skew-b'),
        { name: `skew-c-${randomUUID()}`, dataset_id: randomUUID() },
      ];
      const results = await h.run(() =>
        Promise.all(
          requests.map((request) =>
            executeCreateSpec(realTimeClient(), { request, poll: FAST_POLL }, { taskQueue: h.taskQueue }),
          ),
        ),
      );
      assert.deepEqual(
        results.map((result) => result.status),
        ['SUCCEEDED', 'SUCCEEDED', 'SUCCEEDED'],
      );
      for (const request of requests) assert.equal(h.simulator.counters().createdByName[request.name], 1, request.name);
      assert.equal(h.simulator.counters().requests.create, 3, 'each retry adopted instead of POSTing again');
      // The create's retry is server-side: the lost answer costs no history event.
      for (const request of requests) {
        const history = await realTimeClient().workflow.getHandle(specWorkflowId(request)).fetchHistory();
        const scheduled = history.events?.filter((event) => event.activityTaskScheduledEventAttributes).length;
        assert.equal(scheduled, 2, 'one create and one waiting activity');
        assert.ok((history.events?.length ?? 0) <= 25, `history of ${history.events?.length} events`);
      }
    });
  }

  it("ifNameExists 'adopt' waits for the same-scope spec that already existed; the default fails", async function () {
    const h = await createSpecHarness(world.env, world.bundle, { simulator: { completion: { afterReads: 1 } } });
    const request = seedlessRequest('adopt-existing');
    const { failure, adopted, existingId } = await h.run(async () => {
      const existing = await h.client.createSpec(request);
      const failure = await (await h.start({ request, poll: FAST_POLL })).result().catch((err: unknown) => err);
      const adopted = await (await h.start({ request, poll: FAST_POLL, ifNameExists: 'adopt' })).result();
      return { failure, adopted, existingId: existing.id };
    });
    assert.ok(failure instanceof WorkflowFailedError);
    assert.equal((failure.cause as { type?: string }).type, 'SpecNameConflictError');
    assert.equal(adopted.specId, existingId);
    assert.equal(h.simulator.counters().createdByName[request.name], 1);
  });

  it("9.8: cancelled while the create is in flight, onCancel 'delete' deletes the spec that create made", async function () {
    const h = await createSpecHarness(world.env, world.bundle, { simulator: { completion: { manual: true } } });
    const request = seedlessRequest('cancel-mid-create');
    const cause = await h.run(async () => {
      // Stored at once, answered 1.5 s later: the cancellation arrives while the POST's answer is on its way.
      h.simulator.control.injectOnce('slowMs', { endpoint: 'create', delayMs: 1_500 });
      const handle = await h.start({ request, onCancel: 'delete' });
      await until(() => h.simulator.specs().length === 1, 'the spec stored');
      await handle.cancel();
      const err = await handle.result().catch((e: unknown) => e);
      return err instanceof WorkflowFailedError ? err.cause : err;
    });
    assert.ok(cause instanceof CancelledFailure, `got ${String(cause)}`);
    assert.equal(h.simulator.counters().requests.delete, 1);
    assert.deepEqual(h.simulator.specs(), [], 'no spec left behind');
  });
});
