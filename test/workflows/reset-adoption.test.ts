// An operator's `temporal workflow reset --type FirstWorkflowTask` after the spec was created, on a
// real dev server (issue 9.3): the new run adopts its chain's spec instead of failing on its own name.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { getProgressQuery, type createSpecWorkflow, type CreateSpecProgress } from '../../src/workflows';
import { createSpecHarness, seedlessRequest } from '../support/spec-harness';
import { useTemporalWorld } from '../support/temporal-world';

async function until<T>(read: () => Promise<T>, done: (value: T) => boolean, what: string): Promise<T> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const value = await read().catch(() => undefined);
    if (value !== undefined && done(value)) return value;
    if (Date.now() > deadline) assert.fail(`never saw ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe('a workflow reset after the spec was created, on the dev server', function () {
  this.timeout(120_000);
  const world = useTemporalWorld('dev-server');

  it('9.3: reset to the first workflow task: the new run adopts the spec (DataFramer 45 s behind), no second POST', async function () {
    const h = await createSpecHarness(world.env, world.bundle, {
      simulator: { completion: { manual: true }, clockSkewMs: -45_000 },
    });
    const request = seedlessRequest('reset');
    const poll = { initialInterval: '1 second', maximumInterval: '1 second' } as const;
    const { result, firstRunId, resetRunId, specId } = await h.run(async () => {
      const handle = await h.start({ request, poll });
      const { specId } = await until<CreateSpecProgress>(
        () => handle.query(getProgressQuery),
        (p) => p.phase === 'waiting',
        'the spec created',
      );
      // What `temporal workflow reset --type FirstWorkflowTask` does: back to the first completed workflow task.
      const history = await handle.fetchHistory();
      const firstTask = history.events?.find((event) => event.workflowTaskCompletedEventAttributes);
      const { runId: resetRunId } = await world.env.client.workflowService.resetWorkflowExecution({
        namespace: world.env.namespace ?? 'default',
        workflowExecution: { workflowId: handle.workflowId, runId: handle.firstExecutionRunId },
        workflowTaskFinishEventId: firstTask?.eventId,
        requestId: randomUUID(),
        reason: 'test: operator reset after the create',
      });
      const latest = world.env.client.workflow.getHandle<typeof createSpecWorkflow>(handle.workflowId);
      await until<CreateSpecProgress>(
        () => latest.query(getProgressQuery),
        (p) => p.phase === 'waiting',
        'the reset run waiting',
      );
      h.simulator.control.complete(specId!);
      return { result: await latest.result(), firstRunId: handle.firstExecutionRunId, resetRunId, specId };
    });
    assert.notEqual(resetRunId, firstRunId);
    assert.equal(result.specId, specId, 'the reset run ends with the spec its chain made');
    assert.equal(h.simulator.counters().createdByName[request.name], 1);
    assert.equal(h.simulator.counters().requests.create, 1, 'the reset run looked the spec up instead of POSTing');
  });

  it('9.7: the record a failed create attempt beats with its failure reaches the next attempt on a real server', async function () {
    const h = await createSpecHarness(world.env, world.bundle, { simulator: { completion: { manual: true } } });
    const request = seedlessRequest('record');
    const details = await h.run(async () => {
      h.simulator.control.injectOnce('ambiguousCreate', { mode: '500' });
      const handle = await h.start({ request });
      const pending = await until(
        () => handle.describe().then((d) => d.raw.pendingActivities?.[0]),
        (activity) => Boolean(activity?.lastFailure),
        'the failed first attempt',
      );
      await handle.terminate('test over');
      const payloads = pending?.heartbeatDetails?.payloads ?? [];
      return payloads.map((payload) => JSON.parse(Buffer.from(payload.data ?? []).toString('utf8')) as unknown);
    });
    assert.deepEqual(details, [{ mayHaveCreated: true }]);
  });
});
