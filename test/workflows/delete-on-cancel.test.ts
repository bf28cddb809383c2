// The deleteOnCancel signal (the CLI's `cancel --delete`): a workflow started to abandon its spec
// deletes it when cancelled after the signal, also when the signal came before a continue-as-new.
import assert from 'node:assert/strict';
import { CancelledFailure, WorkflowFailedError } from '@temporalio/client';
import { deleteOnCancelSignal, getProgressQuery } from '../../src/workflows';
import { createSpecHarness, seedlessRequest } from '../support/spec-harness';
import { useTemporalWorld } from '../support/temporal-world';

describe('createSpecWorkflow: the deleteOnCancel signal', function () {
  this.timeout(60_000);
  const world = useTemporalWorld('time-skipping');

  it('deletes the spec on cancellation, whatever onCancel it started with, across continue-as-new', async function () {
    const h = await createSpecHarness(world.env, world.bundle, { simulator: { completion: { manual: true } } });
    const request = seedlessRequest('delete-on-cancel');
    const { cause, runs } = await h.run(async () => {
      // One read per run: every read continues as new, so the signal must travel in the carried input.
      const handle = await h.start({
        request,
        onCancel: 'abandon',
        pollingDesign: 'timer-activity',
        continueAsNewAfterReads: 1,
        poll: { initialInterval: '200 milliseconds', maximumInterval: '200 milliseconds' },
      });
      await handle.signal(deleteOnCancelSignal);
      const latest = world.env.client.workflow.getHandle(handle.workflowId);
      // A query that reaches a run as it continues as new can wait forever on this server: ask again.
      const runsNow = () =>
        world.env.client
          .withDeadline(Date.now() + 1_000, () => latest.query(getProgressQuery))
          .then(
            (progress) => progress.runs,
            () => 0,
          );
      const deadline = Date.now() + 20_000;
      let runs = await runsNow();
      while (runs < 3 && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 100));
        runs = Math.max(runs, await runsNow());
      }
      await latest.cancel();
      const cause = await latest.result().then(
        () => assert.fail('expected a cancellation'),
        (err: unknown) => (err instanceof WorkflowFailedError ? err.cause : err),
      );
      return { cause, runs };
    });
    assert.ok(cause instanceof CancelledFailure, `got ${String(cause)}`);
    assert.ok(runs >= 3, `only ${runs} runs before the cancellation`);
    assert.equal(h.simulator.counters().requests.delete, 1);
    assert.equal(
      h.simulator.specs().some((spec) => spec.name === request.name),
      false,
    );
  });
});
